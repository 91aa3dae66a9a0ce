//! Citation import (issue 11): a generated 10,000-entry CSL-JSON library, as Zotero exports one,
//! imported into an empty desk file within 1 s, every source with its history, citation key and
//! name index. One entry in twenty repeats an earlier one (by DOI, URL, or title and date), so
//! the duplicate check does real work. Run with
//! `cargo bench -p factdesk-core --bench import -- import`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use factdesk_core::Desk;
use serde_json::{Value, json};

const ENTRIES: usize = 10_000;

/// First words of the generated titles. A citation key is outlet, year and the title's first
/// word, so a library whose every title began with the same word would give a few keys
/// thousands of suffixes each, which no real library does.
const FIRST_WORDS: [&str; 40] = [
    "Night",
    "Harbor",
    "Casting",
    "Ratings",
    "Renewal",
    "Agency",
    "Filming",
    "Awards",
    "Premiere",
    "Season",
    "Interview",
    "Statement",
    "Director",
    "Writer",
    "Studio",
    "Network",
    "Finale",
    "Trailer",
    "Poster",
    "Script",
    "Reading",
    "Contract",
    "Sequel",
    "Spinoff",
    "Remake",
    "Fans",
    "Viewers",
    "Critics",
    "Episode",
    "Schedule",
    "Broadcast",
    "Streaming",
    "Release",
    "Debut",
    "Comeback",
    "Drama",
    "Variety",
    "Chart",
    "Festival",
    "Overseas",
];

fn title(i: usize) -> String {
    format!(
        "{} news on Night Ferry, item {i}",
        FIRST_WORDS[(i / 7) % FIRST_WORDS.len()]
    )
}

fn library() -> String {
    let outlets = [
        "Harbor Ent",
        "Star Daily",
        "Screen Weekly",
        "Coast Times",
        "KBN",
    ];
    let types = [
        "article-newspaper",
        "interview",
        "post",
        "dataset",
        "broadcast",
    ];
    let items: Vec<Value> = (0..ENTRIES)
        .map(|i| {
            let original = i - i % 20;
            if i % 20 == 19 {
                // A repeat of the twentieth entry before it, found by one of its three keys.
                return match i % 3 {
                    0 => json!({"type": "article-newspaper", "title": format!("Copy {i}"),
                                "DOI": format!("10.5555/bench.{original}")}),
                    1 => json!({"type": "article-newspaper", "title": format!("Copy {i}"),
                                "URL": format!("http://www.news{}.example/story/{original}/", original % 7)}),
                    _ => json!({"type": "article-newspaper",
                                "title": title(original),
                                "issued": {"date-parts": [[2020 + original % 6, 1 + original % 12, 1 + original % 28]]}}),
                };
            }
            json!({
                "id": format!("item{i}"),
                "type": types[i % types.len()],
                "title": title(i),
                "container-title": outlets[i % outlets.len()],
                "author": [{"family": format!("Kim{}", i % 300), "given": "Min-ji"}],
                "issued": {"date-parts": [[2020 + i % 6, 1 + i % 12, 1 + i % 28]]},
                "accessed": {"date-parts": [[2026, 1, 5]]},
                "URL": format!("https://news{}.example/story/{i}", i % 7),
                "DOI": format!("10.5555/bench.{i}"),
                "language": if i % 2 == 0 { "en" } else { "ko" },
            })
        })
        .collect();
    serde_json::to_string(&items).unwrap()
}

/// This process's user and system CPU time, from /proc (Linux); `None` elsewhere.
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start after the last ')'.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: f64 = fields.get(11)?.parse::<f64>().ok()? + fields.get(12)?.parse::<f64>().ok()?;
    Some(ticks / 100.0)
}

fn import(c: &mut Criterion) {
    let text = library();
    let dir = std::env::temp_dir().join(format!("factdesk-import-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("import.sqlite");
    let fresh = || {
        let _ = std::fs::remove_file(&path);
        let _ = std::fs::remove_file(path.with_extension("sqlite-journal"));
        Desk::create(&path).unwrap()
    };
    let mut check = fresh();
    let (wall, cpu) = (std::time::Instant::now(), cpu_seconds());
    let report = check
        .import_citation_text("library.json", &text, false)
        .unwrap();
    // The machine may be shared: the CPU time of one import says what an idle core would take.
    if let (Some(before), Some(after)) = (cpu, cpu_seconds()) {
        println!(
            "one import of {ENTRIES} entries: {:.2} s wall, {:.2} s CPU",
            wall.elapsed().as_secs_f64(),
            after - before
        );
    }
    assert_eq!(
        report.created.len(),
        ENTRIES - ENTRIES / 20,
        "one in twenty is a repeat"
    );
    assert_eq!(report.skipped.len(), ENTRIES / 20);
    drop(check);

    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.bench_function("CSL-JSON 10k entries into an empty desk", |b| {
        b.iter_batched(
            fresh,
            |mut desk| {
                desk.import_citation_text("library.json", &text, false)
                    .unwrap();
                desk
            },
            BatchSize::PerIteration,
        )
    });
    // Reading, checking and planning alone (a dry run writes nothing): the rest is the writes.
    group.bench_function("CSL-JSON 10k entries, dry run", |b| {
        let mut desk = fresh();
        b.iter(|| {
            desk.import_citation_text("library.json", &text, true)
                .unwrap()
        })
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&dir);
}

criterion_group!(benches, import);
criterion_main!(benches);
