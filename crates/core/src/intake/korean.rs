//! Korean passages. NOTE: detection is a Unicode-block rule (Hangul syllables and jamo), not a
//! language identifier: whatlang, the crate the issue suggests, maps the Hangul script straight
//! to Korean itself, answers one language per whole string rather than marking passages, and
//! would add trigram tables for ~70 languages we do not use.
//!
//! A sentence mostly in Hangul is an original; its English rendering is either in brackets in
//! the same sentence (`"…다." ("… .")`) or the next sentence.

use super::text::is_hangul;

/// Share of letters that are Hangul, 0.0 to 1.0.
pub fn hangul_share(s: &str) -> f64 {
    let (mut hangul, mut letters) = (0usize, 0usize);
    for c in s.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        if is_hangul(c) {
            hangul += 1;
        }
    }
    if letters == 0 {
        0.0
    } else {
        hangul as f64 / letters as f64
    }
}

/// Whether the sentence is written in Korean.
pub fn is_korean(s: &str) -> bool {
    hangul_share(s) > 0.5
}

fn strip_quotes(s: &str) -> &str {
    s.trim()
        .trim_matches(|c: char| matches!(c, '"' | '“' | '”' | '\'' | '‘' | '’' | '「' | '」'))
        .trim()
}

/// The Korean text and its English rendering when a sentence holds both, as in
/// `"두 사람은 … 아닙니다." ("The two are … dating.")`.
pub fn bilingual(s: &str) -> Option<(String, String)> {
    let open = s.rfind('(')?;
    let close = s[open..].rfind(')')? + open;
    let (korean, english) = (&s[..open], &s[open + 1..close]);
    if !korean.chars().any(is_hangul) || hangul_share(english) > 0.0 {
        return None;
    }
    let english = strip_quotes(english);
    english
        .chars()
        .any(char::is_alphabetic)
        .then(|| (original(korean), english.to_string()))
}

/// A Korean sentence as it would be kept beside its translation: without its outer quotation
/// marks.
pub fn original(s: &str) -> String {
    strip_quotes(s).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn korean_and_english_sentences_are_told_apart() {
        assert!(is_korean("\"다만 아직 정해진 것은 없다.\""));
        assert!(!is_korean("\"However, nothing has been decided yet.\""));
        assert!(!is_korean("Actor Kang (강민재) will enlist on Dec. 15."));
    }

    #[test]
    fn a_bracketed_rendering_is_paired_with_its_original() {
        let (ko, en) =
            bilingual("\"두 사람은 동료 사이일 뿐입니다.\" (\"The two are simply colleagues.\")")
                .unwrap();
        assert_eq!(ko, "두 사람은 동료 사이일 뿐입니다.");
        assert_eq!(en, "The two are simply colleagues.");
        assert!(bilingual("Kang Min-jae (28) will enlist.").is_none());
    }
}
