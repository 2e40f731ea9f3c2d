//! `mysql -uroot -pSECRET [-e SQL] [DB]` inside a mysql container, in batch mode (the output is
//! not a terminal): tab-separated results with a header line, errors as `ERROR 1146 (42S02) at
//! line 1: …`. Databases are folders of /var/lib/mysql.

use super::sql::{self, Outcome, SqlError, Value};
use super::{ClientRun, Server};
use crate::cluster::Cluster;

const DATA: &str = "/var/lib/mysql";

/// Logs in and runs the `-e` statements.
pub fn run(cluster: &mut Cluster, server: &Server, argv: &[String]) -> ClientRun {
    let mut user = "root".to_string();
    let mut password: Option<String> = None;
    let mut execute: Option<String> = None;
    let mut database: Option<String> = None;
    let mut args = argv.iter().skip(1);
    while let Some(a) = args.next() {
        if let Some(u) = a.strip_prefix("-u").filter(|u| !u.is_empty()).or_else(|| a.strip_prefix("--user=")) {
            user = u.to_string();
        } else if a == "-u" {
            user = args.next().cloned().unwrap_or_default();
        } else if let Some(p) = a.strip_prefix("--password=").or_else(|| a.strip_prefix("-p")) {
            password = Some(p.to_string());
        } else if a == "-e" || a == "--execute" {
            execute = args.next().cloned();
        } else if let Some(e) = a.strip_prefix("--execute=") {
            execute = Some(e.to_string());
        } else if a == "-D" {
            database = args.next().cloned();
        } else if !a.starts_with('-') {
            database = Some(a.clone());
        }
    }
    let mut ran = ClientRun::default();
    if password.as_deref().is_some_and(|p| !p.is_empty()) {
        ran.stderr.push_str("mysql: [Warning] Using a password on the command line interface can be insecure.\n");
    }
    let root_password = server.env(cluster, "MYSQL_ROOT_PASSWORD").unwrap_or_default();
    let (app_user, app_password) = (server.env(cluster, "MYSQL_USER"), server.env(cluster, "MYSQL_PASSWORD").unwrap_or_default());
    let expected = if user == "root" { Some(root_password) } else if app_user.as_deref() == Some(user.as_str()) { Some(app_password) } else { None };
    let given = password.clone().unwrap_or_default();
    if expected.as_deref() != Some(given.as_str()) {
        let using = if given.is_empty() { "NO" } else { "YES" };
        ran.stderr.push_str(&format!("ERROR 1045 (28000): Access denied for user '{user}'@'localhost' (using password: {using})\n"));
        ran.code = 1;
        return ran;
    }
    let Some(text) = execute else { return ran };
    let mut known = databases(cluster, server);
    if let Some(db) = &database {
        if !known.contains(db) {
            ran.stderr.push_str(&format!("ERROR 1049 (42000): Unknown database '{db}'\n"));
            ran.code = 1;
            return ran;
        }
    }
    for statement in text.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        let words: Vec<String> = statement.split_whitespace().map(|w| w.trim_matches('`').to_string()).collect();
        let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
        let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
        match lower.as_slice() {
            ["use", _] => {
                let db = words[1].clone();
                if !known.contains(&db) {
                    return fail(ran, &format!("ERROR 1049 (42000) at line 1: Unknown database '{db}'"));
                }
                database = Some(db);
            }
            ["create", "database", ..] => {
                let Some(db) = words.last().cloned() else { continue };
                if known.contains(&db) && !lower.contains(&"exists") {
                    return fail(ran, &format!("ERROR 1007 (HY000) at line 1: Can't create database '{db}'; database exists"));
                }
                known.push(db);
                known.sort();
                known.dedup();
                server.write(cluster, &format!("{DATA}/databases"), &known.join("\n"));
            }
            ["show", "databases"] => {
                let mut all = vec!["information_schema".to_string(), "mysql".into(), "performance_schema".into(), "sys".into()];
                all.extend(known.iter().cloned());
                all.sort();
                ran.stdout.push_str(&format!("Database\n{}\n", all.join("\n")));
            }
            _ => {
                let Some(db) = database.clone() else { return fail(ran, "ERROR 1046 (3D000) at line 1: No database selected") };
                let path = format!("{DATA}/{db}/tables");
                let mut tables = sql::load(&server.read(cluster, &path).unwrap_or_default());
                if lower.as_slice() == ["show", "tables"] {
                    let names: String = tables.keys().map(|t| format!("{t}\n")).collect();
                    if !names.is_empty() {
                        ran.stdout.push_str(&format!("Tables_in_{db}\n{names}"));
                    }
                    continue;
                }
                let (outcomes, error) = sql::run(statement, &mut tables);
                for outcome in outcomes {
                    if let Outcome::Rows { columns, rows } = outcome {
                        if !rows.is_empty() {
                            let header: Vec<&str> = columns.iter().map(|(c, _)| c.as_str()).collect();
                            ran.stdout.push_str(&format!("{}\n", header.join("\t")));
                            for row in rows {
                                let cells: Vec<String> = row.iter().map(|v| if *v == Value::Null { "NULL".into() } else { v.show() }).collect();
                                ran.stdout.push_str(&format!("{}\n", cells.join("\t")));
                            }
                        }
                    }
                }
                server.write(cluster, &path, &sql::save(&tables));
                if let Some(error) = error {
                    return fail(ran, &error_text(&error, statement, &db));
                }
            }
        }
    }
    ran
}

fn fail(mut ran: ClientRun, message: &str) -> ClientRun {
    ran.stderr.push_str(message);
    ran.stderr.push('\n');
    ran.code = 1;
    ran
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

/// MySQL's words for a failed statement.
fn error_text(error: &SqlError, statement: &str, db: &str) -> String {
    let near = |at: usize| statement.get(at..).unwrap_or("").to_string();
    match error {
        SqlError::Syntax { at, .. } | SqlError::Unterminated { at } => format!(
            "ERROR 1064 (42000) at line 1: You have an error in your SQL syntax; check the manual that corresponds to your MySQL server version for the right syntax to use near '{}' at line 1",
            near(*at)
        ),
        SqlError::UndefinedTable { name, .. } => format!("ERROR 1146 (42S02) at line 1: Table '{db}.{name}' doesn't exist"),
        SqlError::UndefinedColumn { name, .. } => format!("ERROR 1054 (42S22) at line 1: Unknown column '{name}' in 'field list'"),
        SqlError::DuplicateTable { name } => format!("ERROR 1050 (42S01) at line 1: Table '{name}' already exists"),
        SqlError::MissingTable { name } => format!("ERROR 1051 (42S02) at line 1: Unknown table '{db}.{name}'"),
        SqlError::InvalidInteger { text, .. } => format!("ERROR 1366 (HY000) at line 1: Incorrect integer value: '{text}' for column at row 1"),
        SqlError::MoreExpressions { .. } | SqlError::MoreTargets { .. } => "ERROR 1136 (21S01) at line 1: Column count doesn't match value count at row 1".into(),
    }
}
