//! Small text tools the intake rules share: Markdown inline markup removed, quotations found
//! (straight and curly, carried across sentences), and a word/punctuation token stream with
//! byte offsets. Offsets always index the string they were made from.

use super::lexicon::Phrase;

/// Removes inline Markdown a writer pastes (`**bold**`, `_em_`, `[text](url)`, `` `code` ``)
/// so the rules read words, not markup.
pub fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        if c == '!' && rest[1..].starts_with('[') {
            rest = &rest[1..];
            continue;
        }
        if c == '['
            && let Some(close) = rest.find("](")
            && let Some(end) = rest[close..].find(')')
        {
            out.push_str(&rest[1..close]);
            rest = &rest[close + end + 1..];
            continue;
        }
        if c == '*' || c == '`' {
            rest = &rest[1..];
            continue;
        }
        if c == '_' {
            let prev = out.chars().last();
            let next = rest[1..].chars().next();
            let inside_word =
                prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
            if !inside_word {
                rest = &rest[1..];
                continue;
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

pub fn is_open_quote(c: char) -> bool {
    matches!(c, '“' | '«' | '「' | '『')
}

pub fn is_close_quote(c: char) -> bool {
    matches!(c, '”' | '»' | '」' | '』')
}

/// Quoted spans of `s` (byte ranges of the words inside the marks) and whether a quotation is
/// still open at the end. `open_at_start` says the sentence begins inside a quotation that an
/// earlier sentence opened.
pub fn quotations(s: &str, open_at_start: bool) -> (Vec<(usize, usize)>, bool) {
    let mut spans = Vec::new();
    let mut open: Option<usize> = if open_at_start { Some(0) } else { None };
    for (i, c) in s.char_indices() {
        let straight = c == '"';
        if open.is_none() && (straight || is_open_quote(c)) {
            open = Some(i + c.len_utf8());
        } else if let Some(start) = open
            && (straight || is_close_quote(c))
        {
            spans.push((start, i));
            open = None;
        }
    }
    let still_open = open.is_some();
    if let Some(start) = open {
        spans.push((start, s.len()));
    }
    (spans, still_open)
}

/// `s` with every quoted word replaced by spaces (same byte length), so attribution rules do not
/// read the speaker's words as the writer's.
pub fn mask(s: &str, spans: &[(usize, usize)]) -> String {
    let mut bytes = s.as_bytes().to_vec();
    for &(a, b) in spans {
        for byte in &mut bytes[a..b] {
            *byte = b' ';
        }
    }
    // Whole UTF-8 sequences lie inside or outside each span (spans start and end at char
    // boundaries), so the result stays valid UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|_| s.to_string())
}

/// A word or one punctuation mark.
#[derive(Debug, Clone)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub lower: String,
    pub word: bool,
    /// The word starts with a capital letter.
    pub cap: bool,
}

impl Token {
    pub fn is(&self, text: &str) -> bool {
        self.lower == text
    }
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '\'' || c == '’' || c == '.' || c == '+'
}

/// Splits into words (letters, digits, inner hyphens, apostrophes and dots, as in "U.S." and
/// "Seo-ah's") and single punctuation marks. A word's trailing dot is its own token unless the
/// word is an abbreviation-like run with inner dots.
pub fn tokens(s: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut iter = s.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        if c.is_whitespace() {
            continue;
        }
        if c.is_alphanumeric() {
            let mut end = i + c.len_utf8();
            while let Some(&(j, d)) = iter.peek() {
                if word_char(d) {
                    end = j + d.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            let mut w = &s[i..end];
            // Trailing dots, apostrophes and hyphens belong to the punctuation, except in
            // "U.S." style runs and decimals.
            while let Some(last) = w.chars().last() {
                let inner_dot = last == '.' && w[..w.len() - 1].contains('.');
                if matches!(last, '.' | '\'' | '’' | '-') && !inner_dot {
                    w = &w[..w.len() - last.len_utf8()];
                } else {
                    break;
                }
            }
            let wend = i + w.len();
            out.push(Token {
                start: i,
                end: wend,
                lower: w.to_lowercase().replace('’', "'"),
                word: true,
                cap: capitalised(w),
            });
            for (k, ch) in s[wend..end].char_indices() {
                out.push(Token {
                    start: wend + k,
                    end: wend + k + ch.len_utf8(),
                    lower: ch.to_string(),
                    word: false,
                    cap: false,
                });
            }
        } else {
            out.push(Token {
                start: i,
                end: i + c.len_utf8(),
                lower: c.to_string(),
                word: false,
                cap: false,
            });
        }
    }
    out
}

/// Whether `phrase` matches the words starting at token `i`; returns the index after it.
/// A word's possessive ("agency's") does not match the bare word.
pub fn match_at(toks: &[Token], i: usize, phrase: &Phrase) -> Option<usize> {
    let mut k = i;
    for w in phrase {
        let t = toks.get(k)?;
        let ok = if w == "n't" {
            t.word && t.lower.ends_with("n't")
        } else {
            t.word && t.lower == *w
        };
        if !ok {
            return None;
        }
        k += 1;
    }
    Some(k)
}

/// The first phrase of `list` (longest first) that matches at `i`.
pub fn longest_at(toks: &[Token], i: usize, list: &[Phrase]) -> Option<usize> {
    list.iter().find_map(|p| match_at(toks, i, p))
}

pub fn is_hangul(c: char) -> bool {
    matches!(c,
        '\u{AC00}'..='\u{D7AF}'
        | '\u{1100}'..='\u{11FF}'
        | '\u{3130}'..='\u{318F}'
        | '\u{A960}'..='\u{A97F}'
        | '\u{D7B0}'..='\u{D7FF}')
}

/// Whether the word starts with a capital letter (a name, a title, an acronym).
pub fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_drops_inline_markdown_but_keeps_words() {
        assert_eq!(
            plain("**HBN** said [on its site](https://x.example) that _Moonlit_ returns"),
            "HBN said on its site that Moonlit returns"
        );
        assert_eq!(plain("snake_case stays"), "snake_case stays");
    }

    #[test]
    fn quotations_carry_an_open_quote_across_sentences() {
        let (spans, open) = quotations("\"It is true that she got it.", false);
        assert!(open, "the quotation continues into the next sentence");
        assert_eq!(spans, vec![(1, 28)]);
        let (spans, open) = quotations("She is reviewing it,\" the agency said.", true);
        assert!(!open);
        assert_eq!(spans, vec![(0, 20)]);
    }

    #[test]
    fn mask_blanks_quoted_words_only() {
        let s = "\"We said so,\" the agency said.";
        let (spans, _) = quotations(s, false);
        let m = mask(s, &spans);
        assert_eq!(m.len(), s.len());
        assert!(!m[..12].contains("said") && m.contains("agency said"));
    }

    #[test]
    fn tokens_keep_abbreviations_and_split_trailing_dots() {
        let t: Vec<String> = tokens("U.S. fans, Seo-ah's 9.8 percent.")
            .into_iter()
            .map(|t| t.lower)
            .collect();
        assert_eq!(t, ["u.s.", "fans", ",", "seo-ah's", "9.8", "percent", "."]);
    }

    #[test]
    fn hangul_is_detected_by_block() {
        assert!("다".chars().all(is_hangul));
        assert!(!"Seoul".chars().any(is_hangul));
    }
}
