//! The scheduler: binds each pending pod to a node. Like the default scheduler's spreading, it
//! prefers the node with the fewest pods of the same owner, then the fewest pods overall.

use crate::cluster::objects::pod::PodCondition;
use crate::cluster::objects::{Kind, Node, Object, Pod};
use crate::cluster::Cluster;

/// One pass of the scheduler; true when it bound any pod.
pub fn reconcile(cluster: &mut Cluster) -> bool {
    let pending: Vec<Pod> = cluster
        .store
        .list(Kind::Pod, None)
        .into_iter()
        .filter_map(|o| match o {
            Object::Pod(p) if p.spec.node_name.is_empty() && p.metadata.deletion_timestamp.is_none() => Some(p.clone()),
            _ => None,
        })
        .collect();
    let mut changed = false;
    for pod in pending {
        changed |= schedule(cluster, pod);
    }
    changed
}

fn schedulable_nodes(cluster: &Cluster) -> Vec<Node> {
    cluster
        .store
        .list(Kind::Node, None)
        .into_iter()
        .filter_map(|o| match o {
            Object::Node(n)
                if !n.spec.unschedulable
                    && n.status.conditions.iter().any(|c| c.type_ == "Ready" && c.status == "True") =>
            {
                Some(n.clone())
            }
            _ => None,
        })
        .filter(|n| !n.metadata.labels.contains_key("node-role.kubernetes.io/control-plane"))
        .collect()
}

fn schedule(cluster: &mut Cluster, mut pod: Pod) -> bool {
    if let Some(reason) = super::volume::unschedulable_reason(cluster, &pod) {
        super::volume::report_unschedulable(cluster, &pod, &reason);
        return false;
    }
    let nodes: Vec<Node> = schedulable_nodes(cluster)
        .into_iter()
        .filter(|n| pod.spec.node_selector.iter().all(|(k, v)| n.metadata.labels.get(k) == Some(v)))
        .filter(|n| super::daemonset::required_node(&pod).is_none_or(|name| name == n.metadata.name))
        .collect();
    if nodes.is_empty() {
        return false;
    }
    let owner = pod.metadata.owner_references.first().map(|o| o.uid.clone());
    let pods = cluster.store.list(Kind::Pod, None);
    let score = |node: &Node| {
        let on_node: Vec<&Pod> = pods
            .iter()
            .filter_map(|o| match o {
                Object::Pod(p) if p.spec.node_name == node.metadata.name && p.is_active() => Some(p),
                _ => None,
            })
            .collect();
        let siblings = on_node
            .iter()
            .filter(|p| owner.is_some() && p.metadata.owner_references.first().map(|o| &o.uid) == owner.as_ref())
            .count();
        (siblings, on_node.len())
    };
    let best = nodes.iter().map(score).min().unwrap_or((0, 0));
    let candidates: Vec<&Node> = nodes.iter().filter(|n| score(n) == best).collect();
    let pick = cluster.rng.between(0, candidates.len() as i64 - 1) as usize;
    let Some(node) = candidates.get(pick).map(|n| n.metadata.name.clone()) else { return false };
    let now = cluster.now();
    pod.spec.node_name = node.clone();
    pod.status.conditions.push(PodCondition {
        last_probe_time: None,
        last_transition_time: Some(now),
        message: String::new(),
        reason: String::new(),
        status: "True".into(),
        type_: "PodScheduled".into(),
    });
    let message = format!("Successfully assigned {}/{} to {node}", pod.metadata.namespace, pod.metadata.name);
    if let Ok(bound) = cluster.update_status(Object::Pod(pod)) {
        cluster.record_event(&bound, "Normal", "Scheduled", &message, "default-scheduler", "");
    }
    true
}
