//! Hedges, boosters and denials in a sentence, with negation, and the certainty they add up to.
//! Quoted words count: "We are positively reviewing it" hedges the agency's own statement.
//!
//! A negator shortly before a booster, a negatable statement verb or a hedge ("has not been
//! confirmed", "did not comment", "not in talks") makes a denial. Certainty is the strongest
//! signal present: denied, then speculative, then hedged, else asserted.

use super::lexicon::{Lexicon, Phrase};
use super::text::{Token, capitalised, longest_at};
use super::{Certainty, Marker, MarkerKind};

fn is_month_may(toks: &[Token], i: usize, original: &str) -> bool {
    let t = &toks[i];
    if t.lower != "may" || !capitalised(&original[t.start..t.end]) || i == 0 {
        return false;
    }
    let next_number = toks
        .get(i + 1)
        .is_some_and(|n| n.lower.chars().next().is_some_and(|c| c.is_ascii_digit()));
    let prev = toks[i - 1].lower.as_str();
    next_number
        || matches!(
            prev,
            "in" | "on" | "of" | "since" | "until" | "by" | "from" | "early" | "late" | "mid"
        )
}

/// Finds the negator that governs a match starting at token `i`, if any.
fn negator_before(toks: &[Token], i: usize, lex: &Lexicon) -> Option<usize> {
    let mut k = i;
    let mut words = 0;
    while k > 0 && words < lex.negation_window {
        k -= 1;
        let t = &toks[k];
        if !t.word {
            return None;
        }
        words += 1;
        let neg = lex.negators.iter().any(|n| {
            if n == "n't" {
                return t.lower.ends_with("n't");
            }
            let words: Vec<&str> = n.split(' ').collect();
            words.len() <= k + 1
                && words
                    .iter()
                    .rev()
                    .enumerate()
                    .all(|(back, w)| toks[k - back].lower == *w)
        });
        if neg {
            return Some(k);
        }
    }
    None
}

/// The markers of one sentence (plain text), in text order.
pub fn markers(s: &str, toks: &[Token], lex: &Lexicon) -> Vec<Marker> {
    let mut out: Vec<(usize, Marker)> = Vec::new();
    let mut taken = vec![false; toks.len()];
    let lists: [(&[Phrase], MarkerKind); 5] = [
        (&lex.denial, MarkerKind::Denial),
        (&lex.hedge, MarkerKind::Hedge),
        (&lex.booster, MarkerKind::Booster),
        (&lex.negatable, MarkerKind::Booster),
        (&lex.speculation, MarkerKind::Speculation),
    ];
    for (list, kind) in lists {
        for i in 0..toks.len() {
            if taken[i] || !toks[i].word || is_month_may(toks, i, s) {
                continue;
            }
            let Some(end) = longest_at(toks, i, list) else {
                continue;
            };
            if taken[i..end].iter().any(|&t| t) {
                continue;
            }
            let negatable_only = std::ptr::eq(list, lex.negatable.as_slice());
            let negated = kind != MarkerKind::Denial
                && kind != MarkerKind::Speculation
                && negator_before(toks, i, lex).is_some();
            if negatable_only && !negated {
                continue;
            }
            let from = if negated {
                negator_before(toks, i, lex).unwrap_or(i)
            } else {
                i
            };
            for t in &mut taken[from..end] {
                *t = true;
            }
            let phrase = s[toks[from].start..toks[end - 1].end].to_string();
            let kind = if negated { MarkerKind::Denial } else { kind };
            out.push((
                from,
                Marker {
                    kind,
                    phrase,
                    negated,
                },
            ));
        }
    }
    out.sort_by_key(|(at, _)| *at);
    out.into_iter().map(|(_, m)| m).collect()
}

/// The certainty the markers add up to.
pub fn certainty(markers: &[Marker]) -> Certainty {
    let has = |k: MarkerKind| markers.iter().any(|m| m.kind == k);
    if has(MarkerKind::Denial) {
        Certainty::Denied
    } else if has(MarkerKind::Speculation) {
        Certainty::Speculative
    } else if has(MarkerKind::Hedge) {
        Certainty::Hedged
    } else {
        Certainty::Asserted
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::text::tokens;

    fn read(s: &str) -> (Vec<(MarkerKind, String)>, Certainty) {
        let m = markers(s, &tokens(s), Lexicon::builtin());
        let c = certainty(&m);
        (m.into_iter().map(|m| (m.kind, m.phrase)).collect(), c)
    }

    #[test]
    fn hedges_make_a_claim_hedged() {
        let (m, c) = read("The show will reportedly return, and Kim is in talks to join.");
        assert_eq!(c, Certainty::Hedged);
        assert!(m.contains(&(MarkerKind::Hedge, "reportedly".into())));
        assert!(m.contains(&(MarkerKind::Hedge, "in talks".into())));
        let (_, c) = read("The agency is positively reviewing the offer.");
        assert_eq!(c, Certainty::Hedged, "Korean press phrasing");
    }

    #[test]
    fn negated_boosters_deny_and_plain_boosters_assert() {
        assert_eq!(read("Nothing is confirmed yet.").1, Certainty::Denied);
        assert_eq!(read("The date has not been decided.").1, Certainty::Denied);
        assert_eq!(
            read("HBN has not officially announced it.").1,
            Certainty::Denied
        );
        let (m, c) = read("HBN officially announced the season.");
        assert_eq!(c, Certainty::Asserted);
        assert_eq!(
            m,
            vec![(MarkerKind::Booster, "officially announced".into())]
        );
        assert_eq!(read("The report was confirmed.").1, Certainty::Asserted);
        assert_eq!(read("The report was not confirmed.").1, Certainty::Denied);
    }

    #[test]
    fn content_negation_is_still_asserted() {
        assert_eq!(
            read("Jang will not return for the sequel.").1,
            Certainty::Asserted
        );
    }

    #[test]
    fn modals_are_speculation_but_the_month_may_is_not() {
        assert_eq!(
            read("Filming could begin in October.").1,
            Certainty::Speculative
        );
        assert_eq!(read("It premieres in May on HBN.").1, Certainty::Asserted);
        assert_eq!(
            read("The show may return in May 2026.").1,
            Certainty::Speculative
        );
    }

    #[test]
    fn denials_outrank_hedges() {
        let (_, c) = read("\"We are positively reviewing it, but nothing has been decided.\"");
        assert_eq!(c, Certainty::Denied);
    }
}
