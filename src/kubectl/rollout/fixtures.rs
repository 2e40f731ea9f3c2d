//! Test fixtures: Deployments, ReplicaSets and pods built by hand, as the deployment controller
//! would leave them, so kubectl's client-side logic can be tested on its own; and the console
//! text of a session, for the interactive commands' tests.

use crate::cluster::objects::meta::OwnerReference;
use crate::cluster::objects::pod::{Container, ContainerPort, EnvVar};
use crate::cluster::objects::workload::{DeploymentSpec, ReplicaSetSpec, WorkloadCondition};
use crate::cluster::objects::{Deployment, LabelSelector, Namespace, Object, ObjectMeta, PodTemplateSpec, ReplicaSet};
use crate::job::Exec;
use crate::output::Output;
use crate::session::Session;
use crate::world::World;
use std::collections::BTreeMap;

/// All the text a session printed since the last call, stdout and stderr in order, as the
/// console shows it.
pub fn text(session: &mut Session) -> String {
    session.take_output().into_iter().map(|c| c.text).collect()
}

/// A world whose `default` and `test` namespaces exist, whatever the bootstrap does.
pub fn world() -> World {
    let mut world = World::new(7);
    for name in ["default", "test"] {
        let ns = Namespace { metadata: ObjectMeta { name: name.into(), ..Default::default() }, ..Default::default() };
        let _ = world.cluster.create(Object::Namespace(ns));
    }
    world
}

/// Runs `kubectl <line>` and returns (stdout, stderr, exit status or None for a job).
pub fn run(world: &mut World, line: &str) -> (String, String, Option<i32>) {
    let args: Vec<String> = line.split_whitespace().map(str::to_string).collect();
    let mut out = Output::default();
    let code = match crate::kubectl::kubectl(world, &args, "", &BTreeMap::new(), &mut out) {
        Exec::Done(code) => Some(code),
        Exec::Job(_) => None,
    };
    (out.stdout(), out.stderr(), code)
}

/// The rickroller pod template, optionally with `BEHIND_PROXY=true`.
pub fn template(behind_proxy: bool) -> PodTemplateSpec {
    let mut t = PodTemplateSpec::default();
    t.metadata.labels.insert("app".into(), "rickroller".into());
    t.spec.containers.push(Container {
        name: "rickroller".into(),
        image: "derlin/rickroller:latest".into(),
        ports: vec![ContainerPort { container_port: 8080, ..Default::default() }],
        env: if behind_proxy {
            vec![EnvVar { name: "BEHIND_PROXY".into(), value: Some("true".into()), value_from: None }]
        } else {
            vec![]
        },
        ..Default::default()
    });
    t
}

/// Creates Deployment `rickroller` in `default` with the given template and replica count.
pub fn deployment(world: &mut World, template: PodTemplateSpec, replicas: i64) -> Deployment {
    let d = Deployment {
        metadata: ObjectMeta { name: "rickroller".into(), namespace: "default".into(), labels: template.metadata.labels.clone(), ..Default::default() },
        spec: DeploymentSpec {
            replicas: Some(replicas),
            selector: Some(LabelSelector { match_labels: template.metadata.labels.clone(), ..Default::default() }),
            template,
            ..Default::default()
        },
        ..Default::default()
    };
    match world.cluster.create(Object::Deployment(d)) {
        Ok(Object::Deployment(d)) => d,
        other => panic!("fixture deployment not created: {other:?}"),
    }
}

/// Creates the ReplicaSet of `revision` for the Deployment, with `replicas` ready pods' worth
/// of status, as the controller names it (`rickroller-<hash>`).
pub fn replica_set(world: &mut World, d: &Deployment, hash: &str, revision: i64, template: &PodTemplateSpec, replicas: i64) -> ReplicaSet {
    let mut template = template.clone();
    template.metadata.labels.insert("pod-template-hash".into(), hash.into());
    let mut selector = d.spec.selector.clone().unwrap_or_default();
    selector.match_labels.insert("pod-template-hash".into(), hash.into());
    let mut annotations = BTreeMap::new();
    annotations.insert("deployment.kubernetes.io/revision".to_string(), revision.to_string());
    let rs = ReplicaSet {
        metadata: ObjectMeta {
            name: format!("rickroller-{hash}"),
            namespace: "default".into(),
            labels: template.metadata.labels.clone(),
            annotations,
            owner_references: vec![OwnerReference {
                api_version: "apps/v1".into(),
                kind: "Deployment".into(),
                name: d.metadata.name.clone(),
                uid: d.metadata.uid.clone(),
                controller: Some(true),
                block_owner_deletion: Some(true),
            }],
            ..Default::default()
        },
        spec: ReplicaSetSpec { replicas: Some(replicas), selector: Some(selector), template, ..Default::default() },
        ..Default::default()
    };
    let mut rs = match world.cluster.create(Object::ReplicaSet(rs)) {
        Ok(Object::ReplicaSet(rs)) => rs,
        other => panic!("fixture replicaset not created: {other:?}"),
    };
    rs.status.replicas = replicas;
    rs.status.ready_replicas = Some(replicas);
    rs.status.available_replicas = Some(replicas);
    match world.cluster.update_status(Object::ReplicaSet(rs)) {
        Ok(Object::ReplicaSet(rs)) => rs,
        other => panic!("fixture replicaset status not written: {other:?}"),
    }
}

/// Writes a Deployment status: (updated, total, available) replicas, observed generation current.
pub fn set_status(world: &mut World, updated: i64, total: i64, available: i64) {
    let Some(Object::Deployment(mut d)) = world.cluster.get(crate::cluster::objects::Kind::Deployment, "default", "rickroller").cloned() else {
        panic!("no deployment");
    };
    d.status.observed_generation = Some(d.metadata.generation);
    d.status.updated_replicas = Some(updated);
    d.status.replicas = Some(total);
    d.status.available_replicas = Some(available);
    d.status.ready_replicas = Some(available);
    d.status.unavailable_replicas = Some((d.spec.replicas.unwrap_or(1) - available).max(0));
    d.status.conditions = vec![
        WorkloadCondition { type_: "Available".into(), status: "True".into(), reason: "MinimumReplicasAvailable".into(), message: "Deployment has minimum availability.".into(), ..Default::default() },
        WorkloadCondition { type_: "Progressing".into(), status: "True".into(), reason: "NewReplicaSetAvailable".into(), message: "ReplicaSet \"rickroller-7d9f8c6b5d\" has successfully progressed.".into(), ..Default::default() },
    ];
    let _ = world.cluster.update_status(Object::Deployment(d));
}
