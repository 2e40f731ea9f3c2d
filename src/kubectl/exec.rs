//! `kubectl exec`: argument checks and errors as kubectl v1.34 words them, then the command runs
//! inside the simulated container ([`container`]). `-i` with a shell (`-it -- sh`) starts an
//! interactive shell ([`interactive`]) that the console feeds line by line until `exit`; in a
//! script (stdin not a terminal) `-t` is refused with kubectl's warning and the shell reads the
//! script's following lines. Without `-i` the shell reads an empty stdin and exits.

mod client_shell;
mod container;
mod interactive;
mod userland;

use super::args::{switch, value, Flag, Parsed};
use super::targets::kind_named;
use super::{Ctx, KubectlError};
use crate::cluster::objects::{Kind, Object, Pod};
use crate::cluster::Cluster;
use crate::job::Exec;

/// Help text for `kubectl exec --help`.
pub const HELP: &str = "Execute a command in a container.

Examples:
  # Get output from running the 'date' command from pod mypod, using the first container by default
  kubectl exec mypod -- date
  
  # Get output from running the 'date' command in ruby-container from pod mypod
  kubectl exec mypod -c ruby-container -- date
  
  # List contents of /usr from the first container of pod mypod and sort by modification time
  # If the command you want to execute in the pod has any flags in common (e.g. -i),
  # you must use two dashes (--) to separate your command's flags/arguments
  # Also note, do not surround your command and its flags/arguments with quotes
  # unless that is how you would execute it normally (i.e., do ls -t /usr, not \"ls -t /usr\")
  kubectl exec mypod -i -t -- ls -t /usr
  
  # Get output from running 'date' command from the first pod of the deployment mydeployment, using the first container by default
  kubectl exec deploy/mydeployment -- date
  
  # Get output from running 'date' command from the first pod of the service myservice, using the first container by default
  kubectl exec svc/myservice -- date

Options:
    -c, --container='':
\tContainer name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen

    -f, --filename=[]:
\tto use to exec into the resource

    --pod-running-timeout=1m0s:
\tThe length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running

    -q, --quiet=false:
\tOnly print output from the remote session

    -i, --stdin=false:
\tPass stdin to the container

    -t, --tty=false:
\tStdin is a TTY

Usage:
  kubectl exec (POD | TYPE/NAME) [-c CONTAINER] [flags] -- COMMAND [args...] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Flags of `kubectl exec`.
pub const FLAGS: &[Flag] = &[
    value("container", Some('c'), "Container name. If omitted, use the kubectl.kubernetes.io/default-container annotation for selecting the container to be attached or the first container in the pod will be chosen"),
    switch("stdin", Some('i'), "Pass stdin to the container"),
    switch("tty", Some('t'), "Stdin is a TTY"),
    switch("quiet", Some('q'), "Only print output from the remote session"),
    value("filename", Some('f'), "to use to exec into the resource"),
    value("pod-running-timeout", None, "The length of time to wait until at least one pod is running"),
];

/// The pod `namespace/name` if it is still the one with `uid` (not deleted, not replaced by a
/// namesake): what a session attached to a container keeps checking.
pub fn same_pod(cluster: &Cluster, namespace: &str, name: &str, uid: &str) -> Option<Pod> {
    match cluster.read(Kind::Pod, namespace, name) {
        Ok(Object::Pod(p)) if p.metadata.uid == uid => Some(p),
        _ => None,
    }
}

/// Finds the pod of `POD` or `TYPE/NAME` (a Deployment or ReplicaSet gives its first pod).
pub fn target_pod(ctx: &Ctx, arg: &str) -> Result<Pod, KubectlError> {
    let (kind, name) = match arg.split_once('/') {
        Some((k, n)) => (kind_named(k)?, n),
        None => (Kind::Pod, arg),
    };
    let object = ctx.world.cluster.read(kind, &ctx.namespace, name)?;
    let matches: Box<dyn Fn(&Pod) -> bool> = match object {
        Object::Pod(p) => return Ok(p),
        Object::Deployment(d) => {
            let selector = d.spec.selector.unwrap_or_default();
            Box::new(move |p: &Pod| selector.matches(&p.metadata.labels))
        }
        Object::ReplicaSet(rs) => {
            let selector = rs.spec.selector.unwrap_or_default();
            Box::new(move |p: &Pod| selector.matches(&p.metadata.labels))
        }
        Object::Service(svc) if !svc.spec.selector.is_empty() => {
            let selector = svc.spec.selector;
            Box::new(move |p: &Pod| selector.iter().all(|(k, v)| p.metadata.labels.get(k) == Some(v)))
        }
        Object::Service(svc) => {
            return Err(KubectlError::msg(format!("invalid service '{}': Service is defined without a selector", svc.metadata.name)))
        }
        other => {
            return Err(KubectlError::msg(format!("cannot attach to {}: not implemented", other.kind().name_prefix())))
        }
    };
    ctx.world
        .cluster
        .list(Kind::Pod, Some(&ctx.namespace))
        .into_iter()
        .filter_map(|o| if let Object::Pod(p) = o { Some(p) } else { None })
        .filter(|p| matches(p) && p.metadata.deletion_timestamp.is_none())
        .min_by_key(|p| (p.spec.node_name.is_empty(), p.status.phase != "Running", !p.is_ready(), p.metadata.creation_timestamp))
        .ok_or_else(|| KubectlError::msg("timed out waiting for the condition"))
}

/// Runs `kubectl exec`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    let Some(first) = args.positionals.first() else {
        return Err(KubectlError::msg("pod, type/name or --filename must be specified"));
    };
    if args.positionals.len() > 1 {
        return Err(KubectlError::usage(
            "exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead",
            "exec",
        ));
    }
    let command = args.after_dash.clone().unwrap_or_default();
    if command.is_empty() {
        return Err(KubectlError::msg("you must specify at least one command for the container"));
    }
    let pod = target_pod(ctx, first)?;
    if pod.is_terminal() {
        return Err(KubectlError::msg(format!(
            "cannot exec into a container in a completed pod; current phase is {}",
            pod.status.phase
        )));
    }
    let container = match args.get("container") {
        Some(c) => c.to_string(),
        None => {
            let first = pod.spec.containers.first().map(|c| c.name.clone()).unwrap_or_default();
            let chosen = pod
                .metadata
                .annotations
                .get("kubectl.kubernetes.io/default-container")
                .filter(|a| pod.spec.containers.iter().any(|c| &c.name == *a))
                .cloned()
                .unwrap_or(first);
            if pod.spec.containers.len() + pod.spec.init_containers.len() > 1 {
                let mut names: Vec<String> = pod.spec.containers.iter().map(|c| c.name.clone()).collect();
                names.extend(pod.spec.init_containers.iter().map(|c| format!("{} (init)", c.name)));
                ctx.out.errln(format!("Defaulted container \"{chosen}\" out of: {}", names.join(", ")));
            }
            chosen
        }
    };
    let tty = args.bool("tty") && args.bool("stdin");
    if tty && !ctx.world.stdin_is_terminal {
        ctx.out.errln("Unable to use a TTY - input is not a terminal or the right kind of file");
    }
    let running = pod
        .status
        .container_statuses
        .iter()
        .any(|s| s.name == container && s.state.running.is_some());
    if !running {
        return Err(KubectlError::msg(format!(
            "Internal error occurred: unable to upgrade connection: container not found (\"{container}\")"
        )));
    }
    let Some(spec) = pod.spec.containers.iter().find(|c| c.name == container).cloned() else {
        return Err(KubectlError::msg(format!(
            "Internal error occurred: unable to upgrade connection: container not found (\"{container}\")"
        )));
    };
    if args.bool("stdin") {
        use crate::cluster::apps::databases::{open_interactive, Opened};
        match open_interactive(&mut ctx.world.cluster, &pod, &spec, &command) {
            Some(Opened::Session(client, banner)) => {
                if tty && ctx.world.stdin_is_terminal {
                    ctx.out.out(&banner);
                }
                return Ok(Exec::Job(Box::new(client_shell::ClientShell::new(pod, client, tty))));
            }
            Some(Opened::Refused(refused)) => {
                ctx.out.push(crate::output::Stream::Stderr, &refused.stderr);
                ctx.out.errln(format!("command terminated with exit code {}", refused.code));
                return Ok(Exec::Done(refused.code));
            }
            None => {}
        }
    }
    if args.bool("stdin") && container::is_interactive_shell(&command) {
        if let Some(missing) = container::run(&mut ctx.world.cluster, &pod, &spec, &command[..1]).not_found {
            return Err(not_found_error(ctx, &missing));
        }
        let shell = interactive::ContainerShell::new(ctx.world, pod, spec, &command[0], tty);
        return Ok(Exec::Job(Box::new(shell)));
    }
    if let Some((shell, script)) = userland::as_shell_script(&spec.image, &command) {
        let shell = interactive::ContainerShell::one_shot(ctx.world, pod, spec, &shell, &script, ctx.out);
        return Ok(match shell.exit_status() {
            Some(code) => Exec::Done(code),
            None => Exec::Job(Box::new(shell)),
        });
    }
    let ran = container::run(&mut ctx.world.cluster, &pod, &spec, &command);
    if let Some(missing) = ran.not_found {
        return Err(not_found_error(ctx, &missing));
    }
    ctx.out.out(&ran.stdout);
    if !ran.stderr.is_empty() {
        ctx.out.push(crate::output::Stream::Stderr, &ran.stderr);
    }
    if ran.wait_ms > 0 {
        let until = ctx.world.cluster.now().plus_ms(ran.wait_ms);
        return Ok(Exec::Job(Box::new(HangingCommand { until, late_stderr: ran.late_stderr, code: ran.code })));
    }
    if !ran.late_stderr.is_empty() {
        ctx.out.push(crate::output::Stream::Stderr, &ran.late_stderr);
    }
    if ran.code != 0 {
        ctx.out.errln(format!("command terminated with exit code {}", ran.code));
    }
    Ok(Exec::Done(ran.code))
}

/// A command inside the container that hangs (a `wget` to an address nobody answers): it prints
/// its error and ends when virtual time reaches `until`; Ctrl+C stops it.
struct HangingCommand {
    until: crate::cluster::objects::Time,
    late_stderr: String,
    code: i32,
}

impl crate::job::Job for HangingCommand {
    fn poll(&mut self, world: &mut crate::world::World, out: &mut crate::output::Output) -> Option<i32> {
        if world.cluster.now() < self.until {
            return None;
        }
        if !self.late_stderr.is_empty() {
            out.push(crate::output::Stream::Stderr, &std::mem::take(&mut self.late_stderr));
        }
        if self.code != 0 {
            out.errln(format!("command terminated with exit code {}", self.code));
        }
        Some(self.code)
    }

    fn deadline(&self) -> Option<crate::cluster::objects::Time> {
        Some(self.until)
    }
}

/// The runtime's refusal to start a command the image does not have.
fn not_found_error(ctx: &mut Ctx, missing: &str) -> KubectlError {
    let rng = &mut ctx.world.cluster.rng;
    let exec_id = format!("{:016x}{:016x}{:016x}{:016x}", rng.u64(), rng.u64(), rng.u64(), rng.u64());
    KubectlError::msg(format!(
        "Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec \"{exec_id}\": OCI runtime exec failed: exec failed: unable to start container process: exec: \"{missing}\": executable file not found in $PATH: unknown"
    ))
}

#[cfg(test)]
mod tests {
    use crate::kubectl::rollout::fixtures::{deployment, run, template, world};

    #[test]
    fn exec_argument_errors_read_like_kubectl() {
        let mut w = world();
        deployment(&mut w, template(false), 1);
        w.cluster.advance_by(30_000);
        let (_, err, _) = run(&mut w, "exec deploy/rickroller ls");
        assert_eq!(err, "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
        let (_, err, _) = run(&mut w, "exec nope -- ls");
        assert_eq!(err, "Error from server (NotFound): pods \"nope\" not found\n");
        let (_, err, _) = run(&mut w, "exec deploy/rickroller -c wrong -- ls");
        assert_eq!(err, "error: Internal error occurred: unable to upgrade connection: container not found (\"wrong\")\n");
        let (out, _, code) = run(&mut w, "exec deploy/rickroller -- cat /etc/resolv.conf");
        assert_eq!(code, Some(0));
        assert_eq!(out, "search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n");
        let (_, err, code) = run(&mut w, "exec deploy/rickroller -- nope");
        assert_eq!(code, Some(1));
        assert!(err.ends_with("OCI runtime exec failed: exec failed: unable to start container process: exec: \"nope\": executable file not found in $PATH: unknown\n"), "{err}");
        let (_, err, code) = run(&mut w, "exec deploy/rickroller -- cat /nope");
        assert_eq!(code, Some(1));
        assert_eq!(err, "cat: /nope: No such file or directory\ncommand terminated with exit code 1\n");
    }
}
