//! The confidence intake suggests for a candidate: the provenance rules applied to the evidence
//! the candidate implies, then lowered by how firmly the sentence states it.
//!
//! Decisions, taken from the labelled set's `f` labels (`tests/fixtures/intake`) and scored by
//! `tests/intake/main.rs`:
//! - A link of the attribution chain stands for a source of a fixed kind and reliability
//!   ([`link_source`]): outlets and people medium, agencies and officials high (their own
//!   statement), unnamed insiders low. Accepting a candidate records relay sources the same way.
//! - The origin the article quotes itself (a chain of one link) is evidence of its own, direct;
//!   a longer chain is relayed, so a first-party origin heard through another outlet is
//!   `reported`, as the provenance rules say.
//! - A fact the article states on its own authority (no attribution) is the outlet's first-hand
//!   report of a record (a date, a result, a rating): direct first-party evidence at the
//!   article's reliability. The set's editors rate 111 of 150 such sentences `confirmed`.
//! - Certainty: a first-party origin's own hedge or denial is still its statement on the record
//!   and keeps its level; otherwise `hedged` caps at `reported`, a forecast someone else made
//!   (`speculative`, attributed) at `unverified`, and the writer's own forecast is `speculation`.

use crate::confidence::Confidence;
use crate::intake::{Candidate, Certainty, LinkKind};
use crate::provenance;
use crate::vocab::{Reliability, SourceKind, Stance};

/// One piece of evidence as the provenance rules read it: its source's kind and reliability
/// and the relay chain behind it, nearest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvidenceShape {
    pub kind: SourceKind,
    pub reliability: Reliability,
    pub via: Vec<(SourceKind, Reliability)>,
}

/// The kind and reliability of the source a chain link stands for.
pub fn link_source(kind: LinkKind) -> (SourceKind, Reliability) {
    match kind {
        LinkKind::Outlet => (SourceKind::Outlet, Reliability::Medium),
        LinkKind::Person => (SourceKind::Interview, Reliability::Medium),
        LinkKind::Agency => (SourceKind::PressRelease, Reliability::High),
        LinkKind::Official => (SourceKind::Official, Reliability::High),
        LinkKind::Anonymous => (SourceKind::Other, Reliability::Low),
        LinkKind::Article => (SourceKind::Outlet, Reliability::Medium),
    }
}

/// The evidence a candidate implies, read from an article recorded at `reliability`.
pub fn implied_shape(candidate: &Candidate, reliability: Reliability) -> Vec<EvidenceShape> {
    let named: Vec<(SourceKind, Reliability)> = candidate
        .attribution
        .iter()
        .filter(|l| l.kind != LinkKind::Article)
        .map(|l| link_source(l.kind))
        .collect();
    match named.as_slice() {
        // The article as a record of its own: see the module's notes.
        [] => vec![EvidenceShape {
            kind: SourceKind::Official,
            reliability,
            via: Vec::new(),
        }],
        [(kind, rel), rest @ ..] => vec![EvidenceShape {
            kind: *kind,
            reliability: *rel,
            via: rest.to_vec(),
        }],
    }
}

/// The provenance rules (`provenance::suggest_for`, the one rule) applied to the shapes a
/// candidate implies. Each shape is its own origin; a person quoted in the article in their own
/// words is taken as the party itself (the writer confirms or not when accepting).
pub fn suggest_for(shapes: &[EvidenceShape]) -> Option<Confidence> {
    if shapes.is_empty() {
        return None;
    }
    let evidence: Vec<provenance::EvidenceShape> = shapes
        .iter()
        .enumerate()
        .map(|(i, s)| provenance::EvidenceShape {
            source: provenance::SourceShape {
                kind: s.kind,
                reliability: s.reliability,
            },
            chain: s
                .via
                .iter()
                .map(|&(kind, reliability)| provenance::SourceShape { kind, reliability })
                .collect(),
            origin: i.to_string(),
            stance: Stance::Supports,
            first_party: s.kind == SourceKind::Interview && s.via.is_empty(),
        })
        .collect();
    Some(provenance::suggest_for(&evidence))
}

/// The confidence intake suggests for a candidate read from an article at `reliability`.
pub fn suggested(candidate: &Candidate, reliability: Reliability) -> Option<Confidence> {
    let shapes = implied_shape(candidate, reliability);
    let level = suggest_for(&shapes)?;
    let attributed = candidate
        .attribution
        .iter()
        .any(|l| l.kind != LinkKind::Article);
    let own_statement = shapes.iter().any(|s| {
        s.via.is_empty()
            && matches!(
                s.kind,
                SourceKind::Official | SourceKind::PressRelease | SourceKind::Interview
            )
            && attributed
    });
    Some(match candidate.certainty {
        Certainty::Asserted | Certainty::Denied => level,
        _ if own_statement => level,
        Certainty::Hedged => weaker(level, Confidence::Reported),
        // Someone else's forecast, relayed, is a report of what they expect; the writer's own
        // is inference.
        Certainty::Speculative if attributed => weaker(level, Confidence::Unverified),
        Certainty::Speculative => Confidence::Speculation,
    })
}

fn weaker(a: Confidence, b: Confidence) -> Confidence {
    if a.strength() <= b.strength() { a } else { b }
}
