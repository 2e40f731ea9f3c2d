//! Pieces several describers share: label and annotation blocks, containers, volumes, pod
//! templates and the Events table.

use super::writer::DescribeWriter;
use crate::cluster::objects::config::EnvVarSource;
use crate::cluster::objects::pod::{Container, ContainerState, ContainerStatus, Toleration, Volume};
use crate::cluster::objects::time::human_duration;
use crate::cluster::objects::{Event, ObjectMeta, Pod, PodTemplateSpec, StringMap, Time};
use serde_json::Value;

/// Annotations describe never shows.
const SKIPPED_ANNOTATIONS: &[&str] = &["kubectl.kubernetes.io/last-applied-configuration"];

/// Longest `key: value` annotation printed on one line.
const MAX_ANNOTATION_LEN: usize = 140;

const WEEKDAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Go's `time.RFC1123Z` in UTC: `Mon, 06 Oct 2025 09:00:00 +0000`.
pub fn rfc1123z(time: Time) -> String {
    let text = time.rfc3339();
    let days = time.0.div_euclid(86_400_000);
    let weekday = WEEKDAYS[days.rem_euclid(7) as usize];
    let month: usize = text.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    format!(
        "{weekday}, {} {} {} {} +0000",
        text.get(8..10).unwrap_or("01"),
        MONTHS[month.clamp(1, 12) - 1],
        text.get(0..4).unwrap_or("1970"),
        text.get(11..19).unwrap_or("00:00:00"),
    )
}

/// An optional timestamp in RFC1123Z, Go's zero time when missing.
pub fn rfc1123z_or_zero(time: Option<Time>) -> String {
    time.map(rfc1123z).unwrap_or_else(|| "Mon, 01 Jan 0001 00:00:00 +0000".into())
}

/// `translateTimestampSince`: a HumanDuration age, `<unknown>` without a timestamp.
pub fn since(time: Option<Time>, now: Time) -> String {
    match time {
        Some(t) => human_duration(t.until(now)),
        None => "<unknown>".into(),
    }
}

/// `Labels:  a=b` then one aligned line per further label; `<none>` when empty.
pub fn labels_multiline(w: &mut DescribeWriter, title: &str, labels: &StringMap) {
    w.write(0, &format!("{title}:\t"));
    if labels.is_empty() {
        w.line("<none>");
        return;
    }
    for (i, (key, value)) in labels.iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        w.write(0, &format!("{key}={value}\n"));
    }
}

/// `Annotations:  k: v`, long or multi-line values folded below their key.
pub fn annotations_multiline(w: &mut DescribeWriter, title: &str, annotations: &StringMap) {
    w.write(0, &format!("{title}:\t"));
    let shown: Vec<(&String, &String)> =
        annotations.iter().filter(|(k, _)| !SKIPPED_ANNOTATIONS.contains(&k.as_str())).collect();
    if shown.is_empty() {
        w.line("<none>");
        return;
    }
    for (i, (key, value)) in shown.into_iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        let value = value.strip_suffix('\n').unwrap_or(value);
        if value.len() + key.len() + 2 > MAX_ANNOTATION_LEN || value.contains('\n') {
            w.write(0, &format!("{key}:\n"));
            for part in value.split('\n') {
                w.write(0, &format!("\t  {}\n", shorten(part, MAX_ANNOTATION_LEN - 2)));
            }
        } else {
            w.write(0, &format!("{key}: {value}\n"));
        }
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.len() > max {
        let cut = (0..=max).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        format!("{}...", &text[..cut])
    } else {
        text.to_string()
    }
}

/// `Tolerations:  node.kubernetes.io/not-ready:NoExecute op=Exists for 300s`, one per line.
pub fn tolerations_multiline(w: &mut DescribeWriter, title: &str, tolerations: &[Toleration]) {
    w.write(0, &format!("{title}:\t"));
    if tolerations.is_empty() {
        w.line("<none>");
        return;
    }
    let mut sorted: Vec<&Toleration> = tolerations.iter().collect();
    sorted.sort_by(|a, b| a.key.cmp(&b.key));
    for (i, t) in sorted.into_iter().enumerate() {
        if i != 0 {
            w.write(0, "\t");
        }
        let mut text = t.key.clone();
        if !t.value.is_empty() {
            text.push_str(&format!("={}", t.value));
        }
        if !t.effect.is_empty() {
            text.push_str(&format!(":{}", t.effect));
        }
        if t.operator == "Exists" && t.value.is_empty() {
            text.push_str(if t.key.is_empty() && t.effect.is_empty() { "op=Exists" } else { " op=Exists" });
        }
        if let Some(seconds) = t.toleration_seconds {
            text.push_str(&format!(" for {seconds}s"));
        }
        w.line(&text);
    }
}

/// The Events table (or `Events:  <none>`), aligned apart from the rest.
pub fn events(w: &mut DescribeWriter, events: &[Event], now: Time) {
    if events.is_empty() {
        w.write(0, "Events:\t<none>\n");
        return;
    }
    w.flush();
    let mut sorted: Vec<&Event> = events.iter().collect();
    sorted.sort_by_key(|e| e.last_timestamp);
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w.write(1, "----\t------\t----\t----\t-------\n");
    for e in sorted {
        let first = since(e.event_time.or(e.first_timestamp), now);
        let age = if e.count > 1 {
            format!("{} (x{} over {first})", since(e.last_timestamp, now), e.count)
        } else {
            first
        };
        let source = if e.source.component.is_empty() { &e.reporting_component } else { &e.source.component };
        let mut message = e.message.trim().to_string();
        if !e.involved_object.field_path.is_empty() {
            message = format!("{}: {message}", e.involved_object.field_path);
        }
        w.write(1, &format!("{}\t{}\t{age}\t{source}\t{message}\n", e.type_, e.reason));
    }
}

/// The `Controlled By:` line of an object a controller made (nothing when none did).
pub fn controlled_by(w: &mut DescribeWriter, meta: &ObjectMeta) {
    if let Some(owner) = meta.owner_references.iter().find(|o| o.controller == Some(true)) {
        w.write(0, &format!("Controlled By:\t{}/{}\n", owner.kind, owner.name));
    }
}

/// The `Pods Status:` line of a ReplicaSet, DaemonSet or StatefulSet: its pods by phase.
pub fn pods_status<'a>(w: &mut DescribeWriter, pods: impl IntoIterator<Item = &'a Pod>) {
    let mut counts = [0usize; 4];
    for pod in pods {
        match pod.status.phase.as_str() {
            "Running" => counts[0] += 1,
            "Pending" => counts[1] += 1,
            "Succeeded" => counts[2] += 1,
            "Failed" => counts[3] += 1,
            _ => {}
        }
    }
    let [running, waiting, succeeded, failed] = counts;
    w.write(0, &format!("Pods Status:\t{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed\n"));
}

/// Where describe prints a `Pod Template:` block: under a Deployment or ReplicaSet.
pub fn pod_template(w: &mut DescribeWriter, template: &PodTemplateSpec) {
    w.write(0, "Pod Template:\n");
    labels_multiline(w, "  Labels", &template.metadata.labels);
    if !template.metadata.annotations.is_empty() {
        annotations_multiline(w, "  Annotations", &template.metadata.annotations);
    }
    let spec = &template.spec;
    if !spec.service_account_name.is_empty() {
        w.write(1, &format!("Service Account:\t{}\n", spec.service_account_name));
    }
    if !spec.init_containers.is_empty() {
        containers(w, "Init Containers", &spec.init_containers, &[], "  ");
    }
    containers(w, "Containers", &spec.containers, &[], "  ");
    volumes(w, &spec.volumes, "  ");
    labels_multiline(w, "  Node-Selectors", &spec.node_selector);
    tolerations_multiline(w, "  Tolerations", &spec.tolerations);
}

/// A `Containers:` block: each container's image, ports, command, state, env and mounts.
pub fn containers(w: &mut DescribeWriter, label: &str, list: &[Container], statuses: &[ContainerStatus], space: &str) {
    let none = if list.is_empty() { " <none>" } else { "" };
    w.write(0, &format!("{space}{label}:{none}\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for c in list {
        let status = statuses.iter().find(|s| s.name == c.name);
        w.write(1, &format!("{name_indent}{}:\n", c.name));
        if let Some(s) = status {
            w.write(2, &format!("Container ID:\t{}\n", s.container_id));
        }
        w.write(2, &format!("Image:\t{}\n", c.image));
        if let Some(s) = status {
            w.write(2, &format!("Image ID:\t{}\n", s.image_id));
        }
        let port_text = |host: bool| {
            c.ports
                .iter()
                .map(|p| {
                    let number = if host { p.host_port.unwrap_or(0) } else { p.container_port };
                    let protocol = if p.protocol.is_empty() { "TCP" } else { p.protocol.as_str() };
                    if p.name.is_empty() { format!("{number}/{protocol}") } else { format!("{number}/{protocol} ({})", p.name) }
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        for (host, one, many) in [(false, "Port", "Ports"), (true, "Host Port", "Host Ports")] {
            let text = port_text(host);
            if text.contains(',') {
                w.write(2, &format!("{many}:\t{text}\n"));
            } else {
                w.write(2, &format!("{one}:\t{}\n", if text.is_empty() { "<none>" } else { &text }));
            }
        }
        for (title, items) in [("Command", &c.command), ("Args", &c.args)] {
            if !items.is_empty() {
                w.write(2, &format!("{title}:\n"));
                for item in items {
                    for part in item.split('\n') {
                        w.write(3, &format!("{part}\n"));
                    }
                }
            }
        }
        if let Some(s) = status {
            container_state(w, "State", &s.state);
            if s.last_state.terminated.is_some() {
                container_state(w, "Last State", &s.last_state);
            }
            w.write(2, &format!("Ready:\t{}\n", if s.ready { "True" } else { "False" }));
            w.write(2, &format!("Restart Count:\t{}\n", s.restart_count));
        }
        if let Some(resources) = &c.resources {
            for (title, map) in [("Limits", &resources.limits), ("Requests", &resources.requests)] {
                if let Some(map) = map.as_ref().filter(|m| !m.is_empty()) {
                    w.write(2, &format!("{title}:\n"));
                    for (name, quantity) in map {
                        w.write(3, &format!("{name}:\t{}\n", scalar(quantity)));
                    }
                }
            }
        }
        for (title, probe) in [("Liveness", &c.liveness_probe), ("Readiness", &c.readiness_probe), ("Startup", &c.startup_probe)] {
            if let Some(p) = probe {
                w.write(2, &format!("{title}:\t{}\n", describe_probe(p)));
            }
        }
        env_from(w, c);
        let none = if c.env.is_empty() { "\t<none>" } else { "" };
        w.write(2, &format!("Environment:{none}\n"));
        for e in &c.env {
            match (&e.value, &e.value_from) {
                (_, Some(from)) => w.write(3, &format!("{}:\t{}\n", e.name, describe_value_from(from))),
                (value, None) => {
                    let value = value.clone().unwrap_or_default();
                    for (i, part) in value.split('\n').enumerate() {
                        if i == 0 {
                            w.write(3, &format!("{}:\t{part}\n", e.name));
                        } else {
                            w.write(3, &format!("\t{part}\n"));
                        }
                    }
                }
            }
        }
        let none = if c.volume_mounts.is_empty() { "\t<none>" } else { "" };
        w.write(2, &format!("Mounts:{none}\n"));
        let mut mounts: Vec<_> = c.volume_mounts.iter().collect();
        mounts.sort_by(|a, b| a.mount_path.cmp(&b.mount_path));
        for m in mounts {
            let mut flags = vec![if m.read_only { "ro".to_string() } else { "rw".to_string() }];
            if !m.sub_path.is_empty() {
                flags.push(format!("path={:?}", m.sub_path));
            }
            w.write(3, &format!("{} from {} ({})\n", m.mount_path, m.name, flags.join(",")));
        }
    }
}

fn container_state(w: &mut DescribeWriter, title: &str, state: &ContainerState) {
    if let Some(running) = &state.running {
        w.write(2, &format!("{title}:\tRunning\n"));
        w.write(3, &format!("Started:\t{}\n", rfc1123z_or_zero(running.started_at)));
    } else if let Some(t) = &state.terminated {
        w.write(2, &format!("{title}:\tTerminated\n"));
        if !t.reason.is_empty() {
            w.write(3, &format!("Reason:\t{}\n", t.reason));
        }
        if !t.message.is_empty() {
            w.write(3, &format!("Message:\t{}\n", t.message));
        }
        w.write(3, &format!("Exit Code:\t{}\n", t.exit_code));
        w.write(3, &format!("Started:\t{}\n", rfc1123z_or_zero(t.started_at)));
        w.write(3, &format!("Finished:\t{}\n", rfc1123z_or_zero(t.finished_at)));
    } else {
        w.write(2, &format!("{title}:\tWaiting\n"));
        if let Some(reason) = state.waiting.as_ref().map(|s| &s.reason).filter(|r| !r.is_empty()) {
            w.write(3, &format!("Reason:\t{reason}\n"));
        }
    }
}

/// A JSON scalar as text: strings unquoted, numbers as written.
fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn int_field(value: &Value, key: &str, default: i64) -> i64 {
    value.get(key).and_then(Value::as_i64).unwrap_or(default)
}

fn describe_probe(p: &crate::cluster::objects::pod::Probe) -> String {
    let attrs = format!(
        "delay={}s timeout={}s period={}s #success={} #failure={}",
        p.initial_delay_seconds.unwrap_or(0),
        p.timeout_seconds.unwrap_or(1),
        p.period_seconds.unwrap_or(10),
        p.success_threshold.unwrap_or(1),
        p.failure_threshold.unwrap_or(3),
    );
    if let Some(exec) = &p.exec {
        let command: Vec<String> = exec
            .get("command")
            .and_then(Value::as_array)
            .map(|a| a.iter().map(scalar).collect())
            .unwrap_or_default();
        return format!("exec [{}] {attrs}", command.join(" "));
    }
    if let Some(http) = &p.http_get {
        let scheme = http.get("scheme").map(scalar).unwrap_or_else(|| "http".into()).to_ascii_lowercase();
        let host = http.get("host").map(scalar).unwrap_or_default();
        let port = http.get("port").map(scalar).unwrap_or_default();
        let path = http.get("path").map(scalar).unwrap_or_default();
        return format!("http-get {scheme}://{host}:{port}{path} {attrs}");
    }
    if let Some(tcp) = &p.tcp_socket {
        let host = tcp.get("host").map(scalar).unwrap_or_default();
        let port = tcp.get("port").map(scalar).unwrap_or_default();
        return format!("tcp-socket {host}:{port} {attrs}");
    }
    if let Some(grpc) = &p.grpc {
        return format!("grpc <pod>:{} {} {attrs}", int_field(grpc, "port", 0), grpc.get("service").map(scalar).unwrap_or_default());
    }
    format!("unknown {attrs}")
}

/// `Environment Variables from:`: the ConfigMaps and Secrets of `envFrom`.
fn env_from(w: &mut DescribeWriter, c: &Container) {
    if c.env_from.is_empty() {
        return;
    }
    w.write(2, "Environment Variables from:\n");
    for e in &c.env_from {
        let (name, from, optional) = match (&e.config_map_ref, &e.secret_ref) {
            (Some(r), _) => (r.name.as_str(), "ConfigMap", r.optional.unwrap_or(false)),
            (None, Some(r)) => (r.name.as_str(), "Secret", r.optional.unwrap_or(false)),
            (None, None) => ("", "", false),
        };
        if e.prefix.is_empty() {
            w.write(3, &format!("{name}\t{from}\tOptional: {optional}\n"));
        } else {
            w.write(3, &format!("{name}\t{from} with prefix '{}'\tOptional: {optional}\n", e.prefix));
        }
    }
}

fn describe_value_from(from: &EnvVarSource) -> String {
    if let Some(r) = &from.field_ref {
        let api = if r.api_version.is_empty() { "v1" } else { r.api_version.as_str() };
        return format!(" ({api}:{})", r.field_path);
    }
    if let Some(r) = &from.secret_key_ref {
        return format!("<set to the key '{}' in secret '{}'>  Optional: {}", r.key, r.name, r.optional.unwrap_or(false));
    }
    if let Some(r) = &from.config_map_key_ref {
        return format!("<set to the key '{}' of config map '{}'>  Optional: {}", r.key, r.name, r.optional.unwrap_or(false));
    }
    String::new()
}

/// `Volumes:` with each volume's type block.
pub fn volumes(w: &mut DescribeWriter, volumes: &[Volume], space: &str) {
    if volumes.is_empty() {
        w.write(0, &format!("{space}Volumes:\t<none>\n"));
        return;
    }
    w.write(0, &format!("{space}Volumes:\n"));
    let name_indent = if space.is_empty() { "" } else { " " };
    for v in volumes {
        w.write(1, &format!("{name_indent}{}:\n", v.name));
        let text = |value: &Option<Value>, key: &str| value.as_ref().and_then(|s| s.get(key)).map(scalar).unwrap_or_default();
        let flag = |value: &Option<Value>, key: &str| value.as_ref().and_then(|s| s.get(key)).and_then(Value::as_bool).unwrap_or(false);
        if v.host_path.is_some() {
            let kind = text(&v.host_path, "type");
            w.write(2, &format!(
                "Type:\tHostPath (bare host directory volume)\n    Path:\t{}\n    HostPathType:\t{}\n",
                text(&v.host_path, "path"),
                if kind.is_empty() { "<none>".into() } else { kind }
            ));
        } else if v.empty_dir.is_some() {
            let limit = text(&v.empty_dir, "sizeLimit");
            w.write(2, &format!(
                "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t{}\n    SizeLimit:\t{}\n",
                text(&v.empty_dir, "medium"),
                if limit.is_empty() { "<unset>".into() } else { limit }
            ));
        } else if v.secret.is_some() {
            w.write(2, &format!(
                "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t{}\n    Optional:\t{}\n",
                text(&v.secret, "secretName"),
                flag(&v.secret, "optional")
            ));
        } else if v.config_map.is_some() {
            w.write(2, &format!(
                "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t{}\n    Optional:\t{}\n",
                text(&v.config_map, "name"),
                flag(&v.config_map, "optional")
            ));
        } else if v.persistent_volume_claim.is_some() {
            w.write(2, &format!(
                "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t{}\n    ReadOnly:\t{}\n",
                text(&v.persistent_volume_claim, "claimName"),
                flag(&v.persistent_volume_claim, "readOnly")
            ));
        } else if let Some(projected) = &v.projected {
            projected_volume(w, projected);
        } else {
            w.write(1, "<unknown>\n");
        }
    }
}

fn projected_volume(w: &mut DescribeWriter, projected: &Value) {
    w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
    let sources = projected.get("sources").and_then(Value::as_array).cloned().unwrap_or_default();
    for source in sources {
        let optional = |v: &Value| v.get("optional").and_then(Value::as_bool).unwrap_or(false);
        if let Some(secret) = source.get("secret") {
            w.write(2, &format!("SecretName:\t{}\n    Optional:\t{}\n", secret.get("name").map(scalar).unwrap_or_default(), optional(secret)));
        } else if source.get("downwardAPI").is_some() {
            w.write(2, "DownwardAPI:\ttrue\n");
        } else if let Some(cm) = source.get("configMap") {
            w.write(2, &format!("ConfigMapName:\t{}\n    Optional:\t{}\n", cm.get("name").map(scalar).unwrap_or_default(), optional(cm)));
        } else if let Some(token) = source.get("serviceAccountToken") {
            w.write(2, &format!("TokenExpirationSeconds:\t{}\n", int_field(token, "expirationSeconds", 3607)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc1123z_has_weekday_and_offset() {
        assert_eq!(rfc1123z(crate::cluster::EPOCH), "Mon, 06 Oct 2025 09:00:00 +0000");
        assert_eq!(rfc1123z(Time(0)), "Thu, 01 Jan 1970 00:00:00 +0000");
    }
}
