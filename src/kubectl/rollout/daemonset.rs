//! `kubectl rollout` for DaemonSets: the DaemonSet status viewer's messages; restart, history
//! and undo are the shared ControllerRevision ones (`revisioned`).

use super::revisioned::RevisionedSet;
use crate::cluster::objects::{DaemonSet, Kind, Object, ObjectMeta, PodTemplateSpec};

impl RevisionedSet for DaemonSet {
    const KIND: Kind = Kind::DaemonSet;
    const RESOURCE: &'static str = "daemonset.apps";
    const SERVER_DRY_RUN: bool = false;

    fn of(object: &Object) -> Option<&Self> {
        match object {
            Object::DaemonSet(ds) => Some(ds),
            _ => None,
        }
    }

    fn into_object(self) -> Object {
        Object::DaemonSet(self)
    }

    fn meta(&self) -> &ObjectMeta {
        &self.metadata
    }

    fn template_mut(&mut self) -> &mut PodTemplateSpec {
        &mut self.spec.template
    }

    fn rollout_status(&self) -> Result<(String, bool), String> {
        daemonset_status(self)
    }
}

/// What the status viewer says about a DaemonSet: a line and whether the rollout is done.
pub fn daemonset_status(ds: &DaemonSet) -> Result<(String, bool), String> {
    if !ds.is_rolling() {
        return Err("rollout status is only available for RollingUpdate strategy type".into());
    }
    let s = &ds.status;
    let name = &ds.metadata.name;
    if ds.metadata.generation > s.observed_generation.unwrap_or(0) {
        return Ok(("Waiting for daemon set spec update to be observed...\n".into(), false));
    }
    let (updated, desired, available) = (s.updated_number_scheduled.unwrap_or(0), s.desired_number_scheduled, s.number_available.unwrap_or(0));
    if updated < desired {
        return Ok((format!("Waiting for daemon set \"{name}\" rollout to finish: {updated} out of {desired} new pods have been updated...\n"), false));
    }
    if available < desired {
        return Ok((format!("Waiting for daemon set \"{name}\" rollout to finish: {available} of {desired} updated pods are available...\n"), false));
    }
    Ok((format!("daemon set \"{name}\" successfully rolled out\n"), true))
}
