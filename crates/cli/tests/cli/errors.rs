//! Failures: a non-zero exit, a message on stderr that names the field, and a desk left exactly as
//! it was.

use predicates::prelude::*;

use crate::Scratch;

#[test]
fn a_bad_date_fails_naming_the_field_and_leaves_the_desk_untouched() {
    let s = Scratch::init();
    s.add_source("Already here");
    let before = s.snapshot();
    s.cmd()
        .args([
            "source",
            "add",
            "--title",
            "New",
            "--published",
            "2025-13-45",
        ])
        .assert()
        .failure()
        .code(2)
        .stdout("")
        .stderr(predicate::str::starts_with("factdesk: published: "))
        .stderr(predicate::str::contains("2025-13-45"));
    let err = s.fails_json(&[
        "source",
        "add",
        "--title",
        "New",
        "--published",
        "2025-02-30",
    ]);
    assert_eq!(err["field"], "published", "{err}");
    assert_eq!(
        err["code"], "invalid",
        "the app's code for the same error: {err}"
    );
    assert!(
        err["message"].as_str().unwrap().starts_with("published: "),
        "{err}"
    );
    assert_eq!(
        s.snapshot(),
        before,
        "a refused source leaves the desk as it was"
    );
}

#[test]
fn every_source_field_error_names_its_field() {
    let s = Scratch::init();
    let origin = s.add_source("Origin");
    let before = s.snapshot();
    let cases: &[(&[&str], &str)] = &[
        (&["--title", "  "], "title"),
        (&["--title", "<script>x</script>"], "title"),
        (&["--title", "t", "--outlet", "<b>Reel</b>"], "outlet"),
        (&["--title", "t", "--url", "javascript:alert(1)"], "url"),
        (&["--title", "t", "--url", "ftp://example.org"], "url"),
        (&["--title", "t", "--language", "en_US"], "language"),
        (&["--title", "t", "--accessed", "2025-13"], "accessed"),
        (
            &[
                "--title",
                "t",
                "--published",
                "2025-05-20",
                "--accessed",
                "2025-05-01",
            ],
            "accessed",
        ),
        (&["--title", "t", "--kind", "blog"], "kind"),
        (&["--title", "t", "--reliability", "certain"], "reliability"),
        (&["--title", "t", "--via", "ZZZZ"], "via"),
        (&["--title", "t", "--via", "!!"], "via"),
        (&["--title", "t", "--notes", "bell \u{7}"], "notes"),
    ];
    for (flags, field) in cases {
        let mut args = vec!["source", "add"];
        args.extend_from_slice(flags);
        let err = s.fails_json(&args);
        assert_eq!(err["field"], *field, "{flags:?}: {err}");
    }
    let huge = "x".repeat(1_001);
    assert_eq!(
        s.fails_json(&["source", "add", "--title", &huge])["field"],
        "title"
    );
    assert_eq!(s.snapshot(), before, "no refused source was stored");
    assert_eq!(s.source_ids(), vec![origin]);
}

#[test]
fn text_file_must_exist_and_be_utf8() {
    let s = Scratch::init();
    let before = s.snapshot();
    let missing = s.file("missing.txt");
    let err = s.fails(&[
        "source",
        "add",
        "--title",
        "t",
        "--text-file",
        missing.to_str().unwrap(),
    ]);
    assert!(
        err.contains("text_file") && err.contains("missing.txt"),
        "the error names the flag and the file: {err}"
    );
    let latin1 = s.write("latin1.txt", b"caf\xe9 cr\xe8me");
    let err = s.fails_json(&[
        "source",
        "add",
        "--title",
        "t",
        "--text-file",
        latin1.to_str().unwrap(),
    ]);
    assert_eq!(err["field"], "text_file", "{err}");
    assert!(
        err["message"].as_str().unwrap().contains("not UTF-8"),
        "{err}"
    );
    assert_eq!(s.snapshot(), before, "no source without its kept text");
}

#[test]
fn a_missing_desk_is_not_created_by_other_commands() {
    let s = Scratch::empty();
    let nested = s.file("typo/desk.sqlite");
    for args in [
        vec!["source", "list"],
        vec!["source", "add", "--title", "t"],
        vec!["claim", "list"],
        vec!["draft", "new", "--title", "t"],
    ] {
        let err = s.fails(&args);
        assert!(
            err.contains("does not exist") && err.contains("factdesk init"),
            "the error says how to make a desk: {err}"
        );
        assert!(
            !s.path.exists(),
            "`{}` must not create the desk file",
            args.join(" ")
        );
        s.bare()
            .arg("--desk")
            .arg(&nested)
            .args(&args)
            .assert()
            .code(2);
        assert!(!nested.parent().unwrap().exists(), "nor its folder");
    }
    let out = s
        .bare()
        .env("FACTDESK_DESK", &s.path)
        .args(["--json", "claim", "list"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["field"], "desk", "{err}");
    assert!(!s.path.exists(), "nor through FACTDESK_DESK");
}

#[test]
fn unknown_and_ambiguous_prefixes_fail_for_every_kind() {
    let s = Scratch::sample();
    let claims = crate::ids(&s.list("claim"));
    let shared = &claims[0][..10];
    for (kind, cmd) in [("claim", "claim"), ("source", "source")] {
        let err = s.fails_json(&[cmd, "show", shared]);
        let msg = err["message"].as_str().unwrap();
        assert!(msg.contains(&format!("matches several {kind}s")), "{msg}");
        assert_eq!(err["code"], "ambiguous_id", "{err}");
        assert!(
            err["details"]["candidates"].as_array().unwrap().len() >= 2,
            "the candidates are listed for a script: {err}"
        );
        let err = s.fails_json(&[cmd, "show", "zzzzzz"]);
        assert_eq!(err["field"], kind, "{err}");
        assert_eq!(err["code"], "not_found", "{err}");
        assert!(err["message"].as_str().unwrap().contains("no "), "{err}");
    }
    let err = s.fails(&["draft", "show", "ZZZZ"]);
    assert!(err.contains("no draft has an id starting with"), "{err}");
    let err = s.fails(&["claim", "supersede", shared, &claims[0]]);
    assert!(
        err.starts_with("factdesk: old: "),
        "the ambiguous input is named: {err}"
    );
    let err = s.fails(&["claim", "link", &claims[0], shared]);
    assert!(err.starts_with("factdesk: source: "), "{err}");
}

#[test]
fn usage_errors_fail_without_touching_the_desk() {
    let s = Scratch::init();
    let before = s.snapshot();
    s.cmd()
        .args(["source", "add"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--title"));
    s.cmd()
        .args(["claim", "add", "--text", "no confidence"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("--confidence"));
    s.cmd().args(["claim", "frobnicate"]).assert().failure();
    assert_eq!(s.snapshot(), before);
}

#[test]
fn a_reader_that_stops_reading_ends_the_output_quietly() {
    let s = Scratch::sample();
    // The reading end of the pipe is closed before the listing is written, as `| head -0` does.
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("factdesk"))
        .env_remove("FACTDESK_DESK")
        .env("HOME", s.dir().join("home"))
        .arg("--desk")
        .arg(&s.path)
        .args(["source", "list"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "no panic: {stderr}");
    assert_eq!(out.status.code(), Some(0), "stderr: {stderr}");
}
