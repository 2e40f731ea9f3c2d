//! TLS at the ingress-nginx controller: it terminates https on port 443 of its load balancer
//! with the certificate of the Ingress `tls:` entry naming the host (or its built-in "Kubernetes
//! Ingress Controller Fake Certificate"), and redirects plain http requests for a TLS host to
//! https with a 308 (ingress-nginx's `ssl-redirect` default). No real cryptography happens: a
//! client learns whether a handshake would succeed and which certificate it would see.

use super::HttpRequest;
use super::HttpResponse;
use crate::cluster::controllers::ingress::{ingresses, serves};
use crate::cluster::objects::{Kind, Object};
use crate::cluster::Cluster;

/// The port the controller serves https on; a request reaching it there came through TLS.
pub const HTTPS_PORT: u16 = 443;

/// The certificate a server presents, as `curl -v` describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certificate {
    pub subject: String,
    pub issuer: String,
    /// The Secret it comes from (`namespace/name`), `None` for the controller's fake one.
    pub secret: Option<String>,
}

/// The subject of ingress-nginx's built-in certificate.
const FAKE_SUBJECT: &str = "O=Acme Co; CN=Kubernetes Ingress Controller Fake Certificate";

/// Whether a URL asks for https.
pub fn is_https(url: &str) -> bool {
    url.get(..8).is_some_and(|scheme| scheme.eq_ignore_ascii_case("https://"))
}

/// The hostname a request is for: its Host header without the port, else the URL host.
fn request_host(request: &HttpRequest) -> String {
    let host = request.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("Host")).map_or(request.host.as_str(), |(_, v)| v.as_str());
    host.split(':').next().unwrap_or("").to_ascii_lowercase()
}

/// The `namespace/secret` of a served Ingress whose `tls:` entry lists `host`.
fn tls_secret_for(cluster: &Cluster, host: &str) -> Option<String> {
    ingresses(cluster)
        .into_iter()
        .filter(|i| i.metadata.deletion_timestamp.is_none() && serves(cluster, i))
        .find_map(|i| {
            i.spec
                .tls
                .iter()
                .find(|t| t.hosts.iter().any(|h| h.eq_ignore_ascii_case(host)))
                .map(|t| format!("{}/{}", i.metadata.namespace, t.secret_name))
        })
}

/// The certificate the controller presents for `server_name` (the name the client connects to):
/// the TLS Secret of the Ingress covering it when that Secret exists and holds PEM data, else the
/// fake certificate.
pub fn certificate(cluster: &Cluster, server_name: &str) -> Certificate {
    let fake = Certificate { subject: FAKE_SUBJECT.into(), issuer: FAKE_SUBJECT.into(), secret: None };
    let Some(reference) = tls_secret_for(cluster, server_name) else { return fake };
    let Some((namespace, name)) = reference.split_once('/') else { return fake };
    match cluster.get(Kind::Secret, namespace, name) {
        Some(Object::Secret(secret)) if secret.data.contains_key("tls.crt") && secret.data.contains_key("tls.key") => {
            let subject = format!("CN={server_name}");
            Certificate { issuer: subject.clone(), subject, secret: Some(reference) }
        }
        _ => fake,
    }
}

/// The 308 ingress-nginx answers a plain http request for a host that has TLS.
pub fn ssl_redirect(cluster: &Cluster, request: &HttpRequest) -> Option<HttpResponse> {
    if request.port == HTTPS_PORT {
        return None;
    }
    let host = request_host(request);
    tls_secret_for(cluster, &host)?;
    let body = crate::cluster::apps::nginx_error_page(308, "nginx");
    Some(HttpResponse {
        status: 308,
        headers: vec![
            ("Date".into(), crate::cluster::apps::http_date(cluster.now())),
            ("Content-Type".into(), "text/html".into()),
            ("Content-Length".into(), body.len().to_string()),
            ("Connection".into(), "keep-alive".into()),
            ("Location".into(), format!("https://{host}{}", request.path)),
        ],
        body,
    })
}

/// The scheme the controller tells the upstream (`X-Forwarded-Proto`).
pub fn forwarded_proto(request: &HttpRequest) -> &'static str {
    if request.port == HTTPS_PORT {
        "https"
    } else {
        "http"
    }
}

/// Why curl gives up on an https URL before sending its request: a server on another port than
/// 443 does not speak TLS; the controller's certificates are self-signed, which only `-k` accepts.
/// `None` when the handshake goes through.
pub fn curl_handshake_error(port: u16, insecure: bool) -> Option<(String, i32)> {
    if port != HTTPS_PORT {
        return Some(("curl: (35) OpenSSL/3.0.13: error:0A00010B:SSL routines::wrong version number".into(), 35));
    }
    if insecure {
        return None;
    }
    Some((
        "curl: (60) SSL certificate problem: self-signed certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\n\
         curl failed to verify the legitimacy of the server and therefore could not\n\
         establish a secure connection to it. To learn more about this situation and\n\
         how to fix it, please visit the web page mentioned above."
            .into(),
        60,
    ))
}

/// Why GNU wget (built with GnuTLS, as on Ubuntu) gives up on an https URL once connected: the
/// text it logs and its exit status. `None` when it goes on with the request.
pub fn gnu_wget_handshake_error(cluster: &Cluster, host: &str, port: u16, check_certificate: bool) -> Option<(String, i32)> {
    if port != HTTPS_PORT {
        return Some(("GnuTLS: An unexpected TLS packet was received.\nUnable to establish SSL connection.\n".into(), 4));
    }
    if !check_certificate {
        return None;
    }
    let certificate = certificate(cluster, host);
    let mut text = format!("ERROR: The certificate of ‘{host}’ is not trusted.\nERROR: The certificate of ‘{host}’ doesn't have a known issuer.\n");
    if certificate.subject != format!("CN={host}") {
        text.push_str(&format!("The certificate's owner does not match hostname ‘{host}’\n"));
    }
    Some((text, 5))
}

/// What `curl -v` prints about the TLS handshake with `certificate`.
pub fn curl_verbose_handshake(certificate: &Certificate, insecure: bool) -> String {
    let mut text = String::from(
        "* ALPN: curl offers h2,http/1.1\n* TLSv1.3 (OUT), TLS handshake, Client hello (1):\n* TLSv1.3 (IN), TLS handshake, Server hello (2):\n\
         * TLSv1.3 (IN), TLS handshake, Encrypted Extensions (8):\n* TLSv1.3 (IN), TLS handshake, Certificate (11):\n",
    );
    if !insecure {
        text.push_str("* TLSv1.3 (OUT), TLS alert, unknown CA (560):\n");
        return text;
    }
    text.push_str(
        "* TLSv1.3 (IN), TLS handshake, CERT verify (15):\n* TLSv1.3 (IN), TLS handshake, Finished (20):\n\
         * TLSv1.3 (OUT), TLS change cipher, Change cipher spec (1):\n* TLSv1.3 (OUT), TLS handshake, Finished (20):\n\
         * SSL connection using TLSv1.3 / TLS_AES_256_GCM_SHA384 / X25519 / RSASSA-PSS\n* ALPN: server accepted http/1.1\n* Server certificate:\n",
    );
    text.push_str(&format!("*  subject: {}\n", certificate.subject));
    text.push_str("*  start date: Oct  6 09:00:00 2025 GMT\n*  expire date: Oct  6 09:00:00 2026 GMT\n");
    text.push_str(&format!("*  issuer: {}\n", certificate.issuer));
    text.push_str("*  SSL certificate verify result: self-signed certificate (18), continuing anyway.\n");
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_is_told_apart_from_http() {
        assert!(is_https("https://10.0.0.1/x"));
        assert!(is_https("HTTPS://a"));
        assert!(!is_https("http://a"));
        assert!(!is_https("a"));
    }

    #[test]
    fn curl_refuses_self_signed_certificates_without_k() {
        let (message, code) = curl_handshake_error(443, false).unwrap_or_default();
        assert_eq!(code, 60);
        assert!(message.starts_with("curl: (60) SSL certificate problem: self-signed certificate\n"));
        assert_eq!(curl_handshake_error(443, true), None);
        assert_eq!(curl_handshake_error(8080, true).map(|(_, c)| c), Some(35));
    }
}
