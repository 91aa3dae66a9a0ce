//! The team desk's schema as an ordered, append-only list of migrations, PostgreSQL's twin of
//! `crate::migrations`. The list starts at SQLite's final state (version 10 there); from now on a
//! migration added to one list gets its counterpart in the other, and the `team` test suite
//! checks that both make the same tables and columns, types compatible by [`compatible`].
//!
//! Applied versions are rows of `factdesk_migrations`. Each `init` applies what is missing in
//! one transaction, as `factdesk_owner` (so the owner owns every table), under an advisory lock
//! so two inits at once apply each migration once.

use postgres::Client;

use crate::error::{CoreError, Result};

/// (name, SQL) oldest first. Append only; never edit one that has shipped.
pub const MIGRATIONS: &[(&str, &str)] = &[
    ("tables", include_str!("tables.sql")),
    ("roles", include_str!("roles.sql")),
    ("source_changes", include_str!("source_changes.sql")),
    ("quote_checks", include_str!("quote_checks.sql")),
    ("copies", include_str!("copies.sql")),
    ("changes", include_str!("changes.sql")),
    ("bytes", include_str!("bytes.sql")),
    ("evidence_order", include_str!("evidence_order.sql")),
    ("edits", include_str!("edits.sql")),
    ("search", include_str!("search.sql")),
    ("search_words", include_str!("search_words.sql")),
    ("loaded_words", include_str!("loaded_words.sql")),
];

/// Tables only the team desk has, and why.
pub const PG_ONLY_TABLES: &[&str] = &[
    // The applied migrations; SQLite keeps its version in `PRAGMA user_version`.
    "factdesk_migrations",
];

/// Columns only the team desk has: (table, column, why).
pub const PG_ONLY_COLUMNS: &[(&str, &str, &str)] = &[
    (
        "sources",
        "search",
        "tsvector for full-text search; SQLite has the FTS5 table sources_search",
    ),
    (
        "claims",
        "search",
        "tsvector of text and topics; SQLite has the FTS5 table claims_search",
    ),
    (
        "drafts",
        "search",
        "tsvector for full-text search; SQLite has the FTS5 table drafts_search",
    ),
    (
        "evidence",
        "seq",
        "the order evidence was linked in, which SQLite keeps as the rowid (evidence_order.sql)",
    ),
    (
        "claims",
        "search_words",
        "the claim's text and topics, folded, for trigram search; SQLite has claims_search",
    ),
    (
        "sources",
        "search_words",
        "the source's searchable fields, folded, for trigram search; SQLite has sources_search",
    ),
    (
        "sources",
        "search_short",
        "title, outlet, author and notes, folded, read by a search of short words only",
    ),
    (
        "drafts",
        "search_words",
        "title and body, folded, for trigram search; SQLite has drafts_search",
    ),
    (
        "claims",
        "created_by",
        "the role that inserted the claim, read by row-level security (a personal desk has one user)",
    ),
    (
        "claims",
        "edited_by",
        "the role of the claim's latest change, read by row-level security",
    ),
    (
        "person_aliases",
        "seq",
        "the order aliases were added in, which SQLite reads from the rowid",
    ),
];

/// Whether a SQLite column type and a PostgreSQL `information_schema` data type hold the same
/// values: TEXT is text (times are RFC 3339 text on both engines), INTEGER is bigint (SQLite's
/// integers are 64-bit; its 0/1 flags stay integers with the same CHECK), BLOB is bytea.
pub fn compatible(sqlite: &str, postgres: &str) -> bool {
    matches!(
        (sqlite.to_ascii_uppercase().as_str(), postgres),
        ("TEXT", "text") | ("INTEGER", "bigint") | ("BLOB", "bytea")
    )
}

/// The newest team-desk schema this binary knows.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Any constant will do, as long as only Factdesk's migrations take it.
const MIGRATION_LOCK: i64 = 0x6661_6374_6465_736b; // "factdesk"

/// Applies the migrations `client`'s database lacks; returns how many. The caller has made the
/// roles and the schema.
pub fn migrate(client: &mut Client) -> Result<usize> {
    let mut tx = client.transaction()?;
    tx.batch_execute(&format!(
        "SELECT pg_advisory_xact_lock({MIGRATION_LOCK});
         SET LOCAL ROLE factdesk_owner;
         SET LOCAL search_path = factdesk, public;
         CREATE TABLE IF NOT EXISTS factdesk_migrations (
             version    bigint PRIMARY KEY,
             name       text NOT NULL,
             applied_at timestamptz NOT NULL DEFAULT now()
         );"
    ))?;
    let found: i64 = tx
        .query_one(
            "SELECT coalesce(max(version), 0) FROM factdesk_migrations",
            &[],
        )?
        .get(0);
    if found > latest_version() {
        return Err(CoreError::DeskTooNew {
            found,
            supported: latest_version(),
        });
    }
    let mut applied = 0;
    for (i, (name, sql)) in MIGRATIONS.iter().enumerate().skip(found as usize) {
        let version = i as i64 + 1;
        tx.batch_execute(sql).map_err(|e| {
            CoreError::Migration(format!(
                "team desk migration {version} ({name}): {}",
                describe(&e)
            ))
        })?;
        tx.execute(
            "INSERT INTO factdesk_migrations (version, name) VALUES ($1, $2)",
            &[&version, name],
        )?;
        applied += 1;
    }
    tx.commit()?;
    Ok(applied)
}

/// A PostgreSQL error in the server's own words (the crate's `Display` of a server error says
/// only "db error").
pub(crate) fn describe(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => db.to_string(),
        // The crate's own errors say what kind they are ("invalid configuration"); the
        // cause says what is wrong.
        None => match std::error::Error::source(e) {
            Some(cause) => format!("{e}: {cause}"),
            None => e.to_string(),
        },
    }
}
