//! `desk copy`: a draft with its claims (and their topics and the claims they were superseded
//! by), evidence, sources (and the sources they relay, `via`), confidence overrides, revisions
//! and reviews, copied from one desk to another, either a desk file or a team desk. The two
//! schemas have the same tables and columns (`schema.rs`), so the copy is driven by the table
//! list [`SPECS`], reading and writing whole rows ([`rows`]) through the storage seam
//! (`crate::db`), each statement written once for both engines.
//!
//! Invariants:
//! - Records keep their ids (ULIDs, so an insert never collides), except revisions, whose `seq`
//!   each desk numbers itself: the ledger maps them, and `base`/`restored_from` are mapped with
//!   them.
//! - Each desk keeps a ledger (`copies`) of each record's hash as it was on both sides at the
//!   last copy with each peer desk (peers are named by their `desk.id` setting). A record
//!   changed since on the source only is copied; on the target only, or on neither, skipped;
//!   on both (differently), reported as a conflict with both versions and never written.
//! - The whole copy is one transaction on the target: a failure leaves it as it was. The
//!   source's ledger is written after the target commits; if that fails the target's ledger,
//!   read too, still knows the copy.
//! - A copy never deletes: a record deleted on the target is not brought back unless the
//!   source changed it (then it is a conflict).
//! - On a team desk the copy runs as the connecting login, so PostgreSQL's roles apply: a
//!   review or confidence override the database refuses (a writer's, or an editor's approval
//!   of a claim their own copy creates) is held back and reported with the rule; the rest of
//!   the copy goes in.

mod rows;

use std::collections::{BTreeMap, HashMap, HashSet};

use rusqlite::params;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::dates::timestamp;
use crate::db::Db;
use crate::db::postgres::Session;
use crate::desk::Desk;
use crate::error::{CoreError, Result};
use crate::export::citekeys::KeyRing;

use rows::placeholders;
pub use rows::{Row, Value};

/// A table whose rows belong to a record of another table, read and written with it.
struct Child {
    table: &'static str,
    /// The column naming the parent's key.
    fk: &'static str,
    /// Whether the rows are part of the record (its hash): topics are; the quote-check cache
    /// and the source-change flags are carried along, but derived from the rest.
    hashed: bool,
}

/// One table of a draft, as the copy treats it.
struct Spec {
    table: &'static str,
    /// The record kind the history names.
    kind: &'static str,
    /// The columns that make a record's key.
    key: &'static [&'static str],
    /// Columns not compared: `actor` (a team desk stamps its own login), a source's citation
    /// key (each desk keeps its own unique), a revision's desk-local numbering.
    unhashed: &'static [&'static str],
    /// Columns the target keeps when it takes an update.
    kept: &'static [&'static str],
    children: &'static [Child],
    /// Only editors write it on a team desk.
    guarded: bool,
}

const SOURCES: Spec = Spec {
    table: "sources",
    kind: "source",
    key: &["id"],
    unhashed: &["cite_key"],
    kept: &["cite_key"],
    children: &[],
    guarded: false,
};
const CLAIMS: Spec = Spec {
    table: "claims",
    kind: "claim",
    key: &["id"],
    unhashed: &[],
    kept: &[],
    children: &[Child {
        table: "claim_topics",
        fk: "claim_id",
        hashed: true,
    }],
    guarded: false,
};
const DRAFTS: Spec = Spec {
    table: "drafts",
    kind: "draft",
    key: &["id"],
    unhashed: &[],
    kept: &[],
    children: &[],
    guarded: false,
};
const OVERRIDES: Spec = Spec {
    table: "confidence_overrides",
    kind: "confidence_override",
    key: &["claim_id"],
    unhashed: &["actor"],
    kept: &[],
    children: &[],
    guarded: true,
};
const EVIDENCE: Spec = Spec {
    table: "evidence",
    kind: "evidence",
    key: &["id"],
    unhashed: &[],
    kept: &[],
    children: &[
        Child {
            table: "evidence_source_changes",
            fk: "evidence_id",
            hashed: false,
        },
        Child {
            table: "evidence_quote_checks",
            fk: "evidence_id",
            hashed: false,
        },
    ],
    guarded: false,
};
const REVISIONS: Spec = Spec {
    table: "draft_revisions",
    kind: "revision",
    key: &["seq"],
    unhashed: &["seq", "base", "restored_from", "actor"],
    kept: &[],
    children: &[],
    guarded: false,
};
const REVIEWS: Spec = Spec {
    table: "reviews",
    kind: "review",
    key: &["draft_id", "claim_id"],
    unhashed: &["actor"],
    kept: &[],
    children: &[],
    guarded: true,
};

/// Every table a draft's copy writes, in an order that has each row's references in place
/// before it.
const SPECS: [&Spec; 7] = [
    &SOURCES, &CLAIMS, &DRAFTS, &OVERRIDES, &EVIDENCE, &REVISIONS, &REVIEWS,
];

/// What a copy did.
#[derive(Debug, Clone, Serialize)]
pub struct CopyReport {
    pub draft: String,
    pub title: String,
    /// The desks, as the report may show them (never a password).
    pub from: String,
    pub to: String,
    /// Records written to the target, by table.
    pub copied: BTreeMap<String, usize>,
    /// Records left as they were: unchanged since the last copy, or changed on the target only.
    pub skipped: usize,
    /// Records changed on both desks since the last copy: neither was overwritten.
    pub conflicts: Vec<Conflict>,
    /// Records the copy did not write, and why.
    pub held_back: Vec<HeldBack>,
    /// Anything else the person should know.
    pub notices: Vec<String>,
}

/// A record changed on both desks since their last copy.
#[derive(Debug, Clone, Serialize)]
pub struct Conflict {
    pub table: String,
    pub id: String,
    /// `to` when the target deleted the record the source changed.
    pub missing_on: Option<String>,
    /// Each field that differs, as the source (`from`) and the target (`to`) hold it.
    pub fields: Vec<FieldDiff>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FieldDiff {
    pub field: String,
    pub from: serde_json::Value,
    pub to: serde_json::Value,
}

/// A record the copy did not write though the source had it to give.
#[derive(Debug, Clone, Serialize)]
pub struct HeldBack {
    pub table: String,
    pub id: String,
    pub reason: String,
    /// The team desk's rule that refused it, when PostgreSQL refused it.
    pub rule: Option<String>,
}

/// Copies draft `draft` (its id or an unambiguous prefix, on the source) from the desk `from`
/// to the desk `to`, each a desk file's path or a team desk's `postgres://` URL. `actor` is who
/// a desk file's history names (a team desk names its login).
pub fn copy(draft: &str, from: &str, to: &str, actor: Option<&str>) -> Result<CopyReport> {
    let mut source = Endpoint::open("from", from, actor)?;
    let mut target = Endpoint::open("to", to, actor)?;
    let (source_id, target_id) = (source.desk_id()?, target.desk_id()?);
    if source_id == target_id {
        return Err(CoreError::invalid(
            "to",
            format!("{to} is the same desk as --from {from}"),
        ));
    }
    let mut schema = Schema::default();
    for table in all_tables() {
        let theirs = target.read(|db| db.columns(table))?;
        let ours = source.read(|db| db.columns(table))?;
        schema.columns.insert(
            table,
            ours.into_iter().filter(|c| theirs.contains(c)).collect(),
        );
    }
    let gathered = source.read(|db| {
        let id = resolve_draft(db, draft)?;
        let records = gather(db, &schema, &id)?;
        let ledger = read_ledger(db, &target_id, &records, Side::Source)?;
        Ok((id, records, ledger))
    })?;
    let (draft_id, records, source_ledger) = gathered;
    let title = records
        .get("drafts")
        .and_then(|r| r.first())
        .and_then(|r| r.row.get("title"))
        .and_then(Value::text)
        .unwrap_or_default()
        .to_string();
    let mut report = CopyReport {
        draft: draft_id.clone(),
        title,
        from: source.describe(),
        to: target.describe(),
        copied: BTreeMap::new(),
        skipped: 0,
        conflicts: Vec::new(),
        held_back: Vec::new(),
        notices: Vec::new(),
    };
    let now = timestamp(crate::clock::Clock::now(&crate::clock::SystemClock));
    let plan = Plan {
        schema: &schema,
        records: &records,
        draft: &draft_id,
        now: &now,
    };
    let synced = target.write(|db, actor| {
        let mut ledger = read_ledger(db, &source_id, &records, Side::Target)?;
        merge_ledgers(&mut ledger, source_ledger);
        let mut out = Outcome::default();
        plan.apply(db, actor, &ledger, &mut out)?;
        write_ledger(db, &source_id, &out.synced, Side::Target, &now)?;
        Ok(out)
    })?;
    report.copied = synced.copied;
    report.skipped = synced.skipped;
    report.conflicts = synced.conflicts;
    report.held_back = synced.held_back;
    if let Err(e) =
        source.write(|db, _| write_ledger(db, &target_id, &synced.synced, Side::Source, &now))
    {
        report.notices.push(format!(
            "the copy went in, but --from's own record of it could not be written ({e}); \
             the next copy reads --to's record instead"
        ));
    }
    Ok(report)
}

/// Every table the copy reads, its children included.
fn all_tables() -> Vec<&'static str> {
    SPECS
        .iter()
        .flat_map(|s| std::iter::once(s.table).chain(s.children.iter().map(|c| c.table)))
        .collect()
}

/// The columns the copy moves per table: those both desks have.
#[derive(Default)]
struct Schema {
    columns: HashMap<&'static str, Vec<String>>,
}

impl Schema {
    fn of(&self, table: &str) -> &[String] {
        self.columns.get(table).map_or(&[], Vec::as_slice)
    }
}

/// A desk the copy reads or writes.
enum Endpoint {
    Lite(Box<Desk>),
    Pg { session: Box<Session>, name: String },
}

impl Endpoint {
    fn open(field: &str, desk: &str, actor: Option<&str>) -> Result<Endpoint> {
        if super::is_url(desk) {
            let client = super::connect(desk)?;
            let mut session = Session::from_client(client, super::describe_url(desk));
            let (db, user, version): (String, String, i64) = session.read(|db| {
                db.query_row(
                    "SELECT CAST(current_database() AS text), CAST(current_user AS text),
                            (SELECT coalesce(max(version), 0) FROM factdesk_migrations)",
                    &[],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
            })?;
            if version < super::schema::latest_version() {
                return Err(CoreError::invalid(
                    field,
                    format!(
                        "the team desk {db} is at schema version {version}, older than this \
                         Factdesk's {}: its administrator runs `factdesk team init` on it first",
                        super::schema::latest_version()
                    ),
                ));
            }
            let name = format!("team desk {db} as {user}");
            session.set_desk(format!("the {name}"));
            return Ok(Endpoint::Pg {
                session: Box::new(session),
                name,
            });
        }
        let mut opened = Desk::open(desk)
            .map_err(|e| crate::storage::at_desk(e, Some(std::path::Path::new(desk))))?;
        if let Some(actor) = actor {
            opened.set_actor(actor)?;
        }
        Ok(Endpoint::Lite(Box::new(opened)))
    }

    fn describe(&self) -> String {
        match self {
            Endpoint::Lite(desk) => desk
                .path()
                .map_or_else(|| "a desk in memory".into(), |p| p.display().to_string()),
            Endpoint::Pg { name, .. } => name.clone(),
        }
    }

    fn desk_id(&mut self) -> Result<String> {
        self.read(|db| {
            db.query_row(
                "SELECT value FROM settings WHERE key = ?1",
                params!["desk.id"],
                |r| r.get(0),
            )
            .map_err(|_| CoreError::Internal("the desk has no desk.id setting".into()))
        })
    }

    /// Runs `f` in a read-only transaction: one consistent view of the desk.
    fn read<T>(&mut self, f: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        match self {
            Endpoint::Lite(desk) => {
                let path = desk.path().map(std::path::Path::to_path_buf);
                let tx = desk.file("desk copy")?.unchecked_transaction()?;
                f(&Db::sqlite(&tx)).map_err(|e| crate::storage::at_desk(e, path.as_deref()))
            }
            Endpoint::Pg { session, .. } => session.read(f),
        }
    }

    /// Runs `f` in one transaction that commits only when `f` returns `Ok`; `f` is given who a
    /// desk file's history names.
    fn write<T>(&mut self, f: impl FnOnce(&Db<'_>, &str) -> Result<T>) -> Result<T> {
        match self {
            Endpoint::Lite(desk) => desk.write(|w| f(&Db::sqlite(w.sqlite("desk copy")?), w.actor)),
            Endpoint::Pg { session, .. } => session.write(|db| f(db, "")),
        }
    }
}

/// The draft's full id from an id or a prefix of one.
fn resolve_draft(db: &Db<'_>, typed: &str) -> Result<String> {
    let typed = typed.trim();
    let prefix = typed.to_ascii_uppercase();
    if prefix.is_empty() || !prefix.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(CoreError::invalid(
            "draft",
            format!("\"{typed}\" is not a draft id"),
        ));
    }
    let ids: Vec<String> = db.query_all(
        "SELECT id FROM drafts WHERE id >= ?1 AND id < ?2 ORDER BY id LIMIT 6",
        params![prefix, format!("{prefix}~")],
        |r| r.get(0),
    )?;
    match ids.as_slice() {
        [] => Err(CoreError::NotFound {
            kind: "draft",
            field: "draft".into(),
            id: typed.into(),
        }),
        [one] => Ok(one.clone()),
        many if many.contains(&prefix) => Ok(prefix),
        many => Err(CoreError::AmbiguousId {
            kind: "draft",
            field: "draft".into(),
            prefix: typed.into(),
            candidates: many.join(", "),
        }),
    }
}

/// One record of a table, with the rows of its children.
#[derive(Debug, Clone)]
struct Record {
    key: String,
    row: Row,
    children: BTreeMap<&'static str, Vec<Row>>,
    hash: String,
}

impl Record {
    fn new(spec: &Spec, row: Row, children: BTreeMap<&'static str, Vec<Row>>) -> Record {
        let key = spec
            .key
            .iter()
            .map(|k| row.get(*k).map(Value::key).unwrap_or_default())
            .collect::<Vec<_>>()
            .join("/");
        let hash = hash(spec, &row, &children);
        Record {
            key,
            row,
            children,
            hash,
        }
    }

    /// What a person compares: the hashed columns, and hashed children as one field each.
    fn content(&self, spec: &Spec) -> BTreeMap<String, serde_json::Value> {
        content(spec, &self.row, &self.children)
    }
}

fn content(
    spec: &Spec,
    row: &Row,
    children: &BTreeMap<&'static str, Vec<Row>>,
) -> BTreeMap<String, serde_json::Value> {
    let mut out: BTreeMap<String, serde_json::Value> = row
        .iter()
        .filter(|(c, _)| !spec.unhashed.contains(&c.as_str()))
        .map(|(c, v)| (c.clone(), serde_json::to_value(v).unwrap_or_default()))
        .collect();
    for child in spec.children.iter().filter(|c| c.hashed) {
        let mut rows: Vec<String> = children
            .get(child.table)
            .into_iter()
            .flatten()
            .map(|r| {
                r.iter()
                    .filter(|(c, _)| c.as_str() != child.fk)
                    .map(|(_, v)| v.key())
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        rows.sort();
        out.insert(child.table.to_string(), serde_json::json!(rows));
    }
    out
}

fn hash(spec: &Spec, row: &Row, children: &BTreeMap<&'static str, Vec<Row>>) -> String {
    let text = serde_json::to_string(&content(spec, row, children)).unwrap_or_default();
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Reads `spec`'s records whose `by` column is one of `keys`, with their children.
fn read(
    db: &Db<'_>,
    schema: &Schema,
    spec: &Spec,
    by: &str,
    keys: Vec<String>,
) -> Result<Vec<Record>> {
    let rows = rows::rows_in(db, spec.table, schema.of(spec.table), by, &keys)?;
    let mut children: BTreeMap<&'static str, HashMap<String, Vec<Row>>> = BTreeMap::new();
    let parent_keys: Vec<String> = rows
        .iter()
        .filter_map(|r| r.get(spec.key[0]).map(Value::key))
        .collect();
    for child in spec.children {
        let mut by_parent: HashMap<String, Vec<Row>> = HashMap::new();
        for r in rows::rows_in(
            db,
            child.table,
            schema.of(child.table),
            child.fk,
            &parent_keys,
        )? {
            let parent = r.get(child.fk).map(Value::key).unwrap_or_default();
            by_parent.entry(parent).or_default().push(r);
        }
        children.insert(child.table, by_parent);
    }
    Ok(rows
        .into_iter()
        .map(|row| {
            let parent = row.get(spec.key[0]).map(Value::key).unwrap_or_default();
            let kids = children
                .iter_mut()
                .map(|(t, m)| (*t, m.remove(&parent).unwrap_or_default()))
                .collect();
            Record::new(spec, row, kids)
        })
        .collect())
}

/// Records of a self-referencing table: `start`, and every record `link` reaches from them,
/// ordered so that a record comes after the one it links to.
fn closure(
    db: &Db<'_>,
    schema: &Schema,
    spec: &Spec,
    link: &str,
    start: Vec<String>,
) -> Result<Vec<Record>> {
    let mut found: HashMap<String, Record> = HashMap::new();
    let mut wanted: Vec<String> = start;
    while !wanted.is_empty() {
        let batch: Vec<String> = std::mem::take(&mut wanted)
            .into_iter()
            .filter(|k| !found.contains_key(k))
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        if batch.is_empty() {
            break;
        }
        for r in read(db, schema, spec, "id", batch)? {
            if let Some(next) = r.row.get(link).and_then(Value::text) {
                wanted.push(next.to_string());
            }
            found.insert(r.key.clone(), r);
        }
    }
    // Depth-first, links first; keys sorted so the order is the same on every run.
    let mut keys: Vec<String> = found.keys().cloned().collect();
    keys.sort();
    let mut placed = HashSet::new();
    let mut out = Vec::new();
    for key in keys {
        let mut chain = Vec::new();
        let mut at = Some(key);
        while let Some(k) = at.filter(|k| !placed.contains(k) && found.contains_key(k)) {
            placed.insert(k.clone());
            at = found[&k]
                .row
                .get(link)
                .and_then(Value::text)
                .map(str::to_string);
            chain.push(k);
        }
        for k in chain.into_iter().rev() {
            if let Some(r) = found.remove(&k) {
                out.push(r);
            }
        }
    }
    Ok(out)
}

type Records = BTreeMap<&'static str, Vec<Record>>;

/// Everything the copy of draft `id` reads on the source.
fn gather(db: &Db<'_>, schema: &Schema, id: &str) -> Result<Records> {
    let mut out = Records::new();
    let drafts = read(db, schema, &DRAFTS, "id", vec![id.to_string()])?;
    let body = drafts
        .first()
        .and_then(|d| d.row.get("body"))
        .and_then(Value::text)
        .unwrap_or_default()
        .to_string();
    let named = crate::checks::draft::claim_ids(&crate::spans::parse(&body));
    let claims = closure(db, schema, &CLAIMS, "superseded_by", named)?;
    let claim_ids: Vec<String> = claims.iter().map(|c| c.key.clone()).collect();
    let evidence = read(db, schema, &EVIDENCE, "claim_id", claim_ids.clone())?;
    let mut source_ids: Vec<String> = Vec::new();
    for e in &evidence {
        source_ids.extend(e.row.get("source_id").map(Value::key));
        for check in e
            .children
            .get("evidence_quote_checks")
            .into_iter()
            .flatten()
        {
            source_ids.extend(check.get("holder_id").map(Value::key));
        }
    }
    out.insert("sources", closure(db, schema, &SOURCES, "via", source_ids)?);
    out.insert(
        "confidence_overrides",
        read(db, schema, &OVERRIDES, "claim_id", claim_ids)?,
    );
    out.insert("claims", claims);
    out.insert("evidence", evidence);
    let mut revisions = read(db, schema, &REVISIONS, "draft_id", vec![id.to_string()])?;
    revisions.sort_by_key(|r| match r.row.get("seq") {
        Some(Value::Int(n)) => *n,
        _ => 0,
    });
    out.insert("draft_revisions", revisions);
    out.insert(
        "reviews",
        read(db, schema, &REVIEWS, "draft_id", vec![id.to_string()])?,
    );
    out.insert("drafts", drafts);
    Ok(out)
}

/// Which desk's ledger is read or written: the source's names the target as its peer and the
/// source's keys `here`; the target's the other way round.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Source,
    Target,
}

/// What the ledger says of one source record at the last copy.
#[derive(Debug, Clone)]
struct Entry {
    target_key: String,
    hash: String,
    at: String,
}

/// The ledger's entries for the source's records, by (table, source key).
type Ledger = HashMap<(String, String), Entry>;

fn read_ledger(db: &Db<'_>, peer: &str, records: &Records, side: Side) -> Result<Ledger> {
    let (source_col, target_col) = match side {
        Side::Source => ("here_key", "there_key"),
        Side::Target => ("there_key", "here_key"),
    };
    let mut out = Ledger::new();
    for (table, recs) in records {
        if recs.is_empty() {
            continue;
        }
        let sql = format!(
            "SELECT {source_col} AS s, {target_col} AS t, hash, copied_at FROM copies
             WHERE peer = ?1 AND tbl = ?2 AND {}",
            db.in_keys(source_col, 3)
        );
        let keys: Vec<&str> = recs.iter().map(|r| r.key.as_str()).collect();
        let rows = rows::query(db, &sql, params![peer, table, crate::db::keys(&keys)?])?;
        for r in rows {
            let get = |c: &str| r.get(c).map(Value::key).unwrap_or_default();
            out.insert(
                (table.to_string(), get("s")),
                Entry {
                    target_key: get("t"),
                    hash: get("hash"),
                    at: get("copied_at"),
                },
            );
        }
    }
    Ok(out)
}

/// Keeps, per record, the newer of the two desks' entries (they agree unless one desk's write
/// of the last copy failed).
fn merge_ledgers(ledger: &mut Ledger, other: Ledger) {
    for (k, e) in other {
        match ledger.get(&k) {
            Some(mine) if mine.at >= e.at => {}
            _ => {
                ledger.insert(k, e);
            }
        }
    }
}

/// A record both desks hold alike after this copy.
#[derive(Debug, Clone)]
struct Synced {
    table: &'static str,
    source_key: String,
    target_key: String,
    hash: String,
}

fn write_ledger(db: &Db<'_>, peer: &str, synced: &[Synced], side: Side, now: &str) -> Result<()> {
    let sql = "INSERT INTO copies (peer, tbl, here_key, there_key, hash, copied_at)
               VALUES (?1, ?2, ?3, ?4, ?5, ?6)
               ON CONFLICT (peer, tbl, here_key) DO UPDATE SET there_key = excluded.there_key,
                   hash = excluded.hash, copied_at = excluded.copied_at";
    for s in synced {
        let (here, there) = match side {
            Side::Source => (&s.source_key, &s.target_key),
            Side::Target => (&s.target_key, &s.source_key),
        };
        db.execute(sql, params![peer, s.table, here, there, s.hash, now])?;
    }
    Ok(())
}

/// What the copy did on the target, and the records in step after it.
#[derive(Default)]
struct Outcome {
    copied: BTreeMap<String, usize>,
    skipped: usize,
    conflicts: Vec<Conflict>,
    held_back: Vec<HeldBack>,
    synced: Vec<Synced>,
}

/// What to do with one record.
enum Decision {
    Insert,
    Update,
    /// Already alike on both desks: nothing to write, but the ledger learns it.
    Alike,
    /// Unchanged since the last copy, or changed on the target only.
    Skip,
    Conflict {
        missing_on_target: bool,
    },
}

fn decide(source: &Record, target: Option<&Record>, base: Option<&Entry>) -> Decision {
    match (base, target) {
        (None, None) => Decision::Insert,
        (None, Some(t)) if t.hash == source.hash => Decision::Alike,
        (None, Some(_)) => Decision::Conflict {
            missing_on_target: false,
        },
        (Some(b), None) if b.hash == source.hash => Decision::Skip,
        (Some(_), None) => Decision::Conflict {
            missing_on_target: true,
        },
        (Some(b), Some(t)) => {
            let ours = source.hash != b.hash;
            let theirs = t.hash != b.hash;
            match (ours, theirs) {
                (false, false) | (false, true) => Decision::Skip,
                (true, false) => Decision::Update,
                (true, true) if t.hash == source.hash => Decision::Alike,
                (true, true) => Decision::Conflict {
                    missing_on_target: false,
                },
            }
        }
    }
}

struct Plan<'p> {
    schema: &'p Schema,
    records: &'p Records,
    draft: &'p str,
    now: &'p str,
}

impl Plan<'_> {
    fn apply(&self, db: &Db<'_>, actor: &str, ledger: &Ledger, out: &mut Outcome) -> Result<()> {
        let mut draft_in_step = false;
        for spec in SPECS {
            let source = self.records.get(spec.table).map_or(&[][..], Vec::as_slice);
            if spec.table == REVISIONS.table {
                self.revisions(db, ledger, source, draft_in_step, out)?;
                continue;
            }
            let (by, keys) = if spec.key.len() == 1 {
                (spec.key[0], source.iter().map(|r| r.key.clone()).collect())
            } else {
                ("draft_id", vec![self.draft.to_string()])
            };
            let target: HashMap<String, Record> = read(db, self.schema, spec, by, keys)?
                .into_iter()
                .map(|r| (r.key.clone(), r))
                .collect();
            for rec in source {
                let theirs = target.get(&rec.key);
                let base = ledger.get(&(spec.table.to_string(), rec.key.clone()));
                let decision = decide(rec, theirs, base);
                let in_step = match decision {
                    Decision::Insert | Decision::Update => {
                        let insert = matches!(decision, Decision::Insert);
                        if let Some(refusal) = self.put(db, spec, rec, theirs, insert, actor)? {
                            out.held_back.push(HeldBack {
                                table: spec.table.into(),
                                id: rec.key.clone(),
                                reason: refusal.to_string(),
                                rule: match refusal {
                                    CoreError::Refused { rule, .. } => Some(rule),
                                    _ => None,
                                },
                            });
                            false
                        } else {
                            *out.copied.entry(spec.table.into()).or_default() += 1;
                            true
                        }
                    }
                    Decision::Alike => {
                        out.skipped += 1;
                        true
                    }
                    Decision::Skip => {
                        out.skipped += 1;
                        // Unchanged on both sides: still in step.
                        theirs.is_some_and(|t| t.hash == rec.hash)
                    }
                    Decision::Conflict { missing_on_target } => {
                        out.conflicts
                            .push(conflict(spec, rec, theirs, missing_on_target));
                        false
                    }
                };
                if in_step {
                    if spec.table == DRAFTS.table {
                        draft_in_step = true;
                    }
                    if !matches!(decision, Decision::Skip) {
                        out.synced.push(Synced {
                            table: spec.table,
                            source_key: rec.key.clone(),
                            target_key: rec.key.clone(),
                            hash: rec.hash.clone(),
                        });
                    }
                }
            }
        }
        Ok(())
    }

    /// Writes one record (and its children) on the target; hands back the database's refusal
    /// of a guarded record instead of failing.
    fn put(
        &self,
        db: &Db<'_>,
        spec: &Spec,
        rec: &Record,
        before: Option<&Record>,
        insert: bool,
        actor: &str,
    ) -> Result<Option<CoreError>> {
        let cols = self.schema.of(spec.table);
        let mut row = rec.row.clone();
        let sql = if insert {
            if spec.table == SOURCES.table {
                let key = free_cite_key(db, &rec.key, row.get("cite_key"))?;
                row.insert("cite_key".into(), key);
            }
            format!(
                "INSERT INTO {} ({}) VALUES ({})",
                spec.table,
                cols.join(", "),
                placeholders(cols.len())
            )
        } else {
            let set: Vec<&String> = cols
                .iter()
                .filter(|c| !spec.key.contains(&c.as_str()) && !spec.kept.contains(&c.as_str()))
                .collect();
            let mut n = 0;
            let mut assign = Vec::new();
            for c in &set {
                n += 1;
                assign.push(format!("{c} = ?{n}"));
            }
            let mut filter = Vec::new();
            for k in spec.key {
                n += 1;
                filter.push(format!("{k} = ?{n}"));
            }
            let sql = format!(
                "UPDATE {} SET {} WHERE {}",
                spec.table,
                assign.join(", "),
                filter.join(" AND ")
            );
            let params: Vec<Value> = set
                .iter()
                .map(|c| c.as_str())
                .chain(spec.key.iter().copied())
                .map(|c| row.get(c).cloned().unwrap_or(Value::Null))
                .collect();
            return self.finish(db, spec, rec, before, &sql, &params, actor);
        };
        let params: Vec<Value> = cols
            .iter()
            .map(|c| row.get(c).cloned().unwrap_or(Value::Null))
            .collect();
        self.finish(db, spec, rec, before, &sql, &params, actor)
    }

    #[allow(clippy::too_many_arguments)]
    fn finish(
        &self,
        db: &Db<'_>,
        spec: &Spec,
        rec: &Record,
        before: Option<&Record>,
        sql: &str,
        params: &[Value],
        actor: &str,
    ) -> Result<Option<CoreError>> {
        if spec.guarded {
            if let Some(refusal) = db.execute_unless_refused(sql, &rows::params(params))? {
                return Ok(Some(refusal));
            }
        } else {
            db.execute(sql, &rows::params(params))?;
        }
        for child in spec.children {
            db.execute(
                &format!("DELETE FROM {} WHERE {} = ?1", child.table, child.fk),
                params![rec.key],
            )?;
            let cols = self.schema.of(child.table);
            let sql = format!(
                "INSERT INTO {} ({}) VALUES ({})",
                child.table,
                cols.join(", "),
                placeholders(cols.len())
            );
            for r in rec.children.get(child.table).into_iter().flatten() {
                let params: Vec<Value> = cols
                    .iter()
                    .map(|c| r.get(c).cloned().unwrap_or(Value::Null))
                    .collect();
                db.execute(&sql, &rows::params(&params))?;
            }
        }
        self.history(db, spec, rec, before, actor)?;
        self.index_names(db, spec, rec)?;
        Ok(None)
    }

    /// The target's history says what the copy changed, through the one history rule
    /// (`audit::append`), as any other write does: a create as one row holding the record, an
    /// update as one row per changed field.
    fn history(
        &self,
        db: &Db<'_>,
        spec: &Spec,
        rec: &Record,
        before: Option<&Record>,
        actor: &str,
    ) -> Result<()> {
        let after = rec.content(spec);
        let before = before.map(|b| b.content(spec));
        let actor = if actor.is_empty() { "copy" } else { actor };
        crate::audit::append(
            db,
            self.now,
            actor,
            spec.kind,
            &rec.key,
            before.as_ref(),
            Some(&after),
        )
    }

    /// A desk file keeps the names its records hold in its name index, as its own writes do.
    /// NOTE: a team desk has no name index writer until the storage seam is built.
    fn index_names(&self, db: &Db<'_>, spec: &Spec, rec: &Record) -> Result<()> {
        let fields: &[&str] = match spec.table {
            "drafts" => &["title", "body"],
            "claims" => &["text"],
            "sources" => &["title", "author", "notes"],
            _ => return Ok(()),
        };
        let texts: Vec<&str> = fields
            .iter()
            .filter_map(|f| rec.row.get(*f).and_then(Value::text))
            .collect();
        crate::checks::names::index(db, (spec.kind, &rec.key), &texts)
    }

    /// Revisions of the draft the target lacks, appended in order, numbered by the target,
    /// with `base` and `restored_from` mapped to its numbers. Only when the draft itself is in
    /// step after this copy: the draft's newest revision must hold its text.
    fn revisions(
        &self,
        db: &Db<'_>,
        ledger: &Ledger,
        source: &[Record],
        draft_in_step: bool,
        out: &mut Outcome,
    ) -> Result<()> {
        let present: HashSet<String> = read(
            db,
            self.schema,
            &REVISIONS,
            "draft_id",
            vec![self.draft.to_string()],
        )?
        .into_iter()
        .map(|r| r.key)
        .collect();
        let mut mapped: HashMap<String, String> = source
            .iter()
            .filter_map(|r| {
                ledger
                    .get(&(REVISIONS.table.to_string(), r.key.clone()))
                    .filter(|e| present.contains(&e.target_key))
                    .map(|e| (r.key.clone(), e.target_key.clone()))
            })
            .collect();
        let cols: Vec<&String> = self
            .schema
            .of(REVISIONS.table)
            .iter()
            .filter(|c| c.as_str() != "seq")
            .collect();
        let sql = format!(
            "INSERT INTO draft_revisions ({}) VALUES ({})",
            cols.iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            placeholders(cols.len())
        );
        for rev in source {
            if mapped.contains_key(&rev.key) {
                out.skipped += 1;
                continue;
            }
            if !draft_in_step {
                out.held_back.push(HeldBack {
                    table: REVISIONS.table.into(),
                    id: rev.key.clone(),
                    reason: "the draft differs on the two desks (see conflicts), so its newer \
                             revisions wait until the draft is copied"
                        .into(),
                    rule: None,
                });
                continue;
            }
            let mut params = Vec::with_capacity(cols.len());
            for c in &cols {
                let v = rev.row.get(c.as_str()).cloned().unwrap_or(Value::Null);
                let v = match (c.as_str(), &v) {
                    ("base" | "restored_from", Value::Int(n)) => {
                        match mapped.get(&n.to_string()).and_then(|s| s.parse().ok()) {
                            Some(m) => Value::Int(m),
                            None if c.as_str() == "restored_from" => Value::Null,
                            None => {
                                return Err(CoreError::Internal(format!(
                                    "revision {} of draft {} is stored against revision {n}, \
                                     which the target desk lacks",
                                    rev.key, self.draft
                                )));
                            }
                        }
                    }
                    _ => v,
                };
                params.push(v);
            }
            // RETURNING, which both engines take, gives the number the target gave the row.
            let seq: i64 = db.query_row(
                &format!("{sql} RETURNING seq"),
                &rows::params(&params),
                |r| r.get(0),
            )?;
            mapped.insert(rev.key.clone(), seq.to_string());
            *out.copied.entry(REVISIONS.table.into()).or_default() += 1;
            out.synced.push(Synced {
                table: REVISIONS.table,
                source_key: rev.key.clone(),
                target_key: seq.to_string(),
                hash: rev.hash.clone(),
            });
        }
        Ok(())
    }
}

/// The source's citation key when no other source on the target holds it, else the first
/// free one after it (as the desk itself gives keys).
fn free_cite_key(db: &Db<'_>, id: &str, key: Option<&Value>) -> Result<Value> {
    let Some(Value::Text(key)) = key else {
        return Ok(Value::Null);
    };
    let taken: Vec<String> = db.query_all(
        &format!(
            "SELECT cite_key FROM sources WHERE {} AND id <> ?3",
            db.byte_range("cite_key", 1, 2)
        ),
        params![key, format!("{key}{{"), id],
        |r| r.get(0),
    )?;
    let mut ring = KeyRing::default();
    for k in taken {
        ring.take(k);
    }
    Ok(Value::Text(ring.take(key.clone())))
}

fn conflict(spec: &Spec, source: &Record, target: Option<&Record>, missing: bool) -> Conflict {
    let ours = source.content(spec);
    let theirs = target.map(|t| t.content(spec)).unwrap_or_default();
    let mut fields: Vec<FieldDiff> = ours
        .iter()
        .filter(|(f, v)| theirs.get(*f) != Some(*v))
        .map(|(f, v)| FieldDiff {
            field: f.clone(),
            from: v.clone(),
            to: theirs.get(f).cloned().unwrap_or_default(),
        })
        .collect();
    fields.retain(|d| !missing || !d.from.is_null());
    Conflict {
        table: spec.table.into(),
        id: source.key.clone(),
        missing_on: missing.then(|| "to".to_string()),
        fields,
    }
}
