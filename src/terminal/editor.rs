//! The editor `kubectl edit` opens in a terminal: a real temporary file and a real program,
//! `$KUBE_EDITOR` or `$EDITOR` from the session (then from the process), else `vi`.

use crate::world::{EditOutcome, Editor};
use std::collections::BTreeMap;
use std::process::Command;
use std::sync::atomic::{AtomicU64, Ordering};

/// Numbers temporary files across every editor of the process (tests run sessions in parallel).
static NEXT_FILE: AtomicU64 = AtomicU64::new(1);

/// Runs `sh -c "<editor> <file>"` on a temporary copy of the text and reads it back.
#[derive(Default)]
pub struct NativeEditor;

impl NativeEditor {
    /// The command line of the editor to run.
    fn editor_command(env: &BTreeMap<String, String>) -> String {
        ["KUBE_EDITOR", "EDITOR"]
            .iter()
            .find_map(|name| env.get(*name).filter(|v| !v.trim().is_empty()).cloned())
            .or_else(|| ["KUBE_EDITOR", "EDITOR"].iter().find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty())))
            .unwrap_or_else(|| "vi".to_string())
    }
}

impl Editor for NativeEditor {
    fn edit(&mut self, file_name: &str, text: &str, env: &BTreeMap<String, String>) -> EditOutcome {
        let safe_name: String =
            file_name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' || c == '-' { c } else { '-' }).collect();
        let serial = NEXT_FILE.fetch_add(1, Ordering::Relaxed);
        let path = std::env::temp_dir().join(format!("kubeplay-{}-{serial}-{safe_name}", std::process::id()));
        if let Err(e) = std::fs::write(&path, text) {
            return EditOutcome::Failed(format!("cannot write {}: {e}", path.display()));
        }
        let editor = Self::editor_command(env);
        let quoted_path = format!("'{}'", path.display().to_string().replace('\'', "'\\''"));
        let status = Command::new("sh").arg("-c").arg(format!("{editor} {quoted_path}")).status();
        let outcome = match status {
            Ok(s) if s.success() => match std::fs::read_to_string(&path) {
                Ok(edited) => EditOutcome::Saved(edited),
                Err(e) => EditOutcome::Failed(format!("cannot read {}: {e}", path.display())),
            },
            Ok(_) => EditOutcome::Failed(format!("there was a problem with the editor \"{editor}\"")),
            Err(e) => EditOutcome::Failed(format!("cannot run the editor \"{editor}\": {e}")),
        };
        let _ = std::fs::remove_file(&path);
        outcome
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_the_session_editor_on_a_temp_file() {
        let mut editor = NativeEditor;
        let mut env = BTreeMap::new();
        env.insert("KUBE_EDITOR".to_string(), "sed -i s/one/two/".to_string());
        match editor.edit("deploy.yaml", "replicas: one\n", &env) {
            EditOutcome::Saved(text) => assert_eq!(text, "replicas: two\n"),
            EditOutcome::Failed(m) => panic!("{m}"),
        }
        env.insert("KUBE_EDITOR".to_string(), "false".to_string());
        assert!(matches!(editor.edit("x.yaml", "", &env), EditOutcome::Failed(m) if m.contains("\"false\"")));
    }
}
