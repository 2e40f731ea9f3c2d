//! `kubectl exec -it POD -- sh`: a shell inside the container that reads the learner's lines.
//! Each line runs through the container's one-command executor ([`super::container::run`] with
//! `sh -c LINE`); `exit [N]` ends the shell and the kubectl command with it.

use super::container;
use crate::cluster::objects::pod::Container;
use crate::cluster::objects::{Kind, Object, Pod};
use crate::job::Job;
use crate::output::{Output, Stream};
use crate::world::World;

/// An interactive shell running in one container of a pod.
pub struct ContainerShell {
    pod: Pod,
    container: Container,
    /// The shell's name as typed (`sh`, `/bin/bash`), used in its error messages.
    shell: String,
    prompt: String,
    /// The status of the last command, which a bare `exit` returns.
    last_code: i32,
    /// Set once the shell has exited.
    exited: Option<i32>,
}

impl ContainerShell {
    /// A shell `shell` in `container` of `pod`; `tty` gives it a prompt.
    pub fn new(pod: Pod, container: Container, shell: &str, tty: bool) -> Self {
        let prompt = if tty { container::shell_prompt(&container, &pod) } else { String::new() };
        ContainerShell { pod, container, shell: shell.to_string(), prompt, last_code: 0, exited: None }
    }

    /// The pod as it is now (its volumes' contents live in the cluster), if it still exists.
    fn current_pod(&self, world: &World) -> Option<Pod> {
        match world.cluster.read(Kind::Pod, &self.pod.metadata.namespace, &self.pod.metadata.name) {
            Ok(Object::Pod(p)) if p.metadata.uid == self.pod.metadata.uid => Some(p),
            _ => None,
        }
    }

    fn finish(&mut self, code: i32, out: &mut Output) {
        if code != 0 {
            out.errln(format!("command terminated with exit code {code}"));
        }
        self.exited = Some(code);
    }
}

/// The status an `exit` line asks for: its number, else the last command's status.
fn exit_code(line: &str, last: i32) -> Option<i32> {
    let mut words = line.split_whitespace();
    if words.next() != Some("exit") {
        return None;
    }
    Some(words.next().map_or(last, |n| n.parse::<i32>().map_or(2, |n| n.rem_euclid(256))))
}

/// Replaces `$?`, `$NAME` and `${NAME}` outside single quotes with their values (unset names
/// expand to nothing), as the container's shell would. The whole line is expanded before it
/// runs, so `$?` is the previous line's status even after a `;`.
fn expand_variables(line: &str, last_code: i32, env: &[(String, String)]) -> String {
    let lookup = |name: &str| env.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
    let mut result = String::new();
    let mut chars = line.chars().peekable();
    let mut in_single = false;
    while let Some(c) = chars.next() {
        if c == '\'' {
            in_single = !in_single;
        }
        if c != '$' || in_single {
            result.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some('?') => {
                chars.next();
                result.push_str(&last_code.to_string());
            }
            Some('{') => {
                chars.next();
                let name: String = chars.by_ref().take_while(|c| *c != '}').collect();
                result.push_str(&lookup(&name));
            }
            Some(n) if n.is_ascii_alphabetic() || n == '_' => {
                let mut name = String::new();
                while let Some(n) = chars.peek().copied().filter(|n| n.is_ascii_alphanumeric() || *n == '_') {
                    name.push(n);
                    chars.next();
                }
                result.push_str(&lookup(&name));
            }
            _ => result.push('$'),
        }
    }
    result
}

impl Job for ContainerShell {
    fn poll(&mut self, world: &mut World, out: &mut Output) -> Option<i32> {
        if self.exited.is_none() && self.current_pod(world).is_none() {
            // The pod went away under the shell: the connection drops.
            self.finish(137, out);
        }
        self.exited
    }

    fn wants_input(&self) -> Option<String> {
        self.exited.is_none().then(|| self.prompt.clone())
    }

    fn feed(&mut self, line: &str, world: &mut World, out: &mut Output) {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            return;
        }
        if let Some(code) = exit_code(line, self.last_code) {
            self.finish(code, out);
            return;
        }
        let pod = self.current_pod(world).unwrap_or_else(|| self.pod.clone());
        let env = container::environment(&world.cluster, &pod, &self.container);
        let line = expand_variables(line, self.last_code, &env);
        let argv = vec![self.shell.clone(), "-c".to_string(), line];
        let ran = container::run(&mut world.cluster, &pod, &self.container, &argv);
        out.out(&ran.stdout);
        if !ran.stderr.is_empty() {
            out.push(Stream::Stderr, &ran.stderr);
        }
        self.last_code = ran.code;
    }

    fn interrupt(&mut self, _world: &mut World, out: &mut Output) -> i32 {
        self.finish(130, out);
        130
    }
}

#[cfg(test)]
mod tests {
    use crate::session::{Session, DEFAULT_SEED};

    fn text(session: &mut Session) -> String {
        session.take_output().into_iter().map(|c| c.text).collect()
    }

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
    fn a_shell_without_stdin_runs_and_exits_at_once() {
        let mut session = session_with_pods();
        session.submit("kubectl exec client -- sh; echo $?");
        assert_eq!(text(&mut session), "0\n");
        assert_eq!(session.prompt(), "(default) $ ");
    }
}
