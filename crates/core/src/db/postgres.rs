//! A session on a team desk: its connection, the statements prepared on it, and the desk's name
//! for messages. Each [`Session::write`] or [`Session::read`] is one transaction seen through a
//! [`Db`].
//!
//! Invariants: prepared statements belong to the connection, so they live as long as it and are
//! dropped with it when the server goes away (`Unreachable`); a write commits only when its
//! closure returns `Ok`, and any failure rolls it back.

use std::cell::RefCell;
use std::collections::HashMap;

use postgres::{Client, IsolationLevel};

use super::{Db, Pg, PgInner};
use crate::error::{CoreError, Result};
use crate::team;

/// The transaction a [`Session::run`] begins.
#[derive(Clone, Copy)]
enum Access {
    Write,
    Read,
}

pub struct Session {
    client: Client,
    statements: HashMap<String, postgres::Statement>,
    /// The desk as messages name it, without a password (`team::describe_url`).
    desk: String,
}

impl Session {
    /// Connects to the team desk at `url` (see `team::connect`).
    pub fn connect(url: &str) -> Result<Session> {
        let client = team::connect(url)?;
        Ok(Session::from_client(client, team::describe_url(url)))
    }

    /// A session over a connection already made (its search path set, as `team::connect`
    /// sets it); `desk` names it in messages.
    pub fn from_client(client: Client, desk: impl Into<String>) -> Session {
        Session {
            client,
            statements: HashMap::new(),
            desk: desk.into(),
        }
    }

    /// The desk as messages name it.
    pub fn desk(&self) -> &str {
        &self.desk
    }

    /// Names the desk in messages from now on (once the session knows more of it).
    pub fn set_desk(&mut self, desk: impl Into<String>) {
        self.desk = desk.into();
    }

    /// Runs `f` in one read-write transaction, committed when `f` returns `Ok`.
    pub fn write<T>(&mut self, f: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        self.run(Access::Write, f)
    }

    /// Runs `f` in one read-only transaction that sees one snapshot of the desk (repeatable
    /// read), as a desk file's reader does.
    pub fn read<T>(&mut self, f: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        self.run(Access::Read, f)
    }

    fn run<T>(&mut self, access: Access, f: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        let Session {
            client, statements, ..
        } = self;
        let run = || {
            let tx = match access {
                Access::Write => client.transaction()?,
                Access::Read => client
                    .build_transaction()
                    .isolation_level(IsolationLevel::RepeatableRead)
                    .read_only(true)
                    .start()?,
            };
            let db = Db::Postgres(Pg {
                inner: RefCell::new(PgInner { tx, statements }),
            });
            let out = f(&db)?;
            commit(db)?;
            Ok(out)
        };
        let out = run();
        self.settle(out)
    }

    /// Starts one read-write transaction, for a caller that must hold its [`Db`] by value (the
    /// desk's `Write`); [`commit`] it, or drop it to roll back, then [`Session::settle`] what
    /// came of it.
    pub(crate) fn begin(&mut self) -> Result<Db<'_>> {
        let Session {
            client, statements, ..
        } = self;
        let tx = client.transaction()?;
        Ok(Db::Postgres(Pg {
            inner: RefCell::new(PgInner { tx, statements }),
        }))
    }

    /// The login this session acts as: what the team desk stamps on every row it attributes.
    pub fn login(&mut self) -> Result<String> {
        self.read(|db| db.query_row("SELECT CAST(current_user AS TEXT)", &[], |r| r.get(0)))
    }

    /// Names the desk in an `Unreachable` error, and forgets the statements of a connection
    /// that is gone.
    pub(crate) fn settle<T>(&mut self, out: Result<T>) -> Result<T> {
        out.map_err(|e| {
            if matches!(e, CoreError::Unreachable { .. }) || self.client.is_closed() {
                self.statements.clear();
            }
            team::at_desk(e, &self.desk)
        })
    }
}

/// Commits a transaction [`Session::begin`] started (a desk file's `Db` has nothing to commit).
pub(crate) fn commit(db: Db<'_>) -> Result<()> {
    match db {
        Db::Postgres(pg) => Ok(pg.inner.into_inner().tx.commit()?),
        Db::Sqlite(_) => Ok(()),
    }
}
