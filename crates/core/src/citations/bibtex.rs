//! BibTeX and BibLaTeX through the `biblatex` crate (Typst's), which resolves `@string` macros,
//! crossrefs and braces. Dates come from BibLaTeX's ISO `date`, else BibTeX's `year` and
//! `month`.

use biblatex::{Bibliography, ChunksExt, EntryType};

use super::{Entry, Read, clean, dedup, join_names, language_tag};
use crate::dates::PartialDate;
use crate::error::{CoreError, Result};
use crate::vocab::SourceKind;

fn kind(t: &EntryType) -> SourceKind {
    match t {
        EntryType::Article | EntryType::Periodical => SourceKind::Outlet,
        EntryType::Dataset => SourceKind::Dataset,
        _ => SourceKind::Other,
    }
}

fn month(raw: &str) -> Option<u32> {
    let t = raw.trim().to_ascii_lowercase();
    if let Ok(n) = t.parse::<u32>() {
        return (1..=12).contains(&n).then_some(n);
    }
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    NAMES
        .iter()
        .position(|m| t.starts_with(m))
        .map(|i| i as u32 + 1)
}

pub(crate) fn read(file: &str, text: &str) -> Result<Read> {
    let bib = Bibliography::parse(text).map_err(|e| {
        let line = text[..e.span.start.min(text.len())].lines().count().max(1);
        CoreError::invalid(
            "file",
            format!("{file} is not valid BibTeX (line {line}): {}", e.kind),
        )
    })?;
    let mut read = Read {
        entries: Vec::with_capacity(bib.len()),
        bad: Vec::new(),
    };
    for (index, e) in bib.iter().enumerate() {
        let key = Some(e.key.clone());
        let k = key.as_deref();
        let field = |name: &str| e.get(name).and_then(|c| clean(&c.format_verbatim()));
        let author = match e.author() {
            Ok(people) => join_names(
                people
                    .iter()
                    .map(|p| {
                        [
                            p.given_name.as_str(),
                            p.prefix.as_str(),
                            p.name.as_str(),
                            p.suffix.as_str(),
                        ]
                        .iter()
                        .filter(|s| !s.trim().is_empty())
                        .copied()
                        .collect::<Vec<_>>()
                        .join(" ")
                    })
                    .collect(),
            ),
            Err(_) => field("author"),
        };
        let mut date = |name: &str, text: Option<String>| -> Option<PartialDate> {
            let text = text?;
            // A BibLaTeX range (`2025-05/2025-06`) keeps its start.
            let start = text.split('/').next().unwrap_or(&text).to_string();
            match PartialDate::parse(name, &start) {
                Ok(d) => Some(d),
                Err(err) => {
                    let message = match err {
                        CoreError::Invalid { message, .. } => message,
                        err => err.to_string(),
                    };
                    read.bad(index, k, name, message);
                    None
                }
            }
        };
        let published_text = field("date").or_else(|| {
            let year = field("year")?;
            Some(match field("month") {
                Some(m) => match month(&m) {
                    Some(m) => format!("{year}-{m:02}"),
                    None => format!("{year}-{m}"),
                },
                None => year,
            })
        });
        let published = date("published", published_text);
        let accessed = date("accessed", field("urldate"));
        let doi = match field("doi") {
            Some(raw) => {
                let d = dedup::doi(&raw);
                if d.is_none() {
                    read.bad(index, k, "url", format!("\"{raw}\" is not a DOI (10.…)"));
                }
                d
            }
            None => None,
        };
        read.entries.push(Entry {
            key: key.clone(),
            title: field("title"),
            outlet: field("journaltitle")
                .or_else(|| field("journal"))
                .or_else(|| field("organization"))
                .or_else(|| field("publisher"))
                .or_else(|| field("institution")),
            author,
            url: field("url"),
            doi,
            published,
            accessed,
            language: field("langid")
                .or_else(|| field("language"))
                .map(|l| language_tag(&l)),
            kind: Some(kind(&e.entry_type)),
            notes: field("note"),
        });
    }
    Ok(read)
}
