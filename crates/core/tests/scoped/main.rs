//! Golden files for the draft operations: findings, both exports, provenance of several claims,
//! the provenance report, evidence counts and the publication gate, on the sample desk and the
//! large desk. The files were recorded from the whole-desk reads these operations used before
//! they read only what the draft names, so any difference between the two is a failure here.
//!
//! Ids are random within one millisecond, so each desk is renumbered after it is filled: every
//! record gets an id from its insertion order, which makes the outputs (citation keys included,
//! since they are assigned in id order) the same on every run.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

use chrono::{TimeZone, Utc};
use factdesk_core::export::ExportFormat;
use factdesk_core::large::TARGET;
use factdesk_core::reviews::ReviewState;
use factdesk_core::{ClaimPatch, Confidence, Desk, FixedClock, spans};
use sha2::{Digest, Sha256};

fn fresh() -> Desk {
    Desk::open_in_memory().unwrap().with_clock(FixedClock(
        Utc.with_ymd_and_hms(2025, 6, 15, 12, 0, 0).unwrap(),
    ))
}

/// Gives every source, claim, evidence row and draft an id from its insertion order, and rewrites
/// the drafts' spans to match. Returns the new id of each old one.
fn renumber(desk: &Desk) -> HashMap<String, String> {
    let conn = desk.conn().unwrap();
    conn.execute_batch("PRAGMA foreign_keys = OFF").unwrap();
    let mut map = HashMap::new();
    for (table, letter) in [
        ("sources", 'S'),
        ("claims", 'C'),
        ("evidence", 'E'),
        ("drafts", 'D'),
    ] {
        let ids: Vec<String> = conn
            .prepare(&format!("SELECT id FROM {table} ORDER BY rowid"))
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        for (n, id) in ids.into_iter().enumerate() {
            map.insert(id, format!("01{letter}{:023}", n + 1));
        }
    }
    conn.execute_batch("CREATE TEMP TABLE idmap (old TEXT PRIMARY KEY, new TEXT NOT NULL)")
        .unwrap();
    {
        let mut put = conn
            .prepare("INSERT INTO idmap (old, new) VALUES (?1, ?2)")
            .unwrap();
        for (old, new) in &map {
            put.execute([old, new]).unwrap();
        }
    }
    let new = |col: &str| format!("(SELECT new FROM idmap WHERE old = {col})");
    for sql in [
        format!(
            "UPDATE sources SET id = {}, via = {}",
            new("id"),
            new("via")
        ),
        format!(
            "UPDATE claims SET id = {}, superseded_by = {}",
            new("id"),
            new("superseded_by")
        ),
        format!("UPDATE claim_topics SET claim_id = {}", new("claim_id")),
        format!(
            "UPDATE evidence SET id = {}, claim_id = {}, source_id = {}",
            new("id"),
            new("claim_id"),
            new("source_id")
        ),
        format!(
            "UPDATE evidence_quote_checks SET evidence_id = {}, holder_id = {}",
            new("evidence_id"),
            new("holder_id")
        ),
        format!("UPDATE draft_revisions SET draft_id = {}", new("draft_id")),
        format!("UPDATE drafts SET id = {}", new("id")),
    ] {
        conn.execute_batch(&sql).unwrap();
    }
    let bodies: Vec<(String, String)> = conn
        .prepare("SELECT id, body FROM drafts")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for (id, body) in bodies {
        let mut out = String::with_capacity(body.len());
        let mut parts = body.split("claim=");
        out.push_str(parts.next().unwrap());
        for part in parts {
            out.push_str("claim=");
            let end = part
                .find(|c: char| !c.is_ascii_alphanumeric())
                .unwrap_or(part.len());
            out.push_str(map.get(&part[..end]).map_or(&part[..end], String::as_str));
            out.push_str(&part[end..]);
        }
        conn.execute("UPDATE drafts SET body = ?2 WHERE id = ?1", [&id, &out])
            .unwrap();
    }
    conn.execute_batch("DROP TABLE idmap; PRAGMA foreign_keys = ON")
        .unwrap();
    let broken: i64 = conn
        .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(broken, 0, "renumbering must keep every reference");
    map
}

/// The draft's distinct claim ids, in document order.
fn used_claims(desk: &Desk, draft: &str) -> Vec<String> {
    let body = desk.draft(draft).unwrap().body;
    let mut seen = std::collections::HashSet::new();
    spans::parse(&body)
        .into_iter()
        .map(|s| s.claim_id)
        .filter(|id| seen.insert(id.clone()))
        .collect()
}

/// Reviews and an override on the draft's first claims, so the report and the gate show them.
fn review_some(desk: &mut Desk, draft: &str, claims: &[String]) {
    desk.edit_claim(
        &claims[2],
        &ClaimPatch {
            confidence: Some(Confidence::Confirmed),
            ..ClaimPatch::default()
        },
        Some("the desk's editor heard it from the studio directly"),
    )
    .unwrap();
    desk.set_review(draft, &claims[0], ReviewState::Approved, None)
        .unwrap();
    desk.set_review(
        draft,
        &claims[1],
        ReviewState::ChangesRequested,
        Some("name the outlet in the sentence"),
    )
    .unwrap();
    desk.set_review(draft, &claims[2], ReviewState::Approved, Some("fine"))
        .unwrap();
}

/// Every output the golden files hold, by file name.
fn outputs(desk: &Desk, draft: &str, traced: &[String]) -> Vec<(&'static str, String)> {
    let json = |v: &dyn erased::Json| v.pretty();
    let footnotes = desk.export_draft(draft, ExportFormat::Footnotes).unwrap();
    let pandoc = desk.export_draft(draft, ExportFormat::Pandoc).unwrap();
    let provenance: Vec<_> = traced
        .iter()
        .map(|id| desk.provenance(id).unwrap())
        .collect();
    vec![
        ("findings.json", json(&desk.check_draft(draft).unwrap())),
        ("footnotes.md", footnotes.markdown),
        ("pandoc.md", pandoc.markdown),
        ("pandoc.csl.json", pandoc.csl_json.unwrap()),
        ("provenance.json", json(&provenance)),
        ("report.md", desk.provenance_report(draft).unwrap()),
        (
            "evidence_counts.json",
            json(&desk.evidence_counts(&used_claims(desk, draft)).unwrap()),
        ),
        (
            "blockers.json",
            json(&desk.publication_blockers(draft).unwrap()),
        ),
    ]
}

mod erased {
    pub trait Json {
        fn pretty(&self) -> String;
    }
    impl<T: serde::Serialize> Json for T {
        fn pretty(&self) -> String {
            serde_json::to_string_pretty(self).unwrap() + "\n"
        }
    }
}

fn golden_dir(desk: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scoped/golden")
        .join(desk)
}

fn sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Compares each output with its golden file. Small outputs are kept whole so a difference reads
/// as a diff; the large desk's outputs (megabytes) are kept as their size and SHA-256, and what
/// was produced is written under `target/` to compare by hand. `FACTDESK_RECORD_GOLDEN=1` records.
fn assert_golden(desk: &str, outs: &[(&str, String)], whole: bool) {
    let dir = golden_dir(desk);
    let record = std::env::var_os("FACTDESK_RECORD_GOLDEN").is_some();
    let produced = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../target/scoped-golden")
        .join(desk);
    std::fs::create_dir_all(&produced).unwrap();
    let mut digests = String::new();
    let mut failures = Vec::new();
    for (name, text) in outs {
        std::fs::write(produced.join(name), text).unwrap();
        if whole {
            let path = dir.join(name);
            if record {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&path, text).unwrap();
            } else if std::fs::read_to_string(&path).unwrap() != *text {
                failures.push(format!("{name} differs from {}", path.display()));
            }
        } else {
            digests.push_str(&format!("{name} {} {}\n", text.len(), sha256(text)));
        }
    }
    if !whole {
        let path = dir.join("digests.txt");
        if record {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &digests).unwrap();
        } else {
            let want = std::fs::read_to_string(&path).unwrap();
            for (w, g) in want.lines().zip(digests.lines()) {
                if w != g {
                    failures.push(format!("want {w}\n  got {g}"));
                }
            }
            assert_eq!(want.lines().count(), digests.lines().count());
        }
    }
    assert!(
        failures.is_empty(),
        "the draft operations must give what the whole-desk reads gave ({}):\n{}",
        produced.display(),
        failures.join("\n")
    );
}

#[test]
fn sample_desk_gives_the_recorded_outputs() {
    let mut desk = fresh();
    desk.load_sample().unwrap();
    let map = renumber(&desk);
    let draft = "01D00000000000000000000001";
    assert!(map.values().any(|v| v == draft));
    let claims = used_claims(&desk, draft);
    review_some(&mut desk, draft, &claims);
    let mut traced = claims.clone();
    // A claim no draft uses, and the claim that supersedes another, are traced too.
    let all: Vec<String> = map
        .values()
        .filter(|v| v.starts_with("01C"))
        .cloned()
        .collect();
    traced.extend(all.into_iter().filter(|c| !claims.contains(c)));
    traced.sort();
    assert_golden("sample", &outputs(&desk, draft, &traced), true);
}

#[test]
fn large_desk_gives_the_recorded_outputs() {
    let mut desk = fresh();
    desk.load_large(TARGET).unwrap();
    renumber(&desk);
    let draft = "01D00000000000000000000001";
    let claims = used_claims(&desk, draft);
    assert_eq!(
        claims.len(),
        TARGET.claims,
        "the long draft uses every claim"
    );
    review_some(&mut desk, draft, &claims);
    let traced: Vec<String> = claims.iter().step_by(97).cloned().collect();
    assert_golden("large", &outputs(&desk, draft, &traced), false);
}

/// A record the draft does not name, unreadable (as a newer or damaged desk might hold), stands
/// in for every record a scoped read must leave alone: a read of the whole desk trips on it.
#[test]
fn draft_operations_read_only_what_the_draft_names() {
    let mut desk = fresh();
    desk.load_sample().unwrap();
    let draft = desk.drafts().unwrap()[0].id.clone();
    let claims = used_claims(&desk, &draft);
    let conn = desk.conn().unwrap();
    conn.execute_batch(
        "INSERT INTO claims (id, text, confidence, created_at, updated_at)
             VALUES ('01ZZUNREAD0000000000000000', 'Not in the draft.', 'beyond-any-level',
                     'not a time', 'not a time');
         INSERT INTO sources (id, title, kind, reliability, created_at, updated_at)
             VALUES ('01ZZUNREAD0000000000000001', 'Not cited', 'a-new-kind', 'odd',
                     'not a time', 'not a time');",
    )
    .unwrap();
    let why = "a record outside the draft must not be read";
    desk.check_draft(&draft).expect(why);
    desk.export_draft(&draft, ExportFormat::Footnotes)
        .expect(why);
    desk.export_draft(&draft, ExportFormat::Pandoc).expect(why);
    desk.provenance(&claims[0]).expect(why);
    desk.provenance_report(&draft).expect(why);
    desk.publication_blockers(&draft).expect(why);
    desk.evidence_counts(&claims).expect(why);
}

fn keys(desk: &Desk) -> Vec<(String, String)> {
    desk.conn()
        .unwrap()
        .prepare("SELECT id, cite_key FROM sources ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn citation_keys_are_stored_in_id_order_for_an_older_desk_and_kept_across_edits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    {
        // A desk as schema 5 left it, its sources written newest id first.
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        factdesk_core::migrations::up_to(&mut conn, 5).unwrap();
        for id in ["01JB", "01JA", "01JC"] {
            conn.execute(
                "INSERT INTO sources (id, title, outlet, published, created_at, updated_at)
                 VALUES (?1 || '0000000000000000000000', 'Salt road', 'Reel', '2025-05-01',
                         '2025-05-01T00:00:00.000Z', '2025-05-01T00:00:00.000Z')",
                [id],
            )
            .unwrap();
        }
    }
    let mut desk = Desk::open(&path).unwrap().with_clock(FixedClock(
        Utc.with_ymd_and_hms(2025, 6, 15, 12, 0, 0).unwrap(),
    ));
    let got: Vec<String> = keys(&desk).into_iter().map(|(_, k)| k).collect();
    assert_eq!(
        got,
        ["reel2025salt", "reel2025salta", "reel2025saltb"],
        "the upgrade assigns keys in id order, as exports did before keys were stored"
    );
    let newer = desk
        .add_source(&factdesk_core::SourceInput {
            title: "Salt road again".into(),
            outlet: Some("Reel".into()),
            published: Some("2025-05-02".into()),
            ..Default::default()
        })
        .unwrap();
    desk.update_source(
        "01JA",
        &factdesk_core::SourceInput {
            title: "Winter shoot".into(),
            outlet: Some("Reel".into()),
            published: Some("2025-05-01".into()),
            ..Default::default()
        },
    )
    .unwrap();
    let got: HashMap<String, String> = keys(&desk).into_iter().collect();
    assert_eq!(
        got[&newer.id], "reel2025saltc",
        "a new source takes the next free key"
    );
    assert_eq!(got["01JA0000000000000000000000"], "reel2025winter");
    assert_eq!(
        got["01JB0000000000000000000000"], "reel2025salta",
        "another source's edit leaves a key as it was"
    );
}

/// The analysis of a pause gives what the separate operations give: the parser's spans, the
/// recorded findings, the evidence counts, and the export's count of claims per level.
#[test]
fn one_analysis_agrees_with_the_separate_operations() {
    for large in [false, true] {
        let mut desk = fresh();
        if large {
            desk.load_large(TARGET).unwrap();
        } else {
            desk.load_sample().unwrap();
        }
        let draft = desk.drafts().unwrap()[0].id.clone();
        let body = desk.draft(&draft).unwrap().body;
        let got = desk.analyse_text(&body).unwrap();
        assert_eq!(got, desk.analyse_draft(&draft).unwrap());
        assert_eq!(got.spans, spans::parse(&body));
        assert_eq!(got.findings, desk.check_draft(&draft).unwrap());
        let claims = used_claims(&desk, &draft);
        let mut want = desk.evidence_counts(&claims).unwrap();
        want.sort_by(|a, b| a.claim_id.cmp(&b.claim_id));
        let mut counts = got.evidence_counts.clone();
        counts.sort_by(|a, b| a.claim_id.cmp(&b.claim_id));
        assert_eq!(counts, want);
        let summary = &got.confidence_summary;
        assert_eq!(summary.total as usize, claims.len());
        let front = desk
            .export_draft(&draft, ExportFormat::Footnotes)
            .unwrap()
            .markdown;
        for level in &summary.levels {
            let line = format!("  {}: {}\n", level.confidence, level.claims);
            assert!(
                front.contains(&line),
                "the export's front matter says {line}"
            );
        }
    }
}
