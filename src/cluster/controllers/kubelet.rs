//! The kubelets of all nodes: they run the pods bound to their node. Each container goes
//! sandbox → image pull → created → running, may exit and be restarted with back-off, and is
//! stopped with SIGTERM then SIGKILL when its pod is deleted. What only a kubelet knows
//! (processes, image caches, timers) lives in [`KubeletState`]; the API sees pod status and Events.

use super::container_env;
use crate::cluster::images;
use crate::cluster::objects::pod::{
    ContainerState, ContainerStatus, IpEntry, PodCondition, StateRunning, StateTerminated, StateWaiting,
};
use crate::cluster::objects::{Kind, Object, Pod, Time};
use crate::cluster::probes::{ProbeEffect, ProbeState};
use crate::cluster::process;
use crate::cluster::store::ObjectKey;
use crate::cluster::Cluster;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Crash and image-pull back-off: 10 s doubling up to 5 minutes, as the kubelet does.
const BACKOFF_START_MS: i64 = 10_000;
const BACKOFF_MAX_MS: i64 = 300_000;
/// How often the kubelet retries a container whose ConfigMap or Secret is missing.
const CONFIG_RETRY_MS: i64 = 10_000;

/// What the kubelets know that the API does not.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct KubeletState {
    pods: BTreeMap<String, PodRuntime>,
    /// `(node, full image reference)` pairs already pulled.
    images: BTreeSet<(String, String)>,
    /// Last host octet handed out per node.
    next_ip: BTreeMap<String, u32>,
    /// The instant of the last kubelet pass: when lines appended from outside were written.
    #[serde(default)]
    clock: Time,
}

/// A log line and the instant the container wrote it (what `--timestamps` and `--since` use).
pub type LogLine = (Time, String);

/// One pod's sandbox and containers on its node.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct PodRuntime {
    namespace: String,
    name: String,
    node: String,
    ip: String,
    started: Time,
    sandbox_ready_at: Time,
    /// Index of the next container the kubelet starts (containers start one after the other).
    cursor: usize,
    containers: Vec<ContainerRuntime>,
    /// Set once the pod is being deleted: the instant SIGKILL ends whatever is left.
    kill_deadline: Option<Time>,
    /// The pod's resourceVersion when the kubelet last synced it: unchanged pods with no timer
    /// due are skipped.
    #[serde(default)]
    seen_revision: String,
}

/// One container of a pod, across its restarts.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct ContainerRuntime {
    name: String,
    image: String,
    phase: Phase,
    restart_count: i64,
    crash_backoff_ms: i64,
    pull_backoff_ms: i64,
    /// Whether the image has ever been pulled for this container (for `imageID`, `image`).
    pulled: bool,
    logs: Vec<LogLine>,
    previous_logs: Vec<LogLine>,
    last_termination: Option<Termination>,
    container_id: String,
    /// The probes of the running instance: schedule, results, started and ready.
    #[serde(default)]
    probes: ProbeState,
    /// The environment the running instance was started with (ConfigMap and Secret values
    /// resolved), for `kubectl exec ... env`.
    #[serde(default)]
    env: Vec<(String, String)>,
    /// Lines the running instance's script prints as time passes, and the instant up to which
    /// they are already in `logs`.
    #[serde(default)]
    script: process::ScriptLogs,
    #[serde(default)]
    script_until: Time,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Termination {
    exit_code: i64,
    reason: String,
    started: Time,
    finished: Time,
    container_id: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
enum Phase {
    /// Not started yet: the sandbox or an earlier container is still being set up.
    Waiting,
    /// Pulling the image; fails at `done_at` when `fails`.
    Pulling { started: Time, done_at: Time, fails: bool, reason: String },
    /// A pull failed: `ErrImagePull` until `err_until`, then `ImagePullBackOff` until `retry_at`.
    PullBackOff { err_until: Time, retry_at: Time, announced: bool },
    Running { started: Time, exit_at: Option<Time>, exit_code: i64 },
    /// Exited; restarts at `restart_at` (`CrashLoopBackOff` after `backoff_from`) unless `None`.
    Exited { restart_at: Option<Time>, backoff_from: Time, announced: bool },
    /// SIGTERM sent; exits at `exit_at` with `exit_code`.
    Stopping { started: Time, exit_at: Time, exit_code: i64 },
    /// Gone for good (pod deleted).
    Stopped,
    /// The container's configuration could not be built (a ConfigMap, Secret or key is
    /// missing): `CreateContainerConfigError` with `message`; the kubelet tries again at `retry_at`.
    ConfigError { message: String, retry_at: Time },
}

impl KubeletState {
    /// The log lines of a container (`previous`: of its last terminated instance), or `None`
    /// when the kubelet does not run that pod.
    pub fn logs(&self, pod_uid: &str, container: &str, previous: bool) -> Option<Vec<String>> {
        let lines = self.logs_with_times(pod_uid, container, previous)?;
        Some(lines.into_iter().map(|(_, text)| text).collect())
    }

    /// The log lines of a container with the instant each was written, or `None` when the
    /// kubelet does not run that pod.
    pub fn logs_with_times(&self, pod_uid: &str, container: &str, previous: bool) -> Option<Vec<LogLine>> {
        let c = self.pods.get(pod_uid)?.containers.iter().find(|c| c.name == container)?;
        Some(if previous { c.previous_logs.clone() } else { c.logs.clone() })
    }

    /// The environment a container was started with, or `None` when it has not started.
    pub fn container_env(&self, pod_uid: &str, container: &str) -> Option<&[(String, String)]> {
        let c = self.pods.get(pod_uid)?.containers.iter().find(|c| c.name == container)?;
        c.pulled.then_some(c.env.as_slice())
    }

    /// Appends a line to a running container's log (an access log line, for instance).
    pub fn append_log(&mut self, pod_uid: &str, container: &str, line: String) {
        if let Some(c) = self.pods.get_mut(pod_uid).and_then(|p| p.containers.iter_mut().find(|c| c.name == container)) {
            c.logs.push((self.clock, line));
        }
    }
}

/// One pass of every kubelet; true when it changed anything. Only pods that changed in the store
/// since the kubelet last synced them, or that have a timer due, are looked at again.
pub fn reconcile(cluster: &mut Cluster) -> bool {
    let now = cluster.now();
    cluster.kubelet.clock = now;
    let mut live = BTreeSet::new();
    let mut dirty: Vec<Pod> = Vec::new();
    for object in cluster.store.list(Kind::Pod, None) {
        let Object::Pod(p) = object else { continue };
        if p.spec.node_name.is_empty() {
            continue;
        }
        live.insert(p.metadata.uid.clone());
        if p.is_terminal() && p.metadata.deletion_timestamp.is_none() {
            continue;
        }
        let fresh = cluster.kubelet.pods.get(&p.metadata.uid).is_some_and(|rt| {
            rt.seen_revision == p.metadata.resource_version && timers(rt).all(|t| t > now)
        });
        if !fresh {
            dirty.push(p.clone());
        }
    }
    write_script_logs(cluster, now);
    let before = cluster.kubelet.pods.len();
    cluster.kubelet.pods.retain(|uid, _| live.contains(uid));
    let mut changed = before != cluster.kubelet.pods.len();
    for pod in dirty {
        changed |= sync_pod(cluster, pod);
    }
    changed
}

/// Appends to each running container's log the lines its script printed up to `now`, and writes
/// the lines it redirected into files of its volumes.
fn write_script_logs(cluster: &mut Cluster, now: Time) {
    let mut writes: Vec<(String, String, String, String, Vec<process::FileWrite>)> = Vec::new();
    for (uid, rt) in cluster.kubelet.pods.iter_mut() {
        for c in &mut rt.containers {
            if let Phase::Running { started, .. } = c.phase {
                if c.script_until < now {
                    c.logs.extend(c.script.between(started, c.script_until, now));
                    let files = c.script.file_writes_between(started, c.script_until, now);
                    if !files.is_empty() {
                        writes.push((rt.namespace.clone(), rt.name.clone(), uid.clone(), c.name.clone(), files));
                    }
                    c.script_until = now;
                }
            }
        }
    }
    for (namespace, name, uid, container, files) in writes {
        let Some(Object::Pod(pod)) = cluster.get(Kind::Pod, &namespace, &name).cloned() else { continue };
        let Some(spec) = pod.spec.containers.iter().find(|c| c.name == container).cloned() else { continue };
        if pod.metadata.uid != uid {
            continue;
        }
        for write in files {
            if write.append {
                crate::cluster::network::volumes::append_line(cluster, &pod, &spec, &write.path, &write.text);
            } else {
                crate::cluster::network::volumes::write(cluster, &pod, &spec, &write.path, &format!("{}\n", write.text));
            }
        }
    }
}

/// Every instant at which something in this pod's runtime changes by itself.
fn timers(pod: &PodRuntime) -> impl Iterator<Item = Time> + '_ {
    let sandbox = (pod.cursor == 0).then_some(pod.sandbox_ready_at);
    let containers = pod.containers.iter().flat_map(|c| {
        let times: Vec<Time> = match &c.phase {
            Phase::Pulling { done_at, .. } => vec![*done_at],
            Phase::PullBackOff { err_until, retry_at, .. } => vec![*err_until, *retry_at],
            Phase::Running { exit_at, .. } => exit_at.iter().copied().chain(c.probes.timers()).collect(),
            Phase::Exited { restart_at: Some(t), backoff_from, .. } => vec![*t, *backoff_from],
            Phase::Stopping { exit_at, .. } => vec![*exit_at],
            Phase::ConfigError { retry_at, .. } => vec![*retry_at],
            _ => vec![],
        };
        times
    });
    sandbox.into_iter().chain(pod.kill_deadline).chain(containers)
}

/// The next instant a container or image pull changes by itself.
pub fn next_wake(cluster: &Cluster) -> Option<Time> {
    let now = cluster.now();
    cluster.kubelet.pods.values().flat_map(timers).filter(|t| *t > now).min()
}

fn sync_pod(cluster: &mut Cluster, pod: Pod) -> bool {
    let uid = pod.metadata.uid.clone();
    let mut changed = false;
    if !cluster.kubelet.pods.contains_key(&uid) {
        let runtime = new_runtime(cluster, &pod);
        cluster.kubelet.pods.insert(uid.clone(), runtime);
        changed = true;
    }
    let Some(mut runtime) = cluster.kubelet.pods.remove(&uid) else { return changed };
    changed |= step(cluster, &pod, &mut runtime);
    let finished = runtime.kill_deadline.is_some()
        && runtime.containers.iter().all(|c| matches!(c.phase, Phase::Stopped | Phase::Waiting | Phase::Pulling { .. } | Phase::PullBackOff { .. } | Phase::Exited { .. }));
    let status = build_status(cluster, &pod, &runtime);
    if status != pod.status {
        let mut updated = pod.clone();
        updated.status = status;
        let _ = cluster.update_status(Object::Pod(updated));
        changed = true;
    }
    if finished {
        let now = cluster.now();
        cluster.store.remove(&ObjectKey::new(Kind::Pod, &pod.metadata.namespace, &pod.metadata.name), now);
        return true;
    }
    runtime.seen_revision = match cluster.get(Kind::Pod, &pod.metadata.namespace, &pod.metadata.name) {
        Some(live) => live.meta().resource_version.clone(),
        None => String::new(),
    };
    cluster.kubelet.pods.insert(uid, runtime);
    changed
}

fn new_runtime(cluster: &mut Cluster, pod: &Pod) -> PodRuntime {
    let node = pod.spec.node_name.clone();
    let ip = allocate_ip(cluster, &node);
    let now = cluster.now();
    let sandbox_ms = cluster.rng.between(400, 1200);
    PodRuntime {
        namespace: pod.metadata.namespace.clone(),
        name: pod.metadata.name.clone(),
        node,
        ip,
        started: now,
        sandbox_ready_at: now.plus_ms(sandbox_ms),
        cursor: 0,
        containers: pod
            .spec
            .containers
            .iter()
            .map(|c| ContainerRuntime {
                name: c.name.clone(),
                image: c.image.clone(),
                phase: Phase::Waiting,
                restart_count: 0,
                crash_backoff_ms: 0,
                pull_backoff_ms: 0,
                pulled: false,
                logs: Vec::new(),
                previous_logs: Vec::new(),
                last_termination: None,
                container_id: String::new(),
                probes: ProbeState::default(),
                env: Vec::new(),
                script: Default::default(),
                script_until: Time::default(),
            })
            .collect(),
        kill_deadline: None,
        seen_revision: String::new(),
    }
}

/// Pod IPs come from the node's pod CIDR (`10.244.<n>.0/24`), as the CNI hands them out.
fn allocate_ip(cluster: &mut Cluster, node: &str) -> String {
    let cidr = match cluster.get(Kind::Node, "", node) {
        Some(Object::Node(n)) => n.spec.pod_cidr.clone(),
        _ => String::new(),
    };
    let prefix = cidr.rsplit_once('.').map(|(p, _)| p.to_string()).unwrap_or_else(|| "10.244.0".into());
    let counter = cluster.kubelet.next_ip.entry(node.to_string()).or_insert(1);
    *counter = if *counter >= 254 { 2 } else { *counter + 1 };
    format!("{prefix}.{counter}")
}

/// Applies every transition due at the current instant; true when something moved.
fn step(cluster: &mut Cluster, pod: &Pod, rt: &mut PodRuntime) -> bool {
    let now = cluster.now();
    let mut changed = false;
    let host = rt.node.clone();
    if pod.metadata.deletion_timestamp.is_some() && rt.kill_deadline.is_none() {
        rt.kill_deadline = pod.metadata.deletion_timestamp;
        for i in 0..rt.containers.len() {
            let c = &mut rt.containers[i];
            let image = images::lookup(&images::parse_ref(&c.image));
            match c.phase.clone() {
                Phase::Running { started, .. } => {
                    let (exit_at, exit_code) = match image.and_then(|i| i.sigterm_exit_ms) {
                        Some(ms) => (now.plus_ms(ms), 0),
                        None => (rt.kill_deadline.unwrap_or(now), 137),
                    };
                    c.phase = Phase::Stopping { started, exit_at: exit_at.min(rt.kill_deadline.unwrap_or(exit_at)), exit_code };
                    let name = c.name.clone();
                    cluster.record_event(&Object::Pod(pod.clone()), "Normal", "Killing", &format!("Stopping container {name}"), "kubelet", &host);
                }
                _ => c.phase = Phase::Stopped,
            }
        }
        changed = true;
    }
    if rt.kill_deadline.is_some() {
        for c in &mut rt.containers {
            if let Phase::Stopping { started, exit_at, exit_code } = c.phase.clone() {
                if exit_at <= now || rt.kill_deadline.is_some_and(|d| d <= now) {
                    let code = if exit_at <= now { exit_code } else { 137 };
                    c.last_termination = Some(Termination {
                        exit_code: code,
                        reason: if code == 0 { "Completed".into() } else { "Error".into() },
                        started,
                        finished: now,
                        container_id: c.container_id.clone(),
                    });
                    c.phase = Phase::Stopped;
                    changed = true;
                }
            }
        }
        return changed;
    }
    if rt.cursor == 0 && now >= rt.sandbox_ready_at && !rt.containers.is_empty() {
        rt.cursor = 0;
        changed |= begin_pull(cluster, pod, rt, 0);
        rt.cursor = 1;
    }
    for i in 0..rt.containers.len() {
        changed |= step_container(cluster, pod, rt, i);
    }
    changed
}

/// Starts pulling container `i`'s image (or notes it is already present).
fn begin_pull(cluster: &mut Cluster, pod: &Pod, rt: &mut PodRuntime, i: usize) -> bool {
    let now = cluster.now();
    let object = Object::Pod(pod.clone());
    let host = rt.node.clone();
    let spec = pod.spec.containers.iter().find(|c| c.name == rt.containers[i].name);
    let policy = spec.map(|c| c.image_pull_policy.clone()).unwrap_or_default();
    let reference = images::parse_ref(&rt.containers[i].image);
    let cached = cluster.kubelet.images.contains(&(host.clone(), reference.full.clone()));
    let previous_reason = match &rt.containers[i].phase {
        Phase::PullBackOff { .. } => "ImagePullBackOff".to_string(),
        _ => "ContainerCreating".to_string(),
    };
    if cached && policy != "Always" {
        let msg = format!("Container image \"{}\" already present on machine", reference.written);
        cluster.record_event(&object, "Normal", "Pulled", &msg, "kubelet", &host);
        rt.containers[i].phase = Phase::Pulling { started: now, done_at: now.plus_ms(150), fails: false, reason: previous_reason };
        return true;
    }
    let msg = format!("Pulling image \"{}\"", reference.written);
    cluster.record_event(&object, "Normal", "Pulling", &msg, "kubelet", &host);
    let (duration, fails) = match images::lookup(&reference) {
        Some(_) if cached => (cluster.rng.between(300, 900), false),
        Some(info) => {
            let base = 700 + (info.size_bytes / 30_000) as i64;
            (base + cluster.rng.between(0, base / 3), false)
        }
        None => (cluster.rng.between(800, 1800), true),
    };
    rt.containers[i].phase = Phase::Pulling { started: now, done_at: now.plus_ms(duration), fails, reason: previous_reason };
    true
}

fn step_container(cluster: &mut Cluster, pod: &Pod, rt: &mut PodRuntime, i: usize) -> bool {
    let now = cluster.now();
    // Built only when an event is recorded: cloning every pod on every pass was the hot spot.
    let object = || Object::Pod(pod.clone());
    let host = rt.node.clone();
    let reference = images::parse_ref(&rt.containers[i].image);
    match rt.containers[i].phase.clone() {
        Phase::Pulling { started, done_at, fails, .. } if done_at <= now => {
            let pull_ms = started.until(done_at);
            if fails {
                let err = images::pull_error(&reference);
                cluster.record_event(&object(), "Warning", "Failed", &format!("Failed to pull image \"{}\": {err}", reference.written), "kubelet", &host);
                cluster.record_event(&object(), "Warning", "Failed", "Error: ErrImagePull", "kubelet", &host);
                let c = &mut rt.containers[i];
                c.pull_backoff_ms = if c.pull_backoff_ms == 0 { BACKOFF_START_MS } else { (c.pull_backoff_ms * 2).min(BACKOFF_MAX_MS) };
                c.phase = Phase::PullBackOff { err_until: now.plus_ms(1000), retry_at: now.plus_ms(c.pull_backoff_ms), announced: false };
            } else {
                let already = cluster.kubelet.images.contains(&(host.clone(), reference.full.clone()));
                let policy = pod.spec.containers.get(i).map(|c| c.image_pull_policy.as_str()).unwrap_or("");
                if !already || policy == "Always" {
                    let size = images::lookup(&reference).map_or(0, |i| i.size_bytes);
                    let took = go_duration(pull_ms.max(1));
                    let msg = format!(
                        "Successfully pulled image \"{}\" in {took} ({took} including waiting). Image size: {size} bytes.",
                        reference.written
                    );
                    cluster.record_event(&object(), "Normal", "Pulled", &msg, "kubelet", &host);
                }
                cluster.kubelet.images.insert((host.clone(), reference.full.clone()));
                start_container(cluster, pod, rt, i);
            }
            advance_cursor(cluster, pod, rt);
            true
        }
        Phase::PullBackOff { err_until, retry_at, announced } => {
            let mut changed = false;
            if err_until <= now && !announced {
                cluster.record_event(&object(), "Normal", "BackOff", &format!("Back-off pulling image \"{}\"", reference.written), "kubelet", &host);
                cluster.record_event(&object(), "Warning", "Failed", "Error: ImagePullBackOff", "kubelet", &host);
                rt.containers[i].phase = Phase::PullBackOff { err_until, retry_at, announced: true };
                changed = true;
            }
            if retry_at <= now {
                changed |= begin_pull(cluster, pod, rt, i);
            }
            changed
        }
        Phase::Running { started, exit_at: Some(exit_at), exit_code } if exit_at <= now => {
            let c = &mut rt.containers[i];
            c.last_termination = Some(Termination {
                exit_code,
                reason: if exit_code == 0 { "Completed".into() } else { "Error".into() },
                started,
                finished: now,
                container_id: c.container_id.clone(),
            });
            let policy = pod.spec.restart_policy.as_str();
            let restarts = policy == "Always" || policy.is_empty() || (policy == "OnFailure" && exit_code != 0);
            if restarts {
                let delay = if c.restart_count == 0 { 1000 } else {
                    c.crash_backoff_ms = if c.crash_backoff_ms == 0 { BACKOFF_START_MS } else { (c.crash_backoff_ms * 2).min(BACKOFF_MAX_MS) };
                    c.crash_backoff_ms
                };
                let backoff_from = now.plus_ms(if delay > 1000 { 500 } else { delay + 1 });
                c.phase = Phase::Exited { restart_at: Some(now.plus_ms(delay)), backoff_from, announced: delay <= 1000 };
            } else {
                c.phase = Phase::Exited { restart_at: None, backoff_from: now, announced: true };
            }
            true
        }
        Phase::Exited { restart_at: Some(restart_at), backoff_from, announced } => {
            if backoff_from <= now && !announced && restart_at > now {
                let name = rt.containers[i].name.clone();
                let msg = format!("Back-off restarting failed container {name} in pod {}_{}({})", pod.metadata.name, pod.metadata.namespace, pod.metadata.uid);
                cluster.record_event(&object(), "Warning", "BackOff", &msg, "kubelet", &host);
                rt.containers[i].phase = Phase::Exited { restart_at: Some(restart_at), backoff_from, announced: true };
                return true;
            }
            if restart_at <= now {
                let c = &mut rt.containers[i];
                c.restart_count += 1;
                c.previous_logs = std::mem::take(&mut c.logs);
                let policy = pod.spec.containers.get(i).map(|c| c.image_pull_policy.as_str()).unwrap_or("");
                let msg = if policy == "Always" {
                    format!("Successfully pulled image \"{}\" in 512ms (512ms including waiting). Image size: {} bytes.", reference.written, images::lookup(&reference).map_or(0, |i| i.size_bytes))
                } else {
                    format!("Container image \"{}\" already present on machine", reference.written)
                };
                cluster.record_event(&object(), "Normal", "Pulled", &msg, "kubelet", &host);
                start_container(cluster, pod, rt, i);
                return true;
            }
            false
        }
        Phase::Running { started, .. } if rt.containers[i].probes.due(now) => run_probes(cluster, pod, rt, i, started),
        Phase::ConfigError { retry_at, .. } if retry_at <= now => {
            let msg = format!("Container image \"{}\" already present on machine", reference.written);
            cluster.record_event(&object(), "Normal", "Pulled", &msg, "kubelet", &host);
            start_container(cluster, pod, rt, i);
            true
        }
        _ => false,
    }
}

/// Runs the probes of running container `i` that are due, and applies their effects: events,
/// the app's access-log lines, and a kill that ends in a restart.
fn run_probes(cluster: &mut Cluster, pod: &Pod, rt: &mut PodRuntime, i: usize, started: Time) -> bool {
    let Some(spec) = pod.spec.containers.iter().find(|c| c.name == rt.containers[i].name) else { return false };
    let was_ready = rt.containers[i].probes.ready;
    let effects = rt.containers[i].probes.run_due(cluster, pod, &rt.ip, spec, started);
    let host = rt.node.clone();
    for effect in &effects {
        match effect {
            ProbeEffect::Event(type_, reason, message) => cluster.record_event(&Object::Pod(pod.clone()), type_, reason, message, "kubelet", &host),
            ProbeEffect::AccessLog(text) => rt.containers[i].logs.extend(text.lines().map(|line| (cluster.now(), line.to_string()))),
            ProbeEffect::Kill => {
                let now = cluster.now();
                let grace_ms = pod.spec.termination_grace_period_seconds.unwrap_or(30).max(0) * 1000;
                let (after, code) = match images::lookup(&images::parse_ref(&spec.image)).and_then(|info| info.sigterm_exit_ms) {
                    Some(ms) if spec.command.is_empty() => (ms.min(grace_ms), 0),
                    _ => (grace_ms, 137),
                };
                rt.containers[i].phase = Phase::Running { started, exit_at: Some(now.plus_ms(after.max(1))), exit_code: code };
            }
        }
    }
    !effects.is_empty() || was_ready != rt.containers[i].probes.ready
}

/// A duration as Go prints it, to the millisecond: `807ms`, `2.345s`.
fn go_duration(ms: i64) -> String {
    if ms < 1000 {
        return format!("{ms}ms");
    }
    let text = format!("{}.{:03}", ms / 1000, ms % 1000);
    format!("{}s", text.trim_end_matches('0').trim_end_matches('.'))
}

/// After container `i` started or failed, the kubelet goes on with the next one.
fn advance_cursor(cluster: &mut Cluster, pod: &Pod, rt: &mut PodRuntime) {
    while rt.cursor < rt.containers.len() && matches!(rt.containers[rt.cursor].phase, Phase::Waiting) {
        let next = rt.cursor;
        rt.cursor += 1;
        begin_pull(cluster, pod, rt, next);
        if matches!(rt.containers[next].phase, Phase::Pulling { .. }) {
            break;
        }
    }
}

fn start_container(cluster: &mut Cluster, pod: &Pod, rt: &mut PodRuntime, i: usize) {
    let now = cluster.now();
    let object = Object::Pod(pod.clone());
    let host = rt.node.clone();
    let name = rt.containers[i].name.clone();
    let spec = pod.spec.containers.iter().find(|c| c.name == name).cloned().unwrap_or_default();
    let env = match container_env::resolve(cluster, pod, &spec, &rt.ip) {
        Ok(env) => env,
        Err(message) => {
            cluster.record_event(&object, "Warning", "Failed", &format!("Error: {message}"), "kubelet", &host);
            rt.containers[i].phase = Phase::ConfigError { message, retry_at: now.plus_ms(CONFIG_RETRY_MS) };
            return;
        }
    };
    cluster.record_event(&object, "Normal", "Created", &format!("Created container: {name}"), "kubelet", &host);
    cluster.record_event(&object, "Normal", "Started", &format!("Started container {name}"), "kubelet", &host);
    let reference = images::parse_ref(&spec.image);
    let plan = images::lookup(&reference)
        .map(|info| process::plan(info, &spec.command, &spec.args, &env, now))
        .unwrap_or_default();
    let plan = crate::cluster::apps::databases::on_start(cluster, pod, &spec, &env, now, plan);
    let plan = keep_shell_reading_stdin(&spec, plan);
    let container_id: String = (0..4).map(|_| format!("{:016x}", cluster.rng.u64())).collect();
    let pod_started = rt.started;
    let c = &mut rt.containers[i];
    c.probes = ProbeState::new(&spec, pod_started, now);
    c.pulled = true;
    c.env = env;
    c.container_id = format!("containerd://{container_id}");
    c.logs = plan.start_logs.into_iter().map(|line| (now, line)).collect();
    c.script = images::lookup(&reference).map(|info| process::later_lines(info, &spec.command, &spec.args)).unwrap_or_default();
    c.script_until = now;
    c.phase = Phase::Running {
        started: now,
        exit_at: plan.exit.map(|(ms, _)| now.plus_ms(ms)),
        exit_code: plan.exit.map_or(0, |(_, code)| code),
    };
}

/// The pod status a kubelet reports for this runtime state.
fn build_status(cluster: &Cluster, pod: &Pod, rt: &PodRuntime) -> crate::cluster::objects::pod::PodStatus {
    let now = cluster.now();
    let mut status = pod.status.clone();
    let host_ip = match cluster.get(Kind::Node, "", &rt.node) {
        Some(Object::Node(n)) => n.status.addresses.iter().find(|a| a.type_ == "InternalIP").map(|a| a.address.clone()).unwrap_or_default(),
        _ => String::new(),
    };
    status.host_ip = host_ip.clone();
    status.host_ips = vec![IpEntry { ip: host_ip }];
    status.start_time = Some(rt.started);
    let sandbox_ready = now >= rt.sandbox_ready_at;
    if sandbox_ready {
        status.pod_ip = rt.ip.clone();
        status.pod_ips = vec![IpEntry { ip: rt.ip.clone() }];
    }
    let mut statuses: Vec<ContainerStatus> = rt.containers.iter().map(|c| container_status(pod, c, now)).collect();
    statuses.sort_by(|a, b| a.name.cmp(&b.name));
    let all_ready = !statuses.is_empty() && statuses.iter().all(|s| s.ready);
    let all_started_once = rt.containers.iter().all(|c| c.pulled);
    let terminating = rt.kill_deadline.is_some();
    let policy = pod.spec.restart_policy.as_str();
    let all_done = rt.containers.iter().all(|c| matches!(c.phase, Phase::Exited { restart_at: None, .. } | Phase::Stopped));
    let any_failed = rt.containers.iter().any(|c| c.last_termination.as_ref().is_some_and(|t| t.exit_code != 0));
    status.phase = if all_done && (policy == "Never" || policy == "OnFailure" || terminating) {
        if any_failed { "Failed" } else { "Succeeded" }.into()
    } else if all_started_once {
        "Running".into()
    } else {
        "Pending".into()
    };
    status.container_statuses = statuses;
    let transition = |type_: &str, value: bool| -> PodCondition {
        let value = if value { "True" } else { "False" };
        let old = pod.status.conditions.iter().find(|c| c.type_ == type_);
        let since = match old {
            Some(c) if c.status == value => c.last_transition_time,
            _ => Some(now),
        };
        let (reason, message) = if value == "False" && (type_ == "Ready" || type_ == "ContainersReady") {
            let unready: Vec<&str> = rt.containers.iter().filter(|c| !is_ready(c)).map(|c| c.name.as_str()).collect();
            let reason = if status_is_done(&status.phase) { "PodCompleted" } else { "ContainersNotReady" };
            let message = if reason == "PodCompleted" { String::new() } else { format!("containers with unready status: [{}]", unready.join(" ")) };
            (reason.to_string(), message)
        } else {
            (String::new(), String::new())
        };
        PodCondition { last_probe_time: None, last_transition_time: since, message, reason, status: value.into(), type_: type_.into() }
    };
    let scheduled = pod.condition("PodScheduled").cloned().unwrap_or_else(|| transition("PodScheduled", true));
    let ready = all_ready && !status_is_done(&status.phase);
    status.conditions = vec![
        transition("PodReadyToStartContainers", sandbox_ready && !terminating_done(rt)),
        transition("Initialized", true),
        transition("Ready", ready),
        transition("ContainersReady", ready),
        scheduled,
    ];
    status
}

/// A container is ready while running, started (startup probe passed) and ready by its probe.
fn is_ready(c: &ContainerRuntime) -> bool {
    matches!(c.phase, Phase::Running { .. } | Phase::Stopping { .. }) && c.probes.started && c.probes.ready
}

fn status_is_done(phase: &str) -> bool {
    phase == "Succeeded" || phase == "Failed"
}

fn terminating_done(rt: &PodRuntime) -> bool {
    rt.kill_deadline.is_some() && rt.containers.iter().all(|c| matches!(c.phase, Phase::Stopped))
}

fn container_status(pod: &Pod, c: &ContainerRuntime, now: Time) -> ContainerStatus {
    let reference = images::parse_ref(&c.image);
    let last_state = ContainerState {
        terminated: c.last_termination.as_ref().filter(|_| c.restart_count > 0 || matches!(c.phase, Phase::Running { .. })).map(terminated_state),
        ..Default::default()
    };
    let waiting = |reason: &str, message: String| ContainerState {
        waiting: Some(StateWaiting { reason: reason.into(), message }),
        ..Default::default()
    };
    let (state, ready, started) = match &c.phase {
        Phase::Waiting => (waiting("ContainerCreating", String::new()), false, false),
        Phase::ConfigError { message, .. } => (waiting("CreateContainerConfigError", message.clone()), false, false),
        Phase::Pulling { reason, .. } => {
            let message = if reason == "ImagePullBackOff" { format!("Back-off pulling image \"{}\"", reference.written) } else { String::new() };
            (waiting(reason, message), false, false)
        }
        Phase::PullBackOff { err_until, .. } if now < *err_until => {
            (waiting("ErrImagePull", images::pull_error(&reference)), false, false)
        }
        Phase::PullBackOff { .. } => {
            (waiting("ImagePullBackOff", format!("Back-off pulling image \"{}\"", reference.written)), false, false)
        }
        Phase::Running { started, .. } => (
            ContainerState { running: Some(StateRunning { started_at: Some(*started) }), ..Default::default() },
            is_ready(c),
            c.probes.started,
        ),
        Phase::Exited { restart_at, backoff_from, .. } => match (restart_at, c.last_termination.as_ref()) {
            (Some(_), Some(_)) if c.crash_backoff_ms > 0 && now >= *backoff_from => (
                waiting("CrashLoopBackOff", format!("back-off {}s restarting failed container={} pod={}_{}({})", c.crash_backoff_ms / 1000, c.name, pod.metadata.name, pod.metadata.namespace, pod.metadata.uid)),
                false,
                false,
            ),
            (_, Some(t)) => (ContainerState { terminated: Some(terminated_state(t)), ..Default::default() }, false, false),
            _ => (ContainerState::default(), false, false),
        },
        Phase::Stopping { started, .. } => (
            ContainerState { running: Some(StateRunning { started_at: Some(*started) }), ..Default::default() },
            is_ready(c),
            c.probes.started,
        ),
        Phase::Stopped => match c.last_termination.as_ref() {
            Some(t) => (ContainerState { terminated: Some(terminated_state(t)), ..Default::default() }, false, false),
            None => (waiting("ContainerCreating", String::new()), false, false),
        },
    };
    let last_state = if state.terminated.is_some() && c.restart_count == 0 { ContainerState::default() } else { last_state };
    ContainerStatus {
        container_id: if c.pulled { c.container_id.clone() } else { String::new() },
        image: if c.pulled { reference.full.clone() } else { c.image.clone() },
        image_id: if c.pulled { images::digest(&reference) } else { String::new() },
        last_state,
        name: c.name.clone(),
        ready,
        restart_count: c.restart_count,
        started: Some(started),
        state,
    }
}

fn terminated_state(t: &Termination) -> StateTerminated {
    StateTerminated {
        container_id: t.container_id.clone(),
        exit_code: t.exit_code,
        finished_at: Some(t.finished),
        message: String::new(),
        reason: t.reason.clone(),
        started_at: Some(t.started),
    }
}


/// A shell whose stdin is kept open (`kubectl run -it -- sh`, `stdin: true`) waits for input
/// instead of exiting at once like a shell without a terminal.
fn keep_shell_reading_stdin(spec: &crate::cluster::objects::pod::Container, plan: process::ProcessPlan) -> process::ProcessPlan {
    let argv: Vec<&String> = spec.command.iter().chain(&spec.args).collect();
    let bare_shell = argv.first().is_some_and(|a| ["sh", "/bin/sh", "bash", "/bin/bash", "ash", "/bin/ash"].contains(&a.as_str()))
        && !argv.iter().any(|a| *a == "-c");
    if spec.stdin && (bare_shell || argv.is_empty()) {
        process::ProcessPlan { exit: None, ..plan }
    } else {
        plan
    }
}

#[cfg(test)]
mod tests {
    use super::go_duration;

    #[test]
    fn durations_print_like_go() {
        assert_eq!(go_duration(807), "807ms");
        assert_eq!(go_duration(2345), "2.345s");
        assert_eq!(go_duration(2300), "2.3s");
        assert_eq!(go_duration(3000), "3s");
    }
}
