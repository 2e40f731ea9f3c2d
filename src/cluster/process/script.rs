//! A tiny interpretation of a container's `sh -c` script (the chapter's busybox sidecars and the
//! loops learners write): what it prints and *when*, and whether and when it ends. `sleep`
//! advances the script's clock, so `echo start; sleep 5; echo done` logs its lines 5 s apart, and
//! `while true; do date; sleep 5; done` keeps logging every 5 s for as long as it runs.

use serde::{Deserialize, Serialize};

use super::ProcessPlan;
use crate::cluster::objects::Time;

/// Commands a busybox shell has (enough to tell "not found" from the rest).
const BUSYBOX_COMMANDS: &[&str] = &[
    "echo", "sleep", "touch", "tail", "cat", "ls", "mkdir", "rm", "true", "false", ":", "date", "wget",
    "printf", "cd", "pwd", "env", "hostname", "nslookup", "ping", "head", "grep", "export", "test", "[",
    "exit", "nc", "seq", "sh", "cp", "mv", "trap", "wait", "read", "id", "whoami", "uname",
];

/// The shortest iteration of a logging loop: a loop without `sleep` would flood the log, the
/// simulation prints one iteration a second instead.
const MIN_PERIOD_MS: i64 = 1000;

/// The most loop iterations written in one go (a jump of hours of virtual time keeps the latest).
const MAX_ITERATIONS_AT_ONCE: i64 = 2000;

/// Time a statement takes when nothing makes it wait (the first line comes after the shell starts).
const START_MS: i64 = 50;

/// What a script line prints: a fixed text, or the output of `date` at the instant it runs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Said {
    Text(String),
    Date,
}

impl Said {
    fn render(&self, at: Time) -> String {
        match self {
            Said::Text(text) if self.depends_on_time() => text.replace("$(date)", &busybox_date(at)).replace("`date`", &busybox_date(at)),
            Said::Text(text) => text.clone(),
            Said::Date => busybox_date(at),
        }
    }

    /// Whether the text holds the time it is printed at (`date`, `echo "$(date) ..."`).
    fn depends_on_time(&self) -> bool {
        match self {
            Said::Text(text) => text.contains("$(date)") || text.contains("`date`"),
            Said::Date => true,
        }
    }
}

/// Where a printed line goes: the container's log, or a file (`> path`, `>> path`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sink {
    #[default]
    Log,
    File { path: String, append: bool },
}

/// One line a script prints, at its offset (ms) from the start (of the script or of a loop's
/// iteration).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub at: i64,
    pub said: Said,
    #[serde(default)]
    pub sink: Sink,
}

/// The lines a script prints after it started.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScriptLogs {
    /// Lines printed once.
    pub once: Vec<Line>,
    /// A `while true` loop printing for ever.
    pub repeat: Option<LogLoop>,
}

/// One logging loop: its first iteration starts at `first_ms`, each lasts `period_ms`, and prints
/// `lines` at their offsets inside the iteration.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogLoop {
    pub first_ms: i64,
    pub period_ms: i64,
    pub lines: Vec<Line>,
}

/// A line a script writes into a file: when, where, appending or replacing, and the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileWrite {
    pub at: Time,
    pub path: String,
    pub append: bool,
    pub text: String,
}

impl ScriptLogs {
    /// The log lines of a script started at `start` whose instants fall in `(after, until]`, in
    /// order.
    pub fn between(&self, start: Time, after: Time, until: Time) -> Vec<(Time, String)> {
        self.due(start, after, until).into_iter().filter(|(_, line)| line.sink == Sink::Log).map(|(at, line)| (at, line.said.render(at))).collect()
    }

    /// The file writes of a script started at `start` due in `(after, until]`, in order.
    pub fn file_writes_between(&self, start: Time, after: Time, until: Time) -> Vec<FileWrite> {
        self.due(start, after, until)
            .into_iter()
            .filter_map(|(at, line)| match &line.sink {
                Sink::File { path, append } => Some(FileWrite { at, path: path.clone(), append: *append, text: line.said.render(at) }),
                Sink::Log => None,
            })
            .collect()
    }

    /// Every line due in `(after, until]` with its instant, in order.
    fn due(&self, start: Time, after: Time, until: Time) -> Vec<(Time, &Line)> {
        let mut lines: Vec<(Time, &Line)> = self
            .once
            .iter()
            .map(|line| (start.plus_ms(line.at), line))
            .filter(|(at, _)| *at > after && *at <= until)
            .collect();
        if let Some(repeat) = &self.repeat {
            let period = repeat.period_ms.max(MIN_PERIOD_MS);
            let first = start.plus_ms(repeat.first_ms);
            // The first iteration that may still print after `after`; after a long jump of virtual
            // time only the latest iterations are written (like a rotated log file).
            let skip = if after > first { (after.0 - first.0) / period } else { 0 };
            let last = if until >= first { (until.0 - first.0) / period } else { 0 };
            let skip = skip.max(last.saturating_sub(MAX_ITERATIONS_AT_ONCE));
            let mut iteration = skip;
            loop {
                let begins = first.plus_ms(iteration.saturating_mul(period));
                if begins > until {
                    break;
                }
                for line in &repeat.lines {
                    let at = begins.plus_ms(line.at);
                    if at > after && at <= until {
                        lines.push((at, line));
                    }
                }
                iteration += 1;
            }
        }
        lines.sort_by_key(|(at, _)| *at);
        lines
    }
}

/// What busybox `date` prints: `Mon Oct  6 09:00:05 UTC 2025`.
pub fn busybox_date(at: Time) -> String {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let stamp = at.rfc3339();
    let month = stamp.get(5..7).and_then(|m| m.parse::<usize>().ok()).unwrap_or(1).clamp(1, 12) - 1;
    let day = stamp.get(8..10).and_then(|d| d.parse::<u32>().ok()).unwrap_or(1);
    let weekday = DAYS[at.0.div_euclid(86_400_000).rem_euclid(7) as usize];
    format!("{weekday} {} {day:>2} {} UTC {}", MONTHS[month], stamp.get(11..19).unwrap_or("00:00:00"), stamp.get(0..4).unwrap_or("1970"))
}

/// Where the interpretation of a statement list ended.
enum Flow {
    /// Ran to the end.
    Done,
    /// `exit N`.
    Exit(i64),
    /// Never ends (`sleep infinity`, `tail -f`, an endless loop).
    Forever,
}

/// Reads a script: lines printed at start go to `start_logs`, later ones to `script`.
struct Reader {
    plan: ProcessPlan,
    script: ScriptLogs,
    elapsed: i64,
    status: i64,
    /// Inside a loop body every line is timed, even the first.
    timed_only: bool,
}

impl Reader {
    fn say(&mut self, said: Said, sink: Sink) {
        // A line after a timed one must wait for it, or the log would show them swapped.
        if self.elapsed <= START_MS && !self.timed_only && !said.depends_on_time() && sink == Sink::Log && self.script.once.is_empty() {
            self.plan.start_logs.push(said.render(Time(0)));
        } else {
            self.script.once.push(Line { at: self.elapsed, said, sink });
        }
    }

    fn run(&mut self, script: &str) -> Flow {
        for statement in split_statements(script) {
            let statement = statement.trim();
            if statement.is_empty() {
                continue;
            }
            if let Some(rest) = statement.strip_prefix("while ") {
                match self.run_loop(rest) {
                    Flow::Done => continue,
                    other => return other,
                }
            }
            let all_words: Vec<&str> = statement.split_whitespace().collect();
            let (words, sink) = split_redirect(&all_words);
            let word = words.first().copied().unwrap_or("");
            match word {
                "sleep" => match words.get(1).copied() {
                    Some("infinity") => return Flow::Forever,
                    Some(n) => self.elapsed = self.elapsed.saturating_add(sleep_ms(n)),
                    None => {}
                },
                "tail" if words.iter().any(|w| *w == "-f" || *w == "-F") => return Flow::Forever,
                "echo" => self.say(Said::Text(unquote(&words[1..].join(" "))), sink),
                "date" => self.say(Said::Date, sink),
                "exit" => return Flow::Exit(words.get(1).and_then(|c| c.parse().ok()).unwrap_or(self.status)),
                "false" => self.status = 1,
                w if BUSYBOX_COMMANDS.contains(&w) => self.status = 0,
                w => {
                    self.say(Said::Text(format!("sh: {w}: not found")), Sink::Log);
                    self.status = 127;
                }
            }
        }
        Flow::Done
    }

    /// `while COND; do BODY; done` (the text after `while `).
    fn run_loop(&mut self, rest: &str) -> Flow {
        let condition = rest.split(';').next().unwrap_or("").trim();
        let word = condition.split_whitespace().next().unwrap_or("");
        let endless = word == "true" || word == ":" || (word == "[" && condition.contains('1'));
        if !endless {
            if !BUSYBOX_COMMANDS.contains(&word) {
                self.say(Said::Text(format!("sh: {word}: not found")), Sink::Log);
            }
            self.status = 0;
            return Flow::Done;
        }
        let body = rest
            .split_once(" do ")
            .or_else(|| rest.split_once(";do "))
            .map(|(_, b)| b.trim().trim_end_matches("done").trim().trim_end_matches(';'))
            .unwrap_or("");
        // One iteration, read on its own clock.
        let mut inner = Reader { plan: ProcessPlan::default(), script: ScriptLogs::default(), elapsed: 0, status: 0, timed_only: true };
        let flow = inner.run(body);
        let lines = inner.script.once;
        if !lines.is_empty() {
            let first_ms = self.elapsed.max(START_MS);
            match flow {
                // An iteration that exits runs once.
                Flow::Exit(_) | Flow::Forever => {
                    for line in lines {
                        self.script.once.push(Line { at: first_ms.saturating_add(line.at), ..line });
                    }
                }
                Flow::Done => self.script.repeat = Some(LogLoop { first_ms, period_ms: inner.elapsed.max(MIN_PERIOD_MS), lines }),
            }
        }
        match flow {
            Flow::Exit(code) => {
                self.elapsed = self.elapsed.saturating_add(inner.elapsed);
                Flow::Exit(code)
            }
            _ => Flow::Forever,
        }
    }
}

/// Takes a `> FILE` / `>> FILE` redirection (also `>FILE`) off a statement's words.
fn split_redirect<'a>(words: &[&'a str]) -> (Vec<&'a str>, Sink) {
    let Some(i) = words.iter().position(|w| w.starts_with('>')) else { return (words.to_vec(), Sink::Log) };
    let operator = words[i];
    let append = operator.starts_with(">>");
    let inline = operator.trim_start_matches('>');
    let path = if inline.is_empty() { words.get(i + 1).copied().unwrap_or("") } else { inline };
    let sink = if path.is_empty() { Sink::Log } else { Sink::File { path: unquote(path), append } };
    (words[..i].to_vec(), sink)
}

/// `sleep 5`, `sleep 0.5`, `sleep 2s`, `sleep 1m` in milliseconds.
fn sleep_ms(text: &str) -> i64 {
    let (number, unit) = match text.char_indices().find(|(_, c)| c.is_ascii_alphabetic()) {
        Some((i, _)) => (&text[..i], &text[i..]),
        None => (text, "s"),
    };
    let factor = match unit {
        "m" => 60_000.0,
        "h" => 3_600_000.0,
        "d" => 86_400_000.0,
        _ => 1000.0,
    };
    (number.parse::<f64>().unwrap_or(0.0).max(0.0) * factor).min(1e15) as i64
}

/// Interprets a `sh -c` script: its start-up log lines and whether and when it exits.
pub fn run_script(script: &str) -> ProcessPlan {
    interpret(script).0
}

/// The lines a `sh -c` script prints after it started (after a `sleep`, in a loop).
pub fn later_logs(script: &str) -> ScriptLogs {
    interpret(script).1
}

fn interpret(script: &str) -> (ProcessPlan, ScriptLogs) {
    let mut reader = Reader { plan: ProcessPlan::default(), script: ScriptLogs::default(), elapsed: START_MS, status: 0, timed_only: false };
    let flow = reader.run(script);
    let mut plan = reader.plan;
    plan.exit = match flow {
        Flow::Done => Some((reader.elapsed, reader.status)),
        Flow::Exit(code) => Some((reader.elapsed, code)),
        Flow::Forever => None,
    };
    (plan, reader.script)
}

/// Splits on `;`, `&&` and newlines outside quotes, keeping `while …; do …; done` together.
fn split_statements(script: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut quote: Option<char> = None;
    let mut depth = 0;
    let chars: Vec<char> = script.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if (c == ';' || c == '\n' || (c == '&' && chars.get(i + 1) == Some(&'&'))) && depth == 0 => {
                parts.push(std::mem::take(&mut current));
                if c == '&' {
                    i += 1;
                }
                i += 1;
                continue;
            }
            None => {}
        }
        current.push(c);
        let word_start = current.len() == 1 || current.ends_with(" while") || current.trim_start() == "while";
        if quote.is_none() && current.trim_start().starts_with("while") && word_start && depth == 0 {
            depth = 1;
        }
        if depth > 0 && current.trim_end().ends_with("done") {
            depth = 0;
        }
        i += 1;
    }
    parts.push(current);
    parts
}

fn unquote(text: &str) -> String {
    text.trim_matches(|c| c == '"' || c == '\'').to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const START: Time = Time(1_759_741_205_000);

    fn texts(lines: &[(Time, String)]) -> Vec<(i64, &str)> {
        lines.iter().map(|(at, text)| ((at.0 - START.0), text.as_str())).collect()
    }

    #[test]
    fn a_loop_logs_once_per_iteration_at_the_times_it_runs() {
        let (plan, script) = interpret("while true; do echo hi; sleep 5; done");
        assert_eq!(plan.exit, None);
        assert!(plan.start_logs.is_empty());
        let lines = script.between(START, Time(0), START.plus_ms(12_000));
        assert_eq!(texts(&lines), vec![(50, "hi"), (5050, "hi"), (10_050, "hi")]);
        // Asking again from where we stopped gives only the new lines.
        let later = script.between(START, START.plus_ms(12_000), START.plus_ms(16_000));
        assert_eq!(texts(&later), vec![(15_050, "hi")]);
    }

    #[test]
    fn date_in_a_loop_prints_the_time_it_runs_at() {
        let (plan, script) = interpret("echo starting; while true; do date; sleep 10; done");
        assert_eq!(plan.start_logs, vec!["starting"]);
        let lines = script.between(START, Time(0), START.plus_ms(11_000));
        assert_eq!(lines.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(), vec!["Mon Oct  6 09:00:05 UTC 2025", "Mon Oct  6 09:00:15 UTC 2025"]);
        let script = later_logs("while true; do echo \"$(date) hello\"; sleep 1; done");
        let lines = script.between(START, START.plus_ms(1000), START.plus_ms(2000));
        assert_eq!(texts(&lines), vec![(1050, "Mon Oct  6 09:00:06 UTC 2025 hello")]);
    }

    #[test]
    fn redirected_lines_go_to_their_file_at_their_time() {
        let script = later_logs("echo hello > /html/index.html; while true; do date >> /html/index.html; sleep 1; done");
        let writes = script.file_writes_between(START, Time(0), START.plus_ms(1500));
        let shown: Vec<(i64, &str, bool, &str)> = writes.iter().map(|w| (w.at.0 - START.0, w.path.as_str(), w.append, w.text.as_str())).collect();
        assert_eq!(shown, vec![(50, "/html/index.html", false, "hello"), (50, "/html/index.html", true, "Mon Oct  6 09:00:05 UTC 2025"), (1050, "/html/index.html", true, "Mon Oct  6 09:00:06 UTC 2025")]);
        assert!(script.between(START, Time(0), START.plus_ms(5000)).is_empty());
    }

    #[test]
    fn a_plain_line_after_a_dated_one_keeps_its_place() {
        let (plan, script) = interpret("date; echo Hello");
        assert!(plan.start_logs.is_empty());
        let lines = script.between(START, Time(0), START.plus_ms(1000));
        assert_eq!(lines.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>(), vec!["Mon Oct  6 09:00:05 UTC 2025", "Hello"]);
    }

    #[test]
    fn sleeps_between_echoes_space_the_lines_and_delay_the_exit() {
        let (plan, script) = interpret("echo one; sleep 2; echo two; sleep 1m; echo three >> /tmp/x; exit 3");
        assert_eq!(plan.start_logs, vec!["one"]);
        assert_eq!(plan.exit, Some((62_050, 3)));
        assert_eq!(texts(&script.between(START, Time(0), START.plus_ms(100_000))), vec![(2050, "two")]);
        let long = later_logs("while true; do echo tick; sleep 1; done").between(START, Time(0), START.plus_ms(86_400_000));
        assert_eq!(long.len() as i64, MAX_ITERATIONS_AT_ONCE + 1);
        let busy = later_logs("while true; do echo spin; done");
        assert_eq!(busy.repeat.map(|r| r.period_ms), Some(MIN_PERIOD_MS));
    }
}
