//! `psql` inside a postgres container: `-U`, `-d`, `-c SQL` (repeatable, also `\dt`), results in
//! psql's aligned format and errors in postgres's words with a `LINE n:` caret.

use super::sql::{self, Outcome, SqlError, Tables, Value};
use super::{postgres_data_dir, ClientRun, Server};
use crate::cluster::Cluster;

/// What `-U`, `-d`, `-c`, `-t` and `-A` asked for.
pub(super) struct Options {
    pub(super) user: String,
    pub(super) database: Option<String>,
    pub(super) commands: Vec<String>,
    pub(super) format: Format,
}

/// How psql prints result rows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Format {
    /// `-t`: rows only, no header or row count.
    pub tuples_only: bool,
    /// `-A`: cells joined by `|` instead of padded columns.
    pub unaligned: bool,
}

/// psql's short options that take a value.
const VALUE_FLAGS: &str = "UdchpfvPF";

/// Reads psql's command line (short options may be grouped: `-tAc SQL`); unknown flags are
/// ignored.
pub(super) fn options(argv: &[String]) -> Options {
    let mut o = Options { user: "root".into(), database: None, commands: vec![], format: Format::default() };
    let mut positional = Vec::new();
    let mut args = argv.iter().skip(1);
    while let Some(arg) = args.next() {
        if let Some(long) = arg.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (n, Some(v.to_string())),
                None => (long, None),
            };
            let mut value = || inline.clone().or_else(|| args.next().cloned()).unwrap_or_default();
            match name {
                "username" => o.user = value(),
                "dbname" => o.database = Some(value()),
                "command" => o.commands.push(value()),
                "host" | "port" | "file" | "set" | "variable" => {
                    value();
                }
                "tuples-only" => o.format.tuples_only = true,
                "no-align" => o.format.unaligned = true,
                _ => {}
            }
            continue;
        }
        let Some(cluster) = arg.strip_prefix('-').filter(|c| !c.is_empty()) else {
            positional.push(arg.clone());
            continue;
        };
        for (i, flag) in cluster.char_indices() {
            if VALUE_FLAGS.contains(flag) {
                let rest = &cluster[i + flag.len_utf8()..];
                let value = if rest.is_empty() { args.next().cloned().unwrap_or_default() } else { rest.to_string() };
                match flag {
                    'U' => o.user = value,
                    'd' => o.database = Some(value),
                    'c' => o.commands.push(value),
                    _ => {}
                }
                break;
            }
            match flag {
                't' => o.format.tuples_only = true,
                'A' => o.format.unaligned = true,
                _ => {}
            }
        }
    }
    if o.database.is_none() {
        o.database = positional.first().cloned();
    }
    o
}

/// A postgres server's superuser and default database, as its entrypoint created them.
fn superuser(cluster: &Cluster, server: &Server) -> (String, String) {
    let user = server.env(cluster, "POSTGRES_USER").filter(|u| !u.is_empty()).unwrap_or_else(|| "postgres".into());
    let database = server.env(cluster, "POSTGRES_DB").filter(|d| !d.is_empty()).unwrap_or_else(|| user.clone());
    (user, database)
}

/// The file holding the tables of `database`.
fn tables_file(cluster: &Cluster, server: &Server, database: &str) -> String {
    let env = server.env_pairs(cluster);
    format!("{}/base/{database}.tables", postgres_data_dir(&server.container.image, &env))
}

/// Connects as `-U` to `-d` and runs the `-c` commands.
pub fn run(cluster: &mut Cluster, server: &Server, argv: &[String]) -> ClientRun {
    let mut session = match connect(cluster, server, argv) {
        Ok(session) => session,
        Err(refused) => return refused,
    };
    let mut ran = ClientRun::default();
    for command in &options(argv).commands {
        session.execute(cluster, server, command, &mut ran);
        if ran.code != 0 {
            break;
        }
    }
    ran
}

/// psql over TCP (`-h HOST`): the server asks for the password, which must come from
/// `PGPASSWORD` (exec gives psql no terminal to ask on).
#[allow(clippy::too_many_arguments)]
pub fn run_remote(cluster: &mut Cluster, server: &Server, argv: &[String], host: &str, ip: &str, port: u16, password: Option<String>) -> ClientRun {
    if let Some(refusal) = check_password(cluster, server, argv, host, ip, port, password) {
        return refusal;
    }
    let at = format!("psql: error: connection to server at \"{host}\" ({ip}), port {port} failed: ");
    let mut ran = run(cluster, server, argv);
    ran.stderr = ran.stderr.replace("psql: error: connection to server on socket \"/var/run/postgresql/.s.PGSQL.5432\" failed: ", &at);
    ran
}

/// The server's password check for a TCP connection: `None` when it lets the client in.
#[allow(clippy::too_many_arguments)]
pub fn check_password(cluster: &Cluster, server: &Server, argv: &[String], host: &str, ip: &str, port: u16, password: Option<String>) -> Option<ClientRun> {
    let at = format!("psql: error: connection to server at \"{host}\" ({ip}), port {port} failed: ");
    let trust = server.env(cluster, "POSTGRES_HOST_AUTH_METHOD").as_deref() == Some("trust");
    let expected = server.env(cluster, "POSTGRES_PASSWORD").unwrap_or_default();
    let user = options(argv).user;
    match password {
        _ if trust => None,
        None => Some(ClientRun { stderr: format!("{at}fe_sendauth: no password supplied\n"), code: 2, ..Default::default() }),
        Some(p) if p != expected => Some(ClientRun { stderr: format!("{at}FATAL:  password authentication failed for user \"{user}\"\n"), code: 2, ..Default::default() }),
        Some(_) => None,
    }
}

/// Whether `argv` starts psql's interactive prompt (no `-c`).
pub fn is_interactive(argv: &[String]) -> bool {
    options(argv).commands.is_empty()
}

/// Opens a connection as `-U` to `-d`, or says why the server refused it.
pub fn connect(cluster: &Cluster, server: &Server, argv: &[String]) -> Result<Session, ClientRun> {
    let o = options(argv);
    let (superuser, default_db) = superuser(cluster, server);
    let socket = "psql: error: connection to server on socket \"/var/run/postgresql/.s.PGSQL.5432\" failed: FATAL: ";
    if o.user != superuser {
        return Err(ClientRun { stderr: format!("{socket} role \"{}\" does not exist\n", o.user), code: 2, ..Default::default() });
    }
    let database = o.database.clone().unwrap_or_else(|| o.user.clone());
    if database != default_db && database != "postgres" {
        return Err(ClientRun { stderr: format!("{socket} database \"{database}\" does not exist\n"), code: 2, ..Default::default() });
    }
    Ok(Session { database, owner: superuser, pending: String::new(), format: o.format })
}

/// The greeting of interactive psql.
pub const BANNER: &str = "psql (18.0 (Debian 18.0-1.pgdg13+3))\nType \"help\" for help.\n\n";

/// A connection to one database.
pub struct Session {
    pub database: String,
    owner: String,
    /// Lines of a statement not yet ended by `;` (interactive input).
    pending: String,
    format: Format,
}

impl Session {
    /// psql's prompt: `postgres=# `, or `postgres-# ` inside an unfinished statement.
    pub fn prompt(&self) -> String {
        let mark = if self.pending.is_empty() { '=' } else { '-' };
        format!("{}{mark}# ", self.database)
    }

    /// One line typed at the prompt: a meta-command, or SQL that runs once a `;` ends it.
    /// Returns true when the line quits psql (`\q`, `exit`, `quit`).
    pub fn type_line(&mut self, cluster: &mut Cluster, server: &Server, line: &str, ran: &mut ClientRun) -> bool {
        let trimmed = line.trim();
        if self.pending.is_empty() && matches!(trimmed, "\\q" | "exit" | "quit" | "\\quit") {
            return true;
        }
        if self.pending.is_empty() && trimmed == "help" {
            ran.stdout.push_str("You are using psql, the command-line interface to PostgreSQL.\nType:  \\copyright for distribution terms\n       \\h for help with SQL commands\n       \\? for help with psql commands\n       \\g or terminate with semicolon to execute query\n       \\q to quit\n");
            return false;
        }
        if self.pending.is_empty() && trimmed.starts_with('\\') {
            self.execute(cluster, server, trimmed, ran);
            return false;
        }
        if trimmed.is_empty() {
            return false;
        }
        if !self.pending.is_empty() {
            self.pending.push('\n');
        }
        self.pending.push_str(line.trim_end());
        if trimmed.ends_with(';') {
            let text = std::mem::take(&mut self.pending);
            self.execute(cluster, server, &text, ran);
        }
        false
    }

    /// Runs one line of SQL or a `\` meta-command, adding its output to `ran` (code 1 on error).
    pub fn execute(&mut self, cluster: &mut Cluster, server: &Server, text: &str, ran: &mut ClientRun) {
        let path = tables_file(cluster, server, &self.database);
        let mut tables = sql::load(&server.read(cluster, &path).unwrap_or_default());
        let trimmed = text.trim();
        if let Some(meta) = trimmed.strip_prefix('\\') {
            self.meta(meta, &tables, ran);
            return;
        }
        let (outcomes, error) = sql::run(text, &mut tables);
        for outcome in &outcomes {
            ran.stdout.push_str(&show(outcome, self.format));
        }
        if !outcomes.is_empty() {
            server.write(cluster, &path, &sql::save(&tables));
        }
        if let Some(error) = error {
            ran.stderr.push_str(&error_text(&error, text));
            ran.code = 1;
        }
    }

    fn meta(&self, meta: &str, tables: &Tables, ran: &mut ClientRun) {
        let command = meta.split_whitespace().next().unwrap_or("");
        match command {
            "dt" | "d" if meta.split_whitespace().nth(1).is_none() => {
                if tables.is_empty() {
                    ran.stderr.push_str("Did not find any relations.\n");
                    return;
                }
                let rows: Vec<Vec<Value>> = tables.keys().map(|t| vec![Value::Text("public".into()), Value::Text(t.clone()), Value::Text("table".into()), Value::Text(self.owner.clone())]).collect();
                let columns: Vec<(String, bool)> = ["Schema", "Name", "Type", "Owner"].iter().map(|c| (c.to_string(), false)).collect();
                ran.stdout.push_str(&aligned(Some("List of relations"), &columns, &rows));
            }
            "d" => {
                let name = meta.split_whitespace().nth(1).unwrap_or("");
                match tables.get(name) {
                    Some(table) => {
                        let rows: Vec<Vec<Value>> = table.columns.iter().map(|c| vec![Value::Text(c.name.clone()), Value::Text(c.type_name.clone()), Value::Text(String::new()), Value::Text(String::new()), Value::Text(String::new())]).collect();
                        let columns: Vec<(String, bool)> = ["Column", "Type", "Collation", "Nullable", "Default"].iter().map(|c| (c.to_string(), false)).collect();
                        let table_text = aligned(Some(&format!("Table \"public.{name}\"")), &columns, &rows);
                        ran.stdout.push_str(table_text.split("\n(").next().unwrap_or(""));
                        ran.stdout.push_str("\n\n");
                    }
                    None => {
                        ran.stderr.push_str(&format!("Did not find any relation named \"{name}\".\n"));
                    }
                }
            }
            "l" | "list" => {
                let rows = vec![vec![Value::Text(self.database.clone()), Value::Text(self.owner.clone()), Value::Text("UTF8".into())]];
                let columns: Vec<(String, bool)> = ["Name", "Owner", "Encoding"].iter().map(|c| (c.to_string(), false)).collect();
                ran.stdout.push_str(&aligned(Some("List of databases"), &columns, &rows));
            }
            "q" => {}
            _ => {
                ran.stderr.push_str(&format!("invalid command \\{command}\nTry \\? for help.\n"));
                ran.code = 1;
            }
        }
    }
}

/// A statement's output: its command tag, or its rows in the chosen format.
pub(super) fn show(outcome: &Outcome, format: Format) -> String {
    match outcome {
        Outcome::Done(tag) => format!("{tag}\n"),
        Outcome::Rows { columns, rows } if format.unaligned => {
            let line = |cells: Vec<String>| format!("{}\n", cells.join("|"));
            let mut out = String::new();
            if !format.tuples_only {
                out.push_str(&line(columns.iter().map(|(c, _)| c.clone()).collect()));
            }
            for row in rows {
                out.push_str(&line(row.iter().map(Value::show).collect()));
            }
            if !format.tuples_only {
                out.push_str(&format!("({} {})\n", rows.len(), if rows.len() == 1 { "row" } else { "rows" }));
            }
            out
        }
        Outcome::Rows { columns, rows } if format.tuples_only => {
            let table = aligned(None, columns, rows);
            let body: Vec<&str> = table.lines().skip(2).take(rows.len()).collect();
            body.iter().map(|l| format!("{l}\n")).collect::<String>() + "\n"
        }
        Outcome::Rows { columns, rows } => aligned(None, columns, rows),
    }
}

/// psql's aligned table: centered header, `-+-` rule, numbers right-aligned, `(N rows)` and a
/// blank line.
pub fn aligned(title: Option<&str>, columns: &[(String, bool)], rows: &[Vec<Value>]) -> String {
    let width = |s: &str| s.chars().count();
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, (name, _))| rows.iter().map(|r| r.get(i).map_or(0, |v| width(&v.show()))).max().unwrap_or(0).max(width(name)))
        .collect();
    let mut out = String::new();
    if let Some(title) = title {
        let total = widths.iter().sum::<usize>() + 3 * widths.len().saturating_sub(1) + 2;
        out.push_str(&format!("{}{title}\n", " ".repeat(total.saturating_sub(width(title)) / 2)));
    }
    let header: Vec<String> = columns
        .iter()
        .zip(&widths)
        .map(|((name, _), w)| {
            let pad = w.saturating_sub(width(name));
            format!("{}{name}{}", " ".repeat(pad / 2), " ".repeat(pad - pad / 2))
        })
        .collect();
    out.push_str(&format!(" {} \n", header.join(" | ")));
    out.push_str(&widths.iter().map(|w| "-".repeat(w + 2)).collect::<Vec<_>>().join("+"));
    out.push('\n');
    for row in rows {
        let last = columns.len().saturating_sub(1);
        let cells: Vec<String> = columns
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, ((_, numeric), w))| {
                let text = row.get(i).map(Value::show).unwrap_or_default();
                if *numeric {
                    format!("{text:>w$}")
                } else if i == last {
                    text
                } else {
                    format!("{text:<w$}")
                }
            })
            .collect();
        out.push_str(&format!(" {}\n", cells.join(" | ")));
    }
    out.push_str(&format!("({} {})\n\n", rows.len(), if rows.len() == 1 { "row" } else { "rows" }));
    out
}

/// postgres's error report: `ERROR:  …` and, when it points into the text, `LINE n:` and a caret.
pub fn error_text(error: &SqlError, sql_text: &str) -> String {
    let (message, at) = match error {
        SqlError::Syntax { near: Some(near), at } => (format!("syntax error at or near \"{near}\""), Some(*at)),
        SqlError::Syntax { near: None, at } => ("syntax error at end of input".to_string(), Some(*at)),
        SqlError::Unterminated { at } => (format!("unterminated quoted string at or near \"{}\"", sql_text.get(*at..).unwrap_or("")), Some(*at)),
        SqlError::UndefinedTable { name, at } => (format!("relation \"{name}\" does not exist"), Some(*at)),
        SqlError::UndefinedColumn { name, table: Some(table), at } => (format!("column \"{name}\" of relation \"{table}\" does not exist"), Some(*at)),
        SqlError::UndefinedColumn { name, table: None, at } => (format!("column \"{name}\" does not exist"), Some(*at)),
        SqlError::DuplicateTable { name } => (format!("relation \"{name}\" already exists"), None),
        SqlError::MissingTable { name } => (format!("table \"{name}\" does not exist"), None),
        SqlError::InvalidInteger { text, at } => (format!("invalid input syntax for type integer: \"{text}\""), Some(*at)),
        SqlError::MoreExpressions { at } => ("INSERT has more expressions than target columns".to_string(), Some(*at)),
        SqlError::MoreTargets { at } => ("INSERT has more target columns than expressions".to_string(), Some(*at)),
    };
    let mut out = format!("ERROR:  {message}\n");
    if let Some(at) = at {
        let before = sql_text.get(..at.min(sql_text.len())).unwrap_or("");
        let line_no = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before.get(line_start..).unwrap_or("").chars().count();
        let line = sql_text.get(line_start..).unwrap_or("").lines().next().unwrap_or("");
        let prefix = format!("LINE {line_no}: ");
        out.push_str(&format!("{prefix}{line}\n{}^\n", " ".repeat(prefix.len() + column)));
    }
    out
}
