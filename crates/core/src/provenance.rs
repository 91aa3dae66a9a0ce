//! Provenance: for a claim, every piece of evidence, its source and the relay chain to the origin;
//! how many independent origins support it; and the confidence its evidence suggests.
//!
//! The suggestion follows documented rules, strongest first:
//! 1. no supporting evidence: no suggestion;
//! 2. a credible (high or medium reliability) first-party source supports it directly, not
//!    through a relay: `confirmed`. First-party kinds are `official`, `press-release`, `dataset`
//!    (published data) and `interview` (the person quoted directly);
//! 3. two or more independent credible origins: `corroborated`. An origin is the end of a source's
//!    relay chain, so two outlets relaying one interview are one origin;
//! 4. one credible origin: `reported`;
//! 5. only low-reliability or unknown sources: `unverified`.
//!
//! A claim set above its suggestion is flagged by the checks unless a reviewer recorded an
//! override for that level with a reason.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use crate::audit;
use crate::claims::{self, Claim};
use crate::confidence::Confidence;
use crate::dates::{parse_timestamp, timestamp};
use crate::desk::{Desk, Write};
use crate::error::{CoreError, Result};
use crate::evidence::Evidence;
use crate::ids::{RecordKind, resolve};
use crate::snapshot::Snapshot;
use crate::sources::Source;
use crate::validate::{self, Shape};
use crate::vocab::{Reliability, SourceKind, Stance};

/// A reviewer's decision to keep a claim above what its evidence suggests.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ConfidenceOverride {
    pub claim_id: String,
    pub confidence: Confidence,
    pub reason: String,
    pub actor: String,
    #[ts(type = "string")]
    pub at: DateTime<Utc>,
}

/// One piece of evidence traced to its origin.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct TracedEvidence {
    #[serde(flatten)]
    pub evidence: Evidence,
    pub source: Source,
    /// The sources relayed, nearest first; the last is the origin.
    pub chain: Vec<Source>,
    /// The id of the origin: the end of the chain, or the source itself.
    pub origin_id: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Provenance {
    pub claim: Claim,
    pub evidence: Vec<TracedEvidence>,
    /// Distinct origins among credible supporting evidence.
    pub independent_origins: u32,
    /// The confidence the evidence supports, by the rules above; `null` without evidence.
    pub suggested_confidence: Option<Confidence>,
    /// Set when the claim stands above its suggestion with no matching override.
    pub exceeds_evidence: bool,
    #[serde(rename = "override")]
    #[ts(rename = "override")]
    pub override_: Option<ConfidenceOverride>,
}

fn credible(source: &Source) -> bool {
    matches!(source.reliability, Reliability::High | Reliability::Medium)
}

fn first_party(source: &Source) -> bool {
    matches!(
        source.kind,
        SourceKind::Official
            | SourceKind::PressRelease
            | SourceKind::Dataset
            | SourceKind::Interview
    )
}

/// The suggestion for a claim's evidence, and its count of independent credible origins.
pub fn suggest(snapshot: &Snapshot, claim_id: &str) -> (Option<Confidence>, u32) {
    let supporting: Vec<&Source> = snapshot
        .with_stance(claim_id, Stance::Supports)
        .map(|(_, s)| s)
        .collect();
    let origins: BTreeSet<&str> = supporting
        .iter()
        .filter(|s| credible(s))
        .map(|s| snapshot.origin(s).id.as_str())
        .collect();
    let count = origins.len() as u32;
    let suggestion = if supporting.is_empty() {
        None
    } else if supporting
        .iter()
        .any(|s| credible(s) && first_party(s) && s.via.is_none())
    {
        Some(Confidence::Confirmed)
    } else if count >= 2 {
        Some(Confidence::Corroborated)
    } else if count == 1 {
        Some(Confidence::Reported)
    } else {
        Some(Confidence::Unverified)
    };
    (suggestion, count)
}

/// Whether a claim stands above what its evidence suggests, with no override for its level.
pub fn exceeds(
    claim: &Claim,
    suggested: Option<Confidence>,
    ov: Option<&ConfidenceOverride>,
) -> bool {
    let Some(suggested) = suggested else {
        return false;
    };
    let overridden = ov.is_some_and(|o| o.confidence == claim.confidence);
    claim.confidence.strength() > suggested.strength() && !overridden
}

pub(crate) fn override_in(
    conn: &rusqlite::Connection,
    claim_id: &str,
) -> Result<Option<ConfidenceOverride>> {
    Ok(conn
        .prepare_cached(
            "SELECT claim_id, confidence, reason, actor, at FROM confidence_overrides
             WHERE claim_id = ?1",
        )?
        .query_row([claim_id], |r| {
            Ok(ConfidenceOverride {
                claim_id: r.get(0)?,
                confidence: r.get(1)?,
                reason: r.get(2)?,
                actor: r.get(3)?,
                at: parse_timestamp(&r.get::<_, String>(4)?)?,
            })
        })
        .optional()?)
}

/// The overrides of the claims among `claim_ids` (a JSON array of full ids), by claim id.
pub(crate) fn overrides_for(
    conn: &rusqlite::Connection,
    claim_ids: &str,
) -> Result<std::collections::HashMap<String, ConfidenceOverride>> {
    let mut stmt = conn.prepare_cached(
        "SELECT claim_id, confidence, reason, actor, at FROM confidence_overrides
         WHERE claim_id IN (SELECT value FROM json_each(?1))",
    )?;
    let rows = stmt.query_map([claim_ids], |r| {
        Ok(ConfidenceOverride {
            claim_id: r.get(0)?,
            confidence: r.get(1)?,
            reason: r.get(2)?,
            actor: r.get(3)?,
            at: parse_timestamp(&r.get::<_, String>(4)?)?,
        })
    })?;
    rows.map(|r| r.map(|o| (o.claim_id.clone(), o)).map_err(Into::into))
        .collect()
}

/// Traces a claim against a loaded snapshot.
pub fn trace(
    snapshot: &Snapshot,
    claim: &Claim,
    override_: Option<ConfidenceOverride>,
) -> Provenance {
    let evidence = snapshot
        .evidence_of(&claim.id)
        .iter()
        .filter_map(|e| {
            let source = snapshot.sources.get(&e.source_id)?;
            let chain: Vec<Source> = snapshot.chain(source).into_iter().cloned().collect();
            Some(TracedEvidence {
                evidence: e.clone(),
                origin_id: chain.last().map_or(source.id.clone(), |s| s.id.clone()),
                source: source.clone(),
                chain,
            })
        })
        .collect();
    let (suggested, origins) = suggest(snapshot, &claim.id);
    Provenance {
        claim: claim.clone(),
        evidence,
        independent_origins: origins,
        suggested_confidence: suggested,
        exceeds_evidence: exceeds(claim, suggested, override_.as_ref()),
        override_,
    }
}

/// Records (or replaces) an override inside an open write.
pub(crate) fn set_override(
    w: &Write<'_>,
    claim_id: &str,
    confidence: Confidence,
    reason: &str,
) -> Result<()> {
    let reason = validate::required("reason", reason, Shape::Paragraph)?;
    let before = override_in(w.tx, claim_id)?;
    w.tx.execute(
        "INSERT INTO confidence_overrides (claim_id, confidence, reason, actor, at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (claim_id) DO UPDATE SET confidence = ?2, reason = ?3, actor = ?4, at = ?5",
        params![claim_id, confidence, reason, w.actor, timestamp(w.now)],
    )?;
    let after = override_in(w.tx, claim_id)?;
    audit::record_kind(w, "override", claim_id, before.as_ref(), after.as_ref())
}

impl Desk {
    /// The provenance of one claim.
    pub fn provenance(&self, id: &str) -> Result<Provenance> {
        let id = resolve(&self.conn, RecordKind::Claim, "claim", id)?;
        let claim = claims::get_in(&self.conn, &id)?;
        let snapshot = Snapshot::for_claims(&self.conn, std::slice::from_ref(&id))?;
        let override_ = snapshot.overrides.get(&id).cloned();
        Ok(trace(&snapshot, &claim, override_))
    }

    /// The override recorded for a claim, if any.
    pub fn confidence_override(&self, id: &str) -> Result<Option<ConfidenceOverride>> {
        let id = resolve(&self.conn, RecordKind::Claim, "claim", id)?;
        override_in(&self.conn, &id)
    }
}

/// Refuses an empty reason before anything is written.
pub fn check_reason(reason: Option<&str>) -> Result<Option<String>> {
    match reason {
        None => Ok(None),
        Some(r) => validate::optional("reason", Some(r), Shape::Paragraph)?
            .map(Some)
            .ok_or_else(|| CoreError::invalid("reason", "cannot be blank")),
    }
}
