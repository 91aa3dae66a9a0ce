//! The one rule for what of a draft's Markdown may reach a published page: nothing that a
//! Markdown renderer turns into live HTML. It finds the hazards (for the draft checks) and
//! neutralises them (for both export formats) from pulldown-cmark's events, never from patterns
//! over the raw text:
//!
//! - raw HTML (inline and blocks, comments, CDATA, declarations) becomes literal text: every
//!   character in it that Markdown would act on is backslash-escaped, so what was markup is shown
//!   as written and cannot open code, links or attributes around it;
//! - a `<` in text that could open a tag for some renderer (Pandoc's reader takes
//!   `<img/src=x …>`, CommonMark does not) is escaped, unless it is already escaped: a `\<` in
//!   the draft stays text;
//! - a `{` in text is escaped, so no renderer reads a raw attribute block (`{onclick=…}`,
//!   `` `x`{=html} ``, `# h {#id}`, `::: {…}`): only the claim attributes Factdesk writes
//!   (`.claim`, `.history`, one `claim=`, `confidence=`, `as-of=`, `status=`, `superseded-by=`)
//!   stand unescaped;
//! - a fenced code block keeps a plain language word as its info string and nothing else
//!   (`{=html}` would make it a raw block, `{onclick=…}` an attribute);
//! - a link, image, autolink or link reference definition whose address is not http, https,
//!   mailto or relative is no longer a link: its opening bracket is escaped and it stays text;
//! - a `---` rule is written `***`, so Pandoc cannot take it for a YAML metadata block.
//!
//! Invariants: the text a reader sees is unchanged apart from those hazards (every edit inserts
//! backslashes before ASCII punctuation, or replaces an info string); the draft is read with
//! and without the GitHub extensions (tables, footnotes) and the hazards of both readings are
//! neutralised, since renderers disagree; and because neutralising one construct can change how
//! the text around it parses, [`sanitize`] reads its own output again until nothing is left to
//! do (with a last resort that makes every character literal).

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, LinkType, Options, Parser, Tag, TagEnd};

/// What a hazard would do in a rendered export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum HazardKind {
    /// Raw HTML, which renderers pass through as markup.
    RawHtml,
    /// A link or image whose address is not http, https, mailto or relative.
    UnsafeLink,
    /// A raw attribute block (`{…}`) or raw format (`{=html}`) that Factdesk does not write.
    RawAttribute,
}

/// One hazard in a text, with the byte range it covers and what it holds (the markup, the
/// address, the attribute block).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hazard {
    pub kind: HazardKind,
    pub range: Range<usize>,
    pub what: String,
}

/// A change that neutralises a hazard: `text` replaces `range` (an empty range inserts).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Edit {
    range: Range<usize>,
    text: String,
}

/// The hazards of a text and the edits that neutralise them.
#[derive(Debug, Default)]
struct Scan {
    hazards: Vec<Hazard>,
    edits: Vec<Edit>,
}

impl Scan {
    fn escape(&mut self, at: usize) {
        self.edits.push(Edit {
            range: at..at,
            text: "\\".into(),
        });
    }
}

/// The characters Markdown acts on that must be escaped to make raw HTML literal text.
const ACTIVE_IN_HTML: &[u8] = b"\\`*_[]<{}~&";

/// The two readings every text gets: plain CommonMark, and with the extensions GitHub and Pandoc
/// add (a table cell splits inline code at `|`; a footnote definition is not a link definition).
const READINGS: [Options; 2] = [
    Options::empty(),
    Options::ENABLE_TABLES
        .union(Options::ENABLE_FOOTNOTES)
        .union(Options::ENABLE_STRIKETHROUGH)
        .union(Options::ENABLE_TASKLISTS),
];

/// How many times [`sanitize`] reads its own output before falling back to plain text.
const MAX_PASSES: usize = 8;

/// Every hazard in `markdown`, in order, each reported once.
pub fn hazards(markdown: &str) -> Vec<Hazard> {
    let mut hazards = scan(markdown).hazards;
    hazards.sort_by_key(|h| (h.range.start, h.kind));
    hazards.dedup_by_key(|h| (h.range.start, h.kind));
    hazards
}

/// `markdown` with every hazard neutralised, such that reading the result again finds none.
pub fn sanitize(markdown: &str) -> String {
    let mut text = markdown.to_string();
    for _ in 0..MAX_PASSES {
        let edits = scan(&text).edits;
        if edits.is_empty() {
            return text;
        }
        text = apply(&text, edits);
    }
    // NOTE: no text seen so far needs this; it bounds the work on a text built to defeat it.
    literal(&text)
}

/// Whether a link's address may stay a link: http, https, mailto, or relative. The address is
/// the parser's (entities and backslash escapes decoded); what a browser would ignore (ASCII
/// whitespace and controls, anywhere) is dropped, the case is folded, and percent-escapes are
/// decoded before the scheme is read, so `java%73cript:` is not relative.
pub fn safe_url(url: &str) -> bool {
    scheme(url).is_none_or(|s| matches!(s.as_str(), "http" | "https" | "mailto"))
}

/// The scheme of an address as a browser would read it, lower-cased; `None` when relative.
pub fn scheme(url: &str) -> Option<String> {
    let bytes = url.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(b) = url
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            decoded.push(b);
            i += 3;
            continue;
        }
        decoded.push(bytes[i]);
        i += 1;
    }
    let folded: String = String::from_utf8_lossy(&decoded)
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    let colon = folded.find(':')?;
    let before = &folded[..colon];
    // A `/`, `?` or `#` before the first colon makes the address a relative path.
    (!before.contains(['/', '?', '#'])).then(|| before.to_string())
}

fn scan(markdown: &str) -> Scan {
    let mut out = Scan::default();
    for options in READINGS {
        scan_reading(markdown, options, &mut out);
    }
    out
}

fn scan_reading(markdown: &str, options: Options, out: &mut Scan) {
    let bytes = markdown.as_bytes();
    // Ranges this reading takes as code or HTML blocks: no link definition lives there.
    let mut opaque: Vec<Range<usize>> = Vec::new();
    let mut in_code_block = false;
    let mut parser = Parser::new_ext(markdown, options).into_offset_iter();
    for (event, range) in parser.by_ref() {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                in_code_block = true;
                opaque.push(range.clone());
                if let CodeBlockKind::Fenced(info) = kind {
                    fenced_block(markdown, range, &info, out);
                }
            }
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Start(Tag::HtmlBlock) => opaque.push(range),
            Event::Rule => rule(markdown, range, out),
            Event::Html(_) | Event::InlineHtml(_) => literal_html(markdown, range, out),
            Event::Text(_) if !in_code_block => text(markdown, range, out),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            })
            | Event::Start(Tag::Image {
                link_type,
                dest_url,
                ..
            }) => {
                if safe_url(&dest_url) {
                    continue;
                }
                match link_type {
                    LinkType::Inline => {
                        if let Some(at) = markdown[range.clone()].find('[') {
                            out.escape(range.start + at);
                        }
                        out.hazards.push(Hazard {
                            kind: HazardKind::UnsafeLink,
                            range,
                            what: dest_url.to_string(),
                        });
                    }
                    LinkType::Autolink | LinkType::Email => {
                        if bytes.get(range.start) == Some(&b'<') {
                            out.escape(range.start);
                        }
                        out.hazards.push(Hazard {
                            kind: HazardKind::UnsafeLink,
                            range,
                            what: dest_url.to_string(),
                        });
                    }
                    // Reference links are neutralised at their definitions, below.
                    _ => {}
                }
            }
            _ => {}
        }
    }
    let kept: Vec<usize> = parser
        .reference_definitions()
        .iter()
        .map(|(_, def)| def.span.start)
        .collect();
    definitions(markdown, &opaque, &kept, out);
}

/// A fenced code block keeps its first word when that is a plain language name; anything else
/// (`{=html}`, `{.x onclick=…}`, `python {…}`) goes. A block left open at the end of the text is
/// closed: CommonMark runs it to the end, Pandoc reads it as text.
fn fenced_block(markdown: &str, block: Range<usize>, info: &str, out: &mut Scan) {
    let line_end = markdown[block.clone()]
        .find('\n')
        .map_or(block.end, |e| block.start + e);
    let line = &markdown[block.start..line_end];
    let lead = line.len() - line.trim_start().len();
    let fence_char = if line[lead..].starts_with('~') {
        '~'
    } else {
        '`'
    };
    let fence_len = line[lead..]
        .find(|c| c != fence_char)
        .unwrap_or(line.len() - lead);
    let info_start = block.start + lead + fence_len;

    let last_line = markdown[block.clone()]
        .trim_end_matches('\n')
        .rsplit('\n')
        .next()
        .unwrap_or("")
        .trim_start_matches(['>', ' ', '\t'])
        .trim_end();
    let closed = block.end > line_end + 1
        && last_line.len() >= fence_len
        && last_line.chars().all(|c| c == fence_char);
    if !closed {
        let line_start = markdown[..block.start].rfind('\n').map_or(0, |i| i + 1);
        let prefix: String = markdown[line_start..block.start + lead]
            .chars()
            .map(|c| if c == '>' { '>' } else { ' ' })
            .collect();
        let newline = if markdown[..block.end].ends_with('\n') {
            ""
        } else {
            "\n"
        };
        let fence = fence_char.to_string().repeat(fence_len);
        out.edits.push(Edit {
            range: block.end..block.end,
            text: format!("{newline}{prefix}{fence}\n"),
        });
    }

    let first_word = info.split_whitespace().next().unwrap_or("");
    let plain = |w: &str| {
        w.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'+' | b'-' | b'#' | b'.'))
            && !w.starts_with('.')
    };
    if plain(info.trim()) {
        return;
    }
    let keep = if plain(first_word) { first_word } else { "" };
    out.hazards.push(Hazard {
        kind: HazardKind::RawAttribute,
        range: info_start..line_end,
        what: info.trim().to_string(),
    });
    out.edits.push(Edit {
        range: info_start..line_end,
        text: keep.to_string(),
    });
}

/// A `---` rule becomes `***`, the same rule to every reader: Pandoc reads `---` after a blank
/// line as the start of a YAML metadata block, whose strings (`header-includes`, with YAML's
/// `\x3c` for `<`) reach a standalone page as raw HTML.
fn rule(markdown: &str, range: Range<usize>, out: &mut Scan) {
    let line = &markdown[range.clone()];
    let start = range.start + (line.len() - line.trim_start().len());
    let end = range.start + line.trim_end().len();
    if markdown[start..end].starts_with('-') {
        out.edits.push(Edit {
            range: start..end,
            text: "***".into(),
        });
    }
}

/// Raw HTML becomes literal text; each tag in it is one hazard.
fn literal_html(markdown: &str, range: Range<usize>, out: &mut Scan) {
    let bytes = markdown.as_bytes();
    for at in range.clone() {
        if ACTIVE_IN_HTML.contains(&bytes[at]) {
            out.escape(at);
        }
        if bytes[at] == b'<' && opens_tag(bytes, at) {
            let line_end = markdown[at..range.end]
                .find('\n')
                .map_or(range.end, |e| at + e);
            out.hazards.push(tag_hazard(markdown, at, line_end));
        }
    }
}

fn tag_hazard(markdown: &str, at: usize, limit: usize) -> Hazard {
    let end = markdown[at..limit].find('>').map_or(limit, |e| at + e + 1);
    Hazard {
        kind: HazardKind::RawHtml,
        range: at..end,
        what: markdown[at..end].to_string(),
    }
}

/// Whether the `<` at `at` could open a tag, comment or declaration for some renderer.
fn opens_tag(bytes: &[u8], at: usize) -> bool {
    bytes
        .get(at + 1)
        .is_some_and(|&n| n.is_ascii_alphabetic() || matches!(n, b'/' | b'!' | b'?'))
}

/// Whether the byte at `at` is already escaped by an odd run of backslashes before it.
fn escaped(bytes: &[u8], at: usize) -> bool {
    bytes[..at]
        .iter()
        .rev()
        .take_while(|&&b| b == b'\\')
        .count()
        % 2
        == 1
}

/// Text: `<` that could open a tag and `{` that could open an attribute block are escaped.
fn text(markdown: &str, range: Range<usize>, out: &mut Scan) {
    let bytes = markdown.as_bytes();
    for at in range.clone() {
        match bytes[at] {
            b'<' if opens_tag(bytes, at) && !escaped(bytes, at) => {
                out.escape(at);
                // A tag in text ends on its line: a `<` with no `>` after it must not cost a
                // search to the end of the draft.
                let line_end = markdown[at..].find('\n').map_or(markdown.len(), |e| at + e);
                out.hazards.push(tag_hazard(markdown, at, line_end));
            }
            // A `](` the parser left as text is a link to a looser reader (Pandoc takes spaces in
            // an address): escaped, it is text to all of them.
            b'(' if at > 0 && bytes[at - 1] == b']' && !escaped(bytes, at - 1) => out.escape(at),
            b'{' if !escaped(bytes, at) => {
                let close = markdown[at..]
                    .find(['}', '\n'])
                    .filter(|&c| bytes[at + c] == b'}')
                    .map(|c| at + c + 1);
                if let Some(end) = close
                    && factdesk_attributes(&markdown[at + 1..end - 1])
                {
                    continue;
                }
                out.escape(at);
                if let Some(end) = close
                    && attribute_position(markdown, at, end)
                {
                    out.hazards.push(Hazard {
                        kind: HazardKind::RawAttribute,
                        range: at..end,
                        what: markdown[at..end].to_string(),
                    });
                }
            }
            _ => {}
        }
    }
}

/// The inside of an attribute block Factdesk writes on a claim span (or a writer types, with
/// the claim id alone): `.claim claim=ID confidence=level as-of=2025-05 status=disputed`.
/// These become a class and `data-` attributes, and nothing else.
pub fn factdesk_attributes(inside: &str) -> bool {
    // Exactly one well-formed claim: a malformed span (two ids, `claim=a-b`) stays text.
    let mut claims = 0;
    for token in inside.split_whitespace() {
        let ok = if token == ".claim" || token == ".history" {
            true
        } else if let Some((key, value)) = token.split_once('=') {
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(value);
            let word = !value.is_empty()
                && value
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-');
            if key == "claim" {
                claims += 1;
                if value.len() > crate::spans::ID_LEN || value.contains('-') {
                    return false;
                }
            }
            word && matches!(
                key,
                "claim" | "confidence" | "as-of" | "status" | "superseded-by"
            )
        } else {
            false
        };
        if !ok {
            return false;
        }
    }
    claims == 1
}

/// Whether a `{…}` at `start..end` sits where some renderer reads attributes: right after a
/// span, link, image or inline code, as a raw format (`{=html}`), or closing a heading or a
/// fenced div line. A brace elsewhere is escaped all the same but is not worth a warning.
fn attribute_position(markdown: &str, start: usize, end: usize) -> bool {
    let before = markdown[..start].bytes().next_back();
    if matches!(before, Some(b']' | b')' | b'`')) || markdown[start + 1..].starts_with('=') {
        return true;
    }
    let line_start = markdown[..start].rfind('\n').map_or(0, |i| i + 1);
    let mut rest = markdown[end..].split('\n');
    let after = rest.next().unwrap_or("");
    let line = markdown[line_start..start].trim_start();
    let next = rest.next().unwrap_or("").trim();
    let setext =
        !next.is_empty() && (next.bytes().all(|b| b == b'=') || next.bytes().all(|b| b == b'-'));
    after.trim().is_empty() && (line.starts_with('#') || line.starts_with(":::") || setext)
}

/// Link reference definitions whose address is not safe lose their opening bracket, so no
/// reference resolves to them. Every line that reads as one is checked, not only the one the
/// parser kept: Pandoc keeps the last of two definitions of a label, CommonMark the first.
fn definitions(markdown: &str, opaque: &[Range<usize>], kept: &[usize], out: &mut Scan) {
    let bytes = markdown.as_bytes();
    let mut line_start = 0;
    while line_start < markdown.len() {
        let line_end = markdown[line_start..]
            .find('\n')
            .map_or(markdown.len(), |e| line_start + e);
        let at = definition_bracket(markdown, line_start, line_end);
        line_start = line_end + 1;
        let Some(at) = at else { continue };
        if escaped(bytes, at) || (opaque.iter().any(|r| r.contains(&at)) && !kept.contains(&at)) {
            continue;
        }
        let Some(dest) = definition_destination(&markdown[at..]) else {
            continue;
        };
        if !safe_url(&dest) {
            out.escape(at);
            let end = markdown[at..].find('\n').map_or(markdown.len(), |e| at + e);
            out.hazards.push(Hazard {
                kind: HazardKind::UnsafeLink,
                range: at..end,
                what: dest,
            });
        }
    }
}

/// The `[` of a line that opens with a link definition's label, after any block quote and list
/// markers.
fn definition_bracket(markdown: &str, start: usize, end: usize) -> Option<usize> {
    let line = &markdown[start..end];
    let mut rest = line.trim_start();
    loop {
        if let Some(r) = rest.strip_prefix('>') {
            rest = r.trim_start();
            continue;
        }
        let marker = rest
            .strip_prefix(['-', '*', '+'])
            .or_else(|| {
                let digits =
                    rest.len() - rest.trim_start_matches(|c: char| c.is_ascii_digit()).len();
                (digits > 0)
                    .then(|| rest[digits..].strip_prefix(['.', ')']))
                    .flatten()
            })
            .filter(|r| r.starts_with([' ', '\t']));
        match marker {
            Some(r) => rest = r.trim_start(),
            None => break,
        }
    }
    (rest.starts_with('[') && rest.contains("]:")).then(|| end - rest.len())
}

/// The address of the link definition starting at `def` (which begins with its `[label]:`),
/// decoded as the Markdown reader decodes it: the definition is read alone by pulldown-cmark.
fn definition_destination(def: &str) -> Option<String> {
    // A definition is the label, the address (maybe on the next line) and a title.
    let mut end = 0;
    for (n, line) in def.split_inclusive('\n').enumerate() {
        end += line.len();
        if n >= 2 {
            break;
        }
    }
    let text = &def[..end];
    let parser = Parser::new(text);
    let mut iter = parser.into_offset_iter();
    iter.by_ref().for_each(drop);
    let defs = iter.reference_definitions();
    // The text may hold the next definitions too: the one wanted is the first.
    let dest = defs
        .iter()
        .min_by_key(|(_, d)| d.span.start)
        .map(|(_, d)| d.dest.to_string());
    dest.or_else(|| {
        // Not a definition to CommonMark; read the address as Pandoc would, loosely.
        let after = &text[text.find("]:")? + 2..];
        let word = after.split_whitespace().next()?;
        Some(
            word.trim_start_matches('<')
                .trim_end_matches('>')
                .to_string(),
        )
    })
}

/// Applies `edits` (sorted here; an insertion inside a replaced range is dropped).
fn apply(text: &str, mut edits: Vec<Edit>) -> String {
    edits.sort_by_key(|e| (e.range.start, e.range.end));
    edits.dedup();
    let mut out = String::with_capacity(text.len() + edits.len());
    let mut at = 0;
    for edit in edits {
        if edit.range.start < at {
            continue;
        }
        out.push_str(&text[at..edit.range.start]);
        out.push_str(&edit.text);
        at = edit.range.end;
    }
    out.push_str(&text[at..]);
    out
}

/// The last resort: every ASCII punctuation character escaped, so no reader finds any
/// construct at all.
fn literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if c.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_escaped_outside_code_and_autolinks_survive() {
        assert_eq!(sanitize("a <script>x</script>"), "a \\<script>x\\</script>");
        assert_eq!(sanitize("`<b>` stays"), "`<b>` stays");
        assert_eq!(
            sanitize("see <https://example.org>"),
            "see <https://example.org>"
        );
        assert_eq!(sanitize("ratings < 5 <3"), "ratings < 5 <3");
        assert_eq!(sanitize("<!-- hidden -->"), "\\<!-- hidden -->");
    }

    #[test]
    fn an_escaped_tag_stays_text() {
        assert_eq!(sanitize("a \\<script> b"), "a \\<script> b");
        assert_eq!(
            sanitize("a \\\\<b>x"),
            "a \\\\\\<b>x",
            "an escaped backslash leaves the tag live, so it is escaped"
        );
        assert_eq!(sanitize("<img/src=x onerror=y>"), "\\<img/src=x onerror=y>");
    }

    #[test]
    fn unsafe_links_become_text_and_safe_ones_stay() {
        assert_eq!(sanitize("[a](javascript:x)"), "\\[a]\\(javascript:x)");
        assert_eq!(
            sanitize("![a](data:text/html,x)"),
            "!\\[a]\\(data:text/html,x)"
        );
        assert_eq!(
            sanitize("![a](data:x,<b c>)"),
            "![a]\\(data:x,\\<b c>)",
            "not a link to CommonMark, but one to Pandoc"
        );
        assert_eq!(sanitize("<vbscript:x>"), "\\<vbscript:x>");
        assert_eq!(
            sanitize("[a]\n\n[a]: https://ok\n[a]: javascript:x\n"),
            "[a]\n\n[a]: https://ok\n\\[a]: javascript:x\n",
            "Pandoc reads the second definition"
        );
        for _ in 0..20 {
            assert_eq!(
                sanitize("[a]: javascript:x\n[b]: https://ok\n[c]: https://ok\n"),
                "\\[a]: javascript:x\n[b]: https://ok\n[c]: https://ok\n",
                "each definition is judged by its own address"
            );
        }
        for kept in [
            "[a](https://example.org)",
            "[a](mailto:x@example.org)",
            "[a](notes/b.md)",
            "[a](#top)",
            "[a](//example.org/x)",
        ] {
            assert_eq!(sanitize(kept), kept);
        }
    }

    #[test]
    fn the_scheme_is_read_as_a_browser_would() {
        for hostile in [
            "javascript:alert(1)",
            " JaVaScRiPt:alert(1)",
            "java\tscript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java%73cript:alert(1)",
            "javascript%3Aalert(1)",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
        ] {
            assert!(!safe_url(hostile), "{hostile:?} is not a safe address");
        }
        for ok in [
            "https://a.example",
            "HTTP://a",
            "mailto:a@b",
            "a/b:c",
            "?q=a:b",
            "#x:y",
        ] {
            assert!(safe_url(ok), "{ok:?} is safe");
        }
    }

    #[test]
    fn attributes_other_than_the_claims_are_escaped() {
        assert_eq!(sanitize("[a]{onclick=x}"), "[a]\\{onclick=x}");
        assert_eq!(sanitize("`x`{=html}"), "`x`\\{=html}");
        assert_eq!(sanitize("# T {#id}"), "# T \\{#id}");
        assert_eq!(
            sanitize("[a]{.claim claim=01ABC confidence=reported as-of=2025-05}"),
            "[a]{.claim claim=01ABC confidence=reported as-of=2025-05}"
        );
        assert_eq!(
            sanitize("[a]{claim=01ABC onclick=x}"),
            "[a]\\{claim=01ABC onclick=x}"
        );
        assert_eq!(sanitize("```{=html}\n<b>\n```\n"), "```\n<b>\n```\n");
        assert_eq!(
            sanitize("```python {onclick=x}\nx\n```\n"),
            "```python\nx\n```\n"
        );
        assert_eq!(sanitize("```rust\nx\n```\n"), "```rust\nx\n```\n");
        assert_eq!(
            sanitize("```{=html}\n<b>\n"),
            "```\n<b>\n```\n",
            "an open fence is closed, so Pandoc reads code too"
        );
        assert_eq!(sanitize("> ~~~~\n> <b>"), "> ~~~~\n> <b>\n> ~~~~\n");
    }

    #[test]
    fn no_yaml_block_opens_in_the_text() {
        assert_eq!(
            sanitize("a\n\n---\nheader-includes: x\n---\n"),
            "a\n\n***\nheader-includes: x\n---\n",
            "the closing line is a heading underline, the opening one a rule"
        );
        assert_eq!(sanitize("Title\n---\n"), "Title\n---\n");
    }

    #[test]
    fn hazards_name_what_they_hold() {
        let found = hazards("a <b>x</b> [l](javascript:y) [s]{onclick=z} {1, 2}");
        let kinds: Vec<(HazardKind, &str)> =
            found.iter().map(|h| (h.kind, h.what.as_str())).collect();
        assert_eq!(
            kinds,
            vec![
                (HazardKind::RawHtml, "<b>"),
                (HazardKind::RawHtml, "</b>"),
                (HazardKind::UnsafeLink, "javascript:y"),
                (HazardKind::RawAttribute, "{onclick=z}"),
            ],
            "a brace in prose is escaped but is not an attribute"
        );
    }

    #[test]
    fn output_reads_clean_again() {
        let hostile = "<a title=\"`\">`<img src=x onerror=y>`\n\n<!-- [x](javascript:y) -->";
        let once = sanitize(hostile);
        assert!(scan(&once).edits.is_empty(), "{once}");
        assert!(hazards(&once).is_empty(), "{once}");
    }
}

#[cfg(test)]
mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Text made of the pieces hostile drafts are built from, in any order.
    fn hostile_text() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "<",
            ">",
            "\\",
            "`",
            "```",
            "~~~",
            "[",
            "]",
            "(",
            ")",
            "{",
            "}",
            "{=html}",
            "=",
            "!",
            "<script>",
            "</script>",
            "<img src=x onerror=y>",
            "<!--",
            "-->",
            "javascript:",
            "data:",
            "&#106;",
            "%73",
            ":",
            "\n",
            "\n\n",
            "    ",
            "> ",
            "- ",
            "| ",
            "|---|",
            "a",
            "word ",
            "촬영",
            "[^1]",
            "]: ",
            "claim=01ABC",
            ".claim",
            "#",
        ]);
        prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn sanitised_text_reads_clean_and_never_panics(text in hostile_text()) {
            let once = sanitize(&text);
            prop_assert!(scan(&once).edits.is_empty(), "a second reading finds more: {once:?}");
            prop_assert_eq!(sanitize(&once), once.clone(), "sanitising is idempotent");
            let _ = hazards(&text);
        }
    }
}
