//! The save and restore path of the page (src/ui/persist.rs, which only builds for the browser)
//! redone with the same steps: the cluster as JSON with its watch-event log emptied, plus the
//! kubeconfig and the files, as one JSON text; and back.

use kubeplay::cluster::objects::Time;
use kubeplay::cluster::Cluster;
use kubeplay::vfs::Vfs;
use kubeplay::world::{Kubeconfig, World};
use serde::{Deserialize, Serialize};

/// The part of the page's saved state that grows with the cluster (the shell's variables and
/// the console tail are small and bounded).
#[derive(Serialize, Deserialize)]
struct SavedWorld {
    cluster: serde_json::Value,
    kubeconfig: Kubeconfig,
    fs: Vfs,
    now_ms: i64,
}

/// The world as the JSON text the page writes to localStorage.
pub fn save(world: &World) -> String {
    let mut cluster = serde_json::to_value(&world.cluster).unwrap_or_default();
    if let Some(store) = cluster.get_mut("store").and_then(serde_json::Value::as_object_mut) {
        let logged = store.get("events").and_then(|e| e.as_array()).map_or(0, Vec::len) as u64;
        let dropped = store.get("dropped").and_then(serde_json::Value::as_u64).unwrap_or(0);
        store.insert("events".into(), serde_json::Value::Array(Vec::new()));
        store.insert("dropped".into(), (dropped + logged).into());
    }
    let saved = SavedWorld {
        cluster,
        kubeconfig: world.kubeconfig.clone(),
        fs: world.fs.clone(),
        now_ms: world.cluster.now().0,
    };
    serde_json::to_string(&saved).unwrap_or_default()
}

/// The cluster, kubeconfig and files read back from `text`, the clock set to the saved
/// millisecond as the page does; `None` when the text does not load.
pub fn restore(text: &str) -> Option<(Cluster, Kubeconfig, Vfs)> {
    let saved: SavedWorld = serde_json::from_str(text).ok()?;
    let mut cluster: Cluster = serde_json::from_value(saved.cluster).ok()?;
    if saved.now_ms > cluster.now().0 {
        cluster.advance_to(Time(saved.now_ms));
    }
    Some((cluster, saved.kubeconfig, saved.fs))
}

/// Bytes of the watch-event log the page leaves out, and of the rest of the cluster: tells
/// whether the log (or anything else) dominates what serialization has to walk.
pub fn cluster_json_sizes(cluster: &Cluster) -> (usize, usize) {
    let Ok(mut value) = serde_json::to_value(cluster) else { return (0, 0) };
    let log = value
        .get_mut("store")
        .and_then(serde_json::Value::as_object_mut)
        .and_then(|store| store.insert("events".into(), serde_json::Value::Array(Vec::new())))
        .map_or(0, |events| events.to_string().len());
    (log, value.to_string().len())
}
