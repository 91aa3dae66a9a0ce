//! Record ids: ULIDs, unique across machines so desks can later be merged, and sortable by
//! creation time. Wherever a user types an id, a unique prefix of it is enough.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};

use crate::db::Db;

use crate::error::{CoreError, Result};

/// A new id for a record created at `now`.
pub fn new_id(now: DateTime<Utc>) -> String {
    ulid::Ulid::from_datetime(now.into()).to_string()
}

/// The kinds of record an id can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordKind {
    Source,
    Claim,
    Evidence,
    Draft,
    Person,
}

impl RecordKind {
    pub fn name(self) -> &'static str {
        match self {
            RecordKind::Source => "source",
            RecordKind::Claim => "claim",
            RecordKind::Evidence => "evidence",
            RecordKind::Draft => "draft",
            RecordKind::Person => "person",
        }
    }

    pub(crate) fn table(self) -> &'static str {
        match self {
            RecordKind::Source => "sources",
            RecordKind::Claim => "claims",
            RecordKind::Evidence => "evidence",
            RecordKind::Draft => "drafts",
            RecordKind::Person => "people",
        }
    }
}

/// Finds the one record of `kind` whose id starts with `prefix` (any letter case). `field` names
/// the input in errors.
pub fn resolve(conn: &Connection, kind: RecordKind, field: &str, prefix: &str) -> Result<String> {
    resolve_in(&Db::sqlite(conn), kind, field, prefix)
}

/// [`resolve`] on either engine.
pub fn resolve_in(db: &Db<'_>, kind: RecordKind, field: &str, prefix: &str) -> Result<String> {
    let wanted = prefix.trim().to_ascii_uppercase();
    let not_found = || CoreError::NotFound {
        kind: kind.name(),
        field: field.to_string(),
        id: prefix.trim().to_string(),
    };
    if wanted.is_empty() || !wanted.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(not_found());
    }
    // Ids are upper-case Crockford base32, so every id with this prefix sorts before prefix + '~'.
    let sql = format!(
        "SELECT id FROM {} WHERE {} ORDER BY {} LIMIT 4",
        kind.table(),
        db.byte_range("id", 1, 2),
        db.byte_order("id")
    );
    let ids: Vec<String> =
        db.query_all(&sql, params![wanted, format!("{wanted}~")], |r| r.get(0))?;
    match ids.as_slice() {
        [] => Err(not_found()),
        [one] => Ok(one.clone()),
        many => Err(CoreError::AmbiguousId {
            kind: kind.name(),
            field: field.to_string(),
            prefix: prefix.trim().to_string(),
            candidates: many.iter().take(3).cloned().collect::<Vec<_>>().join(", ")
                + if many.len() > 3 { ", …" } else { "" },
        }),
    }
}

/// Like [`resolve`] for an optional input: blank means none.
pub fn resolve_optional(
    conn: &Connection,
    kind: RecordKind,
    field: &str,
    prefix: Option<&str>,
) -> Result<Option<String>> {
    match prefix.map(str::trim).filter(|p| !p.is_empty()) {
        None => Ok(None),
        Some(p) => resolve(conn, kind, field, p).map(Some),
    }
}

/// [`resolve_optional`] on either engine.
pub fn resolve_optional_in(
    db: &Db<'_>,
    kind: RecordKind,
    field: &str,
    prefix: Option<&str>,
) -> Result<Option<String>> {
    match prefix.map(str::trim).filter(|p| !p.is_empty()) {
        None => Ok(None),
        Some(p) => resolve_in(db, kind, field, p).map(Some),
    }
}

/// Whether a record with exactly this id exists.
pub fn exists(conn: &Connection, kind: RecordKind, id: &str) -> Result<bool> {
    let sql = format!("SELECT 1 FROM {} WHERE id = ?1", kind.table());
    Ok(conn
        .prepare_cached(&sql)?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}
