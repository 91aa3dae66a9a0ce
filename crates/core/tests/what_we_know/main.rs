#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The "what we know" block on a desk file (`blocks.rs`); `what_we_know_on_team` runs the same
//! module on a team desk.

mod blocks;

use factdesk_core::{Clock, Desk};

/// A migrated, empty, in-memory desk on `clock`.
pub fn desk_with_clock(clock: impl Clock + 'static) -> Desk {
    Desk::open_in_memory()
        .expect("an in-memory desk must open and migrate")
        .with_clock(clock)
}
