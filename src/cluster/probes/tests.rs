//! Probe tests: the pieces (defaults, ticks, scripts' files) and scenarios with Deployments and
//! pods whose probes pass, fail, and get fixed, as a learner watches them with kubectl.

use super::*;
use crate::cluster::objects::{Deployment, Kind, Object, Service};

#[test]
fn settings_default_like_the_api_server() {
    let s = settings(&Probe::default());
    assert_eq!(s, Settings { initial_delay_ms: 0, period_ms: 10_000, success_threshold: 1, failure_threshold: 3 });
    let odd = Probe { period_seconds: Some(0), failure_threshold: Some(-4), initial_delay_seconds: Some(5), ..Default::default() };
    assert_eq!(settings(&odd), Settings { initial_delay_ms: 5_000, period_ms: 1_000, success_threshold: 1, failure_threshold: 1 });
}

#[test]
fn ticks_align_on_the_worker_start() {
    assert_eq!(tick_at_or_after(Time(1_000), 10_000, Time(500)), Time(1_000));
    assert_eq!(tick_at_or_after(Time(1_000), 10_000, Time(1_001)), Time(11_000));
    assert_eq!(tick_at_or_after(Time(1_000), 10_000, Time(11_000)), Time(11_000));
}

#[test]
fn a_script_creates_and_removes_files_over_time() {
    let script = "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600";
    assert!(files_at(script, 0).contains("/tmp/healthy"));
    assert!(files_at(script, 29_000).contains("/tmp/healthy"));
    assert!(!files_at(script, 31_000).contains("/tmp/healthy"));
    assert!(files_at("echo ok > /tmp/ready && sleep 5", 1).contains("/tmp/ready"));
    assert!(files_at("while true; do touch /tmp/x; done", 1).is_empty());
    assert!(files_at("sleep nope; touch /tmp/x", 1).is_empty());
}

fn cluster() -> Cluster {
    Cluster::new(11)
}

fn apply_deployment(c: &mut Cluster, probe_yaml: &str) {
    let text = format!(
        "apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.29
        ports:
        - containerPort: 80
{probe_yaml}"
    );
    let d: Deployment = yaml_serde::from_str(&text).expect("test manifest parses");
    c.create(Object::Deployment(d)).expect("deployment created");
    let svc: Service = yaml_serde::from_str(
        "apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
",
    )
    .expect("service parses");
    c.create(Object::Service(svc)).expect("service created");
}

fn pod_list(c: &Cluster) -> Vec<Pod> {
    c.list(Kind::Pod, Some("default")).into_iter().filter_map(|o| if let Object::Pod(p) = o { Some(p) } else { None }).collect()
}

/// `READY` as `kubectl get pods` prints it, per live pod.
fn ready_column(c: &Cluster) -> Vec<String> {
    pod_list(c)
        .iter()
        .filter(|p| p.metadata.deletion_timestamp.is_none())
        .map(|p| {
            let ready = p.status.container_statuses.iter().filter(|s| s.ready).count();
            format!("{ready}/{}", p.spec.containers.len())
        })
        .collect()
}

/// `(ready, not ready)` addresses of the `web` endpoints.
fn endpoints(c: &Cluster) -> (usize, usize) {
    match c.get(Kind::Endpoints, "default", "web") {
        Some(Object::Endpoints(e)) => (
            e.subsets.iter().map(|s| s.addresses.len()).sum(),
            e.subsets.iter().map(|s| s.not_ready_addresses.len()).sum(),
        ),
        _ => (0, 0),
    }
}

fn messages(c: &Cluster, pod: &Pod, reason: &str) -> Vec<String> {
    c.events_about(&pod.metadata.uid).into_iter().filter(|e| e.reason == reason).map(|e| format!("{} x{}", e.message, e.count)).collect()
}

const WRONG_READINESS: &str = "        readinessProbe:
          httpGet:
            path: /healthz
            port: 80
";

#[test]
fn a_readiness_probe_on_a_wrong_path_keeps_pods_unready_and_out_of_endpoints() {
    let mut c = cluster();
    apply_deployment(&mut c, WRONG_READINESS);
    c.advance_by(40_000);
    let pods = pod_list(&c);
    assert_eq!(ready_column(&c), vec!["0/1", "0/1"]);
    assert!(pods.iter().all(|p| p.status.phase == "Running"));
    let ready = pods[0].condition("Ready").cloned().unwrap_or_default();
    assert_eq!((ready.status.as_str(), ready.reason.as_str()), ("False", "ContainersNotReady"));
    assert_eq!(ready.message, "containers with unready status: [nginx]");
    assert_eq!(endpoints(&c), (0, 2), "both pods listed as notReadyAddresses");
    let unhealthy = messages(&c, &pods[0], "Unhealthy");
    assert_eq!(unhealthy.len(), 1);
    assert!(unhealthy[0].starts_with("Readiness probe failed: HTTP probe failed with statuscode: 404 x"), "{unhealthy:?}");
    assert_eq!(pods[0].status.container_statuses[0].restart_count, 0, "readiness failures never restart");
}

#[test]
fn fixing_the_probe_path_rolls_out_ready_pods() {
    let mut c = cluster();
    apply_deployment(&mut c, WRONG_READINESS);
    c.advance_by(30_000);
    let Some(Object::Deployment(mut d)) = c.get(Kind::Deployment, "default", "web").cloned() else { panic!("no deployment") };
    let probe = d.spec.template.spec.containers[0].readiness_probe.as_mut().expect("probe kept");
    probe.http_get = Some(serde_json::json!({"path": "/", "port": 80}));
    c.update(Object::Deployment(d)).expect("deployment updated");
    c.advance_by(60_000);
    assert_eq!(ready_column(&c), vec!["1/1", "1/1"]);
    assert_eq!(endpoints(&c), (2, 0));
    let pods = pod_list(&c);
    assert!(pods.iter().all(|p| messages(&c, p, "Unhealthy").is_empty()));
    // The probe's requests show in nginx's access log, from the node, as kube-probe.
    let logs = c.kubelet.logs(&pods[0].metadata.uid, "nginx", false).unwrap_or_default();
    assert!(logs.iter().any(|l| l.contains("\"GET / HTTP/1.1\" 200 615 \"-\" \"kube-probe/1.34\"")), "{logs:?}");
}

#[test]
fn a_readiness_probe_on_a_closed_port_says_connection_refused() {
    let mut c = cluster();
    apply_deployment(&mut c, "        readinessProbe:\n          tcpSocket:\n            port: 8080\n        livenessProbe:\n          httpGet:\n            port: 8081\n          initialDelaySeconds: 60\n");
    c.advance_by(20_000);
    let pod = &pod_list(&c)[0];
    let ip = &pod.status.pod_ip;
    let unhealthy = messages(&c, pod, "Unhealthy");
    assert!(unhealthy[0].starts_with(&format!("Readiness probe failed: dial tcp {ip}:8080: connect: connection refused x")), "{unhealthy:?}");
    c.advance_by(60_000);
    let pod = &pod_list(&c)[0];
    let unhealthy = messages(&c, pod, "Unhealthy");
    let expected = format!("Liveness probe failed: Get \"http://{ip}:8081/\": dial tcp {ip}:8081: connect: connection refused x");
    assert!(unhealthy.iter().any(|m| m.starts_with(&expected)), "{unhealthy:?}");
}

#[test]
fn a_liveness_probe_on_a_missing_path_restarts_with_back_off() {
    let mut c = cluster();
    apply_deployment(&mut c, "        livenessProbe:\n          httpGet:\n            path: /missing\n            port: 80\n          periodSeconds: 5\n");
    c.advance_by(25_000);
    let pod = pod_list(&c)[0].clone();
    let status = &pod.status.container_statuses[0];
    assert_eq!(status.restart_count, 1);
    let last = status.last_state.terminated.clone().unwrap_or_default();
    assert_eq!((last.exit_code, last.reason.as_str()), (0, "Completed"), "nginx exits cleanly on SIGTERM");
    assert_eq!(messages(&c, &pod, "Killing"), vec!["Container nginx failed liveness probe, will be restarted x1"]);
    c.advance_by(120_000);
    let pod = pod_list(&c)[0].clone();
    let status = &pod.status.container_statuses[0];
    assert!((3..=6).contains(&status.restart_count), "back-off slows the restarts: {}", status.restart_count);
    let backoff = c.events_about(&pod.metadata.uid).into_iter().any(|e| e.reason == "BackOff" && e.message.starts_with("Back-off restarting failed container nginx"));
    assert!(backoff);
}

fn exec_pod(c: &mut Cluster, probe: &str) {
    let text = format!(
        "apiVersion: v1
kind: Pod
metadata:
  name: liveness-exec
spec:
  containers:
  - name: liveness
    image: busybox
    args: [/bin/sh, -c, 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600']
{probe}"
    );
    let pod: Pod = yaml_serde::from_str(&text).expect("test pod parses");
    c.create(Object::Pod(pod)).expect("pod created");
}

#[test]
fn an_exec_probe_reads_a_file_the_container_removes() {
    let mut c = cluster();
    exec_pod(&mut c, "    livenessProbe:\n      exec:\n        command: [cat, /tmp/healthy]\n      initialDelaySeconds: 5\n      periodSeconds: 5\n");
    c.advance_by(30_000);
    let pod = pod_list(&c)[0].clone();
    assert_eq!(pod.status.container_statuses[0].restart_count, 0);
    assert!(messages(&c, &pod, "Unhealthy").is_empty());
    c.advance_by(30_000);
    let pod = pod_list(&c)[0].clone();
    assert_eq!(
        messages(&c, &pod, "Unhealthy"),
        vec!["Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory x3"]
    );
    assert_eq!(messages(&c, &pod, "Killing"), vec!["Container liveness failed liveness probe, will be restarted x1"]);
    c.advance_by(40_000);
    let pod = pod_list(&c)[0].clone();
    let status = &pod.status.container_statuses[0];
    assert_eq!(status.restart_count, 1);
    let last = status.last_state.terminated.clone().unwrap_or_default();
    assert_eq!((last.exit_code, last.reason.as_str()), (137, "Error"), "sh ignores SIGTERM: killed after the grace period");
}

#[test]
fn exec_probes_true_false_and_unknown_commands() {
    let mut c = cluster();
    exec_pod(&mut c, "    readinessProbe:\n      exec:\n        command: [nope]\n");
    c.advance_by(15_000);
    let pod = pod_list(&c)[0].clone();
    assert!(!pod.is_ready());
    let unhealthy = messages(&c, &pod, "Unhealthy");
    assert!(unhealthy[0].contains("exec: \"nope\": executable file not found in $PATH"), "{unhealthy:?}");
    let mut c = cluster();
    exec_pod(&mut c, "    readinessProbe:\n      exec:\n        command: [\"true\"]\n");
    c.advance_by(15_000);
    assert!(pod_list(&c)[0].is_ready());
}

#[test]
fn a_startup_probe_gates_readiness_and_kills_when_it_never_passes() {
    let mut c = cluster();
    apply_deployment(&mut c, "        startupProbe:\n          httpGet:\n            path: /\n            port: 80\n          periodSeconds: 2\n        readinessProbe:\n          httpGet:\n            path: /\n            port: 80\n");
    c.advance_by(23_000);
    assert_eq!(ready_column(&c), vec!["1/1", "1/1"]);
    assert!(pod_list(&c).iter().all(|p| p.status.container_statuses[0].started == Some(true)));

    let mut c = cluster();
    apply_deployment(&mut c, "        startupProbe:\n          httpGet:\n            path: /nope\n            port: 80\n          periodSeconds: 2\n          failureThreshold: 3\n        readinessProbe:\n          httpGet:\n            path: /\n            port: 80\n");
    c.advance_by(15_000);
    let pod = pod_list(&c)[0].clone();
    assert_eq!(ready_column(&c), vec!["0/1", "0/1"]);
    assert_eq!(messages(&c, &pod, "Killing"), vec!["Container nginx failed startup probe, will be restarted x1"]);
    assert!(messages(&c, &pod, "Unhealthy").iter().all(|m| m.starts_with("Startup probe failed: HTTP probe failed with statuscode: 404")));
}

#[test]
fn a_rickroller_probe_on_an_unknown_path_follows_the_redirect_and_passes() {
    let mut c = cluster();
    let text = "apiVersion: v1
kind: Pod
metadata:
  name: rr
spec:
  containers:
  - name: rickroller
    image: derlin/rickroller:latest
    readinessProbe:
      httpGet:
        path: /healthz
        port: 8080
";
    let pod: Pod = yaml_serde::from_str(text).expect("test pod parses");
    c.create(Object::Pod(pod)).expect("pod created");
    c.advance_by(20_000);
    assert!(pod_list(&c)[0].is_ready(), "the kubelet follows the 302 to / which answers 200");
}
