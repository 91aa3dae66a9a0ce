//! `factdesk team watch`: an editor's terminal (or script) sees a writer's change on the team
//! desk as one line, within a second, naming the writer's login.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use factdesk_core::team::{self, TeamRole};
use serde_json::Value;

use crate::Scratch;
use crate::team::cluster::Cluster;

#[test]
fn team_watch_prints_a_writers_new_claim_as_one_json_line_naming_the_writer() {
    let s = Scratch::empty();
    let c = Cluster::shared();
    let db = c.fresh_database();
    let admin = c.url(&db, "postgres");
    team::init(&admin).unwrap();
    let (writer, editor) = (format!("{db}_writer"), format!("{db}_editor"));
    team::add_user(&admin, &writer, TeamRole::Writer).unwrap();
    team::add_user(&admin, &editor, TeamRole::Editor).unwrap();

    let home = s.dir().join("home");
    let mut watch = Command::new(assert_cmd::cargo::cargo_bin("factdesk"))
        .env_remove("FACTDESK_USER")
        .env("HOME", &home)
        .env("FACTDESK_DESK", c.url(&db, &editor))
        .args(["--json", "team", "watch"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut banner = String::new();
    BufReader::new(watch.stderr.take().unwrap())
        .read_line(&mut banner)
        .unwrap();
    assert!(
        banner.starts_with("Watching the team desk") && banner.contains(&db),
        "it says which desk it watches, once it listens: {banner}"
    );
    let (send, lines) = mpsc::channel();
    let stdout = BufReader::new(watch.stdout.take().unwrap());
    std::thread::spawn(move || {
        for line in stdout.lines() {
            if send.send(line.unwrap()).is_err() {
                return;
            }
        }
    });

    let mut session = postgres::Client::connect(&c.url(&db, &writer), postgres::NoTls).unwrap();
    session
        .execute(
            "INSERT INTO factdesk.claims (id, text, confidence, created_at, updated_at)
             VALUES ('01JWATCHED0000000000000000', 'The venue holds 900.', 'reported',
                     '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z')",
            &[],
        )
        .unwrap();
    let line = lines.recv_timeout(Duration::from_secs(1));
    watch.kill().unwrap();
    watch.wait().unwrap();
    let line = line.expect("team watch prints the writer's claim within a second");
    let got: Value = serde_json::from_str(&line).unwrap();
    assert_eq!(
        got,
        serde_json::json!({
            "event": "change", "table": "claims", "id": "01JWATCHED0000000000000000",
            "op": "insert", "actor": writer,
        }),
        "one line per change: {line}"
    );
}

#[test]
fn team_watch_without_a_team_desk_url_names_the_desk_field() {
    let s = Scratch::init();
    let out = s.cmd().args(["--json", "team", "watch"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["field"], "desk", "{err}");
}
