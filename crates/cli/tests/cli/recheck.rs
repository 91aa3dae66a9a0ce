//! Kept text and recheck: `check` reports evidence quotes absent from their source's kept text
//! (`quote-not-in-source`) and quotes that vanished when an article was pasted again
//! (`source-changed`); `source recheck` lists them for one source.

use serde_json::Value;

use crate::{Scratch, id_of};

const ARTICLE: &str = "\
The first season of Night Ferry ended on May 4 with a rating of 9.8 percent.

Filming of the second season of Night Ferry will begin in October in Incheon.
";

fn intake(s: &Scratch, text: &str) -> Value {
    let file = s.write("article.md", text);
    s.json(&[
        "intake",
        file.to_str().unwrap(),
        "--outlet",
        "Harbor Ent",
        "--title",
        "Night Ferry returns",
        "--url",
        "https://harbor.example/night-ferry",
    ])
}

/// Accepts the candidate whose sentence holds `words`; returns (claim id, evidence id).
fn accept(s: &Scratch, intake: &Value, words: &str) -> (String, String) {
    let c = intake["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["sentence"].as_str().unwrap().contains(words))
        .unwrap_or_else(|| panic!("a candidate holds {words:?}: {intake:#}"));
    let got = s.json(&["candidate", "accept", c["id"].as_str().unwrap()]);
    (
        id_of(&got["claim"]),
        got["evidence"]["id"].as_str().unwrap().to_string(),
    )
}

fn draft(s: &Scratch, claims: &[&str]) -> String {
    let body = claims
        .iter()
        .map(|c| format!("Harbor Ent reported that [it happened]{{claim={c}}}."))
        .collect::<Vec<_>>()
        .join("\n\n");
    let file = s.write("draft.md", body);
    id_of(&s.json(&[
        "draft",
        "new",
        "--title",
        "Explainer",
        "--file",
        file.to_str().unwrap(),
    ]))
}

/// `check --json`, whatever its exit code (other findings may be errors).
fn findings(s: &Scratch, draft: &str) -> Value {
    let out = s.cmd().args(["--json", "check", draft]).output().unwrap();
    serde_json::from_slice(&out.stdout).unwrap()
}

fn kinds(findings: &Value) -> Vec<&str> {
    findings
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["kind"].as_str().unwrap())
        .filter(|k| matches!(*k, "quote-not-in-source" | "source-changed"))
        .collect()
}

#[test]
fn a_changed_article_flags_the_vanished_quote_in_check_and_recheck() {
    let s = Scratch::init();
    let first = intake(&s, ARTICLE);
    let source = id_of(&first["source"]);
    let (kept_claim, _) = accept(&s, &first, "9.8 percent");
    let (lost_claim, lost_ev) = accept(&s, &first, "Incheon");
    let draft = draft(&s, &[&kept_claim, &lost_claim]);
    let before = findings(&s, &draft);
    assert!(kinds(&before).is_empty(), "{before:#}");
    let out = s.ok(&["source", "recheck", &source]);
    assert!(out.contains("0 of 2 quotes not in the kept text"), "{out}");

    let text = s.write(
        "article.md",
        ARTICLE.replace("in October in Incheon", "next spring"),
    );
    let out = s.ok(&[
        "intake",
        text.to_str().unwrap(),
        "--outlet",
        "Harbor Ent",
        "--title",
        "Night Ferry returns",
        "--url",
        "https://harbor.example/night-ferry",
    ]);
    assert!(
        out.contains(&format!("source {source}")),
        "the same source: {out}"
    );
    assert!(out.contains("kept text changed"), "{out}");
    assert!(
        out.contains(&format!("source-changed: evidence {lost_ev}")),
        "{out}"
    );

    let checked = s.cmd().args(["check", &draft]).output().unwrap();
    assert_eq!(
        checked.status.code(),
        Some(1),
        "a vanished quote is an error"
    );
    let text = String::from_utf8(checked.stdout).unwrap();
    assert!(
        text.contains("error source-changed:") && text.contains(&lost_ev),
        "{text}"
    );
    let json = s.cmd().args(["--json", "check", &draft]).output().unwrap();
    let findings: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(kinds(&findings), vec!["source-changed"], "{findings:#}");
    let f = findings
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["kind"] == "source-changed")
        .unwrap();
    assert_eq!(f["claim"], lost_claim.as_str());
    assert_eq!(f["severity"], "error");

    let recheck = s
        .cmd()
        .args(["source", "recheck", &source])
        .output()
        .unwrap();
    assert_eq!(
        recheck.status.code(),
        Some(1),
        "recheck exits 1 when a quote is absent"
    );
    let out = String::from_utf8(recheck.stdout).unwrap();
    assert!(
        out.contains(&lost_ev) && out.contains("(source-changed)"),
        "{out}"
    );
    assert!(
        out.contains("Incheon"),
        "it shows the words looked for: {out}"
    );
    let json = s
        .cmd()
        .args(["--json", "source", "recheck", &source])
        .output()
        .unwrap();
    let r: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(r["checked"], 2);
    assert_eq!(r["absent"][0]["evidence_id"], lost_ev.as_str());
    assert_eq!(r["absent"][0]["source_changed"], true);
}

#[test]
fn check_reports_a_quote_its_source_does_not_hold() {
    let s = Scratch::init();
    let kept = s.write(
        "kept.txt",
        "The agency said the actor “is positively reviewing” the offer.",
    );
    let source = s.ok(&[
        "source",
        "add",
        "--title",
        "Agency statement",
        "--text-file",
        kept.to_str().unwrap(),
    ]);
    let source = source.trim();
    let claim = s.ok(&[
        "claim",
        "add",
        "--text",
        "The actor accepted the offer",
        "--confidence",
        "reported",
    ]);
    let claim = claim.trim();
    let evidence = id_of(&s.json(&[
        "claim",
        "link",
        claim,
        source,
        "--quote",
        "the actor has accepted the offer",
    ]));
    let draft = draft(&s, &[claim]);
    let checked = s.cmd().args(["check", &draft]).output().unwrap();
    assert_eq!(
        checked.status.code(),
        Some(1),
        "an absent quote is an error"
    );
    let text = String::from_utf8(checked.stdout).unwrap();
    assert!(
        text.contains("error quote-not-in-source:")
            && text.contains(source)
            && text.contains(&evidence),
        "{text}"
    );
    // Typographic quotes, spacing and case aside, the corrected quote is the source's.
    s.ok(&[
        "evidence",
        "edit",
        &evidence,
        "--quote",
        "the actor \"IS positively  reviewing\" the offer",
    ]);
    let findings = findings(&s, &draft);
    assert!(kinds(&findings).is_empty(), "{findings:#}");
}
