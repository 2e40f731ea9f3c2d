//! The programs of a container's image, for the console's shell running inside the container
//! (`kubectl exec -it POD -- sh`, `kubectl exec POD -- sh -c '...'`). The console's parser, pipes,
//! `$?`, `&&`/`||`, variables and text filters are reused as they are; this module decides which
//! programs exist in the image (busybox or Debian), answers the ones that depend on the container
//! (`hostname`, `ps`, `ls`, `cd`, `wget`, ...) and builds the container's filesystem that the
//! console's file commands see while the container shell runs.

use super::container::{self, image_user, userland, Userland};
use crate::cluster::apps::NGINX_WELCOME;
use crate::cluster::network::{dns, volumes};
use crate::cluster::objects::pod::Container;
use crate::cluster::objects::{Pod, Time};
use crate::cluster::Cluster;
use crate::job::{Exec, Job};
use crate::output::{Output, Stream};
use crate::shell::builtins::{run_console_program, Ctx, Userland as ShellUserland};
use crate::vfs::Vfs;
use crate::world::World;

/// Shell builtins: present whatever the image (the shell itself provides them).
const SHELL_BUILTINS: &[&str] =
    &["cd", "pwd", "echo", "printf", "export", "unset", "true", "false", "exit", ":", "test", "[", "break", "continue", "kill", "jobs", "alias", "unalias"];

/// Programs both busybox and a Debian userland ship.
const COMMON_PROGRAMS: &[&str] = &[
    "sh", "cat", "ls", "mkdir", "rm", "touch", "env", "printenv", "hostname", "head", "tail", "wc", "sort", "uniq", "cut", "tr", "sed",
    "awk", "grep", "egrep", "date", "base64", "seq", "sleep", "timeout", "id", "whoami", "uname", "clear",
];

/// The image's programs, bound to one container of one pod.
pub struct ImageUserland {
    pub pod: Pod,
    pub container: Container,
    /// The shell's name (`sh`, `bash`), which prefixes its error messages.
    pub shell: String,
    /// Whether a shell process runs (false for `kubectl exec POD -- ps`, which runs alone).
    pub shell_process: bool,
    /// The names of the container's environment in the order the runtime set them, which `env`
    /// keeps (variables the shell exports later come after).
    pub env_order: Vec<String>,
    /// How many lines the shell has read: Debian's `sh` (dash) names the line in its errors.
    pub lines_read: std::rc::Rc<std::cell::Cell<usize>>,
}

/// Whether the image of `container` has the program `name` (a path like `/bin/ls` counts by its
/// last part).
pub fn has_program(image: &str, name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    let land = userland(image);
    if land == Userland::Scratch {
        return false;
    }
    if SHELL_BUILTINS.contains(&base) || COMMON_PROGRAMS.contains(&base) || crate::cluster::apps::databases::has_client(image, base) {
        return true;
    }
    match land {
        Userland::Busybox => matches!(base, "ash" | "ps" | "wget" | "nslookup"),
        // rickroller's image is built FROM python:3.9-alpine: busybox's ps is there.
        Userland::Debian { .. } if base == "ps" => crate::cluster::images::parse_ref(image).repository == "derlin/rickroller",
        Userland::Debian { curl } => base == "bash" || (curl && base == "curl"),
        Userland::Scratch => false,
    }
}

/// How a one-shot `kubectl exec POD -- COMMAND` runs through the container's shell: `sh -c
/// SCRIPT` as the shell and its script, another program of the image as a one-command script
/// with no shell name (no shell process runs then). `None` for what the runtime itself must refuse or start (missing programs, a shell
/// without `-c`).
pub fn as_shell_script(image: &str, argv: &[String]) -> Option<(String, String)> {
    let first = argv.first()?;
    if !has_program(image, first) {
        return None;
    }
    let base = first.rsplit('/').next().unwrap_or(first);
    if matches!(base, "sh" | "ash" | "bash") {
        let at = argv.iter().position(|a| a == "-c")?;
        return Some((base.to_string(), argv.get(at + 1).cloned().unwrap_or_default()));
    }
    let quoted: Vec<String> = argv.iter().map(|word| quote(word)).collect();
    Some((String::new(), quoted.join(" ")))
}

/// A word quoted for the shell so that it stays one word, as typed.
fn quote(word: &str) -> String {
    let plain = !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || "-_./:=,@%+".contains(c));
    if plain {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', "'\\''"))
    }
}

impl ShellUserland for ImageUserland {
    fn run(&self, ctx: &mut Ctx, argv: &[String]) -> Exec {
        let Some(name) = argv.first() else { return Exec::Done(0) };
        let base = name.rsplit('/').next().unwrap_or(name).to_string();
        if !has_program(&self.container.image, &base) {
            let message = match (self.shell.as_str(), userland(&self.container.image)) {
                ("bash", _) => format!("bash: {name}: command not found"),
                (_, Userland::Debian { .. }) => format!("sh: {}: {name}: not found", self.lines_read.get().max(1)),
                _ => format!("sh: {name}: not found"),
            };
            ctx.out.errln(message);
            return Exec::Done(127);
        }
        let mut argv = argv.to_vec();
        argv[0] = base.clone();
        match base.as_str() {
            "hostname" if argv.get(1).is_some_and(|a| a == "-i") => {
                ctx.out.outln(&self.pod.status.pod_ip);
                Exec::Done(0)
            }
            "hostname" => {
                ctx.out.outln(&self.pod.metadata.name);
                Exec::Done(0)
            }
            "ps" => {
                ctx.out.out(process_list(&self.container, self.shell_process.then_some(self.shell.as_str())));
                Exec::Done(0)
            }
            "ls" => Exec::Done(list(ctx, &argv, &self.container.image)),
            "cd" => Exec::Done(change_dir(ctx, &argv, &self.shell)),
            "printenv" => Exec::Done(printenv(ctx, &argv, &self.env_order)),
            "env" if argv.len() == 1 => Exec::Done(printenv(ctx, &argv, &self.env_order)),
            "sh" | "ash" | "bash" if argv.iter().any(|a| a == "-c") => run_console_program(ctx, &["bash".to_string()].into_iter().chain(argv[1..].iter().cloned()).collect::<Vec<_>>()).unwrap_or(Exec::Done(0)),
            // A nested interactive shell reads the same terminal: it ends at once here.
            "sh" | "ash" | "bash" => Exec::Done(0),
            "wget" | "curl" | "nslookup" | "id" | "whoami" | "uname" => self.run_in_container(ctx, &argv),
            _ if crate::cluster::apps::databases::has_client(&self.container.image, &base) => self.run_in_container(ctx, &argv),
            _ => run_console_program(ctx, &argv).unwrap_or(Exec::Done(0)),
        }
    }
}

impl ImageUserland {
    /// Runs a program the container module simulates (network clients, identity commands).
    fn run_in_container(&self, ctx: &mut Ctx, argv: &[String]) -> Exec {
        let ran = container::run(&mut ctx.world.cluster, &self.pod, &self.container, argv);
        ctx.out.out(&ran.stdout);
        if !ran.stderr.is_empty() {
            ctx.out.push(Stream::Stderr, &ran.stderr);
        }
        if ran.wait_ms > 0 {
            let until = ctx.world.cluster.now().plus_ms(ran.wait_ms);
            return Exec::Job(Box::new(Hanging { until, late_stderr: ran.late_stderr, code: ran.code }));
        }
        if !ran.late_stderr.is_empty() {
            ctx.out.push(Stream::Stderr, &ran.late_stderr);
        }
        Exec::Done(ran.code)
    }
}

/// A program waiting on the network (a `wget` to an address nobody answers) inside the
/// container's shell: it prints its error once virtual time reaches `until`.
struct Hanging {
    until: Time,
    late_stderr: String,
    code: i32,
}

impl Job for Hanging {
    fn poll(&mut self, world: &mut World, out: &mut Output) -> Option<i32> {
        if world.cluster.now() < self.until {
            return None;
        }
        if !self.late_stderr.is_empty() {
            out.push(Stream::Stderr, &std::mem::take(&mut self.late_stderr));
        }
        Some(self.code)
    }

    fn deadline(&self) -> Option<Time> {
        Some(self.until)
    }
}

/// `ls [-l] [-a] [PATH...]` on the container's filesystem, one name per line (as when piped), with
/// root-owned long entries.
fn list(ctx: &mut Ctx, argv: &[String], image: &str) -> i32 {
    let flags: String = argv[1..].iter().filter(|a| a.starts_with('-')).flat_map(|a| a.chars().skip(1)).collect();
    let mut paths: Vec<String> = argv[1..].iter().filter(|a| !a.starts_with('-')).cloned().collect();
    if paths.is_empty() {
        paths.push(".".into());
    }
    let busybox = userland(image) == Userland::Busybox;
    let many = paths.len() > 1;
    let mut status = 0;
    for (i, path) in paths.iter().enumerate() {
        let fs = &ctx.world.fs;
        let entries: Vec<(String, Option<usize>)> = if let Some(text) = fs.read(path) {
            vec![(path.clone(), Some(text.len()))]
        } else if fs.is_dir(path) {
            let dir = fs.resolve(path);
            fs.list(&dir)
                .into_iter()
                .filter(|n| flags.contains('a') || !n.starts_with('.'))
                .map(|n| {
                    let name = n.trim_end_matches('/').to_string();
                    let size = fs.read(&format!("{}/{name}", dir.trim_end_matches('/'))).map(str::len);
                    (name, size)
                })
                .collect()
        } else {
            let message = if busybox { format!("ls: {path}: No such file or directory") } else { format!("ls: cannot access '{path}': No such file or directory") };
            ctx.out.errln(message);
            status = if busybox { 1 } else { 2 };
            continue;
        };
        if many && fs.is_dir(path) {
            ctx.out.outln(format!("{}{path}:", if i > 0 { "\n" } else { "" }));
        }
        if flags.contains('l') && fs.is_dir(path) && !busybox {
            ctx.out.outln(format!("total {}", entries.len() * 4));
        }
        for (name, size) in entries {
            if flags.contains('l') {
                let (mode, links, size) = match size {
                    Some(size) => ("-rw-r--r--", 1, size),
                    None => ("drwxr-xr-x", 2, 4096),
                };
                if busybox {
                    ctx.out.outln(format!("{mode}    {links} root     root     {size:>9} Oct  6 09:00 {name}"));
                } else {
                    ctx.out.outln(format!("{mode} {links} root root {size:>4} Oct  6 09:00 {name}"));
                }
            } else {
                ctx.out.outln(name);
            }
        }
    }
    status
}

/// `cd [DIR]`: `$HOME` without an argument; busybox and bash word their errors differently.
fn change_dir(ctx: &mut Ctx, argv: &[String], shell: &str) -> i32 {
    let target = argv.get(1).cloned().unwrap_or_else(|| ctx.sh.vars.get("HOME").cloned().unwrap_or_else(|| "/".into()));
    if ctx.world.fs.set_cwd(&target) {
        return 0;
    }
    let reason = if ctx.world.fs.read(&target).is_some() { "Not a directory" } else { "No such file or directory" };
    if shell == "bash" {
        ctx.out.errln(format!("bash: cd: {target}: {reason}"));
    } else {
        ctx.out.errln(format!("sh: cd: can't cd to {target}: {reason}"));
    }
    if shell == "bash" {
        1
    } else {
        2
    }
}

/// `printenv [NAME...]` and a bare `env`: the whole environment (in the runtime's order, then
/// what the shell exported), or the named values (status 1 if one is unset).
fn printenv(ctx: &mut Ctx, argv: &[String], order: &[String]) -> i32 {
    if argv.len() == 1 {
        let known = order.iter().filter(|name| ctx.env.contains_key(*name));
        let added = ctx.env.keys().filter(|name| !order.contains(name));
        let names: Vec<String> = known.chain(added).cloned().collect();
        for name in names {
            let value = ctx.env.get(&name).cloned().unwrap_or_default();
            ctx.out.outln(format!("{name}={value}"));
        }
        return 0;
    }
    let mut status = 0;
    for name in &argv[1..] {
        match ctx.env.get(name) {
            Some(value) => ctx.out.outln(value),
            None => status = 1,
        }
    }
    status
}

/// busybox `ps`: the container's main process tree, the shell and `ps` itself.
fn process_list(container: &Container, shell: Option<&str>) -> String {
    let (user, _) = image_user(&container.image);
    let repo = crate::cluster::images::parse_ref(&container.image).repository;
    let main: Vec<(&str, String)> = if repo.contains("ingress-nginx/controller") {
        let controller = String::from("/nginx-ingress-controller --election-id=ingress-nginx-leader --controller-class=k8s.io/ingress-nginx --ingress-class=nginx --configmap=ingress-nginx/ingress-nginx-controller --validating-webhook=:8443 --validating-webhook-certificate=/usr/local/certificates/cert --validating-webhook-key=/usr/local/certificates/key --publish-status-address=localhost");
        vec![
            ("0:00", format!("/usr/bin/dumb-init -- {controller}")),
            ("0:03", controller),
            ("0:00", "nginx: master process /usr/bin/nginx -c /etc/nginx/nginx.conf".into()),
            ("0:00", "nginx: worker process".into()),
            ("0:00", "nginx: worker process".into()),
            ("0:00", "nginx: cache manager process".into()),
        ]
    } else if repo == "derlin/rickroller" {
        let gunicorn = "{gunicorn} /usr/local/bin/python /app/.venv/bin/gunicorn --workers 1 --preload --bind :8080 rickroll:app".to_string();
        vec![("0:00", gunicorn.clone()), ("0:00", gunicorn)]
    } else if repo == "nginx" {
        vec![("0:00", "nginx: master process nginx -g daemon off;".into()), ("0:00", "nginx: worker process".into()), ("0:00", "nginx: worker process".into())]
    } else {
        let mut argv: Vec<String> = container.command.iter().chain(container.args.iter()).cloned().collect();
        if argv.is_empty() {
            argv.push("sh".into());
        }
        vec![("0:00", argv.join(" "))]
    };
    let mut text = "PID   USER     TIME  COMMAND\n".to_string();
    let mut pid = 1;
    for (i, (time, command)) in main.iter().enumerate() {
        let owner = if repo == "nginx" && i > 0 { "nginx" } else { user };
        text.push_str(&format!("{pid:>5} {owner:<8} {time:>5} {command}\n"));
        pid += if i == 0 { 6 } else { 1 };
    }
    let mut next = pid + 12;
    if let Some(shell) = shell {
        text.push_str(&format!("{next:>5} {user:<8} {:>5} {shell}\n", "0:00"));
        next += 6;
    }
    text.push_str(&format!("{next:>5} {user:<8} {:>5} ps\n", "0:00"));
    text
}

/// The directories every image has at its root.
const ROOT_DIRS: &[&str] = &["/bin", "/dev", "/etc", "/home", "/lib", "/proc", "/root", "/run", "/sys", "/tmp", "/usr", "/var", "/var/log", "/usr/bin"];

/// The content of the volume files as copied into the shell's filesystem, by path: what the
/// shell's own commands changed is what differs from it afterwards.
pub type VolumeSnapshot = std::collections::BTreeMap<String, String>;

/// Writes the container's files into `fs`: the kubelet-managed ones, the image's own, and the
/// current content of its volumes. Called before each command line, so what other containers
/// wrote into a shared volume shows up.
pub fn refresh_files(fs: &mut Vfs, cluster: &Cluster, pod: &Pod, container: &Container) -> VolumeSnapshot {
    let mut snapshot = VolumeSnapshot::new();
    for dir in ROOT_DIRS {
        fs.mkdir(dir);
    }
    let (user, workdir) = image_user(&container.image);
    fs.mkdir(workdir);
    if user != "root" {
        fs.mkdir(&format!("/home/{user}"));
    }
    fs.write("/etc/hostname", &format!("{}\n", pod.metadata.name));
    fs.write("/etc/resolv.conf", &dns::resolv_conf(&pod.metadata.namespace));
    fs.write("/etc/hosts", &container::hosts_file(pod));
    fs.write("/etc/passwd", &passwd(user));
    let repo = crate::cluster::images::parse_ref(&container.image).repository;
    if repo == "nginx" {
        fs.write("/usr/share/nginx/html/index.html", NGINX_WELCOME);
        fs.write("/usr/share/nginx/html/50x.html", NGINX_ERROR_PAGE);
        fs.write("/etc/nginx/nginx.conf", NGINX_CONF);
        fs.write("/etc/nginx/conf.d/default.conf", NGINX_DEFAULT_SITE);
        fs.mkdir("/var/log/nginx");
    }
    if repo.contains("ingress-nginx/controller") {
        fs.write("/etc/nginx/nginx.conf", &crate::cluster::network::ingress::nginx_conf(cluster));
    }
    if repo == "derlin/rickroller" {
        for file in ["__init__.py", "app.py", "rickroll.py"] {
            fs.write(&format!("/app/rickroll/{file}"), "");
        }
    }
    for mount in &container.volume_mounts {
        fs.mkdir(&mount.mount_path);
        copy_volume_dir(fs, &mut snapshot, cluster, pod, container, &mount.mount_path, 0);
    }
    snapshot
}

/// Copies the files under `dir` of a mounted volume into `fs` (a few levels deep).
fn copy_volume_dir(fs: &mut Vfs, snapshot: &mut VolumeSnapshot, cluster: &Cluster, pod: &Pod, container: &Container, dir: &str, depth: usize) {
    if depth > 4 {
        return;
    }
    for name in volumes::list(cluster, pod, container, dir).unwrap_or_default() {
        let path = format!("{}/{}", dir.trim_end_matches('/'), name.trim_end_matches('/'));
        match volumes::read(cluster, pod, container, &path) {
            Some(text) => {
                fs.write(&path, &text);
                snapshot.insert(path, text);
            }
            None => {
                fs.mkdir(&path);
                copy_volume_dir(fs, snapshot, cluster, pod, container, &path, depth + 1);
            }
        }
    }
}

/// Writes back what the shell's commands changed under the container's volume mounts (files
/// that differ from `before`), so other containers sharing the volume (and later pods using a
/// claim) see it; what programs wrote straight into the volume meanwhile is kept.
pub fn save_volume_files(fs: &Vfs, before: &VolumeSnapshot, cluster: &mut Cluster, pod: &Pod, container: &Container) {
    for mount in &container.volume_mounts {
        save_dir(fs, before, cluster, pod, container, &mount.mount_path, 0);
    }
}

fn save_dir(fs: &Vfs, before: &VolumeSnapshot, cluster: &mut Cluster, pod: &Pod, container: &Container, dir: &str, depth: usize) {
    if depth > 4 {
        return;
    }
    for name in fs.list(dir) {
        let path = format!("{}/{}", dir.trim_end_matches('/'), name.trim_end_matches('/'));
        match fs.read(&path) {
            Some(text) => {
                if before.get(&path).map(String::as_str) != Some(text) {
                    volumes::write(cluster, pod, container, &path, text);
                }
            }
            None => save_dir(fs, before, cluster, pod, container, &path, depth + 1),
        }
    }
}

fn passwd(user: &str) -> String {
    let mut text = "root:x:0:0:root:/root:/bin/sh\ndaemon:x:1:1:daemon:/usr/sbin:/bin/false\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n".to_string();
    match user {
        "app" => text.push_str("app:x:100:101:Linux User,,,:/home/app:/sbin/nologin\n"),
        "www-data" => text.push_str("www-data:x:101:101:www-data:/home/www-data:/sbin/nologin\n"),
        _ => {}
    }
    text
}

/// The prompt of an interactive `shell` whose working directory is `cwd`: Debian's bash shows
/// `root@<pod>:<dir># `, its `sh` (dash) a bare `# `, busybox's `<dir> # ` (`$` for a user
/// other than root); the home directory shows as `~`.
pub fn prompt(container: &Container, pod: &Pod, shell: &str, cwd: &str, home: &str) -> String {
    let (user, _) = image_user(&container.image);
    let dir = match cwd.strip_prefix(home) {
        Some(rest) if !home.is_empty() && home != "/" && (rest.is_empty() || rest.starts_with('/')) => format!("~{rest}"),
        _ => cwd.to_string(),
    };
    let sign = if user == "root" { '#' } else { '$' };
    match userland(&container.image) {
        Userland::Debian { .. } if shell == "bash" => format!("{user}@{}:{dir}{sign} ", pod.metadata.name),
        Userland::Debian { .. } => format!("{sign} "),
        _ => format!("{dir} {sign} "),
    }
}

/// The 50x page of the nginx image.
const NGINX_ERROR_PAGE: &str = "<!DOCTYPE html>\n<html>\n<head>\n<title>Error</title>\n</head>\n<body>\n<h1>An error occurred.</h1>\n<p>Sorry, the page you are looking for is currently unavailable.<br/>\nPlease try again later.</p>\n</body>\n</html>\n";

/// The nginx image's main configuration.
const NGINX_CONF: &str = "\nuser  nginx;\nworker_processes  auto;\n\nerror_log  /var/log/nginx/error.log notice;\npid        /run/nginx.pid;\n\n\nevents {\n    worker_connections  1024;\n}\n\n\nhttp {\n    include       /etc/nginx/mime.types;\n    default_type  application/octet-stream;\n\n    log_format  main  '$remote_addr - $remote_user [$time_local] \"$request\" '\n                      '$status $body_bytes_sent \"$http_referer\" '\n                      '\"$http_user_agent\" \"$http_x_forwarded_for\"';\n\n    access_log  /var/log/nginx/access.log  main;\n\n    sendfile        on;\n    #tcp_nopush     on;\n\n    keepalive_timeout  65;\n\n    #gzip  on;\n\n    include /etc/nginx/conf.d/*.conf;\n}\n";

/// The nginx image's default site.
const NGINX_DEFAULT_SITE: &str = "server {\n    listen       80;\n    listen  [::]:80;\n    server_name  localhost;\n\n    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n\n    # redirect server error pages to the static page /50x.html\n    error_page   500 502 503 504  /50x.html;\n    location = /50x.html {\n        root   /usr/share/nginx/html;\n    }\n}\n";

#[cfg(test)]
mod tests {
    use super::*;

    fn container(image: &str) -> Container {
        Container { name: "c".into(), image: image.into(), ..Default::default() }
    }

    fn pod(name: &str) -> Pod {
        let mut pod = Pod::default();
        pod.metadata.name = name.into();
        pod
    }

    #[test]
    fn images_ship_their_own_programs() {
        assert!(has_program("busybox", "wget") && has_program("busybox:1.36", "/bin/ps"));
        assert!(!has_program("busybox", "bash") && !has_program("busybox", "curl"));
        assert!(has_program("nginx", "curl") && has_program("nginx", "bash") && has_program("nginx", "grep"));
        assert!(!has_program("nginx", "ps") && !has_program("nginx", "wget"));
        assert!(has_program("nginx:1.27-alpine", "ps"), "alpine variants carry busybox");
        assert!(!has_program("hashicorp/http-echo", "sh"), "scratch images have no shell");
        assert!(!has_program("busybox", "kubectl"));
    }

    #[test]
    fn prompts_show_the_working_directory() {
        assert_eq!(prompt(&container("nginx"), &pod("web"), "bash", "/var/log", "/root"), "root@web:/var/log# ");
        assert_eq!(prompt(&container("nginx"), &pod("web"), "bash", "/root/x", "/root"), "root@web:~/x# ");
        assert_eq!(prompt(&container("nginx"), &pod("web"), "sh", "/var/log", "/root"), "# ", "Debian's sh is dash");
        assert_eq!(prompt(&container("busybox"), &pod("b"), "sh", "/", "/root"), "/ # ");
        assert_eq!(prompt(&container("busybox"), &pod("b"), "sh", "/rootless", "/root"), "/rootless # ");
        let controller = container("registry.k8s.io/ingress-nginx/controller:v1.13.3");
        assert_eq!(prompt(&controller, &pod("ctl"), "sh", "/etc/nginx", "/root"), "/etc/nginx $ ", "the controller runs as www-data");
    }

    #[test]
    fn one_shot_commands_become_shell_scripts() {
        let argv = |words: &[&str]| words.iter().map(|w| w.to_string()).collect::<Vec<_>>();
        assert_eq!(as_shell_script("busybox", &argv(&["sh", "-c", "echo hi | wc -c"])), Some(("sh".into(), "echo hi | wc -c".into())));
        assert_eq!(as_shell_script("nginx", &argv(&["grep", "-c", "it's here", "/f"])), Some((String::new(), "grep -c 'it'\\''s here' /f".into())));
        assert_eq!(as_shell_script("busybox", &argv(&["sh"])), None, "a shell without -c reads stdin");
        assert_eq!(as_shell_script("nginx", &argv(&["ps"])), None, "the runtime refuses what the image lacks");
    }
}
