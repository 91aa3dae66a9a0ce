-- The team desk's tables (issue 12): SQLite's desk after every migration of `migrations.rs`,
-- in PostgreSQL's words. Runs as factdesk_owner with search_path = factdesk, public.
--
-- Types by the mapping in `schema.rs`: TEXT -> text (times stay RFC 3339 text, so one query
-- serves both engines), INTEGER -> bigint, BLOB -> bytea. AUTOINCREMENT -> identity.
-- What only PostgreSQL has (see `schema::PG_ONLY_COLUMNS`): `search` tsvector columns, where
-- SQLite has FTS5 tables, and claims' `created_by`/`edited_by`, which row-level security reads.

-- Words of a record's searchable fields, joined with spaces, NULLs skipped: what the tsvector
-- and the trigram indexes hold. IMMUTABLE, so generated columns and indexes may call it.
CREATE FUNCTION search_text(VARIADIC parts text[]) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN array_to_string(parts, ' ');

-- Who wrote a row is the session's role, never a name the client sends.
CREATE FUNCTION stamp_actor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.actor := current_user;
    RETURN NEW;
END $$;

CREATE TABLE sources (
    id               text PRIMARY KEY,
    title            text NOT NULL,
    outlet           text,
    author           text,
    url              text,
    published        text,
    accessed         text,
    language         text,
    kind             text NOT NULL DEFAULT 'other',
    reliability      text NOT NULL DEFAULT 'unknown',
    via              text REFERENCES sources(id) ON DELETE RESTRICT,
    kept_text        text,
    kept_text_sha256 text,
    notes            text,
    created_at       text NOT NULL,
    updated_at       text NOT NULL,
    version          bigint NOT NULL DEFAULT 1,
    cite_key         text,
    search           tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig,
                         search_text(title, outlet, author, notes, kept_text))) STORED
);
CREATE INDEX sources_via ON sources (via);
CREATE UNIQUE INDEX sources_cite_key ON sources (cite_key);
CREATE INDEX sources_newest ON sources (created_at);
CREATE INDEX sources_outlet ON sources (lower(outlet), created_at);
CREATE INDEX sources_search ON sources USING gin (search);
CREATE INDEX sources_search_trgm ON sources
    USING gin (search_text(title, outlet, author, notes, kept_text) gin_trgm_ops);

CREATE TABLE claims (
    id            text PRIMARY KEY,
    text          text NOT NULL CHECK (length(trim(text)) > 0),
    confidence    text NOT NULL,
    as_of         text,
    status        text NOT NULL DEFAULT 'active',
    superseded_by text REFERENCES claims(id) ON DELETE RESTRICT,
    created_at    text NOT NULL,
    updated_at    text NOT NULL,
    version       bigint NOT NULL DEFAULT 1,
    settled       bigint NOT NULL DEFAULT 0 CHECK (settled IN (0, 1)),
    created_by    text NOT NULL DEFAULT current_user,
    edited_by     text NOT NULL DEFAULT current_user,
    search        tsvector
);
CREATE INDEX claims_newest ON claims (created_at);
CREATE INDEX claims_confidence ON claims (confidence, created_at);
CREATE INDEX claims_status ON claims (status, created_at);
CREATE INDEX claims_search ON claims USING gin (search);
CREATE INDEX claims_search_trgm ON claims USING gin (text gin_trgm_ops);

CREATE TABLE claim_topics (
    claim_id text NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    topic    text NOT NULL,
    PRIMARY KEY (claim_id, topic)
);
CREATE INDEX claim_topics_topic ON claim_topics (topic, claim_id);
CREATE INDEX claim_topics_trgm ON claim_topics USING gin (topic gin_trgm_ops);

-- A claim's authors and its search words. created_by is set once, by the session that inserts;
-- edited_by is the session of the latest change (a topic added or removed counts: it changes
-- what the claim is filed under). Row-level security on reviews reads both.
-- Pinned search_path: the triggers find the desk's tables whatever the session's path is.
CREATE FUNCTION claims_stamp() RETURNS trigger LANGUAGE plpgsql
    SET search_path = factdesk, public AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.created_by := current_user;
    ELSE
        NEW.created_by := OLD.created_by;
    END IF;
    NEW.edited_by := current_user;
    NEW.search := to_tsvector('simple'::regconfig, search_text(NEW.text,
        (SELECT string_agg(topic, ' ' ORDER BY topic) FROM claim_topics
         WHERE claim_id = NEW.id)));
    RETURN NEW;
END $$;
CREATE TRIGGER claims_stamp BEFORE INSERT OR UPDATE ON claims
    FOR EACH ROW EXECUTE FUNCTION claims_stamp();

-- A topic row changes the claim's search words: touching the claim re-runs claims_stamp.
CREATE FUNCTION claim_topics_reindex() RETURNS trigger LANGUAGE plpgsql
    SET search_path = factdesk, public AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE claims SET search = NULL WHERE id = OLD.claim_id;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        UPDATE claims SET search = NULL WHERE id = NEW.claim_id;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER claim_topics_reindex AFTER INSERT OR UPDATE OR DELETE ON claim_topics
    FOR EACH ROW EXECUTE FUNCTION claim_topics_reindex();

CREATE TABLE evidence (
    id             text PRIMARY KEY,
    claim_id       text NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    source_id      text NOT NULL REFERENCES sources(id) ON DELETE RESTRICT,
    quote          text,
    locator        text,
    stance         text NOT NULL DEFAULT 'supports',
    translated_by  text,
    original_quote text,
    created_at     text NOT NULL,
    first_party    bigint NOT NULL DEFAULT 0 CHECK (first_party IN (0, 1))
);
CREATE INDEX evidence_claim ON evidence (claim_id);
CREATE INDEX evidence_source ON evidence (source_id);

CREATE TABLE drafts (
    id         text PRIMARY KEY,
    title      text NOT NULL,
    body       text NOT NULL,
    created_at text NOT NULL,
    updated_at text NOT NULL,
    search     tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig,
                   search_text(title, body))) STORED
);
CREATE INDEX drafts_search ON drafts USING gin (search);
CREATE INDEX drafts_search_trgm ON drafts USING gin (search_text(title, body) gin_trgm_ops);

-- Append-only audit trail. Its actor is the session; roles.sql takes away UPDATE and DELETE,
-- and these triggers refuse them even to the owner and a superuser.
CREATE TABLE history (
    seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at          text NOT NULL,
    actor       text NOT NULL DEFAULT current_user,
    record_kind text NOT NULL,
    record_id   text NOT NULL,
    action      text NOT NULL CHECK (action IN ('create', 'update', 'delete')),
    field       text,
    before      text,
    after       text,
    version     bigint
);
CREATE INDEX history_record ON history (record_kind, record_id);
CREATE TRIGGER history_actor BEFORE INSERT ON history
    FOR EACH ROW EXECUTE FUNCTION stamp_actor();
CREATE FUNCTION history_is_insert_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'history is insert-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER history_is_insert_only BEFORE UPDATE OR DELETE ON history
    FOR EACH ROW EXECUTE FUNCTION history_is_insert_only();
CREATE TRIGGER history_is_insert_only_truncate BEFORE TRUNCATE ON history
    FOR EACH STATEMENT EXECUTE FUNCTION history_is_insert_only();

-- BY DEFAULT, not ALWAYS: copying a draft between desks keeps its revisions' numbering, which
-- `base` and `restored_from` point at.
CREATE TABLE draft_revisions (
    seq           bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    draft_id      text NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    title         text NOT NULL,
    saved_at      text NOT NULL,
    actor         text NOT NULL DEFAULT current_user,
    restored_from bigint REFERENCES draft_revisions(seq),
    reason        text NOT NULL DEFAULT 'explicit'
                      CHECK (reason IN ('pause', 'typing', 'explicit', 'restore', 'export')),
    started_at    text,
    words         bigint NOT NULL DEFAULT 0,
    bytes         bigint NOT NULL DEFAULT 0,
    base          bigint REFERENCES draft_revisions(seq),
    chain         bigint NOT NULL DEFAULT 0,
    packed        bytea
);
CREATE INDEX draft_revisions_draft ON draft_revisions (draft_id, seq);
CREATE TRIGGER draft_revisions_actor BEFORE INSERT OR UPDATE ON draft_revisions
    FOR EACH ROW EXECUTE FUNCTION stamp_actor();

CREATE TABLE confidence_overrides (
    claim_id   text PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    confidence text NOT NULL,
    reason     text NOT NULL,
    actor      text NOT NULL DEFAULT current_user,
    at         text NOT NULL
);
CREATE TRIGGER confidence_overrides_actor BEFORE INSERT OR UPDATE ON confidence_overrides
    FOR EACH ROW EXECUTE FUNCTION stamp_actor();

CREATE TABLE reviews (
    draft_id text NOT NULL REFERENCES drafts(id) ON DELETE CASCADE,
    claim_id text NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    state    text NOT NULL,
    comment  text,
    actor    text NOT NULL DEFAULT current_user,
    at       text NOT NULL,
    PRIMARY KEY (draft_id, claim_id)
);
CREATE INDEX reviews_claim ON reviews (claim_id);
CREATE TRIGGER reviews_actor BEFORE INSERT OR UPDATE ON reviews
    FOR EACH ROW EXECUTE FUNCTION stamp_actor();

CREATE TABLE settings (
    key   text PRIMARY KEY,
    value text NOT NULL
);

CREATE TABLE intake_candidates (
    id         text PRIMARY KEY,
    source_id  text NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
    seq        bigint NOT NULL,
    state      text NOT NULL DEFAULT 'pending'
                   CHECK (state IN ('pending', 'accepted', 'rejected')),
    body       text NOT NULL,
    claim_id   text REFERENCES claims(id) ON DELETE SET NULL,
    created_at text NOT NULL,
    decided_at text
);
CREATE INDEX intake_candidates_source ON intake_candidates (source_id, seq);
CREATE INDEX intake_candidates_state ON intake_candidates (state, source_id, seq);

CREATE TABLE people (
    id         text PRIMARY KEY,
    name       text NOT NULL,
    hangul     text,
    created_at text NOT NULL,
    updated_at text NOT NULL
);
CREATE INDEX people_by_name ON people (name);

CREATE TABLE person_aliases (
    person_id text NOT NULL REFERENCES people(id) ON DELETE CASCADE,
    alias     text NOT NULL,
    PRIMARY KEY (person_id, alias)
);
CREATE INDEX person_aliases_by_alias ON person_aliases (alias);

CREATE TABLE name_keys (
    key         text NOT NULL,
    spelling    text NOT NULL,
    record_kind text NOT NULL,
    record_id   text NOT NULL
);
CREATE INDEX name_keys_by_key ON name_keys (key);
CREATE INDEX name_keys_by_record ON name_keys (record_kind, record_id);
