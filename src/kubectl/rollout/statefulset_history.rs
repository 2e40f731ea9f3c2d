//! `kubectl rollout history|undo` for StatefulSets: their revisions are the ControllerRevisions
//! the StatefulSet controller keeps, and an undo copies one revision's template back into the
//! set (kubectl patches the set with the revision's `data`).

use super::history::template_text;
use super::statefulset::named_sets;
use crate::cluster::controllers::statefulset::history::owned_revisions;
use crate::cluster::objects::{ControllerRevision, Object, StatefulSet};
use crate::cluster::Cluster;
use crate::job::Exec;
use crate::kubectl::args::Parsed;
use crate::kubectl::printers::describe::tabwriter;
use crate::kubectl::{Ctx, KubectlError};
use std::collections::BTreeMap;

/// The annotation whose value `rollout history` shows as CHANGE-CAUSE.
const CHANGE_CAUSE: &str = "kubernetes.io/change-cause";

/// `rollout history statefulset/x`; `None` when the resources are not StatefulSets.
pub fn history(ctx: &mut Ctx, args: &Parsed, resources: &[String]) -> Result<Option<Exec>, KubectlError> {
    let Some(sets) = named_sets(ctx, resources)? else { return Ok(None) };
    let revision = args.int("revision", "rollout history")?.unwrap_or(0);
    if revision < 0 {
        return Err(KubectlError::msg(format!("revision must be a positive integer: {revision}")));
    }
    if sets.is_empty() {
        ctx.out.errln(format!("No resources found in {} namespace.", ctx.namespace));
    }
    for sts in sets {
        let text = view_history(&ctx.world.cluster, &sts, revision)?;
        let with_revision = if revision > 0 { format!("with revision #{revision}") } else { String::new() };
        ctx.out.out(format!("statefulset.apps/{} {with_revision}\n{text}\n", sts.metadata.name));
    }
    Ok(Some(Exec::Done(0)))
}

/// The REVISION/CHANGE-CAUSE table of a set, or one revision's pod template.
pub fn view_history(cluster: &Cluster, sts: &StatefulSet, revision: i64) -> Result<String, KubectlError> {
    let by_number: BTreeMap<i64, ControllerRevision> =
        owned_revisions(cluster, sts).into_iter().map(|cr| (cr.revision, cr)).collect();
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
        let cause = cr.metadata.annotations.get(CHANGE_CAUSE).filter(|c| !c.is_empty()).map_or("<none>", String::as_str);
        table.push_str(&format!("{number}\t{cause}\n"));
    }
    Ok(tabwriter::align(&table, 0, 2))
}

/// `rollout undo statefulset/x`; `None` when the resources are not StatefulSets.
pub fn undo(ctx: &mut Ctx, args: &Parsed, resources: &[String], to_revision: i64, dry_run: bool) -> Result<Option<Exec>, KubectlError> {
    let Some(sets) = named_sets(ctx, resources)? else { return Ok(None) };
    let dry_run = match (dry_run, args.get("dry-run")) {
        (false, _) => DryRun::None,
        (true, Some("server")) => DryRun::Server,
        (true, _) => DryRun::Client,
    };
    if sets.is_empty() {
        ctx.out.errln(format!("No resources found in {} namespace.", ctx.namespace));
    }
    for sts in sets {
        let name = sts.metadata.name.clone();
        let result = rollback(&mut ctx.world.cluster, sts, to_revision, dry_run)?;
        let suffix = match dry_run {
            DryRun::None => "",
            DryRun::Client => " (dry run)",
            DryRun::Server => " (server dry run)",
        };
        ctx.out.outln(format!("statefulset.apps/{name} {result}{suffix}"));
    }
    Ok(Some(Exec::Done(0)))
}

/// `--dry-run`: a client dry run shows the template it would restore; a server one checks
/// everything and stops short of writing.
#[derive(Clone, Copy, PartialEq)]
enum DryRun {
    None,
    Client,
    Server,
}

/// Rolls `sts` back as kubectl's StatefulSetRollbacker does; returns the text after the name.
fn rollback(cluster: &mut Cluster, mut sts: StatefulSet, to_revision: i64, dry_run: DryRun) -> Result<String, KubectlError> {
    let not_found = || KubectlError::msg(format!("unable to find specified revision {to_revision} in history"));
    if to_revision < 0 {
        return Err(not_found());
    }
    let revisions = owned_revisions(cluster, &sts);
    if to_revision == 0 && revisions.len() <= 1 {
        return Err(KubectlError::msg("no last revision to roll back to"));
    }
    let target = if to_revision == 0 {
        revisions.get(revisions.len() - 2)
    } else {
        revisions.iter().find(|cr| cr.revision == to_revision)
    };
    let target = target.ok_or_else(not_found)?;
    let template = target.template().ok_or_else(|| KubectlError::msg(format!("unable to parse history {}", target.metadata.name)))?;
    if dry_run == DryRun::Client {
        return Ok(format!("will roll back to {}", template_text(&template)));
    }
    if template == sts.spec.template {
        return Ok(format!("skipped rollback (current template already matches revision {to_revision})"));
    }
    if dry_run == DryRun::Server {
        return Ok("rolled back".into());
    }
    sts.spec.template = template;
    cluster
        .update(Object::StatefulSet(sts))
        .map_err(|e| KubectlError::msg(format!("failed restoring revision {to_revision}: {}", e.message)))?;
    Ok("rolled back".into())
}
