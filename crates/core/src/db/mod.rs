//! The storage seam: one connection type, [`Db`], over both engines (a desk file through rusqlite,
//! a team desk through `postgres`), so each rule of the core is written once above it.
//!
//! What it offers is the part of rusqlite's API the core uses, with rusqlite's vocabulary for
//! values: parameters are `&[&dyn rusqlite::ToSql]` (`params![…]`), columns are read with
//! `row.get::<_, T>(i)` through `FromSql`, closures return `rusqlite::Result`. On PostgreSQL a
//! parameter is bound as the type the prepared statement wants and a column is read back as a
//! SQLite `ValueRef` (`values.rs`); `?N` and `?` become `$N` (`placeholders.rs`); each statement
//! is prepared once per connection ([`postgres::Session`] keeps them).
//!
//! # Porting a module
//! 1. Take `db: &Db<'_>` where the function took `&Connection` or `&Transaction` (a `Write`'s
//!    transaction is `&w.db`; code not ported yet takes `w.sqlite("operation")?`, which a team
//!    desk refuses by name).
//! 2. Keep the calls: `db.prepare_cached(sql)?` gives a [`Statement`] with `execute`,
//!    `query_map`, `query_row` and `exists`; `db.execute`, `db.query_row` as on a connection.
//!    Pass `params![…]` (or `&[]`), never a bare array or tuple: the seam takes one kind.
//!    `stmt.query_map(…)?.collect::<rusqlite::Result<Vec<_>>>()?` reads as before.
//! 3. Write the SQL in the part both engines accept: `?N` placeholders, `ON CONFLICT … DO
//!    NOTHING` (not `INSERT OR IGNORE`), `INSERT … RETURNING col` (not `last_insert_rowid`),
//!    `CAST(x AS BIGINT)` (not `::`), `'…'` for text and `"…"` only for identifiers, `||` for
//!    concatenation, no `json_extract`, `glob`, `rowid` or `strftime`. What cannot be shared is a
//!    small named function in `dialect.rs` that matches on [`Db::engine`] (a list of keys, a
//!    table's columns); PRAGMAs and full-text search stay with their engine.
//! 4. "No row" is `CoreError::Sqlite(QueryReturnedNoRows)` on both engines: keep
//!    `.map_err(CoreError::missing(kind, id))`, or use [`Optional::optional`].
//! 5. On PostgreSQL a failed statement aborts the whole transaction. Code that catches an error
//!    and goes on (a refused review, a duplicate key) runs the statement in [`Db::savepoint`].
//! 6. Test it on both engines: `crates/core/tests/team/seam.rs` shows the pattern (the same
//!    calls on a desk file and on the throwaway cluster, results compared).
//!
//! Errors: SQLite's are `CoreError::Sqlite` as before (the desk names its file in `storage.rs`).
//! PostgreSQL's go through `From<postgres::Error>` (`team/roles.rs`): a role or row-level
//! security refusal is `Refused` naming the rule, a lost server `Unreachable` (named by the
//! [`postgres::Session`]), anything else `Postgres` in the server's words.
//!
//! Invariant: nothing here commits or rolls back the caller's SQLite transaction; a PostgreSQL
//! [`Db`] is one transaction, committed by [`postgres::Session::write`] only when its closure
//! returns `Ok`.

mod dialect;
mod placeholders;
pub mod postgres;
mod values;

use std::cell::RefCell;
use std::collections::HashMap;

use rusqlite::types::{FromSql, FromSqlError, ValueRef};

use crate::error::{CoreError, Result};

pub use dialect::keys;
pub use placeholders::to_postgres;

/// Which engine a [`Db`] runs on, for the few dialect spots (`dialect.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

/// A connection inside its transaction, on either engine.
pub enum Db<'a> {
    /// A desk file: its connection, or a transaction on it (which derefs to it).
    Sqlite(&'a rusqlite::Connection),
    /// A team desk: one transaction, with the session's prepared statements.
    Postgres(Pg<'a>),
}

/// A PostgreSQL transaction and the statements its session has prepared. The `RefCell` lets
/// `Db` be shared (`&Db`) as a rusqlite connection is; it is borrowed only for the length of one
/// call to the server, never while caller code runs.
pub struct Pg<'a> {
    inner: RefCell<PgInner<'a>>,
}

struct PgInner<'a> {
    tx: PgConn<'a>,
    /// By the SQL as the core writes it (before its placeholders are rewritten).
    statements: &'a mut HashMap<String, ::postgres::Statement>,
}

/// Where a [`Pg`]'s statements run.
enum PgConn<'a> {
    Transaction(::postgres::Transaction<'a>),
    /// One statement on the session's connection, outside an explicit transaction
    /// ([`postgres::Session::read_one`]): `ran` once it has been sent, and a second is refused,
    /// since it would see another snapshot of the desk.
    Single {
        client: &'a mut ::postgres::Client,
        ran: bool,
    },
}

impl PgConn<'_> {
    /// The connection for the next statement; a one-statement read's second is refused.
    fn next_statement(&mut self) -> Result<&mut dyn PgClient> {
        match self {
            PgConn::Transaction(tx) => Ok(tx),
            PgConn::Single { ran: true, .. } => Err(CoreError::Internal(
                "a one-statement read of the team desk sent a second statement".into(),
            )),
            PgConn::Single { client, ran } => {
                *ran = true;
                Ok(*client)
            }
        }
    }

    fn prepare(
        &mut self,
        sql: &str,
    ) -> std::result::Result<::postgres::Statement, ::postgres::Error> {
        match self {
            PgConn::Transaction(tx) => tx.prepare(sql),
            PgConn::Single { client, .. } => client.prepare(sql),
        }
    }
}

type PgParams<'p> = [&'p (dyn ::postgres::types::ToSql + Sync)];

/// What a statement is sent through: a transaction or, for a one-statement read, the client.
trait PgClient {
    fn query(
        &mut self,
        stmt: &::postgres::Statement,
        params: &PgParams<'_>,
    ) -> std::result::Result<Vec<::postgres::Row>, ::postgres::Error>;
    fn execute(
        &mut self,
        stmt: &::postgres::Statement,
        params: &PgParams<'_>,
    ) -> std::result::Result<u64, ::postgres::Error>;
}

impl PgClient for ::postgres::Transaction<'_> {
    fn query(
        &mut self,
        stmt: &::postgres::Statement,
        params: &PgParams<'_>,
    ) -> std::result::Result<Vec<::postgres::Row>, ::postgres::Error> {
        ::postgres::Transaction::query(self, stmt, params)
    }
    fn execute(
        &mut self,
        stmt: &::postgres::Statement,
        params: &PgParams<'_>,
    ) -> std::result::Result<u64, ::postgres::Error> {
        ::postgres::Transaction::execute(self, stmt, params)
    }
}

impl PgClient for ::postgres::Client {
    fn query(
        &mut self,
        stmt: &::postgres::Statement,
        params: &PgParams<'_>,
    ) -> std::result::Result<Vec<::postgres::Row>, ::postgres::Error> {
        ::postgres::Client::query(self, stmt, params)
    }
    fn execute(
        &mut self,
        stmt: &::postgres::Statement,
        params: &PgParams<'_>,
    ) -> std::result::Result<u64, ::postgres::Error> {
        ::postgres::Client::execute(self, stmt, params)
    }
}

impl<'a> Db<'a> {
    /// A desk file's connection or transaction.
    pub fn sqlite(conn: &'a rusqlite::Connection) -> Db<'a> {
        Db::Sqlite(conn)
    }

    pub fn engine(&self) -> Engine {
        match self {
            Db::Sqlite(_) => Engine::Sqlite,
            Db::Postgres(_) => Engine::Postgres,
        }
    }

    /// The statement for `sql`, prepared once per connection.
    pub fn prepare_cached(&self, sql: &str) -> Result<Statement<'_>> {
        Ok(Statement(match self {
            Db::Sqlite(conn) => StatementOn::Sqlite(conn.prepare_cached(sql)?),
            Db::Postgres(pg) => StatementOn::Postgres {
                pg,
                stmt: pg.prepare(sql)?,
                sql: sql.to_string(),
            },
        }))
    }

    /// Runs one statement; the number of rows it changed.
    pub fn execute(&self, sql: &str, params: &[&dyn rusqlite::ToSql]) -> Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }

    /// The first row of `sql`, through `f`; "no row" is `QueryReturnedNoRows`.
    pub fn query_row<T, F>(&self, sql: &str, params: &[&dyn rusqlite::ToSql], f: F) -> Result<T>
    where
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    {
        self.prepare_cached(sql)?.query_row(params, f)
    }

    /// Every row of `sql`, each through `f`.
    pub fn query_all<T, F>(
        &self,
        sql: &str,
        params: &[&dyn rusqlite::ToSql],
        f: F,
    ) -> Result<Vec<T>>
    where
        F: FnMut(&Row<'_>) -> rusqlite::Result<T>,
    {
        let mut stmt = self.prepare_cached(sql)?;
        let rows = stmt.query_map(params, f)?;
        Ok(rows.collect::<rusqlite::Result<Vec<T>>>()?)
    }

    /// Whether `sql` gives at least one row.
    pub fn exists(&self, sql: &str, params: &[&dyn rusqlite::ToSql]) -> Result<bool> {
        self.prepare_cached(sql)?.exists(params)
    }

    /// Runs `f` inside a savepoint: when it fails, what it wrote is undone and the transaction
    /// goes on (on PostgreSQL a failed statement would otherwise abort the whole transaction).
    pub fn savepoint<T>(&self, f: impl FnOnce(&Db<'a>) -> Result<T>) -> Result<T> {
        self.execute("SAVEPOINT seam", &[])?;
        match f(self) {
            Ok(out) => {
                self.execute("RELEASE SAVEPOINT seam", &[])?;
                Ok(out)
            }
            Err(e) => {
                // When the undo fails too (the server went away), the first error says why.
                if self.execute("ROLLBACK TO SAVEPOINT seam", &[]).is_ok() {
                    self.execute("RELEASE SAVEPOINT seam", &[])?;
                }
                Err(e)
            }
        }
    }

    /// Runs a statement a team desk may refuse by its roles. A refusal (core's `Refused`) is
    /// handed back and the transaction goes on without that change; any other error fails.
    /// A desk file has no roles to refuse, so there it is a plain `execute`.
    pub fn execute_unless_refused(
        &self,
        sql: &str,
        params: &[&dyn rusqlite::ToSql],
    ) -> Result<Option<CoreError>> {
        if self.engine() == Engine::Sqlite {
            self.execute(sql, params)?;
            return Ok(None);
        }
        match self.savepoint(|db| db.execute(sql, params)) {
            Ok(_) => Ok(None),
            Err(e @ CoreError::Refused { .. }) => Ok(Some(e)),
            Err(e) => Err(e),
        }
    }
}

impl Pg<'_> {
    fn prepare(&self, sql: &str) -> Result<::postgres::Statement> {
        let mut inner = self.inner.borrow_mut();
        if let Some(s) = inner.statements.get(sql) {
            return Ok(s.clone());
        }
        let stmt = inner.tx.prepare(&to_postgres(sql))?;
        inner.statements.insert(sql.to_string(), stmt.clone());
        Ok(stmt)
    }

    fn query(
        &self,
        sql: &str,
        stmt: &::postgres::Statement,
        params: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<::postgres::Row>> {
        let bound = values::bind(sql, params, stmt.params())?;
        let refs: Vec<&(dyn ::postgres::types::ToSql + Sync)> = bound
            .iter()
            .map(|b| b as &(dyn ::postgres::types::ToSql + Sync))
            .collect();
        Ok(self
            .inner
            .borrow_mut()
            .tx
            .next_statement()?
            .query(stmt, &refs)?)
    }

    fn execute(
        &self,
        sql: &str,
        stmt: &::postgres::Statement,
        params: &[&dyn rusqlite::ToSql],
    ) -> Result<usize> {
        let bound = values::bind(sql, params, stmt.params())?;
        let refs: Vec<&(dyn ::postgres::types::ToSql + Sync)> = bound
            .iter()
            .map(|b| b as &(dyn ::postgres::types::ToSql + Sync))
            .collect();
        let n = self
            .inner
            .borrow_mut()
            .tx
            .next_statement()?
            .execute(stmt, &refs)?;
        usize::try_from(n).map_err(|_| CoreError::Internal(format!("{n} rows changed")))
    }
}

/// A prepared statement on either engine.
pub struct Statement<'d>(StatementOn<'d>);

enum StatementOn<'d> {
    Sqlite(rusqlite::CachedStatement<'d>),
    Postgres {
        pg: &'d dyn PgCalls,
        stmt: ::postgres::Statement,
        sql: String,
    },
}

/// What a statement needs of its PostgreSQL transaction; a trait object so a [`Statement`]
/// names one lifetime only.
trait PgCalls {
    fn query(
        &self,
        sql: &str,
        stmt: &::postgres::Statement,
        params: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<::postgres::Row>>;
    fn execute(
        &self,
        sql: &str,
        stmt: &::postgres::Statement,
        params: &[&dyn rusqlite::ToSql],
    ) -> Result<usize>;
}

impl PgCalls for Pg<'_> {
    fn query(
        &self,
        sql: &str,
        stmt: &::postgres::Statement,
        params: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<::postgres::Row>> {
        Pg::query(self, sql, stmt, params)
    }
    fn execute(
        &self,
        sql: &str,
        stmt: &::postgres::Statement,
        params: &[&dyn rusqlite::ToSql],
    ) -> Result<usize> {
        Pg::execute(self, sql, stmt, params)
    }
}

impl<'d> Statement<'d> {
    /// Runs the statement; the number of rows it changed.
    pub fn execute(&mut self, params: &[&dyn rusqlite::ToSql]) -> Result<usize> {
        match &mut self.0 {
            StatementOn::Sqlite(s) => Ok(s.execute(params)?),
            StatementOn::Postgres { pg, stmt, sql } => pg.execute(sql, stmt, params),
        }
    }

    /// The statement's rows, each through `f`, as an iterator of `rusqlite::Result`. On
    /// PostgreSQL the rows are fetched when this is called (a screen's query is bounded by what
    /// it shows); on SQLite they are stepped through as the iterator is.
    pub fn query_map<T, F>(
        &mut self,
        params: &[&dyn rusqlite::ToSql],
        f: F,
    ) -> Result<MappedRows<'_, F>>
    where
        F: FnMut(&Row<'_>) -> rusqlite::Result<T>,
    {
        let rows = match &mut self.0 {
            StatementOn::Sqlite(s) => RowsOn::Sqlite(s.query(params)?),
            StatementOn::Postgres { pg, stmt, sql } => {
                RowsOn::Postgres(pg.query(sql, stmt, params)?.into_iter())
            }
        };
        Ok(MappedRows { rows, f })
    }

    /// The first row, through `f`; "no row" is `QueryReturnedNoRows` on both engines.
    pub fn query_row<T, F>(&mut self, params: &[&dyn rusqlite::ToSql], f: F) -> Result<T>
    where
        F: FnOnce(&Row<'_>) -> rusqlite::Result<T>,
    {
        let mut f = Some(f);
        let mut rows = self.query_map(params, |r| match f.take() {
            Some(f) => f(r).map(Some),
            None => Ok(None),
        })?;
        match rows.next() {
            Some(Ok(Some(v))) => Ok(v),
            Some(Err(e)) => Err(e.into()),
            Some(Ok(None)) | None => Err(rusqlite::Error::QueryReturnedNoRows.into()),
        }
    }

    /// Whether the statement gives at least one row.
    pub fn exists(&mut self, params: &[&dyn rusqlite::ToSql]) -> Result<bool> {
        match &mut self.0 {
            StatementOn::Sqlite(s) => Ok(s.exists(params)?),
            StatementOn::Postgres { pg, stmt, sql } => Ok(!pg.query(sql, stmt, params)?.is_empty()),
        }
    }
}

/// Rows of a [`Statement::query_map`].
pub struct MappedRows<'s, F> {
    rows: RowsOn<'s>,
    f: F,
}

enum RowsOn<'s> {
    Sqlite(rusqlite::Rows<'s>),
    Postgres(std::vec::IntoIter<::postgres::Row>),
}

impl<T, F> Iterator for MappedRows<'_, F>
where
    F: FnMut(&Row<'_>) -> rusqlite::Result<T>,
{
    type Item = rusqlite::Result<T>;

    fn next(&mut self) -> Option<Self::Item> {
        match &mut self.rows {
            RowsOn::Sqlite(rows) => match rows.next() {
                Ok(Some(r)) => Some((self.f)(&Row(RowOn::Sqlite(r)))),
                Ok(None) => None,
                Err(e) => Some(Err(e)),
            },
            RowsOn::Postgres(rows) => rows.next().map(|r| (self.f)(&Row(RowOn::Postgres(&r)))),
        }
    }
}

/// One row of a result, on either engine.
pub struct Row<'r>(RowOn<'r>);

enum RowOn<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    Postgres(&'r ::postgres::Row),
}

/// A column by position (from 0) or by name, as rusqlite's `RowIndex`.
pub trait ColumnIndex: rusqlite::RowIndex + Copy {
    /// The column's position in a PostgreSQL row.
    fn position(self, row: &::postgres::Row) -> rusqlite::Result<usize>;
}

impl ColumnIndex for usize {
    fn position(self, row: &::postgres::Row) -> rusqlite::Result<usize> {
        if self < row.len() {
            Ok(self)
        } else {
            Err(rusqlite::Error::InvalidColumnIndex(self))
        }
    }
}

impl ColumnIndex for &str {
    fn position(self, row: &::postgres::Row) -> rusqlite::Result<usize> {
        row.columns()
            .iter()
            .position(|c| c.name() == self)
            .ok_or_else(|| rusqlite::Error::InvalidColumnName(self.to_string()))
    }
}

impl<'r> Row<'r> {
    /// A desk file's row seen as the seam's, so one row reader serves both a `Db` query and
    /// code still on rusqlite.
    pub fn sqlite(row: &'r rusqlite::Row<'r>) -> Row<'r> {
        Row(RowOn::Sqlite(row))
    }
}

impl Row<'_> {
    /// The column's value as `T`, through `FromSql`, with rusqlite's errors.
    pub fn get<I: ColumnIndex, T: FromSql>(&self, idx: I) -> rusqlite::Result<T> {
        match &self.0 {
            RowOn::Sqlite(r) => r.get(idx),
            RowOn::Postgres(r) => {
                let i = idx.position(r)?;
                let value = self.get_ref(i)?;
                T::column_result(value).map_err(|e| match e {
                    FromSqlError::InvalidType => rusqlite::Error::InvalidColumnType(
                        i,
                        r.columns()[i].name().to_string(),
                        value.data_type(),
                    ),
                    FromSqlError::OutOfRange(n) => rusqlite::Error::IntegralValueOutOfRange(i, n),
                    FromSqlError::Utf8Error(e) => rusqlite::Error::Utf8Error(i, e),
                    FromSqlError::Other(e) => {
                        rusqlite::Error::FromSqlConversionFailure(i, value.data_type(), e)
                    }
                    e => {
                        rusqlite::Error::FromSqlConversionFailure(i, value.data_type(), Box::new(e))
                    }
                })
            }
        }
    }

    /// The column's value as SQLite holds it.
    pub fn get_ref<I: ColumnIndex>(&self, idx: I) -> rusqlite::Result<ValueRef<'_>> {
        match &self.0 {
            RowOn::Sqlite(r) => r.get_ref(idx),
            RowOn::Postgres(r) => {
                let i = idx.position(r)?;
                r.try_get::<_, values::Cell<'_>>(i)
                    .map(|c| c.0)
                    .map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(
                            i,
                            rusqlite::types::Type::Null,
                            Box::new(e),
                        )
                    })
            }
        }
    }

    pub fn column_count(&self) -> usize {
        match &self.0 {
            RowOn::Sqlite(r) => r.as_ref().column_count(),
            RowOn::Postgres(r) => r.len(),
        }
    }

    /// The name of column `i` (from 0), as the statement gives it.
    pub fn column_name(&self, i: usize) -> rusqlite::Result<&str> {
        match &self.0 {
            RowOn::Sqlite(r) => r.as_ref().column_name(i),
            RowOn::Postgres(r) => r
                .columns()
                .get(i)
                .map(|c| c.name())
                .ok_or(rusqlite::Error::InvalidColumnIndex(i)),
        }
    }
}

/// "No row" as `None`, as rusqlite's `OptionalExtension` does, for the seam's `Result`.
pub trait Optional<T> {
    fn optional(self) -> Result<Option<T>>;
}

impl<T> Optional<T> for Result<T> {
    fn optional(self) -> Result<Option<T>> {
        match self {
            Ok(v) => Ok(Some(v)),
            Err(CoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows)) => Ok(None),
            Err(e) => Err(e),
        }
    }
}
