//! `kubectl delete`: by type and names, `type/name`, `-f`, `-l` or `--all`; prints
//! `pod "x" deleted from test namespace` and then (`--wait`, the default) waits until the
//! objects are really gone.

use super::args::{switch, value, Flag, Parsed};
use super::manifest;
use super::mutation;
use super::field_selector::FieldSelector;
use super::targets::{parse_selector, parse_targets_for};
use super::{Ctx, KubectlError};
use crate::cluster::api::DeleteOptions;
use crate::cluster::api_error::{ApiError, Reason};
use crate::cluster::objects::{Kind, LabelSelector, Object};
use crate::job::{Exec, Job};
use crate::output::Output;
use crate::world::World;

/// Help text for `kubectl delete --help`.
pub const HELP: &str = "Delete resources by file names, stdin, resources and names, or by resources and label selector.

 JSON and YAML formats are accepted. Only one type of argument may be specified: file names, resources and names, or resources and label selector.

 Some resources, such as pods, support graceful deletion. These resources define a default period before they are forcibly terminated (the grace period) but you may override that value with the --grace-period flag, or pass --now to set a grace-period of 1. Because these resources often represent entities in the cluster, deletion may not be acknowledged immediately. If the node hosting a pod is down or cannot reach the API server, termination may take significantly longer than the grace period. To force delete a resource, you must specify the --force flag. Note: only a subset of resources support graceful deletion. In absence of the support, the --grace-period flag is ignored.

 IMPORTANT: Force deleting pods does not wait for confirmation that the pod's processes have been terminated, which can leave those processes running until the node detects the deletion and completes graceful deletion. If your processes use shared storage or talk to a remote API and depend on the name of the pod to identify themselves, force deleting those pods may result in multiple processes running on different machines using the same identification which may lead to data corruption or inconsistency. Only force delete pods when you are sure the pod is terminated, or if your application can tolerate multiple copies of the same pod running at once. Also, if you force delete pods, the scheduler may place new pods on those nodes before the node has released those resources and causing those pods to be evicted immediately.

 Note that the delete command does NOT do resource version checks, so if someone submits an update to a resource right when you submit a delete, their update will be lost along with the rest of the resource.

 After a CustomResourceDefinition is deleted, invalidation of discovery cache may take up to 6 hours. If you don't want to wait, you might want to run \"kubectl api-resources\" to refresh the discovery cache.

Examples:
  # Delete a pod using the type and name specified in pod.json
  kubectl delete -f ./pod.json
  
  # Delete resources from all files that end with '.json'
  kubectl delete -f '*.json'
  
  # Delete a pod based on the type and name in the JSON passed into stdin
  cat pod.json | kubectl delete -f -
  
  # Delete pods and services with same names \"baz\" and \"foo\"
  kubectl delete pod,service baz foo
  
  # Delete pods and services with label name=myLabel
  kubectl delete pods,services -l name=myLabel
  
  # Delete a pod with minimal delay
  kubectl delete pod foo --now
  
  # Force delete a pod on a dead node
  kubectl delete pod foo --force
  
  # Delete all pods
  kubectl delete pods --all

Options:
    --all=false:
\tDelete all resources, in the namespace of the specified resource types.

    -A, --all-namespaces=false:
\tIf present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.

    --cascade='background':
\tMust be \"background\", \"orphan\", or \"foreground\". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background.

    --field-selector='':
\tSelector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.

    -f, --filename=[]:
\tcontaining the resource to delete.

    --force=false:
\tIf true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation.

    --grace-period=-1:
\tPeriod of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion).

    --ignore-not-found=false:
\tTreat \"resource not found\" as a successful delete. Defaults to \"true\" when --all is specified.

    --now=false:
\tIf true, resources are signaled for immediate shutdown (same as --grace-period=1).

    -o, --output='':
\tOutput mode. Use \"-o name\" for shorter output (resource/name).

    -R, --recursive=false:
\tProcess the directory used in -f, --filename recursively. Useful when you want to manage related manifests organized within the same directory.

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

    --timeout=0s:
\tThe length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object

    --wait=true:
\tIf true, wait for resources to be gone before returning. This waits for finalizers.

Usage:
  kubectl delete ([-f FILENAME] | [-k DIRECTORY] | TYPE [(NAME | -l label | --all)]) [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Flags of `kubectl delete`.
pub const FLAGS: &[Flag] = &[
    value("filename", Some('f'), "containing the resource to delete."),
    value("field-selector", None, "Selector (field query) to filter on, supports '=', '==', and '!='."),
    value("selector", Some('l'), "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'.(e.g. -l key1=value1,key2=value2,key3 in (value3)). Matching objects must satisfy all of the specified label constraints."),
    switch("all", None, "Delete all resources, in the namespace of the specified resource types."),
    switch("all-namespaces", Some('A'), "If present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace."),
    value("grace-period", None, "Period of time in seconds given to the resource to terminate gracefully. Ignored if negative. Set to 1 for immediate shutdown. Can only be set to 0 when --force is true (force deletion)."),
    switch("force", None, "If true, immediately remove resources from API and bypass graceful deletion. Note that immediate deletion of some resources may result in inconsistency or data loss and requires confirmation."),
    switch("now", None, "If true, resources are signaled for immediate shutdown (same as --grace-period=1)."),
    switch("wait", None, "If true, wait for resources to be gone before returning. This waits for finalizers."),
    switch("ignore-not-found", None, "Treat \"resource not found\" as a successful delete. Defaults to \"true\" when --all is specified."),
    value("output", Some('o'), "Output mode. Use \"-o name\" for shorter output (resource/name)."),
    value("cascade", None, "Must be \"background\", \"orphan\", or \"foreground\". Selects the deletion cascading strategy for the dependents (e.g. Pods created by a ReplicationController). Defaults to background."),
    value("timeout", None, "The length of time to wait before giving up on a delete, zero means determine a timeout from the size of the object"),
    switch("recursive", Some('R'), "Process the directory used in -f, --filename recursively."),
];

/// One object to delete.
struct Victim {
    kind: Kind,
    namespace: String,
    name: String,
    /// `error when deleting "<file>"` for objects named by a manifest.
    source: Option<String>,
}

/// Runs `kubectl delete`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    let options = delete_options(args)?;
    let name_output = match args.get("output") {
        None | Some("") => false,
        Some("name") => true,
        Some(other) => return Err(KubectlError::msg(format!("unexpected -o output mode: {other}. We only support '-o name'"))),
    };
    let by_query = args.bool("all") || args.has("selector") || args.has("field-selector");
    let ignore_not_found = args.bool("ignore-not-found") || by_query;
    let (victims, mut errors) = if args.has("filename") {
        from_files(ctx, args)?
    } else {
        (from_arguments(ctx, args)?, Vec::new())
    };
    if options.force && options.grace_period_seconds == Some(0) {
        ctx.out.errln("Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.");
    }
    let verb = if options.force && options.grace_period_seconds == Some(0) { "force deleted" } else { "deleted" };
    let mut waiting = Vec::new();
    let mut found = 0;
    for victim in &victims {
        match ctx.world.cluster.delete(victim.kind, &victim.namespace, &victim.name, options) {
            Ok(object) => {
                found += 1;
                ctx.out.outln(deleted_line(victim, verb, name_output));
                waiting.push((victim.kind, victim.namespace.clone(), victim.name.clone(), object.meta().uid.clone()));
            }
            Err(e) if e.reason == Reason::NotFound && ignore_not_found => {}
            Err(e) => errors.push(match &victim.source {
                Some(source) => KubectlError::Api { error: e, context: Some(format!("error when deleting \"{source}\"")) },
                None => KubectlError::from(e),
            }),
        }
    }
    if found == 0 && errors.is_empty() && by_query {
        ctx.out.outln("No resources found");
    }
    let status = if errors.is_empty() { 0 } else { 1 };
    if !errors.is_empty() {
        ctx.out.errln(manifest::render_errors(&errors));
    }
    let job = DeletionWait { objects: waiting, status };
    if !args.bool_or("wait", true) || job.all_gone(ctx.world) {
        return Ok(Exec::Done(status));
    }
    Ok(Exec::Job(Box::new(job)))
}

/// `--grace-period`, `--force` and `--now` combined as kubectl does.
fn delete_options(args: &Parsed) -> Result<DeleteOptions, KubectlError> {
    let force = args.bool("force");
    let mut grace = args.int("grace-period", "delete")?.unwrap_or(-1);
    if args.bool("now") {
        if grace != -1 {
            return Err(KubectlError::msg("--now and --grace-period cannot be specified together"));
        }
        grace = 1;
    }
    if grace == 0 && !force {
        grace = 1;
    }
    if force && grace < 0 {
        grace = 0;
    }
    Ok(DeleteOptions { grace_period_seconds: (grace >= 0).then_some(grace), force })
}

/// `pod "x" deleted from test namespace`, `namespace "test" deleted`, or `pod/x` with `-o name`.
fn deleted_line(victim: &Victim, verb: &str, name_output: bool) -> String {
    let prefix = victim.kind.name_prefix();
    if name_output {
        return format!("{prefix}/{}", victim.name);
    }
    if victim.kind.namespaced() {
        format!("{prefix} \"{}\" {verb} from {} namespace", victim.name, victim.namespace)
    } else {
        format!("{prefix} \"{}\" {verb}", victim.name)
    }
}

fn from_arguments(ctx: &Ctx, args: &Parsed) -> Result<Vec<Victim>, KubectlError> {
    if args.positionals.is_empty() {
        return Err(KubectlError::msg("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'"));
    }
    let targets = parse_targets_for("delete", &args.positionals)?;
    let selector: Option<LabelSelector> = args.get("selector").map(parse_selector).transpose()?;
    let fields = FieldSelector::parse(args.get("field-selector").unwrap_or_default())?;
    let all = args.bool("all");
    let named = targets.iter().any(|t| t.name.is_some());
    if named && (selector.is_some() || !fields.is_empty()) {
        return Err(KubectlError::msg("name cannot be provided when a selector is specified"));
    }
    if named && all {
        return Err(KubectlError::msg("name cannot be provided when --all is specified"));
    }
    if !named && selector.is_none() && fields.is_empty() && !all {
        return Err(KubectlError::msg("resource(s) were provided, but no name was specified"));
    }
    let all_namespaces = args.bool("all-namespaces");
    let mut victims = Vec::new();
    for target in targets {
        let namespace = if target.kind.namespaced() { ctx.namespace.clone() } else { String::new() };
        match target.name {
            Some(name) => victims.push(Victim { kind: target.kind, namespace, name, source: None }),
            None => {
                fields.check_supported(target.kind, args.get("selector").unwrap_or_default())?;
                let scope = if all_namespaces { None } else { Some(namespace.as_str()) };
                for object in ctx.world.cluster.list(target.kind, scope) {
                    if selector.as_ref().is_none_or(|s| s.matches(&object.meta().labels)) && fields.matches(&object) {
                        victims.push(victim_of(&object, None));
                    }
                }
            }
        }
    }
    Ok(victims)
}

fn victim_of(object: &Object, source: Option<String>) -> Victim {
    Victim { kind: object.kind(), namespace: object.meta().namespace.clone(), name: object.meta().name.clone(), source }
}

fn from_files(ctx: &Ctx, args: &Parsed) -> Result<(Vec<Victim>, Vec<KubectlError>), KubectlError> {
    let sources = manifest::read_sources(ctx, &args.all("filename"))?;
    let (documents, errors) = manifest::collect(&sources);
    let mut victims = Vec::new();
    for (kind, doc) in documents {
        let namespace = mutation::namespace_for(ctx, kind, &doc.namespace())?;
        victims.push(Victim { kind, namespace, name: doc.name(), source: Some(doc.source.clone()) });
    }
    Ok((victims, errors))
}

/// `--wait`: done once every deleted object (same uid) has left the store.
struct DeletionWait {
    objects: Vec<(Kind, String, String, String)>,
    status: i32,
}

impl DeletionWait {
    fn all_gone(&self, world: &World) -> bool {
        self.objects.iter().all(|(kind, namespace, name, uid)| {
            world.cluster.get(*kind, namespace, name).is_none_or(|o| &o.meta().uid != uid)
        })
    }
}

impl Job for DeletionWait {
    fn poll(&mut self, world: &mut World, _out: &mut Output) -> Option<i32> {
        self.all_gone(world).then_some(self.status)
    }
}

/// The NotFound error of a missing object, as other verbs print it.
pub fn not_found(kind: Kind, name: &str) -> KubectlError {
    KubectlError::from(ApiError::not_found(&kind.resource_with_group(), name))
}

#[cfg(test)]
mod tests {
    use super::super::mutation::testing::{kubectl, tutorial_world};
    use crate::cluster::objects::Kind;
    use crate::output::Output;

    #[test]
    fn delete_waits_until_the_pod_is_gone() {
        let mut world = tutorial_world();
        kubectl(&mut world, "run rickroller --image=derlin/rickroller:latest --port 8080");
        world.cluster.advance_by(20_000);
        let ran = kubectl(&mut world, "delete pod rickroller");
        assert_eq!((ran.stdout.as_str(), ran.stderr.as_str()), ("pod \"rickroller\" deleted from test namespace\n", ""));
        let mut job = ran.job.expect("delete waits for a running pod");
        let mut out = Output::default();
        assert_eq!(job.poll(&mut world, &mut out), None);
        world.cluster.advance_by(60_000);
        assert_eq!(job.poll(&mut world, &mut out), Some(0));
        assert!(world.cluster.get(Kind::Pod, "test", "rickroller").is_none());
    }

    #[test]
    fn forms_and_messages() {
        let mut world = tutorial_world();
        kubectl(&mut world, "apply -f kube/depl.yaml");
        kubectl(&mut world, "run a --image=nginx");
        let ran = kubectl(&mut world, "delete deploy/rickroller --wait=false");
        assert_eq!((ran.stdout.as_str(), ran.code), ("deployment.apps \"rickroller\" deleted from test namespace\n", Some(0)));
        let ran = kubectl(&mut world, "delete pod a nope --wait=false");
        assert_eq!(ran.stdout, "pod \"a\" deleted from test namespace\n");
        assert_eq!(ran.stderr, "Error from server (NotFound): pods \"nope\" not found\n");
        assert_eq!(ran.code, Some(1));
        let ran = kubectl(&mut world, "delete pod nope --ignore-not-found");
        assert_eq!((ran.stdout.as_str(), ran.stderr.as_str(), ran.code), ("", "", Some(0)));
        let ran = kubectl(&mut world, "delete pods -l app=none");
        assert_eq!(ran.stdout, "No resources found\n");
        let ran = kubectl(&mut world, "delete pods");
        assert_eq!(ran.stderr, "error: resource(s) were provided, but no name was specified\n");
        let ran = kubectl(&mut world, "delete");
        assert!(ran.stderr.starts_with("error: You must provide one or more resources by argument or filename.\n"));
    }

    #[test]
    fn force_now_name_output_and_namespaces() {
        let mut world = tutorial_world();
        kubectl(&mut world, "run a --image=nginx");
        kubectl(&mut world, "run b --image=nginx");
        world.cluster.advance_by(20_000);
        let ran = kubectl(&mut world, "delete pod a --force --grace-period=0");
        assert_eq!(ran.stderr, "Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n");
        assert_eq!((ran.stdout.as_str(), ran.code), ("pod \"a\" force deleted from test namespace\n", Some(0)));
        let ran = kubectl(&mut world, "delete pod b -o name --now");
        assert_eq!(ran.stdout, "pod/b\n");
        let ran = kubectl(&mut world, "delete namespace test --wait=false");
        assert_eq!(ran.stdout, "namespace \"test\" deleted\n");
    }

    #[test]
    fn delete_from_file() {
        let mut world = tutorial_world();
        kubectl(&mut world, "apply -f kube/pod.yaml");
        let ran = kubectl(&mut world, "delete -f kube/pod.yaml");
        assert_eq!(ran.stdout, "pod \"rickroller\" deleted from test namespace\n");
        if let Some(mut job) = ran.job {
            world.cluster.advance_by(60_000);
            assert_eq!(job.poll(&mut world, &mut Output::default()), Some(0));
        }
        let ran = kubectl(&mut world, "delete -f kube/pod.yaml");
        assert_eq!(ran.stderr, "Error from server (NotFound): error when deleting \"kube/pod.yaml\": pods \"rickroller\" not found\n");
        assert!(matches!(ran.code, Some(1)));
    }
}
