//! Drafts: the writer's Markdown, in which claim text is marked with Pandoc bracketed spans
//! (`[text as written]{claim=<claim id>}`). The body is kept exactly as typed.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::dates::{parse_timestamp, timestamp};
use crate::db::{Db, Engine, Row};
use crate::desk::{Desk, Write};
use crate::error::{CoreError, Result};
use crate::ids::{RecordKind, new_id, resolve_in};
use crate::revisions::{self, Keep, SaveOutcome, SaveReason};
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
    /// The draft's newest revision: what a save of this text is based on.
    #[ts(type = "number")]
    pub revision: i64,
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

const COLUMNS: &str = "id, title, body, created_at, updated_at";

/// [`COLUMNS`] and the draft's newest revision, for reading a [`Draft`].
const READ_COLUMNS: &str = "id, title, body, created_at, updated_at,
    (SELECT max(seq) FROM draft_revisions r WHERE r.draft_id = drafts.id)";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Draft> {
    Ok(Draft {
        id: r.get(0)?,
        title: r.get(1)?,
        body: r.get(2)?,
        created_at: parse_timestamp(&r.get::<_, String>(3)?)?,
        updated_at: parse_timestamp(&r.get::<_, String>(4)?)?,
        revision: r.get::<_, Option<i64>>(5)?.unwrap_or_default(),
    })
}

/// One draft by full id, on either engine.
pub(crate) fn get_db(db: &Db<'_>, id: &str) -> Result<Draft> {
    db.query_row(
        &format!("SELECT {READ_COLUMNS} FROM drafts WHERE id = ?1"),
        params![id],
        from_row,
    )
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

pub(crate) fn save(w: &Write<'_>, id: &str, title: &str, body: &str) -> Result<()> {
    w.db.execute(
        "UPDATE drafts SET title = ?2, body = ?3, updated_at = ?4 WHERE id = ?1",
        params![id, title, body, timestamp(w.now)],
    )?;
    crate::checks::names::index(&w.db, ("draft", id), &[title, body])?;
    Ok(())
}

/// Holds draft `id` for the rest of the write, before its text and newest revision are read.
/// A desk file's write is an immediate transaction, which already holds the whole desk. On a
/// team desk each statement sees what was committed when it ran, so without the row lock two
/// saves of one draft would each read the other's "before", and one would be kept as a delta
/// on a text it never had (unreadable) or overwrite the other without a conflict.
pub(crate) fn lock(db: &Db<'_>, id: &str) -> Result<()> {
    if db.engine() == Engine::Postgres {
        db.query_all(
            "SELECT id FROM drafts WHERE id = ?1 FOR UPDATE",
            params![id],
            |r| r.get::<_, String>(0),
        )?;
    }
    Ok(())
}

/// Adds a draft inside an open write.
pub(crate) fn add(w: &Write<'_>, input: &DraftInput) -> Result<Draft> {
    let (title, body) = check(input)?;
    let id = new_id(w.now);
    w.db.execute(
        &format!("INSERT INTO drafts ({COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?4)"),
        params![id, title, body, timestamp(w.now)],
    )?;
    crate::checks::names::index(&w.db, ("draft", &id), &[&title, &body])?;
    revisions::keep(
        w,
        &id,
        &title,
        &body,
        Keep {
            reason: SaveReason::Explicit,
            restored_from: None,
            may_amend: false,
            previous_body: None,
        },
    )?;
    get_db(&w.db, &id)
}

impl Desk {
    pub fn add_draft(&mut self, input: &DraftInput) -> Result<Draft> {
        self.write(|w| add(w, input))
    }

    /// Saves a draft's title and body as an explicit save from no known base; see
    /// [`Desk::save_draft`].
    pub fn update_draft(&mut self, id: &str, input: &DraftInput) -> Result<Draft> {
        Ok(self
            .save_draft(id, input, SaveReason::Explicit, None)?
            .draft)
    }

    /// Saves a draft's title and body for `reason`, from the revision `base_revision` the writer
    /// was editing (`None`: not known, taken as the newest). Whether the save keeps a revision of
    /// its own or amends the newest one is decided in [`crate::revisions`]. A save based on an
    /// older revision than the newest keeps both texts and says so in the outcome's `conflict`.
    /// Saving what is already saved changes nothing.
    pub fn save_draft(
        &mut self,
        id: &str,
        input: &DraftInput,
        reason: SaveReason,
        base_revision: Option<i64>,
    ) -> Result<SaveOutcome> {
        if !matches!(
            reason,
            SaveReason::Pause | SaveReason::Typing | SaveReason::Explicit
        ) {
            return Err(CoreError::invalid(
                "reason",
                "restore and export revisions are kept by restoring and exporting",
            ));
        }
        let (title, body) = check(input)?;
        self.write(|w| {
            let id = resolve_in(&w.db, RecordKind::Draft, "draft", id)?;
            lock(&w.db, &id)?;
            let current = get_db(&w.db, &id)?;
            let newest = revisions::newest(&w.db, &id)?;
            let conflict = revisions::conflict(&w.db, &current, newest.as_ref(), base_revision)?;
            if current.title == title && current.body == body {
                let revision = current.revision;
                return Ok(SaveOutcome {
                    draft: current,
                    revision,
                    conflict: None,
                });
            }
            save(w, &id, &title, &body)?;
            let revision = revisions::keep(
                w,
                &id,
                &title,
                &body,
                Keep {
                    reason,
                    restored_from: None,
                    may_amend: conflict.is_none(),
                    previous_body: Some(&current.body),
                },
            )?;
            Ok(SaveOutcome {
                draft: get_db(&w.db, &id)?,
                revision,
                conflict,
            })
        })
    }

    pub fn draft(&self, id: &str) -> Result<Draft> {
        self.read(|db| {
            let id = resolve_in(db, RecordKind::Draft, "draft", id)?;
            get_db(db, &id)
        })
    }

    /// Every draft, most recently edited first.
    pub fn drafts(&self) -> Result<Vec<DraftSummary>> {
        self.read(|db| {
            db.query_all(
                "SELECT id, title, created_at, updated_at FROM drafts ORDER BY updated_at DESC, id",
                &[],
                |r| {
                    Ok(DraftSummary {
                        id: r.get(0)?,
                        title: r.get(1)?,
                        created_at: parse_timestamp(&r.get::<_, String>(2)?)?,
                        updated_at: parse_timestamp(&r.get::<_, String>(3)?)?,
                    })
                },
            )
        })
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
