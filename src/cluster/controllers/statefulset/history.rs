//! Which revisions a StatefulSet's pods are made from: the update revision (the set's template,
//! kept in the shared ControllerRevision history) and the current one (what pods below the
//! partition keep).

use crate::cluster::controllers::revisions::{owned_revisions, History};
use crate::cluster::objects::{PodTemplateSpec, StatefulSet};
use crate::cluster::Cluster;

/// A revision the controller makes pods from: its name and template.
#[derive(Clone, Debug, PartialEq)]
pub struct Revision {
    /// `<set>-<hash>`: the ControllerRevision's name and the pods' `controller-revision-hash`.
    pub name: String,
    /// The pod template pods of this revision are made from.
    pub template: PodTemplateSpec,
}

/// Makes sure the set's template has a revision (the newest one) and returns the current
/// revision (what pods below the partition keep) and the update revision (the template's).
pub fn sync_revisions(cluster: &mut Cluster, sts: &StatefulSet) -> (Revision, Revision) {
    let (update_name, _) = History::of_stateful_set(sts).sync(cluster);
    let update = Revision { name: update_name, template: sts.spec.template.clone() };
    let current = owned_revisions(cluster, &sts.metadata)
        .into_iter()
        .find(|cr| !sts.status.current_revision.is_empty() && cr.metadata.name == sts.status.current_revision)
        .and_then(|cr| Some(Revision { template: cr.template()?, name: cr.metadata.name }))
        .unwrap_or_else(|| update.clone());
    (current, update)
}
