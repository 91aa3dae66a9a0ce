//! The desk: one SQLite file holding every source, claim, piece of evidence and draft. This module
//! owns opening (only a Factdesk desk is ever opened; only `create` makes one), the connection
//! set-up and the write path: every change runs in one immediate transaction together with its
//! audit rows, so a failed command leaves the desk exactly as it was, and nothing is written
//! into a desk found damaged.

use std::cell::RefCell;
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::backup;
use crate::clock::{Clock, SystemClock};
use crate::db::{self, Db};
use crate::error::{CoreError, Result};
use crate::migrations;
use crate::storage::{self, StorageKind};

/// The app's identifier; the default desk lives in the OS data directory under this name, where the
/// desktop app (tauri.conf.json `identifier`) and the CLI both look for it.
pub const APP_IDENTIFIER: &str = "org.factdesk.desk";

/// File name of a desk inside the app's data directory.
pub const DEFAULT_FILE_NAME: &str = "factdesk.sqlite";

/// Who is recorded in the history when nobody has said.
pub const DEFAULT_ACTOR: &str = "local";

/// `PRAGMA application_id` of every desk: the ASCII bytes "FDSK" (0x4644534B), stored at offset
/// 68 of the SQLite header. It is how Factdesk tells its desks from other programs' SQLite
/// files (which it refuses to open, let alone migrate). Desks made before the id existed
/// (application id 0, Factdesk's tables, `user_version` at least 1) are adopted on open.
pub const APPLICATION_ID: i32 = 0x4644_534B;

/// How long a command waits for another connection to release the desk.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The tables whose presence marks a desk made before [`APPLICATION_ID`].
const DESK_TABLES: [&str; 4] = ["sources", "claims", "drafts", "history"];

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

pub struct Desk {
    store: Store,
    clock: Box<dyn Clock>,
    actor: String,
    path: Option<PathBuf>,
    /// When this session last probed the desk's integrity (and took the automatic backup if one
    /// was due); see [`Desk::write`].
    probed_at: Option<DateTime<Utc>>,
    /// Set once the desk is found damaged: no further write is tried.
    damaged: Option<String>,
}

/// Where a desk's records live: a desk file, or a team desk's PostgreSQL session (issue 12).
/// The session sits in a `RefCell` because reads take `&Desk` as a file's do, while a
/// PostgreSQL transaction needs the session mutably; reads never nest, so it is borrowed once.
enum Store {
    File(Connection),
    Team(Box<RefCell<db::postgres::Session>>),
}

/// What a write sees: its transaction on either engine (`db`), the one "now" of the operation
/// and who is acting. On a team desk `actor` is the login, and the database stamps it anyway.
pub struct Write<'a> {
    pub db: Db<'a>,
    /// The desk file's transaction, for code not yet ported to the seam (see [`Write::sqlite`]).
    tx: Option<&'a Transaction<'a>>,
    pub now: DateTime<Utc>,
    pub actor: &'a str,
}

impl<'a> Write<'a> {
    /// The desk file's transaction, for `operation`, which runs on desk files only; on a team
    /// desk it is refused (`NotOnTeamDesk`) and the write rolls back.
    pub fn sqlite(&self, operation: &str) -> Result<&'a Transaction<'a>> {
        self.tx.ok_or_else(|| CoreError::NotOnTeamDesk {
            operation: operation.to_string(),
        })
    }

    /// A write on a desk file's transaction `tx` (dry runs that roll back what they wrote).
    pub(crate) fn on_file(
        tx: &'a Transaction<'a>,
        now: DateTime<Utc>,
        actor: &'a str,
    ) -> Write<'a> {
        Write {
            db: Db::sqlite(tx),
            tx: Some(tx),
            now,
            actor,
        }
    }
}

/// What is at a desk path before anything opens it.
enum Found {
    Missing,
    Empty,
    NotSqlite,
    Sqlite,
}

fn found(path: &Path) -> Result<Found> {
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Found::Missing),
        Err(source) => {
            return Err(CoreError::Io {
                path: path.display().to_string(),
                source,
            });
        }
    };
    let mut head = [0u8; 16];
    let mut read = 0;
    while read < head.len() {
        match file.read(&mut head[read..]) {
            Ok(0) => break,
            Ok(n) => read += n,
            Err(source) => {
                return Err(CoreError::Io {
                    path: path.display().to_string(),
                    source,
                });
            }
        }
    }
    Ok(match read {
        0 => Found::Empty,
        16 if &head == SQLITE_MAGIC => Found::Sqlite,
        _ => Found::NotSqlite,
    })
}

fn not_a_desk(path: &Path, reason: impl Into<String>) -> CoreError {
    CoreError::NotADesk {
        path: path.display().to_string(),
        reason: reason.into(),
    }
}

/// Whether the database on `conn` is a Factdesk desk: it carries [`APPLICATION_ID`], or it is
/// a desk made before the id (id 0, Factdesk's tables, a schema version). Reads only.
pub(crate) fn identify(conn: &Connection) -> rusqlite::Result<bool> {
    let id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
    if id == APPLICATION_ID {
        return Ok(true);
    }
    if id != 0 {
        return Ok(false);
    }
    let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN (?1, ?2, ?3, ?4)",
        DESK_TABLES,
        |r| r.get(0),
    )?;
    Ok(version >= 1 && tables == DESK_TABLES.len() as i64)
}

impl Desk {
    /// Opens the existing desk at `path` and brings its schema up to date (after a backup, when
    /// a migration is pending). Refuses, naming the file and writing nothing, a missing or empty
    /// file and any file that is not a Factdesk desk.
    pub fn open(path: impl AsRef<Path>) -> Result<Desk> {
        let path = path.as_ref();
        match found(path)? {
            Found::Missing => Err(not_a_desk(
                path,
                "it does not exist; create it with `factdesk init`",
            )),
            Found::Empty => Err(not_a_desk(
                path,
                "it is an empty file; `factdesk init` makes a desk of it",
            )),
            Found::NotSqlite => Err(not_a_desk(
                path,
                format!("it is not an SQLite database{}", storage::hint_for(path)),
            )),
            Found::Sqlite => Desk::open_existing(path),
        }
    }

    /// Makes a new desk at `path` (with its folders) when nothing or an empty file is there;
    /// opens it when it is already a desk. Anything else is refused, untouched. Only `init` and
    /// the app's first start call this.
    pub fn create(path: impl AsRef<Path>) -> Result<Desk> {
        let path = path.as_ref();
        match found(path)? {
            Found::Missing | Found::Empty => {
                if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                    std::fs::create_dir_all(dir).map_err(|source| CoreError::Io {
                        path: dir.display().to_string(),
                        source,
                    })?;
                }
                let conn =
                    Connection::open(path).map_err(|e| storage::at_desk(e.into(), Some(path)))?;
                // Marked before the schema goes in, so a desk whose `init` was killed midway is
                // still known as ours and completed on the next open.
                conn.pragma_update(None, "application_id", APPLICATION_ID)
                    .map_err(|e| storage::at_desk(e.into(), Some(path)))?;
                Desk::from_connection(conn, Some(path.to_path_buf()))
            }
            Found::NotSqlite => Err(not_a_desk(
                path,
                format!(
                    "it is not an SQLite database; Factdesk makes a desk only of a missing or \
                     empty file{}",
                    storage::hint_for(path)
                ),
            )),
            Found::Sqlite => Desk::open_existing(path),
        }
    }

    fn open_existing(path: &Path) -> Result<Desk> {
        let at = |e: rusqlite::Error| storage::at_desk(e.into(), Some(path));
        // No SQLITE_OPEN_CREATE: a file removed meanwhile must not come back empty.
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(at)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(at)?;
        if !identify(&conn).map_err(at)? {
            return Err(not_a_desk(
                path,
                "it is another program's SQLite database; Factdesk leaves it alone",
            ));
        }
        Desk::from_connection(conn, Some(path.to_path_buf()))
            .map_err(|e| storage::at_desk(e, Some(path)))
    }

    /// A desk that lives only in memory (tests, benchmarks, dry runs).
    pub fn open_in_memory() -> Result<Desk> {
        let conn = Connection::open_in_memory()?;
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        Desk::from_connection(conn, None)
    }

    fn from_connection(mut conn: Connection, path: Option<PathBuf>) -> Result<Desk> {
        configure(&conn)?;
        let clock = SystemClock;
        let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if let Some(path) = &path
            && found >= 1
            && found < migrations::latest_version()
        {
            // A migration is pending on a desk that holds data: keep a copy first.
            backup::take(&conn, path, clock.now(), &crate::progress::Silent)?;
        }
        let id: i32 = conn.pragma_query_value(None, "application_id", |r| r.get(0))?;
        if id != APPLICATION_ID && found <= migrations::latest_version() {
            // A desk from before the application id: adopt it.
            conn.pragma_update(None, "application_id", APPLICATION_ID)?;
        }
        migrations::apply(&mut conn, &migrations::all(), migrations::latest_version())?;
        Ok(Desk {
            store: Store::File(conn),
            clock: Box::new(clock),
            actor: DEFAULT_ACTOR.to_string(),
            path,
            probed_at: None,
            damaged: None,
        })
    }

    /// Opens the team desk at `url` (`postgres://…`, made by `factdesk team init`). Its actor is
    /// the login the URL connects as, which the database stamps on what it attributes.
    pub fn open_team(url: &str) -> Result<Desk> {
        let mut session = db::postgres::Session::connect(url)?;
        let login = session.login()?;
        Ok(Desk {
            store: Store::Team(Box::new(RefCell::new(session))),
            clock: Box::new(SystemClock),
            actor: login,
            path: None,
            probed_at: None,
            damaged: None,
        })
    }

    /// Opens `desk`: a team desk when it is a `postgres://` URL, else the desk file at that path.
    pub fn open_any(desk: &str) -> Result<Desk> {
        if crate::team::is_url(desk) {
            Desk::open_team(desk)
        } else {
            Desk::open(desk)
        }
    }

    /// Whether this is a team desk (PostgreSQL) rather than a desk file.
    pub fn is_team(&self) -> bool {
        matches!(self.store, Store::Team(_))
    }

    /// The desk file's connection for `operation`, which runs on desk files only; a team desk
    /// refuses it with `NotOnTeamDesk` naming the operation.
    pub fn file(&self, operation: &str) -> Result<&Connection> {
        match &self.store {
            Store::File(conn) => Ok(conn),
            Store::Team(_) => Err(CoreError::NotOnTeamDesk {
                operation: operation.to_string(),
            }),
        }
    }

    /// Runs `f` on the desk's records through the storage seam, on either engine. On a team
    /// desk `f` sees one snapshot (a read-only repeatable-read transaction).
    pub fn read<T>(&self, f: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        match &self.store {
            Store::File(conn) => f(&Db::sqlite(conn)),
            Store::Team(session) => session
                .try_borrow_mut()
                .map_err(|_| CoreError::Internal("a team desk read ran inside another".into()))?
                .read(f),
        }
    }

    /// [`Desk::read`] for `f` that reads with one statement (a page of a list, a count): on a
    /// team desk it runs without an explicit transaction, one round trip instead of three
    /// (`Session::read_one`), and a second statement is refused.
    pub fn read_one<T>(&self, f: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        match &self.store {
            Store::File(conn) => f(&Db::sqlite(conn)),
            Store::Team(session) => session
                .try_borrow_mut()
                .map_err(|_| CoreError::Internal("a team desk read ran inside another".into()))?
                .read_one(f),
        }
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
        if self.is_team() {
            // The team desk records the login; a typed name must not pass for someone else.
            let typed = crate::validate::actor("as", actor)?;
            return match typed {
                Some(name) if name != self.actor => Err(CoreError::invalid(
                    "as",
                    format!(
                        "a team desk records who is logged in ({}), not a typed name; drop --as \
                         or connect as {name}",
                        self.actor
                    ),
                )),
                _ => Ok(()),
            };
        }
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
        self.read(|db| {
            db.query_row(
                "SELECT NOT EXISTS (SELECT 1 FROM sources) AND NOT EXISTS (SELECT 1 FROM claims)
                    AND NOT EXISTS (SELECT 1 FROM drafts)",
                &[],
                |r| r.get(0),
            )
        })
    }

    /// The desk file's connection, for queries not ported to the storage seam; a team desk
    /// refuses (see [`Desk::file`]).
    pub fn conn(&self) -> Result<&Connection> {
        self.file("reading the desk file directly")
    }

    /// Runs `f` in one immediate transaction; commits only if it returns `Ok`. The first write
    /// of a session (and again after an hour) probes the desk (see `before_write`) and takes
    /// the automatic backup when the newest is an hour old; a damaged desk is never written.
    /// Every SQLite error comes back naming the desk (see `storage.rs`).
    pub fn write<T>(&mut self, f: impl FnOnce(&Write<'_>) -> Result<T>) -> Result<T> {
        let now = self.clock.now();
        if let Store::Team(session) = &mut self.store {
            let session = session.get_mut();
            let actor = &self.actor;
            let out = (|| {
                let db = session.begin()?;
                let w = Write {
                    db,
                    tx: None,
                    now,
                    actor,
                };
                let out = f(&w)?;
                db::postgres::commit(w.db)?;
                Ok(out)
            })();
            return session.settle(out);
        }
        self.before_write()?;
        let result = (|| {
            let Store::File(conn) = &mut self.store else {
                return Err(CoreError::Internal(
                    "a desk file lost its connection".into(),
                ));
            };
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let out = f(&Write {
                db: Db::sqlite(&tx),
                tx: Some(&tx),
                now,
                actor: &self.actor,
            })?;
            tx.commit()?;
            Ok(out)
        })();
        result.map_err(|e| self.storage_error(e))
    }

    /// Runs `f` as [`Desk::write`] would and rolls back whatever it wrote, on either engine: a
    /// dry run shows exactly what the write would record and keeps nothing.
    pub(crate) fn dry_run<T>(&mut self, f: impl FnOnce(&Write<'_>) -> Result<T>) -> Result<T> {
        let now = self.clock.now();
        let actor = self.actor.clone();
        match &mut self.store {
            Store::Team(session) => {
                let session = session.get_mut();
                let out = (|| {
                    let db = session.begin()?;
                    let w = Write {
                        db,
                        tx: None,
                        now,
                        actor: &actor,
                    };
                    // Dropped uncommitted: PostgreSQL rolls the transaction back.
                    f(&w)
                })();
                session.settle(out)
            }
            Store::File(conn) => {
                let tx = conn.transaction()?;
                let out = f(&Write::on_file(&tx, now, &actor));
                tx.rollback()?;
                out
            }
        }
    }

    /// Swaps this session's clock and actor with `other`'s: the generator writes a temporary
    /// desk as this session would, then swaps them back.
    pub(crate) fn swap_session(&mut self, other: &mut Desk) {
        std::mem::swap(&mut self.clock, &mut other.clock);
        std::mem::swap(&mut self.actor, &mut other.actor);
    }

    /// Opens the file at this desk's path again, for when it was replaced whole (by the
    /// generator's rename): the old connection still reads the file that was replaced.
    pub(crate) fn reopen(&mut self) -> Result<()> {
        if let Some(path) = self.path.clone() {
            self.store = Desk::open(&path)?.store;
            self.probed_at = None;
            self.damaged = None;
        }
        Ok(())
    }

    /// Replaces this desk by the backup `from` (see [`backup::restore`]) and opens the result
    /// with the same clock and actor. The connection is closed first, so a desk file replaced
    /// whole (when too damaged for SQLite to write into) is not written through a stale handle.
    pub fn restore_from(self, from: &Path) -> Result<(Desk, backup::Restored)> {
        self.restore_from_with(from, &crate::progress::Silent)
    }

    /// [`Desk::restore_from`], reporting to `progress` (see [`backup::restore_with`]).
    pub fn restore_from_with(
        self,
        from: &Path,
        progress: &dyn crate::progress::Progress,
    ) -> Result<(Desk, backup::Restored)> {
        let Desk {
            store,
            clock,
            actor,
            path,
            ..
        } = self;
        let Some(path) = path else {
            return Err(CoreError::invalid(
                "desk",
                "an in-memory desk has no backups",
            ));
        };
        if matches!(store, Store::Team(_)) {
            return Err(CoreError::NotOnTeamDesk {
                operation: "restoring a backup".into(),
            });
        }
        drop(store);
        let restored = backup::restore_with(&path, from, clock.as_ref(), progress)?;
        let mut desk = Desk::open(&path)?;
        desk.clock = clock;
        desk.actor = actor;
        Ok((desk, restored))
    }

    /// Names the desk in a SQLite error and remembers a damaged desk, so that no later write
    /// of this session tries it again.
    pub fn storage_error(&mut self, e: CoreError) -> CoreError {
        let e = storage::at_desk(e, self.path.as_deref());
        if let CoreError::Storage {
            kind: StorageKind::Corrupt,
            detail,
            ..
        } = &e
        {
            self.damaged = Some(detail.clone());
        }
        e
    }

    /// The probe and backup of [`Desk::write`]. What runs when:
    ///
    /// - every session's first write (and again after an hour): the root probe
    ///   ([`backup::root_probe`]: the root page and first leaf of every table and index; about
    ///   1 ms at 100k and 1M claims, README "Backups");
    /// - when the newest backup is an hour old: the verified backup, a page-for-page copy checked
    ///   with the full `PRAGMA quick_check` (every page: 0.2 s at 100k claims, several seconds
    ///   at 1M); a copy that fails sends us to `quick_check` the desk itself;
    /// - every write: SQLite refuses a damaged page the write touches, which stops it too.
    ///
    /// NOTE: "opened for writing" is the first write of a session, not the open: the CLI opens
    /// the desk for every command, reads included, and a read must cost neither a probe nor a
    /// copy of the desk. The full `quick_check` is not run per session: it reads every page, so
    /// the cost of a one-claim write would grow with the desk (0.36 s at 100k claims).
    fn before_write(&mut self) -> Result<()> {
        let Some(path) = self.path.clone() else {
            return Ok(());
        };
        if let Some(detail) = &self.damaged {
            return Err(storage::error(&path, StorageKind::Corrupt, detail.clone()));
        }
        let now = self.clock.now();
        if self
            .probed_at
            .is_some_and(|t| now - t < backup::AUTO_INTERVAL)
        {
            return Ok(());
        }
        let problem = backup::root_probe(self.file("the integrity probe")?)
            .map_err(|e| self.storage_error(e.into()))?;
        self.refuse_if(&path, problem)?;
        if backup::due(&path, now)?
            && !self.is_empty().map_err(|e| self.storage_error(e))?
            && let Err(e) = backup::take(self.file("backup")?, &path, now, &crate::progress::Silent)
        {
            // The copy failed: find out whether the desk itself is damaged before saying so.
            let problem = backup::quick_check(self.file("backup")?)
                .map_err(|e| self.storage_error(e.into()))?;
            self.refuse_if(&path, problem)?;
            return Err(e);
        }
        self.probed_at = Some(now);
        Ok(())
    }

    /// Remembers and refuses a desk a probe found damaged.
    fn refuse_if(&mut self, path: &Path, problem: Option<String>) -> Result<()> {
        if let Some(problem) = problem {
            self.damaged = Some(problem.clone());
            return Err(storage::error(path, StorageKind::Corrupt, problem));
        }
        Ok(())
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
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // In-memory databases answer "memory" here; that is fine.
    let _mode: String =
        conn.pragma_update_and_check(None, "journal_mode", "DELETE", |r| r.get(0))?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    // 16 MiB of page cache (SQLite's default is 2 MiB), filled only as pages are read: a search
    // of a 1M-claim desk walks the claims' and the sources' trigram lists in turn, and at 2 MiB
    // each kind's pages pushed out the other's, read again from the OS on every search (8 ms
    // instead of 3 at 1M claims).
    conn.pragma_update(None, "cache_size", -16 * 1024)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_desk_is_at_the_latest_schema_with_foreign_keys_on() {
        let desk = Desk::open_in_memory().unwrap();
        let version: i64 = desk
            .conn()
            .unwrap()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        let fk: i64 = desk
            .conn()
            .unwrap()
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert_eq!(version, migrations::latest_version());
        assert_eq!(fk, 1, "foreign keys must be enforced");
    }

    #[test]
    fn file_desk_uses_a_rollback_journal_and_reopens() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/desk.sqlite");
        drop(Desk::create(&path).unwrap());
        let desk = Desk::open(&path).unwrap();
        let mode: String = desk
            .conn()
            .unwrap()
            .pragma_query_value(None, "journal_mode", |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "delete", "see configure() for why not WAL");
    }

    #[test]
    fn a_desk_newer_than_the_binary_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("future.sqlite");
        drop(Desk::create(&path).unwrap());
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
