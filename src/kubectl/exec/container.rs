//! Commands run inside a simulated container by `kubectl exec`: what the image has on its PATH
//! (busybox applets, a Debian userland, or nothing in scratch images), a small filesystem
//! (/etc/hostname, /etc/resolv.conf, /etc/hosts, nginx's pages, pod volumes), `wget`, `curl` and
//! `nslookup` into the cluster network.

use crate::cluster::apps::NGINX_WELCOME;
use crate::cluster::network::client;
use crate::cluster::network::{dns, volumes, Origin};
use crate::cluster::objects::pod::Container;
use crate::cluster::objects::{Kind, Object, Pod};
use crate::cluster::Cluster;

/// What a command inside the container printed and returned.
#[derive(Debug, Default)]
pub struct Ran {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
    /// The command does not exist in the image: the runtime refuses to start it.
    pub not_found: Option<String>,
    /// Virtual time the command hangs (a connection timing out) before it ends.
    pub wait_ms: i64,
    /// What it prints to stderr at the end of that wait.
    pub late_stderr: String,
}

/// The userland an image ships.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Userland {
    /// busybox applets (busybox, alpine, the ingress-nginx controller).
    Busybox,
    /// A Debian userland; `curl` says whether curl is installed.
    Debian { curl: bool },
    /// A single static binary, no shell.
    Scratch,
}

pub(super) fn userland(image: &str) -> Userland {
    let reference = crate::cluster::images::parse_ref(image);
    let repo = reference.repository;
    match repo.as_str() {
        "busybox" | "alpine" => Userland::Busybox,
        "nginx" | "httpd" | "redis" | "python" | "node" if reference.tag.contains("alpine") => Userland::Busybox,
        r if r.contains("ingress-nginx/controller") => Userland::Busybox,
        "nginx" => Userland::Debian { curl: true },
        "registry.k8s.io/nginx-slim" => Userland::Debian { curl: false },
        "derlin/rickroller" | "httpd" | "python" | "node" | "ubuntu" | "redis" | "postgres" | "mysql" | "mongo" => Userland::Debian { curl: false },
        _ => Userland::Scratch,
    }
}

/// The user an image's processes run as, and its working directory: root in `/` except for
/// images that switch (the ingress controller runs as `www-data` in `/etc/nginx`).
pub(super) fn image_user(image: &str) -> (&'static str, &'static str) {
    let repo = crate::cluster::images::parse_ref(image).repository;
    match repo.as_str() {
        r if r.contains("ingress-nginx/controller") => ("www-data", "/etc/nginx"),
        _ => ("root", "/"),
    }
}

/// Whether `argv` starts an interactive shell (`sh`, `bash`, `/bin/sh`: a shell without `-c`).
pub fn is_interactive_shell(argv: &[String]) -> bool {
    let Some(name) = argv.first() else { return false };
    let base = name.rsplit('/').next().unwrap_or(name);
    matches!(base, "sh" | "ash" | "bash") && !argv.iter().any(|a| a == "-c")
}

fn has_command(land: Userland, name: &str) -> bool {
    if DATABASE_CLIENTS.contains(&name.rsplit('/').next().unwrap_or(name)) && land != Userland::Scratch {
        return true;
    }
    const COMMON: &[&str] = &["sh", "touch", "cat", "ls", "env", "printenv", "hostname", "echo", "true", "false", "pwd", "id", "whoami", "uname"];
    let base = name.rsplit('/').next().unwrap_or(name);
    match land {
        Userland::Scratch => false,
        Userland::Busybox => COMMON.contains(&base) || matches!(base, "ash" | "wget" | "nslookup"),
        Userland::Debian { curl } => COMMON.contains(&base) || base == "bash" || (curl && base == "curl"),
    }
}

/// Database clients: present in their database image (checked again when they run).
const DATABASE_CLIENTS: &[&str] = &["psql", "pg_isready", "mysql", "mysqladmin", "redis-cli", "mongosh", "mongo"];

/// Runs `argv` in `container` of `pod`.
pub fn run(cluster: &mut Cluster, pod: &Pod, container: &Container, argv: &[String]) -> Ran {
    let land = userland(&container.image);
    let Some(name) = argv.first() else { return Ran::default() };
    let missing_client = DATABASE_CLIENTS.contains(&name.rsplit('/').next().unwrap_or(name)) && !crate::cluster::apps::databases::has_client(&container.image, name);
    if !has_command(land, name) || missing_client {
        return Ran { not_found: Some(name.clone()), ..Default::default() };
    }
    if let Some(client) = crate::cluster::apps::databases::run_client(cluster, pod, container, argv) {
        return Ran { stdout: client.stdout, stderr: client.stderr, code: client.code, ..Default::default() };
    }
    let base = name.rsplit('/').next().unwrap_or(name).to_string();
    let mut ran = Ran::default();
    match base.as_str() {
        "sh" | "ash" | "bash" => {
            let Some(script) = argv.iter().position(|a| a == "-c").and_then(|i| argv.get(i + 1)) else { return ran };
            for statement in script.split([';', '\n']).flat_map(|s| s.split("&&")) {
                let words = split_words(statement);
                if words.is_empty() {
                    continue;
                }
                if !has_command(land, &words[0]) {
                    let not_found = if base == "bash" { "command not found" } else { "not found" };
                    ran.stderr.push_str(&format!("{base}: {}: {not_found}\n", words[0]));
                    ran.code = 127;
                    continue;
                }
                let (words, redirect) = split_redirect(words);
                let inner = run(cluster, pod, container, &words);
                match redirect {
                    Some((path, append)) => redirect_output(cluster, pod, container, &path, append, &inner.stdout),
                    None => ran.stdout.push_str(&inner.stdout),
                }
                ran.stderr.push_str(&inner.stderr);
                ran.stderr.push_str(&inner.late_stderr);
                ran.wait_ms += inner.wait_ms;
                ran.code = inner.code;
            }
        }
        "cat" => {
            for path in argv.iter().skip(1).filter(|a| !a.starts_with('-')) {
                match read_file(cluster, pod, container, path) {
                    Some(text) => ran.stdout.push_str(&text),
                    None => {
                        ran.stderr.push_str(&format!("cat: {path}: No such file or directory\n"));
                        ran.code = 1;
                    }
                }
            }
        }
        "ls" => {
            let dir = argv.iter().skip(1).find(|a| !a.starts_with('-')).cloned().unwrap_or_else(|| "/".into());
            match list_dir(cluster, pod, container, &dir) {
                Some(entries) => {
                    for e in entries {
                        ran.stdout.push_str(&e);
                        ran.stdout.push('\n');
                    }
                }
                None => {
                    ran.stderr.push_str(&format!("ls: {dir}: No such file or directory\n"));
                    ran.code = if land == Userland::Busybox { 1 } else { 2 };
                }
            }
        }
        "printenv" if argv.len() > 1 => {
            let env = environment(cluster, pod, container);
            for name in &argv[1..] {
                match env.iter().rev().find(|(k, _)| k == name) {
                    Some((_, v)) => ran.stdout.push_str(&format!("{v}\n")),
                    None => ran.code = 1,
                }
            }
        }
        "env" | "printenv" => {
            for (k, v) in environment(cluster, pod, container) {
                ran.stdout.push_str(&format!("{k}={v}\n"));
            }
        }
        "touch" => {
            for path in argv.iter().skip(1).filter(|a| !a.starts_with('-')) {
                if volumes::is_mounted(container, path) && volumes::read(cluster, pod, container, path).is_none() {
                    volumes::write(cluster, pod, container, path, "");
                }
            }
        }
        "hostname" => ran.stdout = format!("{}\n", pod.metadata.name),
        "echo" => ran.stdout = format!("{}\n", argv[1..].join(" ")),
        "true" | "pwd" => ran.stdout = if base == "pwd" { "/\n".into() } else { String::new() },
        "false" => ran.code = 1,
        "id" => ran.stdout = "uid=0(root) gid=0(root) groups=0(root)\n".into(),
        "whoami" => ran.stdout = "root\n".into(),
        "uname" => ran.stdout = if argv.iter().any(|a| a == "-a") { format!("Linux {} 6.8.0-64-generic #67-Ubuntu SMP x86_64 GNU/Linux\n", pod.metadata.name) } else { "Linux\n".into() },
        "wget" | "curl" => {
            let origin = Origin::Pod { namespace: pod.metadata.namespace.clone(), name: pod.metadata.name.clone() };
            let result = if base == "wget" { client::busybox_wget(cluster, &origin, argv) } else { client::curl(cluster, &origin, argv) };
            for (path, text) in result.files {
                if volumes::is_mounted(container, &path) {
                    volumes::append_line(cluster, pod, container, &path, text.trim_end_matches('\n'));
                }
            }
            ran.late_stderr = result.later.iter().map(|(_, text)| text.as_str()).collect();
            ran.wait_ms = result.wait_ms;
            ran.stdout = result.stdout;
            ran.stderr = result.stderr;
            ran.code = result.code;
        }
        "nslookup" => nslookup(cluster, pod, argv, &mut ran),
        _ => {}
    }
    ran
}

/// Takes a `> FILE` / `>> FILE` redirection (also written `>FILE`) off a command's words.
fn split_redirect(words: Vec<String>) -> (Vec<String>, Option<(String, bool)>) {
    let Some(at) = words.iter().position(|w| w.starts_with('>')) else { return (words, None) };
    let operator = &words[at];
    let append = operator.starts_with(">>");
    let inline = operator.trim_start_matches('>');
    let (path, used) = if inline.is_empty() { (words.get(at + 1).cloned().unwrap_or_default(), 2) } else { (inline.to_string(), 1) };
    let mut rest = words.clone();
    rest.drain(at..(at + used).min(words.len()));
    (rest, Some((path, append)))
}

/// Writes a command's output to a file in a mounted volume (files elsewhere are not kept).
fn redirect_output(cluster: &mut Cluster, pod: &Pod, container: &Container, path: &str, append: bool, output: &str) {
    if !volumes::is_mounted(container, path) {
        return;
    }
    let before = if append { volumes::read(cluster, pod, container, path).unwrap_or_default() } else { String::new() };
    volumes::write(cluster, pod, container, path, &format!("{before}{output}"));
}

/// Splits a shell statement into words, honouring single and double quotes.
fn split_words(statement: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut quote = None;
    let mut started = false;
    for c in statement.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => current.push(c),
            None if c == '\'' || c == '"' => {
                quote = Some(c);
                started = true;
            }
            None if c.is_whitespace() => {
                if started || !current.is_empty() {
                    words.push(std::mem::take(&mut current));
                }
                started = false;
            }
            None => current.push(c),
        }
    }
    if started || !current.is_empty() {
        words.push(current);
    }
    words
}

/// busybox nslookup against the cluster DNS.
fn nslookup(cluster: &Cluster, pod: &Pod, argv: &[String], ran: &mut Ran) {
    let Some(name) = argv.iter().skip(1).find(|a| !a.starts_with('-')) else {
        ran.stderr = "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n".into();
        ran.code = 1;
        return;
    };
    ran.stdout = format!("Server:\t\t{}\nAddress:\t{}:53\n\n", dns::NAMESERVER, dns::NAMESERVER);
    match dns::resolve(cluster, &pod.metadata.namespace, name) {
        Some((fqdn, ips)) => {
            for ip in ips {
                ran.stdout.push_str(&format!("Name:\t{fqdn}\nAddress: {ip}\n"));
            }
            ran.stdout.push('\n');
        }
        None => {
            ran.stdout.push_str(&format!("** server can't find {name}: NXDOMAIN\n\n"));
            ran.code = 1;
        }
    }
}

/// The environment a process in the container sees: PATH, HOSTNAME, the container's variables
/// and the service variables of the services that existed when the pod started.
pub fn environment(cluster: &Cluster, pod: &Pod, container: &Container) -> Vec<(String, String)> {
    let mut env = vec![
        ("PATH".to_string(), "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin".to_string()),
        ("HOSTNAME".to_string(), pod.metadata.name.clone()),
    ];
    match cluster.kubelet.container_env(&pod.metadata.uid, &container.name) {
        Some(started_with) => env.extend(started_with.iter().cloned()),
        None => env.extend(container.env.iter().filter_map(|e| e.value.clone().map(|v| (e.name.clone(), v)))),
    }
    let mut services: Vec<(String, String, i64)> = Vec::new();
    for namespace in [pod.metadata.namespace.as_str(), "default"] {
        for o in cluster.store.list(Kind::Service, Some(namespace)) {
            let Object::Service(s) = o else { continue };
            let visible = if namespace == "default" && pod.metadata.namespace != "default" { s.metadata.name == "kubernetes" } else { true };
            let existed = s.metadata.creation_timestamp <= pod.metadata.creation_timestamp;
            if visible && existed && !s.is_headless() {
                if let Some(port) = s.spec.ports.first() {
                    services.push((s.metadata.name.clone(), s.spec.cluster_ip.clone(), port.port));
                }
            }
        }
    }
    services.sort();
    services.dedup();
    for (name, ip, port) in services {
        let prefix = name.to_ascii_uppercase().replace('-', "_");
        env.push((format!("{prefix}_SERVICE_HOST"), ip.clone()));
        env.push((format!("{prefix}_SERVICE_PORT"), port.to_string()));
        env.push((format!("{prefix}_PORT"), format!("tcp://{ip}:{port}")));
        env.push((format!("{prefix}_PORT_{port}_TCP"), format!("tcp://{ip}:{port}")));
        env.push((format!("{prefix}_PORT_{port}_TCP_PROTO"), "tcp".into()));
        env.push((format!("{prefix}_PORT_{port}_TCP_PORT"), port.to_string()));
        env.push((format!("{prefix}_PORT_{port}_TCP_ADDR"), ip));
    }
    env.push(("HOME".to_string(), "/root".to_string()));
    env
}

/// The kubelet-managed /etc/hosts.
pub(super) fn hosts_file(pod: &Pod) -> String {
    format!(
        "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n{}\t{}\n",
        pod.status.pod_ip, pod.metadata.name
    )
}

fn read_file(cluster: &Cluster, pod: &Pod, container: &Container, path: &str) -> Option<String> {
    if volumes::is_mounted(container, path) {
        return volumes::read(cluster, pod, container, path);
    }
    let repo = crate::cluster::images::parse_ref(&container.image).repository;
    match path {
        "/etc/hostname" => Some(format!("{}\n", pod.metadata.name)),
        "/etc/resolv.conf" => Some(dns::resolv_conf(&pod.metadata.namespace)),
        "/etc/hosts" => Some(hosts_file(pod)),
        "/usr/share/nginx/html/index.html" if repo == "nginx" => Some(NGINX_WELCOME.to_string()),
        "/etc/nginx/nginx.conf" if repo.contains("ingress-nginx/controller") => Some(controller_nginx_conf(cluster)),
        _ => None,
    }
}

/// The controller's nginx.conf, generated from the Ingresses by the ingress module.
fn controller_nginx_conf(cluster: &Cluster) -> String {
    crate::cluster::network::ingress::nginx_conf(cluster)
}

fn list_dir(cluster: &Cluster, pod: &Pod, container: &Container, dir: &str) -> Option<Vec<String>> {
    if volumes::is_mounted(container, dir) {
        return volumes::list(cluster, pod, container, dir);
    }
    let entries: &[&str] = match dir.trim_end_matches('/') {
        "" => &["bin", "dev", "etc", "home", "lib", "proc", "root", "run", "sys", "tmp", "usr", "var"],
        "/etc" => &["hostname", "hosts", "passwd", "resolv.conf"],
        "/usr/share/nginx/html" if crate::cluster::images::parse_ref(&container.image).repository == "nginx" => &["50x.html", "index.html"],
        _ => return None,
    };
    Some(entries.iter().map(|s| s.to_string()).collect())
}
