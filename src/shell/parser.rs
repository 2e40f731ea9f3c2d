//! Builds the syntax tree from tokens: `list := and_or ((; | & | newline) and_or)*`,
//! `and_or := pipeline ((&& | ||) pipeline)*`, `pipeline := [!] command (| command)*`.

use super::ast::{AndOr, Connector, ListItem, Pipeline, RedirKind, Redirect, Script, SimpleCommand, Word};
use super::lexer::{lex, HereDocBody, Op, ParseError, RedirOp, TokKind, Token};

/// Parses a whole command line (possibly several lines).
pub fn parse(input: &str) -> Result<Script, ParseError> {
    let lexed = lex(input)?;
    let mut parser = Parser { tokens: lexed.tokens, bodies: lexed.bodies, pos: 0, source: input.chars().collect() };
    parser.script()
}

struct Parser {
    tokens: Vec<Token>,
    bodies: Vec<HereDocBody>,
    pos: usize,
    source: Vec<char>,
}

/// Words that open or close bash compound commands, which this shell does not run.
const COMPOUND_KEYWORDS: &[&str] =
    &["for", "while", "until", "if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "select", "function", "{", "}"];

fn unexpected(what: &str) -> ParseError {
    ParseError::Syntax(format!("syntax error near unexpected token `{what}'"))
}

impl Parser {
    fn peek(&self) -> Option<&TokKind> {
        self.tokens.get(self.pos).map(|t| &t.kind)
    }

    fn skip_newlines(&mut self) {
        while self.peek() == Some(&TokKind::Newline) {
            self.pos += 1;
        }
    }

    fn script(&mut self) -> Result<Script, ParseError> {
        let mut items = Vec::new();
        loop {
            self.skip_newlines();
            let Some(kind) = self.peek() else { break };
            if let TokKind::Op(op @ (Op::Semi | Op::Amp | Op::Pipe | Op::AndIf | Op::OrIf | Op::RParen)) = kind {
                return Err(unexpected(op.text()));
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
                Some(TokKind::Op(op)) => return Err(unexpected(op.text())),
                Some(_) => return Err(unexpected("word")),
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
        if let Some(TokKind::Word(w)) = self.peek() {
            if w.plain().as_deref() == Some("!") {
                negate = true;
                self.pos += 1;
            }
        }
        let mut commands = vec![self.command()?];
        while self.peek() == Some(&TokKind::Op(Op::Pipe)) {
            self.pos += 1;
            self.skip_newlines();
            commands.push(self.command()?);
        }
        Ok(Pipeline { commands, negate })
    }

    fn command(&mut self) -> Result<SimpleCommand, ParseError> {
        let mut cmd = SimpleCommand::default();
        loop {
            match self.peek().cloned() {
                Some(TokKind::Word(word)) => {
                    if cmd.words.is_empty() && cmd.assigns.is_empty() {
                        if let Some(keyword) = word.plain().filter(|w| COMPOUND_KEYWORDS.contains(&w.as_str())) {
                            return Err(ParseError::Syntax(format!(
                                "{keyword}: compound commands (for, while, if, case, {{ … }}) are not supported in kubeplay"
                            )));
                        }
                    }
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
                Some(TokKind::Op(Op::LParen)) if cmd.words.is_empty() && cmd.assigns.is_empty() => {
                    return Err(ParseError::Syntax("subshells `( … )` are not supported in kubeplay".into()));
                }
                Some(TokKind::Op(op @ (Op::LParen | Op::RParen))) => return Err(unexpected(op.text())),
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

/// `NAME=value` as a word: the name and the value's parts.
fn assignment(word: &Word) -> Option<(String, Word)> {
    let super::ast::Part::Lit(first) = word.parts.first()? else { return None };
    let (name, value_start) = first.split_once('=')?;
    let valid = !name.is_empty()
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !name.starts_with(|c: char| c.is_ascii_digit());
    if !valid {
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
        let cmd = &s.items[0].and_or.first.commands[0];
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
        let cmd = &s.items[0].and_or.first.commands[0];
        assert_eq!(
            cmd.words[2].parts,
            vec![Part::Subst { source: "kubectl get pod -o name | grep \"$(echo x)\" | head -1".into(), quoted: false }]
        );
        let s = parse("echo `date`").unwrap();
        assert_eq!(s.items[0].and_or.first.commands[0].words[1].parts, vec![Part::Subst { source: "date".into(), quoted: false }]);
    }

    #[test]
    fn assignments_and_redirections() {
        let s = parse("A=1 B=\"x y\" cmd >out 2>&1 <in >>log").unwrap();
        let cmd = &s.items[0].and_or.first.commands[0];
        assert_eq!(cmd.assigns.len(), 2);
        assert_eq!(cmd.assigns[1].1.parts, vec![Part::Quoted("x y".into())]);
        assert_eq!(cmd.redirects[1], Redirect { fd: 2, kind: RedirKind::Dup(1) });
        assert_eq!(cmd.redirects[2].fd, 0);
        assert!(matches!(cmd.redirects[3].kind, RedirKind::Write { append: true, .. }));
        let s = parse("cmd 2>/dev/null").unwrap();
        assert_eq!(s.items[0].and_or.first.commands[0].redirects[0].fd, 2);
    }

    #[test]
    fn heredocs_span_lines() {
        let s = parse("cat <<EOF > f.yaml\nname: $N\nEOF\necho after").unwrap();
        assert_eq!(s.items.len(), 2);
        let cmd = &s.items[0].and_or.first.commands[0];
        assert_eq!(cmd.redirects[0].kind, RedirKind::HereDoc { body: "name: $N\n".into(), expand: true });
    }

    #[test]
    fn quoted_and_tab_stripped_heredocs() {
        let s = parse("cat <<-'END'\n\t$X\n\tEND\n").unwrap();
        let cmd = &s.items[0].and_or.first.commands[0];
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

    #[test]
    fn compound_commands_are_refused_clearly() {
        assert_eq!(
            parse("for i in 1 2; do echo $i; done"),
            Err(ParseError::Syntax("for: compound commands (for, while, if, case, { … }) are not supported in kubeplay".into()))
        );
        assert!(parse("echo for done").is_ok());
    }

    #[test]
    fn comments_are_dropped() {
        let s = parse("echo a # b c\n# whole line").unwrap();
        assert_eq!(s.items.len(), 1);
        assert_eq!(s.items[0].and_or.first.commands[0].words.len(), 2);
    }
}
