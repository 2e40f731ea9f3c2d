//! The Job controller: keeps up to `parallelism` pods running until `completions` of them
//! succeeded (`Complete`), or more than `backoffLimit` failed (`Failed`, `BackoffLimitExceeded`);
//! after each failure the next pod waits an exponential back-off (10 s, 20 s, ... capped at 6 min).
//! Finished jobs with `ttlSecondsAfterFinished` are deleted that long after they finished.

use crate::cluster::api::DeleteOptions;
use super::owned::{self, controlled_pods, controller_ref, delete_pod, over_quota, pod_from_template};
use crate::cluster::objects::batch::JobCondition;
use crate::cluster::objects::{Job, Kind, Object, Pod, Time};
use crate::cluster::Cluster;
use serde_json::json;

const COMPONENT: &str = "job-controller";
/// The first back-off after a failed pod.
const BACKOFF_BASE_MS: i64 = 10_000;
/// The longest back-off between retries.
const BACKOFF_MAX_MS: i64 = 360_000;

/// One pass over every Job; true when anything changed.
pub fn reconcile(cluster: &mut Cluster) -> bool {
    let mut changed = false;
    for job in jobs(cluster) {
        if job.is_finished() {
            changed |= expire(cluster, &job);
        } else {
            changed |= sync(cluster, &job);
        }
    }
    changed
}

fn jobs(cluster: &Cluster) -> Vec<Job> {
    cluster
        .store
        .list(Kind::Job, None)
        .into_iter()
        .filter_map(|o| match o {
            Object::Job(j) if j.metadata.deletion_timestamp.is_none() => Some(j.clone()),
            _ => None,
        })
        .collect()
}

/// Pods the job owns, by controller reference.
pub fn owned_pods<'a>(cluster: &'a Cluster, job: &Job) -> Vec<&'a Pod> {
    controlled_pods(cluster, &job.metadata)
}

/// When the job finished (the Complete or Failed condition's transition).
pub fn finished_at(job: &Job) -> Option<Time> {
    job.status.conditions.iter().find(|c| (c.type_ == "Complete" || c.type_ == "Failed") && c.status == "True").and_then(|c| c.last_transition_time)
}

/// Counts of the job's pods: (active, succeeded, failed, ready, terminating).
fn counts(pods: &[&Pod]) -> (i64, i64, i64, i64, i64) {
    let n = |f: &dyn Fn(&Pod) -> bool| pods.iter().filter(|p| f(p)).count() as i64;
    (
        n(&|p| p.is_active()),
        n(&|p| p.status.phase == "Succeeded"),
        n(&|p| p.status.phase == "Failed"),
        n(&|p| p.is_active() && p.is_ready()),
        n(&|p| !p.is_terminal() && p.metadata.deletion_timestamp.is_some()),
    )
}

/// When the last failed pod's containers stopped.
fn last_failure(pods: &[&Pod]) -> Option<Time> {
    pods.iter()
        .filter(|p| p.status.phase == "Failed")
        .flat_map(|p| p.status.container_statuses.iter().filter_map(|c| c.state.terminated.as_ref().and_then(|t| t.finished_at)))
        .max()
}

/// When the next pod may start after `failed` failures, the last one at `last`.
fn retry_at(failed: i64, last: Option<Time>) -> Option<Time> {
    let last = last?;
    if failed == 0 {
        return None;
    }
    let exponent = u32::try_from(failed - 1).unwrap_or(u32::MAX).min(16);
    let delay = BACKOFF_BASE_MS.saturating_mul(1_i64 << exponent).min(BACKOFF_MAX_MS);
    Some(last.plus_ms(delay))
}

fn sync(cluster: &mut Cluster, job: &Job) -> bool {
    let now = cluster.now();
    let pods: Vec<Pod> = owned_pods(cluster, job).into_iter().cloned().collect();
    let refs: Vec<&Pod> = pods.iter().collect();
    let (active, succeeded, failed, _, _) = counts(&refs);
    let object = Object::Job(job.clone());
    let backoff_limit = job.spec.backoff_limit.unwrap_or(6);
    // With `OnFailure` the kubelet restarts failed containers in place; each restart counts
    // against the backoff limit like a failed pod.
    let restarts: i64 = if job.spec.template.spec.restart_policy == "OnFailure" {
        refs.iter().filter(|p| p.is_active()).map(|p| p.status.container_statuses.iter().map(|c| c.restart_count).sum::<i64>()).sum()
    } else {
        0
    };
    let deadline_passed = match (job.spec.active_deadline_seconds, job.status.start_time) {
        (Some(secs), Some(start)) => start.plus_ms(secs.saturating_mul(1000)) <= now,
        _ => false,
    };
    // A work queue (no `completions`) is done once a pod succeeded and the others have ended.
    let work_queue = job.spec.completions.is_none();
    let complete = if work_queue { succeeded > 0 && active == 0 } else { succeeded >= job.completions() };
    if complete {
        delete_active(cluster, job, &pods);
        cluster.record_event(&object, "Normal", "Completed", "Job completed", COMPONENT, "");
        return finish(cluster, job, &[("SuccessCriteriaMet", "CompletionsReached", "Reached expected number of succeeded pods"), ("Complete", "CompletionsReached", "Reached expected number of succeeded pods")]);
    }
    if failed + restarts > backoff_limit || deadline_passed {
        delete_active(cluster, job, &pods);
        let (reason, message) = if deadline_passed {
            ("DeadlineExceeded", "Job was active longer than specified deadline")
        } else {
            ("BackoffLimitExceeded", "Job has reached the specified backoff limit")
        };
        cluster.record_event(&object, "Warning", reason, message, COMPONENT, "");
        return finish(cluster, job, &[("FailureTarget", reason, message), ("Failed", reason, message)]);
    }
    let mut changed = false;
    let suspended = job.spec.suspend == Some(true);
    if suspended {
        changed |= delete_active(cluster, job, &pods);
    } else {
        let wanted = if work_queue {
            if succeeded > 0 { 0 } else { job.parallelism() }
        } else {
            job.parallelism().min(job.completions() - succeeded).max(0)
        };
        let may_start = retry_at(failed, last_failure(&refs)).is_none_or(|t| t <= now);
        if active < wanted && may_start {
            for _ in active..wanted {
                if !create_pod(cluster, job) {
                    break;
                }
                changed = true;
            }
        }
    }
    changed | write_status(cluster, job, suspended)
}

fn delete_active(cluster: &mut Cluster, job: &Job, pods: &[Pod]) -> bool {
    let mut changed = false;
    for pod in pods.iter().filter(|p| p.is_active()) {
        changed |= delete_pod(cluster, &Object::Job(job.clone()), pod, COMPONENT);
    }
    changed
}

fn finish(cluster: &mut Cluster, job: &Job, conditions: &[(&str, &str, &str)]) -> bool {
    let Some(Object::Job(mut current)) = cluster.get(Kind::Job, &job.metadata.namespace, &job.metadata.name).cloned() else {
        return false;
    };
    let now = cluster.now();
    for (type_, reason, message) in conditions {
        current.status.conditions.push(JobCondition {
            last_probe_time: Some(now),
            last_transition_time: Some(now),
            message: message.to_string(),
            reason: reason.to_string(),
            status: "True".into(),
            type_: type_.to_string(),
        });
    }
    if current.has_condition("Complete") {
        current.status.completion_time = Some(now);
    }
    fill_counts(cluster, &mut current);
    current.status.active = None;
    current.status.ready = Some(0);
    cluster.update_status(Object::Job(current)).is_ok()
}

fn fill_counts(cluster: &Cluster, job: &mut Job) {
    let pods = owned_pods(cluster, job);
    let (active, succeeded, failed, ready, terminating) = counts(&pods);
    let some = |n: i64| (n > 0).then_some(n);
    job.status.active = some(active);
    job.status.succeeded = some(succeeded);
    job.status.failed = some(failed);
    job.status.ready = Some(ready);
    job.status.terminating = Some(terminating);
    job.status.uncounted_terminated_pods = Some(json!({}));
}

fn write_status(cluster: &mut Cluster, job: &Job, suspended: bool) -> bool {
    let Some(Object::Job(current)) = cluster.get(Kind::Job, &job.metadata.namespace, &job.metadata.name).cloned() else {
        return false;
    };
    let mut updated = current.clone();
    let now = cluster.now();
    if updated.status.start_time.is_none() && !suspended {
        updated.status.start_time = Some(now);
    }
    let was_suspended = updated.has_condition("Suspended");
    if suspended != was_suspended && (suspended || updated.status.conditions.iter().any(|c| c.type_ == "Suspended")) {
        let (status, reason, message, event) = if suspended {
            ("True", "JobSuspended", "Job suspended", "Suspended")
        } else {
            ("False", "JobResumed", "Job resumed", "Resumed")
        };
        updated.status.conditions.retain(|c| c.type_ != "Suspended");
        updated.status.conditions.push(JobCondition {
            last_probe_time: Some(now),
            last_transition_time: Some(now),
            message: message.into(),
            reason: reason.into(),
            status: status.into(),
            type_: "Suspended".into(),
        });
        if suspended {
            updated.status.start_time = None;
        }
        cluster.record_event(&Object::Job(current.clone()), "Normal", event, message, COMPONENT, "");
    }
    fill_counts(cluster, &mut updated);
    if updated.status == current.status {
        return false;
    }
    cluster.update_status(Object::Job(updated)).is_ok()
}

fn create_pod(cluster: &mut Cluster, job: &Job) -> bool {
    let pod = pod_from_template(&job.spec.template, &job.metadata, controller_ref("batch/v1", "Job", &job.metadata));
    let object = Object::Job(job.clone());
    let in_namespace = cluster.store.list(Kind::Pod, Some(&job.metadata.namespace)).len();
    !over_quota(cluster, &object, &pod.metadata.generate_name, in_namespace, COMPONENT) && owned::create_pod(cluster, &object, pod, COMPONENT)
}

/// Deletes a finished job once its `ttlSecondsAfterFinished` has passed.
fn expire(cluster: &mut Cluster, job: &Job) -> bool {
    let (Some(ttl), Some(done)) = (job.spec.ttl_seconds_after_finished, finished_at(job)) else {
        return false;
    };
    if done.plus_ms(ttl.saturating_mul(1000)) > cluster.now() {
        return false;
    }
    cluster.delete(Kind::Job, &job.metadata.namespace, &job.metadata.name, DeleteOptions::default()).is_ok()
}

/// The next instant a job needs attention: a back-off ending, a deadline, a TTL running out.
pub fn next_wake(cluster: &Cluster) -> Option<Time> {
    let now = cluster.now();
    let mut wakes = Vec::new();
    for o in cluster.store.list(Kind::Job, None) {
        let Object::Job(job) = o else { continue };
        if job.is_finished() {
            if let (Some(ttl), Some(done)) = (job.spec.ttl_seconds_after_finished, finished_at(job)) {
                wakes.push(done.plus_ms(ttl.saturating_mul(1000)));
            }
            continue;
        }
        let pods = owned_pods(cluster, job);
        let (_, _, failed, _, _) = counts(&pods);
        wakes.extend(retry_at(failed, last_failure(&pods)));
        if let (Some(secs), Some(start)) = (job.spec.active_deadline_seconds, job.status.start_time) {
            wakes.push(start.plus_ms(secs.saturating_mul(1000)));
        }
    }
    wakes.into_iter().filter(|t| *t > now).min()
}

#[cfg(test)]
mod tests;
