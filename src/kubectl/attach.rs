//! `kubectl attach POD [-c C] [-i] [-t]`: back into the process a container runs. A shell started
//! with its stdin kept open (`kubectl run -it ... -- sh` without `--rm`) gives its prompt again,
//! as `kubectl run -it` did; any other process shows its new output (like `logs -f --tail=0`)
//! until Ctrl+C.

use super::args::{switch, value, Flag, Parsed};
use super::exec::target_pod;
use super::run::attach::{AttachRequest, RunAttach};
use super::{logs, wait, Ctx, KubectlError};
use crate::job::Exec;
use std::collections::BTreeMap;

/// Help text for `kubectl attach --help`.
pub const HELP: &str = "Attach to a process that is already running inside an existing container.

Examples:
  # Get output from running pod mypod; use the 'kubectl.kubernetes.io/default-container' annotation
  # for selecting the container to be attached or the first container in the pod will be chosen
  kubectl attach mypod
  
  # Get output from ruby-container from pod mypod
  kubectl attach mypod -c ruby-container
  
  # Switch to raw terminal mode; sends stdin to 'bash' in ruby-container from pod mypod
  # and sends stdout/stderr from 'bash' back to the client
  kubectl attach mypod -c ruby-container -i -t
  
  # Get output from the first pod of a replica set named nginx
  kubectl attach rs/nginx

Options:
    -c, --container='':
\tContainer name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen

    --pod-running-timeout=1m0s:
\tThe length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running

    -q, --quiet=false:
\tOnly print output from the remote session

    -i, --stdin=false:
\tPass stdin to the container

    -t, --tty=false:
\tStdin is a TTY

Usage:
  kubectl attach (POD | TYPE/NAME) -c CONTAINER [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Flags of `kubectl attach`.
pub const FLAGS: &[Flag] = &[
    value("container", Some('c'), "Container name."),
    value("pod-running-timeout", None, "The length of time to wait until at least one pod is running"),
    switch("quiet", Some('q'), "Only print output from the remote session"),
    switch("stdin", Some('i'), "Pass stdin to the container"),
    switch("tty", Some('t'), "Stdin is a TTY"),
];

/// Runs `kubectl attach`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    let Some(first) = args.positionals.first() else {
        return Err(KubectlError::usage("expected POD, TYPE/NAME, or --filename argument", "attach"));
    };
    if args.positionals.len() > 1 {
        return Err(KubectlError::usage("expected a single argument: POD or TYPE/NAME", "attach"));
    }
    let timeout_ms = match args.get("pod-running-timeout") {
        Some(text) => wait::parse_duration(text).map_err(|e| {
            KubectlError::flag(format!("invalid argument \"{text}\" for \"--pod-running-timeout\" flag: {e}"), "attach")
        })?,
        None => 60_000,
    };
    let pod = target_pod(ctx, first)?;
    if pod.is_terminal() {
        return Err(KubectlError::msg(format!(
            "cannot attach a container in a completed pod; current phase is {}",
            pod.status.phase
        )));
    }
    let container = match args.get("container") {
        Some(name) => pod.spec.containers.iter().find(|c| c.name == name).cloned().ok_or_else(|| {
            KubectlError::msg(format!("container {name} not found in pod {}", pod.metadata.name))
        })?,
        None => pod.spec.containers.first().cloned().unwrap_or_default(),
    };
    let quiet = args.bool("quiet");
    let mut tty = args.bool("tty");
    if tty && !container.tty {
        tty = false;
        if !quiet {
            ctx.out.errln(format!("error: Unable to use a TTY - container {} did not allocate one", container.name));
        }
    }
    let argv: Vec<String> = container.command.iter().chain(&container.args).cloned().collect();
    let first_container = pod.spec.containers.first().is_some_and(|c| c.name == container.name);
    if args.bool("stdin") && container.stdin && first_container {
        if tty && !ctx.world.stdin_is_terminal {
            ctx.out.errln("Unable to use a TTY - input is not a terminal or the right kind of file");
        }
        let request = AttachRequest {
            namespace: pod.metadata.namespace.clone(),
            name: pod.metadata.name.clone(),
            argv,
            stdin: true,
            tty: tty && ctx.world.stdin_is_terminal,
            remove: false,
            quiet,
            restart_policy: pod.spec.restart_policy.clone(),
            pod_running_timeout_ms: timeout_ms,
        };
        let job = RunAttach::new(request, pod.metadata.uid.clone(), ctx.world.cluster.now());
        return Ok(Exec::Job(Box::new(job)));
    }
    if args.bool("stdin") && !quiet {
        ctx.out.errln("If you don't see a command prompt, try pressing enter.");
    }
    // Only the process's new output: follow its log from now on.
    let mut flags: BTreeMap<String, Vec<String>> = BTreeMap::new();
    flags.insert("follow".into(), vec!["true".into()]);
    flags.insert("tail".into(), vec!["0".into()]);
    flags.insert("container".into(), vec![container.name.clone()]);
    let follow = Parsed { positionals: vec![format!("pod/{}", pod.metadata.name)], flags, ..Default::default() };
    let namespace = std::mem::replace(&mut ctx.namespace, pod.metadata.namespace.clone());
    let result = logs::run(ctx, &follow);
    ctx.namespace = namespace;
    result
}

#[cfg(test)]
mod tests {
    use crate::kubectl::rollout::fixtures::text;
    use crate::session::{Session, DEFAULT_SEED};

    #[test]
    fn attach_returns_to_a_shell_left_by_run_it() {
        let mut session = Session::new(DEFAULT_SEED);
        session.submit("kubectl run box -it --image=busybox");
        session.wait_for_completion();
        session.submit("exit");
        session.wait_for_completion();
        text(&mut session);
        session.submit("kubectl attach box -c box -i -t");
        session.wait_for_completion();
        assert_eq!(text(&mut session), "If you don't see a command prompt, try pressing enter.\n");
        assert_eq!(session.prompt(), "/ # ");
        session.submit("hostname");
        assert_eq!(text(&mut session), "box\n");
        session.submit("exit");
        session.wait_for_completion();
        assert_eq!(text(&mut session), "Session ended, resume using 'kubectl attach box -c box -i -t' command when the pod is running\n");
    }

    #[test]
    fn attach_to_a_server_shows_new_output_and_errors_read_like_kubectl() {
        let mut session = Session::new(DEFAULT_SEED);
        session.submit("kubectl run web --image=nginx; kubectl wait --for=condition=Ready pod/web");
        session.wait_for_completion();
        text(&mut session);
        session.submit("kubectl attach web -it");
        assert!(session.busy(), "attach follows the output until Ctrl+C");
        session.interrupt();
        session.wait_for_completion();
        assert_eq!(
            text(&mut session),
            "error: Unable to use a TTY - container web did not allocate one\nIf you don't see a command prompt, try pressing enter.\n"
        );
        session.submit("kubectl attach nope; kubectl attach web -c nope; kubectl attach");
        session.wait_for_completion();
        assert_eq!(
            text(&mut session),
            "Error from server (NotFound): pods \"nope\" not found\nerror: container nope not found in pod web\n\
             error: expected POD, TYPE/NAME, or --filename argument\nSee 'kubectl attach -h' for help and examples\n"
        );
    }
}
