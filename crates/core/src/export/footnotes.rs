//! The footnoted format: each claim span becomes its text followed by a footnote reference, one
//! footnote per claim (a claim used twice reuses its note).
//!
//! A disputed claim is marked where it is stated ("… (disputed)[^claim-1]"), so a reader never
//! takes it as settled fact. A claim cited as history (`.history`) has a note that gives its
//! as-of date and points to the claim that superseded it.

use std::collections::HashMap;

use super::escape::md_escape;
use super::sanitize::sanitize;
use super::{ExportInput, render_range};
use crate::claims::Claim;
use crate::evidence::Evidence;
use crate::snapshot::Snapshot;
use crate::sources::Source;
use crate::spans::ClaimSpan;
use crate::vocab::{ClaimStatus, SourceKind, Stance};

/// "Outlet, “Title”, Author, 2025-05-22, <url>" with every part escaped.
pub fn describe_source(source: &Source) -> String {
    let mut parts = Vec::new();
    if let Some(outlet) = &source.outlet {
        parts.push(md_escape(outlet));
    }
    parts.push(format!("“{}”", md_escape(&source.title)));
    if let Some(author) = &source.author {
        parts.push(md_escape(author));
    }
    if let Some(date) = source.published {
        parts.push(date.to_string());
    }
    if let Some(url) = &source.url {
        parts.push(format!("<{url}>"));
    }
    parts.join(", ")
}

/// ", citing an interview with Hanbit Daily (2025-05-20)" for each hop of a relay chain.
pub fn relay_phrase(chain: &[&Source]) -> String {
    chain
        .iter()
        .map(|s| {
            let what = match s.kind {
                SourceKind::Interview => "an interview with ",
                SourceKind::PressRelease => "a press release from ",
                SourceKind::Social => "a social post by ",
                SourceKind::Broadcast => "a broadcast by ",
                _ => "",
            };
            let date = s.published.map(|d| format!(" ({d})")).unwrap_or_default();
            format!(", citing {what}{}{date}", md_escape(s.label()))
        })
        .collect()
}

/// Ends a sentence with a full stop unless it already ends with one (inside a closing quote too).
fn end_sentence(text: &mut String) {
    let trimmed = text.trim_end_matches('”');
    if !trimmed.ends_with(['.', '!', '?']) {
        text.push('.');
    }
}

fn evidence_line(snapshot: &Snapshot, e: &Evidence, source: &Source) -> String {
    let stance = match e.stance {
        Stance::Supports => "Supports",
        Stance::Contradicts => "Contradicts",
    };
    let mut line = format!(
        "{stance}: {}{}.",
        describe_source(source),
        relay_phrase(&snapshot.chain(source))
    );
    if let Some(quote) = &e.quote {
        line.push_str(&format!(" Quote: “{}”", md_escape(quote)));
        if let Some(by) = &e.translated_by {
            line.push_str(&format!(" (translated by {}", md_escape(by)));
            if let Some(original) = &e.original_quote {
                line.push_str(&format!("; original: “{}”", md_escape(original)));
            }
            line.push(')');
        }
        end_sentence(&mut line);
    }
    if let Some(locator) = &e.locator {
        line.push_str(&format!(" At {}.", md_escape(locator)));
    }
    line
}

/// The footnote's text for one claim (without the `[^label]: ` opener).
fn note(snapshot: &Snapshot, claim_id: &str, claim: Option<&Claim>, history: bool) -> String {
    let Some(claim) = claim else {
        return format!(
            "Claim {} is not in the desk: this fact has no recorded source.",
            md_escape(claim_id)
        );
    };
    let level = claim.confidence.as_str();
    let mut head = format!(
        "{}{} ({})",
        level[..1].to_uppercase(),
        &level[1..],
        claim.confidence.meaning()
    );
    if let Some(as_of) = claim.as_of {
        head.push_str(&format!(", as of {as_of}"));
    }
    head.push('.');
    match claim.status {
        ClaimStatus::Active => {}
        ClaimStatus::Superseded => {
            let newer = claim
                .superseded_by
                .as_deref()
                .and_then(|id| snapshot.claims.get(id))
                .map(|c| format!(": “{}”", md_escape(&c.text)))
                .unwrap_or_default();
            let lead = if history {
                "History: superseded"
            } else {
                "Superseded"
            };
            head.push_str(&format!(" {lead} by a newer claim{newer}"));
            end_sentence(&mut head);
        }
        ClaimStatus::Disputed => head.push_str(" Disputed."),
        ClaimStatus::Retracted => head.push_str(" Retracted."),
    }
    let lines: Vec<String> = [Stance::Supports, Stance::Contradicts]
        .iter()
        .flat_map(|&stance| snapshot.with_stance(&claim.id, stance))
        .map(|(e, s)| format!("    - {}", evidence_line(snapshot, e, s)))
        .collect();
    if lines.is_empty() {
        return format!("{head} No source recorded.");
    }
    format!("{head}\n\n{}", lines.join("\n"))
}

pub fn render(input: &ExportInput<'_>) -> String {
    let body = &input.draft.body;
    let mut labels: HashMap<&str, usize> = HashMap::new();
    let mut order: Vec<&ClaimSpan> = Vec::new();
    for span in &input.spans {
        if !labels.contains_key(span.claim_id.as_str()) {
            labels.insert(&span.claim_id, order.len() + 1);
            order.push(span);
        }
    }
    let mut out = String::new();
    let mut render_span = |span: &ClaimSpan, text: String, out: &mut String| {
        let n = labels.get(span.claim_id.as_str()).copied().unwrap_or(0);
        out.push_str(&text);
        let status = input.snapshot.claims.get(&span.claim_id).map(|c| c.status);
        if status == Some(ClaimStatus::Disputed) {
            out.push_str(" (disputed)");
        }
        out.push_str(&format!("[^claim-{n}]"));
    };
    render_range(
        body,
        0..body.len(),
        &input.spans,
        &mut render_span,
        &mut out,
    );
    // NOTE: only the draft's text is sanitised; the notes are built here from fields escaped by
    // `md_escape`, which leaves nothing to neutralise (tested there), and skipping them keeps
    // the export of a long draft with its notes three times cheaper.
    let mut out = input.front_matter() + &sanitize(&out);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    let cited_as_history: std::collections::HashSet<&str> = input
        .spans
        .iter()
        .filter(|s| s.history)
        .map(|s| s.claim_id.as_str())
        .collect();
    for (i, span) in order.iter().enumerate() {
        let claim = input.snapshot.claims.get(&span.claim_id);
        let history = cited_as_history.contains(span.claim_id.as_str());
        out.push_str(&format!(
            "\n[^claim-{}]: {}\n",
            i + 1,
            note(input.snapshot, &span.claim_id, claim, history)
        ));
    }
    out
}
