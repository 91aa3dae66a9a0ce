//! Issue 12's benchmark: the newsroom-size figures of `sizes.rs` on a team desk (PostgreSQL 15)
//! beside the same desk file's, each call timed on both engines in the same run, with the ratio
//! (issue 12's target: each within 2× of SQLite's at 1M claims). Sizes as `sizes.rs`:
//! `FACTDESK_BENCH_SIZES=1000,100000,1000000 make bench-team` (default 1k and 100k).
//!
//! The team desk is a throwaway cluster (`scripts/pg-cluster.sh`, Unix socket, no TCP) whose
//! data is kept under `target/bench-desks/pg-claims-N-gG-sS/`, loaded once from the generated
//! desk by `team load` (its time is printed, in claims per second, the first time; the figure is
//! kept in `loaded.txt` beside the data). The cluster runs with PostgreSQL's default settings.
//! The calls run through `Desk::open_team` as an editor's login; a call the team desk does not
//! run yet (`unsupported`) is named and left out.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use criterion::measurement::WallTime;
use criterion::{BenchmarkGroup, BenchmarkId, Criterion, criterion_group, criterion_main};
use factdesk_core::error::ErrorCode;
use factdesk_core::team::{self, TeamRole};
use factdesk_core::{CoreError, Desk};

use common::{CALLS, Fixture, cached_desk, desk_folder, desk_name, fixture, sizes};

const EDITOR: &str = "bench_editor";

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/pg-cluster.sh")
}

/// The running cluster of one desk size; stopped (its data kept) when dropped.
struct Cluster {
    dir: PathBuf,
}

impl Cluster {
    fn start(dir: &Path) -> Cluster {
        let out = Command::new(script())
            .arg("start")
            .arg(dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "the bench's PostgreSQL cluster did not start in {}: {}",
            dir.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        Cluster {
            dir: dir.to_path_buf(),
        }
    }

    fn url(&self, user: &str) -> String {
        format!(
            "postgres:///factdesk?host={}&user={user}",
            self.dir.display()
        )
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        let _ = Command::new(script()).arg("stop").arg(&self.dir).status();
    }
}

/// The team desk of `n` claims: a cluster whose data was loaded from `file` once (the marker
/// `loaded.txt` says so, with the load's time); loaded now when the marker is missing.
fn team_desk(n: usize, file: &Path) -> (Cluster, String) {
    let dir = desk_folder().join(format!("pg-{}", desk_name(n)));
    let marker = dir.join("loaded.txt");
    if marker.exists() {
        let cluster = Cluster::start(&dir);
        // Migrations added since the load apply as on any newsroom's desk.
        let applied = team::init(&cluster.url("postgres")).unwrap().applied;
        if applied > 0 {
            let mut admin =
                postgres::Client::connect(&cluster.url("postgres"), postgres::NoTls).unwrap();
            admin.batch_execute("ANALYZE").unwrap();
        }
        let said = std::fs::read_to_string(&marker).unwrap();
        return (cluster, format!("{} (cached)", said.trim()));
    }
    if dir.exists() {
        // A load cut short: start again from nothing.
        let _ = Command::new(script()).arg("stop").arg(&dir).status();
        std::fs::remove_dir_all(&dir).unwrap();
    }
    let cluster = Cluster::start(&dir);
    let mut admin = postgres::Client::connect(
        &format!("postgres:///postgres?host={}&user=postgres", dir.display()),
        postgres::NoTls,
    )
    .unwrap();
    admin.batch_execute("CREATE DATABASE factdesk").unwrap();
    let owner = cluster.url("postgres");
    team::init(&owner).unwrap();
    team::add_user(&owner, EDITOR, TeamRole::Editor).unwrap();
    let report = team::load(&owner, file).unwrap();
    let claims = report.rows["claims"];
    let rows: u64 = report.rows.values().sum();
    let size: i64 = admin
        .query_one("SELECT pg_database_size('factdesk')", &[])
        .unwrap()
        .get(0);
    let said = format!(
        "load {claims} claims ({rows} rows): {:.1} s, {:.0} claims/s, {:.0} rows/s; \
         database {:.0} MB",
        report.seconds,
        claims as f64 / report.seconds,
        rows as f64 / report.seconds,
        size as f64 / 1e6
    );
    std::fs::write(&marker, &said).unwrap();
    (cluster, said)
}

/// Times `f` with criterion as `name`; the median of its samples' per-call times.
fn timed(
    g: &mut BenchmarkGroup<'_, WallTime>,
    name: String,
    n: usize,
    mut f: impl FnMut(),
) -> Duration {
    let samples = RefCell::new(Vec::new());
    g.bench_function(BenchmarkId::new(name, n), |b| {
        b.iter_custom(|iters| {
            let t = Instant::now();
            for _ in 0..iters {
                f();
            }
            let took = t.elapsed();
            samples.borrow_mut().push(took.div_f64(iters as f64));
            took
        })
    });
    // The last ten are the measurement's samples (the warm-up's come first).
    let mut s = samples.into_inner();
    let mut last = s.split_off(s.len().saturating_sub(10));
    last.sort();
    last[last.len() / 2]
}

fn unsupported(e: &CoreError) -> bool {
    e.code() == ErrorCode::Unsupported
}

struct Figures {
    rows: Vec<(String, Option<(Duration, Duration)>)>,
}

impl Figures {
    fn print(&self, n: usize, load: &str) {
        println!("\nteam desk {n} claims: {load}");
        println!(
            "  {:<22} {:>12} {:>12} {:>7}",
            "call", "SQLite", "PostgreSQL", "ratio"
        );
        for (name, got) in &self.rows {
            match got {
                Some((lite, pg)) => println!(
                    "  {name:<22} {:>9.3} ms {:>9.3} ms {:>6.2}×",
                    lite.as_secs_f64() * 1e3,
                    pg.as_secs_f64() * 1e3,
                    pg.as_secs_f64() / lite.as_secs_f64()
                ),
                None => println!("  {name:<22} not on the team desk yet"),
            }
        }
    }
}

fn sized(c: &mut Criterion) {
    for n in sizes() {
        let path = cached_desk(n);
        let (cluster, load) = team_desk(n, &path);
        let url = cluster.url(EDITOR);
        let lite = Desk::open(&path).unwrap();
        let fixture: Fixture = fixture(&lite);
        let pg = Desk::open_team(&url).unwrap();
        let mut figures = Figures { rows: Vec::new() };

        let mut g = c.benchmark_group(format!("team desk {n} claims"));
        g.sample_size(10);
        g.warm_up_time(Duration::from_millis(500));
        g.measurement_time(Duration::from_secs(3));
        let a = timed(&mut g, "open sqlite".into(), n, || {
            std::hint::black_box(Desk::open(&path).unwrap());
        });
        let b = timed(&mut g, "open team".into(), n, || {
            std::hint::black_box(Desk::open_team(&url).unwrap());
        });
        figures.rows.push(("open".into(), Some((a, b))));
        for (name, call) in CALLS {
            if let Err(e) = call(&pg, &fixture) {
                assert!(unsupported(&e), "{name} on the team desk: {e}");
                figures.rows.push((name.to_string(), None));
                continue;
            }
            let a = timed(&mut g, format!("{name} sqlite"), n, || {
                std::hint::black_box(call(&lite, &fixture).unwrap());
            });
            let b = timed(&mut g, format!("{name} team"), n, || {
                std::hint::black_box(call(&pg, &fixture).unwrap());
            });
            figures.rows.push((name.to_string(), Some((a, b))));
        }
        g.finish();

        match common::search(&pg, "Salt Road") {
            Err(e) if unsupported(&e) => {
                figures.rows.push(("search p50".into(), None));
                figures.rows.push(("search p95".into(), None));
            }
            found => {
                found.unwrap();
                let (l50, l95, _) = common::search_percentiles(&lite);
                let (p50, p95, _) = common::search_percentiles(&pg);
                figures.rows.push(("search p50".into(), Some((l50, p50))));
                figures.rows.push(("search p95".into(), Some((l95, p95))));
            }
        }
        figures.print(n, &load);
    }
}

criterion_group!(benches, sized);
criterion_main!(benches);
