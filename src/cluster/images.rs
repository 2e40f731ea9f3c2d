//! The simulated image registry and what each image's process does when it starts: how long a
//! pull takes, what it logs, whether it keeps running, and how it reacts to SIGTERM.

use crate::cluster::apps::databases::Database;

/// An image the simulated registry knows.
#[derive(Debug)]
pub struct ImageInfo {
    /// Repository as users write it (`nginx`, `derlin/rickroller`, `registry.k8s.io/coredns/coredns`).
    pub repository: &'static str,
    pub tags: &'static [&'static str],
    /// Compressed size, for pull duration and the `Image size:` of the pull event.
    pub size_bytes: u64,
    /// Milliseconds the process takes to exit after SIGTERM; `None` when it ignores SIGTERM (a
    /// shell as PID 1), so only the grace period's SIGKILL ends it.
    pub sigterm_exit_ms: Option<i64>,
    /// What the image runs when the pod gives no `command`.
    pub default_program: Program,
}

/// What the image's default entrypoint does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Program {
    /// The rickroller Flask app under gunicorn.
    Rickroller,
    /// nginx serving its default page.
    Nginx,
    /// A plain shell with no script: exits at once (no terminal attached).
    Shell,
    /// A long-running system component that logs a start line.
    Daemon,
    /// Apache httpd serving "It works!" on 80.
    Httpd,
    /// hashicorp/http-echo answering its `-text` on 5678 (or `-listen`).
    HttpEcho,
    /// traefik/whoami describing each request on 80.
    Whoami,
    /// A database server (postgres, mysql, redis, mongo) that keeps rows in its data directory.
    Database(Database),
}

const KNOWN_IMAGES: &[ImageInfo] = &[
    ImageInfo { repository: "derlin/rickroller", tags: &["latest", "v1", "v1.0.0", "main"], size_bytes: 58_725_372, sigterm_exit_ms: Some(600), default_program: Program::Rickroller },
    ImageInfo { repository: "nginx", tags: &["latest", "1.29", "1.29.1", "1.28", "1.27", "1.26", "1.25", "1.25.3", "1.24", "1.23", "1.16.1", "alpine", "stable", "mainline"], size_bytes: 72_188_133, sigterm_exit_ms: Some(150), default_program: Program::Nginx },
    ImageInfo { repository: "registry.k8s.io/nginx-slim", tags: &["0.27", "0.26", "0.24", "0.21", "0.8"], size_bytes: 19_384_127, sigterm_exit_ms: Some(150), default_program: Program::Nginx },
    ImageInfo { repository: "busybox", tags: &["latest", "1.37", "1.36", "1.35", "1.28", "stable", "musl", "glibc"], size_bytes: 2_155_194, sigterm_exit_ms: None, default_program: Program::Shell },
    ImageInfo { repository: "httpd", tags: &["latest", "2.4", "2.4.65", "alpine", "2"], size_bytes: 45_231_472, sigterm_exit_ms: Some(100), default_program: Program::Httpd },
    ImageInfo { repository: "hashicorp/http-echo", tags: &["latest", "1.0", "1.0.0", "0.2.3"], size_bytes: 3_406_178, sigterm_exit_ms: Some(50), default_program: Program::HttpEcho },
    ImageInfo { repository: "traefik/whoami", tags: &["latest", "v1.11", "v1.11.0", "v1.10"], size_bytes: 3_371_228, sigterm_exit_ms: Some(50), default_program: Program::Whoami },
    ImageInfo { repository: "alpine", tags: &["latest", "3", "3.22", "3.21", "3.20"], size_bytes: 3_802_452, sigterm_exit_ms: None, default_program: Program::Shell },
    ImageInfo { repository: "ubuntu", tags: &["latest", "24.04", "22.04", "noble", "jammy"], size_bytes: 29_723_147, sigterm_exit_ms: None, default_program: Program::Shell },
    ImageInfo { repository: "python", tags: &["latest", "3", "3.13", "3.12", "3.13-slim", "3.12-slim", "slim", "alpine"], size_bytes: 41_289_511, sigterm_exit_ms: None, default_program: Program::Shell },
    ImageInfo { repository: "node", tags: &["latest", "24", "22", "20", "lts", "alpine", "slim"], size_bytes: 56_114_002, sigterm_exit_ms: None, default_program: Program::Shell },
    ImageInfo { repository: "redis", tags: &["latest", "8", "8.2", "7", "7.4", "alpine"], size_bytes: 49_211_875, sigterm_exit_ms: Some(100), default_program: Program::Database(Database::Redis) },
    ImageInfo { repository: "postgres", tags: &["latest", "18", "17", "16", "15", "alpine"], size_bytes: 158_436_980, sigterm_exit_ms: Some(300), default_program: Program::Database(Database::Postgres) },
    ImageInfo { repository: "mysql", tags: &["latest", "9", "8", "8.4", "8.0"], size_bytes: 234_981_120, sigterm_exit_ms: Some(1500), default_program: Program::Database(Database::Mysql) },
    ImageInfo { repository: "mongo", tags: &["latest", "8", "7", "6"], size_bytes: 292_012_416, sigterm_exit_ms: Some(1000), default_program: Program::Database(Database::Mongo) },
    ImageInfo { repository: "registry.k8s.io/coredns/coredns", tags: &["v1.12.1"], size_bytes: 22_384_805, sigterm_exit_ms: Some(5000), default_program: Program::Daemon },
    ImageInfo { repository: "registry.k8s.io/kube-proxy", tags: &["v1.34.1"], size_bytes: 30_954_523, sigterm_exit_ms: Some(200), default_program: Program::Daemon },
    ImageInfo { repository: "docker.io/kindest/kindnetd", tags: &["v20250512-df8de77b"], size_bytes: 44_375_501, sigterm_exit_ms: Some(200), default_program: Program::Daemon },
    ImageInfo { repository: "registry.k8s.io/metrics-server/metrics-server", tags: &["v0.8.0"], size_bytes: 20_102_745, sigterm_exit_ms: Some(300), default_program: Program::Daemon },
    ImageInfo { repository: "registry.k8s.io/ingress-nginx/controller", tags: &["v1.13.2"], size_bytes: 105_412_334, sigterm_exit_ms: Some(1500), default_program: Program::Daemon },
];

/// An image reference split into its parts, with Docker Hub's defaults applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImageRef {
    /// As the user wrote it, for events (`Pulling image "nginx"`).
    pub written: String,
    /// Repository without the `docker.io/library/` defaults: `nginx`, `derlin/rickroller`.
    pub repository: String,
    pub tag: String,
    /// Fully qualified, as containerd reports it: `docker.io/library/nginx:latest`.
    pub full: String,
}

/// Parses `nginx`, `nginx:1.25`, `docker.io/library/nginx:latest`, `derlin/rickroller`, `x@sha256:…`.
pub fn parse_ref(image: &str) -> ImageRef {
    let written = image.trim().to_string();
    let (name, tag) = match written.rsplit_once(':') {
        Some((n, t)) if !t.contains('/') => (n.to_string(), t.to_string()),
        _ => (written.clone(), "latest".to_string()),
    };
    let name = name.split('@').next().unwrap_or(&name).to_string();
    let first = name.split('/').next().unwrap_or("");
    let has_registry = name.contains('/') && (first.contains('.') || first.contains(':') || first == "localhost");
    let full_repo = if has_registry {
        name.clone()
    } else if name.contains('/') {
        format!("docker.io/{name}")
    } else {
        format!("docker.io/library/{name}")
    };
    let repository = full_repo
        .strip_prefix("docker.io/library/")
        .or_else(|| full_repo.strip_prefix("docker.io/").filter(|r| !r.starts_with("kindest/")))
        .unwrap_or(&full_repo)
        .to_string();
    ImageRef { written, full: format!("{full_repo}:{tag}"), repository, tag }
}

/// Why a pull failed, in containerd's words.
pub fn pull_error(image: &ImageRef) -> String {
    format!(
        "rpc error: code = NotFound desc = failed to pull and unpack image \"{full}\": failed to resolve reference \"{full}\": {full}: not found",
        full = image.full
    )
}

/// The registry's answer for an image: its data, or `None` when the repository or tag does not
/// exist (the pull fails like a real one).
pub fn lookup(image: &ImageRef) -> Option<&'static ImageInfo> {
    KNOWN_IMAGES.iter().find(|i| {
        let repo_matches = i.repository == image.repository
            || image.full.starts_with(&format!("{}:", i.repository));
        repo_matches && i.tags.contains(&image.tag.as_str())
    })
}

/// A fake but stable image digest for `imageID`.
pub fn digest(image: &ImageRef) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in image.full.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let repo = image.full.rsplit_once(':').map_or(image.full.as_str(), |(r, _)| r);
    format!("{repo}@sha256:{:016x}{:016x}{:016x}{:016x}", hash, hash.rotate_left(17), hash.rotate_left(31), hash.rotate_left(47))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_get_docker_hub_defaults() {
        let r = parse_ref("nginx");
        assert_eq!((r.repository.as_str(), r.tag.as_str(), r.full.as_str()), ("nginx", "latest", "docker.io/library/nginx:latest"));
        let r = parse_ref("derlin/rickroller:latest");
        assert_eq!(r.full, "docker.io/derlin/rickroller:latest");
        assert!(lookup(&r).is_some());
        assert!(lookup(&parse_ref("nginx:1.161")).is_none());
        assert!(lookup(&parse_ref("registry.k8s.io/kube-proxy:v1.34.1")).is_some());
    }
}
