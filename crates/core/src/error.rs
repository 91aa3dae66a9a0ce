//! The one error type of the core. Every variant that concerns a value the user typed names the
//! field, so the CLI and the app can show the message beside the input it is about.

use serde::{Deserialize, Serialize};
use thiserror::Error;

/// Result of every core operation.
pub type Result<T, E = CoreError> = std::result::Result<T, E>;

#[derive(Debug, Error)]
pub enum CoreError {
    /// A value the user gave is not acceptable; `field` is the input's name (`published`, `url`).
    #[error("{field}: {message}")]
    Invalid { field: String, message: String },

    /// No record of this kind has this id or id prefix.
    #[error("{field}: no {kind} has an id starting with \"{id}\"")]
    NotFound {
        kind: &'static str,
        field: String,
        id: String,
    },

    /// The prefix matches more than one record; the user must type more of the id.
    #[error("{field}: \"{prefix}\" matches several {kind}s ({candidates}); type more of the id")]
    AmbiguousId {
        kind: &'static str,
        field: String,
        prefix: String,
        candidates: String,
    },

    /// Someone changed a field since the editor opened the record, and the edit changes it too.
    /// Nothing was written.
    #[error("{0}")]
    Conflict(Box<Conflict>),

    /// The desk was written by a newer Factdesk; opening it could corrupt data this binary does
    /// not understand.
    #[error(
        "this desk has schema version {found}, newer than the {supported} this Factdesk knows; \
         update Factdesk to open it"
    )]
    DeskTooNew { found: i64, supported: i64 },

    #[error("the desk file could not be opened or migrated: {0}")]
    Migration(String),

    /// The draft is not ready for publication; each entry says what blocks it (one a line,
    /// with the claim's words).
    #[error("not ready for publication:{}", .0.iter().map(|b| format!("\n  {b}")).collect::<String>())]
    NotReady(Vec<crate::publication::Blocker>),

    /// A bug or a corrupted desk, not something the user can fix by changing the input.
    #[error("internal error: {0}")]
    Internal(String),

    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),

    /// The file named as the desk is not a Factdesk desk (another program's database, a text
    /// file, an empty file outside `init`); nothing was written to it.
    #[error("{path} is not a Factdesk desk: {reason}")]
    NotADesk { path: String, reason: String },

    /// SQLite failed on the desk file: the message names the file and, by `kind`, what to do
    /// (wait for another program, restore the newest good backup). See `storage.rs`.
    #[error("{}", crate::storage::describe(desk, *kind, detail, backup.as_deref()))]
    Storage {
        desk: String,
        kind: crate::storage::StorageKind,
        detail: String,
        /// The newest backup of the desk, when one exists.
        backup: Option<String>,
    },

    /// A backup could not be made or did not verify; the half-made copy was deleted.
    #[error("the backup {path} failed: {message}")]
    Backup { path: String, message: String },

    /// A team desk's database refused the change under one of its rules (roles, row-level
    /// security, insert-only history: see `team/roles.rs`); nothing was written.
    #[error("refused by the team desk: {rule} (PostgreSQL: {detail})")]
    Refused { rule: String, detail: String },

    /// PostgreSQL failed on a team desk (connecting, or a statement), in the server's words.
    #[error("team desk: {0}")]
    Postgres(String),

    /// The team desk's server cannot be reached, or the connection to it broke (a restart, a
    /// network fault). `desk` names it without a password (`team::describe_url`); empty until
    /// `team::at_desk` names it. A change not yet acknowledged was rolled back by PostgreSQL.
    #[error(
        "{} cannot be reached ({detail}); a change it did not acknowledge was not saved. \
         Check that its PostgreSQL server is running, then run the command again",
        if desk.is_empty() { "the team desk" } else { desk.as_str() }
    )]
    Unreachable { desk: String, detail: String },

    /// An operation that runs only on a desk file was asked of a team desk (it is not ported to
    /// the storage seam yet: `docs/team-desk.md` lists them); nothing was read or written.
    #[error(
        "{operation} does not work on a team desk yet; copy the draft to a desk file with `factdesk desk copy` to use it"
    )]
    NotOnTeamDesk { operation: String },

    /// Entries of a citation file that cannot become sources, each by index and field; nothing
    /// of the file was imported.
    #[error(
        "{file}: {} bad entr{}, nothing was imported:{}",
        .entries.len(),
        if .entries.len() == 1 { "y" } else { "ies" },
        .entries.iter().map(|e| format!("\n  {e}")).collect::<String>()
    )]
    BadEntries {
        file: String,
        entries: Vec<crate::citations::BadEntry>,
    },

    /// The person cancelled a long operation; it stopped and wrote nothing.
    #[error("cancelled; nothing was written")]
    Cancelled,

    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
}

/// Two edits of one field of one record: what the desk holds now and what the refused edit held.
#[derive(Debug, Error)]
#[error(
    "{field}: {by} changed this {kind} since you opened it: the desk now has {theirs}, you have \
     {yours}; nothing was saved, reload to see their change"
)]
pub struct Conflict {
    pub kind: &'static str,
    pub id: String,
    pub field: String,
    /// The desk's value, as JSON text.
    pub theirs: String,
    /// The refused edit's value, as JSON text.
    pub yours: String,
    /// Who made the change the edit collided with.
    pub by: String,
}

impl CoreError {
    /// Maps "no row" from a lookup by exact id to [`CoreError::NotFound`] for `kind`, the name
    /// of both the record kind and the input field.
    /// Takes rusqlite's error or the storage seam's (`db`), where "no row" is the same.
    pub fn missing<E: Into<CoreError>>(
        kind: &'static str,
        id: &str,
    ) -> impl FnOnce(E) -> CoreError {
        let id = id.to_string();
        move |e| match e.into() {
            CoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows) => CoreError::NotFound {
                kind,
                field: kind.into(),
                id,
            },
            e => e,
        }
    }

    pub fn invalid(field: impl Into<String>, message: impl Into<String>) -> Self {
        CoreError::Invalid {
            field: field.into(),
            message: message.into(),
        }
    }

    /// The input field this error is about, when there is one.
    pub fn field(&self) -> Option<&str> {
        match self {
            CoreError::Invalid { field, .. }
            | CoreError::NotFound { field, .. }
            | CoreError::AmbiguousId { field, .. } => Some(field),
            CoreError::Conflict(c) => Some(&c.field),
            CoreError::NotADesk { .. } => Some("desk"),
            CoreError::BadEntries { entries, .. } => entries.first().map(|e| e.field.as_str()),
            _ => None,
        }
    }
}

/// The closed set of error codes every edge reports (the app's `AppError`, the CLI's `--json`
/// errors), so scripts and the UI branch on a code, never on message text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorCode {
    Invalid,
    NotFound,
    AmbiguousId,
    DeskTooNew,
    Migration,
    Internal,
    Database,
    Io,
    /// The app has no desk open (it could not open one at start).
    NoDesk,
    NotReady,
    /// Someone else changed the field since the form was opened; nothing was saved.
    Conflict,
    /// The file is not a Factdesk desk.
    NotADesk,
    /// Another program held the desk past the busy timeout.
    DeskLocked,
    /// The desk is damaged; the message names its newest backup.
    DeskCorrupt,
    /// A backup could not be made or did not verify.
    Backup,
    /// A team desk's database refused the change under one of its rules.
    Refused,
    /// The person cancelled a long operation; nothing was written.
    Cancelled,
    /// The operation does not run on a team desk yet.
    Unsupported,
}

/// An error as it leaves Factdesk, in one shape for the app and the CLI:
/// `{ code, message, field?, details? }`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export, rename = "AppError")]
pub struct ErrorReport {
    pub code: ErrorCode,
    pub message: String,
    /// The input (snake_case, as the Rust fields are named) the error is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
    /// Structured facts behind the message: a conflict's two values, the gate's blockers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "unknown")]
    pub details: Option<serde_json::Value>,
}

impl ErrorReport {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> ErrorReport {
        ErrorReport {
            code,
            message: message.into(),
            field: None,
            details: None,
        }
    }
}

impl std::fmt::Display for ErrorReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl CoreError {
    /// This error's code at every edge.
    pub fn code(&self) -> ErrorCode {
        use crate::storage::StorageKind;
        match self {
            CoreError::Invalid { .. } | CoreError::BadEntries { .. } => ErrorCode::Invalid,
            CoreError::NotFound { .. } => ErrorCode::NotFound,
            CoreError::AmbiguousId { .. } => ErrorCode::AmbiguousId,
            CoreError::DeskTooNew { .. } => ErrorCode::DeskTooNew,
            CoreError::Migration(_) => ErrorCode::Migration,
            CoreError::Internal(_) => ErrorCode::Internal,
            CoreError::Sqlite(_) => ErrorCode::Database,
            CoreError::Io { .. } => ErrorCode::Io,
            CoreError::NotReady(_) => ErrorCode::NotReady,
            CoreError::Conflict(_) => ErrorCode::Conflict,
            CoreError::NotADesk { .. } => ErrorCode::NotADesk,
            CoreError::Storage { kind, .. } => match kind {
                StorageKind::Locked => ErrorCode::DeskLocked,
                StorageKind::Corrupt => ErrorCode::DeskCorrupt,
                _ => ErrorCode::Database,
            },
            CoreError::Backup { .. } => ErrorCode::Backup,
            CoreError::Refused { .. } => ErrorCode::Refused,
            CoreError::Postgres(_) | CoreError::Unreachable { .. } => ErrorCode::Database,
            CoreError::Cancelled => ErrorCode::Cancelled,
            CoreError::NotOnTeamDesk { .. } => ErrorCode::Unsupported,
        }
    }

    /// Structured facts a script or the UI can use without reading the message.
    pub fn details(&self) -> Option<serde_json::Value> {
        match self {
            CoreError::Conflict(c) => Some(serde_json::json!({
                "kind": c.kind, "id": c.id, "theirs": c.theirs, "yours": c.yours, "by": c.by,
            })),
            CoreError::NotReady(blockers) => Some(serde_json::json!({ "blockers": blockers })),
            CoreError::AmbiguousId { candidates, .. } => Some(serde_json::json!({
                "candidates": candidates.split(", ").collect::<Vec<_>>(),
            })),
            CoreError::Storage { desk, backup, .. } => Some(serde_json::json!({
                "desk": desk, "backup": backup,
            })),
            CoreError::NotOnTeamDesk { operation } => {
                Some(serde_json::json!({ "operation": operation }))
            }
            CoreError::Refused { rule, detail } => Some(serde_json::json!({
                "rule": rule, "detail": detail,
            })),
            CoreError::Unreachable { desk, detail } => Some(serde_json::json!({
                "desk": desk, "unreachable": true, "detail": detail,
            })),
            CoreError::BadEntries { file, entries } => Some(serde_json::json!({
                "file": file, "entries": entries,
            })),
            _ => None,
        }
    }
}

impl From<&CoreError> for ErrorReport {
    fn from(e: &CoreError) -> ErrorReport {
        ErrorReport {
            code: e.code(),
            message: e.to_string(),
            field: e.field().map(str::to_string),
            details: e.details(),
        }
    }
}

impl From<CoreError> for ErrorReport {
    fn from(e: CoreError) -> ErrorReport {
        ErrorReport::from(&e)
    }
}
