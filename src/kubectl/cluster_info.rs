//! `kubectl cluster-info`: where the control plane and CoreDNS are served.

use super::args::{Flag, Parsed};
use super::config::SERVER;
use super::{Ctx, KubectlError};
use crate::job::Exec;

/// Help text for `kubectl cluster-info --help`.
pub const HELP: &str = "Display addresses of the control plane and services with label kubernetes.io/cluster-service=true. To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.

Examples:
  # Print the address of the control plane and cluster services
  kubectl cluster-info

Available Commands:
  dump          Dump relevant information for debugging and diagnosis

Usage:
  kubectl cluster-info [flags] [options]

Use \"kubectl cluster-info <command> --help\" for more information about a given command.
Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Flags of `kubectl cluster-info`.
pub const FLAGS: &[Flag] = &[];

/// Runs `kubectl cluster-info`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    if args.positionals.first().map(String::as_str) == Some("dump") {
        return Err(KubectlError::msg("cluster-info dump is not available in kubeplay"));
    }
    ctx.out.outln(format!("Kubernetes control plane is running at {SERVER}"));
    ctx.out.outln(format!("CoreDNS is running at {SERVER}/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy"));
    ctx.out.outln("");
    ctx.out.outln("To further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.");
    Ok(Exec::Done(0))
}
