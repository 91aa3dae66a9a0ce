//! Search in a desk file: its FTS5 index is built for a desk made before search, and filled by
//! the large-desk generator.

use factdesk_core::{Desk, SearchKind, migrations};

use crate::add_claim;
use crate::search::{assert_index_in_step, ids};

#[test]
fn a_desk_made_before_search_is_indexed_when_it_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    {
        // The desk as the Factdesk before search left it, with a claim in it.
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        let before_search = migrations::latest_version() as usize - 1;
        migrations::up_to(&mut conn, before_search).unwrap();
        conn.execute(
            "INSERT INTO claims (id, text, confidence, created_at, updated_at)
             VALUES ('01JXOLDCLAIM0000000000000', 'Woo Young-woo returns for a second season',
                     'reported', '2025-06-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z')",
            [],
        )
        .unwrap();
    }
    let mut desk = Desk::open(&path).unwrap();
    assert_eq!(
        ids(&desk.search("young-woo", None, 20).unwrap()),
        vec!["01JXOLDCLAIM0000000000000"],
        "the claim written before search is found"
    );
    assert_index_in_step(&mut desk);
}

/// The generator loads without the search triggers and fills the index once at the end: the
/// index must then hold every generated record, and follow later writes again.
#[test]
fn a_generated_desk_is_searchable_and_its_index_follows_later_writes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("generated.sqlite");
    let mut desk = Desk::create(&path).unwrap();
    desk.generate_large(900).unwrap();
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "only the desk is left beside it, no temporary file"
    );
    assert_index_in_step(&mut desk);
    let (id, text): (String, String) = desk
        .conn()
        .unwrap()
        .query_row(
            "SELECT id, text FROM claims ORDER BY rowid DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let hits = desk.search(&text, Some(SearchKind::Claim), 50).unwrap();
    assert!(ids(&hits).contains(&id.as_str()), "{text} finds {id}");
    let added = add_claim(&mut desk, "Quarzitbruch reopened after the flood.");
    let hits = desk.search("Quarzitbruch", None, 10).unwrap();
    assert_eq!(ids(&hits), [added.id.as_str()]);
    assert_index_in_step(&mut desk);
}
