//! Just enough YAML lexing to colour the editor (comments, keys, strings, literals) and to find the
//! line an error message names.

/// Splits one line into (CSS class, text) parts whose texts joined give the line back.
pub fn colour_line(line: &str) -> Vec<(&'static str, &str)> {
    let body_start = line.len() - line.trim_start().len();
    let (indent, body) = line.split_at(body_start);
    let mut parts = vec![("", indent)];
    if body.starts_with('#') {
        parts.push(("y-comment", body));
        return parts;
    }
    let mut rest = body;
    while let Some(after) = rest.strip_prefix("- ") {
        parts.push(("y-dash", "- "));
        rest = after;
    }
    if rest == "-" || rest == "---" {
        parts.push(("y-dash", rest));
        return parts;
    }
    if let Some(colon) = key_end(rest) {
        let (key, value) = rest.split_at(colon);
        parts.push(("y-key", key));
        rest = value;
        let mark_len = if rest.starts_with(": ") { 2 } else { 1 };
        parts.push(("", &rest[..mark_len]));
        rest = &rest[mark_len..];
    }
    if !rest.is_empty() {
        parts.push((value_class(rest.trim()), rest));
    }
    parts
}

/// Where `key:` ends in `text` (the colon's index), if the text starts with a plain key.
fn key_end(text: &str) -> Option<usize> {
    if text.starts_with(['"', '\'', '{', '[', '|', '>']) {
        return None;
    }
    let colon = text.find(": ").or_else(|| text.ends_with(':').then(|| text.len() - 1))?;
    (!text[..colon].contains(" #")).then_some(colon)
}

/// The class of a scalar value.
fn value_class(value: &str) -> &'static str {
    if value.starts_with('#') {
        "y-comment"
    } else if value.starts_with(['"', '\'']) {
        "y-string"
    } else if matches!(value, "true" | "false" | "null" | "~") || value.parse::<f64>().is_ok() {
        "y-literal"
    } else {
        "y-value"
    }
}

/// The 1-based line a YAML error names (`yaml: line 3: ...`, `line 3, column 2`).
pub fn error_line(message: &str) -> Option<usize> {
    let at = message.find("line ")? + "line ".len();
    let digits: String = message[at..].chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok().filter(|n| *n > 0)
}
