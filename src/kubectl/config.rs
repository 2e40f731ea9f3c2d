//! `kubectl config current-context|get-contexts|use-context|set-context|view` over the
//! session's kubeconfig (`world.kubeconfig`).

use super::args::{switch, value, Flag, Parsed};
use super::printers::describe::tabwriter;
use super::{Ctx, KubectlError};
use crate::job::Exec;
use crate::world::{Context, Kubeconfig};

/// Help text for `kubectl config --help`.
pub const HELP: &str = "Modify kubeconfig files using subcommands like \"kubectl config set current-context my-context\".

 The loading order follows these rules:

  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.
  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.
  3.  Otherwise, ${HOME}/.kube/config is used and no merging takes place.

Available Commands:
  current-context   Display the current-context
  delete-cluster    Delete the specified cluster from the kubeconfig
  delete-context    Delete the specified context from the kubeconfig
  delete-user       Delete the specified user from the kubeconfig
  get-clusters      Display clusters defined in the kubeconfig
  get-contexts      Describe one or many contexts
  get-users         Display users defined in the kubeconfig
  rename-context    Rename a context from the kubeconfig file
  set               Set an individual value in a kubeconfig file
  set-cluster       Set a cluster entry in kubeconfig
  set-context       Set a context entry in kubeconfig
  set-credentials   Set a user entry in kubeconfig
  unset             Unset an individual value in a kubeconfig file
  use-context       Set the current-context in a kubeconfig file
  view              Display merged kubeconfig settings or a specified kubeconfig file

Usage:
  kubectl config SUBCOMMAND [options]

Use \"kubectl config <command> --help\" for more information about a given command.
Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Flags of every `kubectl config` subcommand.
pub const FLAGS: &[Flag] = &[
    switch("current", None, "Modify the current context"),
    value("cluster", None, "cluster for the context entry in kubeconfig"),
    value("user", None, "user for the context entry in kubeconfig"),
    switch("minify", None, "Remove all information not used by current-context from the output"),
    switch("raw", None, "Display raw byte data and sensitive data"),
    value("output", Some('o'), "Output format."),
    switch("no-headers", None, "When using the default or custom-column output format, don't print headers."),
];

/// The API server address the kubeconfig points at.
pub const SERVER: &str = "https://127.0.0.1:6443";

/// Runs `kubectl config <subcommand>`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    let Some(sub) = args.positionals.first().map(String::as_str) else {
        ctx.out.push(crate::output::Stream::Stderr, HELP);
        return Ok(Exec::Done(1));
    };
    if args.bool("help") {
        ctx.out.out(subcommand_help(sub));
        return Ok(Exec::Done(0));
    }
    let rest = &args.positionals[1..];
    let kubeconfig = &mut ctx.world.kubeconfig;
    match sub {
        "current-context" => {
            if kubeconfig.current_context.is_empty() {
                return Err(KubectlError::msg("current-context is not set"));
            }
            ctx.out.outln(&kubeconfig.current_context);
        }
        "get-contexts" => {
            let text = contexts_table(kubeconfig, rest, args.bool("no-headers"), args.get("output"));
            ctx.out.out(text.0);
            if let Some(missing) = text.1 {
                return Err(KubectlError::msg(format!("context {missing} not found")));
            }
        }
        "use-context" => {
            let Some(name) = rest.first() else {
                return Err(KubectlError::msg("empty context names are not allowed"));
            };
            if !kubeconfig.contexts.contains_key(name) {
                return Err(KubectlError::msg(format!("no context exists with the name: \"{name}\"")));
            }
            kubeconfig.current_context = name.clone();
            ctx.out.outln(format!("Switched to context \"{name}\"."));
        }
        "set-context" => {
            let name = if args.bool("current") {
                if !rest.is_empty() {
                    return Err(KubectlError::msg("you cannot specify both a context name and --current"));
                }
                kubeconfig.current_context.clone()
            } else {
                match rest.first() {
                    Some(n) => n.clone(),
                    None => return Err(KubectlError::msg("you must specify a non-empty context name or --current")),
                }
            };
            let existed = kubeconfig.contexts.contains_key(&name);
            let entry = kubeconfig.contexts.entry(name.clone()).or_default();
            if let Some(ns) = ctx.namespace_given.then(|| ctx.namespace.clone()) {
                entry.namespace = ns;
            }
            if let Some(c) = args.get("cluster") {
                entry.cluster = c.into();
            }
            if let Some(u) = args.get("user") {
                entry.user = u.into();
            }
            ctx.out.outln(format!("Context \"{name}\" {}.", if existed { "modified" } else { "created" }));
        }
        "view" => ctx.out.out(view(kubeconfig, args.bool("minify"))),
        other => {
            return Err(KubectlError::usage(format!("unknown command \"{other}\""), "config"));
        }
    }
    Ok(Exec::Done(0))
}

/// `get-contexts`: the table, and the first requested context that does not exist.
fn contexts_table(kubeconfig: &Kubeconfig, names: &[String], no_headers: bool, output: Option<&str>) -> (String, Option<String>) {
    let missing = names.iter().find(|n| !kubeconfig.contexts.contains_key(*n)).cloned();
    let selected: Vec<(&String, &Context)> =
        kubeconfig.contexts.iter().filter(|(n, _)| names.is_empty() || names.contains(n)).collect();
    if output == Some("name") {
        let text: String = selected.iter().map(|(n, _)| format!("{n}\n")).collect();
        return (text, missing);
    }
    let mut table = String::new();
    if !no_headers {
        table.push_str("CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n");
    }
    for (name, c) in selected {
        let current = if *name == kubeconfig.current_context { "*" } else { "" };
        table.push_str(&format!("{current}\t{name}\t{}\t{}\t{}\n", c.cluster, c.user, c.namespace));
    }
    (tabwriter::align(&table, 6, 3), missing)
}

/// `config view`: the kubeconfig as YAML, credentials redacted as kubectl does.
fn view(kubeconfig: &Kubeconfig, minify: bool) -> String {
    let contexts: Vec<(&String, &Context)> = kubeconfig
        .contexts
        .iter()
        .filter(|(n, _)| !minify || **n == kubeconfig.current_context)
        .collect();
    let mut clusters: Vec<&str> = contexts.iter().map(|(_, c)| c.cluster.as_str()).filter(|c| !c.is_empty()).collect();
    clusters.sort_unstable();
    clusters.dedup();
    let mut users: Vec<&str> = contexts.iter().map(|(_, c)| c.user.as_str()).filter(|u| !u.is_empty()).collect();
    users.sort_unstable();
    users.dedup();
    let mut text = String::from("apiVersion: v1\nclusters:\n");
    for cluster in clusters {
        text.push_str(&format!("- cluster:\n    certificate-authority-data: DATA+OMITTED\n    server: {SERVER}\n  name: {cluster}\n"));
    }
    text.push_str("contexts:\n");
    for (name, c) in contexts {
        text.push_str(&format!("- context:\n    cluster: {}\n", c.cluster));
        if !c.namespace.is_empty() {
            text.push_str(&format!("    namespace: {}\n", c.namespace));
        }
        text.push_str(&format!("    user: {}\n  name: {name}\n", c.user));
    }
    text.push_str(&format!("current-context: {}\nkind: Config\npreferences: {{}}\nusers:\n", kubeconfig.current_context));
    for user in users {
        text.push_str(&format!("- name: {user}\n  user:\n    client-certificate-data: DATA+OMITTED\n    client-key-data: DATA+OMITTED\n"));
    }
    text
}

/// Help text for `kubectl config current-context --help`.
pub const CURRENT_CONTEXT_HELP: &str = "Display the current-context.

Examples:
  # Display the current-context
  kubectl config current-context

Usage:
  kubectl config current-context [flags] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Help text for `kubectl config get-contexts --help`.
pub const GET_CONTEXTS_HELP: &str = "Display one or many contexts from the kubeconfig file.

Examples:
  # List all the contexts in your kubeconfig file
  kubectl config get-contexts
  
  # Describe one context in your kubeconfig file
  kubectl config get-contexts my-context

Options:
    --no-headers=false:
\tWhen using the default or custom-column output format, don't print headers (default print headers).

    -o, --output='':
\tOutput format. One of: (name).

Usage:
  kubectl config get-contexts [(-o|--output=)name)] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Help text for `kubectl config use-context --help`.
pub const USE_CONTEXT_HELP: &str = "Set the current-context in a kubeconfig file.

Aliases:
use-context, use

Examples:
  # Use the context for the minikube cluster
  kubectl config use-context minikube

Usage:
  kubectl config use-context CONTEXT_NAME [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Help text for `kubectl config set-context --help`.
pub const SET_CONTEXT_HELP: &str = "Set a context entry in kubeconfig.

 Specifying a name that already exists will merge new fields on top of existing values for those fields.

Examples:
  # Set the user field on the gce context entry without touching other values
  kubectl config set-context gce --user=cluster-admin

Options:
    --cluster='':
\tcluster for the context entry in kubeconfig

    --current=false:
\tModify the current context

    --namespace='':
\tnamespace for the context entry in kubeconfig

    --user='':
\tuser for the context entry in kubeconfig

Usage:
  kubectl config set-context [NAME | --current] [--cluster=cluster_nickname] [--user=user_nickname] [--namespace=namespace] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Help text for `kubectl config view --help`.
pub const VIEW_HELP: &str = "Display merged kubeconfig settings or a specified kubeconfig file.

 You can use --output jsonpath={...} to extract specific values using a jsonpath expression.

Examples:
  # Show merged kubeconfig settings
  kubectl config view
  
  # Get the password for the e2e user
  kubectl config view -o jsonpath='{.users[?(@.name == \"e2e\")].user.password}'

Options:
    --minify=false:
\tRemove all information not used by current-context from the output

    -o, --output='yaml':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    --raw=false:
\tDisplay raw byte data and sensitive data

Usage:
  kubectl config view [flags] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// The help text of `kubectl config <sub> --help` (the `config` one for other subcommands).
fn subcommand_help(sub: &str) -> &'static str {
    match sub {
        "current-context" => CURRENT_CONTEXT_HELP,
        "get-contexts" => GET_CONTEXTS_HELP,
        "use-context" | "use" => USE_CONTEXT_HELP,
        "set-context" => SET_CONTEXT_HELP,
        "view" => VIEW_HELP,
        _ => HELP,
    }
}

#[cfg(test)]
mod tests {
    use crate::kubectl::rollout::fixtures::{run, world};

    #[test]
    fn contexts_and_namespace_switching() {
        let mut w = world();
        assert_eq!(run(&mut w, "config current-context").0, "kubeplay\n");
        assert_eq!(run(&mut w, "config set-context --current --namespace=test").0, "Context \"kubeplay\" modified.\n");
        assert_eq!(w.kubeconfig.namespace(), "test");
        assert_eq!(
            run(&mut w, "config get-contexts").0,
            "CURRENT   NAME       CLUSTER    AUTHINFO   NAMESPACE\n*         kubeplay   kubeplay   learner    test\n"
        );
        assert_eq!(run(&mut w, "config use-context nope").1, "error: no context exists with the name: \"nope\"\n");
        assert!(run(&mut w, "config view").0.contains("- context:\n    cluster: kubeplay\n    namespace: test\n    user: learner\n  name: kubeplay\ncurrent-context: kubeplay\n"));
    }
}
