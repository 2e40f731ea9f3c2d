//! What the page's simulated browser pane does with an address or a submitted form: sends the
//! request into the cluster's network with the cookies the sites set, follows redirects, and turns
//! the answer into a document a script-less sandboxed frame can show. Kept free of the DOM so it
//! runs (and is tested) natively; the pane in `src/ui` only collects clicks and form fields.

mod html;
#[cfg(test)]
mod tests;

use super::client::{parse_url, CookieJar, Url};
use super::{send, HttpRequest, HttpResponse, Origin};
use crate::cluster::apps::reason;
use crate::cluster::objects::{Kind, Object};
use crate::cluster::Cluster;
use html::{click_target, escape, scroll_target, hrefs, inline_stylesheets, placeholder_frames, resolve, show};

/// Put before every page: the frame loads nothing from the real network, runs no scripts and
/// submits no form by itself (the pane intercepts submissions and sends them through the
/// simulated network; stylesheets the page links are fetched that way too and inlined).
const PAGE_POLICY: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'\">";

/// How many redirects a page load follows, as browsers stop after a handful.
const MAX_REDIRECTS: usize = 10;

/// The encoding of a form's fields in a POST body, as browsers send it by default.
const FORM_ENCODED: &str = "application/x-www-form-urlencoded";

/// What the pane asks for: an address typed or clicked, or a form's submission.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageRequest {
    pub method: String,
    pub address: String,
    /// An `application/x-www-form-urlencoded` body (POST forms only).
    pub form_body: Option<String>,
}

impl PageRequest {
    /// A plain `GET` of `address` (the address bar, a link, a shortcut).
    pub fn get(address: &str) -> Self {
        PageRequest { method: "GET".into(), address: address.trim().to_string(), form_body: None }
    }

    /// The request a browser makes when a form of the page at `page_address` is submitted:
    /// `action` as written in the form (empty means the page itself), `method` as written
    /// (anything but POST is a GET, whose fields replace the action's query), `fields` in order.
    pub fn form(page_address: &str, action: &str, method: &str, fields: &[(String, String)]) -> Result<Self, String> {
        let base = parse_url(page_address)?;
        let target = if action.trim().is_empty() { show(&base) } else { resolve(&base, action.trim()).ok_or_else(|| format!("the form's action \"{action}\" cannot be followed"))? };
        let encoded = form_encode(fields);
        if method.trim().eq_ignore_ascii_case("post") {
            return Ok(PageRequest { method: "POST".into(), address: target, form_body: Some(encoded) });
        }
        let without_query = target.split('?').next().unwrap_or_default();
        Ok(PageRequest::get(&format!("{without_query}?{encoded}")))
    }
}

/// A loaded page: where it ended up, its status line and what to show.
#[derive(Clone, Debug, PartialEq)]
pub struct Loaded {
    pub address: String,
    pub status: String,
    /// An HTML document for a sandboxed frame (text answers are wrapped in `<pre>`).
    pub document: String,
    /// Absolute addresses of the links the page holds, in order, without repeats.
    pub links: Vec<String>,
    /// Where a click anywhere on the page leads, for pages whose script sends every click
    /// somewhere (scripts do not run in the frame, so the pane emulates that one behaviour).
    pub click_to: Option<String>,
    /// After how many wheel scrolls the page's script sends the reader where, emulated the same way.
    pub scroll_to: Option<(u32, String)>,
}

/// Loads `request` from the learner's machine with the cookies of `jar` (and keeps the ones the
/// answers set), following redirects; `Err` says why nothing came back, as curl would.
pub fn load(cluster: &mut Cluster, jar: &mut CookieJar, request: &PageRequest) -> Result<Loaded, String> {
    let mut url = parse_url(&request.address)?;
    let (mut method, mut body) = (request.method.clone(), request.form_body.clone());
    for _ in 0..=MAX_REDIRECTS {
        let response = exchange(cluster, jar, &url, &method, body.as_deref())?;
        if (300..400).contains(&response.status) {
            if let Some(next) = header(&response, "Location").and_then(|l| resolve(&url, l)).and_then(|a| parse_url(&a).ok()) {
                // 307 and 308 repeat the request as it was; the others turn it into a GET.
                if !matches!(response.status, 307 | 308) {
                    (method, body) = ("GET".into(), None);
                }
                url = next;
                continue;
            }
        }
        return Ok(page(cluster, jar, &url, &response));
    }
    Err(format!("curl: (47) Maximum ({MAX_REDIRECTS}) redirects followed"))
}

/// Addresses worth offering: running port-forwards, load balancer IPs, and each ingress's address
/// with the path of its first rule.
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
    for object in cluster.list(Kind::Ingress, None) {
        if let Object::Ingress(ingress) = object {
            let path = ingress.spec.rules.iter().filter(|r| r.host.is_empty()).filter_map(|r| r.http.as_ref()).flat_map(|h| h.paths.iter()).next().map(|p| literal_prefix(&p.path));
            for address in &ingress.status.load_balancer.ingress {
                let address = if address.ip.is_empty() { &address.hostname } else { &address.ip };
                let shortcut = format!("http://{address}{}", path.clone().unwrap_or_else(|| "/".into()));
                if !address.is_empty() && !found.contains(&shortcut) {
                    found.push(shortcut);
                }
            }
        }
    }
    found
}

/// The part of an ingress path before its first regex character (`/rickroller(/|$)(.*)` →
/// `/rickroller`), which is what a learner types to reach it.
fn literal_prefix(path: &str) -> String {
    let literal = path.split(['(', '[', '*', '+', '?', '^', '$', '|', '\\', '{', '.']).next().unwrap_or_default();
    if literal.is_empty() { "/".into() } else { literal.to_string() }
}

/// One request to `url` with the jar's cookies; the answer's cookies go into the jar.
fn exchange(cluster: &mut Cluster, jar: &mut CookieJar, url: &Url, method: &str, body: Option<&str>) -> Result<HttpResponse, String> {
    let mut headers = Vec::new();
    if let Some(cookies) = jar.header_for(&url.host, &url.path) {
        headers.push(("Cookie".to_string(), cookies));
    }
    if let Some(body) = body {
        headers.push(("Content-Type".to_string(), FORM_ENCODED.to_string()));
        headers.push(("Content-Length".to_string(), body.len().to_string()));
    }
    let request = HttpRequest { method: method.into(), host: url.host.clone(), port: url.port, path: url.path.clone(), headers, body: body.unwrap_or_default().to_string() };
    let response = send(cluster, &Origin::Learner, request).map_err(|e| e.curl_message().0)?.response;
    for (name, value) in &response.headers {
        if name.eq_ignore_ascii_case("Set-Cookie") {
            jar.receive(&url.host, value);
        }
    }
    Ok(response)
}

/// What the pane shows for a final (non-redirect) answer.
fn page(cluster: &mut Cluster, jar: &mut CookieJar, url: &Url, response: &HttpResponse) -> Loaded {
    let html = header(response, "Content-Type").is_none_or(|t| t.contains("html"));
    let status = format!("HTTP/1.1 {} {}", response.status, reason(response.status));
    if !html {
        let document = format!("{PAGE_POLICY}<pre>{}</pre>", escape(&response.body));
        return Loaded { address: show(url), status, document, links: Vec::new(), click_to: None, scroll_to: None };
    }
    let styled = inline_stylesheets(url, &response.body, |href| fetch_text(cluster, jar, href));
    Loaded {
        address: show(url),
        status,
        document: format!("{PAGE_POLICY}{}", placeholder_frames(&styled)),
        links: hrefs(url, &response.body, true),
        click_to: click_target(url, &response.body),
        scroll_to: scroll_target(url, &response.body),
    }
}

/// The body of a 200 answer at `href` (relative to nothing: already absolute), following
/// redirects like a page load.
fn fetch_text(cluster: &mut Cluster, jar: &mut CookieJar, href: &str) -> Option<String> {
    let mut url = parse_url(href).ok()?;
    for _ in 0..=MAX_REDIRECTS {
        let response = exchange(cluster, jar, &url, "GET", None).ok()?;
        if (300..400).contains(&response.status) {
            url = parse_url(&resolve(&url, header(&response, "Location")?)?).ok()?;
            continue;
        }
        return (response.status == 200).then_some(response.body);
    }
    None
}

fn header<'a>(response: &'a HttpResponse, name: &str) -> Option<&'a str> {
    response.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// `application/x-www-form-urlencoded`: letters, digits and `*-._` stay, spaces become `+`,
/// every other byte `%XX`.
pub fn form_encode(fields: &[(String, String)]) -> String {
    let encode = |text: &str| -> String {
        text.bytes()
            .map(|b| match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => char::from(b).to_string(),
                b' ' => "+".to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    fields.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect::<Vec<_>>().join("&")
}

/// The request a click on a link `href` of the page at `page_address` makes (`None` for links
/// the pane cannot follow: fragments, `javascript:`, other schemes).
pub fn follow_link(page_address: &str, href: &str) -> Option<PageRequest> {
    let base = parse_url(page_address).ok()?;
    resolve(&base, href.trim()).map(|address| PageRequest::get(&address))
}
