//! Claims: single checkable statements, each with a confidence level, an as-of date and a status.
//! A newer claim can supersede an older one; supersession never loops.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::audit;
use crate::checks::names;
use crate::confidence::Confidence;
use crate::dates::{PartialDate, parse_optional, parse_timestamp, timestamp};
use crate::db::{self, Db};
use crate::desk::{Desk, Write};
use crate::error::{CoreError, Result};
use crate::evidence::{self, EvidenceDetail};
use crate::ids::{RecordKind, new_id, resolve_in};
use crate::merge;
use crate::provenance;
use crate::reviews;
use crate::validate::{self, Shape};
use crate::vocab::ClaimStatus;

/// Most topic tags on one claim.
pub const MAX_TOPICS: usize = 20;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Claim {
    pub id: String,
    pub text: String,
    pub confidence: Confidence,
    /// The date the claim is known to hold at.
    pub as_of: Option<PartialDate>,
    pub status: ClaimStatus,
    pub topics: Vec<String>,
    /// The newer claim that replaces this one.
    pub superseded_by: Option<String>,
    /// A fact fixed once true (a premiere date, an award result): it never goes stale.
    pub settled: bool,
    /// Counts every change; an edit says which version its editor saw (see `merge.rs`).
    #[ts(type = "number")]
    pub version: i64,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

/// A claim as the user types it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ClaimInput {
    pub text: String,
    pub confidence: Confidence,
    pub as_of: Option<String>,
    /// `None` keeps the current status (`active` for a new claim).
    pub status: Option<ClaimStatus>,
    pub topics: Vec<String>,
    /// A fact fixed once true: it never goes stale.
    #[serde(default)]
    pub settled: bool,
}

/// An edit of a claim's named fields; a field left `None` stays as it is in the desk.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ClaimPatch {
    /// The claim's version the editor saw; `None` edits the claim as it is now.
    pub version: Option<i64>,
    pub text: Option<String>,
    pub confidence: Option<Confidence>,
    /// `""` clears the date.
    pub as_of: Option<String>,
    pub status: Option<ClaimStatus>,
    pub topics: Option<Vec<String>>,
    pub settled: Option<bool>,
}

impl ClaimPatch {
    /// Every field of a claim form, filled in by an editor who saw the claim at `version`.
    pub fn from_form(input: &ClaimInput, version: Option<i64>) -> ClaimPatch {
        ClaimPatch {
            version,
            text: Some(input.text.clone()),
            confidence: Some(input.confidence),
            as_of: Some(input.as_of.clone().unwrap_or_default()),
            status: input.status,
            topics: Some(input.topics.clone()),
            settled: Some(input.settled),
        }
    }
}

/// The fields an edit may change; the rest are kept by the desk.
const EDITABLE: &[&str] = &["text", "confidence", "as_of", "status", "topics", "settled"];

/// A claim with its evidence, each piece with its source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ClaimDetail {
    #[serde(flatten)]
    pub claim: Claim,
    pub evidence: Vec<EvidenceDetail>,
}

/// How many columns [`columns`] holds.
pub(crate) const WIDTH: usize = 11;

/// The columns a [`Claim`] is read from, in `db`'s dialect.
pub(crate) fn columns(db: &Db<'_>) -> String {
    format!(
        "id, text, confidence, as_of, status, superseded_by, created_at, updated_at, version, {}, \
         settled",
        db.json_array_of(
            "topic",
            "claim_topics t WHERE t.claim_id = claims.id",
            "topic"
        )
    )
}

/// A claim from a row of [`columns`], on either engine.
pub(crate) fn read_row(r: &db::Row<'_>) -> rusqlite::Result<Claim> {
    let topics: String = r.get(9)?;
    Ok(Claim {
        id: r.get(0)?,
        text: r.get(1)?,
        confidence: r.get(2)?,
        as_of: r.get(3)?,
        status: r.get(4)?,
        superseded_by: r.get(5)?,
        created_at: parse_timestamp(&r.get::<_, String>(6)?)?,
        updated_at: parse_timestamp(&r.get::<_, String>(7)?)?,
        version: r.get(8)?,
        settled: r.get(10)?,
        topics: serde_json::from_str(&topics).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(9, rusqlite::types::Type::Text, e.into())
        })?,
    })
}

/// One claim by full id, on either engine.
pub(crate) fn get_db(db: &Db<'_>, id: &str) -> Result<Claim> {
    db.query_row(
        &format!("SELECT {} FROM claims WHERE id = ?1", columns(db)),
        params![id],
        read_row,
    )
    .map_err(CoreError::missing("claim", id))
}

/// The claims among `ids` (a JSON array of full ids) that exist, by primary key.
/// Up to three claim ids starting with `prefix` (upper case), through the primary key.
pub(crate) fn ids_starting(db: &Db<'_>, prefix: &str) -> Result<Vec<String>> {
    if prefix.is_empty() {
        return Ok(Vec::new());
    }
    db.query_all(
        &format!(
            "SELECT id FROM claims WHERE {} ORDER BY {} LIMIT 3",
            db.byte_range("id", 1, 2),
            db.byte_order("id")
        ),
        params![prefix, format!("{prefix}~")],
        |r| r.get(0),
    )
}

pub(crate) fn by_ids_in(db: &Db<'_>, ids: &str) -> Result<Vec<Claim>> {
    db.query_all(
        &format!(
            "SELECT {} FROM claims WHERE {}",
            columns(db),
            db.in_keys("id", 1)
        ),
        params![ids],
        read_row,
    )
}

struct Checked {
    text: String,
    as_of: Option<PartialDate>,
    topics: Vec<String>,
}

fn check(input: &ClaimInput) -> Result<Checked> {
    let text = validate::required("text", &input.text, Shape::Paragraph)?;
    let as_of = parse_optional("as_of", input.as_of.as_deref())?;
    let mut topics = Vec::new();
    for t in &input.topics {
        if let Some(t) = validate::optional("topics", Some(t), Shape::Line)? {
            let t = t.to_lowercase();
            if !topics.contains(&t) {
                topics.push(t);
            }
        }
    }
    if topics.len() > MAX_TOPICS {
        return Err(CoreError::invalid(
            "topics",
            format!("a claim takes at most {MAX_TOPICS} topics"),
        ));
    }
    Ok(Checked {
        text,
        as_of,
        topics,
    })
}

/// `current` with the fields `patch` names, checked as a claim form would be.
fn patched(current: &Claim, patch: &ClaimPatch) -> Result<Claim> {
    let input = ClaimInput {
        text: patch.text.clone().unwrap_or_else(|| current.text.clone()),
        confidence: patch.confidence.unwrap_or(current.confidence),
        as_of: match &patch.as_of {
            Some(text) => Some(text.clone()),
            None => current.as_of.map(|d| d.to_string()),
        },
        status: patch.status,
        topics: patch
            .topics
            .clone()
            .unwrap_or_else(|| current.topics.clone()),
        settled: patch.settled.unwrap_or(current.settled),
    };
    let c = check(&input)?;
    let mut topics = c.topics;
    topics.sort();
    Ok(Claim {
        text: c.text,
        confidence: input.confidence,
        as_of: c.as_of,
        status: patch.status.unwrap_or(current.status),
        topics,
        settled: input.settled,
        ..current.clone()
    })
}

fn write_topics(w: &Write<'_>, id: &str, topics: &[String]) -> Result<()> {
    w.db.execute("DELETE FROM claim_topics WHERE claim_id = ?1", params![id])?;
    let mut stmt =
        w.db.prepare_cached("INSERT INTO claim_topics (claim_id, topic) VALUES (?1, ?2)")?;
    for t in topics {
        stmt.execute(params![id, t])?;
    }
    Ok(())
}

/// Marks `old` as superseded by `new` inside an open write.
pub(crate) fn supersede(w: &Write<'_>, old: &str, new: &str) -> Result<Claim> {
    let old = resolve_in(&w.db, RecordKind::Claim, "old", old)?;
    let new = resolve_in(&w.db, RecordKind::Claim, "new", new)?;
    if old == new {
        return Err(CoreError::invalid("new", "a claim cannot supersede itself"));
    }
    // Both rows, in id order: two supersessions crossing each other (old and new swapped) would
    // each pass the loop check below and together make a loop.
    let (first, second) = if old < new {
        (&old, &new)
    } else {
        (&new, &old)
    };
    merge::hold(&w.db, RecordKind::Claim, first)?;
    merge::hold(&w.db, RecordKind::Claim, second)?;
    // Walk forward from the new claim: reaching the old one means a loop.
    let mut next = Some(new.clone());
    let mut hops = 0;
    while let Some(id) = next {
        if id == old {
            return Err(CoreError::invalid(
                "new",
                "is itself superseded, directly or not, by the old claim",
            ));
        }
        hops += 1;
        if hops > crate::sources::MAX_CHAIN {
            break;
        }
        next = get_db(&w.db, &id)?.superseded_by;
    }
    let before = get_db(&w.db, &old)?;
    w.db.execute(
        "UPDATE claims SET status = 'superseded', superseded_by = ?2, updated_at = ?3,
         version = version + 1 WHERE id = ?1",
        params![old, new, timestamp(w.now)],
    )?;
    let after = get_db(&w.db, &old)?;
    audit::record(w, RecordKind::Claim, &old, Some(&before), Some(&after))?;
    reviews::reopen_if_review_relevant(
        w,
        &old,
        &reviews::Change::Claim {
            before: &before,
            after: &after,
        },
    )?;
    Ok(after)
}

/// Adds a claim inside an open write.
pub(crate) fn add(w: &Write<'_>, input: &ClaimInput) -> Result<Claim> {
    let c = check(input)?;
    let id = new_id(w.now);
    w.db.prepare_cached(
        "INSERT INTO claims (id, text, confidence, as_of, status, created_at, updated_at, settled)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7)",
    )?
    .execute(params![
        id,
        c.text,
        input.confidence,
        c.as_of,
        input.status.unwrap_or(ClaimStatus::Active),
        timestamp(w.now),
        input.settled
    ])?;
    write_topics(w, &id, &c.topics)?;
    names::index(&w.db, ("claim", &id), &[&c.text])?;
    let claim = get_db(&w.db, &id)?;
    audit::record(w, RecordKind::Claim, &id, None, Some(&claim))?;
    Ok(claim)
}

impl Desk {
    pub fn add_claim(&mut self, input: &ClaimInput) -> Result<Claim> {
        self.write(|w| add(w, input))
    }

    /// Replaces a claim's text, confidence, as-of date, status and topics with `input`, whatever
    /// the claim holds now.
    pub fn update_claim(&mut self, id: &str, input: &ClaimInput) -> Result<Claim> {
        self.edit_claim(id, &ClaimPatch::from_form(input, None), None)
    }

    /// Changes the fields `patch` names, against the claim as it is inside the write (see
    /// `merge.rs` for an edit made from an older version). With a `reason`, also records that
    /// a reviewer keeps the claim at its confidence even above what its evidence suggests.
    pub fn edit_claim(
        &mut self,
        id: &str,
        patch: &ClaimPatch,
        reason: Option<&str>,
    ) -> Result<Claim> {
        let reason = crate::provenance::check_reason(reason)?;
        self.write(|w| {
            let id = resolve_in(&w.db, RecordKind::Claim, "claim", id)?;
            merge::hold(&w.db, RecordKind::Claim, &id)?;
            let before = get_db(&w.db, &id)?;
            let proposed = patched(&before, patch)?;
            let merged = merge::merge(
                &w.db,
                "claim",
                &id,
                &before,
                &proposed,
                patch.version,
                EDITABLE,
            )?;
            if merged.status == ClaimStatus::Superseded && before.superseded_by.is_none() {
                return Err(CoreError::invalid(
                    "status",
                    "a claim becomes superseded by naming the claim that replaces it \
                     (claim supersede OLD NEW)",
                ));
            }
            let after = if merged == before {
                before.clone()
            } else {
                w.db.prepare_cached(
                    "UPDATE claims SET text = ?2, confidence = ?3, as_of = ?4, status = ?5,
                     superseded_by = CASE WHEN ?5 = 'superseded' THEN superseded_by END,
                     updated_at = ?6, version = version + 1, settled = ?7 WHERE id = ?1",
                )?
                .execute(params![
                    id,
                    merged.text,
                    merged.confidence,
                    merged.as_of,
                    merged.status,
                    timestamp(w.now),
                    merged.settled
                ])?;
                write_topics(w, &id, &merged.topics)?;
                if merged.text != before.text {
                    names::index(&w.db, ("claim", &id), &[&merged.text])?;
                }
                let after = get_db(&w.db, &id)?;
                audit::record(w, RecordKind::Claim, &id, Some(&before), Some(&after))?;
                after
            };
            reviews::reopen_if_review_relevant(
                w,
                &id,
                &reviews::Change::Claim {
                    before: &before,
                    after: &after,
                },
            )?;
            if let Some(reason) = &reason {
                provenance::set_override(w, &id, after.confidence, reason)?;
            }
            Ok(after)
        })
    }

    /// Marks `old` as superseded by `new`.
    pub fn supersede_claim(&mut self, old: &str, new: &str) -> Result<Claim> {
        self.write(|w| supersede(w, old, new))
    }

    /// One claim by id or unique id prefix.
    pub fn claim(&self, id: &str) -> Result<Claim> {
        self.read(|db| {
            let id = resolve_in(db, RecordKind::Claim, "claim", id)?;
            get_db(db, &id)
        })
    }

    /// A claim with its evidence and their sources.
    pub fn claim_detail(&self, id: &str) -> Result<ClaimDetail> {
        self.read(|db| {
            let id = resolve_in(db, RecordKind::Claim, "claim", id)?;
            let claim = get_db(db, &id)?;
            let evidence = evidence::details_db(db, &claim.id)?;
            Ok(ClaimDetail { claim, evidence })
        })
    }
}
