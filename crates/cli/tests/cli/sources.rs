//! `source add`, `source list`, `source show`.

use predicates::prelude::*;
use serde_json::json;

use crate::{Scratch, assert_snake_case, id_of, ids, unique_prefix};

#[test]
fn source_add_takes_every_flag_and_prints_the_created_source() {
    let s = Scratch::init();
    let origin = s.add_source("Director interview");
    let decoy = s.add_source("Another source");
    let via = unique_prefix(&origin, &[origin.clone(), decoy]).to_lowercase();
    let text = s.write("kept.txt", "hello\n");
    let v = s.json(&[
        "source",
        "add",
        "--title",
        "Season 2 will shoot this winter",
        "--outlet",
        "The Reel Report",
        "--author",
        "Dana Whitlock",
        "--url",
        "https://reelreport.example/salt-road",
        "--published",
        "2025-05-22",
        "--accessed",
        "2025-06",
        "--kind",
        "outlet",
        "--language",
        "pt-br",
        "--reliability",
        "medium",
        "--via",
        &via,
        "--text-file",
        text.to_str().unwrap(),
        "--notes",
        "Relays the Hanbit Daily interview.",
    ]);
    let id = id_of(&v);
    assert_eq!(id.len(), 26, "the created source has its full id");
    let want = json!({
        "title": "Season 2 will shoot this winter",
        "outlet": "The Reel Report",
        "author": "Dana Whitlock",
        "url": "https://reelreport.example/salt-road",
        "published": "2025-05-22",
        "accessed": "2025-06",
        "language": "pt-BR",
        "kind": "outlet",
        "reliability": "medium",
        "via": origin,
        "kept_text": "hello",
        // SHA-256 of "hello": the kept text is trimmed, then fingerprinted.
        "kept_text_sha256": "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824",
        "notes": "Relays the Hanbit Daily interview.",
    });
    for (k, want) in want.as_object().unwrap() {
        assert_eq!(&v[k], want, "field {k} of the created source");
    }
    assert!(v["created_at"].is_string() && v["updated_at"].is_string());
    assert_snake_case(&v);

    let shown = s.json(&["source", "show", &id]);
    for (k, value) in v.as_object().unwrap() {
        assert_eq!(
            &shown[k], value,
            "`source show` gives back field {k} as stored"
        );
    }
}

#[test]
fn source_add_prints_just_the_id_for_scripts() {
    let s = Scratch::init();
    let out = s.ok(&["source", "add", "--title", "Press release"]);
    let id = out.trim_end_matches('\n');
    assert_eq!(out.lines().count(), 1, "one line: {out:?}");
    assert_eq!(id.len(), 26, "the line is the new id: {out:?}");
    assert_eq!(s.source_ids(), vec![id.to_string()]);
}

#[test]
fn source_list_prints_every_source_newest_first() {
    let s = Scratch::init();
    let first = s.add_source("First");
    let second = s.add_source("Second");
    let list = s.list("source");
    assert_eq!(
        ids(&list),
        vec![second.clone(), first.clone()],
        "newest first"
    );
    assert_eq!(list[0]["title"], "Second");
    assert_snake_case(&list);

    let text = s.ok(&["source", "list"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2, "one line per source: {text}");
    assert!(
        lines[0].starts_with(&second) && lines[0].ends_with("Second"),
        "{text}"
    );
    assert!(
        lines[1].starts_with(&first) && lines[1].contains("unknown"),
        "{text}"
    );
}

#[test]
fn source_show_gives_the_relay_chain_and_citing_claims() {
    let s = Scratch::init();
    let origin = s.add_source("Interview");
    let relay = id_of(&s.json(&[
        "source",
        "add",
        "--title",
        "Report",
        "--outlet",
        "The Reel Report",
        "--via",
        &origin,
    ]));
    let roundup = id_of(&s.json(&[
        "source",
        "add",
        "--title",
        "Roundup",
        "--outlet",
        "Screen Digest",
        "--via",
        &relay,
    ]));
    let claim = s.add_claim("Filming starts in winter.");
    s.ok(&["claim", "link", &claim, &roundup]);

    let detail = s.json(&["source", "show", &roundup.to_lowercase()]);
    assert_eq!(id_of(&detail), roundup, "a lower-case id names the source");
    assert_eq!(
        ids(&detail["via_chain"]),
        vec![relay.clone(), origin.clone()],
        "the chain runs from the nearest relay to the origin"
    );
    assert_eq!(detail["via_chain"][0]["outlet"], "The Reel Report");
    assert_eq!(detail["cited_by"], json!([claim]));
    assert_snake_case(&detail);

    let text = s.ok(&["source", "show", &roundup]);
    assert!(
        text.starts_with("Roundup\n"),
        "the title comes first: {text}"
    );
    assert!(
        text.contains(&format!(
            "The Reel Report ({relay}), citing Interview ({origin})"
        )),
        "the chain reads as a sentence: {text}"
    );
    assert!(text.contains(&claim), "the citing claim is listed: {text}");
}

#[test]
fn source_show_accepts_a_unique_prefix_and_refuses_unknown_or_ambiguous_ones() {
    let s = Scratch::sample();
    let all = s.source_ids();
    let target = &all[0];
    let prefix = unique_prefix(target, &all);
    assert_eq!(id_of(&s.json(&["source", "show", &prefix])), *target);

    // The sample's records are made in one write, so they share the 10-character time part.
    let err = s.fails(&["source", "show", &target[..10]]);
    assert!(err.contains("matches several sources"), "{err}");
    assert!(err.contains("type more of the id"), "{err}");
    let listed = all.iter().filter(|id| err.contains(id.as_str())).count();
    assert_eq!(listed, 3, "three candidates are named: {err}");

    s.cmd()
        .args(["source", "show", "ZZZZZZ"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "no source has an id starting with \"ZZZZZZ\"",
        ));
}
