//! A small JSONPath template engine, the subset of kubectl's `-o jsonpath=...` learners use:
//! `{.a.b}`, `{.items[*].metadata.name}`, `{.items[0].x}`, `{.a[1:3]}`, `{..name}`,
//! `{.conditions[?(@.type=="Ready")].status}`, `{range .items[*]}...{end}`, `{"\n"}`, and
//! escaped dots in keys (`{.metadata.annotations.deployment\.kubernetes\.io/revision}`).
//! Missing keys print nothing, as with kubectl's default `--allow-missing-template-keys`.

use serde_json::Value;

/// A parsed template.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    nodes: Vec<Node>,
}

#[derive(Clone, Debug, PartialEq)]
enum Node {
    Text(String),
    Path(Vec<Step>),
    Range(Vec<Step>, Vec<Node>),
}

#[derive(Clone, Debug, PartialEq)]
enum Step {
    Field(String),
    AnyField,
    Recursive(String),
    Index(i64),
    Slice(Option<i64>, Option<i64>),
    All,
    Filter(Vec<Step>, Option<(String, Value)>),
}

impl Template {
    /// Parses a template; errors read like kubectl's (`error parsing jsonpath ...`).
    pub fn parse(text: &str) -> Result<Template, String> {
        let mut parser = Parser { text: text.chars().collect(), pos: 0, source: text.to_string() };
        let (nodes, ended_by_end) = parser.nodes()?;
        if ended_by_end {
            return Err(parser.error("not in range, nothing to end"));
        }
        Ok(Template { nodes })
    }

    /// Runs the template against a value and returns the text.
    pub fn execute(&self, root: &Value) -> String {
        let mut out = String::new();
        run_nodes(&self.nodes, root, root, &mut out);
        out
    }

    /// Every value the template's first path expression selects (for custom columns and
    /// `--sort-by`).
    pub fn values(&self, root: &Value) -> Vec<Value> {
        self.nodes
            .iter()
            .find_map(|n| match n {
                Node::Path(steps) => Some(eval(steps, root, root)),
                _ => None,
            })
            .unwrap_or_default()
    }
}

/// `.metadata.name`, `metadata.name` or `{.metadata.name}` as a template, the way custom columns
/// and `--sort-by` accept them.
pub fn relaxed(expression: &str) -> Result<Template, String> {
    let trimmed = expression.trim();
    let inner = trimmed.strip_prefix('{').and_then(|t| t.strip_suffix('}')).unwrap_or(trimmed);
    let inner = if inner.starts_with('.') || inner.starts_with('$') { inner.to_string() } else { format!(".{inner}") };
    Template::parse(&format!("{{{inner}}}"))
}

/// A value as the template prints it: strings raw, numbers and booleans as text, maps and
/// lists as compact JSON.
pub fn value_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => "null".into(),
        Value::Bool(_) | Value::Number(_) => value.to_string(),
        other => serde_json::to_string(other).unwrap_or_default(),
    }
}

fn run_nodes(nodes: &[Node], root: &Value, current: &Value, out: &mut String) {
    for node in nodes {
        match node {
            Node::Text(t) => out.push_str(t),
            Node::Path(steps) => {
                let values = eval(steps, root, current);
                let texts: Vec<String> = values.iter().map(value_text).collect();
                out.push_str(&texts.join(" "));
            }
            Node::Range(steps, body) => {
                for item in eval(steps, root, current) {
                    run_nodes(body, root, &item, out);
                }
            }
        }
    }
}

fn eval(steps: &[Step], root: &Value, current: &Value) -> Vec<Value> {
    let mut values = vec![current.clone()];
    let mut steps = steps;
    if let Some(Step::Field(f)) = steps.first() {
        if f == "$" {
            values = vec![root.clone()];
            steps = &steps[1..];
        }
    }
    for step in steps {
        values = values.iter().flat_map(|v| apply(step, root, v)).collect();
    }
    values
}

fn apply(step: &Step, root: &Value, value: &Value) -> Vec<Value> {
    match step {
        Step::Field(name) if name == "@" => vec![value.clone()],
        Step::Field(name) => value.get(name.as_str()).cloned().into_iter().collect(),
        Step::AnyField => match value {
            Value::Object(map) => map.values().cloned().collect(),
            Value::Array(items) => items.clone(),
            _ => vec![],
        },
        Step::Recursive(name) => {
            let mut found = Vec::new();
            collect_recursive(value, name, &mut found);
            found
        }
        Step::Index(i) => match value {
            Value::Array(items) => {
                let len = items.len() as i64;
                let index = if *i < 0 { len + i } else { *i };
                usize::try_from(index).ok().and_then(|i| items.get(i)).cloned().into_iter().collect()
            }
            _ => vec![],
        },
        Step::Slice(start, end) => match value {
            Value::Array(items) => {
                let len = items.len() as i64;
                let clamp = |n: i64| if n < 0 { (len + n).max(0) } else { n.min(len) };
                let (s, e) = (clamp(start.unwrap_or(0)), clamp(end.unwrap_or(len)));
                if s >= e { vec![] } else { items[s as usize..e as usize].to_vec() }
            }
            _ => vec![],
        },
        Step::All => match value {
            Value::Array(items) => items.clone(),
            Value::Object(map) => map.values().cloned().collect(),
            _ => vec![],
        },
        Step::Filter(path, condition) => {
            let Value::Array(items) = value else { return vec![] };
            items
                .iter()
                .filter(|item| {
                    let found = eval(path, root, item);
                    match condition {
                        None => !found.is_empty(),
                        Some((op, expected)) => {
                            let equal = found.iter().any(|f| loosely_equal(f, expected));
                            if op == "==" { equal } else { !found.is_empty() && !equal }
                        }
                    }
                })
                .cloned()
                .collect()
        }
    }
}

fn loosely_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

fn collect_recursive(value: &Value, name: &str, found: &mut Vec<Value>) {
    match value {
        Value::Object(map) => {
            if let Some(v) = map.get(name) {
                found.push(v.clone());
            }
            for v in map.values() {
                collect_recursive(v, name, found);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| collect_recursive(v, name, found)),
        _ => {}
    }
}

struct Parser {
    text: Vec<char>,
    pos: usize,
    source: String,
}

impl Parser {
    fn error(&self, why: &str) -> String {
        format!("error parsing jsonpath {}, {why}", self.source)
    }

    /// Parses nodes until the end of the text or an `{end}`; says which one stopped it.
    fn nodes(&mut self) -> Result<(Vec<Node>, bool), String> {
        let mut nodes = Vec::new();
        let mut text = String::new();
        while self.pos < self.text.len() {
            let c = self.text[self.pos];
            if c != '{' {
                text.push(c);
                self.pos += 1;
                continue;
            }
            if !text.is_empty() {
                nodes.push(Node::Text(std::mem::take(&mut text)));
            }
            let inner = self.braced()?;
            let trimmed = inner.trim();
            if trimmed == "end" {
                return Ok((nodes, true));
            }
            if let Some(rest) = trimmed.strip_prefix("range ") {
                let steps = parse_path(rest.trim()).map_err(|e| self.error(&e))?;
                let (body, ended) = self.nodes()?;
                if !ended {
                    return Err(self.error("unclosed range"));
                }
                nodes.push(Node::Range(steps, body));
            } else if let Some(literal) = string_literal(trimmed) {
                nodes.push(Node::Text(literal));
            } else {
                nodes.push(Node::Path(parse_path(trimmed).map_err(|e| self.error(&e))?));
            }
        }
        if !text.is_empty() {
            nodes.push(Node::Text(text));
        }
        Ok((nodes, false))
    }

    /// The text between `{` at the current position and its matching `}` (quotes respected).
    fn braced(&mut self) -> Result<String, String> {
        self.pos += 1;
        let mut inner = String::new();
        let mut quote: Option<char> = None;
        while self.pos < self.text.len() {
            let c = self.text[self.pos];
            self.pos += 1;
            match quote {
                Some(q) => {
                    if c == '\\' && self.pos < self.text.len() {
                        inner.push(c);
                        inner.push(self.text[self.pos]);
                        self.pos += 1;
                        continue;
                    }
                    if c == q {
                        quote = None;
                    }
                }
                None if c == '"' || c == '\'' => quote = Some(c),
                None if c == '}' => return Ok(inner),
                None => {}
            }
            inner.push(c);
        }
        Err(self.error("unclosed action"))
    }
}

/// `"\n"` or `'text'` inside braces: literal text, with `\n`, `\t` and `\\` escapes.
fn string_literal(text: &str) -> Option<String> {
    let quote = text.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let body = text.strip_prefix(quote)?.strip_suffix(quote)?;
    let mut out = String::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// Parses `.a.b[0][*]..c[?(@.x=="y")]` into steps.
fn parse_path(text: &str) -> Result<Vec<Step>, String> {
    let chars: Vec<char> = text.chars().collect();
    let mut steps = Vec::new();
    let mut i = 0;
    if chars.first() == Some(&'$') {
        steps.push(Step::Field("$".into()));
        i = 1;
    } else if chars.first() == Some(&'@') {
        i = 1;
    }
    while i < chars.len() {
        match chars[i] {
            '.' => {
                let recursive = chars.get(i + 1) == Some(&'.');
                i += if recursive { 2 } else { 1 };
                let (name, next) = read_field(&chars, i);
                i = next;
                if name.is_empty() {
                    if recursive {
                        return Err("invalid recursive descent".into());
                    }
                    continue;
                }
                steps.push(match (recursive, name.as_str()) {
                    (true, n) => Step::Recursive(n.to_string()),
                    (false, "*") => Step::AnyField,
                    (false, n) => Step::Field(n.to_string()),
                });
            }
            '[' => {
                let close = find_close_bracket(&chars, i).ok_or("unterminated array")?;
                let inside: String = chars[i + 1..close].iter().collect();
                steps.push(parse_bracket(inside.trim())?);
                i = close + 1;
            }
            ' ' => i += 1,
            c if i == 0 => {
                let (name, next) = read_field(&chars, i);
                if name.is_empty() {
                    return Err(format!("unrecognized character in action: U+{:04X} '{c}'", c as u32));
                }
                steps.push(Step::Field(name));
                i = next;
            }
            c => return Err(format!("unrecognized character in action: U+{:04X} '{c}'", c as u32)),
        }
    }
    Ok(steps)
}

/// A field name up to the next unescaped `.` or `[`; `\.` is a literal dot.
fn read_field(chars: &[char], mut i: usize) -> (String, usize) {
    let mut name = String::new();
    while i < chars.len() {
        match chars[i] {
            '\\' if chars.get(i + 1) == Some(&'.') => {
                name.push('.');
                i += 2;
            }
            '.' | '[' | ' ' => break,
            c => {
                name.push(c);
                i += 1;
            }
        }
    }
    (name, i)
}

fn find_close_bracket(chars: &[char], open: usize) -> Option<usize> {
    let mut depth = 0;
    let mut quote: Option<char> = None;
    for (j, &c) in chars.iter().enumerate().skip(open) {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c == '[' => depth += 1,
            None if c == ']' => {
                depth -= 1;
                if depth == 0 {
                    return Some(j);
                }
            }
            None => {}
        }
    }
    None
}

fn parse_bracket(inside: &str) -> Result<Step, String> {
    if inside == "*" {
        return Ok(Step::All);
    }
    if let Some(filter) = inside.strip_prefix("?(").and_then(|f| f.strip_suffix(')')) {
        return parse_filter(filter.trim());
    }
    if let Some(name) = string_literal(inside) {
        return Ok(Step::Field(name));
    }
    if let Some((start, end)) = inside.split_once(':') {
        let end = end.split(':').next().unwrap_or("");
        let number = |t: &str| -> Result<Option<i64>, String> {
            let t = t.trim();
            if t.is_empty() { Ok(None) } else { t.parse().map(Some).map_err(|_| format!("invalid array index {t}")) }
        };
        return Ok(Step::Slice(number(start)?, number(end)?));
    }
    inside.parse().map(Step::Index).map_err(|_| format!("invalid array index {inside}"))
}

fn parse_filter(text: &str) -> Result<Step, String> {
    for op in ["==", "!="] {
        if let Some((left, right)) = text.split_once(op) {
            let path = parse_path(left.trim())?;
            let right = right.trim();
            let value = match string_literal(right) {
                Some(s) => Value::String(s),
                None => serde_json::from_str(right).map_err(|_| format!("invalid filter value {right}"))?,
            };
            return Ok(Step::Filter(path, Some((op.to_string(), value))));
        }
    }
    Ok(Step::Filter(parse_path(text)?, None))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(template: &str, value: &Value) -> String {
        Template::parse(template).unwrap().execute(value)
    }

    fn list() -> Value {
        json!({"kind": "List", "items": [
            {"metadata": {"name": "a", "labels": {"app": "web"},
                "annotations": {"deployment.kubernetes.io/revision": "2"}},
             "status": {"conditions": [{"type": "Ready", "status": "True"}, {"type": "PodScheduled", "status": "True"}]}},
            {"metadata": {"name": "b"}, "status": {}}
        ]})
    }

    #[test]
    fn paths_wildcards_and_indexes() {
        let v = list();
        assert_eq!(run("{.items[*].metadata.name}", &v), "a b");
        assert_eq!(run("{.items[0].metadata.name}", &v), "a");
        assert_eq!(run("{.items[-1].metadata.name}", &v), "b");
        assert_eq!(run("{.items[0].metadata.labels.app}", &v), "web");
        assert_eq!(run("{.items[0].metadata.labels}", &v), "{\"app\":\"web\"}");
        assert_eq!(run("{.items[0].metadata.annotations.deployment\\.kubernetes\\.io/revision}", &v), "2");
        assert_eq!(run("{.items[1].metadata.missing}", &v), "");
        assert_eq!(run("name={.kind}!", &v), "name=List!");
        assert_eq!(run("{..name}", &v), "a b");
    }

    #[test]
    fn range_and_filters() {
        let v = list();
        assert_eq!(run("{range .items[*]}{.metadata.name}{\"\\n\"}{end}", &v), "a\nb\n");
        assert_eq!(run("{.items[0].status.conditions[?(@.type==\"Ready\")].status}", &v), "True");
        assert_eq!(run("{range .items[*]}{.metadata.name}{'\\t'}{end}", &v), "a\tb\t");
    }

    #[test]
    fn errors_and_relaxed_form() {
        assert!(Template::parse("{.items[*].metadata.name").is_err());
        assert!(Template::parse("{end}").is_err());
        assert_eq!(relaxed("metadata.name").unwrap().values(&json!({"metadata": {"name": "x"}})), vec![json!("x")]);
        assert_eq!(relaxed("{.spec.containers[*].image}").unwrap().values(&json!({"spec": {"containers": [{"image": "i"}]}})), vec![json!("i")]);
    }
}
