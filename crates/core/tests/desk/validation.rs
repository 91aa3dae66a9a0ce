//! Every check on typed input, each error naming the field it is about.

use factdesk_core::validate::{MAX_LINE, MAX_PARAGRAPH};
use factdesk_core::{
    ClaimInput, ClaimStatus, Confidence, CoreError, DraftInput, EvidenceInput, PartialDate,
    Reliability, SourceInput, SourceKind, Stance,
};

use crate::{add_claim, add_source, claim_input, count, desk, expect_invalid, titled};

#[test]
fn a_source_needs_a_title() {
    let mut desk = desk();
    for blank in ["", "   ", " \t \n "] {
        expect_invalid(
            desk.add_source(&titled(blank)),
            "title",
            &format!("a source titled {blank:?} has no title"),
        );
    }
    assert_eq!(
        count(&desk, "sources"),
        0,
        "no untitled source may be stored"
    );
}

#[test]
fn text_is_trimmed_and_blank_optional_fields_become_none() {
    let mut desk = desk();
    let s = desk
        .add_source(&SourceInput {
            title: "  Renewal announced \n".into(),
            outlet: Some("   ".into()),
            author: Some("  Dana Whitlock ".into()),
            ..SourceInput::default()
        })
        .unwrap();
    assert_eq!(
        s.title, "Renewal announced",
        "surrounding whitespace is not part of a title"
    );
    assert_eq!(s.outlet, None, "a blank outlet means no outlet");
    assert_eq!(s.author.as_deref(), Some("Dana Whitlock"));
    assert_eq!(s.kind, SourceKind::Other, "an unstated kind is `other`");
    assert_eq!(
        s.reliability,
        Reliability::Unknown,
        "an unstated reliability is `unknown`"
    );
}

#[test]
fn html_markup_is_refused_in_source_fields() {
    let mut desk = desk();
    let markup = [
        "Hi <script>alert(1)</script>",
        "<b>bold</b>",
        "a </i> close",
        "<!-- hidden -->",
        "<?php echo 1 ?>",
        "<img src=x onerror=alert(1)>",
    ];
    for m in markup {
        let msg = expect_invalid(
            desk.add_source(&titled(m)),
            "title",
            &format!("markup {m:?} in a title"),
        );
        assert!(
            msg.contains("HTML markup"),
            "the message must say why: {msg}"
        );
        expect_invalid(
            desk.add_source(&SourceInput {
                outlet: Some(m.into()),
                ..titled("Plain title")
            }),
            "outlet",
            &format!("markup {m:?} in an outlet"),
        );
    }
    for field in ["author", "notes"] {
        let mut input = titled("Plain title");
        match field {
            "author" => input.author = Some("<em>Dana</em>".into()),
            _ => input.notes = Some("see <a href=x>here</a>".into()),
        }
        expect_invalid(
            desk.add_source(&input),
            field,
            "markup in another source field",
        );
    }
    assert_eq!(
        count(&desk, "sources"),
        0,
        "nothing with markup may be stored"
    );
}

#[test]
fn angle_brackets_that_are_not_markup_are_plain_text() {
    let mut desk = desk();
    let s = desk
        .add_source(&titled("Ratings < 5 for <3 weeks, 2 <= x"))
        .expect("a `<` before a space or digit is a comparison, not a tag");
    assert_eq!(s.title, "Ratings < 5 for <3 weeks, 2 <= x");
}

#[test]
fn html_markup_is_refused_in_claim_text_and_quotes() {
    let mut desk = desk();
    expect_invalid(
        desk.add_claim(&claim_input(
            "It aired <script>x()</script>",
            Confidence::Reported,
        )),
        "text",
        "markup in a claim's text",
    );
    let claim = add_claim(&mut desk, "Season 2 is coming.");
    let source = add_source(&mut desk, "Press release");
    expect_invalid(
        desk.link_evidence(&EvidenceInput {
            claim: claim.id.clone(),
            source: source.id.clone(),
            quote: Some("It <i>is</i> coming".into()),
            ..EvidenceInput::default()
        }),
        "quote",
        "markup in a quote",
    );
    expect_invalid(
        desk.link_evidence(&EvidenceInput {
            claim: claim.id,
            source: source.id,
            quote: Some("It is coming".into()),
            original_quote: Some("<p>온다</p>".into()),
            ..EvidenceInput::default()
        }),
        "original_quote",
        "markup in the original-language quote",
    );
    assert_eq!(
        count(&desk, "evidence"),
        0,
        "no evidence with markup may be stored"
    );
}

#[test]
fn huge_text_is_refused_with_the_limit_named() {
    let mut desk = desk();
    let longest = "a".repeat(MAX_LINE);
    desk.add_source(&titled(&longest))
        .expect("a title exactly at the limit is accepted");
    let msg = expect_invalid(
        desk.add_source(&titled(&"a".repeat(MAX_LINE + 1))),
        "title",
        "a title one character over the limit",
    );
    assert!(
        msg.contains(&MAX_LINE.to_string()),
        "the message must give the limit: {msg}"
    );
    expect_invalid(
        desk.add_source(&SourceInput {
            outlet: Some("o".repeat(MAX_LINE + 1)),
            ..titled("t")
        }),
        "outlet",
        "an outlet over the line limit",
    );
    // Characters, not bytes: a title of MAX_LINE Hangul syllables is 3 000 bytes but fits.
    desk.add_source(&titled(&"한".repeat(MAX_LINE)))
        .expect("the limit counts characters, not UTF-8 bytes");
    expect_invalid(
        desk.add_claim(&claim_input(
            &"x".repeat(MAX_PARAGRAPH + 1),
            Confidence::Reported,
        )),
        "text",
        "a claim over the paragraph limit",
    );
    expect_invalid(
        desk.add_draft(&DraftInput {
            title: "t".repeat(MAX_LINE + 1),
            body: String::new(),
        }),
        "title",
        "a draft title over the line limit",
    );
}

#[test]
fn control_characters_are_refused() {
    let mut desk = desk();
    let msg = expect_invalid(
        desk.add_source(&titled("bell\u{7}title")),
        "title",
        "a BEL character in a title",
    );
    assert!(
        msg.contains("U+0007"),
        "the message must show which character: {msg}"
    );
    let msg = expect_invalid(
        desk.add_source(&titled("two\nlines")),
        "title",
        "a newline inside a one-line field",
    );
    assert!(msg.contains("single line"), "{msg}");
    expect_invalid(
        desk.add_source(&SourceInput {
            notes: Some("nul\u{0}byte".into()),
            ..titled("t")
        }),
        "notes",
        "a NUL in notes",
    );
    expect_invalid(
        desk.add_claim(&claim_input("escape \u{1b}[31m red", Confidence::Reported)),
        "text",
        "an ANSI escape in a claim",
    );
    expect_invalid(
        desk.add_draft(&DraftInput {
            title: "Draft".into(),
            body: "body with \u{8} backspace".into(),
        }),
        "body",
        "a control character in a draft body",
    );
    let c = desk
        .add_claim(&claim_input(
            "line one\nline two\twith a tab",
            Confidence::Reported,
        ))
        .expect("paragraph fields keep newlines and tabs");
    assert_eq!(c.text, "line one\nline two\twith a tab");
}

#[test]
fn urls_must_be_http_or_https_with_a_host() {
    let mut desk = desk();
    for bad in [
        "javascript:alert(1)",
        "ftp://example.org/file",
        "file:///etc/passwd",
        "data:text/html,hi",
        "example.org/page",
        "http://",
        "https://exa mple.org",
    ] {
        expect_invalid(
            desk.add_source(&SourceInput {
                url: Some(bad.into()),
                ..titled("t")
            }),
            "url",
            &format!("{bad:?} is not a followable web address"),
        );
    }
    let s = desk
        .add_source(&SourceInput {
            url: Some("https://reelreport.example/salt-road".into()),
            ..titled("t")
        })
        .unwrap();
    assert_eq!(
        s.url.as_deref(),
        Some("https://reelreport.example/salt-road")
    );
    let s = desk
        .add_source(&SourceInput {
            url: Some("http://example.org".into()),
            ..titled("t")
        })
        .expect("plain http is accepted");
    assert!(s.url.unwrap().starts_with("http://example.org"));
}

#[test]
fn language_must_be_a_bcp47_tag_and_is_normalised() {
    let mut desk = desk();
    for bad in ["en_US", "e", "korean language", "123", "en-"] {
        expect_invalid(
            desk.add_source(&SourceInput {
                language: Some(bad.into()),
                ..titled("t")
            }),
            "language",
            &format!("{bad:?} is not a BCP 47 tag"),
        );
    }
    for (typed, kept) in [
        ("pt-br", "pt-BR"),
        ("ko", "ko"),
        ("EN", "en"),
        ("zh-hant-tw", "zh-Hant-TW"),
    ] {
        let s = desk
            .add_source(&SourceInput {
                language: Some(typed.into()),
                ..titled("t")
            })
            .unwrap_or_else(|e| panic!("{typed:?} is a valid tag: {e}"));
        assert_eq!(
            s.language.as_deref(),
            Some(kept),
            "tags are kept in canonical case"
        );
    }
}

#[test]
fn dates_take_year_month_or_day_precision() {
    let mut desk = desk();
    for text in ["2025", "2025-05", "2025-05-23", "2024-02-29"] {
        let s = desk
            .add_source(&SourceInput {
                published: Some(text.into()),
                ..titled("t")
            })
            .unwrap_or_else(|e| panic!("{text:?} is a valid date: {e}"));
        assert_eq!(
            s.published.map(|d| d.to_string()).as_deref(),
            Some(text),
            "a date is kept at the precision it was typed"
        );
    }
    let c = desk
        .add_claim(&ClaimInput {
            as_of: Some("2025-06".into()),
            ..claim_input("c", Confidence::Reported)
        })
        .unwrap();
    assert_eq!(c.as_of, Some(PartialDate::Month(2025, 6)));
}

#[test]
fn impossible_or_malformed_dates_are_refused_naming_the_field() {
    let mut desk = desk();
    let bad = [
        "2025-13-45",
        "2025-02-30",
        "2025-02-29",
        "2025-13",
        "2025-00",
        "2025-04-31",
        "2025-5",
        "2025-05-1",
        "25",
        "2025/05/23",
        "May 2025",
        "23-05-2025",
        "2025-05-23T10:00",
        "+2025",
    ];
    for text in bad {
        expect_invalid(
            desk.add_source(&SourceInput {
                published: Some(text.into()),
                ..titled("t")
            }),
            "published",
            &format!("published {text:?}"),
        );
        expect_invalid(
            desk.add_source(&SourceInput {
                accessed: Some(text.into()),
                ..titled("t")
            }),
            "accessed",
            &format!("accessed {text:?}"),
        );
        expect_invalid(
            desk.add_claim(&ClaimInput {
                as_of: Some(text.into()),
                ..claim_input("c", Confidence::Reported)
            }),
            "as_of",
            &format!("as_of {text:?}"),
        );
    }
    assert_eq!(count(&desk, "sources") + count(&desk, "claims"), 0);
}

#[test]
fn accessed_cannot_be_before_published() {
    let mut desk = desk();
    let with = |published: &str, accessed: &str| SourceInput {
        published: Some(published.into()),
        accessed: Some(accessed.into()),
        ..titled("t")
    };
    let msg = expect_invalid(
        desk.add_source(&with("2025-05-20", "2025-05-19")),
        "accessed",
        "a page read the day before it was published",
    );
    assert!(
        msg.contains("2025-05-19") && msg.contains("2025-05-20"),
        "{msg}"
    );
    expect_invalid(
        desk.add_source(&with("2025-05", "2025-04")),
        "accessed",
        "a month before the month of publication",
    );
    expect_invalid(
        desk.add_source(&with("2025", "2024-12-31")),
        "accessed",
        "the day before the year of publication",
    );
    // Overlapping precisions may well be the same day.
    desk.add_source(&with("2025-05-20", "2025-05"))
        .expect("accessed in May, published on May 20: possibly the same day");
    desk.add_source(&with("2025-05-20", "2025-05-20"))
        .expect("read on the day of publication");
    desk.add_source(&with("2025", "2025-01-01")).unwrap();
}

#[test]
fn accessed_cannot_be_in_the_future() {
    // The desk's clock says 2025-06-02.
    let mut desk = desk();
    let read_on = |accessed: &str| SourceInput {
        accessed: Some(accessed.into()),
        ..titled("t")
    };
    let msg = expect_invalid(
        desk.add_source(&read_on("2025-06-10")),
        "accessed",
        "a page read next week",
    );
    assert!(
        msg.contains("2025-06-10") && msg.contains("future"),
        "{msg}"
    );
    expect_invalid(desk.add_source(&read_on("2026")), "accessed", "next year");
    // Today, tomorrow (a writer east of UTC) and the current month or year are all fine.
    for ok in ["2025-06-02", "2025-06-03", "2025-06", "2025"] {
        desk.add_source(&read_on(ok))
            .unwrap_or_else(|e| panic!("accessed {ok}: {e}"));
    }
}

#[test]
fn unknown_vocabulary_words_name_the_field_and_the_choices() {
    fn check(err: CoreError, field: &str, word: &str, choices: &[&str]) {
        let msg = err.to_string();
        assert_eq!(err.field(), Some(field), "{msg}");
        assert!(
            msg.contains(&format!("\"{word}\"")),
            "the message must quote the word: {msg}"
        );
        for c in choices {
            assert!(
                msg.contains(c),
                "the message must list `{c}` among the choices: {msg}"
            );
        }
    }
    check(
        SourceKind::parse("kind", "blog").unwrap_err(),
        "kind",
        "blog",
        &[
            "official",
            "outlet",
            "interview",
            "press-release",
            "social",
            "dataset",
            "broadcast",
            "other",
        ],
    );
    check(
        Reliability::parse("reliability", "certain").unwrap_err(),
        "reliability",
        "certain",
        &["high", "medium", "low", "unknown"],
    );
    check(
        Confidence::parse("confidence", "likely").unwrap_err(),
        "confidence",
        "likely",
        &[
            "confirmed",
            "corroborated",
            "reported",
            "unverified",
            "speculation",
        ],
    );
    check(
        Stance::parse("stance", "neutral").unwrap_err(),
        "stance",
        "neutral",
        &["supports", "contradicts"],
    );
    check(
        ClaimStatus::parse("status", "dead").unwrap_err(),
        "status",
        "dead",
        &["active", "disputed", "superseded", "retracted"],
    );
    check(
        Confidence::parse("confidence", "").unwrap_err(),
        "confidence",
        "",
        &["confirmed"],
    );
}

#[test]
fn vocabulary_words_parse_in_any_case_and_round_trip() {
    assert_eq!(
        SourceKind::parse("kind", " Press-Release ").unwrap(),
        SourceKind::PressRelease
    );
    assert_eq!(
        Reliability::parse("reliability", "HIGH").unwrap(),
        Reliability::High
    );
    assert_eq!(
        Stance::parse("stance", "Contradicts").unwrap(),
        Stance::Contradicts
    );
    for c in Confidence::ALL {
        assert_eq!(Confidence::parse("confidence", c.as_str()).unwrap(), *c);
    }
    for k in SourceKind::ALL {
        assert_eq!(SourceKind::parse("kind", &k.to_string()).unwrap(), *k);
    }
}

#[test]
fn topics_are_lowercased_deduplicated_and_limited() {
    let mut desk = desk();
    let c = desk
        .add_claim(&ClaimInput {
            topics: vec!["Cast".into(), "cast".into(), "  ".into(), "Renewal".into()],
            settled: false,
            ..claim_input("c", Confidence::Reported)
        })
        .unwrap();
    assert_eq!(
        c.topics,
        vec!["cast", "renewal"],
        "one topic per word, blank ones dropped"
    );
    expect_invalid(
        desk.add_claim(&ClaimInput {
            topics: (0..21).map(|i| format!("topic{i}")).collect(),
            settled: false,
            ..claim_input("c", Confidence::Reported)
        }),
        "topics",
        "more than twenty topics",
    );
    expect_invalid(
        desk.add_claim(&ClaimInput {
            topics: vec!["<b>cast</b>".into()],
            settled: false,
            ..claim_input("c", Confidence::Reported)
        }),
        "topics",
        "markup in a topic",
    );
}

#[test]
fn a_claim_needs_text() {
    let mut desk = desk();
    expect_invalid(
        desk.add_claim(&claim_input("  \n ", Confidence::Confirmed)),
        "text",
        "a blank claim",
    );
    assert_eq!(count(&desk, "claims"), 0);
}

#[test]
fn draft_bodies_are_markdown_kept_exactly() {
    let mut desk = desk();
    expect_invalid(
        desk.add_draft(&DraftInput {
            title: " ".into(),
            body: "text".into(),
        }),
        "title",
        "a draft needs a title",
    );
    let body = "  # Heading\r\n\n<!-- a note -->\n[text]{claim=01ABC}\n\ttabbed\n\n";
    let d = desk
        .add_draft(&DraftInput {
            title: "Explainer".into(),
            body: body.into(),
        })
        .expect("a draft body is Markdown: HTML comments and spans are the writer's own");
    assert_eq!(
        desk.draft(&d.id).unwrap().body,
        body,
        "the body is stored byte for byte"
    );
}
