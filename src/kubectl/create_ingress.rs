//! `kubectl create ingress NAME --rule=host/path=svc:port[,tls[=secret]]`: an Ingress built from
//! rules as kubectl's generator builds it (`path*` is a Prefix path, other paths are Exact).

use super::args::Parsed;
use super::create_generators::{exactly_one_name, finish, server_message};
use super::{Ctx, KubectlError};
use crate::cluster::objects::ingress::{
    HttpIngressPath, HttpIngressRuleValue, IngressBackend, IngressRule, IngressServiceBackend, IngressSpec, IngressTls,
    ServiceBackendPort,
};
use crate::cluster::objects::{Ingress, Object, ObjectMeta};
use crate::job::Exec;

/// Help of `kubectl create ingress` (the examples and the flags kubeplay supports).
pub const HELP: &str = "Create an ingress with the specified name.

Aliases:
ingress, ing

Examples:
  # Create a single ingress called 'simple' that directs requests to foo.com/bar to svc
  # svc1:8080 with a TLS secret \"my-cert\"
  kubectl create ingress simple --rule=\"foo.com/bar=svc1:8080,tls=my-cert\"
  
  # Create a catch all ingress of \"/path\" pointing to service svc:port and Ingress Class as \"otheringress\"
  kubectl create ingress catch-all --class=otheringress --rule=\"/path=svc:port\"
  
  # Create an ingress with multiple hosts and the pathType as Prefix
  kubectl create ingress ingress1 --class=default \\
  --rule=\"foo.com/path*=svc:8080\" \\
  --rule=\"bar.com/admin*=svc2:http\"
  
  # Create an ingress with a default backend
  kubectl create ingress ingdefault --class=default \\
  --default-backend=defaultsvc:http \\
  --rule=\"foo.com/*=svc:8080,tls=secret1\"

Options:
    --annotation=[]:
\tAnnotation to insert in the ingress object, in the format annotation=value

    --class='':
\tIngress Class to be used

    --default-backend='':
\tDefault service for backend, in format of svcname:port

    --dry-run='none':
\tMust be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    -o, --output='':
\tOutput format. One of: (json, yaml, name).

    --rule=[]:
\tRule in format host/path=service:port[,tls=secretname]. Paths containing the leading character '*' are considered pathType=Prefix. tls argument is optional.

Usage:
  kubectl create ingress NAME --rule=host/path=service:port[,tls[=secret]]  [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// `kubectl create ingress NAME ...`; `rest` is what follows `ingress`.
pub fn ingress(ctx: &mut Ctx, args: &Parsed, rest: &[String]) -> Result<Exec, KubectlError> {
    if args.bool("help") {
        ctx.out.out(HELP);
        return Ok(Exec::Done(0));
    }
    let name = exactly_one_name(rest, "create ingress")?;
    let mut ing = build(args, &name)?;
    if ctx.namespace_given {
        ing.metadata.namespace = ctx.namespace.clone();
    }
    finish(ctx, args, Object::Ingress(ing), |e| KubectlError::msg(format!("failed to create ingress: {}", server_message(&e))))
}

/// The Ingress the generator builds from the flags.
fn build(args: &Parsed, name: &str) -> Result<Ingress, KubectlError> {
    let mut spec = IngressSpec { ingress_class_name: args.get("class").filter(|c| !c.is_empty()).map(String::from), ..Default::default() };
    if let Some(backend) = args.get("default-backend").filter(|b| !b.is_empty()) {
        let (service, port) = backend.split_once(':').filter(|(s, p)| !s.is_empty() && !p.is_empty()).ok_or_else(|| {
            KubectlError::msg(format!("default-backend should be in format servicename:serviceport, got {backend}"))
        })?;
        spec.default_backend = Some(service_backend(service, port));
    }
    let rules = args.all("rule");
    if rules.is_empty() && spec.default_backend.is_none() {
        return Err(KubectlError::msg("not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)"));
    }
    for rule in &rules {
        add_rule(&mut spec, rule)?;
    }
    let mut metadata = ObjectMeta { name: name.to_string(), ..Default::default() };
    for annotation in args.all("annotation") {
        let (key, value) = annotation.split_once('=').unwrap_or((annotation.as_str(), ""));
        metadata.annotations.insert(key.to_string(), value.to_string());
    }
    Ok(Ingress { metadata, spec, ..Default::default() })
}

/// Parses `host/path=service:port[,tls[=secret]]` and merges it into the rules of its host.
fn add_rule(spec: &mut IngressSpec, text: &str) -> Result<(), KubectlError> {
    let invalid = || KubectlError::msg(format!("rule {text} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]"));
    let (route, tls) = match text.split_once(',') {
        Some((route, "tls")) => (route, Some(String::new())),
        Some((route, tls)) => (route, Some(tls.strip_prefix("tls=").filter(|s| is_word(s)).ok_or_else(invalid)?.to_string())),
        None => (text, None),
    };
    let (location, backend) = route.split_once('=').ok_or_else(invalid)?;
    let slash = location.find('/').ok_or_else(invalid)?;
    let (host, path) = location.split_at(slash);
    let (service, port) = backend.split_once(':').ok_or_else(invalid)?;
    let host_ok = host.chars().all(|c| c.is_alphanumeric() || "_*-.".contains(c));
    if !host_ok || !is_word(service) || !is_word(port) {
        return Err(invalid());
    }
    let (path, path_type) = match path.strip_suffix('*') {
        Some(prefix) => (prefix, "Prefix"),
        None => (path, "Exact"),
    };
    let entry = HttpIngressPath { backend: service_backend(service, port), path: path.to_string(), path_type: path_type.into() };
    match spec.rules.iter_mut().find(|r| r.host == host) {
        Some(rule) => rule.http.get_or_insert_with(HttpIngressRuleValue::default).paths.push(entry),
        None => spec.rules.push(IngressRule { host: host.to_string(), http: Some(HttpIngressRuleValue { paths: vec![entry] }) }),
    }
    if let Some(secret) = tls {
        let hosts = if host.is_empty() { Vec::new() } else { vec![host.to_string()] };
        match spec.tls.iter_mut().find(|t| t.secret_name == secret) {
            Some(existing) => existing.hosts.extend(hosts.into_iter().filter(|h| !existing.hosts.contains(h)).collect::<Vec<_>>()),
            None => spec.tls.push(IngressTls { hosts, secret_name: secret }),
        }
    }
    Ok(())
}

fn is_word(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '-')
}

fn service_backend(service: &str, port: &str) -> IngressBackend {
    let port = match port.parse::<i64>() {
        Ok(n) => ServiceBackendPort { number: Some(n), ..Default::default() },
        Err(_) => ServiceBackendPort { name: port.to_string(), ..Default::default() },
    };
    IngressBackend { service: Some(IngressServiceBackend { name: service.to_string(), port }), ..Default::default() }
}
