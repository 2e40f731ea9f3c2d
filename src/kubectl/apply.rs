//! `kubectl apply -f`: creates what does not exist, merges what does (client-side apply with the
//! `last-applied-configuration` annotation), and says `created`, `configured` or `unchanged`.

use super::args::{switch, value, Flag, Parsed};
use super::manifest::{self, Document};
use super::merge::three_way;
use super::mutation::{self, DryRun, Reporter, DRY_RUN_FLAG, OUTPUT_FLAG};
use super::{Ctx, KubectlError};
use crate::cluster::api_error::{ApiError, Reason};
use crate::cluster::objects::{Kind, Object};
use crate::job::Exec;

/// Help text for `kubectl apply --help`.
pub const HELP: &str = "Apply a configuration to a resource by file name or stdin. The resource name must be specified. This resource will be created if it doesn't exist yet. To use 'apply', always create the resource initially with either 'apply' or 'create --save-config'.

 JSON and YAML formats are accepted.

 Alpha Disclaimer: the --prune functionality is not yet complete. Do not use unless you are aware of what the current state is. See https://issues.k8s.io/34274.

Examples:
  # Apply the configuration in pod.json to a pod
  kubectl apply -f ./pod.json
  
  # Apply the JSON passed into stdin to a pod
  cat pod.json | kubectl apply -f -
  
  # Apply the configuration from all files that end with '.json'
  kubectl apply -f '*.json'

Available Commands:
  edit-last-applied   Edit latest last-applied-configuration annotations of a resource/object
  set-last-applied    Set the last-applied-configuration annotation on a live object to match the contents of a file
  view-last-applied   View the latest last-applied-configuration annotations of a resource/object

Options:
    --dry-run='none':
\tMust be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    --field-manager='kubectl-client-side-apply':
\tName of the manager used to track field ownership.

    -f, --filename=[]:
\tThe files that contain the configurations to apply.

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    --overwrite=true:
\tAutomatically resolve conflicts between the modified and live configuration by using values from the modified configuration

    -R, --recursive=false:
\tProcess the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.

    --validate='strict':
\tMust be one of: strict (or true), warn, ignore (or false). \"true\" or \"strict\" will use a schema to validate the input and fail the request if invalid. It will perform server side validation if ServerSideFieldValidation is enabled on the api-server, but will fall back to less reliable client-side validation if not. \"warn\" will warn about unknown or duplicate fields without blocking the request if server-side field validation is enabled on the API server, and behave as \"ignore\" otherwise. \"false\" or \"ignore\" will not perform any schema validation, silently dropping any unknown or duplicate fields.

Usage:
  kubectl apply (-f FILENAME | -k DIRECTORY) [options]

Use \"kubectl apply <command> --help\" for more information about a given command.
Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Flags of `kubectl apply`.
pub const FLAGS: &[Flag] = &[
    value("filename", Some('f'), "The files that contain the configurations to apply."),
    value("kustomize", Some('k'), "Process a kustomization directory. This flag can't be used together with -f or -R."),
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    value("validate", None, "Must be one of: strict (or true), warn, ignore (or false)."),
    switch("recursive", Some('R'), "Process the directory used in -f, --filename recursively."),
    switch("server-side", None, "If true, apply runs in the server instead of the client."),
    value("field-manager", None, "Name of the manager used to track field ownership."),
    switch("prune", None, "Automatically delete resource objects that do not appear in the configs."),
    switch("record", None, "Record current kubectl command in the resource annotation (deprecated)."),
    switch("overwrite", None, "Automatically resolve conflicts between the modified and live configuration by using values from the modified configuration"),
];

/// Runs `kubectl apply`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    let filenames = args.all("filename");
    if args.has("kustomize") && filenames.is_empty() {
        return Err(KubectlError::msg("kustomize is not available in kubeplay"));
    }
    if filenames.is_empty() {
        return Err(KubectlError::msg("must specify one of -f and -k"));
    }
    if args.bool("server-side") || args.bool("prune") {
        return Err(KubectlError::msg("--server-side and --prune are not available in kubeplay"));
    }
    mutation::for_each_document(ctx, args, &filenames, "apply", apply_one)
}

fn apply_one(ctx: &mut Ctx, kind: Kind, doc: Document, strict: bool, reporter: &mut Reporter) -> Result<(), KubectlError> {
    let namespace = mutation::namespace_for(ctx, kind, &doc.namespace())?;
    let name = doc.name();
    if name.is_empty() {
        return Err(KubectlError::msg(format!(
            "error when retrieving current configuration of:\nResource: \"{}\", Namespace: \"{namespace}\"\nfrom server for: \"{}\": resource name may not be empty",
            kind.resource_with_group(),
            doc.source
        )));
    }
    let mut manifest_value = doc.value.clone();
    mutation::set_namespace(&mut manifest_value, kind, &namespace);
    let modified = mutation::with_last_applied(&manifest_value);
    let Some(live) = ctx.world.cluster.get(kind, &namespace, &name).cloned() else {
        return create_new(ctx, kind, &name, &doc.source, &modified, strict, reporter);
    };
    let current = live.to_json();
    let original = mutation::last_applied_of(&current);
    if original.is_none() {
        ctx.out.errln(format!(
            "Warning: resource {}/{name} is missing the {} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.",
            kind.resource_with_group(),
            mutation::LAST_APPLIED
        ));
    }
    let merged = three_way(&current, original.as_ref(), &modified);
    if merged == current {
        reporter.report(ctx.out, kind, &name, "unchanged", &current);
        return Ok(());
    }
    if reporter.dry_run == DryRun::Client {
        reporter.report(ctx.out, kind, &name, "configured", &merged);
        return Ok(());
    }
    let object = decode_patched(kind, &merged, &doc.value, strict)?;
    let updated = if reporter.dry_run == DryRun::Server {
        ctx.world.cluster.clone().update(object)
    } else {
        ctx.world.cluster.update(object)
    };
    mutation::print_server_warnings(ctx);
    let updated = updated.map_err(|e| patch_error(e, &doc.source))?;
    reporter.report(ctx.out, kind, &name, "configured", &updated.to_json());
    Ok(())
}

fn create_new(
    ctx: &mut Ctx,
    kind: Kind,
    name: &str,
    source: &str,
    modified: &serde_json::Value,
    strict: bool,
    reporter: &mut Reporter,
) -> Result<(), KubectlError> {
    if reporter.dry_run == DryRun::Client {
        reporter.report(ctx.out, kind, name, "created", modified);
        return Ok(());
    }
    let context = format!("error when creating \"{source}\"");
    let object = decode_lenient(kind, modified, strict).map_err(|e| with_context(e, &context))?;
    let created = if reporter.dry_run == DryRun::Server {
        ctx.world.cluster.clone().create(object)
    } else {
        ctx.world.cluster.create(object)
    };
    mutation::print_server_warnings(ctx);
    let created = created.map_err(|e| with_context(e, &context))?;
    reporter.report(ctx.out, kind, name, "created", &created.to_json());
    Ok(())
}

/// Decodes strictly, or (with `--validate=false`) by dropping the fields the server does not know.
pub fn decode_lenient(kind: Kind, value: &serde_json::Value, strict: bool) -> Result<Object, ApiError> {
    match manifest::decode(kind, value) {
        Err(e) if !strict && e.message.contains("strict decoding error") => {
            manifest::decode(kind, &manifest::without_unknown_fields(kind, value))
        }
        other => other,
    }
}

/// The merged object, decoded; unknown fields are reported the way the server answers a patch.
fn decode_patched(kind: Kind, merged: &serde_json::Value, written: &serde_json::Value, strict: bool) -> Result<Object, KubectlError> {
    decode_lenient(kind, merged, strict).map_err(|e| {
        match e.message.split_once("strict decoding error: ") {
            Some((_, fields)) => KubectlError::Raw(format!(
                "The request is invalid: patch: Invalid value: \"{}\": strict decoding error: {fields}",
                mutation::go_map_text(written)
            )),
            None => KubectlError::from(e),
        }
    })
}

fn with_context(error: ApiError, context: &str) -> KubectlError {
    KubectlError::Api { error, context: Some(context.to_string()) }
}

fn patch_error(error: ApiError, source: &str) -> KubectlError {
    match error.reason {
        Reason::Invalid { .. } => KubectlError::from(error),
        _ => with_context(error, &format!("error when applying patch to \"{source}\"")),
    }
}

#[cfg(test)]
mod tests {
    use super::super::mutation::testing::{kubectl, kubectl_args, tutorial_world};
    use crate::cluster::objects::{Kind, Object};

    fn deployment(world: &crate::world::World) -> crate::cluster::objects::Deployment {
        match world.cluster.get(Kind::Deployment, "test", "rickroller") {
            Some(Object::Deployment(d)) => d.clone(),
            other => panic!("no deployment: {other:?}"),
        }
    }

    #[test]
    fn created_unchanged_configured() {
        let mut world = tutorial_world();
        let ran = kubectl(&mut world, "apply -f kube/depl.yaml");
        assert_eq!((ran.stdout.as_str(), ran.stderr.as_str(), ran.code), ("deployment.apps/rickroller created\n", "", Some(0)));
        let d = deployment(&world);
        assert!(d.metadata.annotations[super::mutation::LAST_APPLIED].starts_with("{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"annotations\":{},\"name\":\"rickroller\",\"namespace\":\"test\"}"));
        world.cluster.advance_by(30_000);
        assert!(deployment(&world).metadata.annotations.contains_key("deployment.kubernetes.io/revision"));
        let ran = kubectl(&mut world, "apply -f kube/depl.yaml");
        assert_eq!(ran.stdout, "deployment.apps/rickroller unchanged\n");
        let ran = kubectl(&mut world, "apply -f kube/env-depl.yaml");
        assert_eq!((ran.stdout.as_str(), ran.stderr.as_str()), ("deployment.apps/rickroller configured\n", ""));
        let d = deployment(&world);
        assert_eq!(d.spec.replicas, Some(3));
        assert_eq!(d.spec.template.spec.containers[0].env[0].name, "BEHIND_PROXY");
        assert_eq!(d.spec.template.spec.containers[0].image_pull_policy, "Always");
        assert!(d.metadata.annotations.contains_key("deployment.kubernetes.io/revision"));
        // Going back removes what the user removed from the manifest.
        let ran = kubectl(&mut world, "apply -f kube/depl.yaml");
        assert_eq!(ran.stdout, "deployment.apps/rickroller configured\n");
        let d = deployment(&world);
        assert_eq!(d.spec.replicas, Some(1));
        assert!(d.spec.template.spec.containers[0].env.is_empty());
    }

    #[test]
    fn stdin_with_several_documents_and_dry_runs() {
        let mut world = tutorial_world();
        let text = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: extra\n---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  namespace: extra\nspec:\n  containers:\n  - name: web\n    image: nginx\n";
        let ran = kubectl_args(&mut world, &["apply", "-f", "-", "--dry-run=client"], text);
        assert_eq!(ran.stdout, "namespace/extra created (dry run)\npod/web created (dry run)\n");
        assert!(world.cluster.get(Kind::Namespace, "", "extra").is_none());
        let ran = kubectl_args(&mut world, &["apply", "-f", "-", "-o", "name"], text);
        assert_eq!((ran.stdout.as_str(), ran.stderr.as_str()), ("namespace/extra\npod/web\n", ""));
        assert!(world.cluster.get(Kind::Pod, "extra", "web").is_some());
        let ran = kubectl_args(&mut world, &["apply", "-f", "-", "--dry-run=server"], text);
        assert_eq!(ran.stdout, "namespace/extra unchanged (server dry run)\npod/web unchanged (server dry run)\n");
    }

    #[test]
    fn file_errors() {
        let mut world = tutorial_world();
        let ran = kubectl(&mut world, "apply");
        assert_eq!((ran.stderr.as_str(), ran.code), ("error: must specify one of -f and -k\n", Some(1)));
        let ran = kubectl(&mut world, "apply -f x.yaml");
        assert_eq!(ran.stderr, "error: the path \"x.yaml\" does not exist\n");
        world.fs.write("bad.yaml", "apiVersion: apps/v1\nkind: Deploymnt\nmetadata:\n  name: nginx\n");
        let ran = kubectl(&mut world, "apply -f bad.yaml");
        assert_eq!(ran.stderr, "error: resource mapping not found for name: \"nginx\" namespace: \"\" from \"bad.yaml\": no matches for kind \"Deploymnt\" in version \"apps/v1\"\nensure CRDs are installed first\n");
        world.fs.write("bad.yaml", "apiVersion: v1\nkind: Pod\nmetadata: name: x\n");
        let ran = kubectl(&mut world, "apply -f bad.yaml");
        assert_eq!(ran.stderr, "error: error parsing bad.yaml: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context\n");
    }

    #[test]
    fn bad_manifests_leave_the_cluster_unchanged() {
        let mut world = tutorial_world();
        let before = world.cluster.store.revision();
        let text = std::fs::read_to_string("kube/depl.yaml").unwrap_or_default().replace("image:", "imagee:");
        world.fs.write("typo.yaml", &text);
        let ran = kubectl(&mut world, "apply -f typo.yaml");
        assert_eq!(ran.stderr, "Error from server (BadRequest): error when creating \"typo.yaml\": Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.template.spec.containers[0].imagee\"\n");
        assert_eq!(ran.code, Some(1));
        assert_eq!(world.cluster.store.revision(), before);
        world.fs.write("ns.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  namespace: nope\nspec:\n  containers:\n  - name: a\n    image: nginx\n");
        let ran = kubectl(&mut world, "apply -f ns.yaml");
        assert_eq!(ran.stderr, "Error from server (NotFound): error when creating \"ns.yaml\": namespaces \"nope\" not found\n");
        let ran = kubectl(&mut world, "apply -f ns.yaml -n test");
        assert_eq!(ran.stderr, "error: the namespace from the provided object \"nope\" does not match the namespace \"test\". You must pass '--namespace=nope' to perform this operation.\n");
        assert_eq!(world.cluster.store.revision(), before);
    }

    #[test]
    fn directories_apply_every_manifest_and_report_unsupported_kinds() {
        let mut world = tutorial_world();
        let ran = kubectl(&mut world, "apply -f kube/");
        assert!(ran.stdout.contains("deployment.apps/rickroller created\n"), "{}", ran.stdout);
        assert!(ran.stdout.contains("pod/rickroller created\n"));
        assert!(ran.stdout.contains("service/rickroller created\n"), "{}", ran.stdout);
        assert!(
            ran.stderr.contains("admission webhook \"validate.nginx.ingress.kubernetes.io\" denied the request: ingress contains invalid paths: path /rickroller(/|$)(.*) cannot be used with pathType Prefix"),
            "{}",
            ran.stderr
        );
        assert_eq!(ran.code, Some(1));
    }
}
