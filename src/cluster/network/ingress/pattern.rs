//! A small backtracking regular-expression engine for the patterns Ingress paths use with
//! `use-regex` (PCRE as nginx compiles them): literals, `.`, classes, groups with alternation,
//! greedy quantifiers and anchors, with capture groups for `rewrite-target`'s `$1`, `$2`.
//! Not a general engine: no look-around, no back-references, no lazy quantifiers.

use std::cell::Cell;

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Pattern {
    root: Node,
    groups: usize,
    case_insensitive: bool,
}

#[derive(Clone, Debug)]
enum Node {
    Char(char),
    Any,
    Class { ranges: Vec<(char, char)>, negated: bool },
    Start,
    End,
    Group(Box<Node>, Option<usize>),
    Alt(Vec<Node>),
    Concat(Vec<Node>),
    Repeat { node: Box<Node>, min: usize, max: Option<usize> },
}

/// Capture spans by group number (0 = the whole match).
pub type Captures = Vec<Option<(usize, usize)>>;

/// The most backtracking steps one match may take, so a hostile pattern cannot hang the page.
const STEP_BUDGET: usize = 200_000;

impl Pattern {
    /// Compiles `source`; `None` when it is not a pattern this engine understands (nginx would
    /// refuse to load such a configuration too).
    pub fn new(source: &str, case_insensitive: bool) -> Option<Pattern> {
        let chars: Vec<char> = source.chars().collect();
        let mut parser = Parser { chars: &chars, pos: 0, groups: 0 };
        let root = parser.alternation()?;
        if parser.pos != chars.len() {
            return None;
        }
        Some(Pattern { root, groups: parser.groups, case_insensitive })
    }

    /// Finds the first match in `text` (unanchored unless the pattern says `^`), with captures.
    pub fn captures(&self, text: &str) -> Option<(Vec<char>, Captures)> {
        let input: Vec<char> = text.chars().collect();
        let steps = Cell::new(0);
        for start in 0..=input.len() {
            let mut caps: Captures = vec![None; self.groups + 1];
            let matcher = Matcher { input: &input, ci: self.case_insensitive, steps: &steps };
            let mut end = None;
            if matcher.run(&self.root, start, &mut caps, &mut |pos, _| {
                end = Some(pos);
                true
            }) {
                caps[0] = end.map(|e| (start, e));
                return Some((input, caps));
            }
            if steps.get() > STEP_BUDGET {
                return None;
            }
        }
        None
    }

    /// Whether the pattern matches anywhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.captures(text).is_some()
    }
}

/// Replaces `$n` in `template` with capture `n` of a match (empty when the group did not take part).
pub fn expand(template: &str, input: &[char], caps: &Captures) -> String {
    let mut out = String::new();
    let chars: Vec<char> = template.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '$' && i + 1 < chars.len() && chars[i + 1].is_ascii_digit() {
            let n = chars[i + 1].to_digit(10).unwrap_or(0) as usize;
            if let Some(Some((a, b))) = caps.get(n) {
                out.extend(&input[*a..*b]);
            }
            i += 2;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

struct Parser<'a> {
    chars: &'a [char],
    pos: usize,
    groups: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn alternation(&mut self) -> Option<Node> {
        let mut branches = vec![self.concat()?];
        while self.peek() == Some('|') {
            self.pos += 1;
            branches.push(self.concat()?);
        }
        Some(if branches.len() == 1 { branches.pop()? } else { Node::Alt(branches) })
    }

    fn concat(&mut self) -> Option<Node> {
        let mut items = Vec::new();
        while let Some(c) = self.peek() {
            if c == '|' || c == ')' {
                break;
            }
            let atom = self.atom()?;
            items.push(self.quantified(atom)?);
        }
        Some(Node::Concat(items))
    }

    fn quantified(&mut self, atom: Node) -> Option<Node> {
        let (min, max) = match self.peek() {
            Some('*') => (0, None),
            Some('+') => (1, None),
            Some('?') => (0, Some(1)),
            Some('{') => return self.braces(atom),
            _ => return Some(atom),
        };
        self.pos += 1;
        Some(Node::Repeat { node: Box::new(atom), min, max })
    }

    fn braces(&mut self, atom: Node) -> Option<Node> {
        let close = self.chars[self.pos..].iter().position(|c| *c == '}')? + self.pos;
        let inner: String = self.chars[self.pos + 1..close].iter().collect();
        let (min, max) = match inner.split_once(',') {
            None => {
                let n = inner.parse().ok()?;
                (n, Some(n))
            }
            Some((a, "")) => (a.parse().ok()?, None),
            Some((a, b)) => (a.parse().ok()?, Some(b.parse().ok()?)),
        };
        self.pos = close + 1;
        Some(Node::Repeat { node: Box::new(atom), min, max })
    }

    fn atom(&mut self) -> Option<Node> {
        let c = self.peek()?;
        self.pos += 1;
        Some(match c {
            '.' => Node::Any,
            '^' => Node::Start,
            '$' => Node::End,
            '(' => {
                let capture = if self.chars[self.pos..].starts_with(&['?', ':']) {
                    self.pos += 2;
                    None
                } else {
                    self.groups += 1;
                    Some(self.groups)
                };
                let inner = self.alternation()?;
                if self.peek() != Some(')') {
                    return None;
                }
                self.pos += 1;
                Node::Group(Box::new(inner), capture)
            }
            '[' => self.class()?,
            '\\' => self.escape()?,
            '*' | '+' | '?' | ')' => return None,
            other => Node::Char(other),
        })
    }

    fn escape(&mut self) -> Option<Node> {
        let c = self.peek()?;
        self.pos += 1;
        let class = |ranges: Vec<(char, char)>, negated| Node::Class { ranges, negated };
        Some(match c {
            'd' => class(vec![('0', '9')], false),
            'D' => class(vec![('0', '9')], true),
            'w' => class(word_ranges(), false),
            'W' => class(word_ranges(), true),
            's' => class(vec![(' ', ' '), ('\t', '\r')], false),
            other => Node::Char(other),
        })
    }

    fn class(&mut self) -> Option<Node> {
        let negated = self.peek() == Some('^');
        if negated {
            self.pos += 1;
        }
        let mut ranges = Vec::new();
        let mut first = true;
        loop {
            let c = self.peek()?;
            self.pos += 1;
            if c == ']' && !first {
                break;
            }
            first = false;
            let low = if c == '\\' {
                let e = self.peek()?;
                self.pos += 1;
                match e {
                    'd' => {
                        ranges.push(('0', '9'));
                        continue;
                    }
                    'w' => {
                        ranges.extend(word_ranges());
                        continue;
                    }
                    other => other,
                }
            } else {
                c
            };
            if self.peek() == Some('-') && self.chars.get(self.pos + 1).is_some_and(|n| *n != ']') {
                let high = self.chars[self.pos + 1];
                self.pos += 2;
                ranges.push((low, high));
            } else {
                ranges.push((low, low));
            }
        }
        Some(Node::Class { ranges, negated })
    }
}

fn word_ranges() -> Vec<(char, char)> {
    vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')]
}

struct Matcher<'a> {
    input: &'a [char],
    ci: bool,
    steps: &'a Cell<usize>,
}

type Next<'k> = &'k mut dyn FnMut(usize, &mut Captures) -> bool;

impl Matcher<'_> {
    fn same(&self, a: char, b: char) -> bool {
        a == b || (self.ci && a.to_lowercase().eq(b.to_lowercase()))
    }

    fn in_class(&self, c: char, ranges: &[(char, char)]) -> bool {
        let variants = if self.ci { vec![c, c.to_ascii_lowercase(), c.to_ascii_uppercase()] } else { vec![c] };
        variants.iter().any(|v| ranges.iter().any(|(lo, hi)| lo <= v && v <= hi))
    }

    fn run(&self, node: &Node, pos: usize, caps: &mut Captures, next: Next) -> bool {
        self.steps.set(self.steps.get() + 1);
        if self.steps.get() > STEP_BUDGET {
            return false;
        }
        match node {
            Node::Char(c) => pos < self.input.len() && self.same(self.input[pos], *c) && next(pos + 1, caps),
            Node::Any => pos < self.input.len() && self.input[pos] != '\n' && next(pos + 1, caps),
            Node::Class { ranges, negated } => {
                pos < self.input.len() && self.in_class(self.input[pos], ranges) != *negated && next(pos + 1, caps)
            }
            Node::Start => pos == 0 && next(pos, caps),
            Node::End => pos == self.input.len() && next(pos, caps),
            Node::Group(inner, index) => {
                let Some(index) = *index else { return self.run(inner, pos, caps, next) };
                let saved = caps[index];
                let matched = self.run(inner, pos, caps, &mut |end, caps: &mut Captures| {
                    let before = caps[index];
                    caps[index] = Some((pos, end));
                    if next(end, caps) {
                        return true;
                    }
                    caps[index] = before;
                    false
                });
                if !matched {
                    caps[index] = saved;
                }
                matched
            }
            Node::Alt(branches) => branches.iter().any(|b| self.run(b, pos, caps, next)),
            Node::Concat(items) => self.sequence(items, pos, caps, next),
            Node::Repeat { node, min, max } => self.repeat(node, (*min, *max), 0, pos, caps, next),
        }
    }

    fn sequence(&self, items: &[Node], pos: usize, caps: &mut Captures, next: Next) -> bool {
        match items.split_first() {
            None => next(pos, caps),
            Some((first, rest)) => self.run(first, pos, caps, &mut |p, caps: &mut Captures| self.sequence(rest, p, caps, next)),
        }
    }

    fn repeat(&self, node: &Node, bounds: (usize, Option<usize>), count: usize, pos: usize, caps: &mut Captures, next: Next) -> bool {
        let (min, max) = bounds;
        if max.is_none_or(|m| count < m) {
            let tried = self.run(node, pos, caps, &mut |p, caps: &mut Captures| {
                if p == pos && count >= min {
                    return false;
                }
                self.repeat(node, bounds, count + 1, p, caps, next)
            });
            if tried {
                return true;
            }
        }
        count >= min && next(pos, caps)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rewrite(pattern: &str, target: &str, uri: &str) -> Option<String> {
        let p = Pattern::new(pattern, true)?;
        let (input, caps) = p.captures(uri)?;
        Some(expand(target, &input, &caps))
    }

    #[test]
    fn the_tutorial_rewrite_keeps_what_follows_the_prefix() {
        let pattern = "/rickroller(/|$)(.*)";
        assert_eq!(rewrite(pattern, "/$2", "/rickroller").as_deref(), Some("/"));
        assert_eq!(rewrite(pattern, "/$2", "/rickroller/").as_deref(), Some("/"));
        assert_eq!(rewrite(pattern, "/$2", "/rickroller/assets/style.css").as_deref(), Some("/assets/style.css"));
        assert_eq!(rewrite(pattern, "/$2", "/RickRoller/t2/x").as_deref(), Some("/t2/x"));
        assert_eq!(rewrite(pattern, "/$2", "/rickrollerx"), None);
    }

    #[test]
    fn classes_quantifiers_and_anchors() {
        let p = Pattern::new("^/api/v[0-9]+/(users|groups)$", false).unwrap_or_else(|| Pattern::new("x", false).unwrap_or_else(|| unreachable!()));
        assert!(p.is_match("/api/v12/users"));
        assert!(!p.is_match("/api/v/users"));
        assert!(!p.is_match("/api/v1/users/1"));
        assert!(!p.is_match("/API/v1/users"));
        let ci = Pattern::new("^/api/v[0-9]+/(users|groups)$", true).map(|p| p.is_match("/API/V1/Users"));
        assert_eq!(ci, Some(true));
        assert_eq!(rewrite("/x/(\\w+)\\.css", "/css/$1", "/x/main.css").as_deref(), Some("/css/main"));
        assert_eq!(rewrite("/a{2,3}", "ok", "/aaa").as_deref(), Some("ok"));
        assert!(Pattern::new("(unclosed", true).is_none());
        assert!(Pattern::new("*bad", true).is_none());
    }

    #[test]
    fn catastrophic_patterns_give_up_instead_of_hanging() {
        let p = Pattern::new("^(a*)*b$", false).map(|p| p.is_match(&"a".repeat(40)));
        assert_eq!(p, Some(false));
    }
}
