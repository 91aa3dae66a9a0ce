//! An import writes its new sources in one bulk step (`sources::add_many`). Every index the
//! desk keeps for a source must come out exactly as adding the same entries one at a time does.

use serde_json::json;

use super::desk;
use factdesk_core::Desk;

/// Entries with names in their titles and authors, so the name index has work.
fn library(n: usize) -> Vec<serde_json::Value> {
    (0..n)
        .map(|i| {
            let outlet = ["Harbor Ent", "Star Daily", "KBN"][i % 3];
            json!({
                "type": "article-newspaper",
                "title": format!("Han Ji-woo and Park Seo-jun talk Night Ferry, item{i:04}"),
                "container-title": outlet,
                "author": [{"family": format!("Kim{}", i % 4), "given": "Min-ji"}],
                "issued": {"date-parts": [[2024, 1 + i % 12, 1 + i % 28]]},
                "URL": format!("https://news.example/story/{i}"),
                "note": format!("Quoted 한지우 on episode {i}"),
            })
        })
        .collect()
}

/// (title, cite key, name index rows as (key, spelling), history rows) of one source.
type Indexed = (String, String, Vec<(String, String)>, Vec<String>);

/// What the desk keeps for every source, in creation order, with ids and times left out (they
/// differ between two desks).
fn indexed(d: &Desk) -> Vec<Indexed> {
    let conn = d.conn().unwrap();
    let mut sources = conn
        .prepare("SELECT id, title, cite_key FROM sources ORDER BY rowid")
        .unwrap();
    let rows: Vec<(String, String, String)> = sources
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    rows.into_iter()
        .map(|(id, title, key)| {
            let mut names: Vec<(String, String)> = conn
                .prepare(
                    "SELECT key, spelling FROM name_keys
                     WHERE record_kind = 'source' AND record_id = ?1",
                )
                .unwrap()
                .query_map([&id], |r| Ok((r.get(0)?, r.get(1)?)))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            names.sort();
            let history: Vec<String> = conn
                .prepare(
                    "SELECT action || ' ' || coalesce(json_remove(after, '$.id', '$.created_at',
                         '$.updated_at'), '') FROM history
                     WHERE record_kind = 'source' AND record_id = ?1 ORDER BY seq",
                )
                .unwrap()
                .query_map([&id], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            (title, key, names, history)
        })
        .collect()
}

#[test]
fn an_import_indexes_every_source_as_adding_them_one_at_a_time_does() {
    // More entries than one bulk statement holds, so the statements' seams are crossed.
    let entries = library(520);
    let mut bulk = desk();
    let report = bulk
        .import_citation_text("library.json", &json!(entries).to_string(), false)
        .unwrap();
    assert_eq!(report.created.len(), entries.len());

    let mut single = desk();
    for entry in &entries {
        single
            .import_citation_text("one.json", &json!([entry]).to_string(), false)
            .unwrap();
    }
    let (b, s) = (indexed(&bulk), indexed(&single));
    assert_eq!(b.len(), entries.len());
    assert!(
        b.iter()
            .all(|(_, _, names, history)| !names.is_empty() && history.len() == 1)
    );
    assert_eq!(b, s, "cite keys, name index and history as one at a time");

    // The search index holds exactly what the rows hold, and finds every source.
    bulk.conn()
        .unwrap()
        .execute(
            "INSERT INTO sources_search (sources_search, rank) VALUES ('integrity-check', 1)",
            [],
        )
        .unwrap();
    for (i, source) in report.created.iter().enumerate().step_by(37) {
        let hits = bulk.search(&format!("item{i:04}"), None, 5).unwrap();
        assert!(
            hits.iter().any(|h| h.id == source.id),
            "search finds {}: {hits:?}",
            source.title
        );
    }
}
