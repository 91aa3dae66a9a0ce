//! Property tests of the claim-span parser: it never panics, whatever the text; everything it
//! reports is a real span of the text; and on generated drafts it finds exactly the spans that
//! were written, none of those hidden in code. `PROPTEST_CASES=N` runs longer (the note on the
//! drafting issue records a long run).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use factdesk_core::spans;
use proptest::prelude::*;

/// Text built from the characters that matter to the parser, plus some that do not.
fn tricky_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just("[".to_string()),
            Just("]".to_string()),
            Just("{".to_string()),
            Just("}".to_string()),
            Just("\\".to_string()),
            Just("`".to_string()),
            Just("```\n".to_string()),
            Just("\n".to_string()),
            Just("\n\n".to_string()),
            Just("    ".to_string()),
            Just("claim=".to_string()),
            Just("{claim=01AB}".to_string()),
            Just(".claim ".to_string()),
            Just("\"".to_string()),
            Just("한".to_string()),
            Just("é".to_string()),
            Just("🎬".to_string()),
            "[a-z ]{0,6}",
        ],
        0..60,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_reports_real_spans(text in tricky_text()) {
        let found = spans::parse(&text);
        let mut last = 0;
        for s in &found {
            prop_assert!(s.start >= last || s.start < s.end, "spans come in document order");
            last = s.start;
            let whole = &text[s.start..s.end];
            prop_assert!(whole.starts_with('['), "the span starts with its bracket");
            prop_assert!(whole.ends_with('}'), "the span ends with its attribute block");
            let plain = format!("claim={}", s.claim_id);
            let quoted = format!("claim=\"{}\"", s.claim_id);
            let names_its_claim = whole.contains(&plain) || whole.contains(&quoted);
            prop_assert!(names_its_claim, "the span names its claim id: {}", whole);
            prop_assert_eq!(&text[s.text_range.0..s.text_range.1], s.text.as_str());
            prop_assert!(s.line >= 1 && s.column >= 1);
        }
    }

    #[test]
    fn arbitrary_unicode_never_panics(text in "\\PC{0,200}") {
        let _ = spans::parse(&text);
    }

    #[test]
    fn finds_exactly_the_spans_written_outside_code(
        pieces in prop::collection::vec(("[a-zA-Z ,.]{1,20}", "[A-Z0-9]{4,26}", 0u8..4), 1..20)
    ) {
        let mut doc = String::new();
        let mut expected = Vec::new();
        for (words, id, place) in &pieces {
            match place {
                0 => doc.push_str(&format!("`[{words}]{{claim={id}}}` ")),
                1 => doc.push_str(&format!("\n\n```\n[{words}]{{claim={id}}}\n```\n\n")),
                _ => {
                    doc.push_str(&format!("Text [{words}]{{claim={id}}} more. "));
                    expected.push(id.clone());
                }
            }
        }
        let got: Vec<String> = spans::parse(&doc).into_iter().map(|s| s.claim_id).collect();
        prop_assert_eq!(got, expected);
    }
}
