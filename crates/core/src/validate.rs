//! Checks on what users type, shared by every record. Each check names the field it is about.
//!
//! Markup is refused in record fields: the desk keeps plain text, and a `<script>` in a title would
//! otherwise travel into exports and renderers. Draft bodies are Markdown and are checked elsewhere.

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
        Some(c) if breaks(c) => Err(CoreError::invalid(field, "must be a single line")),
        Some(c) => Err(CoreError::invalid(
            field,
            format!("contains the control character U+{:04X}", c as u32),
        )),
        None => Ok(()),
    }
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
