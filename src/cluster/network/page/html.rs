//! The little HTML reading the simulated browser needs: addresses of links and stylesheets,
//! inlining stylesheets, nested frames, and the "any click goes there" script of a page. Plain
//! text scanning, tolerant of anything: a page it does not understand is shown as it is.

use crate::cluster::network::client::Url;

/// An address as the pane shows it (`:80` left out).
pub(super) fn show(url: &Url) -> String {
    if url.port == 80 { format!("http://{}{}", url.host, url.path) } else { format!("http://{}:{}{}", url.host, url.port, url.path) }
}

/// An absolute address for `link` found on the page at `base` (only http links).
pub(super) fn resolve(base: &Url, link: &str) -> Option<String> {
    if link.starts_with('#') || link.starts_with("javascript:") || link.starts_with("mailto:") {
        return None;
    }
    if link.contains("://") {
        return link.starts_with("http://").then(|| link.to_string());
    }
    if let Some(rest) = link.strip_prefix("//") {
        return Some(format!("http://{rest}"));
    }
    let path = if link.starts_with('/') {
        link.to_string()
    } else if link.starts_with('?') {
        format!("{}{link}", base.path.split('?').next().unwrap_or("/"))
    } else {
        let dir = base.path.split('?').next().unwrap_or("/").rsplit_once('/').map_or("", |(d, _)| d);
        format!("{dir}/{link}")
    };
    Some(show(&Url { path, ..base.clone() }))
}

/// Every `href` of `html` (only those of `<a>` tags when `anchors_only`), resolved against
/// `base`, in order and without repeats.
pub(super) fn hrefs(base: &Url, html: &str, anchors_only: bool) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("href=") {
        let start = from + at + "href=".len();
        let (value, used) = quoted_value(&html[start..]);
        let tag = lower[..from + at].rsplit_once('<').map_or("", |(_, t)| t);
        let wanted = !anchors_only || tag.starts_with("a ") || tag.starts_with("a\n");
        if let Some(link) = resolve(base, value.trim()).filter(|_| wanted) {
            if !found.contains(&link) {
                found.push(link);
            }
        }
        from = (start + used).min(html.len());
    }
    found
}

/// The value at the start of `rest` (quoted or bare) and how many bytes it took.
fn quoted_value(rest: &str) -> (&str, usize) {
    match rest.chars().next() {
        Some(q @ ('"' | '\'')) => {
            let inner = &rest[1..];
            let end = inner.find(q).unwrap_or(inner.len());
            (&inner[..end], (end + 2).min(rest.len()))
        }
        _ => {
            let end = rest.find(|c: char| c.is_whitespace() || c == '>').unwrap_or(rest.len());
            (&rest[..end], end)
        }
    }
}

/// The value of attribute `name` in the opening `tag`.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let lower = tag.to_ascii_lowercase();
    let needle = format!("{name}=");
    let mut from = 0;
    while let Some(at) = lower[from..].find(&needle) {
        let start = from + at;
        let boundary = lower[..start].chars().last().is_some_and(char::is_whitespace);
        if boundary {
            return Some(quoted_value(&tag[start + needle.len()..]).0);
        }
        from = start + needle.len();
    }
    None
}

/// Replaces each `<link rel="stylesheet" href=...>` with the stylesheet `fetch` gets for its
/// absolute address (a browser would fetch it the same way); a missing one leaves the page
/// unstyled. `base` resolves the hrefs.
pub(super) fn inline_stylesheets(base: &Url, html: &str, mut fetch: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.to_ascii_lowercase().find("<link") {
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let tag = &rest[at..end];
        out.push_str(&rest[..at]);
        let is_stylesheet = tag.to_ascii_lowercase().contains("stylesheet");
        match (is_stylesheet, hrefs(base, tag, false).into_iter().next()) {
            (true, Some(href)) => {
                if let Some(css) = fetch(&href) {
                    out.push_str(&format!("<style>{}</style>", css.replace("</", "<\\/")));
                }
            }
            _ => out.push_str(tag),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Replaces each nested `<iframe>` with a box saying what it would show: the frame may load
/// nothing (its address is outside the simulated cluster), and an empty frame would swallow the
/// clicks the page reacts to.
pub(super) fn placeholder_frames(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.to_ascii_lowercase().find("<iframe") {
        let open_end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let tag = &rest[at..open_end];
        let close = rest[open_end..].to_ascii_lowercase().find("</iframe>").map_or(open_end, |c| open_end + c + "</iframe>".len());
        out.push_str(&rest[..at]);
        let style = escape(attribute(tag, "style").unwrap_or_default());
        let source = escape(attribute(tag, "src").unwrap_or_default());
        out.push_str(&format!(
            "<div class=\"framed\" style=\"{style};box-sizing:border-box;padding:1em;border:1px dashed #999;color:#666\">A framed page ({source}): outside the simulated cluster, not loaded.</div>"
        ));
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// Where the page's script sends a click anywhere (`addEventListener("click", …)` together with
/// a `location.href = "…"` or `location = "…"` assignment), resolved against `base`.
pub(super) fn click_target(base: &Url, html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<script") {
        let start = from + at;
        let end = lower[start..].find("</script>").map_or(lower.len(), |e| start + e);
        let script = &html[start..end];
        let compact: String = script.chars().filter(|c| !c.is_whitespace()).collect();
        if compact.contains("addEventListener(\"click\"") || compact.contains("addEventListener('click'") {
            for marker in ["location.href=", "location="] {
                if let Some(at) = compact.find(marker) {
                    let (target, _) = quoted_value(&compact[at + marker.len()..]);
                    if let Some(address) = resolve(base, target) {
                        return Some(address);
                    }
                }
            }
        }
        from = end;
    }
    None
}

/// How many wheel scrolls the page's script counts before it sends the reader away, and where
/// (`addEventListener("wheel", …)` comparing a counter with `>= N`, N > 0, plus the same
/// `location` assignment [`click_target`] reads).
pub(super) fn scroll_target(base: &Url, html: &str) -> Option<(u32, String)> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("<script") {
        let start = from + at;
        let end = lower[start..].find("</script>").map_or(lower.len(), |e| start + e);
        let compact: String = html[start..end].chars().filter(|c| !c.is_whitespace()).collect();
        let listens = compact.find("addEventListener(\"wheel\"").or_else(|| compact.find("addEventListener('wheel'"));
        if let Some(listener) = listens {
            let after = &compact[listener..];
            let count = after.find(">=").map(|at| after[at + 2..].chars().take_while(char::is_ascii_digit).collect::<String>()).and_then(|n| n.parse::<u32>().ok());
            let target = ["location.href=", "location="].iter().find_map(|m| compact.find(m).map(|at| quoted_value(&compact[at + m.len()..]).0)).and_then(|t| resolve(base, t));
            if let (Some(count @ 1..), Some(target)) = (count, target) {
                return Some((count, target));
            }
        }
        from = end;
    }
    None
}

/// Text made safe inside HTML.
pub(super) fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
