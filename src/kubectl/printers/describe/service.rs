//! `kubectl describe service` and `kubectl describe endpoints`.

use super::common::{annotations_multiline, events, labels_multiline};
use super::writer::DescribeWriter;
use crate::cluster::objects::workload::IntOrString;
use crate::cluster::objects::{EndpointSlice, Endpoints, Event, Service, Time};

/// How many endpoints a `Endpoints:` line lists before ` + N more...`.
const MAX_LISTED: usize = 3;

/// The describe text of a Service; `slices` are its EndpointSlices (the source of `Endpoints:`).
pub fn describe_service(svc: &Service, slices: &[EndpointSlice], svc_events: &[Event], now: Time) -> String {
    let mut w = DescribeWriter::new();
    let (meta, spec) = (&svc.metadata, &svc.spec);
    w.write(0, &format!("Name:\t{}\n", meta.name));
    w.write(0, &format!("Namespace:\t{}\n", meta.namespace));
    labels_multiline(&mut w, "Labels", &meta.labels);
    annotations_multiline(&mut w, "Annotations", &meta.annotations);
    let selector: Vec<String> = spec.selector.iter().map(|(k, v)| format!("{k}={v}")).collect();
    w.write(0, &format!("Selector:\t{}\n", if selector.is_empty() { "<none>".into() } else { selector.join(",") }));
    w.write(0, &format!("Type:\t{}\n", svc.type_name()));
    if !spec.ip_family_policy.is_empty() {
        w.write(0, &format!("IP Family Policy:\t{}\n", spec.ip_family_policy));
    }
    w.write(0, &format!("IP Families:\t{}\n", or_none(&spec.ip_families.join(","))));
    w.write(0, &format!("IP:\t{}\n", spec.cluster_ip));
    w.write(0, &format!("IPs:\t{}\n", or_none(&spec.cluster_ips.join(","))));
    if !spec.external_ips.is_empty() {
        w.write(0, &format!("External IPs:\t{}\n", spec.external_ips.join(",")));
    }
    if !spec.load_balancer_ip.is_empty() {
        w.write(0, &format!("IP:\t{}\n", spec.load_balancer_ip));
    }
    if !spec.external_name.is_empty() {
        w.write(0, &format!("External Name:\t{}\n", spec.external_name));
    }
    let ingress = &svc.status.load_balancer.ingress;
    if !ingress.is_empty() {
        let list: Vec<String> = ingress
            .iter()
            .map(|i| {
                let address = if i.ip.is_empty() { &i.hostname } else { &i.ip };
                if i.ip_mode.is_empty() { address.clone() } else { format!("{address} ({})", i.ip_mode) }
            })
            .collect();
        w.write(0, &format!("LoadBalancer Ingress:\t{}\n", list.join(", ")));
    }
    for port in &spec.ports {
        let name = if port.name.is_empty() { "<unset>" } else { &port.name };
        w.write(0, &format!("Port:\t{name}\t{}/{}\n", port.port, port.protocol));
        let target = match &port.target_port {
            Some(IntOrString::String(s)) => s.clone(),
            Some(IntOrString::Int(n)) => n.to_string(),
            None => port.port.to_string(),
        };
        w.write(0, &format!("TargetPort:\t{target}/{}\n", port.protocol));
        if let Some(node_port) = port.node_port.filter(|n| *n != 0) {
            w.write(0, &format!("NodePort:\t{name}\t{node_port}/{}\n", port.protocol));
        }
        w.write(0, &format!("Endpoints:\t{}\n", slice_endpoints(slices, &port.name)));
    }
    w.write(0, &format!("Session Affinity:\t{}\n", spec.session_affinity));
    if !spec.external_traffic_policy.is_empty() {
        w.write(0, &format!("External Traffic Policy:\t{}\n", spec.external_traffic_policy));
    }
    if !spec.internal_traffic_policy.is_empty() {
        w.write(0, &format!("Internal Traffic Policy:\t{}\n", spec.internal_traffic_policy));
    }
    if let Some(port) = spec.health_check_node_port.filter(|p| *p != 0) {
        w.write(0, &format!("HealthCheck NodePort:\t{port}\n"));
    }
    if !spec.load_balancer_source_ranges.is_empty() {
        w.write(0, &format!("LoadBalancer Source Ranges:\t{}\n", spec.load_balancer_source_ranges.join(",")));
    }
    events(&mut w, svc_events, now);
    w.finish()
}

/// The ready `ip:port` pairs the slices give for the service port named `port_name`.
fn slice_endpoints(slices: &[EndpointSlice], port_name: &str) -> String {
    if slices.is_empty() {
        return "<none>".into();
    }
    let mut pairs = Vec::new();
    for slice in slices {
        for port in slice.ports.iter().flatten().filter(|p| p.name == port_name) {
            for endpoint in slice.endpoints.iter().flatten() {
                if endpoint.conditions.ready == Some(false) {
                    continue;
                }
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

fn or_none(text: &str) -> String {
    if text.is_empty() { "<none>".into() } else { text.to_string() }
}

/// The describe text of Endpoints: one block per subset.
pub fn describe_endpoints(ep: &Endpoints, ep_events: &[Event], now: Time) -> String {
    let mut w = DescribeWriter::new();
    w.write(0, &format!("Name:\t{}\n", ep.metadata.name));
    w.write(0, &format!("Namespace:\t{}\n", ep.metadata.namespace));
    labels_multiline(&mut w, "Labels", &ep.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &ep.metadata.annotations);
    w.write(0, "Subsets:\n");
    for subset in &ep.subsets {
        let ips = |list: &[crate::cluster::objects::service::EndpointAddress]| {
            or_none(&list.iter().map(|a| a.ip.as_str()).collect::<Vec<_>>().join(","))
        };
        w.write(1, &format!("Addresses:\t{}\n", ips(&subset.addresses)));
        w.write(1, &format!("NotReadyAddresses:\t{}\n", ips(&subset.not_ready_addresses)));
        if !subset.ports.is_empty() {
            w.write(1, "Ports:\n");
            w.write(2, "Name\tPort\tProtocol\n");
            w.write(2, "----\t----\t--------\n");
            for port in &subset.ports {
                let name = if port.name.is_empty() { "<unset>" } else { &port.name };
                w.write(2, &format!("{name}\t{}\t{}\n", port.port, port.protocol));
            }
        }
        w.write(0, "\n");
    }
    events(&mut w, ep_events, now);
    w.finish()
}
