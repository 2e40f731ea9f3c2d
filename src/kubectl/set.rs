//! `kubectl set image` and `kubectl set env`: change the containers of a workload's pod template
//! (or of a pod), which starts a rollout for Deployments.

use super::args::{switch, value, Flag, Parsed};
use super::mutation::{self, Changed, DryRun, OutputMode, Reporter, DRY_RUN_FLAG, OUTPUT_FLAG};
use super::{Ctx, KubectlError};
use crate::cluster::objects::Kind;
use crate::job::Exec;
use serde_json::{json, Map, Value};

/// Help text for `kubectl set --help`.
pub const HELP: &str = "Configure application resources.

 These commands help you make changes to existing application resources.

Available Commands:
  env              Update environment variables on a pod template
  image            Update the image of a pod template
  resources        Update resource requests/limits on objects with pod templates
  selector         Set the selector on a resource
  serviceaccount   Update the service account of a resource
  subject          Update the user, group, or service account in a role binding or cluster role binding

Usage:
  kubectl set SUBCOMMAND [options]

Use \"kubectl set <command> --help\" for more information about a given command.
Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Help text for `kubectl set image --help`.
pub const IMAGE_HELP: &str = "Update existing container image(s) of resources.

 Possible resources include (case insensitive):

        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)

Examples:
  # Set a deployment's nginx container image to 'nginx:1.9.1', and its busybox container image to 'busybox'
  kubectl set image deployment/nginx busybox=busybox nginx=nginx:1.9.1
  
  # Update all deployments' and rc's nginx container's image to 'nginx:1.9.1'
  kubectl set image deployments,rc nginx=nginx:1.9.1 --all

Options:
    --all=false:
\tSelect all resources, in the namespace of the specified resource types

    --dry-run='none':
\tMust be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    -f, --filename=[]:
\tFilename, directory, or URL to files identifying the resource to get from a server.

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

Usage:
  kubectl set image (-f FILENAME | TYPE NAME) CONTAINER_NAME_1=CONTAINER_IMAGE_1 ... CONTAINER_NAME_N=CONTAINER_IMAGE_N [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Help text for `kubectl set env --help`.
pub const ENV_HELP: &str = "Update environment variables on a pod template.

 List environment variable definitions in one or more pods, pod templates. Add, update, or remove container environment variable definitions in one or more pod templates (within replication controllers or deployment configurations). View or modify the environment variable definitions on all containers in the specified pods or pod templates, or just those that match a wildcard.

 If \"--env -\" is passed, environment variables can be read from STDIN using the standard env syntax.

 Possible resources include (case insensitive):

        pod (po), replicationcontroller (rc), deployment (deploy), daemonset (ds), statefulset (sts), cronjob (cj), replicaset (rs)

Examples:
  # Update deployment 'registry' with a new environment variable
  kubectl set env deployment/registry STORAGE_DIR=/local
  
  # List the environment variables defined on a deployments 'sample-build'
  kubectl set env deployment/sample-build --list
  
  # List the environment variables defined on all pods
  kubectl set env pods --all --list
  
  # Output modified deployment in YAML, and does not alter the object on the server
  kubectl set env deployment/sample-build STORAGE_DIR=/data -o yaml
  
  # Remove the environment variable ENV from container 'c1' in all deployment configs
  kubectl set env deployments --all --containers=\"c1\" ENV-
  
  # Remove the environment variable ENV from a deployment definition on disk and
  # update the deployment config on the server
  kubectl set env -f deploy.json ENV-

Options:
    --all=false:
\tIf true, select all resources in the namespace of the specified resource types

    -c, --containers='*':
\tThe names of containers in the selected pod templates to change - may use wildcards

    --dry-run='none':
\tMust be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    -f, --filename=[]:
\tFilename, directory, or URL to files the resource to update the env

    --list=false:
\tIf true, display the environment and any changes in the standard format. this flag will removed when we have kubectl view env.

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    --overwrite=true:
\tIf true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment.

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

Usage:
  kubectl set env RESOURCE/NAME KEY_1=VAL_1 ... KEY_N=VAL_N [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Flags of `kubectl set` subcommands.
pub const FLAGS: &[Flag] = &[
    value("containers", Some('c'), "The names of containers in the selected pod templates to change - may use wildcards"),
    value("filename", Some('f'), "Filename, directory, or URL to files identifying the resource to get from a server."),
    switch("all", None, "Select all resources, in the namespace of the specified resource types"),
    value("selector", Some('l'), "Selector (label query) to filter on"),
    switch("list", None, "If true, display the environment and any changes in the standard format."),
    switch("overwrite", None, "If true, allow environment to be overwritten, otherwise reject updates that overwrite existing environment."),
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
];

/// Runs `kubectl set`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    let sub = args.positionals.first().cloned().unwrap_or_default();
    let help = args.bool("help");
    match sub.as_str() {
        "" if help => print(ctx, HELP),
        "" => {
            // Like cobra's DefaultSubCommandRun: the help goes to stderr and the exit status is 1.
            ctx.out.push(crate::output::Stream::Stderr, HELP);
            Ok(Exec::Done(1))
        }
        "image" if help => print(ctx, IMAGE_HELP),
        "env" if help => print(ctx, ENV_HELP),
        "image" => set_containers(ctx, args, Sub::Image),
        "env" => set_containers(ctx, args, Sub::Env),
        "resources" | "selector" | "serviceaccount" | "sa" | "subject" => {
            Err(KubectlError::msg(format!("kubectl set {sub} is not available in kubeplay yet")))
        }
        other => Err(KubectlError::usage(format!("unknown command \"{other}\""), "set")),
    }
}

fn print(ctx: &mut Ctx, text: &str) -> Result<Exec, KubectlError> {
    ctx.out.out(text);
    Ok(Exec::Done(0))
}

#[derive(Clone, Copy, PartialEq)]
enum Sub {
    Image,
    Env,
}

fn set_containers(ctx: &mut Ctx, args: &Parsed, sub: Sub) -> Result<Exec, KubectlError> {
    let command = if sub == Sub::Image { "set image" } else { "set env" };
    let (resources, changes) = mutation::split_resource_args(&args.positionals[1..]);
    if changes.is_empty() {
        let message = if sub == Sub::Image { "at least one image update is required" } else { "at least one environment variable must be provided" };
        return Err(KubectlError::usage(message, command));
    }
    let mut pairs = Vec::new();
    for change in &changes {
        match change.split_once('=') {
            Some((k, v)) if !k.is_empty() => pairs.push((k.to_string(), Some(v.to_string()))),
            None if sub == Sub::Env && change.ends_with('-') => pairs.push((change.trim_end_matches('-').to_string(), None)),
            _ => return Err(KubectlError::msg(format!("invalid {}: {change}", if sub == Sub::Image { "image update" } else { "env" }))),
        }
    }
    let dry_run = DryRun::from_args(args)?;
    let mut reporter = Reporter::new(OutputMode::from_args(args)?, dry_run);
    let filter = args.get("containers").unwrap_or("*").to_string();
    let targets = mutation::named_objects(ctx, args, &resources, command)?;
    let mut errors = Vec::new();
    for target in targets {
        let result = mutation::change_object(ctx, &target, dry_run, |object| {
            let Some(spec) = pod_spec_mut(object, target.kind) else {
                return Err(KubectlError::msg(format!("{}/{} has no pod template", target.kind.name_prefix(), target.name)));
            };
            match sub {
                Sub::Image => set_images(spec, &pairs),
                Sub::Env => {
                    set_env(spec, &filter, &pairs);
                    Ok(())
                }
            }
        });
        let verb = if sub == Sub::Image { "image updated" } else { "env updated" };
        match result {
            Ok(Changed::Yes(o) | Changed::No(o)) => reporter.report(ctx.out, target.kind, &target.name, verb, &o.to_json()),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        return Ok(Exec::Done(0));
    }
    ctx.out.errln(super::manifest::render_errors(&errors));
    Ok(Exec::Done(1))
}

/// The pod spec inside an object's JSON: the pod's own, or the template's.
pub fn pod_spec_mut(object: &mut Value, kind: Kind) -> Option<&mut Map<String, Value>> {
    let pointer = match kind {
        Kind::Pod => "/spec",
        Kind::Deployment | Kind::ReplicaSet | Kind::StatefulSet | Kind::DaemonSet | Kind::Job => "/spec/template/spec",
        Kind::CronJob => "/spec/jobTemplate/spec/template/spec",
        _ => return None,
    };
    object.pointer_mut(pointer).and_then(Value::as_object_mut)
}

fn containers_mut(spec: &mut Map<String, Value>) -> impl Iterator<Item = &mut Map<String, Value>> {
    spec.iter_mut()
        .filter(|(key, _)| key.as_str() == "initContainers" || key.as_str() == "containers")
        .filter_map(|(_, items)| items.as_array_mut())
        .flat_map(|items| items.iter_mut().filter_map(Value::as_object_mut))
}

fn set_images(spec: &mut Map<String, Value>, pairs: &[(String, Option<String>)]) -> Result<(), KubectlError> {
    for (name, image) in pairs {
        let mut found = false;
        for container in containers_mut(spec) {
            if name == "*" || container.get("name").and_then(Value::as_str) == Some(name.as_str()) {
                container.insert("image".into(), json!(image));
                found = true;
            }
        }
        if !found {
            return Err(KubectlError::msg(format!("unable to find container named \"{name}\"")));
        }
    }
    Ok(())
}

fn set_env(spec: &mut Map<String, Value>, filter: &str, pairs: &[(String, Option<String>)]) {
    for container in containers_mut(spec) {
        let name = container.get("name").and_then(Value::as_str).unwrap_or_default();
        if filter != "*" && filter != name {
            continue;
        }
        let env = container.entry("env").or_insert_with(|| json!([]));
        let Some(list) = env.as_array_mut() else { continue };
        for (key, value) in pairs {
            let position = list.iter().position(|e| e.get("name").and_then(Value::as_str) == Some(key.as_str()));
            match (position, value) {
                (Some(i), Some(v)) => list[i] = json!({"name": key, "value": v}),
                (None, Some(v)) => list.push(json!({"name": key, "value": v})),
                (Some(i), None) => {
                    list.remove(i);
                }
                (None, None) => {}
            }
        }
        if list.is_empty() {
            container.remove("env");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::mutation::testing::{kubectl, tutorial_world};
    use crate::cluster::objects::{Deployment, Kind, Object};

    fn deployment(world: &crate::world::World) -> Deployment {
        match world.cluster.get(Kind::Deployment, "test", "rickroller") {
            Some(Object::Deployment(d)) => d.clone(),
            _ => Deployment::default(),
        }
    }

    #[test]
    fn set_image_and_env() {
        let mut world = tutorial_world();
        kubectl(&mut world, "apply -f kube/depl.yaml");
        let ran = kubectl(&mut world, "set image deployment/rickroller rickroller=derlin/rickroller:v2");
        assert_eq!((ran.stdout.as_str(), ran.stderr.as_str()), ("deployment.apps/rickroller image updated\n", ""));
        assert_eq!(deployment(&world).spec.template.spec.containers[0].image, "derlin/rickroller:v2");
        let ran = kubectl(&mut world, "set image deploy rickroller nope=x");
        assert_eq!(ran.stderr, "error: unable to find container named \"nope\"\n");
        let ran = kubectl(&mut world, "set env deployment/rickroller BEHIND_PROXY=true");
        assert_eq!(ran.stdout, "deployment.apps/rickroller env updated\n");
        let env = deployment(&world).spec.template.spec.containers[0].env.clone();
        assert_eq!((env[0].name.as_str(), env[0].value.as_deref()), ("BEHIND_PROXY", Some("true")));
        let ran = kubectl(&mut world, "set env deployment/rickroller BEHIND_PROXY-");
        assert_eq!(ran.stdout, "deployment.apps/rickroller env updated\n");
        assert!(deployment(&world).spec.template.spec.containers[0].env.is_empty());
        let ran = kubectl(&mut world, "set image deployment/rickroller");
        assert_eq!(ran.stderr, "error: at least one image update is required\nSee 'kubectl set image -h' for help and examples\n");
    }
}
