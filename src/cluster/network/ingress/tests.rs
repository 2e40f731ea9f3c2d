use super::*;
use crate::cluster::objects::ObjectMeta;
use crate::cluster::objects::Namespace;

const TUTORIAL_INGRESS: &str = include_str!("../../../../kube/ingress.yaml");

/// A cluster with namespace `test` and the tutorial's Ingress, its path type switched to
/// `ImplementationSpecific` as the lesson asks (the controller's webhook refuses `Prefix`).
fn tutorial_cluster() -> Cluster {
    let mut cluster = Cluster::new(3);
    let ns = Namespace { metadata: ObjectMeta { name: "test".into(), ..Default::default() }, ..Default::default() };
    assert!(cluster.create(Object::Namespace(ns)).is_ok());
    let text = TUTORIAL_INGRESS.replace("pathType: Prefix", "pathType: ImplementationSpecific");
    let mut ing: Ingress = match yaml_serde::from_str(&text) {
        Ok(i) => i,
        Err(e) => panic!("{e}"),
    };
    ing.metadata.namespace = "test".into();
    assert!(cluster.create(Object::Ingress(ing)).is_ok());
    cluster
}

fn get(path: &str) -> HttpRequest {
    HttpRequest { method: "GET".into(), host: "194.182.170.10".into(), port: 80, path: path.into(), ..Default::default() }
}

fn backend_path(route: IngressRoute) -> Option<String> {
    match route {
        IngressRoute::Backend { path, .. } => Some(path),
        IngressRoute::NotFound => None,
    }
}

#[test]
fn the_tutorial_ingress_strips_the_prefix_and_adds_x_forwarded_prefix() {
    let cluster = tutorial_cluster();
    assert_eq!(
        route(&cluster, &get("/rickroller")),
        IngressRoute::Backend {
            namespace: "test".into(),
            ingress: "rickroller".into(),
            service: "rickroller".into(),
            port: 80,
            path: "/".into(),
            add_headers: vec![("X-Forwarded-Prefix".into(), "/rickroller".into())],
        }
    );
    assert_eq!(backend_path(route(&cluster, &get("/rickroller/"))).as_deref(), Some("/"));
    assert_eq!(backend_path(route(&cluster, &get("/rickroller/assets/style.css"))).as_deref(), Some("/assets/style.css"));
    assert_eq!(backend_path(route(&cluster, &get("/RICKROLLER/t2/abc?x=1"))).as_deref(), Some("/t2/abc?x=1"));
    assert_eq!(route(&cluster, &get("/other")), IngressRoute::NotFound);
    assert_eq!(route(&cluster, &get("/assets/style.css")), IngressRoute::NotFound);
    assert_eq!(route(&cluster, &get("/")), IngressRoute::NotFound);
}

fn ingress(name: &str, host: &str, paths: &[(&str, &str, &str)], annotations: &[(&str, &str)]) -> Ingress {
    let yaml_paths: String = paths
        .iter()
        .map(|(path, path_type, service)| {
            format!("      - path: \"{path}\"\n        pathType: {path_type}\n        backend:\n          service:\n            name: {service}\n            port:\n              number: 80\n")
        })
        .collect();
    let host_line = if host.is_empty() { String::new() } else { format!("    host: {host}\n") };
    let text = format!("metadata:\n  name: {name}\n  namespace: test\nspec:\n  ingressClassName: nginx\n  rules:\n  - http:\n      paths:\n{yaml_paths}{host_line}");
    let mut ing: Ingress = match yaml_serde::from_str(&text) {
        Ok(i) => i,
        Err(e) => panic!("{e}\n{text}"),
    };
    for (k, v) in annotations {
        ing.metadata.annotations.insert(k.to_string(), v.to_string());
    }
    ing
}

fn service_for(cluster: &Cluster, host: &str, path: &str) -> Option<String> {
    let mut request = get(path);
    request.headers.push(("Host".into(), host.into()));
    match route(cluster, &request) {
        IngressRoute::Backend { service, .. } => Some(service),
        IngressRoute::NotFound => None,
    }
}

#[test]
fn path_types_hosts_and_longest_path_first() {
    let mut cluster = Cluster::new(5);
    let ns = Namespace { metadata: ObjectMeta { name: "test".into(), ..Default::default() }, ..Default::default() };
    assert!(cluster.create(Object::Namespace(ns)).is_ok());
    let plain = ingress("plain", "", &[("/", "Prefix", "web"), ("/api", "Prefix", "api"), ("/api/v2", "Prefix", "api2"), ("/exact", "Exact", "exact")], &[]);
    assert!(cluster.create(Object::Ingress(plain)).is_ok());
    let hosted = ingress("hosted", "shop.example.com", &[("/", "Prefix", "shop")], &[]);
    assert!(cluster.create(Object::Ingress(hosted)).is_ok());
    let at = |host: &str, path: &str| service_for(&cluster, host, path);
    assert_eq!(at("1.2.3.4", "/api").as_deref(), Some("api"));
    assert_eq!(at("1.2.3.4", "/api/users").as_deref(), Some("api"));
    assert_eq!(at("1.2.3.4", "/apis").as_deref(), Some("web"), "Prefix matches whole path elements");
    assert_eq!(at("1.2.3.4", "/api/v2/x").as_deref(), Some("api2"));
    assert_eq!(at("1.2.3.4", "/exact").as_deref(), Some("exact"));
    assert_eq!(at("1.2.3.4", "/exact/more").as_deref(), Some("web"));
    assert_eq!(at("shop.example.com", "/api").as_deref(), Some("shop"), "a host's server has only its own rules");
    assert_eq!(at("SHOP.example.com:80", "/").as_deref(), Some("shop"));
}

#[test]
fn the_nginx_conf_grep_shows_the_location_block() {
    let conf = nginx_conf(&tutorial_cluster());
    assert!(conf.contains("\tupstream upstream_balancer {\n"), "{conf}");
    assert!(conf.contains("\tserver {\n\t\tserver_name _ ;\n"), "{conf}");
    let lines: Vec<&str> = conf.lines().collect();
    let at = lines.iter().position(|l| l.contains("rickroller")).unwrap_or(0);
    let window: Vec<&str> = lines[at.saturating_sub(6)..(at + 7).min(lines.len())].to_vec();
    let expected_start = [
        "\t\tlocation ~* \"^/rickroller(/|$)(.*)\" {",
        "\t\t\t",
        "\t\t\tset $namespace      \"test\";",
        "\t\t\tset $ingress_name   \"rickroller\";",
        "\t\t\tset $service_name   \"rickroller\";",
        "\t\t\tset $service_port   \"80\";",
        "\t\t\tset $location_path  \"/rickroller(/|${literal_dollar})(.*)\";",
    ];
    assert_eq!(&window[6..], &expected_start[..], "{}", window.join("\n"));
    let rewrite = lines.iter().position(|l| l.contains("rewrite \"(?i)")).unwrap_or(0);
    assert_eq!(
        &lines[rewrite - 6..rewrite + 2],
        &[
            "\t\t\tproxy_next_upstream                     error timeout;",
            "\t\t\tproxy_next_upstream_timeout             0;",
            "\t\t\tproxy_next_upstream_tries               3;",
            "\t\t\t",
            "\t\t\t# Custom Response Headers",
            "\t\t\t",
            "\t\t\trewrite \"(?i)/rickroller(/|$)(.*)\" /$2 break;",
            "\t\t\tproxy_set_header X-Forwarded-Prefix \"/rickroller\";",
        ][..]
    );
    assert_eq!(lines[rewrite + 2], "\t\t\tproxy_pass http://upstream_balancer;");
}
