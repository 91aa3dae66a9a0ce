//! Edits made from an older view of a record: two editors open the same claim or source, both
//! save. A field only one of them changed keeps that change; a field both changed refuses the
//! later save, naming the field and both values, and writes nothing.

use factdesk_core::{ClaimPatch, Confidence, CoreError, RecordKind, SourceInput, SourcePatch};

use crate::{act_as, add_claim, add_source, claim_input, desk};

#[test]
fn a_stale_form_keeps_the_other_editors_change_to_a_field_it_did_not_touch() {
    let mut d = desk();
    let seen = add_claim(&mut d, "The season has eight episodes.");
    // Mina saves a new text; Jae, who opened the claim before, then raises the confidence.
    act_as(&mut d, "mina");
    let mut mina = claim_input("The season has ten episodes.", Confidence::Reported);
    d.edit_claim(
        &seen.id,
        &ClaimPatch::from_form(&mina, Some(seen.version)),
        None,
    )
    .unwrap();
    act_as(&mut d, "jae");
    let jae = claim_input(&seen.text, Confidence::Corroborated);
    let after = d
        .edit_claim(
            &seen.id,
            &ClaimPatch::from_form(&jae, Some(seen.version)),
            None,
        )
        .unwrap();
    assert_eq!(
        (after.text.as_str(), after.confidence),
        ("The season has ten episodes.", Confidence::Corroborated),
        "Jae's form still showed the old text: Mina's new text must stay"
    );
    assert_eq!(after.version, seen.version + 2);

    // Mina, still on her first version, now changes the confidence Jae changed: refused.
    mina.confidence = Confidence::Confirmed;
    let history_before = d.history(RecordKind::Claim, &seen.id).unwrap();
    let err = d
        .edit_claim(
            &seen.id,
            &ClaimPatch::from_form(&mina, Some(seen.version + 1)),
            None,
        )
        .unwrap_err();
    match &err {
        CoreError::Conflict(c) => {
            assert_eq!(c.field, "confidence");
            assert_eq!(c.theirs, "\"corroborated\"");
            assert_eq!(c.yours, "\"confirmed\"");
            assert_eq!(c.by, "jae");
        }
        other => panic!("a conflict was expected, got {other}"),
    }
    assert!(err.to_string().starts_with("confidence: "), "{err}");
    assert_eq!(
        d.claim(&seen.id).unwrap(),
        after,
        "a refused edit writes nothing"
    );
    assert_eq!(
        d.history(RecordKind::Claim, &seen.id).unwrap(),
        history_before,
        "and records nothing"
    );
}

#[test]
fn the_same_value_typed_by_both_editors_is_no_conflict() {
    let mut d = desk();
    let seen = add_claim(&mut d, "Filming starts in May.");
    let both = claim_input("Filming starts in June.", Confidence::Reported);
    d.edit_claim(
        &seen.id,
        &ClaimPatch::from_form(&both, Some(seen.version)),
        None,
    )
    .unwrap();
    let again = d
        .edit_claim(
            &seen.id,
            &ClaimPatch::from_form(&both, Some(seen.version)),
            None,
        )
        .unwrap();
    assert_eq!(again.text, "Filming starts in June.");
    assert_eq!(
        again.version,
        seen.version + 1,
        "nothing changed the second time"
    );
}

#[test]
fn a_version_the_claim_never_had_is_refused() {
    let mut d = desk();
    let seen = add_claim(&mut d, "Filming starts in May.");
    let input = claim_input("Filming starts in June.", Confidence::Reported);
    let err = d
        .edit_claim(&seen.id, &ClaimPatch::from_form(&input, Some(7)), None)
        .unwrap_err();
    assert_eq!(err.field(), Some("version"), "{err}");
}

#[test]
fn a_patch_changes_only_the_fields_it_names() {
    let mut d = desk();
    let mut input = claim_input("The cast returns.", Confidence::Reported);
    input.topics = vec!["cast".into()];
    input.as_of = Some("2025-05".into());
    let c = d.add_claim(&input).unwrap();
    let after = d
        .edit_claim(
            &c.id,
            &ClaimPatch {
                confidence: Some(Confidence::Confirmed),
                ..ClaimPatch::default()
            },
            None,
        )
        .unwrap();
    assert_eq!(after.confidence, Confidence::Confirmed);
    assert_eq!(
        (after.text, after.topics, after.as_of.map(|d| d.to_string())),
        (c.text, c.topics, Some("2025-05".to_string())),
        "fields the patch does not name stay as they were"
    );
}

#[test]
fn two_editors_changing_one_source_title_conflict_and_other_fields_merge() {
    let mut d = desk();
    let seen = add_source(&mut d, "Renewal announced");
    let form = |title: &str, outlet: Option<&str>| SourceInput {
        title: title.into(),
        outlet: outlet.map(Into::into),
        ..SourceInput::default()
    };
    act_as(&mut d, "mina");
    d.edit_source(
        &seen.id,
        &SourcePatch::from_form(&form("Renewal announced", Some("Streamline")), Some(1)),
    )
    .unwrap();
    act_as(&mut d, "jae");
    let merged = d
        .edit_source(
            &seen.id,
            &SourcePatch::from_form(&form("Season two renewal announced", None), Some(1)),
        )
        .unwrap();
    assert_eq!(
        (merged.title.as_str(), merged.outlet.as_deref()),
        ("Season two renewal announced", Some("Streamline")),
        "Jae changed the title and left the outlet he saw empty: Mina's outlet stays"
    );
    act_as(&mut d, "mina");
    let err = d
        .edit_source(
            &seen.id,
            &SourcePatch::from_form(&form("Renewal confirmed", Some("Streamline")), Some(2)),
        )
        .unwrap_err();
    assert!(
        matches!(&err, CoreError::Conflict(c) if c.field == "title" && c.by == "jae"),
        "{err}"
    );
    assert_eq!(d.source(&seen.id).unwrap(), merged, "nothing was written");
}
