//! What ties a controller to the objects it makes: the controller reference it stamps on them,
//! the pods it finds by that reference, and the pod it makes from its template.

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

/// The pods of the owner's namespace whose controller reference points at `owner`, borrowed
/// (controllers call this on every pass).
pub fn controlled_pods<'a>(cluster: &'a Cluster, owner: &ObjectMeta) -> Vec<&'a Pod> {
    cluster
        .store
        .list(Kind::Pod, Some(&owner.namespace))
        .into_iter()
        .filter_map(|o| match o {
            Object::Pod(p) if p.metadata.owner_references.iter().any(|r| r.controller == Some(true) && r.uid == owner.uid) => Some(p),
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
