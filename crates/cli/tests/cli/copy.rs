//! `factdesk desk copy` between a desk file and a real team desk (this binary's throwaway
//! cluster): what a script reads from it, in text and `--json`, and its exit codes.

use factdesk_core::team::{self, TeamRole};
use serde_json::Value;

use crate::Scratch;
use crate::team::cluster::Cluster;

/// A team desk in a fresh database with one writer; returns the writer's URL and the
/// superuser's.
fn team_desk() -> (String, String) {
    let c = Cluster::shared();
    let db = c.fresh_database();
    let admin = c.url(&db, "postgres");
    team::init(&admin).unwrap();
    let writer = format!("{db}_writer");
    team::add_user(&admin, &writer, TeamRole::Writer).unwrap();
    (c.url(&db, &writer), admin)
}

fn sample_draft(s: &Scratch) -> String {
    let drafts = s.json(&["draft", "list"]);
    let list = drafts.as_array().or(drafts["items"].as_array()).unwrap();
    list[0]["id"].as_str().unwrap().to_string()
}

/// `factdesk --json desk copy DRAFT --from FROM --to TO`: the exit code and the report.
fn copy_json(s: &Scratch, draft: &str, from: &str, to: &str) -> (i32, Value) {
    let out = s
        .bare()
        .args(["--json", "desk", "copy", draft, "--from", from, "--to", to])
        .output()
        .unwrap();
    let report = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "desk copy prints JSON ({e}): {} / {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    (out.status.code().unwrap(), report)
}

#[test]
fn desk_copy_moves_a_draft_to_the_team_desk_and_a_second_copy_copies_nothing() {
    let s = Scratch::sample();
    let draft = sample_draft(&s);
    let (url, _) = team_desk();
    let desk = s.path.to_str().unwrap();
    let out = s
        .bare()
        .args(["desk", "copy", &draft, "--from", desk, "--to", &url])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("Copied: ") && text.contains("claims") && text.contains("team desk"),
        "the summary says what went where: {text}"
    );
    assert!(
        !text.contains("postgres://"),
        "the summary never prints the URL: {text}"
    );

    let (code, again) = copy_json(&s, &draft, desk, &url);
    assert_eq!(code, 0, "{again}");
    assert_eq!(again["copied"], serde_json::json!({}), "{again}");
    assert!(again["skipped"].as_u64().unwrap() > 0, "{again}");
    assert_eq!(again["conflicts"], serde_json::json!([]));
}

#[test]
fn desk_copy_reports_a_conflict_with_both_versions_and_exits_1() {
    let s = Scratch::sample();
    let draft = sample_draft(&s);
    let (url, admin) = team_desk();
    let desk = s.path.to_str().unwrap();
    assert_eq!(copy_json(&s, &draft, desk, &url).0, 0);
    let claims = s.json(&["draft", "show", &draft]);
    let body = claims["body"].as_str().unwrap();
    let claim = body
        .split("{claim=")
        .nth(1)
        .unwrap()
        .split('}')
        .next()
        .unwrap();

    s.ok(&[
        "claim",
        "edit",
        claim,
        "--text",
        "Mine: filming starts in May.",
    ]);
    postgres::Client::connect(&admin, postgres::NoTls)
        .unwrap()
        .execute(
            "UPDATE factdesk.claims SET text = 'Theirs: filming starts in June.' WHERE id = $1",
            &[&claim],
        )
        .unwrap();
    let (code, report) = copy_json(&s, &draft, desk, &url);
    assert_eq!(code, 1, "a conflict is not a clean copy: {report}");
    let c = &report["conflicts"][0];
    assert_eq!(c["table"], "claims");
    assert_eq!(c["id"], claim);
    let text = c["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == "text")
        .unwrap();
    assert_eq!(text["from"], "Mine: filming starts in May.");
    assert_eq!(text["to"], "Theirs: filming starts in June.");
    assert_eq!(
        s.json(&["claim", "show", claim])["text"],
        "Mine: filming starts in May.",
        "the personal desk keeps its version"
    );
}

#[test]
fn desk_copy_of_an_unknown_draft_names_the_field() {
    let s = Scratch::sample();
    let (url, _) = team_desk();
    let out = s
        .bare()
        .args([
            "--json",
            "desk",
            "copy",
            "01ZZZZ",
            "--from",
            s.path.to_str().unwrap(),
        ])
        .args(["--to", &url])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["field"], "draft", "{err}");
}
