//! Streaming pipelines: while the first stage of `kubectl get pods -w | grep x` still runs, the
//! line filters after it (grep, sed, cut, tr, awk, head) get its output line by line, so matches
//! show as they come. A filter is run again on each batch of complete lines; `head` counts the
//! lines it let through and, once satisfied, ends the pipeline as SIGPIPE would.

use std::collections::BTreeMap;

/// How a filter takes part in streaming.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamKind {
    /// Stateless per line: each batch is filtered on its own.
    Filter,
    /// `head -n N`: lets N lines through, then the pipeline ends.
    Head(usize),
}

/// Whether a program with these arguments can filter a stream batch by batch: only filters that
/// read stdin (no file operands) and keep no state across lines (no counts, line numbers,
/// context lines, `BEGIN`/`END`).
pub fn stream_kind(argv: &[String]) -> Option<StreamKind> {
    let (name, args) = argv.split_first()?;
    match name.as_str() {
        "grep" | "egrep" => grep_streams(args).then_some(StreamKind::Filter),
        "sed" => operands(args, &["-e"], "Enr", &["--regexp-extended", "--quiet", "--silent"]).is_some_and(|o| o.len() <= 1).then_some(StreamKind::Filter),
        "cut" => operands(args, &["-d", "-f", "-c", "-b"], "s", &[]).is_some_and(|o| o.is_empty()).then_some(StreamKind::Filter),
        "tr" => Some(StreamKind::Filter),
        "awk" => {
            let ops = operands(args, &["-F", "-v"], "", &[])?;
            let program = ops.first()?;
            let stateful = ["BEGIN", "END", "NR", "getline", "next"].iter().any(|w| program.contains(w));
            (ops.len() == 1 && !stateful).then_some(StreamKind::Filter)
        }
        "head" => head_count(args).map(StreamKind::Head),
        _ => None,
    }
}

/// `grep`: a pattern and no file; no counting, listing, quiet, line numbers, context or max count.
fn grep_streams(args: &[String]) -> bool {
    let long_ok = ["--ignore-case", "--invert-match", "--word-regexp", "--line-regexp", "--extended-regexp", "--fixed-strings", "--only-matching", "--no-messages"];
    let has_e = args.iter().any(|a| a == "-e" || a.starts_with("--regexp="));
    let Some(ops) = operands(args, &["-e"], "ivwxEFosyhHG", &long_ok) else { return false };
    let patterns_given = usize::from(!has_e);
    ops.len() == patterns_given
}

/// The operands of a command line, or `None` when an option outside the allowed ones appears.
/// `valued` options take the next argument (or an attached value); `flags` are allowed short
/// flags, combinable; `long` are allowed long options (`--color…` always is).
fn operands(args: &[String], valued: &[&str], flags: &str, long: &[&str]) -> Option<Vec<String>> {
    let mut ops = Vec::new();
    let mut i = 0;
    let mut options_done = false;
    while i < args.len() {
        let arg = &args[i];
        if options_done || arg == "-" || !arg.starts_with('-') {
            ops.push(arg.clone());
        } else if arg == "--" {
            options_done = true;
        } else if arg.starts_with("--") {
            let name = arg.split('=').next().unwrap_or_default();
            if !(long.contains(&name) || name == "--color" || name == "--colour" || (name == "--regexp" && arg.contains('='))) {
                return None;
            }
        } else if let Some(v) = valued.iter().find(|v| arg.starts_with(*v)) {
            if arg.len() == v.len() {
                i += 1;
                args.get(i)?;
            }
        } else if !arg[1..].chars().all(|c| flags.contains(c)) {
            return None;
        }
        i += 1;
    }
    Some(ops)
}

/// `head -n N`, `-N`, `-nN`, `--lines=N` without files: N.
fn head_count(args: &[String]) -> Option<usize> {
    let mut count = 10;
    let mut i = 0;
    while i < args.len() {
        let arg = &args[i];
        let value = if arg == "-n" {
            i += 1;
            args.get(i)?.clone()
        } else if let Some(v) = arg.strip_prefix("--lines=").or_else(|| arg.strip_prefix("-n")) {
            v.to_string()
        } else if let Some(v) = arg.strip_prefix('-').filter(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_digit())) {
            v.to_string()
        } else {
            return None;
        };
        count = value.parse().ok()?;
        i += 1;
    }
    Some(count)
}

/// One streaming filter of a pipeline, with its arguments already expanded.
pub struct StreamStage {
    pub argv: Vec<String>,
    pub env: BTreeMap<String, String>,
    pub kind: StreamKind,
    /// Text received but not yet a complete line.
    pub carry: String,
    /// The combined exit status so far (`None` before the first batch).
    pub status: Option<i32>,
    /// Set when the filter failed (status 2 and up) or `head` let its lines through: it takes
    /// no more input.
    pub finished: bool,
}

impl StreamStage {
    /// Takes `text` into the carry and returns the complete lines to filter now (all of it when
    /// `last`).
    pub fn take_batch(&mut self, text: &str, last: bool) -> String {
        self.carry.push_str(text);
        if last {
            return std::mem::take(&mut self.carry);
        }
        match self.carry.rfind('\n') {
            Some(end) => {
                let rest = self.carry.split_off(end + 1);
                std::mem::replace(&mut self.carry, rest)
            }
            None => String::new(),
        }
    }

    /// Folds one batch's status into the stage's: success wins (grep matched in some batch);
    /// an error stops the stage.
    pub fn record(&mut self, status: i32) {
        if status >= 2 {
            self.finished = true;
            self.status = Some(status);
            return;
        }
        self.status = Some(self.status.map_or(status, |s| if s >= 2 { s } else { s.min(status) }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(line: &str) -> Option<StreamKind> {
        let argv: Vec<String> = line.split_whitespace().map(str::to_string).collect();
        stream_kind(&argv)
    }

    #[test]
    fn which_filters_stream() {
        assert_eq!(kind("grep rickroller"), Some(StreamKind::Filter));
        assert_eq!(kind("grep -v -i GET"), Some(StreamKind::Filter));
        assert_eq!(kind("grep -e a -e b"), Some(StreamKind::Filter));
        assert_eq!(kind("grep -c x"), None);
        assert_eq!(kind("grep -n x"), None);
        assert_eq!(kind("grep x file.txt"), None);
        assert_eq!(kind("sed s/a/b/"), Some(StreamKind::Filter));
        assert_eq!(kind("cut -d : -f1"), Some(StreamKind::Filter));
        assert_eq!(kind("cut -f1"), Some(StreamKind::Filter));
        assert_eq!(kind("awk {print $1}"), None);
        assert_eq!(kind("awk {print}"), Some(StreamKind::Filter));
        assert_eq!(kind("head -3"), Some(StreamKind::Head(3)));
        assert_eq!(kind("head -n 2"), Some(StreamKind::Head(2)));
        assert_eq!(kind("head"), Some(StreamKind::Head(10)));
        assert_eq!(kind("head -c 5"), None);
        assert_eq!(kind("tail -1"), None);
        assert_eq!(kind("wc -l"), None);
    }

    #[test]
    fn batches_are_complete_lines() {
        let mut stage = StreamStage { argv: vec![], env: BTreeMap::new(), kind: StreamKind::Filter, carry: String::new(), status: None, finished: false };
        assert_eq!(stage.take_batch("a\nb", false), "a\n");
        assert_eq!(stage.take_batch("c\nd\n", false), "bc\nd\n");
        assert_eq!(stage.take_batch("e", false), "");
        assert_eq!(stage.take_batch("", true), "e");
        stage.record(1);
        stage.record(0);
        assert_eq!(stage.status, Some(0));
    }
}
