//! The desk generator for measuring: `factdesk init --large --claims N` (N up to
//! [`MAX_CLAIMS`]) makes N claims, N/3 sources (a third of them relaying an earlier one, so relay
//! chains form), 1.5 N pieces of evidence and a 20,000-word draft whose 1,000 claim spans name
//! claims drawn from the whole desk.
//!
//! Invariants:
//! - Deterministic: the same N gives the same records, ids and times (a seeded generator, times
//!   counted from a fixed start), so figures compare across runs and machines.
//! - A generated desk is a desk like any other: every source, claim and piece of evidence has the
//!   history row of its creation, holding the record exactly as [`crate::audit::record`] writes
//!   it (a test compares them), and rows go into the tables through plain `INSERT`s, so every
//!   trigger and index the schema has (the history's, and any added later) does its work.
//! - Its quote checks are stored ([`crate::quote_checks`]), worked out once after the load by
//!   the same path that backfills an older desk.
//! - The write path is the bulk one: rows are made first ([`Generator::next_batch`], on a
//!   second thread, with no per-row `format!` or serde: ids and times inline, text fragments
//!   made once, the history's JSON written into a buffer), then written through cached
//!   multi-row `INSERT`s bound positionally, one transaction of [`BATCH_CLAIMS`] claims (and
//!   their sources and evidence) at a time, through [`Desk::write`] like every write.
//! - A file desk is generated into a brand-new file nobody else has; only there may the load run
//!   without journal, fsync and foreign-key checks, with the secondary indexes, search triggers
//!   and search indexes built once after the rows (see [`bulk_load`]).
//!
//! Bump [`GENERATOR_VERSION`] whenever the generated content changes: cached benchmark desks
//! are rebuilt when it does.

use std::path::{Path, PathBuf};
use std::time::Instant;

use std::sync::LazyLock;

use chrono::{DateTime, Datelike, TimeZone, Timelike, Utc};
use rusqlite::types::{ToSql, ToSqlOutput, ValueRef};
use rusqlite::{Connection, OptionalExtension, Statement};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ulid::Ulid;

use super::words::*;
use crate::confidence::Confidence;
use crate::dates::PartialDate;
use crate::desk::{Desk, Write};
use crate::drafts::{self, Draft, DraftInput};
use crate::error::{CoreError, Result};
use crate::vocab::{ClaimStatus, Reliability, SourceKind, Stance};

/// Changes whenever the generated desk does (content, sizes, order).
pub const GENERATOR_VERSION: u32 = 2;

/// The largest desk the generator makes.
pub const MAX_CLAIMS: usize = 1_000_000;

/// Claims per write transaction (with their share of sources, evidence and history).
pub const BATCH_CLAIMS: usize = 50_000;

/// Words and claim spans of the generated draft.
pub const DRAFT_WORDS: usize = 20_000;
pub const DRAFT_SPANS: usize = 1_000;

/// The cache a generating connection uses while it writes (KiB, as `PRAGMA cache_size` takes a
/// negative number): the evidence's source index takes rows in random order, and a small cache
/// spills it to the journal again and again.
const GENERATING_CACHE_KIB: i64 = 256 * 1024;

/// The file mapped into memory while the generating connection builds its indexes, so their
/// scans of a desk ten times the cache (3 GB at 1M claims) read pages without a system call
/// each.
const GENERATING_MMAP_BYTES: i64 = 8 * 1024 * 1024 * 1024;

/// The search indexes' in-memory term buffer while they are rebuilt (FTS5's `hashsize`).
const SEARCH_HASH_BYTES: i64 = 256 * 1024 * 1024;

/// The first record's time; each next record is about 20 s later, so a 1M-claim desk spans
/// about two years, as a newsroom's would.
const START_MS: i64 = 1_672_531_200_000; // 2023-01-01T00:00:00Z
const STEP_MS: i64 = 20_000;
const START_YEAR: i32 = 2023;

/// What a generation made, and how long each phase took.
#[derive(Debug, Clone, Serialize)]
pub struct Generated {
    pub sources: usize,
    pub claims: usize,
    pub evidence: usize,
    pub history: usize,
    pub draft: Draft,
    /// Seconds from the first row made to the draft stored: every phase below.
    pub seconds: f64,
    /// Seconds to make and write the rows of the core tables (making overlaps writing), with
    /// no secondary index or search index yet: the load itself.
    pub rows_seconds: f64,
    /// Seconds to build the secondary indexes once over all rows.
    pub indexes_seconds: f64,
    /// Seconds to fill the search indexes from their content tables and merge them.
    pub search_seconds: f64,
    /// Seconds to store the quote checks.
    pub quote_checks_seconds: f64,
}

/// An id or a time as text of a fixed length, kept inline: no allocation per row.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Fixed<const N: usize>([u8; N]);

/// A record's id (a ULID's 26 characters).
pub type Id = Fixed<26>;
/// A time as the desk stores it (`2023-01-01T00:00:05.123Z`, see [`crate::dates::timestamp`]).
pub type Stamp = Fixed<24>;

impl<const N: usize> Fixed<N> {
    pub fn as_str(&self) -> &str {
        // Only ever filled from ASCII (a ULID's alphabet, or digits and separators).
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl Id {
    fn of(ulid: Ulid) -> Id {
        let mut text = [0; 26];
        ulid.array_to_str(&mut text);
        Fixed(text)
    }
}

impl Stamp {
    fn at(ms: i64) -> Stamp {
        let at = Utc
            .timestamp_millis_opt(ms)
            .single()
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        let mut text = *b"0000-00-00T00:00:00.000Z";
        let mut put = |at: usize, digits: usize, value: u32| {
            let mut value = value;
            for k in (at..at + digits).rev() {
                text[k] = b'0' + (value % 10) as u8;
                value /= 10;
            }
        };
        put(0, 4, at.year().max(0) as u32);
        put(5, 2, at.month());
        put(8, 2, at.day());
        put(11, 2, at.hour());
        put(14, 2, at.minute());
        put(17, 2, at.second());
        put(20, 3, ms.rem_euclid(1000) as u32);
        Fixed(text)
    }

    /// The time as a record's JSON holds it (chrono's RFC 3339 with `AutoSi`): no fraction when
    /// the milliseconds are zero.
    fn json(&self) -> &str {
        let text = self.as_str();
        if text.get(20..23) == Some("000") {
            text.get(..19).unwrap_or(text)
        } else {
            text.get(..23).unwrap_or(text)
        }
    }

    /// The day part, as a source's `accessed` date.
    fn day(&self) -> &str {
        self.as_str().get(..10).unwrap_or_default()
    }
}

impl<const N: usize> std::fmt::Display for Fixed<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl<const N: usize> std::fmt::Debug for Fixed<N> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Debug::fmt(self.as_str(), f)
    }
}

impl<const N: usize> ToSql for Fixed<N> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(ValueRef::Text(&self.0)))
    }
}

/// A source row as the `sources` table holds it.
#[derive(Debug, Clone)]
pub struct SourceRow {
    pub id: Id,
    pub title: String,
    pub outlet: &'static str,
    pub author: &'static str,
    pub url: String,
    pub published: PartialDate,
    pub accessed: PartialDate,
    pub language: &'static str,
    pub kind: SourceKind,
    pub reliability: Reliability,
    pub via: Option<Id>,
    pub kept_text: Option<String>,
    pub kept_text_sha256: Option<String>,
    pub notes: Option<&'static str>,
    pub at: Stamp,
    /// Unique across the desk, as `citekeys::store` would give it.
    pub cite_key: String,
}

#[derive(Debug, Clone)]
pub struct ClaimRow {
    pub id: Id,
    pub text: String,
    pub confidence: Confidence,
    pub as_of: PartialDate,
    pub status: ClaimStatus,
    /// Sorted, distinct.
    pub topics: &'static [&'static str],
    pub at: Stamp,
}

#[derive(Debug, Clone)]
pub struct EvidenceRow {
    pub id: Id,
    pub claim_id: Id,
    pub source_id: Id,
    pub quote: String,
    pub locator: &'static str,
    pub stance: Stance,
    pub translated_by: Option<&'static str>,
    pub original_quote: Option<&'static str>,
    pub at: Stamp,
}

/// The history row of a record's creation.
#[derive(Debug, Clone)]
pub struct HistoryRow {
    pub at: Stamp,
    pub record_kind: &'static str,
    pub record_id: Id,
    /// The record as JSON, as `audit::record` writes it.
    pub after: String,
    pub version: Option<i64>,
}

/// One transaction's rows, in the order they are written (relayed sources before relays,
/// claims and sources before the evidence linking them).
#[derive(Debug, Default)]
pub struct Rows {
    pub sources: Vec<SourceRow>,
    pub claims: Vec<ClaimRow>,
    pub evidence: Vec<EvidenceRow>,
    pub history: Vec<HistoryRow>,
}

impl Rows {
    /// Rows of every table, history included.
    pub fn len(&self) -> usize {
        self.sources.len()
            + self.claims.len()
            + self.claims.iter().map(|c| c.topics.len()).sum::<usize>()
            + self.evidence.len()
            + self.history.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Text made once for the whole run instead of once per row.
struct Tables {
    /// "{city} {paper}" and its URL host, at `city * PAPERS.len() + paper`.
    outlets: Vec<(String, String)>,
    /// Sorted, distinct topic sets, at `first * TOPICS.len() + second`.
    topics: Vec<Vec<&'static str>>,
    /// "para 1" to "para 30".
    locators: Vec<String>,
    /// The translated evidence's original quote, per person of [`HANGUL`].
    original_quotes: Vec<String>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| Tables {
    outlets: CITIES
        .iter()
        .flat_map(|city| PAPERS.iter().map(move |paper| format!("{city} {paper}")))
        .map(|outlet| {
            let host = outlet
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            (outlet, host)
        })
        .collect(),
    topics: (0..TOPICS.len() * TOPICS.len())
        .map(|k| {
            let (first, second) = (TOPICS[k / TOPICS.len()], TOPICS[k % TOPICS.len()]);
            let mut set = vec![first];
            if second != first {
                set.push(second);
                set.sort_unstable();
            }
            set
        })
        .collect(),
    locators: (1..=30).map(|n| format!("para {n}")).collect(),
    original_quotes: HANGUL
        .iter()
        .map(|hangul| format!("{hangul} 씨는 다음 시즌 촬영이 겨울에 시작된다고 말했다."))
        .collect(),
});

/// The host of a Korean outlet's URL (its name has no ASCII letters).
const KOREAN_HOST: &str = "kr-outlet";

/// Appends `n` in decimal.
fn push_num(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&digits[at..]).unwrap_or_default());
}

/// Appends `n` with at least `width` digits.
fn push_padded(out: &mut String, n: usize, width: usize) {
    let mut k = 10usize.pow(width.saturating_sub(1) as u32);
    while k > 1 && n < k {
        out.push('0');
        k /= 10;
    }
    push_num(out, n);
}

/// Appends a partial date as the desk writes it (`Display` of [`PartialDate`]).
fn push_date(out: &mut String, date: PartialDate) {
    match date {
        PartialDate::Year(y) => push_padded(out, y.max(0) as usize, 4),
        PartialDate::Month(y, m) => {
            push_padded(out, y.max(0) as usize, 4);
            out.push('-');
            push_padded(out, m as usize, 2);
        }
        PartialDate::Day(d) => {
            push_padded(out, d.year().max(0) as usize, 4);
            out.push('-');
            push_padded(out, d.month() as usize, 2);
            out.push('-');
            push_padded(out, d.day() as usize, 2);
        }
    }
}

/// The history's JSON, written straight into a buffer: keys in the order serde_json's map keeps
/// them (sorted), values as `serde_json` writes them (a test compares the two).
struct Json(String);

impl Json {
    fn new(capacity: usize) -> Json {
        let mut out = String::with_capacity(capacity);
        out.push('{');
        Json(out)
    }

    fn key(&mut self, key: &str) {
        if self.0.len() > 1 {
            self.0.push(',');
        }
        self.0.push('"');
        self.0.push_str(key);
        self.0.push_str("\":");
    }

    fn str(&mut self, key: &str, value: &str) {
        self.key(key);
        if value.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
            self.0.push('"');
            self.0.push_str(value);
            self.0.push('"');
        } else {
            self.0
                .push_str(&serde_json::Value::String(value.to_owned()).to_string());
        }
    }

    fn opt(&mut self, key: &str, value: Option<&str>) {
        match value {
            Some(value) => self.str(key, value),
            None => self.raw(key, "null"),
        }
    }

    fn raw(&mut self, key: &str, value: &str) {
        self.key(key);
        self.0.push_str(value);
    }

    fn date(&mut self, key: &str, value: PartialDate) {
        self.key(key);
        self.0.push('"');
        push_date(&mut self.0, value);
        self.0.push('"');
    }

    fn time(&mut self, key: &str, value: &Stamp) {
        self.key(key);
        self.0.push('"');
        self.0.push_str(value.json());
        self.0.push_str("Z\"");
    }

    fn done(mut self) -> String {
        self.0.push('}');
        self.0
    }
}

/// A small seeded generator (splitmix64): no dependency for a fixture.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<T: Copy>(&mut self, from: &[T]) -> T {
        from[self.below(from.len())]
    }

    fn percent(&mut self, p: usize) -> bool {
        self.below(100) < p
    }

    fn prose(&mut self, words: usize, out: &mut String) {
        for i in 0..words {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(self.pick(PROSE));
        }
    }
}

/// Citation keys as [`crate::export::citekeys::KeyRing`] gives them: the first of `base`,
/// `base` + "a", "b", … "z", "aa", … not yet taken. The ring tries them from the start each time,
/// which at 1M claims (a few hundred sources sharing a base) is most of the time spent making
/// rows; this one starts where the last search for the same base ended, which gives the same
/// key, as every candidate before it is taken and stays taken (a test compares the two).
#[derive(Default)]
struct Keys {
    taken: std::collections::HashSet<String>,
    /// Per base, the suffix number to try first.
    next: std::collections::HashMap<String, usize>,
}

impl Keys {
    fn take(&mut self, base: String) -> String {
        let mut n = self.next.get(&base).copied();
        let mut key = match n {
            None => base.clone(),
            Some(n) => suffixed(&base, n),
        };
        while self.taken.contains(&key) {
            let k = n.map_or(0, |n| n + 1);
            key = suffixed(&base, k);
            n = Some(k);
        }
        // The key found is taken now: the next search for this base goes on past it (past the
        // bare base to suffix 0, "a", when the base itself was free).
        self.next.insert(base, n.unwrap_or(0));
        self.taken.insert(key.clone());
        key
    }
}

/// `base` followed by the clash suffix number `n`: "a" to "z", then "aa", "ab", ….
fn suffixed(base: &str, n: usize) -> String {
    let mut letters = Vec::new();
    let mut n = n;
    loop {
        letters.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    let mut key = String::with_capacity(base.len() + letters.len());
    key.push_str(base);
    key.extend(letters.iter().rev().map(|&b| char::from(b)));
    key
}

/// A person as the generator names them: the spelling used, their Hangul, their index.
struct Person {
    romanised: &'static str,
    hangul: &'static str,
    index: usize,
}

/// Makes the rows of a generated desk, one batch at a time.
pub struct Generator {
    rng: Rng,
    claims: usize,
    sources: usize,
    next_claim: usize,
    next_source: usize,
    /// Every claim id so far, for the draft's spans.
    claim_ids: Vec<Id>,
    source_ids: Vec<Id>,
    /// Counts records for their times.
    tick: i64,
    /// Citation keys given so far: generated sources take theirs in id order, as on a desk.
    keys: Keys,
    tables: &'static Tables,
}

impl Generator {
    /// A generator of a desk of `claims` claims; the error names `claims`.
    pub fn new(claims: usize) -> Result<Generator> {
        if !(1..=MAX_CLAIMS).contains(&claims) {
            return Err(CoreError::invalid(
                "claims",
                format!("{claims} is not between 1 and {MAX_CLAIMS}"),
            ));
        }
        let sources = (claims / 3).max(1);
        Ok(Generator {
            rng: Rng(0x000F_AC7D_E5C0_0001),
            claims,
            sources,
            next_claim: 0,
            next_source: 0,
            claim_ids: Vec::with_capacity(claims),
            source_ids: Vec::with_capacity(sources),
            tick: 0,
            keys: Default::default(),
            tables: &TABLES,
        })
    }

    pub fn sources(&self) -> usize {
        self.sources
    }

    /// Pieces of evidence in the whole desk: two for every odd-numbered claim, one otherwise.
    pub fn evidence_count(&self) -> usize {
        self.claims + self.claims / 2
    }

    /// The next record's time and id.
    fn stamp(&mut self) -> (Stamp, Id) {
        let ms = START_MS + self.tick * STEP_MS + self.rng.below(STEP_MS as usize) as i64;
        self.tick += 1;
        let id = Ulid::from_parts(ms as u64, u128::from(self.rng.next()) << 16);
        (Stamp::at(ms), Id::of(id))
    }

    fn name(&mut self) -> Person {
        let i = self.rng.below(ROMANISED.len());
        // One mention in fifty spells the name another way.
        let romanised = if i < VARIANTS.len() && self.rng.percent(2) {
            VARIANTS[i]
        } else {
            ROMANISED[i]
        };
        Person {
            romanised,
            hangul: HANGUL[i],
            index: i,
        }
    }

    fn show(&mut self, out: &mut String) {
        out.push_str("The ");
        out.push_str(self.rng.pick(SHOW_FIRST));
        out.push(' ');
        out.push_str(self.rng.pick(SHOW_SECOND));
    }

    fn date(&mut self) -> (i32, u32, u32) {
        (
            2018 + self.rng.below(8) as i32,
            1 + self.rng.below(12) as u32,
            1 + self.rng.below(28) as u32,
        )
    }

    /// A claim's text: one of ten sentence shapes, written piece by piece into one buffer.
    fn claim_text(&mut self) -> String {
        let mut show = String::with_capacity(32);
        self.show(&mut show);
        let season = 1 + self.rng.below(5);
        let (year, month, day) = self.date();
        let year = year as usize;
        let month_name = MONTHS[month as usize - 1];
        let network = self.rng.pick(NETWORKS);
        let Person {
            romanised: name,
            hangul,
            ..
        } = self.name();
        let mut t = String::with_capacity(128);
        let out = &mut t;
        let season_of = |out: &mut String| {
            out.push_str(" season ");
            push_num(out, season);
        };
        match self.rng.below(10) {
            0 => {
                out.push_str(&show);
                season_of(out);
                out.push_str(" premieres on ");
                out.push_str(month_name);
                out.push(' ');
                push_num(out, day as usize);
                out.push_str(", ");
                push_num(out, year);
                out.push_str(" on ");
                out.push_str(network);
                out.push('.');
            }
            1 => {
                out.push_str(name);
                out.push_str(" (");
                out.push_str(hangul);
                out.push_str(") joins the cast of ");
                out.push_str(&show);
                season_of(out);
                out.push_str(" as ");
                out.push_str(self.rng.pick(ROLES));
                out.push('.');
            }
            2 => {
                out.push_str("Episode ");
                push_num(out, 1 + self.rng.below(16));
                out.push_str(" of ");
                out.push_str(&show);
                out.push_str(" drew a ");
                push_num(out, 3 + self.rng.below(25));
                out.push('.');
                push_num(out, self.rng.below(10));
                out.push_str("% nationwide rating, a series high.");
            }
            3 => {
                out.push_str("Filming of ");
                out.push_str(&show);
                season_of(out);
                out.push_str(" began in ");
                out.push_str(self.rng.pick(PLACES));
                out.push_str(" in ");
                out.push_str(month_name);
                out.push(' ');
                push_num(out, year);
                out.push('.');
            }
            4 => {
                out.push_str(name);
                out.push_str(" will direct all ");
                push_num(out, 6 + self.rng.below(15));
                out.push_str(" episodes of ");
                out.push_str(&show);
                season_of(out);
                out.push('.');
            }
            5 => {
                out.push_str(network);
                out.push_str(" renewed ");
                out.push_str(&show);
                out.push_str(" for season ");
                push_num(out, season + 1);
                out.push_str(" before the finale aired.");
            }
            6 => {
                out.push_str(name);
                out.push_str(" won Best ");
                out.push_str(self.rng.pick(CATEGORIES));
                out.push_str(" at the ");
                push_num(out, year);
                out.push(' ');
                out.push_str(self.rng.pick(AWARDS));
                out.push_str(" Awards for ");
                out.push_str(&show);
                out.push('.');
            }
            7 => {
                out.push_str(&show);
                season_of(out);
                out.push_str(" was the most-watched drama on ");
                out.push_str(network);
                out.push_str(" in ");
                out.push_str(month_name);
                out.push(' ');
                push_num(out, year);
                out.push_str(", with ");
                push_num(out, 1 + self.rng.below(9));
                out.push('.');
                push_num(out, self.rng.below(10));
                out.push_str(" million viewers.");
            }
            8 => {
                let other = self.name().romanised;
                out.push_str(name);
                out.push_str(" and ");
                out.push_str(other);
                out.push_str(" reunite in ");
                out.push_str(&show);
                out.push_str(", their first series together since ");
                push_num(out, year - 1 - self.rng.below(6));
                out.push('.');
            }
            _ => {
                out.push_str(hangul);
                out.push_str(" 배우가 ");
                out.push_str(&show);
                out.push_str(" 시즌 ");
                push_num(out, season);
                out.push_str("에 출연한다고 ");
                out.push_str(network);
                out.push_str("가 밝혔다.");
            }
        }
        t
    }

    fn source(&mut self) -> (SourceRow, HistoryRow) {
        let i = self.next_source;
        self.next_source += 1;
        let (at, id) = self.stamp();
        let korean = self.rng.percent(20);
        let person = self.name();
        let mut show = String::with_capacity(32);
        self.show(&mut show);
        let (year, month, day) = self.date();
        let mut title = String::with_capacity(64);
        let (outlet, host, author, language): (&'static str, &'static str, &'static str, _) =
            if korean {
                let outlet = self.rng.pick(KOREAN_OUTLETS);
                title.push_str(person.hangul);
                title.push_str(" 인터뷰: ");
                title.push_str(&show);
                title.push_str(" 시즌 ");
                push_num(&mut title, 1 + self.rng.below(5));
                title.push_str(" 이야기");
                (outlet, KOREAN_HOST, person.hangul, "ko")
            } else {
                let author = if self.rng.percent(40) {
                    person.romanised
                } else {
                    self.rng.pick(WRITERS)
                };
                let city = self.rng.below(CITIES.len());
                let paper = self.rng.below(PAPERS.len());
                let (outlet, host) = &self.tables.outlets[city * PAPERS.len() + paper];
                title.push_str(person.romanised);
                title.push_str(" on ");
                title.push_str(&show);
                title.push_str(": what season ");
                push_num(&mut title, 1 + self.rng.below(5));
                title.push_str(" holds");
                (outlet.as_str(), host.as_str(), author, "en")
            };
        let mut url = String::with_capacity(64);
        url.push_str("https://");
        url.push_str(host);
        url.push_str(".example/culture/");
        push_num(&mut url, year as usize);
        push_padded(&mut url, month as usize, 2);
        push_padded(&mut url, day as usize, 2);
        url.push('-');
        push_num(&mut url, i);
        // A third relay an earlier source, mostly a recent one: chains of one to a dozen hops.
        let via = (i % 3 == 2).then(|| {
            let back = 1 + self.rng.below(i.min(6));
            self.source_ids[i - back]
        });
        let kept_text = self.rng.percent(10).then(|| {
            let mut t = String::with_capacity(400);
            t.push_str(person.romanised);
            t.push_str(" spoke about ");
            t.push_str(&show);
            t.push_str(". ");
            self.rng.prose(40, &mut t);
            t.push('.');
            t
        });
        let kept_text_sha256 = kept_text
            .as_ref()
            .map(|t| format!("{:x}", Sha256::digest(t.as_bytes())));
        let notes = self
            .rng
            .percent(5)
            .then_some("Checked against the broadcaster's schedule.");
        let published =
            PartialDate::Day(chrono::NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default());
        let accessed = at
            .day()
            .parse::<chrono::NaiveDate>()
            .map(PartialDate::Day)
            .unwrap_or(PartialDate::Year(START_YEAR));
        let cite_key = self.keys.take(crate::export::citekeys::key_base(
            Some(outlet),
            Some(author),
            Some(published),
            &title,
        ));
        let row = SourceRow {
            id,
            title,
            outlet,
            author,
            url,
            published,
            accessed,
            language,
            kind: self.rng.pick(SourceKind::ALL),
            reliability: self.rng.pick(Reliability::ALL),
            via,
            kept_text,
            kept_text_sha256,
            cite_key,
            notes,
            at,
        };
        let mut json = Json::new(
            400 + row.kept_text.as_ref().map_or(0, String::len) + row.title.len() + row.url.len(),
        );
        json.date("accessed", row.accessed);
        json.str("author", row.author);
        json.time("created_at", &row.at);
        json.str("id", row.id.as_str());
        json.opt("kept_text", row.kept_text.as_deref());
        json.opt("kept_text_sha256", row.kept_text_sha256.as_deref());
        json.str("kind", row.kind.as_str());
        json.str("language", row.language);
        json.opt("notes", row.notes);
        json.str("outlet", row.outlet);
        json.date("published", row.published);
        json.str("reliability", row.reliability.as_str());
        json.str("title", &row.title);
        json.time("updated_at", &row.at);
        json.str("url", &row.url);
        json.raw("version", "1");
        json.opt("via", row.via.as_ref().map(Id::as_str));
        let history = HistoryRow {
            at: row.at,
            record_kind: "source",
            record_id: row.id,
            after: json.done(),
            version: Some(1),
        };
        self.source_ids.push(id);
        (row, history)
    }

    fn claim(&mut self) -> (ClaimRow, HistoryRow) {
        let (at, id) = self.stamp();
        let text = self.claim_text();
        let first = self.rng.below(TOPICS.len());
        let second = if self.rng.percent(40) {
            self.rng.below(TOPICS.len())
        } else {
            first
        };
        let topics = &self.tables.topics[first * TOPICS.len() + second];
        let status = match self.rng.below(100) {
            0 => ClaimStatus::Disputed,
            1 => ClaimStatus::Retracted,
            _ => ClaimStatus::Active,
        };
        let (year, month, _) = self.date();
        let row = ClaimRow {
            id,
            text,
            confidence: self.rng.pick(Confidence::ALL),
            as_of: PartialDate::Month(year, month),
            status,
            topics,
            at,
        };
        let mut json = Json::new(320 + row.text.len());
        json.date("as_of", row.as_of);
        json.str("confidence", row.confidence.as_str());
        json.time("created_at", &row.at);
        json.str("id", row.id.as_str());
        json.raw("settled", "false");
        json.str("status", row.status.as_str());
        json.raw("superseded_by", "null");
        json.str("text", &row.text);
        json.key("topics");
        json.0.push('[');
        for (k, topic) in row.topics.iter().enumerate() {
            if k > 0 {
                json.0.push(',');
            }
            json.0.push('"');
            json.0.push_str(topic);
            json.0.push('"');
        }
        json.0.push(']');
        json.time("updated_at", &row.at);
        json.raw("version", "1");
        let history = HistoryRow {
            at: row.at,
            record_kind: "claim",
            record_id: row.id,
            after: json.done(),
            version: Some(1),
        };
        self.claim_ids.push(id);
        (row, history)
    }

    fn evidence(&mut self, claim_id: Id, second: bool) -> (EvidenceRow, HistoryRow) {
        let (at, id) = self.stamp();
        let source = self.source_ids[self.rng.below(self.source_ids.len())];
        let mut quote = String::with_capacity(96);
        self.rng.prose(12, &mut quote);
        let translated = self.rng.percent(5);
        let original_quote =
            translated.then(|| self.tables.original_quotes[self.name().index].as_str());
        let row = EvidenceRow {
            id,
            claim_id,
            source_id: source,
            quote,
            locator: &self.tables.locators[self.rng.below(30)],
            stance: if second && self.rng.percent(10) {
                Stance::Contradicts
            } else {
                Stance::Supports
            },
            translated_by: translated.then_some("Desk translation"),
            original_quote,
            at,
        };
        let mut json = Json::new(400 + row.quote.len());
        json.str("claim_id", row.claim_id.as_str());
        json.time("created_at", &row.at);
        json.raw("first_party", "false");
        json.str("id", row.id.as_str());
        json.str("locator", row.locator);
        json.opt("original_quote", row.original_quote);
        json.str("quote", &row.quote);
        json.str("source_id", row.source_id.as_str());
        json.str("stance", row.stance.as_str());
        json.opt("translated_by", row.translated_by);
        let history = HistoryRow {
            at: row.at,
            record_kind: "evidence",
            record_id: row.id,
            after: json.done(),
            version: None,
        };
        (row, history)
    }

    /// The rows of the next [`BATCH_CLAIMS`] claims, with the sources made in step with them
    /// (source k comes with claim 3k) and their evidence; `None` once every claim is made.
    pub fn next_batch(&mut self) -> Result<Option<Rows>> {
        if self.next_claim >= self.claims {
            return Ok(None);
        }
        let end = (self.next_claim + BATCH_CLAIMS).min(self.claims);
        let sources_end = if end == self.claims {
            self.sources
        } else {
            (end * self.sources / self.claims).max(1)
        };
        let claims = end - self.next_claim;
        let sources = sources_end.saturating_sub(self.next_source);
        let mut rows = Rows {
            sources: Vec::with_capacity(sources),
            claims: Vec::with_capacity(claims),
            evidence: Vec::with_capacity(claims * 3 / 2 + 1),
            history: Vec::with_capacity(sources + claims * 5 / 2 + 1),
        };
        while self.next_source < sources_end {
            let (s, h) = self.source();
            rows.sources.push(s);
            rows.history.push(h);
        }
        for i in self.next_claim..end {
            let (c, h) = self.claim();
            rows.history.push(h);
            for k in 0..1 + i % 2 {
                let (e, h) = self.evidence(c.id, k == 1);
                rows.evidence.push(e);
                rows.history.push(h);
            }
            rows.claims.push(c);
        }
        self.next_claim = end;
        Ok(Some(rows))
    }

    /// The 20,000-word draft: sentences of twenty words, each carrying one span of five words
    /// over a claim drawn from the whole desk (call once every batch is made).
    pub fn draft_body(&mut self) -> String {
        let mut body = String::from("# What the season holds\n\n");
        let words_each = DRAFT_WORDS / DRAFT_SPANS;
        for i in 0..DRAFT_SPANS {
            let claim = self.claim_ids[self.rng.below(self.claim_ids.len())];
            let name = self.name().romanised;
            body.push_str(name);
            body.push(' ');
            self.rng.prose(words_each - 12, &mut body);
            body.push_str(" [");
            self.rng.prose(5, &mut body);
            body.push_str("]{claim=");
            body.push_str(claim.as_str());
            body.push_str("} ");
            self.rng.prose(5, &mut body);
            body.push_str(". ");
            if i % 6 == 5 {
                body.push_str("\n\n");
            }
        }
        body
    }
}

/// Rows per multi-row `INSERT`: one statement step writes this many rows, so the per-statement
/// work (bind, step, reset) is paid once per 64 rows instead of once per row.
const ROWS_PER_INSERT: usize = 64;

/// Binds one statement's parameters in order, `?` by `?`.
struct Binder<'s, 'c> {
    stmt: &'s mut Statement<'c>,
    next: usize,
}

impl Binder<'_, '_> {
    fn bind<T: ToSql>(&mut self, value: T) -> rusqlite::Result<()> {
        self.next += 1;
        self.stmt.raw_bind_parameter(self.next, value)
    }
}

/// Inserts `rows` into a table through multi-row `INSERT`s: `head` is `INSERT INTO t (cols)`,
/// `tuple` the `(?, ?, …)` of one row, `bind` binds one row's values in the tuple's order.
fn insert_all<T>(
    tx: &rusqlite::Transaction<'_>,
    head: &str,
    tuple: &str,
    rows: &[T],
    bind: impl Fn(&mut Binder<'_, '_>, &T) -> rusqlite::Result<()>,
) -> Result<()> {
    let sql = |n: usize| {
        let mut sql = String::with_capacity(head.len() + 8 + n * (tuple.len() + 1));
        sql.push_str(head);
        sql.push_str(" VALUES ");
        for k in 0..n {
            if k > 0 {
                sql.push(',');
            }
            sql.push_str(tuple);
        }
        sql
    };
    let mut chunks = rows.chunks_exact(ROWS_PER_INSERT);
    if chunks.len() > 0 {
        let mut cached = tx.prepare_cached(&sql(ROWS_PER_INSERT))?;
        let stmt: &mut Statement<'_> = &mut cached;
        for chunk in &mut chunks {
            let mut binder = Binder {
                stmt: &mut *stmt,
                next: 0,
            };
            for row in chunk {
                bind(&mut binder, row)?;
            }
            stmt.raw_execute()?;
        }
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        // A one-off size: prepared outside the cache, so it evicts none of the full ones.
        let mut stmt = tx.prepare(&sql(rest.len()))?;
        let mut binder = Binder {
            stmt: &mut stmt,
            next: 0,
        };
        for row in rest {
            bind(&mut binder, row)?;
        }
        stmt.raw_execute()?;
    }
    Ok(())
}

/// Writes `rows` inside an open write: the bulk path. Statements are prepared once per
/// connection, bound positionally and write 64 rows a step (`ROWS_PER_INSERT`).
pub fn insert(w: &Write<'_>, rows: &Rows) -> Result<()> {
    insert_all(
        w.sqlite("generating a large desk")?,
        "INSERT INTO sources (id, title, outlet, author, url, published, accessed, language, kind,
                              reliability, via, kept_text, kept_text_sha256, notes, created_at,
                              updated_at, version, cite_key)",
        "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?)",
        &rows.sources,
        |b, s| {
            b.bind(s.id)?;
            b.bind(&s.title)?;
            b.bind(s.outlet)?;
            b.bind(s.author)?;
            b.bind(&s.url)?;
            b.bind(s.published)?;
            b.bind(s.accessed)?;
            b.bind(s.language)?;
            b.bind(s.kind)?;
            b.bind(s.reliability)?;
            b.bind(s.via)?;
            b.bind(&s.kept_text)?;
            b.bind(&s.kept_text_sha256)?;
            b.bind(s.notes)?;
            b.bind(s.at)?;
            b.bind(s.at)?;
            b.bind(&s.cite_key)
        },
    )?;
    insert_all(
        w.sqlite("generating a large desk")?,
        "INSERT INTO claims (id, text, confidence, as_of, status, created_at, updated_at)",
        "(?,?,?,?,?,?,?)",
        &rows.claims,
        |b, c| {
            b.bind(c.id)?;
            b.bind(&c.text)?;
            b.bind(c.confidence)?;
            b.bind(c.as_of)?;
            b.bind(c.status)?;
            b.bind(c.at)?;
            b.bind(c.at)
        },
    )?;
    let topics: Vec<(Id, &'static str)> = rows
        .claims
        .iter()
        .flat_map(|c| c.topics.iter().map(|t| (c.id, *t)))
        .collect();
    insert_all(
        w.sqlite("generating a large desk")?,
        "INSERT INTO claim_topics (claim_id, topic)",
        "(?,?)",
        &topics,
        |b, (id, topic)| {
            b.bind(id)?;
            b.bind(topic)
        },
    )?;
    insert_all(
        w.sqlite("generating a large desk")?,
        "INSERT INTO evidence (id, claim_id, source_id, quote, locator, stance, translated_by,
                               original_quote, created_at)",
        "(?,?,?,?,?,?,?,?,?)",
        &rows.evidence,
        |b, e| {
            b.bind(e.id)?;
            b.bind(e.claim_id)?;
            b.bind(e.source_id)?;
            b.bind(&e.quote)?;
            b.bind(e.locator)?;
            b.bind(e.stance)?;
            b.bind(e.translated_by)?;
            b.bind(e.original_quote)?;
            b.bind(e.at)
        },
    )?;
    insert_all(
        w.sqlite("generating a large desk")?,
        "INSERT INTO history (at, actor, record_kind, record_id, action, after, version)",
        "(?,?,?,?,'create',?,?)",
        &rows.history,
        |b, h| {
            b.bind(h.at)?;
            b.bind(w.actor)?;
            b.bind(h.record_kind)?;
            b.bind(h.record_id)?;
            b.bind(&h.after)?;
            b.bind(h.version)
        },
    )?;
    Ok(())
}

impl Desk {
    /// Writes one batch of generated rows in its own transaction (the benchmark times this
    /// apart from making the rows).
    pub fn insert_generated(&mut self, rows: &Rows) -> Result<()> {
        self.write(|w| insert(w, rows))
    }

    /// Fills an empty desk with a generated desk of `claims` claims (see the module's notes),
    /// one transaction per [`BATCH_CLAIMS`] claims and one for the draft.
    ///
    /// A file desk is generated into a temporary file beside it, which then takes the desk's
    /// name: a generation stopped midway leaves the empty desk, never a half-filled one. That is
    /// what lets the load skip what only protects a desk in use (see `bulk_load`).
    pub fn generate_large(&mut self, claims: usize) -> Result<Generated> {
        let generator = Generator::new(claims)?;
        self.refuse_unless_empty("the generated desk")?;
        let Some(path) = self.path().map(Path::to_path_buf) else {
            return self.fill_generated(generator, claims);
        };
        let mut tmp = path.as_os_str().to_owned();
        tmp.push(format!(".generating-{}", std::process::id()));
        let tmp = PathBuf::from(tmp);
        let _ = std::fs::remove_file(&tmp);
        let made = (|| -> Result<Generated> {
            let mut fresh = Desk::create(&tmp)?;
            self.swap_session(&mut fresh);
            let made = fresh.fill_generated(generator, claims);
            self.swap_session(&mut fresh);
            drop(fresh);
            let made = made?;
            std::fs::rename(&tmp, &path).map_err(|e| {
                CoreError::Internal(format!(
                    "could not move the generated desk {} to {}: {e}",
                    tmp.display(),
                    path.display()
                ))
            })?;
            Ok(made)
        })();
        if made.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        let made = made?;
        self.reopen()?;
        Ok(made)
    }

    fn fill_generated(&mut self, generator: Generator, claims: usize) -> Result<Generated> {
        let started = Instant::now();
        let mut history = 0;
        let restore = bulk_load(self.file("generating a large desk")?)?;
        // Rows are made on a second thread while the last batch is written: making them costs
        // about a third of writing them.
        let written = std::thread::scope(|scope| {
            let (send, receive) = std::sync::mpsc::sync_channel::<Rows>(1);
            let maker = scope.spawn(move || -> Result<Generator> {
                let mut generator = generator;
                while let Some(rows) = generator.next_batch()? {
                    if send.send(rows).is_err() {
                        break;
                    }
                }
                Ok(generator)
            });
            let mut wrote = Ok(());
            for rows in receive.iter() {
                history += rows.history.len();
                wrote = self.insert_generated(&rows);
                if wrote.is_err() {
                    break;
                }
            }
            drop(receive);
            let made = maker
                .join()
                .map_err(|_| CoreError::Internal("the desk generator stopped".into()));
            wrote?;
            let generator = made??;
            Ok::<_, CoreError>(generator)
        });
        let mut generator = written?;
        let rows_done = Instant::now();
        self.write(|w| restore.indexes(w.sqlite("generating a large desk")?))?;
        let indexes_done = Instant::now();
        self.write(|w| restore.search(w.sqlite("generating a large desk")?))?;
        let search_done = Instant::now();
        // The stored quote checks, as a desk whose evidence and kept texts went through the
        // core's writes holds them: without them every `check` would read and match the kept
        // texts again (the fallback for rows written around the core).
        self.write(|w| {
            crate::quote_checks::settle_all(&crate::db::Db::sqlite(
                w.sqlite("generating a large desk")?,
            ))
        })?;
        let checks_done = Instant::now();
        restore.settings(self.file("generating a large desk")?)?;
        let body = generator.draft_body();
        let draft = self.write(|w| {
            drafts::add(
                w,
                &DraftInput {
                    title: "What the season holds".into(),
                    body,
                },
            )
        })?;
        let seconds = |from: Instant, to: Instant| to.duration_since(from).as_secs_f64();
        Ok(Generated {
            sources: generator.sources(),
            claims,
            evidence: generator.evidence_count(),
            history,
            draft,
            seconds: started.elapsed().as_secs_f64(),
            rows_seconds: seconds(started, rows_done),
            indexes_seconds: seconds(rows_done, indexes_done),
            search_seconds: seconds(indexes_done, search_done),
            quote_checks_seconds: seconds(search_done, checks_done),
        })
    }
}

/// The tables the generator fills in bulk.
const BULK_TABLES: [&str; 5] = ["sources", "claims", "claim_topics", "evidence", "history"];

/// What [`bulk_load`] took away, to put back once the rows are in.
struct BulkRestore {
    /// `CREATE INDEX` and `CREATE TRIGGER` statements, as the schema holds them.
    schema: Vec<String>,
    cache: i64,
    mmap: i64,
    foreign_keys: i64,
    synchronous: i64,
    journal: String,
}

impl BulkRestore {
    /// Builds the secondary indexes once over all rows (sorted, instead of a random insert per
    /// row) and puts the search triggers back.
    fn indexes(&self, conn: &Connection) -> Result<()> {
        for sql in &self.schema {
            conn.execute_batch(sql)?;
        }
        Ok(())
    }

    /// Fills the search indexes with `rebuild` from their content tables (one pass, instead of
    /// a delete and insert per claim topic), then merges each into one segment.
    fn search(&self, conn: &Connection) -> Result<()> {
        // `rebuild` leaves each index in a dozen segments at 1M claims, and every search then
        // merges all of them for each trigram it reads; `optimize` makes one (5 s at 1M claims,
        // search p95 from about 14 ms to 6 ms). A desk in use keeps its segments few by FTS5's
        // automerge, as writes come one by one.
        //
        // `rebuild` writes a segment each time its pending terms pass `hashsize` (1 MB by
        // default), and merges them as they pile up; with room for every term of the desk (or
        // of a quarter of a 1M desk) it writes one or a few and merges almost nothing. The
        // setting is the index's own (stored in its config table), so it is removed after:
        // the desk's search indexes keep FTS5's defaults.
        for index in ["sources_search", "claims_search"] {
            conn.execute_batch(&format!(
                "INSERT INTO {index} ({index}, rank) VALUES ('hashsize', {SEARCH_HASH_BYTES});
                 INSERT INTO {index} ({index}) VALUES ('rebuild');
                 INSERT INTO {index} ({index}) VALUES ('optimize');
                 DELETE FROM {index}_config WHERE k = 'hashsize';"
            ))?;
        }
        Ok(())
    }

    fn settings(&self, conn: &Connection) -> Result<()> {
        conn.pragma_update(None, "cache_size", self.cache)?;
        conn.pragma_update(None, "mmap_size", self.mmap)?;
        conn.pragma_update(None, "foreign_keys", self.foreign_keys)?;
        conn.pragma_update(None, "synchronous", self.synchronous)?;
        conn.pragma_update(None, "journal_mode", &self.journal)?;
        Ok(())
    }
}

/// Readies a new desk for the bulk load: drops the secondary indexes and the search triggers
/// of [`BULK_TABLES`] (the history's append-only triggers stay: they guard updates, which the
/// load makes none of), turns off the journal, `fsync` and the foreign-key checks, enlarges the
/// cache and maps the file; [`BulkRestore::settings`] puts each setting back.
///
/// NOTE: only for a file nobody else has yet (a temporary file, or an in-memory desk): without
/// a journal a crash or a failed statement leaves the file unusable (no rollback), and without
/// `fsync` the OS may hold the pages unwritten; that is why `generate_large` renames the file
/// into place only once it is whole, and deletes it on any error. The foreign keys go unchecked
/// because the generator only ever names a record it has already written (a relay's source, an
/// evidence's claim and source are made before it); a test runs `foreign_key_check` on a
/// generated desk. None of this may be used on a desk in use.
fn bulk_load(conn: &Connection) -> Result<BulkRestore> {
    let cache: i64 = conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
    let synchronous: i64 = conn.pragma_query_value(None, "synchronous", |r| r.get(0))?;
    let foreign_keys: i64 = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
    // An in-memory desk has no file to map, and says nothing.
    let mmap: i64 = conn
        .pragma_query_value(None, "mmap_size", |r| r.get(0))
        .optional()?
        .unwrap_or(0);
    let journal: String = conn.pragma_query_value(None, "journal_mode", |r| r.get(0))?;
    let mut schema = Vec::new();
    let mut drops = Vec::new();
    {
        let mut stmt = conn.prepare(
            "SELECT type, name, sql, tbl_name FROM sqlite_schema
             WHERE type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (kind, name, sql, table): (String, String, String, String) =
                (r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?);
            if !BULK_TABLES.contains(&table.as_str())
                || (kind == "trigger" && !name.contains("_search_"))
            {
                continue;
            }
            drops.push(format!("DROP {} \"{name}\";", kind.to_uppercase()));
            schema.push(sql);
        }
    }
    conn.execute_batch(&format!("BEGIN IMMEDIATE; {} COMMIT;", drops.join(" ")))?;
    conn.pragma_update(None, "cache_size", -GENERATING_CACHE_KIB)?;
    conn.pragma_update(None, "mmap_size", GENERATING_MMAP_BYTES)?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    conn.pragma_update(None, "synchronous", "OFF")?;
    conn.pragma_update(None, "journal_mode", "OFF")?;
    Ok(BulkRestore {
        schema,
        cache,
        mmap,
        foreign_keys,
        synchronous,
        journal,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::RecordKind;

    fn history_after(desk: &Desk, kind: &str, id: &str) -> String {
        desk.file("generating a large desk")
            .unwrap()
            .query_row(
                "SELECT after FROM history WHERE record_kind = ?1 AND record_id = ?2
                 AND action = 'create'",
                [kind, id],
                |r| r.get(0),
            )
            .unwrap()
    }

    #[test]
    fn a_generated_desk_has_the_sizes_asked_and_the_history_the_real_path_writes() {
        let mut desk = Desk::open_in_memory().unwrap();
        let made = desk.generate_large(1_200).unwrap();
        assert_eq!(
            (made.claims, made.sources, made.evidence),
            (1_200, 400, 1_800)
        );
        let count = |sql: &str| -> i64 {
            desk.file("generating a large desk")
                .unwrap()
                .query_row(sql, [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(count("SELECT count(*) FROM claims"), 1_200);
        assert_eq!(count("SELECT count(*) FROM sources"), 400);
        assert_eq!(count("SELECT count(*) FROM evidence"), 1_800);
        assert_eq!(count("SELECT count(*) FROM history"), 3_400);
        assert!(count("SELECT count(*) FROM sources WHERE via IS NOT NULL") >= 130);
        assert!(count("SELECT count(*) FROM claims WHERE text LIKE '%정태오%'") > 0);
        assert_eq!(
            count("SELECT count(*) FROM pragma_foreign_key_check"),
            0,
            "every reference holds"
        );
        // The history holds each record exactly as the ordinary write path records it.
        fn first_page<F: Default>() -> crate::pages::ListQuery<F> {
            crate::pages::ListQuery {
                limit: Some(1000),
                ..Default::default()
            }
        }
        for claim in desk
            .claims_page(&first_page())
            .unwrap()
            .items
            .iter()
            .step_by(97)
        {
            let expected = serde_json::to_value(claim).unwrap().to_string();
            assert_eq!(history_after(&desk, "claim", &claim.id), expected);
            let detail = desk.claim_detail(&claim.id).unwrap();
            for e in &detail.evidence {
                let expected = serde_json::to_value(&e.evidence).unwrap().to_string();
                assert_eq!(history_after(&desk, "evidence", &e.evidence.id), expected);
            }
        }
        for source in desk
            .sources_page(&first_page())
            .unwrap()
            .items
            .iter()
            .step_by(37)
        {
            let expected = serde_json::to_value(source).unwrap().to_string();
            assert_eq!(history_after(&desk, "source", &source.id), expected);
            assert_eq!(
                desk.history(RecordKind::Source, &source.id).unwrap().len(),
                1
            );
        }
        let spans = crate::spans::parse(&made.draft.body);
        assert_eq!(spans.len(), DRAFT_SPANS);
        assert!(made.draft.body.split_whitespace().count() >= DRAFT_WORDS);
        let ids: Vec<String> = spans.into_iter().map(|s| s.claim_id).collect();
        assert_eq!(
            desk.evidence_counts(&ids).unwrap().len(),
            ids.iter().collect::<std::collections::HashSet<_>>().len(),
            "every span names a claim of the desk"
        );
    }

    /// A generated desk holds the quote checks a desk written through the core holds, so `check`
    /// reads them instead of every cited kept text.
    #[test]
    fn a_generated_desk_stores_its_quote_checks() {
        let mut desk = Desk::open_in_memory().unwrap();
        desk.generate_large(3_000).unwrap();
        let rows = |desk: &Desk| -> Vec<(String, String, String, bool)> {
            let mut stmt = desk
                .conn()
                .unwrap()
                .prepare(
                    "SELECT evidence_id, holder_id, kept_text_sha256, found
                     FROM evidence_quote_checks ORDER BY evidence_id",
                )
                .unwrap();
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap()
        };
        let generated = rows(&desk);
        assert!(
            generated.len() > 50,
            "evidence quoting a kept text has its check stored: {} rows",
            generated.len()
        );
        desk.settle_quote_checks().unwrap();
        assert_eq!(
            rows(&desk),
            generated,
            "exactly what settling every check gives"
        );
    }

    #[test]
    fn the_same_size_gives_the_same_desk() {
        let texts = |n| {
            let mut g = Generator::new(n).unwrap();
            let rows = g.next_batch().unwrap().unwrap();
            (
                rows.claims
                    .iter()
                    .map(|c| c.id.to_string() + &c.text)
                    .collect::<Vec<_>>(),
                g.draft_body(),
            )
        };
        assert_eq!(texts(500), texts(500));
    }

    /// The history's JSON is written by hand: strings needing escapes come out as serde_json
    /// writes them, and times as chrono's serde writes them (no fraction on a whole second).
    #[test]
    fn hand_written_json_matches_serde_json() {
        for text in [
            "plain",
            "a \"quoted\" word",
            "back\\slash",
            "tab\tnew\nline\u{1}",
            "정태오",
        ] {
            let mut json = Json::new(8);
            json.str("k", text);
            json.opt("n", None);
            assert_eq!(
                json.done(),
                serde_json::json!({ "k": text, "n": null }).to_string()
            );
        }
        for ms in [
            START_MS,
            START_MS + 5_000,
            START_MS + 5_123,
            START_MS + 86_399_999,
        ] {
            let at = Utc.timestamp_millis_opt(ms).single().unwrap();
            let stamp = Stamp::at(ms);
            assert_eq!(stamp.as_str(), crate::dates::timestamp(at));
            let mut json = Json::new(8);
            json.time("at", &stamp);
            assert_eq!(json.done(), serde_json::json!({ "at": at }).to_string());
        }
    }

    /// The search indexes are rebuilt with a large term buffer, which must not stay in the
    /// desk: its indexes keep FTS5's defaults, and still find what they hold.
    #[test]
    fn a_generated_desk_keeps_the_search_defaults_and_finds_its_claims() {
        let mut desk = Desk::open_in_memory().unwrap();
        desk.generate_large(900).unwrap();
        for index in ["sources_search", "claims_search"] {
            let keys: Vec<String> = desk
                .conn()
                .unwrap()
                .prepare(&format!("SELECT k FROM {index}_config ORDER BY k"))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            assert_eq!(keys, ["version"], "{index}");
        }
        let found: i64 = desk
            .conn()
            .unwrap()
            .query_row(
                "SELECT count(*) FROM claims_search WHERE claims_search MATCH '정태오'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let holding: i64 = desk
            .conn()
            .unwrap()
            .query_row(
                "SELECT count(*) FROM claims WHERE text LIKE '%정태오%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert!(holding > 0);
        assert_eq!(found, holding);
    }

    /// The generator's citation keys are exactly those the desk's own key ring gives its
    /// sources in id order, clash suffixes included.
    #[test]
    fn citation_keys_are_the_ones_the_desk_gives() {
        let mut desk = Desk::open_in_memory().unwrap();
        desk.generate_large(12_000).unwrap();
        let ids: Vec<String> = desk
            .conn()
            .unwrap()
            .prepare("SELECT id FROM sources")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        let sources: Vec<crate::sources::Source> = ids
            .iter()
            .map(|id| desk.read(|db| crate::sources::get_db(db, id)).unwrap())
            .collect();
        assert_eq!(sources.len(), 4_000);
        let expected = crate::export::citekeys::assign(&sources);
        let stored: std::collections::HashMap<String, String> = desk
            .conn()
            .unwrap()
            .prepare("SELECT id, cite_key FROM sources")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(stored, expected);
        assert!(
            stored.values().any(|k| k.ends_with('b')),
            "some bases clash more than once"
        );
    }

    #[test]
    fn the_suffixes_run_a_to_z_then_aa() {
        let mut keys = Keys::default();
        let taken: Vec<String> = (0..30).map(|_| keys.take("x".into())).collect();
        assert_eq!(&taken[..3], ["x", "xa", "xb"]);
        assert_eq!(&taken[26..29], ["xz", "xaa", "xab"]);
        // A candidate taken by another base is skipped, as the ring skips it.
        let mut keys = Keys::default();
        keys.take("ya".into());
        assert_eq!([keys.take("y".into()), keys.take("y".into())], ["y", "yb"]);
    }

    #[test]
    fn sizes_outside_the_range_are_refused_naming_the_field() {
        for n in [0, MAX_CLAIMS + 1] {
            let err = Desk::open_in_memory()
                .unwrap()
                .generate_large(n)
                .err()
                .unwrap();
            assert_eq!(err.field(), Some("claims"), "{err}");
        }
    }
}
