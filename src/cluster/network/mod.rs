//! The simulated network: HTTP requests travel from the learner's machine or from a pod through
//! port-forwards, load balancers, node ports, services and the ingress to the container that
//! answers. Each request records its way ([`Hop`]s) so the cluster view can animate it.

use crate::cluster::Cluster;
use serde::{Deserialize, Serialize};

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
}

/// Sends `request` from `origin` and returns the exchange, or why it failed.
pub fn send(cluster: &mut Cluster, origin: &Origin, request: HttpRequest) -> Result<Exchange, NetError> {
    let _ = (cluster, origin);
    Err(NetError::ConnectionRefused { host: request.host, port: request.port })
}
