//! `mongosh --quiet --eval '…'` inside a mongo container: `db.C.insertOne({…})`,
//! `insertMany([…])`, `find([{…}])`, `countDocuments()`, `db.getCollectionNames()`, printed
//! the way mongosh inspects values. A collection lives in /data/db/<db>.<collection>, one
//! document a line in the same notation.

use super::{ClientRun, Server};
use crate::cluster::Cluster;

/// A document value in mongosh's notation.
#[derive(Clone, Debug, PartialEq)]
pub enum Doc {
    Str(String),
    Num(String),
    Bool(bool),
    Null,
    ObjectId(String),
    Array(Vec<Doc>),
    Object(Vec<(String, Doc)>),
}

/// Runs the `--eval` script (`--quiet`, connection strings and `--host` are accepted).
/// The `--eval` script and the database a command line names (`test` by default).
fn command_line(argv: &[String]) -> (Option<String>, String) {
    let mut script = None;
    let mut database = "test".to_string();
    let mut args = argv.iter().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--eval" => script = args.next().cloned(),
            "--host" | "--port" | "-u" | "-p" | "--username" | "--password" | "--authenticationDatabase" => {
                args.next();
            }
            a if a.starts_with("mongodb://") => {
                if let Some(db) = a.trim_start_matches("mongodb://").split('/').nth(1).map(|d| d.split('?').next().unwrap_or(d)).filter(|d| !d.is_empty()) {
                    database = db.to_string();
                }
            }
            a if !a.starts_with('-') => database = a.to_string(),
            _ => {}
        }
    }
    (script, database)
}

/// Whether `argv` opens mongosh's prompt (no `--eval`).
pub fn is_interactive(argv: &[String]) -> bool {
    command_line(argv).0.is_none()
}

/// mongosh's greeting, with a log id from the cluster's RNG.
pub fn banner(cluster: &mut Cluster) -> String {
    format!(
        "Current Mongosh Log ID:\t{}\nConnecting to:\t\tmongodb://127.0.0.1:27017/?directConnection=true&serverSelectionTimeoutMS=2000&appName=mongosh+2.5.8\nUsing MongoDB:\t\t8.0.15\nUsing Mongosh:\t\t2.5.8\n\nFor mongosh info see: https://www.mongodb.com/docs/mongodb-shell/\n\n",
        object_id(cluster)
    )
}

/// mongosh at its prompt: the database in use.
pub struct Session {
    database: String,
}

impl Session {
    /// A session on the database the command line names.
    pub fn new(argv: &[String]) -> Session {
        Session { database: command_line(argv).1 }
    }

    /// `test> `: the database in use.
    pub fn prompt(&self) -> String {
        format!("{}> ", self.database)
    }

    /// One typed line: `use DB`, `exit`, or an expression; returns true when it quits.
    pub fn type_line(&mut self, cluster: &mut Cluster, server: &Server, line: &str, ran: &mut ClientRun) -> bool {
        let line = line.trim().trim_end_matches(';').trim();
        match line {
            "" => false,
            "exit" | "quit" | "exit()" | "quit()" => true,
            "db" => {
                ran.stdout.push_str(&format!("{}\n", self.database));
                false
            }
            _ => {
                if let Some(db) = line.strip_prefix("use ").map(str::trim).filter(|d| !d.is_empty()) {
                    self.database = db.to_string();
                    ran.stdout.push_str(&format!("switched to db {db}\n"));
                    return false;
                }
                if line == "show collections" || line == "show tables" {
                    let index = server.read(cluster, &format!("/data/db/{}.collections", self.database)).unwrap_or_default();
                    ran.stdout.push_str(&index);
                    return false;
                }
                match eval(cluster, server, &self.database, line) {
                    Ok(text) => ran.stdout.push_str(&text),
                    Err(message) => ran.stderr.push_str(&format!("{message}\n")),
                }
                false
            }
        }
    }
}

/// Runs the `--eval` script (`--quiet`, connection strings and `--host` are accepted).
pub fn run(cluster: &mut Cluster, server: &Server, argv: &[String]) -> ClientRun {
    let (script, database) = command_line(argv);
    let Some(script) = script else { return ClientRun::default() };
    let mut ran = ClientRun::default();
    for statement in script.split(';').map(str::trim).filter(|s| !s.is_empty()) {
        match eval(cluster, server, &database, statement) {
            Ok(text) => ran.stdout.push_str(&text),
            Err(message) => {
                ran.stderr.push_str(&format!("{message}\n"));
                ran.code = 1;
                break;
            }
        }
    }
    ran
}

fn eval(cluster: &mut Cluster, server: &Server, database: &str, statement: &str) -> Result<String, String> {
    let index = format!("/data/db/{database}.collections");
    if statement == "db.getCollectionNames()" {
        let names = server.read(cluster, &index).unwrap_or_default().lines().map(|n| Doc::Str(n.to_string())).collect();
        return Ok(format!("{}\n", inspect(&Doc::Array(names))));
    }
    let Some(rest) = statement.strip_prefix("db.") else { return Err(reference_error(statement)) };
    let Some((collection, call)) = rest.split_once('.') else { return Err(reference_error(statement)) };
    let Some((method, args)) = call.split_once('(') else { return Err(reference_error(statement)) };
    let args = args.trim_end().strip_suffix(')').ok_or_else(syntax_error)?.trim();
    let path = format!("/data/db/{database}.{collection}.collection");
    let mut docs: Vec<Doc> = server.read(cluster, &path).unwrap_or_default().lines().filter_map(|l| parse(l).ok()).collect();
    let argument = if args.is_empty() { None } else { Some(parse(args).map_err(|_| syntax_error())?) };
    let text = match (method, argument) {
        ("insertOne", Some(Doc::Object(fields))) => {
            let id = object_id(cluster);
            docs.push(with_id(fields, &id));
            format!("{{\n  acknowledged: true,\n  insertedId: ObjectId('{id}')\n}}\n")
        }
        ("insertMany", Some(Doc::Array(items))) => {
            let mut ids = Vec::new();
            for item in items {
                let Doc::Object(fields) = item else { return Err("MongoInvalidArgumentError: Document must be an object".into()) };
                let id = object_id(cluster);
                docs.push(with_id(fields, &id));
                ids.push(format!("    '{}': ObjectId('{id}')", ids.len()));
            }
            format!("{{\n  acknowledged: true,\n  insertedIds: {{\n{}\n  }}\n}}\n", ids.join(",\n"))
        }
        ("find", filter) => {
            let found: Vec<Doc> = docs.iter().filter(|d| filter.as_ref().is_none_or(|f| matches(d, f))).cloned().collect();
            return Ok(format!("{}\n", inspect(&Doc::Array(found))));
        }
        ("countDocuments", filter) => {
            return Ok(format!("{}\n", docs.iter().filter(|d| filter.as_ref().is_none_or(|f| matches(d, f))).count()));
        }
        ("drop", None) => {
            let existed = !docs.is_empty();
            docs.clear();
            format!("{existed}\n")
        }
        ("insertOne" | "insertMany", _) => return Err("MongoInvalidArgumentError: Argument \"docs\" must be an array of documents".into()),
        (other, _) => return Err(format!("TypeError: db.{collection}.{other} is not a function")),
    };
    let stored: String = docs.iter().map(|d| format!("{}\n", inline(d))).collect();
    server.write(cluster, &path, &stored);
    let mut names: Vec<String> = server.read(cluster, &index).unwrap_or_default().lines().map(String::from).collect();
    if !names.iter().any(|n| n == collection) {
        names.push(collection.to_string());
        names.sort();
        server.write(cluster, &index, &names.iter().map(|n| format!("{n}\n")).collect::<String>());
    }
    Ok(text)
}

fn reference_error(statement: &str) -> String {
    let name: String = statement.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
    format!("ReferenceError: {name} is not defined")
}

fn syntax_error() -> String {
    "SyntaxError: Unexpected token".into()
}

fn with_id(fields: Vec<(String, Doc)>, id: &str) -> Doc {
    let mut all = vec![("_id".to_string(), Doc::ObjectId(id.to_string()))];
    all.extend(fields.into_iter().filter(|(k, _)| k != "_id"));
    Doc::Object(all)
}

/// A fresh ObjectId: a time part and random bytes from the cluster's RNG.
fn object_id(cluster: &mut Cluster) -> String {
    let seconds = cluster.now().0.div_euclid(1000);
    format!("{:08x}{:016x}", seconds as u32, cluster.rng.u64())
}

/// Whether every field of the filter equals the document's.
fn matches(doc: &Doc, filter: &Doc) -> bool {
    let (Doc::Object(fields), Doc::Object(wanted)) = (doc, filter) else { return false };
    wanted.iter().all(|(k, v)| fields.iter().any(|(fk, fv)| fk == k && fv == v))
}

/// mongosh's rendering: one line when short, else one field a line.
pub fn inspect(doc: &Doc) -> String {
    pretty(doc, 0)
}

fn pretty(doc: &Doc, indent: usize) -> String {
    let one_line = inline(doc);
    if one_line.len() + indent <= 72 {
        return one_line;
    }
    let pad = " ".repeat(indent + 2);
    match doc {
        Doc::Array(items) => format!("[\n{}\n{}]", items.iter().map(|i| format!("{pad}{}", pretty(i, indent + 2))).collect::<Vec<_>>().join(",\n"), " ".repeat(indent)),
        Doc::Object(fields) => format!(
            "{{\n{}\n{}}}",
            fields.iter().map(|(k, v)| format!("{pad}{}: {}", key(k), pretty(v, indent + 2))).collect::<Vec<_>>().join(",\n"),
            " ".repeat(indent)
        ),
        _ => one_line,
    }
}

fn key(k: &str) -> String {
    if !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == '_' || c == '$') { k.to_string() } else { format!("'{k}'") }
}

fn inline(doc: &Doc) -> String {
    match doc {
        Doc::Str(s) => format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'").replace('\n', "\\n")),
        Doc::Num(n) => n.clone(),
        Doc::Bool(b) => b.to_string(),
        Doc::Null => "null".into(),
        Doc::ObjectId(id) => format!("ObjectId('{id}')"),
        Doc::Array(items) if items.is_empty() => "[]".into(),
        Doc::Array(items) => format!("[ {} ]", items.iter().map(inline).collect::<Vec<_>>().join(", ")),
        Doc::Object(fields) if fields.is_empty() => "{}".into(),
        Doc::Object(fields) => format!("{{ {} }}", fields.iter().map(|(k, v)| format!("{}: {}", key(k), inline(v))).collect::<Vec<_>>().join(", ")),
    }
}

/// Parses a JavaScript literal (objects, arrays, strings, numbers, booleans, null, ObjectId).
pub fn parse(text: &str) -> Result<Doc, ()> {
    let chars: Vec<char> = text.chars().collect();
    let mut pos = 0;
    let doc = value(&chars, &mut pos, 0)?;
    skip_space(&chars, &mut pos);
    if pos == chars.len() { Ok(doc) } else { Err(()) }
}

fn skip_space(chars: &[char], pos: &mut usize) {
    while chars.get(*pos).is_some_and(|c| c.is_whitespace()) {
        *pos += 1;
    }
}

fn value(chars: &[char], pos: &mut usize, depth: usize) -> Result<Doc, ()> {
    if depth > 64 {
        return Err(());
    }
    skip_space(chars, pos);
    match chars.get(*pos).copied().ok_or(())? {
        '{' => {
            *pos += 1;
            let mut fields = Vec::new();
            loop {
                skip_space(chars, pos);
                if chars.get(*pos) == Some(&'}') {
                    *pos += 1;
                    return Ok(Doc::Object(fields));
                }
                let name = match chars.get(*pos).copied().ok_or(())? {
                    q @ ('\'' | '"') => string(chars, pos, q)?,
                    _ => word(chars, pos),
                };
                if name.is_empty() {
                    return Err(());
                }
                skip_space(chars, pos);
                if chars.get(*pos) != Some(&':') {
                    return Err(());
                }
                *pos += 1;
                fields.push((name, value(chars, pos, depth + 1)?));
                skip_space(chars, pos);
                match chars.get(*pos) {
                    Some(',') => *pos += 1,
                    Some('}') => {}
                    _ => return Err(()),
                }
            }
        }
        '[' => {
            *pos += 1;
            let mut items = Vec::new();
            loop {
                skip_space(chars, pos);
                if chars.get(*pos) == Some(&']') {
                    *pos += 1;
                    return Ok(Doc::Array(items));
                }
                items.push(value(chars, pos, depth + 1)?);
                skip_space(chars, pos);
                match chars.get(*pos) {
                    Some(',') => *pos += 1,
                    Some(']') => {}
                    _ => return Err(()),
                }
            }
        }
        q @ ('\'' | '"') => Ok(Doc::Str(string(chars, pos, q)?)),
        c if c.is_ascii_digit() || c == '-' => {
            let start = *pos;
            *pos += 1;
            while chars.get(*pos).is_some_and(|c| c.is_ascii_digit() || *c == '.' || *c == 'e') {
                *pos += 1;
            }
            let n: String = chars.get(start..*pos).ok_or(())?.iter().collect();
            n.parse::<f64>().map_err(|_| ())?;
            Ok(Doc::Num(n))
        }
        _ => {
            let w = word(chars, pos);
            match w.as_str() {
                "true" => Ok(Doc::Bool(true)),
                "false" => Ok(Doc::Bool(false)),
                "null" => Ok(Doc::Null),
                "ObjectId" => {
                    if chars.get(*pos) != Some(&'(') {
                        return Err(());
                    }
                    *pos += 1;
                    let q = chars.get(*pos).copied().ok_or(())?;
                    let id = string(chars, pos, q)?;
                    if chars.get(*pos) != Some(&')') {
                        return Err(());
                    }
                    *pos += 1;
                    Ok(Doc::ObjectId(id))
                }
                _ => Err(()),
            }
        }
    }
}

fn word(chars: &[char], pos: &mut usize) -> String {
    let start = *pos;
    while chars.get(*pos).is_some_and(|c| c.is_alphanumeric() || *c == '_' || *c == '$') {
        *pos += 1;
    }
    chars.get(start..*pos).map(|s| s.iter().collect()).unwrap_or_default()
}

fn string(chars: &[char], pos: &mut usize, quote: char) -> Result<String, ()> {
    if chars.get(*pos) != Some(&quote) || (quote != '\'' && quote != '"') {
        return Err(());
    }
    *pos += 1;
    let mut out = String::new();
    loop {
        match chars.get(*pos).copied().ok_or(())? {
            '\\' => {
                *pos += 1;
                match chars.get(*pos).copied().ok_or(())? {
                    'n' => out.push('\n'),
                    other => out.push(other),
                }
            }
            c if c == quote => {
                *pos += 1;
                return Ok(out);
            }
            c => out.push(c),
        }
        *pos += 1;
    }
}
