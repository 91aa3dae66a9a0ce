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

use super::{Db, Pg, PgConn, PgInner};
use crate::error::{CoreError, Result};
use crate::team;

/// The transaction a [`Session::run`] begins.
#[derive(Clone, Copy)]
enum Access {
    Write,
    Read,
    /// No transaction: one statement (see [`Session::read_one`]).
    One,
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

    /// Runs `f`, which reads with one statement, outside an explicit transaction: one statement
    /// already sees one snapshot, so [`Session::read`]'s START and COMMIT would be two round
    /// trips for nothing. A second statement is refused (`Internal`), never run on a second
    /// snapshot. For a page of a list or a count, the same code as on a desk file.
    pub fn read_one<T>(&mut self, f: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        self.run(Access::One, f)
    }

    fn run<T>(&mut self, access: Access, f: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        let Session {
            client, statements, ..
        } = self;
        let run = || {
            let tx = match access {
                Access::Write => PgConn::Transaction(client.transaction()?),
                Access::Read => PgConn::Transaction(
                    client
                        .build_transaction()
                        .isolation_level(IsolationLevel::RepeatableRead)
                        .read_only(true)
                        .start()?,
                ),
                Access::One => PgConn::Single { client, ran: false },
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
        let tx = PgConn::Transaction(client.transaction()?);
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
        Db::Postgres(pg) => match pg.inner.into_inner().tx {
            PgConn::Transaction(tx) => Ok(tx.commit()?),
            PgConn::Single { .. } => Ok(()),
        },
        Db::Sqlite(_) => Ok(()),
    }
}
