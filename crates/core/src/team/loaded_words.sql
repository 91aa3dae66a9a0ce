-- Claims loaded by `team load` before it wrote their folded words (`search_words`, from the
-- `search` migration) had none, so a search found no loaded claim. This fills them as
-- claims_stamp would, without the trigger (which would make the migrating role every claim's
-- last editor, and notify every open app of a million ids). A desk with no such claim is left
-- as it is; one with many gets its trigram index built once rather than row by row.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM claims WHERE search_words IS NULL) THEN
        DROP INDEX claims_words_trgm;
        ALTER TABLE claims DISABLE TRIGGER USER;
        UPDATE claims c SET search_words = search_fold(search_text(c.text,
            (SELECT string_agg(topic, ' ' ORDER BY topic) FROM claim_topics t
             WHERE t.claim_id = c.id)))
        WHERE c.search_words IS NULL;
        ALTER TABLE claims ENABLE TRIGGER USER;
        CREATE INDEX claims_words_trgm ON claims USING gin (search_words gin_trgm_ops);
    END IF;
END $$;
