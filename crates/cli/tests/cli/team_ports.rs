//! Intake, candidates, citation import and confidence overrides on a team desk through the CLI
//! (issue 12): what each prints there is what it prints on a desk file, and PostgreSQL refuses a
//! writer's override by its rule.

use serde_json::Value;

use crate::Scratch;
use crate::team_flow::{desk_with_two_logins, run};

const ARTICLE: &str = "\
# Night Ferry renewal talks

On June 1, Star Daily reported, citing an industry insider, that the cast of Night Ferry had been offered new contracts.

Bluewave Studio said in a statement that Oh Da-eun will lead the second season.

The first season of Night Ferry ended on May 4 with a rating of 9.8 percent.
";

const LIBRARY: &str = r#"[
  {"id": "a", "type": "article-newspaper", "title": "Night Ferry renewed",
   "container-title": "Harbor Ent", "issued": {"date-parts": [[2025, 6, 2]]},
   "URL": "https://harbor.example/renewed"},
  {"id": "b", "type": "report", "genre": "Press release", "title": "Statement on Night Ferry",
   "publisher": "Bluewave Studio", "URL": "https://bluewave.example/press/1"},
  {"id": "a-again", "type": "article-newspaper", "title": "Night Ferry renewed (repost)",
   "URL": "http://www.harbor.example/renewed/", "author": [{"literal": "Kim Min-ji"}]}
]"#;

/// What a person reads of each step: each record id (26 upper-case base32 characters) as
/// `<n>`, `n` the order it first appears in, and no times (two runs differ in both).
fn plain(v: &Value) -> Value {
    let text = v.to_string();
    let mut seen: Vec<String> = Vec::new();
    let mut out = String::new();
    let mut run = String::new();
    let mut flush = |run: &mut String, out: &mut String| {
        if run.len() == 26 && run.chars().any(|c| c.is_ascii_uppercase()) {
            let n = seen.iter().position(|s| s == run).unwrap_or_else(|| {
                seen.push(run.clone());
                seen.len() - 1
            });
            out.push_str(&format!("<{n}>"));
        } else {
            out.push_str(run);
        }
        run.clear();
    };
    for c in text.chars() {
        if c.is_ascii_uppercase() || c.is_ascii_digit() {
            run.push(c);
        } else {
            flush(&mut run, &mut out);
            out.push(c);
        }
    }
    flush(&mut run, &mut out);
    without_times(&serde_json::from_str(&out).unwrap())
}

fn without_times(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.iter()
                .filter(|(k, _)| !(k.ends_with("_at") || k.as_str() == "file"))
                .map(|(k, v)| (k.clone(), without_times(v)))
                .collect(),
        ),
        Value::Array(a) => Value::Array(a.iter().map(without_times).collect()),
        v => v.clone(),
    }
}

/// Intake, accept the first candidate, import a library; what each printed, in order. `cli`
/// runs `factdesk --json ARGS` on one desk.
fn steps(s: &Scratch, cli: &dyn Fn(&[&str]) -> Value) -> Vec<Value> {
    let article = s.write("article.md", ARTICLE);
    let library = s.write("library.json", LIBRARY);
    let intake = cli(&[
        "intake",
        article.to_str().unwrap(),
        "--outlet",
        "Harbor Ent",
        "--title",
        "Night Ferry may return",
        "--url",
        "https://harbor.example/night-ferry",
        "--published",
        "2025-06-02",
        "--language",
        "en",
    ]);
    let first = intake["candidates"][0]["id"].as_str().unwrap().to_string();
    let accepted = cli(&["candidate", "accept", &first]);
    let pending = cli(&["candidate", "list"]);
    let import = cli(&["import", library.to_str().unwrap()]);
    vec![intake, accepted, pending, import]
}

#[test]
fn intake_accept_import_and_an_editors_override_run_on_a_team_desk_as_on_a_desk_file() {
    let file = Scratch::init();
    let want = steps(&file, &|args| file.json(args));

    let s = Scratch::empty();
    let (writer, editor, _, editor_login) = desk_with_two_logins(&s);
    let got = steps(&s, &|args| run(&s, &writer, args, true));
    for (what, (want, got)) in ["intake", "accept", "candidate list", "import"]
        .iter()
        .zip(want.iter().zip(&got))
    {
        assert_eq!(plain(got), plain(want), "`{what}` differs on the team desk");
    }
    assert_eq!(got[0]["candidates"].as_array().unwrap().len(), 3);
    assert_eq!(got[1]["candidate"]["state"], "accepted");
    assert_eq!(got[3]["created"].as_array().unwrap().len(), 2);

    // The writer cannot lift the accepted claim's confidence; the editor can, as themself.
    let claim = got[1]["claim"]["id"].as_str().unwrap();
    let lift = [
        "claim",
        "edit",
        claim,
        "--confidence",
        "confirmed",
        "--reason",
        "The studio's own statement",
    ];
    let e = run(&s, &writer, &lift, false);
    assert_eq!(e["code"], "refused", "{e}");
    assert_eq!(
        e["details"]["rule"], "only editors override confidence",
        "{e}"
    );
    let edited = run(&s, &editor, &lift, true);
    assert_eq!(edited["confidence"], "confirmed", "{edited}");
    let shown = run(&s, &writer, &["provenance", claim], true);
    assert_eq!(shown["override"]["actor"], editor_login, "{shown}");
    assert_eq!(
        shown["override"]["reason"], "The studio's own statement",
        "{shown}"
    );
}
