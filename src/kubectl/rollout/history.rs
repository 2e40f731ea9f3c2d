//! `kubectl rollout history`: the revisions recorded on a Deployment's ReplicaSets.

use super::resolve_deployments;
use super::revisions::{owned_replica_sets, revision_of, CHANGE_CAUSE_ANNOTATION};
use crate::cluster::objects::{DaemonSet, Deployment, Kind, PodTemplateSpec, StatefulSet};
use crate::cluster::Cluster;
use crate::job::Exec;
use crate::kubectl::args::Parsed;
use crate::kubectl::printers::describe::{common::pod_template, tabwriter, writer::DescribeWriter};
use crate::kubectl::{Ctx, KubectlError};
use std::collections::BTreeMap;

/// Runs `kubectl rollout history`.
pub fn run(ctx: &mut Ctx, args: &Parsed, resources: &[String]) -> Result<Exec, KubectlError> {
    if let Some(exec) = super::revisioned::history::<DaemonSet>(ctx, args, resources)? {
        return Ok(exec);
    }
    if let Some(exec) = super::revisioned::history::<StatefulSet>(ctx, args, resources)? {
        return Ok(exec);
    }
    let unsupported = |kind: Kind, _: &str| format!("no history viewer has been implemented for kind {:?}", kind.info().name);
    let revision = args.int("revision", "rollout history")?.unwrap_or(0);
    if revision < 0 {
        return Err(KubectlError::msg(format!("revision must be a positive integer: {revision}")));
    }
    let deployments = resolve_deployments(ctx, args, resources, &unsupported)?;
    if deployments.is_empty() {
        ctx.out.errln(format!("No resources found in {} namespace.", ctx.namespace));
    }
    for d in deployments {
        let text = view_history(&ctx.world.cluster, &d, revision)?;
        let with_revision = if revision > 0 { format!("with revision #{revision}") } else { String::new() };
        ctx.out.out(format!("deployment.apps/{} {with_revision}\n{text}\n", d.metadata.name));
    }
    Ok(Exec::Done(0))
}

/// The history text kubectl's DeploymentHistoryViewer builds: the REVISION/CHANGE-CAUSE table,
/// or one revision's pod template.
pub fn view_history(cluster: &Cluster, d: &Deployment, revision: i64) -> Result<String, KubectlError> {
    let mut by_revision: BTreeMap<i64, PodTemplateSpec> = BTreeMap::new();
    for rs in owned_replica_sets(cluster, d) {
        let Some(number) = revision_of(&rs) else { continue };
        let mut template = rs.spec.template.clone();
        if let Some(cause) = rs.metadata.annotations.get(CHANGE_CAUSE_ANNOTATION).filter(|c| !c.is_empty()) {
            template.metadata.annotations.insert(CHANGE_CAUSE_ANNOTATION.into(), cause.clone());
        }
        by_revision.insert(number, template);
    }
    if by_revision.is_empty() {
        return Ok("No rollout history found.".into());
    }
    if revision > 0 {
        let template = by_revision
            .get(&revision)
            .ok_or_else(|| KubectlError::msg("unable to find the specified revision"))?;
        return Ok(template_text(template));
    }
    let mut table = String::from("REVISION\tCHANGE-CAUSE\n");
    for (number, template) in &by_revision {
        let cause = template
            .metadata
            .annotations
            .get(CHANGE_CAUSE_ANNOTATION)
            .cloned()
            .unwrap_or_else(|| "<none>".into());
        table.push_str(&format!("{number}\t{cause}\n"));
    }
    Ok(tabwriter::align(&table, 0, 2))
}

/// A pod template as `rollout history --revision` and `undo --dry-run` print it: describe's
/// block written without alignment, so its tabs come out as they are.
pub fn template_text(template: &PodTemplateSpec) -> String {
    let mut w = DescribeWriter::new();
    pod_template(&mut w, template);
    w.finish_raw()
}
