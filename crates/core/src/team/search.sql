-- Search on a team desk (issue 12), PostgreSQL's side of `search.rs`. A search's words match a
-- record as substrings, letter case and Latin diacritics ignored, as SQLite's FTS5 trigram index
-- (`remove_diacritics 1`) matches them on a desk file; the ranking, the snippets and the rule of
-- what a query means stay in Rust. What PostgreSQL does here is find the candidates:
--
-- * pg_trgm GIN indexes over each record's folded words find any substring of three or more
--   characters (`joo` in `Choo`, `영우` inside `우영우` once it is three long, `Young-woo`).
-- * Words of one or two characters (a Hangul given name such as `영우`) have no trigram: as on a
--   desk file, `search.rs` checks them in Rust among the candidates the longer words found, or,
--   when every word is short, reads the newest records first and stops at the limit.
--
-- The tsvector columns (`search`, 'simple' configuration, GIN-indexed, from tables.sql) stay:
-- 'simple' lower-cases and never stems, so `우영우`, `Young-woo` and `Choo` are kept as written.
-- They match whole words only, so they cannot find `joo` in `Choo`; candidates are found by
-- trigram, which gives the same hits as a desk file.

-- A text as search compares it: lower case, and a Latin letter without its diacritics. The
-- table is `search.rs`'s `folded` over U+0041..U+02AF (a unit test there checks it is), upper
-- case included, so the fold holds even where `lower()` knows only ASCII (a "C" database).
-- IMMUTABLE and SQL, so an index may hold it and a query's call of it matches the index.
CREATE FUNCTION search_fold(t text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    RETURN translate(lower(t),
        'ABCDEFGHIJKLMNOPQRSTUVWXYZÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÐÑÒÓÔÕÖØÙÚÛÜÝÞàáâãäåçèéêëìíîïñòóôõöùúûüýÿĀāĂăĄąĆćĈĉĊċČčĎďĐĒēĔĕĖėĘęĚěĜĝĞğĠġĢģĤĥĦĨĩĪīĬĭĮįİĲĴĵĶķĹĺĻļĽľĿŁŃńŅņŇňŊŌōŎŏŐőŒŔŕŖŗŘřŚśŜŝŞşŠšŢţŤťŦŨũŪūŬŭŮůŰűŲųŴŵŶŷŸŹźŻżŽžƁƂƄƆƇƉƊƋƎƏƐƑƓƔƖƗƘƜƝƟƠơƢƤƦƧƩƬƮƯưƱƲƳƵƷƸƼǄǅǇǈǊǋǍǎǏǐǑǒǓǔǕǖǗǘǙǚǛǜǞǟǠǡǢǣǤǦǧǨǩǪǫǬǭǮǯǰǱǲǴǵǶǷǸǹǺǻǼǽǾǿȀȁȂȃȄȅȆȇȈȉȊȋȌȍȎȏȐȑȒȓȔȕȖȗȘșȚțȜȞȟȠȢȤȦȧȨȩȪȫȬȭȮȯȰȱȲȳȺȻȽȾɁɃɄɅɆɈɊɌɎ',
        'abcdefghijklmnopqrstuvwxyzaaaaaaæceeeeiiiiðnoooooøuuuuyþaaaaaaceeeeiiiinooooouuuuyyaaaaaaccccccccddđeeeeeeeeeegggggggghhħiiiiiiiiiĳjjkkllllllŀłnnnnnnŋooooooœrrrrrrssssssssttttŧuuuuuuuuuuuuwwyyyzzzzzzɓƃƅɔƈɖɗƌǝəɛƒɠɣɩɨƙɯɲɵooƣƥʀƨʃƭʈuuʊʋƴƶʒƹƽǆǆǉǉǌǌaaiioouuuuuuuuuuaaaaææǥggkkooooʒʒjǳǳggƕƿnnaaææøøaaaaeeeeiiiioooorrrruuuussttȝhhƞȣȥaaeeooooooooyyⱥȼƚⱦɂƀʉʌɇɉɋɍɏ');
GRANT EXECUTE ON FUNCTION search_fold(text) TO factdesk_writer, factdesk_editor;

-- The unfolded trigram indexes of tables.sql served no query; the folded ones replace them.
DROP INDEX sources_search_trgm;
DROP INDEX claims_search_trgm;
DROP INDEX claim_topics_trgm;
DROP INDEX drafts_search_trgm;

CREATE INDEX sources_words_trgm ON sources
    USING gin (search_fold(search_text(title, outlet, author, notes, kept_text)) gin_trgm_ops);
CREATE INDEX drafts_words_trgm ON drafts
    USING gin (search_fold(search_text(title, body)) gin_trgm_ops);

-- A claim's words live in two tables (its text, its topics), so they are kept on the claim:
-- `search_words`, folded, written by claims_stamp with the tsvector (a topic row touches its
-- claim, tables.sql). A client's value never stays: the trigger writes it on every change.
ALTER TABLE claims ADD COLUMN search_words text;
CREATE OR REPLACE FUNCTION claims_stamp() RETURNS trigger LANGUAGE plpgsql
    SET search_path = factdesk, public AS $$
DECLARE
    topics text;
BEGIN
    IF TG_OP = 'INSERT' THEN
        NEW.created_by := current_user;
    ELSE
        NEW.created_by := OLD.created_by;
    END IF;
    NEW.edited_by := current_user;
    topics := (SELECT string_agg(topic, ' ' ORDER BY topic) FROM claim_topics
               WHERE claim_id = NEW.id);
    NEW.search := to_tsvector('simple'::regconfig, search_text(NEW.text, topics));
    NEW.search_words := search_fold(search_text(NEW.text, topics));
    RETURN NEW;
END $$;
-- The claims already there, without claims_stamp (which would make the migrating role every
-- claim's last editor) or the change notifications.
ALTER TABLE claims DISABLE TRIGGER USER;
UPDATE claims c SET search_words = search_fold(search_text(c.text,
    (SELECT string_agg(topic, ' ' ORDER BY topic) FROM claim_topics t WHERE t.claim_id = c.id)));
ALTER TABLE claims ENABLE TRIGGER USER;
CREATE INDEX claims_words_trgm ON claims USING gin (search_words gin_trgm_ops);

-- An id prefix is a range over the ids in code-point order (`id COLLATE "C"`): the `bytes`
-- migration's indexes serve it.
