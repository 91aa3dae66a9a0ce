//! Both migration lists make the same tables and columns, with types compatible by the mapping
//! `team::schema` documents.

use std::collections::BTreeMap;

use factdesk_core::team::schema::{self, PG_ONLY_COLUMNS, PG_ONLY_TABLES};

use crate::TeamDesk;

type Columns = BTreeMap<String, BTreeMap<String, String>>;

/// SQLite's tables after every migration, by `pragma table_info`, less what only exists because
/// SQLite does search and AUTOINCREMENT its own way: the FTS5 virtual tables and their shadow
/// tables (`<name>_data`, `_idx`, `_docsize`, `_config`, `_content`) are SQLite's search index,
/// which PostgreSQL holds as tsvector columns and GIN indexes on the tables themselves; and
/// `sqlite_sequence` is AUTOINCREMENT's counter, which PostgreSQL keeps in identity sequences.
fn sqlite_columns() -> Columns {
    let mut conn = rusqlite::Connection::open_in_memory().unwrap();
    factdesk_core::migrations::all()
        .to_latest(&mut conn)
        .unwrap();
    let fts: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE '%USING fts5%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(
        !fts.is_empty(),
        "the SQLite desk has its FTS5 search tables"
    );
    let shadow = |name: &str| {
        fts.iter().any(|v| {
            name == v
                || ["data", "idx", "docsize", "config", "content"]
                    .iter()
                    .any(|s| name == format!("{v}_{s}"))
        })
    };
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let mut out = Columns::new();
    for t in tables
        .into_iter()
        .filter(|t| !shadow(t) && t != "sqlite_sequence")
    {
        let cols = conn
            .prepare(&format!("SELECT name, type FROM pragma_table_info('{t}')"))
            .unwrap()
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))
            .unwrap()
            .collect::<Result<BTreeMap<_, _>, _>>()
            .unwrap();
        out.insert(t, cols);
    }
    out
}

/// PostgreSQL's tables in the `factdesk` schema after `team init`, by information_schema.
fn postgres_columns(desk: &TeamDesk) -> Columns {
    let mut admin = desk.admin();
    let mut out = Columns::new();
    for row in admin
        .query(
            "SELECT table_name::text, column_name::text, data_type::text
             FROM information_schema.columns WHERE table_schema = 'factdesk'
             AND table_name IN (SELECT table_name FROM information_schema.tables
                                WHERE table_schema = 'factdesk' AND table_type = 'BASE TABLE')",
            &[],
        )
        .unwrap()
    {
        out.entry(row.get(0))
            .or_default()
            .insert(row.get(1), row.get(2));
    }
    out
}

#[test]
fn both_migration_lists_make_the_same_tables_and_columns() {
    let desk = TeamDesk::create();
    let sqlite = sqlite_columns();
    let mut pg = postgres_columns(&desk);
    for t in PG_ONLY_TABLES {
        assert!(pg.remove(*t).is_some(), "PostgreSQL has its own table {t}");
    }
    for (t, c, _why) in PG_ONLY_COLUMNS {
        let removed = pg.get_mut(*t).and_then(|cols| cols.remove(*c));
        assert!(removed.is_some(), "PostgreSQL has its own column {t}.{c}");
    }
    let names = |m: &Columns| {
        m.iter()
            .map(|(t, cols)| (t.clone(), cols.keys().cloned().collect::<Vec<_>>()))
            .collect::<BTreeMap<_, _>>()
    };
    assert_eq!(
        names(&pg),
        names(&sqlite),
        "the two migration lists disagree on tables or columns (PostgreSQL left, SQLite right)"
    );
    let mut mismatched = Vec::new();
    for (t, cols) in &sqlite {
        for (c, sqlite_type) in cols {
            let pg_type = &pg[t][c];
            if !schema::compatible(sqlite_type, pg_type) {
                mismatched.push(format!(
                    "{t}.{c}: SQLite {sqlite_type}, PostgreSQL {pg_type}"
                ));
            }
        }
    }
    assert!(mismatched.is_empty(), "incompatible types: {mismatched:#?}");
}

#[test]
fn team_init_is_idempotent() {
    let desk = TeamDesk::create();
    let again = factdesk_core::team::init(&desk.admin_url()).unwrap();
    assert_eq!(again.applied, 0, "a second init applies nothing");
    assert_eq!(again.schema_version, schema::latest_version());
    assert!(again.roles_created.is_empty(), "{:?}", again.roles_created);
    let mut admin = desk.admin();
    let versions: i64 = admin
        .query_one("SELECT count(*) FROM factdesk.factdesk_migrations", &[])
        .unwrap()
        .get(0);
    assert_eq!(versions, schema::latest_version());
    // The rows a team wrote survive a second init.
    let mut writer = desk.session(&desk.writer);
    crate::insert_claim(&mut writer, "01JTEAMKEEP", "The finale airs in March.");
    factdesk_core::team::init(&desk.admin_url()).unwrap();
    let kept: i64 = admin
        .query_one("SELECT count(*) FROM factdesk.claims", &[])
        .unwrap()
        .get(0);
    assert_eq!(kept, 1);
}

#[test]
fn search_columns_follow_text_and_topics() {
    let desk = TeamDesk::create();
    let mut writer = desk.session(&desk.writer);
    crate::insert_claim(&mut writer, "01JTEAMSRCH", "The finale airs in March.");
    writer
        .execute(
            "INSERT INTO claim_topics (claim_id, topic) VALUES ('01JTEAMSRCH', 'broadcast')",
            &[],
        )
        .unwrap();
    let words = |c: &mut postgres::Client, q: &str| -> i64 {
        c.query_one(
            "SELECT count(*) FROM claims WHERE search @@ plainto_tsquery('simple', $1)",
            &[&q],
        )
        .unwrap()
        .get(0)
    };
    assert_eq!(words(&mut writer, "finale broadcast"), 1, "text and topic");
    writer
        .execute(
            "UPDATE claims SET text = 'The premiere airs in May.' WHERE id = '01JTEAMSRCH'",
            &[],
        )
        .unwrap();
    assert_eq!(words(&mut writer, "finale"), 0, "the old text is gone");
    assert_eq!(words(&mut writer, "premiere"), 1);
    writer
        .execute(
            "DELETE FROM claim_topics WHERE claim_id = '01JTEAMSRCH'",
            &[],
        )
        .unwrap();
    assert_eq!(
        words(&mut writer, "broadcast"),
        0,
        "the removed topic is gone"
    );
    // Substrings (any three characters, Hangul too) through pg_trgm.
    crate::insert_draft(&mut writer, "01JTEAMDRFT");
    writer
        .execute(
            "UPDATE drafts SET body = '배우 김지원 interview' WHERE id = '01JTEAMDRFT'",
            &[],
        )
        .unwrap();
    let found: i64 = writer
        .query_one(
            "SELECT count(*) FROM drafts WHERE factdesk.search_text(title, body) ILIKE '%지원%'
             AND search @@ plainto_tsquery('simple', 'interview')",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(found, 1);
}
