//! Escaping Factdesk's own fields (titles, quotes) for Markdown and YAML in an export. The
//! draft's text is not escaped here: `sanitize` owns what of it may reach a page.

/// Escapes a record field (a title, a quote) for use inside Markdown text: characters that would
/// start emphasis, links, code, HTML, attributes or footnotes are backslash-escaped, and line
/// breaks become spaces so a field cannot end the footnote it stands in. What it returns holds
/// nothing for `sanitize` to neutralise, so the footnotes it builds need not be sanitised again.
pub fn md_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '~' | '$' | '@' | '{'
            | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A field for the front matter, which is read as Markdown twice over: Pandoc parses a YAML
/// string as Markdown, and CommonMark reads the whole front matter as a paragraph. No backslash
/// escape serves both (YAML doubles it), so every character that could open a link, code, an
/// attribute block or a tag becomes a character reference, which both readings decode to the
/// character itself.
pub fn inert_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '[' => out.push_str("&#91;"),
            ']' => out.push_str("&#93;"),
            '`' => out.push_str("&#96;"),
            '{' => out.push_str("&#123;"),
            '}' => out.push_str("&#125;"),
            '\\' => out.push_str("&#92;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
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

    #[test]
    fn escaped_fields_leave_nothing_to_sanitise() {
        for field in [
            "<script>alert(1)</script>",
            "[x](javascript:alert(1))",
            "<javascript:alert(1)>",
            "`x`{=html} and [y]{onclick=alert(1)}",
            "\\<img src=x onerror=alert(1)>",
            "![i](data:text/html,x) ```{=html}",
            "[r]: javascript:alert(1)",
            "<!-- x --> &#106;avascript:",
        ] {
            let escaped = md_escape(field);
            for text in [
                format!("[^claim-1]: Confirmed.\n\n    - Supports: “{escaped}”. At {escaped}.\n"),
                format!("Claim {escaped} is not in the desk: {escaped}\n"),
            ] {
                assert_eq!(
                    crate::export::sanitize::sanitize(&text),
                    text,
                    "an escaped field needs no sanitising: {field}"
                );
            }
        }
    }

    #[test]
    fn fields_cannot_open_markup_or_end_a_footnote() {
        assert_eq!(
            md_escape("a [link](x) *b*\n[^1]: no"),
            "a \\[link\\](x) \\*b\\* \\[^1\\]: no"
        );
        assert_eq!(yaml_string("say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"");
        assert_eq!(
            inert_markdown("[x](javascript:y) `a`{=html} \\ &amp;"),
            "&#91;x&#93;(javascript:y) &#96;a&#96;&#123;=html&#125; &#92; &amp;amp;"
        );
    }
}
