//! Two people editing one claim at once, each in their own `factdesk` process: one changes the
//! text, the other the confidence. Each edit must change only the field it names, against the
//! claim as it is inside the write, so neither puts back the other's older value and the history
//! credits each change to the person who made it.

use std::process::Command;

use serde_json::Value;

use crate::Scratch;

const ROUNDS: usize = 200;

/// Runs `factdesk claim edit` ROUNDS times as `actor`, each time with the field set to
/// `value(i)`; every edit must succeed.
fn edit_loop(
    s: &Scratch,
    claim: &str,
    actor: &str,
    flag: &'static str,
    value: fn(usize) -> String,
) -> std::thread::JoinHandle<()> {
    let desk = s.path.clone();
    let home = s.file("home");
    let (claim, actor) = (claim.to_string(), actor.to_string());
    let bin = assert_cmd::cargo::cargo_bin("factdesk");
    std::thread::spawn(move || {
        for i in 0..ROUNDS {
            let out = Command::new(&bin)
                .env_remove("FACTDESK_DESK")
                .env("HOME", &home)
                .args(["--desk"])
                .arg(&desk)
                .args(["--as", &actor, "claim", "edit", &claim, flag, &value(i)])
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "edit {i} by {actor} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    })
}

fn text(i: usize) -> String {
    format!("The second season has {i} episodes.")
}

fn confidence(i: usize) -> String {
    ["corroborated", "unverified"][i % 2].to_string()
}

#[test]
fn two_processes_editing_different_fields_of_one_claim_lose_nothing() {
    let s = Scratch::init();
    let id = s.add_claim("The second season has episodes.");

    let writers = [
        edit_loop(&s, &id, "Mina", "--text", text),
        edit_loop(&s, &id, "Jae", "--confidence", confidence),
    ];
    for w in writers {
        w.join().unwrap();
    }

    let last = s.json(&["claim", "show", &id]);
    assert_eq!(
        last["text"],
        text(ROUNDS - 1),
        "the text writer's last value"
    );
    assert_eq!(
        last["confidence"],
        confidence(ROUNDS - 1),
        "the confidence writer's last value"
    );

    let history = s.json(&["history", "claim", &id]);
    let rows = history.as_array().unwrap();
    for (field, actor) in [("text", "Mina"), ("confidence", "Jae")] {
        let changes: Vec<&Value> = rows
            .iter()
            .filter(|r| r["action"] == "update" && r["field"] == field)
            .collect();
        assert!(
            changes.iter().all(|r| r["actor"] == actor),
            "every {field} change is credited to {actor}, who made it"
        );
        for pair in changes.windows(2) {
            assert_eq!(
                pair[1]["before"], pair[0]["after"],
                "history replays: each {field} change starts from the previous one's value"
            );
        }
        let last_after: Value =
            serde_json::from_str(changes.last().unwrap()["after"].as_str().unwrap()).unwrap();
        assert_eq!(
            last_after, last[field],
            "the history ends where the claim is"
        );
    }
    assert_eq!(
        last["version"].as_i64().unwrap(),
        1 + rows.iter().filter(|r| r["action"] == "update").count() as i64,
        "each change counted the claim's version up once"
    );
}
