//! App tests: rickroller's pages, redirects and assets with and without BEHIND_PROXY, the ports
//! the images listen on, and access-log lines in each server's format.

use super::*;

/// 2025-10-06T09:00:05Z, a Monday.
const NOW: Time = Time(1_759_741_205_000);

fn app<'a>(env: &'a [(String, String)], args: &'a [String]) -> AppEnv<'a> {
    AppEnv { pod_name: "rickroller-abc", pod_ip: "10.244.1.5", env, args, now: NOW }
}

fn request(method: &str, path: &str, headers: &[(&str, &str)], body: &str) -> HttpRequest {
    HttpRequest {
        method: method.into(),
        host: "10.244.1.5".into(),
        port: 8080,
        path: path.into(),
        headers: headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        body: body.into(),
    }
}

fn location(response: &HttpResponse) -> Option<&str> {
    response.headers.iter().find(|(k, _)| k == "Location").map(|(_, v)| v.as_str())
}

const PROXIED: &[(&str, &str)] = &[("Host", "194.182.170.10"), ("X-Forwarded-Prefix", "/rickroller"), ("X-Forwarded-For", "10.244.0.1")];
const FORM: &str = "url=https%3A%2F%2Fexample.com&redirect=on&scrolls=3";

/// The `session` cookie a response sets, ready for a `Cookie` header.
fn set_cookie(response: &HttpResponse) -> String {
    let value = response.headers.iter().find(|(k, _)| k == "Set-Cookie").map(|(_, v)| v.as_str()).unwrap_or_default();
    value.split(';').next().unwrap_or_default().to_string()
}

/// Loads rickroller's form like a browser (with `headers`) and posts `form` back with its CSRF
/// token and session cookie, to the same pod or to `post_to`.
fn post_form(get_from: &AppEnv, post_to: &AppEnv, headers: &[(&str, &str)], form: &str) -> HttpResponse {
    let page = serve(Program::Rickroller, get_from, &request("GET", "/", headers, ""), "10.244.1.1").response;
    let token = page.body.split("name=\"csrf_token\" value=\"").nth(1).and_then(|rest| rest.split('"').next()).unwrap_or_default();
    let cookie = set_cookie(&page);
    let mut with_cookie = headers.to_vec();
    with_cookie.push(("Cookie", &cookie));
    let body = format!("{form}&csrf_token={token}");
    serve(Program::Rickroller, post_to, &request("POST", "/", &with_cookie, &body), "10.244.1.1").response
}

#[test]
fn rickroller_ignores_the_forwarded_prefix_without_behind_proxy() {
    let env = vec![];
    let served = serve(Program::Rickroller, &app(&env, &[]), &request("GET", "/", PROXIED, ""), "10.244.1.1");
    assert_eq!(served.response.status, 200);
    assert!(served.response.body.contains("<link rel=\"stylesheet\" href=\"/assets/style.css\">"));
    assert!(served.response.body.contains("<form method=\"post\" action=\"/\">"));
    let posted = post_form(&app(&env, &[]), &app(&env, &[]), PROXIED, FORM);
    assert_eq!((posted.status, location(&posted)), (302, Some("/t3/https%3A%2F%2Fexample.com")));
}

#[test]
fn rickroller_behind_proxy_prefixes_links_and_redirects() {
    let env = vec![("BEHIND_PROXY".to_string(), "True".to_string())];
    let served = serve(Program::Rickroller, &app(&env, &[]), &request("GET", "/", PROXIED, ""), "10.244.1.1");
    assert!(served.response.body.contains("href=\"/rickroller/assets/style.css\""));
    assert!(served.response.body.contains("action=\"/rickroller/\""));
    let posted = post_form(&app(&env, &[]), &app(&env, &[]), PROXIED, FORM);
    assert_eq!(location(&posted), Some("/rickroller/t3/https%3A%2F%2Fexample.com"));
    let missing = post_form(&app(&env, &[]), &app(&env, &[]), PROXIED, "url=");
    assert_eq!(location(&missing), Some("/rickroller/"));
    // Without the header there is no prefix, even with BEHIND_PROXY.
    let direct = serve(Program::Rickroller, &app(&env, &[]), &request("GET", "/", &[], ""), "127.0.0.1");
    assert!(direct.response.body.contains("href=\"/assets/style.css\""));
}

#[test]
fn rickroller_redirects_unknown_paths_with_a_flash_message_and_serves_its_pages() {
    let env = vec![];
    let unknown = serve(Program::Rickroller, &app(&env, &[]), &request("GET", "/nope", &[("Host", "localhost:8888")], ""), "127.0.0.1");
    assert_eq!((unknown.response.status, location(&unknown.response)), (302, Some("/")));
    let cookie = set_cookie(&unknown.response);
    assert!(cookie.starts_with("session="), "{cookie}");
    let flashed = serve(Program::Rickroller, &app(&env, &[]), &request("GET", "/", &[("Cookie", &cookie)], ""), "127.0.0.1");
    let flash = "<div class=\"flash\">404 - &quot;http://localhost:8888/nope&quot; doesn't exist on this server.</div>";
    assert!(flashed.response.body.contains(flash), "{}", flashed.response.body);
    for path in ["/gotcha", "/assets/style.css", "/t2/https%3A%2F%2Fexample.com"] {
        assert_eq!(serve(Program::Rickroller, &app(&env, &[]), &request("GET", path, &[], ""), "127.0.0.1").response.status, 200, "{path}");
    }
    assert_eq!(serve(Program::Rickroller, &app(&env, &[]), &request("GET", "/t2/", &[], ""), "127.0.0.1").response.status, 302);
}

#[test]
fn rickroller_refuses_a_form_issued_by_another_pod_unless_they_share_a_secret() {
    let env = vec![];
    let other = AppEnv { pod_name: "rickroller-def", pod_ip: "10.244.2.7", env: &env, args: &[], now: NOW };
    let refused = post_form(&app(&env, &[]), &other, &[], FORM);
    assert_eq!((refused.status, location(&refused)), (302, Some("/")));
    let cookie = set_cookie(&refused);
    let page = serve(Program::Rickroller, &other, &request("GET", "/", &[("Cookie", &cookie)], ""), "10.244.1.1").response;
    assert!(page.body.contains("<div class=\"flash\">400 Bad Request: The CSRF session token is missing.</div>"), "{}", page.body);
    let served = serve(Program::Rickroller, &other, &request("POST", "/", &[("Host", "194.182.170.10")], FORM), "10.244.1.1");
    let log = served.access_log.unwrap_or_default();
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines[..2], ["http://194.182.170.10/", "flask_wtf.csrf.CSRFError: 400 Bad Request: The CSRF token is missing."], "{log}");
    assert!(lines[2].contains("\"POST / HTTP/1.1\" 302"), "{log}");
    let missing = serve(Program::Rickroller, &other, &request("POST", "/", &[], FORM), "10.244.1.1").response;
    let flashed = serve(Program::Rickroller, &other, &request("GET", "/", &[("Cookie", &set_cookie(&missing))], ""), "10.244.1.1").response;
    assert!(flashed.body.contains("400 Bad Request: The CSRF token is missing."), "{}", flashed.body);

    let shared = vec![("APP_SECRET_KEY".to_string(), "s3cr3t".to_string())];
    let (one, two) = (app(&shared, &[]), AppEnv { pod_name: "rickroller-def", pod_ip: "10.244.2.7", env: &shared, args: &[], now: NOW });
    let accepted = post_form(&one, &two, &[], FORM);
    assert_eq!(location(&accepted), Some("/t3/https%3A%2F%2Fexample.com"));
}

#[test]
fn access_logs_follow_each_servers_format() {
    let env = vec![];
    let agent = [("User-Agent", "curl/8.5.0")];
    let rr = serve(Program::Rickroller, &app(&env, &[]), &request("GET", "/gotcha", &agent, ""), "10.244.1.1");
    let len = rr.response.body.len();
    assert_eq!(rr.access_log, Some(format!("10.244.1.1 - - [06/Oct/2025:09:00:05 +0000] \"GET /gotcha HTTP/1.1\" 200 {len} \"-\" \"curl/8.5.0\"")));
    let nginx = serve(Program::Nginx, &app(&env, &[]), &request("GET", "/missing", &agent, ""), "10.244.2.1");
    let log = nginx.access_log.unwrap_or_default();
    assert_eq!(nginx.response.status, 404);
    assert!(log.starts_with("10.244.2.1 - - [06/Oct/2025:09:00:05 +0000] \"GET /missing HTTP/1.1\" 404 "), "{log}");
    assert!(log.ends_with(" \"-\" \"curl/8.5.0\" \"-\""), "{log}");
    assert_eq!(serve(Program::HttpEcho, &app(&env, &[]), &request("GET", "/", &[], ""), "10.244.2.1").access_log, None);
    assert_eq!(http_date(NOW), "Mon, 06 Oct 2025 09:00:05 GMT");
}

#[test]
fn images_listen_on_their_ports() {
    let env = vec![];
    assert_eq!(listening_ports(Program::Rickroller, &app(&env, &[])), vec![8080]);
    assert_eq!(listening_ports(Program::Nginx, &app(&env, &[])), vec![80]);
    assert_eq!(listening_ports(Program::HttpEcho, &app(&env, &[])), vec![5678]);
    let args = vec!["-listen=:9090".to_string(), "-text=hi".to_string()];
    assert_eq!(listening_ports(Program::HttpEcho, &app(&env, &args)), vec![9090]);
    let args = vec!["-listen".to_string(), ":7000".to_string()];
    assert_eq!(listening_ports(Program::HttpEcho, &app(&env, &args)), vec![7000]);
    assert!(listening_ports(Program::Shell, &app(&env, &[])).is_empty());
}
