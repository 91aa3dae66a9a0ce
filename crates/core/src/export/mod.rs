//! Sourced Markdown out of a draft. Two formats share one walk over the draft's claim spans:
//! - `footnotes`: GitHub-flavoured Markdown where each span is followed by a footnote listing the
//!   claim's confidence, as-of date and every piece of evidence with its relay chain;
//! - `pandoc`: spans stay Pandoc spans with `.claim` attributes and are followed by Pandoc
//!   citations; the sources go into a CSL-JSON bibliography beside the file.
//!
//! Both begin with YAML front matter and leave the draft's own Markdown as written, except that
//! nothing in it may become live HTML: everything after the front matter goes through
//! [`sanitize`] (raw HTML and raw attributes shown as text, unsafe links as text).

pub mod citekeys;
pub mod csl;
pub mod escape;
pub mod files;
pub mod footnotes;
pub mod pandoc;
pub mod report;
pub mod sanitize;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::confidence::Confidence;
use crate::dates::timestamp;
use crate::desk::Desk;
use crate::drafts::Draft;
use crate::error::Result;
use crate::ids::{RecordKind, resolve_in};
use crate::snapshot::Snapshot;
use crate::spans::{self, ClaimSpan};

pub use escape::{inert_markdown, md_escape, yaml_string};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum ExportFormat {
    Footnotes,
    Pandoc,
}

impl ExportFormat {
    pub fn parse(field: &str, text: &str) -> Result<ExportFormat> {
        match text.trim() {
            "footnotes" => Ok(ExportFormat::Footnotes),
            "pandoc" => Ok(ExportFormat::Pandoc),
            other => Err(crate::CoreError::invalid(
                field,
                format!("\"{other}\" is not one of footnotes, pandoc"),
            )),
        }
    }
}

/// An exported draft: the Markdown, and for `pandoc` the CSL-JSON bibliography.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Exported {
    pub markdown: String,
    pub csl_json: Option<String>,
}

/// Everything an exporter needs, gathered once.
pub struct ExportInput<'a> {
    pub draft: &'a Draft,
    pub spans: Vec<ClaimSpan>,
    pub snapshot: &'a Snapshot,
    pub exported_at: String,
}

impl ExportInput<'_> {
    /// How many distinct claims of the draft stand at each level, strongest first.
    pub fn confidence_counts(&self) -> BTreeMap<u8, (Confidence, usize)> {
        let mut seen = std::collections::HashSet::new();
        let mut counts: BTreeMap<u8, (Confidence, usize)> = Confidence::ALL
            .iter()
            .map(|&c| (4 - c.strength(), (c, 0)))
            .collect();
        for span in &self.spans {
            if seen.insert(span.claim_id.as_str())
                && let Some(claim) = self.snapshot.claims.get(&span.claim_id)
                && let Some(entry) = counts.get_mut(&(4 - claim.confidence.strength()))
            {
                entry.1 += 1;
            }
        }
        counts
    }

    /// The YAML front matter both formats open with.
    pub fn front_matter(&self) -> String {
        let mut out = String::from("---\n");
        out.push_str(&format!(
            "title: {}\n",
            yaml_string(&inert_markdown(&self.draft.title))
        ));
        out.push_str(&format!("exported: {}\n", yaml_string(&self.exported_at)));
        let distinct: std::collections::HashSet<&str> =
            self.spans.iter().map(|s| s.claim_id.as_str()).collect();
        out.push_str(&format!("claims: {}\n", distinct.len()));
        out.push_str("confidence:\n");
        for (level, count) in self.confidence_counts().values() {
            out.push_str(&format!("  {level}: {count}\n"));
        }
        out.push_str("---\n\n");
        out
    }
}

/// Renders `markdown[range]` with every span fully inside it replaced by `render_span`, and the
/// rest of the text as written (the whole result is sanitised afterwards). Nested spans are
/// rendered from the inside out by the callback.
pub(crate) fn render_range(
    markdown: &str,
    range: std::ops::Range<usize>,
    spans: &[ClaimSpan],
    render_span: &mut dyn FnMut(&ClaimSpan, String, &mut String),
    out: &mut String,
) {
    let mut at = range.start;
    let mut i = spans.partition_point(|s| s.start < range.start);
    while i < spans.len() && spans[i].start < range.end {
        let span = &spans[i];
        if span.end > range.end {
            i += 1;
            continue;
        }
        out.push_str(&markdown[at..span.start]);
        let mut inner = String::new();
        let (ts, te) = span.text_range;
        render_range(markdown, ts..te, spans, render_span, &mut inner);
        render_span(span, inner, out);
        at = span.end;
        // Skip spans nested in this one: they were rendered inside it.
        i += 1;
        while i < spans.len() && spans[i].start < span.end {
            i += 1;
        }
    }
    out.push_str(&markdown[at..range.end]);
}

impl Desk {
    /// Exports a draft in `format`, reading only the claims it names and what they cite.
    pub fn export_draft(&self, id: &str, format: ExportFormat) -> Result<Exported> {
        let (draft, spans, snapshot) = crate::snapshot::in_one_read(self, |db| {
            let draft =
                crate::drafts::get_db(db, &resolve_in(db, RecordKind::Draft, "draft", id)?)?;
            let spans = spans::parse(&draft.body);
            let ids = crate::checks::draft::claim_ids(&spans);
            let snapshot = Snapshot::for_claims(db, &ids)?;
            Ok((draft, spans, snapshot))
        })?;
        Ok(export_parsed(
            &draft,
            spans,
            &snapshot,
            format,
            &timestamp(self.now()),
        ))
    }
}

/// Exports `draft` against a snapshot read for its claims (the benchmarks call this directly).
pub fn export(
    draft: &Draft,
    snapshot: &Snapshot,
    format: ExportFormat,
    exported_at: &str,
) -> Exported {
    export_parsed(
        draft,
        spans::parse(&draft.body),
        snapshot,
        format,
        exported_at,
    )
}

fn export_parsed(
    draft: &Draft,
    spans: Vec<ClaimSpan>,
    snapshot: &Snapshot,
    format: ExportFormat,
    exported_at: &str,
) -> Exported {
    let input = ExportInput {
        draft,
        spans,
        snapshot,
        exported_at: exported_at.to_string(),
    };
    match format {
        ExportFormat::Footnotes => Exported {
            markdown: footnotes::render(&input),
            csl_json: None,
        },
        ExportFormat::Pandoc => {
            let (markdown, csl_json) = pandoc::render(&input);
            Exported {
                markdown,
                csl_json: Some(csl_json),
            }
        }
    }
}
