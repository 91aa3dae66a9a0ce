//! The CSL-JSON bibliography (CSL 1.0.2 item types and variable names, which Zotero and Pandoc's
//! citeproc read).

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::dates::PartialDate;
use crate::snapshot::Snapshot;
use crate::sources::Source;
use crate::vocab::SourceKind;

/// The CSL item type for a kind of source.
pub fn item_type(kind: SourceKind) -> &'static str {
    match kind {
        SourceKind::Outlet => "article-newspaper",
        SourceKind::Interview => "interview",
        SourceKind::PressRelease => "report",
        SourceKind::Social => "post",
        SourceKind::Dataset => "dataset",
        SourceKind::Broadcast => "broadcast",
        SourceKind::Person => "speech",
        SourceKind::Official | SourceKind::Anonymous | SourceKind::Other => "document",
    }
}

/// Whether a kind of source is a piece inside its outlet (an article, an interview, a post, a
/// programme) rather than a document the outlet issues.
fn in_container(kind: SourceKind) -> bool {
    matches!(
        kind,
        SourceKind::Outlet | SourceKind::Interview | SourceKind::Social | SourceKind::Broadcast
    )
}

/// A CSL date: `{"date-parts": [[year, month?, day?]]}`.
#[derive(Serialize)]
struct CslDate {
    #[serde(rename = "date-parts")]
    date_parts: [Vec<i64>; 1],
}

impl From<PartialDate> for CslDate {
    fn from(d: PartialDate) -> CslDate {
        CslDate {
            date_parts: [d.parts()],
        }
    }
}

/// A literal name: the desk does not know which part is the family name (Korean names put it
/// first), and a wrong split would misname the person.
#[derive(Serialize)]
struct CslName<'a> {
    literal: &'a str,
}

/// One bibliography entry, with the CSL 1.0.2 variable names.
#[derive(Serialize)]
pub struct CslItem<'a> {
    id: &'a str,
    #[serde(rename = "type")]
    item_type: &'static str,
    title: &'a str,
    #[serde(rename = "container-title", skip_serializing_if = "Option::is_none")]
    container_title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    publisher: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<[CslName<'a>; 1]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    issued: Option<CslDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    accessed: Option<CslDate>,
    #[serde(rename = "URL", skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    genre: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<String>,
}

pub fn item<'a>(snapshot: &'a Snapshot, source: &'a Source, key: &'a str) -> CslItem<'a> {
    let chain = snapshot.chain(source);
    let note = (!chain.is_empty()).then(|| {
        let relay: Vec<String> = chain
            .iter()
            .map(|s| format!("{} (“{}”)", s.label(), s.title))
            .collect();
        format!("Citing {}", relay.join(", citing "))
    });
    CslItem {
        id: key,
        item_type: item_type(source.kind),
        title: &source.title,
        // The outlet is the container of a piece it ran, and the publisher of a document it
        // issued: never both, or citeproc prints it twice ("Netflix. Netflix.").
        container_title: source
            .outlet
            .as_deref()
            .filter(|_| in_container(source.kind)),
        publisher: source
            .outlet
            .as_deref()
            .filter(|_| !in_container(source.kind)),
        author: source.author.as_deref().map(|a| [CslName { literal: a }]),
        issued: source.published.map(CslDate::from),
        accessed: source.accessed.map(CslDate::from),
        url: source.url.as_deref(),
        language: source.language.as_deref(),
        genre: (source.kind == SourceKind::PressRelease).then_some("Press release"),
        note,
    }
}

/// A pretty-printed CSL-JSON array of the `cited` sources, in key order.
pub fn bibliography(
    snapshot: &Snapshot,
    keys: &HashMap<String, String>,
    cited: &BTreeSet<&str>,
) -> String {
    let mut items: Vec<(&String, &Source)> = cited
        .iter()
        .filter_map(|id| Some((keys.get(*id)?, snapshot.sources.get(*id)?)))
        .collect();
    items.sort_by(|a, b| a.0.cmp(b.0));
    let array: Vec<CslItem<'_>> = items
        .into_iter()
        .map(|(key, source)| item(snapshot, source, key))
        .collect();
    let mut text = serde_json::to_string_pretty(&array).unwrap_or_else(|_| "[]".to_string());
    text.push('\n');
    text
}
