//! Never lose a desk: other files are not taken for desks, a damaged desk is never written to,
//! no output path can land on the desk, and `backup` / `backup list` / `restore` bring it back.

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use serde_json::Value;

use crate::{Scratch, id_of};

/// The bytes of a file, to show a refused command left it exactly as it was.
fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

/// The backups the desk's folder holds, as `backup list --json` gives them.
fn backups(s: &Scratch) -> Vec<Value> {
    s.json(&["backup", "list"]).as_array().unwrap().clone()
}

/// Another program's SQLite file: a table of its own, a WAL journal and its own application id.
fn foreign_sqlite(path: &Path, application_id: i32) {
    let conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "application_id", application_id)
        .unwrap();
    conn.execute_batch("CREATE TABLE songs (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO songs (title) VALUES ('Arirang');")
        .unwrap();
}

fn tables(path: &Path) -> Vec<String> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap();
    stmt.query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn another_programs_sqlite_file_is_refused_and_left_alone() {
    for application_id in [0, 0x1234_5678] {
        let s = Scratch::empty();
        foreign_sqlite(&s.path, application_id);
        let before = bytes(&s.path);
        for args in [
            vec!["claim", "list"],
            vec!["source", "add", "--title", "t"],
            vec!["init"],
        ] {
            let err = s.fails(&args);
            assert!(
                err.contains(&s.path.display().to_string()) && err.contains("not a Factdesk desk"),
                "`{}` names the file and says it is not a desk: {err}",
                args.join(" ")
            );
        }
        assert_eq!(
            tables(&s.path),
            vec!["songs"],
            "no desk table is added to it"
        );
        assert_eq!(
            bytes(&s.path),
            before,
            "the other program's file is untouched"
        );
    }
}

#[test]
fn an_empty_file_becomes_a_desk_only_through_init() {
    let s = Scratch::empty();
    std::fs::write(&s.path, b"").unwrap();
    let err = s.fails(&["claim", "list"]);
    assert!(
        err.contains(&s.path.display().to_string()) && err.contains("factdesk init"),
        "an empty file is not a desk, and the message says how to make one: {err}"
    );
    assert_eq!(
        bytes(&s.path),
        b"",
        "a read must not turn an empty file into a desk"
    );
    s.fails(&["source", "add", "--title", "t"]);
    assert_eq!(bytes(&s.path), b"");
    s.ok(&["init"]);
    s.add_source("Now a desk");
    assert_eq!(
        s.source_ids().len(),
        1,
        "init made a desk of the empty file"
    );
}

#[test]
fn a_desk_made_before_application_ids_is_adopted() {
    let s = Scratch::init();
    let id = s.add_source("Made by an older Factdesk");
    Connection::open(&s.path)
        .unwrap()
        .pragma_update(None, "application_id", 0)
        .unwrap();
    assert_eq!(s.source_ids(), vec![id], "an older desk still opens");
    let app_id: i64 = Connection::open(&s.path)
        .unwrap()
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    assert_ne!(app_id, 0, "and is marked as a Factdesk desk from then on");
}

/// Flips 64 bytes at the start of the `sources` table's root page: its b-tree header and cell
/// pointers, as a failing disk or a stray write would.
fn damage_sources_page(path: &Path) {
    let (page_size, root): (i64, i64) = {
        let conn = Connection::open(path).unwrap();
        let size = conn
            .pragma_query_value(None, "page_size", |r| r.get(0))
            .unwrap();
        let root = conn
            .query_row(
                "SELECT rootpage FROM sqlite_master WHERE name = 'sources'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        (size, root)
    };
    let mut data = bytes(path);
    let start = ((root - 1) * page_size) as usize;
    for b in &mut data[start..start + 64] {
        *b ^= 0xA5;
    }
    std::fs::write(path, data).unwrap();
}

#[test]
fn a_damaged_desk_is_never_written_and_the_message_points_at_the_backup() {
    let s = Scratch::init();
    s.add_source("Before the damage");
    s.add_claim("Written before the damage.");
    let newest = backups(&s);
    assert!(
        !newest.is_empty(),
        "the first write took an automatic backup"
    );
    let newest = newest[0]["path"].as_str().unwrap().to_string();
    damage_sources_page(&s.path);
    let damaged = bytes(&s.path);
    for args in [
        vec![
            "claim",
            "add",
            "--text",
            "After.",
            "--confidence",
            "reported",
        ],
        vec!["source", "add", "--title", "After"],
    ] {
        let err = s.fails(&args);
        assert!(
            err.contains(&s.path.display().to_string()),
            "`{}` names the desk: {err}",
            args.join(" ")
        );
        assert!(
            err.contains(&newest) && err.contains("factdesk restore"),
            "and its newest good backup, and the way back: {err}"
        );
        assert_eq!(
            bytes(&s.path),
            damaged,
            "nothing is written into a damaged desk"
        );
    }
    s.ok(&["restore", &newest]);
    assert_eq!(s.list("source")[0]["title"], "Before the damage");
    s.add_source("After the restore");
    assert_eq!(
        s.source_ids().len(),
        2,
        "the restored desk takes writes again"
    );
}

#[test]
fn a_truncated_desk_names_the_file_and_the_way_back() {
    let s = Scratch::init();
    for i in 0..40 {
        s.add_source(&format!("Source {i} {}", "with a long title ".repeat(20)));
    }
    let newest = backups(&s)[0]["path"].as_str().unwrap().to_string();
    let len = bytes(&s.path).len();
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(&s.path)
        .unwrap();
    file.set_len(len as u64 / 2).unwrap();
    drop(file);
    for args in [
        vec!["source", "list"],
        vec!["source", "add", "--title", "t"],
    ] {
        let err = s.fails(&args);
        assert!(
            err.contains(&s.path.display().to_string()) && err.contains("factdesk restore"),
            "`{}` names the file and the way back: {err}",
            args.join(" ")
        );
        assert!(err.contains(&newest), "{err}");
    }
}

#[test]
fn backup_restore_round_trip_keeps_a_copy_of_what_was_replaced() {
    let s = Scratch::init();
    let kept = s.add_source("Kept");
    let out = s.file("by-hand.sqlite");
    s.ok(&["backup", "--out", out.to_str().unwrap()]);
    s.add_source("Added after the backup");
    let listed = backups(&s);
    crate::assert_snake_case(&Value::Array(listed.clone()));
    let before = listed.len();
    s.ok(&["restore", out.to_str().unwrap()]);
    assert_eq!(s.source_ids(), vec![kept], "the desk is the backup again");
    let after = backups(&s);
    assert_eq!(
        after.len(),
        before + 1,
        "restore backed up the desk it replaced"
    );
    assert_eq!(after[0]["sources"], 2, "that copy holds both sources");
    let text = s.ok(&["backup", "list"]);
    assert!(text.contains("2 sources"), "{text}");
}

#[test]
fn backup_now_goes_to_the_backups_folder_and_is_listed() {
    let s = Scratch::init();
    s.add_source("One");
    s.add_claim("A claim.");
    let made = s.json(&["backup"]);
    let path = PathBuf::from(made["path"].as_str().unwrap());
    assert_eq!(path.parent().unwrap(), s.dir().join("backups"));
    let listed = backups(&s);
    assert_eq!(listed[0]["path"], made["path"]);
    assert_eq!(
        (
            listed[0]["sources"].as_i64(),
            listed[0]["claims"].as_i64(),
            listed[0]["drafts"].as_i64()
        ),
        (Some(1), Some(1), Some(0))
    );
    assert!(listed[0]["bytes"].as_u64().unwrap() > 0);
}

#[test]
fn restore_refuses_a_file_that_is_not_a_good_backup() {
    let s = Scratch::init();
    s.add_source("Mine");
    let before = bytes(&s.path);
    let notes = s.write(
        "notes.sqlite",
        "not a database at all, just words\n".repeat(100),
    );
    let err = s.fails_json(&["restore", notes.to_str().unwrap()]);
    assert_eq!(err["field"], "backup", "{err}");
    let foreign = s.file("other.sqlite");
    foreign_sqlite(&foreign, 7);
    let err = s.fails_json(&["restore", foreign.to_str().unwrap()]);
    assert_eq!(err["field"], "backup", "{err}");
    assert_eq!(
        bytes(&s.path),
        before,
        "a refused restore leaves the desk as it was"
    );
}

// --- Exports never touch the desk ------------------------------------------------------------

/// A desk with one draft, and the draft's id.
fn desk_with_draft() -> (Scratch, String) {
    let s = Scratch::init();
    let claim = s.add_claim("The desk must survive.");
    let draft = s.add_draft("D", "d.md", &format!("[It survives]{{claim={claim}}}.\n"));
    (s, draft)
}

/// Runs `args`, which must be refused naming `field`, and checks the desk still reads.
#[track_caller]
fn refused(s: &Scratch, args: &[&str], field: &str) {
    let before = bytes(&s.path);
    let err = s.fails_json(args);
    assert_eq!(err["field"], field, "`{}`: {err}", args.join(" "));
    assert_eq!(
        bytes(&s.path),
        before,
        "`{}` left the desk as it was",
        args.join(" ")
    );
    assert_eq!(s.list("claim").as_array().unwrap().len(), 1);
}

#[test]
fn no_output_path_can_be_the_desk_its_journal_or_a_backup() {
    let (s, draft) = desk_with_draft();
    let desk = s.path.to_str().unwrap().to_string();
    let journal = format!("{desk}-journal");
    let wal = format!("{desk}-wal");
    let backup = backups(&s)[0]["path"].as_str().unwrap().to_string();
    let in_backups = s.dir().join("backups/new.md");
    let in_backups = in_backups.to_str().unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (vec!["draft", "export", &draft, "--out", &desk], "out"),
        (vec!["draft", "export", &draft, "--out", &journal], "out"),
        (vec!["draft", "export", &draft, "--out", &wal], "out"),
        (vec!["draft", "export", &draft, "--out", &backup], "out"),
        (vec!["draft", "export", &draft, "--out", in_backups], "out"),
        (
            vec![
                "draft", "export", &draft, "--format", "pandoc", "--bib", &desk,
            ],
            "bib",
        ),
        (
            vec![
                "draft", "export", &draft, "--format", "pandoc", "--out", "x.md", "--bib", &desk,
            ],
            "bib",
        ),
        (vec!["draft", "report", &draft, "--out", &desk], "out"),
        (vec!["draft", "report", &draft, "--out", &backup], "out"),
        (vec!["backup", "--out", &desk], "out"),
        (vec!["backup", "--out", &journal], "out"),
    ];
    for (args, field) in cases {
        refused(&s, &args, field);
    }
}

#[test]
fn a_symlink_or_relative_path_to_the_desk_is_refused_too() {
    let (s, draft) = desk_with_draft();
    let link = s.file("looks-harmless.md");
    std::os::unix::fs::symlink(&s.path, &link).unwrap();
    let link = link.to_str().unwrap();
    refused(&s, &["draft", "export", &draft, "--out", link], "out");
    refused(&s, &["draft", "report", &draft, "--out", link], "out");
    // A dangling link to the desk's journal, which exists only during a write.
    let dangling = s.file("later.md");
    std::os::unix::fs::symlink(s.file("desk.sqlite-journal"), &dangling).unwrap();
    refused(
        &s,
        &[
            "draft",
            "export",
            &draft,
            "--out",
            dangling.to_str().unwrap(),
        ],
        "out",
    );
    // A relative path, from a working folder inside the desk's folder.
    let sub = s.dir().join("work");
    std::fs::create_dir(&sub).unwrap();
    for (args, field) in [
        (
            vec!["draft", "export", &draft, "--out", "../desk.sqlite"],
            "out",
        ),
        (
            vec![
                "draft",
                "export",
                &draft,
                "--format",
                "pandoc",
                "--out",
                "../desk.sqlite.md",
                "--bib",
                "./../desk.sqlite",
            ],
            "bib",
        ),
        (
            vec!["draft", "report", &draft, "--out", "../work/../desk.sqlite"],
            "out",
        ),
        (vec!["backup", "--out", "../desk.sqlite"], "out"),
    ] {
        let before = bytes(&s.path);
        let out = s
            .cmd()
            .current_dir(&sub)
            .arg("--json")
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "`{}` is refused",
            args.join(" ")
        );
        let err: Value = serde_json::from_slice(&out.stderr).unwrap();
        assert_eq!(err["field"], field, "{err}");
        assert_eq!(bytes(&s.path), before);
    }
    assert_eq!(
        s.list("claim").as_array().unwrap().len(),
        1,
        "the desk survived"
    );
    let fine = s.file("fine.md");
    s.ok(&["draft", "export", &draft, "--out", fine.to_str().unwrap()]);
    assert!(
        std::fs::read_to_string(&fine)
            .unwrap()
            .contains("It survives")
    );
    let _ = id_of;
}
