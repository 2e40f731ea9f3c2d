//! What every verb that changes objects shares: `--dry-run`, `-o name|yaml|json` versus the
//! `kind/name verb` line, the namespace a manifest lands in, and the `last-applied` annotation.

use super::args::{value, Flag, Parsed};
use super::printers::{json::to_json, yaml::to_yaml};
use super::{Ctx, KubectlError};
use crate::cluster::objects::{Kind, Object};
use crate::output::Output;
use serde_json::Value;

/// The annotation `kubectl apply` keeps the last applied manifest in.
pub const LAST_APPLIED: &str = "kubectl.kubernetes.io/last-applied-configuration";

/// `--dry-run`, as every mutating verb declares it.
pub const DRY_RUN_FLAG: Flag = value(
    "dry-run",
    None,
    "Must be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.",
);

/// `-o/--output` of mutating verbs.
pub const OUTPUT_FLAG: Flag = value(
    "output",
    Some('o'),
    "Output format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).",
);

/// Whether and where a change is only pretended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DryRun {
    None,
    Client,
    Server,
}

impl DryRun {
    /// Reads `--dry-run`, with kubectl's error for other values.
    pub fn from_args(args: &Parsed) -> Result<DryRun, KubectlError> {
        match args.get("dry-run") {
            None | Some("none") | Some("false") => Ok(DryRun::None),
            Some("client") | Some("true") | Some("unchanged") => Ok(DryRun::Client),
            Some("server") => Ok(DryRun::Server),
            Some(other) => Err(KubectlError::msg(format!(
                "Invalid dry-run value ({other}). Must be \"none\", \"server\", or \"client\"."
            ))),
        }
    }

    /// What follows the verb: ` (dry run)`, ` (server dry run)` or nothing.
    pub fn suffix(self) -> &'static str {
        match self {
            DryRun::None => "",
            DryRun::Client => " (dry run)",
            DryRun::Server => " (server dry run)",
        }
    }
}

/// How a mutating verb reports each object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutputMode {
    /// `deployment.apps/x created`.
    Message,
    Name,
    Yaml,
    Json,
}

impl OutputMode {
    /// Reads `-o`, with kubectl's error for formats that do not apply.
    pub fn from_args(args: &Parsed) -> Result<OutputMode, KubectlError> {
        match args.get("output") {
            None | Some("") => Ok(OutputMode::Message),
            Some("name") => Ok(OutputMode::Name),
            Some("yaml") => Ok(OutputMode::Yaml),
            Some("json") => Ok(OutputMode::Json),
            Some(other) => Err(KubectlError::msg(format!(
                "unable to match a printer suitable for the output format \"{other}\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml"
            ))),
        }
    }
}

/// Prints one result per object, as kubectl's printers do (YAML documents separated by `---`).
pub struct Reporter {
    pub mode: OutputMode,
    pub dry_run: DryRun,
    printed: usize,
}

impl Reporter {
    /// A reporter for the parsed `-o` and `--dry-run`.
    pub fn new(mode: OutputMode, dry_run: DryRun) -> Self {
        Reporter { mode, dry_run, printed: 0 }
    }

    /// Reports that `object` (its JSON) of `kind` named `name` was `verb`ed.
    pub fn report(&mut self, out: &mut Output, kind: Kind, name: &str, verb: &str, object: &Value) {
        match self.mode {
            OutputMode::Message => {
                out.outln(format!("{}/{name} {verb}{}", kind.name_prefix(), self.dry_run.suffix()))
            }
            OutputMode::Name => out.outln(format!("{}/{name}", kind.name_prefix())),
            OutputMode::Yaml => {
                if self.printed > 0 {
                    out.out("---\n");
                }
                out.out(to_yaml(object));
            }
            OutputMode::Json => out.out(to_json(object)),
        }
        self.printed += 1;
    }
}

/// The namespace a manifest's object goes to: its own, else `-n`, else the context's. A
/// manifest namespace that contradicts an explicit `-n` is an error.
pub fn namespace_for(ctx: &Ctx, kind: Kind, written: &str) -> Result<String, KubectlError> {
    if !kind.namespaced() {
        return Ok(String::new());
    }
    if written.is_empty() {
        return Ok(ctx.namespace.clone());
    }
    if ctx.namespace_given && written != ctx.namespace {
        return Err(KubectlError::msg(format!(
            "the namespace from the provided object \"{written}\" does not match the namespace \"{}\". You must pass '--namespace={written}' to perform this operation.",
            ctx.namespace
        )));
    }
    Ok(written.to_string())
}

/// Sets `metadata.namespace` of a manifest (cluster-scoped kinds get none).
pub fn set_namespace(value: &mut Value, kind: Kind, namespace: &str) {
    if let Some(meta) = metadata_mut(value) {
        if kind.namespaced() {
            meta.insert("namespace".into(), Value::String(namespace.to_string()));
        } else {
            meta.remove("namespace");
        }
    }
}

/// `metadata` of a manifest as a map, created when missing.
pub fn metadata_mut(value: &mut Value) -> Option<&mut serde_json::Map<String, Value>> {
    let root = value.as_object_mut()?;
    let meta = root.entry("metadata").or_insert_with(|| Value::Object(Default::default()));
    if !meta.is_object() {
        *meta = Value::Object(Default::default());
    }
    meta.as_object_mut()
}

/// The manifest with the `last-applied-configuration` annotation set to itself, the way kubectl
/// records it: compact JSON with sorted keys, the annotation map present (maybe empty), a
/// trailing newline.
pub fn with_last_applied(manifest: &Value) -> Value {
    let mut recorded = manifest.clone();
    if let Some(meta) = metadata_mut(&mut recorded) {
        let annotations = meta.entry("annotations").or_insert_with(|| Value::Object(Default::default()));
        if let Some(map) = annotations.as_object_mut() {
            map.remove(LAST_APPLIED);
        } else {
            *annotations = Value::Object(Default::default());
        }
    }
    let text = format!("{}\n", serde_json::to_string(&recorded).unwrap_or_default());
    let mut result = recorded;
    if let Some(meta) = metadata_mut(&mut result) {
        if let Some(map) = meta.get_mut("annotations").and_then(Value::as_object_mut) {
            map.insert(LAST_APPLIED.into(), Value::String(text));
        }
    }
    result
}

/// The last applied manifest recorded on a live object, if any.
pub fn last_applied_of(live: &Value) -> Option<Value> {
    let text = live.pointer("/metadata/annotations")?.get(LAST_APPLIED)?.as_str()?;
    serde_json::from_str(text).ok()
}

/// A value as Go's `%v` prints a decoded JSON map: `map[spec:map[replicas:3]]`.
pub fn go_map_text(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let parts: Vec<String> = map.iter().map(|(k, v)| format!("{k}:{}", go_map_text(v))).collect();
            format!("map[{}]", parts.join(" "))
        }
        Value::Array(items) => format!("[{}]", items.iter().map(go_map_text).collect::<Vec<_>>().join(" ")),
        Value::String(s) => s.clone(),
        Value::Null => "<nil>".into(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn last_applied_is_compact_sorted_json_with_newline() {
        let manifest = json!({"kind": "Pod", "apiVersion": "v1", "metadata": {"name": "x", "namespace": "test"}});
        let recorded = with_last_applied(&manifest);
        assert_eq!(
            recorded["metadata"]["annotations"][LAST_APPLIED],
            json!("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"annotations\":{},\"name\":\"x\",\"namespace\":\"test\"}}\n")
        );
        assert_eq!(last_applied_of(&recorded).map(|v| v["metadata"]["name"].clone()), Some(json!("x")));
    }

    #[test]
    fn go_maps_print_like_go() {
        assert_eq!(go_map_text(&json!({"spec": {"a": [1, "b"]}})), "map[spec:map[a:[1 b]]]");
    }
}

/// One live object a verb was pointed at.
#[derive(Clone, Debug, PartialEq)]
pub struct Named {
    pub kind: Kind,
    pub namespace: String,
    pub name: String,
}

/// The objects named by `TYPE NAME...`, `TYPE/NAME...` (the first `count` positionals, all when
/// `None`) or `-f FILE`, in the request's namespace.
pub fn named_objects(ctx: &Ctx, args: &Parsed, positionals: &[String], verb: &str) -> Result<Vec<Named>, KubectlError> {
    if args.has("filename") {
        let sources = super::manifest::read_sources(ctx, &args.all("filename"))?;
        let (documents, errors) = super::manifest::collect(&sources);
        if let Some(first) = errors.into_iter().next() {
            return Err(first);
        }
        return documents
            .into_iter()
            .map(|(kind, doc)| {
                let namespace = namespace_for(ctx, kind, &doc.namespace())?;
                Ok(Named { kind, namespace, name: doc.name() })
            })
            .collect();
    }
    let targets = super::targets::parse_targets_for(verb, positionals)?;
    let mut named = Vec::new();
    for target in targets {
        let Some(name) = target.name else {
            return Err(KubectlError::msg("resource(s) were provided, but no name was specified"));
        };
        let namespace = if target.kind.namespaced() { ctx.namespace.clone() } else { String::new() };
        named.push(Named { kind: target.kind, namespace, name });
    }
    Ok(named)
}

/// Splits positionals into resource arguments and trailing `key=value` / `key-` arguments
/// (`label pod x a=b c-`, `set env deploy/x K=V`).
pub fn split_resource_args(positionals: &[String]) -> (Vec<String>, Vec<String>) {
    let first_pair = positionals
        .iter()
        .position(|p| p.contains('=') || (p.ends_with('-') && !p.contains('/')))
        .unwrap_or(positionals.len());
    (positionals[..first_pair].to_vec(), positionals[first_pair..].to_vec())
}

/// What a change did.
pub enum Changed {
    /// Nothing to write: the object already looked like that.
    No(Object),
    Yes(Object),
}

/// Reads a live object, lets `change` edit its JSON, and writes it back (strictly decoded,
/// validated by the server; a server dry run writes into a copy of the cluster).
pub fn change_object(
    ctx: &mut Ctx,
    target: &Named,
    dry_run: DryRun,
    change: impl FnOnce(&mut Value) -> Result<(), KubectlError>,
) -> Result<Changed, KubectlError> {
    let live = ctx.world.cluster.read(target.kind, &target.namespace, &target.name)?;
    let before = live.to_json();
    let mut after = before.clone();
    change(&mut after)?;
    if after == before {
        return Ok(Changed::No(live));
    }
    let object = super::manifest::decode(target.kind, &after).map_err(|e| match e.message.split_once("strict decoding error: ") {
        Some((_, fields)) => KubectlError::Raw(format!(
            "The request is invalid: patch: Invalid value: \"{}\": strict decoding error: {fields}",
            go_map_text(&after)
        )),
        None => KubectlError::from(e),
    })?;
    if dry_run == DryRun::Client {
        return Ok(Changed::Yes(object));
    }
    let updated = if dry_run == DryRun::Server {
        ctx.world.cluster.clone().update(object)
    } else {
        ctx.world.cluster.update(object)
    };
    print_server_warnings(ctx);
    Ok(Changed::Yes(updated?))
}

/// Prints the warnings the API server sent with the last create or update, as kubectl does
/// (`Warning: ...` on stderr, before the result line or the error).
pub fn print_server_warnings(ctx: &mut Ctx) {
    for warning in ctx.world.cluster.take_warnings() {
        ctx.out.errln(format!("Warning: {warning}"));
    }
}

/// Helpers for the tests of the mutating verbs: run a command line on a world and see what a
/// user would see.
#[cfg(test)]
pub mod testing {
    use crate::job::Exec;
    use crate::output::Output;
    use crate::world::World;
    use std::collections::BTreeMap;

    /// What one command printed and returned.
    pub struct Ran {
        pub stdout: String,
        pub stderr: String,
        /// The exit status, or `None` when the command became a job.
        pub code: Option<i32>,
        pub job: Option<Box<dyn crate::job::Job>>,
    }

    /// Runs `kubectl <args>` with the given stdin.
    pub fn kubectl_args(world: &mut World, args: &[&str], stdin: &str) -> Ran {
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        let mut out = Output::default();
        let exec = crate::kubectl::kubectl(world, &args, stdin, &BTreeMap::new(), &mut out);
        let (code, job) = match exec {
            Exec::Done(code) => (Some(code), None),
            Exec::Job(job) => (None, Some(job)),
        };
        Ran { stdout: out.stdout(), stderr: out.stderr(), code, job }
    }

    /// Runs a whitespace-separated `kubectl` command line (without the word `kubectl`).
    pub fn kubectl(world: &mut World, line: &str) -> Ran {
        let args: Vec<&str> = line.split_whitespace().collect();
        kubectl_args(world, &args, "")
    }

    /// A world with namespace `test` made current, as the tutorial does with `kubens test`.
    pub fn tutorial_world() -> World {
        let mut world = World::new(42);
        let ns = crate::cluster::objects::Namespace {
            metadata: crate::cluster::objects::ObjectMeta { name: "test".into(), ..Default::default() },
            ..Default::default()
        };
        assert!(world.cluster.create(crate::cluster::objects::Object::Namespace(ns)).is_ok());
        if let Some(ctx) = world.kubeconfig.contexts.get_mut(crate::world::DEFAULT_CONTEXT) {
            ctx.namespace = "test".into();
        }
        world
    }
}

/// Runs `each` on every document of the `-f` files (`create -f`, `apply -f`) with the dry-run and
/// output settings of `args`, then prints every failure (decoding and per-object) together, as
/// kubectl does: exit 1 if anything failed. `verb` words the empty-input error.
pub fn for_each_document(
    ctx: &mut Ctx,
    args: &Parsed,
    filenames: &[String],
    verb: &str,
    mut each: impl FnMut(&mut Ctx, Kind, super::manifest::Document, bool, &mut Reporter) -> Result<(), KubectlError>,
) -> Result<crate::job::Exec, KubectlError> {
    let dry_run = DryRun::from_args(args)?;
    let mut reporter = Reporter::new(OutputMode::from_args(args)?, dry_run);
    let strict = !matches!(args.get("validate"), Some("ignore" | "false"));
    let sources = super::manifest::read_sources(ctx, filenames)?;
    let (documents, mut errors) = super::manifest::collect(&sources);
    if documents.is_empty() && errors.is_empty() {
        return Err(KubectlError::msg(format!("no objects passed to {verb}")));
    }
    let mut failures = Vec::new();
    for (kind, doc) in documents {
        if let Err(e) = each(ctx, kind, doc, strict, &mut reporter) {
            failures.push(e);
        }
    }
    failures.append(&mut errors);
    if failures.is_empty() {
        return Ok(crate::job::Exec::Done(0));
    }
    ctx.out.errln(super::manifest::render_errors(&failures));
    Ok(crate::job::Exec::Done(1))
}
