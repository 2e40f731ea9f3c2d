//! `kubectl port-forward`: listens on the learner's localhost and forwards each connection to
//! a pod (chosen once, for deployment/ and service/ targets too), printing kubectl's lines.

use super::args::{value, Flag, Parsed};
use super::exec::target_pod;
use super::{Ctx, KubectlError};
use crate::cluster::network::{self, PortForward};
use crate::cluster::objects::{Kind, Object, Pod};
use crate::job::{Exec, Job};
use crate::output::Output;
use crate::world::World;

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

/// One requested `[LOCAL:]REMOTE` pair; the remote side may be a port name.
struct PortSpec {
    /// `None`: same as the remote port; `Some(0)`: a random free port (`:REMOTE`).
    local: Option<u16>,
    remote: String,
}

fn parse_spec(spec: &str) -> Result<PortSpec, KubectlError> {
    let (local, remote) = match spec.split_once(':') {
        Some((l, r)) => (l, r),
        None => (spec, spec),
    };
    let local = if local.is_empty() {
        Some(0)
    } else if !spec.contains(':') {
        None
    } else {
        Some(local.parse::<u16>().map_err(|_| {
            KubectlError::msg(format!("Error parsing local port '{local}': strconv.ParseUint: parsing \"{local}\": invalid syntax"))
        })?)
    };
    if remote.is_empty() || (remote.bytes().all(|b| b.is_ascii_digit()) && !remote.parse::<u16>().is_ok_and(|n| n > 0)) {
        return Err(KubectlError::msg(format!("Error parsing remote port '{remote}': strconv.ParseUint: parsing \"{remote}\": invalid syntax")));
    }
    Ok(PortSpec { local, remote: remote.to_string() })
}

/// The container port a remote spec means for `pod`: a number, or a container port's name.
fn container_port(pod: &Pod, remote: &str) -> Result<u16, KubectlError> {
    if let Ok(n) = remote.parse::<u16>() {
        return Ok(n);
    }
    pod.spec
        .containers
        .iter()
        .flat_map(|c| c.ports.iter())
        .find(|p| p.name == remote)
        .and_then(|p| u16::try_from(p.container_port).ok())
        .ok_or_else(|| KubectlError::msg(format!("Pod '{}' does not have a named port '{remote}'", pod.metadata.name)))
}

/// The container port a service port (number or name) forwards to in `pod`.
fn service_port(ctx: &Ctx, service: &str, pod: &Pod, remote: &str) -> Result<u16, KubectlError> {
    let Some(Object::Service(svc)) = ctx.world.cluster.get(Kind::Service, &ctx.namespace, service).cloned() else {
        return container_port(pod, remote);
    };
    let port = svc
        .spec
        .ports
        .iter()
        .find(|p| remote.parse::<i64>().is_ok_and(|n| n == p.port) || p.name == remote)
        .ok_or_else(|| KubectlError::msg(format!("Service {service} does not have a service port {remote}")))?;
    network::target_port(pod, port).ok_or_else(|| KubectlError::msg(format!("Pod '{}' does not have a named port", pod.metadata.name)))
}

/// Runs `kubectl port-forward`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    if args.positionals.len() < 2 {
        return Err(KubectlError::usage("TYPE/NAME and list of ports are required for port-forward", "port-forward"));
    }
    let specs = args.positionals[1..].iter().map(|s| parse_spec(s)).collect::<Result<Vec<_>, _>>()?;
    let target = &args.positionals[0];
    let pod = target_pod(ctx, target)?;
    if pod.status.phase != "Running" {
        return Err(KubectlError::msg(format!(
            "unable to forward port because pod is not running. Current status={}",
            pod.status.phase
        )));
    }
    let service = match target.split_once('/') {
        Some(("svc" | "service" | "services", name)) => Some(name.to_string()),
        _ => None,
    };
    let mut pairs = Vec::new();
    for spec in &specs {
        let remote = match &service {
            Some(name) => service_port(ctx, name, &pod, &spec.remote)?,
            None => container_port(&pod, &spec.remote)?,
        };
        let local = match (spec.local, &service) {
            (Some(l), _) => l,
            (None, Some(_)) => spec.remote.parse().unwrap_or(remote),
            (None, None) => remote,
        };
        pairs.push((local, remote));
    }
    let mut listening = Vec::new();
    for (local, remote) in pairs.iter().copied() {
        let cluster = &mut ctx.world.cluster;
        let local = if local == 0 { cluster.network.free_port(&mut cluster.rng) } else { local };
        let forward = PortForward {
            namespace: pod.metadata.namespace.clone(),
            pod: pod.metadata.name.clone(),
            pod_uid: pod.metadata.uid.clone(),
            remote_port: remote,
            connections: 0,
        };
        if !cluster.network.listen(local, forward) {
            ctx.out.errln(format!("Unable to listen on port {local}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:{local}: bind: address already in use unable to create listener: Error listen tcp6 [::1]:{local}: bind: address already in use]"));
            continue;
        }
        ctx.out.outln(format!("Forwarding from 127.0.0.1:{local} -> {remote}"));
        ctx.out.outln(format!("Forwarding from [::1]:{local} -> {remote}"));
        listening.push((local, 0));
    }
    if listening.is_empty() {
        let list: Vec<String> = pairs.iter().map(|(l, r)| format!("{{{l} {r}}}")).collect();
        return Err(KubectlError::msg(format!("unable to listen on any of the requested ports: [{}]", list.join(" "))));
    }
    Ok(Exec::Job(Box::new(Forwarding { pod_uid: pod.metadata.uid.clone(), listening })))
}

/// A running port-forward: reports each connection and ends when its pod goes away.
struct Forwarding {
    pod_uid: String,
    /// Local ports with the number of connections already reported.
    listening: Vec<(u16, u64)>,
}

impl Forwarding {
    fn close(&self, world: &mut World) {
        for (port, _) in &self.listening {
            if world.cluster.network.forwards.get(port).is_some_and(|f| f.pod_uid == self.pod_uid) {
                world.cluster.network.close(*port);
            }
        }
    }
}

impl Job for Forwarding {
    fn poll(&mut self, world: &mut World, out: &mut Output) -> Option<i32> {
        for (port, reported) in &mut self.listening {
            let Some(forward) = world.cluster.network.forwards.get(port) else { continue };
            while *reported < forward.connections {
                *reported += 1;
                out.outln(format!("Handling connection for {port}"));
            }
        }
        let pod_alive = world.cluster.store.list(Kind::Pod, None).into_iter().any(|o| {
            matches!(o, Object::Pod(p) if p.metadata.uid == self.pod_uid && p.status.phase == "Running" && p.metadata.deletion_timestamp.is_none())
        });
        if !pod_alive {
            self.close(world);
            out.errln("error: lost connection to pod");
            return Some(1);
        }
        None
    }

    fn is_endless(&self) -> bool {
        true
    }

    fn interrupt(&mut self, world: &mut World, _out: &mut Output) -> i32 {
        self.close(world);
        0
    }
}
