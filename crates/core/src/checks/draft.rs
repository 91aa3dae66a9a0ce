//! The draft checks: every finding an editor needs before publication, located by line and
//! column, with a suggested fix where one applies. One pass over the draft against the records
//! its claims name (see `snapshot.rs`), fast enough to run as the writer types.

use std::collections::HashSet;
use std::ops::Range;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{names, sentences, unmarked, wording};
use crate::confidence::Confidence;
use crate::db::Db;
use crate::desk::Desk;
use crate::error::Result;
use crate::export::sanitize::{self, HazardKind};
use crate::provenance;
use crate::snapshot::Snapshot;
use crate::spans::{self, ClaimSpan, LineIndex, MalformedSpan, Parsed};
use crate::vocab::{ClaimStatus, Stance};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum FindingKind {
    UnknownClaim,
    MalformedSpan,
    RetractedClaim,
    DisputedClaim,
    UnsourcedClaim,
    SupersededClaim,
    ConfidenceExceedsEvidence,
    ContradictedClaim,
    WordingMismatch,
    UnmarkedFact,
    NameVariant,
    StaleClaim,
    RawHtml,
    UnsafeLink,
    RawAttribute,
    /// An evidence quote its source's kept text does not hold (`checks/quotes.rs`).
    QuoteNotInSource,
    /// An evidence quote that vanished when its article was pasted again (`kept_text.rs`).
    SourceChanged,
    WhatWeKnowStale,
}

impl FindingKind {
    pub fn severity(self) -> Severity {
        use FindingKind::*;
        match self {
            UnknownClaim
            | MalformedSpan
            | RetractedClaim
            | UnsourcedClaim
            | SupersededClaim
            | ConfidenceExceedsEvidence
            | ContradictedClaim
            | QuoteNotInSource
            | SourceChanged => Severity::Error,
            DisputedClaim | WordingMismatch | UnmarkedFact | NameVariant | StaleClaim | RawHtml
            | UnsafeLink | RawAttribute | WhatWeKnowStale => Severity::Warning,
        }
    }

    pub fn as_str(self) -> &'static str {
        use FindingKind::*;
        match self {
            UnknownClaim => "unknown-claim",
            MalformedSpan => "malformed-span",
            RetractedClaim => "retracted-claim",
            DisputedClaim => "disputed-claim",
            UnsourcedClaim => "unsourced-claim",
            SupersededClaim => "superseded-claim",
            ConfidenceExceedsEvidence => "confidence-exceeds-evidence",
            ContradictedClaim => "contradicted-claim",
            WordingMismatch => "wording-mismatch",
            UnmarkedFact => "unmarked-fact",
            NameVariant => "name-variant",
            StaleClaim => "stale-claim",
            RawHtml => "raw-html",
            UnsafeLink => "unsafe-link",
            RawAttribute => "raw-attribute",
            QuoteNotInSource => "quote-not-in-source",
            SourceChanged => "source-changed",
            WhatWeKnowStale => "what-we-know-stale",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum Severity {
    Error,
    Warning,
}

/// A change to the draft's text that resolves a finding.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Edit {
    /// Byte offsets into the draft body.
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Finding {
    pub kind: FindingKind,
    pub severity: Severity,
    /// 1-based line and character column in the draft.
    pub line: u32,
    pub column: u32,
    /// Byte range of the text the finding is about.
    pub start: usize,
    pub end: usize,
    pub message: String,
    /// The claim the finding is about, where there is one.
    pub claim: Option<String>,
    /// What the writer can do about it.
    pub suggestion: Option<String>,
    /// An edit that applies the suggestion, where it is mechanical.
    pub fix: Option<Edit>,
}

/// What the checks need besides the draft's text.
pub struct CheckContext<'a> {
    /// The claims the draft names, read for it (overrides included).
    pub snapshot: &'a Snapshot,
    pub today: NaiveDate,
    pub freshness_days: u32,
}

struct Out<'a> {
    lines: LineIndex<'a>,
    findings: Vec<Finding>,
}

impl Out<'_> {
    fn push(
        &mut self,
        kind: FindingKind,
        range: Range<usize>,
        message: String,
        claim: Option<&str>,
        suggestion: Option<String>,
        fix: Option<Edit>,
    ) {
        let (line, column) = self.lines.position(range.start);
        self.findings.push(Finding {
            kind,
            severity: kind.severity(),
            line,
            column,
            start: range.start,
            end: range.end,
            message,
            claim: claim.map(str::to_string),
            suggestion,
            fix,
        });
    }
}

fn short(text: &str) -> String {
    let mut s: String = text.chars().take(60).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}

/// Checks that concern one claim, wherever it is used; reported at its first span.
fn claim_findings(ctx: &CheckContext<'_>, span: &ClaimSpan, out: &mut Out<'_>) {
    let range = span.start..span.end;
    let Some(claim) = ctx.snapshot.claims.get(&span.claim_id) else {
        if let Some(candidates) = ctx.snapshot.prefixes.get(&span.claim_id) {
            let written = &out.lines_text()[span.start..span.end];
            let (message, fix) = match candidates.as_slice() {
                [one] => (
                    format!(
                        "“{}” is a prefix of claim {one}: a span names its claim by the full id",
                        span.claim_id
                    ),
                    Some(Edit {
                        start: span.start,
                        end: span.end,
                        text: written.replacen(
                            &format!("claim={}", span.claim_id),
                            &format!("claim={one}"),
                            1,
                        ),
                    }),
                ),
                many => (
                    format!(
                        "“{}” is the start of {} claims' ids ({}): it names none of them",
                        span.claim_id,
                        many.len(),
                        many.join(", ")
                    ),
                    None,
                ),
            };
            out.push(
                FindingKind::MalformedSpan,
                range,
                message,
                None,
                Some("write the claim's full id".into()),
                fix,
            );
            return;
        }
        out.push(
            FindingKind::UnknownClaim,
            range,
            format!("claim {} is not in the desk", span.claim_id),
            Some(&span.claim_id),
            Some("attach an existing claim to this text, or create one".into()),
            None,
        );
        return;
    };
    let id = Some(claim.id.as_str());
    let supporting = ctx
        .snapshot
        .with_stance(&claim.id, Stance::Supports)
        .count();
    if supporting == 0 && claim.confidence != Confidence::Speculation {
        out.push(
            FindingKind::UnsourcedClaim,
            range.clone(),
            format!("“{}” has no supporting evidence", short(&claim.text)),
            id,
            Some("link a source that supports it, or mark it as speculation".into()),
            None,
        );
    }
    match claim.status {
        ClaimStatus::Retracted => out.push(
            FindingKind::RetractedClaim,
            range.clone(),
            format!(
                "“{}” is retracted: the desk no longer holds it true",
                short(&claim.text)
            ),
            id,
            Some("take the sentence out, or say in the text that it was retracted".into()),
            None,
        ),
        ClaimStatus::Disputed => out.push(
            FindingKind::DisputedClaim,
            range.clone(),
            format!(
                "“{}” is disputed: the export marks it so",
                short(&claim.text)
            ),
            id,
            Some("say in the text who disputes it".into()),
            None,
        ),
        ClaimStatus::Active | ClaimStatus::Superseded => {}
    }
    let (suggested, origins) = provenance::suggest(ctx.snapshot, &claim.id);
    if provenance::exceeds(claim, suggested, ctx.snapshot.overrides.get(&claim.id))
        && let Some(suggested) = suggested
    {
        out.push(
            FindingKind::ConfidenceExceedsEvidence,
            range.clone(),
            format!(
                "set {} but the evidence ({origins} independent origin{}) suggests {}",
                claim.confidence,
                if origins == 1 { "" } else { "s" },
                suggested
            ),
            id,
            Some(format!(
                "lower it to {suggested}, add independent sources, or record a reviewer's reason"
            )),
            None,
        );
    }
    let contradicting = ctx
        .snapshot
        .with_stance(&claim.id, Stance::Contradicts)
        .map(|(_, s)| s.label().to_string())
        .collect::<Vec<_>>();
    if !contradicting.is_empty()
        && !matches!(claim.status, ClaimStatus::Disputed | ClaimStatus::Retracted)
    {
        out.push(
            FindingKind::ContradictedClaim,
            range.clone(),
            format!(
                "“{}” is contradicted by {} but not marked disputed",
                short(&claim.text),
                contradicting.join(", ")
            ),
            id,
            Some("mark the claim disputed and say so in the text, or drop it".into()),
            None,
        );
    }
    // A settled fact (a premiere date, an award result) stays true: it cannot go stale.
    if let Some(as_of) = claim.as_of.filter(|_| !claim.settled) {
        let age = (ctx.today - as_of.latest()).num_days();
        if age > i64::from(ctx.freshness_days) {
            out.push(
                FindingKind::StaleClaim,
                range,
                format!(
                    "“{}” is as of {as_of}, {age} days ago (the desk's window is {} days)",
                    short(&claim.text),
                    ctx.freshness_days
                ),
                id,
                Some("check it is still true and update its as-of date".into()),
                None,
            );
        }
    }
}

/// A superseded claim cited as if current. Cited as history (`.history`) it is what the writer
/// means. The fix never puts the newer id under the old words (which might then say the
/// opposite of their claim): it replaces the words and the id together with the newer claim's
/// own text, and the suggestion offers marking the span as history instead.
fn superseded_finding(ctx: &CheckContext<'_>, span: &ClaimSpan, out: &mut Out<'_>) {
    let Some(claim) = ctx.snapshot.claims.get(&span.claim_id) else {
        return;
    };
    if claim.status != ClaimStatus::Superseded || span.history {
        return;
    }
    let newer = claim
        .superseded_by
        .as_deref()
        .and_then(|n| ctx.snapshot.claims.get(n));
    let history = format!("[{}]{{claim={} .history}}", span.text, claim.id);
    let (message, suggestion, fix) = match newer {
        Some(n) => (
            format!(
                "“{}” is superseded by {} (“{}”)",
                short(&claim.text),
                n.id,
                short(&n.text)
            ),
            format!(
                "replace the words with the newer claim's own (“{}”), or, to speak of how it \
                 stood then, mark the span as history: {history}",
                short(&n.text)
            ),
            Some(Edit {
                start: span.start,
                end: span.end,
                text: format!("[{}]{{claim={}}}", span_text(&n.text), n.id),
            }),
        ),
        None => (
            format!("“{}” is superseded", short(&claim.text)),
            format!("cite the newer claim, or mark the span as history: {history}"),
            None,
        ),
    };
    out.push(
        FindingKind::SupersededClaim,
        span.start..span.end,
        message,
        Some(&claim.id),
        Some(suggestion),
        fix,
    );
}

/// A claim's text as a span's words: brackets and backslashes escaped so the span stays whole.
fn span_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

impl Out<'_> {
    fn lines_text(&self) -> &str {
        self.lines.text()
    }
}

/// Byte ranges asked "does any of you overlap this one?" once per sentence: sorted by start,
/// with the furthest end reached so far, so each question is one binary search instead of a
/// scan of every span.
struct Overlaps {
    starts: Vec<usize>,
    /// `furthest[i]`: the largest end among the first `i + 1` ranges by start.
    furthest: Vec<usize>,
}

impl Overlaps {
    fn new(ranges: impl Iterator<Item = Range<usize>>) -> Overlaps {
        let mut ranges: Vec<Range<usize>> = ranges.collect();
        ranges.sort_by_key(|r| r.start);
        let mut furthest = Vec::with_capacity(ranges.len());
        let mut end = 0;
        for r in &ranges {
            end = end.max(r.end);
            furthest.push(end);
        }
        Overlaps {
            starts: ranges.iter().map(|r| r.start).collect(),
            furthest,
        }
    }

    /// Whether some range `s` has `s.start < r.end && r.start < s.end`.
    fn any_overlap(&self, r: &Range<usize>) -> bool {
        let before_end = self.starts.partition_point(|&s| s < r.end);
        before_end > 0 && self.furthest[before_end - 1] > r.start
    }
}

/// Runs every check over `body`.
pub fn check(body: &str, ctx: &CheckContext<'_>) -> Vec<Finding> {
    check_parsed(body, &spans::parse_all(body), ctx)
}

/// Runs every check over `body`, already parsed into its claim spans and code ranges
/// (`parsed` is `spans::parse_all(body)`).
pub fn check_parsed(body: &str, parsed: &Parsed, ctx: &CheckContext<'_>) -> Vec<Finding> {
    check_parsed_names(body, parsed, &names::NameRuns::of(body), ctx)
}

/// [`check_parsed`] with the names of `body` already found (`NameRuns::of(body)`).
fn check_parsed_names(
    body: &str,
    parsed: &Parsed,
    body_names: &names::NameRuns<'_>,
    ctx: &CheckContext<'_>,
) -> Vec<Finding> {
    let spans: &[ClaimSpan] = &parsed.spans;
    let malformed: &[MalformedSpan] = &parsed.malformed;
    let code: &[Range<usize>] = &parsed.code;
    let mut out = Out {
        lines: LineIndex::new(body),
        findings: Vec::new(),
    };

    let all_sentences = sentences::sentences_with_spans(body, spans);
    // The "what we know" block's group names each entry's confidence: that is its attribution,
    // and its as-of dates and counts are the claims' own, so neither wording nor unmarked facts
    // are checked inside it.
    let generated = crate::what_we_know::find_block(body).map(|b| b.range);
    let in_generated = |r: &Range<usize>| {
        generated
            .as_ref()
            .is_some_and(|g| g.start <= r.start && r.end <= g.end)
    };
    let mut seen: HashSet<&str> = HashSet::new();
    // The claims in the order the draft first uses them: the name check reads their texts in
    // this order, so which spelling a finding names first is the same on every run.
    let mut used: Vec<&str> = Vec::new();
    for bad in malformed {
        let range = bad.start..bad.end;
        let fix = bad.fix.as_ref().map(|text| Edit {
            start: bad.start,
            end: bad.end,
            text: text.clone(),
        });
        let suggestion = match &bad.fix {
            Some(fixed) => format!("write it as {fixed}"),
            None => "name exactly one claim: [text]{claim=ID}".into(),
        };
        out.push(
            FindingKind::MalformedSpan,
            range,
            format!("this span names no claim: {}", bad.reason),
            None,
            Some(suggestion),
            fix,
        );
    }
    for span in spans {
        if seen.insert(span.claim_id.as_str()) {
            used.push(span.claim_id.as_str());
            claim_findings(ctx, span, &mut out);
        }
        superseded_finding(ctx, span, &mut out);
        // Wording is about each use of the claim: every sentence must be honest.
        if let Some(claim) = ctx.snapshot.claims.get(&span.claim_id)
            && !in_generated(&(span.start..span.end))
        {
            let sentence = sentences::sentence_in(&all_sentences, body.len(), span.start..span.end);
            if let Some(problem) = wording::wording_problem(&body[sentence], claim.confidence) {
                let message = match &problem {
                    wording::WordingProblem::Unattributed => format!(
                        "a {} claim is stated as plain fact, with no attribution or hedge",
                        claim.confidence
                    ),
                    wording::WordingProblem::Overstated { word } => format!(
                        "“{word}” sounds confirmed, but the claim is {}",
                        claim.confidence
                    ),
                };
                out.push(
                    FindingKind::WordingMismatch,
                    span.start..span.end,
                    message,
                    Some(&claim.id),
                    Some(wording::suggestion(&problem, claim.confidence)),
                    None,
                );
            }
        }
    }

    // Sentences outside every span and outside code that state a checkable fact.
    let span_ranges = Overlaps::new(spans.iter().map(|s| s.start..s.end));
    let code_ranges = Overlaps::new(code.iter().cloned());
    let marked = |r: &Range<usize>| span_ranges.any_overlap(r) || code_ranges.any_overlap(r);
    for sentence in all_sentences {
        if marked(&sentence) || in_generated(&sentence) {
            continue;
        }
        if let Some(signal) = unmarked::fact_signal(&body[sentence.clone()]) {
            let what = match signal {
                unmarked::FactSignal::Figure => "a figure",
                unmarked::FactSignal::Date => "a date",
                unmarked::FactSignal::Quotation => "a quotation",
                unmarked::FactSignal::AwardOrRanking => "an award or ranking",
            };
            out.push(
                FindingKind::UnmarkedFact,
                sentence.clone(),
                format!(
                    "“{}” states {what} but is not attached to a claim",
                    short(&body[sentence])
                ),
                None,
                Some("select the fact and attach a claim with its source (Ctrl+Shift+K)".into()),
                None,
            );
        }
    }

    // Two spellings of one name, in the draft or the claims it uses.
    let claim_texts: Vec<&str> = used
        .iter()
        .filter_map(|id| ctx.snapshot.claims.get(*id).map(|c| c.text.as_str()))
        .collect();
    let claim_names: Vec<names::NameRuns<'_>> =
        claim_texts.into_iter().map(names::NameRuns::of).collect();
    let mut texts = vec![body_names];
    texts.extend(claim_names.iter());
    for variant in names::name_variants_in(&texts) {
        let at = body
            .find(&variant.second)
            .or_else(|| body.find(&variant.first))
            .map(|i| i..i + variant.second.len().min(body.len() - i))
            .unwrap_or(0..0);
        out.push(
            FindingKind::NameVariant,
            at,
            format!(
                "“{}” and “{}” look like one name spelled two ways",
                variant.first, variant.second
            ),
            None,
            Some(format!(
                "use one spelling throughout, e.g. “{}”",
                variant.first
            )),
            None,
        );
    }

    // One rule with the exports: each hazard the sanitiser neutralises is reported as what the
    // export does with it.
    for hazard in sanitize::hazards(body) {
        let range = hazard.range.clone();
        let what = short(&hazard.what);
        let (kind, message, suggestion) = match hazard.kind {
            HazardKind::RawHtml => (
                FindingKind::RawHtml,
                format!("raw HTML “{what}” is exported as text, never as markup"),
                "remove the markup; use Markdown for formatting",
            ),
            HazardKind::UnsafeLink => {
                let scheme = sanitize::scheme(&hazard.what).unwrap_or_default();
                (
                    FindingKind::UnsafeLink,
                    format!(
                        "a link to a {scheme}: address (“{what}”) is exported as plain text: \
                         only http, https, mailto and relative links are kept"
                    ),
                    "link to an http or https address, or remove the link",
                )
            }
            HazardKind::RawAttribute => {
                let on_span = spans
                    .iter()
                    .any(|s| s.text_range.1 + 1 == range.start && s.end == range.end);
                let message = if on_span {
                    format!(
                        "attributes “{what}” on a claim span are dropped in exports: \
                         only the claim is kept"
                    )
                } else if hazard.what.contains("{=") {
                    format!(
                        "raw format “{what}” is not passed through in exports: \
                         its content is shown as text or as ordinary code"
                    )
                } else {
                    format!(
                        "attributes “{what}” are not applied in exports: they are shown as text or dropped"
                    )
                };
                (
                    FindingKind::RawAttribute,
                    message,
                    "remove the attributes; Factdesk writes the claim's own",
                )
            }
        };
        out.push(kind, range, message, None, Some(suggestion.into()), None);
    }

    out.findings
        .sort_by_key(|f| (f.start, f.severity, f.kind.as_str()));
    out.findings
}

/// The distinct claim ids of `spans`, in document order.
pub fn claim_ids(spans: &[ClaimSpan]) -> Vec<String> {
    let mut seen = HashSet::new();
    spans
        .iter()
        .filter(|s| seen.insert(s.claim_id.as_str()))
        .map(|s| s.claim_id.clone())
        .collect()
}

impl Desk {
    /// Checks a draft's saved text.
    pub fn check_draft(&self, id: &str) -> Result<Vec<Finding>> {
        let draft = self.draft(id)?;
        self.check_text(&draft.body)
    }

    /// Checks text that may not be saved yet (the editor, as the writer types).
    pub fn check_text(&self, body: &str) -> Result<Vec<Finding>> {
        let parsed = spans::parse_all(body);
        crate::snapshot::in_one_read(self, |db| {
            let snapshot = Snapshot::for_claims(db, &claim_ids(&parsed.spans))?;
            self.check_against(db, body, &parsed, &snapshot)
        })
    }

    /// The checks of a parsed body against the snapshot read for its claims.
    pub(crate) fn check_against(
        &self,
        db: &Db<'_>,
        body: &str,
        parsed: &Parsed,
        snapshot: &Snapshot,
    ) -> Result<Vec<Finding>> {
        let settings = crate::settings::settings_in(db)?;
        let body_names = names::NameRuns::of(body);
        let mut findings = check_parsed_names(
            body,
            parsed,
            &body_names,
            &CheckContext {
                snapshot,
                today: self.now().date_naive(),
                freshness_days: settings.freshness_days,
            },
        );
        self.desk_name_findings(db, body, &body_names, snapshot, &mut findings)?;
        self.quote_findings(db, body, parsed, snapshot, &mut findings)?;
        if let Some(stale) = self.what_we_know_finding(db, body, &parsed.spans, snapshot)? {
            let (line, column) = LineIndex::new(body).position(stale.marker.start);
            let kind = FindingKind::WhatWeKnowStale;
            let (suggestion, fix) = match stale.regenerated {
                Some(text) => (
                    "regenerate it (Insert “what we know” replaces it in place)",
                    Some(Edit {
                        start: stale.range.start,
                        end: stale.range.end,
                        text,
                    }),
                ),
                None => ("remove the block: no current claim is left to list", None),
            };
            findings.push(Finding {
                kind,
                severity: kind.severity(),
                line,
                column,
                start: stale.marker.start,
                end: stale.marker.end,
                message: "the “what we know” block is out of date: its claims changed since it \
                          was generated"
                    .into(),
                claim: None,
                suggestion: Some(suggestion.into()),
                fix,
            });
            findings.sort_by_key(|f| (f.start, f.severity, f.kind.as_str()));
        }
        Ok(findings)
    }

    /// `name-variant` across the desk: a name in the draft (or its claims) that another draft,
    /// claim, source or the people list spells differently (see `names::desk_variants`).
    fn desk_name_findings(
        &self,
        db: &Db<'_>,
        body: &str,
        body_names: &names::NameRuns<'_>,
        snapshot: &Snapshot,
        findings: &mut Vec<Finding>,
    ) -> Result<()> {
        let claim_names: Vec<names::NameRuns<'_>> = snapshot
            .claims
            .values()
            .map(|c| names::NameRuns::of(&c.text))
            .collect();
        let mut texts = vec![body_names];
        texts.extend(claim_names.iter());
        let lines = LineIndex::new(body);
        for v in names::desk_variants_in(db, &texts, None)? {
            let (where_, suggestion) = if v.record_kind == "person" {
                let p = crate::people::get_db(db, &v.record_id)?;
                let hangul = p.hangul.map(|h| format!(" ({h})")).unwrap_or_default();
                let listed = std::iter::once(p.name.clone())
                    .chain(p.aliases)
                    .map(|f| format!("“{f}”"))
                    .collect::<Vec<_>>()
                    .join(", ");
                (
                    format!("the people list has {}{hangul}", p.name),
                    format!(
                        "use a listed spelling ({listed}), or add “{}” as an alias",
                        v.here
                    ),
                )
            } else {
                (
                    format!("{} {} spells it “{}”", v.record_kind, v.record_id, v.there),
                    format!(
                        "use one spelling across the desk, or list the person with both \
                         (factdesk person add \"{}\" --alias \"{}\")",
                        v.there, v.here
                    ),
                )
            };
            let at = body.find(&v.here).map_or(0..0, |i| i..i + v.here.len());
            let (line, column) = lines.position(at.start);
            findings.push(Finding {
                kind: FindingKind::NameVariant,
                severity: FindingKind::NameVariant.severity(),
                line,
                column,
                start: at.start,
                end: at.end,
                message: format!(
                    "“{}” may be the name “{}” spelled another way: {where_}",
                    v.here, v.there
                ),
                claim: None,
                suggestion: Some(suggestion),
                fix: None,
            });
        }
        findings.sort_by_key(|f| (f.start, f.severity, f.kind.as_str()));
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlaps_answers_as_a_scan_of_every_range_would() {
        // Nested, touching, empty and out-of-order ranges, asked about every small range.
        let ranges = [5..9, 0..2, 6..7, 12..12, 3..20, 14..16];
        let overlaps = Overlaps::new(ranges.iter().cloned());
        for start in 0..24 {
            for end in start..24 {
                let r = start..end;
                let scan = ranges.iter().any(|s| s.start < r.end && r.start < s.end);
                assert_eq!(overlaps.any_overlap(&r), scan, "{r:?}");
            }
        }
        assert!(!Overlaps::new(std::iter::empty()).any_overlap(&(0..5)));
    }
}
