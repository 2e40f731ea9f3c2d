//! The database images (postgres, mysql, redis, mongo): their start-up logs and exit when
//! misconfigured, the ports they listen on, and the clients `kubectl exec` runs inside them
//! (`psql`, `mysql`, `redis-cli`, `mongosh`). Data lives in files of the data directory, so it
//! survives a pod's re-creation only when a volume is mounted there.

mod logs;
mod mongo;
mod mysql;
mod psql;
mod redis;
mod sql;
mod sql_lex;
mod startup;
mod storage;
#[cfg(test)]
mod tests;

pub use logs::start;
pub use startup::on_start;

use crate::cluster::objects::pod::Container;
use crate::cluster::objects::Pod;
use crate::cluster::Cluster;

/// A database server image.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Database {
    Postgres,
    Mysql,
    Redis,
    Mongo,
}

impl Database {
    /// The TCP port the server listens on.
    pub fn port(self) -> u16 {
        match self {
            Database::Postgres => 5432,
            Database::Mysql => 3306,
            Database::Redis => 6379,
            Database::Mongo => 27017,
        }
    }

    /// The image repository this server comes from.
    fn of_image(image: &str) -> Option<Database> {
        match crate::cluster::images::parse_ref(image).repository.as_str() {
            "postgres" => Some(Database::Postgres),
            "mysql" => Some(Database::Mysql),
            "redis" => Some(Database::Redis),
            "mongo" => Some(Database::Mongo),
            _ => None,
        }
    }
}

/// What a client command printed and returned.
#[derive(Debug, Default, PartialEq)]
pub struct ClientRun {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

/// The client programs an image ships, by command name.
pub fn has_client(image: &str, command: &str) -> bool {
    let base = command.rsplit('/').next().unwrap_or(command);
    matches!(
        (Database::of_image(image), base),
        (Some(Database::Postgres), "psql") | (Some(Database::Mysql), "mysql") | (Some(Database::Redis), "redis-cli") | (Some(Database::Mongo), "mongosh" | "mongo")
    )
}

/// Runs a database client (`psql …`, `redis-cli …`) inside `container`; `None` when `argv` is
/// not a client of this image.
pub fn run_client(cluster: &mut Cluster, pod: &Pod, container: &Container, argv: &[String]) -> Option<ClientRun> {
    let command = argv.first()?;
    if !has_client(&container.image, command) {
        return None;
    }
    let server = Server { pod, container };
    Some(match Database::of_image(&container.image)? {
        Database::Postgres => psql::run(cluster, &server, argv),
        Database::Mysql => mysql::run(cluster, &server, argv),
        Database::Redis => redis::run(cluster, &server, argv),
        Database::Mongo => mongo::run(cluster, &server, argv),
    })
}

/// The container a client talks to, and where its server keeps data.
pub struct Server<'a> {
    pub pod: &'a Pod,
    pub container: &'a Container,
}

impl Server<'_> {
    /// An environment variable of the container, as it was started.
    fn env(&self, cluster: &Cluster, name: &str) -> Option<String> {
        match cluster.kubelet.container_env(&self.pod.metadata.uid, &self.container.name) {
            Some(env) => env.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.clone()),
            None => self.container.env.iter().rev().find(|e| e.name == name).and_then(|e| e.value.clone()),
        }
    }

    /// All environment variables of the container, as it was started.
    fn env_pairs(&self, cluster: &Cluster) -> Vec<(String, String)> {
        match cluster.kubelet.container_env(&self.pod.metadata.uid, &self.container.name) {
            Some(env) => env.to_vec(),
            None => self.container.env.iter().filter_map(|e| e.value.clone().map(|v| (e.name.clone(), v))).collect(),
        }
    }

    fn read(&self, cluster: &Cluster, path: &str) -> Option<String> {
        storage::read(cluster, self.pod, self.container, path)
    }

    fn write(&self, cluster: &mut Cluster, path: &str, content: &str) {
        storage::write(cluster, self.pod, self.container, path, content);
    }
}

/// postgres's data directory: `$PGDATA`, else the image's default (`/var/lib/postgresql/18/docker`
/// from postgres 18 on, `/var/lib/postgresql/data` before).
pub fn postgres_data_dir(image: &str, env: &[(String, String)]) -> String {
    if let Some((_, dir)) = env.iter().rev().find(|(k, _)| k == "PGDATA") {
        return dir.trim_end_matches('/').to_string();
    }
    let tag = crate::cluster::images::parse_ref(image).tag;
    let major = tag.split(['.', '-']).next().and_then(|m| m.parse::<u32>().ok());
    match major {
        Some(m) if m < 18 => "/var/lib/postgresql/data".into(),
        _ => "/var/lib/postgresql/18/docker".into(),
    }
}

/// An interactive client at its prompt (`kubectl exec -it pg-0 -- psql -U postgres`,
/// `kubectl exec -it cache -- redis-cli`).
pub enum Interactive {
    Psql(psql::Session),
    Redis,
}

/// Opening an interactive client: its session and greeting, or the refusal it printed.
pub enum Opened {
    Session(Interactive, &'static str),
    Refused(ClientRun),
}

/// Opens the interactive prompt when `argv` is a client that would read its input (psql without
/// `-c`, redis-cli without a command); `None` for anything else.
pub fn open_interactive(cluster: &Cluster, pod: &Pod, container: &Container, argv: &[String]) -> Option<Opened> {
    let command = argv.first()?;
    if !has_client(&container.image, command) {
        return None;
    }
    let server = Server { pod, container };
    match Database::of_image(&container.image)? {
        Database::Postgres if psql::is_interactive(argv) => Some(match psql::connect(cluster, &server, argv) {
            Ok(session) => Opened::Session(Interactive::Psql(session), psql::BANNER),
            Err(refused) => Opened::Refused(refused),
        }),
        Database::Redis if redis::is_interactive(argv) => Some(Opened::Session(Interactive::Redis, "")),
        _ => None,
    }
}

impl Interactive {
    /// The prompt for the next line.
    pub fn prompt(&self) -> String {
        match self {
            Interactive::Psql(session) => session.prompt(),
            Interactive::Redis => "127.0.0.1:6379> ".into(),
        }
    }

    /// Runs one typed line; the flag says the client quit.
    pub fn feed(&mut self, cluster: &mut Cluster, pod: &Pod, container: &Container, line: &str) -> (ClientRun, bool) {
        let server = Server { pod, container };
        let mut ran = ClientRun::default();
        let quit = match self {
            Interactive::Psql(session) => session.type_line(cluster, &server, line, &mut ran),
            Interactive::Redis => {
                let quit = matches!(line.trim().to_ascii_lowercase().as_str(), "exit" | "quit");
                if !quit {
                    ran.stdout = redis::type_line(cluster, &server, line);
                }
                quit
            }
        };
        (ran, quit)
    }
}
