//! A small regular expression engine for `grep` and `sed`: literals, `.`, `[…]` classes, `^`, `$`,
//! `*`, `+`, `?`, `{n,m}`, groups and alternation, in both basic (BRE, `\(`, `\|`, `\+`) and
//! extended (ERE) syntax. Compiled to a tiny backtracking machine with a visited set, so matching
//! is linear in pattern size times text size.

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Regex {
    program: Vec<Inst>,
    groups: usize,
    ignore_case: bool,
}

#[derive(Clone, Debug)]
enum Inst {
    Char(char),
    Any,
    Class { items: Vec<(char, char)>, negate: bool },
    Start,
    End,
    Split(usize, usize),
    Jmp(usize),
    Save(usize),
    Match,
}

/// A match: where it starts and ends (char offsets) and each group's span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub groups: Vec<Option<(usize, usize)>>,
}

#[derive(Clone, Debug)]
enum Node {
    Char(char),
    Any,
    Class(Vec<(char, char)>, bool),
    Start,
    End,
    Group(Box<Node>, usize),
    Concat(Vec<Node>),
    Alt(Vec<Node>),
    Repeat(Box<Node>, usize, Option<usize>),
}

struct Parser {
    chars: Vec<char>,
    pos: usize,
    extended: bool,
    groups: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    /// Whether the cursor is at an operator token `op` (`|`, `(`, `)`, `+`, `?`, `{`) in the
    /// current syntax; returns its length.
    fn at_op(&self, op: char) -> Option<usize> {
        let c = self.peek()?;
        if self.extended {
            (c == op).then_some(1)
        } else {
            (c == '\\' && self.chars.get(self.pos + 1) == Some(&op)).then_some(2)
        }
    }

    fn alternation(&mut self) -> Result<Node, String> {
        let mut branches = vec![self.concat()?];
        while let Some(len) = self.at_op('|') {
            self.pos += len;
            branches.push(self.concat()?);
        }
        Ok(if branches.len() == 1 { branches.remove(0) } else { Node::Alt(branches) })
    }

    fn concat(&mut self) -> Result<Node, String> {
        let mut items = Vec::new();
        while self.peek().is_some() && self.at_op('|').is_none() && self.at_op(')').is_none() {
            let atom = self.atom(items.is_empty())?;
            let atom = self.repeats(atom)?;
            items.push(atom);
        }
        Ok(Node::Concat(items))
    }

    fn repeats(&mut self, mut atom: Node) -> Result<Node, String> {
        loop {
            if self.peek() == Some('*') {
                self.pos += 1;
                atom = Node::Repeat(Box::new(atom), 0, None);
            } else if let Some(len) = self.at_op('+') {
                self.pos += len;
                atom = Node::Repeat(Box::new(atom), 1, None);
            } else if let Some(len) = self.at_op('?') {
                self.pos += len;
                atom = Node::Repeat(Box::new(atom), 0, Some(1));
            } else if let Some(len) = self.at_op('{') {
                let save = self.pos;
                self.pos += len;
                match self.bounds() {
                    Some((min, max)) => atom = Node::Repeat(Box::new(atom), min, max),
                    None => {
                        self.pos = save;
                        return Ok(atom);
                    }
                }
            } else {
                return Ok(atom);
            }
        }
    }

    /// `n}`, `n,}`, `n,m}` after `{` (BRE: `\}`).
    fn bounds(&mut self) -> Option<(usize, Option<usize>)> {
        let mut text = String::new();
        loop {
            let c = self.peek()?;
            if self.extended && c == '}' {
                self.pos += 1;
                break;
            }
            if !self.extended && c == '\\' && self.chars.get(self.pos + 1) == Some(&'}') {
                self.pos += 2;
                break;
            }
            text.push(c);
            self.pos += 1;
        }
        let (min, max) = match text.split_once(',') {
            None => {
                let n = text.parse().ok()?;
                (n, Some(n))
            }
            Some((a, "")) => (a.parse().ok()?, None),
            Some((a, b)) => (if a.is_empty() { 0 } else { a.parse().ok()? }, Some(b.parse().ok()?)),
        };
        (min <= 1000 && max.is_none_or(|m| m >= min && m <= 1000)).then_some((min, max))
    }

    fn atom(&mut self, first: bool) -> Result<Node, String> {
        if let Some(len) = self.at_op('(') {
            self.pos += len;
            self.groups += 1;
            let index = self.groups;
            let inner = self.alternation()?;
            match self.at_op(')') {
                Some(len) => self.pos += len,
                None => return Err("Unmatched ( or \\(".into()),
            }
            return Ok(Node::Group(Box::new(inner), index));
        }
        let Some(c) = self.peek() else { return Err("empty".into()) };
        self.pos += 1;
        Ok(match c {
            '.' => Node::Any,
            '^' if first || self.extended => Node::Start,
            '$' if self.peek().is_none() || self.extended || self.at_op('|').is_some() || self.at_op(')').is_some() => Node::End,
            '[' => self.class()?,
            '*' if first => Node::Char('*'),
            '\\' => {
                let Some(n) = self.peek() else { return Err("Trailing backslash".into()) };
                self.pos += 1;
                match n {
                    'w' => Node::Class(vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')], false),
                    'W' => Node::Class(vec![('a', 'z'), ('A', 'Z'), ('0', '9'), ('_', '_')], true),
                    's' => Node::Class(vec![(' ', ' '), ('\t', '\t'), ('\n', '\n'), ('\r', '\r')], false),
                    'S' => Node::Class(vec![(' ', ' '), ('\t', '\t'), ('\n', '\n'), ('\r', '\r')], true),
                    'd' => Node::Class(vec![('0', '9')], false),
                    't' => Node::Char('\t'),
                    'n' => Node::Char('\n'),
                    other => Node::Char(other),
                }
            }
            other => Node::Char(other),
        })
    }

    fn class(&mut self) -> Result<Node, String> {
        let mut items = Vec::new();
        let negate = self.peek() == Some('^');
        if negate {
            self.pos += 1;
        }
        let mut first = true;
        loop {
            let Some(c) = self.peek() else { return Err("Unmatched [, [^, [:, [., or [=".into()) };
            if c == ']' && !first {
                self.pos += 1;
                break;
            }
            first = false;
            if c == '[' && self.chars.get(self.pos + 1) == Some(&':') {
                let rest: String = self.chars[self.pos..].iter().collect();
                if let Some(end) = rest.find(":]") {
                    let name = &rest[2..end];
                    items.extend(named_class(name));
                    self.pos += rest[..end + 2].chars().count();
                    continue;
                }
            }
            self.pos += 1;
            if self.peek() == Some('-') && self.chars.get(self.pos + 1).is_some_and(|&n| n != ']') {
                let high = self.chars[self.pos + 1];
                self.pos += 2;
                items.push((c, high));
            } else {
                items.push((c, c));
            }
        }
        Ok(Node::Class(items, negate))
    }
}

fn named_class(name: &str) -> Vec<(char, char)> {
    match name {
        "alpha" => vec![('a', 'z'), ('A', 'Z')],
        "digit" => vec![('0', '9')],
        "alnum" => vec![('a', 'z'), ('A', 'Z'), ('0', '9')],
        "upper" => vec![('A', 'Z')],
        "lower" => vec![('a', 'z')],
        "space" => vec![(' ', ' '), ('\t', '\t'), ('\n', '\n'), ('\r', '\r')],
        "blank" => vec![(' ', ' '), ('\t', '\t')],
        "punct" => vec![('!', '/'), (':', '@'), ('[', '`'), ('{', '~')],
        "xdigit" => vec![('0', '9'), ('a', 'f'), ('A', 'F')],
        _ => vec![],
    }
}

fn compile(node: &Node, prog: &mut Vec<Inst>) {
    match node {
        Node::Char(c) => prog.push(Inst::Char(*c)),
        Node::Any => prog.push(Inst::Any),
        Node::Class(items, negate) => prog.push(Inst::Class { items: items.clone(), negate: *negate }),
        Node::Start => prog.push(Inst::Start),
        Node::End => prog.push(Inst::End),
        Node::Group(inner, index) => {
            prog.push(Inst::Save(2 * index));
            compile(inner, prog);
            prog.push(Inst::Save(2 * index + 1));
        }
        Node::Concat(items) => items.iter().for_each(|n| compile(n, prog)),
        Node::Alt(branches) => {
            let mut jumps = Vec::new();
            for (i, branch) in branches.iter().enumerate() {
                if i + 1 < branches.len() {
                    let split = prog.len();
                    prog.push(Inst::Split(split + 1, 0));
                    compile(branch, prog);
                    jumps.push(prog.len());
                    prog.push(Inst::Jmp(0));
                    let next = prog.len();
                    prog[split] = Inst::Split(split + 1, next);
                } else {
                    compile(branch, prog);
                }
            }
            let end = prog.len();
            for j in jumps {
                prog[j] = Inst::Jmp(end);
            }
        }
        Node::Repeat(inner, min, max) => {
            for _ in 0..*min {
                compile(inner, prog);
            }
            match max {
                None => {
                    let split = prog.len();
                    prog.push(Inst::Split(split + 1, 0));
                    compile(inner, prog);
                    prog.push(Inst::Jmp(split));
                    let end = prog.len();
                    prog[split] = Inst::Split(split + 1, end);
                }
                Some(max) => {
                    let mut splits = Vec::new();
                    for _ in *min..*max {
                        splits.push(prog.len());
                        prog.push(Inst::Split(prog.len() + 1, 0));
                        compile(inner, prog);
                    }
                    let end = prog.len();
                    for s in splits {
                        prog[s] = Inst::Split(s + 1, end);
                    }
                }
            }
        }
    }
}

impl Regex {
    /// Compiles `pattern`; `extended` picks ERE syntax (`grep -E`, `sed -E`).
    pub fn new(pattern: &str, extended: bool, ignore_case: bool) -> Result<Regex, String> {
        let mut parser = Parser { chars: pattern.chars().collect(), pos: 0, extended, groups: 0 };
        let node = parser.alternation()?;
        if parser.pos < parser.chars.len() {
            return Err("Unmatched ) or \\)".into());
        }
        let mut program = Vec::new();
        compile(&node, &mut program);
        program.push(Inst::Match);
        Ok(Regex { program, groups: parser.groups, ignore_case })
    }

    /// A pattern matching `text` literally (`grep -F`).
    pub fn literal(text: &str, ignore_case: bool) -> Regex {
        let mut program: Vec<Inst> = text.chars().map(Inst::Char).collect();
        program.push(Inst::Match);
        Regex { program, groups: 0, ignore_case }
    }

    /// The leftmost match starting at or after `from`.
    pub fn find_at(&self, text: &[char], from: usize) -> Option<Found> {
        (from..=text.len()).find_map(|start| self.match_here(text, start))
    }

    /// Whether the pattern matches anywhere in `line`.
    pub fn is_match(&self, line: &str) -> bool {
        let chars: Vec<char> = line.chars().collect();
        self.find_at(&chars, 0).is_some()
    }

    /// The match starting exactly at `start`, preferring what the pattern prefers (greedy).
    pub fn match_here(&self, text: &[char], start: usize) -> Option<Found> {
        let width = text.len() + 1;
        let mut visited = vec![false; self.program.len() * width];
        let mut slots: Vec<Option<usize>> = vec![None; 2 * (self.groups + 1)];
        // Backtracking stack: (pc, position, slot restore).
        enum Step {
            Try(usize, usize),
            Restore(usize, Option<usize>),
        }
        let mut stack = vec![Step::Try(0, start)];
        while let Some(step) = stack.pop() {
            let (mut pc, mut pos) = match step {
                Step::Restore(slot, value) => {
                    slots[slot] = value;
                    continue;
                }
                Step::Try(pc, pos) => (pc, pos),
            };
            loop {
                let seen = &mut visited[pc * width + pos];
                if *seen {
                    break;
                }
                *seen = true;
                match &self.program[pc] {
                    Inst::Match => {
                        let mut groups = Vec::new();
                        for g in 1..=self.groups {
                            groups.push(match (slots[2 * g], slots[2 * g + 1]) {
                                (Some(a), Some(b)) if a <= b => Some((a, b)),
                                _ => None,
                            });
                        }
                        return Some(Found { start, end: pos, groups });
                    }
                    Inst::Char(c) => {
                        if pos < text.len() && self.same(text[pos], *c) {
                            pc += 1;
                            pos += 1;
                        } else {
                            break;
                        }
                    }
                    Inst::Any => {
                        if pos < text.len() && text[pos] != '\n' {
                            pc += 1;
                            pos += 1;
                        } else {
                            break;
                        }
                    }
                    Inst::Class { items, negate } => {
                        if pos < text.len() && self.in_class(text[pos], items) != *negate {
                            pc += 1;
                            pos += 1;
                        } else {
                            break;
                        }
                    }
                    Inst::Start => {
                        if pos == 0 {
                            pc += 1;
                        } else {
                            break;
                        }
                    }
                    Inst::End => {
                        if pos == text.len() {
                            pc += 1;
                        } else {
                            break;
                        }
                    }
                    Inst::Jmp(target) => pc = *target,
                    Inst::Split(first, second) => {
                        stack.push(Step::Try(*second, pos));
                        pc = *first;
                    }
                    Inst::Save(slot) => {
                        if *slot < slots.len() {
                            stack.push(Step::Restore(*slot, slots[*slot]));
                            slots[*slot] = Some(pos);
                        }
                        pc += 1;
                    }
                }
            }
        }
        None
    }

    fn same(&self, a: char, b: char) -> bool {
        a == b || (self.ignore_case && a.to_lowercase().eq(b.to_lowercase()))
    }

    fn in_class(&self, c: char, items: &[(char, char)]) -> bool {
        let hit = |c: char| items.iter().any(|(lo, hi)| *lo <= c && c <= *hi);
        hit(c) || (self.ignore_case && (c.to_lowercase().any(hit) || c.to_uppercase().any(hit)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find(pattern: &str, extended: bool, text: &str) -> Option<String> {
        let re = Regex::new(pattern, extended, false).unwrap();
        let chars: Vec<char> = text.chars().collect();
        re.find_at(&chars, 0).map(|f| chars[f.start..f.end].iter().collect())
    }

    #[test]
    fn basic_and_extended_syntax() {
        assert_eq!(find("ro*l", false, "rickroller"), Some("rol".into()));
        assert_eq!(find("^pod/", false, "pod/rickroller-1"), Some("pod/".into()));
        assert_eq!(find("a|b", false, "xa|by"), Some("a|b".into()));
        assert_eq!(find("a\\|b", false, "xby"), Some("b".into()));
        assert_eq!(find("(ab)+", true, "xababy"), Some("abab".into()));
        assert_eq!(find("[0-9]{2,3}", true, "a1234"), Some("123".into()));
        assert_eq!(find("[[:digit:]]+$", true, "v1.34"), Some("34".into()));
        assert_eq!(find("x$", false, "ax b"), None);
    }

    #[test]
    fn groups_and_case() {
        let re = Regex::new("(r+)i", true, true).unwrap();
        let chars: Vec<char> = "xRRIck".chars().collect();
        let f = re.find_at(&chars, 0).unwrap();
        assert_eq!((f.start, f.end, f.groups[0]), (1, 4, Some((1, 3))));
        assert!(Regex::new("(a", true, false).is_err());
    }
}
