//! Backups on a real desk file with a pinned clock: the automatic backup at most once an hour,
//! the rotation, the copy before a migration, restoring over a destroyed desk, and messages
//! that name the desk.

use std::path::Path;

use chrono::{DateTime, TimeDelta, Utc};
use factdesk_core::backup::{self, BackupInfo};
use factdesk_core::migrations;
use factdesk_core::storage::StorageKind;
use factdesk_core::{CoreError, Desk, FixedClock, SystemClock};

use crate::{add_source, fixed_now};

/// Opens the desk at `path` as a new session would, at `now`, and writes one source.
fn session_write(path: &Path, now: DateTime<Utc>, title: &str) {
    let mut desk = Desk::open(path).unwrap().with_clock(FixedClock(now));
    add_source(&mut desk, title);
}

fn times(list: &[BackupInfo]) -> Vec<DateTime<Utc>> {
    list.iter().map(|b| b.taken_at).collect()
}

#[test]
fn the_automatic_backup_is_taken_at_most_once_an_hour_and_rotated() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite");
    drop(Desk::create(&path).unwrap());
    let start = fixed_now();
    // A first write into an empty desk has nothing to keep.
    session_write(&path, start, "first");
    assert!(backup::list(&path).unwrap().is_empty());
    session_write(&path, start + TimeDelta::minutes(1), "second");
    let first = times(&backup::list(&path).unwrap());
    assert_eq!(first, vec![start + TimeDelta::minutes(1)]);
    session_write(&path, start + TimeDelta::minutes(59), "within the hour");
    assert_eq!(
        times(&backup::list(&path).unwrap()),
        first,
        "no second automatic backup within the hour"
    );
    // Then a write every three hours for ten days.
    let mut last = start;
    for i in 1..=80 {
        last = start + TimeDelta::hours(3 * i);
        session_write(&path, last, &format!("session {i}"));
    }
    let kept = backup::list(&path).unwrap();
    let kept_times = times(&kept);
    assert_eq!(kept_times[0], last, "the newest is the last session's");
    let ten: Vec<_> = (0..10).map(|i| last - TimeDelta::hours(3 * i)).collect();
    assert_eq!(kept_times[..10], ten[..], "the ten newest are kept");
    let days: std::collections::BTreeSet<_> = kept_times.iter().map(|t| t.date_naive()).collect();
    assert_eq!(days.len(), 7, "one a day for seven days: {kept_times:?}");
    assert!(
        kept_times.iter().all(|t| last - *t < TimeDelta::days(7)),
        "older ones are pruned: {kept_times:?}"
    );
    let files = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .count();
    assert_eq!(
        files,
        kept.len(),
        "pruned backups are deleted, not just hidden"
    );
    // Each backup holds the desk as it was before that session's write: three sources from the
    // first hour and 79 from the sessions before the last.
    assert_eq!(kept[0].sources, Some(3 + 79), "{:?}", kept[0]);
}

#[test]
fn a_pending_migration_is_preceded_by_a_verified_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite");
    {
        // A desk the second schema's Factdesk wrote: no review tables, no record versions.
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        migrations::up_to(&mut conn, 2).unwrap();
        conn.execute(
            "INSERT INTO sources (id, title, created_at, updated_at)
             VALUES ('01JV0000000000000000000000', 'Before the upgrade',
                     '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')",
            [],
        )
        .unwrap();
    }
    assert!(backup::list(&path).unwrap().is_empty());
    let desk = Desk::open(&path).unwrap();
    let list = backup::list(&path).unwrap();
    assert_eq!(list.len(), 1, "one backup before migrating");
    let old = rusqlite::Connection::open(&list[0].path).unwrap();
    let version: i64 = old
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, 2, "the backup holds the desk before the migration");
    assert_eq!(list[0].sources, Some(1));
    assert!(desk.settings().is_ok(), "and the desk was migrated");
    drop(desk);
    drop(Desk::open(&path).unwrap());
    assert_eq!(
        backup::list(&path).unwrap().len(),
        1,
        "no backup when no migration is pending"
    );
}

#[test]
fn a_desk_overwritten_by_an_export_comes_back_from_its_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite");
    let kept = {
        let mut desk = Desk::create(&path).unwrap();
        let kept = add_source(&mut desk, "Kept");
        desk.backup_now(None).unwrap();
        kept
    };
    let newest = backup::newest(&path).unwrap();
    std::fs::write(&path, "# An export\n\nNot a desk any more.\n".repeat(50)).unwrap();
    let err = Desk::open(&path).err().unwrap();
    let text = err.to_string();
    assert!(
        text.contains(&path.display().to_string())
            && text.contains(&format!("factdesk restore {}", newest.display())),
        "the way back is named: {text}"
    );
    let restored = backup::restore(&path, &newest, &SystemClock).unwrap();
    let damaged = restored.damaged_copy.expect("the destroyed file is kept");
    assert!(
        std::fs::read_to_string(damaged)
            .unwrap()
            .starts_with("# An export")
    );
    let desk = Desk::open(&path).unwrap();
    assert_eq!(desk.source(&kept.id).unwrap(), kept, "the desk is back");
}

#[test]
fn a_desk_held_by_another_program_says_so_naming_the_desk_and_the_wait() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite");
    let mut desk = Desk::create(&path).unwrap();
    let other = rusqlite::Connection::open(&path).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let err = desk
        .add_source(&crate::titled("Blocked"))
        .expect_err("the desk is held");
    match &err {
        CoreError::Storage { kind, desk, .. } => {
            assert_eq!(*kind, StorageKind::Locked, "{err}");
            assert_eq!(desk, &path.display().to_string());
        }
        other => panic!("a locked desk is a storage error, got {other:?}"),
    }
    let text = err.to_string();
    assert!(
        text.contains("another program holds the desk") && text.contains("waited 5 s"),
        "{text}"
    );
    other.execute_batch("ROLLBACK").unwrap();
    add_source(&mut desk, "After the other program let go");
}
