//! `kubectl describe deployment`.

use super::common::{annotations_multiline, events, labels_multiline, pod_template, rfc1123z};
use super::replicaset::workload_conditions;
use super::writer::DescribeWriter;
use crate::cluster::objects::{Deployment, Event, ReplicaSet, Time};

/// The describe text of a Deployment, given its new and old ReplicaSets and its events.
pub fn describe_deployment(
    d: &Deployment,
    new_rs: Option<&ReplicaSet>,
    old_rss: &[ReplicaSet],
    d_events: &[Event],
    now: Time,
) -> String {
    let mut w = DescribeWriter::new();
    let (meta, spec, status) = (&d.metadata, &d.spec, &d.status);
    w.write(0, &format!("Name:\t{}\n", meta.name));
    w.write(0, &format!("Namespace:\t{}\n", meta.namespace));
    if let Some(created) = meta.creation_timestamp {
        w.write(0, &format!("CreationTimestamp:\t{}\n", rfc1123z(created)));
    }
    labels_multiline(&mut w, "Labels", &meta.labels);
    annotations_multiline(&mut w, "Annotations", &meta.annotations);
    let selector = spec.selector.as_ref().map(|s| s.to_selector_string()).unwrap_or_default();
    w.write(0, &format!("Selector:\t{selector}\n"));
    w.write(0, &format!(
        "Replicas:\t{} desired | {} updated | {} total | {} available | {} unavailable\n",
        spec.replicas.unwrap_or(1),
        status.updated_replicas.unwrap_or(0),
        status.replicas.unwrap_or(0),
        status.available_replicas.unwrap_or(0),
        status.unavailable_replicas.unwrap_or(0)
    ));
    let strategy = if spec.strategy.type_.is_empty() { "RollingUpdate" } else { spec.strategy.type_.as_str() };
    w.write(0, &format!("StrategyType:\t{strategy}\n"));
    w.write(0, &format!("MinReadySeconds:\t{}\n", spec.min_ready_seconds.unwrap_or(0)));
    if let Some(ru) = &spec.strategy.rolling_update {
        let show = |v: &Option<crate::cluster::objects::workload::IntOrString>| {
            v.as_ref().map(|x| x.display()).unwrap_or_else(|| "25%".into())
        };
        w.write(0, &format!(
            "RollingUpdateStrategy:\t{} max unavailable, {} max surge\n",
            show(&ru.max_unavailable),
            show(&ru.max_surge)
        ));
    }
    pod_template(&mut w, &spec.template);
    workload_conditions(&mut w, &status.conditions);
    if new_rs.is_some() || !old_rss.is_empty() {
        let list = |rss: &[&ReplicaSet]| {
            let text = rss
                .iter()
                .map(|rs| format!("{} ({}/{} replicas created)", rs.metadata.name, rs.status.replicas, rs.spec.replicas.unwrap_or(1)))
                .collect::<Vec<_>>()
                .join(", ");
            if text.is_empty() { "<none>".to_string() } else { text }
        };
        let old: Vec<&ReplicaSet> = old_rss.iter().collect();
        let new: Vec<&ReplicaSet> = new_rs.into_iter().collect();
        w.write(0, &format!("OldReplicaSets:\t{}\n", list(&old)));
        w.write(0, &format!("NewReplicaSet:\t{}\n", list(&new)));
    }
    events(&mut w, d_events, now);
    w.finish()
}
