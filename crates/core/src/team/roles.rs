//! The team desk's roles and how PostgreSQL's refusals read. The rules themselves live in the
//! database (`roles.sql`, `tables.sql`); this module names them, so that a refusal reaches the
//! user as core's `refused` error saying which rule stopped the change.
//!
//! Group roles (NOLOGIN): `factdesk_owner` owns the schema and runs migrations;
//! `factdesk_writer` and `factdesk_editor` hold the privileges. Each person is a LOGIN role
//! granted into one group, so `current_user` (which the desk stamps on every row it attributes)
//! is the person.

use postgres::error::SqlState;

use crate::error::CoreError;

pub const OWNER: &str = "factdesk_owner";
pub const WRITER: &str = "factdesk_writer";
pub const EDITOR: &str = "factdesk_editor";

/// Every group role, in the order `init` makes them.
pub const GROUP_ROLES: [&str; 3] = [OWNER, WRITER, EDITOR];

/// What a person on the team may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TeamRole {
    Writer,
    Editor,
}

impl TeamRole {
    /// The group role a person with this role is granted into.
    pub fn group(self) -> &'static str {
        match self {
            TeamRole::Writer => WRITER,
            TeamRole::Editor => EDITOR,
        }
    }

    /// Reads `writer` or `editor`, as typed after `--role`.
    pub fn parse(s: &str) -> Result<TeamRole, CoreError> {
        match s {
            "writer" => Ok(TeamRole::Writer),
            "editor" => Ok(TeamRole::Editor),
            _ => Err(CoreError::invalid(
                "role",
                format!("\"{s}\" is not a team role; use writer or editor"),
            )),
        }
    }
}

/// Checks a new user's name: a plain lower-case SQL identifier (so it is the same name quoted
/// or not, and safe to write into `CREATE ROLE`), and not one PostgreSQL or Factdesk reserves.
pub fn check_user_name(name: &str) -> Result<(), CoreError> {
    let plain = name.len() <= 63
        && name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !plain {
        return Err(CoreError::invalid(
            "name",
            format!(
                "\"{name}\" is not a usable login name: use up to 63 lower-case letters, digits \
                 and underscores, starting with a letter"
            ),
        ));
    }
    if name.starts_with("pg_") || name.starts_with("factdesk_") || name == "postgres" {
        return Err(CoreError::invalid(
            "name",
            format!("\"{name}\" is reserved for PostgreSQL or Factdesk's own roles"),
        ));
    }
    Ok(())
}

/// The rules a team desk enforces, each as (what PostgreSQL's message names, the rule in words).
/// The first whose key the message holds names the refusal.
const RULES: &[(&str, &str)] = &[
    (
        "\"no_approving_own_claim\"",
        "nobody approves a claim they created or last edited",
    ),
    ("history is insert-only", "history is insert-only"),
    ("table history", "history is insert-only"),
    ("table reviews", "only editors write reviews"),
    ("\"reviews\"", "only editors write reviews"),
    ("confidence_overrides", "only editors override confidence"),
    (
        "permission denied to create role",
        "only the team desk's administrator adds users",
    ),
];

/// A refusal by the database (SQLSTATE 42501, insufficient_privilege, which row-level security
/// uses too) as core's error naming the rule; a server that cannot be reached or went away as
/// `Unreachable` (`super::at_desk` names the desk); any other error as a database error in the
/// server's words.
impl From<postgres::Error> for CoreError {
    fn from(e: postgres::Error) -> CoreError {
        match e.as_db_error() {
            Some(db) if db.code() == &SqlState::INSUFFICIENT_PRIVILEGE => {
                let rule = RULES
                    .iter()
                    .find(|(key, _)| db.message().contains(key))
                    .map_or("the team desk's roles do not allow this", |(_, rule)| rule);
                CoreError::Refused {
                    rule: rule.to_string(),
                    detail: db.message().to_string(),
                }
            }
            _ if super::unreachable(&e) => CoreError::Unreachable {
                desk: String::new(),
                detail: super::schema::describe(&e),
            },
            _ => CoreError::Postgres(super::schema::describe(&e)),
        }
    }
}

impl crate::desk::Desk {
    /// The team role the desk's login holds (editor first, for a login in both groups); `None`
    /// on a desk file, or for a login in neither group (the administrator).
    pub fn team_role(&self) -> crate::error::Result<Option<TeamRole>> {
        if !self.is_team() {
            return Ok(None);
        }
        let role: Option<String> = self.read(|db| {
            db.query_row(
                "SELECT CASE WHEN pg_has_role(current_user, 'factdesk_editor', 'MEMBER')
                                 THEN 'editor'
                             WHEN pg_has_role(current_user, 'factdesk_writer', 'MEMBER')
                                 THEN 'writer' END",
                &[],
                |r| r.get(0),
            )
        })?;
        role.as_deref().map(TeamRole::parse).transpose()
    }
}

impl std::fmt::Display for TeamRole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TeamRole::Writer => "writer",
            TeamRole::Editor => "editor",
        })
    }
}
