#![allow(clippy::unwrap_used, clippy::expect_used, clippy::print_stdout)]
//! Search on a desk file against the same records on a team desk (issue 12): loads a desk file's
//! searchable records into a `team init`ed PostgreSQL database with COPY, then times the same
//! queries on both and prints p50/p95. A measuring tool, not a loader for real desks (it copies
//! only what search reads; the 1M-claim harness lives in `benches/`).
//!
//! cargo run -p factdesk-core --example search_pg -- DESK.sqlite 'postgres:///db?host=DIR&user=postgres'

use std::io::Write;
use std::time::{Duration, Instant};

use factdesk_core::Desk;

const QUERIES: &[&str] = &[
    "rating",
    "ratings",
    "nationwide",
    "nationwide rating",
    "minister",
    "budget",
    "police",
    "court",
    "election",
    "report",
    "season",
    "drama",
    "Seoul",
    "Busan",
    "export",
    "rose",
    "percent",
    "agency",
    "said",
    "the",
    "joo",
    "kim",
    "park",
    "lee",
    "영우",
    "우영우",
    "서울",
    "대통령",
    "의원",
    "rat",
    "xyzzy",
    "council vote",
    "new policy",
    "01M8",
];

/// One field for COPY's text format.
fn field(v: Option<String>) -> String {
    match v {
        None => "\\N".into(),
        Some(s) => s
            .replace('\\', "\\\\")
            .replace('\t', "\\t")
            .replace('\n', "\\n")
            .replace('\r', "\\r"),
    }
}

fn copy(lite: &rusqlite::Connection, pg: &mut postgres::Client, select: &str, into: &str) {
    let mut stmt = lite.prepare(select).unwrap();
    let n = stmt.column_count();
    let mut rows = stmt.query([]).unwrap();
    let mut w = pg.copy_in(&format!("COPY {into} FROM STDIN")).unwrap();
    while let Some(r) = rows.next().unwrap() {
        let line: Vec<String> = (0..n)
            .map(|i| field(r.get::<_, Option<String>>(i).unwrap()))
            .collect();
        writeln!(w, "{}", line.join("\t")).unwrap();
    }
    w.finish().unwrap();
}

fn load(path: &str, url: &str) {
    factdesk_core::team::init(url).unwrap();
    let lite = rusqlite::Connection::open(path).unwrap();
    let mut pg = postgres::Client::connect(url, postgres::NoTls).unwrap();
    pg.batch_execute("SET search_path = factdesk, public; ALTER TABLE claims DISABLE TRIGGER USER")
        .unwrap();
    let t = Instant::now();
    copy(
        &lite,
        &mut pg,
        "SELECT id, title, outlet, author, notes, kept_text, created_at, updated_at FROM sources ORDER BY rowid",
        "sources (id, title, outlet, author, notes, kept_text, created_at, updated_at)",
    );
    copy(
        &lite,
        &mut pg,
        "SELECT id, text, confidence, created_at, updated_at FROM claims ORDER BY rowid",
        "claims (id, text, confidence, created_at, updated_at)",
    );
    copy(
        &lite,
        &mut pg,
        "SELECT claim_id, topic FROM claim_topics",
        "claim_topics (claim_id, topic)",
    );
    copy(
        &lite,
        &mut pg,
        "SELECT id, title, body, created_at, updated_at FROM drafts ORDER BY rowid",
        "drafts (id, title, body, created_at, updated_at)",
    );
    // What claims_stamp would have written, as team/search.sql's backfill writes it.
    pg.batch_execute(
        "UPDATE claims c SET search_words = search_fold(search_text(c.text, x.topics)),
                search = to_tsvector('simple'::regconfig, search_text(c.text, x.topics))
         FROM (SELECT id, (SELECT string_agg(topic, ' ' ORDER BY topic) FROM claim_topics t
                           WHERE t.claim_id = c2.id) AS topics FROM claims c2) x
         WHERE x.id = c.id;
         ALTER TABLE claims ENABLE TRIGGER USER;",
    )
    .unwrap();
    for table in ["sources", "claims", "claim_topics", "drafts"] {
        pg.batch_execute(&format!("VACUUM ANALYZE {table}"))
            .unwrap();
    }
    println!(
        "loaded into PostgreSQL in {:.1} s",
        t.elapsed().as_secs_f64()
    );
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (path, url) = (&args[1], &args[2]);
    if std::env::var("SKIP_LOAD").is_err() {
        load(path, url);
    }
    let file = Desk::open(path).unwrap();
    let team = Desk::open_team(url).unwrap();
    for (name, desk) in [("SQLite", &file), ("PostgreSQL", &team)] {
        let mut times = Vec::new();
        let mut hits = 0;
        let mut slowest = Vec::new();
        for q in QUERIES {
            desk.search(q, None, 50).unwrap(); // warm
            let mut each = Vec::new();
            for _ in 0..5 {
                let t = Instant::now();
                hits += desk.search(q, None, 50).unwrap().len();
                each.push(t.elapsed());
            }
            each.sort();
            slowest.push((each[2], *q));
            times.extend(each);
        }
        slowest.sort();
        let worst: Vec<String> = slowest
            .iter()
            .rev()
            .take(5)
            .map(|(t, q)| format!("{q:?} {:.1} ms", t.as_secs_f64() * 1000.0))
            .collect();
        times.sort();
        println!(
            "{name}: {} searches of {} queries, p50 {:.1} ms, p95 {:.1} ms, max {:.1} ms ({hits} hits)",
            times.len(),
            QUERIES.len(),
            pct(&times, 0.5),
            pct(&times, 0.95),
            pct(&times, 1.0),
        );
        println!("  slowest medians: {}", worst.join(", "));
    }
    // The same hits on both, query by query.
    for q in QUERIES {
        let a: Vec<_> = file
            .search(q, None, 50)
            .unwrap()
            .into_iter()
            .map(|h| (h.kind, h.title, h.rank))
            .collect();
        let b: Vec<_> = team
            .search(q, None, 50)
            .unwrap()
            .into_iter()
            .map(|h| (h.kind, h.title, h.rank))
            .collect();
        if a != b {
            println!("differs: {q:?} ({} vs {} hits)", a.len(), b.len());
        }
    }
}
