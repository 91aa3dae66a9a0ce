//! The last operations a team desk refused (`unsupported`) now run there as on a desk file:
//! intake and its candidates (with an article pasted again replacing its kept text), citation
//! import, confidence overrides (an editor's; a writer's is refused by PostgreSQL) and the stored
//! quote-check results the checks read. Each runs on a desk file and on a team desk, and what a
//! person reads back is compared, ids replaced by the order they first appear in.

use std::path::PathBuf;

use chrono::{TimeZone, Utc};
use factdesk_core::checks::draft::FindingKind;
use factdesk_core::error::ErrorCode;
use factdesk_core::intake::Article;
use factdesk_core::intake::record::Acceptance;
use factdesk_core::{
    ClaimInput, ClaimPatch, Confidence, Desk, DraftInput, EvidenceInput, FixedClock, PartialDate,
    PersonInput, SourceInput,
};
use serde_json::Value;
use tempfile::TempDir;

use crate::TeamDesk;

fn pinned(desk: Desk) -> Desk {
    desk.with_clock(FixedClock(
        Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap(),
    ))
}

/// A desk file and a team desk (as `user`), both at the pinned clock.
fn both(dir: &TempDir, team: &TeamDesk, user: &str) -> (Desk, Desk) {
    (
        pinned(Desk::create(dir.path().join("personal.sqlite")).unwrap()),
        pinned(Desk::open_team(&team.url(user)).unwrap()),
    )
}

fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

/// `v` as JSON with each record id (26 upper-case base32 characters) replaced by `<n>`, `n` the
/// order it first appears in, so two desks' records compare whatever ids they drew.
fn anon(v: &impl serde::Serialize) -> Value {
    let text = serde_json::to_string(v).unwrap();
    let mut seen: Vec<String> = Vec::new();
    let mut out = String::new();
    let mut run = String::new();
    let flush = |run: &mut String, out: &mut String, seen: &mut Vec<String>| {
        if run.len() == 26 && run.chars().any(|c| c.is_ascii_uppercase()) {
            let n = match seen.iter().position(|s| s == run) {
                Some(n) => n,
                None => {
                    seen.push(run.clone());
                    seen.len() - 1
                }
            };
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
            flush(&mut run, &mut out, &mut seen);
            out.push(c);
        }
    }
    flush(&mut run, &mut out, &mut seen);
    serde_json::from_str(&out).unwrap()
}

fn article(text: String) -> Article {
    Article {
        text,
        outlet: "Cine Beat".into(),
        title: "Choi Da-eun in talks to lead Harbor Lights".into(),
        url: Some("https://cinebeat.example/harbor-lights".into()),
        published: Some(PartialDate::parse("published", "2025-03-14").unwrap()),
        language: Some("en".into()),
    }
}

/// Intake of a labelled article on a desk with a person and a claim it repeats, a dry run, an
/// accept, an accept as evidence, a reject, and the article pasted again with changed text.
/// Returns everything a person reads back, in order.
fn intake_everything(desk: &mut Desk) -> factdesk_core::Result<Vec<(&'static str, Value)>> {
    let text = std::fs::read_to_string(fixture("intake/02-harbor-lights-casting.md")).unwrap();
    desk.add_person(&PersonInput {
        name: "Choi Da-eun".into(),
        hangul: Some("최다은".into()),
        aliases: vec!["Choi Daeun".into()],
    })?;
    let known = desk.add_claim(&ClaimInput {
        text: "StreamNest plans eight episodes of Harbor Lights".into(),
        confidence: Confidence::Reported,
        as_of: None,
        status: None,
        topics: vec![],
        settled: false,
    })?;
    let mut out = Vec::new();
    out.push(("dry run", anon(&desk.intake(&article(text.clone()), true)?)));
    let got = desk.intake(&article(text.clone()), false)?;
    out.push(("intake", anon(&got)));
    let c = &got.candidates;
    assert!(c.len() >= 4, "the article has candidates: {got:#?}");
    out.push((
        "accept",
        anon(&desk.accept_candidate(&c[0].id, &Acceptance::default())?),
    ));
    out.push((
        "accept as evidence",
        anon(&desk.accept_candidate(
            &c[1].id[..12],
            &Acceptance {
                evidence_to: Some(known.id.clone()),
                ..Acceptance::default()
            },
        )?),
    ));
    out.push(("reject", anon(&desk.reject_candidate(&c[2].id)?)));
    out.push(("pending", anon(&desk.candidates(None)?)));
    out.push(("one candidate", anon(&desk.candidate(&c[3].id)?)));
    // The accepted candidate's sentence changes, so its evidence's quote is gone.
    let changed = text.replace("is in talks to star", "has agreed to star");
    out.push((
        "pasted again",
        anon(&desk.intake(&article(changed), false)?),
    ));
    out.push((
        "of the source",
        anon(&desk.candidates(Some(&got.source.id))?),
    ));
    out.push(("recheck", anon(&desk.recheck_source(&got.source.id)?)));
    Ok(out)
}

#[test]
fn intake_and_candidates_give_the_same_records_on_a_team_desk() {
    let dir = TempDir::new().unwrap();
    let team = TeamDesk::create();
    let (mut file, mut on_team) = both(&dir, &team, &team.writer);
    let want = intake_everything(&mut file).unwrap();
    let got = intake_everything(&mut on_team).unwrap();
    for ((what, want), (_, got)) in want.iter().zip(&got) {
        assert_eq!(got, want, "the {what} differs on the team desk");
    }
    // What the comparison saw is not blank: the accept made a claim, the paste again flagged.
    let accepted = &want[2].1;
    assert_eq!(accepted["candidate"]["state"], "accepted", "{accepted}");
    assert!(
        !want[7].1["change"]["flagged"]
            .as_array()
            .unwrap()
            .is_empty(),
        "the changed text drops the quote the accepted candidate cited: {}",
        want[7].1
    );
}

fn import_everything(desk: &mut Desk) -> factdesk_core::Result<Vec<(&'static str, Value)>> {
    desk.add_source(&SourceInput {
        title: "My own title for the Harbor piece".into(),
        url: Some("http://harbor.example/night-ferry".into()),
        language: Some("ko".into()),
        ..SourceInput::default()
    })?;
    let json = fixture("citations/library.json");
    let mut out = Vec::new();
    let mut report = |name, r: factdesk_core::citations::ImportReport| {
        let mut v = anon(&r);
        v.as_object_mut().unwrap().remove("file");
        out.push((name, v));
    };
    report("dry run", desk.import_citations(&json, true)?);
    report("import", desk.import_citations(&json, false)?);
    report("again", desk.import_citations(&json, false)?);
    report(
        "bibtex",
        desk.import_citations(&fixture("citations/library.bib"), false)?,
    );
    let mut sources: Vec<Value> = desk
        .read(|db| {
            db.query_all("SELECT id FROM sources ORDER BY title, id", &[], |r| {
                r.get::<_, String>(0)
            })
        })?
        .iter()
        .map(|id| {
            let mut s = serde_json::to_value(desk.source(id).unwrap()).unwrap();
            s.as_object_mut().unwrap().remove("id");
            s
        })
        .collect();
    sources.sort_by_key(|s| s.to_string());
    out.push(("sources", anon(&sources)));
    Ok(out)
}

#[test]
fn citation_import_creates_merges_and_skips_the_same_on_a_team_desk() {
    let dir = TempDir::new().unwrap();
    let team = TeamDesk::create();
    let (mut file, mut on_team) = both(&dir, &team, &team.writer);
    let want = import_everything(&mut file).unwrap();
    let got = import_everything(&mut on_team).unwrap();
    for ((what, want), (_, got)) in want.iter().zip(&got) {
        assert_eq!(got, want, "the {what} differs on the team desk");
    }
    let import = &want[1].1;
    assert_eq!(import["created"].as_array().unwrap().len(), 6, "{import}");
    assert_eq!(import["merged"].as_array().unwrap().len(), 1, "{import}");
    assert_eq!(import["skipped"].as_array().unwrap().len(), 3, "{import}");
}

fn overridden(desk: &mut Desk) -> factdesk_core::Result<String> {
    let c = desk.add_claim(&ClaimInput {
        text: "The night market reopens in April".into(),
        confidence: Confidence::Unverified,
        as_of: None,
        status: None,
        topics: vec![],
        settled: false,
    })?;
    Ok(c.id)
}

fn lift(desk: &mut Desk, id: &str, reason: &str) -> factdesk_core::Result<()> {
    desk.edit_claim(
        id,
        &ClaimPatch {
            confidence: Some(Confidence::Confirmed),
            ..ClaimPatch::default()
        },
        Some(reason),
    )
    .map(|_| ())
}

#[test]
fn an_editor_overrides_confidence_on_a_team_desk_as_on_a_desk_file() {
    let dir = TempDir::new().unwrap();
    let team = TeamDesk::create();
    let (mut file, _) = both(&dir, &team, &team.editor);
    let mut writer = pinned(Desk::open_team(&team.url(&team.writer)).unwrap());
    let mut editor = pinned(Desk::open_team(&team.url(&team.editor)).unwrap());
    let on_file = overridden(&mut file).unwrap();
    let on_team = overridden(&mut writer).unwrap();
    let reason = "The market's own notice, seen by the desk.";
    lift(&mut file, &on_file, reason).unwrap();
    lift(&mut editor, &on_team, reason).unwrap();

    let want = file.confidence_override(&on_file).unwrap().unwrap();
    let got = editor.confidence_override(&on_team).unwrap().unwrap();
    assert_eq!(got.actor, team.editor, "the login, stamped by the database");
    assert_eq!(
        (got.confidence, &got.reason, &got.at),
        (want.confidence, &want.reason, &want.at)
    );
    // The login where the desk file has its default actor, and no history row's own seq/actor.
    let strip = |v: Value| {
        let text = v.to_string().replace(&team.editor, "local");
        let mut v: Value = serde_json::from_str(&text).unwrap();
        v.as_array_mut().unwrap().iter_mut().for_each(|h| {
            let h = h.as_object_mut().unwrap();
            h.remove("seq");
            h.remove("actor");
        });
        v
    };
    assert_eq!(
        strip(anon(
            &editor
                .history(factdesk_core::RecordKind::Claim, &on_team)
                .unwrap()
        )),
        strip(anon(
            &file
                .history(factdesk_core::RecordKind::Claim, &on_file)
                .unwrap()
        )),
        "the override's history is the same"
    );
    let provenance = writer.provenance(&on_team).unwrap();
    assert_eq!(
        provenance.override_.map(|o| o.reason),
        Some(reason.to_string()),
        "the writer reads the editor's override"
    );
}

#[test]
fn a_writers_override_is_refused_by_postgresql_and_nothing_is_written() {
    let team = TeamDesk::create();
    let mut writer = pinned(Desk::open_team(&team.url(&team.writer)).unwrap());
    let id = overridden(&mut writer).unwrap();
    let e = lift(&mut writer, &id, "trust me").unwrap_err();
    assert_eq!(e.code(), ErrorCode::Refused, "{e}");
    assert!(
        e.to_string().contains("only editors override confidence"),
        "the message names the rule: {e}"
    );
    assert!(writer.confidence_override(&id).unwrap().is_none());
    assert_eq!(
        writer.claim(&id).unwrap().confidence,
        Confidence::Unverified,
        "the claim's edit went back with the refused override"
    );
}

/// A draft whose quotes are found, missing, read through a relay copy, and lost when the
/// article's text is pasted again; returns the draft's id.
fn quoted_draft(desk: &mut Desk) -> factdesk_core::Result<String> {
    let url = Some("https://port.example/ferry".to_string());
    let article = desk.add_source(&SourceInput {
        title: "Ferry notice".into(),
        outlet: Some("Port Daily".into()),
        url: url.clone(),
        kept_text: Some("The night ferry leaves at nine from pier two.".into()),
        ..SourceInput::default()
    })?;
    let relay = desk.add_source(&SourceInput {
        title: "Ferry notice, relayed".into(),
        outlet: Some("Port Daily".into()),
        url,
        via: Some(article.id.clone()),
        ..SourceInput::default()
    })?;
    let claim = desk.add_claim(&ClaimInput {
        text: "The night ferry leaves at nine".into(),
        confidence: Confidence::Reported,
        as_of: None,
        status: None,
        topics: vec![],
        settled: false,
    })?;
    for (source, quote) in [
        (&article.id, "leaves at nine"),
        (&article.id, "from pier three"),
        (&relay.id, "from pier two"),
        (&relay.id, "at ten"),
    ] {
        desk.link_evidence(&EvidenceInput {
            claim: claim.id.clone(),
            source: source.clone(),
            quote: Some(quote.into()),
            ..EvidenceInput::default()
        })?;
    }
    let draft = desk.add_draft(&DraftInput {
        title: "Ferries".into(),
        body: format!("[The ferry leaves at nine]{{claim={}}}.\n", claim.id),
    })?;
    Ok(draft.id)
}

/// The stored quote checks as (quote, holder's title, found), in quote order.
fn stored(desk: &Desk) -> Vec<(String, String, i64)> {
    let mut rows = desk
        .read(|db| {
            db.query_all(
                "SELECT e.quote, s.title, q.found FROM evidence_quote_checks q
                 JOIN evidence e ON e.id = q.evidence_id JOIN sources s ON s.id = q.holder_id",
                &[],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
        })
        .unwrap();
    rows.sort();
    rows
}

#[test]
fn quote_check_results_are_stored_on_a_team_desk_and_the_findings_are_unchanged() {
    let dir = TempDir::new().unwrap();
    let team = TeamDesk::create();
    let (mut file, mut on_team) = both(&dir, &team, &team.writer);
    let on_file = quoted_draft(&mut file).unwrap();
    let draft = quoted_draft(&mut on_team).unwrap();
    assert_eq!(
        stored(&on_team),
        stored(&file),
        "the same checks are stored"
    );
    assert_eq!(stored(&file).len(), 4, "{:?}", stored(&file));
    let findings = |desk: &Desk, draft: &str| anon(&desk.check_draft(draft).unwrap());
    assert_eq!(findings(&on_team, &draft), findings(&file, &on_file));
    let missing = file
        .check_draft(&on_file)
        .unwrap()
        .iter()
        .filter(|f| f.kind == FindingKind::QuoteNotInSource)
        .count();
    assert_eq!(missing, 2, "two quotes are not in the text they read");

    // Worked out again from scratch (a bulk load's path), the same rows.
    on_team.settle_quote_checks().unwrap();
    file.settle_quote_checks().unwrap();
    assert_eq!(stored(&on_team), stored(&file));

    // A stored row counts: the check believes a row made against the current text.
    let mut admin = team.admin();
    admin
        .execute(
            "UPDATE factdesk.evidence_quote_checks SET found = 1 - found",
            &[],
        )
        .unwrap();
    let flipped = on_team
        .check_draft(&draft)
        .unwrap()
        .iter()
        .filter(|f| f.kind == FindingKind::QuoteNotInSource)
        .count();
    assert_eq!(flipped, 2, "the two found quotes now read as missing");
}
