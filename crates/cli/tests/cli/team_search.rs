//! `factdesk search` on a team desk (`--desk postgres://…`), as a writer's script runs it: the
//! same hits, marked the same way, as on a desk file holding the same records.

use serde_json::Value;

use crate::team::cluster::Cluster;
use crate::{Scratch, ids};

/// `factdesk --desk DESK --json ARGS`; stdout parsed.
fn json(s: &Scratch, desk: &str, args: &[&str]) -> Value {
    let out = s
        .bare()
        .args(["--desk", desk, "--json"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "`factdesk {}`: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// Each hit as `kind: title [marked words]`, which both desks must agree on.
fn shown(hits: &Value) -> Vec<String> {
    hits.as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let marked: Vec<&str> = h["snippet"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|p| p["marked"] == true)
                .map(|p| p["text"].as_str().unwrap())
                .collect();
            format!("{}: {} {:?}", h["kind"], h["title"], marked)
        })
        .collect()
}

#[test]
fn search_on_a_team_desk_finds_what_a_desk_file_finds() {
    let s = Scratch::init();
    let file = s.file("desk.sqlite").to_str().unwrap().to_string();
    let c = Cluster::shared();
    let db = c.fresh_database();
    let admin = c.url(&db, "postgres");
    json(&s, &admin, &["team", "init", &admin]);
    let writer = format!("{db}_mina");
    json(
        &s,
        &admin,
        &["team", "add-user", &writer, "--role", "writer"],
    );
    let team = c.url(&db, &writer);

    let mut woo = Vec::new();
    for desk in [&file, &team] {
        for (text, topic) in [
            ("우영우 joins the law firm", "drama"),
            ("Ratings rose to 17.5% nationwide", "ratings"),
        ] {
            let made = json(
                &s,
                desk,
                &[
                    "claim",
                    "add",
                    "--text",
                    text,
                    "--confidence",
                    "reported",
                    "--topic",
                    topic,
                ],
            );
            if text.starts_with('우') {
                woo.push(made["id"].as_str().unwrap().to_string());
            }
        }
        json(
            &s,
            desk,
            &[
                "source",
                "add",
                "--title",
                "Profile",
                "--author",
                "Woo Young-woo",
            ],
        );
    }

    for query in ["영우", "우영우", "young-woo", "RATING", "rat 17.5%"] {
        let on_file = json(&s, &file, &["search", query]);
        let on_team = json(&s, &team, &["search", query]);
        assert_eq!(shown(&on_team), shown(&on_file), "search {query}");
        assert!(
            !shown(&on_team).is_empty(),
            "search {query} finds something"
        );
    }
    assert_eq!(
        ids(&json(&s, &team, &["search", "영우", "--kind", "claim"])),
        vec![woo[1].clone()]
    );
    // An id prefix pasted from an export finds the claim on the team desk.
    let hits = json(&s, &team, &["search", &woo[1][..10]]);
    assert_eq!(hits[0]["id"], woo[1].as_str());
}
