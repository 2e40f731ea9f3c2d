//! The garbage collector: deletes objects whose owner is gone (background cascading deletion),
//! so deleting a Deployment removes its ReplicaSets and then their pods.

use crate::cluster::api::DeleteOptions;
use crate::cluster::objects::{Kind, Object, KINDS};
use crate::cluster::store::ObjectKey;
use crate::cluster::Cluster;
use std::collections::BTreeSet;

/// Kinds whose objects own others here; owners of other kinds (a DaemonSet we do not model)
/// are taken to exist.
const OWNER_KINDS: &[&str] = &["Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod", "Namespace"];

/// Events are kept for an hour after they last happened, like the API server's event TTL.
const EVENT_TTL_MS: i64 = 3_600_000;

/// One pass of the garbage collector; true when it deleted anything.
pub fn reconcile(cluster: &mut Cluster) -> bool {
    let mut changed = expire_events(cluster);
    for (kind, namespace, name) in orphans(cluster) {
        changed |= cluster.delete(kind, &namespace, &name, DeleteOptions::default()).is_ok();
    }
    changed
}

/// Objects not being deleted whose owners are all of kinds modelled here and all gone, in store
/// order. Runs on every controller pass: it indexes only owner kinds and skips Events, which can
/// outnumber everything else by far.
fn orphans(cluster: &Cluster) -> Vec<(Kind, String, String)> {
    let store = &cluster.store;
    let owner_uids: BTreeSet<&str> = KINDS
        .iter()
        .filter(|info| OWNER_KINDS.contains(&info.name))
        .flat_map(|info| store.list(info.kind, None))
        .map(|o| o.meta().uid.as_str())
        .collect();
    let mut orphans: Vec<(Kind, String, String)> = KINDS
        .iter()
        .filter(|info| info.kind != Kind::Event)
        .flat_map(|info| store.list(info.kind, None))
        .filter(|o| o.meta().deletion_timestamp.is_none())
        .filter(|o| {
            let refs = &o.meta().owner_references;
            !refs.is_empty()
                && refs.iter().all(|r| OWNER_KINDS.contains(&r.kind.as_str()) && !owner_uids.contains(r.uid.as_str()))
        })
        .map(|o| (o.kind(), o.meta().namespace.clone(), o.meta().name.clone()))
        .collect();
    orphans.sort();
    orphans
}

fn expire_events(cluster: &mut Cluster) -> bool {
    let now = cluster.now();
    let expired: Vec<ObjectKey> = cluster
        .store
        .list(Kind::Event, None)
        .into_iter()
        .filter_map(|o| match o {
            Object::Event(e) if e.last_timestamp.is_some_and(|t| t.plus_ms(EVENT_TTL_MS) < now) => Some(ObjectKey::of(o)),
            _ => None,
        })
        .collect();
    for key in &expired {
        cluster.store.remove(key, now);
    }
    !expired.is_empty()
}
