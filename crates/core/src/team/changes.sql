-- LISTEN/NOTIFY (issue 12): after each statement that changes a draft's records, a notification
-- on channel `factdesk_changes` says which rows changed, how, and which login changed them, so
-- open apps re-read what changed instead of polling (`changes.rs` reads them). PostgreSQL sends
-- notifications only when the transaction commits: a rolled-back change is never announced.
--
-- Payload: {"table", "op": insert|update|delete, "actor": current_user, "ids": [...]} with
-- `"overflow": N` when N ids were too long to send. Ids only, never texts: a payload must stay
-- under PostgreSQL's 8000 bytes, so a statement touching many rows sends several notifications
-- of at most about 6000 bytes of ids each, and an id over 200 bytes (a desk's own ids are
-- 26-character ULIDs) is counted in `overflow` instead of sent. Nothing here can make the
-- writer's statement fail on size.
--
-- One trigger function serves every table: TG_ARGV[0] is the SQL expression of a row's id over
-- the table's columns (reviews have a two-column key; revisions a number).
CREATE FUNCTION notify_changes() RETURNS trigger LANGUAGE plpgsql
    SET search_path = factdesk, public AS $$
DECLARE
    rows_table text := CASE TG_OP WHEN 'DELETE' THEN 'old_rows' ELSE 'new_rows' END;
    key text;
    ids text[] := '{}';
    size int := 0;
    cost int;
    overflow int := 0;
BEGIN
    FOR key IN EXECUTE format('SELECT (%s)::text FROM %I', TG_ARGV[0], rows_table) LOOP
        IF key IS NULL OR octet_length(key) > 200 THEN
            overflow := overflow + 1;
            CONTINUE;
        END IF;
        -- An id costs its bytes plus quotes and a comma, and JSON escapes at most double it.
        cost := 2 * octet_length(key) + 3;
        IF size + cost > 6000 THEN
            PERFORM pg_notify('factdesk_changes', json_build_object(
                'table', TG_TABLE_NAME, 'op', lower(TG_OP), 'actor', current_user,
                'ids', ids)::text);
            ids := '{}';
            size := 0;
        END IF;
        ids := ids || key;
        size := size + cost;
    END LOOP;
    IF cardinality(ids) > 0 OR overflow > 0 THEN
        PERFORM pg_notify('factdesk_changes', json_build_object(
            'table', TG_TABLE_NAME, 'op', lower(TG_OP), 'actor', current_user,
            'ids', ids, 'overflow', overflow)::text);
    END IF;
    RETURN NULL;
END $$;

-- PostgreSQL allows a transition table only on a trigger for one event: three per table.
DO $$
DECLARE
    t record;
BEGIN
    FOR t IN SELECT * FROM (VALUES
        ('sources', 'id'), ('claims', 'id'), ('evidence', 'id'), ('drafts', 'id'),
        ('draft_revisions', 'seq'), ('reviews', 'draft_id || ''/'' || claim_id'),
        ('confidence_overrides', 'claim_id')) AS v (tbl, key)
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION notify_changes(%L)',
            t.tbl || '_notify_insert', t.tbl, t.key);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS new_rows
            FOR EACH STATEMENT EXECUTE FUNCTION notify_changes(%L)',
            t.tbl || '_notify_update', t.tbl, t.key);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS old_rows
            FOR EACH STATEMENT EXECUTE FUNCTION notify_changes(%L)',
            t.tbl || '_notify_delete', t.tbl, t.key);
    END LOOP;
END $$;
