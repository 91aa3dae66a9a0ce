//! The sample desk shows every feature a new user should see: reliability levels, a relay chain,
//! a translated quote, every confidence level and a draft whose spans point at real claims.

use std::collections::BTreeSet;

use factdesk_core::{ClaimStatus, Confidence, Desk, Reliability};

use crate::{count, desk};

fn loaded() -> Desk {
    let mut desk = desk();
    desk.load_sample()
        .expect("the sample loads into an empty desk");
    desk
}

/// The claim ids of every `{claim=ID}` span in a Markdown body.
fn span_ids(body: &str) -> Vec<String> {
    body.split("{claim=")
        .skip(1)
        .map(|rest| {
            rest.split('}')
                .next()
                .expect("a span attribute is closed")
                .to_string()
        })
        .collect()
}

#[test]
fn the_summary_matches_what_was_stored() {
    let mut desk = desk();
    let summary = desk.load_sample().unwrap();
    assert_eq!(i64::from(summary.sources), count(&desk, "sources"));
    assert_eq!(i64::from(summary.claims), count(&desk, "claims"));
    assert_eq!(i64::from(summary.evidence), count(&desk, "evidence"));
    assert_eq!(count(&desk, "drafts"), 1, "one draft");
    assert_eq!(desk.draft(&summary.draft.id).unwrap(), summary.draft);
    assert!(!desk.is_empty().unwrap());
    assert!(summary.sources >= 3 && summary.claims >= 5 && summary.evidence >= 5);
}

#[test]
fn sources_span_several_reliability_levels() {
    let desk = loaded();
    let levels: BTreeSet<Reliability> = crate::all_sources(&desk)
        .iter()
        .map(|s| s.reliability)
        .collect();
    assert!(
        levels.contains(&Reliability::High)
            && levels.contains(&Reliability::Medium)
            && levels.contains(&Reliability::Low),
        "the sample shows high, medium and low reliability: {levels:?}"
    );
}

#[test]
fn a_relay_chain_of_at_least_two_hops() {
    let desk = loaded();
    let longest = crate::all_sources(&desk)
        .iter()
        .map(|s| desk.source_detail(&s.id).unwrap().via_chain.len())
        .max()
        .unwrap();
    assert!(
        longest >= 2,
        "some source relays a relay; longest chain is {longest}"
    );
}

#[test]
fn a_translated_quote_with_its_original() {
    let desk = loaded();
    let translated: Vec<_> = crate::all_claims(&desk)
        .iter()
        .flat_map(|c| desk.claim_detail(&c.id).unwrap().evidence)
        .filter(|e| e.evidence.translated_by.is_some())
        .collect();
    assert!(!translated.is_empty(), "the sample credits a translation");
    for e in &translated {
        assert!(
            e.evidence.quote.is_some(),
            "a translation credit comes with the quote"
        );
        assert!(
            e.evidence.original_quote.is_some(),
            "and the words in the original language"
        );
    }
}

#[test]
fn claims_at_every_confidence_level() {
    let desk = loaded();
    let levels: BTreeSet<Confidence> = crate::all_claims(&desk)
        .iter()
        .map(|c| c.confidence)
        .collect();
    let all: BTreeSet<Confidence> = Confidence::ALL.iter().copied().collect();
    assert_eq!(
        levels, all,
        "every rung of the confidence ladder has an example"
    );
}

#[test]
fn the_sample_shows_supersession_and_contradiction() {
    let desk = loaded();
    let claims = crate::all_claims(&desk);
    let superseded: Vec<_> = claims
        .iter()
        .filter(|c| c.status == ClaimStatus::Superseded)
        .collect();
    assert!(
        !superseded.is_empty(),
        "one claim is superseded by a newer one"
    );
    for c in superseded {
        let by = c
            .superseded_by
            .as_deref()
            .expect("a superseded claim names its replacement");
        assert!(desk.claim(by).is_ok(), "the replacement exists");
    }
    let contradicted = claims.iter().any(|c| {
        desk.claim_detail(&c.id)
            .unwrap()
            .evidence
            .iter()
            .any(|e| e.evidence.stance == factdesk_core::Stance::Contradicts)
    });
    assert!(contradicted, "one claim has contradicting evidence");
}

#[test]
fn the_draft_marks_claims_that_exist() {
    let desk = loaded();
    let drafts = desk.drafts().unwrap();
    assert_eq!(drafts.len(), 1);
    let draft = desk.draft(&drafts[0].id).unwrap();
    let ids = span_ids(&draft.body);
    assert!(ids.len() >= 3, "the draft marks several claims: {ids:?}");
    for id in &ids {
        let claim = desk
            .claim(id)
            .unwrap_or_else(|e| panic!("span {{claim={id}}} must name a claim: {e}"));
        assert_eq!(&claim.id, id, "spans carry full ids, not prefixes");
        assert_ne!(
            claim.status,
            ClaimStatus::Superseded,
            "the sample draft cites current claims, not replaced ones"
        );
    }
    assert!(
        draft.body.contains(&format!("]{{claim={}}}", ids[0])),
        "spans are Pandoc bracketed spans"
    );
}

#[test]
fn the_sample_records_its_history_and_loads_only_once() {
    let mut desk = loaded();
    let sources = crate::all_sources(&desk);
    for s in &sources {
        let h = desk
            .history(factdesk_core::RecordKind::Source, &s.id)
            .unwrap();
        assert_eq!(h.first().map(|r| r.action.as_str()), Some("create"));
    }
    let before = count(&desk, "sources");
    assert!(
        desk.load_sample().is_err(),
        "a second load would duplicate the sample"
    );
    assert_eq!(count(&desk, "sources"), before);
}
