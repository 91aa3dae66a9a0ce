//! Setting up a team desk: `init` makes the group roles, the schema and its tables in the
//! database the URL names, and `add_user` makes a person's login. Both run as the cluster's
//! administrator (a superuser, or a role with CREATEROLE that owns the database). `init` is
//! idempotent: run again, it makes only what is missing and keeps every row.

use postgres::Client;
use postgres::error::SqlState;
use serde::Serialize;

use super::roles::{self, GROUP_ROLES, TeamRole};
use super::schema;
use crate::error::{CoreError, Result};

/// What `init` found and did.
#[derive(Debug, Clone, Serialize)]
pub struct InitReport {
    /// The database the team desk lives in.
    pub database: String,
    /// The schema version after `init`.
    pub schema_version: i64,
    /// Migrations this run applied (0 when the desk was up to date).
    pub applied: usize,
    /// Group roles this run made (none when they were there already).
    pub roles_created: Vec<String>,
}

/// Makes (or completes) the team desk at `url`.
pub fn init(url: &str) -> Result<InitReport> {
    let mut client = super::connect(url)?;
    let mut roles_created = Vec::new();
    for role in GROUP_ROLES {
        if create_role(&mut client, role, "NOLOGIN")? {
            roles_created.push(role.to_string());
        }
    }
    let database: String = client.query_one("SELECT current_database()", &[])?.get(0);
    // pg_trgm is a trusted extension: the database's owner may add it.
    client.batch_execute(&format!(
        "CREATE SCHEMA IF NOT EXISTS factdesk AUTHORIZATION {owner};
         CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
         ALTER DATABASE {db} SET search_path = factdesk, public;",
        owner = roles::OWNER,
        db = quote_ident(&database),
    ))?;
    let applied = schema::migrate(&mut client)?;
    Ok(InitReport {
        database,
        schema_version: schema::latest_version(),
        applied,
        roles_created,
    })
}

/// Makes `name` a login role in `role`'s group on the team desk at `url`. Refuses a name that is
/// taken, so a typo cannot hand an existing person a second role. The login has no password:
/// the administrator sets one (`\password NAME` in psql), as the team desk's page says.
pub fn add_user(url: &str, name: &str, role: TeamRole) -> Result<()> {
    roles::check_user_name(name)?;
    let mut client = super::connect(url)?;
    if role_exists(&mut client, name)? {
        return Err(CoreError::invalid(
            "name",
            format!("a role named \"{name}\" already exists on this PostgreSQL server"),
        ));
    }
    let attrs = format!("LOGIN IN ROLE {}", role.group());
    if !create_role(&mut client, name, &attrs)? {
        return Err(CoreError::invalid(
            "name",
            format!("a role named \"{name}\" was made by someone else just now"),
        ));
    }
    Ok(())
}

fn role_exists(client: &mut Client, name: &str) -> Result<bool> {
    Ok(client
        .query_opt("SELECT 1 FROM pg_roles WHERE rolname = $1", &[&name])?
        .is_some())
}

/// Creates role `name` unless it exists; true when this call made it. Two inits at once may both
/// see the role missing: the loser's "already exists" means the role is there, as wanted.
fn create_role(client: &mut Client, name: &str, attributes: &str) -> Result<bool> {
    if role_exists(client, name)? {
        return Ok(false);
    }
    match client.batch_execute(&format!("CREATE ROLE {} {attributes}", quote_ident(name))) {
        Ok(()) => Ok(true),
        Err(e)
            if e.code() == Some(&SqlState::DUPLICATE_OBJECT)
                || e.code() == Some(&SqlState::UNIQUE_VIOLATION) =>
        {
            Ok(false)
        }
        Err(e) => Err(e.into()),
    }
}

/// `name` as an SQL identifier, whatever it holds.
fn quote_ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}
