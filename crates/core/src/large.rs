//! A large synthetic desk for benchmarks and the app's typing-latency measurement: thousands of
//! sources (a third relaying another), claims at every level with evidence, and a long draft
//! whose sentences carry claim spans. Deterministic, so figures compare across runs.
//!
//! Two sizes: [`TARGET`] (`init --large`, the desk the older speed targets and the e2e tests
//! name, loaded through the ordinary write path below and kept as it was), and the generated
//! desk of any size up to 1M claims (`init --large --claims N`, [`generate`]), written through
//! the bulk path.

mod generate;
mod words;

pub use generate::{
    BATCH_CLAIMS, ClaimRow, DRAFT_SPANS, DRAFT_WORDS, EvidenceRow, GENERATOR_VERSION, Generated,
    Generator, HistoryRow, MAX_CLAIMS, Rows, SourceRow, insert,
};
/// The people of the generated desk, for benchmarks that search for them.
pub use words::{HANGUL, ROMANISED};

use crate::claims::{self, ClaimInput};
use crate::confidence::Confidence;
use crate::desk::Desk;
use crate::drafts::{self, Draft, DraftInput};
use crate::error::Result;
use crate::evidence::{self, EvidenceInput};
use crate::sources::{self, SourceInput};
use crate::vocab::{Reliability, SourceKind, Stance};

/// Sizes of the synthetic desk.
#[derive(Debug, Clone, Copy)]
pub struct LargeDesk {
    pub sources: usize,
    pub claims: usize,
    pub words: usize,
}

/// The size the issues' speed targets name: 2,000 sources, 1,000 spans, 20,000 words.
pub const TARGET: LargeDesk = LargeDesk {
    sources: 2_000,
    claims: 1_000,
    words: 20_000,
};

/// The words of `init --large`'s prose: the first 27 of the generator's, in the same order, so
/// the draft (and the golden files recorded from it) stays as it was.
const WORDS: &[&str] = words::PROSE.split_at(27).0;

/// A small deterministic generator (no dependency for a benchmark fixture).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }

    fn words(&mut self, n: usize) -> String {
        (0..n)
            .map(|_| WORDS[self.next() % WORDS.len()])
            .collect::<Vec<_>>()
            .join(" ")
    }
}

impl Desk {
    /// Fills an empty desk with a synthetic desk of `size` in one transaction; returns the draft.
    pub fn load_large(&mut self, size: LargeDesk) -> Result<Draft> {
        self.refuse_unless_empty("the large desk")?;
        self.write(|w| {
            let mut rng = Lcg(42);
            let mut source_ids: Vec<String> = Vec::with_capacity(size.sources);
            for i in 0..size.sources {
                let via = (i % 3 == 2).then(|| source_ids[rng.next() % source_ids.len()].clone());
                let s = sources::add(
                    w,
                    &SourceInput {
                        title: format!("Report {i}: {}", rng.words(5)),
                        outlet: Some(format!("Outlet {}", i % 150)),
                        author: Some(format!("Writer {}", i % 400)),
                        url: Some(format!("https://outlet{}.example/story/{i}", i % 150)),
                        published: Some(format!("2025-{:02}-{:02}", 1 + i % 12, 1 + i % 28)),
                        kind: Some(SourceKind::ALL[i % SourceKind::ALL.len()]),
                        reliability: Some(Reliability::ALL[i % Reliability::ALL.len()]),
                        via,
                        ..SourceInput::default()
                    },
                )?;
                source_ids.push(s.id);
            }
            let mut claim_ids = Vec::with_capacity(size.claims);
            for i in 0..size.claims {
                let c = claims::add(
                    w,
                    &ClaimInput {
                        text: format!("Claim {i}: {}.", rng.words(8)),
                        confidence: Confidence::ALL[i % Confidence::ALL.len()],
                        as_of: Some(format!("2025-{:02}", 1 + i % 12)),
                        status: None,
                        topics: vec![WORDS[i % WORDS.len()].to_string()],
                        settled: false,
                    },
                )?;
                for k in 0..2 {
                    evidence::link(
                        w,
                        &EvidenceInput {
                            claim: c.id.clone(),
                            source: source_ids[(i * 2 + k) % source_ids.len()].clone(),
                            quote: Some(rng.words(10)),
                            stance: Some(if k == 1 && i % 10 == 0 {
                                Stance::Contradicts
                            } else {
                                Stance::Supports
                            }),
                            ..EvidenceInput::default()
                        },
                    )?;
                }
                claim_ids.push(c.id);
            }
            // Sentences of twenty words; each carries one claim span of five words.
            let sentences = size.words / 20;
            let mut body = String::from("# A long explainer\n\n");
            for i in 0..sentences {
                let claim = &claim_ids[i % claim_ids.len().max(1)];
                body.push_str(&format!(
                    "{} [{}]{{claim={claim}}} {}. ",
                    rng.words(7),
                    rng.words(5),
                    rng.words(8)
                ));
                if i % 6 == 5 {
                    body.push_str("\n\n");
                }
            }
            drafts::add(
                w,
                &DraftInput {
                    title: "A long explainer".into(),
                    body,
                },
            )
        })
    }
}
