//! `kubectl rollout status|restart` for StatefulSets: the StatefulSet status viewer's messages
//! and the restartedAt stamp that rolls every pod, highest ordinal first.

use crate::cluster::objects::{Kind, Object, StatefulSet};
use crate::job::Exec;
use crate::kubectl::args::Parsed;
use crate::kubectl::targets::parse_targets_for;
use crate::kubectl::wait::duration_flag;
use crate::kubectl::{Ctx, KubectlError};

/// The StatefulSets named by `resources`, or `None` when they name no StatefulSet (the
/// Deployment code handles them then).
pub(super) fn named_sets(ctx: &Ctx, resources: &[String]) -> Result<Option<Vec<StatefulSet>>, KubectlError> {
    let Ok(targets) = parse_targets_for("rollout", resources) else { return Ok(None) };
    if targets.is_empty() || targets.iter().any(|t| t.kind != Kind::StatefulSet) {
        return Ok(None);
    }
    let mut found = Vec::new();
    for target in targets {
        match &target.name {
            Some(name) => {
                if let Object::StatefulSet(s) = ctx.world.cluster.read(Kind::StatefulSet, &ctx.namespace, name)? {
                    found.push(s);
                }
            }
            None => found.extend(ctx.world.cluster.list(Kind::StatefulSet, Some(&ctx.namespace)).into_iter().filter_map(|o| match o {
                Object::StatefulSet(s) => Some(s),
                _ => None,
            })),
        }
    }
    Ok(Some(found))
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

/// `rollout status statefulset/x`; `None` when the resources are not StatefulSets.
pub fn status(ctx: &mut Ctx, args: &Parsed, resources: &[String]) -> Result<Option<Exec>, KubectlError> {
    let Some(sets) = named_sets(ctx, resources)? else { return Ok(None) };
    let timeout_ms = duration_flag(args, "timeout", "rollout status")?;
    if sets.is_empty() {
        ctx.out.errln(format!("No resources found in {} namespace.", ctx.namespace));
        return Ok(Some(Exec::Done(0)));
    }
    let queue = sets.into_iter().map(|s| (s.metadata.namespace.clone(), s.metadata.name.clone())).collect();
    Ok(Some(super::status::watch_status(ctx, args, Kind::StatefulSet, view_statefulset, queue, timeout_ms)))
}

fn view_statefulset(object: &Object) -> Result<(String, bool), String> {
    match object {
        Object::StatefulSet(s) => statefulset_status(s),
        other => Err(format!("no status viewer has been implemented for {}", other.kind().info().name)),
    }
}

/// `rollout restart statefulset/x`; `None` when the resources are not StatefulSets.
pub fn restart(ctx: &mut Ctx, resources: &[String]) -> Result<Option<Exec>, KubectlError> {
    let Some(sets) = named_sets(ctx, resources)? else { return Ok(None) };
    if sets.is_empty() {
        ctx.out.errln(format!("No resources found in {} namespace.", ctx.namespace));
    }
    for mut sts in sets {
        let name = sts.metadata.name.clone();
        let now = ctx.world.cluster.now().rfc3339();
        sts.spec.template.metadata.annotations.insert("kubectl.kubernetes.io/restartedAt".into(), now);
        ctx.world.cluster.update(Object::StatefulSet(sts))?;
        ctx.out.outln(format!("statefulset.apps/{name} restarted"));
    }
    Ok(Some(Exec::Done(0)))
}
