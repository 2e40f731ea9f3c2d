//! What ties a controller to the objects it makes: the controller reference it stamps on them,
//! the pods it finds by that reference, and the pods it makes from its template and deletes,
//! with the events `kubectl describe` shows for them.

use super::replicaset::MAX_PODS_PER_NAMESPACE;
use crate::cluster::api::DeleteOptions;
use crate::cluster::objects::{Kind, Object, ObjectMeta, OwnerReference, Pod, PodTemplateSpec};
use crate::cluster::Cluster;

/// The controller reference (`controller` and `blockOwnerDeletion` set) that objects a
/// workload makes carry, so the garbage collector and `Controlled By` find their owner.
pub fn controller_ref(api_version: &str, kind: &str, owner: &ObjectMeta) -> OwnerReference {
    OwnerReference {
        api_version: api_version.into(),
        kind: kind.into(),
        name: owner.name.clone(),
        uid: owner.uid.clone(),
        controller: Some(true),
        block_owner_deletion: Some(true),
    }
}

/// The objects of `kind` in the owner's namespace whose controller reference points at `owner`,
/// borrowed (controllers call this on every pass).
pub fn controlled<'a>(cluster: &'a Cluster, kind: Kind, owner: &ObjectMeta) -> impl Iterator<Item = &'a Object> {
    let uid = owner.uid.clone();
    cluster
        .store
        .list(kind, Some(&owner.namespace))
        .into_iter()
        .filter(move |o| o.meta().owner_references.iter().any(|r| r.controller == Some(true) && r.uid == uid))
}

/// The pods whose controller reference points at `owner`.
pub fn controlled_pods<'a>(cluster: &'a Cluster, owner: &ObjectMeta) -> Vec<&'a Pod> {
    controlled(cluster, Kind::Pod, owner)
        .filter_map(|o| match o {
            Object::Pod(p) => Some(p),
            _ => None,
        })
        .collect()
}

/// A pod made from `template` for `owner`: the template's labels, annotations and spec, the
/// controller reference, and a name the API server generates from `<owner>-`.
pub fn pod_from_template(template: &PodTemplateSpec, owner: &ObjectMeta, reference: OwnerReference) -> Pod {
    Pod {
        metadata: ObjectMeta {
            generate_name: format!("{}-", owner.name),
            namespace: owner.namespace.clone(),
            labels: template.metadata.labels.clone(),
            annotations: template.metadata.annotations.clone(),
            owner_references: vec![reference],
            ..Default::default()
        },
        spec: template.spec.clone(),
        ..Default::default()
    }
}

/// Creates `pod` for `owner` and records what the ReplicaSet, DaemonSet and Job controllers
/// report: `SuccessfulCreate` with the generated name, or `FailedCreate` with the API's error.
/// True when the pod was created.
pub fn create_pod(cluster: &mut Cluster, owner: &Object, pod: Pod, component: &str) -> bool {
    match cluster.create(Object::Pod(pod)) {
        Ok(created) => {
            let msg = format!("Created pod: {}", created.meta().name);
            cluster.record_event(owner, "Normal", "SuccessfulCreate", &msg, component, "");
            true
        }
        Err(e) => {
            let msg = format!("Error creating: {}", e.message);
            cluster.record_event(owner, "Warning", "FailedCreate", &msg, component, "");
            false
        }
    }
}

/// Whether one more pod named from `generate_name` would pass the playground's per-namespace
/// quota when the namespace holds `in_namespace` pods; records `FailedCreate` when it would.
pub fn over_quota(cluster: &mut Cluster, owner: &Object, generate_name: &str, in_namespace: usize, component: &str) -> bool {
    if in_namespace < MAX_PODS_PER_NAMESPACE {
        return false;
    }
    let msg = format!(
        "Error creating: pods \"{generate_name}\" is forbidden: exceeded quota: kubeplay, requested: pods=1, used: pods={in_namespace}, limited: pods={MAX_PODS_PER_NAMESPACE}"
    );
    cluster.record_event(owner, "Warning", "FailedCreate", &msg, component, "");
    true
}

/// Deletes a pod `owner` controls and records `SuccessfulDelete`; true when it was deleted.
pub fn delete_pod(cluster: &mut Cluster, owner: &Object, pod: &Pod, component: &str) -> bool {
    let (ns, name) = (pod.metadata.namespace.clone(), pod.metadata.name.clone());
    if cluster.delete(Kind::Pod, &ns, &name, DeleteOptions::default()).is_err() {
        return false;
    }
    cluster.record_event(owner, "Normal", "SuccessfulDelete", &format!("Deleted pod: {name}"), component, "");
    true
}
