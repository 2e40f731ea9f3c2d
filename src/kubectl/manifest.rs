//! Manifests: reading `-f` sources (files, directories, stdin), splitting them into YAML documents
//! the way kubectl's YAML reader does, and decoding each document strictly into a typed object the
//! way the API server does, with the same error texts.

use super::{Ctx, KubectlError};
use crate::cluster::api_error::ApiError;
use crate::cluster::objects::{Deployment, Kind, Namespace, Node, Object, Pod, ReplicaSet};
use crate::cluster::objects::{EndpointSlice, Endpoints, Event, Ingress, IngressClass, Service};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::Value;

/// The name kubectl gives standard input in messages (`error when creating "STDIN"`).
pub const STDIN: &str = "STDIN";

/// One `-f` source: its name as kubectl prints it and its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    pub name: String,
    pub text: String,
}

/// One document of a source, as the user wrote it (converted to JSON like kubectl does).
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// The source it came from, for `error when creating "<source>"`.
    pub source: String,
    pub value: Value,
}

impl Document {
    /// `metadata.name` as written (empty when absent).
    pub fn name(&self) -> String {
        self.value.pointer("/metadata/name").and_then(Value::as_str).unwrap_or_default().to_string()
    }

    /// `metadata.namespace` as written (empty when absent).
    pub fn namespace(&self) -> String {
        self.value.pointer("/metadata/namespace").and_then(Value::as_str).unwrap_or_default().to_string()
    }

    fn field(&self, key: &str) -> String {
        self.value.get(key).and_then(Value::as_str).unwrap_or_default().to_string()
    }
}

/// The `-f` values of a command turned into sources: `-` is stdin, a directory gives its
/// `.json`/`.yaml`/`.yml` files in name order. Any missing path fails before anything is done.
pub fn read_sources(ctx: &Ctx, filenames: &[String]) -> Result<Vec<Source>, KubectlError> {
    let mut sources = Vec::new();
    for name in filenames {
        if name == "-" {
            sources.push(Source { name: STDIN.into(), text: ctx.stdin.to_string() });
        } else if let Some(text) = ctx.world.fs.read(name) {
            sources.push(Source { name: name.clone(), text: text.to_string() });
        } else if ctx.world.fs.is_dir(name) {
            for path in ctx.world.fs.files_in(name, &[".json", ".yaml", ".yml"]) {
                let text = ctx.world.fs.read(&path).unwrap_or_default().to_string();
                let shown = format!("{}/{}", name.trim_end_matches('/'), path.rsplit('/').next().unwrap_or_default());
                sources.push(Source { name: shown, text });
            }
        } else {
            return Err(KubectlError::msg(format!("the path \"{name}\" does not exist")));
        }
    }
    Ok(sources)
}

/// Splits a source into documents: every document before the first broken one, and the error
/// of the broken one (kubectl stops reading a file at its first syntax error).
pub fn parse_documents(source: &Source) -> (Vec<Document>, Option<KubectlError>) {
    let mut documents = Vec::new();
    for chunk in split_chunks(&source.text) {
        let chunk = match chunk {
            Ok(c) => c,
            Err(problem) => return (documents, Some(parse_error(&source.name, &problem))),
        };
        match yaml_to_json(&chunk) {
            Ok(Value::Null) => {}
            Ok(value) => documents.push(Document { source: source.name.clone(), value }),
            Err(problem) => return (documents, Some(parse_error(&source.name, &problem))),
        }
    }
    (documents, None)
}

fn parse_error(source: &str, problem: &str) -> KubectlError {
    KubectlError::msg(format!("error parsing {source}: {problem}"))
}

/// Cuts text at `---` lines, as kubectl's YAML reader does: only spaces or a comment may follow
/// the separator. Line numbers in later errors are therefore relative to each document.
fn split_chunks(text: &str) -> Vec<Result<String, String>> {
    let mut chunks = Vec::new();
    let mut current = String::new();
    for line in text.split_inclusive('\n') {
        if let Some(rest) = line.strip_prefix("---") {
            let rest = rest.trim();
            if !rest.is_empty() && !rest.starts_with('#') {
                chunks.push(Err(format!("invalid Yaml document separator: {}", line.trim_end())));
                return chunks;
            }
            if !current.trim().is_empty() {
                chunks.push(Ok(std::mem::take(&mut current)));
            }
            current.clear();
            continue;
        }
        current.push_str(line);
    }
    if !current.trim().is_empty() {
        chunks.push(Ok(current));
    }
    chunks
}

/// One YAML document to JSON, with go-yaml's error wording (`error converting YAML to JSON:
/// yaml: line 3: mapping values are not allowed in this context`).
fn yaml_to_json(chunk: &str) -> Result<Value, String> {
    let mut values = Vec::new();
    for document in yaml_serde::Deserializer::from_str(chunk) {
        match Value::deserialize(document) {
            Ok(v) => values.push(v),
            Err(e) => return Err(format!("error converting YAML to JSON: {}", go_yaml_message(&e))),
        }
    }
    Ok(values.into_iter().next().unwrap_or(Value::Null))
}

/// Rewrites a libyaml error as go-yaml v2 words it: `yaml: line N: <problem>`, where scanner
/// errors count lines from 1 and parser errors (go-yaml's quirk) from 0.
fn go_yaml_message(error: &yaml_serde::Error) -> String {
    let display = error.to_string();
    let debug = format!("{error:?}");
    let problem = [" at line ", " at position ", ", "]
        .iter()
        .filter_map(|sep| display.find(sep))
        .min()
        .map_or(display.as_str(), |i| &display[..i])
        .to_string();
    let problem = go_yaml_problem(&problem);
    let is_libyaml = debug.starts_with("Error {") || debug.contains("problem:");
    if !is_libyaml {
        return format!("yaml: {}", strip_position(&display));
    }
    let line = error.location().map_or(0, |l| l.line());
    let line = if debug.contains("kind: SCANNER") { line } else { line.saturating_sub(1) };
    if line == 0 {
        format!("yaml: {problem}")
    } else {
        format!("yaml: line {line}: {problem}")
    }
}

/// libyaml-rs words a few problems differently from the libyaml go-yaml was ported from.
fn go_yaml_problem(problem: &str) -> String {
    match problem {
        "found a tab character that violates indentation" => "found character that cannot start any token".into(),
        other => other.to_string(),
    }
}

fn strip_position(text: &str) -> &str {
    text.rfind(" at line ").map_or(text, |i| &text[..i])
}

/// What became of a document whose kind we looked up.
pub enum Mapping {
    Found(Kind),
    /// Already an error kubectl prints as is (unknown kind, missing kind).
    Failed(KubectlError),
}

/// Finds the kind of a document from `apiVersion` and `kind`, with kubectl's client-side errors.
pub fn map_kind(doc: &Document) -> Mapping {
    let (api_version, kind) = (doc.field("apiVersion"), doc.field("kind"));
    if kind.is_empty() || api_version.is_empty() {
        let mut missing = Vec::new();
        if api_version.is_empty() {
            missing.push("apiVersion not set");
        }
        if kind.is_empty() {
            missing.push("kind not set");
        }
        let listed = if missing.len() == 1 { missing[0].to_string() } else { format!("[{}]", missing.join(", ")) };
        return Mapping::Failed(KubectlError::msg(format!(
            "error validating \"{}\": error validating data: {listed}; if you choose to ignore these errors, turn validation off with --validate=false",
            doc.source
        )));
    }
    if let Some(found) = Kind::from_manifest(&api_version, &kind) {
        return Mapping::Found(found);
    }
    if let Some(known) = KNOWN_UNSIMULATED.iter().find(|(k, v)| *k == kind && *v == api_version) {
        return Mapping::Failed(KubectlError::msg(format!(
            "kubeplay does not simulate {} objects yet (\"{}\" from \"{}\")",
            known.0,
            doc.name(),
            doc.source
        )));
    }
    Mapping::Failed(KubectlError::msg(format!(
        "resource mapping not found for name: \"{}\" namespace: \"{}\" from \"{}\": no matches for kind \"{kind}\" in version \"{api_version}\"\nensure CRDs are installed first",
        doc.name(),
        doc.namespace(),
        doc.source
    )))
}

/// Real Kubernetes kinds the simulator does not store (yet): said plainly instead of pretending
/// they do not exist.
const KNOWN_UNSIMULATED: &[(&str, &str)] = &[
    ("ConfigMap", "v1"),
    ("Secret", "v1"),
    ("ServiceAccount", "v1"),
    ("PersistentVolumeClaim", "v1"),
    ("Endpoints", "v1"),
    ("StatefulSet", "apps/v1"),
    ("DaemonSet", "apps/v1"),
    ("Job", "batch/v1"),
    ("CronJob", "batch/v1"),
    ("HorizontalPodAutoscaler", "autoscaling/v2"),
];

/// Decodes a document into a typed object as the API server's strict decoder does: every
/// unknown field is reported with its path, wrong value types like Go's JSON decoder words them.
pub fn decode(kind: Kind, value: &Value) -> Result<Object, ApiError> {
    let name = kind.info().name;
    let prefix = format!("{name} in version \"v1\" cannot be handled as a {name}: ");
    let mut value = value.clone();
    let mut unknown = Vec::new();
    for _ in 0..64 {
        match decode_typed(kind, &value) {
            Ok(object) if unknown.is_empty() => {
                if let Some((path, found)) = scalar_where_string_expected(&value, &object.to_json(), "") {
                    let message = go_type_error(kind, &path, found, "string");
                    return Err(ApiError::bad_request(format!("{prefix}{message}")));
                }
                return Ok(object);
            }
            Ok(_) => break,
            Err(problem) => match problem {
                DecodeProblem::Unknown { path, field } => {
                    let full = if path.is_empty() { field.clone() } else { format!("{path}.{field}") };
                    unknown.push(format!("unknown field \"{full}\""));
                    if !remove_field(&mut value, &path, &field) {
                        break;
                    }
                }
                DecodeProblem::Other(message) => {
                    return Err(ApiError::bad_request(format!("{prefix}{message}")));
                }
            },
        }
    }
    Err(ApiError::bad_request(format!("{prefix}strict decoding error: {}", unknown.join(", "))))
}

/// The document without the fields the typed object does not have (`--validate=false`).
pub fn without_unknown_fields(kind: Kind, value: &Value) -> Value {
    let mut value = value.clone();
    for _ in 0..64 {
        match decode_typed(kind, &value) {
            Err(DecodeProblem::Unknown { path, field }) => {
                if !remove_field(&mut value, &path, &field) {
                    break;
                }
            }
            _ => break,
        }
    }
    value
}

/// Why a typed decode failed.
enum DecodeProblem {
    /// `path` is the dotted path of the object holding the field (`spec.template.spec.containers[0]`).
    Unknown { path: String, field: String },
    Other(String),
}

fn decode_typed(kind: Kind, value: &Value) -> Result<Object, DecodeProblem> {
    let text = serde_json::to_string(value).map_err(|e| DecodeProblem::Other(e.to_string()))?;
    let result = match kind {
        Kind::Pod => typed::<Pod>(&text).map(Object::Pod),
        Kind::Deployment => typed::<Deployment>(&text).map(Object::Deployment),
        Kind::ReplicaSet => typed::<ReplicaSet>(&text).map(Object::ReplicaSet),
        Kind::Namespace => typed::<Namespace>(&text).map(Object::Namespace),
        Kind::Node => typed::<Node>(&text).map(Object::Node),
        Kind::Event => typed::<Event>(&text).map(Object::Event),
        Kind::Service => typed::<Service>(&text).map(Object::Service),
        Kind::Endpoints => typed::<Endpoints>(&text).map(Object::Endpoints),
        Kind::EndpointSlice => typed::<EndpointSlice>(&text).map(Object::EndpointSlice),
        Kind::Ingress => typed::<Ingress>(&text).map(Object::Ingress),
        Kind::IngressClass => typed::<IngressClass>(&text).map(Object::IngressClass),
        Kind::ConfigMap => typed::<crate::cluster::objects::ConfigMap>(&text).map(Object::ConfigMap),
        Kind::Secret => typed::<crate::cluster::objects::Secret>(&text).map(Object::Secret),
        Kind::StatefulSet => typed::<crate::cluster::objects::StatefulSet>(&text).map(Object::StatefulSet),
        Kind::PersistentVolumeClaim => typed::<crate::cluster::objects::PersistentVolumeClaim>(&text).map(Object::PersistentVolumeClaim),
        Kind::PersistentVolume => typed::<crate::cluster::objects::PersistentVolume>(&text).map(Object::PersistentVolume),
        Kind::StorageClass => typed::<crate::cluster::objects::StorageClass>(&text).map(Object::StorageClass),
        Kind::ControllerRevision => typed::<crate::cluster::objects::ControllerRevision>(&text).map(Object::ControllerRevision),
        Kind::DaemonSet => typed::<crate::cluster::objects::DaemonSet>(&text).map(Object::DaemonSet),
        Kind::Job => typed::<crate::cluster::objects::Job>(&text).map(Object::Job),
        Kind::CronJob => typed::<crate::cluster::objects::CronJob>(&text).map(Object::CronJob),
    };
    result.map_err(|e| classify(kind, value, &e))
}

fn typed<T: DeserializeOwned>(json_text: &str) -> Result<T, yaml_serde::Error> {
    yaml_serde::from_str(json_text)
}

/// Turns a serde error (`spec.template.spec.containers[0]: unknown field `imagee`, expected ...`)
/// into what the server would say.
fn classify(kind: Kind, value: &Value, error: &yaml_serde::Error) -> DecodeProblem {
    let text = strip_position(&error.to_string()).to_string();
    let (path, message) = split_path(&text);
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let field = rest.split('`').next().unwrap_or_default().to_string();
        return DecodeProblem::Unknown { path, field };
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let field = rest.split('`').next().unwrap_or_default();
        let full = if path.is_empty() { field.to_string() } else { format!("{path}.{field}") };
        return DecodeProblem::Other(format!("strict decoding error: missing required field \"{full}\""));
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let expected = rest.split(", expected ").nth(1).unwrap_or_default();
        return DecodeProblem::Other(type_mismatch(kind, value, &path, expected));
    }
    DecodeProblem::Other(message)
}

/// `spec.replicas: invalid type ...` → (`spec.replicas`, `invalid type ...`); root errors have no path.
fn split_path(text: &str) -> (String, String) {
    let looks_like_path = |p: &str| !p.is_empty() && !p.contains(' ');
    match text.split_once(": ") {
        Some((p, rest)) if looks_like_path(p) && p != "." => (p.to_string(), rest.to_string()),
        _ => (String::new(), text.to_string()),
    }
}

/// Go's `json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32`.
fn type_mismatch(kind: Kind, value: &Value, path: &str, expected: &str) -> String {
    let found = pointer_of(path).and_then(|p| value.pointer(&p).cloned()).unwrap_or(Value::Null);
    let field = path.rsplit('.').next().map(strip_index).unwrap_or_default();
    go_type_error(kind, path, json_type_name(&found), &go_type_of(field, expected))
}

fn json_type_name(value: &Value) -> &'static str {
    match value {
        Value::String(_) => "string",
        Value::Number(_) => "number",
        Value::Bool(_) => "bool",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
        Value::Null => "null",
    }
}

fn go_type_error(kind: Kind, path: &str, json_type: &str, go_type: &str) -> String {
    let segments: Vec<&str> = path.split('.').collect();
    let parent = parent_type(kind, &segments);
    let go_path: Vec<&str> = segments.iter().map(|s| strip_index(s)).collect();
    format!("json: cannot unmarshal {json_type} into Go struct field {parent}.{} of type {go_type}", go_path.join("."))
}

/// YAML lets `value: true` become the string "true"; Go's decoder does not. Finds the first
/// number or boolean the user wrote where the typed object holds a string.
fn scalar_where_string_expected(written: &Value, typed: &Value, path: &str) -> Option<(String, &'static str)> {
    match (written, typed) {
        (Value::Object(w), Value::Object(t)) => w.iter().find_map(|(k, wv)| {
            let child = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
            t.get(k).and_then(|tv| scalar_where_string_expected(wv, tv, &child))
        }),
        (Value::Array(w), Value::Array(t)) => w
            .iter()
            .zip(t)
            .enumerate()
            .find_map(|(i, (wv, tv))| scalar_where_string_expected(wv, tv, &format!("{path}[{i}]"))),
        (Value::Bool(_) | Value::Number(_), Value::String(_)) => Some((path.to_string(), json_type_name(written))),
        _ => None,
    }
}

fn strip_index(segment: &str) -> &str {
    segment.split('[').next().unwrap_or(segment)
}

/// The Go struct that holds the last field of `segments`.
fn parent_type(kind: Kind, segments: &[&str]) -> String {
    if segments.len() < 2 {
        return kind.info().name.to_string();
    }
    let parent = strip_index(segments[segments.len() - 2]);
    let grand = if segments.len() >= 3 { strip_index(segments[segments.len() - 3]) } else { "" };
    let name = match (grand, parent) {
        ("", "spec") => format!("{}Spec", kind.info().name),
        ("", "status") => format!("{}Status", kind.info().name),
        ("template", "spec") => "PodSpec".into(),
        (_, "metadata") => "ObjectMeta".into(),
        (_, "template") => "PodTemplateSpec".into(),
        (_, "containers" | "initContainers") => "Container".into(),
        (_, "ports") => "ContainerPort".into(),
        (_, "env") => "EnvVar".into(),
        (_, "selector") => "LabelSelector".into(),
        (_, "volumes") => "Volume".into(),
        (_, "volumeMounts") => "VolumeMount".into(),
        (_, "strategy") => "DeploymentStrategy".into(),
        (_, "rollingUpdate") => "RollingUpdateDeployment".into(),
        (_, "resources") => "ResourceRequirements".into(),
        (_, other) => {
            let mut chars = other.chars();
            chars.next().map(|c| c.to_ascii_uppercase().to_string() + chars.as_str()).unwrap_or_default()
        }
    };
    name
}

/// The Go type of a field, from serde's "expected ..." text and the field's name.
fn go_type_of(field: &str, expected: &str) -> String {
    match expected {
        "i64" | "i32" | "u64" | "u32" => {
            if field.ends_with("Seconds") && field != "minReadySeconds" && field != "progressDeadlineSeconds" {
                "int64".into()
            } else {
                "int32".into()
            }
        }
        "a string" => "string".into(),
        "a boolean" => "bool".into(),
        e if e.starts_with("a sequence") => match field {
            "containers" | "initContainers" => "[]v1.Container".into(),
            "ports" => "[]v1.ContainerPort".into(),
            "env" => "[]v1.EnvVar".into(),
            "volumes" => "[]v1.Volume".into(),
            "volumeMounts" => "[]v1.VolumeMount".into(),
            _ => "[]string".into(),
        },
        e if e.starts_with("a map") => "map[string]string".into(),
        e if e.starts_with("struct ") => {
            let name = e.trim_start_matches("struct ");
            format!("v1.{}", go_struct_name(name))
        }
        other => other.to_string(),
    }
}

/// Our struct names where they differ from the Go ones.
fn go_struct_name(rust: &str) -> &str {
    match rust {
        "RollingUpdate" => "RollingUpdateDeployment",
        other => other,
    }
}

/// `spec.containers[0].image` → `/spec/containers/0/image`.
fn pointer_of(path: &str) -> Option<String> {
    if path.is_empty() {
        return Some(String::new());
    }
    let mut pointer = String::new();
    for segment in path.split('.') {
        let mut parts = segment.split('[');
        pointer.push('/');
        pointer.push_str(parts.next()?);
        for index in parts {
            pointer.push('/');
            pointer.push_str(index.trim_end_matches(']'));
        }
    }
    Some(pointer)
}

/// Removes `field` from the object at `path`; false when it is not there.
fn remove_field(value: &mut Value, path: &str, field: &str) -> bool {
    let Some(pointer) = pointer_of(path) else { return false };
    match value.pointer_mut(&pointer) {
        Some(Value::Object(map)) => map.remove(field).is_some(),
        _ => false,
    }
}

/// Reads every document of every source: the documents that decode to a kind we serve, and the
/// errors (syntax errors, unknown kinds) in the order kubectl reports them.
pub fn collect(sources: &[Source]) -> (Vec<(Kind, Document)>, Vec<KubectlError>) {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for source in sources {
        let (documents, broken) = parse_documents(source);
        for doc in documents {
            match map_kind(&doc) {
                Mapping::Found(kind) => found.push((kind, doc)),
                Mapping::Failed(e) => errors.push(e),
            }
        }
        errors.extend(broken);
    }
    (found, errors)
}

/// Prints several errors as kubectl's aggregate does: one alone keeps its `error: ` form, several
/// are listed one per line without the prefix.
pub fn render_errors(errors: &[KubectlError]) -> String {
    if errors.len() == 1 {
        return errors[0].render();
    }
    errors
        .iter()
        .map(|e| {
            let text = e.render();
            text.strip_prefix("error: ").map(str::to_string).unwrap_or(text)
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str, text: &str) -> Source {
        Source { name: name.into(), text: text.into() }
    }

    fn one(text: &str) -> Document {
        let (docs, err) = parse_documents(&source("d.yaml", text));
        assert!(err.is_none(), "{:?}", err.map(|e| e.render()));
        docs.into_iter().next().expect("one document")
    }

    #[test]
    fn tutorial_manifests_decode() {
        for file in ["depl.yaml", "env-depl.yaml", "pod.yaml"] {
            let text = std::fs::read_to_string(format!("kube/{file}")).expect("tutorial file");
            let doc = one(&text);
            let Mapping::Found(kind) = map_kind(&doc) else { panic!("kind of {file}") };
            decode(kind, &doc.value).unwrap_or_else(|e| panic!("{file}: {}", e.message));
        }
    }

    #[test]
    fn flow_lists_comments_and_quotes() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: rickroller # <- the name\nspec:\n  containers:\n    - name: sh\n      image: busybox\n      command: ['sh', '-c', 'while 1; do sleep 10; done']\n    - name: rickroller\n      image: \"derlin/rickroller:latest\"\n      ports:\n        - containerPort: 8080\n";
        let doc = one(text);
        let Ok(Object::Pod(pod)) = decode(Kind::Pod, &doc.value) else { panic!("pod") };
        assert_eq!(pod.spec.containers[0].command, vec!["sh", "-c", "while 1; do sleep 10; done"]);
        assert_eq!(pod.spec.containers[1].image, "derlin/rickroller:latest");
        assert_eq!(pod.metadata.name, "rickroller");
    }

    #[test]
    fn syntax_errors_name_the_file_and_line() {
        let (_, err) = parse_documents(&source("kube/x.yaml", "apiVersion: v1\nkind: Pod\nmetadata: name: x\n"));
        assert_eq!(
            err.map(|e| e.render()),
            Some("error: error parsing kube/x.yaml: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context".into())
        );
    }

    #[test]
    fn syntax_error_in_second_document_keeps_the_first() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: Pod\nmetadata: name: b\n";
        let (docs, err) = parse_documents(&source("two.yaml", text));
        assert_eq!(docs.len(), 1);
        // Real kubectl (checked with v1.32) counts lines from the start of the broken document.
        assert_eq!(
            err.map(|e| e.render()),
            Some("error: error parsing two.yaml: error converting YAML to JSON: yaml: line 3: mapping values are not allowed in this context".into())
        );
    }

    #[test]
    fn unknown_kind_is_a_mapping_error() {
        let doc = one("apiVersion: apps/v1\nkind: Deploymnt\nmetadata:\n  name: nginx\n");
        let Mapping::Failed(e) = map_kind(&doc) else { panic!("should fail") };
        assert_eq!(e.render(), "error: resource mapping not found for name: \"nginx\" namespace: \"\" from \"d.yaml\": no matches for kind \"Deploymnt\" in version \"apps/v1\"\nensure CRDs are installed first");
    }

    #[test]
    fn unknown_fields_are_all_listed_with_paths() {
        let text = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replicass: 1\n  selector:\n    matchLabels: {app: x}\n  template:\n    metadata:\n      labels: {app: x}\n    spec:\n      containers:\n      - name: x\n        imagee: nginx\n";
        let doc = one(text);
        let e = decode(Kind::Deployment, &doc.value).unwrap_err();
        assert_eq!(e.render(Some("error when creating \"d.yaml\"")), "Error from server (BadRequest): error when creating \"d.yaml\": Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.replicass\", unknown field \"spec.template.spec.containers[0].imagee\"");
    }

    #[test]
    fn wrong_types_read_like_go() {
        let doc = one("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replicas: \"3\"\n");
        let e = decode(Kind::Deployment, &doc.value).unwrap_err();
        assert_eq!(e.message, "Deployment in version \"v1\" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32");
        let doc = one("apiVersion: v1\nkind: Pod\nmetadata:\n  name: x\nspec:\n  containers:\n  - name: a\n    image: b\n    env:\n    - name: X\n      value: true\n");
        let e = decode(Kind::Pod, &doc.value).unwrap_err();
        assert_eq!(e.message, "Pod in version \"v1\" cannot be handled as a Pod: json: cannot unmarshal bool into Go struct field EnvVar.spec.containers.env.value of type string");
    }

    #[test]
    fn separators_and_empty_documents() {
        let text = "---\n# just a comment\n---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n--- # next\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: b\n";
        let (docs, err) = parse_documents(&source("n.yaml", text));
        assert!(err.is_none());
        assert_eq!(docs.iter().map(Document::name).collect::<Vec<_>>(), vec!["a", "b"]);
    }
}
