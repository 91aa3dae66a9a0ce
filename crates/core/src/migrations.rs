//! The desk's schema as an ordered, append-only list of migrations. Never edit a migration that
//! has shipped; add a new one. The version lives in `PRAGMA user_version`.

use rusqlite::Connection;
use rusqlite_migration::{M, Migrations};

use crate::error::{CoreError, Result};

const INITIAL: &str = r#"
CREATE TABLE sources (
    id               TEXT PRIMARY KEY,
    title            TEXT NOT NULL,
    outlet           TEXT,
    author           TEXT,
    url              TEXT,
    published        TEXT,
    accessed         TEXT,
    language         TEXT,
    kind             TEXT NOT NULL DEFAULT 'other',
    reliability      TEXT NOT NULL DEFAULT 'unknown',
    via              TEXT REFERENCES sources(id) ON DELETE RESTRICT,
    kept_text        TEXT,
    kept_text_sha256 TEXT,
    notes            TEXT,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX sources_via ON sources(via);

CREATE TABLE claims (
    id            TEXT PRIMARY KEY,
    text          TEXT NOT NULL CHECK (length(trim(text)) > 0),
    confidence    TEXT NOT NULL,
    as_of         TEXT,
    status        TEXT NOT NULL DEFAULT 'active',
    superseded_by TEXT REFERENCES claims(id) ON DELETE RESTRICT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);

CREATE TABLE claim_topics (
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    topic    TEXT NOT NULL,
    PRIMARY KEY (claim_id, topic)
) WITHOUT ROWID;

CREATE TABLE evidence (
    id             TEXT PRIMARY KEY,
    claim_id       TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    source_id      TEXT NOT NULL REFERENCES sources(id) ON DELETE RESTRICT,
    quote          TEXT,
    locator        TEXT,
    stance         TEXT NOT NULL DEFAULT 'supports',
    translated_by  TEXT,
    original_quote TEXT,
    created_at     TEXT NOT NULL
);
CREATE INDEX evidence_claim ON evidence(claim_id);
CREATE INDEX evidence_source ON evidence(source_id);

CREATE TABLE drafts (
    id         TEXT PRIMARY KEY,
    title      TEXT NOT NULL,
    body       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Append-only audit trail, written in the same transaction as the change it records.
CREATE TABLE history (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    record_kind TEXT NOT NULL,
    record_id   TEXT NOT NULL,
    action      TEXT NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    field       TEXT,
    before      TEXT,
    after       TEXT
);
CREATE INDEX history_record ON history(record_kind, record_id);
CREATE TRIGGER history_is_append_only_update BEFORE UPDATE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
CREATE TRIGGER history_is_append_only_delete BEFORE DELETE ON history
BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
"#;

/// Every save of a draft keeps a revision; restoring one is itself a new revision.
const DRAFT_REVISIONS: &str = r#"
CREATE TABLE draft_revisions (
    seq           INTEGER PRIMARY KEY AUTOINCREMENT,
    draft_id      TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    body          TEXT NOT NULL,
    saved_at      TEXT NOT NULL,
    actor         TEXT NOT NULL,
    restored_from INTEGER REFERENCES draft_revisions(seq)
);
CREATE INDEX draft_revisions_draft ON draft_revisions(draft_id, seq);
INSERT INTO draft_revisions (draft_id, title, body, saved_at, actor)
    SELECT id, title, body, updated_at, 'local' FROM drafts;
"#;

/// Editor review: confidence overrides with reasons, per-claim sign-off in a draft, and the desk's
/// settings (the local profile, the freshness window).
const REVIEW: &str = r#"
CREATE TABLE confidence_overrides (
    claim_id   TEXT PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    confidence TEXT NOT NULL,
    reason     TEXT NOT NULL,
    actor      TEXT NOT NULL,
    at         TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE reviews (
    draft_id TEXT NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    state    TEXT NOT NULL,
    comment  TEXT,
    actor    TEXT NOT NULL,
    at       TEXT NOT NULL,
    PRIMARY KEY (draft_id, claim_id)
) WITHOUT ROWID;
CREATE INDEX reviews_claim ON reviews(claim_id);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
"#;

/// Record versions: every change to a source or claim counts up its `version`, and the history row
/// of that change carries the version it produced. An edit made from what an editor saw at an
/// older version can then be merged field by field against the row as it is (see `merge.rs`).
const RECORD_VERSIONS: &str = r#"
ALTER TABLE sources ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE claims ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE history ADD COLUMN version INTEGER;
"#;

/// Revisions kept small (issue 8): why each was saved, its word count and size fixed at save
/// time, and its body compressed, whole (a keyframe) or against the revision before it. The SQL
/// adds the columns; `revisions::convert_plain_bodies` then packs every existing body and drops
/// the plain `body` column, in the same transaction, so an old desk keeps every revision.
const REVISION_STORAGE: &str = r#"
ALTER TABLE draft_revisions ADD COLUMN reason TEXT NOT NULL DEFAULT 'explicit'
    CHECK (reason IN ('pause', 'typing', 'explicit', 'restore', 'export'));
ALTER TABLE draft_revisions ADD COLUMN started_at TEXT;
ALTER TABLE draft_revisions ADD COLUMN words INTEGER NOT NULL DEFAULT 0;
ALTER TABLE draft_revisions ADD COLUMN bytes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE draft_revisions ADD COLUMN base INTEGER REFERENCES draft_revisions(seq);
ALTER TABLE draft_revisions ADD COLUMN chain INTEGER NOT NULL DEFAULT 0;
ALTER TABLE draft_revisions ADD COLUMN packed BLOB;
"#;

/// Search and paged lists (issue 9): FTS5 indexes over sources, claims and drafts, kept in step by
/// triggers in the same transaction as every change (see `search.rs` for the invariants), and the
/// indexes the keyset pages and their filters walk (see `pages.rs`). Fills the indexes from the
/// rows already in the desk.
const SEARCH_INDEX: &str = include_str!("search_index.sql");

/// Scoped reads (issue 9): a draft operation reads only the records its draft names. Exports
/// read each cited source's citation key, stored with the source (`export/citekeys.rs`) rather
/// than worked out over every source; the SQL adds the column, `citekeys::backfill` fills it for
/// an older desk as the whole-desk assignment did. Every other scoped read runs on the primary
/// keys and the indexes already there (`evidence_claim`, `sources` by id, `reviews` by draft).
const SCOPED_READ_INDEXES: &str = r#"
ALTER TABLE sources ADD COLUMN cite_key TEXT;
CREATE UNIQUE INDEX sources_cite_key ON sources(cite_key);
"#;

/// Article intake (issue 11): candidate claims proposed from a recorded article, kept pending
/// until the writer accepts or rejects them (`intake/record.rs`). The proposal itself is JSON in
/// `body`; state and the claim it became are columns, so lists filter on them.
const INTAKE_CANDIDATES: &str = r#"
CREATE TABLE intake_candidates (
    id         TEXT PRIMARY KEY,
    source_id  TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    state      TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'accepted', 'rejected')),
    body       TEXT NOT NULL,
    claim_id   TEXT REFERENCES claims(id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    decided_at TEXT
);
CREATE INDEX intake_candidates_source ON intake_candidates(source_id, seq);
CREATE INDEX intake_candidates_state ON intake_candidates(state, source_id, seq);
"#;

/// Issue 10: a claim can be settled (a premiere date, an award result: it never goes stale); the
/// desk keeps a list of people with their Hangul names and the romanisations they are known by;
/// and every name spelling written in a draft, claim, source or the people list is kept under the
/// keys `checks/names.rs` buckets spellings by, so `name-variant` compares a draft's names with
/// the whole desk's through an index (`name_keys_by_key`) instead of reading every record.
/// `names::backfill` fills the index for an older desk.
const SETTLED_CLAIMS_AND_PEOPLE: &str = r#"
ALTER TABLE claims ADD COLUMN settled INTEGER NOT NULL DEFAULT 0 CHECK (settled IN (0, 1));
CREATE TABLE people (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    hangul TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE person_aliases (
    person_id TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    PRIMARY KEY (person_id, alias)
);
CREATE TABLE name_keys (
    key TEXT NOT NULL,
    spelling TEXT NOT NULL,
    record_kind TEXT NOT NULL,
    record_id TEXT NOT NULL
);
CREATE INDEX people_by_name ON people(name);
CREATE INDEX person_aliases_by_alias ON person_aliases(alias);
CREATE INDEX name_keys_by_key ON name_keys(key);
CREATE INDEX name_keys_by_record ON name_keys(record_kind, record_id);
"#;

/// Issue 10: the writer can say a piece of evidence is the party itself speaking (a person on
/// their own plans or words), the one way besides an official source, a press release or a dataset
/// to `confirmed`. Evidence linked before says no.
const EVIDENCE_FIRST_PARTY: &str = r#"
ALTER TABLE evidence ADD COLUMN first_party INTEGER NOT NULL DEFAULT 0
    CHECK (first_party IN (0, 1));
"#;

/// Issue 11, kept text and recheck (`kept_text.rs`): an article pasted again is found by its URL
/// (else outlet and title) through these indexes, and each evidence row whose quote vanished
/// from the new text is flagged until the writer edits that evidence (the trigger), relinks it
/// (deleting the row drops its flag) or the quote is back in a later text.
const SOURCE_CHANGES: &str = r#"
CREATE INDEX sources_url ON sources(url);
CREATE INDEX sources_title ON sources(title COLLATE NOCASE);
CREATE TABLE evidence_source_changes (
    evidence_id TEXT PRIMARY KEY REFERENCES evidence(id) ON DELETE CASCADE,
    source_id   TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    old_sha256  TEXT,
    new_sha256  TEXT NOT NULL,
    changed_at  TEXT NOT NULL
);
CREATE TRIGGER evidence_edit_clears_source_change AFTER UPDATE ON evidence
BEGIN
    DELETE FROM evidence_source_changes WHERE evidence_id = NEW.id;
END;
"#;

/// "What we know" by topic (issue 13): a topic's claims are read through this index, never by
/// scanning every claim's topics.
const CLAIM_TOPICS_BY_TOPIC: &str = r#"
CREATE INDEX claim_topics_by_topic ON claim_topics(topic, claim_id);
"#;

/// Stored quote checks (`quote_checks.rs`): whether each quoting evidence's words are in the
/// kept text its source reads, against that text's hash, worked out when either is written so
/// the check at each pause reads these rows by evidence id instead of the texts. The triggers
/// drop a row whose evidence quote or holder text changes; `quote_checks::backfill` fills the
/// table for an older desk.
const QUOTE_CHECKS: &str = r#"
CREATE TABLE evidence_quote_checks (
    evidence_id      TEXT PRIMARY KEY REFERENCES evidence(id) ON DELETE CASCADE,
    holder_id        TEXT NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    kept_text_sha256 TEXT NOT NULL,
    found            INTEGER NOT NULL CHECK (found IN (0, 1))
) WITHOUT ROWID;
CREATE INDEX evidence_quote_checks_holder ON evidence_quote_checks(holder_id);
CREATE TRIGGER evidence_quote_edit_clears_check
AFTER UPDATE OF quote, original_quote, source_id ON evidence
BEGIN
    DELETE FROM evidence_quote_checks WHERE evidence_id = NEW.id;
END;
CREATE TRIGGER kept_text_change_clears_quote_checks AFTER UPDATE OF kept_text ON sources
WHEN OLD.kept_text IS NOT NEW.kept_text
BEGIN
    DELETE FROM evidence_quote_checks WHERE holder_id = NEW.id;
END;
"#;

/// Copying drafts between desks (`team/copy.rs`): the desk's own id, by which another desk's
/// ledger names it, and this desk's ledger of what each copied record looked like (its hash)
/// at the last copy with each peer desk, so a record changed on both sides since is a conflict.
/// `here_key` is the record's key on this desk, `there_key` on the peer (they differ only for
/// revisions, whose `seq` each desk numbers itself).
const COPIES: &str = r#"
INSERT OR IGNORE INTO settings (key, value) VALUES ('desk.id', lower(hex(randomblob(16))));
CREATE TABLE copies (
    peer      TEXT NOT NULL,
    tbl       TEXT NOT NULL,
    here_key  TEXT NOT NULL,
    there_key TEXT NOT NULL,
    hash      TEXT NOT NULL,
    copied_at TEXT NOT NULL,
    PRIMARY KEY (peer, tbl, here_key)
) WITHOUT ROWID;
CREATE INDEX copies_there ON copies(peer, tbl, there_key);
"#;

/// The migrations this binary knows, oldest first. Append only. (A function, not a constant,
/// because a migration with a Rust step cannot be built in a constant.)
fn list() -> Vec<M<'static>> {
    vec![
        M::up(INITIAL),
        M::up(DRAFT_REVISIONS),
        M::up(REVIEW),
        M::up(RECORD_VERSIONS),
        M::up_with_hook(REVISION_STORAGE, crate::revisions::convert_plain_bodies),
        M::up(SEARCH_INDEX),
        M::up_with_hook(SCOPED_READ_INDEXES, crate::export::citekeys::backfill),
        M::up(INTAKE_CANDIDATES),
        M::up_with_hook(SETTLED_CLAIMS_AND_PEOPLE, crate::checks::names::backfill),
        M::up(EVIDENCE_FIRST_PARTY),
        M::up(SOURCE_CHANGES),
        M::up(CLAIM_TOPICS_BY_TOPIC),
        M::up_with_hook(QUOTE_CHECKS, crate::quote_checks::backfill),
        M::up(COPIES),
    ]
}

pub fn all() -> Migrations<'static> {
    Migrations::new(list())
}

/// The newest desk schema this binary can open.
pub fn latest_version() -> i64 {
    list().len() as i64
}

/// Brings a desk to schema `version` exactly, as an older Factdesk left it (tests of upgrades).
pub fn up_to(conn: &mut Connection, version: usize) -> Result<()> {
    all()
        .to_version(conn, version)
        .map_err(|e| CoreError::Migration(e.to_string()))
}

/// Brings `conn` up to the newest schema in one transaction, or refuses a desk that is newer than
/// this binary.
pub fn apply(conn: &mut Connection, migrations: &Migrations<'_>, known: i64) -> Result<()> {
    let found: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
    if found > known {
        return Err(CoreError::DeskTooNew {
            found,
            supported: known,
        });
    }
    migrations
        .to_latest(conn)
        .map_err(|e| CoreError::Migration(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(all().validate().is_ok());
    }

    #[test]
    fn a_failing_migration_leaves_nothing_half_applied() {
        let mut conn = Connection::open_in_memory().unwrap();
        let broken = Migrations::new(vec![
            M::up("CREATE TABLE first_step (x);"),
            M::up("CREATE TABLE second_step (y); THIS IS NOT SQL;"),
        ]);
        assert!(apply(&mut conn, &broken, 2).is_err());
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name IN ('first_step', 'second_step')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(
            (tables, version),
            (0, 0),
            "a failed upgrade must roll back every step"
        );
    }
}
