//! The generator's write rate (issue 9: at least 500k claims a second into the core tables),
//! beside a plain rusqlite insert loop of the same rows in the same run.
//!
//! Figures, each with its wall time and the CPU time (user + sys) the process spent in it, as
//! other builds share the cores:
//! - making the rows alone;
//! - `generate_large` end to end, and its phases: the rows (made on a second thread while
//!   written, into tables with no secondary or search index), the secondary indexes built after,
//!   the search indexes filled and merged, the quote checks stored;
//! - the core's bulk insert (`Desk::insert_generated`) and a plain rusqlite loop (one prepared
//!   statement per table, one `execute` per row, one transaction per batch) writing the same
//!   rows, made ahead and not timed, into desks readied the same way as the generator's (no
//!   secondary or search index, no journal, no fsync, no foreign-key checks, the same cache):
//!   the ratio of the two.
//!
//! `FACTDESK_GEN_COMPARE=0` stops after `generate_large` (at 1M claims the two compared desks
//! are 2.2 GB each). `FACTDESK_GEN_IN_PLACE=1` adds the core's insert into a desk with every index and trigger in
//! place (what a bulk write into a desk in use costs; slow: a search-index write per claim).
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

/// CPU seconds (user + sys) this process has spent so far (Linux counts them in 1/100 s).
fn cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_name = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |k: usize| {
        fields
            .get(k)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are the 14th and 15th fields of the line, the 12th and 13th after `)`.
    (ticks(11) + ticks(12)) / 100.0
}

fn plain(conn: &mut Connection, rows: &Rows, split: &mut Split) {
    let tx = conn.transaction().unwrap();
    let t = Instant::now();
    {
        let mut s = tx
            .prepare(
                "INSERT INTO sources (id, title, outlet, author, url, published, accessed,
                 language, kind, reliability, via, kept_text, kept_text_sha256, notes,
                 created_at, updated_at, version, cite_key)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, 1,
                         ?16)",
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
                r.at,
                r.cite_key
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
            for t in r.topics {
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

/// A new desk file (schema, triggers and indexes as `Desk::create` makes them).
fn fresh(dir: &std::path::Path, name: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    let _ = std::fs::remove_file(&path);
    drop(Desk::create(&path).unwrap());
    path
}

/// Readies a connection as the generator readies its new desk: the secondary indexes and search
/// triggers of the bulk-loaded tables dropped, no journal, no fsync, no foreign-key checks, a
/// large cache.
fn bulk_mode(conn: &Connection, cache: i64) {
    let drops: Vec<String> = conn
        .prepare(
            "SELECT type, name FROM sqlite_schema WHERE sql IS NOT NULL
             AND tbl_name IN ('sources', 'claims', 'claim_topics', 'evidence', 'history')
             AND (type = 'index' OR (type = 'trigger' AND name LIKE '%\\_search\\_%' ESCAPE '\\'))",
        )
        .unwrap()
        .query_map([], |r| {
            Ok(format!(
                "DROP {} \"{}\";",
                r.get::<_, String>(0)?.to_uppercase(),
                r.get::<_, String>(1)?
            ))
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    conn.execute_batch(&drops.join(" ")).unwrap();
    conn.pragma_update(None, "cache_size", cache).unwrap();
    conn.pragma_update(None, "foreign_keys", "OFF").unwrap();
    conn.pragma_update(None, "synchronous", "OFF").unwrap();
    conn.pragma_update(None, "journal_mode", "OFF").unwrap();
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
    let in_place = std::env::var("FACTDESK_GEN_IN_PLACE").is_ok_and(|v| v == "1");
    let compare = std::env::var("FACTDESK_GEN_COMPARE").map_or(true, |v| v != "0");
    let dir = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();
    let cache = -256 * 1024;
    let rate = |d: f64| n as f64 / d;

    // Making the rows, alone.
    let (started, cpu0) = (Instant::now(), cpu());
    let mut g = Generator::new(n).unwrap();
    let mut rows_total = 0;
    while let Some(rows) = g.next_batch().unwrap() {
        rows_total += rows.len();
    }
    let making = (started.elapsed().as_secs_f64(), cpu() - cpu0);
    println!(
        "generate {n} claims ({} sources, {} evidence; {rows_total} rows in all, history included):",
        g.sources(),
        g.evidence_count()
    );
    println!(
        "  making the rows alone            {:>6.2} s wall {:>6.2} s cpu  {:>9.0} claims/s wall",
        making.0,
        making.1,
        rate(making.0)
    );

    // What `init --large --claims N` does, end to end.
    let path = dir.path().join("generated.sqlite");
    let (cpu0, started) = (cpu(), Instant::now());
    let made = Desk::create(&path).unwrap().generate_large(n).unwrap();
    let whole = (started.elapsed().as_secs_f64(), cpu() - cpu0);
    let generated_bytes = std::fs::metadata(&path).unwrap().len();
    std::fs::remove_file(&path).unwrap();
    println!(
        "  generate_large, end to end       {:>6.2} s wall {:>6.2} s cpu  {:>9.0} claims/s wall  \
         {:>5.0} MB file (create, load, indexes, search, quote checks, draft, rename, reopen)",
        whole.0,
        whole.1,
        rate(whole.0),
        generated_bytes as f64 / 1e6
    );
    println!(
        "    rows into the core tables      {:>6.2} s wall                {:>9.0} claims/s wall  \
         (made on a second thread while written; no secondary or search index yet)",
        made.rows_seconds,
        rate(made.rows_seconds)
    );
    println!(
        "    secondary indexes, built after {:>6.2} s",
        made.indexes_seconds
    );
    println!(
        "    search indexes, rebuild+merge  {:>6.2} s",
        made.search_seconds
    );
    println!(
        "    quote checks stored            {:>6.2} s",
        made.quote_checks_seconds
    );
    println!(
        "    all phases (`seconds`)         {:>6.2} s                     {:>9.0} claims/s",
        made.seconds,
        rate(made.seconds)
    );

    if !compare {
        return;
    }
    // The core's bulk insert and the plain loop, on the same rows made ahead, into desks readied
    // the same way; only the writes are timed (wall and this thread's share of CPU is the
    // process's, as nothing else runs meanwhile).
    let core_path = fresh(dir.path(), "core.sqlite");
    let mut desk = Desk::open(&core_path).unwrap();
    bulk_mode(desk.conn().unwrap(), cache);
    let plain_path = fresh(dir.path(), "plain.sqlite");
    let mut conn = Connection::open(&plain_path).unwrap();
    bulk_mode(&conn, cache);
    let mut g = Generator::new(n).unwrap();
    let (mut core, mut core_cpu) = (Duration::ZERO, 0.0);
    let (mut plain_cpu, mut split) = (0.0, Split::default());
    // Alternate which goes first, so neither always meets the other's warm caches.
    let mut k = 0;
    while let Some(rows) = g.next_batch().unwrap() {
        for turn in [k % 2, 1 - k % 2] {
            let (t, c) = (Instant::now(), cpu());
            if turn == 0 {
                desk.insert_generated(&rows).unwrap();
                core += t.elapsed();
                core_cpu += cpu() - c;
            } else {
                plain(&mut conn, &rows, &mut split);
                plain_cpu += cpu() - c;
            }
        }
        k += 1;
    }
    let plain_total = split.sources + split.claims + split.evidence + split.history + split.commit;
    let core_bytes = std::fs::metadata(&core_path).unwrap().len();
    let plain_bytes = std::fs::metadata(&plain_path).unwrap().len();
    println!(
        "  core bulk insert, rows only      {:>6.2} s wall {:>6.2} s cpu  {:>9.0} claims/s wall  \
         {:>5.0} MB file",
        core.as_secs_f64(),
        core_cpu,
        rate(core.as_secs_f64()),
        core_bytes as f64 / 1e6
    );
    println!(
        "  plain rusqlite loop, same rows   {:>6.2} s wall {:>6.2} s cpu  {:>9.0} claims/s wall  \
         {:>5.0} MB file (sources {:.2} s, claims+topics {:.2} s, evidence {:.2} s, history \
         {:.2} s, commits {:.2} s)",
        plain_total.as_secs_f64(),
        plain_cpu,
        rate(plain_total.as_secs_f64()),
        plain_bytes as f64 / 1e6,
        split.sources.as_secs_f64(),
        split.claims.as_secs_f64(),
        split.evidence.as_secs_f64(),
        split.history.as_secs_f64(),
        split.commit.as_secs_f64()
    );
    println!(
        "  core / plain (time; below 1 is faster)  {:.2}× wall  {:.2}× cpu",
        core.as_secs_f64() / plain_total.as_secs_f64(),
        core_cpu / plain_cpu.max(1e-9)
    );
    drop(desk);
    drop(conn);
    std::fs::remove_file(&core_path).unwrap();
    std::fs::remove_file(&plain_path).unwrap();

    if in_place {
        let path = fresh(dir.path(), "in-place.sqlite");
        let mut desk = Desk::open(&path).unwrap();
        desk.conn()
            .unwrap()
            .pragma_update(None, "cache_size", cache)
            .unwrap();
        let mut g = Generator::new(n).unwrap();
        let mut spent = Duration::ZERO;
        while let Some(rows) = g.next_batch().unwrap() {
            let t = Instant::now();
            desk.insert_generated(&rows).unwrap();
            spent += t.elapsed();
        }
        println!(
            "  core insert, schema in place     {:>6.2} s wall                {:>9.0} claims/s wall",
            spent.as_secs_f64(),
            rate(spent.as_secs_f64())
        );
    }
}
