//! Everything a console command can touch: the cluster, the kubeconfig, the virtual filesystem,
//! and the editor `kubectl edit` opens.

use crate::cluster::Cluster;
use crate::vfs::Vfs;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One kubeconfig context.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Context {
    pub cluster: String,
    pub user: String,
    /// Empty means `default`.
    pub namespace: String,
}

/// The learner's kubeconfig: contexts and which one is current.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Kubeconfig {
    pub current_context: String,
    pub contexts: BTreeMap<String, Context>,
}

/// The name of the single context of the workshop cluster.
pub const DEFAULT_CONTEXT: &str = "kubeplay";

impl Default for Kubeconfig {
    fn default() -> Self {
        let mut contexts = BTreeMap::new();
        contexts.insert(
            DEFAULT_CONTEXT.to_string(),
            Context { cluster: DEFAULT_CONTEXT.into(), user: "learner".into(), namespace: String::new() },
        );
        Kubeconfig { current_context: DEFAULT_CONTEXT.into(), contexts }
    }
}

impl Kubeconfig {
    /// The namespace commands use when `-n` is not given.
    pub fn namespace(&self) -> String {
        self.contexts
            .get(&self.current_context)
            .map(|c| c.namespace.clone())
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "default".into())
    }
}

/// What an editor session gave back.
pub enum EditOutcome {
    /// The text as saved.
    Saved(String),
    /// The editor could not run; the message says why.
    Failed(String),
}

/// Opens text in an editor and waits for it to be saved: `$EDITOR` in a terminal, the editor
/// panel in the browser.
pub trait Editor {
    /// Edits `text` (a file named `file_name`); `env` holds the shell's exported variables.
    fn edit(&mut self, file_name: &str, text: &str, env: &BTreeMap<String, String>) -> EditOutcome;

    /// Whether this editor answers later rather than inside `edit` (the browser page cannot block
    /// on the learner): `kubectl edit` then posts a [`PendingEdit`] in the world and waits as a job.
    fn answers_later(&self) -> bool {
        false
    }
}

/// An edit waiting for an editor that answers later: the page shows `text`, and fills `result`
/// on Save (the edited text) or Cancel (the text unchanged).
pub struct PendingEdit {
    pub file_name: String,
    pub text: String,
    pub result: Option<EditOutcome>,
}

/// An editor that is not there: `kubectl edit` reports it cannot run one.
pub struct NoEditor;

impl Editor for NoEditor {
    fn edit(&mut self, _file_name: &str, _text: &str, _env: &BTreeMap<String, String>) -> EditOutcome {
        EditOutcome::Failed("no editor is available here".into())
    }
}

/// The world of one console session.
pub struct World {
    pub cluster: Cluster,
    pub kubeconfig: Kubeconfig,
    pub fs: Vfs,
    pub editor: Box<dyn Editor>,
    /// The `kubectl edit` waiting for an editor that answers later, if any.
    pub pending_edit: Option<PendingEdit>,
    /// Whether the console's stdin is a terminal: true at the prompt, false while a script runs
    /// (`kubectl exec -it` then warns that it cannot use a TTY).
    pub stdin_is_terminal: bool,
}

impl World {
    /// A fresh cluster with the tutorial's files in place.
    pub fn new(seed: u64) -> Self {
        World {
            cluster: Cluster::new(seed),
            kubeconfig: Kubeconfig::default(),
            fs: Vfs::with_tutorial_files(),
            editor: Box::new(NoEditor),
            pending_edit: None,
            stdin_is_terminal: true,
        }
    }
}
