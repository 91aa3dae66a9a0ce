//! Sources: where facts come from. A source may relay another (`via`): "per outlet A, citing an
//! interview with B". Relay chains never loop, and a source that others relay or cite cannot be
//! pulled out from under them.

use chrono::{DateTime, Utc};
use rusqlite::{Row, params};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::audit;
use crate::dates::{PartialDate, parse_optional, parse_timestamp, timestamp};
use crate::db::{self, Db};
use crate::desk::{Desk, Write};
use crate::error::{CoreError, Result};
use crate::export::citekeys;
use crate::ids::{RecordKind, new_id, resolve_in, resolve_optional_in};
use crate::provenance::default_reliability;
use crate::validate::{self, Shape};
use crate::vocab::{Reliability, SourceKind};

/// Longest relay chain followed before the desk calls it corrupt.
pub const MAX_CHAIN: usize = 256;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Source {
    pub id: String,
    pub title: String,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub published: Option<PartialDate>,
    pub accessed: Option<PartialDate>,
    /// BCP 47 tag of the source's language.
    pub language: Option<String>,
    pub kind: SourceKind,
    pub reliability: Reliability,
    /// The source this one relays, if any.
    pub via: Option<String>,
    /// The text or excerpt the writer kept, so the fact survives the page changing.
    pub kept_text: Option<String>,
    /// SHA-256 of `kept_text`, hex; proves the kept text was not altered after the fact.
    pub kept_text_sha256: Option<String>,
    pub notes: Option<String>,
    /// Counts every change; an edit says which version its editor saw (see `merge.rs`).
    #[ts(type = "number")]
    pub version: i64,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

/// A source as the user types it: dates and ids as text, checked by the desk.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SourceInput {
    pub title: String,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub accessed: Option<String>,
    pub language: Option<String>,
    pub kind: Option<SourceKind>,
    pub reliability: Option<Reliability>,
    /// Id or unique id prefix of the relayed source.
    pub via: Option<String>,
    pub kept_text: Option<String>,
    pub notes: Option<String>,
}

/// An edit of a source's named fields; a field left `None` stays as it is in the desk, and `""`
/// clears an optional one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SourcePatch {
    /// The source's version the editor saw; `None` edits the source as it is now.
    pub version: Option<i64>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub published: Option<String>,
    pub accessed: Option<String>,
    pub language: Option<String>,
    pub kind: Option<SourceKind>,
    pub reliability: Option<Reliability>,
    pub via: Option<String>,
    pub kept_text: Option<String>,
    pub notes: Option<String>,
}

impl SourcePatch {
    /// Every field of a source form, filled in by an editor who saw the source at `version`: an
    /// empty field clears what the desk holds.
    pub fn from_form(input: &SourceInput, version: Option<i64>) -> SourcePatch {
        let field = |v: &Option<String>| Some(v.clone().unwrap_or_default());
        SourcePatch {
            version,
            title: Some(input.title.clone()),
            outlet: field(&input.outlet),
            author: field(&input.author),
            url: field(&input.url),
            published: field(&input.published),
            accessed: field(&input.accessed),
            language: field(&input.language),
            kind: Some(input.kind.unwrap_or(SourceKind::Other)),
            reliability: Some(
                input.reliability.unwrap_or_else(|| {
                    default_reliability(input.kind.unwrap_or(SourceKind::Other))
                }),
            ),
            via: field(&input.via),
            kept_text: field(&input.kept_text),
            notes: field(&input.notes),
        }
    }

    /// The form `current` would show with this patch's fields typed over it.
    fn over(&self, current: &Source) -> SourceInput {
        let pick = |patch: &Option<String>, now: &Option<String>| match patch {
            Some(v) => Some(v.clone()),
            None => now.clone(),
        };
        let date = |patch: &Option<String>, now: Option<PartialDate>| match patch {
            Some(v) => Some(v.clone()),
            None => now.map(|d| d.to_string()),
        };
        SourceInput {
            title: self.title.clone().unwrap_or_else(|| current.title.clone()),
            outlet: pick(&self.outlet, &current.outlet),
            author: pick(&self.author, &current.author),
            url: pick(&self.url, &current.url),
            published: date(&self.published, current.published),
            accessed: date(&self.accessed, current.accessed),
            language: pick(&self.language, &current.language),
            kind: Some(self.kind.unwrap_or(current.kind)),
            reliability: Some(self.reliability.unwrap_or(current.reliability)),
            via: pick(&self.via, &current.via),
            kept_text: pick(&self.kept_text, &current.kept_text),
            notes: pick(&self.notes, &current.notes),
        }
    }
}

/// A new source from the fields a patch gives (a field not given stays empty).
impl From<&SourcePatch> for SourceInput {
    fn from(p: &SourcePatch) -> SourceInput {
        SourceInput {
            title: p.title.clone().unwrap_or_default(),
            outlet: p.outlet.clone(),
            author: p.author.clone(),
            url: p.url.clone(),
            published: p.published.clone(),
            accessed: p.accessed.clone(),
            language: p.language.clone(),
            kind: p.kind,
            reliability: p.reliability,
            via: p.via.clone(),
            kept_text: p.kept_text.clone(),
            notes: p.notes.clone(),
        }
    }
}

/// The fields an edit may change; the rest are kept or derived by the desk.
const EDITABLE: &[&str] = &[
    "title",
    "outlet",
    "author",
    "url",
    "published",
    "accessed",
    "language",
    "kind",
    "reliability",
    "via",
    "kept_text",
    "notes",
];

/// A source in a relay chain, short enough to print "A, citing B".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SourceRef {
    pub id: String,
    pub title: String,
    pub outlet: Option<String>,
    pub kind: SourceKind,
    pub reliability: Reliability,
}

/// A source with what hangs off it: the chain it relays and the claims that cite it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SourceDetail {
    #[serde(flatten)]
    pub source: Source,
    /// The relayed sources, nearest first, ending at the origin.
    pub via_chain: Vec<SourceRef>,
    /// Ids of the claims whose evidence cites this source.
    pub cited_by: Vec<String>,
}

impl Source {
    /// How the source reads in a relay sentence: outlet, else author, else title.
    pub fn label(&self) -> &str {
        self.outlet
            .as_deref()
            .or(self.author.as_deref())
            .unwrap_or(&self.title)
    }

    pub fn to_ref(&self) -> SourceRef {
        SourceRef {
            id: self.id.clone(),
            title: self.title.clone(),
            outlet: self.outlet.clone(),
            kind: self.kind,
            reliability: self.reliability,
        }
    }
}

pub(crate) const COLUMNS: &str = "id, title, outlet, author, url, published, accessed, language, kind, \
                       reliability, via, kept_text, kept_text_sha256, notes, created_at, updated_at, \
                       version";

/// How many columns [`COLUMNS`] holds.
pub(crate) const WIDTH: usize = 17;

/// The same columns without the kept text, for bulk reads that never show it.
const LIGHT_COLUMNS: &str = "id, title, outlet, author, url, published, accessed, language, kind, \
                       reliability, via, NULL, kept_text_sha256, notes, created_at, updated_at, \
                       version";

/// Every source, without kept texts: only for the migration that stores citation keys.
pub(crate) fn every_light_for_migration(conn: &rusqlite::Connection) -> Result<Vec<Source>> {
    let mut stmt = conn.prepare(&format!("SELECT {LIGHT_COLUMNS} FROM sources"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every source, without kept texts, for a citation import's duplicate check, oldest first
/// (the first of two matching sources is the one an entry merges into): a desk file's
/// insertion order, on a team desk by when it was added, then id.
pub(crate) fn every_light(db: &Db<'_>) -> Result<Vec<Source>> {
    let order = match db.engine() {
        db::Engine::Sqlite => "rowid",
        db::Engine::Postgres => "created_at, id",
    };
    db.query_all(
        &format!("SELECT {LIGHT_COLUMNS} FROM sources ORDER BY {order}"),
        &[],
        read_row,
    )
}

/// The sources among `ids` (a JSON array of full ids) and every source their relay chains reach,
/// without kept texts, each with its stored citation key. Read a link of the chains at a time
/// (each source once, by the primary key); an id is asked for once, so even a looping chain ends.
///
/// NOTE: not one recursive CTE: that looked every source up twice (once to walk `via`, once to
/// read the row), which was half the cost of a draft's scoped read.
pub(crate) fn with_chains_light_in(
    db: &Db<'_>,
    ids: &str,
) -> Result<Vec<(Source, Option<String>)>> {
    let mut stmt = db.prepare_cached(&format!(
        "SELECT {LIGHT_COLUMNS}, cite_key FROM sources WHERE {}",
        db.in_keys("id", 1)
    ))?;
    let mut asked: std::collections::HashSet<String> = serde_json::from_str::<Vec<String>>(ids)
        .map_err(|e| CoreError::Internal(format!("could not read ids: {e}")))?
        .into_iter()
        .collect();
    let mut out: Vec<(Source, Option<String>)> = Vec::new();
    let mut wanted = ids.to_string();
    loop {
        let from = out.len();
        let rows = stmt.query_map(params![wanted], |r| Ok((read_row(r)?, r.get(17)?)))?;
        for row in rows {
            out.push(row?);
        }
        let next: Vec<&str> = out[from..]
            .iter()
            .filter_map(|(s, _)| s.via.as_deref())
            .filter(|via| !asked.contains(*via))
            .collect();
        if next.is_empty() {
            return Ok(out);
        }
        wanted = serde_json::to_string(&next)
            .map_err(|e| CoreError::Internal(format!("could not list ids: {e}")))?;
        asked.extend(next.into_iter().map(str::to_string));
    }
}

pub(crate) fn from_row(r: &Row<'_>) -> rusqlite::Result<Source> {
    read_row(&db::Row::sqlite(r))
}

/// A source from a row of [`COLUMNS`], on either engine.
pub(crate) fn read_row(r: &db::Row<'_>) -> rusqlite::Result<Source> {
    Ok(Source {
        id: r.get(0)?,
        title: r.get(1)?,
        outlet: r.get(2)?,
        author: r.get(3)?,
        url: r.get(4)?,
        published: r.get(5)?,
        accessed: r.get(6)?,
        language: r.get(7)?,
        kind: r.get(8)?,
        reliability: r.get(9)?,
        via: r.get(10)?,
        kept_text: r.get(11)?,
        kept_text_sha256: r.get(12)?,
        notes: r.get(13)?,
        created_at: parse_timestamp(&r.get::<_, String>(14)?)?,
        updated_at: parse_timestamp(&r.get::<_, String>(15)?)?,
        version: r.get(16)?,
    })
}

/// One source by full id, on either engine.
pub(crate) fn get_db(db: &Db<'_>, id: &str) -> Result<Source> {
    db.query_row(
        &format!("SELECT {COLUMNS} FROM sources WHERE id = ?1"),
        params![id],
        read_row,
    )
    .map_err(CoreError::missing("source", id))
}

/// The chain `source` relays, nearest first, ending at the origin.
pub(crate) fn chain_db(conn: &Db<'_>, source: &Source) -> Result<Vec<Source>> {
    let mut chain = Vec::new();
    let mut next = source.via.clone();
    while let Some(id) = next {
        if chain.len() >= MAX_CHAIN || id == source.id {
            return Err(CoreError::Internal(format!(
                "the relay chain of source {} loops or is too long",
                source.id
            )));
        }
        let s = get_db(conn, &id)?;
        next = s.via.clone();
        chain.push(s);
    }
    Ok(chain)
}

/// A checked source, ready to store; everything but ids and times.
struct Checked {
    title: String,
    outlet: Option<String>,
    author: Option<String>,
    url: Option<String>,
    published: Option<PartialDate>,
    accessed: Option<PartialDate>,
    language: Option<String>,
    kind: SourceKind,
    reliability: Reliability,
    via: Option<String>,
    kept_text: Option<String>,
    kept_text_sha256: Option<String>,
    notes: Option<String>,
}

fn check(w: &Write<'_>, input: &SourceInput) -> Result<Checked> {
    let kept_text = validate::optional("kept_text", input.kept_text.as_deref(), Shape::Document)?;
    let kept_text_sha256 = kept_text
        .as_ref()
        .map(|t| hex(&Sha256::digest(t.as_bytes())));
    let published = parse_optional("published", input.published.as_deref())?;
    let accessed = parse_optional("accessed", input.accessed.as_deref())?;
    if let (Some(p), Some(a)) = (published, accessed)
        && a.latest() < p.earliest()
    {
        return Err(CoreError::invalid(
            "accessed",
            format!("{a} is before the source was published ({p})"),
        ));
    }
    // A day's grace: the writer's calendar may be ahead of UTC.
    let tomorrow = w.now.date_naive() + chrono::Days::new(1);
    if let Some(a) = accessed
        && a.earliest() > tomorrow
    {
        return Err(CoreError::invalid(
            "accessed",
            format!("{a} is in the future; it is the day the source was read"),
        ));
    }
    Ok(Checked {
        title: validate::required("title", &input.title, Shape::Line)?,
        outlet: validate::optional("outlet", input.outlet.as_deref(), Shape::Line)?,
        author: validate::optional("author", input.author.as_deref(), Shape::Line)?,
        url: validate::url("url", input.url.as_deref())?,
        published,
        accessed,
        language: validate::language("language", input.language.as_deref())?,
        kind: input.kind.unwrap_or(SourceKind::Other),
        // Not rated: the kind's default (a provenance rule), which the CLI and the app show.
        reliability: input
            .reliability
            .unwrap_or_else(|| default_reliability(input.kind.unwrap_or(SourceKind::Other))),
        via: resolve_optional_in(&w.db, RecordKind::Source, "via", input.via.as_deref())?,
        kept_text,
        kept_text_sha256,
        notes: validate::optional("notes", input.notes.as_deref(), Shape::Paragraph)?,
    })
}

/// `current` as `input` would leave it, checked as a source form would be.
fn checked_source(w: &Write<'_>, current: &Source, input: &SourceInput) -> Result<Source> {
    let c = check(w, input)?;
    Ok(Source {
        title: c.title,
        outlet: c.outlet,
        author: c.author,
        url: c.url,
        published: c.published,
        accessed: c.accessed,
        language: c.language,
        kind: c.kind,
        reliability: c.reliability,
        via: c.via,
        kept_text: c.kept_text,
        kept_text_sha256: c.kept_text_sha256,
        notes: c.notes,
        ..current.clone()
    })
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Refuses a `via` that would make `id` relay itself, directly or through others.
fn refuse_cycle(w: &Write<'_>, id: &str, via: Option<&str>) -> Result<()> {
    let mut next = via.map(str::to_string);
    let mut hops = 0;
    while let Some(current) = next {
        if current == id {
            return Err(CoreError::invalid(
                "via",
                "would make this source relay itself (the relay chain would loop)",
            ));
        }
        hops += 1;
        if hops > MAX_CHAIN {
            return Err(CoreError::invalid(
                "via",
                format!("relay chains are limited to {MAX_CHAIN} hops"),
            ));
        }
        next = get_db(&w.db, &current)?.via;
    }
    Ok(())
}

/// Rows one `INSERT` statement writes. FTS5 writes its pending terms out at the end of each
/// statement, so the search index's trigger firing for many rows inside one statement costs a
/// fraction of one statement per row; under SQLite's 32,766 bound parameters.
pub(crate) const ROWS_PER_INSERT: usize = 500;

/// Stores checked sources, in order, in multi-row `INSERT`s (every trigger fires per row, as for
/// one), then gives each its citation key.
fn insert(w: &Write<'_>, rows: Vec<(String, Checked)>) -> Result<Vec<Source>> {
    let mut ids = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(ROWS_PER_INSERT) {
        let now = timestamp(w.now);
        let one = format!("({})", vec!["?"; WIDTH].join(", "));
        let sql = format!(
            "INSERT INTO sources ({COLUMNS}) VALUES {}",
            vec![one.as_str(); chunk.len()].join(", ")
        );
        let mut values: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(chunk.len() * WIDTH);
        for (id, c) in chunk {
            values.extend([
                id as &dyn rusqlite::ToSql,
                &c.title,
                &c.outlet,
                &c.author,
                &c.url,
                &c.published,
                &c.accessed,
                &c.language,
                &c.kind,
                &c.reliability,
                &c.via,
                &c.kept_text,
                &c.kept_text_sha256,
                &c.notes,
                &now,
                &now,
                &1,
            ]);
            ids.push(id.as_str());
        }
        w.db.prepare_cached(&sql)?.execute(&values)?;
    }
    let mut sources = Vec::with_capacity(ids.len());
    for id in ids {
        let source = get_db(&w.db, id)?;
        citekeys::store(&w.db, &source)?;
        sources.push(source);
    }
    Ok(sources)
}

/// Keeps the names a source's title, author and notes hold in the desk's name index.
fn index_names(w: &Write<'_>, source: &Source) -> Result<()> {
    let texts = [
        Some(source.title.as_str()),
        source.author.as_deref(),
        source.notes.as_deref(),
    ];
    let texts: Vec<&str> = texts.into_iter().flatten().collect();
    crate::checks::names::index(&w.db, ("source", &source.id), &texts)
}

/// Adds a source inside an open write.
pub(crate) fn add(w: &Write<'_>, input: &SourceInput) -> Result<Source> {
    let mut added = add_many(w, &[input]).map_err(|(_, e)| e)?;
    added
        .pop()
        .ok_or_else(|| CoreError::Internal("a source added nothing".into()))
}

/// Adds sources inside an open write, in order: the one way a source is written, for one or for
/// a library at once (an import). Every input is checked first; one refused comes back with its
/// position and nothing is written. Then the rows go in (see [`insert`]) and each source gets
/// its citation key, its names indexed and its history row, as one alone would.
pub(crate) fn add_many(
    w: &Write<'_>,
    inputs: &[&SourceInput],
) -> std::result::Result<Vec<Source>, (usize, CoreError)> {
    let mut rows = Vec::with_capacity(inputs.len());
    for (at, input) in inputs.iter().enumerate() {
        let checked = check(w, input).map_err(|e| (at, e))?;
        rows.push((new_id(w.now), checked));
    }
    let at_end = |e: CoreError| (inputs.len().saturating_sub(1), e);
    let sources = insert(w, rows).map_err(at_end)?;
    for source in &sources {
        (|| {
            index_names(w, source)?;
            audit::record(w, RecordKind::Source, &source.id, None, Some(source))?;
            // A new article may be the text relay copies already cited read.
            if source.kept_text_sha256.is_some() && source.via.is_none() {
                crate::quote_checks::settle_source(&w.db, source)?;
            }
            Ok(())
        })()
        .map_err(at_end)?;
    }
    Ok(sources)
}

/// Changes the fields `patch` names inside an open write (see [`Desk::edit_source`]).
pub(crate) fn edit(w: &Write<'_>, id: &str, patch: &SourcePatch) -> Result<Source> {
    let id = resolve_in(&w.db, RecordKind::Source, "source", id)?;
    crate::merge::hold(&w.db, RecordKind::Source, &id)?;
    let before = get_db(&w.db, &id)?;
    let proposed = checked_source(w, &before, &patch.over(&before))?;
    let merged = crate::merge::merge(
        &w.db,
        "source",
        &id,
        &before,
        &proposed,
        patch.version,
        EDITABLE,
    )?;
    // Fields merged from two editors are checked together again (dates in order).
    let merged = checked_source(w, &before, &SourcePatch::default().over(&merged))?;
    if merged == before {
        return Ok(before);
    }
    refuse_cycle(w, &id, merged.via.as_deref())?;
    // UPDATE rather than REPLACE: a REPLACE would delete the row and trip the foreign
    // keys of sources and evidence that point at it.
    w.db.prepare_cached(
        "UPDATE sources SET title=?2, outlet=?3, author=?4, url=?5, published=?6,
             accessed=?7, language=?8, kind=?9, reliability=?10, via=?11, kept_text=?12,
             kept_text_sha256=?13, notes=?14, updated_at=?15, version = version + 1
             WHERE id=?1",
    )?
    .execute(params![
        id,
        merged.title,
        merged.outlet,
        merged.author,
        merged.url,
        merged.published,
        merged.accessed,
        merged.language,
        merged.kind,
        merged.reliability,
        merged.via,
        merged.kept_text,
        merged.kept_text_sha256,
        merged.notes,
        timestamp(w.now),
    ])?;
    let after = get_db(&w.db, &id)?;
    if citekeys::base_key(&after) != citekeys::base_key(&before) {
        citekeys::store(&w.db, &after)?;
    }
    index_names(w, &after)?;
    fn reads(s: &Source) -> [Option<&str>; 5] {
        [
            s.kept_text_sha256.as_deref(),
            s.url.as_deref(),
            s.outlet.as_deref(),
            Some(s.title.as_str()),
            s.via.as_deref(),
        ]
    }
    if reads(&after) != reads(&before) {
        // Settled against the text read before as well: its copies may read another now.
        crate::quote_checks::settle_source(&w.db, &before)?;
        crate::quote_checks::settle_source(&w.db, &after)?;
    }
    audit::record(w, RecordKind::Source, &id, Some(&before), Some(&after))?;
    Ok(after)
}

impl Desk {
    pub fn add_source(&mut self, input: &SourceInput) -> Result<Source> {
        self.write(|w| add(w, input))
    }

    /// Replaces every field of a source with `input`, whatever the source holds now.
    pub fn update_source(&mut self, id: &str, input: &SourceInput) -> Result<Source> {
        self.edit_source(id, &SourcePatch::from_form(input, None))
    }

    /// Changes the fields `patch` names, against the source as it is inside the write (see
    /// `merge.rs` for an edit made from an older version).
    pub fn edit_source(&mut self, id: &str, patch: &SourcePatch) -> Result<Source> {
        self.write(|w| edit(w, id, patch))
    }

    /// Deletes a source nobody relays or cites.
    pub fn delete_source(&mut self, id: &str) -> Result<()> {
        self.write(|w| {
            let id = resolve_in(&w.db, RecordKind::Source, "source", id)?;
            crate::merge::hold(&w.db, RecordKind::Source, &id)?;
            let before = get_db(&w.db, &id)?;
            let users: i64 = w.db.query_row(
                "SELECT (SELECT count(*) FROM sources WHERE via = ?1)
                      + (SELECT count(*) FROM evidence WHERE source_id = ?1)",
                params![id],
                |r| r.get(0),
            )?;
            if users > 0 {
                return Err(CoreError::invalid(
                    "source",
                    format!("is relayed or cited {users} time(s); unlink it first"),
                ));
            }
            // A relay or a citation added meanwhile by another session fails the DELETE on its
            // foreign key (ON DELETE RESTRICT), so nothing is pulled from under it.
            w.db.execute("DELETE FROM sources WHERE id = ?1", params![id])?;
            crate::checks::names::index(&w.db, ("source", &id), &[])?;
            audit::record(w, RecordKind::Source, &id, Some(&before), None)
        })
    }

    /// One source by id or unique id prefix.
    pub fn source(&self, id: &str) -> Result<Source> {
        self.read(|db| {
            let id = resolve_in(db, RecordKind::Source, "source", id)?;
            get_db(db, &id)
        })
    }

    /// A source with its relay chain and the claims citing it.
    pub fn source_detail(&self, id: &str) -> Result<SourceDetail> {
        self.read(|db| {
            let id = resolve_in(db, RecordKind::Source, "source", id)?;
            let source = get_db(db, &id)?;
            let via_chain = chain_db(db, &source)?.iter().map(Source::to_ref).collect();
            let cited_by = db.query_all(
                "SELECT DISTINCT claim_id FROM evidence WHERE source_id = ?1 ORDER BY claim_id",
                params![source.id],
                |r| r.get(0),
            )?;
            Ok(SourceDetail {
                source,
                via_chain,
                cited_by,
            })
        })
    }

    /// The relay chain of a source, nearest first, ending at the origin.
    pub fn via_chain(&self, source: &Source) -> Result<Vec<Source>> {
        self.read(|db| chain_db(db, source))
    }
}
