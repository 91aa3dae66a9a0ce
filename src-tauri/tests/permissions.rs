#![allow(clippy::unwrap_used, clippy::expect_used)]

//! The webview may call the app's own commands and nothing else: every command registered in
//! `generate_handler!` must be listed in build.rs (so Tauri makes a permission for it) and granted
//! in the capability, and the capability must grant nothing beyond them.

use std::collections::BTreeSet;

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Names in `commands::name,` lines of lib.rs's handler list.
fn registered() -> BTreeSet<String> {
    let lib = read("src/lib.rs");
    let start = lib
        .find("generate_handler![")
        .expect("lib.rs registers commands");
    let end = start + lib[start..].find(']').expect("handler list ends");
    lib[start..end]
        .split(',')
        .filter_map(|part| part.split_once("commands::"))
        .map(|(_, name)| name.trim().to_string())
        .collect()
}

fn listed_in_build_rs() -> BTreeSet<String> {
    let build = read("build.rs");
    let start = build
        .find("let commands = &[")
        .expect("build.rs lists commands");
    let end = start + build[start..].find("];").expect("list ends");
    build[start..end]
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

fn granted() -> (BTreeSet<String>, Vec<String>) {
    let cap: serde_json::Value =
        serde_json::from_str(&read("capabilities/default.json")).expect("capability is JSON");
    let windows = cap["windows"]
        .as_array()
        .expect("windows")
        .iter()
        .map(|w| w.as_str().unwrap_or_default().to_string())
        .collect();
    let perms = cap["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|p| p.as_str().expect("plain permission names").to_string())
        .collect();
    (perms, windows)
}

#[test]
fn every_registered_command_is_listed_and_granted_and_nothing_else_is() {
    let registered = registered();
    assert!(registered.len() >= 10, "the handler list was found");
    assert_eq!(
        listed_in_build_rs(),
        registered,
        "build.rs must list exactly the registered commands"
    );
    let (perms, windows) = granted();
    // Listening for one event (the close request, so a pending draft is saved) is the only
    // core permission the page needs; no plugin permission is granted at all.
    let expected: BTreeSet<String> = registered
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .chain([
            "core:event:allow-listen".into(),
            "core:event:allow-unlisten".into(),
        ])
        .collect();
    assert_eq!(
        perms, expected,
        "the capability grants exactly the app's commands and event listening"
    );
    assert_eq!(
        windows,
        vec!["main".to_string()],
        "granted to the main window only"
    );
}

#[test]
fn csp_forbids_eval_inline_scripts_and_remote_origins() {
    let conf: serde_json::Value =
        serde_json::from_str(&read("tauri.conf.json")).expect("tauri.conf.json is JSON");
    let csp = conf["app"]["security"]["csp"]
        .as_object()
        .expect("the CSP is set, directive by directive");
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["script-src"], "'self'", "no inline or eval'd scripts");
    for (directive, value) in csp {
        let value = value.as_str().unwrap_or_default();
        assert!(!value.contains("unsafe-eval"), "{directive}: {value}");
        let remote = value.split_whitespace().any(|s| {
            (s.contains("://") || s.ends_with(':'))
                && !["ipc:", "http://ipc.localhost", "data:"].contains(&s)
        });
        assert!(!remote, "no remote origins: {directive} {value}");
    }
}
