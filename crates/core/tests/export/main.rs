//! Golden-file tests of both export formats over a desk that holds every hard case: a claim with
//! several sources, a two-hop relay chain, a translated quote, a claim with no source, a claim
//! used twice, a superseded and a disputed claim, code blocks that look like spans, an unknown
//! claim id, nested spans, and hostile text in fields and in the draft.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod hostile;
mod real_tools;

use std::sync::Mutex;

use chrono::{DateTime, Duration, TimeZone, Utc};
use factdesk_core::export::ExportFormat;
use factdesk_core::{
    ClaimInput, Clock, Confidence, Desk, DraftInput, EvidenceInput, Reliability, SourceInput,
    SourceKind, Stance,
};

/// A clock that moves one second per reading, so ids sort in creation order.
struct Ticking(Mutex<DateTime<Utc>>);

impl Clock for Ticking {
    fn now(&self) -> DateTime<Utc> {
        let mut t = self.0.lock().unwrap();
        *t += Duration::seconds(1);
        *t
    }
}

fn desk() -> Desk {
    Desk::open_in_memory()
        .unwrap()
        .with_clock(Ticking(Mutex::new(
            Utc.with_ymd_and_hms(2025, 6, 1, 9, 0, 0).unwrap(),
        )))
}

fn src(desk: &mut Desk, title: &str, outlet: &str, kind: SourceKind, via: Option<&str>) -> String {
    desk.add_source(&SourceInput {
        title: title.into(),
        outlet: Some(outlet.into()),
        kind: Some(kind),
        reliability: Some(Reliability::Medium),
        published: Some("2025-05-20".into()),
        url: Some(format!(
            "https://{}.example/story",
            outlet.to_lowercase().replace(' ', "")
        )),
        via: via.map(Into::into),
        ..SourceInput::default()
    })
    .unwrap()
    .id
}

fn claim(desk: &mut Desk, text: &str, confidence: Confidence) -> String {
    desk.add_claim(&ClaimInput {
        text: text.into(),
        confidence,
        as_of: Some("2025-05".into()),
        status: None,
        topics: vec![],
        settled: false,
    })
    .unwrap()
    .id
}

fn link(desk: &mut Desk, claim: &str, source: &str, quote: &str, stance: Stance) {
    desk.link_evidence(&EvidenceInput {
        claim: claim.into(),
        source: source.into(),
        quote: Some(quote.into()),
        stance: Some(stance),
        ..EvidenceInput::default()
    })
    .unwrap();
}

/// Builds the hard-case desk and returns it with its draft's id.
fn fixture() -> (Desk, String) {
    let mut d = desk();
    let interview = src(
        &mut d,
        "Director interview",
        "Hanbit Daily",
        SourceKind::Interview,
        None,
    );
    let relay = src(
        &mut d,
        "Winter shoot ahead",
        "Reel Report",
        SourceKind::Outlet,
        Some(&interview),
    );
    let relay2 = src(
        &mut d,
        "What we know",
        "Screen Digest",
        SourceKind::Outlet,
        Some(&relay),
    );
    let official = src(
        &mut d,
        "Renewal news",
        "Streamline",
        SourceKind::PressRelease,
        None,
    );
    let other = src(
        &mut d,
        "Cast list [updated]",
        "Ledger *Daily*",
        SourceKind::Outlet,
        None,
    );

    let renewed = claim(&mut d, "The show is renewed.", Confidence::Confirmed);
    link(
        &mut d,
        &renewed,
        &official,
        "It returns for season two.",
        Stance::Supports,
    );
    link(
        &mut d,
        &renewed,
        &other,
        "Renewal confirmed by the streamer",
        Stance::Supports,
    );

    let filming = claim(&mut d, "Filming starts in winter.", Confidence::Reported);
    d.link_evidence(&EvidenceInput {
        claim: filming.clone(),
        source: relay2.clone(),
        quote: Some("Shooting begins this winter.".into()),
        locator: Some("paragraph 4".into()),
        translated_by: Some("Reel Report staff".into()),
        original_quote: Some("촬영은 겨울에 시작합니다.".into()),
        stance: Some(Stance::Supports),
        first_party: None,
    })
    .unwrap();

    let guess = claim(
        &mut d,
        "The sister leads season two.",
        Confidence::Speculation,
    );
    let rumour = claim(&mut d, "The lead may leave.", Confidence::Unverified);
    link(
        &mut d,
        &rumour,
        &relay,
        "Everyone returns, said the director.",
        Stance::Contradicts,
    );
    let old = claim(&mut d, "Eight episodes.", Confidence::Reported);
    let new = claim(&mut d, "Ten episodes.", Confidence::Reported);
    d.supersede_claim(&old, &new).unwrap();

    let body = format!(
        "# Season 2: what we know\n\n\
         [The show is renewed]{{claim={renewed}}}, and again: [renewed]{{claim={renewed}}}.\n\
         [Filming starts in winter]{{claim={filming}}}. [Maybe the sister]{{claim={guess}}}.\n\
         [The lead may leave]{{claim={rumour}}}; [eight episodes]{{claim={old}}}.\n\n\
         Outer [nested [inner]{{claim={guess}}} text]{{claim={renewed}}}.\n\n\
         ```\n[not a span]{{claim={renewed}}} <b>code</b>\n```\n\n\
         Inline `[x]{{claim={renewed}}}` too. [Ghost]{{claim=01ZZZZZZZZZZZZZZZZZZZZZZZZ}}.\n\n\
         Hostile: <script>alert(1)</script> and <img src=x onerror=alert(2)> and <https://ok.example>.\n"
    );
    let draft = d
        .add_draft(&DraftInput {
            title: "Season 2: \"what we know\"".into(),
            body,
        })
        .unwrap();
    (d, draft.id)
}

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.add_filter(r"\b[0-9A-HJKMNP-TV-Z]{26}\b", "[ID]");
    s.add_filter(r#"exported: "[^"]+""#, "exported: [TIME]");
    s.set_prepend_module_to_snapshot(false);
    s
}

#[test]
fn footnotes_golden() {
    let (desk, draft) = fixture();
    let out = desk.export_draft(&draft, ExportFormat::Footnotes).unwrap();
    assert!(out.csl_json.is_none());
    settings().bind(|| insta::assert_snapshot!("footnotes", out.markdown));
}

#[test]
fn pandoc_golden() {
    let (desk, draft) = fixture();
    let out = desk.export_draft(&draft, ExportFormat::Pandoc).unwrap();
    settings().bind(|| {
        insta::assert_snapshot!("pandoc", out.markdown);
        insta::assert_snapshot!("pandoc_csl", out.csl_json.unwrap());
    });
}

#[test]
fn no_tag_survives_outside_code() {
    let (desk, draft) = fixture();
    for format in [ExportFormat::Footnotes, ExportFormat::Pandoc] {
        let md = desk.export_draft(&draft, format).unwrap().markdown;
        let outside_code: String = md
            .split("```")
            .enumerate()
            .filter(|(i, _)| i % 2 == 0)
            .map(|(_, s)| s)
            .collect();
        for tag in ["<script", "<img", "</script"] {
            assert!(
                !outside_code.replace(&format!("\\{tag}"), "").contains(tag),
                "{format:?}: an unescaped {tag} would reach a renderer"
            );
        }
        assert!(md.contains("<https://ok.example>"), "autolinks are kept");
        assert!(md.contains("<b>code</b>"), "code is left as written");
    }
}

#[test]
fn a_claim_used_twice_has_one_footnote() {
    let (desk, draft) = fixture();
    let md = desk
        .export_draft(&draft, ExportFormat::Footnotes)
        .unwrap()
        .markdown;
    assert_eq!(md.matches("[^claim-1]:").count(), 1);
    assert!(
        md.matches("[^claim-1]").count() >= 3,
        "every use refers to the same note"
    );
}

/// The draft checks warn about exactly what the export neutralises, and say what it does.
#[test]
fn findings_say_what_the_export_does() {
    use factdesk_core::checks::draft::FindingKind;
    let (mut desk, _) = fixture();
    let claim = claim(&mut desk, "The show is back.", Confidence::Speculation);
    let body = format!(
        "A <b>bold</b> word, [a link](javascript:alert(1)), [a word]{{onclick=alert(1)}},\n\
         `<i>x</i>`{{=html}} and [the show is back]{{claim={claim} onmouseover=alert(1)}}.\n\n\
         Ratings {{1, 2}} < 5, [kept](https://example.org), \\<not a tag>.\n\n\
         ```{{=html}}\n<script>alert(1)</script>\n```\n"
    );
    let findings = desk.check_text(&body).unwrap();
    let of = |kind: FindingKind| -> Vec<&str> {
        findings
            .iter()
            .filter(|f| f.kind == kind)
            .map(|f| &body[f.start..f.end])
            .collect()
    };
    assert_eq!(of(FindingKind::RawHtml), vec!["<b>", "</b>"]);
    assert_eq!(
        of(FindingKind::UnsafeLink),
        vec!["[a link](javascript:alert(1))"]
    );
    assert_eq!(
        of(FindingKind::RawAttribute),
        vec![
            "{onclick=alert(1)}",
            "{=html}",
            &format!("{{claim={claim} onmouseover=alert(1)}}"),
            "{=html}",
        ],
        "a brace in prose and the claim's own attribute are not findings"
    );
    for f in &findings {
        assert!(
            !f.message.contains("will be shown"),
            "no finding promises what the export does not do: {}",
            f.message
        );
    }

    // What the messages say is what a renderer shows.
    let draft = desk
        .add_draft(&DraftInput {
            title: "Findings".into(),
            body,
        })
        .unwrap();
    let md = desk
        .export_draft(&draft.id, ExportFormat::Footnotes)
        .unwrap()
        .markdown;
    let html = real_tools::gfm_html(&md);
    assert!(
        html.contains("&lt;b&gt;bold&lt;/b&gt;"),
        "raw HTML is shown as text: {html}"
    );
    assert!(
        !html.contains("href=\"javascript"),
        "the unsafe link is text: {html}"
    );
    assert!(html.contains("[a link](javascript:alert(1))"), "{html}");
    assert!(
        html.contains("{onclick=alert(1)}"),
        "the attribute block is shown as text: {html}"
    );
    assert!(
        html.contains("&lt;not a tag&gt;"),
        "an escaped < stays text"
    );
    assert!(
        html.contains("<a href=\"https://example.org\">kept</a>"),
        "safe links stay links"
    );
    assert!(html.contains("&lt;script&gt;"), "the raw block is code");
}
