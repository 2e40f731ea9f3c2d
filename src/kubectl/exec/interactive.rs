//! `kubectl exec -it POD -- sh`: a shell inside the container that reads the learner's lines, and
//! `kubectl exec POD -- sh -c '...'`. Each line runs through the console's own shell (parser,
//! pipes, `&&`/`||`, `$?`, variables, filters) with the container's programs
//! ([`super::userland::ImageUserland`]) and the container's filesystem standing in for the
//! learner's; `exit [N]` ends the shell and the kubectl command with it.

use super::userland::{self, ImageUserland};
use crate::cluster::objects::pod::Container;
use crate::cluster::objects::{Pod, Time};
use crate::job::Job;
use crate::output::Output;
use crate::shell::{parser, run, Run, ShellState};
use crate::vfs::Vfs;
use crate::world::World;
use std::cell::Cell;
use std::rc::Rc;

/// A shell running in one container of a pod.
pub struct ContainerShell {
    pod: Pod,
    container: Container,
    /// The shell's name (`sh`, `bash`), used in its error messages.
    shell: String,
    /// Interactive shells on a terminal show a prompt.
    tty: bool,
    /// The shell's variables and `$?`; its userland is the container's image.
    sh: ShellState,
    /// The container's filesystem, with the shell's working directory.
    fs: Vfs,
    /// The command line still running (a `sleep`, a `wget` waiting on the network).
    running: Option<Run>,
    /// A `sh -c` shell: it exits once its script ends.
    one_shot: bool,
    /// The start of a command line that goes on (an open quote, a `do` without `done`): the
    /// shell shows its `> ` continuation prompt until the line is complete.
    pending: Option<String>,
    /// Lines read so far, shared with the userland (dash numbers its errors by line).
    lines_read: Rc<Cell<usize>>,
    /// Set once the shell has exited.
    exited: Option<i32>,
}

impl ContainerShell {
    /// A shell `shell` in `container` of `pod`; `tty` gives it a prompt.
    pub fn new(world: &World, pod: Pod, container: Container, shell: &str, tty: bool) -> Self {
        let name = shell.rsplit('/').next().unwrap_or(shell);
        let shell = if name == "bash" { "bash" } else { "sh" }.to_string();
        let mut sh = ShellState::default();
        sh.vars.clear();
        sh.exported.clear();
        let (user, workdir) = super::container::image_user(&container.image);
        let mut env_order = Vec::new();
        for (name, value) in super::container::environment(&world.cluster, &pod, &container) {
            let value = if name == "HOME" && user != "root" { format!("/home/{user}") } else { value };
            sh.export(&name, &value);
            env_order.push(name.clone());
            if tty && name == "HOSTNAME" {
                sh.export("TERM", "xterm");
                env_order.push("TERM".into());
            }
        }
        let lines_read = Rc::new(Cell::new(0));
        let userland = ImageUserland { pod: pod.clone(), container: container.clone(), shell: shell.clone(), shell_process: true, env_order, lines_read: lines_read.clone() };
        sh.userland = Some(Rc::new(userland));
        let mut fs = Vfs::default();
        userland::refresh_files(&mut fs, &world.cluster, &pod, &container);
        let workdir = if container.working_dir.is_empty() { workdir.to_string() } else { container.working_dir.clone() };
        fs.mkdir(&workdir);
        fs.set_cwd(&workdir);
        ContainerShell { pod, container, shell, tty, sh, fs, running: None, one_shot: false, pending: None, lines_read, exited: None }
    }

    /// `sh -c SCRIPT`: runs the script at once; the shell ends with it. An empty `shell` runs a
    /// single program without a shell process (`kubectl exec POD -- ps`).
    pub fn one_shot(world: &mut World, pod: Pod, container: Container, shell: &str, script: &str, out: &mut Output) -> Self {
        let mut this = ContainerShell::new(world, pod.clone(), container.clone(), if shell.is_empty() { "sh" } else { shell }, false);
        if shell.is_empty() {
            let env_order = super::container::environment(&world.cluster, &pod, &container).into_iter().map(|(name, _)| name).collect();
            let userland = ImageUserland { pod, container, shell: this.shell.clone(), shell_process: false, env_order, lines_read: this.lines_read.clone() };
            this.sh.userland = Some(Rc::new(userland));
        }
        this.one_shot = true;
        this.lines_read.set(1);
        this.start_line(script, world, out);
        this
    }

    /// The shell's exit status once it ended.
    pub fn exit_status(&self) -> Option<i32> {
        self.exited
    }

    /// The pod as it is now (its volumes' contents live in the cluster), if it still exists.
    fn current_pod(&self, world: &World) -> Option<Pod> {
        let meta = &self.pod.metadata;
        super::same_pod(&world.cluster, &meta.namespace, &meta.name, &meta.uid)
    }

    fn finish(&mut self, code: i32, out: &mut Output) {
        if code != 0 {
            out.errln(format!("command terminated with exit code {code}"));
        }
        self.exited = Some(code);
    }

    /// Parses and starts a command line.
    fn start_line(&mut self, line: &str, world: &mut World, out: &mut Output) {
        let line = match self.pending.take() {
            Some(start) => format!("{start}\n{line}"),
            None => line.to_string(),
        };
        match parser::parse(&line) {
            Ok(script) => {
                self.running = Some(Run::new(script));
                self.advance(world, out);
            }
            Err(crate::shell::ParseError::Incomplete) if !self.one_shot => self.pending = Some(line),
            Err(error) => {
                let mut report = Output::default();
                run::report_parse_error(&error, &mut report);
                for chunk in report.take() {
                    out.push(chunk.stream, &chunk.text.replacen("bash:", &format!("{}:", self.shell), 1));
                }
                self.sh.last_status = 2;
                if self.one_shot {
                    self.finish(2, out);
                }
            }
        }
    }

    /// Runs the current line as far as it goes, with the container's filesystem in place of the
    /// learner's.
    fn advance(&mut self, world: &mut World, out: &mut Output) {
        let Some(mut running) = self.running.take() else { return };
        let pod = self.current_pod(world).unwrap_or_else(|| self.pod.clone());
        let before = userland::refresh_files(&mut self.fs, &world.cluster, &pod, &self.container);
        std::mem::swap(&mut world.fs, &mut self.fs);
        let status = running.poll(&mut self.sh, world, out);
        std::mem::swap(&mut world.fs, &mut self.fs);
        userland::save_volume_files(&self.fs, &before, &mut world.cluster, &pod, &self.container);
        match status {
            None => self.running = Some(running),
            Some(status) => {
                self.sh.last_status = status;
                if let Some(code) = self.sh.exit_requested.take() {
                    self.finish(code, out);
                } else if self.one_shot {
                    self.finish(status, out);
                }
            }
        }
    }
}

impl Job for ContainerShell {
    fn poll(&mut self, world: &mut World, out: &mut Output) -> Option<i32> {
        if self.exited.is_none() && self.current_pod(world).is_none() {
            // The pod went away under the shell: the connection drops.
            self.running = None;
            self.finish(137, out);
        }
        if self.exited.is_none() && self.running.is_some() {
            self.advance(world, out);
        }
        self.exited
    }

    fn deadline(&self) -> Option<Time> {
        self.running.as_ref().and_then(Run::deadline)
    }

    fn is_endless(&self) -> bool {
        self.running.as_ref().is_some_and(Run::is_endless)
    }

    fn wants_input(&self) -> Option<String> {
        if self.exited.is_some() || self.running.is_some() || self.one_shot {
            return None;
        }
        if !self.tty {
            return Some(String::new());
        }
        if self.pending.is_some() {
            return Some("> ".to_string());
        }
        let home = self.sh.vars.get("HOME").cloned().unwrap_or_default();
        Some(userland::prompt(&self.container, &self.pod, &self.shell, self.fs.cwd(), &home))
    }

    fn feed(&mut self, line: &str, world: &mut World, out: &mut Output) {
        self.lines_read.set(self.lines_read.get() + 1);
        let line = line.trim();
        if self.pending.is_none() && (line.is_empty() || line.starts_with('#')) {
            return;
        }
        self.start_line(line, world, out);
    }

    fn interrupt_command(&mut self, world: &mut World, out: &mut Output) -> bool {
        if self.one_shot || self.exited.is_some() {
            return false;
        }
        let Some(mut running) = self.running.take() else { return false };
        std::mem::swap(&mut world.fs, &mut self.fs);
        let status = running.interrupt(&mut self.sh, world, out);
        std::mem::swap(&mut world.fs, &mut self.fs);
        self.sh.last_status = status;
        if let Some(code) = self.sh.exit_requested.take() {
            self.finish(code, out);
        }
        true
    }

    fn interrupt(&mut self, world: &mut World, out: &mut Output) -> i32 {
        if let Some(mut running) = self.running.take() {
            std::mem::swap(&mut world.fs, &mut self.fs);
            running.interrupt(&mut self.sh, world, out);
            std::mem::swap(&mut world.fs, &mut self.fs);
        }
        self.finish(130, out);
        130
    }
}

#[cfg(test)]
mod tests {
    use crate::kubectl::rollout::fixtures::text;
    use crate::session::{Session, DEFAULT_SEED};

    /// A session with a running busybox pod `client` and nginx pod `web`.
    fn session_with_pods() -> Session {
        let mut session = Session::new(DEFAULT_SEED);
        session.submit("kubectl run client --image=busybox -- sleep 3600; kubectl run web --image=nginx");
        session.submit("kubectl wait --for=condition=Ready pod/client pod/web");
        session.wait_for_completion();
        text(&mut session);
        session
    }

    #[test]
    fn exec_it_sh_gives_a_container_prompt_until_exit() {
        let mut session = session_with_pods();
        let home = session.prompt();
        assert_eq!(home, "(default) $ ");
        session.submit("kubectl exec -it client -- sh");
        assert_eq!(text(&mut session), "", "no TTY warning at an interactive console");
        assert_eq!(session.prompt(), "/ # ");
        assert!(!session.busy(), "the console waits for the container shell's input");
        session.submit("hostname");
        assert_eq!(text(&mut session), "client\n");
        session.submit("ls /");
        assert_eq!(text(&mut session), "bin\ndev\netc\nhome\nlib\nproc\nroot\nrun\nsys\ntmp\nusr\nvar\n");
        session.submit("cat /nope");
        assert_eq!(text(&mut session), "cat: /nope: No such file or directory\n");
        session.submit("echo $? $HOSTNAME '$HOME'");
        assert_eq!(text(&mut session), "1 client $HOME\n");
        session.interrupt();
        assert_eq!(session.prompt(), "/ # ", "Ctrl+C leaves the container shell running");
        session.submit("exit");
        assert_eq!(text(&mut session), "");
        assert_eq!(session.prompt(), home);
        assert_eq!(session.last_status(), 0);
        session.submit("echo back");
        assert_eq!(text(&mut session), "back\n");
    }

    #[test]
    fn debian_shell_prompt_exit_status_and_ctrl_d() {
        let mut session = session_with_pods();
        session.submit("kubectl exec --stdin --tty web -c web -- bash && echo ok || echo failed $?");
        assert_eq!(session.prompt(), "root@web:/# ");
        session.submit("nope");
        assert_eq!(text(&mut session), "bash: nope: command not found\n");
        session.submit("exit 3");
        assert_eq!(text(&mut session), "command terminated with exit code 3\nfailed 3\n");
        assert_eq!(session.prompt(), "(default) $ ");
        session.submit("kubectl exec -it web -- sh");
        assert!(session.end_of_input(), "Ctrl+D ends the container shell");
        assert_eq!(session.prompt(), "(default) $ ");
        assert!(!session.end_of_input(), "Ctrl+D at the learner's prompt is not for a job");
    }

    #[test]
    fn script_lines_after_exec_feed_the_container_shell() {
        let mut session = session_with_pods();
        let mut output = String::new();
        let script = "kubectl exec -it client -- sh\nhostname\nexit 1\necho after $?\nkubectl exec -i client -- sh\nwhoami\n";
        session.run_script(script, true, &mut |chunks| output.extend(chunks.into_iter().map(|c| c.text)));
        assert_eq!(
            output,
            "$ kubectl exec -it client -- sh\nUnable to use a TTY - input is not a terminal or the right kind of file\n\
             / # hostname\nclient\n/ # exit 1\ncommand terminated with exit code 1\n$ echo after $?\nafter 1\n\
             $ kubectl exec -i client -- sh\nwhoami\nroot\n"
        );
        assert_eq!(session.prompt(), "(default) $ ", "the end of the script closes the shell's input");
    }

    #[test]
    fn bash_prompt_follows_the_working_directory_and_pipes_work() {
        let mut session = session_with_pods();
        session.submit("kubectl exec -it web -- bash");
        session.submit("cd /var/log");
        assert_eq!(session.prompt(), "root@web:/var/log# ");
        session.submit("cd");
        assert_eq!(session.prompt(), "root@web:~# ");
        session.submit("echo hi | wc -c; nope; echo $?");
        assert_eq!(text(&mut session), "3\nbash: nope: command not found\n127\n");
        session.submit("exit");
        session.submit("kubectl exec -it client -- sh");
        session.submit("cd /tmp && echo note > n.txt && cat n.txt");
        assert_eq!(text(&mut session), "note\n");
        assert_eq!(session.prompt(), "/tmp # ");
    }

    #[test]
    fn an_unfinished_line_continues_at_the_secondary_prompt() {
        let mut session = session_with_pods();
        session.submit("kubectl exec -it client -- sh");
        session.submit("for i in 1 2; do");
        assert_eq!(session.prompt(), "> ");
        session.submit("echo \"n=$i\"");
        session.submit("done | tail -1");
        assert_eq!(text(&mut session), "n=2\n");
        assert_eq!(session.prompt(), "/ # ");
        session.submit("sleep 5; echo woke");
        assert!(session.busy(), "sleep takes virtual time inside the container too");
        session.wait_for_completion();
        assert_eq!(text(&mut session), "woke\n");
        assert_eq!(session.prompt(), "/ # ");
        session.submit("sleep 100; echo never");
        session.tick(1000);
        session.interrupt();
        session.tick(100);
        assert_eq!(session.prompt(), "/ # ", "Ctrl+C stops the container's command, not its shell");
        session.submit("echo $?");
        assert_eq!(text(&mut session), "130\n");
    }

    #[test]
    fn a_shell_without_stdin_runs_and_exits_at_once() {
        let mut session = session_with_pods();
        session.submit("kubectl exec client -- sh; echo $?");
        assert_eq!(text(&mut session), "0\n");
        assert_eq!(session.prompt(), "(default) $ ");
    }
}
