//! `check`, `provenance`, `claim edit`, `review` and `history`: the editor's side of the CLI.

use crate::{Scratch, id_of};

fn sample(s: &Scratch) -> (String, serde_json::Value) {
    let draft = id_of(&s.json(&["draft", "list"])[0]);
    let claims = s.list("claim");
    (draft, claims)
}

fn claim_with_text(claims: &serde_json::Value, start: &str) -> String {
    claims
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["text"].as_str().unwrap().starts_with(start))
        .map(id_of)
        .unwrap_or_else(|| panic!("no claim starting {start}"))
}

/// The review of one claim of a draft, as `review show --json` gives it.
fn review_of(s: &Scratch, draft: &str, claim: &str) -> serde_json::Value {
    s.json(&["review", "show", draft])
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["claim_id"] == claim)
        .cloned()
        .unwrap_or_else(|| panic!("claim {claim} is in the draft's reviews"))
}

#[test]
fn check_lists_findings_and_exits_1_on_errors() {
    let s = Scratch::sample();
    let (draft, _) = sample(&s);
    let out = s.cmd().args(["--json", "check", &draft]).output().unwrap();
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = findings.as_array().unwrap();
    let kinds: Vec<&str> = list.iter().map(|f| f["kind"].as_str().unwrap()).collect();
    // The sample's claims are dated 2025; the desk's clock says more than 90 days later.
    assert!(kinds.contains(&"stale-claim"), "{kinds:?}");
    for f in list {
        for key in ["kind", "severity", "line", "column", "message"] {
            assert!(f.get(key).is_some(), "a finding has {key}: {f}");
        }
    }
    let errors = list.iter().filter(|f| f["severity"] == "error").count();
    assert_eq!(out.status.code(), Some(if errors > 0 { 1 } else { 0 }));

    // A draft with an unknown claim is an error: exit 1, and the text output names the kind.
    let bad_draft = s.add_draft(
        "Bad",
        "bad.md",
        "[ghost]{claim=01ZZZZZZZZZZZZZZZZZZZZZZZZ}\n",
    );
    let out = s.cmd().args(["check", &bad_draft]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("error unknown-claim"));
}

#[test]
fn provenance_collapses_relays_and_shows_an_override() {
    let s = Scratch::sample();
    let (_, claims) = sample(&s);
    let ferryman = claim_with_text(&claims, "Jung Tae-oh returns");
    let p = s.json(&["provenance", &ferryman]);
    assert_eq!(
        p["independent_origins"], 2,
        "the relayed interview and the Ledger"
    );
    assert_eq!(
        p["suggested_confidence"], "corroborated",
        "two independent origins; the interview only reaches us through a relay"
    );
    let chain = p["evidence"][0]["chain"].as_array().unwrap();
    assert!(
        !chain.is_empty(),
        "{}",
        serde_json::to_string_pretty(&p["evidence"]).unwrap()
    );
    assert_eq!(
        chain[0]["outlet"], "Hanbit Daily",
        "the relay is traced to the interview"
    );
    assert!(p["override"].is_null());

    let filming = claim_with_text(&claims, "Filming of season 2");
    s.cmd()
        .args([
            "--as",
            "Jae",
            "claim",
            "edit",
            &filming,
            "--confidence",
            "confirmed",
            "--reason",
            "The studio confirmed it to us by phone.",
        ])
        .assert()
        .success();
    let p = s.json(&["provenance", &filming]);
    assert_eq!(p["override"]["actor"], "Jae");
    assert_eq!(p["override"]["confidence"], "confirmed");
    assert_eq!(p["exceeds_evidence"], false);
    let err = s.fails(&["claim", "edit", &filming, "--reason", " "]);
    assert!(err.contains("reason"), "{err}");
}

#[test]
fn review_set_and_show_and_history_records_who() {
    let s = Scratch::sample();
    let (draft, claims) = sample(&s);
    let renewal = claim_with_text(&claims, "Streamline renewed");
    let r = s.json(&[
        "--as",
        "Jae",
        "review",
        "set",
        &draft,
        &renewal,
        "approved",
        "--comment",
        "matches the release",
    ]);
    assert_eq!(r["state"], "approved");
    assert_eq!(r["actor"], "Jae");
    let mine = review_of(&s, &draft, &renewal);
    assert_eq!(mine["state"], "approved");
    let err = s.fails(&["review", "set", &draft, &renewal, "rejected"]);
    assert!(err.contains("comment"), "rejecting needs a comment: {err}");
    let err = s.fails(&["review", "set", &draft, &renewal, "maybe"]);
    assert!(
        err.contains("state: \"maybe\" is not one of pending, approved"),
        "{err}"
    );

    s.ok(&[
        "--as",
        "Mina",
        "claim",
        "edit",
        &renewal,
        "--text",
        "Streamline renewed the show.",
    ]);
    let mine = review_of(&s, &draft, &renewal);
    assert_eq!(
        mine["state"], "pending",
        "editing after approval reopens the review"
    );

    let history = s.json(&["history", "claim", &renewal]);
    let rows = history.as_array().unwrap();
    assert!(
        rows.iter()
            .any(|h| h["record_kind"] == "review" && h["actor"] == "Jae")
    );
    assert!(
        rows.iter()
            .any(|h| h["field"] == "text" && h["actor"] == "Mina")
    );
    let err = s.fails(&["history", "draft", &renewal]);
    assert!(err.contains("kind"), "{err}");
}
