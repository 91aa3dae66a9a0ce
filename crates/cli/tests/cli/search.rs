//! `factdesk search` and the paged `source list` / `claim list`, as a script uses them.

use serde_json::Value;

use crate::{Scratch, id_of, ids};

fn hit_ids(v: &Value) -> Vec<String> {
    ids(v)
}

#[test]
fn search_finds_a_hangul_part_and_a_romanised_name_and_marks_them() {
    let s = Scratch::empty();
    s.ok(&["init"]);
    let woo = id_of(&s.json(&[
        "claim",
        "add",
        "--text",
        "우영우 joins the firm",
        "--confidence",
        "reported",
    ]));
    let src = id_of(&s.json(&[
        "source",
        "add",
        "--title",
        "Profile",
        "--author",
        "Woo Young-woo",
    ]));
    s.json(&[
        "claim",
        "add",
        "--text",
        "Ratings rose",
        "--confidence",
        "reported",
    ]);

    let hits = s.json(&["search", "영우"]);
    assert_eq!(hit_ids(&hits), vec![woo.clone()]);
    assert_eq!(hits[0]["kind"], "claim");
    let marked: Vec<&str> = hits[0]["snippet"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["marked"] == true)
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert_eq!(marked, vec!["영우"]);

    assert_eq!(
        hit_ids(&s.json(&["search", "Young-woo"])),
        vec![src.clone()]
    );
    assert_eq!(
        hit_ids(&s.json(&["search", "young", "--kind", "claim"])),
        Vec::<String>::new(),
        "--kind keeps claims only"
    );
    let text = s.ok(&["search", "Young-woo"]);
    assert!(
        text.contains(&src) && text.contains("[Young-woo]"),
        "{text}"
    );
}

#[test]
fn search_treats_syntax_as_text_and_names_bad_arguments() {
    let s = Scratch::sample();
    for q in ["\"", "AND", "NEAR(", "*", "a:b"] {
        s.json(&["search", q]);
    }
    s.json(&["search", "--", "-x"]);
    let err = s.fails_json(&["search", "woo", "--kind", "person"]);
    assert_eq!(err["field"], "kind", "{err}");
    let err = s.fails_json(&["search", "woo", "--limit", "0"]);
    assert_eq!(err["field"], "limit", "{err}");
    let err = s.fails_json(&["search", " "]);
    assert_eq!(err["field"], "query", "{err}");
}

#[test]
fn claim_list_pages_by_cursor_and_filters() {
    let s = Scratch::empty();
    s.ok(&["init"]);
    let mut made = Vec::new();
    for i in 0..5 {
        let confidence = if i % 2 == 0 { "confirmed" } else { "reported" };
        made.push(id_of(&s.json(&[
            "claim",
            "add",
            "--text",
            &format!("Claim {i}"),
            "--confidence",
            confidence,
            "--topic",
            if i < 2 { "casting" } else { "ratings" },
        ])));
    }
    made.reverse();
    let first = s.json(&["claim", "list", "--limit", "2"]);
    assert_eq!(ids(&first["items"]), made[0..2]);
    let next = first["next"].as_str().expect("a next cursor").to_string();
    let second = s.json(&["claim", "list", "--limit", "2", "--after", &next]);
    assert_eq!(ids(&second["items"]), made[2..4]);
    let text = s.ok(&["claim", "list", "--limit", "2"]);
    assert!(text.contains(&format!("next: {next}")), "{text}");

    let confirmed = s.json(&["claim", "list", "--confidence", "confirmed"]);
    assert_eq!(ids(&confirmed["items"]).len(), 3);
    assert_eq!(confirmed["next"], Value::Null, "one page holds them all");
    let casting = s.json(&["claim", "list", "--topic", "Casting"]);
    assert_eq!(ids(&casting["items"]), made[3..5]);
    let none = s.json(&["claim", "list", "--status", "retracted"]);
    assert_eq!(ids(&none["items"]), Vec::<String>::new());

    let err = s.fails_json(&["claim", "list", "--after", "not-a-cursor"]);
    assert_eq!(err["field"], "after", "{err}");
    let err = s.fails_json(&["claim", "list", "--confidence", "sure"]);
    assert_eq!(err["field"], "confidence", "{err}");
    let err = s.fails_json(&["source", "list", "--limit", "5000"]);
    assert_eq!(err["field"], "limit", "{err}");
}

#[test]
fn source_list_filters_by_outlet() {
    let s = Scratch::empty();
    s.ok(&["init"]);
    let a = id_of(&s.json(&["source", "add", "--title", "A", "--outlet", "Reel Report"]));
    s.json(&["source", "add", "--title", "B", "--outlet", "Daily Screen"]);
    let page = s.json(&["source", "list", "--outlet", "reel report"]);
    assert_eq!(ids(&page["items"]), vec![a]);
}
