//! The team flow on a real team desk through the CLI (issue 12): a writer attaches a claim, an
//! editor sees it and approves it, the writer sees the approval with the editor's login. Each
//! login is its own `factdesk` process with its own URL, as on two machines.

use serde_json::Value;

use crate::Scratch;
use crate::team::cluster::Cluster;

/// A fresh team desk with one writer and one editor; (writer URL, editor URL, their logins).
pub(crate) fn desk_with_two_logins(s: &Scratch) -> (String, String, String, String) {
    let c = Cluster::shared();
    let db = c.fresh_database();
    let admin = c.url(&db, "postgres");
    run(s, &admin, &["team", "init", &admin], true);
    let (writer, editor) = (format!("{db}_ana"), format!("{db}_jun"));
    run(
        s,
        &admin,
        &["team", "add-user", &writer, "--role", "writer"],
        true,
    );
    run(
        s,
        &admin,
        &["team", "add-user", &editor, "--role", "editor"],
        true,
    );
    (c.url(&db, &writer), c.url(&db, &editor), writer, editor)
}

/// `factdesk --json ARGS` on the desk `url` (through FACTDESK_DESK, as a newsroom sets it);
/// stdout (or the error on stderr) parsed.
pub(crate) fn run(s: &Scratch, url: &str, args: &[&str], ok: bool) -> Value {
    let out = s
        .bare()
        .env("FACTDESK_DESK", url)
        .arg("--json")
        .args(args)
        .output()
        .unwrap();
    assert_eq!(
        out.status.success(),
        ok,
        "`factdesk --json {}`: stdout {} stderr {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text = if ok { out.stdout } else { out.stderr };
    serde_json::from_slice(&text)
        .unwrap_or_else(|e| panic!("JSON ({e}): {}", String::from_utf8_lossy(&text)))
}

/// Writes a source, a claim, its evidence and a draft whose body marks the claim, as `url`'s
/// login; (claim id, draft id).
fn attach_a_claim(s: &Scratch, url: &str) -> (String, String) {
    let source = run(
        s,
        url,
        &[
            "source",
            "add",
            "--title",
            "Harbour authority notice",
            "--outlet",
            "Port Gazette",
        ],
        true,
    );
    let claim = run(
        s,
        url,
        &[
            "claim",
            "add",
            "--text",
            "The ferry pier closes in May",
            "--confidence",
            "reported",
        ],
        true,
    );
    let (source, claim) = (
        source["id"].as_str().unwrap().to_string(),
        claim["id"].as_str().unwrap().to_string(),
    );
    run(
        s,
        url,
        &[
            "claim",
            "link",
            &claim,
            &source,
            "--quote",
            "closed from 1 May",
        ],
        true,
    );
    let draft = run(s, url, &["draft", "new", "--title", "Pier works"], true);
    let draft = draft["id"].as_str().unwrap().to_string();
    let body = s.dir.path().join("body.md");
    std::fs::write(
        &body,
        format!("Works start soon: [the pier closes in May]{{claim={claim}}}.\n"),
    )
    .unwrap();
    run(
        s,
        url,
        &["draft", "edit", &draft, "--file", body.to_str().unwrap()],
        true,
    );
    (claim, draft)
}

#[test]
fn the_writer_attaches_a_claim_the_editor_approves_it_and_the_writer_sees_the_approval() {
    let s = Scratch::empty();
    let (writer_url, editor_url, writer, editor) = desk_with_two_logins(&s);
    let (claim, draft) = attach_a_claim(&s, &writer_url);

    // The editor, in a process of their own, sees the writer's draft, claim and evidence.
    let shown = run(&s, &editor_url, &["draft", "show", &draft], true);
    assert!(
        shown["body"]
            .as_str()
            .unwrap()
            .contains(&format!("{{claim={claim}}}")),
        "the editor reads the saved body with its span: {shown}"
    );
    let detail = run(&s, &editor_url, &["claim", "show", &claim], true);
    assert_eq!(detail["text"], "The ferry pier closes in May", "{detail}");
    assert_eq!(
        detail["evidence"][0]["source"]["title"],
        "Harbour authority notice"
    );
    let pending = run(&s, &editor_url, &["review", "show", &draft], true);
    assert_eq!(pending[0]["claim_id"], claim.as_str(), "{pending}");
    assert_eq!(pending[0]["state"], "pending", "{pending}");

    run(
        &s,
        &editor_url,
        &["review", "set", &draft, &claim, "approved"],
        true,
    );

    // The writer sees the approval, signed by the editor's login, not a typed name.
    let seen = run(&s, &writer_url, &["review", "show", &draft], true);
    assert_eq!(seen[0]["state"], "approved", "{seen}");
    assert_eq!(seen[0]["actor"], editor.as_str(), "{seen}");
    let history = run(&s, &writer_url, &["history", "claim", &claim], true);
    let actors: Vec<(&str, &str)> = history
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["record_kind"].as_str().unwrap(),
                h["actor"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        actors,
        [
            ("claim", writer.as_str()),
            ("evidence", writer.as_str()),
            ("review", editor.as_str())
        ],
        "the history names each login: {history}"
    );
}

#[test]
fn a_writer_approving_is_refused_by_postgresql() {
    let s = Scratch::empty();
    let (writer_url, _, _, _) = desk_with_two_logins(&s);
    let (claim, draft) = attach_a_claim(&s, &writer_url);
    let e = run(
        &s,
        &writer_url,
        &["review", "set", &draft, &claim, "approved"],
        false,
    );
    assert_eq!(e["code"], "refused", "{e}");
    assert_eq!(e["details"]["rule"], "only editors write reviews", "{e}");
    let still = run(&s, &writer_url, &["review", "show", &draft], true);
    assert_eq!(still[0]["state"], "pending", "nothing was written: {still}");
}

#[test]
fn an_editor_approving_a_claim_they_created_is_refused() {
    let s = Scratch::empty();
    let (_, editor_url, _, _) = desk_with_two_logins(&s);
    let (claim, draft) = attach_a_claim(&s, &editor_url);
    let e = run(
        &s,
        &editor_url,
        &["review", "set", &draft, &claim, "approved"],
        false,
    );
    assert_eq!(e["code"], "refused", "{e}");
    assert_eq!(
        e["details"]["rule"], "nobody approves a claim they created or last edited",
        "{e}"
    );
}

#[test]
fn a_typed_name_cannot_sign_on_a_team_desk() {
    let s = Scratch::empty();
    let (writer_url, _, _, _) = desk_with_two_logins(&s);
    let e = run(
        &s,
        &writer_url,
        &["--as", "someone_else", "draft", "list"],
        false,
    );
    assert_eq!(
        (e["code"].as_str(), e["field"].as_str()),
        (Some("invalid"), Some("as")),
        "{e}"
    );
}

#[test]
fn an_operation_not_on_the_team_desk_by_design_says_so_by_name() {
    let s = Scratch::empty();
    let (writer_url, _, _, _) = desk_with_two_logins(&s);
    attach_a_claim(&s, &writer_url);
    let dump = s.dir.path().join("a-backup.sqlite");
    for (args, operation) in [
        (vec!["backup"], "backup"),
        (
            vec!["restore", dump.to_str().unwrap()],
            "restoring a backup",
        ),
    ] {
        let e = run(&s, &writer_url, &args, false);
        assert_eq!(e["code"], "unsupported", "{args:?}: {e}");
        assert!(
            e["details"]["operation"]
                .as_str()
                .unwrap()
                .contains(operation),
            "{args:?} names {operation}: {e}"
        );
    }
}

#[test]
fn the_editor_lists_the_writers_new_claim_and_source_newest_first_with_filters_and_pages() {
    let s = Scratch::empty();
    let (writer_url, editor_url, _, _) = desk_with_two_logins(&s);
    let (claim, _) = attach_a_claim(&s, &writer_url);
    let rumour = run(
        &s,
        &writer_url,
        &[
            "claim",
            "add",
            "--text",
            "The ferry may stop for good",
            "--confidence",
            "speculation",
            "--topic",
            "Ferries",
        ],
        true,
    );
    let rumour = rumour["id"].as_str().unwrap().to_string();

    // The editor's own process sees both claims, newest first, one page at a time.
    let first = run(&s, &editor_url, &["claim", "list", "--limit", "1"], true);
    let ids = |page: &Value| -> Vec<String> {
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(ids(&first), vec![rumour.clone()], "{first}");
    let next = first["next"].as_str().expect("a page follows").to_string();
    let second = run(
        &s,
        &editor_url,
        &["claim", "list", "--limit", "1", "--after", &next],
        true,
    );
    assert_eq!(ids(&second), vec![claim.clone()], "{second}");
    assert!(second["next"].is_null(), "the last page: {second}");

    // Filters narrow in SQL on the team desk as on a desk file.
    for (filter, want) in [
        (["--confidence", "speculation"], vec![rumour.clone()]),
        (["--confidence", "reported"], vec![claim.clone()]),
        (["--topic", "ferries"], vec![rumour.clone()]),
        (["--status", "active"], vec![rumour.clone(), claim.clone()]),
    ] {
        let page = run(
            &s,
            &editor_url,
            &["claim", "list", filter[0], filter[1]],
            true,
        );
        assert_eq!(ids(&page), want, "{filter:?}: {page}");
    }

    let sources = run(
        &s,
        &editor_url,
        &["source", "list", "--outlet", "port gazette"],
        true,
    );
    assert_eq!(
        sources["items"][0]["title"], "Harbour authority notice",
        "{sources}"
    );
    let none = run(
        &s,
        &editor_url,
        &["source", "list", "--outlet", "Other Paper"],
        true,
    );
    assert_eq!(none["items"].as_array().unwrap().len(), 0, "{none}");

    // A desk file's cursor is not one this desk gave.
    let e = run(
        &s,
        &editor_url,
        &[
            "claim",
            "list",
            "--after",
            "2a.323032352d30362d30325430393a33303a30302e3030305a",
        ],
        false,
    );
    assert_eq!(e["field"], "after", "{e}");
}
