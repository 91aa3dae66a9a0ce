//! The as-of date of a claim: an explicit "as of DATE", else the date of the statement or report
//! when the sentence gives one ("said on Monday", "On May 3, X reported", "told Y in June",
//! "last week"), else the article's published date. Dates without a year, weekdays and relative
//! spans are resolved against the published date, never forward (a report is in the past); a
//! relative span becomes the most precise date holding all of it ("last week" inside one month
//! is that month). Event dates inside the claim ("premieres on June 5") are not as-of dates.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::lexicon::Lexicon;
use super::text::{Token, capitalised, longest_at};
use crate::dates::PartialDate;

const STOPS: &[&str] = &[
    ",", ";", ".", ":", "\"", "“", "”", "that", "will", "would", "is", "are", "was", "were", "has",
    "have", "had", "can", "could", "may", "might", "should", "and", "but", "who", "which",
];
const INTRODUCERS: &[&str] = &[
    "on", "in", "since", "at", "by", "during", "until", "from", "early", "late", "mid", "earlier",
];

fn span_date(from: NaiveDate, to: NaiveDate) -> PartialDate {
    if from.year() == to.year() && from.month() == to.month() {
        PartialDate::Month(from.year(), from.month())
    } else {
        PartialDate::Year(to.year())
    }
}

fn day_number(t: &Token) -> Option<u32> {
    let digits: String = t.lower.chars().take_while(char::is_ascii_digit).collect();
    let rest = &t.lower[digits.len()..];
    if digits.is_empty() || !matches!(rest, "" | "st" | "nd" | "rd" | "th") {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(t: &Token) -> Option<i32> {
    (t.lower.len() == 4 && t.lower.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.lower.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

/// Resolves a month and day with no year: the latest such day not after `published`.
fn resolve_day(month: u32, day: u32, published: Option<NaiveDate>) -> Option<PartialDate> {
    let p = published?;
    let this = NaiveDate::from_ymd_opt(p.year(), month, day)?;
    if this <= p {
        Some(PartialDate::Day(this))
    } else {
        NaiveDate::from_ymd_opt(p.year() - 1, month, day).map(PartialDate::Day)
    }
}

fn resolve_month(month: u32, published: Option<NaiveDate>) -> Option<PartialDate> {
    let p = published?;
    let year = if month <= p.month() {
        p.year()
    } else {
        p.year() - 1
    };
    Some(PartialDate::Month(year, month))
}

/// A date expression starting at token `i`: the date and the index after it.
pub fn date_at(
    toks: &[Token],
    i: usize,
    s: &str,
    lex: &Lexicon,
    published: Option<NaiveDate>,
) -> Option<(PartialDate, usize)> {
    let t = toks.get(i)?;
    let next = |k: usize| toks.get(k).map(|t| t.lower.as_str()).unwrap_or("");
    match t.lower.as_str() {
        "yesterday" => return published.map(|p| (PartialDate::Day(p - Duration::days(1)), i + 1)),
        "today" | "tonight" => return published.map(|p| (PartialDate::Day(p), i + 1)),
        "last" | "this" | "earlier" => {
            let (this, unit_at) = match (t.lower.as_str(), next(i + 1)) {
                ("earlier", "this") => (true, i + 2),
                ("last", _) => (false, i + 1),
                ("this", _) => (true, i + 1),
                _ => return None,
            };
            let p = published?;
            let date = match (next(unit_at), this) {
                ("week", false) => {
                    let monday = p - Duration::days(p.weekday().num_days_from_monday() as i64);
                    span_date(monday - Duration::days(7), monday - Duration::days(1))
                }
                ("week", true) => {
                    let monday = p - Duration::days(p.weekday().num_days_from_monday() as i64);
                    span_date(monday, p)
                }
                ("month", false) => {
                    let prev = p.with_day(1)? - Duration::days(1);
                    PartialDate::Month(prev.year(), prev.month())
                }
                ("month", true) => PartialDate::Month(p.year(), p.month()),
                ("year", false) => PartialDate::Year(p.year() - 1),
                ("year", true) => PartialDate::Year(p.year()),
                _ => return None,
            };
            return Some((date, unit_at + 1));
        }
        _ => {}
    }
    if let Some(w) = lex.weekdays.iter().position(|w| *w == t.lower) {
        let p = published?;
        let want = Weekday::try_from(w as u8).ok()?;
        let back = (7 + p.weekday().num_days_from_monday() as i64
            - want.num_days_from_monday() as i64)
            % 7;
        return Some((PartialDate::Day(p - Duration::days(back)), i + 1));
    }
    if let Ok(d) = t.lower.parse::<PartialDate>()
        && t.lower.contains('-')
    {
        return Some((d, i + 1));
    }
    if let Some(y) = year_number(t) {
        return Some((PartialDate::Year(y), i + 1));
    }
    // Month names must be written with a capital ("May", not the modal "may").
    if let Some(m) = lex
        .month(&t.lower)
        .filter(|_| capitalised(&s[t.start..t.end]))
    {
        let mut k = i + 1;
        if next(k) == "." {
            k += 1;
        }
        if let Some(d) = toks.get(k).and_then(day_number) {
            let mut after = k + 1;
            let comma = next(after) == ",";
            if comma {
                after += 1;
            }
            if let Some(y) = toks.get(after).and_then(year_number) {
                return NaiveDate::from_ymd_opt(y, m, d).map(|d| (PartialDate::Day(d), after + 1));
            }
            return resolve_day(m, d, published).map(|d| (d, k + 1));
        }
        if let Some(y) = toks.get(k).and_then(year_number) {
            return Some((PartialDate::Month(y, m), k + 1));
        }
        if t.lower == "may"
            && !matches!(i.checked_sub(1).map(|p| toks[p].lower.as_str()), Some(x) if INTRODUCERS.contains(&x))
        {
            return None;
        }
        return resolve_month(m, published).map(|d| (d, k));
    }
    if let Some(d) = day_number(t)
        && let Some(m) = toks.get(i + 1).and_then(|n| lex.month(&n.lower))
    {
        if let Some(y) = toks.get(i + 2).and_then(year_number) {
            return NaiveDate::from_ymd_opt(y, m, d).map(|d| (PartialDate::Day(d), i + 3));
        }
        return resolve_day(m, d, published).map(|d| (d, i + 2));
    }
    None
}

/// A date that reads as the time of something (introduced by "on", "in", "last" …), not part
/// of a name ("the 2022 hit").
fn dated_at(
    toks: &[Token],
    i: usize,
    s: &str,
    lex: &Lexicon,
    published: Option<NaiveDate>,
) -> Option<PartialDate> {
    let relative = matches!(
        toks[i].lower.as_str(),
        "yesterday" | "today" | "tonight" | "last" | "this" | "earlier"
    ) || lex.weekdays.contains(&toks[i].lower);
    let introduced = i > 0 && INTRODUCERS.contains(&toks[i - 1].lower.as_str());
    if !relative && !introduced {
        return None;
    }
    date_at(toks, i, s, lex, published).map(|(d, _)| d)
}

/// Token indices just after each attribution cue (a saying verb or a carrier phrase).
pub fn cue_ends(toks: &[Token], lex: &Lexicon) -> Vec<usize> {
    let mut out = Vec::new();
    for i in 0..toks.len() {
        let passive = i > 0 && lex.passive_before.contains(&toks[i - 1].lower);
        if let Some(end) = longest_at(toks, i, &lex.verbs) {
            if !passive {
                out.push(end);
            }
        } else if let Some(end) = longest_at(toks, i, &lex.carriers) {
            out.push(end);
        }
    }
    out
}

/// The as-of date of one sentence. `toks` are the tokens of `s` with quotations masked.
pub fn as_of(
    s: &str,
    toks: &[Token],
    lex: &Lexicon,
    published: Option<NaiveDate>,
) -> Option<PartialDate> {
    let fallback = published.map(PartialDate::Day);
    for i in 0..toks.len() {
        if let Some(end) = longest_at(toks, i, &lex.as_of)
            && let Some((d, _)) = date_at(toks, end, s, lex, published)
        {
            return Some(d);
        }
    }
    let cues = cue_ends(toks, lex);
    for &e in &cues {
        for k in e..toks.len().min(e + 10) {
            let modal_may = toks[k].lower == "may" && !capitalised(&s[toks[k].start..toks[k].end]);
            if modal_may || (toks[k].lower != "may" && STOPS.contains(&toks[k].lower.as_str())) {
                break;
            }
            if let Some(d) = dated_at(toks, k, s, lex, published) {
                return Some(d);
            }
        }
    }
    if let Some(comma) = toks.iter().position(|t| t.lower == ",")
        && comma <= 8
        && cues.iter().any(|&e| e > comma)
    {
        // Only an opening date clause ("On May 3,", "Earlier on June 2,") dates the report.
        for k in 0..comma.min(3) {
            if let Some(d) = dated_at(toks, k, s, lex, published) {
                return Some(d);
            }
        }
    }
    for k in 0..toks.len() {
        if let Some((d, end)) = date_at(toks, k, s, lex, published)
            && toks.get(end).is_some_and(|t| t.lower == ",")
            && toks.get(end + 1).is_some_and(|t| t.lower == "when")
            && cues.iter().any(|&e| e > end)
            && dated_at(toks, k, s, lex, published).is_some()
        {
            return Some(d);
        }
    }
    fallback
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::intake::text::tokens;

    fn at(s: &str, published: &str) -> String {
        let p = NaiveDate::parse_from_str(published, "%Y-%m-%d").ok();
        as_of(s, &tokens(s), Lexicon::builtin(), p)
            .map(|d| d.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn explicit_as_of_wins() {
        assert_eq!(
            at("As of May 23, 2025, it had 4 million views.", "2025-06-01"),
            "2025-05-23"
        );
        assert_eq!(
            at(
                "As of Jan. 4, it had been viewed 9.7 million times.",
                "2026-01-12"
            ),
            "2026-01-04"
        );
    }

    #[test]
    fn the_statement_date_is_resolved_against_the_published_date() {
        assert_eq!(
            at("HBN said on Thursday that it will return.", "2025-09-19"),
            "2025-09-18"
        );
        assert_eq!(
            at(
                "On March 3, Star Daily reported that it was cast.",
                "2025-05-23"
            ),
            "2025-03-03"
        );
        assert_eq!(
            at(
                "She told Cine Beat in December that it was false.",
                "2026-01-12"
            ),
            "2025-12"
        );
        assert_eq!(
            at(
                "Star Daily reported last week that two episodes were added.",
                "2026-01-12"
            ),
            "2026-01"
        );
        assert_eq!(
            at(
                "She is reviewing it, her agency said last month.",
                "2025-06-02"
            ),
            "2025-05"
        );
        assert_eq!(
            at(
                "Reports suggested last year that a spin-off was planned.",
                "2025-09-19"
            ),
            "2024"
        );
    }

    #[test]
    fn event_dates_in_the_claim_keep_the_published_date() {
        assert_eq!(
            at(
                "Season 2 premieres on Nov. 8 on Channel Pine.",
                "2025-08-15"
            ),
            "2025-08-15"
        );
        assert_eq!(
            at(
                "Ironleaf said filming will start in January 2026.",
                "2025-10-02"
            ),
            "2025-10-02"
        );
        assert_eq!(
            at("Lim wrote the 2022 hit \"Paper Crown\".", "2025-03-14"),
            "2025-03-14"
        );
    }

    #[test]
    fn no_published_date_leaves_relative_dates_unresolved() {
        assert_eq!(at("HBN said on Monday that it will return.", ""), "");
        assert_eq!(
            at("HBN said on May 3, 2025 that it will return.", ""),
            "2025-05-03"
        );
    }
}
