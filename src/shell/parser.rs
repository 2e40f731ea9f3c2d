//! Builds the syntax tree from tokens: `list := and_or ((; | & | newline) and_or)*`,
//! `and_or := pipeline ((&& | ||) pipeline)*`, `pipeline := [!] command (| command)*`.

use super::ast::{AndOr, Command, Compound, Connector, ListItem, Pipeline, RedirKind, Redirect, Script, SimpleCommand, Word};
use super::lexer::{lex, HereDocBody, Op, ParseError, RedirOp, TokKind, Token};

/// Parses a whole command line (possibly several lines).
pub fn parse(input: &str) -> Result<Script, ParseError> {
    let lexed = lex(input)?;
    let mut parser = Parser { tokens: lexed.tokens, bodies: lexed.bodies, pos: 0, source: input.chars().collect(), depth: 0 };
    let script = parser.list(Stop::End)?;
    match parser.peek() {
        None => Ok(script),
        Some(kind) => Err(unexpected(&token_text(kind))),
    }
}

struct Parser {
    tokens: Vec<Token>,
    bodies: Vec<HereDocBody>,
    pos: usize,
    source: Vec<char>,
    /// How many compound commands enclose the cursor (bounded, so input cannot overflow the stack).
    depth: usize,
}

/// The deepest nesting of compound commands accepted.
const MAX_DEPTH: usize = 64;

/// Reserved words that end a list inside a compound command.
const CLOSING_KEYWORDS: &[&str] = &["then", "else", "elif", "fi", "do", "done", "esac", "}"];

/// What ends the list being parsed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Stop {
    /// The end of the input (the whole command line).
    End,
    /// One of these reserved words at the start of a command.
    Words(&'static [&'static str]),
    /// `)` closing a subshell.
    RParen,
    /// `;;` or `esac` ending a case arm.
    CaseArm,
}

fn unexpected(what: &str) -> ParseError {
    ParseError::Syntax(format!("syntax error near unexpected token `{what}'"))
}

fn token_text(kind: &TokKind) -> String {
    match kind {
        TokKind::Word(w) => w.plain().unwrap_or_else(|| "word".into()),
        TokKind::Op(op) => op.text().into(),
        TokKind::Redir { .. } => "redirection".into(),
        TokKind::Newline => "newline".into(),
    }
}

impl Parser {
    fn peek(&self) -> Option<&TokKind> {
        self.tokens.get(self.pos).map(|t| &t.kind)
    }

    /// The reserved word at the cursor, if the next token is an unquoted word.
    fn peek_word(&self) -> Option<String> {
        match self.peek() {
            Some(TokKind::Word(w)) => w.plain(),
            _ => None,
        }
    }

    fn skip_newlines(&mut self) {
        while self.peek() == Some(&TokKind::Newline) {
            self.pos += 1;
        }
    }

    fn at_stop(&self, stop: Stop) -> bool {
        match stop {
            Stop::End => false,
            Stop::Words(words) => self.peek_word().is_some_and(|w| words.contains(&w.as_str())),
            Stop::RParen => self.peek() == Some(&TokKind::Op(Op::RParen)),
            Stop::CaseArm => self.peek() == Some(&TokKind::Op(Op::DSemi)) || self.peek_word().as_deref() == Some("esac"),
        }
    }

    /// Parses and-or lists separated by `;`, `&` or newlines until `stop` (not consumed).
    fn list(&mut self, stop: Stop) -> Result<Script, ParseError> {
        let mut items = Vec::new();
        loop {
            self.skip_newlines();
            if self.at_stop(stop) {
                break;
            }
            let Some(kind) = self.peek() else {
                if stop == Stop::End {
                    break;
                }
                return Err(ParseError::Incomplete);
            };
            if let TokKind::Op(op @ (Op::Semi | Op::DSemi | Op::Amp | Op::Pipe | Op::AndIf | Op::OrIf | Op::RParen)) = kind {
                return Err(unexpected(op.text()));
            }
            if let Some(word) = self.peek_word().filter(|w| CLOSING_KEYWORDS.contains(&w.as_str())) {
                return Err(unexpected(&word));
            }
            let and_or = self.and_or()?;
            let background = match self.peek() {
                Some(TokKind::Op(Op::Amp)) => {
                    self.pos += 1;
                    true
                }
                Some(TokKind::Op(Op::Semi)) => {
                    self.pos += 1;
                    false
                }
                Some(TokKind::Newline) | None => false,
                Some(TokKind::Op(Op::RParen)) if stop == Stop::RParen => false,
                Some(TokKind::Op(Op::DSemi)) if stop == Stop::CaseArm => false,
                Some(other) => return Err(unexpected(&token_text(other))),
            };
            items.push(ListItem { and_or, background });
        }
        Ok(Script { items })
    }

    fn and_or(&mut self) -> Result<AndOr, ParseError> {
        let start = self.tokens.get(self.pos).map_or(0, |t| t.start);
        let first = self.pipeline()?;
        let mut rest = Vec::new();
        loop {
            let connector = match self.peek() {
                Some(TokKind::Op(Op::AndIf)) => Connector::And,
                Some(TokKind::Op(Op::OrIf)) => Connector::Or,
                _ => break,
            };
            self.pos += 1;
            self.skip_newlines();
            rest.push((connector, self.pipeline()?));
        }
        let end = self.tokens.get(self.pos.saturating_sub(1)).map_or(start, |t| t.end);
        let text: String = self.source.get(start..end).map(|s| s.iter().collect()).unwrap_or_default();
        Ok(AndOr { first, rest, text: text.trim().to_string() })
    }

    fn pipeline(&mut self) -> Result<Pipeline, ParseError> {
        let mut negate = false;
        if self.peek_word().as_deref() == Some("!") {
            negate = true;
            self.pos += 1;
        }
        let mut commands = vec![self.command()?];
        while self.peek() == Some(&TokKind::Op(Op::Pipe)) {
            self.pos += 1;
            self.skip_newlines();
            commands.push(self.command()?);
        }
        Ok(Pipeline { commands, negate })
    }

    fn command(&mut self) -> Result<Command, ParseError> {
        self.depth += 1;
        let result = if self.depth > MAX_DEPTH {
            Err(ParseError::Syntax("compound commands nested too deeply".into()))
        } else {
            self.command_inner()
        };
        self.depth -= 1;
        result
    }

    fn command_inner(&mut self) -> Result<Command, ParseError> {
        if self.peek() == Some(&TokKind::Op(Op::LParen)) {
            self.pos += 1;
            let body = self.list(Stop::RParen)?;
            self.pos += 1;
            return self.compound_end(Compound::Subshell(body));
        }
        let compound = match self.peek_word().as_deref() {
            Some("{") => {
                self.pos += 1;
                let body = self.list(Stop::Words(&["}"]))?;
                self.pos += 1;
                Compound::Group(body)
            }
            Some("if") => self.if_command()?,
            Some(keyword @ ("while" | "until")) => {
                let until = keyword == "until";
                self.pos += 1;
                let condition = self.list(Stop::Words(&["do"]))?;
                let body = self.do_group()?;
                Compound::Loop { until, condition, body }
            }
            Some("for") => self.for_command()?,
            Some("case") => self.case_command()?,
            Some("[[") => self.cond_command()?,
            Some(keyword @ ("select" | "function")) => {
                return Err(ParseError::Syntax(format!("{keyword}: not supported in kubeplay")));
            }
            _ => return Ok(Command::Simple(self.simple()?)),
        };
        self.compound_end(compound)
    }

    /// The redirections after a compound command's closing word.
    fn compound_end(&mut self, body: Compound) -> Result<Command, ParseError> {
        let mut redirects = Vec::new();
        while let Some(TokKind::Redir { fd, op }) = self.peek().cloned() {
            self.pos += 1;
            redirects.push(self.redirect(fd, op)?);
        }
        if let Some(TokKind::Word(w)) = self.peek() {
            return Err(unexpected(&w.plain().unwrap_or_else(|| "word".into())));
        }
        Ok(Command::Compound { body: Box::new(body), redirects })
    }

    /// Consumes the reserved word `word` (after newlines); end of input means more is to come.
    fn expect_word(&mut self, word: &str) -> Result<(), ParseError> {
        self.skip_newlines();
        match self.peek() {
            None => Err(ParseError::Incomplete),
            Some(_) if self.peek_word().as_deref() == Some(word) => {
                self.pos += 1;
                Ok(())
            }
            Some(other) => Err(unexpected(&token_text(other))),
        }
    }

    /// `do list done`.
    fn do_group(&mut self) -> Result<Script, ParseError> {
        self.expect_word("do")?;
        let body = self.list(Stop::Words(&["done"]))?;
        self.pos += 1;
        Ok(body)
    }

    fn if_command(&mut self) -> Result<Compound, ParseError> {
        self.pos += 1;
        let mut branches = Vec::new();
        let mut otherwise = None;
        loop {
            let condition = self.list(Stop::Words(&["then"]))?;
            self.pos += 1;
            let body = self.list(Stop::Words(&["elif", "else", "fi"]))?;
            branches.push((condition, body));
            let keyword = self.peek_word().unwrap_or_default();
            self.pos += 1;
            match keyword.as_str() {
                "elif" => continue,
                "else" => {
                    otherwise = Some(self.list(Stop::Words(&["fi"]))?);
                    self.pos += 1;
                }
                _ => {}
            }
            break;
        }
        Ok(Compound::If { branches, otherwise })
    }

    fn for_command(&mut self) -> Result<Compound, ParseError> {
        self.pos += 1;
        let var = match self.peek() {
            None => return Err(ParseError::Incomplete),
            Some(TokKind::Op(Op::LParen)) => {
                return Err(ParseError::Syntax("for ((…)): arithmetic for loops are not supported in kubeplay".into()));
            }
            Some(_) => self.peek_word().filter(|w| valid_name(w)),
        };
        let Some(var) = var else {
            let text = self.peek().map(token_text).unwrap_or_default();
            return Err(ParseError::Syntax(format!("`{text}': not a valid identifier")));
        };
        self.pos += 1;
        let mut words = Vec::new();
        self.skip_newlines();
        if self.peek_word().as_deref() == Some("in") {
            self.pos += 1;
            while let Some(TokKind::Word(w)) = self.peek().cloned() {
                words.push(w);
                self.pos += 1;
            }
        }
        match self.peek() {
            Some(TokKind::Op(Op::Semi)) => self.pos += 1,
            Some(TokKind::Newline) | None => {}
            Some(other) => return Err(unexpected(&token_text(other))),
        }
        let body = self.do_group()?;
        Ok(Compound::For { var, words, body })
    }

    fn case_command(&mut self) -> Result<Compound, ParseError> {
        self.pos += 1;
        let word = match self.peek().cloned() {
            None => return Err(ParseError::Incomplete),
            Some(TokKind::Word(w)) => w,
            Some(other) => return Err(unexpected(&token_text(&other))),
        };
        self.pos += 1;
        self.expect_word("in")?;
        let mut arms = Vec::new();
        loop {
            self.skip_newlines();
            match self.peek() {
                None => return Err(ParseError::Incomplete),
                Some(_) if self.peek_word().as_deref() == Some("esac") => {
                    self.pos += 1;
                    break;
                }
                _ => {}
            }
            if self.peek() == Some(&TokKind::Op(Op::LParen)) {
                self.pos += 1;
            }
            let mut patterns = Vec::new();
            loop {
                match self.peek().cloned() {
                    None => return Err(ParseError::Incomplete),
                    Some(TokKind::Word(w)) => {
                        patterns.push(w);
                        self.pos += 1;
                    }
                    Some(other) => return Err(unexpected(&token_text(&other))),
                }
                match self.peek() {
                    Some(TokKind::Op(Op::Pipe)) => self.pos += 1,
                    Some(TokKind::Op(Op::RParen)) => {
                        self.pos += 1;
                        break;
                    }
                    None => return Err(ParseError::Incomplete),
                    Some(other) => return Err(unexpected(&token_text(other))),
                }
            }
            let body = self.list(Stop::CaseArm)?;
            arms.push((patterns, body));
            if self.peek() == Some(&TokKind::Op(Op::DSemi)) {
                self.pos += 1;
            }
        }
        Ok(Compound::Case { word, arms })
    }

    /// `[[ … ]]`: operators between the brackets become plain words.
    fn cond_command(&mut self) -> Result<Compound, ParseError> {
        self.pos += 1;
        let mut words = Vec::new();
        loop {
            let text = match self.peek().cloned() {
                None | Some(TokKind::Newline) => return Err(unexpected("newline")),
                Some(TokKind::Word(w)) if w.plain().as_deref() == Some("]]") => {
                    self.pos += 1;
                    break;
                }
                Some(TokKind::Word(w)) => {
                    self.pos += 1;
                    words.push(w);
                    continue;
                }
                Some(TokKind::Op(op @ (Op::AndIf | Op::OrIf | Op::LParen | Op::RParen))) => op.text().to_string(),
                Some(TokKind::Redir { fd: None, op: RedirOp::In }) => "<".into(),
                Some(TokKind::Redir { fd: None, op: RedirOp::Out }) => ">".into(),
                Some(other) => return Err(unexpected(&token_text(&other))),
            };
            self.pos += 1;
            words.push(Word { parts: vec![super::ast::Part::Quoted(text)] });
        }
        Ok(Compound::Cond(words))
    }

    fn simple(&mut self) -> Result<SimpleCommand, ParseError> {
        let mut cmd = SimpleCommand::default();
        loop {
            match self.peek().cloned() {
                Some(TokKind::Word(word)) => {
                    self.pos += 1;
                    match assignment(&word) {
                        Some(assign) if cmd.words.is_empty() => cmd.assigns.push(assign),
                        _ => cmd.words.push(word),
                    }
                }
                Some(TokKind::Redir { fd, op }) => {
                    self.pos += 1;
                    cmd.redirects.push(self.redirect(fd, op)?);
                }
                Some(TokKind::Op(Op::LParen)) if cmd.words.len() == 1 && cmd.assigns.is_empty() => {
                    return Err(ParseError::Syntax("functions are not supported in kubeplay".into()));
                }
                Some(TokKind::Op(Op::LParen)) => return Err(unexpected("(")),
                _ => break,
            }
        }
        if cmd.words.is_empty() && cmd.assigns.is_empty() && cmd.redirects.is_empty() {
            return match self.peek() {
                None => Err(ParseError::Incomplete),
                Some(TokKind::Newline) => Err(ParseError::Incomplete),
                Some(TokKind::Op(op)) => Err(unexpected(op.text())),
                Some(_) => Err(unexpected("newline")),
            };
        }
        Ok(cmd)
    }

    fn redirect(&mut self, fd: Option<u32>, op: RedirOp) -> Result<Redirect, ParseError> {
        if let RedirOp::HereDoc(index) = op {
            let body = self.bodies.get(index).cloned().unwrap_or_default();
            return Ok(Redirect { fd: fd.unwrap_or(0), kind: RedirKind::HereDoc { body: body.text, expand: body.expand } });
        }
        let target = match self.peek().cloned() {
            Some(TokKind::Word(w)) => {
                self.pos += 1;
                w
            }
            Some(TokKind::Op(o)) => return Err(unexpected(o.text())),
            _ => return Err(unexpected("newline")),
        };
        let kind = match op {
            RedirOp::Out => RedirKind::Write { path: target, append: false },
            RedirOp::Append => RedirKind::Write { path: target, append: true },
            RedirOp::In => RedirKind::Read(target),
            RedirOp::Both => RedirKind::WriteBoth { path: target, append: false },
            RedirOp::BothAppend => RedirKind::WriteBoth { path: target, append: true },
            RedirOp::HereString => RedirKind::HereString(target),
            RedirOp::DupOut | RedirOp::DupIn => match target.plain().and_then(|t| t.parse::<u32>().ok()) {
                Some(n) => RedirKind::Dup(n),
                None if op == RedirOp::DupOut && fd.is_none() => RedirKind::WriteBoth { path: target, append: false },
                None => return Err(ParseError::Syntax("ambiguous redirect".into())),
            },
            RedirOp::HereDoc(_) => unreachable_heredoc(),
        };
        let default_fd = if matches!(op, RedirOp::In | RedirOp::DupIn | RedirOp::HereString) { 0 } else { 1 };
        Ok(Redirect { fd: fd.unwrap_or(default_fd), kind })
    }
}

/// Here-docs return early in [`Parser::redirect`]; this keeps the match total without panicking.
fn unreachable_heredoc() -> RedirKind {
    RedirKind::HereDoc { body: String::new(), expand: false }
}

/// Whether `name` can name a shell variable.
pub fn valid_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') && !name.starts_with(|c: char| c.is_ascii_digit())
}

/// `NAME=value` as a word: the name and the value's parts.
fn assignment(word: &Word) -> Option<(String, Word)> {
    let super::ast::Part::Lit(first) = word.parts.first()? else { return None };
    let (name, value_start) = first.split_once('=')?;
    if !valid_name(name) {
        return None;
    }
    let mut parts = Vec::new();
    if !value_start.is_empty() {
        parts.push(super::ast::Part::Lit(value_start.to_string()));
    }
    parts.extend(word.parts[1..].iter().cloned());
    Some((name.to_string(), Word { parts }))
}

#[cfg(test)]
mod tests {
    use super::super::ast::Part;
    use super::*;

    fn words(cmd: &SimpleCommand) -> Vec<Vec<Part>> {
        cmd.words.iter().map(|w| w.parts.clone()).collect()
    }

    fn lit(s: &str) -> Part {
        Part::Lit(s.into())
    }

    #[test]
    fn quotes_and_escapes_become_parts() {
        let s = parse(r#"echo 'a b' "c $X" d\ e"#).unwrap();
        let cmd = &s.items[0].and_or.first.commands[0].as_simple().unwrap();
        assert_eq!(
            words(cmd),
            vec![
                vec![lit("echo")],
                vec![Part::Quoted("a b".into())],
                vec![Part::Quoted("c ".into()), Part::Var { name: "X".into(), quoted: true }],
                vec![lit("d"), Part::Quoted(" ".into()), lit("e")],
            ]
        );
    }

    #[test]
    fn lists_pipes_and_connectors() {
        let s = parse("a | b && c || d; e &\nf").unwrap();
        assert_eq!(s.items.len(), 3);
        assert_eq!(s.items[0].and_or.first.commands.len(), 2);
        assert_eq!(s.items[0].and_or.rest.iter().map(|r| r.0).collect::<Vec<_>>(), vec![Connector::And, Connector::Or]);
        assert!(s.items[1].background);
        assert_eq!(s.items[1].and_or.text, "e");
        assert_eq!(s.items[0].and_or.text, "a | b && c || d");
    }

    #[test]
    fn nested_substitutions_keep_their_source() {
        let s = parse("kubectl delete $(kubectl get pod -o name | grep \"$(echo x)\" | head -1)").unwrap();
        let cmd = &s.items[0].and_or.first.commands[0].as_simple().unwrap();
        assert_eq!(
            cmd.words[2].parts,
            vec![Part::Subst { source: "kubectl get pod -o name | grep \"$(echo x)\" | head -1".into(), quoted: false }]
        );
        let s = parse("echo `date`").unwrap();
        assert_eq!(s.items[0].and_or.first.commands[0].as_simple().unwrap().words[1].parts, vec![Part::Subst { source: "date".into(), quoted: false }]);
    }

    #[test]
    fn assignments_and_redirections() {
        let s = parse("A=1 B=\"x y\" cmd >out 2>&1 <in >>log").unwrap();
        let cmd = &s.items[0].and_or.first.commands[0].as_simple().unwrap();
        assert_eq!(cmd.assigns.len(), 2);
        assert_eq!(cmd.assigns[1].1.parts, vec![Part::Quoted("x y".into())]);
        assert_eq!(cmd.redirects[1], Redirect { fd: 2, kind: RedirKind::Dup(1) });
        assert_eq!(cmd.redirects[2].fd, 0);
        assert!(matches!(cmd.redirects[3].kind, RedirKind::Write { append: true, .. }));
        let s = parse("cmd 2>/dev/null").unwrap();
        assert_eq!(s.items[0].and_or.first.commands[0].as_simple().unwrap().redirects[0].fd, 2);
    }

    #[test]
    fn heredocs_span_lines() {
        let s = parse("cat <<EOF > f.yaml\nname: $N\nEOF\necho after").unwrap();
        assert_eq!(s.items.len(), 2);
        let cmd = &s.items[0].and_or.first.commands[0].as_simple().unwrap();
        assert_eq!(cmd.redirects[0].kind, RedirKind::HereDoc { body: "name: $N\n".into(), expand: true });
    }

    #[test]
    fn quoted_and_tab_stripped_heredocs() {
        let s = parse("cat <<-'END'\n\t$X\n\tEND\n").unwrap();
        let cmd = &s.items[0].and_or.first.commands[0].as_simple().unwrap();
        assert_eq!(cmd.redirects[0].kind, RedirKind::HereDoc { body: "$X\n".into(), expand: false });
    }

    #[test]
    fn incomplete_input_is_recognised() {
        for text in ["echo 'abc", "echo \"abc", "echo \\", "a |", "a &&", "cat <<EOF\nx", "echo $(ls", "echo `ls"] {
            assert_eq!(parse(text), Err(ParseError::Incomplete), "{text}");
        }
        assert!(parse("cat <<EOF\nx\nEOF").is_ok());
    }

    #[test]
    fn syntax_errors_read_like_bash() {
        assert_eq!(parse("; ls"), Err(ParseError::Syntax("syntax error near unexpected token `;'".into())));
        assert_eq!(parse("ls | | x"), Err(ParseError::Syntax("syntax error near unexpected token `|'".into())));
        assert_eq!(parse("ls >"), Err(ParseError::Syntax("syntax error near unexpected token `newline'".into())));
    }

    fn compound(text: &str) -> Compound {
        match parse(text).map(|s| s.items[0].and_or.first.commands[0].clone()) {
            Ok(Command::Compound { body, .. }) => *body,
            other => panic!("not a compound: {other:?}"),
        }
    }

    #[test]
    fn compound_commands() {
        let Compound::For { var, words, body } = compound("for i in a $(seq 2); do echo $i; done") else { panic!() };
        assert_eq!((var.as_str(), words.len(), body.items.len()), ("i", 2, 1));
        let Compound::If { branches, otherwise } = compound("if a; then b; elif c; then d; e; else f; fi") else { panic!() };
        assert_eq!((branches.len(), branches[1].1.items.len(), otherwise.map(|o| o.items.len())), (2, 2, Some(1)));
        let Compound::Loop { until, .. } = compound("until false\ndo\n  sleep 1\ndone") else { panic!() };
        assert!(until);
        let Compound::Case { arms, .. } = compound("case $x in\n a|b) echo ab;;\n *) echo other\nesac") else { panic!() };
        assert_eq!(arms.iter().map(|a| a.0.len()).collect::<Vec<_>>(), vec![2, 1]);
        assert!(matches!(compound("{ echo a; echo b; }"), Compound::Group(s) if s.items.len() == 2));
        assert!(matches!(compound("(cd /; ls)"), Compound::Subshell(s) if s.items.len() == 2));
        assert!(matches!(compound("[[ -n $x && $y == a* ]]"), Compound::Cond(w) if w.len() == 6));
        let s = parse("while read l; do echo $l; done < f.txt | grep x").unwrap();
        assert_eq!(s.items[0].and_or.first.commands.len(), 2);
        assert!(parse("echo for done; echo }").is_ok());
        let deep = format!("{}echo{}", "( ".repeat(5000), " )".repeat(5000));
        assert_eq!(parse(&deep), Err(ParseError::Syntax("compound commands nested too deeply".into())));
    }

    #[test]
    fn compound_commands_wait_for_their_end() {
        for text in ["for i in 1 2; do", "for i in 1 2\ndo echo $i", "while true; do sleep 1;", "if x; then", "if x; then y; else", "case a in", "case a in a) echo", "{ echo a;", "(echo a", "for i"] {
            assert_eq!(parse(text), Err(ParseError::Incomplete), "{text}");
        }
        assert_eq!(parse("done"), Err(ParseError::Syntax("syntax error near unexpected token `done'".into())));
        assert_eq!(parse("if x; fi"), Err(ParseError::Syntax("syntax error near unexpected token `fi'".into())));
        assert_eq!(parse("for i in 1; echo; done"), Err(ParseError::Syntax("syntax error near unexpected token `echo'".into())));
    }

    #[test]
    fn comments_are_dropped() {
        let s = parse("echo a # b c\n# whole line").unwrap();
        assert_eq!(s.items.len(), 1);
        assert_eq!(s.items[0].and_or.first.commands[0].as_simple().unwrap().words.len(), 2);
    }
}
