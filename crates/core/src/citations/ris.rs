//! RIS (`TY  - JOUR` … `ER  - `), read by hand: the format is one tag a line, and the crates that
//! read it come with a citation model of their own and a deduplication stack we would map twice.
//! An entry runs from `TY` to `ER`; a repeated tag (authors, notes) adds to the first.

use super::{Entry, Read, clean, dedup, join_names, language_tag};
use crate::dates::PartialDate;
use crate::error::CoreError;
use crate::vocab::SourceKind;

fn kind(ty: &str) -> SourceKind {
    match ty {
        "NEWS" | "MGZN" | "JOUR" | "JFULL" | "EJOUR" => SourceKind::Outlet,
        "BLOG" => SourceKind::Social,
        "DATA" | "AGGR" => SourceKind::Dataset,
        "VIDEO" | "SOUND" | "MPCT" => SourceKind::Broadcast,
        _ => SourceKind::Other,
    }
}

/// `Family, Given` as `Given Family`; other forms as written.
fn person(raw: &str) -> String {
    match raw.split_once(',') {
        Some((family, given)) if !given.trim().is_empty() => {
            format!("{} {}", given.trim(), family.trim())
        }
        _ => raw.trim().to_string(),
    }
}

/// An RIS date, `YYYY/MM/DD/other` with empty parts allowed, as the desk's ISO form.
fn iso(raw: &str) -> String {
    let parts: Vec<&str> = raw
        .split('/')
        .map(str::trim)
        .take(3)
        .take_while(|p| !p.is_empty())
        .collect();
    parts.join("-")
}

pub(crate) fn read(text: &str) -> Read {
    let mut read = Read {
        entries: Vec::new(),
        bad: Vec::new(),
    };
    let mut tags: Vec<(String, String)> = Vec::new();
    let mut open = false;
    for line in text.lines() {
        let line = line.trim_start_matches('\u{feff}');
        let Some((tag, value)) = line.split_once("  -") else {
            // A line without a tag continues the previous value.
            if open
                && let Some(last) = tags.last_mut()
                && !line.trim().is_empty()
            {
                last.1.push(' ');
                last.1.push_str(line.trim());
            }
            continue;
        };
        let tag = tag.trim();
        let value = value.trim().to_string();
        match tag {
            "TY" => {
                tags.clear();
                tags.push((tag.into(), value));
                open = true;
            }
            "ER" => {
                if open {
                    let index = read.entries.len();
                    let entry = entry(index, &tags, &mut read);
                    read.entries.push(entry);
                }
                open = false;
                tags.clear();
            }
            _ if open => tags.push((tag.into(), value)),
            _ => {}
        }
    }
    if open {
        let index = read.entries.len();
        let entry = entry(index, &tags, &mut read);
        read.entries.push(entry);
    }
    read
}

fn entry(index: usize, tags: &[(String, String)], read: &mut Read) -> Entry {
    let all = |names: &[&str]| -> Vec<String> {
        tags.iter()
            .filter(|(t, v)| names.contains(&t.as_str()) && !v.is_empty())
            .map(|(_, v)| v.clone())
            .collect()
    };
    let first = |names: &[&str]| -> Option<String> {
        names
            .iter()
            .find_map(|n| all(&[n]).into_iter().next())
            .and_then(|v| clean(&v))
    };
    let key = first(&["ID"]);
    let k = key.clone();
    let mut date = |field: &str, raw: Option<String>| -> Option<PartialDate> {
        let raw = raw?;
        match PartialDate::parse(field, &iso(&raw)) {
            Ok(d) => Some(d),
            Err(e) => {
                let message = match e {
                    CoreError::Invalid { message, .. } => message,
                    e => e.to_string(),
                }
                .replacen(&format!("\"{}\"", iso(&raw)), &format!("\"{raw}\""), 1);
                read.bad(index, k.as_deref(), field, message);
                None
            }
        }
    };
    let published = date("published", first(&["DA", "PY", "Y1"]));
    let accessed = date("accessed", first(&["Y2"]));
    let doi = match first(&["DO"]) {
        Some(raw) => {
            let d = dedup::doi(&raw);
            if d.is_none() {
                read.bad(
                    index,
                    key.as_deref(),
                    "url",
                    format!("\"{raw}\" is not a DOI (10.…)"),
                );
            }
            d
        }
        None => None,
    };
    let notes = all(&["N1"]);
    Entry {
        key: key.clone(),
        title: first(&["TI", "T1", "CT"]),
        outlet: first(&["T2", "JF", "JO", "JA", "PB"]),
        author: join_names(all(&["AU", "A1"]).iter().map(|a| person(a)).collect()),
        url: first(&["UR"]),
        doi,
        published,
        accessed,
        language: first(&["LA"]).map(|l| language_tag(&l)),
        kind: first(&["TY"]).map(|t| kind(&t)),
        notes: (!notes.is_empty()).then(|| notes.join("\n")),
    }
}
