//! The speed targets of the issues, on the size they name (2,000 sources, 1,000 claim spans,
//! 20,000 words): span parsing under 5 ms, export under 20 ms (each format, including reading
//! the desk and sanitising the Markdown), checks under 50 ms; and provenance of a claim with a
//! 10-hop relay chain under 1 ms; and revisions (issue 8): 2,000 autosaves of the 20,000-word
//! draft grow the desk file by at most 10 MB, and listing its 2,000 revisions takes at most
//! 20 ms. Run with `make bench` (`cargo bench -p factdesk-core -- revisions` for the revision
//! figures alone).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use factdesk_core::export::ExportFormat;
use factdesk_core::large::TARGET;
use factdesk_core::{
    ClaimInput, Confidence, Desk, DraftInput, EvidenceInput, Reliability, SaveReason, SourceInput,
    spans,
};

fn large_desk() -> (Desk, factdesk_core::Draft) {
    large_desk_at("bench.sqlite")
}

fn large_desk_at(name: &str) -> (Desk, factdesk_core::Draft) {
    let dir = std::env::temp_dir().join(format!("factdesk-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let _ = std::fs::remove_file(&path);
    // A real desk file, as the app uses, not an in-memory one.
    let mut desk = Desk::create(&path).unwrap();
    let draft = desk.load_large(TARGET).unwrap();
    (desk, draft)
}

fn speed(c: &mut Criterion) {
    let (desk, draft) = large_desk();
    let words = draft.body.split_whitespace().count();
    let spans = spans::parse(&draft.body).len();
    assert!(
        words >= 20_000 && spans == 1_000,
        "{words} words, {spans} spans"
    );

    c.bench_function("spans::parse 20k words / 1k spans", |b| {
        b.iter(|| spans::parse(std::hint::black_box(&draft.body)))
    });
    c.bench_function("export footnotes 20k words / 1k spans / 2k sources", |b| {
        b.iter(|| {
            desk.export_draft(&draft.id, ExportFormat::Footnotes)
                .unwrap()
        })
    });
    c.bench_function("export pandoc 20k words / 1k spans / 2k sources", |b| {
        b.iter(|| desk.export_draft(&draft.id, ExportFormat::Pandoc).unwrap())
    });
    c.bench_function("export sanitize 20k words / 1k spans", |b| {
        b.iter(|| factdesk_core::export::sanitize::sanitize(std::hint::black_box(&draft.body)))
    });
    // The same size made of hazards: every paragraph holds raw HTML, an unsafe link, a raw
    // attribute and a raw block, so the sanitiser edits and reads its output again.
    let hostile: String = (0..1_000)
        .map(|i| {
            format!(
                "Para {i} <img src=x onerror=alert({i})> and [a](javascript:alert({i})) and \
                 [b]{{onclick=alert({i})}} `c`{{=html}} <!-- [d](javascript:x) --> words \
                 words words words words.\n\n```{{=html}}\n<script>alert({i})</script>\n```\n\n"
            )
        })
        .collect();
    c.bench_function("export sanitize 20k words of hazards", |b| {
        b.iter(|| factdesk_core::export::sanitize::sanitize(std::hint::black_box(&hostile)))
    });
    c.bench_function("snapshot load 2k sources / 1k claims", |b| {
        b.iter(|| factdesk_core::snapshot::Snapshot::load(&desk).unwrap())
    });
    c.bench_function("check_text 20k words / 1k spans / 2k sources", |b| {
        b.iter(|| desk.check_text(std::hint::black_box(&draft.body)).unwrap())
    });

    let mut ids: Vec<String> = spans::parse(&draft.body)
        .into_iter()
        .map(|s| s.claim_id)
        .collect();
    ids.dedup();
    c.bench_function("evidence_counts of a draft's 1k claims", |b| {
        b.iter(|| desk.evidence_counts(std::hint::black_box(&ids)).unwrap())
    });

    let (chain_desk, claim) = ten_hop_desk();
    c.bench_function("provenance of a claim with a 10-hop relay chain", |b| {
        b.iter(|| chain_desk.provenance(&claim).unwrap())
    });
}

/// The writer's edits between two autosaves: mostly a few words typed somewhere, now and then a
/// sentence deleted or a paragraph moved. Deterministic.
struct Edits(u64);

impl Edits {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }

    fn apply(&mut self, paragraphs: &mut Vec<String>) {
        const TYPED: &[&str] = &[
            "reportedly",
            "in March",
            "the showrunner",
            "according to two people",
            "again",
            "for the third season",
            "which",
            "on Friday",
            "its streaming rival",
            "not",
        ];
        let p = self.next() % paragraphs.len();
        match self.next() % 100 {
            0 if paragraphs.len() > 100 => {
                paragraphs.remove(p);
            }
            1..=2 => {
                let moved = paragraphs.remove(p);
                let to = self.next() % (paragraphs.len() + 1);
                paragraphs.insert(to, moved);
            }
            3..=4 => {
                // Delete a sentence.
                let text = &mut paragraphs[p];
                if let Some(end) = text.find(". ") {
                    text.replace_range(..end + 2, "");
                }
            }
            _ => {
                let text = &mut paragraphs[p];
                let spaces: Vec<usize> = text.match_indices(' ').map(|(i, _)| i).collect();
                let at = spaces
                    .get(self.next() % spaces.len().max(1))
                    .copied()
                    .unwrap_or(0);
                let words = (0..1 + self.next() % 4)
                    .map(|_| TYPED[self.next() % TYPED.len()])
                    .collect::<Vec<_>>()
                    .join(" ");
                text.insert_str(at, &format!(" {words}"));
            }
        }
    }
}

/// 2,000 autosaves of the 20,000-word draft, each a pause in typing (so each keeps a revision of
/// its own: the most the desk can grow), on a real desk file.
fn revisions(c: &mut Criterion) {
    const SAVES: usize = 2_000;
    let (mut desk, draft) = large_desk_at("revisions.sqlite");
    let path = desk.path().unwrap().to_path_buf();
    let before = std::fs::metadata(&path).unwrap().len();
    let mut paragraphs: Vec<String> = draft.body.split("\n\n").map(str::to_string).collect();
    let mut edits = Edits(7);
    let mut base = draft.revision;
    let started = std::time::Instant::now();
    for _ in 0..SAVES {
        edits.apply(&mut paragraphs);
        let input = DraftInput {
            title: draft.title.clone(),
            body: paragraphs.join("\n\n"),
        };
        let saved = desk
            .save_draft(&draft.id, &input, SaveReason::Pause, Some(base))
            .unwrap();
        base = saved.revision;
    }
    let saving = started.elapsed();
    let grown = std::fs::metadata(&path).unwrap().len() - before;
    let listed = desk.draft_revisions(&draft.id).unwrap();
    let words = listed[0].words;
    eprintln!(
        "revisions: {SAVES} autosaves of a {words}-word draft grew the desk file by {:.2} MB \
         ({:.2} ms a save); {} revisions",
        grown as f64 / 1e6,
        saving.as_secs_f64() * 1e3 / SAVES as f64,
        listed.len()
    );
    assert_eq!(listed.len(), SAVES + 1);
    assert!(grown <= 10_000_000, "grew by {grown} bytes, over 10 MB");

    c.bench_function("revisions: list 2,000 revisions of a 20k-word draft", |b| {
        b.iter(|| desk.draft_revisions(&draft.id).unwrap())
    });
    // The slowest revision to read: the one furthest from its keyframe.
    let far = listed
        .iter()
        .map(|r| r.seq)
        .find(|&seq| {
            (seq - listed[listed.len() - 1].seq) % factdesk_core::revisions::KEYFRAME_EVERY == 31
        })
        .unwrap();
    c.bench_function(
        "revisions: read one revision 31 deltas from its keyframe",
        |b| b.iter(|| desk.draft_revision(&draft.id, far).unwrap()),
    );
    let mut next = 0usize;
    c.bench_function("revisions: one autosave of a 20k-word draft", |b| {
        b.iter(|| {
            next += 1;
            let input = DraftInput {
                title: draft.title.clone(),
                body: format!("{} {next}", paragraphs.join("\n\n")),
            };
            base = desk
                .save_draft(&draft.id, &input, SaveReason::Pause, Some(base))
                .unwrap()
                .revision;
        })
    });
}

/// A small desk whose one claim cites the end of a ten-hop relay chain.
fn ten_hop_desk() -> (Desk, String) {
    let mut desk = Desk::open_in_memory().unwrap();
    let mut prev: Option<String> = None;
    for i in 0..11 {
        prev = Some(
            desk.add_source(&SourceInput {
                title: format!("Hop {i}"),
                reliability: Some(Reliability::Medium),
                via: prev.clone(),
                ..SourceInput::default()
            })
            .unwrap()
            .id,
        );
    }
    let claim = desk
        .add_claim(&ClaimInput {
            text: "Relayed ten times.".into(),
            confidence: Confidence::Reported,
            as_of: None,
            status: None,
            topics: vec![],
        })
        .unwrap()
        .id;
    desk.link_evidence(&EvidenceInput {
        claim: claim.clone(),
        source: prev.unwrap(),
        ..EvidenceInput::default()
    })
    .unwrap();
    (desk, claim)
}

/// Issue 11: intake of a 2,000-word article (the labelled articles, joined) within 20 ms.
fn intake(c: &mut Criterion) {
    use factdesk_core::intake::{Article, analyse};
    let parts = [
        include_str!("../tests/fixtures/intake/01-moonlit-bakery-renewal.md"),
        include_str!("../tests/fixtures/intake/03-bloom-statement-dating.md"),
        include_str!("../tests/fixtures/intake/05-weekend-ratings.md"),
        include_str!("../tests/fixtures/intake/07-blue-house-nights-renewal.md"),
        include_str!("../tests/fixtures/intake/09-kang-enlistment-statement.md"),
        include_str!("../tests/fixtures/intake/11-night-market-ratings.md"),
        include_str!("../tests/fixtures/intake/13-nova-line-comeback.md"),
    ];
    let mut text = String::new();
    while text.split_whitespace().count() < 2_000 {
        for p in parts {
            text.push_str(p);
            text.push_str("\n\n");
        }
    }
    let words = text.split_whitespace().count();
    let article = Article {
        text,
        outlet: "K-Wave Wire".into(),
        title: "Bench".into(),
        published: Some(factdesk_core::PartialDate::parse("published", "2025-09-19").unwrap()),
        ..Article::default()
    };
    assert!(!analyse(&article).candidates.is_empty());
    let mut group = c.benchmark_group("intake");
    group.bench_function(format!("analyse a {words}-word article"), |b| {
        b.iter(|| analyse(std::hint::black_box(&article)))
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = speed, revisions
}
criterion_group!(intake_benches, intake);
criterion_main!(benches, intake_benches);
