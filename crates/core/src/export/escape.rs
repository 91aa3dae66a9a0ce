//! Keeping HTML and Markdown syntax out of places it does not belong in an export.

use std::ops::Range;

use crate::validate::find_markup;

/// Byte offsets of every `<` in the draft that a renderer would read as the start of a tag,
/// outside code (where `<` is shown as written) and autolinks (`<https://…>`).
pub fn escape_draft(markdown: &str, code: &[Range<usize>]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(rel) = find_markup(&markdown[from..]) {
        let at = from + rel;
        let in_code = code.iter().any(|r| r.contains(&at));
        if !in_code && !is_autolink(&markdown[at..]) {
            out.push(at);
        }
        from = at + 1;
    }
    out
}

fn is_autolink(s: &str) -> bool {
    let Some(end) = s.find('>') else { return false };
    let inner = &s[1..end];
    (inner.starts_with("http://") || inner.starts_with("https://") || inner.starts_with("mailto:"))
        && !inner.contains(char::is_whitespace)
        && !inner.contains('<')
}

/// Copies `markdown[range]` to `out`, putting a backslash before each `<` listed in `escapes`.
pub fn copy_escaped(markdown: &str, range: Range<usize>, escapes: &[usize], out: &mut String) {
    let mut at = range.start;
    let first = escapes.partition_point(|&e| e < range.start);
    for &e in escapes[first..].iter().take_while(|&&e| e < range.end) {
        out.push_str(&markdown[at..e]);
        out.push('\\');
        at = e;
    }
    out.push_str(&markdown[at..range.end]);
}

/// Escapes a record field (a title, a quote) for use inside Markdown text: characters that would
/// start emphasis, links, code, HTML or footnotes are backslash-escaped, and line breaks become
/// spaces so a field cannot end the footnote it stands in.
pub fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '$' | '@' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A YAML double-quoted scalar.
pub fn yaml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escaped(md: &str) -> String {
        let mut out = String::new();
        let code = crate::spans::code_ranges(md);
        copy_escaped(md, 0..md.len(), &escape_draft(md, &code), &mut out);
        out
    }

    #[test]
    fn tags_are_escaped_outside_code_and_autolinks_survive() {
        assert_eq!(escaped("a <script>x</script>"), "a \\<script>x\\</script>");
        assert_eq!(escaped("`<b>` stays"), "`<b>` stays");
        assert_eq!(
            escaped("see <https://example.org>"),
            "see <https://example.org>"
        );
        assert_eq!(escaped("ratings < 5 <3"), "ratings < 5 <3");
        assert_eq!(escaped("<!-- hidden -->"), "\\<!-- hidden -->");
    }

    #[test]
    fn fields_cannot_open_markup_or_end_a_footnote() {
        assert_eq!(
            md_escape("a [link](x) *b*\n[^1]: no"),
            "a \\[link\\](x) \\*b\\* \\[^1\\]: no"
        );
        assert_eq!(yaml_string("say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"");
    }
}
