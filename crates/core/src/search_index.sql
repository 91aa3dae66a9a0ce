-- Search (issue 9). External-content FTS5 tables: the text lives once, in the base tables; the
-- index maps each record's rowid to its trigrams. Trigram (case-folded, diacritics removed)
-- finds any substring of three or more characters: a Hangul given name inside a full name, a
-- romanised syllable inside another. Shorter words are matched in `search.rs`.
--
-- Invariant: for every row of a base table, its FTS entry holds exactly the values the content
-- table (or view) gives for that row now. Every statement that changes an indexed value goes
-- through these triggers, so the index changes in the same transaction. An index found out of
-- step (a VACUUM renumbers implicit rowids) is rebuilt with
-- `INSERT INTO <table>(<table>) VALUES ('rebuild')`.

CREATE VIRTUAL TABLE sources_search USING fts5(
    title, outlet, author, notes, kept_text,
    content = 'sources', content_rowid = 'rowid',
    tokenize = 'trigram remove_diacritics 1'
);
CREATE TRIGGER sources_search_insert AFTER INSERT ON sources BEGIN
    INSERT INTO sources_search (rowid, title, outlet, author, notes, kept_text)
    VALUES (new.rowid, new.title, new.outlet, new.author, new.notes, new.kept_text);
END;
CREATE TRIGGER sources_search_delete AFTER DELETE ON sources BEGIN
    INSERT INTO sources_search (sources_search, rowid, title, outlet, author, notes, kept_text)
    VALUES ('delete', old.rowid, old.title, old.outlet, old.author, old.notes, old.kept_text);
END;
CREATE TRIGGER sources_search_update AFTER UPDATE OF title, outlet, author, notes, kept_text
ON sources WHEN old.title IS NOT new.title OR old.outlet IS NOT new.outlet
    OR old.author IS NOT new.author OR old.notes IS NOT new.notes
    OR old.kept_text IS NOT new.kept_text BEGIN
    INSERT INTO sources_search (sources_search, rowid, title, outlet, author, notes, kept_text)
    VALUES ('delete', old.rowid, old.title, old.outlet, old.author, old.notes, old.kept_text);
    INSERT INTO sources_search (rowid, title, outlet, author, notes, kept_text)
    VALUES (new.rowid, new.title, new.outlet, new.author, new.notes, new.kept_text);
END;

-- A claim's searchable row: its text and its topics (a separate table), as one view. The
-- triggers read the view before a change (to delete what was indexed) and after it (to index
-- what is there now), so the values deleted are always the values indexed.
CREATE VIEW claim_search_rows AS
SELECT c.rowid AS rid, c.id AS id, c.text AS text,
       (SELECT group_concat(topic, ' ') FROM
           (SELECT topic FROM claim_topics t WHERE t.claim_id = c.id ORDER BY topic)) AS topics
FROM claims c;

CREATE VIRTUAL TABLE claims_search USING fts5(
    text, topics,
    content = 'claim_search_rows', content_rowid = 'rid',
    tokenize = 'trigram remove_diacritics 1'
);
CREATE TRIGGER claims_search_insert AFTER INSERT ON claims BEGIN
    INSERT INTO claims_search (rowid, text, topics)
    SELECT rid, text, topics FROM claim_search_rows WHERE rid = new.rowid;
END;
CREATE TRIGGER claims_search_before_update BEFORE UPDATE OF text ON claims
WHEN old.text IS NOT new.text BEGIN
    INSERT INTO claims_search (claims_search, rowid, text, topics)
    SELECT 'delete', rid, text, topics FROM claim_search_rows WHERE rid = old.rowid;
END;
CREATE TRIGGER claims_search_after_update AFTER UPDATE OF text ON claims
WHEN old.text IS NOT new.text BEGIN
    INSERT INTO claims_search (rowid, text, topics)
    SELECT rid, text, topics FROM claim_search_rows WHERE rid = new.rowid;
END;
CREATE TRIGGER claims_search_delete BEFORE DELETE ON claims BEGIN
    INSERT INTO claims_search (claims_search, rowid, text, topics)
    SELECT 'delete', rid, text, topics FROM claim_search_rows WHERE rid = old.rowid;
END;
-- A claim's topics change row by row; each row re-indexes the claim. (When a claim is deleted
-- its topics go by cascade after the claim row, so the view finds nothing and these do nothing.)
CREATE TRIGGER claim_topics_search_before_insert BEFORE INSERT ON claim_topics BEGIN
    INSERT INTO claims_search (claims_search, rowid, text, topics)
    SELECT 'delete', rid, text, topics FROM claim_search_rows WHERE id = new.claim_id;
END;
CREATE TRIGGER claim_topics_search_after_insert AFTER INSERT ON claim_topics BEGIN
    INSERT INTO claims_search (rowid, text, topics)
    SELECT rid, text, topics FROM claim_search_rows WHERE id = new.claim_id;
END;
CREATE TRIGGER claim_topics_search_before_delete BEFORE DELETE ON claim_topics BEGIN
    INSERT INTO claims_search (claims_search, rowid, text, topics)
    SELECT 'delete', rid, text, topics FROM claim_search_rows WHERE id = old.claim_id;
END;
CREATE TRIGGER claim_topics_search_after_delete AFTER DELETE ON claim_topics BEGIN
    INSERT INTO claims_search (rowid, text, topics)
    SELECT rid, text, topics FROM claim_search_rows WHERE id = old.claim_id;
END;

CREATE VIRTUAL TABLE drafts_search USING fts5(
    title, body,
    content = 'drafts', content_rowid = 'rowid',
    tokenize = 'trigram remove_diacritics 1'
);
CREATE TRIGGER drafts_search_insert AFTER INSERT ON drafts BEGIN
    INSERT INTO drafts_search (rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
CREATE TRIGGER drafts_search_delete AFTER DELETE ON drafts BEGIN
    INSERT INTO drafts_search (drafts_search, rowid, title, body)
    VALUES ('delete', old.rowid, old.title, old.body);
END;
CREATE TRIGGER drafts_search_update AFTER UPDATE OF title, body ON drafts
WHEN old.title IS NOT new.title OR old.body IS NOT new.body BEGIN
    INSERT INTO drafts_search (drafts_search, rowid, title, body)
    VALUES ('delete', old.rowid, old.title, old.body);
    INSERT INTO drafts_search (rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;

-- The rows already in the desk.
INSERT INTO sources_search (sources_search) VALUES ('rebuild');
INSERT INTO claims_search (claims_search) VALUES ('rebuild');
INSERT INTO drafts_search (drafts_search) VALUES ('rebuild');

-- Paged lists: newest first by (created_at, rowid); each index ends in created_at so a filtered
-- page walks it in order and stops at the page's end.
CREATE INDEX sources_newest ON sources (created_at);
CREATE INDEX sources_outlet ON sources (outlet COLLATE NOCASE, created_at);
CREATE INDEX claims_newest ON claims (created_at);
CREATE INDEX claims_confidence ON claims (confidence, created_at);
CREATE INDEX claims_status ON claims (status, created_at);
CREATE INDEX claim_topics_topic ON claim_topics (topic, claim_id);
