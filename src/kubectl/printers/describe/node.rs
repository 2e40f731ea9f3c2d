//! `kubectl describe node`.

use super::common::{annotations_multiline, events, labels_multiline, rfc1123z, rfc1123z_or_zero, since};
use super::writer::DescribeWriter;
use crate::cluster::objects::{Event, Node, Pod, Time};
use serde_json::Value;

/// The describe text of a Node; `pods` are the non-terminated pods bound to it.
pub fn describe_node(node: &Node, pods: &[Pod], node_events: &[Event], now: Time) -> String {
    let mut w = DescribeWriter::new();
    let (meta, spec, status) = (&node.metadata, &node.spec, &node.status);
    w.write(0, &format!("Name:\t{}\n", meta.name));
    let roles: Vec<&str> = meta
        .labels
        .keys()
        .filter_map(|k| k.strip_prefix("node-role.kubernetes.io/"))
        .filter(|r| !r.is_empty())
        .collect();
    w.write(0, &format!("Roles:\t{}\n", if roles.is_empty() { "<none>".to_string() } else { roles.join(",") }));
    labels_multiline(&mut w, "Labels", &meta.labels);
    annotations_multiline(&mut w, "Annotations", &meta.annotations);
    w.write(0, &format!("CreationTimestamp:\t{}\n", rfc1123z_or_zero(meta.creation_timestamp)));
    w.write(0, "Taints:\t");
    if spec.taints.is_empty() {
        w.line("<none>");
    } else {
        for (i, taint) in spec.taints.iter().enumerate() {
            if i != 0 {
                w.write(0, "\t");
            }
            w.line(&taint_text(taint));
        }
    }
    w.write(0, &format!("Unschedulable:\t{}\n", spec.unschedulable));
    w.write(0, "Lease:\n");
    w.write(1, &format!("HolderIdentity:\t{}\n", meta.name));
    w.write(1, "AcquireTime:\t<unset>\n");
    w.write(1, &format!("RenewTime:\t{}\n", rfc1123z(now)));
    if !status.conditions.is_empty() {
        w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
        w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
        for c in &status.conditions {
            w.write(1, &format!(
                "{} \t{} \t{} \t{} \t{} \t{}\n",
                c.type_,
                c.status,
                rfc1123z_or_zero(c.last_heartbeat_time),
                rfc1123z_or_zero(c.last_transition_time),
                c.reason,
                c.message
            ));
        }
    }
    w.write(0, "Addresses:\n");
    for a in &status.addresses {
        w.write(1, &format!("{}:\t{}\n", a.type_, a.address));
    }
    for (title, list) in [("Capacity", &status.capacity), ("Allocatable", &status.allocatable)] {
        if !list.is_empty() {
            w.write(0, &format!("{title}:\n"));
            for (name, value) in list {
                w.write(0, &format!("  {name}:\t{value}\n"));
            }
        }
    }
    let info = &status.node_info;
    w.write(0, "System Info:\n");
    for (label, value) in [
        ("Machine ID", &info.machine_id),
        ("System UUID", &info.system_uuid),
        ("Boot ID", &info.boot_id),
        ("Kernel Version", &info.kernel_version),
        ("OS Image", &info.os_image),
        ("Operating System", &info.operating_system),
        ("Architecture", &info.architecture),
        ("Container Runtime Version", &info.container_runtime_version),
        ("Kubelet Version", &info.kubelet_version),
    ] {
        w.write(0, &format!("  {label}:\t{value}\n"));
    }
    if !spec.pod_cidr.is_empty() {
        w.write(0, &format!("PodCIDR:\t{}\n", spec.pod_cidr));
    }
    if !spec.pod_cidrs.is_empty() {
        w.write(0, &format!("PodCIDRs:\t{}\n", spec.pod_cidrs.join(",")));
    }
    if !spec.provider_id.is_empty() {
        w.write(0, &format!("ProviderID:\t{}\n", spec.provider_id));
    }
    node_resources(&mut w, node, pods, now);
    events(&mut w, node_events, now);
    w.finish()
}

fn taint_text(taint: &Value) -> String {
    let field = |k: &str| taint.get(k).and_then(Value::as_str).unwrap_or("").to_string();
    let (key, value, effect) = (field("key"), field("value"), field("effect"));
    if value.is_empty() { format!("{key}:{effect}") } else { format!("{key}={value}:{effect}") }
}

/// Totals of one resource over the pods' containers: (requests, limits) in milli-units.
fn totals(pods: &[&Pod], resource: &str) -> (i64, i64) {
    let mut sums = (0, 0);
    for pod in pods {
        for c in &pod.spec.containers {
            let Some(r) = &c.resources else { continue };
            let get = |m: &Option<std::collections::BTreeMap<String, Value>>| {
                m.as_ref().and_then(|m| m.get(resource)).map(|v| quantity_milli(&value_text(v))).unwrap_or(0)
            };
            sums.0 += get(&r.requests);
            sums.1 += get(&r.limits);
        }
    }
    sums
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// A quantity (`100m`, `2`, `64Mi`, `1Gi`) in thousandths of its unit.
fn quantity_milli(text: &str) -> i64 {
    let text = text.trim();
    let suffixes: [(&str, i64); 9] = [
        ("Ki", 1 << 10), ("Mi", 1 << 20), ("Gi", 1 << 30), ("Ti", 1 << 40),
        ("k", 1_000), ("M", 1_000_000), ("G", 1_000_000_000), ("T", 1_000_000_000_000), ("m", 1),
    ];
    for (suffix, factor) in suffixes {
        if let Some(number) = text.strip_suffix(suffix) {
            let n: f64 = number.parse().unwrap_or(0.0);
            return if suffix == "m" { n as i64 } else { (n * factor as f64 * 1000.0) as i64 };
        }
    }
    (text.parse::<f64>().unwrap_or(0.0) * 1000.0) as i64
}

/// A milli-unit amount written back as a quantity: `100m`, `2`, `170Mi`, `0`.
fn quantity_text(milli: i64, binary: bool) -> String {
    if milli == 0 {
        return "0".into();
    }
    if milli % 1000 != 0 {
        return format!("{milli}m");
    }
    let n = milli / 1000;
    if binary {
        for (suffix, factor) in [("Gi", 1i64 << 30), ("Mi", 1 << 20), ("Ki", 1 << 10)] {
            if n % factor == 0 {
                return format!("{}{suffix}", n / factor);
            }
        }
    }
    n.to_string()
}

fn percent(part: i64, whole: i64) -> i64 {
    if whole == 0 { 0 } else { ((part as f64 / whole as f64) * 100.0) as i64 }
}

fn node_resources(w: &mut DescribeWriter, node: &Node, pods: &[Pod], now: Time) {
    let allocatable = if node.status.allocatable.is_empty() { &node.status.capacity } else { &node.status.allocatable };
    let alloc = |name: &str| allocatable.get(name).map(|v| quantity_milli(v)).unwrap_or(0);
    let (cpu_alloc, mem_alloc, eph_alloc) = (alloc("cpu"), alloc("memory"), alloc("ephemeral-storage"));
    w.write(0, &format!("Non-terminated Pods:\t({} in total)\n", pods.len()));
    w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
    w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
    for pod in pods {
        let (cpu_req, cpu_lim) = totals(&[pod], "cpu");
        let (mem_req, mem_lim) = totals(&[pod], "memory");
        w.write(1, &format!(
            "{}\t{}\t\t{} ({}%)\t{} ({}%)\t{} ({}%)\t{} ({}%)\t{}\n",
            pod.metadata.namespace,
            pod.metadata.name,
            quantity_text(cpu_req, false),
            percent(cpu_req, cpu_alloc),
            quantity_text(cpu_lim, false),
            percent(cpu_lim, cpu_alloc),
            quantity_text(mem_req, true),
            percent(mem_req, mem_alloc),
            quantity_text(mem_lim, true),
            percent(mem_lim, mem_alloc),
            since(pod.metadata.creation_timestamp, now)
        ));
    }
    let all: Vec<&Pod> = pods.iter().collect();
    w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
    w.write(1, "Resource\tRequests\tLimits\n");
    w.write(1, "--------\t--------\t------\n");
    for (name, whole, binary) in [("cpu", cpu_alloc, false), ("memory", mem_alloc, true), ("ephemeral-storage", eph_alloc, true)] {
        let (req, lim) = totals(&all, name);
        w.write(1, &format!(
            "{name}\t{} ({}%)\t{} ({}%)\n",
            quantity_text(req, binary),
            percent(req, whole),
            quantity_text(lim, binary),
            percent(lim, whole)
        ));
    }
    let mut hugepages: Vec<&String> = allocatable.keys().filter(|k| k.starts_with("hugepages-")).collect();
    hugepages.sort();
    for name in hugepages {
        w.write(1, &format!("{name}\t0 (0%)\t0 (0%)\n"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_round_trip_in_their_usual_units() {
        assert_eq!(quantity_text(quantity_milli("100m") + quantity_milli("100m"), false), "200m");
        assert_eq!(quantity_text(quantity_milli("70Mi") + quantity_milli("100Mi"), true), "170Mi");
        assert_eq!(quantity_text(quantity_milli("2"), false), "2");
        assert_eq!(percent(quantity_milli("100m"), quantity_milli("2")), 5);
    }
}
