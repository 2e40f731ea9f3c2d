//! The CronJob controller: at each time the schedule names (UTC, on the virtual clock) it makes
//! a Job `<cronjob>-<minutes since the Unix epoch>` from the job template, honouring `suspend`
//! and `concurrencyPolicy`, and keeps the last `successfulJobsHistoryLimit` (3) successful and
//! `failedJobsHistoryLimit` (1) failed jobs.

pub mod schedule;

use super::owned::controller_ref;
use crate::cluster::api::DeleteOptions;
use crate::cluster::objects::{CronJob, Job, Kind, Object, ObjectMeta, Time};
use crate::cluster::Cluster;
use schedule::Schedule;
use serde_json::json;

const COMPONENT: &str = "cronjob-controller";
/// Annotation on each Job with the scheduled time it was made for.
pub const SCHEDULED_ANNOTATION: &str = "batch.kubernetes.io/cronjob-scheduled-timestamp";

/// One pass over every CronJob; true when anything changed.
pub fn reconcile(cluster: &mut Cluster) -> bool {
    let cron_jobs: Vec<CronJob> = cluster
        .store
        .list(Kind::CronJob, None)
        .into_iter()
        .filter_map(|o| match o {
            Object::CronJob(cj) if cj.metadata.deletion_timestamp.is_none() => Some(cj.clone()),
            _ => None,
        })
        .collect();
    let mut changed = false;
    for cj in cron_jobs {
        changed |= sync(cluster, &cj);
    }
    changed
}

/// Jobs the CronJob owns, oldest first.
pub fn owned_jobs(cluster: &Cluster, cj: &CronJob) -> Vec<Job> {
    let mut jobs: Vec<Job> = super::owned::controlled(cluster, Kind::Job, &cj.metadata)
        .filter_map(|o| match o {
            Object::Job(j) => Some(j.clone()),
            _ => None,
        })
        .collect();
    jobs.sort_by_key(|j| (j.metadata.creation_timestamp, j.metadata.name.clone()));
    jobs
}

/// The scheduled run due now, if one was missed since the last one (or since creation).
fn due_run(cj: &CronJob, now: Time) -> Option<Time> {
    let schedule = Schedule::parse(&cj.spec.schedule).ok()?;
    let since = cj.status.last_schedule_time.or(cj.metadata.creation_timestamp)?;
    let latest = schedule.latest_between(since, now)?;
    match cj.spec.starting_deadline_seconds {
        Some(deadline) if latest.plus_ms(deadline.saturating_mul(1000)) < now => None,
        _ => Some(latest),
    }
}

fn sync(cluster: &mut Cluster, cj: &CronJob) -> bool {
    let now = cluster.now();
    let object = Object::CronJob(cj.clone());
    let mut changed = false;
    let jobs = owned_jobs(cluster, cj);
    changed |= note_finished(cluster, cj, &jobs);
    changed |= trim_history(cluster, cj, &jobs);
    let mut last_schedule = cj.status.last_schedule_time;
    if let Some(run) = due_run(cj, now).filter(|_| !cj.is_suspended()) {
        let active: Vec<&Job> = jobs.iter().filter(|j| !j.is_finished() && j.metadata.deletion_timestamp.is_none()).collect();
        match cj.spec.concurrency_policy.as_str() {
            "Forbid" if !active.is_empty() => {
                let msg = "Missed scheduled time to start a job because of concurrency policy Forbid";
                cluster.record_event(&object, "Normal", "JobAlreadyActive", msg, COMPONENT, "");
                last_schedule = Some(run);
            }
            policy => {
                if policy == "Replace" {
                    for job in active {
                        let (ns, name) = (job.metadata.namespace.clone(), job.metadata.name.clone());
                        if cluster.delete(Kind::Job, &ns, &name, DeleteOptions::default()).is_ok() {
                            cluster.record_event(&object, "Normal", "SuccessfulDelete", &format!("Deleted job {name}"), COMPONENT, "");
                        }
                    }
                }
                changed |= create_job(cluster, cj, run);
                last_schedule = Some(run);
            }
        }
    }
    changed | write_status(cluster, cj, last_schedule)
}

/// The Job a CronJob makes for the run scheduled at `at`.
pub fn job_for(cj: &CronJob, at: Option<Time>, name: &str) -> Job {
    let template = &cj.spec.job_template;
    let mut annotations = template.metadata.annotations.clone();
    if let Some(at) = at {
        annotations.insert(SCHEDULED_ANNOTATION.into(), at.rfc3339());
    }
    Job {
        metadata: ObjectMeta {
            name: name.into(),
            namespace: cj.metadata.namespace.clone(),
            labels: template.metadata.labels.clone(),
            annotations,
            owner_references: vec![controller_ref("batch/v1", "CronJob", &cj.metadata)],
            ..Default::default()
        },
        spec: template.spec.clone(),
        ..Default::default()
    }
}

fn create_job(cluster: &mut Cluster, cj: &CronJob, at: Time) -> bool {
    let name = format!("{}-{}", cj.metadata.name, at.0.div_euclid(60_000));
    if cluster.get(Kind::Job, &cj.metadata.namespace, &name).is_some() {
        return false;
    }
    let object = Object::CronJob(cj.clone());
    match cluster.create(Object::Job(job_for(cj, Some(at), &name))) {
        Ok(_) => {
            cluster.record_event(&object, "Normal", "SuccessfulCreate", &format!("Created job {name}"), COMPONENT, "");
            true
        }
        Err(e) => {
            cluster.record_event(&object, "Warning", "FailedCreate", &format!("Error creating job: {}", e.message), COMPONENT, "");
            false
        }
    }
}

/// Records `SawCompletedJob` for each job the status still lists as active that has finished
/// (the status write that follows drops it from the list, so each job is reported once).
fn note_finished(cluster: &mut Cluster, cj: &CronJob, jobs: &[Job]) -> bool {
    let object = Object::CronJob(cj.clone());
    let listed: Vec<&str> = cj.status.active.iter().filter_map(|r| r.get("uid").and_then(|u| u.as_str())).collect();
    let mut changed = false;
    for job in jobs.iter().filter(|j| j.is_finished() && listed.contains(&j.metadata.uid.as_str())) {
        let condition = if job.has_condition("Complete") { "Complete" } else { "Failed" };
        let msg = format!("Saw completed job: {}, condition: {condition}", job.metadata.name);
        cluster.record_event(&object, "Normal", "SawCompletedJob", &msg, COMPONENT, "");
        changed = true;
    }
    changed
}

fn trim_history(cluster: &mut Cluster, cj: &CronJob, jobs: &[Job]) -> bool {
    let object = Object::CronJob(cj.clone());
    let mut changed = false;
    for (condition, limit) in [("Complete", cj.spec.successful_jobs_history_limit.unwrap_or(3)), ("Failed", cj.spec.failed_jobs_history_limit.unwrap_or(1))] {
        let finished: Vec<&Job> = jobs.iter().filter(|j| j.has_condition(condition) && j.metadata.deletion_timestamp.is_none()).collect();
        let excess = finished.len().saturating_sub(usize::try_from(limit.max(0)).unwrap_or(0));
        for job in finished.into_iter().take(excess) {
            let (ns, name) = (job.metadata.namespace.clone(), job.metadata.name.clone());
            if cluster.delete(Kind::Job, &ns, &name, DeleteOptions::default()).is_ok() {
                cluster.record_event(&object, "Normal", "SuccessfulDelete", &format!("Deleted job {name}"), COMPONENT, "");
                changed = true;
            }
        }
    }
    changed
}

fn write_status(cluster: &mut Cluster, cj: &CronJob, last_schedule: Option<Time>) -> bool {
    let Some(Object::CronJob(current)) = cluster.get(Kind::CronJob, &cj.metadata.namespace, &cj.metadata.name).cloned() else {
        return false;
    };
    let jobs = owned_jobs(cluster, &current);
    let mut status = current.status.clone();
    status.active = jobs
        .iter()
        .filter(|j| !j.is_finished() && j.metadata.deletion_timestamp.is_none())
        .map(|j| json!({"apiVersion": "batch/v1", "kind": "Job", "name": j.metadata.name, "namespace": j.metadata.namespace, "uid": j.metadata.uid}))
        .collect();
    status.last_schedule_time = last_schedule;
    let latest_success = jobs.iter().filter(|j| j.has_condition("Complete")).filter_map(|j| j.status.completion_time).max();
    if latest_success.is_some() {
        status.last_successful_time = latest_success.max(status.last_successful_time);
    }
    if status == current.status {
        return false;
    }
    let mut updated = current;
    updated.status = status;
    cluster.update_status(Object::CronJob(updated)).is_ok()
}

/// The next scheduled run of any unsuspended CronJob.
pub fn next_wake(cluster: &Cluster) -> Option<Time> {
    let now = cluster.now();
    cluster
        .store
        .list(Kind::CronJob, None)
        .into_iter()
        .filter_map(|o| match o {
            Object::CronJob(cj) if !cj.is_suspended() && cj.metadata.deletion_timestamp.is_none() => Some(cj),
            _ => None,
        })
        .filter_map(|cj| Schedule::parse(&cj.spec.schedule).ok()?.next_after(now))
        .min()
}

#[cfg(test)]
mod tests;
