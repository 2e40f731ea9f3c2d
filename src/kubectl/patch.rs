//! `kubectl patch TYPE NAME -p '{...}'`: strategic merge (default), JSON merge or JSON patch.

use super::args::{value, Flag, Parsed};
use super::merge::{json_merge_patch, json_patch, strategic_patch};
use super::mutation::{self, Changed, DryRun, OutputMode, Reporter, DRY_RUN_FLAG, OUTPUT_FLAG};
use super::{Ctx, KubectlError};
use crate::job::Exec;
use serde_json::Value;

/// Help text for `kubectl patch --help`.
pub const HELP: &str = "Update fields of a resource using strategic merge patch, a JSON merge patch, or a JSON patch.

 JSON and YAML formats are accepted.

 Note: Strategic merge patch is not supported for custom resources.

Examples:
  # Partially update a node using a strategic merge patch, specifying the patch as JSON
  kubectl patch node k8s-node-1 -p '{\"spec\":{\"unschedulable\":true}}'
  
  # Partially update a node using a strategic merge patch, specifying the patch as YAML
  kubectl patch node k8s-node-1 -p $'spec:\\n unschedulable: true'
  
  # Partially update a node identified by the type and name specified in \"node.json\" using strategic merge patch
  kubectl patch -f node.json -p '{\"spec\":{\"unschedulable\":true}}'
  
  # Update a container's image; spec.containers[*].name is required because it's a merge key
  kubectl patch pod valid-pod -p '{\"spec\":{\"containers\":[{\"name\":\"kubernetes-serve-hostname\",\"image\":\"new image\"}]}}'
  
  # Update a container's image using a JSON patch with positional arrays
  kubectl patch pod valid-pod --type='json' -p='[{\"op\": \"replace\", \"path\": \"/spec/containers/0/image\", \"value\":\"new image\"}]'

Options:
    --dry-run='none':
\tMust be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    -f, --filename=[]:
\tFilename, directory, or URL to files identifying the resource to update

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    -p, --patch='':
\tThe patch to be applied to the resource JSON file.

    --patch-file='':
\tA file containing a patch to be applied to the resource.

    --type='strategic':
\tThe type of patch being provided; one of [json merge strategic]

Usage:
  kubectl patch (-f FILENAME | TYPE NAME) [-p PATCH|--patch-file FILE] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Flags of `kubectl patch`.
pub const FLAGS: &[Flag] = &[
    value("patch", Some('p'), "The patch to be applied to the resource JSON file."),
    value("patch-file", None, "A file containing a patch to be applied to the resource."),
    value("type", None, "The type of patch being provided; one of [json merge strategic]"),
    value("filename", Some('f'), "Filename, directory, or URL to files identifying the resource to update"),
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
];

#[derive(Clone, Copy)]
enum PatchType {
    Strategic,
    Merge,
    Json,
}

/// Runs `kubectl patch`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    let patch_type = match args.get("type").unwrap_or("strategic") {
        "strategic" => PatchType::Strategic,
        "merge" => PatchType::Merge,
        "json" => PatchType::Json,
        other => return Err(KubectlError::msg(format!("--type must be one of [json merge strategic], not \"{other}\""))),
    };
    let text = match (args.get("patch"), args.get("patch-file")) {
        (Some(p), _) => p.to_string(),
        (None, Some(file)) => ctx
            .world
            .fs
            .read(file)
            .map(str::to_string)
            .ok_or_else(|| KubectlError::msg(format!("open {file}: no such file or directory")))?,
        (None, None) => {
            return Err(KubectlError::msg("must specify --patch or --patch-file containing the contents of the patch"))
        }
    };
    let patch: Value = yaml_serde::from_str(&text)
        .map_err(|e| KubectlError::msg(format!("unable to parse \"{text}\": {}", e.to_string().split(" at line ").next().unwrap_or_default())))?;
    let dry_run = DryRun::from_args(args)?;
    let mut reporter = Reporter::new(OutputMode::from_args(args)?, dry_run);
    let targets = mutation::named_objects(ctx, args, &args.positionals, "patch")?;
    let mut errors = Vec::new();
    for target in targets {
        let result = mutation::change_object(ctx, &target, dry_run, |object| {
            *object = match patch_type {
                PatchType::Strategic => strategic_patch(object, &patch),
                PatchType::Merge => json_merge_patch(object, &patch),
                PatchType::Json => json_patch(object, &patch).map_err(KubectlError::msg)?,
            };
            Ok(())
        });
        match result {
            Ok(Changed::Yes(o)) => reporter.report(ctx.out, target.kind, &target.name, "patched", &o.to_json()),
            Ok(Changed::No(o)) => reporter.report(ctx.out, target.kind, &target.name, "patched (no change)", &o.to_json()),
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
    use super::super::mutation::testing::{kubectl, kubectl_args, tutorial_world};
    use crate::cluster::objects::{Kind, Object};

    fn replicas_and_image(world: &crate::world::World) -> (Option<i64>, String) {
        match world.cluster.get(Kind::Deployment, "test", "rickroller") {
            Some(Object::Deployment(d)) => (d.spec.replicas, d.spec.template.spec.containers[0].image.clone()),
            _ => (None, String::new()),
        }
    }

    #[test]
    fn patch_types() {
        let mut world = tutorial_world();
        kubectl(&mut world, "apply -f kube/depl.yaml");
        let ran = kubectl_args(&mut world, &["patch", "deployment", "rickroller", "-p", "{\"spec\":{\"replicas\":2}}"], "");
        assert_eq!((ran.stdout.as_str(), ran.stderr.as_str()), ("deployment.apps/rickroller patched\n", ""));
        let ran = kubectl_args(&mut world, &["patch", "deploy/rickroller", "-p", "{\"spec\":{\"replicas\":2}}"], "");
        assert_eq!(ran.stdout, "deployment.apps/rickroller patched (no change)\n");
        let ran = kubectl_args(&mut world, &["patch", "deploy/rickroller", "-p", "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"rickroller\",\"image\":\"nginx\"}]}}}}"], "");
        assert_eq!(ran.stdout, "deployment.apps/rickroller patched\n");
        assert_eq!(replicas_and_image(&world), (Some(2), "nginx".to_string()));
        let ran = kubectl_args(&mut world, &["patch", "deploy/rickroller", "--type=json", "-p", "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":5}]"], "");
        assert_eq!(ran.stdout, "deployment.apps/rickroller patched\n");
        let ran = kubectl_args(&mut world, &["patch", "deploy/rickroller", "--type", "merge", "-p", "spec:\n  replicas: 4\n"], "");
        assert_eq!(ran.stdout, "deployment.apps/rickroller patched\n");
        assert_eq!(replicas_and_image(&world).0, Some(4));
        let ran = kubectl_args(&mut world, &["patch", "deploy/rickroller", "-p", "{\"spec\":{\"replica\":2}}"], "");
        assert!(ran.stderr.starts_with("The request is invalid: patch: Invalid value: \"map["), "{}", ran.stderr);
        assert!(ran.stderr.ends_with("strict decoding error: unknown field \"spec.replica\"\n"), "{}", ran.stderr);
        let ran = kubectl(&mut world, "patch deploy/rickroller");
        assert_eq!(ran.stderr, "error: must specify --patch or --patch-file containing the contents of the patch\n");
    }
}
