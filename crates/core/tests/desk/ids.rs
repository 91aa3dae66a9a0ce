//! Wherever a user types an id, a unique prefix in any letter case is enough; anything else is
//! refused with an error that says which input and, when ambiguous, which records it could mean.

use factdesk_core::{CoreError, DraftInput, SourceInput};

use crate::{add_claim, add_source, common_prefix, count, desk, unique_prefix};

#[test]
fn ids_are_distinct_26_character_ulids() {
    let mut desk = desk();
    let s = add_source(&mut desk, "A");
    assert_eq!(s.id.len(), 26, "a ULID is 26 characters: {}", s.id);
    assert!(
        s.id.bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_uppercase()),
        "ids are upper-case Crockford base32: {}",
        s.id
    );
    let other = add_source(&mut desk, "B");
    assert_ne!(
        s.id, other.id,
        "two records made at the same instant still get distinct ids"
    );
}

#[test]
fn a_full_id_a_unique_prefix_and_a_lower_case_prefix_all_resolve() {
    let mut desk = desk();
    let a = add_source(&mut desk, "A");
    let b = add_source(&mut desk, "B");
    let c = add_source(&mut desk, "C");
    let ids = [a.id.as_str(), b.id.as_str(), c.id.as_str()];
    for s in [&a, &b, &c] {
        assert_eq!(
            desk.source(&s.id).unwrap().title,
            s.title,
            "the full id finds the source"
        );
        let prefix = unique_prefix(&s.id, &ids);
        assert!(prefix.len() < s.id.len(), "the test needs a real prefix");
        assert_eq!(
            desk.source(&prefix).unwrap().id,
            s.id,
            "unique prefix {prefix}"
        );
        assert_eq!(
            desk.source(&prefix.to_lowercase()).unwrap().id,
            s.id,
            "ids are case-insensitive as typed"
        );
        assert_eq!(
            desk.source(&format!("  {prefix} ")).unwrap().id,
            s.id,
            "surrounding spaces from a paste are ignored"
        );
    }
}

#[test]
fn prefixes_resolve_claims_and_drafts_too() {
    let mut desk = desk();
    let c1 = add_claim(&mut desk, "one");
    let c2 = add_claim(&mut desk, "two");
    let p = unique_prefix(&c2.id, &[&c1.id, &c2.id]);
    assert_eq!(desk.claim(&p.to_lowercase()).unwrap().text, "two");
    let d = desk
        .add_draft(&DraftInput {
            title: "Draft".into(),
            body: "b".into(),
        })
        .unwrap();
    assert_eq!(desk.draft(&d.id[..12].to_lowercase()).unwrap().id, d.id);
    assert!(
        matches!(
            desk.draft(&c1.id),
            Err(CoreError::NotFound { kind: "draft", .. })
        ),
        "a claim's id does not name a draft"
    );
}

#[test]
fn an_ambiguous_prefix_is_refused_naming_the_candidates() {
    let mut desk = desk();
    let a = add_source(&mut desk, "A");
    let b = add_source(&mut desk, "B");
    let shared = common_prefix(&a.id, &b.id);
    assert!(
        !shared.is_empty(),
        "ids made at the same instant share their time part"
    );
    match desk.source(&shared.to_lowercase()) {
        Err(e @ CoreError::AmbiguousId { .. }) => {
            let CoreError::AmbiguousId {
                kind,
                field,
                prefix,
                candidates,
            } = &e
            else {
                unreachable!()
            };
            assert_eq!(*kind, "source");
            assert_eq!(field, "source", "the error names the input");
            assert_eq!(
                prefix,
                &shared.to_lowercase(),
                "the prefix is echoed as typed"
            );
            assert!(
                candidates.contains(&a.id) && candidates.contains(&b.id),
                "both matching ids are offered: {candidates}"
            );
            assert!(e.to_string().contains("type more of the id"), "{e}");
        }
        other => panic!("a prefix shared by two sources must be ambiguous, got {other:?}"),
    }
}

#[test]
fn an_ambiguous_prefix_lists_at_most_three_candidates() {
    let mut desk = desk();
    let ids: Vec<String> = (0..5)
        .map(|i| add_source(&mut desk, &format!("S{i}")).id)
        .collect();
    // Made at the same instant, they share at least the 10-character time part.
    let shared = &ids[0][..10];
    match desk.source(shared) {
        Err(CoreError::AmbiguousId { candidates, .. }) => {
            let listed = ids
                .iter()
                .filter(|id| candidates.contains(id.as_str()))
                .count();
            assert_eq!(
                listed, 3,
                "three candidates are enough to act on: {candidates}"
            );
            assert!(
                candidates.ends_with('…'),
                "more are marked as more: {candidates}"
            );
        }
        other => panic!("five sources under one prefix must be ambiguous, got {other:?}"),
    }
}

#[test]
fn an_unknown_id_is_not_found() {
    let mut desk = desk();
    let a = add_source(&mut desk, "A");
    // Valid base32 that no ULID of this era starts with.
    for unknown in ["ZZZZ", "7ZZZZZZZZZZZZZZZZZZZZZZZZZ"] {
        match desk.source(unknown) {
            Err(e @ CoreError::NotFound { .. }) => {
                assert_eq!(e.field(), Some("source"));
                assert!(
                    e.to_string().contains(unknown),
                    "the id is echoed back: {e}"
                );
            }
            other => panic!("{unknown} names no source, got {other:?}"),
        }
    }
    let longer = format!("{}0", a.id);
    assert!(
        matches!(desk.source(&longer), Err(CoreError::NotFound { .. })),
        "an id with a character too many is not that id"
    );
    assert!(
        matches!(
            desk.claim(&a.id),
            Err(CoreError::NotFound { kind: "claim", .. })
        ),
        "a source's id does not name a claim"
    );
}

#[test]
fn empty_and_garbage_prefixes_are_not_found_and_harmless() {
    let mut desk = desk();
    add_source(&mut desk, "A");
    add_source(&mut desk, "B");
    for garbage in [
        "",
        "   ",
        "%",
        "_",
        "*",
        "0%",
        "01-",
        "'; DROP TABLE sources; --",
        "\u{0}",
        "한",
    ] {
        assert!(
            matches!(desk.source(garbage), Err(CoreError::NotFound { .. })),
            "{garbage:?} must match nothing (not every source, not an SQL error): {:?}",
            desk.source(garbage)
        );
    }
    assert_eq!(
        count(&desk, "sources"),
        2,
        "a hostile prefix changes nothing"
    );
}

#[test]
fn an_id_input_that_is_blank_means_none_for_optional_links() {
    let mut desk = desk();
    let s = desk
        .add_source(&SourceInput {
            via: Some("   ".into()),
            ..crate::titled("t")
        })
        .expect("a blank via means the source relays nothing");
    assert_eq!(s.via, None);
}
