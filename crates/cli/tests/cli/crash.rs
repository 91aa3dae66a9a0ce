//! Crash durability: `factdesk` writers killed with SIGKILL at random points of their run
//! (opening, migrating, inside the write transaction, committing, printing). Whatever the moment,
//! every write a writer acknowledged (exit 0, id printed) is in the desk, the desk passes
//! SQLite's integrity check, and every record has the history row of its creation: a write is
//! whole or absent.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use factdesk_core::Desk;

use crate::Scratch;

/// Kills that must land while the writer is still running.
const KILLS: usize = 200;
/// The test stops there even short of KILLS, and then fails: it must stay bounded.
const BUDGET: Duration = Duration::from_secs(40);

/// A small xorshift generator: the delays need spread, not quality. The seed is printed so a
/// failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

fn writer(s: &Scratch, round: usize, claim: &str) -> Child {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("factdesk"));
    cmd.env_remove("FACTDESK_DESK")
        .env("HOME", s.file("home"))
        .arg("--desk")
        .arg(&s.path)
        .arg("--json");
    let text = format!("Crash round {round} says the season has {round} episodes.");
    match round % 3 {
        0 => cmd.args(["source", "add", "--title", &text]),
        1 => cmd.args(["claim", "add", "--text", &text, "--confidence", "reported"]),
        _ => cmd.args(["claim", "edit", claim, "--text", &text]),
    };
    cmd.stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// How long one uninterrupted write takes here, so kills can be spread over a whole run.
fn typical_run(s: &Scratch, claim: &str) -> Duration {
    let start = Instant::now();
    for round in 0..5 {
        assert!(writer(s, round, claim).wait().unwrap().success());
    }
    start.elapsed() / 5
}

#[test]
fn writers_killed_at_random_points_lose_no_acknowledged_write_and_leave_no_half_record() {
    let s = Scratch::init();
    let claim = s.add_claim("The season has episodes.");
    let run = typical_run(&s, &claim).as_micros().max(1_000) as u64;
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    println!("crash test seed {seed}, typical run {run} µs");
    let mut rng = Rng(seed);

    let (mut kills, mut acknowledged, mut edits) = (0, Vec::new(), Vec::new());
    let start = Instant::now();
    let mut round = 0;
    while kills < KILLS && start.elapsed() < BUDGET {
        round += 1;
        let mut child = writer(&s, round, &claim);
        std::thread::sleep(Duration::from_micros(rng.below(run * 12 / 10)));
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
            kills += 1;
        }
        let out = child.wait_with_output().unwrap();
        if out.status.success() {
            let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let id = v["id"].as_str().unwrap().to_string();
            if round % 3 == 2 {
                edits.push((round, v["text"].as_str().unwrap().to_string()));
            } else {
                acknowledged.push((round % 3, id));
            }
        }
    }
    assert!(
        kills >= KILLS,
        "only {kills} kills landed in {BUDGET:?} (seed {seed})"
    );
    println!(
        "{kills} kills, {} acknowledged writes, {} rounds",
        acknowledged.len() + edits.len(),
        round
    );

    let desk = Desk::open(&s.path).unwrap();
    let check: String = desk
        .conn()
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        check, "ok",
        "the desk is sound after {kills} kills (seed {seed})"
    );
    for (kind, id) in &acknowledged {
        let table = if *kind == 0 { "sources" } else { "claims" };
        let found: i64 = desk
            .conn()
            .unwrap()
            .query_row(
                &format!("SELECT count(*) FROM {table} WHERE id = ?1"),
                [id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            found, 1,
            "acknowledged {table} row {id} is in the desk (seed {seed})"
        );
    }
    if let Some((round, text)) = edits.last() {
        // Later edits may have committed and been killed before printing: the claim holds the
        // last acknowledged edit's text or a later round's.
        let now = desk.claim(&claim).unwrap().text;
        let later = |t: &str| {
            t.split_whitespace()
                .nth(2)
                .and_then(|n| n.parse::<usize>().ok())
                .is_some_and(|n| n >= *round)
        };
        assert!(
            now == *text || later(&now),
            "{now:?} after {text:?} (seed {seed})"
        );
    }
    for (table, kind) in [("sources", "source"), ("claims", "claim")] {
        let orphans: i64 = desk
            .conn()
            .unwrap()
            .query_row(
                &format!(
                    "SELECT count(*) FROM {table} t WHERE NOT EXISTS (SELECT 1 FROM history h
                     WHERE h.record_kind = '{kind}' AND h.record_id = t.id AND h.action = 'create')"
                ),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(orphans, 0, "every {kind} has its history row (seed {seed})");
        let ghosts: i64 = desk
            .conn()
            .unwrap()
            .query_row(
                &format!(
                    "SELECT count(*) FROM history h WHERE h.record_kind = '{kind}'
                     AND h.action = 'create' AND NOT EXISTS (SELECT 1 FROM {table} t
                     WHERE t.id = h.record_id)"
                ),
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            ghosts, 0,
            "no history row of a {kind} that was never written (seed {seed})"
        );
    }
    let versions_match: i64 = desk
        .conn()
        .unwrap()
        .query_row(
            "SELECT count(*) FROM claims c WHERE c.version != 1 + (SELECT count(DISTINCT version)
             FROM history h WHERE h.record_kind = 'claim' AND h.record_id = c.id
             AND h.action = 'update')",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(
        versions_match, 0,
        "every change of a claim has its history (seed {seed})"
    );
}
