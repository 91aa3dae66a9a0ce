//! The publication gate: a draft leaves for publication only when no error-level finding remains
//! and every claim it uses is approved. The plain export stays available for drafts in progress.

use std::collections::HashMap;

use crate::checks::draft::Severity;
use crate::dates::timestamp;
use crate::desk::Desk;
use crate::error::{CoreError, Result};
use crate::export::{ExportFormat, Exported, report};
use crate::provenance;
use crate::reviews::ReviewState;
use crate::snapshot::Snapshot;

impl Desk {
    /// Why the draft cannot be published yet; empty when it can.
    pub fn publication_blockers(&self, id: &str) -> Result<Vec<String>> {
        let draft = self.draft(id)?;
        let mut blockers: Vec<String> = self
            .check_text(&draft.body)?
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| format!("line {}: {}: {}", f.line, f.kind.as_str(), f.message))
            .collect();
        for r in self.reviews(&draft.id)? {
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
        let draft = self.draft(id)?;
        let snapshot = Snapshot::load(self)?;
        let overrides = provenance::all_overrides(self.conn())?;
        let reviews = self.reviews(&draft.id)?;
        let findings = self.check_text(&draft.body)?;
        let traced: HashMap<&str, provenance::Provenance> = reviews
            .iter()
            .filter_map(|r| {
                let claim = snapshot.claims.get(&r.claim_id)?;
                Some((
                    r.claim_id.as_str(),
                    provenance::trace(&snapshot, claim, overrides.get(&r.claim_id).cloned()),
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
