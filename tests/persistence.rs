//! The page saves the cluster as JSON (without its watch-event log) and restores it on reload:
//! a restored cluster must go on as the original would have. (Timestamps serialize with whole
//! seconds, as Kubernetes writes them, so sub-second timers may fire slightly earlier after a
//! restore: the comparison uses names and states, not ages.)

use kubeplay::cluster::Cluster;
use kubeplay::session::{Session, DEFAULT_SEED};

fn run(session: &mut Session, script: &str) -> String {
    let mut text = String::new();
    session.run_script(script, true, &mut |chunks| text.extend(chunks.into_iter().map(|c| c.text)));
    text
}

/// What the page does: JSON, watch log emptied, `dropped` moved on.
fn save_and_restore(cluster: &Cluster) -> Cluster {
    let now = cluster.now();
    let mut value = serde_json::to_value(cluster).expect("a cluster serializes");
    let store = value["store"].as_object_mut().expect("the store is an object");
    let logged = store["events"].as_array().map_or(0, Vec::len) as u64;
    let dropped = store["dropped"].as_u64().unwrap_or(0);
    store.insert("events".into(), serde_json::Value::Array(Vec::new()));
    store.insert("dropped".into(), (dropped + logged).into());
    let text = serde_json::to_string(&value).expect("JSON text");
    let mut restored: Cluster = serde_json::from_str(&text).expect("the saved cluster loads back");
    restored.advance_to(now);
    assert_eq!(restored.now(), now);
    restored
}

#[test]
fn a_restored_cluster_goes_on_like_the_original() {
    let mut original = Session::new(DEFAULT_SEED);
    run(&mut original, "kubectl create deployment web --image=nginx --replicas=2\nkubectl rollout status deploy/web\nkubectl set image deploy/web nginx=nginx:1.25\nsleep 2");

    let mut restored = Session::new(DEFAULT_SEED);
    restored.world.cluster = save_and_restore(&original.world.cluster);
    restored.world.fs = original.world.fs.clone();
    restored.world.kubeconfig = original.world.kubeconfig.clone();

    let next = "kubectl rollout status deploy/web | tail -1\nkubectl get rs -o custom-columns=NAME:.metadata.name,DESIRED:.spec.replicas,REVISION:.metadata.annotations.deployment\\.kubernetes\\.io/revision\nkubectl delete pod -l app=web --wait=false\nsleep 30\nkubectl get pods -o custom-columns=NAME:.metadata.name,STATUS:.status.phase,IMAGE:.spec.containers[0].image";
    let expected = run(&mut original, next);
    assert!(expected.contains("successfully rolled out"), "{expected}");
    assert_eq!(run(&mut restored, next), expected);
}

/// `Cluster::without_watch_log`, which the page saves, gives the JSON that emptying the log in
/// the serialized cluster gives, without serializing the log first.
#[test]
fn leaving_out_the_watch_log_saves_the_same_json() {
    let mut session = Session::new(DEFAULT_SEED);
    run(&mut session, "kubectl create deployment web --image=nginx --replicas=3\nkubectl rollout status deploy/web\nkubectl delete pod -l app=web --wait=false\nsleep 5");
    let cluster = &session.world.cluster;
    let mut stripped = serde_json::to_value(cluster).expect("a cluster serializes");
    let store = stripped["store"].as_object_mut().expect("the store is an object");
    let logged = store["events"].as_array().map_or(0, Vec::len) as u64;
    assert!(logged > 0, "the scenario should leave watch events");
    let dropped = store["dropped"].as_u64().unwrap_or(0);
    store.insert("events".into(), serde_json::Value::Array(Vec::new()));
    store.insert("dropped".into(), (dropped + logged).into());
    let saved = serde_json::to_value(cluster.without_watch_log()).expect("the copy serializes");
    assert_eq!(saved, stripped);
    assert_eq!(saved["store"]["dropped"].as_u64(), Some(dropped + logged));
}
