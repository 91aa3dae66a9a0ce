//! Edits made from an older view of a record. Every change to a source or a claim counts up the
//! record's `version`, and the history row of each change carries the version it produced. An
//! editor sends the version it showed; inside the write transaction, each field the edit would
//! change is decided against the row as it is then:
//! - nobody changed the field since that version: the edit's value is taken;
//! - somebody did, and the edit still holds the value the editor saw: theirs stays (the editor
//!   did not touch that field);
//! - somebody did, and the edit changes it to something else: the edit is refused with a
//!   [`CoreError::Conflict`] naming the field, both values and who changed it. Nothing is written.
//!
//! An edit without a version (the CLI naming the fields to change) applies to the row as it is.
//!
//! "The row as it is then" holds on both engines: a desk file's write holds the whole desk, and
//! on a team desk the edit first holds the record's row ([`hold`]), so a concurrent edit of the
//! same record waits, then merges against what the first one committed (a conflict, never a
//! silent overwrite).

use std::collections::HashMap;

use rusqlite::params;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::db::{Db, Engine};
use crate::error::{Conflict, CoreError, Result};
use crate::ids::RecordKind;

/// Holds record `id` of `kind` for the rest of the write, before it is read and merged. A desk
/// file's write is an immediate transaction, which already holds the whole desk. On a team desk
/// each statement sees what was committed when it ran: without the row lock two edits of one
/// record would each merge against the same "before", and the second `UPDATE` would overwrite
/// the first's change without a conflict (`UPDATE … WHERE version = ?` alone would refuse edits
/// of different fields that the merge accepts).
pub(crate) fn hold(db: &Db<'_>, kind: RecordKind, id: &str) -> Result<()> {
    if db.engine() == Engine::Postgres {
        db.query_all(
            &format!("SELECT id FROM {} WHERE id = ?1 FOR UPDATE", kind.table()),
            params![id],
            |r| r.get::<_, String>(0),
        )?;
    }
    Ok(())
}

/// What the field held at the editor's version, and who changed it first after that.
struct Earlier {
    value: Value,
    by: String,
}

/// The fields of one record changed after version `base`, from its history.
fn changed_since(db: &Db<'_>, kind: &str, id: &str, base: i64) -> Result<HashMap<String, Earlier>> {
    let mut stmt = db.prepare_cached(
        "SELECT field, before, actor FROM history
         WHERE record_kind = ?1 AND record_id = ?2 AND action = 'update' AND version > ?3
           AND field IS NOT NULL
         ORDER BY seq",
    )?;
    let rows = stmt.query_map(params![kind, id, base], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, Option<String>>(1)?,
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = HashMap::new();
    for row in rows {
        let (field, before, by) = row?;
        let value = match before {
            Some(text) => serde_json::from_str(&text)
                .map_err(|e| CoreError::Internal(format!("history of {kind} {id}: {e}")))?,
            None => Value::Null,
        };
        // The first change after `base` holds the value the editor saw.
        out.entry(field).or_insert(Earlier { value, by });
    }
    Ok(out)
}

/// How a value reads in a conflict message.
fn shown(v: &Value) -> String {
    const MAX: usize = 120;
    match v {
        Value::Null => "nothing".to_string(),
        Value::String(s) if s.chars().count() > MAX => {
            format!("\"{}…\"", s.chars().take(MAX).collect::<String>())
        }
        other => other.to_string(),
    }
}

fn to_value<T: Serialize>(record: &T) -> Result<Value> {
    serde_json::to_value(record).map_err(|e| CoreError::Internal(format!("merge: {e}")))
}

/// Merges `proposed` (the edit applied to `current`) into `current`, field by field among
/// `fields`, as the module explains. `base` is the version the editor saw.
pub(crate) fn merge<T: Serialize + DeserializeOwned>(
    db: &Db<'_>,
    kind: &'static str,
    id: &str,
    current: &T,
    proposed: &T,
    base: Option<i64>,
    fields: &[&str],
) -> Result<T> {
    let current = to_value(current)?;
    let proposed = to_value(proposed)?;
    let now = current.get("version").and_then(Value::as_i64).unwrap_or(1);
    let earlier = match base {
        Some(b) if b > now || b < 1 => {
            return Err(CoreError::invalid(
                "version",
                format!("{b} is not a version this {kind} has had (it is at {now})"),
            ));
        }
        Some(b) if b < now => changed_since(db, kind, id, b)?,
        _ => HashMap::new(),
    };
    let mut merged = current.clone();
    for &field in fields {
        let (Some(mine), Some(theirs)) = (proposed.get(field), current.get(field)) else {
            continue;
        };
        if mine == theirs {
            continue;
        }
        match earlier.get(field) {
            None => merged[field] = mine.clone(),
            Some(seen) if &seen.value == mine => {}
            Some(seen) => {
                return Err(CoreError::Conflict(Box::new(Conflict {
                    kind,
                    id: id.to_string(),
                    field: field.to_string(),
                    theirs: shown(theirs),
                    yours: shown(mine),
                    by: seen.by.clone(),
                })));
            }
        }
    }
    serde_json::from_value(merged).map_err(|e| CoreError::Internal(format!("merge: {e}")))
}
