//! Validation of DaemonSets, Jobs and CronJobs.

use crate::cluster::controllers::cronjob::schedule::Schedule;
use crate::cluster::objects::batch::JobSpec;
use crate::cluster::objects::{CronJob, DaemonSet, Job};

/// A DaemonSet: a selector matching its template, like the other workloads.
pub fn validate_daemon_set(ds: &DaemonSet, causes: &mut Vec<String>) {
    super::validate_workload(ds.spec.selector.as_ref(), &ds.spec.template, "daemonset", causes);
}

/// A Job: its pods must not restart forever, counts must not be negative.
pub fn validate_job(job: &Job, causes: &mut Vec<String>) {
    validate_job_spec(&job.spec, "spec", causes);
}

fn validate_job_spec(spec: &JobSpec, path: &str, causes: &mut Vec<String>) {
    let policy = &spec.template.spec.restart_policy;
    if policy != "OnFailure" && policy != "Never" {
        causes.push(format!("{path}.template.spec.restartPolicy: Unsupported value: \"{policy}\": supported values: \"OnFailure\", \"Never\""));
    }
    for (field, value) in [("parallelism", spec.parallelism), ("completions", spec.completions), ("backoffLimit", spec.backoff_limit)] {
        if let Some(v) = value.filter(|v| *v < 0) {
            causes.push(format!("{path}.{field}: Invalid value: {v}: must be greater than or equal to 0"));
        }
    }
    if let (Some(selector), false) = (&spec.selector, spec.template.metadata.labels.is_empty()) {
        if !selector.matches(&spec.template.metadata.labels) {
            let labels = serde_json::to_string(&spec.template.metadata.labels).unwrap_or_default();
            causes.push(format!("{path}.template.metadata.labels: Invalid value: {labels}: `selector` does not match template `labels`"));
        }
    }
    super::validate_pod_spec(&spec.template.spec, &format!("{path}.template.spec"), causes);
}

/// A CronJob: a schedule that parses, and a valid job template.
pub fn validate_cron_job(cj: &CronJob, causes: &mut Vec<String>) {
    if let Err(problem) = Schedule::parse(&cj.spec.schedule) {
        let schedule = &cj.spec.schedule;
        if schedule.is_empty() {
            causes.push("spec.schedule: Required value".into());
        } else {
            causes.push(format!("spec.schedule: Invalid value: \"{schedule}\": {problem}"));
        }
    }
    validate_job_spec(&cj.spec.job_template.spec, "spec.jobTemplate.spec", causes);
}

/// What a Job update may not change: its selector, its completions and (unless the job is
/// suspended and has never started) its pod template.
pub fn validate_job_update(old: &Job, new: &Job, causes: &mut Vec<String>) {
    if old.spec.selector != new.spec.selector {
        causes.push(super::immutable_selector(new.spec.selector.as_ref()));
    }
    if old.spec.completions != new.spec.completions {
        let value = new.spec.completions.map_or_else(|| "null".to_string(), |c| c.to_string());
        causes.push(format!("spec.completions: Invalid value: {value}: field is immutable"));
    }
    let template_mutable = new.spec.suspend == Some(true) && old.status.start_time.is_none();
    if old.spec.template != new.spec.template && !template_mutable {
        causes.push("spec.template: Invalid value: core.PodTemplateSpec{...}: field is immutable".into());
    }
}
