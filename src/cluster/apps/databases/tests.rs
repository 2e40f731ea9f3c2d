//! The SQL subset, psql's formatting and errors, redis-cli and the mongosh notation, checked
//! against what the real clients print.

use super::mongo;
use super::psql::{aligned, error_text};
use super::redis;
use super::sql::{self, load, save, Outcome, Tables, Value};
use proptest::prelude::*;
use std::collections::BTreeMap;

/// Runs `text` and shows it as `psql -c` would (outputs, then the error report).
fn psql(text: &str, tables: &mut Tables) -> String {
    let (outcomes, error) = sql::run(text, tables);
    let mut out: String = outcomes
        .iter()
        .map(|o| match o {
            Outcome::Done(tag) => format!("{tag}\n"),
            Outcome::Rows { columns, rows } => aligned(None, columns, rows),
        })
        .collect();
    if let Some(e) = error {
        out.push_str(&error_text(&e, text));
    }
    out
}

fn with_items() -> Tables {
    let mut tables = Tables::new();
    psql("CREATE TABLE items (id SERIAL PRIMARY KEY, name VARCHAR(20) NOT NULL, qty integer)", &mut tables);
    psql("INSERT INTO items (name, qty) VALUES ('apple', 3), ('banana', 12); INSERT INTO items (name) VALUES ('kiwi')", &mut tables);
    tables
}

#[test]
fn select_prints_psql_aligned_tables() {
    let mut tables = with_items();
    assert_eq!(
        psql("SELECT * FROM items", &mut tables),
        " id |  name  | qty \n----+--------+-----\n  1 | apple  |   3\n  2 | banana |  12\n  3 | kiwi   |    \n(3 rows)\n\n"
    );
    assert_eq!(psql("select name from items where qty >= 3 and name <> 'apple'", &mut tables), "  name  \n--------\n banana\n(1 row)\n\n");
    assert_eq!(psql("SELECT count(*) FROM items", &mut tables), " count \n-------\n     3\n(1 row)\n\n");
    assert_eq!(psql("SELECT 1", &mut tables), " ?column? \n----------\n        1\n(1 row)\n\n");
    assert!(psql("select version();", &mut tables).contains("\n PostgreSQL 18.0 (Debian 18.0-1.pgdg13+3) on x86_64-pc-linux-gnu"));
    assert_eq!(psql("SELECT name FROM items WHERE id = 9", &mut tables), " name \n------\n(0 rows)\n\n");
    assert_eq!(psql("SELECT id FROM items ORDER BY qty DESC LIMIT 1", &mut tables), " id \n----\n  3\n(1 row)\n\n", "NULLs sort last, so first when descending");
}

#[test]
fn commands_answer_with_their_tags() {
    let mut tables = with_items();
    assert_eq!(psql("UPDATE items SET qty = 5 WHERE name = 'kiwi'; DELETE FROM items WHERE qty < 4", &mut tables), "UPDATE 1\nDELETE 1\n");
    assert_eq!(psql("DROP TABLE items; DROP TABLE IF EXISTS items", &mut tables), "DROP TABLE\nDROP TABLE\n");
    assert!(tables.is_empty());
}

#[test]
fn errors_are_postgres_words_with_a_caret() {
    let mut tables = with_items();
    assert_eq!(psql("SELECT * FROM nope;", &mut tables), "ERROR:  relation \"nope\" does not exist\nLINE 1: SELECT * FROM nope;\n                      ^\n");
    assert_eq!(psql("SELEC 1", &mut tables), "ERROR:  syntax error at or near \"SELEC\"\nLINE 1: SELEC 1\n        ^\n");
    assert_eq!(psql("SELECT * FROM", &mut tables), "ERROR:  syntax error at end of input\nLINE 1: SELECT * FROM\n                     ^\n");
    assert_eq!(psql("SELECT colour FROM items", &mut tables), "ERROR:  column \"colour\" does not exist\nLINE 1: SELECT colour FROM items\n               ^\n");
    assert_eq!(psql("CREATE TABLE items (x int)", &mut tables), "ERROR:  relation \"items\" already exists\n");
    assert_eq!(psql("DROP TABLE nope", &mut tables), "ERROR:  table \"nope\" does not exist\n");
    assert_eq!(
        psql("INSERT INTO items (qty) VALUES ('many')", &mut tables),
        "ERROR:  invalid input syntax for type integer: \"many\"\nLINE 1: INSERT INTO items (qty) VALUES ('many')\n                                        ^\n"
    );
    assert_eq!(
        psql("INSERT INTO items (qty) VALUES (1, 2)", &mut tables),
        "ERROR:  INSERT has more expressions than target columns\nLINE 1: INSERT INTO items (qty) VALUES (1, 2)\n                                           ^\n"
    );
    assert_eq!(psql("SELECT 'oops", &mut tables), "ERROR:  unterminated quoted string at or near \"'oops\"\nLINE 1: SELECT 'oops\n               ^\n");
}

#[test]
fn a_failing_statement_stops_the_rest() {
    let mut tables = Tables::new();
    assert_eq!(psql("CREATE TABLE a (x int); SELECT * FROM b; CREATE TABLE c (y int)", &mut tables).lines().next(), Some("CREATE TABLE"));
    assert_eq!(tables.keys().collect::<Vec<_>>(), vec!["a"]);
}

#[test]
fn tables_survive_their_text_form() {
    let mut tables = with_items();
    psql("INSERT INTO items (name, qty) VALUES ('tab\there', -4), (NULL, NULL)", &mut tables);
    let again = load(&save(&tables));
    assert_eq!(again, tables);
    assert_eq!(again.get("items").and_then(|t| t.rows.get(3)).and_then(|r| r.get(1)), Some(&Value::Text("tab\there".into())));
}

#[test]
fn no_input_makes_the_parser_panic() {
    let samples = [
        "", ";", "(", "'", "\"", "SELECT", "SELECT ,", "INSERT INTO items VALUES", "INSERT INTO items VALUES (", "CREATE TABLE t (",
        "CREATE TABLE t (a varchar(", "SELECT * FROM items WHERE", "SELECT * FROM items WHERE id =", "UPDATE items SET", "DELETE FROM",
        "SELECT - FROM", "SELECT count(", "select * from items order by", "select * from items limit 'x'", "é'ü", "--", "SELECT 99999999999999999999",
    ];
    for sample in samples {
        let mut tables = with_items();
        let (_, _) = sql::run(sample, &mut tables);
        let text = psql(sample, &mut tables);
        assert!(sample.trim().trim_matches(';').is_empty() || sample == "--" || text.starts_with("ERROR:  ") || text.contains(" row"), "{sample:?} gave {text:?}");
    }
}

#[test]
fn redis_cli_prints_raw_replies_and_typed_ones_at_its_prompt() {
    let mut keys = BTreeMap::new();
    let run = |keys: &mut BTreeMap<String, String>, line: &str| redis::command(&line.split(' ').map(String::from).collect::<Vec<_>>(), keys);
    assert_eq!(run(&mut keys, "PING").raw(), "PONG\n");
    assert_eq!(run(&mut keys, "SET greeting hello").raw(), "OK\n");
    assert_eq!(run(&mut keys, "get greeting").raw(), "hello\n");
    assert_eq!(run(&mut keys, "get greeting").tty(), "\"hello\"\n");
    assert_eq!(run(&mut keys, "GET missing").raw(), "\n");
    assert_eq!(run(&mut keys, "GET missing").tty(), "(nil)\n");
    assert_eq!(run(&mut keys, "INCR visits").tty(), "(integer) 1\n");
    assert_eq!(run(&mut keys, "KEYS *").tty(), "1) \"greeting\"\n2) \"visits\"\n");
    assert_eq!(run(&mut keys, "KEYS g*").raw(), "greeting\n");
    assert_eq!(run(&mut keys, "KEYS nope*").tty(), "(empty array)\n");
    assert_eq!(run(&mut keys, "GET").tty(), "(error) ERR wrong number of arguments for 'get' command\n");
    assert_eq!(run(&mut keys, "HELLO there").raw(), "ERR unknown command 'HELLO', with args beginning with: 'there' \n");
}

#[test]
fn mongosh_notation_reads_back_what_it_prints() {
    let doc = mongo::parse("{name: \"apple\", 'qty': 3, tags: ['red', true, null], _id: ObjectId('68e3')}").ok();
    let printed = doc.as_ref().map(mongo::inspect);
    assert_eq!(printed.as_deref(), Some("{\n  name: 'apple',\n  qty: 3,\n  tags: [ 'red', true, null ],\n  _id: ObjectId('68e3')\n}"));
    assert_eq!(printed.and_then(|p| mongo::parse(&p).ok()), doc);
    for bad in ["{", "{a:}", "[1,", "'x", "{a 1}", "ObjectId(", "{}}"] {
        assert!(mongo::parse(bad).is_err(), "{bad}");
    }
}

/// Pieces of SQL that random statements are built from.
const SQL_PIECES: &[&str] = &[
    "SELECT", "*", "FROM", "items", "WHERE", "qty", "=", "'x'", "3", "-", "(", ")", ",", ";", "INSERT", "INTO", "VALUES",
    "CREATE", "TABLE", "t", "int", "varchar(", "DROP", "IF", "EXISTS", "DELETE", "UPDATE", "SET", "ORDER", "BY", "LIMIT",
    "count(*)", "NULL", "'", "\"", "<>", "AND", "é", "--", "\n", "99999999999999999999", "name",
];

#[test]
fn psql_reads_grouped_flags_and_prints_tuples_only_and_unaligned() {
    let argv: Vec<String> = ["psql", "-U", "app", "-tAc", "SELECT name FROM items", "-dshop"].iter().map(|s| s.to_string()).collect();
    let o = super::psql::options(&argv);
    assert_eq!((o.user.as_str(), o.database.as_deref(), o.commands.as_slice()), ("app", Some("shop"), &["SELECT name FROM items".to_string()][..]));
    assert_eq!(o.format, super::psql::Format { tuples_only: true, unaligned: true });
    let mut tables = with_items();
    let (outcomes, _) = sql::run("SELECT id, name FROM items WHERE qty > 1", &mut tables);
    let show = |tuples_only, unaligned| super::psql::show(&outcomes[0], super::psql::Format { tuples_only, unaligned });
    assert_eq!(show(true, true), "1|apple\n2|banana\n");
    assert_eq!(show(false, true), "id|name\n1|apple\n2|banana\n(2 rows)\n");
    assert_eq!(show(true, false), "  1 | apple\n  2 | banana\n\n");
}

proptest! {
    #[test]
    fn random_sql_never_panics(pieces in prop::collection::vec(prop::sample::select(SQL_PIECES), 0..14), noise in "\\PC{0,12}") {
        let mut tables = with_items();
        let text = format!("{} {noise}", pieces.join(" "));
        let (_, error) = sql::run(&text, &mut tables);
        if let Some(e) = error {
            prop_assert!(error_text(&e, &text).starts_with("ERROR:  "));
        }
        let _ = load(&save(&tables));
    }

    #[test]
    fn random_client_input_never_panics(args in prop::collection::vec("\\PC{0,6}", 0..5), doc in "\\PC{0,30}") {
        let argv: Vec<String> = std::iter::once("psql".to_string()).chain(args.iter().cloned()).collect();
        let _ = super::psql::options(&argv);
        let _ = mongo::parse(&doc);
        let _ = redis::command(&args, &mut BTreeMap::new());
    }
}

#[test]
fn health_checks_answer_only_in_their_own_image() {
    let argv = |line: &str| line.split(' ').map(String::from).collect::<Vec<_>>();
    assert!(super::answers_probe("postgres:17", &argv("pg_isready -U postgres")));
    assert!(super::answers_probe("redis", &argv("redis-cli ping")));
    assert!(!super::answers_probe("redis", &argv("redis-cli get k")));
    assert!(!super::answers_probe("redis", &argv("pg_isready")));
    assert!(!super::answers_probe("nginx", &argv("mysqladmin ping")));
    let answer = super::health_check("postgres", &argv("pg_isready")).map(|r| r.stdout);
    assert_eq!(answer.as_deref(), Some("/var/run/postgresql:5432 - accepting connections\n"));
    assert_eq!(super::health_check("mysql:8", &argv("mysqladmin ping -uroot -ppw")).map(|r| r.stdout).as_deref(), Some("mysqld is alive\n"));
}
