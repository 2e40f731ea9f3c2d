//! `kubectl rollout undo`: done client-side as kubectl does, by copying the pod template of an
//! earlier revision's ReplicaSet back into the Deployment.

use super::history::template_text;
use super::resolve_deployments;
use super::revisions::{equal_ignore_hash, owned_replica_sets, revision_of, POD_TEMPLATE_HASH, REVISION_ANNOTATION};
use crate::cluster::objects::{DaemonSet, Deployment, Kind, Object, ReplicaSet, StatefulSet};
use crate::cluster::Cluster;
use crate::job::Exec;
use crate::kubectl::args::Parsed;
use crate::kubectl::{Ctx, KubectlError};

/// Deployment annotations an undo keeps from the Deployment rather than copying from the RS.
const ANNOTATIONS_TO_SKIP: &[&str] = &[
    "kubectl.kubernetes.io/last-applied-configuration",
    REVISION_ANNOTATION,
    "deployment.kubernetes.io/revision-history",
    "deployment.kubernetes.io/desired-replicas",
    "deployment.kubernetes.io/max-replicas",
    "deprecated.deployment.rollback.to",
];

/// Runs `kubectl rollout undo`.
pub fn run(ctx: &mut Ctx, args: &Parsed, resources: &[String]) -> Result<Exec, KubectlError> {
    let unsupported = |kind: Kind, _: &str| format!("no rollbacker has been implemented for {{\"{}\" \"{}\"}}", kind.info().group, kind.info().name);
    let to_revision = args.int("to-revision", "rollout undo")?.unwrap_or(0);
    let dry_run = match args.get("dry-run") {
        None | Some("none") | Some("false") => false,
        Some("client") | Some("server") | Some("true") => true,
        Some(other) => {
            return Err(KubectlError::msg(format!(
                "Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\"."
            )))
        }
    };
    if let Some(exec) = super::revisioned::undo::<DaemonSet>(ctx, args, resources, to_revision, dry_run)? {
        return Ok(exec);
    }
    if let Some(exec) = super::revisioned::undo::<StatefulSet>(ctx, args, resources, to_revision, dry_run)? {
        return Ok(exec);
    }
    let deployments = resolve_deployments(ctx, args, resources, &unsupported)?;
    if deployments.is_empty() {
        ctx.out.errln(format!("No resources found in {} namespace.", ctx.namespace));
    }
    for d in deployments {
        let name = d.metadata.name.clone();
        let result = rollback(&mut ctx.world.cluster, d, to_revision, dry_run)?;
        let suffix = if dry_run { " (dry run)" } else { "" };
        ctx.out.outln(format!("deployment.apps/{name} {result}{suffix}"));
    }
    Ok(Exec::Done(0))
}

/// The ReplicaSet of revision `to_revision`, or of the previous revision when it is 0.
fn target_replica_set(cluster: &Cluster, d: &Deployment, to_revision: i64) -> Result<ReplicaSet, KubectlError> {
    if to_revision < 0 {
        return Err(KubectlError::msg(format!("unable to find specified revision {to_revision} in history")));
    }
    let mut numbered: Vec<(i64, ReplicaSet)> =
        owned_replica_sets(cluster, d).into_iter().filter_map(|rs| revision_of(&rs).map(|n| (n, rs))).collect();
    if to_revision > 0 {
        return numbered
            .into_iter()
            .find(|(n, _)| *n == to_revision)
            .map(|(_, rs)| rs)
            .ok_or_else(|| KubectlError::msg(format!("unable to find specified revision {to_revision} in history")));
    }
    numbered.sort_by_key(|(n, _)| *n);
    numbered.pop();
    numbered
        .pop()
        .map(|(_, rs)| rs)
        .ok_or_else(|| KubectlError::msg(format!("no rollout history found for deployment \"{}\"", d.metadata.name)))
}

/// Rolls `d` back; returns what to print after `deployment.apps/<name> `.
fn rollback(cluster: &mut Cluster, mut d: Deployment, to_revision: i64, dry_run: bool) -> Result<String, KubectlError> {
    let rs = target_replica_set(cluster, &d, to_revision)?;
    if dry_run {
        return Ok(template_text(&rs.spec.template));
    }
    if d.spec.paused {
        return Err(KubectlError::msg(
            "you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again",
        ));
    }
    if equal_ignore_hash(&rs.spec.template, &d.spec.template) {
        return Ok(format!("skipped rollback (current template already matches revision {to_revision})"));
    }
    let mut template = rs.spec.template.clone();
    template.metadata.labels.remove(POD_TEMPLATE_HASH);
    let mut annotations: std::collections::BTreeMap<String, String> = d
        .metadata
        .annotations
        .iter()
        .filter(|(k, _)| ANNOTATIONS_TO_SKIP.contains(&k.as_str()))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    for (k, v) in &rs.metadata.annotations {
        if !ANNOTATIONS_TO_SKIP.contains(&k.as_str()) {
            annotations.insert(k.clone(), v.clone());
        }
    }
    d.spec.template = template;
    d.metadata.annotations = annotations;
    cluster.update(Object::Deployment(d)).map_err(|e| {
        KubectlError::msg(format!("failed restoring revision {to_revision}: {}", e.message))
    })?;
    Ok("rolled back".into())
}
