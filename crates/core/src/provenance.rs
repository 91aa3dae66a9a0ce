//! Provenance: for a claim, every piece of evidence, its source and the relay chain to the origin;
//! how many independent origins support it; and the confidence its evidence suggests. Every
//! provenance rule lives here, in one function over evidence shapes ([`suggest_for`]) that the
//! desk's suggestion, the checks, the gate and an intake that has no desk all call.
//!
//! ## Words
//! - The **origin** of a piece of evidence is the end of its source's relay chain (`via`), or the
//!   source itself. Two outlets relaying one interview have one origin.
//! - Its **credibility** is the origin's own reliability, lowered by any relay rated lower:
//!   the lowest of the source and every source in its chain (high > medium > low > unknown).
//!   A relay never raises it: a rumour from an anonymous board relayed by a high-reliability
//!   outlet stays low. **Credible** means medium or high.
//! - It is **first-party** when the cited source itself is the party speaking, cited directly
//!   (no relay): an `official` channel, a `press-release`, a `dataset`, or any source the writer
//!   marks first-party on the evidence (a person on their own plans or words, in a `person`
//!   post or speech, an `interview`, a broadcast). An `interview` is an outlet's publication of a
//!   person's words and is not first-party by itself.
//!
//! ## The rules, first match wins
//!
//! | # | evidence | suggests |
//! |---|---|---|
//! | 1 | nothing supports the claim (none, or only evidence against it) | `speculation`: the writer's analysis, which needs no source |
//! | 2 | a credible first-party source says otherwise | `unverified`: the party itself denies it |
//! | 3 | a credible first-party source supports it | `confirmed`, the only way to it |
//! | 4 | two or more independent credible origins, and no credible source against | `corroborated` |
//! | 5 | two or more independent credible origins, but a credible source against | `reported`: contested |
//! | 6 | one credible origin (however many relays carry it) | `reported` |
//! | 7 | no credible origin: only low, unknown or unnamed origins, or a low relay | `unverified` |
//!
//! A claim set above its suggestion is flagged by the checks (`confidence-exceeds-evidence`)
//! unless a reviewer recorded an override for that level with a reason; a claim with no
//! supporting evidence is the `unsourced-claim` finding's business instead, and a claim at
//! `speculation` with none raises nothing. What each level means, and the wording each allows,
//! is the one table in `confidence.rs`.
//!
//! ## Default reliability by kind ([`default_reliability`])
//!
//! | kind | default | why |
//! |---|---|---|
//! | official, press-release, dataset | high | the party's own channel or published data |
//! | outlet, broadcast, interview | medium | an edited publication with a name to it |
//! | person | medium | a named person on record answers for their words |
//! | social, anonymous | low | no one answers for it |
//! | other | unknown | the desk cannot guess; rate it |
//!
//! A source added without a reliability gets its kind's default, and the CLI and the app say so.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::audit;
use crate::claims::Claim;
use crate::confidence::Confidence;
use crate::dates::{parse_timestamp, timestamp};
use crate::db::{self, Db, Optional as _};
use crate::desk::{Desk, Write};
use crate::error::{CoreError, Result};
use crate::evidence::Evidence;
use crate::ids::{RecordKind, resolve_in};
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
    /// The confidence the evidence supports, by the rules above (`speculation` when nothing
    /// supports the claim).
    pub suggested_confidence: Option<Confidence>,
    /// Which rule gave the suggestion, in words, for the panel and the CLI.
    pub suggestion_reason: String,
    /// Set when the claim stands above its suggestion with no matching override.
    pub exceeds_evidence: bool,
    #[serde(rename = "override")]
    #[ts(rename = "override")]
    pub override_: Option<ConfidenceOverride>,
}

/// A source in an evidence shape: what it is and how far the writer trusts it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SourceShape {
    pub kind: SourceKind,
    pub reliability: Reliability,
}

/// Everything the rules read of one piece of evidence, with no desk behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct EvidenceShape {
    /// The source cited.
    pub source: SourceShape,
    /// The sources it relays, nearest first; the last is the origin.
    pub chain: Vec<SourceShape>,
    /// Names the origin, so relays of one origin count once: any text that is equal exactly when
    /// two pieces of evidence share an origin (the desk uses the origin's id).
    pub origin: String,
    pub stance: Stance,
    /// The writer says the cited source is the party itself on its own plans or words.
    pub first_party: bool,
}

/// Which rule of the table gave a suggestion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Rule {
    NoSupport,
    PartyAgainst,
    FirstParty,
    IndependentOrigins,
    Contested,
    OneOrigin,
    NoCredibleOrigin,
}

/// A suggestion with the rule that gave it and the rule's reason in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Suggestion {
    pub confidence: Confidence,
    pub rule: Rule,
    /// Distinct credible origins among the supporting evidence.
    pub independent_origins: u32,
    pub reason: String,
}

/// The reliability a source of `kind` gets when the writer does not rate it (table above).
pub fn default_reliability(kind: SourceKind) -> Reliability {
    match kind {
        SourceKind::Official | SourceKind::PressRelease | SourceKind::Dataset => Reliability::High,
        SourceKind::Outlet | SourceKind::Broadcast | SourceKind::Interview | SourceKind::Person => {
            Reliability::Medium
        }
        SourceKind::Social | SourceKind::Anonymous => Reliability::Low,
        SourceKind::Other => Reliability::Unknown,
    }
}

/// Kinds that are the party itself whoever cites them directly.
fn first_party_kind(kind: SourceKind) -> bool {
    matches!(
        kind,
        SourceKind::Official | SourceKind::PressRelease | SourceKind::Dataset
    )
}

fn rank(r: Reliability) -> u8 {
    match r {
        Reliability::High => 3,
        Reliability::Medium => 2,
        Reliability::Low => 1,
        Reliability::Unknown => 0,
    }
}

impl EvidenceShape {
    /// The origin's own reliability, lowered by any relay rated lower; never raised.
    pub fn credibility(&self) -> Reliability {
        std::iter::once(&self.source)
            .chain(&self.chain)
            .map(|s| s.reliability)
            .min_by_key(|r| rank(*r))
            .unwrap_or(Reliability::Unknown)
    }

    pub fn credible(&self) -> bool {
        rank(self.credibility()) >= rank(Reliability::Medium)
    }

    /// The cited source is the party itself, cited directly.
    pub fn is_first_party(&self) -> bool {
        self.chain.is_empty() && (self.first_party || first_party_kind(self.source.kind))
    }
}

/// The confidence a claim's evidence suggests, by the table above. Desk-free: intake calls it
/// on evidence it has not stored yet; the desk calls it through [`suggest`].
pub fn suggest_for(evidence: &[EvidenceShape]) -> Confidence {
    explain_for(evidence).confidence
}

/// [`suggest_for`] with the rule that applied and its reason.
pub fn explain_for(evidence: &[EvidenceShape]) -> Suggestion {
    let (support, against): (Vec<&EvidenceShape>, Vec<&EvidenceShape>) =
        evidence.iter().partition(|e| e.stance == Stance::Supports);
    let origins: BTreeSet<&str> = support
        .iter()
        .filter(|e| e.credible())
        .map(|e| e.origin.as_str())
        .collect();
    let n = origins.len() as u32;
    let relays = support
        .iter()
        .filter(|e| e.credible() && !e.chain.is_empty())
        .count();
    let credible_against = against.iter().any(|e| e.credible());
    let (confidence, rule, reason) = if support.is_empty() {
        (
            Confidence::Speculation,
            Rule::NoSupport,
            "nothing on the record supports it: the writer's own analysis".to_string(),
        )
    } else if against.iter().any(|e| e.credible() && e.is_first_party()) {
        (
            Confidence::Unverified,
            Rule::PartyAgainst,
            "the party itself, a credible first-party source, says otherwise".to_string(),
        )
    } else if let Some(e) = support.iter().find(|e| e.credible() && e.is_first_party()) {
        let why = if first_party_kind(e.source.kind) {
            format!("{} source", e.source.kind)
        } else {
            format!("{} source the writer marks first-party", e.source.kind)
        };
        (
            Confidence::Confirmed,
            Rule::FirstParty,
            format!(
                "on the record from the party itself: a credible ({}) {why}, cited directly",
                e.credibility()
            ),
        )
    } else if n >= 2 && !credible_against {
        (
            Confidence::Corroborated,
            Rule::IndependentOrigins,
            format!("{n} independent credible origins, none from the party itself"),
        )
    } else if n >= 2 {
        (
            Confidence::Reported,
            Rule::Contested,
            format!("{n} independent credible origins, but a credible source says otherwise"),
        )
    } else if n == 1 {
        let relayed = if relays > 1 {
            format!(" ({relays} relays of it count once)")
        } else if relays == 1 {
            " (through a relay)".to_string()
        } else {
            String::new()
        };
        (
            Confidence::Reported,
            Rule::OneOrigin,
            format!("one credible origin{relayed}, not the party itself"),
        )
    } else {
        (
            Confidence::Unverified,
            Rule::NoCredibleOrigin,
            "no credible origin: every origin, or a relay on the way, is low-rated, unrated \
             or unnamed"
                .to_string(),
        )
    };
    Suggestion {
        confidence,
        rule,
        independent_origins: n,
        reason,
    }
}

fn shape_of(source: &Source) -> SourceShape {
    SourceShape {
        kind: source.kind,
        reliability: source.reliability,
    }
}

/// The shapes of a claim's evidence in a loaded snapshot.
pub fn shapes(snapshot: &Snapshot, claim_id: &str) -> Vec<EvidenceShape> {
    snapshot
        .evidence_of(claim_id)
        .iter()
        .filter_map(|e| {
            let source = snapshot.sources.get(&e.source_id)?;
            let chain = snapshot.chain(source);
            Some(EvidenceShape {
                source: shape_of(source),
                chain: chain.iter().map(|s| shape_of(s)).collect(),
                origin: snapshot.origin(source).id.clone(),
                stance: e.stance,
                first_party: e.first_party,
            })
        })
        .collect()
}

/// The suggestion for a claim's evidence in a snapshot: [`explain_for`] on its shapes.
pub fn explain(snapshot: &Snapshot, claim_id: &str) -> Suggestion {
    explain_for(&shapes(snapshot, claim_id))
}

/// The suggestion for a claim's evidence, and its count of independent credible origins.
pub fn suggest(snapshot: &Snapshot, claim_id: &str) -> (Option<Confidence>, u32) {
    let s = explain(snapshot, claim_id);
    (Some(s.confidence), s.independent_origins)
}

/// Whether a claim stands above what its evidence suggests, with no override for its level. With
/// nothing supporting the claim this is never set: that is the unsourced finding's business.
pub fn exceeds(
    claim: &Claim,
    suggested: Option<Confidence>,
    ov: Option<&ConfidenceOverride>,
) -> bool {
    let Some(suggested) = suggested else {
        return false;
    };
    if suggested == Confidence::Speculation {
        return false;
    }
    let overridden = ov.is_some_and(|o| o.confidence == claim.confidence);
    claim.confidence.strength() > suggested.strength() && !overridden
}

fn override_from_row(r: &db::Row<'_>) -> rusqlite::Result<ConfidenceOverride> {
    Ok(ConfidenceOverride {
        claim_id: r.get(0)?,
        confidence: r.get(1)?,
        reason: r.get(2)?,
        actor: r.get(3)?,
        at: parse_timestamp(&r.get::<_, String>(4)?)?,
    })
}

pub(crate) fn override_in(db: &Db<'_>, claim_id: &str) -> Result<Option<ConfidenceOverride>> {
    db.query_row(
        "SELECT claim_id, confidence, reason, actor, at FROM confidence_overrides
         WHERE claim_id = ?1",
        params![claim_id],
        override_from_row,
    )
    .optional()
}

/// The overrides of the claims among `claim_ids` (a JSON array of full ids), by claim id.
pub(crate) fn overrides_for(
    db: &Db<'_>,
    claim_ids: &str,
) -> Result<std::collections::HashMap<String, ConfidenceOverride>> {
    Ok(db
        .query_all(
            &format!(
                "SELECT claim_id, confidence, reason, actor, at FROM confidence_overrides
                 WHERE {}",
                db.in_keys("claim_id", 1)
            ),
            params![claim_ids],
            override_from_row,
        )?
        .into_iter()
        .map(|o| (o.claim_id.clone(), o))
        .collect())
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
    let s = explain(snapshot, &claim.id);
    Provenance {
        claim: claim.clone(),
        evidence,
        independent_origins: s.independent_origins,
        suggested_confidence: Some(s.confidence),
        suggestion_reason: s.reason,
        exceeds_evidence: exceeds(claim, Some(s.confidence), override_.as_ref()),
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
    let before = override_in(&w.db, claim_id)?;
    // On a team desk the database stamps `actor` with the login, and only editors may write.
    w.db.execute(
        "INSERT INTO confidence_overrides (claim_id, confidence, reason, actor, at)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (claim_id) DO UPDATE SET confidence = ?2, reason = ?3, actor = ?4, at = ?5",
        params![claim_id, confidence, reason, w.actor, timestamp(w.now)],
    )?;
    let after = override_in(&w.db, claim_id)?;
    audit::record_kind(w, "override", claim_id, before.as_ref(), after.as_ref())
}

impl Desk {
    /// The provenance of one claim.
    pub fn provenance(&self, id: &str) -> Result<Provenance> {
        crate::snapshot::in_one_read(self, |db| {
            let id = resolve_in(db, RecordKind::Claim, "claim", id)?;
            // The snapshot reads the claim itself: no query of its own (a round trip on a
            // team desk).
            let snapshot = Snapshot::for_claims(db, std::slice::from_ref(&id))?;
            let claim = snapshot
                .claims
                .get(&id)
                .ok_or(rusqlite::Error::QueryReturnedNoRows)
                .map_err(CoreError::missing("claim", &id))?;
            let override_ = snapshot.overrides.get(&id).cloned();
            Ok(trace(&snapshot, claim, override_))
        })
    }

    /// The override recorded for a claim, if any.
    pub fn confidence_override(&self, id: &str) -> Result<Option<ConfidenceOverride>> {
        self.read(|db| {
            let id = resolve_in(db, RecordKind::Claim, "claim", id)?;
            override_in(db, &id)
        })
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
