//! SQLite's value vocabulary on PostgreSQL. A parameter is whatever rusqlite's `ToSql` gives (null,
//! integer, real, text, blob), bound as the type the prepared statement wants for that
//! placeholder; a column of a PostgreSQL row is read back as a rusqlite `ValueRef`, so
//! `FromSql` turns it into the caller's type exactly as it does for SQLite.
//!
//! Invariants: a value is never silently changed in kind. An integer binds to any integer type it
//! fits (or to `boolean` as SQLite's 0/1, or to text in decimal); text binds only to text-like
//! types and JSON; a blob only to `bytea`. Anything else is an error naming the parameter and both
//! types, so a statement that only worked through SQLite's loose typing fails loudly on
//! PostgreSQL instead of storing something else.

use std::error::Error;

use bytes::BytesMut;
use postgres::types::{FromSql, IsNull, ToSql as PgToSql, Type, to_sql_checked};
use rusqlite::types::{ToSqlOutput, ValueRef};

use crate::error::{CoreError, Result};

/// One parameter, already encoded in PostgreSQL's binary format for its placeholder's type.
#[derive(Debug)]
pub(super) struct Bound(Option<Vec<u8>>);

impl PgToSql for Bound {
    fn to_sql(
        &self,
        _ty: &Type,
        out: &mut BytesMut,
    ) -> std::result::Result<IsNull, Box<dyn Error + Sync + Send>> {
        match &self.0 {
            None => Ok(IsNull::Yes),
            Some(bytes) => {
                out.extend_from_slice(bytes);
                Ok(IsNull::No)
            }
        }
    }

    // The type was checked when the value was encoded for it (`bind`).
    fn accepts(_ty: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// The parameters of `sql`, encoded for the types PostgreSQL gave its placeholders.
pub(super) fn bind(
    sql: &str,
    params: &[&dyn rusqlite::ToSql],
    types: &[Type],
) -> Result<Vec<Bound>> {
    if params.len() != types.len() {
        return Err(CoreError::Internal(format!(
            "the statement takes {} parameter(s) and was given {}: {sql}",
            types.len(),
            params.len()
        )));
    }
    params
        .iter()
        .zip(types)
        .enumerate()
        .map(|(i, (p, ty))| {
            let out = p.to_sql()?;
            let value = match &out {
                ToSqlOutput::Borrowed(v) => *v,
                ToSqlOutput::Owned(v) => ValueRef::from(v),
                _ => {
                    return Err(CoreError::Internal(format!(
                        "parameter ?{} is a kind of SQLite value PostgreSQL cannot take: {sql}",
                        i + 1
                    )));
                }
            };
            encode(value, ty).map(Bound).map_err(|kind| {
                CoreError::Internal(format!(
                    "parameter ?{} is {kind}, which cannot be bound where PostgreSQL expects \
                     {ty}: {sql}",
                    i + 1
                ))
            })
        })
        .collect()
}

/// `value` in PostgreSQL's binary format for `ty`; the value's kind when it does not fit.
fn encode(value: ValueRef<'_>, ty: &Type) -> std::result::Result<Option<Vec<u8>>, String> {
    let text_like = matches!(
        *ty,
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN | Type::JSON
    );
    Ok(Some(match value {
        ValueRef::Null => return Ok(None),
        ValueRef::Integer(n) => match *ty {
            Type::INT8 => n.to_be_bytes().to_vec(),
            Type::INT4 => i32::try_from(n)
                .map_err(|_| format!("the integer {n} (too large for int4)"))?
                .to_be_bytes()
                .to_vec(),
            Type::INT2 => i16::try_from(n)
                .map_err(|_| format!("the integer {n} (too large for int2)"))?
                .to_be_bytes()
                .to_vec(),
            Type::BOOL => vec![u8::from(n != 0)],
            Type::FLOAT8 => (n as f64).to_be_bytes().to_vec(),
            _ if text_like => n.to_string().into_bytes(),
            _ => return Err(format!("the integer {n}")),
        },
        ValueRef::Real(f) => match *ty {
            Type::FLOAT8 => f.to_be_bytes().to_vec(),
            Type::FLOAT4 => (f as f32).to_be_bytes().to_vec(),
            _ if text_like => f.to_string().into_bytes(),
            _ => return Err(format!("the real number {f}")),
        },
        ValueRef::Text(t) => match *ty {
            _ if text_like => t.to_vec(),
            // jsonb's binary format is a version byte, then the text.
            Type::JSONB => [&[1u8][..], t].concat(),
            _ => return Err("text".into()),
        },
        ValueRef::Blob(b) => match *ty {
            Type::BYTEA => b.to_vec(),
            _ => return Err(format!("a blob of {} bytes", b.len())),
        },
    }))
}

/// One column of a PostgreSQL row as SQLite would hold it.
pub(super) struct Cell<'r>(pub ValueRef<'r>);

impl<'r> FromSql<'r> for Cell<'r> {
    fn from_sql(
        ty: &Type,
        raw: &'r [u8],
    ) -> std::result::Result<Self, Box<dyn Error + Sync + Send>> {
        let fixed = |n: usize| -> std::result::Result<&'r [u8], Box<dyn Error + Sync + Send>> {
            raw.get(..n)
                .filter(|_| raw.len() == n)
                .ok_or_else(|| format!("a {ty} value of {} bytes", raw.len()).into())
        };
        Ok(Cell(match *ty {
            Type::INT8 => ValueRef::Integer(i64::from_be_bytes(fixed(8)?.try_into()?)),
            Type::INT4 => ValueRef::Integer(i32::from_be_bytes(fixed(4)?.try_into()?).into()),
            Type::INT2 => ValueRef::Integer(i16::from_be_bytes(fixed(2)?.try_into()?).into()),
            Type::OID => ValueRef::Integer(u32::from_be_bytes(fixed(4)?.try_into()?).into()),
            Type::CHAR => ValueRef::Integer(i8::from_be_bytes(fixed(1)?.try_into()?).into()),
            // SQLite has no booleans: a comparison there is 0 or 1.
            Type::BOOL => ValueRef::Integer(i64::from(fixed(1)?[0] != 0)),
            Type::FLOAT8 => ValueRef::Real(f64::from_be_bytes(fixed(8)?.try_into()?)),
            Type::FLOAT4 => ValueRef::Real(f32::from_be_bytes(fixed(4)?.try_into()?).into()),
            Type::NUMERIC => numeric(raw)?,
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN | Type::JSON => {
                ValueRef::Text(raw)
            }
            Type::JSONB => ValueRef::Text(raw.get(1..).unwrap_or_default()),
            Type::BYTEA => ValueRef::Blob(raw),
            _ => {
                return Err(format!(
                    "PostgreSQL's {ty} has no SQLite counterpart; cast the column to text or \
                     bigint in the SQL"
                )
                .into());
            }
        }))
    }

    fn from_sql_null(_ty: &Type) -> std::result::Result<Self, Box<dyn Error + Sync + Send>> {
        Ok(Cell(ValueRef::Null))
    }

    fn accepts(_ty: &Type) -> bool {
        true
    }
}

/// A `numeric` (what PostgreSQL's `sum` of integers gives) as SQLite's `sum` gives it: an integer
/// when it is whole and fits, else a real number. Binary format: digit count, weight (the power
/// of 10000 of the first digit), sign, display scale, then the base-10000 digits.
fn numeric(raw: &[u8]) -> std::result::Result<ValueRef<'static>, Box<dyn Error + Sync + Send>> {
    let word = |i: usize| -> std::result::Result<i16, Box<dyn Error + Sync + Send>> {
        let b = raw
            .get(i * 2..i * 2 + 2)
            .ok_or("a numeric value cut short")?;
        Ok(i16::from_be_bytes([b[0], b[1]]))
    };
    let (count, weight, sign) = (word(0)?, i32::from(word(1)?), word(2)? as u16);
    if sign == 0xC000 {
        return Ok(ValueRef::Real(f64::NAN));
    }
    let negative = sign == 0x4000;
    let digits: Vec<i16> = (0..count.max(0) as usize)
        .map(|i| word(4 + i))
        .collect::<std::result::Result<_, _>>()?;
    let whole = digits
        .iter()
        .enumerate()
        .all(|(i, d)| *d == 0 || weight - i as i32 >= 0);
    if whole {
        let mut n: Option<i128> = Some(0);
        for (i, d) in digits.iter().enumerate() {
            let power = u32::try_from(weight - i as i32).unwrap_or(0);
            n = n.and_then(|n| {
                10_000i128
                    .checked_pow(power)
                    .and_then(|p| p.checked_mul(i128::from(*d)))
                    .and_then(|v| n.checked_add(v))
            });
        }
        if let Some(n) = n.map(|n| if negative { -n } else { n })
            && let Ok(n) = i64::try_from(n)
        {
            return Ok(ValueRef::Integer(n));
        }
    }
    let f: f64 = digits
        .iter()
        .enumerate()
        .map(|(i, d)| f64::from(*d) * 10_000f64.powi(weight - i as i32))
        .sum();
    Ok(ValueRef::Real(if negative { -f } else { f }))
}
