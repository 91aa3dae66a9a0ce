//! Is the wording of a sentence honest about the strength of the claim it carries?
//!
//! What each level allows is read from the one table of level meanings (`confidence::LEVELS`),
//! the same table the provenance suggestion follows, so the two cannot disagree: the words that
//! say the party itself spoke are allowed exactly at the level only first-party evidence earns.
//!
//! Two problems, both read from the sentence a claim span stands in:
//!
//! - **Unattributed**: a claim whose level may not be stated flatly (`reported`, `unverified`,
//!   `speculation`) stated as plain fact, with neither an attribution ("according to", "told",
//!   "sources", "per The Reel Report") nor a hedge ("reportedly", "might", "likely", "we think",
//!   "if").
//! - **Overstated**: a word the level does not allow. Words that say the party itself spoke
//!   ("confirmed", "officially", "announced", "it's official") need a level that allows them
//!   (only `confirmed`); words of certainty ("definitely", "certain", "guaranteed", "for sure"…)
//!   need a level that may sound certain (`confirmed`, `corroborated`).
//!
//! Words inside quotation marks are someone else's and count for neither problem; a strong word
//! that is negated, conditional or still to come ("has not confirmed", "yet to be announced",
//! "expected to be confirmed", "if confirmed") is not an overstatement. "will" stated flatly is not
//! flagged as overstated: on a weak claim it is already Unattributed unless hedged elsewhere, and
//! flagging it besides would drown the writer in warnings.

use std::collections::HashSet;
use std::sync::LazyLock;

use crate::Confidence;
use crate::checks::sentences::prose;

/// What is wrong with a sentence's wording for its claim's confidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordingProblem {
    /// A weak claim stated as fact: no attribution and no hedge.
    Unattributed,
    /// A confirmed-sounding word (as written, lower-cased) on a claim weaker than `confirmed`.
    Overstated { word: String },
}

/// Words that on their own attribute a claim or hedge it.
#[rustfmt::skip]
const HEDGES: &[&str] = &[
    "according", "told", "tells", "tell", "telling", "said", "says", "say", "claims", "claimed",
    "claiming", "claim", "alleges", "alleged", "allegedly", "alleging", "source", "sources",
    "insider", "insiders", "report", "reports", "reported", "reporting", "reportedly", "via",
    "cited", "citing", "quoted", "quoting", "interview", "posted", "tweeted", "wrote", "writes",
    "insists", "insisted", "argues", "argued", "noted", "notes", "stated", "states", "denied",
    "denies", "hearing", "heard", "whispers", "chatter", "gossip", "rumour", "rumours", "rumor",
    "rumors", "rumoured", "rumored", "purportedly", "supposedly", "unnamed", "anonymous",
    "unconfirmed", "unverified", "spokesperson", "spokesman", "spokeswoman", "representative",
    "might", "could", "maybe", "perhaps", "likely", "unlikely", "probably", "possibly", "possible",
    "potentially", "presumably", "plausibly", "plausible", "apparently", "seemingly", "ostensibly",
    "expected", "expect", "expects", "expecting", "expectation", "expectations", "seems", "seem",
    "seemed", "believed", "believe", "believes", "tipped", "speculated", "speculate", "speculation",
    "speculative", "guess", "guessing", "think", "thinks", "suspect", "suspects", "bet", "betting",
    "wager", "predict", "predicts", "predicted", "prediction", "anticipated", "anticipate", "would",
    "should", "if", "unless", "reckon", "odds", "chance", "chances", "assume", "assuming", "hope",
    "hopes", "hoping", "estimate", "estimates", "estimated", "suggest", "suggests", "suggested",
    "suggesting", "suggestion", "indicate", "indicates", "indicated", "indicating", "hint", "hints",
    "hinted", "hinting", "tease", "teases", "teased", "teasing", "theory", "theorise", "theorize",
    "theories", "inference", "infer", "guessed", "imagine", "wonder",
];

/// [`HEDGES`] as a set: every word of every claim's sentence is looked up in it.
static HEDGE_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| HEDGES.iter().copied().collect());

/// Hedges that need a particular next word: "appears to", "is thought to", "looks like".
const HEDGES_BEFORE: &[(&str, &[&str])] = &[
    ("appears", &["to", "that", "set"]),
    ("appear", &["to", "that", "set"]),
    ("appeared", &["to", "that"]),
    ("thought", &["to"]),
    ("understood", &["to"]),
    ("said", &["to"]),
    ("looks", &["like", "set", "to", "as"]),
    ("look", &["like", "set"]),
    ("looking", &["like"]),
    ("points", &["to", "toward", "towards"]),
    ("point", &["to", "toward", "towards"]),
    ("pointing", &["to", "toward", "towards"]),
];

/// Words that say the party itself has spoken: overstated on anything below `confirmed`.
#[rustfmt::skip]
const STRONG: &[&str] = &[
    "confirmed", "confirms", "confirmation", "officially", "announced", "announces",
];

/// Words of certainty: overstated on anything below `corroborated`.
#[rustfmt::skip]
const CERTAIN: &[&str] = &[
    "definitely", "definitively", "certainly", "certain", "undoubtedly", "undeniably", "guaranteed",
    "guarantees", "verified", "proven", "unquestionably", "indisputably",
];

/// Two-word phrases of certainty (below `corroborated`).
const CERTAIN_PAIRS: &[(&str, &str)] = &[
    ("for", "sure"),
    ("for", "certain"),
    ("no", "doubt"),
    ("done", "deal"),
    ("in", "stone"),
    ("locked", "in"),
];

/// Words that, shortly before a strong word, say it has not happened (yet).
#[rustfmt::skip]
const NEGATORS: &[&str] = &[
    "not", "no", "never", "yet", "neither", "nor", "without", "until", "unless", "if", "whether",
    "pending", "awaiting", "before", "declined", "refused", "denied", "nobody", "nothing", "none",
    "cannot", "ahead", "once", "when",
];

/// Words that, right before a strong word (past filler), put it in the future or conditional.
#[rustfmt::skip]
const MODALS: &[&str] = &[
    "to", "will", "would", "could", "may", "might", "should", "can", "must", "shall", "expected",
    "set", "due", "likely",
];

/// Words that may stand between a modal and the strong word ("will be officially confirmed").
#[rustfmt::skip]
const FILLER: &[&str] = &[
    "be", "been", "being", "formally", "officially", "publicly", "soon", "finally", "also", "still",
    "eventually", "fully", "ever", "later", "get", "gets", "have", "has",
];

/// One word of a sentence: lower-cased, with whether it was capitalised and whether it stands
/// inside quotation marks.
#[derive(Debug)]
pub(crate) struct Word {
    pub lower: String,
    pub capitalised: bool,
    pub quoted: bool,
}

/// The words of `text` (letters, digits and inner apostrophes; hyphens split), with quote state.
/// Straight double quotes toggle; curly quotes open and close; a straight `'` is an apostrophe.
pub(crate) fn words(text: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut current = String::new();
    let mut prev: Option<char> = None;
    let mut chars = text.chars().peekable();
    let flush = |current: &mut String, out: &mut Vec<Word>, quoted: bool| {
        if !current.is_empty() {
            let word = current.trim_end_matches(['\'', '’']);
            let capitalised = word.chars().next().is_some_and(char::is_uppercase);
            out.push(Word {
                lower: word.to_lowercase(),
                capitalised,
                quoted,
            });
            current.clear();
        }
    };
    while let Some(c) = chars.next() {
        let next = chars.peek().copied();
        let in_word = c.is_alphanumeric()
            || ((c == '\'' || c == '’')
                && prev.is_some_and(char::is_alphanumeric)
                && next.is_some_and(char::is_alphanumeric));
        if in_word {
            current.push(c);
        } else {
            flush(&mut current, &mut out, quoted);
            match c {
                '"' => quoted = !quoted,
                '“' | '‘' if !quoted => quoted = true,
                '”' => quoted = false,
                '’' if quoted && !next.is_some_and(char::is_alphanumeric) => quoted = false,
                _ => {}
            }
        }
        prev = Some(c);
    }
    flush(&mut current, &mut out, quoted);
    out
}

/// What is wrong with the wording of `sentence` for a claim of `confidence`, if anything.
pub fn wording_problem(sentence: &str, confidence: Confidence) -> Option<WordingProblem> {
    let level = confidence.level();
    if level.may_state_flatly && level.may_say_party_spoke && level.may_sound_certain {
        return None;
    }
    let text = prose(sentence);
    let words: Vec<Word> = words(&text);
    if let Some(word) = overstatement(&words, &text, confidence) {
        return Some(WordingProblem::Overstated { word });
    }
    if level.may_state_flatly || hedged(&words) {
        return None;
    }
    Some(WordingProblem::Unattributed)
}

/// A short fix for the writer, naming what to add or drop.
pub fn suggestion(problem: &WordingProblem, confidence: Confidence) -> String {
    match problem {
        WordingProblem::Unattributed => match confidence {
            Confidence::Unverified => "say where it comes from and that it is unconfirmed \
                (\"according to unnamed sources\", \"rumoured\", \"fans on social media claim\")"
                .to_string(),
            Confidence::Speculation => "mark it as inference (\"we think\", \"our guess is\", \
                \"could\", \"likely\") or name whose analysis it is"
                .to_string(),
            _ => {
                "add an attribution (\"according to The Reel Report\") or a hedge (\"reportedly\")"
                    .to_string()
            }
        },
        WordingProblem::Overstated { word } => match confidence.level() {
            l if l.may_sound_certain => format!(
                "\"{word}\" says the party itself spoke, but this claim is {}: \
                 write \"several outlets report\" or name them, or raise the claim to confirmed \
                 with the party's own statement",
                l.level
            ),
            l => format!(
                "\"{word}\" reads as settled, but this claim is only {}: drop it and attribute \
                 or hedge the sentence (\"according to …\", \"reportedly\")",
                l.level
            ),
        },
    }
}

/// The first confirmed-sounding word of the sentence (outside quotes, not negated) that is too
/// strong for `confidence`.
fn overstatement(words: &[Word], text: &str, confidence: Confidence) -> Option<String> {
    let level = confidence.level();
    let below_corroborated = !level.may_sound_certain;
    let party_words_allowed = level.may_say_party_spoke;
    for (i, w) in words.iter().enumerate() {
        if w.quoted {
            continue;
        }
        let strong = !party_words_allowed && STRONG.contains(&w.lower.as_str());
        let certain = below_corroborated && CERTAIN.contains(&w.lower.as_str());
        // Modals hold back an event ("will be confirmed"), not certainty ("will definitely").
        if (strong && !held_back(words, i, true)) || (certain && !held_back(words, i, false)) {
            return Some(w.lower.clone());
        }
        // "it's official", "it is official", "now official", "made (it) official".
        if w.lower == "official" && i > 0 {
            let before = words[i - 1].lower.as_str();
            let before2 = i.checked_sub(2).map(|j| words[j].lower.as_str());
            let assertive = matches!(before, "it's" | "now" | "made" | "officially")
                || (before == "is" && before2 == Some("it"))
                || (before == "it" && before2 == Some("made"));
            let final_or_clause = words.get(i + 1).is_none_or(|n| n.lower != "trailer");
            if !party_words_allowed && assertive && final_or_clause && !held_back(words, i, true) {
                return Some(format!("{before} official"));
            }
        }
        if below_corroborated
            && let Some(next) = words.get(i + 1)
            && !next.quoted
            && CERTAIN_PAIRS.contains(&(w.lower.as_str(), next.lower.as_str()))
            && !held_back(words, i, false)
        {
            return Some(format!("{} {}", w.lower, next.lower));
        }
    }
    if below_corroborated && (text.contains("100%") || text.contains("100 percent")) {
        return Some("100%".to_string());
    }
    None
}

/// Whether a strong word at `i` is negated or conditional, or (when `modal` is set) still to come.
fn held_back(words: &[Word], i: usize, modal: bool) -> bool {
    let from = i.saturating_sub(4);
    let window = &words[from..i];
    if window.iter().any(|w| {
        NEGATORS.contains(&w.lower.as_str()) || w.lower.ends_with("n't") || w.lower.ends_with("n’t")
    }) {
        return true;
    }
    // Walk back over filler to the first real word: a modal there holds the word back.
    let mut j = i;
    while j > 0 && i - j < 4 {
        j -= 1;
        let w = words[j].lower.as_str();
        if FILLER.contains(&w) {
            continue;
        }
        return modal && MODALS.contains(&w);
    }
    false
}

/// Whether the sentence attributes its claim or hedges it, outside quotation marks.
fn hedged(words: &[Word]) -> bool {
    for (i, w) in words.iter().enumerate() {
        if w.quoted {
            continue;
        }
        let word = w.lower.as_str();
        let next = words.get(i + 1).map(|n| n.lower.as_str());
        if HEDGE_SET.contains(word) {
            // "may" is a hedge, "May" (the month) is not; "could" etc. are always hedges.
            return true;
        }
        if word == "may"
            && (!w.capitalised
                || (i == 0 && matches!(next, Some("be" | "have" | "not" | "well" | "also"))))
        {
            return true;
        }
        if let Some((_, nexts)) = HEDGES_BEFORE.iter().find(|(h, _)| *h == word)
            && next.is_some_and(|n| nexts.contains(&n))
        {
            return true;
        }
        // "per The Reel Report", "per a source": attribution. "per episode", "per cent": not.
        if word == "per"
            && let Some(n) = words.get(i + 1)
            && (n.capitalised
                || matches!(
                    n.lower.as_str(),
                    "a" | "an"
                        | "the"
                        | "its"
                        | "their"
                        | "her"
                        | "his"
                        | "one"
                        | "multiple"
                        | "several"
                        | "two"
                        | "three"
                ))
        {
            return true;
        }
        // "our guess", "we think", "in our view", "my read": the writer's own inference.
        if matches!(word, "our" | "my")
            && matches!(
                next,
                Some(
                    "guess"
                        | "view"
                        | "read"
                        | "bet"
                        | "money"
                        | "take"
                        | "hunch"
                        | "theory"
                        | "sense"
                )
            )
        {
            return true;
        }
        if matches!(word, "we" | "i")
            && matches!(
                next,
                Some(
                    "think"
                        | "suspect"
                        | "reckon"
                        | "expect"
                        | "bet"
                        | "guess"
                        | "hear"
                        | "hope"
                        | "believe"
                        | "imagine"
                        | "doubt"
                        | "wonder"
                        | "predict"
                        | "feel"
                        | "sense"
                        | "understand"
                )
            )
        {
            return true;
        }
        // "To us, …", "For me, …": the writer's own view.
        if i == 0 && matches!(word, "to" | "for") && matches!(next, Some("us" | "me")) {
            return true;
        }
        if word == "word" && matches!(next, Some("is" | "has")) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use Confidence::*;

    fn problem(s: &str, c: Confidence) -> Option<WordingProblem> {
        wording_problem(s, c)
    }

    fn over(word: &str) -> Option<WordingProblem> {
        Some(WordingProblem::Overstated {
            word: word.to_string(),
        })
    }

    #[test]
    fn strong_claims_are_never_unattributed() {
        let flat = "The third season premieres on June 6.";
        assert_eq!(problem(flat, Confirmed), None);
        assert_eq!(problem(flat, Corroborated), None);
        assert_eq!(
            problem("Starline confirmed it will return.", Confirmed),
            None
        );
    }

    #[test]
    fn weak_claims_stated_flatly_are_unattributed() {
        let flat = "[Kim Ha-eun joins the cast]{claim=01ABC} as the new surgeon.";
        for c in [Reported, Unverified, Speculation] {
            assert_eq!(
                problem(flat, c),
                Some(WordingProblem::Unattributed),
                "{c:?}"
            );
        }
        assert_eq!(
            problem("Filming wraps in May.", Reported),
            Some(WordingProblem::Unattributed)
        );
    }

    #[test]
    fn attribution_and_hedges_are_enough() {
        for s in [
            "According to The Reel Report, Kim joins the cast.",
            "Kim reportedly joins the cast.",
            "Kim joins the cast, per Daily Lens.",
            "Two people close to the shoot told Daily Lens that filming wraps in May.",
            "Kim may return for the finale.",
            "May be the best news yet: Kim could return.",
            "Our guess is a spring premiere.",
            "We think the finale sets up a spin-off.",
            "If the pattern holds, season 3 lands in 2027.",
            "Kim appears to be filming in Busan.",
            "It looks like filming wraps in June.",
        ] {
            assert_eq!(problem(s, Reported), None, "{s}");
        }
    }

    #[test]
    fn the_month_may_and_quoted_words_are_not_hedges() {
        assert_eq!(
            problem("Filming starts in May.", Unverified),
            Some(WordingProblem::Unattributed)
        );
        assert_eq!(
            problem(
                "The teaser ends on \"you might regret this\" and a date.",
                Reported
            ),
            Some(WordingProblem::Unattributed)
        );
        assert_eq!(
            problem("Per episode the budget doubled.", Reported),
            Some(WordingProblem::Unattributed)
        );
    }

    #[test]
    fn confirmed_sounding_words_on_weak_claims_are_overstated() {
        assert_eq!(
            problem(
                "The network confirmed a third season, per Daily Lens.",
                Reported
            ),
            over("confirmed")
        );
        assert_eq!(
            problem("It's official: Kim is back.", Unverified),
            over("it's official")
        );
        assert_eq!(
            problem("Kim will definitely return, sources say.", Reported),
            over("definitely")
        );
        assert_eq!(
            problem("Filming is officially under way.", Speculation),
            over("officially")
        );
        assert_eq!(
            problem("Season 3 is a done deal, insiders say.", Unverified),
            over("done deal")
        );
    }

    #[test]
    fn corroborated_only_minds_the_strongest_words() {
        assert_eq!(problem("Kim will definitely return.", Corroborated), None);
        assert_eq!(
            problem("Starline confirmed Kim's return.", Corroborated),
            over("confirmed")
        );
        assert_eq!(
            problem("Kim is officially back.", Corroborated),
            over("officially")
        );
    }

    #[test]
    fn negated_or_future_strong_words_are_not_overstated() {
        for s in [
            "Starline has not confirmed the date, but Daily Lens reports May.",
            "The network is yet to announce anything; insiders say June.",
            "The cast is expected to be officially announced next week.",
            "Nothing is confirmed, though sources point to June.",
            "Starline declined to confirm the report.",
            "Kim said she was \"definitely\" coming back.",
            "The network hasn't officially renewed it, sources say.",
        ] {
            assert_eq!(problem(s, Reported), None, "{s}");
        }
    }

    #[test]
    fn suggestions_name_a_fix() {
        let s = suggestion(&WordingProblem::Unattributed, Reported);
        assert!(
            s.contains("according to") && s.contains("reportedly"),
            "{s}"
        );
        assert!(suggestion(&WordingProblem::Unattributed, Speculation).contains("we think"));
        assert!(suggestion(&WordingProblem::Unattributed, Unverified).contains("unconfirmed"));
        let o = suggestion(
            &WordingProblem::Overstated {
                word: "confirmed".into(),
            },
            Reported,
        );
        assert!(o.contains("\"confirmed\"") && o.contains("reported"), "{o}");
        let c = suggestion(
            &WordingProblem::Overstated {
                word: "officially".into(),
            },
            Corroborated,
        );
        assert!(c.contains("corroborated"), "{c}");
    }

    #[test]
    fn words_track_quotes_and_apostrophes() {
        let w = words("Kim’s line: “we’re back” and 'done'.");
        let lowers: Vec<&str> = w.iter().map(|w| w.lower.as_str()).collect();
        assert_eq!(
            lowers,
            vec!["kim’s", "line", "we’re", "back", "and", "done"]
        );
        assert!(w[2].quoted && w[3].quoted && !w[4].quoted);
    }
}
