//! `kubectl describe ingress` and `kubectl describe ingressclass`.

use super::common::{annotations_multiline, events, labels_multiline};
use super::writer::DescribeWriter;
use crate::cluster::objects::ingress::{IngressBackend, IngressClass};
use crate::cluster::objects::{EndpointSlice, Event, Ingress, Kind, Object, Service, Time};
use crate::cluster::Cluster;

/// How many endpoints a backend lists before ` + N more...`.
const MAX_LISTED: usize = 3;

/// The describe text of an Ingress: its address, class, rules with the endpoints behind each
/// backend (read from the cluster, as kubectl does), annotations and events.
pub fn describe_ingress(cluster: &Cluster, ing: &Ingress, ing_events: &[Event], now: Time) -> String {
    let mut w = DescribeWriter::new();
    let meta = &ing.metadata;
    w.write(0, &format!("Name:\t{}\n", meta.name));
    labels_multiline(&mut w, "Labels", &meta.labels);
    w.write(0, &format!("Namespace:\t{}\n", meta.namespace));
    w.write(0, &format!("Address:\t{}\n", ing.addresses().join(",")));
    w.write(0, &format!("Ingress Class:\t{}\n", ing.spec.ingress_class_name.as_deref().unwrap_or("<none>")));
    let default_backend = match &ing.spec.default_backend {
        Some(backend) => describe_backend(cluster, &meta.namespace, backend),
        None => "<default>".into(),
    };
    w.write(0, &format!("Default backend:\t{default_backend}\n"));
    if !ing.spec.tls.is_empty() {
        w.write(0, "TLS:\n");
        for tls in &ing.spec.tls {
            let secret = if tls.secret_name.is_empty() { "SNI" } else { tls.secret_name.as_str() };
            w.write(1, &format!("{secret} terminates {}\n", tls.hosts.join(",")));
        }
    }
    w.write(0, "Rules:\n  Host\tPath\tBackends\n");
    w.write(1, "----\t----\t--------\n");
    let mut rules = 0;
    for rule in &ing.spec.rules {
        let Some(http) = &rule.http else { continue };
        rules += 1;
        let host = if rule.host.is_empty() { "*" } else { rule.host.as_str() };
        w.write(1, &format!("{host}\t\n"));
        for path in &http.paths {
            let backend = describe_backend(cluster, &meta.namespace, &path.backend);
            w.write(2, &format!("\t{} \t{backend}\n", path.path));
        }
    }
    if rules == 0 {
        w.write(1, &format!("*\t*\t{default_backend}\n"));
    }
    annotations_multiline(&mut w, "Annotations", &meta.annotations);
    events(&mut w, ing_events, now);
    w.finish()
}

/// `rickroller:80 (10.244.1.5:8080,10.244.2.6:8080)`: the backend and the ready endpoints of the
/// service port it names.
fn describe_backend(cluster: &Cluster, namespace: &str, backend: &IngressBackend) -> String {
    let Some(service_backend) = &backend.service else {
        return match &backend.resource {
            Some(resource) => {
                let kind = resource.get("kind").and_then(|k| k.as_str()).unwrap_or("");
                let name = resource.get("name").and_then(|k| k.as_str()).unwrap_or("");
                format!("APIGroup: {}, Kind: {kind}, Name: {name}", resource.get("apiGroup").and_then(|k| k.as_str()).unwrap_or(""))
            }
            None => String::new(),
        };
    };
    let shown = service_backend.describe();
    let Some(Object::Service(svc)) = cluster.get(Kind::Service, namespace, &service_backend.name) else {
        return format!("{shown} (<error: services \"{}\" not found>)", service_backend.name);
    };
    let port_name = service_port_name(svc, service_backend.port.number, &service_backend.port.name);
    let slices: Vec<EndpointSlice> = cluster
        .list(Kind::EndpointSlice, Some(namespace))
        .into_iter()
        .filter_map(|o| if let Object::EndpointSlice(s) = o { Some(s) } else { None })
        .filter(|s| s.metadata.labels.get("kubernetes.io/service-name") == Some(&svc.metadata.name))
        .collect();
    format!("{shown} ({})", ready_endpoints(&slices, &port_name))
}

fn service_port_name(svc: &Service, number: Option<i64>, name: &str) -> String {
    svc.spec
        .ports
        .iter()
        .find(|p| (number.is_some_and(|n| n != 0 && n == p.port)) || (!name.is_empty() && p.name == name))
        .map(|p| p.name.clone())
        .unwrap_or_default()
}

fn ready_endpoints(slices: &[EndpointSlice], port_name: &str) -> String {
    if slices.is_empty() {
        return "<none>".into();
    }
    let mut pairs = Vec::new();
    for slice in slices {
        for port in slice.ports.iter().flatten().filter(|p| p.name == port_name) {
            for endpoint in slice.endpoints.iter().flatten().filter(|e| e.conditions.ready != Some(false)) {
                pairs.extend(endpoint.addresses.iter().map(|a| format!("{a}:{}", port.port)));
            }
        }
    }
    let listed = pairs[..pairs.len().min(MAX_LISTED)].join(",");
    if pairs.len() > MAX_LISTED {
        format!("{listed} + {} more...", pairs.len() - MAX_LISTED)
    } else {
        listed
    }
}

/// The describe text of an IngressClass.
pub fn describe_ingress_class(class: &IngressClass) -> String {
    let mut w = DescribeWriter::new();
    let meta = &class.metadata;
    w.write(0, &format!("Name:\t{}\n", meta.name));
    labels_multiline(&mut w, "Labels", &meta.labels);
    annotations_multiline(&mut w, "Annotations", &meta.annotations);
    w.write(0, &format!("Controller:\t{}\n", class.spec.controller));
    w.write(0, "Events:\t<none>\n");
    w.finish()
}
