//! Turns a command line into tokens: words (with their quoting kept as parts), operators,
//! redirections and newlines. Here-doc bodies are read when the line holding `<<EOF` ends.

use super::ast::{Part, Word};

/// Why a command line could not be parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// More input is needed: an open quote, a trailing `\` or `|`, a here-doc without terminator.
    Incomplete,
    /// A syntax error, already worded as bash words it.
    Syntax(String),
}

/// Control operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Pipe,
    AndIf,
    OrIf,
    Semi,
    /// `;;`: ends a `case` arm.
    DSemi,
    Amp,
    LParen,
    RParen,
}

impl Op {
    /// The operator as typed, for error messages.
    pub fn text(self) -> &'static str {
        match self {
            Op::Pipe => "|",
            Op::AndIf => "&&",
            Op::OrIf => "||",
            Op::Semi => ";",
            Op::DSemi => ";;",
            Op::Amp => "&",
            Op::LParen => "(",
            Op::RParen => ")",
        }
    }
}

/// Redirection operators.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RedirOp {
    Out,
    Append,
    In,
    /// `>&`: a dup when followed by a number, else `&>`.
    DupOut,
    /// `<&`.
    DupIn,
    Both,
    BothAppend,
    HereString,
    /// A here-doc: the index of its body in [`Lexed::bodies`].
    HereDoc(usize),
}

/// What a token is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokKind {
    Word(Word),
    Op(Op),
    Redir { fd: Option<u32>, op: RedirOp },
    Newline,
}

/// A token and where it sits in the input (character offsets), for `jobs` to show source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    pub kind: TokKind,
    pub start: usize,
    pub end: usize,
}

/// A here-doc's body and whether it expands `$`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HereDocBody {
    pub text: String,
    pub expand: bool,
}

/// The tokens of a command line and its here-doc bodies.
#[derive(Debug, Default)]
pub struct Lexed {
    pub tokens: Vec<Token>,
    pub bodies: Vec<HereDocBody>,
}

struct Pending {
    delimiter: String,
    strip_tabs: bool,
    index: usize,
}

struct Lexer {
    chars: Vec<char>,
    pos: usize,
    tokens: Vec<Token>,
    bodies: Vec<HereDocBody>,
    pending: Vec<Pending>,
}

/// Splits `input` into tokens.
pub fn lex(input: &str) -> Result<Lexed, ParseError> {
    let mut lx = Lexer { chars: input.chars().collect(), pos: 0, tokens: Vec::new(), bodies: Vec::new(), pending: Vec::new() };
    lx.run()?;
    Ok(Lexed { tokens: lx.tokens, bodies: lx.bodies })
}

fn is_meta(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '|' | '&' | ';' | '<' | '>' | '(' | ')')
}

impl Lexer {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, offset: usize) -> Option<char> {
        self.chars.get(self.pos + offset).copied()
    }

    fn push(&mut self, kind: TokKind, start: usize) {
        self.tokens.push(Token { kind, start, end: self.pos });
    }

    fn run(&mut self) -> Result<(), ParseError> {
        while let Some(c) = self.peek() {
            let start = self.pos;
            match c {
                ' ' | '\t' | '\r' => self.pos += 1,
                '\\' if self.peek_at(1) == Some('\n') => {
                    if self.pos + 2 >= self.chars.len() {
                        return Err(ParseError::Incomplete);
                    }
                    self.pos += 2
                }
                '\n' => {
                    self.pos += 1;
                    self.push(TokKind::Newline, start);
                    self.read_heredoc_bodies()?;
                }
                '#' => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.pos += 1;
                    }
                }
                '|' | '&' | ';' | '(' | ')' | '<' | '>' => self.operator(None)?,
                _ => {
                    let word = self.word()?;
                    let is_number = word.plain().is_some_and(|t| !t.is_empty() && t.chars().all(|c| c.is_ascii_digit()));
                    if is_number && matches!(self.peek(), Some('<' | '>')) {
                        let fd = word.plain().and_then(|t| t.parse().ok());
                        self.operator(fd)?;
                        if let Some(t) = self.tokens.last_mut() {
                            t.start = start;
                        }
                    } else {
                        self.push(TokKind::Word(word), start);
                    }
                }
            }
        }
        if !self.pending.is_empty() {
            return Err(ParseError::Incomplete);
        }
        Ok(())
    }

    fn operator(&mut self, fd: Option<u32>) -> Result<(), ParseError> {
        let start = self.pos;
        let two: String = self.chars[self.pos..].iter().take(3).collect();
        let (kind, len) = if two.starts_with("&&") {
            (TokKind::Op(Op::AndIf), 2)
        } else if two.starts_with("||") {
            (TokKind::Op(Op::OrIf), 2)
        } else if two.starts_with(";;") {
            (TokKind::Op(Op::DSemi), 2)
        } else if two.starts_with("&>>") {
            (TokKind::Redir { fd, op: RedirOp::BothAppend }, 3)
        } else if two.starts_with("&>") {
            (TokKind::Redir { fd, op: RedirOp::Both }, 2)
        } else if two.starts_with(">>") {
            (TokKind::Redir { fd, op: RedirOp::Append }, 2)
        } else if two.starts_with(">&") {
            (TokKind::Redir { fd, op: RedirOp::DupOut }, 2)
        } else if two.starts_with(">|") {
            (TokKind::Redir { fd, op: RedirOp::Out }, 2)
        } else if two.starts_with("<<<") {
            (TokKind::Redir { fd, op: RedirOp::HereString }, 3)
        } else if two.starts_with("<<") {
            let strip_tabs = two.ends_with('-');
            self.pos += if strip_tabs { 3 } else { 2 };
            return self.heredoc_operator(fd, strip_tabs, start);
        } else if two.starts_with("<&") {
            (TokKind::Redir { fd, op: RedirOp::DupIn }, 2)
        } else {
            let kind = match self.chars[self.pos] {
                '|' => TokKind::Op(Op::Pipe),
                '&' => TokKind::Op(Op::Amp),
                ';' => TokKind::Op(Op::Semi),
                '(' => TokKind::Op(Op::LParen),
                ')' => TokKind::Op(Op::RParen),
                '<' => TokKind::Redir { fd, op: RedirOp::In },
                _ => TokKind::Redir { fd, op: RedirOp::Out },
            };
            (kind, 1)
        };
        self.pos += len;
        self.push(kind, start);
        Ok(())
    }

    /// `<<WORD`: the delimiter is read now; the body after the current line ends.
    fn heredoc_operator(&mut self, fd: Option<u32>, strip_tabs: bool, start: usize) -> Result<(), ParseError> {
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.pos += 1;
        }
        if self.peek().is_none_or(is_meta) {
            return Err(match self.peek() {
                None | Some('\n') => ParseError::Syntax("syntax error near unexpected token `newline'".into()),
                Some(c) => ParseError::Syntax(format!("syntax error near unexpected token `{c}'")),
            });
        }
        let word = self.word()?;
        let mut delimiter = String::new();
        let mut quoted = false;
        for part in &word.parts {
            match part {
                Part::Lit(s) => delimiter.push_str(s),
                Part::Quoted(s) => {
                    quoted = true;
                    delimiter.push_str(s);
                }
                Part::Var { name, .. } => delimiter.push_str(&format!("${name}")),
                Part::Subst { source, .. } => delimiter.push_str(&format!("$({source})")),
                Part::Tilde => delimiter.push('~'),
                Part::Arith { source, .. } => delimiter.push_str(&format!("$(({source}))")),
                Part::Param { name, .. } => delimiter.push_str(&format!("${{{name}}}")),
            }
        }
        let index = self.bodies.len();
        self.bodies.push(HereDocBody { text: String::new(), expand: !quoted });
        self.pending.push(Pending { delimiter, strip_tabs, index });
        self.push(TokKind::Redir { fd, op: RedirOp::HereDoc(index) }, start);
        Ok(())
    }

    fn read_heredoc_bodies(&mut self) -> Result<(), ParseError> {
        for pending in std::mem::take(&mut self.pending) {
            let mut body = String::new();
            loop {
                if self.pos >= self.chars.len() {
                    return Err(ParseError::Incomplete);
                }
                let line_start = self.pos;
                while self.peek().is_some_and(|c| c != '\n') {
                    self.pos += 1;
                }
                let mut line: String = self.chars[line_start..self.pos].iter().collect();
                let had_newline = self.peek() == Some('\n');
                if had_newline {
                    self.pos += 1;
                }
                if pending.strip_tabs {
                    line = line.trim_start_matches('\t').to_string();
                }
                if line.trim_end_matches('\r') == pending.delimiter {
                    break;
                }
                if !had_newline {
                    return Err(ParseError::Incomplete);
                }
                body.push_str(&line);
                body.push('\n');
            }
            self.bodies[pending.index].text = body;
        }
        Ok(())
    }

    /// Reads one word up to an unquoted metacharacter.
    fn word(&mut self) -> Result<Word, ParseError> {
        let mut parts: Vec<Part> = Vec::new();
        let mut lit = String::new();
        let word_start = self.pos;
        while let Some(c) = self.peek() {
            if is_meta(c) {
                break;
            }
            match c {
                '\\' => {
                    match self.peek_at(1) {
                        None => return Err(ParseError::Incomplete),
                        Some('\n') if self.pos + 2 >= self.chars.len() => return Err(ParseError::Incomplete),
                        Some('\n') => {}
                        Some(next) => {
                            flush(&mut parts, &mut lit);
                            parts.push(Part::Quoted(next.to_string()));
                        }
                    }
                    self.pos += 2;
                }
                '\'' => {
                    flush(&mut parts, &mut lit);
                    self.pos += 1;
                    let start = self.pos;
                    while self.peek().is_some_and(|c| c != '\'') {
                        self.pos += 1;
                    }
                    if self.peek().is_none() {
                        return Err(ParseError::Incomplete);
                    }
                    parts.push(Part::Quoted(self.chars[start..self.pos].iter().collect()));
                    self.pos += 1;
                }
                '"' => {
                    flush(&mut parts, &mut lit);
                    self.pos += 1;
                    let inner = self.double_quoted()?;
                    if inner.is_empty() {
                        parts.push(Part::Quoted(String::new()));
                    }
                    parts.extend(inner);
                }
                '$' | '`' => {
                    match self.dollar_or_backtick(false)? {
                        Some(part) => {
                            flush(&mut parts, &mut lit);
                            parts.push(part);
                        }
                        None => lit.push('$'),
                    }
                }
                '~' if self.pos == word_start && self.peek_at(1).is_none_or(|n| n == '/' || is_meta(n)) => {
                    self.pos += 1;
                    parts.push(Part::Tilde);
                }
                _ => {
                    lit.push(c);
                    self.pos += 1;
                }
            }
        }
        flush(&mut parts, &mut lit);
        Ok(Word { parts })
    }

    /// The inside of `"…"` (the opening quote already consumed).
    fn double_quoted(&mut self) -> Result<Vec<Part>, ParseError> {
        let mut parts = Vec::new();
        let mut text = String::new();
        loop {
            let Some(c) = self.peek() else { return Err(ParseError::Incomplete) };
            match c {
                '"' => {
                    self.pos += 1;
                    break;
                }
                '\\' => {
                    match self.peek_at(1) {
                        None => return Err(ParseError::Incomplete),
                        Some('\n') => {}
                        Some(n @ ('$' | '`' | '"' | '\\')) => text.push(n),
                        Some(n) => {
                            text.push('\\');
                            text.push(n);
                        }
                    }
                    self.pos += 2;
                }
                '$' | '`' => match self.dollar_or_backtick(true)? {
                    Some(part) => {
                        if !text.is_empty() {
                            parts.push(Part::Quoted(std::mem::take(&mut text)));
                        }
                        parts.push(part);
                    }
                    None => text.push('$'),
                },
                _ => {
                    text.push(c);
                    self.pos += 1;
                }
            }
        }
        if !text.is_empty() {
            parts.push(Part::Quoted(text));
        }
        Ok(parts)
    }

    /// `$NAME`, `${NAME}`, `$( … )` or a backtick substitution at the cursor; `None` for a lone `$`
    /// (the `$` is consumed).
    fn dollar_or_backtick(&mut self, quoted: bool) -> Result<Option<Part>, ParseError> {
        let (part, end) = scan_expansion(&self.chars, self.pos, quoted)?;
        self.pos = end;
        Ok(part)
    }
}

fn flush(parts: &mut Vec<Part>, lit: &mut String) {
    if !lit.is_empty() {
        parts.push(Part::Lit(std::mem::take(lit)));
    }
}

/// Reads the expansion starting at `chars[pos]` (a `$` or a backtick); returns the part and the
/// position after it.
pub fn scan_expansion(chars: &[char], pos: usize, quoted: bool) -> Result<(Option<Part>, usize), ParseError> {
    let at = |i: usize| chars.get(i).copied();
    if at(pos) == Some('`') {
        let mut i = pos + 1;
        let mut source = String::new();
        loop {
            match at(i) {
                None => return Err(ParseError::Incomplete),
                Some('`') => break,
                Some('\\') if matches!(at(i + 1), Some('`' | '\\' | '$')) => {
                    source.push(chars[i + 1]);
                    i += 2;
                }
                Some(c) => {
                    source.push(c);
                    i += 1;
                }
            }
        }
        return Ok((Some(Part::Subst { source, quoted }), i + 1));
    }
    match at(pos + 1) {
        Some('(') => {
            if at(pos + 2) == Some('(') {
                if let Ok(inner) = matching_paren(chars, pos + 3) {
                    if at(inner + 1) == Some(')') {
                        let source: String = chars[pos + 3..inner].iter().collect();
                        return Ok((Some(Part::Arith { source, quoted }), inner + 2));
                    }
                }
            }
            let end = matching_paren(chars, pos + 2)?;
            let source: String = chars[pos + 2..end].iter().collect();
            Ok((Some(Part::Subst { source, quoted }), end + 1))
        }
        Some('{') => {
            let mut i = pos + 2;
            let mut depth = 1;
            while let Some(c) = at(i) {
                match c {
                    '{' => depth += 1,
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    '\\' => i += 1,
                    _ => {}
                }
                i += 1;
            }
            if at(i).is_none() {
                return Err(ParseError::Incomplete);
            }
            let inner: String = chars[pos + 2..i].iter().collect();
            Ok((Some(parameter(&inner, quoted)?), i + 1))
        }
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {
            let mut i = pos + 1;
            while at(i).is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
                i += 1;
            }
            Ok((Some(Part::Var { name: chars[pos + 1..i].iter().collect(), quoted }), i))
        }
        Some(c) if c.is_ascii_digit() || matches!(c, '?' | '$' | '#' | '@' | '*' | '!') => {
            Ok((Some(Part::Var { name: c.to_string(), quoted }), pos + 2))
        }
        _ => Ok((None, pos + 1)),
    }
}

/// The inside of `${ … }`: a name, maybe with `#` in front or an operator and word after it.
fn parameter(inner: &str, quoted: bool) -> Result<Part, ParseError> {
    let bad = || ParseError::Syntax(format!("${{{inner}}}: bad substitution"));
    let is_name = |n: &str| {
        !n.is_empty() && (n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') || matches!(n, "?" | "$" | "#" | "@" | "*" | "!"))
    };
    if is_name(inner) {
        return Ok(Part::Var { name: inner.to_string(), quoted });
    }
    if let Some(name) = inner.strip_prefix('#').filter(|n| is_name(n)) {
        return Ok(Part::Param { name: name.to_string(), op: super::ast::ParamOp::Length, arg: String::new(), quoted });
    }
    let name_len = inner.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(inner.len());
    let (name, rest) = inner.split_at(name_len);
    if !is_name(name) {
        return Err(bad());
    }
    use super::ast::ParamOp;
    let table: [(&str, ParamOp); 10] = [
        (":-", ParamOp::Default { colon: true }),
        (":=", ParamOp::Assign { colon: true }),
        (":+", ParamOp::Alternative { colon: true }),
        ("##", ParamOp::RemovePrefix { longest: true }),
        ("%%", ParamOp::RemoveSuffix { longest: true }),
        ("-", ParamOp::Default { colon: false }),
        ("=", ParamOp::Assign { colon: false }),
        ("+", ParamOp::Alternative { colon: false }),
        ("#", ParamOp::RemovePrefix { longest: false }),
        ("%", ParamOp::RemoveSuffix { longest: false }),
    ];
    for (text, op) in table {
        if let Some(arg) = rest.strip_prefix(text) {
            return Ok(Part::Param { name: name.to_string(), op, arg: arg.to_string(), quoted });
        }
    }
    Err(bad())
}

/// The index of the `)` closing a `$(` whose inside starts at `start`, skipping quotes and nested
/// parentheses.
fn matching_paren(chars: &[char], start: usize) -> Result<usize, ParseError> {
    let mut depth = 1;
    let mut i = start;
    while let Some(&c) = chars.get(i) {
        match c {
            '\\' => i += 1,
            '\'' => {
                i += 1;
                while chars.get(i).is_some_and(|&c| c != '\'') {
                    i += 1;
                }
                if i >= chars.len() {
                    return Err(ParseError::Incomplete);
                }
            }
            '"' => {
                i += 1;
                while let Some(&c) = chars.get(i) {
                    if c == '\\' {
                        i += 1;
                    } else if c == '"' {
                        break;
                    }
                    i += 1;
                }
                if i >= chars.len() {
                    return Err(ParseError::Incomplete);
                }
            }
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    return Ok(i);
                }
            }
            _ => {}
        }
        i += 1;
    }
    Err(ParseError::Incomplete)
}

/// The parts of a here-doc body whose delimiter was unquoted: `$` expansions and backticks apply,
/// `\` escapes only `$`, `` ` `` and `\`.
pub fn heredoc_parts(body: &str) -> Vec<Part> {
    let chars: Vec<char> = body.chars().collect();
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' && matches!(chars.get(i + 1), Some('$' | '`' | '\\')) {
            text.push(chars[i + 1]);
            i += 2;
        } else if c == '\\' && chars.get(i + 1) == Some(&'\n') {
            i += 2;
        } else if c == '$' || c == '`' {
            match scan_expansion(&chars, i, true) {
                Ok((Some(part), end)) => {
                    if !text.is_empty() {
                        parts.push(Part::Quoted(std::mem::take(&mut text)));
                    }
                    parts.push(part);
                    i = end;
                }
                _ => {
                    text.push(c);
                    i += 1;
                }
            }
        } else {
            text.push(c);
            i += 1;
        }
    }
    if !text.is_empty() {
        parts.push(Part::Quoted(text));
    }
    parts
}
