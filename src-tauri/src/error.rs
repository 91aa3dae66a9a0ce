//! The one error type that crosses IPC is the core's [`ErrorReport`] (`AppError` in TypeScript):
//! `{ code, message, field?, details? }` with a closed set of codes, so the UI branches on `code`
//! and places messages by `field`, never by parsing text. The CLI's `--json` errors have the same
//! shape and codes.

pub use factdesk_core::error::{ErrorCode, ErrorReport as AppError};
