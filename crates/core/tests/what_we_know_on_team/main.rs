#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The "what we know" suite (`tests/what_we_know`) on a team desk: the same module, the same
//! test code, with each desk an empty team desk of its own on the binary's throwaway PostgreSQL
//! cluster (`team/template.rs`), logged in as an editor. Nothing is left out.

#[path = "../what_we_know/blocks.rs"]
mod blocks;
#[path = "../team/cluster.rs"]
mod cluster;
#[path = "../team/template.rs"]
mod template;

use factdesk_core::{Clock, Desk};

/// An empty team desk of its own on `clock`.
pub fn desk_with_clock(clock: impl Clock + 'static) -> Desk {
    template::team_desk(clock)
}
