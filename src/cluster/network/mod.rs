//! The simulated network: HTTP requests travel from the learner's machine or from a pod through
//! port-forwards, load balancers, node ports, services and the ingress to the container that
//! answers. Each request records its way ([`Hop`]s) so the cluster view can animate it.

pub mod dns;
pub mod ingress;
pub mod client;
pub mod page;
mod deliver;
mod proxy;
mod route;
pub mod tls;
#[cfg(test)]
mod tests;

pub use deliver::{listening, target_port};
pub mod volumes;

use crate::cluster::Cluster;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// An HTTP request as a client sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpRequest {
    pub method: String,
    /// The host as written in the URL (a name or an IP), without the port.
    pub host: String,
    pub port: u16,
    /// The path with its `?query`.
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

/// An HTTP response as the server sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

/// One step of a request's way through the cluster, for the cluster view's animation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Hop {
    PortForward { port: u16 },
    LoadBalancer { ip: String },
    Service { namespace: String, name: String },
    Ingress { namespace: String, name: String },
    IngressController { pod: String },
    Pod { namespace: String, name: String, container: String },
}

/// Where a request starts: the learner's machine, or inside a pod.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Origin {
    Learner,
    Pod { namespace: String, name: String },
}

/// A request, its answer, and the way it went.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exchange {
    pub request: HttpRequest,
    pub response: HttpResponse,
    pub hops: Vec<Hop>,
}

/// Why a request got no answer, in terms every client can word its own way.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NetError {
    /// The name does not resolve.
    CouldNotResolve { host: String },
    /// Nothing listens there (or the service has no ready endpoint).
    ConnectionRefused { host: String, port: u16 },
    /// Nothing answers at all (an address the client cannot route to).
    TimedOut { host: String, port: u16 },
    /// The connection was accepted and closed without an answer (a port-forward whose pod is gone).
    EmptyReply { host: String, port: u16 },
}

impl NetError {
    /// The message curl prints, with its exit code: `curl: (7) Failed to connect to …`.
    pub fn curl_message(&self) -> (String, i32) {
        match self {
            NetError::CouldNotResolve { host } => (format!("curl: (6) Could not resolve host: {host}"), 6),
            NetError::ConnectionRefused { host, port } => {
                (format!("curl: (7) Failed to connect to {host} port {port} after 0 ms: Couldn't connect to server"), 7)
            }
            NetError::TimedOut { host, port } => (
                format!("curl: (28) Failed to connect to {host} port {port} after 134218 ms: Couldn't connect to server"),
                28,
            ),
            NetError::EmptyReply { .. } => ("curl: (52) Empty reply from server".to_string(), 52),
        }
    }

    /// The message busybox wget prints (exit code 1).
    pub fn busybox_wget_message(&self) -> String {
        match self {
            NetError::CouldNotResolve { host } => format!("wget: bad address '{host}'"),
            NetError::ConnectionRefused { host, .. } => format!("wget: can't connect to remote host ({}): Connection refused", numeric(host)),
            NetError::TimedOut { host, .. } => format!("wget: can't connect to remote host ({}): Connection timed out", numeric(host)),
            NetError::EmptyReply { .. } => "wget: error getting response".to_string(),
        }
    }

    /// How long the client waits before giving up, in milliseconds of virtual time.
    pub fn wait_ms(&self) -> i64 {
        match self {
            NetError::TimedOut { .. } => 134_218,
            _ => 0,
        }
    }
}

/// The address a client shows for a host: `localhost` is 127.0.0.1.
pub fn numeric(host: &str) -> &str {
    if host == "localhost" { "127.0.0.1" } else { host }
}

/// A `kubectl port-forward` listening on the learner's machine.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortForward {
    pub namespace: String,
    pub pod: String,
    pub pod_uid: String,
    pub remote_port: u16,
    /// Connections accepted so far (each prints `Handling connection for PORT`).
    pub connections: u64,
}

/// How many exchanges the network keeps for the cluster view.
const RECENT_EXCHANGES: usize = 50;

/// What the network knows beyond the API objects: port-forwards, files in pod volumes, and the
/// latest exchanges for the cluster view.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct NetworkState {
    /// Running port-forwards by local port.
    pub forwards: BTreeMap<u16, PortForward>,
    /// Files written into pod volumes, by (pod uid, volume name, path inside the volume).
    pub volume_files: BTreeMap<(String, String, String), String>,
    /// The latest exchanges with their sequence numbers, oldest first, for the cluster view.
    pub recent: Vec<(u64, Exchange)>,
    next_exchange: u64,
}

impl NetworkState {
    /// Registers a port-forward on `local_port`; false when the port is taken.
    pub fn listen(&mut self, local_port: u16, forward: PortForward) -> bool {
        if self.forwards.contains_key(&local_port) {
            return false;
        }
        self.forwards.insert(local_port, forward);
        true
    }

    /// Stops the port-forward on `local_port`.
    pub fn close(&mut self, local_port: u16) {
        self.forwards.remove(&local_port);
    }

    /// A free local port for `kubectl port-forward :REMOTE`, chosen like the kernel's ephemeral range.
    pub fn free_port(&self, cluster_rng: &mut crate::cluster::rng::SimRng) -> u16 {
        loop {
            let port = u16::try_from(cluster_rng.between(32_768, 60_999)).unwrap_or(40_000);
            if !self.forwards.contains_key(&port) {
                return port;
            }
        }
    }

    fn record(&mut self, exchange: &Exchange) {
        self.next_exchange += 1;
        self.recent.push((self.next_exchange, exchange.clone()));
        if self.recent.len() > RECENT_EXCHANGES {
            self.recent.remove(0);
        }
    }
}

/// Sends `request` from `origin` and returns the exchange, or why it failed.
pub fn send(cluster: &mut Cluster, origin: &Origin, mut request: HttpRequest) -> Result<Exchange, NetError> {
    if request.method.is_empty() {
        request.method = "GET".into();
    }
    if !request.path.starts_with('/') {
        request.path.insert(0, '/');
    }
    if !request.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case("Host")) {
        let host = if request.port == 80 { request.host.clone() } else { format!("{}:{}", request.host, request.port) };
        request.headers.insert(0, ("Host".into(), host));
    }
    let mut hops = Vec::new();
    let response = route::dispatch(cluster, origin, &request, &mut hops)?;
    let exchange = Exchange { request, response, hops };
    cluster.network.record(&exchange);
    Ok(exchange)
}



