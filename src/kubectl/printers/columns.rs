//! The columns of `kubectl get` for each kind (what the API server's table printers return):
//! headers and cells, with the extra `-o wide` columns.

mod config;
mod ingress;
mod network;
mod storage;
mod workloads;

use super::pod_status::summarize;
use crate::cluster::objects::cluster_kinds::Node;
use crate::cluster::objects::pod::PodTemplateSpec;
use crate::cluster::objects::time::{human_duration, Time};
use crate::cluster::objects::{Deployment, Event, Kind, LabelSelector, Object, Pod, ReplicaSet};

/// The column headers of a kind (NAME first).
pub fn headers(kind: Kind, wide: bool) -> Vec<&'static str> {
    let (normal, extra): (&[&str], &[&str]) = match kind {
        Kind::Pod => (&["NAME", "READY", "STATUS", "RESTARTS", "AGE"], &["IP", "NODE", "NOMINATED NODE", "READINESS GATES"]),
        Kind::Deployment => (&["NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"], &["CONTAINERS", "IMAGES", "SELECTOR"]),
        Kind::ReplicaSet => (&["NAME", "DESIRED", "CURRENT", "READY", "AGE"], &["CONTAINERS", "IMAGES", "SELECTOR"]),
        Kind::Namespace => (&["NAME", "STATUS", "AGE"], &[]),
        Kind::Node => (
            &["NAME", "STATUS", "ROLES", "AGE", "VERSION"],
            &["INTERNAL-IP", "EXTERNAL-IP", "OS-IMAGE", "KERNEL-VERSION", "CONTAINER-RUNTIME"],
        ),
        Kind::Event => (&["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"], &[]),
        Kind::Service => (&["NAME", "TYPE", "CLUSTER-IP", "EXTERNAL-IP", "PORT(S)", "AGE"], &["SELECTOR"]),
        Kind::Endpoints => (&["NAME", "ENDPOINTS", "AGE"], &[]),
        Kind::EndpointSlice => (&["NAME", "ADDRESSTYPE", "PORTS", "ENDPOINTS", "AGE"], &[]),
        Kind::Ingress => (&["NAME", "CLASS", "HOSTS", "ADDRESS", "PORTS", "AGE"], &[]),
        Kind::IngressClass => (&["NAME", "CONTROLLER", "PARAMETERS", "AGE"], &[]),
        Kind::ConfigMap => (&["NAME", "DATA", "AGE"], &[]),
        Kind::Secret => (&["NAME", "TYPE", "DATA", "AGE"], &[]),
        Kind::StatefulSet => (&["NAME", "READY", "AGE"], &["CONTAINERS", "IMAGES"]),
        Kind::PersistentVolumeClaim => (
            &["NAME", "STATUS", "VOLUME", "CAPACITY", "ACCESS MODES", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "AGE"],
            &["VOLUMEMODE"],
        ),
        Kind::PersistentVolume => (
            &["NAME", "CAPACITY", "ACCESS MODES", "RECLAIM POLICY", "STATUS", "CLAIM", "STORAGECLASS", "VOLUMEATTRIBUTESCLASS", "REASON", "AGE"],
            &["VOLUMEMODE"],
        ),
        Kind::StorageClass => (&["NAME", "PROVISIONER", "RECLAIMPOLICY", "VOLUMEBINDINGMODE", "ALLOWVOLUMEEXPANSION", "AGE"], &[]),
        Kind::ControllerRevision => (&["NAME", "CONTROLLER", "REVISION", "AGE"], &[]),
        Kind::DaemonSet => (&["NAME", "DESIRED", "CURRENT", "READY", "UP-TO-DATE", "AVAILABLE", "NODE SELECTOR", "AGE"], &["CONTAINERS", "IMAGES", "SELECTOR"]),
        Kind::Job => (&["NAME", "STATUS", "COMPLETIONS", "DURATION", "AGE"], &["CONTAINERS", "IMAGES", "SELECTOR"]),
        Kind::CronJob => (&["NAME", "SCHEDULE", "TIMEZONE", "SUSPEND", "ACTIVE", "LAST SCHEDULE", "AGE"], &["CONTAINERS", "IMAGES", "SELECTOR"]),
        #[allow(unreachable_patterns)]
        _ => (&["NAME", "AGE"], &[]),
    };
    if kind == Kind::Event && wide {
        return vec!["LAST SEEN", "TYPE", "REASON", "OBJECT", "SUBOBJECT", "SOURCE", "MESSAGE", "FIRST SEEN", "COUNT", "NAME"];
    }
    let mut all = normal.to_vec();
    if wide {
        all.extend_from_slice(extra);
    }
    all
}

/// The cells of one object's row; the first cell is the name (events start with LAST SEEN).
pub fn cells(object: &Object, now: Time, wide: bool) -> Vec<String> {
    #[allow(unreachable_patterns)]
    match object {
        Object::Pod(pod) => pod_cells(pod, now, wide),
        Object::Deployment(d) => deployment_cells(d, now, wide),
        Object::ReplicaSet(rs) => replicaset_cells(rs, now, wide),
        Object::Namespace(ns) => vec![ns.metadata.name.clone(), ns.status.phase.clone(), age(ns.metadata.creation_timestamp, now)],
        Object::Node(node) => node_cells(node, now, wide),
        Object::Event(event) => event_cells(event, now, wide),
        Object::Service(svc) => network::service_cells(svc, now, wide),
        Object::Endpoints(ep) => network::endpoints_cells(ep, now),
        Object::EndpointSlice(slice) => network::slice_cells(slice, now),
        Object::Ingress(ing) => ingress::ingress_cells(ing, now, wide),
        Object::IngressClass(class) => ingress::ingress_class_cells(class, now),
        Object::ConfigMap(cm) => config::configmap_cells(cm, now),
        Object::Secret(secret) => config::secret_cells(secret, now),
        Object::StatefulSet(sts) => storage::statefulset_cells(sts, now, wide),
        Object::PersistentVolumeClaim(claim) => storage::claim_cells(claim, now, wide),
        Object::PersistentVolume(pv) => storage::volume_cells(pv, now, wide),
        Object::StorageClass(class) => storage::storage_class_cells(class, now),
        Object::ControllerRevision(cr) => storage::controller_revision_cells(cr, now),
        Object::DaemonSet(ds) => workloads::daemonset_cells(ds, now, wide),
        Object::Job(job) => workloads::job_cells(job, now, wide),
        Object::CronJob(cj) => workloads::cronjob_cells(cj, now, wide),
        other => vec![other.meta().name.clone(), age(other.meta().creation_timestamp, now)],
    }
}

/// Which cell holds the object's name (where the kind prefix goes): 0, or 9 for wide events.
pub fn name_column(kind: Kind, wide: bool) -> Option<usize> {
    match (kind, wide) {
        (Kind::Event, false) => None,
        (Kind::Event, true) => Some(9),
        _ => Some(0),
    }
}

/// AGE: HumanDuration since the timestamp, `<unknown>` without one.
pub fn age(at: Option<Time>, now: Time) -> String {
    match at {
        Some(t) => human_duration(t.until(now)),
        None => "<unknown>".into(),
    }
}

fn or_none(text: &str) -> String {
    if text.is_empty() { "<none>".into() } else { text.to_string() }
}

fn pod_cells(pod: &Pod, now: Time, wide: bool) -> Vec<String> {
    let summary = summarize(pod, now);
    let mut cells = vec![
        pod.metadata.name.clone(),
        summary.ready,
        summary.status,
        summary.restarts,
        age(pod.metadata.creation_timestamp, now),
    ];
    if wide {
        let ip = pod.status.pod_ips.first().map(|e| e.ip.as_str()).unwrap_or(pod.status.pod_ip.as_str());
        cells.push(or_none(ip));
        cells.push(or_none(&pod.spec.node_name));
        cells.push("<none>".into());
        cells.push("<none>".into());
    }
    cells
}

fn template_columns(template: &PodTemplateSpec, selector: Option<&LabelSelector>) -> [String; 3] {
    let names: Vec<&str> = template.spec.containers.iter().map(|c| c.name.as_str()).collect();
    let images: Vec<&str> = template.spec.containers.iter().map(|c| c.image.as_str()).collect();
    let selector = selector.map(LabelSelector::to_selector_string).unwrap_or_default();
    [names.join(","), images.join(","), or_none(&selector)]
}

fn deployment_cells(d: &Deployment, now: Time, wide: bool) -> Vec<String> {
    let status = &d.status;
    let mut cells = vec![
        d.metadata.name.clone(),
        format!("{}/{}", status.ready_replicas.unwrap_or(0), d.spec.replicas.unwrap_or(0)),
        status.updated_replicas.unwrap_or(0).to_string(),
        status.available_replicas.unwrap_or(0).to_string(),
        age(d.metadata.creation_timestamp, now),
    ];
    if wide {
        cells.extend(template_columns(&d.spec.template, d.spec.selector.as_ref()));
    }
    cells
}

fn replicaset_cells(rs: &ReplicaSet, now: Time, wide: bool) -> Vec<String> {
    let mut cells = vec![
        rs.metadata.name.clone(),
        rs.spec.replicas.unwrap_or(0).to_string(),
        rs.status.replicas.to_string(),
        rs.status.ready_replicas.unwrap_or(0).to_string(),
        age(rs.metadata.creation_timestamp, now),
    ];
    if wide {
        cells.extend(template_columns(&rs.spec.template, rs.spec.selector.as_ref()));
    }
    cells
}

fn node_cells(node: &Node, now: Time, wide: bool) -> Vec<String> {
    let mut status = match node.status.conditions.iter().find(|c| c.type_ == "Ready").map(|c| c.status.as_str()) {
        Some("True") => "Ready".to_string(),
        Some("False") => "NotReady".to_string(),
        _ => "Unknown".to_string(),
    };
    if node.spec.unschedulable {
        status.push_str(",SchedulingDisabled");
    }
    let mut roles: Vec<String> = node
        .metadata
        .labels
        .iter()
        .filter_map(|(k, v)| {
            if let Some(role) = k.strip_prefix("node-role.kubernetes.io/") {
                Some(role.to_string())
            } else if k == "kubernetes.io/role" {
                Some(v.clone())
            } else {
                None
            }
        })
        .filter(|r| !r.is_empty())
        .collect();
    roles.sort();
    roles.dedup();
    let info = &node.status.node_info;
    let mut cells = vec![
        node.metadata.name.clone(),
        status,
        if roles.is_empty() { "<none>".into() } else { roles.join(",") },
        age(node.metadata.creation_timestamp, now),
        info.kubelet_version.clone(),
    ];
    if wide {
        let address = |type_: &str| {
            node.status.addresses.iter().find(|a| a.type_ == type_).map(|a| a.address.clone()).unwrap_or_else(|| "<none>".into())
        };
        let unknown = |s: &str| if s.is_empty() { "<unknown>".to_string() } else { s.to_string() };
        cells.push(address("InternalIP"));
        cells.push(address("ExternalIP"));
        cells.push(unknown(&info.os_image));
        cells.push(unknown(&info.kernel_version));
        cells.push(unknown(&info.container_runtime_version));
    }
    cells
}

fn event_cells(event: &Event, now: Time, wide: bool) -> Vec<String> {
    let first = event.first_timestamp.or(event.event_time);
    let first_seen = age(first, now);
    let last_seen = match event.last_timestamp {
        Some(t) => age(Some(t), now),
        None => first_seen.clone(),
    };
    let involved = &event.involved_object;
    let target = if involved.name.is_empty() {
        involved.kind.to_ascii_lowercase()
    } else {
        format!("{}/{}", involved.kind.to_ascii_lowercase(), involved.name)
    };
    let message = event.message.trim().to_string();
    if !wide {
        return vec![last_seen, event.type_.clone(), event.reason.clone(), target, message];
    }
    let source = match (event.source.component.as_str(), event.source.host.as_str()) {
        ("", _) => event.reporting_component.clone(),
        (c, "") => c.to_string(),
        (c, h) => format!("{c}, {h}"),
    };
    vec![
        last_seen,
        event.type_.clone(),
        event.reason.clone(),
        target,
        involved.field_path.clone(),
        source,
        message,
        first_seen,
        event.count.max(1).to_string(),
        event.metadata.name.clone(),
    ]
}
