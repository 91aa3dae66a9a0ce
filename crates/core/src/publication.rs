//! The publication gate: a draft leaves for publication only when no error-level finding remains
//! and every claim it uses is approved. The plain export stays available for drafts in progress.

use std::collections::HashMap;

use crate::checks::draft::{Finding, Severity, claim_ids};
use crate::dates::timestamp;
use crate::desk::Desk;
use crate::error::{CoreError, Result};
use crate::export::{ExportFormat, Exported, report};
use crate::provenance;
use crate::reviews::{self, Review, ReviewState};
use crate::snapshot::Snapshot;
use crate::spans;

/// A draft read once for the gate and the report: its spans, the records they name, findings and
/// reviews.
struct Reviewed {
    draft: crate::drafts::Draft,
    snapshot: Snapshot,
    findings: Vec<Finding>,
    reviews: Vec<Review>,
}

impl Desk {
    fn reviewed(&self, id: &str) -> Result<Reviewed> {
        let draft = self.draft(id)?;
        let (spans, code) = spans::parse_with_code(&draft.body);
        let claims = claim_ids(&spans);
        let snapshot = Snapshot::for_claims(self.conn(), &claims)?;
        let findings = self.check_against(&draft.body, &spans, &code, &snapshot)?;
        let reviews = reviews::for_claims(self.conn(), &draft.id, claims)?;
        Ok(Reviewed {
            draft,
            snapshot,
            findings,
            reviews,
        })
    }

    /// Why the draft cannot be published yet; empty when it can.
    pub fn publication_blockers(&self, id: &str) -> Result<Vec<String>> {
        let Reviewed {
            findings, reviews, ..
        } = self.reviewed(id)?;
        let mut blockers: Vec<String> = findings
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| format!("line {}: {}: {}", f.line, f.kind.as_str(), f.message))
            .collect();
        for r in reviews {
            if r.state != ReviewState::Approved {
                blockers.push(format!("claim {} is {}, not approved", r.claim_id, r.state));
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
