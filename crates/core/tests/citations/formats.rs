//! Each format read, deduplicated and reported; bad files refused whole.

use factdesk_core::citations::CitationFormat;
use factdesk_core::{CoreError, ErrorReport, RecordKind, SourceInput, SourceKind};

use crate::{all_sources, by_title, desk, fixture};

#[test]
fn a_zotero_library_creates_each_source_once_and_reports_every_duplicate() {
    let mut d = desk();
    let report = d.import_citations(&fixture("library.json"), false).unwrap();
    assert_eq!(report.format, CitationFormat::CslJson);
    let created: Vec<usize> = report.created.iter().map(|c| c.index).collect();
    assert_eq!(created, [0, 1, 2, 4, 6, 8, 9], "{report:#?}");
    assert!(
        report.merged.is_empty(),
        "an empty desk has nothing to merge into"
    );
    let skipped: Vec<(usize, &str)> = report
        .skipped
        .iter()
        .map(|s| (s.index, s.reason.as_str()))
        .collect();
    assert_eq!(
        skipped,
        [
            (3, "same DOI as entry 2, filling its empty author, notes"),
            (5, "same URL as entry 4, filling its empty language"),
            (7, "same title and date as entry 6, filling its empty url"),
        ],
        "each repeat names the entry it repeats, the key, and what it added"
    );
    assert_eq!(all_sources(&d).len(), 7);

    let harbor = by_title(&d, "Night Ferry crew weighs a second season");
    assert_eq!(harbor.outlet.as_deref(), Some("Harbor Ent"));
    assert_eq!(harbor.author.as_deref(), Some("Ji-ho Park"));
    assert_eq!(harbor.published.unwrap().to_string(), "2025-06-02");
    assert_eq!(harbor.accessed.unwrap().to_string(), "2025-06-03");
    assert_eq!(
        harbor.url.as_deref(),
        Some("https://www.harbor.example/night-ferry/")
    );
    assert_eq!(harbor.language.as_deref(), Some("en"));
    assert_eq!(harbor.kind, SourceKind::Outlet);

    let statement = by_title(&d, "Statement on Night Ferry");
    assert_eq!(statement.kind, SourceKind::PressRelease);
    assert_eq!(statement.outlet.as_deref(), Some("Bluewave Studio"));

    // The duplicate's fields fill what the first copy lacked, and nothing the first one had.
    let star = by_title(&d, "Cast offered new contracts, insider says");
    assert_eq!(star.outlet.as_deref(), Some("Star Daily"));
    assert_eq!(star.author.as_deref(), Some("Star Daily desk"));
    assert_eq!(
        star.url.as_deref(),
        Some("https://doi.org/10.5555/stardaily.2025.0601")
    );
    assert_eq!(star.published.unwrap().to_string(), "2025-06-01");
    let ratings = by_title(&d, "Weekly drama ratings, week 18");
    assert_eq!(ratings.language.as_deref(), Some("ko"));
    assert_eq!(ratings.kind, SourceKind::Dataset);
    let interview = by_title(&d, "Oh Da-eun on the long shoot at sea");
    assert_eq!(
        interview.author.as_deref(),
        Some("Hana Lee, Screen Weekly staff")
    );
    assert_eq!(
        interview.url.as_deref(),
        Some("https://screenweekly.example/oh-da-eun")
    );
    assert_eq!(interview.kind, SourceKind::Interview);
    assert_eq!(
        by_title(&d, "Set photos from the harbour").kind,
        SourceKind::Social
    );
    assert_eq!(
        by_title(&d, "Acceptance speech at the Coast Awards").kind,
        SourceKind::Person
    );

    // Each source has its history, as a source added by hand does.
    let history = d.history(RecordKind::Source, &star.id).unwrap();
    assert!(history.iter().any(|h| h.action == "create"), "{history:#?}");
}

#[test]
fn importing_the_same_library_twice_adds_nothing() {
    let mut d = desk();
    d.import_citations(&fixture("library.json"), false).unwrap();
    let before = all_sources(&d);
    let again = d.import_citations(&fixture("library.json"), false).unwrap();
    assert!(
        again.created.is_empty() && again.merged.is_empty(),
        "{again:#?}"
    );
    assert_eq!(again.skipped.len(), 10);
    assert!(
        again.skipped[0].reason.contains("already in the desk"),
        "{again:#?}"
    );
    assert_eq!(all_sources(&d), before, "a second import changes nothing");
}

#[test]
fn a_merge_fills_empty_fields_of_a_desk_source_and_keeps_the_rest() {
    let mut d = desk();
    let mine = d
        .add_source(&SourceInput {
            title: "My own title for the Harbor piece".into(),
            url: Some("http://harbor.example/night-ferry".into()),
            language: Some("ko".into()),
            ..SourceInput::default()
        })
        .unwrap();
    let report = d.import_citations(&fixture("library.json"), false).unwrap();
    assert_eq!(report.merged.len(), 1, "{report:#?}");
    assert_eq!(report.merged[0].index, 0);
    assert_eq!(report.merged[0].id, mine.id);
    assert_eq!(
        report.merged[0].filled,
        ["outlet", "author", "published", "accessed"],
        "the fields the desk lacked"
    );
    let after = d.source(&mine.id).unwrap();
    assert_eq!(
        after.title, "My own title for the Harbor piece",
        "never overwritten"
    );
    assert_eq!(after.language.as_deref(), Some("ko"), "never overwritten");
    assert_eq!(
        after.url.as_deref(),
        Some("http://harbor.example/night-ferry")
    );
    assert_eq!(after.outlet.as_deref(), Some("Harbor Ent"));
    assert_eq!(after.version, 2, "a merge is one edit");
    let history = d.history(RecordKind::Source, &mine.id).unwrap();
    assert!(
        history
            .iter()
            .any(|h| h.action == "update" && h.field.as_deref() == Some("outlet")),
        "{history:#?}"
    );
}

#[test]
fn a_dry_run_reports_the_plan_and_writes_nothing() {
    let mut d = desk();
    let report = d.import_citations(&fixture("library.json"), true).unwrap();
    assert!(report.dry_run);
    assert_eq!(report.created.len(), 7);
    assert!(all_sources(&d).is_empty(), "a dry run writes nothing");
}

#[test]
fn bad_entries_are_named_by_file_index_and_field_and_nothing_is_written() {
    let mut d = desk();
    let err = d
        .import_citations(&fixture("library-bad.json"), false)
        .unwrap_err();
    let CoreError::BadEntries { file, entries } = &err else {
        panic!("bad entries are reported as such: {err:?}");
    };
    assert!(file.ends_with("library-bad.json"), "{file}");
    let named: Vec<(usize, &str)> = entries
        .iter()
        .map(|e| (e.index, e.field.as_str()))
        .collect();
    assert_eq!(named, [(4, "title"), (7, "published")], "{err}");
    let report = ErrorReport::from(&err);
    assert_eq!(report.field.as_deref(), Some("title"));
    assert!(
        report.message.contains("library-bad.json"),
        "{}",
        report.message
    );
    assert!(
        report.message.contains("sometime in spring"),
        "{}",
        report.message
    );
    assert!(all_sources(&d).is_empty(), "nothing is half-imported");
}

#[test]
fn a_file_that_is_not_json_names_the_file_and_where() {
    let mut d = desk();
    let err = d
        .import_citation_text("broken.json", "[{\"title\": \"x\",}", false)
        .unwrap_err();
    let report = ErrorReport::from(&err);
    assert_eq!(report.field.as_deref(), Some("file"));
    assert!(
        report.message.contains("broken.json") && report.message.contains("line 1"),
        "{}",
        report.message
    );
    let err = d
        .import_citation_text("notes.txt", "just some words\n", false)
        .unwrap_err();
    assert!(err.to_string().contains("CSL-JSON, BibTeX or RIS"), "{err}");
}

#[test]
fn a_bibtex_library_maps_articles_online_entries_and_biblatex_dates() {
    let mut d = desk();
    let report = d.import_citations(&fixture("library.bib"), false).unwrap();
    assert_eq!(report.format, CitationFormat::Bibtex);
    assert_eq!(report.created.len(), 3, "{report:#?}");
    assert_eq!(
        report.skipped.len(),
        1,
        "the @misc repeats the article's DOI"
    );
    assert_eq!(report.skipped[0].index, 3);

    let article = by_title(&d, "Two Leads Join Night Ferry for Season Two");
    assert_eq!(
        article.outlet.as_deref(),
        Some("Harbor Daily"),
        "@string macros resolve"
    );
    assert_eq!(article.author.as_deref(), Some("Min-ji Kim, Dae-ho Choi"));
    assert_eq!(article.published.unwrap().to_string(), "2025-05");
    assert_eq!(
        article.url.as_deref(),
        Some("https://harbordaily.example/casting")
    );
    assert_eq!(article.kind, SourceKind::Outlet);

    let online = by_title(&d, "Night Ferry production notes");
    assert_eq!(online.author.as_deref(), Some("Bluewave Studio"));
    assert_eq!(online.outlet.as_deref(), Some("Bluewave Studio"));
    assert_eq!(online.published.unwrap().to_string(), "2025-06-01");
    assert_eq!(online.accessed.unwrap().to_string(), "2025-06-05");
    assert_eq!(
        online.language.as_deref(),
        Some("en"),
        "langid english is en"
    );

    let review = by_title(&d, "A Quiet Sea Drama Finds Its Audience");
    assert_eq!(
        review.outlet.as_deref(),
        Some("Screen Weekly"),
        "journaltitle"
    );
    assert_eq!(review.published.unwrap().to_string(), "2025-05");
    assert_eq!(review.language.as_deref(), Some("ko"));
    assert_eq!(review.notes.as_deref(), Some("Print edition, page 12"));
}

#[test]
fn a_ris_file_maps_its_tags() {
    let mut d = desk();
    let report = d.import_citations(&fixture("library.ris"), false).unwrap();
    assert_eq!(report.format, CitationFormat::Ris);
    assert_eq!(report.created.len(), 3, "{report:#?}");
    let news = by_title(&d, "Night Ferry wraps filming");
    assert_eq!(news.author.as_deref(), Some("Seo-yeon Jung, Bo-ra Han"));
    assert_eq!(news.outlet.as_deref(), Some("Coast Times"));
    assert_eq!(news.published.unwrap().to_string(), "2025-07-02");
    assert_eq!(news.language.as_deref(), Some("en"));
    assert_eq!(news.notes.as_deref(), Some("Filed from the set visit"));
    assert_eq!(news.kind, SourceKind::Outlet);
    let page = by_title(&d, "Night Ferry official page");
    assert_eq!(page.outlet.as_deref(), Some("Bluewave Studio"));
    assert_eq!(page.published.unwrap().to_string(), "2025-06");
    assert_eq!(page.accessed.unwrap().to_string(), "2025-06-10");
    let journal = by_title(&d, "Maritime dramas and their audiences");
    assert_eq!(
        journal.url.as_deref(),
        Some("https://doi.org/10.5555/ss.2024.7")
    );
}

#[test]
fn content_decides_the_format_when_the_extension_does_not() {
    let mut d = desk();
    let ris = std::fs::read_to_string(fixture("library.ris")).unwrap();
    let report = d.import_citation_text("export.txt", &ris, true).unwrap();
    assert_eq!(report.format, CitationFormat::Ris);
    let bib = std::fs::read_to_string(fixture("library.bib")).unwrap();
    let report = d.import_citation_text("library.json", &bib, true).unwrap();
    assert_eq!(
        report.format,
        CitationFormat::Bibtex,
        "a .json holding BibTeX is BibTeX"
    );
    let json = std::fs::read_to_string(fixture("library.json")).unwrap();
    let report = d
        .import_citation_text("zotero-export", &json, true)
        .unwrap();
    assert_eq!(report.format, CitationFormat::CslJson);
}

#[test]
fn an_entry_the_desk_refuses_while_writing_refuses_the_file_by_index() {
    let mut d = desk();
    let text = r#"[
        {"title": "Fine", "issued": {"date-parts": [[2025, 6, 1]]}},
        {"title": "Read before it ran", "issued": {"date-parts": [[2025, 6, 1]]},
         "accessed": {"date-parts": [[2025, 5, 1]]}}
    ]"#;
    let err = d.import_citation_text("lib.json", text, false).unwrap_err();
    let CoreError::BadEntries { file, entries } = &err else {
        panic!("refused as a bad entry: {err:?}");
    };
    assert_eq!(file, "lib.json");
    assert_eq!(
        (entries[0].index, entries[0].field.as_str()),
        (1, "accessed"),
        "{err}"
    );
    assert!(
        all_sources(&d).is_empty(),
        "the first entry was rolled back with the file"
    );
}
