//! The quote check (issue 11, `checks/quotes.rs`) at the size of the issue-5 targets: a
//! 20,000-word draft with 1,000 claim spans over 2,000 sources, every source keeping about
//! 13,500 characters (a 2,000-word article) that hold its evidence's quotes, so every quote is
//! found (the most work the check did when it read and normalised every cited text; it now
//! reads the results stored when the evidence or the text was written, `quote_checks.rs`).
//! Compared with `check_text` on the same draft with no kept text, it is the check's own cost
//! at each pause in typing; the draft checks' target is 50 ms. `cargo bench -p factdesk-core --bench quotes`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{Criterion, criterion_group, criterion_main};
use factdesk_core::Desk;
use factdesk_core::large::TARGET;

fn desk(name: &str) -> (Desk, factdesk_core::Draft, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("factdesk-quotes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    let _ = std::fs::remove_file(&path);
    let mut desk = Desk::create(&path).unwrap();
    let draft = desk.load_large(TARGET).unwrap();
    (desk, draft, dir)
}

fn quotes(c: &mut Criterion) {
    let (plain, plain_draft, _) = desk("plain.sqlite");
    plain
        .conn()
        .unwrap()
        .execute(
            "UPDATE sources SET kept_text = NULL, kept_text_sha256 = NULL",
            [],
        )
        .unwrap();
    let (kept, draft, dir) = desk("kept.sqlite");
    kept.conn()
        .unwrap()
        .execute(
            "UPDATE sources SET
                 kept_text = replace(hex(zeroblob(500)), '00', 'Some words of the article. ')
                     || coalesce((SELECT group_concat(coalesce(original_quote, quote), ' — ')
                                  FROM evidence WHERE source_id = sources.id), ''),
                 kept_text_sha256 = 'bench'",
            [],
        )
        .unwrap();
    // The texts were written around the core: work out the stored quote checks as a write
    // through the core (or the upgrade of an older desk) would have.
    let mut kept = kept;
    kept.settle_quote_checks().unwrap();
    let findings = kept.check_text(&draft.body).unwrap();
    assert!(
        !findings
            .iter()
            .any(|f| f.kind.as_str() == "quote-not-in-source"),
        "every quote is in its source's text"
    );
    let mut group = c.benchmark_group("quote check");
    group.sample_size(30);
    group.bench_function(
        "check_text 20k words / 1k spans / 2k sources, no kept text",
        |b| {
            b.iter(|| {
                plain
                    .check_text(std::hint::black_box(&plain_draft.body))
                    .unwrap()
            })
        },
    );
    group.bench_function(
        "check_text 20k words / 1k spans / 2k sources, each keeping 13.5k chars",
        |b| b.iter(|| kept.check_text(std::hint::black_box(&draft.body)).unwrap()),
    );
    group.finish();
    drop((plain, kept));
    let _ = std::fs::remove_dir_all(dir);
}

criterion_group!(benches, quotes);
criterion_main!(benches);
