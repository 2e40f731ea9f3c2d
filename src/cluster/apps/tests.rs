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

#[test]
fn rickroller_ignores_the_forwarded_prefix_without_behind_proxy() {
    let env = vec![];
    let served = serve(Program::Rickroller, &app(&env, &[]), &request("GET", "/", PROXIED, ""), "10.244.1.1");
    assert_eq!(served.response.status, 200);
    assert!(served.response.body.contains("<link rel=\"stylesheet\" href=\"/assets/style.css\">"));
    assert!(served.response.body.contains("<form method=\"post\" action=\"/\">"));
    let posted = serve(Program::Rickroller, &app(&env, &[]), &request("POST", "/", PROXIED, FORM), "10.244.1.1");
    assert_eq!((posted.response.status, location(&posted.response)), (302, Some("/t3/https%3A%2F%2Fexample.com")));
}

#[test]
fn rickroller_behind_proxy_prefixes_links_and_redirects() {
    let env = vec![("BEHIND_PROXY".to_string(), "True".to_string())];
    let served = serve(Program::Rickroller, &app(&env, &[]), &request("GET", "/", PROXIED, ""), "10.244.1.1");
    assert!(served.response.body.contains("href=\"/rickroller/assets/style.css\""));
    assert!(served.response.body.contains("action=\"/rickroller/\""));
    let posted = serve(Program::Rickroller, &app(&env, &[]), &request("POST", "/", PROXIED, FORM), "10.244.1.1");
    assert_eq!(location(&posted.response), Some("/rickroller/t3/https%3A%2F%2Fexample.com"));
    let missing = serve(Program::Rickroller, &app(&env, &[]), &request("POST", "/", PROXIED, "url="), "10.244.1.1");
    assert_eq!(location(&missing.response), Some("/rickroller/"));
    // Without the header there is no prefix, even with BEHIND_PROXY.
    let direct = serve(Program::Rickroller, &app(&env, &[]), &request("GET", "/", &[], ""), "127.0.0.1");
    assert!(direct.response.body.contains("href=\"/assets/style.css\""));
}

#[test]
fn rickroller_redirects_unknown_paths_with_a_flash_message_and_serves_its_pages() {
    let env = vec![];
    let unknown = serve(Program::Rickroller, &app(&env, &[]), &request("GET", "/nope", &[("Host", "localhost:8888")], ""), "127.0.0.1");
    assert_eq!((unknown.response.status, location(&unknown.response)), (302, Some("/")));
    let cookie = unknown.response.headers.iter().find(|(k, _)| k == "Set-Cookie").map(|(_, v)| v.clone()).unwrap_or_default();
    assert!(cookie.starts_with("session=flash:"), "{cookie}");
    let flashed = serve(Program::Rickroller, &app(&env, &[]), &request("GET", "/", &[("Cookie", cookie.trim_end_matches("; HttpOnly; Path=/"))], ""), "127.0.0.1");
    let flash = "<div class=\"flash\">404 - &quot;http://localhost:8888/nope&quot; doesn't exist on this server.</div>";
    assert!(flashed.response.body.contains(flash), "{}", flashed.response.body);
    for path in ["/gotcha", "/assets/style.css", "/t2/https%3A%2F%2Fexample.com"] {
        assert_eq!(serve(Program::Rickroller, &app(&env, &[]), &request("GET", path, &[], ""), "127.0.0.1").response.status, 200, "{path}");
    }
    assert_eq!(serve(Program::Rickroller, &app(&env, &[]), &request("GET", "/t2/", &[], ""), "127.0.0.1").response.status, 302);
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
