//! `kubectl api-resources`: the resource types the simulated API server serves.

use super::args::{switch, value, Flag, Parsed};
use super::printers::table::TableWriter;
use super::{Ctx, KubectlError};
use crate::cluster::objects::{KindInfo, KINDS};
use crate::job::Exec;

/// Help text for `kubectl api-resources --help`.
pub const HELP: &str = "Print the supported API resources on the server.

Examples:
  # Print the supported API resources
  kubectl api-resources
  
  # Print the supported API resources with more information
  kubectl api-resources -o wide
  
  # Print the supported API resources sorted by a column
  kubectl api-resources --sort-by=name
  
  # Print the supported namespaced resources
  kubectl api-resources --namespaced=true
  
  # Print the supported non-namespaced resources
  kubectl api-resources --namespaced=false
  
  # Print the supported API resources with a specific APIGroup
  kubectl api-resources --api-group=rbac.authorization.k8s.io

Options:
    --api-group='':
\tLimit to resources in the specified API group.

    --namespaced=true:
\tIf false, non-namespaced resources will be returned, otherwise returning namespaced resources by default.

    --no-headers=false:
\tWhen using the default or custom-column output format, don't print headers (default print headers).

    -o, --output='':
\tOutput format. One of: (wide, name).

    --sort-by='':
\tIf non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'.

Usage:
  kubectl api-resources [flags] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Flags of `kubectl api-resources`.
pub const FLAGS: &[Flag] = &[
    value("api-group", None, "Limit to resources in the specified API group."),
    value("namespaced", None, "If false, non-namespaced resources will be returned, otherwise returning namespaced resources by default."),
    switch("no-headers", None, "When using the default or custom-column output format, don't print headers (default print headers)."),
    value("output", Some('o'), "Output format. One of: (wide, name)."),
    value("sort-by", None, "If non-empty, sort list of resources using specified field. The field can be either 'name' or 'kind'."),
];

/// Runs `kubectl api-resources`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    let output = args.get("output").unwrap_or("");
    if !["", "wide", "name"].contains(&output) {
        return Err(KubectlError::msg(format!("--output {output} is not available")));
    }
    let namespaced = match args.get("namespaced") {
        None => None,
        Some("true") => Some(true),
        Some("false") => Some(false),
        Some(other) => {
            return Err(KubectlError::flag(
                format!("invalid argument \"{other}\" for \"--namespaced\" flag: strconv.ParseBool: parsing \"{other}\": invalid syntax"),
                "api-resources",
            ))
        }
    };
    let mut kinds: Vec<&KindInfo> = KINDS
        .iter()
        .filter(|k| namespaced.is_none_or(|n| k.namespaced == n))
        .filter(|k| args.get("api-group").is_none_or(|g| k.group == g))
        .collect();
    match args.get("sort-by") {
        Some("name") => kinds.sort_by_key(|k| k.plural),
        Some("kind") => kinds.sort_by_key(|k| k.name),
        Some("") | None => {}
        Some(other) => return Err(KubectlError::msg(format!("--sort-by accepts only name or kind, got \"{other}\""))),
    }
    if output == "name" {
        for k in kinds {
            let name = if k.group.is_empty() { k.plural.to_string() } else { format!("{}.{}", k.plural, k.group) };
            ctx.out.outln(name);
        }
        return Ok(Exec::Done(0));
    }
    let wide = output == "wide";
    let mut rows: Vec<Vec<String>> = Vec::new();
    if !args.bool("no-headers") {
        let mut header = vec!["NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND"];
        if wide {
            header.extend(["VERBS", "CATEGORIES"]);
        }
        rows.push(header.into_iter().map(str::to_string).collect());
    }
    for k in kinds {
        let api_version = if k.group.is_empty() { k.version.to_string() } else { format!("{}/{}", k.group, k.version) };
        let mut row = vec![k.plural.to_string(), k.short_names.join(","), api_version, k.namespaced.to_string(), k.name.to_string()];
        if wide {
            let verbs = if k.plural == "namespaces" {
                "create,delete,get,list,patch,update,watch"
            } else {
                "create,delete,deletecollection,get,list,patch,update,watch"
            };
            row.push(verbs.into());
            row.push(if k.in_all { "all".into() } else { String::new() });
        }
        rows.push(row);
    }
    ctx.out.out(TableWriter::kubectl().render(&rows));
    Ok(Exec::Done(0))
}

#[cfg(test)]
mod tests {
    use crate::job::Exec;
    use crate::output::Output;
    use crate::world::World;
    use std::collections::BTreeMap;

    fn run(line: &str) -> String {
        let mut world = World::new(1);
        let args: Vec<String> = line.split_whitespace().map(str::to_string).collect();
        let mut out = Output::default();
        let exec = crate::kubectl::kubectl(&mut world, &args, "", &BTreeMap::new(), &mut out);
        assert!(matches!(exec, Exec::Done(0)), "{}", out.combined());
        out.stdout()
    }

    /// One row as kubectl pads it: NAME as wide as the longest plural (kinds are added by
    /// several features, so the width is computed), then the fixed-width columns.
    fn row(name: &str, short: &str, api: &str, namespaced: &str, kind: &str) -> String {
        let width = crate::cluster::objects::KINDS.iter().map(|k| k.plural.len()).max().unwrap_or(4).max(4) + 3;
        format!("{name:<width$}{short:<13}{api:<23}{namespaced:<13}{kind}\n")
    }

    #[test]
    fn lists_our_kinds_with_real_columns() {
        let text = run("api-resources");
        assert!(text.starts_with(&row("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND")), "{text}");
        for line in [
            row("configmaps", "cm", "v1", "true", "ConfigMap"),
            row("pods", "po", "v1", "true", "Pod"),
            row("secrets", "", "v1", "true", "Secret"),
            row("deployments", "deploy", "apps/v1", "true", "Deployment"),
            row("services", "svc", "v1", "true", "Service"),
            row("ingresses", "ing", "networking.k8s.io/v1", "true", "Ingress"),
        ] {
            assert!(text.contains(&format!("\n{line}")), "{line}\n{text}");
        }
        let names = run("api-resources --namespaced=false -o name");
        assert!(names.starts_with("namespaces\nnodes\n"), "{names}");
        assert!(names.contains("\ningressclasses.networking.k8s.io\n"), "{names}");
        assert!(!names.contains("configmaps"), "{names}");
    }
}
