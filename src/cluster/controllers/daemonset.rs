//! The DaemonSet controller: one pod per eligible node (node selector matches, taints
//! tolerated), pinned to its node by a required node affinity. Template changes roll out node by
//! node, at most `maxUnavailable` (1 by default) nodes without a ready pod at a time.

pub mod bootstrap;

use crate::cluster::defaults::batch_and_daemons::TEMPLATE_GENERATION_ANNOTATION;
use crate::cluster::objects::pod::Toleration;
use crate::cluster::objects::{DaemonSet, Kind, Node, Object, Pod, Time};
use crate::cluster::{Cluster, EPOCH};
use super::owned::{self, controlled_pods, controller_ref, pod_from_template};
use super::revisions::{truncate, History, HASH_LABEL};
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// Label with the set's generation when the pod was made.
pub const GENERATION_LABEL: &str = "pod-template-generation";

const COMPONENT: &str = "daemonset-controller";

/// One pass over every DaemonSet; true when anything changed. The starting cluster's sets are
/// scripted by the bootstrap, so the controller only acts once the session has begun.
pub fn reconcile(cluster: &mut Cluster) -> bool {
    if cluster.now() < EPOCH {
        return false;
    }
    let sets: Vec<DaemonSet> = cluster
        .store
        .list(Kind::DaemonSet, None)
        .into_iter()
        .filter_map(|o| match o {
            Object::DaemonSet(ds) if ds.metadata.deletion_timestamp.is_none() => Some(ds.clone()),
            _ => None,
        })
        .collect();
    let mut changed = false;
    for ds in sets {
        let ds = match stamp_template_generation(cluster, &ds) {
            Some(stamped) => {
                changed = true;
                stamped
            }
            None => ds,
        };
        let history = History::of_daemon_set(&ds);
        let (_, revised) = history.sync(cluster);
        let hash = history.hash();
        changed |= revised;
        changed |= sync(cluster, &ds, &hash);
        changed |= write_status(cluster, &ds, &hash);
        let in_use: BTreeSet<String> = owned_pods(cluster, &ds).iter().filter_map(|p| p.metadata.labels.get(HASH_LABEL).cloned()).chain([hash]).collect();
        let limit = ds.spec.revision_history_limit;
        changed |= truncate(cluster, &ds.metadata, limit, |cr| cr.metadata.labels.get(HASH_LABEL).is_some_and(|h| in_use.contains(h)));
    }
    changed
}

/// Keeps `deprecated.daemonset.template.generation` equal to the generation, as the API server
/// does when the template changes.
/// Returns the stored set when it had to be stamped.
fn stamp_template_generation(cluster: &mut Cluster, ds: &DaemonSet) -> Option<DaemonSet> {
    let generation = ds.metadata.generation.max(1).to_string();
    if ds.metadata.annotations.get(TEMPLATE_GENERATION_ANNOTATION) == Some(&generation) {
        return None;
    }
    let mut stamped = ds.clone();
    stamped.metadata.annotations.insert(TEMPLATE_GENERATION_ANNOTATION.into(), generation);
    match cluster.update_status(Object::DaemonSet(stamped)) {
        Ok(Object::DaemonSet(stored)) => Some(stored),
        _ => None,
    }
}

/// Pods the set owns, by controller reference.
pub fn owned_pods<'a>(cluster: &'a Cluster, ds: &DaemonSet) -> Vec<&'a Pod> {
    controlled_pods(cluster, &ds.metadata)
}

/// The node a daemon pod is pinned to: the value of its required `metadata.name` node affinity,
/// which the scheduler honours.
pub fn required_node(pod: &Pod) -> Option<String> {
    let terms = pod.spec.affinity.as_ref()?.pointer("/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution/nodeSelectorTerms")?;
    terms.as_array()?.iter().find_map(|term| {
        term.get("matchFields")?.as_array()?.iter().find_map(|f| {
            (f.get("key")?.as_str()? == "metadata.name").then(|| f.get("values")?.get(0)?.as_str().map(str::to_string)).flatten()
        })
    })
}

/// Nodes the set should run on: its node selector matches and every NoSchedule/NoExecute taint
/// is tolerated.
pub fn eligible_nodes(cluster: &Cluster, ds: &DaemonSet) -> Vec<String> {
    let spec = &ds.spec.template.spec;
    cluster
        .store
        .list(Kind::Node, None)
        .into_iter()
        .filter_map(|o| if let Object::Node(n) = o { Some(n) } else { None })
        .filter(|n| spec.node_selector.iter().all(|(k, v)| n.metadata.labels.get(k) == Some(v)))
        .filter(|n| taints_tolerated(n, &spec.tolerations))
        .map(|n| n.metadata.name.clone())
        .collect()
}

fn taints_tolerated(node: &Node, tolerations: &[Toleration]) -> bool {
    node.spec.taints.iter().all(|taint| {
        let field = |name: &str| taint.get(name).and_then(Value::as_str).unwrap_or("").to_string();
        let (key, value, effect) = (field("key"), field("value"), field("effect"));
        effect == "PreferNoSchedule"
            || tolerations.iter().any(|t| {
                let key_ok = t.key.is_empty() || t.key == key;
                let value_ok = t.operator == "Exists" || t.value == value;
                let effect_ok = t.effect.is_empty() || t.effect == effect;
                key_ok && value_ok && effect_ok
            })
    })
}

fn node_of(pod: &Pod) -> String {
    if pod.spec.node_name.is_empty() { required_node(pod).unwrap_or_default() } else { pod.spec.node_name.clone() }
}

fn is_updated(pod: &Pod, hash: &str) -> bool {
    pod.metadata.labels.get(HASH_LABEL).map(String::as_str) == Some(hash)
}

fn sync(cluster: &mut Cluster, ds: &DaemonSet, hash: &str) -> bool {
    let nodes = eligible_nodes(cluster, ds);
    let pods: Vec<Pod> = owned_pods(cluster, ds).into_iter().cloned().collect();
    let mut changed = false;
    // Failed pods and pods on nodes the set no longer wants go; they are made again if needed.
    for pod in pods.iter().filter(|p| p.metadata.deletion_timestamp.is_none()) {
        if p_failed(pod) || !nodes.contains(&node_of(pod)) {
            changed |= delete_pod(cluster, ds, pod);
        }
    }
    let active: Vec<&Pod> = pods.iter().filter(|p| p.is_active() && nodes.contains(&node_of(p))).collect();
    for node in &nodes {
        let on_node: Vec<&&Pod> = active.iter().filter(|p| &node_of(p) == node).collect();
        let terminating = pods.iter().any(|p| p.metadata.deletion_timestamp.is_some() && &node_of(p) == node);
        if on_node.is_empty() && !terminating {
            changed |= create_pod(cluster, ds, node, hash);
        }
        for extra in on_node.iter().skip(1) {
            changed |= delete_pod(cluster, ds, extra);
        }
    }
    if changed || !ds.is_rolling() {
        return changed;
    }
    roll(cluster, ds, &nodes, &pods, hash)
}

fn p_failed(pod: &Pod) -> bool {
    pod.status.phase == "Failed"
}

/// One step of a rolling update: deletes old pods while fewer than `maxUnavailable` nodes lack
/// an available pod (not-ready old pods go first).
fn roll(cluster: &mut Cluster, ds: &DaemonSet, nodes: &[String], pods: &[Pod], hash: &str) -> bool {
    let now = cluster.now();
    let min_ready = ds.spec.min_ready_seconds.unwrap_or(0);
    let available = |node: &String| pods.iter().any(|p| p.is_active() && &node_of(p) == node && super::replicaset::is_available(p, min_ready, now));
    let mut unavailable = nodes.iter().filter(|n| !available(n)).count() as i64;
    let mut old: Vec<&Pod> = pods.iter().filter(|p| p.is_active() && !is_updated(p, hash)).collect();
    old.sort_by_key(|p| (p.is_ready(), node_of(p)));
    let mut changed = false;
    for pod in old {
        let pod_available = super::replicaset::is_available(pod, min_ready, now);
        if pod_available && unavailable >= ds.max_unavailable() {
            break;
        }
        changed |= delete_pod(cluster, ds, pod);
        if pod_available {
            unavailable += 1;
        }
    }
    changed
}

/// The tolerations every daemon pod gets, so it keeps running on troubled nodes.
fn daemon_tolerations() -> Vec<Toleration> {
    let toleration = |key: &str, effect: &str| Toleration { key: key.into(), operator: "Exists".into(), effect: effect.into(), ..Default::default() };
    vec![
        toleration("node.kubernetes.io/not-ready", "NoExecute"),
        toleration("node.kubernetes.io/unreachable", "NoExecute"),
        toleration("node.kubernetes.io/disk-pressure", "NoSchedule"),
        toleration("node.kubernetes.io/memory-pressure", "NoSchedule"),
        toleration("node.kubernetes.io/pid-pressure", "NoSchedule"),
        toleration("node.kubernetes.io/unschedulable", "NoSchedule"),
    ]
}

/// The pod the set runs on `node`.
pub fn pod_for_node(ds: &DaemonSet, node: &str, hash: &str) -> Pod {
    let mut pod = pod_from_template(&ds.spec.template, &ds.metadata, controller_ref("apps/v1", "DaemonSet", &ds.metadata));
    pod.metadata.labels.insert(HASH_LABEL.into(), hash.into());
    pod.metadata.labels.insert(GENERATION_LABEL.into(), ds.metadata.generation.max(1).to_string());
    let affinity = json!({"nodeAffinity": {"requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
        {"matchFields": [{"key": "metadata.name", "operator": "In", "values": [node]}]}
    ]}}});
    pod.spec.affinity = Some(affinity);
    for toleration in daemon_tolerations() {
        if !pod.spec.tolerations.iter().any(|t| t.key == toleration.key && t.effect == toleration.effect) {
            pod.spec.tolerations.push(toleration);
        }
    }
    pod
}

fn create_pod(cluster: &mut Cluster, ds: &DaemonSet, node: &str, hash: &str) -> bool {
    owned::create_pod(cluster, &Object::DaemonSet(ds.clone()), pod_for_node(ds, node, hash), COMPONENT)
}

fn delete_pod(cluster: &mut Cluster, ds: &DaemonSet, pod: &Pod) -> bool {
    owned::delete_pod(cluster, &Object::DaemonSet(ds.clone()), pod, COMPONENT)
}

/// The status the set's pods add up to now.
pub fn computed_status(cluster: &Cluster, ds: &DaemonSet, hash: &str) -> crate::cluster::objects::daemonset::DaemonSetStatus {
    let now: Time = cluster.now();
    let nodes = eligible_nodes(cluster, ds);
    let pods: Vec<&Pod> = owned_pods(cluster, ds).into_iter().filter(|p| p.is_active()).collect();
    let min_ready = ds.spec.min_ready_seconds.unwrap_or(0);
    let pod_on = |node: &String| pods.iter().find(|p| &node_of(p) == node).copied();
    let count = |f: &dyn Fn(&Pod) -> bool| nodes.iter().filter(|n| pod_on(n).is_some_and(f)).count() as i64;
    let desired = nodes.len() as i64;
    let available = count(&|p| super::replicaset::is_available(p, min_ready, now));
    let mut status = ds.status.clone();
    status.desired_number_scheduled = desired;
    status.current_number_scheduled = count(&|_| true);
    status.number_misscheduled = pods.iter().filter(|p| !nodes.contains(&node_of(p))).count() as i64;
    status.number_ready = count(&|p| p.is_ready());
    status.number_available = (available > 0).then_some(available);
    status.number_unavailable = (desired > available).then_some(desired - available);
    let updated = count(&|p| is_updated(p, hash));
    status.updated_number_scheduled = (updated > 0).then_some(updated);
    status.observed_generation = Some(ds.metadata.generation);
    status
}

fn write_status(cluster: &mut Cluster, ds: &DaemonSet, hash: &str) -> bool {
    let Some(Object::DaemonSet(current)) = cluster.get(Kind::DaemonSet, &ds.metadata.namespace, &ds.metadata.name).cloned() else {
        return false;
    };
    let status = computed_status(cluster, &current, hash);
    if status == current.status {
        return false;
    }
    let mut updated = current;
    updated.status = status;
    cluster.update_status(Object::DaemonSet(updated)).is_ok()
}

/// When a daemon pod next becomes available through `minReadySeconds`.
pub fn next_wake(cluster: &Cluster) -> Option<Time> {
    let now = cluster.now();
    cluster
        .store
        .list(Kind::DaemonSet, None)
        .into_iter()
        .filter_map(|o| match o {
            Object::DaemonSet(ds) if ds.spec.min_ready_seconds.unwrap_or(0) > 0 => Some(ds),
            _ => None,
        })
        .flat_map(|ds| {
            let delay = ds.spec.min_ready_seconds.unwrap_or(0) * 1000;
            owned_pods(cluster, ds).into_iter().filter_map(move |p| p.ready_since().map(|t| t.plus_ms(delay)))
        })
        .filter(|t| *t > now)
        .min()
}

#[cfg(test)]
mod tests;
