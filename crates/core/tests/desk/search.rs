//! Search: what a writer types finds the records that hold it, Hangul and romanised names by any
//! part, best first, with the matched words marked; and the index follows every write.

use factdesk_core::{
    ClaimInput, ClaimPatch, Confidence, CoreError, Desk, DraftInput, SearchHit, SearchKind,
    SourceInput,
};

use crate::{add_claim, add_source, claim_input, desk, expect_invalid, titled};

pub fn ids(hits: &[SearchHit]) -> Vec<&str> {
    hits.iter().map(|h| h.id.as_str()).collect()
}

fn marked(hit: &SearchHit) -> Vec<String> {
    hit.snippet
        .iter()
        .filter(|p| p.marked)
        .map(|p| p.text.to_lowercase())
        .collect()
}

/// Asserts the search index agrees with the rows it indexes (FTS5's own check). A team desk has
/// no index of its own to fall out of step: its trigram indexes are PostgreSQL's, kept by each
/// statement, so there the searches around each call are the check.
pub fn assert_index_in_step(desk: &mut Desk) {
    if desk.is_team() {
        return;
    }
    desk.write(|w| {
        for t in ["sources_search", "claims_search", "drafts_search"] {
            w.sqlite("test")?.execute(
                &format!("INSERT INTO {t} ({t}, rank) VALUES ('integrity-check', 1)"),
                [],
            )?;
        }
        Ok(())
    })
    .expect("the search index holds exactly what the desk holds");
}

#[test]
fn a_hangul_given_name_finds_the_full_name_it_is_part_of() {
    let mut desk = desk();
    let woo = add_claim(&mut desk, "우영우 joins the firm as a new associate");
    add_claim(&mut desk, "영화 개봉일이 발표되었다");
    let hits = desk.search("영우", None, 20).unwrap();
    assert_eq!(
        ids(&hits),
        vec![woo.id.as_str()],
        "two syllables inside three"
    );
    assert_eq!(
        marked(&hits[0]),
        vec!["영우"],
        "the matched syllables are marked"
    );

    let hits = desk.search("우영우", Some(SearchKind::Claim), 20).unwrap();
    assert_eq!(
        ids(&hits),
        vec![woo.id.as_str()],
        "the full name, through the index"
    );
    assert_eq!(marked(&hits[0]), vec!["우영우"]);
}

#[test]
fn a_romanised_name_is_found_by_any_part_of_it() {
    let mut desk = desk();
    let woo = add_source(&mut desk, "Interview with Woo Young-woo");
    let choo = desk
        .add_source(&SourceInput {
            author: Some("Choo Ja-hyun".into()),
            ..titled("Press conference notes")
        })
        .unwrap();
    add_source(&mut desk, "Season ratings round-up");

    let hits = desk.search("Young-woo", None, 20).unwrap();
    assert_eq!(ids(&hits), vec![woo.id.as_str()]);
    assert_eq!(marked(&hits[0]), vec!["young-woo"]);

    let hits = desk.search("joo", None, 20).unwrap();
    assert!(hits.is_empty(), "no record holds \"joo\": {hits:?}");
    let hits = desk.search("hoo", None, 20).unwrap();
    assert_eq!(ids(&hits), vec![choo.id.as_str()], "inside \"Choo\"");
    assert_eq!(marked(&hits[0]), vec!["hoo"], "marked in the author field");

    let hits = desk.search("YOUNG woo", None, 20).unwrap();
    assert_eq!(
        ids(&hits),
        vec![woo.id.as_str()],
        "case ignored, words in any order"
    );
}

#[test]
fn a_record_matching_in_its_title_ranks_above_one_mentioning_it_in_passing() {
    let mut desk = desk();
    let passing = desk
        .add_source(&SourceInput {
            notes: Some(
                "A long note on the network's schedule, the weather, the studio lot, the crew, \
                 and, once, the premiere date"
                    .into(),
            ),
            ..titled("Schedule memo")
        })
        .unwrap();
    let about = add_source(&mut desk, "Premiere date announced");
    let hits = desk
        .search("premiere", Some(SearchKind::Source), 20)
        .unwrap();
    assert_eq!(
        ids(&hits),
        vec![about.id.as_str(), passing.id.as_str()],
        "the title match comes first"
    );
    assert!(hits[0].rank < hits[1].rank, "{hits:?}");
}

#[test]
fn the_kind_filter_keeps_one_kind_and_drafts_are_searched_by_body() {
    let mut desk = desk();
    let s = add_source(&mut desk, "Filming in Busan");
    let c = add_claim(&mut desk, "Filming moved to Busan in May");
    let d = desk
        .add_draft(&DraftInput {
            title: "Weekly round-up".into(),
            body: "The crew left Seoul for Busan on Monday.".into(),
        })
        .unwrap();
    let kinds = |k| {
        let hits = desk.search("busan", k, 20).unwrap();
        let mut got: Vec<String> = hits.iter().map(|h| h.id.clone()).collect();
        got.sort();
        got
    };
    let mut all = vec![s.id.clone(), c.id.clone(), d.id.clone()];
    all.sort();
    assert_eq!(kinds(None), all);
    assert_eq!(kinds(Some(SearchKind::Source)), vec![s.id.clone()]);
    assert_eq!(kinds(Some(SearchKind::Claim)), vec![c.id.clone()]);
    assert_eq!(kinds(Some(SearchKind::Draft)), vec![d.id.clone()]);
    let hit = desk.search("seoul", None, 20).unwrap();
    assert_eq!(hit[0].kind, SearchKind::Draft);
    assert_eq!(hit[0].title, "Weekly round-up");
}

#[test]
fn claim_topics_are_searched() {
    let mut desk = desk();
    let c = desk
        .add_claim(&ClaimInput {
            topics: vec!["Casting".into()],
            settled: false,
            ..claim_input("The lead role went to a newcomer", Confidence::Reported)
        })
        .unwrap();
    let hits = desk.search("casting", None, 20).unwrap();
    assert_eq!(ids(&hits), vec![c.id.as_str()]);
}

#[test]
fn fts_syntax_in_the_query_is_searched_as_plain_text() {
    let mut desk = desk();
    let c = add_claim(
        &mut desk,
        "The \"final\" cut runs 2h* (NEAR the limit) AND more",
    );
    for q in [
        "\"final\"",
        "2h*",
        "(NEAR",
        "AND",
        "NOT",
        "-",
        "\"",
        "*",
        "^",
        "col:x",
        "NEAR(a b)",
        "a OR",
        "100%",
        "x_y",
    ] {
        match desk.search(q, None, 20) {
            Ok(_) => {}
            Err(e) => panic!("{q:?} must be plain words, not syntax: {e}"),
        }
    }
    assert_eq!(
        ids(&desk.search("\"final\"", None, 20).unwrap()),
        vec![c.id.as_str()]
    );
    assert_eq!(
        ids(&desk.search("2h*", None, 20).unwrap()),
        vec![c.id.as_str()]
    );
    assert_eq!(
        ids(&desk.search("(NEAR", None, 20).unwrap()),
        vec![c.id.as_str()]
    );
    assert!(
        desk.search("100%", None, 20).unwrap().is_empty(),
        "% is a character to find, not a wildcard"
    );
}

#[test]
fn a_blank_query_or_a_bad_limit_is_refused_naming_the_field() {
    let desk = desk();
    expect_invalid(
        desk.search("   ", None, 20),
        "query",
        "nothing to search for",
    );
    expect_invalid(desk.search("woo", None, 0), "limit", "no hits asked for");
    expect_invalid(desk.search("woo", None, 100_000), "limit", "too many hits");
}

#[test]
fn the_index_follows_edits_deletes_and_topic_changes() {
    let mut desk = desk();
    let s = add_source(&mut desk, "Rumour about the sequel");
    let c = add_claim(&mut desk, "A sequel is in development");
    desk.update_source(&s.id, &titled("Official sequel announcement"))
        .unwrap();
    desk.edit_claim(
        &c.id,
        &ClaimPatch {
            text: Some("A prequel is in development".into()),
            topics: Some(vec!["prequel-news".into()]),
            ..ClaimPatch::default()
        },
        None,
    )
    .unwrap();
    assert!(
        desk.search("rumour", None, 20).unwrap().is_empty(),
        "the old title is gone"
    );
    assert_eq!(
        ids(&desk.search("official", None, 20).unwrap()),
        vec![s.id.as_str()]
    );
    assert_eq!(
        ids(&desk.search("sequel", Some(SearchKind::Claim), 20).unwrap()),
        Vec::<&str>::new(),
        "the old claim text is gone"
    );
    assert_eq!(
        ids(&desk.search("news", None, 20).unwrap()),
        vec![c.id.as_str()]
    );
    assert_index_in_step(&mut desk);

    desk.delete_source(&s.id).unwrap();
    assert!(
        desk.search("official", None, 20).unwrap().is_empty(),
        "a deleted source is gone"
    );
    assert_index_in_step(&mut desk);
}

#[test]
fn a_write_that_rolls_back_leaves_the_index_as_it_was() {
    let mut desk = desk();
    let c = add_claim(&mut desk, "Ratings rose in the second week");
    let err = desk
        .write(|w| {
            w.db.execute(
                "UPDATE claims SET text = 'Ratings fell sharply' WHERE id = ?1",
                rusqlite::params![&c.id],
            )?;
            w.db.execute(
                "INSERT INTO claim_topics (claim_id, topic) VALUES (?1, 'doomed')",
                rusqlite::params![&c.id],
            )?;
            Err::<(), _>(CoreError::invalid("test", "fails after its writes"))
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("test"));
    assert!(desk.search("sharply", None, 20).unwrap().is_empty());
    assert!(desk.search("doomed", None, 20).unwrap().is_empty());
    assert_eq!(
        ids(&desk.search("second week", None, 20).unwrap()),
        vec![c.id.as_str()]
    );
    assert_index_in_step(&mut desk);
}

#[test]
fn a_pasted_id_prefix_finds_its_record_first() {
    let mut desk = desk();
    let c = add_claim(&mut desk, "The finale airs in December");
    let prefix = c.id[..12].to_lowercase();
    let hits = desk.search(&prefix, None, 20).unwrap();
    assert_eq!(
        ids(&hits),
        vec![c.id.as_str()],
        "an id prefix, any letter case"
    );
    assert_eq!(marked(&hits[0]), vec![c.id[..12].to_lowercase()]);
}

/// Snippets are cut and marked from the hit's own text: the field holding the words, a short
/// window around them in a long text, and letters matched without their diacritics marked as
/// the record writes them.
#[test]
fn a_snippet_shows_the_field_holding_the_words_marked_as_the_record_writes_them() {
    let mut desk = desk();
    let filler = "The studio lot was quiet that week and the crew waited for news. ".repeat(40);
    let kept = desk
        .add_source(&SourceInput {
            kept_text: Some(format!(
                "{filler}Then Zoë Moreau confirmed the reshoots. {filler}"
            )),
            ..titled("Weekly production notes")
        })
        .unwrap();
    let hits = desk.search("zoe moreau", None, 20).unwrap();
    assert_eq!(ids(&hits), vec![kept.id.as_str()]);
    assert_eq!(
        marked(&hits[0]),
        vec!["zoë", "moreau"],
        "found without its diacritic, marked as written, in the kept text"
    );
    let shown: String = hits[0].snippet.iter().map(|p| p.text.as_str()).collect();
    assert!(
        shown.len() < 200 && shown.starts_with('…') && shown.ends_with('…'),
        "a window of the long kept text, not all of it: {shown:?}"
    );

    let body = format!("# Notes\n\n{filler}The premiere moved to Friday. {filler}");
    let d = desk
        .add_draft(&DraftInput {
            title: "Premiere week".into(),
            body,
        })
        .unwrap();
    let hits = desk.search("friday", Some(SearchKind::Draft), 20).unwrap();
    assert_eq!(ids(&hits), vec![d.id.as_str()]);
    assert_eq!(marked(&hits[0]), vec!["friday"], "the body holds the word");
    let hits = desk
        .search("premiere", Some(SearchKind::Draft), 20)
        .unwrap();
    assert_eq!(
        hits[0]
            .snippet
            .iter()
            .map(|p| p.text.as_str())
            .collect::<String>(),
        "Premiere week",
        "the title holds the word as well as the body: the title is shown"
    );
}

/// Only the hits returned are read: a search of all kinds with a small limit returns the best
/// of them across kinds, each once, in rank order.
#[test]
fn a_search_of_all_kinds_returns_the_best_hits_across_kinds_up_to_the_limit() {
    let mut desk = desk();
    for i in 0..30 {
        add_source(&mut desk, &format!("Casting news {i}"));
        add_claim(&mut desk, &format!("Casting for episode {i} closed"));
    }
    let hits = desk.search("casting", None, 7).unwrap();
    assert_eq!(hits.len(), 7);
    assert!(
        hits.windows(2).all(|p| p[0].rank <= p[1].rank),
        "best first: {hits:?}"
    );
    let every = desk.search("casting", None, 60).unwrap();
    assert_eq!(
        ids(&hits),
        ids(&every[..7]),
        "the first seven of a longer search"
    );
    assert!(hits.iter().all(|h| marked(h) == vec!["casting"]));
}

/// Ranks are on one scale for every kind: a draft titled with the word ranks above a source
/// that mentions it once deep in its kept text. (FTS5's bm25 weighs a word by its rarity in each
/// table apart, and a word in the desk's only draft counts as common as can be: every draft
/// ranked last.)
#[test]
fn a_draft_titled_with_the_word_ranks_above_a_source_mentioning_it_in_passing() {
    let mut desk = desk();
    let filler = "The crew met at the studio lot early and talked about the weather. ".repeat(20);
    let passing = desk
        .add_source(&SourceInput {
            kept_text: Some(format!("{filler}The teaser ran before the finale.")),
            ..titled("Studio diary")
        })
        .unwrap();
    for other in [
        "Ratings round-up",
        "Casting call",
        "Tour dates",
        "Set photos",
        "Box office",
    ] {
        add_source(&mut desk, other);
    }
    let draft = desk
        .add_draft(&DraftInput {
            title: "Teaser breakdown".into(),
            body: "What the new teaser shows, shot by shot.".into(),
        })
        .unwrap();
    let hits = desk.search("teaser", None, 20).unwrap();
    assert_eq!(
        ids(&hits),
        vec![draft.id.as_str(), passing.id.as_str()],
        "the draft about it first: {hits:?}"
    );
}
