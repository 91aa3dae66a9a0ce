//! `factdesk team`: setting up a team desk on a real PostgreSQL 15 (one throwaway cluster for
//! this binary, `crates/core/tests/team/cluster.rs`), and its refusals as the CLI reports them.

#[path = "../../../core/tests/team/cluster.rs"]
pub(crate) mod cluster;

use cluster::Cluster;
use serde_json::Value;

use crate::Scratch;

/// `factdesk --json ARGS` with `FACTDESK_DESK` unset; stdout parsed, exit code checked.
fn run_json(s: &Scratch, args: &[&str], ok: bool) -> Value {
    let out = s.bare().arg("--json").args(args).output().unwrap();
    assert_eq!(
        out.status.success(),
        ok,
        "`factdesk --json {}`: stdout {} stderr {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = if ok { out.stdout } else { out.stderr };
    serde_json::from_slice(&text).unwrap_or_else(|e| {
        panic!("JSON ({e}): {}", String::from_utf8_lossy(&text));
    })
}

/// A fresh database in the cluster, `team init`ed through the CLI; returns its name.
fn team_desk(s: &Scratch) -> String {
    let c = Cluster::shared();
    let db = c.fresh_database();
    let made = run_json(s, &["team", "init", &c.url(&db, "postgres")], true);
    assert_eq!(made["database"], db.as_str());
    let every = factdesk_core::team::schema::MIGRATIONS.len();
    assert_eq!(
        made["applied"], every,
        "a new desk gets every migration: {made}"
    );
    db
}

#[test]
fn team_init_makes_the_desk_and_again_changes_nothing() {
    let s = Scratch::empty();
    let c = Cluster::shared();
    let db = team_desk(&s);
    let again = run_json(&s, &["team", "init", &c.url(&db, "postgres")], true);
    assert_eq!(again["applied"], 0, "{again}");
    assert_eq!(again["roles_created"], serde_json::json!([]));
    let out = s
        .bare()
        .args(["team", "init", &c.url(&db, "postgres")])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(
        text.contains(&db) && text.contains("up to date"),
        "the text output says which database and that nothing was needed: {text}"
    );
}

#[test]
fn team_add_user_makes_a_login_in_its_role() {
    let s = Scratch::empty();
    let c = Cluster::shared();
    let db = team_desk(&s);
    let name = format!("{db}_mina");
    let admin_url = c.url(&db, "postgres");
    let out = s
        .bare()
        .env("FACTDESK_DESK", &admin_url)
        .args(["team", "add-user", &name, "--role", "editor"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains(&name) && said.contains("factdesk_editor"),
        "{said}"
    );
    // The new login connects and acts as an editor: it may write a review's table.
    let mut mina = postgres::Client::connect(&c.url(&db, &name), postgres::NoTls).unwrap();
    let can: bool = mina
        .query_one(
            "SELECT has_table_privilege('factdesk.reviews', 'INSERT')",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(can, "an editor may write reviews");
    // The same name again is refused, naming the field.
    let e = run_json(
        &s,
        &[
            "team", "add-user", &name, "--role", "writer", "--desk", &admin_url,
        ],
        false,
    );
    assert_eq!(
        (e["code"].as_str(), e["field"].as_str()),
        (Some("invalid"), Some("name")),
        "{e}"
    );
}

#[test]
fn team_add_user_names_a_bad_role_or_a_missing_url() {
    let s = Scratch::empty();
    let c = Cluster::shared();
    let db = team_desk(&s);
    let e = run_json(
        &s,
        &[
            "team",
            "add-user",
            "jun",
            "--role",
            "boss",
            "--desk",
            &c.url(&db, "postgres"),
        ],
        false,
    );
    assert_eq!(e["field"], "role", "{e}");
    let e = run_json(&s, &["team", "add-user", "jun", "--role", "writer"], false);
    assert_eq!(e["field"], "desk", "{e}");
    assert!(
        e["message"].as_str().unwrap().contains("postgres://"),
        "it says what to pass: {e}"
    );
}

#[test]
fn a_writer_adding_users_is_refused_by_postgresql() {
    let s = Scratch::empty();
    let c = Cluster::shared();
    let db = team_desk(&s);
    let writer = format!("{db}_writer");
    run_json(
        &s,
        &[
            "team",
            "add-user",
            &writer,
            "--role",
            "writer",
            "--desk",
            &c.url(&db, "postgres"),
        ],
        true,
    );
    let e = run_json(
        &s,
        &[
            "team",
            "add-user",
            &format!("{db}_sneaky"),
            "--role",
            "editor",
            "--desk",
            &c.url(&db, &writer),
        ],
        false,
    );
    assert_eq!(e["code"], "refused", "{e}");
    assert!(
        e["message"].as_str().unwrap().contains("administrator"),
        "the message names the rule: {e}"
    );
}

#[test]
fn team_init_on_a_server_that_is_not_there_says_so() {
    let s = Scratch::empty();
    let missing = s.file("no-server");
    let e = run_json(
        &s,
        &[
            "team",
            "init",
            &format!("postgres:///desk?host={}&user=postgres", missing.display()),
        ],
        false,
    );
    assert_eq!(e["code"], "database", "{e}");
    assert!(e["message"].as_str().unwrap().contains("team desk"), "{e}");
}

/// Makes `user`'s logins over the cluster's socket need a password (scram), as a newsroom's
/// server does, and waits until the server has read the rule.
fn require_password(c: &Cluster, db: &str, user: &str, password: &str) {
    let mut admin = postgres::Client::connect(&c.url(db, "postgres"), postgres::NoTls).unwrap();
    admin
        .batch_execute(&format!("ALTER ROLE {user} PASSWORD '{password}'"))
        .unwrap();
    let hba: String = admin.query_one("SHOW hba_file", &[]).unwrap().get(0);
    let rules = std::fs::read_to_string(&hba).unwrap();
    std::fs::write(&hba, format!("local all {user} scram-sha-256\n{rules}")).unwrap();
    admin.batch_execute("SELECT pg_reload_conf()").unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while postgres::Client::connect(&c.url(db, user), postgres::NoTls).is_ok() {
        assert!(
            std::time::Instant::now() < deadline,
            "the server never asked for a password"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

#[test]
fn a_password_comes_from_the_pgpass_file_as_libpq_reads_it() {
    use std::os::unix::fs::PermissionsExt;

    let s = Scratch::empty();
    let c = Cluster::shared();
    let db = team_desk(&s);
    let user = format!("{db}_pw");
    let admin_url = c.url(&db, "postgres");
    let added = s
        .bare()
        .env("FACTDESK_DESK", &admin_url)
        .args(["team", "add-user", &user, "--role", "writer"])
        .output()
        .unwrap();
    assert!(
        added.status.success(),
        "{}",
        String::from_utf8_lossy(&added.stderr)
    );
    require_password(c, &db, &user, "s3cret:pass");
    let url = c.url(&db, &user);
    let list = |env: &[(&str, &std::path::Path)]| {
        let mut cmd = s.bare();
        cmd.env_remove("PGPASSWORD").env_remove("PGPASSFILE");
        for (k, v) in env {
            cmd.env(k, v);
        }
        cmd.args(["--json", "--desk", &url, "claim", "list"])
            .output()
            .unwrap()
    };

    // No password anywhere: the server refuses, and the message never holds one.
    let refused = list(&[]);
    assert!(!refused.status.success());
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(
        said.contains("password"),
        "the refusal says a password is needed: {said}"
    );

    // ~/.pgpass, mode 0600, its line naming the socket folder, with an escaped colon.
    let home = s.file("home");
    std::fs::create_dir_all(&home).unwrap();
    let line = format!(
        "# team desk\n{}:5432:{db}:{user}:s3cret\\:pass\n",
        c.dir().display()
    );
    let pgpass = home.join(".pgpass");
    std::fs::write(&pgpass, &line).unwrap();
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = list(&[]);
    assert!(
        out.status.success(),
        "~/.pgpass is read: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("s3cret"));

    // A file others can read is not read at all (libpq's rule).
    std::fs::set_permissions(&pgpass, std::fs::Permissions::from_mode(0o644)).unwrap();
    assert!(
        !list(&[]).status.success(),
        "a readable-by-all ~/.pgpass is ignored"
    );

    // PGPASSFILE names another file, with a wildcard line.
    let elsewhere = s.write("team.pgpass", format!("*:*:{db}:*:s3cret\\:pass\n"));
    std::fs::set_permissions(&elsewhere, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = list(&[("PGPASSFILE", &elsewhere)]);
    assert!(
        out.status.success(),
        "PGPASSFILE is read: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn team_load_moves_a_desk_file_onto_an_empty_team_desk_once() {
    let s = Scratch::sample();
    let c = Cluster::shared();
    let db = team_desk(&s);
    let url = c.url(&db, "postgres");
    let file = s.path.to_str().unwrap();
    let loaded = run_json(&s, &["team", "load", file, "--desk", &url], true);
    assert_eq!(loaded["database"], db.as_str(), "{loaded}");
    assert_eq!(loaded["rows"]["claims"], 10, "{loaded}");
    assert_eq!(loaded["rows"]["sources"], 9, "{loaded}");
    // The team desk lists the file's claims.
    let listed = run_json(
        &s,
        &["--desk", &url, "claim", "list", "--limit", "50"],
        true,
    );
    let on_file = run_json(
        &s,
        &["--desk", file, "claim", "list", "--limit", "50"],
        true,
    );
    assert_eq!(
        listed["items"].as_array().map(Vec::len),
        Some(10),
        "{listed}"
    );
    let ids = |v: &Value| {
        let mut ids: Vec<String> = v["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(&listed), ids(&on_file));
    // Loading again is refused: the team desk is no longer empty.
    let again = run_json(&s, &["team", "load", file, "--desk", &url], false);
    assert_eq!(again["field"], "desk", "{again}");
    assert!(
        again["message"]
            .as_str()
            .unwrap()
            .contains("empty team desk"),
        "{again}"
    );
}
