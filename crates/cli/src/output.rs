//! How results and errors are printed: JSON for scripts, short aligned lines for people.

use std::io::{ErrorKind, Write};

use factdesk_core::{Claim, ClaimDetail, CoreError, DraftSummary, Source, SourceDetail};
use serde::Serialize;

/// Writes results to stdout. When the reader has gone (`factdesk claim list | head -1`) the
/// program ends quietly, as other Unix tools end on SIGPIPE, instead of panicking as `println!`
/// does; every write to the desk is already committed by the time results are printed.
pub fn write_out(args: std::fmt::Arguments<'_>) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout.write_fmt(args) {
        if e.kind() == ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
        eprintln!("factdesk: could not write the output: {e}");
        std::process::exit(2);
    }
}

/// Prints `value` as pretty JSON on stdout.
pub fn json<T: Serialize>(value: &T) -> Result<(), CoreError> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|e| CoreError::Internal(format!("could not write JSON: {e}")))?;
    outln!("{text}");
    Ok(())
}

/// Reports a failure on stderr: with `--json`, the one error shape every edge uses
/// (`{code, message, field?, details?}`, as the app's `AppError`).
pub fn error(as_json: bool, e: &CoreError) {
    if as_json {
        let report = factdesk_core::error::ErrorReport::from(e);
        match serde_json::to_string(&report) {
            Ok(text) => eprintln!("{text}"),
            Err(_) => eprintln!("factdesk: {e}"),
        }
    } else {
        eprintln!("factdesk: {e}");
    }
}

/// `2025-05-20 09:30 UTC   1.2 MB   9 sources  10 claims  1 draft   <path>`
pub fn backup_line(b: &factdesk_core::backup::BackupInfo) {
    let count = |n: Option<i64>, one: &str| match n {
        Some(1) => format!("1 {one}"),
        Some(n) => format!("{n} {one}s"),
        None => "?".to_string(),
    };
    outln!(
        "{}  {:>9}  {:<11} {:<10} {:<9} {}",
        b.taken_at.format("%Y-%m-%d %H:%M:%S UTC"),
        size(b.bytes),
        count(b.sources, "source"),
        count(b.claims, "claim"),
        count(b.drafts, "draft"),
        b.path
    );
}

fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{:.1} GB", b as f64 / f64::from(1u32 << 30)),
        b if b >= 1 << 20 => format!("{:.1} MB", b as f64 / f64::from(1u32 << 20)),
        b if b >= 1 << 10 => format!("{:.0} kB", b as f64 / 1024.0),
        b => format!("{b} B"),
    }
}

/// `ID  kind  reliability  published  Outlet: Title  (via ID)`
pub fn source_line(s: &Source) {
    outln!(
        "{}  {:<13} {:<7}  {:<10}  {}{}{}",
        s.id,
        s.kind.as_str(),
        s.reliability.as_str(),
        s.published.map(|d| d.to_string()).unwrap_or_default(),
        s.outlet
            .as_deref()
            .map(|o| format!("{o}: "))
            .unwrap_or_default(),
        s.title,
        s.via
            .as_deref()
            .map(|v| format!("  (via {v})"))
            .unwrap_or_default()
    );
}

/// The cursor of the page after the one printed, when there is one.
pub fn next_page(next: Option<&str>) {
    if let Some(next) = next {
        outln!("next: {next}");
    }
}

/// A search hit: kind, id and title, then where it matched with the matched words in [brackets].
pub fn search_hit(h: &factdesk_core::SearchHit) {
    let title: String = h.title.chars().take(100).collect();
    outln!("{}  {:<6}  {}", h.id, h.kind.as_str(), one_line(&title));
    let snippet: String = h
        .snippet
        .iter()
        .map(|p| {
            if p.marked {
                format!("[{}]", p.text)
            } else {
                p.text.clone()
            }
        })
        .collect();
    outln!("    {}", one_line(&snippet));
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn claim_line(c: &Claim) {
    let status = if c.status == factdesk_core::ClaimStatus::Active {
        String::new()
    } else {
        format!(" [{}]", c.status)
    };
    let topics = if c.topics.is_empty() {
        String::new()
    } else {
        format!("  #{}", c.topics.join(" #"))
    };
    outln!(
        "{}  {:<12}  {:<10}  {}{status}{topics}",
        c.id,
        c.confidence.as_str(),
        c.as_of.map(|d| d.to_string()).unwrap_or_default(),
        c.text
    );
}

pub fn draft_line(d: &DraftSummary) {
    outln!(
        "{}  {}  {}",
        d.id,
        d.updated_at.format("%Y-%m-%d %H:%M"),
        d.title
    );
}

fn field(name: &str, value: Option<impl std::fmt::Display>) {
    if let Some(v) = value {
        outln!("{name:<12}{v}");
    }
}

pub fn source_detail(d: &SourceDetail) {
    let s = &d.source;
    outln!("{}", s.title);
    field("id", Some(&s.id));
    field("outlet", s.outlet.as_ref());
    field("author", s.author.as_ref());
    field("url", s.url.as_ref());
    field("published", s.published);
    field("accessed", s.accessed);
    field("language", s.language.as_ref());
    field("kind", Some(s.kind));
    field("reliability", Some(s.reliability));
    if !d.via_chain.is_empty() {
        let chain: Vec<String> = d
            .via_chain
            .iter()
            .map(|r| format!("{} ({})", r.outlet.as_deref().unwrap_or(&r.title), r.id))
            .collect();
        field("via", Some(chain.join(", citing ")));
    }
    field(
        "kept text",
        s.kept_text
            .as_ref()
            .map(|t| format!("{} characters", t.chars().count())),
    );
    field("notes", s.notes.as_ref());
    field(
        "cited by",
        (!d.cited_by.is_empty()).then(|| d.cited_by.join(", ")),
    );
}

pub fn claim_detail(d: &ClaimDetail) {
    let c = &d.claim;
    outln!("{}", c.text);
    field("id", Some(&c.id));
    field("confidence", Some(c.confidence));
    field("as of", c.as_of);
    field("status", Some(c.status));
    field(
        "superseded",
        c.superseded_by.as_ref().map(|n| format!("by {n}")),
    );
    field(
        "topics",
        (!c.topics.is_empty()).then(|| c.topics.join(", ")),
    );
    if d.evidence.is_empty() {
        outln!("evidence    none");
    }
    for e in &d.evidence {
        let ev = &e.evidence;
        outln!(
            "- {} {} ({}){}",
            ev.stance,
            e.source.label(),
            e.source.id,
            e.via_chain
                .iter()
                .map(|s| format!(", citing {}", s.label()))
                .collect::<String>()
        );
        if let Some(q) = &ev.quote {
            outln!("    \"{q}\"");
        }
        if let Some(t) = &ev.translated_by {
            outln!("    translated by {t}");
        }
        if let Some(l) = &ev.locator {
            outln!("    at {l}");
        }
    }
}

pub fn provenance(p: &factdesk_core::provenance::Provenance) {
    outln!("{}", p.claim.text);
    field("confidence", Some(p.claim.confidence));
    field(
        "suggested",
        Some(
            p.suggested_confidence
                .map_or("none (no evidence)".to_string(), |c| c.to_string()),
        ),
    );
    field("because", Some(&p.suggestion_reason));
    field("origins", Some(p.independent_origins));
    if let Some(o) = &p.override_ {
        field(
            "override",
            Some(format!("{} by {}: {}", o.confidence, o.actor, o.reason)),
        );
    }
    if p.exceeds_evidence {
        outln!("!           the confidence exceeds what the evidence suggests");
    }
    for e in &p.evidence {
        outln!(
            "- {} {} ({}, {} {}){}",
            e.evidence.stance,
            e.source.label(),
            e.source.id,
            e.source.kind,
            e.source.reliability,
            if e.evidence.first_party {
                ", first-party"
            } else {
                ""
            }
        );
        for (depth, hop) in e.chain.iter().enumerate() {
            outln!(
                "  {}citing {} ({})",
                "  ".repeat(depth),
                hop.label(),
                hop.id
            );
        }
        if let Some(q) = &e.evidence.quote {
            outln!("    \"{q}\"");
        }
    }
}

pub fn finding(f: &factdesk_core::checks::draft::Finding) {
    outln!(
        "{}:{}: {} {}: {}",
        f.line,
        f.column,
        match f.severity {
            factdesk_core::checks::draft::Severity::Error => "error",
            factdesk_core::checks::draft::Severity::Warning => "warning",
        },
        f.kind.as_str(),
        f.message
    );
    if let Some(s) = &f.suggestion {
        outln!("    fix: {s}");
    }
}

/// One claim's review, with the claim's text so an editor reads what is being signed off.
pub fn review(r: &factdesk_core::reviews::Review, claim_text: &str) {
    outln!(
        "{}  {:<17}{}{}\n    {claim_text}",
        r.claim_id,
        r.state.as_str(),
        r.actor
            .as_deref()
            .map(|a| format!(" by {a}"))
            .unwrap_or_default(),
        r.comment
            .as_deref()
            .map(|c| format!(": {c}"))
            .unwrap_or_default()
    );
}

/// A name from the history as one safe terminal line. Desks from before names were checked may
/// hold escape sequences, newlines or whole pages in `actor`: shown escaped and cut short, so a
/// history listing can neither drive the terminal nor forge rows of its own.
fn printable_name(name: &str) -> String {
    const MAX: usize = factdesk_core::validate::MAX_ACTOR;
    let mut out: String = name
        .chars()
        .take(MAX)
        .flat_map(|c| {
            let escaped = c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
            if escaped {
                c.escape_unicode().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect();
    if name.chars().count() > MAX {
        out.push('…');
    }
    out
}

/// `confirmed: the reason` from an override's JSON, `approved: the comment` from a review's.
fn record_summary(json: &str) -> String {
    let v: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
    let level = v
        .get("confidence")
        .or_else(|| v.get("state"))
        .and_then(|l| l.as_str())
        .unwrap_or_default();
    match v
        .get("reason")
        .or_else(|| v.get("comment"))
        .and_then(|r| r.as_str())
    {
        Some(why) => format!("{level}: {why}"),
        None => level.to_string(),
    }
}

pub fn history(h: &factdesk_core::HistoryEntry) {
    let change = match (&h.before, &h.after) {
        // An override or a review is read for its reason or comment, not as "created".
        (_, Some(a)) if matches!(h.record_kind.as_str(), "override" | "review") => {
            record_summary(a)
        }
        (Some(b), Some(a)) => format!("{b} -> {a}"),
        (None, Some(_)) => "created".to_string(),
        (Some(_), None) => "deleted".to_string(),
        (None, None) => String::new(),
    };
    outln!(
        "{}  {:<10} {:<8} {} {}  {}",
        h.at,
        printable_name(&h.actor),
        h.record_kind,
        h.action,
        h.field.as_deref().unwrap_or(""),
        change
    );
}

pub fn settings(s: &factdesk_core::settings::Settings) {
    outln!("freshness_days  {}", s.freshness_days);
    match &s.profile {
        Some(p) => outln!("profile         {} ({})", p.name, p.role.as_str()),
        None => outln!("profile         (none)"),
    }
}

pub fn candidate(c: &factdesk_core::intake::record::IntakeCandidate) {
    let level = c.suggested_confidence.map_or("-", |l| l.as_str());
    outln!(
        "{}  {:<8}  {:<12}  {}",
        c.id,
        c.state.as_str(),
        level,
        one_line(&c.text)
    );
    let chain: Vec<&str> = c.attribution.iter().map(|l| l.name.as_str()).collect();
    outln!("    per {}", chain.join(", citing "));
    for d in &c.duplicates {
        outln!("    may repeat {}  {}", d.claim_id, one_line(&d.text));
    }
}

/// What `source recheck` found.
pub fn recheck(r: &factdesk_core::kept_text::Recheck) {
    if !r.has_kept_text {
        outln!("source {} keeps no text: no quote was checked", r.source_id);
        return;
    }
    for a in &r.absent {
        outln!(
            "{}  claim {}  source {}{}\n    not in the kept text: “{}”",
            a.evidence_id,
            a.claim_id,
            a.source_id,
            if a.source_changed {
                "  (source-changed)"
            } else {
                ""
            },
            one_line(&a.looked_for)
        );
    }
    outln!(
        "{} of {} quote{} not in the kept text",
        r.absent.len(),
        r.checked,
        if r.checked == 1 { "" } else { "s" }
    );
}

/// An intake that found the article recorded with other text.
pub fn text_change(c: &factdesk_core::kept_text::TextChange) {
    let short = |h: &str| h.chars().take(12).collect::<String>();
    outln!(
        "kept text changed: {} -> {}",
        c.old_sha256.as_deref().map_or("none".into(), short),
        short(&c.new_sha256)
    );
    for id in &c.flagged {
        outln!("source-changed: evidence {id} quotes words no longer in the text");
    }
}

/// What an import did, one line an entry, then the counts.
pub fn import_report(r: &factdesk_core::citations::ImportReport) {
    if r.dry_run {
        outln!("dry run: nothing written");
    }
    for c in &r.created {
        outln!("created  {:>5}  {}  {}", c.index, c.id, one_line(&c.title));
    }
    for m in &r.merged {
        outln!(
            "merged   {:>5}  {}  {} (filled {})",
            m.index,
            m.id,
            one_line(&m.title),
            m.filled.join(", ")
        );
    }
    for s in &r.skipped {
        outln!("skipped  {:>5}  {}", s.index, s.reason);
    }
    outln!(
        "{}: {} created, {} merged, {} skipped",
        r.file,
        r.created.len(),
        r.merged.len(),
        r.skipped.len()
    );
}
