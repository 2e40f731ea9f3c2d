//! The volume side of the control plane, as a kind cluster has it: the default StorageClass
//! `standard` served by the local-path provisioner (`WaitForFirstConsumer`: a claim stays
//! `Pending` until a pod that uses it is scheduled, then a volume `pvc-<claim uid>` is created
//! and bound), storage defaults, and the scheduler's check that a pod's claims exist.

pub mod protection;

use super::super::defaults::default_template_spec;
use crate::cluster::objects::storage::{ClaimReference, PersistentVolumeSpec, PersistentVolumeStatus, DEFAULT_CLASS_ANNOTATION};
use crate::cluster::objects::{Kind, Object, ObjectMeta, PersistentVolume, PersistentVolumeClaim, Pod, StorageClass};
use crate::cluster::Cluster;
use serde_json::json;

/// Name of the cluster's default StorageClass (kind's).
pub const DEFAULT_CLASS: &str = "standard";
/// The provisioner of the default class.
pub const PROVISIONER: &str = "rancher.io/local-path";
/// The component name the provisioner records its events under.
const PROVISIONER_COMPONENT: &str = "rancher.io/local-path_local-path-provisioner-7dc846544d-hq7fz";

/// The StorageClass a fresh cluster has: `standard (default)`, local-path, WaitForFirstConsumer.
pub fn default_storage_class() -> StorageClass {
    let mut metadata = ObjectMeta { name: DEFAULT_CLASS.into(), ..Default::default() };
    metadata.annotations.insert(DEFAULT_CLASS_ANNOTATION.into(), "true".into());
    StorageClass {
        metadata,
        provisioner: PROVISIONER.into(),
        reclaim_policy: "Delete".into(),
        volume_binding_mode: "WaitForFirstConsumer".into(),
        ..Default::default()
    }
}

/// Defaults of StatefulSets and the storage kinds, as the API server (and the DefaultStorageClass
/// admission plugin, for a claim without a class) fills them.
pub fn apply_storage_defaults(object: &mut Object) {
    match object {
        Object::StatefulSet(sts) => {
            sts.spec.replicas.get_or_insert(1);
            sts.spec.revision_history_limit.get_or_insert(10);
            if sts.spec.pod_management_policy.is_empty() {
                sts.spec.pod_management_policy = "OrderedReady".into();
            }
            if sts.spec.update_strategy.type_.is_empty() {
                sts.spec.update_strategy.type_ = "RollingUpdate".into();
            }
            if sts.spec.update_strategy.type_ == "RollingUpdate" {
                let ru = sts.spec.update_strategy.rolling_update.get_or_insert_with(Default::default);
                ru.partition.get_or_insert(0);
            }
            let policy = sts.spec.persistent_volume_claim_retention_policy.get_or_insert_with(Default::default);
            for field in [&mut policy.when_deleted, &mut policy.when_scaled] {
                if field.is_empty() {
                    *field = "Retain".into();
                }
            }
            default_template_spec(&mut sts.spec.template.spec);
            for claim in &mut sts.spec.volume_claim_templates {
                claim.api_version = "v1".into();
                claim.kind = "PersistentVolumeClaim".into();
                default_claim(claim, false);
            }
        }
        Object::PersistentVolumeClaim(claim) => {
            default_claim(claim, true);
            protection::protect(object);
        }
        Object::PersistentVolume(pv) => {
            if pv.spec.persistent_volume_reclaim_policy.is_empty() {
                pv.spec.persistent_volume_reclaim_policy = "Retain".into();
            }
            if pv.spec.volume_mode.is_empty() {
                pv.spec.volume_mode = "Filesystem".into();
            }
            if pv.status.phase.is_empty() {
                pv.status.phase = "Pending".into();
            }
            protection::protect(object);
        }
        Object::StorageClass(class) => {
            if class.reclaim_policy.is_empty() {
                class.reclaim_policy = "Delete".into();
            }
            if class.volume_binding_mode.is_empty() {
                class.volume_binding_mode = "Immediate".into();
            }
        }
        _ => {}
    }
}

fn default_claim(claim: &mut PersistentVolumeClaim, stored: bool) {
    if claim.spec.volume_mode.is_empty() {
        claim.spec.volume_mode = "Filesystem".into();
    }
    if stored && claim.spec.storage_class_name.is_none() {
        claim.spec.storage_class_name = Some(DEFAULT_CLASS.into());
    }
    if claim.status.phase.is_empty() {
        claim.status.phase = "Pending".into();
    }
}

/// The claim names a pod's volumes refer to.
pub fn claim_names(pod: &Pod) -> Vec<String> {
    pod.spec
        .volumes
        .iter()
        .filter_map(|v| v.persistent_volume_claim.as_ref())
        .filter_map(|c| c.get("claimName").and_then(|n| n.as_str()).map(String::from))
        .collect()
}

/// Why the scheduler cannot place `pod` because of its claims, worded as the scheduler's
/// FailedScheduling event, or `None` when every claim exists.
pub fn unschedulable_reason(cluster: &Cluster, pod: &Pod) -> Option<String> {
    let nodes = cluster.store.list(Kind::Node, None).len();
    let problem = claim_names(pod).into_iter().find_map(|name| match cluster.get(Kind::PersistentVolumeClaim, &pod.metadata.namespace, &name) {
        None => Some(format!("persistentvolumeclaim \"{name}\" not found")),
        Some(claim) if claim.meta().deletion_timestamp.is_some() => Some(format!("persistentvolumeclaim \"{name}\" is being deleted")),
        Some(_) => None,
    })?;
    Some(format!(
        "0/{nodes} nodes are available: {problem}. preemption: 0/{nodes} nodes are available: {nodes} Preemption is not helpful for scheduling."
    ))
}

/// Records the scheduler's FailedScheduling event for `pod`, once per distinct message (the
/// real scheduler retries with back-off; repeating it on every pass would never settle).
pub fn report_unschedulable(cluster: &mut Cluster, pod: &Pod, message: &str) {
    let seen = cluster.events_about(&pod.metadata.uid).iter().any(|e| e.reason == "FailedScheduling" && e.message == message);
    if !seen {
        cluster.record_event(&Object::Pod(pod.clone()), "Warning", "FailedScheduling", message, "default-scheduler", "");
    }
}

/// One pass: binds every pending claim that can be bound; true when it changed anything.
pub fn reconcile(cluster: &mut Cluster) -> bool {
    let pending: Vec<PersistentVolumeClaim> = cluster
        .store
        .list(Kind::PersistentVolumeClaim, None)
        .into_iter()
        .filter_map(|o| match o {
            Object::PersistentVolumeClaim(c) if c.status.phase != "Bound" && c.metadata.deletion_timestamp.is_none() => Some(c.clone()),
            _ => None,
        })
        .collect();
    let mut changed = false;
    for claim in pending {
        changed |= sync_claim(cluster, claim);
    }
    changed | protection::reconcile(cluster)
}

/// When the volume side wants to run again (a released volume due for deletion).
pub fn next_wake(cluster: &Cluster) -> Option<crate::cluster::objects::Time> {
    protection::next_wake(cluster)
}

/// The node of the first scheduled, active pod that uses the claim.
fn consumer_node(cluster: &Cluster, claim: &PersistentVolumeClaim) -> Option<String> {
    cluster.store.list(Kind::Pod, Some(&claim.metadata.namespace)).into_iter().find_map(|o| match o {
        Object::Pod(p) if !p.spec.node_name.is_empty() && p.is_active() && claim_names(p).contains(&claim.metadata.name) => {
            Some(p.spec.node_name.clone())
        }
        _ => None,
    })
}

fn sync_claim(cluster: &mut Cluster, claim: PersistentVolumeClaim) -> bool {
    let class_name = claim.spec.storage_class_name.clone().unwrap_or_default();
    let class = match cluster.get(Kind::StorageClass, "", &class_name) {
        Some(Object::StorageClass(c)) => c.clone(),
        _ => return false,
    };
    let node = if class.volume_binding_mode == "WaitForFirstConsumer" {
        match consumer_node(cluster, &claim) {
            Some(node) => node,
            None => {
                note_once(cluster, &claim, "Normal", "WaitForFirstConsumer", "waiting for first consumer to be created before binding", "persistentvolume-controller");
                return false;
            }
        }
    } else {
        crate::cluster::bootstrap::NODE_NAMES[0].to_string()
    };
    provision(cluster, claim, &class, &node)
}

/// Records an event about a claim unless the same one was already recorded.
fn note_once(cluster: &mut Cluster, claim: &PersistentVolumeClaim, type_: &str, reason: &str, message: &str, component: &str) {
    let seen = cluster.events_about(&claim.metadata.uid).iter().any(|e| e.reason == reason);
    if !seen {
        cluster.record_event(&Object::PersistentVolumeClaim(claim.clone()), type_, reason, message, component, "");
    }
}

fn provision(cluster: &mut Cluster, mut claim: PersistentVolumeClaim, class: &StorageClass, node: &str) -> bool {
    let claim_object = Object::PersistentVolumeClaim(claim.clone());
    let (ns, name) = (claim.metadata.namespace.clone(), claim.metadata.name.clone());
    let message = format!("External provisioner is provisioning volume for claim \"{ns}/{name}\"");
    cluster.record_event(&claim_object, "Normal", "Provisioning", &message, PROVISIONER_COMPONENT, "");
    let volume_name = format!("pvc-{}", claim.metadata.uid);
    let mut capacity = crate::cluster::objects::StringMap::new();
    capacity.insert("storage".into(), claim.requested_storage());
    let mut metadata = ObjectMeta { name: volume_name.clone(), ..Default::default() };
    metadata.annotations.insert("local.path.provisioner/selected-node".into(), node.into());
    metadata.annotations.insert("pv.kubernetes.io/provisioned-by".into(), class.provisioner.clone());
    let volume = PersistentVolume {
        metadata,
        spec: PersistentVolumeSpec {
            access_modes: claim.spec.access_modes.clone(),
            capacity: capacity.clone(),
            claim_ref: Some(ClaimReference {
                api_version: "v1".into(),
                kind: "PersistentVolumeClaim".into(),
                name: name.clone(),
                namespace: ns.clone(),
                resource_version: claim.metadata.resource_version.clone(),
                uid: claim.metadata.uid.clone(),
            }),
            host_path: Some(json!({"path": format!("/var/local-path-provisioner/{volume_name}_{ns}_{name}"), "type": "DirectoryOrCreate"})),
            node_affinity: Some(json!({"required": {"nodeSelectorTerms": [{"matchExpressions": [{"key": "kubernetes.io/hostname", "operator": "In", "values": [node]}]}]}})),
            persistent_volume_reclaim_policy: class.reclaim_policy.clone(),
            storage_class_name: class.metadata.name.clone(),
            volume_mode: "Filesystem".into(),
            ..Default::default()
        },
        status: PersistentVolumeStatus::default(),
        ..Default::default()
    };
    let Ok(created) = cluster.create(Object::PersistentVolume(volume)) else { return false };
    if let Object::PersistentVolume(mut pv) = created {
        pv.status.phase = "Bound".into();
        pv.status.last_phase_transition_time = Some(cluster.now());
        let _ = cluster.update_status(Object::PersistentVolume(pv));
    }
    let annotations = &mut claim.metadata.annotations;
    annotations.insert("pv.kubernetes.io/bind-completed".into(), "yes".into());
    annotations.insert("pv.kubernetes.io/bound-by-controller".into(), "yes".into());
    annotations.insert("volume.beta.kubernetes.io/storage-provisioner".into(), class.provisioner.clone());
    annotations.insert("volume.kubernetes.io/selected-node".into(), node.into());
    annotations.insert("volume.kubernetes.io/storage-provisioner".into(), class.provisioner.clone());
    claim.spec.volume_name = volume_name.clone();
    claim.status.phase = "Bound".into();
    claim.status.access_modes = claim.spec.access_modes.clone();
    claim.status.capacity = capacity;
    let message = format!("Successfully provisioned volume {volume_name}");
    cluster.record_event(&claim_object, "Normal", "ProvisioningSucceeded", &message, PROVISIONER_COMPONENT, "");
    cluster.update_status(Object::PersistentVolumeClaim(claim)).is_ok()
}
