//! One console session: a world plus a shell. The terminal and the browser drive it through the
//! same small API: submit a command line, let virtual time pass, collect output.
//!
//! (Provisional implementation: whitespace-split kubectl only; the shell replaces it.)

use crate::job::{Exec, Job};
use crate::kubectl::kubectl;
use crate::output::{Chunk, Output};
use crate::world::World;
use std::collections::BTreeMap;

/// The default seed: the same for everyone, so a workshop room sees the same names.
pub const DEFAULT_SEED: u64 = 2023;

/// A console bound to its own simulated cluster.
pub struct Session {
    pub world: World,
    running: Option<Box<dyn Job>>,
    output: Output,
    env: BTreeMap<String, String>,
}

impl Session {
    /// A fresh session on a fresh cluster.
    pub fn new(seed: u64) -> Self {
        Session { world: World::new(seed), running: None, output: Output::default(), env: BTreeMap::new() }
    }

    /// The prompt to show before the next command, e.g. `(default) $ `.
    pub fn prompt(&self) -> String {
        format!("({}) $ ", self.world.kubeconfig.namespace())
    }

    /// Whether `input` is a whole command (false while a here-doc or a quote is still open).
    pub fn is_complete(input: &str) -> bool {
        !input.trim_end().ends_with('\\')
    }

    /// Starts a command line. Its output is collected by [`Session::take_output`].
    pub fn submit(&mut self, input: &str) {
        let args: Vec<String> = input.split_whitespace().map(str::to_string).collect();
        if args.first().map(String::as_str) != Some("kubectl") {
            return;
        }
        match kubectl(&mut self.world, &args[1..], "", &self.env, &mut self.output) {
            Exec::Done(_) => {}
            Exec::Job(job) => self.running = Some(job),
        }
        self.poll();
    }

    /// Whether a command is still running (a watch, `rollout status`, `sleep`).
    pub fn busy(&self) -> bool {
        self.running.is_some()
    }

    /// Lets `elapsed_ms` of virtual time pass and polls the running command.
    pub fn tick(&mut self, elapsed_ms: i64) {
        self.world.cluster.advance_by(elapsed_ms);
        self.poll();
    }

    /// Ctrl+C: stops the running command.
    pub fn interrupt(&mut self) {
        if let Some(mut job) = self.running.take() {
            job.interrupt(&mut self.world, &mut self.output);
        }
    }

    /// Output produced since the last call.
    pub fn take_output(&mut self) -> Vec<Chunk> {
        self.output.take()
    }

    fn poll(&mut self) {
        if let Some(job) = self.running.as_mut() {
            if job.poll(&mut self.world, &mut self.output).is_some() {
                self.running = None;
            }
        }
    }
}
