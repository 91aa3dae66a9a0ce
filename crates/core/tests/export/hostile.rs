//! The hostile corpus: every draft in `hostile/*.md` (drafts separated by `%%% name` lines) is
//! saved in a real file-backed desk, exported in both formats, rendered to HTML by Debian's pandoc
//! through three readers (`gfm`, `commonmark`, and Pandoc Markdown with `--citeproc` for the
//! pandoc format), and the HTML is parsed by html5ever (through `scraper`). No export may carry
//! live HTML: no element outside what pandoc itself writes for Markdown (so no `<script>`,
//! `<iframe>`, `<object>`, `<embed>`, `<style>`), no `on*` attribute, no `srcdoc`, and no
//! javascript:, vbscript: or data: URL in any attribute that holds one.
//!
//! Pandoc costs ~50–100 ms a start, so each (format, reader) pair is one pandoc run over every
//! draft with `--file-scope` (each file parsed on its own, so one draft's unclosed fence or tag
//! cannot swallow the next), the six runs in parallel. A marker file before each draft lets the
//! HTML be cut back into one piece per draft (notes are placed after their block, not at the
//! end of the whole run), and each piece is parsed on its own.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use factdesk_core::export::ExportFormat;
use factdesk_core::{
    ClaimInput, Confidence, Desk, DraftInput, EvidenceInput, Reliability, SourceInput, SourceKind,
    Stance,
};
use scraper::Html;
use scraper::node::Node;

/// Elements pandoc's HTML writer produces from Markdown (footnotes, citeproc, figures, tables
/// and task lists included). Anything else in the output came from the draft as raw HTML.
const PANDOC_ELEMENTS: &[&str] = &[
    // html5ever's fragment parse wraps the fragment in these.
    "html",
    "body",
    "a",
    "aside",
    "blockquote",
    "br",
    "caption",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "img",
    "input",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "section",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

/// Attributes whose value a browser loads or follows as a URL.
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "srcdoc",
    "poster",
    "background",
    "data",
    "cite",
    "codebase",
    "longdesc",
    "lowsrc",
    "dynsrc",
    "ping",
    "manifest",
    "icon",
    "srcset",
];

/// What a browser would make of a URL's scheme: ASCII whitespace and controls are dropped
/// wherever they are, the case is folded, and (stricter than browsers) percent-escapes are
/// decoded, so `java%73cript:` counts too.
fn dangerous_url(value: &str) -> bool {
    let bytes = value.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = value.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            decoded.push(b);
            i += 3;
            continue;
        }
        decoded.push(bytes[i]);
        i += 1;
    }
    let folded: String = String::from_utf8_lossy(&decoded)
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
        .flat_map(char::to_lowercase)
        .collect();
    ["javascript:", "vbscript:", "livescript:", "data:"]
        .iter()
        .any(|s| folded.starts_with(s))
}

/// Every piece of live HTML in `html` (a fragment), described for a failure message.
fn live_html(html: &str) -> Vec<String> {
    let doc = Html::parse_fragment(html);
    let mut found = Vec::new();
    for node in doc.tree.nodes() {
        let Node::Element(el) = node.value() else {
            continue;
        };
        let name = el.name();
        if !PANDOC_ELEMENTS.contains(&name) {
            found.push(format!("element <{name}>"));
        }
        for (attr, value) in el.attrs() {
            let attr = attr.to_ascii_lowercase();
            if attr.starts_with("on") {
                found.push(format!("<{name} {attr}=\"{value}\">"));
            } else if attr == "srcdoc" {
                found.push(format!("<{name} srcdoc>"));
            } else if URL_ATTRIBUTES.contains(&attr.as_str()) && dangerous_url(value) {
                found.push(format!("<{name} {attr}=\"{value}\">"));
            }
        }
    }
    found
}

#[test]
fn the_html_checker_flags_live_html_and_passes_pandoc_output() {
    let bad = [
        ("<script>alert(1)</script>", "element <script>"),
        ("<p><img src=x onerror=alert(1)></p>", "onerror"),
        ("<a href=\" JaVa&#x09;Script:alert(1)\">x</a>", "href"),
        ("<a href=\"java%73cript:alert(1)\">x</a>", "href"),
        ("<img src=\"data:text/html,<b>\">", "src"),
        (
            "<svg><a xlink:href=\"vbscript:x\">y</a></svg>",
            "element <svg>",
        ),
        ("<iframe srcdoc=\"<b>\"></iframe>", "srcdoc"),
        (
            "<object data=x></object><embed src=y><style>p{}</style>",
            "element <style>",
        ),
        (
            "<p>text <span onmouseover=\"alert(1)\">x</span></p>",
            "onmouseover",
        ),
    ];
    for (html, want) in bad {
        let found = live_html(html);
        assert!(
            found.iter().any(|f| f.contains(want)),
            "the checker must flag {want} in {html}: found {found:?}"
        );
    }
    let benign = "<h1 id=\"t\">T</h1><p>A <a href=\"https://example.org/a?b=c\">link</a>, \
        <a href=\"#fn1\" class=\"footnote-ref\" id=\"fnref1\" role=\"doc-noteref\"><sup>1</sup></a> \
        <a href=\"mailto:a@example.org\">mail</a> <img src=\"pic.png\" alt=\"javascript:x\" /> \
        <span class=\"claim\" data-claim=\"01ABC\">c</span> &lt;script&gt;</p>\
        <pre><code>&lt;b&gt;</code></pre><section class=\"footnotes\"><ol><li id=\"fn1\">\
        <p>n</p></li></ol></section>";
    assert_eq!(
        live_html(benign),
        Vec::<String>::new(),
        "pandoc's own output is not live HTML"
    );
}

/// The corpus: (file and name, body), in file order.
fn corpus() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/export/hostile");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let mut drafts = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let stem = file.file_stem().unwrap().to_string_lossy().to_string();
        let mut current: Option<(String, String)> = None;
        for line in text.split_inclusive('\n') {
            if let Some(name) = line.strip_prefix("%%% ") {
                drafts.extend(current.take());
                current = Some((format!("{stem}/{}", name.trim()), String::new()));
            } else if let Some((_, body)) = current.as_mut() {
                body.push_str(line);
            }
        }
        drafts.extend(current.take());
    }
    drafts
}

/// A desk file with two claims (one sourced) that the corpus refers to as `CLAIM_A` and
/// `CLAIM_B`; `CLAIM_X` stays an id the desk does not hold.
fn desk_with_claims(path: &Path) -> (Desk, BTreeMap<&'static str, String>) {
    let mut desk = Desk::create(path).unwrap();
    let source = desk
        .add_source(&SourceInput {
            title: "Season notes".into(),
            outlet: Some("Hanbit Daily".into()),
            kind: Some(SourceKind::Outlet),
            reliability: Some(Reliability::High),
            published: Some("2025-05-20".into()),
            url: Some("https://hanbit.example/notes".into()),
            ..SourceInput::default()
        })
        .unwrap()
        .id;
    let mut ids = BTreeMap::new();
    for (key, text, confidence) in [
        ("CLAIM_A", "The show returns in May.", Confidence::Reported),
        ("CLAIM_B", "It was filmed in Busan.", Confidence::Unverified),
    ] {
        let id = desk
            .add_claim(&ClaimInput {
                text: text.into(),
                confidence,
                as_of: Some("2025-05".into()),
                status: None,
                topics: vec![],
                settled: false,
            })
            .unwrap()
            .id;
        ids.insert(key, id);
    }
    desk.link_evidence(&EvidenceInput {
        claim: ids["CLAIM_A"].clone(),
        source,
        quote: Some("Back in May.".into()),
        stance: Some(Stance::Supports),
        ..EvidenceInput::default()
    })
    .unwrap();
    ids.insert("CLAIM_X", "01ZZZZZZZZZZZZZZZZZZZZZZZZ".into());
    (desk, ids)
}

fn marker(i: usize) -> String {
    format!("FDMARK{i:04}FDMARK")
}

/// Runs pandoc over every draft's file (each after its marker) and returns the HTML of each
/// draft, in corpus order.
fn render(files: &[PathBuf], args: &[String], count: usize) -> Vec<String> {
    let out = Command::new("pandoc")
        .arg("--file-scope")
        // Notes go after the block that cites them, so each stays in its own draft's piece.
        .arg("--reference-location=block")
        .args(args)
        .args(["-t", "html"])
        .args(files)
        .output()
        .expect("pandoc is installed (make deps-test installs Debian's pandoc)");
    assert!(
        out.status.success(),
        "pandoc {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = String::from_utf8_lossy(&out.stdout).to_string();
    let starts: Vec<usize> = (0..count)
        .map(|i| {
            html.find(&marker(i))
                .unwrap_or_else(|| panic!("marker {i} is in pandoc {args:?}'s output"))
        })
        .collect();
    (0..count)
        .map(|i| {
            let from = starts[i] + marker(i).len();
            let to = starts.get(i + 1).copied().unwrap_or(html.len());
            html[from..to].to_string()
        })
        .collect()
}

#[test]
fn no_export_of_the_hostile_corpus_renders_live_html() {
    let drafts = corpus();
    assert!(
        drafts.len() >= 150,
        "the corpus holds at least 150 drafts, found {}",
        drafts.len()
    );
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, ids) = desk_with_claims(&dir.path().join("hostile.sqlite"));

    let mut bibliography: BTreeMap<String, serde_json::Value> = BTreeMap::new();
    let mut files: BTreeMap<&str, Vec<PathBuf>> = BTreeMap::new();
    for (i, (name, body)) in drafts.iter().enumerate() {
        let mut body = body.clone();
        for (key, id) in &ids {
            body = body.replace(key, id);
        }
        let draft = desk
            .add_draft(&DraftInput {
                title: format!("Hostile draft {i}"),
                body,
            })
            .unwrap_or_else(|e| panic!("{name}: the desk takes the draft: {e}"));
        for (format, tag) in [
            (ExportFormat::Footnotes, "footnotes"),
            (ExportFormat::Pandoc, "pandoc"),
        ] {
            let exported = desk.export_draft(&draft.id, format).unwrap();
            let mark = dir.path().join(format!("{tag}-{i:04}-0.md"));
            std::fs::write(&mark, format!("{}\n", marker(i))).unwrap();
            let md = dir.path().join(format!("{tag}-{i:04}-1.md"));
            std::fs::write(&md, &exported.markdown).unwrap();
            files.entry(tag).or_default().extend([mark, md]);
            if let Some(csl) = exported.csl_json {
                let items: Vec<serde_json::Value> = serde_json::from_str(&csl).unwrap();
                for item in items {
                    bibliography.insert(item["id"].as_str().unwrap().to_string(), item);
                }
            }
        }
    }
    let bib = dir.path().join("all.csl.json");
    let items: Vec<&serde_json::Value> = bibliography.values().collect();
    std::fs::write(&bib, serde_json::to_string(&items).unwrap()).unwrap();

    let runs: Vec<(&str, Vec<String>)> = vec![
        ("footnotes", vec!["-f".into(), "gfm".into()]),
        ("footnotes", vec!["-f".into(), "commonmark".into()]),
        ("footnotes", vec!["-f".into(), "markdown".into()]),
        ("pandoc", vec!["-f".into(), "gfm".into()]),
        ("pandoc", vec!["-f".into(), "commonmark".into()]),
        (
            "pandoc",
            vec![
                "-f".into(),
                "markdown".into(),
                "--citeproc".into(),
                "--bibliography".into(),
                bib.to_string_lossy().to_string(),
            ],
        ),
    ];
    let rendered: Vec<(&str, String, Vec<String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = runs
            .iter()
            .map(|(format, args)| {
                let files = &files[format];
                let count = drafts.len();
                scope.spawn(move || (*format, args.join(" "), render(files, args, count)))
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });

    let mut failures = Vec::new();
    let mut live: BTreeMap<&str, BTreeSet<usize>> = BTreeMap::new();
    for (format, reader, pieces) in &rendered {
        live.entry(format).or_default();
        for (i, html) in pieces.iter().enumerate() {
            for found in live_html(html) {
                live.entry(format).or_default().insert(i);
                failures.push(format!("{} [{format}, {reader}]: {found}", drafts[i].0));
            }
        }
    }
    let counts: Vec<String> = live
        .iter()
        .map(|(format, set)| format!("{format}: {} of {} drafts", set.len(), drafts.len()))
        .collect();
    eprintln!(
        "hostile corpus, drafts giving live HTML: {}",
        counts.join("; ")
    );
    assert!(
        failures.is_empty(),
        "exports carry live HTML ({}):\n{}",
        counts.join("; "),
        failures[..failures.len().min(80)].join("\n")
    );
}

/// Titles the desk takes (it refuses `<` before a letter) that would be live Markdown in the
/// front matter: CommonMark reads front matter as text, Pandoc reads the YAML title as Markdown.
const HOSTILE_TITLES: &[&str] = &[
    "[x](javascript:alert(1))",
    "![x](data:text/html,x)",
    "`x`{=html}",
    "[x]{onclick=alert(1)}",
    "\\[x](javascript:alert(1))",
    "[x][r] and [r]: javascript:alert(1)",
    "&#91;x](javascript:alert(1))",
    "Title\\",
];

/// Drafts whose text holds a YAML metadata block: Pandoc puts `header-includes` and
/// `include-before` into a standalone page as raw HTML, and YAML's `\x3c` is a `<` no Markdown
/// reader sees.
const HOSTILE_METADATA: &[&str] = &[
    "Body.\n\n---\nheader-includes: \"\\x3cscript>alert(1)\\x3c/script>\"\n---\n\nMore.\n",
    "---\ninclude-before: \"\\x3cimg src=x onerror=alert(1)>\"\n...\n\nBody.\n",
    "Body.\n\n- - -\ninclude-after: |\n  ```{=html}\n  <script>alert(1)</script>\n  ```\n---\n",
    "Body.\n\n---\nheader-includes: |\n  [y](javascript:alert(2)) `z`{=html}\n---\n",
];

#[test]
fn front_matter_and_metadata_carry_no_live_html() {
    let dir = tempfile::tempdir().unwrap();
    let (mut desk, _) = desk_with_claims(&dir.path().join("titles.sqlite"));
    // Standalone output, through a template that prints every field Pandoc fills from metadata.
    let template = dir.path().join("page.html");
    std::fs::write(
        &template,
        "$for(header-includes)$$header-includes$$endfor$\n\
         $for(include-before)$$include-before$$endfor$\n<h1>$title$</h1>\n$body$\n\
         $for(include-after)$$include-after$$endfor$\n",
    )
    .unwrap();
    let cases = HOSTILE_TITLES
        .iter()
        .map(|t| (t.to_string(), "Body text.\n".to_string()))
        .chain(
            HOSTILE_METADATA
                .iter()
                .enumerate()
                .map(|(i, b)| (format!("Metadata {i}"), b.to_string())),
        );
    let mut jobs = Vec::new();
    for (i, (title, body)) in cases.enumerate() {
        let draft = desk
            .add_draft(&DraftInput {
                title: title.clone(),
                body,
            })
            .unwrap_or_else(|e| panic!("the desk takes the title {title:?}: {e}"));
        for format in [ExportFormat::Footnotes, ExportFormat::Pandoc] {
            let md = dir.path().join(format!("title-{i}-{format:?}.md"));
            let exported = desk.export_draft(&draft.id, format).unwrap();
            std::fs::write(&md, &exported.markdown).unwrap();
            for reader in ["commonmark", "gfm", "markdown"] {
                jobs.push((title.clone(), reader, md.clone()));
            }
        }
    }
    let failures: Vec<String> = std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .chunks(jobs.len().div_ceil(2))
            .map(|chunk| {
                let template = &template;
                scope.spawn(move || {
                    let mut failures = Vec::new();
                    for (title, reader, md) in chunk {
                        let out = Command::new("pandoc")
                            .args(["-s", "--template"])
                            .arg(template)
                            .args(["-f", reader, "-t", "html"])
                            .arg(md)
                            .output()
                            .expect("pandoc is installed");
                        assert!(
                            out.status.success(),
                            "pandoc -f {reader} failed on {title:?}: {}",
                            String::from_utf8_lossy(&out.stderr)
                        );
                        let html = String::from_utf8_lossy(&out.stdout).to_string();
                        for found in live_html(&html) {
                            failures.push(format!("{title:?} [-f {reader}]: {found}"));
                        }
                    }
                    failures
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap())
            .collect()
    });
    assert!(
        failures.is_empty(),
        "front matter or metadata carries live HTML:\n{}",
        failures.join("\n")
    );
}
