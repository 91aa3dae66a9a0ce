//! Issue 9's figures at desk sizes: open a desk, one list page, search p50/p95 over 100 queries
//! of names and words, check, both exports, provenance of one claim and the analysis of a pause,
//! on generated desks (`init --large --claims N`) of 1k and 100k claims, and 1M on request:
//! `FACTDESK_BENCH_SIZES=1000,100000,1000000 make bench`.
//!
//! Targets at 1M claims (issue 9): open ≤ 100 ms; list page ≤ 5 ms; search p95 ≤ 10 ms; check
//! ≤ 25 ms; export ≤ 15 ms; provenance ≤ 1 ms; analysis ≤ 30 ms; each within 2× of its 1k figure.
//!
//! Each desk is generated once and cached as `target/bench-desks/claims-N-gG-sS.sqlite` (G the
//! generator's version, S the schema's), so a change of either builds a new one. Benchmarks
//! only read it (the first write of a session would probe and back it up: that is measured
//! apart, in `opening`).
//!
//! `FACTDESK_BENCH_EACH=1` prints each search query's time and hit count, to find the slow ones.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use factdesk_core::export::ExportFormat;
use factdesk_core::large::{GENERATOR_VERSION, HANGUL, ROMANISED};
use factdesk_core::pages::ListQuery;
use factdesk_core::{Desk, migrations};

// --- The calls measured ------------------------------------------------------------------

/// One page of the claim list (50, newest first), as `claim list` and the app's list ask it.
fn list_page(desk: &Desk) -> usize {
    desk.claims_page(&ListQuery::default()).unwrap().items.len()
}

/// Search for `query` over every kind, as the app's filter box asks it (20 hits).
fn search(desk: &Desk, query: &str) -> usize {
    desk.search(query, None, 20).unwrap().len()
}

/// What a pause in typing costs: one parse, one scoped read, the checks and the counts (the save
/// is left out: it is a write, measured in the revisions benchmarks).
fn analysis(desk: &Desk, body: &str) -> usize {
    desk.analyse_text(body).unwrap().findings.len()
}

// --- The desks ------------------------------------------------------------------------------

fn sizes() -> Vec<usize> {
    std::env::var("FACTDESK_BENCH_SIZES")
        .ok()
        .map(|v| {
            v.split(',')
                .filter_map(|n| n.trim().replace('_', "").parse().ok())
                .collect()
        })
        .unwrap_or_else(|| vec![1_000, 100_000])
}

fn desk_folder() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("bench-desks")
}

/// The cached desk of `n` claims, generated when missing (into a temporary name first, so a
/// build cut short is never taken for a desk).
pub fn cached_desk(n: usize) -> PathBuf {
    let dir = desk_folder();
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!(
        "claims-{n}-g{GENERATOR_VERSION}-s{}.sqlite",
        migrations::latest_version()
    ));
    if !path.exists() {
        let partial = path.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        let started = Instant::now();
        let made = Desk::create(&partial).unwrap().generate_large(n).unwrap();
        std::fs::rename(&partial, &path).unwrap();
        eprintln!(
            "generated {} ({} claims in {:.1} s)",
            path.display(),
            made.claims,
            started.elapsed().as_secs_f64()
        );
    }
    path
}

/// The generated draft's id and body, and a claim whose evidence cites a relayed source.
fn draft_and_claim(desk: &Desk) -> (String, String, String) {
    let (id, body): (String, String) = desk
        .conn()
        .unwrap()
        .query_row(
            "SELECT id, body FROM drafts ORDER BY rowid LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let claim: String = desk
        .conn()
        .unwrap()
        .query_row(
            "SELECT e.claim_id FROM evidence e JOIN sources s ON s.id = e.source_id
             WHERE s.via IS NOT NULL ORDER BY e.rowid LIMIT 1 OFFSET 100",
            [],
            |r| r.get(0),
        )
        .unwrap();
    (id, body, claim)
}

/// 100 queries a writer would type: romanised and Hangul names, parts of names, show words.
fn queries() -> Vec<String> {
    let mut q = Vec::new();
    for (i, (r, h)) in ROMANISED.iter().zip(HANGUL).enumerate() {
        q.push(r.to_string());
        q.push(h.to_string());
        q.push(r.split(' ').nth(1).unwrap_or(r).to_string()); // "Tae-oh"
        q.push(h.chars().skip(1).collect()); // "태오"
        q.push(
            [
                "Salt Road",
                "premiere",
                "renewed",
                "Baeksang",
                "nationwide rating",
            ][i % 5]
                .to_string(),
        );
    }
    q
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn sized(c: &mut Criterion) {
    for n in sizes() {
        let path = cached_desk(n);
        let desk = Desk::open(&path).unwrap();
        let (draft, body, claim) = draft_and_claim(&desk);
        let mut g = c.benchmark_group(format!("desk {n} claims"));
        g.sample_size(10);
        g.warm_up_time(Duration::from_millis(500));
        g.measurement_time(Duration::from_secs(3));
        g.bench_function(BenchmarkId::new("open", n), |b| {
            b.iter(|| Desk::open(&path).unwrap())
        });
        g.bench_function(BenchmarkId::new("list page", n), |b| {
            b.iter(|| list_page(&desk))
        });
        g.bench_function(BenchmarkId::new("check", n), |b| {
            b.iter(|| desk.check_text(&body).unwrap())
        });
        g.bench_function(BenchmarkId::new("export footnotes", n), |b| {
            b.iter(|| desk.export_draft(&draft, ExportFormat::Footnotes).unwrap())
        });
        g.bench_function(BenchmarkId::new("export pandoc", n), |b| {
            b.iter(|| desk.export_draft(&draft, ExportFormat::Pandoc).unwrap())
        });
        g.bench_function(BenchmarkId::new("provenance", n), |b| {
            b.iter(|| desk.provenance(&claim).unwrap())
        });
        g.bench_function(BenchmarkId::new("analysis of a pause", n), |b| {
            b.iter(|| analysis(&desk, &body))
        });
        g.finish();

        // Search: p50/p95 over the 100 queries, each timed once after a warm-up run. When a
        // query takes seconds (today's full load), the first queries stand for the rest.
        let queries = queries();
        search(&desk, &queries[0]);
        let started = Instant::now();
        let mut times: Vec<Duration> = Vec::new();
        for q in &queries {
            let t = Instant::now();
            let found = std::hint::black_box(search(&desk, q));
            times.push(t.elapsed());
            if std::env::var_os("FACTDESK_BENCH_EACH").is_some() {
                println!(
                    "  search {q:?}: {:.3} ms, {found} hits",
                    t.elapsed().as_secs_f64() * 1e3
                );
            }
            if times.len() >= 10 && started.elapsed() > Duration::from_secs(20) {
                break;
            }
        }
        let timed = times.len();
        times.sort();
        println!(
            "desk {n} claims/search p50/p95: {:.3} ms / {:.3} ms over {timed} of {} queries",
            percentile(&times, 0.5).as_secs_f64() * 1e3,
            percentile(&times, 0.95).as_secs_f64() * 1e3,
            queries.len()
        );
    }
}

criterion_group!(benches, sized);
criterion_main!(benches);
