//! The applications inside the simulated containers: what each image answers to an HTTP request
//! and the access-log line it writes, in the real programs' formats.

pub mod databases;
mod rickroller;
mod simple;
#[cfg(test)]
mod tests;

pub use simple::{nginx_error_page, NGINX_WELCOME};

use crate::cluster::images::Program;
use crate::cluster::network::{HttpRequest, HttpResponse};
use crate::cluster::objects::Time;

/// What an app knows about the container it runs in.
pub struct AppEnv<'a> {
    pub pod_name: &'a str,
    pub pod_ip: &'a str,
    /// The container's environment variables with literal values.
    pub env: &'a [(String, String)],
    /// The container's `args` (http-echo reads `-text` and `-listen` from them).
    pub args: &'a [String],
    pub now: Time,
}

impl AppEnv<'_> {
    /// The value of an environment variable, if set.
    pub fn var(&self, name: &str) -> Option<&str> {
        self.env.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The value of a `-flag=value` (or `-flag value`) command-line argument.
    fn arg(&self, flag: &str) -> Option<String> {
        let mut args = self.args.iter();
        while let Some(a) = args.next() {
            let bare = a.trim_start_matches('-');
            if let Some(v) = bare.strip_prefix(flag).and_then(|r| r.strip_prefix('=')) {
                return Some(v.to_string());
            }
            if bare == flag && a.starts_with('-') {
                return args.next().cloned();
            }
        }
        None
    }
}

/// An app's answer and the line it appends to its access log (`None`: it logs nothing).
pub struct Served {
    pub response: HttpResponse,
    /// One line, or several when the app logs an error before its access line (rickroller).
    pub access_log: Option<String>,
}

/// The TCP ports an image's default program listens on.
pub fn listening_ports(program: Program, app: &AppEnv) -> Vec<u16> {
    match program {
        Program::Rickroller => vec![8080],
        Program::Nginx | Program::Httpd | Program::Whoami => vec![80],
        Program::HttpEcho => {
            let listen = app.arg("listen").unwrap_or_else(|| ":5678".into());
            vec![listen.rsplit(':').next().and_then(|p| p.parse().ok()).unwrap_or(5678)]
        }
        Program::Database(database) => vec![database.port()],
        Program::Shell | Program::Daemon => vec![],
    }
}

/// Serves `request` coming from `client_ip` with the app of `program`.
pub fn serve(program: Program, app: &AppEnv, request: &HttpRequest, client_ip: &str) -> Served {
    let mut app_errors = Vec::new();
    let response = match program {
        Program::Rickroller => {
            let (response, errors) = rickroller::serve_logging(app, request);
            app_errors = errors;
            response
        }
        Program::Nginx => simple::nginx(app, request),
        Program::Httpd => simple::httpd(app, request),
        Program::HttpEcho => simple::http_echo(app, request),
        Program::Whoami => simple::whoami(app, request, client_ip),
        Program::Shell | Program::Daemon | Program::Database(_) => HttpResponse { status: 502, ..Default::default() },
    };
    let access_log = match program {
        Program::Rickroller => Some(app_errors.iter().map(|e| format!("{e}\n")).collect::<String>() + &gunicorn_access(client_ip, app.now, request, &response)),
        Program::Nginx => Some(nginx_combined(client_ip, app.now, request, &response)),
        Program::Httpd => Some(common_log(client_ip, app.now, request, &response)),
        _ => None,
    };
    Served { response, access_log }
}

/// Start-up log lines of the programs this module adds (the others live in `process`).
pub fn start_logs(program: Program, _env: &[(String, String)], started: Time) -> Vec<String> {
    let go_time = started.rfc3339().replace('T', " ").trim_end_matches('Z').replace('-', "/");
    match program {
        Program::Httpd => {
            let when = apache_time(started);
            vec![
                format!("[{when}] [mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.65 (Unix) configured -- resuming normal operations"),
                format!("[{when}] [core:notice] [pid 1:tid 1] AH00094: Command line: 'httpd -D FOREGROUND'"),
            ]
        }
        Program::HttpEcho => vec![format!("{go_time} [INFO] server is listening on :5678")],
        Program::Whoami => vec![format!("{go_time} Starting up on port 80")],
        _ => vec![],
    }
}

/// A request header's value, by case-insensitive name.
pub fn header<'a>(request: &'a HttpRequest, name: &str) -> Option<&'a str> {
    request.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];

/// `(year, month index, day, "HH:MM:SS", weekday)` of an instant, in UTC.
fn parts(now: Time) -> (String, usize, String, String, &'static str) {
    let stamp = now.rfc3339();
    let month = stamp.get(5..7).and_then(|m| m.parse::<usize>().ok()).unwrap_or(1).clamp(1, 12) - 1;
    let weekday = DAYS[now.0.div_euclid(86_400_000).rem_euclid(7) as usize];
    (
        stamp.get(0..4).unwrap_or("1970").to_string(),
        month,
        stamp.get(8..10).unwrap_or("01").to_string(),
        stamp.get(11..19).unwrap_or("00:00:00").to_string(),
        weekday,
    )
}

/// `06/Oct/2025:09:00:05 +0000`, the time of common and combined log lines.
pub fn clf_time(now: Time) -> String {
    let (y, m, d, t, _) = parts(now);
    format!("{d}/{}/{y}:{t} +0000", MONTHS[m])
}

/// `Mon, 06 Oct 2025 09:00:05 GMT`, the time of HTTP `Date` headers.
pub fn http_date(now: Time) -> String {
    let (y, m, d, t, w) = parts(now);
    format!("{w}, {d} {} {y} {t} GMT", MONTHS[m])
}

/// `Mon Oct 06 09:00:05.000000 2025`, Apache's error-log time.
fn apache_time(now: Time) -> String {
    let (y, m, d, t, w) = parts(now);
    format!("{w} {} {d} {t}.000000 {y}", MONTHS[m])
}

/// The request line as logs quote it: `GET / HTTP/1.1`.
fn request_line(request: &HttpRequest) -> String {
    format!("{} {} HTTP/1.1", request.method, request.path)
}

/// Common log format: `ip - - [time] "GET / HTTP/1.1" 200 615`.
fn common_log(client_ip: &str, now: Time, request: &HttpRequest, response: &HttpResponse) -> String {
    format!("{client_ip} - - [{}] \"{}\" {} {}", clf_time(now), request_line(request), response.status, response.body.len())
}

/// gunicorn's default access format: `ip - - [time] "GET / HTTP/1.1" 200 3456 "referer" "agent"`.
fn gunicorn_access(client_ip: &str, now: Time, request: &HttpRequest, response: &HttpResponse) -> String {
    format!(
        "{} \"{}\" \"{}\"",
        common_log(client_ip, now, request, response),
        header(request, "Referer").unwrap_or("-"),
        header(request, "User-Agent").unwrap_or("-")
    )
}

/// nginx's `main` format: combined plus `"$http_x_forwarded_for"`.
fn nginx_combined(client_ip: &str, now: Time, request: &HttpRequest, response: &HttpResponse) -> String {
    format!(
        "{} \"{}\" \"{}\" \"{}\"",
        common_log(client_ip, now, request, response),
        header(request, "Referer").unwrap_or("-"),
        header(request, "User-Agent").unwrap_or("-"),
        header(request, "X-Forwarded-For").unwrap_or("-")
    )
}

/// Builds a response with the usual headers of a server.
fn respond(status: u16, server: &str, content_type: &str, now: Time, body: String) -> HttpResponse {
    let mut headers = vec![
        ("Server".to_string(), server.to_string()),
        ("Date".to_string(), http_date(now)),
        ("Content-Type".to_string(), content_type.to_string()),
        ("Content-Length".to_string(), body.len().to_string()),
    ];
    if server.is_empty() {
        headers.remove(0);
    }
    HttpResponse { status, headers, body }
}

/// The reason phrase of a status code.
pub fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Temporarily Unavailable",
        504 => "Gateway Time-out",
        _ => "",
    }
}

