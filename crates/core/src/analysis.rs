//! The analysis of a draft's text at a pause in typing: everything the draft pane shows (its
//! claim spans, the findings, each claim's evidence counts and the confidence summary) from one
//! parse of the text and one read of the records it names. The editor asks for it once per pause,
//! and a save answers with it, so the draft crosses from the page to the desk once.

use serde::{Deserialize, Serialize};

use crate::checks::draft::{Finding, claim_ids};
use crate::claims::Claim;
use crate::confidence::Confidence;
use crate::desk::Desk;
use crate::drafts::{DraftInput, DraftSummary};
use crate::error::Result;
use crate::evidence::EvidenceCount;
use crate::revisions::{SaveConflict, SaveReason};
use crate::snapshot::Snapshot;
use crate::spans::{self, ClaimSpan};
use crate::vocab::Stance;

/// How many of the draft's distinct claims stand at one level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct LevelCount {
    pub confidence: Confidence,
    pub claims: u32,
}

/// The draft's distinct claims by confidence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ConfidenceSummary {
    /// Every level, strongest first, zeros included.
    pub levels: Vec<LevelCount>,
    /// Claim ids the desk does not hold.
    pub unknown: u32,
    /// Distinct claim ids in the draft.
    pub total: u32,
}

/// What the draft pane shows of a text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Analysis {
    /// The claim spans, in document order; offsets are UTF-8 bytes of the text.
    pub spans: Vec<ClaimSpan>,
    pub findings: Vec<Finding>,
    /// For each claim of the draft the desk holds, in document order.
    pub evidence_counts: Vec<EvidenceCount>,
    pub confidence_summary: ConfidenceSummary,
    /// The draft's claims the desk holds, in document order: the editor's hover cards and the
    /// claims panel read them here, never from the desk's lists (which hold a page at a time).
    pub claims: Vec<Claim>,
}

/// A save of a draft with the analysis of the text saved. The body is not sent back: the editor
/// has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AnalysedSave {
    /// The draft as the lists show it, after the save.
    pub draft: DraftSummary,
    /// The draft's newest revision after the save: the base of the writer's next save.
    #[ts(type = "number")]
    pub revision: i64,
    /// Set when the save was based on an older revision than the desk's newest.
    pub conflict: Option<SaveConflict>,
    pub analysis: Analysis,
}

fn counts(snapshot: &Snapshot, ids: &[String]) -> Vec<EvidenceCount> {
    ids.iter()
        .filter(|id| snapshot.claims.contains_key(*id))
        .map(|id| {
            let evidence = snapshot.evidence_of(id);
            let sources: std::collections::HashSet<&str> =
                evidence.iter().map(|e| e.source_id.as_str()).collect();
            EvidenceCount {
                claim_id: id.clone(),
                sources: sources.len() as u32,
                supporting: evidence
                    .iter()
                    .filter(|e| e.stance == Stance::Supports)
                    .count() as u32,
            }
        })
        .collect()
}

fn summary(snapshot: &Snapshot, ids: &[String]) -> ConfidenceSummary {
    let mut levels: Vec<LevelCount> = Confidence::ALL
        .iter()
        .map(|&confidence| LevelCount {
            confidence,
            claims: 0,
        })
        .collect();
    levels.sort_by_key(|l| std::cmp::Reverse(l.confidence.strength()));
    let mut unknown = 0;
    for id in ids {
        match snapshot.claims.get(id) {
            Some(claim) => {
                if let Some(l) = levels.iter_mut().find(|l| l.confidence == claim.confidence) {
                    l.claims += 1;
                }
            }
            None => unknown += 1,
        }
    }
    ConfidenceSummary {
        levels,
        unknown,
        total: ids.len() as u32,
    }
}

impl Desk {
    /// The analysis of `body` (saved or not): one parse, one scoped read.
    pub fn analyse_text(&self, body: &str) -> Result<Analysis> {
        let parsed = spans::parse_all(body);
        let ids = claim_ids(&parsed.spans);
        let (snapshot, findings) = crate::snapshot::in_one_read(self, |db| {
            let snapshot = Snapshot::for_claims(db, &ids)?;
            let findings = self.check_against(db, body, &parsed, &snapshot)?;
            Ok((snapshot, findings))
        })?;
        let spans = parsed.spans;
        Ok(Analysis {
            claims: ids
                .iter()
                .filter_map(|id| snapshot.claims.get(id).cloned())
                .collect(),
            evidence_counts: counts(&snapshot, &ids),
            confidence_summary: summary(&snapshot, &ids),
            findings,
            spans,
        })
    }

    /// The analysis of a draft's saved text.
    pub fn analyse_draft(&self, id: &str) -> Result<Analysis> {
        let draft = self.draft(id)?;
        self.analyse_text(&draft.body)
    }

    /// Saves a draft (see [`Desk::save_draft`]) and analyses the text saved.
    pub fn save_and_analyse(
        &mut self,
        id: &str,
        input: &DraftInput,
        reason: SaveReason,
        base_revision: Option<i64>,
    ) -> Result<AnalysedSave> {
        let saved = self.save_draft(id, input, reason, base_revision)?;
        let analysis = self.analyse_text(&saved.draft.body)?;
        let d = saved.draft;
        Ok(AnalysedSave {
            draft: DraftSummary {
                id: d.id,
                title: d.title,
                created_at: d.created_at,
                updated_at: d.updated_at,
            },
            revision: saved.revision,
            conflict: saved.conflict,
            analysis,
        })
    }
}
