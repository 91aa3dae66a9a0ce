//! What the shell keeps between commands: the open desk, behind a mutex because commands may run
//! on several threads.

use std::sync::Mutex;

use factdesk_core::Desk;

use crate::error::{AppError, ErrorCode};

pub struct DeskState {
    desk: Mutex<Option<Desk>>,
}

impl DeskState {
    pub fn new(desk: Option<Desk>) -> DeskState {
        DeskState {
            desk: Mutex::new(desk),
        }
    }

    /// Runs `f` on the open desk.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Desk) -> factdesk_core::Result<T>,
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
        Ok(f(desk)?)
    }
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
