//! Property test: whatever sequence of scale, pod deletion, template change, rollback and
//! ReplicaSet deletion a learner throws at a Deployment, the controllers converge: the desired
//! number of Running pods of the current template, one active ReplicaSet, no orphans.

use kubeplay::cluster::api::DeleteOptions;
use kubeplay::cluster::controllers::deployment::without_hash;
use kubeplay::cluster::objects::pod::EnvVar;
use kubeplay::cluster::objects::{Deployment, Kind, Object, Pod, ReplicaSet};
use kubeplay::cluster::Cluster;
use proptest::prelude::*;
use std::collections::BTreeSet;

#[derive(Clone, Debug)]
enum Step {
    Scale(i64),
    DeletePod(usize),
    ChangeTemplate(u8),
    Undo,
    DeleteReplicaSet(usize),
    Wait(i64),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (0i64..6).prop_map(Step::Scale),
        (0usize..8).prop_map(Step::DeletePod),
        (0u8..3).prop_map(Step::ChangeTemplate),
        Just(Step::Undo),
        (0usize..4).prop_map(Step::DeleteReplicaSet),
        (0i64..20_000).prop_map(Step::Wait),
    ]
}

fn deployment(c: &Cluster) -> Deployment {
    match c.read(Kind::Deployment, "default", "web") {
        Ok(Object::Deployment(d)) => d,
        other => panic!("deployment vanished: {other:?}"),
    }
}

fn pods(c: &Cluster) -> Vec<Pod> {
    c.list(Kind::Pod, Some("default")).into_iter().filter_map(|o| match o { Object::Pod(p) => Some(p), _ => None }).collect()
}

fn replica_sets(c: &Cluster) -> Vec<ReplicaSet> {
    c.list(Kind::ReplicaSet, Some("default")).into_iter().filter_map(|o| match o { Object::ReplicaSet(r) => Some(r), _ => None }).collect()
}

fn apply(c: &mut Cluster, step: &Step, history: &mut Vec<Deployment>) {
    match step {
        Step::Scale(n) => {
            let mut d = deployment(c);
            d.spec.replicas = Some(*n);
            c.update(Object::Deployment(d)).expect("scale");
        }
        Step::DeletePod(i) => {
            let all = pods(c);
            if let Some(p) = all.get(i % all.len().max(1)) {
                let _ = c.delete(Kind::Pod, "default", &p.metadata.name, DeleteOptions::default());
            }
        }
        Step::ChangeTemplate(v) => {
            let mut d = deployment(c);
            history.push(d.clone());
            d.spec.template.spec.containers[0].env = vec![EnvVar { name: "VERSION".into(), value: Some(v.to_string()), value_from: None }];
            c.update(Object::Deployment(d)).expect("template change");
        }
        Step::Undo => {
            if let Some(previous) = history.pop() {
                let mut d = deployment(c);
                d.spec.template = previous.spec.template;
                c.update(Object::Deployment(d)).expect("undo");
            }
        }
        Step::DeleteReplicaSet(i) => {
            let all = replica_sets(c);
            if let Some(rs) = all.get(i % all.len().max(1)) {
                let _ = c.delete(Kind::ReplicaSet, "default", &rs.metadata.name, DeleteOptions::default());
            }
        }
        Step::Wait(ms) => c.advance_by(*ms),
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 64,
        // Fixed so CI runs the same cases every time; set PROPTEST_RNG_SEED to explore others.
        rng_seed: if std::env::var_os("PROPTEST_RNG_SEED").is_some() {
            ProptestConfig::default().rng_seed
        } else {
            proptest::test_runner::RngSeed::Fixed(20_251_006)
        },
        ..ProptestConfig::default()
    })]

    #[test]
    fn deployments_converge(seed in 0u64..1000, steps in prop::collection::vec(step(), 1..20)) {
        let mut c = Cluster::new(seed);
        let manifest = include_str!("../kube/depl.yaml").replace("name: rickroller", "name: web").replace("app: rickroller", "app: web");
        let d: Deployment = yaml_serde::from_str(&manifest).expect("manifest");
        c.create(Object::Deployment(d)).expect("create");
        c.advance_by(5_000);
        let mut history = Vec::new();
        for s in &steps {
            apply(&mut c, s, &mut history);
        }
        c.advance_by(15 * 60_000);

        let d = deployment(&c);
        let desired = d.spec.replicas.unwrap_or(1);
        let all_pods = pods(&c);
        let sets = replica_sets(&c);
        let active = sets.iter().filter(|rs| rs.spec.replicas.unwrap_or(0) > 0).count();
        prop_assert_eq!(all_pods.len() as i64, desired, "pods: {:?}", all_pods.iter().map(|p| &p.metadata.name).collect::<Vec<_>>());
        prop_assert!(all_pods.iter().all(|p| p.status.phase == "Running" && p.is_ready()));
        prop_assert!(active <= 1, "active sets: {}", active);
        prop_assert_eq!(d.status.updated_replicas.unwrap_or(0), desired);
        prop_assert_eq!(d.status.available_replicas.unwrap_or(0), desired);
        let uids: BTreeSet<&str> = sets.iter().map(|rs| rs.metadata.uid.as_str()).collect();
        prop_assert!(all_pods.iter().all(|p| p.metadata.owner_references.iter().all(|o| uids.contains(o.uid.as_str()))), "orphan pod");
        let template = without_hash(&d.spec.template);
        prop_assert_eq!(sets.iter().filter(|rs| without_hash(&rs.spec.template) == template).count(), 1);
        prop_assert!(sets.len() as i64 <= 1 + d.spec.revision_history_limit.unwrap_or(10));
    }
}
