//! Backups of a desk and restoring one. Owns the `backups/` folder beside the desk:
//! `<desk dir>/backups/<desk stem>-<UTC time>.sqlite`, the time read back from the name (so a
//! pinned clock pins it too).
//!
//! Invariants:
//! - A backup counts only once `PRAGMA quick_check` passed on the copy: it is written under a
//!   temporary name, checked, then renamed into place; a copy that fails is deleted and the
//!   failure returned. So every `.sqlite` file in the folder is a good backup.
//! - The folder keeps the [`KEEP_RECENT`] newest backups and the newest of each of the last
//!   [`KEEP_DAILY`] days that have one; older ones are deleted after each new backup.
//! - A restore first copies the desk it replaces (or, when that desk is too damaged to copy
//!   through SQLite, keeps its bytes as `<stem>-<time>.damaged`), and replaces the desk through
//!   SQLite's online backup API inside one write transaction, so a restore killed midway leaves
//!   the old desk (its rollback journal undoes the partial copy).

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use crate::clock::Clock;
use crate::desk::{self, BUSY_TIMEOUT, Desk};
use crate::error::{CoreError, Result};
use crate::progress::{self, Progress, Silent};
use crate::storage;

/// The folder beside the desk that holds its backups.
pub const FOLDER: &str = "backups";
/// How many of the newest backups are always kept (the automatic ones are at most hourly).
pub const KEEP_RECENT: usize = 10;
/// For how many of the most recent days that have a backup the newest of the day is kept.
pub const KEEP_DAILY: usize = 7;
/// The automatic backup is taken at the first write once the newest is at least this old.
pub const AUTO_INTERVAL: TimeDelta = TimeDelta::hours(1);

/// Pages a backup copies between two reports (1 MB of 4 KB pages): often enough to show
/// progress and to cancel, few enough that reporting costs nothing.
const PAGES_PER_STEP: std::os::raw::c_int = 256;

/// The stages of a backup and a restore, as the progress bar shows them.
const COPYING: &str = "Copying the desk";
const CHECKING_COPY: &str = "Checking the copy";
const CHECKING_BACKUP: &str = "Checking the backup";
const BACKING_UP: &str = "Backing up the current desk";
const RESTORING: &str = "Restoring";

const TIME_FORMAT: &str = "%Y-%m-%dT%H-%M-%SZ";
/// `2025-05-20T09-30-00Z`.
const TIME_LEN: usize = 20;

/// One backup as `factdesk backup list` and Settings → Backups show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct BackupInfo {
    pub path: String,
    pub taken_at: DateTime<Utc>,
    #[ts(type = "number")]
    pub bytes: u64,
    /// Record counts read from the backup itself (read-only); `null` when it cannot be read.
    #[ts(type = "number | null")]
    pub sources: Option<i64>,
    #[ts(type = "number | null")]
    pub claims: Option<i64>,
    #[ts(type = "number | null")]
    pub drafts: Option<i64>,
}

/// What a restore did, so the adapters can say where the replaced desk went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Restored {
    /// The backup now in place.
    pub from: String,
    /// The verified backup of the desk that was replaced.
    pub replaced_backup: Option<String>,
    /// The bytes of a desk too damaged to back up through SQLite.
    pub damaged_copy: Option<String>,
}

/// `<desk dir>/backups`.
pub fn folder(desk: &Path) -> PathBuf {
    desk.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .join(FOLDER)
}

fn stem(desk: &Path) -> String {
    desk.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "desk".into())
}

fn io(path: &Path, source: std::io::Error) -> CoreError {
    CoreError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// The time a backup was taken, read from its file name, and, for a second backup in the same
/// second, its number (`-2`, `-3`…).
fn taken_at_seq(stem: &str, name: &str) -> Option<(DateTime<Utc>, u32)> {
    let rest = name.strip_prefix(stem)?.strip_prefix('-')?;
    let rest = rest.strip_suffix(".sqlite")?;
    let time = rest.get(..TIME_LEN)?;
    let tail = &rest[TIME_LEN..];
    let seq = match tail.strip_prefix('-') {
        None if tail.is_empty() => 1,
        Some(n) => n.parse::<u32>().ok()?,
        None => return None,
    };
    NaiveDateTime::parse_from_str(time, TIME_FORMAT)
        .ok()
        .map(|t| (t.and_utc(), seq))
}

/// Every backup of `desk`, newest first.
fn files(desk: &Path) -> Result<Vec<(DateTime<Utc>, PathBuf)>> {
    let dir = folder(desk);
    let stem = stem(desk);
    let entries = match std::fs::read_dir(&dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io(&dir, e)),
    };
    let mut all: Vec<((DateTime<Utc>, u32), PathBuf)> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            taken_at_seq(&stem, &name).map(|t| (t, e.path()))
        })
        .collect();
    all.sort_by(|a, b| b.cmp(a));
    Ok(all.into_iter().map(|((t, _), p)| (t, p)).collect())
}

/// The newest backup of `desk`, if any (errors reading the folder count as none: this only
/// feeds messages).
pub fn newest(desk: &Path) -> Option<PathBuf> {
    files(desk).ok()?.into_iter().next().map(|(_, p)| p)
}

fn newest_time(desk: &Path) -> Result<Option<DateTime<Utc>>> {
    Ok(files(desk)?.into_iter().next().map(|(t, _)| t))
}

/// Every backup of `desk`, newest first, with its size and record counts.
pub fn list(desk: &Path) -> Result<Vec<BackupInfo>> {
    Ok(files(desk)?
        .into_iter()
        .map(|(taken_at, path)| {
            let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
            let counts = counts(&path).ok();
            BackupInfo {
                path: path.display().to_string(),
                taken_at,
                bytes,
                sources: counts.map(|c| c.0),
                claims: counts.map(|c| c.1),
                drafts: counts.map(|c| c.2),
            }
        })
        .collect())
}

fn read_only(path: &Path) -> rusqlite::Result<Connection> {
    Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
}

fn counts(path: &Path) -> rusqlite::Result<(i64, i64, i64)> {
    read_only(path)?.query_row(
        "SELECT (SELECT count(*) FROM sources), (SELECT count(*) FROM claims),
                (SELECT count(*) FROM drafts)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// `PRAGMA quick_check` on an open connection: `None` when it is fine, else what is wrong.
/// SQLite reporting corruption while checking counts as a finding, not an error.
pub(crate) fn quick_check(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let rows: rusqlite::Result<Vec<String>> = conn
        .prepare("PRAGMA quick_check")
        .and_then(|mut s| s.query_map([], |r| r.get(0))?.collect());
    match rows {
        Ok(rows) if rows.len() == 1 && rows[0] == "ok" => Ok(None),
        Ok(rows) => Ok(Some(
            rows.into_iter().take(3).collect::<Vec<_>>().join("; "),
        )),
        Err(e) if storage::kind_of(&e) == storage::StorageKind::Corrupt => Ok(Some(e.to_string())),
        Err(e) => Err(e),
    }
}

/// The cheap probe of a session's first write: the root page and first leaf of every table and
/// index, one `LIMIT 1` scan each (about 40 b-trees, a few ms at any desk size, where
/// `quick_check` reads every page: 0.36 s at 100k claims, seconds at 1M). `None` when every
/// b-tree reads, else what SQLite reported. Only corruption counts as a finding: a b-tree the
/// planner cannot scan this way (a partial index) is skipped, and any other error is returned.
///
/// NOTE: it proves the top of each b-tree readable, not every page; the full `quick_check` runs
/// on the hourly verified backup (and SQLite still refuses a damaged page any write touches).
pub(crate) fn root_probe(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let trees: rusqlite::Result<Vec<(String, String, String)>> = conn
        .prepare("SELECT type, name, tbl_name FROM sqlite_schema WHERE rootpage > 0")
        .and_then(|mut s| {
            s.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect()
        });
    let trees = match trees {
        Ok(t) => t,
        Err(e) if storage::kind_of(&e) == storage::StorageKind::Corrupt => {
            return Ok(Some(e.to_string()));
        }
        Err(e) => return Err(e),
    };
    let quote = |n: &str| n.replace('"', "\"\"");
    for (kind, name, table) in trees {
        let sql = match kind.as_str() {
            // An automatic index cannot be named in INDEXED BY; its table's scan is read anyway.
            "index" if name.starts_with("sqlite_autoindex") => continue,
            "index" => format!(
                "SELECT 1 FROM \"{}\" INDEXED BY \"{}\" LIMIT 1",
                quote(&table),
                quote(&name)
            ),
            _ => format!("SELECT 1 FROM \"{}\" NOT INDEXED LIMIT 1", quote(&name)),
        };
        match conn.query_row(&sql, [], |_| Ok(())) {
            Ok(()) | Err(rusqlite::Error::QueryReturnedNoRows) => {}
            Err(e) if storage::kind_of(&e) == storage::StorageKind::Corrupt => {
                return Ok(Some(format!("{name}: {e}")));
            }
            Err(e) if e.sqlite_error_code().is_some() && kind == "index" => {}
            Err(e) => return Err(e),
        }
    }
    Ok(None)
}

/// Checks that `path` holds a good Factdesk desk: an SQLite file this Factdesk can open that
/// passes `quick_check`. Returns what is wrong otherwise.
fn verify(path: &Path) -> std::result::Result<(), String> {
    let conn = read_only(path).map_err(|e| e.to_string())?;
    desk::identify(&conn)
        .map_err(|e| e.to_string())?
        .then_some(())
        .ok_or_else(|| "it is not a Factdesk desk".to_string())?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| e.to_string())?;
    if version > crate::migrations::latest_version() {
        return Err(format!(
            "it was made by a newer Factdesk (schema {version}); update Factdesk first"
        ));
    }
    match quick_check(&conn).map_err(|e| e.to_string())? {
        None => Ok(()),
        Some(problem) => Err(format!("quick_check found: {problem}")),
    }
}

/// How a copy ended.
#[derive(PartialEq)]
enum Copied {
    Done,
    Cancelled,
}

/// Runs a backup [`PAGES_PER_STEP`] pages at a time, reporting the pages copied as `stage`,
/// waiting up to the busy timeout while another connection holds a lock. Stops when cancelled;
/// dropping the unfinished backup then rolls the destination back.
fn run(backup: &Backup<'_, '_>, progress: &dyn Progress, stage: &str) -> rusqlite::Result<Copied> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        let step = backup.step(PAGES_PER_STEP)?;
        let p = backup.progress();
        let total = p.pagecount.max(0) as u64;
        let done = total.saturating_sub(p.remaining.max(0) as u64);
        match step {
            StepResult::Done => {
                progress.report(total, Some(total), stage);
                return Ok(Copied::Done);
            }
            StepResult::More => {
                progress.report(done, Some(total), stage);
                if progress.cancelled() {
                    return Ok(Copied::Cancelled);
                }
            }
            StepResult::Busy | StepResult::Locked if std::time::Instant::now() >= deadline => {
                return Err(rusqlite::Error::SqliteFailure(
                    rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
                    Some("database is locked".into()),
                ));
            }
            StepResult::Busy | StepResult::Locked => {
                if progress.cancelled() {
                    return Ok(Copied::Cancelled);
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            _ => {}
        }
    }
}

/// Copies the database of `conn` page by page into a new file at `target`, as one consistent
/// state of the desk, and verifies it before it takes its name. Reports the copy as `stage`;
/// when cancelled, the half-made copy is deleted.
fn copy_verified(
    conn: &Connection,
    target: &Path,
    progress: &dyn Progress,
    stage: &str,
) -> Result<()> {
    let mut tmp = target.as_os_str().to_owned();
    tmp.push(format!(".{}.tmp", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let _ = std::fs::remove_file(&tmp);
    let failed = |message: String| {
        let _ = std::fs::remove_file(&tmp);
        CoreError::Backup {
            path: target.display().to_string(),
            message,
        }
    };
    let cancelled = || {
        let _ = std::fs::remove_file(&tmp);
        CoreError::Cancelled
    };
    let copied = (|| -> rusqlite::Result<Copied> {
        // NOTE: the copy goes in steps (to report and to cancel); a read transaction on the desk
        // holds it at one state across them, as the old one-step copy did.
        let _read = if conn.is_autocommit() {
            let tx = conn.unchecked_transaction()?;
            tx.query_row("SELECT count(*) FROM sqlite_schema", [], |_| Ok(()))?;
            Some(tx)
        } else {
            None
        };
        let mut dst = Connection::open(&tmp)?;
        let backup = Backup::new(conn, &mut dst)?;
        run(&backup, progress, stage)
    })();
    if copied.map_err(|e| failed(e.to_string()))? == Copied::Cancelled {
        return Err(cancelled());
    }
    progress.report(0, Some(1), CHECKING_COPY);
    if progress.cancelled() {
        return Err(cancelled());
    }
    verify(&tmp).map_err(failed)?;
    progress.report(1, Some(1), CHECKING_COPY);
    if progress.cancelled() {
        return Err(cancelled());
    }
    std::fs::File::open(&tmp)
        .and_then(|f| f.sync_all())
        .map_err(|e| failed(e.to_string()))?;
    std::fs::rename(&tmp, target).map_err(|e| failed(e.to_string()))
}

/// A free name for a backup taken at `now`.
fn new_name(desk: &Path, now: DateTime<Utc>) -> PathBuf {
    let dir = folder(desk);
    let base = format!("{}-{}", stem(desk), now.format(TIME_FORMAT));
    let mut path = dir.join(format!("{base}.sqlite"));
    let mut n = 2;
    while path.exists() {
        path = dir.join(format!("{base}-{n}.sqlite"));
        n += 1;
    }
    path
}

/// Takes a verified backup of the desk open on `conn` into the backups folder, then prunes.
pub(crate) fn take(
    conn: &Connection,
    desk: &Path,
    now: DateTime<Utc>,
    progress: &dyn Progress,
) -> Result<PathBuf> {
    let dir = folder(desk);
    std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;
    let path = new_name(desk, now);
    copy_verified(conn, &path, progress, COPYING)?;
    prune(desk)?;
    Ok(path)
}

/// Whether the automatic backup is due at `now`.
pub(crate) fn due(desk: &Path, now: DateTime<Utc>) -> Result<bool> {
    Ok(newest_time(desk)?.is_none_or(|t| now - t >= AUTO_INTERVAL))
}

/// The backups to keep, given every backup's time, newest first.
fn keep(times: &[DateTime<Utc>]) -> Vec<bool> {
    let mut kept = vec![false; times.len()];
    let mut days = Vec::new();
    for (i, t) in times.iter().enumerate() {
        if i < KEEP_RECENT {
            kept[i] = true;
        }
        let day = t.date_naive();
        if !days.contains(&day) && days.len() < KEEP_DAILY {
            days.push(day);
            kept[i] = true;
        }
    }
    kept
}

/// Deletes the backups of `desk` that the rotation no longer keeps.
pub fn prune(desk: &Path) -> Result<()> {
    let all = files(desk)?;
    let times: Vec<_> = all.iter().map(|(t, _)| *t).collect();
    for ((_, path), kept) in all.iter().zip(keep(&times)) {
        if !kept {
            std::fs::remove_file(path).map_err(|e| io(path, e))?;
        }
    }
    Ok(())
}

/// Opens the desk file for a restore without any of `Desk::open`'s checks: it may be damaged.
fn raw_open(desk: &Path) -> rusqlite::Result<Connection> {
    let conn = Connection::open_with_flags(
        desk,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    Ok(conn)
}

/// Copies every page of `from` over the desk open on `conn`, in one write transaction (a
/// cancelled copy rolls it back).
fn copy_over(
    from: &Path,
    conn: &mut Connection,
    progress: &dyn Progress,
) -> rusqlite::Result<Copied> {
    let src = read_only(from)?;
    let backup = Backup::new(&src, conn)?;
    run(&backup, progress, RESTORING)
}

/// Replaces the desk file by `from` when SQLite cannot write into it (it is not a database any
/// more): a staged copy renamed over it, after removing a journal that belongs to the old file.
fn replace_file(desk: &Path, from: &Path) -> Result<()> {
    let mut staged = desk.as_os_str().to_owned();
    staged.push(".restoring");
    let staged = PathBuf::from(staged);
    std::fs::copy(from, &staged)
        .and_then(|_| std::fs::File::open(&staged)?.sync_all())
        .map_err(|e| {
            let _ = std::fs::remove_file(&staged);
            io(&staged, e)
        })?;
    let mut journal = desk.as_os_str().to_owned();
    journal.push("-journal");
    match std::fs::remove_file(PathBuf::from(journal)) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(io(desk, e)),
    }
    std::fs::rename(&staged, desk).map_err(|e| io(desk, e))
}

/// Restores `from` as the desk at `desk`. The backup must be a good Factdesk desk (checked
/// with `quick_check` first); the desk it replaces is backed up first. Works on a desk too
/// damaged to open.
pub fn restore(desk: &Path, from: &Path, clock: &dyn Clock) -> Result<Restored> {
    restore_with(desk, from, clock, &Silent)
}

/// [`restore`], reporting to `progress`. Cancelled before the desk is replaced, it deletes the
/// backup it took of the desk and leaves the desk as it was.
pub fn restore_with(
    desk: &Path,
    from: &Path,
    clock: &dyn Clock,
    progress: &dyn Progress,
) -> Result<Restored> {
    let from = std::fs::canonicalize(from)
        .map_err(|e| CoreError::invalid("backup", format!("{}: {e}", from.display())))?;
    if std::fs::canonicalize(desk).is_ok_and(|d| d == from) {
        return Err(CoreError::invalid("backup", "is the desk itself"));
    }
    progress::step(progress, 0, 1, CHECKING_BACKUP)?;
    verify(&from).map_err(|why| {
        CoreError::invalid(
            "backup",
            format!("{} is not a good backup: {why}", from.display()),
        )
    })?;
    progress::step(progress, 1, 1, CHECKING_BACKUP)?;
    let now = clock.now();
    let dir = folder(desk);
    std::fs::create_dir_all(&dir).map_err(|e| io(&dir, e))?;

    let mut replaced_backup = None;
    let mut damaged_copy = None;
    let mut conn = if desk.exists() {
        raw_open(desk).ok()
    } else {
        None
    };
    if desk.exists() {
        let good = conn
            .as_ref()
            .and_then(|c| quick_check(c).ok())
            .is_some_and(|problem| problem.is_none());
        let copied = match (&conn, good) {
            (Some(c), true) => {
                let path = new_name(desk, now);
                match copy_verified(c, &path, progress, BACKING_UP) {
                    Ok(()) => Some(path),
                    Err(CoreError::Cancelled) => return Err(CoreError::Cancelled),
                    Err(_) => None,
                }
            }
            _ => None,
        };
        match copied {
            Some(path) => replaced_backup = Some(path.display().to_string()),
            None => {
                let path = dir.join(format!(
                    "{}-{}.damaged",
                    stem(desk),
                    now.format(TIME_FORMAT)
                ));
                std::fs::copy(desk, &path).map_err(|e| io(&path, e))?;
                damaged_copy = Some(path.display().to_string());
            }
        }
    }
    // Cancelled before the desk is replaced: what this restore wrote goes again.
    let undo = || {
        for copy in [&replaced_backup, &damaged_copy].into_iter().flatten() {
            let _ = std::fs::remove_file(copy);
        }
        CoreError::Cancelled
    };
    if progress.cancelled() {
        return Err(undo());
    }
    let copied_in = match conn.as_mut() {
        Some(c) => copy_over(&from, c, progress).map_err(|e| storage::kind_of(&e)),
        None => Err(storage::StorageKind::Corrupt),
    };
    drop(conn);
    match copied_in {
        Ok(Copied::Done) => {}
        Ok(Copied::Cancelled) => return Err(undo()),
        Err(storage::StorageKind::Locked) => {
            return Err(storage::error(
                desk,
                storage::StorageKind::Locked,
                "database is locked",
            ));
        }
        // SQLite cannot write into what is left of the desk: put the backup's file in its place.
        Err(_) => replace_file(desk, &from)?,
    }
    // Migrates a backup from an older Factdesk and checks the result.
    let restored = Desk::open(desk)?;
    if let Some(problem) = quick_check(restored.file("restore")?).map_err(CoreError::from)? {
        return Err(storage::error(desk, storage::StorageKind::Corrupt, problem));
    }
    drop(restored);
    prune(desk)?;
    Ok(Restored {
        from: from.display().to_string(),
        replaced_backup,
        damaged_copy,
    })
}

impl Desk {
    /// Takes a verified backup now: into the backups folder (then prunes), or to `out`, which
    /// may not be the desk, its journal or a backup. Returns where it went.
    pub fn backup_now(&mut self, out: Option<&Path>) -> Result<PathBuf> {
        self.backup_now_with(out, &Silent)
    }

    /// [`Desk::backup_now`], reporting to `progress`; cancelled, it leaves no file.
    pub fn backup_now_with(
        &mut self,
        out: Option<&Path>,
        progress: &dyn Progress,
    ) -> Result<PathBuf> {
        // A team desk has no file either, and says so by name (it is backed up with pg_dump).
        self.file("backup")?;
        let Some(desk) = self.path().map(Path::to_path_buf) else {
            return Err(CoreError::invalid(
                "desk",
                "an in-memory desk has no file to back up",
            ));
        };
        let now = self.now();
        match out {
            None => take(self.file("backup")?, &desk, now, progress),
            Some(out) => {
                crate::desk_files::refuse_output("out", out, &desk)?;
                crate::export::files::check_target("out", out)?;
                copy_verified(self.file("backup")?, out, progress, COPYING)?;
                Ok(out.to_path_buf())
            }
        }
    }

    /// The desk's backups, newest first.
    pub fn list_backups(&self) -> Result<Vec<BackupInfo>> {
        match self.path() {
            Some(desk) => list(desk),
            None => Ok(Vec::new()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn backup_names_carry_their_time() {
        let t = Utc.with_ymd_and_hms(2025, 5, 20, 9, 30, 0).unwrap();
        let desk = Path::new("/n/desk.sqlite");
        let name = new_name(desk, t);
        let file = name.file_name().unwrap().to_str().unwrap();
        assert_eq!(file, "desk-2025-05-20T09-30-00Z.sqlite");
        assert_eq!(taken_at_seq("desk", file), Some((t, 1)));
        assert_eq!(
            taken_at_seq("desk", "desk-2025-05-20T09-30-00Z-3.sqlite"),
            Some((t, 3)),
            "a second backup in the same second sorts after the first"
        );
        assert_eq!(
            taken_at_seq("desk", "desk-2025-05-20T09-30-00Z.damaged"),
            None
        );
        assert_eq!(taken_at_seq("other", file), None);
    }

    #[test]
    fn rotation_keeps_ten_recent_and_the_newest_of_seven_days() {
        let start = Utc.with_ymd_and_hms(2025, 5, 1, 0, 0, 0).unwrap();
        // Every three hours for ten days, newest first.
        let times: Vec<_> = (0..80)
            .rev()
            .map(|i| start + TimeDelta::hours(3 * i))
            .collect();
        let kept: Vec<_> = times
            .iter()
            .zip(keep(&times))
            .filter(|(_, k)| *k)
            .map(|(t, _)| *t)
            .collect();
        let newest = times[0];
        assert!(kept[..10].iter().eq(times[..10].iter()), "the ten newest");
        let days: std::collections::BTreeSet<_> = kept.iter().map(|t| t.date_naive()).collect();
        assert_eq!(days.len(), 7, "seven days are represented: {days:?}");
        assert_eq!(
            kept.len(),
            10 + 5,
            "ten recent span 2 days; 5 more days have one each"
        );
        assert!(kept.iter().all(|t| newest - *t < TimeDelta::days(7)));
    }
}
