#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Citation import through the public API: a writer's Zotero, BibTeX and RIS libraries become
//! desk sources, deduplicated, in one write, and Factdesk's own CSL-JSON comes back without loss.

mod bulk;
mod formats;
mod round_trip;

use std::path::PathBuf;

use chrono::{TimeZone, Utc};
use factdesk_core::{Desk, FixedClock, ListQuery, Source, SourceFilter};

pub fn desk() -> Desk {
    Desk::open_in_memory().unwrap().with_clock(FixedClock(
        Utc.with_ymd_and_hms(2025, 8, 1, 9, 0, 0).unwrap(),
    ))
}

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/citations")
        .join(name)
}

/// Every source of the desk, read page by page.
pub fn all_sources(desk: &Desk) -> Vec<Source> {
    let mut all = Vec::new();
    let mut query = ListQuery::<SourceFilter> {
        limit: Some(50),
        ..ListQuery::default()
    };
    loop {
        let page = desk.sources_page(&query).unwrap();
        all.extend(page.items);
        match page.next {
            Some(next) => query.after = Some(next),
            None => return all,
        }
    }
}

/// The desk's source with this title.
#[track_caller]
pub fn by_title(desk: &Desk, title: &str) -> Source {
    let all = all_sources(desk);
    let found: Vec<&Source> = all.iter().filter(|s| s.title == title).collect();
    assert_eq!(found.len(), 1, "one source is titled {title:?}: {all:#?}");
    desk.source(&found[0].id).unwrap()
}
