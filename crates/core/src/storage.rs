//! How a storage failure reaches a person. One rule for the CLI and the app: every SQLite error
//! becomes [`CoreError::Storage`], which names the desk file and says what to do: wait for the
//! program holding the desk, or restore the newest good backup with `factdesk restore`.
//!
//! Invariant: no `CoreError::Sqlite` leaves an adapter. `Desk::write` converts its own errors;
//! the adapters pass every other error through [`at_desk`] (the CLI once in `run`, the app in
//! `DeskState::with`).

use std::path::Path;

use rusqlite::ErrorCode;
use serde::Serialize;

use crate::backup;
use crate::desk::BUSY_TIMEOUT;
use crate::error::CoreError;

/// What went wrong with the desk file, as far as a person needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StorageKind {
    /// Another connection held the desk for longer than the busy timeout.
    Locked,
    /// The file is damaged (SQLITE_CORRUPT, SQLITE_NOTADB, a failed integrity probe).
    Corrupt,
    /// The disk is full.
    Full,
    /// The file or its folder cannot be written.
    ReadOnly,
    /// Anything else SQLite reported.
    Other,
}

/// The kind of a SQLite error.
pub fn kind_of(e: &rusqlite::Error) -> StorageKind {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => StorageKind::Locked,
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => StorageKind::Corrupt,
        Some(ErrorCode::DiskFull) => StorageKind::Full,
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            StorageKind::ReadOnly
        }
        _ => StorageKind::Other,
    }
}

/// A storage error about `desk`, with its newest backup looked up for the message.
pub fn error(desk: &Path, kind: StorageKind, detail: impl Into<String>) -> CoreError {
    CoreError::Storage {
        desk: desk.display().to_string(),
        kind,
        detail: detail.into(),
        backup: backup::newest(desk).map(|p| p.display().to_string()),
    }
}

/// Names the desk in `e` when it is a SQLite error; every other error passes unchanged. The
/// adapters call this on every error of an operation on the desk at `desk`.
pub fn at_desk(e: CoreError, desk: Option<&Path>) -> CoreError {
    match (e, desk) {
        (CoreError::Sqlite(e), Some(desk)) => error(desk, kind_of(&e), e.to_string()),
        (e, _) => e,
    }
}

/// The way back from a damaged desk.
fn way_back(backup: Option<&str>) -> String {
    match backup {
        Some(b) => format!(
            "Its newest good backup is {b}; bring it back with `factdesk restore {b}` \
             (the damaged desk is kept beside its backups)."
        ),
        None => "No backup of it exists yet: copy the file somewhere safe before trying to \
                 repair it."
            .to_string(),
    }
}

/// The message of [`CoreError::Storage`].
pub fn describe(desk: &str, kind: StorageKind, detail: &str, backup: Option<&str>) -> String {
    match kind {
        StorageKind::Locked => format!(
            "another program holds the desk {desk} (another Factdesk window or command, or a \
             database tool); Factdesk waited {} s for it. Close that program or try again.",
            BUSY_TIMEOUT.as_secs()
        ),
        StorageKind::Corrupt => format!(
            "the desk {desk} is damaged ({detail}); nothing more is written to it. {}",
            way_back(backup)
        ),
        StorageKind::Full => format!("the disk holding the desk {desk} is full ({detail})"),
        StorageKind::ReadOnly => format!("the desk {desk} cannot be written ({detail})"),
        StorageKind::Other => format!("the desk {desk}: {detail}"),
    }
}

/// The way back for a file that is not a desk at all any more (overwritten, truncated to
/// nothing): only the backups can help.
pub fn hint_for(desk: &Path) -> String {
    match backup::newest(desk) {
        Some(b) => format!(
            "; if it was your desk, its newest backup is {0}: bring it back with \
             `factdesk restore {0}`",
            b.display()
        ),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_locked_desk_says_who_and_how_long() {
        let text = describe(
            "/d/desk.sqlite",
            StorageKind::Locked,
            "database is locked",
            None,
        );
        assert!(text.contains("/d/desk.sqlite"), "{text}");
        assert!(text.contains("another program holds the desk"), "{text}");
        assert!(text.contains("waited 5 s"), "{text}");
    }

    #[test]
    fn a_damaged_desk_points_at_the_backup() {
        let text = describe(
            "/d/desk.sqlite",
            StorageKind::Corrupt,
            "database disk image is malformed",
            Some("/d/backups/desk-x.sqlite"),
        );
        assert!(
            text.contains("factdesk restore /d/backups/desk-x.sqlite"),
            "{text}"
        );
    }
}
