//! A StatefulSet's revision history: one ControllerRevision per distinct pod template, named
//! `<set>-<hash>`, numbered in rollout order. Going back to an earlier template (an undo) gives
//! that revision the next number instead of making a copy, and the oldest unused revisions
//! beyond `revisionHistoryLimit` are deleted.

use super::owner_reference;
use crate::cluster::api::DeleteOptions;
use crate::cluster::names::pod_template_hash;
use crate::cluster::objects::{ControllerRevision, Kind, Object, ObjectMeta, PodTemplateSpec, StatefulSet};
use crate::cluster::Cluster;
use std::collections::BTreeSet;

/// The label on a revision holding its hash (on pods it holds the revision's full name).
pub const HASH_LABEL: &str = "controller-revision-hash";

/// A revision the controller makes pods from: its name and template.
#[derive(Clone, Debug, PartialEq)]
pub struct Revision {
    /// `<set>-<hash>`: the ControllerRevision's name and the pods' `controller-revision-hash`.
    pub name: String,
    /// The pod template pods of this revision are made from.
    pub template: PodTemplateSpec,
}

/// The revisions a set owns, by controller reference, lowest revision number first.
pub fn owned_revisions(cluster: &Cluster, sts: &StatefulSet) -> Vec<ControllerRevision> {
    let mut list: Vec<ControllerRevision> = cluster
        .store
        .list(Kind::ControllerRevision, Some(&sts.metadata.namespace))
        .into_iter()
        .filter_map(|o| match o {
            Object::ControllerRevision(cr) => Some(cr.clone()),
            _ => None,
        })
        .filter(|cr| cr.metadata.owner_references.iter().any(|r| r.controller == Some(true) && r.uid == sts.metadata.uid))
        .collect();
    list.sort_by(|a, b| (a.revision, &a.metadata.name).cmp(&(b.revision, &b.metadata.name)));
    list
}

/// Makes sure the set's template has a revision (the newest one) and returns the current
/// revision (what pods below the partition keep) and the update revision (the template's).
pub fn sync_revisions(cluster: &mut Cluster, sts: &StatefulSet) -> (Revision, Revision) {
    let revisions = owned_revisions(cluster, sts);
    let latest = revisions.iter().map(|r| r.revision).max().unwrap_or(0);
    let equal = revisions.iter().find(|cr| cr.template().as_ref() == Some(&sts.spec.template)).cloned();
    let update_name = match equal {
        Some(mut cr) => {
            if cr.revision < latest {
                cr.revision = latest + 1;
                let _ = cluster.update_status(Object::ControllerRevision(cr.clone()));
            }
            cr.metadata.name
        }
        None => create_revision(cluster, sts, latest + 1),
    };
    let update = Revision { name: update_name, template: sts.spec.template.clone() };
    let current = owned_revisions(cluster, sts)
        .into_iter()
        .find(|cr| !sts.status.current_revision.is_empty() && cr.metadata.name == sts.status.current_revision)
        .and_then(|cr| Some(Revision { template: cr.template()?, name: cr.metadata.name }))
        .unwrap_or_else(|| update.clone());
    (current, update)
}

fn create_revision(cluster: &mut Cluster, sts: &StatefulSet, number: i64) -> String {
    let collisions = sts.status.collision_count.unwrap_or(0);
    let hash = pod_template_hash(&sts.spec.template, collisions);
    let name = format!("{}-{hash}", sts.metadata.name);
    let mut labels = sts.spec.template.metadata.labels.clone();
    labels.insert(HASH_LABEL.into(), hash);
    let revision = ControllerRevision {
        metadata: ObjectMeta {
            name: name.clone(),
            namespace: sts.metadata.namespace.clone(),
            labels,
            annotations: sts.metadata.annotations.clone(),
            owner_references: vec![owner_reference(sts)],
            ..Default::default()
        },
        data: Some(ControllerRevision::data_for_template(&sts.spec.template)),
        revision: number,
        ..Default::default()
    };
    let _ = cluster.create(Object::ControllerRevision(revision));
    name
}

/// Deletes the oldest revisions beyond `revisionHistoryLimit` that no pod and neither the
/// current nor the update revision uses; true when it deleted any.
pub fn truncate_history(cluster: &mut Cluster, sts: &StatefulSet, in_use: &BTreeSet<String>) -> bool {
    let limit = sts.spec.revision_history_limit.unwrap_or(10).max(0) as usize;
    let unused: Vec<ControllerRevision> =
        owned_revisions(cluster, sts).into_iter().filter(|cr| !in_use.contains(&cr.metadata.name)).collect();
    let excess = unused.len().saturating_sub(limit);
    let mut changed = false;
    for cr in unused.into_iter().take(excess) {
        let ns = cr.metadata.namespace.clone();
        changed |= cluster.delete(Kind::ControllerRevision, &ns, &cr.metadata.name, DeleteOptions::default()).is_ok();
    }
    changed
}
