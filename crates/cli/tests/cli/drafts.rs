//! `draft new`, `draft list`, `draft show`.

use crate::{Scratch, assert_snake_case, id_of, ids};

const BODY: &str = "# The Salt Road season 2\n\n\
    [Streamline renewed the show]{claim=CLAIMID} in March.\n\n\
    - Korean: 촬영은 올겨울에\n\
    - <!-- a note to self -->\n\
    \twith a tab, trailing spaces   \n\n";

#[test]
fn draft_new_from_a_file_and_show_prints_the_body_exactly() {
    let s = Scratch::init();
    let claim = s.add_claim("Streamline renewed the show.");
    let body = BODY.replace("CLAIMID", &claim);
    let file = s.write("draft.md", &body);
    let v = s.json(&[
        "draft",
        "new",
        "--title",
        "The Salt Road season 2",
        "--file",
        file.to_str().unwrap(),
    ]);
    let id = id_of(&v);
    assert_eq!(id.len(), 26);
    assert_eq!(v["title"], "The Salt Road season 2");
    assert_eq!(
        v["body"],
        body.as_str(),
        "the created draft holds the file as written"
    );
    assert_snake_case(&v);

    let out = s.cmd().args(["draft", "show", &id]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        body,
        "draft show prints the Markdown byte for byte, so it can be piped to a file"
    );
    assert_eq!(
        s.json(&["draft", "show", &id.to_lowercase()])["body"],
        body.as_str()
    );
}

#[test]
fn draft_show_ends_a_body_without_a_newline_with_one() {
    let s = Scratch::init();
    let id = s.add_draft("T", "d.md", "no newline at the end");
    assert_eq!(s.ok(&["draft", "show", &id]), "no newline at the end\n");
    assert_eq!(
        s.json(&["draft", "show", &id])["body"],
        "no newline at the end",
        "the stored body is not changed"
    );
}

#[test]
fn draft_new_without_a_file_starts_empty() {
    let s = Scratch::init();
    let out = s.ok(&["draft", "new", "--title", "Blank page"]);
    let id = out.trim_end();
    assert_eq!(id.len(), 26, "the text output is the new id: {out:?}");
    assert_eq!(
        s.ok(&["draft", "show", id]),
        "",
        "an empty body prints nothing"
    );
    assert_eq!(s.json(&["draft", "show", id])["body"], "");
}

#[test]
fn draft_list_prints_summaries_without_bodies() {
    let s = Scratch::init();
    let first = s.add_draft("First", "d.md", "secret body text\n");
    let second = id_of(&s.json(&["draft", "new", "--title", "Second"]));
    let list = s.json(&["draft", "list"]);
    assert_eq!(
        ids(&list),
        vec![second.clone(), first.clone()],
        "most recently edited first"
    );
    assert_snake_case(&list);
    for d in list.as_array().unwrap() {
        assert!(d.get("body").is_none(), "a list carries no bodies: {d}");
        assert!(d["updated_at"].is_string());
    }
    let text = s.ok(&["draft", "list"]);
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(text.lines().next().unwrap().starts_with(&second) && text.contains("First"));
    assert!(!text.contains("secret body text"));
}

#[test]
fn draft_new_refuses_a_file_that_is_missing_or_not_text() {
    let s = Scratch::init();
    let missing = s.file("nope.md");
    let err = s.fails(&[
        "draft",
        "new",
        "--title",
        "T",
        "--file",
        missing.to_str().unwrap(),
    ]);
    assert!(err.contains("nope.md"), "the error names the file: {err}");
    let binary = s.write("image.md", [0xff, 0xfe, 0x00, 0x80]);
    let err = s.fails_json(&[
        "draft",
        "new",
        "--title",
        "T",
        "--file",
        binary.to_str().unwrap(),
    ]);
    assert_eq!(err["field"], "file", "{err}");
    assert!(
        err["message"].as_str().unwrap().contains("not UTF-8"),
        "{err}"
    );
    let err = s.fails_json(&["draft", "new", "--title", "  "]);
    assert_eq!(err["field"], "title", "{err}");
    assert_eq!(
        s.json(&["draft", "list"]),
        serde_json::json!([]),
        "no draft was made"
    );
}

#[test]
fn the_sample_draft_marks_claims_of_the_desk() {
    let s = Scratch::sample();
    let draft = &ids(&s.json(&["draft", "list"]))[0];
    let body = s.ok(&["draft", "show", draft]);
    let claims = ids(&s.list("claim"));
    let spans: Vec<&str> = body
        .split("{claim=")
        .skip(1)
        .map(|rest| rest.split('}').next().unwrap())
        .collect();
    assert!(spans.len() >= 3, "the sample draft marks several claims");
    for id in spans {
        assert!(
            claims.iter().any(|c| c == id),
            "span {id} names a claim of the desk"
        );
    }
}
