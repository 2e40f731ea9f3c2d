//! The ingress-nginx controller's data path: it matches a request against the Ingresses, sets
//! the X-Forwarded-* headers nginx sets, proxies to a ready endpoint of the backend service, and
//! answers with nginx's 404 (no rule) or 503 (no endpoint) otherwise.

use super::deliver::{self, Client};
use super::{HttpRequest, HttpResponse, Hop};
use crate::cluster::apps::{self, clf_time, header};
use crate::cluster::objects::pod::Container;
use crate::cluster::objects::{Kind, Object, Pod};
use crate::cluster::Cluster;

use super::ingress::{route, IngressRoute as Route};

/// An nginx error page as the controller serves it.
fn error_page(status: u16, now: crate::cluster::objects::Time) -> HttpResponse {
    let body = crate::cluster::apps::nginx_error_page(status, "nginx");
    HttpResponse {
        status,
        headers: vec![
            ("Date".into(), apps::http_date(now)),
            ("Content-Type".into(), "text/html".into()),
            ("Content-Length".into(), body.len().to_string()),
            ("Connection".into(), "keep-alive".into()),
        ],
        body,
    }
}

/// Serves `request` arriving at the controller pod `controller` from `client_ip`.
pub fn handle(cluster: &mut Cluster, controller: &Pod, container: &Container, request: &HttpRequest, client_ip: &str, hops: &mut Vec<Hop>) -> HttpResponse {
    hops.push(Hop::IngressController { pod: controller.metadata.name.clone() });
    let request_id = format!("{:016x}{:016x}", cluster.rng.u64(), cluster.rng.u64());
    let redirect = super::tls::ssl_redirect(cluster, request);
    let (response, upstream_name, upstream_addr) = match route(cluster, request) {
        _ if redirect.is_some() => (redirect.unwrap_or_default(), "upstream-default-backend".to_string(), None),
        Route::NotFound => (error_page(404, cluster.now()), "upstream-default-backend".to_string(), None),
        Route::Backend { namespace, ingress, service, port, path, add_headers } => {
            hops.push(Hop::Ingress { namespace: namespace.clone(), name: ingress });
            let upstream = upstream_request(request, path, client_ip, &request_id, add_headers);
            let svc = match cluster.get(Kind::Service, &namespace, &service) {
                Some(Object::Service(s)) => Some(s.clone()),
                _ => None,
            };
            let name = format!("{namespace}-{service}-{port}");
            let proxied = svc.and_then(|svc| {
                let svc_port = svc.spec.ports.iter().find(|p| p.port == i64::from(port))?.clone();
                let client = Client::Pod(controller.status.pod_ip.clone());
                deliver::via_service(cluster, &svc, &svc_port, &upstream, &client, hops).ok()
            });
            match proxied {
                Some(response) => {
                    let addr = hops.iter().rev().find_map(|h| match h {
                        Hop::Pod { namespace, name, .. } => match cluster.get(Kind::Pod, namespace, name) {
                            Some(Object::Pod(p)) => Some(p.status.pod_ip.clone()),
                            _ => None,
                        },
                        _ => None,
                    });
                    (response, name, addr)
                }
                None => (error_page(503, cluster.now()), name, None),
            }
        }
    };
    let line = format!(
        "{client_ip} - - [{}] \"{} {} HTTP/1.1\" {} {} \"{}\" \"{}\" {} 0.002 [{upstream_name}] [] {} {} 0.002 {} {request_id}",
        clf_time(cluster.now()),
        request.method,
        request.path,
        response.status,
        response.body.len(),
        header(request, "Referer").unwrap_or("-"),
        header(request, "User-Agent").unwrap_or("-"),
        request_length(request),
        upstream_addr.as_ref().map_or("-".to_string(), |a| format!("{a}:80")),
        if upstream_addr.is_some() { response.body.len().to_string() } else { "-".into() },
        if upstream_addr.is_some() { response.status.to_string() } else { "-".into() },
    );
    cluster.kubelet.append_log(&controller.metadata.uid, &container.name, line);
    response
}

/// The request nginx sends upstream: rewritten path and the proxy headers.
fn upstream_request(request: &HttpRequest, path: String, client_ip: &str, request_id: &str, add_headers: Vec<(String, String)>) -> HttpRequest {
    let host = header(request, "Host").unwrap_or(&request.host).to_string();
    let mut upstream = request.clone();
    upstream.path = path;
    upstream.headers.retain(|(k, _)| !k.to_ascii_lowercase().starts_with("x-forwarded-"));
    let forwarded_for = header(request, "X-Forwarded-For").map_or(client_ip.to_string(), |f| format!("{f}, {client_ip}"));
    let proto = super::tls::forwarded_proto(request).to_string();
    let proxy_headers = [
        ("X-Request-ID", request_id.to_string()),
        ("X-Real-IP", client_ip.to_string()),
        ("X-Forwarded-For", forwarded_for),
        ("X-Forwarded-Host", host.split(':').next().unwrap_or(&host).to_string()),
        ("X-Forwarded-Port", request.port.to_string()),
        ("X-Forwarded-Proto", proto.clone()),
        ("X-Forwarded-Scheme", proto.clone()),
        ("X-Scheme", proto),
    ];
    upstream.headers.extend(proxy_headers.into_iter().map(|(k, v)| (k.to_string(), v)));
    for (k, v) in add_headers {
        upstream.headers.retain(|(h, _)| !h.eq_ignore_ascii_case(&k));
        upstream.headers.push((k, v));
    }
    upstream
}

fn request_length(request: &HttpRequest) -> usize {
    let line = request.method.len() + request.path.len() + 11;
    line + request.headers.iter().map(|(k, v)| k.len() + v.len() + 4).sum::<usize>() + 2 + request.body.len()
}
