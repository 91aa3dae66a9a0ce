//! Claim spans in a draft: Pandoc bracketed spans whose attributes carry a claim id,
//! `[text as written]{claim=01J…}` (other attributes may stand beside it:
//! `{.claim claim=01J… confidence=reported}`).
//!
//! This is the one parser for them. It reads the draft through pulldown-cmark first, so that
//! brackets inside code blocks and inline code are not spans, then matches brackets outside code,
//! honouring backslash escapes. Spans never cross a blank line (Pandoc spans are inline), nested
//! spans are all reported, and unbalanced brackets are simply not spans: no input makes it panic.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};
use serde::{Deserialize, Serialize};

/// One claim span found in a draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ClaimSpan {
    /// The claim id as written in the span (not checked against the desk here).
    pub claim_id: String,
    /// The span's text as written, Markdown included.
    pub text: String,
    /// Byte offset of the opening `[`.
    pub start: usize,
    /// Byte offset just past the closing `}`.
    pub end: usize,
    /// Byte range of the text between the brackets.
    #[ts(type = "[number, number]")]
    pub text_range: (usize, usize),
    /// 1-based line of the opening `[`.
    pub line: u32,
    /// 1-based column (in characters) of the opening `[`.
    pub column: u32,
}

/// Byte ranges of the draft that are code (fenced, indented or inline) and hold no spans.
pub fn code_ranges(markdown: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut block_start: Option<usize> = None;
    for (event, range) in Parser::new_ext(markdown, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => block_start = Some(range.start),
            Event::End(pulldown_cmark::TagEnd::CodeBlock) => {
                let start = block_start.take().unwrap_or(range.start);
                ranges.push(start..range.end);
            }
            Event::Code(_) => ranges.push(range),
            _ => {}
        }
    }
    ranges.sort_by_key(|r| r.start);
    ranges
}

/// Maps byte offsets to 1-based line and character columns.
pub struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    pub fn text(&self) -> &'a str {
        self.text
    }

    /// 1-based (line, column) of a byte offset; the column counts characters.
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let line = self
            .starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.starts[line];
        let column = self
            .text
            .get(start..offset)
            .map(|s| s.chars().count())
            .unwrap_or(0);
        (line as u32 + 1, column as u32 + 1)
    }
}

/// The value of `claim=` in a Pandoc attribute block's inside (`.claim claim=ID key="v"`).
fn claim_attribute(attrs: &str) -> Option<String> {
    let mut rest = attrs.trim();
    while !rest.is_empty() {
        let (token, tail) = next_attribute(rest);
        if let Some(value) = token.strip_prefix("claim=") {
            let value = value.trim_matches('"');
            let valid = !value.is_empty() && value.bytes().all(|b| b.is_ascii_alphanumeric());
            return valid.then(|| value.to_string());
        }
        rest = tail.trim_start();
    }
    None
}

/// Splits off one attribute token, keeping a quoted value (which may hold spaces) whole.
fn next_attribute(s: &str) -> (&str, &str) {
    let mut in_quotes = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => in_quotes = !in_quotes,
            c if c.is_whitespace() && !in_quotes => return (&s[..i], &s[i..]),
            _ => {}
        }
    }
    (s, "")
}

/// Every claim span in `markdown`, in document order (by opening bracket).
pub fn parse(markdown: &str) -> Vec<ClaimSpan> {
    parse_with_code(markdown).0
}

/// The spans and the code ranges of `markdown` from one Markdown parse (export and the checks
/// need both).
pub fn parse_with_code(markdown: &str) -> (Vec<ClaimSpan>, Vec<Range<usize>>) {
    let code = code_ranges(markdown);
    let lines = LineIndex::new(markdown);
    let bytes = markdown.as_bytes();
    let mut spans = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    let mut code_iter = code.iter().peekable();
    let mut i = 0;
    let mut line_blank = true;
    let mut line_start = true;
    while i < bytes.len() {
        // Jump over code: nothing inside it is a span.
        while code_iter.peek().is_some_and(|r| r.end <= i) {
            code_iter.next();
        }
        if let Some(r) = code_iter.peek().filter(|r| r.start <= i) {
            open.clear();
            i = r.end;
            continue;
        }
        let b = bytes[i];
        if line_start {
            line_blank = true;
            line_start = false;
        }
        match b {
            b'\\' => {
                // An escaped character is text, whatever it is.
                line_blank = false;
                i += 1 + bytes.get(i + 1).map_or(0, |&c| utf8_len(c));
                continue;
            }
            b'\n' => {
                if line_blank {
                    open.clear();
                }
                line_start = true;
            }
            b'[' => open.push(i),
            b']' => {
                if let Some(start) = open.pop()
                    && bytes.get(i + 1) == Some(&b'{')
                    && let Some(close) = markdown[i + 2..].find(['}', '\n'])
                    && bytes[i + 2 + close] == b'}'
                {
                    let attrs = &markdown[i + 2..i + 2 + close];
                    if let Some(claim_id) = claim_attribute(attrs) {
                        let (line, column) = lines.position(start);
                        spans.push(ClaimSpan {
                            claim_id,
                            text: markdown[start + 1..i].to_string(),
                            start,
                            end: i + 3 + close,
                            text_range: (start + 1, i),
                            line,
                            column,
                        });
                    }
                }
            }
            _ => {}
        }
        if !b.is_ascii_whitespace() {
            line_blank = false;
        }
        i += 1;
    }
    spans.sort_by_key(|s| s.start);
    (spans, code)
}

fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(md: &str) -> Vec<String> {
        parse(md).into_iter().map(|s| s.claim_id).collect()
    }

    #[test]
    fn finds_spans_with_text_position_and_range() {
        let md = "# Title\n\nIt is [renewed]{claim=01ABC} and\n[airs in May]{.claim claim=02DEF confidence=reported}.\n";
        let spans = parse(md);
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[0].claim_id, "01ABC");
        assert_eq!(spans[0].text, "renewed");
        assert_eq!((spans[0].line, spans[0].column), (3, 7));
        assert_eq!(&md[spans[0].start..spans[0].end], "[renewed]{claim=01ABC}");
        assert_eq!(spans[1].claim_id, "02DEF");
        assert_eq!((spans[1].line, spans[1].column), (4, 1));
    }

    #[test]
    fn ignores_code_blocks_and_inline_code() {
        let md = "Use `[x]{claim=CODE1}` like this.\n\n```\n[y]{claim=CODE2}\n```\n\n    [z]{claim=CODE3}\n\n[real]{claim=REAL}\n";
        assert_eq!(ids(md), vec!["REAL"]);
    }

    #[test]
    fn respects_escaped_brackets() {
        assert!(ids(r"\[not]{claim=A}").is_empty());
        assert!(ids(r"[not\]{claim=A}").is_empty());
        assert_eq!(ids(r"[a \[b\] c]{claim=A}"), vec!["A"]);
    }

    #[test]
    fn nested_and_unbalanced_brackets() {
        assert_eq!(
            ids("[outer [inner]{claim=IN} text]{claim=OUT}"),
            vec!["OUT", "IN"]
        );
        assert_eq!(ids("[a [b] c]{claim=X}"), vec!["X"]);
        assert!(ids("[[[ ]]]] ]{ {claim=X}").is_empty());
        assert!(
            ids("[open]{claim=X").is_empty(),
            "attribute block never closes"
        );
        assert_eq!(ids("[[x]{claim=A}"), vec!["A"]);
    }

    #[test]
    fn spans_do_not_cross_blank_lines_or_attribute_lines() {
        assert!(ids("[starts here\n\nends]{claim=A}").is_empty());
        assert_eq!(ids("[two\nlines]{claim=A}"), vec!["A"]);
        assert!(ids("[x]{claim=A\n}").is_empty());
    }

    #[test]
    fn links_and_other_attributes_are_not_claims() {
        assert!(ids("[a link](https://example.org) and [b]{.smallcaps}").is_empty());
        assert!(ids("[bad id]{claim=a-b}").is_empty());
        assert_eq!(ids("[q]{claim=\"QUOTED\"}"), vec!["QUOTED"]);
    }

    #[test]
    fn non_ascii_text_keeps_char_columns() {
        let spans = parse("촬영은 [겨울]{claim=K1}");
        assert_eq!(spans[0].column, 5);
        assert_eq!(spans[0].text, "겨울");
    }
}
