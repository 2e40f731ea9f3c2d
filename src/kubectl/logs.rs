//! `kubectl logs`: a container's output as the kubelet kept it, with the server's errors for
//! containers that have not started, and `-f` as a job that prints new lines as they come.

use super::args::{switch, value, Flag, Parsed};
use super::targets::{kind_named, parse_selector};
use super::{Ctx, KubectlError};
use super::wait::duration_flag;
use crate::cluster::controllers::kubelet::LogLine;
use crate::cluster::objects::{Kind, Object, Pod, Time};
use crate::cluster::Cluster;
use crate::job::{Exec, Job};
use crate::output::Output;
use crate::world::World;

/// Help text for `kubectl logs --help`.
pub const HELP: &str = "Print the logs for a container in a pod or specified resource. If the pod has only one container, the container name is optional.

Examples:
  # Return snapshot logs from pod nginx with only one container
  kubectl logs nginx
  
  # Return snapshot logs from pod nginx, prefixing each line with the source pod and container name
  kubectl logs nginx --prefix
  
  # Return snapshot logs from pod nginx, waiting up to 20 seconds for it to start running.
  kubectl logs nginx --pod-running-timeout=20s
  
  # Return snapshot logs from pod nginx with multi containers
  kubectl logs nginx --all-containers=true
  
  # Return snapshot logs from all pods in the deployment nginx
  kubectl logs deployment/nginx --all-pods=true
  
  # Return snapshot logs from all containers in pods defined by label app=nginx
  kubectl logs -l app=nginx --all-containers=true
  
  # Return snapshot logs from all pods defined by label app=nginx, limiting concurrent log requests to 10 pods
  kubectl logs -l app=nginx --max-log-requests=10
  
  # Return snapshot of previous terminated ruby container logs from pod web-1
  kubectl logs -p -c ruby web-1
  
  # Begin streaming the logs from pod nginx, continuing even if errors occur
  kubectl logs nginx -f --ignore-errors=true
  
  # Begin streaming the logs of the ruby container in pod web-1
  kubectl logs -f -c ruby web-1
  
  # Begin streaming the logs from all containers in pods defined by label app=nginx
  kubectl logs -f -l app=nginx --all-containers=true
  
  # Display only the most recent 20 lines of output in pod nginx
  kubectl logs --tail=20 nginx
  
  # Show all logs from pod nginx written in the last hour
  kubectl logs --since=1h nginx
  
  # Show all logs with timestamps from pod nginx starting from August 30, 2024, at 06:00:00 UTC
  kubectl logs nginx --since-time=2024-08-30T06:00:00Z --timestamps=true
  
  # Return snapshot logs from container nginx-1 of a deployment named nginx
  kubectl logs deployment/nginx -c nginx-1

Options:
    --all-containers=false:
\tGet all containers' logs in the pod(s).

    --all-pods=false:
\tGet logs from all pod(s). Sets prefix to true.

    -c, --container='':
\tPrint the logs of this container

    -f, --follow=false:
\tSpecify if the logs should be streamed.

    --ignore-errors=false:
\tIf watching / following pod logs, allow for any errors that occur to be non-fatal

    --max-log-requests=5:
\tSpecify maximum number of concurrent logs to follow when using by a selector. Defaults to 5.

    --pod-running-timeout=20s:
\tThe length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running

    --prefix=false:
\tPrefix each log line with the log source (pod name and container name)

    -p, --previous=false:
\tIf true, print the logs for the previous instance of the container in a pod if it exists.

    -l, --selector='':
\tSelector (label query) to filter on, supports '=', '==', and '!='.(e.g. -l key1=value1,key2=value2). Matching objects must satisfy all of the specified label constraints.

    --since=0s:
\tOnly return logs newer than a relative duration like 5s, 2m, or 3h. Defaults to all logs. Only one of since-time / since may be used.

    --since-time='':
\tOnly return logs after a specific date (RFC3339). Defaults to all logs. Only one of since-time / since may be used.

    --tail=-1:
\tLines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided.

    --timestamps=false:
\tInclude timestamps on each line in the log output

Usage:
  kubectl logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Flags of `kubectl logs`.
pub const FLAGS: &[Flag] = &[
    switch("all-containers", None, "Get all containers' logs in the pod(s)."),
    switch("all-pods", None, "Get logs from all pod(s)."),
    value("container", Some('c'), "Print the logs of this container"),
    switch("follow", Some('f'), "Specify if the logs should be streamed."),
    switch("ignore-errors", None, "If watching / following pod logs, allow for any errors that occur to be non-fatal"),
    value("max-log-requests", None, "Specify maximum number of concurrent logs to follow when using by a selector. Defaults to 5."),
    value("pod-running-timeout", None, "The length of time to wait until at least one pod is running"),
    switch("prefix", None, "Prefix each log line with the log source (pod name and container name)"),
    switch("previous", Some('p'), "If true, print the logs for the previous instance of the container in a pod if it exists."),
    value("selector", Some('l'), "Selector (label query) to filter on."),
    value("since", None, "Only return logs newer than a relative duration like 5s, 2m, or 3h."),
    value("since-time", None, "Only return logs after a specific date (RFC3339)."),
    value("tail", None, "Lines of recent log file to display. Defaults to -1 with no selector, showing all log lines otherwise 10, if a selector is provided."),
    switch("timestamps", None, "Include timestamps on each line in the log output"),
];

/// One container's log stream.
#[derive(Clone, Debug)]
struct Stream {
    namespace: String,
    pod: String,
    pod_uid: String,
    container: String,
    prefix: Option<String>,
    /// Lines of the current log already printed (for `-f`).
    printed: usize,
    /// Whether each line starts with the instant it was written (`--timestamps`).
    timestamps: bool,
}

impl Stream {
    /// A log line as printed: the `--prefix` source, the `--timestamps` instant, the text.
    /// `index` is the line's position in the log (it orders the sub-millisecond digits).
    fn render(&self, index: usize, (time, text): &LogLine) -> String {
        let prefix = self.prefix.as_deref().unwrap_or("");
        if self.timestamps {
            format!("{prefix}{} {text}", rfc3339_nano(*time, index, text))
        } else {
            format!("{prefix}{text}")
        }
    }
}

/// Go's RFC3339Nano as the container runtime stamps lines: nanoseconds, trailing zeros dropped.
/// The clock counts milliseconds, so the digits below come from the line's position (later lines
/// of one millisecond get later stamps) and its text: deterministic, the same at every read.
pub fn rfc3339_nano(time: Time, index: usize, text: &str) -> String {
    const STEP: u32 = 7_919;
    let jitter = text.bytes().fold(0x811c_9dc5_u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193)) % (STEP - 1000);
    let below_ms = (index as u32 % 120).saturating_mul(STEP).saturating_add(jitter).min(999_999);
    let nanos = time.0.rem_euclid(1000) as u32 * 1_000_000 + below_ms;
    let seconds = time.rfc3339();
    let base = seconds.strip_suffix('Z').unwrap_or(&seconds);
    if nanos == 0 {
        return format!("{base}Z");
    }
    let digits = format!("{nanos:09}");
    format!("{base}.{}Z", digits.trim_end_matches('0'))
}

/// The instant before which lines are left out: `--since` (rounded to seconds) or `--since-time`.
fn since_time(args: &Parsed, now: Time) -> Result<Option<Time>, KubectlError> {
    let since = duration_flag(args, "since", "logs")?.filter(|ms| *ms != 0);
    let since_time = args.get("since-time").filter(|t| !t.is_empty());
    if since.is_some() && since_time.is_some() {
        return Err(KubectlError::msg("at most one of `sinceTime` or `sinceSeconds` may be specified"));
    }
    if let Some(text) = since_time {
        return Time::parse_rfc3339(text).map(Some).ok_or_else(|| {
            KubectlError::msg(format!(
                "parsing time \"{text}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"{text}\" as \"2006\""
            ))
        });
    }
    match since {
        Some(ms) if ms < 0 => Err(KubectlError::msg("--since must be greater than 0")),
        Some(ms) => Ok(Some(now.plus_ms(-((ms + 500) / 1000) * 1000))),
        None => Ok(None),
    }
}

/// Runs `kubectl logs`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    let selector = args.get("selector");
    if args.positionals.is_empty() && selector.is_none() {
        return Err(KubectlError::usage(
            "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command",
            "logs",
        ));
    }
    if args.positionals.len() > 2 || (selector.is_some() && !args.positionals.is_empty()) {
        return Err(KubectlError::msg("only one of selector or a resource name may be specified"));
    }
    let tail = args.int("tail", "logs")?.unwrap_or(if selector.is_some() { 10 } else { -1 });
    let since = since_time(args, ctx.world.cluster.now())?;
    let timestamps = args.bool("timestamps");
    let pods = find_pods(ctx, args)?;
    if pods.is_empty() {
        ctx.out.errln(format!("No resources found in {} namespace.", ctx.namespace));
        return Ok(Exec::Done(0));
    }
    let container_flag = args.get("container").or(if args.positionals.len() == 2 { args.positionals.get(1).map(String::as_str) } else { None });
    let mut streams = Vec::new();
    for pod in &pods {
        let names: Vec<String> = if args.bool("all-containers") {
            pod.spec.init_containers.iter().chain(pod.spec.containers.iter()).map(|c| c.name.clone()).collect()
        } else if let Some(c) = container_flag {
            if !pod.spec.containers.iter().chain(pod.spec.init_containers.iter()).any(|x| x.name == c) {
                return Err(KubectlError::msg(format!("container {c} is not valid for pod {}", pod.metadata.name)));
            }
            vec![c.to_string()]
        } else {
            let (name, note) = default_container(pod);
            if let Some(note) = note {
                ctx.out.errln(note);
            }
            vec![name]
        };
        let prefix_all = args.bool("prefix");
        for container in names {
            let prefix = prefix_all.then(|| format!("[pod/{}/{container}] ", pod.metadata.name));
            streams.push(Stream {
                namespace: pod.metadata.namespace.clone(),
                pod: pod.metadata.name.clone(),
                pod_uid: pod.metadata.uid.clone(),
                container,
                prefix,
                printed: 0,
                timestamps,
            });
        }
    }
    let previous = args.bool("previous");
    for stream in &mut streams {
        let lines = read_logs(&ctx.world.cluster, stream, previous)?;
        let start = if tail >= 0 { lines.len().saturating_sub(tail as usize) } else { 0 };
        for (index, line) in lines.iter().enumerate().skip(start).filter(|(_, (time, _))| since.is_none_or(|s| *time >= s)) {
            ctx.out.outln(stream.render(index, line));
        }
        stream.printed = lines.len();
    }
    if args.bool("follow") && !previous {
        return Ok(Exec::Job(Box::new(FollowJob { streams })));
    }
    Ok(Exec::Done(0))
}

/// The pods a `logs` command reads: one named pod, the first pod of a workload, or `-l`.
fn find_pods(ctx: &mut Ctx, args: &Parsed) -> Result<Vec<Pod>, KubectlError> {
    let namespace = ctx.namespace.clone();
    let cluster = &ctx.world.cluster;
    let in_namespace = |cluster: &Cluster| -> Vec<Pod> {
        cluster
            .list(Kind::Pod, Some(&namespace))
            .into_iter()
            .filter_map(|o| if let Object::Pod(p) = o { Some(p) } else { None })
            .collect()
    };
    if let Some(text) = args.get("selector") {
        let selector = parse_selector(text)?;
        return Ok(in_namespace(cluster).into_iter().filter(|p| selector.matches(&p.metadata.labels)).collect());
    }
    let first = &args.positionals[0];
    let (kind, name) = match first.split_once('/') {
        Some((k, n)) => (kind_named(k)?, n.to_string()),
        None => (Kind::Pod, first.clone()),
    };
    let not_found = |resource: String| {
        KubectlError::msg(format!("error from server (NotFound): {resource} \"{name}\" not found in namespace \"{namespace}\""))
    };
    let object = cluster.get(kind, &namespace, &name).cloned().ok_or_else(|| not_found(kind.resource_with_group()))?;
    let selector = match &object {
        Object::Pod(p) => return Ok(vec![p.clone()]),
        Object::Deployment(d) => d.spec.selector.clone(),
        Object::ReplicaSet(rs) => rs.spec.selector.clone(),
        Object::StatefulSet(sts) => sts.spec.selector.clone(),
        Object::DaemonSet(ds) => ds.spec.selector.clone(),
        Object::Job(job) => job.spec.selector.clone(),
        _ => return Err(KubectlError::msg(format!("cannot get the logs from {}", kind.name_prefix()))),
    }
    .unwrap_or_default();
    let mut pods: Vec<Pod> = in_namespace(cluster).into_iter().filter(|p| selector.matches(&p.metadata.labels)).collect();
    if pods.is_empty() {
        return Err(KubectlError::msg("timed out waiting for the condition"));
    }
    pods.sort_by_key(logging_rank);
    if pods.len() > 1 && !args.bool("all-pods") {
        ctx.out.errln(format!("Found {} pods, using pod/{}", pods.len(), pods[0].metadata.name));
    }
    if !args.bool("all-pods") {
        pods.truncate(1);
    }
    Ok(pods)
}

/// kubectl's `ByLogging` order: scheduled, running, ready, ready longest, most restarts, oldest.
fn logging_rank(p: &Pod) -> (bool, u8, bool, Option<crate::cluster::objects::Time>, i64, Option<crate::cluster::objects::Time>) {
    let phase = match p.status.phase.as_str() {
        "Running" => 0,
        "Unknown" => 1,
        "Pending" => 2,
        _ => 3,
    };
    (p.spec.node_name.is_empty(), phase, !p.is_ready(), p.ready_since(), -p.max_restarts(), p.metadata.creation_timestamp)
}

/// The container used without `-c`, and the `Defaulted container` note when there was a choice.
fn default_container(pod: &Pod) -> (String, Option<String>) {
    let annotated = pod.metadata.annotations.get("kubectl.kubernetes.io/default-container").cloned();
    let first = pod.spec.containers.first().map(|c| c.name.clone()).unwrap_or_default();
    let chosen = annotated.filter(|a| pod.spec.containers.iter().any(|c| &c.name == a)).unwrap_or(first);
    let total = pod.spec.containers.len() + pod.spec.init_containers.len();
    if total <= 1 {
        return (chosen, None);
    }
    let mut names: Vec<String> = pod.spec.containers.iter().map(|c| c.name.clone()).collect();
    names.extend(pod.spec.init_containers.iter().map(|c| format!("{} (init)", c.name)));
    let note = format!("Defaulted container \"{chosen}\" out of: {}", names.join(", "));
    (chosen, Some(note))
}

/// The lines the kubelet would serve, or the server's error for a container without logs.
fn read_logs(cluster: &Cluster, stream: &Stream, previous: bool) -> Result<Vec<LogLine>, KubectlError> {
    let bad = |why: String| KubectlError::from(crate::cluster::api_error::ApiError::bad_request(why));
    let (c, p) = (&stream.container, &stream.pod);
    let Some(Object::Pod(pod)) = cluster.get(Kind::Pod, &stream.namespace, p) else {
        return Err(KubectlError::msg(format!("error from server (NotFound): pods \"{p}\" not found in namespace \"{}\"", stream.namespace)));
    };
    let status = pod
        .status
        .container_statuses
        .iter()
        .chain(pod.status.init_container_statuses.iter())
        .find(|s| &s.name == c);
    let Some(status) = status else {
        return Err(bad(format!("container \"{c}\" in pod \"{p}\" is waiting to start: ContainerCreating")));
    };
    let last_terminated = status.last_state.terminated.is_some();
    if previous {
        if !last_terminated {
            return Err(bad(format!("previous terminated container \"{c}\" in pod \"{p}\" not found")));
        }
        return Ok(cluster.kubelet.logs_with_times(&stream.pod_uid, c, true).unwrap_or_default());
    }
    let state = &status.state;
    if state.running.is_some() || state.terminated.is_some() {
        return Ok(cluster.kubelet.logs_with_times(&stream.pod_uid, c, false).unwrap_or_default());
    }
    if last_terminated {
        return Ok(cluster.kubelet.logs_with_times(&stream.pod_uid, c, true).unwrap_or_default());
    }
    let reason = state.waiting.as_ref().map(|w| w.reason.clone()).unwrap_or_default();
    Err(bad(match reason.as_str() {
        "ErrImagePull" => format!("container \"{c}\" in pod \"{p}\" is waiting to start: image can't be pulled"),
        "ImagePullBackOff" => format!("container \"{c}\" in pod \"{p}\" is waiting to start: trying and failing to pull image"),
        "" => format!("container \"{c}\" in pod \"{p}\" is waiting to start - no logs yet"),
        other => format!("container \"{c}\" in pod \"{p}\" is waiting to start: {other}"),
    }))
}

/// `logs -f`: prints lines as the containers write them, until they stop or Ctrl+C.
struct FollowJob {
    streams: Vec<Stream>,
}

impl Job for FollowJob {
    fn poll(&mut self, world: &mut World, out: &mut Output) -> Option<i32> {
        let cluster = &world.cluster;
        self.streams.retain_mut(|s| {
            let pod = match cluster.get(Kind::Pod, &s.namespace, &s.pod) {
                Some(Object::Pod(p)) if p.metadata.uid == s.pod_uid => p,
                _ => return false,
            };
            let lines = cluster.kubelet.logs_with_times(&s.pod_uid, &s.container, false).unwrap_or_default();
            for (index, line) in lines.iter().enumerate().skip(s.printed) {
                out.outln(s.render(index, line));
            }
            s.printed = s.printed.max(lines.len());
            let running = pod.status.container_statuses.iter().chain(pod.status.init_container_statuses.iter()).any(|st| st.name == s.container && st.state.running.is_some());
            running
        });
        if self.streams.is_empty() { Some(0) } else { None }
    }

    fn is_endless(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use crate::kubectl::rollout::fixtures::{deployment, run, template, world};

    #[test]
    fn logs_of_a_deployment_pod_and_errors() {
        let mut w = world();
        deployment(&mut w, template(true), 2);
        let (_, err, code) = run(&mut w, "logs nope");
        assert_eq!((err.as_str(), code), ("error: error from server (NotFound): pods \"nope\" not found in namespace \"default\"\n", Some(1)));
        w.cluster.advance_by(1_000);
        let (out, err, _) = run(&mut w, "logs deploy/rickroller");
        assert!(err.starts_with("Found 2 pods, using pod/rickroller-"), "{err}");
        assert!(err.ends_with("is waiting to start: ContainerCreating\n"), "{err}");
        assert_eq!(out, "");
        w.cluster.advance_by(30_000);
        let (out, err, code) = run(&mut w, "logs deployment/rickroller --tail=1");
        assert_eq!(code, Some(0), "{err}");
        assert_eq!(out.lines().count(), 1, "{out}");
        let (out, _, _) = run(&mut w, "logs -l app=rickroller --prefix");
        assert!(out.starts_with("[pod/rickroller-"), "{out}");
        assert!(out.contains("BEHIND_PROXY set to true -> ProxyFix turned on."), "{out}");
        let (_, err, _) = run(&mut w, "logs deploy/rickroller -c wrong");
        assert!(err.ends_with("error: container wrong is not valid for pod ".to_string().as_str()) || err.contains("error: container wrong is not valid for pod rickroller-"), "{err}");
        let (_, err, _) = run(&mut w, "logs deploy/rickroller -p");
        assert!(err.contains("Error from server (BadRequest): previous terminated container \"rickroller\" in pod \"rickroller-"), "{err}");
        let (_, err, _) = run(&mut w, "logs");
        assert_eq!(err, "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n");
    }

    /// A busybox pod that writes `one` when it starts, and an nginx pod whose access log gets a
    /// line 20 s later; `commands` run 30 s after the start.
    fn two_line_pod(commands: &str) -> String {
        let script = format!(
            "kubectl run web --image=busybox -- sh -c 'echo one; sleep 3600' >/dev/null
kubectl run nginx --image=nginx >/dev/null
sleep 10
kubectl port-forward pod/nginx 8080:80 >/dev/null &
sleep 10
curl -s localhost:8080/two -o /dev/null
sleep 10
{commands}"
        );
        let out = crate::terminal::run_script(1, &script, false);
        out.lines().filter(|l| !l.starts_with("[1] ")).map(|l| format!("{l}\n")).collect()
    }

    #[test]
    fn timestamps_prefix_each_line_with_rfc3339_nano() {
        let out = two_line_pod("kubectl logs web --timestamps\nkubectl logs nginx --timestamps --tail=3\n");
        assert_eq!(
            out,
            "2025-10-06T09:00:01.687005742Z one
2025-10-06T09:00:04.613120743Z 2025/10/06 09:00:04 [notice] 1#1: start worker process 29
2025-10-06T09:00:04.613133326Z 2025/10/06 09:00:04 [notice] 1#1: start worker process 30
2025-10-06T09:00:20.000139105Z 127.0.0.1 - - [06/Oct/2025:09:00:20 +0000] \"GET /two HTTP/1.1\" 404 153 \"-\" \"curl/8.5.0\" \"-\"
"
        );
        let on_the_second = crate::cluster::objects::Time(1_000);
        assert_eq!(super::rfc3339_nano(on_the_second, 0, "a"), "1970-01-01T00:00:01.00000279Z");
        assert_eq!(super::rfc3339_nano(on_the_second, 2, "a"), "1970-01-01T00:00:01.000018628Z");
    }

    #[test]
    fn since_and_since_time_leave_out_older_lines() {
        let out = two_line_pod("kubectl logs web --since=10s\nkubectl logs web --since=29s\nkubectl logs nginx --since=15s\n");
        assert_eq!(out, "one\n127.0.0.1 - - [06/Oct/2025:09:00:20 +0000] \"GET /two HTTP/1.1\" 404 153 \"-\" \"curl/8.5.0\" \"-\"\n");
        let out = two_line_pod("kubectl logs web --since-time=2025-10-06T09:00:01Z\nkubectl logs web --since-time=2025-10-06T09:00:02Z\n");
        assert_eq!(out, "one\n");
        let out = two_line_pod("kubectl logs nginx --tail=2 --since=15s --timestamps\n");
        assert!(out.starts_with("2025-10-06T09:00:20.000139105Z 127.0.0.1 - - ") && out.lines().count() == 1, "{out}");
    }

    #[test]
    fn since_flags_errors() {
        let out = two_line_pod(
            "kubectl logs web --since=5s --since-time=2025-10-06T10:00:00Z\nkubectl logs web --since=-5s\nkubectl logs web --since-time=yesterday\n",
        );
        assert_eq!(
            out,
            "error: at most one of `sinceTime` or `sinceSeconds` may be specified\nerror: --since must be greater than 0\nerror: parsing time \"yesterday\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"yesterday\" as \"2006\"\n"
        );
    }
}
