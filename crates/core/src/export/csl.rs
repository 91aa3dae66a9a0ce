//! The CSL-JSON bibliography (CSL 1.0.2 item types and variable names, which Zotero and Pandoc's
//! citeproc read).

use std::collections::{BTreeSet, HashMap};

use serde_json::{Value, json};

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
        SourceKind::Official | SourceKind::Other => "document",
    }
}

fn date(d: PartialDate) -> Value {
    json!({ "date-parts": [d.parts()] })
}

pub fn item(snapshot: &Snapshot, source: &Source, key: &str) -> Value {
    let mut item = serde_json::Map::new();
    item.insert("id".into(), json!(key));
    item.insert("type".into(), json!(item_type(source.kind)));
    item.insert("title".into(), json!(source.title));
    if let Some(outlet) = &source.outlet {
        item.insert("container-title".into(), json!(outlet));
        item.insert("publisher".into(), json!(outlet));
    }
    if let Some(author) = &source.author {
        // A literal name: the desk does not know which part is the family name (Korean names
        // put it first), and a wrong split would misname the person.
        item.insert("author".into(), json!([{ "literal": author }]));
    }
    if let Some(d) = source.published {
        item.insert("issued".into(), date(d));
    }
    if let Some(d) = source.accessed {
        item.insert("accessed".into(), date(d));
    }
    if let Some(url) = &source.url {
        item.insert("URL".into(), json!(url));
    }
    if let Some(language) = &source.language {
        item.insert("language".into(), json!(language));
    }
    if source.kind == SourceKind::PressRelease {
        item.insert("genre".into(), json!("Press release"));
    }
    let chain = snapshot.chain(source);
    if !chain.is_empty() {
        let relay: Vec<String> = chain
            .iter()
            .map(|s| format!("{} (“{}”)", s.label(), s.title))
            .collect();
        item.insert(
            "note".into(),
            json!(format!("Citing {}", relay.join(", citing "))),
        );
    }
    Value::Object(item)
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
    let array: Vec<Value> = items
        .into_iter()
        .map(|(key, source)| item(snapshot, source, key))
        .collect();
    let mut text = serde_json::to_string_pretty(&array).unwrap_or_else(|_| "[]".to_string());
    text.push('\n');
    text
}
