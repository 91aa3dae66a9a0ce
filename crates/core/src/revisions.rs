//! Revisions of a draft: which saves keep one, how their text is stored, and how a save made
//! from an older revision is kept beside the newer one instead of overwriting it.
//!
//! Invariants:
//! - The newest revision of a draft holds exactly the draft's current title and body.
//! - A revision never changes, with one exception: the newest revision of a draft, while it is a
//!   `typing` revision, is *amended* by the next autosave (`typing` or `pause`) when that save is
//!   by the same actor, based on that revision, and made within [`AMEND_WINDOW`] of the
//!   revision's first save. Amending replaces the row with one of a new `seq`, so a writer whose
//!   base is the old `seq` is told of the conflict. A `pause` save that amends closes the revision
//!   (it becomes a `pause` revision). So continuous typing keeps at most one revision per
//!   [`AMEND_WINDOW`], each pause in typing one, and explicit saves, restores and exports one
//!   each, never amended.
//! - A save whose base is older than the newest revision, when the newest text differs from the
//!   base's, never amends: both texts stay revisions, and the save's [`SaveOutcome`] names the
//!   other.
//! - A body is stored compressed (see `packing`): a keyframe, or a delta on the revision before it
//!   of the same draft (`base`). `chain` counts deltas back to a keyframe and stays below
//!   [`KEYFRAME_EVERY`], so reading a revision decompresses at most that many frames.
//! - `words` and `bytes` are counted once, at save time; listing never reads a body.

mod packing;

use chrono::{DateTime, Duration, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::dates::{parse_timestamp, timestamp};
use crate::db::{Db, Optional, Row};
use crate::desk::{Desk, Write};
use crate::drafts::{self, Draft};
use crate::error::{CoreError, Result};
use crate::ids::{RecordKind, resolve_in};

/// A keyframe every this many revisions of a draft. Measured on the revision benchmark (2,000
/// saves of a 20,000-word draft): 32 keeps the desk's growth to a few MB while the slowest
/// revision to read decompresses 31 deltas (a few milliseconds).
pub const KEYFRAME_EVERY: i64 = 32;

/// How long a run of continuous typing keeps amending one revision: "at most one revision per
/// few minutes of continuous typing".
pub const AMEND_WINDOW: Duration = Duration::minutes(5);

/// Why a draft was saved; decides whether the save keeps a revision of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export, rename_all = "snake_case")]
pub enum SaveReason {
    /// The editor's save once the writer stops typing (or leaves the draft).
    Pause,
    /// The editor's save during continuous typing, at most every so often.
    Typing,
    /// The writer asked to save (Ctrl+S), or a draft was made.
    Explicit,
    /// An old revision was made the draft's text again.
    Restore,
    /// The draft was exported: the revision is exactly what left the desk.
    Export,
}

impl SaveReason {
    pub fn as_str(self) -> &'static str {
        match self {
            SaveReason::Pause => "pause",
            SaveReason::Typing => "typing",
            SaveReason::Explicit => "explicit",
            SaveReason::Restore => "restore",
            SaveReason::Export => "export",
        }
    }

    fn from_stored(s: &str) -> rusqlite::Result<SaveReason> {
        Ok(match s {
            "pause" => SaveReason::Pause,
            "typing" => SaveReason::Typing,
            "explicit" => SaveReason::Explicit,
            "restore" => SaveReason::Restore,
            "export" => SaveReason::Export,
            other => {
                return Err(rusqlite::Error::FromSqlConversionFailure(
                    6,
                    rusqlite::types::Type::Text,
                    format!("unknown revision reason {other:?}").into(),
                ));
            }
        })
    }

    fn is_autosave(self) -> bool {
        matches!(self, SaveReason::Pause | SaveReason::Typing)
    }
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
    /// When this text was saved (the last save of an amended autosave revision).
    #[ts(type = "string")]
    pub saved_at: DateTime<Utc>,
    pub actor: String,
    /// Words in the body at this revision, counted when it was saved.
    pub words: u32,
    pub reason: SaveReason,
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

/// Another save came between the revision a save was based on and the save: its text is kept as
/// a revision of its own, and the save is kept after it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SaveConflict {
    /// The newer revision the save did not know about.
    #[ts(type = "number")]
    pub their_revision: i64,
    pub their_actor: String,
    #[ts(type = "string")]
    pub saved_at: DateTime<Utc>,
}

/// What a draft save did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SaveOutcome {
    pub draft: Draft,
    /// The draft's newest revision after the save: the base of the writer's next save.
    #[ts(type = "number")]
    pub revision: i64,
    /// Set when the save was based on an older revision than the desk's newest.
    pub conflict: Option<SaveConflict>,
}

const SUMMARY_COLUMNS: &str = "seq, draft_id, title, saved_at, actor, restored_from, reason, words";

fn summary_from_row(r: &Row<'_>) -> rusqlite::Result<RevisionSummary> {
    Ok(RevisionSummary {
        seq: r.get(0)?,
        draft_id: r.get(1)?,
        title: r.get(2)?,
        saved_at: parse_timestamp(&r.get::<_, String>(3)?)?,
        actor: r.get(4)?,
        restored_from: r.get(5)?,
        reason: SaveReason::from_stored(&r.get::<_, String>(6)?)?,
        words: r.get(7)?,
    })
}

/// The newest revision of a draft, as far as saving needs it.
pub(crate) struct Newest {
    pub seq: i64,
    actor: String,
    reason: SaveReason,
    started_at: DateTime<Utc>,
    saved_at: DateTime<Utc>,
    base: Option<i64>,
    chain: i64,
    bytes: i64,
}

pub(crate) fn newest(db: &Db<'_>, draft_id: &str) -> Result<Option<Newest>> {
    db.prepare_cached(
        "SELECT seq, actor, reason, started_at, saved_at, base, chain, bytes
             FROM draft_revisions WHERE draft_id = ?1 ORDER BY seq DESC LIMIT 1",
    )?
    .query_row(params![draft_id], |r| {
        let saved_at = parse_timestamp(&r.get::<_, String>(4)?)?;
        Ok(Newest {
            seq: r.get(0)?,
            actor: r.get(1)?,
            reason: SaveReason::from_stored(&r.get::<_, String>(2)?)?,
            started_at: match r.get::<_, Option<String>>(3)? {
                Some(t) => parse_timestamp(&t)?,
                None => saved_at,
            },
            saved_at,
            base: r.get(5)?,
            chain: r.get(6)?,
            bytes: r.get(7)?,
        })
    })
    .optional()
}

/// Whether a save based on `base` (`None`: the caller does not say) would overwrite a text it
/// did not see: another save came after its base and left a text other than the base's
/// (`current`). A later revision with the same text (an export, a restore of the base) is no
/// conflict. A base newer than the newest revision is not one this desk gave out.
pub(crate) fn conflict(
    conn: &Db<'_>,
    current: &Draft,
    newest: Option<&Newest>,
    base: Option<i64>,
) -> Result<Option<SaveConflict>> {
    let (Some(newest), Some(base)) = (newest, base) else {
        return Ok(None);
    };
    if base > newest.seq {
        return Err(CoreError::invalid(
            "base_revision",
            format!(
                "revision {base} is not a revision of this draft (its newest is {})",
                newest.seq
            ),
        ));
    }
    if base == newest.seq {
        return Ok(None);
    }
    // An amended autosave's old seq is gone: its text may be anything, so it differs.
    let same = match read(conn, &current.id, base) {
        Ok(seen) => seen.summary.title == current.title && seen.body == current.body,
        Err(CoreError::NotFound { .. }) => false,
        Err(e) => return Err(e),
    };
    Ok((!same).then(|| SaveConflict {
        their_revision: newest.seq,
        their_actor: newest.actor.clone(),
        saved_at: newest.saved_at,
    }))
}

/// How the next revision of a draft is saved.
pub(crate) struct Keep<'a> {
    pub reason: SaveReason,
    pub restored_from: Option<i64>,
    /// False when the save conflicted: the other text must stay as it is.
    pub may_amend: bool,
    /// The draft's body before this save (the newest revision's body), the delta's dictionary.
    pub previous_body: Option<&'a str>,
}

/// Keeps `title` and `body`, just written to the draft, as its newest revision; returns its seq.
pub(crate) fn keep(
    w: &Write<'_>,
    draft_id: &str,
    title: &str,
    body: &str,
    how: Keep<'_>,
) -> Result<i64> {
    let newest = newest(&w.db, draft_id)?;
    let amend = newest.as_ref().filter(|n| {
        how.may_amend
            && how.reason.is_autosave()
            && n.reason == SaveReason::Typing
            && n.actor == w.actor
            && w.now - n.started_at < AMEND_WINDOW
    });
    let (base, chain, dictionary, started_at) = match (amend, &newest) {
        (Some(n), _) => {
            // The amended revision is the newest, so no other revision is a delta on it.
            let dictionary = n.base.map(|b| body_of(&w.db, b)).transpose()?;
            w.db.execute("DELETE FROM draft_revisions WHERE seq = ?1", params![n.seq])?;
            (n.base, n.chain, dictionary, n.started_at)
        }
        (None, Some(n))
            if n.chain + 1 < KEYFRAME_EVERY
                && how.previous_body.map(str::len) == usize::try_from(n.bytes).ok() =>
        {
            let dictionary = how.previous_body.map(str::to_string);
            (Some(n.seq), n.chain + 1, dictionary, w.now)
        }
        _ => (None, 0, None, w.now),
    };
    let packed = packing::pack(body, dictionary.as_deref())?;
    // RETURNING, not last_insert_rowid: one statement on both engines.
    w.db.query_row(
        "INSERT INTO draft_revisions
            (draft_id, title, saved_at, actor, restored_from, reason, started_at, words, bytes,
             base, chain, packed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
         RETURNING seq",
        params![
            draft_id,
            title,
            timestamp(w.now),
            w.actor,
            how.restored_from,
            how.reason.as_str(),
            timestamp(started_at),
            body.split_whitespace().count() as i64,
            body.len() as i64,
            base,
            chain,
            packed,
        ],
        |r| r.get(0),
    )
}

/// The body of revision `seq`: its keyframe, then each delta on the way to it.
fn body_of(conn: &Db<'_>, seq: i64) -> Result<String> {
    let mut stmt =
        conn.prepare_cached("SELECT base, packed, bytes FROM draft_revisions WHERE seq = ?1")?;
    let mut frames: Vec<(Vec<u8>, usize)> = Vec::new();
    let mut next = Some(seq);
    while let Some(at) = next {
        if frames.len() > KEYFRAME_EVERY as usize * 4 {
            // Older desks may have been written with a longer chain, never this long.
            return Err(CoreError::Internal(format!(
                "revision {seq}'s text is stored as a chain that does not end"
            )));
        }
        let (base, packed, bytes): (Option<i64>, Vec<u8>, i64) = stmt
            .query_row(params![at], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(|e| match e {
                CoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows) => {
                    CoreError::Internal(format!("revision {seq} is stored on a missing revision"))
                }
                e => e,
            })?;
        frames.push((packed, usize::try_from(bytes).unwrap_or(0)));
        next = base;
    }
    let mut body: Option<String> = None;
    for (packed, bytes) in frames.into_iter().rev() {
        body = Some(packing::unpack(&packed, body.as_deref(), bytes)?);
    }
    body.ok_or_else(|| CoreError::Internal(format!("revision {seq} has no text")))
}

fn read(conn: &Db<'_>, draft_id: &str, seq: i64) -> Result<Revision> {
    let summary = conn
        .prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS} FROM draft_revisions WHERE draft_id = ?1 AND seq = ?2"
        ))?
        .query_row(params![draft_id, seq], summary_from_row)
        .map_err(|e| match e {
            CoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows) => CoreError::NotFound {
                kind: "revision",
                field: "revision".into(),
                id: seq.to_string(),
            },
            e => e,
        })?;
    let body = body_of(conn, seq)?;
    Ok(Revision { summary, body })
}

/// Keeps the draft as it is now as a revision of `reason`, unless the newest revision already
/// is one of that reason with this text.
fn keep_current(w: &Write<'_>, draft_id: &str, reason: SaveReason) -> Result<i64> {
    drafts::lock(&w.db, draft_id)?;
    let draft = drafts::get_db(&w.db, draft_id)?;
    if let Some(n) = newest(&w.db, draft_id)?
        && n.reason == reason
    {
        return Ok(n.seq);
    }
    keep(
        w,
        draft_id,
        &draft.title,
        &draft.body,
        Keep {
            reason,
            restored_from: None,
            may_amend: false,
            previous_body: Some(&draft.body),
        },
    )
}

impl Desk {
    /// Every revision of a draft, newest first. Reads no bodies.
    pub fn draft_revisions(&self, id: &str) -> Result<Vec<RevisionSummary>> {
        self.read(|db| {
            let id = resolve_in(db, RecordKind::Draft, "draft", id)?;
            db.query_all(
                &format!(
                    "SELECT {SUMMARY_COLUMNS} FROM draft_revisions WHERE draft_id = ?1
                     ORDER BY seq DESC"
                ),
                params![id],
                summary_from_row,
            )
        })
    }

    /// One revision of a draft with its text.
    pub fn draft_revision(&self, id: &str, seq: i64) -> Result<Revision> {
        self.read(|db| {
            let id = resolve_in(db, RecordKind::Draft, "draft", id)?;
            read(db, &id, seq)
        })
    }

    /// Makes an old revision the draft's current text; the restore is itself a new revision.
    /// Restoring the text the draft already has changes nothing.
    pub fn restore_revision(&mut self, id: &str, seq: i64) -> Result<Draft> {
        self.write(|w| {
            let id = resolve_in(&w.db, RecordKind::Draft, "draft", id)?;
            drafts::lock(&w.db, &id)?;
            let old = read(&w.db, &id, seq)?;
            let current = drafts::get_db(&w.db, &id)?;
            if current.title == old.summary.title && current.body == old.body {
                return Ok(current);
            }
            drafts::save(w, &id, &old.summary.title, &old.body)?;
            keep(
                w,
                &id,
                &old.summary.title,
                &old.body,
                Keep {
                    reason: SaveReason::Restore,
                    restored_from: Some(seq),
                    may_amend: false,
                    previous_body: Some(&current.body),
                },
            )?;
            drafts::get_db(&w.db, &id)
        })
    }

    /// Records that the draft was exported as it is now: its text becomes an `export` revision,
    /// which no autosave amends. Exporting the same text again adds nothing. Returns the
    /// revision's seq. Export paths call this once the export is written.
    pub fn mark_exported(&mut self, id: &str) -> Result<i64> {
        self.write(|w| {
            let id = resolve_in(&w.db, RecordKind::Draft, "draft", id)?;
            keep_current(w, &id, SaveReason::Export)
        })
    }
}

/// The one-time step of the `REVISION_STORAGE` migration: packs every revision a desk kept as
/// plain text (in its `body` column) the way new ones are packed, then drops that column.
pub(crate) fn convert_plain_bodies(
    tx: &rusqlite::Transaction<'_>,
) -> rusqlite_migration::HookResult {
    let hook = |e: CoreError| rusqlite_migration::HookError::Hook(e.to_string());
    let rows: Vec<(i64, String, String)> = tx
        .prepare("SELECT seq, draft_id, body FROM draft_revisions ORDER BY draft_id, seq")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut update = tx.prepare(
        "UPDATE draft_revisions SET words = ?2, bytes = ?3, base = ?4, chain = ?5, packed = ?6,
            started_at = saved_at
         WHERE seq = ?1",
    )?;
    let mut previous: Option<(&str, i64, &str, i64)> = None; // draft, seq, body, chain
    for (seq, draft_id, body) in &rows {
        let (base, chain, dictionary) = match previous {
            Some((d, s, b, c)) if d == draft_id && c + 1 < KEYFRAME_EVERY => {
                (Some(s), c + 1, Some(b))
            }
            _ => (None, 0, None),
        };
        let packed = packing::pack(body, dictionary).map_err(hook)?;
        update.execute(params![
            seq,
            body.split_whitespace().count() as i64,
            body.len() as i64,
            base,
            chain,
            packed
        ])?;
        previous = Some((draft_id, *seq, body, chain));
    }
    drop(update);
    tx.execute_batch("ALTER TABLE draft_revisions DROP COLUMN body;")?;
    Ok(())
}
