//! Relay chains ("outlet C, citing outlet B, citing interview A"): their order, the refusal of
//! loops, and sources that cannot be deleted while others depend on them.

use factdesk_core::{CoreError, EvidenceInput, Source, SourceInput};

use crate::{add_claim, add_source, add_source_via, count, desk, expect_invalid, titled};

fn ids(chain: &[Source]) -> Vec<&str> {
    chain.iter().map(|s| s.id.as_str()).collect()
}

#[test]
fn via_chain_runs_from_the_nearest_relay_to_the_origin() {
    let mut desk = desk();
    let origin = add_source(&mut desk, "Interview with the director");
    let relay = add_source_via(&mut desk, "Outlet report", &origin.id);
    let relay2 = add_source_via(&mut desk, "Roundup", &relay.id);

    assert_eq!(
        ids(&desk.via_chain(&relay2).unwrap()),
        vec![relay.id.as_str(), origin.id.as_str()],
        "a roundup citing a report citing an interview lists the report first, the interview last"
    );
    assert_eq!(
        ids(&desk.via_chain(&relay).unwrap()),
        vec![origin.id.as_str()]
    );
    assert!(
        desk.via_chain(&origin).unwrap().is_empty(),
        "an origin relays nothing"
    );

    let detail = desk.source_detail(&relay2.id).unwrap();
    assert_eq!(
        detail.source, relay2,
        "the detail carries the source itself"
    );
    let chain: Vec<(&str, &str)> = detail
        .via_chain
        .iter()
        .map(|r| (r.id.as_str(), r.title.as_str()))
        .collect();
    assert_eq!(
        chain,
        vec![
            (relay.id.as_str(), "Outlet report"),
            (origin.id.as_str(), "Interview with the director")
        ]
    );
    assert!(desk.source_detail(&origin.id).unwrap().via_chain.is_empty());
}

#[test]
fn via_accepts_a_unique_lower_case_prefix_and_refuses_unknown_or_ambiguous_ones() {
    let mut desk = desk();
    let a = add_source(&mut desk, "A");
    let b = add_source(&mut desk, "B");
    let prefix = crate::unique_prefix(&a.id, &[&a.id, &b.id]).to_lowercase();
    let relay = add_source_via(&mut desk, "Relay", &prefix);
    assert_eq!(
        relay.via.as_deref(),
        Some(a.id.as_str()),
        "the prefix is stored as the full id"
    );

    let before = count(&desk, "sources");
    let err = desk
        .add_source(&SourceInput {
            via: Some("ZZZZ".into()),
            ..titled("Relay of nothing")
        })
        .unwrap_err();
    assert!(
        matches!(&err, CoreError::NotFound { .. }) && err.field() == Some("via"),
        "an unknown via names the `via` field: {err:?}"
    );
    let shared = crate::common_prefix(&a.id, &b.id);
    let err = desk
        .add_source(&SourceInput {
            via: Some(shared),
            ..titled("Relay of which?")
        })
        .unwrap_err();
    assert!(
        matches!(&err, CoreError::AmbiguousId { .. }) && err.field() == Some("via"),
        "an ambiguous via names the `via` field: {err:?}"
    );
    assert_eq!(
        count(&desk, "sources"),
        before,
        "a refused relay is not stored"
    );
}

#[test]
fn a_relay_loop_is_refused_on_update() {
    let mut desk = desk();
    let a = add_source(&mut desk, "A");
    let b = add_source_via(&mut desk, "B", &a.id);

    let msg = expect_invalid(
        desk.update_source(
            &a.id,
            &SourceInput {
                via: Some(b.id.clone()),
                ..titled("A")
            },
        ),
        "via",
        "A via B while B is via A would loop",
    );
    assert!(msg.contains("loop"), "{msg}");
    assert_eq!(
        desk.source(&a.id).unwrap(),
        a,
        "a refused update leaves A as it was"
    );
    assert!(
        desk.source_detail(&b.id).is_ok(),
        "B's chain still resolves"
    );
}

#[test]
fn a_longer_relay_loop_is_refused_too() {
    let mut desk = desk();
    let a = add_source(&mut desk, "A");
    let b = add_source_via(&mut desk, "B", &a.id);
    let c = add_source_via(&mut desk, "C", &b.id);
    expect_invalid(
        desk.update_source(
            &a.id,
            &SourceInput {
                via: Some(c.id.clone()),
                ..titled("A")
            },
        ),
        "via",
        "A via C via B via A would loop",
    );
    assert_eq!(
        desk.via_chain(&c).unwrap().len(),
        2,
        "C's chain is untouched"
    );
}

#[test]
fn a_source_cannot_relay_itself() {
    let mut desk = desk();
    let a = add_source(&mut desk, "A");
    expect_invalid(
        desk.update_source(
            &a.id,
            &SourceInput {
                via: Some(a.id.to_lowercase()),
                ..titled("A")
            },
        ),
        "via",
        "a source relaying itself",
    );
    assert_eq!(desk.source(&a.id).unwrap().via, None);
}

#[test]
fn update_source_replaces_fields_and_may_rewire_a_relay() {
    let mut desk = desk();
    let a = add_source(&mut desk, "A");
    let b = add_source(&mut desk, "B");
    let c = add_source_via(&mut desk, "C", &a.id);
    let updated = desk
        .update_source(
            &c.id[..20],
            &SourceInput {
                outlet: Some("The Reel Report".into()),
                via: Some(b.id.clone()),
                ..titled("C, corrected")
            },
        )
        .expect("C may relay B instead of A");
    assert_eq!(updated.id, c.id, "an update keeps the id");
    assert_eq!(updated.title, "C, corrected");
    assert_eq!(updated.outlet.as_deref(), Some("The Reel Report"));
    assert_eq!(ids(&desk.via_chain(&updated).unwrap()), vec![b.id.as_str()]);
    let cleared = desk.update_source(&c.id, &titled("C")).unwrap();
    assert_eq!(
        cleared.via, None,
        "an update replaces every field, so no via means none"
    );
    assert_eq!(cleared.outlet, None);
}

#[test]
fn a_relayed_source_cannot_be_deleted() {
    let mut desk = desk();
    let origin = add_source(&mut desk, "Origin");
    let relay = add_source_via(&mut desk, "Relay", &origin.id);
    let msg = expect_invalid(
        desk.delete_source(&origin.id),
        "source",
        "deleting a source another relays",
    );
    assert!(msg.contains("relayed or cited"), "{msg}");
    assert_eq!(
        desk.source(&origin.id).unwrap(),
        origin,
        "the origin is still there"
    );
    assert_eq!(
        desk.via_chain(&relay).unwrap().len(),
        1,
        "and the chain still resolves"
    );
}

#[test]
fn a_cited_source_cannot_be_deleted_until_unlinked() {
    let mut desk = desk();
    let source = add_source(&mut desk, "Press release");
    let claim = add_claim(&mut desk, "Renewed.");
    let ev = desk
        .link_evidence(&EvidenceInput {
            claim: claim.id.clone(),
            source: source.id.clone(),
            ..EvidenceInput::default()
        })
        .unwrap();
    assert_eq!(
        desk.source_detail(&source.id).unwrap().cited_by,
        vec![claim.id.clone()]
    );
    expect_invalid(
        desk.delete_source(&source.id),
        "source",
        "deleting a cited source",
    );
    assert_eq!(
        desk.evidence_for(&claim.id).unwrap().len(),
        1,
        "the evidence survives"
    );

    desk.unlink_evidence(&ev.id).unwrap();
    desk.delete_source(&source.id)
        .expect("once nothing cites it, the source can go");
    assert!(
        matches!(desk.source(&source.id), Err(CoreError::NotFound { .. })),
        "a deleted source is gone"
    );
}

#[test]
fn once_its_relay_is_deleted_an_origin_can_be_deleted() {
    let mut desk = desk();
    let origin = add_source(&mut desk, "Origin");
    let relay = add_source_via(&mut desk, "Relay", &origin.id);
    desk.delete_source(&relay.id).unwrap();
    desk.delete_source(&origin.id)
        .expect("nothing relays the origin any more");
    assert_eq!(count(&desk, "sources"), 0);
}
