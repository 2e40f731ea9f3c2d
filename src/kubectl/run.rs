//! `kubectl run NAME --image=...`: one bare Pod, labelled `run=NAME`, printed or created;
//! `--expose` adds a ClusterIP Service, `-i/-t/--rm` attach to the pod ([`attach`]).

pub(crate) mod attach;

use super::args::{switch, value, Flag, Parsed};
use super::create_generators::finish;
use super::mutation::{DRY_RUN_FLAG, OUTPUT_FLAG};
use super::{Ctx, KubectlError};
use crate::cluster::objects::pod::{Container, ContainerPort, EnvVar};
use crate::cluster::objects::service::{ServicePort, ServiceSpec};
use crate::cluster::objects::workload::IntOrString;
use crate::cluster::objects::{Object, ObjectMeta, Pod, PodSpec, Service, StringMap};
use crate::job::Exec;

/// Help text for `kubectl run --help`.
pub const HELP: &str = "Create and run a particular image in a pod.

Examples:
  # Start a nginx pod
  kubectl run nginx --image=nginx
  
  # Start a hazelcast pod and let the container expose port 5701
  kubectl run hazelcast --image=hazelcast/hazelcast --port=5701
  
  # Start a hazelcast pod and set environment variables \"DNS_DOMAIN=cluster\" and \"POD_NAMESPACE=default\" in the container
  kubectl run hazelcast --image=hazelcast/hazelcast --env=\"DNS_DOMAIN=cluster\" --env=\"POD_NAMESPACE=default\"
  
  # Start a hazelcast pod and set labels \"app=hazelcast\" and \"env=prod\" in the container
  kubectl run hazelcast --image=hazelcast/hazelcast --labels=\"app=hazelcast,env=prod\"
  
  # Dry run; print the corresponding API objects without creating them
  kubectl run nginx --image=nginx --dry-run=client
  
  # Start the nginx pod using the default command, but use custom arguments (arg1 .. argN) for that command
  kubectl run nginx --image=nginx -- <arg1> <arg2> ... <argN>
  
  # Start the nginx pod using a different command and custom arguments
  kubectl run nginx --image=nginx --command -- <cmd> <arg1> ... <argN>

Options:
    --attach=false:
\tIf true, wait for the Pod to start running, and then attach to the Pod as if 'kubectl attach ...' were called.  Default false, unless '-i/--stdin' is set, in which case the default is true. With '--restart=Never' the exit code of the container process is returned.

    --command=false:
\tIf true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default.

    --dry-run='none':
\tMust be \"none\", \"server\", or \"client\". If client strategy, only print the object that would be sent, without sending it. If server strategy, submit server-side request without persisting the resource.

    --env=[]:
\tEnvironment variables to set in the container.

    --expose=false:
\tIf true, create a ClusterIP service associated with the pod.  Requires `--port`.

    --image='':
\tThe image for the container to run.

    --image-pull-policy='':
\tThe image pull policy for the container.  If left empty, this value will not be specified by the client and defaulted by the server.

    -l, --labels='':
\tComma separated labels to apply to the pod. Will override previous values.

    -o, --output='':
\tOutput format. One of: (json, yaml, name, go-template, go-template-file, template, templatefile, jsonpath, jsonpath-as-json, jsonpath-file).

    --pod-running-timeout=1m0s:
\tThe length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running

    --port='':
\tThe port that this container exposes.

    --restart='Always':
\tThe restart policy for this Pod.  Legal values [Always, OnFailure, Never].

    -q, --quiet=false:
\tIf true, suppress prompt messages.

    --rm=false:
\tIf true, delete the pod after it exits.  Only valid when attaching to the container, e.g. with '--attach' or with '-i/--stdin'.

    -i, --stdin=false:
\tKeep stdin open on the container in the pod, even if nothing is attached.

    -t, --tty=false:
\tAllocate a TTY for the container in the pod.

Usage:
  kubectl run NAME --image=image [--env=\"key=value\"] [--port=port] [--dry-run=server|client] [--overrides=inline-json] [--command] -- [COMMAND] [args...] [options]

Use \"kubectl options\" for a list of global command-line options (applies to all commands).
";

/// Flags of `kubectl run`.
pub const FLAGS: &[Flag] = &[
    value("image", None, "The image for the container to run."),
    value("port", None, "The port that this container exposes."),
    value("labels", Some('l'), "Comma separated labels to apply to the pod. Will override previous values."),
    value("env", None, "Environment variables to set in the container."),
    value("restart", None, "The restart policy for this Pod.  Legal values [Always, OnFailure, Never]."),
    switch("command", None, "If true and extra arguments are present, use them as the 'command' field in the container, rather than the 'args' field which is the default."),
    value("image-pull-policy", None, "The image pull policy for the container."),
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    switch("expose", None, "If true, create a ClusterIP service associated with the pod.  Requires `--port`."),
    switch("stdin", Some('i'), "Keep stdin open on the container in the pod, even if nothing is attached."),
    switch("tty", Some('t'), "Allocate a TTY for the container in the pod."),
    switch("rm", None, "If true, delete the pod after it exits.  Only valid when attaching to the container."),
    switch("attach", None, "If true, wait for the Pod to start running, and then attach to the Pod as if 'kubectl attach ...' were called."),
    switch("quiet", Some('q'), "If true, suppress prompt messages."),
    value("pod-running-timeout", None, "The length of time (like 5s, 2m, or 3h, higher than zero) to wait until at least one pod is running"),
];

/// Runs `kubectl run`.
pub fn run(ctx: &mut Ctx, args: &Parsed) -> Result<Exec, KubectlError> {
    let Some(image) = args.get("image").map(str::to_string) else {
        return Err(KubectlError::msg("required flag(s) \"image\" not set"));
    };
    let Some(name) = args.positionals.first().cloned() else {
        return Err(KubectlError::usage("NAME is required for run", "run"));
    };
    let pod_running_timeout_ms = match args.get("pod-running-timeout") {
        Some(text) => super::wait::parse_duration(text).map_err(|e| {
            KubectlError::flag(format!("invalid argument \"{text}\" for \"--pod-running-timeout\" flag: {e}"), "run")
        })?,
        None => 60_000,
    };
    let interactive = args.bool("stdin");
    let tty = args.bool("tty");
    if tty && !interactive {
        return Err(KubectlError::usage("-i/--stdin is required for containers with -t/--tty=true", "run"));
    }
    let attach = args.bool_or("attach", interactive);
    if args.bool("rm") && !attach {
        return Err(KubectlError::usage("--rm should only be used for attached containers", "run"));
    }
    if attach && args.get("dry-run").is_some_and(|d| d != "none") {
        return Err(KubectlError::usage("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)", "run"));
    }
    if args.bool("expose") && args.get("port").unwrap_or_default().is_empty() {
        return Err(KubectlError::usage("--port must be set when exposing a service", "run"));
    }
    let restart = args.get("restart").unwrap_or("Always").to_string();
    if !["Always", "OnFailure", "Never"].contains(&restart.as_str()) {
        return Err(KubectlError::usage(format!("invalid restart policy: {restart}"), "run"));
    }
    let labels = match args.get("labels") {
        Some(text) => parse_labels(text)?,
        None => [("run".to_string(), name.clone())].into_iter().collect(),
    };
    let mut extra: Vec<String> = args.positionals[1..].to_vec();
    extra.extend(args.after_dash.clone().unwrap_or_default());
    let (command, container_args) = if args.bool("command") { (extra, Vec::new()) } else { (Vec::new(), extra) };
    let port = container_port(args.get("port").unwrap_or_default())?;
    let container = Container {
        name: name.clone(),
        image,
        command,
        args: container_args,
        env: parse_env(&args.all("env"))?,
        ports: port.map(|p| vec![ContainerPort { container_port: p, ..Default::default() }]).unwrap_or_default(),
        image_pull_policy: args.get("image-pull-policy").unwrap_or_default().to_string(),
        resources: Some(Default::default()),
        stdin: interactive,
        tty,
        ..Default::default()
    };
    let argv: Vec<String> = container.command.iter().chain(&container.args).cloned().collect();
    let pod = Pod {
        metadata: ObjectMeta { name: name.clone(), labels: labels.clone(), ..Default::default() },
        spec: PodSpec {
            containers: vec![container],
            dns_policy: "ClusterFirst".into(),
            restart_policy: restart.clone(),
            ..Default::default()
        },
        ..Default::default()
    };
    if args.bool("expose") {
        finish(ctx, args, exposing_service(&name, &labels, port.unwrap_or_default()), KubectlError::from)?;
    }
    if !attach {
        return finish(ctx, args, Object::Pod(pod), KubectlError::from);
    }
    let mut object = Object::Pod(pod);
    object.set_type_meta();
    object.meta_mut().namespace = ctx.namespace.clone();
    let created = ctx.world.cluster.create(object)?;
    super::mutation::print_server_warnings(ctx);
    if tty && !ctx.world.stdin_is_terminal {
        ctx.out.errln("Unable to use a TTY - input is not a terminal or the right kind of file");
    }
    let request = attach::AttachRequest {
        namespace: ctx.namespace.clone(),
        name,
        argv,
        stdin: interactive,
        tty: tty && ctx.world.stdin_is_terminal,
        remove: args.bool("rm"),
        quiet: args.bool("quiet"),
        restart_policy: restart,
        pod_running_timeout_ms,
    };
    let job = attach::RunAttach::new(request, created.meta().uid.clone(), ctx.world.cluster.now());
    Ok(Exec::Job(Box::new(job)))
}

/// The Service of `kubectl run --expose --port=P`: ClusterIP, port P to target P, selecting the
/// pod's labels.
fn exposing_service(name: &str, labels: &StringMap, port: i64) -> Object {
    Object::Service(Service {
        metadata: ObjectMeta { name: name.into(), ..Default::default() },
        spec: ServiceSpec {
            ports: vec![ServicePort {
                port,
                protocol: "TCP".into(),
                target_port: Some(IntOrString::Int(port)),
                ..Default::default()
            }],
            selector: labels.clone(),
            ..Default::default()
        },
        ..Default::default()
    })
}

/// `--port` is a string flag that kubectl converts with strconv.Atoi (a Go int): empty means none.
fn container_port(text: &str) -> Result<Option<i64>, KubectlError> {
    if text.is_empty() {
        return Ok(None);
    }
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err(KubectlError::msg(format!("strconv.Atoi: parsing \"{text}\": invalid syntax")));
    }
    text.parse::<i64>()
        .map(Some)
        .map_err(|_| KubectlError::msg(format!("strconv.Atoi: parsing \"{text}\": value out of range")))
}

/// `--labels=a=b,c=d`.
fn parse_labels(text: &str) -> Result<StringMap, KubectlError> {
    let mut labels = StringMap::new();
    for part in text.split(',') {
        match part.split_once('=') {
            Some((k, v)) if !k.is_empty() => {
                labels.insert(k.to_string(), v.to_string());
            }
            _ => return Err(KubectlError::msg(format!("unexpected label spec: {part}"))),
        }
    }
    Ok(labels)
}

/// `--env K=V` (repeatable).
fn parse_env(items: &[String]) -> Result<Vec<EnvVar>, KubectlError> {
    items
        .iter()
        .map(|item| match item.split_once('=') {
            Some((k, v)) if !k.is_empty() => Ok(EnvVar { name: k.into(), value: Some(v.into()), value_from: None }),
            _ => Err(KubectlError::msg(format!("invalid env: {item}"))),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::mutation::testing::{kubectl, kubectl_args, tutorial_world};
    use crate::cluster::objects::{Kind, Object};
    use crate::world::World;

    #[test]
    fn dry_run_yaml_matches_kubectl_1_34() {
        let mut world = World::new(3);
        let ran = kubectl(&mut world, "run nginx --image=nginx --dry-run=client -o yaml");
        assert_eq!(ran.stdout, "apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    run: nginx\n  name: nginx\nspec:\n  containers:\n  - image: nginx\n    name: nginx\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Always\nstatus: {}\n");
        let ran = kubectl_args(&mut world, &["run", "x", "--image=busybox", "--port", "80", "-l", "a=b", "--env", "K=V", "--restart=Never", "--dry-run=client", "-o", "yaml", "--command", "--", "sh", "-c", "echo hi"], "");
        assert_eq!(ran.stdout, "apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n    a: b\n  name: x\nspec:\n  containers:\n  - command:\n    - sh\n    - -c\n    - echo hi\n    env:\n    - name: K\n      value: V\n    image: busybox\n    name: x\n    ports:\n    - containerPort: 80\n    resources: {}\n  dnsPolicy: ClusterFirst\n  restartPolicy: Never\nstatus: {}\n");
    }

    #[test]
    fn tutorial_run_creates_the_pod() {
        let mut world = tutorial_world();
        let ran = kubectl(&mut world, "run rickroller --image=derlin/rickroller:latest --port 8080");
        assert_eq!((ran.stdout.as_str(), ran.stderr.as_str()), ("pod/rickroller created\n", ""));
        let Some(Object::Pod(pod)) = world.cluster.get(Kind::Pod, "test", "rickroller") else { panic!("no pod") };
        assert_eq!(pod.metadata.labels.get("run").map(String::as_str), Some("rickroller"));
        assert_eq!(pod.spec.containers[0].ports[0].container_port, 8080);
        let ran = kubectl(&mut world, "run rickroller --image=derlin/rickroller:latest");
        assert_eq!(ran.stderr, "Error from server (AlreadyExists): pods \"rickroller\" already exists\n");
        let ran = kubectl(&mut world, "run x --image=nginx -n nope");
        assert_eq!(ran.stderr, "Error from server (NotFound): namespaces \"nope\" not found\n");
    }

    #[test]
    fn usage_errors() {
        let mut world = World::new(3);
        assert_eq!(kubectl(&mut world, "run x").stderr, "error: required flag(s) \"image\" not set\n");
        assert_eq!(kubectl(&mut world, "run --image=nginx").stderr, "error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n");
        assert_eq!(kubectl(&mut world, "run x --image=nginx --restart=Bad").stderr, "error: invalid restart policy: Bad\nSee 'kubectl run -h' for help and examples\n");
        assert_eq!(kubectl(&mut world, "run x --image=nginx --env=BAD").stderr, "error: invalid env: BAD\n");
        assert_eq!(kubectl(&mut world, "run x --image=busybox -t").stderr, "error: -i/--stdin is required for containers with -t/--tty=true\nSee 'kubectl run -h' for help and examples\n");
        assert_eq!(kubectl(&mut world, "run x --image=busybox --rm").stderr, "error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n");
        assert_eq!(kubectl(&mut world, "run x --image=busybox --expose").stderr, "error: --port must be set when exposing a service\nSee 'kubectl run -h' for help and examples\n");
        assert_eq!(kubectl(&mut world, "run x --image=busybox -i --dry-run=client").stderr, "error: --dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)\nSee 'kubectl run -h' for help and examples\n");
        assert_eq!(kubectl(&mut world, "run x --image=busybox -i --pod-running-timeout=abc").stderr, "error: invalid argument \"abc\" for \"--pod-running-timeout\" flag: time: invalid duration \"abc\"\nSee 'kubectl run --help' for usage.\n");
        assert_eq!(kubectl(&mut world, "run x --image=busybox --port=abc").stderr, "error: strconv.Atoi: parsing \"abc\": invalid syntax\n");
        assert_eq!(kubectl(&mut world, "run x --image=busybox --port=99999999999999999999").stderr, "error: strconv.Atoi: parsing \"99999999999999999999\": value out of range\n");
    }

    #[test]
    fn expose_creates_a_cluster_ip_service_selecting_the_pod() {
        let mut world = World::new(3);
        let ran = kubectl(&mut world, "run web --image=nginx --port=80 --expose");
        assert_eq!((ran.stdout.as_str(), ran.stderr.as_str()), ("service/web created\npod/web created\n", ""));
        let Some(Object::Service(svc)) = world.cluster.get(Kind::Service, "default", "web") else { panic!("no service") };
        assert_eq!(svc.spec.type_, "ClusterIP");
        assert_eq!(svc.spec.selector.get("run").map(String::as_str), Some("web"));
        assert_eq!((svc.spec.ports[0].port, svc.spec.ports[0].protocol.as_str()), (80, "TCP"));
    }
}
