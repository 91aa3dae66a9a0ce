//! The one error type that crosses IPC: `{ code, message, field? }` with a closed set of codes, so
//! the UI branches on `code` and places messages by `field`, never by parsing text.

use factdesk_core::CoreError;
use factdesk_core::storage::StorageKind;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ts_rs::TS)]
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
}

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    /// The input (snake_case, as the Rust fields are named) the error is about.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub field: Option<String>,
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> AppError {
        AppError {
            code,
            message: message.into(),
            field: None,
        }
    }
}

impl From<CoreError> for AppError {
    fn from(e: CoreError) -> AppError {
        let code = match &e {
            CoreError::Invalid { .. } => ErrorCode::Invalid,
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
        };
        AppError {
            code,
            field: e.field().map(str::to_string),
            message: e.to_string(),
        }
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}
