//! Checks on what users type, shared by every record. Each check names the field it is about.
//!
//! Markup is refused in record fields: the desk keeps plain text, and a `<script>` in a title would
//! otherwise travel into exports and renderers. Draft bodies are Markdown and are checked elsewhere.
//!
//! Characters that change how text is shown without being seen (bidi embeddings, overrides and
//! isolates, zero-width spaces, tag characters) are refused in one-line and paragraph fields: with
//! them a reviewer can be shown a claim other than the one stored ("Trojan Source"). Refusing,
//! rather than keeping them and marking them in the UI, keeps every reader of the desk (the CLI,
//! exports, the CMS behind them) safe, not only the app. The marks that text really needs stay
//! allowed: Hangul and right-to-left scripts order themselves by the bidi algorithm, the
//! left-to-right and right-to-left marks (U+200E, U+200F, U+061C) only nudge neutral characters,
//! zero-width (non-)joiners shape Persian, Indic scripts and emoji, and tag characters are kept
//! inside a flag emoji. Kept source texts (whole articles) are archived exactly as pasted.

use crate::error::{CoreError, Result};

/// Longest single-line field (titles, outlets, names, locators).
pub const MAX_LINE: usize = 1_000;
/// Longest claim text, quote or note.
pub const MAX_PARAGRAPH: usize = 10_000;
/// Longest kept source text (a whole article).
pub const MAX_KEPT_TEXT: usize = 2_000_000;
/// Longest draft body.
pub const MAX_DRAFT: usize = 5_000_000;

/// How a field may be shaped.
#[derive(Debug, Clone, Copy)]
pub enum Shape {
    Line,
    Paragraph,
    Document,
}

impl Shape {
    fn max(self) -> usize {
        match self {
            Shape::Line => MAX_LINE,
            Shape::Paragraph => MAX_PARAGRAPH,
            Shape::Document => MAX_KEPT_TEXT,
        }
    }
}

/// Trims an optional text field; blank becomes `None`.
pub fn optional(field: &str, value: Option<&str>, shape: Shape) -> Result<Option<String>> {
    let Some(v) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    check_len(field, v, shape.max())?;
    check_chars(field, v, !matches!(shape, Shape::Line))?;
    check_no_markup(field, v)?;
    Ok(Some(v.to_string()))
}

/// Like [`optional`], but the field must have text.
pub fn required(field: &str, value: &str, shape: Shape) -> Result<String> {
    optional(field, Some(value), shape)?
        .ok_or_else(|| CoreError::invalid(field, "is required and cannot be blank"))
}

pub fn check_len(field: &str, value: &str, max: usize) -> Result<()> {
    let n = value.chars().count();
    if n > max {
        return Err(CoreError::invalid(
            field,
            format!("is {n} characters long; the limit is {max}"),
        ));
    }
    Ok(())
}

fn check_chars(field: &str, value: &str, multiline: bool) -> Result<()> {
    // U+2028 and U+2029 are not control characters, but renderers break the line at them.
    let breaks = |c: char| c == '\n' || c == '\u{2028}' || c == '\u{2029}';
    let bad = value.chars().find(|&c| {
        (c.is_control() || breaks(c)) && !(multiline && (breaks(c) || c == '\t' || c == '\r'))
    });
    match bad {
        Some(c) if breaks(c) => return Err(CoreError::invalid(field, "must be a single line")),
        Some(c) => {
            return Err(CoreError::invalid(
                field,
                format!("contains the control character U+{:04X}", c as u32),
            ));
        }
        None => {}
    }
    match find_invisible(value) {
        Some((at, c, name)) => Err(CoreError::invalid(
            field,
            format!(
                "contains the invisible character U+{:04X} ({name}) at character {}, which can \
                 make the text show differently from what is stored; delete it (Korean and \
                 right-to-left text need no such character)",
                c as u32,
                at + 1
            ),
        )),
        None => Ok(()),
    }
}

/// Longest name the history records for who made a change.
pub const MAX_ACTOR: usize = 100;

/// The name of who makes changes (`--as`, `FACTDESK_USER`, the app's profile): one line of at
/// most [`MAX_ACTOR`] characters, without control or invisible characters. Blank is `None`.
pub fn actor(field: &str, value: &str) -> Result<Option<String>> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    check_len(field, v, MAX_ACTOR)?;
    check_chars(field, v, false)?;
    check_no_markup(field, v)?;
    Ok(Some(v.to_string()))
}

/// What an invisible character that changes the shown text is called, for the error message.
fn invisible_name(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{202A}' => "LEFT-TO-RIGHT EMBEDDING",
        '\u{202B}' => "RIGHT-TO-LEFT EMBEDDING",
        '\u{202C}' => "POP DIRECTIONAL FORMATTING",
        '\u{202D}' => "LEFT-TO-RIGHT OVERRIDE",
        '\u{202E}' => "RIGHT-TO-LEFT OVERRIDE",
        '\u{2066}' => "LEFT-TO-RIGHT ISOLATE",
        '\u{2067}' => "RIGHT-TO-LEFT ISOLATE",
        '\u{2068}' => "FIRST STRONG ISOLATE",
        '\u{2069}' => "POP DIRECTIONAL ISOLATE",
        '\u{200B}' => "ZERO WIDTH SPACE",
        '\u{2060}' => "WORD JOINER",
        '\u{2061}'..='\u{2064}' => "INVISIBLE OPERATOR",
        '\u{FEFF}' => "ZERO WIDTH NO-BREAK SPACE",
        '\u{180E}' => "MONGOLIAN VOWEL SEPARATOR",
        '\u{E0000}'..='\u{E007F}' => "TAG CHARACTER",
        _ => return None,
    })
}

/// The first invisible character of `value` that is not part of something text needs (a tag
/// character inside a flag emoji: U+1F3F4, tags, U+E007F), with its character position.
fn find_invisible(value: &str) -> Option<(usize, char, &'static str)> {
    let chars: Vec<char> = value.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\u{1F3F4}' {
            // A flag: black flag, tag letters, cancel tag. Skip it whole when it is well formed.
            let tags = chars[i + 1..]
                .iter()
                .take_while(|&&t| ('\u{E0020}'..='\u{E007E}').contains(&t))
                .count();
            if tags > 0 && chars.get(i + 1 + tags) == Some(&'\u{E007F}') {
                i += tags + 2;
                continue;
            }
        }
        if let Some(name) = invisible_name(c) {
            return Some((i, c, name));
        }
        i += 1;
    }
    None
}

/// The byte offset of the first `<` that an HTML renderer would read as a tag, comment or
/// declaration (`<b`, `</`, `<!`, `<?`). A `<` before a space or digit ("ratings < 5", "<3") is
/// text.
pub fn find_markup(value: &str) -> Option<usize> {
    let bytes = value.as_bytes();
    bytes.iter().enumerate().find_map(|(i, &b)| {
        let next = bytes.get(i + 1).copied()?;
        (b == b'<' && (next.is_ascii_alphabetic() || matches!(next, b'/' | b'!' | b'?')))
            .then_some(i)
    })
}

fn check_no_markup(field: &str, value: &str) -> Result<()> {
    if let Some(at) = find_markup(value) {
        let snippet: String = value[at..].chars().take(12).collect();
        return Err(CoreError::invalid(
            field,
            format!("contains HTML markup (\"{snippet}\"); write it as plain text"),
        ));
    }
    Ok(())
}

/// A web address a reader can follow: absolute, http or https, with a host.
pub fn url(field: &str, value: Option<&str>) -> Result<Option<String>> {
    let Some(v) = optional(field, value, Shape::Line)? else {
        return Ok(None);
    };
    let parsed = url::Url::parse(&v)
        .map_err(|e| CoreError::invalid(field, format!("\"{v}\" is not a web address ({e})")))?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
        return Err(CoreError::invalid(
            field,
            format!("\"{v}\" must be an http or https address"),
        ));
    }
    Ok(Some(parsed.to_string()))
}

/// A BCP 47 language tag (`en`, `ko`, `pt-BR`), kept in its canonical letter case.
pub fn language(field: &str, value: Option<&str>) -> Result<Option<String>> {
    let Some(v) = optional(field, value, Shape::Line)? else {
        return Ok(None);
    };
    let tag = oxilangtag::LanguageTag::parse_and_normalize(&v).map_err(|e| {
        CoreError::invalid(field, format!("\"{v}\" is not a BCP 47 language tag ({e})"))
    })?;
    Ok(Some(tag.into_inner()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_optional_is_none_and_text_is_trimmed() {
        assert_eq!(optional("outlet", Some("   "), Shape::Line).unwrap(), None);
        assert_eq!(
            optional("outlet", Some("  The Reel "), Shape::Line).unwrap(),
            Some("The Reel".into())
        );
    }

    #[test]
    fn required_refuses_blank() {
        let err = required("title", " \n ", Shape::Line)
            .unwrap_err()
            .to_string();
        assert_eq!(err, "title: is required and cannot be blank");
    }

    #[test]
    fn markup_is_refused_but_comparisons_are_text() {
        let err = required("title", "Hi <script>alert(1)</script>", Shape::Line).unwrap_err();
        assert!(
            err.to_string().starts_with("title: contains HTML markup"),
            "{err}"
        );
        assert!(required("title", "Ratings < 5 and <3 fans", Shape::Line).is_ok());
        assert!(required("notes", "a <!-- comment -->", Shape::Paragraph).is_err());
    }

    #[test]
    fn huge_text_names_the_field_and_limit() {
        let huge = "a".repeat(MAX_LINE + 1);
        let err = required("outlet", &huge, Shape::Line)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("outlet: is 1001 characters long; the limit is 1000"),
            "{err}"
        );
    }

    #[test]
    fn lines_refuse_unicode_line_separators_too() {
        for sep in ['\u{2028}', '\u{2029}'] {
            let text = format!("Season 2{sep}confirmed");
            let err = required("title", &text, Shape::Line).unwrap_err();
            assert_eq!(err.field(), Some("title"));
            assert!(err.to_string().contains("single line"), "{err}");
            assert_eq!(required("notes", &text, Shape::Paragraph).unwrap(), text);
        }
    }

    #[test]
    fn lines_refuse_newlines_paragraphs_accept_them() {
        assert!(required("title", "two\nlines", Shape::Line).is_err());
        assert!(required("notes", "two\nlines", Shape::Paragraph).is_ok());
        assert!(required("notes", "nul\u{0}", Shape::Paragraph).is_err());
    }

    #[test]
    fn invisible_characters_that_reorder_or_hide_text_are_refused_naming_them() {
        for (c, name) in [
            ('\u{202E}', "RIGHT-TO-LEFT OVERRIDE"),
            ('\u{202A}', "LEFT-TO-RIGHT EMBEDDING"),
            ('\u{2066}', "LEFT-TO-RIGHT ISOLATE"),
            ('\u{2069}', "POP DIRECTIONAL ISOLATE"),
            ('\u{200B}', "ZERO WIDTH SPACE"),
            ('\u{FEFF}', "ZERO WIDTH NO-BREAK SPACE"),
            ('\u{E0041}', "TAG CHARACTER"),
        ] {
            let text = format!("Season 2 is {c}confirmed");
            for shape in [Shape::Line, Shape::Paragraph] {
                let err = required("text", &text, shape).unwrap_err().to_string();
                assert!(
                    err.starts_with(&format!(
                        "text: contains the invisible character U+{:04X} ({name}) at character 13",
                        c as u32
                    )),
                    "{err}"
                );
            }
        }
    }

    #[test]
    fn korean_right_to_left_and_emoji_text_is_kept_as_typed() {
        for text in [
            "시즌 2 제작 확정, 촬영은 내년 봄",
            "הסדרה חודשה לעונה שנייה",
            "تم تجديد المسلسل لموسم ثان",
            "Mixed: \u{200F}עונה 2\u{200E} (season 2)",
            "نمی\u{200C}خواهم",
            "Team 👩\u{200D}💻 and family 👨\u{200D}👩\u{200D}👧",
            "Filmed in 🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F} this spring",
        ] {
            assert_eq!(required("text", text, Shape::Paragraph).unwrap(), text);
            assert_eq!(required("title", text, Shape::Line).unwrap(), text);
        }
        // A flag's tags are allowed, loose tags after it are not.
        assert!(required("title", "🏴\u{E0067}\u{E0062}", Shape::Line).is_err());
    }

    #[test]
    fn actor_names_are_one_short_plain_line() {
        assert_eq!(
            actor("as", "  Mina Park ").unwrap().as_deref(),
            Some("Mina Park")
        );
        assert_eq!(actor("as", "박민아").unwrap().as_deref(), Some("박민아"));
        assert_eq!(actor("as", "   ").unwrap(), None);
        for bad in [
            "Mina\nPark".to_string(),
            "\u{1b}[31mred".to_string(),
            "<script>alert(1)</script>".to_string(),
            "x".repeat(MAX_ACTOR + 1),
            "Mina\u{202E}kraP".to_string(),
        ] {
            let err = actor("as", &bad).unwrap_err();
            assert_eq!(err.field(), Some("as"), "{bad:?}: {err}");
        }
    }

    #[test]
    fn urls_must_be_http_with_a_host() {
        assert_eq!(
            url("url", Some("https://example.org/a b"))
                .unwrap()
                .as_deref(),
            Some("https://example.org/a%20b")
        );
        for bad in [
            "javascript:alert(1)",
            "ftp://example.org",
            "example.org",
            "http://",
        ] {
            let err = url("url", Some(bad)).unwrap_err().to_string();
            assert!(err.starts_with("url: "), "{bad}: {err}");
        }
    }

    #[test]
    fn language_tags_are_validated_and_normalised() {
        assert_eq!(
            language("language", Some("pt-br")).unwrap().as_deref(),
            Some("pt-BR")
        );
        assert_eq!(
            language("language", Some("ko")).unwrap().as_deref(),
            Some("ko")
        );
        assert!(language("language", Some("korean language")).is_err());
    }
}
