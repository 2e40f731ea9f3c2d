//! Running a parsed command line as a resumable state machine.
//!
//! A [`Run`] walks the list item by item, each and-or chain pipeline by pipeline, each pipeline
//! stage by stage. A stage whose program returns a [`Job`] suspends the run: [`Run::poll`] returns
//! `None` and resumes where it stopped on the next poll (after virtual time moved). Stages of a
//! pipeline run one after the other: a stage's whole stdout becomes the next stage's stdin, while
//! the last stage streams its output as it comes. While a stage still runs, the line filters
//! right after it get its output batch by batch (see [`super::stream`]).
//!
//! Compound commands (`for`, `while`, `if`, `case`, `{ }`, `( )`) are stages too: a
//! [`CompoundRun`] drives nested runs of their lists, so a `sleep` inside a loop suspends it.

use super::ast::{AndOr, Command, Connector, ListItem, Part, Pipeline, RedirKind, Script, SimpleCommand, Word};
use super::builtins::{self, Ctx};
use super::compound::CompoundRun;
use super::expand;
use super::lexer::{heredoc_parts, ParseError};
use super::stream::{stream_kind, StreamKind, StreamStage};
use super::{parser, BackgroundJob, ShellState};
use crate::cluster::objects::Time;
use crate::job::{Exec, Job};
use crate::output::{Chunk, Output, Stream};
use crate::world::World;
use std::cell::RefCell;
use std::rc::Rc;

/// The standard input a compound command shares with the commands inside it: `read` takes
/// lines off its front.
pub type StdinBuffer = Rc<RefCell<String>>;

/// What a stage reads: text of its own (a pipe, nothing), or its enclosing compound's stdin.
pub(crate) enum Input {
    Text(String),
    Shared(StdinBuffer),
}

impl Input {
    fn text(&self) -> String {
        match self {
            Input::Text(t) => t.clone(),
            Input::Shared(buffer) => buffer.try_borrow().map(|b| b.clone()).unwrap_or_default(),
        }
    }

    /// Takes the first line off the input (`read`): its text and whether it ended with a
    /// newline; `None` at the end of input.
    pub(crate) fn take_line(&mut self) -> Option<(String, bool)> {
        fn split(text: &mut String) -> Option<(String, bool)> {
            if text.is_empty() {
                return None;
            }
            match text.find('\n') {
                Some(end) => {
                    let rest = text.split_off(end + 1);
                    let mut line = std::mem::replace(text, rest);
                    line.pop();
                    Some((line, true))
                }
                None => Some((std::mem::take(text), false)),
            }
        }
        match self {
            Input::Text(text) => split(text),
            Input::Shared(buffer) => buffer.try_borrow_mut().ok().and_then(|mut b| split(&mut b)),
        }
    }
}

/// Where a file descriptor of a stage writes.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Target {
    /// The console's stdout (or the capture of a `$( )`).
    Stdout,
    /// The console's stderr.
    Stderr,
    /// The next stage of the pipeline.
    Pipe,
    /// A file of the virtual filesystem (already truncated if `>`).
    File(String),
    /// `/dev/null`.
    Null,
}

/// What a running stage waits on.
enum Waiting {
    Job(Box<dyn Job>),
    /// A background job brought back by `fg`.
    Run(Box<Run>),
    /// A compound command (loop, `if`, group, subshell).
    Compound(Box<CompoundRun>),
}

impl Waiting {
    fn poll(&mut self, sh: &mut ShellState, world: &mut World, out: &mut Output) -> Option<i32> {
        match self {
            Waiting::Job(job) => job.poll(world, out),
            Waiting::Run(run) => run.poll(sh, world, out),
            Waiting::Compound(c) => c.poll(sh, world, out),
        }
    }

    fn interrupt(&mut self, sh: &mut ShellState, world: &mut World, out: &mut Output) -> i32 {
        match self {
            Waiting::Job(job) => job.interrupt(world, out),
            Waiting::Run(run) => run.interrupt(sh, world, out),
            Waiting::Compound(c) => c.interrupt(sh, world, out),
        }
    }

    fn deadline(&self) -> Option<Time> {
        match self {
            Waiting::Job(job) => job.deadline(),
            Waiting::Run(run) => run.deadline(),
            Waiting::Compound(c) => c.deadline(),
        }
    }

    fn wants_input(&self) -> Option<String> {
        match self {
            Waiting::Job(job) => job.wants_input(),
            Waiting::Run(run) => run.wants_input(),
            Waiting::Compound(_) => None,
        }
    }

    fn feed(&mut self, line: &str, sh: &mut ShellState, world: &mut World, out: &mut Output) {
        match self {
            Waiting::Job(job) => job.feed(line, world, out),
            Waiting::Run(run) => run.feed(line, sh, world),
            Waiting::Compound(_) => {}
        }
    }

    fn is_endless(&self) -> bool {
        match self {
            Waiting::Job(job) => job.is_endless(),
            Waiting::Run(run) => run.is_endless(),
            Waiting::Compound(c) => c.is_endless(),
        }
    }
}

struct Stage {
    waiting: Waiting,
    out: Target,
    err: Target,
    scratch: Output,
}

struct PipelineRun {
    commands: Vec<Command>,
    negate: bool,
    next: usize,
    /// The previous stage's stdout, waiting to be the next stage's stdin.
    input: String,
    /// What the running stage has written into the pipe so far.
    pipe: String,
    active: Option<Stage>,
    status: i32,
    /// The enclosing compound command's stdin, read by the first stage.
    stdin: Option<StdinBuffer>,
    /// The filters fed while the active stage runs (the stages after it).
    streams: Vec<StreamStage>,
    /// What the last streaming filter passed on to the stage after the streamed ones.
    streamed: String,
}

/// A command line being executed.
pub struct Run {
    items: Vec<ListItem>,
    item: usize,
    /// Which pipeline of the current and-or chain: 0 is the first, n is `rest[n - 1]`.
    step: usize,
    pipeline: Option<PipelineRun>,
    status: i32,
    /// The stdin of the compound command this list belongs to.
    stdin: Option<StdinBuffer>,
}

impl Run {
    /// A run of a parsed command line, not started yet: the first [`Run::poll`] starts it.
    pub fn new(script: Script) -> Self {
        Run { items: script.items, item: 0, step: 0, pipeline: None, status: 0, stdin: None }
    }

    /// A run of a list inside a compound command, reading the compound's stdin.
    pub fn with_stdin(script: Script, stdin: StdinBuffer) -> Self {
        Run { stdin: Some(stdin), ..Run::new(script) }
    }

    /// Advances as far as possible; the exit status once everything ran.
    pub fn poll(&mut self, sh: &mut ShellState, world: &mut World, out: &mut Output) -> Option<i32> {
        loop {
            if let Some(pipeline) = self.pipeline.as_mut() {
                let status = pipeline.poll(sh, world, out)?;
                self.pipeline = None;
                self.status = status;
                sh.last_status = status;
                if sh.exit_requested.is_some() || sh.control.is_some() {
                    return Some(status);
                }
                self.next_step(status);
                continue;
            }
            let Some(item) = self.items.get(self.item).cloned() else { return Some(self.status) };
            if item.background {
                start_background(item.and_or, sh, world, out);
                self.status = 0;
                sh.last_status = 0;
                self.item += 1;
                continue;
            }
            let pipeline = pipeline_at(&item.and_or, self.step).clone();
            self.pipeline = Some(PipelineRun::new(pipeline, self.stdin.clone()));
        }
    }

    /// Moves to the next pipeline that the `&&`/`||` chain lets run, or to the next item.
    fn next_step(&mut self, status: i32) {
        let Some(item) = self.items.get(self.item) else { return };
        let rest = &item.and_or.rest;
        let mut step = self.step + 1;
        while step <= rest.len() {
            let runs = match rest[step - 1].0 {
                Connector::And => status == 0,
                Connector::Or => status != 0,
            };
            if runs {
                self.step = step;
                return;
            }
            step += 1;
        }
        self.item += 1;
        self.step = 0;
    }

    /// Ctrl+C: stops the running command and the rest of the line; status 130. The later stages
    /// of its pipeline still get what it wrote (so `kubectl get pods -w | grep x` shows its matches).
    pub fn interrupt(&mut self, sh: &mut ShellState, world: &mut World, out: &mut Output) -> i32 {
        if let Some(mut pipeline) = self.pipeline.take() {
            // Each round stops the running stage and starts the next ones; bounded by the stages.
            for _ in 0..=pipeline.commands.len() {
                pipeline.interrupt_stage(sh, world, out);
                if pipeline.poll(sh, world, out).is_some() {
                    break;
                }
            }
        }
        self.item = self.items.len();
        self.status = 130;
        sh.last_status = 130;
        130
    }

    /// Script mode's end of an endless command: stops the running stage (status 130) and lets the
    /// rest of the line go on at the next poll.
    pub fn stop_waiting_stage(&mut self, sh: &mut ShellState, world: &mut World, out: &mut Output) {
        if let Some(pipeline) = self.pipeline.as_mut() {
            pipeline.interrupt_stage(sh, world, out);
        }
    }

    /// When the running command wants to be polled even if the cluster stays quiet.
    pub fn deadline(&self) -> Option<Time> {
        self.pipeline.as_ref()?.active.as_ref()?.waiting.deadline()
    }

    /// The prompt of an interactive command (a shell inside a container) waiting for a line.
    pub fn wants_input(&self) -> Option<String> {
        self.pipeline.as_ref()?.active.as_ref()?.waiting.wants_input()
    }

    /// Hands a line to the interactive command; its output shows at the next [`Run::poll`].
    pub fn feed(&mut self, line: &str, sh: &mut ShellState, world: &mut World) {
        let Some(stage) = self.pipeline.as_mut().and_then(|p| p.active.as_mut()) else { return };
        stage.waiting.feed(line, sh, world, &mut stage.scratch);
    }

    /// Ctrl+C for the command an interactive job runs inside itself ([`Job::interrupt_command`]);
    /// false when there is none and the whole line is to be interrupted.
    pub fn interrupt_command(&mut self, world: &mut World) -> bool {
        let Some(stage) = self.pipeline.as_mut().and_then(|p| p.active.as_mut()) else { return false };
        match &mut stage.waiting {
            Waiting::Job(job) => job.interrupt_command(world, &mut stage.scratch),
            _ => false,
        }
    }

    /// Whether the running command runs until stopped (a watch, `logs -f`, `port-forward`).
    pub fn is_endless(&self) -> bool {
        let Some(stage) = self.pipeline.as_ref().and_then(|p| p.active.as_ref()) else { return false };
        stage.waiting.is_endless()
    }
}

fn pipeline_at(and_or: &AndOr, step: usize) -> &Pipeline {
    match step.checked_sub(1).and_then(|i| and_or.rest.get(i)) {
        Some((_, p)) => p,
        None => &and_or.first,
    }
}

/// `cmd &`: prints `[n] pid` and starts the job; it runs on when the session is polled.
fn start_background(and_or: AndOr, sh: &mut ShellState, world: &mut World, out: &mut Output) {
    let id = sh.jobs.iter().map(|j| j.id).max().unwrap_or(0) + 1;
    let pid = sh.next_pid();
    sh.last_background_pid = Some(pid);
    out.errln(format!("[{id}] {pid}"));
    let text = and_or.text.clone();
    let mut run = Run::new(Script { items: vec![ListItem { and_or, background: false }] });
    let saved_status = sh.last_status;
    let finished = run.poll(sh, world, out).map(done_notice);
    sh.last_status = saved_status;
    sh.jobs.push(BackgroundJob { id, pid, text, run, finished });
}

/// The word `jobs` and the completion notice use for a finished job.
pub fn done_notice(status: i32) -> String {
    match status {
        0 => "Done".into(),
        130 | 143 => "Terminated".into(),
        s => format!("Exit {s}"),
    }
}

impl PipelineRun {
    fn new(pipeline: Pipeline, stdin: Option<StdinBuffer>) -> Self {
        PipelineRun {
            commands: pipeline.commands,
            negate: pipeline.negate,
            next: 0,
            input: String::new(),
            pipe: String::new(),
            active: None,
            status: 0,
            stdin,
            streams: Vec::new(),
            streamed: String::new(),
        }
    }

    fn poll(&mut self, sh: &mut ShellState, world: &mut World, out: &mut Output) -> Option<i32> {
        loop {
            if let Some(stage) = self.active.as_mut() {
                let result = stage.waiting.poll(sh, world, &mut stage.scratch);
                let chunks = stage.scratch.take();
                route(chunks, &stage.out, &stage.err, out, &mut self.pipe, world);
                if !self.streams.is_empty() && result.is_none() {
                    let text = std::mem::take(&mut self.pipe);
                    if self.feed_streams(0, &text, false, sh, world, out) {
                        self.stop_for_head(sh, world, out);
                        continue;
                    }
                }
                let status = result?;
                self.active = None;
                self.finish_stage(status, sh, world, out);
                continue;
            }
            let Some(command) = self.commands.get(self.next).cloned() else {
                let status = self.status;
                return Some(if self.negate { i32::from(status == 0) } else { status });
            };
            let is_last = self.next + 1 == self.commands.len();
            let input = match (&self.stdin, self.next) {
                (Some(buffer), 0) => Input::Shared(buffer.clone()),
                _ => Input::Text(std::mem::take(&mut self.input)),
            };
            let alone = self.commands.len() == 1;
            match start_command(&command, input, is_last, alone, sh, world, out, &mut self.pipe) {
                Started::Done(status) => self.finish_stage(status, sh, world, out),
                Started::Running(stage) => {
                    self.active = Some(stage);
                    self.plan_streams(sh, world, out);
                }
            }
            if sh.exit_requested.is_some() {
                return Some(self.status);
            }
        }
    }

    /// Stops the running stage; what it wrote so far stays in the pipe for the next stage.
    fn interrupt_stage(&mut self, sh: &mut ShellState, world: &mut World, out: &mut Output) {
        let Some(mut stage) = self.active.take() else { return };
        stage.waiting.interrupt(sh, world, &mut stage.scratch);
        let chunks = stage.scratch.take();
        route(chunks, &stage.out, &stage.err, out, &mut self.pipe, world);
        self.finish_stage(130, sh, world, out);
    }

    fn finish_stage(&mut self, status: i32, sh: &mut ShellState, world: &mut World, out: &mut Output) {
        self.status = status;
        self.next += 1;
        if self.streams.is_empty() {
            self.input = std::mem::take(&mut self.pipe);
            return;
        }
        let text = std::mem::take(&mut self.pipe);
        self.feed_streams(0, &text, true, sh, world, out);
        self.end_streams();
    }

    /// The stages after the running one that can filter its output as it comes: expanded now.
    fn plan_streams(&mut self, sh: &mut ShellState, world: &mut World, out: &mut Output) {
        let mut index = self.next + 1;
        while let Some(Command::Simple(command)) = self.commands.get(index) {
            let reads_elsewhere = command.redirects.iter().any(|r| r.fd == 0 || matches!(r.kind, RedirKind::Read(_) | RedirKind::HereDoc { .. } | RedirKind::HereString(_)));
            let writes_files = command.redirects.iter().any(|r| !matches!(r.kind, RedirKind::Dup(_)));
            if reads_elsewhere || writes_files || command.words.iter().any(Word::has_subst) {
                break;
            }
            let (argv, env) = expand_argv(command, sh, world, out);
            let Some(kind) = stream_kind(&argv) else { break };
            let stage = StreamStage { argv, env, kind, carry: String::new(), status: None, finished: false };
            self.streams.push(stage);
            index += 1;
        }
    }

    /// Runs `text` through the streaming filters from `from` on; `last` flushes partial lines.
    /// Returns whether a `head` has let all its lines through (the pipeline should end).
    fn feed_streams(&mut self, from: usize, text: &str, last: bool, sh: &mut ShellState, world: &mut World, out: &mut Output) -> bool {
        let mut text = text.to_string();
        let mut head_done = false;
        let count = self.streams.len();
        for k in from..count {
            let is_last_stage = self.next_after_streams() == self.commands.len() && k + 1 == count;
            let stage = &mut self.streams[k];
            let batch = stage.take_batch(&text, last);
            text = String::new();
            let must_run = last && stage.status.is_none();
            if stage.finished || (batch.is_empty() && !must_run) {
                continue;
            }
            let mut scratch = Output::default();
            match stage.kind {
                StreamKind::Head(left) => {
                    let lines: Vec<&str> = batch.split_inclusive('\n').take(left).collect();
                    scratch.out(lines.concat());
                    stage.kind = StreamKind::Head(left - lines.len());
                    stage.finished = left == lines.len();
                    head_done |= stage.finished && !last;
                    stage.record(0);
                }
                StreamKind::Filter => {
                    let mut ctx = Ctx { sh: &mut *sh, world: &mut *world, stdin: &batch, env: &stage.env, out: &mut scratch };
                    let status = match builtins::run_program(&mut ctx, &stage.argv) {
                        Exec::Done(status) => status,
                        Exec::Job(mut job) => job.interrupt(world, &mut scratch),
                    };
                    stage.record(status);
                }
            }
            let out_fd = if is_last_stage { Target::Stdout } else { Target::Pipe };
            route(scratch.take(), &out_fd, &Target::Stderr, out, &mut text, world);
        }
        self.streamed.push_str(&text);
        head_done
    }

    /// The index of the first stage after the streaming filters.
    fn next_after_streams(&self) -> usize {
        self.next + if self.active.is_some() { 1 } else { 0 } + self.streams.len()
    }

    /// A `head` got its lines: the running stage stops (its further output would hit a closed
    /// pipe) and the filters end.
    fn stop_for_head(&mut self, sh: &mut ShellState, world: &mut World, out: &mut Output) {
        if let Some(mut stage) = self.active.take() {
            stage.waiting.interrupt(sh, world, &mut stage.scratch);
            let stderr: Vec<Chunk> = stage.scratch.take().into_iter().filter(|c| c.stream == Stream::Stderr).collect();
            route(stderr, &stage.out, &stage.err, out, &mut String::new(), world);
            self.next += 1;
        }
        self.pipe.clear();
        self.feed_streams(0, "", true, sh, world, out);
        self.end_streams();
    }

    /// After the streamed stage ended: the pipeline goes on after the filters, with their status.
    fn end_streams(&mut self) {
        let streams = std::mem::take(&mut self.streams);
        self.next += streams.len();
        if let Some(status) = streams.last().and_then(|s| s.status) {
            self.status = status;
        }
        self.input = std::mem::take(&mut self.streamed);
    }
}

enum Started {
    Done(i32),
    Running(Stage),
}

/// Sends a stage's output where its file descriptors point.
fn route(chunks: Vec<Chunk>, out_fd: &Target, err_fd: &Target, out: &mut Output, pipe: &mut String, world: &mut World) {
    for chunk in chunks {
        let target = if chunk.stream == Stream::Stdout { out_fd } else { err_fd };
        match target {
            Target::Stdout => out.push(Stream::Stdout, &chunk.text),
            Target::Stderr => out.push(Stream::Stderr, &chunk.text),
            Target::Pipe => pipe.push_str(&chunk.text),
            Target::File(path) => world.fs.append(path, &chunk.text),
            Target::Null => {}
        }
    }
}

/// Runs each `$( … )` and computes each `$(( … ))` of a word, in order, and returns their values.
fn substitutions(parts: &[Part], sh: &mut ShellState, world: &mut World, out: &mut Output) -> Vec<String> {
    let mut results = Vec::new();
    for part in parts {
        match part {
            Part::Subst { source, .. } => results.push(substitute(source, sh, world, out)),
            Part::Arith { source, .. } => results.push(arithmetic(source, sh, world, out)),
            _ => {}
        }
    }
    results
}

/// `$(( … ))`: `$` expansions inside apply first; an error is reported and gives an empty value
/// with status 1.
fn arithmetic(source: &str, sh: &mut ShellState, world: &mut World, out: &mut Output) -> String {
    let parts = heredoc_parts(source);
    let subs = substitutions(&parts, sh, world, out);
    let text = expand::single(&parts, &mut subs.into_iter(), sh, &world.fs);
    match super::arith::eval(&text, &mut sh.vars) {
        Ok(value) => value.to_string(),
        Err(message) => {
            out.errln(format!("bash: {message}"));
            sh.last_status = 1;
            String::new()
        }
    }
}

/// `$( … )`: runs the command at the current virtual time, polling it once (a command still
/// running is interrupted); its stdout minus trailing newlines is the result, its stderr goes to
/// the console.
pub fn substitute(source: &str, sh: &mut ShellState, world: &mut World, out: &mut Output) -> String {
    let script = match parser::parse(source) {
        Ok(script) => script,
        Err(e) => {
            report_parse_error(&e, out);
            sh.last_status = 2;
            return String::new();
        }
    };
    let mut run = Run::new(script);
    let mut captured = Output::default();
    let status = match run.poll(sh, world, &mut captured) {
        Some(status) => status,
        None => run.interrupt(sh, world, &mut captured),
    };
    sh.last_status = status;
    sh.control = None;
    let mut stdout = String::new();
    for chunk in captured.chunks {
        match chunk.stream {
            Stream::Stdout => stdout.push_str(&chunk.text),
            Stream::Stderr => out.push(Stream::Stderr, &chunk.text),
        }
    }
    stdout.truncate(stdout.trim_end_matches('\n').len());
    stdout
}

/// Prints a parse error as bash does.
pub fn report_parse_error(error: &ParseError, out: &mut Output) {
    match error {
        ParseError::Incomplete => out.errln("bash: syntax error: unexpected end of file"),
        ParseError::Syntax(message) => out.errln(format!("bash: {message}")),
    }
}

/// Expands a word into one string (no splitting or globbing).
pub(crate) fn expand_single(word: &Word, sh: &mut ShellState, world: &mut World, out: &mut Output) -> String {
    let subs = substitutions(&word.parts, sh, world, out);
    expand::single(&word.parts, &mut subs.into_iter(), sh, &world.fs)
}

/// Expands a word into fields (splitting and globbing unquoted expansions).
pub(crate) fn expand_fields(word: &Word, sh: &mut ShellState, world: &mut World, out: &mut Output) -> Vec<String> {
    let subs = substitutions(&word.parts, sh, world, out);
    expand::fields(word, &mut subs.into_iter(), sh, &world.fs)
}

/// Expands a word into a glob pattern (quoted parts match literally).
pub(crate) fn expand_pattern(word: &Word, sh: &mut ShellState, world: &mut World, out: &mut Output) -> String {
    let subs = substitutions(&word.parts, sh, world, out);
    expand::pattern(&word.parts, &mut subs.into_iter(), sh, &world.fs)
}

/// Resolves `alias` names at the head of a command (an alias may name another, up to a limit).
fn resolve_aliases(first: &Word, argv: Vec<String>, sh: &ShellState) -> Vec<String> {
    let mut argv = argv;
    if first.plain().is_none() {
        return argv;
    }
    let mut seen = Vec::new();
    while let Some(value) = argv.first().and_then(|name| sh.aliases.get(name)).cloned() {
        let name = argv[0].clone();
        if seen.contains(&name) || seen.len() > 10 {
            break;
        }
        seen.push(name);
        let words: Vec<String> = match parser::parse(&value) {
            Ok(script) => script
                .items
                .first()
                .and_then(|i| match i.and_or.first.commands.first() {
                    Some(Command::Simple(c)) => Some(c.clone()),
                    _ => None,
                })
                .map(|c| c.words.iter().map(|w| expand::single(&w.parts, &mut std::iter::empty(), sh, &crate::vfs::Vfs::default())).collect())
                .unwrap_or_default(),
            Err(_) => value.split_whitespace().map(str::to_string).collect(),
        };
        argv.splice(0..1, words);
    }
    argv
}

/// The argv of a simple command (aliases resolved) and its environment (exported variables
/// plus `NAME=value` prefixes).
fn expand_argv(command: &SimpleCommand, sh: &mut ShellState, world: &mut World, out: &mut Output) -> (Vec<String>, std::collections::BTreeMap<String, String>) {
    let mut env = sh.environment();
    for (name, value) in &command.assigns {
        env.insert(name.clone(), expand_single(value, sh, world, out));
    }
    let mut argv = Vec::new();
    for word in &command.words {
        argv.extend(expand_fields(word, sh, world, out));
    }
    if let Some(first) = command.words.first() {
        argv = resolve_aliases(first, argv, sh);
    }
    (argv, env)
}

/// Applies a command's redirections: its stdout and stderr targets, and the stdin text a
/// redirection gives (`< file`, here-doc), if any. An error is already worded for `bash: `.
fn apply_redirects(
    redirects: &[super::ast::Redirect],
    is_last: bool,
    sh: &mut ShellState,
    world: &mut World,
    out: &mut Output,
) -> Result<(Target, Target, Option<String>), String> {
    let mut stdout_fd = if is_last { Target::Stdout } else { Target::Pipe };
    let mut stderr_fd = Target::Stderr;
    let mut input = None;
    for redirect in redirects {
        apply_redirect(&redirect.kind, redirect.fd, &mut stdout_fd, &mut stderr_fd, &mut input, sh, world, out)?;
    }
    Ok((stdout_fd, stderr_fd, input))
}

/// Starts one stage of a pipeline: a simple command, or a compound command (run in a copy of
/// the shell unless it is the pipeline's only stage or a `{ }` group alone).
#[allow(clippy::too_many_arguments)]
fn start_command(
    command: &Command,
    input: Input,
    is_last: bool,
    alone: bool,
    sh: &mut ShellState,
    world: &mut World,
    out: &mut Output,
    pipe: &mut String,
) -> Started {
    let (body, redirects) = match command {
        Command::Simple(simple) => return start_simple(simple, input, is_last, sh, world, out, pipe),
        Command::Compound { body, redirects } => (body, redirects),
    };
    let (stdout_fd, stderr_fd, redirected) = match apply_redirects(redirects, is_last, sh, world, out) {
        Ok(targets) => targets,
        Err(message) => {
            out.errln(format!("bash: {message}"));
            return Started::Done(1);
        }
    };
    let stdin = match (redirected, input) {
        (Some(text), _) | (None, Input::Text(text)) => Rc::new(RefCell::new(text)),
        (None, Input::Shared(buffer)) => buffer,
    };
    let subshell = matches!(**body, super::ast::Compound::Subshell(_)) || !alone;
    let own = subshell.then(|| Box::new(sh.subshell()));
    let run = CompoundRun::new((**body).clone(), stdin, own);
    Started::Running(Stage { waiting: Waiting::Compound(Box::new(run)), out: stdout_fd, err: stderr_fd, scratch: Output::default() })
}

/// Expands and starts one simple command of a pipeline.
#[allow(clippy::too_many_arguments)]
fn start_simple(
    command: &SimpleCommand,
    input: Input,
    is_last: bool,
    sh: &mut ShellState,
    world: &mut World,
    out: &mut Output,
    pipe: &mut String,
) -> Started {
    let mut assigns = Vec::new();
    for (name, value) in &command.assigns {
        assigns.push((name.clone(), expand_single(value, sh, world, out)));
    }
    let subst_status = sh.last_status;
    let mut argv = Vec::new();
    for word in &command.words {
        argv.extend(expand_fields(word, sh, world, out));
    }
    if let Some(first) = command.words.first() {
        argv = resolve_aliases(first, argv, sh);
    }

    let (stdout_fd, stderr_fd, redirected) = match apply_redirects(&command.redirects, is_last, sh, world, out) {
        Ok(targets) => targets,
        Err(message) => {
            out.errln(format!("bash: {message}"));
            return Started::Done(1);
        }
    };
    let mut input = match redirected {
        Some(text) => Input::Text(text),
        None => input,
    };

    if argv.is_empty() {
        let had_subst = command.assigns.iter().any(|(_, w)| w.has_subst()) || command.words.iter().any(Word::has_subst);
        for (name, value) in assigns {
            sh.vars.insert(name, value);
        }
        return Started::Done(if had_subst { subst_status } else { 0 });
    }

    let mut env = sh.environment();
    env.extend(assigns);
    let mut scratch = Output::default();
    let exec = if argv[0] == "fg" {
        foreground(&argv, sh, &mut scratch)
    } else if argv[0] == "read" {
        FgOrExec::Exec(Exec::Done(super::compound::read(&argv, &mut input, sh, &mut scratch)))
    } else {
        let stdin = input.text();
        let mut ctx = Ctx { sh, world, stdin: &stdin, env: &env, out: &mut scratch };
        FgOrExec::Exec(builtins::run_program(&mut ctx, &argv))
    };
    let waiting = match exec {
        FgOrExec::Exec(Exec::Done(status)) => {
            route(scratch.take(), &stdout_fd, &stderr_fd, out, pipe, world);
            return Started::Done(status);
        }
        FgOrExec::Exec(Exec::Job(job)) => Waiting::Job(job),
        FgOrExec::Run(run) => Waiting::Run(run),
    };
    Started::Running(Stage { waiting, out: stdout_fd, err: stderr_fd, scratch })
}

enum FgOrExec {
    Exec(Exec),
    Run(Box<Run>),
}

/// `fg [%n]`: takes a background job into the foreground.
fn foreground(argv: &[String], sh: &mut ShellState, out: &mut Output) -> FgOrExec {
    let wanted = argv.get(1).map(|a| a.trim_start_matches('%').parse::<usize>().ok());
    let index = match wanted {
        Some(Some(id)) => sh.jobs.iter().position(|j| j.id == id && j.finished.is_none()),
        Some(None) => None,
        None => sh.jobs.iter().rposition(|j| j.finished.is_none()),
    };
    let Some(index) = index else {
        let spec = argv.get(1).cloned().unwrap_or_else(|| "current".into());
        out.errln(format!("bash: fg: {spec}: no such job"));
        return FgOrExec::Exec(Exec::Done(1));
    };
    let job = sh.jobs.remove(index);
    out.outln(&job.text);
    FgOrExec::Run(Box::new(job.run))
}

/// Applies one redirection to the stage's descriptors or stdin.
#[allow(clippy::too_many_arguments)]
fn apply_redirect(
    kind: &RedirKind,
    fd: u32,
    stdout_fd: &mut Target,
    stderr_fd: &mut Target,
    input: &mut Option<String>,
    sh: &mut ShellState,
    world: &mut World,
    out: &mut Output,
) -> Result<(), String> {
    let open_for_write = |word: &Word, append: bool, sh: &mut ShellState, world: &mut World, out: &mut Output| {
        let path = expand_single(word, sh, world, out);
        file_target(&path, append, world)
    };
    match kind {
        RedirKind::Write { path, append } => {
            let target = open_for_write(path, *append, sh, world, out)?;
            match fd {
                1 => *stdout_fd = target,
                2 => *stderr_fd = target,
                _ => {}
            }
        }
        RedirKind::WriteBoth { path, append } => {
            let target = open_for_write(path, *append, sh, world, out)?;
            *stdout_fd = target.clone();
            *stderr_fd = target;
        }
        RedirKind::Dup(source) => {
            let copy = match source {
                1 => stdout_fd.clone(),
                2 => stderr_fd.clone(),
                n => return Err(format!("{n}: Bad file descriptor")),
            };
            match fd {
                1 => *stdout_fd = copy,
                2 => *stderr_fd = copy,
                _ => {}
            }
        }
        RedirKind::Read(word) => {
            let path = expand_single(word, sh, world, out);
            match world.fs.read(&path) {
                Some(text) => *input = Some(text.to_string()),
                None if world.fs.is_dir(&path) => return Err(format!("{path}: Is a directory")),
                None if path == "/dev/null" => *input = Some(String::new()),
                None => return Err(format!("{path}: No such file or directory")),
            }
        }
        RedirKind::HereDoc { body, expand: true } => {
            let parts = heredoc_parts(body);
            let subs = substitutions(&parts, sh, world, out);
            *input = Some(expand::single(&parts, &mut subs.into_iter(), sh, &world.fs));
        }
        RedirKind::HereDoc { body, expand: false } => *input = Some(body.clone()),
        RedirKind::HereString(word) => *input = Some(format!("{}\n", expand_single(word, sh, world, out))),
    }
    Ok(())
}

/// Opens a file of the virtual filesystem for writing (truncating unless appending).
fn file_target(path: &str, append: bool, world: &mut World) -> Result<Target, String> {
    match path {
        "/dev/null" => return Ok(Target::Null),
        "/dev/stdout" => return Ok(Target::Stdout),
        "/dev/stderr" => return Ok(Target::Stderr),
        "" => return Err("ambiguous redirect".into()),
        _ => {}
    }
    let abs = world.fs.resolve(path);
    if world.fs.is_dir(&abs) {
        return Err(format!("{path}: Is a directory"));
    }
    let parent = abs.rsplit_once('/').map_or("/", |(p, _)| if p.is_empty() { "/" } else { p });
    if !world.fs.is_dir(parent) {
        return Err(format!("{path}: No such file or directory"));
    }
    if !append || world.fs.read(&abs).is_none() {
        world.fs.write(&abs, "");
    }
    Ok(Target::File(abs))
}
