//! The people a candidate names, matched against the desk's people list: a romanised spelling
//! (the name, a listed alias, or a variant the name check pairs with one, "Jeong Tae-oh" for
//! "Jung Tae-oh") or the Hangul name in the sentence or its Korean original ("한지우가" holds
//! 한지우). The candidate's claim text takes the desk's spelling, so an accepted claim does not
//! start a name variant; the sentence and the quote stay as the article wrote them.

use std::collections::HashSet;

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use crate::checks::names;
use crate::db::{Db, keys};
use crate::error::Result;

/// One of the desk's people, named in a candidate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PersonMention {
    pub person_id: String,
    /// The spelling the desk uses.
    pub name: String,
    /// As the article wrote it (romanised or Hangul).
    pub written: String,
}

/// Longest Hangul name looked for (family name and a two-syllable given name, or a
/// two-syllable family name and given name).
const MAX_HANGUL_NAME: usize = 4;

/// The desk's people named in `texts`, each person once, in order of first sighting.
pub fn mentions(conn: &Connection, texts: &[&str]) -> Result<Vec<PersonMention>> {
    mentions_seen(&Db::sqlite(conn), texts, &mut names::PeopleSeen::default())
}

/// [`mentions`] on either engine, of one of many texts read in one pass, sharing the spellings
/// looked up.
pub fn mentions_seen(
    db: &Db<'_>,
    texts: &[&str],
    seen: &mut names::PeopleSeen,
) -> Result<Vec<PersonMention>> {
    let mut found: Vec<(String, String)> = names::people_in_seen(db, texts, seen)?
        .into_iter()
        .map(|p| (p.person_id, p.written))
        .collect();
    found.extend(hangul_names(db, texts)?);
    let mut seen = HashSet::new();
    let mut name = db.prepare_cached("SELECT name FROM people WHERE id = ?1")?;
    let mut out = Vec::new();
    for (person_id, written) in found {
        if seen.insert(person_id.clone()) {
            let desk_name: String = name.query_row(params![person_id], |r| r.get(0))?;
            out.push(PersonMention {
                person_id,
                name: desk_name,
                written,
            });
        }
    }
    Ok(out)
}

/// People whose Hangul name starts a run of Hangul syllables in `texts`; a particle may follow
/// the name in the same run ("한지우가", "한지우는").
fn hangul_names(db: &Db<'_>, texts: &[&str]) -> Result<Vec<(String, String)>> {
    let mut prefixes: Vec<String> = Vec::new();
    for text in texts {
        for run in text.split(|c: char| !is_syllable(c)) {
            let chars: Vec<char> = run.chars().collect();
            for len in 2..=chars.len().min(MAX_HANGUL_NAME) {
                prefixes.push(chars[..len].iter().collect());
            }
        }
    }
    prefixes.sort();
    prefixes.dedup();
    if prefixes.is_empty() {
        return Ok(Vec::new());
    }
    // One bound list, so the statement is prepared once; names in byte order on both engines.
    let mut out: Vec<(String, String)> = db.query_all(
        &format!(
            "SELECT id, hangul FROM people WHERE {} ORDER BY {}",
            db.in_keys("hangul", 1),
            db.byte_order("name")
        ),
        params![keys(&prefixes)?],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    // In order of first sighting in the texts, as the romanised names are.
    let at = |hangul: &str| {
        texts
            .iter()
            .enumerate()
            .find_map(|(i, t)| t.find(hangul).map(|p| (i, p)))
            .unwrap_or((usize::MAX, usize::MAX))
    };
    out.sort_by_key(|(_, hangul): &(String, String)| at(hangul));
    Ok(out)
}

fn is_syllable(c: char) -> bool {
    ('\u{AC00}'..='\u{D7A3}').contains(&c)
}

/// `text` with each romanised spelling of a mentioned person replaced by the desk's spelling.
pub fn in_desk_spelling(text: &str, mentions: &[PersonMention]) -> String {
    let mut out = text.to_string();
    for m in mentions {
        if m.written != m.name && !m.written.chars().any(is_syllable) {
            out = out.replace(&m.written, &m.name);
        }
    }
    out
}
