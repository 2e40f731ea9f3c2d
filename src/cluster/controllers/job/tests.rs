//! Tests of the Job controller: completion, back-off and the backoff limit, parallelism, TTL.

use super::*;
use crate::cluster::objects::{Kind, Object};
use crate::cluster::Cluster;
use serde_json::json;

fn job(name: &str, command: &[&str], extra: serde_json::Value) -> Job {
    let mut value = json!({
        "metadata": {"name": name, "namespace": "default"},
        "spec": {"template": {"spec": {"restartPolicy": "Never", "containers": [{"name": "main", "image": "busybox", "command": command}]}}}
    });
    if let (Some(spec), Some(extra)) = (value.pointer_mut("/spec").and_then(|s| s.as_object_mut()), extra.as_object()) {
        spec.extend(extra.clone());
    }
    serde_json::from_value(value).unwrap_or_default()
}

fn stored(cluster: &Cluster, name: &str) -> Option<Job> {
    match cluster.get(Kind::Job, "default", name) {
        Some(Object::Job(j)) => Some(j.clone()),
        _ => None,
    }
}

#[test]
fn a_job_whose_pod_succeeds_completes() {
    let mut cluster = Cluster::new(1);
    assert!(cluster.create(Object::Job(job("hello", &["echo", "hi"], json!({})))).is_ok());
    cluster.advance_by(20_000);
    let done = stored(&cluster, "hello").unwrap_or_default();
    assert_eq!(done.status_word(), "Complete");
    assert_eq!(done.status.succeeded, Some(1));
    assert!(done.status.completion_time.is_some());
    let pods = owned_pods(&cluster, &done);
    assert_eq!(pods.len(), 1);
    assert_eq!(pods[0].status.phase, "Succeeded");
    assert_eq!(pods[0].metadata.labels.get("job-name").map(String::as_str), Some("hello"));
    assert_eq!(pods[0].metadata.labels.get("batch.kubernetes.io/controller-uid"), Some(&done.metadata.uid));
}

#[test]
fn failures_are_retried_with_back_off_until_the_limit() {
    let mut cluster = Cluster::new(1);
    assert!(cluster.create(Object::Job(job("failing", &["sh", "-c", "exit 1"], json!({"backoffLimit": 2})))).is_ok());
    cluster.advance_by(300_000);
    let failed = stored(&cluster, "failing").unwrap_or_default();
    assert_eq!(failed.status_word(), "Failed");
    let reason = failed.status.conditions.iter().find(|c| c.type_ == "Failed").map(|c| c.reason.clone());
    assert_eq!(reason.as_deref(), Some("BackoffLimitExceeded"));
    let mut created: Vec<Time> = owned_pods(&cluster, &failed).iter().filter_map(|p| p.metadata.creation_timestamp).collect();
    created.sort();
    assert_eq!(created.len(), 3, "backoffLimit 2: the first try and two retries");
    assert!(created[1].0 - created[0].0 >= 10_000 && created[2].0 - created[1].0 >= 20_000, "{created:?}");
}

#[test]
fn parallelism_bounds_the_running_pods() {
    let mut cluster = Cluster::new(1);
    assert!(cluster.create(Object::Job(job("batch", &["sleep", "5"], json!({"completions": 4, "parallelism": 2})))).is_ok());
    let mut most_active = 0;
    for _ in 0..60 {
        cluster.advance_by(1_000);
        let current = stored(&cluster, "batch").unwrap_or_default();
        most_active = most_active.max(current.status.active.unwrap_or(0));
    }
    let done = stored(&cluster, "batch").unwrap_or_default();
    assert_eq!(most_active, 2);
    assert_eq!((done.status_word(), done.status.succeeded), ("Complete", Some(4)));
}

#[test]
fn ttl_after_finished_deletes_the_job_and_its_pods() {
    let mut cluster = Cluster::new(1);
    assert!(cluster.create(Object::Job(job("short", &["echo", "hi"], json!({"ttlSecondsAfterFinished": 30})))).is_ok());
    cluster.advance_by(20_000);
    let done = stored(&cluster, "short").unwrap_or_default();
    assert!(done.is_finished());
    cluster.advance_by(60_000);
    assert!(stored(&cluster, "short").is_none());
    assert!(owned_pods(&cluster, &done).is_empty());
}

#[test]
fn container_restarts_count_against_the_limit_with_on_failure() {
    let mut cluster = Cluster::new(1);
    let mut spec = job("flaky", &["sh", "-c", "exit 1"], json!({"backoffLimit": 1}));
    spec.spec.template.spec.restart_policy = "OnFailure".into();
    assert!(cluster.create(Object::Job(spec)).is_ok());
    cluster.advance_by(600_000);
    let failed = stored(&cluster, "flaky").unwrap_or_default();
    assert_eq!(failed.status_word(), "Failed");
    assert!(owned_pods(&cluster, &failed).iter().all(|p| !p.is_active()), "the restarting pod is deleted");
}

#[test]
fn a_suspended_job_runs_no_pods_until_resumed() {
    let mut cluster = Cluster::new(1);
    assert!(cluster.create(Object::Job(job("later", &["echo", "hi"], json!({"suspend": true})))).is_ok());
    cluster.advance_by(30_000);
    let waiting = stored(&cluster, "later").unwrap_or_default();
    assert_eq!((waiting.status_word(), owned_pods(&cluster, &waiting).len()), ("Suspended", 0));
    let mut resumed = waiting;
    resumed.spec.suspend = Some(false);
    assert!(cluster.update(Object::Job(resumed)).is_ok());
    cluster.advance_by(30_000);
    assert_eq!(stored(&cluster, "later").unwrap_or_default().status_word(), "Complete");
}

#[test]
fn a_work_queue_job_completes_when_its_pods_are_done() {
    let mut cluster = Cluster::new(1);
    assert!(cluster.create(Object::Job(job("queue", &["sleep", "5"], json!({"parallelism": 3})))).is_ok());
    cluster.advance_by(30_000);
    let done = stored(&cluster, "queue").unwrap_or_default();
    assert_eq!(done.spec.completions, None, "parallelism alone leaves completions unset");
    assert_eq!((done.status_word(), done.status.succeeded), ("Complete", Some(3)));
}
