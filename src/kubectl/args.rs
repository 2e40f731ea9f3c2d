//! Command-line flags the way cobra/pflag parse them: `-n test`, `-ntest`, `--namespace=test`,
//! `--wait=false`, combined short booleans (`-it`), and `--` ending flags.

use super::error::KubectlError;
use std::collections::BTreeMap;

/// One flag a verb accepts.
#[derive(Clone, Copy, Debug)]
pub struct Flag {
    pub long: &'static str,
    pub short: Option<char>,
    /// False for booleans (`--watch`), true for flags that need a value (`--output yaml`).
    pub takes_value: bool,
    /// One line of help for `--help`.
    pub help: &'static str,
}

/// A value flag.
pub const fn value(long: &'static str, short: Option<char>, help: &'static str) -> Flag {
    Flag { long, short, takes_value: true, help }
}

/// A boolean flag.
pub const fn switch(long: &'static str, short: Option<char>, help: &'static str) -> Flag {
    Flag { long, short, takes_value: false, help }
}

/// Flags every kubectl verb accepts.
pub const GLOBAL_FLAGS: &[Flag] = &[
    value("namespace", Some('n'), "If present, the namespace scope for this CLI request"),
    value("context", None, "The name of the kubeconfig context to use"),
    value("kubeconfig", None, "Path to the kubeconfig file to use for CLI requests."),
    value("request-timeout", None, "The length of time to wait before giving up on a single server request."),
    value("v", Some('v'), "number for the log level verbosity"),
    switch("help", Some('h'), "help for this command"),
];

/// The result of parsing: positional arguments, flag values, and what followed `--`.
#[derive(Clone, Debug, Default)]
pub struct Parsed {
    pub positionals: Vec<String>,
    /// Flag values by long name; booleans hold `"true"`/`"false"`. Repeated flags keep every value.
    pub flags: BTreeMap<String, Vec<String>>,
    /// Arguments after `--` (`exec POD -- cmd`, `create deployment x --image=i -- cmd`).
    pub after_dash: Option<Vec<String>>,
    /// The shorthand of each given flag that has one, for pflag's `"-r, --replicas"` in errors.
    pub shorthands: BTreeMap<String, char>,
}

impl Parsed {
    /// The last value given for a flag.
    pub fn get(&self, long: &str) -> Option<&str> {
        self.flags.get(long).and_then(|v| v.last()).map(String::as_str)
    }

    /// Every value given for a repeatable flag (`--image a --image b`, `-l`).
    pub fn all(&self, long: &str) -> Vec<String> {
        self.flags.get(long).cloned().unwrap_or_default()
    }

    /// A boolean flag's value (false when absent).
    pub fn bool(&self, long: &str) -> bool {
        self.get(long).is_some_and(|v| v == "true")
    }

    /// A boolean flag with its default when absent (`--wait` defaults to true).
    pub fn bool_or(&self, long: &str, default: bool) -> bool {
        self.get(long).map_or(default, |v| v == "true")
    }

    /// Keeps one value of a flag (and its shorthand, for error messages).
    fn record(&mut self, flag: &Flag, value: String) {
        if let Some(short) = flag.short {
            self.shorthands.insert(flag.long.to_string(), short);
        }
        self.flags.entry(flag.long.to_string()).or_default().push(value);
    }

    /// Whether the flag was given at all.
    pub fn has(&self, long: &str) -> bool {
        self.flags.contains_key(long)
    }

    /// An integer flag declared as Go `int`/`int64`, with pflag's error text when it does not parse.
    pub fn int(&self, long: &str, command: &str) -> Result<Option<i64>, KubectlError> {
        self.integer(long, command, i64::MIN.into(), i64::MAX.into())
    }

    /// An integer flag declared as Go `int32` (`create deployment --replicas`, `--port`): values
    /// beyond 32 bits get strconv's `value out of range`.
    pub fn int32(&self, long: &str, command: &str) -> Result<Option<i64>, KubectlError> {
        self.integer(long, command, i32::MIN.into(), i32::MAX.into())
    }

    fn integer(&self, long: &str, command: &str, min: i128, max: i128) -> Result<Option<i64>, KubectlError> {
        let Some(v) = self.get(long) else { return Ok(None) };
        let problem = match parse_go_integer(v) {
            Some(n) if (min..=max).contains(&n) => return Ok(i64::try_from(n).ok()),
            Some(_) => "value out of range",
            None => "invalid syntax",
        };
        let shown = match self.shorthands.get(long) {
            Some(short) => format!("-{short}, --{long}"),
            None => format!("--{long}"),
        };
        Err(KubectlError::flag(
            format!("invalid argument \"{v}\" for \"{shown}\" flag: strconv.ParseInt: parsing \"{v}\": {problem}"),
            command,
        ))
    }
}

/// A decimal integer as strconv.ParseInt reads it (optional sign, digits, `_` not allowed), kept
/// wide enough to tell "out of range" from "invalid syntax"; None when it is not a number at all.
fn parse_go_integer(text: &str) -> Option<i128> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    // Anything longer than 30 digits is out of range for every Go integer type anyway.
    let clipped = if digits.len() > 30 { "9".repeat(30) } else { digits.to_string() };
    let magnitude: i128 = clipped.parse().ok()?;
    Some(if text.starts_with('-') { -magnitude } else { magnitude })
}

/// Parses `args` against the verb's flags plus the global ones. `command` names the verb for the
/// `See 'kubectl <command> --help' for usage.` line of errors.
pub fn parse(args: &[String], flags: &[Flag], command: &str) -> Result<Parsed, KubectlError> {
    let all: Vec<&Flag> = flags.iter().chain(GLOBAL_FLAGS.iter()).collect();
    let mut parsed = Parsed::default();
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        i += 1;
        if arg == "--" {
            parsed.after_dash = Some(args[i..].to_vec());
            break;
        }
        if let Some(body) = arg.strip_prefix("--") {
            let (name, inline) = match body.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (body, None),
            };
            let Some(flag) = all.iter().find(|f| f.long == name) else {
                return Err(KubectlError::flag(format!("unknown flag: --{name}"), command));
            };
            let value = if flag.takes_value {
                match inline {
                    Some(v) => v,
                    None if i < args.len() => {
                        i += 1;
                        args[i - 1].clone()
                    }
                    None => {
                        return Err(KubectlError::flag(format!("flag needs an argument: --{name}"), command))
                    }
                }
            } else {
                let v = inline.unwrap_or_else(|| "true".into());
                if !["true", "false", "1", "0", "t", "f", "True", "False"].contains(&v.as_str()) {
                    return Err(KubectlError::flag(
                        format!("invalid argument \"{v}\" for \"{}\" flag: strconv.ParseBool: parsing \"{v}\": invalid syntax", shown_name(flag)),
                        command,
                    ));
                }
                if ["true", "1", "t", "True"].contains(&v.as_str()) { "true".into() } else { "false".into() }
            };
            parsed.record(flag, value);
        } else if arg.len() > 1 && arg.starts_with('-') && !is_negative_number(arg) {
            let chars: Vec<char> = arg[1..].chars().collect();
            let mut j = 0;
            while j < chars.len() {
                let c = chars[j];
                j += 1;
                let Some(flag) = all.iter().find(|f| f.short == Some(c)) else {
                    return Err(KubectlError::flag(format!("unknown shorthand flag: '{c}' in {arg}"), command));
                };
                if flag.takes_value {
                    let rest: String = chars[j..].iter().collect();
                    let value = if let Some(v) = rest.strip_prefix('=') {
                        v.to_string()
                    } else if !rest.is_empty() {
                        rest
                    } else if i < args.len() {
                        i += 1;
                        args[i - 1].clone()
                    } else {
                        return Err(KubectlError::flag(
                            format!("flag needs an argument: '{c}' in -{c}"),
                            command,
                        ));
                    };
                    parsed.record(flag, value);
                    break;
                }
                parsed.record(flag, "true".into());
            }
        } else {
            parsed.positionals.push(arg.clone());
        }
    }
    Ok(parsed)
}

/// A flag as pflag names it in errors: `-w, --watch`, or `--wait` without a shorthand.
fn shown_name(flag: &Flag) -> String {
    match flag.short {
        Some(short) => format!("-{short}, --{}", flag.long),
        None => format!("--{}", flag.long),
    }
}

fn is_negative_number(arg: &str) -> bool {
    arg[1..].chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    const FLAGS: &[Flag] = &[
        value("output", Some('o'), ""),
        switch("watch", Some('w'), ""),
        switch("all-namespaces", Some('A'), ""),
        value("selector", Some('l'), ""),
    ];

    #[test]
    fn bad_values_name_the_flag_with_its_shorthand_like_pflag() {
        let err = parse(&strings(&["--watch=maybe"]), FLAGS, "get").unwrap_err().render();
        assert_eq!(err, "error: invalid argument \"maybe\" for \"-w, --watch\" flag: strconv.ParseBool: parsing \"maybe\": invalid syntax\nSee 'kubectl get --help' for usage.");
        let p = parse(&strings(&["-o", "x", "--selector", "y"]), FLAGS, "get").unwrap();
        let err = p.int("output", "get").unwrap_err().render();
        assert_eq!(err, "error: invalid argument \"x\" for \"-o, --output\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\nSee 'kubectl get --help' for usage.");
    }

    #[test]
    fn integers_out_of_range_read_like_strconv() {
        let flags = &[value("replicas", Some('r'), ""), value("port", None, "")];
        let p = parse(&strings(&["--replicas=99999999999", "--port", "-5"]), flags, "create deployment").unwrap();
        let err = p.int32("replicas", "create deployment").unwrap_err().render();
        assert_eq!(err, "error: invalid argument \"99999999999\" for \"-r, --replicas\" flag: strconv.ParseInt: parsing \"99999999999\": value out of range\nSee 'kubectl create deployment --help' for usage.");
        assert_eq!(p.int("replicas", "scale").unwrap(), Some(99_999_999_999), "a Go int holds it");
        assert_eq!(p.int32("port", "x").unwrap(), Some(-5));
        let p = parse(&strings(&["--replicas=999999999999999999999999999999999999"]), flags, "scale").unwrap();
        let err = p.int("replicas", "scale").unwrap_err().render();
        assert!(err.ends_with("value out of range\nSee 'kubectl scale --help' for usage."), "{err}");
        let p = parse(&strings(&["--replicas=1e3"]), flags, "scale").unwrap();
        assert!(p.int("replicas", "scale").unwrap_err().render().contains(": invalid syntax"));
    }

    #[test]
    fn parses_the_forms_kubectl_users_type() {
        let p = parse(&strings(&["pods", "-n", "test", "-oyaml", "--watch", "-l", "app=x"]), FLAGS, "get").unwrap();
        assert_eq!(p.positionals, vec!["pods"]);
        assert_eq!(p.get("namespace"), Some("test"));
        assert_eq!(p.get("output"), Some("yaml"));
        assert!(p.bool("watch"));
        assert_eq!(p.get("selector"), Some("app=x"));
        let p = parse(&strings(&["--namespace=kube-system", "-Aw", "--watch=false"]), FLAGS, "get").unwrap();
        assert_eq!(p.get("namespace"), Some("kube-system"));
        assert!(p.bool("all-namespaces"));
        assert!(!p.bool("watch"));
    }

    #[test]
    fn unknown_flags_are_reported_like_pflag() {
        let e = parse(&strings(&["--foo"]), FLAGS, "get").unwrap_err();
        assert_eq!(e.render(), "error: unknown flag: --foo\nSee 'kubectl get --help' for usage.");
        let e = parse(&strings(&["-z"]), FLAGS, "get").unwrap_err();
        assert_eq!(e.render(), "error: unknown shorthand flag: 'z' in -z\nSee 'kubectl get --help' for usage.");
    }

    #[test]
    fn double_dash_ends_flags() {
        let p = parse(&strings(&["pod", "-c", "x", "--", "wget", "-O", "-"]), &[value("container", Some('c'), "")], "exec").unwrap();
        assert_eq!(p.after_dash, Some(strings(&["wget", "-O", "-"])));
        assert_eq!(p.get("container"), Some("x"));
    }
}
