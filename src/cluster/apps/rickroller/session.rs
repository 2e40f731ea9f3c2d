//! rickroller's signed state, as Flask and Flask-WTF keep it: a `session` cookie signed with the
//! app's secret key (flash messages and the raw CSRF token) and the form's `csrf_token`, the raw
//! token signed again. Signatures are a keyed hash of our own (not HMAC-SHA1): what matters for the
//! learner is that a pod with another secret rejects them, as the real app does.

use serde::{Deserialize, Serialize};

use crate::cluster::objects::Time;

/// How long a form's CSRF token stays valid (Flask-WTF's `WTF_CSRF_TIME_LIMIT`, 3600 s).
const CSRF_TIME_LIMIT_S: i64 = 3600;

/// What the `session` cookie holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// Flash messages waiting for the next page: (category, message).
    #[serde(rename = "_flashes", default, skip_serializing_if = "Vec::is_empty")]
    pub flashes: Vec<(String, String)>,
    /// The raw CSRF token the form's signed token must match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csrf_token: Option<String>,
}

/// Why Flask-WTF refused a form; the text is the description of its `CSRFError` (a 400).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CsrfFailure {
    Missing,
    SessionMissing,
    Expired,
    Invalid,
    Mismatch,
}

impl CsrfFailure {
    /// What `str(CSRFError)` gives: `400 Bad Request: <description>`, the text the app flashes.
    pub fn flash_text(self) -> String {
        let description = match self {
            CsrfFailure::Missing => "The CSRF token is missing.",
            CsrfFailure::SessionMissing => "The CSRF session token is missing.",
            CsrfFailure::Expired => "The CSRF token has expired.",
            CsrfFailure::Invalid => "The CSRF token is invalid.",
            CsrfFailure::Mismatch => "The CSRF tokens do not match.",
        };
        format!("400 Bad Request: {description}")
    }
}

/// The app's secret key: `APP_SECRET_KEY`, else the stand-in for `urandom(10)` of this process,
/// different for every pod (derived from its name and address, which the cluster made unique).
pub fn secret_key(app_secret: Option<&str>, pod_name: &str, pod_ip: &str) -> Vec<u8> {
    match app_secret {
        Some(key) => key.as_bytes().to_vec(),
        None => keyed_hash(b"urandom", &[pod_name.as_bytes(), pod_ip.as_bytes()], 10),
    }
}

/// The `session` cookie's value for `session` (`payload.timestamp.signature`).
pub fn encode_session(secret: &[u8], session: &Session, now: Time) -> String {
    let json = serde_json::to_string(session).unwrap_or_default();
    sign(secret, b"cookie-session", json.as_bytes(), now)
}

/// The session a request's cookie carries; empty when missing or signed with another secret
/// (Flask silently starts a new session then).
pub fn decode_session(secret: &[u8], cookie: Option<&str>) -> Session {
    cookie
        .and_then(|value| unsign(secret, b"cookie-session", value))
        .and_then(|(payload, _)| serde_json::from_slice(&payload).ok())
        .unwrap_or_default()
}

/// A fresh raw CSRF token (Flask-WTF: the hex SHA-1 of 64 random bytes), unique per secret and
/// instant.
pub fn new_raw_token(secret: &[u8], now: Time) -> String {
    keyed_hash(secret, &[b"csrf", &now.0.to_be_bytes()], 20).iter().map(|b| format!("{b:02x}")).collect()
}

/// The form's `csrf_token`: the raw token, signed with the secret and the current time.
pub fn sign_token(secret: &[u8], raw: &str, now: Time) -> String {
    sign(secret, b"wtf-csrf-token", format!("\"{raw}\"").as_bytes(), now)
}

/// Flask-WTF's `validate_csrf`, in its order of checks.
pub fn validate_csrf(secret: &[u8], form_token: Option<&str>, session: &Session, now: Time) -> Result<(), CsrfFailure> {
    let token = form_token.filter(|t| !t.is_empty()).ok_or(CsrfFailure::Missing)?;
    let expected = session.csrf_token.as_deref().ok_or(CsrfFailure::SessionMissing)?;
    let (payload, signed_at) = unsign(secret, b"wtf-csrf-token", token).ok_or(CsrfFailure::Invalid)?;
    if (now.0 / 1000).saturating_sub(signed_at) > CSRF_TIME_LIMIT_S {
        return Err(CsrfFailure::Expired);
    }
    let raw = String::from_utf8_lossy(&payload).trim_matches('"').to_string();
    if raw == expected {
        Ok(())
    } else {
        Err(CsrfFailure::Mismatch)
    }
}

/// `base64(payload).base64(seconds).base64(signature)`, like itsdangerous' timed serializer.
fn sign(secret: &[u8], salt: &[u8], payload: &[u8], now: Time) -> String {
    let seconds = (now.0 / 1000).clamp(0, u32::MAX as i64) as u32;
    let head = format!("{}.{}", base64url(payload), base64url(&seconds.to_be_bytes()));
    let signature = keyed_hash(secret, &[salt, head.as_bytes()], 20);
    format!("{head}.{}", base64url(&signature))
}

/// The payload and signing time of a value `sign` made with the same secret and salt.
fn unsign(secret: &[u8], salt: &[u8], value: &str) -> Option<(Vec<u8>, i64)> {
    let (head, signature) = value.rsplit_once('.')?;
    if base64url(&keyed_hash(secret, &[salt, head.as_bytes()], 20)) != signature {
        return None;
    }
    let (payload, stamp) = head.split_once('.')?;
    let stamp = from_base64url(stamp)?;
    let seconds = stamp.iter().fold(0i64, |n, b| (n << 8) | i64::from(*b));
    Some((from_base64url(payload)?, seconds))
}

/// `len` bytes of a keyed FNV-1a stream over `parts` (deterministic, platform independent).
fn keyed_hash(key: &[u8], parts: &[&[u8]], len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len + 8);
    let mut round: u64 = 0;
    while out.len() < len {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325 ^ round.wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let mut feed = |bytes: &[u8]| {
            for b in bytes {
                h ^= u64::from(*b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            h ^= 0xff;
            h = h.wrapping_mul(0x0100_0000_01b3);
        };
        feed(key);
        for part in parts {
            feed(part);
        }
        feed(key);
        // A final avalanche so that neighbouring inputs give unrelated bytes.
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        out.extend_from_slice(&h.to_be_bytes());
        round += 1;
    }
    out.truncate(len);
    out
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// URL-safe base64 without padding.
fn base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 2);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize] as char);
        }
    }
    out
}

/// Decodes [`base64url`]; `None` on a character outside the alphabet.
fn from_base64url(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut bits, mut count) = (0u32, 0);
    for c in text.bytes() {
        let value = ALPHABET.iter().position(|a| *a == c)? as u32;
        bits = (bits << 6) | value;
        count += 6;
        if count >= 8 {
            count -= 8;
            out.push((bits >> count) as u8);
            bits &= (1 << count) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: Time = Time(1_759_741_205_000);

    #[test]
    fn base64url_round_trips() {
        for text in ["", "a", "ab", "abc", "{\"csrf_token\":\"x\"}"] {
            assert_eq!(from_base64url(&base64url(text.as_bytes())).as_deref(), Some(text.as_bytes()));
        }
        assert_eq!(base64url(b"\"abc\""), "ImFiYyI");
    }

    #[test]
    fn a_session_signed_by_another_secret_reads_as_empty() {
        let session = Session { flashes: vec![("message".into(), "hi".into())], csrf_token: Some("abc".into()) };
        let cookie = encode_session(b"one", &session, NOW);
        assert_eq!(decode_session(b"one", Some(&cookie)), session);
        assert_eq!(decode_session(b"two", Some(&cookie)), Session::default());
        assert_eq!(decode_session(b"one", Some("garbage")), Session::default());
    }

    #[test]
    fn csrf_checks_follow_flask_wtf_order() {
        let secret = secret_key(None, "rickroller-abc", "10.244.1.5");
        let other = secret_key(None, "rickroller-def", "10.244.2.7");
        assert_ne!(secret, other);
        assert_eq!(secret_key(Some("s3cr3t"), "a", "b"), b"s3cr3t".to_vec());
        let raw = new_raw_token(&secret, NOW);
        assert_eq!(raw.len(), 40);
        let session = Session { csrf_token: Some(raw.clone()), ..Default::default() };
        let token = sign_token(&secret, &raw, NOW);
        assert_eq!(validate_csrf(&secret, Some(&token), &session, NOW), Ok(()));
        assert_eq!(validate_csrf(&secret, None, &session, NOW), Err(CsrfFailure::Missing));
        assert_eq!(validate_csrf(&secret, Some(&token), &Session::default(), NOW), Err(CsrfFailure::SessionMissing));
        assert_eq!(validate_csrf(&other, Some(&token), &session, NOW), Err(CsrfFailure::Invalid));
        let stale = Time(NOW.0 + 3_601_000);
        assert_eq!(validate_csrf(&secret, Some(&token), &session, stale), Err(CsrfFailure::Expired));
        let someone_else = Session { csrf_token: Some("0".repeat(40)), ..Default::default() };
        assert_eq!(validate_csrf(&secret, Some(&token), &someone_else, NOW), Err(CsrfFailure::Mismatch));
        assert_eq!(CsrfFailure::SessionMissing.flash_text(), "400 Bad Request: The CSRF session token is missing.");
    }
}
