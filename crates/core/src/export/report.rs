//! The provenance report for editors: every claim of a draft with its review state, its evidence
//! traced to the origins, and its findings, as Markdown.

use std::collections::HashMap;

use super::escape::md_escape;
use super::footnotes::describe_source;
use crate::checks::draft::{Finding, Severity};
use crate::provenance::Provenance;
use crate::reviews::Review;
use crate::vocab::Stance;

fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
    }
}

/// One claim's part of the report.
pub struct ReportClaim<'a> {
    pub claim_id: &'a str,
    pub provenance: Option<&'a Provenance>,
    pub review: &'a Review,
}

pub fn render(
    title: &str,
    exported_at: &str,
    claims: &[ReportClaim<'_>],
    findings: &[Finding],
) -> String {
    let mut by_claim: HashMap<&str, Vec<&Finding>> = HashMap::new();
    let mut general = Vec::new();
    for f in findings {
        match &f.claim {
            Some(c) => by_claim.entry(c.as_str()).or_default().push(f),
            None => general.push(f),
        }
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let approved = claims
        .iter()
        .filter(|c| c.review.state == crate::reviews::ReviewState::Approved)
        .count();
    let mut out = format!(
        "# Provenance report: {}\n\nExported {exported_at}. {} claims, {approved} approved; \
         {errors} error(s), {} warning(s).\n",
        md_escape(title),
        claims.len(),
        findings.len() - errors
    );
    for (i, c) in claims.iter().enumerate() {
        out.push_str(&format!("\n## {}. ", i + 1));
        let Some(p) = c.provenance else {
            out.push_str(&format!(
                "Unknown claim {}\n\nNot in the desk.\n",
                c.claim_id
            ));
            continue;
        };
        out.push_str(&format!("{}\n\n", md_escape(&p.claim.text)));
        out.push_str(&format!(
            "- Claim `{}`: **{}**{}, status {}\n",
            p.claim.id,
            p.claim.confidence,
            p.claim
                .as_of
                .map(|d| format!(" as of {d}"))
                .unwrap_or_default(),
            p.claim.status
        ));
        out.push_str(&format!(
            "- Evidence suggests: {} ({} independent origin{})\n",
            p.suggested_confidence
                .map_or("nothing (no evidence)".to_string(), |s| s.to_string()),
            p.independent_origins,
            if p.independent_origins == 1 { "" } else { "s" }
        ));
        if let Some(o) = &p.override_ {
            out.push_str(&format!(
                "- Override: kept at {} by {} on {}: “{}”\n",
                o.confidence,
                md_escape(&o.actor),
                o.at.format("%Y-%m-%d"),
                md_escape(&o.reason)
            ));
        }
        let r = c.review;
        out.push_str(&format!(
            "- Review: **{}**{}{}\n",
            r.state,
            match (&r.actor, r.at) {
                (Some(a), Some(at)) => format!(" by {} on {}", md_escape(a), at.format("%Y-%m-%d")),
                _ => String::new(),
            },
            r.comment
                .as_deref()
                .map(|c| format!(": “{}”", md_escape(c)))
                .unwrap_or_default()
        ));
        if p.evidence.is_empty() {
            out.push_str("- Sources: none recorded\n");
        }
        for e in &p.evidence {
            let stance = match e.evidence.stance {
                Stance::Supports => "supports",
                Stance::Contradicts => "contradicts",
            };
            out.push_str(&format!("- {stance}: {}\n", describe_source(&e.source)));
            for hop in &e.chain {
                out.push_str(&format!("    - citing {}\n", describe_source(hop)));
            }
            if let Some(q) = &e.evidence.quote {
                out.push_str(&format!("    - quote: “{}”", md_escape(q)));
                if let Some(t) = &e.evidence.translated_by {
                    out.push_str(&format!(" (translated by {})", md_escape(t)));
                }
                out.push('\n');
            }
        }
        for f in by_claim.get(c.claim_id).into_iter().flatten() {
            out.push_str(&format!(
                "- **{}** `{}` (line {}): {}\n",
                severity_label(f.severity),
                f.kind.as_str(),
                f.line,
                md_escape(&f.message)
            ));
        }
    }
    if !general.is_empty() {
        out.push_str("\n## Other findings\n\n");
        for f in general {
            out.push_str(&format!(
                "- {} `{}` (line {}): {}\n",
                severity_label(f.severity),
                f.kind.as_str(),
                f.line,
                md_escape(&f.message)
            ));
        }
    }
    out
}
