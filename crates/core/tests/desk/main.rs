#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Integration tests of the desk through its public API only: what a writer (or the app and the
//! CLI on their behalf) can do to a desk, and what must hold afterwards. One binary; each module
//! owns one concern. The same modules run on a team desk in `desk_on_team`.

mod atomicity;
mod backups;
mod claims;
mod evidence;
mod files;
mod helpers;
mod history;
mod ids;
mod names;
mod pages;
mod relays;
mod revision_files;
mod revisions;
mod sample;
mod search;
mod search_files;
mod validation;
mod versions;

pub use helpers::*;

use factdesk_core::{Clock, Desk, FixedClock};

/// Who a desk records when nobody has said.
pub const NOBODY_SAID: &str = factdesk_core::desk::DEFAULT_ACTOR;

/// From now on `desk`'s changes are `name`'s.
pub fn act_as(desk: &mut Desk, name: &str) {
    desk.set_actor(name).unwrap();
}

/// [`act_as`] for a desk on `clock`: a desk file's session goes on, and keeps its clock.
pub fn act_as_on(desk: &mut Desk, name: &str, clock: impl Clock + 'static) {
    drop(clock);
    act_as(desk, name);
}

/// A migrated, empty, in-memory desk whose clock always says [`fixed_now`].
pub fn desk() -> Desk {
    desk_with_clock(FixedClock(fixed_now()))
}

/// A migrated, empty, in-memory desk on `clock`.
pub fn desk_with_clock(clock: impl Clock + 'static) -> Desk {
    Desk::open_in_memory()
        .expect("an in-memory desk must open and migrate")
        .with_clock(clock)
}
