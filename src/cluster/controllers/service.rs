//! Services on the API server side and in the cloud: the cluster IP and node port allocators
//! (called by the API server on create and update), and the simulated cloud controller that
//! provisions a load balancer for `type: LoadBalancer` about a minute after it is asked for.

use crate::cluster::objects::service::LoadBalancerIngress;
use crate::cluster::objects::{Event, Kind, Object, Service, Time};
use crate::cluster::rng::SimRng;
use crate::cluster::Cluster;
use std::collections::BTreeSet;

/// The service CIDR, as kubeadm and kind configure it.
pub const SERVICE_CIDR: &str = "10.96.0.0/12";
const CIDR_BASE: u32 = (10 << 24) | (96 << 16);
const CIDR_SIZE: u32 = 1 << 20;
/// Addresses at the start of the range kept for services that ask for a specific IP
/// (`min(max(16, size/16), 256)`): random IPs come from above it.
const STATIC_IP_BAND: u32 = 256;

/// The node port range.
pub const NODE_PORT_MIN: i64 = 30000;
/// The last node port.
pub const NODE_PORT_MAX: i64 = 32767;
/// Ports kept for explicit requests (`min(max(16, size/32), 128)` = 86).
const STATIC_PORT_BAND: i64 = 86;

/// How long the simulated cloud takes to provision a load balancer.
pub const LOAD_BALANCER_DELAY_MS: i64 = 60_000;

/// Who reports the load balancer events, as in a real cluster.
const SERVICE_CONTROLLER: &str = "service-controller";

/// Fills `clusterIP(s)` and node ports of a Service being created (`old` = None) or updated,
/// checking what the user asked for. Errors are the causes of a 422 Invalid.
pub fn allocate(cluster: &mut Cluster, old: Option<&Service>, svc: &mut Service) -> Result<(), Vec<String>> {
    let others: Vec<Service> = services(cluster)
        .into_iter()
        .filter(|s| !(s.metadata.namespace == svc.metadata.namespace && s.metadata.name == svc.metadata.name))
        .collect();
    let mut causes = Vec::new();
    let type_ = svc.type_name().to_string();
    if type_ == "ExternalName" {
        svc.spec.cluster_ip.clear();
        svc.spec.cluster_ips.clear();
    } else {
        allocate_cluster_ip(cluster, old, svc, &others, &mut causes);
    }
    let wants_node_ports = type_ == "NodePort"
        || (type_ == "LoadBalancer" && svc.spec.allocate_load_balancer_node_ports != Some(false));
    if wants_node_ports {
        allocate_node_ports(cluster, old, svc, &others, &mut causes);
    } else if old.is_some() {
        for port in &mut svc.spec.ports {
            port.node_port = None;
        }
        if type_ != "LoadBalancer" {
            svc.spec.external_traffic_policy.clear();
            svc.spec.allocate_load_balancer_node_ports = None;
        }
    } else {
        for (i, port) in svc.spec.ports.iter().enumerate() {
            if port.node_port.is_some_and(|n| n != 0) && type_ != "LoadBalancer" {
                causes.push(format!("spec.ports[{i}].nodePort: Forbidden: may not be used when `type` is '{type_}'"));
            }
        }
    }
    if causes.is_empty() { Ok(()) } else { Err(causes) }
}

fn allocate_cluster_ip(cluster: &mut Cluster, old: Option<&Service>, svc: &mut Service, others: &[Service], causes: &mut Vec<String>) {
    let old_ip = old.map(|o| o.spec.cluster_ip.clone()).filter(|ip| !ip.is_empty());
    if let Some(old_ip) = old_ip {
        if svc.spec.cluster_ip.is_empty() {
            svc.spec.cluster_ip = old_ip;
        } else if svc.spec.cluster_ip != old_ip {
            causes.push(format!("spec.clusterIPs[0]: Invalid value: [\"{}\"]: may not change once set", svc.spec.cluster_ip));
            return;
        }
        svc.spec.cluster_ips = vec![svc.spec.cluster_ip.clone()];
        return;
    }
    if svc.spec.cluster_ip.is_empty() {
        if let Some(ip) = svc.spec.cluster_ips.first() {
            svc.spec.cluster_ip = ip.clone();
        }
    }
    if svc.is_headless() {
        svc.spec.cluster_ips = vec!["None".into()];
        return;
    }
    let used: BTreeSet<u32> = others.iter().filter_map(|s| parse_ipv4(&s.spec.cluster_ip)).collect();
    if svc.spec.cluster_ip.is_empty() {
        match random_free_ip(&mut cluster.rng, &used) {
            Some(ip) => svc.spec.cluster_ip = format_ipv4(ip),
            None => causes.push("spec.clusterIPs: Internal error: failed to allocate a serviceIP: range is full".into()),
        }
    } else {
        let requested = svc.spec.cluster_ip.clone();
        let list = format!("[\"{requested}\"]");
        match parse_ipv4(&requested) {
            None => causes.push(format!("spec.clusterIPs[0]: Invalid value: \"{requested}\": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)")),
            Some(ip) if !in_range(ip) => causes.push(format!(
                "spec.clusterIPs: Invalid value: {list}: failed to allocate IP {requested}: the provided IP ({requested}) is not in the valid range. The range of valid IPs is {SERVICE_CIDR}"
            )),
            Some(ip) if used.contains(&ip) => causes.push(format!(
                "spec.clusterIPs: Invalid value: {list}: failed to allocate IP {requested}: provided IP is already allocated"
            )),
            Some(_) => {}
        }
    }
    svc.spec.cluster_ips = vec![svc.spec.cluster_ip.clone()];
}

fn allocate_node_ports(cluster: &mut Cluster, old: Option<&Service>, svc: &mut Service, others: &[Service], causes: &mut Vec<String>) {
    let mut used: BTreeSet<i64> =
        others.iter().flat_map(|s| s.spec.ports.iter().filter_map(|p| p.node_port)).collect();
    let old_ports = old.map(|o| o.spec.ports.clone()).unwrap_or_default();
    for (i, port) in svc.spec.ports.iter_mut().enumerate() {
        match port.node_port.filter(|n| *n != 0) {
            None => {
                let kept = old_ports
                    .iter()
                    .find(|p| p.port == port.port && p.protocol == port.protocol)
                    .and_then(|p| p.node_port)
                    .filter(|n| !used.contains(n));
                let chosen = kept.or_else(|| random_free_port(&mut cluster.rng, &used));
                match chosen {
                    Some(n) => {
                        port.node_port = Some(n);
                        used.insert(n);
                    }
                    None => causes.push(format!("spec.ports[{i}].nodePort: Internal error: range is full")),
                }
            }
            Some(n) if !(NODE_PORT_MIN..=NODE_PORT_MAX).contains(&n) => causes.push(format!(
                "spec.ports[{i}].nodePort: Invalid value: {n}: provided port is not in the valid range. The range of valid ports is {NODE_PORT_MIN}-{NODE_PORT_MAX}"
            )),
            Some(n) if used.contains(&n) => {
                causes.push(format!("spec.ports[{i}].nodePort: Invalid value: {n}: provided port is already allocated"))
            }
            Some(n) => {
                used.insert(n);
            }
        }
    }
}

fn random_free_ip(rng: &mut SimRng, used: &BTreeSet<u32>) -> Option<u32> {
    let (low, high) = (i64::from(STATIC_IP_BAND), i64::from(CIDR_SIZE) - 2);
    for _ in 0..64 {
        let ip = CIDR_BASE + rng.between(low, high) as u32;
        if !used.contains(&ip) {
            return Some(ip);
        }
    }
    (1..CIDR_SIZE - 1).map(|o| CIDR_BASE + o).find(|ip| !used.contains(ip))
}

fn random_free_port(rng: &mut SimRng, used: &BTreeSet<i64>) -> Option<i64> {
    for _ in 0..64 {
        let port = rng.between(NODE_PORT_MIN + STATIC_PORT_BAND, NODE_PORT_MAX);
        if !used.contains(&port) {
            return Some(port);
        }
    }
    (NODE_PORT_MIN..=NODE_PORT_MAX).find(|p| !used.contains(p))
}

fn in_range(ip: u32) -> bool {
    ip > CIDR_BASE && ip < CIDR_BASE + CIDR_SIZE - 1
}

/// `10.96.0.1` as a number; `None` for anything that is not a dotted IPv4 address.
pub fn parse_ipv4(text: &str) -> Option<u32> {
    let parts: Vec<u32> = text.split('.').map(|p| p.parse::<u8>().ok().map(u32::from)).collect::<Option<_>>()?;
    match parts.as_slice() {
        [a, b, c, d] => Some((a << 24) | (b << 16) | (c << 8) | d),
        _ => None,
    }
}

/// A number as a dotted IPv4 address.
pub fn format_ipv4(ip: u32) -> String {
    format!("{}.{}.{}.{}", ip >> 24, (ip >> 16) & 255, (ip >> 8) & 255, ip & 255)
}

/// Runs `f` with a random stream derived from the cluster's (without advancing it) and from the
/// store's revision, then puts the cluster's own stream back. The network controllers draw from
/// it, so that adding services to the simulation does not reshuffle the names of pods.
pub fn with_side_rng<T>(cluster: &mut Cluster, f: impl FnOnce(&mut Cluster) -> T) -> T {
    let seed = cluster.rng.inner().get_seed() ^ 0x5e41_11ce_0000_0000 ^ cluster.store.revision().wrapping_mul(0x9e37_79b9_7f4a_7c15);
    let main = std::mem::replace(&mut cluster.rng, SimRng::new(seed));
    let result = f(cluster);
    cluster.rng = main;
    result
}

/// Every Service in the cluster.
pub fn services(cluster: &Cluster) -> Vec<Service> {
    cluster
        .store
        .list(Kind::Service, None)
        .into_iter()
        .filter_map(|o| if let Object::Service(s) = o { Some(s.clone()) } else { None })
        .collect()
}

/// One pass of the simulated cloud controller: asks for a load balancer for every new
/// LoadBalancer service, gives it its public IP once the cloud is done, and releases it when
/// the service stops being a LoadBalancer. True when it changed anything.
pub fn reconcile(cluster: &mut Cluster) -> bool {
    with_side_rng(cluster, reconcile_load_balancers)
}

fn reconcile_load_balancers(cluster: &mut Cluster) -> bool {
    let mut changed = false;
    for svc in services(cluster) {
        let wants = svc.type_name() == "LoadBalancer" && svc.metadata.deletion_timestamp.is_none();
        let has = !svc.status.load_balancer.ingress.is_empty();
        changed |= match (wants, has) {
            (true, false) => progress_provisioning(cluster, svc),
            (false, true) => release(cluster, svc),
            _ => false,
        };
    }
    changed
}

/// The instant the next pending load balancer will be ready.
pub fn next_wake(cluster: &Cluster) -> Option<Time> {
    services(cluster)
        .iter()
        .filter(|s| s.type_name() == "LoadBalancer" && s.status.load_balancer.ingress.is_empty())
        .filter_map(|s| ensuring_since(cluster, s))
        .map(|t| t.plus_ms(LOAD_BALANCER_DELAY_MS))
        .min()
}

/// When the cloud was asked for this service's load balancer (its `EnsuringLoadBalancer` event).
fn ensuring_since(cluster: &Cluster, svc: &Service) -> Option<Time> {
    cluster
        .events_about(&svc.metadata.uid)
        .iter()
        .rev()
        .find(|e: &&Event| e.reason == "EnsuringLoadBalancer")
        .and_then(|e| e.last_timestamp)
}

fn progress_provisioning(cluster: &mut Cluster, mut svc: Service) -> bool {
    let object = Object::Service(svc.clone());
    let now = cluster.now();
    let Some(since) = ensuring_since(cluster, &svc) else {
        cluster.record_event(&object, "Normal", "EnsuringLoadBalancer", "Ensuring load balancer", SERVICE_CONTROLLER, "");
        return true;
    };
    if since.plus_ms(LOAD_BALANCER_DELAY_MS) > now {
        return false;
    }
    let used: BTreeSet<String> = services(cluster)
        .iter()
        .flat_map(|s| s.status.load_balancer.ingress.iter().map(|i| i.ip.clone()))
        .collect();
    let ip = public_ip(&mut cluster.rng, &used);
    svc.status.load_balancer.ingress = vec![LoadBalancerIngress { ip, ip_mode: "VIP".into(), ..Default::default() }];
    if cluster.update_status(Object::Service(svc)).is_err() {
        return false;
    }
    cluster.record_event(&object, "Normal", "EnsuredLoadBalancer", "Ensured load balancer", SERVICE_CONTROLLER, "");
    true
}

/// A public-looking address from the simulated cloud's pool (Exoscale hands out 194.182.x.y).
fn public_ip(rng: &mut SimRng, used: &BTreeSet<String>) -> String {
    loop {
        let ip = format!("194.182.{}.{}", rng.between(160, 191), rng.between(2, 254));
        if !used.contains(&ip) {
            return ip;
        }
    }
}

fn release(cluster: &mut Cluster, mut svc: Service) -> bool {
    let object = Object::Service(svc.clone());
    svc.status.load_balancer.ingress.clear();
    if cluster.update_status(Object::Service(svc)).is_err() {
        return false;
    }
    cluster.record_event(&object, "Normal", "DeletingLoadBalancer", "Deleting load balancer", SERVICE_CONTROLLER, "");
    cluster.record_event(&object, "Normal", "DeletedLoadBalancer", "Deleted load balancer", SERVICE_CONTROLLER, "");
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv4_round_trip_and_range() {
        assert_eq!(parse_ipv4("10.96.0.1"), Some(CIDR_BASE + 1));
        assert_eq!(format_ipv4(CIDR_BASE + 256 + 5), "10.96.1.5");
        assert_eq!(parse_ipv4("10.96.0"), None);
        assert_eq!(parse_ipv4("10.96.0.300"), None);
        assert!(in_range(parse_ipv4("10.111.255.254").unwrap_or(0)));
        assert!(!in_range(parse_ipv4("10.112.0.1").unwrap_or(0)));
    }

    #[test]
    fn random_addresses_avoid_the_static_band_and_used_ones() {
        let mut rng = SimRng::new(7);
        let mut used = BTreeSet::new();
        for _ in 0..200 {
            let ip = random_free_ip(&mut rng, &used).unwrap_or(0);
            assert!(ip >= CIDR_BASE + STATIC_IP_BAND && in_range(ip), "{}", format_ipv4(ip));
            assert!(used.insert(ip), "allocated twice: {}", format_ipv4(ip));
        }
        let mut ports = BTreeSet::new();
        for _ in 0..200 {
            let port = random_free_port(&mut rng, &ports).unwrap_or(0);
            assert!((30086..=32767).contains(&port), "{port}");
            assert!(ports.insert(port));
        }
    }

    #[test]
    fn a_full_port_range_falls_back_to_the_static_band_then_gives_up() {
        let mut rng = SimRng::new(1);
        let used: BTreeSet<i64> = (30001..=32767).collect();
        assert_eq!(random_free_port(&mut rng, &used), Some(30000));
        let used: BTreeSet<i64> = (30000..=32767).collect();
        assert_eq!(random_free_port(&mut rng, &used), None);
    }
}
