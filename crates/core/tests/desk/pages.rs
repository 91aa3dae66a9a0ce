//! Paged lists: newest first, a page at a time by cursor, stable while records are added
//! between pages, filtered and counted in SQL.

use chrono::{DateTime, Duration, Utc};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use factdesk_core::{
    ClaimFilter, ClaimInput, ClaimStatus, Clock, Confidence, Desk, ListQuery, SourceFilter,
    SourceInput,
};

use crate::{
    all_claims, all_sources, claim_input, desk_with_clock, expect_invalid, fixed_now, titled,
};

/// A clock one second further on at every read, so each record is newer than the last.
#[derive(Clone)]
struct Ticking(Arc<AtomicI64>);

impl Clock for Ticking {
    fn now(&self) -> DateTime<Utc> {
        fixed_now() + Duration::seconds(self.0.fetch_add(1, Ordering::SeqCst))
    }
}

fn ticking_desk() -> Desk {
    desk_with_clock(Ticking(Arc::new(AtomicI64::new(0))))
}

fn claim(desk: &mut Desk, text: &str, confidence: Confidence, topics: &[&str]) -> String {
    desk.add_claim(&ClaimInput {
        topics: topics.iter().map(|t| t.to_string()).collect(),
        settled: false,
        ..claim_input(text, confidence)
    })
    .unwrap()
    .id
}

fn page(
    desk: &Desk,
    filter: ClaimFilter,
    limit: u32,
    after: Option<String>,
) -> (Vec<String>, Option<String>) {
    let p = desk
        .claims_page(&ListQuery {
            filter,
            limit: Some(limit),
            after,
        })
        .unwrap();
    (p.items.into_iter().map(|c| c.id).collect(), p.next)
}

#[test]
fn pages_walk_every_claim_newest_first_and_end_without_a_cursor() {
    for (mut desk, one_instant) in [(ticking_desk(), false), (crate::desk(), true)] {
        // The fixed clock gives every claim the same instant: the order still holds.
        let mut made: Vec<String> = (0..11)
            .map(|i| {
                claim(
                    &mut desk,
                    &format!("Claim number {i}"),
                    Confidence::Reported,
                    &[],
                )
            })
            .collect();
        made.reverse();
        if desk.is_team() && one_instant {
            // Two records of one instant: a team desk orders them by id, a desk file by
            // insertion (docs/team-desk.md); either way one order, every page in it.
            made.sort_by(|a, b| b.cmp(a));
        }
        let (first, next) = page(&desk, ClaimFilter::default(), 4, None);
        assert_eq!(first, made[0..4], "the newest four first");
        let (second, next) = page(&desk, ClaimFilter::default(), 4, next);
        assert_eq!(second, made[4..8]);
        let (third, next) = page(&desk, ClaimFilter::default(), 4, next);
        assert_eq!(third, made[8..11]);
        assert_eq!(next, None, "the last page says there is no more");
        let ids: Vec<String> = all_claims(&desk).into_iter().map(|c| c.id).collect();
        assert_eq!(ids, made);
    }
}

#[test]
fn claims_added_between_pages_neither_repeat_nor_hide_older_ones() {
    let mut desk = ticking_desk();
    let mut older: Vec<String> = (0..10)
        .map(|i| {
            claim(
                &mut desk,
                &format!("Older claim {i}"),
                Confidence::Reported,
                &[],
            )
        })
        .collect();
    older.reverse();
    let (first, next) = page(&desk, ClaimFilter::default(), 3, None);
    // Writers keep adding while the reader scrolls.
    for i in 0..5 {
        claim(
            &mut desk,
            &format!("Newer claim {i}"),
            Confidence::Reported,
            &[],
        );
    }
    let mut seen = first.clone();
    let mut next = next;
    while let Some(cursor) = next {
        let (items, after) = page(&desk, ClaimFilter::default(), 3, Some(cursor));
        seen.extend(items);
        claim(
            &mut desk,
            "Added during the walk",
            Confidence::Reported,
            &[],
        );
        next = after;
    }
    assert_eq!(
        seen, older,
        "every older claim once, in order, and nothing newer"
    );
}

#[test]
fn filters_page_and_count_in_sql() {
    let mut desk = ticking_desk();
    let mut casting = Vec::new();
    for i in 0..9 {
        let confidence = if i % 3 == 0 {
            Confidence::Confirmed
        } else {
            Confidence::Reported
        };
        let topics: &[&str] = if i % 2 == 0 {
            &["Casting"]
        } else {
            &["ratings"]
        };
        let id = claim(&mut desk, &format!("Claim {i}"), confidence, topics);
        if i % 2 == 0 {
            casting.push(id);
        }
    }
    casting.reverse();
    let by_topic = ClaimFilter {
        topic: Some("CASTING".into()),
        ..ClaimFilter::default()
    };
    let (first, next) = page(&desk, by_topic.clone(), 3, None);
    let (rest, end) = page(&desk, by_topic.clone(), 3, next);
    assert_eq!(
        [first, rest].concat(),
        casting,
        "topic filter, letter case ignored"
    );
    assert_eq!(end, None);
    assert_eq!(desk.count_claims(&by_topic).unwrap(), 5);

    let confirmed = ClaimFilter {
        confidence: Some(Confidence::Confirmed),
        ..ClaimFilter::default()
    };
    assert_eq!(desk.count_claims(&confirmed).unwrap(), 3);
    let (items, _) = page(&desk, confirmed, 50, None);
    assert_eq!(items.len(), 3);
    let both = ClaimFilter {
        confidence: Some(Confidence::Confirmed),
        topic: Some("casting".into()),
        status: Some(ClaimStatus::Active),
    };
    assert_eq!(desk.count_claims(&both).unwrap(), 2, "claims 0 and 6");
    let retracted = ClaimFilter {
        status: Some(ClaimStatus::Retracted),
        ..ClaimFilter::default()
    };
    assert_eq!(desk.count_claims(&retracted).unwrap(), 0);
    assert_eq!(desk.count_claims(&ClaimFilter::default()).unwrap(), 9);
}

#[test]
fn sources_page_by_outlet_and_count() {
    let mut desk = ticking_desk();
    let mut reel = Vec::new();
    for i in 0..6 {
        let outlet = if i % 2 == 0 {
            "The Reel Report"
        } else {
            "Daily Screen"
        };
        let s = desk
            .add_source(&SourceInput {
                outlet: Some(outlet.into()),
                ..titled(&format!("Story {i}"))
            })
            .unwrap();
        if i % 2 == 0 {
            reel.push(s.id);
        }
    }
    reel.reverse();
    let filter = SourceFilter {
        outlet: Some("the reel report".into()),
    };
    let p = desk
        .sources_page(&ListQuery {
            filter: filter.clone(),
            limit: Some(2),
            after: None,
        })
        .unwrap();
    let p2 = desk
        .sources_page(&ListQuery {
            filter: filter.clone(),
            limit: Some(2),
            after: p.next.clone(),
        })
        .unwrap();
    let got: Vec<String> = p
        .items
        .iter()
        .chain(&p2.items)
        .map(|s| s.id.clone())
        .collect();
    assert_eq!(got, reel);
    assert_eq!(p2.next, None);
    assert_eq!(desk.count_sources(&filter).unwrap(), 3);
    assert_eq!(desk.count_sources(&SourceFilter::default()).unwrap(), 6);
    assert_eq!(all_sources(&desk).len(), 6);
}

#[test]
fn a_bad_cursor_or_limit_is_refused_naming_the_field() {
    let desk = ticking_desk();
    for after in ["nonsense", "1.zz", ""] {
        expect_invalid(
            desk.claims_page(&ListQuery {
                filter: ClaimFilter::default(),
                limit: None,
                after: Some(after.into()),
            }),
            "after",
            "a cursor the desk did not give",
        );
    }
    for limit in [0, 1_001] {
        expect_invalid(
            desk.sources_page(&ListQuery {
                filter: SourceFilter::default(),
                limit: Some(limit),
                after: None,
            }),
            "limit",
            "a page size out of range",
        );
    }
}
