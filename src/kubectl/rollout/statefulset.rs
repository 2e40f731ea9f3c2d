//! `kubectl rollout` for StatefulSets: the StatefulSet status viewer's messages; restart (which
//! rolls every pod, highest ordinal first), history and undo are the shared ControllerRevision
//! ones (`revisioned`).

use super::revisioned::RevisionedSet;
use crate::cluster::objects::{Kind, Object, ObjectMeta, PodTemplateSpec, StatefulSet};

impl RevisionedSet for StatefulSet {
    const KIND: Kind = Kind::StatefulSet;
    const RESOURCE: &'static str = "statefulset.apps";
    const SERVER_DRY_RUN: bool = true;

    fn of(object: &Object) -> Option<&Self> {
        match object {
            Object::StatefulSet(sts) => Some(sts),
            _ => None,
        }
    }

    fn into_object(self) -> Object {
        Object::StatefulSet(self)
    }

    fn meta(&self) -> &ObjectMeta {
        &self.metadata
    }

    fn template_mut(&mut self) -> &mut PodTemplateSpec {
        &mut self.spec.template
    }

    fn rollout_status(&self) -> Result<(String, bool), String> {
        statefulset_status(self)
    }
}

/// What the status viewer says about a StatefulSet: a line and whether the rollout is done.
pub fn statefulset_status(sts: &StatefulSet) -> Result<(String, bool), String> {
    if sts.spec.update_strategy.type_ != "RollingUpdate" {
        return Err("rollout status is only available for RollingUpdate strategy type".into());
    }
    let status = &sts.status;
    let observed = status.observed_generation.unwrap_or(0);
    if observed == 0 || sts.metadata.generation > observed {
        return Ok(("Waiting for statefulset spec update to be observed...\n".into(), false));
    }
    let replicas = sts.spec.replicas.unwrap_or(1);
    let ready = status.ready_replicas.unwrap_or(0);
    if ready < replicas {
        return Ok((format!("Waiting for {} pods to be ready...\n", replicas - ready), false));
    }
    let updated = status.updated_replicas.unwrap_or(0);
    // As in kubectl: any rollingUpdate block (the API server always defaults one) makes it a
    // partitioned roll out, even with partition 0.
    if let Some(rolling) = &sts.spec.update_strategy.rolling_update {
        if let Some(partition) = rolling.partition.filter(|p| updated < replicas - p) {
            let line = format!("Waiting for partitioned roll out to finish: {updated} out of {} new pods have been updated...\n", replicas - partition);
            return Ok((line, false));
        }
        return Ok((format!("partitioned roll out complete: {updated} new pods have been updated...\n"), true));
    }
    if status.update_revision != status.current_revision {
        let line = format!("waiting for statefulset rolling update to complete {updated} pods at revision {}...\n", status.update_revision);
        return Ok((line, false));
    }
    let line = format!("statefulset rolling update complete {} pods at revision {}...\n", status.current_replicas.unwrap_or(0), status.current_revision);
    Ok((line, true))
}
