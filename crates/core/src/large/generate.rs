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
//! - The write path is the bulk one: rows are made first ([`Generator::next_batch`]), then
//!   written with cached prepared statements, one transaction of [`BATCH_CLAIMS`] claims (and
//!   their sources and evidence) at a time, through [`Desk::write`] like every write.
//!
//! Bump [`GENERATOR_VERSION`] whenever the generated content changes: cached benchmark desks
//! are rebuilt when it does.

use std::path::{Path, PathBuf};
use std::time::Instant;

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::{Connection, params};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ulid::Ulid;

use super::words::*;
use crate::confidence::Confidence;
use crate::dates::{PartialDate, timestamp};
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

/// The first record's time; each next record is about 20 s later, so a 1M-claim desk spans
/// about two years, as a newsroom's would.
const START_MS: i64 = 1_672_531_200_000; // 2023-01-01T00:00:00Z
const STEP_MS: i64 = 20_000;

/// What a generation made, and how long writing it took.
#[derive(Debug, Clone, Serialize)]
pub struct Generated {
    pub sources: usize,
    pub claims: usize,
    pub evidence: usize,
    pub history: usize,
    pub draft: Draft,
    /// Seconds from the first row made to the last batch committed.
    pub seconds: f64,
}

/// A source row as the `sources` table holds it.
#[derive(Debug, Clone)]
pub struct SourceRow {
    pub id: String,
    pub title: String,
    pub outlet: String,
    pub author: String,
    pub url: String,
    pub published: PartialDate,
    pub accessed: PartialDate,
    pub language: &'static str,
    pub kind: SourceKind,
    pub reliability: Reliability,
    pub via: Option<String>,
    pub kept_text: Option<String>,
    pub kept_text_sha256: Option<String>,
    pub notes: Option<String>,
    pub at: String,
    /// Unique across the desk, as `citekeys::store` would give it.
    pub cite_key: String,
}

#[derive(Debug, Clone)]
pub struct ClaimRow {
    pub id: String,
    pub text: String,
    pub confidence: Confidence,
    pub as_of: PartialDate,
    pub status: ClaimStatus,
    /// Sorted, distinct.
    pub topics: Vec<&'static str>,
    pub at: String,
}

#[derive(Debug, Clone)]
pub struct EvidenceRow {
    pub id: String,
    pub claim_id: String,
    pub source_id: String,
    pub quote: String,
    pub locator: String,
    pub stance: Stance,
    pub translated_by: Option<&'static str>,
    pub original_quote: Option<String>,
    pub at: String,
}

/// The history row of a record's creation.
#[derive(Debug, Clone)]
pub struct HistoryRow {
    pub at: String,
    pub record_kind: &'static str,
    pub record_id: String,
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

// The records as `Source`, `Claim` and `Evidence` serialise, keys in the order serde_json's map
// keeps them (sorted): the history's JSON without building a `serde_json::Value` per record.
#[derive(Serialize)]
struct SourceJson<'a> {
    accessed: PartialDate,
    author: &'a str,
    created_at: DateTime<Utc>,
    id: &'a str,
    kept_text: Option<&'a str>,
    kept_text_sha256: Option<&'a str>,
    kind: SourceKind,
    language: &'a str,
    notes: Option<&'a str>,
    outlet: &'a str,
    published: PartialDate,
    reliability: Reliability,
    title: &'a str,
    updated_at: DateTime<Utc>,
    url: &'a str,
    version: i64,
    via: Option<&'a str>,
}

#[derive(Serialize)]
struct ClaimJson<'a> {
    as_of: PartialDate,
    confidence: Confidence,
    created_at: DateTime<Utc>,
    id: &'a str,
    settled: bool,
    status: ClaimStatus,
    superseded_by: Option<&'a str>,
    text: &'a str,
    topics: &'a [&'static str],
    updated_at: DateTime<Utc>,
    version: i64,
}

#[derive(Serialize)]
struct EvidenceJson<'a> {
    claim_id: &'a str,
    created_at: DateTime<Utc>,
    first_party: bool,
    id: &'a str,
    locator: &'a str,
    original_quote: Option<&'a str>,
    quote: &'a str,
    source_id: &'a str,
    stance: Stance,
    translated_by: Option<&'a str>,
}

fn json(value: &impl Serialize) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|e| CoreError::Internal(format!("could not record history: {e}")))
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

/// Makes the rows of a generated desk, one batch at a time.
pub struct Generator {
    rng: Rng,
    claims: usize,
    sources: usize,
    next_claim: usize,
    next_source: usize,
    /// Every claim id so far, for the draft's spans.
    claim_ids: Vec<Ulid>,
    source_ids: Vec<Ulid>,
    /// Counts records for their times.
    tick: i64,
    /// Citation keys given so far: generated sources take theirs in id order, as on a desk.
    keys: crate::export::citekeys::KeyRing,
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
    fn stamp(&mut self) -> (DateTime<Utc>, String, Ulid) {
        let ms = START_MS + self.tick * STEP_MS + self.rng.below(STEP_MS as usize) as i64;
        self.tick += 1;
        let at = Utc
            .timestamp_millis_opt(ms)
            .single()
            .unwrap_or(DateTime::<Utc>::MIN_UTC);
        let id = Ulid::from_parts(ms as u64, u128::from(self.rng.next()) << 16);
        (at, timestamp(at), id)
    }

    fn name(&mut self) -> (&'static str, &'static str) {
        let i = self.rng.below(ROMANISED.len());
        // One mention in fifty spells the name another way.
        let romanised = if i < VARIANTS.len() && self.rng.percent(2) {
            VARIANTS[i]
        } else {
            ROMANISED[i]
        };
        (romanised, HANGUL[i])
    }

    fn show(&mut self) -> String {
        format!(
            "The {} {}",
            self.rng.pick(SHOW_FIRST),
            self.rng.pick(SHOW_SECOND)
        )
    }

    fn date(&mut self) -> (i32, u32, u32) {
        (
            2018 + self.rng.below(8) as i32,
            1 + self.rng.below(12) as u32,
            1 + self.rng.below(28) as u32,
        )
    }

    fn claim_text(&mut self) -> String {
        let show = self.show();
        let season = 1 + self.rng.below(5);
        let (year, month, day) = self.date();
        let month_name = MONTHS[month as usize - 1];
        let network = self.rng.pick(NETWORKS);
        let (name, hangul) = self.name();
        match self.rng.below(10) {
            0 => format!(
                "{show} season {season} premieres on {month_name} {day}, {year} on {network}."
            ),
            1 => format!(
                "{name} ({hangul}) joins the cast of {show} season {season} as {}.",
                self.rng.pick(ROLES)
            ),
            2 => format!(
                "Episode {} of {show} drew a {}.{}% nationwide rating, a series high.",
                1 + self.rng.below(16),
                3 + self.rng.below(25),
                self.rng.below(10)
            ),
            3 => format!(
                "Filming of {show} season {season} began in {} in {month_name} {year}.",
                self.rng.pick(PLACES)
            ),
            4 => format!(
                "{name} will direct all {} episodes of {show} season {season}.",
                6 + self.rng.below(15)
            ),
            5 => format!(
                "{network} renewed {show} for season {} before the finale aired.",
                season + 1
            ),
            6 => format!(
                "{name} won Best {} at the {year} {} Awards for {show}.",
                self.rng.pick(CATEGORIES),
                self.rng.pick(AWARDS)
            ),
            7 => format!(
                "{show} season {season} was the most-watched drama on {network} in {month_name} \
                 {year}, with {}.{} million viewers.",
                1 + self.rng.below(9),
                self.rng.below(10)
            ),
            8 => {
                let (other, _) = self.name();
                format!(
                    "{name} and {other} reunite in {show}, their first series together since {}.",
                    year - 1 - self.rng.below(6) as i32
                )
            }
            _ => format!("{hangul} 배우가 {show} 시즌 {season}에 출연한다고 {network}가 밝혔다."),
        }
    }

    fn source(&mut self) -> Result<(SourceRow, HistoryRow)> {
        let i = self.next_source;
        self.next_source += 1;
        let (at, at_text, ulid) = self.stamp();
        let id = ulid.to_string();
        let korean = self.rng.percent(20);
        let (name, hangul) = self.name();
        let show = self.show();
        let (year, month, day) = self.date();
        let (outlet, author, language, title) = if korean {
            (
                self.rng.pick(KOREAN_OUTLETS).to_string(),
                hangul.to_string(),
                "ko",
                format!(
                    "{hangul} 인터뷰: {show} 시즌 {} 이야기",
                    1 + self.rng.below(5)
                ),
            )
        } else {
            let author = if self.rng.percent(40) {
                name.to_string()
            } else {
                self.rng.pick(WRITERS).to_string()
            };
            (
                format!("{} {}", self.rng.pick(CITIES), self.rng.pick(PAPERS)),
                author,
                "en",
                format!(
                    "{name} on {show}: what season {} holds",
                    1 + self.rng.below(5)
                ),
            )
        };
        let host: String = outlet
            .chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        let host = if host.is_empty() {
            "kr-outlet".into()
        } else {
            host
        };
        let url = format!("https://{host}.example/culture/{year}{month:02}{day:02}-{i}");
        // A third relay an earlier source, mostly a recent one: chains of one to a dozen hops.
        let via = (i % 3 == 2).then(|| {
            let back = 1 + self.rng.below(i.min(6));
            self.source_ids[i - back].to_string()
        });
        let kept_text = self.rng.percent(10).then(|| {
            let mut t = format!("{name} spoke about {show}. ");
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
            .then(|| "Checked against the broadcaster's schedule.".to_string());
        let published =
            PartialDate::Day(chrono::NaiveDate::from_ymd_opt(year, month, day).unwrap_or_default());
        let accessed = PartialDate::Day(at.date_naive());
        let cite_key = self.keys.take(crate::export::citekeys::key_base(
            Some(&outlet),
            Some(&author),
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
            at: at_text,
        };
        let after = json(&SourceJson {
            accessed: row.accessed,
            author: &row.author,
            created_at: at,
            id: &row.id,
            kept_text: row.kept_text.as_deref(),
            kept_text_sha256: row.kept_text_sha256.as_deref(),
            kind: row.kind,
            language: row.language,
            notes: row.notes.as_deref(),
            outlet: &row.outlet,
            published: row.published,
            reliability: row.reliability,
            title: &row.title,
            updated_at: at,
            url: &row.url,
            version: 1,
            via: row.via.as_deref(),
        })?;
        let history = HistoryRow {
            at: row.at.clone(),
            record_kind: "source",
            record_id: row.id.clone(),
            after,
            version: Some(1),
        };
        self.source_ids.push(ulid);
        Ok((row, history))
    }

    fn claim(&mut self) -> Result<(ClaimRow, HistoryRow)> {
        let (at, at_text, ulid) = self.stamp();
        let id = ulid.to_string();
        let text = self.claim_text();
        let first = self.rng.below(TOPICS.len());
        let mut topics = vec![TOPICS[first]];
        if self.rng.percent(40) {
            let second = TOPICS[self.rng.below(TOPICS.len())];
            if second != topics[0] {
                topics.push(second);
                topics.sort_unstable();
            }
        }
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
            at: at_text,
        };
        let after = json(&ClaimJson {
            as_of: row.as_of,
            confidence: row.confidence,
            created_at: at,
            id: &row.id,
            settled: false,
            status: row.status,
            superseded_by: None,
            text: &row.text,
            topics: &row.topics,
            updated_at: at,
            version: 1,
        })?;
        let history = HistoryRow {
            at: row.at.clone(),
            record_kind: "claim",
            record_id: row.id.clone(),
            after,
            version: Some(1),
        };
        self.claim_ids.push(ulid);
        Ok((row, history))
    }

    fn evidence(&mut self, claim_id: &str, second: bool) -> Result<(EvidenceRow, HistoryRow)> {
        let (at, at_text, ulid) = self.stamp();
        let source_ids = &self.source_ids;
        let source = source_ids[self.rng.below(source_ids.len())].to_string();
        let mut quote = String::new();
        self.rng.prose(12, &mut quote);
        let translated = self.rng.percent(5);
        let original_quote = translated.then(|| {
            let (_, hangul) = self.name();
            format!("{hangul} 씨는 다음 시즌 촬영이 겨울에 시작된다고 말했다.")
        });
        let row = EvidenceRow {
            id: ulid.to_string(),
            claim_id: claim_id.to_string(),
            source_id: source,
            quote,
            locator: format!("para {}", 1 + self.rng.below(30)),
            stance: if second && self.rng.percent(10) {
                Stance::Contradicts
            } else {
                Stance::Supports
            },
            translated_by: translated.then_some("Desk translation"),
            original_quote,
            at: at_text,
        };
        let after = json(&EvidenceJson {
            claim_id: &row.claim_id,
            created_at: at,
            first_party: false,
            id: &row.id,
            locator: &row.locator,
            original_quote: row.original_quote.as_deref(),
            quote: &row.quote,
            source_id: &row.source_id,
            stance: row.stance,
            translated_by: row.translated_by,
        })?;
        let history = HistoryRow {
            at: row.at.clone(),
            record_kind: "evidence",
            record_id: row.id.clone(),
            after,
            version: None,
        };
        Ok((row, history))
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
        let mut rows = Rows::default();
        while self.next_source < sources_end {
            let (s, h) = self.source()?;
            rows.sources.push(s);
            rows.history.push(h);
        }
        for i in self.next_claim..end {
            let (c, h) = self.claim()?;
            rows.history.push(h);
            for k in 0..1 + i % 2 {
                let (e, h) = self.evidence(&c.id, k == 1)?;
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
            let (name, _) = self.name();
            body.push_str(name);
            body.push(' ');
            self.rng.prose(words_each - 12, &mut body);
            body.push_str(" [");
            self.rng.prose(5, &mut body);
            body.push_str(&format!("]{{claim={claim}}} "));
            self.rng.prose(5, &mut body);
            body.push_str(". ");
            if i % 6 == 5 {
                body.push_str("\n\n");
            }
        }
        body
    }
}

/// Writes `rows` inside an open write: the bulk path. Statements are prepared once per
/// connection and reused for every row.
pub fn insert(w: &Write<'_>, rows: &Rows) -> Result<()> {
    let mut source = w.sqlite("generating a large desk")?.prepare_cached(
        "INSERT INTO sources (id, title, outlet, author, url, published, accessed, language, kind,
                              reliability, via, kept_text, kept_text_sha256, notes, created_at,
                              updated_at, version, cite_key)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15, 1, ?16)",
    )?;
    for s in &rows.sources {
        source.execute(params![
            s.id,
            s.title,
            s.outlet,
            s.author,
            s.url,
            s.published,
            s.accessed,
            s.language,
            s.kind,
            s.reliability,
            s.via,
            s.kept_text,
            s.kept_text_sha256,
            s.notes,
            s.at,
            s.cite_key,
        ])?;
    }
    let mut claim = w.sqlite("generating a large desk")?.prepare_cached(
        "INSERT INTO claims (id, text, confidence, as_of, status, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?;
    let mut topic = w
        .sqlite("generating a large desk")?
        .prepare_cached("INSERT INTO claim_topics (claim_id, topic) VALUES (?1, ?2)")?;
    for c in &rows.claims {
        claim.execute(params![c.id, c.text, c.confidence, c.as_of, c.status, c.at])?;
        for t in &c.topics {
            topic.execute(params![c.id, t])?;
        }
    }
    let mut evidence = w.sqlite("generating a large desk")?.prepare_cached(
        "INSERT INTO evidence (id, claim_id, source_id, quote, locator, stance, translated_by,
                               original_quote, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for e in &rows.evidence {
        evidence.execute(params![
            e.id,
            e.claim_id,
            e.source_id,
            e.quote,
            e.locator,
            e.stance,
            e.translated_by,
            e.original_quote,
            e.at,
        ])?;
    }
    let mut history = w.sqlite("generating a large desk")?.prepare_cached(
        "INSERT INTO history (at, actor, record_kind, record_id, action, after, version)
         VALUES (?1, ?2, ?3, ?4, 'create', ?5, ?6)",
    )?;
    for h in &rows.history {
        history.execute(params![
            h.at,
            w.actor,
            h.record_kind,
            h.record_id,
            h.after,
            h.version
        ])?;
    }
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
    /// what lets the load skip what only protects a desk in use (see [`bulk_load`]).
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
        let finished = self.write(|w| restore.run(w.sqlite("generating a large desk")?));
        let mut generator = written?;
        finished?;
        // The stored quote checks, as a desk whose evidence and kept texts went through the
        // core's writes holds them: without them every `check` would read and match the kept
        // texts again (the fallback for rows written around the core).
        self.write(|w| crate::quote_checks::settle_all(w.sqlite("generating a large desk")?))?;
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
        Ok(Generated {
            sources: generator.sources(),
            claims,
            evidence: generator.evidence_count(),
            history,
            draft,
            seconds: started.elapsed().as_secs_f64(),
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
    synchronous: i64,
    journal: String,
}

impl BulkRestore {
    /// Builds the secondary indexes once over all rows (sorted, instead of a random insert per
    /// row), puts the search triggers back and fills the search indexes with `rebuild` from
    /// their content tables (one pass, instead of a delete and insert per claim topic), then
    /// merges each into one segment.
    fn run(&self, conn: &Connection) -> Result<()> {
        for sql in &self.schema {
            conn.execute_batch(sql)?;
        }
        // `rebuild` leaves each index in a dozen segments at 1M claims, and every search then
        // merges all of them for each trigram it reads; `optimize` makes one (5 s at 1M claims,
        // search p95 from about 14 ms to 6 ms). A desk in use keeps its segments few by FTS5's
        // automerge, as writes come one by one.
        conn.execute_batch(
            "INSERT INTO sources_search (sources_search) VALUES ('rebuild');
             INSERT INTO claims_search (claims_search) VALUES ('rebuild');
             INSERT INTO sources_search (sources_search) VALUES ('optimize');
             INSERT INTO claims_search (claims_search) VALUES ('optimize');",
        )?;
        Ok(())
    }

    fn settings(&self, conn: &Connection) -> Result<()> {
        conn.pragma_update(None, "cache_size", self.cache)?;
        conn.pragma_update(None, "synchronous", self.synchronous)?;
        conn.pragma_update(None, "journal_mode", &self.journal)?;
        Ok(())
    }
}

/// Readies a new desk for the bulk load: drops the secondary indexes and the search triggers
/// of [`BULK_TABLES`] (the history's append-only triggers stay: they guard updates, which the
/// load makes none of), turns off the journal and `fsync` and enlarges the cache.
///
/// NOTE: only for a file nobody else has yet (a temporary file, or an in-memory desk): without
/// a journal a crash leaves the file unusable, which is why `generate_large` renames it into
/// place only once it is whole.
fn bulk_load(conn: &Connection) -> Result<BulkRestore> {
    let cache: i64 = conn.pragma_query_value(None, "cache_size", |r| r.get(0))?;
    let synchronous: i64 = conn.pragma_query_value(None, "synchronous", |r| r.get(0))?;
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
    conn.pragma_update(None, "synchronous", "OFF")?;
    conn.pragma_update(None, "journal_mode", "OFF")?;
    Ok(BulkRestore {
        schema,
        cache,
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
                    .map(|c| c.id.clone() + &c.text)
                    .collect::<Vec<_>>(),
                g.draft_body(),
            )
        };
        assert_eq!(texts(500), texts(500));
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
