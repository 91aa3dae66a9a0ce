//! `factdesk person` and `claim --settled`: the people list the name-variant check reads, and
//! facts that never go stale.

use crate::Scratch;

#[test]
fn person_add_list_alias_and_the_check_reads_them() {
    let s = Scratch::init();
    let p = s.json(&[
        "person",
        "add",
        "Choo Young-woo",
        "--alias",
        "Joo Young-woo",
        "--hangul",
        "주영우",
    ]);
    assert_eq!(p["name"], "Choo Young-woo");
    assert_eq!(p["hangul"], "주영우");
    assert_eq!(p["aliases"], serde_json::json!(["Joo Young-woo"]));
    let id = p["id"].as_str().unwrap().to_string();
    let listed = s.ok(&["person", "list"]);
    assert!(
        listed.contains("Choo Young-woo (주영우)  also: Joo Young-woo"),
        "{listed}"
    );

    // A draft with an unlisted romanisation is told about the person.
    let file = s.write("a.md", "Chu Young-woo returns as the lawyer.\n");
    let draft = s.ok(&[
        "draft",
        "new",
        "--title",
        "Cast",
        "--file",
        file.to_str().unwrap(),
    ]);
    let out = s.ok(&["check", draft.trim()]);
    assert!(
        out.contains("name-variant") && out.contains("주영우"),
        "{out}"
    );

    let p = s.json(&["person", "alias", &id[..10], "Chu Young-woo"]);
    assert_eq!(
        p["aliases"],
        serde_json::json!(["Joo Young-woo", "Chu Young-woo"])
    );
    let out = s.ok(&["check", draft.trim()]);
    assert!(!out.contains("name-variant"), "{out}");

    let err = s.fails(&["person", "add", "Kim Won-hae", "--hangul", "Kim"]);
    assert!(err.starts_with("factdesk: hangul: "), "{err}");
    assert_eq!(s.json(&["person", "list"]).as_array().unwrap().len(), 1);
}

#[test]
fn claim_settled_flag_is_set_on_add_and_edit_and_silences_stale_claim() {
    let s = Scratch::init();
    let c = s.json(&[
        "claim",
        "add",
        "--text",
        "Season 1 premiered in January 2020.",
        "--confidence",
        "speculation",
        "--as-of",
        "2020-01-10",
        "--settled",
        "true",
    ]);
    assert_eq!(c["settled"], true);
    let id = c["id"].as_str().unwrap().to_string();
    let file = s.write(
        "a.md",
        format!("[Season 1 premiered in January 2020]{{claim={id}}}, some say.\n"),
    );
    let draft = s.ok(&[
        "draft",
        "new",
        "--title",
        "T",
        "--file",
        file.to_str().unwrap(),
    ]);
    let draft = draft.trim();
    let out = s.ok(&["check", draft]);
    assert!(!out.contains("stale-claim"), "{out}");
    let c = s.json(&["claim", "edit", &id, "--settled", "false"]);
    assert_eq!(c["settled"], false);
    let out = s.ok(&["check", draft]);
    assert!(out.contains("stale-claim"), "{out}");
    let err = s.fails(&["claim", "edit", &id, "--settled", "maybe"]);
    assert!(err.contains("settled"), "{err}");
}
