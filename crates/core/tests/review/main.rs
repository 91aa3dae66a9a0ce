//! Editor review on a realistic season-2 explainer: every finding kind is raised where it should
//! be and not where it should not; provenance collapses relayed reports to their origin; the
//! suggestion rules; overrides; sign-off and its reset; the publication gate; the audit history.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;

use chrono::{TimeZone, Utc};
use factdesk_core::checks::draft::{Finding, FindingKind};
use factdesk_core::export::ExportFormat;
use factdesk_core::reviews::ReviewState;
use factdesk_core::{
    ClaimInput, ClaimPatch, ClaimStatus, Confidence, CoreError, Desk, DraftInput, EvidenceInput,
    FixedClock, RecordKind, Reliability, SourceInput, SourceKind, Stance,
};

struct Fixture {
    desk: Desk,
    draft: String,
    ids: HashMap<&'static str, String>,
}

fn source(
    desk: &mut Desk,
    title: &str,
    kind: SourceKind,
    rel: Reliability,
    via: Option<&str>,
) -> String {
    desk.add_source(&SourceInput {
        title: title.into(),
        outlet: Some(title.split(':').next().unwrap().into()),
        kind: Some(kind),
        reliability: Some(rel),
        via: via.map(Into::into),
        ..SourceInput::default()
    })
    .unwrap()
    .id
}

fn claim(
    desk: &mut Desk,
    text: &str,
    c: Confidence,
    as_of: &str,
    status: Option<ClaimStatus>,
) -> String {
    desk.add_claim(&ClaimInput {
        text: text.into(),
        confidence: c,
        as_of: Some(as_of.into()),
        status,
        topics: vec![],
        settled: false,
    })
    .unwrap()
    .id
}

fn cite(desk: &mut Desk, claim: &str, source: &str, stance: Stance) {
    desk.link_evidence(&EvidenceInput {
        claim: claim.into(),
        source: source.into(),
        quote: Some("a quote".into()),
        stance: Some(stance),
        ..EvidenceInput::default()
    })
    .unwrap();
}

/// The explainer: each labelled claim is written to raise exactly the findings its name says.
fn fixture() -> Fixture {
    let now = Utc.with_ymd_and_hms(2025, 6, 15, 12, 0, 0).unwrap();
    let mut d = Desk::open_in_memory().unwrap().with_clock(FixedClock(now));
    d.set_actor("Mina (writer)").unwrap();
    use Reliability::*;
    use SourceKind::*;
    let press = source(&mut d, "Streamline: renewal", PressRelease, High, None);
    let interview = source(
        &mut d,
        "Hanbit Daily: director interview",
        Interview,
        Medium,
        None,
    );
    let relay_a = source(
        &mut d,
        "Reel Report: winter shoot",
        Outlet,
        Medium,
        Some(&interview),
    );
    let relay_b = source(
        &mut d,
        "Screen Digest: what we know",
        Outlet,
        Medium,
        Some(&interview),
    );
    let ledger = source(&mut d, "K-Drama Ledger: cast", Outlet, Medium, None);
    let gossip = source(&mut d, "Daily Buzz: insiders", Outlet, Low, None);
    let fan = source(&mut d, "social.example: fan post", Social, Low, None);

    let mut ids = HashMap::new();
    let c = claim(
        &mut d,
        "Streamline renewed the show.",
        Confidence::Confirmed,
        "2025-06-01",
        None,
    );
    cite(&mut d, &c, &press, Stance::Supports);
    ids.insert("clean_confirmed", c);
    let c = claim(
        &mut d,
        "Filming starts in winter.",
        Confidence::Reported,
        "2025-06-01",
        None,
    );
    cite(&mut d, &c, &relay_a, Stance::Supports);
    ids.insert("clean_reported", c);
    let c = claim(
        &mut d,
        "The ferryman returns.",
        Confidence::Corroborated,
        "2025-06-01",
        None,
    );
    cite(&mut d, &c, &relay_a, Stance::Supports);
    cite(&mut d, &c, &ledger, Stance::Supports);
    ids.insert("clean_corroborated", c);
    let c = claim(
        &mut d,
        "The sister returns.",
        Confidence::Corroborated,
        "2025-06-01",
        None,
    );
    cite(&mut d, &c, &relay_a, Stance::Supports);
    cite(&mut d, &c, &relay_b, Stance::Supports);
    ids.insert("exceeds", c);
    let c = claim(
        &mut d,
        "The budget doubled.",
        Confidence::Reported,
        "2025-06-01",
        None,
    );
    ids.insert("unsourced", c);
    let old = claim(
        &mut d,
        "Eight episodes.",
        Confidence::Reported,
        "2025-06-01",
        None,
    );
    cite(&mut d, &old, &relay_a, Stance::Supports);
    let new = claim(
        &mut d,
        "Ten episodes.",
        Confidence::Reported,
        "2025-06-10",
        None,
    );
    cite(&mut d, &new, &relay_b, Stance::Supports);
    d.supersede_claim(&old, &new).unwrap();
    ids.insert("superseded", old);
    ids.insert("newer", new);
    let c = claim(
        &mut d,
        "The lead actress leaves.",
        Confidence::Unverified,
        "2025-06-01",
        None,
    );
    cite(&mut d, &c, &gossip, Stance::Supports);
    cite(&mut d, &c, &relay_a, Stance::Contradicts);
    ids.insert("contradicted", c);
    let c = claim(
        &mut d,
        "The lead actor takes a break.",
        Confidence::Unverified,
        "2025-06-01",
        Some(ClaimStatus::Disputed),
    );
    cite(&mut d, &c, &gossip, Stance::Supports);
    cite(&mut d, &c, &ledger, Stance::Contradicts);
    ids.insert("disputed_ok", c);
    let c = claim(
        &mut d,
        "The show won Best Drama.",
        Confidence::Confirmed,
        "2025-01",
        None,
    );
    cite(&mut d, &c, &press, Stance::Supports);
    ids.insert("stale", c);
    let c = claim(
        &mut d,
        "Filming begins in March.",
        Confidence::Reported,
        "2025-06-01",
        None,
    );
    cite(&mut d, &c, &ledger, Stance::Supports);
    ids.insert("flat_reported", c);
    let c = claim(
        &mut d,
        "It premieres in July.",
        Confidence::Unverified,
        "2025-06-01",
        None,
    );
    cite(&mut d, &c, &fan, Stance::Supports);
    ids.insert("overstated", c);
    let c = claim(
        &mut d,
        "The sister leads the story.",
        Confidence::Speculation,
        "2025-06-01",
        None,
    );
    ids.insert("speculation_ok", c);
    let c = claim(
        &mut d,
        "The director returns.",
        Confidence::Confirmed,
        "2025-06-01",
        None,
    );
    cite(&mut d, &c, &relay_a, Stance::Supports);
    ids.insert("overridden", c.clone());
    let input = ClaimInput {
        text: "The director returns.".into(),
        confidence: Confidence::Confirmed,
        as_of: Some("2025-06-01".into()),
        status: None,
        topics: vec![],
        settled: false,
    };
    d.set_actor("Jae (editor)").unwrap();
    d.edit_claim(
        &c,
        &ClaimPatch::from_form(&input, None),
        Some("The director said it on camera; the clip is in our archive."),
    )
    .unwrap();
    d.set_actor("Mina (writer)").unwrap();

    let i = |k: &str| ids[k].clone();
    let body = format!(
        "# The show, season 2: everything we know\n\n\
         ## Renewal\n\n\
         [Streamline renewed the show]{{claim={}}} for a second season. \
         According to Hanbit Daily, [filming starts in winter]{{claim={}}}. \
         [Jung Tae-oh returns as the ferryman]{{claim={}}}, two outlets report.\n\n\
         ## Cast\n\n\
         Two outlets say [the sister returns]{{claim={}}}. \
         Reportedly, [the budget doubled]{{claim={}}}. \
         One outlet reported that [the season has eight episodes]{{claim={}}}. \
         A tabloid claims [the lead actress leaves]{{claim={}}}. \
         A tabloid also claims, disputed by the Ledger, that [the lead actor takes a break]{{claim={}}}. \
         [The show won Best Drama]{{claim={}}} at the spring awards.\n\n\
         ## Dates\n\n\
         [Filming begins in March]{{claim={}}}. \
         It is officially confirmed that [it premieres in July]{{claim={}}}. \
         Our guess: [the sister could lead the story]{{claim={}}}. \
         [The director returns]{{claim={}}}, as he said on camera. \
         A rumour says [the finale was reshot]{{claim=01ZZZZZZZZZZZZZZZZZZZZZZZZ}}.\n\n\
         The first season drew 12 million viewers in its first week. \
         Here is what we know so far. \
         Jeong Tae-oh was seen in Busan. \
         Read the <b>fine print</b> too.\n",
        i("clean_confirmed"),
        i("clean_reported"),
        i("clean_corroborated"),
        i("exceeds"),
        i("unsourced"),
        i("superseded"),
        i("contradicted"),
        i("disputed_ok"),
        i("stale"),
        i("flat_reported"),
        i("overstated"),
        i("speculation_ok"),
        i("overridden"),
    );
    let draft = d
        .add_draft(&DraftInput {
            title: "Season 2 explainer".into(),
            body,
        })
        .unwrap()
        .id;
    Fixture {
        desk: d,
        draft,
        ids,
    }
}

fn findings_for<'a>(all: &'a [Finding], claim: &str) -> Vec<&'a Finding> {
    all.iter()
        .filter(|f| f.claim.as_deref() == Some(claim))
        .collect()
}

fn kinds(all: &[&Finding]) -> Vec<FindingKind> {
    let mut k: Vec<FindingKind> = all.iter().map(|f| f.kind).collect();
    k.sort_by_key(|k| k.as_str());
    k
}

#[test]
fn each_claim_raises_exactly_the_findings_it_should() {
    let fx = fixture();
    let all = fx.desk.check_draft(&fx.draft).unwrap();
    use FindingKind::*;
    let expect: &[(&str, &[FindingKind])] = &[
        ("clean_confirmed", &[]),
        ("clean_reported", &[]),
        ("clean_corroborated", &[]),
        ("exceeds", &[ConfidenceExceedsEvidence]),
        ("unsourced", &[UnsourcedClaim]),
        ("superseded", &[SupersededClaim]),
        ("contradicted", &[ContradictedClaim]),
        ("disputed_ok", &[DisputedClaim]),
        ("stale", &[StaleClaim]),
        ("flat_reported", &[WordingMismatch]),
        ("overstated", &[WordingMismatch]),
        ("speculation_ok", &[]),
        ("overridden", &[]),
    ];
    for (key, want) in expect {
        let got = kinds(&findings_for(&all, &fx.ids[key]));
        let mut want = want.to_vec();
        want.sort_by_key(|k| k.as_str());
        assert_eq!(
            got,
            want,
            "claim `{key}`: {:#?}",
            findings_for(&all, &fx.ids[key])
        );
    }
}

#[test]
fn findings_outside_claims_are_raised_once_each() {
    let fx = fixture();
    let all = fx.desk.check_draft(&fx.draft).unwrap();
    let count = |k: FindingKind| all.iter().filter(|f| f.kind == k).count();
    assert_eq!(
        count(FindingKind::UnknownClaim),
        1,
        "the rumour's span names no claim in the desk"
    );
    assert_eq!(count(FindingKind::RawHtml), 2, "<b> and </b>");
    let unmarked: Vec<&Finding> = all
        .iter()
        .filter(|f| f.kind == FindingKind::UnmarkedFact)
        .collect();
    assert_eq!(
        unmarked.len(),
        1,
        "only the viewer figure is an unmarked fact: {unmarked:#?}"
    );
    assert!(unmarked[0].message.contains("12 million"));
    let names: Vec<&Finding> = all
        .iter()
        .filter(|f| f.kind == FindingKind::NameVariant)
        .collect();
    assert_eq!(names.len(), 1, "{names:#?}");
    assert!(names[0].message.contains("Jung Tae-oh") && names[0].message.contains("Jeong Tae-oh"));
    for f in &all {
        assert_eq!(f.severity, f.kind.severity());
        assert!(f.line >= 1 && f.column >= 1);
    }
}

#[test]
fn a_clean_draft_has_no_findings() {
    let fx = fixture();
    let mut desk = fx.desk;
    let text = format!(
        "# Renewal\n\n[Streamline renewed the show]{{claim={}}} in June. \
         According to Hanbit Daily, [filming starts in winter]{{claim={}}}.\n",
        fx.ids["clean_confirmed"], fx.ids["clean_reported"]
    );
    let draft = desk
        .add_draft(&DraftInput {
            title: "Clean".into(),
            body: text,
        })
        .unwrap();
    let all = desk.check_draft(&draft.id).unwrap();
    assert!(all.is_empty(), "{all:#?}");
}

#[test]
fn provenance_collapses_relays_to_their_origin() {
    let fx = fixture();
    let p = fx.desk.provenance(&fx.ids["exceeds"]).unwrap();
    assert_eq!(p.evidence.len(), 2);
    assert_eq!(
        p.independent_origins, 1,
        "two outlets relaying one interview are one origin"
    );
    assert_eq!(p.evidence[0].origin_id, p.evidence[1].origin_id);
    assert_eq!(p.suggested_confidence, Some(Confidence::Reported));
    assert!(p.exceeds_evidence);

    let p = fx.desk.provenance(&fx.ids["clean_corroborated"]).unwrap();
    assert_eq!(p.independent_origins, 2);
    assert_eq!(p.suggested_confidence, Some(Confidence::Corroborated));

    let p = fx.desk.provenance(&fx.ids["clean_confirmed"]).unwrap();
    assert_eq!(
        p.suggested_confidence,
        Some(Confidence::Confirmed),
        "a press release is first-party"
    );

    let p = fx.desk.provenance(&fx.ids["overstated"]).unwrap();
    assert_eq!(
        p.suggested_confidence,
        Some(Confidence::Unverified),
        "only a low-reliability post"
    );

    let p = fx.desk.provenance(&fx.ids["unsourced"]).unwrap();
    assert_eq!(
        p.suggested_confidence,
        Some(Confidence::Speculation),
        "with nothing on the record the claim is the writer's analysis"
    );
    assert!(
        !p.exceeds_evidence,
        "no evidence is the unsourced finding's business"
    );
}

#[test]
fn an_override_is_shown_and_silences_the_finding_for_that_level_only() {
    let fx = fixture();
    let mut desk = fx.desk;
    let id = &fx.ids["overridden"];
    let p = desk.provenance(id).unwrap();
    let o = p.override_.as_ref().expect("the override is shown");
    assert_eq!(o.actor, "Jae (editor)");
    assert_eq!(o.confidence, Confidence::Confirmed);
    assert!(!p.exceeds_evidence);
    // Raising another claim the same way without a reason is flagged.
    let mut input = ClaimInput {
        text: "The sister returns.".into(),
        confidence: Confidence::Confirmed,
        as_of: Some("2025-06-01".into()),
        status: None,
        topics: vec![],
        settled: false,
    };
    desk.update_claim(&fx.ids["exceeds"], &input).unwrap();
    assert!(
        desk.provenance(&fx.ids["exceeds"])
            .unwrap()
            .exceeds_evidence
    );
    input.text = "The director returns.".into();
    input.confidence = Confidence::Corroborated;
    desk.update_claim(id, &input).unwrap();
    let p = desk.provenance(id).unwrap();
    assert!(
        p.exceeds_evidence,
        "the override was for confirmed, not corroborated"
    );
    let blank = desk
        .edit_claim(id, &ClaimPatch::from_form(&input, None), Some("  "))
        .unwrap_err();
    assert!(
        matches!(blank, CoreError::Invalid { ref field, .. } if field == "reason"),
        "{blank}"
    );
}

#[test]
fn a_ten_hop_chain_is_traced_to_its_origin() {
    let mut desk = Desk::open_in_memory().unwrap();
    let mut prev: Option<String> = None;
    let mut first = String::new();
    for i in 0..11 {
        let id = desk
            .add_source(&SourceInput {
                title: format!("Hop {i}"),
                reliability: Some(Reliability::Medium),
                via: prev.clone(),
                ..SourceInput::default()
            })
            .unwrap()
            .id;
        if i == 0 {
            first = id.clone();
        }
        prev = Some(id);
    }
    let c = desk
        .add_claim(&ClaimInput {
            text: "Relayed ten times.".into(),
            confidence: Confidence::Reported,
            as_of: None,
            status: None,
            topics: vec![],
            settled: false,
        })
        .unwrap();
    desk.link_evidence(&EvidenceInput {
        claim: c.id.clone(),
        source: prev.unwrap(),
        ..EvidenceInput::default()
    })
    .unwrap();
    let p = desk.provenance(&c.id).unwrap();
    assert_eq!(p.evidence[0].chain.len(), 10);
    assert_eq!(p.evidence[0].origin_id, first);
    assert_eq!(p.independent_origins, 1);
}

#[test]
fn sign_off_resets_on_change_and_gates_publication() {
    let fx = fixture();
    let mut desk = fx.desk;
    let mut clean = desk
        .add_draft(&DraftInput {
            title: "Ready".into(),
            body: format!(
                "[Streamline renewed the show]{{claim={}}} in June.\n",
                fx.ids["clean_confirmed"]
            ),
        })
        .unwrap();
    let id = fx.ids["clean_confirmed"].clone();
    let refused = desk
        .export_for_publication(&clean.id, ExportFormat::Footnotes)
        .unwrap_err();
    match refused {
        CoreError::NotReady(why) => assert!(why[0].reason.contains("pending"), "{why:?}"),
        other => panic!("expected NotReady, got {other}"),
    }
    desk.set_actor("Jae (editor)").unwrap();
    let r = desk
        .set_review(
            &clean.id,
            &id,
            ReviewState::Approved,
            Some("checked the release"),
        )
        .unwrap();
    assert_eq!(r.actor.as_deref(), Some("Jae (editor)"));
    assert!(
        desk.export_for_publication(&clean.id, ExportFormat::Footnotes)
            .is_ok()
    );

    // Editing the claim's text after approval puts it back to pending.
    let claim = desk.claim(&id).unwrap();
    desk.set_actor("Mina (writer)").unwrap();
    desk.update_claim(
        &id,
        &ClaimInput {
            text: "Streamline renewed the show for two seasons.".into(),
            confidence: claim.confidence,
            as_of: claim.as_of.map(|d| d.to_string()),
            status: None,
            topics: vec![],
            settled: false,
        },
    )
    .unwrap();
    let reviews = desk.reviews(&clean.id).unwrap();
    assert_eq!(reviews[0].state, ReviewState::Pending);
    assert!(
        desk.export_for_publication(&clean.id, ExportFormat::Footnotes)
            .is_err()
    );

    // So does new evidence.
    desk.set_review(&clean.id, &id, ReviewState::Approved, None)
        .unwrap();
    let src = desk
        .sources_page(&factdesk_core::ListQuery::default())
        .unwrap()
        .items[0]
        .id
        .clone();
    desk.link_evidence(&EvidenceInput {
        claim: id.clone(),
        source: src,
        ..EvidenceInput::default()
    })
    .unwrap();
    assert_eq!(
        desk.reviews(&clean.id).unwrap()[0].state,
        ReviewState::Pending
    );

    // Error findings block even when every claim is approved.
    clean = desk
        .update_draft(
            &clean.id,
            &DraftInput {
                title: "Ready".into(),
                body: format!("{}\n[x]{{claim=01ZZZZZZZZZZZZZZZZZZZZZZZZ}}\n", clean.body),
            },
        )
        .unwrap();
    desk.set_review(&clean.id, &id, ReviewState::Approved, None)
        .unwrap();
    let blockers = desk.publication_blockers(&clean.id).unwrap();
    assert!(
        blockers.iter().any(|b| b.reason.contains("unknown-claim")),
        "{blockers:?}"
    );

    let no_comment = desk
        .set_review(&clean.id, &id, ReviewState::Rejected, None)
        .unwrap_err();
    assert!(matches!(no_comment, CoreError::Invalid { ref field, .. } if field == "comment"));
    let not_in_draft = desk
        .set_review(&clean.id, &fx.ids["stale"], ReviewState::Approved, None)
        .unwrap_err();
    assert!(not_in_draft.to_string().contains("not used in this draft"));
}

#[test]
fn history_shows_who_changed_what_including_evidence_reviews_and_overrides() {
    let fx = fixture();
    let history = fx
        .desk
        .history(RecordKind::Claim, &fx.ids["overridden"])
        .unwrap();
    let rows: Vec<(String, String, Option<String>)> = history
        .iter()
        .map(|h| (h.record_kind.clone(), h.actor.clone(), h.field.clone()))
        .collect();
    assert_eq!(
        rows[0],
        ("claim".into(), "Mina (writer)".into(), None),
        "created first"
    );
    assert!(rows.iter().any(|r| r.0 == "evidence"), "{rows:?}");
    assert!(
        rows.iter()
            .any(|r| r.0 == "override" && r.1 == "Jae (editor)"),
        "{rows:?}"
    );
}

#[test]
fn the_report_lists_every_claim_with_its_state_chain_and_findings() {
    let fx = fixture();
    let report = fx.desk.provenance_report(&fx.draft).unwrap();
    assert!(report.starts_with("# Provenance report: Season 2 explainer"));
    assert!(
        report.contains("citing Hanbit Daily"),
        "relay chains are shown"
    );
    assert!(report.contains("`unsourced-claim`"));
    assert!(report.contains("Review: **pending**"));
    assert!(report.contains("Override: kept at confirmed by Jae (editor)"));
    let sections = report.matches("\n## ").count();
    assert_eq!(
        sections,
        14 + 1,
        "13 claims, one unknown claim, and other findings"
    );
}

// ---- The gate's holes (issue 10): malformed spans, status, reopening, history, blockers ----

/// A premiere date or an award result does not go stale: a claim marked settled never raises
/// `stale-claim`, however old its as-of date; clearing the flag brings the finding back.
#[test]
fn settled_claims_never_go_stale() {
    let now = Utc.with_ymd_and_hms(2025, 6, 15, 12, 0, 0).unwrap();
    let mut d = Desk::open_in_memory().unwrap().with_clock(FixedClock(now));
    let press = source(
        &mut d,
        "Streamline: premiere date",
        SourceKind::PressRelease,
        Reliability::High,
        None,
    );
    let premiere = d
        .add_claim(&ClaimInput {
            text: "Season 1 premiered on 2024-01-12.".into(),
            confidence: Confidence::Confirmed,
            as_of: Some("2024-01-12".into()),
            status: None,
            topics: vec![],
            settled: true,
        })
        .unwrap();
    assert!(premiere.settled);
    cite(&mut d, &premiere.id, &press, Stance::Supports);
    let body = format!(
        "Streamline says [season 1 premiered on 2024-01-12]{{claim={}}}.\n",
        premiere.id
    );
    let stale = |d: &Desk| {
        d.check_text(&body)
            .unwrap()
            .into_iter()
            .filter(|f| f.kind == FindingKind::StaleClaim)
            .count()
    };
    assert_eq!(stale(&d), 0, "a settled claim raised stale-claim");

    let unsettled = d
        .edit_claim(
            &premiere.id,
            &ClaimPatch {
                settled: Some(false),
                ..ClaimPatch::default()
            },
            None,
        )
        .unwrap();
    assert!(!unsettled.settled);
    assert_eq!(
        stale(&d),
        1,
        "an unsettled old claim must raise stale-claim"
    );

    d.edit_claim(
        &premiere.id,
        &ClaimPatch {
            settled: Some(true),
            ..ClaimPatch::default()
        },
        None,
    )
    .unwrap();
    assert_eq!(stale(&d), 0);
    let history = d.history(RecordKind::Claim, &premiere.id).unwrap();
    assert!(
        history
            .iter()
            .any(|h| h.field.as_deref() == Some("settled")),
        "settling a claim is recorded in its history"
    );
}

fn name_findings(d: &Desk, body: &str) -> Vec<Finding> {
    d.check_text(body)
        .unwrap()
        .into_iter()
        .filter(|f| f.kind == FindingKind::NameVariant)
        .collect()
}

/// One surname romanised Choo in one draft and Joo in another: the second draft is told about
/// the first, although neither draft holds both spellings.
#[test]
fn name_variants_are_found_across_drafts_claims_and_sources() {
    let mut d = Desk::open_in_memory().unwrap();
    d.add_draft(&DraftInput {
        title: "Cast list".into(),
        body: "Choo Young-woo plays the lawyer.\n".into(),
    })
    .unwrap();
    let found = name_findings(&d, "Joo Young-woo returns for the finale.\n");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].message.contains("Choo Young-woo"),
        "{}",
        found[0].message
    );
    assert_eq!((found[0].line, found[0].column), (1, 1));

    // A claim's text and a source's author count too; given-name syllables are unified.
    d.add_claim(&ClaimInput {
        text: "Park Hyun-jin directs season 2.".into(),
        confidence: Confidence::Reported,
        as_of: None,
        status: None,
        topics: vec![],
        settled: false,
    })
    .unwrap();
    d.add_source(&SourceInput {
        title: "Interview with the writer".into(),
        author: Some("Lee Jae-won".into()),
        ..SourceInput::default()
    })
    .unwrap();
    let found = name_findings(&d, "Pak Hyeon-jin said so. Yi Jai-won agreed.\n");
    let messages: Vec<&str> = found.iter().map(|f| f.message.as_str()).collect();
    assert_eq!(found.len(), 2, "{messages:?}");
    assert!(
        messages.iter().any(|m| m.contains("Park Hyun-jin")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("Lee Jae-won")),
        "{messages:?}"
    );

    // Unrelated names stay quiet.
    assert!(name_findings(&d, "Kim Min-ji and Jung Tae-oh star.\n").is_empty());
}

/// Listed forms of one person are all right; a spelling near them that is not listed is flagged
/// with the person's Hangul name.
#[test]
fn a_persons_listed_aliases_are_not_variants_but_other_forms_are() {
    let mut d = Desk::open_in_memory().unwrap();
    let p = d
        .add_person(&factdesk_core::PersonInput {
            name: "Choo Young-woo".into(),
            hangul: Some("주영우".into()),
            aliases: vec!["Joo Young-woo".into()],
        })
        .unwrap();
    d.add_draft(&DraftInput {
        title: "Cast list".into(),
        body: "Choo Young-woo plays the lawyer.\n".into(),
    })
    .unwrap();
    assert!(name_findings(&d, "Joo Young-woo returns.\n").is_empty());
    let found = name_findings(&d, "Chu Yeong-woo returns.\n");
    assert!(!found.is_empty());
    assert!(
        found
            .iter()
            .all(|f| f.message.contains("주영우") || f.message.contains("draft"))
    );
    assert!(
        found.iter().any(|f| f.message.contains("주영우")),
        "{found:?}"
    );

    // Once listed, the form is quiet too.
    let p = d.add_person_alias(&p.id[..10], "Chu Yeong-woo").unwrap();
    assert_eq!(p.aliases, vec!["Joo Young-woo", "Chu Yeong-woo"]);
    let found = name_findings(&d, "Chu Yeong-woo returns.\n");
    assert!(
        found.iter().all(|f| !f.message.contains("주영우")),
        "{found:?}"
    );
    assert_eq!(d.people().unwrap().len(), 1);

    let err = d
        .add_person(&factdesk_core::PersonInput {
            name: "Kim Won-hae".into(),
            hangul: Some("Kim".into()),
            aliases: vec![],
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("hangul"));
    assert_eq!(
        d.people().unwrap().len(),
        1,
        "a refused person is not saved"
    );
}

/// Issue 10: credibility is the origin's, relays only lower it; `interview` is not first-party by
/// itself; a named person on record is credible by default; the writer's analysis needs no source.
#[test]
fn provenance_judges_credibility_at_the_origin_and_first_party_only_from_the_party() {
    let now = Utc.with_ymd_and_hms(2025, 6, 15, 12, 0, 0).unwrap();
    let mut d = Desk::open_in_memory().unwrap().with_clock(FixedClock(now));
    let board = d
        .add_source(&SourceInput {
            title: "Anonymous board thread".into(),
            kind: Some(SourceKind::Anonymous),
            ..SourceInput::default()
        })
        .unwrap();
    assert_eq!(
        board.reliability,
        Reliability::Low,
        "anonymous defaults to low"
    );
    let outlet = source(
        &mut d,
        "Screen Ledger: rumour roundup",
        SourceKind::Outlet,
        Reliability::High,
        Some(&board.id),
    );
    let rumour = claim(
        &mut d,
        "A spin-off is planned.",
        Confidence::Unverified,
        "2025-06-01",
        None,
    );
    cite(&mut d, &rumour, &outlet, Stance::Supports);
    let p = d.provenance(&rumour).unwrap();
    assert_eq!(
        p.suggested_confidence,
        Some(Confidence::Unverified),
        "a high outlet relaying an anonymous board stays low: {}",
        p.suggestion_reason
    );

    // An outlet's translated interview is one credible origin, not the party itself, and the
    // wording check agrees that "confirmed" is too strong at the level it suggests.
    let interview = d
        .add_source(&SourceInput {
            title: "Hanbit Weekly interview".into(),
            kind: Some(SourceKind::Interview),
            ..SourceInput::default()
        })
        .unwrap();
    let dates = claim(
        &mut d,
        "The show returns in spring.",
        Confidence::Reported,
        "2025-06-01",
        None,
    );
    d.link_evidence(&EvidenceInput {
        claim: dates.clone(),
        source: interview.id.clone(),
        quote: Some("We come back in spring.".into()),
        translated_by: Some("the writer".into()),
        ..EvidenceInput::default()
    })
    .unwrap();
    let suggested = d.provenance(&dates).unwrap().suggested_confidence.unwrap();
    assert_eq!(suggested, Confidence::Reported);
    assert!(
        factdesk_core::checks::wording::wording_problem(
            "The streamer confirmed a spring return.",
            suggested
        )
        .is_some(),
        "the suggestion and the wording check read one table"
    );

    // A named person on record, unrated, speaking about her own plans and marked so: confirmed.
    let post = d
        .add_source(&SourceInput {
            title: "Han Seo-jin on Picturegram".into(),
            kind: Some(SourceKind::Person),
            ..SourceInput::default()
        })
        .unwrap();
    assert_eq!(
        post.reliability,
        Reliability::Medium,
        "a named person defaults to medium"
    );
    let debut = claim(
        &mut d,
        "Han makes her stage debut.",
        Confidence::Confirmed,
        "2025-06-01",
        None,
    );
    let e = d
        .link_evidence(&EvidenceInput {
            claim: debut.clone(),
            source: post.id.clone(),
            ..EvidenceInput::default()
        })
        .unwrap();
    assert_eq!(
        d.provenance(&debut).unwrap().suggested_confidence,
        Some(Confidence::Reported),
        "unmarked, a person's post is one credible origin"
    );
    d.edit_evidence(
        &e.id,
        &factdesk_core::EvidencePatch {
            first_party: Some(true),
            ..Default::default()
        },
    )
    .unwrap();
    let p = d.provenance(&debut).unwrap();
    assert_eq!(
        p.suggested_confidence,
        Some(Confidence::Confirmed),
        "{}",
        p.suggestion_reason
    );
    assert!(p.evidence[0].evidence.first_party, "the mark is stored");

    // The writer's analysis: speculation with no source raises nothing.
    let guess = claim(
        &mut d,
        "The finale sets up a sequel.",
        Confidence::Speculation,
        "2025-06-01",
        None,
    );
    let draft = d
        .add_draft(&DraftInput {
            title: "Analysis".into(),
            body: format!("We think [the finale sets up a sequel]{{claim={guess}}}.\n"),
        })
        .unwrap();
    assert_eq!(
        d.check_draft(&draft.id).unwrap(),
        vec![],
        "the writer's analysis needs no source"
    );
}

#[test]
fn the_superseded_finding_offers_the_newer_claims_own_words_never_its_id_under_the_old_ones() {
    let fx = fixture();
    let all = fx.desk.check_draft(&fx.draft).unwrap();
    let f = all
        .iter()
        .find(|f| f.kind == FindingKind::SupersededClaim)
        .unwrap();
    assert!(f.message.contains(&fx.ids["newer"]), "{}", f.message);
    let fix = f.fix.as_ref().expect("a mechanical fix");
    let body = fx.desk.draft(&fx.draft).unwrap().body;
    assert_eq!(
        fix.text,
        format!("[Ten episodes.]{{claim={}}}", fx.ids["newer"]),
        "the words and the id are replaced together: the old words under the new id would \
         say the opposite of their claim"
    );
    assert!(body[fix.start..fix.end].contains(&fx.ids["superseded"]));
    let suggestion = f.suggestion.as_deref().unwrap();
    assert!(
        suggestion.contains(&format!("claim={} .history", fx.ids["superseded"])),
        "marking the span as history is offered: {suggestion}"
    );
}

/// A desk with one clean draft whose single claim is approved, ready to be broken.
fn approved(fx: Fixture, body_extra: &str) -> (Desk, String, String) {
    let mut desk = fx.desk;
    let id = fx.ids["clean_confirmed"].clone();
    let draft = desk
        .add_draft(&DraftInput {
            title: "Gate".into(),
            body: format!("[Streamline renewed the show]{{claim={id}}} in June.\n{body_extra}"),
        })
        .unwrap();
    desk.set_review(&draft.id, &id, ReviewState::Approved, Some("checked"))
        .unwrap();
    (desk, draft.id, id)
}

fn blocker_reasons(desk: &Desk, draft: &str) -> Vec<String> {
    desk.publication_blockers(draft)
        .unwrap()
        .into_iter()
        .map(|b| b.reason)
        .collect()
}

#[test]
fn malformed_spans_are_errors_that_close_the_gate_each_with_its_reason() {
    let fx = fixture();
    let id = fx.ids["clean_reported"].clone();
    let prefix = id[..12].to_string();
    let body = format!(
        "[a]{{claim=}}\n\n[b]{{clam={id}}}\n\n[c]{{ claim = {id} }}\n\n\
         [d]{{claim=3f2b8c1e-9d4a-4c7b-8e2f-1a6d5c3b9e70}}\n\n[e]{{claim={prefix}}}\n\n\
         [f]{{claim={id} claim={}}}\n",
        fx.ids["clean_confirmed"]
    );
    let (desk, draft, _) = approved(fx, &body);
    let findings = desk.check_draft(&draft).unwrap();
    let malformed: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.kind == FindingKind::MalformedSpan)
        .collect();
    let lines: Vec<u32> = malformed.iter().map(|f| f.line).collect();
    assert_eq!(
        lines,
        vec![2, 4, 6, 8, 10, 12],
        "every malformed span is an error on its own line: {malformed:#?}"
    );
    assert!(
        malformed
            .iter()
            .all(|f| f.severity == factdesk_core::checks::draft::Severity::Error)
    );
    let fix_of = |line: u32| {
        malformed
            .iter()
            .find(|f| f.line == line)
            .and_then(|f| f.fix.as_ref())
            .map(|e| e.text.clone())
    };
    assert_eq!(fix_of(2), None, "an empty id has no clear fix");
    assert_eq!(
        fix_of(4),
        Some(format!("[b]{{claim={id}}}")),
        "a misspelt key is fixed"
    );
    assert_eq!(
        fix_of(6),
        Some(format!("[c]{{claim={id}}}")),
        "spaces around = are removed"
    );
    assert_eq!(fix_of(8), None, "a UUID names no claim");
    assert!(
        malformed[3].message.contains("UUID"),
        "{}",
        malformed[3].message
    );
    assert_eq!(
        fix_of(10),
        Some(format!("[e]{{claim={id}}}")),
        "a unique prefix resolves to the full id, as everywhere else in Factdesk"
    );
    assert_eq!(
        fix_of(12),
        None,
        "two different claims: the writer must choose"
    );
    assert!(
        malformed[5].message.contains("2 claim attributes"),
        "{}",
        malformed[5].message
    );

    let reasons = blocker_reasons(&desk, &draft);
    assert_eq!(
        reasons
            .iter()
            .filter(|r| r.starts_with("malformed-span"))
            .count(),
        6,
        "the gate refuses on each: {reasons:#?}"
    );
    assert!(matches!(
        desk.export_for_publication(&draft, ExportFormat::Footnotes),
        Err(CoreError::NotReady(_))
    ));
}

#[test]
fn an_unknown_prefix_stays_unknown_and_an_ambiguous_one_names_none() {
    let fx = fixture();
    let (desk, draft, _) = approved(fx, "\n[x]{claim=7ZZZ}\n\n[y]{claim=0}\n");
    let findings = desk.check_draft(&draft).unwrap();
    let on = |line: u32| {
        findings
            .iter()
            .find(|f| f.line == line)
            .map(|f| (f.kind, f.fix.clone()))
    };
    assert_eq!(on(3), Some((FindingKind::UnknownClaim, None)));
    let (kind, fix) = on(5).unwrap();
    assert_eq!(
        kind,
        FindingKind::MalformedSpan,
        "a prefix of many claims names none"
    );
    assert_eq!(fix, None);
}

#[test]
fn exports_never_emit_malformed_markup_as_a_claim() {
    let fx = fixture();
    let id = fx.ids["clean_reported"].clone();
    let other = fx.ids["clean_corroborated"].clone();
    let (desk, draft, _) = approved(
        fx,
        &format!("\n[the words]{{clam={id}}} stay, [both]{{claim={id} claim={other}}} too.\n"),
    );
    let foot = desk
        .export_draft(&draft, ExportFormat::Footnotes)
        .unwrap()
        .markdown;
    assert_eq!(
        foot.matches("[^claim-").count(),
        2,
        "one claim, one note: {foot}"
    );
    assert!(
        !foot.contains("]{clam=") && !foot.contains("]{claim="),
        "no attribute block is left live: {foot}"
    );
    let pandoc = desk
        .export_draft(&draft, ExportFormat::Pandoc)
        .unwrap()
        .markdown;
    assert!(
        !pandoc.contains("]{clam=") && !pandoc.contains("]{claim="),
        "{pandoc}"
    );
    assert!(
        !pandoc.contains(&format!("claim={id}")) || pandoc.contains(&format!("\\{{claim={id}")),
        "the two-claim span never becomes a span of its first claim: {pandoc}"
    );
    assert!(!pandoc.contains(&format!(".claim claim={id}")), "{pandoc}");
    assert!(
        pandoc.contains("the words") && pandoc.contains("both"),
        "the words are kept: {pandoc}"
    );
}

#[test]
fn a_claim_retracted_after_approval_closes_the_gate() {
    let fx = fixture();
    let (mut desk, draft, id) = approved(fx, "");
    assert!(
        desk.export_for_publication(&draft, ExportFormat::Footnotes)
            .is_ok()
    );
    desk.edit_claim(
        &id,
        &ClaimPatch {
            status: Some(ClaimStatus::Retracted),
            ..ClaimPatch::default()
        },
        None,
    )
    .unwrap();
    // Even signed off again, a retracted claim may not be published as fact.
    desk.set_review(&draft, &id, ReviewState::Approved, None)
        .unwrap();
    let findings = desk.check_draft(&draft).unwrap();
    let retracted = findings
        .iter()
        .find(|f| f.kind == FindingKind::RetractedClaim)
        .expect("a retracted claim in a draft is a finding");
    assert_eq!(
        retracted.severity,
        factdesk_core::checks::draft::Severity::Error
    );
    let blockers = desk.publication_blockers(&draft).unwrap();
    assert_eq!(blockers.len(), 1, "{blockers:#?}");
    assert_eq!(blockers[0].claim.as_deref(), Some(id.as_str()));
    assert_eq!(
        blockers[0].claim_text.as_deref(),
        Some("Streamline renewed the show."),
        "the blocker names the claim by its words"
    );
    assert!(
        blockers[0].reason.starts_with("retracted-claim"),
        "{blockers:?}"
    );
    let refused = desk
        .export_for_publication(&draft, ExportFormat::Footnotes)
        .unwrap_err();
    let message = refused.to_string();
    assert!(
        message.contains("retracted") && message.contains("“Streamline renewed the show.”"),
        "the message reads well, one blocker a line: {message}"
    );
    let report = factdesk_core::error::ErrorReport::from(&refused);
    let details = report.details.unwrap();
    assert_eq!(details["blockers"][0]["claim"], id.as_str(), "{details}");
    assert_eq!(
        details["blockers"][0]["claim_text"],
        "Streamline renewed the show."
    );
}

#[test]
fn a_disputed_claim_is_a_warning_and_the_exports_say_so() {
    let fx = fixture();
    let (mut desk, draft, id) = approved(fx, "");
    desk.edit_claim(
        &id,
        &ClaimPatch {
            status: Some(ClaimStatus::Disputed),
            ..ClaimPatch::default()
        },
        None,
    )
    .unwrap();
    desk.set_review(&draft, &id, ReviewState::Approved, None)
        .unwrap();
    let findings = desk.check_draft(&draft).unwrap();
    let disputed = findings
        .iter()
        .find(|f| f.kind == FindingKind::DisputedClaim)
        .expect("a disputed claim is a finding");
    assert_eq!(
        disputed.severity,
        factdesk_core::checks::draft::Severity::Warning
    );
    let foot = desk
        .export_for_publication(&draft, ExportFormat::Footnotes)
        .expect("a warning does not close the gate")
        .markdown;
    assert!(
        foot.contains("renewed the show (disputed)[^claim-1]"),
        "the reader sees it is disputed where it is stated: {foot}"
    );
    let pandoc = desk
        .export_draft(&draft, ExportFormat::Pandoc)
        .unwrap()
        .markdown;
    assert!(pandoc.contains("status=disputed"), "{pandoc}");
    assert!(
        pandoc.contains("[disputed: @"),
        "the citation says so: {pandoc}"
    );
}

#[test]
fn every_review_relevant_change_reopens_approval_and_nothing_else_does() {
    let fx = fixture();
    let newer = fx.ids["clean_reported"].clone();
    let (mut desk, draft, id) = approved(fx, "");
    let state = |desk: &Desk| desk.reviews(&draft).unwrap()[0].clone();
    let reapprove = |desk: &mut Desk| {
        desk.set_review(&draft, &id, ReviewState::Approved, None)
            .unwrap();
    };
    let patch = |f: fn(&mut ClaimPatch)| {
        let mut p = ClaimPatch::default();
        f(&mut p);
        p
    };
    // Topics are filing, not fact: no reopening.
    desk.edit_claim(
        &id,
        &patch(|p| p.topics = Some(vec!["renewals".into()])),
        None,
    )
    .unwrap();
    assert_eq!(
        state(&desk).state,
        ReviewState::Approved,
        "a topic is not reviewed"
    );

    let changes: Vec<(&str, ClaimPatch)> = vec![
        ("status", patch(|p| p.status = Some(ClaimStatus::Disputed))),
        ("as-of date", patch(|p| p.as_of = Some("2025-06-02".into()))),
        (
            "confidence",
            patch(|p| p.confidence = Some(Confidence::Reported)),
        ),
        (
            "text",
            patch(|p| p.text = Some("Streamline renewed it.".into())),
        ),
    ];
    for (what, change) in changes {
        desk.edit_claim(&id, &change, None).unwrap();
        let r = state(&desk);
        assert_eq!(
            r.state,
            ReviewState::Pending,
            "a change of {what} reopens approval"
        );
        assert!(
            r.comment.as_deref().unwrap_or("").contains(what),
            "the reason names the {what}: {r:?}"
        );
        reapprove(&mut desk);
    }

    let evidence = desk.evidence_for(&id).unwrap()[0].id.clone();
    desk.edit_evidence(
        &evidence,
        &factdesk_core::evidence::EvidencePatch {
            locator: Some("p. 2".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(
        state(&desk).state,
        ReviewState::Pending,
        "an evidence edit reopens"
    );
    reapprove(&mut desk);
    desk.unlink_evidence(&evidence).unwrap();
    assert_eq!(
        state(&desk).state,
        ReviewState::Pending,
        "an unlink reopens"
    );
    reapprove(&mut desk);

    desk.supersede_claim(&id, &newer).unwrap();
    let r = state(&desk);
    assert_eq!(
        r.state,
        ReviewState::Pending,
        "supersession reopens approval"
    );
    assert!(r.comment.unwrap().contains("supersession"));
}

#[test]
fn a_span_can_cite_a_superseded_claim_as_history() {
    let fx = fixture();
    let old = fx.ids["superseded"].clone();
    let newer = fx.ids["newer"].clone();
    let mut desk = fx.desk;
    let draft = desk
        .add_draft(&DraftInput {
            title: "Then and now".into(),
            body: format!(
                "In early June, [the network said the season had eight episodes]{{claim={old} .history}}.\n"
            ),
        })
        .unwrap();
    let findings = desk.check_draft(&draft.id).unwrap();
    assert!(
        !findings
            .iter()
            .any(|f| f.kind == FindingKind::SupersededClaim),
        "history on purpose is not a mistake: {findings:#?}"
    );
    let foot = desk
        .export_draft(&draft.id, ExportFormat::Footnotes)
        .unwrap()
        .markdown;
    assert!(
        foot.contains("as of 2025-06-01"),
        "the note gives its as-of date: {foot}"
    );
    assert!(
        foot.contains("History: superseded by a newer claim: “Ten episodes.”"),
        "and points to the newer claim: {foot}"
    );
    let pandoc = desk
        .export_draft(&draft.id, ExportFormat::Pandoc)
        .unwrap()
        .markdown;
    assert!(pandoc.contains(".history"), "{pandoc}");
    assert!(
        pandoc.contains(&format!("superseded-by={newer}")),
        "{pandoc}"
    );
    assert!(pandoc.contains("as-of=2025-06-01"), "{pandoc}");
}

#[test]
fn a_name_spelled_two_ways_across_a_drafts_claims_is_reported_the_same_way_every_time() {
    let mut desk = Desk::open_in_memory().unwrap();
    let first = claim(
        &mut desk,
        "Jung Tae-oh returns as the ferry captain",
        Confidence::Confirmed,
        "2025-05-01",
        None,
    );
    let second = claim(
        &mut desk,
        "Jeong Tae-oh began filming in the spring",
        Confidence::Reported,
        "2025-05-01",
        None,
    );
    let draft = desk
        .add_draft(&DraftInput {
            title: "Season two".into(),
            body: format!(
                "[The captain is back]{{claim={first}}}. [Filming began]{{claim={second}}}.\n"
            ),
        })
        .unwrap()
        .id;
    // The claims are read in the order the draft uses them, so which spelling the finding
    // names first never depends on a hash table's order.
    let said = |desk: &Desk| -> Vec<String> {
        desk.check_draft(&draft)
            .unwrap()
            .into_iter()
            .filter(|f| f.kind == FindingKind::NameVariant)
            .map(|f| f.message)
            .collect()
    };
    let once = said(&desk);
    assert_eq!(once.len(), 1, "{once:#?}");
    for _ in 0..30 {
        assert_eq!(said(&desk), once);
    }
}
