//! Progress of the long commands (import, intake, exports, backup, restore) as events to the
//! page, and their cancelling. Core reports every step; this sends at most one event per
//! [`MIN_INTERVAL`] (about 20 a second), except the first of a stage and a stage's completion,
//! so the bar never lags a stage behind.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use factdesk_core::progress::{Progress, ProgressEvent};
use tauri::{AppHandle, Emitter};

/// The event the page listens to: a [`ProgressEvent`].
pub const PROGRESS_EVENT: &str = "factdesk://progress";

/// The least time between two events of one operation.
const MIN_INTERVAL: Duration = Duration::from_millis(50);

/// The long operations running now, each with the flag `cancel_operation` sets.
#[derive(Default)]
pub struct Operations {
    running: Mutex<Vec<Arc<AtomicBool>>>,
}

impl Operations {
    /// Registers a long operation until the returned guard drops.
    pub fn start(&self) -> Running<'_> {
        let cancel = Arc::new(AtomicBool::new(false));
        self.lock().push(cancel.clone());
        Running { ops: self, cancel }
    }

    /// Asks every running long operation to stop (the page shows one bar, and its Cancel means
    /// "stop what is running"); returns how many were running.
    pub fn cancel_all(&self) -> usize {
        let running = self.lock();
        for flag in running.iter() {
            flag.store(true, Ordering::SeqCst);
        }
        running.len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Arc<AtomicBool>>> {
        // The list is only pushed to and removed from; a panic elsewhere leaves it whole.
        self.running
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// One running long operation; it leaves the list when dropped.
pub struct Running<'a> {
    ops: &'a Operations,
    cancel: Arc<AtomicBool>,
}

impl Drop for Running<'_> {
    fn drop(&mut self) {
        self.ops.lock().retain(|f| !Arc::ptr_eq(f, &self.cancel));
    }
}

impl Running<'_> {
    /// The progress of command `op`, sent to the page.
    pub fn progress<'a>(&'a self, app: &'a AppHandle, op: &'static str) -> Emitting<'a> {
        Emitting {
            app,
            op,
            cancel: &self.cancel,
            last: Mutex::new(None),
        }
    }
}

/// A [`Progress`] that emits throttled [`PROGRESS_EVENT`]s and reads the operation's flag.
pub struct Emitting<'a> {
    app: &'a AppHandle,
    op: &'static str,
    cancel: &'a AtomicBool,
    /// A mutex, not a cell: a team desk's commands run on a thread of their own (`state.rs`).
    last: Mutex<Option<(Instant, String)>>,
}

impl Progress for Emitting<'_> {
    fn report(&self, done: u64, total: Option<u64>, stage: &str) {
        let now = Instant::now();
        let mut last = self
            .last
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let due = match last.as_ref() {
            None => true,
            Some((at, was)) => {
                was != stage || total == Some(done) || now.duration_since(*at) >= MIN_INTERVAL
            }
        };
        if !due {
            return;
        }
        *last = Some((now, stage.to_string()));
        // The page may have gone (closing): progress is only shown, never needed.
        let _ = self.app.emit(
            PROGRESS_EVENT,
            ProgressEvent {
                op: self.op.to_string(),
                done,
                total,
                stage: stage.to_string(),
            },
        );
    }

    fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cancel_reaches_every_running_operation_and_only_those() {
        let ops = Operations::default();
        let a = ops.start();
        let b = ops.start();
        assert_eq!(ops.cancel_all(), 2);
        assert!(a.cancel.load(Ordering::SeqCst) && b.cancel.load(Ordering::SeqCst));
        drop(a);
        drop(b);
        let c = ops.start();
        assert_eq!(ops.lock().len(), 1, "finished operations leave the list");
        assert!(
            !c.cancel.load(Ordering::SeqCst),
            "a cancel never reaches an operation started after it"
        );
    }
}
