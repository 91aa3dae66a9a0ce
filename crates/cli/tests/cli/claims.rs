//! `claim add`, `claim link`, `claim supersede`, `claim list`, `claim show`.

use serde_json::json;

use crate::{Scratch, assert_snake_case, id_of, ids, unique_prefix};

#[test]
fn claim_add_takes_repeated_topics_and_prints_the_claim() {
    let s = Scratch::init();
    let v = s.json(&[
        "claim",
        "add",
        "--text",
        "Season 2 will have ten episodes.",
        "--confidence",
        "Corroborated",
        "--as-of",
        "2025-05",
        "--topic",
        "Episodes",
        "--topic",
        "cast",
        "--topic",
        "episodes",
    ]);
    assert_eq!(id_of(&v).len(), 26);
    assert_eq!(v["text"], "Season 2 will have ten episodes.");
    assert_eq!(
        v["confidence"], "corroborated",
        "the confidence word is kept in canonical case"
    );
    assert_eq!(v["as_of"], "2025-05");
    assert_eq!(v["status"], "active");
    assert_eq!(v["superseded_by"], serde_json::Value::Null);
    assert_eq!(
        v["topics"],
        json!(["cast", "episodes"]),
        "each --topic once, lower-cased"
    );
    assert_snake_case(&v);

    let out = s.ok(&[
        "claim",
        "add",
        "--text",
        "Plain",
        "--confidence",
        "speculation",
    ]);
    assert_eq!(
        out.trim_end().len(),
        26,
        "the text output is the new id: {out:?}"
    );
}

#[test]
fn claim_link_records_quote_locator_stance_and_translation() {
    let s = Scratch::init();
    let origin = s.add_source("Director interview");
    let relay = id_of(&s.json(&[
        "source",
        "add",
        "--title",
        "Report",
        "--outlet",
        "The Reel Report",
        "--via",
        &origin,
    ]));
    let claim = s.add_claim("Filming starts this winter.");
    let other = s.add_claim("Something else.");
    let prefix = unique_prefix(&claim, &[claim.clone(), other]).to_lowercase();
    let ev = s.json(&[
        "claim",
        "link",
        &prefix,
        &relay,
        "--quote",
        "Shooting is planned to begin this winter.",
        "--locator",
        "paragraph 6",
        "--stance",
        "supports",
        "--translated-by",
        "The Reel Report",
        "--original-quote",
        "촬영은 올겨울에 시작할 예정입니다.",
    ]);
    assert_eq!(id_of(&ev).len(), 26, "the created evidence has its id");
    assert_eq!(
        ev["claim_id"],
        json!(claim),
        "the claim prefix is stored as the full id"
    );
    assert_eq!(ev["source_id"], json!(relay));
    assert_eq!(ev["locator"], "paragraph 6");
    assert_eq!(ev["translated_by"], "The Reel Report");
    assert_eq!(ev["original_quote"], "촬영은 올겨울에 시작할 예정입니다.");
    assert_snake_case(&ev);

    let gossip = s.add_source("Gossip column");
    let out = s.ok(&[
        "claim",
        "link",
        &claim,
        &gossip,
        "--quote",
        "Production is on hold.",
        "--stance",
        "contradicts",
    ]);
    assert_eq!(
        out.trim_end().len(),
        26,
        "the text output is the evidence id: {out:?}"
    );

    let detail = s.json(&["claim", "show", &claim]);
    assert_snake_case(&detail);
    assert_eq!(id_of(&detail), claim);
    let evidence = detail["evidence"]
        .as_array()
        .expect("claim show has an evidence array");
    assert_eq!(evidence.len(), 2);
    let translated = evidence
        .iter()
        .find(|e| e["source_id"] == json!(relay))
        .expect("the evidence from the relay");
    assert_eq!(
        translated["quote"],
        "Shooting is planned to begin this winter."
    );
    assert_eq!(translated["stance"], "supports");
    assert_eq!(
        translated["source"]["id"],
        json!(relay),
        "the source is nested in the evidence"
    );
    assert_eq!(translated["source"]["title"], "Report");
    assert_eq!(
        ids(&translated["via_chain"]),
        vec![origin],
        "with the chain it relays"
    );
    let against = evidence
        .iter()
        .find(|e| e["source_id"] == json!(gossip))
        .expect("the contradicting evidence");
    assert_eq!(against["stance"], "contradicts");
    assert_eq!(against["quote"], "Production is on hold.");
    assert_eq!(against["source"]["title"], "Gossip column");

    let text = s.ok(&["claim", "show", &claim]);
    assert!(text.starts_with("Filming starts this winter.\n"), "{text}");
    assert!(
        text.contains(&format!(
            "- supports The Reel Report ({relay}), citing Director interview"
        )),
        "each piece of evidence reads as a sentence with its relay chain: {text}"
    );
    assert!(
        text.contains("\"Shooting is planned to begin this winter.\""),
        "{text}"
    );
    assert!(text.contains("translated by The Reel Report"), "{text}");
    assert!(text.contains("at paragraph 6"), "{text}");
    assert!(
        text.contains(&format!("- contradicts Gossip column ({gossip})")),
        "{text}"
    );
}

#[test]
fn claim_link_refuses_a_translation_credit_without_a_quote() {
    let s = Scratch::init();
    let source = s.add_source("Interview");
    let claim = s.add_claim("c");
    let err = s.fails_json(&[
        "claim",
        "link",
        &claim,
        &source,
        "--translated-by",
        "Someone",
    ]);
    assert_eq!(err["field"], "quote", "{err}");
    assert!(
        s.json(&["claim", "show", &claim])["evidence"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn claim_link_refuses_unknown_ids_and_stances() {
    let s = Scratch::init();
    let source = s.add_source("Interview");
    let claim = s.add_claim("c");
    assert_eq!(
        s.fails_json(&["claim", "link", "ZZZZ", &source])["field"],
        "claim"
    );
    assert_eq!(
        s.fails_json(&["claim", "link", &claim, "ZZZZ"])["field"],
        "source"
    );
    let err = s.fails_json(&["claim", "link", &claim, &source, "--stance", "neutral"]);
    assert_eq!(err["field"], "stance");
    assert!(
        err["message"]
            .as_str()
            .unwrap()
            .contains("supports, contradicts"),
        "{err}"
    );
    assert!(
        s.json(&["claim", "show", &claim])["evidence"]
            .as_array()
            .unwrap()
            .is_empty()
    );
}

#[test]
fn claim_supersede_marks_the_old_claim() {
    let s = Scratch::init();
    let eight = s.add_claim("Season 2 will have eight episodes.");
    let ten = s.add_claim("Season 2 will have ten episodes.");
    let v = s.json(&["claim", "supersede", &eight.to_lowercase(), &ten]);
    assert_eq!(id_of(&v), eight, "supersede prints the old claim");
    assert_eq!(v["status"], "superseded");
    assert_eq!(v["superseded_by"], json!(ten));

    let err = s.fails_json(&["claim", "supersede", &ten, &eight]);
    assert_eq!(err["field"], "new", "a loop is refused: {err}");
    let err = s.fails_json(&["claim", "supersede", &ten, &ten]);
    assert_eq!(err["field"], "new", "self-supersession is refused: {err}");
    assert_eq!(s.json(&["claim", "show", &ten])["status"], "active");

    let text = s.json(&["claim", "show", &eight]);
    assert_eq!(text["superseded_by"], json!(ten));
    let shown = s.ok(&["claim", "show", &eight]);
    assert!(shown.contains(&format!("by {ten}")), "{shown}");
}

#[test]
fn claim_supersede_text_output_names_both_claims() {
    let s = Scratch::init();
    let old = s.add_claim("old");
    let new = s.add_claim("new");
    let out = s.ok(&["claim", "supersede", &old, &new]);
    assert_eq!(out, format!("{old} is superseded by {new}\n"));
}

#[test]
fn claim_list_prints_every_claim_newest_first() {
    let s = Scratch::init();
    let first = s.add_claim("First claim.");
    let second = s.add_claim("Second claim.");
    s.ok(&["claim", "supersede", &first, &second]);
    let list = s.list("claim");
    assert_eq!(
        ids(&list),
        vec![second.clone(), first.clone()],
        "newest first"
    );
    assert_snake_case(&list);
    let text = s.ok(&["claim", "list"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert!(
        lines[0].starts_with(&second) && lines[0].ends_with("Second claim."),
        "{text}"
    );
    assert!(
        lines[1].starts_with(&first) && lines[1].ends_with("First claim. [superseded]"),
        "a claim that is not active shows its status: {text}"
    );
}

#[test]
fn claim_add_refuses_bad_input_naming_the_field() {
    let s = Scratch::init();
    let err = s.fails_json(&["claim", "add", "--text", "c", "--confidence", "likely"]);
    assert_eq!(err["field"], "confidence", "{err}");
    let err = s.fails_json(&[
        "claim",
        "add",
        "--text",
        "c",
        "--confidence",
        "reported",
        "--as-of",
        "2025-02-30",
    ]);
    assert_eq!(err["field"], "as_of", "{err}");
    let err = s.fails_json(&[
        "claim",
        "add",
        "--text",
        "<b>c</b>",
        "--confidence",
        "reported",
    ]);
    assert_eq!(err["field"], "text", "{err}");
    assert_eq!(s.list("claim"), json!([]), "no refused claim is stored");
}

#[test]
fn claim_show_of_the_sample_shows_relayed_and_translated_evidence() {
    let s = Scratch::sample();
    let claims = s.list("claim");
    let translated = claims
        .as_array()
        .unwrap()
        .iter()
        .map(|c| s.json(&["claim", "show", c["id"].as_str().unwrap()]))
        .flat_map(|d| d["evidence"].as_array().unwrap().clone())
        .find(|e| e["translated_by"].is_string())
        .expect("the sample has a translated quote");
    assert!(translated["quote"].is_string() && translated["original_quote"].is_string());
    assert!(
        !translated["via_chain"].as_array().unwrap().is_empty(),
        "the sample's translated quote comes through a relay"
    );
}
