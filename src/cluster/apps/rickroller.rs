//! derlin/rickroller: a Flask app under gunicorn. The index offers a form that turns a URL into
//! a rick-rolling link `/t<n>/<slug>`; `/gotcha` is where victims land. Behind a proxy with
//! `BEHIND_PROXY` set, `X-Forwarded-Prefix` is honoured and every generated URL carries it.

mod session;

use super::{header, respond, AppEnv};
use crate::cluster::network::{HttpRequest, HttpResponse};

const SERVER: &str = "gunicorn";
const HTML: &str = "text/html; charset=utf-8";

/// The stylesheet under `/assets/style.css`.
const STYLE: &str = "body { font-family: 'Segoe UI', Roboto, sans-serif; background: #f4f4f8; color: #222; margin: 0; }
main { max-width: 40em; margin: 3em auto; padding: 2em; background: #fff; border-radius: 8px; }
h1 { color: #c0392b; }
input[type=url] { width: 100%; padding: .5em; }
.flash { background: #fdecea; border: 1px solid #e74c3c; padding: .5em 1em; }
footer { text-align: center; color: #888; margin: 2em; }
";

/// Whether `BEHIND_PROXY` holds a value Python's strtobool-like check calls true.
fn behind_proxy(app: &AppEnv) -> bool {
    app.var("BEHIND_PROXY").is_some_and(|v| ["1", "t", "true", "yes", "y"].contains(&v.to_ascii_lowercase().as_str()))
}

/// The path prefix every generated URL gets: `X-Forwarded-Prefix` when ProxyFix is on.
fn prefix(app: &AppEnv, request: &HttpRequest) -> String {
    if !behind_proxy(app) {
        return String::new();
    }
    header(request, "X-Forwarded-Prefix").unwrap_or("").trim_end_matches('/').to_string()
}

/// Serves one request and gives the lines the app's error handler logs (`app.logger.error` of
/// the request URL with the exception), written before gunicorn's access line.
pub fn serve_logging(app: &AppEnv, request: &HttpRequest) -> (HttpResponse, Vec<String>) {
    let url = format!("http://{}{}", header(request, "Host").unwrap_or(&request.host), request.path);
    let mut error = None;
    let response = route(app, request, &url, &mut error);
    let logged = error.map(|exception| vec![url, exception]).unwrap_or_default();
    (response, logged)
}

/// The app's routes. Flask-WTF checks every POST's CSRF token first; the app's catch-all error
/// handler turns any failure (CSRF, unknown path, bad form) into a flash message and a redirect to
/// the index, so a refused form answers 302 to `/`, not 400.
/// `error` receives the exception its error handler turned into a flash.
fn route(app: &AppEnv, request: &HttpRequest, url: &str, error: &mut Option<String>) -> HttpResponse {
    let (path, _query) = request.path.split_once('?').unwrap_or((&request.path, ""));
    let p = prefix(app, request);
    let secret = session::secret_key(app.var("APP_SECRET_KEY"), app.pod_name, app.pod_ip);
    let mut state = session::decode_session(&secret, session_cookie(request));
    match (request.method.as_str(), path) {
        ("GET" | "HEAD", "/") => {
            let flashes = std::mem::take(&mut state.flashes);
            let raw = match &state.csrf_token {
                Some(raw) => raw.clone(),
                None => {
                    let raw = session::new_raw_token(&secret, app.now);
                    state.csrf_token = Some(raw.clone());
                    raw
                }
            };
            let token = session::sign_token(&secret, &raw, app.now);
            let mut response = respond(200, SERVER, HTML, app.now, index_page(&p, &flashes, &token));
            response.headers.push(("Vary".into(), "Cookie".into()));
            response.headers.push(("Set-Cookie".into(), cookie_header(&secret, &state, app.now)));
            response
        }
        ("POST", "/") => {
            let form = parse_form(&request.body);
            let field = |name: &str| form.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
            if let Err(failure) = session::validate_csrf(&secret, field("csrf_token"), &state, app.now) {
                let text = failure.flash_text();
                *error = Some(format!("flask_wtf.csrf.CSRFError: {text}"));
                return flash_redirect(app, &secret, state, &format!("{p}/"), "error", &text);
            }
            let Some(url) = field("url") else {
                let text = "An unexpected error occurred (BadRequestKeyError). Sorry for the inconvenience.";
                *error = Some("werkzeug.exceptions.BadRequestKeyError: 400 Bad Request: The browser (or proxy) sent a request that this server could not understand.".into());
                return flash_redirect(app, &secret, state, &format!("{p}/"), "error", text);
            };
            let url = url_decode(url);
            if !looks_like_url(&url) {
                let text = "An unexpected error occurred (Exception). Sorry for the inconvenience.";
                *error = Some("Exception: the provided URL is invalid.".into());
                return flash_redirect(app, &secret, state, &format!("{p}/"), "error", text);
            }
            let checked = field("redirect_on_scroll").or(field("redirect")).is_some();
            let scrolls = if checked { field("num_scrolls").or(field("scrolls")).and_then(|v| v.parse::<u32>().ok()).unwrap_or(2) } else { 0 };
            redirect(app, &format!("{p}/t{scrolls}/{}", url_encode(&url)), None)
        }
        ("GET" | "HEAD", "/gotcha") => respond(200, SERVER, HTML, app.now, gotcha_page(&p)),
        ("GET" | "HEAD", "/assets/style.css") => respond(200, SERVER, "text/css; charset=utf-8", app.now, STYLE.into()),
        ("GET" | "HEAD", "/assets/favicon.ico") => respond(200, SERVER, "image/vnd.microsoft.icon", app.now, "\u{0}\u{0}\u{1}\u{0}".into()),
        ("GET" | "HEAD", _) if is_roll_path(path) => {
            let (n, slug) = path[2..].split_once('/').unwrap_or(("0", ""));
            respond(200, SERVER, HTML, app.now, roll_page(&p, n, &url_decode(slug)))
        }
        _ => {
            *error = Some("werkzeug.exceptions.NotFound: 404 Not Found: The requested URL was not found on the server. If you entered the URL manually please check your spelling and try again.".into());
            let text = format!("404 - \"{url}\" doesn't exist on this server.");
            flash_redirect(app, &secret, state, &format!("{p}/"), "message", &text)
        }
    }
}

/// What the `validators` package accepts, roughly: `http(s)://host.tld...`.
fn looks_like_url(url: &str) -> bool {
    let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    rest.and_then(|r| r.split(['/', '?', '#']).next()).is_some_and(|host| host.contains('.') && !host.starts_with('.') && !host.ends_with('.') && !host.contains(' '))
}

/// The value of the request's `session` cookie.
fn session_cookie(request: &HttpRequest) -> Option<&str> {
    header(request, "Cookie")?.split(';').filter_map(|c| c.trim().strip_prefix("session=")).next()
}

/// Flask's `Set-Cookie` for a modified session.
fn cookie_header(secret: &[u8], state: &session::Session, now: crate::cluster::objects::Time) -> String {
    format!("session={}; HttpOnly; Path=/", session::encode_session(secret, state, now))
}

/// `flash(text, category)` then `redirect(location)`: the message rides in the session cookie.
fn flash_redirect(app: &AppEnv, secret: &[u8], mut state: session::Session, location: &str, category: &str, text: &str) -> HttpResponse {
    state.flashes.push((category.to_string(), text.to_string()));
    redirect(app, location, Some(cookie_header(secret, &state, app.now)))
}

/// `/t<digits>/<slug>`.
fn is_roll_path(path: &str) -> bool {
    path.strip_prefix("/t")
        .and_then(|rest| rest.split_once('/'))
        .is_some_and(|(n, slug)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && !slug.is_empty())
}

/// A Werkzeug redirect, setting the session cookie when given.
fn redirect(app: &AppEnv, location: &str, set_cookie: Option<String>) -> HttpResponse {
    let body = format!(
        "<!doctype html>\n<html lang=en>\n<title>Redirecting...</title>\n<h1>Redirecting...</h1>\n<p>You should be redirected automatically to the target URL: <a href=\"{location}\">{location}</a>. If not, click the link.\n"
    );
    let mut response = respond(302, SERVER, HTML, app.now, body);
    response.headers.push(("Location".into(), location.into()));
    if let Some(cookie) = set_cookie {
        response.headers.push(("Vary".into(), "Cookie".into()));
        response.headers.push(("Set-Cookie".into(), cookie));
    }
    response
}

fn index_page(prefix: &str, flashes: &[(String, String)], csrf_token: &str) -> String {
    let flash: String = flashes.iter().map(|(_, m)| format!("    <div class=\"flash\">{}</div>\n", escape(m))).collect();
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>URL RickRolling</title>
  <link rel="icon" href="{prefix}/assets/favicon.ico">
  <link rel="stylesheet" href="{prefix}/assets/style.css">
</head>
<body>
  <main>
{flash}    <h1>Rick Roll Your Friends</h1>
    <form method="post" action="{prefix}/">
      <input type="url" name="url" placeholder="https://example.com" required>
      <label><input type="checkbox" name="redirect_on_scroll" checked> Redirect after <input type="number" name="num_scrolls" value="2" min="0" max="99"> scroll(s)</label>
      <button type="submit">Get my link</button>
      <input type="hidden" name="csrf_token" value="{csrf_token}">
    </form>
    <section>
      <h2>How does it work?</h2>
      <p>Paste the URL of any page. You get a link that shows that very page, until your friend
      clicks anywhere or scrolls a few times: then the music starts.</p>
    </section>
  </main>
  <footer>Made with ❤ by derlin</footer>
</body>
</html>
"#
    )
}

fn roll_page(prefix: &str, scrolls: &str, target: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>{title}</title>
  <link rel="icon" href="{prefix}/assets/favicon.ico">
</head>
<body>
  <iframe src="{target}" style="border:0;width:100%;height:100vh"></iframe>
  <script>
    let scrolls = 0;
    const gotcha = () => window.location.href = "{prefix}/gotcha";
    document.addEventListener("click", gotcha);
    document.addEventListener("wheel", () => {{ if (++scrolls >= {scrolls} && {scrolls} > 0) gotcha(); }});
  </script>
</body>
</html>
"#,
        title = escape(target),
        target = escape(target),
    )
}

fn gotcha_page(prefix: &str) -> String {
    format!(
        r#"<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Gotcha!</title>
  <link rel="stylesheet" href="{prefix}/assets/style.css">
</head>
<body style="background:#000;color:#fff;text-align:center">
  <h1>YOU GOT RICK ROLLED</h1>
  <p>Never gonna give you up, never gonna let you down.</p>
  <a href="{prefix}/">Rick roll your friends too</a>
</body>
</html>
"#
    )
}

/// `application/x-www-form-urlencoded` pairs.
fn parse_form(body: &str) -> Vec<(String, String)> {
    body.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (url_decode(k), url_decode(v))
        })
        .collect()
}

/// Percent-encodes everything but unreserved characters (like `urllib.parse.quote(safe="")`).
pub fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Decodes `%XX` escapes and `+` as a space; malformed escapes are kept as written.
pub fn url_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match text.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(h, 16).ok()) {
                Some(b) => {
                    out.push(b);
                    i += 2;
                }
                None => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}
