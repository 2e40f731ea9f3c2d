//! What a command acts on: the resource arguments (`pods`, `pod a b`, `pod/a deploy/b`,
//! `pods,deployments`, `all`) and label selectors (`-l app=x,tier!=y`), parsed as kubectl does.

use super::KubectlError;
use crate::cluster::objects::meta::LabelSelectorRequirement;
use crate::cluster::objects::{Kind, LabelSelector, KINDS};

/// One thing a command was asked about: a whole type (`name: None`) or one named object.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub kind: Kind,
    pub name: Option<String>,
}

/// Parses resource arguments with `kubectl get`'s error for an empty list.
pub fn parse_targets(positionals: &[String]) -> Result<Vec<Target>, KubectlError> {
    parse_targets_for("get", positionals)
}

/// Parses resource arguments; `verb` words the error when none were given
/// (`You must specify the type of resource to <verb>...`).
pub fn parse_targets_for(verb: &str, positionals: &[String]) -> Result<Vec<Target>, KubectlError> {
    if positionals.is_empty() {
        return Err(required_resource_error(verb));
    }
    if positionals.iter().any(|p| p.contains('/')) {
        return parse_slash_form(positionals);
    }
    let kinds = parse_type_list(&positionals[0])?;
    let names = &positionals[1..];
    let mut targets = Vec::new();
    if names.is_empty() {
        targets.extend(kinds.iter().map(|&kind| Target { kind, name: None }));
    } else {
        for &kind in &kinds {
            for name in names {
                targets.push(Target { kind, name: Some(name.clone()) });
            }
        }
    }
    Ok(targets)
}

/// `pod/a deploy/b`: every argument must then be in `type/name` form.
fn parse_slash_form(positionals: &[String]) -> Result<Vec<Target>, KubectlError> {
    let mut targets = Vec::new();
    for arg in positionals {
        let Some((type_part, name)) = arg.split_once('/') else {
            return Err(KubectlError::msg(
                "there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'",
            ));
        };
        if name.is_empty() || name.contains('/') || type_part.contains(',') {
            return Err(KubectlError::msg(
                "arguments in resource/name form must have a single resource and name",
            ));
        }
        let kind = kind_named(type_part)?;
        targets.push(Target { kind, name: Some(name.to_string()) });
    }
    Ok(targets)
}

/// `pods,deployments` or `all`: the kinds in the order given, without repeats.
fn parse_type_list(text: &str) -> Result<Vec<Kind>, KubectlError> {
    let mut kinds = Vec::new();
    for part in text.split(',').filter(|p| !p.is_empty()) {
        let found = if part.eq_ignore_ascii_case("all") { all_kinds() } else { vec![kind_named(part)?] };
        for kind in found {
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
    }
    if kinds.is_empty() {
        return Err(unknown_type(text));
    }
    Ok(kinds)
}

/// The kinds of the `all` category, in the order `kubectl get all` prints them.
pub fn all_kinds() -> Vec<Kind> {
    // Discovery order: core, then apps (daemonsets first), then batch (cronjobs before jobs).
    let order = [Kind::Pod, Kind::Service, Kind::DaemonSet, Kind::Deployment, Kind::ReplicaSet, Kind::StatefulSet, Kind::CronJob, Kind::Job];
    let mut kinds: Vec<Kind> = KINDS.iter().filter(|k| k.in_all).map(|k| k.kind).collect();
    kinds.sort_by_key(|k| (order.iter().position(|o| o == k).unwrap_or(order.len()), *k));
    kinds
}

/// A kind by any name kubectl accepts, or the server's "doesn't have a resource type" error.
pub fn kind_named(name: &str) -> Result<Kind, KubectlError> {
    Kind::from_resource_name(name).ok_or_else(|| unknown_type(name))
}

fn unknown_type(name: &str) -> KubectlError {
    KubectlError::msg(format!("the server doesn't have a resource type \"{name}\""))
}

/// What `kubectl <verb>` without a resource prints: `get` explains at length (with
/// `See 'kubectl get -h'`), other verbs print one line.
pub fn required_resource_error(verb: &str) -> KubectlError {
    if verb != "get" {
        return KubectlError::msg(format!(
            "You must specify the type of resource to {verb}. Use \"kubectl api-resources\" for a complete list of supported resources."
        ));
    }
    KubectlError::Raw(format!(
        "You must specify the type of resource to {verb}. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl {verb} -h' for help and examples"
    ))
}

/// Parses a label selector: `app=x`, `app==x`, `tier!=y`, `env in (a,b)`, `env notin (a)`,
/// `k` (exists), `!k` (does not exist), comma-separated. Equalities go to `matchLabels`,
/// everything else to `matchExpressions`.
pub fn parse_selector(text: &str) -> Result<LabelSelector, KubectlError> {
    let mut selector = LabelSelector::default();
    for term in split_terms(text) {
        let term = term.trim();
        if term.is_empty() {
            continue;
        }
        parse_term(term, &mut selector)
            .map_err(|why| KubectlError::msg(format!("unable to parse requirement: {why}")))?;
    }
    Ok(selector)
}

/// Splits on commas that are not inside `( )`.
fn split_terms(text: &str) -> Vec<String> {
    let mut terms = vec![String::new()];
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                terms.push(String::new());
                continue;
            }
            _ => {}
        }
        if let Some(last) = terms.last_mut() {
            last.push(c);
        }
    }
    terms
}

fn parse_term(term: &str, selector: &mut LabelSelector) -> Result<(), String> {
    let requirement = |key: &str, operator: &str, values: Vec<String>| LabelSelectorRequirement {
        key: key.trim().to_string(),
        operator: operator.to_string(),
        values,
    };
    if let Some(key) = term.strip_prefix('!') {
        check_key(key.trim())?;
        selector.match_expressions.push(requirement(key, "DoesNotExist", vec![]));
    } else if let Some((key, value)) = term.split_once("!=") {
        check_key(key.trim())?;
        check_value(value.trim())?;
        selector.match_expressions.push(requirement(key, "NotIn", vec![value.trim().to_string()]));
    } else if let Some((key, value)) = term.split_once("==").or_else(|| term.split_once('=')) {
        check_key(key.trim())?;
        check_value(value.trim())?;
        let key = key.trim().to_string();
        if let Some(existing) = selector.match_labels.get(&key) {
            if existing != value.trim() {
                selector.match_expressions.push(requirement(&key, "In", vec![value.trim().to_string()]));
                return Ok(());
            }
        }
        selector.match_labels.insert(key, value.trim().to_string());
    } else if let Some((key, operator, values)) = set_term(term) {
        check_key(&key)?;
        for v in &values {
            check_value(v)?;
        }
        selector.match_expressions.push(requirement(&key, operator, values));
    } else {
        check_key(term)?;
        selector.match_expressions.push(requirement(term, "Exists", vec![]));
    }
    Ok(())
}

/// `env in (a,b)` / `env notin (a)`.
fn set_term(term: &str) -> Option<(String, &'static str, Vec<String>)> {
    let open = term.find('(')?;
    let close = term.rfind(')')?;
    if close != term.len() - 1 || close < open {
        return None;
    }
    let head: Vec<&str> = term[..open].split_whitespace().collect();
    let [key, op] = head.as_slice() else { return None };
    let operator = match *op {
        "in" => "In",
        "notin" => "NotIn",
        _ => return None,
    };
    let values: Vec<String> = term[open + 1..close].split(',').map(|v| v.trim().to_string()).collect();
    Some((key.to_string(), operator, values))
}

/// Label keys: an optional DNS prefix and a name of letters, digits, `-`, `_`, `.`.
fn check_key(key: &str) -> Result<(), String> {
    let name = key.rsplit_once('/').map_or(key, |(_, n)| n);
    if is_label_word(name) && !name.is_empty() {
        return Ok(());
    }
    Err(format!("key: Invalid value: \"{key}\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"))
}

/// Label values: empty, or letters, digits, `-`, `_`, `.` starting and ending alphanumeric.
fn check_value(value: &str) -> Result<(), String> {
    if value.is_empty() || is_label_word(value) {
        return Ok(());
    }
    Err(format!("values[0]: Invalid value: \"{value}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"))
}

fn is_label_word(word: &str) -> bool {
    word.len() <= 63
        && word.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && word.starts_with(|c: char| c.is_ascii_alphanumeric())
        && word.ends_with(|c: char| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn t(kind: Kind, name: Option<&str>) -> Target {
        Target { kind, name: name.map(str::to_string) }
    }

    #[test]
    fn types_names_and_slash_forms() {
        assert_eq!(parse_targets(&args(&["pods"])).unwrap(), vec![t(Kind::Pod, None)]);
        assert_eq!(
            parse_targets(&args(&["po", "a", "b"])).unwrap(),
            vec![t(Kind::Pod, Some("a")), t(Kind::Pod, Some("b"))]
        );
        assert_eq!(
            parse_targets(&args(&["pod/a", "deploy/b"])).unwrap(),
            vec![t(Kind::Pod, Some("a")), t(Kind::Deployment, Some("b"))]
        );
        assert_eq!(
            parse_targets(&args(&["pods,deployments"])).unwrap(),
            vec![t(Kind::Pod, None), t(Kind::Deployment, None)]
        );
        assert_eq!(
            parse_targets(&args(&["ns,no,ev,rs"])).unwrap(),
            vec![t(Kind::Namespace, None), t(Kind::Node, None), t(Kind::Event, None), t(Kind::ReplicaSet, None)]
        );
    }

    #[test]
    fn all_expands_in_get_all_order() {
        let kinds: Vec<Kind> = parse_targets(&args(&["all"])).unwrap().into_iter().map(|t| t.kind).collect();
        assert_eq!(kinds[0], Kind::Pod);
        let deploy = kinds.iter().position(|k| *k == Kind::Deployment).unwrap();
        let rs = kinds.iter().position(|k| *k == Kind::ReplicaSet).unwrap();
        assert!(deploy < rs);
        assert!(!kinds.contains(&Kind::Namespace));
    }

    #[test]
    fn errors_read_like_kubectl() {
        assert_eq!(
            parse_targets(&args(&["podz"])).unwrap_err().render(),
            "error: the server doesn't have a resource type \"podz\""
        );
        assert_eq!(
            parse_targets(&[]).unwrap_err().render(),
            "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples"
        );
        assert!(parse_targets(&args(&["pods", "pod/a"])).unwrap_err().render().contains("no need to specify a resource type"));
    }

    #[test]
    fn selectors_of_every_form() {
        let s = parse_selector("app=x,tier!=y,env in (a,b),!k,k2").unwrap();
        assert_eq!(s.match_labels.get("app").map(String::as_str), Some("x"));
        let ops: Vec<&str> = s.match_expressions.iter().map(|r| r.operator.as_str()).collect();
        assert_eq!(ops, vec!["NotIn", "In", "DoesNotExist", "Exists"]);
        assert_eq!(s.match_expressions[1].values, vec!["a", "b"]);
        let mut labels = crate::cluster::objects::StringMap::new();
        labels.insert("app".into(), "x".into());
        labels.insert("env".into(), "a".into());
        labels.insert("k2".into(), "".into());
        assert!(s.matches(&labels));
        labels.insert("k".into(), "1".into());
        assert!(!s.matches(&labels));
        assert!(parse_selector("app=x y").is_err());
    }
}
