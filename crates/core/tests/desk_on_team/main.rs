#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The desk suite (`tests/desk`) on a team desk: the same modules, the same test code, with
//! `desk()` giving an empty team desk on the binary's throwaway PostgreSQL cluster (a database
//! of its own per test, `team/template.rs`), logged in as an editor.
//!
//! Left out, by design:
//! - `backups`: backups are of desk files (a team desk is backed up with `pg_dump`).
//! - `files`: opening, creating and upgrading desk files.
//! - `names`: the self-declared name a desk file records (a team desk records the login).
//! - `revision_files`: a desk file's size on disk, two sessions on one file, an old file's
//!   revisions converted.
//! - `search_files`: a desk file's FTS5 index, built on upgrade and by the large-desk generator
//!   (which runs on desk files only).

#[path = "../desk/atomicity.rs"]
mod atomicity;
#[path = "../desk/claims.rs"]
mod claims;
#[path = "../team/cluster.rs"]
mod cluster;
#[path = "../desk/evidence.rs"]
mod evidence;
#[path = "../desk/helpers.rs"]
mod helpers;
#[path = "../desk/history.rs"]
mod history;
#[path = "../desk/ids.rs"]
mod ids;
#[path = "../desk/pages.rs"]
mod pages;
#[path = "../desk/relays.rs"]
mod relays;
#[path = "../desk/revisions.rs"]
mod revisions;
#[path = "../desk/sample.rs"]
mod sample;
#[path = "../desk/search.rs"]
mod search;
#[path = "../team/template.rs"]
mod template;
#[path = "../desk/validation.rs"]
mod validation;
#[path = "../desk/versions.rs"]
mod versions;

pub use helpers::*;

use factdesk_core::{Clock, Desk, FixedClock};

/// Who a team desk records when nobody has said: the login.
pub const NOBODY_SAID: &str = template::EDITOR;

/// From now on `desk`'s changes are `name`'s: the same team desk, reopened by the login `name`
/// (an editor), on the fixed clock of [`desk`].
pub fn act_as(desk: &mut Desk, name: &str) {
    act_as_on(desk, name, FixedClock(fixed_now()));
}

/// [`act_as`] for a desk on `clock`, which the reopened session takes over.
pub fn act_as_on(desk: &mut Desk, name: &str, clock: impl Clock + 'static) {
    *desk = template::same_desk_as(desk, &template::login(name), clock);
}

/// An empty team desk of its own whose clock always says [`fixed_now`].
pub fn desk() -> Desk {
    desk_with_clock(FixedClock(fixed_now()))
}

/// An empty team desk of its own on `clock`.
pub fn desk_with_clock(clock: impl Clock + 'static) -> Desk {
    template::team_desk(clock)
}
