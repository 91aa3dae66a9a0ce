//! Which format a citation file is in. The content decides; the extension only breaks a tie
//! (a file whose content looks like none of them).

use super::CitationFormat;
use crate::error::{CoreError, Result};

pub fn detect(file: &str, text: &str) -> Result<CitationFormat> {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    if body.starts_with('[') || body.starts_with('{') {
        return Ok(CitationFormat::CslJson);
    }
    let lines = || body.lines().map(str::trim_start);
    if lines().any(|l| l.starts_with("TY  -")) {
        return Ok(CitationFormat::Ris);
    }
    let bibtex_entry = |l: &str| {
        l.strip_prefix('@').is_some_and(|rest| {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphabetic())
                .collect();
            !name.is_empty() && rest[name.len()..].trim_start().starts_with(['{', '('])
        })
    };
    if lines().any(bibtex_entry) {
        return Ok(CitationFormat::Bibtex);
    }
    let ext = std::path::Path::new(file)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("json") => Ok(CitationFormat::CslJson),
        Some("bib" | "bibtex" | "biblatex") => Ok(CitationFormat::Bibtex),
        Some("ris") => Ok(CitationFormat::Ris),
        _ => Err(CoreError::invalid(
            "file",
            format!("{file} is not CSL-JSON, BibTeX or RIS (no entry found in it)"),
        )),
    }
}
