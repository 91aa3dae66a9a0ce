//! Citation keys in the style Better BibTeX users know: the outlet (or author, or title) as one
//! lower-case word, the year, and the first significant title word: `reelreport2025salt`.
//! Keys are assigned over the whole desk in creation order, and a clash takes a letter suffix
//! (`…a`, `…b`), so a source keeps its key from one export to the next.
//!
//! A source's key is stored with it (`sources.cite_key`, unique) when it is written: an export
//! reads the keys of the sources it cites, never every source to work them out. A new source
//! takes the first of its candidates no source holds; an edit that changes what the key is made
//! of gives the source a new one and leaves every other key as it was. Desks from before keys
//! were stored get them from [`assign`] in id order, which is how they were computed then.
//!
//! Hangul is romanised for keys (Revised Romanization, syllable by syllable, without the sound
//! changes across syllables): an outlet 마이데일리 gives `maideilli`, so a Korean title no longer
//! leaves a bare `source2025`.

use std::collections::{HashMap, HashSet};

use crate::db::Db;
use crate::error::Result;
use crate::sources::Source;

const SKIP: &[&str] = &["the", "a", "an", "of", "on", "in", "and", "for", "to"];

const INITIALS: [&str; 19] = [
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p",
    "h",
];
const MEDIALS: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we",
    "wi", "yu", "eu", "ui", "i",
];
const FINALS: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p",
    "t", "t", "ng", "t", "t", "k", "t", "p", "t",
];

/// A precomposed Hangul syllable (U+AC00–U+D7A3) as its initial, medial and final jamo: the
/// quotient and remainders of its offset by 588 and 28.
fn jamo(c: char) -> Option<(usize, usize, usize)> {
    let offset = u32::from(c).checked_sub(0xAC00).filter(|o| *o < 11_172)? as usize;
    Some((offset / 588, offset % 588 / 28, offset % 28))
}

/// The Revised Romanization of one Hangul syllable on its own.
pub fn romanise_syllable(c: char) -> Option<String> {
    let (i, m, f) = jamo(c)?;
    Some(format!("{}{}{}", INITIALS[i], MEDIALS[m], FINALS[f]))
}

/// `text` with each Hangul syllable romanised; ㄹ after a final ㄹ is `l` (일리 → illi), the
/// one sound change a key needs to read right.
pub fn romanise(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last_final = None;
    for c in text.chars() {
        match jamo(c) {
            Some((i, m, f)) => {
                let initial = if i == 5 && last_final == Some(8) {
                    "l"
                } else {
                    INITIALS[i]
                };
                out.push_str(initial);
                out.push_str(MEDIALS[m]);
                out.push_str(FINALS[f]);
                last_final = Some(f);
            }
            None => {
                out.push(c);
                last_final = None;
            }
        }
    }
    out
}

/// ASCII letters and digits of `text`, lower-cased; accents are dropped with their letters'
/// base where the letter is Latin, Hangul is romanised, anything else is left out.
fn ascii_word(text: &str) -> String {
    romanise(text)
        .chars()
        .filter_map(|c| {
            let base = match c {
                'à'..='å' | 'À'..='Å' => 'a',
                'ç' | 'Ç' => 'c',
                'è'..='ë' | 'È'..='Ë' => 'e',
                'ì'..='ï' | 'Ì'..='Ï' => 'i',
                'ñ' | 'Ñ' => 'n',
                'ò'..='ö' | 'Ò'..='Ö' | 'ø' | 'Ø' => 'o',
                'ù'..='ü' | 'Ù'..='Ü' => 'u',
                c => c,
            };
            base.is_ascii_alphanumeric()
                .then(|| base.to_ascii_lowercase())
        })
        .collect()
}

fn significant_words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| c.is_whitespace() || c == '-' || c == ':')
        .map(ascii_word)
        .filter(|w| !w.is_empty() && !SKIP.contains(&w.as_str()))
}

/// The key before any clash suffix.
pub fn base_key(source: &Source) -> String {
    key_base(
        source.outlet.as_deref(),
        source.author.as_deref(),
        source.published,
        &source.title,
    )
}

/// [`base_key`] from the fields it is made of (for rows that are not yet a [`Source`]).
pub fn key_base(
    outlet: Option<&str>,
    author: Option<&str>,
    published: Option<crate::dates::PartialDate>,
    title: &str,
) -> String {
    let who = outlet
        .or(author)
        .map(|w| significant_words(w).collect::<String>())
        .filter(|w| !w.is_empty())
        .unwrap_or_else(|| "source".to_string());
    let who: String = who.chars().take(24).collect();
    let year = published.map(|d| d.year().to_string()).unwrap_or_default();
    let word = significant_words(title)
        .next()
        .map(|w| w.chars().take(16).collect::<String>())
        .unwrap_or_default();
    // Pandoc keys must start with a letter, digit or underscore; `who` is never empty.
    format!("{who}{year}{word}")
}

/// The keys given so far: each new source takes the first candidate of its base not among them.
#[derive(Debug, Default)]
pub struct KeyRing {
    taken: HashSet<String>,
}

impl KeyRing {
    /// The first free key of `base`, now taken.
    pub fn take(&mut self, base: String) -> String {
        let mut key = base.clone();
        let mut n = 0usize;
        while self.taken.contains(&key) {
            key = format!("{base}{}", suffix(n));
            n += 1;
        }
        self.taken.insert(key.clone());
        key
    }
}

/// Keys for every source, unique across the desk.
pub fn assign<'a>(sources: impl IntoIterator<Item = &'a Source>) -> HashMap<String, String> {
    let mut ordered: Vec<&Source> = sources.into_iter().collect();
    ordered.sort_by(|a, b| a.id.cmp(&b.id));
    let mut ring = KeyRing::default();
    ordered
        .into_iter()
        .map(|source| (source.id.clone(), ring.take(base_key(source))))
        .collect()
}

/// Gives `source` (already stored, inside the write that stored or changed it) a key: the first
/// candidate of its base that no other source holds.
pub(crate) fn store(db: &Db<'_>, source: &Source) -> Result<String> {
    let base = base_key(source);
    // Every key that starts with the base sorts in [base, base + '{') byte by byte: '{' follows
    // 'z'.
    let taken: HashSet<String> = db
        .query_all(
            &format!(
                "SELECT cite_key FROM sources WHERE {} AND id <> ?3",
                db.byte_range("cite_key", 1, 2)
            ),
            rusqlite::params![base, format!("{base}{{"), source.id],
            |r| r.get(0),
        )?
        .into_iter()
        .collect();
    let mut key = base.clone();
    let mut n = 0usize;
    while taken.contains(&key) {
        key = format!("{base}{}", suffix(n));
        n += 1;
    }
    db.execute(
        "UPDATE sources SET cite_key = ?2 WHERE id = ?1",
        rusqlite::params![source.id, key],
    )?;
    Ok(key)
}

/// The migration step that gives every source of an older desk its key, as [`assign`] computed
/// them over the whole desk before keys were stored.
pub(crate) fn backfill(tx: &rusqlite::Transaction<'_>) -> rusqlite_migration::HookResult {
    let sources: Vec<Source> = crate::sources::every_light_for_migration(tx)
        .map_err(|e| rusqlite_migration::HookError::Hook(e.to_string()))?;
    let keys = assign(&sources);
    let mut put = tx.prepare("UPDATE sources SET cite_key = ?2 WHERE id = ?1")?;
    for (id, key) in keys {
        put.execute([id, key])?;
    }
    Ok(())
}

/// a, b, …, z, aa, ab, …
fn suffix(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'a' + (n % 26) as u8);
        if n < 26 {
            break;
        }
        n = n / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_is_romanised_syllable_by_syllable() {
        assert_eq!(ascii_word("마이데일리"), "maideilli");
        assert_eq!(ascii_word("주영우"), "juyeongu");
        assert_eq!(ascii_word("한국"), "hanguk");
        assert_eq!(ascii_word("꽃"), "kkot");
        assert_eq!(romanise_syllable('A'), None);
        let key = key_base(
            Some("마이데일리"),
            None,
            PartialDate::parse("p", "2025-03").ok(),
            "주연 발표",
        );
        assert_eq!(key, "maideilli2025juyeon");
        let by_author = key_base(None, Some("김하은"), None, "인터뷰");
        assert_eq!(by_author, "gimhaeuninteobyu");
    }
    use crate::{PartialDate, Reliability, SourceKind};

    fn source(id: &str, outlet: Option<&str>, author: Option<&str>, title: &str) -> Source {
        let now = chrono::DateTime::UNIX_EPOCH;
        Source {
            id: id.into(),
            title: title.into(),
            outlet: outlet.map(Into::into),
            author: author.map(Into::into),
            url: None,
            published: PartialDate::parse("p", "2025-05-22").ok(),
            accessed: None,
            language: None,
            kind: SourceKind::Outlet,
            reliability: Reliability::Medium,
            via: None,
            kept_text: None,
            kept_text_sha256: None,
            notes: None,
            version: 1,
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn keys_read_outlet_year_and_first_title_word() {
        let s = source("1", Some("The Reel Report"), None, "The Salt Road returns");
        assert_eq!(base_key(&s), "reelreport2025salt");
        let s = source("2", None, Some("Zoë Ortiz"), "Über alles: a review");
        assert_eq!(base_key(&s), "zoeortiz2025uber");
        let s = source("3", None, None, "한국어 제목");
        assert_eq!(
            base_key(&s),
            "source2025hangukeo",
            "a Hangul title is romanised, not dropped"
        );
    }

    #[test]
    fn clashes_get_letters_in_creation_order_and_stay_stable() {
        let a = source("01A", Some("Reel"), None, "Salt one");
        let b = source("01B", Some("Reel"), None, "Salt two");
        let keys = assign([&b, &a]);
        assert_eq!(keys["01A"], "reel2025salt");
        assert_eq!(keys["01B"], "reel2025salta");
        let c = source("01C", Some("Reel"), None, "Salt three");
        let again = assign([&a, &b, &c]);
        assert_eq!(
            again["01A"], keys["01A"],
            "a new source does not change older keys"
        );
        assert_eq!(again["01C"], "reel2025saltb");
        assert_eq!(suffix(26), "aa");
    }
}
