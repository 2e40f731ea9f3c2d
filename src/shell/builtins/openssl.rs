//! A simulated `openssl`, enough to make a self-signed certificate for a TLS Secret:
//! `openssl req -x509 -nodes -days 365 -newkey rsa:2048 -keyout tls.key -out tls.crt -subj
//! "/CN=foo.example.com"` writes PEM files whose content is derived from the subject (nothing is
//! really generated offline), and `openssl x509 -in tls.crt -noout -subject` reads the subject
//! back. `openssl version` answers like Ubuntu 24.04's.

use super::misc::base64_encode;
use super::Ctx;
use crate::job::Exec;

const VERSION: &str = "OpenSSL 3.0.13 30 Jan 2024 (Library: OpenSSL 3.0.13 30 Jan 2024)";

/// The subject openssl uses when `-subj` is missing and every prompt is answered with Enter.
const DEFAULT_SUBJECT: &str = "/C=AU/ST=Some-State/O=Internet Widgits Pty Ltd";

/// Marks where the fake certificate carries its subject, so `x509 -subject` can find it.
const SUBJECT_MARK: &[u8] = b"\x31\x0c\x30\x0a\x06\x03\x55\x04\x03\x0c";

/// `openssl SUBCOMMAND ...`.
pub fn openssl(ctx: &mut Ctx, argv: &[String]) -> Exec {
    match argv.get(1).map(String::as_str) {
        Some("version") => {
            ctx.out.outln(VERSION);
            Exec::Done(0)
        }
        Some("req") => req(ctx, &argv[2..]),
        Some("x509") => x509(ctx, &argv[2..]),
        Some(other) => {
            ctx.out.errln(format!("Invalid command '{other}'; type \"help\" for a list."));
            Exec::Done(1)
        }
        None => {
            ctx.out.errln("openssl: the interactive openssl prompt is not supported in kubeplay; try `openssl req -x509 ...`");
            Exec::Done(1)
        }
    }
}

/// The value after `flag` in `args`.
fn value<'a>(args: &'a [String], flag: &str) -> Option<&'a str> {
    args.iter().position(|a| a == flag).and_then(|i| args.get(i + 1)).map(String::as_str)
}

/// A small deterministic generator seeded from text (FNV-1a, then xorshift).
struct Bytes(u64);

impl Bytes {
    fn seeded(text: &str) -> Self {
        let seed = text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
        Bytes(seed | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn take(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| (self.next() >> 24) as u8).collect()
    }
}

/// Wraps DER bytes as a PEM block of 64-column base64 lines.
fn pem(label: &str, der: &[u8]) -> String {
    let encoded = base64_encode(der);
    let mut text = format!("-----BEGIN {label}-----\n");
    for line in encoded.as_bytes().chunks(64) {
        text.push_str(&String::from_utf8_lossy(line));
        text.push('\n');
    }
    text.push_str(&format!("-----END {label}-----\n"));
    text
}

/// The progress line openssl prints while it searches for one RSA prime.
fn prime_search(bytes: &mut Bytes) -> String {
    let mut line = String::new();
    for round in 0..3 {
        for _ in 0..(bytes.next() % 30 + 5) {
            line.push_str(if bytes.next() % 3 == 0 { ".+" } else { "." });
        }
        line.push_str(&"+".repeat(64));
        if round < 2 {
            line.push('*');
        }
    }
    line
}

/// `req -x509 ... -keyout KEY -out CERT -subj SUBJECT`: a self-signed certificate and its key.
fn req(ctx: &mut Ctx, args: &[String]) -> Exec {
    if !args.iter().any(|a| a == "-x509") {
        ctx.out.errln("req: only `openssl req -x509 -newkey rsa:2048 -nodes -keyout KEY -out CERT -subj /CN=NAME` is supported in kubeplay");
        return Exec::Done(1);
    }
    let subject = value(args, "-subj").unwrap_or(DEFAULT_SUBJECT).to_string();
    let common_name = subject.split('/').find_map(|part| part.strip_prefix("CN=")).unwrap_or("").to_string();
    let mut bytes = Bytes::seeded(&format!("{subject}{}", value(args, "-days").unwrap_or("30")));
    let mut der = vec![0x30, 0x82, 0x03, 0x15, 0x30, 0x82, 0x01, 0xfd, 0xa0, 0x03, 0x02, 0x01, 0x02, 0x02, 0x14];
    der.extend(bytes.take(20));
    der.extend(SUBJECT_MARK);
    der.push(u8::try_from(common_name.len().min(255)).unwrap_or(255));
    der.extend(common_name.bytes().take(255));
    der.extend(bytes.take(720));
    let certificate = pem("CERTIFICATE", &der);
    let mut key_der = vec![
        0x30, 0x82, 0x04, 0xbc, 0x02, 0x01, 0x00, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00, 0x04, 0x82, 0x04,
        0xa6, 0x30, 0x82, 0x04, 0xa2, 0x02, 0x01, 0x00, 0x02, 0x82, 0x01, 0x01, 0x00,
    ];
    key_der.extend(bytes.take(1178));
    let key = pem("PRIVATE KEY", &key_der);
    if value(args, "-subj").is_none() {
        ctx.out.errln("You are about to be asked to enter information that will be incorporated\ninto your certificate request.\nWhat you are about to enter is what is called a Distinguished Name or a DN.\nThere are quite a few fields but you can leave some blank\nFor some fields there will be a default value,\nIf you enter '.', the field will be left blank.\n-----");
        ctx.out.push(crate::output::Stream::Stderr, "Country Name (2 letter code) [AU]:State or Province Name (full name) [Some-State]:Locality Name (eg, city) []:Organization Name (eg, company) [Internet Widgits Pty Ltd]:Organizational Unit Name (eg, section) []:Common Name (e.g. server FQDN or YOUR name) []:Email Address []:");
    } else if args.iter().any(|a| a == "-newkey") {
        let progress = format!("{}\n{}\n-----", prime_search(&mut bytes), prime_search(&mut bytes));
        ctx.out.errln(progress);
    }
    let key_out = value(args, "-keyout").unwrap_or("privkey.pem").to_string();
    match value(args, "-out") {
        Some(path) => ctx.world.fs.write(path, &certificate),
        None => ctx.out.out(&certificate),
    }
    ctx.world.fs.write(&key_out, &key);
    Exec::Done(0)
}

/// `x509 -in CERT -noout [-subject] [-issuer]`: what the certificate says about itself.
fn x509(ctx: &mut Ctx, args: &[String]) -> Exec {
    let Some(path) = value(args, "-in") else {
        ctx.out.errln("x509: reading a certificate from stdin is not supported in kubeplay; use -in FILE");
        return Exec::Done(1);
    };
    let Some(text) = ctx.world.fs.read(path).map(str::to_string) else {
        ctx.out.errln(format!("Could not open file or uri for loading certificate from {path}"));
        return Exec::Done(1);
    };
    let Some(name) = subject_of(&text) else {
        ctx.out.errln("Could not read certificate from <stdin>\nUnable to load certificate");
        return Exec::Done(1);
    };
    let shown = if name.is_empty() { "C = AU, ST = Some-State, O = Internet Widgits Pty Ltd".to_string() } else { format!("CN = {name}") };
    for (flag, label) in [("-subject", "subject"), ("-issuer", "issuer")] {
        if args.iter().any(|a| a == flag) {
            ctx.out.outln(format!("{label}={shown}"));
        }
    }
    if !args.iter().any(|a| a == "-noout") {
        ctx.out.out(&text);
    }
    Exec::Done(0)
}

/// The common name a certificate made by [`req`] carries.
fn subject_of(pem_text: &str) -> Option<String> {
    let body: String = pem_text.lines().skip_while(|l| !l.starts_with("-----BEGIN CERTIFICATE")).skip(1).take_while(|l| !l.starts_with("-----END")).collect();
    let der = super::misc::base64_decode(&body)?;
    let at = der.windows(SUBJECT_MARK.len()).position(|w| w == SUBJECT_MARK)? + SUBJECT_MARK.len();
    let len = usize::from(*der.get(at)?);
    der.get(at + 1..at + 1 + len).map(|name| String::from_utf8_lossy(name).into_owned())
}

#[cfg(test)]
mod tests {
    use super::super::testing::run_in;
    use crate::shell::ShellState;
    use crate::world::World;

    #[test]
    fn req_writes_deterministic_pem_files_that_x509_reads_back() {
        let mut world = World::new(1);
        let mut sh = ShellState::default();
        let (out, err, status) = run_in(&mut world, &mut sh, "openssl req -x509 -nodes -days 365 -newkey rsa:2048 -keyout tls.key -out tls.crt -subj /CN=foo.example.com", "");
        assert_eq!((out.as_str(), status), ("", 0));
        assert!(err.ends_with("+++++\n-----\n") && err.lines().count() == 3, "{err}");
        let cert = world.fs.read("tls.crt").unwrap_or_default().to_string();
        assert!(cert.starts_with("-----BEGIN CERTIFICATE-----\nMIIDFTCCAf2gAwIBAgIU"), "{cert}");
        assert!(cert.lines().skip(1).take(3).all(|l| l.len() == 64));
        assert!(world.fs.read("tls.key").unwrap_or_default().starts_with("-----BEGIN PRIVATE KEY-----\nMIIEvAIBADANBgkqhkiG9w0BAQEFAASCBKYwggSiAgEAAoIBAQ"));
        assert_eq!(run_in(&mut world, &mut sh, "openssl x509 -in tls.crt -noout -subject", "").0, "subject=CN = foo.example.com\n");
        assert_eq!(run_in(&mut world, &mut sh, "openssl x509 -in nope -noout -subject", "").2, 1);
        assert_eq!(run_in(&mut world, &mut sh, "openssl foo", "").1, "Invalid command 'foo'; type \"help\" for a list.\n");
    }
}
