//! What the shell keeps between commands: the open desk, behind a mutex because commands may run
//! on several threads.

use std::sync::Mutex;

use factdesk_core::Desk;
use factdesk_core::team::TeamShown;

use crate::error::{AppError, ErrorCode};

pub struct DeskState {
    desk: Mutex<Option<Desk>>,
    /// What the header shows of the open team desk (never a password); `None` for a desk file.
    team: Mutex<Option<TeamShown>>,
}

impl DeskState {
    pub fn new(desk: Option<Desk>) -> DeskState {
        DeskState {
            desk: Mutex::new(desk),
            team: Mutex::new(None),
        }
    }

    /// Puts `desk` in place of the open one (a team desk opened, or opened again after its
    /// server came back); `team` is what to show of it.
    pub fn open(&self, desk: Desk, team: Option<TeamShown>) {
        *self
            .team
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = team;
        self.put(desk);
    }

    /// Replaces the open desk's session by `desk` (the same desk, connected again).
    pub fn put(&self, desk: Desk) {
        *self
            .desk
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(desk);
    }

    /// What to show of the open team desk.
    pub fn team(&self) -> Option<TeamShown> {
        self.team
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Runs `f` on the open desk.
    pub fn with<T: Send>(
        &self,
        f: impl FnOnce(&mut Desk) -> factdesk_core::Result<T> + Send,
    ) -> Result<T, AppError> {
        // A panic in another command must not lock the writer out of the desk: the desk's own
        // transactions keep the data consistent, so a poisoned lock is safe to reuse.
        let mut guard = self
            .desk
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let desk = guard
            .as_mut()
            .ok_or_else(|| AppError::new(ErrorCode::NoDesk, "no desk is open"))?;
        // Every storage error names the desk file and the way out (core's one rule).
        if desk.is_team() {
            return off_runtime(|| f(desk).map_err(|e| AppError::from(desk.storage_error(e))));
        }
        f(desk).map_err(|e| AppError::from(desk.storage_error(e)))
    }

    /// Runs `f` with the desk taken out of the state (a restore replaces its file), and puts
    /// back the desk `f` returns; on failure the desk is reopened from its file.
    pub fn replace<T>(
        &self,
        f: impl FnOnce(Desk) -> factdesk_core::Result<(Desk, T)>,
    ) -> Result<T, AppError> {
        let mut guard = self
            .desk
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let desk = guard
            .take()
            .ok_or_else(|| AppError::new(ErrorCode::NoDesk, "no desk is open"))?;
        let path = desk.path().map(std::path::Path::to_path_buf);
        match f(desk) {
            Ok((desk, out)) => {
                *guard = Some(desk);
                Ok(out)
            }
            Err(e) => {
                *guard = path.as_deref().and_then(|p| Desk::open(p).ok());
                Err(factdesk_core::storage::at_desk(e, path.as_deref()).into())
            }
        }
    }
}

/// Runs `f` on a thread of its own, outside the async runtime the commands run on: the
/// `postgres` client of a team desk blocks on a runtime of its own, which tokio refuses to start
/// inside another ("Cannot start a runtime from within a runtime").
pub fn off_runtime<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| {
        s.spawn(f)
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// Whether the page has saved everything and the app may close.
#[derive(Default)]
pub struct Closing(std::sync::atomic::AtomicBool);

impl Closing {
    pub fn confirm(&self) {
        self.0.store(true, std::sync::atomic::Ordering::SeqCst);
    }

    pub fn is_confirmed(&self) -> bool {
        self.0.load(std::sync::atomic::Ordering::SeqCst)
    }
}
