//! Sentence boundaries over a Markdown draft, so that a check can look at "the sentence a claim
//! span stands in" rather than at the span alone.
//!
//! The splitting itself is Unicode's (UAX #29, through `unicode-segmentation`); this module owns
//! what UAX #29 cannot know about Markdown and about explainer prose:
//!
//! - Markdown blocks end a sentence: a blank line, a heading line (`#`), a list item (`-`, `*`,
//!   `+`, `1.`, `1)`), a block quote (`>`), a table row (`|`) and a hard line break (two trailing
//!   spaces or a trailing backslash). A soft line wrap inside a paragraph does not.
//! - Fenced code blocks are not prose and yield no sentences.
//! - Pandoc attribute blocks (`]{claim=…}`) and emphasis stars are read as closing punctuation,
//!   so `[It is renewed.]{claim=X} Filming starts.` is two sentences, the first one ending at `}`.
//! - Abbreviations UAX #29 would end a sentence on are rejoined where that is easy to tell:
//!   titles (`Dr.`, `Mr.`), initials (`J. Lee`), `No. 1`, `Ep. 3`, `Jan. 5`, `e.g.`, `S2. E1`,
//!   and a full stop with no space after it (`S2.E1`). Decimals (`8.7`) never split in UAX #29.
//!
//! Ranges are byte ranges into the text as given, trimmed of surrounding whitespace; a heading or
//! list item keeps its marker (`## Cast`, `- Kim returns.`) so checks can tell what they look at.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::spans;

/// Every sentence of `text`, in order, as byte ranges trimmed of surrounding whitespace.
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    sentences_with_spans(text, &spans::parse(text))
}

/// [`sentences`] of a text already parsed: `spans` are `spans::parse(text)` (the checks parse a
/// draft once and share the spans).
pub fn sentences_with_spans(text: &str, spans: &[spans::ClaimSpan]) -> Vec<Range<usize>> {
    let masked = masked_copy(text, spans);
    let mut out = Vec::new();
    for block in blocks(text) {
        split_block(&masked, block, &mut out);
    }
    out
}

/// The sentence, or the run of sentences, that holds the byte range `at` (a claim span may cross a
/// sentence boundary). When `at` touches no sentence (whitespace, code), `at` itself comes back,
/// clamped to the text.
pub fn sentence_around(text: &str, at: Range<usize>) -> Range<usize> {
    sentence_in(&sentences(text), text.len(), at)
}

/// Like [`sentence_around`] over sentences already split (in order): the checks split a draft
/// once and look up every span's sentence by binary search.
pub fn sentence_in(sentences: &[Range<usize>], text_len: usize, at: Range<usize>) -> Range<usize> {
    let at = at.start.min(text_len)..at.end.min(text_len).max(at.start.min(text_len));
    let first = sentences.partition_point(|s| s.end <= at.start);
    let mut hit: Option<Range<usize>> = None;
    for s in &sentences[first..] {
        let touches = if at.is_empty() {
            s.start <= at.start && at.start < s.end
        } else {
            s.start < at.end && at.start < s.end
        };
        if touches {
            hit = Some(match hit {
                Some(h) => h.start..s.end,
                None => s.clone(),
            });
        } else if s.start >= at.end {
            break;
        }
    }
    hit.unwrap_or(at)
}

/// A copy of `text`, byte for byte the same length, in which what UAX #29 misreads is replaced:
/// line breaks become spaces (blocks are split beforehand), Pandoc `]{…}` attribute blocks and `*`
/// become `)` (closing punctuation, which a sentence may end with).
fn masked_copy(text: &str, spans: &[spans::ClaimSpan]) -> String {
    let mut bytes: Vec<u8> = text.as_bytes().to_vec();
    for span in spans {
        let from = span.text_range.1;
        // Replace every character with as many `)` as it has bytes, so offsets stay put.
        for b in bytes.iter_mut().take(span.end.min(text.len())).skip(from) {
            *b = b')';
        }
    }
    for b in bytes.iter_mut() {
        match *b {
            b'\n' | b'\r' => *b = b' ',
            b'*' => *b = b')',
            _ => {}
        }
    }
    // Only ASCII bytes replaced whole characters (or all bytes of one), so this cannot fail; fall
    // back to the original text rather than panic if it ever did.
    String::from_utf8(bytes).unwrap_or_else(|_| text.to_string())
}

/// The Markdown blocks of `text` that hold prose, as byte ranges (a block may hold many sentences).
fn blocks(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut current: Option<Range<usize>> = None;
    let mut in_fence: Option<&str> = None;
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let line = raw.trim_end_matches(['\n', '\r']);
        let end = start + line.len();
        let body = line.trim_start();
        if let Some(fence) = in_fence {
            if body.starts_with(fence) {
                in_fence = None;
            }
            continue;
        }
        if body.starts_with("```") || body.starts_with("~~~") {
            out.extend(current.take());
            in_fence = Some(&body[..3]);
            continue;
        }
        if body.is_empty() {
            out.extend(current.take());
            continue;
        }
        let line_range = start..end;
        if body.starts_with('#') || body.starts_with('|') {
            // A heading or table row is a sentence of its own, whatever follows.
            out.extend(current.take());
            out.push(line_range);
            continue;
        }
        if starts_block(body) {
            out.extend(current.take());
        }
        current = Some(match current.take() {
            Some(c) => c.start..end,
            None => line_range,
        });
        let hard_break = line.ends_with("  ") || line.ends_with('\\');
        if hard_break {
            out.extend(current.take());
        }
    }
    out.extend(current);
    out
}

/// Whether a line (without its indentation) opens a new Markdown block: a list item or a quote.
fn starts_block(body: &str) -> bool {
    let b = body.as_bytes();
    match b.first() {
        Some(b'-' | b'*' | b'+') => b.get(1).is_none_or(|c| *c == b' ' || *c == b'\t'),
        Some(b'>') => true,
        Some(c) if c.is_ascii_digit() => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            digits <= 9
                && matches!(b.get(digits), Some(b'.' | b')'))
                && b.get(digits + 1).is_none_or(|c| *c == b' ' || *c == b'\t')
        }
        _ => false,
    }
}

/// Splits one block with UAX #29, rejoins false breaks and pushes the trimmed sentences.
fn split_block(masked: &str, block: Range<usize>, out: &mut Vec<Range<usize>>) {
    let Some(block_text) = masked.get(block.clone()) else {
        return;
    };
    let mut pieces: Vec<Range<usize>> = Vec::new();
    for (i, s) in block_text.split_sentence_bound_indices() {
        let range = trim(masked, block.start + i..block.start + i + s.len());
        if range.is_empty() {
            continue;
        }
        match pieces.last_mut() {
            Some(prev) if false_break(masked, prev.clone(), range.clone()) => prev.end = range.end,
            _ => pieces.push(range),
        }
    }
    out.extend(pieces);
}

/// `range` without the whitespace around it.
fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let s = &text[range.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead == s.len() {
        return range.start..range.start;
    }
    range.start + lead..range.end - trail
}

/// Titles that are followed by a name, never end a sentence in explainer prose.
const TITLES: &[&str] = &[
    "dr", "mr", "mrs", "ms", "mx", "prof", "st", "mt", "gen", "col", "lt", "sgt", "capt", "rev",
    "hon", "sen", "rep", "gov", "pres", "vs", "cf", "approx", "ca", "eg", "ie", "fig", "vol",
];
/// Abbreviations that end a sentence unless a number follows (`No. 1`, `Ep. 3`, `Jan. 5`).
const BEFORE_NUMBERS: &[&str] = &[
    "no", "nos", "ep", "eps", "pt", "ch", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
];

/// Whether UAX #29 split between `prev` and `next` where a person would not.
fn false_break(text: &str, prev: Range<usize>, next: Range<usize>) -> bool {
    let before = &text[prev.clone()];
    let after = &text[next.clone()];
    if !before.ends_with('.') {
        return false;
    }
    // "S2.E1", "e.g.Kim": a full stop with no space after it does not end a sentence.
    if prev.end == next.start {
        return true;
    }
    // "1." alone is a list marker UAX #29 took for a sentence.
    if before.len() <= 10
        && before[..before.len() - 1]
            .bytes()
            .all(|b| b.is_ascii_digit())
    {
        return true;
    }
    let word = last_word(&before[..before.len() - 1]);
    let lower = word.to_lowercase().replace('.', "");
    let next_starts_digit = after.starts_with(|c: char| c.is_ascii_digit() || c == '#');
    if TITLES.contains(&lower.as_str()) {
        return true;
    }
    if BEFORE_NUMBERS.contains(&lower.as_str()) && next_starts_digit {
        return true;
    }
    // An initial: one capital letter ("J. Lee"), or dotted initials ("J.K.").
    let letters: Vec<char> = word.chars().filter(|c| *c != '.').collect();
    if !letters.is_empty()
        && letters.len() <= 2
        && letters.iter().all(|c| c.is_uppercase())
        && (letters.len() == 1 || word.contains('.'))
    {
        return true;
    }
    // "S2. E1", "S2. Ep 3": a season tag followed by an episode tag.
    if is_season_tag(word) && is_episode_tag(after) {
        return true;
    }
    false
}

/// The last whitespace-separated word of `s`, without opening punctuation.
fn last_word(s: &str) -> &str {
    let w = s.rsplit(|c: char| c.is_whitespace()).next().unwrap_or("");
    w.trim_start_matches(|c: char| !c.is_alphanumeric())
}

fn is_season_tag(word: &str) -> bool {
    let mut chars = word.chars();
    matches!(chars.next(), Some('S' | 's')) && word.len() > 1 && chars.all(|c| c.is_ascii_digit())
}

fn is_episode_tag(s: &str) -> bool {
    let b = s.as_bytes();
    let lower = s.get(..2).map(str::to_ascii_lowercase);
    matches!(b.first(), Some(b'E' | b'e'))
        && (b.get(1).is_some_and(u8::is_ascii_digit) || lower.as_deref() == Some("ep"))
}

/// The prose of one sentence for the word checks: Pandoc attribute blocks (`]{claim=…}`), link
/// targets (`](https://…)`), bare URLs and inline code are blanked out with spaces (the byte length
/// stays the same), so that an id, a URL or code is never read as words or figures.
pub(crate) fn prose(sentence: &str) -> String {
    let bytes = sentence.as_bytes();
    let mut out: Vec<u8> = bytes.to_vec();
    let blank = |from: usize, to: usize, out: &mut Vec<u8>| {
        for b in out.iter_mut().take(to).skip(from) {
            *b = b' ';
        }
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let closer = match (b, bytes.get(i + 1)) {
            (b']', Some(b'{')) => Some(b'}'),
            (b']', Some(b'(')) => Some(b')'),
            (b'`', _) => Some(b'`'),
            _ => None,
        };
        if let Some(closer) = closer {
            let from = if b == b'`' { i + 1 } else { i + 2 };
            if let Some(len) = bytes[from.min(bytes.len())..]
                .iter()
                .position(|c| *c == closer)
            {
                let to = if b == b'`' {
                    from + len
                } else {
                    from + len + 1
                };
                blank(i + 1, to, &mut out);
                i = to + 1;
                continue;
            }
        }
        if bytes[i..].starts_with(b"http://") || bytes[i..].starts_with(b"https://") {
            let len = bytes[i..]
                .iter()
                .position(u8::is_ascii_whitespace)
                .unwrap_or(bytes.len() - i);
            blank(i, i + len, &mut out);
            i += len;
            continue;
        }
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| sentence.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_plain_prose_and_trims() {
        assert_eq!(
            texts("  The show returns. Filming starts in May!  Who knows? "),
            vec!["The show returns.", "Filming starts in May!", "Who knows?"]
        );
    }

    #[test]
    fn abbreviations_and_decimals_do_not_end_a_sentence() {
        let text = "Dr. Kim Ha-eun and Mr. Lee return. It hit No. 1 with an 8.7 rating. \
                    Some cameos, e.g. Jung Tae-oh, are back. Watch S2. E1 first. J. Park wrote it.";
        assert_eq!(
            texts(text),
            vec![
                "Dr. Kim Ha-eun and Mr. Lee return.",
                "It hit No. 1 with an 8.7 rating.",
                "Some cameos, e.g. Jung Tae-oh, are back.",
                "Watch S2. E1 first.",
                "J. Park wrote it."
            ]
        );
    }

    #[test]
    fn a_real_full_stop_after_an_abbreviation_word_still_ends_when_no_number_follows() {
        assert_eq!(texts("Say no. Then leave."), vec!["Say no.", "Then leave."]);
        assert_eq!(
            texts("It aired in Jan. Then it stopped."),
            vec!["It aired in Jan.", "Then it stopped."]
        );
    }

    #[test]
    fn markdown_blocks_end_sentences_but_soft_wraps_do_not() {
        // "end" continues the quote (a lazy continuation line), then its hard break ends it.
        let text = "# Season 2: everything we know\nThe cast is back\nand so is the writer.\n\n- Filming in May\n- A new lead\n1. First\n> quoted line\nend  \nnext";
        assert_eq!(
            texts(text),
            vec![
                "# Season 2: everything we know",
                "The cast is back\nand so is the writer.",
                "- Filming in May",
                "- A new lead",
                "1. First",
                "> quoted line\nend",
                "next"
            ]
        );
    }

    #[test]
    fn code_fences_hold_no_sentences() {
        let text = "Before.\n```\nlet x = 1. y = 2.\n```\nAfter.";
        assert_eq!(texts(text), vec!["Before.", "After."]);
    }

    #[test]
    fn claim_spans_close_a_sentence_and_stay_whole() {
        let text = "[The show is renewed.]{claim=01ABC} Filming starts in **May.** It airs.";
        assert_eq!(
            texts(text),
            vec![
                "[The show is renewed.]{claim=01ABC}",
                "Filming starts in **May.**",
                "It airs."
            ]
        );
    }

    #[test]
    fn sentence_around_finds_the_sentence_or_sentences_of_a_range() {
        let text = "One thing. It has [a claim]{claim=01A} in it. Three.";
        let at = text.find('[').unwrap()..text.find('}').unwrap() + 1;
        assert_eq!(
            &text[sentence_around(text, at)],
            "It has [a claim]{claim=01A} in it."
        );
        let across = text.find("thing").unwrap()..text.find("has").unwrap();
        assert_eq!(
            &text[sentence_around(text, across)],
            "One thing. It has [a claim]{claim=01A} in it."
        );
        assert_eq!(
            sentence_around(text, 10..11),
            10..11,
            "whitespace between sentences"
        );
        assert_eq!(sentence_around(text, 500..600), text.len()..text.len());
    }

    #[test]
    fn prose_blanks_ids_links_and_code() {
        let s =
            "[Kim 2025]{claim=01J9ZK} per [Reel](https://x.io/2025/05) and `v1.2` https://a.b/c ok";
        let p = prose(s);
        assert_eq!(p.len(), s.len());
        assert!(p.starts_with("[Kim 2025]"));
        assert!(!p.contains("01J9ZK") && !p.contains("2025/05") && !p.contains("v1.2"));
        assert!(!p.contains("a.b") && p.ends_with(" ok"));
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "",
            "\n\n",
            ".",
            "]{claim=A}",
            "é. É. ",
            "```",
            "1.",
            "S2.",
            "*.*",
            "\\\n",
        ] {
            for r in sentences(text) {
                assert!(text.get(r).is_some());
            }
            assert_eq!(prose(text).len(), text.len());
        }
    }
}
