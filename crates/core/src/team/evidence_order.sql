-- The order a claim's evidence was linked in, which footnotes, provenance and the checks list it
-- by. A desk file reads it from SQLite's rowid; a link's `created_at` does not give it, since
-- the evidence of one write (the sample, an import, a copy) shares one instant and its ULIDs
-- are random within it. Filled in table order for rows already there; never written by a
-- client (GENERATED ALWAYS), and not copied by `desk copy` (it copies the columns both desks
-- have), so a copied claim's evidence is numbered in the order the copy inserts it.
ALTER TABLE evidence ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
CREATE INDEX evidence_claim_seq ON evidence (claim_id, seq);
