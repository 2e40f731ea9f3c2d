//! A DaemonSet's revision history: one ControllerRevision `<ds>-<hash>` per distinct pod
//! template, numbered in rollout order; pods carry the hash in `controller-revision-hash`.
//! Returning to an earlier template (an undo) renumbers that revision instead of copying it.

use crate::cluster::api::DeleteOptions;
use crate::cluster::names::pod_template_hash;
use crate::cluster::objects::{ControllerRevision, DaemonSet, Kind, Object, ObjectMeta, OwnerReference};
use crate::cluster::Cluster;
use std::collections::BTreeSet;

/// The label on revisions and pods holding the template hash.
pub const HASH_LABEL: &str = "controller-revision-hash";

/// The controller reference a DaemonSet's pods and revisions carry.
pub fn owner_reference(ds: &DaemonSet) -> OwnerReference {
    OwnerReference {
        api_version: "apps/v1".into(),
        kind: "DaemonSet".into(),
        name: ds.metadata.name.clone(),
        uid: ds.metadata.uid.clone(),
        controller: Some(true),
        block_owner_deletion: Some(true),
    }
}

/// The revisions the set owns, lowest revision number first.
pub fn owned_revisions(cluster: &Cluster, ds: &DaemonSet) -> Vec<ControllerRevision> {
    let mut list: Vec<ControllerRevision> = cluster
        .store
        .list(Kind::ControllerRevision, Some(&ds.metadata.namespace))
        .into_iter()
        .filter_map(|o| match o {
            Object::ControllerRevision(cr) if cr.metadata.owner_references.iter().any(|r| r.controller == Some(true) && r.uid == ds.metadata.uid) => {
                Some(cr.clone())
            }
            _ => None,
        })
        .collect();
    list.sort_by(|a, b| (a.revision, &a.metadata.name).cmp(&(b.revision, &b.metadata.name)));
    list
}

/// The hash of the set's current template (what up-to-date pods are labelled with).
pub fn template_hash(ds: &DaemonSet) -> String {
    pod_template_hash(&ds.spec.template, ds.status.collision_count.unwrap_or(0))
}

/// The revision object the set's current template is stored as, numbered `number`.
pub fn revision_for(ds: &DaemonSet, number: i64) -> ControllerRevision {
    let hash = template_hash(ds);
    let mut labels = ds.spec.template.metadata.labels.clone();
    labels.insert(HASH_LABEL.into(), hash.clone());
    ControllerRevision {
        metadata: ObjectMeta {
            name: format!("{}-{hash}", ds.metadata.name),
            namespace: ds.metadata.namespace.clone(),
            labels,
            annotations: ds.metadata.annotations.clone(),
            owner_references: vec![owner_reference(ds)],
            ..Default::default()
        },
        data: Some(ControllerRevision::data_for_template(&ds.spec.template)),
        revision: number,
        ..Default::default()
    }
}

/// Makes sure the template has the newest revision; returns its hash. True in the second field
/// when the store changed.
pub fn sync_revision(cluster: &mut Cluster, ds: &DaemonSet) -> (String, bool) {
    let revisions = owned_revisions(cluster, ds);
    let latest = revisions.iter().map(|r| r.revision).max().unwrap_or(0);
    let hash = template_hash(ds);
    match revisions.into_iter().find(|cr| cr.template().as_ref() == Some(&ds.spec.template)) {
        Some(mut cr) if cr.revision < latest => {
            cr.revision = latest + 1;
            let changed = cluster.update_status(Object::ControllerRevision(cr)).is_ok();
            (hash, changed)
        }
        Some(_) => (hash, false),
        None => (hash, cluster.create(Object::ControllerRevision(revision_for(ds, latest + 1))).is_ok()),
    }
}

/// Deletes the oldest revisions beyond `revisionHistoryLimit` that no pod uses.
pub fn truncate(cluster: &mut Cluster, ds: &DaemonSet, in_use: &BTreeSet<String>) -> bool {
    let limit = ds.spec.revision_history_limit.unwrap_or(10).max(0) as usize;
    let unused: Vec<ControllerRevision> = owned_revisions(cluster, ds)
        .into_iter()
        .filter(|cr| !cr.metadata.labels.get(HASH_LABEL).is_some_and(|h| in_use.contains(h)))
        .collect();
    let excess = unused.len().saturating_sub(limit);
    let mut changed = false;
    for cr in unused.into_iter().take(excess) {
        let ns = cr.metadata.namespace.clone();
        changed |= cluster.delete(Kind::ControllerRevision, &ns, &cr.metadata.name, DeleteOptions::default()).is_ok();
    }
    changed
}
