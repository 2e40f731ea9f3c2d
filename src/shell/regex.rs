//! Regular expressions for `grep`, `sed`, `awk` and `[[ =~ ]]`: POSIX basic (BRE) and extended
//! (ERE) syntax, translated to the `regex-lite` crate's syntax and matched by it. The API speaks
//! char offsets because the callers index lines as `&[char]`.

mod posix;

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Regex {
    inner: regex_lite::Regex,
}

/// A match: where it starts and ends (char offsets) and each group's span (group 1 first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub groups: Vec<Option<(usize, usize)>>,
}

impl Regex {
    /// Compiles `pattern`; `extended` picks ERE syntax (`grep -E`, `sed -E`). The error is
    /// GNU's wording where GNU has one (`Unmatched ( or \(`).
    pub fn new(pattern: &str, extended: bool, ignore_case: bool) -> Result<Regex, String> {
        let translated = posix::translate(pattern, extended)?;
        Self::compile(&translated, ignore_case)
    }

    /// A pattern matching `text` literally (`grep -F`).
    pub fn literal(text: &str, ignore_case: bool) -> Regex {
        let escaped = regex_lite::escape(text);
        // An escaped literal always compiles; the fallback (matching nothing) is unreachable.
        Self::compile(&escaped, ignore_case).unwrap_or_else(|_| Regex { inner: never() })
    }

    fn compile(syntax: &str, ignore_case: bool) -> Result<Regex, String> {
        let flags = if ignore_case { "(?i)" } else { "" };
        regex_lite::Regex::new(&format!("{flags}{syntax}"))
            .map(|inner| Regex { inner })
            .map_err(|_| "Invalid regular expression".to_string())
    }

    /// The leftmost match starting at or after `from` (`^` still means the start of `text`).
    pub fn find_at(&self, text: &[char], from: usize) -> Option<Found> {
        let line = CharLine::new(text);
        let caps = self.inner.captures_at(&line.text, *line.byte_at.get(from)?)?;
        let whole = caps.get(0)?;
        let groups = (1..caps.len()).map(|i| caps.get(i).map(|m| (line.char_at(m.start()), line.char_at(m.end())))).collect();
        Some(Found { start: line.char_at(whole.start()), end: line.char_at(whole.end()), groups })
    }

    /// Whether the pattern matches anywhere in `line`.
    pub fn is_match(&self, line: &str) -> bool {
        self.inner.is_match(line)
    }

    /// The match starting exactly at `start`, preferring what the pattern prefers (greedy).
    pub fn match_here(&self, text: &[char], start: usize) -> Option<Found> {
        // The leftmost match from `start` is the one at `start` whenever one exists there.
        self.find_at(text, start).filter(|found| found.start == start)
    }
}

/// A regex that matches nothing.
fn never() -> regex_lite::Regex {
    regex_lite::Regex::new(r"[^\s\S]").unwrap_or_else(|_| unreachable!("a constant pattern compiles"))
}

/// A line as a string plus the byte offset of every char (and of the end), to convert the
/// engine's byte offsets to char offsets and back.
struct CharLine {
    text: String,
    byte_at: Vec<usize>,
}

impl CharLine {
    fn new(chars: &[char]) -> CharLine {
        let mut text = String::new();
        let mut byte_at = Vec::with_capacity(chars.len() + 1);
        for c in chars {
            byte_at.push(text.len());
            text.push(*c);
        }
        byte_at.push(text.len());
        CharLine { text, byte_at }
    }

    /// The char offset of a byte offset on a char boundary.
    fn char_at(&self, byte: usize) -> usize {
        self.byte_at.binary_search(&byte).unwrap_or_else(|i| i)
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
    fn bre_operators_need_a_backslash_and_bare_ones_are_literal() {
        assert_eq!(find("\\(ab\\)\\{2\\}", false, "xababy"), Some("abab".into()));
        assert_eq!(find("a{2}", false, "aa a{2}"), Some("a{2}".into()));
        assert_eq!(find("(a)+?", false, "x(a)+?"), Some("(a)+?".into()));
        assert_eq!(find("a\\+b\\?", false, "xaaac"), Some("aaa".into()));
        assert_eq!(find("*x", false, "a*x"), Some("*x".into()));
        assert_eq!(find("a^b$c", false, "a^b$c"), Some("a^b$c".into()));
        assert_eq!(find("[]a]*", false, "]a]b"), Some("]a]".into()));
        assert_eq!(find("[\\n]", false, "a\\b"), Some("\\".into()));
    }

    #[test]
    fn ere_quantifiers_stack_greedily_and_odd_braces_are_literal() {
        assert_eq!(find("a+?", true, "aaa"), Some("aaa".into()));
        assert_eq!(find("a{,2}b", true, "aaab"), Some("aab".into()));
        assert_eq!(find("a{x}", true, "a{x}"), Some("a{x}".into()));
        assert_eq!(find("[[:alpha:]-]+", true, "1 web-app 2"), Some("web-app".into()));
    }

    #[test]
    fn groups_case_and_char_offsets() {
        let re = Regex::new("(r+)i", true, true).unwrap();
        let chars: Vec<char> = "xRRIck".chars().collect();
        let f = re.find_at(&chars, 0).unwrap();
        assert_eq!((f.start, f.end, f.groups[0]), (1, 4, Some((1, 3))));
        let chars: Vec<char> = "héé→x".chars().collect();
        let f = Regex::new("→(.)", true, false).unwrap().find_at(&chars, 1).unwrap();
        assert_eq!((f.start, f.end, f.groups[0]), (3, 5, Some((4, 5))));
        assert_eq!(Regex::new("^h", false, false).unwrap().find_at(&chars, 1), None);
        assert!(Regex::new("a", false, false).unwrap().match_here(&chars, 0).is_none());
    }

    #[test]
    fn malformed_patterns_get_gnu_messages() {
        assert_eq!(Regex::new("(a", true, false).err().as_deref(), Some("Unmatched ( or \\("));
        assert_eq!(Regex::new("a\\)", false, false).err().as_deref(), Some("Unmatched ) or \\)"));
        assert_eq!(Regex::new("[a", false, false).err().as_deref(), Some("Unmatched [, [^, [:, [., or [="));
        assert_eq!(Regex::new("a\\", false, false).err().as_deref(), Some("Trailing backslash"));
        assert_eq!(Regex::new("[[:nope:]]", false, false).err().as_deref(), Some("Invalid character class name"));
        assert!(Regex::literal("a.(b", false).is_match("xa.(b"));
        assert!(!Regex::literal("a.(b", false).is_match("xaz(b"));
    }
}
