//! Splits an article (plain text or Markdown) into blocks and sentences with byte ranges into
//! the original text. Invariant: every [`Segment`]'s range is a trimmed, non-empty slice of the
//! input at char boundaries, and segments come in text order without overlapping.
//!
//! A sentence ends at `.`, `!`, `?` or `…` (after any closing quotes and brackets) when the
//! next word starts like a sentence; abbreviations from the lexicon, initials and decimals do
//! not end one; after a Hangul syllable (다. 요.) any next word does; an opening bracket right
//! after does not, so a Korean quote keeps its bracketed English rendering.

use super::lexicon::Lexicon;
use super::text::is_hangul;

/// What block of the article a sentence sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Paragraph,
    Heading,
    ListItem,
    Quote,
}

/// One sentence (or a heading, byline or list item) of the article.
#[derive(Debug, Clone)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub kind: BlockKind,
    /// Index of the block: sentences of one paragraph share it.
    pub block: usize,
}

struct Block {
    kind: BlockKind,
    start: usize,
    end: usize,
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .chars()
        .last()
        .is_some_and(|c| ".!?…\"”’)':;,".contains(c))
}

fn list_marker(line: &str) -> Option<usize> {
    let b = line.as_bytes();
    if b.len() >= 2 && matches!(b[0], b'-' | b'*' | b'+') && b[1] == b' ' {
        return Some(2);
    }
    let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && digits < 4 && b.get(digits) == Some(&b'.') && b.get(digits + 1) == Some(&b' ')
    {
        return Some(digits + 2);
    }
    None
}

fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut open = false;
    let mut prev_line = "";
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let line_start = offset;
        offset += raw.len();
        let line = raw.trim_end();
        let lead = line.len() - line.trim_start().len();
        let body = &line[lead..];
        if body.is_empty() {
            open = false;
            continue;
        }
        let at = line_start + lead;
        let hashes = body.bytes().take_while(|&b| b == b'#').count();
        if (1..=6).contains(&hashes) && body[hashes..].starts_with(' ') {
            let content = body[hashes..].trim_start();
            out.push(Block {
                kind: BlockKind::Heading,
                start: at + body.len() - content.len(),
                end: at + body.len(),
            });
            open = false;
            continue;
        }
        if let Some(rest) = body.strip_prefix('>') {
            let content = rest.trim_start();
            let start = at + body.len() - content.len();
            if content.is_empty() {
                open = false;
                continue;
            }
            match out.last_mut() {
                Some(b) if open && b.kind == BlockKind::Quote && !ends_sentence(prev_line) => {
                    b.end = at + body.len()
                }
                _ => {
                    out.push(Block {
                        kind: BlockKind::Quote,
                        start,
                        end: at + body.len(),
                    });
                    open = true;
                }
            }
            prev_line = body;
            continue;
        }
        if let Some(m) = list_marker(body) {
            let content = body[m..].trim_start();
            out.push(Block {
                kind: BlockKind::ListItem,
                start: at + body.len() - content.len(),
                end: at + body.len(),
            });
            open = true;
            prev_line = body;
            continue;
        }
        // NOTE: a short line without closing punctuation (a byline, a dateline, a caption in
        // pasted plain text) stands alone even without a blank line after it.
        let standalone = !ends_sentence(prev_line)
            && prev_line.chars().count() < 60
            && body.chars().next().is_some_and(|c| !c.is_lowercase());
        match out.last_mut() {
            Some(b) if open && !standalone => b.end = at + body.len(),
            _ => {
                out.push(Block {
                    kind: BlockKind::Paragraph,
                    start: at,
                    end: at + body.len(),
                });
                open = true;
            }
        }
        prev_line = body;
    }
    out
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»' | '」' | '』')
}

fn starts_sentence(c: char) -> bool {
    c.is_uppercase()
        || c.is_numeric()
        || is_hangul(c)
        || matches!(c, '"' | '“' | '\'' | '‘' | '[' | '*' | '_' | '「' | '«')
}

/// The word just before byte `i` of `s` (letters, digits and inner dots).
fn word_before(s: &str, i: usize) -> &str {
    let head = &s[..i];
    let start = head
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphanumeric() || c == '.')
        .last()
        .map_or(i, |(j, _)| j);
    &s[start..i]
}

/// Splits one block's text into sentence ranges relative to the block.
fn split_block(s: &str, lex: &Lexicon) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        if !is_terminator(c) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < chars.len() && (is_terminator(chars[j].1) || is_closer(chars[j].1)) {
            j += 1;
        }
        if j >= chars.len() || !chars[j].1.is_whitespace() {
            i = j.max(i + 1);
            continue;
        }
        let mut k = j;
        while k < chars.len() && chars[k].1.is_whitespace() {
            k += 1;
        }
        if k >= chars.len() {
            break;
        }
        let next = chars[k].1;
        let hangul_before = i > 0 && is_hangul(chars[i - 1].1);
        let mut boundary = if next == '(' {
            false
        } else if hangul_before {
            true
        } else {
            starts_sentence(next)
        };
        if boundary && c == '.' {
            let word = word_before(s, at);
            let lw = word.trim_end_matches('.').to_lowercase();
            let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            if lex.abbreviations.contains(&lw) || initial {
                boundary = false;
            } else if lex.abbreviations_may_end.contains(&lw) {
                boundary = next.is_uppercase() || matches!(next, '"' | '“');
            }
        }
        if boundary {
            let end = chars[j - 1].0 + chars[j - 1].1.len_utf8();
            out.push((start, end));
            start = chars[k].0;
        }
        i = k;
    }
    if start < s.len() {
        out.push((start, s.len()));
    }
    out.into_iter()
        .filter_map(|(a, b)| {
            let piece = &s[a..b];
            let lead = piece.len() - piece.trim_start().len();
            let t = piece.trim();
            (!t.is_empty()).then(|| (a + lead, a + lead + t.len()))
        })
        .collect()
}

/// Every sentence of the article, in order.
pub fn segments(text: &str, lex: &Lexicon) -> Vec<Segment> {
    let mut out = Vec::new();
    for (n, b) in blocks(text).into_iter().enumerate() {
        let body = &text[b.start..b.end];
        let ranges = if b.kind == BlockKind::Heading {
            vec![(0, body.len())]
        } else {
            split_block(body, lex)
        };
        for (s, e) in ranges {
            out.push(Segment {
                start: b.start + s,
                end: b.start + e,
                kind: b.kind,
                block: n,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<String> {
        segments(text, Lexicon::builtin())
            .into_iter()
            .map(|s| text[s.start..s.end].to_string())
            .collect()
    }

    #[test]
    fn abbreviations_initials_and_decimals_do_not_end_sentences() {
        assert_eq!(
            split(
                "Mr. Kim met Dr. J. Lee in the U.S. on Jan. 5 at No. 3 Street. It rated 9.8 percent."
            ),
            [
                "Mr. Kim met Dr. J. Lee in the U.S. on Jan. 5 at No. 3 Street.",
                "It rated 9.8 percent."
            ]
        );
    }

    #[test]
    fn a_time_abbreviation_ends_a_sentence_before_a_capital() {
        assert_eq!(
            split("It airs at 9 p.m. \"Salt Flats\" follows at 10 p.m. on Sundays."),
            [
                "It airs at 9 p.m.",
                "\"Salt Flats\" follows at 10 p.m. on Sundays."
            ]
        );
    }

    #[test]
    fn quotes_end_sentences_and_lowercase_after_a_quote_does_not() {
        assert_eq!(
            split("\"Is it over?\" she asked. \"It is.\" The agency agreed."),
            [
                "\"Is it over?\" she asked.",
                "\"It is.\"",
                "The agency agreed."
            ]
        );
    }

    #[test]
    fn korean_endings_split_and_a_bracketed_translation_stays() {
        assert_eq!(
            split("\"검토 중입니다.\" (\"We are reviewing it.\") 정해진 것은 없다. 다음 문장이다."),
            [
                "\"검토 중입니다.\" (\"We are reviewing it.\")",
                "정해진 것은 없다.",
                "다음 문장이다."
            ]
        );
    }

    #[test]
    fn markdown_blocks_headings_lists_and_bylines_stand_alone() {
        let text = "# Title here\n\nBy Jae Park\nMay 23, 2025\n\n- Best drama: \"X\"\n- Best film: \"Y\"\n\n> \"A quote.\"\n> It goes on.\n\nOne sentence\nwraps here.";
        assert_eq!(
            split(text),
            [
                "Title here",
                "By Jae Park",
                "May 23, 2025",
                "Best drama: \"X\"",
                "Best film: \"Y\"",
                "\"A quote.\"",
                "It goes on.",
                "One sentence\nwraps here."
            ]
        );
        let segs = segments(text, Lexicon::builtin());
        assert_eq!(segs[0].kind, BlockKind::Heading);
        assert_eq!(segs[3].kind, BlockKind::ListItem);
        assert_eq!(segs[5].kind, BlockKind::Quote);
    }
}
