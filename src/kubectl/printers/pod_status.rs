//! The pod STATUS, READY and RESTARTS cells, computed as the API server's pod printer does.

use crate::cluster::objects::pod::{Container, ContainerStatus};
use crate::cluster::objects::time::{human_duration, Time};
use crate::cluster::objects::Pod;

/// The three computed cells of a pod row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PodSummary {
    /// `ready/total`, e.g. `1/2`.
    pub ready: String,
    /// `Running`, `ContainerCreating`, `CrashLoopBackOff`, `Init:0/1`, `Terminating`, ...
    pub status: String,
    /// `0`, or `3 (25s ago)` when the last termination time is known.
    pub restarts: String,
}

/// Summarises a pod at virtual time `now`.
pub fn summarize(pod: &Pod, now: Time) -> PodSummary {
    let spec_init = &pod.spec.init_containers;
    let is_sidecar = |name: &str| {
        spec_init.iter().find(|c| c.name == name).is_some_and(is_restartable_init)
    };
    let total = pod.spec.containers.len() + spec_init.iter().filter(|c| is_restartable_init(c)).count();
    let mut ready = 0usize;
    let mut restarts = 0i64;
    let mut sidecar_restarts = 0i64;
    let mut last_restart: Option<Time> = None;
    let mut last_sidecar_restart: Option<Time> = None;
    let phase = pod.status.phase.as_str();
    let mut reason = if pod.status.reason.is_empty() { phase.to_string() } else { pod.status.reason.clone() };
    if pod.status.conditions.iter().any(|c| c.type_ == "PodScheduled" && c.reason == "SchedulingGated") {
        reason = "SchedulingGated".into();
    }

    let mut initializing = false;
    for (i, status) in pod.status.init_container_statuses.iter().enumerate() {
        restarts += status.restart_count;
        let finished = last_finished(status);
        last_restart = later(last_restart, finished);
        let sidecar = is_sidecar(&status.name);
        if sidecar {
            sidecar_restarts += status.restart_count;
            last_sidecar_restart = later(last_sidecar_restart, finished);
        }
        if status.state.terminated.as_ref().is_some_and(|t| t.exit_code == 0) {
            continue;
        }
        if sidecar && status.started == Some(true) {
            if status.ready {
                ready += 1;
            }
            continue;
        }
        if let Some(t) = &status.state.terminated {
            reason = if t.reason.is_empty() { format!("Init:ExitCode:{}", t.exit_code) } else { format!("Init:{}", t.reason) };
        } else if let Some(w) = status.state.waiting.as_ref().filter(|w| !w.reason.is_empty() && w.reason != "PodInitializing") {
            reason = format!("Init:{}", w.reason);
        } else {
            reason = format!("Init:{}/{}", i, spec_init.len());
        }
        initializing = true;
        break;
    }

    let initialized = pod.condition("Initialized").is_some_and(|c| c.status == "True");
    if !initializing || initialized {
        restarts = sidecar_restarts;
        last_restart = last_sidecar_restart;
        let mut has_running = false;
        for status in pod.status.container_statuses.iter().rev() {
            restarts += status.restart_count;
            last_restart = later(last_restart, last_finished(status));
            let state = &status.state;
            if let Some(w) = state.waiting.as_ref().filter(|w| !w.reason.is_empty()) {
                reason = w.reason.clone();
            } else if let Some(t) = &state.terminated {
                reason = if t.reason.is_empty() { format!("ExitCode:{}", t.exit_code) } else { t.reason.clone() };
            } else if status.ready && state.running.is_some() {
                has_running = true;
                ready += 1;
            }
        }
        if reason == "Completed" && has_running {
            reason = if pod.is_ready() { "Running".into() } else { "NotReady".into() };
        }
    }

    if pod.metadata.deletion_timestamp.is_some() {
        if pod.status.reason == "NodeLost" {
            reason = "Unknown".into();
        } else if !pod.is_terminal() {
            reason = "Terminating".into();
        }
    }

    let restarts_text = match last_restart {
        Some(at) if restarts != 0 => format!("{restarts} ({} ago)", human_duration(at.until(now))),
        _ => restarts.to_string(),
    };
    PodSummary { ready: format!("{ready}/{total}"), status: reason, restarts: restarts_text }
}

fn is_restartable_init(container: &Container) -> bool {
    container.restart_policy.as_deref() == Some("Always")
}

fn last_finished(status: &ContainerStatus) -> Option<Time> {
    status.last_state.terminated.as_ref().and_then(|t| t.finished_at)
}

fn later(a: Option<Time>, b: Option<Time>) -> Option<Time> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.max(y)),
        (x, None) => x,
        (None, y) => y,
    }
}
