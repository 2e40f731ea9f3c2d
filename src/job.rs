//! Commands that take virtual time: `rollout status`, `get -w`, `wait`, `delete` waiting for the
//! object to go, `sleep`. A job is polled whenever the cluster has moved; the terminal driver
//! fast-forwards virtual time, the browser lets it flow in real time.

use crate::cluster::objects::Time;
use crate::output::Output;
use crate::world::World;

/// A command still running.
pub trait Job {
    /// Looks at the world again, writes any new output, and returns the exit status once done.
    fn poll(&mut self, world: &mut World, out: &mut Output) -> Option<i32>;

    /// A virtual instant at which the job wants to be polled even if the cluster does not change
    /// (a `sleep` ending, a `--timeout` expiring).
    fn deadline(&self) -> Option<Time> {
        None
    }

    /// Whether the job runs until stopped (a watch, `logs -f`, `port-forward`): in script mode it
    /// is stopped once the cluster has been quiet for a while.
    fn is_endless(&self) -> bool {
        false
    }

    /// An interactive job (a shell inside a container) waiting for a line: the prompt to show.
    /// While it waits, the session feeds it the lines the user submits.
    fn wants_input(&self) -> Option<String> {
        None
    }

    /// Gives the job one line of input (only called while [`Job::wants_input`] says so).
    fn feed(&mut self, _line: &str, _world: &mut World, _out: &mut Output) {}

    /// Ctrl+C while an interactive job runs a command of its own (a `sleep` in a container's
    /// shell): the job stops that command and keeps running. False when it has no such command.
    fn interrupt_command(&mut self, _world: &mut World, _out: &mut Output) -> bool {
        false
    }

    /// Ctrl+C: the job stops and returns its exit status.
    fn interrupt(&mut self, _world: &mut World, _out: &mut Output) -> i32 {
        130
    }
}

/// What starting a command gives: done at once, or a job to poll.
pub enum Exec {
    Done(i32),
    Job(Box<dyn Job>),
}
