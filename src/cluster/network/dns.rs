//! Cluster DNS as CoreDNS answers it inside pods: `svc`, `svc.ns`, `svc.ns.svc` and
//! `svc.ns.svc.cluster.local` through the pod's search list; headless services give pod IPs.

use crate::cluster::objects::{Kind, Object};
use crate::cluster::Cluster;

/// The cluster DNS service's address (kube-dns).
pub const NAMESERVER: &str = "10.96.0.10";

/// The search domains of a pod in `namespace`, as its /etc/resolv.conf lists them.
pub fn search_domains(namespace: &str) -> Vec<String> {
    vec![format!("{namespace}.svc.cluster.local"), "svc.cluster.local".into(), "cluster.local".into()]
}

/// A pod's /etc/resolv.conf.
pub fn resolv_conf(namespace: &str) -> String {
    format!("search {}\nnameserver {NAMESERVER}\noptions ndots:5\n", search_domains(namespace).join(" "))
}

/// Resolves `name` from a pod in `namespace`: the fully qualified name found and its addresses.
pub fn resolve(cluster: &Cluster, namespace: &str, name: &str) -> Option<(String, Vec<String>)> {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    if name.is_empty() {
        return None;
    }
    let mut candidates: Vec<String> = search_domains(namespace).iter().map(|d| format!("{name}.{d}")).collect();
    candidates.insert(0, name.clone());
    candidates.into_iter().find_map(|fqdn| lookup_fqdn(cluster, &fqdn).map(|ips| (fqdn, ips)))
}

/// Answers for a fully qualified `svc.ns.svc.cluster.local`.
fn lookup_fqdn(cluster: &Cluster, fqdn: &str) -> Option<Vec<String>> {
    let rest = fqdn.strip_suffix(".svc.cluster.local")?;
    let (service, namespace) = rest.split_once('.')?;
    let Some(Object::Service(svc)) = cluster.get(Kind::Service, namespace, service) else { return None };
    if svc.type_name() == "ExternalName" {
        return None;
    }
    if !svc.is_headless() {
        return Some(vec![svc.spec.cluster_ip.clone()]);
    }
    let ips: Vec<String> = match cluster.get(Kind::Endpoints, namespace, service) {
        Some(Object::Endpoints(e)) => e.subsets.iter().flat_map(|s| s.addresses.iter().map(|a| a.ip.clone())).collect(),
        _ => vec![],
    };
    (!ips.is_empty()).then_some(ips)
}
