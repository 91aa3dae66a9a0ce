//! Claims and supersession: a newer claim replaces an older one; supersession never loops.

use factdesk_core::{ClaimInput, ClaimStatus, Confidence, CoreError};

use crate::{add_claim, claim_input, desk, expect_invalid, fixed_now};

#[test]
fn a_new_claim_is_active_with_its_fields_kept() {
    let mut desk = desk();
    let c = desk
        .add_claim(&ClaimInput {
            as_of: Some("2025-05-22".into()),
            topics: vec!["episodes".into(), "cast".into()],
            settled: false,
            ..claim_input("Season 2 will have ten episodes.", Confidence::Corroborated)
        })
        .unwrap();
    assert_eq!(c.status, ClaimStatus::Active, "a new claim starts active");
    assert_eq!(c.superseded_by, None);
    assert_eq!(c.confidence, Confidence::Corroborated);
    assert_eq!(c.as_of.unwrap().to_string(), "2025-05-22");
    assert_eq!(
        c.topics,
        vec!["cast", "episodes"],
        "topics come back sorted"
    );
    assert_eq!(
        c.created_at,
        fixed_now(),
        "times come from the desk's clock"
    );
    assert_eq!(
        desk.claim(&c.id).unwrap(),
        c,
        "what add returns is what is stored"
    );
    assert_eq!(crate::all_claims(&desk), vec![c]);
}

#[test]
fn supersede_marks_the_old_claim_and_points_to_the_new() {
    let mut desk = desk();
    let eight = add_claim(&mut desk, "Season 2 will have eight episodes.");
    let ten = add_claim(&mut desk, "Season 2 will have ten episodes.");
    let old = desk
        .supersede_claim(&eight.id.to_lowercase(), &ten.id[..22])
        .expect("a claim can be superseded by another, named by prefix");
    assert_eq!(old.id, eight.id, "supersede returns the old claim");
    assert_eq!(old.status, ClaimStatus::Superseded);
    assert_eq!(old.superseded_by.as_deref(), Some(ten.id.as_str()));
    assert_eq!(desk.claim(&eight.id).unwrap(), old, "the change is stored");
    let new = desk.claim(&ten.id).unwrap();
    assert_eq!(
        (new.status, new.superseded_by),
        (ClaimStatus::Active, None),
        "the replacing claim is untouched"
    );
}

#[test]
fn a_claim_cannot_supersede_itself() {
    let mut desk = desk();
    let c = add_claim(&mut desk, "c");
    expect_invalid(
        desk.supersede_claim(&c.id, &c.id.to_lowercase()),
        "new",
        "a claim superseding itself",
    );
    assert_eq!(desk.claim(&c.id).unwrap().status, ClaimStatus::Active);
}

#[test]
fn supersession_cannot_loop() {
    let mut desk = desk();
    let a = add_claim(&mut desk, "a");
    let b = add_claim(&mut desk, "b");
    let c = add_claim(&mut desk, "c");
    desk.supersede_claim(&a.id, &b.id).unwrap();
    expect_invalid(
        desk.supersede_claim(&b.id, &a.id),
        "new",
        "B superseded by A while A is superseded by B",
    );
    desk.supersede_claim(&b.id, &c.id).unwrap();
    expect_invalid(
        desk.supersede_claim(&c.id, &a.id),
        "new",
        "C superseded by A closes the loop A → B → C → A",
    );
    let c_now = desk.claim(&c.id).unwrap();
    assert_eq!(
        (c_now.status, c_now.superseded_by),
        (ClaimStatus::Active, None),
        "a refused supersession leaves the claim as it was"
    );
}

#[test]
fn supersede_names_the_unknown_side() {
    let mut desk = desk();
    let c = add_claim(&mut desk, "c");
    let err = desk.supersede_claim("ZZZZ", &c.id).unwrap_err();
    assert!(
        matches!(err, CoreError::NotFound { .. }) && err.field() == Some("old"),
        "{err:?}"
    );
    let err = desk.supersede_claim(&c.id, "ZZZZ").unwrap_err();
    assert!(
        matches!(err, CoreError::NotFound { .. }) && err.field() == Some("new"),
        "{err:?}"
    );
}

#[test]
fn a_claim_becomes_superseded_only_by_naming_its_replacement() {
    let mut desk = desk();
    let c = add_claim(&mut desk, "c");
    expect_invalid(
        desk.update_claim(
            &c.id,
            &ClaimInput {
                status: Some(ClaimStatus::Superseded),
                ..claim_input("c", Confidence::Reported)
            },
        ),
        "status",
        "setting `superseded` without a replacing claim",
    );
    let disputed = desk
        .update_claim(
            &c.id,
            &ClaimInput {
                status: Some(ClaimStatus::Disputed),
                ..claim_input("c, reworded", Confidence::Unverified)
            },
        )
        .unwrap();
    assert_eq!(disputed.status, ClaimStatus::Disputed);
    assert_eq!(disputed.text, "c, reworded");
    assert_eq!(disputed.confidence, Confidence::Unverified);
}

#[test]
fn reactivating_a_superseded_claim_drops_the_pointer() {
    let mut desk = desk();
    let a = add_claim(&mut desk, "a");
    let b = add_claim(&mut desk, "b");
    desk.supersede_claim(&a.id, &b.id).unwrap();
    let kept = desk
        .update_claim(&a.id, &claim_input("a, edited", Confidence::Reported))
        .unwrap();
    assert_eq!(
        (kept.status, kept.superseded_by.as_deref()),
        (ClaimStatus::Superseded, Some(b.id.as_str())),
        "an edit that does not name a status keeps the claim superseded by B"
    );
    let active = desk
        .update_claim(
            &a.id,
            &ClaimInput {
                status: Some(ClaimStatus::Active),
                ..claim_input("a", Confidence::Reported)
            },
        )
        .unwrap();
    assert_eq!(
        (active.status, active.superseded_by),
        (ClaimStatus::Active, None),
        "an active claim points at no replacement"
    );
}
