//! Evidence: a claim linked to a source, with a quote, a locator, a stance and a translation
//! credit; and the claim detail that brings it all back with sources and relay chains.

use factdesk_core::{CoreError, EvidenceInput, SourceInput, Stance};

use crate::{add_claim, add_source, add_source_via, count, desk, expect_invalid, fixed_now};

#[test]
fn linking_needs_a_known_claim_and_source() {
    let mut desk = desk();
    let claim = add_claim(&mut desk, "Renewed.");
    let source = add_source(&mut desk, "Press release");
    let err = desk
        .link_evidence(&EvidenceInput {
            claim: "ZZZZ".into(),
            source: source.id.clone(),
            ..EvidenceInput::default()
        })
        .unwrap_err();
    assert!(
        matches!(err, CoreError::NotFound { kind: "claim", .. }) && err.field() == Some("claim"),
        "an unknown claim names the `claim` input: {err:?}"
    );
    let err = desk
        .link_evidence(&EvidenceInput {
            claim: claim.id.clone(),
            source: "ZZZZ".into(),
            ..EvidenceInput::default()
        })
        .unwrap_err();
    assert!(
        matches!(err, CoreError::NotFound { kind: "source", .. }) && err.field() == Some("source"),
        "an unknown source names the `source` input: {err:?}"
    );
    let err = desk
        .link_evidence(&EvidenceInput {
            claim: source.id.clone(),
            source: claim.id.clone(),
            ..EvidenceInput::default()
        })
        .unwrap_err();
    assert!(
        matches!(err, CoreError::NotFound { .. }),
        "ids swapped between claim and source are not found: {err:?}"
    );
    assert_eq!(count(&desk, "evidence"), 0, "no refused link is stored");
}

#[test]
fn a_translation_credit_needs_the_quote() {
    let mut desk = desk();
    let claim = add_claim(&mut desk, "Filming starts in winter.");
    let source = add_source(&mut desk, "Interview");
    let msg = expect_invalid(
        desk.link_evidence(&EvidenceInput {
            claim: claim.id.clone(),
            source: source.id.clone(),
            translated_by: Some("The Reel Report".into()),
            original_quote: Some("촬영은 올겨울에 시작할 예정입니다.".into()),
            ..EvidenceInput::default()
        }),
        "quote",
        "crediting a translator of no quote",
    );
    assert!(msg.contains("translat"), "{msg}");
    assert_eq!(count(&desk, "evidence"), 0);
}

#[test]
fn claim_detail_brings_evidence_with_its_source_and_chain() {
    let mut desk = desk();
    let interview = desk
        .add_source(&SourceInput {
            outlet: Some("Hanbit Daily".into()),
            language: Some("ko".into()),
            ..crate::titled("Director interview")
        })
        .unwrap();
    let relay = add_source_via(&mut desk, "Report", &interview.id);
    let gossip = add_source(&mut desk, "Gossip column");
    let claim = add_claim(&mut desk, "Filming starts in winter.");
    let other = add_claim(&mut desk, "Unrelated.");

    let translated = desk
        .link_evidence(&EvidenceInput {
            claim: crate::unique_prefix(&claim.id, &[&claim.id, &other.id]).to_lowercase(),
            source: relay.id.clone(),
            quote: Some("Shooting is planned to begin this winter.".into()),
            locator: Some("paragraph 6".into()),
            stance: None,
            translated_by: Some("The Reel Report".into()),
            original_quote: Some("촬영은 올겨울에 시작할 예정입니다.".into()),
            first_party: None,
        })
        .unwrap();
    assert_eq!(
        translated.claim_id, claim.id,
        "the prefix is stored as the full id"
    );
    assert_eq!(
        translated.stance,
        Stance::Supports,
        "evidence supports unless told otherwise"
    );
    assert_eq!(translated.created_at, fixed_now());
    let against = desk
        .link_evidence(&EvidenceInput {
            claim: claim.id.clone(),
            source: gossip.id.clone(),
            quote: Some("Production is on hold.".into()),
            stance: Some(Stance::Contradicts),
            ..EvidenceInput::default()
        })
        .unwrap();

    let detail = desk.claim_detail(&claim.id).unwrap();
    assert_eq!(detail.claim, desk.claim(&claim.id).unwrap());
    assert_eq!(
        detail.evidence.len(),
        2,
        "both links, and nothing of the other claim"
    );
    let t = detail
        .evidence
        .iter()
        .find(|e| e.evidence.id == translated.id)
        .expect("the translated quote is in the detail");
    assert_eq!(t.evidence, translated, "the evidence comes back as stored");
    assert_eq!(t.source, relay, "with its source");
    assert_eq!(
        t.via_chain
            .iter()
            .map(|s| s.id.as_str())
            .collect::<Vec<_>>(),
        vec![interview.id.as_str()],
        "and the chain that source relays"
    );
    assert_eq!(t.evidence.translated_by.as_deref(), Some("The Reel Report"));
    assert_eq!(
        t.evidence.original_quote.as_deref(),
        Some("촬영은 올겨울에 시작할 예정입니다.")
    );
    assert_eq!(t.evidence.locator.as_deref(), Some("paragraph 6"));
    let g = detail
        .evidence
        .iter()
        .find(|e| e.evidence.id == against.id)
        .expect("the contradicting link is in the detail");
    assert_eq!(g.evidence.stance, Stance::Contradicts);
    assert_eq!(g.source.id, gossip.id);
    assert!(g.via_chain.is_empty(), "an origin has no chain");

    assert!(desk.claim_detail(&other.id).unwrap().evidence.is_empty());
    let mut cited: Vec<String> = desk.source_detail(&relay.id).unwrap().cited_by;
    cited.sort();
    assert_eq!(
        cited,
        vec![claim.id.clone()],
        "the source knows which claims cite it"
    );
}

#[test]
fn the_same_source_may_back_a_claim_twice_and_unlinking_removes_one() {
    let mut desk = desk();
    let claim = add_claim(&mut desk, "c");
    let source = add_source(&mut desk, "s");
    let link = |desk: &mut factdesk_core::Desk, locator: &str| {
        desk.link_evidence(&EvidenceInput {
            claim: claim.id.clone(),
            source: source.id.clone(),
            locator: Some(locator.into()),
            ..EvidenceInput::default()
        })
        .unwrap()
    };
    let first = link(&mut desk, "p. 1");
    let second = link(&mut desk, "p. 9");
    assert_eq!(desk.evidence_for(&claim.id).unwrap().len(), 2);
    assert_eq!(
        desk.source_detail(&source.id).unwrap().cited_by,
        vec![claim.id.clone()],
        "a claim citing one source twice is listed once"
    );
    desk.unlink_evidence(&first.id).unwrap();
    let left = desk.evidence_for(&claim.id).unwrap();
    assert_eq!(
        left,
        vec![second],
        "unlinking removes exactly the named link"
    );
    assert!(matches!(
        desk.unlink_evidence(&first.id),
        Err(CoreError::NotFound {
            kind: "evidence",
            ..
        })
    ));
}

#[test]
fn evidence_counts_give_distinct_sources_and_supporting_pieces_per_claim() {
    let mut desk = desk();
    let backed = add_claim(&mut desk, "backed");
    let bare = add_claim(&mut desk, "bare");
    let (a, b) = (add_source(&mut desk, "a"), add_source(&mut desk, "b"));
    let link = |desk: &mut factdesk_core::Desk, source: &str, stance: Stance| {
        desk.link_evidence(&EvidenceInput {
            claim: backed.id.clone(),
            source: source.into(),
            stance: Some(stance),
            ..EvidenceInput::default()
        })
        .unwrap();
    };
    link(&mut desk, &a.id, Stance::Supports);
    link(&mut desk, &a.id, Stance::Supports);
    link(&mut desk, &b.id, Stance::Contradicts);

    let ids = vec![
        bare.id.clone(),
        backed.id.clone(),
        "01NOSUCHCLAIM".to_string(),
        backed.id.clone(),
    ];
    let counts = desk.evidence_counts(&ids).unwrap();
    let mut got: Vec<(&str, u32, u32)> = counts
        .iter()
        .map(|c| (c.claim_id.as_str(), c.sources, c.supporting))
        .collect();
    // An unknown id is left out, a repeated one counted once; a claim without evidence is there.
    // (Both claims are of one instant, which a team desk orders by id and a desk file by
    // insertion: the counts are looked up by claim, so only what they say is compared.)
    got.sort();
    let mut want = vec![(backed.id.as_str(), 2, 2), (bare.id.as_str(), 0, 0)];
    want.sort();
    assert_eq!(got, want);
    assert!(desk.evidence_counts(&[]).unwrap().is_empty());
}
