//! `draft export`, `draft report`, revisions: what a newsroom script runs before handing a draft
//! to the CMS or to Pandoc.

use crate::{Scratch, id_of};

fn sample_draft(s: &Scratch) -> String {
    id_of(&s.json(&["draft", "list"])[0])
}

#[test]
fn footnotes_go_to_stdout_with_front_matter_and_one_note_per_claim() {
    let s = Scratch::sample();
    let out = s.ok(&["draft", "export", &sample_draft(&s)]);
    assert!(
        out.starts_with("---\ntitle: \"The Salt Road season 2"),
        "{out}"
    );
    assert!(
        out.contains("\n  confirmed: 3\n"),
        "counts per level in the front matter"
    );
    let refs = out.matches("[^claim-1]").count();
    assert!(refs >= 2, "reference and note");
    assert!(
        out.contains("citing an interview with Hanbit Daily"),
        "relay chains"
    );
    assert!(
        out.contains("translated by The Reel Report"),
        "translation credits"
    );
}

#[test]
fn pandoc_writes_the_markdown_and_its_bibliography_beside_it() {
    let s = Scratch::sample();
    let out = s.file("season2.md");
    s.ok(&[
        "draft",
        "export",
        &sample_draft(&s),
        "--format",
        "pandoc",
        "--out",
        out.to_str().unwrap(),
    ]);
    let md = std::fs::read_to_string(&out).unwrap();
    let bib: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(s.file("season2.md.csl.json")).unwrap())
            .unwrap();
    assert!(md.contains("{.claim claim="), "spans stay Pandoc spans");
    for item in bib.as_array().unwrap() {
        let key = item["id"].as_str().unwrap();
        assert!(
            md.contains(&format!("@{key}")),
            "every bibliography entry is cited: {key}"
        );
    }
    let custom = s.file("refs.json");
    s.ok(&[
        "draft",
        "export",
        &sample_draft(&s),
        "--format",
        "pandoc",
        "--bib",
        custom.to_str().unwrap(),
    ]);
    assert!(custom.exists(), "--bib names the bibliography's path");
}

#[test]
fn pandoc_to_stdout_without_a_bibliography_path_is_refused() {
    let s = Scratch::sample();
    let err = s.fails(&["draft", "export", &sample_draft(&s), "--format", "pandoc"]);
    assert!(err.contains("bib"), "{err}");
    let err = s.fails(&["draft", "export", &sample_draft(&s), "--format", "html"]);
    assert!(
        err.contains("format: \"html\" is not one of footnotes, pandoc"),
        "{err}"
    );
    let err = s.fails(&[
        "draft",
        "export",
        &sample_draft(&s),
        "--out",
        s.file("nope/x.md").to_str().unwrap(),
    ]);
    assert!(err.contains("out: the folder"), "{err}");
}

#[test]
fn publication_export_is_refused_and_writes_nothing_until_everything_is_approved() {
    let s = Scratch::sample();
    let draft = sample_draft(&s);
    let out = s.file("publish.md");
    let err = s.fails(&[
        "draft",
        "export",
        &draft,
        "--publish",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(err.contains("not ready for publication"), "{err}");
    assert!(
        err.contains("pending, not approved"),
        "says which claims: {err}"
    );
    assert!(!out.exists(), "nothing is written");
    assert!(!s.file("publish.md.csl.json").exists());
    let err = s.fails_json(&["draft", "export", &draft, "--publish"]);
    assert_eq!(err["code"], "not_ready", "{err}");
    let blockers = err["details"]["blockers"].as_array().unwrap();
    assert!(
        !blockers.is_empty()
            && blockers
                .iter()
                .all(|b| b["reason"].is_string() && b["claim"].is_string()),
        "a script gets the blockers as a list of objects: {err}"
    );
}

#[test]
fn the_gate_names_a_malformed_span_and_a_retracted_claim_one_per_line_with_the_claims_words() {
    let s = Scratch::init();
    let claim = s.add_claim("The studio cancelled the third season.");
    let draft = s.add_draft(
        "Gate",
        "gate.md",
        &format!("[It was cancelled]{{claim={claim}}}.\n\n[Filming ends]{{clam={claim}}} soon.\n"),
    );
    s.ok(&["claim", "edit", &claim, "--status", "retracted"]);
    let err = s.fails(&["draft", "export", &draft, "--publish"]);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines.iter().any(|l| l.contains("retracted-claim")
            && l.contains("“The studio cancelled the third season.”")),
        "the retracted claim is named by its words on its own line: {err}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("line 3: malformed-span") && l.contains("did you mean claim=")),
        "the malformed span is named with its line and reason: {err}"
    );
    let json = s.fails_json(&["draft", "export", &draft, "--publish"]);
    let blockers = json["details"]["blockers"].as_array().unwrap();
    let retracted = blockers
        .iter()
        .find(|b| b["reason"].as_str().unwrap().starts_with("retracted-claim"))
        .expect("the retracted claim blocks");
    assert_eq!(retracted["claim"], claim.as_str());
    assert_eq!(
        retracted["claim_text"],
        "The studio cancelled the third season."
    );
    let malformed = blockers
        .iter()
        .find(|b| b["reason"].as_str().unwrap().starts_with("malformed-span"))
        .expect("the malformed span blocks");
    assert_eq!(malformed["line"], 3);
}

#[test]
fn the_report_lists_every_claim_of_the_draft() {
    let s = Scratch::sample();
    let draft = sample_draft(&s);
    let report = s.ok(&["draft", "report", &draft]);
    assert!(report.starts_with("# Provenance report:"), "{report}");
    let reviews = s.json(&["review", "show", &draft]);
    for r in reviews.as_array().unwrap() {
        assert!(
            report.contains(r["claim_id"].as_str().unwrap()),
            "every claim is in the report"
        );
    }
}

#[test]
fn revisions_are_listed_and_an_old_one_can_be_restored() {
    let s = Scratch::init();
    let draft = s.add_draft("T", "v1.md", "First version.\n");
    let revisions = s.json(&["draft", "revisions", &draft]);
    assert_eq!(revisions.as_array().unwrap().len(), 1);
    let seq = revisions[0]["seq"].as_i64().unwrap().to_string();
    let restored = s.json(&["draft", "restore", &draft, &seq]);
    assert_eq!(restored["body"], "First version.\n");
    let err = s.fails(&["draft", "restore", &draft, "99999"]);
    assert!(err.contains("revision"), "{err}");
}

#[test]
fn an_export_keeps_what_left_the_desk_as_a_revision_and_the_list_says_why() {
    let s = Scratch::init();
    let draft = s.add_draft("T", "v1.md", "First version, four words.\n");
    s.ok(&["draft", "export", &draft]);
    s.ok(&["draft", "export", &draft]);
    let revisions = s.json(&["draft", "revisions", &draft]);
    let reasons: Vec<&str> = revisions
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["reason"].as_str().unwrap())
        .collect();
    assert_eq!(
        reasons,
        ["export", "explicit"],
        "one export revision for the same text exported twice"
    );
    assert_eq!(revisions[0]["words"], 4);
    let text = s.ok(&["draft", "revisions", &draft]);
    let first = text.lines().next().unwrap();
    assert!(
        first.contains("4 words") && first.contains("export"),
        "{text}"
    );
}
