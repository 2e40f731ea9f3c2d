//! The API server's checks of Ingresses and IngressClasses (`networking.k8s.io/v1`).

use crate::cluster::names::validate_subdomain;
use crate::cluster::objects::ingress::{HttpIngressPath, IngressBackend, IngressClass, INGRESS_CLASS_ANNOTATION};
use crate::cluster::objects::Ingress;

/// Path types the API accepts.
const PATH_TYPES: [&str; 3] = ["Exact", "ImplementationSpecific", "Prefix"];

/// Causes that make an Ingress invalid.
pub fn validate_ingress(ing: &Ingress, causes: &mut Vec<String>) {
    let spec = &ing.spec;
    if spec.default_backend.is_none() && spec.rules.is_empty() {
        causes.push("spec: Invalid value: null: either `defaultBackend` or `rules` must be specified".into());
    }
    if let Some(backend) = &spec.default_backend {
        validate_backend(backend, "spec.defaultBackend", causes);
    }
    if let Some(class) = &spec.ingress_class_name {
        causes.extend(validate_subdomain(class).map(|m| m.replacen("metadata.name", "spec.ingressClassName", 1)));
        if let Some(annotated) = ing.metadata.annotations.get(INGRESS_CLASS_ANNOTATION).filter(|a| *a != class) {
            causes.push(format!(
                "annotations.{INGRESS_CLASS_ANNOTATION}: Invalid value: \"{annotated}\": must match `ingressClassName` when both are specified"
            ));
        }
    }
    for (i, rule) in spec.rules.iter().enumerate() {
        let at = format!("spec.rules[{i}]");
        if !rule.host.is_empty() {
            validate_host(&rule.host, &format!("{at}.host"), causes);
        }
        let Some(http) = &rule.http else { continue };
        if http.paths.is_empty() {
            causes.push(format!("{at}.http.paths: Required value"));
        }
        for (j, path) in http.paths.iter().enumerate() {
            validate_path(path, &format!("{at}.http.paths[{j}]"), causes);
        }
    }
    for (i, tls) in spec.tls.iter().enumerate() {
        for (j, host) in tls.hosts.iter().enumerate() {
            validate_host(host, &format!("spec.tls[{i}].hosts[{j}]"), causes);
        }
    }
}

fn validate_host(host: &str, at: &str, causes: &mut Vec<String>) {
    if host.parse::<std::net::IpAddr>().is_ok() {
        causes.push(format!("{at}: Invalid value: \"{host}\": must be a DNS name, not an IP address"));
        return;
    }
    let checked = host.strip_prefix("*.").unwrap_or(host);
    if let Some(message) = validate_subdomain(checked) {
        let message = message.replacen("metadata.name", at, 1).replacen(&format!("\"{checked}\""), &format!("\"{host}\""), 1);
        causes.push(message);
    }
}

fn validate_path(path: &HttpIngressPath, at: &str, causes: &mut Vec<String>) {
    let text = path.path.as_str();
    match path.path_type.as_str() {
        "" => causes.push(format!("{at}.pathType: Required value: pathType must be specified")),
        "Exact" | "Prefix" => {
            if !text.starts_with('/') {
                causes.push(format!("{at}.path: Invalid value: \"{text}\": must be an absolute path"));
            } else {
                for bad in ["//", "/./", "/../", "%2f", "%2F"] {
                    if text.contains(bad) {
                        causes.push(format!("{at}.path: Invalid value: \"{text}\": must not contain '{bad}'"));
                    }
                }
                for bad in ["/..", "/."] {
                    if text.ends_with(bad) {
                        causes.push(format!("{at}.path: Invalid value: \"{text}\": must not end with '{bad}'"));
                    }
                }
            }
        }
        "ImplementationSpecific" => {
            if !text.is_empty() && !text.starts_with('/') {
                causes.push(format!("{at}.path: Invalid value: \"{text}\": must be an absolute path"));
            }
        }
        other => {
            let supported: Vec<String> = PATH_TYPES.iter().map(|t| format!("\"{t}\"")).collect();
            causes.push(format!("{at}.pathType: Unsupported value: \"{other}\": supported values: {}", supported.join(", ")));
        }
    }
    validate_backend(&path.backend, &format!("{at}.backend"), causes);
}

fn validate_backend(backend: &IngressBackend, at: &str, causes: &mut Vec<String>) {
    match (&backend.service, &backend.resource) {
        (Some(_), Some(_)) => causes.push(format!("{at}: Invalid value: \"\": cannot set both resource and service backends")),
        (None, None) => causes.push(format!("{at}: Invalid value: \"\": resource or service backend is required")),
        (None, Some(_)) => {}
        (Some(service), None) => {
            if service.name.is_empty() {
                causes.push(format!("{at}.service.name: Required value"));
            }
            let number = service.port.number.filter(|n| *n != 0);
            match (number, service.port.name.is_empty()) {
                (Some(_), false) => causes.push(format!("{at}: Invalid value: \"\": cannot set both port name & port number")),
                (Some(n), true) if !(1..=65535).contains(&n) => causes.push(format!(
                    "{at}.service.port.number: Invalid value: {n}: must be between 1 and 65535, inclusive"
                )),
                (None, true) => causes.push(format!("{at}.service.port: Required value: port name or number is required")),
                _ => {}
            }
        }
    }
}

/// Causes that make an IngressClass invalid.
pub fn validate_ingress_class(class: &IngressClass, causes: &mut Vec<String>) {
    let controller = class.spec.controller.as_str();
    if controller.is_empty() {
        causes.push("spec.controller: Required value".into());
    } else if !controller.contains('/') {
        causes.push(format!("spec.controller: Invalid value: \"{controller}\": must be a domain-prefixed path (such as \"acme.io/foo\")"));
    }
}

/// The API server's own warnings on creating an Ingress (its registry strategy's
/// `WarningsOnCreate`): the legacy class annotation is deprecated.
pub fn warnings_on_create(ing: &Ingress) -> Vec<String> {
    if ing.metadata.annotations.contains_key(INGRESS_CLASS_ANNOTATION) {
        vec![format!("annotation \"{INGRESS_CLASS_ANNOTATION}\" is deprecated, please use 'spec.ingressClassName' instead")]
    } else {
        Vec::new()
    }
}
