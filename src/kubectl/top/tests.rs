//! Tests of `kubectl top`: the shapes of kubectl's tables (every cell tab-terminated, so rows end
//! with padding), the metrics pipeline delay, and the errors.

use super::go_duration;
use crate::kubectl::mutation::testing::{kubectl, tutorial_world};
use crate::world::World;

/// The tutorial world with a running rickroller pod `rickroller` and busybox pod `client`.
fn world_with_pods() -> World {
    let mut world = tutorial_world();
    kubectl(&mut world, "run rickroller --image=derlin/rickroller:latest --port 8080");
    kubectl(&mut world, "run client --image=busybox -- sleep 3600");
    world
}

#[test]
fn fresh_pods_have_no_metrics_until_two_scrapes() {
    let mut world = world_with_pods();
    world.cluster.advance_by(10_000);
    let ran = kubectl(&mut world, "top pod");
    assert_eq!((ran.stdout.as_str(), ran.stderr.as_str(), ran.code), ("", "error: metrics not available yet\n", Some(1)));
    let ran = kubectl(&mut world, "top pod client");
    assert_eq!(ran.stderr, "Error from server (NotFound): podmetrics.metrics.k8s.io \"test/client\" not found\n");
    world.cluster.advance_by(60_000);
    let ran = kubectl(&mut world, "top pod");
    assert_eq!(ran.stderr, "");
    let lines: Vec<&str> = ran.stdout.lines().collect();
    assert_eq!(lines[0], "NAME         CPU(cores)   MEMORY(bytes)   ");
    assert!(lines[1].starts_with("client       0m           1Mi"), "{}", ran.stdout);
    assert!(lines[2].starts_with("rickroller   ") && lines[2].contains("m           6"), "{}", ran.stdout);
    assert_eq!(lines.len(), 3);
}

#[test]
fn containers_all_namespaces_and_sorting() {
    let mut world = world_with_pods();
    world.cluster.advance_by(60_000);
    let ran = kubectl(&mut world, "top pod rickroller --containers --no-headers");
    assert!(ran.stdout.starts_with("rickroller   rickroller   "), "{}", ran.stdout);
    let ran = kubectl(&mut world, "top pods -A --sort-by=memory");
    let lines: Vec<&str> = ran.stdout.lines().collect();
    assert!(lines[0].starts_with("NAMESPACE       NAME ") && lines[0].ends_with("CPU(cores)   MEMORY(bytes)   "), "{}", lines[0]);
    assert!(lines[1].starts_with("test            rickroller "), "the biggest first: {}", ran.stdout);
    assert!(lines.last().is_some_and(|l| l.starts_with("test            client ")), "{}", ran.stdout);
    assert!(lines.iter().any(|l| l.starts_with("kube-system     metrics-server-")));
    let ran = kubectl(&mut world, "top pod -l run=client -n test");
    assert_eq!(ran.stdout.lines().count(), 2, "{}", ran.stdout);
    let ran = kubectl(&mut world, "top pod --field-selector status.phase=Running,metadata.name!=rickroller");
    assert_eq!(ran.stdout.lines().count(), 2, "{}", ran.stdout);
}

#[test]
fn nodes_show_usage_and_percentages_of_allocatable() {
    let mut world = World::new(7);
    let ran = kubectl(&mut world, "top nodes");
    let lines: Vec<&str> = ran.stdout.lines().collect();
    assert_eq!(lines[0], "NAME               CPU(cores)   CPU(%)   MEMORY(bytes)   MEMORY(%)   ");
    assert_eq!(lines.len(), 3, "{}", ran.stdout);
    for line in &lines[1..] {
        let cells: Vec<&str> = line.split_whitespace().collect();
        assert!(cells[0].starts_with("kubeplay-worker") && cells[1].ends_with('m') && cells[2] == "1%", "{line}");
        assert!(cells[3].ends_with("Mi") && (cells[4] == "7%" || cells[4] == "8%"), "{line}");
    }
    let ran = kubectl(&mut world, "top node nope");
    assert_eq!(ran.stderr, "Error from server (NotFound): nodemetrics.metrics.k8s.io \"nope\" not found\n");
}

#[test]
fn usage_errors_read_like_kubectl() {
    let mut world = world_with_pods();
    let ran = kubectl(&mut world, "top");
    assert_eq!((ran.stdout.as_str(), ran.code), ("", Some(1)));
    assert!(ran.stderr.starts_with("Display resource (CPU/memory) usage.\n"));
    assert!(kubectl(&mut world, "top pod --help").stdout.starts_with("Display resource (CPU/memory) usage of pods.\n"));
    assert_eq!(kubectl(&mut world, "top foo").stderr, "error: unknown command \"foo\"\nSee 'kubectl top -h' for help and examples\n");
    assert_eq!(kubectl(&mut world, "top pod --sort-by=name").stderr, "error: --sort-by accepts only cpu or memory\n");
    assert_eq!(kubectl(&mut world, "top pod x -l a=b").stderr, "error: only one of NAME or selector can be provided\n");
    assert_eq!(kubectl(&mut world, "top node --containers").stderr, "error: unknown flag: --containers\nSee 'kubectl top node --help' for usage.\n");
    assert_eq!(kubectl(&mut world, "top pod -n empty").stderr, "No resources found in empty namespace.\n");
}

#[test]
fn old_pods_without_metrics_name_their_age() {
    let mut world = tutorial_world();
    kubectl(&mut world, "run broken --image=nginx:nope");
    world.cluster.advance_by(150_500);
    assert_eq!(kubectl(&mut world, "top pod").stderr, "error: Metrics not available for pod test/broken, age: 2m30.5s\n");
    assert_eq!(go_duration(3_723_000), "1h2m3s");
    assert_eq!(go_duration(4_250), "4.25s");
}

#[test]
fn sum_adds_underscores_and_totals_under_the_usage_columns() {
    let mut world = World::new(7);
    let ran = kubectl(&mut world, "top pod -n kube-system -l k8s-app=kube-dns --sum");
    let lines: Vec<&str> = ran.stdout.lines().collect();
    assert_eq!(lines.len(), 5, "{}", ran.stdout);
    assert_eq!(lines[3], "                          ________     ________        ");
    let cpu: i64 = lines[1..3].iter().map(|l| l.split_whitespace().nth(1).and_then(|c| c.trim_end_matches('m').parse::<i64>().ok()).unwrap_or(-100)).sum();
    assert!(lines[4].starts_with(&format!("                          {cpu}m ")), "{}", ran.stdout);
}

#[test]
fn containers_are_listed_by_name_under_their_pod() {
    let mut world = tutorial_world();
    let ran = crate::kubectl::mutation::testing::kubectl_args(&mut world, &["apply", "-f", "-"], "apiVersion: v1\nkind: Pod\nmetadata:\n  name: duo\nspec:\n  containers:\n  - name: zeta\n    image: nginx\n  - name: alpha\n    image: busybox\n    command: ['sh', '-c', 'while true; do sleep 5; done']\n");
    assert_eq!(ran.stdout, "pod/duo created\n");
    world.cluster.advance_by(90_000);
    let ran = kubectl(&mut world, "top pod duo --containers");
    let names: Vec<&str> = ran.stdout.lines().map(|l| l.split_whitespace().nth(1).unwrap_or("")).collect();
    assert_eq!(names, ["NAME", "alpha", "zeta"], "{}", ran.stdout);
}

#[test]
fn without_a_ready_metrics_server_the_metrics_api_is_unavailable() {
    let mut world = World::new(7);
    let ran = kubectl(&mut world, "delete deployment metrics-server -n kube-system --wait=false");
    assert_eq!(ran.stdout, "deployment.apps \"metrics-server\" deleted from kube-system namespace\n");
    world.cluster.advance_by(60_000);
    assert_eq!(kubectl(&mut world, "top node").stderr, "error: Metrics API not available\n");
    assert_eq!(kubectl(&mut world, "top pod -A").stderr, "error: Metrics API not available\n");
}
