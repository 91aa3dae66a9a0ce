//! What changed on a team desk, as PostgreSQL's LISTEN/NOTIFY tells it: `changes.sql`'s
//! triggers announce each committed change to a draft's records (table, row id, operation, and
//! the login that made it) on channel [`CHANNEL`]; a [`Listener`] turns those into [`Event`]s.
//!
//! Invariants and limits:
//! - A notification is a hint to re-read, never the record itself: it carries ids only, and the
//!   tables stay the truth. PostgreSQL delivers it only after the writer's commit, so a
//!   rolled-back change is never announced.
//! - NOTIFY takes no privilege: any login of the desk can send a payload on the channel. The
//!   actor of a [`Change`] is what the trigger wrote (`current_user`) unless someone forged it;
//!   who did what for the record is in the tables (`created_by`, `actor`, history), which the
//!   database stamps. Payloads that do not parse are skipped.
//! - While the connection is down nothing is delivered, and what was committed meanwhile is
//!   never replayed. The listener says so: [`Event::Disconnected`] when it loses the server,
//!   then it reconnects, LISTENs again and yields [`Event::Reconnected`], after which a reader
//!   re-reads what it shows.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

use postgres::Client;
use postgres::fallible_iterator::FallibleIterator;
use serde::{Deserialize, Serialize};

use crate::error::Result;

/// The channel `changes.sql` notifies on.
pub const CHANNEL: &str = "factdesk_changes";

/// How often a listener that lost its server tries again.
const RETRY: Duration = Duration::from_millis(200);

/// What a statement did to a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    Insert,
    Update,
    Delete,
}

/// One row changed on the team desk and committed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// The table: sources, claims, evidence, drafts, draft_revisions, reviews or
    /// confidence_overrides.
    pub table: String,
    /// The row's key: its id; a revision's `seq`; a review's `DRAFT/CLAIM`; an override's claim.
    /// `None` for a row whose key was too long to send (over 200 bytes): re-read the table.
    pub id: Option<String>,
    pub op: Op,
    /// The login that made the change.
    pub actor: String,
}

/// What a [`Listener`] reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    Change(Change),
    /// The connection to the server broke; the listener keeps trying to reconnect.
    Disconnected {
        reason: String,
    },
    /// Listening again after a [`Event::Disconnected`]: changes committed in between were not
    /// announced, so whatever a reader shows must be re-read.
    Reconnected,
}

/// A notification's payload as `changes.sql` writes it.
#[derive(Deserialize)]
struct Payload {
    table: String,
    op: Op,
    actor: String,
    ids: Vec<String>,
    #[serde(default)]
    overflow: usize,
}

/// A connection LISTENing on a team desk's [`CHANNEL`], which reconnects by itself.
pub struct Listener {
    url: String,
    desk: String,
    client: Option<Client>,
    pending: VecDeque<Event>,
}

impl Listener {
    /// Connects to the team desk at `url` and starts listening; a desk that cannot be reached
    /// now is an error (later losses are events).
    pub fn connect(url: &str) -> Result<Listener> {
        let desk = super::describe_url(url);
        let client = listen(url).map_err(|e| super::at_desk(e, &desk))?;
        Ok(Listener {
            url: url.to_string(),
            desk,
            client: Some(client),
            pending: VecDeque::new(),
        })
    }

    /// The desk, as messages name it (no password).
    pub fn desk(&self) -> &str {
        &self.desk
    }

    /// The next event, waiting at most `timeout`; `None` when nothing happened by then. While
    /// the server is away this keeps reconnecting until `timeout` runs out.
    pub fn next(&mut self, timeout: Duration) -> Option<Event> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(event) = self.pending.pop_front() {
                return Some(event);
            }
            let left = deadline.saturating_duration_since(Instant::now());
            let Some(client) = self.client.as_mut() else {
                match listen(&self.url) {
                    Ok(client) => {
                        self.client = Some(client);
                        return Some(Event::Reconnected);
                    }
                    Err(_) if left.is_zero() => return None,
                    Err(_) => {
                        std::thread::sleep(left.min(RETRY));
                        continue;
                    }
                }
            };
            let got = client.notifications().timeout_iter(left).next();
            match got {
                Ok(Some(n)) if n.channel() == CHANNEL => self.pending.extend(parse(n.payload())),
                Ok(Some(_)) => {}
                Ok(None) if client.is_closed() => {
                    return Some(self.lost("the server closed the connection".into()));
                }
                Ok(None) => return None,
                Err(e) => return Some(self.lost(super::schema::describe(&e))),
            }
        }
    }

    fn lost(&mut self, reason: String) -> Event {
        self.client = None;
        Event::Disconnected { reason }
    }
}

/// A new connection to `url`, LISTENing.
fn listen(url: &str) -> Result<Client> {
    let mut client = super::connect(url)?;
    client.batch_execute(&format!("LISTEN {CHANNEL}"))?;
    Ok(client)
}

/// The changes a payload announces; nothing for one that does not parse.
fn parse(payload: &str) -> Vec<Event> {
    let Ok(p) = serde_json::from_str::<Payload>(payload) else {
        return Vec::new();
    };
    let change = |id| {
        Event::Change(Change {
            table: p.table.clone(),
            id,
            op: p.op,
            actor: p.actor.clone(),
        })
    };
    let mut events: Vec<Event> = p.ids.iter().map(|id| change(Some(id.clone()))).collect();
    events.extend((0..p.overflow).map(|_| change(None)));
    events
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_payload_becomes_one_change_per_id_and_a_foreign_one_nothing() {
        let got = parse(
            r#"{"table":"claims","op":"insert","actor":"ana","ids":["01A","01B"],"overflow":1}"#,
        );
        let ids: Vec<Option<&str>> = got
            .iter()
            .map(|e| match e {
                Event::Change(c) => c.id.as_deref(),
                _ => panic!("only changes: {e:?}"),
            })
            .collect();
        assert_eq!(
            ids,
            [Some("01A"), Some("01B"), None],
            "an overflowed id is a None"
        );
        assert!(
            parse("hello").is_empty(),
            "someone else's NOTIFY is skipped"
        );
        assert!(parse(r#"{"table":"claims","op":"truncate","actor":"a","ids":[]}"#).is_empty());
    }
}
