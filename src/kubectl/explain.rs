//! `kubectl explain`: documentation of the fields kubeplay models, in the shape of kubectl's
//! OpenAPI v3 template (`KIND:`, `VERSION:`, `FIELD:`, `DESCRIPTION:`, `FIELDS:`).

use super::args::{switch, value, Flag, Parsed};
use super::targets::kind_named;
use super::{Ctx, KubectlError};
use crate::cluster::objects::Kind;
use crate::job::Exec;

/// Help text for `kubectl explain --help`.
pub const HELP: &str = "Describe fields and structure of various resources.

 This command describes the fields associated with each supported API resource. Fields are identified via a simple JSONPath identifier:

        <type>.<fieldName>[.<fieldName>]
        
 Information about each field is retrieved from the server in OpenAPI format.

Use \"kubectl api-resources\" for a complete list of supported resources.

Examples:
  # Get the documentation of the resource and its fields
  kubectl explain pods
  
  # Get all the fields in the resource
  kubectl explain pods --recursive
  
  # Get the explanation for deployment in supported api versions
  kubectl explain deployments --api-version=apps/v1
  
  # Get the documentation of a specific field of a resource
  kubectl explain pods.spec.containers
  
  # Get the documentation of resources in different format
  kubectl explain deployment --output=plaintext-openapiv2

Options:
    --api-version='':
\tUse given api-version (group/version) of the resource.

    -o, --output='plaintext':
\tFormat in which to render the schema. Valid values are: (plaintext, plaintext-openapiv2).

    --recursive=false:
\tWhen true, print the name of all the fields recursively. Otherwise, print the available fields with their description.

Usage:
  kubectl explain TYPE [--recursive=FALSE|TRUE] [--api-version=api-version-group] [-o|--output=plaintext|plaintext-openapiv2] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Flags of `kubectl explain`.
pub const FLAGS: &[Flag] = &[
    value("api-version", None, "Use given api-version (group/version) of the resource."),
    switch("recursive", None, "When true, print the name of all the fields recursively."),
    value("output", Some('o'), "Format in which to render the schema (plaintext)."),
];

/// One documented field: its dotted path from the kind, type and description.
struct FieldDoc {
    path: &'static str,
    type_: &'static str,
    required: bool,
    description: &'static str,
}

const fn f(path: &'static str, type_: &'static str, description: &'static str) -> FieldDoc {
    FieldDoc { path, type_, required: false, description }
}

const fn req(path: &'static str, type_: &'static str, description: &'static str) -> FieldDoc {
    FieldDoc { path, type_, required: true, description }
}

const COMMON: &[FieldDoc] = &[
    f("apiVersion", "string", "APIVersion defines the versioned schema of this representation of an object."),
    f("kind", "string", "Kind is a string value representing the REST resource this object represents."),
    f("metadata", "ObjectMeta", "Standard object's metadata."),
    f("metadata.annotations", "map[string]string", "Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata."),
    f("metadata.labels", "map[string]string", "Map of string keys and values that can be used to organize and categorize (scope and select) objects."),
    f("metadata.name", "string", "Name must be unique within a namespace."),
    f("metadata.namespace", "string", "Namespace defines the space within which each name must be unique."),
    f("metadata.generateName", "string", "GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided."),
    f("metadata.ownerReferences", "[]OwnerReference", "List of objects depended by this object."),
    f("metadata.uid", "string", "UID is the unique in time and space value for this object."),
];

const POD_SPEC: &[FieldDoc] = &[
    req("containers", "[]Container", "List of containers belonging to the pod. There must be at least one container in a Pod."),
    req("containers.name", "string", "Name of the container specified as a DNS_LABEL."),
    f("containers.image", "string", "Container image name."),
    f("containers.imagePullPolicy", "string", "Image pull policy. One of Always, Never, IfNotPresent."),
    f("containers.command", "[]string", "Entrypoint array. Not executed within a shell."),
    f("containers.args", "[]string", "Arguments to the entrypoint."),
    f("containers.env", "[]EnvVar", "List of environment variables to set in the container."),
    f("containers.ports", "[]ContainerPort", "List of ports to expose from the container."),
    f("containers.resources", "ResourceRequirements", "Compute Resources required by this container."),
    f("containers.volumeMounts", "[]VolumeMount", "Pod volumes to mount into the container's filesystem."),
    f("containers.readinessProbe", "Probe", "Periodic probe of container service readiness."),
    f("containers.livenessProbe", "Probe", "Periodic probe of container liveness."),
    f("initContainers", "[]Container", "List of initialization containers belonging to the pod."),
    f("nodeName", "string", "NodeName indicates in which node this pod is scheduled."),
    f("nodeSelector", "map[string]string", "NodeSelector is a selector which must be true for the pod to fit on a node."),
    f("restartPolicy", "string", "Restart policy for all containers within the pod. One of Always, OnFailure, Never."),
    f("terminationGracePeriodSeconds", "integer", "Optional duration in seconds the pod needs to terminate gracefully."),
    f("volumes", "[]Volume", "List of volumes that can be mounted by containers belonging to the pod."),
];

const WORKLOAD_SPEC: &[FieldDoc] = &[
    f("replicas", "integer", "Number of desired pods. Defaults to 1."),
    req("selector", "LabelSelector", "Label selector for pods. It must match the pod template's labels."),
    f("selector.matchLabels", "map[string]string", "matchLabels is a map of {key,value} pairs."),
    f("selector.matchExpressions", "[]LabelSelectorRequirement", "matchExpressions is a list of label selector requirements."),
    req("template", "PodTemplateSpec", "Template describes the pods that will be created."),
    f("template.metadata", "ObjectMeta", "Standard object's metadata."),
    f("template.spec", "PodSpec", "Specification of the desired behavior of the pod."),
    f("minReadySeconds", "integer", "Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available."),
];

const DEPLOYMENT_ONLY: &[FieldDoc] = &[
    f("paused", "boolean", "Indicates that the deployment is paused."),
    f("progressDeadlineSeconds", "integer", "The maximum time in seconds for a deployment to make progress before it is considered to be failed."),
    f("revisionHistoryLimit", "integer", "The number of old ReplicaSets to retain to allow rollback. Defaults to 10."),
    f("strategy", "DeploymentStrategy", "The deployment strategy to use to replace existing pods with new ones."),
    f("strategy.type", "string", "Type of deployment. Can be \"Recreate\" or \"RollingUpdate\". Default is RollingUpdate."),
    f("strategy.rollingUpdate", "RollingUpdateDeployment", "Rolling update config params. Present only if DeploymentStrategyType = RollingUpdate."),
];

const DAEMONSET_ONLY: &[FieldDoc] = &[
    f("revisionHistoryLimit", "integer", "The number of old history to retain to allow rollback. Defaults to 10."),
    f("updateStrategy", "DaemonSetUpdateStrategy", "An update strategy to replace existing DaemonSet pods with new pods."),
    f("updateStrategy.type", "string", "Type of daemon set update. Can be \"RollingUpdate\" or \"OnDelete\". Default is RollingUpdate."),
    f("updateStrategy.rollingUpdate", "RollingUpdateDaemonSet", "Rolling update config params. Present only if type = \"RollingUpdate\"."),
];

const JOB_SPEC: &[FieldDoc] = &[
    f("activeDeadlineSeconds", "integer", "Specifies the duration in seconds relative to the startTime that the job may be continuously active before the system tries to terminate it."),
    f("backoffLimit", "integer", "Specifies the number of retries before marking this job failed. Defaults to 6."),
    f("completionMode", "string", "completionMode specifies how Pod completions are tracked. It can be `NonIndexed` (default) or `Indexed`."),
    f("completions", "integer", "Specifies the desired number of successfully finished pods the job should be run with."),
    f("parallelism", "integer", "Specifies the maximum desired number of pods the job should run at any given time."),
    f("selector", "LabelSelector", "A label query over pods that should match the pod count. Normally, the system sets this field for you."),
    f("suspend", "boolean", "suspend specifies whether the Job controller should create Pods or not. Defaults to false."),
    req("template", "PodTemplateSpec", "Describes the pod that will be created when executing a job. The only allowed template.spec.restartPolicy values are \"Never\" or \"OnFailure\"."),
    f("ttlSecondsAfterFinished", "integer", "ttlSecondsAfterFinished limits the lifetime of a Job that has finished execution (either Complete or Failed)."),
];

const CRONJOB_SPEC: &[FieldDoc] = &[
    f("concurrencyPolicy", "string", "Specifies how to treat concurrent executions of a Job. Valid values are: \"Allow\" (default), \"Forbid\", \"Replace\"."),
    f("failedJobsHistoryLimit", "integer", "The number of failed finished jobs to retain. Defaults to 1."),
    req("jobTemplate", "JobTemplateSpec", "Specifies the job that will be created when executing a CronJob."),
    req("schedule", "string", "The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron."),
    f("startingDeadlineSeconds", "integer", "Optional deadline in seconds for starting the job if it misses scheduled time for any reason."),
    f("successfulJobsHistoryLimit", "integer", "The number of successful finished jobs to retain. Defaults to 3."),
    f("suspend", "boolean", "This flag tells the controller to suspend subsequent executions, it does not apply to already started executions. Defaults to false."),
    f("timeZone", "string", "The time zone name for the given schedule, see https://en.wikipedia.org/wiki/List_of_tz_database_time_zones."),
];

const EVENT_FIELDS: &[FieldDoc] = &[
    req("involvedObject", "ObjectReference", "The object that this event is about."),
    f("reason", "string", "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."),
    f("message", "string", "A human-readable description of the status of this operation."),
    f("type", "string", "Type of this event (Normal, Warning), new types could be added in the future."),
    f("count", "integer", "The number of times this event has occurred."),
];

/// A kind's own description and the type names of its `spec` and `status`.
fn kind_doc(kind: Kind) -> (&'static str, &'static str, &'static str) {
    #[allow(unreachable_patterns)]
    match kind {
        Kind::Pod => ("Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.", "PodSpec", "PodStatus"),
        Kind::Deployment => ("Deployment enables declarative updates for Pods and ReplicaSets.", "DeploymentSpec", "DeploymentStatus"),
        Kind::ReplicaSet => ("ReplicaSet ensures that a specified number of pod replicas are running at any given time.", "ReplicaSetSpec", "ReplicaSetStatus"),
        Kind::Namespace => ("Namespace provides a scope for Names. Use of multiple namespaces is optional.", "NamespaceSpec", "NamespaceStatus"),
        Kind::Node => ("Node is a worker node in Kubernetes. Each node will have a unique identifier in the cache (i.e. in etcd).", "NodeSpec", "NodeStatus"),
        Kind::Event => ("Event is a report of an event somewhere in the cluster.", "", ""),
        Kind::DaemonSet => ("DaemonSet represents the configuration of a daemon set.", "DaemonSetSpec", "DaemonSetStatus"),
        Kind::Job => ("Job represents the configuration of a single job.", "JobSpec", "JobStatus"),
        Kind::CronJob => ("CronJob represents the configuration of a single cron job.", "CronJobSpec", "CronJobStatus"),
        _ => ("", "Spec", "Status"),
    }
}

/// A documented field of one kind, with its full path.
struct Entry {
    path: String,
    type_: &'static str,
    required: bool,
    description: &'static str,
}

/// Every documented field of a kind.
fn fields(kind: Kind) -> Vec<Entry> {
    let (_, spec_type, status_type) = kind_doc(kind);
    let prefixed = |prefix: &str, docs: &[FieldDoc], out: &mut Vec<Entry>| {
        for d in docs {
            out.push(Entry { path: format!("{prefix}{}", d.path), type_: d.type_, required: d.required, description: d.description });
        }
    };
    let mut all: Vec<Entry> = Vec::new();
    prefixed("", COMMON, &mut all);
    if !spec_type.is_empty() {
        prefixed("", &[f("spec", spec_type, "Specification of the desired behavior of the object."), f("status", status_type, "Most recently observed status of the object. Read-only.")], &mut all);
    }
    match kind {
        Kind::Pod => prefixed("spec.", POD_SPEC, &mut all),
        Kind::Deployment | Kind::ReplicaSet => {
            prefixed("spec.", WORKLOAD_SPEC, &mut all);
            prefixed("spec.template.spec.", POD_SPEC, &mut all);
            if kind == Kind::Deployment {
                prefixed("spec.", DEPLOYMENT_ONLY, &mut all);
            }
        }
        Kind::Event => prefixed("", EVENT_FIELDS, &mut all),
        Kind::DaemonSet => {
            // A DaemonSet has every workload field but `replicas` (the first entry).
            prefixed("spec.", &WORKLOAD_SPEC[1..], &mut all);
            prefixed("spec.", DAEMONSET_ONLY, &mut all);
            prefixed("spec.template.spec.", POD_SPEC, &mut all);
        }
        Kind::Job => {
            prefixed("spec.", JOB_SPEC, &mut all);
            prefixed("spec.template.spec.", POD_SPEC, &mut all);
        }
        Kind::CronJob => {
            prefixed("spec.", CRONJOB_SPEC, &mut all);
            prefixed("spec.jobTemplate.spec.", JOB_SPEC, &mut all);
            prefixed("spec.jobTemplate.spec.template.spec.", POD_SPEC, &mut all);
        }
        _ => {}
    }
    all
}

/// Runs `kubectl explain`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    let Some(target) = args.positionals.first() else {
        return Err(super::targets::required_resource_error("explain"));
    };
    let (resource, path) = match target.split_once('.') {
        Some((r, p)) => (r, p),
        None => (target.as_str(), ""),
    };
    let kind = kind_named(resource)?;
    ctx.out.out(explain(kind, path)?);
    Ok(Exec::Done(0))
}

/// The explanation of `path` (dotted, empty for the kind itself) of a kind.
fn explain(kind: Kind, path: &str) -> Result<String, KubectlError> {
    let info = kind.info();
    let docs = fields(kind);
    let mut text = String::new();
    if !info.group.is_empty() {
        text.push_str(&format!("GROUP:      {}\n", info.group));
    }
    text.push_str(&format!("KIND:       {}\nVERSION:    {}\n\n", info.name, info.version));
    let description = if path.is_empty() {
        kind_doc(kind).0.to_string()
    } else {
        let Some(doc) = docs.iter().find(|d| d.path == path) else {
            let missing = path.rsplit('.').next().unwrap_or(path);
            return Err(KubectlError::msg(format!("field \"{missing}\" does not exist")));
        };
        let name = path.rsplit('.').next().unwrap_or(path);
        text.push_str(&format!("FIELD: {name} <{}>\n\n", doc.type_));
        doc.description.to_string()
    };
    text.push_str(&format!("DESCRIPTION:\n    {description}\n    \n"));
    let prefix = if path.is_empty() { String::new() } else { format!("{path}.") };
    let mut children: Vec<&Entry> = docs
        .iter()
        .filter(|d| d.path.strip_prefix(prefix.as_str()).is_some_and(|rest| !rest.is_empty() && !rest.contains('.')))
        .collect();
    children.sort_by(|a, b| a.path.cmp(&b.path));
    if !children.is_empty() {
        text.push_str("FIELDS:\n");
        for d in children {
            let name = d.path.rsplit('.').next().unwrap_or(&d.path);
            let required = if d.required { " -required-" } else { "" };
            text.push_str(&format!("  {name}\t<{}>{required}\n    {}\n\n", d.type_, d.description));
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explains_kinds_and_fields() {
        let text = explain(Kind::Pod, "").unwrap();
        assert!(text.starts_with("KIND:       Pod\nVERSION:    v1\n\nDESCRIPTION:\n    Pod is a collection"), "{text}");
        assert!(text.contains("FIELDS:\n  apiVersion\t<string>\n"), "{text}");
        let text = explain(Kind::Deployment, "spec").unwrap();
        assert!(text.starts_with("GROUP:      apps\nKIND:       Deployment\nVERSION:    v1\n\nFIELD: spec <DeploymentSpec>\n"), "{text}");
        assert!(text.contains("  selector\t<LabelSelector> -required-\n"), "{text}");
        let text = explain(Kind::Deployment, "spec.template.spec.containers").unwrap();
        assert!(text.contains("  image\t<string>\n"), "{text}");
        assert_eq!(explain(Kind::Pod, "spec.foo").unwrap_err().render(), "error: field \"foo\" does not exist");
        let text = explain(Kind::CronJob, "spec.schedule").unwrap();
        assert!(text.starts_with("GROUP:      batch\nKIND:       CronJob\nVERSION:    v1\n\nFIELD: schedule <string>\n"), "{text}");
        let text = explain(Kind::Job, "spec").unwrap();
        assert!(text.contains("  backoffLimit\t<integer>\n"), "{text}");
        let text = explain(Kind::DaemonSet, "spec").unwrap();
        assert!(text.contains("  updateStrategy\t<DaemonSetUpdateStrategy>\n") && !text.contains("replicas"), "{text}");
    }
}
