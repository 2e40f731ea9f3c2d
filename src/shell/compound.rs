//! Running compound commands (`for`, `while`/`until`, `if`, `case`, `[[ ]]`, `{ }`, `( )`) as
//! resumable state machines: each holds the [`Run`] of the list it is in (a condition or a
//! body), so a `sleep` or a watch inside a loop suspends the whole command until a later poll.
//!
//! `break`/`continue` set [`ShellState::control`]; the list stops at once and the innermost loop
//! takes the request. A loop gives the clock a chance every [`ITERATIONS_PER_POLL`] rounds, so a
//! loop that never waits (`while true; do echo; done`) cannot freeze the page.

use super::ast::Compound;
use super::condition::{self, Arg};
use super::expand::wildcard_match;
use super::run::{expand_fields, expand_pattern, expand_single, Run, StdinBuffer};
use super::{LoopControl, ShellState};
use crate::cluster::objects::Time;
use crate::output::Output;
use crate::world::World;

/// Loop rounds run in one poll before the loop yields to the clock.
const ITERATIONS_PER_POLL: usize = 1000;

/// How long (virtual milliseconds) a loop that yielded waits before going on, in script mode.
const YIELD_MS: i64 = 100;

/// What the list being run is, within the compound command.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    /// A condition: of `if` branch n, or of the loop (n = 0).
    Condition(usize),
    /// The body being run (of the loop, the taken branch, the matched arm, the group).
    Body,
}

/// A compound command being executed.
pub struct CompoundRun {
    body: Compound,
    stdin: StdinBuffer,
    /// A subshell's own copy of the shell state.
    own: Option<Box<ShellState>>,
    current: Option<(Step, Box<Run>)>,
    started: bool,
    /// The status of the last body run (a loop's status), 0 before any.
    status: i32,
    /// `for`: the values and the index of the next one.
    values: Vec<String>,
    next_value: usize,
    /// Set when the loop yielded: when script mode should poll it again.
    resume_at: Option<Time>,
}

/// What to do after a list of the compound ended.
enum Next {
    Run(Step, Box<Run>),
    Done(i32),
}

impl CompoundRun {
    /// A compound command reading `stdin`; `own` is a subshell's state (`None`: the caller's).
    pub fn new(body: Compound, stdin: StdinBuffer, own: Option<Box<ShellState>>) -> Self {
        CompoundRun { body, stdin, own, current: None, started: false, status: 0, values: Vec::new(), next_value: 0, resume_at: None }
    }

    /// Advances as far as possible; the exit status once the command ended.
    pub fn poll(&mut self, sh: &mut ShellState, world: &mut World, out: &mut Output) -> Option<i32> {
        let mut own = self.own.take();
        let result = self.advance(own.as_deref_mut().unwrap_or(sh), world, out);
        self.own = own;
        result
    }

    /// Ctrl+C: stops the list running inside; status 130.
    pub fn interrupt(&mut self, sh: &mut ShellState, world: &mut World, out: &mut Output) -> i32 {
        let mut own = self.own.take();
        if let Some((_, mut run)) = self.current.take() {
            run.interrupt(own.as_deref_mut().unwrap_or(sh), world, out);
        }
        self.own = own;
        self.started = true;
        130
    }

    /// When the list inside wants to be polled, or when a loop that yielded goes on.
    pub fn deadline(&self) -> Option<Time> {
        self.current.as_ref().and_then(|(_, run)| run.deadline()).or(self.resume_at)
    }

    /// `while`/`until` loops may run forever: script mode stops them once the cluster is quiet.
    pub fn is_endless(&self) -> bool {
        matches!(self.body, Compound::Loop { .. }) || self.current.as_ref().is_some_and(|(_, run)| run.is_endless())
    }

    fn advance(&mut self, sh: &mut ShellState, world: &mut World, out: &mut Output) -> Option<i32> {
        self.resume_at = None;
        let mut rounds = 0;
        if !self.started {
            self.started = true;
            match self.start(sh, world, out) {
                Next::Run(step, run) => self.current = Some((step, run)),
                Next::Done(status) => return Some(status),
            }
        }
        loop {
            let Some((step, run)) = self.current.as_mut() else { return Some(self.status) };
            let status = run.poll(sh, world, out)?;
            let step = *step;
            self.current = None;
            if sh.exit_requested.is_some() {
                return Some(status);
            }
            if step == Step::Body {
                rounds += 1;
            }
            match self.after(step, status, sh, world, out) {
                Next::Done(status) => return Some(status),
                Next::Run(step, run) => self.current = Some((step, run)),
            }
            if rounds >= ITERATIONS_PER_POLL {
                self.resume_at = Some(world.cluster.now().plus_ms(YIELD_MS));
                return None;
            }
        }
    }

    fn run_of(&self, script: &super::ast::Script) -> Box<Run> {
        Box::new(Run::with_stdin(script.clone(), self.stdin.clone()))
    }

    /// The first list to run, or the status when there is none.
    fn start(&mut self, sh: &mut ShellState, world: &mut World, out: &mut Output) -> Next {
        match &self.body {
            Compound::Group(script) | Compound::Subshell(script) => Next::Run(Step::Body, self.run_of(script)),
            Compound::If { branches, .. } => match branches.first() {
                Some((condition, _)) => Next::Run(Step::Condition(0), self.run_of(condition)),
                None => Next::Done(0),
            },
            Compound::Loop { condition, .. } => Next::Run(Step::Condition(0), self.run_of(condition)),
            Compound::For { var, words, body } => {
                let (var, words, body) = (var.clone(), words.clone(), body.clone());
                for word in &words {
                    self.values.extend(expand_fields(word, sh, world, out));
                }
                match self.values.first().cloned() {
                    Some(value) => {
                        sh.vars.insert(var, value);
                        self.next_value = 1;
                        Next::Run(Step::Body, self.run_of(&body))
                    }
                    None => Next::Done(0),
                }
            }
            Compound::Case { word, arms } => {
                let (word, arms) = (word.clone(), arms.clone());
                let subject = expand_single(&word, sh, world, out);
                for (patterns, body) in &arms {
                    for pattern in patterns {
                        if wildcard_match(&expand_pattern(pattern, sh, world, out), &subject) {
                            return Next::Run(Step::Body, self.run_of(body));
                        }
                    }
                }
                Next::Done(0)
            }
            Compound::Cond(words) => {
                let words = words.clone();
                let status = double_bracket(&words, sh, world, out);
                sh.last_status = status;
                Next::Done(status)
            }
        }
    }

    /// What follows a list that ended with `status`.
    fn after(&mut self, step: Step, status: i32, sh: &mut ShellState, world: &mut World, out: &mut Output) -> Next {
        let is_loop = matches!(self.body, Compound::Loop { .. } | Compound::For { .. });
        if let Some(control) = sh.control.take() {
            if !is_loop {
                sh.control = Some(control);
                return Next::Done(status);
            }
            match control {
                LoopControl::Break(n) => {
                    if n > 1 {
                        sh.control = Some(LoopControl::Break(n - 1));
                    }
                    return Next::Done(status);
                }
                LoopControl::Continue(n) if n > 1 => {
                    sh.control = Some(LoopControl::Continue(n - 1));
                    return Next::Done(self.status);
                }
                LoopControl::Continue(_) => {
                    return self.next_round(Step::Body, status, sh, world, out);
                }
            }
        }
        self.next_round(step, status, sh, world, out)
    }

    fn next_round(&mut self, step: Step, status: i32, sh: &mut ShellState, _world: &mut World, _out: &mut Output) -> Next {
        match (&self.body, step) {
            (Compound::If { branches, otherwise }, Step::Condition(i)) => {
                if status == 0 {
                    return match branches.get(i) {
                        Some((_, body)) => Next::Run(Step::Body, self.run_of(body)),
                        None => Next::Done(0),
                    };
                }
                match (branches.get(i + 1), otherwise) {
                    (Some((condition, _)), _) => Next::Run(Step::Condition(i + 1), self.run_of(condition)),
                    (None, Some(body)) => Next::Run(Step::Body, self.run_of(body)),
                    (None, None) => Next::Done(0),
                }
            }
            (Compound::Loop { until, body, .. }, Step::Condition(_)) => {
                if (status == 0) != *until {
                    Next::Run(Step::Body, self.run_of(body))
                } else {
                    Next::Done(self.status)
                }
            }
            (Compound::Loop { condition, .. }, Step::Body) => {
                self.status = status;
                Next::Run(Step::Condition(0), self.run_of(condition))
            }
            (Compound::For { var, body, .. }, _) => {
                self.status = status;
                match self.values.get(self.next_value).cloned() {
                    Some(value) => {
                        sh.vars.insert(var.clone(), value);
                        self.next_value += 1;
                        Next::Run(Step::Body, self.run_of(body))
                    }
                    None => Next::Done(status),
                }
            }
            _ => Next::Done(status),
        }
    }
}

/// `[[ … ]]`: 0 when true, 1 when false, 2 on a malformed expression.
fn double_bracket(words: &[super::ast::Word], sh: &mut ShellState, world: &mut World, out: &mut Output) -> i32 {
    let mut args = Vec::new();
    for word in words {
        let text = expand_single(word, sh, world, out);
        let pattern = Some(expand_pattern(word, sh, world, out));
        args.push(Arg { text, pattern });
    }
    match condition::evaluate(&args, true, &world.fs) {
        Ok(true) => 0,
        Ok(false) => 1,
        Err(message) => {
            out.errln(format!("bash: {message}"));
            2
        }
    }
}

/// `read [-r] [-p prompt] [NAME…]`: takes one line of stdin and splits it over the names (the
/// last gets the rest; no name: `REPLY`). Status 1 at the end of input.
pub(crate) fn read(argv: &[String], input: &mut super::run::Input, sh: &mut ShellState, out: &mut Output) -> i32 {
    let mut names = Vec::new();
    let mut args = argv[1..].iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-r" | "-s" | "-e" => {}
            "-p" | "-t" | "-n" | "-d" | "-u" => {
                args.next();
            }
            name if super::parser::valid_name(name) => names.push(name.to_string()),
            other => {
                out.errln(format!("bash: read: `{other}': not a valid identifier"));
                return 1;
            }
        }
    }
    if names.is_empty() {
        names.push("REPLY".into());
    }
    let Some((line, complete)) = input.take_line() else {
        for name in names {
            sh.vars.insert(name, String::new());
        }
        return 1;
    };
    let mut rest = line.trim_start();
    for (i, name) in names.iter().enumerate() {
        let value = if i + 1 == names.len() {
            let v = rest.trim_end();
            rest = "";
            v
        } else {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let (v, tail) = rest.split_at(end);
            rest = tail.trim_start();
            v
        };
        sh.vars.insert(name.clone(), value.to_string());
    }
    i32::from(!complete)
}
