//! `kubectl describe` for DaemonSets, Jobs and CronJobs, in kubectl's layouts.

use super::common::{annotations_multiline, controlled_by, events, labels_multiline, pod_template, pods_status, rfc1123z};
use super::writer::DescribeWriter;
use crate::cluster::objects::batch::JobTemplateSpec;
use crate::cluster::objects::time::human_duration;
use crate::cluster::objects::{CronJob, DaemonSet, Event, Job, LabelSelector, Pod, Time};

fn selector_text(selector: Option<&LabelSelector>) -> Option<String> {
    selector.map(|s| s.to_selector_string()).map(|s| if s.is_empty() { "<none>".into() } else { s })
}

/// The describe text of a DaemonSet; `pods` are the pods it controls.
pub fn describe_daemon_set(ds: &DaemonSet, pods: &[Pod], ds_events: &[Event], now: Time) -> String {
    let mut w = DescribeWriter::new();
    let s = &ds.status;
    w.write(0, &format!("Name:\t{}\n", ds.metadata.name));
    w.write(0, &format!("Namespace:\t{}\n", ds.metadata.namespace));
    w.write(0, &format!("Selector:\t{}\n", selector_text(ds.spec.selector.as_ref()).unwrap_or_else(|| "<none>".into())));
    let node_selector = &ds.spec.template.spec.node_selector;
    let node_selector = if node_selector.is_empty() { "<none>".into() } else { node_selector.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",") };
    w.write(0, &format!("Node-Selector:\t{node_selector}\n"));
    labels_multiline(&mut w, "Labels", &ds.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &ds.metadata.annotations);
    w.write(0, &format!("Desired Number of Nodes Scheduled: {}\n", s.desired_number_scheduled));
    w.write(0, &format!("Current Number of Nodes Scheduled: {}\n", s.current_number_scheduled));
    w.write(0, &format!("Number of Nodes Scheduled with Up-to-date Pods: {}\n", s.updated_number_scheduled.unwrap_or(0)));
    w.write(0, &format!("Number of Nodes Scheduled with Available Pods: {}\n", s.number_available.unwrap_or(0)));
    w.write(0, &format!("Number of Nodes Misscheduled: {}\n", s.number_misscheduled));
    pods_status(&mut w, pods);
    pod_template(&mut w, &ds.spec.template);
    events(&mut w, ds_events, now);
    w.finish()
}

/// The describe text of a Job.
pub fn describe_job(job: &Job, job_events: &[Event], now: Time) -> String {
    let mut w = DescribeWriter::new();
    let (spec, status) = (&job.spec, &job.status);
    w.write(0, &format!("Name:\t{}\n", job.metadata.name));
    w.write(0, &format!("Namespace:\t{}\n", job.metadata.namespace));
    if let Some(selector) = selector_text(spec.selector.as_ref()) {
        w.write(0, &format!("Selector:\t{selector}\n"));
    }
    labels_multiline(&mut w, "Labels", &job.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &job.metadata.annotations);
    controlled_by(&mut w, &job.metadata);
    if let Some(p) = spec.parallelism {
        w.write(0, &format!("Parallelism:\t{p}\n"));
    }
    match spec.completions {
        Some(c) => w.write(0, &format!("Completions:\t{c}\n")),
        None => w.write(0, "Completions:\t<unset>\n"),
    }
    if !spec.completion_mode.is_empty() {
        w.write(0, &format!("Completion Mode:\t{}\n", spec.completion_mode));
    }
    if let Some(suspend) = spec.suspend {
        w.write(0, &format!("Suspend:\t{suspend}\n"));
    }
    if let Some(limit) = spec.backoff_limit {
        w.write(0, &format!("Backoff Limit:\t{limit}\n"));
    }
    if let Some(ttl) = spec.ttl_seconds_after_finished {
        w.write(0, &format!("TTL Seconds After Finished:\t{ttl}\n"));
    }
    if let Some(start) = status.start_time {
        w.write(0, &format!("Start Time:\t{}\n", rfc1123z(start)));
    }
    if let Some(done) = status.completion_time {
        w.write(0, &format!("Completed At:\t{}\n", rfc1123z(done)));
    }
    if let (Some(start), Some(done)) = (status.start_time, status.completion_time) {
        w.write(0, &format!("Duration:\t{}\n", human_duration(start.until(done))));
    }
    if let Some(deadline) = spec.active_deadline_seconds {
        w.write(0, &format!("Active Deadline Seconds:\t{deadline}s\n"));
    }
    let (active, succeeded, failed) = (status.active.unwrap_or(0), status.succeeded.unwrap_or(0), status.failed.unwrap_or(0));
    match status.ready {
        Some(ready) => w.write(0, &format!("Pods Statuses:\t{active} Active ({ready} Ready) / {succeeded} Succeeded / {failed} Failed\n")),
        None => w.write(0, &format!("Pods Statuses:\t{active} Active / {succeeded} Succeeded / {failed} Failed\n")),
    }
    pod_template(&mut w, &spec.template);
    events(&mut w, job_events, now);
    w.finish()
}

fn job_template(w: &mut DescribeWriter, template: &JobTemplateSpec) {
    let spec = &template.spec;
    w.write(0, &format!("Selector:\t{}\n", selector_text(spec.selector.as_ref()).unwrap_or_else(|| "<unset>".into())));
    let or_unset = |v: Option<i64>| v.map_or_else(|| "<unset>".to_string(), |v| v.to_string());
    w.write(0, &format!("Parallelism:\t{}\n", or_unset(spec.parallelism)));
    w.write(0, &format!("Completions:\t{}\n", or_unset(spec.completions)));
    if let Some(deadline) = spec.active_deadline_seconds {
        w.write(0, &format!("Active Deadline Seconds:\t{deadline}s\n"));
    }
    pod_template(w, &spec.template);
}

/// The describe text of a CronJob.
pub fn describe_cron_job(cj: &CronJob, cj_events: &[Event], now: Time) -> String {
    let mut w = DescribeWriter::new();
    let spec = &cj.spec;
    let or_unset = |v: Option<i64>| v.map_or_else(|| "<unset>".to_string(), |v| v.to_string());
    w.write(0, &format!("Name:\t{}\n", cj.metadata.name));
    w.write(0, &format!("Namespace:\t{}\n", cj.metadata.namespace));
    labels_multiline(&mut w, "Labels", &cj.metadata.labels);
    annotations_multiline(&mut w, "Annotations", &cj.metadata.annotations);
    w.write(0, &format!("Schedule:\t{}\n", spec.schedule));
    w.write(0, &format!("Concurrency Policy:\t{}\n", spec.concurrency_policy));
    let suspend = match spec.suspend {
        Some(true) => "True",
        Some(false) => "False",
        None => "<unset>",
    };
    w.write(0, &format!("Suspend:\t{suspend}\n"));
    w.write(0, &format!("Successful Job History Limit:\t{}\n", or_unset(spec.successful_jobs_history_limit)));
    w.write(0, &format!("Failed Job History Limit:\t{}\n", or_unset(spec.failed_jobs_history_limit)));
    match spec.starting_deadline_seconds {
        Some(s) => w.write(0, &format!("Starting Deadline Seconds:\t{s}s\n")),
        None => w.write(0, "Starting Deadline Seconds:\t<unset>\n"),
    }
    job_template(&mut w, &spec.job_template);
    match cj.status.last_schedule_time {
        Some(t) => w.write(0, &format!("Last Schedule Time:\t{}\n", rfc1123z(t))),
        None => w.write(0, "Last Schedule Time:\t<unset>\n"),
    }
    let active: Vec<String> = cj.status.active.iter().filter_map(|r| r.get("name").and_then(|n| n.as_str()).map(str::to_string)).collect();
    w.write(0, &format!("Active Jobs:\t{}\n", if active.is_empty() { "<none>".to_string() } else { active.join(", ") }));
    events(&mut w, cj_events, now);
    w.finish()
}
