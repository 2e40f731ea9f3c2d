use super::*;
use crate::cluster::objects::service::{ServicePort, ServiceSpec};
use crate::cluster::objects::Namespace;
use crate::cluster::Cluster;

fn member(ip: &str, ready: bool, terminating: bool) -> Member {
    Member {
        ip: ip.into(),
        node: "kubeplay-worker".into(),
        target: TargetRef { kind: "Pod".into(), name: format!("pod-{ip}"), namespace: "test".into(), uid: ip.into() },
        ready,
        terminating,
        ports: vec![EndpointPort { name: "80-8080".into(), port: 8080, protocol: "TCP".into(), ..Default::default() }],
    }
}

#[test]
fn ready_pods_are_addresses_not_ready_ones_are_set_apart_and_terminating_ones_dropped() {
    let members = vec![member("10.244.1.2", true, false), member("10.244.1.3", false, false), member("10.244.2.4", true, true)];
    let subsets = desired_subsets(&members);
    assert_eq!(subsets.len(), 1);
    let ips = |list: &[EndpointAddress]| list.iter().map(|a| a.ip.clone()).collect::<Vec<_>>();
    assert_eq!(ips(&subsets[0].addresses), vec!["10.244.1.2"]);
    assert_eq!(ips(&subsets[0].not_ready_addresses), vec!["10.244.1.3"]);
    let slices = desired_slices(&members);
    let endpoints = slices[0].1.clone().unwrap_or_default();
    let conditions: Vec<(Option<bool>, Option<bool>, Option<bool>)> =
        endpoints.iter().map(|e| (e.conditions.ready, e.conditions.serving, e.conditions.terminating)).collect();
    assert_eq!(
        conditions,
        vec![(Some(true), Some(true), Some(false)), (Some(false), Some(false), Some(false)), (Some(false), Some(true), Some(true))]
    );
}

#[test]
fn a_service_without_pods_has_no_subsets_and_a_placeholder_slice() {
    assert!(desired_subsets(&[]).is_empty());
    assert_eq!(desired_slices(&[]), vec![(None, None)]);
}

fn endpoint_ips(cluster: &Cluster, name: &str) -> (Vec<String>, Vec<String>) {
    match cluster.get(Kind::Endpoints, "test", name) {
        Some(Object::Endpoints(e)) => (
            e.subsets.iter().flat_map(|s| s.addresses.iter().map(|a| format!("{}:{}", a.ip, s.ports[0].port))).collect(),
            e.subsets.iter().flat_map(|s| s.not_ready_addresses.iter().map(|a| a.ip.clone())).collect(),
        ),
        _ => (vec!["missing".into()], vec![]),
    }
}

#[test]
fn endpoints_follow_the_pods_of_a_deployment() {
    let mut cluster = Cluster::new(3);
    let ns = Namespace { metadata: ObjectMeta { name: "test".into(), ..Default::default() }, ..Default::default() };
    cluster.create(Object::Namespace(ns)).map(|_| ()).unwrap_or_default();
    let yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: test}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx:1.25, ports: [{containerPort: 80, name: http}]}]}\n";
    let deployment: Object = yaml_serde::from_str(yaml).unwrap_or_else(|e| panic!("{e}"));
    assert!(cluster.create(deployment).is_ok());
    let svc = Service {
        metadata: ObjectMeta { name: "web".into(), namespace: "test".into(), ..Default::default() },
        spec: ServiceSpec {
            selector: [("app".to_string(), "web".to_string())].into_iter().collect(),
            ports: vec![ServicePort { port: 80, target_port: Some(IntOrString::String("http".into())), ..Default::default() }],
            ..Default::default()
        },
        ..Default::default()
    };
    assert!(cluster.create(Object::Service(svc)).is_ok());
    cluster.settle();
    let (ready, _) = endpoint_ips(&cluster, "web");
    assert!(ready.is_empty(), "no pod is ready yet: {ready:?}");
    cluster.advance_by(60_000);
    let (ready, not_ready) = endpoint_ips(&cluster, "web");
    assert_eq!((ready.len(), not_ready.len()), (2, 0), "{ready:?}");
    assert!(ready.iter().all(|a| a.starts_with("10.244.") && a.ends_with(":80")), "{ready:?}");
    // A deleted pod leaves the Endpoints at once; its replacement comes in once ready.
    let pod = cluster.list(Kind::Pod, Some("test"))[0].meta().name.clone();
    assert!(cluster.delete(Kind::Pod, "test", &pod, DeleteOptions::default()).is_ok());
    cluster.settle();
    let (ready, _) = endpoint_ips(&cluster, "web");
    assert_eq!(ready.len(), 1, "{ready:?}");
    cluster.advance_by(60_000);
    assert_eq!(endpoint_ips(&cluster, "web").0.len(), 2);
    let slices = slices_of(&cluster, "test", "web");
    assert_eq!(slices.len(), 1);
    assert!(slices[0].metadata.name.starts_with("web-") && slices[0].metadata.name.len() == 9, "{}", slices[0].metadata.name);
    // Deleting the service removes both.
    assert!(cluster.delete(Kind::Service, "test", "web", DeleteOptions::default()).is_ok());
    cluster.settle();
    assert!(cluster.get(Kind::Endpoints, "test", "web").is_none());
    assert!(slices_of(&cluster, "test", "web").is_empty());
}
