//! The intake lexicon: hedges, boosters, negators, attribution patterns, boilerplate and fact
//! cues, read from `crates/core/data/intake-lexicon.toml` (compiled in, parsed once). The words
//! are data so an editor can widen them without touching the rules; `version` names the file's
//! revision in every [`super::Analysis`].

use std::collections::BTreeMap;
use std::sync::LazyLock;

use serde::Deserialize;

const SOURCE: &str = include_str!("../../data/intake-lexicon.toml");

/// A phrase split into lowercase words, ready to match against a token stream.
pub type Phrase = Vec<String>;

#[derive(Debug, Deserialize)]
struct Raw {
    version: u32,
    sentences: RawSentences,
    attribution: RawAttribution,
    kinds: RawKinds,
    hedges: RawHedges,
    selection: RawSelection,
    dates: RawDates,
}

#[derive(Debug, Deserialize)]
struct RawSentences {
    abbreviations: Vec<String>,
    abbreviations_may_end: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct RawAttribution {
    carriers: Vec<String>,
    citing: Vec<String>,
    verbs: Vec<String>,
    clause_verbs: Vec<String>,
    clause_verbs_need_that: Vec<String>,
    adverbs: Vec<String>,
    after_source_tail: Vec<String>,
    generic_receivers: Vec<String>,
    passive_before: Vec<String>,
    strip_adverbs: Vec<String>,
    source_tails: Vec<String>,
    person_pronouns: Vec<String>,
    vague_pronouns: Vec<String>,
    descriptors: BTreeMap<String, String>,
}

#[derive(Debug, Deserialize)]
struct RawKinds {
    anonymous: Vec<String>,
    outlet: Vec<String>,
    agency: Vec<String>,
    official: Vec<String>,
    person: Vec<String>,
    anonymous_unless_named: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct RawHedges {
    hedge: Vec<String>,
    speculation: Vec<String>,
    booster: Vec<String>,
    denial: Vec<String>,
    negatable: Vec<String>,
    negators: Vec<String>,
    negation_window: usize,
}

#[derive(Debug, Deserialize)]
struct RawSelection {
    boilerplate_starts: Vec<String>,
    boilerplate_contains: Vec<String>,
    opinion: Vec<String>,
    fact_cues: Vec<String>,
    number_words: Vec<String>,
    min_words: usize,
}

#[derive(Debug, Deserialize)]
struct RawDates {
    as_of: Vec<String>,
    months: Vec<String>,
    month_abbreviations: Vec<String>,
    weekdays: Vec<String>,
}

/// The parsed lexicon. Phrase lists are sorted longest first so the longest match wins.
#[derive(Debug)]
pub struct Lexicon {
    pub version: u32,
    pub abbreviations: Vec<String>,
    pub abbreviations_may_end: Vec<String>,
    pub carriers: Vec<Phrase>,
    pub citing: Vec<Phrase>,
    pub verbs: Vec<Phrase>,
    pub clause_verbs: Vec<String>,
    pub clause_verbs_need_that: Vec<String>,
    pub adverbs: Vec<String>,
    pub after_source_tail: Vec<String>,
    pub generic_receivers: Vec<String>,
    pub passive_before: Vec<String>,
    pub strip_adverbs: Vec<Phrase>,
    pub source_tails: Vec<Phrase>,
    pub person_pronouns: Vec<String>,
    pub vague_pronouns: Vec<String>,
    pub descriptors: Vec<(Phrase, String)>,
    pub kind_anonymous: Vec<Phrase>,
    pub kind_outlet: Vec<Phrase>,
    pub kind_agency: Vec<Phrase>,
    pub kind_official: Vec<Phrase>,
    pub kind_person: Vec<String>,
    pub anonymous_unless_named: Vec<String>,
    pub hedge: Vec<Phrase>,
    pub speculation: Vec<Phrase>,
    pub booster: Vec<Phrase>,
    pub denial: Vec<Phrase>,
    pub negatable: Vec<Phrase>,
    pub negators: Vec<String>,
    pub negation_window: usize,
    pub boilerplate_starts: Vec<String>,
    pub boilerplate_contains: Vec<String>,
    pub opinion: Vec<Phrase>,
    pub fact_cues: Vec<String>,
    pub number_words: Vec<String>,
    pub min_words: usize,
    pub as_of: Vec<Phrase>,
    pub months: Vec<String>,
    pub month_abbreviations: Vec<String>,
    pub weekdays: Vec<String>,
}

fn phrases(list: Vec<String>) -> Vec<Phrase> {
    let mut out: Vec<Phrase> = list
        .iter()
        .map(|p| p.split_whitespace().map(str::to_lowercase).collect())
        .filter(|p: &Phrase| !p.is_empty())
        .collect();
    out.sort_by_key(|p| std::cmp::Reverse(p.len()));
    out
}

fn lower(list: Vec<String>) -> Vec<String> {
    list.into_iter().map(|w| w.to_lowercase()).collect()
}

impl Lexicon {
    /// Parses a lexicon file; the error names the TOML problem.
    pub fn parse(text: &str) -> Result<Self, String> {
        let raw: Raw = toml::from_str(text).map_err(|e| e.to_string())?;
        let mut descriptors: Vec<(Phrase, String)> = raw
            .attribution
            .descriptors
            .into_iter()
            .map(|(k, v)| (k.split_whitespace().map(str::to_lowercase).collect(), v))
            .collect();
        descriptors.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        Ok(Lexicon {
            version: raw.version,
            abbreviations: lower(raw.sentences.abbreviations),
            abbreviations_may_end: lower(raw.sentences.abbreviations_may_end),
            carriers: phrases(raw.attribution.carriers),
            citing: phrases(raw.attribution.citing),
            verbs: phrases(raw.attribution.verbs),
            clause_verbs: lower(raw.attribution.clause_verbs),
            clause_verbs_need_that: lower(raw.attribution.clause_verbs_need_that),
            adverbs: lower(raw.attribution.adverbs),
            after_source_tail: lower(raw.attribution.after_source_tail),
            generic_receivers: lower(raw.attribution.generic_receivers),
            passive_before: lower(raw.attribution.passive_before),
            strip_adverbs: phrases(raw.attribution.strip_adverbs),
            source_tails: phrases(raw.attribution.source_tails),
            person_pronouns: lower(raw.attribution.person_pronouns),
            vague_pronouns: lower(raw.attribution.vague_pronouns),
            descriptors,
            kind_anonymous: phrases(raw.kinds.anonymous),
            kind_outlet: phrases(raw.kinds.outlet),
            kind_agency: phrases(raw.kinds.agency),
            kind_official: phrases(raw.kinds.official),
            kind_person: lower(raw.kinds.person),
            anonymous_unless_named: lower(raw.kinds.anonymous_unless_named),
            hedge: phrases(raw.hedges.hedge),
            speculation: phrases(raw.hedges.speculation),
            booster: phrases(raw.hedges.booster),
            denial: phrases(raw.hedges.denial),
            negatable: phrases(raw.hedges.negatable),
            negators: lower(raw.hedges.negators),
            negation_window: raw.hedges.negation_window,
            boilerplate_starts: lower(raw.selection.boilerplate_starts),
            boilerplate_contains: lower(raw.selection.boilerplate_contains),
            opinion: phrases(raw.selection.opinion),
            fact_cues: lower(raw.selection.fact_cues),
            number_words: lower(raw.selection.number_words),
            min_words: raw.selection.min_words,
            as_of: phrases(raw.dates.as_of),
            months: lower(raw.dates.months),
            month_abbreviations: lower(raw.dates.month_abbreviations),
            weekdays: lower(raw.dates.weekdays),
        })
    }

    /// The lexicon shipped with Factdesk. A broken file is a build defect caught by the unit
    /// test below, so falling back to an empty lexicon here never happens in a tested build.
    pub fn builtin() -> &'static Lexicon {
        static LEXICON: LazyLock<Lexicon> =
            LazyLock::new(|| Lexicon::parse(SOURCE).unwrap_or_else(|_| Lexicon::empty()));
        &LEXICON
    }

    fn empty() -> Lexicon {
        Lexicon {
            version: 0,
            abbreviations: vec![],
            abbreviations_may_end: vec![],
            carriers: vec![],
            citing: vec![],
            verbs: vec![],
            clause_verbs: vec![],
            clause_verbs_need_that: vec![],
            adverbs: vec![],
            after_source_tail: vec![],
            generic_receivers: vec![],
            passive_before: vec![],
            strip_adverbs: vec![],
            source_tails: vec![],
            person_pronouns: vec![],
            vague_pronouns: vec![],
            descriptors: vec![],
            kind_anonymous: vec![],
            kind_outlet: vec![],
            kind_agency: vec![],
            kind_official: vec![],
            kind_person: vec![],
            anonymous_unless_named: vec![],
            hedge: vec![],
            speculation: vec![],
            booster: vec![],
            denial: vec![],
            negatable: vec![],
            negators: vec![],
            negation_window: 0,
            boilerplate_starts: vec![],
            boilerplate_contains: vec![],
            opinion: vec![],
            fact_cues: vec![],
            number_words: vec![],
            min_words: 0,
            as_of: vec![],
            months: vec![],
            month_abbreviations: vec![],
            weekdays: vec![],
        }
    }

    /// The month number (1–12) of a full or abbreviated month name.
    pub fn month(&self, word: &str) -> Option<u32> {
        let w = word.trim_end_matches('.');
        let w = if w.eq_ignore_ascii_case("sept") {
            "sep"
        } else {
            w
        };
        let lw = w.to_lowercase();
        self.months
            .iter()
            .position(|m| *m == lw)
            .or_else(|| self.month_abbreviations.iter().position(|m| *m == lw))
            .map(|i| i as u32 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_lexicon_parses_and_is_versioned() {
        let lex = Lexicon::parse(SOURCE).unwrap();
        assert!(lex.version >= 1, "the lexicon file carries a version");
        assert!(
            lex.hedge
                .iter()
                .any(|p| p.join(" ") == "positively reviewing"),
            "Korean press phrasing is in the data"
        );
        assert_eq!(Lexicon::builtin().version, lex.version);
    }

    #[test]
    fn longest_phrase_comes_first() {
        let lex = Lexicon::builtin();
        let first_long = lex.hedge.first().map(Vec::len).unwrap_or(0);
        assert!(lex.hedge.iter().all(|p| p.len() <= first_long));
    }

    #[test]
    fn a_broken_lexicon_names_the_problem() {
        let err = Lexicon::parse("version = \"one\"").unwrap_err();
        assert!(err.contains("version") || err.contains("invalid"), "{err}");
    }
}
