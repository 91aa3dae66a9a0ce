//! The Pandoc format: spans keep their Pandoc form with `.claim` attributes and are followed by
//! citations (`[@key1; contradicted by @key2]`) that resolve against the CSL-JSON sidecar.
//! Each citation carries what its footnote would: the locator, the quote with its translation
//! credit, and the relay, as a Pandoc suffix that citeproc prints after the entry:
//! `[@reel2025winter, para 3, “we shoot in winter” (trans. Mina), citing Hanbit Daily]`.
//! Suffix text is escaped so a quote can neither end the citation (`]`, `;`) nor start another
//! (`@`) nor carry markup.
//! A disputed claim's citation opens with "disputed:" (`[disputed: @key1]`); a span cited as
//! history keeps its `.history` class and names the newer claim (`superseded-by=ID`).

use std::collections::BTreeSet;

use super::escape::md_escape;
use super::footnotes::relay_phrase;
use super::sanitize::sanitize;
use super::{ExportInput, csl, render_range};
use crate::evidence::Evidence;
use crate::sources::Source;
use crate::spans::ClaimSpan;
use crate::vocab::{ClaimStatus, Stance};

/// Returns the Markdown and the CSL-JSON bibliography of every source it cites.
pub fn render(input: &ExportInput<'_>) -> (String, String) {
    let snapshot = input.snapshot;
    let body = &input.draft.body;
    let keys = &snapshot.cite_keys;
    let mut cited: BTreeSet<&str> = BTreeSet::new();
    let mut out = String::new();
    let mut render_span = |span: &ClaimSpan, text: String, out: &mut String| {
        let claim = snapshot.claims.get(&span.claim_id);
        out.push('[');
        out.push_str(&text);
        out.push_str("]{.claim");
        if span.history {
            out.push_str(" .history");
        }
        out.push_str(&format!(" claim={}", span.claim_id));
        let Some(claim) = claim else {
            out.push('}');
            return;
        };
        out.push_str(&format!(" confidence={}", claim.confidence));
        if let Some(as_of) = claim.as_of {
            out.push_str(&format!(" as-of={as_of}"));
        }
        if claim.status != ClaimStatus::Active {
            out.push_str(&format!(" status={}", claim.status));
        }
        if let Some(newer) = &claim.superseded_by {
            out.push_str(&format!(" superseded-by={newer}"));
        }
        out.push('}');
        let mut items = Vec::new();
        let mut used = BTreeSet::new();
        for (stance, prefix) in [
            (Stance::Supports, ""),
            (Stance::Contradicts, "contradicted by "),
        ] {
            for (evidence, source) in snapshot.with_stance(&claim.id, stance) {
                let Some(key) = keys.get(&source.id) else {
                    continue;
                };
                let suffix = cite_suffix(evidence, &snapshot.chain(source));
                if used.insert((stance, key.as_str(), suffix.clone())) {
                    items.push(format!("{prefix}@{key}{suffix}"));
                    cited.insert(source.id.as_str());
                }
            }
        }
        if claim.status == ClaimStatus::Disputed {
            match items.first_mut() {
                Some(first) => first.insert_str(0, "disputed: "),
                None => items.push("disputed".into()),
            }
        }
        if !items.is_empty() {
            out.push_str(&format!(" [{}]", items.join("; ")));
        }
    };
    render_range(
        body,
        0..body.len(),
        &input.spans,
        &mut render_span,
        &mut out,
    );
    if !out.ends_with('\n') {
        out.push('\n');
    }
    let bibliography = csl::bibliography(snapshot, keys, &cited);
    (
        format!("{}{}", input.front_matter(), sanitize(&out)),
        bibliography,
    )
}

/// A field escaped for a citation suffix: Markdown-inert, and `;` (which separates citations)
/// escaped too.
fn suffix_text(text: &str) -> String {
    md_escape(text).replace(';', "\\;")
}

/// `, locator, “quote” (trans. who), citing …` for one piece of evidence; empty when it has none.
fn cite_suffix(e: &Evidence, chain: &[&Source]) -> String {
    let mut out = String::new();
    if let Some(locator) = e.locator.as_deref().filter(|l| !l.trim().is_empty()) {
        out.push_str(&format!(", {}", suffix_text(locator)));
    }
    if let Some(quote) = e.quote.as_deref().filter(|q| !q.trim().is_empty()) {
        out.push_str(&format!(", “{}”", suffix_text(quote.trim())));
        if let Some(by) = e.translated_by.as_deref().filter(|b| !b.trim().is_empty()) {
            out.push_str(&format!(" (trans. {})", suffix_text(by)));
        }
    }
    out.push_str(&relay_phrase(chain).replace(';', "\\;"));
    out
}
