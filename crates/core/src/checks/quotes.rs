//! The quote check: each evidence quote a draft's claims use is looked for in its source's kept
//! text, so a quote the source never said (or no longer says) cannot be signed off.
//!
//! - **Matching.** Both texts are compared after [`normalise`]: Unicode NFC (Hangul typed as
//!   jamo is the same text as its syllables), curly quotes and apostrophes as straight ones,
//!   every dash as a hyphen, any run of whitespace (no-break spaces included) as one space, and
//!   lower case. The quote's own outer quotation marks are not part of what it quotes, and an
//!   ellipsis (`...` or `…`) stands for words left out: each part must appear, in order.
//! - **Translations.** Evidence with an `original_quote` is looked for by that original: the
//!   kept text is the source's own language, the `quote` the writer's translation.
//! - **Which text.** A source's own kept text; a source with none that relays a chain and has
//!   the URL (or, with no URL, the outlet and title) of a source that keeps text is that
//!   article as intake records it relaying one chain, and is read against the article's text.
//!   A source with no kept text either way is not checked: there is nothing to compare with.
//! - **Findings.** `quote-not-in-source` (error): the quote is absent. `source-changed`
//!   (error): the article was pasted again with changed text and this quote vanished from it
//!   (flagged by `kept_text.rs` and kept in the desk until the evidence is edited or relinked,
//!   or the quote is back); it replaces `quote-not-in-source` for the same evidence. Both block
//!   publication: the gate has no per-finding override, so the writer resolves them by
//!   correcting the quote, relinking the claim to a source that says it, or updating the
//!   source's kept text.
//! - **Scope.** Only the draft's claims' evidence (already in the snapshot), the flags and the
//!   stored checks on that evidence (`quote_checks.rs`, worked out when the evidence or the text
//!   was written) and the hashes of the texts its sources read are read, by id. A text is read
//!   only for evidence whose stored check is missing or was made against another text.

use std::collections::HashMap;

use icu_normalizer::ComposingNormalizerBorrowed;

use super::draft::{Finding, FindingKind};
use crate::db::Db;
use crate::desk::Desk;
use crate::error::Result;
use crate::evidence::Evidence;
use crate::kept_text;
use crate::quote_checks;
use crate::snapshot::Snapshot;
use crate::spans::{LineIndex, Parsed};

/// `text` as the quote check compares it (see the module's notes).
pub fn normalise(text: &str) -> String {
    let nfc = ComposingNormalizerBorrowed::new_nfc().normalize(text);
    let mut out = String::with_capacity(nfc.len());
    let mut space = false;
    for c in nfc.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '\u{ff07}' => {
                out.push('\'')
            }
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ff02}' => {
                out.push('"')
            }
            '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{fe58}' | '\u{fe63}' | '\u{ff0d}' => {
                out.push('-')
            }
            '\u{2026}' => out.push_str("..."),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The parts of a normalised quote that must appear in order: split at ellipses, each trimmed
/// of spaces and of the quote's own quotation marks.
fn parts(quote: &str) -> Vec<&str> {
    quote
        .split("...")
        .map(|p| p.trim_matches(|c: char| c == ' ' || c == '"' || c == '\''))
        .filter(|p| !p.is_empty())
        .collect()
}

/// Whether `quote` (as typed) is in `normalised`, a text already passed through [`normalise`].
/// An empty quote quotes nothing, and so is never missing.
pub fn quote_in_normalised(normalised: &str, quote: &str) -> bool {
    let quote = normalise(quote);
    let mut rest = normalised;
    for part in parts(&quote) {
        match rest.find(part) {
            Some(at) => rest = &rest[at + part.len()..],
            None => return false,
        }
    }
    true
}

/// Whether `quote` is in `text`, both normalised.
pub fn quote_in_text(text: &str, quote: &str) -> bool {
    quote_in_normalised(&normalise(text), quote)
}

/// A kept text as quotes are looked for in it: normalised once, and only when a quote is not in
/// it as typed (most quotes were copied). Every answer to "is this quote in that text" (the
/// check, the stored checks, a paste with changed text, `source recheck`) comes from here.
pub struct Searched<'a> {
    text: &'a str,
    normalised: std::cell::OnceCell<String>,
}

impl<'a> Searched<'a> {
    pub fn new(text: &'a str) -> Searched<'a> {
        Searched {
            text,
            normalised: std::cell::OnceCell::new(),
        }
    }

    /// Whether `quote` (as typed) is in the text.
    pub fn holds(&self, quote: &str) -> bool {
        self.text.contains(quote)
            || quote_in_normalised(self.normalised.get_or_init(|| normalise(self.text)), quote)
    }
}

/// The words of a piece of evidence looked for in its source: the original of a translation,
/// else the quote; `None` when it quotes nothing.
pub fn looked_for<'a>(quote: Option<&'a str>, original_quote: Option<&'a str>) -> Option<&'a str> {
    original_quote.or(quote).filter(|q| !q.trim().is_empty())
}

fn short(text: &str) -> String {
    let one_line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut s: String = one_line.chars().take(80).collect();
    if s.len() < one_line.len() {
        s.push('…');
    }
    s
}

/// Where a source's words were looked for, for a message.
fn text_of(source_id: &str, holder: &str) -> String {
    if holder == source_id {
        format!("the kept text of source {source_id}")
    } else {
        format!(
            "the kept text of source {} (the article source {source_id} relays a chain of)",
            holder
        )
    }
}

impl Desk {
    /// `quote-not-in-source` and `source-changed` for the claims `parsed` names.
    pub(crate) fn quote_findings(
        &self,
        db: &Db<'_>,
        body: &str,
        parsed: &Parsed,
        snapshot: &Snapshot,
        findings: &mut Vec<Finding>,
    ) -> Result<()> {
        // Each claim's first span carries its findings, as the other claim checks do.
        let mut seen = std::collections::HashSet::new();
        let mut quoted: Vec<(&Evidence, &str, std::ops::Range<usize>)> = Vec::new();
        for span in parsed
            .spans
            .iter()
            .filter(|s| seen.insert(s.claim_id.as_str()))
        {
            let range = span.start..span.end;
            for e in snapshot.evidence_of(&span.claim_id) {
                if let Some(q) = looked_for(e.quote.as_deref(), e.original_quote.as_deref()) {
                    quoted.push((e, q, range.clone()));
                }
            }
        }
        if quoted.is_empty() {
            return Ok(());
        }
        let flags = kept_text::flags_in(db, quoted.iter().map(|(e, ..)| e.id.as_str()))?;
        let cited = quoted
            .iter()
            .filter(|(e, ..)| !flags.contains_key(&e.id))
            .filter_map(|(e, ..)| snapshot.sources.get(&e.source_id));
        let holders = kept_text::holders_in(db, cited)?;
        let stored = quote_checks::stored_in(
            db,
            quoted
                .iter()
                .filter(|(e, ..)| holders.contains_key(&e.source_id))
                .map(|(e, ..)| e.id.as_str()),
        )?;
        // A stored check counts only when made against the text the source reads now.
        let current = |e: &Evidence| {
            let holder = holders.get(&e.source_id)?;
            Some(
                stored
                    .get(&e.id)
                    .filter(|s| &s.holder == holder)
                    .map(|s| s.found),
            )
        };
        let unsettled = quoted
            .iter()
            .filter(|(e, ..)| !flags.contains_key(&e.id) && current(e) == Some(None))
            .filter_map(|(e, ..)| holders.get(&e.source_id).map(|h| h.id.as_str()));
        let texts = kept_text::texts_of(db, unsettled)?;
        let searched: HashMap<&str, Searched<'_>> = texts
            .iter()
            .map(|(id, text)| (id.as_str(), Searched::new(text)))
            .collect();
        let lines = LineIndex::new(body);
        for (e, q, range) in quoted {
            let (kind, message, suggestion) = if let Some(flag) = flags.get(&e.id) {
                (
                    FindingKind::SourceChanged,
                    format!(
                        "source {} was pasted again with changed text ({} → {}), and “{}”, \
                         quoted by evidence {} of claim {}, is no longer in it",
                        flag.source_id,
                        flag.old_sha256
                            .as_deref()
                            .map_or("none", |h| &h[..h.len().min(8)]),
                        &flag.new_sha256[..flag.new_sha256.len().min(8)],
                        short(q),
                        e.id,
                        e.claim_id
                    ),
                    "re-read the source: correct the quote or relink the claim to a source that \
                     says it (editing the evidence clears this), or take the claim out",
                )
            } else {
                let Some(holder) = holders.get(&e.source_id) else {
                    continue;
                };
                let found = match current(e) {
                    Some(Some(found)) => found,
                    _ => searched.get(holder.id.as_str()).is_none_or(|t| t.holds(q)),
                };
                if found {
                    continue;
                }
                (
                    FindingKind::QuoteNotInSource,
                    format!(
                        "evidence {} of claim {} quotes “{}”, which is not in {}",
                        e.id,
                        e.claim_id,
                        short(q),
                        text_of(&e.source_id, &holder.id)
                    ),
                    "correct the quote to the source's words, link the source that says it, or \
                     update the source's kept text",
                )
            };
            let (line, column) = lines.position(range.start);
            findings.push(Finding {
                kind,
                severity: kind.severity(),
                line,
                column,
                start: range.start,
                end: range.end,
                message,
                claim: Some(e.claim_id.clone()),
                suggestion: Some(suggestion.into()),
                fix: None,
            });
        }
        findings.sort_by_key(|f| (f.start, f.severity, f.kind.as_str()));
        Ok(())
    }
}
