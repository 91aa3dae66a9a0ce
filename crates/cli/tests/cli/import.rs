//! `factdesk import FILE`: a writer brings a Zotero, BibTeX or RIS library into the desk.

use crate::{Scratch, assert_snake_case};

const ZOTERO: &str = r#"[
  {"id": "a", "type": "article-newspaper", "title": "Night Ferry renewed",
   "container-title": "Harbor Ent", "issued": {"date-parts": [[2025, 6, 2]]},
   "URL": "https://harbor.example/renewed"},
  {"id": "b", "type": "report", "genre": "Press release", "title": "Statement on Night Ferry",
   "publisher": "Bluewave Studio", "URL": "https://bluewave.example/press/1"},
  {"id": "a-again", "type": "article-newspaper", "title": "Night Ferry renewed (repost)",
   "URL": "http://www.harbor.example/renewed/", "author": [{"literal": "Kim Min-ji"}]}
]"#;

const BIB: &str = "@online{notes,
  title = {Night Ferry production notes},
  organization = {Bluewave Studio},
  date = {2025-06-01},
  url = {https://bluewave.example/notes}
}
";

#[test]
fn import_creates_sources_and_reports_created_merged_and_skipped() {
    let s = Scratch::init();
    let file = s.write("library.json", ZOTERO);
    let report = s.json(&["import", file.to_str().unwrap()]);
    assert_snake_case(&report);
    assert_eq!(report["format"], "csl-json");
    assert_eq!(report["created"].as_array().unwrap().len(), 2, "{report:#}");
    assert_eq!(report["skipped"][0]["index"], 2);
    assert!(
        report["skipped"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("same URL as entry 0"),
        "{report:#}"
    );
    let sources = s.list("source");
    assert_eq!(sources.as_array().unwrap().len(), 2);
    let id = report["created"][0]["id"].as_str().unwrap();
    let shown = s.json(&["source", "show", id]);
    assert_eq!(
        shown["author"], "Kim Min-ji",
        "the repost filled the empty author"
    );
    assert_eq!(shown["outlet"], "Harbor Ent");

    // The text output counts each outcome.
    let bib = s.write("more.bib", BIB);
    let text = s.ok(&["import", bib.to_str().unwrap()]);
    assert!(text.contains("1 created, 0 merged, 0 skipped"), "{text}");
}

#[test]
fn dry_run_writes_nothing() {
    let s = Scratch::init();
    let file = s.write("library.json", ZOTERO);
    let before = s.snapshot();
    let report = s.json(&["import", file.to_str().unwrap(), "--dry-run"]);
    assert_eq!(report["dry_run"], true);
    assert_eq!(report["created"].as_array().unwrap().len(), 2);
    assert_eq!(s.snapshot(), before, "a dry run leaves the desk as it was");
    let text = s.ok(&["import", file.to_str().unwrap(), "--dry-run"]);
    assert!(text.contains("dry run"), "{text}");
}

#[test]
fn a_bad_entry_names_file_index_and_field_and_imports_nothing() {
    let s = Scratch::init();
    let bad = ZOTERO.replacen(r#""title": "Statement on Night Ferry","#, "", 1);
    let file = s.write("zotero.json", bad);
    let before = s.snapshot();
    let err = s.fails_json(&["import", file.to_str().unwrap()]);
    assert_eq!(err["code"], "invalid");
    assert_eq!(err["field"], "title");
    assert!(
        err["message"].as_str().unwrap().contains("zotero.json"),
        "{err}"
    );
    assert_eq!(err["details"]["entries"][0]["index"], 1, "{err}");
    assert_eq!(s.snapshot(), before, "nothing is half-imported");
    let text = s.fails(&["import", file.to_str().unwrap()]);
    assert!(text.contains("entry 1 (b): title: is missing"), "{text}");
}

#[test]
fn a_missing_file_is_an_io_error_naming_it() {
    let s = Scratch::init();
    let err = s.fails_json(&["import", "nowhere.ris"]);
    assert_eq!(err["code"], "io");
    assert!(
        err["message"].as_str().unwrap().contains("nowhere.ris"),
        "{err}"
    );
}
