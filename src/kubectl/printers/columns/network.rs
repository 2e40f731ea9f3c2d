//! Table cells of Services, Endpoints and EndpointSlices, as the API server's printers make them.

use super::age;
use crate::cluster::objects::service::{EndpointPort, SliceEndpoint};
use crate::cluster::objects::time::Time;
use crate::cluster::objects::{EndpointSlice, Endpoints, Service};

/// How many items an ENDPOINTS or PORTS cell lists before ` + N more...`.
const MAX_LISTED: usize = 3;

/// NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE [SELECTOR].
pub fn service_cells(svc: &Service, now: Time, wide: bool) -> Vec<String> {
    let type_ = svc.type_name();
    let cluster_ip = match svc.spec.cluster_ips.first().or(Some(&svc.spec.cluster_ip)).filter(|ip| !ip.is_empty()) {
        Some(ip) => ip.clone(),
        None => "<none>".into(),
    };
    let mut cells = vec![
        svc.metadata.name.clone(),
        type_.to_string(),
        cluster_ip,
        external_ip(svc, wide),
        port_string(svc),
        age(svc.metadata.creation_timestamp, now),
    ];
    if wide {
        let selector: Vec<String> = svc.spec.selector.iter().map(|(k, v)| format!("{k}={v}")).collect();
        cells.push(if selector.is_empty() { "<none>".into() } else { selector.join(",") });
    }
    cells
}

/// EXTERNAL-IP: external IPs, the load balancer's addresses, `<pending>`, or the external name.
fn external_ip(svc: &Service, wide: bool) -> String {
    let external = svc.spec.external_ips.join(",");
    match svc.type_name() {
        "ExternalName" => svc.spec.external_name.clone(),
        "LoadBalancer" => {
            let mut addresses: Vec<String> = svc
                .status
                .load_balancer
                .ingress
                .iter()
                .map(|i| if i.ip.is_empty() { i.hostname.clone() } else { i.ip.clone() })
                .filter(|a| !a.is_empty())
                .collect();
            addresses.sort();
            addresses.dedup();
            addresses.extend(svc.spec.external_ips.iter().cloned());
            let text = addresses.join(",");
            if text.is_empty() {
                "<pending>".into()
            } else if !wide && text.len() > 16 {
                format!("{}...", &text[..13])
            } else {
                text
            }
        }
        _ if external.is_empty() => "<none>".into(),
        _ => external,
    }
}

/// PORT(S): `80/TCP` or `80:31234/TCP`, comma-joined.
pub fn port_string(svc: &Service) -> String {
    let ports: Vec<String> = svc
        .spec
        .ports
        .iter()
        .map(|p| match p.node_port {
            Some(n) if n != 0 => format!("{}:{n}/{}", p.port, p.protocol),
            _ => format!("{}/{}", p.port, p.protocol),
        })
        .collect();
    if ports.is_empty() { "<none>".into() } else { ports.join(",") }
}

/// NAME ENDPOINTS AGE.
pub fn endpoints_cells(ep: &Endpoints, now: Time) -> Vec<String> {
    vec![ep.metadata.name.clone(), endpoints_string(ep, None), age(ep.metadata.creation_timestamp, now)]
}

/// The ready `ip:port` pairs of Endpoints (of one named port, or all), at most three then
/// ` + N more...`; `<none>` without subsets, empty when only not-ready addresses exist.
pub fn endpoints_string(ep: &Endpoints, port_name: Option<&str>) -> String {
    if ep.subsets.is_empty() {
        return "<none>".into();
    }
    let mut pairs: Vec<String> = Vec::new();
    for subset in &ep.subsets {
        if subset.ports.is_empty() {
            pairs.extend(subset.addresses.iter().map(|a| a.ip.clone()));
            continue;
        }
        for port in subset.ports.iter().filter(|p| port_name.is_none_or(|n| n == p.name)) {
            pairs.extend(subset.addresses.iter().map(|a| format!("{}:{}", a.ip, port.port)));
        }
    }
    with_more(pairs, "")
}

/// NAME ADDRESSTYPE PORTS ENDPOINTS AGE.
pub fn slice_cells(slice: &EndpointSlice, now: Time) -> Vec<String> {
    let ports: Vec<String> = slice.ports.iter().flatten().map(slice_port).collect();
    let addresses: Vec<String> = slice.endpoints.iter().flatten().flat_map(|e: &SliceEndpoint| e.addresses.clone()).collect();
    vec![
        slice.metadata.name.clone(),
        slice.address_type.clone(),
        with_more(ports, "<unset>"),
        with_more(addresses, "<unset>"),
        age(slice.metadata.creation_timestamp, now),
    ]
}

fn slice_port(port: &EndpointPort) -> String {
    port.port.to_string()
}

/// `a,b,c + 2 more...`, or `empty` when there is nothing.
pub fn with_more(items: Vec<String>, empty: &str) -> String {
    if items.is_empty() {
        return empty.to_string();
    }
    let listed = items[..items.len().min(MAX_LISTED)].join(",");
    if items.len() > MAX_LISTED {
        format!("{listed} + {} more...", items.len() - MAX_LISTED)
    } else {
        listed
    }
}
