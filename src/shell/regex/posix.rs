//! Translates POSIX regular expressions (GNU grep/sed flavour) to `regex-lite` syntax.
//!
//! In basic syntax (BRE) `\( \) \{ \} \| \+ \?` are the operators and the bare characters are
//! literals; extended syntax (ERE) is the other way round. Both: `*` with nothing to repeat is
//! literal, a `{` that does not start a valid bound is literal, stacked quantifiers (`a+?`) repeat
//! the repetition greedily (regex-lite would read `+?` as lazy), and backslash is literal inside
//! `[…]`. The BRE anchors `^`/`$` are anchors only at the start/end of a branch.

/// POSIX character class names `[[:name:]]` accepts (regex-lite knows them all, ASCII-only).
const CLASS_NAMES: [&str; 12] = ["alnum", "alpha", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space", "upper", "xdigit"];

/// The largest bound `{n,m}` GNU accepts.
const MAX_BOUND: usize = 32767;

/// Translates `pattern`; `extended` picks ERE. Errors use GNU's wording.
pub(super) fn translate(pattern: &str, extended: bool) -> Result<String, String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut t = Translator { chars: &chars, pos: 0, extended, out: String::new(), open_groups: Vec::new(), last_atom: None, quantified: false };
    t.run()?;
    Ok(t.out)
}

struct Translator<'a> {
    chars: &'a [char],
    pos: usize,
    extended: bool,
    out: String,
    /// Where each still-open group starts in `out`.
    open_groups: Vec<usize>,
    /// Where the last quantifiable item starts in `out` (`None` at a branch start or after an anchor).
    last_atom: Option<usize>,
    /// Whether that item already carries a quantifier.
    quantified: bool,
}

/// An operator as written in the current syntax (`(` in ERE, `\(` in BRE).
#[derive(Clone, Copy, PartialEq)]
enum Op {
    Open,
    Close,
    Or,
    Plus,
    Optional,
    Bound,
}

impl Translator<'_> {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    /// The operator at the cursor and its length in chars.
    fn op_at(&self, at: usize) -> Option<(Op, usize)> {
        let (c, len) = if self.extended {
            (self.chars.get(at).copied()?, 1)
        } else if self.chars.get(at) == Some(&'\\') {
            (self.chars.get(at + 1).copied()?, 2)
        } else {
            return None;
        };
        let op = match c {
            '(' => Op::Open,
            ')' => Op::Close,
            '|' => Op::Or,
            '+' => Op::Plus,
            '?' => Op::Optional,
            '{' => Op::Bound,
            _ => return None,
        };
        Some((op, len))
    }

    fn run(&mut self) -> Result<(), String> {
        while self.pos < self.chars.len() {
            if let Some((op, len)) = self.op_at(self.pos) {
                self.operator(op, len)?;
                continue;
            }
            let c = self.chars[self.pos];
            self.pos += 1;
            match c {
                '*' => self.quantifier("*", '*'),
                '^' if self.extended || self.last_atom.is_none() && self.at_branch_start() => self.anchor('^'),
                '$' if self.extended || self.at_branch_end() => self.anchor('$'),
                '.' => self.atom("."),
                '[' => {
                    let class = self.bracket()?;
                    self.atom(&class);
                }
                '\\' => self.escape()?,
                other => self.literal(other),
            }
        }
        if !self.open_groups.is_empty() {
            return Err("Unmatched ( or \\(".into());
        }
        Ok(())
    }

    fn operator(&mut self, op: Op, len: usize) -> Result<(), String> {
        let literal = self.chars[self.pos + len - 1];
        self.pos += len;
        match op {
            Op::Open => {
                self.open_groups.push(self.out.len());
                self.out.push('(');
                self.last_atom = None;
            }
            Op::Close => {
                let start = self.open_groups.pop().ok_or("Unmatched ) or \\)")?;
                self.out.push(')');
                self.last_atom = Some(start);
                self.quantified = false;
            }
            Op::Or => {
                self.out.push('|');
                self.last_atom = None;
            }
            Op::Plus => self.quantifier("+", literal),
            Op::Optional => self.quantifier("?", literal),
            Op::Bound => match self.last_atom.and_then(|_| self.bound()) {
                Some(bound) => self.quantifier(&bound, literal),
                None => self.literal(literal),
            },
        }
        Ok(())
    }

    /// Whether the char just consumed (a `^`) opens the pattern, a group or an alternative.
    fn at_branch_start(&self) -> bool {
        let before = self.pos - 1;
        before == 0 || (before >= 2 && matches!(self.op_at(before - 2), Some((Op::Open | Op::Or, 2))))
    }

    /// Whether the cursor (just after a `$`) ends the pattern, a group or an alternative.
    fn at_branch_end(&self) -> bool {
        self.pos == self.chars.len() || matches!(self.op_at(self.pos), Some((Op::Close | Op::Or, _)))
    }

    fn atom(&mut self, syntax: &str) {
        self.last_atom = Some(self.out.len());
        self.quantified = false;
        self.out.push_str(syntax);
    }

    fn literal(&mut self, c: char) {
        self.atom(&regex_lite::escape(c.encode_utf8(&mut [0; 4])));
    }

    fn anchor(&mut self, c: char) {
        self.out.push(c);
        self.last_atom = None;
    }

    /// Appends a quantifier to the last item; with nothing to repeat, `written` is a literal.
    fn quantifier(&mut self, syntax: &str, written: char) {
        let Some(start) = self.last_atom else { return self.literal(written) };
        if self.quantified {
            self.out.insert_str(start, "(?:");
            self.out.push(')');
        }
        self.out.push_str(syntax);
        self.quantified = true;
    }

    /// `n}`, `n,}`, `,m}`, `n,m}` after `{` (BRE: `\}`), as regex-lite syntax; the cursor only
    /// moves past a valid bound.
    fn bound(&mut self) -> Option<String> {
        let mut text = String::new();
        let mut at = self.pos;
        loop {
            let c = self.chars.get(at).copied()?;
            if self.extended && c == '}' {
                at += 1;
                break;
            }
            if !self.extended && c == '\\' && self.chars.get(at + 1) == Some(&'}') {
                at += 2;
                break;
            }
            if !(c.is_ascii_digit() || c == ',') {
                return None;
            }
            text.push(c);
            at += 1;
        }
        let number = |s: &str| s.parse::<usize>().ok().filter(|n| *n <= MAX_BOUND);
        let syntax = match text.split_once(',') {
            None => format!("{{{}}}", number(&text)?),
            Some((min, "")) => format!("{{{},}}", if min.is_empty() { 0 } else { number(min)? }),
            Some((min, max)) => {
                let (min, max) = (if min.is_empty() { 0 } else { number(min)? }, number(max)?);
                if min > max {
                    return None;
                }
                format!("{{{min},{max}}}")
            }
        };
        self.pos = at;
        Some(syntax)
    }

    /// A backslash escape outside brackets (the BRE operators were taken already).
    fn escape(&mut self) -> Result<(), String> {
        let c = self.peek(0).ok_or("Trailing backslash")?;
        self.pos += 1;
        match c {
            'w' | 'W' | 's' | 'S' | 'd' | 'D' => self.atom(&format!("\\{c}")),
            'b' | 'B' => self.anchor_syntax(&format!("\\{c}")),
            '<' => self.anchor_syntax("\\b{start}"),
            '>' => self.anchor_syntax("\\b{end}"),
            't' => self.atom("\\t"),
            'n' => self.atom("\\n"),
            '1'..='9' => return Err("back-references are not supported".into()),
            other => self.literal(other),
        }
        Ok(())
    }

    fn anchor_syntax(&mut self, syntax: &str) {
        self.out.push_str(syntax);
        self.last_atom = None;
    }

    /// A bracket expression after `[`: `]` first is literal, backslash is literal, `[:name:]`
    /// classes; `[.c.]` and `[=c=]` stand for `c`.
    fn bracket(&mut self) -> Result<String, String> {
        const UNMATCHED: &str = "Unmatched [, [^, [:, [., or [=";
        let mut class = String::from("[");
        if self.peek(0) == Some('^') {
            class.push('^');
            self.pos += 1;
        }
        let mut first = true;
        loop {
            let c = self.peek(0).ok_or(UNMATCHED)?;
            if c == ']' && !first {
                self.pos += 1;
                break;
            }
            first = false;
            let low = match (c, self.peek(1)) {
                ('[', Some(kind @ (':' | '.' | '='))) => {
                    let name = self.bracket_term(kind).ok_or(UNMATCHED)?;
                    if kind == ':' {
                        if !CLASS_NAMES.contains(&name.as_str()) {
                            return Err("Invalid character class name".into());
                        }
                        class.push_str(&format!("[:{name}:]"));
                        continue;
                    }
                    name.chars().next().ok_or(UNMATCHED)?
                }
                _ => {
                    self.pos += 1;
                    c
                }
            };
            if self.peek(0) == Some('-') && self.peek(1).is_some_and(|n| n != ']') {
                let high = self.peek(1).ok_or(UNMATCHED)?;
                self.pos += 2;
                if high < low {
                    return Err("Invalid range end".into());
                }
                class.push_str(&format!("{}-{}", class_char(low), class_char(high)));
            } else {
                class.push_str(&class_char(low));
            }
        }
        class.push(']');
        Ok(class)
    }

    /// The name inside `[:name:]` (or `[.c.]`, `[=c=]`) at the cursor; moves past it.
    fn bracket_term(&mut self, kind: char) -> Option<String> {
        let rest = &self.chars[self.pos + 2..];
        let end = rest.windows(2).position(|w| w[0] == kind && w[1] == ']')?;
        self.pos += 2 + end + 2;
        Some(rest[..end].iter().collect())
    }
}

/// One char inside a regex-lite class, escaped when it means something there.
fn class_char(c: char) -> String {
    regex_lite::escape(c.encode_utf8(&mut [0; 4]))
}

#[cfg(test)]
mod tests {
    use super::translate;

    #[test]
    fn bre_and_ere_become_regex_lite_syntax() {
        assert_eq!(translate("\\(a\\|b\\)\\{2,\\}c+", false).as_deref(), Ok("(a|b){2,}c\\+"));
        assert_eq!(translate("(a|b){2,}c+", true).as_deref(), Ok("(a|b){2,}c+"));
        assert_eq!(translate("^*a$b$", false).as_deref(), Ok("^\\*a\\$b$"));
        assert_eq!(translate("\\(^a\\)", false).as_deref(), Ok("(^a)"));
        assert_eq!(translate("a+?", true).as_deref(), Ok("(?:a+)?"));
        assert_eq!(translate("[^]a\\[x-]", false).as_deref(), Ok("[^\\]a\\\\\\[x\\-]"));
        assert!(translate("[[:x]", false).is_err());
        assert_eq!(translate("\\<web\\>", false).as_deref(), Ok("\\b{start}web\\b{end}"));
        assert!(translate("\\(a\\)\\1", false).is_err());
    }
}
