//! Help output: `kubectl --help` (the command groups), `kubectl <verb> --help` (each verb keeps
//! its text next to its code, as kubectl prints it) and `kubectl options` (the global flags).

use super::{Verb, VERBS};

/// `kubectl options`: the global flags kubeplay understands, in kubectl's wording.
pub const OPTIONS: &str = "The following options can be passed to any command:

    --context='':
\tThe name of the kubeconfig context to use

    --kubeconfig='':
\tPath to the kubeconfig file to use for CLI requests.

    -n, --namespace='':
\tIf present, the namespace scope for this CLI request

    --request-timeout='0':
\tThe length of time to wait before giving up on a single server request. Non-zero values should contain a corresponding time unit (e.g. 1s, 2m, 3h). A value of zero means don't timeout requests.

    -v, --v=0:
\tnumber for the log level verbosity

";

/// The groups of `kubectl --help`, in kubectl's order. Verbs kubeplay lacks are left out.
const GROUPS: &[(&str, &[&str])] = &[
    ("Basic Commands (Beginner)", &["create", "expose", "run", "set"]),
    ("Basic Commands (Intermediate)", &["explain", "get", "edit", "delete"]),
    ("Deploy Commands", &["rollout", "scale", "autoscale"]),
    ("Cluster Management Commands", &["certificate", "cluster-info", "top", "cordon", "uncordon", "drain", "taint"]),
    (
        "Troubleshooting and Debugging Commands",
        &["describe", "logs", "attach", "exec", "port-forward", "proxy", "cp", "auth", "debug", "events"],
    ),
    ("Advanced Commands", &["diff", "apply", "patch", "replace", "wait", "kustomize"]),
    ("Settings Commands", &["label", "annotate", "completion"]),
    ("Other Commands", &["api-resources", "api-versions", "config", "plugin", "version"]),
];

/// `kubectl --help`: the verbs kubeplay has, grouped and padded like cobra does.
pub fn top_level_help() -> String {
    let mut text = String::from(
        "kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n",
    );
    let grouped = |name: &str| GROUPS.iter().any(|(_, names)| names.contains(&name));
    for (title, names) in GROUPS {
        let mut lines: Vec<&Verb> = names.iter().filter_map(|n| VERBS.iter().find(|v| v.name == *n)).collect();
        if *title == "Other Commands" {
            lines.extend(VERBS.iter().filter(|v| !grouped(v.name)));
        }
        if lines.is_empty() {
            continue;
        }
        text.push_str(&format!("{title}:\n"));
        for verb in lines {
            text.push_str(&format!("  {:<16}{}\n", verb.name, verb.summary));
        }
        text.push('\n');
    }
    text.push_str("Usage:\n  kubectl [flags] [options]\n\n");
    text.push_str("Use \"kubectl <command> --help\" for more information about a given command.\n");
    text.push_str(OPTIONS_HINT);
    text
}

/// The last line of every help text.
const OPTIONS_HINT: &str = "Use \"kubectl options\" for a list of global command-line options (applies to all commands).\n";

/// `kubectl <verb> --help`: the verb's own text (which already ends like kubectl's), or for a verb
/// without one, its summary and usage line.
pub fn verb_help(verb: &Verb) -> String {
    if verb.help.contains("\nUsage:\n") {
        return verb.help.to_string();
    }
    let mut text = if verb.help.is_empty() { format!("{}.\n", verb.summary) } else { verb.help.to_string() };
    text.push_str(&format!("\nUsage:\n  kubectl {} [options]\n\n", verb.name));
    text.push_str(OPTIONS_HINT);
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kubectl::args::{Flag, GLOBAL_FLAGS};
    use crate::kubectl::{config, create, create_generators, rollout, set};

    /// Every help text with the flags that parse it, verbs and subcommands alike.
    fn all_helps() -> Vec<(String, &'static str, &'static [Flag])> {
        let mut helps: Vec<(String, &'static str, &'static [Flag])> =
            VERBS.iter().filter(|v| !v.help.is_empty()).map(|v| (v.name.to_string(), v.help, v.flags)).collect();
        helps.push(("create deployment".into(), create_generators::DEPLOYMENT_HELP, create::FLAGS));
        helps.push(("create namespace".into(), create_generators::NAMESPACE_HELP, create::FLAGS));
        helps.push(("set image".into(), set::IMAGE_HELP, set::FLAGS));
        helps.push(("set env".into(), set::ENV_HELP, set::FLAGS));
        for sub in ["status", "history", "undo", "restart", "pause", "resume"] {
            helps.push((format!("rollout {sub}"), rollout::help::for_subcommand(sub).unwrap_or(""), rollout::FLAGS));
        }
        for help in [config::CURRENT_CONTEXT_HELP, config::GET_CONTEXTS_HELP, config::USE_CONTEXT_HELP, config::SET_CONTEXT_HELP, config::VIEW_HELP] {
            helps.push(("config subcommand".into(), help, config::FLAGS));
        }
        helps
    }

    #[test]
    fn every_help_ends_like_kubectl_and_has_a_usage_line() {
        for (name, help, _) in all_helps() {
            assert!(help.ends_with(OPTIONS_HINT), "{name}");
            assert!(help.contains("\n\nUse \"kubectl "), "{name}");
            assert!(help.contains("\nUsage:\n  kubectl "), "{name}");
        }
    }

    #[test]
    fn help_only_lists_flags_the_verb_accepts() {
        for (name, help, flags) in all_helps() {
            let listed = help.lines().filter_map(|l| l.strip_prefix("    ")).filter_map(|l| {
                let l = l.split_once(", ").map_or(l, |(_, long)| long);
                l.strip_prefix("--").and_then(|l| l.split_once('=')).map(|(long, _)| long)
            });
            for long in listed {
                assert!(flags.iter().chain(GLOBAL_FLAGS).any(|f| f.long == long), "{name} lists --{long}");
            }
        }
    }

    #[test]
    fn help_lists_flags_with_defaults_like_kubectl() {
        let help = crate::kubectl::scale::HELP;
        assert!(help.contains("\nOptions:\n    --current-replicas=-1:\n\tPrecondition for current size."), "{help}");
        assert!(help.contains("\n    -f, --filename=[]:\n\tFilename, directory, or URL to files identifying the resource to set a new size\n\n"), "{help}");
    }

    #[test]
    fn top_level_help_groups_the_verbs() {
        let help = top_level_help();
        assert!(help.starts_with("kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\nBasic Commands (Beginner):\n  create          Create a resource from a file or from stdin\n"), "{help}");
        assert!(help.contains("\nDeploy Commands:\n  rollout         Manage the rollout of a resource\n  scale           Set a new size for a deployment, replica set, or replication controller\n\n"), "{help}");
        assert!(help.ends_with("\nUsage:\n  kubectl [flags] [options]\n\nUse \"kubectl <command> --help\" for more information about a given command.\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n"), "{help}");
    }

    /// Errors kubectl prints before talking to a server, word for word (checked against a real client).
    #[test]
    fn client_side_errors_match_kubectl() {
        use crate::kubectl::mutation::testing::{kubectl, tutorial_world};
        let mut world = tutorial_world();
        let cases = [
            ("set imag", "error: unknown command \"imag\"\nSee 'kubectl set -h' for help and examples\n"),
            ("describe", "error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\n"),
            ("explain", "error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.\n"),
            ("exec", "error: pod, type/name or --filename must be specified\n"),
            ("label", "error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n"),
            ("annotate pods x", "error: at least one annotation update is required\n"),
            ("create deployment web --image=nginx -r x", "error: invalid argument \"x\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\nSee 'kubectl create deployment --help' for usage.\n"),
        ];
        for (line, expected) in cases {
            assert_eq!(kubectl(&mut world, line).stderr, expected, "kubectl {line}");
        }
    }

    #[test]
    fn options_lists_the_global_flags() {
        assert!(OPTIONS.starts_with("The following options can be passed to any command:\n\n    --context='':\n\tThe name of the kubeconfig context to use\n\n"));
        assert!(OPTIONS.contains("\n    -n, --namespace='':\n\tIf present, the namespace scope for this CLI request\n\n"));
    }
}
