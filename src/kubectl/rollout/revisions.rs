//! How kubectl finds a Deployment's ReplicaSets and their revisions (kubectl's
//! `deploymentutil`): the RSs it controls, which one is "new" (same template), and the
//! `deployment.kubernetes.io/revision` annotation.

use crate::cluster::objects::{Deployment, Kind, Object, PodTemplateSpec, ReplicaSet};
use crate::cluster::Cluster;

/// The annotation holding a revision number, on Deployments and ReplicaSets.
pub const REVISION_ANNOTATION: &str = "deployment.kubernetes.io/revision";

/// The label the deployment controller adds to tell ReplicaSets' pods apart.
pub const POD_TEMPLATE_HASH: &str = "pod-template-hash";

/// The annotation whose value `rollout history` shows as CHANGE-CAUSE.
pub const CHANGE_CAUSE_ANNOTATION: &str = "kubernetes.io/change-cause";

/// The revision number of a ReplicaSet, if it carries a readable one.
pub fn revision_of(rs: &ReplicaSet) -> Option<i64> {
    rs.metadata.annotations.get(REVISION_ANNOTATION).and_then(|v| v.parse().ok())
}

/// The ReplicaSets a Deployment controls, oldest first.
pub fn owned_replica_sets(cluster: &Cluster, deployment: &Deployment) -> Vec<ReplicaSet> {
    let mut list: Vec<ReplicaSet> = cluster
        .list(Kind::ReplicaSet, Some(&deployment.metadata.namespace))
        .into_iter()
        .filter_map(|o| match o {
            Object::ReplicaSet(rs) => Some(rs),
            _ => None,
        })
        .filter(|rs| {
            rs.metadata
                .owner_references
                .iter()
                .any(|o| o.controller == Some(true) && o.uid == deployment.metadata.uid)
        })
        .collect();
    list.sort_by(|a, b| {
        (a.metadata.creation_timestamp, &a.metadata.name).cmp(&(b.metadata.creation_timestamp, &b.metadata.name))
    });
    list
}

/// Whether two pod templates are the same once the `pod-template-hash` label is ignored.
pub fn equal_ignore_hash(a: &PodTemplateSpec, b: &PodTemplateSpec) -> bool {
    let strip = |t: &PodTemplateSpec| {
        let mut t = t.clone();
        t.metadata.labels.remove(POD_TEMPLATE_HASH);
        serde_json::to_value(&t).unwrap_or(serde_json::Value::Null)
    };
    strip(a) == strip(b)
}

/// Splits a Deployment's ReplicaSets into the new one (its template matches the Deployment's;
/// the oldest such) and all the others, oldest first.
pub fn new_and_old(deployment: &Deployment, all: Vec<ReplicaSet>) -> (Option<ReplicaSet>, Vec<ReplicaSet>) {
    let new_index = all.iter().position(|rs| equal_ignore_hash(&rs.spec.template, &deployment.spec.template));
    let mut old = all;
    let new = new_index.map(|i| old.remove(i));
    (new, old)
}
