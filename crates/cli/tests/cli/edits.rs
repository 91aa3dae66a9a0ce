//! Everything the app can change after entry, the CLI can change too, each edit one transaction:
//! `source edit`, `claim unlink`, `evidence edit`, `draft edit`, `settings get|set`. Lists and
//! reviews show what an editor needs to read.

use crate::{Scratch, id_of, unique_prefix};

#[test]
fn source_edit_changes_only_the_fields_given_and_can_add_or_clear_a_relay() {
    let s = Scratch::init();
    let origin = s.add_source("The director's interview");
    let relay = id_of(&s.json(&[
        "source",
        "add",
        "--title",
        "Season two news",
        "--outlet",
        "Hanbit Daily",
    ]));
    let prefix = unique_prefix(&origin, &s.source_ids());
    let edited = s.json(&["source", "edit", &relay, "--via", &prefix]);
    assert_eq!(edited["via"], origin.as_str(), "a relay added after entry");
    assert_eq!(edited["outlet"], "Hanbit Daily", "fields not given stay");
    assert_eq!(edited["title"], "Season two news");
    let listed = s.ok(&["source", "list"]);
    assert!(listed.contains(&format!("(via {origin})")), "{listed}");

    let cleared = s.json(&["source", "edit", &relay, "--via", "", "--outlet", ""]);
    assert!(
        cleared["via"].is_null() && cleared["outlet"].is_null(),
        "{cleared}"
    );
    let err = s.fails(&["source", "edit", &relay, "--published", "2025-13"]);
    assert!(err.starts_with("factdesk: published: "), "{err}");
    let history = s.json(&["history", "source", &relay]);
    assert_eq!(
        history.as_array().unwrap().len(),
        4,
        "created; via set; via and outlet cleared: one row per changed field"
    );
}

#[test]
fn evidence_edit_and_unlink_reopen_the_claims_approval() {
    let s = Scratch::init();
    let source = s.add_source("Cast announcement");
    let claim = s.add_claim("Kim Won-hae returns for the second season.");
    let evidence = id_of(&s.json(&["claim", "link", &claim, &source, "--quote", "He returns."]));
    let draft = s.add_draft(
        "Season two",
        "d.md",
        &format!("[Kim Won-hae returns]{{claim={claim}}}."),
    );
    s.ok(&["review", "set", &draft, &claim, "approved"]);

    let edited = s.json(&[
        "evidence",
        "edit",
        &evidence,
        "--quote",
        "He is back.",
        "--locator",
        "para 3",
        "--stance",
        "supports",
    ]);
    assert_eq!(edited["quote"], "He is back.");
    assert_eq!(edited["locator"], "para 3");
    let review = &s.json(&["review", "show", &draft])[0];
    assert_eq!(
        review["state"], "pending",
        "a changed quote reopens the approval"
    );

    let err = s.fails(&[
        "evidence",
        "edit",
        &evidence,
        "--quote",
        "",
        "--translated-by",
        "Mina",
    ]);
    assert!(err.starts_with("factdesk: quote: "), "{err}");

    s.ok(&["review", "set", &draft, &claim, "approved"]);
    s.ok(&["claim", "unlink", &evidence]);
    assert!(
        s.json(&["claim", "show", &claim])["evidence"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert_eq!(s.json(&["review", "show", &draft])[0]["state"], "pending");
}

#[test]
fn draft_edit_saves_a_new_revision_and_keeps_the_reviews_of_unchanged_claims() {
    let s = Scratch::init();
    let claim = s.add_claim("Filming starts in June.");
    let draft = s.add_draft(
        "Season two",
        "d.md",
        &format!("[Filming starts]{{claim={claim}}} in June."),
    );
    s.ok(&["review", "set", &draft, &claim, "approved"]);
    let before = s
        .json(&["draft", "revisions", &draft])
        .as_array()
        .unwrap()
        .len();

    let file = s.write(
        "d2.md",
        format!("Good news. [Filming starts]{{claim={claim}}} in June."),
    );
    let saved = s.json(&["draft", "edit", &draft, "--file", file.to_str().unwrap()]);
    assert_eq!(
        saved["draft"]["title"], "Season two",
        "the title stays unless given"
    );
    assert!(
        saved["draft"]["body"]
            .as_str()
            .unwrap()
            .starts_with("Good news.")
    );
    assert_eq!(
        s.json(&["draft", "revisions", &draft])
            .as_array()
            .unwrap()
            .len(),
        before + 1,
        "the edit is a new revision"
    );
    assert_eq!(
        s.json(&["review", "show", &draft])[0]["state"],
        "approved",
        "the claim did not change: its approval stays"
    );
    let shown = s.ok(&["review", "show", &draft]);
    assert!(
        shown.contains("Filming starts in June."),
        "review show gives the claim's text: {shown}"
    );
}

#[test]
fn settings_get_and_set_cover_the_freshness_window_and_the_profile() {
    let s = Scratch::init();
    assert_eq!(s.json(&["settings", "get"])["freshness_days"], 90);
    let err = s.fails(&["settings", "set", "--role", "editor"]);
    assert!(err.starts_with("factdesk: name: "), "{err}");
    let set = s.json(&[
        "settings",
        "set",
        "--freshness-days",
        "30",
        "--name",
        "Jae",
        "--role",
        "editor",
    ]);
    assert_eq!(set["freshness_days"], 30);
    assert_eq!(set["profile"]["name"], "Jae");
    assert_eq!(set["profile"]["role"], "editor");
    let err = s.fails(&["settings", "set", "--freshness-days", "0"]);
    assert!(err.starts_with("factdesk: freshness_days: "), "{err}");
    let shown = s.ok(&["settings", "get"]);
    assert!(
        shown.contains("30") && shown.contains("Jae (editor)"),
        "{shown}"
    );
}

#[test]
fn lists_show_dates_and_topics_and_history_shows_an_overrides_reason() {
    let s = Scratch::init();
    let claim = id_of(&s.json(&[
        "claim",
        "add",
        "--text",
        "The premiere is in May.",
        "--confidence",
        "reported",
        "--as-of",
        "2025-03",
        "--topic",
        "release",
    ]));
    let listed = s.ok(&["claim", "list"]);
    assert!(
        listed.contains("2025-03") && listed.contains("#release"),
        "{listed}"
    );
    s.ok(&[
        "claim",
        "edit",
        &claim,
        "--confidence",
        "confirmed",
        "--reason",
        "The network's schedule lists the date.",
    ]);
    let history = s.ok(&["history", "claim", &claim]);
    assert!(
        history.contains("confirmed: The network's schedule lists the date."),
        "{history}"
    );
}

/// Issue 10: a person's own words marked first-party on link or later; a new source's default
/// reliability is its kind's and the CLI says so; provenance names the rule it applied.
#[test]
fn first_party_evidence_and_default_reliability_reach_the_suggestion() {
    let s = Scratch::init();
    let out = s
        .cmd()
        .args([
            "source",
            "add",
            "--title",
            "Han Seo-jin on Picturegram",
            "--kind",
            "person",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let person = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let note = String::from_utf8(out.stderr).unwrap();
    assert!(
        note.contains("reliability: medium (the default for person"),
        "the default is shown: {note}"
    );
    let board = s.json(&[
        "source",
        "add",
        "--title",
        "Board thread",
        "--kind",
        "anonymous",
    ]);
    assert_eq!(board["reliability"], "low");

    let claim = s.add_claim("Han makes her stage debut in the autumn.");
    let e = id_of(&s.json(&["claim", "link", &claim, &person, "--first-party"]));
    let p = s.json(&["provenance", &claim]);
    assert_eq!(p["suggested_confidence"], "confirmed", "{p}");
    assert_eq!(p["evidence"][0]["first_party"], true);

    let edited = s.json(&["evidence", "edit", &e, "--first-party", "false"]);
    assert_eq!(edited["first_party"], false);
    let text = s.ok(&["provenance", &claim]);
    assert!(text.contains("suggested   reported"), "{text}");
    assert!(text.contains("because     one credible origin"), "{text}");
    let err = s.fails(&["evidence", "edit", &e, "--first-party", "maybe"]);
    assert!(err.starts_with("factdesk: first_party: "), "{err}");
}
