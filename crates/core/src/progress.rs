//! Progress and cancellation of long work: a citation import, an article intake, an export, a
//! backup, a restore. The work reports how far it is through a [`Progress`] and asks it, at each
//! report, whether the person cancelled.
//!
//! Invariants:
//! - Within one stage `done` never goes back and never passes `total`; the last report of a
//!   finished operation is complete (`done == total`).
//! - A cancelled operation stops at its next check and returns [`CoreError::Cancelled`], never a
//!   partial result, and writes nothing: a desk write rolls back, a half-made backup or export is
//!   deleted, a restore cancelled after it backed up the desk deletes that backup again. Once a
//!   restore starts replacing the desk it is no longer cancellable (the last stage reports it).
//! - Reporting is cheap (no clock, no I/O here): whoever shows it throttles (the app sends at most
//!   about 20 events a second).

use serde::{Deserialize, Serialize};

use crate::error::{CoreError, Result};

/// Where long work reports its progress and learns that it was cancelled.
pub trait Progress {
    /// `done` units of `total` (`None` while unknown) of the stage the person sees, in words
    /// ("Writing sources").
    fn report(&self, done: u64, total: Option<u64>, stage: &str);

    /// Whether the person asked to stop.
    fn cancelled(&self) -> bool;
}

/// Progress nobody watches: the CLI, tests, the automatic backup.
pub struct Silent;

impl Progress for Silent {
    fn report(&self, _: u64, _: Option<u64>, _: &str) {}

    fn cancelled(&self) -> bool {
        false
    }
}

/// Reports `done` of `total` in `stage`, then stops the work if it was cancelled.
pub(crate) fn step(progress: &dyn Progress, done: usize, total: usize, stage: &str) -> Result<()> {
    progress.report(done as u64, Some(total as u64), stage);
    check(progress)
}

/// `Err(Cancelled)` once the person cancelled.
pub(crate) fn check(progress: &dyn Progress) -> Result<()> {
    if progress.cancelled() {
        Err(CoreError::Cancelled)
    } else {
        Ok(())
    }
}

/// One progress report as the app sends it to the page (`factdesk://progress`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ProgressEvent {
    /// The command doing the work (`import_citations`, `backup_desk`…).
    pub op: String,
    #[ts(type = "number")]
    pub done: u64,
    /// `null` while the amount of work is not known yet.
    #[ts(type = "number | null")]
    pub total: Option<u64>,
    pub stage: String,
}
