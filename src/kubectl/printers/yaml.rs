//! `-o yaml`: our own emitter, byte-compatible with what kubectl prints (objects go through JSON
//! and then go-yaml v2 via `sigs.k8s.io/yaml`): keys in go-yaml's natural order, sequences not
//! indented under their key, go-yaml's quoting rules, `|` blocks and line folding at 80 columns.

use serde_json::Value;
use std::cmp::Ordering;

/// Past this column a plain scalar breaks at the next space (go-yaml's `best_width`).
const BEST_WIDTH: usize = 80;

/// The YAML text of a value, ending with a newline.
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => write_mapping(&mut out, map, 0),
        Value::Array(items) if !items.is_empty() => write_sequence(&mut out, items, 0),
        other => {
            out.push_str(&scalar_text(other, 0, 0, false));
            out.push('\n');
        }
    }
    out
}

/// Writes a non-empty mapping whose keys start at `indent`; the first key is written at the
/// current position (the caller has already indented it or written `- `).
fn write_mapping(out: &mut String, map: &serde_json::Map<String, Value>, indent: usize) {
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort_by(|a, b| natural_key_order(a, b));
    for (i, key) in keys.iter().enumerate() {
        if i > 0 {
            push_indent(out, indent);
        }
        let key_text = scalar_text(&Value::String((*key).clone()), indent, indent, true);
        out.push_str(&key_text);
        out.push(':');
        let value = &map[key.as_str()];
        match value {
            Value::Object(inner) if !inner.is_empty() => {
                out.push('\n');
                push_indent(out, indent + 2);
                write_mapping(out, inner, indent + 2);
            }
            Value::Array(items) if !items.is_empty() => {
                out.push('\n');
                push_indent(out, indent);
                write_sequence(out, items, indent);
            }
            scalar => {
                out.push(' ');
                let column = indent + key_text.chars().count() + 2;
                out.push_str(&scalar_text(scalar, indent + 2, column, false));
                out.push('\n');
            }
        }
    }
}

/// Writes a non-empty sequence whose dashes are at `indent`; the first dash at the current position.
fn write_sequence(out: &mut String, items: &[Value], indent: usize) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            push_indent(out, indent);
        }
        out.push_str("- ");
        match item {
            Value::Object(inner) if !inner.is_empty() => write_mapping(out, inner, indent + 2),
            Value::Array(inner) if !inner.is_empty() => write_sequence(out, inner, indent + 2),
            scalar => {
                out.push_str(&scalar_text(scalar, indent + 2, indent + 2, false));
                out.push('\n');
            }
        }
    }
}

fn push_indent(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// A scalar as go-yaml writes it. `indent` is where continuation lines start, `column` where the
/// scalar itself starts; keys (`is_key`) are never folded or written as blocks.
fn scalar_text(value: &Value, indent: usize, column: usize, is_key: bool) -> String {
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => string_text(s, indent, column, is_key),
        Value::Object(_) => "{}".into(),
        Value::Array(_) => "[]".into(),
    }
}

fn string_text(s: &str, indent: usize, column: usize, is_key: bool) -> String {
    if resolves_to_non_string(s) {
        return double_quoted(s);
    }
    let analysis = Analysis::of(s);
    if s.contains('\n') && !is_key {
        if analysis.block_allowed {
            return literal_block(s, indent);
        }
        return double_quoted(s);
    }
    if analysis.plain_allowed {
        return if is_key { s.to_string() } else { fold(s, indent, column) };
    }
    if analysis.single_allowed {
        let quoted = format!("'{}'", s.replace('\'', "''"));
        return if is_key { quoted } else { fold(&quoted, indent, column) };
    }
    double_quoted(s)
}

/// What go-yaml's scalar analysis allows for a string.
struct Analysis {
    plain_allowed: bool,
    single_allowed: bool,
    block_allowed: bool,
}

impl Analysis {
    fn of(s: &str) -> Analysis {
        let chars: Vec<char> = s.chars().collect();
        if chars.is_empty() {
            return Analysis { plain_allowed: false, single_allowed: true, block_allowed: false };
        }
        let mut indicators = s.starts_with("---") || s.starts_with("...");
        let mut special = false;
        let mut line_breaks = false;
        let (mut space_break, mut break_space) = (false, false);
        let mut previous_space = false;
        let mut previous_break = false;
        let mut preceded_by_whitespace = true;
        for (i, &c) in chars.iter().enumerate() {
            let followed_by_whitespace = chars.get(i + 1).is_none_or(|n| matches!(n, ' ' | '\t' | '\n' | '\r'));
            if i == 0 {
                match c {
                    '#' | ',' | '[' | ']' | '{' | '}' | '&' | '*' | '!' | '|' | '>' | '\'' | '"' | '%' | '@' | '`' => {
                        indicators = true
                    }
                    '?' | ':' | '-' if followed_by_whitespace => indicators = true,
                    _ => {}
                }
            } else {
                match c {
                    ':' if followed_by_whitespace => indicators = true,
                    '#' if preceded_by_whitespace => indicators = true,
                    _ => {}
                }
            }
            if !is_printable(c) {
                special = true;
            }
            if c == '\n' {
                line_breaks = true;
            }
            if c == ' ' {
                if previous_break {
                    break_space = true;
                }
                previous_space = true;
                previous_break = false;
            } else if c == '\n' {
                if previous_space {
                    space_break = true;
                }
                previous_break = true;
                previous_space = false;
            } else {
                previous_space = false;
                previous_break = false;
            }
            preceded_by_whitespace = matches!(c, ' ' | '\t' | '\n' | '\r');
        }
        let leading_space = chars[0] == ' ';
        let leading_break = chars[0] == '\n';
        let trailing_space = chars[chars.len() - 1] == ' ';
        let trailing_break = chars[chars.len() - 1] == '\n';
        let mut plain = !(indicators || line_breaks || leading_space || leading_break || trailing_space || trailing_break);
        let mut single = true;
        let mut block = !trailing_space;
        if break_space {
            plain = false;
            single = false;
        }
        if space_break || special {
            plain = false;
            single = false;
            block = false;
        }
        Analysis { plain_allowed: plain, single_allowed: single, block_allowed: block }
    }
}

/// Printable in go-yaml's sense (tab and other control characters are not).
fn is_printable(c: char) -> bool {
    let u = c as u32;
    u == 0x0A
        || (0x20..=0x7E).contains(&u)
        || u == 0x85
        || ((0xA0..=0xD7FF).contains(&u) && u != 0xFEFF)
        || (0xE000..=0xFFFD).contains(&u) && u != 0xFEFF
        || (0x10000..=0x10FFFF).contains(&u)
}

/// Breaks a plain or single-quoted scalar at a space once past column 80, continuing at `indent`.
fn fold(text: &str, indent: usize, start_column: usize) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut column = start_column;
    let mut previous_space = false;
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let next_is_space = chars.get(i + 1) == Some(&' ');
            let last = i + 1 == chars.len();
            if !previous_space && column > BEST_WIDTH && !next_is_space && !last && i > 0 {
                out.push('\n');
                out.extend(std::iter::repeat_n(' ', indent));
                column = indent;
            } else {
                out.push(c);
                column += 1;
            }
            previous_space = true;
        } else {
            out.push(c);
            column += 1;
            previous_space = false;
        }
    }
    out
}

/// `|`, `|-`, `|+` (with `2` when the text starts with a space or newline) and the lines.
fn literal_block(s: &str, indent: usize) -> String {
    let mut header = String::from("|");
    if s.starts_with(' ') || s.starts_with('\n') {
        header.push('2');
    }
    if !s.ends_with('\n') {
        header.push('-');
    } else if s.ends_with("\n\n") {
        header.push('+');
    }
    let body = s.strip_suffix('\n').unwrap_or(s);
    let mut out = header;
    for line in body.split('\n') {
        out.push('\n');
        if !line.is_empty() {
            out.extend(std::iter::repeat_n(' ', indent));
            out.push_str(line);
        }
    }
    out
}

/// A double-quoted scalar with YAML escapes.
fn double_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if !is_printable(c) || c == '\u{FEFF}' => {
                let u = c as u32;
                if u <= 0xFF {
                    out.push_str(&format!("\\x{u:02X}"));
                } else if u <= 0xFFFF {
                    out.push_str(&format!("\\u{u:04X}"));
                } else {
                    out.push_str(&format!("\\U{u:08X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether go-yaml would read this text, unquoted, as something other than a string
/// (booleans, null, numbers, timestamps, sexagesimal floats).
fn resolves_to_non_string(s: &str) -> bool {
    const WORDS: &[&str] = &[
        "y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "n", "N", "no", "No", "NO",
        "false", "False", "FALSE", "off", "Off", "OFF", "", "~", "null", "Null", "NULL", ".nan", ".NaN",
        ".NAN", ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF", "-.inf", "-.Inf", "-.INF",
    ];
    if WORDS.contains(&s) {
        return true;
    }
    let Some(first) = s.chars().next() else { return true };
    match first {
        '.' => is_go_float(s),
        '0'..='9' | '+' | '-' => {
            is_timestamp(s) || {
                let plain = s.replace('_', "");
                is_go_int(&plain) || is_yaml_float(&plain) || is_binary(&plain)
            } || is_base60_float(s)
        }
        _ => false,
    }
}

/// Go's `strconv.ParseInt(s, 0, 64)` (or ParseUint) succeeding.
fn is_go_int(s: &str) -> bool {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let lower = body.to_ascii_lowercase();
    let (digits, radix) = if let Some(d) = lower.strip_prefix("0x") {
        (d.to_string(), 16)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (d.to_string(), 8)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (d.to_string(), 2)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (lower[1..].to_string(), 8)
    } else {
        (lower.clone(), 10)
    };
    !digits.is_empty() && u128::from_str_radix(&digits, radix).is_ok_and(|v| v <= u64::MAX as u128)
}

fn is_binary(s: &str) -> bool {
    let body = s.strip_prefix('-').unwrap_or(s);
    body.strip_prefix("0b").is_some_and(|d| !d.is_empty() && d.chars().all(|c| c == '0' || c == '1'))
}

/// go-yaml's float pattern `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_float(s: &str) -> bool {
    let b = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (mantissa, exponent) = match b.find(['e', 'E']) {
        Some(i) => (&b[..i], Some(&b[i + 1..])),
        None => (b, None),
    };
    let digits = |t: &str| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit());
    let mantissa_ok = if let Some(frac) = mantissa.strip_prefix('.') {
        digits(frac)
    } else {
        match mantissa.split_once('.') {
            Some((int, frac)) => digits(int) && (frac.is_empty() || digits(frac)),
            None => digits(mantissa),
        }
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    mantissa_ok && exponent_ok
}

/// Go's `strconv.ParseFloat` for texts starting with a dot.
fn is_go_float(s: &str) -> bool {
    is_yaml_float(s)
}

/// `1:20` and the like (YAML 1.1 base-60 floats), which go-yaml quotes.
fn is_base60_float(s: &str) -> bool {
    let body = s.strip_prefix(['+', '-']).unwrap_or(s);
    let (main, frac) = match body.split_once('.') {
        Some((m, f)) => (m, Some(f)),
        None => (body, None),
    };
    let mut parts = main.split(':');
    let Some(head) = parts.next() else { return false };
    let head_ok = head.starts_with(|c: char| c.is_ascii_digit()) && head.chars().all(|c| c.is_ascii_digit() || c == '_');
    let rest: Vec<&str> = parts.collect();
    head_ok
        && !rest.is_empty()
        && rest.iter().all(|p| {
            (1..=2).contains(&p.len())
                && p.chars().all(|c| c.is_ascii_digit())
                && (p.len() == 1 || p.as_bytes()[0] <= b'5')
        })
        && frac.is_none_or(|f| f.chars().all(|c| c.is_ascii_digit() || c == '_'))
}

/// The timestamp layouts go-yaml tries: `2006-1-2`, `2006-1-2T15:4:5.999Z07:00`, `2006-1-2 15:4:5`.
fn is_timestamp(s: &str) -> bool {
    let (date, rest) = match s.find(['T', 't', ' ']) {
        Some(i) => (&s[..i], Some((&s[i..i + 1], &s[i + 1..]))),
        None => (s, None),
    };
    let parts: Vec<&str> = date.split('-').collect();
    let number = |t: &str, min: usize, max: usize| (min..=max).contains(&t.len()) && t.chars().all(|c| c.is_ascii_digit());
    let date_ok = parts.len() == 3 && number(parts[0], 4, 4) && number(parts[1], 1, 2) && number(parts[2], 1, 2);
    if !date_ok {
        return false;
    }
    let Some((separator, time)) = rest else { return true };
    let (clock, zone) = if separator == " " {
        (time, "")
    } else {
        match time.find(['Z', '+', '-']) {
            Some(i) => (&time[..i], &time[i..]),
            None => return false,
        }
    };
    let (hms, frac) = match clock.split_once('.') {
        Some((h, f)) => (h, Some(f)),
        None => (clock, None),
    };
    let fields: Vec<&str> = hms.split(':').collect();
    let clock_ok = fields.len() == 3
        && fields.iter().all(|f| number(f, 1, 2))
        && frac.is_none_or(|f| number(f, 1, 9));
    let zone_ok = zone.is_empty() && separator == " "
        || zone == "Z"
        || (zone.len() == 6 && zone[1..3].chars().all(|c| c.is_ascii_digit()) && &zone[3..4] == ":" && zone[4..].chars().all(|c| c.is_ascii_digit()));
    clock_ok && zone_ok
}

/// go-yaml v2's key order: letters before... no: non-letters before letters, digit runs compared
/// as numbers, otherwise by character.
pub fn natural_key_order(a: &str, b: &str) -> Ordering {
    let (ar, br): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    for i in 0..ar.len().min(br.len()) {
        if ar[i] == br[i] {
            continue;
        }
        let (al, bl) = (ar[i].is_alphabetic(), br[i].is_alphabetic());
        if al && bl {
            return ar[i].cmp(&br[i]);
        }
        if al || bl {
            return if bl { Ordering::Less } else { Ordering::Greater };
        }
        let (mut an, mut bn): (i128, i128) = (0, 0);
        if ar[i] == '0' || br[i] == '0' {
            let mut j = i;
            while j > 0 && ar[j - 1].is_ascii_digit() {
                j -= 1;
                if ar[j] != '0' {
                    an = 1;
                    bn = 1;
                    break;
                }
            }
        }
        let mut ai = i;
        while ai < ar.len() && ar[ai].is_ascii_digit() {
            an = an.saturating_mul(10).saturating_add(ar[ai] as i128 - '0' as i128);
            ai += 1;
        }
        let mut bi = i;
        while bi < br.len() && br[bi].is_ascii_digit() {
            bn = bn.saturating_mul(10).saturating_add(br[bi] as i128 - '0' as i128);
            bi += 1;
        }
        if an != bn {
            return an.cmp(&bn);
        }
        if ai != bi {
            return ai.cmp(&bi);
        }
        return ar[i].cmp(&br[i]);
    }
    ar.len().cmp(&br.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn deployment_matches_kubectl_dry_run() {
        let value = json!({
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": {"labels": {"app": "web"}, "name": "web"},
            "spec": {"replicas": 1, "selector": {"matchLabels": {"app": "web"}}, "strategy": {},
                "template": {"metadata": {"labels": {"app": "web"}},
                    "spec": {"containers": [{"image": "nginx:1.25", "name": "nginx",
                        "ports": [{"containerPort": 80}], "resources": {}}]}}},
            "status": {}
        });
        let expected = "apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: web
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - image: nginx:1.25
        name: nginx
        ports:
        - containerPort: 80
        resources: {}
status: {}
";
        assert_eq!(to_yaml(&value), expected);
    }

    #[test]
    fn strings_are_quoted_like_go_yaml() {
        let value = json!({"data": {
            "a": "l1\nl2", "b": "True", "c": "123", "d": "", "e": "a: b", "f": "- x",
            "g": "2024-04-11T18:46:01Z", "h": "yes", "k": "it's", "l": "#x", "m": "a #b", "n": " lead",
            "o": "trail ", "p": "l1\nl2\n", "r": "0x1F", "s": "1e3", "t": "~", "w": "{a}", "x8": "x:",
            "x9": "a:b", "y1": "?x", "y2": ".5", "y3": "1_000", "y7": "NaN", "y8": "2024-04-11",
            "y9": "tab\there", "z1": "/$2", "z4": "  l1\nl2", "z5": "0755", "z6": "-", "z7": "-1",
            "e2": "1:20", "b2": "trail \nx", "j": "\nlead", "i": "---", "x10": "a\"b"
        }});
        let expected = r#"data:
  a: |-
    l1
    l2
  b: "True"
  b2: "trail \nx"
  c: "123"
  d: ""
  e: 'a: b'
  e2: "1:20"
  f: '- x'
  g: "2024-04-11T18:46:01Z"
  h: "yes"
  i: '---'
  j: |2-

    lead
  k: it's
  l: '#x'
  m: 'a #b'
  "n": ' lead'
  o: 'trail '
  p: |
    l1
    l2
  r: "0x1F"
  s: "1e3"
  t: "~"
  w: '{a}'
  x8: 'x:'
  x9: a:b
  x10: a"b
  y1: ?x
  y2: ".5"
  y3: "1_000"
  y7: NaN
  y8: "2024-04-11"
  y9: "tab\there"
  z1: /$2
  z4: |2-
      l1
    l2
  z5: "0755"
  z6: '-'
  z7: "-1"
"#;
        assert_eq!(to_yaml(&value), expected);
    }

    #[test]
    fn long_plain_strings_fold_at_80_columns() {
        let words = format!("{}end", "word ".repeat(40));
        let text = to_yaml(&json!({"data": {"a": words}}));
        let expected = "data:\n  a: word word word word word word word word word word word word word word word word\n    word word word word word word word word word word word word word word word word\n    word word word word word word word word end\n";
        assert_eq!(text, expected);
    }

    #[test]
    fn empty_collections_and_nested_sequences() {
        let value = json!({"a": [], "b": {}, "c": [[1, 2], {"x": null}], "d": [true, 1.5]});
        assert_eq!(to_yaml(&value), "a: []\nb: {}\nc:\n- - 1\n  - 2\n- x: null\nd:\n- true\n- 1.5\n");
    }
}
