//! The ReplicaSet controller: keeps `spec.replicas` active pods matching the selector, creating
//! replacements with fresh names and removing extras in the real controller's order.

use super::owned::{controller_ref, create_pod, delete_pod, over_quota, pod_from_template};
use crate::cluster::objects::{Kind, Object, OwnerReference, Pod, ReplicaSet, Time};
use crate::cluster::Cluster;

/// The playground's pod quota per namespace: a ReplicaSet asking for more (`--replicas=99999999`)
/// gets a FailedCreate event instead, so the simulation (and the page) cannot drown in pods.
pub const MAX_PODS_PER_NAMESPACE: usize = 300;

const COMPONENT: &str = "replicaset-controller";

/// One pass of the ReplicaSet controller; true when it changed anything.
pub fn reconcile(cluster: &mut Cluster) -> bool {
    let sets: Vec<ReplicaSet> = cluster
        .store
        .list(Kind::ReplicaSet, None)
        .into_iter()
        .filter_map(|o| match o {
            Object::ReplicaSet(rs) if rs.metadata.deletion_timestamp.is_none() => Some(rs.clone()),
            _ => None,
        })
        .collect();
    let mut changed = false;
    for rs in sets {
        changed |= sync(cluster, rs);
    }
    changed
}

/// Pods of the namespace that this ReplicaSet owns (by controller reference), borrowed: the
/// controllers call this on every pass, and cloning hundreds of pods each time was the hot spot.
pub fn owned_pods<'a>(cluster: &'a Cluster, rs: &ReplicaSet) -> Vec<&'a Pod> {
    cluster
        .store
        .list(Kind::Pod, Some(&rs.metadata.namespace))
        .into_iter()
        .filter_map(|o| match o {
            Object::Pod(p) if p.metadata.owner_references.iter().any(|r| r.uid == rs.metadata.uid) => Some(p),
            _ => None,
        })
        .collect()
}

/// Whether a pod counts as available: Ready for at least `min_ready_seconds`.
pub fn is_available(pod: &Pod, min_ready_seconds: i64, now: Time) -> bool {
    pod.is_ready() && pod.ready_since().is_some_and(|t| t.plus_ms(min_ready_seconds * 1000) <= now)
}

fn sync(cluster: &mut Cluster, rs: ReplicaSet) -> bool {
    let mut changed = adopt_orphans(cluster, &rs);
    let active_count = owned_pods(cluster, &rs).into_iter().filter(|p| p.is_active()).count();
    let desired = rs.spec.replicas.unwrap_or(1).max(0);
    let diff = desired - active_count as i64;
    let rs_object = Object::ReplicaSet(rs.clone());
    if diff > 0 {
        let before = cluster.store.list(Kind::Pod, Some(&rs.metadata.namespace)).len();
        for attempt in 0..diff {
            let pod = pod_from_template(&rs.spec.template, &rs.metadata, owner_reference(&rs));
            let in_namespace = before.saturating_add(usize::try_from(attempt).unwrap_or(usize::MAX));
            if over_quota(cluster, &rs_object, &pod.metadata.generate_name, in_namespace, COMPONENT) || !create_pod(cluster, &rs_object, pod, COMPONENT) {
                break;
            }
            changed = true;
        }
    } else if diff < 0 {
        let active: Vec<Pod> = owned_pods(cluster, &rs).into_iter().filter(|p| p.is_active()).cloned().collect();
        let mut ranked = active.clone();
        let now = cluster.now();
        ranked.sort_by_key(|p| deletion_rank(cluster, p, &active, now));
        for pod in ranked.into_iter().take((-diff) as usize) {
            changed |= delete_pod(cluster, &rs_object, &pod, COMPONENT);
        }
    }
    changed | update_status(cluster, &rs)
}

/// Takes ownership of matching pods that have no controller.
fn adopt_orphans(cluster: &mut Cluster, rs: &ReplicaSet) -> bool {
    let Some(selector) = rs.spec.selector.clone() else { return false };
    let orphans: Vec<Pod> = cluster
        .store
        .list(Kind::Pod, Some(&rs.metadata.namespace))
        .into_iter()
        .filter_map(|o| match o {
            Object::Pod(p)
                if p.metadata.owner_references.is_empty()
                    && p.is_active()
                    && selector.matches(&p.metadata.labels) =>
            {
                Some(p.clone())
            }
            _ => None,
        })
        .collect();
    let mut changed = false;
    for mut pod in orphans {
        pod.metadata.owner_references.push(owner_reference(rs));
        changed |= cluster.update_status(Object::Pod(pod)).is_ok();
    }
    changed
}

fn owner_reference(rs: &ReplicaSet) -> OwnerReference {
    controller_ref("apps/v1", "ReplicaSet", &rs.metadata)
}

/// Sort key: pods that should go first sort first (the real controller's criteria, in order).
fn deletion_rank(cluster: &Cluster, pod: &Pod, siblings: &[Pod], now: Time) -> (u8, u8, u8, usize, i64, i64, i64, String) {
    let unassigned = u8::from(!pod.spec.node_name.is_empty());
    let phase = match pod.status.phase.as_str() {
        "Pending" => 0,
        "Unknown" => 1,
        _ => 2,
    };
    let ready = u8::from(pod.is_ready());
    let same_node = siblings.iter().filter(|s| s.spec.node_name == pod.spec.node_name).count();
    let ready_for = pod.ready_since().map_or(0, |t| log_bucket(t.until(now)));
    let age = pod.metadata.creation_timestamp.map_or(0, |t| log_bucket(t.until(now)));
    let _ = cluster;
    (
        unassigned,
        phase,
        ready,
        usize::MAX - same_node,
        ready_for,
        -pod.max_restarts(),
        age,
        pod.metadata.uid.clone(),
    )
}

/// Durations grouped by powers of two, as the controller compares ready times and ages.
fn log_bucket(ms: i64) -> i64 {
    let secs = (ms / 1000).max(1);
    63 - i64::from(secs.leading_zeros())
}

fn update_status(cluster: &mut Cluster, rs: &ReplicaSet) -> bool {
    let Some(Object::ReplicaSet(current)) = cluster.get(Kind::ReplicaSet, &rs.metadata.namespace, &rs.metadata.name).cloned() else {
        return false;
    };
    let now = cluster.now();
    let pods = owned_pods(cluster, &current);
    let active: Vec<&Pod> = pods.into_iter().filter(|p| p.is_active()).collect();
    let min_ready = current.spec.min_ready_seconds.unwrap_or(0);
    let selector = current.spec.selector.clone().unwrap_or_default();
    let count = |n: usize| if n == 0 { None } else { Some(n as i64) };
    let mut status = current.status.clone();
    status.replicas = active.len() as i64;
    status.fully_labeled_replicas = count(active.iter().filter(|p| selector.matches(&p.metadata.labels)).count());
    status.ready_replicas = count(active.iter().filter(|p| p.is_ready()).count());
    status.available_replicas = count(active.iter().filter(|p| is_available(p, min_ready, now)).count());
    status.observed_generation = Some(current.metadata.generation);
    if status == current.status {
        return false;
    }
    let mut updated = current;
    updated.status = status;
    cluster.update_status(Object::ReplicaSet(updated)).is_ok()
}

/// When the next pod of any ReplicaSet becomes available through `minReadySeconds`.
pub fn next_available(cluster: &Cluster) -> Option<Time> {
    let now = cluster.now();
    cluster
        .store
        .list(Kind::ReplicaSet, None)
        .into_iter()
        .filter_map(|o| match o {
            Object::ReplicaSet(rs) if rs.spec.min_ready_seconds.unwrap_or(0) > 0 => Some(rs),
            _ => None,
        })
        .flat_map(|rs| {
            let delay = rs.spec.min_ready_seconds.unwrap_or(0) * 1000;
            owned_pods(cluster, rs).into_iter().filter_map(move |p| p.ready_since().map(|t| t.plus_ms(delay)))
        })
        .filter(|t| *t > now)
        .min()
}
