//! kubectl's generic describer, for kinds without a describer of their own (ControllerRevision):
//! name, namespace, labels and annotations, then every other field of the object as nested
//! `Title Case:` labels, keys sorted, and the events.

use super::common::{annotations_multiline, events, labels_multiline};
use super::writer::DescribeWriter;
use crate::cluster::objects::{Event, Object, Time};
use serde_json::{Map, Value};

/// Paths the generic describer leaves out (they are printed above the field dump).
const SKIPPED: &[&str] = &[".metadata.managedFields", ".metadata.name", ".metadata.namespace", ".metadata.labels", ".metadata.annotations"];

/// The generic describe text of any object.
pub fn describe_generic(object: &Object, object_events: &[Event], now: Time) -> String {
    let mut w = DescribeWriter::new();
    let meta = object.meta();
    w.write(0, &format!("Name:\t{}\n", meta.name));
    w.write(0, &format!("Namespace:\t{}\n", meta.namespace));
    labels_multiline(&mut w, "Labels", &meta.labels);
    annotations_multiline(&mut w, "Annotations", &meta.annotations);
    if let Value::Object(content) = object.to_json() {
        fields(&mut w, 0, &content, "");
    }
    events(&mut w, object_events, now);
    w.finish()
}

fn fields(w: &mut DescribeWriter, level: usize, content: &Map<String, Value>, prefix: &str) {
    // serde_json's map keeps keys sorted, as Go's describer sorts them.
    for (field, value) in content {
        let path = format!("{prefix}.{field}");
        if SKIPPED.contains(&path.as_str()) {
            continue;
        }
        let label = smart_label(field);
        match value {
            Value::Object(map) => {
                w.write(level, &format!("{label}:\n"));
                fields(w, level + 1, map, &path);
            }
            Value::Array(items) => {
                w.write(level, &format!("{label}:\n"));
                for item in items {
                    match item {
                        Value::Object(map) => fields(w, level + 1, map, &path),
                        other => w.write(level + 1, &format!("{}\n", go_value(other))),
                    }
                }
            }
            other => w.write(level, &format!("{label}:\t{}\n", go_value(other))),
        }
    }
}

/// A scalar as Go's `%v` prints it.
fn go_value(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => "<nil>".into(),
        other => other.to_string(),
    }
}

/// `apiVersion` → `API Version`, `creationTimestamp` → `Creation Timestamp`; names with
/// characters other than letters and `-` (like `$patch`) stay as they are.
pub fn smart_label(field: &str) -> String {
    if field.chars().any(|c| !c.is_alphabetic() && c != '-') {
        return field.to_string();
    }
    camel_words(field)
        .into_iter()
        .map(|word| {
            let upper = word.to_uppercase();
            if ["API", "URL", "UID", "GUID"].contains(&upper.as_str()) {
                upper
            } else if word.to_lowercase() == word {
                let mut chars = word.chars();
                chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
            } else {
                word
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Splits camelCase into words: a new word starts at a lower-to-upper change, and before the
/// last capital of a run of capitals followed by a lower-case letter (`HTTPServer` → HTTP Server).
fn camel_words(field: &str) -> Vec<String> {
    let chars: Vec<char> = field.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| chars[p]);
        let next = chars.get(i + 1).copied();
        let lower_to_upper = prev.is_some_and(|p| p.is_lowercase()) && c.is_uppercase();
        let end_of_capitals = prev.is_some_and(|p| p.is_uppercase()) && c.is_uppercase() && next.is_some_and(|n| n.is_lowercase());
        if (lower_to_upper || end_of_capitals) && !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
        current.push(c);
    }
    if !current.is_empty() {
        words.push(current);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::smart_label;

    #[test]
    fn labels_are_split_and_titled_like_kubectl() {
        assert_eq!(smart_label("apiVersion"), "API Version");
        assert_eq!(smart_label("creationTimestamp"), "Creation Timestamp");
        assert_eq!(smart_label("uid"), "UID");
        assert_eq!(smart_label("dnsPolicy"), "Dns Policy");
        assert_eq!(smart_label("$patch"), "$patch");
        assert_eq!(smart_label("app.kubernetes.io/name"), "app.kubernetes.io/name");
    }
}
