//! `kubectl run -i [-t] [--rm]`: wait for the new pod to run, then attach to it. A shell
//! (`-- sh`, or a shell image without a command) becomes an interactive shell in the console,
//! exactly as `kubectl exec -it` gives; any other command runs once in the container and its
//! output is printed. With `--rm` the pod is deleted when the session ends.

use crate::cluster::api::DeleteOptions;
use crate::cluster::images::{lookup, parse_ref, Program};
use crate::cluster::objects::{Kind, Pod, Time};
use crate::job::{Exec, Job};
use crate::kubectl::args::Parsed;
use crate::kubectl::{exec, Ctx};
use crate::output::{Output, Stream};
use crate::world::World;
use std::collections::BTreeMap;

/// What the learner asked `kubectl run` to attach with.
pub struct AttachRequest {
    pub namespace: String,
    pub name: String,
    /// The container's argv (`command` + `args`), empty for the image's default.
    pub argv: Vec<String>,
    /// `-i`: the console is the command's stdin (`--attach` alone only shows its output).
    pub stdin: bool,
    pub tty: bool,
    pub remove: bool,
    pub quiet: bool,
    /// `Never`/`OnFailure` make kubectl wait for the exit code and fail with it; `Always` does not.
    pub restart_policy: String,
    /// `--pod-running-timeout` (default 1m): how long to wait for the pod to run.
    pub pod_running_timeout_ms: i64,
}

/// Where the session is.
enum Stage {
    /// Waiting for the pod's container to run, until the deadline.
    Waiting { deadline: Time },
    /// Attached: the exec job (a shell, or a command still running) does the work.
    Attached(Box<dyn Job>),
    Done(i32),
}

/// The job of `kubectl run -i`: wait, attach, clean up.
pub struct RunAttach {
    request: AttachRequest,
    uid: String,
    stage: Stage,
}

impl RunAttach {
    /// Starts waiting for the pod `uid` that `kubectl run` just created.
    pub fn new(request: AttachRequest, uid: String, now: Time) -> Self {
        let deadline = now.plus_ms(request.pod_running_timeout_ms);
        RunAttach { request, uid, stage: Stage::Waiting { deadline } }
    }

    fn pod(&self, world: &World) -> Option<Pod> {
        crate::kubectl::exec::same_pod(&world.cluster, &self.request.namespace, &self.request.name, &self.uid)
    }

    /// The shell to start when the container's command is an interactive shell.
    fn interactive_shell(&self, pod: &Pod) -> Option<String> {
        let argv = &self.request.argv;
        match argv.first().map(String::as_str) {
            Some(shell @ ("sh" | "/bin/sh" | "bash" | "/bin/bash" | "ash" | "/bin/ash")) if !argv.iter().any(|a| a == "-c") => {
                Some(shell.to_string())
            }
            None => {
                let image = pod.spec.containers.first().map(|c| parse_ref(&c.image))?;
                (lookup(&image)?.default_program == Program::Shell).then(|| "sh".to_string())
            }
            _ => None,
        }
    }

    /// Attaches to the running container: an exec job for a shell or a one-shot command.
    fn attach(&mut self, pod: &Pod, world: &mut World, out: &mut Output) -> Stage {
        if self.request.stdin && !self.request.quiet {
            out.errln("If you don't see a command prompt, try pressing enter.");
        }
        let command = match self.interactive_shell(pod) {
            Some(shell) if self.request.stdin => vec![shell],
            _ if self.request.argv.is_empty() => return self.finish(world, out, 0),
            _ => self.request.argv.clone(),
        };
        // With -i the command gets the console as stdin: a shell prompts, a database client
        // (`psql`, `redis-cli`) opens its session, anything else just runs.
        let mut flags: BTreeMap<String, Vec<String>> = BTreeMap::new();
        flags.insert("stdin".into(), vec![self.request.stdin.to_string()]);
        flags.insert("tty".into(), vec![self.request.tty.to_string()]);
        let args = Parsed { positionals: vec![self.request.name.clone()], flags, after_dash: Some(command), ..Default::default() };
        let env = BTreeMap::new();
        let mut ran = Output::default();
        let mut ctx = Ctx {
            world,
            out: &mut ran,
            stdin: "",
            env: &env,
            namespace: self.request.namespace.clone(),
            namespace_given: true,
        };
        let exec = exec::run(&mut ctx, &args);
        forward_without_exec_status(ran, out);
        match exec {
            Ok(Exec::Job(job)) => Stage::Attached(job),
            Ok(Exec::Done(code)) => self.ended(code, world, out),
            Err(e) => {
                out.errln(e.render());
                self.finish(world, out, 1)
            }
        }
    }

    /// The attached process ended with `code`: with `--restart=Never|OnFailure` kubectl reports a
    /// failure as `pod NS/NAME terminated (Error)` (after `--rm` deleted the pod) and exits with
    /// the code; with `Always` it does not wait for an exit code and succeeds.
    fn ended(&mut self, code: i32, world: &mut World, out: &mut Output) -> Stage {
        let waits_for_exit_code = self.request.restart_policy != "Always";
        self.finish(world, out, if waits_for_exit_code { code } else { 0 });
        if waits_for_exit_code && code != 0 {
            out.errln(format!("pod {}/{} terminated (Error)", self.request.namespace, self.request.name));
        }
        Stage::Done(if waits_for_exit_code { code } else { 0 })
    }

    /// Ends the session: deletes the pod with `--rm`, else tells how to attach again.
    fn finish(&mut self, world: &mut World, out: &mut Output, code: i32) -> Stage {
        let (namespace, name) = (&self.request.namespace, &self.request.name);
        if self.request.remove {
            let deleted = world.cluster.delete(Kind::Pod, namespace, name, DeleteOptions::default()).is_ok();
            if deleted && !self.request.quiet {
                out.outln(format!("pod \"{name}\" deleted from {namespace} namespace"));
            }
        } else if self.request.tty && self.pod(world).is_some_and(|p| p.spec.restart_policy == "Always") {
            out.outln(format!("Session ended, resume using 'kubectl attach {name} -c {name} -i -t' command when the pod is running"));
        }
        Stage::Done(code)
    }
}

/// Copies exec's output, leaving out its `command terminated with exit code N` line: kubectl run
/// reports a failed command as `pod NS/NAME terminated (Error)` instead.
fn forward_without_exec_status(ran: Output, out: &mut Output) {
    for chunk in ran.chunks {
        let text: String = match chunk.stream {
            Stream::Stderr => chunk
                .text
                .split_inclusive('\n')
                .filter(|line| !line.starts_with("command terminated with exit code "))
                .collect(),
            Stream::Stdout => chunk.text,
        };
        out.push(chunk.stream, &text);
    }
}

impl Job for RunAttach {
    fn poll(&mut self, world: &mut World, out: &mut Output) -> Option<i32> {
        let stage = std::mem::replace(&mut self.stage, Stage::Done(0));
        self.stage = match stage {
            Stage::Waiting { deadline } => {
                let pod = self.pod(world);
                let running = pod.as_ref().is_some_and(|p| p.status.container_statuses.iter().any(|s| s.state.running.is_some()));
                match pod {
                    Some(pod) if running => self.attach(&pod, world, out),
                    Some(pod) if pod.is_terminal() => {
                        out.errln(format!("error: cannot attach a container in a completed pod; current phase is {}", pod.status.phase));
                        self.finish(world, out, 1)
                    }
                    None => {
                        out.errln(format!("error: pods \"{}\" not found", self.request.name));
                        Stage::Done(1)
                    }
                    Some(_) if world.cluster.now() >= deadline => {
                        out.errln("error: timed out waiting for the condition");
                        self.finish(world, out, 1)
                    }
                    Some(_) => Stage::Waiting { deadline },
                }
            }
            Stage::Attached(mut job) => {
                let mut inner = Output::default();
                let done = job.poll(world, &mut inner);
                forward_without_exec_status(inner, out);
                match done {
                    Some(code) => self.ended(code, world, out),
                    None => Stage::Attached(job),
                }
            }
            done @ Stage::Done(_) => done,
        };
        // A one-shot command finishes within the same poll: report at once.
        match &self.stage {
            Stage::Done(code) => Some(*code),
            _ => None,
        }
    }

    fn deadline(&self) -> Option<Time> {
        match &self.stage {
            Stage::Waiting { deadline } => Some(*deadline),
            Stage::Attached(job) => job.deadline(),
            Stage::Done(_) => None,
        }
    }

    fn wants_input(&self) -> Option<String> {
        match &self.stage {
            Stage::Attached(job) => job.wants_input(),
            _ => None,
        }
    }

    fn feed(&mut self, line: &str, world: &mut World, out: &mut Output) {
        if let Stage::Attached(job) = &mut self.stage {
            let mut inner = Output::default();
            job.feed(line, world, &mut inner);
            forward_without_exec_status(inner, out);
        }
    }

    /// Ctrl+C stops kubectl itself: the pod stays, even with `--rm` (kubectl's clean-up never runs).
    fn interrupt(&mut self, world: &mut World, out: &mut Output) -> i32 {
        if let Stage::Attached(job) = &mut self.stage {
            let mut inner = Output::default();
            job.interrupt(world, &mut inner);
            forward_without_exec_status(inner, out);
        }
        self.stage = Stage::Done(130);
        130
    }
}

#[cfg(test)]
mod tests {
    use crate::kubectl::rollout::fixtures::text;
    use crate::session::{Session, DEFAULT_SEED};

    #[test]
    fn run_it_rm_gives_a_shell_then_deletes_the_pod() {
        let mut session = Session::new(DEFAULT_SEED);
        session.submit("kubectl run tmp --image=busybox --rm -it --restart=Never -- sh");
        session.wait_for_completion();
        assert_eq!(text(&mut session), "If you don't see a command prompt, try pressing enter.\n");
        assert_eq!(session.prompt(), "/ # ");
        session.submit("hostname");
        assert_eq!(text(&mut session), "tmp\n");
        session.submit("exit");
        session.wait_for_completion();
        assert_eq!(text(&mut session), "pod \"tmp\" deleted from default namespace\n");
        assert_eq!(session.prompt(), "(default) $ ");
        assert_eq!(session.last_status(), 0);
        session.submit("kubectl get pod tmp --no-headers | wc -l; sleep 40; kubectl get pod tmp");
        session.wait_for_completion();
        assert_eq!(text(&mut session), "1\nError from server (NotFound): pods \"tmp\" not found\n", "deleted without waiting");
    }

    #[test]
    fn without_rm_the_shell_pod_keeps_running_and_kubectl_says_how_to_attach_again() {
        let mut session = Session::new(DEFAULT_SEED);
        session.submit("kubectl run box -it --image=busybox");
        session.wait_for_completion();
        assert_eq!(text(&mut session), "If you don't see a command prompt, try pressing enter.\n");
        session.submit("exit 3");
        session.wait_for_completion();
        assert_eq!(text(&mut session), "Session ended, resume using 'kubectl attach box -c box -i -t' command when the pod is running\n");
        assert_eq!(session.last_status(), 0, "restart Always: kubectl does not wait for an exit code");
        session.submit("kubectl get pod box -o jsonpath='{.status.phase} {.spec.containers[0].stdin} {.spec.containers[0].tty}'");
        session.wait_for_completion();
        assert_eq!(text(&mut session), "Running true true");
    }

    #[test]
    fn one_shot_commands_print_their_output_and_fail_with_the_pods_exit_code() {
        let mut session = Session::new(DEFAULT_SEED);
        session.submit("kubectl run hello --image=busybox --rm -i --restart=Never -q -- echo hello");
        session.wait_for_completion();
        assert_eq!(text(&mut session), "hello\n", "--quiet also silences the deletion");
        session.submit("kubectl run bad --image=busybox -i --restart=Never -- cat /nope; echo $?");
        session.wait_for_completion();
        assert_eq!(
            text(&mut session),
            "If you don't see a command prompt, try pressing enter.\ncat: /nope: No such file or directory\npod default/bad terminated (Error)\n1\n"
        );
    }

    #[test]
    fn a_pod_that_never_runs_times_out_and_ctrl_c_leaves_it_behind() {
        let mut session = Session::new(DEFAULT_SEED);
        session.submit("kubectl run ghost --image=busybox:nope --rm -i -- sh");
        assert!(session.busy());
        session.interrupt();
        session.wait_for_completion();
        assert_eq!(session.last_status(), 130);
        text(&mut session);
        session.submit("kubectl get pod ghost -o name");
        session.wait_for_completion();
        assert_eq!(text(&mut session), "pod/ghost\n", "kubectl's --rm clean-up does not run on Ctrl+C");
        session.submit("kubectl run late --image=busybox:nope -i --pod-running-timeout=5s -- sh; echo $?");
        session.wait_for_completion();
        assert_eq!(text(&mut session), "error: timed out waiting for the condition\n1\n");
    }
}
