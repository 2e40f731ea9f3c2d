//! Tests of the DaemonSet controller: the starting cluster's sets, one pod per node, rolling
//! updates one node at a time, node selectors.

use super::*;
use crate::cluster::objects::{Kind, Object};
use crate::cluster::Cluster;
use serde_json::json;

fn daemon_set(name: &str, image: &str, node_selector: serde_json::Value) -> DaemonSet {
    let value = json!({
        "metadata": {"name": name, "namespace": "default"},
        "spec": {
            "selector": {"matchLabels": {"app": name}},
            "template": {
                "metadata": {"labels": {"app": name}},
                "spec": {"nodeSelector": node_selector, "containers": [{"name": name, "image": image}]}
            }
        }
    });
    serde_json::from_value(value).unwrap_or_default()
}

fn stored(cluster: &Cluster, name: &str) -> DaemonSet {
    match cluster.get(Kind::DaemonSet, "default", name) {
        Some(Object::DaemonSet(ds)) => ds.clone(),
        _ => DaemonSet::default(),
    }
}

fn pod_nodes(cluster: &Cluster, ds: &DaemonSet) -> Vec<String> {
    let mut nodes: Vec<String> = owned_pods(cluster, ds).into_iter().filter(|p| p.is_active()).map(|p| p.spec.node_name.clone()).collect();
    nodes.sort();
    nodes
}

#[test]
fn the_starting_cluster_system_pods_belong_to_settled_daemon_sets() {
    let mut cluster = Cluster::new(1);
    let revision = cluster.store.revision();
    cluster.settle();
    assert_eq!(cluster.store.revision(), revision, "the first pass after bootstrap must change nothing");
    for (namespace, name) in [("kube-system", "kube-proxy"), ("kube-system", "kindnet"), ("ingress-nginx", "ingress-nginx-controller")] {
        let Some(Object::DaemonSet(ds)) = cluster.get(Kind::DaemonSet, namespace, name).cloned() else {
            panic!("{name} is missing");
        };
        assert_eq!(pod_nodes(&cluster, &ds), vec!["kubeplay-worker", "kubeplay-worker2"], "{name}");
        assert_eq!((ds.status.desired_number_scheduled, ds.status.number_ready), (2, 2), "{name}");
    }
}

#[test]
fn a_new_set_runs_one_pod_pinned_to_each_node() {
    let mut cluster = Cluster::new(1);
    assert!(cluster.create(Object::DaemonSet(daemon_set("agent", "nginx:1.25", json!({})))).is_ok());
    cluster.advance_by(30_000);
    let ds = stored(&cluster, "agent");
    assert_eq!(pod_nodes(&cluster, &ds), vec!["kubeplay-worker", "kubeplay-worker2"]);
    for pod in owned_pods(&cluster, &ds) {
        assert!(pod.metadata.name.starts_with("agent-") && pod.metadata.name.len() == "agent-".len() + 5, "{}", pod.metadata.name);
        assert_eq!(required_node(pod).as_deref(), Some(pod.spec.node_name.as_str()));
    }
    assert_eq!(ds.status.number_available, Some(2));
}

#[test]
fn a_template_change_rolls_out_one_node_at_a_time() {
    let mut cluster = Cluster::new(1);
    assert!(cluster.create(Object::DaemonSet(daemon_set("agent", "nginx:1.25", json!({})))).is_ok());
    cluster.advance_by(30_000);
    let mut ds = stored(&cluster, "agent");
    ds.spec.template.spec.containers[0].image = "nginx:1.27".into();
    assert!(cluster.update(Object::DaemonSet(ds)).is_ok());
    let mut least_available = 2;
    for _ in 0..120 {
        cluster.advance_by(500);
        let ds = stored(&cluster, "agent");
        least_available = least_available.min(ds.status.number_available.unwrap_or(0));
    }
    let ds = stored(&cluster, "agent");
    assert_eq!(least_available, 1, "maxUnavailable 1 keeps one node serving");
    assert_eq!(ds.status.updated_number_scheduled, Some(2));
    let images: Vec<String> = owned_pods(&cluster, &ds).iter().filter(|p| p.is_active()).map(|p| p.spec.containers[0].image.clone()).collect();
    assert_eq!(images, vec!["nginx:1.27", "nginx:1.27"]);
    assert_eq!(crate::cluster::controllers::revisions::owned_revisions(&cluster, &ds.metadata).len(), 2);
}

#[test]
fn a_node_selector_limits_the_nodes() {
    let mut cluster = Cluster::new(1);
    assert!(cluster.create(Object::DaemonSet(daemon_set("ssd", "busybox", json!({"disk": "ssd"})))).is_ok());
    cluster.advance_by(10_000);
    let ds = stored(&cluster, "ssd");
    assert_eq!((ds.status.desired_number_scheduled, pod_nodes(&cluster, &ds).len()), (0, 0));
    let Some(Object::Node(mut node)) = cluster.get(Kind::Node, "", "kubeplay-worker2").cloned() else { panic!("node") };
    node.metadata.labels.insert("disk".into(), "ssd".into());
    assert!(cluster.update(Object::Node(node)).is_ok());
    cluster.advance_by(10_000);
    let ds = stored(&cluster, "ssd");
    assert_eq!(pod_nodes(&cluster, &ds), vec!["kubeplay-worker2"]);
}

#[test]
fn deleting_the_set_removes_its_pods() {
    let mut cluster = Cluster::new(1);
    assert!(cluster.create(Object::DaemonSet(daemon_set("agent", "nginx:1.25", json!({})))).is_ok());
    cluster.advance_by(30_000);
    let ds = stored(&cluster, "agent");
    assert!(cluster.delete(Kind::DaemonSet, "default", "agent", Default::default()).is_ok());
    cluster.advance_by(60_000);
    assert!(owned_pods(&cluster, &ds).is_empty());
}
