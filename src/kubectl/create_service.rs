//! `kubectl create service clusterip|nodeport|loadbalancer|externalname NAME`: a Service with
//! label and selector `app=NAME` and one port per `--tcp=port[:targetPort]`.

use super::args::Parsed;
use super::create_generators::{exactly_one_name, finish, server_message};
use super::{Ctx, KubectlError};
use crate::cluster::objects::service::{ServicePort, ServiceSpec};
use crate::cluster::objects::workload::IntOrString;
use crate::cluster::objects::{Object, ObjectMeta, Service, StringMap};
use crate::job::Exec;

/// Help of `kubectl create service`.
pub const SERVICE_HELP: &str = "Create a service using a specified subcommand.

Aliases:
service, svc

Available Commands:
  clusterip      Create a ClusterIP service
  externalname   Create an ExternalName service
  loadbalancer   Create a LoadBalancer service
  nodeport       Create a NodePort service

Usage:
  kubectl create service [flags] [options]

Use \"kubectl create service <command> --help\" for more information about a given command.
Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// The four service types: subcommand, Service `type`, help text.
const TYPES: &[(&str, &str, &str)] = &[
    ("clusterip", "ClusterIP", "Create a ClusterIP service with the specified name.

Examples:
  # Create a new ClusterIP service named my-cs
  kubectl create service clusterip my-cs --tcp=5678:8080

  # Create a new ClusterIP service named my-cs (in headless mode)
  kubectl create service clusterip my-cs --clusterip=\"None\"

Usage:
  kubectl create service clusterip NAME [--tcp=<port>:<targetPort>] [--dry-run=server|client|none] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
"),
    ("nodeport", "NodePort", "Create a NodePort service with the specified name.

Examples:
  # Create a new NodePort service named my-ns
  kubectl create service nodeport my-ns --tcp=5678:8080

Usage:
  kubectl create service nodeport NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
"),
    ("loadbalancer", "LoadBalancer", "Create a LoadBalancer service with the specified name.

Examples:
  # Create a new LoadBalancer service named my-lbs
  kubectl create service loadbalancer my-lbs --tcp=5678:8080

Usage:
  kubectl create service loadbalancer NAME [--tcp=port:targetPort] [--dry-run=server|client|none] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
"),
    ("externalname", "ExternalName", "Create an ExternalName service with the specified name.

 ExternalName service references to an external DNS address instead of only pods, which will allow application authors to reference services that exist off platform, on other clusters, or locally.

Examples:
  # Create a new ExternalName service named my-ns
  kubectl create service externalname my-ns --external-name bar.com

Usage:
  kubectl create service externalname NAME --external-name external.name [--dry-run=server|client|none] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
"),
];

/// `kubectl create service TYPE NAME ...`; `rest` is what follows `service`.
pub fn service(ctx: &mut Ctx, args: &Parsed, rest: &[String]) -> Result<Exec, KubectlError> {
    let Some(sub) = rest.first() else {
        if args.bool("help") {
            ctx.out.out(SERVICE_HELP);
            return Ok(Exec::Done(0));
        }
        return Err(KubectlError::usage("Required subcommand not specified. Use \"kubectl create service <command>\"", "create service"));
    };
    let Some((sub, type_, help)) = TYPES.iter().find(|(s, _, _)| s == sub) else {
        return Err(KubectlError::usage(format!("unknown command \"{}\"", rest.join(" ")), "create service"));
    };
    if args.bool("help") {
        ctx.out.out(*help);
        return Ok(Exec::Done(0));
    }
    let name = exactly_one_name(&rest[1..], &format!("create service {sub}"))?;
    let object = build(args, &name, type_)?;
    let (namespace, type_) = (if ctx.namespace_given { ctx.namespace.clone() } else { String::new() }, type_.to_string());
    let object = match object {
        Object::Service(mut s) => {
            s.metadata.namespace = namespace;
            Object::Service(s)
        }
        other => other,
    };
    finish(ctx, args, object, |e| KubectlError::msg(format!("failed to create {type_} service: {}", server_message(&e))))
}

/// The Service the generator builds, before it is sent.
fn build(args: &Parsed, name: &str, type_: &str) -> Result<Object, KubectlError> {
    let cluster_ip = args.get("clusterip").unwrap_or("").to_string();
    if !cluster_ip.is_empty() && type_ != "ClusterIP" {
        return Err(KubectlError::msg("ClusterIP=None can only be used with ClusterIP service type"));
    }
    let external_name = args.get("external-name").unwrap_or("").to_string();
    if type_ == "ExternalName" && external_name.is_empty() {
        return Err(KubectlError::msg("required flag(s) \"external-name\" not set"));
    }
    let specs: Vec<String> = args.all("tcp").iter().flat_map(|t| t.split(',')).filter(|t| !t.is_empty()).map(str::to_string).collect();
    if specs.is_empty() && type_ != "ExternalName" && cluster_ip != "None" {
        return Err(KubectlError::msg("at least one tcp port specifier must be provided"));
    }
    let node_port = args.int("node-port", "create service nodeport")?.filter(|n| *n > 0);
    let mut ports = Vec::new();
    for spec in &specs {
        let (port, target) = spec.split_once(':').unwrap_or((spec, spec));
        let port: i64 = port
            .parse::<u16>()
            .map(i64::from)
            .map_err(|_| KubectlError::msg(format!("strconv.ParseUint: parsing \"{port}\": invalid syntax")))?;
        let target_port = match target.parse::<u16>() {
            Ok(n) => IntOrString::Int(i64::from(n)),
            Err(_) => IntOrString::String(target.to_string()),
        };
        ports.push(ServicePort {
            name: spec.replace(':', "-"),
            port,
            protocol: "TCP".into(),
            target_port: Some(target_port),
            node_port: if type_ == "NodePort" { node_port } else { None },
            ..Default::default()
        });
    }
    let labels: StringMap = [("app".to_string(), name.to_string())].into_iter().collect();
    Ok(Object::Service(Service {
        metadata: ObjectMeta { name: name.into(), labels: labels.clone(), ..Default::default() },
        spec: ServiceSpec {
            cluster_ip,
            external_name,
            ports,
            selector: labels,
            type_: type_.into(),
            ..Default::default()
        },
        ..Default::default()
    }))
}
