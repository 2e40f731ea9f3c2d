//! Word expansion: variables, `~`, command substitution results, field splitting of unquoted
//! expansions, and globbing of unquoted `*`, `?`, `[…]` against the virtual filesystem.
//!
//! Substitutions need the world and run first (see [`super::run`]); their outputs arrive here as
//! strings, in the order the word holds them.

use super::ast::{ParamOp, Part, Word};
use super::ShellState;
use crate::vfs::Vfs;

/// One field being built: its text and the glob pattern (quoted wildcards escaped).
#[derive(Default)]
struct Field {
    text: String,
    pattern: String,
    has_glob: bool,
    started: bool,
}

impl Field {
    fn push_quoted(&mut self, s: &str) {
        self.text.push_str(s);
        for c in s.chars() {
            if matches!(c, '*' | '?' | '[' | ']' | '\\') {
                self.pattern.push('\\');
            }
            self.pattern.push(c);
        }
        self.started = true;
    }

    fn push_unquoted(&mut self, s: &str) {
        self.text.push_str(s);
        self.pattern.push_str(s);
        if s.contains(['*', '?', '[']) {
            self.has_glob = true;
        }
        self.started = true;
    }
}

/// Expands a word into fields. `substitutions` yields the output of each `$( … )` in order
/// (trailing newlines already removed).
pub fn fields(word: &Word, substitutions: &mut dyn Iterator<Item = String>, sh: &ShellState, fs: &Vfs) -> Vec<String> {
    let mut done: Vec<Field> = Vec::new();
    let mut cur = Field::default();
    for part in &word.parts {
        match part {
            Part::Lit(s) => cur.push_unquoted(s),
            Part::Quoted(s) => cur.push_quoted(s),
            Part::Tilde => cur.push_quoted(crate::vfs::HOME),
            Part::Var { quoted, .. } | Part::Subst { quoted, .. } | Part::Arith { quoted, .. } | Part::Param { quoted, .. } => {
                let value = value_of(part, substitutions, sh, fs);
                if *quoted {
                    cur.push_quoted(&value);
                    continue;
                }
                // Unquoted: split on whitespace; the pieces join the fields around them.
                let starts_blank = value.starts_with(char::is_whitespace);
                let ends_blank = value.ends_with(char::is_whitespace);
                let pieces: Vec<&str> = value.split_whitespace().collect();
                if pieces.is_empty() {
                    if starts_blank && cur.started {
                        done.push(std::mem::take(&mut cur));
                    }
                    continue;
                }
                if starts_blank && cur.started {
                    done.push(std::mem::take(&mut cur));
                }
                for (i, piece) in pieces.iter().enumerate() {
                    if i > 0 {
                        done.push(std::mem::take(&mut cur));
                    }
                    cur.push_unquoted(piece);
                }
                if ends_blank {
                    done.push(std::mem::take(&mut cur));
                }
            }
        }
    }
    if cur.started {
        done.push(cur);
    }
    let mut out = Vec::new();
    for field in done {
        if field.has_glob {
            let matches = glob(&field.pattern, fs);
            if !matches.is_empty() {
                out.extend(matches);
                continue;
            }
        }
        out.push(field.text);
    }
    out
}

/// Expands a word into one string, without splitting or globbing (assignments, redirection
/// targets, here-doc bodies).
pub fn single(parts: &[Part], substitutions: &mut dyn Iterator<Item = String>, sh: &ShellState, fs: &Vfs) -> String {
    let mut text = String::new();
    for part in parts {
        match part {
            Part::Lit(s) | Part::Quoted(s) => text.push_str(s),
            Part::Tilde => text.push_str(crate::vfs::HOME),
            _ => text.push_str(&value_of(part, substitutions, sh, fs)),
        }
    }
    text
}

/// Expands a word into a glob pattern (`case` patterns, `[[ x == pattern ]]`): quoted text is
/// escaped so it matches literally.
pub fn pattern(parts: &[Part], substitutions: &mut dyn Iterator<Item = String>, sh: &ShellState, fs: &Vfs) -> String {
    let mut field = Field::default();
    for part in parts {
        match part {
            Part::Lit(s) => field.push_unquoted(s),
            Part::Quoted(s) => field.push_quoted(s),
            Part::Tilde => field.push_quoted(crate::vfs::HOME),
            Part::Var { quoted: true, .. } | Part::Subst { quoted: true, .. } | Part::Arith { quoted: true, .. } | Part::Param { quoted: true, .. } => {
                field.push_quoted(&value_of(part, substitutions, sh, fs))
            }
            _ => field.push_unquoted(&value_of(part, substitutions, sh, fs)),
        }
    }
    field.pattern
}

/// The value of an expansion part: variables and `${…}` operators are computed here;
/// `$( … )` and `$(( … ))` results come from `substitutions`, in order.
fn value_of(part: &Part, substitutions: &mut dyn Iterator<Item = String>, sh: &ShellState, fs: &Vfs) -> String {
    match part {
        Part::Lit(s) | Part::Quoted(s) => s.clone(),
        Part::Tilde => crate::vfs::HOME.to_string(),
        Part::Var { name, .. } => sh.var(name, fs.cwd()),
        Part::Subst { .. } | Part::Arith { .. } => substitutions.next().unwrap_or_default(),
        Part::Param { name, op, arg, .. } => parameter(name, *op, arg, sh, fs),
    }
}

/// `${NAME<op>arg}`: the argument's own `$VAR`s expand (its `$( … )` do not run).
fn parameter(name: &str, op: ParamOp, arg: &str, sh: &ShellState, fs: &Vfs) -> String {
    let value = sh.var(name, fs.cwd());
    let is_set = sh.is_set(name);
    let word = || {
        let unquoted = strip_quotes(arg);
        single(&super::lexer::heredoc_parts(unquoted), &mut std::iter::empty(), sh, fs)
    };
    match op {
        ParamOp::Length => value.chars().count().to_string(),
        ParamOp::Default { colon } | ParamOp::Assign { colon } => {
            let missing = !is_set || (colon && value.is_empty());
            if missing { word() } else { value }
        }
        ParamOp::Alternative { colon } => {
            let present = is_set && !(colon && value.is_empty());
            if present { word() } else { String::new() }
        }
        ParamOp::RemovePrefix { longest } => {
            let pattern = word();
            let chars: Vec<char> = value.chars().collect();
            let mut ends: Vec<usize> = (0..=chars.len()).collect();
            if longest {
                ends.reverse();
            }
            ends.into_iter()
                .find(|&end| wildcard_match(&pattern, &chars[..end].iter().collect::<String>()))
                .map_or(value.clone(), |end| chars[end..].iter().collect())
        }
        ParamOp::RemoveSuffix { longest } => {
            let pattern = word();
            let chars: Vec<char> = value.chars().collect();
            let mut starts: Vec<usize> = (0..=chars.len()).rev().collect();
            if longest {
                starts.reverse();
            }
            starts
                .into_iter()
                .find(|&start| wildcard_match(&pattern, &chars[start..].iter().collect::<String>()))
                .map_or(value.clone(), |start| chars[..start].iter().collect())
        }
    }
}

/// A `${…}` argument in quotes stands for its inside.
fn strip_quotes(arg: &str) -> &str {
    for q in ['"', '\u{27}'] {
        if arg.len() >= 2 && arg.starts_with(q) && arg.ends_with(q) {
            return &arg[1..arg.len() - 1];
        }
    }
    arg
}

/// Paths of the virtual filesystem matching a glob pattern, sorted; empty when none match.
pub fn glob(pattern: &str, fs: &Vfs) -> Vec<String> {
    let absolute = pattern.starts_with('/');
    let components: Vec<&str> = pattern.split('/').filter(|c| !c.is_empty()).collect();
    let mut candidates: Vec<String> = vec![if absolute { "/".into() } else { String::new() }];
    for (i, component) in components.iter().enumerate() {
        let last = i + 1 == components.len();
        let mut next = Vec::new();
        for base in &candidates {
            let join = |name: &str| if base.is_empty() || base.ends_with('/') { format!("{base}{name}") } else { format!("{base}/{name}") };
            if !component.contains(['*', '?', '[']) {
                next.push(join(&unescape(component)));
                continue;
            }
            let dir = if base.is_empty() { "." } else { base.as_str() };
            for entry in fs.list(dir) {
                let is_dir = entry.ends_with('/');
                let name = entry.trim_end_matches('/');
                if name.starts_with('.') && !component.starts_with('.') {
                    continue;
                }
                if (last || is_dir) && wildcard_match(component, name) {
                    next.push(join(name));
                }
            }
        }
        candidates = next;
    }
    let mut found: Vec<String> =
        candidates.into_iter().filter(|p| fs.read(p).is_some() || fs.is_dir(p)).filter(|p| !p.is_empty()).collect();
    found.sort();
    found
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            if let Some(n) = chars.next() {
                out.push(n);
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// Whether `name` matches a glob pattern with `*`, `?`, `[…]` and `\` escapes.
pub fn wildcard_match(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    match_from(&p, &n)
}

fn match_from(p: &[char], n: &[char]) -> bool {
    match p.first() {
        None => n.is_empty(),
        Some('*') => (0..=n.len()).any(|skip| match_from(&p[1..], &n[skip..])),
        Some('?') => !n.is_empty() && match_from(&p[1..], &n[1..]),
        Some('[') => {
            let Some(close) = p.iter().skip(2).position(|&c| c == ']').map(|i| i + 2) else {
                return n.first() == Some(&'[') && match_from(&p[1..], &n[1..]);
            };
            let Some(&c) = n.first() else { return false };
            let mut set = &p[1..close];
            let negate = matches!(set.first(), Some('!' | '^'));
            if negate {
                set = &set[1..];
            }
            let mut hit = false;
            let mut i = 0;
            while i < set.len() {
                if i + 2 < set.len() && set[i + 1] == '-' {
                    hit |= set[i] <= c && c <= set[i + 2];
                    i += 3;
                } else {
                    hit |= set[i] == c;
                    i += 1;
                }
            }
            hit != negate && match_from(&p[close + 1..], &n[1..])
        }
        Some('\\') if p.len() > 1 => n.first() == Some(&p[1]) && match_from(&p[2..], &n[1..]),
        Some(&c) => n.first() == Some(&c) && match_from(&p[1..], &n[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::super::parser::parse;
    use super::*;

    fn expand(text: &str, sh: &ShellState) -> Vec<String> {
        let script = parse(text).unwrap();
        let fs = Vfs::with_tutorial_files();
        let cmd = &script.items[0].and_or.first.commands[0].as_simple().unwrap();
        let mut subs = vec!["sub  out".to_string()].into_iter();
        cmd.words.iter().flat_map(|w| fields(w, &mut subs, sh, &fs)).collect()
    }

    #[test]
    fn variables_split_unless_quoted() {
        let mut sh = ShellState::default();
        sh.vars.insert("X".into(), "a  b".into());
        assert_eq!(expand("echo $X \"$X\" pre${X}post", &sh), vec!["echo", "a", "b", "a  b", "prea", "bpost"]);
        assert_eq!(expand("echo $NOPE \"\" x", &sh), vec!["echo", "", "x"]);
    }

    #[test]
    fn substitutions_split_too() {
        let sh = ShellState::default();
        assert_eq!(expand("echo $(x)", &sh), vec!["echo", "sub", "out"]);
        assert_eq!(expand("echo \"$(x)\"", &sh), vec!["echo", "sub  out"]);
    }

    #[test]
    fn parameter_operators() {
        let mut sh = ShellState::default();
        sh.vars.insert("X".into(), "nginx.yaml".into());
        sh.vars.insert("E".into(), String::new());
        assert_eq!(
            expand("echo ${X:-d} ${NOPE:-d e} ${E:-d} ${E-d} ${#X} ${X%.yaml} ${X#*.} ${X:+set} ${NOPE:+set}", &sh),
            vec!["echo", "nginx.yaml", "d", "e", "d", "10", "nginx", "yaml", "set"]
        );
        assert_eq!(expand("echo \"${NOPE:-$X}\"", &sh), vec!["echo", "nginx.yaml"]);
    }

    #[test]
    fn tilde_and_globs() {
        let sh = ShellState::default();
        assert_eq!(expand("echo ~/x", &sh), vec!["echo", "/home/learner/x"]);
        assert_eq!(expand("ls kube/*svc.yaml", &sh), vec!["ls", "kube/lb-svc.yaml", "kube/svc.yaml"]);
        assert_eq!(expand("ls 'kube/*.yaml' kube/*.txt", &sh), vec!["ls", "kube/*.yaml", "kube/*.txt"]);
        assert_eq!(expand("ls k*/d[e]pl.yaml", &sh), vec!["ls", "kube/depl.yaml"]);
    }

    #[test]
    fn wildcards() {
        assert!(wildcard_match("*.yaml", "a.yaml"));
        assert!(!wildcard_match("*.yaml", "a.yml"));
        assert!(wildcard_match("[!a]?", "bc"));
        assert!(wildcard_match("\\*", "*"));
    }
}
