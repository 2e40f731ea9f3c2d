//! Engine benchmarks: what a learner's session costs, measured through the same public API the
//! tests drive (`Session`, script mode, the cluster clock). Run them with `scripts/bench`, which
//! prints a table of medians. Sample counts and measurement times are kept small: the machine
//! is shared, so read ratios between rows of one run rather than absolute numbers.

mod fixtures;
mod saved_state;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, SamplingMode};
use fixtures::{fork, run, running_pods, tutorial_deployment};
use kubeplay::session::{Session, DEFAULT_SEED};
use std::hint::black_box;
use std::time::Duration;

/// The tutorial chapters replayed by the transcript tests.
const CHAPTERS: [(&str, &str); 2] = [
    ("chapter-01-pods", include_str!("../../tests/transcripts/chapter-01-pods.sh")),
    ("chapter-02-deployments", include_str!("../../tests/transcripts/chapter-02-deployments.sh")),
];

/// How much virtual time the page lets pass per tick at normal speed (src/ui/ticker.rs).
const PAGE_TICK_MS: i64 = 100;

/// A group with few samples and a short measurement, each sample one run (flat sampling):
/// most benchmarks here take milliseconds to seconds per iteration.
fn quick_group<'a>(c: &'a mut Criterion, name: &str) -> criterion::BenchmarkGroup<'a, criterion::measurement::WallTime> {
    let mut group = c.benchmark_group(name);
    group.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    group.sampling_mode(SamplingMode::Flat);
    group
}

/// (a) Each tutorial chapter script, end to end on a fresh session.
fn tutorial_chapters(c: &mut Criterion) {
    let mut group = quick_group(c, "tutorial");
    for (name, script) in CHAPTERS {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut session = Session::new(DEFAULT_SEED);
                black_box(run(&mut session, script))
            })
        });
    }
    group.finish();
}

/// (b) `kubectl scale` of the tutorial deployment from 1 to 100 replicas and
/// `kubectl rollout status` until all are available.
fn scale_to_100(c: &mut Criterion) {
    let template = tutorial_deployment(1);
    let script = "kubectl scale deployment rickroller --replicas=100\nkubectl rollout status deployment/rickroller\n";
    let mut check = fork(&template);
    let text = run(&mut check, script);
    assert!(text.contains("successfully rolled out") && running_pods(&mut check) == 100, "scaling failed:\n{text}");

    let mut group = quick_group(c, "scale");
    group.bench_function("1-to-100-and-rollout-status", |b| {
        b.iter_batched(|| fork(&template), |mut session| black_box(run(&mut session, script)), BatchSize::PerIteration)
    });
    group.finish();
}

/// (c) 1000 virtual seconds of page ticks (100 ms each) on a quiet cluster with 50 running
/// pods: the cost of time passing when nothing changes. Measured right after the rollout and
/// again after a virtual day, to see whether a tick gets dearer as history piles up.
fn idle_ticking(c: &mut Criterion) {
    let fresh = tutorial_deployment(50);
    let mut aged = fork(&fresh);
    aged.tick(24 * 3600 * 1000);
    assert_eq!(running_pods(&mut aged), 50, "the pods should still run after a day");

    let mut group = quick_group(c, "idle-50-pods");
    for (name, template) in [("1000s-fresh", &fresh), ("1000s-after-a-day", &aged)] {
        group.bench_function(name, |b| {
            b.iter_batched(
                || fork(template),
                |mut session| {
                    for _ in 0..(1_000_000 / PAGE_TICK_MS) {
                        session.tick(PAGE_TICK_MS);
                    }
                    black_box(session.world.cluster.now())
                },
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

/// (d) 100 `curl` requests to the Ingress's address, routed by ingress-nginx to the tutorial's
/// Service and its three rickroller pods.
fn curl_through_ingress(c: &mut Criterion) {
    let (template, address) = fixtures::rickroller_behind_ingress();
    let script: String = (0..100).map(|_| format!("curl -s http://{address}/rickroller/ > /dev/null\n")).collect();
    let mut check = fork(&template);
    let text = run(&mut check, &format!("{script}echo status $?"));
    assert_eq!(text, "status 0\n", "the requests failed");

    let mut group = quick_group(c, "curl");
    group.bench_function("100-requests-via-ingress", |b| {
        b.iter_batched(|| fork(&template), |mut session| black_box(run(&mut session, &script)), BatchSize::PerIteration)
    });
    group.finish();
}

/// (e) Saving the whole state as the page does (JSON for localStorage) and restoring it, with
/// the tutorial deployment at 100 pods. `save-after-restore` saves the restored world, whose
/// watch-event log is already empty: the difference with `save` is what leaving the log out
/// still costs (before `Cluster::without_watch_log`, serializing it was most of a save).
fn save_and_restore(c: &mut Criterion) {
    let session = tutorial_deployment(100);
    let text = saved_state::save(&session.world);
    let parts: Vec<String> = saved_state::cluster_json_breakdown(&session.world.cluster)
        .into_iter()
        .take(6)
        .map(|(part, bytes)| format!("{part} {} kB", bytes / 1000))
        .collect();
    eprintln!("saved state with 100 pods: {} kB of JSON; cluster JSON before stripping: {}", text.len() / 1000, parts.join(", "));
    let Some((cluster, kubeconfig, fs)) = saved_state::restore(&text) else { panic!("the saved state does not load back") };
    assert_eq!(cluster.now(), session.world.cluster.now(), "the restored clock differs");
    let mut restored = fork(&session);
    (restored.world.cluster, restored.world.kubeconfig, restored.world.fs) = (cluster, kubeconfig, fs);
    assert_eq!(saved_state::save(&restored.world).len(), text.len(), "saving the restored state gives other JSON");

    let mut group = quick_group(c, "state-100-pods");
    group.bench_function("save", |b| b.iter(|| black_box(saved_state::save(&session.world))));
    group.bench_function("save-after-restore", |b| b.iter(|| black_box(saved_state::save(&restored.world))));
    group.bench_function("restore", |b| b.iter(|| black_box(saved_state::restore(&text))));
    group.finish();
}

/// (f) Reading commands over 100 pods: `get pods -o wide` and `describe deployment`.
fn read_commands(c: &mut Criterion) {
    let mut session = tutorial_deployment(100);
    let mut group = quick_group(c, "read-100-pods");
    for (name, command) in [("get-pods-o-wide", "kubectl get pods -o wide"), ("describe-deployment", "kubectl describe deployment rickroller")] {
        let text = run(&mut session, command);
        assert!(text.lines().count() > 10 && !text.contains("rror"), "{command} failed:\n{text}");
        group.bench_function(name, |b| b.iter(|| black_box(run(&mut session, command))));
    }
    group.finish();
}

criterion_group!(benches, tutorial_chapters, scale_to_100, idle_ticking, curl_through_ingress, save_and_restore, read_commands);
criterion_main!(benches);
