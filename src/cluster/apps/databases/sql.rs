//! The tiny SQL subset the postgres and mysql containers understand: CREATE TABLE, INSERT,
//! SELECT (columns, `*`, `count(*)`, literals, WHERE … AND …, ORDER BY, LIMIT), UPDATE, DELETE,
//! DROP TABLE. Each statement is parsed and run in one pass; any input gives a result or an
//! [`SqlError`], never a panic. The servers format the errors in their own words.

use super::sql_lex::{tokens, Tok, Token};
use std::collections::BTreeMap;

/// A stored value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Text(String),
}

impl Value {
    /// How a client prints the value (NULL as nothing).
    pub fn show(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Int(n) => n.to_string(),
            Value::Text(t) => t.clone(),
        }
    }
}

/// A column of a table.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub name: String,
    /// The type as the server names it (`integer`, `text`, `character varying(50)`).
    pub type_name: String,
    /// Integer columns hold numbers and print right-aligned.
    pub numeric: bool,
    /// `serial` columns number omitted values themselves.
    pub serial: bool,
}

/// A table: its columns and rows in insertion order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Value>>,
}

/// All tables of a database, by name.
pub type Tables = BTreeMap<String, Table>;

/// What a statement returned.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    /// A command tag: `CREATE TABLE`, `INSERT 0 2`, `DELETE 1`.
    Done(String),
    /// A result set: column names (with whether numeric) and rows.
    Rows { columns: Vec<(String, bool)>, rows: Vec<Vec<Value>> },
}

/// Why a statement failed; `at` is a byte offset into the submitted text.
#[derive(Debug, PartialEq)]
pub enum SqlError {
    Syntax { near: Option<String>, at: usize },
    Unterminated { at: usize },
    UndefinedTable { name: String, at: usize },
    UndefinedColumn { name: String, table: Option<String>, at: usize },
    DuplicateTable { name: String },
    MissingTable { name: String },
    InvalidInteger { text: String, at: usize },
    MoreExpressions { at: usize },
    MoreTargets { at: usize },
}

/// Runs every `;`-separated statement of `sql` until one fails; returns the outcomes so far and
/// the error, if any.
pub fn run(sql: &str, tables: &mut Tables) -> (Vec<Outcome>, Option<SqlError>) {
    let all = match tokens(sql) {
        Ok(t) => t,
        Err(e) => return (vec![], Some(SqlError::Unterminated { at: e.at })),
    };
    let mut outcomes = Vec::new();
    for statement in all.split(|t| t.tok == Tok::Sym(";".into())) {
        if statement.is_empty() {
            continue;
        }
        let mut parser = Parser { toks: statement, pos: 0, end: sql.len() };
        match parser.statement(tables) {
            Ok(o) => outcomes.push(o),
            Err(e) => return (outcomes, Some(e)),
        }
    }
    (outcomes, None)
}

/// A comparison in a WHERE clause.
struct Condition {
    column: usize,
    op: String,
    value: Value,
}

struct Parser<'a> {
    toks: &'a [Token],
    pos: usize,
    /// Offset of the end of the text, for "at end of input".
    end: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.pos)
    }

    fn error_here(&self) -> SqlError {
        match self.peek() {
            Some(t) => SqlError::Syntax { near: Some(t.text.clone()), at: t.at },
            None => SqlError::Syntax { near: None, at: self.end },
        }
    }

    fn is_word(&self, word: &str) -> bool {
        matches!(self.peek(), Some(Token { tok: Tok::Word(w), .. }) if w == word)
    }

    fn is_sym(&self, sym: &str) -> bool {
        matches!(self.peek(), Some(Token { tok: Tok::Sym(s), .. }) if s == sym)
    }

    fn eat_word(&mut self, word: &str) -> bool {
        let found = self.is_word(word);
        self.pos += usize::from(found);
        found
    }

    fn eat_sym(&mut self, sym: &str) -> bool {
        let found = self.is_sym(sym);
        self.pos += usize::from(found);
        found
    }

    fn expect_word(&mut self, word: &str) -> Result<(), SqlError> {
        if self.eat_word(word) { Ok(()) } else { Err(self.error_here()) }
    }

    fn expect_sym(&mut self, sym: &str) -> Result<(), SqlError> {
        if self.eat_sym(sym) { Ok(()) } else { Err(self.error_here()) }
    }

    /// An identifier and where it was written.
    fn name(&mut self) -> Result<(String, usize), SqlError> {
        match self.peek() {
            Some(Token { tok: Tok::Word(w) | Tok::Quoted(w), at, .. }) if !RESERVED.contains(&w.as_str()) => {
                let found = (w.clone(), *at);
                self.pos += 1;
                Ok(found)
            }
            _ => Err(self.error_here()),
        }
    }

    fn finish(&self) -> Result<(), SqlError> {
        if self.peek().is_some() { Err(self.error_here()) } else { Ok(()) }
    }

    fn statement(&mut self, tables: &mut Tables) -> Result<Outcome, SqlError> {
        if self.eat_word("create") {
            self.create(tables)
        } else if self.eat_word("insert") {
            self.insert(tables)
        } else if self.eat_word("select") {
            self.select(tables)
        } else if self.eat_word("drop") {
            self.drop(tables)
        } else if self.eat_word("delete") {
            self.delete(tables)
        } else if self.eat_word("update") {
            self.update(tables)
        } else {
            Err(self.error_here())
        }
    }

    fn create(&mut self, tables: &mut Tables) -> Result<Outcome, SqlError> {
        self.expect_word("table")?;
        let if_not_exists = self.eat_word("if");
        if if_not_exists {
            self.expect_word("not")?;
            self.expect_word("exists")?;
        }
        let (name, _) = self.name()?;
        self.expect_sym("(")?;
        let mut columns: Vec<Column> = Vec::new();
        loop {
            if ["primary", "unique", "constraint", "foreign", "check"].iter().any(|w| self.is_word(w)) {
                self.skip_to_column_end();
            } else {
                let (column, _) = self.name()?;
                let type_word = match self.peek() {
                    Some(Token { tok: Tok::Word(w), .. }) => w.clone(),
                    _ => return Err(self.error_here()),
                };
                self.pos += 1;
                let size = self.type_size()?;
                let (type_name, numeric, serial) = column_type(&type_word, size);
                self.skip_to_column_end();
                columns.push(Column { name: column, type_name, numeric, serial });
            }
            if self.eat_sym(")") {
                break;
            }
            self.expect_sym(",")?;
        }
        self.finish()?;
        if tables.contains_key(&name) {
            return if if_not_exists { Ok(Outcome::Done("CREATE TABLE".into())) } else { Err(SqlError::DuplicateTable { name }) };
        }
        tables.insert(name, Table { columns, rows: vec![] });
        Ok(Outcome::Done("CREATE TABLE".into()))
    }

    /// A `(50)` after a type name.
    fn type_size(&mut self) -> Result<Option<String>, SqlError> {
        if !self.eat_sym("(") {
            return Ok(None);
        }
        let size = match self.peek() {
            Some(Token { tok: Tok::Number(n), .. }) => n.clone(),
            _ => return Err(self.error_here()),
        };
        self.pos += 1;
        self.expect_sym(")")?;
        Ok(Some(size))
    }

    /// Skips constraints (`PRIMARY KEY`, `NOT NULL`, `DEFAULT 1`, …) up to the next `,` or the
    /// closing `)` of the column list.
    fn skip_to_column_end(&mut self) {
        let mut depth = 0;
        while let Some(t) = self.peek() {
            match &t.tok {
                Tok::Sym(s) if s == "(" => depth += 1,
                Tok::Sym(s) if s == ")" && depth == 0 => return,
                Tok::Sym(s) if s == ")" => depth -= 1,
                Tok::Sym(s) if s == "," && depth == 0 => return,
                _ => {}
            }
            self.pos += 1;
        }
    }

    fn table<'t>(&self, tables: &'t mut Tables, name: &str, at: usize) -> Result<&'t mut Table, SqlError> {
        tables.get_mut(name).ok_or(SqlError::UndefinedTable { name: name.to_string(), at })
    }

    fn insert(&mut self, tables: &mut Tables) -> Result<Outcome, SqlError> {
        self.expect_word("into")?;
        let (name, name_at) = self.name()?;
        let mut targets: Vec<(String, usize)> = Vec::new();
        if self.eat_sym("(") {
            loop {
                targets.push(self.name()?);
                if self.eat_sym(")") {
                    break;
                }
                self.expect_sym(",")?;
            }
        }
        self.expect_word("values")?;
        let mut tuples: Vec<Vec<(Value, usize)>> = Vec::new();
        loop {
            self.expect_sym("(")?;
            let mut tuple = Vec::new();
            loop {
                tuple.push(self.literal()?);
                if self.eat_sym(")") {
                    break;
                }
                self.expect_sym(",")?;
            }
            tuples.push(tuple);
            if !self.eat_sym(",") {
                break;
            }
        }
        self.finish()?;
        let table = self.table(tables, &name, name_at)?;
        let indexes: Vec<usize> = if targets.is_empty() {
            (0..table.columns.len()).collect()
        } else {
            let mut found = Vec::new();
            for (target, at) in &targets {
                match table.columns.iter().position(|c| &c.name == target) {
                    Some(i) => found.push(i),
                    None => return Err(SqlError::UndefinedColumn { name: target.clone(), table: Some(name.clone()), at: *at }),
                }
            }
            found
        };
        let mut rows = Vec::new();
        for tuple in tuples {
            if let Some((_, at)) = tuple.get(indexes.len()) {
                return Err(SqlError::MoreExpressions { at: *at });
            }
            if !targets.is_empty() && tuple.len() < indexes.len() {
                let at = targets.get(tuple.len()).map_or(0, |t| t.1);
                return Err(SqlError::MoreTargets { at });
            }
            let mut row = vec![Value::Null; table.columns.len()];
            for ((value, at), &i) in tuple.into_iter().zip(&indexes) {
                if let Some(column) = table.columns.get(i) {
                    row[i] = coerce(column, value, at)?;
                }
            }
            rows.push(row);
        }
        let count = rows.len();
        for mut row in rows {
            for (i, column) in table.columns.iter().enumerate() {
                if column.serial && row.get(i) == Some(&Value::Null) {
                    let next = table.rows.iter().filter_map(|r| match r.get(i) { Some(Value::Int(n)) => Some(*n), _ => None }).max().unwrap_or(0).saturating_add(1);
                    row[i] = Value::Int(next);
                }
            }
            table.rows.push(row);
        }
        Ok(Outcome::Done(format!("INSERT 0 {count}")))
    }

    /// A literal value and where it was written.
    fn literal(&mut self) -> Result<(Value, usize), SqlError> {
        let negative = self.is_sym("-");
        if negative {
            self.pos += 1;
        }
        let Some(t) = self.peek().cloned() else { return Err(self.error_here()) };
        let value = match &t.tok {
            Tok::Number(n) => match n.parse::<i64>() {
                Ok(v) => Value::Int(if negative { -v } else { v }),
                Err(_) => Value::Text(if negative { format!("-{n}") } else { n.clone() }),
            },
            Tok::Str(s) if !negative => Value::Text(s.clone()),
            Tok::Word(w) if w == "null" && !negative => Value::Null,
            Tok::Word(w) if (w == "true" || w == "false") && !negative => Value::Text(if w == "true" { "t" } else { "f" }.into()),
            _ => return Err(self.error_here()),
        };
        self.pos += 1;
        Ok((value, t.at))
    }

    fn select(&mut self, tables: &mut Tables) -> Result<Outcome, SqlError> {
        enum Item {
            All,
            Count,
            Version,
            Column(String, usize),
            Literal(Value),
        }
        let mut items = Vec::new();
        loop {
            if self.eat_sym("*") {
                items.push(Item::All);
            } else if self.is_word("count") && self.toks.get(self.pos + 1).is_some_and(|t| t.tok == Tok::Sym("(".into())) {
                self.pos += 2;
                self.expect_sym("*")?;
                self.expect_sym(")")?;
                items.push(Item::Count);
            } else if self.is_word("version") && self.toks.get(self.pos + 1).is_some_and(|t| t.tok == Tok::Sym("(".into())) {
                self.pos += 2;
                self.expect_sym(")")?;
                items.push(Item::Version);
            } else if matches!(self.peek(), Some(Token { tok: Tok::Word(_) | Tok::Quoted(_), .. })) && !self.is_word("null") && !self.is_word("true") && !self.is_word("false") {
                let (name, at) = self.name()?;
                items.push(Item::Column(name, at));
            } else {
                items.push(Item::Literal(self.literal()?.0));
            }
            if !self.eat_sym(",") {
                break;
            }
        }
        let empty = Table::default();
        let mut source: Option<(String, usize)> = None;
        if self.eat_word("from") {
            source = Some(self.name()?);
        }
        let conditions = if self.eat_word("where") { self.conditions()? } else { vec![] };
        let mut order: Option<(String, usize, bool)> = None;
        if self.eat_word("order") {
            self.expect_word("by")?;
            let (column, at) = self.name()?;
            let descending = self.eat_word("desc");
            if !descending {
                self.eat_word("asc");
            }
            order = Some((column, at, descending));
        }
        let mut limit = None;
        if self.eat_word("limit") {
            match self.literal()? {
                (Value::Int(n), _) => limit = Some(usize::try_from(n).unwrap_or(0)),
                _ => return Err(self.error_here()),
            }
        }
        self.finish()?;
        let table: &Table = match &source {
            Some((name, at)) => self.table(tables, name, *at)?,
            None => &empty,
        };
        let column_index = |name: &str, at: usize| {
            table.columns.iter().position(|c| c.name == name).ok_or(SqlError::UndefinedColumn { name: name.to_string(), table: None, at })
        };
        let conditions = conditions
            .into_iter()
            .map(|(name, at, op, (value, value_at))| {
                let column = column_index(&name, at)?;
                let value = match table.columns.get(column) {
                    Some(c) => coerce(c, value, value_at)?,
                    None => value,
                };
                Ok(Condition { column, op, value })
            })
            .collect::<Result<Vec<_>, SqlError>>()?;
        let mut rows: Vec<&Vec<Value>> = if source.is_some() {
            table.rows.iter().filter(|r| conditions.iter().all(|c| matches(r, c))).collect()
        } else {
            vec![]
        };
        if let Some((name, at, descending)) = &order {
            let i = column_index(name, *at)?;
            rows.sort_by(|a, b| compare(a.get(i), b.get(i)));
            if *descending {
                rows.reverse();
            }
        }
        let mut columns = Vec::new();
        let mut picks: Vec<Option<usize>> = Vec::new();
        let mut literals = Vec::new();
        for item in &items {
            match item {
                Item::All => {
                    for (i, c) in table.columns.iter().enumerate() {
                        columns.push((c.name.clone(), c.numeric));
                        picks.push(Some(i));
                    }
                }
                Item::Column(name, at) => {
                    let i = column_index(name, *at)?;
                    columns.push((name.clone(), table.columns.get(i).is_some_and(|c| c.numeric)));
                    picks.push(Some(i));
                }
                Item::Count => {
                    columns.push(("count".into(), true));
                    picks.push(None);
                    literals.push((picks.len() - 1, Value::Int(rows.len() as i64)));
                }
                Item::Version => {
                    columns.push(("version".into(), false));
                    picks.push(None);
                    literals.push((picks.len() - 1, Value::Text(VERSION.into())));
                }
                Item::Literal(v) => {
                    columns.push(("?column?".into(), matches!(v, Value::Int(_))));
                    picks.push(None);
                    literals.push((picks.len() - 1, v.clone()));
                }
            }
        }
        let aggregate = items.iter().any(|i| matches!(i, Item::Count)) || source.is_none();
        let build = |row: Option<&Vec<Value>>| -> Vec<Value> {
            picks
                .iter()
                .enumerate()
                .map(|(k, pick)| match pick {
                    Some(i) => row.and_then(|r| r.get(*i)).cloned().unwrap_or(Value::Null),
                    None => literals.iter().find(|(at, _)| *at == k).map_or(Value::Null, |(_, v)| v.clone()),
                })
                .collect()
        };
        let mut out: Vec<Vec<Value>> = if aggregate { vec![build(rows.first().copied())] } else { rows.iter().map(|r| build(Some(r))).collect() };
        if let Some(n) = limit {
            out.truncate(n);
        }
        Ok(Outcome::Rows { columns, rows: out })
    }

    /// `col op literal [AND …]`, with the column names still unresolved.
    #[allow(clippy::type_complexity)]
    fn conditions(&mut self) -> Result<Vec<(String, usize, String, (Value, usize))>, SqlError> {
        let mut found = Vec::new();
        loop {
            let (name, at) = self.name()?;
            let op = match self.peek() {
                Some(Token { tok: Tok::Sym(s), .. }) if ["=", "<>", "!=", "<", ">", "<=", ">="].contains(&s.as_str()) => s.clone(),
                _ => return Err(self.error_here()),
            };
            self.pos += 1;
            found.push((name, at, op, self.literal()?));
            if !self.eat_word("and") {
                return Ok(found);
            }
        }
    }

    fn drop(&mut self, tables: &mut Tables) -> Result<Outcome, SqlError> {
        self.expect_word("table")?;
        let if_exists = self.eat_word("if");
        if if_exists {
            self.expect_word("exists")?;
        }
        let (name, _) = self.name()?;
        self.finish()?;
        if tables.remove(&name).is_none() && !if_exists {
            return Err(SqlError::MissingTable { name });
        }
        Ok(Outcome::Done("DROP TABLE".into()))
    }

    fn delete(&mut self, tables: &mut Tables) -> Result<Outcome, SqlError> {
        self.expect_word("from")?;
        let (name, at) = self.name()?;
        let conditions = if self.eat_word("where") { self.conditions()? } else { vec![] };
        self.finish()?;
        let table = self.table(tables, &name, at)?;
        let conditions = resolve(table, conditions)?;
        let before = table.rows.len();
        table.rows.retain(|r| !conditions.iter().all(|c| matches(r, c)));
        Ok(Outcome::Done(format!("DELETE {}", before - table.rows.len())))
    }

    fn update(&mut self, tables: &mut Tables) -> Result<Outcome, SqlError> {
        let (name, at) = self.name()?;
        self.expect_word("set")?;
        let mut sets = Vec::new();
        loop {
            let (column, column_at) = self.name()?;
            self.expect_sym("=")?;
            sets.push((column, column_at, self.literal()?));
            if !self.eat_sym(",") {
                break;
            }
        }
        let conditions = if self.eat_word("where") { self.conditions()? } else { vec![] };
        self.finish()?;
        let table = self.table(tables, &name, at)?;
        let conditions = resolve(table, conditions)?;
        let mut changes = Vec::new();
        for (column, column_at, (value, value_at)) in sets {
            let i = table.columns.iter().position(|c| c.name == column).ok_or(SqlError::UndefinedColumn { name: column.clone(), table: Some(name.clone()), at: column_at })?;
            let Some(c) = table.columns.get(i) else { continue };
            changes.push((i, coerce(c, value, value_at)?));
        }
        let mut count = 0;
        for row in table.rows.iter_mut().filter(|r| conditions.iter().all(|c| matches(r, c))) {
            for (i, value) in &changes {
                if let Some(cell) = row.get_mut(*i) {
                    *cell = value.clone();
                }
            }
            count += 1;
        }
        Ok(Outcome::Done(format!("UPDATE {count}")))
    }
}

/// What `SELECT version()` answers.
const VERSION: &str = "PostgreSQL 18.0 (Debian 18.0-1.pgdg13+3) on x86_64-pc-linux-gnu, compiled by gcc (Debian 14.2.0-19) 14.2.0, 64-bit";

/// Words that cannot name a table or column without quotes.
const RESERVED: &[&str] = &["select", "from", "where", "insert", "into", "values", "create", "table", "drop", "and", "order", "by", "limit", "delete", "update", "set", "null"];

/// The server's name for a declared type, whether it is numeric, and whether it is serial.
fn column_type(word: &str, size: Option<String>) -> (String, bool, bool) {
    match word {
        "int" | "integer" | "int4" => ("integer".into(), true, false),
        "bigint" | "int8" => ("bigint".into(), true, false),
        "smallint" | "int2" => ("smallint".into(), true, false),
        "serial" => ("integer".into(), true, true),
        "bigserial" => ("bigint".into(), true, true),
        "varchar" => (size.map_or("character varying".into(), |s| format!("character varying({s})")), false, false),
        "char" => (format!("character({})", size.unwrap_or_else(|| "1".into())), false, false),
        other => (other.to_string(), false, false),
    }
}

/// Turns a literal into the column's type, as the server casts `'3'` into an integer column.
fn coerce(column: &Column, value: Value, at: usize) -> Result<Value, SqlError> {
    match (column.numeric, value) {
        (true, Value::Text(t)) => t.trim().parse::<i64>().map(Value::Int).map_err(|_| SqlError::InvalidInteger { text: t, at }),
        (false, Value::Int(n)) => Ok(Value::Text(n.to_string())),
        (_, v) => Ok(v),
    }
}

#[allow(clippy::type_complexity)]
fn resolve(table: &Table, conditions: Vec<(String, usize, String, (Value, usize))>) -> Result<Vec<Condition>, SqlError> {
    conditions
        .into_iter()
        .map(|(name, at, op, (value, value_at))| {
            let column = table.columns.iter().position(|c| c.name == name).ok_or(SqlError::UndefinedColumn { name: name.clone(), table: None, at })?;
            let value = match table.columns.get(column) {
                Some(c) => coerce(c, value, value_at)?,
                None => value,
            };
            Ok(Condition { column, op, value })
        })
        .collect()
}

fn compare(a: Option<&Value>, b: Option<&Value>) -> std::cmp::Ordering {
    use std::cmp::Ordering::*;
    match (a, b) {
        (Some(Value::Int(x)), Some(Value::Int(y))) => x.cmp(y),
        (Some(Value::Text(x)), Some(Value::Text(y))) => x.cmp(y),
        (Some(Value::Null) | None, Some(Value::Null) | None) => Equal,
        (Some(Value::Null) | None, _) => Greater,
        (_, Some(Value::Null) | None) => Less,
        (Some(x), Some(y)) => x.show().cmp(&y.show()),
    }
}

fn matches(row: &[Value], condition: &Condition) -> bool {
    let cell = row.get(condition.column);
    if matches!(cell, Some(Value::Null) | None) || condition.value == Value::Null {
        return false;
    }
    let order = compare(cell, Some(&condition.value));
    match condition.op.as_str() {
        "=" => order.is_eq(),
        "<>" | "!=" => order.is_ne(),
        "<" => order.is_lt(),
        ">" => order.is_gt(),
        "<=" => order.is_le(),
        ">=" => order.is_ge(),
        _ => false,
    }
}

/// Writes tables as text: `table NAME`, `column NAME TYPE numeric serial`, then `row` lines of
/// tab-separated escaped cells (`\N` for NULL).
pub fn save(tables: &Tables) -> String {
    let mut text = String::new();
    for (name, table) in tables {
        text.push_str(&format!("table\t{}\n", escape(name)));
        for c in &table.columns {
            text.push_str(&format!("column\t{}\t{}\t{}\t{}\n", escape(&c.name), escape(&c.type_name), c.numeric, c.serial));
        }
        for row in &table.rows {
            let cells: Vec<String> = row.iter().map(|v| if *v == Value::Null { "\\N".into() } else { escape(&v.show()) }).collect();
            text.push_str(&format!("row\t{}\n", cells.join("\t")));
        }
    }
    text
}

/// Reads what [`save`] wrote; unreadable lines are skipped.
pub fn load(text: &str) -> Tables {
    let mut tables = Tables::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["table", name] => {
                let name = unescape(name);
                tables.insert(name.clone(), Table::default());
                current = Some(name);
            }
            ["column", name, type_name, numeric, serial] => {
                if let Some(t) = current.as_ref().and_then(|c| tables.get_mut(c)) {
                    t.columns.push(Column { name: unescape(name), type_name: unescape(type_name), numeric: *numeric == "true", serial: *serial == "true" });
                }
            }
            ["row", cells @ ..] => {
                if let Some(t) = current.as_ref().and_then(|c| tables.get_mut(c)) {
                    let row = t
                        .columns
                        .iter()
                        .enumerate()
                        .map(|(i, c)| match cells.get(i) {
                            None | Some(&"\\N") => Value::Null,
                            Some(cell) if c.numeric => cell.parse().map(Value::Int).unwrap_or(Value::Null),
                            Some(cell) => Value::Text(unescape(cell)),
                        })
                        .collect();
                    t.rows.push(row);
                }
            }
            _ => {}
        }
    }
    tables
}

pub(super) fn escape(text: &str) -> String {
    text.replace('\\', "\\\\").replace('\t', "\\t").replace('\n', "\\n")
}

pub(super) fn unescape(text: &str) -> String {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('t') => out.push('\t'),
            Some('n') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}
