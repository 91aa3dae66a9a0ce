//! What opening a desk and its session's first write cost at desk sizes (issue 9: open ≤ 100 ms
//! at 1M claims), and the integrity probes a first write could run instead of today's full
//! `PRAGMA quick_check` (desk.rs `before_write` now runs the root probe), each timed on the same desk and each tried on
//! the corruption the backups tests use (64 bytes flipped at the start of the `sources` table's
//! root page; `claim add` must then refuse).
//!
//! `FACTDESK_BENCH_SIZES=100000,1000000 cargo bench -p factdesk-core --bench opening`
//! (default 100k). Works on a copy of the cached desk of `sizes.rs`, so the cache stays as
//! generated; the copy and its backups are deleted afterwards.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use factdesk_core::large::GENERATOR_VERSION;
use factdesk_core::{ClaimInput, Confidence, Desk, migrations};
use rusqlite::Connection;

fn cached_desk(n: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .unwrap()
        .join("bench-desks");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!(
        "claims-{n}-g{GENERATOR_VERSION}-s{}.sqlite",
        migrations::latest_version()
    ));
    if !path.exists() {
        let partial = path.with_extension("partial");
        let _ = std::fs::remove_file(&partial);
        Desk::create(&partial).unwrap().generate_large(n).unwrap();
        std::fs::rename(&partial, &path).unwrap();
    }
    path
}

fn claim() -> ClaimInput {
    ClaimInput {
        text: "Measured after opening.".into(),
        confidence: Confidence::Reported,
        as_of: None,
        status: None,
        topics: vec![],
        settled: false,
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// The best of `runs` runs of `f`, in ms (a cold cache is not what a desk open meets twice).
fn best(runs: usize, mut f: impl FnMut()) -> f64 {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .map(ms)
        .unwrap_or(0.0)
}

/// The candidate probes. Each returns `Some(problem)` on a damaged desk.
fn quick_check(conn: &Connection) -> Option<String> {
    let rows: rusqlite::Result<Vec<String>> = conn
        .prepare("PRAGMA quick_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect());
    match rows {
        Ok(r) if r == ["ok"] => None,
        Ok(r) => Some(r.join("; ")),
        Err(e) => Some(e.to_string()),
    }
}

/// Reads every table's and index's root page and first leaf: one short query per b-tree.
fn root_probe(conn: &Connection) -> Option<String> {
    let names: Vec<(String, String, Option<String>)> = conn
        .prepare("SELECT type, name, tbl_name FROM sqlite_schema WHERE rootpage > 0")
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect()
        })
        .map_err(|e| e.to_string())
        .ok()?;
    for (kind, name, table) in names {
        let sql = if kind == "index" {
            format!(
                "SELECT * FROM \"{}\" INDEXED BY \"{name}\" LIMIT 1",
                table.unwrap_or_default()
            )
        } else {
            format!("SELECT * FROM \"{name}\" NOT INDEXED LIMIT 1")
        };
        // Automatic indexes cannot be named in INDEXED BY; the table scan reads their table.
        if name.starts_with("sqlite_autoindex") {
            continue;
        }
        if let Err(e) = conn.query_row(&sql, [], |_| Ok(()))
            && !matches!(e, rusqlite::Error::QueryReturnedNoRows)
        {
            return Some(format!("{name}: {e}"));
        }
    }
    None
}

/// `PRAGMA quick_check(T)` of each core table (SQLite checks that table and its indexes).
fn table_checks(conn: &Connection) -> Option<String> {
    for table in ["sources", "claims", "claim_topics", "evidence", "drafts"] {
        let r: rusqlite::Result<String> =
            conn.query_row(&format!("PRAGMA quick_check(\"{table}\")"), [], |r| {
                r.get(0)
            });
        match r {
            Ok(ok) if ok == "ok" => {}
            Ok(p) => return Some(format!("{table}: {p}")),
            Err(e) => return Some(format!("{table}: {e}")),
        }
    }
    None
}

type Probe = fn(&Connection) -> Option<String>;

const PROBES: &[(&str, Probe)] = &[
    ("quick_check (today)", quick_check),
    ("root page + first leaf of every b-tree", root_probe),
    ("quick_check(table) of the core tables", table_checks),
];

/// Flips 64 bytes at the start of the `sources` table's root page (as tests/cli/backups.rs).
fn damage_sources_page(path: &Path) {
    let conn = Connection::open(path).unwrap();
    let page: i64 = conn
        .pragma_query_value(None, "page_size", |r| r.get(0))
        .unwrap();
    let root: i64 = conn
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = 'sources'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    drop(conn);
    let mut data = std::fs::read(path).unwrap();
    let start = ((root - 1) * page) as usize;
    for b in &mut data[start..start + 64] {
        *b ^= 0xA5;
    }
    std::fs::write(path, data).unwrap();
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args
        .iter()
        .any(|a| !a.starts_with('-') && !"opening".contains(a.as_str()))
    {
        return;
    }
    let sizes: Vec<usize> = std::env::var("FACTDESK_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![100_000]);
    let work = tempfile::tempdir_in(env!("CARGO_TARGET_TMPDIR")).unwrap();

    // Which probes catch the corruption of the backups tests, on a small desk.
    let small = work.path().join("damaged.sqlite");
    {
        let mut desk = Desk::create(&small).unwrap();
        desk.generate_large(300).unwrap();
    }
    damage_sources_page(&small);
    let conn = Connection::open(&small).unwrap();
    for (name, probe) in PROBES {
        println!(
            "probe {name:<42} on 64 flipped bytes in sources' root page: {}",
            match probe(&conn) {
                Some(p) => format!("caught ({})", p.chars().take(60).collect::<String>()),
                None => "MISSED".into(),
            }
        );
    }
    drop(conn);

    for n in sizes {
        let cached = cached_desk(n);
        let path = work.path().join(format!("desk-{n}.sqlite"));
        std::fs::copy(&cached, &path).unwrap();
        let mb = std::fs::metadata(&path).unwrap().len() as f64 / 1e6;
        println!("desk of {n} claims ({mb:.0} MB):");
        let open = best(5, || drop(Desk::open(&path).unwrap()));
        println!("  Desk::open                              {open:>9.2} ms");
        // A read a CLI command makes after opening: the first claim.
        let read = best(5, || {
            let desk = Desk::open(&path).unwrap();
            desk.conn()
                .unwrap()
                .query_row(
                    "SELECT id FROM claims ORDER BY rowid DESC LIMIT 1",
                    [],
                    |_| Ok(()),
                )
                .unwrap();
        });
        println!("  open + one indexed read                 {read:>9.2} ms");
        // The first write of a session when the hourly backup is due (no backup yet).
        let t = Instant::now();
        let mut desk = Desk::open(&path).unwrap();
        desk.add_claim(&claim()).unwrap();
        println!(
            "  open + first write, backup due          {:>9.2} ms",
            ms(t.elapsed())
        );
        drop(desk);
        // Again, within the hour: the root probe alone (desk.rs `before_write`).
        let first = best(3, || {
            let mut desk = Desk::open(&path).unwrap();
            desk.add_claim(&claim()).unwrap();
        });
        println!("  open + first write, no backup due       {first:>9.2} ms");
        let mut desk = Desk::open(&path).unwrap();
        desk.add_claim(&claim()).unwrap();
        let second = best(5, || {
            desk.add_claim(&claim()).unwrap();
        });
        println!("  a later write of the session            {second:>9.2} ms");
        drop(desk);
        let conn = Connection::open(&path).unwrap();
        for (name, probe) in PROBES {
            let t = best(3, || assert_eq!(probe(&conn), None));
            println!("  probe {name:<42} {t:>9.2} ms");
        }
        drop(conn);
        let _ = std::fs::remove_file(&path);
        let _ = std::fs::remove_dir_all(work.path().join("backups"));
    }
}
