//! `draft what-we-know`: print the block, insert it as a new revision, see it go stale in
//! `check`, and regenerate it in place.

use crate::{Scratch, id_of};

/// What `check` prints (it exits 1 when any finding is an error, which this draft may have).
fn check(s: &Scratch, draft: &str) -> String {
    let out = s.cmd().args(["check", draft]).output().unwrap();
    assert!(out.status.code().is_some_and(|c| c <= 1), "check runs");
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn print_insert_go_stale_and_regenerate() {
    let s = Scratch::init();
    let source = s.add_source("Season two announced");
    let renewed = id_of(&s.json(&[
        "claim",
        "add",
        "--text",
        "The show returns.",
        "--confidence",
        "confirmed",
        "--as-of",
        "2025-05-02",
        "--topic",
        "season-two",
    ]));
    s.ok(&[
        "claim",
        "link",
        &renewed,
        &source,
        "--quote",
        "It returns.",
        "--first-party",
    ]);
    let filming = s.add_claim("Filming moves to the coast.");
    s.ok(&[
        "claim",
        "link",
        &filming,
        &source,
        "--quote",
        "Filming moves.",
    ]);
    let body = format!(
        "# Season two\n\nThe studio said [it returns]{{claim={renewed}}}. A paper reports that \
         [filming moves]{{claim={filming}}}.\n"
    );
    let draft = s.add_draft("Season two", "d.md", &body);

    let printed = s.ok(&["draft", "what-we-know", &draft, "--format", "sections"]);
    assert!(
        printed.starts_with("[what-we-know]: #what-we-know \"sections draft "),
        "{printed}"
    );
    assert!(
        printed.contains("## Confirmed\n\n- [The show returns.]{claim="),
        "{printed}"
    );
    assert!(
        printed.contains("## Reported\n\n- [Filming moves to the coast.]"),
        "{printed}"
    );
    assert_eq!(
        s.ok(&["draft", "show", &draft]),
        body,
        "printing leaves the draft as it was"
    );

    let revisions = s
        .json(&["draft", "revisions", &draft])
        .as_array()
        .unwrap()
        .len();
    s.ok(&["draft", "what-we-know", &draft, "--insert"]);
    let shown = s.ok(&["draft", "show", &draft]);
    assert!(
        shown.starts_with(&body),
        "the block goes after the text: {shown}"
    );
    assert!(
        shown.contains("| Confirmed | [The show returns.]{claim="),
        "{shown}"
    );
    assert_eq!(
        s.json(&["draft", "revisions", &draft])
            .as_array()
            .unwrap()
            .len(),
        revisions + 1,
        "inserting saves a new revision"
    );
    assert!(!check(&s, &draft).contains("what-we-know-stale"));

    s.ok(&["claim", "edit", &filming, "--confidence", "unverified"]);
    let found = check(&s, &draft);
    assert!(found.contains("what-we-know-stale"), "{found}");

    s.ok(&["draft", "what-we-know", &draft, "--insert"]);
    let regenerated = s.ok(&["draft", "show", &draft]);
    assert_eq!(
        regenerated.matches("[what-we-know]:").count(),
        1,
        "{regenerated}"
    );
    assert!(
        regenerated.contains("| Unverified or rumoured | [Filming moves to the coast.]"),
        "{regenerated}"
    );
    assert!(!check(&s, &draft).contains("what-we-know-stale"));

    let topic = s.ok(&["draft", "what-we-know", &draft, "--topic", "season-two"]);
    assert!(topic.contains("\"table topic:season-two "), "{topic}");
    assert!(
        !topic.contains("Filming"),
        "only the topic's claims: {topic}"
    );

    let err = s.fails_json(&["draft", "what-we-know", &draft, "--format", "list"]);
    assert_eq!(err["field"], "format", "{err}");
    let err = s.fails_json(&["draft", "what-we-know", &draft, "--topic", "nothing"]);
    assert_eq!(err["field"], "topic", "{err}");
}
