//! Names in the history and text a reviewer reads are what they look like: `--as` and
//! `FACTDESK_USER` take one short plain line, and invisible characters that reorder or hide text
//! are refused in claims and one-line fields, each naming the input and saving nothing.

use crate::Scratch;

#[test]
fn a_name_for_the_history_is_one_short_plain_line() {
    let s = Scratch::init();
    let long = "x".repeat(100_000);
    for name in [
        "Mina\nPark",
        "\u{1b}[2J\u{1b}[31mroot",
        "<script>alert(1)</script>",
        &long,
    ] {
        let before = s.snapshot();
        let err = s.fails(&["--as", name, "source", "add", "--title", "Renewal news"]);
        assert!(err.starts_with("factdesk: as: "), "{name:.20?}: {err}");
        assert_eq!(s.snapshot(), before, "a refused name saves nothing");
    }
    let out = s
        .cmd()
        .env("FACTDESK_USER", "Mina\u{7}")
        .args([
            "claim",
            "add",
            "--text",
            "Renewed.",
            "--confidence",
            "reported",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("as: contains the control character U+0007"),
        "{err}"
    );

    let id = s.add_claim("Renewed.");
    s.ok(&[
        "--as",
        "  박민아 (writer) ",
        "claim",
        "edit",
        &id,
        "--text",
        "Renewed again.",
    ]);
    let history = s.json(&["history", "claim", &id]);
    assert_eq!(
        history[1]["actor"], "박민아 (writer)",
        "a plain name is kept, trimmed"
    );
}

#[test]
fn an_old_desks_odd_names_print_as_one_escaped_line() {
    let s = Scratch::init();
    let id = s.add_claim("Renewed.");
    // A desk written before names were checked.
    let desk = factdesk_core::Desk::open(&s.path).unwrap();
    desk.conn()
        .unwrap()
        .execute(
            "INSERT INTO history (at, actor, record_kind, record_id, action, field, before, after)
             VALUES ('2025-01-01T00:00:00Z', ?1, 'claim', ?2, 'update', 'text', '\"a\"', '\"b\"')",
            ["\u{1b}[31mEve\nforged row", id.as_str()],
        )
        .unwrap();
    drop(desk);
    let out = s.ok(&["history", "claim", &id]);
    assert!(
        !out.contains('\u{1b}'),
        "no escape sequence reaches the terminal: {out:?}"
    );
    assert_eq!(out.lines().count(), 2, "one line per history row: {out}");
    assert!(out.contains("\\u{1b}[31mEve\\u{a}forged row"), "{out}");
}

#[test]
fn invisible_characters_are_refused_in_claims_and_titles_korean_is_not() {
    let s = Scratch::init();
    let before = s.snapshot();
    let err = s.fails(&[
        "claim",
        "add",
        "--text",
        "The show is \u{202E}deweneR",
        "--confidence",
        "reported",
    ]);
    assert!(
        err.contains("text: contains the invisible character U+202E (RIGHT-TO-LEFT OVERRIDE)"),
        "{err}"
    );
    let err = s.fails(&["source", "add", "--title", "Renewal\u{200B} news"]);
    assert!(
        err.contains("title: contains the invisible character U+200B"),
        "{err}"
    );
    assert_eq!(s.snapshot(), before, "nothing was saved");

    let id = s.add_claim("시즌 2 제작 확정");
    assert_eq!(s.json(&["claim", "show", &id])["text"], "시즌 2 제작 확정");
}
