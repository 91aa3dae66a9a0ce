//! The stored answer to "is this evidence's quote in its source's kept text", worked out when
//! either side is written, so the quote check at each pause reads one indexed row per quoting
//! evidence instead of reading and normalising every cited source's text.
//!
//! Invariants:
//! - A row of `evidence_quote_checks` says whether the evidence's looked-for words
//!   ([`looked_for`]) are in the kept text of `holder_id` (the source itself, or the article a
//!   relay copy reads, see `kept_text.rs`) as it was when its hash was `kept_text_sha256`. The
//!   matching is [`Searched::holds`], the one place the rules live.
//! - Every core write that changes a side settles the rows it touches in the same transaction:
//!   linking or editing evidence ([`settle_evidence`]), recording a source with kept text,
//!   editing a source's text, URL, outlet, title or relay, or pasting an article again
//!   ([`settle_source`]). Triggers drop a row whenever its evidence's quote or its holder's text
//!   changes by any statement, so a row is never stale and believed.
//! - The check trusts a row only when its holder and hash are those the evidence's source reads
//!   now; otherwise (no row: evidence written by a bulk load or an older binary) it reads that
//!   text and matches it there, with the same rules. Rows of evidence that quotes nothing or
//!   whose source keeps no text are not kept.

use std::collections::HashMap;

use rusqlite::params;

use crate::checks::quotes::{Searched, looked_for};
use crate::db::Db;
use crate::error::Result;
use crate::kept_text::{self, Holder};
use crate::sources::{self, Source};

/// A stored check: the text it was checked against and whether the quote was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Stored {
    pub holder: Holder,
    pub found: bool,
}

fn id_list<'a>(ids: impl IntoIterator<Item = &'a str>) -> Result<String> {
    serde_json::to_string(&ids.into_iter().collect::<Vec<_>>())
        .map_err(|e| crate::error::CoreError::Internal(format!("could not list ids: {e}")))
}

/// The stored checks of the evidence `ids`, by evidence id.
pub(crate) fn stored_in<'a>(
    db: &Db<'_>,
    ids: impl IntoIterator<Item = &'a str>,
) -> Result<HashMap<String, Stored>> {
    let rows = db
        .prepare_cached(&format!(
            "SELECT evidence_id, holder_id, kept_text_sha256, found FROM evidence_quote_checks
             WHERE {}",
            db.in_keys("evidence_id", 1)
        ))?
        .query_map(params![id_list(ids)?], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Stored {
                    holder: Holder {
                        id: r.get(1)?,
                        sha256: r.get(2)?,
                    },
                    found: r.get(3)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Works out and stores the checks of the evidence `ids` (full ids) against the texts their
/// sources read now; drops the rows of those with nothing to check.
pub(crate) fn settle_evidence(db: &Db<'_>, ids: &[String]) -> Result<()> {
    if ids.is_empty() {
        return Ok(());
    }
    let evidence: Vec<(String, String, Option<String>)> = db.query_all(
        &format!(
            "SELECT id, source_id, coalesce(original_quote, quote) FROM evidence WHERE {}",
            db.in_keys("id", 1)
        ),
        params![id_list(ids.iter().map(String::as_str))?],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let mut cited: HashMap<String, Source> = HashMap::new();
    for (_, source_id, _) in &evidence {
        if !cited.contains_key(source_id) {
            cited.insert(source_id.clone(), sources::get_db(db, source_id)?);
        }
    }
    let holders = kept_text::holders_in(db, cited.values())?;
    let texts = kept_text::texts_of(db, holders.values().map(|h| h.id.as_str()))?;
    let searched: HashMap<&str, Searched<'_>> = texts
        .iter()
        .map(|(id, text)| (id.as_str(), Searched::new(text)))
        .collect();
    let mut put = db.prepare_cached(
        "INSERT INTO evidence_quote_checks (evidence_id, holder_id, kept_text_sha256, found)
         VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (evidence_id) DO UPDATE SET holder_id = excluded.holder_id,
             kept_text_sha256 = excluded.kept_text_sha256, found = excluded.found",
    )?;
    let mut drop = db.prepare_cached("DELETE FROM evidence_quote_checks WHERE evidence_id = ?1")?;
    for (id, source_id, words) in &evidence {
        let quoted = looked_for(words.as_deref(), None);
        let holder = holders.get(source_id);
        match (
            quoted,
            holder,
            holder.and_then(|h| searched.get(h.id.as_str())),
        ) {
            (Some(q), Some(h), Some(text)) => {
                put.execute(params![id, h.id, h.sha256, text.holds(q)])?;
            }
            _ => {
                drop.execute(params![id])?;
            }
        }
    }
    Ok(())
}

/// Settles the checks of every quoting evidence that reads `source`'s text or cites it: its
/// own, its relay copies' (when it is an article), and those that read it before a change.
pub(crate) fn settle_source(db: &Db<'_>, source: &Source) -> Result<()> {
    let mut ids: Vec<String> = kept_text::quoting_evidence(db, source)?
        .into_iter()
        .map(|e| e.id)
        .collect();
    let before: Vec<String> = db.query_all(
        "SELECT evidence_id FROM evidence_quote_checks WHERE holder_id = ?1",
        params![source.id],
        |r| r.get(0),
    )?;
    ids.extend(before);
    ids.sort();
    ids.dedup();
    settle_evidence(db, &ids)
}

/// Migration hook: stores the check of every quoting evidence of an older desk.
pub(crate) fn backfill(tx: &rusqlite::Transaction<'_>) -> rusqlite_migration::HookResult {
    settle_all(&Db::sqlite(tx)).map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))
}

/// Stores the check of every quoting evidence in the desk, a batch of evidence at a time.
pub(crate) fn settle_all(db: &Db<'_>) -> Result<()> {
    let ids: Vec<String> = db.query_all(
        "SELECT id FROM evidence
         WHERE coalesce(original_quote, quote) IS NOT NULL ORDER BY source_id, id",
        &[],
        |r| r.get(0),
    )?;
    for batch in ids.chunks(5_000) {
        settle_evidence(db, batch)?;
    }
    Ok(())
}

impl crate::desk::Desk {
    /// Works out every stored quote check again, for a desk whose rows were written around the
    /// core (a bulk load, the benchmarks' kept texts).
    pub fn settle_quote_checks(&mut self) -> Result<()> {
        self.write(|w| settle_all(&w.db))
    }
}
