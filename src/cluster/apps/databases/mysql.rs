//! `mysql -uroot -pSECRET [-e SQL] [DB]` inside a mysql container. With `-e` it runs in batch
//! mode (tab-separated results with a header line, errors as `ERROR 1146 (42S02) at line 1: …`);
//! without, `kubectl exec -it` gets the `mysql> ` monitor with boxed tables. Databases are
//! folders of /var/lib/mysql.

use super::sql::{self, Outcome, SqlError, Value};
use super::{ClientRun, Server};
use crate::cluster::Cluster;

const DATA: &str = "/var/lib/mysql";

/// The monitor's greeting.
pub const BANNER: &str = "Welcome to the MySQL monitor.  Commands end with ; or \\g.\nYour MySQL connection id is 8\nServer version: 9.4.0 MySQL Community Server - GPL\n\nCopyright (c) 2000, 2025, Oracle and/or its affiliates.\n\nOracle is a registered trademark of Oracle Corporation and/or its\naffiliates. Other names may be trademarks of their respective\nowners.\n\nType 'help;' or '\\h' for help. Type '\\c' to clear the current input statement.\n\n";

/// The command line: who logs in, to which database, and the `-e` statements.
struct Login {
    user: String,
    password: Option<String>,
    execute: Option<String>,
    database: Option<String>,
}

fn parse(argv: &[String]) -> Login {
    let mut login = Login { user: "root".into(), password: None, execute: None, database: None };
    let mut args = argv.iter().skip(1);
    while let Some(a) = args.next() {
        if let Some(u) = a.strip_prefix("-u").filter(|u| !u.is_empty()).or_else(|| a.strip_prefix("--user=")) {
            login.user = u.to_string();
        } else if a == "-u" {
            login.user = args.next().cloned().unwrap_or_default();
        } else if let Some(p) = a.strip_prefix("--password=").or_else(|| a.strip_prefix("-p")) {
            login.password = Some(p.to_string());
        } else if a == "-e" || a == "--execute" {
            login.execute = args.next().cloned();
        } else if let Some(e) = a.strip_prefix("--execute=") {
            login.execute = Some(e.to_string());
        } else if a == "-D" || a == "-h" || a == "-P" {
            let value = args.next().cloned();
            if a == "-D" {
                login.database = value;
            }
        } else if !a.starts_with('-') {
            login.database = Some(a.clone());
        }
    }
    login
}

/// Whether `argv` opens the interactive monitor (no `-e`).
pub fn is_interactive(argv: &[String]) -> bool {
    parse(argv).execute.is_none()
}

/// Checks the password and the database; the session, or what the client printed on refusal.
/// The password warning goes to `warnings`.
pub fn connect(cluster: &Cluster, server: &Server, argv: &[String], warnings: &mut String) -> Result<Session, ClientRun> {
    let login = parse(argv);
    if login.password.as_deref().is_some_and(|p| !p.is_empty()) {
        warnings.push_str("mysql: [Warning] Using a password on the command line interface can be insecure.\n");
    }
    let root_password = server.env(cluster, "MYSQL_ROOT_PASSWORD").unwrap_or_default();
    let (app_user, app_password) = (server.env(cluster, "MYSQL_USER"), server.env(cluster, "MYSQL_PASSWORD").unwrap_or_default());
    let expected = if login.user == "root" { Some(root_password) } else if app_user.as_deref() == Some(login.user.as_str()) { Some(app_password) } else { None };
    let given = login.password.clone().unwrap_or_default();
    let refuse = |message: String| ClientRun { stderr: format!("{warnings}{message}\n"), code: 1, ..Default::default() };
    if expected.as_deref() != Some(given.as_str()) {
        let using = if given.is_empty() { "NO" } else { "YES" };
        return Err(refuse(format!("ERROR 1045 (28000): Access denied for user '{}'@'localhost' (using password: {using})", login.user)));
    }
    if let Some(db) = &login.database {
        if !databases(cluster, server).contains(db) {
            return Err(refuse(format!("ERROR 1049 (42000): Unknown database '{db}'")));
        }
    }
    Ok(Session { database: login.database, pending: String::new() })
}

/// Logs in and runs the `-e` statements in batch mode.
pub fn run(cluster: &mut Cluster, server: &Server, argv: &[String]) -> ClientRun {
    let mut ran = ClientRun::default();
    let mut session = match connect(cluster, server, argv, &mut ran.stderr) {
        Ok(session) => session,
        Err(refused) => return refused,
    };
    let Some(text) = parse(argv).execute else { return ran };
    for statement in text.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        match session.statement(cluster, server, statement, false) {
            Ok(out) => ran.stdout.push_str(&out),
            Err((code, message)) => {
                ran.stderr.push_str(&format!("{code} at line 1: {message}\n"));
                ran.code = 1;
                break;
            }
        }
    }
    ran
}

/// A logged-in client: the database in use and, at the monitor, a statement still being typed.
pub struct Session {
    database: Option<String>,
    pending: String,
}

impl Session {
    /// The monitor's prompt: `mysql> `, or `    -> ` inside an unfinished statement.
    pub fn prompt(&self) -> String {
        if self.pending.is_empty() { "mysql> ".into() } else { "    -> ".into() }
    }

    /// One line typed at the monitor; returns true when it quits (`exit`, `quit`, `\q`).
    pub fn type_line(&mut self, cluster: &mut Cluster, server: &Server, line: &str, ran: &mut ClientRun) -> bool {
        let trimmed = line.trim();
        if self.pending.is_empty() && matches!(trimmed.trim_end_matches(';'), "exit" | "quit" | "\\q") {
            ran.stdout.push_str("Bye\n");
            return true;
        }
        if trimmed.is_empty() {
            return false;
        }
        if !self.pending.is_empty() {
            self.pending.push(' ');
        }
        self.pending.push_str(trimmed);
        if !trimmed.ends_with(';') {
            return false;
        }
        let text = std::mem::take(&mut self.pending);
        for statement in text.split(';').map(str::trim).filter(|s| !s.is_empty()) {
            match self.statement(cluster, server, statement, true) {
                Ok(out) => ran.stdout.push_str(&out),
                Err((code, message)) => {
                    ran.stderr.push_str(&format!("{code}: {message}\n"));
                    break;
                }
            }
        }
        false
    }

    /// Runs one statement; `tty` picks the monitor's output over batch mode's. An error is its
    /// code part (`ERROR 1146 (42S02)`) and its message.
    fn statement(&mut self, cluster: &mut Cluster, server: &Server, statement: &str, tty: bool) -> Result<String, (String, String)> {
        let words: Vec<String> = statement.split_whitespace().map(|w| w.trim_matches('`').to_string()).collect();
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
        let mut known = databases(cluster, server);
        let affected = |n: usize| if tty { format!("Query OK, {n} {} affected (0.01 sec)\n\n", if n == 1 { "row" } else { "rows" }) } else { String::new() };
        match lower.as_slice() {
            ["use", _] => {
                let db = words.get(1).cloned().unwrap_or_default();
                if !known.contains(&db) {
                    return Err(("ERROR 1049 (42000)".into(), format!("Unknown database '{db}'")));
                }
                self.database = Some(db);
                Ok(if tty { "Database changed\n".into() } else { String::new() })
            }
            ["create", "database", ..] => {
                let db = words.last().cloned().unwrap_or_default();
                if known.contains(&db) {
                    if lower.contains(&"exists") {
                        return Ok(affected(0));
                    }
                    return Err(("ERROR 1007 (HY000)".into(), format!("Can't create database '{db}'; database exists")));
                }
                known.push(db);
                known.sort();
                server.write(cluster, &format!("{DATA}/databases"), &known.join("\n"));
                Ok(affected(1))
            }
            ["show", "databases"] => {
                let mut all = vec!["information_schema".to_string(), "mysql".into(), "performance_schema".into(), "sys".into()];
                all.extend(known.iter().cloned());
                all.sort();
                let rows: Vec<Vec<Value>> = all.into_iter().map(|d| vec![Value::Text(d)]).collect();
                Ok(result(&[("Database".into(), false)], &rows, tty))
            }
            _ => {
                let Some(db) = self.database.clone() else { return Err(("ERROR 1046 (3D000)".into(), "No database selected".into())) };
                let path = format!("{DATA}/{db}/tables");
                let mut tables = sql::load(&server.read(cluster, &path).unwrap_or_default());
                if lower.as_slice() == ["show", "tables"] {
                    let rows: Vec<Vec<Value>> = tables.keys().map(|t| vec![Value::Text(t.clone())]).collect();
                    return Ok(result(&[(format!("Tables_in_{db}"), false)], &rows, tty));
                }
                let (outcomes, error) = sql::run(statement, &mut tables);
                let mut out = String::new();
                for outcome in outcomes {
                    match outcome {
                        Outcome::Rows { columns, rows } => out.push_str(&result(&columns, &rows, tty)),
                        Outcome::Done(tag) => {
                            let n = tag.rsplit(' ').next().and_then(|n| n.parse().ok()).unwrap_or(0);
                            out.push_str(&affected(n));
                        }
                    }
                }
                server.write(cluster, &path, &sql::save(&tables));
                match error {
                    Some(error) => Err(error_text(&error, statement, &db)),
                    None => Ok(out),
                }
            }
        }
    }
}

/// A result set: tab-separated in batch mode (nothing for no rows), boxed at the monitor.
fn result(columns: &[(String, bool)], rows: &[Vec<Value>], tty: bool) -> String {
    let cell = |v: &Value| if *v == Value::Null { "NULL".to_string() } else { v.show() };
    if !tty {
        if rows.is_empty() {
            return String::new();
        }
        let header: Vec<&str> = columns.iter().map(|(c, _)| c.as_str()).collect();
        let mut out = format!("{}\n", header.join("\t"));
        for row in rows {
            out.push_str(&format!("{}\n", row.iter().map(cell).collect::<Vec<_>>().join("\t")));
        }
        return out;
    }
    if rows.is_empty() {
        return "Empty set (0.00 sec)\n\n".into();
    }
    let widths: Vec<usize> = columns
        .iter()
        .enumerate()
        .map(|(i, (name, _))| rows.iter().map(|r| r.get(i).map_or(0, |v| cell(v).chars().count())).max().unwrap_or(0).max(name.chars().count()))
        .collect();
    let rule = format!("+{}+\n", widths.iter().map(|w| "-".repeat(w + 2)).collect::<Vec<_>>().join("+"));
    let line = |cells: Vec<String>| format!("| {} |\n", cells.join(" | "));
    let mut out = rule.clone();
    out.push_str(&line(columns.iter().zip(&widths).map(|((c, _), w)| format!("{c:<w$}")).collect()));
    out.push_str(&rule);
    for row in rows {
        out.push_str(&line(
            columns
                .iter()
                .zip(&widths)
                .enumerate()
                .map(|(i, ((_, numeric), w))| {
                    let text = row.get(i).map(cell).unwrap_or_default();
                    if *numeric { format!("{text:>w$}") } else { format!("{text:<w$}") }
                })
                .collect(),
        ));
    }
    out.push_str(&rule);
    out.push_str(&format!("{} {} in set (0.00 sec)\n\n", rows.len(), if rows.len() == 1 { "row" } else { "rows" }));
    out
}

/// The databases of the server: `MYSQL_DATABASE` and those created since.
fn databases(cluster: &Cluster, server: &Server) -> Vec<String> {
    let mut known: Vec<String> = server.read(cluster, &format!("{DATA}/databases")).unwrap_or_default().lines().map(String::from).collect();
    if let Some(db) = server.env(cluster, "MYSQL_DATABASE").filter(|d| !d.is_empty()) {
        known.push(db);
    }
    known.sort();
    known.dedup();
    known
}

/// MySQL's code and words for a failed statement.
fn error_text(error: &SqlError, statement: &str, db: &str) -> (String, String) {
    let near = |at: usize| statement.get(at..).unwrap_or("").to_string();
    let (code, message) = match error {
        SqlError::Syntax { at, .. } | SqlError::Unterminated { at } => (
            "ERROR 1064 (42000)",
            format!("You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '{}' at line 1", near(*at)),
        ),
        SqlError::UndefinedTable { name, .. } => ("ERROR 1146 (42S02)", format!("Table '{db}.{name}' doesn't exist")),
        SqlError::UndefinedColumn { name, .. } => ("ERROR 1054 (42S22)", format!("Unknown column '{name}' in 'field list'")),
        SqlError::DuplicateTable { name } => ("ERROR 1050 (42S01)", format!("Table '{name}' already exists")),
        SqlError::MissingTable { name } => ("ERROR 1051 (42S02)", format!("Unknown table '{db}.{name}'")),
        SqlError::InvalidInteger { text, .. } => ("ERROR 1366 (HY000)", format!("Incorrect integer value: '{text}' for column at row 1")),
        SqlError::MoreExpressions { .. } | SqlError::MoreTargets { .. } => ("ERROR 1136 (21S01)", "Column count doesn't match value count at row 1".to_string()),
    };
    (code.to_string(), message)
}
