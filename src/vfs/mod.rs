//! The virtual filesystem the console sees: the tutorial's `kube/*.yaml` files and whatever the
//! learner writes with `>`, `>>` or `cat <<EOF > file`. Paths are absolute inside; relative paths
//! resolve against the working directory.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The learner's home directory and the console's starting directory.
pub const HOME: &str = "/home/learner";

/// The tutorial's manifests, shipped in the repository's `kube/` folder and compiled in.
const TUTORIAL_FILES: &[(&str, &str)] = &[
    ("kube/pod.yaml", include_str!("../../kube/pod.yaml")),
    ("kube/depl.yaml", include_str!("../../kube/depl.yaml")),
    ("kube/env-depl.yaml", include_str!("../../kube/env-depl.yaml")),
    ("kube/lb-svc.yaml", include_str!("../../kube/lb-svc.yaml")),
    ("kube/svc.yaml", include_str!("../../kube/svc.yaml")),
    ("kube/ingress.yaml", include_str!("../../kube/ingress.yaml")),
];

/// Files by absolute path; directories exist implicitly where files are (plus empty ones made by
/// `mkdir`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Vfs {
    files: BTreeMap<String, String>,
    dirs: std::collections::BTreeSet<String>,
    cwd: String,
}

impl Vfs {
    /// A filesystem holding the tutorial files under the home directory.
    pub fn with_tutorial_files() -> Self {
        let mut fs = Vfs { cwd: HOME.into(), ..Default::default() };
        fs.dirs.insert(HOME.into());
        for (path, text) in TUTORIAL_FILES {
            fs.write(path, text);
        }
        fs
    }

    /// The working directory.
    pub fn cwd(&self) -> &str {
        &self.cwd
    }

    /// Changes the working directory; false when it does not exist.
    pub fn set_cwd(&mut self, path: &str) -> bool {
        let abs = self.resolve(path);
        if self.is_dir(&abs) {
            self.cwd = abs;
            true
        } else {
            false
        }
    }

    /// An absolute, normalised path (`~`, `.`, `..` handled).
    pub fn resolve(&self, path: &str) -> String {
        let joined = if let Some(rest) = path.strip_prefix('~') {
            format!("{HOME}{rest}")
        } else if path.starts_with('/') {
            path.to_string()
        } else {
            format!("{}/{}", self.cwd, path)
        };
        let mut parts: Vec<&str> = Vec::new();
        for part in joined.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                p => parts.push(p),
            }
        }
        format!("/{}", parts.join("/"))
    }

    /// The text of a file.
    pub fn read(&self, path: &str) -> Option<&str> {
        self.files.get(&self.resolve(path)).map(String::as_str)
    }

    /// Whether a directory exists at `path`.
    pub fn is_dir(&self, path: &str) -> bool {
        let abs = self.resolve(path);
        if abs == "/" || self.dirs.contains(&abs) {
            return true;
        }
        let prefix = format!("{abs}/");
        self.files.keys().any(|k| k.starts_with(&prefix)) || self.dirs.iter().any(|d| d.starts_with(&prefix))
    }

    /// Writes (replaces) a file.
    pub fn write(&mut self, path: &str, text: &str) {
        let abs = self.resolve(path);
        self.files.insert(abs, text.to_string());
    }

    /// Appends to a file, creating it if needed.
    pub fn append(&mut self, path: &str, text: &str) {
        let abs = self.resolve(path);
        self.files.entry(abs).or_default().push_str(text);
    }

    /// Removes a file; false when there was none.
    pub fn remove(&mut self, path: &str) -> bool {
        self.files.remove(&self.resolve(path)).is_some()
    }

    /// Makes an empty directory.
    pub fn mkdir(&mut self, path: &str) {
        let abs = self.resolve(path);
        self.dirs.insert(abs);
    }

    /// Names directly inside a directory, sorted; directories end with `/`.
    pub fn list(&self, path: &str) -> Vec<String> {
        let abs = self.resolve(path);
        let prefix = if abs == "/" { "/".to_string() } else { format!("{abs}/") };
        let mut names = std::collections::BTreeSet::new();
        let paths = self.files.keys().chain(self.dirs.iter());
        for p in paths {
            if let Some(rest) = p.strip_prefix(&prefix) {
                match rest.split_once('/') {
                    Some((dir, _)) => names.insert(format!("{dir}/")),
                    None if !rest.is_empty() => {
                        let is_dir = self.dirs.contains(p);
                        names.insert(if is_dir { format!("{rest}/") } else { rest.to_string() })
                    }
                    None => false,
                };
            }
        }
        names.into_iter().collect()
    }

    /// Files directly inside a directory whose names end in one of `extensions`, sorted (what
    /// `kubectl apply -f dir/` reads).
    pub fn files_in(&self, path: &str, extensions: &[&str]) -> Vec<String> {
        let abs = self.resolve(path);
        self.list(&abs)
            .into_iter()
            .filter(|n| !n.ends_with('/') && extensions.iter().any(|e| n.ends_with(e)))
            .map(|n| format!("{}/{n}", abs.trim_end_matches('/')))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tutorial_files_are_there_relative_to_home() {
        let fs = Vfs::with_tutorial_files();
        assert!(fs.read("kube/depl.yaml").unwrap().contains("kind: Deployment"));
        assert!(fs.is_dir("kube"));
        assert_eq!(fs.files_in("kube", &[".yaml"]).len(), 6);
        assert_eq!(fs.list("~"), vec!["kube/"]);
    }

    #[test]
    fn paths_normalise() {
        let fs = Vfs::with_tutorial_files();
        assert_eq!(fs.resolve("./kube/../kube/pod.yaml"), "/home/learner/kube/pod.yaml");
        assert_eq!(fs.resolve("/tmp/x"), "/tmp/x");
    }
}
