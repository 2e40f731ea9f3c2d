//! The regular expressions Ingress paths use with `use-regex` (PCRE as nginx compiles them), with
//! capture groups for `rewrite-target`'s `$1`, `$2`. Matched by the `regex-lite` crate, whose
//! syntax covers what Ingress paths write (classes, groups, `(?:…)`, greedy and lazy quantifiers,
//! anchors); it has no look-around or back-references, and its matching time is linear, so a
//! hostile pattern cannot hang the page.

/// A compiled pattern.
#[derive(Clone, Debug)]
pub struct Pattern {
    inner: regex_lite::Regex,
}

/// Capture spans by group number (0 = the whole match), as byte offsets into the matched text.
pub type Captures = Vec<Option<(usize, usize)>>;

impl Pattern {
    /// Compiles `source`; `None` when it is not a pattern the engine understands (nginx would
    /// refuse to load such a configuration too).
    pub fn new(source: &str, case_insensitive: bool) -> Option<Pattern> {
        let flags = if case_insensitive { "(?i)" } else { "" };
        regex_lite::Regex::new(&format!("{flags}{source}")).ok().map(|inner| Pattern { inner })
    }

    /// Finds the first match in `text` (unanchored unless the pattern says `^`): the text and its
    /// captures, for [`expand`].
    pub fn captures(&self, text: &str) -> Option<(String, Captures)> {
        let caps = self.inner.captures(text)?;
        let spans = (0..caps.len()).map(|i| caps.get(i).map(|m| (m.start(), m.end()))).collect();
        Some((text.to_string(), spans))
    }

    /// Whether the pattern matches anywhere in `text`.
    pub fn is_match(&self, text: &str) -> bool {
        self.inner.is_match(text)
    }
}

/// Replaces `$n` in `template` with capture `n` of a match of `input` (empty when the group did
/// not take part).
pub fn expand(template: &str, input: &str, caps: &Captures) -> String {
    let mut out = String::new();
    let mut chars = template.chars().peekable();
    while let Some(c) = chars.next() {
        let group = chars.peek().and_then(|d| d.to_digit(10)).filter(|_| c == '$');
        match group {
            Some(n) => {
                chars.next();
                if let Some(Some((a, b))) = caps.get(n as usize) {
                    out.push_str(input.get(*a..*b).unwrap_or_default());
                }
            }
            None => out.push(c),
        }
    }
    out
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
    fn pcre_extras_and_non_ascii_paths() {
        assert_eq!(rewrite("^/(?:v1|v2)/(.*?)/?$", "/$1", "/v2/items/").as_deref(), Some("/items"));
        assert_eq!(rewrite("\\/caf(é)\\/(.*)", "/$2$1$9", "/café/menü").as_deref(), Some("/menüé"));
    }

    #[test]
    fn nested_quantifiers_run_in_linear_time() {
        let p = Pattern::new("^(a*)*b$", false).map(|p| p.is_match(&"a".repeat(5000)));
        assert_eq!(p, Some(false));
    }
}
