-- Twin of SQLite's COPIES migration: the desk's id, and the ledger of what each record copied
-- between this desk and a peer desk looked like at the last copy (`copy.rs`).
INSERT INTO settings (key, value) VALUES ('desk.id', replace(gen_random_uuid()::text, '-', ''))
    ON CONFLICT (key) DO NOTHING;
CREATE TABLE copies (
    peer      TEXT NOT NULL,
    tbl       TEXT NOT NULL,
    here_key  TEXT NOT NULL,
    there_key TEXT NOT NULL,
    hash      TEXT NOT NULL,
    copied_at TEXT NOT NULL,
    PRIMARY KEY (peer, tbl, here_key)
);
CREATE INDEX copies_there ON copies (peer, tbl, there_key);
GRANT SELECT, INSERT, UPDATE, DELETE ON copies TO factdesk_writer, factdesk_editor;
