//! `-o json`: four-space indentation and Go's HTML-safe escaping, as `kubectl get -o json`.

use serde::Serialize;
use serde_json::Value;

/// The JSON text of a value, ending with a newline.
pub fn to_json(value: &Value) -> String {
    let mut buffer = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut serializer = serde_json::Serializer::with_formatter(&mut buffer, formatter);
    if value.serialize(&mut serializer).is_err() {
        return "null\n".into();
    }
    let text = String::from_utf8_lossy(&buffer);
    let mut out = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn four_space_indent_and_html_escapes() {
        let value = json!({"data": {"a": "<b>&"}, "items": [], "kind": "List", "metadata": {}});
        let expected = "{\n    \"data\": {\n        \"a\": \"\\u003cb\\u003e\\u0026\"\n    },\n    \"items\": [],\n    \"kind\": \"List\",\n    \"metadata\": {}\n}\n";
        assert_eq!(to_json(&value), expected);
    }
}
