//! `kubectl port-forward`: argument checks and errors as kubectl words them. Forwarding into
//! the simulated network is another issue's work; a valid request says so plainly.

use super::args::{value, Flag, Parsed};
use super::exec::target_pod;
use super::{Ctx, KubectlError};
use crate::job::Exec;

/// Help text for `kubectl port-forward --help`.
pub const HELP: &str = "Forward one or more local ports to a pod.

 Use resource type/name such as deployment/mydeployment to select a pod. Resource type defaults to 'pod' if omitted.

 If there are multiple pods matching the criteria, a pod will be selected automatically. The forwarding session ends when the selected pod terminates, and a rerun of the command is needed to resume forwarding.

Examples:
  # Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in the pod
  kubectl port-forward pod/mypod 5000 6000
  
  # Listen on ports 5000 and 6000 locally, forwarding data to/from ports 5000 and 6000 in a pod selected by the deployment
  kubectl port-forward deployment/mydeployment 5000 6000
  
  # Listen on port 8443 locally, forwarding to the targetPort of the service's port named \"https\" in a pod selected by the service
  kubectl port-forward service/myservice 8443:https
  
  # Listen on port 8888 locally, forwarding to 5000 in the pod
  kubectl port-forward pod/mypod 8888:5000
  
  # Listen on port 8888 on all addresses, forwarding to 5000 in the pod
  kubectl port-forward --address 0.0.0.0 pod/mypod 8888:5000
  
  # Listen on port 8888 on localhost and selected IP, forwarding to 5000 in the pod
  kubectl port-forward --address localhost,10.19.21.23 pod/mypod 8888:5000
  
  # Listen on a random port locally, forwarding to 5000 in the pod
  kubectl port-forward pod/mypod :5000

Options:
    --address=[localhost]:
\tAddresses to listen on (comma separated). Only accepts IP addresses or localhost as a value. When localhost is supplied, kubectl will try to bind on both 127.0.0.1 and ::1 and will fail if neither of these addresses are available to bind.

    --pod-running-timeout=1m0s:
\tThe length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running

Usage:
  kubectl port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Flags of `kubectl port-forward`.
pub const FLAGS: &[Flag] = &[
    value("address", None, "Addresses to listen on (comma separated). Only accepts IP addresses or localhost as a value."),
    value("pod-running-timeout", None, "The length of time to wait until at least one pod is running"),
];

/// Runs `kubectl port-forward`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    if args.positionals.len() < 2 {
        return Err(KubectlError::usage("TYPE/NAME and list of ports are required for port-forward", "port-forward"));
    }
    let mut pairs = Vec::new();
    for spec in &args.positionals[1..] {
        let (local, remote) = match spec.split_once(':') {
            Some((l, r)) => (l, r),
            None => (spec.as_str(), spec.as_str()),
        };
        let valid = |p: &str| p.parse::<u16>().is_ok_and(|n| n > 0);
        if !valid(remote) || !(local.is_empty() || local.parse::<u16>().is_ok()) {
            return Err(KubectlError::msg(format!("Error parsing remote port '{remote}': strconv.ParseUint: parsing \"{remote}\": invalid syntax")));
        }
        pairs.push((local.to_string(), remote.to_string()));
    }
    let pod = target_pod(ctx, &args.positionals[0])?;
    if pod.status.phase != "Running" {
        return Err(KubectlError::msg(format!(
            "unable to forward port because pod is not running. Current status={}",
            pod.status.phase
        )));
    }
    let ports: Vec<String> = pairs.iter().map(|(l, r)| format!("{}:{r}", if l.is_empty() { r } else { l })).collect();
    ctx.out.errln(format!(
        "kubeplay: port forwarding is not simulated yet (pod/{} {})",
        pod.metadata.name,
        ports.join(" ")
    ));
    Ok(Exec::Done(1))
}
