//! `kubectl rollout status|restart|history|undo` for the workloads whose revisions are the
//! ControllerRevisions their controller keeps (DaemonSets and StatefulSets): an undo copies one
//! revision's template back into the set, as kubectl's rollbackers do.

use super::history::template_text;
use crate::cluster::controllers::revisions::owned_revisions;
use crate::cluster::objects::{ControllerRevision, Kind, Object, ObjectMeta, PodTemplateSpec};
use crate::cluster::Cluster;
use crate::job::Exec;
use crate::kubectl::args::Parsed;
use crate::kubectl::printers::describe::tabwriter;
use crate::kubectl::targets::parse_targets_for;
use crate::kubectl::wait::duration_flag;
use crate::kubectl::{Ctx, KubectlError};
use std::collections::BTreeMap;

/// The annotation whose value `rollout history` shows as CHANGE-CAUSE.
const CHANGE_CAUSE: &str = "kubernetes.io/change-cause";

/// A workload kind with a ControllerRevision history, as the rollout subcommands see it.
pub trait RevisionedSet: Clone + Sized {
    /// The kind, to tell its targets apart and to read and list it.
    const KIND: Kind;
    /// How kubectl names it in its messages: `daemonset.apps`.
    const RESOURCE: &'static str;
    /// Whether `undo --dry-run=server` is told apart from a client dry run.
    const SERVER_DRY_RUN: bool;
    /// The set inside a stored object of its kind.
    fn of(object: &Object) -> Option<&Self>;
    /// Wraps the set for an update.
    fn into_object(self) -> Object;
    /// Its metadata.
    fn meta(&self) -> &ObjectMeta;
    /// Its pod template, which restart stamps and undo replaces.
    fn template_mut(&mut self) -> &mut PodTemplateSpec;
    /// What the status viewer says: a line and whether the rollout is done.
    fn rollout_status(&self) -> Result<(String, bool), String>;
}

/// The sets named by `resources`, or `None` when they are not all of kind `T` (another
/// kind's code handles them then).
fn named_sets<T: RevisionedSet>(ctx: &Ctx, resources: &[String]) -> Result<Option<Vec<T>>, KubectlError> {
    let Ok(targets) = parse_targets_for("rollout", resources) else { return Ok(None) };
    if targets.is_empty() || targets.iter().any(|t| t.kind != T::KIND) {
        return Ok(None);
    }
    let mut found = Vec::new();
    for target in targets {
        match &target.name {
            Some(name) => found.extend(T::of(&ctx.world.cluster.read(T::KIND, &ctx.namespace, name)?).cloned()),
            None => found.extend(ctx.world.cluster.list(T::KIND, Some(&ctx.namespace)).iter().filter_map(|o| T::of(o).cloned())),
        }
    }
    Ok(Some(found))
}

fn view<T: RevisionedSet>(object: &Object) -> Result<(String, bool), String> {
    match T::of(object) {
        Some(set) => set.rollout_status(),
        None => Err(format!("no status viewer has been implemented for {}", object.kind().info().name)),
    }
}

fn no_resources(ctx: &mut Ctx) {
    ctx.out.errln(format!("No resources found in {} namespace.", ctx.namespace));
}

/// `rollout status <kind>/x`; `None` when the resources are not of kind `T`.
pub fn status<T: RevisionedSet>(ctx: &mut Ctx, args: &Parsed, resources: &[String]) -> Result<Option<Exec>, KubectlError> {
    let Some(sets) = named_sets::<T>(ctx, resources)? else { return Ok(None) };
    let timeout_ms = duration_flag(args, "timeout", "rollout status")?;
    if sets.is_empty() {
        no_resources(ctx);
        return Ok(Some(Exec::Done(0)));
    }
    let queue = sets.into_iter().map(|s| (s.meta().namespace.clone(), s.meta().name.clone())).collect();
    Ok(Some(super::status::watch_status(ctx, args, T::KIND, view::<T>, queue, timeout_ms)))
}

/// `rollout restart <kind>/x`: stamps `restartedAt` on the template so every pod is replaced;
/// `None` when the resources are not of kind `T`.
pub fn restart<T: RevisionedSet>(ctx: &mut Ctx, resources: &[String]) -> Result<Option<Exec>, KubectlError> {
    let Some(sets) = named_sets::<T>(ctx, resources)? else { return Ok(None) };
    if sets.is_empty() {
        no_resources(ctx);
    }
    for mut set in sets {
        let name = set.meta().name.clone();
        let now = ctx.world.cluster.now().rfc3339();
        set.template_mut().metadata.annotations.insert("kubectl.kubernetes.io/restartedAt".into(), now);
        ctx.world.cluster.update(set.into_object())?;
        ctx.out.outln(format!("{}/{name} restarted", T::RESOURCE));
    }
    Ok(Some(Exec::Done(0)))
}

/// `rollout history <kind>/x [--revision=N]`; `None` when the resources are not of kind `T`.
pub fn history<T: RevisionedSet>(ctx: &mut Ctx, args: &Parsed, resources: &[String]) -> Result<Option<Exec>, KubectlError> {
    let Some(sets) = named_sets::<T>(ctx, resources)? else { return Ok(None) };
    let revision = args.int("revision", "rollout history")?.unwrap_or(0);
    if revision < 0 {
        return Err(KubectlError::msg(format!("revision must be a positive integer: {revision}")));
    }
    if sets.is_empty() {
        no_resources(ctx);
    }
    for set in sets {
        let text = view_history(&ctx.world.cluster, set.meta(), revision)?;
        let with_revision = if revision > 0 { format!("with revision #{revision}") } else { String::new() };
        ctx.out.out(format!("{}/{} {with_revision}\n{text}\n", T::RESOURCE, set.meta().name));
    }
    Ok(Some(Exec::Done(0)))
}

/// The REVISION/CHANGE-CAUSE table of a set, or one revision's pod template.
fn view_history(cluster: &Cluster, owner: &ObjectMeta, revision: i64) -> Result<String, KubectlError> {
    let by_number: BTreeMap<i64, ControllerRevision> = owned_revisions(cluster, owner).into_iter().map(|cr| (cr.revision, cr)).collect();
    if by_number.is_empty() {
        return Ok("No rollout history found.".into());
    }
    if revision > 0 {
        let cr = by_number.get(&revision).ok_or_else(|| KubectlError::msg("unable to find the specified revision"))?;
        return Ok(template_text(&template_of(cr)?));
    }
    let mut table = String::from("REVISION\tCHANGE-CAUSE\n");
    for (number, cr) in &by_number {
        let cause = cr.metadata.annotations.get(CHANGE_CAUSE).filter(|c| !c.is_empty()).map_or("<none>", String::as_str);
        table.push_str(&format!("{number}\t{cause}\n"));
    }
    Ok(tabwriter::align(&table, 0, 2))
}

fn template_of(cr: &ControllerRevision) -> Result<PodTemplateSpec, KubectlError> {
    cr.template().ok_or_else(|| KubectlError::msg(format!("unable to parse history {}", cr.metadata.name)))
}

/// `--dry-run`: a client dry run shows the template it would restore; a server one checks
/// everything and stops short of writing.
#[derive(Clone, Copy, PartialEq)]
enum DryRun {
    None,
    Client,
    Server,
}

/// `rollout undo <kind>/x [--to-revision=N]`; `None` when the resources are not of kind `T`.
pub fn undo<T: RevisionedSet>(ctx: &mut Ctx, args: &Parsed, resources: &[String], to_revision: i64, dry_run: bool) -> Result<Option<Exec>, KubectlError> {
    let Some(sets) = named_sets::<T>(ctx, resources)? else { return Ok(None) };
    let dry_run = match (dry_run, args.get("dry-run")) {
        (false, _) => DryRun::None,
        (true, Some("server")) if T::SERVER_DRY_RUN => DryRun::Server,
        (true, _) => DryRun::Client,
    };
    if sets.is_empty() {
        no_resources(ctx);
    }
    for set in sets {
        let name = set.meta().name.clone();
        let result = rollback(&mut ctx.world.cluster, set, to_revision, dry_run)?;
        let suffix = match dry_run {
            DryRun::None => "",
            DryRun::Client => " (dry run)",
            DryRun::Server => " (server dry run)",
        };
        ctx.out.outln(format!("{}/{name} {result}{suffix}", T::RESOURCE));
    }
    Ok(Some(Exec::Done(0)))
}

/// Rolls `set` back as kubectl's rollbackers do; returns the text after the name.
fn rollback<T: RevisionedSet>(cluster: &mut Cluster, mut set: T, to_revision: i64, dry_run: DryRun) -> Result<String, KubectlError> {
    let not_found = || KubectlError::msg(format!("unable to find specified revision {to_revision} in history"));
    if to_revision < 0 {
        return Err(not_found());
    }
    let revisions = owned_revisions(cluster, set.meta());
    if to_revision == 0 && revisions.len() <= 1 {
        return Err(KubectlError::msg("no last revision to roll back to"));
    }
    let target = if to_revision == 0 { revisions.get(revisions.len() - 2) } else { revisions.iter().find(|cr| cr.revision == to_revision) };
    let template = template_of(target.ok_or_else(not_found)?)?;
    if dry_run == DryRun::Client {
        return Ok(format!("will roll back to {}", template_text(&template)));
    }
    if template == *set.template_mut() {
        return Ok(format!("skipped rollback (current template already matches revision {to_revision})"));
    }
    if dry_run == DryRun::Server {
        return Ok("rolled back".into());
    }
    *set.template_mut() = template;
    cluster.update(set.into_object()).map_err(|e| KubectlError::msg(format!("failed restoring revision {to_revision}: {}", e.message)))?;
    Ok("rolled back".into())
}
