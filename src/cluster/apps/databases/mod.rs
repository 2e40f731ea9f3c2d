//! The database images (postgres, mysql, redis, mongo): their start-up logs and exit when
//! misconfigured, the ports they listen on, and the clients `kubectl exec` runs inside them
//! (`psql`, `mysql`, `redis-cli`, `mongosh`). Data lives in files of the data directory, so it
//! survives a pod's re-creation only when a volume is mounted there.

mod connect;
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
        (Some(Database::Postgres), "psql" | "pg_isready") | (Some(Database::Mysql), "mysql" | "mysqladmin") | (Some(Database::Redis), "redis-cli") | (Some(Database::Mongo), "mongosh" | "mongo")
    )
}

/// Whether an exec probe's command is the image's own health check, which answers while the
/// server runs: `pg_isready`, `redis-cli ping`, `mysqladmin ping`, `mongosh --eval …`.
pub fn answers_probe(image: &str, argv: &[String]) -> bool {
    let Some(command) = argv.first() else { return false };
    let base = command.rsplit('/').next().unwrap_or(command);
    let pinged = argv.iter().skip(1).any(|a| a.eq_ignore_ascii_case("ping"));
    match Database::of_image(image) {
        Some(Database::Postgres) => base == "pg_isready",
        Some(Database::Redis) => base == "redis-cli" && pinged,
        Some(Database::Mysql) => base == "mysqladmin" && pinged,
        Some(Database::Mongo) => base == "mongosh" || base == "mongo",
        None => false,
    }
}

/// What `pg_isready` and `mysqladmin ping` print when run by hand in their image.
pub fn health_check(image: &str, argv: &[String]) -> Option<ClientRun> {
    let command = argv.first()?;
    let base = command.rsplit('/').next().unwrap_or(command);
    let stdout = match (Database::of_image(image)?, base) {
        (Database::Postgres, "pg_isready") => "/var/run/postgresql:5432 - accepting connections\n".to_string(),
        (Database::Mysql, "mysqladmin") if argv.iter().any(|a| a == "ping") => "mysqld is alive\n".to_string(),
        _ => return None,
    };
    Some(ClientRun { stdout, ..Default::default() })
}

/// Runs a database client (`psql …`, `redis-cli …`) inside `container`; `None` when `argv` is
/// not a client of this image.
pub fn run_client(cluster: &mut Cluster, pod: &Pod, container: &Container, argv: &[String]) -> Option<ClientRun> {
    let command = argv.first()?;
    if !has_client(&container.image, command) {
        return None;
    }
    if let Some(answer) = health_check(&container.image, argv) {
        return Some(answer);
    }
    let database = Database::of_image(&container.image)?;
    let (host, port) = connect::address(database, argv);
    let local = matches!(host.as_str(), "" | "localhost" | "127.0.0.1" | "::1") || host.starts_with('/');
    let (target_pod, target_container, ip) = match connect::reach(cluster, pod, &host, port) {
        Ok(found) if Database::of_image(&found.1.image) == Some(database) => found,
        Ok((_, _, ip)) => return Some(refused(database, &host, port, &connect::ConnectError::Refused(ip))),
        Err(e) => return Some(refused(database, &host, port, &e)),
    };
    let server = Server { pod: &target_pod, container: &target_container };
    Some(match database {
        Database::Postgres if !local => {
            let client_password = environment_of(cluster, pod, container).into_iter().rev().find(|(k, _)| k == "PGPASSWORD").map(|(_, v)| v);
            psql::run_remote(cluster, &server, argv, &host, &ip, port, client_password)
        }
        Database::Postgres => psql::run(cluster, &server, argv),
        Database::Mysql => mysql::run(cluster, &server, argv),
        Database::Redis => redis::run(cluster, &server, argv),
        Database::Mongo => mongo::run(cluster, &server, argv),
    })
}

fn refused(database: Database, host: &str, port: u16, error: &connect::ConnectError) -> ClientRun {
    let (stderr, code) = connect::failure(database, host, port, error);
    ClientRun { stderr, code, ..Default::default() }
}

/// The environment a container was started with.
fn environment_of(cluster: &Cluster, pod: &Pod, container: &Container) -> Vec<(String, String)> {
    Server { pod, container }.env_pairs(cluster)
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
/// `kubectl exec -it cache -- redis-cli`), connected to the server it reached.
pub struct Interactive {
    client: Client,
    server_pod: Pod,
    server_container: Container,
}

enum Client {
    Psql(psql::Session),
    Mysql(mysql::Session),
    Mongo(mongo::Session),
    /// redis-cli and its prompt (`127.0.0.1:6379> `).
    Redis(String),
}

/// Opening an interactive client: its session and greeting, or the refusal it printed.
pub enum Opened {
    Session(Box<Interactive>, String),
    Refused(ClientRun),
}

/// Opens the interactive prompt when `argv` is a client that would read its input (psql without
/// `-c`, redis-cli without a command); `None` for anything else.
pub fn open_interactive(cluster: &mut Cluster, pod: &Pod, container: &Container, argv: &[String]) -> Option<Opened> {
    let command = argv.first()?;
    if !has_client(&container.image, command) {
        return None;
    }
    let database = Database::of_image(&container.image)?;
    let interactive = match database {
        Database::Postgres => psql::is_interactive(argv),
        Database::Redis => redis::is_interactive(argv),
        Database::Mysql => mysql::is_interactive(argv),
        Database::Mongo => mongo::is_interactive(argv),
    };
    if !interactive {
        return None;
    }
    let (host, port) = connect::address(database, argv);
    let local = matches!(host.as_str(), "" | "localhost" | "127.0.0.1" | "::1") || host.starts_with('/');
    let (server_pod, server_container, ip) = match connect::reach(cluster, pod, &host, port) {
        Ok(found) if Database::of_image(&found.1.image) == Some(database) => found,
        Ok((_, _, ip)) => return Some(Opened::Refused(refused(database, &host, port, &connect::ConnectError::Refused(ip)))),
        Err(e) => return Some(Opened::Refused(refused(database, &host, port, &e))),
    };
    let server = Server { pod: &server_pod, container: &server_container };
    let client = match database {
        Database::Postgres => {
            if !local {
                let password = environment_of(cluster, pod, container).into_iter().rev().find(|(k, _)| k == "PGPASSWORD").map(|(_, v)| v);
                if let Some(refusal) = psql::check_password(cluster, &server, argv, &host, &ip, port, password) {
                    return Some(Opened::Refused(refusal));
                }
            }
            match psql::connect(cluster, &server, argv) {
                Ok(session) => Client::Psql(session),
                Err(refusal) => return Some(Opened::Refused(refusal)),
            }
        }
        Database::Mysql => {
            let mut warnings = String::new();
            match mysql::connect(cluster, &server, argv, &mut warnings) {
                Ok(session) => Client::Mysql(session),
                Err(refusal) => return Some(Opened::Refused(refusal)),
            }
        }
        Database::Mongo => Client::Mongo(mongo::Session::new(argv)),
        Database::Redis => Client::Redis(format!("{}:{port}> ", if local { "127.0.0.1" } else { host.as_str() })),
    };
    let banner = match client {
        Client::Psql(_) => psql::BANNER.to_string(),
        Client::Mysql(_) => mysql::BANNER.to_string(),
        Client::Mongo(_) => mongo::banner(cluster),
        Client::Redis(_) => String::new(),
    };
    Some(Opened::Session(Box::new(Interactive { client, server_pod, server_container }), banner))
}

impl Interactive {
    /// The prompt for the next line.
    pub fn prompt(&self) -> String {
        match &self.client {
            Client::Psql(session) => session.prompt(),
            Client::Mysql(session) => session.prompt(),
            Client::Mongo(session) => session.prompt(),
            Client::Redis(prompt) => prompt.clone(),
        }
    }

    /// Runs one typed line on the server the client connected to; the flag says the client quit.
    pub fn feed(&mut self, cluster: &mut Cluster, line: &str) -> (ClientRun, bool) {
        let server = Server { pod: &self.server_pod, container: &self.server_container };
        let mut ran = ClientRun::default();
        let quit = match &mut self.client {
            Client::Psql(session) => session.type_line(cluster, &server, line, &mut ran),
            Client::Mysql(session) => session.type_line(cluster, &server, line, &mut ran),
            Client::Mongo(session) => session.type_line(cluster, &server, line, &mut ran),
            Client::Redis(_) => {
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
