//! The speed targets of the issues, on the size they name (2,000 sources, 1,000 claim spans,
//! 20,000 words): span parsing under 5 ms, export under 20 ms (each format, including reading
//! the desk and sanitising the Markdown), checks under 50 ms; and provenance of a claim with a 10-hop relay chain under
//! 1 ms. Run with `make bench`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use factdesk_core::export::ExportFormat;
use factdesk_core::large::TARGET;
use factdesk_core::{ClaimInput, Confidence, Desk, EvidenceInput, Reliability, SourceInput, spans};

fn large_desk() -> (Desk, factdesk_core::Draft) {
    let dir = std::env::temp_dir().join(format!("factdesk-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bench.sqlite");
    let _ = std::fs::remove_file(&path);
    // A real desk file, as the app uses, not an in-memory one.
    let mut desk = Desk::open(&path).unwrap();
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

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = speed
}
criterion_main!(benches);
