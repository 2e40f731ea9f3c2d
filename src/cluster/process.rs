//! What a container's main process does once started: the lines it logs, whether and when it
//! exits, and with which code. Images' default programs and simple `sh -c` scripts (the
//! chapter's busybox sidecars) are understood; anything else runs until stopped.

mod script;

pub use script::{busybox_date, run_script, FileWrite, ScriptLogs};

use script::later_logs;

use super::images::{ImageInfo, Program};
use super::objects::Time;

/// The life of one container process.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ProcessPlan {
    /// Log lines written at start.
    pub start_logs: Vec<String>,
    /// `Some((after_ms, exit_code))` when the process ends by itself.
    pub exit: Option<(i64, i64)>,
}

/// The shell script a container runs (its `sh -c` text, or its whole argv for a shell image), if
/// any.
fn shell_script(image: &ImageInfo, command: &[String], args: &[String]) -> Option<String> {
    if command.is_empty() && args.is_empty() {
        return None;
    }
    let argv: Vec<String> = command.iter().chain(args.iter()).cloned().collect();
    match argv.first().map(String::as_str) {
        Some("sh" | "/bin/sh" | "bash" | "/bin/bash" | "ash") => argv.iter().position(|a| a == "-c").map(|i| argv.get(i + 1).cloned().unwrap_or_default()),
        _ if command.is_empty() && image.default_program != Program::Shell => None,
        _ => Some(shell_join(&argv)),
    }
}

/// The lines a container's script prints after it started, for the kubelet to add to the log as
/// virtual time reaches them (empty for images' own programs).
pub fn later_lines(image: &ImageInfo, command: &[String], args: &[String]) -> ScriptLogs {
    shell_script(image, command, args).map(|script| later_logs(&script)).unwrap_or_default()
}

/// Plans the process of a container started at `started` from its image, `command`, `args` and
/// environment.
pub fn plan(image: &ImageInfo, command: &[String], args: &[String], env: &[(String, String)], started: Time) -> ProcessPlan {
    if command.is_empty() && args.is_empty() {
        return default_program(image.default_program, env, started);
    }
    let argv: Vec<String> = command.iter().chain(args.iter()).cloned().collect();
    match argv.first().map(String::as_str) {
        Some("sh" | "/bin/sh" | "bash" | "/bin/bash" | "ash") => {
            match argv.iter().position(|a| a == "-c") {
                Some(i) => run_script(argv.get(i + 1).map(String::as_str).unwrap_or("")),
                None => ProcessPlan { exit: Some((50, 0)), ..Default::default() },
            }
        }
        _ if command.is_empty() && image.default_program != Program::Shell => default_program(image.default_program, env, started),
        _ => run_script(&shell_join(&argv)),
    }
}

fn shell_join(argv: &[String]) -> String {
    argv.iter()
        .map(|a| if a.contains(' ') || a.is_empty() { format!("'{a}'") } else { a.clone() })
        .collect::<Vec<_>>()
        .join(" ")
}

fn default_program(program: Program, env: &[(String, String)], started: Time) -> ProcessPlan {
    let runs = |start_logs: Vec<String>| ProcessPlan { start_logs, ..Default::default() };
    let stamp = started.rfc3339();
    let (date, clock) = (stamp.get(0..10).unwrap_or(""), stamp.get(11..19).unwrap_or(""));
    match program {
        Program::Rickroller => {
            let gunicorn = |pid: u32, text: &str| format!("[{date} {clock} +0000] [{pid}] [INFO] {text}");
            let behind_proxy = env.iter().any(|(k, v)| {
                k == "BEHIND_PROXY" && ["1", "t", "true", "yes", "y"].contains(&v.to_ascii_lowercase().as_str())
            });
            let mut logs = vec![
                gunicorn(1, "Starting gunicorn 21.2.0"),
                gunicorn(1, "Listening at: http://0.0.0.0:8080 (1)"),
                gunicorn(1, "Using worker: sync"),
            ];
            for pid in [8, 9] {
                logs.push(gunicorn(pid, &format!("Booting worker with pid: {pid}")));
                if behind_proxy {
                    logs.push("BEHIND_PROXY set to true -> ProxyFix turned on.".to_string());
                }
                logs.extend(database_logs(env));
            }
            runs(logs)
        }
        Program::Nginx => {
            let notice = |text: &str| format!("{} {clock} [notice] 1#1: {text}", date.replace('-', "/"));
            runs(vec![
                "/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration".into(),
                "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/".into(),
                "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh".into(),
                "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf".into(),
                "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf".into(),
                "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh".into(),
                "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh".into(),
                "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh".into(),
                "/docker-entrypoint.sh: Configuration complete; ready for start up".into(),
                notice("using the \"epoll\" event method"),
                notice("nginx/1.29.1"),
                notice("built by gcc 12.2.0 (Debian 12.2.0-14+deb12u1)"),
                notice("OS: Linux 6.8.0-64-generic"),
                notice("getrlimit(RLIMIT_NOFILE): 1048576:1048576"),
                notice("start worker processes"),
                notice("start worker process 29"),
                notice("start worker process 30"),
            ])
        }
        Program::Shell => ProcessPlan { exit: Some((50, 0)), ..Default::default() },
        Program::Daemon => ProcessPlan::default(),
        Program::Database(database) => {
            let (start_logs, exit) = crate::cluster::apps::databases::start(database, env, started);
            ProcessPlan { start_logs, exit, ..Default::default() }
        }
        Program::Httpd | Program::HttpEcho | Program::Whoami => runs(crate::cluster::apps::start_logs(program, env, started)),
    }
}

/// What rickroller's app logs about `DATABASE_URL` when a worker creates it: nothing without one
/// (slugs are then the URL-encoded targets), "Initialized a SQL database." for a SQL URL, and the
/// cleanup job it schedules for any database.
fn database_logs(env: &[(String, String)]) -> Vec<String> {
    let url = env.iter().rev().find(|(k, _)| k == "DATABASE_URL").map(|(_, v)| v.as_str()).unwrap_or("");
    if url.is_empty() {
        return vec![];
    }
    let mut logs = Vec::new();
    if !url.starts_with("mongodb") {
        logs.push("Initialized a SQL database.".to_string());
    }
    logs.push("Registered cleanup job to run every {'minutes': 15} with retention 1:00:00".to_string());
    logs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::images::{lookup, parse_ref};

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn while_one_runs_a_missing_command_and_exits_zero() {
        let busybox = lookup(&parse_ref("busybox")).unwrap();
        let p = plan(busybox, &strings(&["sh", "-c", "while 1; do sleep 10; done"]), &[], &[], Time(0));
        assert_eq!(p.start_logs, vec!["sh: 1: not found"]);
        assert_eq!(p.exit.map(|e| e.1), Some(0));
    }

    #[test]
    fn tail_follow_and_while_true_run_forever() {
        let busybox = lookup(&parse_ref("busybox")).unwrap();
        let p = plan(busybox, &strings(&["sh", "-c", "touch /var/log/nginx/access.log; tail -F /var/log/nginx/access.log"]), &[], &[], Time(0));
        assert_eq!(p.exit, None);
        let p = plan(busybox, &strings(&["sh", "-c", "while true; do echo hi; sleep 5; done"]), &[], &[], Time(0));
        assert_eq!(p.exit, None);
    }

    #[test]
    fn plain_busybox_exits_at_once_and_sleep_ends() {
        let busybox = lookup(&parse_ref("busybox")).unwrap();
        assert_eq!(plan(busybox, &[], &[], &[], Time(0)).exit, Some((50, 0)));
        assert_eq!(plan(busybox, &strings(&["sleep", "30"]), &[], &[], Time(0)).exit, Some((30_050, 0)));
        assert_eq!(plan(busybox, &strings(&["sh", "-c", "echo boom; exit 3"]), &[], &[], Time(0)).exit, Some((50, 3)));
    }

    #[test]
    fn rickroller_logs_proxy_mode() {
        let app = lookup(&parse_ref("derlin/rickroller:latest")).unwrap();
        let p = plan(app, &[], &[], &[("BEHIND_PROXY".into(), "true".into())], Time(1_759_741_205_000));
        assert_eq!(p.start_logs[0], "[2025-10-06 09:00:05 +0000] [1] [INFO] Starting gunicorn 21.2.0");
        assert_eq!(p.start_logs[4], "BEHIND_PROXY set to true -> ProxyFix turned on.");
        assert_eq!(p.exit, None);
        let sql = plan(app, &[], &[], &[("DATABASE_URL".into(), "postgresql://rick:roll@db/rick".into())], Time(0));
        assert_eq!(sql.start_logs[4..6], ["Initialized a SQL database.", "Registered cleanup job to run every {'minutes': 15} with retention 1:00:00"]);
        let mongo = plan(app, &[], &[], &[("DATABASE_URL".into(), "mongodb://db:27017/rick".into())], Time(0));
        assert_eq!(mongo.start_logs[4], "Registered cleanup job to run every {'minutes': 15} with retention 1:00:00");
    }
}
