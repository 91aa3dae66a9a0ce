//! Rows of either engine as one shape, for the table-driven copy: a row is its columns' values
//! by name, read and written through SQL that differs between SQLite and PostgreSQL only in its
//! placeholders and its "column in this list of keys" test. The desk's tables hold only text,
//! 64-bit integers and bytes (`schema::compatible`), so [`Value`] holds exactly those.
//!
//! Invariant: every statement runs inside the transaction the caller holds; nothing here
//! commits.

use std::collections::{BTreeMap, HashMap};

use postgres::types::{ToSql, Type};
use rusqlite::Connection;
use serde::Serialize;

use crate::error::{CoreError, Result};

/// One column's value, as both engines store it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Null,
    Int(i64),
    Text(String),
    Blob(Vec<u8>),
    /// A list of keys, only ever a parameter of [`Db::in_list`].
    #[serde(skip)]
    Keys(Vec<String>),
}

impl Value {
    pub fn text(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }

    /// The value as a record key: text as is, an integer in decimal.
    pub fn key(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Int(n) => n.to_string(),
            _ => String::new(),
        }
    }
}

/// A row: its columns' values by name.
pub type Row = BTreeMap<String, Value>;

/// A connection inside its transaction, of either engine.
pub enum Db<'a, 'b> {
    Lite(&'a Connection),
    Pg {
        tx: &'a mut postgres::Transaction<'b>,
        /// Statements prepared once per copy: PostgreSQL plans each on the server.
        prepared: HashMap<String, postgres::Statement>,
    },
}

impl<'a, 'b> Db<'a, 'b> {
    pub fn lite(conn: &'a Connection) -> Db<'a, 'b> {
        Db::Lite(conn)
    }

    pub fn pg(tx: &'a mut postgres::Transaction<'b>) -> Db<'a, 'b> {
        Db::Pg {
            tx,
            prepared: HashMap::new(),
        }
    }

    pub fn is_pg(&self) -> bool {
        matches!(self, Db::Pg { .. })
    }

    /// The `n`th (from 1) placeholder.
    pub fn ph(&self, n: usize) -> String {
        match self {
            Db::Lite(_) => format!("?{n}"),
            Db::Pg { .. } => format!("${n}"),
        }
    }

    /// "`column` is one of the keys in parameter `n`" (a [`Value::Keys`]).
    pub fn in_list(&self, column: &str, n: usize) -> String {
        match self {
            Db::Lite(_) => format!("{column} IN (SELECT value FROM json_each(?{n}))"),
            Db::Pg { .. } => format!("{column} = ANY(${n})"),
        }
    }

    /// The columns of `table`, in the table's order.
    pub fn columns(&mut self, table: &str) -> Result<Vec<String>> {
        let rows = match self {
            Db::Lite(_) => self.query(
                "SELECT name FROM pragma_table_info(?1) ORDER BY cid",
                &[Value::Text(table.into())],
            )?,
            Db::Pg { .. } => self.query(
                "SELECT column_name::text AS name FROM information_schema.columns
                 WHERE table_schema = 'factdesk' AND table_name = $1 ORDER BY ordinal_position",
                &[Value::Text(table.into())],
            )?,
        };
        Ok(rows
            .into_iter()
            .filter_map(|mut r| match r.remove("name") {
                Some(Value::Text(s)) => Some(s),
                _ => None,
            })
            .collect())
    }

    /// Rows of `table` (only `columns`) whose `column` is one of `keys`.
    pub fn rows_in(
        &mut self,
        table: &str,
        columns: &[String],
        column: &str,
        keys: Vec<String>,
    ) -> Result<Vec<Row>> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT {} FROM {table} WHERE {}",
            columns.join(", "),
            self.in_list(column, 1)
        );
        self.query(&sql, &[Value::Keys(keys)])
    }

    /// Runs a query; each row by its column names.
    pub fn query(&mut self, sql: &str, params: &[Value]) -> Result<Vec<Row>> {
        match self {
            Db::Lite(conn) => {
                let mut stmt = conn.prepare_cached(sql)?;
                let names: Vec<String> =
                    stmt.column_names().iter().map(|s| s.to_string()).collect();
                let lite = lite_params(params)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(lite.iter()))?;
                let mut out = Vec::new();
                while let Some(r) = rows.next()? {
                    let mut row = Row::new();
                    for (i, name) in names.iter().enumerate() {
                        row.insert(name.clone(), from_lite(r.get_ref(i)?)?);
                    }
                    out.push(row);
                }
                Ok(out)
            }
            Db::Pg { tx, prepared } => {
                let stmt = prepare(tx, prepared, sql)?;
                let owned = pg_params(params, stmt.params())?;
                let refs: Vec<&(dyn ToSql + Sync)> = owned
                    .iter()
                    .map(|b| b.as_ref() as &(dyn ToSql + Sync))
                    .collect();
                let rows = tx.query(&stmt, &refs)?;
                rows.iter().map(from_pg).collect()
            }
        }
    }

    /// Runs a statement; returns the rows it changed.
    pub fn execute(&mut self, sql: &str, params: &[Value]) -> Result<u64> {
        match self {
            Db::Lite(conn) => {
                let lite = lite_params(params)?;
                Ok(conn
                    .prepare_cached(sql)?
                    .execute(rusqlite::params_from_iter(lite.iter()))? as u64)
            }
            Db::Pg { tx, prepared } => {
                let stmt = prepare(tx, prepared, sql)?;
                let owned = pg_params(params, stmt.params())?;
                let refs: Vec<&(dyn ToSql + Sync)> = owned
                    .iter()
                    .map(|b| b.as_ref() as &(dyn ToSql + Sync))
                    .collect();
                Ok(tx.execute(&stmt, &refs)?)
            }
        }
    }

    /// Runs a statement the database may refuse by its roles: on PostgreSQL inside a savepoint,
    /// so a refusal (core's `refused`) is handed back and the transaction goes on without that
    /// row; any other error fails the copy. SQLite has no roles to refuse.
    pub fn execute_unless_refused(
        &mut self,
        sql: &str,
        params: &[Value],
    ) -> Result<Option<CoreError>> {
        if !self.is_pg() {
            self.execute(sql, params)?;
            return Ok(None);
        }
        self.execute("SAVEPOINT copy_row", &[])?;
        match self.execute(sql, params) {
            Ok(_) => {
                self.execute("RELEASE SAVEPOINT copy_row", &[])?;
                Ok(None)
            }
            Err(e @ CoreError::Refused { .. }) => {
                self.execute("ROLLBACK TO SAVEPOINT copy_row", &[])?;
                Ok(Some(e))
            }
            Err(e) => Err(e),
        }
    }

    /// Inserts one row and returns the integer key the desk gave it (`returning`, the table's
    /// identity column).
    pub fn insert_numbered(&mut self, sql: &str, params: &[Value], returning: &str) -> Result<i64> {
        match self {
            Db::Lite(conn) => {
                let conn: &Connection = conn;
                let lite = lite_params(params)?;
                conn.prepare_cached(sql)?
                    .execute(rusqlite::params_from_iter(lite.iter()))?;
                Ok(conn.last_insert_rowid())
            }
            Db::Pg { .. } => {
                let rows = self.query(&format!("{sql} RETURNING {returning}"), params)?;
                match rows.first().and_then(|r| r.get(returning)) {
                    Some(Value::Int(n)) => Ok(*n),
                    _ => Err(CoreError::Internal(format!(
                        "the insert returned no {returning}"
                    ))),
                }
            }
        }
    }
}

fn prepare(
    tx: &mut postgres::Transaction<'_>,
    prepared: &mut HashMap<String, postgres::Statement>,
    sql: &str,
) -> Result<postgres::Statement> {
    if let Some(s) = prepared.get(sql) {
        return Ok(s.clone());
    }
    let stmt = tx.prepare(sql)?;
    prepared.insert(sql.to_string(), stmt.clone());
    Ok(stmt)
}

fn lite_params(params: &[Value]) -> Result<Vec<rusqlite::types::Value>> {
    use rusqlite::types::Value as L;
    params
        .iter()
        .map(|v| {
            Ok(match v {
                Value::Null => L::Null,
                Value::Int(n) => L::Integer(*n),
                Value::Text(s) => L::Text(s.clone()),
                Value::Blob(b) => L::Blob(b.clone()),
                Value::Keys(k) => L::Text(
                    serde_json::to_string(k)
                        .map_err(|e| CoreError::Internal(format!("could not list keys: {e}")))?,
                ),
            })
        })
        .collect()
}

fn from_lite(v: rusqlite::types::ValueRef<'_>) -> Result<Value> {
    use rusqlite::types::ValueRef as L;
    Ok(match v {
        L::Null => Value::Null,
        L::Integer(n) => Value::Int(n),
        L::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        L::Blob(b) => Value::Blob(b.to_vec()),
        L::Real(_) => {
            return Err(CoreError::Internal(
                "a desk column holds a real number; Factdesk stores none".into(),
            ));
        }
    })
}

/// Each parameter typed as the statement's placeholder wants it (PostgreSQL checks types).
fn pg_params(params: &[Value], types: &[Type]) -> Result<Vec<Box<dyn ToSql + Sync>>> {
    params
        .iter()
        .zip(types)
        .map(|(v, t)| -> Result<Box<dyn ToSql + Sync>> {
            Ok(match (v, t) {
                (Value::Keys(k), _) => Box::new(k.clone()),
                (Value::Null, &Type::INT8) => Box::new(None::<i64>),
                (Value::Null, &Type::BYTEA) => Box::new(None::<Vec<u8>>),
                (Value::Null, _) => Box::new(None::<String>),
                (Value::Int(n), &Type::INT8) => Box::new(*n),
                (Value::Int(n), &Type::INT4) => Box::new(i32::try_from(*n).map_err(|_| {
                    CoreError::Internal(format!("{n} does not fit a 32-bit column"))
                })?),
                (Value::Int(n), _) => Box::new(n.to_string()),
                (Value::Text(s), _) => Box::new(s.clone()),
                (Value::Blob(b), _) => Box::new(b.clone()),
            })
        })
        .collect()
}

fn from_pg(row: &postgres::Row) -> Result<Row> {
    let mut out = Row::new();
    for (i, col) in row.columns().iter().enumerate() {
        let v = match *col.type_() {
            Type::INT8 => row.try_get::<_, Option<i64>>(i)?.map(Value::Int),
            Type::INT4 => row
                .try_get::<_, Option<i32>>(i)?
                .map(|n| Value::Int(n.into())),
            Type::BOOL => row
                .try_get::<_, Option<bool>>(i)?
                .map(|b| Value::Int(b.into())),
            Type::BYTEA => row.try_get::<_, Option<Vec<u8>>>(i)?.map(Value::Blob),
            _ => row.try_get::<_, Option<String>>(i)?.map(Value::Text),
        };
        out.insert(col.name().to_string(), v.unwrap_or(Value::Null));
    }
    Ok(out)
}
