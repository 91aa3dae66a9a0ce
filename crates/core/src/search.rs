//! Search over the desk: sources (title, outlet, author, notes, kept text), claims (text,
//! topics) and drafts (title, body), through the FTS5 indexes of the `SEARCH_INDEX` migration,
//! which triggers keep in step with every write in the same transaction.
//!
//! The user's text is plain words, never FTS5 syntax: each word is quoted, so quotes, stars,
//! `AND`, `NEAR(` and the like are searched for as written, and no syntax error can reach the
//! user. A record matches when it holds every word as a substring (letter case and diacritics
//! ignored). The index is by trigrams, so a word of three characters or more is found inside
//! any other (`영우` needs the fallback below, `joo` is found in `Choo`); a shorter word is
//! matched with `LIKE` over the records the longer words found, or, when every word is short,
//! over the short fields (titles, names, notes, claim text, topics; not kept texts or draft
//! bodies) newest first, stopping at `limit`.
//!
//! Ranking is BM25 (without IDF, see [`ranked`]) among the newest [`CANDIDATES`] matches of
//! each kind, so a word found in half the desk costs a bounded read. Only the hits a search
//! returns (after the kinds are merged and cut to `limit`) are marked, in Rust, folding as the
//! index folds (case, Latin diacritics): FTS5's `snippet()` would run each hit's `MATCH` again. Matched words come back marked as [`SnippetPart`]s, plain
//! text the UI renders as text nodes, never as HTML.
//!
//! A team desk (PostgreSQL) searches by the same rule: only the SQL finding the candidates is
//! its own (`candidates.rs`: pg_trgm over folded words instead of FTS5), so the same records
//! give the same hits, ranks and snippets on both engines.

use serde::{Deserialize, Serialize};

use icu_normalizer::DecomposingNormalizerBorrowed;

use crate::db::Db;
use crate::desk::Desk;
use crate::error::{CoreError, Result};

mod candidates;

/// Matches of each kind ranked per search; older matches beyond these are not ranked.
pub const CANDIDATES: usize = 200;
/// Most hits one search returns.
pub const MAX_LIMIT: usize = 200;
/// Most words one search takes.
pub const MAX_WORDS: usize = 16;
/// Words shorter than this (in characters) cannot use the trigram index.
const TRIGRAM: usize = 3;
/// Characters of context a snippet keeps before the first marked word (and about three times
/// as many after it).
const SNIPPET_AROUND: usize = 24;

/// What kind of record a hit is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[ts(export)]
#[serde(rename_all = "lowercase")]
pub enum SearchKind {
    Source,
    Claim,
    Draft,
}

impl SearchKind {
    pub const ALL: &'static [SearchKind] =
        &[SearchKind::Source, SearchKind::Claim, SearchKind::Draft];

    pub fn as_str(self) -> &'static str {
        match self {
            SearchKind::Source => "source",
            SearchKind::Claim => "claim",
            SearchKind::Draft => "draft",
        }
    }

    /// Parses `source`, `claim` or `draft`; the error names `field`.
    pub fn parse(field: &str, text: &str) -> Result<SearchKind> {
        SearchKind::ALL
            .iter()
            .copied()
            .find(|k| k.as_str().eq_ignore_ascii_case(text.trim()))
            .ok_or_else(|| {
                CoreError::invalid(
                    field,
                    format!("\"{text}\" is not one of: source, claim, draft"),
                )
            })
    }
}

/// A run of a hit's snippet, marked when it is what the search matched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SnippetPart {
    pub text: String,
    pub marked: bool,
}

/// One record a search found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SearchHit {
    pub kind: SearchKind,
    pub id: String,
    /// A source's or draft's title; a claim's text.
    pub title: String,
    /// Where the words matched, with the matched words marked.
    pub snippet: Vec<SnippetPart>,
    /// Relevance (negative BM25 without IDF, the same scale for every kind): lower is better;
    /// 0 for a search of short words only (newest first).
    pub rank: f64,
}

/// What one kind of record needs to be ranked (the SQL reading it is in `candidates.rs`).
struct Table {
    kind: SearchKind,
    /// How much a match in each field (`candidates::fields`, in that order) weighs.
    weights: &'static [f64],
}

const SOURCES: Table = Table {
    kind: SearchKind::Source,
    // title, outlet, author, notes, kept text
    weights: &[10.0, 5.0, 5.0, 2.0, 1.0],
};

const CLAIMS: Table = Table {
    kind: SearchKind::Claim,
    // text, topics
    weights: &[5.0, 3.0],
};

const DRAFTS: Table = Table {
    kind: SearchKind::Draft,
    // title, body
    weights: &[10.0, 1.0],
};

impl Table {
    fn of(kind: SearchKind) -> &'static Table {
        match kind {
            SearchKind::Source => &SOURCES,
            SearchKind::Claim => &CLAIMS,
            SearchKind::Draft => &DRAFTS,
        }
    }
}

/// The user's words, split by length: those the index can find and those it cannot.
struct Words {
    long: Vec<String>,
    short: Vec<String>,
}

fn words(query: &str) -> Result<Words> {
    let all: Vec<&str> = query.split_whitespace().collect();
    if all.is_empty() {
        return Err(CoreError::invalid("query", "type a word to search for"));
    }
    if all.len() > MAX_WORDS {
        return Err(CoreError::invalid(
            "query",
            format!("a search takes at most {MAX_WORDS} words"),
        ));
    }
    let (long, short) = all
        .iter()
        .map(|w| w.to_string())
        .partition(|w| w.chars().count() >= TRIGRAM);
    Ok(Words { long, short })
}

/// A `LIKE` pattern finding `word` anywhere, with its own `%`, `_` and `\` taken literally.
fn like_pattern(word: &str) -> String {
    let mut p = String::from("%");
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            p.push('\\');
        }
        p.push(c);
    }
    p.push('%');
    p
}

/// `values` as the seam's parameters.
fn params(values: &[rusqlite::types::Value]) -> Vec<&dyn rusqlite::ToSql> {
    values.iter().map(|v| v as &dyn rusqlite::ToSql).collect()
}

/// A character as the index compares it: lower case, and a Latin letter without its
/// diacritics (`remove_diacritics 1`), so what the index matched is what gets marked. One
/// character for one, so positions in the folded text are positions in the text.
fn folded(c: char) -> char {
    let c = c.to_lowercase().next().unwrap_or(c);
    if c.is_ascii() || !('\u{c0}'..'\u{2b0}').contains(&c) {
        return c;
    }
    let mut utf8 = [0u8; 4];
    let nfd = DecomposingNormalizerBorrowed::new_nfd().normalize(c.encode_utf8(&mut utf8));
    let mut parts = nfd.chars();
    match (
        parts.next(),
        parts.all(|m| ('\u{300}'..'\u{370}').contains(&m)),
    ) {
        (Some(base), true) => base,
        _ => c,
    }
}

fn fold(text: &str) -> String {
    if text.is_ascii() {
        return text.to_ascii_lowercase();
    }
    text.chars().map(folded).collect()
}

/// Marks every place `words` occur in `text` (compared folded), keeping about `around`
/// characters before the first of them and three times as many after.
///
/// Only that window is walked character by character: a kept text or a draft body can run to
/// hundreds of thousands of characters, and the first match is found by a plain string search
/// of its folded form (`fold(text)`, passed in when the caller has it).
fn mark_words(text: &str, folded_text: &str, words: &[String], around: usize) -> Vec<SnippetPart> {
    let words: Vec<Vec<char>> = words
        .iter()
        .map(|w| w.chars().map(folded).collect::<Vec<char>>())
        .filter(|w| !w.is_empty())
        .collect();
    let first = words
        .iter()
        .filter_map(|w| folded_text.find(&w.iter().collect::<String>()))
        .min()
        .map_or(0, |byte| folded_text[..byte].chars().count());
    let total = folded_text.chars().count();
    let from = first.saturating_sub(around);
    let to = first.saturating_add(around.saturating_mul(3)).min(total);
    // The window, widened by the longest word so a match crossing its edge is marked.
    let widest = words.iter().map(Vec::len).max().unwrap_or(0);
    let lo = from.saturating_sub(widest);
    let hi = to.saturating_add(widest).min(total);
    let chars: Vec<char> = text.chars().skip(lo).take(hi - lo).collect();
    let lower: Vec<char> = folded_text.chars().skip(lo).take(hi - lo).collect();
    let mut marked = vec![false; chars.len()];
    for w in &words {
        if w.len() > lower.len() {
            continue;
        }
        for start in 0..=lower.len() - w.len() {
            if lower[start] == w[0] && lower[start..start + w.len()] == w[..] {
                marked[start..start + w.len()]
                    .iter_mut()
                    .for_each(|m| *m = true);
            }
        }
    }
    let mut parts: Vec<SnippetPart> = Vec::new();
    for i in (from - lo)..(to - lo).min(chars.len()) {
        match parts.last_mut() {
            Some(p) if p.marked == marked[i] => p.text.push(chars[i]),
            _ => parts.push(SnippetPart {
                text: chars[i].to_string(),
                marked: marked[i],
            }),
        }
    }
    let ellipsis = || SnippetPart {
        text: "…".into(),
        marked: false,
    };
    if from > 0 {
        parts.insert(0, ellipsis());
    }
    if to < total {
        parts.push(ellipsis());
    }
    parts
}

/// Whether hits carry their snippets: a caller that reads only ids and titles (intake's
/// duplicate search, once per candidate) skips reading and marking the matched fields.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Snippets {
    Marked,
    Left,
}

/// A record the index found, ranked, with the fields its snippet is cut from.
#[derive(Debug, Clone)]
struct Ranked {
    kind: SearchKind,
    /// Its place among the candidates, newest first: equal ranks keep the newer first.
    recency: usize,
    id: String,
    title: String,
    fields: Vec<String>,
    /// `fields`, folded.
    folded: Vec<String>,
    rank: f64,
}

/// BM25's term-frequency saturation and length normalisation (FTS5's defaults).
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// The best `limit` of the newest [`CANDIDATES`] records of one kind holding every word.
///
/// The index finds the candidates newest first (a walk that stops at [`CANDIDATES`]); they are
/// read from their rows and scored here by BM25 over the folded text: per word, the weighted
/// count of its occurrences in each field, saturated, normalised by the record's length against
/// the candidates' mean. Every word has the same weight (no IDF).
///
/// NOTE: FTS5's own `bm25()` weighs each word by how rare it is, and learns that by counting
/// every record holding the word: for "nationwide rating" on a 1M-claim desk, a walk of 320k
/// records (130 ms) to rank 500. Every word is required in every hit here, so that weight only
/// shifts which word's repetitions count more; scoring without it costs what the candidates
/// cost, at any desk size, and gives every kind the same scale, so the kinds merge fairly.
fn ranked(db: &Db<'_>, t: &Table, w: &Words, limit: usize) -> Result<Vec<Ranked>> {
    let n = candidates::field_count(t.kind);
    let run = |q: &candidates::Query| {
        db.query_all(&q.sql, &params(&q.params), |r| {
            let mut fields = Vec::with_capacity(n);
            for i in 0..n {
                fields.push(r.get::<_, Option<String>>(2 + i)?.unwrap_or_default());
            }
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, fields))
        })
    };
    let mut rows = Vec::new();
    // The first try giving every candidate asked for is the answer, or else the last.
    let tries = candidates::holding(db.engine(), t.kind, &w.long, CANDIDATES, candidates::WALK);
    for (i, q) in tries.iter().enumerate() {
        rows = run(q)?;
        if rows.len() >= CANDIDATES {
            break;
        }
        // A first walk that found some: how common the words are among the newest records
        // sizes a longer walk, cheaper than every match from the index when they are common.
        if i == 0
            && tries.len() > 1
            && let Some(walk) = candidates::longer_walk(rows.len(), CANDIDATES)
        {
            let longer = candidates::holding(db.engine(), t.kind, &w.long, CANDIDATES, walk);
            if let Some(q) = longer.first() {
                rows = run(q)?;
                if rows.len() >= CANDIDATES {
                    break;
                }
            }
        }
    }
    let rows = rows
        .into_iter()
        .enumerate()
        .map(|(recency, (id, title, fields))| Ranked {
            kind: t.kind,
            recency,
            id,
            title,
            fields,
            folded: Vec::new(),
            rank: 0.0,
        });
    let words: Vec<String> = w.long.iter().chain(&w.short).map(|x| fold(x)).collect();
    let short = &words[w.long.len()..];
    // Per candidate: its length in characters and each word's weighted count.
    let mut scored: Vec<(Ranked, usize, Vec<f64>)> = Vec::new();
    for mut hit in rows {
        hit.folded = hit.fields.iter().map(|f| fold(f)).collect();
        let folded = &hit.folded;
        // A short word the index could not look for must be in some field.
        if !short
            .iter()
            .all(|s| folded.iter().any(|f| f.contains(s.as_str())))
        {
            continue;
        }
        let length = folded.iter().map(|f| f.chars().count()).sum::<usize>();
        let counts = words
            .iter()
            .map(|word| {
                folded
                    .iter()
                    .zip(t.weights)
                    .map(|(f, weight)| weight * f.matches(word.as_str()).count() as f64)
                    .sum()
            })
            .collect();
        scored.push((hit, length, counts));
    }
    let mean = scored.iter().map(|s| s.1).sum::<usize>() as f64 / scored.len().max(1) as f64;
    let mut ranked: Vec<Ranked> = scored
        .into_iter()
        .map(|(mut hit, length, counts)| {
            let norm = K1 * (1.0 - B + B * length as f64 / mean.max(1.0));
            hit.rank = -counts
                .iter()
                .map(|f| f * (K1 + 1.0) / (f + norm))
                .sum::<f64>();
            hit
        })
        .collect();
    ranked.sort_by(|a, b| a.rank.total_cmp(&b.rank).then(a.recency.cmp(&b.recency)));
    ranked.truncate(limit);
    Ok(ranked)
}

/// A ranked record as a hit, its snippet marked when asked.
///
/// The snippet is cut from the first field holding the most of the words (fields in the
/// index's order, so a title before a kept text), marked in Rust over the row's own text:
/// asking FTS5 for `snippet()` would evaluate the `MATCH` again for each hit, a walk of every
/// word's trigram lists that grows with the desk.
fn into_hit(hit: Ranked, words: &[String], snippets: Snippets) -> SearchHit {
    let snippet = match snippets {
        Snippets::Left => Vec::new(),
        Snippets::Marked => {
            let folded_words: Vec<String> = words.iter().map(|w| fold(w)).collect();
            let mut best: Option<(usize, usize)> = None;
            for (i, f) in hit.folded.iter().enumerate() {
                let n = folded_words
                    .iter()
                    .filter(|w| f.contains(w.as_str()))
                    .count();
                if n > best.map_or(0, |(_, m)| m) {
                    best = Some((i, n));
                }
            }
            match best {
                Some((i, _)) => mark_words(&hit.fields[i], &hit.folded[i], words, SNIPPET_AROUND),
                None => mark_words(&hit.title, &fold(&hit.title), words, SNIPPET_AROUND),
            }
        }
    };
    SearchHit {
        kind: hit.kind,
        id: hit.id,
        title: hit.title,
        snippet,
        rank: hit.rank,
    }
}

/// Hits of one kind when every word is too short for the index: a newest-first scan of the
/// short fields, stopping at `limit`.
fn scanned(db: &Db<'_>, t: &Table, w: &Words, limit: usize) -> Result<Vec<SearchHit>> {
    let n = candidates::short_count(t.kind);
    let mut rows = Vec::new();
    // The first try giving `limit` hits is the answer, or else the last.
    for q in candidates::scanning(db.engine(), t.kind, &w.short, limit) {
        rows = db.query_all(&q.sql, &params(&q.params), |r| {
            let id: String = r.get(0)?;
            let title: String = r.get(1)?;
            let mut fields = Vec::with_capacity(n);
            for i in 0..n {
                fields.push(r.get::<_, Option<String>>(2 + i)?);
            }
            Ok((id, title, fields))
        })?;
        if rows.len() >= limit {
            break;
        }
    }
    let mut hits = Vec::new();
    for (id, title, fields) in rows {
        let lower = |s: &str| s.chars().map(folded).collect::<String>();
        // The first field holding a word is the one the snippet shows.
        let shown = fields
            .iter()
            .flatten()
            .find(|f| {
                let f = lower(f);
                w.short.iter().any(|s| f.contains(&lower(s)))
            })
            .cloned()
            .unwrap_or_else(|| title.clone());
        hits.push(SearchHit {
            kind: t.kind,
            id,
            title,
            snippet: mark_words(&shown, &fold(&shown), &w.short, SNIPPET_AROUND),
            rank: 0.0,
        });
    }
    Ok(hits)
}

/// Hits whose id starts with `word`, when `word` could be an id prefix (four or more of the
/// id alphabet's characters): a writer pastes an id from an export or a finding.
fn by_id_prefix(db: &Db<'_>, t: &Table, word: &str, limit: usize) -> Result<Vec<SearchHit>> {
    let prefix = word.to_ascii_uppercase();
    if prefix.len() < 4 || !prefix.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Ok(Vec::new());
    }
    let q = candidates::by_id(db.engine(), t.kind, &prefix, limit);
    let rows = db.query_all(&q.sql, &params(&q.params), |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut hits = Vec::new();
    for (id, title) in rows {
        hits.push(SearchHit {
            kind: t.kind,
            snippet: vec![
                SnippetPart {
                    text: id.get(..prefix.len()).unwrap_or_default().to_string(),
                    marked: true,
                },
                SnippetPart {
                    text: id.get(prefix.len()..).unwrap_or_default().to_string(),
                    marked: false,
                },
            ],
            id,
            title,
            // An id named is what the writer wants, above any text match.
            rank: f64::MIN,
        });
    }
    Ok(hits)
}

impl Desk {
    /// The records holding every word of `query`, best first, at most `limit` (1 to 200) of
    /// them, of one kind or of all.
    pub fn search(
        &self,
        query: &str,
        kind: Option<SearchKind>,
        limit: usize,
    ) -> Result<Vec<SearchHit>> {
        self.search_with(query, kind, limit, Snippets::Marked)
    }

    /// [`Desk::search`], the same hits in the same order, with snippets only if asked.
    pub(crate) fn search_with(
        &self,
        query: &str,
        kind: Option<SearchKind>,
        limit: usize,
        snippets: Snippets,
    ) -> Result<Vec<SearchHit>> {
        if !(1..=MAX_LIMIT).contains(&limit) {
            return Err(CoreError::invalid(
                "limit",
                format!("{limit} is out of range; a search returns 1 to {MAX_LIMIT} hits"),
            ));
        }
        let w = words(query)?;
        self.read(|db| search_in(db, &w, kind, limit, snippets))
    }
}

/// [`Desk::search_with`] on either engine, in one read.
fn search_in(
    db: &Db<'_>,
    w: &Words,
    kind: Option<SearchKind>,
    limit: usize,
    snippets: Snippets,
) -> Result<Vec<SearchHit>> {
    let kinds: Vec<SearchKind> = match kind {
        Some(k) => vec![k],
        None => SearchKind::ALL.to_vec(),
    };
    // Every kind ranks its candidates first; only the hits returned are read and marked.
    let mut found: Vec<(f64, Result<SearchHit, Ranked>)> = Vec::new();
    for k in kinds {
        let t = Table::of(k);
        if let [word] = &w.long[..]
            && w.short.is_empty()
        {
            found.extend(
                by_id_prefix(db, t, word, limit)?
                    .into_iter()
                    .map(|h| (h.rank, Ok(h))),
            );
        }
        if w.long.is_empty() {
            found.extend(
                scanned(db, t, w, limit)?
                    .into_iter()
                    .map(|h| (h.rank, Ok(h))),
            );
        } else {
            found.extend(
                ranked(db, t, w, limit)?
                    .into_iter()
                    .map(|r| (r.rank, Err(r))),
            );
        }
    }
    // Stable: equal ranks keep kind order (sources, claims, drafts) and recency.
    found.sort_by(|a, b| a.0.total_cmp(&b.0));
    let all_words: Vec<String> = w.long.iter().chain(&w.short).cloned().collect();
    let mut seen = std::collections::HashSet::new();
    let mut hits = Vec::with_capacity(limit.min(found.len()));
    for (_, f) in found {
        if hits.len() == limit {
            break;
        }
        let hit = match f {
            Ok(hit) => hit,
            Err(r) => into_hit(r, &all_words, snippets),
        };
        // A record found by its id prefix and by its text is one hit.
        if seen.insert((hit.kind, hit.id.clone())) {
            hits.push(hit);
        }
    }
    Ok(hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_wildcards_are_taken_literally() {
        assert_eq!(like_pattern("5%_a\\"), "%5\\%\\_a\\\\%");
    }

    #[test]
    fn short_words_are_marked_wherever_they_occur() {
        let text = "우영우 met 영우";
        let parts = mark_words(text, &fold(text), &["영우".to_string()], 24);
        let marked: Vec<&str> = parts
            .iter()
            .filter(|p| p.marked)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(marked, vec!["영우", "영우"]);
    }
}
