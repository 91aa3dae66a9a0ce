#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Progress and cancellation of the long operations, on real desk files: each reports its work
//! in order up to its total, and a cancel at any report stops it with code `cancelled` and
//! leaves the desk and its folder as they were (no source, no candidate, no backup file, no
//! half-copied restore).

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::path::Path;

use chrono::{TimeDelta, TimeZone, Utc};
use factdesk_core::error::ErrorCode;
use factdesk_core::intake::Article;
use factdesk_core::progress::Progress;
use factdesk_core::{CoreError, Desk, FixedClock, PartialDate, SourceInput};

/// Records every report and cancels at the `cancel_at`-th report of `stage` (never when `None`).
#[derive(Default)]
struct Recorder {
    reports: RefCell<Vec<(u64, Option<u64>, String)>>,
    cancel_at: Option<(&'static str, usize)>,
    seen: Cell<usize>,
    cancel: Cell<bool>,
}

impl Recorder {
    fn cancelling(stage: &'static str, at: usize) -> Recorder {
        Recorder {
            cancel_at: Some((stage, at)),
            ..Recorder::default()
        }
    }

    fn stages(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (_, _, s) in self.reports.borrow().iter() {
            if out.last() != Some(s) {
                out.push(s.clone());
            }
        }
        out
    }

    /// Within each stage `done` never goes back and never passes `total`; the last report of the
    /// last stage is complete.
    fn assert_monotonic(&self) {
        let reports = self.reports.borrow();
        assert!(!reports.is_empty(), "the operation reported no progress");
        let mut last: BTreeMap<&str, u64> = BTreeMap::new();
        for (done, total, stage) in reports.iter() {
            if let Some(total) = total {
                assert!(done <= total, "{stage}: {done} of {total} passes the total");
            }
            let before = last.insert(stage, *done).unwrap_or(0);
            assert!(
                *done >= before,
                "{stage}: went back from {before} to {done}"
            );
        }
        let (done, total, stage) = reports.last().unwrap();
        assert_eq!(Some(*done), *total, "the last report ({stage}) is complete");
    }
}

impl Progress for Recorder {
    fn report(&self, done: u64, total: Option<u64>, stage: &str) {
        self.reports
            .borrow_mut()
            .push((done, total, stage.to_string()));
        if let Some((s, at)) = self.cancel_at
            && s == stage
        {
            self.seen.set(self.seen.get() + 1);
            if self.seen.get() >= at {
                self.cancel.set(true);
            }
        }
    }

    fn cancelled(&self) -> bool {
        self.cancel.get()
    }
}

fn clock() -> FixedClock {
    FixedClock(Utc.with_ymd_and_hms(2025, 8, 1, 9, 0, 0).unwrap())
}

fn file_desk(dir: &Path) -> Desk {
    let path = dir.join("desk.sqlite");
    let mut desk = Desk::create(&path).unwrap().with_clock(clock());
    desk.add_source(&SourceInput {
        title: "Harbor Ent front page".into(),
        ..SourceInput::default()
    })
    .unwrap();
    desk
}

/// Row counts of every table: what a user could see change in the desk.
fn rows(desk: &Desk) -> BTreeMap<String, i64> {
    let conn = desk.conn().unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql NOT LIKE '%VIRTUAL%'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|t| {
            let n = conn
                .query_row(&format!("SELECT count(*) FROM \"{t}\""), [], |r| r.get(0))
                .unwrap();
            (t, n)
        })
        .collect()
}

/// Every file under `dir`, by relative path.
fn files(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for entry in walk(dir) {
        out.push(entry.strip_prefix(dir).unwrap().display().to_string());
    }
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

fn assert_cancelled<T: std::fmt::Debug>(result: Result<T, CoreError>) {
    let err = result.expect_err("a cancelled operation must not return a result");
    assert_eq!(err.code(), ErrorCode::Cancelled, "{err}");
    assert!(matches!(err, CoreError::Cancelled), "{err:?}");
}

/// A CSL-JSON library of distinct articles, numbered `n`.
fn library(n: std::ops::Range<usize>) -> String {
    let entries: Vec<String> = n
        .map(|i| {
            format!(
                r#"{{"id":"e{i}","type":"article-newspaper","title":"Casting note number {i}","container-title":"Harbor Ent","URL":"https://harbor.example/notes/{i}"}}"#
            )
        })
        .collect();
    format!("[{}]", entries.join(","))
}

#[test]
fn an_import_reports_each_entry_up_to_the_total() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = file_desk(dir.path());
    let file = dir.path().join("library.json");
    std::fs::write(&file, library(0..40)).unwrap();
    let progress = Recorder::default();
    let report = desk.import_citations_with(&file, false, &progress).unwrap();
    assert_eq!(report.created.len(), 40);
    progress.assert_monotonic();
    let reports = progress.reports.borrow();
    let writing: Vec<_> = reports
        .iter()
        .filter(|(_, _, s)| s == "Writing sources")
        .collect();
    assert_eq!(writing.last().unwrap().0, 40, "every entry is counted");
    assert!(writing.iter().all(|(_, t, _)| *t == Some(40)));
}

#[test]
fn a_cancelled_import_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = file_desk(dir.path());
    let file = dir.path().join("library.json");
    std::fs::write(&file, library(0..40)).unwrap();
    let before = rows(&desk);
    // Cancelled halfway through the writes (they go in about twenty batches): the sources
    // already added must go too.
    let progress = Recorder::cancelling("Writing sources", 10);
    assert_cancelled(desk.import_citations_with(&file, false, &progress));
    assert_eq!(
        rows(&desk),
        before,
        "a cancelled import leaves the desk as it was"
    );
    // The same desk imports the file afterwards: nothing was left locked or half-done.
    let report = desk.import_citations(&file, false).unwrap();
    assert_eq!(report.created.len(), 40);
}

const TEXT: &str = "\
On June 1, Star Daily reported, citing an industry insider, that the cast of River Lanterns had been offered new contracts.

Crescent Pictures said in a statement that actor Han Yu-ri will lead the second season.

The first season of River Lanterns ended on May 4 with a rating of 12.3 percent.
";

fn article() -> Article {
    Article {
        text: TEXT.into(),
        outlet: "Harbor Ent".into(),
        title: "River Lanterns may return".into(),
        url: Some("https://harbor.example/river-lanterns".into()),
        published: Some(PartialDate::parse("published", "2025-06-02").unwrap()),
        language: Some("en".into()),
    }
}

#[test]
fn an_intake_reports_progress_and_a_cancelled_one_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = file_desk(dir.path());
    let before = rows(&desk);
    for stage in ["Finding duplicates", "Recording candidates"] {
        let progress = Recorder::cancelling(stage, 2);
        assert_cancelled(desk.intake_with(&article(), false, &progress));
        assert_eq!(
            rows(&desk),
            before,
            "cancelled at {stage}: nothing recorded"
        );
    }
    let progress = Recorder::default();
    let intake = desk.intake_with(&article(), false, &progress).unwrap();
    assert!(intake.candidates.len() >= 3, "{:?}", intake.candidates);
    progress.assert_monotonic();
    assert_eq!(
        progress.stages(),
        ["Finding duplicates", "Recording candidates"]
    );
}

#[test]
fn a_backup_reports_pages_and_a_cancelled_one_leaves_no_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut desk = file_desk(dir.path());
    let file = dir.path().join("library.json");
    std::fs::write(&file, library(0..3000)).unwrap();
    desk.import_citations(&file, false).unwrap();
    let before = files(dir.path());
    for stage in ["Copying the desk", "Checking the copy"] {
        let progress = Recorder::cancelling(stage, 1);
        assert_cancelled(desk.backup_now_with(None, &progress));
        assert_eq!(
            files(dir.path()),
            before,
            "cancelled at {stage}: no file left"
        );
        let out = dir.path().join("copy.sqlite");
        let progress = Recorder::cancelling(stage, 1);
        assert_cancelled(desk.backup_now_with(Some(&out), &progress));
        assert!(
            !out.exists(),
            "cancelled at {stage}: no copy at the chosen path"
        );
        assert_eq!(files(dir.path()), before);
    }
    let progress = Recorder::default();
    let made = desk.backup_now_with(None, &progress).unwrap();
    assert!(made.exists());
    progress.assert_monotonic();
    let copying = progress
        .reports
        .borrow()
        .iter()
        .filter(|(_, _, s)| s == "Copying the desk")
        .count();
    assert!(
        copying > 2,
        "a desk of many pages reports as it copies ({copying})"
    );
}

#[test]
fn a_cancelled_restore_leaves_the_desk_and_its_backups_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite");
    let mut desk = file_desk(dir.path());
    // The backup restored is large enough to take several steps to copy back.
    let file = dir.path().join("library.json");
    std::fs::write(&file, library(0..1500)).unwrap();
    desk.import_citations(&file, false).unwrap();
    let old = desk.backup_now(None).unwrap();
    std::fs::write(&file, library(1500..1600)).unwrap();
    desk.import_citations(&file, false).unwrap();
    let later = FixedClock(clock().0 + TimeDelta::hours(2));
    let desk = desk.with_clock(later);
    let before_rows = rows(&desk);
    drop(desk);
    let before = files(dir.path());
    for stage in [
        "Checking the backup",
        "Backing up the current desk",
        "Restoring",
    ] {
        let desk = Desk::open(&path).unwrap().with_clock(later);
        let progress = Recorder::cancelling(stage, 1);
        assert_cancelled(desk.restore_from_with(&old, &progress).map(|(_, r)| r));
        assert_eq!(
            files(dir.path()),
            before,
            "cancelled at {stage}: no file added"
        );
        let desk = Desk::open(&path).unwrap();
        assert_eq!(
            rows(&desk),
            before_rows,
            "cancelled at {stage}: the desk is unchanged"
        );
    }
    let desk = Desk::open(&path).unwrap().with_clock(later);
    let progress = Recorder::default();
    let (desk, _) = desk.restore_from_with(&old, &progress).unwrap();
    progress.assert_monotonic();
    assert_ne!(rows(&desk), before_rows, "the restore itself goes through");
}

#[test]
fn a_cancelled_export_leaves_neither_the_file_nor_its_bibliography() {
    let dir = tempfile::tempdir().unwrap();
    let desk = file_desk(dir.path());
    let exported = factdesk_core::export::Exported {
        markdown: "# River Lanterns\n".into(),
        csl_json: Some("[]".into()),
    };
    let out = dir.path().join("draft.md");
    let before = files(dir.path());
    let progress = Recorder::cancelling("Writing the file", 1);
    assert_cancelled(desk.save_export_with(&exported, &out, None, &progress));
    assert_eq!(
        files(dir.path()),
        before,
        "no Markdown, no bibliography, no temp file"
    );
    assert_cancelled(desk.save_text_with("path", &out, "report", &progress));
    assert_eq!(files(dir.path()), before);
    let progress = Recorder::default();
    desk.save_export_with(&exported, &out, None, &progress)
        .unwrap();
    progress.assert_monotonic();
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "# River Lanterns\n");
}
