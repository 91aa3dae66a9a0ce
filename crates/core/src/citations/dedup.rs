//! The keys that make two entries (or an entry and a desk source) the same work: DOI, then the
//! URL with what does not change the page removed, then the title and the date.

use std::collections::HashMap;

use crate::error::Result;
use crate::sources::{self, Source, SourceInput};

/// A DOI as written anywhere (`doi:`, `https://doi.org/…`, any case), as the bare lower-case DOI.
pub(crate) fn doi(raw: &str) -> Option<String> {
    let t = raw.trim();
    let lower = t.to_ascii_lowercase();
    let bare = [
        "https://doi.org/",
        "http://doi.org/",
        "https://dx.doi.org/",
        "http://dx.doi.org/",
        "doi:",
    ]
    .iter()
    .find_map(|p| lower.strip_prefix(p))
    .unwrap_or(&lower)
    .trim();
    bare.starts_with("10.").then(|| bare.to_string())
}

/// A URL without what two copies of one link differ by: scheme, `www.`, a trailing slash, the
/// fragment and tracking parameters.
pub(crate) fn url(raw: &str) -> Option<String> {
    let parsed = url::Url::parse(raw.trim()).ok()?;
    let host = parsed.host_str()?.trim_start_matches("www.");
    let path = parsed.path().trim_end_matches('/');
    let query: Vec<String> = parsed
        .query_pairs()
        .filter(|(k, _)| !k.starts_with("utm_") && k != "fbclid" && k != "gclid")
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let port = parsed.port().map(|p| format!(":{p}")).unwrap_or_default();
    Some(format!("{host}{port}{path}?{}", query.join("&")))
}

/// A title in lower case with only its letters and digits, words single-spaced.
fn title(raw: &str) -> String {
    raw.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The keys of one work, strongest first.
#[derive(Debug, Default)]
pub(crate) struct WorkKeys {
    doi: Option<String>,
    url: Option<String>,
    title_date: Option<String>,
}

impl WorkKeys {
    fn each(&self) -> impl Iterator<Item = (&'static str, String)> + '_ {
        [
            ("DOI", self.doi.as_ref().map(|d| format!("doi {d}"))),
            ("URL", self.url.as_ref().map(|u| format!("url {u}"))),
            (
                "title and date",
                self.title_date.as_ref().map(|t| format!("td {t}")),
            ),
        ]
        .into_iter()
        .filter_map(|(why, k)| Some((why, k?)))
    }
}

fn keys(
    title_text: &str,
    url_text: Option<&str>,
    doi_text: Option<&str>,
    date: Option<String>,
) -> WorkKeys {
    let from_url = url_text.and_then(doi);
    WorkKeys {
        doi: doi_text.and_then(doi).or(from_url),
        url: url_text.and_then(url),
        title_date: date.map(|d| format!("{} {d}", title(title_text))),
    }
}

/// The keys of a checked entry.
pub(crate) fn keys_of(input: &SourceInput, doi_text: Option<&str>) -> WorkKeys {
    keys(
        &input.title,
        input.url.as_deref(),
        doi_text,
        input.published.clone(),
    )
}

/// What a key belongs to: a desk source (by place in the list read) or a step of the plan.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Target {
    Desk(usize),
    Step(usize),
}

#[derive(Default)]
pub(crate) struct Keys {
    map: HashMap<String, Target>,
}

impl Keys {
    pub fn add_desk(&mut self, at: usize, s: &Source) {
        let k = keys(
            &s.title,
            s.url.as_deref(),
            None,
            s.published.map(|d| d.to_string()),
        );
        for (_, key) in k.each() {
            self.map.entry(key).or_insert(Target::Desk(at));
        }
    }

    pub fn add_step(&mut self, at: usize, k: &WorkKeys) {
        for (_, key) in k.each() {
            self.map.entry(key).or_insert(Target::Step(at));
        }
    }

    /// The work these keys name, and by which key, DOI first.
    pub fn find(&self, k: &WorkKeys) -> Option<(Target, &'static str)> {
        k.each()
            .find_map(|(why, key)| Some((*self.map.get(&key)?, why)))
    }
}

/// Every desk source's matching fields (no kept texts): an import is checked against all of them.
pub(crate) fn desk_sources(db: &crate::db::Db<'_>) -> Result<Vec<Source>> {
    sources::every_light(db)
}
