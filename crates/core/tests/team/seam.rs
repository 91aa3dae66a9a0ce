//! The storage seam (`factdesk_core::db`) on a real desk file and the real cluster: the same
//! statements, written once, give the same rows on both engines for every kind of value; a
//! placeholder inside a literal stays text; PostgreSQL's refusals and a lost server reach the
//! caller as core's `refused` and `Unreachable`.

use factdesk_core::db::postgres::Session;
use factdesk_core::db::{Db, Optional};
use factdesk_core::error::{CoreError, ErrorCode};
use rusqlite::params;
use rusqlite::types::Value;
use tempfile::TempDir;

use crate::TeamDesk;
use crate::cluster::Cluster;

/// A desk file and a PostgreSQL database, each with the same table `kinds` in its own DDL.
struct Both {
    _dir: TempDir,
    lite: rusqlite::Connection,
    pg: Session,
}

fn both() -> Both {
    let dir = tempfile::tempdir().unwrap();
    let lite = rusqlite::Connection::open(dir.path().join("seam.sqlite")).unwrap();
    lite.execute_batch(
        "CREATE TABLE kinds (id TEXT PRIMARY KEY, n INTEGER, t TEXT, b BLOB, flag INTEGER)",
    )
    .unwrap();
    let cluster = Cluster::shared();
    let db = cluster.fresh_database();
    let url = cluster.url(&db, "postgres");
    let mut admin = postgres::Client::connect(&url, postgres::NoTls).unwrap();
    admin
        .batch_execute(
            "CREATE TABLE kinds (id text PRIMARY KEY, n bigint, t text, b bytea, flag bigint)",
        )
        .unwrap();
    Both {
        _dir: dir,
        lite,
        pg: Session::connect(&url).unwrap(),
    }
}

impl Both {
    /// Runs `f` on each engine in one transaction (committed); both results.
    fn run<T>(&mut self, f: impl Fn(&Db<'_>) -> factdesk_core::Result<T>) -> (T, T) {
        let tx = self.lite.transaction().unwrap();
        let lite = f(&Db::sqlite(&tx)).unwrap_or_else(|e| panic!("on SQLite: {e}"));
        tx.commit().unwrap();
        let pg = self
            .pg
            .write(|db| f(db))
            .unwrap_or_else(|e| panic!("on PostgreSQL: {e}"));
        (lite, pg)
    }
}

type Kinds = (
    String,
    Option<i64>,
    Option<String>,
    Option<Vec<u8>>,
    Option<bool>,
);

fn rows() -> Vec<Kinds> {
    vec![
        ("a-null".into(), None, None, None, None),
        (
            "b-min".into(),
            Some(i64::MIN),
            Some(String::new()),
            Some(vec![]),
            Some(false),
        ),
        (
            "c-max".into(),
            Some(i64::MAX),
            Some("주영우 said \"why?\" 🙂\nsecond line".into()),
            Some(vec![0, 255, 1, 128, 0]),
            Some(true),
        ),
        (
            "d-zero".into(),
            Some(0),
            Some("it's ?1".into()),
            Some(vec![0]),
            Some(true),
        ),
        (
            "e-minus".into(),
            Some(-1),
            Some("é".into()),
            None,
            Some(false),
        ),
    ]
}

const INSERT: &str = "INSERT INTO kinds (id, n, t, b, flag) VALUES (?1, ?2, ?3, ?4, ?5)";

fn insert_all(db: &Db<'_>) -> factdesk_core::Result<usize> {
    let mut stmt = db.prepare_cached(INSERT)?;
    let mut n = 0;
    for (id, i, t, b, flag) in rows() {
        n += stmt.execute(params![id, i, t, b, flag])?;
    }
    Ok(n)
}

#[test]
fn every_kind_of_value_reads_back_the_same_on_both_engines() {
    let mut both = both();
    let (a, b) = both.run(insert_all);
    assert_eq!((a, b), (5, 5), "each insert changes one row on each engine");

    let (lite, pg) = both.run(|db| {
        let mut stmt = db.prepare_cached("SELECT id, n, t, b, flag FROM kinds ORDER BY id")?;
        let typed = stmt
            .query_map(params![], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get("t")?, r.get(3)?, r.get("flag")?))
            })?
            .collect::<rusqlite::Result<Vec<Kinds>>>()?;
        let raw = db.query_all(
            "SELECT id, n, t, b, flag FROM kinds ORDER BY id",
            &[],
            |r| {
                (0..r.column_count())
                    .map(|i| r.get::<_, Value>(i))
                    .collect::<rusqlite::Result<Vec<Value>>>()
            },
        )?;
        Ok((typed, raw))
    });
    assert_eq!(lite.0, rows(), "SQLite gives back what went in");
    assert_eq!(
        pg.0,
        rows(),
        "PostgreSQL gives back what went in, typed the same"
    );
    assert_eq!(
        lite.1, pg.1,
        "each column is the same kind of SQLite value on both engines (bool as integer)"
    );
    assert_eq!(pg.1[1][1], Value::Integer(i64::MIN));
    assert_eq!(
        pg.1[2][4],
        Value::Integer(1),
        "true is stored and read as 1"
    );
}

#[test]
fn aggregates_comparisons_and_missing_rows_read_alike() {
    let mut both = both();
    both.run(insert_all);
    let (lite, pg) = both.run(|db| {
        let counts = db.query_row(
            "SELECT count(*), sum(flag), count(b) FROM kinds WHERE id <> ?1",
            params!["b-min"],
            |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            },
        )?;
        // A comparison is a boolean on PostgreSQL and 0/1 on SQLite: both read as either.
        let signs = db.query_all(
            "SELECT id, n > 0, n < 0 FROM kinds WHERE n IS NOT NULL ORDER BY id",
            &[],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, bool>(1)?,
                    r.get::<_, i64>(2)?,
                ))
            },
        )?;
        let found = db.exists("SELECT 1 FROM kinds WHERE t = ?1", params!["é"])?;
        let none = db
            .query_row("SELECT t FROM kinds WHERE id = ?1", params!["zz"], |r| {
                r.get::<_, Option<String>>(0)
            })
            .optional()?;
        let missing = db
            .query_row("SELECT id FROM kinds WHERE id = ?1", params!["zz"], |r| {
                r.get::<_, String>(0)
            })
            .map_err(CoreError::missing("kind", "zz"))
            .unwrap_err()
            .code();
        Ok((counts, signs, found, none, missing))
    });
    assert_eq!(lite, pg, "the same statements read alike on both engines");
    assert_eq!(
        lite.0,
        (4, 2, 2),
        "count and sum are integers on both (nulls left out)"
    );
    assert_eq!(
        lite.3, None,
        "no row is None through optional(), not an error"
    );
    assert_eq!(lite.4, ErrorCode::NotFound, "no row by id is NotFound");
}

#[test]
fn placeholders_inside_literals_and_comments_are_left_alone() {
    let mut both = both();
    let (lite, pg) = both.run(|db| {
        // One parameter: had the `?2`/`?3` in the literal been rewritten, PostgreSQL would want
        // three and refuse the call.
        db.execute(
            "INSERT INTO kinds (id, t) VALUES (?1, 'what? ?2 it''s ?3 -- not a comment') \
             /* ?4 */",
            params!["lit"],
        )?;
        db.execute(
            "INSERT INTO kinds (id, t, n) VALUES (?, '?', ?) -- ?9",
            params!["bare", 7],
        )?;
        db.query_all(
            "SELECT id, t, n FROM kinds WHERE t LIKE '%?%' ORDER BY id",
            &[],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<i64>>(2)?,
                ))
            },
        )
    });
    let want = vec![
        ("bare".to_string(), "?".to_string(), Some(7)),
        (
            "lit".to_string(),
            "what? ?2 it's ?3 -- not a comment".to_string(),
            None,
        ),
    ];
    assert_eq!(lite, want, "SQLite stores the literal as written");
    assert_eq!(pg, want, "PostgreSQL stores the same literal, untouched");
}

#[test]
fn a_value_postgresql_cannot_take_is_an_error_naming_the_parameter() {
    let mut both = both();
    let err = both
        .pg
        .write(|db| db.execute(INSERT, params!["x", "twelve", "t", None::<Vec<u8>>, 1]))
        .unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("?2") && msg.contains("text") && msg.contains("int8"),
        "text where PostgreSQL wants a bigint is refused, naming the parameter: {msg}"
    );
    let rows = both
        .pg
        .read(|db| db.query_row("SELECT count(*) FROM kinds", &[], |r| r.get::<_, i64>(0)))
        .unwrap();
    assert_eq!(rows, 0, "nothing of the refused write was kept");
}

/// Inserts a claim and a draft as the session's login, through the seam.
fn claim_and_draft(db: &Db<'_>, claim: &str, draft: &str) -> factdesk_core::Result<()> {
    db.execute(
        "INSERT INTO claims (id, text, confidence, created_at, updated_at)
         VALUES (?1, ?2, 'reported', ?3, ?3)",
        params![claim, "The ferry leaves at nine.", "2026-01-05T10:00:00Z"],
    )?;
    db.execute(
        "INSERT INTO drafts (id, title, body, created_at, updated_at)
         VALUES (?1, 'Ferry', 'A body.', ?2, ?2)",
        params![draft, "2026-01-05T10:00:00Z"],
    )?;
    Ok(())
}

const APPROVE: &str = "INSERT INTO reviews (draft_id, claim_id, state, comment, actor, at)
                       VALUES (?1, ?2, 'approved', NULL, 'someone', ?3)";

#[test]
fn a_writers_approval_through_the_seam_is_refused_by_the_database() {
    let desk = TeamDesk::create();
    let mut writer = Session::connect(&desk.url(&desk.writer)).unwrap();
    let (claim, draft) = ("01JSEAMCLAIM0000000000000A", "01JSEAMDRAFT0000000000000A");
    writer
        .write(|db| claim_and_draft(db, claim, draft))
        .unwrap();

    let err = writer
        .write(|db| db.execute(APPROVE, params![draft, claim, "2026-01-05T11:00:00Z"]))
        .unwrap_err();
    assert_eq!(err.code(), ErrorCode::Refused, "{err}");
    match &err {
        CoreError::Refused { rule, .. } => assert_eq!(rule, "only editors write reviews"),
        other => panic!("expected refused, got {other:?}"),
    }

    // Held back inside a transaction that goes on: the rest of it is kept.
    let held = writer
        .write(|db| {
            let refusal =
                db.execute_unless_refused(APPROVE, params![draft, claim, "2026-01-05T11:00:00Z"])?;
            db.execute(
                "UPDATE claims SET text = ?1 WHERE id = ?2",
                params!["The ferry leaves at ten.", claim],
            )?;
            Ok(refusal)
        })
        .unwrap();
    assert!(
        matches!(held, Some(CoreError::Refused { .. })),
        "the refusal is handed back: {held:?}"
    );
    let mut admin = desk.admin();
    let text: String = admin
        .query_one("SELECT text FROM factdesk.claims WHERE id = $1", &[&claim])
        .unwrap()
        .get(0);
    assert_eq!(
        text, "The ferry leaves at ten.",
        "the rest of the transaction went in"
    );
    let reviews: i64 = admin
        .query_one("SELECT count(*) FROM factdesk.reviews", &[])
        .unwrap()
        .get(0);
    assert_eq!(reviews, 0, "no review was written");
}

#[test]
fn a_dropped_connection_is_unreachable_naming_the_desk() {
    let desk = TeamDesk::create();
    let mut writer = Session::connect(&desk.url(&desk.writer)).unwrap();
    let (claim, draft) = ("01JSEAMCLAIM0000000000000B", "01JSEAMDRAFT0000000000000B");
    writer
        .write(|db| claim_and_draft(db, claim, draft))
        .unwrap();

    let ended: i64 = desk
        .admin()
        .query_one(
            "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE usename = $1) t",
            &[&desk.writer],
        )
        .unwrap()
        .get(0);
    assert_eq!(ended, 1, "the writer's one session was ended");

    let err = writer
        .write(|db| {
            db.execute(
                "UPDATE claims SET text = ?1 WHERE id = ?2",
                params!["changed", claim],
            )
        })
        .unwrap_err();
    match &err {
        CoreError::Unreachable { desk: named, .. } => assert!(
            named.contains(&desk.db) && named.contains(&desk.writer),
            "the error names the desk and login: {named}"
        ),
        other => panic!("expected Unreachable, got {other:?}"),
    }
    assert!(
        err.to_string().contains("was not saved"),
        "the message says the change was not saved: {err}"
    );
    let text: String = desk
        .admin()
        .query_one("SELECT text FROM factdesk.claims WHERE id = $1", &[&claim])
        .unwrap()
        .get(0);
    assert_eq!(
        text, "The ferry leaves at nine.",
        "the unacknowledged change is not there"
    );
}

/// A record as a module hands it to the history.
#[derive(serde::Serialize)]
struct Note {
    id: &'static str,
    text: &'static str,
    status: &'static str,
    version: i64,
    updated_at: &'static str,
}

/// The history rows of `id`, without the actor, then the actors.
fn history_of(db: &Db<'_>, id: &str) -> factdesk_core::Result<(Vec<Vec<Value>>, Vec<String>)> {
    let rows = db.query_all(
        "SELECT at, record_kind, record_id, action, field, before, after, version, actor
         FROM history WHERE record_id = ?1 ORDER BY seq",
        params![id],
        |r| {
            let values = (0..8)
                .map(|i| r.get::<_, Value>(i))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok((values, r.get::<_, String>("actor")?))
        },
    )?;
    Ok(rows.into_iter().unzip())
}

#[test]
fn the_history_of_a_change_is_appended_alike_on_both_engines_by_one_function() {
    let dir = tempfile::tempdir().unwrap();
    let file = factdesk_core::Desk::create(dir.path().join("desk.sqlite")).unwrap();
    let team = TeamDesk::create();
    let mut writer = Session::connect(&team.url(&team.writer)).unwrap();
    let id = "01JSEAMNOTE00000000000000A";
    let first = Note {
        id,
        text: "The ferry leaves at nine.",
        status: "draft",
        version: 1,
        updated_at: "2026-01-05T10:00:00Z",
    };
    let second = Note {
        text: "The ferry leaves at ten — 주영우 🙂",
        version: 2,
        updated_at: "2026-01-05T11:00:00Z",
        ..first
    };
    let change = |db: &Db<'_>| -> factdesk_core::Result<(Vec<Vec<Value>>, Vec<String>)> {
        factdesk_core::audit::append(
            db,
            "2026-01-05T10:00:00Z",
            "amira",
            "note",
            id,
            None,
            Some(&first),
        )?;
        factdesk_core::audit::append(
            db,
            "2026-01-05T11:00:00Z",
            "amira",
            "note",
            id,
            Some(&first),
            Some(&second),
        )?;
        history_of(db, id)
    };
    let tx = file.conn().unwrap().unchecked_transaction().unwrap();
    let on_file = change(&Db::sqlite(&tx)).unwrap();
    tx.commit().unwrap();
    let on_team = writer.write(change).unwrap();

    assert_eq!(
        on_file.0.len(),
        2,
        "a create, then one row for the one changed field (timestamps and version are not rows)"
    );
    assert_eq!(on_file.0[1][4], Value::Text("text".into()));
    assert_eq!(
        on_file.0[1][7],
        Value::Integer(2),
        "the version the change produced"
    );
    assert_eq!(on_file.0, on_team.0, "the same rows on both engines");
    assert_eq!(
        on_file.1,
        ["amira", "amira"],
        "a desk file records who it was told"
    );
    assert_eq!(
        on_team.1,
        [team.writer.clone(), team.writer.clone()],
        "a team desk records the login, never a self-declared name"
    );
}

#[test]
fn rows_of_many_keys_come_back_per_key_and_limited_in_one_query_on_both_engines() {
    let mut both = both();
    let (lite, pg) = both.run(|db| {
        for (id, t) in [("k1", "x"), ("k2", "x"), ("k3", "x"), ("k4", "y")] {
            db.execute(
                INSERT,
                params![id, None::<i64>, t, None::<Vec<u8>>, None::<bool>],
            )?;
        }
        let ids = db.json_array_as_read(
            "id",
            "(SELECT id FROM kinds WHERE t = k.value ORDER BY id LIMIT 2) AS found",
        );
        db.query_all(
            &format!(
                "SELECT k.value, {ids} FROM {} AS k ORDER BY k.value",
                db.each_key(1)
            ),
            params![factdesk_core::db::keys(&["y", "z", "x"])?],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)),
        )
    });
    assert_eq!(
        lite,
        vec![
            ("x".to_string(), r#"["k1","k2"]"#.to_string()),
            ("y".to_string(), r#"["k4"]"#.to_string()),
            ("z".to_string(), "[]".to_string()),
        ],
        "each key asked for, with at most its limit of rows, an empty list for none"
    );
    let pg: Vec<(String, Vec<String>)> = pg
        .into_iter()
        .map(|(k, ids)| (k, serde_json::from_str(&ids).unwrap()))
        .collect();
    let lite: Vec<(String, Vec<String>)> = lite
        .into_iter()
        .map(|(k, ids)| (k, serde_json::from_str(&ids).unwrap()))
        .collect();
    assert_eq!(pg, lite, "PostgreSQL gives the same rows per key");
}

#[test]
fn a_one_statement_read_answers_and_refuses_a_second_statement() {
    let mut both = both();
    both.run(insert_all);
    let n: i64 = both
        .pg
        .read_one(|db| db.query_row("SELECT count(*) FROM kinds", &[], |r| r.get(0)))
        .unwrap();
    assert_eq!(n, 5);
    let second = both.pg.read_one(|db| {
        db.query_row("SELECT count(*) FROM kinds", &[], |r| r.get::<_, i64>(0))?;
        db.query_row("SELECT count(*) FROM kinds", &[], |r| r.get::<_, i64>(0))
    });
    match second {
        Err(e @ CoreError::Internal(_)) => assert!(
            e.to_string().contains("second statement"),
            "the refusal says why: {e}"
        ),
        other => panic!("a second statement in a one-statement read: {other:?}"),
    }
    let after: i64 = both
        .pg
        .read(|db| db.query_row("SELECT count(*) FROM kinds", &[], |r| r.get(0)))
        .unwrap();
    assert_eq!(after, 5, "the session reads on after the refusal");
}
