//! Small servers learners run in tutorials: nginx's default site, Apache httpd's "It works!",
//! hashicorp/http-echo and traefik/whoami.

use super::{header, respond, AppEnv};
use crate::cluster::network::{HttpRequest, HttpResponse};

/// The page nginx's image serves at `/` (615 bytes).
pub const NGINX_WELCOME: &str = "<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href=\"http://nginx.org/\">nginx.org</a>.<br/>
Commercial support is available at
<a href=\"http://nginx.com/\">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
";

/// The version the nginx image reports in its `Server` header and error pages.
const NGINX_SERVER: &str = "nginx/1.29.1";

/// nginx's error page for a status, signed like its builds sign them (`nginx` or `nginx/1.29.1`).
pub fn nginx_error_page(status: u16, signature: &str) -> String {
    let title = format!("{status} {}", super::reason(status));
    format!("<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n<hr><center>{signature}</center>\r\n</body>\r\n</html>\r\n")
}

/// nginx's default site: the welcome page at `/` and `/index.html`, 404 elsewhere.
pub fn nginx(app: &AppEnv, request: &HttpRequest) -> HttpResponse {
    let path = request.path.split('?').next().unwrap_or("/");
    if path != "/" && path != "/index.html" {
        return respond(404, NGINX_SERVER, "text/html", app.now, nginx_error_page(404, NGINX_SERVER));
    }
    if request.method != "GET" && request.method != "HEAD" {
        return respond(405, NGINX_SERVER, "text/html", app.now, nginx_error_page(405, NGINX_SERVER));
    }
    let mut response = respond(200, NGINX_SERVER, "text/html", app.now, NGINX_WELCOME.to_string());
    response.headers.extend([
        ("Last-Modified".to_string(), "Wed, 13 Aug 2025 15:10:23 GMT".to_string()),
        ("Connection".to_string(), "keep-alive".to_string()),
        ("ETag".to_string(), "\"689caa7f-267\"".to_string()),
        ("Accept-Ranges".to_string(), "bytes".to_string()),
    ]);
    response
}

/// Apache httpd's default document root.
pub fn httpd(app: &AppEnv, request: &HttpRequest) -> HttpResponse {
    let path = request.path.split('?').next().unwrap_or("/");
    if path == "/" || path == "/index.html" {
        return respond(200, "Apache/2.4.65 (Unix)", "text/html", app.now, "<html><body><h1>It works!</h1></body></html>\n".into());
    }
    let body = "<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n";
    respond(404, "Apache/2.4.65 (Unix)", "text/html; charset=iso-8859-1", app.now, body.into())
}

/// hashicorp/http-echo: answers every path with its `-text` and a newline.
pub fn http_echo(app: &AppEnv, _request: &HttpRequest) -> HttpResponse {
    let text = app.arg("text").unwrap_or_else(|| "hello-world".into());
    let mut response = respond(200, "", "text/plain; charset=utf-8", app.now, format!("{text}\n"));
    response.headers.push(("X-App-Name".into(), "http-echo".into()));
    response.headers.push(("X-App-Version".into(), "1.0.0".into()));
    response
}

/// traefik/whoami: describes the request and the container that answered.
pub fn whoami(app: &AppEnv, request: &HttpRequest, client_ip: &str) -> HttpResponse {
    let mut body = format!("Hostname: {}\nIP: 127.0.0.1\nIP: ::1\nIP: {}\nRemoteAddr: {client_ip}:{}\n", app.pod_name, app.pod_ip, 40_000 + app.now.0.rem_euclid(20_000));
    body.push_str(&format!("{} {} HTTP/1.1\n", request.method, request.path));
    let port = if request.port == 80 { String::new() } else { format!(":{}", request.port) };
    body.push_str(&format!("Host: {}\n", header(request, "Host").map(str::to_string).unwrap_or(format!("{}{port}", request.host))));
    for (k, v) in request.headers.iter().filter(|(k, _)| !k.eq_ignore_ascii_case("Host")) {
        body.push_str(&format!("{k}: {v}\n"));
    }
    body.push('\n');
    respond(200, "", "text/plain; charset=utf-8", app.now, body)
}
