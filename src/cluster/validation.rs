//! Validation, as the API server runs it on create and update: the causes of a 422 Invalid.

use super::names::{validate_label_name, validate_subdomain};
use super::objects::workload::IntOrString;
use super::objects::{LabelSelector, Object, PodSpec, PodTemplateSpec, Service};
use std::collections::BTreeSet;

mod batch;
mod config;
mod ingress;

/// The causes that make a new or changed object invalid; empty when it is fine.
pub fn validate(object: &Object) -> Vec<String> {
    let mut causes = Vec::new();
    let name = &object.meta().name;
    let name_problem = match object {
        Object::Namespace(_) => validate_label_name(name),
        Object::Service(_) => validate_dns1035(name),
        _ => validate_subdomain(name),
    };
    causes.extend(name_problem);
    match object {
        Object::Pod(pod) => validate_pod_spec(&pod.spec, "spec", &mut causes),
        Object::Deployment(d) => {
            validate_workload(d.spec.selector.as_ref(), &d.spec.template, "deployment", &mut causes);
            if let Some(r) = d.spec.replicas.filter(|r| *r < 0) {
                causes.push(format!("spec.replicas: Invalid value: {r}: must be greater than or equal to 0"));
            }
        }
        Object::ReplicaSet(rs) => {
            validate_workload(rs.spec.selector.as_ref(), &rs.spec.template, "replicaset", &mut causes)
        }
        Object::Service(svc) => validate_service(svc, &mut causes),
        Object::Ingress(ing) => ingress::validate_ingress(ing, &mut causes),
        Object::IngressClass(class) => ingress::validate_ingress_class(class, &mut causes),
        Object::ConfigMap(cm) => config::validate_configmap(cm, &mut causes),
        Object::Secret(secret) => config::validate_secret(secret, &mut causes),
        Object::DaemonSet(ds) => batch::validate_daemon_set(ds, &mut causes),
        Object::Job(job) => batch::validate_job(job, &mut causes),
        Object::CronJob(cj) => batch::validate_cron_job(cj, &mut causes),
        Object::StatefulSet(sts) => {
            let mut template = sts.spec.template.clone();
            for claim in &sts.spec.volume_claim_templates {
                template.spec.volumes.push(super::objects::pod::Volume {
                    name: claim.metadata.name.clone(),
                    persistent_volume_claim: Some(serde_json::json!({"claimName": claim.metadata.name})),
                    ..Default::default()
                });
            }
            validate_workload(sts.spec.selector.as_ref(), &template, "statefulset", &mut causes);
            if let Some(r) = sts.spec.replicas.filter(|r| *r < 0) {
                causes.push(format!("spec.replicas: Invalid value: {r}: must be greater than or equal to 0"));
            }
        }
        _ => {}
    }
    causes
}

/// Warnings the API server returns with a successful create (deprecated fields and the like).
pub fn warnings_on_create(object: &Object) -> Vec<String> {
    match object {
        Object::Ingress(ing) => ingress::warnings_on_create(ing),
        _ => Vec::new(),
    }
}

/// Causes for an update: everything [`validate`] finds, plus immutable fields that changed.
pub fn validate_update(old: &Object, new: &Object) -> Vec<String> {
    let mut causes = validate(new);
    match (old, new) {
        (Object::Deployment(a), Object::Deployment(b)) if a.spec.selector != b.spec.selector => {
            causes.insert(0, immutable_selector(b.spec.selector.as_ref()));
        }
        (Object::ReplicaSet(a), Object::ReplicaSet(b)) if a.spec.selector != b.spec.selector => {
            causes.insert(0, immutable_selector(b.spec.selector.as_ref()));
        }
        (Object::StatefulSet(a), Object::StatefulSet(b)) => {
            let (mut a_spec, b_spec) = (a.spec.clone(), &b.spec);
            a_spec.replicas = b_spec.replicas;
            a_spec.ordinals = b_spec.ordinals.clone();
            a_spec.template = b_spec.template.clone();
            a_spec.update_strategy = b_spec.update_strategy.clone();
            a_spec.revision_history_limit = b_spec.revision_history_limit;
            a_spec.persistent_volume_claim_retention_policy = b_spec.persistent_volume_claim_retention_policy.clone();
            a_spec.min_ready_seconds = b_spec.min_ready_seconds;
            if &a_spec != b_spec {
                causes.push("spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden".into());
            }
        }
        (Object::ConfigMap(a), Object::ConfigMap(b)) => {
            config::validate_config_update(a.immutable, b.immutable, a.data != b.data || a.binary_data != b.binary_data, &mut causes);
        }
        (Object::Secret(a), Object::Secret(b)) => {
            config::validate_config_update(a.immutable, b.immutable, a.data != b.data, &mut causes);
            if a.type_ != b.type_ {
                causes.push(format!("type: Invalid value: \"{}\": field is immutable", b.type_));
            }
        }
        (Object::Job(a), Object::Job(b)) => batch::validate_job_update(a, b, &mut causes),
        (Object::Pod(a), Object::Pod(b)) => {
            let mut a_spec = a.spec.clone();
            for (ac, bc) in a_spec.containers.iter_mut().zip(&b.spec.containers) {
                ac.image = bc.image.clone();
            }
            a_spec.tolerations = b.spec.tolerations.clone();
            if a_spec != b.spec {
                causes.push("spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)".into());
            }
        }
        _ => {}
    }
    causes
}

fn immutable_selector(selector: Option<&LabelSelector>) -> String {
    let value = serde_json::to_string(&selector).unwrap_or_default();
    format!("spec.selector: Invalid value: {value}: field is immutable")
}

fn validate_workload(
    selector: Option<&LabelSelector>,
    template: &PodTemplateSpec,
    kind_word: &str,
    causes: &mut Vec<String>,
) {
    let labels = serde_json::to_string(&template.metadata.labels).unwrap_or_default();
    match selector {
        None => {
            causes.push("spec.selector: Required value".into());
            causes.push(format!(
                "spec.template.metadata.labels: Invalid value: {labels}: `selector` does not match template `labels`"
            ));
        }
        Some(s) if s.is_empty() => {
            let value = serde_json::to_string(s).unwrap_or_default();
            causes.push(format!("spec.selector: Invalid value: {value}: empty selector is invalid for {kind_word}"));
        }
        Some(s) if !s.matches(&template.metadata.labels) => causes.push(format!(
            "spec.template.metadata.labels: Invalid value: {labels}: `selector` does not match template `labels`"
        )),
        Some(_) => {}
    }
    if !template.spec.restart_policy.is_empty() && template.spec.restart_policy != "Always" {
        causes.push(format!(
            "spec.template.spec.restartPolicy: Unsupported value: \"{}\": supported values: \"Always\"",
            template.spec.restart_policy
        ));
    }
    validate_pod_spec(&template.spec, "spec.template.spec", causes);
}

fn validate_pod_spec(spec: &PodSpec, path: &str, causes: &mut Vec<String>) {
    if spec.containers.is_empty() {
        causes.push(format!("{path}.containers: Required value"));
    }
    let mut seen = BTreeSet::new();
    let volumes: BTreeSet<&str> = spec.volumes.iter().map(|v| v.name.as_str()).collect();
    for (list, field) in [(&spec.init_containers, "initContainers"), (&spec.containers, "containers")] {
        for (i, c) in list.iter().enumerate() {
            let at = format!("{path}.{field}[{i}]");
            if c.name.is_empty() {
                causes.push(format!("{at}.name: Required value"));
            } else if validate_label_name(&c.name).is_some() {
                causes.push(format!(
                    "{at}.name: Invalid value: \"{}\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
                    c.name
                ));
            } else if !seen.insert(c.name.clone()) {
                causes.push(format!("{at}.name: Duplicate value: \"{}\"", c.name));
            }
            if c.image.trim().is_empty() {
                causes.push(format!("{at}.image: Required value"));
            }
            for (j, m) in c.volume_mounts.iter().enumerate() {
                if !volumes.contains(m.name.as_str()) {
                    causes.push(format!("{at}.volumeMounts[{j}].name: Not found: \"{}\"", m.name));
                }
            }
            for (j, p) in c.ports.iter().enumerate() {
                if !(1..=65535).contains(&p.container_port) {
                    causes.push(format!(
                        "{at}.ports[{j}].containerPort: Invalid value: {}: must be between 1 and 65535, inclusive",
                        p.container_port
                    ));
                }
            }
            for (probe, name) in [(&c.liveness_probe, "livenessProbe"), (&c.startup_probe, "startupProbe")] {
                if let Some(threshold) = probe.as_ref().and_then(|p| p.success_threshold).filter(|t| *t != 1) {
                    causes.push(format!("{at}.{name}.successThreshold: Invalid value: {threshold}: must be 1"));
                }
            }
        }
    }
    let rp = spec.restart_policy.as_str();
    if !rp.is_empty() && !["Always", "OnFailure", "Never"].contains(&rp) {
        causes.push(format!(
            "{path}.restartPolicy: Unsupported value: \"{rp}\": supported values: \"Always\", \"OnFailure\", \"Never\""
        ));
    }
}

/// Service names are DNS-1035 labels (they become DNS names): a letter first.
fn validate_dns1035(name: &str) -> Option<String> {
    let ok = !name.is_empty()
        && name.len() <= 63
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && !name.ends_with('-');
    (!ok).then(|| {
        format!(
            "metadata.name: Invalid value: \"{name}\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')"
        )
    })
}

/// The API server's checks of a Service spec: type, ports, names, protocols, external name.
fn validate_service(svc: &Service, causes: &mut Vec<String>) {
    let spec = &svc.spec;
    let type_ = svc.type_name();
    if !["ClusterIP", "NodePort", "LoadBalancer", "ExternalName"].contains(&type_) {
        causes.push(format!("spec.type: Unsupported value: \"{type_}\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\""));
    }
    if type_ == "ExternalName" && spec.external_name.is_empty() {
        causes.push("spec.externalName: Required value".into());
    }
    if spec.ports.is_empty() && !svc.is_headless() && type_ != "ExternalName" {
        causes.push("spec.ports: Required value".into());
    }
    if svc.is_headless() && type_ != "ClusterIP" {
        causes.push(format!("spec.clusterIPs[0]: Invalid value: \"None\": may only be set to 'None' for ClusterIP services, not for {type_}"));
    }
    let affinity = spec.session_affinity.as_str();
    if !affinity.is_empty() && !["ClientIP", "None"].contains(&affinity) {
        causes.push(format!("spec.sessionAffinity: Unsupported value: \"{affinity}\": supported values: \"ClientIP\", \"None\""));
    }
    let mut names = BTreeSet::new();
    for (i, port) in spec.ports.iter().enumerate() {
        let at = format!("spec.ports[{i}]");
        if spec.ports.len() > 1 && port.name.is_empty() {
            causes.push(format!("{at}.name: Required value"));
        } else if !port.name.is_empty() && !names.insert(port.name.clone()) {
            causes.push(format!("{at}.name: Duplicate value: \"{}\"", port.name));
        }
        if !(1..=65535).contains(&port.port) {
            causes.push(format!("{at}.port: Invalid value: {}: must be between 1 and 65535, inclusive", port.port));
        }
        let protocol = port.protocol.as_str();
        if !protocol.is_empty() && !["SCTP", "TCP", "UDP"].contains(&protocol) {
            causes.push(format!("{at}.protocol: Unsupported value: \"{protocol}\": supported values: \"SCTP\", \"TCP\", \"UDP\""));
        }
        match &port.target_port {
            Some(IntOrString::Int(n)) if !(1..=65535).contains(n) => {
                causes.push(format!("{at}.targetPort: Invalid value: {n}: must be between 1 and 65535, inclusive"))
            }
            Some(IntOrString::String(name)) if !is_port_name(name) => causes.push(format!(
                "{at}.targetPort: Invalid value: \"{name}\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"
            )),
            _ => {}
        }
    }
}

/// An IANA service name as a named port: 1-15 characters, letters, digits and inner hyphens.
fn is_port_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 15
        && name.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && name.bytes().any(|b| b.is_ascii_lowercase())
        && !name.starts_with('-')
        && !name.ends_with('-')
}
