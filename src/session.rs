//! One console session: a world plus a shell. The terminal and the browser drive it through the
//! same small API: submit a command line, let virtual time pass, collect output.
//!
//! The browser calls [`Session::tick`] every frame (virtual time flows in real time); script mode
//! and tests call [`Session::wait_for_completion`] (virtual time jumps to the next thing due).

use crate::cluster::objects::Time;
use crate::output::{Chunk, Output};
use crate::shell::{self, parser, Run, ShellState};
use crate::world::World;

/// The default seed: the same for everyone, so a workshop room sees the same names.
pub const DEFAULT_SEED: u64 = 2023;

/// In script mode, an endless command (a watch, `logs -f`) stops once the cluster has been quiet
/// for this long.
pub const IDLE_LIMIT_MS: i64 = 60_000;

/// In script mode, an endless command stops after this much virtual time whatever happens.
const ENDLESS_LIMIT_MS: i64 = 3_600_000;

/// How many wake-ups one command may take in script mode before it is stopped.
const MAX_STEPS: usize = 100_000;

/// A console bound to its own simulated cluster.
pub struct Session {
    pub world: World,
    /// Variables, aliases, history, background jobs.
    pub shell: ShellState,
    running: Option<Run>,
    output: Output,
    /// The store revision last seen while the command runs, and when it changed.
    last_change: (u64, Time),
    /// When the running command started.
    started: Time,
}

/// A shell parked outside its session (another console tab on the same world): its state,
/// running command and unread output. [`Session::swap_shell`] brings it in and out.
pub struct ShellSlot {
    shell: ShellState,
    running: Option<Run>,
    output: Output,
    last_change: (u64, Time),
    started: Time,
}

impl Session {
    /// A new shell for this session's world (a fresh console tab), idle and parked.
    pub fn new_shell_slot(&self) -> ShellSlot {
        let now = self.world.cluster.now();
        ShellSlot { shell: ShellState::default(), running: None, output: Output::default(), last_change: (self.world.cluster.store.revision(), now), started: now }
    }

    /// Exchanges the session's shell (state, running command, pending output) with `slot`'s, so
    /// several consoles can take turns on the same world.
    pub fn swap_shell(&mut self, slot: &mut ShellSlot) {
        std::mem::swap(&mut self.shell, &mut slot.shell);
        std::mem::swap(&mut self.running, &mut slot.running);
        std::mem::swap(&mut self.output, &mut slot.output);
        std::mem::swap(&mut self.last_change, &mut slot.last_change);
        std::mem::swap(&mut self.started, &mut slot.started);
    }

    /// A fresh session on a fresh cluster.
    pub fn new(seed: u64) -> Self {
        let world = World::new(seed);
        let now = world.cluster.now();
        Session { world, shell: ShellState::default(), running: None, output: Output::default(), last_change: (0, now), started: now }
    }

    /// The prompt to show before the next command, e.g. `(default) $ `.
    pub fn prompt(&self) -> String {
        if let Some(prompt) = self.input_prompt() {
            return prompt;
        }
        format!("({}) $ ", self.world.kubeconfig.namespace())
    }

    /// Whether `input` is a whole command: false while a quote, `$(`, a here-doc (until its
    /// terminator line), a trailing `\`, `|`, `&&` or `||` is still open.
    pub fn is_complete(input: &str) -> bool {
        !matches!(parser::parse(input), Err(shell::ParseError::Incomplete))
    }

    /// Starts a command line (ignored while another one runs). Its output is collected by
    /// [`Session::take_output`].
    pub fn submit(&mut self, input: &str) {
        if let Some(run) = self.running.as_mut() {
            if run.wants_input().is_some() {
                let line = input.trim_end_matches(['\n', '\r']);
                run.feed(line, &mut self.shell, &mut self.world);
                self.poll();
            }
            return;
        }
        let line = input.trim_end_matches(['\n', '\r']);
        if !line.trim().is_empty() {
            self.shell.history.push(line.to_string());
        }
        match parser::parse(input) {
            Ok(script) => {
                self.running = Some(Run::new(script));
                let now = self.world.cluster.now();
                self.started = now;
                self.last_change = (self.world.cluster.store.revision(), now);
                self.poll();
            }
            Err(error) => {
                shell::run::report_parse_error(&error, &mut self.output);
                self.shell.last_status = 2;
            }
        }
    }

    /// Whether a command is still running (a watch, `rollout status`, `sleep`). An interactive
    /// command waiting for a line (`kubectl exec -it POD -- sh`) is not busy: the console shows
    /// its prompt and [`Session::submit`] feeds it the line.
    pub fn busy(&self) -> bool {
        self.running.is_some() && self.input_prompt().is_none()
    }

    /// The prompt of an interactive command waiting for a line, if one is running.
    pub fn input_prompt(&self) -> Option<String> {
        self.running.as_ref()?.wants_input()
    }

    /// Ctrl+D: ends the input of an interactive command (as `exit` does); false when no
    /// interactive command runs (the console itself then ends).
    pub fn end_of_input(&mut self) -> bool {
        if self.input_prompt().is_none() {
            return false;
        }
        self.submit("exit");
        true
    }

    /// The exit status of the last command (`$?`).
    pub fn last_status(&self) -> i32 {
        self.shell.last_status
    }

    /// Set once `exit` ran: the terminal stops reading commands.
    pub fn exit_requested(&self) -> Option<i32> {
        self.shell.exit_requested
    }

    /// Lets `elapsed_ms` of virtual time pass and polls the running command and background jobs.
    pub fn tick(&mut self, elapsed_ms: i64) {
        self.world.cluster.advance_by(elapsed_ms);
        self.poll();
    }

    /// Ctrl+C: stops the running command.
    pub fn interrupt(&mut self) {
        if self.input_prompt().is_some() {
            // The shell inside the container gets the ^C: it abandons the line, keeps running.
            return;
        }
        if self.running.as_mut().is_some_and(|run| run.interrupt_command(&mut self.world)) {
            // The command running inside the container's shell stops; the shell goes on.
            return;
        }
        if let Some(mut run) = self.running.take() {
            run.interrupt(&mut self.shell, &mut self.world, &mut self.output);
        }
        self.show_notices();
    }

    /// Output produced since the last call.
    pub fn take_output(&mut self) -> Vec<Chunk> {
        self.output.take()
    }

    /// Script mode: runs virtual time forward, from one due instant to the next, until the
    /// running command line ends. An endless command (watch, `logs -f`, port-forward) is stopped
    /// (status 130) once nothing changed in the cluster for [`IDLE_LIMIT_MS`], and the rest of
    /// the line goes on, so a script never hangs.
    pub fn wait_for_completion(&mut self) {
        for _ in 0..MAX_STEPS {
            let Some(run) = self.running.as_ref() else { return };
            if run.wants_input().is_some() {
                return;
            }
            let now = self.world.cluster.now();
            let next = [self.world.cluster.next_wake(), run.deadline(), shell::background_deadline(&self.shell)]
                .into_iter()
                .flatten()
                .filter(|t| *t > now)
                .min();
            let idle_until = self.last_change.1.plus_ms(IDLE_LIMIT_MS).max(now);
            let waits_forever = run.is_endless() || run.deadline().is_none();
            let over_limit = self.started.until(now) >= ENDLESS_LIMIT_MS;
            match next {
                Some(next) if !(waits_forever && (next > idle_until || over_limit)) => self.world.cluster.advance_to(next),
                _ => {
                    self.world.cluster.advance_to(idle_until);
                    self.poll();
                    if let Some(run) = self.running.as_mut() {
                        run.stop_waiting_stage(&mut self.shell, &mut self.world, &mut self.output);
                        let now = self.world.cluster.now();
                        self.started = now;
                        self.last_change = (self.world.cluster.store.revision(), now);
                    }
                }
            }
            self.poll();
        }
        self.interrupt();
    }

    /// Script mode: runs each command of `input` in order (a here-doc or an open quote spans
    /// lines), waiting for each to finish; `echo` writes `$ <first line>` before each command.
    /// Output goes to `sink` command by command. Stops at `exit`.
    ///
    /// A command that reads lines itself (`kubectl exec -i POD -- sh`) gets the following lines
    /// of the script, as when a script is piped into bash, until it ends (`exit`); `echo` shows
    /// them after that command's prompt. The script ending closes its input, like Ctrl+D.
    pub fn run_script(&mut self, input: &str, echo: bool, sink: &mut dyn FnMut(Vec<Chunk>)) {
        self.world.stdin_is_terminal = false;
        for command in split_commands(input) {
            if echo {
                let first = command.lines().next().unwrap_or_default();
                match self.input_prompt() {
                    Some(prompt) => self.output.outln(format!("{prompt}{first}")),
                    None => self.output.outln(format!("$ {first}")),
                }
            }
            self.submit(&command);
            self.wait_for_completion();
            sink(self.take_output());
            if self.exit_requested().is_some() {
                break;
            }
        }
        if self.end_of_input() {
            self.wait_for_completion();
            sink(self.take_output());
        }
        self.world.stdin_is_terminal = true;
    }

    fn poll(&mut self) {
        if let Some(run) = self.running.as_mut() {
            if run.poll(&mut self.shell, &mut self.world, &mut self.output).is_some() {
                self.running = None;
            }
            // A `break`/`continue` outside any loop is dropped once the line stops.
            self.shell.control = None;
        }
        shell::poll_background(&mut self.shell, &mut self.world, &mut self.output);
        let revision = self.world.cluster.store.revision();
        if revision != self.last_change.0 {
            self.last_change = (revision, self.world.cluster.now());
        }
        if self.running.is_none() {
            self.show_notices();
        }
    }

    fn show_notices(&mut self) {
        for notice in shell::take_notices(&mut self.shell) {
            self.output.errln(notice);
        }
    }
}

/// Splits a script into command lines: lines are joined while the command is incomplete
/// (here-docs, open quotes, trailing `\`); blank lines are dropped.
pub fn split_commands(input: &str) -> Vec<String> {
    let mut commands = Vec::new();
    let mut current = String::new();
    for line in input.lines() {
        if current.is_empty() && line.trim().is_empty() {
            continue;
        }
        current.push_str(line);
        current.push('\n');
        if Session::is_complete(&current) {
            commands.push(std::mem::take(&mut current).trim_end_matches('\n').to_string());
        }
    }
    if !current.trim().is_empty() {
        commands.push(current.trim_end_matches('\n').to_string());
    }
    commands
}

#[cfg(test)]
mod tests {
    use super::*;

    fn script(input: &str) -> String {
        let mut session = Session::new(DEFAULT_SEED);
        let mut text = String::new();
        session.run_script(input, false, &mut |chunks| text.extend(chunks.into_iter().map(|c| c.text)));
        text
    }

    #[test]
    fn completeness() {
        assert!(Session::is_complete("echo hi"));
        assert!(!Session::is_complete("cat <<EOF\nabc"));
        assert!(Session::is_complete("cat <<EOF\nabc\nEOF"));
        assert!(!Session::is_complete("echo 'abc"));
        assert!(!Session::is_complete("echo abc \\"));
        assert!(!Session::is_complete("echo abc \\\n"));
        assert!(!Session::is_complete("kubectl get pods |"));
    }

    #[test]
    fn commands_split_on_complete_lines() {
        let parts = split_commands("echo a\n\ncat <<EOF\nx\nEOF\necho 'multi\nline'\n");
        assert_eq!(parts, vec!["echo a", "cat <<EOF\nx\nEOF", "echo 'multi\nline'"]);
    }

    #[test]
    fn sleep_moves_virtual_time() {
        assert_eq!(script("date +%T; sleep 90; date +%T"), "09:00:00\n09:01:30\n");
    }

    #[test]
    fn and_or_chains_follow_status() {
        assert_eq!(script("false && echo no || echo yes; true && echo ok"), "yes\nok\n");
        assert_eq!(script("sleep 1 && echo after"), "after\n");
        assert_eq!(script("timeout 2 sleep 10; echo $?"), "124\n");
    }

    #[test]
    fn interrupt_feeds_the_rest_of_the_pipeline() {
        let mut session = Session::new(DEFAULT_SEED);
        session.submit("sleep 100 | wc -l; echo not reached");
        session.tick(1000);
        assert!(session.busy());
        session.interrupt();
        assert!(!session.busy());
        let text: String = session.take_output().into_iter().map(|c| c.text).collect();
        assert_eq!(text, "0\n");
        assert_eq!(session.last_status(), 130);
    }

    #[test]
    fn endless_commands_stop_when_the_cluster_is_quiet() {
        let mut session = Session::new(DEFAULT_SEED);
        session.submit("kubectl get namespaces -w > /dev/null; date +%T");
        session.wait_for_completion();
        let text: String = session.take_output().into_iter().map(|c| c.text).collect();
        assert!(text.ends_with("09:01:00\n") || text.contains("error"), "{text}");
    }

    #[test]
    fn background_jobs() {
        let text = script("sleep 5 &\njobs\nsleep 10\necho next");
        assert_eq!(
            text,
            "[1] 4343\n[1]+  Running                 sleep 5 &\n[1]+  Done                    sleep 5\nnext\n"
        );
        assert_eq!(script("sleep 50 &\nkill %1\necho x"), "[1] 4343\n[1]+  Terminated              sleep 50\nx\n");
    }

    #[test]
    fn substitution_and_pipes() {
        assert_eq!(script("X=$(echo a b | tr a-z A-Z); echo \"[$X]\""), "[A B]\n");
        assert_eq!(script("echo one two | wc -w"), "2\n");
        assert_eq!(script("cat <<EOF > f.txt\nhello $USER\nEOF\ncat f.txt"), "hello learner\n");
    }

    #[test]
    fn redirections() {
        assert_eq!(script("nope 2>/dev/null; echo $?"), "127\n");
        assert_eq!(script("nope 2>&1 | grep -c found"), "1\n");
        assert_eq!(script("echo a > x; echo b >> x; cat x; cat < x | wc -l"), "a\nb\n2\n");
        assert_eq!(script("echo a > nodir/x"), "bash: nodir/x: No such file or directory\n");
    }

    #[test]
    fn two_shells_take_turns_on_one_world() {
        let mut session = Session::new(DEFAULT_SEED);
        let mut other = session.new_shell_slot();
        session.submit("X=first; sleep 30; echo slept");
        session.swap_shell(&mut other);
        assert!(!session.busy(), "the second shell is idle");
        session.submit("echo ${X:-unset}; kubectl create namespace shared");
        let text: String = session.take_output().into_iter().map(|c| c.text).collect();
        assert_eq!(text, "unset\nnamespace/shared created\n");
        session.swap_shell(&mut other);
        session.tick(30_000);
        let text: String = session.take_output().into_iter().map(|c| c.text).collect();
        assert_eq!(text, "slept\n");
        session.submit("kubectl get namespace shared -o name; echo $X");
        let text: String = session.take_output().into_iter().map(|c| c.text).collect();
        assert_eq!(text, "namespace/shared\nfirst\n");
    }

    #[test]
    fn aliases_apply_to_later_lines() {
        assert_eq!(script("alias hi='echo hello'\nhi world"), "hello world\n");
    }
}
