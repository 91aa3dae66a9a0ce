//! `factdesk intake` and `factdesk candidate`, as a writer's script uses them.

use serde_json::Value;

use crate::Scratch;

const ARTICLE: &str = "\
# Night Ferry renewal talks

On June 1, Star Daily reported, citing an industry insider, that the cast of Night Ferry had been offered new contracts.

Bluewave Studio said in a statement that Oh Da-eun will lead the second season.

The first season of Night Ferry ended on May 4 with a rating of 9.8 percent.
";

fn intake(s: &Scratch, extra: &[&str]) -> Value {
    let file = s.write("article.md", ARTICLE);
    let mut args = vec![
        "intake",
        file.to_str().unwrap(),
        "--outlet",
        "Harbor Ent",
        "--title",
        "Night Ferry may return",
        "--url",
        "https://harbor.example/night-ferry",
        "--published",
        "2025-06-02",
        "--language",
        "en",
    ];
    args.extend_from_slice(extra);
    s.json(&args)
}

fn texts(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_dry_run_prints_the_candidates_and_records_nothing() {
    let s = Scratch::init();
    let before = s.snapshot();
    let got = intake(&s, &["--dry-run"]);
    let cands = &got["candidates"];
    assert_eq!(cands.as_array().unwrap().len(), 3, "{got:#}");
    let first = &cands[0];
    for key in [
        "id",
        "sentence",
        "text",
        "attribution",
        "hedges",
        "as_of",
        "suggested_confidence",
        "quote",
        "duplicates",
    ] {
        assert!(
            first.get(key).is_some(),
            "a candidate carries {key}: {first:#}"
        );
    }
    assert_eq!(first["attribution"][0]["name"], "Star Daily");
    assert_eq!(first["as_of"], "2025-06-01");
    assert_eq!(got["source"]["outlet"], "Harbor Ent");
    assert_eq!(s.snapshot(), before, "a dry run leaves the desk as it was");
}

#[test]
fn intake_then_accept_edit_as_evidence_and_reject() {
    let s = Scratch::init();
    let existing = s.json(&[
        "claim",
        "add",
        "--text",
        "Oh Da-eun will lead the second season of Night Ferry.",
        "--confidence",
        "reported",
    ]);
    let got = intake(&s, &[]);
    let source = got["source"]["id"].as_str().unwrap();
    assert!(
        got["source"]["kept_text"]
            .as_str()
            .unwrap()
            .contains("Bluewave Studio")
    );
    assert_eq!(
        s.list("claim").as_array().unwrap().len(),
        1,
        "intake creates no claim"
    );
    let pending = s.json(&["candidate", "list", "--source", source]);
    assert_eq!(texts(&pending), texts(&got["candidates"]));
    let id = |i: usize| pending[i]["id"].as_str().unwrap().to_string();
    assert_eq!(
        pending[1]["duplicates"][0]["claim_id"], existing["id"],
        "the existing claim is offered"
    );

    let made = s.json(&["candidate", "accept", &id(0)]);
    assert_eq!(
        made["claim"]["confidence"], "unverified",
        "an insider relayed by an outlet is as credible as the insider"
    );
    let prov = s.json(&["provenance", made["claim"]["id"].as_str().unwrap()]);
    let chain: Vec<&str> = prov["evidence"][0]["chain"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["title"].as_str().unwrap())
        .collect();
    assert_eq!(chain, vec!["Star Daily", "an industry insider"]);

    let added = s.json(&[
        "candidate",
        "accept",
        &id(1),
        "--evidence-to",
        existing["id"].as_str().unwrap(),
    ]);
    assert_eq!(added["claim"]["id"], existing["id"]);

    let edited = s.json(&[
        "candidate",
        "accept",
        &id(2),
        "--confidence",
        "confirmed",
        "--text",
        "Night Ferry's first season ended at 9.8 percent.",
    ]);
    assert_eq!(
        edited["claim"]["text"],
        "Night Ferry's first season ended at 9.8 percent."
    );
    assert_eq!(s.list("claim").as_array().unwrap().len(), 3);

    let err = s.fails_json(&["candidate", "reject", &id(2)]);
    assert_eq!(err["field"], "candidate", "{err}");
    assert!(
        s.json(&["candidate", "list"])
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn bad_input_names_the_field_and_keeps_the_desk() {
    let s = Scratch::init();
    let before = s.snapshot();
    let file = s.write("a.md", ARTICLE);
    let err = s.fails_json(&[
        "intake",
        file.to_str().unwrap(),
        "--outlet",
        "X",
        "--title",
        "T",
        "--published",
        "June 2025",
    ]);
    assert_eq!(err["field"], "published", "{err}");
    let err = s.fails_json(&["candidate", "accept", "ZZZZ"]);
    assert_eq!(err["field"], "candidate", "{err}");
    let err = s.fails(&["intake", "missing.md", "--outlet", "X", "--title", "T"]);
    assert!(err.contains("missing.md"), "{err}");
    assert_eq!(s.snapshot(), before);
}
