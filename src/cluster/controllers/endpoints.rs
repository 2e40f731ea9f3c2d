//! The endpoints and endpointslice controllers: for every Service with a selector, list the pods
//! behind it. Endpoints carry ready pods in `addresses` and the others in `notReadyAddresses`
//! (terminating pods are dropped); EndpointSlices list every pod with its conditions
//! (`ready`, `serving`, `terminating`).

use super::service::{services, with_side_rng};
use crate::cluster::api::DeleteOptions;
use crate::cluster::objects::pod::Pod;
use crate::cluster::objects::service::{
    EndpointAddress, EndpointConditions, EndpointPort, EndpointSubset, SliceEndpoint, TargetRef,
};
use crate::cluster::objects::workload::IntOrString;
use crate::cluster::objects::{EndpointSlice, Endpoints, Kind, Object, ObjectMeta, Service, StringMap};
use crate::cluster::Cluster;

/// The label the endpoints controller puts on the Endpoints it manages.
pub const ENDPOINTS_MANAGED_BY: (&str, &str) = ("endpoints.kubernetes.io/managed-by", "endpoint-controller");
/// The label the endpointslice controller puts on the slices it manages.
pub const SLICE_MANAGED_BY: (&str, &str) = ("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io");
/// The label naming a slice's Service.
pub const SERVICE_NAME_LABEL: &str = "kubernetes.io/service-name";
const TRIGGER_TIME: &str = "endpoints.kubernetes.io/last-change-trigger-time";

/// One pod as a service sees it.
#[derive(Clone, Debug, PartialEq)]
struct Member {
    ip: String,
    node: String,
    target: TargetRef,
    ready: bool,
    terminating: bool,
    ports: Vec<EndpointPort>,
}

/// One pass of both controllers; true when they changed anything.
pub fn reconcile(cluster: &mut Cluster) -> bool {
    with_side_rng(cluster, sync_all)
}

fn sync_all(cluster: &mut Cluster) -> bool {
    let mut changed = false;
    let mut served: Vec<(String, String)> = Vec::new();
    for svc in services(cluster) {
        if !is_managed(&svc) {
            continue;
        }
        served.push((svc.metadata.namespace.clone(), svc.metadata.name.clone()));
        let members = members(cluster, &svc);
        changed |= sync_endpoints(cluster, &svc, &members);
        changed |= sync_slices(cluster, &svc, &members);
    }
    changed |= remove_leftovers(cluster, &served);
    changed
}

/// Services whose endpoints the controllers maintain: with a selector, not ExternalName.
fn is_managed(svc: &Service) -> bool {
    !svc.spec.selector.is_empty() && svc.type_name() != "ExternalName" && svc.metadata.deletion_timestamp.is_none()
}

fn members(cluster: &Cluster, svc: &Service) -> Vec<Member> {
    let mut members: Vec<Member> = cluster
        .store
        .list(Kind::Pod, Some(&svc.metadata.namespace))
        .into_iter()
        .filter_map(|o| if let Object::Pod(p) = o { Some(p) } else { None })
        .filter(|p| svc.spec.selector.iter().all(|(k, v)| p.metadata.labels.get(k) == Some(v)))
        .filter(|p| !p.status.pod_ip.is_empty() && !p.is_terminal())
        .filter_map(|p| member(svc, p))
        .collect();
    members.sort_by(|a, b| a.ip.cmp(&b.ip).then_with(|| a.target.uid.cmp(&b.target.uid)));
    members
}

fn member(svc: &Service, pod: &Pod) -> Option<Member> {
    let ports: Vec<EndpointPort> = svc
        .spec
        .ports
        .iter()
        .filter_map(|sp| {
            let port = match sp.target_port.as_ref() {
                None => sp.port,
                Some(IntOrString::Int(n)) => *n,
                Some(IntOrString::String(name)) => named_port(pod, name, &sp.protocol)?,
            };
            Some(EndpointPort { app_protocol: sp.app_protocol.clone(), name: sp.name.clone(), port, protocol: sp.protocol.clone() })
        })
        .collect();
    if ports.is_empty() && !svc.spec.ports.is_empty() {
        return None;
    }
    Some(Member {
        ip: pod.status.pod_ip.clone(),
        node: pod.spec.node_name.clone(),
        target: TargetRef {
            kind: "Pod".into(),
            name: pod.metadata.name.clone(),
            namespace: pod.metadata.namespace.clone(),
            uid: pod.metadata.uid.clone(),
        },
        ready: pod.is_ready() || svc.spec.publish_not_ready_addresses,
        terminating: pod.metadata.deletion_timestamp.is_some(),
        ports,
    })
}

/// The number of a container port by name (a named `targetPort`).
fn named_port(pod: &Pod, name: &str, protocol: &str) -> Option<i64> {
    pod.spec
        .containers
        .iter()
        .flat_map(|c| c.ports.iter())
        .find(|p| p.name == name && (p.protocol.is_empty() || protocol.is_empty() || p.protocol == protocol))
        .map(|p| p.container_port)
}

/// Members grouped by the ports they resolve to, in first-seen order of the port lists.
fn by_ports(members: &[&Member]) -> Vec<(Vec<EndpointPort>, Vec<Member>)> {
    let mut groups: Vec<(Vec<EndpointPort>, Vec<Member>)> = Vec::new();
    for m in members {
        match groups.iter_mut().find(|(ports, _)| *ports == m.ports) {
            Some((_, list)) => list.push((*m).clone()),
            None => groups.push((m.ports.clone(), vec![(*m).clone()])),
        }
    }
    groups
}

fn address(m: &Member) -> EndpointAddress {
    EndpointAddress { hostname: String::new(), ip: m.ip.clone(), node_name: m.node.clone(), target_ref: Some(m.target.clone()) }
}

/// The `subsets` of a service's Endpoints: terminating pods left out.
fn desired_subsets(members: &[Member]) -> Vec<EndpointSubset> {
    let live: Vec<&Member> = members.iter().filter(|m| !m.terminating).collect();
    by_ports(&live)
        .into_iter()
        .map(|(ports, list)| EndpointSubset {
            addresses: list.iter().filter(|m| m.ready).map(address).collect(),
            not_ready_addresses: list.iter().filter(|m| !m.ready).map(address).collect(),
            ports,
        })
        .collect()
}

fn with_label(mut labels: StringMap, (k, v): (&str, &str)) -> StringMap {
    labels.insert(k.into(), v.into());
    labels
}

fn sync_endpoints(cluster: &mut Cluster, svc: &Service, members: &[Member]) -> bool {
    let subsets = desired_subsets(members);
    let labels = with_label(svc.metadata.labels.clone(), ENDPOINTS_MANAGED_BY);
    let (ns, name) = (svc.metadata.namespace.clone(), svc.metadata.name.clone());
    let existing = match cluster.get(Kind::Endpoints, &ns, &name) {
        Some(Object::Endpoints(e)) => Some(e.clone()),
        _ => None,
    };
    if existing.as_ref().is_some_and(|e| e.subsets == subsets && e.metadata.labels == labels) {
        return false;
    }
    let mut annotations = StringMap::new();
    annotations.insert(TRIGGER_TIME.into(), cluster.now().rfc3339());
    let result = match existing {
        Some(mut e) => {
            e.subsets = subsets;
            e.metadata.labels = labels;
            e.metadata.annotations.extend(annotations);
            cluster.update_status(Object::Endpoints(e))
        }
        None => cluster.create(Object::Endpoints(Endpoints {
            metadata: ObjectMeta { name, namespace: ns, labels, annotations, ..Default::default() },
            subsets,
            ..Default::default()
        })),
    };
    result.is_ok()
}

/// One desired slice: its ports and endpoints (`None` for the placeholder of a service without pods).
type SliceContent = (Option<Vec<EndpointPort>>, Option<Vec<SliceEndpoint>>);

fn desired_slices(members: &[Member]) -> Vec<SliceContent> {
    let all: Vec<&Member> = members.iter().collect();
    let groups = by_ports(&all);
    if groups.is_empty() {
        return vec![(None, None)];
    }
    groups
        .into_iter()
        .map(|(ports, list)| {
            let endpoints = list
                .iter()
                .map(|m| SliceEndpoint {
                    addresses: vec![m.ip.clone()],
                    conditions: EndpointConditions {
                        ready: Some(m.ready && !m.terminating),
                        serving: Some(m.ready),
                        terminating: Some(m.terminating),
                    },
                    node_name: m.node.clone(),
                    target_ref: Some(m.target.clone()),
                })
                .collect();
            (if ports.is_empty() { None } else { Some(ports) }, Some(endpoints))
        })
        .collect()
}

fn slices_of(cluster: &Cluster, namespace: &str, service: &str) -> Vec<EndpointSlice> {
    cluster
        .store
        .list(Kind::EndpointSlice, Some(namespace))
        .into_iter()
        .filter_map(|o| if let Object::EndpointSlice(s) = o { Some(s.clone()) } else { None })
        .filter(|s| {
            s.metadata.labels.get(SERVICE_NAME_LABEL).map(String::as_str) == Some(service)
                && s.metadata.labels.get(SLICE_MANAGED_BY.0).map(String::as_str) == Some(SLICE_MANAGED_BY.1)
        })
        .collect()
}

fn sync_slices(cluster: &mut Cluster, svc: &Service, members: &[Member]) -> bool {
    let (ns, name) = (svc.metadata.namespace.clone(), svc.metadata.name.clone());
    let mut labels = with_label(svc.metadata.labels.clone(), SLICE_MANAGED_BY);
    labels.insert(SERVICE_NAME_LABEL.into(), name.clone());
    let mut existing = slices_of(cluster, &ns, &name);
    let mut desired = desired_slices(members);
    // Keep each slice whose ports still match its content's; reuse the others in order.
    let mut pairs: Vec<(Option<EndpointSlice>, SliceContent)> = Vec::new();
    desired.retain(|content| match existing.iter().position(|s| s.ports == content.0) {
        Some(i) => {
            pairs.push((Some(existing.remove(i)), content.clone()));
            false
        }
        None => true,
    });
    for content in desired {
        let reused = if existing.is_empty() { None } else { Some(existing.remove(0)) };
        pairs.push((reused, content));
    }
    let mut changed = false;
    for slice in existing {
        changed |= cluster.delete(Kind::EndpointSlice, &ns, &slice.metadata.name, DeleteOptions::default()).is_ok();
    }
    let now = cluster.now().rfc3339();
    for (slice, (ports, endpoints)) in pairs {
        match slice {
            Some(s) if s.ports == ports && s.endpoints == endpoints && s.metadata.labels == labels => {}
            Some(mut s) => {
                s.ports = ports;
                s.endpoints = endpoints;
                s.metadata.labels = labels.clone();
                s.metadata.annotations.insert(TRIGGER_TIME.into(), now.clone());
                changed |= cluster.update_status(Object::EndpointSlice(s)).is_ok();
            }
            None => {
                let slice = EndpointSlice {
                    address_type: "IPv4".into(),
                    metadata: ObjectMeta {
                        generate_name: format!("{name}-"),
                        namespace: ns.clone(),
                        labels: labels.clone(),
                        annotations: [(TRIGGER_TIME.to_string(), now.clone())].into_iter().collect(),
                        owner_references: vec![super::owned::controller_ref("v1", "Service", &svc.metadata)],
                        ..Default::default()
                    },
                    ports,
                    endpoints,
                    ..Default::default()
                };
                changed |= cluster.create(Object::EndpointSlice(slice)).is_ok();
            }
        }
    }
    changed
}

/// Deletes managed Endpoints and slices whose Service is gone or no longer selects pods.
fn remove_leftovers(cluster: &mut Cluster, served: &[(String, String)]) -> bool {
    let is_served = |ns: &str, name: &str| served.iter().any(|(n, s)| n == ns && s == name);
    // Only the two kinds' key ranges are walked (not every stored Event), in store order.
    let mut leftovers: Vec<(Kind, String, String)> = [Kind::Endpoints, Kind::EndpointSlice]
        .into_iter()
        .flat_map(|kind| cluster.store.list(kind, None))
        .filter_map(|o| {
            let meta = o.meta();
            let service = match o {
                Object::Endpoints(_) if meta.labels.get(ENDPOINTS_MANAGED_BY.0).map(String::as_str) == Some(ENDPOINTS_MANAGED_BY.1) => meta.name.clone(),
                Object::EndpointSlice(_) if meta.labels.get(SLICE_MANAGED_BY.0).map(String::as_str) == Some(SLICE_MANAGED_BY.1) => {
                    meta.labels.get(SERVICE_NAME_LABEL).cloned().unwrap_or_default()
                }
                _ => return None,
            };
            (!is_served(&meta.namespace, &service)).then(|| (o.kind(), meta.namespace.clone(), meta.name.clone()))
        })
        .collect();
    leftovers.sort();
    let mut changed = false;
    for (kind, ns, name) in leftovers {
        changed |= cluster.delete(kind, &ns, &name, DeleteOptions::default()).is_ok();
    }
    changed
}

#[cfg(test)]
mod tests;
