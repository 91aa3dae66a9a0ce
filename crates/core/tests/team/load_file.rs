//! `team load`: a desk file moved onto an empty team desk holds, table by table, the file's rows
//! (ids, times and actors as the file has them), and the desk works on afterwards under its
//! roles; a team desk with records, and anyone but its owner, are refused with nothing written.

use std::collections::BTreeMap;

use factdesk_core::error::ErrorCode;
use factdesk_core::team::{self, TeamRole};
use factdesk_core::{ClaimInput, Confidence, Desk, SearchKind};
use tempfile::TempDir;

use crate::TeamDesk;

/// Every table a load fills (all of the file's but the `copies` ledger).
const TABLES: &[&str] = &[
    "sources",
    "claims",
    "claim_topics",
    "evidence",
    "drafts",
    "draft_revisions",
    "reviews",
    "confidence_overrides",
    "history",
    "settings",
    "intake_candidates",
    "people",
    "person_aliases",
    "name_keys",
    "evidence_source_changes",
    "evidence_quote_checks",
];

/// The sample desk in a file, with an editor's review and a confidence override signed "mina".
fn sample_file() -> (TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newsroom.sqlite");
    let mut desk = Desk::create(&path).unwrap();
    desk.load_sample().unwrap();
    let conn = desk.conn().unwrap();
    let (draft, claim): (String, String) = conn
        .query_row(
            "SELECT d.id, c.id FROM drafts d, claims c ORDER BY c.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    conn.execute(
        "INSERT INTO reviews (draft_id, claim_id, state, comment, actor, at)
         VALUES (?1, ?2, 'approved', 'Checked against the release.', 'mina', '2026-01-05T11:00:00Z')",
        [&draft, &claim],
    )
    .unwrap();
    conn.execute(
        "INSERT INTO confidence_overrides (claim_id, confidence, reason, actor, at)
         VALUES (?1, 'confirmed', 'Two independent sources.', 'mina', '2026-01-05T11:01:00Z')",
        [&claim],
    )
    .unwrap();
    drop(desk);
    (dir, path)
}

type Rows = Vec<Vec<Option<String>>>;

/// The file's rows of `table` as text (bytes as PostgreSQL prints bytea: `\x` and hex), sorted.
fn file_rows(path: &std::path::Path, table: &str) -> (Vec<String>, Rows) {
    let conn = rusqlite::Connection::open(path).unwrap();
    let cols: Vec<String> = conn
        .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    let mut stmt = conn
        .prepare(&format!("SELECT {} FROM {table}", cols.join(", ")))
        .unwrap();
    let mut rows: Rows = stmt
        .query_map([], |r| {
            (0..cols.len())
                .map(|i| {
                    Ok(match r.get_ref(i)? {
                        rusqlite::types::ValueRef::Null => None,
                        rusqlite::types::ValueRef::Integer(n) => Some(n.to_string()),
                        rusqlite::types::ValueRef::Real(f) => Some(f.to_string()),
                        rusqlite::types::ValueRef::Text(t) => {
                            Some(String::from_utf8(t.to_vec()).unwrap())
                        }
                        rusqlite::types::ValueRef::Blob(b) => Some(format!(
                            "\\x{}",
                            b.iter().map(|x| format!("{x:02x}")).collect::<String>()
                        )),
                    })
                })
                .collect()
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    if table == "settings" {
        rows.retain(|r| r[0].as_deref() != Some("desk.id"));
    }
    rows.sort();
    (cols, rows)
}

/// The team desk's rows of `table`, the same columns, as PostgreSQL prints them, sorted.
fn team_rows(desk: &TeamDesk, table: &str, cols: &[String]) -> Rows {
    let picked: Vec<String> = cols.iter().map(|c| format!("{c}::text")).collect();
    let filter = if table == "settings" {
        " WHERE key <> 'desk.id'"
    } else {
        ""
    };
    let mut rows: Rows = desk
        .session("postgres")
        .query(
            &format!("SELECT {} FROM {table}{filter}", picked.join(", ")),
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (0..cols.len()).map(|i| r.get(i)).collect())
        .collect();
    rows.sort();
    rows
}

/// Every index of the desk's schema, as PostgreSQL defines it.
fn indexes(desk: &TeamDesk) -> Vec<String> {
    let mut all: Vec<String> = desk
        .session("postgres")
        .query(
            "SELECT indexdef FROM pg_indexes WHERE schemaname = 'factdesk'",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    all.sort();
    all
}

fn counts(desk: &TeamDesk) -> BTreeMap<String, i64> {
    let mut admin = desk.session("postgres");
    TABLES
        .iter()
        .map(|t| {
            let n: i64 = admin
                .query_one(&format!("SELECT count(*) FROM {t}"), &[])
                .unwrap()
                .get(0);
            (t.to_string(), n)
        })
        .collect()
}

#[test]
fn a_loaded_team_desk_holds_every_row_of_the_file_and_works_on() {
    let (_dir, file) = sample_file();
    let desk = TeamDesk::create();
    let indexes_before = indexes(&desk);
    let report = team::load(&desk.admin_url(), &file).unwrap();
    assert_eq!(report.database, desk.db);
    assert_eq!(
        indexes(&desk),
        indexes_before,
        "the schema's indexes, as they were"
    );
    for table in TABLES {
        let (cols, want) = file_rows(&file, table);
        let got = team_rows(&desk, table, &cols);
        assert_eq!(got, want, "table {table}");
        assert_eq!(
            report.rows.get(*table).copied(),
            Some(want.len() as u64),
            "the report counts {table}"
        );
    }
    assert!(
        report.rows["claims"] == 10 && report.rows["history"] > 10,
        "{report:?}"
    );

    let mut admin = desk.session("postgres");
    // Claims' search words are what the desk's trigger writes: their text and their topics.
    let wrong: i64 = admin
        .query_one(
            "SELECT count(*) FROM claims c WHERE c.search IS DISTINCT FROM
                 to_tsvector('simple'::regconfig, search_text(c.text,
                     (SELECT string_agg(topic, ' ' ORDER BY topic) FROM claim_topics
                      WHERE claim_id = c.id)))",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(
        wrong, 0,
        "claims whose search words are not their text and topics"
    );
    // A search finds each loaded claim by a word of its text, as the file finds it.
    let file_desk = Desk::open(&file).unwrap();
    let searcher = Desk::open_team(&desk.url(&desk.writer)).unwrap();
    let texts: Vec<String> = file_desk
        .conn()
        .unwrap()
        .prepare("SELECT text FROM claims ORDER BY rowid")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for text in texts {
        let word = text
            .split_whitespace()
            .max_by_key(|w| w.chars().count())
            .unwrap();
        let want = file_desk.search(word, Some(SearchKind::Claim), 50).unwrap();
        assert!(!want.is_empty(), "the file finds {word:?}");
        let got = searcher.search(word, Some(SearchKind::Claim), 50).unwrap();
        assert_eq!(got, want, "search for {word:?} on the loaded team desk");
    }

    // The desk works on: a writer's claim is stamped with the writer's login, and history
    // numbers go on after the loaded ones.
    let mut writer = Desk::open_team(&desk.url(&desk.writer)).unwrap();
    let added = writer
        .add_claim(&ClaimInput {
            text: "The second season has eight episodes.".into(),
            confidence: Confidence::Reported,
            as_of: None,
            status: None,
            topics: vec![],
            settled: false,
        })
        .unwrap();
    let (by, seq_after): (String, bool) = {
        let row = admin
            .query_one(
                "SELECT c.created_by,
                        (SELECT min(seq) FROM history WHERE record_id = c.id) >
                        (SELECT max(seq) FROM history WHERE actor <> $2)
                 FROM claims c WHERE c.id = $1",
                &[&added.id, &desk.writer],
            )
            .unwrap();
        (row.get(0), row.get(1))
    };
    assert_eq!(by, desk.writer);
    assert!(
        seq_after,
        "the new claim's history comes after the loaded history"
    );
    // Every trigger and the forced row-level security are back on.
    let off: i64 = admin
        .query_one(
            "SELECT count(*) FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'factdesk' AND NOT t.tgisinternal AND t.tgenabled <> 'O'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(off, 0, "triggers left disabled");
    let forced: i64 = admin
        .query_one(
            "SELECT count(*) FROM pg_class WHERE relforcerowsecurity
             AND relname IN ('reviews', 'confidence_overrides')",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(forced, 2, "reviews and overrides bind their owner again");
    // The planner knows the loaded tables' sizes (their statistics are fresh).
    let unanalysed: Vec<String> = admin
        .query(
            "SELECT relname::text FROM pg_stat_user_tables
             WHERE schemaname = 'factdesk' AND relname IN ('claims', 'sources', 'evidence', 'history')
               AND last_analyze IS NULL",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(unanalysed.is_empty(), "not analysed: {unanalysed:?}");
}

#[test]
fn a_team_desk_with_records_is_refused_and_left_as_it_was() {
    let (_dir, file) = sample_file();
    let desk = TeamDesk::create();
    team::load(&desk.admin_url(), &file).unwrap();
    let before = counts(&desk);
    let e = team::load(&desk.admin_url(), &file).unwrap_err();
    assert_eq!(e.field(), Some("desk"), "{e}");
    assert!(e.to_string().contains("empty team desk"), "{e}");
    assert_eq!(counts(&desk), before);
}

#[test]
fn only_the_owner_loads_and_a_writer_is_refused_with_nothing_written() {
    let (_dir, file) = sample_file();
    let desk = TeamDesk::create();
    let empty = counts(&desk);
    let e = team::load(&desk.url(&desk.writer), &file).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Refused, "{e}");
    assert!(e.to_string().contains("owner"), "{e}");
    assert_eq!(counts(&desk), empty);
    // A login made a member of the owner role may load.
    let owner = format!("{}_owner", desk.db);
    desk.add_user(&owner, TeamRole::Editor);
    desk.admin()
        .batch_execute(&format!("GRANT factdesk_owner TO {owner}"))
        .unwrap();
    let loaded = team::load(&desk.url(&owner), &file).unwrap();
    assert_eq!(loaded.rows["claims"], 10);
}

/// A desk loaded before `team load` wrote claims' folded words: the `loaded_words`
/// migration fills them, so a search finds the loaded claims again.
#[test]
fn claims_loaded_without_search_words_are_found_once_init_runs_again() {
    let (_dir, file) = sample_file();
    let desk = TeamDesk::create();
    team::load(&desk.admin_url(), &file).unwrap();
    let mut admin = desk.admin();
    admin
        .batch_execute(
            "SET search_path = factdesk, public;
             ALTER TABLE claims DISABLE TRIGGER USER;
             UPDATE claims SET search_words = NULL;
             ALTER TABLE claims ENABLE TRIGGER USER;
             DELETE FROM factdesk_migrations WHERE name = 'loaded_words';",
        )
        .unwrap();
    let file_desk = Desk::open(&file).unwrap();
    let want = file_desk
        .search("Streamline", Some(SearchKind::Claim), 50)
        .unwrap();
    assert!(!want.is_empty());
    let searcher = Desk::open_team(&desk.url(&desk.writer)).unwrap();
    assert_eq!(
        searcher
            .search("Streamline", Some(SearchKind::Claim), 50)
            .unwrap(),
        vec![],
        "words gone, nothing found"
    );
    drop(searcher);
    team::init(&desk.admin_url()).unwrap();
    let searcher = Desk::open_team(&desk.url(&desk.writer)).unwrap();
    assert_eq!(
        searcher
            .search("Streamline", Some(SearchKind::Claim), 50)
            .unwrap(),
        want
    );
}
