//! Defaults of DaemonSets, Jobs and CronJobs, as the API server fills them on create.

use crate::cluster::objects::batch::JobSpec;
use crate::cluster::objects::daemonset::DaemonSetRollingUpdate;
use crate::cluster::objects::workload::IntOrString;
use crate::cluster::objects::{CronJob, DaemonSet, Job, LabelSelector};

/// Label carrying the Job's uid on its pods (and in its selector).
pub const CONTROLLER_UID_LABEL: &str = "batch.kubernetes.io/controller-uid";
/// Label carrying the Job's name on its pods.
pub const JOB_NAME_LABEL: &str = "batch.kubernetes.io/job-name";

/// The annotation the API server keeps equal to a DaemonSet's generation.
pub const TEMPLATE_GENERATION_ANNOTATION: &str = "deprecated.daemonset.template.generation";

/// DaemonSet defaults: rolling updates one node at a time, 10 revisions kept.
pub fn default_daemon_set(ds: &mut DaemonSet) {
    ds.metadata.annotations.entry(TEMPLATE_GENERATION_ANNOTATION.into()).or_insert_with(|| "1".into());
    ds.spec.revision_history_limit.get_or_insert(10);
    if ds.spec.update_strategy.type_.is_empty() {
        ds.spec.update_strategy.type_ = "RollingUpdate".into();
    }
    if ds.spec.update_strategy.type_ == "RollingUpdate" {
        let ru = ds.spec.update_strategy.rolling_update.get_or_insert_with(DaemonSetRollingUpdate::default);
        ru.max_surge.get_or_insert(IntOrString::Int(0));
        ru.max_unavailable.get_or_insert(IntOrString::Int(1));
    }
    super::default_template_spec(&mut ds.spec.template.spec);
}

/// Job spec defaults (the selector comes later, once the uid is known: [`stamp_job_selector`]).
pub fn default_job_spec(spec: &mut JobSpec) {
    spec.backoff_limit.get_or_insert(6);
    if spec.completion_mode.is_empty() {
        spec.completion_mode = "NonIndexed".into();
    }
    // A work-queue job (parallelism without completions) keeps `completions` unset.
    if spec.completions.is_none() && spec.parallelism.is_none() {
        spec.completions = Some(1);
    }
    spec.parallelism.get_or_insert(1);
    if spec.pod_replacement_policy.is_empty() {
        spec.pod_replacement_policy = "TerminatingOrFailed".into();
    }
    spec.suspend.get_or_insert(false);
    super::default_template_spec(&mut spec.template.spec);
}

/// Job defaults on create.
pub fn default_job(job: &mut Job) {
    default_job_spec(&mut job.spec);
}

/// CronJob defaults: `Allow` concurrency, 3 successful and 1 failed jobs kept.
pub fn default_cron_job(cj: &mut CronJob) {
    if cj.spec.concurrency_policy.is_empty() {
        cj.spec.concurrency_policy = "Allow".into();
    }
    cj.spec.failed_jobs_history_limit.get_or_insert(1);
    cj.spec.successful_jobs_history_limit.get_or_insert(3);
    cj.spec.suspend.get_or_insert(false);
    let spec = &mut cj.spec.job_template.spec;
    super::default_template_spec(&mut spec.template.spec);
}

/// Gives a new Job (whose uid was just assigned) the generated selector and pod labels, as the
/// API server does unless `manualSelector` is set.
pub fn stamp_job_selector(job: &mut Job) {
    if job.spec.manual_selector == Some(true) {
        return;
    }
    let uid = job.metadata.uid.clone();
    let name = job.metadata.name.clone();
    let mut selector = LabelSelector::default();
    selector.match_labels.insert(CONTROLLER_UID_LABEL.into(), uid.clone());
    job.spec.selector = Some(selector);
    let labels = &mut job.spec.template.metadata.labels;
    labels.insert(CONTROLLER_UID_LABEL.into(), uid.clone());
    labels.insert(JOB_NAME_LABEL.into(), name.clone());
    labels.insert("controller-uid".into(), uid);
    labels.insert("job-name".into(), name);
    if job.metadata.labels.is_empty() {
        job.metadata.labels = job.spec.template.metadata.labels.clone();
    }
}
