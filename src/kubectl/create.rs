//! `kubectl create`: from manifests (`-f`) or with a subcommand that builds the object
//! (`create namespace`, `create deployment`), see [`super::create_generators`].

use super::apply::decode_lenient;
use super::args::{switch, value, Flag, Parsed};
use super::create_generators as generators;
use super::manifest::Document;
use super::mutation::{self, DryRun, Reporter, DRY_RUN_FLAG, OUTPUT_FLAG};
use super::{Ctx, KubectlError};
use crate::cluster::objects::Kind;
use crate::job::Exec;

/// Help text for `kubectl create --help`.
pub const HELP: &str = "Create a resource from a file or from stdin.

 JSON and YAML formats are accepted.

Examples:
  # Create a pod using the data in pod.json
  kubectl create -f ./pod.json
  
  # Create a pod based on the JSON passed into stdin
  cat pod.json | kubectl create -f -

Available Commands:
  clusterrole           Create a cluster role
  clusterrolebinding    Create a cluster role binding for a particular cluster role
  configmap             Create a config map from a local file, directory or literal value
  cronjob               Create a cron job with the specified name
  deployment            Create a deployment with the specified name
  ingress               Create an ingress with the specified name
  job                   Create a job with the specified name
  namespace             Create a namespace with the specified name
  poddisruptionbudget   Create a pod disruption budget with the specified name
  priorityclass         Create a priority class with the specified name
  quota                 Create a quota with the specified name
  role                  Create a role with single rule
  rolebinding           Create a role binding for a particular role or cluster role
  secret                Create a secret using a specified subcommand
  service               Create a service using a specified subcommand
  serviceaccount        Create a service account with the specified name
  token                 Request a service account token

Options:
    --dry-run='none':
\tMust be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    --field-manager='kubectl-create':
\tName of the manager used to track field ownership.

    -f, --filename=[]:
\tFilename, directory, or URL to files to use to create the resource

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    -R, --recursive=false:
\tProcess the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.

    --save-config=false:
\tIf true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future.

    --validate='strict':
\tMust be one of: strict (or true), warn, ignore (or false). \"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. \"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. \"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields.

Usage:
  kubectl create -f FILENAME [options]

Use \"kubectl create <command> --help\" for more information about a given command.
Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Flags of `kubectl create` and of its subcommands.
pub const FLAGS: &[Flag] = &[
    value("filename", Some('f'), "Filename, directory, or URL to files to use to create the resource"),
    value("kustomize", Some('k'), "Process the kustomization directory. This flag can't be used together with -f or -R."),
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    value("validate", None, "Must be one of: strict (or true), warn, ignore (or false)."),
    switch("save-config", None, "If true, the configuration of current object will be saved in its annotation. Otherwise, the annotation will be unchanged. This flag is useful when you want to perform kubectl apply on this object in the future."),
    switch("edit", None, "Edit the API resource before creating"),
    switch("recursive", Some('R'), "Process the directory used in -f, --filename recursively."),
    value("field-manager", None, "Name of the manager used to track field ownership."),
    value("image", None, "Image names to run. A deployment can have multiple images set for multi-container pod."),
    value("port", None, "The containerPort that this deployment exposes."),
    value("replicas", Some('r'), "Number of replicas to create. Default is 1."),
    value("tcp", None, "Port pairs can be specified as '<port>:<targetPort>'."),
    value("node-port", None, "Port used to expose the service on each node in a cluster."),
    value("clusterip", None, "Assign your own ClusterIP or set to 'None' for a 'headless' service (no loadbalancing)."),
    value("external-name", None, "External name of service"),
    value("rule", None, "Rule in format host/path=service:port[,tls=secretname]."),
    value("class", None, "Ingress Class to be used"),
    value("annotation", None, "Annotation to insert in the ingress object, in the format annotation=value"),
    value("default-backend", None, "Default service for backend, in format of svcname:port"),
    value("from-literal", None, "Specify a key and literal value to insert in configmap (i.e. mykey=somevalue)"),
    value("from-file", None, "Key file can be specified using its file path, in which case file basename will be used as configmap key, or optionally with a key and file path, in which case the given key will be used."),
    value("from-env-file", None, "Specify the path to a file to read lines of key=val pairs to create a configmap."),
    value("type", None, "The type of secret to create"),
    value("cert", None, "Path to PEM encoded public key certificate."),
    value("key", None, "Path to private key associated with given certificate."),
    value("docker-server", None, "Server location for Docker registry"),
    value("docker-username", None, "Username for Docker registry authentication"),
    value("docker-password", None, "Password for Docker registry authentication"),
    value("docker-email", None, "Email for Docker registry"),
    value("from", None, "The name of the resource to create a Job from (only cronjob is supported)."),
    value("schedule", None, "A schedule in the Cron format the job should be run with."),
    value("restart", None, "job's restart policy. supported values: OnFailure, Never"),
];

/// Runs `kubectl create`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    let Some(sub) = args.positionals.first().cloned() else {
        if args.bool("help") {
            ctx.out.out(super::verb_help(create_verb()));
            return Ok(Exec::Done(0));
        }
        return create_from_files(ctx, args);
    };
    let rest = args.positionals[1..].to_vec();
    match sub.as_str() {
        "namespace" | "ns" => generators::namespace(ctx, args, &rest),
        "deployment" | "deploy" => generators::deployment(ctx, args, &rest),
        "service" | "svc" => super::create_service::service(ctx, args, &rest),
        "ingress" | "ing" => super::create_ingress::ingress(ctx, args, &rest),
        "configmap" | "cm" => super::create_configmap::configmap(ctx, args, &rest),
        "secret" => super::create_secret::secret(ctx, args, &rest),
        "job" => super::create_batch::job(ctx, args, &rest),
        "cronjob" | "cj" => super::create_batch::cronjob(ctx, args, &rest),
        "serviceaccount" | "sa" | "quota" | "role" | "rolebinding" | "clusterrole" | "clusterrolebinding"
        | "poddisruptionbudget" | "pdb" | "priorityclass" | "pc" | "token" => Err(KubectlError::msg(format!(
            "kubectl create {sub} is not available in kubeplay yet: only namespaces, deployments and pods (kubectl run) are simulated so far"
        ))),
        _ => Err(KubectlError::usage(format!("Unexpected args: [{}]", args.positionals.join(" ")), "create")),
    }
}

fn create_verb() -> &'static super::Verb {
    super::VERBS.iter().find(|v| v.name == "create").unwrap_or(&super::VERBS[0])
}

/// `kubectl create -f`: every document is created; existing objects are errors.
fn create_from_files(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    let filenames = args.all("filename");
    if filenames.is_empty() {
        return Err(KubectlError::msg("must specify one of -f and -k"));
    }
    if args.bool("edit") {
        return Err(KubectlError::msg("--edit is not available in kubeplay"));
    }
    let save_config = args.bool("save-config");
    mutation::for_each_document(ctx, args, &filenames, "create", |ctx, kind, doc, strict, reporter| {
        create_one(ctx, kind, &doc, save_config, strict, reporter)
    })
}

fn create_one(
    ctx: &mut Ctx,
    kind: Kind,
    doc: &Document,
    save_config: bool,
    strict: bool,
    reporter: &mut Reporter,
) -> Result<(), KubectlError> {
    let namespace = mutation::namespace_for(ctx, kind, &doc.namespace())?;
    let mut value = doc.value.clone();
    mutation::set_namespace(&mut value, kind, &namespace);
    if save_config {
        value = mutation::with_last_applied(&value);
    }
    let name = doc.name();
    if reporter.dry_run == DryRun::Client {
        reporter.report(ctx.out, kind, &name, "created", &value);
        return Ok(());
    }
    let context = format!("error when creating \"{}\"", doc.source);
    let wrap = |error| KubectlError::Api { error, context: Some(context.clone()) };
    let object = decode_lenient(kind, &value, strict).map_err(wrap)?;
    let created = if reporter.dry_run == DryRun::Server {
        ctx.world.cluster.clone().create(object)
    } else {
        ctx.world.cluster.create(object)
    };
    super::mutation::print_server_warnings(ctx);
    let created = created.map_err(wrap)?;
    let name = created.meta().name.clone();
    reporter.report(ctx.out, kind, &name, "created", &created.to_json());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::mutation::testing::{kubectl, kubectl_args, tutorial_world};
    use crate::cluster::objects::Kind;
    use crate::world::World;

    #[test]
    fn create_from_file_then_already_exists() {
        let mut world = tutorial_world();
        let ran = kubectl(&mut world, "create -f kube/pod.yaml");
        assert_eq!((ran.stdout.as_str(), ran.stderr.as_str()), ("pod/rickroller created\n", ""));
        let ran = kubectl(&mut world, "create -f kube/pod.yaml");
        assert_eq!(ran.stderr, "Error from server (AlreadyExists): error when creating \"kube/pod.yaml\": pods \"rickroller\" already exists\n");
        assert_eq!(ran.code, Some(1));
        let ran = kubectl(&mut world, "create");
        assert_eq!(ran.stderr, "error: must specify one of -f and -k\n");
        let ran = kubectl(&mut world, "create foo");
        assert_eq!(ran.stderr, "error: Unexpected args: [foo]\nSee 'kubectl create -h' for help and examples\n");
    }

    #[test]
    fn namespaces() {
        let mut world = World::new(1);
        let ran = kubectl(&mut world, "create namespace test");
        assert_eq!(ran.stdout, "namespace/test created\n");
        assert!(world.cluster.get(Kind::Namespace, "", "test").is_some());
        let ran = kubectl(&mut world, "create ns test");
        assert_eq!(ran.stderr, "Error from server (AlreadyExists): namespaces \"test\" already exists\n");
        let ran = kubectl(&mut world, "create namespace x --dry-run=client -o yaml");
        assert_eq!(ran.stdout, "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\nspec: {}\nstatus: {}\n");
        let ran = kubectl(&mut world, "create namespace");
        assert_eq!(ran.stderr, "error: exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples\n");
    }

    #[test]
    fn deployment_dry_run_yaml_matches_kubectl_1_34() {
        let mut world = World::new(1);
        let ran = kubectl(&mut world, "create deployment web --image=nginx:1.25 --port=80 --dry-run=client -o yaml");
        let expected = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  labels:\n    app: web\n  name: web\nspec:\n  replicas: 1\n  selector:\n    matchLabels:\n      app: web\n  strategy: {}\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n      containers:\n      - image: nginx:1.25\n        name: nginx\n        ports:\n        - containerPort: 80\n        resources: {}\nstatus: {}\n";
        assert_eq!((ran.stdout.as_str(), ran.stderr.as_str()), (expected, ""));
        let ran = kubectl(&mut world, "create deployment web --image=nginx:1.25 --dry-run=client");
        assert_eq!(ran.stdout, "deployment.apps/web created (dry run)\n");
        assert!(world.cluster.get(Kind::Deployment, "default", "web").is_none());
    }

    #[test]
    fn deployment_with_command_sanitized_name_and_namespace() {
        let mut world = World::new(1);
        let ran = kubectl_args(&mut world, &["create", "deployment", "x", "--image=my.registry/app_v2:1", "-r", "2", "-n", "default", "--dry-run=client", "-o", "yaml", "--", "sleep", "10"], "");
        assert!(ran.stdout.contains("  name: x\n  namespace: default\nspec:\n  replicas: 2\n"), "{}", ran.stdout);
        assert!(ran.stdout.contains("      - command:\n        - sleep\n        - \"10\"\n        image: my.registry/app_v2:1\n        name: app-v2-"), "{}", ran.stdout);
    }

    #[test]
    fn deployment_creation_and_errors() {
        let mut world = tutorial_world();
        let ran = kubectl(&mut world, "create deployment rickroller --image=derlin/rickroller:latest --port=8080");
        assert_eq!((ran.stdout.as_str(), ran.stderr.as_str()), ("deployment.apps/rickroller created\n", ""));
        assert!(world.cluster.get(Kind::Deployment, "test", "rickroller").is_some());
        let ran = kubectl(&mut world, "create deployment rickroller --image=derlin/rickroller:latest");
        assert_eq!(ran.stderr, "error: failed to create deployment: deployments.apps \"rickroller\" already exists\n");
        let ran = kubectl(&mut world, "create deployment web --image=nginx -n nope");
        assert_eq!(ran.stderr, "error: failed to create deployment: namespaces \"nope\" not found\n");
        let ran = kubectl(&mut world, "create deployment web");
        assert_eq!(ran.stderr, "error: required flag(s) \"image\" not set\n");
        let ran = kubectl(&mut world, "create deployment --image=nginx");
        assert_eq!(ran.stderr, "error: exactly one NAME is required, got 0\nSee 'kubectl create deployment -h' for help and examples\n");
        // apply on an object made imperatively warns once and then records the annotation.
        let ran = kubectl(&mut world, "apply -f kube/depl.yaml");
        assert_eq!(ran.stderr, "Warning: resource deployments.apps/rickroller is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n");
        assert_eq!(ran.stdout, "deployment.apps/rickroller configured\n");
        let ran = kubectl(&mut world, "apply -f kube/depl.yaml");
        assert_eq!((ran.stdout.as_str(), ran.stderr.as_str()), ("deployment.apps/rickroller unchanged\n", ""));
    }

    #[test]
    fn help_lists_subcommands() {
        let mut world = World::new(1);
        let ran = kubectl(&mut world, "create --help");
        assert!(ran.stdout.contains("  deployment            Create a deployment with the specified name\n"));
        let ran = kubectl(&mut world, "create deployment --help");
        assert!(ran.stdout.starts_with("Create a deployment with the specified name.\n"), "{}", ran.stdout);
    }
}
