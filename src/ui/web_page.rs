//! What the simulated browser does with an address: sends the request into the cluster's network,
//! follows redirects, and finds the links of an HTML page. Kept free of the DOM.

use crate::cluster::apps::reason;
use crate::cluster::network::client::{parse_url, Url};
use crate::cluster::network::{send, HttpRequest, Origin};
use crate::cluster::objects::{Kind, Object};
use crate::cluster::Cluster;

/// Put before every page: the frame loads nothing from the real network and runs no scripts
/// (stylesheets the page links are fetched through the simulated network and inlined).
const PAGE_POLICY: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">";

/// How many redirects a page load follows, as browsers stop after a handful.
const MAX_REDIRECTS: usize = 10;

/// A loaded page: where it ended up, its status line and what to show.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub address: String,
    pub status: String,
    /// An HTML document for a sandboxed frame (text answers are wrapped in `<pre>`).
    pub document: String,
    /// Absolute addresses of the links the page holds, in order, without repeats.
    pub links: Vec<String>,
}

/// Loads `address` from the learner's machine, following redirects; `Err` says why nothing came
/// back, as curl would.
pub fn load(cluster: &mut Cluster, address: &str) -> Result<Loaded, String> {
    let mut url = parse_url(address.trim())?;
    for _ in 0..=MAX_REDIRECTS {
        let request = HttpRequest { method: "GET".into(), host: url.host.clone(), port: url.port, path: url.path.clone(), ..Default::default() };
        let response = send(cluster, &Origin::Learner, request).map_err(|e| e.curl_message().0)?.response;
        let header = |name: &str| response.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.clone());
        if (300..400).contains(&response.status) {
            if let Some(next) = header("Location").and_then(|l| resolve(&url, &l)).and_then(|a| parse_url(&a).ok()) {
                url = next;
                continue;
            }
        }
        let html = header("Content-Type").is_none_or(|t| t.contains("html"));
        let document = if html {
            format!("{PAGE_POLICY}{}", inline_stylesheets(cluster, &url, &response.body))
        } else {
            format!("{PAGE_POLICY}<pre>{}</pre>", escape(&response.body))
        };
        let links = if html { links(&url, &response.body) } else { Vec::new() };
        return Ok(Loaded {
            address: show(&url),
            status: format!("HTTP/1.1 {} {}", response.status, reason(response.status)),
            document,
            links,
        });
    }
    Err(format!("curl: (47) Maximum ({MAX_REDIRECTS}) redirects followed"))
}

/// Addresses worth offering: running port-forwards and load balancer IPs.
pub fn suggestions(cluster: &Cluster) -> Vec<String> {
    let mut found: Vec<String> = cluster.network.forwards.keys().map(|port| format!("http://localhost:{port}/")).collect();
    for object in cluster.list(Kind::Service, None) {
        if let Object::Service(service) = object {
            let port = service.spec.ports.first().map_or(80, |p| p.port);
            for ingress in &service.status.load_balancer.ingress {
                if !ingress.ip.is_empty() {
                    found.push(if port == 80 { format!("http://{}/", ingress.ip) } else { format!("http://{}:{port}/", ingress.ip) });
                }
            }
        }
    }
    found
}

fn show(url: &Url) -> String {
    if url.port == 80 { format!("http://{}{}", url.host, url.path) } else { format!("http://{}:{}{}", url.host, url.port, url.path) }
}

/// An absolute address for `link` found on the page at `base` (only http links).
fn resolve(base: &Url, link: &str) -> Option<String> {
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
    } else {
        let dir = base.path.split('?').next().unwrap_or("/").rsplit_once('/').map_or("", |(d, _)| d);
        format!("{dir}/{link}")
    };
    Some(show(&Url { path, ..base.clone() }))
}

/// The links (`<a href>`) of `html`, resolved against `base`.
fn links(base: &Url, html: &str) -> Vec<String> {
    hrefs(base, html, true)
}

/// Every `href` of `html` (only those of `<a>` tags when `anchors_only`), resolved against `base`.
fn hrefs(base: &Url, html: &str, anchors_only: bool) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("href=") {
        let start = from + at + "href=".len();
        let rest = &html[start..];
        let (value, used) = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let inner = &rest[1..];
                let end = inner.find(q).unwrap_or(inner.len());
                (&inner[..end], end + 2)
            }
            _ => {
                let end = rest.find(|c: char| c.is_whitespace() || c == '>').unwrap_or(rest.len());
                (&rest[..end], end)
            }
        };
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

/// Replaces each `<link rel="stylesheet" href=...>` with the stylesheet as the simulated network
/// serves it (a browser would fetch it the same way); a missing one leaves the page unstyled.
fn inline_stylesheets(cluster: &mut Cluster, base: &Url, html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.to_ascii_lowercase().find("<link") {
        let end = rest[at..].find('>').map_or(rest.len(), |e| at + e + 1);
        let tag = &rest[at..end];
        out.push_str(&rest[..at]);
        let is_stylesheet = tag.to_ascii_lowercase().contains("stylesheet");
        let href = hrefs(base, tag, false).into_iter().next();
        match (is_stylesheet, href) {
            (true, Some(href)) => {
                if let Some(css) = fetch_text(cluster, &href) {
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

/// The body of a 200 answer at `address`, following redirects like a page load.
fn fetch_text(cluster: &mut Cluster, address: &str) -> Option<String> {
    let mut url = parse_url(address).ok()?;
    for _ in 0..=MAX_REDIRECTS {
        let request = HttpRequest { method: "GET".into(), host: url.host.clone(), port: url.port, path: url.path.clone(), ..Default::default() };
        let response = send(cluster, &Origin::Learner, request).ok()?.response;
        if (300..400).contains(&response.status) {
            let location = response.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("Location"))?.1.clone();
            url = parse_url(&resolve(&url, &location)?).ok()?;
            continue;
        }
        return (response.status == 200).then_some(response.body);
    }
    None
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}
