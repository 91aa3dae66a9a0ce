//! Faults around a team desk, as a person at the CLI meets them: a `desk copy` killed with
//! kill -9 mid-transaction, and PostgreSQL restarted between commands and in the middle of one.
//! Each leaves the team desk exactly as it was before the unacknowledged command, says plainly
//! that the desk cannot be reached (naming it, never its password), and the next command works.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use factdesk_core::team::{self, TeamRole};
use postgres::{Client, NoTls};
use serde_json::Value;

use crate::Scratch;
use crate::team::cluster::Cluster;

/// A team desk with one writer, on `cluster`.
struct Team {
    cluster: &'static Cluster,
    db: String,
    writer: String,
}

impl Team {
    fn on(cluster: &'static Cluster) -> Team {
        let db = cluster.fresh_database();
        let admin = cluster.url(&db, "postgres");
        team::init(&admin).unwrap();
        let writer = format!("{db}_writer");
        team::add_user(&admin, &writer, TeamRole::Writer).unwrap();
        Team {
            cluster,
            db,
            writer,
        }
    }

    /// On a cluster of its own, which the test stops and restarts.
    fn alone() -> Team {
        Team::on(Box::leak(Box::new(Cluster::start())))
    }

    /// The writer's URL, with a password in it (the test cluster trusts its socket and ignores
    /// it), to show no message repeats it.
    fn writer_url(&self) -> String {
        format!(
            "postgres://{}:sekrit-pw@/{}?host={}",
            self.writer,
            self.db,
            self.cluster.dir().display()
        )
    }

    fn admin(&self) -> Client {
        Client::connect(&self.cluster.url(&self.db, "postgres"), NoTls).unwrap()
    }

    /// Rows of each table a copy writes, as the superuser sees them.
    fn counts(&self) -> Vec<(&'static str, i64)> {
        let mut admin = self.admin();
        [
            "drafts",
            "claims",
            "evidence",
            "sources",
            "draft_revisions",
            "copies",
        ]
        .into_iter()
        .map(|t| {
            let n: i64 = admin
                .query_one(&format!("SELECT count(*) FROM factdesk.{t}"), &[])
                .unwrap()
                .get(0);
            (t, n)
        })
        .collect()
    }

    /// Waits until the writer's session holds a transaction that has written (PostgreSQL gave
    /// it a transaction id), while `child` still runs.
    fn wait_mid_transaction(&self, child: &mut Child) {
        let mut admin = self.admin();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let writing: i64 = admin
                .query_one(
                    "SELECT count(*) FROM pg_stat_activity
                     WHERE usename = $1 AND backend_xid IS NOT NULL",
                    &[&self.writer],
                )
                .unwrap()
                .get(0);
            if writing > 0 {
                return;
            }
            assert!(
                child.try_wait().unwrap().is_none(),
                "the copy ended before it was caught mid-transaction"
            );
            assert!(Instant::now() < deadline, "the copy never started writing");
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits until the server has ended every session of the writer.
    fn wait_writer_gone(&self) {
        let mut admin = self.admin();
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let open: i64 = admin
                .query_one(
                    "SELECT count(*) FROM pg_stat_activity WHERE usename = $1",
                    &[&self.writer],
                )
                .unwrap()
                .get(0);
            if open == 0 {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the killed client's session lingers"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

/// A desk file holding the large synthetic desk (1,000 claims in one draft): a copy of it takes
/// long enough to be caught mid-transaction. Returns the draft's id.
fn large_desk(s: &Scratch) -> String {
    s.ok(&["init", "--large"]);
    let drafts = s.json(&["draft", "list"]);
    let list = drafts.as_array().or(drafts["items"].as_array()).unwrap();
    list[0]["id"].as_str().unwrap().to_string()
}

fn sample_draft(s: &Scratch) -> String {
    let drafts = s.json(&["draft", "list"]);
    let list = drafts.as_array().or(drafts["items"].as_array()).unwrap();
    list[0]["id"].as_str().unwrap().to_string()
}

/// `factdesk --json desk copy DRAFT --from DESK --to URL`, started and left running.
fn spawn_copy(s: &Scratch, draft: &str, url: &str) -> Child {
    let home = s.dir().join("home");
    Command::new(assert_cmd::cargo::cargo_bin("factdesk"))
        .env_remove("FACTDESK_DESK")
        .env_remove("FACTDESK_USER")
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .args(["--json", "desk", "copy", draft, "--from"])
        .arg(&s.path)
        .args(["--to", url])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// `factdesk --json desk copy`: the exit code, stdout and stderr.
fn copy(s: &Scratch, draft: &str, url: &str) -> (i32, String, String) {
    let out = spawn_copy(s, draft, url).wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn copied(stdout: &str) -> Value {
    let report: Value = serde_json::from_str(stdout)
        .unwrap_or_else(|e| panic!("desk copy prints its report ({e}): {stdout}"));
    report["copied"].clone()
}

/// The error a failed command printed on stderr, checked to say the team desk cannot be
/// reached, naming the desk and not the password.
#[track_caller]
fn assert_unreachable(team: &Team, stderr: &str) {
    let err: Value = serde_json::from_str(stderr.trim())
        .unwrap_or_else(|e| panic!("the error is JSON on stderr ({e}): {stderr}"));
    assert_eq!(err["code"], "database", "{err}");
    let message = err["message"].as_str().unwrap();
    assert!(
        message.contains("cannot be reached") && message.contains(&team.db),
        "the message says the team desk, by name, cannot be reached: {message}"
    );
    assert_eq!(err["details"]["unreachable"], true, "{err}");
    assert!(
        !stderr.contains("sekrit-pw"),
        "no message repeats the password: {stderr}"
    );
}

#[test]
fn a_copy_killed_mid_transaction_leaves_the_team_desk_as_it_was_and_the_next_copy_succeeds() {
    let s = Scratch::empty();
    let draft = large_desk(&s);
    let team = Team::on(Cluster::shared());
    let url = team.writer_url();
    let before = team.counts();

    let mut child = spawn_copy(&s, &draft, &url);
    team.wait_mid_transaction(&mut child);
    child.kill().unwrap(); // SIGKILL: no destructor, no ROLLBACK sent
    child.wait().unwrap();
    team.wait_writer_gone();

    assert_eq!(
        team.counts(),
        before,
        "a copy killed before its commit leaves no rows and no ledger on the team desk"
    );
    let (code, out, err) = copy(&s, &draft, &url);
    assert_eq!(code, 0, "the next copy succeeds: {err}");
    assert_eq!(copied(&out)["claims"], 1000, "{out}");
    let after: Vec<_> = team.counts().into_iter().collect();
    assert!(
        after.contains(&("claims", 1000)) && after.contains(&("drafts", 1)),
        "{after:?}"
    );
}

#[test]
fn with_postgresql_down_the_cli_says_the_team_desk_cannot_be_reached_and_after_it_nothing_is_lost()
{
    let s = Scratch::sample();
    let draft = sample_draft(&s);
    let team = Team::alone();
    let url = team.writer_url();
    let (code, _, err) = copy(&s, &draft, &url);
    assert_eq!(code, 0, "{err}");
    let acknowledged = team.counts();

    team.cluster.stop();
    let (code, out, err) = copy(&s, &draft, &url);
    assert_ne!(code, 0, "a copy to a stopped server fails: {out}");
    assert_unreachable(&team, &err);
    let text = s
        .bare()
        .args(["desk", "copy", &draft, "--from"])
        .arg(&s.path)
        .args(["--to", &url])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stderr);
    assert!(
        text.contains("cannot be reached")
            && text.contains(&format!("the team desk {}", team.db))
            && !text.contains("sekrit-pw"),
        "the text error says so too: {text}"
    );

    team.cluster.resume();
    let (code, out, err) = copy(&s, &draft, &url);
    assert_eq!(code, 0, "the first command after the restart works: {err}");
    assert_eq!(
        copied(&out),
        serde_json::json!({}),
        "the acknowledged copy is all there, so nothing is copied again: {out}"
    );
    assert_eq!(team.counts(), acknowledged, "nothing acknowledged was lost");
}

#[test]
fn postgresql_restarted_in_the_middle_of_a_copy_leaves_nothing_of_it_and_the_next_copy_succeeds() {
    let s = Scratch::empty();
    let draft = large_desk(&s);
    let team = Team::alone();
    let url = team.writer_url();
    let before = team.counts();

    let mut child = spawn_copy(&s, &draft, &url);
    team.wait_mid_transaction(&mut child);
    team.cluster.restart();
    let out = child.wait_with_output().unwrap();
    assert!(!out.status.success(), "the interrupted copy fails");
    assert_unreachable(&team, &String::from_utf8_lossy(&out.stderr));

    assert_eq!(
        team.counts(),
        before,
        "the interrupted transaction left nothing on the team desk"
    );
    let (code, out, err) = copy(&s, &draft, &url);
    assert_eq!(code, 0, "the next copy succeeds: {err}");
    assert_eq!(copied(&out)["claims"], 1000, "{out}");
}

/// `factdesk --json ARGS` on the team desk `url`, started and left running.
fn spawn_on(s: &Scratch, url: &str, args: &[&str]) -> Child {
    let home = s.dir().join("home");
    Command::new(assert_cmd::cargo::cargo_bin("factdesk"))
        .env("FACTDESK_DESK", url)
        .env_remove("FACTDESK_USER")
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .arg("--json")
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// `factdesk --json ARGS` on `url`, run to its end: stdout parsed, or a panic with stderr.
fn json_on(s: &Scratch, url: &str, args: &[&str]) -> Value {
    let out = spawn_on(s, url, args).wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "`factdesk {}`: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A client killed with kill -9 inside a write-path transaction, after its first rows were
/// written and before the rows written with them: a claim before its history row, a draft's new
/// text before its revision. The test holds the second table in SHARE mode (as a long
/// `pg_dump`-like reader might), so the client is caught there for certain.
#[test]
fn a_claim_add_or_draft_edit_killed_mid_transaction_leaves_nothing_half_written() {
    let s = Scratch::empty();
    let team = Team::on(Cluster::shared());
    let url = team.writer_url();
    let draft = json_on(&s, &url, &["draft", "new", "--title", "Bridge closure"]);
    let draft = draft["id"].as_str().unwrap().to_string();
    let before_body = json_on(&s, &url, &["draft", "show", &draft])["body"].clone();
    let body = s.dir().join("body.md");
    // A large body, as a long article's save is.
    std::fs::write(
        &body,
        "The bridge closes for repairs over the summer. ".repeat(20_000),
    )
    .unwrap();

    let body_arg = body.to_str().unwrap().to_string();
    let cases: [(&str, Vec<&str>); 2] = [
        (
            "history",
            vec![
                "claim",
                "add",
                "--text",
                "The bridge reopens in September",
                "--confidence",
                "reported",
                "--topic",
                "bridges",
            ],
        ),
        (
            "draft_revisions",
            vec!["draft", "edit", &draft, "--file", &body_arg],
        ),
    ];
    for (held, args) in cases {
        let before = team.counts();
        let history_before: i64 = team
            .admin()
            .query_one("SELECT count(*) FROM factdesk.history", &[])
            .unwrap()
            .get(0);
        let mut holder = team.admin();
        let mut hold = holder.transaction().unwrap();
        hold.batch_execute(&format!("LOCK TABLE factdesk.{held} IN SHARE MODE"))
            .unwrap();

        let mut child = spawn_on(&s, &url, &args);
        // Written its first rows (a transaction id) and waiting to write into `held`.
        let mut admin = team.admin();
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let caught: i64 = admin
                .query_one(
                    "SELECT count(*) FROM pg_stat_activity WHERE usename = $1
                     AND backend_xid IS NOT NULL AND wait_event_type = 'Lock'",
                    &[&team.writer],
                )
                .unwrap()
                .get(0);
            if caught > 0 {
                break;
            }
            assert!(
                child.try_wait().unwrap().is_none(),
                "`{}` ended before it was caught mid-transaction",
                args.join(" ")
            );
            assert!(
                Instant::now() < deadline,
                "`{}` never wrote",
                args.join(" ")
            );
            std::thread::sleep(Duration::from_millis(5));
        }
        child.kill().unwrap(); // SIGKILL: no destructor, no ROLLBACK sent
        child.wait().unwrap();
        hold.rollback().unwrap();
        team.wait_writer_gone();

        assert_eq!(
            team.counts(),
            before,
            "`{}` killed mid-transaction leaves no row",
            args.join(" ")
        );
        let history_after: i64 = admin
            .query_one("SELECT count(*) FROM factdesk.history", &[])
            .unwrap()
            .get(0);
        assert_eq!(history_after, history_before, "{held}: no history row");
    }
    let claims = json_on(&s, &url, &["claim", "list"]);
    assert_eq!(claims["items"].as_array().unwrap().len(), 0, "{claims}");
    let shown = json_on(&s, &url, &["draft", "show", &draft]);
    assert_eq!(shown["body"], before_body, "the draft keeps its saved text");

    // The desk answers the next commands, and the same writes go in whole.
    let claim = json_on(
        &s,
        &url,
        &[
            "claim",
            "add",
            "--text",
            "The bridge reopens in September",
            "--confidence",
            "reported",
        ],
    );
    let id = claim["id"].as_str().unwrap();
    let history = json_on(&s, &url, &["history", "claim", id]);
    assert_eq!(history.as_array().unwrap().len(), 1, "{history}");
    json_on(&s, &url, &["draft", "edit", &draft, "--file", &body_arg]);
    let revisions = json_on(&s, &url, &["draft", "revisions", &draft]);
    assert_eq!(revisions.as_array().unwrap().len(), 2, "{revisions}");
}
