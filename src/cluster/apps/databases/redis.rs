//! `redis-cli` inside a redis container: PING, SET, GET, DEL, EXISTS, INCR, KEYS, DBSIZE,
//! FLUSHALL, printed the way redis-cli prints when its output is not a terminal (raw values).
//! Keys live in /data/dump.rdb (one escaped `key<TAB>value` a line).

use super::sql::{escape, unescape};
use super::{ClientRun, Server};
use crate::cluster::Cluster;
use std::collections::BTreeMap;

const DUMP: &str = "/data/dump.rdb";

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
    ClientRun { stdout: reply, ..Default::default() }
}

/// Runs one command on the key space and returns redis-cli's raw output.
pub fn command(words: &[String], keys: &mut BTreeMap<String, String>) -> String {
    let Some(name) = words.first() else { return String::new() };
    let arg = |i: usize| words.get(i).cloned();
    let arity_error = || format!("ERR wrong number of arguments for '{}' command\n", name.to_lowercase());
    match (name.to_ascii_uppercase().as_str(), words.len()) {
        ("PING", 1) => "PONG\n".into(),
        ("PING", 2) => format!("{}\n", arg(1).unwrap_or_default()),
        ("SET", 3) => {
            keys.insert(arg(1).unwrap_or_default(), arg(2).unwrap_or_default());
            "OK\n".into()
        }
        ("GET", 2) => format!("{}\n", keys.get(&arg(1).unwrap_or_default()).cloned().unwrap_or_default()),
        ("DEL", n) if n > 1 => format!("{}\n", words[1..].iter().filter(|k| keys.remove(*k).is_some()).count()),
        ("EXISTS", n) if n > 1 => format!("{}\n", words[1..].iter().filter(|k| keys.contains_key(*k)).count()),
        ("INCR", 2) => {
            let key = arg(1).unwrap_or_default();
            match keys.get(&key).map_or(Ok(0), |v| v.parse::<i64>()) {
                Ok(n) => {
                    let next = n.saturating_add(1);
                    keys.insert(key, next.to_string());
                    format!("{next}\n")
                }
                Err(_) => "ERR value is not an integer or out of range\n".into(),
            }
        }
        ("KEYS", 2) => {
            let pattern = arg(1).unwrap_or_default();
            keys.keys().filter(|k| glob(&pattern, k)).map(|k| format!("{k}\n")).collect()
        }
        ("DBSIZE", 1) => format!("{}\n", keys.len()),
        ("FLUSHALL" | "FLUSHDB", 1) => {
            keys.clear();
            "OK\n".into()
        }
        ("PING" | "SET" | "GET" | "DEL" | "EXISTS" | "INCR" | "KEYS" | "DBSIZE" | "FLUSHALL" | "FLUSHDB", _) => arity_error(),
        _ => {
            let rest: Vec<String> = words[1..].iter().map(|w| format!("'{w}' ")).collect();
            format!("ERR unknown command '{name}', with args beginning with: {}\n", rest.concat())
        }
    }
}

/// Redis's glob for KEYS: `*` and `?` only.
fn glob(pattern: &str, text: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
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
