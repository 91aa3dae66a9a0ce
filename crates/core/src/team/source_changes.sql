-- Twin of SQLite's SOURCE_CHANGES migration: evidence whose quote vanished when its source's
-- kept text changed (`source-changed`), cleared whenever the evidence is edited.
CREATE INDEX sources_url ON sources (url);
CREATE INDEX sources_title ON sources (lower(title));
CREATE TABLE evidence_source_changes (
    evidence_id TEXT PRIMARY KEY REFERENCES evidence (id) ON DELETE CASCADE,
    source_id   TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    old_sha256  TEXT,
    new_sha256  TEXT NOT NULL,
    changed_at  TEXT NOT NULL
);
CREATE FUNCTION evidence_edit_clears_source_change() RETURNS trigger
    LANGUAGE plpgsql SET search_path = factdesk AS $$
BEGIN
    DELETE FROM evidence_source_changes WHERE evidence_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER evidence_edit_clears_source_change AFTER UPDATE ON evidence
    FOR EACH ROW EXECUTE FUNCTION evidence_edit_clears_source_change();
GRANT SELECT ON evidence_source_changes TO factdesk_writer, factdesk_editor;
GRANT INSERT, UPDATE, DELETE ON evidence_source_changes TO factdesk_writer, factdesk_editor;
