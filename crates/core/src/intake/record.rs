//! Intake, phase 2: recording an article as a source with its kept text, keeping its candidates
//! pending, and accepting or rejecting them.
//!
//! Invariants:
//! - Intake creates no claim. A candidate becomes a claim (or evidence for an existing claim)
//!   only when accepted, and an accept writes the claim, its relay sources and its evidence in
//!   one transaction.
//! - Candidates point into the source's kept text: `kept_text[start..end] == sentence`. An
//!   article pasted again with changed text (`kept_text.rs`) drops its pending candidates for
//!   the new text's; decided ones keep pointing into the text they were decided on.
//! - A candidate is decided once: `pending` becomes `accepted` or `rejected`, never back.
//! - A dry run goes through the same writes and rolls them back, so it shows exactly what a
//!   real intake would record.
//!
//! Relay sources: a chain "per Star Daily, citing an insider" becomes sources for "an insider"
//! (the origin) and "Star Daily" (via the insider), each matched to an existing source by name
//! (outlet or title) and `via`, else created. The article cannot relay every chain its sentences
//! cite through its own `via`, so a relayed candidate's evidence goes to a copy of the article's
//! record that relays its nearest link (matched the same way, so candidates citing one outlet
//! share it); a candidate the article asserts itself cites the article.

use std::collections::HashMap;

use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::claims::{self, Claim, ClaimInput};
use crate::confidence::Confidence;
use crate::dates::{PartialDate, timestamp};
use crate::db::{Db, Optional as _};
use crate::desk::{Desk, Write};
use crate::error::{CoreError, Result};
use crate::evidence::{self, Evidence, EvidenceInput};
use crate::ids::{RecordKind, new_id, resolve_in};
use crate::intake::confidence::{link_source, suggested};
use crate::intake::people::{self, PersonMention};
use crate::intake::{Article, AttributionLink, Candidate, Certainty, LinkKind, Marker, analyse};
use crate::kept_text::{self, TextChange};
use crate::progress::{self, Progress, Silent};
use crate::search::{SearchHit, SearchKind};
use crate::sources::{self, Source, SourceInput};
use crate::vocab::{Reliability, SourceKind, vocabulary};

vocabulary! {
    /// Where a candidate stands in review.
    pub enum CandidateState {
        Pending => "pending",
        Accepted => "accepted",
        Rejected => "rejected",
    }
}

/// An existing claim a candidate may repeat: accepting with `evidence_to` adds this article as
/// evidence to it instead of creating a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Duplicate {
    pub claim_id: String,
    pub text: String,
    pub confidence: Confidence,
}

/// A candidate claim as the desk keeps it for review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct IntakeCandidate {
    pub id: String,
    /// The source the article was recorded as.
    pub source_id: String,
    pub state: CandidateState,
    /// The sentence exactly as in the source's kept text.
    pub sentence: String,
    /// Byte range of the sentence in the source's kept text.
    pub start: usize,
    pub end: usize,
    /// The proposed claim text.
    pub text: String,
    /// Nearest relay first, origin last; `[article]` when the article asserts it itself.
    pub attribution: Vec<AttributionLink>,
    /// Hedges, boosters, speculation and denials found in the sentence.
    pub hedges: Vec<Marker>,
    pub certainty: Certainty,
    pub as_of: Option<PartialDate>,
    /// See `intake/confidence.rs`; `null` only when nothing supports it.
    pub suggested_confidence: Option<Confidence>,
    pub quote: String,
    pub original_quote: Option<String>,
    pub duplicates: Vec<Duplicate>,
    /// The desk's people the sentence names (its text uses their desk spelling).
    pub people: Vec<PersonMention>,
    /// The claim the candidate became or was added to as evidence, once accepted.
    pub claim_id: Option<String>,
}

/// What an intake recorded (or, in a dry run, would record).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Intake {
    pub source: Source,
    pub candidates: Vec<IntakeCandidate>,
    /// True when nothing was kept.
    pub dry_run: bool,
    /// Set when the article was recorded before with other text (see `kept_text.rs`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub change: Option<TextChange>,
}

/// How the writer accepts a candidate; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Acceptance {
    /// The claim's confidence; the suggestion when absent.
    pub confidence: Option<Confidence>,
    /// The claim's text; the candidate's when absent.
    pub text: Option<String>,
    /// Id (or prefix) of an existing claim to add this article to as evidence, instead of
    /// creating a claim.
    pub evidence_to: Option<String>,
}

/// What an accept wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Accepted {
    pub candidate: IntakeCandidate,
    pub claim: Claim,
    pub evidence: Evidence,
    /// The relay sources created for it (matched ones are not listed).
    pub created_sources: Vec<Source>,
}

/// The fields kept as JSON beside the state columns.
#[derive(Serialize, Deserialize)]
struct Body {
    sentence: String,
    start: usize,
    end: usize,
    text: String,
    attribution: Vec<AttributionLink>,
    hedges: Vec<Marker>,
    certainty: Certainty,
    as_of: Option<PartialDate>,
    suggested_confidence: Option<Confidence>,
    quote: String,
    original_quote: Option<String>,
    duplicates: Vec<Duplicate>,
    /// Absent from candidates kept before people were matched.
    #[serde(default)]
    people: Vec<PersonMention>,
}

/// Most duplicates offered per candidate.
const MAX_DUPLICATES: usize = 3;
/// The reliability an intake records its article at unless told: an outlet the writer chose to
/// read. The writer can edit it; accepted claims' provenance follows the edit.
pub const ARTICLE_RELIABILITY: Reliability = Reliability::Medium;

fn json_err(e: serde_json::Error) -> CoreError {
    CoreError::Internal(format!("could not encode an intake candidate: {e}"))
}

const COLUMNS: &str = "id, source_id, state, body, claim_id";

fn from_row(
    r: &crate::db::Row<'_>,
) -> rusqlite::Result<(String, String, CandidateState, String, Option<String>)> {
    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
}

fn assemble(
    (id, source_id, state, body, claim_id): (
        String,
        String,
        CandidateState,
        String,
        Option<String>,
    ),
) -> Result<IntakeCandidate> {
    let b: Body = serde_json::from_str(&body)
        .map_err(|e| CoreError::Internal(format!("intake candidate {id} is unreadable: {e}")))?;
    Ok(IntakeCandidate {
        id,
        source_id,
        state,
        sentence: b.sentence,
        start: b.start,
        end: b.end,
        text: b.text,
        attribution: b.attribution,
        hedges: b.hedges,
        certainty: b.certainty,
        as_of: b.as_of,
        suggested_confidence: b.suggested_confidence,
        quote: b.quote,
        original_quote: b.original_quote,
        duplicates: b.duplicates,
        people: b.people,
        claim_id,
    })
}

fn get_in(db: &Db<'_>, id: &str) -> Result<IntakeCandidate> {
    let row = db
        .query_row(
            &format!("SELECT {COLUMNS} FROM intake_candidates WHERE id = ?1"),
            params![id],
            from_row,
        )
        .map_err(CoreError::missing("candidate", id))?;
    assemble(row)
}

/// The one candidate whose id starts with `prefix`.
fn resolve_candidate(db: &Db<'_>, prefix: &str) -> Result<String> {
    let wanted = prefix.trim().to_ascii_uppercase();
    let not_found = || CoreError::NotFound {
        kind: "candidate",
        field: "candidate".into(),
        id: prefix.trim().to_string(),
    };
    if wanted.is_empty() || !wanted.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Err(not_found());
    }
    let ids: Vec<String> = db.query_all(
        &format!(
            "SELECT id FROM intake_candidates WHERE {} ORDER BY {} LIMIT 4",
            db.byte_range("id", 1, 2),
            db.byte_order("id")
        ),
        params![wanted, format!("{wanted}~")],
        |r| r.get(0),
    )?;
    match ids.as_slice() {
        [] => Err(not_found()),
        [one] => Ok(one.clone()),
        many => Err(CoreError::AmbiguousId {
            kind: "candidate",
            field: "candidate".into(),
            prefix: prefix.trim().to_string(),
            candidates: many.join(", "),
        }),
    }
}

/// Words worth searching for: names, numbers and titles, longest first. The search holds every
/// word, so a few distinctive ones find a claim worded differently.
fn search_terms(text: &str) -> Vec<String> {
    let mut words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.'))
        .map(|w| w.trim_matches(['.', '-']))
        .enumerate()
        .filter(|(i, w)| {
            w.chars().count() >= 3
                && (w.chars().any(|c| c.is_ascii_digit())
                    || (*i > 0 && w.chars().next().is_some_and(char::is_uppercase))
                    || !w.is_ascii())
        })
        .map(|(_, w)| w.to_string())
        .collect();
    words.sort_by_key(|w| std::cmp::Reverse(w.chars().count()));
    words.dedup();
    words.truncate(3);
    words
}

fn content_words(s: &str) -> std::collections::HashSet<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3)
        .map(str::to_lowercase)
        .collect()
}

/// The stages of an intake, as the progress bar shows them.
const FINDING: &str = "Finding duplicates";
const RECORDING: &str = "Recording candidates";

impl Desk {
    /// The existing claims `text` may repeat, best first. `searched` keeps the hits of each
    /// search already run in this intake (candidates of one article repeat names and numbers).
    fn duplicates_of(
        &self,
        text: &str,
        searched: &mut HashMap<String, Vec<SearchHit>>,
    ) -> Result<Vec<Duplicate>> {
        let terms = search_terms(text);
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        let mine = content_words(text);
        let mut out = Vec::new();
        let query = terms.join(" ");
        let hits = match searched.get(&query) {
            Some(hits) => hits,
            None => {
                let hits = self.search_with(
                    &query,
                    Some(SearchKind::Claim),
                    10,
                    crate::search::Snippets::Left,
                )?;
                searched.entry(query).or_insert(hits)
            }
        };
        for hit in hits {
            let theirs = content_words(&hit.title);
            let shared = mine.intersection(&theirs).count();
            // Half the smaller claim's words in common: the same fact, worded apart.
            if shared * 2 >= mine.len().min(theirs.len()).max(1) {
                let claim = self.read(|db| claims::get_db(db, &hit.id))?;
                out.push(Duplicate {
                    claim_id: claim.id,
                    text: claim.text,
                    confidence: claim.confidence,
                });
            }
            if out.len() == MAX_DUPLICATES {
                break;
            }
        }
        Ok(out)
    }

    /// Records `article` as a source (kind `outlet`, reliability [`ARTICLE_RELIABILITY`]) with
    /// its text kept, and its candidates pending. `dry_run` rolls every write back.
    pub fn intake(&mut self, article: &Article, dry_run: bool) -> Result<Intake> {
        self.intake_with(article, dry_run, &Silent)
    }

    /// [`Desk::intake`], reporting to `progress` and stopping, with nothing recorded, when it is
    /// cancelled.
    pub fn intake_with(
        &mut self,
        article: &Article,
        dry_run: bool,
        progress: &dyn Progress,
    ) -> Result<Intake> {
        // The source keeps the text trimmed; candidates point into what is kept.
        let kept = Article {
            text: article.text.trim().to_string(),
            ..article.clone()
        };
        if kept.text.is_empty() {
            return Err(CoreError::invalid("text", "the article's text is empty"));
        }
        // The same article again: the same text records nothing; changed text replaces the
        // kept text and flags the evidence whose quotes vanished.
        let previous = self.read(|db| {
            kept_text::recorded_as(db, kept.url.as_deref(), &kept.outlet, &kept.title)
        })?;
        if let Some(p) = &previous
            && p.kept_text_sha256.as_deref() == Some(kept_text::sha256_hex(&kept.text).as_str())
        {
            return Ok(Intake {
                candidates: self.candidates(Some(&p.id))?,
                source: p.clone(),
                dry_run,
                change: None,
            });
        }
        let analysis = analyse(&kept);
        let found = analysis.candidates.len();
        let mut bodies = Vec::with_capacity(found);
        let mut seen = crate::checks::names::PeopleSeen::default();
        let mut searched = HashMap::new();
        for (done, mut c) in analysis.candidates.into_iter().enumerate() {
            progress::step(progress, done, found, FINDING)?;
            let texts = [
                c.sentence.as_str(),
                c.original_quote.as_deref().unwrap_or(""),
            ];
            let people = self.read(|db| people::mentions_seen(db, &texts, &mut seen))?;
            c.text = people::in_desk_spelling(&c.text, &people);
            let duplicates = self.duplicates_of(&c.text, &mut searched)?;
            bodies.push(body(c, ARTICLE_RELIABILITY, duplicates, people));
        }
        progress::step(progress, found, found, FINDING)?;
        let input = SourceInput {
            title: kept.title.clone(),
            outlet: Some(kept.outlet.clone()),
            url: kept.url.clone(),
            published: kept.published.map(|d| d.to_string()),
            language: kept.language.clone(),
            kind: Some(SourceKind::Outlet),
            reliability: Some(ARTICLE_RELIABILITY),
            kept_text: Some(kept.text.clone()),
            ..SourceInput::default()
        };
        let record = |w: &Write<'_>| -> Result<Intake> {
            let (source, change) = match &previous {
                Some(p) => {
                    let (source, change) = kept_text::replace_text(w, p, &kept.text)?;
                    (source, Some(change))
                }
                None => (sources::add(w, &input)?, None),
            };
            let first_seq: i64 = w.db.query_row(
                "SELECT coalesce(max(seq) + 1, 0) FROM intake_candidates WHERE source_id = ?1",
                params![source.id],
                |r| r.get(0),
            )?;
            let mut candidates = Vec::with_capacity(bodies.len());
            let mut stmt = w.db.prepare_cached(
                "INSERT INTO intake_candidates (id, source_id, seq, state, body, created_at)
                 VALUES (?1, ?2, ?3, 'pending', ?4, ?5)",
            )?;
            for (seq, b) in bodies.iter().enumerate() {
                progress::step(progress, seq, bodies.len(), RECORDING)?;
                let id = new_id(w.now);
                let json = serde_json::to_string(b).map_err(json_err)?;
                let seq = first_seq + seq as i64;
                stmt.execute(params![id, source.id, seq, json, timestamp(w.now)])?;
                candidates.push(assemble((
                    id,
                    source.id.clone(),
                    CandidateState::Pending,
                    json,
                    None,
                ))?);
            }
            progress::step(progress, bodies.len(), bodies.len(), RECORDING)?;
            Ok(Intake {
                source,
                candidates,
                dry_run,
                change,
            })
        };
        if dry_run {
            self.dry_run(record)
        } else {
            self.write(record)
        }
    }

    /// The candidates of one source (in text order), or the pending ones of every source.
    pub fn candidates(&self, source: Option<&str>) -> Result<Vec<IntakeCandidate>> {
        let rows: Vec<_> = self.read(|db| match source {
            Some(s) => {
                let id = resolve_in(db, RecordKind::Source, "source", s)?;
                db.query_all(
                    &format!(
                        "SELECT {COLUMNS} FROM intake_candidates WHERE source_id = ?1 ORDER BY seq"
                    ),
                    params![id],
                    from_row,
                )
            }
            None => db.query_all(
                &format!(
                    "SELECT {COLUMNS} FROM intake_candidates WHERE state = 'pending'
                     ORDER BY {}, seq LIMIT 1000",
                    db.byte_order("source_id")
                ),
                &[],
                from_row,
            ),
        })?;
        rows.into_iter().map(assemble).collect()
    }

    /// One candidate by id or unique prefix.
    pub fn candidate(&self, id: &str) -> Result<IntakeCandidate> {
        self.read(|db| get_in(db, &resolve_candidate(db, id)?))
    }

    /// Turns a pending candidate into a claim (or evidence for `evidence_to`), with its relay
    /// sources and evidence, in one transaction.
    pub fn accept_candidate(&mut self, id: &str, how: &Acceptance) -> Result<Accepted> {
        self.write(|w| {
            let id = resolve_candidate(&w.db, id)?;
            let c = get_in(&w.db, &id)?;
            pending(&c)?;
            let article = sources::get_db(&w.db, &c.source_id)?;
            let mut created = Vec::new();
            let cited = relay_sources(w, &article, &c.attribution, &mut created)?;
            let claim = match how.evidence_to.as_deref() {
                Some(target) => {
                    let target = resolve_in(&w.db, RecordKind::Claim, "evidence_to", target)?;
                    claims::get_db(&w.db, &target)?
                }
                None => claims::add(
                    w,
                    &ClaimInput {
                        text: how.text.clone().unwrap_or_else(|| c.text.clone()),
                        confidence: how
                            .confidence
                            .or(c.suggested_confidence)
                            .unwrap_or(Confidence::Unverified),
                        as_of: c.as_of.map(|d| d.to_string()),
                        status: None,
                        topics: Vec::new(),
                        settled: false,
                    },
                )?,
            };
            let evidence = evidence::link(
                w,
                &EvidenceInput {
                    claim: claim.id.clone(),
                    source: cited.id.clone(),
                    quote: Some(c.quote.clone()),
                    locator: Some(format!("bytes {}-{} of the kept text", c.start, c.end)),
                    stance: None,
                    translated_by: None,
                    original_quote: c.original_quote.clone(),
                    first_party: None,
                },
            )?;
            decide(w, &id, CandidateState::Accepted, Some(&claim.id))?;
            Ok(Accepted {
                candidate: get_in(&w.db, &id)?,
                claim: claims::get_db(&w.db, &claim.id)?,
                evidence,
                created_sources: created,
            })
        })
    }

    /// Sets a pending candidate aside; nothing else is written.
    pub fn reject_candidate(&mut self, id: &str) -> Result<IntakeCandidate> {
        self.write(|w| {
            let id = resolve_candidate(&w.db, id)?;
            pending(&get_in(&w.db, &id)?)?;
            decide(w, &id, CandidateState::Rejected, None)?;
            get_in(&w.db, &id)
        })
    }
}

fn body(
    c: Candidate,
    reliability: Reliability,
    duplicates: Vec<Duplicate>,
    people: Vec<PersonMention>,
) -> Body {
    let suggested_confidence = suggested(&c, reliability);
    Body {
        sentence: c.sentence,
        start: c.start,
        end: c.end,
        text: c.text,
        attribution: c.attribution,
        hedges: c.markers,
        certainty: c.certainty,
        as_of: c.as_of,
        suggested_confidence,
        quote: c.quote,
        original_quote: c.original_quote,
        duplicates,
        people,
    }
}

fn pending(c: &IntakeCandidate) -> Result<()> {
    if c.state == CandidateState::Pending {
        Ok(())
    } else {
        Err(CoreError::invalid(
            "candidate",
            format!("{} is already {}", c.id, c.state),
        ))
    }
}

fn decide(w: &Write<'_>, id: &str, state: CandidateState, claim: Option<&str>) -> Result<()> {
    w.db.execute(
        "UPDATE intake_candidates SET state = ?2, claim_id = ?3, decided_at = ?4 WHERE id = ?1",
        params![id, state, claim, timestamp(w.now)],
    )?;
    crate::audit::record_kind(w, "candidate", id, None::<&CandidateState>, Some(&state))
}

/// The existing source named `name` that relays `via` (or nothing), newest first.
fn matching_source(
    w: &Write<'_>,
    name: &str,
    title: Option<&str>,
    via: Option<&str>,
) -> Result<Option<String>> {
    // ASCII letters in either case, as SQLite's `lower` folds them; `via` equal or both null.
    let db = &w.db;
    db.query_row(
        &format!(
            "SELECT id FROM sources
             WHERE ({} OR {} OR {})
               AND (CAST(?2 AS TEXT) IS NULL OR {})
               AND (via = ?3 OR (via IS NULL AND CAST(?3 AS TEXT) IS NULL))
             ORDER BY {} DESC LIMIT 1",
            db.ascii_nocase_eq("outlet", 1),
            db.ascii_nocase_eq("title", 1),
            db.ascii_nocase_eq("author", 1),
            db.ascii_nocase_eq("title", 2),
            db.byte_order("id")
        ),
        params![name, title, via],
        |r| r.get(0),
    )
    .optional()
}

/// The sources a chain implies, from the origin back, and the source the evidence cites: the
/// article itself, or its copy relaying the nearest link.
fn relay_sources(
    w: &Write<'_>,
    article: &Source,
    chain: &[AttributionLink],
    created: &mut Vec<Source>,
) -> Result<Source> {
    let links: Vec<&AttributionLink> = chain
        .iter()
        .filter(|l| l.kind != LinkKind::Article)
        .collect();
    let mut via: Option<String> = None;
    for link in links.iter().rev() {
        let name = link.name.trim();
        via = Some(match matching_source(w, name, None, via.as_deref())? {
            Some(id) => id,
            None => {
                let (kind, reliability) = link_source(link.kind);
                let s = sources::add(
                    w,
                    &SourceInput {
                        title: name.to_string(),
                        outlet: (link.kind == LinkKind::Outlet).then(|| name.to_string()),
                        author: (link.kind == LinkKind::Person).then(|| name.to_string()),
                        kind: Some(kind),
                        reliability: Some(reliability),
                        via: via.clone(),
                        notes: Some(format!("Cited by \"{}\" ({}).", article.title, article.id)),
                        ..SourceInput::default()
                    },
                )?;
                let id = s.id.clone();
                created.push(s);
                id
            }
        });
    }
    let Some(nearest) = via else {
        return Ok(article.clone());
    };
    let outlet = article.outlet.as_deref().unwrap_or(&article.title);
    if let Some(id) = matching_source(w, outlet, Some(&article.title), Some(&nearest))? {
        return sources::get_db(&w.db, &id);
    }
    let copy = sources::add(
        w,
        &SourceInput {
            title: article.title.clone(),
            outlet: article.outlet.clone(),
            author: article.author.clone(),
            url: article.url.clone(),
            published: article.published.map(|d| d.to_string()),
            language: article.language.clone(),
            kind: Some(article.kind),
            reliability: Some(article.reliability),
            via: Some(nearest),
            notes: Some(format!(
                "The article {} as it relays this chain; its kept text is on {}.",
                article.id, article.id
            )),
            ..SourceInput::default()
        },
    )?;
    created.push(copy.clone());
    Ok(copy)
}
