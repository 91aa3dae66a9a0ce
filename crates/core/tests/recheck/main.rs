//! Kept text and recheck (issue 11): every evidence quote a draft's claims use is looked for in
//! its source's kept text (`quote-not-in-source`), and pasting an article again with changed text
//! records the change and flags the evidence whose quotes vanished (`source-changed`).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::{TimeZone, Utc};
use factdesk_core::checks::draft::{Finding, FindingKind, Severity};
use factdesk_core::checks::quotes::quote_in_text;
use factdesk_core::intake::Article;
use factdesk_core::intake::record::Acceptance;
use factdesk_core::{
    ClaimInput, Confidence, Desk, DraftInput, EvidenceInput, EvidencePatch, FixedClock,
    PartialDate, RecordKind, SourceInput, SourceKind, migrations,
};

fn desk() -> Desk {
    Desk::open_in_memory().unwrap().with_clock(FixedClock(
        Utc.with_ymd_and_hms(2025, 6, 2, 9, 30, 0).unwrap(),
    ))
}

fn source(desk: &mut Desk, title: &str, kept: Option<&str>) -> String {
    desk.add_source(&SourceInput {
        title: title.into(),
        outlet: Some("Harbor Ent".into()),
        kind: Some(SourceKind::Outlet),
        kept_text: kept.map(Into::into),
        ..SourceInput::default()
    })
    .unwrap()
    .id
}

fn claim(desk: &mut Desk, text: &str) -> String {
    desk.add_claim(&ClaimInput {
        text: text.into(),
        confidence: Confidence::Reported,
        as_of: None,
        status: None,
        topics: vec![],
        settled: false,
    })
    .unwrap()
    .id
}

fn cite(desk: &mut Desk, claim: &str, source: &str, quote: &str, original: Option<&str>) -> String {
    desk.link_evidence(&EvidenceInput {
        claim: claim.into(),
        source: source.into(),
        quote: Some(quote.into()),
        original_quote: original.map(Into::into),
        ..EvidenceInput::default()
    })
    .unwrap()
    .id
}

/// A draft that uses each claim once, in a sentence that attributes it.
fn draft(desk: &mut Desk, claims: &[&str]) -> String {
    let body = claims
        .iter()
        .map(|c| format!("Harbor Ent reported that [the show returns]{{claim={c}}}."))
        .collect::<Vec<_>>()
        .join("\n\n");
    desk.add_draft(&DraftInput {
        title: "Explainer".into(),
        body,
    })
    .unwrap()
    .id
}

fn of_kind(findings: &[Finding], kind: FindingKind) -> Vec<&Finding> {
    findings.iter().filter(|f| f.kind == kind).collect()
}

#[test]
fn quotes_match_across_typography_spacing_case_and_unicode_forms() {
    let kept = "The studio said: “It’s\u{a0}a   go for\nseason two” — filming starts in May.";
    for (quote, why) in [
        (
            "\"It's a go for season two\"",
            "straight quotes for curly ones",
        ),
        ("it's A GO for Season Two", "case"),
        ("It’s a go  for season   two", "extra spaces"),
        ("It's\u{a0}a go", "a no-break space"),
        ("season two\" - filming", "a hyphen for an em dash"),
        ("season two” – filming starts", "an en dash for an em dash"),
    ] {
        assert!(
            quote_in_text(kept, quote),
            "{why}: {quote:?} is in the text"
        );
    }
    assert!(
        !quote_in_text(kept, "It's a go for season three"),
        "a changed word is not the same quote"
    );
    assert!(
        !quote_in_text(kept, "filming starts in June"),
        "a changed date is not the same quote"
    );
    // Hangul typed as separate jamo (NFD) is the same text as its syllables (NFC).
    let decomposed = "\u{1112}\u{1161}\u{11ab}\u{1100}\u{1173}\u{11af} 드라마";
    assert!(
        quote_in_text(decomposed, "한글 드라마"),
        "NFC and NFD Hangul match"
    );
}

#[test]
fn a_quote_missing_from_the_kept_text_is_a_blocking_finding_naming_claim_source_and_evidence() {
    let mut d = desk();
    let kept = "Crescent Pictures confirmed on Monday that “River Lanterns” will return in 2026.";
    let article = source(&mut d, "River Lanterns returns", Some(kept));
    let bare = source(&mut d, "A page with no kept text", None);
    let good = claim(&mut d, "River Lanterns returns in 2026");
    let bad = claim(&mut d, "River Lanterns returns in spring");
    let unkept = claim(&mut d, "River Lanterns keeps its cast");
    cite(
        &mut d,
        &good,
        &article,
        "crescent pictures confirmed on monday that \"River Lanterns\" will return",
        None,
    );
    let wrong = cite(
        &mut d,
        &bad,
        &article,
        "will return in the spring of 2026",
        None,
    );
    cite(&mut d, &unkept, &bare, "the whole cast returns", None);
    let draft = draft(&mut d, &[&good, &bad, &unkept]);

    let findings = d.check_draft(&draft).unwrap();
    let missing = of_kind(&findings, FindingKind::QuoteNotInSource);
    assert_eq!(
        missing.len(),
        1,
        "only the quote the source does not hold: {findings:#?}"
    );
    let f = missing[0];
    assert_eq!(
        f.claim.as_deref(),
        Some(bad.as_str()),
        "the finding names the claim"
    );
    assert!(
        f.message.contains(&article),
        "it names the source: {}",
        f.message
    );
    assert!(
        f.message.contains(&wrong),
        "it names the evidence: {}",
        f.message
    );
    assert_eq!(
        f.severity,
        Severity::Error,
        "a quote the source does not hold blocks"
    );
    assert_eq!(f.line, 3, "reported at the claim's span");

    let blockers = d.publication_blockers(&draft).unwrap();
    assert!(
        blockers.iter().any(
            |b| b.reason.starts_with("quote-not-in-source") && b.claim.as_deref() == Some(&bad)
        ),
        "the gate refuses it: {blockers:#?}"
    );
    let analysis = d.analyse_draft(&draft).unwrap();
    assert_eq!(
        of_kind(&analysis.findings, FindingKind::QuoteNotInSource).len(),
        1,
        "the editor's analysis shows it too"
    );

    d.edit_evidence(
        &wrong,
        &EvidencePatch {
            quote: Some("“River Lanterns” will return in 2026".into()),
            ..EvidencePatch::default()
        },
    )
    .unwrap();
    let findings = d.check_draft(&draft).unwrap();
    assert!(
        of_kind(&findings, FindingKind::QuoteNotInSource).is_empty(),
        "a corrected quote clears it: {findings:#?}"
    );
}

#[test]
fn a_translated_quote_is_looked_for_by_its_original() {
    let mut d = desk();
    let kept = "소속사 관계자는 \u{201c}긍정적으로 검토 중\u{201d}이라고 밝혔다.";
    let korean = source(&mut d, "Agency statement", Some(kept));
    let found = claim(&mut d, "The agency is positively reviewing the offer");
    let lost = claim(&mut d, "The agency accepted the offer");
    cite(
        &mut d,
        &found,
        &korean,
        "\"positively reviewing it\"",
        Some("\"긍정적으로 검토 중\""),
    );
    let wrong = cite(&mut d, &lost, &korean, "we accepted", Some("수락했다"));
    let draft = draft(&mut d, &[&found, &lost]);
    let findings = d.check_draft(&draft).unwrap();
    let missing = of_kind(&findings, FindingKind::QuoteNotInSource);
    assert_eq!(
        missing.iter().map(|f| f.claim.clone()).collect::<Vec<_>>(),
        vec![Some(lost.clone())],
        "the English translation is never looked for in Korean text; the original is: {findings:#?}"
    );
    assert!(missing[0].message.contains(&wrong));
    assert!(
        missing[0].message.contains("수락했다"),
        "it quotes the original looked for"
    );
}

const FIRST: &str = "\
Crescent Pictures said on Monday that River Lanterns will return for a second season.

The first season of River Lanterns ended on May 4 with a rating of 12.3 percent.

Filming of the second season is set to begin in September in Busan.
";

fn article(text: &str) -> Article {
    Article {
        text: text.into(),
        outlet: "Harbor Ent".into(),
        title: "River Lanterns will return".into(),
        url: Some("https://harbor.example/river-lanterns".into()),
        published: Some(PartialDate::parse("published", "2025-06-02").unwrap()),
        language: Some("en".into()),
    }
}

/// Accepts the pending candidate whose sentence holds `words`; returns its evidence id.
fn accept(d: &mut Desk, source: &str, words: &str) -> (String, String) {
    let c = d
        .candidates(Some(source))
        .unwrap()
        .into_iter()
        .find(|c| c.sentence.contains(words))
        .unwrap_or_else(|| panic!("a candidate holds {words:?}"));
    let a = d.accept_candidate(&c.id, &Acceptance::default()).unwrap();
    (a.claim.id, a.evidence.id)
}

fn source_count(d: &Desk) -> usize {
    d.sources_page(&factdesk_core::ListQuery {
        filter: factdesk_core::SourceFilter::default(),
        limit: Some(100),
        after: None,
    })
    .unwrap()
    .items
    .len()
}

#[test]
fn pasting_changed_text_records_the_change_and_flags_the_vanished_quote_only() {
    let mut d = desk();
    let first = d.intake(&article(FIRST), false).unwrap();
    let source = first.source.id.clone();
    let (kept_claim, kept_ev) = accept(&mut d, &source, "12.3 percent");
    let (lost_claim, lost_ev) = accept(&mut d, &source, "September in Busan");
    let draft = draft(&mut d, &[&kept_claim, &lost_claim]);
    assert!(
        d.check_draft(&draft).unwrap().iter().all(|f| !matches!(
            f.kind,
            FindingKind::QuoteNotInSource | FindingKind::SourceChanged
        )),
        "quotes taken from the kept text are found in it"
    );
    let sources_before = source_count(&d);
    let old_hash = first.source.kept_text_sha256.clone().unwrap();

    // The outlet rewrote its last paragraph.
    let changed = FIRST.replace(
        "Filming of the second season is set to begin in September in Busan.",
        "Filming of the second season has been pushed back to next year.",
    );
    let again = d.intake(&article(&changed), false).unwrap();
    assert_eq!(
        again.source.id, source,
        "the same article is the same source"
    );
    assert_eq!(
        source_count(&d),
        sources_before,
        "no second source is recorded"
    );
    assert_eq!(
        again.source.kept_text.as_deref(),
        Some(changed.trim()),
        "the new text is kept"
    );
    let new_hash = again.source.kept_text_sha256.clone().unwrap();
    assert_ne!(new_hash, old_hash);
    let change = again.change.clone().expect("the change is reported");
    assert_eq!(
        (change.old_sha256.as_deref(), change.new_sha256.as_str()),
        (Some(old_hash.as_str()), new_hash.as_str())
    );
    assert_eq!(
        change.flagged,
        vec![lost_ev.clone()],
        "only the vanished quote is flagged"
    );

    let history = d.history(RecordKind::Source, &source).unwrap();
    let hash_change = history
        .iter()
        .find(|h| h.field.as_deref() == Some("kept_text_sha256"))
        .expect("the source's history records the new hash");
    assert_eq!(
        hash_change.before.as_deref(),
        Some(format!("\"{old_hash}\"").as_str())
    );
    assert_eq!(
        hash_change.after.as_deref(),
        Some(format!("\"{new_hash}\"").as_str())
    );

    let findings = d.check_draft(&draft).unwrap();
    let changed_findings = of_kind(&findings, FindingKind::SourceChanged);
    assert_eq!(
        changed_findings
            .iter()
            .map(|f| f.claim.clone())
            .collect::<Vec<_>>(),
        vec![Some(lost_claim.clone())],
        "the claim whose quote vanished is flagged, the one whose quote is still there is not: \
         {findings:#?}"
    );
    assert!(changed_findings[0].message.contains(&lost_ev));
    assert!(
        of_kind(&findings, FindingKind::QuoteNotInSource).is_empty(),
        "the vanished quote is reported once, as the source changing"
    );
    assert!(
        !findings.iter().any(|f| f.message.contains(&kept_ev)),
        "the kept quote raises nothing"
    );
    let analysis = d.analyse_draft(&draft).unwrap();
    assert_eq!(
        of_kind(&analysis.findings, FindingKind::SourceChanged).len(),
        1
    );

    // The flag is kept in the desk: it is there when the desk is read again.
    let findings = d.check_draft(&draft).unwrap();
    assert_eq!(of_kind(&findings, FindingKind::SourceChanged).len(), 1);

    // The writer re-reads the article and edits the evidence: the flag is gone, and the quote,
    // still absent, is now reported as what it is.
    d.edit_evidence(
        &lost_ev,
        &EvidencePatch {
            locator: Some("the first version of the article".into()),
            ..EvidencePatch::default()
        },
    )
    .unwrap();
    let findings = d.check_draft(&draft).unwrap();
    assert!(
        of_kind(&findings, FindingKind::SourceChanged).is_empty(),
        "{findings:#?}"
    );
    assert_eq!(of_kind(&findings, FindingKind::QuoteNotInSource).len(), 1);
}

#[test]
fn a_quote_back_in_the_text_clears_its_flag() {
    let mut d = desk();
    let source = d.intake(&article(FIRST), false).unwrap().source.id;
    let (lost_claim, _) = accept(&mut d, &source, "September in Busan");
    let draft = draft(&mut d, &[&lost_claim]);
    let changed = FIRST.replace("in September in Busan", "next year");
    d.intake(&article(&changed), false).unwrap();
    assert_eq!(
        of_kind(&d.check_draft(&draft).unwrap(), FindingKind::SourceChanged).len(),
        1
    );
    let back = d.intake(&article(FIRST), false).unwrap();
    assert!(back.change.is_some(), "the text changed again");
    assert!(
        of_kind(&d.check_draft(&draft).unwrap(), FindingKind::SourceChanged).is_empty(),
        "the outlet restored the sentence"
    );
}

#[test]
fn pasting_the_same_text_again_records_nothing() {
    let mut d = desk();
    let first = d.intake(&article(FIRST), false).unwrap();
    let history = d
        .history(RecordKind::Source, &first.source.id)
        .unwrap()
        .len();
    let sources = source_count(&d);
    let candidates = d.candidates(Some(&first.source.id)).unwrap();
    // Trailing spaces and blank lines around it are trimmed away before the text is hashed.
    let again = d
        .intake(&article(&format!("\n{FIRST}\n\n")), false)
        .unwrap();
    assert_eq!(again.source, first.source, "the source is unchanged");
    assert!(again.change.is_none(), "no change is reported");
    assert_eq!(source_count(&d), sources, "no source is added");
    assert_eq!(
        d.history(RecordKind::Source, &first.source.id)
            .unwrap()
            .len(),
        history
    );
    assert_eq!(
        d.candidates(Some(&first.source.id)).unwrap(),
        candidates,
        "the candidates stay as they were"
    );
    assert_eq!(
        again.candidates, candidates,
        "and are what the intake shows"
    );
}

#[test]
fn an_article_without_a_url_is_matched_by_outlet_and_title() {
    let mut d = desk();
    let no_url = |text: &str| Article {
        url: None,
        ..article(text)
    };
    let first = d.intake(&no_url(FIRST), false).unwrap();
    let other = d
        .intake(
            &Article {
                title: "Another story".into(),
                ..no_url(FIRST)
            },
            false,
        )
        .unwrap();
    assert_ne!(
        other.source.id, first.source.id,
        "another title is another article"
    );
    let again = d
        .intake(&no_url(&FIRST.replace("Busan", "Seoul")), false)
        .unwrap();
    assert_eq!(again.source.id, first.source.id);
    assert!(again.change.is_some());
}

#[test]
fn a_desk_from_before_recheck_opens_and_flags() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    {
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        migrations::up_to(&mut conn, migrations::latest_version() as usize - 1).unwrap();
    }
    let mut d = Desk::open(&path).unwrap();
    let source = d.intake(&article(FIRST), false).unwrap().source.id;
    let (c, _) = accept(&mut d, &source, "September in Busan");
    let draft = draft(&mut d, &[&c]);
    d.intake(&article(&FIRST.replace("in Busan", "")), false)
        .unwrap();
    drop(d);
    let d = Desk::open(&path).unwrap();
    assert_eq!(
        of_kind(&d.check_draft(&draft).unwrap(), FindingKind::SourceChanged).len(),
        1,
        "the flag is kept in the file"
    );
}

#[test]
fn evidence_on_the_article_relaying_a_chain_is_read_against_the_article() {
    let mut d = desk();
    let text = format!(
        "{FIRST}\nStar Daily reported on Sunday that actor Han Yu-ri will join the second season.\n"
    );
    let recorded = d.intake(&article(&text), false).unwrap().source.id;
    let (relayed_claim, relayed_ev) = accept(&mut d, &recorded, "Han Yu-ri");
    let cited = d.evidence_for(&relayed_claim).unwrap()[0].source_id.clone();
    assert_ne!(
        cited, recorded,
        "a relayed candidate cites the article's copy relaying its chain"
    );
    let draft = draft(&mut d, &[&relayed_claim]);
    assert!(
        of_kind(
            &d.check_draft(&draft).unwrap(),
            FindingKind::QuoteNotInSource
        )
        .is_empty()
    );

    d.edit_evidence(
        &relayed_ev,
        &EvidencePatch {
            quote: Some("Han Yu-ri will lead the second season".into()),
            ..EvidencePatch::default()
        },
    )
    .unwrap();
    let findings = d.check_draft(&draft).unwrap();
    let missing = of_kind(&findings, FindingKind::QuoteNotInSource);
    assert_eq!(
        missing.len(),
        1,
        "the copy is read against the article's text: {findings:#?}"
    );
    assert!(
        missing[0].message.contains(&recorded),
        "{}",
        missing[0].message
    );
    let recheck = d.recheck_source(&recorded).unwrap();
    assert_eq!(
        recheck
            .absent
            .iter()
            .map(|a| a.evidence_id.as_str())
            .collect::<Vec<_>>(),
        vec![relayed_ev.as_str()],
        "recheck of the article lists its copies' evidence"
    );

    d.edit_evidence(
        &relayed_ev,
        &EvidencePatch {
            quote: Some("Han Yu-ri will join the second season".into()),
            ..EvidencePatch::default()
        },
    )
    .unwrap();
    let again = d.intake(&article(FIRST), false).unwrap();
    assert_eq!(
        again.change.unwrap().flagged,
        vec![relayed_ev.clone()],
        "the copy's evidence is flagged when the article drops its sentence"
    );
    let findings = d.check_draft(&draft).unwrap();
    assert_eq!(
        of_kind(&findings, FindingKind::SourceChanged).len(),
        1,
        "{findings:#?}"
    );
    let recheck = d.recheck_source(&cited).unwrap();
    assert!(recheck.has_kept_text);
    assert!(recheck.absent[0].source_changed);
}

#[test]
fn recheck_of_a_source_without_kept_text_checks_nothing() {
    let mut d = desk();
    let bare = source(&mut d, "A page with no kept text", None);
    let c = claim(&mut d, "River Lanterns keeps its cast");
    cite(&mut d, &c, &bare, "the whole cast returns", None);
    let r = d.recheck_source(&bare).unwrap();
    assert!(!r.has_kept_text && r.absent.is_empty() && r.checked == 0);
}

/// The stored result of "is this evidence's quote in its source's kept text", as the check
/// reads it: (kept-text hash it was checked against, found).
fn stored_check(d: &Desk, evidence: &str) -> Option<(String, bool)> {
    use rusqlite::OptionalExtension;
    d.conn()
        .unwrap()
        .query_row(
            "SELECT kept_text_sha256, found FROM evidence_quote_checks WHERE evidence_id = ?1",
            [evidence],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .unwrap()
}

fn kept_sha(d: &Desk, source: &str) -> String {
    d.conn()
        .unwrap()
        .query_row(
            "SELECT kept_text_sha256 FROM sources WHERE id = ?1",
            [source],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn whether_a_quote_is_in_its_source_is_stored_when_written_and_follows_each_change() {
    let mut d = desk();
    let s = source(
        &mut d,
        "Renewal",
        Some("The network said season two is a go."),
    );
    let c = claim(&mut d, "The show returns.");
    let e = cite(&mut d, &c, &s, "season two is a go", None);
    let draft = draft(&mut d, &[&c]);
    assert_eq!(stored_check(&d, &e), Some((kept_sha(&d, &s), true)));

    // The source's kept text changes: the stored result is worked out again against it.
    d.edit_source(
        &s,
        &factdesk_core::SourcePatch {
            kept_text: Some("The network said nothing yet.".into()),
            ..Default::default()
        },
    )
    .unwrap();
    assert_eq!(stored_check(&d, &e), Some((kept_sha(&d, &s), false)));
    assert_eq!(
        of_kind(
            &d.check_draft(&draft).unwrap(),
            FindingKind::QuoteNotInSource
        )
        .len(),
        1
    );

    // The evidence is edited to words the text holds.
    d.edit_evidence(
        &e,
        &EvidencePatch {
            quote: Some("said nothing yet".into()),
            ..EvidencePatch::default()
        },
    )
    .unwrap();
    assert_eq!(stored_check(&d, &e), Some((kept_sha(&d, &s), true)));
    assert!(
        of_kind(
            &d.check_draft(&draft).unwrap(),
            FindingKind::QuoteNotInSource
        )
        .is_empty()
    );
}

#[test]
fn the_check_reads_the_stored_result_not_the_text() {
    let mut d = desk();
    let s = source(
        &mut d,
        "Renewal",
        Some("The network said season two is a go."),
    );
    let c = claim(&mut d, "The show returns.");
    let e = cite(&mut d, &c, &s, "season two is a go", None);
    let draft = draft(&mut d, &[&c]);
    assert!(
        of_kind(
            &d.check_draft(&draft).unwrap(),
            FindingKind::QuoteNotInSource
        )
        .is_empty()
    );
    // Only the stored result says absent: the check believes it, so it did not read the text.
    d.conn()
        .unwrap()
        .execute(
            "UPDATE evidence_quote_checks SET found = 0 WHERE evidence_id = ?1",
            [&e],
        )
        .unwrap();
    assert_eq!(
        of_kind(
            &d.check_draft(&draft).unwrap(),
            FindingKind::QuoteNotInSource
        )
        .len(),
        1
    );
}

#[test]
fn a_desk_from_before_stored_quote_checks_gets_them_when_opened() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    let (e_in, e_out, s) = {
        let mut d = Desk::create(&path).unwrap();
        let s = source(
            &mut d,
            "Renewal",
            Some("The network said season two is a go."),
        );
        let c = claim(&mut d, "The show returns.");
        let e_in = cite(&mut d, &c, &s, "Season Two is a go", None);
        let e_out = cite(&mut d, &c, &s, "season three", None);
        (e_in, e_out, s)
    };
    {
        // The desk as the binary before this migration left it: no stored checks.
        let conn = rusqlite::Connection::open(&path).unwrap();
        // QUOTE_CHECKS is migration 13; the copies ledger (14) goes too, as it came after.
        let before = 12;
        conn.execute_batch(&format!(
            "DROP TRIGGER evidence_quote_edit_clears_check;
             DROP TRIGGER kept_text_change_clears_quote_checks;
             DROP TABLE evidence_quote_checks; DROP TABLE copies;
             DELETE FROM settings WHERE key = 'desk.id';
             PRAGMA user_version = {before};"
        ))
        .unwrap();
    }
    let d = Desk::open(&path).unwrap();
    assert_eq!(stored_check(&d, &e_in), Some((kept_sha(&d, &s), true)));
    assert_eq!(stored_check(&d, &e_out), Some((kept_sha(&d, &s), false)));
}
