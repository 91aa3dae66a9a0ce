//! The provenance suggestion measured against a hand-labelled set of invented claims
//! (`tests/fixtures/provenance_labelled.txt`): each case is built in a real desk (sources with
//! their kinds, reliabilities and relays, evidence with its stance and first-party mark), the
//! desk's suggestion is asked for, and the share an editor would agree with is printed
//! (`-- --nocapture`) and held to 0.9 exact. The desk-free entry must agree with the desk on every
//! case: there is one rule.

use std::collections::HashMap;

use factdesk_core::provenance::suggest_for;
use factdesk_core::{
    ClaimInput, Confidence, Desk, EvidenceInput, Reliability, SourceInput, SourceKind, Stance,
};

const FIXTURE: &str = include_str!("../fixtures/provenance_labelled.txt");

/// A source as the set names it: its name, and its kind and reliability where first used.
type Named = (String, Option<(SourceKind, Option<Reliability>)>);

struct Link {
    stance: Stance,
    first_party: bool,
    translated: bool,
    /// The cited source first, then each source it relays: (name, kind, reliability).
    chain: Vec<Named>,
}

struct Case {
    id: String,
    level: Confidence,
    why: String,
    links: Vec<Link>,
}

/// `Name [kind]` or `Name [kind, reliability]` or `Name`.
fn source(text: &str) -> Named {
    let text = text.trim();
    let Some(open) = text.find('[') else {
        return (text.to_string(), None);
    };
    let inner = text[open + 1..].trim_end_matches(']');
    let mut parts = inner.split(',').map(str::trim);
    let kind = SourceKind::parse("kind", parts.next().unwrap()).unwrap();
    let rel = parts
        .next()
        .map(|r| Reliability::parse("reliability", r).unwrap());
    (text[..open].trim().to_string(), Some((kind, rel)))
}

fn cases() -> Vec<Case> {
    let mut cases: Vec<Case> = Vec::new();
    for line in FIXTURE.lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let (word, rest) = line.split_once(' ').unwrap_or((line, ""));
        match word {
            "case" => cases.push(Case {
                id: rest.to_string(),
                level: Confidence::Speculation,
                why: String::new(),
                links: vec![],
            }),
            "level" => cases.last_mut().unwrap().level = Confidence::parse("level", rest).unwrap(),
            "why" => cases.last_mut().unwrap().why = rest.to_string(),
            "none" => {}
            "support" | "contradict" => {
                let mut rest = rest;
                let mut first_party = false;
                let mut translated = false;
                loop {
                    if let Some(r) = rest.strip_prefix("first-party ") {
                        first_party = true;
                        rest = r;
                    } else if let Some(r) = rest.strip_prefix("translated ") {
                        translated = true;
                        rest = r;
                    } else {
                        break;
                    }
                }
                cases.last_mut().unwrap().links.push(Link {
                    stance: if word == "support" {
                        Stance::Supports
                    } else {
                        Stance::Contradicts
                    },
                    first_party,
                    translated,
                    chain: rest.split("<-").map(source).collect(),
                });
            }
            other => panic!("unknown line {other:?} in the provenance set"),
        }
    }
    cases
}

/// Builds one case in a fresh desk and returns the desk's suggestion and the desk-free one.
fn run(case: &Case) -> (Confidence, Confidence, String) {
    let mut desk = Desk::open_in_memory().unwrap();
    let mut ids: HashMap<String, String> = HashMap::new();
    let claim = desk
        .add_claim(&ClaimInput {
            text: format!("The claim of case {}.", case.id),
            confidence: case.level,
            as_of: None,
            status: None,
            topics: vec![],
            settled: false,
        })
        .unwrap();
    for link in &case.links {
        // Origins first, so each relay can name the source it relays.
        let mut via: Option<String> = None;
        for (name, spec) in link.chain.iter().rev() {
            let id = match ids.get(name) {
                Some(id) => id.clone(),
                None => {
                    let (kind, reliability) = spec
                        .unwrap_or_else(|| panic!("{}: first use of {name} needs a kind", case.id));
                    let s = desk
                        .add_source(&SourceInput {
                            title: name.clone(),
                            kind: Some(kind),
                            reliability,
                            via: via.clone(),
                            ..SourceInput::default()
                        })
                        .unwrap();
                    ids.insert(name.clone(), s.id.clone());
                    s.id
                }
            };
            via = Some(id);
        }
        desk.link_evidence(&EvidenceInput {
            claim: claim.id.clone(),
            source: via.unwrap(),
            quote: Some("the words that bear it out".into()),
            stance: Some(link.stance),
            translated_by: link.translated.then(|| "the writer".to_string()),
            original_quote: link.translated.then(|| "원문 인용".to_string()),
            first_party: Some(link.first_party),
            ..EvidenceInput::default()
        })
        .unwrap();
    }
    let p = desk.provenance(&claim.id).unwrap();
    let shapes = factdesk_core::provenance::shapes(
        &factdesk_core::snapshot::Snapshot::for_claims(
            &factdesk_core::db::Db::sqlite(desk.conn().unwrap()),
            std::slice::from_ref(&claim.id),
        )
        .unwrap(),
        &claim.id,
    );
    (
        p.suggested_confidence
            .expect("every claim gets a suggestion"),
        suggest_for(&shapes),
        p.suggestion_reason,
    )
}

#[test]
fn the_provenance_suggestion_agrees_with_an_editor_on_the_labelled_set() {
    let cases = cases();
    assert!(cases.len() >= 40, "the set holds {} claims", cases.len());
    let mut agree = 0;
    let mut misses = Vec::new();
    println!("{:<36} {:<13} {:<13} reason", "case", "editor", "suggested");
    for case in &cases {
        let (desk, free, reason) = run(case);
        assert_eq!(
            desk, free,
            "{}: the desk-free entry is the same rule",
            case.id
        );
        let mark = if desk == case.level { ' ' } else { '!' };
        println!(
            "{mark}{:<35} {:<13} {:<13} {reason}",
            case.id,
            case.level.as_str(),
            desk.as_str()
        );
        if desk == case.level {
            agree += 1;
        } else {
            misses.push(format!(
                "  {}: editor {} ({}), suggested {desk} ({reason})",
                case.id, case.level, case.why
            ));
        }
    }
    let share = agree as f64 / cases.len() as f64;
    println!(
        "provenance: {agree} of {} agree exactly ({share:.3})",
        cases.len()
    );
    for m in &misses {
        println!("{m}");
    }
    assert!(
        share >= 0.9,
        "agreement {share:.3} is below 0.9:\n{}",
        misses.join("\n")
    );
}
