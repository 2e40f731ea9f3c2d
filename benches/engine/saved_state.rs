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
    let cluster = serde_json::to_value(world.cluster.without_watch_log()).unwrap_or_default();
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

/// Bytes of JSON per top-level part of the cluster (and of its store), largest first: tells
/// what dominates the saved state and what serialization has to walk (the watch-event log
/// `store.events` is serialized by the page and then thrown away).
pub fn cluster_json_breakdown(cluster: &Cluster) -> Vec<(String, usize)> {
    let Ok(value) = serde_json::to_value(cluster) else { return Vec::new() };
    let mut parts = Vec::new();
    for (key, part) in value.as_object().into_iter().flatten() {
        if key == "store" {
            for (inner, store_part) in part.as_object().into_iter().flatten() {
                parts.push((format!("store.{inner}"), store_part.to_string().len()));
            }
        } else {
            parts.push((key.clone(), part.to_string().len()));
        }
    }
    parts.sort_by(|a, b| b.1.cmp(&a.1));
    parts
}
