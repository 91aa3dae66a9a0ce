#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The team desk on a real PostgreSQL 15: the schema both engines share, and the roles the
//! database itself enforces. One throwaway cluster serves the binary (`cluster.rs`); each test
//! has its own database in it.

mod changes;
mod cluster;
mod copy;
mod edits;
mod first_screen;
mod load;
mod load_file;
mod ports;
mod reads;
mod roles;
mod schema;
mod seam;
mod search;
mod signoffs;
mod tls;

use cluster::Cluster;
use factdesk_core::team::{self, TeamRole};
use factdesk_core::{ClaimInput, Confidence};
use postgres::{Client, NoTls};

/// A team desk made by `team init` in a fresh database, with one writer and one editor.
pub struct TeamDesk {
    pub db: String,
    pub writer: String,
    pub editor: String,
    pub cluster: &'static Cluster,
}

impl TeamDesk {
    pub fn create() -> TeamDesk {
        TeamDesk::create_on(Cluster::shared())
    }

    /// A team desk on a cluster of its own, which the test may stop and restart.
    pub fn create_alone() -> TeamDesk {
        TeamDesk::create_on(Box::leak(Box::new(Cluster::start())))
    }

    pub fn create_on(cluster: &'static Cluster) -> TeamDesk {
        let db = cluster.fresh_database();
        team::init(&cluster.url(&db, "postgres")).unwrap();
        let desk = TeamDesk {
            writer: format!("{db}_writer"),
            editor: format!("{db}_editor"),
            db,
            cluster,
        };
        desk.add_user(&desk.writer, TeamRole::Writer);
        desk.add_user(&desk.editor, TeamRole::Editor);
        desk
    }

    pub fn admin_url(&self) -> String {
        self.cluster.url(&self.db, "postgres")
    }

    pub fn url(&self, user: &str) -> String {
        self.cluster.url(&self.db, user)
    }

    pub fn add_user(&self, name: &str, role: TeamRole) {
        team::add_user(&self.admin_url(), name, role).unwrap();
    }

    /// A session as `user`, through core's connect (which sets the schema search path).
    pub fn session(&self, user: &str) -> Client {
        team::connect(&self.url(user)).unwrap()
    }

    /// The superuser, outside core, for looking at what the database holds.
    pub fn admin(&self) -> Client {
        Client::connect(&self.admin_url(), NoTls).unwrap()
    }
}

/// Inserts a claim as whoever `client` is; returns its id.
pub fn insert_claim(client: &mut Client, id: &str, text: &str) {
    client
        .execute(
            "INSERT INTO claims (id, text, confidence, created_at, updated_at)
             VALUES ($1, $2, 'reported', '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z')",
            &[&id, &text],
        )
        .unwrap();
}

pub fn insert_draft(client: &mut Client, id: &str) {
    client
        .execute(
            "INSERT INTO drafts (id, title, body, created_at, updated_at)
             VALUES ($1, 'Season two explainer', 'A body.', '2026-01-05T10:00:00Z',
                     '2026-01-05T10:00:00Z')",
            &[&id],
        )
        .unwrap();
}

/// Signs off `claim` in `draft` as whoever `client` is, the way the storage seam will.
pub fn approve(client: &mut Client, draft: &str, claim: &str) -> Result<u64, postgres::Error> {
    client.execute(
        "INSERT INTO reviews (draft_id, claim_id, state, comment, actor, at)
         VALUES ($1, $2, 'approved', NULL, 'someone-else', '2026-01-05T11:00:00Z')",
        &[&draft, &claim],
    )
}

/// A new claim at `reported`, with no date, status or topics.
pub fn reported(text: impl Into<String>) -> ClaimInput {
    ClaimInput {
        text: text.into(),
        confidence: Confidence::Reported,
        as_of: None,
        status: None,
        topics: vec![],
        settled: false,
    }
}
