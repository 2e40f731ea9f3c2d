//! `kubectl expose TYPE NAME --port=...`: a new Service selecting the pods of a deployment,
//! replica set, pod or service, reusing its selector and labels.

use super::args::{value, Flag, Parsed};
use super::mutation::{DryRun, OutputMode, Reporter, DRY_RUN_FLAG, OUTPUT_FLAG};
use super::targets::{parse_selector, parse_targets_for};
use super::{Ctx, KubectlError};
use crate::cluster::objects::service::{ServicePort, ServiceSpec};
use crate::cluster::objects::workload::IntOrString;
use crate::cluster::objects::{Kind, LabelSelector, Object, ObjectMeta, PodSpec, Service, StringMap};
use crate::job::Exec;

/// Help text for `kubectl expose --help`.
pub const HELP: &str = "Expose a resource as a new Kubernetes service.

 Looks up a deployment, service, replica set, replication controller or pod by name and uses the selector for that resource as the selector for a new service on the specified port. A deployment or replica set will be exposed as a service only if its selector is convertible to a selector that service supports, i.e. when the selector contains only the matchLabels component. Note that if no port is specified via --port and the exposed resource has multiple ports, all will be re-used by the new service. Also if no labels are specified, the new service will re-use the labels from the resource it exposes.

 Possible resources include (case insensitive):

 pod (po), service (svc), replicationcontroller (rc), deployment (deploy), replicaset (rs)

Examples:
  # Create a service for a pod valid-pod, which serves on port 444 with the name \"frontend\"
  kubectl expose pod valid-pod --port=444 --name=frontend

  # Create a second service based on the above service, exposing the container port 8443 as port 443 with the name \"nginx-https\"
  kubectl expose service nginx --port=443 --target-port=8443 --name=nginx-https

  # Create a service for a replicated nginx using replica set, which serves on port 80 and connects to the containers on port 8000
  kubectl expose rs nginx --port=80 --target-port=8000

  # Create a service for an nginx deployment, which serves on port 80 and connects to the containers on port 8000
  kubectl expose deployment nginx --port=80 --target-port=8000

Options:
    --cluster-ip='':
\tClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service.

    --dry-run='none':
\tMust be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    --external-ip='':
\tAdditional external IP address (not managed by Kubernetes) to accept for the service. If this IP is routed to a node, the service can be accessed by this IP in addition to its generated service IP.

    -l, --labels='':
\tLabels to apply to the service created by this call.

    --name='':
\tThe name for the newly created object.

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    --port='':
\tThe port that the service should serve on. Copied from the resource being exposed, if unspecified

    --protocol='':
\tThe network protocol for the service to be created. Default is 'TCP'.

    --selector='':
\tA label selector to use for this service. Only equality-based selector requirements are supported. If empty (the default) infer the selector from the replication controller or replica set.)

    --session-affinity='':
\tIf non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'

    --target-port='':
\tName or number for the port on the container that the service should direct traffic to. Optional.

    --type='':
\tType for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'.

Usage:
  kubectl expose (-f FILENAME | TYPE NAME) [--port=port] [--protocol=TCP|UDP|SCTP] [--target-port=number-or-name] [--name=name] [--external-ip=external-ip-of-service] [--type=type] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Flags of `kubectl expose`.
pub const FLAGS: &[Flag] = &[
    value("cluster-ip", None, "ClusterIP to be assigned to the service. Leave empty to auto-allocate, or set to 'None' to create a headless service."),
    DRY_RUN_FLAG,
    value("external-ip", None, "Additional external IP address (not managed by Kubernetes) to accept for the service."),
    value("labels", Some('l'), "Labels to apply to the service created by this call."),
    value("name", None, "The name for the newly created object."),
    OUTPUT_FLAG,
    value("port", None, "The port that the service should serve on. Copied from the resource being exposed, if unspecified"),
    value("protocol", None, "The network protocol for the service to be created. Default is 'TCP'."),
    value("selector", None, "A label selector to use for this service. Only equality-based selector requirements are supported."),
    value("session-affinity", None, "If non-empty, set the session affinity for the service to this; legal values: 'None', 'ClientIP'"),
    value("target-port", None, "Name or number for the port on the container that the service should direct traffic to. Optional."),
    value("type", None, "Type for this service: ClusterIP, NodePort, LoadBalancer, or ExternalName. Default is 'ClusterIP'."),
];

/// Runs `kubectl expose`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    let targets = parse_targets_for("expose", &args.positionals)?;
    let target = match targets.as_slice() {
        [t] if t.name.is_some() => t.clone(),
        _ => return Err(KubectlError::usage("You must provide the resource name to expose", "expose")),
    };
    let name = target.name.clone().unwrap_or_default();
    let object = ctx.world.cluster.read(target.kind, &ctx.namespace, &name)?;
    let (selector, labels, template_ports) = introspect(&object)?;
    let selector = match args.get("selector") {
        Some(text) => equality_only(&parse_selector(text)?)?,
        None => selector,
    };
    let labels = match args.get("labels") {
        Some(text) => equality_only(&parse_selector(text)?)?,
        None => labels,
    };
    let protocol = args.get("protocol").unwrap_or("TCP").to_string();
    let target_port = args.get("target-port").map(|t| match t.parse::<i64>() {
        Ok(n) => IntOrString::Int(n),
        Err(_) => IntOrString::String(t.to_string()),
    });
    let port_numbers: Vec<i64> = match args.get("port") {
        Some(text) => text
            .split(',')
            .map(|p| p.trim().parse::<i64>().map_err(|_| KubectlError::msg(format!("strconv.Atoi: parsing \"{p}\": invalid syntax"))))
            .collect::<Result<_, _>>()?,
        None => template_ports,
    };
    if port_numbers.is_empty() {
        return Err(KubectlError::usage("couldn't find port via --port flag or introspection", "expose"));
    }
    let several = port_numbers.len() > 1;
    let ports = port_numbers
        .iter()
        .enumerate()
        .map(|(i, port)| ServicePort {
            name: if several { format!("port-{}", i + 1) } else { String::new() },
            port: *port,
            protocol: protocol.clone(),
            target_port: Some(target_port.clone().unwrap_or(IntOrString::Int(*port))),
            ..Default::default()
        })
        .collect();
    let service_name = args.get("name").map(str::to_string).unwrap_or(name);
    let service = Service {
        metadata: ObjectMeta {
            name: service_name,
            namespace: if ctx.namespace_given { ctx.namespace.clone() } else { String::new() },
            labels,
            ..Default::default()
        },
        spec: ServiceSpec {
            cluster_ip: args.get("cluster-ip").unwrap_or("").to_string(),
            external_ips: args.get("external-ip").map(|ip| vec![ip.to_string()]).unwrap_or_default(),
            ports,
            selector,
            session_affinity: args.get("session-affinity").unwrap_or("").to_string(),
            type_: args.get("type").unwrap_or("").to_string(),
            ..Default::default()
        },
        ..Default::default()
    };
    finish_exposed(ctx, args, Object::Service(service))
}

/// Creates (or prints) the service and reports it with the verb `exposed`.
fn finish_exposed(ctx: &mut Ctx, args: &Parsed, mut object: Object) -> Result<Exec, KubectlError> {
    let dry_run = DryRun::from_args(args)?;
    let mut reporter = Reporter::new(OutputMode::from_args(args)?, dry_run);
    object.set_type_meta();
    let name = object.meta().name.clone();
    if dry_run == DryRun::Client {
        reporter.report(ctx.out, Kind::Service, &name, "exposed", &object.to_json());
        return Ok(Exec::Done(0));
    }
    if object.meta().namespace.is_empty() {
        object.meta_mut().namespace = ctx.namespace.clone();
    }
    let created = if dry_run == DryRun::Server {
        ctx.world.cluster.clone().create(object)?
    } else {
        ctx.world.cluster.create(object)?
    };
    reporter.report(ctx.out, Kind::Service, &name, "exposed", &created.to_json());
    Ok(Exec::Done(0))
}

/// The selector, labels and container ports of the object being exposed.
fn introspect(object: &Object) -> Result<(StringMap, StringMap, Vec<i64>), KubectlError> {
    let from_selector = |selector: Option<&LabelSelector>| -> Result<StringMap, KubectlError> {
        match selector {
            Some(s) if s.match_expressions.is_empty() && !s.match_labels.is_empty() => Ok(s.match_labels.clone()),
            Some(s) => Err(KubectlError::msg(format!(
                "couldn't retrieve selectors via --selector flag or introspection: invalid deployment: {} is not supported by service",
                s.to_selector_string()
            ))),
            None => Err(KubectlError::msg("couldn't retrieve selectors via --selector flag or introspection: the object has no selector")),
        }
    };
    let ports = |spec: &PodSpec| spec.containers.iter().flat_map(|c| c.ports.iter().map(|p| p.container_port)).collect::<Vec<_>>();
    match object {
        Object::Deployment(d) => Ok((from_selector(d.spec.selector.as_ref())?, d.metadata.labels.clone(), ports(&d.spec.template.spec))),
        Object::ReplicaSet(rs) => Ok((from_selector(rs.spec.selector.as_ref())?, rs.metadata.labels.clone(), ports(&rs.spec.template.spec))),
        Object::Pod(p) => {
            if p.metadata.labels.is_empty() {
                return Err(KubectlError::msg("couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed"));
            }
            Ok((p.metadata.labels.clone(), p.metadata.labels.clone(), ports(&p.spec)))
        }
        Object::Service(s) => Ok((s.spec.selector.clone(), s.metadata.labels.clone(), s.spec.ports.iter().map(|p| p.port).collect())),
        other => Err(KubectlError::msg(format!("cannot expose a {}", other.kind().info().name))),
    }
}

/// `--selector`/`--labels` as a plain map; set-based requirements are refused.
fn equality_only(selector: &LabelSelector) -> Result<StringMap, KubectlError> {
    if !selector.match_expressions.is_empty() {
        return Err(KubectlError::msg("only equality-based selector requirements are supported"));
    }
    Ok(selector.match_labels.clone())
}
