//! A draft's reads through the CLI on a real team desk (issue 12): `check`, `draft export` (both
//! formats, the pandoc one read by Debian's pandoc) and `provenance` print on the team desk what
//! they print on the desk file the draft was copied from. Each was refused before
//! (`unsupported`).

use std::process::{Command, Output};

use factdesk_core::team::{self, TeamRole};

use crate::Scratch;
use crate::team::cluster::Cluster;

/// A fresh team desk; its writer's URL.
fn team_desk() -> String {
    let c = Cluster::shared();
    let db = c.fresh_database();
    let admin = c.url(&db, "postgres");
    team::init(&admin).unwrap();
    let writer = format!("{db}_writer");
    team::add_user(&admin, &writer, TeamRole::Writer).unwrap();
    c.url(&db, &writer)
}

/// `factdesk --desk DESK ARGS`.
fn on(s: &Scratch, desk: &str, args: &[&str]) -> Output {
    s.bare()
        .arg("--desk")
        .arg(desk)
        .args(args)
        .output()
        .unwrap()
}

fn text(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// An export without its `exported:` time (each run stamps its own).
fn undated(export: &str) -> String {
    export
        .lines()
        .filter(|l| !l.starts_with("exported:"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn check_export_and_provenance_run_on_a_team_desk_and_print_what_the_desk_file_prints() {
    let s = Scratch::sample();
    let file = s.path.to_str().unwrap().to_string();
    let drafts = s.json(&["draft", "list"]);
    let list = drafts.as_array().or(drafts["items"].as_array()).unwrap();
    let draft = list[0]["id"].as_str().unwrap().to_string();
    let url = team_desk();
    let copied = on(
        &s,
        &file,
        &["desk", "copy", &draft, "--from", &file, "--to", &url],
    );
    assert!(
        copied.status.success(),
        "{}",
        String::from_utf8_lossy(&copied.stderr)
    );

    for args in [vec!["--json", "check", &draft], vec!["check", &draft]] {
        let (want, got) = (on(&s, &file, &args), on(&s, &url, &args));
        assert_eq!(
            got.status.code(),
            want.status.code(),
            "`{}` exits as on the desk file: {}",
            args.join(" "),
            String::from_utf8_lossy(&got.stderr)
        );
        assert_eq!(
            text(&got),
            text(&want),
            "`{}` prints the same",
            args.join(" ")
        );
        assert!(!text(&want).is_empty());
    }

    let footnotes = ["draft", "export", &draft, "--format", "footnotes"];
    let (want, got) = (on(&s, &file, &footnotes), on(&s, &url, &footnotes));
    assert!(
        got.status.success(),
        "{}",
        String::from_utf8_lossy(&got.stderr)
    );
    assert_eq!(undated(&text(&got)), undated(&text(&want)));
    assert!(text(&got).contains("[^claim-1]:"), "{}", text(&got));

    let (want_md, got_md) = (s.file("file.md"), s.file("team.md"));
    for (desk, md) in [(&file, &want_md), (&url, &got_md)] {
        let out = on(
            &s,
            desk,
            &[
                "draft",
                "export",
                &draft,
                "--format",
                "pandoc",
                "--out",
                md.to_str().unwrap(),
            ],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let read = |p: &std::path::Path| std::fs::read_to_string(p).unwrap();
    assert_eq!(undated(&read(&got_md)), undated(&read(&want_md)));
    let bib = s.file("team.md.csl.json");
    assert_eq!(read(&bib), read(&s.file("file.md.csl.json")));
    let pandoc = Command::new("pandoc")
        .args(["--citeproc", "--bibliography", bib.to_str().unwrap()])
        .arg(&got_md)
        .args(["-t", "html"])
        .output()
        .expect("pandoc is installed (make test installs Debian's pandoc)");
    let stderr = String::from_utf8_lossy(&pandoc.stderr);
    assert!(pandoc.status.success(), "pandoc failed: {stderr}");
    assert_eq!(stderr.trim(), "", "pandoc warned on the team desk's export");
    let html = String::from_utf8_lossy(&pandoc.stdout);
    assert!(!html.contains("???"), "every citation resolves: {html}");
    assert!(html.contains("class=\"claim\""), "{html}");

    let claims = s.json(&["claim", "list", "--limit", "3"]);
    let items = claims.as_array().or(claims["items"].as_array()).unwrap();
    assert!(!items.is_empty());
    for c in items {
        let id = c["id"].as_str().unwrap();
        for args in [vec!["--json", "provenance", id], vec!["provenance", id]] {
            let (want, got) = (on(&s, &file, &args), on(&s, &url, &args));
            assert!(
                got.status.success(),
                "{}",
                String::from_utf8_lossy(&got.stderr)
            );
            assert_eq!(
                text(&got),
                text(&want),
                "`{}` prints the same",
                args.join(" ")
            );
        }
    }
}
