//! The ControllerRevision history DaemonSets and StatefulSets keep: one revision `<set>-<hash>`
//! per distinct pod template, numbered in rollout order. Going back to an earlier template (an
//! undo) gives that revision the next number instead of making a copy, and the oldest unused
//! revisions beyond `revisionHistoryLimit` are deleted.

use crate::cluster::api::DeleteOptions;
use crate::cluster::names::pod_template_hash;
use super::owned::{controlled, controller_ref};
use crate::cluster::objects::{ControllerRevision, DaemonSet, Kind, Object, ObjectMeta, OwnerReference, PodTemplateSpec, StatefulSet};
use crate::cluster::Cluster;

/// The label on revisions (and on pods) holding the template hash.
pub const HASH_LABEL: &str = "controller-revision-hash";

/// A workload seen as the owner of a revision history: what the revisions are made from.
pub struct History<'a> {
    /// The workload's metadata: name, namespace, uid and the annotations revisions copy.
    pub owner: &'a ObjectMeta,
    /// The controller reference revisions carry.
    pub reference: OwnerReference,
    /// The workload's current pod template.
    pub template: &'a PodTemplateSpec,
    /// `status.collisionCount`, mixed into the hash.
    pub collision_count: i64,
}

impl<'a> History<'a> {
    /// A DaemonSet's history.
    pub fn of_daemon_set(ds: &'a DaemonSet) -> Self {
        History {
            owner: &ds.metadata,
            reference: controller_ref("apps/v1", "DaemonSet", &ds.metadata),
            template: &ds.spec.template,
            collision_count: ds.status.collision_count.unwrap_or(0),
        }
    }

    /// A StatefulSet's history.
    pub fn of_stateful_set(sts: &'a StatefulSet) -> Self {
        History {
            owner: &sts.metadata,
            reference: controller_ref("apps/v1", "StatefulSet", &sts.metadata),
            template: &sts.spec.template,
            collision_count: sts.status.collision_count.unwrap_or(0),
        }
    }

    /// The hash of the current template (what up-to-date revisions and pods are labelled with).
    pub fn hash(&self) -> String {
        pod_template_hash(self.template, self.collision_count)
    }

    /// The revision object the current template is stored as, numbered `number`.
    pub fn revision(&self, number: i64) -> ControllerRevision {
        let hash = self.hash();
        let mut labels = self.template.metadata.labels.clone();
        labels.insert(HASH_LABEL.into(), hash.clone());
        ControllerRevision {
            metadata: ObjectMeta {
                name: format!("{}-{hash}", self.owner.name),
                namespace: self.owner.namespace.clone(),
                labels,
                annotations: self.owner.annotations.clone(),
                owner_references: vec![self.reference.clone()],
                ..Default::default()
            },
            data: Some(ControllerRevision::data_for_template(self.template)),
            revision: number,
            ..Default::default()
        }
    }

    /// Makes sure the current template has the newest revision: renumbers the revision that
    /// already holds it, or creates one. Returns that revision's name and whether the store
    /// changed.
    pub fn sync(&self, cluster: &mut Cluster) -> (String, bool) {
        let revisions = owned_revisions(cluster, self.owner);
        let latest = revisions.iter().map(|r| r.revision).max().unwrap_or(0);
        match revisions.into_iter().find(|cr| cr.template().as_ref() == Some(self.template)) {
            Some(mut cr) if cr.revision < latest => {
                cr.revision = latest + 1;
                let name = cr.metadata.name.clone();
                (name, cluster.update_status(Object::ControllerRevision(cr)).is_ok())
            }
            Some(cr) => (cr.metadata.name, false),
            None => {
                let revision = self.revision(latest + 1);
                let name = revision.metadata.name.clone();
                (name, cluster.create(Object::ControllerRevision(revision)).is_ok())
            }
        }
    }
}

/// The revisions a workload owns, by controller reference, lowest revision number first.
pub fn owned_revisions(cluster: &Cluster, owner: &ObjectMeta) -> Vec<ControllerRevision> {
    let mut list: Vec<ControllerRevision> = controlled(cluster, Kind::ControllerRevision, owner)
        .filter_map(|o| match o {
            Object::ControllerRevision(cr) => Some(cr.clone()),
            _ => None,
        })
        .collect();
    list.sort_by(|a, b| (a.revision, &a.metadata.name).cmp(&(b.revision, &b.metadata.name)));
    list
}

/// Deletes the oldest revisions beyond `limit` (`revisionHistoryLimit`, 10 by default) for
/// which `in_use` is false; true when it deleted any.
pub fn truncate(cluster: &mut Cluster, owner: &ObjectMeta, limit: Option<i64>, in_use: impl Fn(&ControllerRevision) -> bool) -> bool {
    let limit = limit.unwrap_or(10).max(0) as usize;
    let unused: Vec<ControllerRevision> = owned_revisions(cluster, owner).into_iter().filter(|cr| !in_use(cr)).collect();
    let excess = unused.len().saturating_sub(limit);
    let mut changed = false;
    for cr in unused.into_iter().take(excess) {
        let ns = cr.metadata.namespace.clone();
        changed |= cluster.delete(Kind::ControllerRevision, &ns, &cr.metadata.name, DeleteOptions::default()).is_ok();
    }
    changed
}
