//! The `kubectl` console: one file per verb, printers apart from verbs. kubectl talks to the
//! simulated API server (`crate::cluster`) the way the real client talks to a real one.

pub mod args;
pub mod error;
pub mod printers;
pub mod targets;

pub mod annotate;
pub mod attach;
pub mod api_resources;
pub mod apply;
pub mod cluster_info;
pub mod config;
pub mod create;
pub mod create_batch;
pub mod create_configmap;
pub mod create_generators;
pub mod create_ingress;
pub mod create_secret;
pub mod create_service;
pub mod delete;
pub mod describe;
pub mod edit;
pub mod exec;
pub mod expose;
pub mod explain;
pub mod field_selector;
pub mod get;
pub mod help;
pub mod kubens;
pub mod label;
pub mod manifest;
pub mod merge;
pub mod mutation;
pub mod logs;
pub mod patch;
pub mod port_forward;
pub mod rollout;
pub mod run;
pub mod scale;
pub mod set;
pub mod top;
pub mod version;
pub mod wait;

pub use error::KubectlError;
pub use help::{top_level_help, verb_help};

use crate::job::Exec;
use crate::output::Output;
use crate::world::World;
use args::{Flag, Parsed, GLOBAL_FLAGS};
use std::collections::BTreeMap;

/// What a verb gets to work with.
pub struct Ctx<'a> {
    pub world: &'a mut World,
    pub out: &'a mut Output,
    /// Standard input (a here-doc or a pipe), for `apply -f -`.
    pub stdin: &'a str,
    /// The shell's exported variables (`EDITOR`, `KUBE_EDITOR`).
    pub env: &'a BTreeMap<String, String>,
    /// The namespace of this request: `-n`, else the context's, else `default`.
    pub namespace: String,
    /// Whether `-n/--namespace` was given (some outputs only show the namespace then).
    pub namespace_given: bool,
}

/// One kubectl verb: its name, flags, help and entry point.
pub struct Verb {
    pub name: &'static str,
    /// One line for `kubectl --help`.
    pub summary: &'static str,
    pub help: &'static str,
    pub flags: &'static [Flag],
    pub run: fn(&mut Ctx, &Parsed) -> Result<Exec, KubectlError>,
}

/// Every verb, in the order `kubectl --help` groups them.
pub const VERBS: &[Verb] = &[
    Verb { name: "create", summary: "Create a resource from a file or from stdin", help: create::HELP, flags: create::FLAGS, run: create::run },
    Verb { name: "expose", summary: "Take a replication controller, service, deployment or pod and expose it as a new Kubernetes service", help: expose::HELP, flags: expose::FLAGS, run: expose::run },
    Verb { name: "run", summary: "Run a particular image on the cluster", help: run::HELP, flags: run::FLAGS, run: run::run },
    Verb { name: "set", summary: "Set specific features on objects", help: set::HELP, flags: set::FLAGS, run: set::run },
    Verb { name: "explain", summary: "Get documentation for a resource", help: explain::HELP, flags: explain::FLAGS, run: explain::run },
    Verb { name: "get", summary: "Display one or many resources", help: get::HELP, flags: get::FLAGS, run: get::run },
    Verb { name: "edit", summary: "Edit a resource on the server", help: edit::HELP, flags: edit::FLAGS, run: edit::run },
    Verb { name: "delete", summary: "Delete resources by file names, stdin, resources and names, or by resources and label selector", help: delete::HELP, flags: delete::FLAGS, run: delete::run },
    Verb { name: "rollout", summary: "Manage the rollout of a resource", help: rollout::HELP, flags: rollout::FLAGS, run: rollout::run },
    Verb { name: "scale", summary: "Set a new size for a deployment, replica set, or replication controller", help: scale::HELP, flags: scale::FLAGS, run: scale::run },
    Verb { name: "cluster-info", summary: "Display cluster information", help: cluster_info::HELP, flags: cluster_info::FLAGS, run: cluster_info::run },
    Verb { name: "top", summary: "Display resource (CPU/memory) usage", help: top::HELP, flags: top::FLAGS, run: top::run },
    Verb { name: "describe", summary: "Show details of a specific resource or group of resources", help: describe::HELP, flags: describe::FLAGS, run: describe::run },
    Verb { name: "logs", summary: "Print the logs for a container in a pod", help: logs::HELP, flags: logs::FLAGS, run: logs::run },
    Verb { name: "attach", summary: "Attach to a running container", help: attach::HELP, flags: attach::FLAGS, run: attach::run },
    Verb { name: "exec", summary: "Execute a command in a container", help: exec::HELP, flags: exec::FLAGS, run: exec::run },
    Verb { name: "port-forward", summary: "Forward one or more local ports to a pod", help: port_forward::HELP, flags: port_forward::FLAGS, run: port_forward::run },
    Verb { name: "apply", summary: "Apply a configuration to a resource by file name or stdin", help: apply::HELP, flags: apply::FLAGS, run: apply::run },
    Verb { name: "patch", summary: "Update fields of a resource", help: patch::HELP, flags: patch::FLAGS, run: patch::run },
    Verb { name: "wait", summary: "Experimental: Wait for a specific condition on one or many resources", help: wait::HELP, flags: wait::FLAGS, run: wait::run },
    Verb { name: "label", summary: "Update the labels on a resource", help: label::HELP, flags: label::FLAGS, run: label::run },
    Verb { name: "annotate", summary: "Update the annotations on a resource", help: annotate::HELP, flags: annotate::FLAGS, run: annotate::run },
    Verb { name: "api-resources", summary: "Print the supported API resources on the server", help: api_resources::HELP, flags: api_resources::FLAGS, run: api_resources::run },
    Verb { name: "config", summary: "Modify kubeconfig files", help: config::HELP, flags: config::FLAGS, run: config::run },
    Verb { name: "version", summary: "Print the client and server version information", help: version::HELP, flags: version::FLAGS, run: version::run },
];

/// Runs `kubectl <args>`: finds the verb (global flags may come first), parses its flags, runs it,
/// and prints any error to stderr with exit status 1.
pub fn kubectl(
    world: &mut World,
    args: &[String],
    stdin: &str,
    env: &BTreeMap<String, String>,
    out: &mut Output,
) -> Exec {
    match dispatch(world, args, stdin, env, out) {
        Ok(exec) => exec,
        Err(e) => {
            out.errln(e.render());
            Exec::Done(1)
        }
    }
}

fn dispatch(
    world: &mut World,
    args: &[String],
    stdin: &str,
    env: &BTreeMap<String, String>,
    out: &mut Output,
) -> Result<Exec, KubectlError> {
    let Some(verb_index) = find_verb_index(args) else {
        out.out(top_level_help());
        return Ok(Exec::Done(0));
    };
    let verb_name = args[verb_index].as_str();
    if verb_name == "options" {
        out.out(help::OPTIONS);
        return Ok(Exec::Done(0));
    }
    if verb_name == "help" {
        return help_command(world, &args[verb_index + 1..], stdin, env, out);
    }
    let Some(verb) = VERBS.iter().find(|v| v.name == verb_name) else {
        return Err(unknown_command(verb_name));
    };
    let mut rest: Vec<String> = args[..verb_index].to_vec();
    rest.extend_from_slice(&args[verb_index + 1..]);
    let parsed = args::parse(&rest, verb.flags, verb.name)?;
    if parsed.bool("help") && !is_subcommand_verb(verb.name) {
        out.out(verb_help(verb));
        return Ok(Exec::Done(0));
    }
    let namespace_given = parsed.get("namespace").is_some();
    let namespace = parsed.get("namespace").map(str::to_string).unwrap_or_else(|| world.kubeconfig.namespace());
    let mut ctx = Ctx { world, out, stdin, env, namespace, namespace_given };
    (verb.run)(&mut ctx, &parsed)
}

/// `kubectl help [COMMAND [SUBCOMMAND]]`: the same text as `kubectl COMMAND --help`.
fn help_command(
    world: &mut World,
    topic: &[String],
    stdin: &str,
    env: &BTreeMap<String, String>,
    out: &mut Output,
) -> Result<Exec, KubectlError> {
    let words: Vec<&String> = topic.iter().filter(|a| !a.starts_with('-')).collect();
    let Some(first) = words.first() else {
        out.out(top_level_help());
        return Ok(Exec::Done(0));
    };
    if !VERBS.iter().any(|v| v.name == first.as_str()) {
        let quoted: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
        // cobra prints the topic and the root command's usage (the help without its intro) to stderr.
        let full = top_level_help();
        let usage = full.split_once("\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n").map_or(full.as_str(), |(_, rest)| rest);
        let text = format!("Unknown help topic [{}]\n\n\n{usage}", quoted.join(" "));
        out.push(crate::output::Stream::Stderr, &text);
        return Ok(Exec::Done(0));
    }
    let mut with_help: Vec<String> = words.into_iter().cloned().collect();
    with_help.push("--help".into());
    dispatch(world, &with_help, stdin, env, out)
}

/// Verbs that read `--help` themselves to show a subcommand's help.
fn is_subcommand_verb(name: &str) -> bool {
    matches!(name, "create" | "rollout" | "set" | "config" | "top")
}

/// The index of the verb: the first argument that is neither a flag nor a global flag's value.
fn find_verb_index(args: &[String]) -> Option<usize> {
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        if let Some(body) = a.strip_prefix("--") {
            let takes_value = GLOBAL_FLAGS.iter().any(|f| f.takes_value && f.long == body);
            i += if takes_value { 2 } else { 1 };
        } else if a.len() == 2 && a.starts_with('-') {
            let c = a.chars().nth(1);
            let takes_value = GLOBAL_FLAGS.iter().any(|f| f.takes_value && f.short == c);
            i += if takes_value { 2 } else { 1 };
        } else if a.starts_with('-') && a.len() > 1 {
            i += 1;
        } else {
            return Some(i);
        }
    }
    None
}

/// Every command of the real kubectl, in the order it registers them (the order cobra lists its
/// suggestions in), including the ones kubeplay does not implement. `help` and the empty `alpha`
/// group are hidden from suggestions, as in kubectl.
const KUBECTL_COMMANDS: &[&str] = &[
    "create", "expose", "run", "set", "explain", "get", "edit", "delete", "rollout", "scale", "autoscale",
    "certificate", "cluster-info", "top", "cordon", "uncordon", "drain", "taint", "describe", "logs", "attach",
    "exec", "port-forward", "proxy", "cp", "auth", "debug", "events", "diff", "apply", "patch", "replace", "wait",
    "kustomize", "label", "annotate", "completion", "config", "plugin", "version", "api-versions", "api-resources",
    "options",
];

/// `error: unknown command "x" for "kubectl"`, with cobra's suggestions: every command within a
/// case-insensitive edit distance of 2 of the typed word or starting with it (never the word itself).
pub fn unknown_command(name: &str) -> KubectlError {
    let mut text = format!("error: unknown command \"{name}\" for \"kubectl\"");
    let typed = name.to_ascii_lowercase();
    let suggestions: Vec<&str> = KUBECTL_COMMANDS
        .iter()
        .copied()
        .filter(|v| *v != name)
        .filter(|v| levenshtein(v, &typed) <= 2 || v.starts_with(&typed))
        .collect();
    if !suggestions.is_empty() {
        text.push_str("\n\nDid you mean this?");
        for s in suggestions {
            text.push_str(&format!("\n\t{s}"));
        }
    }
    KubectlError::Raw(text)
}

/// Edit distance, as cobra uses for "Did you mean this?".
pub fn levenshtein(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_commands_suggest_close_verbs() {
        let text = unknown_command("gett").render();
        assert_eq!(text, "error: unknown command \"gett\" for \"kubectl\"\n\nDid you mean this?\n\tset\n\tget");
        let text = unknown_command("Get").render();
        assert_eq!(text, "error: unknown command \"Get\" for \"kubectl\"\n\nDid you mean this?\n\tset\n\tget", "case is ignored");
        let text = unknown_command("ro").render();
        assert_eq!(text, "error: unknown command \"ro\" for \"kubectl\"\n\nDid you mean this?\n\trun\n\trollout\n\ttop\n\tcp", "prefix or distance 2, in kubectl's order");
        let text = unknown_command("co").render();
        assert!(text.ends_with("?\n\ttop\n\tcordon\n\tcp\n\tcompletion\n\tconfig"), "{text}");
    }

    #[test]
    fn no_command_is_ever_suggested_for_itself() {
        for name in VERBS.iter().map(|v| v.name).chain(KUBECTL_COMMANDS.iter().copied()) {
            let text = unknown_command(name).render();
            assert!(!text.contains(&format!("\t{name}\n")) && !text.ends_with(&format!("\t{name}")), "{text}");
        }
    }

    #[test]
    fn help_command_shows_the_same_text_as_help_flags() {
        let run = |line: &str| {
            let mut world = World::new(1);
            let args: Vec<String> = line.split_whitespace().map(String::from).collect();
            let mut out = Output::default();
            kubectl(&mut world, &args, "", &BTreeMap::new(), &mut out);
            out.stdout()
        };
        assert_eq!(run("help"), top_level_help());
        assert_eq!(run("help get"), run("get --help"));
        assert_eq!(run("help top pod"), run("top pod --help"));
        assert!(run("help get").starts_with("Display one or many resources."));
        let mut world = World::new(1);
        let mut out = Output::default();
        kubectl(&mut world, &["help".to_string(), "nope".to_string()], "", &BTreeMap::new(), &mut out);
        assert!(out.stderr().starts_with("Unknown help topic [`nope`]\n\n\nBasic Commands (Beginner):\n  create "), "{}", out.stderr());
        assert!(out.stderr().ends_with("Use \"kubectl options\" for a list of global command-line options (applies to all commands).\n"));
    }

    #[test]
    fn verb_is_found_after_global_flags() {
        let args: Vec<String> = ["-n", "test", "get", "pods"].iter().map(|s| s.to_string()).collect();
        assert_eq!(find_verb_index(&args), Some(2));
    }
}
