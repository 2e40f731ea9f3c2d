//! `kubectl describe` for StatefulSets and the storage kinds: claims, volumes and classes.

use super::common::{annotations_multiline, events, labels_multiline, pod_template, pods_status, rfc1123z_or_zero, since};
use super::writer::DescribeWriter;
use crate::cluster::objects::meta::labels_string;
use crate::cluster::objects::{
    Event, Kind, Object, PersistentVolume, PersistentVolumeClaim, Pod, StatefulSet, StorageClass, StringMap, Time,
};
use crate::cluster::Cluster;
use serde_json::Value;

/// The annotation that names a claim's or volume's class before `storageClassName` existed.
const BETA_CLASS_ANNOTATION: &str = "volume.beta.kubernetes.io/storage-class";

/// The describe text of a StatefulSet, claim, volume or class; `None` for any other kind.
pub fn describe_storage(cluster: &Cluster, object: &Object, object_events: &[Event], now: Time) -> Option<String> {
    let text = match object {
        Object::StatefulSet(set) => {
            let pods = namespace_pods(cluster, &set.metadata.namespace);
            describe_stateful_set(set, &pods, object_events, now)
        }
        Object::PersistentVolumeClaim(claim) => {
            let pods = namespace_pods(cluster, &claim.metadata.namespace);
            describe_claim(claim, &pods, object_events, now)
        }
        Object::PersistentVolume(volume) => describe_volume(volume, object_events, now),
        Object::StorageClass(class) => describe_storage_class(class, object_events, now),
        _ => return None,
    };
    Some(text)
}

fn namespace_pods(cluster: &Cluster, namespace: &str) -> Vec<Pod> {
    cluster
        .list(Kind::Pod, Some(namespace))
        .into_iter()
        .filter_map(|o| if let Object::Pod(p) = o { Some(p) } else { None })
        .collect()
}

/// The describe text of a StatefulSet; `pods` are those of its namespace (the ones it controls
/// and its selector matches are counted in `Pods Status`).
pub fn describe_stateful_set(set: &StatefulSet, pods: &[Pod], set_events: &[Event], now: Time) -> String {
    let mut w = DescribeWriter::new();
    let (meta, spec) = (&set.metadata, &set.spec);
    w.write(0, &format!("Name:\t{}\n", meta.name));
    w.write(0, &format!("Namespace:\t{}\n", meta.namespace));
    w.write(0, &format!("CreationTimestamp:\t{}\n", rfc1123z_or_zero(meta.creation_timestamp)));
    let selector = spec.selector.as_ref().map(|s| s.to_selector_string()).unwrap_or_default();
    w.write(0, &format!("Selector:\t{selector}\n"));
    labels_multiline(&mut w, "Labels", &meta.labels);
    annotations_multiline(&mut w, "Annotations", &meta.annotations);
    if !spec.service_name.is_empty() {
        w.write(0, &format!("Service Name:\t{}\n", spec.service_name));
    }
    if !spec.pod_management_policy.is_empty() {
        w.write(0, &format!("Pod Management Policy:\t{}\n", spec.pod_management_policy));
    }
    w.write(0, &format!("Replicas:\t{} desired | {} total\n", spec.replicas.unwrap_or(1), set.status.replicas));
    w.write(0, &format!("Update Strategy:\t{}\n", spec.update_strategy.type_));
    if let Some(rolling) = &spec.update_strategy.rolling_update {
        if let Some(partition) = rolling.partition {
            w.write(1, &format!("Partition:\t{partition}\n"));
            if let Some(max) = &rolling.max_unavailable {
                w.write(1, &format!("MaxUnavailable:\t{}\n", max.display()));
            }
        }
    }
    if let Some(policy) = &spec.persistent_volume_claim_retention_policy {
        w.write(0, "Persistent Volume Claim Retention Policy:\n");
        w.write(1, &format!("WhenDeleted:\t{}\n", policy.when_deleted));
        w.write(1, &format!("WhenScaled:\t{}\n", policy.when_scaled));
    }
    let controlled: Vec<&Pod> = pods
        .iter()
        .filter(|p| p.metadata.owner_references.iter().any(|o| o.controller == Some(true) && o.uid == meta.uid))
        .filter(|p| spec.selector.as_ref().is_some_and(|s| s.matches(&p.metadata.labels)))
        .collect();
    pods_status(&mut w, controlled);
    pod_template(&mut w, &spec.template);
    volume_claim_templates(&mut w, &spec.volume_claim_templates);
    events(&mut w, set_events, now);
    w.finish()
}

/// The `Volume Claims:` block: one entry per claim template.
fn volume_claim_templates(w: &mut DescribeWriter, templates: &[PersistentVolumeClaim]) {
    if templates.is_empty() {
        w.write(0, "Volume Claims:\t<none>\n");
        return;
    }
    w.write(0, "Volume Claims:\n");
    for claim in templates {
        w.write(1, &format!("Name:\t{}\n", claim.metadata.name));
        w.write(1, &format!("StorageClass:\t{}\n", claim_class(claim)));
        indented_map(w, "Labels", &claim.metadata.labels);
        indented_map(w, "Annotations", &claim.metadata.annotations);
        let capacity = claim.spec.resources.requests.get("storage").map(String::as_str).unwrap_or("<default>");
        w.write(1, &format!("Capacity:\t{capacity}\n"));
        w.write(1, &format!("Access Modes:\t[{}]\n", claim.spec.access_modes.join(" ")));
    }
}

/// `  Title:  k=v` then aligned continuation lines: how claim templates list labels and annotations.
fn indented_map(w: &mut DescribeWriter, title: &str, map: &StringMap) {
    w.write(1, &format!("{title}:\t"));
    if map.is_empty() {
        w.line("<none>");
        return;
    }
    for (i, (key, value)) in map.iter().enumerate() {
        if i != 0 {
            w.write(1, "\t");
        }
        w.write(0, &format!("{key}={value}\n"));
    }
}

/// A claim's class: the beta annotation first, then `storageClassName`.
fn claim_class(claim: &PersistentVolumeClaim) -> String {
    claim
        .metadata
        .annotations
        .get(BETA_CLASS_ANNOTATION)
        .cloned()
        .or_else(|| claim.spec.storage_class_name.clone())
        .unwrap_or_default()
}

/// Access modes in kubectl's short form, always ordered RWO,ROX,RWX,RWOP.
pub fn access_modes_short(modes: &[String]) -> String {
    [("ReadWriteOnce", "RWO"), ("ReadOnlyMany", "ROX"), ("ReadWriteMany", "RWX"), ("ReadWriteOncePod", "RWOP")]
        .iter()
        .filter(|(long, _)| modes.iter().any(|m| m == long))
        .map(|(_, short)| *short)
        .collect::<Vec<_>>()
        .join(",")
}

/// `Status:` of a claim or volume: its phase, or how long it has been terminating.
fn status_line(deletion: Option<Time>, phase: &str, now: Time) -> String {
    match deletion {
        Some(t) => format!("Status:\tTerminating (lasts {})\n", since(Some(t), now)),
        None => format!("Status:\t{phase}\n"),
    }
}

/// Go's `%v` of a string slice: `[a b]`.
fn go_list(items: &[String]) -> String {
    format!("[{}]", items.join(" "))
}

/// The describe text of a PersistentVolumeClaim; `pods` are those of its namespace (the ones
/// mounting it are listed under `Used By`).
pub fn describe_claim(claim: &PersistentVolumeClaim, pods: &[Pod], claim_events: &[Event], now: Time) -> String {
    let mut w = DescribeWriter::new();
    let meta = &claim.metadata;
    w.write(0, &format!("Name:\t{}\n", meta.name));
    w.write(0, &format!("Namespace:\t{}\n", meta.namespace));
    w.write(0, &format!("StorageClass:\t{}\n", claim_class(claim)));
    w.write(0, &status_line(meta.deletion_timestamp, &claim.status.phase, now));
    w.write(0, &format!("Volume:\t{}\n", claim.spec.volume_name));
    labels_multiline(&mut w, "Labels", &meta.labels);
    annotations_multiline(&mut w, "Annotations", &meta.annotations);
    w.write(0, &format!("Finalizers:\t{}\n", go_list(&meta.finalizers)));
    let bound = !claim.spec.volume_name.is_empty();
    let capacity = if bound { claim.status.capacity.get("storage").cloned().unwrap_or_default() } else { String::new() };
    let modes = if bound { access_modes_short(&claim.status.access_modes) } else { String::new() };
    w.write(0, &format!("Capacity:\t{capacity}\n"));
    w.write(0, &format!("Access Modes:\t{modes}\n"));
    if !claim.spec.volume_mode.is_empty() {
        w.write(0, &format!("VolumeMode:\t{}\n", claim.spec.volume_mode));
    }
    if let Some(source) = &claim.spec.data_source {
        w.write(0, "DataSource:\n");
        if let Some(group) = source.get("apiGroup").and_then(Value::as_str) {
            w.write(1, &format!("APIGroup:\t{group}\n"));
        }
        let field = |key: &str| source.get(key).and_then(Value::as_str).unwrap_or_default().to_string();
        w.write(1, &format!("Kind:\t{}\n", field("kind")));
        w.write(1, &format!("Name:\t{}\n", field("name")));
    }
    let mut users: Vec<&str> = pods
        .iter()
        .filter(|p| {
            p.spec.volumes.iter().any(|v| {
                v.persistent_volume_claim.as_ref().and_then(|c| c.get("claimName")).and_then(Value::as_str)
                    == Some(meta.name.as_str())
            })
        })
        .map(|p| p.metadata.name.as_str())
        .collect();
    users.sort_unstable();
    w.write(0, "Used By:\t");
    if users.is_empty() {
        w.line("<none>");
    }
    for (i, name) in users.into_iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        w.line(name);
    }
    events(&mut w, claim_events, now);
    w.finish()
}

/// The describe text of a PersistentVolume.
pub fn describe_volume(volume: &PersistentVolume, volume_events: &[Event], now: Time) -> String {
    let mut w = DescribeWriter::new();
    let (meta, spec) = (&volume.metadata, &volume.spec);
    w.write(0, &format!("Name:\t{}\n", meta.name));
    labels_multiline(&mut w, "Labels", &meta.labels);
    annotations_multiline(&mut w, "Annotations", &meta.annotations);
    w.write(0, &format!("Finalizers:\t{}\n", go_list(&meta.finalizers)));
    let class = meta.annotations.get(BETA_CLASS_ANNOTATION).unwrap_or(&spec.storage_class_name);
    w.write(0, &format!("StorageClass:\t{class}\n"));
    w.write(0, &status_line(meta.deletion_timestamp, &volume.status.phase, now));
    let claim = spec.claim_ref.as_ref().map(|c| format!("{}/{}", c.namespace, c.name)).unwrap_or_default();
    w.write(0, &format!("Claim:\t{claim}\n"));
    w.write(0, &format!("Reclaim Policy:\t{}\n", spec.persistent_volume_reclaim_policy));
    w.write(0, &format!("Access Modes:\t{}\n", access_modes_short(&spec.access_modes)));
    if !spec.volume_mode.is_empty() {
        w.write(0, &format!("VolumeMode:\t{}\n", spec.volume_mode));
    }
    w.write(0, &format!("Capacity:\t{}\n", spec.capacity.get("storage").map(String::as_str).unwrap_or("0")));
    node_affinity(&mut w, spec.node_affinity.as_ref());
    w.write(0, "Message:\t\n");
    w.write(0, "Source:\n");
    let text = |source: &Value, key: &str| source.get(key).and_then(Value::as_str).unwrap_or_default().to_string();
    if let Some(host_path) = &spec.host_path {
        let kind = text(host_path, "type");
        w.write(2, &format!(
            "Type:\tHostPath (bare host directory volume)\n    Path:\t{}\n    HostPathType:\t{}\n",
            text(host_path, "path"),
            if kind.is_empty() { "<none>".to_string() } else { kind }
        ));
    } else if let Some(local) = &spec.local {
        w.write(2, &format!(
            "Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t{}\n",
            text(local, "path")
        ));
    } else if let Some(nfs) = &spec.nfs {
        let read_only = nfs.get("readOnly").and_then(Value::as_bool).unwrap_or(false);
        w.write(2, &format!(
            "Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t{}\n    Path:\t{}\n    ReadOnly:\t{read_only}\n",
            text(nfs, "server"),
            text(nfs, "path")
        ));
    } else {
        w.write(1, "<unknown>\n");
    }
    events(&mut w, volume_events, now);
    w.finish()
}

/// `Node Affinity:` with its required terms, each expression as `key in [a, b]`.
fn node_affinity(w: &mut DescribeWriter, affinity: Option<&Value>) {
    w.write(0, "Node Affinity:\t");
    let Some(required) = affinity.and_then(|a| a.get("required")) else {
        w.line("<none>");
        return;
    };
    w.line("");
    w.write(1, "Required Terms:\t");
    let terms = required.get("nodeSelectorTerms").and_then(Value::as_array).cloned().unwrap_or_default();
    if terms.is_empty() {
        w.line("<none>");
        return;
    }
    w.line("");
    for (i, term) in terms.iter().enumerate() {
        w.write(2, &format!("Term {i}:\t"));
        let expressions = term.get("matchExpressions").and_then(Value::as_array).cloned().unwrap_or_default();
        if expressions.is_empty() {
            w.line("<none>");
        }
        for (j, e) in expressions.iter().enumerate() {
            if j != 0 {
                w.write(2, "\t");
            }
            let key = e.get("key").and_then(Value::as_str).unwrap_or_default();
            let operator = e.get("operator").and_then(Value::as_str).unwrap_or_default().to_ascii_lowercase();
            let values: Vec<&str> =
                e.get("values").and_then(Value::as_array).map(|v| v.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
            if values.is_empty() {
                w.line(&format!("{key} {operator}"));
            } else {
                w.line(&format!("{key} {operator} [{}]", values.join(", ")));
            }
        }
    }
}

/// The describe text of a StorageClass.
pub fn describe_storage_class(class: &StorageClass, class_events: &[Event], now: Time) -> String {
    let mut w = DescribeWriter::new();
    let meta = &class.metadata;
    let is_default = ["storageclass.kubernetes.io/is-default-class", "storageclass.beta.kubernetes.io/is-default-class"]
        .iter()
        .any(|key| meta.annotations.get(*key).map(String::as_str) == Some("true"));
    w.write(0, &format!("Name:\t{}\n", meta.name));
    w.write(0, &format!("IsDefaultClass:\t{}\n", if is_default { "Yes" } else { "No" }));
    w.write(0, &format!("Annotations:\t{}\n", labels_string(&meta.annotations)));
    w.write(0, &format!("Provisioner:\t{}\n", class.provisioner));
    w.write(0, &format!("Parameters:\t{}\n", labels_string(&class.parameters)));
    let expansion = match class.allow_volume_expansion {
        Some(true) => "True",
        Some(false) => "False",
        None => "<unset>",
    };
    w.write(0, &format!("AllowVolumeExpansion:\t{expansion}\n"));
    w.write(0, "MountOptions:\t<none>\n");
    if !class.reclaim_policy.is_empty() {
        w.write(0, &format!("ReclaimPolicy:\t{}\n", class.reclaim_policy));
    }
    if !class.volume_binding_mode.is_empty() {
        w.write(0, &format!("VolumeBindingMode:\t{}\n", class.volume_binding_mode));
    }
    events(&mut w, class_events, now);
    w.finish()
}

#[cfg(test)]
mod tests;
