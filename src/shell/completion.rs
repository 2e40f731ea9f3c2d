//! Tab completion for the console: kubectl verbs, resource types, object names (in the current
//! namespace, or the one `-n` names) and flags. Pure: it reads the world and returns candidates.

use crate::cluster::objects::{Kind, KINDS};
use crate::kubectl::args::GLOBAL_FLAGS;
use crate::kubectl::VERBS;
use crate::world::World;

/// What Tab can do at the end of a command line.
#[derive(Debug, PartialEq, Eq)]
pub struct Completion {
    /// The byte offset where the word being completed starts.
    pub start: usize,
    /// Every word that fits, sorted, without repeats.
    pub candidates: Vec<String>,
}

impl Completion {
    /// The line with the word replaced by the candidates' longest common prefix (and a space
    /// after a single candidate), or `None` when Tab would change nothing.
    pub fn apply(&self, line: &str) -> Option<String> {
        let first = self.candidates.first()?;
        let common = self.candidates.iter().fold(first.as_str(), |acc, c| &acc[..common_len(acc, c)]);
        let mut done = format!("{}{}", &line[..self.start], common);
        if self.candidates.len() == 1 && !common.ends_with('/') {
            done.push(' ');
        }
        (done != line).then_some(done)
    }
}

fn common_len(a: &str, b: &str) -> usize {
    a.char_indices().zip(b.chars()).find(|((_, x), y)| x != y).map_or(a.len().min(b.len()), |((i, _), _)| i)
}

/// Verbs whose first argument is a resource type.
const TYPED_VERBS: &[&str] = &["get", "describe", "delete", "edit", "label", "annotate", "scale", "patch", "explain", "expose", "wait", "set", "autoscale"];
/// Verbs whose first argument is a pod (or TYPE/NAME).
const POD_VERBS: &[&str] = &["logs", "exec", "port-forward", "attach", "cp"];

/// Completions for the last word of `line`.
pub fn complete(line: &str, world: &World) -> Completion {
    let command_start = line.rfind(['|', ';', '&', '(']).map_or(0, |i| i + 1);
    let start = line.rfind(char::is_whitespace).map_or(0, |i| i + 1).max(command_start);
    let word = &line[start..];
    let before: Vec<&str> = line[command_start..start].split_whitespace().collect();
    let mut candidates: Vec<String> = match before.split_first() {
        None => ["kubectl", "kubens", "kubectx"].iter().map(|s| s.to_string()).collect(),
        Some((&"kubectl" | &"k", args)) => kubectl_words(args, word, world),
        Some(_) => Vec::new(),
    };
    candidates.retain(|c| c.starts_with(word));
    candidates.sort();
    candidates.dedup();
    Completion { start, candidates }
}

/// Candidates after `kubectl ARGS...`.
fn kubectl_words(args: &[&str], word: &str, world: &World) -> Vec<String> {
    let positionals: Vec<&str> = positionals(args);
    let Some((verb, rest)) = positionals.split_first() else {
        return if word.starts_with('-') { flag_words(&[]) } else { VERBS.iter().map(|v| v.name.to_string()).collect() };
    };
    let verb_flags = VERBS.iter().find(|v| v.name == *verb).map(|v| v.flags).unwrap_or(&[]);
    if word.starts_with('-') {
        return flag_words(verb_flags);
    }
    let namespace = namespace_of(args).unwrap_or_else(|| world.kubeconfig.namespace());
    if let Some((kind, _)) = word.split_once('/') {
        return Kind::from_resource_name(kind)
            .map(|k| names(world, k, &namespace).into_iter().map(|n| format!("{kind}/{n}")).collect())
            .unwrap_or_default();
    }
    if POD_VERBS.contains(verb) && rest.is_empty() {
        return names(world, Kind::Pod, &namespace);
    }
    if TYPED_VERBS.contains(verb) || *verb == "rollout" && !rest.is_empty() {
        let typed = if *verb == "rollout" { &rest[1..] } else { rest };
        return match typed.first() {
            None => KINDS.iter().flat_map(|k| [k.plural.to_string(), k.singular.to_string()].into_iter().chain(k.short_names.iter().map(|s| s.to_string()))).collect(),
            Some(kind) if !kind.contains('/') => Kind::from_resource_name(kind).map(|k| names(world, k, &namespace)).unwrap_or_default(),
            Some(_) => Vec::new(),
        };
    }
    if *verb == "rollout" {
        return ["status", "history", "undo", "restart", "pause", "resume"].iter().map(|s| s.to_string()).collect();
    }
    Vec::new()
}

/// The arguments that are not flags or flag values.
fn positionals<'a>(args: &[&'a str]) -> Vec<&'a str> {
    let mut found = Vec::new();
    let mut skip = false;
    for arg in args {
        if std::mem::take(&mut skip) {
            continue;
        }
        if arg.starts_with('-') {
            skip = !arg.contains('=') && matches!(*arg, "-n" | "--namespace" | "-o" | "--output" | "-f" | "--filename" | "-l" | "--selector" | "-c" | "--container" | "--context" | "--image");
        } else {
            found.push(*arg);
        }
    }
    found
}

fn namespace_of(args: &[&str]) -> Option<String> {
    args.iter().enumerate().find_map(|(i, a)| match *a {
        "-n" | "--namespace" => args.get(i + 1).map(|s| s.to_string()),
        _ => a.strip_prefix("--namespace=").or_else(|| a.strip_prefix("-n=")).map(str::to_string),
    })
}

fn flag_words(flags: &[crate::kubectl::args::Flag]) -> Vec<String> {
    flags.iter().chain(GLOBAL_FLAGS).map(|f| format!("--{}", f.long)).collect()
}

fn names(world: &World, kind: Kind, namespace: &str) -> Vec<String> {
    world.cluster.list(kind, Some(namespace)).iter().map(|o| o.meta().name.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn world() -> World {
        let mut world = World::new(1);
        let mut out = crate::output::Output::default();
        let args: Vec<String> = "create deployment web --image=nginx".split(' ').map(String::from).collect();
        let _ = crate::kubectl::kubectl(&mut world, &args, "", &Default::default(), &mut out);
        world
    }

    fn tab(line: &str) -> Option<String> {
        complete(line, &world()).apply(line)
    }

    #[test]
    fn verbs_types_names_and_flags() {
        assert_eq!(tab("kub").as_deref(), Some("kube"), "kubectl, kubens and kubectx");
        assert_eq!(tab("kubectl").as_deref(), Some("kubectl "));
        assert_eq!(tab("kubectl appl").as_deref(), Some("kubectl apply "));
        assert_eq!(tab("kubectl get deploy"), None, "deploy and deployment(s) share a prefix");
        assert_eq!(complete("kubectl get deploy", &world()).candidates, vec!["deploy", "deployment", "deployments"]);
        assert_eq!(tab("kubectl get deployments w").as_deref(), Some("kubectl get deployments web "));
        assert_eq!(tab("kubectl describe deploy/").as_deref(), Some("kubectl describe deploy/web "));
        assert_eq!(tab("kubectl get pods --all-nam").as_deref(), Some("kubectl get pods --all-namespaces "));
        assert_eq!(tab("kubectl rollout sta").as_deref(), Some("kubectl rollout status "));
        assert_eq!(tab("kubectl get deploy web -n kube-system x"), None);
        assert_eq!(tab("echo x | kubectl get svc kub").as_deref(), Some("echo x | kubectl get svc kubernetes "));
    }

    #[test]
    fn pods_for_logs_in_the_namespace_given() {
        let candidates = complete("kubectl logs -n kube-system kube-a", &world()).candidates;
        assert!(candidates.iter().all(|c| c.starts_with("kube-a")), "{candidates:?}");
        assert_eq!(tab("cat nothing"), None);
    }
}
