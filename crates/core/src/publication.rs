//! The publication gate: a draft leaves for publication only when no error-level finding remains
//! and every claim it uses is approved. The plain export stays available for drafts in progress.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::checks::draft::{Finding, Severity, claim_ids};
use crate::dates::timestamp;
use crate::desk::Desk;
use crate::error::{CoreError, Result};
use crate::export::{ExportFormat, Exported, report};
use crate::ids::{RecordKind, resolve_in};
use crate::provenance;
use crate::reviews::{self, Review, ReviewState};
use crate::snapshot::Snapshot;
use crate::spans;
use crate::spans::Parsed;

/// A draft read once for the gate and the report: its spans, the records they name, findings and
/// reviews.
struct Reviewed {
    draft: crate::drafts::Draft,
    snapshot: Snapshot,
    findings: Vec<Finding>,
    reviews: Vec<Review>,
}

/// One reason a draft cannot be published yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Blocker {
    /// The claim it is about, where there is one.
    pub claim: Option<String>,
    /// That claim's words, so the writer sees which fact is meant.
    pub claim_text: Option<String>,
    /// 1-based line of the draft it is on, where there is one.
    pub line: Option<u32>,
    /// What blocks publication, in a sentence.
    pub reason: String,
}

impl std::fmt::Display for Blocker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(line) = self.line {
            write!(f, "line {line}: ")?;
        }
        f.write_str(&self.reason)?;
        if let Some(text) = &self.claim_text {
            write!(f, " — “{text}”")?;
        }
        Ok(())
    }
}

impl Desk {
    fn reviewed(&self, id: &str) -> Result<Reviewed> {
        crate::snapshot::in_one_read(self, |db| {
            let id = resolve_in(db, RecordKind::Draft, "draft", id)?;
            let draft = crate::drafts::get_db(db, &id)?;
            let parsed: Parsed = spans::parse_all(&draft.body);
            let claims = claim_ids(&parsed.spans);
            let snapshot = Snapshot::for_claims(db, &claims)?;
            let findings = self.check_against(db, &draft.body, &parsed, &snapshot)?;
            let reviews = reviews::for_claims_db(db, &draft.id, claims)?;
            Ok(Reviewed {
                draft,
                snapshot,
                findings,
                reviews,
            })
        })
    }

    /// Why the draft cannot be published yet; empty when it can.
    pub fn publication_blockers(&self, id: &str) -> Result<Vec<Blocker>> {
        let Reviewed {
            findings,
            reviews,
            snapshot,
            ..
        } = self.reviewed(id)?;
        let text_of = |claim: &Option<String>| {
            claim
                .as_ref()
                .and_then(|c| snapshot.claims.get(c))
                .map(|c| c.text.clone())
        };
        let mut blockers: Vec<Blocker> = findings
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| Blocker {
                claim_text: text_of(&f.claim),
                claim: f.claim,
                line: Some(f.line),
                reason: format!("{}: {}", f.kind.as_str(), f.message),
            })
            .collect();
        for r in reviews {
            if r.state != ReviewState::Approved {
                blockers.push(Blocker {
                    reason: format!("claim {} is {}, not approved", r.claim_id, r.state),
                    claim: Some(r.claim_id),
                    claim_text: r.claim_text,
                    line: None,
                });
            }
        }
        Ok(blockers)
    }

    /// Exports for publication, or refuses (writing nothing) and says what blocks it.
    pub fn export_for_publication(&self, id: &str, format: ExportFormat) -> Result<Exported> {
        let blockers = self.publication_blockers(id)?;
        if !blockers.is_empty() {
            return Err(CoreError::NotReady(blockers));
        }
        self.export_draft(id, format)
    }

    /// The provenance report of a draft, as Markdown.
    pub fn provenance_report(&self, id: &str) -> Result<String> {
        let Reviewed {
            draft,
            snapshot,
            findings,
            reviews,
        } = self.reviewed(id)?;
        let traced: HashMap<&str, provenance::Provenance> = reviews
            .iter()
            .filter_map(|r| {
                let claim = snapshot.claims.get(&r.claim_id)?;
                Some((
                    r.claim_id.as_str(),
                    provenance::trace(
                        &snapshot,
                        claim,
                        snapshot.overrides.get(&r.claim_id).cloned(),
                    ),
                ))
            })
            .collect();
        let claims: Vec<report::ReportClaim<'_>> = reviews
            .iter()
            .map(|r| report::ReportClaim {
                claim_id: &r.claim_id,
                provenance: traced.get(r.claim_id.as_str()),
                review: r,
            })
            .collect();
        Ok(report::render(
            &draft.title,
            &timestamp(self.now()),
            &claims,
            &findings,
        ))
    }
}
