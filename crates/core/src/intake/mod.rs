//! Article intake, phase 1: reading a pasted article (plain text or Markdown) into candidate
//! claims. Nothing here writes to the desk. For each sentence that asserts something checkable,
//! a [`Candidate`] carries the sentence and its byte range in the text, a normalised claim, the
//! attribution chain, hedges and boosters with negation, the certainty they add up to, an as-of
//! date, and the quote to keep as evidence (with the Korean original beside a translation).
//!
//! The words the rules read live in `crates/core/data/intake-lexicon.toml` ([`lexicon`]).
//! Invariant: candidates come in text order, and `text[start..end] == sentence`.

pub mod as_of;
pub mod attribution;
pub mod confidence;
pub mod hedges;
pub mod korean;
pub mod lexicon;
pub mod people;
pub mod record;
pub mod selection;
pub mod sentences;
pub mod text;

use serde::{Deserialize, Serialize};

use crate::dates::PartialDate;
use crate::vocab::vocabulary;

use lexicon::Lexicon;
use sentences::BlockKind;

/// An article as the writer pastes it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Article {
    /// The article's text, plain or Markdown.
    pub text: String,
    pub outlet: String,
    pub title: String,
    pub url: Option<String>,
    /// The publication date; as-of dates and relative dates resolve against it.
    pub published: Option<PartialDate>,
    /// BCP 47 tag of the article's language (`en`, `ko`).
    pub language: Option<String>,
}

vocabulary! {
    /// Who a link of an attribution chain is.
    pub enum LinkKind {
        Outlet => "outlet",
        Person => "person",
        /// An agency, label, studio or other company.
        Agency => "agency",
        /// A broadcaster, network, ratings firm, awards body or public office.
        Official => "official",
        /// Unnamed insiders, sources, reports, fans.
        Anonymous => "anonymous",
        /// The article asserts it itself.
        Article => "article",
    }
}

vocabulary! {
    /// What a marker does to a claim's certainty.
    pub enum MarkerKind {
        /// Lowers it: "reportedly", "in talks", "positively reviewing".
        Hedge => "hedge",
        /// Raises it: "officially announced", "confirmed".
        Booster => "booster",
        /// Guesswork: "could", "might", "would likely".
        Speculation => "speculation",
        /// Denied or unsettled: "denied", "not confirmed", "nothing has been decided".
        Denial => "denial",
    }
}

vocabulary! {
    /// How firmly the sentence states its claim; phase 2 combines it with the provenance rules
    /// into a suggested confidence.
    pub enum Certainty {
        Asserted => "asserted",
        Hedged => "hedged",
        Denied => "denied",
        Speculative => "speculative",
    }
}

/// One link of an attribution chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct AttributionLink {
    pub kind: LinkKind,
    /// The name as written ("an industry insider", "Star Daily", "the agency").
    pub name: String,
}

/// A hedge, booster, speculation or denial found in a sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Marker {
    pub kind: MarkerKind,
    /// The words as written, from the negator on when negated ("not been decided").
    pub phrase: String,
    /// A booster or hedge turned into a denial by a negator.
    pub negated: bool,
}

/// A sentence proposed as a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Candidate {
    /// The sentence exactly as in the article's text.
    pub sentence: String,
    /// Byte range of the sentence in the article's text.
    pub start: usize,
    pub end: usize,
    /// The claim with its attribution taken off where that still states it.
    pub text: String,
    /// Nearest relay first, origin last; `[article]` when the article asserts it itself.
    pub attribution: Vec<AttributionLink>,
    pub markers: Vec<Marker>,
    pub certainty: Certainty,
    pub as_of: Option<PartialDate>,
    /// The words to keep as evidence: the direct quotation, or the English rendering of a
    /// Korean quote, or the sentence.
    pub quote: String,
    /// The Korean original the quote translates.
    pub original_quote: Option<String>,
}

/// What intake proposes for one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
// NOTE: the draft pane's `Analysis` owns that binding name.
#[ts(export, rename = "IntakeAnalysis")]
pub struct Analysis {
    /// The `version` of the lexicon that read the article.
    pub lexicon_version: u32,
    pub candidates: Vec<Candidate>,
}

/// A sentence on its way to becoming a candidate.
struct Reading {
    seg: sentences::Segment,
    plain: String,
    masked: String,
    opens_quote: bool,
    closes_open_quote: bool,
    starts_in_quote: bool,
    whole_quote: bool,
    links: Vec<AttributionLink>,
    korean: bool,
}

/// Reads an article into candidate claims.
pub fn analyse(article: &Article) -> Analysis {
    analyse_with(article, Lexicon::builtin())
}

/// [`analyse`] with a given lexicon (tests and experiments with a widened word list).
pub fn analyse_with(article: &Article, lex: &Lexicon) -> Analysis {
    let text = article.text.as_str();
    let published = article.published.map(|d| d.earliest());
    let mut ctx = attribution::Context::learn(text, &article.outlet, lex);
    let segs = sentences::segments(text, lex);

    let mut readings: Vec<Reading> = Vec::with_capacity(segs.len());
    let mut open = false;
    let mut last_block = usize::MAX;
    for seg in segs {
        if seg.block != last_block {
            open = false;
            last_block = seg.block;
        }
        let raw = &text[seg.start..seg.end];
        let plain = text::plain(&raw.replace("\n>", "\n"));
        let (spans, still_open) = text::quotations(&plain, open);
        let masked = text::mask(&plain, &spans);
        let toks = text::tokens(&masked);
        let links = if seg.kind == BlockKind::Heading {
            Vec::new()
        } else {
            attribution::chain(&masked, &toks, lex, &mut ctx)
        };
        let trimmed = plain.trim();
        let whole_quote = trimmed.starts_with(['"', '“'])
            && trimmed.trim_end_matches(['.', ' ']).ends_with(['"', '”'])
            && spans.len() == 1;
        readings.push(Reading {
            opens_quote: still_open && !open,
            closes_open_quote: open && !still_open,
            starts_in_quote: open,
            whole_quote: whole_quote || open,
            korean: korean::is_korean(&plain),
            seg,
            plain,
            masked,
            links,
        });
        open = still_open;
    }
    inherit_quote_speakers(&mut readings);

    let mut candidates = Vec::new();
    for i in 0..readings.len() {
        let r = &readings[i];
        if r.korean {
            // The original of the next sentence's translation is kept with that sentence.
            continue;
        }
        let toks = text::tokens(&r.masked);
        if selection::skip(&r.plain, r.seg.kind, &toks, !r.links.is_empty(), lex).is_some() {
            continue;
        }
        let unmasked = text::tokens(&r.plain);
        let markers = hedges::markers(&r.plain, &unmasked, lex);
        let certainty = hedges::certainty(&markers);
        let bilingual = korean::bilingual(&r.plain);
        let previous_korean = i
            .checked_sub(1)
            .map(|p| &readings[p])
            .filter(|p| p.korean && p.seg.block + 1 >= r.seg.block);
        let (quote, original_quote, text_claim) = match (&bilingual, previous_korean) {
            (Some((ko, en)), _) => (
                en.clone(),
                Some(ko.clone()),
                attribution::normalise(en, &text::tokens(en), lex),
            ),
            (None, prev) => (
                evidence_quote(&r.plain),
                prev.map(|p| korean::original(&p.plain)),
                attribution::normalise(&r.plain, &toks, lex),
            ),
        };
        let attribution = if r.links.is_empty() {
            vec![AttributionLink {
                kind: LinkKind::Article,
                name: article.outlet.clone(),
            }]
        } else {
            r.links.clone()
        };
        candidates.push(Candidate {
            sentence: text[r.seg.start..r.seg.end].to_string(),
            start: r.seg.start,
            end: r.seg.end,
            text: text_claim,
            attribution,
            markers,
            certainty,
            as_of: as_of::as_of(&r.plain, &toks, lex, published).or(article.published),
            quote,
            original_quote,
        });
    }
    Analysis {
        lexicon_version: lex.version,
        candidates,
    }
}

/// A quotation spread over sentences has one speaker: `"It is true. She is reviewing it," the
/// agency said.` attributes both. A sentence that is only a quotation continues the speaker of
/// the quotation before it in the paragraph, and a quotation after "the agency said:" is the
/// agency's.
fn inherit_quote_speakers(readings: &mut [Reading]) {
    // Runs of sentences joined by an open quotation.
    let mut i = 0;
    while i < readings.len() {
        if readings[i].opens_quote {
            let mut j = i + 1;
            while j < readings.len() && readings[j].starts_in_quote {
                if readings[j].closes_open_quote {
                    break;
                }
                j += 1;
            }
            let j = j.min(readings.len() - 1);
            if let Some(links) = (i..=j)
                .map(|k| readings[k].links.clone())
                .find(|l| !l.is_empty())
            {
                for r in &mut readings[i..=j] {
                    if r.links.is_empty() {
                        r.links = links.clone();
                    }
                }
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
    let mut speaker: Option<(usize, Vec<AttributionLink>)> = None;
    for r in readings.iter_mut() {
        let intro = r.plain.trim_end().ends_with(':');
        let quoted = r.whole_quote || korean::bilingual(&r.plain).is_some();
        match &speaker {
            Some((block, links))
                if quoted
                    && r.links.is_empty()
                    && (r.seg.block == *block || r.seg.kind == BlockKind::Quote) =>
            {
                r.links = links.clone();
            }
            _ => {}
        }
        if !r.links.is_empty()
            && (quoted || intro || r.plain.contains('"') || r.plain.contains('“'))
        {
            speaker = Some((r.seg.block, r.links.clone()));
        } else if !quoted && !r.korean && (!r.links.is_empty() || r.seg.kind != BlockKind::Quote) {
            speaker = None;
        }
    }
}

/// The direct quotation of a sentence (its longest quoted words that are not a title), or the
/// sentence itself.
fn evidence_quote(s: &str) -> String {
    let (spans, _) = text::quotations(s, false);
    spans
        .iter()
        .map(|&(a, b)| s[a..b].trim().trim_end_matches(',').trim())
        .filter(|q| {
            let words: Vec<&str> = q.split_whitespace().collect();
            words.len() >= 3 && !words.iter().all(|w| text::capitalised(w))
        })
        .max_by_key(|q| q.len())
        .map_or_else(|| s.trim().to_string(), str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        Article {
            text: text.into(),
            outlet: "Factdesk Daily".into(),
            title: "T".into(),
            published: Some(PartialDate::parse("published", "2025-05-23").unwrap()),
            ..Article::default()
        }
    }

    #[test]
    fn candidates_point_into_the_text() {
        let a = article(
            "# Heading\n\nBy Jae Park\n\nHBN said on May 20 that the show will return. Is it good? Read more: x",
        );
        let got = analyse(&a);
        assert_eq!(got.candidates.len(), 1);
        let c = &got.candidates[0];
        assert_eq!(&a.text[c.start..c.end], c.sentence);
        assert_eq!(c.text, "The show will return.");
        assert_eq!(
            c.as_of.map(|d| d.to_string()).as_deref(),
            Some("2025-05-20")
        );
        assert_eq!(c.attribution[0].name, "HBN");
    }

    #[test]
    fn unattributed_sentences_are_the_articles_own() {
        let got = analyse(&article(
            "The drama ended its run on April 6 with 11.4 percent.",
        ));
        let c = &got.candidates[0];
        assert_eq!(
            c.attribution,
            vec![AttributionLink {
                kind: LinkKind::Article,
                name: "Factdesk Daily".into()
            }]
        );
        assert_eq!(c.certainty, Certainty::Asserted);
        assert_eq!(
            c.as_of.map(|d| d.to_string()).as_deref(),
            Some("2025-05-23")
        );
    }

    #[test]
    fn a_quote_across_sentences_shares_its_speaker() {
        let got = analyse(&article(
            "\"It is true that she received the offer for season two. She is positively reviewing it,\" the agency stated.",
        ));
        assert_eq!(got.candidates.len(), 2);
        for c in &got.candidates {
            assert_eq!(c.attribution[0].name, "the agency", "{}", c.sentence);
        }
        assert_eq!(got.candidates[1].certainty, Certainty::Hedged);
    }

    #[test]
    fn a_korean_quote_is_kept_beside_its_translation() {
        let got = analyse(&article(
            "HBN answered on Friday. \"시즌2 제작을 긍정적으로 검토하고 있다.\" \"We are positively reviewing season 2,\" an HBN official said.",
        ));
        let c = got.candidates.last().unwrap();
        assert_eq!(
            c.original_quote.as_deref(),
            Some("시즌2 제작을 긍정적으로 검토하고 있다.")
        );
        assert_eq!(c.quote, "We are positively reviewing season 2");
        assert!(
            got.candidates.iter().all(|c| !c.sentence.contains('시')),
            "the original is not a candidate of its own"
        );
        let got = analyse(&article(
            "\"두 사람은 동료 사이일 뿐입니다.\" (\"The two are only colleagues.\")",
        ));
        let c = &got.candidates[0];
        assert_eq!(c.quote, "The two are only colleagues.");
        assert_eq!(
            c.original_quote.as_deref(),
            Some("두 사람은 동료 사이일 뿐입니다.")
        );
    }
}
