//! HTTP clients as their users see them: curl, GNU wget (the learner's machine) and busybox
//! wget (inside busybox containers). Each turns its argv into requests through [`send`] and
//! prints what the real tool prints; files it saves are handed back for the caller to write.

mod cookies;

pub use cookies::CookieJar;

use super::{send, HttpRequest, HttpResponse, NetError, Origin};
use crate::cluster::apps::reason;
use crate::cluster::objects::Time;
use crate::cluster::Cluster;

/// What a client run printed, saved and returned.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ClientRun {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
    /// Files to write: (path as given, content).
    pub files: Vec<(String, String)>,
    /// Milliseconds of virtual time the client hangs before it ends (a connection that times
    /// out); 0 when it answers at once.
    pub wait_ms: i64,
    /// Error text printed while it hangs: (milliseconds after the start, text). `stderr` is
    /// printed at once, these as virtual time reaches them.
    pub later: Vec<(i64, String)>,
}

/// A parsed `http://host:port/path` URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Url {
    pub host: String,
    pub port: u16,
    pub path: String,
}

/// Parses a URL as curl and wget accept it (scheme optional; `https` defaults to port 443).
pub fn parse_url(url: &str) -> Result<Url, String> {
    let default_port = if super::tls::is_https(url) { super::tls::HTTPS_PORT } else { 80 };
    let rest = match url.split_once("://") {
        Some(("http" | "HTTP" | "https" | "HTTPS", rest)) => rest,
        Some((scheme, _)) => return Err(format!("Protocol \"{scheme}\" not supported")),
        None => url,
    };
    let (authority, path) = match rest.find(['/', '?']) {
        Some(i) => (&rest[..i], rest[i..].to_string()),
        None => (rest, "/".to_string()),
    };
    let path = if path.starts_with('?') { format!("/{path}") } else { path };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !h.is_empty() => (h, p.parse::<u16>().map_err(|_| "URL rejected: Port number was not a decimal number between 0 and 65535".to_string())?),
        _ => (authority, default_port),
    };
    if host.is_empty() {
        return Err("URL rejected: No host part in the URL".into());
    }
    Ok(Url { host: host.to_ascii_lowercase(), port, path })
}

/// Resolves a redirect's `Location` against the URL it came from.
fn follow(base: &Url, location: &str) -> Option<Url> {
    if location.contains("://") {
        return parse_url(location).ok();
    }
    let path = if location.starts_with('/') {
        location.to_string()
    } else {
        let dir = base.path.rsplit_once('/').map_or("", |(d, _)| d);
        format!("{dir}/{location}")
    };
    Some(Url { path, ..base.clone() })
}

fn response_header<'a>(response: &'a HttpResponse, name: &str) -> Option<&'a str> {
    response.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

fn status_line(response: &HttpResponse) -> String {
    format!("HTTP/1.1 {} {}", response.status, reason(response.status))
}

/// The numeric address shown for a host when connecting.
fn address_of(cluster: &Cluster, origin: &Origin, host: &str) -> String {
    if host == "localhost" {
        return "127.0.0.1".into();
    }
    if let Origin::Pod { namespace, .. } = origin {
        if let Some((_, ips)) = super::dns::resolve(cluster, namespace, host) {
            return ips.into_iter().next().unwrap_or_else(|| host.to_string());
        }
    }
    host.to_string()
}

// ---------------------------------------------------------------------------------------------
// curl

/// `curl [-s] [-S] [-i] [-I] [-v] [-L] [-X M] [-d DATA] [-H 'K: V'] [-o FILE] [-A UA] [-w FMT] URL`
/// where no file can be read (`-b FILE` finds nothing).
pub fn curl(cluster: &mut Cluster, origin: &Origin, argv: &[String]) -> ClientRun {
    curl_reading(cluster, origin, argv, &|_| None)
}

/// curl as above, plus `-b FILE|'k=v'` and `-c FILE` cookie jars; `read` gives a file's content.
pub fn curl_reading(cluster: &mut Cluster, origin: &Origin, argv: &[String], read: &dyn Fn(&str) -> Option<String>) -> ClientRun {
    let mut run = ClientRun::default();
    let (mut jar, mut literal_cookies, mut jar_out, mut cookie_engine) = (CookieJar::default(), None::<String>, None::<String>, false);
    let (mut silent, mut show_errors, mut include, mut verbose, mut location, mut head) = (false, false, false, false, false, false);
    let (mut method, mut data, mut output): (Option<String>, Option<String>, Option<String>) = (None, None, None);
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut agent = "curl/8.5.0".to_string();
    let mut max_time: Option<f64> = None;
    let mut write_out: Option<String> = None;
    let mut redirects = 0;
    let mut url = None;
    let mut insecure = false;
    // `--resolve HOST:PORT:ADDRESS`: connect there while the URL (Host header, TLS server name) keeps HOST.
    let mut resolved: Vec<(String, u16, String)> = Vec::new();
    let mut args = argv.iter().skip(1);
    while let Some(arg) = args.next() {
        let long = |name: &str| arg == name;
        if long("--insecure") { insecure = true; continue; }
        if long("--resolve") {
            let entry = args.next().and_then(|v| {
                let mut parts = v.splitn(3, ':');
                let (host, port, address) = (parts.next()?, parts.next()?.parse::<u16>().ok()?, parts.next()?);
                Some((host.to_ascii_lowercase(), port, address.to_string()))
            });
            match entry {
                Some(entry) => resolved.push(entry),
                None => {
                    run.stderr = "curl: option --resolve: bad argument\ncurl: try 'curl --help' or 'curl --manual' for more information\n".into();
                    run.code = 2;
                    return run;
                }
            }
            continue;
        }
        if long("--silent") { silent = true; continue; }
        if long("--show-error") { show_errors = true; continue; }
        if long("--include") { include = true; continue; }
        if long("--verbose") { verbose = true; continue; }
        if long("--location") { location = true; continue; }
        if long("--head") { head = true; continue; }
        let urlencode = arg == "--data-urlencode";
        let takes = ["--request", "--data", "--data-raw", "--data-urlencode", "--header", "--output", "--user-agent", "--max-time", "--connect-timeout", "--write-out", "--cookie", "--cookie-jar"];
        if takes.contains(&arg.as_str()) || (arg.starts_with('-') && !arg.starts_with("--") && arg.len() > 1) {
            let flags: Vec<char> = if arg.starts_with("--") { vec![] } else { arg[1..].chars().collect() };
            let mut value_flag = match arg.as_str() {
                "--request" => Some('X'),
                "--data" | "--data-raw" | "--data-urlencode" => Some('d'),
                "--header" => Some('H'),
                "--output" => Some('o'),
                "--user-agent" => Some('A'),
                "--max-time" | "--connect-timeout" => Some('m'),
                "--write-out" => Some('w'),
                "--cookie" => Some('b'),
                "--cookie-jar" => Some('c'),
                _ => None,
            };
            let mut inline = None;
            for (i, c) in flags.iter().enumerate() {
                match c {
                    's' => silent = true,
                    'S' => show_errors = true,
                    'i' => include = true,
                    'v' => verbose = true,
                    'L' => location = true,
                    'I' => head = true,
                    'k' => insecure = true,
                    'f' | 'N' | '#' => {}
                    'X' | 'd' | 'H' | 'o' | 'A' | 'm' | 'w' | 'b' | 'c' => {
                        value_flag = Some(*c);
                        let rest: String = flags[i + 1..].iter().collect();
                        inline = (!rest.is_empty()).then_some(rest);
                        break;
                    }
                    other => {
                        run.stderr = format!("curl: option -{other}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
                        run.code = 2;
                        return run;
                    }
                }
            }
            if let Some(flag) = value_flag {
                let Some(value) = inline.or_else(|| args.next().cloned()) else {
                    run.stderr = format!("curl: option {arg}: requires parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
                    run.code = 2;
                    return run;
                };
                match flag {
                    'X' => method = Some(value),
                    'd' => {
                        let value = if urlencode {
                            match value.split_once('=') {
                                Some((name, content)) => format!("{name}={}", percent_encode(content)),
                                None => percent_encode(&value),
                            }
                        } else {
                            value
                        };
                        data = Some(match data { Some(d) => format!("{d}&{value}"), None => value });
                    }
                    'H' => {
                        if let Some((k, v)) = value.split_once(':') {
                            headers.push((k.trim().to_string(), v.trim().to_string()));
                        }
                    }
                    'o' => output = Some(value),
                    'w' => write_out = Some(value),
                    'b' => {
                        cookie_engine = true;
                        if value.contains('=') {
                            literal_cookies = Some(value);
                        } else if let Some(text) = read(&value) {
                            jar = CookieJar::parse(&text);
                        }
                    }
                    'c' => {
                        cookie_engine = true;
                        jar_out = Some(value);
                    }
                    'm' => match value.parse::<f64>() {
                        Ok(seconds) if seconds >= 0.0 => max_time = Some(seconds),
                        _ => {
                            run.stderr = format!("curl: option {arg}: expected a proper numerical parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
                            run.code = 2;
                            return run;
                        }
                    },
                    _ => agent = value,
                }
            }
            continue;
        }
        url = Some(arg.clone());
    }
    let Some(url) = url else {
        run.stderr = "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n".into();
        run.code = 2;
        return run;
    };
    let mut target = match parse_url(&url) {
        Ok(u) => u,
        Err(e) => {
            if !silent || show_errors {
                run.stderr = format!("curl: (3) {e}\n");
            }
            run.code = 3;
            return run;
        }
    };
    let method = method.unwrap_or_else(|| if head { "HEAD".into() } else if data.is_some() { "POST".into() } else { "GET".into() });
    let mut body = data.unwrap_or_default();
    let mut method_now = method.clone();
    let mut secure = super::tls::is_https(&url);
    for _ in 0..50 {
        let default_port = if secure { super::tls::HTTPS_PORT } else { 80 };
        let host_header = if target.port == default_port { target.host.clone() } else { format!("{}:{}", target.host, target.port) };
        let mut request_headers = vec![("Host".to_string(), host_header), ("User-Agent".to_string(), agent.clone()), ("Accept".to_string(), "*/*".to_string())];
        if !body.is_empty() {
            request_headers.push(("Content-Length".into(), body.len().to_string()));
            request_headers.push(("Content-Type".into(), "application/x-www-form-urlencoded".into()));
        }
        let sent_cookies: Vec<String> = literal_cookies.iter().cloned().chain(jar.header_for(&target.host, &target.path)).collect();
        if !sent_cookies.is_empty() {
            request_headers.push(("Cookie".into(), sent_cookies.join("; ")));
        }
        for (k, v) in &headers {
            request_headers.retain(|(h, _)| !h.eq_ignore_ascii_case(k));
            request_headers.push((k.clone(), v.clone()));
        }
        if verbose {
            let ip = address_of(cluster, origin, &target.host);
            run.stderr.push_str(&format!("*   Trying {ip}:{}...\n", target.port));
        }
        let connect_to = resolved.iter().find(|(h, p, _)| *h == target.host && *p == target.port).map_or(target.host.clone(), |(_, _, a)| a.clone());
        let request = HttpRequest { method: method_now.clone(), host: connect_to, port: target.port, path: target.path.clone(), headers: request_headers.clone(), body: body.clone() };
        let exchange = match send(cluster, origin, request) {
            Ok(e) => e,
            Err(error) => {
                let (mut message, code) = error.curl_message();
                run.wait_ms = error.wait_ms();
                let max_ms = max_time.map(|seconds| ((seconds * 1000.0) as i64).saturating_add(1));
                if let (NetError::TimedOut { .. }, Some(ms)) = (&error, max_ms.filter(|ms| *ms < run.wait_ms)) {
                    run.wait_ms = ms;
                    message = format!("curl: (28) Connection timed out after {ms} milliseconds");
                }
                let mut failure = String::new();
                if verbose {
                    let why = if matches!(error, NetError::TimedOut { .. }) { "Connection timed out" } else { "Connection refused" };
                    failure.push_str(&format!("* connect to {} port {} failed: {why}\n", address_of(cluster, origin, &target.host), target.port));
                }
                if !silent || show_errors || verbose {
                    failure.push_str(&message);
                    failure.push('\n');
                }
                if run.wait_ms > 0 {
                    run.later.push((run.wait_ms, failure));
                } else {
                    run.stderr.push_str(&failure);
                }
                run.code = code;
                return run;
            }
        };
        if secure {
            if let Some((message, code)) = super::tls::curl_handshake_error(target.port, insecure) {
                if verbose {
                    let ip = address_of(cluster, origin, &target.host);
                    run.stderr.push_str(&format!("* Connected to {} ({ip}) port {} (#0)\n", target.host, target.port));
                    if code == 60 {
                        run.stderr.push_str(&super::tls::curl_verbose_handshake(&super::tls::certificate(cluster, &target.host), false));
                    }
                }
                if !silent || show_errors || verbose {
                    run.stderr.push_str(&message);
                    run.stderr.push('\n');
                }
                run.code = code;
                return run;
            }
        }
        let response = exchange.response;
        if cookie_engine {
            for (_, value) in response.headers.iter().filter(|(k, _)| k.eq_ignore_ascii_case("Set-Cookie")) {
                jar.receive(&target.host, value);
            }
            if let Some(file) = &jar_out {
                run.files.retain(|(path, _)| path != file);
                if !jar.is_empty() {
                    run.files.push((file.clone(), jar.to_netscape()));
                }
            }
        }
        if verbose {
            let ip = address_of(cluster, origin, &target.host);
            run.stderr.push_str(&format!("* Connected to {} ({ip}) port {} (#0)\n", target.host, target.port));
            if secure {
                run.stderr.push_str(&super::tls::curl_verbose_handshake(&super::tls::certificate(cluster, &target.host), true));
            }
            run.stderr.push_str(&format!("> {method_now} {} HTTP/1.1\n", target.path));
            for (k, v) in &request_headers {
                run.stderr.push_str(&format!("> {k}: {v}\n"));
            }
            run.stderr.push_str("> \n");
            run.stderr.push_str(&format!("< {}\n", status_line(&response)));
            for (k, v) in &response.headers {
                if cookie_engine && k.eq_ignore_ascii_case("Set-Cookie") {
                    if let Some((name, value)) = v.split(';').next().and_then(|pair| pair.split_once('=')) {
                        run.stderr.push_str(&format!("* Added cookie {name}=\"{value}\" for domain {}, path /, expire 0\n", target.host));
                    }
                }
                run.stderr.push_str(&format!("< {k}: {v}\n"));
            }
            run.stderr.push_str("< \n");
        }
        let mut shown = String::new();
        if include || head {
            shown.push_str(&status_line(&response));
            shown.push('\n');
            for (k, v) in &response.headers {
                shown.push_str(&format!("{k}: {v}\n"));
            }
            shown.push('\n');
        }
        if method_now != "HEAD" {
            shown.push_str(&response.body);
        }
        let redirect = response_header(&response, "Location").filter(|_| location && matches!(response.status, 301 | 302 | 303 | 307 | 308));
        if verbose {
            run.stderr.push_str(&format!("* Connection #0 to host {} left intact\n", target.host));
        }
        match redirect.and_then(|l| follow(&target, l)) {
            Some(next) => {
                if include {
                    run.stdout.push_str(&shown.replace(&response.body, ""));
                }
                if verbose {
                    run.stderr.push_str(&format!("* Issue another request to this URL: 'http://{}:{}{}'\n", next.host, next.port, next.path));
                }
                secure = redirect.is_some_and(|l| super::tls::is_https(l) || (secure && !l.contains("://")));
                if response.status == 302 || response.status == 303 || response.status == 301 {
                    method_now = if method_now == "HEAD" { method_now } else { "GET".into() };
                    body.clear();
                }
                target = next;
                redirects += 1;
            }
            None => {
                match &output {
                    Some(file) if file == "/dev/null" => {}
                    Some(file) if file != "-" => {
                        run.files.push((file.clone(), shown.clone()));
                        if !silent {
                            let n = shown.len();
                            run.stderr.push_str("  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n");
                            run.stderr.push_str("                                 Dload  Upload   Total   Spent    Left  Speed\n");
                            run.stderr.push_str(&format!("100 {n:>5}  100 {n:>5}    0     0   {n:>4}      0 --:--:-- --:--:-- --:--:-- {n:>5}\n"));
                        }
                    }
                    _ => run.stdout.push_str(&shown),
                }
                if let Some(format) = &write_out {
                    let url = format!("http://{}{}{}", target.host, if target.port == 80 { String::new() } else { format!(":{}", target.port) }, target.path);
                    run.stdout.push_str(&write_out_text(format, &response, &url, shown.len(), redirects));
                }
                return run;
            }
        }
    }
    run.stderr.push_str("curl: (47) Maximum (50) redirects followed\n");
    run.code = 47;
    run
}

/// curl's `--write-out` text: `%{http_code}`, `%{url_effective}`, `%{size_download}`, ... and
/// the `\n`, `\t` escapes.
fn write_out_text(format: &str, response: &HttpResponse, url: &str, size: usize, redirects: usize) -> String {
    let redirect_url = match response.status {
        301 | 302 | 303 | 307 | 308 => {
            let location = response_header(response, "Location").unwrap_or_default();
            match parse_url(url).ok().zip(location.starts_with('/').then_some(location)) {
                Some((base, path)) => format!("http://{}{}{path}", base.host, if base.port == 80 { String::new() } else { format!(":{}", base.port) }),
                None => location.to_string(),
            }
        }
        _ => String::new(),
    };
    let content_type = response_header(response, "Content-Type").unwrap_or_default().to_string();
    let values = [
        ("%{http_code}", format!("{:03}", response.status)),
        ("%{response_code}", format!("{:03}", response.status)),
        ("%{url_effective}", url.to_string()),
        ("%{size_download}", size.to_string()),
        ("%{content_type}", content_type),
        ("%{redirect_url}", redirect_url),
        ("%{num_redirects}", redirects.to_string()),
        ("%{time_total}", "0.002143".to_string()),
    ];
    let mut text = format.replace("\\n", "\n").replace("\\t", "\t").replace("\\r", "\r");
    for (name, value) in values {
        text = text.replace(name, &value);
    }
    text
}

// ---------------------------------------------------------------------------------------------
// busybox wget

/// busybox's progress bar line for a finished transfer of `size` bytes to `name`.
fn busybox_progress(name: &str, size: usize) -> String {
    let size = if size < 100_000 { size.to_string() } else { format!("{}k", size / 1024) };
    format!("{name:<21}100% |********************************| {size:>5}  0:00:00 ETA")
}

/// `wget [-q] [-O FILE] [-S] URL` as busybox prints it.
pub fn busybox_wget(cluster: &mut Cluster, origin: &Origin, argv: &[String]) -> ClientRun {
    let mut run = ClientRun::default();
    let (mut quiet, mut output, mut url, mut post) = (false, None::<String>, None::<String>, None::<String>);
    let mut timeout_s: Option<i64> = None;
    let mut args = argv.iter().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--post-data" {
            post = args.next().cloned();
        } else if let Some(d) = arg.strip_prefix("--post-data=") {
            post = Some(d.to_string());
        } else if arg == "-" {
            url = url.or(Some(arg.clone()));
        } else if arg.starts_with('-') && arg.len() > 1 && !arg.starts_with("--") {
            let chars: Vec<char> = arg[1..].chars().collect();
            for (i, c) in chars.iter().enumerate() {
                match c {
                    'q' => quiet = true,
                    'O' => {
                        let rest: String = chars[i + 1..].iter().collect();
                        output = if rest.is_empty() { args.next().cloned() } else { Some(rest) };
                        break;
                    }
                    'T' => {
                        let rest: String = chars[i + 1..].iter().collect();
                        let value = if rest.is_empty() { args.next().cloned() } else { Some(rest) };
                        match value.as_deref().map(str::parse::<i64>) {
                            Some(Ok(seconds)) if seconds >= 0 => timeout_s = Some(seconds),
                            _ => {
                                run.stderr = format!("wget: invalid number '{}'\n", value.unwrap_or_default());
                                run.code = 1;
                                return run;
                            }
                        }
                        break;
                    }
                    'S' | 'c' | 's' => {}
                    other => {
                        run.stderr = format!("wget: invalid option -- '{other}'\nBusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n");
                        run.code = 1;
                        return run;
                    }
                }
            }
        } else if arg.starts_with("--") {
            if arg == "--quiet" {
                quiet = true;
            } else if let Some(o) = arg.strip_prefix("--output-document=") {
                output = Some(o.to_string());
            }
        } else {
            url = Some(arg.clone());
        }
    }
    let Some(url) = url else {
        run.stderr = "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n".into();
        run.code = 1;
        return run;
    };
    let mut target = match parse_url(&url) {
        Ok(u) => u,
        Err(_) => {
            run.stderr = format!("wget: not an http or ftp url: {url}\n");
            run.code = 1;
            return run;
        }
    };
    let mut body = post.unwrap_or_default();
    for _ in 0..20 {
        if !quiet {
            let ip = address_of(cluster, origin, &target.host);
            run.stderr.push_str(&format!("Connecting to {}:{} ({ip}:{})\n", target.host, target.port, target.port));
        }
        let host_header = if target.port == 80 { target.host.clone() } else { format!("{}:{}", target.host, target.port) };
        let mut headers = vec![("Host".to_string(), host_header), ("User-Agent".to_string(), "Wget".to_string())];
        if !body.is_empty() {
            headers.push(("Content-Type".into(), "application/x-www-form-urlencoded".into()));
            headers.push(("Content-Length".into(), body.len().to_string()));
        }
        let method = if body.is_empty() { "GET" } else { "POST" };
        let request = HttpRequest { method: method.into(), host: target.host.clone(), port: target.port, path: target.path.clone(), headers, body: body.clone() };
        let response = match send(cluster, origin, request) {
            Ok(e) => e.response,
            Err(error) => {
                let ip = address_of(cluster, origin, &target.host);
                let error = match error {
                    NetError::ConnectionRefused { port, .. } => NetError::ConnectionRefused { host: ip, port },
                    NetError::TimedOut { port, .. } => NetError::TimedOut { host: ip, port },
                    other => other,
                };
                let mut message = format!("{}\n", error.busybox_wget_message());
                run.wait_ms = error.wait_ms();
                if let Some(seconds) = timeout_s.filter(|s| s.saturating_mul(1000) < run.wait_ms) {
                    run.wait_ms = seconds.saturating_mul(1000);
                    message = "wget: download timed out\n".into();
                }
                if run.wait_ms > 0 {
                    run.later.push((run.wait_ms, message));
                } else {
                    run.stderr.push_str(&message);
                }
                run.code = 1;
                return run;
            }
        };
        if matches!(response.status, 301 | 302 | 303 | 307 | 308) {
            if let Some(next) = response_header(&response, "Location").and_then(|l| follow(&target, l)) {
                target = next;
                body.clear();
                continue;
            }
        }
        if response.status >= 400 {
            run.stderr.push_str(&format!("wget: server returned error: {}\n", status_line(&response)));
            run.code = 1;
            return run;
        }
        let name = match output.as_deref() {
            Some(o) => o.to_string(),
            None => target.path.split('?').next().unwrap_or("").rsplit('/').next().filter(|n| !n.is_empty()).unwrap_or("index.html").to_string(),
        };
        if name == "-" {
            if !quiet {
                run.stderr.push_str("writing to stdout\n");
            }
            run.stdout.push_str(&response.body);
            if !quiet {
                run.stderr.push_str(&busybox_progress("-", response.body.len()));
                run.stderr.push_str("\nwritten to stdout\n");
            }
        } else {
            if !quiet {
                run.stderr.push_str(&format!("saving to '{name}'\n"));
                run.stderr.push_str(&busybox_progress(&name, response.body.len()));
                run.stderr.push_str(&format!("\n'{name}' saved\n"));
            }
            run.files.push((name, response.body));
        }
        return run;
    }
    run.stderr.push_str("wget: too many redirections\n");
    run.code = 1;
    run
}

// ---------------------------------------------------------------------------------------------
// GNU wget

/// `wget [-q] [-O FILE] URL` as GNU wget prints it on the learner's machine.
pub fn gnu_wget(cluster: &mut Cluster, argv: &[String]) -> ClientRun {
    let mut run = ClientRun::default();
    let (mut quiet, mut output, mut url) = (false, None::<String>, None::<String>);
    let (mut tries, mut timeout_s): (i64, Option<i64>) = (20, None);
    let mut check_certificate = true;
    let mut args = argv.iter().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-q" | "--quiet" => quiet = true,
            "--no-check-certificate" => check_certificate = false,
            "-O" => output = args.next().cloned(),
            "-t" | "-T" => {
                let value = args.next().and_then(|v| v.parse::<i64>().ok());
                if arg == "-t" { tries = value.unwrap_or(tries) } else { timeout_s = value.or(timeout_s) }
            }
            a if a.starts_with("--tries=") => tries = a["--tries=".len()..].parse().unwrap_or(tries),
            a if a.starts_with("--timeout=") || a.starts_with("--connect-timeout=") => {
                timeout_s = a.split_once('=').and_then(|(_, v)| v.parse().ok()).or(timeout_s);
            }
            "-qO-" | "-qO" => {
                quiet = true;
                output = if arg == "-qO-" { Some("-".into()) } else { args.next().cloned() };
            }
            a if a.starts_with("-O") => output = Some(a[2..].to_string()),
            a if a.starts_with("--output-document=") => output = Some(a["--output-document=".len()..].to_string()),
            a if a.starts_with('-') && a != "-" => {}
            _ => url = Some(arg.clone()),
        }
    }
    let Some(url) = url else {
        run.stderr = "wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n".into();
        run.code = 1;
        return run;
    };
    let mut target = match parse_url(&url) {
        Ok(u) => u,
        Err(_) => {
            run.stderr = format!("{url}: Unsupported scheme.\n");
            run.code = 1;
            return run;
        }
    };
    let stamp = |c: &Cluster| clf_stamp(c);
    let mut log = String::new();
    let mut secure = super::tls::is_https(&url);
    for _ in 0..20 {
        let shown_url = |url: &Url| shown_url_with_scheme(url, secure);
        log.push_str(&format!("--{}--  {}\n", stamp(cluster), shown_url(&target)));
        let is_ip = target.host.parse::<std::net::Ipv4Addr>().is_ok();
        if !is_ip {
            if target.host == "localhost" {
                log.push_str("Resolving localhost (localhost)... 127.0.0.1, ::1\n");
            } else {
                log.push_str(&format!("Resolving {} ({})... failed: Name or service not known.\n", target.host, target.host));
                log.push_str(&format!("wget: unable to resolve host address ‘{}’\n", target.host));
                return finish(run, quiet, log, 4);
            }
        }
        let ip = if is_ip { target.host.clone() } else { "127.0.0.1".to_string() };
        let shown = if is_ip { target.host.clone() } else { format!("{} ({})|{ip}|", target.host, target.host) };
        let request = HttpRequest {
            method: "GET".into(),
            host: target.host.clone(),
            port: target.port,
            path: target.path.clone(),
            headers: vec![("User-Agent".into(), "Wget/1.21.4".into()), ("Accept".into(), "*/*".into()), ("Host".into(), if target.port == 80 { target.host.clone() } else { format!("{}:{}", target.host, target.port) })],
            body: String::new(),
        };
        let result = send(cluster, &Origin::Learner, request);
        let response = match result {
            Ok(e) => e.response,
            Err(NetError::ConnectionRefused { .. }) => {
                log.push_str(&format!("Connecting to {shown}:{}... failed: Connection refused.\n", target.port));
                if !is_ip {
                    log.push_str(&format!("Connecting to {} ({})|::1|:{}... failed: Connection refused.\n", target.host, target.host, target.port));
                }
                return finish(run, quiet, log, 4);
            }
            Err(error @ NetError::TimedOut { .. }) => {
                let connect_ms = timeout_s.filter(|s| *s > 0).map_or(error.wait_ms(), |s| s.saturating_mul(1000).min(error.wait_ms()));
                log.push_str(&format!("Connecting to {shown}:{}... ", target.port));
                let retries = RetryPlan { tries, connect_ms, url: shown_url(&target), connecting: format!("Connecting to {shown}:{}... ", target.port) };
                let (later, total) = retries.timeline(cluster.now());
                run.wait_ms = total;
                if !quiet {
                    run.later = later;
                }
                return finish(run, quiet, log, 4);
            }
            Err(_) => {
                log.push_str(&format!("Connecting to {shown}:{}... connected.\nHTTP request sent, awaiting response... No data received.\nRetrying.\n\n", target.port));
                return finish(run, quiet, log, 4);
            }
        };
        log.push_str(&format!("Connecting to {shown}:{}... connected.\n", target.port));
        if secure {
            if let Some((text, code)) = super::tls::gnu_wget_handshake_error(cluster, &target.host, target.port, check_certificate) {
                log.push_str(&text);
                return finish(run, quiet, log, code);
            }
        }
        log.push_str(&format!("HTTP request sent, awaiting response... {} {}\n", response.status, reason(response.status)));
        if matches!(response.status, 301 | 302 | 303 | 307 | 308) {
            if let Some(location) = response_header(&response, "Location") {
                log.push_str(&format!("Location: {location} [following]\n"));
                secure = super::tls::is_https(location) || (secure && !location.contains("://"));
                if let Some(next) = follow(&target, location) {
                    target = next;
                    continue;
                }
            }
        }
        if response.status >= 400 {
            log.push_str(&format!("{} ERROR {}: {}.\n\n", stamp(cluster), response.status, reason(response.status)));
            return finish(run, quiet, log, 8);
        }
        let n = response.body.len();
        let kind = response_header(&response, "Content-Type").unwrap_or("text/html").split(';').next().unwrap_or("text/html").to_string();
        let size = if n >= 1024 { format!(" ({:.1}K)", n as f64 / 1024.0) } else { String::new() };
        log.push_str(&format!("Length: {n}{size} [{kind}]\n"));
        let name = output.clone().unwrap_or_else(|| {
            target.path.split('?').next().unwrap_or("").rsplit('/').next().filter(|n| !n.is_empty()).unwrap_or("index.html").to_string()
        });
        if name == "-" {
            log.push_str("Saving to: ‘STDOUT’\n\n");
            run.stdout.push_str(&response.body);
        } else {
            log.push_str(&format!("Saving to: ‘{name}’\n\n"));
            run.files.push((name.clone(), response.body.clone()));
        }
        let shown_name = if name == "-" { "-".to_string() } else { name.clone() };
        log.push_str(&format!("{shown_name:<19} 100%[===================>] {:>7}  --.-KB/s    in 0s      \n\n", human_size(n)));
        let saved = if name == "-" { "written to stdout".to_string() } else { format!("‘{name}’ saved") };
        log.push_str(&format!("{} (12.3 MB/s) - {saved} [{n}/{n}]\n\n", stamp(cluster)));
        return finish(run, quiet, log, 0);
    }
    finish(run, quiet, log, 8)
}

/// curl's `--data-urlencode` escaping: everything but letters, digits and `-._~` as `%XX`.
fn percent_encode(text: &str) -> String {
    text.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-._~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// A URL as wget shows it with its scheme: the port only when it is not the scheme's default.
fn shown_url_with_scheme(url: &Url, secure: bool) -> String {
    if !secure {
        return shown_url(url);
    }
    let port = if url.port == super::tls::HTTPS_PORT { String::new() } else { format!(":{}", url.port) };
    format!("https://{}{port}{}", url.host, url.path)
}

/// A URL as wget shows it: `http://host/path`, the port only when it is not 80.
fn shown_url(url: &Url) -> String {
    let port = if url.port == 80 { String::new() } else { format!(":{}", url.port) };
    format!("http://{}{port}{}", url.host, url.path)
}

/// GNU wget's retries of a connection that times out: `tries` attempts (0: for ever, which we cap
/// at 100), each hanging `connect_ms`, with its linear back-off of 1 s, 2 s, ... up to 10 s between
/// them (`--waitretry=10`).
struct RetryPlan {
    tries: i64,
    connect_ms: i64,
    url: String,
    connecting: String,
}

impl RetryPlan {
    /// The text printed after each wait, and the total time until wget gives up.
    fn timeline(&self, start: Time) -> (Vec<(i64, String)>, i64) {
        let tries = if self.tries <= 0 { 100 } else { self.tries.min(100) };
        let mut later = Vec::new();
        let mut at = 0;
        for attempt in 1..=tries {
            at += self.connect_ms;
            let last = attempt == tries;
            later.push((at, format!("failed: Connection timed out.\n{}\n\n", if last { "Giving up." } else { "Retrying." })));
            if last {
                break;
            }
            at += attempt.min(10) * 1000;
            let stamp = start.plus_ms(at).rfc3339().replace('T', " ").trim_end_matches('Z').to_string();
            later.push((at, format!("--{stamp}--  (try:{:>2})  {}\n{}", attempt + 1, self.url, self.connecting)));
        }
        (later, at)
    }
}

fn finish(mut run: ClientRun, quiet: bool, log: String, code: i32) -> ClientRun {
    if !quiet {
        run.stderr = log;
    }
    run.code = code;
    run
}

fn human_size(n: usize) -> String {
    if n < 1024 { n.to_string() } else { format!("{:.2}K", n as f64 / 1024.0) }
}

/// `2025-10-06 09:00:05`, wget's timestamps.
fn clf_stamp(cluster: &Cluster) -> String {
    cluster.now().rfc3339().replace('T', " ").trim_end_matches('Z').to_string()
}

#[cfg(test)]
mod write_out_tests {
    use super::*;

    #[test]
    fn write_out_fills_curl_variables() {
        let response = HttpResponse { status: 302, headers: vec![("Location".into(), "/".into())], body: String::new() };
        let text = write_out_text("%{http_code} %{redirect_url} %{num_redirects}\\n", &response, "http://x/", 0, 1);
        assert_eq!(text, "302 http://x/ 1\n");
    }

    #[test]
    fn gnu_wget_retries_with_a_linear_back_off_then_gives_up() {
        let plan = RetryPlan { tries: 3, connect_ms: 5000, url: "http://10.1.2.3/".into(), connecting: "Connecting to 10.1.2.3:80... ".into() };
        let (later, total) = plan.timeline(Time(1_759_741_200_000));
        let times: Vec<i64> = later.iter().map(|(at, _)| *at).collect();
        assert_eq!(times, vec![5000, 6000, 11_000, 13_000, 18_000]);
        assert_eq!(total, 18_000);
        assert_eq!(later[1].1, "--2025-10-06 09:00:06--  (try: 2)  http://10.1.2.3/\nConnecting to 10.1.2.3:80... ");
        assert_eq!(later[4].1, "failed: Connection timed out.\nGiving up.\n\n");
    }
}
