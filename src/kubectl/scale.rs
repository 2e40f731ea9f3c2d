//! `kubectl scale deployment/x --replicas=3`: sets `spec.replicas` of Deployments and ReplicaSets.

use super::args::{value, Flag, Parsed};
use super::mutation::{self, Changed, DryRun, OutputMode, Reporter, DRY_RUN_FLAG, OUTPUT_FLAG};
use super::{Ctx, KubectlError};
use crate::cluster::objects::Kind;
use crate::job::Exec;
use serde_json::Value;

/// Help text for `kubectl scale --help`.
pub const HELP: &str = "Set a new size for a deployment, replica set, replication controller, or stateful set.

 Scale also allows users to specify one or more preconditions for the scale action.

 If --current-replicas or --resource-version is specified, it is validated before the scale is attempted, and it is guaranteed that the precondition holds true when the scale is sent to the server.

Examples:
  # Scale a replica set named 'foo' to 3
  kubectl scale --replicas=3 rs/foo
  
  # Scale a resource identified by type and name specified in \"foo.yaml\" to 3
  kubectl scale --replicas=3 -f foo.yaml
  
  # If the deployment named mysql's current size is 2, scale mysql to 3
  kubectl scale --current-replicas=2 --replicas=3 deployment/mysql

Options:
    --current-replicas=-1:
\tPrecondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition.

    --dry-run='none':
\tMust be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    -f, --filename=[]:
\tFilename, directory, or URL to files identifying the resource to set a new size

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    --replicas=0:
\tThe new desired number of replicas. Required.

    --timeout=0s:
\tThe length of time to wait before giving up on a scale operation, zero means don't wait. Any other values should contain a corresponding time unit (e.g. 1s, 2m, 3h).

Usage:
  kubectl scale [--resource-version=version] [--current-replicas=count] --replicas=COUNT (-f FILENAME | TYPE NAME) [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Flags of `kubectl scale`.
pub const FLAGS: &[Flag] = &[
    value("replicas", None, "The new desired number of replicas. Required."),
    value("current-replicas", None, "Precondition for current size. Requires that the current size of the resource match this value in order to scale. -1 (default) for no condition."),
    value("filename", Some('f'), "Filename, directory, or URL to files identifying the resource to set a new size"),
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    value("timeout", None, "The length of time to wait before giving up on a scale operation, zero means don't wait."),
];

/// Runs `kubectl scale`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    let Some(replicas) = args.int("replicas", "scale")? else {
        return Err(KubectlError::msg("required flag(s) \"replicas\" not set"));
    };
    if replicas < 0 {
        return Err(KubectlError::usage("The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0", "scale"));
    }
    let current = args.int("current-replicas", "scale")?.unwrap_or(-1);
    let dry_run = DryRun::from_args(args)?;
    let mut reporter = Reporter::new(OutputMode::from_args(args)?, dry_run);
    if args.positionals.is_empty() && !args.has("filename") {
        return Err(KubectlError::usage("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'", "scale"));
    }
    let targets = mutation::named_objects(ctx, args, &args.positionals, "scale")?;
    let mut errors = Vec::new();
    for target in targets {
        if !matches!(target.kind, Kind::Deployment | Kind::ReplicaSet | Kind::StatefulSet) {
            errors.push(KubectlError::msg(format!("cannot scale {}: no scaler has been implemented for it", target.kind.resource_with_group())));
            continue;
        }
        let result = mutation::change_object(ctx, &target, dry_run, |object| {
            let live = object.pointer("/spec/replicas").and_then(Value::as_i64).unwrap_or(1);
            if current >= 0 && live != current {
                return Err(KubectlError::msg(format!("Expected replicas to be {current}, was {live}")));
            }
            if let Some(spec) = object.get_mut("spec").and_then(Value::as_object_mut) {
                spec.insert("replicas".into(), Value::from(replicas));
            }
            Ok(())
        });
        match result {
            Ok(Changed::Yes(o) | Changed::No(o)) => reporter.report(ctx.out, target.kind, &target.name, "scaled", &o.to_json()),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        return Ok(Exec::Done(0));
    }
    ctx.out.errln(super::manifest::render_errors(&errors));
    Ok(Exec::Done(1))
}

#[cfg(test)]
mod tests {
    use super::super::mutation::testing::{kubectl, tutorial_world};
    use crate::cluster::objects::{Kind, Object};

    fn replicas(world: &crate::world::World) -> Option<i64> {
        match world.cluster.get(Kind::Deployment, "test", "rickroller") {
            Some(Object::Deployment(d)) => d.spec.replicas,
            _ => None,
        }
    }

    #[test]
    fn scale_forms() {
        let mut world = tutorial_world();
        kubectl(&mut world, "apply -f kube/depl.yaml");
        let ran = kubectl(&mut world, "scale deployment rickroller --replicas=3");
        assert_eq!((ran.stdout.as_str(), ran.stderr.as_str()), ("deployment.apps/rickroller scaled\n", ""));
        assert_eq!(replicas(&world), Some(3));
        let ran = kubectl(&mut world, "scale deploy/rickroller --replicas 0");
        assert_eq!(ran.stdout, "deployment.apps/rickroller scaled\n");
        assert_eq!(replicas(&world), Some(0));
        let ran = kubectl(&mut world, "scale -f kube/depl.yaml --replicas=2 --current-replicas=1");
        assert_eq!(ran.stderr, "error: Expected replicas to be 1, was 0\n");
        let ran = kubectl(&mut world, "scale -f kube/depl.yaml --replicas=2 --dry-run=client");
        assert_eq!(ran.stdout, "deployment.apps/rickroller scaled (dry run)\n");
        assert_eq!(replicas(&world), Some(0));
        let ran = kubectl(&mut world, "scale deployment nope --replicas=2");
        assert_eq!(ran.stderr, "Error from server (NotFound): deployments.apps \"nope\" not found\n");
        let ran = kubectl(&mut world, "scale deployment rickroller");
        assert_eq!(ran.stderr, "error: required flag(s) \"replicas\" not set\n");
    }
}
