//! Choosing and creating the desk: `init`, `init --sample`, `--desk`, `FACTDESK_DESK`, the default
//! desk, and who the history records (`--as`, `FACTDESK_USER`).

use factdesk_core::{Desk, RecordKind};
use predicates::prelude::*;

use crate::{Scratch, id_of, ids};

#[test]
fn init_creates_an_empty_desk_and_says_where() {
    let s = Scratch::empty();
    s.cmd()
        .arg("init")
        .assert()
        .success()
        .stdout(predicate::str::contains(s.path.display().to_string()));
    assert!(s.path.is_file(), "init creates the desk file");
    assert_eq!(
        s.list("source"),
        serde_json::json!([]),
        "the new desk is empty"
    );
    assert_eq!(s.list("claim"), serde_json::json!([]));
    assert_eq!(s.json(&["draft", "list"]), serde_json::json!([]));
}

#[test]
fn init_json_prints_the_desk_path_and_creates_folders() {
    let s = Scratch::empty();
    let nested = s.file("a/b/desk.sqlite");
    let out = s
        .bare()
        .args(["--json", "init", "--desk"])
        .arg(&nested)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["desk"].as_str(), Some(nested.to_str().unwrap()));
    assert!(nested.is_file(), "init makes the folders a new desk needs");
}

#[test]
fn init_on_an_existing_desk_keeps_its_records() {
    let s = Scratch::init();
    let id = s.add_source("Keep me");
    s.ok(&["init"]);
    assert_eq!(
        s.source_ids(),
        vec![id],
        "init again must not wipe the desk"
    );
}

#[test]
fn init_sample_fills_the_desk_and_reports_what_it_made() {
    let s = Scratch::empty();
    let summary = s.json(&["init", "--sample"]);
    crate::assert_snake_case(&summary);
    let sources = s.list("source");
    let claims = s.list("claim");
    let drafts = s.json(&["draft", "list"]);
    assert_eq!(
        summary["sources"].as_u64(),
        Some(sources.as_array().unwrap().len() as u64)
    );
    assert_eq!(
        summary["claims"].as_u64(),
        Some(claims.as_array().unwrap().len() as u64)
    );
    assert!(summary["evidence"].as_u64().unwrap() > 0);
    assert_eq!(
        ids(&drafts),
        vec![id_of(&summary["draft"])],
        "the summary names the one sample draft"
    );
    let confidences: std::collections::BTreeSet<&str> = claims
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["confidence"].as_str().unwrap())
        .collect();
    assert_eq!(
        confidences.len(),
        5,
        "the sample has a claim at every confidence level: {confidences:?}"
    );
}

#[test]
fn init_sample_text_output_names_the_counts() {
    let s = Scratch::empty();
    let out = s.ok(&["init", "--sample"]);
    assert!(
        out.contains("9 sources") && out.contains("10 claims"),
        "{out}"
    );
}

#[test]
fn init_sample_refuses_a_desk_that_holds_records() {
    let s = Scratch::init();
    s.add_source("Mine");
    let before = s.snapshot();
    let err = s.fails_json(&["init", "--sample"]);
    assert_eq!(err["field"], "desk", "{err}");
    assert_eq!(
        s.snapshot(),
        before,
        "the sample must not be mixed into a working desk"
    );
}

#[test]
fn the_desk_can_come_from_factdesk_desk() {
    let s = Scratch::empty();
    s.bare()
        .env("FACTDESK_DESK", &s.path)
        .arg("init")
        .assert()
        .success();
    assert!(
        s.path.is_file(),
        "FACTDESK_DESK names the desk init creates"
    );
    s.bare()
        .env("FACTDESK_DESK", &s.path)
        .args(["source", "add", "--title", "Via the environment"])
        .assert()
        .success();
    let titles: Vec<String> = s
        .list("source")
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        titles,
        vec!["Via the environment"],
        "the env desk is the --desk desk"
    );
}

#[test]
fn desk_flag_wins_over_the_environment() {
    let s = Scratch::init();
    let other = Scratch::init();
    s.bare()
        .env("FACTDESK_DESK", &other.path)
        .arg("--desk")
        .arg(&s.path)
        .args(["source", "add", "--title", "Flag wins"])
        .assert()
        .success();
    assert_eq!(
        s.source_ids().len(),
        1,
        "the source went to the --desk desk"
    );
    assert!(
        other.source_ids().is_empty(),
        "and not to the FACTDESK_DESK one"
    );
}

#[test]
fn without_a_desk_the_app_desk_in_the_data_folder_is_used() {
    let s = Scratch::empty();
    s.bare().arg("init").assert().success();
    let default = s
        .dir()
        .join("home/.local/share/org.factdesk.desk/factdesk.sqlite");
    assert!(
        default.is_file(),
        "the CLI and the app share the desk in the OS data folder ({})",
        default.display()
    );
    assert!(!s.path.exists());
}

#[test]
fn as_name_and_factdesk_user_are_recorded_in_the_history() {
    let s = Scratch::init();
    let by_flag = crate::id_of(&s.json(&["--as", "Mina Park", "source", "add", "--title", "A"]));
    let out = s
        .cmd()
        .env("FACTDESK_USER", "Oh Ji-min")
        .args(["--json", "source", "add", "--title", "B"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let by_env = id_of(&serde_json::from_slice(&out.stdout).unwrap());
    let out = s
        .cmd()
        .env("FACTDESK_USER", "Oh Ji-min")
        .args(["--as", "Dana", "--json", "source", "add", "--title", "C"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let flag_over_env = id_of(&serde_json::from_slice(&out.stdout).unwrap());
    let nobody = s.add_source("D");

    let desk = Desk::open(&s.path).unwrap();
    let actor = |id: &str| {
        desk.history(RecordKind::Source, id).unwrap()[0]
            .actor
            .clone()
    };
    assert_eq!(
        actor(&by_flag),
        "Mina Park",
        "--as names who made the change"
    );
    assert_eq!(actor(&by_env), "Oh Ji-min", "FACTDESK_USER does too");
    assert_eq!(
        actor(&flag_over_env),
        "Dana",
        "--as wins over FACTDESK_USER"
    );
    assert_eq!(actor(&nobody), "local", "with neither, the local user");
}

#[test]
fn a_file_that_is_not_a_desk_is_refused_and_left_as_it_was() {
    let s = Scratch::empty();
    let notes = "My notes, not a desk.\n".repeat(200);
    std::fs::write(&s.path, &notes).unwrap();
    let err = s.fails(&["init"]);
    assert!(err.starts_with("factdesk: "), "{err}");
    s.fails(&["source", "list"]);
    assert_eq!(
        std::fs::read_to_string(&s.path).unwrap(),
        notes,
        "a mistyped --desk must never overwrite the user's file"
    );
}

#[test]
fn several_commands_can_write_to_one_desk_at_once() {
    let s = Scratch::init();
    let children: Vec<_> = (0..8)
        .map(|i| {
            let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("factdesk"));
            cmd.env_remove("FACTDESK_DESK")
                .env_remove("FACTDESK_USER")
                .arg("--desk")
                .arg(&s.path)
                .args(["source", "add", "--title", &format!("Source {i}")])
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped());
            cmd.spawn().unwrap()
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "the CLI and the app share a desk, so concurrent writers wait their turn: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(s.source_ids().len(), 8, "every concurrent add was stored");
}

#[test]
fn init_large_claims_generates_a_desk_of_that_size_with_its_history() {
    let s = Scratch::empty();
    let made = s.json(&["init", "--large", "--claims", "3000"]);
    assert_eq!(made["claims"], 3000, "{made}");
    assert_eq!(made["sources"], 1000, "{made}");
    assert_eq!(made["evidence"], 4500, "{made}");
    let count = |table: &str| -> i64 {
        factdesk_core::Desk::open(&s.path)
            .unwrap()
            .conn()
            .unwrap()
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!((count("claims"), count("sources")), (3000, 1000));
    assert_eq!(
        s.json(&["claim", "list", "--limit", "1000"])["items"]
            .as_array()
            .unwrap()
            .len(),
        1000,
        "the list pages a large desk"
    );
    let draft = id_of(&made["draft"]);
    let body = s.ok(&["draft", "show", &draft]);
    assert_eq!(body.matches("{claim=").count(), 1000, "1,000 claim spans");
    assert!(body.split_whitespace().count() >= 20_000, "20,000 words");
    // Every span names a claim of the desk: no finding says a claim is unknown.
    let out = s.cmd().args(["--json", "check", &draft]).output().unwrap();
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        !findings.to_string().contains("unknown-claim"),
        "the draft's spans name the desk's claims"
    );
    // The desk's invariant: every record has the history row of its creation.
    let desk = Desk::open(&s.path).unwrap();
    for (table, kind) in [
        ("sources", "source"),
        ("claims", "claim"),
        ("evidence", "evidence"),
    ] {
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
        assert_eq!(orphans, 0, "every {kind} has its history row");
    }
    let claim = desk
        .claims_page(&factdesk_core::pages::ListQuery::default())
        .unwrap()
        .items
        .remove(7);
    let history = desk.history(RecordKind::Claim, &claim.id).unwrap();
    assert!(
        history.len() >= 2 && history[0].action == "create",
        "a claim's history holds its creation and its evidence: {history:?}"
    );
}

#[test]
fn init_large_claims_refuses_sizes_out_of_range_and_a_desk_that_holds_records() {
    let s = Scratch::empty();
    let err = s.fails_json(&["init", "--large", "--claims", "1000001"]);
    assert_eq!(err["field"], "claims", "{err}");
    let err = s.fails_json(&["init", "--large", "--claims", "0"]);
    assert_eq!(err["field"], "claims", "{err}");
    let s = Scratch::sample();
    let before = s.snapshot();
    let err = s.fails_json(&["init", "--large", "--claims", "10"]);
    assert_eq!(err["field"], "desk", "{err}");
    assert_eq!(
        s.snapshot(),
        before,
        "a refused init leaves the desk as it was"
    );
    // --claims means nothing without --large.
    s.cmd().args(["init", "--claims", "10"]).assert().failure();
}
