//! TLS to a team desk, as libpq reads `sslmode` and `sslrootcert` (and `PGSSLMODE`,
//! `PGSSLROOTCERT` when the URL names neither), through OpenSSL (`native-tls`).
//!
//! - `disable`: plain TCP.
//! - `prefer` (the default): TLS when the server offers it, plain when it does not; the
//!   certificate is not verified (libpq's meaning: it guards against snooping, not against a
//!   server that pretends).
//! - `require`: TLS or no connection; the certificate is not verified, unless `sslrootcert`
//!   names a file, which makes it `verify-ca` (as libpq does when a root certificate is there).
//! - `verify-ca`: TLS, the certificate chain verified against `sslrootcert` (a PEM file) or, without
//!   one (or with `sslrootcert=system`), the system's CA store; the host name is not checked.
//! - `verify-full`: as `verify-ca`, and the certificate must name the host connected to.
//!
//! Invariants: every connection to a team desk takes its connector from here ([`open`]), so the
//! LISTEN/NOTIFY listener and the desk's own connection meet one policy. What the `postgres`
//! crate does not read (`verify-ca`, `verify-full`, `sslrootcert`) is taken out of the URL before
//! it parses it; what Factdesk does not support (`allow`, client certificates, revocation lists)
//! is refused naming the field, never ignored. A Unix socket never carries TLS (nor does libpq's).

use std::path::{Path, PathBuf};

use native_tls::{Certificate, TlsConnector};
use postgres::Config;
use postgres::config::{Host, SslMode};
use postgres_native_tls::MakeTlsConnector;

use crate::error::{CoreError, Result};

/// How a connection uses TLS: libpq's `sslmode`, less `allow`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

/// Where the certificates a verified connection trusts come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Roots {
    /// The system's CA store (OpenSSL's default paths).
    System,
    /// Only the certificates in this PEM file (`sslrootcert=FILE`).
    File(PathBuf),
}

/// A URL's TLS settings, read as libpq reads them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    pub mode: Mode,
    pub roots: Roots,
}

/// Parameters libpq knows that Factdesk does not support: refused, never silently ignored, since
/// ignoring a client certificate or a revocation list would weaken what the newsroom set up.
const UNSUPPORTED: [&str; 6] = [
    "sslcert",
    "sslkey",
    "sslpassword",
    "sslcrl",
    "sslcrldir",
    "requiressl",
];

/// Takes the TLS parameters out of `url` (a `postgres://` URL) and returns the URL the `postgres`
/// crate can parse, with what they ask for. Errors name the parameter (`sslmode`,
/// `sslrootcert`, …) and never echo its value or the URL.
pub fn split(url: &str) -> Result<(String, Settings)> {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let mut kept = Vec::new();
    let mut mode = None;
    let mut rootcert = None;
    for pair in query.into_iter().flat_map(|q| q.split('&')) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let key = decode(key);
        match key.as_str() {
            "sslmode" => mode = Some(parse_mode(&decode(value))?),
            "sslrootcert" => rootcert = Some(decode(value)),
            k if UNSUPPORTED.contains(&k) => return Err(unsupported(k)),
            _ => kept.push(pair),
        }
    }
    let mode = match mode {
        Some(mode) => mode,
        None => match env("PGSSLMODE") {
            Some(value) => parse_mode(&value)?,
            None => Mode::Prefer,
        },
    };
    let rootcert = rootcert.or_else(|| env("PGSSLROOTCERT"));
    let roots = match rootcert.as_deref() {
        None | Some("system") => Roots::System,
        Some("") => {
            return Err(CoreError::invalid(
                "sslrootcert",
                "is empty: name a PEM file of the certificates to trust, or leave it out to \
                 trust the system's",
            ));
        }
        Some(path) => Roots::File(PathBuf::from(path)),
    };
    // libpq: with a root certificate at hand, `require` verifies the chain.
    let mode = match (mode, &roots) {
        (Mode::Require, Roots::File(_)) => Mode::VerifyCa,
        (mode, _) => mode,
    };
    let rest = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    Ok((rest, Settings { mode, roots }))
}

/// The `postgres` configuration of `url` and the TLS connector its settings ask for: `None`
/// when the connection will not use TLS (a Unix socket, or `sslmode=disable`), since building a
/// connector loads the system's root certificates, tens of milliseconds on every open.
pub fn open(url: &str) -> Result<(Config, Option<MakeTlsConnector>, Settings)> {
    let (rest, settings) = split(url)?;
    let mut config: Config = rest.parse()?;
    // libpq never uses TLS on a Unix socket (PostgreSQL offers none there), whatever sslmode says.
    let sockets_only = !config.get_hosts().is_empty()
        && config
            .get_hosts()
            .iter()
            .all(|h| !matches!(h, Host::Tcp(_)));
    let mode = match settings.mode {
        _ if sockets_only => SslMode::Disable,
        Mode::Disable => SslMode::Disable,
        Mode::Prefer => SslMode::Prefer,
        Mode::Require | Mode::VerifyCa | Mode::VerifyFull => SslMode::Require,
    };
    config.ssl_mode(mode);
    let connector = match mode {
        SslMode::Disable => None,
        _ => Some(connector(&settings)?),
    };
    Ok((config, connector, settings))
}

/// What TLS explains of a connection the server refused or that failed: the URL parameter to
/// change and what to do, or `None` when TLS is not the reason.
pub fn explain(settings: &Settings, detail: &str) -> Option<(&'static str, &'static str)> {
    let d = detail.to_ascii_lowercase();
    if settings.mode == Mode::Disable && d.contains("no encryption") {
        return Some((
            "sslmode",
            "the server accepts only TLS connections from here: take sslmode=disable out of the \
             URL, or better use sslmode=verify-full",
        ));
    }
    if d.contains("certificate verify failed") || d.contains("self-signed certificate") {
        return Some((
            "sslrootcert",
            "the server's certificate is not trusted: with sslmode=verify-full or verify-ca it \
             must be signed by a certificate in the file sslrootcert names (the system's store \
             without sslrootcert) and, for verify-full, name the host the URL connects to",
        ));
    }
    if d.contains("server does not support tls") {
        return Some((
            "sslmode",
            "the server does not offer TLS: turn ssl on in its postgresql.conf, or on a network \
             you trust use sslmode=prefer",
        ));
    }
    None
}

fn connector(settings: &Settings) -> Result<MakeTlsConnector> {
    let mut builder = TlsConnector::builder();
    postgres_native_tls::set_postgresql_alpn(&mut builder);
    match settings.mode {
        Mode::Disable | Mode::Prefer | Mode::Require => {
            builder
                .danger_accept_invalid_certs(true)
                .danger_accept_invalid_hostnames(true);
        }
        Mode::VerifyCa => {
            builder.danger_accept_invalid_hostnames(true);
        }
        Mode::VerifyFull => {}
    }
    if let Roots::File(path) = &settings.roots {
        builder.disable_built_in_roots(true);
        for cert in read_roots(path)? {
            builder.add_root_certificate(cert);
        }
    }
    let connector = builder.build().map_err(|e| {
        CoreError::invalid(
            "sslmode",
            format!("TLS could not be set up on this machine ({e})"),
        )
    })?;
    Ok(MakeTlsConnector::new(connector))
}

/// The certificates in the PEM file `path`: one at least, else an error naming `sslrootcert`
/// and the file.
fn read_roots(path: &Path) -> Result<Vec<Certificate>> {
    let bad = |why: String| CoreError::invalid("sslrootcert", format!("{}: {why}", path.display()));
    let pem = std::fs::read(path).map_err(|e| bad(format!("cannot be read ({e})")))?;
    let text = String::from_utf8_lossy(&pem);
    const END: &str = "-----END CERTIFICATE-----";
    let mut certs = Vec::new();
    for block in text.split_inclusive(END).filter(|b| b.contains(END)) {
        let cert = Certificate::from_pem(block.as_bytes())
            .map_err(|e| bad(format!("holds a certificate that does not parse ({e})")))?;
        certs.push(cert);
    }
    if certs.is_empty() {
        return Err(bad(
            "holds no PEM certificate (-----BEGIN CERTIFICATE-----)".into(),
        ));
    }
    Ok(certs)
}

fn parse_mode(value: &str) -> Result<Mode> {
    match value {
        "disable" => Ok(Mode::Disable),
        "prefer" => Ok(Mode::Prefer),
        "require" => Ok(Mode::Require),
        "verify-ca" => Ok(Mode::VerifyCa),
        "verify-full" => Ok(Mode::VerifyFull),
        "allow" => Err(CoreError::invalid(
            "sslmode",
            "allow is not supported (it tries a plain connection first): use prefer, require or \
             verify-full",
        )),
        _ => Err(CoreError::invalid(
            "sslmode",
            "must be disable, prefer, require, verify-ca or verify-full, as libpq reads it",
        )),
    }
}

fn unsupported(key: &str) -> CoreError {
    CoreError::invalid(
        key,
        "is not supported by Factdesk (no client certificates or revocation lists): take it out \
         of the URL; the server's certificate is checked with sslmode=verify-full and sslrootcert",
    )
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Percent-decoding as URLs carry a query's keys and values; bytes that do not decode stay.
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (bytes[i], bytes.get(i + 1), bytes.get(i + 2)) {
            (b'%', Some(&h), Some(&l)) if hex(h).is_some() && hex(l).is_some() => {
                let (h, l) = (hex(h).unwrap_or(0), hex(l).unwrap_or(0));
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(url: &str) -> String {
        match split(url) {
            Err(CoreError::Invalid { field, .. }) => field,
            other => panic!("{url} should be refused, got {other:?}"),
        }
    }

    #[test]
    fn the_tls_parameters_leave_the_url_and_the_rest_stays() {
        let (rest, s) = split(
            "postgres://mina@db.example/factdesk?connect_timeout=5&sslmode=verify-full&sslrootcert=%2Fetc%2Fnews%2Fca.pem",
        )
        .unwrap();
        assert_eq!(
            rest,
            "postgres://mina@db.example/factdesk?connect_timeout=5"
        );
        assert_eq!(s.mode, Mode::VerifyFull);
        assert_eq!(s.roots, Roots::File("/etc/news/ca.pem".into()));
        let (rest, s) = split("postgres://mina@db.example/factdesk?sslmode=require").unwrap();
        assert_eq!(rest, "postgres://mina@db.example/factdesk");
        assert_eq!((s.mode, s.roots), (Mode::Require, Roots::System));
        let (_, s) = split("postgres://mina@db/f?sslmode=require&sslrootcert=/ca.pem").unwrap();
        assert_eq!(s.mode, Mode::VerifyCa, "a root file makes require verify");
    }

    #[test]
    fn what_is_not_supported_is_refused_naming_the_field() {
        assert_eq!(field_of("postgres://m@db/f?sslmode=sometimes"), "sslmode");
        assert_eq!(field_of("postgres://m@db/f?sslmode=allow"), "sslmode");
        assert_eq!(field_of("postgres://m@db/f?sslrootcert="), "sslrootcert");
        assert_eq!(field_of("postgres://m@db/f?sslcert=/me.pem"), "sslcert");
        assert_eq!(field_of("postgres://m@db/f?sslkey=/me.key"), "sslkey");
    }
}
