//! `kubectl top pod|node`: CPU and memory from the simulated metrics pipeline ([`usage`]).
//! The starting cluster runs metrics-server in kube-system; while it is not ready the Metrics API
//! is unavailable, and a pod only has metrics once its containers have run for two scrapes.

mod usage;

use super::args::{switch, value, Flag, Parsed};
use super::field_selector::FieldSelector;
use super::printers::table::TableWriter;
use super::targets::parse_selector;
use super::{Ctx, KubectlError};
use crate::cluster::objects::{Kind, LabelSelector, Node, Object, Pod, Time};
use crate::job::Exec;
use usage::{node_overhead, pod_usage, quantity_millis, Usage, MI};

/// Help text for `kubectl top --help`.
pub const HELP: &str = "Display resource (CPU/memory) usage.

 The top command allows you to see the resource consumption for nodes or pods.

 This command requires Metrics Server to be correctly configured and working on the server.

Available Commands:
  node          Display resource (CPU/memory) usage of nodes
  pod           Display resource (CPU/memory) usage of pods

Usage:
  kubectl top [flags] [options]

Use \"kubectl top <command> --help\" for more information about a given command.
Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Help text for `kubectl top pod --help`.
pub const POD_HELP: &str = "Display resource (CPU/memory) usage of pods.

 The 'top pod' command allows you to see the resource consumption of pods.

 Due to the metrics pipeline delay, they may be unavailable for a few minutes since pod creation.

Aliases:
pod, pods, po

Examples:
  # Show metrics for all pods in the default namespace
  kubectl top pod
  
  # Show metrics for all pods in the given namespace
  kubectl top pod --namespace=NAMESPACE
  
  # Show metrics for a given pod and its containers
  kubectl top pod POD_NAME --containers
  
  # Show metrics for the pods defined by label name=myLabel
  kubectl top pod -l name=myLabel

Options:
    -A, --all-namespaces=false:
\tIf present, list the requested object(s) across all namespaces. Namespace in current context is ignored even if specified with --namespace.

    --containers=false:
\tIf present, print usage of containers within a pod.

    --field-selector='':
\tSelector (field query) to filter on, supports '=', '==', and '!='.(e.g. --field-selector key1=value1,key2=value2). The server only supports a limited number of field queries per type.

    --no-headers=false:
\tIf present, print output without headers.

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

    --sort-by='':
\tIf non-empty, sort pods list using specified field. The field can be either 'cpu' or 'memory'.

    --sum=false:
\tPrint the sum of the resource usage

    --use-protocol-buffers=true:
\tEnables using protocol-buffers to access Metrics API.

Usage:
  kubectl top pod [NAME | -l label] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Help text for `kubectl top node --help`.
pub const NODE_HELP: &str = "Display resource (CPU/memory) usage of nodes.

 The top-node command allows you to see the resource consumption of nodes.

Aliases:
node, nodes, no

Examples:
  # Show metrics for all nodes
  kubectl top node
  
  # Show metrics for a given node
  kubectl top node NODE_NAME

Options:
    --no-headers=false:
\tIf present, print output without headers

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

    --show-capacity=false:
\tPrint node resources based on Capacity instead of Allocatable(default) of the nodes.

    --sort-by='':
\tIf non-empty, sort nodes list using specified field. The field can be either 'cpu' or 'memory'.

    --use-protocol-buffers=true:
\tEnables using protocol-buffers to access Metrics API.

Usage:
  kubectl top node [NAME | -l label] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Flags of `kubectl top pod` and `kubectl top node` together.
pub const FLAGS: &[Flag] = &[
    switch("all-namespaces", Some('A'), "If present, list the requested object(s) across all namespaces."),
    switch("containers", None, "If present, print usage of containers within a pod."),
    value("field-selector", None, "Selector (field query) to filter on, supports '=', '==', and '!='."),
    switch("no-headers", None, "If present, print output without headers."),
    value("selector", Some('l'), "Selector (label query) to filter on, supports '=', '==', and '!='."),
    value("sort-by", None, "If non-empty, sort the list using specified field. The field can be either 'cpu' or 'memory'."),
    switch("sum", None, "Print the sum of the resource usage"),
    switch("use-protocol-buffers", None, "Enables using protocol-buffers to access Metrics API."),
    switch("show-capacity", None, "Print node resources based on Capacity instead of Allocatable(default) of the nodes."),
];

/// kubectl waits this long after a pod's creation before calling missing metrics an error.
const METRICS_CREATION_DELAY_MS: i64 = 2 * 60_000;

/// Which list `top` prints.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Resource {
    Pods,
    Nodes,
}

/// Runs `kubectl top`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    let resource = match args.positionals.first().map(String::as_str) {
        Some("pod" | "pods" | "po") => Resource::Pods,
        Some("node" | "nodes" | "no") => Resource::Nodes,
        Some(other) => return Err(KubectlError::usage(format!("unknown command \"{other}\""), "top")),
        None if args.bool("help") => {
            ctx.out.out(HELP);
            return Ok(Exec::Done(0));
        }
        None => {
            ctx.out.push(crate::output::Stream::Stderr, HELP);
            return Ok(Exec::Done(1));
        }
    };
    if args.bool("help") {
        ctx.out.out(if resource == Resource::Pods { POD_HELP } else { NODE_HELP });
        return Ok(Exec::Done(0));
    }
    let command = if resource == Resource::Pods { "top pod" } else { "top node" };
    if resource == Resource::Nodes {
        for flag in ["all-namespaces", "containers", "field-selector", "sum"] {
            if args.has(flag) {
                return Err(KubectlError::flag(format!("unknown flag: --{flag}"), command));
            }
        }
    }
    let names = &args.positionals[1..];
    if names.len() > 1 {
        let usage = if resource == Resource::Pods { "pod [NAME | -l label]" } else { "node [NAME | -l label]" };
        return Err(KubectlError::usage(usage, command));
    }
    let sort = match args.get("sort-by").unwrap_or_default() {
        "" => None,
        "cpu" => Some(SortBy::Cpu),
        "memory" => Some(SortBy::Memory),
        _ => return Err(KubectlError::msg("--sort-by accepts only cpu or memory")),
    };
    let selector = match args.get("selector") {
        Some(text) => Some(parse_selector(text)?),
        None => None,
    };
    if !names.is_empty() && (selector.is_some() || args.has("field-selector")) {
        return Err(KubectlError::msg("only one of NAME or selector can be provided"));
    }
    if !metrics_api_available(ctx) {
        return Err(KubectlError::msg("Metrics API not available"));
    }
    let query = Query { name: names.first().cloned(), selector, sort, no_headers: args.bool("no-headers"), sum: args.bool("sum") };
    match resource {
        Resource::Pods => top_pods(ctx, args, &query),
        Resource::Nodes => top_nodes(ctx, args, &query),
    }
}

/// `--sort-by`: the biggest consumer first.
#[derive(Clone, Copy)]
enum SortBy {
    Cpu,
    Memory,
}

/// What to list, after the flags are checked.
struct Query {
    name: Option<String>,
    selector: Option<LabelSelector>,
    sort: Option<SortBy>,
    no_headers: bool,
    /// `--sum`: a separator and a total line under the pods.
    sum: bool,
}

impl Query {
    fn selects(&self, labels: &crate::cluster::objects::StringMap) -> bool {
        self.selector.as_ref().is_none_or(|s| s.matches(labels))
    }

    fn sort<T>(&self, rows: &mut [(T, Usage)]) {
        match self.sort {
            Some(SortBy::Cpu) => rows.sort_by_key(|(_, u)| std::cmp::Reverse(u.cpu_millis)),
            Some(SortBy::Memory) => rows.sort_by_key(|(_, u)| std::cmp::Reverse(u.memory_bytes)),
            None => {}
        }
    }
}

/// metrics-server answers once one of its pods is ready.
fn metrics_api_available(ctx: &Ctx) -> bool {
    ctx.world.cluster.list(Kind::Pod, Some("kube-system")).iter().any(|o| match o {
        Object::Pod(p) => p.metadata.labels.get("k8s-app").is_some_and(|v| v == "metrics-server") && p.is_ready(),
        _ => false,
    })
}

fn pods_of(objects: Vec<Object>) -> impl Iterator<Item = Pod> {
    objects.into_iter().filter_map(|o| if let Object::Pod(p) = o { Some(p) } else { None })
}

fn top_pods(ctx: &mut Ctx, args: &Parsed, query: &Query) -> Result<Exec, KubectlError> {
    let now = ctx.world.cluster.now();
    let all_namespaces = args.bool("all-namespaces");
    let fields = FieldSelector::parse(args.get("field-selector").unwrap_or_default())?;
    fields.check_supported(Kind::Pod, args.get("selector").unwrap_or_default())?;
    let pods: Vec<Pod> = match &query.name {
        Some(name) => {
            let not_found = || KubectlError::Raw(format!("Error from server (NotFound): podmetrics.metrics.k8s.io \"{}/{name}\" not found", ctx.namespace));
            match ctx.world.cluster.read(Kind::Pod, &ctx.namespace, name) {
                Ok(Object::Pod(p)) if pod_usage(&p, now).is_some() => vec![p],
                _ => return Err(not_found()),
            }
        }
        None => {
            let scope = if all_namespaces { None } else { Some(ctx.namespace.as_str()) };
            pods_of(ctx.world.cluster.list(Kind::Pod, scope))
                .filter(|p| query.selects(&p.metadata.labels) && fields.matches(&Object::Pod(p.clone())))
                .collect()
        }
    };
    let mut measured: Vec<((Pod, Vec<(String, Usage)>), Usage)> = pods
        .iter()
        .filter_map(|p| pod_usage(p, now).map(|containers| (p.clone(), containers)))
        .map(|(p, containers)| {
            let total = containers.iter().fold(Usage::default(), |sum, (_, u)| sum + *u);
            ((p, containers), total)
        })
        .collect();
    if measured.is_empty() {
        if pods.is_empty() {
            ctx.out.errln(if all_namespaces { "No resources found".to_string() } else { format!("No resources found in {} namespace.", ctx.namespace) });
            return Ok(Exec::Done(0));
        }
        return Err(missing_metrics_error(&pods, now));
    }
    measured.sort_by(|((a, _), _), ((b, _), _)| (&a.metadata.namespace, &a.metadata.name).cmp(&(&b.metadata.namespace, &b.metadata.name)));
    query.sort(&mut measured);
    let containers = args.bool("containers");
    let mut rows = Vec::new();
    if !query.no_headers {
        let mut header: Vec<&str> = Vec::new();
        if all_namespaces {
            header.push("NAMESPACE");
        }
        if containers {
            header.push("POD");
        }
        header.extend(["NAME", "CPU(cores)", "MEMORY(bytes)", ""]);
        rows.push(header.into_iter().map(String::from).collect());
    }
    for ((pod, per_container), total) in &measured {
        let lines: Vec<(String, Usage)> = if containers {
            let mut sorted = per_container.clone();
            sorted.sort_by(|a, b| a.0.cmp(&b.0));
            query.sort(&mut sorted);
            sorted
        } else {
            vec![(pod.metadata.name.clone(), *total)]
        };
        for (name, used) in lines {
            let mut row = Vec::new();
            if all_namespaces {
                row.push(pod.metadata.namespace.clone());
            }
            if containers {
                row.push(pod.metadata.name.clone());
            }
            row.extend([name, cpu_text(used), memory_text(used), String::new()]);
            rows.push(row);
        }
    }
    if query.sum {
        let total = measured.iter().fold(Usage::default(), |sum, (_, u)| sum + *u);
        rows.extend(sum_rows(total, all_namespaces, containers, query.no_headers));
    }
    ctx.out.out(TableWriter::kubectl().render(&rows));
    Ok(Exec::Done(0))
}

/// The `--sum` lines as kubectl prints them: underscores under the two usage columns, then the
/// totals. (kubectl counts the NAMESPACE and POD columns only when it prints headers, so without
/// headers the lines shift left; kept as is.)
fn sum_rows(total: Usage, all_namespaces: bool, containers: bool, no_headers: bool) -> Vec<Vec<String>> {
    let extra = if no_headers { 0 } else { usize::from(all_namespaces) + usize::from(containers) };
    let columns = 3 + extra;
    let mut separator = vec![String::new(); columns - 2];
    separator.extend(["________".to_string(), "________".to_string(), String::new()]);
    let mut totals = vec![String::new(); columns - 3];
    totals.extend([String::new(), cpu_text(total), memory_text(total), String::new()]);
    vec![separator, totals]
}

/// kubectl's verdict when pods exist but none has metrics: too young to expect any, or an old
/// pod that should have them (`Metrics not available for pod ns/name, age: 2m5s`).
fn missing_metrics_error(pods: &[Pod], now: Time) -> KubectlError {
    for pod in pods {
        let age = pod.metadata.creation_timestamp.map_or(0, |t| t.until(now));
        if age > METRICS_CREATION_DELAY_MS {
            return KubectlError::msg(format!(
                "Metrics not available for pod {}/{}, age: {}",
                pod.metadata.namespace,
                pod.metadata.name,
                go_duration(age)
            ));
        }
    }
    KubectlError::msg("metrics not available yet")
}

/// A duration as Go's `time.Duration.String()` writes it: `2m5.25s`, `1h0m3s`.
fn go_duration(ms: i64) -> String {
    let (hours, rest) = (ms / 3_600_000, ms % 3_600_000);
    let (minutes, rest) = (rest / 60_000, rest % 60_000);
    let seconds = if rest % 1000 == 0 {
        format!("{}s", rest / 1000)
    } else {
        format!("{}.{}s", rest / 1000, format!("{:03}", rest % 1000).trim_end_matches('0'))
    };
    match (hours, minutes) {
        (0, 0) => seconds,
        (0, m) => format!("{m}m{seconds}"),
        (h, m) => format!("{h}h{m}m{seconds}"),
    }
}

fn cpu_text(u: Usage) -> String {
    format!("{}m", u.cpu_millis)
}

fn memory_text(u: Usage) -> String {
    format!("{}Mi", u.memory_bytes / MI)
}

fn top_nodes(ctx: &mut Ctx, args: &Parsed, query: &Query) -> Result<Exec, KubectlError> {
    let now = ctx.world.cluster.now();
    let nodes: Vec<Node> = match &query.name {
        Some(name) => match ctx.world.cluster.read(Kind::Node, "", name) {
            Ok(Object::Node(n)) => vec![n],
            _ => return Err(KubectlError::Raw(format!("Error from server (NotFound): nodemetrics.metrics.k8s.io \"{name}\" not found"))),
        },
        None => ctx
            .world
            .cluster
            .list(Kind::Node, None)
            .into_iter()
            .filter_map(|o| if let Object::Node(n) = o { Some(n) } else { None })
            .filter(|n| query.selects(&n.metadata.labels))
            .collect(),
    };
    if nodes.is_empty() {
        ctx.out.errln("No resources found");
        return Ok(Exec::Done(0));
    }
    let pods: Vec<Pod> = pods_of(ctx.world.cluster.list(Kind::Pod, None)).collect();
    let mut measured: Vec<(Node, Usage)> = nodes
        .into_iter()
        .map(|node| {
            let on_node = pods.iter().filter(|p| p.spec.node_name == node.metadata.name);
            let used = on_node
                .filter_map(|p| pod_usage(p, now))
                .flatten()
                .fold(node_overhead(&node, now), |sum, (_, u)| sum + u);
            (node, used)
        })
        .collect();
    query.sort(&mut measured);
    let mut rows = Vec::new();
    if !query.no_headers {
        rows.push(["NAME", "CPU(cores)", "CPU(%)", "MEMORY(bytes)", "MEMORY(%)", ""].map(String::from).to_vec());
    }
    let show_capacity = args.bool("show-capacity");
    for (node, used) in &measured {
        let available = if show_capacity { &node.status.capacity } else { &node.status.allocatable };
        let cpu_total = available.get("cpu").map_or(0, |q| quantity_millis(q));
        let memory_total = available.get("memory").map_or(0, |q| quantity_millis(q) / 1000);
        rows.push(vec![
            node.metadata.name.clone(),
            cpu_text(*used),
            format!("{}%", percent(used.cpu_millis, cpu_total)),
            memory_text(*used),
            format!("{}%", percent(used.memory_bytes, memory_total)),
            String::new(),
        ]);
    }
    ctx.out.out(TableWriter::kubectl().render(&rows));
    Ok(Exec::Done(0))
}

fn percent(part: i64, whole: i64) -> i64 {
    if whole <= 0 { 0 } else { ((i128::from(part) * 100) / i128::from(whole)) as i64 }
}

#[cfg(test)]
mod tests;
