//! `--field-selector metadata.name=x,status.phase!=Running`: a field query the API server
//! evaluates. Each kind supports only a few fields (every kind `metadata.name` and
//! `metadata.namespace`; pods also their node, phase, IP...); any other field is refused with the
//! server's BadRequest, as a real API server does.

use super::KubectlError;
use crate::cluster::objects::{Kind, Object};
use serde_json::Value;

/// One `field=value` or `field!=value` term.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Term {
    field: String,
    value: String,
    equal: bool,
}

/// A parsed field selector: every term must hold (comma = AND). Empty matches everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldSelector {
    /// The text as typed, for the server's error messages.
    text: String,
    terms: Vec<Term>,
}

/// Fields every kind can be selected on.
const COMMON_FIELDS: &[&str] = &["metadata.name", "metadata.namespace"];

/// Extra fields the API server indexes, by resource plural.
const EXTRA_FIELDS: &[(&str, &[&str])] = &[
    (
        "pods",
        &[
            "spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork",
            "status.phase", "status.podIP", "status.nominatedNodeName",
        ],
    ),
    (
        "events",
        &[
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
            "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
            "reportingComponent", "source", "type",
        ],
    ),
    ("secrets", &["type"]),
    ("namespaces", &["status.phase"]),
    ("nodes", &["spec.unschedulable"]),
    ("replicasets", &["status.replicas"]),
    ("jobs", &["status.successful"]),
    ("services", &["spec.clusterIP", "spec.type"]),
];

impl FieldSelector {
    /// Parses `a=b,c==d,e!=f`; an empty text selects everything.
    pub fn parse(text: &str) -> Result<FieldSelector, KubectlError> {
        let mut terms = Vec::new();
        for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (field, value, equal) = if let Some((f, v)) = part.split_once("!=") {
                (f, v, false)
            } else if let Some((f, v)) = part.split_once("==") {
                (f, v, true)
            } else if let Some((f, v)) = part.split_once('=') {
                (f, v, true)
            } else {
                return Err(KubectlError::msg(format!("invalid selector: '{text}'; can't understand '{part}'")));
            };
            terms.push(Term { field: field.trim().to_string(), value: value.trim().to_string(), equal });
        }
        Ok(FieldSelector { text: text.to_string(), terms })
    }

    /// Whether no term was given.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The server's refusal when a term names a field `kind` does not support; `label_selector`
    /// is the `-l` text, which the message quotes too.
    pub fn check_supported(&self, kind: Kind, label_selector: &str) -> Result<(), KubectlError> {
        let info = kind.info();
        let Some(bad) = self.terms.iter().find(|t| !supported(info.plural, &t.field)) else { return Ok(()) };
        Err(KubectlError::Raw(format!(
            "Error from server (BadRequest): Unable to find \"{}/{}, Resource={}\" that match label selector \"{label_selector}\", field selector \"{}\": field label not supported: {}",
            info.group, info.version, info.plural, self.text, bad.field
        )))
    }

    /// Whether the object satisfies every term (unsupported fields never match).
    pub fn matches(&self, object: &Object) -> bool {
        if self.terms.is_empty() {
            return true;
        }
        let json = object.to_json();
        self.terms.iter().all(|t| (field_text(&json, json_path_of(&t.field)) == t.value) == t.equal)
    }
}

fn supported(plural: &str, field: &str) -> bool {
    COMMON_FIELDS.contains(&field)
        || EXTRA_FIELDS.iter().any(|(p, fields)| *p == plural && fields.contains(&field))
}

/// Where a selectable field lives in the object: the same path, except events' `source`, which is
/// the reporting component.
fn json_path_of(field: &str) -> &str {
    if field == "source" { "source.component" } else { field }
}

/// The value of a dotted field as the server compares it: strings as is, numbers and booleans as
/// text, absent booleans `false`, anything else absent is empty.
fn field_text(json: &Value, path: &str) -> String {
    let mut at = json;
    for key in path.split('.') {
        match at.get(key) {
            Some(next) => at = next,
            None => return if path == "spec.hostNetwork" || path == "spec.unschedulable" { "false".into() } else { String::new() },
        }
    }
    match at {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::objects::{ObjectMeta, Pod};

    fn pod(name: &str, phase: &str, node: &str) -> Object {
        let mut pod = Pod { metadata: ObjectMeta { name: name.into(), namespace: "default".into(), ..Default::default() }, ..Default::default() };
        pod.status.phase = phase.into();
        pod.spec.node_name = node.into();
        Object::Pod(pod)
    }

    #[test]
    fn terms_are_anded_and_support_equal_double_equal_and_not_equal() {
        let running = pod("web", "Running", "kubeplay-worker");
        let pending = pod("db", "Pending", "");
        let s = FieldSelector::parse("status.phase=Running").unwrap();
        assert!(s.matches(&running) && !s.matches(&pending));
        let s = FieldSelector::parse("status.phase!=Running,metadata.name==db").unwrap();
        assert!(!s.matches(&running) && s.matches(&pending));
        let s = FieldSelector::parse("spec.nodeName=").unwrap();
        assert!(!s.matches(&running) && s.matches(&pending), "unscheduled pods have an empty node name");
        assert!(FieldSelector::parse("").unwrap().matches(&running));
    }

    #[test]
    fn unsupported_fields_get_the_servers_bad_request() {
        let s = FieldSelector::parse("foo=bar").unwrap();
        assert_eq!(
            s.check_supported(Kind::Pod, "").unwrap_err().render(),
            "Error from server (BadRequest): Unable to find \"/v1, Resource=pods\" that match label selector \"\", field selector \"foo=bar\": field label not supported: foo"
        );
        let s = FieldSelector::parse("metadata.name=x,status.phase=Running").unwrap();
        assert!(s.check_supported(Kind::Pod, "").is_ok());
        assert_eq!(
            s.check_supported(Kind::Deployment, "app=x").unwrap_err().render(),
            "Error from server (BadRequest): Unable to find \"apps/v1, Resource=deployments\" that match label selector \"app=x\", field selector \"metadata.name=x,status.phase=Running\": field label not supported: status.phase"
        );
        assert_eq!(FieldSelector::parse("oops").unwrap_err().render(), "error: invalid selector: 'oops'; can't understand 'oops'");
    }
}
