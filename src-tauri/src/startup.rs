//! Where start-up time goes: the shell's own phases (set-up, desk opened, page load) and the
//! page's marks (bundle evaluated, first IPC answered, editor loaded), all as milliseconds after
//! `run` began, logged as one line at the first frame and one when the draft is editable.
//! `make measure` reads these lines (tests/measure.sh); the figures are in the README.
//!
//! The page sends its marks as wall-clock times (`performance.timeOrigin + performance.now()`),
//! so they sit on the shell's timeline without the IPC's own delay. The webview is untrusted: it
//! names a phase from a fixed list and a number; nothing it sends is printed as text.

use std::sync::{Mutex, OnceLock};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use serde::Deserialize;

/// When `run` began, on the monotonic clock and on the wall clock (the page's marks).
static STARTED: OnceLock<(Instant, f64)> = OnceLock::new();
/// The shell's phases, in the order reached.
static SHELL: Mutex<Vec<(&'static str, u128)>> = Mutex::new(Vec::new());

fn wall_ms() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1000.0)
        .unwrap_or_default()
}

/// Starts the clock (the first line of `run`).
pub fn start() {
    STARTED.get_or_init(|| (Instant::now(), wall_ms()));
}

/// Milliseconds since `start`.
pub fn elapsed_ms() -> u128 {
    STARTED
        .get()
        .map(|(t, _)| t.elapsed().as_millis())
        .unwrap_or_default()
}

/// Records that the shell reached `phase` now (only the first time).
pub fn shell(phase: &'static str) {
    let at = elapsed_ms();
    let mut phases = SHELL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if !phases.iter().any(|(p, _)| *p == phase) {
        phases.push((phase, at));
    }
}

/// A phase of the page's start, as the page names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PagePhase {
    /// The webview began loading the page (`performance.timeOrigin`).
    Navigation,
    /// The HTML was received.
    Html,
    /// The JS bundle was fetched, parsed and evaluated (main.ts began to run).
    Bundle,
    /// The app's components were mounted (not yet painted).
    Mounted,
    /// The first IPC call answered (the first screen's data).
    FirstIpc,
    /// The editor's module (CodeMirror) was loaded.
    EditorLoaded,
}

impl PagePhase {
    fn label(self) -> &'static str {
        match self {
            PagePhase::Navigation => "page load",
            PagePhase::Html => "html",
            PagePhase::Bundle => "bundle evaluated",
            PagePhase::Mounted => "mounted",
            PagePhase::FirstIpc => "first ipc answered",
            PagePhase::EditorLoaded => "editor module loaded",
        }
    }
}

/// One mark of the page: a phase and the wall-clock time it was reached, in ms since the epoch.
#[derive(Debug, Clone, Copy, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PageMark {
    pub phase: PagePhase,
    pub at: f64,
}

/// "setup 41 ms, desk opened 44 ms, …": the shell's phases and the page's marks, by time.
fn timeline(marks: &[PageMark]) -> String {
    let origin = STARTED.get().map(|(_, wall)| *wall).unwrap_or_default();
    let mut all: Vec<(&str, i64)> = SHELL
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .iter()
        .map(|(p, at)| (*p, i64::try_from(*at).unwrap_or(i64::MAX)))
        .collect();
    for mark in marks.iter().filter(|m| m.at.is_finite()) {
        // Rounded to whole ms; a mark far outside the run (a bad clock) is still shown as sent.
        all.push((mark.phase.label(), (mark.at - origin).round() as i64));
    }
    all.sort_by_key(|(_, at)| *at);
    all.iter()
        .map(|(p, at)| format!("{p} {at} ms"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Logs the first frame: its time, and the phases before it.
pub fn first_frame(marks: &[PageMark]) {
    let ms = elapsed_ms();
    eprintln!("factdesk: first frame {ms} ms after start");
    eprintln!(
        "factdesk: start-up: {}, first frame {ms} ms",
        timeline(marks)
    );
}

/// Logs when the draft became editable (once per run: later drafts are not start-up).
pub fn draft_editable(marks: &[PageMark]) {
    static LOGGED: OnceLock<()> = OnceLock::new();
    if LOGGED.set(()).is_err() {
        return;
    }
    let ms = elapsed_ms();
    eprintln!("factdesk: draft editable {ms} ms after start");
    eprintln!(
        "factdesk: to the draft: {}, draft editable {ms} ms",
        timeline(marks)
    );
}
