//! `kubectl get`: tables, `-o yaml|json|name|wide|jsonpath|custom-columns`, selectors, `-A`,
//! `--sort-by`, and `-w` (a job printing one row per watch event).

use super::args::{switch, value, Flag, Parsed};
use super::field_selector::FieldSelector;
use super::printers::custom_columns::CustomColumns;
use super::printers::jsonpath::{relaxed, Template};
use super::printers::object_table::{header_row, object_row, render_groups, TableOptions};
use super::printers::table::TableWriter;
use super::printers::{json, list, name, yaml};
use super::targets::{parse_selector, parse_targets, Target};
use super::{Ctx, KubectlError};
use crate::cluster::objects::{Kind, LabelSelector, Object};
use crate::cluster::store::EventType;
use crate::job::{Exec, Job};
use crate::output::Output;
use crate::world::World;
use serde_json::Value;

/// Help text for `kubectl get --help`.
pub const HELP: &str = "Display one or many resources.

 Prints a table of the most important information about the specified resources. You can filter the list using a label selector and the --selector flag. If the desired resource type is namespaced you will only see results in the current namespace if you don't specify any namespace.

 By specifying the output as 'template' and providing a Go template as the value of the --template flag, you can filter the attributes of the fetched resources.

Use \"kubectl api-resources\" for a complete list of supported resources.

Examples:
  # List all pods in ps output format
  kubectl get pods
  
  # List all pods in ps output format with more information (such as node name)
  kubectl get pods -o wide
  
  # List deployments in JSON output format, in the \"v1\" version of the \"apps\" API group
  kubectl get deployments.v1.apps -o json
  
  # List a single pod in JSON output format
  kubectl get -o json pod web-pod-13je7
  
  # List all deployments in namespace 'backend'
  kubectl get deployments.apps --namespace backend
  
  # List all pods existing in all namespaces
  kubectl get pods --all-namespaces

Options:
    -A, --all-namespaces=false:
\tIf present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.

    --field-selector='':
\tSelector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.

    --ignore-not-found=false:
\tIf the requested object does not exist the command will return exit code 0.

    -L, --label-columns=[]:
\tAccepts a comma separated list of labels that are going to be presented as columns. Names are case-sensitive. You can also use multiple flag options like -L label1 -L label2...

    --no-headers=false:
\tWhen using the default or custom-column output format, don't print headers (default print headers).

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file, custom-columns, custom-columns-file, wide). See custom columns [https://kubernetes.io/docs/reference/kubectl/#custom-columns], golang template [http://golang.org/pkg/text/template/#pkg-overview] and jsonpath template [https://kubernetes.io/docs/reference/kubectl/jsonpath/].

    --output-watch-events=false:
\tOutput watch event objects when --watch or --watch-only is used. Existing objects are output as initial ADDED events.

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

    --show-kind=false:
\tIf present, list the resource type for the requested object(s).

    --show-labels=false:
\tWhen printing, show all labels as the last column (default hide labels column)

    --sort-by='':
\tIf non-empty, sort list types using this field specification.  The field specification is expressed as a JSONPath expression (e.g. '{.metadata.name}'). The field in the API resource specified by this JSONPath expression must be an integer or a string.

    -w, --watch=false:
\tAfter listing/getting the requested object, watch for changes.

    --watch-only=false:
\tWatch for changes to the requested object(s), without listing/getting first.

Usage:
  kubectl get [(-o|--output=)json|yaml|name|go-template|go-template-file|template|templatefile|jsonpath|jsonpath-as-json|jsonpath-file|custom-columns|custom-columns-file|wide] (TYPE[.VERSION][.GROUP] [NAME | -l label] | TYPE[.VERSION][.GROUP]/NAME ...) [flags] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Flags of `kubectl get`.
pub const FLAGS: &[Flag] = &[
    switch("all-namespaces", Some('A'), "If present, list the requested object(s) across all namespaces."),
    value("field-selector", None, "Selector (field query) to filter on, supports '=', '==', and '!='."),
    switch("ignore-not-found", None, "If set to true, suppresses NotFound error for specific objects that do not exist."),
    value("label-columns", Some('L'), "Accepts a comma separated list of labels that are going to be presented as columns."),
    switch("no-headers", None, "When using the default or custom-column output format, don't print headers."),
    value("output", Some('o'), "Output format. One of: (json, yaml, name, wide, jsonpath, custom-columns)."),
    switch("output-watch-events", None, "Output watch event objects when --watch or --watch-only is used."),
    value("selector", Some('l'), "Selector (label query) to filter on, supports '=', '==', '!=', 'in', 'notin'."),
    switch("show-kind", None, "If present, list the resource type for the requested object(s)."),
    switch("show-labels", None, "When printing, show all labels as the last column (default hide labels column)"),
    value("sort-by", None, "If non-empty, sort list types using this field specification (a JSONPath expression)."),
    switch("watch", Some('w'), "After listing/getting the requested object, watch for changes."),
    switch("watch-only", None, "Watch for changes to the requested object(s), without listing/getting first."),
];

/// How the objects are printed.
enum Format {
    Table { wide: bool },
    Yaml,
    Json,
    Name,
    JsonPath(Template),
    CustomColumns(CustomColumns),
}

impl Format {
    fn parse(output: Option<&str>) -> Result<Format, KubectlError> {
        let Some(output) = output else { return Ok(Format::Table { wide: false }) };
        let (name, arg) = match output.split_once('=') {
            Some((n, a)) => (n, Some(a)),
            None => (output, None),
        };
        Ok(match (name, arg) {
            ("wide", None) => Format::Table { wide: true },
            ("yaml", None) => Format::Yaml,
            ("json", None) => Format::Json,
            ("name", None) => Format::Name,
            ("jsonpath", Some(template)) => {
                Format::JsonPath(Template::parse(template).map_err(KubectlError::msg)?)
            }
            ("custom-columns", Some(spec)) => {
                Format::CustomColumns(CustomColumns::parse(spec).map_err(KubectlError::msg)?)
            }
            ("jsonpath" | "custom-columns", None) => {
                return Err(KubectlError::msg(format!("{name} format specified but no {name} template given")))
            }
            ("go-template" | "go-template-file" | "template" | "templatefile" | "jsonpath-file" | "custom-columns-file" | "jsonpath-as-json", _) => {
                return Err(KubectlError::msg(format!("the output format \"{name}\" is not available in kubeplay")))
            }
            _ => {
                return Err(KubectlError::msg(format!(
                    "unable to match a printer suitable for the output format \"{output}\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml"
                )))
            }
        })
    }

    fn printer_name(&self) -> &'static str {
        match self {
            Format::Table { .. } => "table",
            Format::Yaml => "yaml",
            Format::Json => "json",
            Format::Name => "name",
            Format::JsonPath(_) => "jsonpath",
            Format::CustomColumns(_) => "custom-columns",
        }
    }
}

/// Everything a `get` request asks for, after flag parsing.
struct Request {
    targets: Vec<Target>,
    /// The distinct kinds, in the order requested.
    kinds: Vec<Kind>,
    namespace: Option<String>,
    selector: LabelSelector,
    /// `--field-selector`, already checked against every requested kind.
    fields: FieldSelector,
    format: Format,
    table: TableOptions,
    sort_by: Option<Template>,
    ignore_not_found: bool,
}

/// Runs `kubectl get`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    let request = build_request(ctx, args)?;
    if request.kinds.contains(&Kind::Endpoints) {
        ctx.out.errln("Warning: v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice");
    }
    let watch = args.bool("watch") || args.bool("watch-only");
    if watch {
        return start_watch(ctx, args, request);
    }
    let (found, errors) = fetch(ctx.world, &request);
    print(ctx.out, &request, &found, ctx.world.cluster.now());
    if found.iter().all(|(_, objects)| objects.is_empty()) && errors.is_empty() && matches!(request.format, Format::Table { .. }) {
        ctx.out.errln(no_resources_message(&request));
    }
    for error in &errors {
        ctx.out.errln(error.render());
    }
    Ok(Exec::Done(if errors.is_empty() { 0 } else { 1 }))
}

fn build_request(ctx: &Ctx, args: &Parsed) -> Result<Request, KubectlError> {
    let targets = parse_targets(&args.positionals)?;
    let all_namespaces = args.bool("all-namespaces");
    if all_namespaces && targets.iter().any(|t| t.name.is_some()) {
        return Err(KubectlError::msg("a resource cannot be retrieved by name across all namespaces"));
    }
    let format = Format::parse(args.get("output"))?;
    let show_labels = args.bool("show-labels");
    if show_labels && !matches!(format, Format::Table { .. }) {
        return Err(KubectlError::msg(format!("--show-labels option cannot be used with {} printer", format.printer_name())));
    }
    let mut selector = LabelSelector::default();
    for text in args.all("selector") {
        let parsed = parse_selector(&text)?;
        selector.match_labels.extend(parsed.match_labels);
        selector.match_expressions.extend(parsed.match_expressions);
    }
    let mut kinds: Vec<Kind> = Vec::new();
    for t in &targets {
        if !kinds.contains(&t.kind) {
            kinds.push(t.kind);
        }
    }
    let fields = FieldSelector::parse(args.get("field-selector").unwrap_or_default())?;
    if !fields.is_empty() && targets.iter().any(|t| t.name.is_some()) {
        return Err(KubectlError::msg("name cannot be provided when a selector is specified"));
    }
    for kind in &kinds {
        fields.check_supported(*kind, &args.all("selector").join(","))?;
    }
    let several_types = kinds.len() > 1 || args.positionals.first().is_some_and(|p| p.split(',').any(|x| x.eq_ignore_ascii_case("all")));
    let label_columns: Vec<String> = args
        .all("label-columns")
        .iter()
        .flat_map(|l| l.split(',').map(|s| s.trim().to_string()).collect::<Vec<_>>())
        .filter(|s| !s.is_empty())
        .collect();
    let table = TableOptions {
        wide: matches!(format, Format::Table { wide: true }),
        with_kind: several_types || args.bool("show-kind"),
        with_namespace: all_namespaces,
        show_labels,
        label_columns,
        no_headers: args.bool("no-headers"),
    };
    let sort_by = match args.get("sort-by").filter(|s| !s.is_empty()) {
        Some(spec) => Some(relaxed(spec).map_err(KubectlError::msg)?),
        None => None,
    };
    Ok(Request {
        targets,
        kinds,
        namespace: if all_namespaces { None } else { Some(ctx.namespace.clone()) },
        selector,
        fields,
        format,
        table,
        sort_by,
        ignore_not_found: args.bool("ignore-not-found"),
    })
}

/// The objects per kind (in request order) and the NotFound errors of named objects.
fn fetch(world: &World, request: &Request) -> (Vec<(Kind, Vec<Object>)>, Vec<KubectlError>) {
    let cluster = &world.cluster;
    let namespace = request.namespace.as_deref();
    let mut groups: Vec<(Kind, Vec<Object>)> = request.kinds.iter().map(|k| (*k, Vec::new())).collect();
    let mut errors = Vec::new();
    for target in &request.targets {
        let Some(group) = groups.iter_mut().find(|(k, _)| *k == target.kind) else { continue };
        match &target.name {
            Some(name) => match cluster.read(target.kind, namespace.unwrap_or("default"), name) {
                Ok(object) if request.selector.matches(&object.meta().labels) && request.fields.matches(&object) => {
                    group.1.push(object)
                }
                Ok(_) => {}
                Err(e) if request.ignore_not_found => drop(e),
                Err(e) => errors.push(KubectlError::from(e)),
            },
            None => group.1.extend(
                cluster
                    .list(target.kind, namespace)
                    .into_iter()
                    .filter(|o| request.selector.matches(&o.meta().labels) && request.fields.matches(o)),
            ),
        }
    }
    if let Some(sort_by) = &request.sort_by {
        for (_, objects) in &mut groups {
            sort_objects(objects, sort_by);
        }
    }
    (groups, errors)
}

/// Sorts by the first value the JSONPath finds: numbers numerically, everything else as text.
fn sort_objects(objects: &mut [Object], path: &Template) {
    let key = |o: &Object| path.values(&o.to_json()).into_iter().next();
    objects.sort_by(|a, b| match (key(a), key(b)) {
        (Some(Value::Number(x)), Some(Value::Number(y))) => {
            x.as_f64().partial_cmp(&y.as_f64()).unwrap_or(std::cmp::Ordering::Equal)
        }
        (x, y) => sort_text(x).cmp(&sort_text(y)),
    });
}

fn sort_text(value: Option<Value>) -> String {
    value.map(|v| super::printers::jsonpath::value_text(&v)).unwrap_or_default()
}

/// A single named object prints as itself in yaml/json/jsonpath; anything else as a List.
fn single_item_implied(request: &Request) -> bool {
    request.targets.len() == 1 && request.targets[0].name.is_some()
}

fn print(out: &mut Output, request: &Request, groups: &[(Kind, Vec<Object>)], now: crate::cluster::objects::Time) {
    let objects: Vec<Object> = groups.iter().flat_map(|(_, o)| o.iter().cloned()).collect();
    let document = || -> Value {
        if single_item_implied(request) && objects.len() == 1 {
            objects[0].to_json()
        } else {
            list::list_value(&objects)
        }
    };
    let all_named = request.targets.iter().all(|t| t.name.is_some());
    if objects.is_empty() && all_named {
        // Only the NotFound errors are printed, no empty List.
        return;
    }
    match &request.format {
        Format::Table { .. } => out.out(render_groups(groups, now, &request.table)),
        Format::Yaml => out.out(yaml::to_yaml(&document())),
        Format::Json => out.out(json::to_json(&document())),
        Format::Name => out.out(name::to_names(&objects)),
        Format::JsonPath(template) => out.out(template.execute(&document())),
        Format::CustomColumns(columns) => {
            let values: Vec<Value> = objects.iter().map(Object::to_json).collect();
            out.out(columns.render(&values, request.table.no_headers));
        }
    }
}

/// `No resources found in <ns> namespace.` when every type is namespaced, else `No resources found`.
fn no_resources_message(request: &Request) -> String {
    match &request.namespace {
        Some(ns) if request.kinds.iter().all(|k| k.namespaced()) => format!("No resources found in {ns} namespace."),
        _ => "No resources found".into(),
    }
}

fn start_watch(ctx: &mut Ctx, args: &Parsed, request: Request) -> Result<Exec, KubectlError> {
    if request.kinds.len() > 1 {
        return Err(KubectlError::msg("you may only specify a single resource type"));
    }
    if request.sort_by.is_some() {
        ctx.out.errln("warning: --watch requested, --sort-by will be ignored for watch events received");
    }
    let mut job = WatchJob {
        cursor: ctx.world.cluster.store.watch_cursor(),
        request,
        writer: TableWriter::kubectl(),
        header_printed: false,
        with_events: args.bool("output-watch-events"),
        printed_any: false,
    };
    if !args.bool("watch-only") {
        let (groups, errors) = fetch(ctx.world, &job.request);
        if let Some(error) = errors.into_iter().next() {
            return Err(error);
        }
        let now = ctx.world.cluster.now();
        for (_, objects) in groups {
            for object in objects {
                job.print_object(&object, EventType::Added, now, ctx.out);
            }
        }
    }
    Ok(Exec::Job(Box::new(job)))
}

/// `kubectl get -w`: prints a row (or document) for every change to a matching object.
struct WatchJob {
    request: Request,
    cursor: usize,
    writer: TableWriter,
    header_printed: bool,
    with_events: bool,
    printed_any: bool,
}

impl WatchJob {
    fn matches(&self, object: &Object) -> bool {
        let kind = object.kind();
        let meta = object.meta();
        let namespace_ok = !kind.namespaced() || self.request.namespace.as_ref().is_none_or(|ns| &meta.namespace == ns);
        let target_ok = self
            .request
            .targets
            .iter()
            .any(|t| t.kind == kind && t.name.as_ref().is_none_or(|n| n == &meta.name));
        namespace_ok && target_ok && self.request.selector.matches(&meta.labels) && self.request.fields.matches(object)
    }

    fn print_object(&mut self, object: &Object, event: EventType, now: crate::cluster::objects::Time, out: &mut Output) {
        let event_name = match event {
            EventType::Added => "ADDED",
            EventType::Modified => "MODIFIED",
            EventType::Deleted => "DELETED",
        };
        match &self.request.format {
            Format::Table { .. } => {
                let mut rows = Vec::new();
                if !self.header_printed && !self.request.table.no_headers {
                    let mut header = header_row(object.kind(), &self.request.table);
                    if self.with_events {
                        header.insert(0, "EVENT".into());
                    }
                    rows.push(header);
                }
                self.header_printed = true;
                let mut row = object_row(object, now, &self.request.table);
                if self.with_events {
                    row.insert(0, event_name.into());
                }
                rows.push(row);
                out.out(self.writer.render(&rows));
            }
            Format::Yaml => {
                if self.printed_any {
                    out.out("---\n");
                }
                out.out(yaml::to_yaml(&object.to_json()));
            }
            Format::Json => out.out(json::to_json(&object.to_json())),
            Format::Name => out.outln(name::name_of(object)),
            Format::JsonPath(template) => out.out(template.execute(&object.to_json())),
            Format::CustomColumns(columns) => {
                let text = columns.render(&[object.to_json()], self.header_printed || self.request.table.no_headers);
                self.header_printed = true;
                out.out(text);
            }
        }
        self.printed_any = true;
    }
}

impl Job for WatchJob {
    fn poll(&mut self, world: &mut World, out: &mut Output) -> Option<i32> {
        let (events, next) = world.cluster.store.events_since(self.cursor);
        let events: Vec<_> = events.iter().filter(|e| self.matches(&e.object)).cloned().collect();
        self.cursor = next;
        for event in events {
            self.print_object(&event.object, event.type_, event.at, out);
        }
        None
    }

    fn is_endless(&self) -> bool {
        true
    }

    fn interrupt(&mut self, _world: &mut World, _out: &mut Output) -> i32 {
        130
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::objects::{Namespace, ObjectMeta, Pod, PodSpec};
    use crate::cluster::objects::pod::Container;
    use std::collections::BTreeMap;

    fn kubectl(world: &mut World, line: &str) -> (String, String, i32) {
        let args: Vec<String> = line.split_whitespace().map(str::to_string).collect();
        let mut out = Output::default();
        let exec = crate::kubectl::kubectl(world, &args, "", &BTreeMap::new(), &mut out);
        let code = match exec {
            Exec::Done(code) => code,
            Exec::Job(_) => -1,
        };
        (out.stdout(), out.stderr(), code)
    }

    #[test]
    fn field_selectors_filter_lists_and_refuse_names_and_unknown_fields() {
        let mut world = world_with_pod();
        let (out, err, code) = kubectl(&mut world, "get pods -A --field-selector metadata.namespace=test -o name");
        assert_eq!((err.as_str(), code), ("", 0));
        assert!(!out.is_empty() && out.lines().all(|l| l.starts_with("pod/")), "{out}");
        let (_, err, _) = kubectl(&mut world, "get pods -n test --field-selector metadata.namespace!=test");
        assert_eq!(err, "No resources found in test namespace.\n");
        let (_, err, code) = kubectl(&mut world, "get pod x --field-selector metadata.name=x");
        assert_eq!((err.as_str(), code), ("error: name cannot be provided when a selector is specified\n", 1));
        let (_, err, _) = kubectl(&mut world, "get svc,pods --field-selector spec.nodeName=n -l a=b");
        assert_eq!(err, "Error from server (BadRequest): Unable to find \"/v1, Resource=services\" that match label selector \"a=b\", field selector \"spec.nodeName=n\": field label not supported: spec.nodeName\n");
    }

    fn world_with_pod() -> World {
        let mut world = World::new(7);
        let ns = Namespace { metadata: ObjectMeta { name: "test".into(), ..Default::default() }, ..Default::default() };
        world.cluster.create(Object::Namespace(ns)).unwrap();
        let pod = Pod {
            metadata: ObjectMeta {
                name: "rickroller".into(),
                namespace: "test".into(),
                labels: [("run".to_string(), "rickroller".to_string())].into_iter().collect(),
                ..Default::default()
            },
            spec: PodSpec {
                containers: vec![Container { name: "rickroller".into(), image: "derlin/rickroller:latest".into(), ..Default::default() }],
                ..Default::default()
            },
            ..Default::default()
        };
        world.cluster.create(Object::Pod(pod)).unwrap();
        world
    }

    #[test]
    fn missing_type_and_unknown_type() {
        let mut world = World::new(1);
        let (_, err, code) = kubectl(&mut world, "get");
        assert!(err.starts_with("You must specify the type of resource to get."));
        assert_eq!(code, 1);
        let (_, err, _) = kubectl(&mut world, "get podz");
        assert_eq!(err, "error: the server doesn't have a resource type \"podz\"\n");
    }

    #[test]
    fn empty_namespace_says_no_resources_on_stderr() {
        let mut world = World::new(1);
        let (out, err, code) = kubectl(&mut world, "get pods -n nope");
        assert_eq!((out.as_str(), err.as_str(), code), ("", "No resources found in nope namespace.\n", 0));
        let (_, err, _) = kubectl(&mut world, "get deploy -A -l app=none");
        assert_eq!(err, "No resources found\n");
    }

    #[test]
    fn named_pods_and_missing_ones() {
        let mut world = world_with_pod();
        let (out, err, code) = kubectl(&mut world, "get pod rickroller nope -n test");
        assert!(out.starts_with("NAME         READY   STATUS"), "{out}");
        assert!(out.contains("\nrickroller   0/1"), "{out}");
        assert_eq!(err, "Error from server (NotFound): pods \"nope\" not found\n");
        assert_eq!(code, 1);
    }

    #[test]
    fn output_formats() {
        let mut world = world_with_pod();
        let (out, _, _) = kubectl(&mut world, "get pods -n test -o name");
        assert_eq!(out, "pod/rickroller\n");
        let (out, _, _) = kubectl(&mut world, "get pods -n test -o jsonpath={.items[*].metadata.name}");
        assert_eq!(out, "rickroller");
        let (out, _, _) = kubectl(&mut world, "get pod rickroller -n test -o jsonpath={.metadata.labels.run}");
        assert_eq!(out, "rickroller");
        let (out, _, _) = kubectl(&mut world, "get pods -n test -o custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image");
        assert_eq!(out, "NAME         IMAGE\nrickroller   derlin/rickroller:latest\n");
        let (out, _, _) = kubectl(&mut world, "get pods -n test -o yaml");
        assert!(out.starts_with("apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Pod\n"), "{out}");
        assert!(out.ends_with("kind: List\nmetadata:\n  resourceVersion: \"\"\n"), "{out}");
        let (out, _, _) = kubectl(&mut world, "get pod rickroller -n test -o yaml");
        assert!(out.starts_with("apiVersion: v1\nkind: Pod\nmetadata:\n"), "{out}");
        let (out, _, _) = kubectl(&mut world, "get pod rickroller -n test -o json");
        assert!(out.starts_with("{\n    \"apiVersion\": \"v1\",\n"), "{out}");
        let (_, err, _) = kubectl(&mut world, "get pods --show-labels -o yaml");
        assert_eq!(err, "error: --show-labels option cannot be used with yaml printer\n");
    }

    #[test]
    fn labels_and_selectors() {
        let mut world = world_with_pod();
        let (out, _, _) = kubectl(&mut world, "get pods -n test --show-labels");
        assert!(out.lines().next().unwrap_or("").ends_with("AGE   LABELS"), "{out}");
        assert!(out.contains("run=rickroller"), "{out}");
        let (out, err, _) = kubectl(&mut world, "get pods -n test -l run!=rickroller");
        assert_eq!((out.as_str(), err.as_str()), ("", "No resources found in test namespace.\n"));
    }

    #[test]
    fn several_types_get_a_kind_prefix() {
        let mut world = world_with_pod();
        let (out, _, _) = kubectl(&mut world, "get all -n test");
        assert!(out.starts_with("NAME             READY"), "{out}");
        assert!(out.contains("\npod/rickroller   "), "{out}");
        let (out, _, _) = kubectl(&mut world, "get nodes");
        assert!(out.starts_with("NAME "), "{out}");
        assert!(out.contains(" Ready "), "{out}");
    }

    #[test]
    fn watch_prints_new_rows() {
        let mut world = world_with_pod();
        let args: Vec<String> = "get pods -n test -w".split_whitespace().map(str::to_string).collect();
        let mut out = Output::default();
        let Exec::Job(mut job) = crate::kubectl::kubectl(&mut world, &args, "", &BTreeMap::new(), &mut out) else {
            panic!("watch should be a job");
        };
        assert!(job.is_endless());
        let first = out.stdout();
        assert_eq!(first.lines().count(), 2, "{first}");
        world.cluster.advance_by(30_000);
        let mut more = Output::default();
        assert_eq!(job.poll(&mut world, &mut more), None);
        assert!(more.stdout().lines().all(|l| l.starts_with("rickroller ")), "{}", more.stdout());
        assert_eq!(job.interrupt(&mut world, &mut more), 130);
    }
}
