//! `kubectl exec -it pg-0 -- psql -U postgres`: a database client's own prompt inside the
//! container. Each line goes to the client ([`crate::cluster::apps::databases::Interactive`]);
//! `\q`, `exit` or Ctrl+D leave it and end the kubectl command.

use crate::cluster::apps::databases::Interactive;
use crate::cluster::objects::Pod;
use crate::job::Job;
use crate::output::{Output, Stream};
use crate::world::World;

/// A database client reading the learner's lines.
pub struct ClientShell {
    pod: Pod,
    client: Box<Interactive>,
    /// Without a terminal the client prints no prompt.
    tty: bool,
    exited: Option<i32>,
}

impl ClientShell {
    /// A client already connected, running in `pod`.
    pub fn new(pod: Pod, client: Box<Interactive>, tty: bool) -> Self {
        ClientShell { pod, client, tty, exited: None }
    }

    fn pod_is_gone(&self, world: &World) -> bool {
        let meta = &self.pod.metadata;
        super::same_pod(&world.cluster, &meta.namespace, &meta.name, &meta.uid).is_none()
    }
}

impl Job for ClientShell {
    fn poll(&mut self, world: &mut World, out: &mut Output) -> Option<i32> {
        if self.exited.is_none() && self.pod_is_gone(world) {
            out.errln("command terminated with exit code 137");
            self.exited = Some(137);
        }
        self.exited
    }

    fn wants_input(&self) -> Option<String> {
        self.exited.is_none().then(|| if self.tty { self.client.prompt() } else { String::new() })
    }

    fn feed(&mut self, line: &str, world: &mut World, out: &mut Output) {
        let (ran, quit) = self.client.feed(&mut world.cluster, line);
        out.out(&ran.stdout);
        if !ran.stderr.is_empty() {
            out.push(Stream::Stderr, &ran.stderr);
        }
        if quit {
            self.exited = Some(0);
        }
    }

    fn interrupt(&mut self, _world: &mut World, out: &mut Output) -> i32 {
        out.errln("command terminated with exit code 130");
        self.exited = Some(130);
        130
    }
}

#[cfg(test)]
mod tests {
    use crate::kubectl::rollout::fixtures::text;
    use crate::session::{Session, DEFAULT_SEED};

    #[test]
    fn psql_prompt_runs_statements_until_backslash_q() {
        let mut session = Session::new(DEFAULT_SEED);
        session.submit("kubectl run pg --image=postgres:17 --env=POSTGRES_PASSWORD=pw; kubectl wait --for=condition=Ready pod/pg");
        session.wait_for_completion();
        text(&mut session);
        session.submit("kubectl exec -it pg -- psql -U postgres");
        assert_eq!(text(&mut session), "psql (18.0 (Debian 18.0-1.pgdg13+3))\nType \"help\" for help.\n\n");
        assert_eq!(session.prompt(), "postgres=# ");
        session.submit("CREATE TABLE notes (body text)");
        assert_eq!(session.prompt(), "postgres-# ", "the statement goes on until a semicolon");
        session.submit(";");
        assert_eq!(text(&mut session), "CREATE TABLE\n");
        session.submit("SELECT * FROM nope;");
        assert_eq!(text(&mut session), "ERROR:  relation \"nope\" does not exist\nLINE 1: SELECT * FROM nope;\n                      ^\n");
        assert_eq!(session.prompt(), "postgres=# ", "an error leaves psql running");
        assert!(session.end_of_input(), "Ctrl+D quits psql");
        assert_eq!(session.prompt(), "(default) $ ");
        assert_eq!(session.last_status(), 0);
        session.submit("kubectl exec pg -- psql -U postgres -c '\\dt'");
        assert!(text(&mut session).contains(" public | notes | table | postgres\n"));
    }

    #[test]
    fn redis_cli_prompt_prints_typed_replies() {
        let mut session = Session::new(DEFAULT_SEED);
        session.submit("kubectl run cache --image=redis; kubectl wait --for=condition=Ready pod/cache");
        session.wait_for_completion();
        text(&mut session);
        session.submit("kubectl exec -it cache -- redis-cli");
        assert_eq!(session.prompt(), "127.0.0.1:6379> ");
        session.submit("SET greeting \"hello world\"");
        session.submit("GET greeting");
        session.submit("GET nothing");
        session.submit("KEYS *");
        assert_eq!(text(&mut session), "OK\n\"hello world\"\n(nil)\n1) \"greeting\"\n");
        session.submit("exit");
        assert_eq!(session.prompt(), "(default) $ ");
        session.submit("kubectl exec cache -- redis-cli GET greeting");
        assert_eq!(text(&mut session), "hello world\n");
    }
}
