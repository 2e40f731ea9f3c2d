//! Which database server a client's `-h HOST -p PORT` reaches from the pod it runs in: its own
//! pod for `localhost`, else the pod behind the name through the cluster DNS (a Service's ready
//! pods, or a headless Service's pod addresses).

use super::Database;
use crate::cluster::network::dns;
use crate::cluster::objects::pod::Container;
use crate::cluster::objects::workload::IntOrString;
use crate::cluster::objects::{Kind, Object, Pod};
use crate::cluster::Cluster;

/// Why a connection failed.
#[derive(Debug, PartialEq)]
pub enum ConnectError {
    /// The name does not resolve.
    UnknownHost,
    /// Nothing listens on that address and port (the address is given).
    Refused(String),
}

/// The pod and database container answering `host:port` for a client in `from`, and the address
/// the name resolved to.
pub fn reach(cluster: &Cluster, from: &Pod, host: &str, port: u16) -> Result<(Pod, Container, String), ConnectError> {
    if matches!(host, "" | "localhost" | "127.0.0.1" | "::1") || host.starts_with('/') {
        return listener(from, port).map(|(p, c)| (p, c, "127.0.0.1".to_string())).ok_or(ConnectError::Refused("127.0.0.1".into()));
    }
    let ips = if host.split('.').count() == 4 && host.split('.').all(|p| p.parse::<u8>().is_ok()) {
        vec![host.to_string()]
    } else {
        dns::resolve(cluster, &from.metadata.namespace, host).map(|(_, ips)| ips).ok_or(ConnectError::UnknownHost)?
    };
    let first = ips.first().cloned().unwrap_or_default();
    for ip in &ips {
        for (pod, target_port) in behind(cluster, ip, port) {
            if let Some((pod, container)) = listener(&pod, target_port) {
                return Ok((pod, container, ip.clone()));
            }
        }
    }
    Err(ConnectError::Refused(first))
}

/// The running database container of `pod` listening on `port`.
fn listener(pod: &Pod, port: u16) -> Option<(Pod, Container)> {
    if pod.status.phase != "Running" {
        return None;
    }
    let container = pod.spec.containers.iter().find(|c| {
        let running = pod.status.container_statuses.iter().any(|s| s.name == c.name && s.state.running.is_some());
        running && c.command.is_empty() && Database::of_image(&c.image).is_some_and(|d| d.port() == port)
    })?;
    Some((pod.clone(), container.clone()))
}

/// The pods (with the port to use on each) an address leads to: a pod IP, or a Service's
/// cluster IP and its ready selected pods.
fn behind(cluster: &Cluster, ip: &str, port: u16) -> Vec<(Pod, u16)> {
    let pods: Vec<Pod> = cluster.store.list(Kind::Pod, None).into_iter().filter_map(|o| if let Object::Pod(p) = o { Some(p.clone()) } else { None }).collect();
    if let Some(pod) = pods.iter().find(|p| p.status.pod_ip == ip) {
        return vec![(pod.clone(), port)];
    }
    for o in cluster.store.list(Kind::Service, None) {
        let Object::Service(svc) = o else { continue };
        if svc.spec.cluster_ip != ip || svc.spec.selector.is_empty() {
            continue;
        }
        let Some(service_port) = svc.spec.ports.iter().find(|p| p.port == i64::from(port)) else { return vec![] };
        let target = match &service_port.target_port {
            Some(IntOrString::Int(n)) => u16::try_from(*n).unwrap_or(port),
            _ => port,
        };
        return pods
            .iter()
            .filter(|p| p.metadata.namespace == svc.metadata.namespace && p.is_ready())
            .filter(|p| svc.spec.selector.iter().all(|(k, v)| p.metadata.labels.get(k) == Some(v)))
            .map(|p| (p.clone(), target))
            .collect();
    }
    vec![]
}

/// The `host` and `port` a client's command line names (defaults: the local server).
pub fn address(database: Database, argv: &[String]) -> (String, u16) {
    let (host_flags, port_flags): (&[&str], &[&str]) = match database {
        Database::Postgres => (&["-h", "--host"], &["-p", "--port"]),
        Database::Redis => (&["-h"], &["-p"]),
        Database::Mysql => (&["-h", "--host"], &["-P", "--port"]),
        Database::Mongo => (&["--host"], &["--port"]),
    };
    let mut host = String::new();
    let mut port = database.port();
    let mut args = argv.iter().skip(1);
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let attached = |flags: &[&str]| flags.iter().filter(|f| f.len() == 2).find_map(|f| arg.strip_prefix(f).filter(|v| !v.is_empty()).map(String::from));
        if host_flags.contains(&flag.as_str()) {
            host = inline.or_else(|| args.next().cloned()).unwrap_or_default();
        } else if port_flags.contains(&flag.as_str()) {
            port = inline.or_else(|| args.next().cloned()).and_then(|p| p.parse().ok()).unwrap_or(port);
        } else if database == Database::Mysql && attached(host_flags).is_some() {
            host = attached(host_flags).unwrap_or_default();
        } else if database == Database::Mysql && attached(port_flags).is_some() {
            port = attached(port_flags).and_then(|p| p.parse().ok()).unwrap_or(port);
        } else if database == Database::Mongo && arg.starts_with("mongodb://") {
            let authority = arg.trim_start_matches("mongodb://").split('/').next().unwrap_or("");
            let server = authority.rsplit('@').next().unwrap_or("");
            let (h, p) = server.split_once(':').unwrap_or((server, ""));
            host = h.to_string();
            port = p.parse().unwrap_or(port);
        }
    }
    (host, port)
}

/// A client's report of a failed connection, in its own words, and its exit status.
pub fn failure(database: Database, host: &str, port: u16, error: &ConnectError) -> (String, i32) {
    match (database, error) {
        (Database::Postgres, ConnectError::UnknownHost) => (format!("psql: error: could not translate host name \"{host}\" to address: Name or service not known\n"), 2),
        (Database::Postgres, ConnectError::Refused(ip)) => (
            format!("psql: error: connection to server at \"{host}\" ({ip}), port {port} failed: Connection refused\n\tIs the server running on that host and accepting TCP/IP connections?\n"),
            2,
        ),
        (Database::Redis, ConnectError::UnknownHost) => (format!("Could not connect to Redis at {host}:{port}: Name or service not known\n"), 1),
        (Database::Redis, ConnectError::Refused(_)) => (format!("Could not connect to Redis at {host}:{port}: Connection refused\n"), 1),
        (Database::Mysql, ConnectError::UnknownHost) => (format!("ERROR 2005 (HY000): Unknown MySQL server host '{host}' (-2)\n"), 1),
        (Database::Mysql, ConnectError::Refused(_)) => (format!("ERROR 2003 (HY000): Can't connect to MySQL server on '{host}:{port}' (111)\n"), 1),
        (Database::Mongo, ConnectError::UnknownHost) => (format!("MongoNetworkError: getaddrinfo ENOTFOUND {host}\n"), 1),
        (Database::Mongo, ConnectError::Refused(ip)) => (format!("MongoNetworkError: connect ECONNREFUSED {ip}:{port}\n"), 1),
    }
}
