//! Escaping Factdesk's own fields (titles, quotes) for Markdown and YAML in an export. The
//! draft's text is not escaped here: `sanitize` owns what of it may reach a page.

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

    #[test]
    fn fields_cannot_open_markup_or_end_a_footnote() {
        assert_eq!(
            md_escape("a [link](x) *b*\n[^1]: no"),
            "a \\[link\\](x) \\*b\\* \\[^1\\]: no"
        );
        assert_eq!(yaml_string("say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"");
    }
}
