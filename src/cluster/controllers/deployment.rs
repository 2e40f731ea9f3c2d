//! The deployment controller: turns a Deployment's template into ReplicaSets and rolls from the
//! old ones to the new one with the real controller's arithmetic (maxSurge rounded up,
//! maxUnavailable rounded down, scale up then scale down gated on available pods), keeps
//! revisions (rollbacks renumber the reused ReplicaSet), cleans up beyond revisionHistoryLimit,
//! and reports status and conditions.

use super::replicaset::{next_available, owned_pods};
use crate::cluster::names::pod_template_hash;
use crate::cluster::objects::workload::{DeploymentStatus, IntOrString, WorkloadCondition};
use crate::cluster::objects::{Deployment, Kind, Object, ObjectMeta, PodTemplateSpec, ReplicaSet, Time};
use crate::cluster::Cluster;

/// Annotation holding the revision number, on the Deployment and each ReplicaSet.
pub const REVISION: &str = "deployment.kubernetes.io/revision";
/// Earlier revision numbers a reused ReplicaSet had (after `rollout undo`).
pub const REVISION_HISTORY: &str = "deployment.kubernetes.io/revision-history";
const DESIRED_REPLICAS: &str = "deployment.kubernetes.io/desired-replicas";
const MAX_REPLICAS: &str = "deployment.kubernetes.io/max-replicas";
/// The label that ties a ReplicaSet and its pods to one template.
pub const POD_TEMPLATE_HASH: &str = "pod-template-hash";

/// Annotations of the Deployment that are not copied to its ReplicaSets.
const NOT_COPIED: &[&str] = &[
    "kubectl.kubernetes.io/last-applied-configuration",
    REVISION,
    REVISION_HISTORY,
    DESIRED_REPLICAS,
    MAX_REPLICAS,
];

/// One pass of the deployment controller; true when it changed anything.
pub fn reconcile(cluster: &mut Cluster) -> bool {
    let deployments: Vec<Deployment> = cluster
        .store
        .list(Kind::Deployment, None)
        .into_iter()
        .filter_map(|o| match o {
            Object::Deployment(d) if d.metadata.deletion_timestamp.is_none() && d.spec.selector.is_some() => Some(d.clone()),
            _ => None,
        })
        .collect();
    let mut changed = false;
    for d in deployments {
        changed |= sync(cluster, &d);
        changed |= sync_status(cluster, &d.metadata.namespace, &d.metadata.name);
    }
    changed
}

/// When a pod becomes available after `minReadySeconds`, or a stalled rollout hits its
/// progress deadline.
pub fn next_wake(cluster: &Cluster) -> Option<Time> {
    let now = cluster.now();
    let deadlines = cluster.store.list(Kind::Deployment, None).into_iter().filter_map(|o| match o {
        Object::Deployment(d) => d
            .status
            .conditions
            .iter()
            .find(|c| c.type_ == "Progressing" && c.status == "True" && c.reason != "NewReplicaSetAvailable")
            .and_then(|c| c.last_update_time)
            .map(|t| t.plus_ms(d.spec.progress_deadline_seconds.unwrap_or(600) * 1000)),
        _ => None,
    });
    next_available(cluster).into_iter().chain(deadlines).filter(|t| *t > now).min()
}

/// Whether the rollout moved since the last status: more updated, ready or available pods, or
/// fewer old ones.
fn made_progress(before: &DeploymentStatus, after: &DeploymentStatus) -> bool {
    let n = |v: Option<i64>| v.unwrap_or(0);
    n(after.updated_replicas) > n(before.updated_replicas)
        || n(after.ready_replicas) > n(before.ready_replicas)
        || n(after.available_replicas) > n(before.available_replicas)
        || n(after.replicas) < n(before.replicas)
}

/// `(maxSurge, maxUnavailable)` resolved against the desired count, as the controller does.
pub fn surge_and_unavailable(d: &Deployment) -> (i64, i64) {
    let desired = d.spec.replicas.unwrap_or(1);
    if d.spec.strategy.type_ == "Recreate" {
        return (0, 0);
    }
    let ru = d.spec.strategy.rolling_update.clone().unwrap_or_default();
    let surge = ru.max_surge.unwrap_or(IntOrString::String("25%".into())).resolve(desired, true);
    let unavailable = ru.max_unavailable.unwrap_or(IntOrString::String("25%".into())).resolve(desired, false);
    if surge == 0 && unavailable == 0 { (0, 1) } else { (surge, unavailable.min(desired)) }
}

/// The ReplicaSets a Deployment owns, oldest revision first.
pub fn owned_replica_sets(cluster: &Cluster, d: &Deployment) -> Vec<ReplicaSet> {
    let mut sets: Vec<ReplicaSet> = cluster
        .store
        .list(Kind::ReplicaSet, Some(&d.metadata.namespace))
        .into_iter()
        .filter_map(|o| match o {
            Object::ReplicaSet(rs) if rs.metadata.owner_references.iter().any(|r| r.uid == d.metadata.uid) => Some(rs.clone()),
            _ => None,
        })
        .collect();
    sets.sort_by_key(|rs| (revision_of(rs), rs.metadata.creation_timestamp));
    sets
}

/// The revision number of a ReplicaSet (0 when unset).
pub fn revision_of(rs: &ReplicaSet) -> i64 {
    rs.metadata.annotations.get(REVISION).and_then(|r| r.parse().ok()).unwrap_or(0)
}

/// A template with the pod-template-hash label removed, for comparing templates.
pub fn without_hash(template: &PodTemplateSpec) -> PodTemplateSpec {
    let mut t = template.clone();
    t.metadata.labels.remove(POD_TEMPLATE_HASH);
    t
}

fn replicas(rs: &ReplicaSet) -> i64 {
    rs.spec.replicas.unwrap_or(0)
}

fn available(rs: &ReplicaSet) -> i64 {
    rs.status.available_replicas.unwrap_or(0)
}

fn sync(cluster: &mut Cluster, d: &Deployment) -> bool {
    let sets = owned_replica_sets(cluster, d);
    let target = without_hash(&d.spec.template);
    let new_rs = sets.iter().find(|rs| without_hash(&rs.spec.template) == target).cloned();
    let old: Vec<ReplicaSet> = sets.iter().filter(|rs| Some(&rs.metadata.uid) != new_rs.as_ref().map(|n| &n.metadata.uid)).cloned().collect();
    let desired = d.spec.replicas.unwrap_or(1);
    if d.spec.paused {
        return scale_if_needed(cluster, d, new_rs.as_ref(), &old);
    }
    let recreate = d.spec.strategy.type_ == "Recreate";
    let new_rs = match new_rs {
        Some(rs) => {
            if sync_revision(cluster, d, &rs, &old) {
                return true;
            }
            rs
        }
        None if recreate => {
            if scale_old_to_zero(cluster, d, &old) {
                return true;
            }
            if old.iter().any(|rs| !owned_pods(cluster, rs).is_empty()) {
                return false;
            }
            return create_new_replica_set(cluster, d, &old, desired);
        }
        None => {
            let (surge, _) = surge_and_unavailable(d);
            let current: i64 = old.iter().map(replicas).sum();
            let size = if current == 0 { desired } else { (desired + surge - current).clamp(0, desired) };
            return create_new_replica_set(cluster, d, &old, size);
        }
    };
    if scale_if_needed(cluster, d, Some(&new_rs), &old) {
        return true;
    }
    if recreate {
        if scale_old_to_zero(cluster, d, &old) {
            return true;
        }
        if old.iter().any(|rs| !owned_pods(cluster, rs).is_empty()) {
            return false;
        }
        if replicas(&new_rs) != desired {
            return scale_replica_set(cluster, d, &new_rs, desired);
        }
    } else {
        if reconcile_new(cluster, d, &new_rs, &old) {
            return true;
        }
        if reconcile_old(cluster, d, &new_rs, &old) {
            return true;
        }
    }
    if is_complete(cluster, d, &new_rs, &old) {
        return cleanup(cluster, d, &old);
    }
    false
}

/// Makes sure the new ReplicaSet carries the highest revision and the Deployment shows it.
fn sync_revision(cluster: &mut Cluster, d: &Deployment, rs: &ReplicaSet, old: &[ReplicaSet]) -> bool {
    let max_old = old.iter().map(revision_of).max().unwrap_or(0);
    let current = revision_of(rs);
    let mut changed = false;
    let mut updated = rs.clone();
    if current <= max_old {
        if current > 0 {
            let history = updated.metadata.annotations.get(REVISION_HISTORY).cloned();
            let history = match history {
                Some(h) if !h.is_empty() => format!("{h},{current}"),
                _ => current.to_string(),
            };
            updated.metadata.annotations.insert(REVISION_HISTORY.into(), history);
        }
        updated.metadata.annotations.insert(REVISION.into(), (max_old + 1).to_string());
    }
    copy_annotations(d, &mut updated);
    if updated != *rs {
        changed |= cluster.update_status(Object::ReplicaSet(updated.clone())).is_ok();
    }
    let revision = updated.metadata.annotations.get(REVISION).cloned().unwrap_or_default();
    if d.metadata.annotations.get(REVISION) != Some(&revision) {
        if let Some(Object::Deployment(mut live)) = cluster.get(Kind::Deployment, &d.metadata.namespace, &d.metadata.name).cloned() {
            live.metadata.annotations.insert(REVISION.into(), revision);
            changed |= cluster.update_status(Object::Deployment(live)).is_ok();
        }
    }
    changed
}

/// Copies the Deployment's own annotations (e.g. `kubernetes.io/change-cause`) to the RS.
fn copy_annotations(d: &Deployment, rs: &mut ReplicaSet) {
    for (k, v) in &d.metadata.annotations {
        if !NOT_COPIED.contains(&k.as_str()) {
            rs.metadata.annotations.insert(k.clone(), v.clone());
        }
    }
}

fn create_new_replica_set(cluster: &mut Cluster, d: &Deployment, old: &[ReplicaSet], size: i64) -> bool {
    let mut collision = d.status.collision_count.unwrap_or(0);
    let (hash, name) = loop {
        let hash = pod_template_hash(&without_hash(&d.spec.template), collision);
        let name = format!("{}-{hash}", d.metadata.name);
        if cluster.get(Kind::ReplicaSet, &d.metadata.namespace, &name).is_none() || collision > 10 {
            break (hash, name);
        }
        collision += 1;
    };
    let revision = old.iter().map(revision_of).max().unwrap_or(0) + 1;
    let (surge, _) = surge_and_unavailable(d);
    let desired = d.spec.replicas.unwrap_or(1);
    let mut template = without_hash(&d.spec.template);
    template.metadata.labels.insert(POD_TEMPLATE_HASH.into(), hash.clone());
    let mut selector = d.spec.selector.clone().unwrap_or_default();
    selector.match_labels.insert(POD_TEMPLATE_HASH.into(), hash.clone());
    let mut rs = ReplicaSet {
        metadata: ObjectMeta {
            name: name.clone(),
            namespace: d.metadata.namespace.clone(),
            labels: template.metadata.labels.clone(),
            owner_references: vec![super::owned::controller_ref("apps/v1", "Deployment", &d.metadata)],
            ..Default::default()
        },
        ..Default::default()
    };
    rs.metadata.annotations.insert(DESIRED_REPLICAS.into(), desired.to_string());
    rs.metadata.annotations.insert(MAX_REPLICAS.into(), (desired + surge).to_string());
    rs.metadata.annotations.insert(REVISION.into(), revision.to_string());
    copy_annotations(d, &mut rs);
    rs.spec.replicas = Some(size);
    rs.spec.min_ready_seconds = d.spec.min_ready_seconds;
    rs.spec.selector = Some(selector);
    rs.spec.template = template;
    let deployment_object = Object::Deployment(d.clone());
    match cluster.create(Object::ReplicaSet(rs)) {
        Ok(_) => {
            if size > 0 {
                let msg = format!("Scaled up replica set {name} to {size}");
                cluster.record_event(&deployment_object, "Normal", "ScalingReplicaSet", &msg, "deployment-controller", "");
            }
            if let Some(Object::Deployment(mut live)) = cluster.get(Kind::Deployment, &d.metadata.namespace, &d.metadata.name).cloned() {
                live.metadata.annotations.insert(REVISION.into(), revision.to_string());
                if collision > 0 {
                    live.status.collision_count = Some(collision);
                }
                set_condition(&mut live.status, cluster.now(), "Progressing", "True", "NewReplicaSetCreated", &format!("Created new replica set \"{name}\""));
                let _ = cluster.update_status(Object::Deployment(live));
            }
            true
        }
        Err(_) => false,
    }
}

/// Sets a ReplicaSet's size and records the ScalingReplicaSet event.
fn scale_replica_set(cluster: &mut Cluster, d: &Deployment, rs: &ReplicaSet, size: i64) -> bool {
    let from = replicas(rs);
    let (surge, _) = surge_and_unavailable(d);
    let desired = d.spec.replicas.unwrap_or(1);
    let mut updated = rs.clone();
    updated.spec.replicas = Some(size);
    updated.metadata.annotations.insert(DESIRED_REPLICAS.into(), desired.to_string());
    updated.metadata.annotations.insert(MAX_REPLICAS.into(), (desired + surge).to_string());
    if updated == *rs {
        return false;
    }
    if cluster.update_status(Object::ReplicaSet(updated)).is_err() {
        return false;
    }
    if from != size {
        let direction = if size > from { "up" } else { "down" };
        let msg = format!("Scaled {direction} replica set {} from {from} to {size}", rs.metadata.name);
        cluster.record_event(&Object::Deployment(d.clone()), "Normal", "ScalingReplicaSet", &msg, "deployment-controller", "");
    }
    true
}

fn scale_old_to_zero(cluster: &mut Cluster, d: &Deployment, old: &[ReplicaSet]) -> bool {
    let mut changed = false;
    for rs in old.iter().filter(|rs| replicas(rs) > 0) {
        changed |= scale_replica_set(cluster, d, rs, 0);
    }
    changed
}

/// Handles a change of `spec.replicas` (a scaling event) outside of a rollout step.
fn scale_if_needed(cluster: &mut Cluster, d: &Deployment, new_rs: Option<&ReplicaSet>, old: &[ReplicaSet]) -> bool {
    let desired = d.spec.replicas.unwrap_or(1);
    let all: Vec<&ReplicaSet> = new_rs.into_iter().chain(old.iter()).collect();
    let active: Vec<&ReplicaSet> = all.iter().copied().filter(|rs| replicas(rs) > 0).collect();
    let scaling_event = active.iter().any(|rs| {
        rs.metadata.annotations.get(DESIRED_REPLICAS).and_then(|v| v.parse::<i64>().ok()) != Some(desired)
    });
    if active.len() <= 1 {
        let target = active.first().copied().or(new_rs).or(old.last());
        return match target {
            Some(rs) if replicas(rs) != desired && scaling_event => {
                scale_replica_set(cluster, d, rs, desired)
            }
            _ => false,
        };
    }
    if !scaling_event {
        return false;
    }
    let (surge, _) = surge_and_unavailable(d);
    let allowed = desired + surge;
    let current: i64 = active.iter().map(|rs| replicas(rs)).sum();
    let mut to_add = allowed - current;
    if to_add == 0 {
        return false;
    }
    let mut sorted = active.clone();
    sorted.sort_by_key(|rs| std::cmp::Reverse(replicas(rs)));
    let mut sizes: Vec<i64> = sorted.iter().map(|rs| replicas(rs)).collect();
    let total = current.max(1);
    let mut remaining = to_add;
    for (i, rs) in sorted.iter().enumerate() {
        let share = to_add * replicas(rs) / total;
        let share = if to_add > 0 { share.min(remaining) } else { share.max(remaining) };
        sizes[i] = (sizes[i] + share).max(0);
        remaining -= share;
    }
    if remaining != 0 {
        sizes[0] = (sizes[0] + remaining).max(0);
    }
    to_add = 0;
    let _ = to_add;
    let mut changed = false;
    for (rs, size) in sorted.iter().zip(sizes) {
        changed |= scale_replica_set(cluster, d, rs, size);
    }
    changed
}

/// Rolling update, scale-up half: grow the new ReplicaSet within maxSurge.
fn reconcile_new(cluster: &mut Cluster, d: &Deployment, new_rs: &ReplicaSet, old: &[ReplicaSet]) -> bool {
    let desired = d.spec.replicas.unwrap_or(1);
    let current_new = replicas(new_rs);
    if current_new == desired {
        return false;
    }
    if current_new > desired {
        return scale_replica_set(cluster, d, new_rs, desired);
    }
    let (surge, _) = surge_and_unavailable(d);
    let total: i64 = current_new + old.iter().map(replicas).sum::<i64>();
    let max_total = desired + surge;
    if total >= max_total {
        return false;
    }
    let up = (max_total - total).min(desired - current_new);
    scale_replica_set(cluster, d, new_rs, current_new + up)
}

/// Rolling update, scale-down half: shrink old ReplicaSets while availability allows.
fn reconcile_old(cluster: &mut Cluster, d: &Deployment, new_rs: &ReplicaSet, old: &[ReplicaSet]) -> bool {
    let old_count: i64 = old.iter().map(replicas).sum();
    if old_count == 0 {
        return false;
    }
    let desired = d.spec.replicas.unwrap_or(1);
    let (_, max_unavailable) = surge_and_unavailable(d);
    let all_pods = replicas(new_rs) + old_count;
    let min_available = desired - max_unavailable;
    let new_unavailable = replicas(new_rs) - available(new_rs);
    let mut budget = all_pods - min_available - new_unavailable;
    if budget <= 0 {
        return false;
    }
    let mut changed = false;
    let mut sizes: Vec<(ReplicaSet, i64)> = old.iter().map(|rs| (rs.clone(), replicas(rs))).collect();
    for (rs, size) in sizes.iter_mut() {
        if budget <= 0 {
            break;
        }
        let unhealthy = *size - available(rs);
        let cut = unhealthy.min(budget).max(0);
        if cut > 0 {
            *size -= cut;
            budget -= cut;
            changed |= scale_replica_set(cluster, d, rs, *size);
        }
    }
    if changed {
        return true;
    }
    let total_available: i64 = available(new_rs) + old.iter().map(available).sum::<i64>();
    let mut scale_down = total_available - min_available;
    if scale_down <= 0 {
        return false;
    }
    for (rs, size) in sizes {
        if scale_down <= 0 {
            break;
        }
        let cut = size.min(scale_down);
        if cut > 0 {
            scale_down -= cut;
            changed |= scale_replica_set(cluster, d, &rs, size - cut);
        }
    }
    changed
}

fn is_complete(cluster: &Cluster, d: &Deployment, new_rs: &ReplicaSet, old: &[ReplicaSet]) -> bool {
    let desired = d.spec.replicas.unwrap_or(1);
    let _ = cluster;
    replicas(new_rs) == desired
        && new_rs.status.replicas == desired
        && available(new_rs) >= desired
        && old.iter().all(|rs| replicas(rs) == 0 && rs.status.replicas == 0)
}

/// Deletes old, empty ReplicaSets beyond `revisionHistoryLimit`, oldest first.
fn cleanup(cluster: &mut Cluster, d: &Deployment, old: &[ReplicaSet]) -> bool {
    let limit = d.spec.revision_history_limit.unwrap_or(10).max(0) as usize;
    let empty: Vec<&ReplicaSet> = old.iter().filter(|rs| replicas(rs) == 0 && rs.status.replicas == 0).collect();
    if empty.len() <= limit {
        return false;
    }
    let mut changed = false;
    for rs in empty.iter().take(empty.len() - limit) {
        changed |= cluster
            .delete(Kind::ReplicaSet, &rs.metadata.namespace, &rs.metadata.name, Default::default())
            .is_ok();
    }
    changed
}

fn set_condition(status: &mut DeploymentStatus, now: Time, type_: &str, value: &str, reason: &str, message: &str) {
    match status.conditions.iter_mut().find(|c| c.type_ == type_) {
        Some(c) => {
            if c.status != value {
                c.last_transition_time = Some(now);
            }
            if c.reason != reason || c.message != message || c.status != value {
                c.last_update_time = Some(now);
            }
            c.status = value.into();
            c.reason = reason.into();
            c.message = message.into();
        }
        None => status.conditions.push(WorkloadCondition {
            last_transition_time: Some(now),
            last_update_time: Some(now),
            message: message.into(),
            reason: reason.into(),
            status: value.into(),
            type_: type_.into(),
        }),
    }
    status.conditions.sort_by_key(|c| if c.type_ == "Available" { 0 } else { 1 });
}

fn sync_status(cluster: &mut Cluster, namespace: &str, name: &str) -> bool {
    let Some(Object::Deployment(d)) = cluster.get(Kind::Deployment, namespace, name).cloned() else { return false };
    let sets = owned_replica_sets(cluster, &d);
    let target = without_hash(&d.spec.template);
    let new_rs = sets.iter().find(|rs| without_hash(&rs.spec.template) == target);
    let desired = d.spec.replicas.unwrap_or(1);
    let (_, max_unavailable) = surge_and_unavailable(&d);
    let some = |n: i64| if n == 0 { None } else { Some(n) };
    let total_spec: i64 = sets.iter().map(replicas).sum();
    let avail: i64 = sets.iter().map(available).sum();
    let mut status = d.status.clone();
    status.replicas = some(sets.iter().map(|rs| rs.status.replicas).sum());
    status.updated_replicas = some(new_rs.map_or(0, |rs| rs.status.replicas));
    status.ready_replicas = some(sets.iter().map(|rs| rs.status.ready_replicas.unwrap_or(0)).sum());
    status.available_replicas = some(avail);
    status.unavailable_replicas = some((total_spec - avail).max(0));
    status.observed_generation = Some(d.metadata.generation);
    let now = cluster.now();
    if avail >= desired - max_unavailable {
        set_condition(&mut status, now, "Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.");
    } else {
        set_condition(&mut status, now, "Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.");
    }
    if let Some(rs) = new_rs {
        let old_left = sets.iter().any(|o| o.metadata.uid != rs.metadata.uid && (replicas(o) > 0 || o.status.replicas > 0));
        let complete = replicas(rs) == desired && rs.status.replicas == desired && available(rs) >= desired && !old_left;
        let name = &rs.metadata.name;
        if d.spec.paused {
            set_condition(&mut status, now, "Progressing", "Unknown", "DeploymentPaused", "Deployment is paused");
        } else if complete {
            set_condition(&mut status, now, "Progressing", "True", "NewReplicaSetAvailable", &format!("ReplicaSet \"{name}\" has successfully progressed."));
        } else {
            let current = status.conditions.iter().find(|c| c.type_ == "Progressing").cloned();
            let progressed = made_progress(&d.status, &status);
            let deadline = d.spec.progress_deadline_seconds.unwrap_or(600) * 1000;
            let stalled_since = current.as_ref().and_then(|c| c.last_update_time).unwrap_or(now);
            let fresh = current.as_ref().is_some_and(|c| c.reason == "NewReplicaSetCreated" && c.message.contains(name.as_str()));
            if progressed {
                set_condition(&mut status, now, "Progressing", "True", "ReplicaSetUpdated", &format!("ReplicaSet \"{name}\" is progressing."));
                if let Some(c) = status.conditions.iter_mut().find(|c| c.type_ == "Progressing") {
                    c.last_update_time = Some(now);
                }
            } else if stalled_since.plus_ms(deadline) <= now {
                set_condition(&mut status, now, "Progressing", "False", "ProgressDeadlineExceeded", &format!("ReplicaSet \"{name}\" has timed out progressing."));
            } else if !fresh && current.as_ref().is_none_or(|c| c.reason != "ProgressDeadlineExceeded") {
                set_condition(&mut status, now, "Progressing", "True", "ReplicaSetUpdated", &format!("ReplicaSet \"{name}\" is progressing."));
            }
        }
    }
    if status == d.status {
        return false;
    }
    let mut updated = d;
    updated.status = status;
    cluster.update_status(Object::Deployment(updated)).is_ok()
}
