//! A team desk's address as someone typed it (the app's "Open team desk…", `FACTDESK_DESK`):
//! checked before anything connects, and shown without ever holding a password.
//!
//! Invariant: a [`TeamAddress`] never carries a password. Passwords follow libpq's conventions
//! (`~/.pgpass`, `PGPASSFILE`); a URL with one (`postgres://ana:secret@…` or `?password=…`) is
//! refused naming the field, so it is never kept in settings, a recent list or a log. The URL is
//! untrusted (the webview sends it): errors never echo it.

use postgres::Config;
use postgres::config::Host;
use serde::Serialize;

use crate::error::{CoreError, Result};

/// Longest URL accepted: a team desk's address is a line, not a document.
const MAX_LEN: usize = 2_000;

/// A checked `postgres://` URL and what a header may show of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamAddress {
    url: String,
    /// How the desk is named to people: database, host and login.
    pub shown: TeamShown,
}

/// What the app shows of a team desk: never a password, since the address holds none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TeamShown {
    pub database: String,
    /// The server's host name, or the folder of its Unix socket.
    pub host: String,
    /// The login the URL names (libpq's default, the system user, when it names none).
    pub login: Option<String>,
}

impl TeamAddress {
    /// Checks `url` as the value of `field`.
    pub fn parse(field: &str, url: &str) -> Result<TeamAddress> {
        let url = url.trim();
        let bad = |why: &str| Err(CoreError::invalid(field, why.to_string()));
        if url.is_empty() {
            return bad("is required: the team desk's URL, e.g. postgres://LOGIN@HOST/DATABASE");
        }
        if url.len() > MAX_LEN {
            return bad("is too long for a team desk's URL");
        }
        if url.chars().any(char::is_control) {
            return bad("must be one line without control characters");
        }
        if !super::is_url(url) {
            return bad("must start with postgres:// (e.g. postgres://LOGIN@HOST/DATABASE)");
        }
        // TLS parameters the postgres crate does not read (verify-full, sslrootcert) come out
        // first; an unsupported one is refused naming it.
        let rest = match super::tls::split(url) {
            Ok((rest, _)) => rest,
            Err(CoreError::Invalid {
                field: param,
                message,
            }) => return bad(&format!("{param} {message}")),
            Err(e) => return Err(e),
        };
        // The parser's own message may quote the URL, which may hold a password: not shown.
        let Ok(config) = rest.parse::<Config>() else {
            return bad(
                "is not a PostgreSQL URL that libpq would read (postgres://LOGIN@HOST/DATABASE)",
            );
        };
        if config.get_password().is_some() {
            return bad(
                "holds a password; Factdesk never keeps one: leave it out of the URL and put it \
                 in ~/.pgpass (or the file PGPASSFILE names)",
            );
        }
        let host = match config.get_hosts().first() {
            Some(Host::Tcp(h)) => h.clone(),
            Some(Host::Unix(p)) => p.display().to_string(),
            None => "localhost".into(),
        };
        let login = config.get_user().map(str::to_string);
        let database = config
            .get_dbname()
            .map(str::to_string)
            .or_else(|| login.clone())
            .unwrap_or_else(|| "postgres".into());
        Ok(TeamAddress {
            url: url.to_string(),
            shown: TeamShown {
                database,
                host,
                login,
            },
        })
    }

    /// The URL to connect with (it holds no password).
    pub fn url(&self) -> &str {
        &self.url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(url: &str) -> String {
        match TeamAddress::parse("url", url) {
            Err(CoreError::Invalid { field, message }) => {
                assert_eq!(field, "url", "the error names the field");
                message
            }
            other => panic!("{url} should be refused, got {other:?}"),
        }
    }

    #[test]
    fn a_password_anywhere_in_the_url_is_refused_and_never_echoed() {
        for url in [
            "postgres://mina:hunter2@db.example/factdesk",
            "postgres://mina@db.example/factdesk?password=hunter2",
            "postgresql:///factdesk?host=/run/pg&user=mina&password=hunter2",
        ] {
            let message = refused(url);
            assert!(
                message.contains("pgpass"),
                "says where passwords go: {message}"
            );
            assert!(
                !message.contains("hunter2"),
                "never repeats the password: {message}"
            );
        }
    }

    #[test]
    fn what_is_not_a_team_desk_url_is_refused_naming_the_field() {
        assert!(refused("").contains("required"));
        assert!(refused("/home/mina/desk.sqlite").contains("postgres://"));
        assert!(refused("postgres://mina@db/factdesk\nx").contains("one line"));
        assert!(
            refused("postgres://mina@db/factdesk?sslmode=sometimes&password=zz").contains("libpq")
        );
    }

    #[test]
    fn a_good_url_shows_database_host_and_login() {
        let a = TeamAddress::parse("url", " postgres://mina@db.example:5433/newsroom ").unwrap();
        assert_eq!(a.url(), "postgres://mina@db.example:5433/newsroom");
        assert_eq!(
            a.shown,
            TeamShown {
                database: "newsroom".into(),
                host: "db.example".into(),
                login: Some("mina".into()),
            }
        );
        let tls = "postgres://mina@db.example/newsroom?sslmode=verify-full&sslrootcert=/etc/ca.pem";
        assert_eq!(
            TeamAddress::parse("url", tls).unwrap().url(),
            tls,
            "kept whole"
        );
        assert!(refused("postgres://mina@db.example/f?sslcert=/me.crt").starts_with("sslcert"));
        let socket = TeamAddress::parse("url", "postgres://jun@/factdesk?host=/tmp/pg").unwrap();
        assert_eq!(socket.shown.host, "/tmp/pg");
    }
}
