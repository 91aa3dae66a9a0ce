//! Search on a team desk: the same records on a desk file and on the real cluster give the same
//! hits, in the same order, with the same snippets and ranks, for words, prefixes, substrings, a
//! Hangul name and a Hangul part of one, an id prefix, one kind, and a limit; a writer's and an
//! editor's logins can search.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, TimeZone, Utc};
use factdesk_core::error::ErrorCode;
use factdesk_core::{
    ClaimInput, Clock, Confidence, Desk, DraftInput, SaveReason, SearchHit, SearchKind,
    SourceInput, SourcePatch,
};

use crate::TeamDesk;

/// One second later at every call, from the same start on both desks, so every record has the
/// same `created_at` on both and "newest first" means the same order.
struct Ticking(AtomicI64);

impl Clock for Ticking {
    fn now(&self) -> DateTime<Utc> {
        let start = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
        start + chrono::Duration::seconds(self.0.fetch_add(1, Ordering::SeqCst))
    }
}

fn source(desk: &mut Desk, title: &str, outlet: &str, author: &str, notes: &str, kept: &str) {
    let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
    desk.add_source(&SourceInput {
        title: title.into(),
        outlet: opt(outlet),
        author: opt(author),
        notes: opt(notes),
        kept_text: opt(kept),
        ..Default::default()
    })
    .unwrap();
}

fn claim(desk: &mut Desk, text: &str, topics: &[&str]) -> String {
    desk.add_claim(&ClaimInput {
        text: text.into(),
        confidence: Confidence::Reported,
        as_of: None,
        status: None,
        topics: topics.iter().map(|t| t.to_string()).collect(),
        settled: false,
    })
    .unwrap()
    .id
}

/// The same records, in the same order, on `desk`; the id of the claim about the finale.
fn fill(desk: &mut Desk) -> String {
    source(
        desk,
        "Profile of Woo Young-woo",
        "Hankyoreh",
        "Choo Joo-hee",
        "a long interview",
        "",
    );
    source(
        desk,
        "Ratings report",
        "Yonhap",
        "",
        "nationwide rating figures",
        "The rating rose each week; the rating agency said so.",
    );
    source(desk, "Café owners speak", "Seoul Times", "", "", "");
    claim(desk, "우영우 joins the law firm", &["drama"]);
    claim(desk, "Ratings rose to 17.5% nationwide", &["ratings", "tv"]);
    let finale = claim(desk, "The finale drew a record rating", &["tv"]);
    claim(desk, "영우 said nothing about the whale", &[]);
    claim(desk, "Park Eun-bin plays 우영우", &["cast", "drama"]);
    claim(desk, "A café in Seoul sold out", &["food"]);
    desk.add_draft(&DraftInput {
        title: "Rating explainer".into(),
        body: "Why ratings for 우영우 rose: a rating is a share of homes.".into(),
    })
    .unwrap();
    desk.add_draft(&DraftInput {
        title: "Whale facts".into(),
        body: "Notes on whales, no figures yet.".into(),
    })
    .unwrap();
    finale
}

/// What a reader compares: each hit's kind, title, marked snippet and rank (ids differ: each
/// desk made its own).
fn seen(hits: &[SearchHit]) -> Vec<(SearchKind, String, String, f64)> {
    hits.iter()
        .map(|h| {
            let snippet = h
                .snippet
                .iter()
                .map(|p| {
                    if p.marked {
                        format!("[{}]", p.text)
                    } else {
                        p.text.clone()
                    }
                })
                .collect::<String>();
            (h.kind, h.title.clone(), snippet, h.rank)
        })
        .collect()
}

struct Both {
    _dir: tempfile::TempDir,
    file: Desk,
    team: Desk,
    team_desk: TeamDesk,
    file_finale: String,
    team_finale: String,
}

fn both() -> Both {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite");
    let mut file = Desk::create(&path)
        .unwrap()
        .with_clock(Ticking(AtomicI64::new(0)));
    let file_finale = fill(&mut file);
    let team_desk = TeamDesk::create();
    let mut team = Desk::open_team(&team_desk.url(&team_desk.writer))
        .unwrap()
        .with_clock(Ticking(AtomicI64::new(0)));
    let team_finale = fill(&mut team);
    Both {
        _dir: dir,
        file,
        team,
        team_desk,
        file_finale,
        team_finale,
    }
}

impl Both {
    /// The hits of one search on both desks, checked equal; the desk file's.
    fn same(&self, query: &str, kind: Option<SearchKind>, limit: usize) -> Vec<SearchHit> {
        let file = self
            .file
            .search(query, kind, limit)
            .unwrap_or_else(|e| panic!("desk file, {query:?}: {e}"));
        let team = self
            .team
            .search(query, kind, limit)
            .unwrap_or_else(|e| panic!("team desk, {query:?}: {e}"));
        assert_eq!(
            seen(&team),
            seen(&file),
            "search {query:?} {kind:?} {limit}"
        );
        file
    }
}

fn titles(hits: &[SearchHit]) -> Vec<&str> {
    hits.iter().map(|h| h.title.as_str()).collect()
}

#[test]
fn a_team_desk_finds_what_a_desk_file_finds_in_the_same_order() {
    let b = both();

    let rating = b.same("rating", None, 50);
    assert_eq!(rating.len(), 4, "{:?}", titles(&rating));
    assert!(
        rating.iter().any(|h| h.kind == SearchKind::Draft)
            && rating.iter().any(|h| h.kind == SearchKind::Source)
    );
    // A prefix and a substring inside a word.
    assert_eq!(b.same("rat", None, 50).len(), 4);
    assert_eq!(
        titles(&b.same("joo", None, 50)),
        vec!["Profile of Woo Young-woo"]
    );
    assert_eq!(
        titles(&b.same("young-woo", None, 50)),
        vec!["Profile of Woo Young-woo"]
    );
    // Letter case and diacritics ignored.
    assert_eq!(b.same("CAFE", None, 50).len(), 2);
    // A Hangul name (three syllables: the trigram index), and its given name alone (two: no
    // trigram, read newest first), alone and beside a longer word.
    let name = b.same("우영우", None, 50);
    assert_eq!(
        titles(&name),
        vec![
            "우영우 joins the law firm",
            "Park Eun-bin plays 우영우",
            "Rating explainer"
        ]
    );
    let given = b.same("영우", None, 50);
    // Short words read the short fields only: the draft's body is not one.
    assert_eq!(given.len(), 3, "{:?}", titles(&given));
    assert_eq!(
        titles(&b.same("영우 whale", None, 50)),
        vec!["영우 said nothing about the whale"]
    );
    // Several words: all required.
    assert_eq!(
        titles(&b.same("rating finale", None, 50)),
        vec!["The finale drew a record rating"]
    );
    assert!(b.same("rating zebra", None, 50).is_empty());
    // Topics are searched with the claim.
    assert_eq!(b.same("drama", None, 50).len(), 2);
}

#[test]
fn kinds_limits_and_id_prefixes_agree_on_both_desks() {
    let b = both();

    let claims = b.same("rating", Some(SearchKind::Claim), 50);
    assert_eq!(claims.len(), 2);
    assert!(claims.iter().all(|h| h.kind == SearchKind::Claim));
    assert_eq!(b.same("rating", Some(SearchKind::Draft), 50).len(), 1);
    assert_eq!(b.same("rating", None, 2).len(), 2);
    assert_eq!(b.same("영우", None, 1).len(), 1);

    for desk in [&b.file, &b.team] {
        for limit in [0, 201] {
            let e = desk.search("rating", None, limit).unwrap_err();
            assert_eq!(e.code(), ErrorCode::Invalid);
            assert_eq!(e.field(), Some("limit"));
        }
        assert_eq!(
            desk.search("  ", None, 5).unwrap_err().field(),
            Some("query")
        );
    }

    // An id pasted from an export: its first ten characters find the claim, first.
    for (desk, id) in [(&b.file, &b.file_finale), (&b.team, &b.team_finale)] {
        let hits = desk.search(&id[..10].to_lowercase(), None, 10).unwrap();
        assert_eq!(hits[0].id, *id);
        assert_eq!(hits[0].title, "The finale drew a record rating");
    }
}

#[test]
fn a_writer_and_an_editor_can_search_the_team_desk() {
    let b = both();
    for user in [&b.team_desk.writer, &b.team_desk.editor] {
        let desk = Desk::open_team(&b.team_desk.url(user)).unwrap();
        let hits = desk.search("finale", None, 10).unwrap();
        assert_eq!(
            titles(&hits),
            vec!["The finale drew a record rating"],
            "{user}"
        );
    }
}

/// A word in more records than a search ranks (the newest 200 of each kind): a team desk first
/// walks its newest records, and ranks the same 200 the desk file's index gives. The oldest
/// records say the word most often, so ranking any of them would put them first.
#[test]
fn a_word_in_hundreds_of_records_ranks_the_same_newest_ones_on_both_desks() {
    let mut b = both();
    for desk in [&mut b.file, &mut b.team] {
        for i in 0..260 {
            let said = if i < 60 { 6 } else { 1 + i % 4 };
            let text = format!("Ferry {i}: {}", vec!["ferry"; said].join(" "));
            claim(desk, &text, &[]);
        }
    }
    let hits = b.same("ferry", None, 50);
    assert_eq!(hits.len(), 50);
    // Claim 60 onwards are the newest 200 holding the word.
    for h in &hits {
        let n: usize = h.title[6..].split(':').next().unwrap().parse().unwrap();
        assert!(n >= 60, "an old claim was ranked: {}", h.title);
    }
    // A short word is checked among those same candidates.
    assert!(!b.same("ferry 1", None, 200).is_empty());
    // Rare beside common: both words required.
    assert_eq!(
        titles(&b.same("ferry 259:", None, 50)),
        vec!["Ferry 259: ferry ferry ferry ferry"]
    );
}

/// A source's and a draft's searchable words follow their edits on a team desk as the index
/// does on a desk file.
#[test]
fn edited_sources_and_drafts_are_found_by_their_new_words_only() {
    let mut b = both();
    for desk in [&mut b.file, &mut b.team] {
        let s = desk
            .add_source(&SourceInput {
                title: "Harbour log".into(),
                notes: Some("tides".into()),
                ..Default::default()
            })
            .unwrap();
        desk.edit_source(
            &s.id,
            &SourcePatch {
                title: Some("Lighthouse log".into()),
                notes: Some("Ōtsuki ferry times".into()),
                ..Default::default()
            },
        )
        .unwrap();
        let d = desk
            .add_draft(&DraftInput {
                title: "Harbour piece".into(),
                body: "About the tides.".into(),
            })
            .unwrap();
        desk.save_draft(
            &d.id,
            &DraftInput {
                title: "Lighthouse piece".into(),
                body: "About the keeper.".into(),
            },
            SaveReason::Explicit,
            None,
        )
        .unwrap();
    }
    assert!(b.same("harbour", None, 50).is_empty());
    assert!(b.same("tides", None, 50).is_empty());
    assert_eq!(
        titles(&b.same("lighthouse", None, 50)),
        vec!["Lighthouse log", "Lighthouse piece"]
    );
    assert_eq!(titles(&b.same("OTSUKI", None, 50)), vec!["Lighthouse log"]);
    assert_eq!(
        titles(&b.same("keeper", None, 50)),
        vec!["Lighthouse piece"]
    );
    // Short words read a source's short fields, edited too.
    assert_eq!(titles(&b.same("ts", Some(SearchKind::Source), 50)).len(), 1);
}
