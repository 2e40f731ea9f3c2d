//! `kubectl rollout status|history|undo|restart|pause|resume`: client-side logic over
//! Deployments and the ReplicaSets that record their revisions, and (`revisioned`) over
//! DaemonSets and StatefulSets and the ControllerRevisions that record theirs.

pub mod help;
pub mod history;
pub mod revisions;
pub mod daemonset;
pub mod revisioned;
pub mod statefulset;
pub mod status;
pub mod undo;

#[cfg(test)]
pub mod fixtures;
#[cfg(test)]
mod tests;

use super::args::{switch, value, Flag, Parsed};
use super::targets::{parse_selector, parse_targets_for};
use super::{Ctx, KubectlError};
use crate::cluster::objects::{DaemonSet, Deployment, Kind, Object, StatefulSet};
use crate::job::Exec;

/// Help text for `kubectl rollout --help`.
pub const HELP: &str = "Manage the rollout of one or many resources.
        
 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Examples:
  # Rollback to the previous deployment
  kubectl rollout undo deployment/abc
  
  # Restart a deployment
  kubectl rollout restart deployment/abc
  
  # Restart deployments with the 'app=nginx' label
  kubectl rollout restart deployment --selector=app=nginx

Available Commands:
  history       View rollout history
  pause         Mark the provided resource as paused
  restart       Restart a resource
  resume        Resume a paused resource
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]

Use \"kubectl rollout <command> --help\" for more information about a given command.
Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Flags of every `kubectl rollout` subcommand.
pub const FLAGS: &[Flag] = &[
    value("selector", Some('l'), "Selector (label query) to filter on"),
    value("timeout", None, "The length of time to wait before ending watch, zero means never."),
    switch("watch", Some('w'), "Watch the status of the rollout until it's done."),
    value("revision", None, "Pin to a specific revision / see the details of a revision"),
    value("to-revision", None, "The revision to rollback to. Default to 0 (last revision)."),
    value("dry-run", None, "Must be \"none\", \"server\", or \"client\"."),
    value("output", Some('o'), "Output format."),
    value("filename", Some('f'), "Filename identifying the resource."),
];

/// Runs `kubectl rollout <subcommand>`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    let Some(sub) = args.positionals.first().map(String::as_str) else {
        ctx.out.push(crate::output::Stream::Stderr, &super::verb_help(rollout_verb()));
        return Ok(Exec::Done(1));
    };
    if args.bool("help") {
        ctx.out.out(help::for_subcommand(sub).unwrap_or(HELP));
        return Ok(Exec::Done(0));
    }
    let resources = &args.positionals[1..];
    match sub {
        "status" => status::run(ctx, args, resources),
        "history" => history::run(ctx, args, resources),
        "undo" => undo::run(ctx, args, resources),
        "restart" => restart(ctx, args, resources),
        "pause" => set_paused(ctx, args, resources, true),
        "resume" => set_paused(ctx, args, resources, false),
        _ => Err(KubectlError::usage(format!("unknown command \"{}\"", args.positionals.join(" ")), "rollout")),
    }
}

fn rollout_verb() -> &'static super::Verb {
    super::VERBS.iter().find(|v| v.name == "rollout").unwrap_or(&super::VERBS[0])
}

/// The Deployments a rollout subcommand acts on: named ones (`deployment/x`, `deploy x`), or
/// every one of the type matching `-l`. Other kinds get kubectl's "not supported" errors.
pub fn resolve_deployments(
    ctx: &Ctx,
    args: &Parsed,
    resources: &[String],
    unsupported: &dyn Fn(Kind, &str) -> String,
) -> Result<Vec<Deployment>, KubectlError> {
    if resources.is_empty() && args.get("filename").is_none() {
        return Err(KubectlError::msg("required resource not specified"));
    }
    let selector = args.get("selector").map(parse_selector).transpose()?;
    let targets = parse_targets_for("rollout", resources)?;
    let mut found = Vec::new();
    for target in targets {
        if target.kind != Kind::Deployment {
            let name = target.name.clone().unwrap_or_default();
            if let Some(name) = &target.name {
                ctx.world.cluster.read(target.kind, &ctx.namespace, name)?;
            }
            return Err(KubectlError::msg(unsupported(target.kind, &name)));
        }
        match &target.name {
            Some(name) => {
                if let Object::Deployment(d) = ctx.world.cluster.read(Kind::Deployment, &ctx.namespace, name)? {
                    found.push(d);
                }
            }
            None => {
                for object in ctx.world.cluster.list(Kind::Deployment, Some(&ctx.namespace)) {
                    if let Object::Deployment(d) = object {
                        if selector.as_ref().is_none_or(|s| s.matches(&d.metadata.labels)) {
                            found.push(d);
                        }
                    }
                }
            }
        }
    }
    Ok(found)
}

/// `No resources found in <ns> namespace.` on stderr when a type matched nothing.
fn report_none(ctx: &mut Ctx, found: &[Deployment]) {
    if found.is_empty() {
        ctx.out.errln(format!("No resources found in {} namespace.", ctx.namespace));
    }
}

/// `rollout restart`: stamps `kubectl.kubernetes.io/restartedAt` on the pod template.
fn restart(ctx: &mut Ctx, args: &Parsed, resources: &[String]) -> Result<Exec, KubectlError> {
    if let Some(exec) = revisioned::restart::<StatefulSet>(ctx, resources)? {
        return Ok(exec);
    }
    if let Some(exec) = revisioned::restart::<DaemonSet>(ctx, resources)? {
        return Ok(exec);
    }
    let unsupported = |kind: Kind, name: &str| format!("{} \"{name}\" restarting is not supported", kind.resource_with_group());
    let deployments = resolve_deployments(ctx, args, resources, &unsupported)?;
    report_none(ctx, &deployments);
    let mut status = 0;
    for mut d in deployments {
        let name = d.metadata.name.clone();
        if d.spec.paused {
            ctx.out.errln(format!("error: deployments.apps \"{name}\" can't restart paused deployment (run rollout resume first)"));
            status = 1;
            continue;
        }
        let now = ctx.world.cluster.now().rfc3339();
        d.spec.template.metadata.annotations.insert("kubectl.kubernetes.io/restartedAt".into(), now);
        ctx.world.cluster.update(Object::Deployment(d))?;
        ctx.out.outln(format!("deployment.apps/{name} restarted"));
    }
    Ok(Exec::Done(status))
}

/// `rollout pause` / `rollout resume`.
fn set_paused(ctx: &mut Ctx, args: &Parsed, resources: &[String], paused: bool) -> Result<Exec, KubectlError> {
    let verb = if paused { "pausing" } else { "resuming" };
    let unsupported = |kind: Kind, name: &str| format!("{} \"{name}\" {verb} is not supported", kind.resource_with_group());
    let deployments = resolve_deployments(ctx, args, resources, &unsupported)?;
    report_none(ctx, &deployments);
    let word = if paused { "paused" } else { "resumed" };
    for mut d in deployments {
        let name = d.metadata.name.clone();
        if d.spec.paused == paused {
            ctx.out.outln(format!("deployment.apps/{name} already {word}"));
            continue;
        }
        d.spec.paused = paused;
        ctx.world.cluster.update(Object::Deployment(d))?;
        ctx.out.outln(format!("deployment.apps/{name} {word}"));
    }
    Ok(Exec::Done(0))
}
