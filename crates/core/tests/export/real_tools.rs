//! Exported files are read by real tools: Pandoc resolves every citation without a warning and
//! renders every footnote, and the bibliography uses only CSL 1.0.2 types and variables (what
//! Zotero's CSL-JSON import maps). `make test` installs Debian's pandoc for these.

use std::process::Command;

use factdesk_core::export::{ExportFormat, files};

use super::fixture;

fn pandoc(args: &[&str]) -> (String, String) {
    let out = Command::new("pandoc")
        .args(args)
        .output()
        .expect("pandoc is installed (make test installs Debian's pandoc)");
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert!(out.status.success(), "pandoc failed: {stderr}");
    (String::from_utf8_lossy(&out.stdout).to_string(), stderr)
}

/// `markdown` rendered to HTML by pandoc's GitHub reader.
pub fn gfm_html(markdown: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("draft.md");
    std::fs::write(&md, markdown).unwrap();
    pandoc(&["-f", "gfm", md.to_str().unwrap(), "-t", "html"]).0
}

#[test]
fn pandoc_resolves_every_citation_without_a_warning() {
    let (desk, draft) = fixture();
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("draft.md");
    let exported = desk.export_draft(&draft, ExportFormat::Pandoc).unwrap();
    files::write(&exported, &md, None).unwrap();
    let bib = files::default_bibliography_path(&md);
    let (html, stderr) = pandoc(&[
        "--citeproc",
        "--bibliography",
        bib.to_str().unwrap(),
        md.to_str().unwrap(),
        "-t",
        "html",
    ]);
    assert_eq!(stderr.trim(), "", "pandoc warned");
    assert!(
        !html.contains("???"),
        "every citation resolves to a bibliography entry"
    );
    let citations = exported.markdown.matches("@").count();
    assert!(citations >= 4, "the fixture cites several sources");
    assert!(
        html.contains("class=\"claim\""),
        "claim spans stay spans with their class"
    );
    assert!(
        !html.contains("<script"),
        "the hostile script is text, not a tag"
    );
}

#[test]
fn gfm_renders_every_footnote() {
    let (desk, draft) = fixture();
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("draft.md");
    let exported = desk.export_draft(&draft, ExportFormat::Footnotes).unwrap();
    files::write(&exported, &md, None).unwrap();
    let (html, stderr) = pandoc(&["-f", "gfm", md.to_str().unwrap(), "-t", "html"]);
    assert_eq!(stderr.trim(), "", "pandoc warned");
    let refs = exported.markdown.matches("[^claim-").count()
        - exported.markdown.matches("\n[^claim-").count();
    assert_eq!(
        html.matches("class=\"footnote-ref\"").count(),
        refs,
        "each footnote reference becomes a link to its note"
    );
    assert!(!html.contains("[^"), "no footnote is left unresolved");
    assert!(
        !html.contains("<script"),
        "the hostile script is text, not a tag"
    );
    assert!(
        !html.contains("<img"),
        "the hostile image is text, not a tag"
    );
}

/// Item types and variable names of CSL 1.0.2 (the specification's appendix).
const CSL_TYPES: &[&str] = &[
    "article",
    "article-journal",
    "article-magazine",
    "article-newspaper",
    "bill",
    "book",
    "broadcast",
    "chapter",
    "classic",
    "collection",
    "dataset",
    "document",
    "entry",
    "entry-dictionary",
    "entry-encyclopedia",
    "event",
    "figure",
    "graphic",
    "hearing",
    "interview",
    "legal_case",
    "legislation",
    "manuscript",
    "map",
    "motion_picture",
    "musical_score",
    "pamphlet",
    "paper-conference",
    "patent",
    "performance",
    "periodical",
    "personal_communication",
    "post",
    "post-weblog",
    "regulation",
    "report",
    "review",
    "review-book",
    "software",
    "song",
    "speech",
    "standard",
    "thesis",
    "treaty",
    "webpage",
];
const CSL_VARIABLES: &[&str] = &[
    "id",
    "type",
    "title",
    "container-title",
    "publisher",
    "author",
    "issued",
    "accessed",
    "URL",
    "language",
    "genre",
    "note",
    "abstract",
    "medium",
    "original-title",
    "source",
    "translator",
    "interviewer",
    "status",
];

#[test]
fn bibliography_uses_csl_types_and_variables() {
    let (desk, draft) = fixture();
    let exported = desk.export_draft(&draft, ExportFormat::Pandoc).unwrap();
    let items: Vec<serde_json::Value> =
        serde_json::from_str(exported.csl_json.as_deref().unwrap()).unwrap();
    assert!(!items.is_empty());
    for item in &items {
        let obj = item.as_object().unwrap();
        assert!(CSL_TYPES.contains(&obj["type"].as_str().unwrap()), "{item}");
        for key in obj.keys() {
            assert!(
                CSL_VARIABLES.contains(&key.as_str()),
                "unknown CSL variable {key}"
            );
        }
        if let Some(issued) = obj.get("issued") {
            let parts = issued["date-parts"][0].as_array().unwrap();
            assert!((1..=3).contains(&parts.len()), "date-parts are [y, m?, d?]");
        }
    }
}

/// Pandoc's citeproc renders the bibliography with each outlet named once per entry: CSL-JSON
/// never sets container-title and publisher to the same outlet ("Reel Report. Reel Report.").
#[test]
fn citeproc_bibliography_names_no_outlet_twice() {
    let (desk, draft) = fixture();
    let dir = tempfile::tempdir().unwrap();
    let md = dir.path().join("draft.md");
    let exported = desk.export_draft(&draft, ExportFormat::Pandoc).unwrap();
    files::write(&exported, &md, None).unwrap();
    let bib = files::default_bibliography_path(&md);
    let (plain, stderr) = pandoc(&[
        "--citeproc",
        "--bibliography",
        bib.to_str().unwrap(),
        md.to_str().unwrap(),
        "-t",
        "plain",
        "--wrap=none",
    ]);
    assert_eq!(stderr.trim(), "", "pandoc warned");
    let csl: serde_json::Value =
        serde_json::from_str(exported.csl_json.as_deref().unwrap()).unwrap();
    let entries: Vec<&str> = plain
        .split("\n\n")
        .filter(|p| {
            csl.as_array()
                .unwrap()
                .iter()
                .any(|i| p.contains(i["URL"].as_str().unwrap()))
        })
        .collect();
    assert!(entries.len() >= 4, "the bibliography is rendered: {plain}");
    // The citation carries what the footnote would: locator, quote, translation, relay.
    let cited = plain
        .lines()
        .find(|l| l.contains("Filming starts in winter"))
        .unwrap_or_default();
    for part in [
        "4",
        "“Shooting begins this winter.”",
        "(trans. Reel Report staff)",
        "citing an interview with Hanbit Daily",
    ] {
        assert!(cited.contains(part), "{part} missing from “{cited}”");
    }
    for entry in &entries {
        let parts: Vec<&str> = entry.split(". ").map(str::trim).collect();
        for pair in parts.windows(2) {
            assert_ne!(pair[0], pair[1], "a doubled name in “{entry}”");
        }
        for outlet in ["Reel Report", "Screen Digest", "Streamline", "Ledger"] {
            assert!(
                entry.matches(outlet).count() <= 1,
                "{outlet} twice in “{entry}”"
            );
        }
    }
}
