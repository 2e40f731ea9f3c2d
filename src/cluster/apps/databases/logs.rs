//! What the database images log when they start, in the shapes of the real entrypoints, and
//! whether they refuse to start (no password) — they exit 1 and the pod goes to CrashLoopBackOff.

use super::Database;
use crate::cluster::objects::Time;

/// A server's start: its log lines and, when it refuses to run, `Some((after_ms, code))`.
pub fn start(database: Database, env: &[(String, String)], started: Time) -> (Vec<String>, Option<(i64, i64)>) {
    let var = |name: &str| env.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let set = |name: &str| var(name).is_some_and(|v| !v.is_empty());
    match database {
        Database::Postgres if !set("POSTGRES_PASSWORD") && var("POSTGRES_HOST_AUTH_METHOD") != Some("trust") => (postgres_no_password(), Some((300, 1))),
        Database::Postgres => (postgres(started), None),
        Database::Mysql if !["MYSQL_ROOT_PASSWORD", "MYSQL_ALLOW_EMPTY_PASSWORD", "MYSQL_RANDOM_ROOT_PASSWORD"].iter().any(|n| set(n)) => {
            (mysql_no_password(started), Some((400, 1)))
        }
        Database::Mysql => (mysql(started), None),
        Database::Redis => (redis(started), None),
        Database::Mongo => (mongo(started), None),
    }
}

/// `2025-10-06 09:00:05.123 UTC`, postgres's log_line_prefix time.
fn postgres_time(t: Time) -> String {
    let stamp = t.rfc3339();
    format!("{} {}.{:03} UTC", stamp.get(0..10).unwrap_or(""), stamp.get(11..19).unwrap_or(""), t.0.rem_euclid(1000))
}

fn postgres_no_password() -> Vec<String> {
    [
        "Error: Database is uninitialized and superuser password is not specified.",
        "       You must specify POSTGRES_PASSWORD to a non-empty value for the",
        "       superuser. For example, \"-e POSTGRES_PASSWORD=password\" on \"docker run\".",
        "",
        "       You may also use \"POSTGRES_HOST_AUTH_METHOD=trust\" to allow all",
        "       connections without a password. This is *not* recommended.",
        "",
        "       See PostgreSQL documentation about \"trust\":",
        "       https://www.postgresql.org/docs/current/auth-trust.html",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// postgres 18+ finding a volume at the pre-18 data directory.
pub fn postgres_18_old_mount() -> Vec<String> {
    [
        "Error: in 18+, these Docker images are configured to store database data in a",
        "       format which is compatible with \"pg_ctlcluster\" (specifically, using",
        "       major-version-specific directory names).  This better reflects how",
        "       PostgreSQL itself works, and how upgrades are to be performed.",
        "",
        "       See also https://github.com/docker-library/postgres/pull/1259",
        "",
        "       Counter to that, there appears to be PostgreSQL data in:",
        "         /var/lib/postgresql/data (unused mount/volume)",
        "",
        "       The suggested container configuration for 18+ is to place a single mount",
        "       at /var/lib/postgresql which will then place PostgreSQL data in a",
        "       subdirectory, allowing usage of \"pg_upgrade --link\" without mount point",
        "       boundary issues.",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// postgres starting on a data directory that already holds a database.
pub fn postgres_existing(started: Time) -> Vec<String> {
    let mut lines = vec![String::new(), "PostgreSQL Database directory appears to contain a database; Skipping initialization".to_string(), String::new()];
    lines.extend(postgres_server(started, 100));
    lines
}

/// The server's own lines, `offset_ms` after the container started.
fn postgres_server(started: Time, offset_ms: i64) -> Vec<String> {
    let at = |ms: i64| postgres_time(started.plus_ms(offset_ms + ms));
    vec![
        format!("{} [1] LOG:  starting PostgreSQL 18.0 (Debian 18.0-1.pgdg13+3) on x86_64-pc-linux-gnu, compiled by gcc (Debian 14.2.0-19) 14.2.0, 64-bit", at(0)),
        format!("{} [1] LOG:  listening on IPv4 address \"0.0.0.0\", port 5432", at(1)),
        format!("{} [1] LOG:  listening on IPv6 address \"::\", port 5432", at(1)),
        format!("{} [1] LOG:  listening on Unix socket \"/var/run/postgresql/.s.PGSQL.5432\"", at(3)),
        format!("{} [1] LOG:  database system is ready to accept connections", at(10)),
    ]
}

fn postgres(started: Time) -> Vec<String> {
    let mut lines: Vec<String> = [
        "The files belonging to this database system will be owned by user \"postgres\".",
        "This user must also own the server process.",
        "",
        "The database cluster will be initialized with locale \"en_US.utf8\".",
        "The default database encoding has accordingly been set to \"UTF8\".",
        "",
        "creating subdirectories ... ok",
        "running bootstrap script ... ok",
        "performing post-bootstrap initialization ... ok",
        "syncing data to disk ... ok",
        "",
        "Success. You can now start the database server.",
        "",
        "PostgreSQL init process complete; ready for start up.",
        "",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    lines.extend(postgres_server(started, 900));
    lines
}

/// `2025-10-06 09:00:05+00:00`, the MySQL entrypoint's time.
fn entrypoint_time(t: Time) -> String {
    let stamp = t.rfc3339();
    format!("{} {}+00:00", stamp.get(0..10).unwrap_or(""), stamp.get(11..19).unwrap_or(""))
}

fn mysql_no_password(started: Time) -> Vec<String> {
    let at = entrypoint_time(started);
    vec![
        format!("{at} [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.4.0-1.el9 started."),
        format!("{at} [Note] [Entrypoint]: Switching to dedicated user 'mysql'"),
        format!("{at} [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.4.0-1.el9 started."),
        format!("{at} [ERROR] [Entrypoint]: Database is uninitialized and password option is not specified"),
        "    You need to specify one of the following as an environment variable:".into(),
        "    - MYSQL_ROOT_PASSWORD".into(),
        "    - MYSQL_ALLOW_EMPTY_PASSWORD".into(),
        "    - MYSQL_RANDOM_ROOT_PASSWORD".into(),
    ]
}

fn mysql(started: Time) -> Vec<String> {
    let at = entrypoint_time(started);
    let server = started.plus_ms(6_000).rfc3339().replace('Z', ".000000Z");
    vec![
        format!("{at} [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.4.0-1.el9 started."),
        format!("{at} [Note] [Entrypoint]: Switching to dedicated user 'mysql'"),
        format!("{at} [Note] [Entrypoint]: Entrypoint script for MySQL Server 9.4.0-1.el9 started."),
        format!("{at} [Note] [Entrypoint]: Initializing database files"),
        format!("{at} [Note] [Entrypoint]: Database files initialized"),
        format!("{at} [Note] [Entrypoint]: MySQL init process done. Ready for start up."),
        format!("{server} 0 [System] [MY-015015] [Server] MySQL Server - start."),
        format!("{server} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '9.4.0'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL."),
    ]
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn redis(started: Time) -> Vec<String> {
    let at = |ms: i64| {
        let t = started.plus_ms(ms);
        let stamp = t.rfc3339();
        let month = stamp.get(5..7).and_then(|m| m.parse::<usize>().ok()).and_then(|m| MONTHS.get(m.wrapping_sub(1))).unwrap_or(&"Jan");
        format!("{} {month} {} {}.{:03}", stamp.get(8..10).unwrap_or(""), stamp.get(0..4).unwrap_or(""), stamp.get(11..19).unwrap_or(""), t.0.rem_euclid(1000))
    };
    vec![
        format!("1:C {} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo", at(0)),
        format!("1:C {} * Redis version=8.2.1, bits=64, commit=00000000, modified=1, pid=1, just started", at(0)),
        format!("1:C {} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf", at(0)),
        format!("1:M {} * monotonic clock: POSIX clock_gettime", at(1)),
        format!("1:M {} * Running mode=standalone, port=6379.", at(2)),
        format!("1:M {} * Server initialized", at(3)),
        format!("1:M {} * Ready to accept connections tcp", at(3)),
    ]
}

fn mongo(started: Time) -> Vec<String> {
    let at = |ms: i64| {
        let t = started.plus_ms(ms);
        t.rfc3339().replace('Z', &format!(".{:03}+00:00", t.0.rem_euclid(1000)))
    };
    let line = |ms: i64, c: &str, id: u32, ctx: &str, msg: &str, attr: &str| {
        format!("{{\"t\":{{\"$date\":\"{}\"}},\"s\":\"I\",  \"c\":\"{c}\", \"id\":{id}, \"ctx\":\"{ctx}\",\"msg\":\"{msg}\"{attr}}}", at(ms))
    };
    vec![
        line(0, "CONTROL", 23285, "main", "Automatically disabling TLS 1.0, to force-enable TLS 1.0 specify --sslDisabledProtocols 'none'", ""),
        line(1, "CONTROL", 4615611, "initandlisten", "MongoDB starting", ",\"attr\":{\"pid\":1,\"port\":27017,\"dbPath\":\"/data/db\",\"architecture\":\"64-bit\"}"),
        line(2, "CONTROL", 23403, "initandlisten", "Build Info", ",\"attr\":{\"buildInfo\":{\"version\":\"8.0.15\"}}"),
        line(600, "NETWORK", 23015, "listener", "Listening on", ",\"attr\":{\"address\":\"0.0.0.0\"}"),
        line(600, "NETWORK", 23016, "listener", "Waiting for connections", ",\"attr\":{\"port\":27017,\"ssl\":\"off\"}"),
    ]
}
