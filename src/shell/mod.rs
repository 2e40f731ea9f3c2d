//! The small shell around kubectl: enough bash for the tutorial and typical copy-paste.
//!
//! - [`parser`] (with [`lexer`]) turns a command line into an [`ast::Script`]: words with quotes,
//!   `$VAR`, `${VAR}`, `$( … )`, backticks, pipes, `;`, `&&`, `||`, `&`, here-docs, redirections.
//! - [`run::Run`] executes a script as a resumable state machine: a command taking virtual time
//!   (a [`crate::job::Job`]) suspends the run until a later poll finishes it.
//! - [`expand`] turns words into fields; `$( … )` runs its command at once at the current virtual
//!   time, polling it once: a command still running then is interrupted.
//! - [`builtins`] are the programs: kubectl, grep, head, sleep, …
//!
//! `clear` writes the ANSI sequence [`CLEAR_SCREEN`]; a UI that sees it in a stdout chunk clears
//! its console.

pub mod arith;
pub mod ast;
pub mod builtins;
pub mod completion;
pub mod compound;
pub mod condition;
pub mod expand;
pub mod lexer;
pub mod parser;
pub mod regex;
pub mod run;
pub mod stream;
#[cfg(test)]
mod tests;
pub mod timing;

use std::collections::{BTreeMap, BTreeSet};

pub use lexer::ParseError;
pub use run::Run;

/// What `clear` prints: "erase screen, cursor home". The browser console recognises it.
pub const CLEAR_SCREEN: &str = "\x1b[H\x1b[2J";

/// The process id `$$` reports; background jobs count up from it.
const SHELL_PID: u32 = 4242;

/// A background job: the run of one and-or list ended by `&`.
pub struct BackgroundJob {
    /// The number `%1` refers to.
    pub id: usize,
    /// The process id `$!` and `kill PID` use.
    pub pid: u32,
    /// The source text, for `jobs` and the Done notice.
    pub text: String,
    pub run: Run,
    /// Set once the job ended: its notice (`Done`, `Exit 1`, `Terminated`) is still to be shown.
    pub finished: Option<String>,
}

/// The shell's own state: variables, aliases, history, background jobs.
pub struct ShellState {
    /// All shell variables.
    pub vars: BTreeMap<String, String>,
    /// Which variables are exported (passed to programs as their environment).
    pub exported: BTreeSet<String>,
    pub aliases: BTreeMap<String, String>,
    /// Command lines submitted, oldest first.
    pub history: Vec<String>,
    /// `$?`.
    pub last_status: i32,
    pub jobs: Vec<BackgroundJob>,
    /// `$!`.
    pub last_background_pid: Option<u32>,
    next_pid: u32,
    /// Set by `exit`: the terminal stops reading.
    pub exit_requested: Option<i32>,
    /// Set by `break`/`continue`: the lists stop until the loop concerned takes it.
    pub control: Option<LoopControl>,
    /// How many `bash -c` shells enclose this one (bounded against runaway recursion).
    pub nesting: u32,
    /// Set when this shell runs inside a container: its image's programs replace the console's.
    pub userland: Option<std::rc::Rc<dyn builtins::Userland>>,
}

/// A request of `break N` / `continue N` travelling up to the Nth enclosing loop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LoopControl {
    Break(u32),
    Continue(u32),
}

impl Default for ShellState {
    fn default() -> Self {
        let mut sh = ShellState {
            vars: BTreeMap::new(),
            exported: BTreeSet::new(),
            aliases: BTreeMap::new(),
            history: Vec::new(),
            last_status: 0,
            jobs: Vec::new(),
            last_background_pid: None,
            next_pid: SHELL_PID + 100,
            exit_requested: None,
            control: None,
            nesting: 0,
            userland: None,
        };
        for (name, value) in [
            ("HOME", crate::vfs::HOME),
            ("USER", "learner"),
            ("SHELL", "/bin/bash"),
            ("PATH", "/usr/local/bin:/usr/bin:/bin"),
            ("TERM", "xterm-256color"),
            ("LANG", "C.UTF-8"),
        ] {
            sh.export(name, value);
        }
        sh
    }
}

impl ShellState {
    /// Sets and exports a variable.
    pub fn export(&mut self, name: &str, value: &str) {
        self.vars.insert(name.to_string(), value.to_string());
        self.exported.insert(name.to_string());
    }

    /// The environment programs get: exported variables.
    pub fn environment(&self) -> BTreeMap<String, String> {
        self.exported.iter().filter_map(|n| self.vars.get(n).map(|v| (n.clone(), v.clone()))).collect()
    }

    /// The state a subshell starts with: a copy of variables, aliases and `$?`, no jobs.
    pub fn subshell(&self) -> ShellState {
        ShellState {
            vars: self.vars.clone(),
            exported: self.exported.clone(),
            aliases: self.aliases.clone(),
            history: Vec::new(),
            last_status: self.last_status,
            jobs: Vec::new(),
            last_background_pid: self.last_background_pid,
            next_pid: self.next_pid,
            exit_requested: None,
            control: None,
            nesting: self.nesting,
            userland: self.userland.clone(),
        }
    }

    /// A fresh process id for a background job.
    pub fn next_pid(&mut self) -> u32 {
        self.next_pid += 1;
        self.next_pid
    }

    /// The value of `$name` (special parameters included); `cwd` answers `$PWD`.
    pub fn var(&self, name: &str, cwd: &str) -> String {
        match name {
            "?" => self.last_status.to_string(),
            "$" => SHELL_PID.to_string(),
            "!" => self.last_background_pid.map(|p| p.to_string()).unwrap_or_default(),
            "#" => "0".into(),
            "0" => "bash".into(),
            "PWD" => cwd.to_string(),
            _ => self.vars.get(name).cloned().unwrap_or_default(),
        }
    }

    /// Whether `$name` is set (special parameters always are).
    pub fn is_set(&self, name: &str) -> bool {
        matches!(name, "?" | "$" | "#" | "0" | "PWD") || (name == "!" && self.last_background_pid.is_some()) || self.vars.contains_key(name)
    }
}

/// Polls every running background job (their output goes to the console).
pub fn poll_background(sh: &mut ShellState, world: &mut crate::world::World, out: &mut crate::output::Output) {
    let saved_status = sh.last_status;
    let mut jobs = std::mem::take(&mut sh.jobs);
    for job in jobs.iter_mut().filter(|j| j.finished.is_none()) {
        if let Some(status) = job.run.poll(sh, world, out) {
            job.finished = Some(run::done_notice(status));
        }
        sh.control = None;
    }
    jobs.append(&mut sh.jobs);
    sh.jobs = jobs;
    sh.last_status = saved_status;
}

/// The earliest deadline among running background jobs.
pub fn background_deadline(sh: &ShellState) -> Option<crate::cluster::objects::Time> {
    sh.jobs.iter().filter(|j| j.finished.is_none()).filter_map(|j| j.run.deadline()).min()
}

/// Removes finished background jobs and returns bash's notices for them, such as
/// `[1]+  Done                    sleep 2`.
pub fn take_notices(sh: &mut ShellState) -> Vec<String> {
    let count = sh.jobs.len();
    let mut notices = Vec::new();
    for (i, job) in sh.jobs.iter().enumerate() {
        if let Some(state) = &job.finished {
            let mark = if i + 1 == count { '+' } else if i + 2 == count { '-' } else { ' ' };
            notices.push(format!("[{}]{mark}  {state:<24}{}", job.id, job.text));
        }
    }
    sh.jobs.retain(|j| j.finished.is_none());
    notices
}
