//! `kubectl describe pod`.

use super::common::{annotations_multiline, containers, controlled_by, events, labels_multiline, rfc1123z, since, tolerations_multiline, volumes};
use super::writer::DescribeWriter;
use crate::cluster::objects::{Event, Pod, Time};

/// The describe text of a pod, with its events.
pub fn describe_pod(pod: &Pod, pod_events: &[Event], now: Time) -> String {
    let mut w = DescribeWriter::new();
    let (meta, spec, status) = (&pod.metadata, &pod.spec, &pod.status);
    w.write(0, &format!("Name:\t{}\n", meta.name));
    w.write(0, &format!("Namespace:\t{}\n", meta.namespace));
    if let Some(priority) = spec.priority {
        w.write(0, &format!("Priority:\t{priority}\n"));
    }
    if !spec.service_account_name.is_empty() {
        w.write(0, &format!("Service Account:\t{}\n", spec.service_account_name));
    }
    if spec.node_name.is_empty() {
        w.write(0, "Node:\t<none>\n");
    } else {
        w.write(0, &format!("Node:\t{}/{}\n", spec.node_name, status.host_ip));
    }
    if let Some(start) = status.start_time {
        w.write(0, &format!("Start Time:\t{}\n", rfc1123z(start)));
    }
    labels_multiline(&mut w, "Labels", &meta.labels);
    annotations_multiline(&mut w, "Annotations", &meta.annotations);
    match meta.deletion_timestamp {
        Some(deletion) if !pod.is_terminal() => {
            w.write(0, &format!("Status:\tTerminating (lasts {})\n", since(Some(deletion), now)));
            w.write(0, &format!("Termination Grace Period:\t{}s\n", meta.deletion_grace_period_seconds.unwrap_or(0)));
        }
        _ => w.write(0, &format!("Status:\t{}\n", status.phase)),
    }
    if !status.reason.is_empty() {
        w.write(0, &format!("Reason:\t{}\n", status.reason));
    }
    if !status.message.is_empty() {
        w.write(0, &format!("Message:\t{}\n", status.message));
    }
    w.write(0, &format!("IP:\t{}\n", status.pod_ip));
    if status.pod_ips.is_empty() {
        w.write(0, "IPs:\t<none>\n");
    } else {
        w.write(0, "IPs:\n");
        for ip in &status.pod_ips {
            w.write(1, &format!("IP:\t{}\n", ip.ip));
        }
    }
    controlled_by(&mut w, meta);
    if !spec.init_containers.is_empty() {
        containers(&mut w, "Init Containers", &spec.init_containers, &status.init_container_statuses, "");
    }
    containers(&mut w, "Containers", &spec.containers, &status.container_statuses, "");
    if !status.conditions.is_empty() {
        w.write(0, "Conditions:\n  Type\tStatus\n");
        for c in &status.conditions {
            w.write(1, &format!("{} \t{} \n", c.type_, c.status));
        }
    }
    volumes(&mut w, &spec.volumes, "");
    w.write(0, &format!("QoS Class:\t{}\n", qos_class(pod)));
    labels_multiline(&mut w, "Node-Selectors", &spec.node_selector);
    tolerations_multiline(&mut w, "Tolerations", &spec.tolerations);
    events(&mut w, pod_events, now);
    w.finish()
}

/// The pod's QoS class: as the API server recorded it, else worked out from requests and limits.
fn qos_class(pod: &Pod) -> String {
    if !pod.status.qos_class.is_empty() {
        return pod.status.qos_class.clone();
    }
    let all: Vec<_> = pod.spec.containers.iter().chain(pod.spec.init_containers.iter()).collect();
    let has_any = all.iter().any(|c| {
        c.resources.as_ref().is_some_and(|r| {
            r.limits.as_ref().is_some_and(|m| !m.is_empty()) || r.requests.as_ref().is_some_and(|m| !m.is_empty())
        })
    });
    if !has_any {
        return "BestEffort".into();
    }
    let guaranteed = all.iter().all(|c| {
        c.resources.as_ref().is_some_and(|r| {
            let limits = r.limits.clone().unwrap_or_default();
            let requests = r.requests.clone().unwrap_or_default();
            ["cpu", "memory"].iter().all(|k| limits.contains_key(*k))
                && requests.iter().all(|(k, v)| limits.get(k) == Some(v))
        })
    });
    if guaranteed { "Guaranteed".into() } else { "Burstable".into() }
}
