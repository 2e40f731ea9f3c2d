//! `persistentVolumeClaimRetentionPolicy`: with `whenDeleted: Delete` a set's claims are owned by
//! the set, so the garbage collector removes them with it; with `whenScaled: Delete` the claims
//! of pods beyond `replicas` are owned by their pod and go when it goes. `Retain` (the default)
//! leaves claims alone.

use super::{claim_name, owner_reference};
use crate::cluster::objects::{Kind, Object, OwnerReference, PersistentVolumeClaim, Pod, StatefulSet};
use crate::cluster::Cluster;

/// Sets the owner references the retention policy asks for; true when any claim changed.
pub fn apply(cluster: &mut Cluster, sts: &StatefulSet) -> bool {
    let Some(policy) = sts.spec.persistent_volume_claim_retention_policy.clone() else { return false };
    let delete_with_set = policy.when_deleted == "Delete";
    let delete_when_scaled = policy.when_scaled == "Delete";
    if !delete_with_set && !delete_when_scaled {
        return false;
    }
    let replicas = sts.spec.replicas.unwrap_or(1);
    let ns = sts.metadata.namespace.clone();
    let pods: Vec<Pod> = super::owned_pods(cluster, sts).into_iter().cloned().collect();
    let mut changed = false;
    for pod in &pods {
        let Some(ordinal) = super::ordinal_of(sts, pod) else { continue };
        let condemned = delete_when_scaled && ordinal >= replicas;
        for template in &sts.spec.volume_claim_templates {
            let name = claim_name(template, sts, ordinal);
            let Some(Object::PersistentVolumeClaim(claim)) = cluster.get(Kind::PersistentVolumeClaim, &ns, &name).cloned() else { continue };
            let wanted = wanted_owners(&claim, sts, pod, delete_with_set, condemned);
            if wanted != claim.metadata.owner_references {
                let mut claim = claim;
                claim.metadata.owner_references = wanted;
                changed |= cluster.update_status(Object::PersistentVolumeClaim(claim)).is_ok();
            }
        }
    }
    changed
}

/// The claim's owners: other owners kept, then its condemned pod's reference when it must go
/// with that pod, or else the set's when it must go with the set.
fn wanted_owners(claim: &PersistentVolumeClaim, sts: &StatefulSet, pod: &Pod, with_set: bool, condemned: bool) -> Vec<OwnerReference> {
    let mut owners: Vec<OwnerReference> = claim
        .metadata
        .owner_references
        .iter()
        .filter(|r| r.uid != sts.metadata.uid && r.uid != pod.metadata.uid)
        .cloned()
        .collect();
    if with_set && !condemned {
        owners.push(owner_reference(sts));
    }
    if condemned {
        owners.push(OwnerReference {
            api_version: "v1".into(),
            kind: "Pod".into(),
            name: pod.metadata.name.clone(),
            uid: pod.metadata.uid.clone(),
            controller: None,
            block_owner_deletion: None,
        });
    }
    owners
}
