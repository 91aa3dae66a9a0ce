//! Sentences outside any claim span that state a checkable fact, so the editor can ask the writer
//! to mark them (and source them) or reword them.
//!
//! "Checkable" is read narrowly, from four signals a fact-checker would reach for first:
//!
//! - a **figure**: a number other than series numbering (`16 episodes`, `8.7`, `$3 million`,
//!   `40%`, `the 34-year-old`), or a number word with a unit (`two million viewers`, `five
//!   awards`), or `doubled`/`halved`;
//! - a **date**: a month name in date position (`May 23`, `in June`, `mid-March`), a year
//!   1900–2099 (`2025`, `2025-05-23`, `the 2020s`);
//! - a **quotation** of three or more words in `"…"`, `“…”`, `‘…’` or `'…'` (a Title Case phrase in
//!   quotes is an episode or show title, not a quotation);
//! - an **award or ranking**: `won`, `nominated`, `award-winning`, `Best Drama`, `number one`,
//!   `No. 1`, `#1`, `top ten`, `ranked`, `chart`, `topped`, `most-watched`, `first place`, `2nd`.
//!
//! Series numbering alone is not a fact to source (`season 2`, `S2`, `episode 1`, `S02E05`,
//! `episodes 3 and 4`, `the 2nd season`), and neither are headings, code, or questions. Whether a
//! sentence is hedged does not matter here: speculation is marked as a claim too.

use crate::checks::sentences::prose;

/// Which kind of checkable fact a sentence holds (see [`fact_signal`] for which wins when a
/// sentence holds several).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactSignal {
    /// A number with a unit or a count, a rating, a sum, an age.
    Figure,
    /// A calendar date, a month or a year.
    Date,
    /// Someone's words in quotation marks.
    Quotation,
    /// An award, a nomination, a chart position or a ranking.
    AwardOrRanking,
}

/// The checkable fact `sentence` states, if any. When a sentence holds several, the most specific
/// wins: a quotation, then an award or ranking, then a date, then a figure.
pub fn fact_signal(sentence: &str) -> Option<FactSignal> {
    let body = strip_block_marker(sentence.trim());
    if body.starts_with('#')
        || body.starts_with("```")
        || body.starts_with("~~~")
        || sentence.starts_with("    ")
        || sentence.starts_with('\t')
    {
        return None;
    }
    let text = prose(body);
    let end = text.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, ')' | ']' | '}' | '*' | '_' | '"' | '”' | '’' | '\'')
    });
    if end.ends_with('?') {
        return None;
    }
    if has_quotation(&text) {
        return Some(FactSignal::Quotation);
    }
    let tokens = tokens(&text);
    let mut found = Found::default();
    scan(&tokens, &mut found);
    if found.award {
        Some(FactSignal::AwardOrRanking)
    } else if found.date {
        Some(FactSignal::Date)
    } else if found.figure {
        Some(FactSignal::Figure)
    } else {
        None
    }
}

#[derive(Default)]
struct Found {
    figure: bool,
    date: bool,
    award: bool,
}

/// The sentence without a leading list or quote marker (`- `, `* `, `1. `, `> `).
fn strip_block_marker(mut s: &str) -> &str {
    loop {
        let before = s;
        for marker in ["- ", "* ", "+ ", "> "] {
            if let Some(rest) = s.strip_prefix(marker) {
                s = rest.trim_start();
            }
        }
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=3).contains(&digits)
            && matches!(s.as_bytes().get(digits), Some(b'.' | b')'))
            && s.as_bytes().get(digits + 1) == Some(&b' ')
        {
            s = s[digits + 2..].trim_start();
        }
        if s == before {
            return s;
        }
    }
}

/// Whether `text` quotes three or more words that are not a Title Case title.
fn has_quotation(text: &str) -> bool {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        // A straight ' opens a quotation only after a space or at the start (else: apostrophe).
        let opens_single =
            c == '\'' && (i == 0 || chars[i - 1].1.is_whitespace() || chars[i - 1].1 == '(');
        let close: Option<&[char]> = match c {
            '"' => Some(&['"']),
            '\'' if opens_single => Some(&['\'']),
            '“' => Some(&['”', '"']),
            '‘' => Some(&['’']),
            _ => None,
        };
        if let Some(close) = close {
            let from = at + c.len_utf8();
            let found = chars[i + 1..].iter().position(|(j, d)| {
                close.contains(d)
                    // A closing ’ or ' followed by a letter is an apostrophe ("Kim’s").
                    && !(matches!(d, '’' | '\'')
                        && text[j + d.len_utf8()..].starts_with(char::is_alphanumeric))
            });
            if let Some(k) = found {
                let (to, _) = chars[i + 1 + k];
                if is_quotation(&text[from..to]) {
                    return true;
                }
                i += k + 2;
                continue;
            }
        }
        i += 1;
    }
    false
}

/// Small words a title may keep in lower case.
#[rustfmt::skip]
const TITLE_SMALL: &[&str] = &[
    "a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "with", "by", "from", "is",
];

fn is_quotation(inner: &str) -> bool {
    let words: Vec<&str> = inner
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    if words.len() < 3 {
        return false;
    }
    let first_letter = |w: &str| w.chars().find(|c| c.is_alphanumeric());
    let title_case = words.iter().enumerate().all(|(i, w)| {
        let lower = w.to_lowercase();
        let small = TITLE_SMALL.contains(&lower.trim_matches(|c: char| !c.is_alphanumeric()));
        first_letter(w).is_some_and(|c| c.is_uppercase() || c.is_numeric()) || (i > 0 && small)
    });
    let sentence_like = inner.trim_end().ends_with(['.', '!', '?', ',']);
    !title_case || sentence_like
}

/// One token: a word, a number (digits with inner `.`/`,`), or a single symbol.
#[derive(Debug)]
struct Tok<'a> {
    text: &'a str,
    lower: String,
    /// Joined to a letter by a hyphen: one syllable of a word such as "Jae-won".
    hyphened: bool,
}

impl Tok<'_> {
    fn is(&self, words: &[&str]) -> bool {
        words.contains(&self.lower.as_str())
    }
    fn capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
    fn starts_with_digit(&self) -> bool {
        self.text.starts_with(|c: char| c.is_ascii_digit())
    }
    /// All digits, with inner `.` or `,` allowed (`8.7`, `2,000`).
    fn is_number(&self) -> bool {
        self.starts_with_digit()
            && self
                .text
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    }
    fn is_year(&self) -> bool {
        let digits = self.text.strip_suffix("s").unwrap_or(self.text);
        digits.len() == 4
            && digits.bytes().all(|b| b.is_ascii_digit())
            && (digits.starts_with("19") || digits.starts_with("20"))
    }
}

fn tokens(text: &str) -> Vec<Tok<'_>> {
    let mut out = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let mut j = i;
        if c.is_alphanumeric() {
            // A word or number: alphanumerics, with `.`/`,` between digits and `'` between
            // letters kept inside.
            j += 1;
            while j < chars.len() {
                let (_, d) = chars[j];
                let prev = chars[j - 1].1;
                let next = chars.get(j + 1).map(|(_, n)| *n);
                let inner = match d {
                    '.' | ',' => prev.is_ascii_digit() && next.is_some_and(|n| n.is_ascii_digit()),
                    '\'' | '’' => prev.is_alphanumeric() && next.is_some_and(char::is_alphabetic),
                    _ => d.is_alphanumeric(),
                };
                if !inner {
                    break;
                }
                j += 1;
            }
        } else {
            j += 1;
        }
        let end = chars.get(j).map_or(text.len(), |(e, _)| *e);
        let raw = &text[start..end];
        let word = raw
            .strip_suffix("'s")
            .or_else(|| raw.strip_suffix("’s"))
            .unwrap_or(raw);
        if c.is_alphanumeric() || matches!(c, '%' | '$' | '£' | '€' | '₩' | '¥' | '#') {
            let letter_at = |k: usize| chars.get(k).is_some_and(|(_, d)| d.is_alphabetic());
            let hyphen_at = |k: usize| chars.get(k).is_some_and(|(_, d)| *d == '-');
            let hyphened = (i >= 2 && hyphen_at(i - 1) && letter_at(i - 2))
                || (hyphen_at(j) && letter_at(j + 1));
            out.push(Tok {
                text: word,
                lower: word.to_lowercase(),
                hyphened,
            });
        }
        i = j;
    }
    out
}

#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
];
#[rustfmt::skip]
const MONTH_ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];
/// Words before a month name that make it a date ("in May", "since June", "mid-March").
#[rustfmt::skip]
const BEFORE_MONTH: &[&str] = &[
    "in", "on", "by", "since", "until", "till", "from", "through", "early", "late", "mid", "last",
    "next", "this", "of", "before", "after", "during", "around", "between", "to", "end", "start",
    "come", "and", "or", "every", "each",
];
/// Words before a number that make it series numbering, not a figure.
#[rustfmt::skip]
const NUMBERING: &[&str] = &[
    "season", "seasons", "series", "episode", "episodes", "ep", "eps", "part", "parts", "chapter",
    "chapters", "volume", "vol", "book", "act", "round", "phase", "stage", "level", "instalment",
    "installment", "arc", "cour", "s", "e", "pt", "ch", "track", "disc",
];
/// Words after an ordinal that make it series numbering ("the 2nd season").
#[rustfmt::skip]
const NUMBERED: &[&str] = &[
    "season", "series", "episode", "part", "chapter", "volume", "instalment", "installment", "film",
    "movie", "book", "entry", "outing", "arc", "cour", "run",
];
/// Number words that count something when a unit follows.
#[rustfmt::skip]
const NUMBER_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety", "hundred",
    "hundreds", "thousand", "thousands", "dozen", "dozens", "a", "half",
];
/// Units that make a number word a figure ("two million", "five awards").
#[rustfmt::skip]
const UNITS: &[&str] = &[
    "million", "millions", "billion", "billions", "trillion", "percent", "cent", "episodes",
    "viewers", "views", "streams", "subscribers", "followers", "hours", "minutes", "days", "weeks",
    "months", "years", "countries", "languages", "awards", "nominations", "wins", "seasons",
    "times", "members", "points", "stars", "weeks", "markets", "households", "votes", "tickets",
    "dollars", "won", "pounds", "euros", "yen", "people", "extras", "actors", "cameras", "cities",
];
#[rustfmt::skip]
const ORDINALS: &[&str] = &[
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
];
#[rustfmt::skip]
const AWARD_WORDS: &[&str] = &[
    "won", "nominated", "nomination", "nominations", "nominee", "nominees", "shortlisted",
    "longlisted", "shortlist", "longlist", "award", "awards", "awarded", "prize", "prizes", "trophy",
    "trophies", "winner", "winners", "winning", "ranked", "ranking", "rankings", "ranks", "charted",
    "charting", "topped", "peaked", "accolade", "accolades", "laureate",
];
/// Words before "chart" that make it the noun ("the weekly chart"), not the verb.
#[rustfmt::skip]
const BEFORE_CHART: &[&str] = &[
    "the", "a", "its", "their", "weekly", "global", "streaming", "music", "top", "ratings",
    "album", "singles",
];
/// Days of the week: a date only beside a day number or a month.
#[rustfmt::skip]
const WEEKDAYS: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
];

/// Marks in `found` what the tokens of a sentence hold.
fn scan(toks: &[Tok<'_>], found: &mut Found) {
    let at = |i: usize| toks.get(i);
    let prev = |i: usize, n: usize| i.checked_sub(n).and_then(|j| toks.get(j));
    // Whether the number at an index was series numbering, so "episodes 3 and 4" carries over.
    let mut numbering: Vec<bool> = vec![false; toks.len()];
    for (i, t) in toks.iter().enumerate() {
        let p = prev(i, 1);
        let n = at(i + 1);
        // --- awards and rankings
        if t.is(AWARD_WORDS) {
            // "3 billion won" is money, not a win.
            let money = t.lower == "won"
                && p.is_some_and(|p| p.is_number() || p.is(NUMBER_WORDS) || p.is(UNITS));
            // "Jae-won", "Won-hae", "Won Bin": a syllable of a Korean name, not the verb, which
            // is never hyphenated nor capitalised inside a sentence.
            let name_syllable = t.lower == "won"
                && (t.hyphened || (t.capitalised() && (i > 0 || n.is_some_and(Tok::capitalised))));
            if money {
                found.figure = true;
            } else if !name_syllable {
                found.award = true;
            }
        }
        let best_category = t.text == "Best" && i > 0 && n.is_some_and(|n| n.capitalised());
        let number_one = t.lower == "number" && n.is_some_and(|n| n.is(&["one", "1"]));
        let no_one = t.text == "No" && n.is_some_and(|n| n.is_number());
        let hash_one = t.text == "#" && n.is_some_and(|n| n.is_number());
        let top_n = t.lower == "top"
            && n.is_some_and(|n| (n.is_number() && !n.is_year()) || n.is(NUMBER_WORDS));
        let most_watched = t.is(&["most", "highest", "best", "top"])
            && n.is_some_and(|n| {
                n.is(&[
                    "watched", "rated", "viewed", "streamed", "selling", "grossing", "ranked",
                ])
            });
        // "the chart", "StreamBox's chart": a noun; "writers chart a course": a verb.
        let chart = t.is(&["chart", "charts"])
            && (i == 0 || p.is_some_and(|p| p.capitalised() || p.is(BEFORE_CHART)));
        let record = t.lower == "record"
            && (p.is_some_and(|p| {
                p.is(&["a", "new", "broke", "set", "time", "ratings", "viewing"])
            }) || n.is_some_and(|n| n.is(&["breaking", "high", "low", "number", "audience"])));
        let place = t.is(ORDINALS)
            && (n.is_some_and(|n| n.is(&["place", "spot", "position"]))
                || p.is_some_and(|p| p.is(&["came", "finished", "placed", "ranked", "ranks"])));
        if chart
            || best_category
            || number_one
            || no_one
            || hash_one
            || top_n
            || most_watched
            || record
            || place
        {
            found.award = true;
        }
        // --- dates
        if t.capitalised() && t.is(MONTHS) {
            let dated =
                n.is_some_and(|n| n.starts_with_digit()) || p.is_some_and(|p| p.is(BEFORE_MONTH));
            if dated {
                found.date = true;
            }
        }
        if t.capitalised() && t.is(MONTH_ABBREVIATIONS) && n.is_some_and(Tok::starts_with_digit) {
            found.date = true;
        }
        if t.is(WEEKDAYS) && n.is_some_and(|n| n.starts_with_digit() || n.is(MONTHS)) {
            found.date = true;
        }
        // --- figures
        if t.starts_with_digit() {
            let after_numbering = p.is_some_and(|p| p.is(NUMBERING))
                || (p.is_some_and(|p| p.is(&["and", "to", "through", "or", "&"]))
                    && i >= 2
                    && numbering[i - 2]);
            let after_ranking =
                p.is_some_and(|p| p.text == "No" || p.text == "#" || p.lower == "top");
            if after_numbering {
                numbering[i] = true;
            } else if after_ranking {
                // Counted above as a ranking.
            } else if t.is_year() && !n.is_some_and(|n| n.is(UNITS)) {
                found.date = true;
            } else if t.is_number() {
                found.figure = true;
            } else {
                let suffix = t.lower.trim_start_matches(|c: char| c.is_ascii_digit());
                if matches!(suffix, "st" | "nd" | "rd" | "th") {
                    if !n.is_some_and(|n| n.is(NUMBERED)) {
                        found.figure = true;
                    }
                } else {
                    found.figure = true;
                }
            }
        }
        if t.is(&[
            "million",
            "millions",
            "billion",
            "billions",
            "trillion",
            "doubled",
            "tripled",
            "quadrupled",
            "halved",
        ]) {
            found.figure = true;
        }
        let counts = if t.lower == "a" {
            n.is_some_and(|n| n.is(&["dozen", "million", "billion", "hundred", "thousand"]))
        } else {
            t.is(NUMBER_WORDS)
        };
        if counts {
            let reference = p.is_some_and(|p| {
                p.is(&[
                    "first", "last", "next", "previous", "both", "final", "opening", "other",
                ])
            });
            if let Some(n) = n
                && n.is(UNITS)
                && !reference
            {
                found.figure = true;
            }
        }
        // A letter-then-digits token ("S2", "E5", "S02E05") is series numbering.
        if t.text.starts_with(char::is_alphabetic) && t.text.ends_with(|c: char| c.is_ascii_digit())
        {
            numbering[i] = true;
        }
        if t.text == "%"
            || (matches!(t.text, "$" | "£" | "€" | "₩" | "¥")
                && n.is_some_and(|n| n.starts_with_digit()))
        {
            found.figure = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use FactSignal::*;

    #[test]
    fn figures_are_found() {
        for s in [
            "The season has 16 episodes.",
            "The finale drew 4.2 million viewers.",
            "Ratings rose 40% week on week.",
            "It holds an 8.7 on the fan site.",
            "The 34-year-old actor trained for months.",
            "The budget was $3 million per episode.",
            "The show cost 30 billion won.",
            "Two million people watched the premiere.",
            "Ratings doubled after the finale.",
        ] {
            assert_eq!(fact_signal(s), Some(Figure), "{s}");
        }
    }

    #[test]
    fn dates_are_found() {
        for s in [
            "Season 2 premieres May 23.",
            "Filming started in June.",
            "The first season aired in 2023.",
            "The trailer dropped on 2025-05-23.",
            "Production resumes mid-March.",
            "It lands Friday, Oct. 3.",
        ] {
            assert_eq!(fact_signal(s), Some(Date), "{s}");
        }
    }

    #[test]
    fn won_inside_a_korean_name_is_not_an_award() {
        for s in [
            "Yang Jae-won joins the cast as the detective.",
            "Kim Won-hae plays her father.",
            "The director praised Jae-won for his patience.",
            "Fans love Won Bin in the role.",
        ] {
            assert_eq!(fact_signal(s), None, "{s}");
        }
        // The verb is still read, beside a name too.
        assert_eq!(
            fact_signal("Yang Jae-won won Best Actor."),
            Some(AwardOrRanking)
        );
        assert_eq!(fact_signal("Won Bin won the prize."), Some(AwardOrRanking));
    }

    #[test]
    fn quotations_and_awards_are_found() {
        assert_eq!(
            fact_signal("Kim called it “the hardest role of my life” last week."),
            Some(Quotation)
        );
        assert_eq!(
            fact_signal("The writer said \"we are not done yet\" to fans."),
            Some(Quotation)
        );
        assert_eq!(
            fact_signal("It won Best Drama at the Lumen Awards."),
            Some(AwardOrRanking)
        );
        assert_eq!(
            fact_signal("Kim was nominated twice."),
            Some(AwardOrRanking)
        );
        assert_eq!(
            fact_signal("The show hit No. 1 on StreamBox."),
            Some(AwardOrRanking)
        );
        assert_eq!(
            fact_signal("It stayed in the top ten for weeks."),
            Some(AwardOrRanking)
        );
        assert_eq!(
            fact_signal("Kim said only 'see you soon' in her post."),
            Some(Quotation)
        );
        assert_eq!(
            fact_signal("It topped the weekly chart."),
            Some(AwardOrRanking)
        );
        assert_eq!(
            fact_signal("It was the most-watched drama of the year."),
            Some(AwardOrRanking)
        );
    }

    #[test]
    fn series_numbering_alone_is_not_a_fact() {
        for s in [
            "Season 2 picks up where season 1 left off.",
            "S2 is darker than S1.",
            "Episode 1 opens in a hospital.",
            "We rewatched S01E05 twice.",
            "Episodes 3 and 4 are the best of the run.",
            "The 2nd season is where it gets good.",
            "The first two episodes are slow.",
        ] {
            assert_eq!(fact_signal(s), None, "{s}");
        }
    }

    #[test]
    fn headings_code_questions_and_plain_prose_are_skipped() {
        for s in [
            "# Season 2: everything we know about the 2025 return",
            "## Release date",
            "Will it premiere in May?",
            "Did the finale really draw 4 million viewers?",
            "```rust",
            "The show is a slow-burn thriller about grief.",
            "May the best show win.",
            "March on, says the poster.",
            "The writers chart a bolder course.",
            "June Park plays the detective.",
            "The episode is called \"The Long Night Shift\" and it is great.",
            "Kim is back [as the surgeon]{claim=01J9ZK2025} and that is good.",
            "It's all on the record now.",
            "`count = 16` is a config line.",
        ] {
            assert_eq!(fact_signal(s), None, "{s}");
        }
    }

    #[test]
    fn list_markers_do_not_hide_or_fake_facts() {
        assert_eq!(fact_signal("1. The cast is back."), None);
        assert_eq!(fact_signal("- Filming starts in May."), Some(Date));
    }
}
