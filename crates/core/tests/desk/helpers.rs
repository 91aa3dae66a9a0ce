//! What the desk suite's modules share, on either engine: inputs, page-by-page reads, error
//! checks and row counts. Each binary that includes the modules (`desk` on a desk file,
//! `desk_on_team` on PostgreSQL) defines `desk()` and `desk_with_clock()` beside it.

use std::fmt::Debug;

use chrono::{DateTime, TimeZone, Utc};
use factdesk_core::{
    Claim, ClaimFilter, ClaimInput, Confidence, CoreError, Desk, ListQuery, Result, Source,
    SourceFilter, SourceInput,
};

/// The instant every test desk lives at.
pub fn fixed_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2025, 6, 2, 9, 30, 0).unwrap()
}

/// A source input with only a title.
pub fn titled(title: &str) -> SourceInput {
    SourceInput {
        title: title.into(),
        ..SourceInput::default()
    }
}

/// A claim input with no date, status or topics.
pub fn claim_input(text: &str, confidence: Confidence) -> ClaimInput {
    ClaimInput {
        text: text.into(),
        confidence,
        as_of: None,
        status: None,
        topics: Vec::new(),
        settled: false,
    }
}

/// Every source, newest first, read page by page as a screen would.
pub fn all_sources(desk: &Desk) -> Vec<Source> {
    let mut all = Vec::new();
    let mut query = ListQuery::<SourceFilter> {
        limit: Some(7),
        ..ListQuery::default()
    };
    loop {
        let page = desk.sources_page(&query).expect("a page of sources");
        all.extend(page.items);
        match page.next {
            Some(next) => query.after = Some(next),
            None => return all,
        }
    }
}

/// Every claim, newest first, read page by page as a screen would.
pub fn all_claims(desk: &Desk) -> Vec<Claim> {
    let mut all = Vec::new();
    let mut query = ListQuery::<ClaimFilter> {
        limit: Some(7),
        ..ListQuery::default()
    };
    loop {
        let page = desk.claims_page(&query).expect("a page of claims");
        all.extend(page.items);
        match page.next {
            Some(next) => query.after = Some(next),
            None => return all,
        }
    }
}

pub fn add_source(desk: &mut Desk, title: &str) -> Source {
    desk.add_source(&titled(title))
        .expect("a source with only a title is valid")
}

pub fn add_source_via(desk: &mut Desk, title: &str, via: &str) -> Source {
    desk.add_source(&SourceInput {
        via: Some(via.into()),
        ..titled(title)
    })
    .expect("a source relaying an existing source is valid")
}

pub fn add_claim(desk: &mut Desk, text: &str) -> Claim {
    desk.add_claim(&claim_input(text, Confidence::Reported))
        .expect("a claim with text and a confidence is valid")
}

/// Asserts that `result` is an `Invalid` error about `field` and returns its message.
#[track_caller]
pub fn expect_invalid<T: Debug>(result: Result<T>, field: &str, why: &str) -> String {
    match result {
        Err(e @ CoreError::Invalid { .. }) => {
            assert_eq!(
                e.field(),
                Some(field),
                "{why}: the error must name `{field}`: {e}"
            );
            assert!(
                e.to_string().starts_with(&format!("{field}: ")),
                "{why}: the message must start with the field so it can be shown beside it: {e}"
            );
            e.to_string()
        }
        other => panic!("{why}: expected an Invalid error on `{field}`, got {other:?}"),
    }
}

/// Number of rows in one table, read straight from the database (either engine).
pub fn count(desk: &Desk, table: &str) -> i64 {
    desk.read(|db| db.query_row(&format!("SELECT count(*) FROM {table}"), &[], |r| r.get(0)))
        .unwrap()
}

/// Row counts of every table a write could touch, to compare before and after a failure.
pub fn counts(desk: &Desk) -> Vec<(&'static str, i64)> {
    [
        "sources",
        "claims",
        "claim_topics",
        "evidence",
        "drafts",
        "history",
    ]
    .into_iter()
    .map(|t| (t, count(desk, t)))
    .collect()
}

/// The shortest prefix of `id` that no other id in `others` starts with.
pub fn unique_prefix(id: &str, others: &[&str]) -> String {
    (1..=id.len())
        .map(|n| &id[..n])
        .find(|p| others.iter().all(|o| *o == id || !o.starts_with(p)))
        .expect("distinct ids always have a distinguishing prefix")
        .to_string()
}

/// The longest prefix two ids share.
pub fn common_prefix(a: &str, b: &str) -> String {
    a.chars()
        .zip(b.chars())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x)
        .collect()
}
