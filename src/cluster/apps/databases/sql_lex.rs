//! Splits SQL text into tokens that remember where they start, so errors can point at them
//! (`LINE 1: ... ^`) like the real servers do.

/// One token of SQL text.
#[derive(Clone, Debug, PartialEq)]
pub enum Tok {
    /// A keyword or unquoted identifier, lower-cased (SQL folds unquoted names).
    Word(String),
    /// A `"Quoted"` identifier, case kept.
    Quoted(String),
    /// A number literal as written.
    Number(String),
    /// A `'string'` literal with `''` unescaped.
    Str(String),
    /// Punctuation or an operator: `(`, `)`, `,`, `;`, `*`, `=`, `<>`, `<=`, …
    Sym(String),
}

/// A token and its byte offset in the statement text.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    pub tok: Tok,
    pub at: usize,
    /// The token as written, for "syntax error at or near" messages.
    pub text: String,
}

/// A string literal that never ends: its start.
#[derive(Debug, PartialEq)]
pub struct Unterminated {
    pub at: usize,
}

/// Tokenises `sql`; `--` comments are skipped.
pub fn tokens(sql: &str) -> Result<Vec<Token>, Unterminated> {
    let chars: Vec<(usize, char)> = sql.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let at = |i: usize| chars.get(i).map_or(sql.len(), |(b, _)| *b);
    while let Some(&(start, c)) = chars.get(i) {
        if c.is_whitespace() {
            i += 1;
        } else if c == '-' && chars.get(i + 1).map(|p| p.1) == Some('-') {
            while chars.get(i).is_some_and(|p| p.1 != '\n') {
                i += 1;
            }
        } else if c == '\'' || c == '"' {
            let mut value = String::new();
            i += 1;
            loop {
                match chars.get(i).map(|p| p.1) {
                    None => return Err(Unterminated { at: start }),
                    Some(q) if q == c && chars.get(i + 1).map(|p| p.1) == Some(c) => {
                        value.push(c);
                        i += 2;
                    }
                    Some(q) if q == c => {
                        i += 1;
                        break;
                    }
                    Some(other) => {
                        value.push(other);
                        i += 1;
                    }
                }
            }
            let tok = if c == '\'' { Tok::Str(value) } else { Tok::Quoted(value) };
            out.push(Token { tok, at: start, text: sql[start..at(i)].to_string() });
        } else if c.is_ascii_digit() {
            while chars.get(i).is_some_and(|p| p.1.is_ascii_digit() || p.1 == '.') {
                i += 1;
            }
            let text = sql[start..at(i)].to_string();
            out.push(Token { tok: Tok::Number(text.clone()), at: start, text });
        } else if c.is_alphabetic() || c == '_' {
            while chars.get(i).is_some_and(|p| p.1.is_alphanumeric() || p.1 == '_' || p.1 == '$') {
                i += 1;
            }
            let text = sql[start..at(i)].to_string();
            out.push(Token { tok: Tok::Word(text.to_lowercase()), at: start, text });
        } else {
            let two: String = chars.iter().skip(i).take(2).map(|p| p.1).collect();
            let len = if ["<>", "<=", ">=", "!=", "::"].contains(&two.as_str()) { 2 } else { 1 };
            i += len;
            let text = sql[start..at(i)].to_string();
            out.push(Token { tok: Tok::Sym(text.clone()), at: start, text });
        }
    }
    Ok(out)
}
