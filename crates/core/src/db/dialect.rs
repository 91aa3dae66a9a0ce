//! The spots where SQLite and PostgreSQL cannot share one spelling, each a small named function
//! that matches on the engine. Everything else is written once (see `db/mod.rs`).

use super::{Db, Engine};
use crate::error::{CoreError, Result};

/// A list of keys as one parameter, for [`Db::in_keys`]: a JSON array of text.
pub fn keys<S: AsRef<str>>(keys: &[S]) -> Result<String> {
    let keys: Vec<&str> = keys.iter().map(AsRef::as_ref).collect();
    serde_json::to_string(&keys)
        .map_err(|e| CoreError::Internal(format!("could not list keys: {e}")))
}

impl Db<'_> {
    /// Holds `key` until the transaction ends, so writers of one record that is read before it
    /// is written (a review) take turns. A desk file's write is an immediate transaction, which
    /// already holds the whole desk. On a team desk each statement sees what was committed when
    /// it ran: without the hold, two sign-offs of one review each read the same "before" and
    /// the history would not chain. An advisory lock needs no privilege on any table, and
    /// PostgreSQL releases it at commit or rollback.
    pub fn hold(&self, key: &str) -> Result<()> {
        if self.engine() == Engine::Postgres {
            self.query_row(
                "SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))) AS held",
                rusqlite::params![key],
                |r| r.get::<_, i64>(0),
            )?;
        }
        Ok(())
    }

    /// "`column` is one of the keys in parameter `n`" (a [`keys`] list): one bound parameter
    /// however many keys, so the statement is prepared once.
    pub fn in_keys(&self, column: &str, n: usize) -> String {
        format!("{column} IN (SELECT value FROM {})", self.each_key(n))
    }

    /// The keys in parameter `n` (a [`keys`] list) as a table of one text column, `value`: a
    /// query that answers for many keys in one round trip (`FROM {each_key} AS k`).
    pub fn each_key(&self, n: usize) -> String {
        match self.engine() {
            Engine::Sqlite => format!("json_each(?{n})"),
            Engine::Postgres => format!("json_array_elements_text(?{n})"),
        }
    }

    /// "`column` lies in [`?lo`, `?hi`)" compared byte by byte, as SQLite's binary collation
    /// does: an id prefix or a citation key's suffixes are a range of the column. PostgreSQL
    /// compares in the database's collation, where `~` or `{` may sort anywhere (en_US ignores
    /// punctuation), so there the comparison is in "C", which the `bytes` indexes serve.
    pub fn byte_range(&self, column: &str, lo: usize, hi: usize) -> String {
        let c = self.byte_order(column);
        format!("{c} >= ?{lo} AND {c} < ?{hi}")
    }

    /// `column` to sort or compare byte by byte (see [`Db::byte_range`]).
    pub fn byte_order(&self, column: &str) -> String {
        match self.engine() {
            Engine::Sqlite => column.to_string(),
            Engine::Postgres => format!("{column} COLLATE \"C\""),
        }
    }

    /// "`column` equals parameter `n`, ASCII letters in either case": SQLite's `COLLATE NOCASE`,
    /// which folds A-Z only; PostgreSQL's `lower` would fold every script, so it folds A-Z too.
    pub fn ascii_nocase_eq(&self, column: &str, n: usize) -> String {
        match self.engine() {
            Engine::Sqlite => format!("{column} = ?{n} COLLATE NOCASE"),
            Engine::Postgres => {
                const UPPER: &str = "'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'";
                format!("translate({column}, {UPPER}) = translate(?{n}, {UPPER})")
            }
        }
    }

    /// `column` where SQLite's planner must not pick an index on it (its unary `+`): PostgreSQL
    /// weighs indexes by their statistics and needs no such hint.
    pub fn unindexed(&self, column: &str) -> String {
        match self.engine() {
            Engine::Sqlite => format!("+{column}"),
            Engine::Postgres => column.to_string(),
        }
    }

    /// The text at `key` of the JSON text in `column` (NULL when absent or not JSON-held text).
    pub fn json_text(&self, column: &str, key: &str) -> String {
        match self.engine() {
            Engine::Sqlite => format!("json_extract({column}, '$.{key}')"),
            Engine::Postgres => format!("(CAST({column} AS json) ->> '{key}')"),
        }
    }

    /// A JSON array (as text, `[]` when empty) of `expr` over `rows` ordered by `order`: a
    /// record's list column (a claim's topics).
    pub fn json_array_of(&self, expr: &str, rows: &str, order: &str) -> String {
        match self.engine() {
            Engine::Sqlite => format!(
                "(SELECT json_group_array({expr}) FROM (SELECT {expr} FROM {rows} ORDER BY {order}))"
            ),
            Engine::Postgres => format!(
                "(SELECT CAST(COALESCE(json_agg({expr} ORDER BY {order}), CAST('[]' AS json)) AS text) \
                 FROM {rows})"
            ),
        }
    }

    /// A JSON array (as text, `[]` when empty) of `expr` over `rows` in the order `rows` gives
    /// them: the rows of one key of [`Db::each_key`] as one column, where `rows` (a subquery
    /// with its own `LIMIT`) names the key's column.
    pub fn json_array_as_read(&self, expr: &str, rows: &str) -> String {
        match self.engine() {
            Engine::Sqlite => format!("(SELECT json_group_array({expr}) FROM {rows})"),
            Engine::Postgres => format!(
                "(SELECT CAST(COALESCE(json_agg({expr}), CAST('[]' AS json)) AS text) FROM {rows})"
            ),
        }
    }

    /// The columns of the desk's table `table`, in the table's order.
    pub fn columns(&self, table: &str) -> Result<Vec<String>> {
        let sql = match self.engine() {
            Engine::Sqlite => "SELECT name FROM pragma_table_info(?1) ORDER BY cid",
            Engine::Postgres => {
                "SELECT CAST(column_name AS text) FROM information_schema.columns
                 WHERE table_schema = 'factdesk' AND table_name = ?1 ORDER BY ordinal_position"
            }
        };
        self.query_all(sql, rusqlite::params![table], |r| r.get(0))
    }
}
