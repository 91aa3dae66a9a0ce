//! The "what we know" block: a generated summary, inside a draft, of the claims the draft cites
//! (or of one topic's claims) grouped by confidence, each entry the claim's own words as a claim
//! span (`[text]{claim=ID}`) with its as-of date and how many sources support it. Being spans, the
//! entries stay linked and export like any other text.
//!
//! Groups. The issue names four groups for five levels; the mapping is:
//! - **Confirmed**: `confirmed` only;
//! - **Reported**: `corroborated`, then `reported`;
//! - **Unverified or rumoured**: `unverified`;
//! - **Speculation**: `speculation`.
//!
//! `corroborated` is not filed under "Confirmed" on purpose: in [`crate::confidence::LEVELS`] a
//! word that says the party itself spoke ("confirmed") is allowed only at `confirmed`, and a
//! heading is such a word. A corroborated claim is what several independent outlets report; its
//! source count (two or more) shows the corroboration, and it leads its group. Retracted and
//! superseded claims are left out (the desk no longer holds them as what we know); a disputed
//! claim is listed with "(disputed)" after it.
//!
//! Markers. The block opens and closes with a Markdown link reference definition:
//!
//! ```text
//! [what-we-know]: #what-we-know "table draft 3f9a0c…"
//! …
//! [what-we-know-end]: #what-we-know
//! ```
//!
//! A definition nothing refers to renders as nothing in CommonMark, GitHub's Markdown and
//! Pandoc, and its address (`#…`) is relative, so the export sanitiser keeps it as written
//! (`export/sanitize.rs`): the markers travel with the exported Markdown, so the block is still
//! found there, and never show. HTML comments would be shown as text by that same sanitiser, and a
//! fenced div's `{…}` is escaped by it (and is literal text outside Pandoc).
//!
//! The opening marker's title holds the format, the scope (`draft`, or `topic:` and the topic
//! percent-encoded) and a fingerprint of what the block was generated from: each listed claim's
//! id, version (which counts every change to its text, confidence, as-of date and status) and
//! its evidence (id, stance, source). The checks recompute it from a scoped read and report
//! `what-we-know-stale` when it differs, with the regenerated block as the fix. Invariant: one
//! block per draft; generating again replaces it in place.

use std::collections::HashSet;
use std::ops::Range;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::checks::draft::claim_ids;
use crate::claims::Claim;
use crate::confidence::Confidence;
use crate::db::Db;
use crate::desk::Desk;
use crate::error::{CoreError, Result};
use crate::revisions::{SaveOutcome, SaveReason};
use crate::snapshot::Snapshot;
use crate::spans::{self, ClaimSpan};
use crate::vocab::{ClaimStatus, Stance};

/// The most claims one block lists: a topic with more is refused, not cut short silently.
pub const MAX_ENTRIES: usize = 500;

const START: &str = "[what-we-know]: #what-we-know";
const END: &str = "[what-we-know-end]: #what-we-know";

/// How the block is laid out; the writer chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum BlockFormat {
    /// One Markdown table: group, entry, as-of date, sources.
    Table,
    /// A heading a group, a bullet an entry.
    Sections,
}

impl BlockFormat {
    pub fn parse(field: &str, text: &str) -> Result<BlockFormat> {
        match text.trim() {
            "table" => Ok(BlockFormat::Table),
            "sections" => Ok(BlockFormat::Sections),
            other => Err(CoreError::invalid(
                field,
                format!("\"{other}\" is not one of table, sections"),
            )),
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            BlockFormat::Table => "table",
            BlockFormat::Sections => "sections",
        }
    }
}

/// What to generate. A field left `None` keeps what the draft's block has (or: the draft's own
/// claims, as a table).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct WhatWeKnowRequest {
    /// List this topic's claims instead of the draft's.
    pub topic: Option<String>,
    pub format: Option<BlockFormat>,
}

/// Which claims a block lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// The claims the draft cites outside the block.
    Draft,
    /// The claims tagged with the topic.
    Topic(String),
}

impl Scope {
    fn marker(&self) -> String {
        match self {
            Scope::Draft => "draft".into(),
            Scope::Topic(t) => format!("topic:{}", percent_encode(t)),
        }
    }

    fn from_marker(s: &str) -> Option<Scope> {
        match s {
            "draft" => Some(Scope::Draft),
            _ => s
                .strip_prefix("topic:")
                .and_then(percent_decode)
                .map(Scope::Topic),
        }
    }
}

/// A block found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// From the start of the opening marker's line to the end of the closing marker (its
    /// newline not included).
    pub range: Range<usize>,
    /// The opening marker's line, without its newline.
    pub marker: Range<usize>,
    pub format: BlockFormat,
    pub scope: Scope,
    pub fingerprint: String,
}

/// The change that puts a generated block into a text: `text` replaces `start..end` (byte
/// offsets; an empty range inserts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct BlockEdit {
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// A block was there and is replaced.
    pub replaced: bool,
    /// How many claims the block lists.
    pub entries: u32,
}

impl BlockEdit {
    /// `body` with the edit applied.
    pub fn apply(&self, body: &str) -> String {
        let mut out = String::with_capacity(body.len() + self.text.len());
        out.push_str(&body[..self.start]);
        out.push_str(&self.text);
        out.push_str(&body[self.end..]);
        out
    }
}

/// The group a level is listed under, with its heading.
pub fn group(confidence: Confidence) -> &'static str {
    match confidence {
        Confidence::Confirmed => "Confirmed",
        Confidence::Corroborated | Confidence::Reported => "Reported",
        Confidence::Unverified => "Unverified or rumoured",
        Confidence::Speculation => "Speculation",
    }
}

/// The groups in the order a block lists them.
const GROUPS: [&str; 4] = [
    "Confirmed",
    "Reported",
    "Unverified or rumoured",
    "Speculation",
];

/// The draft's block, if it has one: the first opening marker at the start of a line, outside
/// code, with a closing marker after it. A lone marker is not a block.
pub fn find_block(body: &str) -> Option<Block> {
    let mut code: Option<Vec<Range<usize>>> = None;
    let mut from = 0;
    while let Some(found) = body[from..].find(START) {
        let at = from + found;
        from = at + START.len();
        if at > 0 && body.as_bytes()[at - 1] != b'\n' {
            continue;
        }
        let code = code.get_or_insert_with(|| spans::code_ranges(body));
        if code.iter().any(|r| r.contains(&at)) {
            continue;
        }
        let line_end = body[at..].find('\n').map_or(body.len(), |e| at + e);
        let Some((format, scope, fingerprint)) = read_title(&body[at + START.len()..line_end])
        else {
            continue;
        };
        let mut search = line_end;
        let end = loop {
            let next = body[search..].find(END)?;
            let e = search + next;
            search = e + END.len();
            let line_end = body[e..].find('\n').map_or(body.len(), |n| e + n);
            if body.as_bytes()[e - 1] == b'\n' && body[e + END.len()..line_end].trim().is_empty() {
                break line_end;
            }
        };
        return Some(Block {
            range: at..end,
            marker: at..line_end,
            format,
            scope,
            fingerprint,
        });
    }
    None
}

/// Reads ` "table draft 0123…"` (what follows the opening marker's address).
fn read_title(rest: &str) -> Option<(BlockFormat, Scope, String)> {
    let title = rest.trim().strip_prefix('"')?.strip_suffix('"')?;
    let mut words = title.split(' ');
    let format = BlockFormat::parse("format", words.next()?).ok()?;
    let scope = Scope::from_marker(words.next()?)?;
    let fingerprint = words.next()?.to_string();
    words
        .next()
        .is_none()
        .then_some((format, scope, fingerprint))
}

fn percent_encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            out.push(u8::from_str_radix(text.get(i + 1..i + 3)?, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// One claim as the block lists it.
struct Entry<'a> {
    claim: &'a Claim,
    /// Distinct sources whose evidence supports it.
    sources: usize,
}

/// The claims `ids` lists, in block order: by group, strongest level first, then in the order
/// of `ids`. Retracted, superseded and unknown claims are left out.
fn entries<'a>(snapshot: &'a Snapshot, ids: &[String]) -> Vec<Entry<'a>> {
    let mut out: Vec<Entry<'a>> = ids
        .iter()
        .filter_map(|id| snapshot.claims.get(id))
        .filter(|c| !matches!(c.status, ClaimStatus::Retracted | ClaimStatus::Superseded))
        .map(|claim| Entry {
            claim,
            sources: snapshot
                .with_stance(&claim.id, Stance::Supports)
                .map(|(e, _)| e.source_id.as_str())
                .collect::<HashSet<_>>()
                .len(),
        })
        .collect();
    out.sort_by_key(|e| std::cmp::Reverse(e.claim.confidence.strength()));
    out
}

/// What the block was generated from, hashed: the scope, then each entry's id, version and
/// evidence.
fn fingerprint(snapshot: &Snapshot, scope: &Scope, entries: &[Entry<'_>]) -> String {
    let mut hash = Sha256::new();
    hash.update(scope.marker().as_bytes());
    for e in entries {
        let c = e.claim;
        hash.update(format!("\n{}|{}|{}|", c.id, c.version, c.confidence).as_bytes());
        let mut evidence: Vec<_> = snapshot.evidence_of(&c.id).iter().collect();
        evidence.sort_by(|a, b| a.id.cmp(&b.id));
        for ev in evidence {
            hash.update(format!("{}:{}:{};", ev.id, ev.stance, ev.source_id).as_bytes());
        }
    }
    hash.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A claim's words as a span's text: brackets and backslashes escaped so the span stays whole,
/// and in a table the `|` too, so the row does.
fn span_text(text: &str, in_table: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '[' | ']' | '\\' => out.push('\\'),
            '|' if in_table => out.push('\\'),
            _ => {}
        }
        out.push(if c == '\n' || c == '\r' { ' ' } else { c });
    }
    out
}

fn entry_span(e: &Entry<'_>, in_table: bool) -> String {
    let disputed = if e.claim.status == ClaimStatus::Disputed {
        " (disputed)"
    } else {
        ""
    };
    format!(
        "[{}]{{claim={}}}{disputed}",
        span_text(&e.claim.text, in_table),
        e.claim.id
    )
}

/// The block's text, markers included, with no newline after the closing marker.
fn render(
    entries: &[Entry<'_>],
    format: BlockFormat,
    scope: &Scope,
    fingerprint: &str,
    heading: usize,
) -> String {
    let mut out = format!(
        "{START} \"{} {} {fingerprint}\"\n\n",
        format.as_str(),
        scope.marker()
    );
    match format {
        BlockFormat::Table => {
            out.push_str("| Confidence | What we know | As of | Sources |\n");
            out.push_str("| --- | --- | --- | --- |\n");
            for e in entries {
                let as_of = e.claim.as_of.map_or("—".to_string(), |d| d.to_string());
                out.push_str(&format!(
                    "| {} | {} | {as_of} | {} |\n",
                    group(e.claim.confidence),
                    entry_span(e, true),
                    e.sources
                ));
            }
        }
        BlockFormat::Sections => {
            let hashes = "#".repeat(heading);
            for g in GROUPS {
                let listed: Vec<&Entry<'_>> = entries
                    .iter()
                    .filter(|e| group(e.claim.confidence) == g)
                    .collect();
                if listed.is_empty() {
                    continue;
                }
                out.push_str(&format!("{hashes} {g}\n\n"));
                for e in listed {
                    let as_of = e
                        .claim
                        .as_of
                        .map_or("no as-of date".to_string(), |d| format!("as of {d}"));
                    let sources = match e.sources {
                        0 => "no source".to_string(),
                        1 => "1 source".to_string(),
                        n => format!("{n} sources"),
                    };
                    out.push_str(&format!(
                        "- {} ({as_of}; {sources})\n",
                        entry_span(e, false)
                    ));
                }
                out.push('\n');
            }
            out.pop();
        }
    }
    out.push('\n');
    out.push_str(END);
    out
}

/// The heading level for the block's groups: one below the last ATX heading before `at`.
fn heading_level(body: &str, at: usize) -> usize {
    let code = spans::code_ranges(&body[..at]);
    let mut level = 1;
    let mut offset = 0;
    for line in body[..at].split_inclusive('\n') {
        let hashes = line.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes)
            && line[hashes..].starts_with([' ', '\t', '\n'])
            && !code.iter().any(|r| r.contains(&offset))
        {
            level = hashes;
        }
        offset += line.len();
    }
    (level + 1).clamp(2, 6)
}

/// The claim ids of the spans outside `block`.
fn draft_claims(spans: &[ClaimSpan], block: Option<&Block>) -> Vec<String> {
    let outside: Vec<ClaimSpan> = spans
        .iter()
        .filter(|s| block.is_none_or(|b| s.end <= b.range.start || s.start >= b.range.end))
        .cloned()
        .collect();
    claim_ids(&outside)
}

/// The ids of the claims tagged `topic`, through the `claim_topics_by_topic` index.
fn topic_claims(db: &Db<'_>, topic: &str) -> Result<Vec<String>> {
    let ids = db.query_all(
        &format!(
            "SELECT claim_id FROM claim_topics WHERE topic = ?1 ORDER BY {} LIMIT ?2",
            db.byte_order("claim_id")
        ),
        rusqlite::params![topic, MAX_ENTRIES as i64 + 1],
        |r| r.get::<_, String>(0),
    )?;
    if ids.len() > MAX_ENTRIES {
        return Err(CoreError::invalid(
            "topic",
            format!(
                "“{topic}” has more than {MAX_ENTRIES} claims: a block lists at most {MAX_ENTRIES}"
            ),
        ));
    }
    Ok(ids)
}

/// A block generated for a text.
struct Generated {
    text: String,
    fingerprint: String,
    entries: usize,
}

impl Desk {
    /// Generates the block `scope` asks for, for `body` (whose own spans are the draft's claims),
    /// with group headings at `heading`. `snapshot` may hold the draft's claims already.
    fn generate(
        db: &Db<'_>,
        body_spans: &[ClaimSpan],
        block: Option<&Block>,
        scope: &Scope,
        format: BlockFormat,
        heading: usize,
        snapshot: Option<&Snapshot>,
    ) -> Result<Generated> {
        let (ids, read);
        let snapshot = match scope {
            Scope::Draft => {
                ids = draft_claims(body_spans, block);
                match snapshot {
                    Some(s) => s,
                    None => {
                        read = Snapshot::for_claims(db, &ids)?;
                        &read
                    }
                }
            }
            Scope::Topic(topic) => {
                ids = topic_claims(db, topic)?;
                read = Snapshot::for_claims(db, &ids)?;
                &read
            }
        };
        let mut listed = entries(snapshot, &ids);
        if let Scope::Topic(_) = scope {
            // Within a level, newest first: a topic has no document order.
            listed.sort_by(|a, b| {
                b.claim
                    .confidence
                    .strength()
                    .cmp(&a.claim.confidence.strength())
                    .then_with(|| {
                        let key = |c: &Claim| c.as_of.map(|d| d.latest());
                        key(b.claim).cmp(&key(a.claim))
                    })
                    .then_with(|| a.claim.id.cmp(&b.claim.id))
            });
        }
        if listed.is_empty() {
            return Err(match scope {
                Scope::Draft => CoreError::invalid(
                    "draft",
                    "the draft cites no claim the desk holds as current: attach claims first",
                ),
                Scope::Topic(t) => {
                    CoreError::invalid("topic", format!("no current claim has the topic “{t}”"))
                }
            });
        }
        let fingerprint = fingerprint(snapshot, scope, &listed);
        Ok(Generated {
            text: render(&listed, format, scope, &fingerprint, heading),
            fingerprint,
            entries: listed.len(),
        })
    }

    /// The edit that puts a freshly generated block into `body` (saved or not): it replaces the
    /// block already there, or goes in at `cursor` (a byte offset; moved to the end of its line)
    /// or, with none, at the end. Reads only the draft's claims, or the topic's.
    pub fn what_we_know_edit(
        &self,
        body: &str,
        cursor: Option<usize>,
        request: &WhatWeKnowRequest,
    ) -> Result<BlockEdit> {
        let block = find_block(body);
        let scope = match (&request.topic, &block) {
            (Some(t), _) if t.trim().is_empty() => Scope::Draft,
            (Some(t), _) => Scope::Topic(t.trim().to_string()),
            (None, Some(b)) => b.scope.clone(),
            (None, None) => Scope::Draft,
        };
        let format = request
            .format
            .or(block.as_ref().map(|b| b.format))
            .unwrap_or(BlockFormat::Table);
        let spans = spans::parse(body);
        if let Some(b) = &block {
            let g = crate::snapshot::in_one_read(self, |db| {
                Self::generate(
                    db,
                    &spans,
                    Some(b),
                    &scope,
                    format,
                    heading_level(body, b.range.start),
                    None,
                )
            })?;
            return Ok(BlockEdit {
                start: b.range.start,
                end: b.range.end,
                text: g.text,
                replaced: true,
                entries: g.entries as u32,
            });
        }
        let at = match cursor {
            None => body.len(),
            Some(c) if c > body.len() || !body.is_char_boundary(c) => {
                return Err(CoreError::invalid(
                    "cursor",
                    format!("{c} is not a position in the draft"),
                ));
            }
            Some(c) if c == 0 || body.as_bytes()[c - 1] == b'\n' => c,
            Some(c) => body[c..].find('\n').map_or(body.len(), |e| c + e),
        };
        let g = crate::snapshot::in_one_read(self, |db| {
            Self::generate(
                db,
                &spans,
                None,
                &scope,
                format,
                heading_level(body, at),
                None,
            )
        })?;
        // A blank line on each side, so the markers are definitions and the table a table.
        let before = &body[..at];
        let lead = if before.is_empty() || before.ends_with("\n\n") {
            ""
        } else if before.ends_with('\n') {
            "\n"
        } else {
            "\n\n"
        };
        let after = &body[at..];
        let trail = if after.starts_with("\n\n") || (after.is_empty() && before.is_empty()) {
            ""
        } else if after.starts_with('\n') || after.is_empty() {
            "\n"
        } else {
            "\n\n"
        };
        Ok(BlockEdit {
            start: at,
            end: at,
            text: format!("{lead}{}{trail}", g.text),
            replaced: false,
            entries: g.entries as u32,
        })
    }

    /// Puts a freshly generated block into a draft's saved text (see
    /// [`Desk::what_we_know_edit`]) and saves it as a new revision through the normal save.
    pub fn insert_what_we_know(
        &mut self,
        draft: &str,
        request: &WhatWeKnowRequest,
        cursor: Option<usize>,
    ) -> Result<SaveOutcome> {
        let current = self.draft(draft)?;
        let edit = self.what_we_know_edit(&current.body, cursor, request)?;
        let input = crate::drafts::DraftInput {
            title: current.title.clone(),
            body: edit.apply(&current.body),
        };
        self.save_draft(
            &current.id,
            &input,
            SaveReason::Explicit,
            Some(current.revision),
        )
    }

    /// The `what-we-know-stale` check: the block's fingerprint against the one its claims give
    /// now, with the regenerated block as the fix. `snapshot` holds the draft's claims.
    pub(crate) fn what_we_know_finding(
        &self,
        db: &Db<'_>,
        body: &str,
        body_spans: &[ClaimSpan],
        snapshot: &Snapshot,
    ) -> Result<Option<StaleBlock>> {
        let Some(block) = find_block(body) else {
            return Ok(None);
        };
        let heading = heading_level(body, block.range.start);
        let fresh = match Self::generate(
            db,
            body_spans,
            Some(&block),
            &block.scope,
            block.format,
            heading,
            Some(snapshot),
        ) {
            Ok(g) => Some(g),
            Err(CoreError::Invalid { .. }) => None,
            Err(e) => return Err(e),
        };
        if fresh
            .as_ref()
            .is_some_and(|g| g.fingerprint == block.fingerprint)
        {
            return Ok(None);
        }
        Ok(Some(StaleBlock {
            marker: block.marker.clone(),
            range: block.range.clone(),
            regenerated: fresh.map(|g| g.text),
        }))
    }
}

/// A block whose claims changed since it was generated.
pub(crate) struct StaleBlock {
    pub marker: Range<usize>,
    pub range: Range<usize>,
    /// The block generated again; `None` when its scope lists no claim now.
    pub regenerated: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_round_trip_through_the_marker() {
        for t in ["season-two", "Season 2 \"quoted\"", "촬영", "100%"] {
            let s = Scope::Topic(t.into());
            assert_eq!(Scope::from_marker(&s.marker()), Some(s.clone()));
            assert!(!s.marker().contains([' ', '"', '{', '[']), "{}", s.marker());
        }
    }

    #[test]
    fn a_block_needs_both_markers_at_line_starts_outside_code() {
        let open = format!("{START} \"table draft 00\"");
        let whole = format!("x\n\n{open}\n\n| a |\n\n{END}\n\ny");
        let b = find_block(&whole).unwrap();
        assert_eq!(&whole[b.range.clone()], &whole[3..whole.len() - 3]);
        assert!(find_block(&format!("x\n\n{open}\n\nno end")).is_none());
        assert!(find_block(&format!("```\n{open}\n{END}\n```\n")).is_none());
        assert!(find_block(&format!("text {open}\n{END}\n")).is_none());
    }

    #[test]
    fn headings_go_one_below_the_section() {
        assert_eq!(heading_level("intro\n", 6), 2);
        assert_eq!(heading_level("# T\n\n## S\n\n", 11), 3);
        assert_eq!(heading_level("```\n## not\n```\n", 15), 2);
        assert_eq!(heading_level("###### deep\n", 12), 6);
    }
}
