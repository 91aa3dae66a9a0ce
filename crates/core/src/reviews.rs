//! Per-claim sign-off inside a draft: each claim the draft uses is `pending` until a reviewer
//! sets it `approved`, `changes-requested` or `rejected`, with a comment.
//!
//! The one rule of reopening: an approval speaks of what the reviewer saw, so any change a
//! reviewer would judge (the claim's text, confidence, status, as-of date or supersession, or
//! its evidence being linked, unlinked or edited) puts every approval of the claim back to
//! `pending`, inside the write that made the change. Every write path calls
//! [`reopen_if_review_relevant`]; nothing else decides what is relevant.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::audit;
use crate::claims::Claim;
use crate::dates::{parse_timestamp, timestamp};
use crate::db::{Db, Optional};
use crate::desk::{Desk, Write};
use crate::drafts;
use crate::error::{CoreError, Result};
use crate::ids::{RecordKind, resolve_in};
use crate::spans;
use crate::validate::{self, Shape};
use crate::vocab::vocabulary;

vocabulary! {
    /// Where a claim of a draft stands in review.
    pub enum ReviewState {
        Pending => "pending",
        Approved => "approved",
        ChangesRequested => "changes-requested",
        Rejected => "rejected",
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Review {
    pub draft_id: String,
    pub claim_id: String,
    pub state: ReviewState,
    pub comment: Option<String>,
    /// Who set the state; `null` for a claim nobody has reviewed yet.
    pub actor: Option<String>,
    #[ts(type = "string | null")]
    pub at: Option<DateTime<Utc>>,
    /// The claim's words, so a reviewer reads what is being signed off; `null` when the desk has
    /// no such claim.
    pub claim_text: Option<String>,
}

/// A review from a row of `draft_id, claim_id, state, comment, actor, at, claim text`.
fn review_from_row(r: &crate::db::Row<'_>) -> rusqlite::Result<Review> {
    Ok(Review {
        draft_id: r.get(0)?,
        claim_id: r.get(1)?,
        state: r.get(2)?,
        comment: r.get(3)?,
        actor: r.get(4)?,
        at: Some(parse_timestamp(&r.get::<_, String>(5)?)?),
        claim_text: r.get(6)?,
    })
}

pub(crate) fn get_in(db: &Db<'_>, draft: &str, claim: &str) -> Result<Option<Review>> {
    db.prepare_cached(
        "SELECT draft_id, claim_id, state, comment, actor, at,
                    (SELECT text FROM claims c WHERE c.id = reviews.claim_id)
             FROM reviews WHERE draft_id = ?1 AND claim_id = ?2",
    )?
    .query_row(params![draft, claim], review_from_row)
    .optional()
}

fn put(
    w: &Write<'_>,
    draft: &str,
    claim: &str,
    state: ReviewState,
    comment: Option<&str>,
) -> Result<Review> {
    w.db.hold(&format!("review {draft} {claim}"))?;
    let before = get_in(&w.db, draft, claim)?;
    w.db.prepare_cached(
        "INSERT INTO reviews (draft_id, claim_id, state, comment, actor, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (draft_id, claim_id)
         DO UPDATE SET state = ?3, comment = ?4, actor = ?5, at = ?6",
    )?
    .execute(params![
        draft,
        claim,
        state,
        comment,
        w.actor,
        timestamp(w.now)
    ])?;
    let after = get_in(&w.db, draft, claim)?;
    audit::record_kind(w, "review", claim, before.as_ref(), after.as_ref())?;
    after.ok_or_else(|| CoreError::Internal("a review vanished while being written".into()))
}

/// The reviews of `claims` (distinct, in document order) in `draft`: one query over the draft's
/// rows (the primary key's prefix); a claim nobody reviewed is pending.
pub(crate) fn for_claims_db(db: &Db<'_>, draft: &str, claims: Vec<String>) -> Result<Vec<Review>> {
    let mut stmt = db.prepare_cached(
        "SELECT draft_id, claim_id, state, comment, actor, at,
                (SELECT text FROM claims c WHERE c.id = reviews.claim_id)
         FROM reviews WHERE draft_id = ?1",
    )?;
    let mut stored: std::collections::HashMap<String, Review> = stmt
        .query_map(params![draft], review_from_row)?
        .map(|r| r.map(|r| (r.claim_id.clone(), r)))
        .collect::<rusqlite::Result<_>>()?;
    let ids = crate::db::keys(&claims)?;
    let mut texts: std::collections::HashMap<String, String> = db
        .query_all(
            &format!("SELECT id, text FROM claims WHERE {}", db.in_keys("id", 1)),
            params![ids],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?
        .into_iter()
        .collect();
    Ok(claims
        .into_iter()
        .map(|claim_id| {
            stored.remove(&claim_id).unwrap_or_else(|| Review {
                draft_id: draft.to_string(),
                claim_text: texts.remove(&claim_id),
                claim_id,
                state: ReviewState::Pending,
                comment: None,
                actor: None,
                at: None,
            })
        })
        .collect())
}

/// A change to a claim or its evidence, as the write that made it saw it.
pub(crate) enum Change<'a> {
    /// The claim's own record, before and after.
    Claim {
        before: &'a Claim,
        after: &'a Claim,
    },
    EvidenceLinked,
    EvidenceUnlinked,
    /// A piece of evidence's quote, locator, stance or translation changed.
    EvidenceEdited,
}

/// What of `change` a reviewer would judge, as the reason the approval is reopened; `None` when
/// nothing relevant changed (topics, an edit that changed nothing).
pub(crate) fn review_relevant(change: &Change<'_>) -> Option<String> {
    match change {
        Change::Claim { before, after } => {
            let changed: Vec<&str> = [
                (before.text != after.text, "text"),
                (before.confidence != after.confidence, "confidence"),
                (before.status != after.status, "status"),
                (before.as_of != after.as_of, "as-of date"),
                (before.superseded_by != after.superseded_by, "supersession"),
            ]
            .into_iter()
            .filter_map(|(changed, what)| changed.then_some(what))
            .collect();
            (!changed.is_empty())
                .then(|| format!("the claim's {} changed after approval", changed.join(", ")))
        }
        Change::EvidenceLinked => Some("evidence was added after approval".into()),
        Change::EvidenceUnlinked => Some("evidence was removed after approval".into()),
        Change::EvidenceEdited => Some("evidence was changed after approval".into()),
    }
}

/// Reopens the approvals of `claim` when `change` is one a reviewer would judge.
pub(crate) fn reopen_if_review_relevant(
    w: &Write<'_>,
    claim: &str,
    change: &Change<'_>,
) -> Result<()> {
    match review_relevant(change) {
        Some(why) => reopen(w, claim, &why),
        None => Ok(()),
    }
}

/// Puts every approval of `claim` back to pending, saying why, inside the write that changed it.
fn reopen(w: &Write<'_>, claim: &str, why: &str) -> Result<()> {
    let drafts: Vec<String> = w.db.query_all(
        "SELECT draft_id FROM reviews WHERE claim_id = ?1 AND state = 'approved'",
        params![claim],
        |r| r.get(0),
    )?;
    for draft in drafts {
        // An UPDATE of the approval, not `put`'s upsert: on a team desk a writer whose edit
        // reopens an editor's approval may only turn it back to pending (`edits.sql`).
        let before = get_in(&w.db, &draft, claim)?;
        w.db.execute(
            "UPDATE reviews SET state = ?3, comment = ?4, actor = ?5, at = ?6
             WHERE draft_id = ?1 AND claim_id = ?2",
            params![
                draft,
                claim,
                ReviewState::Pending,
                why,
                w.actor,
                timestamp(w.now)
            ],
        )?;
        let after = get_in(&w.db, &draft, claim)?;
        audit::record_kind(w, "review", claim, before.as_ref(), after.as_ref())?;
    }
    Ok(())
}

impl Desk {
    /// The review of every claim the draft uses, in document order (each claim once).
    pub fn reviews(&self, draft: &str) -> Result<Vec<Review>> {
        self.read(|db| {
            let id = resolve_in(db, RecordKind::Draft, "draft", draft)?;
            let draft = drafts::get_db(db, &id)?;
            let claims = crate::checks::draft::claim_ids(&spans::parse(&draft.body));
            for_claims_db(db, &draft.id, claims)
        })
    }

    /// Signs off (or not) one claim of a draft.
    pub fn set_review(
        &mut self,
        draft: &str,
        claim: &str,
        state: ReviewState,
        comment: Option<&str>,
    ) -> Result<Review> {
        let comment = validate::optional("comment", comment, Shape::Paragraph)?;
        if matches!(state, ReviewState::ChangesRequested | ReviewState::Rejected)
            && comment.is_none()
        {
            return Err(CoreError::invalid(
                "comment",
                format!("say what is wrong when the state is {state}"),
            ));
        }
        self.write(|w| {
            let draft = resolve_in(&w.db, RecordKind::Draft, "draft", draft)?;
            let claim = resolve_in(&w.db, RecordKind::Claim, "claim", claim)?;
            let body = drafts::get_db(&w.db, &draft)?.body;
            if !spans::parse(&body).iter().any(|s| s.claim_id == claim) {
                return Err(CoreError::invalid("claim", "is not used in this draft"));
            }
            put(w, &draft, &claim, state, comment.as_deref())
        })
    }
}
