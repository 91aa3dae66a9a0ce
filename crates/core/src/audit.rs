//! The audit history: who changed which record, which field, from what to what, and when. Rows are
//! written through the same transaction as the change (see [`crate::desk::Write`]), so a change
//! that rolls back leaves no history, and the table refuses updates and deletes.
//! Appending ([`append`]) is written once for both engines, through the storage seam (`crate::db`).

use rusqlite::params;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::db::Db;
use crate::desk::{Desk, Write};
use crate::error::Result;
use crate::ids::RecordKind;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct HistoryEntry {
    /// Orders the history; small enough for a JavaScript number.
    #[ts(type = "number")]
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub record_kind: String,
    pub record_id: String,
    /// `create`, `update` or `delete`.
    pub action: String,
    /// The field that changed; `null` for a whole-record create or delete.
    pub field: Option<String>,
    /// JSON text of the value before (absent for a create).
    pub before: Option<String>,
    /// JSON text of the value after (absent for a delete).
    pub after: Option<String>,
}

/// Records the difference between `before` and `after` of one record: a create or delete as one
/// row holding the whole record, an update as one row per changed field. Fields listed in
/// `ignore` (timestamps) are not compared.
pub fn record<T: Serialize>(
    w: &Write<'_>,
    kind: RecordKind,
    id: &str,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<()> {
    record_kind(w, kind.name(), id, before, after)
}

/// Like [`record`] for records that are not addressed by id prefix (reviews, overrides), whose
/// `kind` is written as given.
pub fn record_kind<T: Serialize>(
    w: &Write<'_>,
    kind: &str,
    id: &str,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<()> {
    let at = crate::dates::timestamp(w.now);
    append(&w.db, &at, w.actor, kind, id, before, after)
}

/// Appends the history rows of one change (see [`record`]) inside `db`'s transaction, on either
/// engine. `actor` is what a desk file records; a team desk records its login (`current_user`)
/// whatever is given, so nobody's history can be signed with another name.
pub fn append<T: Serialize>(
    db: &Db<'_>,
    at: &str,
    actor: &str,
    kind: &str,
    id: &str,
    before: Option<&T>,
    after: Option<&T>,
) -> Result<()> {
    // `version` is bookkeeping: it goes in its own column, not in a row of its own.
    const IGNORE: &[&str] = &["id", "created_at", "updated_at", "version"];
    let to_value = |v: Option<&T>| v.map(serde_json::to_value).transpose();
    let (before, after) = (
        to_value(before).map_err(json_err)?,
        to_value(after).map_err(json_err)?,
    );
    let mut stmt = db.prepare_cached(
        "INSERT INTO history (at, actor, record_kind, record_id, action, field, before, after,
                              version)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    // The version the change produced, for records that count theirs (sources, claims).
    let version = after
        .as_ref()
        .and_then(|a| a.get("version"))
        .and_then(Value::as_i64);
    let mut row = |action: &str, field: Option<&str>, b: Option<&Value>, a: Option<&Value>| {
        stmt.execute(params![
            at,
            actor,
            kind,
            id,
            action,
            field,
            b.map(Value::to_string),
            a.map(Value::to_string),
            version
        ])
        .map(|_| ())
    };
    match (&before, &after) {
        (None, Some(a)) => row("create", None, None, Some(a))?,
        (Some(b), None) => row("delete", None, Some(b), None)?,
        (Some(Value::Object(b)), Some(Value::Object(a))) => {
            for (key, new) in a.iter().filter(|(k, _)| !IGNORE.contains(&k.as_str())) {
                let old = b.get(key).unwrap_or(&Value::Null);
                if old != new {
                    row("update", Some(key), Some(old), Some(new))?;
                }
            }
        }
        (Some(b), Some(a)) if b != a => row("update", None, Some(b), Some(a))?,
        _ => {}
    }
    Ok(())
}

fn json_err(e: serde_json::Error) -> crate::error::CoreError {
    crate::error::CoreError::Internal(format!("could not record history: {e}"))
}

impl Desk {
    /// Every history row for one record (id or unique prefix), oldest first. A claim's history
    /// also holds its evidence, reviews and confidence overrides.
    pub fn history(&self, kind: RecordKind, id: &str) -> Result<Vec<HistoryEntry>> {
        self.read(|db| history_in(db, kind, id))
    }
}

/// [`Desk::history`] on either engine.
fn history_in(db: &Db<'_>, kind: RecordKind, id: &str) -> Result<Vec<HistoryEntry>> {
    {
        // A deleted record keeps its history: look for its id there when no live record has it.
        let id = match crate::ids::resolve_in(db, kind, kind.name(), id) {
            Ok(id) => id,
            Err(e @ crate::error::CoreError::NotFound { .. }) => {
                let wanted = id.trim().to_ascii_uppercase();
                let found: Vec<String> = db.query_all(
                    "SELECT DISTINCT record_id FROM history
                     WHERE record_kind = ?1 AND record_id >= ?2 AND record_id < ?3 LIMIT 2",
                    params![kind.name(), wanted, format!("{wanted}~")],
                    |r| r.get(0),
                )?;
                match found.as_slice() {
                    [one] if !wanted.is_empty() => one.clone(),
                    _ => return Err(e),
                }
            }
            Err(e) => return Err(e),
        };
        let sql = format!(
            "SELECT seq, at, actor, record_kind, record_id, action, field, before, after
             FROM history
             WHERE (record_kind = ?1 AND record_id = ?2)
                OR (?1 = 'claim' AND record_kind IN ('review', 'override') AND record_id = ?2)
                OR (?1 = 'claim' AND record_kind = 'evidence'
                    AND ({} = ?2 OR {} = ?2))
             ORDER BY seq",
            db.json_text("after", "claim_id"),
            db.json_text("before", "claim_id"),
        );
        db.query_all(&sql, params![kind.name(), id], |r| {
            Ok(HistoryEntry {
                seq: r.get(0)?,
                at: r.get(1)?,
                actor: r.get(2)?,
                record_kind: r.get(3)?,
                record_id: r.get(4)?,
                action: r.get(5)?,
                field: r.get(6)?,
                before: r.get(7)?,
                after: r.get(8)?,
            })
        })
    }
}
