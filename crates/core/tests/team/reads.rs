//! A draft's reads on a team desk: its checks, both exports, provenance, the analysis of a
//! pause, the publication gate and its report, and "what we know" give on PostgreSQL what they
//! give on a desk file, byte for byte, because both run the one definition above the storage
//! seam. Before, each of them was refused on a team desk (`unsupported`).

use chrono::{TimeZone, Utc};
use factdesk_core::checks::draft::{Finding, FindingKind};
use factdesk_core::error::ErrorCode;
use factdesk_core::export::ExportFormat;
use factdesk_core::team::copy::copy;
use factdesk_core::what_we_know::WhatWeKnowRequest;
use factdesk_core::{
    ClaimInput, Confidence, Desk, DraftInput, EvidenceInput, FixedClock, SourceInput, Stance,
};
use tempfile::TempDir;

use crate::TeamDesk;

fn pinned(desk: Desk) -> Desk {
    desk.with_clock(FixedClock(
        Utc.with_ymd_and_hms(2026, 2, 1, 9, 0, 0).unwrap(),
    ))
}

fn source(title: &str, kept: Option<&str>, via: Option<&str>) -> SourceInput {
    SourceInput {
        title: title.into(),
        outlet: Some("Reel Report".into()),
        published: Some("2025-05-22".into()),
        url: via.map(|_| "https://relay.example/salt-road".into()),
        kept_text: kept.map(Into::into),
        via: via.map(Into::into),
        ..SourceInput::default()
    }
}

fn cite(claim: &str, source: &str, quote: &str) -> EvidenceInput {
    EvidenceInput {
        claim: claim.into(),
        source: source.into(),
        quote: Some(quote.into()),
        stance: Some(Stance::Supports),
        ..EvidenceInput::default()
    }
}

/// A draft that gives every kind of read something to say: two sources whose citation keys
/// clash (so the second takes a suffix), a relay copy, a quote its source does not hold, a
/// claim stronger than its evidence, a name spelt two ways across the desk, a span naming its
/// claim by a short lower-case id, and a "what we know" block. Returns the draft's id and the
/// claims' ids.
fn build(desk: &mut Desk) -> (String, Vec<String>) {
    let order = desk
        .add_source(&source(
            "Season two ordered",
            Some("Streamline ordered a second season of The Salt Road on Tuesday."),
            None,
        ))
        .unwrap()
        .id;
    let casting = desk
        .add_source(&source(
            "Season two casting",
            Some("Casting for the second season begins in March."),
            None,
        ))
        .unwrap()
        .id;
    let relay = desk
        .add_source(&source("Picked up: season two", None, Some(&order)))
        .unwrap()
        .id;
    let renewed = desk
        .add_claim(&ClaimInput {
            text: "Streamline renewed The Salt Road for a second season".into(),
            confidence: Confidence::Confirmed,
            as_of: Some("2025-05-20".into()),
            status: None,
            topics: vec!["salt road".into()],
            settled: false,
        })
        .unwrap()
        .id;
    let director = desk
        .add_claim(&ClaimInput {
            text: "Director Park Ji-hoon returns for the second season".into(),
            confidence: Confidence::Reported,
            as_of: Some("2025-05-21".into()),
            status: None,
            topics: vec!["salt road".into()],
            settled: false,
        })
        .unwrap()
        .id;
    desk.link_evidence(&cite(&renewed, &order, "ordered a second season"))
        .unwrap();
    desk.link_evidence(&cite(&renewed, &relay, "a second season of The Salt Road"))
        .unwrap();
    desk.link_evidence(&cite(&director, &casting, "Park returns to direct"))
        .unwrap();
    let short = renewed[..10].to_ascii_lowercase();
    let body = format!(
        "# The Salt Road\n\n[Streamline renewed the show]{{claim={renewed}}} last week. \
         [Its director comes back]{{claim={director}}}, said Park Jihoon's agency. \
         The renewal [was expected]{{claim={short}}}.\n"
    );
    let draft = desk
        .add_draft(&DraftInput {
            title: "Salt Road renewal".into(),
            body,
        })
        .unwrap()
        .id;
    let request = WhatWeKnowRequest {
        topic: None,
        format: None,
    };
    desk.insert_what_we_know(&draft, &request, None).unwrap();
    (draft, vec![renewed, director])
}

/// Everything a person reads about a draft, as text, in a fixed order.
fn reads(desk: &Desk, draft: &str, claims: &[String]) -> Vec<(String, String)> {
    let footnotes = desk.export_draft(draft, ExportFormat::Footnotes).unwrap();
    let pandoc = desk.export_draft(draft, ExportFormat::Pandoc).unwrap();
    let body = desk.draft(draft).unwrap().body;
    let mut out = vec![
        (
            "check".to_string(),
            serde_json::to_string_pretty(&desk.check_draft(draft).unwrap()).unwrap(),
        ),
        ("footnotes".into(), footnotes.markdown),
        ("pandoc".into(), pandoc.markdown),
        ("bibliography".into(), pandoc.csl_json.unwrap_or_default()),
        (
            "analysis".into(),
            serde_json::to_string_pretty(&desk.analyse_draft(draft).unwrap()).unwrap(),
        ),
        (
            "blockers".into(),
            format!("{:?}", desk.publication_blockers(draft).unwrap()),
        ),
        ("report".into(), desk.provenance_report(draft).unwrap()),
        (
            "what we know".into(),
            serde_json::to_string_pretty(
                &desk
                    .what_we_know_edit(
                        &body,
                        None,
                        &WhatWeKnowRequest {
                            topic: Some("salt road".into()),
                            format: None,
                        },
                    )
                    .unwrap(),
            )
            .unwrap(),
        ),
    ];
    for c in claims {
        out.push((
            format!("provenance {c}"),
            serde_json::to_string_pretty(&desk.provenance(c).unwrap()).unwrap(),
        ));
    }
    out
}

fn kinds(findings: &[Finding]) -> Vec<FindingKind> {
    findings.iter().map(|f| f.kind).collect()
}

#[test]
fn a_draft_copied_to_a_team_desk_reads_the_same_there_byte_for_byte() {
    let dir = TempDir::new().unwrap();
    let path = dir.path().join("personal.sqlite");
    let (draft, claims) = build(&mut Desk::create(&path).unwrap());
    let team = TeamDesk::create();
    let url = team.url(&team.writer);
    copy(&draft, path.to_str().unwrap(), &url, None).unwrap();

    let file = pinned(Desk::open(&path).unwrap());
    let on_team = pinned(Desk::open_team(&url).unwrap());
    let want = reads(&file, &draft, &claims);
    let got = reads(&on_team, &draft, &claims);
    for ((what, want), (_, got)) in want.iter().zip(&got) {
        assert_eq!(
            got, want,
            "the {what} of the draft differs on the team desk"
        );
    }

    // The draft has something to say in each read, so the comparison above is not of blanks.
    let findings = file.check_draft(&draft).unwrap();
    for kind in [
        FindingKind::QuoteNotInSource,
        FindingKind::ConfidenceExceedsEvidence,
        FindingKind::NameVariant,
        FindingKind::MalformedSpan,
    ] {
        assert!(
            kinds(&findings).contains(&kind),
            "the draft should draw {kind:?}: {findings:#?}"
        );
    }
    let pandoc = on_team.export_draft(&draft, ExportFormat::Pandoc).unwrap();
    assert!(
        pandoc.markdown.contains("@reelreport2025seasona"),
        "the second source of one base key is cited with its suffix: {}",
        pandoc.markdown
    );
}

#[test]
fn a_draft_written_on_a_team_desk_is_checked_exported_and_traced_as_on_a_desk_file() {
    let dir = TempDir::new().unwrap();
    let mut file = Desk::create(dir.path().join("personal.sqlite")).unwrap();
    let (file_draft, file_claims) = build(&mut file);
    let team = TeamDesk::create();
    let mut on_team = Desk::open_team(&team.url(&team.writer)).unwrap();
    // Each of these was refused before (`unsupported`): the checks, the export, provenance.
    let (draft, claims) = build(&mut on_team);

    let findings = on_team.check_draft(&draft).unwrap();
    let want = file.check_draft(&file_draft).unwrap();
    assert_eq!(
        kinds(&findings),
        kinds(&want),
        "the same draft draws the same findings on both engines: {findings:#?}"
    );
    let fix = |fs: &[Finding]| {
        fs.iter()
            .find(|f| f.kind == FindingKind::MalformedSpan)
            .and_then(|f| f.fix.as_ref())
            .map(|e| e.text.clone())
            .unwrap_or_default()
    };
    assert!(
        fix(&findings).contains(&format!("claim={}", claims[0])),
        "a short lower-case id is offered its full id as the fix: {findings:#?}"
    );
    assert!(fix(&want).contains(&format!("claim={}", file_claims[0])));

    let pandoc = on_team.export_draft(&draft, ExportFormat::Pandoc).unwrap();
    for key in ["@reelreport2025season,", "@reelreport2025seasona,"] {
        assert!(
            pandoc.markdown.contains(key),
            "the team desk stores citation keys as a desk file does ({key}): {}",
            pandoc.markdown
        );
    }
    let footnotes = on_team
        .export_draft(&draft, ExportFormat::Footnotes)
        .unwrap();
    assert!(
        footnotes.markdown.contains("[^claim-1]: Confirmed")
            && footnotes
                .markdown
                .contains("Quote: “ordered a second season”"),
        "the footnotes name each claim's level and evidence: {}",
        footnotes.markdown
    );

    let traced = on_team
        .provenance(&claims[0][..24].to_ascii_lowercase())
        .unwrap();
    let on_file = file.provenance(&file_claims[0]).unwrap();
    assert_eq!(traced.evidence.len(), 2);
    assert_eq!(traced.independent_origins, on_file.independent_origins);
    assert_eq!(traced.suggested_confidence, on_file.suggested_confidence);
    assert!(
        traced.exceeds_evidence,
        "confirmed on one origin exceeds it"
    );
}

#[test]
fn what_stays_on_desk_files_is_refused_by_name_before_anything_is_written() {
    let team = TeamDesk::create();
    let mut on_team = Desk::open_team(&team.url(&team.writer)).unwrap();
    // A team desk is backed up with pg_dump (docs/team-desk.md).
    let e = on_team.backup_now(None).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Unsupported, "{e}");
    assert!(e.to_string().contains("backup"), "{e}");
}
