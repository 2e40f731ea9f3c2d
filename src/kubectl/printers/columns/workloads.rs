//! Table cells of DaemonSets, Jobs and CronJobs, as the API server's printers make them.

use super::age;
use crate::cluster::objects::time::{human_duration, Time};
use crate::cluster::objects::{CronJob, DaemonSet, Job, LabelSelector, PodTemplateSpec};

fn containers_and_images(template: &PodTemplateSpec) -> [String; 2] {
    let containers = &template.spec.containers;
    [
        containers.iter().map(|c| c.name.as_str()).collect::<Vec<_>>().join(","),
        containers.iter().map(|c| c.image.as_str()).collect::<Vec<_>>().join(","),
    ]
}

fn selector_text(selector: Option<&LabelSelector>) -> String {
    selector.map(LabelSelector::to_selector_string).filter(|s| !s.is_empty()).unwrap_or_else(|| "<none>".into())
}

/// NAME DESIRED CURRENT READY UP-TO-DATE AVAILABLE NODE SELECTOR AGE (+ CONTAINERS IMAGES SELECTOR).
pub fn daemonset_cells(ds: &DaemonSet, now: Time, wide: bool) -> Vec<String> {
    let s = &ds.status;
    let node_selector = &ds.spec.template.spec.node_selector;
    let mut cells = vec![
        ds.metadata.name.clone(),
        s.desired_number_scheduled.to_string(),
        s.current_number_scheduled.to_string(),
        s.number_ready.to_string(),
        s.updated_number_scheduled.unwrap_or(0).to_string(),
        s.number_available.unwrap_or(0).to_string(),
        if node_selector.is_empty() { "<none>".into() } else { node_selector.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",") },
        age(ds.metadata.creation_timestamp, now),
    ];
    if wide {
        cells.extend(containers_and_images(&ds.spec.template));
        cells.push(selector_text(ds.spec.selector.as_ref()));
    }
    cells
}

/// NAME STATUS COMPLETIONS DURATION AGE (+ CONTAINERS IMAGES SELECTOR).
pub fn job_cells(job: &Job, now: Time, wide: bool) -> Vec<String> {
    let succeeded = job.status.succeeded.unwrap_or(0);
    let completions = match job.spec.completions {
        Some(n) => format!("{succeeded}/{n}"),
        None => {
            let parallelism = job.spec.parallelism.unwrap_or(1);
            if parallelism > 1 { format!("{succeeded}/1 of {parallelism}") } else { format!("{succeeded}/1") }
        }
    };
    let duration = match (job.status.start_time, job.status.completion_time) {
        (Some(start), Some(end)) => human_duration(start.until(end)),
        (Some(start), None) => human_duration(start.until(now)),
        _ => String::new(),
    };
    let mut cells = vec![job.metadata.name.clone(), job.status_word().into(), completions, duration, age(job.metadata.creation_timestamp, now)];
    if wide {
        cells.extend(containers_and_images(&job.spec.template));
        cells.push(selector_text(job.spec.selector.as_ref()));
    }
    cells
}

/// NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE (+ CONTAINERS IMAGES SELECTOR).
pub fn cronjob_cells(cj: &CronJob, now: Time, wide: bool) -> Vec<String> {
    let last = cj.status.last_schedule_time.map_or_else(|| "<none>".into(), |t| human_duration(t.until(now)));
    let mut cells = vec![
        cj.metadata.name.clone(),
        cj.spec.schedule.clone(),
        cj.spec.time_zone.clone().unwrap_or_else(|| "<none>".into()),
        if cj.is_suspended() { "True".into() } else { "False".into() },
        cj.status.active.len().to_string(),
        last,
        age(cj.metadata.creation_timestamp, now),
    ];
    if wide {
        cells.extend(containers_and_images(&cj.spec.job_template.spec.template));
        cells.push(selector_text(cj.spec.job_template.spec.selector.as_ref()));
    }
    cells
}
