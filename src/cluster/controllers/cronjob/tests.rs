//! Tests of the CronJob controller: scheduled jobs and their names, history limits, suspend,
//! the Forbid concurrency policy.

use super::*;
use crate::cluster::objects::{Kind, Object};
use crate::cluster::{Cluster, EPOCH};
use serde_json::json;

fn cron_job(name: &str, schedule: &str, command: &[&str], extra: serde_json::Value) -> CronJob {
    let mut value = json!({
        "metadata": {"name": name, "namespace": "default"},
        "spec": {
            "schedule": schedule,
            "jobTemplate": {"spec": {"template": {"spec": {"restartPolicy": "OnFailure", "containers": [{"name": "main", "image": "busybox", "command": command}]}}}}
        }
    });
    if let (Some(spec), Some(extra)) = (value.pointer_mut("/spec").and_then(|s| s.as_object_mut()), extra.as_object()) {
        spec.extend(extra.clone());
    }
    serde_json::from_value(value).unwrap_or_default()
}

fn job_names(cluster: &Cluster) -> Vec<String> {
    cluster.store.list(Kind::Job, Some("default")).into_iter().map(|o| o.meta().name.clone()).collect()
}

#[test]
fn each_scheduled_minute_makes_a_job_named_after_it_and_three_are_kept() {
    let mut cluster = Cluster::new(1);
    assert!(cluster.create(Object::CronJob(cron_job("tick", "*/1 * * * *", &["date"], json!({})))).is_ok());
    cluster.advance_by(61_000);
    let first = EPOCH.plus_ms(60_000).0 / 60_000;
    assert_eq!(job_names(&cluster), vec![format!("tick-{first}")]);
    // Twenty seconds into 09:06: the 09:06 job has finished, so only the last three finished stay.
    cluster.advance_by(5 * 60_000 + 20_000);
    assert_eq!(job_names(&cluster), vec![format!("tick-{}", first + 3), format!("tick-{}", first + 4), format!("tick-{}", first + 5)]);
    let Some(Object::CronJob(cj)) = cluster.get(Kind::CronJob, "default", "tick").cloned() else { panic!("cronjob") };
    assert_eq!(cj.status.last_schedule_time, Some(EPOCH.plus_ms(6 * 60_000)));
}

#[test]
fn a_suspended_cron_job_makes_nothing() {
    let mut cluster = Cluster::new(1);
    assert!(cluster.create(Object::CronJob(cron_job("tick", "*/1 * * * *", &["date"], json!({"suspend": true})))).is_ok());
    cluster.advance_by(5 * 60_000);
    assert!(job_names(&cluster).is_empty());
}

#[test]
fn forbid_skips_runs_while_one_is_active() {
    let mut cluster = Cluster::new(1);
    let cj = cron_job("slow", "*/1 * * * *", &["sleep", "150"], json!({"concurrencyPolicy": "Forbid"}));
    assert!(cluster.create(Object::CronJob(cj)).is_ok());
    cluster.advance_by(150_000);
    assert_eq!(job_names(&cluster).len(), 1, "the 09:02 run is skipped while the 09:01 job runs");
}
