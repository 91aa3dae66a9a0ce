//! Edits through the CLI on a real team desk (issue 12): `claim edit`, `source edit`, `person
//! add`, `person alias`, `settings set`, `source recheck`, each recorded under the login; what
//! is still a desk file's only is refused by name, and nothing is written.

use serde_json::Value;

use crate::Scratch;
use crate::team_flow::{desk_with_two_logins, run};

fn id(v: &Value) -> String {
    v["id"].as_str().unwrap().to_string()
}

#[test]
fn claim_source_and_person_edits_run_on_a_team_desk_under_the_login() {
    let s = Scratch::empty();
    let (writer_url, editor_url, writer, editor) = desk_with_two_logins(&s);
    let w = |args: &[&str]| run(&s, &writer_url, args, true);
    let source = id(&w(&["source", "add", "--title", "Ferry timetable notice"]));
    let claim = id(&w(&[
        "claim",
        "add",
        "--text",
        "The night ferry stops at Ansan from March",
        "--confidence",
        "reported",
    ]));

    let edited = w(&[
        "claim",
        "edit",
        &claim[..10],
        "--text",
        "The night ferry stops at Ansan from early March",
        "--confidence",
        "corroborated",
    ]);
    assert_eq!(
        edited["text"],
        "The night ferry stops at Ansan from early March"
    );
    assert_eq!(edited["confidence"], "corroborated");
    assert_eq!(edited["version"], 2);
    // The editor edits the writer's claim too; the history names each login.
    run(
        &s,
        &editor_url,
        &["claim", "edit", &claim, "--status", "disputed"],
        true,
    );
    let history = run(&s, &editor_url, &["history", "claim", &claim], true);
    let by_field = |field: &str| -> Vec<&Value> {
        history
            .as_array()
            .unwrap()
            .iter()
            .filter(|h| h["field"] == field)
            .map(|h| &h["actor"])
            .collect()
    };
    assert_eq!(by_field("text"), [writer.as_str()]);
    assert_eq!(by_field("confidence"), [writer.as_str()]);
    assert_eq!(by_field("status"), [editor.as_str()]);

    let edited = w(&[
        "source",
        "edit",
        &source,
        "--title",
        "Ferry timetable notice, revised",
    ]);
    assert_eq!(edited["title"], "Ferry timetable notice, revised");
    assert_eq!(
        run(&s, &editor_url, &["source", "show", &source], true)["title"],
        "Ferry timetable notice, revised"
    );

    let person = w(&[
        "person",
        "add",
        "Joo Young-woo",
        "--alias",
        "Ju Yeong-u",
        "--hangul",
        "주영우",
    ]);
    let person = id(&person);
    let aliased = w(&["person", "alias", &person[..10], "Chu Yong-u"]);
    assert_eq!(
        aliased["aliases"],
        serde_json::json!(["Ju Yeong-u", "Chu Yong-u"])
    );
    let listed = run(&s, &editor_url, &["person", "list"], true);
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert_eq!(listed[0]["hangul"], "주영우");

    let set = w(&["settings", "set", "--freshness-days", "30"]);
    assert_eq!(set["freshness_days"], 30);
    assert_eq!(
        run(&s, &editor_url, &["settings", "get"], true)["freshness_days"],
        30
    );
}

#[test]
fn what_stays_on_desk_files_is_refused_by_name_before_anything_is_written() {
    let s = Scratch::empty();
    let (writer_url, _, writer, _) = desk_with_two_logins(&s);
    let source = id(&run(
        &s,
        &writer_url,
        &["source", "add", "--title", "Harbour notice"],
        true,
    ));
    let claim = id(&run(
        &s,
        &writer_url,
        &[
            "claim",
            "add",
            "--text",
            "The harbour closes at ten",
            "--confidence",
            "reported",
        ],
        true,
    ));
    // A confidence override is an editor's: PostgreSQL refuses a writer's, and the edit with it
    // goes back whole.
    let e = run(
        &s,
        &writer_url,
        &[
            "claim",
            "edit",
            &claim,
            "--text",
            "The harbour closes at eleven",
            "--confidence",
            "confirmed",
            "--reason",
            "the harbour master said so",
        ],
        false,
    );
    assert_eq!(e["code"], "refused", "{e}");
    assert_eq!(
        e["details"]["rule"], "only editors override confidence",
        "{e}"
    );
    let kept = run(&s, &writer_url, &["claim", "show", &claim], true);
    assert_eq!(kept["text"], "The harbour closes at ten", "{kept}");
    assert_eq!(kept["version"], 1, "{kept}");
    // `source recheck` reads the kept text on a team desk too.
    let r = run(&s, &writer_url, &["source", "recheck", &source], true);
    assert_eq!(r["has_kept_text"], false, "{r}");
    // A profile is a personal desk's: the team desk names who is logged in.
    let e = run(
        &s,
        &writer_url,
        &[
            "settings",
            "set",
            "--freshness-days",
            "45",
            "--name",
            "someone",
            "--role",
            "editor",
        ],
        false,
    );
    assert_eq!(e["field"], "name", "{e}");
    assert!(e["message"].as_str().unwrap().contains(&writer), "{e}");
    let settings = run(&s, &writer_url, &["settings", "get"], true);
    assert_eq!(settings["freshness_days"], 90, "{settings}");
    assert_eq!(settings["profile"], Value::Null, "{settings}");
}
