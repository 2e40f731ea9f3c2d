//! Defaulting, as the API server applies it on create: what `kubectl get -o yaml` shows that
//! nobody wrote.

pub mod batch_and_daemons;

use super::names;
use super::objects::pod::{Container, Probe, Toleration, Volume, VolumeMount};
use super::objects::workload::{IntOrString, RollingUpdate};
use super::objects::{Object, PodSpec, Service};
use super::rng::SimRng;
use serde_json::{json, Value};

/// Fills the defaults of a new object of any kind.
pub fn apply_defaults(object: &mut Object, rng: &mut SimRng) {
    match object {
        Object::Pod(pod) => {
            default_template_spec(&mut pod.spec);
            default_pod_only(&mut pod.spec, rng);
            pod.status.phase = "Pending".into();
            pod.status.qos_class = "BestEffort".into();
        }
        Object::Deployment(d) => {
            d.spec.replicas.get_or_insert(1);
            d.spec.revision_history_limit.get_or_insert(10);
            d.spec.progress_deadline_seconds.get_or_insert(600);
            if d.spec.strategy.type_.is_empty() {
                d.spec.strategy.type_ = "RollingUpdate".into();
            }
            if d.spec.strategy.type_ == "RollingUpdate" {
                let ru = d.spec.strategy.rolling_update.get_or_insert_with(RollingUpdate::default);
                ru.max_surge.get_or_insert(IntOrString::String("25%".into()));
                ru.max_unavailable.get_or_insert(IntOrString::String("25%".into()));
            }
            default_template_spec(&mut d.spec.template.spec);
        }
        Object::ReplicaSet(rs) => {
            rs.spec.replicas.get_or_insert(1);
            default_template_spec(&mut rs.spec.template.spec);
        }
        Object::Namespace(ns) => {
            ns.spec.finalizers = vec!["kubernetes".into()];
            ns.status.phase = "Active".into();
            let name = ns.metadata.name.clone();
            ns.metadata.labels.insert("kubernetes.io/metadata.name".into(), name);
        }
        Object::Service(svc) => default_service(svc),
        Object::Node(_) | Object::Event(_) | Object::Endpoints(_) | Object::EndpointSlice(_) => {}
        Object::Ingress(_) | Object::IngressClass(_) => {}
        Object::ConfigMap(_) | Object::ControllerRevision(_) => {}
        Object::DaemonSet(ds) => batch_and_daemons::default_daemon_set(ds),
        Object::Job(job) => batch_and_daemons::default_job(job),
        Object::CronJob(cj) => batch_and_daemons::default_cron_job(cj),
        Object::Secret(secret) => default_secret(secret),
        Object::StatefulSet(_) | Object::PersistentVolumeClaim(_) | Object::PersistentVolume(_) | Object::StorageClass(_) => {
            super::controllers::volume::apply_storage_defaults(object);
        }
    }
}

/// Service defaults: type, session affinity, traffic policies, IP families, port protocol and
/// target port. (Cluster IPs and node ports are allocated by the API server, see
/// [`super::controllers::service::allocate`].)
pub fn default_service(svc: &mut Service) {
    set_if_empty(&mut svc.spec.type_, "ClusterIP");
    set_if_empty(&mut svc.spec.session_affinity, "None");
    let type_ = svc.spec.type_.clone();
    if type_ != "ExternalName" {
        set_if_empty(&mut svc.spec.internal_traffic_policy, "Cluster");
        if svc.spec.ip_families.is_empty() {
            svc.spec.ip_families = vec!["IPv4".into()];
        }
        set_if_empty(&mut svc.spec.ip_family_policy, "SingleStack");
    }
    if type_ == "NodePort" || type_ == "LoadBalancer" {
        set_if_empty(&mut svc.spec.external_traffic_policy, "Cluster");
    }
    if type_ == "LoadBalancer" {
        svc.spec.allocate_load_balancer_node_ports.get_or_insert(true);
    }
    for port in &mut svc.spec.ports {
        set_if_empty(&mut port.protocol, "TCP");
        if port.target_port.is_none() {
            port.target_port = Some(IntOrString::Int(port.port));
        }
    }
}

/// Defaults re-applied when a user replaces an object (apply, edit, patch): idempotent ones only.
pub fn apply_update_defaults(object: &mut Object) {
    match object {
        Object::Pod(pod) => default_template_spec(&mut pod.spec),
        Object::Deployment(_) | Object::ReplicaSet(_) => {
            apply_defaults(object, &mut SimRng::new(0));
        }
        Object::StatefulSet(_) => super::controllers::volume::apply_storage_defaults(object),
        Object::DaemonSet(ds) => batch_and_daemons::default_daemon_set(ds),
        Object::CronJob(cj) => batch_and_daemons::default_cron_job(cj),
        Object::Service(svc) => default_service(svc),
        Object::Secret(secret) => default_secret(secret),
        _ => {}
    }
}

/// Secret defaults: type `Opaque`, and `stringData` folded into `data` (never stored).
fn default_secret(secret: &mut super::objects::Secret) {
    set_if_empty(&mut secret.type_, super::objects::config::OPAQUE);
    secret.merge_string_data();
}

/// Defaults shared by pods and pod templates.
pub fn default_template_spec(spec: &mut PodSpec) {
    set_if_empty(&mut spec.dns_policy, "ClusterFirst");
    set_if_empty(&mut spec.restart_policy, "Always");
    set_if_empty(&mut spec.scheduler_name, "default-scheduler");
    spec.security_context.get_or_insert_with(|| json!({}));
    spec.termination_grace_period_seconds.get_or_insert(30);
    for c in spec.containers.iter_mut().chain(spec.init_containers.iter_mut()) {
        default_container(c);
    }
}

fn default_container(c: &mut Container) {
    if c.image_pull_policy.is_empty() {
        let tag = image_tag(&c.image);
        c.image_pull_policy = if tag.is_none() || tag == Some("latest") { "Always" } else { "IfNotPresent" }.into();
    }
    c.resources.get_or_insert_with(Default::default);
    set_if_empty(&mut c.termination_message_path, "/dev/termination-log");
    set_if_empty(&mut c.termination_message_policy, "File");
    for p in &mut c.ports {
        set_if_empty(&mut p.protocol, "TCP");
    }
    for probe in [&mut c.liveness_probe, &mut c.readiness_probe, &mut c.startup_probe].into_iter().flatten() {
        default_probe(probe);
    }
}

/// Probe defaults: timings and thresholds, and the HTTP scheme of an `httpGet` handler.
fn default_probe(probe: &mut Probe) {
    probe.timeout_seconds.get_or_insert(1);
    probe.period_seconds.get_or_insert(10);
    probe.success_threshold.get_or_insert(1);
    probe.failure_threshold.get_or_insert(3);
    if let Some(Value::Object(http)) = &mut probe.http_get {
        http.entry("scheme").or_insert_with(|| json!("HTTP"));
    }
}

/// The tag of an image reference (`nginx:1.25` → `1.25`), ignoring registry ports.
pub fn image_tag(image: &str) -> Option<&str> {
    let last = image.rsplit('/').next().unwrap_or(image);
    let without_digest = last.split('@').next().unwrap_or(last);
    without_digest.split_once(':').map(|(_, t)| t)
}

/// Defaults only real pods get (not templates): service account, its token volume, tolerations.
fn default_pod_only(spec: &mut PodSpec, rng: &mut SimRng) {
    spec.enable_service_links.get_or_insert(true);
    set_if_empty(&mut spec.preemption_policy, "PreemptLowerPriority");
    spec.priority.get_or_insert(0);
    set_if_empty(&mut spec.service_account_name, "default");
    if spec.service_account.is_empty() {
        spec.service_account = spec.service_account_name.clone();
    }
    if spec.tolerations.is_empty() {
        for key in ["node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"] {
            spec.tolerations.push(Toleration {
                effect: "NoExecute".into(),
                key: key.into(),
                operator: "Exists".into(),
                toleration_seconds: Some(300),
                value: String::new(),
            });
        }
    }
    let volume_name = format!("kube-api-access-{}", names::random_suffix(rng.inner(), 5));
    spec.volumes.push(Volume {
        name: volume_name.clone(),
        projected: Some(json!({
            "defaultMode": 420,
            "sources": [
                {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
                {"configMap": {"items": [{"key": "ca.crt", "path": "ca.crt"}], "name": "kube-root-ca.crt"}},
                {"downwardAPI": {"items": [{"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}, "path": "namespace"}]}}
            ]
        })),
        ..Default::default()
    });
    for c in spec.containers.iter_mut().chain(spec.init_containers.iter_mut()) {
        c.volume_mounts.push(VolumeMount {
            mount_path: "/var/run/secrets/kubernetes.io/serviceaccount".into(),
            name: volume_name.clone(),
            read_only: true,
            sub_path: String::new(),
        });
    }
}

fn set_if_empty(field: &mut String, value: &str) {
    if field.is_empty() {
        *field = value.to_string();
    }
}

#[cfg(test)]
mod tests;
