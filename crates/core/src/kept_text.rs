//! A source's kept text as it changes: the article an intake is pasting again, its new text, and
//! the evidence whose quotes vanished with the old one (`source-changed`, checked in
//! `checks/quotes.rs`).
//!
//! Invariants:
//! - An article is the same source when a recorded article (a source that keeps text and relays
//!   nothing) has its URL, or, pasted without a URL, its outlet and title (letter case aside).
//!   Its relay copies (intake's record of the article relaying one chain: no kept text, a `via`,
//!   the same URL, or outlet and title) read the article's text, so their evidence is flagged
//!   with the article's.
//! - The same text again (same SHA-256 once trimmed) changes nothing. A changed text replaces
//!   the kept text and its hash in one write, recorded in the source's history (both fields,
//!   old and new), and sets the flags in the same transaction.
//! - A flag lives until the evidence is edited (a trigger drops it), unlinked (it cascades) or a
//!   later text holds the quote again; the check never reports a flag's evidence as
//!   `quote-not-in-source` as well.

use std::collections::{BTreeSet, HashMap};

use rusqlite::params;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::audit;
use crate::checks::quotes::{Searched, looked_for};
use crate::dates::timestamp;
use crate::db::{self, Db, Optional as _};
use crate::desk::{Desk, Write};
use crate::error::{CoreError, Result};
use crate::ids::{RecordKind, resolve_in};
use crate::sources::{self, Source};
use crate::validate::{self, Shape};

/// What pasting an article again changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct TextChange {
    /// The hash of the text kept before.
    pub old_sha256: Option<String>,
    /// The hash of the text kept now.
    pub new_sha256: String,
    /// The evidence whose quotes are not in the new text, flagged `source-changed`.
    pub flagged: Vec<String>,
}

/// The text a source's evidence is read against, and the source that keeps it.
pub struct KeptText {
    pub holder: String,
    pub text: String,
}

/// A piece of evidence whose quote vanished when its source's text changed.
pub struct Flag {
    pub source_id: String,
    pub old_sha256: Option<String>,
    pub new_sha256: String,
}

/// One piece of evidence whose quote is absent from its source's kept text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AbsentQuote {
    pub evidence_id: String,
    pub claim_id: String,
    /// The source the evidence cites (the article, or its copy relaying a chain).
    pub source_id: String,
    /// The words looked for: the original of a translation, else the quote.
    pub looked_for: String,
    /// Flagged `source-changed` by a paste with new text.
    pub source_changed: bool,
}

/// What `source recheck` found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Recheck {
    pub source_id: String,
    /// False when the source keeps no text (its own or its article's): nothing was checked.
    pub has_kept_text: bool,
    /// Quoting evidence checked.
    pub checked: u32,
    pub absent: Vec<AbsentQuote>,
}

/// Hex SHA-256 of a kept text, as `sources` stores it.
pub fn sha256_hex(text: &str) -> String {
    format!("{:x}", Sha256::digest(text.as_bytes()))
}

fn id_list<'a>(ids: impl IntoIterator<Item = &'a str>) -> Result<String> {
    serde_json::to_string(&ids.into_iter().collect::<BTreeSet<_>>())
        .map_err(|e| CoreError::Internal(format!("could not list ids: {e}")))
}

/// The flags on the evidence `ids`, by evidence id.
pub(crate) fn flags_in<'a>(
    db: &Db<'_>,
    ids: impl IntoIterator<Item = &'a str>,
) -> Result<HashMap<String, Flag>> {
    let ids = id_list(ids)?;
    let rows = db
        .prepare_cached(&format!(
            "SELECT evidence_id, source_id, old_sha256, new_sha256 FROM evidence_source_changes
             WHERE {}",
            db.in_keys("evidence_id", 1)
        ))?
        .query_map(params![ids], |r| {
            Ok((
                r.get::<_, String>(0)?,
                Flag {
                    source_id: r.get(1)?,
                    old_sha256: r.get(2)?,
                    new_sha256: r.get(3)?,
                },
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// The recorded article `url` (else `outlet` and `title`) names, and the hash of its text.
fn article(
    db: &Db<'_>,
    url: Option<&str>,
    outlet: Option<&str>,
    title: &str,
) -> Result<Option<(String, String)>> {
    let row = |r: &db::Row<'_>| Ok((r.get(0)?, r.get(1)?));
    let found = match (url, outlet) {
        (Some(url), _) => db
            .query_row(
                &format!(
                    "SELECT id, kept_text_sha256 FROM sources
                     WHERE url = ?1 AND via IS NULL AND kept_text_sha256 IS NOT NULL
                     ORDER BY {} DESC LIMIT 1",
                    db.byte_order("id")
                ),
                params![url],
                row,
            )
            .optional()?,
        (None, Some(outlet)) => db
            .query_row(
                &format!(
                    "SELECT id, kept_text_sha256 FROM sources
                     WHERE {} AND {}
                       AND via IS NULL AND kept_text_sha256 IS NOT NULL
                     ORDER BY {} DESC LIMIT 1",
                    db.ascii_nocase_eq("title", 1),
                    db.ascii_nocase_eq("outlet", 2),
                    db.byte_order("id")
                ),
                params![title.trim(), outlet.trim()],
                row,
            )
            .optional()?,
        (None, None) => None,
    };
    Ok(found)
}

/// [`article`] of each of `urls` at once (id and hash of the newest recorded article with that
/// URL): a draft's relay copies are looked up in one query, not one each.
fn articles_by_url<'a>(
    db: &Db<'_>,
    urls: impl IntoIterator<Item = &'a str>,
) -> Result<HashMap<String, (String, String)>> {
    let urls: BTreeSet<&str> = urls.into_iter().collect();
    let mut newest: HashMap<String, (String, String)> = HashMap::new();
    if urls.is_empty() {
        return Ok(newest);
    }
    // NOTE: `+via` keeps the planner on `sources_url`: offered `via IS NULL`, it took
    // `sources_via` and walked every article of the desk.
    let mut stmt = db.prepare_cached(&format!(
        "SELECT url, id, kept_text_sha256 FROM sources
         WHERE {} AND {} IS NULL AND kept_text_sha256 IS NOT NULL",
        db.in_keys("url", 1),
        db.unindexed("via")
    ))?;
    let rows = stmt.query_map(params![id_list(urls)?], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?))
    })?;
    for row in rows {
        let (url, id, sha256) = row?;
        // `ORDER BY id DESC LIMIT 1` of `article`: ids compare as SQLite's binary collation does.
        match newest.get(&url) {
            Some((kept, _)) if *kept >= id => {}
            _ => {
                newest.insert(url, (id, sha256));
            }
        }
    }
    Ok(newest)
}

/// The source keeping the text a cited source is read against, and that text's hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Holder {
    pub id: String,
    pub sha256: String,
}

/// The holder of the text each of `cited` is read against, by cited source id (a source that
/// keeps no text either way is left out). Reads hashes, never texts.
pub(crate) fn holders_in<'a>(
    db: &Db<'_>,
    cited: impl IntoIterator<Item = &'a Source>,
) -> Result<HashMap<String, Holder>> {
    let cited: Vec<&Source> = cited.into_iter().collect();
    // Relay copies (no kept text, a `via`) read the article recorded with their URL.
    let by_url = articles_by_url(
        db,
        cited
            .iter()
            .filter(|s| s.kept_text_sha256.is_none() && s.via.is_some())
            .filter_map(|s| s.url.as_deref()),
    )?;
    let mut holders: HashMap<String, Holder> = HashMap::new();
    for s in cited {
        if holders.contains_key(&s.id) {
            continue;
        }
        let holder = if let Some(sha256) = &s.kept_text_sha256 {
            Some((s.id.clone(), sha256.clone()))
        } else if s.via.is_some() {
            match s.url.as_deref() {
                Some(url) => by_url.get(url).cloned(),
                None => article(db, None, s.outlet.as_deref(), &s.title)?,
            }
        } else {
            None
        };
        if let Some((id, sha256)) = holder {
            holders.insert(s.id.clone(), Holder { id, sha256 });
        }
    }
    Ok(holders)
}

/// The kept texts of the sources `ids`, by id.
pub(crate) fn texts_of<'a>(
    db: &Db<'_>,
    ids: impl IntoIterator<Item = &'a str>,
) -> Result<HashMap<String, String>> {
    let texts = db
        .prepare_cached(&format!(
            "SELECT id, kept_text FROM sources WHERE {} AND kept_text IS NOT NULL",
            db.in_keys("id", 1)
        ))?
        .query_map(params![id_list(ids)?], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(texts)
}

/// The sources keeping the text each of `cited` is read against, by cited source id.
pub(crate) fn kept_texts_in<'a>(
    db: &Db<'_>,
    cited: impl IntoIterator<Item = &'a Source>,
) -> Result<HashMap<String, KeptText>> {
    let holders = holders_in(db, cited)?;
    if holders.is_empty() {
        return Ok(HashMap::new());
    }
    let texts = texts_of(db, holders.values().map(|h| h.id.as_str()))?;
    Ok(holders
        .into_iter()
        .filter_map(|(cited, holder)| {
            let text = texts.get(&holder.id)?.clone();
            Some((
                cited,
                KeptText {
                    holder: holder.id,
                    text,
                },
            ))
        })
        .collect())
}

/// The article recorded with this URL (else outlet and title), when an intake pastes it again.
pub(crate) fn recorded_as(
    db: &Db<'_>,
    url: Option<&str>,
    outlet: &str,
    title: &str,
) -> Result<Option<Source>> {
    let url = validate::url("url", url)?;
    match article(db, url.as_deref(), Some(outlet), title)? {
        Some((id, _)) => Ok(Some(sources::get_db(db, &id)?)),
        None => Ok(None),
    }
}

/// A piece of evidence that quotes its source.
pub(crate) struct Quoting {
    pub id: String,
    pub claim_id: String,
    pub source_id: String,
    /// See [`looked_for`].
    pub looked_for: String,
}

/// The evidence citing `article` or its relay copies, quoting something.
pub(crate) fn quoting_evidence(db: &Db<'_>, article: &Source) -> Result<Vec<Quoting>> {
    // Two statements rather than one CASE, so each walks its index (`sources_url`, or
    // `sources_title`) instead of every source.
    let (copies, matched) = match &article.url {
        Some(url) => (
            "url = ?2".to_string(),
            vec![&article.id as &dyn rusqlite::ToSql, url],
        ),
        None => (
            format!(
                "{} AND {}",
                db.ascii_nocase_eq("title", 2),
                db.ascii_nocase_eq("outlet", 3)
            ),
            vec![
                &article.id as &dyn rusqlite::ToSql,
                &article.title,
                &article.outlet,
            ],
        ),
    };
    let rows = db
        .prepare_cached(&format!(
            "SELECT id, claim_id, source_id, quote, original_quote FROM evidence
             WHERE source_id = ?1 OR source_id IN (
                 SELECT id FROM sources
                 WHERE via IS NOT NULL AND kept_text_sha256 IS NULL AND {copies})
             ORDER BY claim_id, id"
        ))?
        .query_map(&matched, |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
            ))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, claim_id, source_id, quote, original)| {
            let q = looked_for(quote.as_deref(), original.as_deref())?.to_string();
            Some(Quoting {
                id,
                claim_id,
                source_id,
                looked_for: q,
            })
        })
        .collect())
}

/// Replaces `article`'s kept text with `text` (already trimmed, hash differing) and flags the
/// evidence whose quotes vanished; clears the flags of evidence whose quotes are back.
pub(crate) fn replace_text(
    w: &Write<'_>,
    article: &Source,
    text: &str,
) -> Result<(Source, TextChange)> {
    let Some(text) = validate::optional("kept_text", Some(text), Shape::Document)? else {
        return Err(CoreError::invalid("text", "the article's text is empty"));
    };
    let new_sha256 = sha256_hex(&text);
    w.db.execute(
        "UPDATE sources SET kept_text = ?2, kept_text_sha256 = ?3, updated_at = ?4,
         version = version + 1 WHERE id = ?1",
        params![article.id, text, new_sha256, timestamp(w.now)],
    )?;
    let after = sources::get_db(&w.db, &article.id)?;
    audit::record(
        w,
        RecordKind::Source,
        &article.id,
        Some(article),
        Some(&after),
    )?;
    // Pending candidates point into the old text; the intake proposes the new text's.
    w.db.execute(
        "DELETE FROM intake_candidates WHERE source_id = ?1 AND state = 'pending'",
        params![article.id],
    )?;
    let searched = Searched::new(&text);
    let mut flagged = Vec::new();
    let mut flag = w.db.prepare_cached(
        "INSERT INTO evidence_source_changes
             (evidence_id, source_id, old_sha256, new_sha256, changed_at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (evidence_id) DO UPDATE SET
             new_sha256 = excluded.new_sha256, changed_at = excluded.changed_at",
    )?;
    let mut clear =
        w.db.prepare_cached("DELETE FROM evidence_source_changes WHERE evidence_id = ?1")?;
    for e in quoting_evidence(&w.db, article)? {
        if searched.holds(&e.looked_for) {
            clear.execute(params![e.id])?;
        } else {
            flag.execute(params![
                e.id,
                article.id,
                article.kept_text_sha256,
                new_sha256,
                timestamp(w.now)
            ])?;
            flagged.push(e.id);
        }
    }
    crate::quote_checks::settle_source(&w.db, &after)?;
    Ok((
        after,
        TextChange {
            old_sha256: article.kept_text_sha256.clone(),
            new_sha256,
            flagged,
        },
    ))
}

impl Desk {
    /// The evidence citing a source (or, for a recorded article, its relay copies) whose quotes
    /// are not in the text the source keeps.
    pub fn recheck_source(&self, id: &str) -> Result<Recheck> {
        self.read(|db| recheck_db(db, id))
    }
}

/// [`Desk::recheck_source`] on either engine.
fn recheck_db(db: &Db<'_>, id: &str) -> Result<Recheck> {
    let id = resolve_in(db, RecordKind::Source, "source", id)?;
    let source = sources::get_db(db, &id)?;
    let kept = kept_texts_in(db, [&source])?;
    let Some(k) = kept.get(&id) else {
        return Ok(Recheck {
            source_id: id,
            has_kept_text: false,
            checked: 0,
            absent: Vec::new(),
        });
    };
    let article = if k.holder == id {
        source.clone()
    } else {
        sources::get_db(db, &k.holder)?
    };
    let evidence = quoting_evidence(db, &article)?;
    let flags = flags_in(db, evidence.iter().map(|e| e.id.as_str()))?;
    let searched = Searched::new(&k.text);
    let absent = evidence
        .iter()
        .filter(|e| !searched.holds(&e.looked_for))
        .map(|e| AbsentQuote {
            evidence_id: e.id.clone(),
            claim_id: e.claim_id.clone(),
            source_id: e.source_id.clone(),
            looked_for: e.looked_for.clone(),
            source_changed: flags.contains_key(&e.id),
        })
        .collect();
    Ok(Recheck {
        source_id: id,
        has_kept_text: true,
        checked: evidence.len() as u32,
        absent,
    })
}
