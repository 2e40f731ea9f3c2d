//! Container probes as the kubelet runs them: startup, liveness and readiness, each on its own
//! period, evaluated against the simulated apps. An HTTP GET goes through the app's handler on
//! the container port (following same-host redirects), a TCP socket succeeds when the container
//! listens on the port, and an exec probe runs a tiny command set (`cat FILE`, `true`, `false`).
//!
//! [`ProbeState`] is what the kubelet keeps per running container: the next instant each probe
//! is due, its consecutive results, and whether the container has started and is ready. The
//! kubelet applies the [`ProbeEffect`]s a pass returns (events, log lines, a kill).

use crate::cluster::apps::{self, AppEnv};
use crate::cluster::images::{self, Program};
use crate::cluster::network::{volumes, HttpRequest};
use crate::cluster::objects::pod::{Container, Probe};
use crate::cluster::objects::{Pod, Time};
use crate::cluster::Cluster;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeSet;

/// Which of a container's three probes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ProbeKind {
    Startup,
    Liveness,
    Readiness,
}

impl ProbeKind {
    /// The word events use: `Readiness probe failed: …`.
    pub fn title(self) -> &'static str {
        match self {
            ProbeKind::Startup => "Startup",
            ProbeKind::Liveness => "Liveness",
            ProbeKind::Readiness => "Readiness",
        }
    }

    fn of(self, container: &Container) -> Option<&Probe> {
        match self {
            ProbeKind::Startup => container.startup_probe.as_ref(),
            ProbeKind::Liveness => container.liveness_probe.as_ref(),
            ProbeKind::Readiness => container.readiness_probe.as_ref(),
        }
    }
}

/// The result of one probe run; a failure carries the text the event shows after `probe failed: `.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Success,
    Failure(String),
}

/// A probe's timing and thresholds with the API defaults applied (and nonsense clamped).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    pub initial_delay_ms: i64,
    pub period_ms: i64,
    pub success_threshold: i64,
    pub failure_threshold: i64,
}

/// The settings of `probe`: periodSeconds 10, successThreshold 1, failureThreshold 3 by default.
pub fn settings(probe: &Probe) -> Settings {
    Settings {
        initial_delay_ms: probe.initial_delay_seconds.unwrap_or(0).clamp(0, 86_400) * 1000,
        period_ms: probe.period_seconds.unwrap_or(10).clamp(1, 86_400) * 1000,
        success_threshold: probe.success_threshold.unwrap_or(1).max(1),
        failure_threshold: probe.failure_threshold.unwrap_or(3).max(1),
    }
}

/// What a probe pass asks the kubelet to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ProbeEffect {
    /// An Event about the pod: `(type, reason, message)`.
    Event(String, String, String),
    /// A line the serving app wrote to its access log.
    AccessLog(String),
    /// The container failed its liveness or startup probe: stop it so it restarts.
    Kill,
}

/// One probe's schedule and consecutive results.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
struct Track {
    kind: ProbeKind,
    /// When the probe runs next; `None` while gated by the startup probe.
    next_at: Option<Time>,
    successes: i64,
    failures: i64,
}

/// What the kubelet's probe workers know about one running container.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProbeState {
    tracks: Vec<Track>,
    /// The startup probe succeeded (or there is none).
    pub started: bool,
    /// The readiness probe succeeded last (or there is none).
    pub ready: bool,
    /// A liveness or startup failure is stopping the container: no more probing.
    pub killing: bool,
    /// When the probe workers started (the pod's sync): ticks are aligned on it.
    ticks_from: Time,
}

impl Default for ProbeState {
    /// A container without probes: started and ready as soon as it runs.
    fn default() -> ProbeState {
        ProbeState { tracks: Vec::new(), started: true, ready: true, killing: false, ticks_from: Time(0) }
    }
}

/// How long after a container starts the kubelet notices it and triggers its readiness probe.
const STATUS_SYNC_MS: i64 = 1000;

/// The next tick of a `period_ms` ticker started at `base` that is at or after `at`.
fn tick_at_or_after(base: Time, period_ms: i64, at: Time) -> Time {
    let elapsed = base.until(at);
    if elapsed <= 0 {
        return base;
    }
    let periods = (elapsed + period_ms - 1) / period_ms;
    base.plus_ms(periods.saturating_mul(period_ms))
}

impl ProbeState {
    /// The probe state of a container of the pod whose kubelet sync began at `pod_started`, the
    /// container itself started at `started`.
    pub fn new(container: &Container, pod_started: Time, started: Time) -> ProbeState {
        let mut state = ProbeState {
            tracks: Vec::new(),
            started: container.startup_probe.is_none(),
            ready: container.readiness_probe.is_none(),
            killing: false,
            ticks_from: pod_started,
        };
        for kind in [ProbeKind::Startup, ProbeKind::Liveness, ProbeKind::Readiness] {
            if kind.of(container).is_some() {
                state.tracks.push(Track { kind, next_at: None, successes: 0, failures: 0 });
            }
        }
        state.schedule_gated(container, started, started);
        state
    }

    /// Schedules the probes allowed to run now (the startup probe, or the others once started).
    fn schedule_gated(&mut self, container: &Container, container_started: Time, now: Time) {
        let started = self.started;
        let base = self.ticks_from;
        for track in &mut self.tracks {
            let runs = if track.kind == ProbeKind::Startup { !started } else { started };
            if !runs || track.next_at.is_some() {
                continue;
            }
            let Some(probe) = track.kind.of(container) else { continue };
            let s = settings(probe);
            let earliest = container_started.plus_ms(s.initial_delay_ms).max(now);
            track.next_at = Some(if track.kind == ProbeKind::Readiness && s.initial_delay_ms == 0 {
                // No result yet: the kubelet triggers the readiness probe as soon as it sees the
                // container running.
                now.plus_ms(STATUS_SYNC_MS)
            } else {
                tick_at_or_after(base, s.period_ms, earliest.plus_ms(1))
            });
        }
    }

    /// The instants at which a probe of this container is due.
    pub fn timers(&self) -> impl Iterator<Item = Time> + '_ {
        self.tracks.iter().filter(|_| !self.killing).filter_map(|t| t.next_at)
    }

    /// Whether a probe is due at `now`.
    pub fn due(&self, now: Time) -> bool {
        self.timers().any(|t| t <= now)
    }

    /// Runs the probes due at the cluster's current instant against `container` of `pod` (at
    /// `pod_ip`, started at `container_started`) and returns what the kubelet must do.
    pub fn run_due(&mut self, cluster: &Cluster, pod: &Pod, pod_ip: &str, container: &Container, container_started: Time) -> Vec<ProbeEffect> {
        let now = cluster.now();
        let mut effects = Vec::new();
        for i in 0..self.tracks.len() {
            if self.killing {
                break;
            }
            let kind = self.tracks[i].kind;
            let Some(at) = self.tracks[i].next_at.filter(|t| *t <= now) else { continue };
            let Some(probe) = kind.of(container) else {
                self.tracks[i].next_at = None;
                continue;
            };
            let s = settings(probe);
            self.tracks[i].next_at = Some(tick_at_or_after(self.ticks_from, s.period_ms, at.max(now).plus_ms(1)));
            let target = Target { cluster, pod, pod_ip, container, since: container_started };
            let (outcome, log) = run(&target, probe);
            effects.extend(log.map(ProbeEffect::AccessLog));
            let track = &mut self.tracks[i];
            match outcome {
                Outcome::Success => {
                    track.failures = 0;
                    track.successes += 1;
                    if track.successes >= s.success_threshold {
                        match kind {
                            ProbeKind::Startup => {
                                track.next_at = None;
                                self.started = true;
                                self.schedule_gated(container, container_started, now);
                            }
                            ProbeKind::Readiness => self.ready = true,
                            ProbeKind::Liveness => {}
                        }
                    }
                }
                Outcome::Failure(message) => {
                    track.successes = 0;
                    track.failures += 1;
                    let failed = track.failures >= s.failure_threshold;
                    effects.push(ProbeEffect::Event("Warning".into(), "Unhealthy".into(), format!("{} probe failed: {message}", kind.title())));
                    if failed {
                        match kind {
                            ProbeKind::Readiness => self.ready = false,
                            ProbeKind::Liveness | ProbeKind::Startup => {
                                self.killing = true;
                                let msg = format!("Container {} failed {} probe, will be restarted", container.name, kind.title().to_ascii_lowercase());
                                effects.push(ProbeEffect::Event("Normal".into(), "Killing".into(), msg));
                                effects.push(ProbeEffect::Kill);
                            }
                        }
                    }
                }
            }
        }
        effects
    }
}

/// The container a probe runs against.
struct Target<'a> {
    cluster: &'a Cluster,
    pod: &'a Pod,
    pod_ip: &'a str,
    container: &'a Container,
    since: Time,
}

impl Target<'_> {
    fn program(&self) -> Option<Program> {
        let info = images::lookup(&images::parse_ref(&self.container.image))?;
        self.container.command.is_empty().then_some(info.default_program)
    }

    fn listens(&self, port: u16) -> bool {
        if self.container.image.contains("ingress-nginx/controller") {
            return matches!(port, 80 | 443 | 10254);
        }
        let Some(program) = self.program() else { return false };
        let env = literal_env(self.container);
        let app = self.app_env(&env);
        apps::listening_ports(program, &app).contains(&port)
    }

    fn app_env<'e>(&'e self, env: &'e [(String, String)]) -> AppEnv<'e> {
        AppEnv { pod_name: &self.pod.metadata.name, pod_ip: self.pod_ip, env, args: &self.container.args, now: self.cluster.now() }
    }
}

/// The container's literal environment variables, as its app reads them.
fn literal_env(container: &Container) -> Vec<(String, String)> {
    container.env.iter().filter_map(|e| e.value.clone().map(|v| (e.name.clone(), v))).collect()
}

/// Runs one probe: its outcome and the access-log line the app wrote, if any.
fn run(target: &Target, probe: &Probe) -> (Outcome, Option<String>) {
    if let Some(http) = &probe.http_get {
        return http_get(target, http);
    }
    if let Some(tcp) = &probe.tcp_socket {
        return (tcp_socket(target, tcp), None);
    }
    if let Some(exec) = &probe.exec {
        let argv: Vec<String> = exec.get("command").and_then(Value::as_array).map(|a| a.iter().filter_map(|v| v.as_str().map(String::from)).collect()).unwrap_or_default();
        return (run_exec(target, &argv), None);
    }
    if let Some(grpc) = &probe.grpc {
        let port = grpc.get("port").and_then(Value::as_i64).unwrap_or(0);
        return (Outcome::Failure(format!("timeout: failed to connect service \"{}:{port}\" within 1s: context deadline exceeded", target.pod_ip)), None);
    }
    (Outcome::Failure("unknown probe handler".into()), None)
}

/// The container port a probe's `port` names: a number, or the name of a container port.
fn probe_port(container: &Container, value: Option<&Value>) -> Option<u16> {
    match value? {
        Value::Number(n) => n.as_i64().and_then(|n| u16::try_from(n).ok()),
        Value::String(name) => match name.parse::<u16>() {
            Ok(n) => Some(n),
            Err(_) => container.ports.iter().find(|p| &p.name == name).and_then(|p| u16::try_from(p.container_port).ok()),
        },
        _ => None,
    }
}

fn refused(host: &str, port: u16) -> String {
    format!("dial tcp {host}:{port}: connect: connection refused")
}

fn tcp_socket(target: &Target, tcp: &Value) -> Outcome {
    let host = tcp.get("host").and_then(Value::as_str).filter(|h| !h.is_empty()).unwrap_or(target.pod_ip).to_string();
    let Some(port) = probe_port(target.container, tcp.get("port")) else {
        return Outcome::Failure(format!("dial tcp {host}:0: connect: connection refused"));
    };
    if host == target.pod_ip && target.listens(port) { Outcome::Success } else { Outcome::Failure(refused(&host, port)) }
}

/// How many redirects the kubelet's HTTP prober follows.
const MAX_REDIRECTS: usize = 10;

fn http_get(target: &Target, http: &Value) -> (Outcome, Option<String>) {
    let host = http.get("host").and_then(Value::as_str).filter(|h| !h.is_empty()).unwrap_or(target.pod_ip).to_string();
    let scheme = http.get("scheme").and_then(Value::as_str).unwrap_or("HTTP").to_ascii_lowercase();
    let port = probe_port(target.container, http.get("port")).unwrap_or(0);
    let mut path = http.get("path").and_then(Value::as_str).unwrap_or("/").to_string();
    if !path.starts_with('/') {
        path.insert(0, '/');
    }
    let url = format!("{scheme}://{host}:{port}{path}");
    let program = target.program();
    let reachable = host == target.pod_ip && target.listens(port);
    let Some(program) = program.filter(|_| reachable) else {
        if reachable {
            // The ingress controller's own health endpoint.
            return (Outcome::Success, None);
        }
        return (Outcome::Failure(format!("Get \"{url}\": {}", refused(&host, port))), None);
    };
    if scheme == "https" {
        return (Outcome::Failure(format!("Get \"{url}\": http: server gave HTTP response to HTTPS client")), None);
    }
    let mut headers = vec![("Host".to_string(), format!("{host}:{port}")), ("User-Agent".to_string(), "kube-probe/1.34".to_string()), ("Accept".to_string(), "*/*".to_string())];
    for h in http.get("httpHeaders").and_then(Value::as_array).into_iter().flatten() {
        if let (Some(name), Some(value)) = (h.get("name").and_then(Value::as_str), h.get("value").and_then(Value::as_str)) {
            headers.retain(|(k, _)| !k.eq_ignore_ascii_case(name));
            headers.push((name.to_string(), value.to_string()));
        }
    }
    let env = literal_env(target.container);
    let app = target.app_env(&env);
    let client_ip = match target.pod_ip.rsplit_once('.') {
        Some((net, _)) => format!("{net}.1"),
        None => "10.244.0.1".into(),
    };
    let mut log = None;
    for _ in 0..=MAX_REDIRECTS {
        let request = HttpRequest { method: "GET".into(), host: host.clone(), port, path: path.clone(), headers: headers.clone(), body: String::new() };
        let served = apps::serve(program, &app, &request, &client_ip);
        if log.is_none() {
            log = served.access_log;
        }
        let status = served.response.status;
        if (300..400).contains(&status) {
            let location = served.response.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("Location")).map(|(_, v)| v.clone()).unwrap_or_default();
            let same_host = location.strip_prefix(&format!("http://{host}:{port}")).map(str::to_string);
            match (location.starts_with('/'), same_host) {
                (true, _) => path = location,
                (false, Some(rest)) => path = if rest.is_empty() { "/".into() } else { rest },
                // A redirect elsewhere is not followed: the kubelet counts it as a success.
                (false, None) => return (Outcome::Success, log),
            }
            continue;
        }
        if (200..400).contains(&status) {
            return (Outcome::Success, log);
        }
        return (Outcome::Failure(format!("HTTP probe failed with statuscode: {status}")), log);
    }
    (Outcome::Failure(format!("Get \"{url}\": stopped after {MAX_REDIRECTS} redirects")), log)
}

/// Whether the image ships busybox (its `cat` words errors its own way).
fn is_busybox(container: &Container) -> bool {
    let repo = images::parse_ref(&container.image).repository;
    repo == "busybox" || repo == "alpine"
}

fn run_exec(target: &Target, argv: &[String]) -> Outcome {
    let Some(command) = argv.first() else { return Outcome::Failure(String::new()) };
    let base = command.rsplit('/').next().unwrap_or(command);
    match base {
        "true" => Outcome::Success,
        "false" => Outcome::Failure(String::new()),
        "cat" => {
            for path in argv.iter().skip(1).filter(|a| !a.starts_with('-')) {
                if !file_exists(target, path) {
                    let message = if is_busybox(target.container) {
                        format!("cat: can't open '{path}': No such file or directory")
                    } else {
                        format!("cat: {path}: No such file or directory")
                    };
                    return Outcome::Failure(message);
                }
            }
            Outcome::Success
        }
        _ if crate::cluster::apps::databases::answers_probe(&target.container.image, argv) => Outcome::Success,
        _ => Outcome::Failure(format!(
            "OCI runtime exec failed: exec failed: unable to start container process: exec: \"{command}\": executable file not found in $PATH: unknown"
        )),
    }
}

/// Whether `path` exists in the container's simulated filesystem at the current instant.
fn file_exists(target: &Target, path: &str) -> bool {
    let repo = images::parse_ref(&target.container.image).repository;
    let fixed = matches!(path, "/etc/hostname" | "/etc/hosts" | "/etc/resolv.conf") || (repo == "nginx" && path == "/usr/share/nginx/html/index.html");
    if fixed {
        return true;
    }
    if volumes::is_mounted(target.container, path) && volumes::read(target.cluster, target.pod, target.container, path).is_some() {
        return true;
    }
    let script = shell_script(target.container);
    let elapsed = target.since.until(target.cluster.now());
    script.is_some_and(|s| files_at(&s, elapsed).contains(path))
}

/// The script of a `sh -c SCRIPT` container.
fn shell_script(container: &Container) -> Option<String> {
    let argv: Vec<&String> = container.command.iter().chain(container.args.iter()).collect();
    let shell = argv.first()?;
    if !matches!(shell.as_str(), "sh" | "/bin/sh" | "bash" | "/bin/bash" | "ash") {
        return None;
    }
    let at = argv.iter().position(|a| a.as_str() == "-c")?;
    argv.get(at + 1).map(|s| s.to_string())
}

/// The files a simple script has created (`touch`, `echo … > f`) and not yet removed (`rm`)
/// `elapsed_ms` after it started, following its `sleep`s; a loop ends the reading.
pub fn files_at(script: &str, elapsed_ms: i64) -> BTreeSet<String> {
    let mut files = BTreeSet::new();
    let mut clock = 0i64;
    for statement in script.split([';', '\n']).flat_map(|s| s.split("&&")) {
        let words: Vec<&str> = statement.split_whitespace().map(|w| w.trim_matches(|c| c == '"' || c == '\'')).collect();
        match words.first().copied() {
            Some("while" | "for" | "until") => break,
            Some("sleep") => {
                let seconds = words.get(1).and_then(|n| n.trim_end_matches('s').parse::<f64>().ok());
                match seconds {
                    Some(s) if s.is_finite() && s >= 0.0 => clock = clock.saturating_add((s * 1000.0) as i64),
                    _ => break,
                }
                if clock > elapsed_ms {
                    break;
                }
            }
            Some("touch") => files.extend(words.iter().skip(1).filter(|w| !w.starts_with('-')).map(|w| w.to_string())),
            Some("rm") => {
                for w in words.iter().skip(1).filter(|w| !w.starts_with('-')) {
                    files.remove(*w);
                }
            }
            Some(_) => {
                if let Some(at) = words.iter().position(|w| *w == ">" || *w == ">>") {
                    files.extend(words.get(at + 1).map(|w| w.to_string()));
                } else if let Some(w) = words.iter().find_map(|w| w.strip_prefix(">>").or_else(|| w.strip_prefix('>'))).filter(|w| !w.is_empty()) {
                    files.insert(w.to_string());
                }
            }
            None => {}
        }
    }
    files
}

#[cfg(test)]
mod tests;
