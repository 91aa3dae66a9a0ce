//! The "what we know" block: a generated summary of a draft's (or a topic's) claims by
//! confidence, each entry a claim span, delimited by markers that carry a fingerprint of what it
//! was generated from, so the checks can say when it is out of date.

use std::process::Command;
use std::sync::Mutex;

use chrono::{DateTime, Duration, TimeZone, Utc};
use factdesk_core::checks::draft::FindingKind;
use factdesk_core::export::ExportFormat;
use factdesk_core::spans;
use factdesk_core::what_we_know::{self, BlockFormat, WhatWeKnowRequest};
use factdesk_core::{
    ClaimInput, ClaimPatch, Clock, Confidence, Desk, DraftInput, EvidenceInput, Reliability,
    SaveReason, SourceInput, SourceKind, Stance,
};

struct Ticking(Mutex<DateTime<Utc>>);

impl Clock for Ticking {
    fn now(&self) -> DateTime<Utc> {
        let mut t = self.0.lock().unwrap();
        *t += Duration::seconds(1);
        *t
    }
}

struct Fixture {
    desk: Desk,
    draft: String,
    /// Claim ids by level, strongest first.
    confirmed: String,
    corroborated: String,
    reported: String,
    unverified: String,
    speculation: String,
    spare_source: String,
}

fn source(desk: &mut Desk, title: &str, outlet: &str, kind: SourceKind) -> String {
    desk.add_source(&SourceInput {
        title: title.into(),
        outlet: Some(outlet.into()),
        kind: Some(kind),
        reliability: Some(Reliability::High),
        published: Some("2025-05-02".into()),
        url: Some(format!("https://{outlet}.example/item")),
        ..SourceInput::default()
    })
    .unwrap()
    .id
}

fn claim(desk: &mut Desk, text: &str, confidence: Confidence, as_of: &str) -> String {
    desk.add_claim(&ClaimInput {
        text: text.into(),
        confidence,
        as_of: Some(as_of.into()),
        status: None,
        topics: vec!["season-two".into()],
        settled: false,
    })
    .unwrap()
    .id
}

fn link(desk: &mut Desk, claim: &str, source: &str) {
    desk.link_evidence(&EvidenceInput {
        claim: claim.into(),
        source: source.into(),
        quote: Some("words that bear it out".into()),
        stance: Some(Stance::Supports),
        first_party: Some(true),
        ..EvidenceInput::default()
    })
    .unwrap();
}

fn fixture() -> Fixture {
    let mut desk = crate::desk_with_clock(Ticking(Mutex::new(
        Utc.with_ymd_and_hms(2025, 6, 1, 9, 0, 0).unwrap(),
    )));
    let studio = source(
        &mut desk,
        "Season two announced",
        "studio",
        SourceKind::PressRelease,
    );
    let paper = source(&mut desk, "Cast returns", "paper", SourceKind::Outlet);
    let trade = source(
        &mut desk,
        "Cast returns, again",
        "trade",
        SourceKind::Outlet,
    );
    let forum = source(
        &mut desk,
        "A post about the finale",
        "forum",
        SourceKind::Social,
    );
    let spare_source = source(&mut desk, "Another look", "weekly", SourceKind::Outlet);

    let confirmed = claim(
        &mut desk,
        "The series returns for a second season.",
        Confidence::Confirmed,
        "2025-05-02",
    );
    link(&mut desk, &confirmed, &studio);
    let corroborated = claim(
        &mut desk,
        "The lead | cast returns.",
        Confidence::Corroborated,
        "2025-05",
    );
    link(&mut desk, &corroborated, &paper);
    link(&mut desk, &corroborated, &trade);
    let reported = claim(
        &mut desk,
        "Filming moves to [Busan].",
        Confidence::Reported,
        "2025-04-20",
    );
    link(&mut desk, &reported, &paper);
    let unverified = claim(
        &mut desk,
        "The finale runs ninety minutes.",
        Confidence::Unverified,
        "2025-05-30",
    );
    link(&mut desk, &unverified, &forum);
    let speculation = claim(
        &mut desk,
        "A third season looks likely.",
        Confidence::Speculation,
        "2025-06",
    );

    let body = format!(
        "# Season two, so far\n\nThe studio said [the series returns]{{claim={confirmed}}}. \
         Two papers say [the lead cast returns]{{claim={corroborated}}}.\n\n\
         One paper reports that [filming moves]{{claim={reported}}}, and a post claims \
         [the finale is long]{{claim={unverified}}}. We think [a third season is likely]{{claim={speculation}}}.\n\n\
         ## The rest\n\nMore later.\n"
    );
    let draft = desk
        .add_draft(&DraftInput {
            title: "Season two".into(),
            body,
        })
        .unwrap()
        .id;
    Fixture {
        desk,
        draft,
        confirmed,
        corroborated,
        reported,
        unverified,
        speculation,
        spare_source,
    }
}

fn request(format: BlockFormat) -> WhatWeKnowRequest {
    WhatWeKnowRequest {
        topic: None,
        format: Some(format),
    }
}

fn body(f: &Fixture) -> String {
    f.desk.draft(&f.draft).unwrap().body
}

/// Inserts a block at the end of "The rest" heading's paragraph and saves it.
fn insert(f: &mut Fixture, format: BlockFormat) -> String {
    let at = body(f).find("More later.").unwrap();
    f.desk
        .insert_what_we_know(&f.draft, &request(format), Some(at))
        .unwrap();
    body(f)
}

fn stale(desk: &Desk, draft: &str) -> usize {
    desk.analyse_draft(draft)
        .unwrap()
        .findings
        .iter()
        .filter(|x| x.kind == FindingKind::WhatWeKnowStale)
        .count()
}

fn block_of(body: &str) -> &str {
    let block = what_we_know::find_block(body).expect("the draft holds a block");
    &body[block.range]
}

#[test]
fn the_table_groups_claims_by_confidence_and_each_entry_is_a_claim_span() {
    let mut f = fixture();
    let body = insert(&mut f, BlockFormat::Table);
    let block = block_of(&body);
    let rows: Vec<&str> = block
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| ---"))
        .collect();
    assert_eq!(rows[0], "| Confidence | What we know | As of | Sources |");
    let data = &rows[1..];
    assert_eq!(data.len(), 5, "one row a claim: {block}");
    let ids = [
        &f.confirmed,
        &f.corroborated,
        &f.reported,
        &f.unverified,
        &f.speculation,
    ];
    let groups = [
        "Confirmed",
        "Reported",
        "Reported",
        "Unverified or rumoured",
        "Speculation",
    ];
    let as_of = [
        "2025-05-02",
        "2025-05",
        "2025-04-20",
        "2025-05-30",
        "2025-06",
    ];
    let sources = ["1", "2", "1", "1", "0"];
    for (i, row) in data.iter().enumerate() {
        let cells: Vec<&str> = row.trim_matches('|').split(" | ").map(str::trim).collect();
        assert_eq!(cells[0], groups[i], "row {i} is in its group: {row}");
        let spans = spans::parse(cells[1]);
        assert_eq!(spans.len(), 1, "the entry is one claim span: {row}");
        assert_eq!(&spans[0].claim_id, ids[i], "rows go strongest first: {row}");
        assert_eq!(cells[2], as_of[i]);
        assert_eq!(cells[3], sources[i], "distinct supporting sources: {row}");
    }
    // The claim's own words, escaped so the span and the table stay whole.
    let parsed = spans::parse(block);
    let corroborated = parsed
        .iter()
        .find(|s| s.claim_id == f.corroborated)
        .unwrap();
    assert_eq!(corroborated.text, r"The lead \| cast returns.");
    let reported = parsed.iter().find(|s| s.claim_id == f.reported).unwrap();
    assert_eq!(reported.text, r"Filming moves to \[Busan\].");
    // The rest of the draft is as it was.
    assert!(body.starts_with("# Season two, so far\n\nThe studio said"));
    assert!(body.trim_end().ends_with("More later."));
    assert_eq!(
        f.desk.analyse_draft(&f.draft).unwrap().findings.len(),
        f.desk
            .analyse_text(&body.replace(block, ""))
            .unwrap()
            .findings
            .len(),
        "the block adds no finding of its own (wording, unmarked dates) to a fresh draft"
    );
}

#[test]
fn sections_give_a_heading_a_group_and_a_bullet_an_entry() {
    let mut f = fixture();
    let body = insert(&mut f, BlockFormat::Sections);
    let block = block_of(&body);
    let headings: Vec<&str> = block.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(
        headings,
        [
            "### Confirmed",
            "### Reported",
            "### Unverified or rumoured",
            "### Speculation"
        ],
        "one level below the heading the block sits under"
    );
    let bullets: Vec<&str> = block.lines().filter(|l| l.starts_with("- ")).collect();
    assert_eq!(bullets.len(), 5);
    assert!(
        bullets[1].contains(&format!("{{claim={}}}", f.corroborated))
            && bullets[1].ends_with("(as of 2025-05; 2 sources)"),
        "{}",
        bullets[1]
    );
    assert!(
        bullets[4].ends_with("(as of 2025-06; no source)"),
        "{}",
        bullets[4]
    );
    for b in &bullets {
        assert_eq!(
            spans::parse(b).len(),
            1,
            "each bullet is one claim span: {b}"
        );
    }
}

#[test]
fn the_block_goes_stale_when_its_claims_change_and_regenerating_replaces_it_in_place() {
    let mut f = fixture();
    let first = insert(&mut f, BlockFormat::Table);
    assert_eq!(stale(&f.desk, &f.draft), 0, "a fresh block is up to date");

    // Confidence.
    f.desk
        .edit_claim(
            &f.reported,
            &ClaimPatch {
                confidence: Some(Confidence::Unverified),
                ..ClaimPatch::default()
            },
            None,
        )
        .unwrap();
    assert_eq!(
        stale(&f.desk, &f.draft),
        1,
        "a confidence change makes it stale"
    );
    let finding = f
        .desk
        .analyse_draft(&f.draft)
        .unwrap()
        .findings
        .into_iter()
        .find(|x| x.kind == FindingKind::WhatWeKnowStale)
        .unwrap();
    assert!(
        finding.message.contains("out of date"),
        "{}",
        finding.message
    );
    let fix = finding
        .fix
        .expect("the finding offers the regenerated block");

    f.desk
        .insert_what_we_know(&f.draft, &WhatWeKnowRequest::default(), None)
        .unwrap();
    let second = body(&f);
    assert_eq!(
        stale(&f.desk, &f.draft),
        0,
        "regenerating clears the finding"
    );
    assert_eq!(
        &second[fix.start..fix.start + fix.text.len()],
        fix.text,
        "the fix is the regeneration"
    );
    let (a, b) = (
        what_we_know::find_block(&first).unwrap().range,
        what_we_know::find_block(&second).unwrap().range,
    );
    assert_eq!(a.start, b.start, "replaced in place");
    assert_eq!(first[..a.start], second[..b.start]);
    assert_eq!(first[a.end..], second[b.end..]);
    assert_eq!(
        second.matches("[what-we-know]:").count(),
        1,
        "one block per draft"
    );
    assert!(
        block_of(&second).contains("| Unverified or rumoured | [Filming moves"),
        "the claim moved group: {}",
        block_of(&second)
    );
    assert!(
        block_of(&second)
            .lines()
            .any(|l| l == "| Confidence | What we know | As of | Sources |"),
        "regenerating keeps the format"
    );

    // As-of date.
    f.desk
        .edit_claim(
            &f.confirmed,
            &ClaimPatch {
                as_of: Some("2025-05-20".into()),
                ..ClaimPatch::default()
            },
            None,
        )
        .unwrap();
    assert_eq!(
        stale(&f.desk, &f.draft),
        1,
        "an as-of change makes it stale"
    );
    f.desk
        .insert_what_we_know(&f.draft, &WhatWeKnowRequest::default(), None)
        .unwrap();
    assert_eq!(stale(&f.desk, &f.draft), 0);

    // Evidence.
    let spare = f.spare_source.clone();
    link(&mut f.desk, &f.reported, &spare);
    assert_eq!(stale(&f.desk, &f.draft), 1, "new evidence makes it stale");
    f.desk
        .insert_what_we_know(&f.draft, &WhatWeKnowRequest::default(), None)
        .unwrap();
    assert_eq!(stale(&f.desk, &f.draft), 0);
    assert!(
        block_of(&body(&f)).contains("| 2025-04-20 | 2 |"),
        "{}",
        body(&f)
    );
}

#[test]
fn a_new_claim_in_the_text_makes_a_draft_block_stale_but_editing_words_around_it_does_not() {
    let mut f = fixture();
    let text = insert(&mut f, BlockFormat::Sections);
    let edited = text.replace("More later.", "More later, and soon.");
    let analysis = f.desk.analyse_text(&edited).unwrap();
    assert!(
        !analysis
            .findings
            .iter()
            .any(|x| x.kind == FindingKind::WhatWeKnowStale),
        "words outside spans do not change what we know"
    );
    let extra = claim(
        &mut f.desk,
        "The premiere is in autumn.",
        Confidence::Reported,
        "2025-05",
    );
    let cited = edited.replace("More later", &format!("[Autumn]{{claim={extra}}}, later"));
    let analysis = f.desk.analyse_text(&cited).unwrap();
    assert!(
        analysis
            .findings
            .iter()
            .any(|x| x.kind == FindingKind::WhatWeKnowStale),
        "a claim the block does not list makes it stale"
    );
}

#[test]
fn a_topic_block_lists_the_topics_claims_and_errors_name_their_field() {
    let mut f = fixture();
    let outside = f
        .desk
        .add_claim(&ClaimInput {
            text: "Only in the topic.".into(),
            confidence: Confidence::Reported,
            as_of: Some("2025-05".into()),
            status: None,
            topics: vec!["season-two".into()],
            settled: false,
        })
        .unwrap()
        .id;
    let edit = f
        .desk
        .what_we_know_edit(
            &body(&f),
            None,
            &WhatWeKnowRequest {
                topic: Some("season-two".into()),
                format: Some(BlockFormat::Sections),
            },
        )
        .unwrap();
    let ids: Vec<String> = spans::parse(&edit.text)
        .into_iter()
        .map(|s| s.claim_id)
        .collect();
    assert_eq!(ids.len(), 6);
    assert!(
        ids.contains(&outside),
        "a topic block lists claims the draft does not cite"
    );
    assert_eq!(
        edit.start,
        body(&f).len(),
        "with no cursor, the block goes at the end"
    );

    let err = f
        .desk
        .what_we_know_edit(
            &body(&f),
            None,
            &WhatWeKnowRequest {
                topic: Some("no-such-topic".into()),
                format: None,
            },
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("topic"), "{err}");
    let err = f
        .desk
        .what_we_know_edit("No claims here.", None, &request(BlockFormat::Table))
        .unwrap_err();
    assert_eq!(err.field(), Some("draft"), "{err}");
    let err = BlockFormat::parse("format", "list").unwrap_err();
    assert_eq!(err.field(), Some("format"));
    // The topic survives a regeneration.
    let mut text = body(&f);
    text.replace_range(edit.start..edit.end, &edit.text);
    f.desk
        .save_draft(
            &f.draft,
            &DraftInput {
                title: "Season two".into(),
                body: text,
            },
            SaveReason::Explicit,
            None,
        )
        .unwrap();
    assert_eq!(stale(&f.desk, &f.draft), 0);
    f.desk
        .edit_claim(
            &outside,
            &ClaimPatch {
                confidence: Some(Confidence::Corroborated),
                ..ClaimPatch::default()
            },
            None,
        )
        .unwrap();
    assert_eq!(
        stale(&f.desk, &f.draft),
        1,
        "a topic claim's change makes it stale"
    );
}

fn pandoc(args: &[&str], input: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("draft.md");
    std::fs::write(&md, input).unwrap();
    let out = Command::new("pandoc")
        .arg("--wrap=none")
        .args(args)
        .arg(&md)
        .output()
        .expect("pandoc is installed (make test installs Debian's pandoc)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "pandoc failed: {stderr}");
    assert_eq!(stderr.trim(), "", "pandoc warned");
    String::from_utf8_lossy(&out.stdout).to_string()
}

#[test]
fn both_exports_render_the_block_through_pandoc_with_no_marker_showing() {
    for format in [BlockFormat::Table, BlockFormat::Sections] {
        let mut f = fixture();
        insert(&mut f, format);
        let footnotes = f
            .desk
            .export_draft(&f.draft, ExportFormat::Footnotes)
            .unwrap();
        let pandoc_md = f.desk.export_draft(&f.draft, ExportFormat::Pandoc).unwrap();
        for (name, html) in [
            (
                "footnotes",
                pandoc(&["-f", "gfm", "-t", "html"], &footnotes.markdown),
            ),
            ("pandoc", pandoc(&["-t", "html"], &pandoc_md.markdown)),
        ] {
            for leak in ["what-we-know", "{claim", "{", "]{", "[/", ":::"] {
                assert!(
                    !html.contains(leak),
                    "{name} export of {format:?} shows “{leak}”: {html}"
                );
            }
            assert!(
                html.contains("The series returns for a second season."),
                "{html}"
            );
            match format {
                BlockFormat::Table => {
                    assert_eq!(html.matches("<table").count(), 1, "{name}: {html}");
                    assert!(html.contains("Unverified or rumoured"), "{html}");
                }
                BlockFormat::Sections => {
                    assert!(
                        html.contains(">Unverified or rumoured</h3>"),
                        "{name}: {html}"
                    );
                    assert!(html.matches("<li").count() >= 5, "{html}");
                }
            }
        }
        // The markers stay in the exported Markdown, so the block is still found there.
        assert!(what_we_know::find_block(&footnotes.markdown).is_some());
    }
}
