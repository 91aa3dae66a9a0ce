//! Team desks for the suites that run on both engines (`desk_on_team`, `review_on_team`, …): each
//! test gets a database of its own on the binary's throwaway cluster, logged in as an editor.
//!
//! `team init` runs once per binary, on a template database; each test's database is a copy of
//! it (`CREATE DATABASE … TEMPLATE`), which costs a fraction of an init. Logins are cluster-wide,
//! so one set serves every copy: [`EDITOR`] (who the suites act as: an editor writes everything a
//! writer does, plus reviews and overrides), [`SECOND_EDITOR`] (to approve what [`EDITOR`]
//! created, which row-level security refuses to its creator) and [`WRITER`].
//!
//! Invariant: nothing stays connected to the template once it is made (PostgreSQL copies only a
//! database nobody is connected to).

#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

use factdesk_core::team::{self, TeamRole};
use factdesk_core::{Clock, Desk};

use crate::cluster::Cluster;

pub const EDITOR: &str = "suite_editor";
pub const SECOND_EDITOR: &str = "suite_second_editor";
pub const WRITER: &str = "suite_writer";

/// The template database, made (with the logins) by the first test that asks.
fn template() -> &'static str {
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let cluster = Cluster::shared();
        let db = cluster.fresh_database();
        let admin = cluster.url(&db, "postgres");
        team::init(&admin).unwrap_or_else(|e| panic!("team init on the template: {e}"));
        team::add_user(&admin, EDITOR, TeamRole::Editor).unwrap();
        team::add_user(&admin, SECOND_EDITOR, TeamRole::Editor).unwrap();
        team::add_user(&admin, WRITER, TeamRole::Writer).unwrap();
        db
    })
}

/// A new database holding an empty team desk; returns its name.
pub fn fresh_desk_database() -> String {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let template = template();
    let cluster = Cluster::shared();
    let name = format!(
        "d{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::SeqCst)
    );
    let mut admin = postgres::Client::connect(&cluster.admin_url, postgres::NoTls)
        .unwrap_or_else(|e| panic!("connecting to the test cluster as its superuser: {e}"));
    admin
        .batch_execute(&format!("CREATE DATABASE {name} TEMPLATE {template}"))
        .unwrap_or_else(|e| panic!("CREATE DATABASE {name} TEMPLATE {template}: {e}"));
    name
}

/// An empty team desk of its own, as [`EDITOR`], on `clock`.
pub fn team_desk(clock: impl Clock + 'static) -> Desk {
    let db = fresh_desk_database();
    Desk::open_team(&Cluster::shared().url(&db, EDITOR))
        .unwrap_or_else(|e| panic!("opening team desk {db}: {e}"))
        .with_clock(clock)
}

/// The editor login `name`, made on the cluster the first time a test asks for it.
pub fn login(name: &str) -> String {
    static MADE: Mutex<Vec<String>> = Mutex::new(Vec::new());
    let mut made = MADE.lock().unwrap_or_else(|e| e.into_inner());
    if !made.iter().any(|m| m == name) && ![EDITOR, SECOND_EDITOR, WRITER].contains(&name) {
        // Roles are the cluster's: made from the `postgres` database, so that nothing connects
        // to the template while a test copies it.
        let admin = Cluster::shared().url("postgres", "postgres");
        team::add_user(&admin, name, TeamRole::Editor)
            .unwrap_or_else(|e| panic!("adding the login {name}: {e}"));
        made.push(name.to_string());
    }
    name.to_string()
}

/// The database `desk` (a team desk) lives in.
pub fn database_of(desk: &Desk) -> String {
    desk.read(|db| db.query_row("SELECT CAST(current_database() AS TEXT)", &[], |r| r.get(0)))
        .unwrap()
}

/// The same team desk as `desk`, opened by `login`, on `clock`.
pub fn same_desk_as(desk: &Desk, login: &str, clock: impl Clock + 'static) -> Desk {
    Desk::open_team(&Cluster::shared().url(&database_of(desk), login))
        .unwrap()
        .with_clock(clock)
}
