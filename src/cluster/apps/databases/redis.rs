//! `redis-cli` inside a redis container: PING, SET, GET, DEL, EXISTS, INCR, KEYS, DBSIZE,
//! FLUSHALL, printed the way redis-cli prints when its output is not a terminal (raw values).
//! Keys live in /data/dump.rdb (one escaped `key<TAB>value` a line).

use super::sql::{escape, unescape};
use super::{ClientRun, Server};
use crate::cluster::Cluster;
use std::collections::BTreeMap;

const DUMP: &str = "/data/dump.rdb";

/// Whether `argv` opens redis-cli's prompt (no command words).
pub fn is_interactive(argv: &[String]) -> bool {
    let mut args = argv.iter().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-h" | "-p" | "-a" | "-n" => {
                args.next();
            }
            a if a.starts_with('-') => {}
            _ => return false,
        }
    }
    true
}

/// Runs the command given on redis-cli's command line (`-h`, `-p`, `-a` are accepted).
pub fn run(cluster: &mut Cluster, server: &Server, argv: &[String]) -> ClientRun {
    let mut words = Vec::new();
    let mut args = argv.iter().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-h" | "-p" | "-a" | "-n" => {
                args.next();
            }
            "--raw" | "--no-auth-warning" => {}
            _ => words.push(a.clone()),
        }
    }
    let mut keys = load(&server.read(cluster, DUMP).unwrap_or_default());
    let reply = command(&words, &mut keys);
    server.write(cluster, DUMP, &save(&keys));
    ClientRun { stdout: reply.raw(), ..Default::default() }
}

/// A server reply, before redis-cli prints it.
#[derive(Debug, PartialEq)]
pub enum Reply {
    Status(String),
    Bulk(Option<String>),
    Integer(i64),
    Array(Vec<String>),
    Error(String),
}

impl Reply {
    /// How redis-cli prints the reply when its output is not a terminal.
    pub fn raw(&self) -> String {
        match self {
            Reply::Status(s) | Reply::Error(s) => format!("{s}\n"),
            Reply::Bulk(v) => format!("{}\n", v.clone().unwrap_or_default()),
            Reply::Integer(n) => format!("{n}\n"),
            Reply::Array(items) => items.iter().map(|i| format!("{i}\n")).collect(),
        }
    }

    /// How redis-cli prints the reply at its interactive prompt.
    pub fn tty(&self) -> String {
        let quoted = |v: &str| format!("\"{}\"", v.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n"));
        match self {
            Reply::Status(s) => format!("{s}\n"),
            Reply::Error(e) => format!("(error) {e}\n"),
            Reply::Bulk(Some(v)) => format!("{}\n", quoted(v)),
            Reply::Bulk(None) => "(nil)\n".into(),
            Reply::Integer(n) => format!("(integer) {n}\n"),
            Reply::Array(items) if items.is_empty() => "(empty array)\n".into(),
            Reply::Array(items) => {
                let width = items.len().to_string().len();
                items.iter().enumerate().map(|(i, item)| format!("{:>width$}) {}\n", i + 1, quoted(item))).collect()
            }
        }
    }
}

/// Runs one command on the key space.
pub fn command(words: &[String], keys: &mut BTreeMap<String, String>) -> Reply {
    let Some(name) = words.first() else { return Reply::Array(vec![]) };
    let arg = |i: usize| words.get(i).cloned().unwrap_or_default();
    let arity_error = || Reply::Error(format!("ERR wrong number of arguments for '{}' command", name.to_lowercase()));
    let rest = words.get(1..).unwrap_or(&[]);
    match (name.to_ascii_uppercase().as_str(), words.len()) {
        ("PING", 1) => Reply::Status("PONG".into()),
        ("PING", 2) => Reply::Bulk(Some(arg(1))),
        ("SET", 3) => {
            keys.insert(arg(1), arg(2));
            Reply::Status("OK".into())
        }
        ("GET", 2) => Reply::Bulk(keys.get(&arg(1)).cloned()),
        ("DEL", n) if n > 1 => Reply::Integer(rest.iter().filter(|k| keys.remove(*k).is_some()).count() as i64),
        ("EXISTS", n) if n > 1 => Reply::Integer(rest.iter().filter(|k| keys.contains_key(*k)).count() as i64),
        ("INCR", 2) => {
            let key = arg(1);
            match keys.get(&key).map_or(Ok(0), |v| v.parse::<i64>()) {
                Ok(n) => {
                    let next = n.saturating_add(1);
                    keys.insert(key, next.to_string());
                    Reply::Integer(next)
                }
                Err(_) => Reply::Error("ERR value is not an integer or out of range".into()),
            }
        }
        ("KEYS", 2) => Reply::Array(keys.keys().filter(|k| glob(&arg(1), k)).cloned().collect()),
        ("DBSIZE", 1) => Reply::Integer(keys.len() as i64),
        ("FLUSHALL" | "FLUSHDB", 1) => {
            keys.clear();
            Reply::Status("OK".into())
        }
        ("PING" | "SET" | "GET" | "DEL" | "EXISTS" | "INCR" | "KEYS" | "DBSIZE" | "FLUSHALL" | "FLUSHDB", _) => arity_error(),
        _ => {
            let args: String = rest.iter().map(|w| format!("'{w}' ")).collect();
            Reply::Error(format!("ERR unknown command '{name}', with args beginning with: {args}"))
        }
    }
}

/// Runs one line typed at the `127.0.0.1:6379> ` prompt and prints the reply as the prompt does.
pub fn type_line(cluster: &mut Cluster, server: &Server, line: &str) -> String {
    let words = split_words(line);
    if words.is_empty() {
        return String::new();
    }
    let mut keys = load(&server.read(cluster, DUMP).unwrap_or_default());
    let reply = command(&words, &mut keys);
    server.write(cluster, DUMP, &save(&keys));
    reply.tty()
}

/// Splits a typed line into words; `"…"` and `'…'` group words with spaces.
fn split_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current: Option<String> = None;
    let mut quote = None;
    for c in line.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => current.get_or_insert_with(String::new).push(c),
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                current.get_or_insert_with(String::new);
            }
            None if c.is_whitespace() => words.extend(current.take()),
            None => current.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(current);
    words
}

/// Redis's glob for KEYS: `*` and `?` only.
fn glob(pattern: &str, text: &str) -> bool {
    let mut p: Vec<char> = pattern.chars().collect();
    p.dedup_by(|a, b| *a == '*' && *b == '*');
    let t: Vec<char> = text.chars().collect();
    fn go(p: &[char], t: &[char]) -> bool {
        match p.first() {
            None => t.is_empty(),
            Some('*') => (0..=t.len()).any(|i| go(&p[1..], &t[i..])),
            Some('?') => !t.is_empty() && go(&p[1..], &t[1..]),
            Some(c) => t.first() == Some(c) && go(&p[1..], &t[1..]),
        }
    }
    go(&p, &t)
}

fn load(text: &str) -> BTreeMap<String, String> {
    text.lines().filter_map(|l| l.split_once('\t')).map(|(k, v)| (unescape(k), unescape(v))).collect()
}

fn save(keys: &BTreeMap<String, String>) -> String {
    keys.iter().map(|(k, v)| format!("{}\t{}\n", escape(k), escape(v))).collect()
}
