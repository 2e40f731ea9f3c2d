//! Network tests: cluster DNS name forms, kube-proxy choosing only ready endpoints, what the
//! learner's machine can and cannot reach, port-forwards, and rickroller behind the ingress with
//! and without BEHIND_PROXY.

use super::*;
use crate::cluster::objects::{Deployment, Ingress, Kind, Object, Pod};

fn parse<T: serde::de::DeserializeOwned>(text: &str) -> T {
    match yaml_serde::from_str(text) {
        Ok(v) => v,
        Err(e) => panic!("{e}\n{text}"),
    }
}

/// The tutorial's rickroller Deployment (3 replicas) and ClusterIP service, plus a busybox
/// client pod, all running in `default`.
fn tutorial_cluster(env: &str) -> Cluster {
    let mut c = Cluster::new(5);
    let mut d: Deployment = parse(include_str!("../../../kube/depl.yaml"));
    d.spec.replicas = Some(3);
    if !env.is_empty() {
        d.spec.template.spec.containers[0].env = parse(env);
    }
    assert!(c.create(Object::Deployment(d)).is_ok());
    assert!(c.create(Object::Service(parse(include_str!("../../../kube/svc.yaml")))).is_ok());
    let client: Pod = parse("metadata:\n  name: client\nspec:\n  containers:\n  - name: sh\n    image: busybox\n    command: [sh, -c, 'while true; do sleep 10; done']\n");
    assert!(c.create(Object::Pod(client)).is_ok());
    c.advance_by(60_000);
    c
}

fn get(host: &str, port: u16, path: &str) -> HttpRequest {
    HttpRequest { method: "GET".into(), host: host.into(), port, path: path.into(), ..Default::default() }
}

fn from_client() -> Origin {
    Origin::Pod { namespace: "default".into(), name: "client".into() }
}

fn cluster_ip(c: &Cluster, namespace: &str, name: &str) -> String {
    match c.get(Kind::Service, namespace, name) {
        Some(Object::Service(s)) => s.spec.cluster_ip.clone(),
        other => panic!("no service {namespace}/{name}: {other:?}"),
    }
}

fn pod_named(c: &Cluster, name: &str) -> Pod {
    match c.get(Kind::Pod, "default", name) {
        Some(Object::Pod(p)) => p.clone(),
        other => panic!("no pod {name}: {other:?}"),
    }
}

fn rickroller_pods(c: &Cluster) -> Vec<Pod> {
    c.list(Kind::Pod, Some("default"))
        .into_iter()
        .filter_map(|o| if let Object::Pod(p) = o { Some(p) } else { None })
        .filter(|p| p.metadata.name.starts_with("rickroller-"))
        .collect()
}

/// The pod that answered an exchange.
fn served_by(exchange: &Exchange) -> String {
    exchange.hops.iter().rev().find_map(|h| if let Hop::Pod { name, .. } = h { Some(name.clone()) } else { None }).unwrap_or_default()
}

#[test]
fn service_names_resolve_in_every_form_from_a_pod() {
    let c = tutorial_cluster("");
    let ip = cluster_ip(&c, "default", "rickroller");
    for name in ["rickroller", "rickroller.default", "rickroller.default.svc", "rickroller.default.svc.cluster.local", "RickRoller.default.svc.cluster.local."] {
        assert_eq!(dns::resolve(&c, "default", name), Some(("rickroller.default.svc.cluster.local".to_string(), vec![ip.clone()])), "{name}");
    }
    assert_eq!(dns::resolve(&c, "kube-system", "rickroller"), None, "the short name only works in its namespace");
    assert!(dns::resolve(&c, "kube-system", "rickroller.default").is_some());
    assert_eq!(dns::resolve(&c, "default", "kube-dns.kube-system").map(|(_, ips)| ips), Some(vec![dns::NAMESERVER.to_string()]));
    assert_eq!(dns::resolve(&c, "default", "nope"), None);
    assert_eq!(dns::resolv_conf("test"), "search test.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n");
}

#[test]
fn requests_from_a_pod_reach_services_by_name_and_ip_and_pods_by_ip() {
    let mut c = tutorial_cluster("");
    let by_name = send(&mut c, &from_client(), get("rickroller", 80, "/")).map(|e| e.response.status);
    assert_eq!(by_name, Ok(200));
    let ip = cluster_ip(&c, "default", "rickroller");
    let exchange = send(&mut c, &from_client(), get(&ip, 80, "/gotcha"));
    assert!(matches!(&exchange, Ok(e) if e.response.status == 200 && e.hops.first() == Some(&Hop::Service { namespace: "default".into(), name: "rickroller".into() })));
    assert_eq!(send(&mut c, &from_client(), get(&ip, 8080, "/")).map(|e| e.response.status), Err(NetError::TimedOut { host: ip.clone(), port: 8080 }));
    let pod_ip = rickroller_pods(&c)[0].status.pod_ip.clone();
    assert_eq!(send(&mut c, &from_client(), get(&pod_ip, 8080, "/")).map(|e| e.response.status), Ok(200));
    assert_eq!(send(&mut c, &from_client(), get(&pod_ip, 80, "/")), Err(NetError::ConnectionRefused { host: pod_ip, port: 80 }));
    assert_eq!(send(&mut c, &from_client(), get("nope", 80, "/")), Err(NetError::CouldNotResolve { host: "nope".into() }));
}

#[test]
fn the_service_balances_over_ready_endpoints_only() {
    let mut c = tutorial_cluster("");
    // A pod the selector matches whose readiness probe never passes: listed, never chosen.
    let laggard: Pod = parse(
        "metadata:\n  name: laggard\n  labels:\n    app: rickroller\nspec:\n  containers:\n  - name: rickroller\n    image: derlin/rickroller:latest\n    readinessProbe:\n      tcpSocket:\n        port: 9999\n",
    );
    assert!(c.create(Object::Pod(laggard)).is_ok());
    c.advance_by(30_000);
    assert_eq!(pod_named(&c, "laggard").status.phase, "Running");
    let Some(Object::Endpoints(ep)) = c.get(Kind::Endpoints, "default", "rickroller").cloned() else { panic!("no endpoints") };
    let not_ready: Vec<String> = ep.subsets.iter().flat_map(|s| s.not_ready_addresses.iter()).filter_map(|a| a.target_ref.as_ref().map(|t| t.name.clone())).collect();
    assert_eq!(not_ready, vec!["laggard"]);
    let mut answered = std::collections::BTreeSet::new();
    for _ in 0..40 {
        if let Ok(e) = send(&mut c, &from_client(), get("rickroller", 80, "/")) {
            answered.insert(served_by(&e));
        }
    }
    let ready: std::collections::BTreeSet<String> = rickroller_pods(&c).into_iter().map(|p| p.metadata.name).collect();
    assert_eq!(answered, ready, "all three ready replicas answer, the unready pod never does");
}

#[test]
fn a_service_without_ready_endpoints_refuses_connections() {
    let mut c = tutorial_cluster("");
    let Some(Object::Deployment(mut d)) = c.get(Kind::Deployment, "default", "rickroller").cloned() else { panic!("no deployment") };
    d.spec.replicas = Some(0);
    assert!(c.update(Object::Deployment(d)).is_ok());
    c.advance_by(60_000);
    assert_eq!(send(&mut c, &from_client(), get("rickroller", 80, "/")), Err(NetError::ConnectionRefused { host: "rickroller".into(), port: 80 }));
}

#[test]
fn the_learners_machine_cannot_reach_cluster_addresses() {
    let mut c = tutorial_cluster("");
    let ip = cluster_ip(&c, "default", "rickroller");
    assert_eq!(send(&mut c, &Origin::Learner, get(&ip, 80, "/")), Err(NetError::TimedOut { host: ip, port: 80 }));
    let pod_ip = rickroller_pods(&c)[0].status.pod_ip.clone();
    assert_eq!(send(&mut c, &Origin::Learner, get(&pod_ip, 8080, "/")), Err(NetError::TimedOut { host: pod_ip, port: 8080 }));
    assert_eq!(send(&mut c, &Origin::Learner, get("rickroller", 80, "/")), Err(NetError::CouldNotResolve { host: "rickroller".into() }));
    assert_eq!(send(&mut c, &Origin::Learner, get("localhost", 8080, "/")), Err(NetError::ConnectionRefused { host: "localhost".into(), port: 8080 }));
    let (message, code) = NetError::TimedOut { host: "10.96.0.1".into(), port: 80 }.curl_message();
    assert_eq!((message.as_str(), code), ("curl: (28) Failed to connect to 10.96.0.1 port 80 after 134218 ms: Couldn't connect to server", 28));
}

#[test]
fn a_port_forward_reaches_its_pod_until_the_pod_is_gone() {
    let mut c = tutorial_cluster("");
    let pod = rickroller_pods(&c)[0].clone();
    let forward = PortForward { namespace: "default".into(), pod: pod.metadata.name.clone(), pod_uid: pod.metadata.uid.clone(), remote_port: 8080, connections: 0 };
    assert!(c.network.listen(8888, forward.clone()));
    assert!(!c.network.listen(8888, forward), "a local port serves one forward");
    let exchange = send(&mut c, &Origin::Learner, get("localhost", 8888, "/"));
    let Ok(exchange) = exchange else { panic!("{exchange:?}") };
    assert_eq!(exchange.response.status, 200);
    assert_eq!(exchange.hops, vec![Hop::PortForward { port: 8888 }, Hop::Pod { namespace: "default".into(), name: pod.metadata.name.clone(), container: "rickroller".into() }]);
    assert_eq!(c.network.forwards.get(&8888).map(|f| f.connections), Some(1));
    let log = c.kubelet.logs(&pod.metadata.uid, "rickroller", false).unwrap_or_default();
    assert!(log.last().is_some_and(|l| l.starts_with("127.0.0.1 - - [") && l.contains("\"GET / HTTP/1.1\" 200")), "{log:?}");
    assert!(c.delete(Kind::Pod, "default", &pod.metadata.name, Default::default()).is_ok());
    c.advance_by(60_000);
    assert_eq!(send(&mut c, &Origin::Learner, get("localhost", 8888, "/")), Err(NetError::EmptyReply { host: "localhost".into(), port: 8888 }));
    c.network.close(8888);
    assert_eq!(send(&mut c, &Origin::Learner, get("localhost", 8888, "/")), Err(NetError::ConnectionRefused { host: "localhost".into(), port: 8888 }));
}

/// The tutorial cluster with its Ingress; returns the ingress controller's load balancer IP.
fn behind_ingress(env: &str) -> (Cluster, String) {
    let mut c = tutorial_cluster(env);
    let text = include_str!("../../../kube/ingress.yaml").replace("pathType: Prefix", "pathType: ImplementationSpecific");
    let ingress: Ingress = parse(&text);
    assert!(c.create(Object::Ingress(ingress)).is_ok());
    c.advance_by(90_000);
    let ip = match c.get(Kind::Service, "ingress-nginx", "ingress-nginx-controller") {
        Some(Object::Service(s)) => s.status.load_balancer.ingress.first().map(|i| i.ip.clone()).unwrap_or_default(),
        _ => String::new(),
    };
    assert!(!ip.is_empty(), "the controller's load balancer has an IP");
    (c, ip)
}

/// rickroller's form posted back with the CSRF token and session cookie of the `page` it came in.
fn post_form(host: &str, path: &str, page: &HttpResponse) -> HttpRequest {
    let token = page.body.split("name=\"csrf_token\" value=\"").nth(1).and_then(|rest| rest.split('"').next()).unwrap_or_default();
    let cookie = page.headers.iter().find(|(k, _)| k == "Set-Cookie").and_then(|(_, v)| v.split(';').next()).unwrap_or_default();
    HttpRequest {
        method: "POST".into(),
        host: host.into(),
        port: 80,
        path: path.into(),
        headers: vec![("Content-Type".into(), "application/x-www-form-urlencoded".into()), ("Cookie".into(), cookie.into())],
        body: format!("url=https%3A%2F%2Fexample.com&redirect=on&scrolls=2&csrf_token={token}"),
    }
}

/// The replicas share a secret so that a form loaded from one pod posts to any other.
const SHARED_SECRET: &str = "- name: APP_SECRET_KEY\n  value: s3cr3t\n";

fn location(exchange: &Result<Exchange, NetError>) -> Option<String> {
    let e = exchange.as_ref().ok()?;
    e.response.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("Location")).map(|(_, v)| v.clone())
}

#[test]
fn without_behind_proxy_the_page_behind_the_ingress_links_unreachable_assets() {
    let (mut c, ip) = behind_ingress(SHARED_SECRET);
    let page = send(&mut c, &Origin::Learner, get(&ip, 80, "/rickroller"));
    let Ok(page) = page else { panic!("{page:?}") };
    assert_eq!(page.response.status, 200);
    assert!(page.response.body.contains("href=\"/assets/style.css\""), "{}", page.response.body);
    assert!(page.hops.iter().any(|h| matches!(h, Hop::Ingress { name, .. } if name == "rickroller")));
    let style = send(&mut c, &Origin::Learner, get(&ip, 80, "/assets/style.css")).map(|e| e.response.status);
    assert_eq!(style, Ok(404), "nginx's default backend");
    let posted = send(&mut c, &Origin::Learner, post_form(&ip, "/rickroller/", &page.response));
    assert!(location(&posted).is_some_and(|l| l.ends_with("/t2/https%3A%2F%2Fexample.com") && !l.contains("/rickroller")), "{posted:?}");
}

#[test]
fn with_behind_proxy_the_page_behind_the_ingress_keeps_the_prefix() {
    let (mut c, ip) = behind_ingress(&format!("{SHARED_SECRET}- name: BEHIND_PROXY\n  value: \"true\"\n"));
    let page = send(&mut c, &Origin::Learner, get(&ip, 80, "/rickroller"));
    let Ok(page) = page else { panic!("{page:?}") };
    assert!(page.response.body.contains("href=\"/rickroller/assets/style.css\""), "{}", page.response.body);
    let style = send(&mut c, &Origin::Learner, get(&ip, 80, "/rickroller/assets/style.css"));
    assert!(matches!(&style, Ok(e) if e.response.status == 200 && e.response.body.contains("font-family")), "{style:?}");
    let posted = send(&mut c, &Origin::Learner, post_form(&ip, "/rickroller/", &page.response));
    assert!(location(&posted).is_some_and(|l| l.contains("/rickroller/t2/https%3A%2F%2Fexample.com")), "{posted:?}");
}
