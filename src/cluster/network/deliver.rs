//! The last legs of a request: a service picks a ready endpoint kube-proxy style, and a pod
//! hands the request to the container listening on the port, which answers and logs it.

use super::{proxy, HttpRequest, HttpResponse, Hop, NetError};
use crate::cluster::apps::{self, AppEnv};
use crate::cluster::images::{self, Program};
use crate::cluster::objects::pod::Container;
use crate::cluster::objects::service::ServicePort;
use crate::cluster::objects::{Kind, Object, Pod, Service};
use crate::cluster::Cluster;
use crate::cluster::objects::workload::IntOrString;

/// Who the serving container sees as the client.
#[derive(Clone, Debug)]
pub enum Client {
    /// The pod's own network namespace (port-forward, localhost).
    Loopback,
    /// Traffic that entered through a node (load balancer, node port): masqueraded to the
    /// target node's bridge address.
    Node,
    /// Another pod, by IP.
    Pod(String),
}

impl Client {
    /// A client on the pod's own loopback interface.
    pub fn loopback() -> Client {
        Client::Loopback
    }

    /// The source address the server sees when serving `target`.
    fn address(&self, target: &Pod) -> String {
        match self {
            Client::Loopback => "127.0.0.1".into(),
            Client::Pod(ip) => ip.clone(),
            Client::Node => match target.status.pod_ip.rsplit_once('.') {
                Some((net, _)) => format!("{net}.1"),
                None => "10.244.0.1".into(),
            },
        }
    }
}

/// Whether an image is the ingress-nginx controller.
pub fn is_ingress_controller(image: &str) -> bool {
    image.contains("ingress-nginx/controller")
}

/// The container's literal environment variables.
pub fn literal_env(container: &Container) -> Vec<(String, String)> {
    container.env.iter().filter_map(|e| e.value.clone().map(|v| (e.name.clone(), v))).collect()
}

/// The program a container runs when it serves requests (`None`: its command replaces it).
fn serving_program(container: &Container) -> Option<Program> {
    let info = images::lookup(&images::parse_ref(&container.image))?;
    container.command.is_empty().then_some(info.default_program)
}

/// Sends `request` to a ready endpoint of `svc` behind `port`.
pub fn via_service(cluster: &mut Cluster, svc: &Service, port: &ServicePort, request: &HttpRequest, client: &Client, hops: &mut Vec<Hop>) -> Result<HttpResponse, NetError> {
    let (namespace, name) = (svc.metadata.namespace.clone(), svc.metadata.name.clone());
    hops.push(Hop::Service { namespace: namespace.clone(), name: name.clone() });
    let refused = || NetError::ConnectionRefused { host: request.host.clone(), port: request.port };
    let mut candidates: Vec<(String, u16)> = Vec::new();
    if let Some(Object::Endpoints(endpoints)) = cluster.get(Kind::Endpoints, &namespace, &name) {
        for subset in &endpoints.subsets {
            let Some(ep_port) = subset.ports.iter().find(|p| p.name == port.name || subset.ports.len() == 1) else { continue };
            let number = u16::try_from(ep_port.port).unwrap_or(0);
            candidates.extend(subset.addresses.iter().filter_map(|a| a.target_ref.as_ref().map(|t| (t.name.clone(), number))));
        }
    }
    if candidates.is_empty() {
        return Err(refused());
    }
    let last = i64::try_from(candidates.len()).unwrap_or(1) - 1;
    let pick = usize::try_from(cluster.rng.between(0, last)).unwrap_or(0);
    let (pod_name, target_port) = candidates.swap_remove(pick.min(candidates.len() - 1));
    let Some(Object::Pod(pod)) = cluster.get(Kind::Pod, &namespace, &pod_name).cloned() else { return Err(refused()) };
    to_pod(cluster, &pod, target_port, request, client, hops)
}

/// The container port a service's `targetPort` names in `pod` (numbers pass through).
pub fn target_port(pod: &Pod, port: &ServicePort) -> Option<u16> {
    match &port.target_port {
        None => u16::try_from(port.port).ok(),
        Some(IntOrString::Int(n)) => u16::try_from(*n).ok(),
        Some(IntOrString::String(name)) => pod
            .spec
            .containers
            .iter()
            .flat_map(|c| c.ports.iter())
            .find(|p| &p.name == name)
            .and_then(|p| u16::try_from(p.container_port).ok()),
    }
}

/// The ports a running container of `pod` listens on.
pub fn listening(cluster: &Cluster, pod: &Pod, container: &Container) -> Vec<u16> {
    let running = pod.status.container_statuses.iter().any(|s| s.name == container.name && s.state.running.is_some());
    if !running {
        return vec![];
    }
    if is_ingress_controller(&container.image) {
        return vec![80, 443];
    }
    let Some(program) = serving_program(container) else { return vec![] };
    let env = literal_env(container);
    apps::listening_ports(program, &app_env(cluster, pod, container, &env))
}

fn app_env<'a>(cluster: &Cluster, pod: &'a Pod, container: &'a Container, env: &'a [(String, String)]) -> AppEnv<'a> {
    AppEnv { pod_name: &pod.metadata.name, pod_ip: &pod.status.pod_ip, env, args: &container.args, now: cluster.now() }
}

/// Hands `request` to the container of `pod` listening on `port`.
pub fn to_pod(cluster: &mut Cluster, pod: &Pod, port: u16, request: &HttpRequest, client: &Client, hops: &mut Vec<Hop>) -> Result<HttpResponse, NetError> {
    let refused = NetError::ConnectionRefused { host: request.host.clone(), port: request.port };
    if pod.status.phase != "Running" {
        return Err(refused);
    }
    let Some(container) = pod.spec.containers.iter().find(|c| listening(cluster, pod, c).contains(&port)) else {
        return Err(refused);
    };
    let client_ip = client.address(pod);
    hops.push(Hop::Pod { namespace: pod.metadata.namespace.clone(), name: pod.metadata.name.clone(), container: container.name.clone() });
    if is_ingress_controller(&container.image) {
        return Ok(proxy::handle(cluster, pod, container, request, &client_ip, hops));
    }
    let Some(program) = serving_program(container) else { return Err(refused) };
    // The environment the container was started with (Secret and ConfigMap values resolved).
    let env = cluster.kubelet.container_env(&pod.metadata.uid, &container.name).map(<[_]>::to_vec).unwrap_or_else(|| literal_env(container));
    let served = apps::serve(program, &app_env(cluster, pod, container, &env), request, &client_ip);
    // An app may log error lines before its access line.
    for line in served.access_log.iter().flat_map(|text| text.lines()) {
        write_access_log(cluster, pod, container, program, line.to_string());
    }
    Ok(served.response)
}

/// nginx writes to /var/log/nginx/access.log, which the image links to stdout unless a volume
/// is mounted over the directory; the other apps log to stdout.
fn write_access_log(cluster: &mut Cluster, pod: &Pod, container: &Container, program: Program, line: String) {
    const NGINX_ACCESS_LOG: &str = "/var/log/nginx/access.log";
    if program == Program::Nginx && super::volumes::is_mounted(container, NGINX_ACCESS_LOG) {
        super::volumes::append_line(cluster, pod, container, NGINX_ACCESS_LOG, &line);
    } else {
        cluster.kubelet.append_log(&pod.metadata.uid, &container.name, line);
    }
}
