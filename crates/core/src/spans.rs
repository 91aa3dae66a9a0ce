//! Claim spans in a draft: Pandoc bracketed spans whose attributes carry a claim id,
//! `[text as written]{claim=01J…}` (other attributes may stand beside it:
//! `{.claim claim=01J… confidence=reported}`).
//!
//! This is the one parser for them. It reads the draft through pulldown-cmark first, so that
//! brackets inside code blocks and inline code are not spans, then matches brackets outside code,
//! honouring backslash escapes. Spans never cross a blank line (Pandoc spans are inline), nested
//! spans are all reported, and unbalanced brackets are simply not spans: no input makes it panic.
//!
//! The grammar is strict and total: a bracketed span whose attribute block mentions a claim
//! (`claim=`, a key one edit from `claim`, a bare `claim`, the `.claim` class) either names
//! exactly one well-formed id, and is a [`ClaimSpan`], or is a [`MalformedSpan`] with the reason
//! and, where it is clear, the span as it should read. Nothing is dropped silently. Whether an id
//! (or a prefix of one) names a claim is the checks' business: this module never reads the desk.
//!
//! History on purpose: `[In February, the network had said nothing]{claim=ID .history}` cites a
//! claim as it stood at its as-of date (usually a superseded one); the checks accept it and the
//! exports give the as-of date and point to the newer claim.
//!
//! The editor's parser (`ui/src/lib/spans.ts`) is a port of this one; both run the cases in
//! `tests/fixtures/spans-corpus.json`, so they cannot drift.

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
    /// Cited as history (`{claim=ID .history}`): the words speak of the claim as it stood at its
    /// as-of date, so a superseded claim is meant, not a mistake.
    pub history: bool,
}

/// A bracketed span whose attributes mention a claim but do not name exactly one well-formed
/// claim id (`{claim=}`, `{clam=ID}`, `{ claim = ID }`, a UUID, two `claim=`). It is never a
/// claim: the checks report it as an error and exports leave its markup as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct MalformedSpan {
    /// Byte offset of the opening `[`.
    pub start: usize,
    /// Byte offset just past the closing `}`.
    pub end: usize,
    /// 1-based line and character column of the opening `[`.
    pub line: u32,
    pub column: u32,
    /// What is wrong, in a sentence.
    pub reason: String,
    /// The whole span as it should read, where the fix is clear.
    pub fix: Option<String>,
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

/// The longest claim id: a ULID is 26 Crockford base32 characters.
pub const ID_LEN: usize = 26;

/// What an attribute block says about claims.
#[derive(Debug, PartialEq)]
enum Attributes {
    /// It does not mention a claim: the span is not a claim span (a link, `{.smallcaps}`).
    NotClaim,
    /// Exactly one well-formed claim id (perhaps a prefix, resolved by the checks).
    Claim { id: String, history: bool },
    /// It mentions a claim but names none, or more than one.
    Malformed {
        reason: String,
        /// The attribute block's inside as it should read, where that is clear.
        fix: Option<String>,
    },
}

/// Whether an attribute key looks like a misspelt `claim` (`clam`, `cliam`, `Claim`, `claim_id`):
/// one edit away (a transposition counts as one), or `claim` with something after it.
fn near_claim(key: &str) -> bool {
    if key == "claim" {
        return false;
    }
    let key = key.to_ascii_lowercase();
    key.len() >= 3 && (key.starts_with("claim") || edits_from_claim(&key) <= 1)
}

/// Optimal string alignment distance from `claim` (ASCII keys; anything else is far away).
fn edits_from_claim(key: &str) -> usize {
    let a = b"claim";
    let b = key.as_bytes();
    if b.len() > 8 {
        return usize::MAX;
    }
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = best;
        }
    }
    d[a.len()][b.len()]
}

fn is_uuid(value: &str) -> bool {
    let parts: Vec<&str> = value.split('-').collect();
    parts.len() == 5
        && parts.iter().map(|p| p.len()).eq([8, 4, 4, 4, 12])
        && parts
            .iter()
            .all(|p| p.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Why `value` (quotes already removed) cannot be a claim id, if it cannot.
fn id_problem(value: &str) -> Option<String> {
    if value.is_empty() {
        Some("claim= has no id".into())
    } else if is_uuid(value) {
        Some(format!(
            "“{value}” is a UUID, not a claim id (claim ids are {ID_LEN} letters and digits)"
        ))
    } else if !value.bytes().all(|b| b.is_ascii_alphanumeric()) {
        Some(format!(
            "“{value}” is not a claim id (claim ids are {ID_LEN} letters and digits)"
        ))
    } else if value.len() > ID_LEN {
        Some(format!(
            "“{value}” is not a claim id (longer than the {ID_LEN} characters of one)"
        ))
    } else {
        None
    }
}

/// Reads the inside of a Pandoc attribute block (`.claim claim=ID key="v"`). Total: every input
/// is one of not-a-claim, one claim, or malformed with a reason.
fn read_attributes(attrs: &str) -> Attributes {
    let mut tokens: Vec<String> = Vec::new();
    let mut rest = attrs.trim();
    while !rest.is_empty() {
        let (token, tail) = next_attribute(rest);
        tokens.push(token.to_string());
        rest = tail.trim_start();
    }
    let mut mentions = false;
    let mut history = false;
    let mut ids: Vec<String> = Vec::new();
    let mut problems: Vec<String> = Vec::new();
    // The tokens as they should read; `fixable` turns false when no single fix is clear.
    let mut fixed: Vec<String> = Vec::new();
    let mut fixable = true;
    let mut k = 0;
    while k < tokens.len() {
        let token = tokens[k].as_str();
        let next = tokens.get(k + 1).map(String::as_str);
        k += 1;
        if token == ".history" {
            history = true;
            fixed.push(token.to_string());
            continue;
        }
        if token == ".claim" {
            mentions = true;
            fixed.push(token.to_string());
            continue;
        }
        let (key, value) = match token.split_once('=') {
            Some((key, value)) => (key, Some(value)),
            None => (token, None),
        };
        let is_claim = key == "claim";
        let near = !is_claim && near_claim(key);
        if !is_claim && !near {
            fixed.push(token.to_string());
            continue;
        }
        mentions = true;
        // `claim = ID`, `claim =ID`, `claim= ID`: Pandoc reads none of them as the attribute.
        let spaced = match (value, next) {
            (None, Some("=")) => tokens.get(k + 1).cloned().inspect(|_| k += 2),
            (None, Some(n)) if n.starts_with('=') => Some(n[1..].to_string()).inspect(|_| k += 1),
            (Some(""), Some(n)) if !n.contains('=') && !n.starts_with(['.', '#']) => {
                Some(n.to_string()).inspect(|_| k += 1)
            }
            _ => None,
        };
        let value = match (spaced.as_deref(), value) {
            (Some(v), _) => {
                problems.push(format!(
                    "“{}” has spaces around “=”: write {key}=ID with no spaces",
                    attrs.trim()
                ));
                v.trim_matches('"').to_string()
            }
            (None, Some(v)) => v.trim_matches('"').to_string(),
            (None, None) => {
                problems.push(format!("“{key}” has no “=ID”: write claim=ID"));
                fixable = false;
                continue;
            }
        };
        if near {
            problems.push(format!(
                "“{key}=” is not an attribute Factdesk reads: did you mean claim=?"
            ));
        }
        if let Some(problem) = id_problem(&value) {
            problems.push(problem);
            fixable = false;
        }
        fixed.push(format!("claim={value}"));
        ids.push(value);
    }
    if !mentions {
        return Attributes::NotClaim;
    }
    if ids.len() > 1 {
        let listed: Vec<String> = ids.iter().map(|i| format!("claim={i}")).collect();
        problems.push(format!(
            "{} claim attributes ({}): a span cites exactly one claim",
            ids.len(),
            listed.join(", ")
        ));
        // Only a repeated id has an obvious fix: keep one of them.
        if ids.iter().all(|i| *i == ids[0]) {
            let mut kept = false;
            fixed.retain(|t| {
                let claim = t.starts_with("claim=");
                let keep = !claim || !kept;
                kept |= claim;
                keep
            });
        } else {
            fixable = false;
        }
    }
    if ids.is_empty() && problems.is_empty() {
        problems.push("a .claim span with no claim=ID".into());
        fixable = false;
    }
    if problems.is_empty() {
        return Attributes::Claim {
            id: ids.remove(0),
            history,
        };
    }
    // One reason a span, the first found: fixing it shows the next.
    Attributes::Malformed {
        reason: problems.remove(0),
        fix: fixable.then(|| fixed.join(" ")),
    }
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
    parse_all(markdown).spans
}

/// The spans and the code ranges of `markdown` from one Markdown parse (export and the checks
/// need both).
pub fn parse_with_code(markdown: &str) -> (Vec<ClaimSpan>, Vec<Range<usize>>) {
    let parsed = parse_all(markdown);
    (parsed.spans, parsed.code)
}

/// A draft read for claims: the good spans, the malformed ones, and its code.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub spans: Vec<ClaimSpan>,
    pub malformed: Vec<MalformedSpan>,
    /// Byte ranges of code (see [`code_ranges`]).
    pub code: Vec<Range<usize>>,
}

/// Every claim span and every malformed one in `markdown`, each in document order.
pub fn parse_all(markdown: &str) -> Parsed {
    let code = code_ranges(markdown);
    let lines = LineIndex::new(markdown);
    let bytes = markdown.as_bytes();
    let mut spans = Vec::new();
    let mut malformed = Vec::new();
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
                    let end = i + 3 + close;
                    let (line, column) = lines.position(start);
                    match read_attributes(attrs) {
                        Attributes::NotClaim => {}
                        Attributes::Claim { id, history } => spans.push(ClaimSpan {
                            claim_id: id,
                            text: markdown[start + 1..i].to_string(),
                            start,
                            end,
                            text_range: (start + 1, i),
                            line,
                            column,
                            history,
                        }),
                        Attributes::Malformed { reason, fix } => malformed.push(MalformedSpan {
                            start,
                            end,
                            line,
                            column,
                            reason,
                            fix: fix.map(|attrs| format!("{}{{{attrs}}}", &markdown[start..=i])),
                        }),
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
    malformed.sort_by_key(|s| s.start);
    Parsed {
        spans,
        malformed,
        code,
    }
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

    /// The corpus both parsers run (Vitest reads the same file in `ui/src/lib/spans.test.ts`).
    #[test]
    fn the_shared_corpus() {
        let corpus: serde_json::Value =
            serde_json::from_str(include_str!("../tests/fixtures/spans-corpus.json")).unwrap();
        let cases = corpus["cases"].as_array().unwrap();
        assert!(cases.len() >= 25, "the corpus covers the grammar");
        for case in cases {
            let name = case["name"].as_str().unwrap();
            let input = case["input"].as_str().unwrap();
            let parsed = parse_all(input);
            let spans: Vec<serde_json::Value> = parsed
                .spans
                .iter()
                .map(|s| {
                    serde_json::json!({"claim_id": s.claim_id, "text": s.text, "line": s.line,
                        "column": s.column, "history": s.history})
                })
                .collect();
            let malformed: Vec<serde_json::Value> = parsed
                .malformed
                .iter()
                .map(|m| {
                    serde_json::json!({"source": &input[m.start..m.end], "line": m.line,
                        "column": m.column, "reason": m.reason, "fix": m.fix})
                })
                .collect();
            assert_eq!(
                serde_json::Value::from(spans),
                case["spans"],
                "spans of case “{name}”"
            );
            assert_eq!(
                serde_json::Value::from(malformed),
                case["malformed"],
                "malformed spans of case “{name}”"
            );
        }
    }

    #[test]
    fn non_ascii_text_keeps_char_columns() {
        let spans = parse("촬영은 [겨울]{claim=K1}");
        assert_eq!(spans[0].column, 5);
        assert_eq!(spans[0].text, "겨울");
    }
}
