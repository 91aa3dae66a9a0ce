//! Two spellings of one name across a desk's texts: "Jung Tae-oh" here, "Jeong Taeoh" there.
//!
//! Names are found as runs of 2–4 capitalised words (a hyphenated given name such as "Tae-oh" is
//! one word) that are not common capitalised words ("The", "Season", "Director"…); a possessive
//! `'s` ends a run. Two distinct spellings are reported as a possible variant when:
//!
//! - they are the same once letter case, hyphens and spaces are set aside and Korean
//!   romanisations are unified (family names such as Jung/Jeong/Chung, Lee/Yi/Rhee, Joo/Ju/Choo/Chu
//!   and given-name syllables such as hyun/hyeon, jae/jai, kyu/gyu, soo/su, hee/hi): "Tae-oh" /
//!   "Taeoh" / "Tae Oh" / "TAE-OH". The groups live in `crates/core/data/romanisation.toml`, not
//!   here, so an editor can extend them without touching the rules;
//! - they hold the same words in another order ("Jung Tae-oh" / "Tae-oh Jung");
//! - they have the same number of words and differ in exactly one of them, by one edit (a letter
//!   added, dropped, changed, or two neighbours swapped), that word being 3+ letters long.
//!
//! The last rule is a decision: "Park Seo-yun" and "Park Seo-jun" may well be two people, but a
//! one-letter difference in an otherwise identical name is exactly what a typo looks like, and
//! the check only warns. Names further apart ("Kim Min-ji" / "Kim Min-jae") are never paired.
//!
//! Cost is linear in the text plus a small amount per distinct spelling: spellings are bucketed
//! by their unified form, their sorted words and each "all words but one" key, and only spellings
//! sharing a bucket are compared.
//!
//! Across the desk the same buckets are a table, `name_keys`: every spelling written in a draft,
//! a claim, a source or the people list is stored under its bucket keys when the record is
//! written ([`index`]), so [`desk_variants`] looks up only the keys of the checked text's names
//! (an indexed equality per key) and never reads the desk's records. The keys depend on the
//! romanisation file; candidates are re-compared with the current file, so a changed file can miss
//! a pair in old rows (until they are written again) but never report a wrong one.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use rusqlite::{Connection, params};

use crate::db::{Db, Optional as _};
use crate::error::{CoreError, Result};

/// Two spellings that may be one name, as written, the one seen first (across `texts`, in order)
/// first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameVariant {
    pub first: String,
    pub second: String,
}

/// Capitalised words that are not parts of a person's name; they break a run.
#[rustfmt::skip]
const NOT_NAMES: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "it", "its", "he", "she", "they", "we", "i",
    "our", "his", "her", "their", "my", "your", "you", "in", "on", "at", "of", "for", "with",
    "from", "by", "to", "and", "but", "or", "nor", "so", "as", "if", "when", "while", "after",
    "before", "since", "until", "though", "although", "because", "meanwhile", "also", "still",
    "yet", "even", "both", "then", "now", "here", "there", "what", "who", "why", "how", "where",
    "which", "season", "seasons", "episode", "episodes", "part", "chapter", "series", "best", "top",
    "no", "not", "fans", "viewers", "actor", "actress", "director", "writer", "producer", "star",
    "stars", "singer", "dr", "mr", "mrs", "ms", "mx", "prof", "ceo", "pd", "sources", "source",
    "according", "per", "update", "updated", "spoiler", "spoilers", "everything", "is", "are",
    "was", "were", "will", "would", "could", "should", "may", "might", "can", "did", "does", "do",
    "has", "have", "had", "be", "been", "yes", "all", "every", "new", "more", "most", "some", "any",
    "one", "two", "three", "first", "last", "next", "one's", "january", "february", "march",
    "april", "june", "july", "august", "september", "october", "november", "december", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "reportedly", "confirmed",
    "officially", "plus", "like", "just", "only", "why", "read", "watch", "see",
];

/// [`NOT_NAMES`] as a set: every capitalised word of a draft is looked up in it.
static NOT_NAME_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| NOT_NAMES.iter().copied().collect());

/// Korean family names that are also common capitalised words.
const FAMILY_HOMOGRAPHS: &[&str] = &["an", "so", "no", "ha", "ma"];

/// The word after optional spaces at the start of `rest`, letters and inner hyphens only.
fn next_word(rest: &str) -> Option<&str> {
    let rest = rest.trim_start_matches([' ', '\t']);
    let end = rest
        .find(|c: char| !(c.is_alphabetic() || c == '-'))
        .unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// The romanisation groups, read from the data file built into the binary.
const ROMANISATION_FILE: &str = include_str!("../../data/romanisation.toml");

/// Every other spelling → the form its group is unified to.
static ROMANISATIONS: LazyLock<HashMap<String, String>> =
    LazyLock::new(|| parse_romanisations(ROMANISATION_FILE).unwrap_or_default());

/// Reads the groups of `text` (`form = ["spelling", …]` lines under `[surnames]` and
/// `[syllables]`, `#` comments, a `version = N` line); the error names the line.
pub fn parse_romanisations(text: &str) -> std::result::Result<HashMap<String, String>, String> {
    let mut map: HashMap<String, String> = HashMap::new();
    let mut forms: HashSet<String> = HashSet::new();
    for (n, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or_default().trim();
        let bad = |why: &str| format!("romanisation.toml line {}: {why}", n + 1);
        if line.is_empty() || line.starts_with('[') || line.starts_with("version") {
            continue;
        }
        let (form, list) = line
            .split_once('=')
            .ok_or_else(|| bad("expected form = [..]"))?;
        let form = form.trim().to_string();
        let list = list
            .trim()
            .strip_prefix('[')
            .and_then(|l| l.strip_suffix(']'))
            .ok_or_else(|| bad("the spellings are a [..] list"))?;
        let word = |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase());
        if !word(&form) || !forms.insert(form.clone()) {
            return Err(bad("the form is a lower-case word, listed once"));
        }
        for item in list.split(',').map(str::trim).filter(|i| !i.is_empty()) {
            let spelling = item
                .strip_prefix('"')
                .and_then(|i| i.strip_suffix('"'))
                .filter(|i| word(i))
                .ok_or_else(|| bad("a spelling is a quoted lower-case word"))?;
            if map.insert(spelling.to_string(), form.clone()).is_some() {
                return Err(bad(&format!("“{spelling}” is in two groups")));
            }
        }
    }
    if let Some(both) = map.keys().find(|k| forms.contains(*k)) {
        return Err(format!(
            "romanisation.toml: “{both}” is both a form and a spelling"
        ));
    }
    Ok(map)
}

/// The person-like names of one text, each as its words, in order: found once per text and
/// shared by the checks that read names (a draft's body is the longest text they read, and both
/// the in-draft and the desk-wide name checks read it).
pub struct NameRuns<'a>(Vec<Vec<&'a str>>);

impl<'a> NameRuns<'a> {
    pub fn of(text: &'a str) -> NameRuns<'a> {
        let mut runs = Vec::new();
        for_each_name(text, |words| runs.push(words.to_vec()));
        NameRuns(runs)
    }
}

/// Two spellings of one name found across `texts`, each pair once, in order of first sighting.
pub fn name_variants(texts: &[&str]) -> Vec<NameVariant> {
    let runs: Vec<NameRuns<'_>> = texts.iter().map(|t| NameRuns::of(t)).collect();
    name_variants_in(&runs.iter().collect::<Vec<_>>())
}

/// [`name_variants`] of texts whose names are already found.
pub fn name_variants_in(texts: &[&NameRuns<'_>]) -> Vec<NameVariant> {
    let mut spellings: Vec<Spelling> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for words in texts.iter().flat_map(|t| &t.0) {
        let written = words.join(" ");
        if !seen.contains_key(&written) {
            seen.insert(written.clone(), spellings.len());
            spellings.push(Spelling::new(written, words));
        }
    }

    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut buckets: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, s) in spellings.iter().enumerate() {
        for key in s.keys() {
            buckets.entry(key).or_default().push(i);
        }
    }
    for (key, members) in &buckets {
        let masked_at = key
            .strip_prefix("m:")
            .and_then(|k| k.split(':').nth(1))
            .and_then(|p| p.parse::<usize>().ok());
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                let same = match masked_at {
                    // Equal except word p: a variant when word p is one edit away.
                    Some(p) => {
                        let (wa, wb) = (&spellings[a].words[p], &spellings[b].words[p]);
                        wa.chars().count().min(wb.chars().count()) >= 3 && one_edit(wa, wb)
                    }
                    // Same unified form, or same words in another order.
                    None => true,
                };
                if same {
                    pairs.push((a.min(b), a.max(b)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
        .into_iter()
        .map(|(a, b)| NameVariant {
            first: spellings[a].written.clone(),
            second: spellings[b].written.clone(),
        })
        .collect()
}

/// One distinct spelling of a name.
struct Spelling {
    /// As written, words joined by one space.
    written: String,
    /// Lower-cased words with hyphens dropped and romanisations unified.
    words: Vec<String>,
    /// The words run together: hyphen, space and case differences vanish.
    unified: String,
}

impl Spelling {
    /// The buckets the spelling falls in: its unified form (`u:`), its sorted words (`s:`) and,
    /// per word, the other words in place (`m:`).
    fn keys(&self) -> Vec<String> {
        let mut keys = vec![format!("u:{}", self.unified)];
        let mut sorted = self.words.clone();
        sorted.sort();
        keys.push(format!("s:{}", sorted.join(" ")));
        for p in 0..self.words.len() {
            let mut key = format!("m:{}:{p}:", self.words.len());
            for (q, w) in self.words.iter().enumerate() {
                if q != p {
                    key.push_str(w);
                    key.push(' ');
                }
            }
            keys.push(key);
        }
        keys
    }

    /// Whether `other`, written differently, may be the same name (the rules at the top).
    fn pairs_with(&self, other: &Spelling) -> bool {
        if self.written == other.written {
            return false;
        }
        if self.unified == other.unified {
            return true;
        }
        let (mut a, mut b) = (self.words.clone(), other.words.clone());
        a.sort();
        b.sort();
        if a == b {
            return true;
        }
        if self.words.len() != other.words.len() {
            return false;
        }
        let differing: Vec<usize> = (0..self.words.len())
            .filter(|&p| self.words[p] != other.words[p])
            .collect();
        matches!(differing.as_slice(), [p] if {
            let (wa, wb) = (&self.words[*p], &other.words[*p]);
            wa.chars().count().min(wb.chars().count()) >= 3 && one_edit(wa, wb)
        })
    }

    fn new(written: String, raw: &[&str]) -> Spelling {
        let words: Vec<String> = raw.iter().map(|w| normal_word(w)).collect();
        let unified = words.concat();
        Spelling {
            written,
            words,
            unified,
        }
    }
}

/// A word lower-cased, each hyphenated part and the whole romanisation-unified, hyphens dropped.
fn normal_word(word: &str) -> String {
    let lower = word.to_lowercase().replace('’', "'");
    let joined = lower.replace('-', "");
    let whole = unify(&joined);
    if whole != joined {
        return whole.to_string();
    }
    lower.split('-').map(unify).collect::<Vec<_>>().concat()
}

fn unify(part: &str) -> &str {
    ROMANISATIONS.get(part).map_or(part, String::as_str)
}

/// The distinct spellings of names in `texts`, in order of first sighting.
fn spellings_in(texts: &[&str]) -> Vec<Spelling> {
    let runs: Vec<NameRuns<'_>> = texts.iter().map(|t| NameRuns::of(t)).collect();
    spellings_of(&runs.iter().collect::<Vec<_>>())
}

/// [`spellings_in`] of texts whose names are already found.
fn spellings_of(texts: &[&NameRuns<'_>]) -> Vec<Spelling> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for words in texts.iter().flat_map(|t| &t.0) {
        let written = words.join(" ");
        if seen.insert(written.clone()) {
            out.push(Spelling::new(written, words));
        }
    }
    out
}

/// A record kind in `name_keys`: `draft`, `claim`, `source` or `person`.
pub type NameRecord<'a> = (&'a str, &'a str);

/// Replaces the stored name spellings of one record by those in `texts` (inside the record's
/// write, so the index never disagrees with what was saved).
pub(crate) fn index(db: &Db<'_>, record: NameRecord<'_>, texts: &[&str]) -> Result<()> {
    let (kind, id) = record;
    db.execute(
        "DELETE FROM name_keys WHERE record_kind = ?1 AND record_id = ?2",
        params![kind, id],
    )?;
    let mut put = db.prepare_cached(
        "INSERT INTO name_keys (key, spelling, record_kind, record_id) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for spelling in spellings_in(texts) {
        for key in spelling.keys() {
            put.execute(params![key, spelling.written, kind, id])?;
        }
    }
    Ok(())
}

/// Fills `name_keys` for a desk made before the index existed.
pub(crate) fn backfill(tx: &rusqlite::Transaction<'_>) -> rusqlite_migration::HookResult {
    let hook = |e: crate::error::CoreError| rusqlite_migration::HookError::Hook(e.to_string());
    let mut records: Vec<(&'static str, String, Vec<String>)> = Vec::new();
    for (kind, sql) in [
        ("claim", "SELECT id, text, '' , '' FROM claims"),
        (
            "source",
            "SELECT id, title, coalesce(author, ''), coalesce(notes, '') FROM sources",
        ),
        ("draft", "SELECT id, title, body, '' FROM drafts"),
    ] {
        let mut stmt = tx.prepare(sql)?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                vec![r.get(1)?, r.get(2)?, r.get(3)?],
            ))
        })?;
        for row in rows {
            let (id, texts) = row?;
            records.push((kind, id, texts));
        }
    }
    for (kind, id, texts) in &records {
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        index(&Db::sqlite(tx), (kind, id), &texts).map_err(hook)?;
    }
    Ok(())
}

/// A spelling elsewhere in the desk that may be the same name as one in the checked text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeskVariant {
    /// As written in the checked text.
    pub here: String,
    /// As written elsewhere.
    pub there: String,
    /// Where: `draft`, `claim`, `source` or `person`, and the record's id.
    pub record_kind: String,
    pub record_id: String,
}

/// Most rows read per bucket key: a key shared by more spellings than this is a common name
/// part, and reading all of them would make the check's cost grow with the desk.
///
/// NOTE: written into the SQL, never bound: SQLite plans a bound `LIMIT ?` by its value, so
/// each new binding would recompile the statement (a parse per key looked up).
const MAX_PER_KEY: i64 = 200;

/// The names in `texts` that the rest of the desk spells differently, each pair once (the first
/// record found), leaving out pairs that are listed forms of one person (the people list says
/// both spellings are right) and records `skip` names (the checked draft itself).
pub fn desk_variants(
    conn: &Connection,
    texts: &[&str],
    skip: Option<NameRecord<'_>>,
) -> Result<Vec<DeskVariant>> {
    let runs: Vec<NameRuns<'_>> = texts.iter().map(|t| NameRuns::of(t)).collect();
    desk_variants_in(&Db::sqlite(conn), &runs.iter().collect::<Vec<_>>(), skip)
}

/// [`desk_variants`] of texts whose names are already found.
pub fn desk_variants_in(
    db: &Db<'_>,
    texts: &[&NameRuns<'_>],
    skip: Option<NameRecord<'_>>,
) -> Result<Vec<DeskVariant>> {
    let here = spellings_of(texts);
    let written: HashSet<&str> = here.iter().map(|s| s.written.as_str()).collect();
    let keyed: Vec<(&Spelling, Vec<String>)> = here.iter().map(|s| (s, s.keys())).collect();
    let under = records_under(db, keyed.iter().flat_map(|(_, keys)| keys))?;
    let mut found: Vec<DeskVariant> = Vec::new();
    let mut pairs: HashSet<(String, String)> = HashSet::new();
    for (spelling, keys) in &keyed {
        for key in keys {
            for (there, kind, id) in under.get(key).into_iter().flatten() {
                if written.contains(there.as_str())
                    || skip.is_some_and(|(k, i)| k == kind.as_str() && i == id.as_str())
                    || pairs.contains(&(spelling.written.clone(), there.clone()))
                {
                    continue;
                }
                let words: Vec<&str> = there.split(' ').collect();
                if !spelling.pairs_with(&Spelling::new(there.clone(), &words)) {
                    continue;
                }
                pairs.insert((spelling.written.clone(), there.clone()));
                found.push(DeskVariant {
                    here: spelling.written.clone(),
                    there: there.clone(),
                    record_kind: kind.clone(),
                    record_id: id.clone(),
                });
            }
        }
    }
    let mut kept = Vec::with_capacity(found.len());
    for v in found {
        if !same_person(db, &v.here, &v.there)? {
            kept.push(v);
        }
    }
    Ok(kept)
}

/// A `name_keys` row: spelling, record kind, record id.
type KeyedRecord = (String, String, String);

/// The records under each of `keys` (at most [`MAX_PER_KEY`] each, in the order one key's
/// index scan gives them), read in one query: a draft's names have hundreds of keys, and a
/// team desk pays a round trip per query where a desk file answers in process.
fn records_under<'k>(
    db: &Db<'_>,
    keys: impl IntoIterator<Item = &'k String>,
) -> Result<HashMap<String, Vec<KeyedRecord>>> {
    let keys: Vec<&str> = keys
        .into_iter()
        .map(String::as_str)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    if keys.is_empty() {
        return Ok(HashMap::new());
    }
    // Kind and id are words without spaces (a kind name, an id), so the spelling is the rest.
    let records = db.json_array_as_read(
        "record_kind || ' ' || record_id || ' ' || spelling",
        &format!(
            "(SELECT DISTINCT spelling, record_kind, record_id FROM name_keys
              WHERE key = k.value LIMIT {MAX_PER_KEY}) AS found"
        ),
    );
    let sql = format!("SELECT k.value, {records} FROM {} AS k", db.each_key(1));
    let rows = db.query_all(&sql, params![crate::db::keys(&keys)?], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
    })?;
    let mut under = HashMap::with_capacity(rows.len());
    for (key, records) in rows {
        let records: Vec<String> = serde_json::from_str(&records)
            .map_err(|e| CoreError::Internal(format!("name_keys rows of {key}: {e}")))?;
        let records = records
            .into_iter()
            .map(|r| {
                let mut parts = r.splitn(3, ' ');
                match (parts.next(), parts.next(), parts.next()) {
                    (Some(kind), Some(id), Some(spelling)) => {
                        Ok((spelling.to_string(), kind.to_string(), id.to_string()))
                    }
                    _ => Err(CoreError::Internal(format!("name_keys row “{r}” of {key}"))),
                }
            })
            .collect::<Result<Vec<_>>>()?;
        under.insert(key, records);
    }
    Ok(under)
}

/// Whether `a` and `b` are both listed forms (name or alias) of one person.
pub fn same_person(db: &Db<'_>, a: &str, b: &str) -> Result<bool> {
    db.query_row(
        "WITH forms(person, form) AS (
             SELECT id, name FROM people WHERE name IN (?1, ?2)
             UNION SELECT person_id, alias FROM person_aliases WHERE alias IN (?1, ?2))
         SELECT EXISTS (SELECT 1 FROM forms x JOIN forms y ON x.person = y.person
                        WHERE x.form = ?1 AND y.form = ?2)",
        params![a, b],
        |r| r.get(0),
    )
}

/// Whether `a` and `b` differ by exactly one insertion, deletion, substitution or swap of two
/// neighbouring letters.
fn one_edit(a: &str, b: &str) -> bool {
    if a == b {
        return false;
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let prefix = short
        .iter()
        .zip(long.iter())
        .take_while(|(x, y)| x == y)
        .count();
    if short.len() == long.len() {
        // One substitution, or one swap of neighbours.
        let rest_equal = |from: usize| short[from..] == long[from..];
        rest_equal(prefix + 1)
            || (prefix + 1 < short.len()
                && short[prefix] == long[prefix + 1]
                && short[prefix + 1] == long[prefix]
                && rest_equal(prefix + 2))
    } else {
        short[prefix..] == long[prefix + 1..]
    }
}

/// Calls `found` with the words of every person-like name in `text`.
fn for_each_name<'t>(text: &'t str, mut found: impl FnMut(&[&'t str])) {
    let mut run: Vec<&'t str> = Vec::new();
    let mut flush = |run: &mut Vec<&'t str>| {
        if (2..=4).contains(&run.len()) {
            found(run);
        }
        run.clear();
    };
    let mut i = 0;
    let mut newlines = 0;
    while i < text.len() {
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if c.is_whitespace() {
            if c == '\n' {
                newlines += 1;
                if newlines > 1 {
                    flush(&mut run);
                }
            }
            i += c.len_utf8();
            continue;
        }
        newlines = 0;
        if !c.is_alphabetic() {
            flush(&mut run);
            i += c.len_utf8();
            continue;
        }
        // A word: letters, with `-` or an apostrophe between letters.
        let start = i;
        let mut end = i;
        let mut chars = text[i..].char_indices().peekable();
        while let Some((k, d)) = chars.next() {
            let joins = matches!(d, '-' | '\'' | '’')
                && chars.peek().is_some_and(|(_, n)| n.is_alphabetic());
            if d.is_alphabetic() || joins {
                end = i + k + d.len_utf8();
            } else {
                break;
            }
        }
        let word = &text[start..end];
        i = end;
        let (word, possessive) = match word.strip_suffix("'s").or_else(|| word.strip_suffix("’s"))
        {
            Some(stem) => (stem, true),
            None => (word, false),
        };
        // One letter is an initial or an article, except the family name "O". Only a
        // capitalised word is lower-cased, to be looked up.
        let name_like = word.chars().next().is_some_and(char::is_uppercase)
            && (word.chars().filter(|c| c.is_alphabetic()).count() >= 2 || word == "O")
            && (!NOT_NAME_SET.contains(word.to_lowercase().as_str())
                // "An So-hee", "No Min-woo": a family name that is also a common word counts
                // when a hyphenated given name follows.
                || (FAMILY_HOMOGRAPHS.contains(&word.to_lowercase().as_str())
                    && next_word(&text[i..]).is_some_and(|n| {
                        n.contains('-') && n.starts_with(char::is_uppercase)
                    })));
        if name_like {
            run.push(word);
        } else {
            flush(&mut run);
        }
        if possessive {
            flush(&mut run);
        }
    }
    flush(&mut run);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(texts: &[&str]) -> Vec<(String, String)> {
        name_variants(texts)
            .into_iter()
            .map(|v| (v.first, v.second))
            .collect()
    }

    fn pair(a: &str, b: &str) -> (String, String) {
        (a.to_string(), b.to_string())
    }

    #[test]
    fn hyphen_space_case_and_romanisation_variants_pair() {
        let got = pairs(&[
            "Jung Tae-oh plays the lead. Later, Jeong Taeoh said he loved it.",
            "Fans adore Jung Tae Oh. KIM Ha-eun is back, and Kim Ha-eun's co-star too.",
        ]);
        assert_eq!(
            got,
            vec![
                pair("Jung Tae-oh", "Jeong Taeoh"),
                pair("Jung Tae-oh", "Jung Tae Oh"),
                pair("Jeong Taeoh", "Jung Tae Oh"),
                pair("KIM Ha-eun", "Kim Ha-eun"),
            ]
        );
    }

    #[test]
    fn family_name_romanisations_pair() {
        for (a, b) in [
            ("Lee Min-seo", "Yi Min-seo"),
            ("Park Ji-hoon", "Pak Ji-hoon"),
            ("Choi Yu-na", "Choe Yu-na"),
            ("Shin Da-eun", "Sin Da-eun"),
            ("Yoon Seo-ah", "Yun Seo-ah"),
            ("Kang Hye-won", "Gang Hye-won"),
            ("Seo Ji-an", "Suh Ji-an"),
            ("Oh Jae-min", "O Jae-min"),
        ] {
            let text = format!("{a} was cast. Then {b} spoke.");
            assert_eq!(pairs(&[&text]), vec![pair(a, b)], "{text}");
        }
    }

    #[test]
    fn family_names_that_are_common_words_count_before_a_given_name() {
        assert_eq!(
            pairs(&["Ahn So-hee returns. An So-hee said so herself."]),
            vec![pair("Ahn So-hee", "An So-hee")]
        );
        assert_eq!(pairs(&["An Actor Returns. Ahn Returns."]), vec![]);
    }

    #[test]
    fn one_letter_and_order_differences_pair() {
        assert_eq!(
            pairs(&["Park Seo-yun and Park Seo-jun star."]),
            vec![pair("Park Seo-yun", "Park Seo-jun")]
        );
        assert_eq!(
            pairs(&["Kim Ha-eun returns.", "We spoke to Kim Ha-uen."]),
            vec![pair("Kim Ha-eun", "Kim Ha-uen")]
        );
        assert_eq!(
            pairs(&["Tae-oh Jung is back; Jung Tae-oh confirmed it."]),
            vec![pair("Tae-oh Jung", "Jung Tae-oh")]
        );
    }

    #[test]
    fn clearly_different_names_do_not_pair() {
        for text in [
            "Kim Min-ji and Kim Min-jae share a scene.",
            "Lee Jun-ho and Park Jun-ho both return.",
            "Daily Lens and The Reel Report agree.",
            "Kim Ha-eun, Jung Tae-oh and Park Seo-yun are back.",
            "Season Two follows Season One.",
            "Oh Ha-na and Ok Ha-na both appear.",
        ] {
            assert_eq!(pairs(&[text]), vec![], "{text}");
        }
    }

    #[test]
    fn each_pair_once_first_seen_first() {
        let got = pairs(&[
            "Seo-yun Park. Park Seo-yun. Seo-yun Park.",
            "Park Seo-yun again.",
        ]);
        assert_eq!(got, vec![pair("Seo-yun Park", "Park Seo-yun")]);
    }

    #[test]
    fn the_romanisation_file_is_read_whole() {
        let map = parse_romanisations(ROMANISATION_FILE).unwrap();
        for (spelling, form) in [
            ("choo", "joo"),
            ("chu", "joo"),
            ("rhee", "lee"),
            ("bak", "park"),
            ("chung", "jung"),
            ("hyeon", "hyun"),
            ("jai", "jae"),
            ("kyu", "gyu"),
            ("su", "soo"),
        ] {
            assert_eq!(
                map.get(spelling).map(String::as_str),
                Some(form),
                "{spelling}"
            );
        }
        let err = parse_romanisations("[surnames]\nlee = [\"yi\"]\npark = [\"yi\"]\n");
        assert_eq!(
            err.unwrap_err(),
            "romanisation.toml line 3: “yi” is in two groups"
        );
        assert!(
            parse_romanisations("lee = yi")
                .unwrap_err()
                .contains("line 1")
        );
    }

    #[test]
    fn given_name_syllables_and_surname_families_pair() {
        for (a, b) in [
            ("Choo Young-woo", "Joo Young-woo"),
            ("Ju Young-woo", "Chu Young-woo"),
            ("Kim Hyun-soo", "Gim Hyeon-su"),
            ("Jung Jae-hee", "Chung Jai-hi"),
        ] {
            let text = format!("{a} was cast. Then {b} spoke.");
            assert_eq!(pairs(&[&text]), vec![pair(a, b)], "{text}");
        }
    }

    #[test]
    fn one_edit_counts_single_changes_only() {
        assert!(one_edit("seoyun", "seojun"));
        assert!(one_edit("haeun", "hauen"));
        assert!(one_edit("taeoh", "taeo"));
        assert!(!one_edit("minji", "minjae"));
        assert!(!one_edit("kim", "kim"));
        assert!(!one_edit("abc", "cab"));
    }

    #[test]
    fn twenty_thousand_words_are_fast() {
        let para = "Kim Ha-eun told The Reel Report that Jung Tae-oh and Park Seo-yun would return \
                    for Season 2, and Director Lee Min-seo said filming starts in May with 16 \
                    episodes planned. ";
        let text = para.repeat(20_000 / para.split_whitespace().count() + 1);
        let started = std::time::Instant::now();
        let got = name_variants(&[&text]);
        let took = started.elapsed();
        assert!(got.is_empty(), "{got:?}");
        // Debug builds are slow; the bound is loose here and checked tightly in release.
        assert!(took.as_millis() < 200, "{took:?}");
    }
}

/// A name in a text that is one of the desk's people: written as the person's name or a listed
/// alias, or as a spelling the rules above pair with one of those.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonSpelling {
    pub written: String,
    pub person_id: String,
}

/// The desk's people named in `texts`, each spelling once, in order of first sighting. Only the
/// people list is read (its `name_keys` rows and two indexed equalities per spelling), never the
/// desk's other records.
pub fn people_in(conn: &Connection, texts: &[&str]) -> Result<Vec<PersonSpelling>> {
    people_in_seen(&Db::sqlite(conn), texts, &mut PeopleSeen::default())
}

/// Spellings already looked up, each with the person it names or none: texts read in one pass
/// (an intake's candidate sentences) share their names, and each is looked up once.
pub type PeopleSeen = std::collections::HashMap<String, Option<String>>;

/// [`people_in`] on either engine, answering the spellings in `seen` from it and adding the
/// others.
pub fn people_in_seen(
    db: &Db<'_>,
    texts: &[&str],
    seen: &mut PeopleSeen,
) -> Result<Vec<PersonSpelling>> {
    let mut exact = db.prepare_cached(
        "SELECT id FROM people WHERE name = ?1
         UNION SELECT person_id FROM person_aliases WHERE alias = ?1
         LIMIT 1",
    )?;
    let mut keyed = db.prepare_cached(&format!(
        "SELECT DISTINCT spelling, record_id FROM name_keys
         WHERE key = ?1 AND record_kind = 'person' LIMIT {MAX_PER_KEY}"
    ))?;
    let mut found = Vec::new();
    for spelling in spellings_in(texts) {
        if let Some(person) = seen.get(&spelling.written) {
            if let Some(person_id) = person {
                found.push(PersonSpelling {
                    written: spelling.written,
                    person_id: person_id.clone(),
                });
            }
            continue;
        }
        let mut person: Option<String> = exact
            .query_row(params![spelling.written], |r| r.get(0))
            .optional()?;
        'keys: for key in spelling.keys() {
            if person.is_some() {
                break;
            }
            let rows = keyed.query_map(params![key], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?;
            for row in rows {
                let (there, id) = row?;
                let words: Vec<&str> = there.split(' ').collect();
                if spelling.pairs_with(&Spelling::new(there.clone(), &words)) {
                    person = Some(id);
                    break 'keys;
                }
            }
        }
        seen.insert(spelling.written.clone(), person.clone());
        if let Some(person_id) = person {
            found.push(PersonSpelling {
                written: spelling.written,
                person_id,
            });
        }
    }
    Ok(found)
}
