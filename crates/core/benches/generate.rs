//! The generator's write rate (issue 9: at least 500k claims a second into the core tables),
//! beside a plain rusqlite insert loop of the same rows in the same run. Rows are made first,
//! batch by batch, and only writing them is timed; both desks are real files made by
//! `Desk::create` (same schema, triggers and indexes), on a connection with the same cache.
//!
//! Three figures: `generate_large` end to end (the bulk load, then indexes, search rebuild and
//! stored quote checks), the core's batch insert into a desk with every index and trigger in
//! place, and the plain loop (also with them in place).
//!
//! `cargo bench -p factdesk-core --bench generate` (100k claims);
//! `FACTDESK_GEN_CLAIMS=1000000 cargo bench -p factdesk-core --bench generate` for 1M.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::{Duration, Instant};

use factdesk_core::Desk;
use factdesk_core::large::{Generator, Rows};
use rusqlite::{Connection, params};

/// Per table, the time a plain loop spent.
#[derive(Default)]
struct Split {
    sources: Duration,
    claims: Duration,
    evidence: Duration,
    history: Duration,
    commit: Duration,
}

fn plain(conn: &mut Connection, rows: &Rows, split: &mut Split) {
    let tx = conn.transaction().unwrap();
    let t = Instant::now();
    {
        let mut s = tx
            .prepare(
                "INSERT INTO sources (id, title, outlet, author, url, published, accessed,
                 language, kind, reliability, via, kept_text, kept_text_sha256, notes,
                 created_at, updated_at, version)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, 1)",
            )
            .unwrap();
        for r in &rows.sources {
            s.execute(params![
                r.id,
                r.title,
                r.outlet,
                r.author,
                r.url,
                r.published,
                r.accessed,
                r.language,
                r.kind,
                r.reliability,
                r.via,
                r.kept_text,
                r.kept_text_sha256,
                r.notes,
                r.at
            ])
            .unwrap();
        }
    }
    let t2 = Instant::now();
    split.sources += t2 - t;
    {
        let mut c = tx
            .prepare(
                "INSERT INTO claims (id, text, confidence, as_of, status, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
            )
            .unwrap();
        let mut topic = tx
            .prepare("INSERT INTO claim_topics (claim_id, topic) VALUES (?1, ?2)")
            .unwrap();
        for r in &rows.claims {
            c.execute(params![r.id, r.text, r.confidence, r.as_of, r.status, r.at])
                .unwrap();
            for t in &r.topics {
                topic.execute(params![r.id, t]).unwrap();
            }
        }
    }
    let t3 = Instant::now();
    split.claims += t3 - t2;
    {
        let mut e = tx
            .prepare(
                "INSERT INTO evidence (id, claim_id, source_id, quote, locator, stance,
                 translated_by, original_quote, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )
            .unwrap();
        for r in &rows.evidence {
            e.execute(params![
                r.id,
                r.claim_id,
                r.source_id,
                r.quote,
                r.locator,
                r.stance,
                r.translated_by,
                r.original_quote,
                r.at
            ])
            .unwrap();
        }
    }
    let t4 = Instant::now();
    split.evidence += t4 - t3;
    {
        let mut h = tx
            .prepare(
                "INSERT INTO history (at, actor, record_kind, record_id, action, after, version)
                 VALUES (?1, 'local', ?2, ?3, 'create', ?4, ?5)",
            )
            .unwrap();
        for r in &rows.history {
            h.execute(params![
                r.at,
                r.record_kind,
                r.record_id,
                r.after,
                r.version
            ])
            .unwrap();
        }
    }
    let t5 = Instant::now();
    split.history += t5 - t4;
    tx.commit().unwrap();
    split.commit += t5.elapsed();
}

fn fresh(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    let _ = std::fs::remove_file(&path);
    drop(Desk::create(&path).unwrap());
    path
}

fn main() {
    // `cargo bench` passes `--bench`; a filter that names another bench skips this one.
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args
        .iter()
        .any(|a| !a.starts_with('-') && !"generate".contains(a.as_str()))
    {
        return;
    }
    let n: usize = std::env::var("FACTDESK_GEN_CLAIMS")
        .ok()
        .and_then(|v| v.replace('_', "").parse().ok())
        .unwrap_or(100_000);
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let cache = -256 * 1024;

    // Making the rows, alone.
    let started = Instant::now();
    let mut g = Generator::new(n).unwrap();
    let mut rows_total = 0;
    while let Some(rows) = g.next_batch().unwrap() {
        rows_total += rows.len();
    }
    let making = started.elapsed();

    // What `init --large --claims N` does, end to end: the bulk load (no secondary indexes or
    // search triggers, no journal), then the indexes built once, the search indexes rebuilt
    // and the quote checks stored.
    let path = dir.path().join("generated.sqlite");
    let made = Desk::create(&path).unwrap().generate_large(n).unwrap();
    let generated = Duration::from_secs_f64(made.seconds);
    let generated_bytes = std::fs::metadata(&path).unwrap().len();
    std::fs::remove_file(&path).unwrap();

    // Each batch through `insert_generated` into a desk whose indexes and triggers are all in
    // place (what a later bulk write into a desk in use costs), with and without history rows.
    let timed = |history: bool| {
        let path = fresh(
            dir.path(),
            if history {
                "core.sqlite"
            } else {
                "bare.sqlite"
            },
        );
        let mut desk = Desk::open(&path).unwrap();
        desk.conn()
            .unwrap()
            .pragma_update(None, "cache_size", cache)
            .unwrap();
        let mut g = Generator::new(n).unwrap();
        let mut spent = Duration::ZERO;
        while let Some(mut rows) = g.next_batch().unwrap() {
            if !history {
                rows.history.clear();
            }
            let t = Instant::now();
            desk.insert_generated(&rows).unwrap();
            spent += t.elapsed();
        }
        (spent, std::fs::metadata(&path).unwrap().len())
    };
    let (core, core_bytes) = timed(true);
    let (bare, bare_bytes) = timed(false);

    // A plain rusqlite loop over the same rows.
    let path = fresh(dir.path(), "plain.sqlite");
    let mut conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "foreign_keys", "ON").unwrap();
    conn.pragma_update(None, "synchronous", "NORMAL").unwrap();
    conn.pragma_update(None, "cache_size", cache).unwrap();
    let mut g = Generator::new(n).unwrap();
    let mut split = Split::default();
    while let Some(rows) = g.next_batch().unwrap() {
        plain(&mut conn, &rows, &mut split);
    }
    let plain_total = split.sources + split.claims + split.evidence + split.history + split.commit;

    let rate = |d: Duration| n as f64 / d.as_secs_f64();
    println!(
        "generate {n} claims ({} sources, {} evidence; {rows_total} rows in all):",
        g.sources(),
        g.evidence_count()
    );
    println!(
        "  making the rows          {:>8.2} s  {:>9.0} claims/s",
        making.as_secs_f64(),
        rate(making)
    );
    println!(
        "  generate_large, end to end {:>6.2} s  {:>9.0} claims/s  {:>6.0} MB file \
         (indexes, search rebuild and quote checks included)",
        generated.as_secs_f64(),
        rate(generated),
        generated_bytes as f64 / 1e6
    );
    println!(
        "  core, schema in place    {:>8.2} s  {:>9.0} claims/s  {:>6.0} MB file",
        core.as_secs_f64(),
        rate(core),
        core_bytes as f64 / 1e6
    );
    println!(
        "  core, no history rows    {:>8.2} s  {:>9.0} claims/s  {:>6.0} MB file",
        bare.as_secs_f64(),
        rate(bare),
        bare_bytes as f64 / 1e6
    );
    println!(
        "  plain rusqlite loop      {:>8.2} s  {:>9.0} claims/s  (sources {:.2} s, claims+topics \
         {:.2} s = {:.0} claims/s, evidence {:.2} s, history {:.2} s, commits {:.2} s)",
        plain_total.as_secs_f64(),
        rate(plain_total),
        split.sources.as_secs_f64(),
        split.claims.as_secs_f64(),
        rate(split.claims),
        split.evidence.as_secs_f64(),
        split.history.as_secs_f64(),
        split.commit.as_secs_f64()
    );
    println!(
        "  generate_large / plain   {:>8.2}×",
        generated.as_secs_f64() / plain_total.as_secs_f64()
    );
    println!(
        "  core in place / plain    {:>8.2}×",
        core.as_secs_f64() / plain_total.as_secs_f64()
    );
}
