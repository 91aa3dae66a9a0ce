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

/// How many of a team desk's newest records of a kind the first try of [`holding`] walks: a
/// word in one record of 25 fills the candidates within it. A bound, so a rare word costs a
/// walk of this many rows before the trigram index is asked.
pub(super) const WALK: usize = 5_000;

/// The longest walk [`longer_walk`] asks for: about what the trigram index costs to find and
/// sort every match of a word in one record of 40 on a million-claim desk.
const LONGEST_WALK: usize = 40_000;

/// A second walk for the words a first walk of [`WALK`] records found `found` times
/// (`0 < found < wanted`): long enough, with half again as margin, to find `wanted` if the
/// words are as common further back, when that is at most [`LONGEST_WALK`]. A walk costs the
/// rows it reads, where the trigram index costs every match (tens of thousands for a name in
/// one claim of 40), read and sorted.
pub(super) fn longer_walk(found: usize, wanted: usize) -> Option<usize> {
    let rows = WALK.checked_mul(wanted)?.checked_mul(3)? / (2 * found.max(1));
    (found > 0 && rows <= LONGEST_WALK).then_some(rows.max(WALK))
}

/// The newest `candidates` records of `kind` holding every word of `long` (three characters or
/// more each), newest first: id, title, then [`fields`]. Tries, in order: the answer is the
/// first that gives `candidates` rows, or else the last. A team desk's first try walks the
/// newest `walk` records.
///
/// A desk file asks its FTS5 index once (it gives matches newest first and stops). A team desk's
/// trigram index gives matches in no order, so a common word would mean checking and sorting
/// most of the table to keep its newest matches: it first walks the newest [`WALK`] records by
/// the `(created_at, id)` index, checking each one's folded words. When that walk finds
/// `candidates` matches they are the newest of all (every record it did not read is older);
/// when it does not, the word is rare enough for the trigram index to find every match, which
/// are then sorted.
pub(super) fn holding(
    engine: Engine,
    kind: SearchKind,
    long: &[String],
    candidates: usize,
    walk: usize,
) -> Vec<Query> {
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
            vec![Query {
                sql: format!(
                    "WITH m(rid) AS (
                         SELECT rowid FROM {fts} WHERE {fts} MATCH ?1 ORDER BY rowid DESC LIMIT ?2
                     )
                     {select} FROM m JOIN {table} b ON b.rowid = m.rid ORDER BY m.rid DESC",
                    table = table(kind),
                ),
                params: vec![match_expression(long).into(), (candidates as i64).into()],
            }]
        }
        Engine::Postgres => {
            // Folded words, stored (`team/search_words.sql`), so checking a row folds nothing.
            let like = (1..=long.len())
                .map(|n| format!("b.search_words LIKE ?{n} ESCAPE '\\'"))
                .collect::<Vec<_>>()
                .join(" AND ");
            let mut params: Vec<Value> =
                long.iter().map(|w| like_pattern(&fold(w)).into()).collect();
            params.push((candidates as i64).into());
            let (table, n) = (table(kind), long.len() + 1);
            // The walk's bound is part of the SQL, so the plan is the index walk whatever the
            // parameters.
            let walk = format!(
                "{select} FROM (SELECT * FROM {table} ORDER BY created_at DESC, id DESC
                                LIMIT {walk}) b
                 WHERE {like} ORDER BY b.created_at DESC, b.id DESC LIMIT ?{n}"
            );
            // Every match first, as its own plan (MATERIALIZED: not the walk, which a rare
            // word would take to the oldest record), then the newest of them.
            let every = format!(
                "WITH m AS MATERIALIZED (SELECT b.id, b.created_at FROM {table} b WHERE {like}),
                      newest AS (SELECT id, created_at FROM m
                                 ORDER BY created_at DESC, id DESC LIMIT ?{n})
                 {select} FROM newest JOIN {table} b ON b.id = newest.id
                 ORDER BY newest.created_at DESC, newest.id DESC"
            );
            vec![
                Query {
                    sql: walk,
                    params: params.clone(),
                },
                Query { sql: every, params },
            ]
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
/// the short columns. Tries, as [`holding`]'s: the answer is the first giving `limit` rows, or
/// else the last. On a desk file, a walk of the newest rows that stops at `limit`; on a team
/// desk the same walk over at most [`WALK`] rows, then a scan of every row, sorted.
pub(super) fn scanning(
    engine: Engine,
    kind: SearchKind,
    short: &[String],
    limit: usize,
) -> Vec<Query> {
    let columns = short_fields(engine, kind).join(", ");
    let title = title(kind);
    let mut params: Vec<Value> = vec![(limit as i64).into()];
    match engine {
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
            vec![Query {
                sql: format!(
                    "SELECT b.id, b.{title}, {columns} FROM {base} b WHERE {like} {order} LIMIT ?1"
                ),
                params,
            }]
        }
        Engine::Postgres => {
            // One folded text per record, as `holding` reads; a word holds no space, so it
            // never matches across two fields. `strpos`, not `LIKE`: no index can serve a word
            // this short, and a `LIKE` would let a generic plan ask the trigram index, which
            // then offers every row.
            let words = match kind {
                SearchKind::Source => "b.search_short",
                SearchKind::Claim => "b.search_words",
                SearchKind::Draft => "search_fold(b.title)",
            };
            let holds = (0..short.len())
                .map(|i| format!("strpos({words}, ?{}) > 0", i + 2))
                .collect::<Vec<_>>()
                .join(" AND ");
            params.extend(short.iter().map(|s| fold(s).into()));
            let table = table(kind);
            let walk = format!(
                "SELECT b.id, b.{title}, {columns}
                 FROM (SELECT * FROM {table} ORDER BY created_at DESC, id DESC LIMIT {WALK}) b
                 WHERE {holds} ORDER BY b.created_at DESC, b.id DESC LIMIT ?1"
            );
            // Every row, read in storage order (not by the index, row by row): a rare word.
            let every = format!(
                "WITH m AS MATERIALIZED (SELECT b.id, b.created_at FROM {table} b WHERE {holds}),
                      newest AS (SELECT id, created_at FROM m
                                 ORDER BY created_at DESC, id DESC LIMIT ?1)
                 SELECT b.id, b.{title}, {columns} FROM newest JOIN {table} b ON b.id = newest.id
                 ORDER BY newest.created_at DESC, newest.id DESC"
            );
            vec![
                Query {
                    sql: walk,
                    params: params.clone(),
                },
                Query { sql: every, params },
            ]
        }
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

    /// A word in one of 40 walked records gets a walk long enough to find 200 with margin; a
    /// rarer one goes to the trigram index.
    #[test]
    fn a_longer_walk_is_sized_by_what_the_first_found() {
        assert_eq!(longer_walk(125, 200), Some(12_000));
        assert_eq!(longer_walk(199, 200), Some(7_537));
        assert_eq!(longer_walk(20, 200), None);
        assert_eq!(longer_walk(0, 200), None);
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
