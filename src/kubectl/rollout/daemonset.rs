//! `kubectl rollout status|restart|history|undo` for DaemonSets: the DaemonSet status viewer's
//! messages, the restartedAt stamp, and the ControllerRevisions the DaemonSet controller keeps.

use super::history::template_text;
use crate::cluster::controllers::daemonset::revisions::owned_revisions;
use crate::cluster::objects::{ControllerRevision, DaemonSet, Kind, Object};
use crate::cluster::Cluster;
use crate::job::Exec;
use crate::kubectl::args::Parsed;
use crate::kubectl::printers::describe::tabwriter;
use crate::kubectl::targets::parse_targets_for;
use crate::kubectl::wait::duration_flag;
use crate::kubectl::{Ctx, KubectlError};
use std::collections::BTreeMap;

/// The DaemonSets named by `resources`, or `None` when they name no DaemonSet.
fn named_sets(ctx: &Ctx, resources: &[String]) -> Result<Option<Vec<DaemonSet>>, KubectlError> {
    let Ok(targets) = parse_targets_for("rollout", resources) else { return Ok(None) };
    if targets.is_empty() || targets.iter().any(|t| t.kind != Kind::DaemonSet) {
        return Ok(None);
    }
    let mut found = Vec::new();
    for target in targets {
        match &target.name {
            Some(name) => {
                if let Object::DaemonSet(ds) = ctx.world.cluster.read(Kind::DaemonSet, &ctx.namespace, name)? {
                    found.push(ds);
                }
            }
            None => found.extend(ctx.world.cluster.list(Kind::DaemonSet, Some(&ctx.namespace)).into_iter().filter_map(|o| match o {
                Object::DaemonSet(ds) => Some(ds),
                _ => None,
            })),
        }
    }
    Ok(Some(found))
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

fn view(object: &Object) -> Result<(String, bool), String> {
    match object {
        Object::DaemonSet(ds) => daemonset_status(ds),
        other => Err(format!("no status viewer has been implemented for {}", other.kind().info().name)),
    }
}

/// `rollout status daemonset/x`; `None` when the resources are not DaemonSets.
pub fn status(ctx: &mut Ctx, args: &Parsed, resources: &[String]) -> Result<Option<Exec>, KubectlError> {
    let Some(sets) = named_sets(ctx, resources)? else { return Ok(None) };
    let timeout_ms = duration_flag(args, "timeout", "rollout status")?;
    if sets.is_empty() {
        ctx.out.errln(format!("No resources found in {} namespace.", ctx.namespace));
        return Ok(Some(Exec::Done(0)));
    }
    let queue = sets.into_iter().map(|s| (s.metadata.namespace.clone(), s.metadata.name.clone())).collect();
    Ok(Some(super::status::watch_status(ctx, args, Kind::DaemonSet, view, queue, timeout_ms)))
}

/// `rollout restart daemonset/x`; `None` when the resources are not DaemonSets.
pub fn restart(ctx: &mut Ctx, resources: &[String]) -> Result<Option<Exec>, KubectlError> {
    let Some(sets) = named_sets(ctx, resources)? else { return Ok(None) };
    if sets.is_empty() {
        ctx.out.errln(format!("No resources found in {} namespace.", ctx.namespace));
    }
    for mut ds in sets {
        let name = ds.metadata.name.clone();
        let now = ctx.world.cluster.now().rfc3339();
        ds.spec.template.metadata.annotations.insert("kubectl.kubernetes.io/restartedAt".into(), now);
        ctx.world.cluster.update(Object::DaemonSet(ds))?;
        ctx.out.outln(format!("daemonset.apps/{name} restarted"));
    }
    Ok(Some(Exec::Done(0)))
}

/// `rollout history daemonset/x [--revision=N]`; `None` when the resources are not DaemonSets.
pub fn history(ctx: &mut Ctx, args: &Parsed, resources: &[String]) -> Result<Option<Exec>, KubectlError> {
    let Some(sets) = named_sets(ctx, resources)? else { return Ok(None) };
    let revision = args.int("revision", "rollout history")?.unwrap_or(0);
    if revision < 0 {
        return Err(KubectlError::msg(format!("revision must be a positive integer: {revision}")));
    }
    if sets.is_empty() {
        ctx.out.errln(format!("No resources found in {} namespace.", ctx.namespace));
    }
    for ds in sets {
        let text = view_history(&ctx.world.cluster, &ds, revision)?;
        let with_revision = if revision > 0 { format!("with revision #{revision}") } else { String::new() };
        ctx.out.out(format!("daemonset.apps/{} {with_revision}\n{text}\n", ds.metadata.name));
    }
    Ok(Some(Exec::Done(0)))
}

fn view_history(cluster: &Cluster, ds: &DaemonSet, revision: i64) -> Result<String, KubectlError> {
    let by_number: BTreeMap<i64, ControllerRevision> = owned_revisions(cluster, ds).into_iter().map(|cr| (cr.revision, cr)).collect();
    if by_number.is_empty() {
        return Ok("No rollout history found.".into());
    }
    if revision > 0 {
        let cr = by_number.get(&revision).ok_or_else(|| KubectlError::msg("unable to find the specified revision"))?;
        let template = cr.template().ok_or_else(|| KubectlError::msg(format!("unable to parse history {}", cr.metadata.name)))?;
        return Ok(template_text(&template));
    }
    let mut table = String::from("REVISION\tCHANGE-CAUSE\n");
    for (number, cr) in &by_number {
        let cause = cr.metadata.annotations.get("kubernetes.io/change-cause").filter(|c| !c.is_empty()).map_or("<none>", String::as_str);
        table.push_str(&format!("{number}\t{cause}\n"));
    }
    Ok(tabwriter::align(&table, 0, 2))
}

/// `rollout undo daemonset/x [--to-revision=N]`; `None` when the resources are not DaemonSets.
pub fn undo(ctx: &mut Ctx, resources: &[String], to_revision: i64, dry_run: bool) -> Result<Option<Exec>, KubectlError> {
    let Some(sets) = named_sets(ctx, resources)? else { return Ok(None) };
    if sets.is_empty() {
        ctx.out.errln(format!("No resources found in {} namespace.", ctx.namespace));
    }
    for ds in sets {
        let name = ds.metadata.name.clone();
        let result = rollback(&mut ctx.world.cluster, ds, to_revision, dry_run)?;
        let suffix = if dry_run { " (dry run)" } else { "" };
        ctx.out.outln(format!("daemonset.apps/{name} {result}{suffix}"));
    }
    Ok(Some(Exec::Done(0)))
}

fn rollback(cluster: &mut Cluster, mut ds: DaemonSet, to_revision: i64, dry_run: bool) -> Result<String, KubectlError> {
    let not_found = || KubectlError::msg(format!("unable to find specified revision {to_revision} in history"));
    if to_revision < 0 {
        return Err(not_found());
    }
    let revisions = owned_revisions(cluster, &ds);
    if to_revision == 0 && revisions.len() <= 1 {
        return Err(KubectlError::msg("no last revision to roll back to"));
    }
    let target = if to_revision == 0 { revisions.get(revisions.len() - 2) } else { revisions.iter().find(|cr| cr.revision == to_revision) };
    let target = target.ok_or_else(not_found)?;
    let template = target.template().ok_or_else(|| KubectlError::msg(format!("unable to parse history {}", target.metadata.name)))?;
    if dry_run {
        return Ok(format!("will roll back to {}", template_text(&template)));
    }
    if template == ds.spec.template {
        return Ok(format!("skipped rollback (current template already matches revision {to_revision})"));
    }
    ds.spec.template = template;
    cluster.update(Object::DaemonSet(ds)).map_err(|e| KubectlError::msg(format!("failed restoring revision {to_revision}: {}", e.message)))?;
    Ok("rolled back".into())
}
