//! `kubectl label` (and, through [`update_metadata_map`], `kubectl annotate`): `k=v` sets,
//! `k-` removes, existing different values need `--overwrite`.

use super::args::{switch, value, Flag, Parsed};
use super::mutation::{self, Changed, DryRun, Named, OutputMode, Reporter, DRY_RUN_FLAG, OUTPUT_FLAG};
use super::targets::{parse_selector, parse_targets_for};
use super::{Ctx, KubectlError};
use std::collections::BTreeMap;
use crate::job::Exec;
use serde_json::Value;

/// Help text for `kubectl label --help`.
pub const HELP: &str = "Update the labels on a resource.

  *  A label key and value must begin with a letter or number, and may contain letters, numbers, hyphens, dots, and underscores, up to 63 characters each.
  *  Optionally, the key can begin with a DNS subdomain prefix and a single '/', like example.com/my-app.
  *  If --overwrite is true, then existing labels can be overwritten, otherwise attempting to overwrite a label will result in an error.
  *  If --resource-version is specified, then updates will use this resource version, otherwise the existing resource-version will be used.

Examples:
  # Update pod 'foo' with the label 'unhealthy' and the value 'true'
  kubectl label pods foo unhealthy=true
  
  # Update pod 'foo' with the label 'status' and the value 'unhealthy', overwriting any existing value
  kubectl label --overwrite pods foo status=unhealthy
  
  # Update all pods in the namespace
  kubectl label pods --all status=unhealthy
  
  # Update a pod identified by the type and name in \"pod.json\"
  kubectl label -f pod.json status=unhealthy
  
  # Update pod 'foo' by removing a label named 'bar' if it exists
  # Does not require the --overwrite flag
  kubectl label pods foo bar-

Options:
    --all=false:
\tSelect all resources, in the namespace of the specified resource types

    -A, --all-namespaces=false:
\tIf true, check the specified action in all namespaces.

    --dry-run='none':
\tMust be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    -f, --filename=[]:
\tFilename, directory, or URL to files identifying the resource to update the labels

    --list=false:
\tIf true, display the labels for a given resource.

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    --overwrite=false:
\tIf true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels.

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

Usage:
  kubectl label [--overwrite] (-f FILENAME | TYPE NAME) KEY_1=VAL_1 ... KEY_N=VAL_N [--resource-version=version] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Flags of `kubectl label` and `kubectl annotate`.
pub const FLAGS: &[Flag] = &[
    switch("overwrite", None, "If true, allow labels to be overwritten, otherwise reject label updates that overwrite existing labels."),
    switch("all", None, "Select all resources, in the namespace of the specified resource types"),
    switch("all-namespaces", Some('A'), "If true, check the specified action in all namespaces."),
    value("selector", Some('l'), "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'."),
    value("filename", Some('f'), "Filename, directory, or URL to files identifying the resource to update the labels"),
    switch("list", None, "If true, display the labels for a given resource."),
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
];

/// Which metadata map a verb edits.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum MapField {
    Labels,
    Annotations,
}

impl MapField {
    fn key(self) -> &'static str {
        match self {
            MapField::Labels => "labels",
            MapField::Annotations => "annotations",
        }
    }

    fn verb(self) -> &'static str {
        match self {
            MapField::Labels => "label",
            MapField::Annotations => "annotate",
        }
    }
}

/// Runs `kubectl label`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    update_metadata_map(ctx, args, MapField::Labels)
}

/// The shared body of `label` and `annotate`.
pub fn update_metadata_map(ctx: &mut Ctx, args: &Parsed, field: MapField) -> Result<Exec, KubectlError> {
    let verb = field.verb();
    let (resources, changes) = mutation::split_resource_args(&args.positionals);
    let (set, remove) = parse_changes(&changes, field)?;
    if resources.is_empty() && !args.has("filename") {
        return Err(KubectlError::msg("one or more resources must be specified as <resource> <name> or <resource>/<name>"));
    }
    let list = args.bool("list");
    if set.is_empty() && remove.is_empty() && !list {
        let what = if field == MapField::Labels { "label" } else { "annotation" };
        return Err(KubectlError::msg(format!("at least one {what} update is required")));
    }
    let dry_run = DryRun::from_args(args)?;
    let mut reporter = Reporter::new(OutputMode::from_args(args)?, dry_run);
    let targets = targets_of(ctx, args, &resources, verb)?;
    let overwrite = args.bool("overwrite");
    let mut errors = Vec::new();
    for target in targets {
        if list {
            if let Ok(object) = ctx.world.cluster.read(target.kind, &target.namespace, &target.name) {
                let map = if field == MapField::Labels { &object.meta().labels } else { &object.meta().annotations };
                for (k, v) in map {
                    ctx.out.outln(format!("{k}={v}"));
                }
            }
            continue;
        }
        let mut removed_only = false;
        let result = mutation::change_object(ctx, &target, dry_run, |object| {
            let meta = mutation::metadata_mut(object).ok_or_else(|| KubectlError::msg("object has no metadata"))?;
            let map = meta.entry(field.key()).or_insert_with(|| Value::Object(Default::default()));
            let Some(map) = map.as_object_mut() else { return Ok(()) };
            if !overwrite {
                check_no_overwrite(map, &set, field)?;
            }
            let before = map.len();
            for (k, v) in &set {
                map.insert(k.clone(), Value::String(v.clone()));
            }
            for k in &remove {
                map.remove(k);
            }
            removed_only = map.len() < before && !overwrite;
            if map.is_empty() {
                meta.remove(field.key());
            }
            Ok(())
        });
        match result {
            Ok(Changed::Yes(o)) => {
                let message = match field {
                    MapField::Labels if removed_only => "unlabeled",
                    MapField::Labels => "labeled",
                    MapField::Annotations => "annotated",
                };
                reporter.report(ctx.out, target.kind, &target.name, message, &o.to_json());
            }
            Ok(Changed::No(o)) => {
                let message = if field == MapField::Labels { "not labeled" } else { "annotated" };
                reporter.report(ctx.out, target.kind, &target.name, message, &o.to_json());
            }
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        return Ok(Exec::Done(0));
    }
    ctx.out.errln(super::manifest::render_errors(&errors));
    Ok(Exec::Done(1))
}

fn targets_of(ctx: &Ctx, args: &Parsed, resources: &[String], verb: &str) -> Result<Vec<Named>, KubectlError> {
    let query = args.bool("all") || args.has("selector");
    if !query || args.has("filename") {
        return mutation::named_objects(ctx, args, resources, verb);
    }
    let selector = args.get("selector").map(parse_selector).transpose()?;
    let scope = (!args.bool("all-namespaces")).then(|| ctx.namespace.clone());
    let mut named = Vec::new();
    for target in parse_targets_for(verb, resources)? {
        for object in ctx.world.cluster.list(target.kind, scope.as_deref()) {
            if selector.as_ref().is_none_or(|s| s.matches(&object.meta().labels)) {
                named.push(Named { kind: target.kind, namespace: object.meta().namespace.clone(), name: object.meta().name.clone() });
            }
        }
    }
    Ok(named)
}

/// `a=b` → set, `a-` → remove; anything else is kubectl's parse error.
fn parse_changes(items: &[String], field: MapField) -> Result<(BTreeMap<String, String>, Vec<String>), KubectlError> {
    let mut set = BTreeMap::new();
    let mut remove = Vec::new();
    for item in items {
        if let Some((k, v)) = item.split_once('=') {
            if k.is_empty() {
                return Err(KubectlError::msg(format!("invalid {} format: {item}", field.key().trim_end_matches('s'))));
            }
            set.insert(k.to_string(), v.to_string());
        } else if let Some(k) = item.strip_suffix('-') {
            remove.push(k.to_string());
        } else {
            return Err(KubectlError::msg(format!("invalid {} format: {item}", field.key().trim_end_matches('s'))));
        }
    }
    if let Some(k) = remove.iter().find(|k| set.contains_key(*k)) {
        return Err(KubectlError::msg(format!("can not both modify and remove the following {} in the same command: {k}", field.key())));
    }
    Ok((set, remove))
}

fn check_no_overwrite(map: &serde_json::Map<String, Value>, set: &BTreeMap<String, String>, field: MapField) -> Result<(), KubectlError> {
    let clashes: Vec<String> = set
        .iter()
        .filter_map(|(k, v)| {
            let current = map.get(k)?.as_str()?;
            (current != v && k != "kubernetes.io/change-cause").then(|| format!("'{k}' already has a value ({current})"))
        })
        .collect();
    if clashes.is_empty() {
        return Ok(());
    }
    match field {
        MapField::Labels => Err(KubectlError::msg(
            clashes.iter().map(|c| format!("{c}, and --overwrite is false")).collect::<Vec<_>>().join("\n"),
        )),
        MapField::Annotations => Err(KubectlError::msg(format!(
            "--overwrite is false but found the following declared annotation(s): {}",
            clashes.join("; ")
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::super::mutation::testing::{kubectl, tutorial_world};
    use crate::cluster::objects::Kind;

    #[test]
    fn labels_and_annotations() {
        let mut world = tutorial_world();
        kubectl(&mut world, "run rickroller --image=derlin/rickroller");
        let ran = kubectl(&mut world, "label pod rickroller app=x");
        assert_eq!((ran.stdout.as_str(), ran.stderr.as_str()), ("pod/rickroller labeled\n", ""));
        let ran = kubectl(&mut world, "label pod/rickroller app=y");
        assert_eq!(ran.stderr, "error: 'app' already has a value (x), and --overwrite is false\n");
        let ran = kubectl(&mut world, "label pod/rickroller app=y --overwrite");
        assert_eq!(ran.stdout, "pod/rickroller labeled\n");
        let ran = kubectl(&mut world, "label pod/rickroller app=y");
        assert_eq!(ran.stdout, "pod/rickroller not labeled\n");
        let ran = kubectl(&mut world, "label pod rickroller app-");
        assert_eq!(ran.stdout, "pod/rickroller unlabeled\n");
        let labels = world.cluster.get(Kind::Pod, "test", "rickroller").map(|o| o.meta().labels.clone()).unwrap_or_default();
        assert_eq!(labels.keys().collect::<Vec<_>>(), vec!["run"]);
        let ran = kubectl(&mut world, "label pods --all tier=web");
        assert_eq!(ran.stdout, "pod/rickroller labeled\n");
        let ran = kubectl(&mut world, "label pod rickroller");
        assert_eq!(ran.stderr, "error: at least one label update is required\n");
        let ran = kubectl(&mut world, "annotate pod rickroller note=hello");
        assert_eq!(ran.stdout, "pod/rickroller annotated\n");
        let ran = kubectl(&mut world, "annotate pod rickroller note=bye");
        assert_eq!(ran.stderr, "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hello)\n");
        let ran = kubectl(&mut world, "annotate pod rickroller note-");
        assert_eq!(ran.stdout, "pod/rickroller annotated\n");
        let ran = kubectl(&mut world, "label pod nope a=b");
        assert_eq!(ran.stderr, "Error from server (NotFound): pods \"nope\" not found\n");
    }
}
