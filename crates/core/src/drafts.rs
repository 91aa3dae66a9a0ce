//! Drafts: the writer's Markdown, in which claim text is marked with Pandoc bracketed spans
//! (`[text as written]{claim=<claim id>}`). The body is kept exactly as typed.

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Row, params};
use serde::{Deserialize, Serialize};

use crate::dates::{parse_timestamp, timestamp};
use crate::desk::{Desk, Write};
use crate::error::{CoreError, Result};
use crate::ids::{RecordKind, new_id, resolve};
use crate::validate::{self, MAX_DRAFT, Shape};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Draft {
    pub id: String,
    pub title: String,
    /// Markdown with claim spans.
    pub body: String,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

/// A draft in a list: everything but the body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct DraftSummary {
    pub id: String,
    pub title: String,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct DraftInput {
    pub title: String,
    pub body: String,
}

/// One saved state of a draft, without its text (for the revision list).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct RevisionSummary {
    /// Increases with every save across the desk.
    #[ts(type = "number")]
    pub seq: i64,
    pub draft_id: String,
    pub title: String,
    #[ts(type = "string")]
    pub saved_at: DateTime<Utc>,
    pub actor: String,
    /// Words in the body at this revision.
    pub words: u32,
    /// The revision this one restored, when it was a restore.
    #[ts(type = "number | null")]
    pub restored_from: Option<i64>,
}

/// One saved state of a draft with its text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Revision {
    #[serde(flatten)]
    pub summary: RevisionSummary,
    pub body: String,
}

const COLUMNS: &str = "id, title, body, created_at, updated_at";

const REVISION_COLUMNS: &str = "seq, draft_id, title, saved_at, actor, restored_from, body";

fn revision_from_row(r: &Row<'_>) -> rusqlite::Result<Revision> {
    let body: String = r.get(6)?;
    Ok(Revision {
        summary: RevisionSummary {
            seq: r.get(0)?,
            draft_id: r.get(1)?,
            title: r.get(2)?,
            saved_at: parse_timestamp(&r.get::<_, String>(3)?)?,
            actor: r.get(4)?,
            restored_from: r.get(5)?,
            words: body.split_whitespace().count() as u32,
        },
        body,
    })
}

/// Keeps the draft's current state as a revision.
fn keep_revision(w: &Write<'_>, id: &str, restored_from: Option<i64>) -> Result<()> {
    w.tx.prepare_cached(
        "INSERT INTO draft_revisions (draft_id, title, body, saved_at, actor, restored_from)
         SELECT id, title, body, ?2, ?3, ?4 FROM drafts WHERE id = ?1",
    )?
    .execute(params![id, timestamp(w.now), w.actor, restored_from])?;
    Ok(())
}

fn from_row(r: &Row<'_>) -> rusqlite::Result<Draft> {
    Ok(Draft {
        id: r.get(0)?,
        title: r.get(1)?,
        body: r.get(2)?,
        created_at: parse_timestamp(&r.get::<_, String>(3)?)?,
        updated_at: parse_timestamp(&r.get::<_, String>(4)?)?,
    })
}

pub(crate) fn get_in(conn: &Connection, id: &str) -> Result<Draft> {
    conn.prepare_cached(&format!("SELECT {COLUMNS} FROM drafts WHERE id = ?1"))?
        .query_row([id], from_row)
        .map_err(CoreError::missing("draft", id))
}

/// Checks a draft's title and body; the body may hold any Markdown but no control characters.
fn check(input: &DraftInput) -> Result<(String, String)> {
    let title = validate::required("title", &input.title, Shape::Line)?;
    validate::check_len("body", &input.body, MAX_DRAFT)?;
    if let Some(c) = input
        .body
        .chars()
        .find(|&c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
    {
        return Err(CoreError::invalid(
            "body",
            format!("contains the control character U+{:04X}", c as u32),
        ));
    }
    Ok((title, input.body.clone()))
}

fn save(w: &Write<'_>, id: &str, title: &str, body: &str) -> Result<()> {
    w.tx.prepare_cached("UPDATE drafts SET title = ?2, body = ?3, updated_at = ?4 WHERE id = ?1")?
        .execute(params![id, title, body, timestamp(w.now)])?;
    Ok(())
}

/// Adds a draft inside an open write.
pub(crate) fn add(w: &Write<'_>, input: &DraftInput) -> Result<Draft> {
    let (title, body) = check(input)?;
    let id = new_id(w.now);
    w.tx.prepare_cached(&format!(
        "INSERT INTO drafts ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?4)"
    ))?
    .execute(params![id, title, body, timestamp(w.now)])?;
    keep_revision(w, &id, None)?;
    get_in(w.tx, &id)
}

impl Desk {
    pub fn add_draft(&mut self, input: &DraftInput) -> Result<Draft> {
        self.write(|w| add(w, input))
    }

    /// Saves a draft's title and body (the editor's autosave) and keeps the new state as a
    /// revision. Saving what is already saved changes nothing.
    pub fn update_draft(&mut self, id: &str, input: &DraftInput) -> Result<Draft> {
        let (title, body) = check(input)?;
        self.write(|w| {
            let id = resolve(w.tx, RecordKind::Draft, "draft", id)?;
            let current = get_in(w.tx, &id)?;
            if current.title == title && current.body == body {
                return Ok(current);
            }
            save(w, &id, &title, &body)?;
            keep_revision(w, &id, None)?;
            get_in(w.tx, &id)
        })
    }

    /// Every revision of a draft, newest first.
    pub fn draft_revisions(&self, id: &str) -> Result<Vec<RevisionSummary>> {
        let id = resolve(&self.conn, RecordKind::Draft, "draft", id)?;
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {REVISION_COLUMNS} FROM draft_revisions WHERE draft_id = ?1 ORDER BY seq DESC"
        ))?;
        let rows = stmt.query_map([&id], revision_from_row)?;
        rows.map(|r| Ok(r?.summary)).collect()
    }

    /// One revision of a draft with its text.
    pub fn draft_revision(&self, id: &str, seq: i64) -> Result<Revision> {
        let id = resolve(&self.conn, RecordKind::Draft, "draft", id)?;
        self.conn
            .prepare_cached(&format!(
                "SELECT {REVISION_COLUMNS} FROM draft_revisions WHERE draft_id = ?1 AND seq = ?2"
            ))?
            .query_row(params![id, seq], revision_from_row)
            .map_err(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => CoreError::NotFound {
                    kind: "revision",
                    field: "revision".into(),
                    id: seq.to_string(),
                },
                e => e.into(),
            })
    }

    /// Makes an old revision the draft's current text; the restore is itself a new revision.
    pub fn restore_revision(&mut self, id: &str, seq: i64) -> Result<Draft> {
        let old = self.draft_revision(id, seq)?;
        self.write(|w| {
            let id = &old.summary.draft_id;
            save(w, id, &old.summary.title, &old.body)?;
            keep_revision(w, id, Some(seq))?;
            get_in(w.tx, id)
        })
    }

    pub fn draft(&self, id: &str) -> Result<Draft> {
        let id = resolve(&self.conn, RecordKind::Draft, "draft", id)?;
        get_in(&self.conn, &id)
    }

    /// Every draft, most recently edited first.
    pub fn drafts(&self) -> Result<Vec<DraftSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, created_at, updated_at FROM drafts ORDER BY updated_at DESC, id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(DraftSummary {
                id: r.get(0)?,
                title: r.get(1)?,
                created_at: parse_timestamp(&r.get::<_, String>(2)?)?,
                updated_at: parse_timestamp(&r.get::<_, String>(3)?)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(body: &str) -> DraftInput {
        DraftInput {
            title: "Explainer".into(),
            body: body.into(),
        }
    }

    #[test]
    fn every_save_keeps_a_revision_and_restoring_adds_one() {
        let mut desk = Desk::open_in_memory().unwrap();
        let d = desk.add_draft(&input("one")).unwrap();
        desk.update_draft(&d.id, &input("one two")).unwrap();
        desk.update_draft(&d.id, &input("one two")).unwrap();
        desk.update_draft(&d.id, &input("one two three")).unwrap();
        let revs = desk.draft_revisions(&d.id).unwrap();
        assert_eq!(
            revs.iter().map(|r| r.words).collect::<Vec<_>>(),
            vec![3, 2, 1],
            "newest first, and an unchanged save adds nothing"
        );
        let first = revs[2].seq;
        let restored = desk.restore_revision(&d.id, first).unwrap();
        assert_eq!(restored.body, "one");
        let revs = desk.draft_revisions(&d.id).unwrap();
        assert_eq!(revs.len(), 4, "the restore is a new revision");
        assert_eq!(revs[0].restored_from, Some(first));
        assert_eq!(
            desk.draft_revision(&d.id, revs[1].seq).unwrap().body,
            "one two three"
        );
    }

    #[test]
    fn unknown_revision_is_not_found() {
        let mut desk = Desk::open_in_memory().unwrap();
        let d = desk.add_draft(&input("x")).unwrap();
        let err = desk.draft_revision(&d.id, 999).unwrap_err();
        assert!(matches!(err, CoreError::NotFound { .. }), "{err}");
    }
}
