//! Where a request goes: the learner's machine reaches port-forwards on localhost, load
//! balancers and node ports; a pod also reaches localhost (its own containers), pod IPs,
//! cluster IPs and service names. Cluster-internal addresses time out from outside.

use super::deliver::{self, Client};
use super::{dns, HttpRequest, HttpResponse, Hop, NetError, Origin};
use crate::cluster::objects::{Kind, Object, Pod, Service};
use crate::cluster::Cluster;

/// Routes `request` from `origin` to the container that answers it.
pub fn dispatch(cluster: &mut Cluster, origin: &Origin, request: &HttpRequest, hops: &mut Vec<Hop>) -> Result<HttpResponse, NetError> {
    match origin {
        Origin::Learner => from_learner(cluster, request, hops),
        Origin::Pod { namespace, name } => {
            let Some(Object::Pod(pod)) = cluster.get(Kind::Pod, namespace, name).cloned() else {
                return Err(refused(request));
            };
            from_pod(cluster, &pod, request, hops)
        }
    }
}

fn refused(request: &HttpRequest) -> NetError {
    NetError::ConnectionRefused { host: request.host.clone(), port: request.port }
}

fn timed_out(request: &HttpRequest) -> NetError {
    NetError::TimedOut { host: request.host.clone(), port: request.port }
}

fn is_loopback(host: &str) -> bool {
    matches!(host, "localhost" | "127.0.0.1" | "::1" | "[::1]")
}

fn is_ipv4(host: &str) -> bool {
    host.split('.').count() == 4 && host.split('.').all(|p| p.parse::<u8>().is_ok())
}

fn from_learner(cluster: &mut Cluster, request: &HttpRequest, hops: &mut Vec<Hop>) -> Result<HttpResponse, NetError> {
    if is_loopback(&request.host) {
        let Some(forward) = cluster.network.forwards.get_mut(&request.port) else { return Err(refused(request)) };
        forward.connections += 1;
        let forward = forward.clone();
        hops.push(Hop::PortForward { port: request.port });
        let pod = match cluster.get(Kind::Pod, &forward.namespace, &forward.pod) {
            Some(Object::Pod(p)) if p.metadata.uid == forward.pod_uid && p.status.phase == "Running" => p.clone(),
            _ => return Err(NetError::EmptyReply { host: request.host.clone(), port: request.port }),
        };
        return deliver::to_pod(cluster, &pod, forward.remote_port, request, &Client::loopback(), hops)
            .map_err(|_| NetError::EmptyReply { host: request.host.clone(), port: request.port });
    }
    if !is_ipv4(&request.host) {
        return Err(NetError::CouldNotResolve { host: request.host.clone() });
    }
    external_entry(cluster, request, hops).unwrap_or_else(|| Err(timed_out(request)))
}

/// Load balancer IPs and node ports: reachable from the learner's machine and from pods.
fn external_entry(cluster: &mut Cluster, request: &HttpRequest, hops: &mut Vec<Hop>) -> Option<Result<HttpResponse, NetError>> {
    let services: Vec<Service> = services(cluster);
    if let Some(svc) = services.iter().find(|s| s.status.load_balancer.ingress.iter().any(|i| i.ip == request.host)) {
        let port = svc.spec.ports.iter().find(|p| p.port == i64::from(request.port))?;
        hops.push(Hop::LoadBalancer { ip: request.host.clone() });
        return Some(deliver::via_service(cluster, svc, port, request, &Client::Node, hops));
    }
    let is_node = cluster.store.list(Kind::Node, None).into_iter().any(|o| match o {
        Object::Node(n) => n.status.addresses.iter().any(|a| a.type_ == "InternalIP" && a.address == request.host),
        _ => false,
    });
    if is_node {
        let found = services.iter().find_map(|s| s.spec.ports.iter().find(|p| p.node_port == Some(i64::from(request.port))).map(|p| (s, p)));
        return Some(match found {
            Some((svc, port)) => deliver::via_service(cluster, svc, port, request, &Client::Node, hops),
            None => Err(refused(request)),
        });
    }
    None
}

fn services(cluster: &Cluster) -> Vec<Service> {
    cluster
        .store
        .list(Kind::Service, None)
        .into_iter()
        .filter_map(|o| if let Object::Service(s) = o { Some(s.clone()) } else { None })
        .collect()
}

fn from_pod(cluster: &mut Cluster, pod: &Pod, request: &HttpRequest, hops: &mut Vec<Hop>) -> Result<HttpResponse, NetError> {
    if is_loopback(&request.host) {
        return deliver::to_pod(cluster, pod, request.port, request, &Client::loopback(), hops);
    }
    let ip = if is_ipv4(&request.host) {
        request.host.clone()
    } else {
        let (_, ips) = dns::resolve(cluster, &pod.metadata.namespace, &request.host)
            .ok_or_else(|| NetError::CouldNotResolve { host: request.host.clone() })?;
        ips.into_iter().next().ok_or_else(|| NetError::CouldNotResolve { host: request.host.clone() })?
    };
    let client = Client::Pod(pod.status.pod_ip.clone());
    if let Some(svc) = services(cluster).into_iter().find(|s| s.spec.cluster_ip == ip) {
        let Some(port) = svc.spec.ports.iter().find(|p| p.port == i64::from(request.port)).cloned() else {
            return Err(timed_out(request));
        };
        return deliver::via_service(cluster, &svc, &port, request, &client, hops);
    }
    let target = cluster.store.list(Kind::Pod, None).into_iter().find_map(|o| match o {
        Object::Pod(p) if p.status.pod_ip == ip && !p.is_terminal() => Some(p.clone()),
        _ => None,
    });
    if let Some(target) = target {
        return deliver::to_pod(cluster, &target, request.port, request, &client, hops);
    }
    let mut routed = request.clone();
    routed.host = ip;
    external_entry(cluster, &routed, hops).unwrap_or_else(|| Err(timed_out(request)))
}
