//! CSL-JSON (CSL 1.0.2), as Zotero, Better BibTeX and Factdesk's own export write it: an array of
//! items. Read through `serde_json` values rather than a fixed struct, because tools differ in
//! what they put where (dates as `date-parts` numbers or strings, or `raw` text; names as
//! `literal` or `given`/`family`), and a wrong type must be reported by entry and field.

use serde_json::Value;

use super::{Entry, Read, clean, dedup, join_names, language_tag};
use crate::dates::PartialDate;
use crate::error::{CoreError, Result};
use crate::vocab::SourceKind;

/// The desk's kind for a CSL item type (and `genre`, which marks a press release).
pub(crate) fn kind(item_type: &str, genre: Option<&str>) -> SourceKind {
    match item_type {
        "article-newspaper" | "article-magazine" | "article-journal" | "article" => {
            SourceKind::Outlet
        }
        "interview" => SourceKind::Interview,
        "report" if genre.is_some_and(|g| g.eq_ignore_ascii_case("press release")) => {
            SourceKind::PressRelease
        }
        "post" | "post-weblog" => SourceKind::Social,
        "dataset" => SourceKind::Dataset,
        "broadcast" => SourceKind::Broadcast,
        "speech" => SourceKind::Person,
        _ => SourceKind::Other,
    }
}

pub(crate) fn read(file: &str, text: &str) -> Result<Read> {
    let value: Value = serde_json::from_str(text.trim_start_matches('\u{feff}')).map_err(|e| {
        CoreError::invalid(
            "file",
            format!(
                "{file} is not valid JSON (line {} column {}): {e}",
                e.line(),
                e.column()
            ),
        )
    })?;
    let Value::Array(items) = value else {
        return Err(CoreError::invalid(
            "file",
            format!("{file}: CSL-JSON is an array of items; this file holds one value"),
        ));
    };
    let mut read = Read {
        entries: Vec::with_capacity(items.len()),
        bad: Vec::new(),
    };
    for (index, item) in items.iter().enumerate() {
        let entry = match item {
            Value::Object(_) => one(index, item, &mut read),
            _ => {
                read.bad(index, None, "entry", "is not a JSON object".into());
                Entry::default()
            }
        };
        read.entries.push(entry);
    }
    Ok(read)
}

fn one(index: usize, item: &Value, read: &mut Read) -> Entry {
    let key = item.get("id").and_then(|v| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    });
    let k = key.as_deref();
    let text = |name: &str, field: &str, read: &mut Read| -> Option<String> {
        match item.get(name)? {
            Value::String(s) => clean(s),
            Value::Number(n) => Some(n.to_string()),
            Value::Null => None,
            other => {
                read.bad(
                    index,
                    k,
                    field,
                    format!("CSL \"{name}\" is not text: {other}"),
                );
                None
            }
        }
    };
    let title = text("title", "title", read);
    let outlet =
        text("container-title", "outlet", read).or_else(|| text("publisher", "outlet", read));
    let url = text("URL", "url", read);
    let doi_text = text("DOI", "url", read);
    let language = text("language", "language", read).map(|l| language_tag(&l));
    let notes = text("note", "notes", read);
    let genre = text("genre", "kind", read);
    let item_type = text("type", "kind", read);
    let author = item.get("author").and_then(|a| names(index, k, a, read));
    let published = item
        .get("issued")
        .and_then(|d| date(index, k, "published", d, read));
    let accessed = item
        .get("accessed")
        .and_then(|d| date(index, k, "accessed", d, read));
    let doi = match doi_text.as_deref() {
        Some(raw) => {
            let d = dedup::doi(raw);
            if d.is_none() {
                read.bad(index, k, "url", format!("\"{raw}\" is not a DOI (10.…)"));
            }
            d
        }
        None => None,
    };
    Entry {
        key,
        title,
        outlet,
        author,
        url,
        doi,
        published,
        accessed,
        language,
        kind: item_type.map(|t| kind(&t, genre.as_deref())),
        notes,
    }
}

fn names(index: usize, key: Option<&str>, value: &Value, read: &mut Read) -> Option<String> {
    let Value::Array(list) = value else {
        read.bad(
            index,
            key,
            "author",
            "CSL \"author\" is not a list of names".into(),
        );
        return None;
    };
    let part = |n: &Value, k: &str| {
        n.get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .trim()
            .to_string()
    };
    let names = list
        .iter()
        .map(|n| {
            let literal = part(n, "literal");
            if !literal.is_empty() {
                return literal;
            }
            [
                part(n, "given"),
                part(n, "dropping-particle"),
                part(n, "non-dropping-particle"),
                part(n, "family"),
                part(n, "suffix"),
            ]
            .into_iter()
            .filter(|p| !p.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
        })
        .collect();
    join_names(names)
}

/// A CSL date: `{"date-parts": [[y, m?, d?]]}` (numbers or digit strings), or `{"raw": …}` /
/// `{"literal": …}` in ISO form. A range keeps its start.
fn date(
    index: usize,
    key: Option<&str>,
    field: &str,
    value: &Value,
    read: &mut Read,
) -> Option<PartialDate> {
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Object(_) => {
            if let Some(parts) = value
                .get("date-parts")
                .and_then(|p| p.get(0))
                .and_then(Value::as_array)
            {
                let nums: Option<Vec<i64>> = parts
                    .iter()
                    .map(|p| match p {
                        Value::Number(n) => n.as_i64(),
                        Value::String(s) => s.trim().parse().ok(),
                        _ => None,
                    })
                    .collect();
                match nums.as_deref() {
                    Some([y]) => format!("{y:04}"),
                    Some([y, m]) => format!("{y:04}-{m:02}"),
                    Some([y, m, d, ..]) => format!("{y:04}-{m:02}-{d:02}"),
                    _ => {
                        read.bad(
                            index,
                            key,
                            field,
                            format!("CSL date-parts {value} are not [year, month?, day?]"),
                        );
                        return None;
                    }
                }
            } else if let Some(raw) = value
                .get("raw")
                .or_else(|| value.get("literal"))
                .and_then(Value::as_str)
            {
                raw.to_string()
            } else {
                read.bad(
                    index,
                    key,
                    field,
                    format!("CSL date {value} has no date-parts or raw text"),
                );
                return None;
            }
        }
        other => {
            read.bad(index, key, field, format!("CSL date {other} is not a date"));
            return None;
        }
    };
    PartialDate::parse(field, &text)
        .map_err(|e| match e {
            CoreError::Invalid { message, .. } => read.bad(index, key, field, message),
            e => read.bad(index, key, field, e.to_string()),
        })
        .ok()
}
