-- Twin of SQLite's QUOTE_CHECKS migration: whether each quoting evidence's words are in the kept
-- text its source reads, against that text's hash (`quote_checks.rs`). A row is dropped when its
-- evidence's quote or its holder's text changes.
CREATE TABLE evidence_quote_checks (
    evidence_id      TEXT PRIMARY KEY REFERENCES evidence (id) ON DELETE CASCADE,
    holder_id        TEXT NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    kept_text_sha256 TEXT NOT NULL,
    found            BIGINT NOT NULL CHECK (found IN (0, 1))
);
CREATE INDEX evidence_quote_checks_holder ON evidence_quote_checks (holder_id);
CREATE FUNCTION evidence_quote_edit_clears_check() RETURNS trigger
    LANGUAGE plpgsql SET search_path = factdesk AS $$
BEGIN
    DELETE FROM evidence_quote_checks WHERE evidence_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER evidence_quote_edit_clears_check
    AFTER UPDATE OF quote, original_quote, source_id ON evidence
    FOR EACH ROW EXECUTE FUNCTION evidence_quote_edit_clears_check();
CREATE FUNCTION kept_text_change_clears_quote_checks() RETURNS trigger
    LANGUAGE plpgsql SET search_path = factdesk AS $$
BEGIN
    DELETE FROM evidence_quote_checks WHERE holder_id = NEW.id;
    RETURN NULL;
END $$;
CREATE TRIGGER kept_text_change_clears_quote_checks AFTER UPDATE OF kept_text ON sources
    FOR EACH ROW WHEN (OLD.kept_text IS DISTINCT FROM NEW.kept_text)
    EXECUTE FUNCTION kept_text_change_clears_quote_checks();
GRANT SELECT, INSERT, UPDATE, DELETE ON evidence_quote_checks
    TO factdesk_writer, factdesk_editor;
