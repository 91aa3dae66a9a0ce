//! A team desk: one PostgreSQL 15 database that writers and editors on their own machines share,
//! with roles the database enforces (issue 12). This module holds what stands apart from the
//! desk's rules: the schema and its migrations (`schema`), the roles and how their refusals read
//! (`roles`), setting a desk up (`init`), and what changed on it, as LISTEN/NOTIFY tells
//! (`changes`). The storage seam that lets the rules above run on either engine is `crate::db`;
//! `Desk::open_team` opens a team desk, on which the ported operations run (docs/team-desk.md
//! lists them) and the rest refuse with `NotOnTeamDesk`.
//!
//! Everything lives in the schema `factdesk`; every connection made here searches it first.

pub mod address;
pub mod changes;
pub mod copy;
pub mod init;
pub mod load;
pub mod pgpass;
pub mod roles;
pub mod schema;
pub mod tls;

use std::error::Error as _;

use postgres::{Client, Config, NoTls};

use crate::error::{CoreError, Result};

pub use address::{TeamAddress, TeamShown};
pub use init::{InitReport, add_user, init};
pub use load::{LoadReport, load};
pub use roles::TeamRole;

/// The schema a team desk's tables live in.
pub const SCHEMA: &str = "factdesk";

/// Whether `desk` names a team desk (a PostgreSQL URL) rather than a desk file.
pub fn is_url(desk: &str) -> bool {
    desk.starts_with("postgres://") || desk.starts_with("postgresql://")
}

/// Connects to the team desk at `url` (libpq's URL form) with the desk's schema first on the
/// search path. A password comes from the URL or by libpq's conventions (`PGPASSWORD`, the
/// password file: [`pgpass`]); Factdesk keeps none. TLS follows the URL's `sslmode` and
/// `sslrootcert` as libpq reads them ([`tls`]); a connection TLS explains the failure of is
/// `Invalid` naming that parameter. A server that cannot be reached is `Unreachable`, naming
/// the desk.
pub fn connect(url: &str) -> Result<Client> {
    let open = || -> Result<Client> {
        let (mut config, connector, tls) = tls::open(url)?;
        if config.get_password().is_none()
            && let Some(password) = pgpass::password_for(&config)
        {
            config.password(password);
        }
        let asked = config.get_password().is_none();
        let connected = match connector {
            Some(tls) => config.connect(tls),
            None => config.connect(NoTls),
        };
        let mut client = connected.map_err(|e| {
            let detail = schema::describe(&e);
            if let Some((field, why)) = tls::explain(&tls, &detail) {
                return CoreError::invalid(field, format!("{why} ({detail})"));
            }
            let e = CoreError::from(e);
            match &e {
                CoreError::Postgres(detail) if asked && detail.contains("password missing") => {
                    CoreError::Postgres(format!(
                        "the server asks for a password and none was found: put it in the \
                         password file (~/.pgpass, or the file PGPASSFILE names; mode 0600), \
                         one line host:port:database:user:password ({detail})"
                    ))
                }
                _ => e,
            }
        })?;
        client.batch_execute("SET search_path = factdesk, public")?;
        Ok(client)
    };
    open().map_err(|e| at_desk(e, &describe_url(url)))
}

/// The team desk at `url` as a message may name it: database, host (or socket folder) and
/// login, never the password.
pub fn describe_url(url: &str) -> String {
    let Ok(config) = tls::split(url).and_then(|(rest, _)| Ok(rest.parse::<Config>()?)) else {
        return "the team desk (its URL does not parse)".into();
    };
    let db = config.get_dbname().or(config.get_user()).unwrap_or("?");
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(h)) => h.clone(),
        Some(postgres::config::Host::Unix(p)) => p.display().to_string(),
        None => "localhost".into(),
    };
    match config.get_user() {
        Some(user) => format!("the team desk {db} on {host} as {user}"),
        None => format!("the team desk {db} on {host}"),
    }
}

/// Names `desk` in an `Unreachable` error that does not name one yet; other errors pass.
pub fn at_desk(e: CoreError, desk: &str) -> CoreError {
    match e {
        CoreError::Unreachable { desk: d, detail } if d.is_empty() => CoreError::Unreachable {
            desk: desk.to_string(),
            detail,
        },
        e => e,
    }
}

/// Whether `e` says the server is out of reach rather than that it refused a statement: the
/// connection is closed, connecting failed at the socket, or the server is shutting down or
/// starting up (SQLSTATE classes 08 and 57P).
pub(crate) fn unreachable(e: &postgres::Error) -> bool {
    if e.is_closed() {
        return true;
    }
    if let Some(db) = e.as_db_error() {
        let code = db.code().code();
        return code.starts_with("08") || code.starts_with("57P");
    }
    let mut cause = e.source();
    while let Some(c) = cause {
        if c.is::<std::io::Error>() {
            return true;
        }
        cause = c.source();
    }
    false
}
