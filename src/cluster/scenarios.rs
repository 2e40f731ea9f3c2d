//! Scenario tests of the controllers working together, one per behaviour a learner watches.

use super::api::DeleteOptions;
use super::objects::pod::{Container, EnvVar};
use super::objects::*;
use super::Cluster;

fn tutorial_deployment(replicas: i64) -> Deployment {
    let text = include_str!("../../kube/depl.yaml");
    let mut d: Deployment = yaml_serde::from_str(text).expect("tutorial manifest parses");
    d.spec.replicas = Some(replicas);
    d
}

fn deployment(c: &Cluster, name: &str) -> Deployment {
    match c.read(Kind::Deployment, "default", name) {
        Ok(Object::Deployment(d)) => d,
        other => panic!("no deployment: {other:?}"),
    }
}

fn pods(c: &Cluster) -> Vec<Pod> {
    c.list(Kind::Pod, Some("default")).into_iter().filter_map(|o| match o { Object::Pod(p) => Some(p), _ => None }).collect()
}

fn replica_sets(c: &Cluster) -> Vec<ReplicaSet> {
    c.list(Kind::ReplicaSet, Some("default")).into_iter().filter_map(|o| match o { Object::ReplicaSet(r) => Some(r), _ => None }).collect()
}

fn scaling_events(c: &Cluster, d: &Deployment) -> Vec<String> {
    c.events_about(&d.metadata.uid).into_iter().filter(|e| e.reason == "ScalingReplicaSet").map(|e| e.message).collect()
}

fn running(c: &Cluster) -> usize {
    pods(c).iter().filter(|p| p.status.phase == "Running" && p.is_ready() && p.metadata.deletion_timestamp.is_none()).count()
}

#[test]
fn a_fresh_cluster_has_two_ready_nodes_and_running_system_pods() {
    let c = Cluster::new(1);
    assert_eq!(c.list(Kind::Node, None).len(), 2);
    let system: Vec<Object> = c.list(Kind::Pod, Some("kube-system"));
    assert_eq!(system.len(), 7, "coredns x2, kube-proxy x2, kindnet x2, metrics-server");
    assert!(system.iter().all(|o| matches!(o, Object::Pod(p) if p.status.phase == "Running")));
    assert_eq!(c.list(Kind::Pod, Some("ingress-nginx")).len(), 2);
}

#[test]
fn a_deployment_gets_a_hashed_replica_set_and_running_pods() {
    let mut c = Cluster::new(7);
    c.create(Object::Deployment(tutorial_deployment(1))).unwrap();
    c.advance_by(1);
    let p = &pods(&c)[0];
    assert_eq!(p.status.phase, "Pending");
    let rs = &replica_sets(&c)[0];
    let hash = rs.metadata.labels.get("pod-template-hash").unwrap();
    assert_eq!(rs.metadata.name, format!("rickroller-{hash}"));
    assert!(p.metadata.name.starts_with(&format!("rickroller-{hash}-")));
    assert_eq!(p.metadata.name.len(), rs.metadata.name.len() + 6);
    c.advance_by(15_000);
    assert_eq!(running(&c), 1);
    let d = deployment(&c, "rickroller");
    assert_eq!(d.status.available_replicas, Some(1));
    assert_eq!(d.metadata.annotations.get("deployment.kubernetes.io/revision").map(String::as_str), Some("1"));
}

#[test]
fn a_deleted_pod_is_replaced_with_a_new_name() {
    let mut c = Cluster::new(3);
    c.create(Object::Deployment(tutorial_deployment(3))).unwrap();
    c.advance_by(20_000);
    assert_eq!(running(&c), 3);
    let victim = pods(&c)[0].metadata.name.clone();
    c.delete(Kind::Pod, "default", &victim, DeleteOptions::default()).unwrap();
    c.settle();
    let names: Vec<String> = pods(&c).iter().map(|p| p.metadata.name.clone()).collect();
    assert_eq!(names.len(), 4, "the old pod terminates while its replacement starts: {names:?}");
    c.advance_by(20_000);
    assert_eq!(running(&c), 3);
    assert!(pods(&c).iter().all(|p| p.metadata.name != victim));
}

#[test]
fn a_rolling_update_follows_the_controller_arithmetic() {
    let mut c = Cluster::new(11);
    c.create(Object::Deployment(tutorial_deployment(3))).unwrap();
    c.advance_by(20_000);
    let mut d = deployment(&c, "rickroller");
    d.spec.template.spec.containers[0].env.push(EnvVar { name: "BEHIND_PROXY".into(), value: Some("true".into()), value_from: None });
    c.update(Object::Deployment(d)).unwrap();
    c.advance_by(60_000);
    let sets = replica_sets(&c);
    assert_eq!(sets.len(), 2, "the old ReplicaSet is kept for rollback");
    let d = deployment(&c, "rickroller");
    let events = scaling_events(&c, &d);
    let (old, new) = (&sets.iter().find(|r| r.spec.replicas == Some(0)).unwrap().metadata.name, &sets.iter().find(|r| r.spec.replicas == Some(3)).unwrap().metadata.name);
    assert_eq!(
        events,
        vec![
            format!("Scaled up replica set {old} to 3"),
            format!("Scaled up replica set {new} to 1"),
            format!("Scaled down replica set {old} from 3 to 2"),
            format!("Scaled up replica set {new} from 1 to 2"),
            format!("Scaled down replica set {old} from 2 to 1"),
            format!("Scaled up replica set {new} from 2 to 3"),
            format!("Scaled down replica set {old} from 1 to 0"),
        ]
    );
    assert_eq!(running(&c), 3);
    assert_eq!(d.metadata.annotations.get("deployment.kubernetes.io/revision").map(String::as_str), Some("2"));
}

#[test]
fn rolling_back_reuses_the_old_replica_set_with_a_new_revision() {
    let mut c = Cluster::new(5);
    c.create(Object::Deployment(tutorial_deployment(2))).unwrap();
    c.advance_by(20_000);
    let original = deployment(&c, "rickroller").spec.template.clone();
    let mut d = deployment(&c, "rickroller");
    d.spec.template.spec.containers[0].env.push(EnvVar { name: "BEHIND_PROXY".into(), value: Some("true".into()), value_from: None });
    c.update(Object::Deployment(d)).unwrap();
    c.advance_by(60_000);
    let mut d = deployment(&c, "rickroller");
    d.spec.template = original;
    c.update(Object::Deployment(d)).unwrap();
    c.advance_by(60_000);
    let sets = replica_sets(&c);
    assert_eq!(sets.len(), 2);
    let mut revisions: Vec<(String, Option<String>)> = sets
        .iter()
        .map(|r| (r.metadata.annotations["deployment.kubernetes.io/revision"].clone(), r.metadata.annotations.get("deployment.kubernetes.io/revision-history").cloned()))
        .collect();
    revisions.sort();
    assert_eq!(revisions, vec![("2".into(), None), ("3".into(), Some("1".into()))]);
    assert_eq!(running(&c), 2);
}

#[test]
fn scaling_down_and_to_zero_removes_pods() {
    let mut c = Cluster::new(9);
    c.create(Object::Deployment(tutorial_deployment(3))).unwrap();
    c.advance_by(20_000);
    for (replicas, expected) in [(1, 1), (0, 0), (2, 2)] {
        let mut d = deployment(&c, "rickroller");
        d.spec.replicas = Some(replicas);
        c.update(Object::Deployment(d)).unwrap();
        c.advance_by(40_000);
        assert_eq!(pods(&c).len(), expected);
    }
    assert_eq!(replica_sets(&c).len(), 1, "scaling is not a new revision");
}

fn pod_with(containers: Vec<Container>) -> Pod {
    Pod { metadata: ObjectMeta { name: "rickroller".into(), ..Default::default() }, spec: PodSpec { containers, ..Default::default() }, ..Default::default() }
}

#[test]
fn the_tutorial_sidecar_typo_ends_in_crash_loop_back_off() {
    let mut c = Cluster::new(2);
    let sh = Container { name: "sh".into(), image: "busybox".into(), command: vec!["sh".into(), "-c".into(), "while 1; do sleep 10; done".into()], ..Default::default() };
    let app = Container { name: "rickroller".into(), image: "derlin/rickroller:latest".into(), ..Default::default() };
    c.create(Object::Pod(pod_with(vec![sh, app]))).unwrap();
    c.advance_by(90_000);
    let p = &pods(&c)[0];
    let sh = p.status.container_statuses.iter().find(|s| s.name == "sh").unwrap();
    assert!(sh.restart_count >= 2, "{sh:?}");
    assert_eq!(sh.state.waiting.as_ref().map(|w| w.reason.as_str()), Some("CrashLoopBackOff"));
    assert_eq!(sh.last_state.terminated.as_ref().map(|t| t.reason.as_str()), Some("Completed"));
    assert_eq!(p.status.phase, "Running");
    assert_eq!(p.status.container_statuses.iter().filter(|s| s.ready).count(), 1, "READY 1/2");
    assert_eq!(c.kubelet.logs(&p.metadata.uid, "sh", false), Some(vec!["sh: 1: not found".to_string()]));
}

#[test]
fn an_unknown_image_backs_off() {
    let mut c = Cluster::new(4);
    c.create(Object::Pod(pod_with(vec![Container { name: "web".into(), image: "nginx:1.161".into(), ..Default::default() }]))).unwrap();
    c.advance_by(5_000);
    let reason = |c: &Cluster| pods(c)[0].status.container_statuses[0].state.waiting.as_ref().map(|w| w.reason.clone());
    assert_eq!(reason(&c).as_deref(), Some("ImagePullBackOff"));
    let p = &pods(&c)[0];
    let messages: Vec<String> = c.events_about(&p.metadata.uid).into_iter().map(|e| e.message).collect();
    assert!(messages.iter().any(|m| m.starts_with("Failed to pull image \"nginx:1.161\": rpc error: code = NotFound")), "{messages:?}");
    assert!(messages.contains(&"Error: ImagePullBackOff".to_string()));
    assert_eq!(p.status.phase, "Pending");
}

#[test]
fn deleting_a_deployment_cascades_and_a_namespace_empties_itself() {
    let mut c = Cluster::new(6);
    c.create(Object::Deployment(tutorial_deployment(2))).unwrap();
    c.advance_by(20_000);
    c.delete(Kind::Deployment, "default", "rickroller", DeleteOptions::default()).unwrap();
    c.advance_by(40_000);
    assert!(replica_sets(&c).is_empty());
    assert!(pods(&c).is_empty());

    c.create(Object::Namespace(Namespace { metadata: ObjectMeta { name: "test".into(), ..Default::default() }, ..Default::default() })).unwrap();
    let mut d = tutorial_deployment(1);
    d.metadata.namespace = "test".into();
    c.create(Object::Deployment(d)).unwrap();
    c.advance_by(20_000);
    c.delete(Kind::Namespace, "", "test", DeleteOptions::default()).unwrap();
    c.settle();
    assert!(matches!(c.get(Kind::Namespace, "", "test"), Some(Object::Namespace(ns)) if ns.status.phase == "Terminating"));
    c.advance_by(60_000);
    assert!(c.get(Kind::Namespace, "", "test").is_none());
    assert!(c.list(Kind::Pod, Some("test")).is_empty());
}

#[test]
fn same_seed_same_history() {
    let run = |seed| {
        let mut c = Cluster::new(seed);
        c.create(Object::Deployment(tutorial_deployment(3))).unwrap();
        c.advance_by(30_000);
        serde_json::to_string(&c.store).unwrap()
    };
    assert_eq!(run(42), run(42));
    assert_ne!(run(42), run(43));
}

#[test]
fn a_rollout_to_a_missing_image_exceeds_its_progress_deadline() {
    let mut c = Cluster::new(8);
    c.create(Object::Deployment(tutorial_deployment(2))).unwrap();
    c.advance_by(20_000);
    let mut d = deployment(&c, "rickroller");
    d.spec.template.spec.containers[0].image = "derlin/rickroller:v9".into();
    c.update(Object::Deployment(d)).unwrap();
    c.advance_by(60_000);
    let progressing = |c: &Cluster| deployment(c, "rickroller").status.conditions.into_iter().find(|x| x.type_ == "Progressing").unwrap();
    assert_eq!(progressing(&c).status, "True");
    assert_eq!(running(&c), 2, "maxUnavailable 0: the old pods keep serving");
    c.advance_by(600_000);
    let p = progressing(&c);
    assert_eq!((p.status.as_str(), p.reason.as_str()), ("False", "ProgressDeadlineExceeded"));
    assert!(p.message.ends_with("has timed out progressing."));
}
