//! `factdesk team load FILE`: moves a newsroom's existing desk file onto a new, empty team desk
//! in one go, table by table in the order their references need, each through PostgreSQL's
//! `COPY … FROM STDIN`, all in one transaction: the team desk ends up with every record or none.
//!
//! Invariants:
//! - Only the desk's owner loads (a member of `factdesk_owner`, the administrator included), and
//!   only into a team desk that holds no record yet: a load never merges (that is `desk copy`).
//! - Records keep what the file says, ids, times and `actor`s included: the triggers that stamp
//!   `current_user` are off during the load (so are the change notifications: nobody is looking
//!   at an empty desk, and a million ids would be noise). Claims have no author in a desk file,
//!   so loaded claims count as created by `factdesk_owner`: any editor may approve them.
//! - Claims' search words are what `claims_stamp` would write (text and topics), computed once
//!   from staging tables rather than by a trigger per topic row.
//! - Every index, constraint and policy ends as the schema has it: indexes other than keys are
//!   dropped and built again once the rows are in (a trigram index is many times faster built
//!   at once than row by row); the triggers and forced row-level security are back on before
//!   the transaction commits.
//!
//! Once committed, the loaded tables are analysed, so the planner knows their sizes at once.
//!
//! Not loaded: the file's `copies` ledger (it describes the file's peers, not the team desk's)
//! and its `desk.id` setting (the team desk keeps its own id).

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;
use std::time::Instant;

use postgres::Transaction;
use rusqlite::types::ValueRef;
use serde::Serialize;

use super::roles::OWNER;
use super::schema;
use crate::desk::Desk;
use crate::error::{CoreError, Result};

/// The tables a load fills, parents before children. `claims` and `claim_topics` go through
/// staging tables (see [`load_claims`]).
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

/// Tables whose row-level security the owner is subject to (`FORCE`), lifted for the load.
const FORCED_RLS: &[&str] = &["reviews", "confidence_overrides"];

/// Tables with an identity column, whose sequence goes on after the loaded numbers.
const IDENTITIES: &[(&str, &str)] = &[("history", "seq"), ("draft_revisions", "seq")];

/// What a load put in.
#[derive(Debug, Clone, Serialize)]
pub struct LoadReport {
    /// The team desk's database.
    pub database: String,
    /// Rows loaded, by table.
    pub rows: BTreeMap<String, u64>,
    /// How long the load took, in seconds.
    pub seconds: f64,
}

/// Loads the desk file at `file` into the empty team desk at `url`, as its owner.
pub fn load(url: &str, file: &Path) -> Result<LoadReport> {
    let started = Instant::now();
    let desk = Desk::open(file)?;
    let conn = desk.conn()?;
    // One snapshot of the file for the whole load.
    let read = conn.unchecked_transaction()?;
    let mut client = super::connect(url)?;
    let (database, version, owner): (String, i64, bool) = {
        let row = client.query_one(
            "SELECT current_database(),
                    (SELECT coalesce(max(version), 0) FROM factdesk_migrations),
                    pg_has_role(current_user, $1, 'MEMBER')",
            &[&OWNER],
        );
        let row = row.map_err(|e| match e.code() {
            Some(&postgres::error::SqlState::UNDEFINED_TABLE) => not_a_team_desk(),
            _ => e.into(),
        })?;
        (row.get(0), row.get(1), row.get(2))
    };
    if !owner {
        let login: String = client.query_one("SELECT current_user", &[])?.get(0);
        return Err(CoreError::Refused {
            rule: "only the team desk's owner loads a desk file into it".into(),
            detail: format!("{login} is not a member of {OWNER}"),
        });
    }
    if version != schema::latest_version() {
        return Err(not_a_team_desk());
    }
    let mut tx = client.transaction()?;
    tx.batch_execute(&format!(
        "SET LOCAL ROLE {OWNER}; SET LOCAL search_path = factdesk, public"
    ))?;
    // Locks each table against writers first, so no row can land between the check and the load.
    for table in TABLES {
        tx.batch_execute(&format!("ALTER TABLE {table} DISABLE TRIGGER USER"))?;
    }
    for table in TABLES {
        let taken = if *table == "settings" {
            "SELECT EXISTS (SELECT 1 FROM settings WHERE key <> 'desk.id')".to_string()
        } else {
            format!("SELECT EXISTS (SELECT 1 FROM {table})")
        };
        if tx.query_one(&taken, &[])?.get::<_, bool>(0) {
            return Err(CoreError::invalid(
                "desk",
                format!(
                    "the team desk {database} already holds records (table {table}); team load \
                     fills only an empty team desk (to move one draft, use factdesk desk copy)"
                ),
            ));
        }
    }
    for table in FORCED_RLS {
        tx.batch_execute(&format!("ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY"))?;
    }
    // Indexes other than keys are built once at the end, far faster than row by row (a
    // trigram index above all); keys stay, since the references are checked against them.
    let indexes: Vec<(String, String)> = tx
        .query(
            "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
             FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
             JOIN pg_namespace n ON n.oid = t.relnamespace
             WHERE n.nspname = 'factdesk' AND t.relname = ANY($1)
               AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
            &[&TABLES],
        )?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect();
    for (name, _) in &indexes {
        tx.batch_execute(&format!("DROP INDEX {name}"))?;
    }
    let mut rows = BTreeMap::new();
    load_claims(&read, &mut tx, &mut rows)?;
    for table in TABLES {
        if !matches!(*table, "claims" | "claim_topics") {
            let cols = columns(&read, &mut tx, table)?;
            let filter = if *table == "settings" {
                " WHERE key <> 'desk.id'"
            } else {
                ""
            };
            let n = copy_table(&read, &mut tx, table, table, &cols, filter)?;
            rows.insert(table.to_string(), n);
        }
    }
    tx.batch_execute("SET LOCAL maintenance_work_mem = '256MB'")?;
    for (_, definition) in &indexes {
        tx.batch_execute(definition)?;
    }
    for (table, col) in IDENTITIES {
        tx.batch_execute(&format!(
            "SELECT setval(pg_get_serial_sequence('{table}', '{col}'),
                           coalesce(max({col}), 1), max({col}) IS NOT NULL) FROM {table}"
        ))?;
    }
    for table in TABLES {
        tx.batch_execute(&format!("ALTER TABLE {table} ENABLE TRIGGER USER"))?;
    }
    for table in FORCED_RLS {
        tx.batch_execute(&format!("ALTER TABLE {table} FORCE ROW LEVEL SECURITY"))?;
    }
    tx.commit()?;
    // Fresh statistics, or the planner guesses at a million rows it has never seen: a list page
    // of a 1M-claim desk took 109 ms before them and 0.5 ms after (autovacuum would get there,
    // minutes later).
    client.batch_execute(&format!(
        "SET ROLE {OWNER}; ANALYZE {}; RESET ROLE",
        TABLES.join(", ")
    ))?;
    Ok(LoadReport {
        database,
        rows,
        seconds: started.elapsed().as_secs_f64(),
    })
}

fn not_a_team_desk() -> CoreError {
    CoreError::invalid(
        "desk",
        "the database is not a team desk at this version of Factdesk: run factdesk team init on \
         it first",
    )
}

/// Claims and their topics into staging tables, then into place with the search words
/// `claims_stamp` would give them, in one statement each.
fn load_claims(
    read: &rusqlite::Connection,
    tx: &mut Transaction<'_>,
    rows: &mut BTreeMap<String, u64>,
) -> Result<()> {
    let claim_cols = columns(read, tx, "claims")?;
    let topic_cols = columns(read, tx, "claim_topics")?;
    let list = claim_cols.join(", ");
    tx.batch_execute(&format!(
        "CREATE TEMP TABLE load_claims ON COMMIT DROP AS SELECT {list} FROM claims WITH NO DATA;
         CREATE TEMP TABLE load_topics ON COMMIT DROP AS
             SELECT {topics} FROM claim_topics WITH NO DATA;",
        topics = topic_cols.join(", ")
    ))?;
    copy_table(read, tx, "claims", "load_claims", &claim_cols, "")?;
    copy_table(read, tx, "claim_topics", "load_topics", &topic_cols, "")?;
    let picked: Vec<String> = claim_cols.iter().map(|c| format!("c.{c}")).collect();
    let claims = tx.execute(
        &format!(
            "INSERT INTO claims ({list}, search, search_words)
             SELECT {picked}, to_tsvector('simple'::regconfig, search_text(c.text, t.topics)),
                    search_fold(search_text(c.text, t.topics))
             FROM load_claims c LEFT JOIN (
                 SELECT claim_id, string_agg(topic, ' ' ORDER BY topic) AS topics
                 FROM load_topics GROUP BY claim_id) t ON t.claim_id = c.id",
            picked = picked.join(", ")
        ),
        &[],
    )?;
    let topics = tx.execute(
        &format!(
            "INSERT INTO claim_topics ({cols}) SELECT {cols} FROM load_topics",
            cols = topic_cols.join(", ")
        ),
        &[],
    )?;
    rows.insert("claims".into(), claims);
    rows.insert("claim_topics".into(), topics);
    Ok(())
}

/// The file's columns of `table`, in its order; each must be a column the team desk writes.
fn columns(
    read: &rusqlite::Connection,
    tx: &mut Transaction<'_>,
    table: &str,
) -> Result<Vec<String>> {
    let mut stmt = read.prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?;
    let file: Vec<String> = stmt
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let team: Vec<String> = tx
        .query(
            "SELECT column_name::text FROM information_schema.columns
             WHERE table_schema = 'factdesk' AND table_name = $1 AND is_generated = 'NEVER'",
            &[&table],
        )?
        .iter()
        .map(|r| r.get(0))
        .collect();
    if let Some(missing) = file.iter().find(|c| !team.contains(c)) {
        return Err(CoreError::Internal(format!(
            "the team desk's table {table} has no column {missing}, which the desk file has"
        )));
    }
    Ok(file)
}

/// Streams the file's `table` (`filter` a WHERE clause or empty) into `into` with COPY in its
/// text format; the rows copied.
fn copy_table(
    read: &rusqlite::Connection,
    tx: &mut Transaction<'_>,
    table: &str,
    into: &str,
    cols: &[String],
    filter: &str,
) -> Result<u64> {
    let list = cols.join(", ");
    let mut stmt = read.prepare(&format!("SELECT {list} FROM {table}{filter}"))?;
    let mut found = stmt.query([])?;
    let sink = tx.copy_in(&format!("COPY {into} ({list}) FROM STDIN"))?;
    let mut out = std::io::BufWriter::with_capacity(1 << 20, sink);
    let mut line = Vec::with_capacity(4096);
    let failed = |e: std::io::Error| CoreError::Postgres(format!("COPY into {table}: {e}"));
    while let Some(row) = found.next()? {
        line.clear();
        for i in 0..cols.len() {
            if i > 0 {
                line.push(b'\t');
            }
            field(&mut line, row.get_ref(i)?);
        }
        line.push(b'\n');
        out.write_all(&line).map_err(failed)?;
    }
    let sink = out.into_inner().map_err(|e| failed(e.into_error()))?;
    Ok(sink.finish()?)
}

/// One value in COPY's text format: `\N` for NULL, backslash escapes for text, `\\x…` for bytes.
fn field(line: &mut Vec<u8>, value: ValueRef<'_>) {
    match value {
        ValueRef::Null => line.extend_from_slice(b"\\N"),
        ValueRef::Integer(i) => line.extend_from_slice(i.to_string().as_bytes()),
        ValueRef::Real(f) => line.extend_from_slice(f.to_string().as_bytes()),
        ValueRef::Text(t) => {
            for &b in t {
                match b {
                    b'\\' => line.extend_from_slice(b"\\\\"),
                    b'\n' => line.extend_from_slice(b"\\n"),
                    b'\r' => line.extend_from_slice(b"\\r"),
                    b'\t' => line.extend_from_slice(b"\\t"),
                    _ => line.push(b),
                }
            }
        }
        ValueRef::Blob(bytes) => {
            line.extend_from_slice(b"\\\\x");
            for b in bytes {
                line.extend_from_slice(format!("{b:02x}").as_bytes());
            }
        }
    }
}
