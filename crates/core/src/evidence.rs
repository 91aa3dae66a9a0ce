//! Evidence: the link from a claim to a source, with the quote that bears it out, where in the
//! source it stands, whether it supports or contradicts the claim, who translated it, and whether
//! the writer says the source is the party itself speaking (`first_party`, which only the writer
//! can know: a person on their own plans or words; see `provenance.rs`).

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::audit;
use crate::dates::{parse_timestamp, timestamp};
use crate::db::{self, Db, Engine};
use crate::desk::{Desk, Write};
use crate::error::{CoreError, Result};
use crate::ids::{RecordKind, new_id, resolve_in};
use crate::reviews;
use crate::sources::{self, Source};
use crate::validate::{self, Shape};
use crate::vocab::Stance;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Evidence {
    pub id: String,
    pub claim_id: String,
    pub source_id: String,
    /// The words in the source that bear the claim out (in the draft's language).
    pub quote: Option<String>,
    /// Where in the source: page, paragraph, timestamp.
    pub locator: Option<String>,
    pub stance: Stance,
    /// Who translated the quote, when the source is in another language.
    pub translated_by: Option<String>,
    /// The quote in the source's own language.
    pub original_quote: Option<String>,
    /// The writer says the source is the party itself speaking about its own plans or words
    /// (a person on their own role, in an interview or a post).
    pub first_party: bool,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct EvidenceInput {
    /// Claim id or unique prefix.
    pub claim: String,
    /// Source id or unique prefix.
    pub source: String,
    pub quote: Option<String>,
    pub locator: Option<String>,
    pub stance: Option<Stance>,
    pub translated_by: Option<String>,
    pub original_quote: Option<String>,
    /// The source is the party itself on its own plans or words; absent means no.
    #[ts(optional)]
    pub first_party: Option<bool>,
}

/// A piece of evidence with its source and the chain that source relays.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct EvidenceDetail {
    #[serde(flatten)]
    pub evidence: Evidence,
    pub source: Source,
    /// The sources relayed, nearest first, ending at the origin.
    pub via_chain: Vec<Source>,
}

const COLUMNS: &str = "id, claim_id, source_id, quote, locator, stance, translated_by, \
                       original_quote, created_at, first_party";

fn read_row(r: &db::Row<'_>) -> rusqlite::Result<Evidence> {
    Ok(Evidence {
        id: r.get(0)?,
        claim_id: r.get(1)?,
        source_id: r.get(2)?,
        quote: r.get(3)?,
        locator: r.get(4)?,
        stance: r.get(5)?,
        translated_by: r.get(6)?,
        original_quote: r.get(7)?,
        created_at: parse_timestamp(&r.get::<_, String>(8)?)?,
        first_party: r.get(9)?,
    })
}

fn get_db(db: &Db<'_>, id: &str) -> Result<Evidence> {
    db.query_row(
        &format!("SELECT {COLUMNS} FROM evidence WHERE id = ?1"),
        params![id],
        read_row,
    )
    .map_err(CoreError::missing("evidence", id))
}

/// The evidence of the claims among `claim_ids` (a JSON array of full ids), oldest first, through
/// `evidence_claim`.
pub(crate) fn for_claims_in(db: &Db<'_>, claim_ids: &str) -> Result<Vec<Evidence>> {
    db.query_all(
        &format!(
            "SELECT {COLUMNS} FROM evidence WHERE {} ORDER BY {}",
            db.in_keys("claim_id", 1),
            oldest_first(db)
        ),
        params![claim_ids],
        read_row,
    )
}

/// Evidence oldest first: in the order it was linked, the rowid on a desk file and `seq` on a
/// team desk (`team/evidence_order.sql`). Not `created_at, id`: one write's links share an
/// instant and their ULIDs are random within it, so footnotes would come out in another order.
fn oldest_first(db: &Db<'_>) -> &'static str {
    match db.engine() {
        Engine::Sqlite => "rowid",
        Engine::Postgres => "seq",
    }
}

/// The evidence of one claim, oldest first, on either engine (a team desk has no rowid: there
/// it is time, then id).
fn for_claim_db(db: &Db<'_>, claim_id: &str) -> Result<Vec<Evidence>> {
    db.query_all(
        &format!(
            "SELECT {COLUMNS} FROM evidence WHERE claim_id = ?1 ORDER BY {}",
            oldest_first(db)
        ),
        params![claim_id],
        read_row,
    )
}

/// Each piece of a claim's evidence with its source and relay chain.
pub(crate) fn details_db(db: &Db<'_>, claim_id: &str) -> Result<Vec<EvidenceDetail>> {
    for_claim_db(db, claim_id)?
        .into_iter()
        .map(|evidence| {
            let source = sources::get_db(db, &evidence.source_id)?;
            let via_chain = sources::chain_db(db, &source)?;
            Ok(EvidenceDetail {
                evidence,
                source,
                via_chain,
            })
        })
        .collect()
}

/// Links a claim to a source inside an open write.
pub(crate) fn link(w: &Write<'_>, input: &EvidenceInput) -> Result<Evidence> {
    let claim = resolve_in(&w.db, RecordKind::Claim, "claim", &input.claim)?;
    let source = resolve_in(&w.db, RecordKind::Source, "source", &input.source)?;
    let quote = validate::optional("quote", input.quote.as_deref(), Shape::Paragraph)?;
    let locator = validate::optional("locator", input.locator.as_deref(), Shape::Line)?;
    let translated_by =
        validate::optional("translated_by", input.translated_by.as_deref(), Shape::Line)?;
    let original_quote = validate::optional(
        "original_quote",
        input.original_quote.as_deref(),
        Shape::Paragraph,
    )?;
    if translated_by.is_some() && quote.is_none() {
        return Err(CoreError::invalid(
            "quote",
            "a translation credit needs the translated quote",
        ));
    }
    let id = new_id(w.now);
    w.db.prepare_cached(&format!(
        "INSERT INTO evidence ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
    ))?
    .execute(params![
        id,
        claim,
        source,
        quote,
        locator,
        input.stance.unwrap_or(Stance::Supports),
        translated_by,
        original_quote,
        timestamp(w.now),
        input.first_party.unwrap_or(false)
    ])?;
    let evidence = get_db(&w.db, &id)?;
    crate::quote_checks::settle_evidence(&w.db, std::slice::from_ref(&id))?;
    audit::record(w, RecordKind::Evidence, &id, None, Some(&evidence))?;
    reviews::reopen_if_review_relevant(w, &claim, &reviews::Change::EvidenceLinked)?;
    Ok(evidence)
}

/// How much evidence a claim has, for lists that show it beside many claims at once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct EvidenceCount {
    pub claim_id: String,
    /// Distinct sources linked, whatever their stance.
    pub sources: u32,
    /// Pieces of evidence that support the claim.
    pub supporting: u32,
}

impl Desk {
    /// The evidence counts of the claims among `claim_ids` (full ids) that exist, in one query:
    /// a draft's panel asks for a thousand at once, which one request per claim made slow.
    pub fn evidence_counts(&self, claim_ids: &[String]) -> Result<Vec<EvidenceCount>> {
        let ids = serde_json::to_string(claim_ids)
            .map_err(|e| CoreError::Internal(format!("could not list the claim ids: {e}")))?;
        self.read(|db| {
            // Oldest claim first: a desk file's insertion order, a team desk's time then id
            // (as `for_claim_db`).
            let order = match db.engine() {
                Engine::Sqlite => "c.rowid",
                Engine::Postgres => "c.created_at, c.id",
            };
            db.query_all(
                &format!(
                    "SELECT c.id, COUNT(DISTINCT e.source_id), \
                            COALESCE(SUM(CASE WHEN e.stance = 'supports' THEN 1 ELSE 0 END), 0) \
                     FROM claims c LEFT JOIN evidence e ON e.claim_id = c.id \
                     WHERE {} GROUP BY c.id ORDER BY {order}",
                    db.in_keys("c.id", 1)
                ),
                params![ids],
                |r| {
                    Ok(EvidenceCount {
                        claim_id: r.get(0)?,
                        sources: r.get(1)?,
                        supporting: r.get(2)?,
                    })
                },
            )
        })
    }

    /// Links a claim to a source.
    pub fn link_evidence(&mut self, input: &EvidenceInput) -> Result<Evidence> {
        self.write(|w| link(w, input))
    }

    /// Removes one piece of evidence.
    pub fn unlink_evidence(&mut self, id: &str) -> Result<()> {
        self.write(|w| {
            let id = resolve_in(&w.db, RecordKind::Evidence, "evidence", id)?;
            crate::merge::hold(&w.db, RecordKind::Evidence, &id)?;
            let before = get_db(&w.db, &id)?;
            w.db.execute("DELETE FROM evidence WHERE id = ?1", params![id])?;
            audit::record(w, RecordKind::Evidence, &id, Some(&before), None)?;
            reviews::reopen_if_review_relevant(
                w,
                &before.claim_id,
                &reviews::Change::EvidenceUnlinked,
            )
        })
    }

    /// Every piece of evidence of a claim, oldest first.
    pub fn evidence_for(&self, claim_id: &str) -> Result<Vec<Evidence>> {
        self.read(|db| for_claim_db(db, claim_id))
    }
}

/// An edit of a piece of evidence's named fields; `None` leaves a field as it is, `""` clears it.
/// The claim and the source stay: linking elsewhere is unlinking and linking again.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct EvidencePatch {
    pub quote: Option<String>,
    pub locator: Option<String>,
    pub stance: Option<Stance>,
    pub translated_by: Option<String>,
    pub original_quote: Option<String>,
    pub first_party: Option<bool>,
}

impl Desk {
    /// Changes the fields `patch` names, against the evidence as it is inside the write, and
    /// reopens the claim's approvals when anything changed.
    pub fn edit_evidence(&mut self, id: &str, patch: &EvidencePatch) -> Result<Evidence> {
        self.write(|w| {
            let id = resolve_in(&w.db, RecordKind::Evidence, "evidence", id)?;
            // Evidence has no version: holding its row makes a concurrent edit start from this
            // one's result instead of overwriting it with fields read before.
            crate::merge::hold(&w.db, RecordKind::Evidence, &id)?;
            let before = get_db(&w.db, &id)?;
            let pick =
                |field: &str, patch: &Option<String>, now: &Option<String>, shape| match patch {
                    Some(v) => validate::optional(field, Some(v), shape),
                    None => Ok(now.clone()),
                };
            let after = Evidence {
                quote: pick("quote", &patch.quote, &before.quote, Shape::Paragraph)?,
                locator: pick("locator", &patch.locator, &before.locator, Shape::Line)?,
                stance: patch.stance.unwrap_or(before.stance),
                first_party: patch.first_party.unwrap_or(before.first_party),
                translated_by: pick(
                    "translated_by",
                    &patch.translated_by,
                    &before.translated_by,
                    Shape::Line,
                )?,
                original_quote: pick(
                    "original_quote",
                    &patch.original_quote,
                    &before.original_quote,
                    Shape::Paragraph,
                )?,
                ..before.clone()
            };
            if after.translated_by.is_some() && after.quote.is_none() {
                return Err(CoreError::invalid(
                    "quote",
                    "a translation credit needs the translated quote",
                ));
            }
            if after == before {
                return Ok(before);
            }
            w.db.prepare_cached(
                "UPDATE evidence SET quote = ?2, locator = ?3, stance = ?4, translated_by = ?5,
                 original_quote = ?6, first_party = ?7 WHERE id = ?1",
            )?
            .execute(params![
                id,
                after.quote,
                after.locator,
                after.stance,
                after.translated_by,
                after.original_quote,
                after.first_party
            ])?;
            crate::quote_checks::settle_evidence(&w.db, std::slice::from_ref(&id))?;
            audit::record(w, RecordKind::Evidence, &id, Some(&before), Some(&after))?;
            reviews::reopen_if_review_relevant(
                w,
                &after.claim_id,
                &reviews::Change::EvidenceEdited,
            )?;
            Ok(after)
        })
    }
}
