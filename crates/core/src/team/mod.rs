//! A team desk: one PostgreSQL 15 database that writers and editors on their own machines share,
//! with roles the database enforces (issue 12). This module holds what stands apart from the
//! desk's rules: the schema and its migrations (`schema`), the roles and how their refusals read
//! (`roles`), and setting a desk up (`init`). The storage seam that lets the rules above run on
//! either engine comes next; until then the app and the CLI cannot draft on a team desk.
//!
//! Everything lives in the schema `factdesk`; every connection made here searches it first.

pub mod copy;
pub mod init;
pub mod roles;
pub mod schema;

use postgres::{Client, NoTls};

use crate::error::Result;

pub use init::{InitReport, add_user, init};
pub use roles::TeamRole;

/// The schema a team desk's tables live in.
pub const SCHEMA: &str = "factdesk";

/// Whether `desk` names a team desk (a PostgreSQL URL) rather than a desk file.
pub fn is_url(desk: &str) -> bool {
    desk.starts_with("postgres://") || desk.starts_with("postgresql://")
}

/// Connects to the team desk at `url` (libpq's URL form; a password comes from the URL or, by
/// libpq's conventions, is not kept by Factdesk at all) with the desk's schema first on the
/// search path.
pub fn connect(url: &str) -> Result<Client> {
    let mut client = Client::connect(url, NoTls)?;
    client.batch_execute("SET search_path = factdesk, public")?;
    Ok(client)
}
