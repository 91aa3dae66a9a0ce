//! Live updates from a team desk: while one is open, a thread runs core's
//! [`Listener`](factdesk_core::team::changes::Listener) and tells the page what changed, so an
//! editor sees a writer's new claim or draft save without reloading.
//!
//! Invariants:
//! - The page gets ids only ([`TEAM_CHANGES`]), never texts: it re-reads what it shows through the
//!   ordinary commands, so what it shows is what the desk holds and the roles allow.
//! - Changes are coalesced: one event per burst (a `desk copy` announces thousands of rows), at
//!   most [`MAX_IDS`] ids in it, never more than one event every [`QUIET`] while a burst lasts.
//! - A lost server is said once ([`TEAM_CONNECTION`] with `connected: false`); on the way back the
//!   desk's own session (which cannot reconnect by itself) is opened again before the page hears
//!   `connected: true` and re-reads everything, since what changed meanwhile was not announced.
//! - One watcher per open desk: opening another desk stops the last one (its flag), and a
//!   watcher never touches a desk it was not started for (the generation).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use factdesk_core::Desk;
use factdesk_core::team::TeamAddress;
use factdesk_core::team::changes::{Event, Listener};
use serde::Serialize;
use tauri::{AppHandle, Emitter, Manager};

use crate::state::DeskState;

/// The event a burst of changes arrives as: a [`TeamChanges`].
pub const TEAM_CHANGES: &str = "factdesk://team-changes";
/// The event saying the team desk went away or came back: a [`TeamConnection`].
pub const TEAM_CONNECTION: &str = "factdesk://team-connection";

/// How long a burst may wait for more changes before it is sent.
const QUIET: Duration = Duration::from_millis(120);
/// The longest a change waits in a burst that does not end.
const MAX_WAIT: Duration = Duration::from_millis(400);
/// Most ids one event carries; past that the page is told to re-read everything.
const MAX_IDS: usize = 200;
/// How often a stopped watcher notices, and a watcher that never connected tries again.
const TICK: Duration = Duration::from_millis(250);

/// One row changed on the team desk (ids only).
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TeamChange {
    /// sources, claims, evidence, drafts, draft_revisions, reviews or confidence_overrides.
    pub table: String,
    /// The row's id (a review's `DRAFT/CLAIM`, a revision's draft is not named); `null` when
    /// too long to send.
    pub id: Option<String>,
    /// insert, update or delete.
    pub op: String,
    /// The login that made the change.
    pub actor: String,
}

/// A burst of changes, coalesced.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TeamChanges {
    pub changes: Vec<TeamChange>,
    /// More changed than `changes` holds: re-read everything shown.
    pub overflowed: bool,
}

/// Whether the team desk can be reached.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TeamConnection {
    pub connected: bool,
    /// The desk as a message names it (database, host, login; never a password).
    pub desk: String,
    /// Why it cannot be reached, in the server's or the network's words.
    pub reason: Option<String>,
}

/// The watcher of the open team desk, if any.
#[derive(Default)]
pub struct Live {
    stop: std::sync::Mutex<Option<Arc<AtomicBool>>>,
    generation: Arc<AtomicU64>,
}

impl Live {
    /// Stops watching (another desk is being opened, or a desk file).
    pub fn stop(&self) {
        let mut stop = self
            .stop
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(flag) = stop.take() {
            flag.store(true, Ordering::SeqCst);
        }
        self.generation.fetch_add(1, Ordering::SeqCst);
    }

    /// Watches the team desk at `address` until [`Live::stop`].
    pub fn watch(&self, app: AppHandle, address: TeamAddress) {
        self.stop();
        let flag = Arc::new(AtomicBool::new(false));
        *self
            .stop
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(flag.clone());
        let generation = self.generation.load(Ordering::SeqCst);
        let current = self.generation.clone();
        let still =
            move || !flag.load(Ordering::SeqCst) && current.load(Ordering::SeqCst) == generation;
        let spawned = std::thread::Builder::new()
            .name("team-desk-changes".into())
            .spawn(move || run(&app, &address, &still));
        if let Err(e) = spawned {
            eprintln!("factdesk: cannot watch the team desk for changes: {e}");
        }
    }
}

fn run(app: &AppHandle, address: &TeamAddress, still: &dyn Fn() -> bool) {
    let desk = factdesk_core::team::describe_url(address.url());
    let connection = |connected: bool, reason: Option<String>| {
        let _ = app.emit(
            TEAM_CONNECTION,
            TeamConnection {
                connected,
                desk: desk.clone(),
                reason,
            },
        );
    };
    // The desk was just opened, so this rarely fails; if it does, keep trying as a listener
    // that lost its server would, and say so once.
    let mut lost = false;
    let mut listener = loop {
        if !still() {
            return;
        }
        match Listener::connect(address.url()) {
            Ok(l) => {
                if lost {
                    reopen(app, address, still);
                    connection(true, None);
                }
                break l;
            }
            Err(e) => {
                if !lost {
                    connection(false, Some(e.to_string()));
                }
                lost = true;
                std::thread::sleep(TICK);
            }
        }
    };
    let mut burst = Burst::default();
    while still() {
        let wait = burst.wait().unwrap_or(TICK);
        match listener.next(wait) {
            Some(Event::Change(c)) => burst.add(TeamChange {
                table: c.table,
                id: c.id,
                op: format!("{:?}", c.op).to_lowercase(),
                actor: c.actor,
            }),
            Some(Event::Disconnected { reason }) => {
                burst.send(app);
                connection(false, Some(reason));
            }
            Some(Event::Reconnected) => {
                burst.send(app);
                reopen(app, address, still);
                connection(true, None);
            }
            None => {
                if burst.due() {
                    burst.send(app);
                }
            }
        }
        if burst.overdue() {
            burst.send(app);
        }
    }
}

/// Opens the desk's session again after the server came back: the old connection is closed
/// for good. Only while this watcher's desk is still the one open.
fn reopen(app: &AppHandle, address: &TeamAddress, still: &dyn Fn() -> bool) {
    if !still() {
        return;
    }
    match Desk::open_team(address.url()) {
        Ok(desk) => app.state::<DeskState>().put(desk),
        Err(e) => eprintln!("factdesk: the team desk is back but did not open again: {e}"),
    }
}

/// The changes heard since the last event.
#[derive(Default)]
struct Burst {
    changes: Vec<TeamChange>,
    overflowed: bool,
    first: Option<Instant>,
    last: Option<Instant>,
}

impl Burst {
    fn add(&mut self, change: TeamChange) {
        let now = Instant::now();
        self.first.get_or_insert(now);
        self.last = Some(now);
        if self.changes.len() < MAX_IDS {
            self.changes.push(change);
        } else {
            self.overflowed = true;
        }
    }

    /// How long to wait for more of this burst; `None` when there is none.
    fn wait(&self) -> Option<Duration> {
        let last = self.last?;
        Some(
            QUIET
                .saturating_sub(last.elapsed())
                .max(Duration::from_millis(1)),
        )
    }

    fn due(&self) -> bool {
        self.last.is_some_and(|t| t.elapsed() >= QUIET) || self.overdue()
    }

    fn overdue(&self) -> bool {
        self.first.is_some_and(|t| t.elapsed() >= MAX_WAIT)
    }

    fn send(&mut self, app: &AppHandle) {
        if self.first.is_none() {
            return;
        }
        let burst = std::mem::take(self);
        let _ = app.emit(
            TEAM_CHANGES,
            TeamChanges {
                changes: burst.changes,
                overflowed: burst.overflowed,
            },
        );
    }
}
