//! Paged lists of sources and claims: newest first, one bounded page at a time, by keyset (the
//! page after a cursor holds the records older than the cursor's). Records added while a reader
//! pages are newer than every cursor, so they never shift a later page: no record older than the
//! first page is skipped or shown twice. Counts come from SQL over the same filters.
//!
//! A cursor is the position of a page's last record, `(created_at, tie)`, as an opaque string
//! the desk itself gave; anything else is refused, naming the `after` field.
//!
//! One query serves both engines through the storage seam; only the tie-break within one
//! instant differs ([`tie`]): a desk file keeps SQLite's rowid (insertion order, which its
//! `claims_newest` index already holds), a team desk has no rowid and breaks ties by id (ULIDs,
//! unique across machines, where two writers' claims in one millisecond have no order anyway).

use rusqlite::types::Value;
use serde::{Deserialize, Serialize};

use crate::claims::{self, Claim};
use crate::confidence::Confidence;
use crate::db::{Db, Engine};
use crate::desk::Desk;
use crate::error::{CoreError, Result};
use crate::sources::{self, Source};
use crate::vocab::ClaimStatus;

/// Records on a page when the caller does not say.
pub const DEFAULT_LIMIT: u32 = 50;
/// Most records on one page.
pub const MAX_LIMIT: u32 = 1_000;

/// Which page of a list: at most `limit` records older than the cursor `after`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ListQuery<F> {
    pub filter: F,
    /// Records on the page (1 to 1,000; 50 when `None`).
    pub limit: Option<u32>,
    /// The `next` of the page before; `None` for the newest page.
    pub after: Option<String>,
}

/// One page of a list, newest first, and the cursor of the page after it (`None` at the end).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
}

/// Which sources a list shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SourceFilter {
    /// Sources from this outlet (letter case ignored).
    pub outlet: Option<String>,
}

/// Which claims a list shows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ClaimFilter {
    pub confidence: Option<Confidence>,
    /// Claims tagged with this topic (letter case ignored).
    pub topic: Option<String>,
    pub status: Option<ClaimStatus>,
}

/// Where a page ends: the position of its last record in the newest-first order.
#[derive(Debug, Clone, PartialEq)]
struct Cursor {
    created_at: String,
    tie: Tie,
}

/// What orders records of one instant: the position in the desk file, or the id on a team desk.
#[derive(Debug, Clone, PartialEq)]
enum Tie {
    Rowid(i64),
    Id(String),
}

/// The column that breaks ties within one instant on `db`'s engine.
fn tie(db: &Db<'_>) -> &'static str {
    match db.engine() {
        Engine::Sqlite => "rowid",
        Engine::Postgres => "id",
    }
}

impl Cursor {
    fn encode(&self) -> String {
        let hex: String = self
            .created_at
            .bytes()
            .map(|b| format!("{b:02x}"))
            .collect();
        match &self.tie {
            Tie::Rowid(rowid) => format!("{rowid:x}.{hex}"),
            // A ULID is Crockford base 32, never a dot; `~` marks it apart from a rowid.
            Tie::Id(id) => format!("~{id}.{hex}"),
        }
    }

    fn decode(text: &str) -> Result<Cursor> {
        let bad = || {
            CoreError::invalid(
                "after",
                format!(
                    "\"{}\" is not a cursor of this list; pass the `next` value a page gave",
                    text.chars().take(40).collect::<String>()
                ),
            )
        };
        let (tie, hex) = text.trim().split_once('.').ok_or_else(bad)?;
        let tie = match tie.strip_prefix('~') {
            Some(id)
                if !id.is_empty()
                    && id.len() <= 64
                    && id.bytes().all(|b| b.is_ascii_alphanumeric()) =>
            {
                Tie::Id(id.to_string())
            }
            Some(_) => return Err(bad()),
            None => Tie::Rowid(i64::from_str_radix(tie, 16).map_err(|_| bad())?),
        };
        if hex.is_empty() || hex.len() % 2 != 0 || hex.len() > 128 {
            return Err(bad());
        }
        let bytes = (0..hex.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(hex.get(i..i + 2).unwrap_or("zz"), 16))
            .collect::<std::result::Result<Vec<u8>, _>>()
            .map_err(|_| bad())?;
        let created_at = String::from_utf8(bytes).map_err(|_| bad())?;
        crate::dates::parse_timestamp(&created_at).map_err(|_| bad())?;
        Ok(Cursor { created_at, tie })
    }
}

fn limit_of(limit: Option<u32>) -> Result<u32> {
    match limit.unwrap_or(DEFAULT_LIMIT) {
        n @ 1..=MAX_LIMIT => Ok(n),
        n => Err(CoreError::invalid(
            "limit",
            format!("{n} is out of range; a page holds 1 to {MAX_LIMIT} records"),
        )),
    }
}

/// A `WHERE` clause being built, with its parameters in order.
#[derive(Default)]
struct Conditions {
    sql: Vec<String>,
    params: Vec<Value>,
}

impl Conditions {
    /// Adds `sql`, each `?` in it numbered for the next of `values`.
    fn push(&mut self, sql: &str, values: Vec<Value>) {
        let mut numbered = String::new();
        let mut values = values.into_iter();
        for c in sql.chars() {
            if c == '?'
                && let Some(v) = values.next()
            {
                self.params.push(v);
                numbered.push_str(&format!("?{}", self.params.len()));
            } else {
                numbered.push(c);
            }
        }
        self.sql.push(numbered);
    }

    fn clause(&self) -> String {
        if self.sql.is_empty() {
            String::new()
        } else {
            format!("WHERE {}", self.sql.join(" AND "))
        }
    }
}

fn source_conditions(filter: &SourceFilter) -> Conditions {
    let mut c = Conditions::default();
    if let Some(outlet) = filter.outlet.as_deref().map(str::trim)
        && !outlet.is_empty()
    {
        // lower() on both sides, as the team desk's `sources_outlet` index is kept (SQLite's
        // lower() folds ASCII only, as COLLATE NOCASE did).
        c.push("lower(outlet) = lower(?)", vec![outlet.to_string().into()]);
    }
    c
}

fn claim_conditions(filter: &ClaimFilter) -> Conditions {
    let mut c = Conditions::default();
    if let Some(confidence) = filter.confidence {
        c.push(
            "confidence = ?",
            vec![confidence.as_str().to_string().into()],
        );
    }
    if let Some(status) = filter.status {
        c.push("status = ?", vec![status.as_str().to_string().into()]);
    }
    if let Some(topic) = filter.topic.as_deref().map(str::trim)
        && !topic.is_empty()
    {
        // Topics are stored lower-cased (see `claims::check`).
        c.push(
            "EXISTS (SELECT 1 FROM claim_topics t WHERE t.claim_id = claims.id AND t.topic = ?)",
            vec![topic.to_lowercase().into()],
        );
    }
    c
}

/// Narrows `c` to the records after `after`, newest first. A cursor of the other engine's kind
/// is not one this desk gave, and is refused as any other.
fn after(db: &Db<'_>, c: &mut Conditions, after: Option<&str>) -> Result<()> {
    if let Some(text) = after {
        let cursor = Cursor::decode(text)?;
        let tie_value = match (cursor.tie, db.engine()) {
            (Tie::Rowid(rowid), Engine::Sqlite) => Value::Integer(rowid),
            (Tie::Id(id), Engine::Postgres) => Value::Text(id),
            _ => {
                return Err(CoreError::invalid(
                    "after",
                    "this cursor was given by another desk; pass the `next` value a page of this \
                     desk gave",
                ));
            }
        };
        // The range on created_at walks the index; the tie column orders one instant.
        c.push(
            &format!("created_at <= ? AND (created_at < ? OR {} < ?)", tie(db)),
            vec![
                cursor.created_at.clone().into(),
                cursor.created_at.into(),
                tie_value,
            ],
        );
    }
    Ok(())
}

/// Runs one page on either engine: `select` gives the columns that `row` reads (`width` of
/// them) from `table`; the page adds created_at and the tie column after them. One statement
/// (as [`count`]), so callers read it with `Desk::read_one`.
#[allow(clippy::too_many_arguments)]
fn page<T>(
    db: &Db<'_>,
    select: &str,
    table: &str,
    mut c: Conditions,
    query_after: Option<&str>,
    limit: Option<u32>,
    row: impl Fn(&crate::db::Row<'_>) -> rusqlite::Result<T>,
    width: usize,
) -> Result<Page<T>> {
    let limit = limit_of(limit)?;
    after(db, &mut c, query_after)?;
    let tie = tie(db);
    // One more than the page, to know whether a page follows.
    let sql = format!(
        "SELECT {select}, created_at, {tie} FROM {table} {} \
         ORDER BY created_at DESC, {tie} DESC LIMIT {}",
        c.clause(),
        limit + 1
    );
    let params: Vec<&dyn rusqlite::ToSql> =
        c.params.iter().map(|v| v as &dyn rusqlite::ToSql).collect();
    let mut items = Vec::new();
    let mut last = None;
    let mut more = false;
    let mut stmt = db.prepare_cached(&sql)?;
    for r in stmt.query_map(&params, |r| {
        let tie = match r.get_ref(width + 1)? {
            rusqlite::types::ValueRef::Integer(n) => Tie::Rowid(n),
            _ => Tie::Id(r.get(width + 1)?),
        };
        Ok((
            row(r)?,
            Cursor {
                created_at: r.get(width)?,
                tie,
            },
        ))
    })? {
        let (item, cursor) = r?;
        if items.len() == limit as usize {
            more = true;
            break;
        }
        items.push(item);
        last = Some(cursor);
    }
    Ok(Page {
        items,
        next: last.filter(|_| more).map(|c| c.encode()),
    })
}

fn count(db: &Db<'_>, table: &str, c: &Conditions) -> Result<u64> {
    let params: Vec<&dyn rusqlite::ToSql> =
        c.params.iter().map(|v| v as &dyn rusqlite::ToSql).collect();
    let n: i64 = db.query_row(
        &format!("SELECT count(*) FROM {table} {}", c.clause()),
        &params,
        |r| r.get(0),
    )?;
    Ok(u64::try_from(n).unwrap_or(0))
}

impl Desk {
    /// One page of sources, newest first.
    pub fn sources_page(&self, query: &ListQuery<SourceFilter>) -> Result<Page<Source>> {
        self.read_one(|db| {
            page(
                db,
                sources::COLUMNS,
                "sources",
                source_conditions(&query.filter),
                query.after.as_deref(),
                query.limit,
                sources::read_row,
                sources::WIDTH,
            )
        })
    }

    /// One page of claims, newest first.
    pub fn claims_page(&self, query: &ListQuery<ClaimFilter>) -> Result<Page<Claim>> {
        self.read_one(|db| {
            page(
                db,
                &claims::columns(db),
                "claims",
                claim_conditions(&query.filter),
                query.after.as_deref(),
                query.limit,
                claims::read_row,
                claims::WIDTH,
            )
        })
    }

    /// How many sources the filter lets through.
    pub fn count_sources(&self, filter: &SourceFilter) -> Result<u64> {
        self.read_one(|db| count(db, "sources", &source_conditions(filter)))
    }

    /// How many claims the filter lets through.
    pub fn count_claims(&self, filter: &ClaimFilter) -> Result<u64> {
        self.read_one(|db| count(db, "claims", &claim_conditions(filter)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cursor_reads_back_as_written() {
        for tie in [
            Tie::Rowid(4242),
            Tie::Id("01JX5S3K9Q8ZR2M4T6V8W0Y1AB".into()),
        ] {
            let c = Cursor {
                created_at: "2025-06-02T09:30:00.000Z".into(),
                tie,
            };
            assert_eq!(Cursor::decode(&c.encode()).unwrap(), c);
        }
    }

    #[test]
    fn a_cursor_not_made_by_the_desk_is_refused_naming_after() {
        for text in [
            "",
            "zz",
            "12",
            "12.",
            "12.abc",
            "x.3132",
            "1.3132",
            "~.3132",
            "~a-b.3132",
        ] {
            match Cursor::decode(text) {
                Err(CoreError::Invalid { field, .. }) => assert_eq!(field, "after", "{text}"),
                other => panic!("{text:?} gave {other:?}"),
            }
        }
    }
}
