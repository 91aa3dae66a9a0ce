//! What `sizes.rs` (desk files) and `team_sizes.rs` (team desks) share: the generated desks, the
//! calls they time and the search queries, so both engines are measured on the same work.
#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use factdesk_core::export::ExportFormat;
use factdesk_core::large::{GENERATOR_VERSION, HANGUL, ROMANISED};
use factdesk_core::pages::ListQuery;
use factdesk_core::{Desk, migrations};

/// What the calls work on: the generated draft and a claim whose evidence cites a relayed source.
pub struct Fixture {
    pub draft: String,
    pub body: String,
    pub claim: String,
}

/// One measured call; its result's size keeps the work from being optimised away.
pub type Call = fn(&Desk, &Fixture) -> factdesk_core::Result<usize>;

/// The calls timed on an open desk, by their benchmark names (open and search apart).
pub const CALLS: &[(&str, Call)] = &[
    ("list page", list_page),
    ("check", |d, f| d.check_text(&f.body).map(kept)),
    ("export footnotes", |d, f| {
        d.export_draft(&f.draft, ExportFormat::Footnotes).map(kept)
    }),
    ("export pandoc", |d, f| {
        d.export_draft(&f.draft, ExportFormat::Pandoc).map(kept)
    }),
    ("provenance", |d, f| d.provenance(&f.claim).map(kept)),
    ("analysis of a pause", |d, f| {
        d.analyse_text(&f.body).map(|a| a.findings.len())
    }),
];

/// A call's result, kept from the optimiser.
fn kept<T>(x: T) -> usize {
    std::hint::black_box(&x);
    1
}

/// One page of the claim list (50, newest first), as `claim list` and the app's list ask it.
fn list_page(desk: &Desk, _: &Fixture) -> factdesk_core::Result<usize> {
    Ok(desk.claims_page(&ListQuery::default())?.items.len())
}

/// Search for `query` over every kind, as the app's filter box asks it (20 hits).
pub fn search(desk: &Desk, query: &str) -> factdesk_core::Result<usize> {
    Ok(desk.search(query, None, 20)?.len())
}

/// Desk sizes from FACTDESK_BENCH_SIZES (default 1k and 100k claims).
pub fn sizes() -> Vec<usize> {
    std::env::var("FACTDESK_BENCH_SIZES")
        .ok()
        .map(|v| {
            v.split(',')
                .filter_map(|n| n.trim().replace('_', "").parse().ok())
                .collect()
        })
        .unwrap_or_else(|| vec![1_000, 100_000])
}

pub fn desk_folder() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("bench-desks")
}

/// The cached desk's name for `n` claims: generator and schema versions in it, so a change of
/// either builds a new one.
pub fn desk_name(n: usize) -> String {
    format!(
        "claims-{n}-g{GENERATOR_VERSION}-s{}",
        migrations::latest_version()
    )
}

/// The cached desk of `n` claims, generated when missing (into a temporary name first, so a
/// build cut short is never taken for a desk).
pub fn cached_desk(n: usize) -> PathBuf {
    let dir = desk_folder();
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}.sqlite", desk_name(n)));
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

/// The generated draft's id and body, and a claim whose evidence cites a relayed source, read
/// from the desk file (a team desk loaded from it has the same ids).
pub fn fixture(desk: &Desk) -> Fixture {
    let conn = desk.conn().unwrap();
    let (draft, body): (String, String) = conn
        .query_row(
            "SELECT id, body FROM drafts ORDER BY rowid LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let claim: String = conn
        .query_row(
            "SELECT e.claim_id FROM evidence e JOIN sources s ON s.id = e.source_id
             WHERE s.via IS NOT NULL ORDER BY e.rowid LIMIT 1 OFFSET 100",
            [],
            |r| r.get(0),
        )
        .unwrap();
    Fixture { draft, body, claim }
}

/// 100 queries a writer would type: romanised and Hangul names, parts of names, show words.
pub fn queries() -> Vec<String> {
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

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

/// Search p50/p95 over the 100 queries, each timed once after a warm-up run. When a query takes
/// seconds, the first queries stand for the rest. Returns (p50, p95, timed).
pub fn search_percentiles(desk: &Desk) -> (Duration, Duration, usize) {
    let queries = queries();
    search(desk, &queries[0]).unwrap();
    let started = Instant::now();
    let mut times: Vec<Duration> = Vec::new();
    for q in &queries {
        let t = Instant::now();
        let found = std::hint::black_box(search(desk, q).unwrap());
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
    times.sort();
    (
        percentile(&times, 0.5),
        percentile(&times, 0.95),
        times.len(),
    )
}
