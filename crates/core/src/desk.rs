//! The desk: one SQLite file holding every source, claim, piece of evidence and draft. This module
//! owns the connection set-up and the write path: every change runs in one immediate transaction
//! together with its audit rows, so a failed command leaves the desk exactly as it was.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::clock::{Clock, SystemClock};
use crate::error::{CoreError, Result};
use crate::migrations;

/// The app's identifier; the default desk lives in the OS data directory under this name, where the
/// desktop app (tauri.conf.json `identifier`) and the CLI both look for it.
pub const APP_IDENTIFIER: &str = "org.factdesk.desk";

/// File name of a desk inside the app's data directory.
pub const DEFAULT_FILE_NAME: &str = "factdesk.sqlite";

/// Who is recorded in the history when nobody has said.
pub const DEFAULT_ACTOR: &str = "local";

pub struct Desk {
    pub(crate) conn: Connection,
    clock: Box<dyn Clock>,
    actor: String,
    path: Option<PathBuf>,
}

/// What a write sees: its transaction, the one "now" of the operation and who is acting.
pub struct Write<'a> {
    pub tx: &'a Transaction<'a>,
    pub now: DateTime<Utc>,
    pub actor: &'a str,
}

impl Desk {
    /// Opens (creating if needed) the desk file at `path` and brings its schema up to date.
    pub fn open(path: impl AsRef<Path>) -> Result<Desk> {
        let path = path.as_ref();
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| CoreError::Io {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let conn = Connection::open(path)?;
        Desk::from_connection(conn, Some(path.to_path_buf()))
    }

    /// A desk that lives only in memory (tests, benchmarks, dry runs).
    pub fn open_in_memory() -> Result<Desk> {
        Desk::from_connection(Connection::open_in_memory()?, None)
    }

    fn from_connection(mut conn: Connection, path: Option<PathBuf>) -> Result<Desk> {
        configure(&conn)?;
        migrations::apply(&mut conn, &migrations::all(), migrations::latest_version())?;
        Ok(Desk {
            conn,
            clock: Box::new(SystemClock),
            actor: DEFAULT_ACTOR.to_string(),
            path,
        })
    }

    /// Replaces the clock (tests and reproducible samples pin time with it).
    pub fn with_clock(mut self, clock: impl Clock + 'static) -> Desk {
        self.clock = Box::new(clock);
        self
    }

    /// Sets who the history records as making the following changes; blank means
    /// [`DEFAULT_ACTOR`]. The history keeps names for ever and prints them as they are, so a name
    /// must be one short plain line (see [`crate::validate::actor`]); the error names `as`.
    pub fn set_actor(&mut self, actor: &str) -> Result<()> {
        self.actor = crate::validate::actor("as", actor)?.unwrap_or_else(|| DEFAULT_ACTOR.into());
        Ok(())
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The file behind this desk, or `None` for an in-memory desk.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// True when the desk holds no source, claim or draft.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM sources) AND NOT EXISTS (SELECT 1 FROM claims)
                AND NOT EXISTS (SELECT 1 FROM drafts)",
            [],
            |r| r.get(0),
        )?)
    }

    /// Read access for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one immediate transaction; commits only if it returns `Ok`.
    pub fn write<T>(&mut self, f: impl FnOnce(&Write<'_>) -> Result<T>) -> Result<T> {
        let now = self.clock.now();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&Write {
            tx: &tx,
            now,
            actor: &self.actor,
        })?;
        tx.commit()?;
        Ok(out)
    }
}

/// The one place a connection is configured: a rollback journal, foreign keys, and a busy
/// timeout so the CLI and the app can share a desk.
///
/// NOTE: not WAL. A WAL desk keeps a lock on its `-shm` file for as long as it is open, and POSIX
/// drops every lock a process holds on a file when any part of that process closes the file:
/// GTK's file chooser does, reading each file of a folder it lists. The CLI then took itself for
/// the last user of the desk, checkpointed and deleted the WAL under the app, and the app's later
/// writes were lost (tests/cli/sharing.rs). A rollback journal holds locks only for the
/// milliseconds of a transaction, and one writer at a time is all a desk needs.
fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // In-memory databases answer "memory" here; that is fine.
    let _mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_desk_is_at_the_latest_schema_with_foreign_keys_on() {
        let desk = Desk::open_in_memory().unwrap();
        let version: i64 = desk
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        let fk: i64 = desk
            .conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert_eq!(version, migrations::latest_version());
        assert_eq!(fk, 1, "foreign keys must be enforced");
    }

    #[test]
    fn file_desk_uses_a_rollback_journal_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/desk.sqlite");
        drop(Desk::open(&path).unwrap());
        let desk = Desk::open(&path).unwrap();
        let mode: String = desk
            .conn
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "delete", "see configure() for why not WAL");
    }

    #[test]
    fn a_desk_newer_than_the_binary_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("future.sqlite");
        drop(Desk::open(&path).unwrap());
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
        drop(conn);
        let err = Desk::open(&path)
            .err()
            .expect("a newer desk must be refused");
        assert!(
            matches!(err, CoreError::DeskTooNew { found: 999, .. }),
            "{err}"
        );
        assert!(err.to_string().contains("update Factdesk"), "{err}");
    }
}
