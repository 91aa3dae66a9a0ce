//! A record's row as the table-driven copy holds it: its columns' values by name, read and
//! written on either engine through the storage seam (`crate::db`). The desk's tables hold only
//! text, 64-bit integers and bytes (`schema::compatible`), so [`Value`] holds exactly those; its
//! JSON form is what a record's hash and a conflict's two versions are made of, so it never
//! changes shape.

use std::collections::BTreeMap;

use rusqlite::ToSql;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSqlOutput, ValueRef};
use serde::Serialize;

use crate::db::{self, Db};
use crate::error::Result;

/// One column's value, as both engines store it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Value {
    Null,
    Int(i64),
    Text(String),
    Blob(Vec<u8>),
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

impl FromSql for Value {
    fn column_result(v: ValueRef<'_>) -> FromSqlResult<Value> {
        Ok(match v {
            ValueRef::Null => Value::Null,
            ValueRef::Integer(n) => Value::Int(n),
            ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
            ValueRef::Blob(b) => Value::Blob(b.to_vec()),
            ValueRef::Real(_) => {
                return Err(FromSqlError::Other(
                    "a desk column holds a real number; Factdesk stores none".into(),
                ));
            }
        })
    }
}

impl ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Value::Null => ValueRef::Null,
            Value::Int(n) => ValueRef::Integer(*n),
            Value::Text(s) => ValueRef::Text(s.as_bytes()),
            Value::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

/// A row: its columns' values by name.
pub type Row = BTreeMap<String, Value>;

/// `values` as the seam's parameters.
pub fn params(values: &[Value]) -> Vec<&dyn ToSql> {
    values.iter().map(|v| v as &dyn ToSql).collect()
}

/// `?1, ?2, … ?n`.
pub fn placeholders(n: usize) -> String {
    (1..=n)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs a query; each row by its column names.
pub fn query(db: &Db<'_>, sql: &str, params: &[&dyn ToSql]) -> Result<Vec<Row>> {
    db.query_all(sql, params, |r| {
        (0..r.column_count())
            .map(|i| Ok((r.column_name(i)?.to_string(), r.get(i)?)))
            .collect()
    })
}

/// Rows of `table` (only `columns`) whose `column` is one of `keys`.
pub fn rows_in(
    db: &Db<'_>,
    table: &str,
    columns: &[String],
    column: &str,
    keys: &[String],
) -> Result<Vec<Row>> {
    if keys.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT {} FROM {table} WHERE {}",
        columns.join(", "),
        db.in_keys(column, 1)
    );
    query(db, &sql, &[&db::keys(keys)?])
}
