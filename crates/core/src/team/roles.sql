-- Who may do what on a team desk (issue 12), enforced by PostgreSQL whatever the client is.
-- Runs as factdesk_owner after tables.sql; the group roles exist already (`init.rs`).
--
-- * Writers and editors read everything and write sources, claims, evidence, drafts and the
--   rest of a draft's working records.
-- * Only editors write reviews and confidence overrides (privileges, and row-level security).
-- * Nobody approves a claim they created or last edited: a RESTRICTIVE policy, so it holds
--   beside every permissive one, for every role that is not a superuser (the owner included:
--   FORCE ROW LEVEL SECURITY).
-- * History is insert-only: no role holds UPDATE, DELETE or TRUNCATE on it (the owner gives up
--   its own), and tables.sql's triggers refuse them to anyone left.

REVOKE ALL ON ALL TABLES IN SCHEMA factdesk FROM PUBLIC;
GRANT USAGE ON SCHEMA factdesk TO factdesk_writer, factdesk_editor;
GRANT SELECT ON ALL TABLES IN SCHEMA factdesk TO factdesk_writer, factdesk_editor;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA factdesk TO factdesk_writer, factdesk_editor;
GRANT INSERT, UPDATE, DELETE ON sources, claims, claim_topics, evidence, drafts,
    draft_revisions, settings, intake_candidates, people, person_aliases, name_keys
    TO factdesk_writer, factdesk_editor;
GRANT INSERT, UPDATE, DELETE ON reviews, confidence_overrides TO factdesk_editor;
GRANT INSERT ON history TO factdesk_writer, factdesk_editor;
REVOKE UPDATE, DELETE, TRUNCATE ON history FROM factdesk_owner;

ALTER TABLE reviews ENABLE ROW LEVEL SECURITY;
ALTER TABLE reviews FORCE ROW LEVEL SECURITY;
CREATE POLICY reviews_read ON reviews FOR SELECT
    TO factdesk_owner, factdesk_writer, factdesk_editor USING (true);
CREATE POLICY reviews_by_editors ON reviews FOR ALL TO factdesk_editor
    USING (true) WITH CHECK (true);
CREATE POLICY no_approving_own_claim ON reviews AS RESTRICTIVE FOR ALL TO PUBLIC
    USING (true)
    WITH CHECK (state <> 'approved' OR NOT EXISTS (
        SELECT 1 FROM claims c
        WHERE c.id = claim_id AND current_user::text IN (c.created_by, c.edited_by)));

ALTER TABLE confidence_overrides ENABLE ROW LEVEL SECURITY;
ALTER TABLE confidence_overrides FORCE ROW LEVEL SECURITY;
CREATE POLICY confidence_overrides_read ON confidence_overrides FOR SELECT
    TO factdesk_owner, factdesk_writer, factdesk_editor USING (true);
CREATE POLICY confidence_overrides_by_editors ON confidence_overrides FOR ALL
    TO factdesk_editor USING (true) WITH CHECK (true);
