//! The people list: a person's name as the desk writes it, their Hangul name, and the other
//! romanisations they are known by (aliases). `name-variant` reads it (see `checks/names.rs`):
//! a person's listed forms are all right, so they are never flagged against each other, while a
//! spelling near one of them that is not listed is.
//!
//! Invariants: a name and each alias are one line of text; the Hangul name holds Hangul syllables
//! (and spaces) only; an alias equal to the name or to another alias is not stored twice; every
//! write keeps the person's forms in `name_keys` in the same transaction.

use chrono::{DateTime, Utc};
use rusqlite::params;
use serde::{Deserialize, Serialize};

use crate::audit;
use crate::checks::names;
use crate::dates::{parse_timestamp, timestamp};
use crate::db::{Db, Engine};
use crate::desk::{Desk, Write};
use crate::error::{CoreError, Result};
use crate::ids::{RecordKind, new_id, resolve_in};
use crate::validate::{self, Shape};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Person {
    pub id: String,
    /// The spelling the desk uses.
    pub name: String,
    /// The name in Hangul, e.g. 주영우.
    pub hangul: Option<String>,
    /// Other romanisations in use, in the order they were added.
    pub aliases: Vec<String>,
    #[ts(type = "string")]
    pub created_at: DateTime<Utc>,
    #[ts(type = "string")]
    pub updated_at: DateTime<Utc>,
}

/// A person as the user types them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct PersonInput {
    pub name: String,
    pub hangul: Option<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

fn check_hangul(value: Option<&str>) -> Result<Option<String>> {
    let Some(h) = validate::optional("hangul", value, Shape::Line)? else {
        return Ok(None);
    };
    let syllable = |c: char| ('\u{AC00}'..='\u{D7A3}').contains(&c);
    if !h.chars().all(|c| syllable(c) || c == ' ') {
        return Err(CoreError::invalid(
            "hangul",
            format!("“{h}” must be written in Hangul syllables (e.g. 주영우)"),
        ));
    }
    Ok(Some(h))
}

fn check_alias(alias: &str) -> Result<String> {
    validate::required("alias", alias, Shape::Line)
}

pub(crate) fn get_db(db: &Db<'_>, id: &str) -> Result<Person> {
    let (name, hangul, created, updated): (String, Option<String>, String, String) = db
        .query_row(
            "SELECT name, hangul, created_at, updated_at FROM people WHERE id = ?1",
            params![id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )
        .map_err(CoreError::missing("person", id))?;
    // In the order they were added: a desk file's rowid, a team desk's `seq` (`people.sql`).
    let order = match db.engine() {
        Engine::Sqlite => "rowid",
        Engine::Postgres => "seq",
    };
    let aliases = db.query_all(
        &format!("SELECT alias FROM person_aliases WHERE person_id = ?1 ORDER BY {order}"),
        params![id],
        |r| r.get(0),
    )?;
    Ok(Person {
        id: id.to_string(),
        name,
        hangul,
        aliases,
        created_at: parse_timestamp(&created)?,
        updated_at: parse_timestamp(&updated)?,
    })
}

/// Stores `alias` for `person` unless it is already one of their forms; whether it was new.
fn put_alias(w: &Write<'_>, person: &Person, alias: &str) -> Result<bool> {
    if person.name == alias || person.aliases.iter().any(|a| a == alias) {
        return Ok(false);
    }
    w.db.execute(
        "INSERT INTO person_aliases (person_id, alias) VALUES (?1, ?2)",
        params![person.id, alias],
    )?;
    Ok(true)
}

fn reindex(w: &Write<'_>, person: &Person) -> Result<()> {
    let mut forms: Vec<&str> = vec![person.name.as_str()];
    forms.extend(person.aliases.iter().map(String::as_str));
    // One form per text: two forms side by side would read as one longer name.
    let texts: Vec<String> = forms.iter().map(|f| format!("{f}.")).collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    names::index(&w.db, ("person", &person.id), &texts)
}

impl Desk {
    /// Adds a person with their Hangul name and aliases.
    pub fn add_person(&mut self, input: &PersonInput) -> Result<Person> {
        let name = validate::required("name", &input.name, Shape::Line)?;
        let hangul = check_hangul(input.hangul.as_deref())?;
        let aliases = input
            .aliases
            .iter()
            .map(|a| check_alias(a))
            .collect::<Result<Vec<_>>>()?;
        self.write(|w| {
            let id = new_id(w.now);
            w.db.execute(
                "INSERT INTO people (id, name, hangul, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?4)",
                params![id, name, hangul, timestamp(w.now)],
            )?;
            for alias in &aliases {
                let now = get_db(&w.db, &id)?;
                put_alias(w, &now, alias)?;
            }
            let person = get_db(&w.db, &id)?;
            reindex(w, &person)?;
            audit::record(w, RecordKind::Person, &id, None, Some(&person))?;
            Ok(person)
        })
    }

    /// Adds one alias to a person (by id or unique id prefix); an alias they already have is
    /// kept once.
    pub fn add_person_alias(&mut self, id: &str, alias: &str) -> Result<Person> {
        let alias = check_alias(alias)?;
        self.write(|w| {
            let id = resolve_in(&w.db, RecordKind::Person, "person", id)?;
            // Two sessions adding the same alias at once: the second sees the first's.
            crate::merge::hold(&w.db, RecordKind::Person, &id)?;
            let before = get_db(&w.db, &id)?;
            if !put_alias(w, &before, &alias)? {
                return Ok(before);
            }
            w.db.execute(
                "UPDATE people SET updated_at = ?2 WHERE id = ?1",
                params![id, timestamp(w.now)],
            )?;
            let after = get_db(&w.db, &id)?;
            reindex(w, &after)?;
            audit::record(w, RecordKind::Person, &id, Some(&before), Some(&after))?;
            Ok(after)
        })
    }

    /// One person by id or unique id prefix.
    pub fn person(&self, id: &str) -> Result<Person> {
        self.read(|db| {
            let id = resolve_in(db, RecordKind::Person, "person", id)?;
            get_db(db, &id)
        })
    }

    /// Every person, by name.
    pub fn people(&self) -> Result<Vec<Person>> {
        self.read(|db| {
            // PostgreSQL has no NOCASE: ASCII folded by lower() and compared byte by byte, as
            // NOCASE does (not by the database's locale).
            let order = match db.engine() {
                Engine::Sqlite => "name COLLATE NOCASE, id",
                Engine::Postgres => "lower(name) COLLATE \"C\", id",
            };
            let ids: Vec<String> = db.query_all(
                &format!("SELECT id FROM people ORDER BY {order}"),
                &[],
                |r| r.get(0),
            )?;
            ids.iter().map(|id| get_db(db, id)).collect()
        })
    }
}
