//! Which sentences are candidate claims: those asserting something checkable (a number, a date,
//! a name, a title, an award, a rating, casting, a release, a statement). Headings, bylines,
//! datelines, page furniture ("read more", photo credits, copyright), questions, opinions and
//! the writer's asides are not. Opinion cues are read outside quotations: a quoted "we are"
//! is the speaker's, not the writer's.

use super::lexicon::Lexicon;
use super::sentences::BlockKind;
use super::text::{Token, capitalised, longest_at};

/// Why a sentence is not a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skip {
    Heading,
    Boilerplate,
    Question,
    Opinion,
    NoFact,
}

fn ends_like_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '”', '’', '\'', ')', ']', ' ']);
    t.ends_with(['.', '!', '?', '…']) || s.trim_end().ends_with(['"', '”', ')'])
}

/// Decides one sentence. `s` is its plain text, `masked` the tokens with quotations blanked,
/// `attributed` whether someone is named as saying it.
pub fn skip(
    s: &str,
    kind: BlockKind,
    masked: &[Token],
    attributed: bool,
    lex: &Lexicon,
) -> Option<Skip> {
    if kind == BlockKind::Heading {
        return Some(Skip::Heading);
    }
    let lower = s.trim().to_lowercase();
    let starts = |p: &String| {
        lower.starts_with(p.as_str())
            && (p.ends_with([' ', ':'])
                || !p.chars().last().is_some_and(char::is_alphanumeric)
                || !lower[p.len()..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric))
    };
    let words = masked.iter().filter(|t| t.word).count();
    if lex.boilerplate_starts.iter().any(starts) && (!lower.starts_with("by ") || words <= 8)
        || lex
            .boilerplate_contains
            .iter()
            .any(|p| lower.contains(p.as_str()))
    {
        return Some(Skip::Boilerplate);
    }
    if kind != BlockKind::ListItem && !ends_like_sentence(s) {
        return Some(Skip::Boilerplate);
    }
    if s.trim_end().ends_with(':') {
        return Some(Skip::Boilerplate);
    }
    let bare = s.trim_end_matches(['"', '”', '’', ')', ' ']);
    if bare.ends_with('?') {
        return Some(Skip::Question);
    }
    if (0..masked.len()).any(|i| longest_at(masked, i, &lex.opinion).is_some()) {
        return Some(Skip::Opinion);
    }
    let all_words: Vec<&str> = s.split_whitespace().collect();
    let has_digit = s.chars().any(|c| c.is_ascii_digit());
    if all_words.len() < lex.min_words && !has_digit {
        return Some(Skip::NoFact);
    }
    let cue = has_digit
        || attributed
        || s.contains('"')
        || s.contains('“')
        || all_words.iter().enumerate().any(|(i, w)| {
            let lw: String = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            let name = capitalised(w) && i > 0 && *w != "I";
            let acronym = w.chars().filter(|c| c.is_uppercase()).count() >= 2;
            name || acronym
                || lex.fact_cues.contains(&lw)
                || lex.number_words.contains(&lw)
                || lex.month(&lw).is_some() && capitalised(w)
                || lex.weekdays.contains(&lw)
        });
    (!cue).then_some(Skip::NoFact)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::text::tokens;

    fn why(s: &str) -> Option<Skip> {
        skip(
            s,
            BlockKind::Paragraph,
            &tokens(s),
            false,
            Lexicon::builtin(),
        )
    }

    #[test]
    fn facts_are_candidates() {
        assert_eq!(why("The finale recorded 11.4 percent."), None);
        assert_eq!(why("Kang Min-jae will enlist in December."), None);
        assert_eq!(why("Six episodes remain."), None);
    }

    #[test]
    fn page_furniture_is_not() {
        for s in [
            "Read more: The best dramas of spring",
            "Photo: HBN",
            "By Jae Park",
            "© 2025 Cine Beat. All rights reserved.",
            "Subscribe to our newsletter for weekly casting news.",
            "SEOUL, June 2 (Hallyu Post) —",
        ] {
            assert_eq!(why(s), Some(Skip::Boilerplate), "{s}");
        }
    }

    #[test]
    fn questions_opinions_and_asides_are_not() {
        assert_eq!(why("Will the original cast return?"), Some(Skip::Question));
        assert_eq!(
            why("Honestly, it deserved every award."),
            Some(Skip::Opinion)
        );
        assert_eq!(why("Let us know what you think."), Some(Skip::Boilerplate));
        assert_eq!(why("Not yet."), Some(Skip::NoFact));
    }

    #[test]
    fn headings_never_are() {
        assert_eq!(
            skip(
                "Season 2 premieres Nov. 8",
                BlockKind::Heading,
                &[],
                false,
                Lexicon::builtin()
            ),
            Some(Skip::Heading)
        );
    }
}
