#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Black-box tests of the `factdesk` binary: each test runs the real executable against a desk
//! file in its own temporary folder and checks what a newsroom script would: exit codes, stdout
//! (text and `--json`), stderr, and that a failed command leaves the desk as it was.

mod backups;
mod claims;
mod concurrent;
mod copy;
mod crash;
mod desk;
mod drafts;
mod edits;
mod errors;
mod export;
mod hygiene;
mod import;
mod intake;
mod people;
mod recheck;
mod review;
mod search;
mod sharing;
mod sources;
mod team;
mod team_edits;
mod team_faults;
mod team_flow;
mod team_ports;
mod team_reads;
mod team_search;
mod team_watch;
mod what_we_know;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;
use tempfile::TempDir;

/// A temporary folder holding one desk file (not created until `init`), and a private home so
/// that nothing a test runs can reach the real user's desk.
pub struct Scratch {
    dir: TempDir,
    pub path: PathBuf,
}

impl Scratch {
    /// A folder with no desk in it yet.
    pub fn empty() -> Scratch {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("desk.sqlite");
        Scratch { dir, path }
    }

    /// A freshly initialised, empty desk.
    pub fn init() -> Scratch {
        let s = Scratch::empty();
        s.ok(&["init"]);
        s
    }

    /// A desk holding the sample.
    pub fn sample() -> Scratch {
        let s = Scratch::empty();
        s.ok(&["init", "--sample"]);
        s
    }

    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside the scratch folder.
    pub fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file in the scratch folder and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let p = self.file(name);
        std::fs::write(&p, contents).unwrap();
        p
    }

    /// `factdesk` with no desk chosen, no desk or user in the environment, and a private home.
    pub fn bare(&self) -> Command {
        let home = self.dir.path().join("home");
        let mut cmd = Command::cargo_bin("factdesk").unwrap();
        cmd.env_remove("FACTDESK_DESK")
            .env_remove("FACTDESK_USER")
            .env("HOME", &home)
            .env("XDG_DATA_HOME", home.join(".local/share"));
        cmd
    }

    /// `factdesk --desk <this desk>`.
    pub fn cmd(&self) -> Command {
        let mut cmd = self.bare();
        cmd.arg("--desk").arg(&self.path);
        cmd
    }

    /// Runs a command that must succeed and returns its stdout.
    #[track_caller]
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "`factdesk {}` must succeed; stderr: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("stdout is UTF-8")
    }

    /// Runs a command with `--json` that must succeed and parses its stdout.
    #[track_caller]
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.ok(&all);
        serde_json::from_str(&out)
            .unwrap_or_else(|e| panic!("`--json {}` must print JSON ({e}): {out}", args.join(" ")))
    }

    /// Runs a command that must fail with exit code 2, prints nothing on stdout, and returns
    /// its stderr.
    #[track_caller]
    pub fn fails(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "`factdesk {}` must fail with exit code 2; stdout: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(out.stdout.is_empty(), "a failure prints nothing on stdout");
        String::from_utf8(out.stderr).expect("stderr is UTF-8")
    }

    /// Like [`Scratch::fails`] with `--json`: stderr is one JSON object `{error, field}`.
    #[track_caller]
    pub fn fails_json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let err = self.fails(&all);
        serde_json::from_str(err.trim())
            .unwrap_or_else(|e| panic!("a --json failure prints a JSON error ({e}): {err}"))
    }

    /// Everything in the desk, as a script would see it, to compare before and after a failure.
    pub fn snapshot(&self) -> Value {
        serde_json::json!({
            "sources": self.list("source"),
            "claims": self.list("claim"),
            "drafts": self.json(&["draft", "list"]),
        })
    }

    /// Every record of a `source list` or `claim list`, newest first, as one JSON array, read
    /// page by page by following each page's `next` cursor.
    pub fn list(&self, kind: &str) -> Value {
        let mut all = Vec::new();
        let mut after: Option<String> = None;
        loop {
            let mut args = vec![kind, "list", "--limit", "20"];
            if let Some(a) = &after {
                args.extend(["--after", a.as_str()]);
            }
            let page = self.json(&args);
            all.extend(
                page["items"]
                    .as_array()
                    .unwrap_or_else(|| panic!("a page prints {{items, next}}: {page}"))
                    .iter()
                    .cloned(),
            );
            match page["next"].as_str() {
                Some(next) => after = Some(next.to_string()),
                None => return Value::Array(all),
            }
        }
    }

    /// Adds a source with only a title and returns its id.
    pub fn add_source(&self, title: &str) -> String {
        id_of(&self.json(&["source", "add", "--title", title]))
    }

    /// Writes `body` to `file` in the scratch folder, makes a draft of it with `draft new --file`
    /// and returns the draft's id.
    pub fn add_draft(&self, title: &str, file: &str, body: &str) -> String {
        let path = self.write(file, body);
        id_of(&self.json(&[
            "draft",
            "new",
            "--title",
            title,
            "--file",
            path.to_str().unwrap(),
        ]))
    }

    /// Adds a reported claim and returns its id.
    pub fn add_claim(&self, text: &str) -> String {
        id_of(&self.json(&["claim", "add", "--text", text, "--confidence", "reported"]))
    }

    /// The ids of every source, as `source list --json` gives them.
    pub fn source_ids(&self) -> Vec<String> {
        ids(&self.list("source"))
    }
}

/// The `id` of a JSON object.
#[track_caller]
pub fn id_of(v: &Value) -> String {
    v["id"]
        .as_str()
        .unwrap_or_else(|| panic!("the object has a string id: {v}"))
        .to_string()
}

/// The ids of a JSON array of objects, in order.
#[track_caller]
pub fn ids(v: &Value) -> Vec<String> {
    v.as_array()
        .unwrap_or_else(|| panic!("a list prints a JSON array: {v}"))
        .iter()
        .map(id_of)
        .collect()
}

/// The shortest prefix of `id` that no other id in `all` starts with.
pub fn unique_prefix(id: &str, all: &[String]) -> String {
    (1..=id.len())
        .map(|n| &id[..n])
        .find(|p| all.iter().all(|o| o == id || !o.starts_with(p)))
        .unwrap()
        .to_string()
}

/// Every object key in `v`, at any depth.
pub fn keys(v: &Value) -> Vec<String> {
    match v {
        Value::Object(m) => m
            .iter()
            .flat_map(|(k, v)| std::iter::once(k.clone()).chain(keys(v)))
            .collect(),
        Value::Array(a) => a.iter().flat_map(keys).collect(),
        _ => Vec::new(),
    }
}

/// Asserts that every key is snake_case, the CLI's JSON contract.
#[track_caller]
pub fn assert_snake_case(v: &Value) {
    for k in keys(v) {
        assert!(
            !k.is_empty()
                && k.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
            "JSON keys are snake_case; found {k:?} in {v}"
        );
    }
}
