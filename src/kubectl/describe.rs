//! `kubectl describe`: finds the objects (by name, name prefix, type, `-l`) and prints each
//! with the describers in `printers::describe`.

use super::args::{switch, value, Flag, Parsed};
use super::printers::describe::describe_object;
use super::targets::{parse_selector, parse_targets_for};
use super::{Ctx, KubectlError};
use crate::cluster::objects::Object;
use crate::job::Exec;

/// Help text for `kubectl describe --help`.
pub const HELP: &str = "Show details of a specific resource or group of resources.

 Print a detailed description of the selected resources, including related resources such as events or controllers. You may select a single object by name, all objects of that type, provide a name prefix, or label selector. For example:

        $ kubectl describe TYPE NAME_PREFIX
        
 will first check for an exact match on TYPE and NAME_PREFIX. If no such resource exists, it will output details for every resource that has a name prefixed with NAME_PREFIX.

Use \"kubectl api-resources\" for a complete list of supported resources.

Examples:
  # Describe a node
  kubectl describe nodes kubernetes-node-emt8.c.myproject.internal
  
  # Describe a pod identified by type and name in \"pod.json\"
  kubectl describe -f pod.json
  
  # Describe all pods
  kubectl describe pods
  
  # Describe pods by label name=myLabel
  kubectl describe pods -l name=myLabel
  
  # Describe all pods managed by the 'frontend' replication controller
  # (rc-created pods get the name of the rc as a prefix in the pod name)
  kubectl describe pods frontend

Options:
    -A, --all-namespaces=false:
\tIf present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.

    --chunk-size=500:
\tReturn large lists in chunks rather than all at once. Pass 0 to disable. This flag is beta and may change in the future.

    -f, --filename=[]:
\tFilename, directory, or URL to files containing the resource to describe

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

    --show-events=true:
\tIf true, display events related to the described object.

Usage:
  kubectl describe (-f FILENAME | TYPE [NAME_PREFIX | -l label] | TYPE/NAME) [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Flags of `kubectl describe`.
pub const FLAGS: &[Flag] = &[
    switch("all-namespaces", Some('A'), "If present, list the requested object(s) across all namespaces."),
    value("selector", Some('l'), "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'."),
    switch("show-events", None, "If true, display events related to the described object."),
    value("filename", Some('f'), "Filename, directory, or URL to files containing the resource to describe"),
    value("chunk-size", None, "Return large lists in chunks rather than all at once."),
];

/// Runs `kubectl describe`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    let targets = parse_targets_for("describe", &args.positionals)?;
    let selector = args.get("selector").map(parse_selector).transpose()?;
    let all_namespaces = args.bool("all-namespaces");
    let show_events = args.bool_or("show-events", true);
    let mut objects: Vec<Object> = Vec::new();
    let mut errors: Vec<KubectlError> = Vec::new();
    for target in &targets {
        match &target.name {
            Some(name) => match ctx.world.cluster.read(target.kind, &ctx.namespace, name) {
                Ok(o) => objects.push(o),
                Err(e) => errors.push(e.into()),
            },
            None => {
                let scope = if all_namespaces { None } else { Some(ctx.namespace.as_str()) };
                for o in ctx.world.cluster.list(target.kind, scope) {
                    if selector.as_ref().is_none_or(|s| s.matches(&o.meta().labels)) {
                        objects.push(o);
                    }
                }
            }
        }
    }
    let name_prefix_form = args.positionals.len() == 2 && !args.positionals.iter().any(|p| p.contains('/'));
    if name_prefix_form && objects.is_empty() && errors.len() == 1 {
        return describe_by_prefix(ctx, &targets[0].kind, &args.positionals[1], errors.remove(0), show_events);
    }
    let mut first = true;
    for object in &objects {
        let Some(text) = describe_text(ctx, object, show_events) else {
            errors.push(KubectlError::msg(format!(
                "no description has been implemented for {}",
                object.kind().info().name
            )));
            continue;
        };
        if first {
            ctx.out.out(text);
            first = false;
        } else {
            ctx.out.out(format!("\n\n{text}"));
        }
    }
    if objects.is_empty() && errors.is_empty() {
        if all_namespaces {
            ctx.out.errln("No resources found");
        } else {
            ctx.out.errln(format!("No resources found in {} namespace.", ctx.namespace));
        }
    }
    let status = if errors.is_empty() { 0 } else { 1 };
    for e in errors {
        ctx.out.errln(e.render());
    }
    Ok(Exec::Done(status))
}

fn describe_text(ctx: &Ctx, object: &Object, show_events: bool) -> Option<String> {
    let text = describe_object(&ctx.world.cluster, object)?;
    if show_events {
        return Some(text);
    }
    let cut = text.rfind("Events:").unwrap_or(text.len());
    Some(text[..cut].to_string())
}

/// `kubectl describe pods web`: no pod is called `web`, so every pod whose name starts with it.
fn describe_by_prefix(
    ctx: &mut Ctx,
    kind: &crate::cluster::objects::Kind,
    prefix: &str,
    not_found: KubectlError,
    show_events: bool,
) -> Result<Exec, KubectlError> {
    let matching: Vec<Object> = ctx
        .world
        .cluster
        .list(*kind, Some(&ctx.namespace))
        .into_iter()
        .filter(|o| o.meta().name.starts_with(prefix))
        .collect();
    if matching.is_empty() {
        return Err(not_found);
    }
    for object in &matching {
        if let Some(text) = describe_text(ctx, object, show_events) {
            ctx.out.out(format!("{text}\n"));
        }
    }
    Ok(Exec::Done(0))
}
