//! The simulated metrics pipeline (kubelet cAdvisor + metrics-server): what each running
//! container uses, from what its image runs, varying a little from minute to minute. The numbers
//! are a pure function of (pod uid, container, minute of virtual time), so `kubectl top` never
//! draws from the cluster's random generator and cannot shift any other output.

use crate::cluster::images::parse_ref;
use crate::cluster::objects::pod::Container;
use crate::cluster::objects::{Node, Pod, Time};

/// One mebibyte, the unit `kubectl top` prints memory in.
pub const MI: i64 = 1 << 20;

/// How long metrics-server needs after a container starts before it can report it: two scrapes,
/// 15 s apart, to compute a CPU rate.
pub const FIRST_METRICS_AFTER_MS: i64 = 30_000;

/// CPU and memory a container or a node uses right now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Usage {
    pub cpu_millis: i64,
    pub memory_bytes: i64,
}

impl std::ops::Add for Usage {
    type Output = Usage;
    fn add(self, other: Usage) -> Usage {
        Usage { cpu_millis: self.cpu_millis + other.cpu_millis, memory_bytes: self.memory_bytes + other.memory_bytes }
    }
}

/// What a kind of process typically uses: a base and how far it wanders above it.
struct Profile {
    cpu: i64,
    cpu_spread: i64,
    memory_mi: i64,
    memory_spread_mi: i64,
}

const fn profile(cpu: i64, cpu_spread: i64, memory_mi: i64, memory_spread_mi: i64) -> Profile {
    Profile { cpu, cpu_spread, memory_mi, memory_spread_mi }
}

/// The usage profile of a container, from its image and what it was told to run.
fn profile_of(container: &Container) -> Profile {
    let repository = parse_ref(&container.image).repository;
    let script = container.command.iter().chain(&container.args).cloned().collect::<Vec<_>>().join(" ");
    let name = repository.rsplit('/').next().unwrap_or(&repository).to_string();
    match name.as_str() {
        "rickroller" => profile(2, 1, 60, 4),
        "nginx" | "nginx-slim" => profile(0, 1, 3, 1),
        "httpd" => profile(1, 1, 7, 1),
        "http-echo" | "whoami" => profile(0, 1, 2, 1),
        "redis" => profile(2, 1, 4, 1),
        "postgres" => profile(5, 2, 40, 3),
        "mysql" => profile(6, 3, 380, 10),
        "mongo" => profile(8, 3, 150, 8),
        "coredns" => profile(2, 1, 13, 1),
        "kube-proxy" => profile(1, 0, 15, 1),
        "kindnetd" => profile(1, 0, 11, 1),
        "metrics-server" => profile(3, 1, 18, 2),
        "controller" => profile(2, 1, 42, 3),
        _ if script.contains("while") || script.contains("tail") => profile(0, 1, 1, 0),
        "busybox" | "alpine" | "ubuntu" | "python" | "node" => profile(0, 0, 1, 0),
        _ => profile(1, 1, 5, 1),
    }
}

/// A stable 64-bit mix of the text (FNV-1a), so the same inputs always give the same numbers.
fn mix(parts: &[&str], minute: i64) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in parts.iter().flat_map(|p| p.bytes().chain([0])).chain(minute.to_le_bytes()) {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// What a container uses at `now`: its profile's base plus a per-minute wander.
pub fn container_usage(pod: &Pod, container: &Container, now: Time) -> Usage {
    let p = profile_of(container);
    let minute = now.0.div_euclid(60_000);
    let h = mix(&[&pod.metadata.uid, &container.name], minute);
    let spread = |range: i64, bits: u32| -> i64 {
        if range <= 0 { 0 } else { ((h >> bits) % (range as u64 + 1)) as i64 }
    };
    let memory_bytes = (p.memory_mi * MI + spread(p.memory_spread_mi * MI, 16)).max(MI / 2);
    Usage { cpu_millis: p.cpu + spread(p.cpu_spread, 0), memory_bytes }
}

/// The running containers of a pod with their usage, or `None` while metrics-server has nothing
/// for the pod yet (not running, or a container started less than two scrapes ago).
pub fn pod_usage(pod: &Pod, now: Time) -> Option<Vec<(String, Usage)>> {
    if pod.status.phase != "Running" || pod.metadata.deletion_timestamp.is_some() {
        return None;
    }
    let mut usages = Vec::new();
    for status in &pod.status.container_statuses {
        let Some(running) = &status.state.running else { continue };
        let started = running.started_at.unwrap_or(now);
        if started.until(now) < FIRST_METRICS_AFTER_MS {
            return None;
        }
        let Some(spec) = pod.spec.containers.iter().find(|c| c.name == status.name) else { continue };
        usages.push((status.name.clone(), container_usage(pod, spec, now)));
    }
    (!usages.is_empty()).then_some(usages)
}

/// What the node itself uses besides its pods (kubelet, containerd, the OS), wandering too.
pub fn node_overhead(node: &Node, now: Time) -> Usage {
    let h = mix(&[&node.metadata.uid, &node.metadata.name], now.0.div_euclid(60_000));
    Usage { cpu_millis: 48 + (h % 25) as i64, memory_bytes: 520 * MI + ((h >> 16) % (24 * MI as u64)) as i64 }
}

/// A quantity (`4`, `250m`, `8141476Ki`, `2Gi`) in millis of its unit; 0 when unreadable.
pub fn quantity_millis(text: &str) -> i64 {
    let text = text.trim();
    let units: [(&str, i128); 9] = [
        ("Ki", 1 << 10), ("Mi", 1 << 20), ("Gi", 1 << 30), ("Ti", 1 << 40),
        ("k", 1_000), ("M", 1_000_000), ("G", 1_000_000_000), ("T", 1_000_000_000_000), ("m", 1),
    ];
    let (number, factor) = units
        .iter()
        .find_map(|(suffix, factor)| text.strip_suffix(suffix).map(|n| (n, if *suffix == "m" { 1 } else { factor * 1000 })))
        .unwrap_or((text, 1000));
    let Ok(n) = number.parse::<f64>() else { return 0 };
    let millis = n * factor as f64;
    if millis.is_finite() { millis.clamp(0.0, i64::MAX as f64) as i64 } else { 0 }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::objects::ObjectMeta;

    fn pod_with(image: &str, uid: &str) -> (Pod, Container) {
        let container = Container { name: "c".into(), image: image.into(), ..Default::default() };
        let pod = Pod { metadata: ObjectMeta { uid: uid.into(), ..Default::default() }, ..Default::default() };
        (pod, container)
    }

    #[test]
    fn usage_depends_on_the_program_and_stays_in_its_range() {
        for minute in 0..50 {
            let now = Time(minute * 60_000);
            let (pod, c) = pod_with("derlin/rickroller:latest", "u1");
            let u = container_usage(&pod, &c, now);
            assert!((2..=3).contains(&u.cpu_millis) && (60..=64).contains(&(u.memory_bytes / MI)), "{u:?}");
            let (pod, c) = pod_with("nginx", "u2");
            let u = container_usage(&pod, &c, now);
            assert!(u.cpu_millis <= 1 && (3..=4).contains(&(u.memory_bytes / MI)), "{u:?}");
        }
    }

    #[test]
    fn usage_is_stable_within_a_minute_and_moves_between_minutes() {
        let (pod, c) = pod_with("postgres:16", "abc");
        assert_eq!(container_usage(&pod, &c, Time(60_000)), container_usage(&pod, &c, Time(119_999)));
        let distinct: std::collections::BTreeSet<i64> =
            (0..20).map(|m| container_usage(&pod, &c, Time(m * 60_000)).memory_bytes).collect();
        assert!(distinct.len() > 5);
    }

    #[test]
    fn quantities_read_like_kubernetes() {
        assert_eq!(quantity_millis("4"), 4000);
        assert_eq!(quantity_millis("250m"), 250);
        assert_eq!(quantity_millis("8141476Ki"), 8_141_476 * 1024 * 1000);
        assert_eq!(quantity_millis("junk"), 0);
    }
}
