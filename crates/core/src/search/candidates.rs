//! The one part of search that differs by engine: the SQL finding a search's candidates. What a
//! query means, the ranking, the limits, the snippets and the marking are the parent module's,
//! the same on both engines.
//!
//! Each function gives rows in the same shape and order on both engines, newest first:
//! a desk file by its FTS5 trigram tables (`search_index.sql`) and SQLite's `LIKE`, a team desk
//! by pg_trgm GIN indexes over `search_fold`ed words (`team/search.sql`).
//!
//! Invariant: on a team desk a record's folded words are `search_fold` of the same fields the
//! desk file indexes, and each word is folded in Rust (`fold`) before it meets them, with the
//! same table (checked by `fold_table_is_the_team_desks`), so both engines match the same
//! substrings wherever PostgreSQL's `lower()` and Rust's lower case agree (every script in a
//! UTF-8 database; ASCII and Latin letters only in a "C" one). "Newest first" is insertion order
//! on a desk file and `created_at`, then id, on a team desk (which has no rowid); they differ
//! only for records copied in with older dates.

use rusqlite::types::Value;

use super::{SearchKind, fold, like_pattern};
use crate::db::Engine;

/// A statement and its parameters.
pub(super) struct Query {
    pub sql: String,
    pub params: Vec<Value>,
}

/// A claim's topics on a team desk, sorted, one text.
const PG_TOPICS: &str =
    "(SELECT string_agg(topic, ' ' ORDER BY topic) FROM claim_topics t WHERE t.claim_id = b.id)";

/// The fields a hit's ranking and snippet read, as SQL over the kind's row `b`, in the order
/// `Table::weights` weighs them. A claim's topics come sorted, as the desk file's index holds
/// them.
fn fields(engine: Engine, kind: SearchKind) -> &'static [&'static str] {
    match (kind, engine) {
        (SearchKind::Source, _) => &["b.title", "b.outlet", "b.author", "b.notes", "b.kept_text"],
        (SearchKind::Claim, Engine::Sqlite) => &[
            "b.text",
            "(SELECT group_concat(topic, ' ') FROM \
             (SELECT topic FROM claim_topics t WHERE t.claim_id = b.id ORDER BY topic))",
        ],
        (SearchKind::Claim, Engine::Postgres) => &["b.text", PG_TOPICS],
        (SearchKind::Draft, _) => &["b.title", "b.body"],
    }
}

/// How many fields [`fields`] gives for `kind`.
pub(super) fn field_count(kind: SearchKind) -> usize {
    fields(Engine::Sqlite, kind).len()
}

fn table(kind: SearchKind) -> &'static str {
    match kind {
        SearchKind::Source => "sources",
        SearchKind::Claim => "claims",
        SearchKind::Draft => "drafts",
    }
}

fn title(kind: SearchKind) -> &'static str {
    match kind {
        SearchKind::Claim => "text",
        _ => "title",
    }
}

/// The newest `candidates` records of `kind` holding every word of `long` (three characters or
/// more each), newest first: id, title, then [`fields`].
pub(super) fn holding(
    engine: Engine,
    kind: SearchKind,
    long: &[String],
    candidates: usize,
) -> Query {
    let select = format!(
        "SELECT b.id, b.{title}, {fields}",
        title = title(kind),
        fields = fields(engine, kind).join(", "),
    );
    match engine {
        Engine::Sqlite => {
            let fts = match kind {
                SearchKind::Source => "sources_search",
                SearchKind::Claim => "claims_search",
                SearchKind::Draft => "drafts_search",
            };
            Query {
                sql: format!(
                    "WITH m(rid) AS (
                         SELECT rowid FROM {fts} WHERE {fts} MATCH ?1 ORDER BY rowid DESC LIMIT ?2
                     )
                     {select} FROM m JOIN {table} b ON b.rowid = m.rid ORDER BY m.rid DESC",
                    table = table(kind),
                ),
                params: vec![match_expression(long).into(), (candidates as i64).into()],
            }
        }
        Engine::Postgres => {
            let words = match kind {
                SearchKind::Source => {
                    "search_fold(search_text(b.title, b.outlet, b.author, b.notes, b.kept_text))"
                }
                SearchKind::Claim => "b.search_words",
                SearchKind::Draft => "search_fold(search_text(b.title, b.body))",
            };
            let like = (1..=long.len())
                .map(|n| format!("{words} LIKE ?{n} ESCAPE '\\'"))
                .collect::<Vec<_>>()
                .join(" AND ");
            let mut params: Vec<Value> =
                long.iter().map(|w| like_pattern(&fold(w)).into()).collect();
            params.push((candidates as i64).into());
            Query {
                sql: format!(
                    "{select} FROM {table} b WHERE {like}
                     ORDER BY b.created_at DESC, b.id DESC LIMIT ?{n}",
                    table = table(kind),
                    n = long.len() + 1,
                ),
                params,
            }
        }
    }
}

/// The short columns a search of short words only reads, for `kind` (titles, names, notes,
/// claim text and topics; not kept texts or draft bodies).
fn short_fields(engine: Engine, kind: SearchKind) -> &'static [&'static str] {
    match (kind, engine) {
        (SearchKind::Source, _) => &["b.title", "b.outlet", "b.author", "b.notes"],
        (SearchKind::Claim, Engine::Sqlite) => &["b.text", "b.topics"],
        (SearchKind::Claim, Engine::Postgres) => &["b.text", PG_TOPICS],
        (SearchKind::Draft, _) => &["b.title"],
    }
}

/// How many columns after id and title [`scanning`] gives for `kind`.
pub(super) fn short_count(kind: SearchKind) -> usize {
    short_fields(Engine::Sqlite, kind).len()
}

/// Records of `kind` whose short columns hold every word of `short` (each under three
/// characters, which no trigram index holds), newest first, at most `limit`: id, title, then
/// the short columns. A walk of the newest rows that stops at `limit`, as on a desk file.
pub(super) fn scanning(engine: Engine, kind: SearchKind, short: &[String], limit: usize) -> Query {
    let columns = short_fields(engine, kind).join(", ");
    let mut params: Vec<Value> = vec![(limit as i64).into()];
    let (from, like, order) = match engine {
        Engine::Sqlite => {
            let base = match kind {
                SearchKind::Claim => "claim_search_rows",
                _ => table(kind),
            };
            let order = match kind {
                SearchKind::Claim => "ORDER BY b.rid DESC",
                _ => "ORDER BY b.created_at DESC, b.rowid DESC",
            };
            let like = (0..short.len())
                .map(|i| {
                    let any = short_fields(engine, kind)
                        .iter()
                        .map(|c| format!("{c} LIKE ?{} ESCAPE '\\'", i + 2))
                        .collect::<Vec<_>>()
                        .join(" OR ");
                    format!("({any})")
                })
                .collect::<Vec<_>>()
                .join(" AND ");
            params.extend(short.iter().map(|s| like_pattern(s).into()));
            (base, like, order)
        }
        Engine::Postgres => {
            // One folded text per record, as `holding` reads; a word holds no space, so it
            // never matches across two fields.
            let words = match kind {
                SearchKind::Source => {
                    "search_fold(search_text(b.title, b.outlet, b.author, b.notes))"
                }
                SearchKind::Claim => "b.search_words",
                SearchKind::Draft => "search_fold(b.title)",
            };
            let like = (0..short.len())
                .map(|i| format!("{words} LIKE ?{} ESCAPE '\\'", i + 2))
                .collect::<Vec<_>>()
                .join(" AND ");
            params.extend(short.iter().map(|s| like_pattern(&fold(s)).into()));
            (table(kind), like, "ORDER BY b.created_at DESC, b.id DESC")
        }
    };
    Query {
        sql: format!(
            "SELECT b.id, b.{title}, {columns} FROM {from} b WHERE {like} {order} LIMIT ?1",
            title = title(kind),
        ),
        params,
    }
}

/// Records of `kind` whose id starts with `prefix` (upper case, the id alphabet), in id order,
/// at most `limit`: id, title. A range over the ids in code-point order, which an index walks
/// (the primary key on a desk file, `*_id_c` on a team desk).
pub(super) fn by_id(engine: Engine, kind: SearchKind, prefix: &str, limit: usize) -> Query {
    let id = match engine {
        Engine::Sqlite => "id",
        Engine::Postgres => "id COLLATE \"C\"",
    };
    Query {
        sql: format!(
            "SELECT id, {title} FROM {table} WHERE {id} >= ?1 AND {id} < ?2 ORDER BY {id} LIMIT ?3",
            title = title(kind),
            table = table(kind),
        ),
        params: vec![
            prefix.to_string().into(),
            format!("{prefix}\u{7f}").into(),
            (limit as i64).into(),
        ],
    }
}

/// The FTS5 query for `words`: each word a quoted string (so nothing in it is syntax), all
/// required.
fn match_expression(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" AND ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_quoted_so_nothing_is_syntax() {
        let w = vec!["a\"b".to_string(), "NEAR(x".to_string(), "*".to_string()];
        assert_eq!(match_expression(&w), "\"a\"\"b\" AND \"NEAR(x\" AND \"*\"");
    }

    /// The team desk's `search_fold` translates exactly the characters Rust's fold changes in
    /// U+0041..U+02AF (upper case and Latin diacritics), to what it changes them to.
    #[test]
    fn fold_table_is_the_team_desks() {
        let (mut from, mut to) = (String::new(), String::new());
        for c in ('\u{41}'..'\u{2b0}').filter(|&c| super::super::folded(c) != c) {
            from.push(c);
            to.push(super::super::folded(c));
        }
        let sql = include_str!("../team/search.sql");
        assert!(
            sql.contains(&format!("'{from}',\n        '{to}'")),
            "search.sql's translate table should be\n'{from}',\n'{to}'"
        );
    }
}
