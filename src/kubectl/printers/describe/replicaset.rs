//! `kubectl describe replicaset`.

use super::common::{annotations_multiline, controlled_by, events, labels_multiline, pod_template, pods_status};
use super::writer::DescribeWriter;
use crate::cluster::objects::workload::WorkloadCondition;
use crate::cluster::objects::{Event, Pod, ReplicaSet, Time};

/// The describe text of a ReplicaSet; `pods` are the pods it controls.
pub fn describe_replica_set(rs: &ReplicaSet, pods: &[Pod], rs_events: &[Event], now: Time) -> String {
    let mut w = DescribeWriter::new();
    let meta = &rs.metadata;
    w.write(0, &format!("Name:\t{}\n", meta.name));
    w.write(0, &format!("Namespace:\t{}\n", meta.namespace));
    let selector = rs.spec.selector.as_ref().map(|s| s.to_selector_string()).unwrap_or_default();
    w.write(0, &format!("Selector:\t{}\n", if selector.is_empty() { "<none>" } else { &selector }));
    labels_multiline(&mut w, "Labels", &meta.labels);
    annotations_multiline(&mut w, "Annotations", &meta.annotations);
    controlled_by(&mut w, meta);
    w.write(0, &format!("Replicas:\t{} current / {} desired\n", rs.status.replicas, rs.spec.replicas.unwrap_or(1)));
    pods_status(&mut w, pods);
    pod_template(&mut w, &rs.spec.template);
    workload_conditions(&mut w, &rs.status.conditions);
    events(&mut w, rs_events, now);
    w.finish()
}

/// The `Conditions:` table of Deployments and ReplicaSets.
pub fn workload_conditions(w: &mut DescribeWriter, conditions: &[WorkloadCondition]) {
    if conditions.is_empty() {
        return;
    }
    w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
    w.write(1, "----\t------\t------\n");
    for c in conditions {
        w.write(1, &format!("{} \t{}\t{}\n", c.type_, c.status, c.reason));
    }
}
