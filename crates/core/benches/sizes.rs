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
//! apart, in `opening`). The calls and desks are `common/`, shared with `team_sizes.rs`.
//!
//! `FACTDESK_BENCH_EACH=1` prints each search query's time and hit count, to find the slow ones.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::time::Duration;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use factdesk_core::Desk;

use common::{CALLS, cached_desk, fixture, search_percentiles, sizes};

fn sized(c: &mut Criterion) {
    for n in sizes() {
        let path = cached_desk(n);
        let desk = Desk::open(&path).unwrap();
        let fixture = fixture(&desk);
        let mut g = c.benchmark_group(format!("desk {n} claims"));
        g.sample_size(10);
        g.warm_up_time(Duration::from_millis(500));
        g.measurement_time(Duration::from_secs(3));
        g.bench_function(BenchmarkId::new("open", n), |b| {
            b.iter(|| Desk::open(&path).unwrap())
        });
        for (name, call) in CALLS {
            g.bench_function(BenchmarkId::new(*name, n), |b| {
                b.iter(|| call(&desk, &fixture).unwrap())
            });
        }
        g.finish();

        let (p50, p95, timed) = search_percentiles(&desk);
        println!(
            "desk {n} claims/search p50/p95: {:.3} ms / {:.3} ms over {timed} of {} queries",
            p50.as_secs_f64() * 1e3,
            p95.as_secs_f64() * 1e3,
            common::queries().len()
        );
    }
}

criterion_group!(benches, sized);
criterion_main!(benches);
