-- Byte-order indexes for the range reads that SQLite answers through its binary collation
-- (`Db::byte_range` in db/dialect.rs): an id typed as a prefix (`ids::resolve_in`; the checks
-- offer a short or lower-case claim id its full id as a fix) and a new citation key's taken
-- suffixes. PostgreSQL compares text in the
-- database's collation, where a range bound such as 'ABC~' may sort anywhere, so those reads
-- compare in "C"; these indexes serve them (the primary key and `sources_cite_key` keep the
-- database's collation). SQLite needs no counterpart: its text comparisons are binary already.
CREATE INDEX sources_id_bytes ON sources (id COLLATE "C");
CREATE INDEX claims_id_bytes ON claims (id COLLATE "C");
CREATE INDEX evidence_id_bytes ON evidence (id COLLATE "C");
CREATE INDEX drafts_id_bytes ON drafts (id COLLATE "C");
CREATE INDEX people_id_bytes ON people (id COLLATE "C");
CREATE INDEX sources_cite_key_bytes ON sources (cite_key COLLATE "C");
