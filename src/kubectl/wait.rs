//! `kubectl wait --for=condition=Ready|--for=delete`: a job that watches objects until the
//! condition holds or the timeout (default 30s) passes. Also Go duration parsing for the
//! `--timeout` flags of `wait`, `rollout status` and `logs`.

use super::args::{switch, value, Flag, Parsed};
use super::targets::{parse_selector, parse_targets_for};
use super::{Ctx, KubectlError};
use crate::cluster::objects::{Kind, Object, Time};
use crate::job::{Exec, Job};
use crate::output::Output;
use crate::world::World;

/// Help text for `kubectl wait --help`.
pub const HELP: &str = "Experimental: Wait for a specific condition on one or many resources.

 The command takes multiple resources and waits until the specified condition is seen in the Status field of every given resource.

 Alternatively, the command can wait for the given set of resources to be created or deleted by providing the \"create\" or \"delete\" keyword as the value to the --for flag.

 A successful message will be printed to stdout indicating when the specified condition has been met. You can use -o option to change to output destination.

Examples:
  # Wait for the pod \"busybox1\" to contain the status condition of type \"Ready\"
  kubectl wait --for=condition=Ready pod/busybox1
  
  # The default value of status condition is true; you can wait for other targets after an equal delimiter (compared after Unicode simple case folding, which is a more general form of case-insensitivity)
  kubectl wait --for=condition=Ready=false pod/busybox1
  
  # Wait for the pod \"busybox1\" to contain the status phase to be \"Running\"
  kubectl wait --for=jsonpath='{.status.phase}'=Running pod/busybox1
  
  # Wait for pod \"busybox1\" to be Ready
  kubectl wait --for='jsonpath={.status.conditions[?(@.type==\"Ready\")].status}=True' pod/busybox1
  
  # Wait for the pod \"busybox1\" to be deleted, with a timeout of 60s, after having issued the \"delete\" command
  kubectl delete pod/busybox1
  kubectl wait --for=delete pod/busybox1 --timeout=60s

Options:
    --all=false:
\tSelect all resources in the namespace of the specified resource types

    -A, --all-namespaces=false:
\tIf present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.

    -f, --filename=[]:
\tidentifying the resource.

    --for='':
\tThe condition to wait on: [create|delete|condition=condition-name[=condition-value]|jsonpath='{JSONPath expression}'=[JSONPath value]]. The default condition-value is true. Condition values are compared after Unicode simple case folding, which is a more general form of case-insensitivity.

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2)

    --timeout=30s:
\tThe length of time to wait before giving up. Zero means check once and don't wait, negative means wait for a week.

Usage:
  kubectl wait ([-f FILENAME] | resource.group/resource.name | resource.group [(-l label | --all)]) [--for=create|--for=delete|--for condition=available|--for=jsonpath='{}'[=value]] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Flags of `kubectl wait`.
pub const FLAGS: &[Flag] = &[
    value("for", None, "The condition to wait on: [create|delete|condition=condition-name[=condition-value]]."),
    value("timeout", None, "The length of time to wait before giving up.  Zero means check once and don't wait, negative means wait for a week."),
    value("selector", Some('l'), "Selector (label query) to filter on"),
    switch("all", None, "Select all resources in the namespace of the specified resource types"),
    switch("all-namespaces", Some('A'), "If present, list the requested object(s) across all namespaces."),
    value("filename", Some('f'), "identifying the resource."),
    value("output", Some('o'), "Output format."),
];

/// Parses a Go duration (`30s`, `1m30s`, `2h`, `500ms`, `0`) into milliseconds.
pub fn parse_duration(text: &str) -> Result<i64, String> {
    let invalid = || format!("time: invalid duration \"{text}\"");
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    if body == "0" {
        return Ok(0);
    }
    if body.is_empty() {
        return Err(invalid());
    }
    let mut total = 0f64;
    let mut rest = body;
    while !rest.is_empty() {
        let number_len = rest.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(rest.len());
        if number_len == 0 {
            return Err(invalid());
        }
        let number: f64 = rest[..number_len].parse().map_err(|_| invalid())?;
        rest = &rest[number_len..];
        let unit_len = rest.find(|c: char| c.is_ascii_digit() || c == '.').unwrap_or(rest.len());
        let unit = &rest[..unit_len];
        rest = &rest[unit_len..];
        let factor = match unit {
            "" => return Err(format!("time: missing unit in duration \"{text}\"")),
            "ns" => 0.000_001,
            "us" | "µs" | "μs" => 0.001,
            "ms" => 1.0,
            "s" => 1000.0,
            "m" => 60_000.0,
            "h" => 3_600_000.0,
            other => return Err(format!("time: unknown unit \"{other}\" in duration \"{text}\"")),
        };
        total += number * factor;
    }
    let ms = total.round() as i64;
    Ok(if negative { -ms } else { ms })
}

/// A duration flag's value in milliseconds, with pflag's error text when it does not parse.
pub fn duration_flag(args: &Parsed, flag: &str, command: &str) -> Result<Option<i64>, KubectlError> {
    match args.get(flag) {
        None => Ok(None),
        Some(text) => parse_duration(text).map(Some).map_err(|why| {
            KubectlError::flag(format!("invalid argument \"{text}\" for \"--{flag}\" flag: {why}"), command)
        }),
    }
}

/// What `--for` asks for.
#[derive(Clone, Debug)]
enum Condition {
    Delete,
    /// `condition=Ready` (value `true`) or `condition=Ready=false`.
    Status { type_: String, value: String },
}

fn parse_for(text: &str) -> Result<Condition, KubectlError> {
    if text.eq_ignore_ascii_case("delete") {
        return Ok(Condition::Delete);
    }
    if let Some(rest) = text.strip_prefix("condition=") {
        let (type_, value) = match rest.split_once('=') {
            Some((t, v)) => (t.to_string(), v.to_string()),
            None => (rest.to_string(), "true".to_string()),
        };
        if type_.is_empty() {
            return Err(KubectlError::msg(format!("unrecognized condition: \"{text}\"")));
        }
        return Ok(Condition::Status { type_, value });
    }
    Err(KubectlError::msg(format!("unrecognized condition: \"{text}\"")))
}

/// One object being waited on.
#[derive(Clone, Debug)]
struct Waited {
    kind: Kind,
    namespace: String,
    name: String,
    uid: String,
}

/// Runs `kubectl wait`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    let Some(for_text) = args.get("for") else {
        return Err(KubectlError::msg("--for must be specified"));
    };
    let condition = parse_for(for_text)?;
    let timeout_ms = duration_flag(args, "timeout", "wait")?.unwrap_or(30_000);
    let timeout_ms = if timeout_ms < 0 { 7 * 24 * 3_600_000 } else { timeout_ms };
    let targets = parse_targets_for("wait", &args.positionals)?;
    let selector = args.get("selector").map(parse_selector).transpose()?;
    let is_delete = matches!(condition, Condition::Delete);
    let mut waited = Vec::new();
    for target in targets {
        let namespace = if target.kind.namespaced() { ctx.namespace.clone() } else { String::new() };
        match &target.name {
            Some(name) => match ctx.world.cluster.read(target.kind, &namespace, name) {
                Ok(o) => waited.push(Waited { kind: target.kind, namespace, name: name.clone(), uid: o.meta().uid.clone() }),
                Err(_) if is_delete => {}
                Err(e) => return Err(e.into()),
            },
            None => {
                if selector.is_none() && !args.bool("all") {
                    return Err(KubectlError::msg("resource name may not be empty"));
                }
                let scope = if args.bool("all-namespaces") { None } else { Some(namespace.as_str()) };
                for o in ctx.world.cluster.list(target.kind, scope) {
                    if selector.as_ref().is_none_or(|s| s.matches(&o.meta().labels)) {
                        let m = o.meta();
                        waited.push(Waited { kind: target.kind, namespace: m.namespace.clone(), name: m.name.clone(), uid: m.uid.clone() });
                    }
                }
            }
        }
    }
    if waited.is_empty() && !is_delete {
        return Err(KubectlError::msg("no matching resources found"));
    }
    let mut job = WaitJob { waited, condition, deadline: ctx.world.cluster.now().plus_ms(timeout_ms) };
    match job.poll(ctx.world, ctx.out) {
        Some(code) => Ok(Exec::Done(code)),
        None => Ok(Exec::Job(Box::new(job))),
    }
}

/// Waits on each object in turn, all within one deadline.
struct WaitJob {
    waited: Vec<Waited>,
    condition: Condition,
    deadline: Time,
}

impl WaitJob {
    fn is_met(&self, world: &World, w: &Waited) -> bool {
        let current = world.cluster.get(w.kind, &w.namespace, &w.name);
        match &self.condition {
            Condition::Delete => current.is_none_or(|o| o.meta().uid != w.uid),
            Condition::Status { type_, value } => current.is_some_and(|o| has_condition(o, type_, value)),
        }
    }
}

/// Whether `status.conditions` holds a condition of this type with this status (case-insensitive).
fn has_condition(object: &Object, type_: &str, value: &str) -> bool {
    let json = object.to_json();
    json.pointer("/status/conditions")
        .and_then(|c| c.as_array())
        .is_some_and(|conditions| {
            conditions.iter().any(|c| {
                let t = c.get("type").and_then(|v| v.as_str()).unwrap_or("");
                let s = c.get("status").and_then(|v| v.as_str()).unwrap_or("");
                t.eq_ignore_ascii_case(type_) && s.eq_ignore_ascii_case(value)
            })
        })
}

impl Job for WaitJob {
    fn poll(&mut self, world: &mut World, out: &mut Output) -> Option<i32> {
        while let Some(w) = self.waited.first().cloned() {
            if self.is_met(world, &w) {
                out.outln(format!("{}/{} condition met", w.kind.name_prefix(), w.name));
                self.waited.remove(0);
                continue;
            }
            if world.cluster.now() >= self.deadline {
                out.errln(format!("error: timed out waiting for the condition on {}/{}", w.kind.info().plural, w.name));
                return Some(1);
            }
            return None;
        }
        Some(0)
    }

    fn deadline(&self) -> Option<Time> {
        Some(self.deadline)
    }
}

#[cfg(test)]
mod tests {
    use super::parse_duration;

    #[test]
    fn go_durations_parse() {
        assert_eq!(parse_duration("60s"), Ok(60_000));
        assert_eq!(parse_duration("1m30s"), Ok(90_000));
        assert_eq!(parse_duration("0"), Ok(0));
        assert_eq!(parse_duration("500ms"), Ok(500));
        assert_eq!(parse_duration("5"), Err("time: missing unit in duration \"5\"".into()));
        assert_eq!(parse_duration("abc"), Err("time: invalid duration \"abc\"".into()));
    }
}

#[cfg(test)]
mod job_tests {
    use crate::job::Exec;
    use crate::kubectl::rollout::fixtures::{deployment, run, template, world};
    use crate::output::Output;
    use std::collections::BTreeMap;

    #[test]
    fn wait_for_ready_then_for_delete() {
        let mut w = world();
        deployment(&mut w, template(false), 1);
        w.cluster.advance_by(30_000);
        let (out, _, code) = run(&mut w, "wait --for=condition=Ready pods -l app=rickroller --timeout=60s");
        assert_eq!(code, Some(0));
        assert!(out.starts_with("pod/rickroller-") && out.ends_with(" condition met\n"), "{out}");
        let (_, err, code) = run(&mut w, "wait --for=delete pod/nope");
        assert_eq!((err.as_str(), code), ("", Some(0)));
        let (_, err, _) = run(&mut w, "wait --for=condition=Ready pod/nope");
        assert_eq!(err, "Error from server (NotFound): pods \"nope\" not found\n");
        let args: Vec<String> = ["wait", "--for=condition=Nope", "deploy/rickroller", "--timeout=2s"].iter().map(|s| s.to_string()).collect();
        let mut out = Output::default();
        let Exec::Job(mut job) = crate::kubectl::kubectl(&mut w, &args, "", &BTreeMap::new(), &mut out) else {
            panic!("wait should be a job");
        };
        w.cluster.advance_by(2_000);
        assert_eq!(job.poll(&mut w, &mut out), Some(1));
        assert_eq!(out.stderr(), "error: timed out waiting for the condition on deployments/rickroller\n");
    }
}
