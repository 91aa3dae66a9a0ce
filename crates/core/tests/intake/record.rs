//! Intake, phase 2: an article recorded as a source with pending candidates; accepting and
//! rejecting them.

use chrono::{TimeZone, Utc};
use factdesk_core::intake::record::{Acceptance, CandidateState};
use factdesk_core::intake::{Article, LinkKind};
use factdesk_core::{
    ClaimFilter, ClaimInput, Confidence, CoreError, Desk, FixedClock, PartialDate,
};

fn desk() -> Desk {
    Desk::open_in_memory().unwrap().with_clock(FixedClock(
        Utc.with_ymd_and_hms(2025, 6, 2, 9, 30, 0).unwrap(),
    ))
}

const TEXT: &str = "\
# 'River Lanterns' may get a second season

By Mina Seo

On June 1, Star Daily reported, citing an industry insider, that the cast of River Lanterns had been offered new contracts.

Crescent Pictures said in a statement that actor Han Yu-ri will lead the second season.

The first season of River Lanterns ended on May 4 with a rating of 12.3 percent.

Is it the best drama of the year?
";

fn article() -> Article {
    Article {
        text: format!("\n\n{TEXT}\n\n"),
        outlet: "Harbor Ent".into(),
        title: "River Lanterns may return".into(),
        url: Some("https://harbor.example/river-lanterns".into()),
        published: Some(PartialDate::parse("published", "2025-06-02").unwrap()),
        language: Some("en".into()),
    }
}

fn claim_count(desk: &Desk) -> u64 {
    desk.count_claims(&ClaimFilter::default()).unwrap()
}

#[test]
fn intake_records_the_source_and_keeps_candidates_pending_without_claims() {
    let mut desk = desk();
    let got = desk.intake(&article(), false).unwrap();
    let kept = got.source.kept_text.clone().unwrap();
    assert_eq!(
        kept,
        TEXT.trim(),
        "the article's text is kept as pasted, trimmed"
    );
    assert!(
        got.source.kept_text_sha256.is_some(),
        "the kept text is hashed"
    );
    assert_eq!(got.source.outlet.as_deref(), Some("Harbor Ent"));
    assert_eq!(got.source.kind.as_str(), "outlet");
    assert_eq!(got.candidates.len(), 3, "{:#?}", got.candidates);
    for c in &got.candidates {
        assert_eq!(
            &kept[c.start..c.end],
            c.sentence,
            "candidates point into the kept text"
        );
        assert_eq!(c.state, CandidateState::Pending);
    }
    assert_eq!(claim_count(&desk), 0, "intake creates no claim");
    let listed = desk.candidates(Some(&got.source.id)).unwrap();
    assert_eq!(
        listed, got.candidates,
        "the desk lists what intake returned"
    );
    let relayed = &got.candidates[0];
    assert_eq!(
        relayed
            .attribution
            .iter()
            .map(|l| (l.kind, l.name.as_str()))
            .collect::<Vec<_>>(),
        vec![
            (LinkKind::Outlet, "Star Daily"),
            (LinkKind::Anonymous, "an industry insider")
        ]
    );
    assert_eq!(
        relayed.suggested_confidence,
        Some(Confidence::Unverified),
        "an insider relayed by an outlet stays as credible as the insider: relays never raise it"
    );
    assert_eq!(
        got.candidates[1].suggested_confidence,
        Some(Confidence::Confirmed),
        "the studio's own statement"
    );
}

#[test]
fn a_dry_run_shows_the_candidates_and_keeps_nothing() {
    let mut desk = desk();
    let got = desk.intake(&article(), true).unwrap();
    assert!(got.dry_run);
    assert_eq!(got.candidates.len(), 3);
    assert!(
        desk.source(&got.source.id).is_err(),
        "a dry run records no source"
    );
    assert!(desk.candidates(None).unwrap().is_empty(), "nor candidates");
}

#[test]
fn accepting_creates_the_claim_relays_and_evidence_once() {
    let mut desk = desk();
    let got = desk.intake(&article(), false).unwrap();
    let relayed = &got.candidates[0];
    let accepted = desk
        .accept_candidate(&relayed.id, &Acceptance::default())
        .unwrap();
    assert_eq!(accepted.claim.text, relayed.text);
    assert_eq!(accepted.claim.confidence, Confidence::Unverified);
    assert_eq!(accepted.candidate.state, CandidateState::Accepted);
    assert_eq!(
        accepted.candidate.claim_id.as_deref(),
        Some(accepted.claim.id.as_str())
    );
    let detail = desk.claim_detail(&accepted.claim.id).unwrap();
    assert_eq!(detail.evidence.len(), 1);
    let ev = &detail.evidence[0];
    assert_eq!(ev.evidence.quote.as_deref(), Some(relayed.quote.as_str()));
    let chain: Vec<&str> = ev.via_chain.iter().map(|s| s.title.as_str()).collect();
    assert_eq!(
        chain,
        vec!["Star Daily", "an industry insider"],
        "the evidence's source relays the chain the sentence names"
    );
    assert_eq!(ev.source.outlet.as_deref(), Some("Harbor Ent"));
    let again = desk
        .accept_candidate(&relayed.id, &Acceptance::default())
        .unwrap_err();
    assert_eq!(again.field(), Some("candidate"), "{again}");
    assert_eq!(claim_count(&desk), 1, "a candidate is accepted once");

    // A second candidate citing the same chain reuses its sources.
    let more = desk
        .intake(
            &Article {
                text:
                    "Star Daily reported, citing an industry insider, that filming starts in July."
                        .into(),
                ..article()
            },
            false,
        )
        .unwrap();
    let second = desk
        .accept_candidate(&more.candidates[0].id, &Acceptance::default())
        .unwrap();
    assert!(
        second
            .created_sources
            .iter()
            .all(|s| s.title != "Star Daily"),
        "Star Daily is matched, not created again: {:?}",
        second.created_sources
    );
}

#[test]
fn accepting_with_edits_or_as_evidence_to_an_existing_claim() {
    let mut desk = desk();
    let existing = desk
        .add_claim(&ClaimInput {
            text: "Han Yu-ri leads the second season of River Lanterns.".into(),
            confidence: Confidence::Reported,
            as_of: None,
            status: None,
            topics: Vec::new(),
            settled: false,
        })
        .unwrap();
    let got = desk.intake(&article(), false).unwrap();
    let statement = &got.candidates[1];
    assert_eq!(
        statement
            .duplicates
            .iter()
            .map(|d| d.claim_id.as_str())
            .collect::<Vec<_>>(),
        vec![existing.id.as_str()],
        "the claim worded apart is offered as a duplicate"
    );
    let added = desk
        .accept_candidate(
            &statement.id[..20],
            &Acceptance {
                evidence_to: Some(existing.id.clone()),
                ..Acceptance::default()
            },
        )
        .unwrap();
    assert_eq!(added.claim.id, existing.id);
    assert_eq!(
        claim_count(&desk),
        1,
        "evidence to an existing claim creates no claim"
    );
    assert_eq!(desk.claim_detail(&existing.id).unwrap().evidence.len(), 1);

    let ratings = &got.candidates[2];
    let edited = desk
        .accept_candidate(
            &ratings.id,
            &Acceptance {
                confidence: Some(Confidence::Corroborated),
                text: Some("River Lanterns' first season ended at 12.3 percent.".into()),
                evidence_to: None,
            },
        )
        .unwrap();
    assert_eq!(edited.claim.confidence, Confidence::Corroborated);
    assert_eq!(
        edited.claim.text,
        "River Lanterns' first season ended at 12.3 percent."
    );
    assert_eq!(
        edited.claim.as_of.map(|d| d.to_string()).as_deref(),
        Some("2025-06-02")
    );
}

#[test]
fn a_failed_accept_writes_nothing_and_reject_sets_aside() {
    let mut desk = desk();
    let got = desk.intake(&article(), false).unwrap();
    let sources_before = desk.count_sources(&Default::default()).unwrap();
    let err = desk
        .accept_candidate(
            &got.candidates[0].id,
            &Acceptance {
                evidence_to: Some("0000NOSUCHCLAIM".into()),
                ..Acceptance::default()
            },
        )
        .unwrap_err();
    assert!(matches!(err, CoreError::NotFound { .. }), "{err}");
    assert_eq!(err.field(), Some("evidence_to"));
    assert_eq!(
        desk.count_sources(&Default::default()).unwrap(),
        sources_before,
        "no relay source survives a failed accept"
    );
    assert_eq!(
        desk.candidate(&got.candidates[0].id).unwrap().state,
        CandidateState::Pending
    );

    let rejected = desk.reject_candidate(&got.candidates[0].id).unwrap();
    assert_eq!(rejected.state, CandidateState::Rejected);
    assert_eq!(claim_count(&desk), 0);
    let pending: Vec<String> = desk
        .candidates(None)
        .unwrap()
        .into_iter()
        .map(|c| c.id)
        .collect();
    assert!(
        !pending.contains(&rejected.id),
        "a rejected candidate leaves the pending list"
    );
    assert_eq!(
        desk.accept_candidate(&rejected.id, &Acceptance::default())
            .unwrap_err()
            .field(),
        Some("candidate")
    );
}

#[test]
fn an_empty_article_is_refused_by_field() {
    let mut desk = desk();
    let err = desk
        .intake(
            &Article {
                text: "  \n".into(),
                ..article()
            },
            false,
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("text"));
    let err = desk
        .intake(
            &Article {
                title: " ".into(),
                ..article()
            },
            false,
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("title"));
}

#[test]
fn names_are_matched_to_the_desks_people_by_alias_variant_and_hangul() {
    use factdesk_core::people::PersonInput;
    let mut desk = desk();
    let han = desk
        .add_person(&PersonInput {
            name: "Han Yu-ri".into(),
            hangul: Some("한유리".into()),
            aliases: vec!["Hahn Yuri".into()],
        })
        .unwrap();
    let jung = desk
        .add_person(&PersonInput {
            name: "Jung Tae-oh".into(),
            hangul: None,
            aliases: vec![],
        })
        .unwrap();
    let text = "\
Crescent Pictures said in a statement that Hahn Yuri will lead the second season.

Director Jeong Tae-oh will film the new episodes in Busan from August, the studio said.

The studio quoted the actress: \"한유리가 주연을 맡는다.\" (\"Yu-ri takes the lead role.\")

Kim Bo-ra, who is new to the desk, joins the cast as a detective, the studio said.
";
    let got = desk
        .intake(
            &Article {
                text: text.into(),
                ..article()
            },
            true,
        )
        .unwrap();
    let named = |words: &str| {
        got.candidates
            .iter()
            .find(|c| c.sentence.contains(words))
            .unwrap_or_else(|| panic!("a candidate holds {words}: {:#?}", got.candidates))
    };
    let people = |words: &str| {
        named(words)
            .people
            .iter()
            .map(|p| (p.person_id.clone(), p.written.clone()))
            .collect::<Vec<_>>()
    };

    assert_eq!(
        people("Hahn Yuri"),
        vec![(han.id.clone(), "Hahn Yuri".into())],
        "a listed alias"
    );
    assert!(
        named("Hahn Yuri").text.contains("Han Yu-ri") && !named("Hahn Yuri").text.contains("Hahn"),
        "the claim text takes the desk's spelling: {}",
        named("Hahn Yuri").text
    );
    assert!(
        named("Hahn Yuri").sentence.contains("Hahn Yuri"),
        "the sentence stays as written"
    );
    assert_eq!(
        people("Jeong Tae-oh"),
        vec![(jung.id.clone(), "Jeong Tae-oh".into())],
        "a romanisation variant"
    );
    assert!(named("Jeong Tae-oh").text.contains("Jung Tae-oh"));
    assert_eq!(
        people("Yu-ri takes"),
        vec![(han.id.clone(), "한유리".into())],
        "the Hangul name, with its particle"
    );
    assert!(
        people("Kim Bo-ra").is_empty(),
        "someone the desk does not list is not matched"
    );
}
