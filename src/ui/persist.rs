//! Saving the whole playground in the browser's localStorage (after each command and every few
//! seconds) so a reload or a closed laptop loses nothing; "Reset cluster"; export and import of
//! the same state as a JSON file.

use super::engine::{Engine, LineKind};
use crate::cluster::objects::Time;
use crate::cluster::Cluster;
use crate::session::{Session, DEFAULT_SEED};
use crate::vfs::Vfs;
use crate::world::Kubeconfig;
use gloo_timers::callback::Interval;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// The localStorage key of the saved state.
const STORAGE_KEY: &str = "kubeplay.state";

/// Bumped when the saved shape changes incompatibly; other versions are ignored on load.
const FORMAT: u32 = 1;

/// How many console lines are kept across a reload.
const SAVED_LINES: usize = 400;

/// How often the state is saved while time flows, in milliseconds.
const AUTOSAVE_MS: u32 = 5_000;

/// Everything that survives a reload.
#[derive(Serialize, Deserialize)]
struct SavedState {
    format: u32,
    /// The cluster, without the watch-event log (watchers do not survive a reload).
    cluster: serde_json::Value,
    kubeconfig: Kubeconfig,
    fs: Vfs,
    history: Vec<String>,
    vars: BTreeMap<String, String>,
    exported: BTreeSet<String>,
    aliases: BTreeMap<String, String>,
    console: Vec<(LineKind, String, String)>,
    speed: f64,
    /// The virtual time in milliseconds: timestamps in the cluster JSON keep whole seconds only.
    #[serde(default)]
    now_ms: i64,
    /// Every console tab in order (the fields above repeat the active one, for older readers).
    #[serde(default)]
    tabs: Vec<SavedTab>,
    /// Which tab was shown.
    #[serde(default)]
    active_tab: usize,
    /// Whether the consoles were shown side by side.
    #[serde(default)]
    split: bool,
}

/// One console tab: its shell's variables, aliases and history, and the tail of its scrollback.
/// A command that was running is not saved: the tab comes back with a fresh prompt.
#[derive(Serialize, Deserialize)]
struct SavedTab {
    history: Vec<String>,
    vars: BTreeMap<String, String>,
    exported: BTreeSet<String>,
    aliases: BTreeMap<String, String>,
    console: Vec<(LineKind, String, String)>,
}

impl SavedTab {
    /// Tab `index` of `engine` as it stands.
    fn of(engine: &Engine, index: usize) -> Option<SavedTab> {
        let console = engine.tab_line_tail(index, SAVED_LINES);
        engine.with_tab_shell(index, |shell| SavedTab {
            history: shell.history.clone(),
            vars: shell.vars.clone(),
            exported: shell.exported.clone(),
            aliases: shell.aliases.clone(),
            console,
        })
    }

    /// Gives `shell` this tab's variables, aliases and history.
    fn restore_into(self, shell: &mut crate::shell::ShellState) -> Vec<(LineKind, String, String)> {
        shell.history = self.history;
        shell.vars = self.vars;
        shell.exported = self.exported;
        shell.aliases = self.aliases;
        self.console
    }
}

/// The state of `engine` as JSON text.
pub fn export_json(engine: &Engine) -> Option<String> {
    let console = engine.line_tail(SAVED_LINES);
    let speed = engine.speed.get_untracked();
    let tabs: Vec<SavedTab> = (0..engine.tab_count.get_untracked()).filter_map(|index| SavedTab::of(engine, index)).collect();
    let active_tab = engine.active_tab.get_untracked();
    let split = engine.split.get_untracked();
    let state = engine.with_session(|s| {
        Some(SavedState {
            format: FORMAT,
            cluster: cluster_without_watch_log(&s.world.cluster)?,
            kubeconfig: s.world.kubeconfig.clone(),
            fs: s.world.fs.clone(),
            history: s.shell.history.clone(),
            vars: s.shell.vars.clone(),
            exported: s.shell.exported.clone(),
            aliases: s.shell.aliases.clone(),
            console,
            speed,
            now_ms: s.world.cluster.now().0,
            tabs,
            active_tab,
            split,
        })
    })??;
    serde_json::to_string(&state).ok()
}

/// Replaces the engine's session by the one saved in `text`; says why when it cannot.
pub fn import_json(engine: &Engine, text: &str) -> Result<(), String> {
    let state: SavedState = serde_json::from_str(text).map_err(|e| format!("not a kubeplay state file: {e}"))?;
    if state.format != FORMAT {
        return Err(format!("unsupported state format {}", state.format));
    }
    let mut cluster: Cluster = serde_json::from_value(state.cluster).map_err(|e| format!("damaged cluster state: {e}"))?;
    // The JSON clock was rounded down to the second: give back the milliseconds.
    if state.now_ms > cluster.now().0 {
        cluster.advance_to(Time(state.now_ms));
    }
    let mut session = Session::new(DEFAULT_SEED);
    session.world.cluster = cluster;
    session.world.kubeconfig = state.kubeconfig;
    session.world.fs = state.fs;
    let mut tabs = state.tabs.into_iter();
    // The session's own shell is the first tab; older saves have only the top-level one.
    let console = match tabs.next() {
        Some(first) => first.restore_into(&mut session.shell),
        None => {
            session.shell.history = state.history;
            session.shell.vars = state.vars;
            session.shell.exported = state.exported;
            session.shell.aliases = state.aliases;
            state.console
        }
    };
    engine.speed.set(state.speed.clamp(0.25, 20.0));
    engine.replace_session(session, console);
    for mut tab in tabs {
        let console = std::mem::take(&mut tab.console);
        engine.add_tab(move |shell| drop(tab.restore_into(shell)), console);
    }
    engine.show_tab(state.active_tab);
    engine.split.set(state.split);
    Ok(())
}

/// Saves the engine's state in localStorage (quietly does nothing when storage is unavailable
/// or full: the playground goes on).
pub fn save(engine: &Engine) {
    let (Some(storage), Some(json)) = (storage(), export_json(engine)) else { return };
    let _ = storage.set_item(STORAGE_KEY, &json);
}

/// Restores the state saved in localStorage, if there is a usable one.
pub fn restore(engine: &Engine) {
    let Some(text) = storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()) else { return };
    if let Err(message) = import_json(engine, &text) {
        web_sys::console::warn_1(&format!("kubeplay: saved state ignored: {message}").into());
    }
}

/// "Reset cluster": forgets the saved state and starts over with a fresh cluster.
pub fn reset(engine: &Engine) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(STORAGE_KEY);
    }
    engine.replace_session(Session::new(DEFAULT_SEED), Vec::new());
    save(engine);
}

/// Saves every few seconds for the lifetime of the page.
pub fn start_autosave(engine: Engine) {
    Interval::new(AUTOSAVE_MS, move || save(&engine)).forget();
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The cluster as JSON with its watch-event log emptied (it holds a copy of every object at
/// every change, far too much for localStorage); `dropped` moves on so cursors stay valid.
/// The log is left out before serializing: serializing it first cost most of a save.
fn cluster_without_watch_log(cluster: &Cluster) -> Option<serde_json::Value> {
    serde_json::to_value(cluster.without_watch_log()).ok()
}

/// The percent-encoded `data:` URL of `json`, for the export download link.
pub fn data_url(json: &str) -> String {
    let mut url = String::from("data:application/json;charset=utf-8,");
    for byte in json.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~".contains(&byte) {
            url.push(byte as char);
        } else {
            url.push_str(&format!("%{byte:02X}"));
        }
    }
    url
}
