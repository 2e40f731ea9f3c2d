//! The objects `kubectl create <subcommand>` builds: `namespace NAME` and
//! `deployment NAME --image=...`, printed or created like the real generators.

use super::args::Parsed;
use super::mutation::{DryRun, OutputMode, Reporter};
use super::{Ctx, KubectlError};
use crate::cluster::api_error::{ApiError, Reason};
use crate::cluster::names;
use crate::cluster::objects::pod::{Container, ContainerPort};
use crate::cluster::objects::workload::DeploymentSpec;
use crate::cluster::objects::{Deployment, LabelSelector, Namespace, Object, ObjectMeta, PodSpec, PodTemplateSpec, StringMap};
use crate::job::Exec;

/// Help of `kubectl create namespace`.
pub const NAMESPACE_HELP: &str = "Create a namespace with the specified name.

Aliases:
namespace, ns

Examples:
  # Create a new namespace named my-namespace
  kubectl create namespace my-namespace

Options:
    --dry-run='none':
\tMust be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

Usage:
  kubectl create namespace NAME [--dry-run=server|client|none] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Help of `kubectl create deployment`.
pub const DEPLOYMENT_HELP: &str = "Create a deployment with the specified name.

Aliases:
deployment, deploy

Examples:
  # Create a deployment named my-dep that runs the busybox image
  kubectl create deployment my-dep --image=busybox
  
  # Create a deployment with a command
  kubectl create deployment my-dep --image=busybox -- date
  
  # Create a deployment named my-dep that runs the nginx image with 3 replicas
  kubectl create deployment my-dep --image=nginx --replicas=3
  
  # Create a deployment named my-dep that runs the busybox image and expose port 5701
  kubectl create deployment my-dep --image=busybox --port=5701
  
  # Create a deployment named my-dep that runs multiple containers
  kubectl create deployment my-dep --image=busybox:latest --image=ubuntu:latest --image=nginx

Options:
    --dry-run='none':
\tMust be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    --image=[]:
\tImage names to run. A deployment can have multiple images set for multi-container pod.

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    --port=-1:
\tThe containerPort that this deployment exposes.

    -r, --replicas=1:
\tNumber of replicas to create. Default is 1.

Usage:
  kubectl create deployment NAME --image=image -- [COMMAND] [args...] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// `kubectl create namespace NAME`.
pub fn namespace(ctx: &mut Ctx, args: &Parsed, names: &[String]) -> Result<Exec, KubectlError> {
    if args.bool("help") {
        ctx.out.out(NAMESPACE_HELP);
        return Ok(Exec::Done(0));
    }
    let name = exactly_one_name(names, "create namespace")?;
    let object = Object::Namespace(Namespace {
        metadata: ObjectMeta { name: name.clone(), ..Default::default() },
        ..Default::default()
    });
    finish(ctx, args, object, KubectlError::from)
}

/// `kubectl create deployment NAME --image=... [--port] [--replicas] [-- command args]`.
pub fn deployment(ctx: &mut Ctx, args: &Parsed, names: &[String]) -> Result<Exec, KubectlError> {
    if args.bool("help") {
        ctx.out.out(DEPLOYMENT_HELP);
        return Ok(Exec::Done(0));
    }
    let images = args.all("image");
    if images.is_empty() {
        return Err(KubectlError::msg("required flag(s) \"image\" not set"));
    }
    let name = exactly_one_name(names, "create deployment")?;
    let port = args.int32("port", "create deployment")?;
    let replicas = args.int32("replicas", "create deployment")?.unwrap_or(1);
    let command = args.after_dash.clone().unwrap_or_default();
    let mut containers: Vec<Container> = images
        .iter()
        .map(|image| Container {
            name: container_name(ctx, image),
            image: image.clone(),
            command: command.clone(),
            resources: Some(Default::default()),
            ..Default::default()
        })
        .collect();
    if let (Some(port), Some(first)) = (port.filter(|p| *p >= 0), containers.first_mut()) {
        first.ports = vec![ContainerPort { container_port: port, ..Default::default() }];
    }
    let labels: StringMap = [("app".to_string(), name.clone())].into_iter().collect();
    let namespace = if ctx.namespace_given { ctx.namespace.clone() } else { String::new() };
    let object = Object::Deployment(Deployment {
        metadata: ObjectMeta { name: name.clone(), namespace, labels: labels.clone(), ..Default::default() },
        spec: DeploymentSpec {
            replicas: Some(replicas),
            selector: Some(LabelSelector { match_labels: labels.clone(), ..Default::default() }),
            template: PodTemplateSpec {
                metadata: ObjectMeta { labels, ..Default::default() },
                spec: PodSpec { containers, ..Default::default() },
            },
            ..Default::default()
        },
        ..Default::default()
    });
    finish(ctx, args, object, |e| {
        KubectlError::msg(format!("failed to create deployment: {}", server_message(&e)))
    })
}

/// `error: exactly one NAME is required, got N` with the subcommand's help pointer.
pub fn exactly_one_name(names: &[String], command: &str) -> Result<String, KubectlError> {
    match names {
        [one] => Ok(one.clone()),
        _ => Err(KubectlError::usage(format!("exactly one NAME is required, got {}", names.len()), command)),
    }
}

/// The container name `create deployment` derives from an image: the last path segment without
/// tag or digest; names with `_` or `.` get them replaced by `-` and a random suffix.
fn container_name(ctx: &mut Ctx, image: &str) -> String {
    let last = image.rsplit('/').next().unwrap_or(image);
    let base = last.split(':').next().unwrap_or(last);
    let base = base.split('@').next().unwrap_or(base);
    if base.contains('_') || base.contains('.') {
        let cleaned = base.replace(['_', '.'], "-");
        format!("{cleaned}-{}", names::random_suffix(ctx.world.cluster.rng.inner(), 5))
    } else {
        base.to_string()
    }
}

/// Prints (client dry run) or creates the object and reports it; `wrap` words server errors.
pub fn finish(
    ctx: &mut Ctx,
    args: &Parsed,
    mut object: Object,
    wrap: impl Fn(ApiError) -> KubectlError,
) -> Result<Exec, KubectlError> {
    let dry_run = DryRun::from_args(args)?;
    let mut reporter = Reporter::new(OutputMode::from_args(args)?, dry_run);
    object.set_type_meta();
    let kind = object.kind();
    if dry_run == DryRun::Client {
        let name = object.meta().name.clone();
        reporter.report(ctx.out, kind, &name, "created", &object.to_json());
        return Ok(Exec::Done(0));
    }
    if kind.namespaced() && object.meta().namespace.is_empty() {
        object.meta_mut().namespace = ctx.namespace.clone();
    }
    let created = if dry_run == DryRun::Server {
        ctx.world.cluster.clone().create(object)
    } else {
        ctx.world.cluster.create(object)
    };
    super::mutation::print_server_warnings(ctx);
    let created = created.map_err(wrap)?;
    let name = created.meta().name.clone();
    reporter.report(ctx.out, kind, &name, "created", &created.to_json());
    Ok(Exec::Done(0))
}

/// The server's own message for an error, as wrapped errors quote it
/// (`Deployment.apps "x" is invalid: metadata.name: ...`).
pub fn server_message(error: &ApiError) -> String {
    match &error.reason {
        Reason::Invalid { kind, name, causes } => {
            let group = crate::cluster::objects::Kind::from_resource_name(kind)
                .map(|k| k.info().group)
                .filter(|g| !g.is_empty())
                .map(|g| format!(".{g}"))
                .unwrap_or_default();
            let listed = if causes.len() == 1 { causes[0].clone() } else { format!("[{}]", causes.join(", ")) };
            format!("{kind}{group} \"{name}\" is invalid: {listed}")
        }
        _ => error.message.clone(),
    }
}
