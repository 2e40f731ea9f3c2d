//! How ingress-nginx routes a request: the Ingresses of its class become nginx `server`s (one per
//! host, `_` for rules without a host) holding `location`s, matched as the generated nginx.conf
//! would match them; [`route`] answers where a request goes, [`nginx_conf`] writes the file.

mod nginx_conf;
pub mod pattern;

pub use nginx_conf::nginx_conf;

use super::HttpRequest;
use crate::cluster::controllers::ingress::{ingresses, serves};
use crate::cluster::objects::ingress::IngressBackend;
use crate::cluster::objects::{Ingress, Kind, Object};
use crate::cluster::Cluster;
use pattern::{expand, Pattern};

/// The annotations ingress-nginx reads, without their `nginx.ingress.kubernetes.io/` prefix.
const ANNOTATION_PREFIX: &str = "nginx.ingress.kubernetes.io/";

/// Where the ingress rules send a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IngressRoute {
    /// To a service port, with the path the upstream sees (after `rewrite-target`) and the extra
    /// headers the annotations add (`X-Forwarded-Prefix`). The X-Forwarded-For/Host/Port/Proto
    /// headers every request gets are set by the proxy itself.
    Backend { namespace: String, ingress: String, service: String, port: u16, path: String, add_headers: Vec<(String, String)> },
    /// No rule matches: nginx's default backend answers 404.
    NotFound,
}

/// One `location` of the generated configuration.
#[derive(Clone, Debug)]
pub struct Location {
    pub namespace: String,
    pub ingress: String,
    pub service: String,
    /// The service port as the Ingress names it (a number, or a name resolved through the Service).
    pub port: u16,
    pub path: String,
    pub path_type: String,
    pub rewrite_target: Option<String>,
    pub x_forwarded_prefix: Option<String>,
    pub use_regex: bool,
}

/// One `server` block: a host (`_` for the catch-all) and its locations, in match order.
#[derive(Clone, Debug)]
pub struct Server {
    pub hostname: String,
    pub locations: Vec<Location>,
    /// Whether nginx matches every location of this server as a case-insensitive regex
    /// (`~*`): as soon as one of them uses `use-regex` or `rewrite-target`.
    pub enforce_regex: bool,
}

/// The servers ingress-nginx builds from the Ingresses it serves, oldest Ingress first when two
/// claim the same host and path; locations sorted longest path first, as the controller writes them.
pub fn servers(cluster: &Cluster) -> Vec<Server> {
    let mut served: Vec<Ingress> =
        ingresses(cluster).into_iter().filter(|i| i.metadata.deletion_timestamp.is_none() && serves(cluster, i)).collect();
    served.sort_by(|a, b| {
        (a.metadata.creation_timestamp, &a.metadata.namespace, &a.metadata.name).cmp(&(
            b.metadata.creation_timestamp,
            &b.metadata.namespace,
            &b.metadata.name,
        ))
    });
    let mut servers: Vec<Server> = Vec::new();
    for ing in &served {
        for (host, path) in ing.paths() {
            let Some(location) = location(cluster, ing, &path.path, &path.path_type, &path.backend) else { continue };
            let hostname = if host.is_empty() { "_" } else { host };
            let index = match servers.iter().position(|s| s.hostname == hostname) {
                Some(i) => i,
                None => {
                    servers.push(Server { hostname: hostname.to_string(), locations: Vec::new(), enforce_regex: false });
                    servers.len() - 1
                }
            };
            let server = &mut servers[index];
            if !server.locations.iter().any(|l| l.path == location.path && l.path_type == location.path_type) {
                server.locations.push(location);
            }
        }
    }
    for server in &mut servers {
        server.enforce_regex = server.locations.iter().any(|l| l.use_regex || l.rewrite_target.is_some());
        server.locations.sort_by(|a, b| b.path.len().cmp(&a.path.len()).then_with(|| b.path.cmp(&a.path)));
    }
    servers.sort_by(|a, b| (a.hostname != "_", &a.hostname).cmp(&(b.hostname != "_", &b.hostname)));
    servers
}

fn location(cluster: &Cluster, ing: &Ingress, path: &str, path_type: &str, backend: &IngressBackend) -> Option<Location> {
    let service = backend.service.as_ref()?;
    let namespace = ing.metadata.namespace.clone();
    let port = match service.port.number {
        Some(n) => u16::try_from(n).unwrap_or(0),
        None => match cluster.get(Kind::Service, &namespace, &service.name) {
            Some(Object::Service(svc)) => {
                svc.spec.ports.iter().find(|p| p.name == service.port.name).and_then(|p| u16::try_from(p.port).ok()).unwrap_or(0)
            }
            _ => 0,
        },
    };
    let annotation = |name: &str| ing.metadata.annotations.get(&format!("{ANNOTATION_PREFIX}{name}")).cloned();
    Some(Location {
        namespace,
        ingress: ing.metadata.name.clone(),
        service: service.name.clone(),
        port,
        path: if path.is_empty() { "/".into() } else { path.to_string() },
        path_type: path_type.to_string(),
        rewrite_target: annotation("rewrite-target").filter(|t| !t.is_empty()),
        x_forwarded_prefix: annotation("x-forwarded-prefix").filter(|t| !t.is_empty()),
        use_regex: annotation("use-regex").is_some_and(|v| v.eq_ignore_ascii_case("true")),
    })
}

/// Where `request` goes through the ingress controller.
pub fn route(cluster: &Cluster, request: &HttpRequest) -> IngressRoute {
    let host_header = request
        .headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("Host"))
        .map(|(_, v)| v.as_str())
        .unwrap_or(&request.host);
    let host = host_header.split(':').next().unwrap_or("").to_ascii_lowercase();
    let servers = servers(cluster);
    let server = servers
        .iter()
        .find(|s| s.hostname == host)
        .or_else(|| servers.iter().find(|s| wildcard_matches(&s.hostname, &host)))
        .or_else(|| servers.iter().find(|s| s.hostname == "_"));
    let Some(server) = server else { return default_backend(cluster, request) };
    let (uri, query) = match request.path.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (request.path.as_str(), None),
    };
    let Some(location) = server.locations.iter().find(|l| location_matches(l, server.enforce_regex, uri)) else {
        return if server.hostname == "_" { default_backend(cluster, request) } else { IngressRoute::NotFound };
    };
    let mut path = rewritten(location, uri);
    if let Some(q) = query {
        path = format!("{path}{}{q}", if path.contains('?') { '&' } else { '?' });
    }
    let add_headers = location.x_forwarded_prefix.iter().map(|p| ("X-Forwarded-Prefix".to_string(), p.clone())).collect();
    IngressRoute::Backend {
        namespace: location.namespace.clone(),
        ingress: location.ingress.clone(),
        service: location.service.clone(),
        port: location.port,
        path,
        add_headers,
    }
}

/// `spec.defaultBackend` of a served Ingress catches what no rule matched; else nginx's 404.
fn default_backend(cluster: &Cluster, request: &HttpRequest) -> IngressRoute {
    let found = ingresses(cluster)
        .into_iter()
        .filter(|i| serves(cluster, i))
        .find_map(|i| i.spec.default_backend.clone().and_then(|b| b.service).map(|s| (i, s)));
    match found {
        Some((ing, svc)) => IngressRoute::Backend {
            namespace: ing.metadata.namespace.clone(),
            ingress: ing.metadata.name.clone(),
            service: svc.name.clone(),
            port: svc.port.number.and_then(|n| u16::try_from(n).ok()).unwrap_or(0),
            path: request.path.clone(),
            add_headers: Vec::new(),
        },
        None => IngressRoute::NotFound,
    }
}

fn wildcard_matches(pattern: &str, host: &str) -> bool {
    match pattern.strip_prefix("*.") {
        Some(suffix) => host.strip_suffix(suffix).and_then(|h| h.strip_suffix('.')).is_some_and(|label| !label.is_empty() && !label.contains('.')),
        None => false,
    }
}

/// Whether a location takes `uri`: as a `~*` regex (anchored at the start) when the server
/// enforces regexes, else by the Ingress path type.
fn location_matches(location: &Location, enforce_regex: bool, uri: &str) -> bool {
    let path = location.path.as_str();
    if enforce_regex {
        let anchored = if location.path_type == "Exact" { format!("^{path}$") } else { format!("^{path}") };
        return Pattern::new(&anchored, true).is_some_and(|p| p.is_match(uri));
    }
    match location.path_type.as_str() {
        "Exact" => uri == path,
        "Prefix" => {
            let base = path.trim_end_matches('/');
            base.is_empty() || uri == base || uri.starts_with(&format!("{base}/"))
        }
        _ => uri.starts_with(path),
    }
}

/// The upstream path after `rewrite "(?i)<path>" <target> break;` (the whole URI is replaced
/// when the pattern matches anywhere in it).
fn rewritten(location: &Location, uri: &str) -> String {
    let Some(target) = &location.rewrite_target else { return uri.to_string() };
    match Pattern::new(&location.path, true).and_then(|p| p.captures(uri)) {
        Some((input, caps)) => expand(target, &input, &caps),
        None => uri.to_string(),
    }
}

#[cfg(test)]
mod tests;
