//! Storage object protection and reclaiming: the `kubernetes.io/pvc-protection` and
//! `kubernetes.io/pv-protection` finalizers keep a deleted claim `Terminating` while a pod still
//! uses it, and a volume while a claim is bound to it; once a claim is gone its volume is
//! `Released`, and the provisioner deletes volumes whose reclaim policy is `Delete`.

use super::claim_names;
use crate::cluster::api::DeleteOptions;
use crate::cluster::objects::{Kind, Object, PersistentVolume, PersistentVolumeClaim, Time};
use crate::cluster::Cluster;

/// The finalizer the API server puts on every claim.
pub const PVC_PROTECTION: &str = "kubernetes.io/pvc-protection";
/// The finalizer the API server puts on every volume.
pub const PV_PROTECTION: &str = "kubernetes.io/pv-protection";
/// How long a `Delete` volume stays `Released` before the provisioner removes it.
const RECLAIM_DELAY_MS: i64 = 2_000;

/// Adds the protection finalizer a new claim or volume gets on creation.
pub fn protect(object: &mut Object) {
    let finalizer = match object {
        Object::PersistentVolumeClaim(_) => PVC_PROTECTION,
        Object::PersistentVolume(_) => PV_PROTECTION,
        _ => return,
    };
    let finalizers = &mut object.meta_mut().finalizers;
    if !finalizers.iter().any(|f| f == finalizer) {
        finalizers.push(finalizer.into());
    }
}

/// One pass over claims and volumes; true when anything changed.
pub fn reconcile(cluster: &mut Cluster) -> bool {
    let mut changed = unprotect_unused_claims(cluster);
    changed |= release_volumes(cluster);
    changed |= reclaim_volumes(cluster);
    changed |= unprotect_unbound_volumes(cluster);
    changed
}

/// When a `Released` volume with the `Delete` policy is due to be removed.
pub fn next_wake(cluster: &Cluster) -> Option<Time> {
    volumes(cluster).iter().filter_map(reclaim_time).min()
}

fn claims(cluster: &Cluster) -> Vec<PersistentVolumeClaim> {
    cluster
        .store
        .list(Kind::PersistentVolumeClaim, None)
        .into_iter()
        .filter_map(|o| match o {
            Object::PersistentVolumeClaim(c) => Some(c.clone()),
            _ => None,
        })
        .collect()
}

fn volumes(cluster: &Cluster) -> Vec<PersistentVolume> {
    cluster
        .store
        .list(Kind::PersistentVolume, None)
        .into_iter()
        .filter_map(|o| match o {
            Object::PersistentVolume(v) => Some(v.clone()),
            _ => None,
        })
        .collect()
}

/// Whether a scheduled pod that has not finished mounts the claim (what keeps it in use).
pub fn claim_in_use(cluster: &Cluster, claim: &PersistentVolumeClaim) -> bool {
    cluster.store.list(Kind::Pod, Some(&claim.metadata.namespace)).into_iter().any(|o| match o {
        Object::Pod(p) => !p.spec.node_name.is_empty() && !p.is_terminal() && claim_names(p).contains(&claim.metadata.name),
        _ => false,
    })
}

fn unprotect_unused_claims(cluster: &mut Cluster) -> bool {
    let mut changed = false;
    for mut claim in claims(cluster) {
        let deleting = claim.metadata.deletion_timestamp.is_some();
        if !deleting || !claim.metadata.finalizers.iter().any(|f| f == PVC_PROTECTION) || claim_in_use(cluster, &claim) {
            continue;
        }
        claim.metadata.finalizers.retain(|f| f != PVC_PROTECTION);
        // The claim's files go with it: a new claim of the same name gets a new, empty volume.
        let owner = format!("pvc:{}/{}", claim.metadata.namespace, claim.metadata.name);
        cluster.network.volume_files.retain(|(o, _, _), _| *o != owner);
        changed |= cluster.update_status(Object::PersistentVolumeClaim(claim)).is_ok();
    }
    changed
}

/// Whether the claim a volume was bound to still exists (same uid).
fn claim_exists(cluster: &Cluster, volume: &PersistentVolume) -> bool {
    let Some(claim_ref) = &volume.spec.claim_ref else { return false };
    match cluster.get(Kind::PersistentVolumeClaim, &claim_ref.namespace, &claim_ref.name) {
        Some(Object::PersistentVolumeClaim(c)) => claim_ref.uid.is_empty() || c.metadata.uid == claim_ref.uid,
        _ => false,
    }
}

fn release_volumes(cluster: &mut Cluster) -> bool {
    let mut changed = false;
    for mut volume in volumes(cluster) {
        if volume.status.phase != "Bound" || claim_exists(cluster, &volume) {
            continue;
        }
        volume.status.phase = "Released".into();
        volume.status.last_phase_transition_time = Some(cluster.now());
        changed |= cluster.update_status(Object::PersistentVolume(volume)).is_ok();
    }
    changed
}

fn reclaim_time(volume: &PersistentVolume) -> Option<Time> {
    let due = volume.status.phase == "Released"
        && volume.spec.persistent_volume_reclaim_policy == "Delete"
        && volume.metadata.deletion_timestamp.is_none();
    if !due {
        return None;
    }
    Some(volume.status.last_phase_transition_time?.plus_ms(RECLAIM_DELAY_MS))
}

fn reclaim_volumes(cluster: &mut Cluster) -> bool {
    let now = cluster.now();
    let due: Vec<String> = volumes(cluster)
        .iter()
        .filter(|v| reclaim_time(v).is_some_and(|t| t <= now))
        .map(|v| v.metadata.name.clone())
        .collect();
    let mut changed = false;
    for name in due {
        changed |= cluster.delete(Kind::PersistentVolume, "", &name, DeleteOptions::default()).is_ok();
    }
    changed
}

fn unprotect_unbound_volumes(cluster: &mut Cluster) -> bool {
    let mut changed = false;
    for mut volume in volumes(cluster) {
        let deleting = volume.metadata.deletion_timestamp.is_some();
        if !deleting || !volume.metadata.finalizers.iter().any(|f| f == PV_PROTECTION) || claim_exists(cluster, &volume) {
            continue;
        }
        volume.metadata.finalizers.retain(|f| f != PV_PROTECTION);
        changed |= cluster.update_status(Object::PersistentVolume(volume)).is_ok();
    }
    changed
}

#[cfg(test)]
mod tests {
    use crate::cluster::api::DeleteOptions;
    use crate::cluster::objects::{Kind, Object};
    use crate::cluster::Cluster;
    use crate::world::World;

    fn create(cluster: &mut Cluster, value: serde_json::Value) {
        let object: Object = match serde_json::from_value(value) {
            Ok(o) => o,
            Err(e) => panic!("test manifest: {e}"),
        };
        assert!(cluster.create(object).is_ok());
    }

    /// A claim `data` and a pod `db` mounting it, both settled: the claim is bound.
    fn claim_in_use() -> World {
        let mut world = World::new(7);
        create(&mut world.cluster, serde_json::json!({"apiVersion": "v1", "kind": "PersistentVolumeClaim",
            "metadata": {"name": "data", "namespace": "default"},
            "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}}}));
        create(&mut world.cluster, serde_json::json!({"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "db", "namespace": "default"},
            "spec": {"containers": [{"name": "c", "image": "busybox", "command": ["sleep", "3600"]}],
                     "volumes": [{"name": "d", "persistentVolumeClaim": {"claimName": "data"}}]}}));
        world.cluster.advance_by(10_000);
        world
    }

    fn volume_phase(cluster: &Cluster) -> Option<String> {
        cluster.list(Kind::PersistentVolume, None).into_iter().find_map(|o| match o {
            Object::PersistentVolume(v) => Some(v.status.phase),
            _ => None,
        })
    }

    #[test]
    fn a_claim_in_use_stays_terminating_until_its_pod_is_gone_then_its_volume_is_released_and_deleted() {
        let mut world = claim_in_use();
        let cluster = &mut world.cluster;
        assert_eq!(volume_phase(cluster).as_deref(), Some("Bound"));
        assert!(cluster.delete(Kind::PersistentVolumeClaim, "default", "data", DeleteOptions::default()).is_ok());
        cluster.advance_by(60_000);
        let claim = cluster.get(Kind::PersistentVolumeClaim, "default", "data").map(|c| c.meta().clone());
        assert!(claim.is_some_and(|m| m.deletion_timestamp.is_some() && m.finalizers == [super::PVC_PROTECTION]));
        assert_eq!(volume_phase(cluster).as_deref(), Some("Bound"));
        assert!(cluster.delete(Kind::Pod, "default", "db", DeleteOptions::default()).is_ok());
        let mut saw_released = false;
        for _ in 0..200 {
            cluster.advance_by(250);
            saw_released |= volume_phase(cluster).as_deref() == Some("Released");
        }
        assert!(cluster.get(Kind::PersistentVolumeClaim, "default", "data").is_none());
        assert!(saw_released, "the volume is Released before it is deleted");
        assert_eq!(volume_phase(cluster), None);
    }

    #[test]
    fn a_retained_volume_stays_released_and_an_unused_claim_goes_at_once() {
        let mut world = claim_in_use();
        let cluster = &mut world.cluster;
        let Some(Object::PersistentVolume(mut pv)) = cluster.list(Kind::PersistentVolume, None).into_iter().next() else { panic!("a volume") };
        pv.spec.persistent_volume_reclaim_policy = "Retain".into();
        assert!(cluster.update(Object::PersistentVolume(pv)).is_ok());
        assert!(cluster.delete(Kind::Pod, "default", "db", DeleteOptions::default()).is_ok());
        cluster.advance_by(60_000);
        assert!(cluster.delete(Kind::PersistentVolumeClaim, "default", "data", DeleteOptions::default()).is_ok());
        cluster.settle();
        assert!(cluster.get(Kind::PersistentVolumeClaim, "default", "data").is_none());
        cluster.advance_by(60_000);
        assert_eq!(volume_phase(cluster).as_deref(), Some("Released"));
    }
}
