//! Citation import: a writer's library (CSL-JSON from Zotero or Better BibTeX, BibTeX/BibLaTeX,
//! RIS) becomes desk sources. The field mapping is in `docs/citations.md`.
//!
//! Invariants:
//! - A file is read whole and every entry checked before anything is written; a bad entry (no
//!   title, a date that is no date, a URL that is no URL) refuses the whole file with
//!   [`CoreError::BadEntries`], naming the file and each entry's index and field.
//! - Entries are deduplicated by DOI, then normalised URL, then title and date, against the desk
//!   and within the file. A duplicate never overwrites: its fields only fill fields the first copy
//!   left empty (title, kind and reliability are never changed by a merge).
//! - Everything is written in one transaction through the desk's source writes (versions,
//!   history, citation keys, name index), so an import is one step to the desk.

mod bibtex;
mod csl;
mod dedup;
mod detect;
mod ris;

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::dates::PartialDate;
use crate::desk::{Desk, Write};
use crate::error::{CoreError, Result};
use crate::progress::{self, Progress, Silent};
use crate::sources::{self, Source, SourceInput, SourcePatch};
use crate::validate::{self, Shape};
use crate::vocab::SourceKind;

pub use detect::detect;

/// The formats a citation file may be in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "kebab-case")]
#[ts(export)]
pub enum CitationFormat {
    CslJson,
    Bibtex,
    Ris,
}

/// One entry of a citation file that cannot become a source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct BadEntry {
    /// The entry's place in the file, from 0.
    pub index: usize,
    /// The entry's own key or id in the file, when it has one.
    pub key: Option<String>,
    /// The source field (`title`, `published`, …) the problem is about.
    pub field: String,
    pub message: String,
}

impl std::fmt::Display for BadEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "entry {}", self.index)?;
        if let Some(key) = &self.key {
            write!(f, " ({key})")?;
        }
        write!(f, ": {}: {}", self.field, self.message)
    }
}

/// A source the import created.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportedSource {
    pub index: usize,
    /// The new source's id; empty in a dry run, where nothing is created.
    pub id: String,
    pub title: String,
}

/// A desk source whose empty fields an entry filled.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct MergedSource {
    pub index: usize,
    pub id: String,
    pub title: String,
    /// The source fields the entry filled, in the source's field order.
    pub filled: Vec<String>,
}

/// An entry that added nothing of its own, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct SkippedEntry {
    pub index: usize,
    pub reason: String,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct ImportReport {
    pub file: String,
    pub format: CitationFormat,
    pub created: Vec<ImportedSource>,
    pub merged: Vec<MergedSource>,
    pub skipped: Vec<SkippedEntry>,
    /// True when nothing was written.
    pub dry_run: bool,
}

/// An entry read from a file, in the desk's terms, before it is checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Entry {
    pub key: Option<String>,
    pub title: Option<String>,
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub url: Option<String>,
    pub doi: Option<String>,
    pub published: Option<PartialDate>,
    pub accessed: Option<PartialDate>,
    pub language: Option<String>,
    pub kind: Option<SourceKind>,
    pub notes: Option<String>,
}

/// What a format reader gives: the entries it read, and the problems it met, by index.
pub(crate) struct Read {
    pub entries: Vec<Entry>,
    pub bad: Vec<BadEntry>,
}

impl Read {
    pub fn bad(&mut self, index: usize, key: Option<&str>, field: &str, message: String) {
        self.bad.push(BadEntry {
            index,
            key: key.map(str::to_string),
            field: field.to_string(),
            message,
        });
    }
}

/// Joins several names into the desk's one author line.
pub(crate) fn join_names(names: Vec<String>) -> Option<String> {
    let names: Vec<String> = names
        .into_iter()
        .map(|n| n.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|n| !n.is_empty())
        .collect();
    (!names.is_empty()).then(|| names.join(", "))
}

/// A language name (`english`, `Korean`, as Zotero and babel write them) as a BCP 47 tag;
/// anything else is kept as written and checked as a tag.
pub(crate) fn language_tag(raw: &str) -> String {
    let tag = match raw.trim().to_ascii_lowercase().as_str() {
        "english" | "american" | "british" | "usenglish" | "ukenglish" => "en",
        "korean" => "ko",
        "japanese" => "ja",
        "chinese" => "zh",
        "french" => "fr",
        "german" | "ngerman" => "de",
        "spanish" => "es",
        "italian" => "it",
        "portuguese" => "pt",
        "russian" => "ru",
        _ => return raw.trim().to_string(),
    };
    tag.to_string()
}

/// Text with its whitespace collapsed; `None` when nothing is left.
pub(crate) fn clean(text: &str) -> Option<String> {
    let t = text.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// An entry as a checked source form, or what is wrong with it (every field, not the first).
fn checked(index: usize, entry: &Entry, bad: &mut Vec<BadEntry>) -> Option<SourceInput> {
    let mut fail = |field: &str, e: CoreError| {
        let message = match e {
            CoreError::Invalid { message, .. } => message,
            e => e.to_string(),
        };
        bad.push(BadEntry {
            index,
            key: entry.key.clone(),
            field: field.to_string(),
            message,
        });
    };
    let title = match entry.title.as_deref() {
        None => {
            fail("title", CoreError::invalid("title", "is missing"));
            None
        }
        Some(t) => validate::required("title", t, Shape::Line)
            .map_err(|e| fail("title", e))
            .ok(),
    };
    let mut line = |field: &str, v: &Option<String>, shape: Shape| {
        validate::optional(field, v.as_deref(), shape)
            .map_err(|e| fail(field, e))
            .ok()
            .flatten()
    };
    let outlet = line("outlet", &entry.outlet, Shape::Line);
    let author = line("author", &entry.author, Shape::Line);
    let notes = line("notes", &entry.notes, Shape::Paragraph);
    let url = validate::url("url", entry.url.as_deref())
        .map_err(|e| fail("url", e))
        .ok()
        .flatten();
    let language = validate::language("language", entry.language.as_deref())
        .map_err(|e| fail("language", e))
        .ok()
        .flatten();
    Some(SourceInput {
        title: title?,
        outlet,
        author,
        url: url.or_else(|| entry.doi.as_ref().map(|d| format!("https://doi.org/{d}"))),
        published: entry.published.map(|d| d.to_string()),
        accessed: entry.accessed.map(|d| d.to_string()),
        language,
        kind: entry.kind,
        reliability: None,
        via: None,
        kept_text: None,
        notes,
    })
}

/// The source fields an entry may fill, in the source's order. Title, kind and reliability are
/// never filled: a source always has them, and a merge never overwrites.
const FILLABLE: [&str; 7] = [
    "outlet",
    "author",
    "url",
    "published",
    "accessed",
    "language",
    "notes",
];

/// One of the [`FILLABLE`] fields of a form.
fn slot<'a>(input: &'a mut SourceInput, field: &str) -> &'a mut Option<String> {
    match field {
        "outlet" => &mut input.outlet,
        "author" => &mut input.author,
        "url" => &mut input.url,
        "published" => &mut input.published,
        "accessed" => &mut input.accessed,
        "language" => &mut input.language,
        _ => &mut input.notes,
    }
}

/// The same field of an edit.
fn patch_slot<'a>(patch: &'a mut SourcePatch, field: &str) -> &'a mut Option<String> {
    match field {
        "outlet" => &mut patch.outlet,
        "author" => &mut patch.author,
        "url" => &mut patch.url,
        "published" => &mut patch.published,
        "accessed" => &mut patch.accessed,
        "language" => &mut patch.language,
        _ => &mut patch.notes,
    }
}

/// Fills the empty [`FILLABLE`] fields of `into` from `from`; returns the names filled.
fn fill(into: &mut SourceInput, from: &mut SourceInput) -> Vec<String> {
    let mut filled = Vec::new();
    for field in FILLABLE {
        let value = slot(from, field).take();
        let empty = slot(into, field);
        if empty.is_none() && value.is_some() {
            *empty = value;
            filled.push(field.to_string());
        }
    }
    filled
}

/// A desk source's fillable fields as a form, to fill its gaps as a new entry's would be.
fn form_of(s: &Source) -> SourceInput {
    SourceInput {
        title: s.title.clone(),
        outlet: s.outlet.clone(),
        author: s.author.clone(),
        url: s.url.clone(),
        published: s.published.map(|d| d.to_string()),
        accessed: s.accessed.map(|d| d.to_string()),
        language: s.language.clone(),
        notes: s.notes.clone(),
        ..SourceInput::default()
    }
}

/// What an entry's own fields added, for a report's reason.
fn added(filled: &[String]) -> String {
    if filled.is_empty() {
        "with nothing to add".to_string()
    } else {
        format!("filling its empty {}", filled.join(", "))
    }
}

/// One step of the plan, in file order.
enum Step {
    Create {
        index: usize,
        input: SourceInput,
    },
    /// An entry filling empty fields of a desk source: `form` is the source with them filled.
    Fill {
        index: usize,
        source: Box<Source>,
        form: SourceInput,
        filled: Vec<String>,
    },
    Skip {
        index: usize,
        reason: String,
    },
}

fn plan(desk_sources: Vec<Source>, inputs: Vec<(usize, SourceInput, Option<String>)>) -> Vec<Step> {
    let mut keys = dedup::Keys::default();
    for (i, s) in desk_sources.iter().enumerate() {
        keys.add_desk(i, s);
    }
    let mut steps: Vec<Step> = Vec::new();
    for (index, mut input, doi) in inputs {
        let entry_keys = dedup::keys_of(&input, doi.as_deref());
        match keys.find(&entry_keys) {
            None => {
                keys.add_step(steps.len(), &entry_keys);
                steps.push(Step::Create { index, input });
            }
            Some((dedup::Target::Step(at), why)) => {
                keys.add_step(at, &entry_keys);
                let (first, more) = match &mut steps[at] {
                    Step::Create { index, input: into } => (*index, fill(into, &mut input)),
                    Step::Fill {
                        index,
                        form,
                        filled,
                        ..
                    } => {
                        let more = fill(form, &mut input);
                        filled.extend(more.iter().cloned());
                        (*index, more)
                    }
                    Step::Skip { index, .. } => (*index, Vec::new()),
                };
                steps.push(Step::Skip {
                    index,
                    reason: format!("same {why} as entry {first}, {}", added(&more)),
                });
            }
            Some((dedup::Target::Desk(d), why)) => {
                let source = &desk_sources[d];
                let mut form = form_of(source);
                let filled = fill(&mut form, &mut input);
                keys.add_step(steps.len(), &entry_keys);
                if filled.is_empty() {
                    steps.push(Step::Skip {
                        index,
                        reason: format!(
                            "already in the desk as {} (same {why}), with nothing to add",
                            source.id
                        ),
                    });
                } else {
                    steps.push(Step::Fill {
                        index,
                        source: Box::new(source.clone()),
                        form,
                        filled,
                    });
                }
            }
        }
    }
    steps
}

/// How many times, about, the writing of new sources reports its progress.
const PROGRESS_STEPS: usize = 20;

/// Writes the plan; an entry the desk refuses (an access date before publication) refuses the
/// file, by index.
fn write_plan(
    w: &Write<'_>,
    file: &str,
    steps: Vec<Step>,
    report: &mut ImportReport,
    progress: &dyn Progress,
) -> Result<()> {
    let total = steps.len();
    let refuse = |index: usize, e: CoreError| match e {
        CoreError::Invalid { field, message } => CoreError::BadEntries {
            file: file.to_string(),
            entries: vec![BadEntry {
                index,
                key: None,
                field,
                message,
            }],
        },
        e => e,
    };
    // The new sources go in together (one bulk write, see `sources::add_many`); the others
    // fill sources already in the desk, never one this file creates.
    let (creates, others): (Vec<Step>, Vec<Step>) = steps
        .into_iter()
        .partition(|s| matches!(s, Step::Create { .. }));
    let creates: Vec<(usize, SourceInput)> = creates
        .into_iter()
        .filter_map(|s| match s {
            Step::Create { index, input } => Some((index, input)),
            _ => None,
        })
        .collect();
    // In about twenty batches, so the progress bar moves and a cancel is heard between them,
    // each still a bulk write.
    let batch = creates
        .len()
        .div_ceil(PROGRESS_STEPS)
        .clamp(1, sources::ROWS_PER_INSERT);
    for (n, chunk) in creates.chunks(batch).enumerate() {
        progress::step(progress, n * batch, total, WRITING)?;
        let inputs: Vec<&SourceInput> = chunk.iter().map(|(_, input)| input).collect();
        let added = sources::add_many(w, &inputs).map_err(|(at, e)| refuse(chunk[at].0, e))?;
        for ((index, _), source) in chunk.iter().zip(added) {
            report.created.push(ImportedSource {
                index: *index,
                id: source.id,
                title: source.title,
            });
        }
    }
    let written = creates.len();
    for (done, step) in others.into_iter().enumerate() {
        progress::step(progress, written + done, total, WRITING)?;
        match step {
            Step::Create { .. } => {}
            Step::Fill {
                index,
                source,
                mut form,
                filled,
            } => {
                let mut edit = SourcePatch {
                    version: Some(source.version),
                    ..SourcePatch::default()
                };
                for field in &filled {
                    *patch_slot(&mut edit, field) = slot(&mut form, field).take();
                }
                let after = sources::edit(w, &source.id, &edit).map_err(|e| refuse(index, e))?;
                report.merged.push(MergedSource {
                    index,
                    id: after.id,
                    title: after.title,
                    filled,
                });
            }
            Step::Skip { index, reason } => report.skipped.push(SkippedEntry { index, reason }),
        }
    }
    progress::step(progress, total, total, WRITING)
}

/// The stages of an import, as the progress bar shows them.
const READING: &str = "Reading the file";
const CHECKING: &str = "Checking entries";
const WRITING: &str = "Writing sources";

impl Desk {
    /// Imports the citation file at `path` (see the module's invariants). `dry_run` plans and
    /// reports without writing.
    pub fn import_citations(&mut self, path: &Path, dry_run: bool) -> Result<ImportReport> {
        self.import_citations_with(path, dry_run, &Silent)
    }

    /// [`Desk::import_citations`], reporting to `progress` and stopping, with nothing written,
    /// when it is cancelled.
    pub fn import_citations_with(
        &mut self,
        path: &Path,
        dry_run: bool,
        progress: &dyn Progress,
    ) -> Result<ImportReport> {
        progress.report(0, None, READING);
        progress::check(progress)?;
        let text = std::fs::read_to_string(path).map_err(|source| CoreError::Io {
            path: path.display().to_string(),
            source,
        })?;
        self.import_citation_text_with(&path.display().to_string(), &text, dry_run, progress)
    }

    /// Imports citation `text` read from the file named `file` (its extension hints the format;
    /// the content decides).
    pub fn import_citation_text(
        &mut self,
        file: &str,
        text: &str,
        dry_run: bool,
    ) -> Result<ImportReport> {
        self.import_citation_text_with(file, text, dry_run, &Silent)
    }

    /// [`Desk::import_citation_text`] with progress and cancelling.
    pub fn import_citation_text_with(
        &mut self,
        file: &str,
        text: &str,
        dry_run: bool,
        progress: &dyn Progress,
    ) -> Result<ImportReport> {
        let format = detect(file, text)?;
        let read = match format {
            CitationFormat::CslJson => csl::read(file, text)?,
            CitationFormat::Bibtex => bibtex::read(file, text)?,
            CitationFormat::Ris => ris::read(text),
        };
        let mut bad = read.bad;
        let mut inputs = Vec::with_capacity(read.entries.len());
        let total = read.entries.len();
        for (index, entry) in read.entries.iter().enumerate() {
            progress::step(progress, index, total, CHECKING)?;
            if let Some(input) = checked(index, entry, &mut bad) {
                inputs.push((index, input, entry.doi.clone()));
            }
        }
        progress::step(progress, total, total, CHECKING)?;
        if !bad.is_empty() {
            bad.sort_by_key(|b| b.index);
            return Err(CoreError::BadEntries {
                file: file.to_string(),
                entries: bad,
            });
        }
        let mut report = ImportReport {
            file: file.to_string(),
            format,
            created: Vec::new(),
            merged: Vec::new(),
            skipped: Vec::new(),
            dry_run,
        };
        let run = |w: &Write<'_>, report: &mut ImportReport| {
            let steps = plan(dedup::desk_sources(&w.db)?, inputs);
            if dry_run {
                for step in steps {
                    match step {
                        Step::Create { index, input } => report.created.push(ImportedSource {
                            index,
                            id: String::new(),
                            title: input.title,
                        }),
                        Step::Fill {
                            index,
                            source,
                            filled,
                            ..
                        } => report.merged.push(MergedSource {
                            index,
                            id: source.id,
                            title: source.title,
                            filled,
                        }),
                        Step::Skip { index, reason } => {
                            report.skipped.push(SkippedEntry { index, reason })
                        }
                    }
                }
                Ok(())
            } else {
                write_plan(w, file, steps, report, progress)
            }
        };
        if dry_run {
            self.dry_run(|w| run(w, &mut report))?;
        } else if self.is_team() {
            self.write(|w| run(w, &mut report))?;
        } else {
            // NOTE: a large library outgrows SQLite's default 2 MB page cache inside its one
            // transaction, which then spills pages to the journal before the commit. The cache
            // grows (lazily, up to 256 MB) for the import and shrinks back after it.
            let cache: i64 =
                self.file("citation import")?
                    .pragma_query_value(None, "cache_size", |r| r.get(0))?;
            self.file("citation import")?
                .pragma_update(None, "cache_size", -262_144)?;
            let written = self.write(|w| run(w, &mut report));
            self.file("citation import")?
                .pragma_update(None, "cache_size", cache)?;
            written?;
        }
        report.created.sort_by_key(|c| c.index);
        Ok(report)
    }
}
