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
//! Ranking is bm25 among the newest [`CANDIDATES`] matches of each kind, so a word found in
//! half the desk costs a bounded read. Matched words come back marked as [`SnippetPart`]s,
//! plain text the UI renders as text nodes, never as HTML.

use serde::{Deserialize, Serialize};

use crate::desk::Desk;
use crate::error::{CoreError, Result};

/// Matches of each kind ranked per search; older matches beyond these are not ranked.
pub const CANDIDATES: usize = 500;
/// Most hits one search returns.
pub const MAX_LIMIT: usize = 200;
/// Most words one search takes.
pub const MAX_WORDS: usize = 16;
/// Words shorter than this (in characters) cannot use the trigram index.
const TRIGRAM: usize = 3;

// Control characters a record can never hold (validation refuses them), so they cannot be
// confused with the record's own text.
const OPEN: char = '\u{2}';
const CLOSE: char = '\u{3}';

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
    /// bm25 relevance: lower is better; 0 for a search of short words only (newest first).
    pub rank: f64,
}

/// What one kind of record needs to be searched.
struct Table {
    kind: SearchKind,
    fts: &'static str,
    base: &'static str,
    /// The base table's columns the index holds, in the index's order.
    columns: &'static [&'static str],
    /// How much a match in each column weighs in bm25.
    weights: &'static str,
    /// The hit's title column.
    title: &'static str,
    /// The short columns a search of short words only reads.
    short: &'static [&'static str],
}

const SOURCES: Table = Table {
    kind: SearchKind::Source,
    fts: "sources_search",
    base: "sources",
    columns: &["title", "outlet", "author", "notes", "kept_text"],
    weights: "10.0, 5.0, 5.0, 2.0, 1.0",
    title: "title",
    short: &["title", "outlet", "author", "notes"],
};

const CLAIMS: Table = Table {
    kind: SearchKind::Claim,
    fts: "claims_search",
    base: "claim_search_rows",
    columns: &["text", "topics"],
    weights: "5.0, 3.0",
    title: "text",
    short: &["text", "topics"],
};

const DRAFTS: Table = Table {
    kind: SearchKind::Draft,
    fts: "drafts_search",
    base: "drafts",
    columns: &["title", "body"],
    weights: "10.0, 1.0",
    title: "title",
    short: &["title"],
};

impl Table {
    fn of(kind: SearchKind) -> &'static Table {
        match kind {
            SearchKind::Source => &SOURCES,
            SearchKind::Claim => &CLAIMS,
            SearchKind::Draft => &DRAFTS,
        }
    }

    fn rowid(&self) -> &'static str {
        if self.base == "claim_search_rows" {
            "rid"
        } else {
            "rowid"
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

/// The FTS5 query for `words`: each word a quoted string (so nothing in it is syntax), all
/// required.
fn match_expression(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" AND ")
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

/// `(a LIKE ?n ESCAPE '\' OR b LIKE ?n …)` for each short word, numbered from `first`.
fn like_conditions(columns: &[&str], prefix: &str, short: &[String], first: usize) -> String {
    short
        .iter()
        .enumerate()
        .map(|(i, _)| {
            let n = first + i;
            let any = columns
                .iter()
                .map(|c| format!("{prefix}{c} LIKE ?{n} ESCAPE '\\'"))
                .collect::<Vec<_>>()
                .join(" OR ");
            format!("({any})")
        })
        .collect::<Vec<_>>()
        .join(" AND ")
}

/// Splits FTS5 `snippet()` output at its markers.
fn parts_from_markers(text: &str) -> Vec<SnippetPart> {
    let mut parts: Vec<SnippetPart> = Vec::new();
    let mut marked = false;
    let mut run = String::new();
    for c in text.chars() {
        if c == OPEN || c == CLOSE {
            if !run.is_empty() {
                parts.push(SnippetPart {
                    text: std::mem::take(&mut run),
                    marked,
                });
            }
            marked = c == OPEN;
        } else {
            run.push(c);
        }
    }
    if !run.is_empty() {
        parts.push(SnippetPart { text: run, marked });
    }
    parts
}

fn folded(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Marks every place `words` occur in `text` (letter case ignored), keeping about `around`
/// characters before the first of them.
fn mark_words(text: &str, words: &[String], around: usize) -> Vec<SnippetPart> {
    let chars: Vec<char> = text.chars().collect();
    let lower: Vec<char> = chars.iter().copied().map(folded).collect();
    let mut marked = vec![false; chars.len()];
    for w in words {
        let w: Vec<char> = w.chars().map(folded).collect();
        if w.is_empty() || w.len() > lower.len() {
            continue;
        }
        for start in 0..=lower.len() - w.len() {
            if lower[start..start + w.len()] == w[..] {
                marked[start..start + w.len()]
                    .iter_mut()
                    .for_each(|m| *m = true);
            }
        }
    }
    let first = marked.iter().position(|m| *m).unwrap_or(0);
    let from = first.saturating_sub(around);
    let to = first
        .saturating_add(around.saturating_mul(3))
        .min(chars.len());
    let mut parts: Vec<SnippetPart> = Vec::new();
    for i in from..to {
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
    if to < chars.len() {
        parts.push(ellipsis());
    }
    parts
}

/// Hits of one kind for words the index can find, filtered by the short words.
/// Whether hits carry their snippets: a caller that reads only ids and titles (intake's
/// duplicate search, once per candidate) skips a second `MATCH` per hit.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Snippets {
    Marked,
    Left,
}

fn indexed(
    desk: &Desk,
    t: &Table,
    w: &Words,
    limit: usize,
    snippets: Snippets,
) -> Result<Vec<SearchHit>> {
    let rowid = t.rowid();
    let short = if w.short.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", like_conditions(t.columns, "b.", &w.short, 4))
    };
    // The newest CANDIDATES matches, then the best `limit` of them by bm25.
    let sql = format!(
        "SELECT m.rid, m.score FROM (
             SELECT rowid AS rid, bm25({fts}, {weights}) AS score FROM {fts}
             WHERE {fts} MATCH ?1 ORDER BY rowid DESC LIMIT ?2
         ) m JOIN {base} b ON b.{rowid} = m.rid {short}
         ORDER BY m.score, m.rid DESC LIMIT ?3",
        fts = t.fts,
        weights = t.weights,
        base = t.base,
    );
    let expression = match_expression(&w.long);
    let mut params: Vec<rusqlite::types::Value> = vec![
        expression.clone().into(),
        (CANDIDATES as i64).into(),
        (limit as i64).into(),
    ];
    params.extend(w.short.iter().map(|s| like_pattern(s).into()));
    let ranked: Vec<(i64, f64)> = desk
        .conn
        .prepare_cached(&sql)?
        .query_map(rusqlite::params_from_iter(params.iter()), |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<rusqlite::Result<_>>()?;

    let mut detail = desk.conn.prepare_cached(&format!(
        "SELECT b.id, b.{title}, snippet({fts}, -1, char(2), char(3), '…', 48)
         FROM {fts} JOIN {base} b ON b.{rowid} = {fts}.rowid
         WHERE {fts} MATCH ?1 AND {fts}.rowid = ?2",
        title = t.title,
        fts = t.fts,
        base = t.base,
    ))?;
    let mut plain = desk.conn.prepare_cached(&format!(
        "SELECT b.id, b.{title} FROM {base} b WHERE b.{rowid} = ?1",
        title = t.title,
        base = t.base,
    ))?;
    let mut hits = Vec::with_capacity(ranked.len());
    for (rid, score) in ranked {
        if snippets == Snippets::Left {
            let (id, title) = plain.query_row([rid], |r| Ok((r.get(0)?, r.get(1)?)))?;
            hits.push(SearchHit {
                kind: t.kind,
                id,
                title,
                snippet: Vec::new(),
                rank: score,
            });
            continue;
        }
        let (id, title, snippet): (String, String, String) = detail
            .query_row(rusqlite::params![expression, rid], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?;
        let mut snippet = parts_from_markers(&snippet);
        if !w.short.is_empty() {
            let plain: String = snippet.iter().map(|p| p.text.as_str()).collect();
            let mut all = w.long.clone();
            all.extend(w.short.iter().cloned());
            snippet = mark_words(&plain, &all, usize::MAX / 4);
        }
        hits.push(SearchHit {
            kind: t.kind,
            id,
            title,
            snippet,
            rank: score,
        });
    }
    Ok(hits)
}

/// Hits of one kind when every word is too short for the index: a newest-first scan of the
/// short fields, stopping at `limit`.
fn scanned(desk: &Desk, t: &Table, w: &Words, limit: usize) -> Result<Vec<SearchHit>> {
    let order = match t.kind {
        SearchKind::Claim => "ORDER BY b.rid DESC",
        _ => "ORDER BY b.created_at DESC, b.rowid DESC",
    };
    let sql = format!(
        "SELECT b.id, b.{title}, {columns} FROM {base} b WHERE {like} {order} LIMIT ?1",
        title = t.title,
        columns = t
            .short
            .iter()
            .map(|c| format!("b.{c}"))
            .collect::<Vec<_>>()
            .join(", "),
        base = t.base,
        like = like_conditions(t.short, "b.", &w.short, 2),
    );
    let mut params: Vec<rusqlite::types::Value> = vec![(limit as i64).into()];
    params.extend(w.short.iter().map(|s| like_pattern(s).into()));
    let mut stmt = desk.conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(rusqlite::params_from_iter(params.iter()), |r| {
        let id: String = r.get(0)?;
        let title: String = r.get(1)?;
        let mut fields = Vec::new();
        for i in 0..t.short.len() {
            fields.push(r.get::<_, Option<String>>(2 + i)?);
        }
        Ok((id, title, fields))
    })?;
    let mut hits = Vec::new();
    for row in rows {
        let (id, title, fields) = row?;
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
            snippet: mark_words(&shown, &w.short, 24),
            rank: 0.0,
        });
    }
    Ok(hits)
}

/// Hits whose id starts with `word`, when `word` could be an id prefix (four or more of the
/// id alphabet's characters): a writer pastes an id from an export or a finding.
fn by_id_prefix(desk: &Desk, t: &Table, word: &str, limit: usize) -> Result<Vec<SearchHit>> {
    let prefix = word.to_ascii_uppercase();
    if prefix.len() < 4 || !prefix.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Ok(Vec::new());
    }
    let table = match t.kind {
        SearchKind::Source => "sources",
        SearchKind::Claim => "claims",
        SearchKind::Draft => "drafts",
    };
    let title = if t.kind == SearchKind::Claim {
        "text"
    } else {
        "title"
    };
    // A range over the primary key, not LIKE, so the lookup walks the index.
    let mut stmt = desk.conn.prepare_cached(&format!(
        "SELECT id, {title} FROM {table} WHERE id >= ?1 AND id < ?1 || char(127) ORDER BY id LIMIT ?2"
    ))?;
    let rows = stmt.query_map(rusqlite::params![prefix, limit as i64], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut hits = Vec::new();
    for row in rows {
        let (id, title) = row?;
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
        let kinds: Vec<SearchKind> = match kind {
            Some(k) => vec![k],
            None => SearchKind::ALL.to_vec(),
        };
        let mut hits = Vec::new();
        for k in kinds {
            let t = Table::of(k);
            if let [word] = &w.long[..]
                && w.short.is_empty()
            {
                hits.extend(by_id_prefix(self, t, word, limit)?);
            }
            if w.long.is_empty() {
                hits.extend(scanned(self, t, &w, limit)?);
            } else {
                hits.extend(indexed(self, t, &w, limit, snippets)?);
            }
        }
        // Stable: equal ranks keep kind order (sources, claims, drafts) and recency.
        hits.sort_by(|a, b| a.rank.total_cmp(&b.rank));
        let mut seen = std::collections::HashSet::new();
        hits.retain(|h| seen.insert((h.kind, h.id.clone())));
        hits.truncate(limit);
        Ok(hits)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_is_quoted_so_nothing_is_syntax() {
        let w = vec!["a\"b".to_string(), "NEAR(x".to_string(), "*".to_string()];
        assert_eq!(match_expression(&w), "\"a\"\"b\" AND \"NEAR(x\" AND \"*\"");
    }

    #[test]
    fn like_wildcards_are_taken_literally() {
        assert_eq!(like_pattern("5%_a\\"), "%5\\%\\_a\\\\%");
    }

    #[test]
    fn markers_become_marked_parts() {
        let parts = parts_from_markers("Woo \u{2}Young-woo\u{3} said");
        assert_eq!(
            parts,
            vec![
                SnippetPart {
                    text: "Woo ".into(),
                    marked: false
                },
                SnippetPart {
                    text: "Young-woo".into(),
                    marked: true
                },
                SnippetPart {
                    text: " said".into(),
                    marked: false
                },
            ]
        );
    }

    #[test]
    fn short_words_are_marked_wherever_they_occur() {
        let parts = mark_words("우영우 met 영우", &["영우".to_string()], 24);
        let marked: Vec<&str> = parts
            .iter()
            .filter(|p| p.marked)
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(marked, vec!["영우", "영우"]);
    }
}
