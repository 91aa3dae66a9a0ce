-- Search on a team desk, made fast (issue 12). `search.sql` found candidates right but slowly:
-- a source's and a draft's folded words were an index expression, so every row the trigram
-- index offered was folded again to be checked, and a common word ("the", "said") meant
-- checking and sorting most of the table to keep its newest 200 matches.
--
-- * Every kind keeps its folded words in a column, as claims do (`search_words`; for a source
--   also `search_short`, the short fields a search of one- and two-character words reads). For
--   sources and drafts they are generated, so no write path can leave them stale.
-- * "Newest first" is an index (`created_at`, `id`), the order `search.rs` reads in: a common
--   word's newest matches are a short walk from the newest row (`candidates.rs` tries that walk
--   first, over a bounded number of rows, and asks the trigram index only when it falls short).
ALTER TABLE sources ADD COLUMN search_words text GENERATED ALWAYS AS
    (search_fold(search_text(title, outlet, author, notes, kept_text))) STORED;
ALTER TABLE sources ADD COLUMN search_short text GENERATED ALWAYS AS
    (search_fold(search_text(title, outlet, author, notes))) STORED;
ALTER TABLE drafts ADD COLUMN search_words text GENERATED ALWAYS AS
    (search_fold(search_text(title, body))) STORED;

DROP INDEX sources_words_trgm;
DROP INDEX drafts_words_trgm;
CREATE INDEX sources_words_trgm ON sources USING gin (search_words gin_trgm_ops);
CREATE INDEX drafts_words_trgm ON drafts USING gin (search_words gin_trgm_ops);

-- (created_at, id) serves whatever (created_at) served.
DROP INDEX sources_newest;
DROP INDEX claims_newest;
CREATE INDEX sources_newest ON sources (created_at, id);
CREATE INDEX claims_newest ON claims (created_at, id);
CREATE INDEX drafts_newest ON drafts (created_at, id);
