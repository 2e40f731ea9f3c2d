//! `kubectl version`: client and server both v1.34, as the simulated cluster is.

use super::args::{switch, value, Flag, Parsed};
use super::{Ctx, KubectlError};
use crate::cluster::bootstrap::KUBERNETES_VERSION;
use crate::job::Exec;

/// Help text for `kubectl version --help`.
pub const HELP: &str = "Print the client and server version information for the current context.

Examples:
  # Print the client and server versions for the current context
  kubectl version

Options:
    --client=false:
\tIf true, shows client version only (no server required).

    -o, --output='':
\tOne of 'yaml' or 'json'.

Usage:
  kubectl version [flags] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Flags of `kubectl version`.
pub const FLAGS: &[Flag] = &[
    switch("client", None, "If true, shows client version only (no server required)."),
    value("output", Some('o'), "One of 'yaml' or 'json'."),
];

/// The Kustomize version kubectl v1.34 embeds.
const KUSTOMIZE_VERSION: &str = "v5.7.1";

/// Runs `kubectl version`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    let client_only = args.bool("client");
    match args.get("output") {
        None => {
            ctx.out.outln(format!("Client Version: {KUBERNETES_VERSION}"));
            ctx.out.outln(format!("Kustomize Version: {KUSTOMIZE_VERSION}"));
            if !client_only {
                ctx.out.outln(format!("Server Version: {KUBERNETES_VERSION}"));
            }
        }
        Some(format @ ("yaml" | "json")) => {
            let info = |platform: &str| {
                let minor = KUBERNETES_VERSION.split('.').nth(1).unwrap_or("34");
                serde_json::json!({
                    "buildDate": "2025-09-09T19:36:45Z",
                    "compiler": "gc",
                    "gitCommit": "93248f9ae092f571eb870b7664c534bfc7d00f03",
                    "gitTreeState": "clean",
                    "gitVersion": KUBERNETES_VERSION,
                    "goVersion": "go1.24.6",
                    "major": "1",
                    "minor": minor,
                    "platform": platform,
                })
            };
            let mut doc = serde_json::json!({ "clientVersion": info("linux/amd64"), "kustomizeVersion": KUSTOMIZE_VERSION });
            if !client_only {
                doc["serverVersion"] = info("linux/amd64");
            }
            if format == "json" {
                ctx.out.outln(serde_json::to_string_pretty(&doc).unwrap_or_default());
            } else {
                ctx.out.out(super::printers::yaml::to_yaml(&doc));
            }
        }
        Some(_) => return Err(KubectlError::msg("--output must be 'yaml' or 'json'")),
    }
    Ok(Exec::Done(0))
}
