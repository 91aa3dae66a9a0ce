//! Edits on a team desk: editing and superseding claims, editing and deleting sources, editing
//! and unlinking evidence, people and their aliases, settings. The same edits on a desk file and
//! on a team desk give the same records and the same history (its actor the login); two
//! sessions editing one claim at once meet as a version conflict, never a silent overwrite; the
//! roles still hold (a writer's edit reopens an approval, and a writer still cannot approve).

use std::collections::BTreeMap;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use factdesk_core::error::ErrorCode;
use factdesk_core::reviews::ReviewState;
use factdesk_core::settings::Settings;
use factdesk_core::{
    ClaimInput, ClaimPatch, Confidence, Desk, DraftInput, EvidenceInput, EvidencePatch, FixedClock,
    PersonInput, RecordKind, SourceInput, SourcePatch, Stance,
};
use serde_json::Value;

use crate::TeamDesk;

fn clock() -> FixedClock {
    FixedClock(Utc.with_ymd_and_hms(2026, 1, 5, 10, 0, 0).unwrap())
}

fn source(title: &str) -> SourceInput {
    SourceInput {
        title: title.into(),
        outlet: Some("Harbour Daily".into()),
        ..SourceInput::default()
    }
}

fn claim(text: &str) -> ClaimInput {
    ClaimInput {
        text: text.into(),
        confidence: Confidence::Reported,
        as_of: Some("2026-01-04".into()),
        status: None,
        topics: vec!["ferries".into()],
        settled: false,
    }
}

/// The ids one run of [`edit_everything`] made, by the name the comparison gives them.
type Ids = BTreeMap<&'static str, String>;

/// Every edit this part ports, in the order a person might make them.
fn edit_everything(desk: &mut Desk) -> factdesk_core::Result<Ids> {
    let mut ids = Ids::new();
    let s1 = desk.add_source(&source("Ferry timetable notice"))?;
    let s2 = desk.add_source(&source("A source filed by mistake"))?;
    let c1 = desk.add_claim(&claim("The night ferry stops at Ansan from March."))?;
    let c2 = desk.add_claim(&claim("The night ferry stops at Ansan from April."))?;
    ids.insert("s1", s1.id.clone());
    ids.insert("s2", s2.id.clone());
    ids.insert("c1", c1.id.clone());
    ids.insert("c2", c2.id.clone());

    desk.edit_claim(
        &c1.id,
        &ClaimPatch {
            version: Some(c1.version),
            text: Some("The night ferry stops at Ansan from early March.".into()),
            confidence: Some(Confidence::Corroborated),
            topics: Some(vec!["ferries".into(), "transport".into()]),
            ..ClaimPatch::default()
        },
        None,
    )?;
    desk.supersede_claim(&c1.id, &c2.id)?;
    desk.edit_source(
        &s1.id,
        &SourcePatch {
            version: Some(1),
            title: Some("Ferry timetable notice, revised".into()),
            notes: Some("Posted at the terminal.".into()),
            ..SourcePatch::default()
        },
    )?;
    desk.delete_source(&s2.id)?;

    let e1 = desk.link_evidence(&EvidenceInput {
        claim: c2.id.clone(),
        source: s1.id.clone(),
        quote: Some("from April".into()),
        ..EvidenceInput::default()
    })?;
    ids.insert("e1", e1.id.clone());
    desk.edit_evidence(
        &e1.id,
        &EvidencePatch {
            locator: Some("p. 2".into()),
            stance: Some(Stance::Supports),
            ..EvidencePatch::default()
        },
    )?;
    let e2 = desk.link_evidence(&EvidenceInput {
        claim: c2.id.clone(),
        source: s1.id.clone(),
        quote: Some("night ferry".into()),
        ..EvidenceInput::default()
    })?;
    ids.insert("e2", e2.id.clone());
    desk.unlink_evidence(&e2.id)?;

    let p = desk.add_person(&PersonInput {
        name: "Joo Young-woo".into(),
        hangul: Some("주영우".into()),
        aliases: vec!["Ju Yeong-u".into()],
    })?;
    ids.insert("p", p.id.clone());
    desk.add_person_alias(&p.id, "Chu Yong-u")?;
    desk.add_person_alias(&p.id, "Ju Yeong-u")?;

    // A recorded article with its text kept, and a relay copy of it reading that text.
    let url = Some("https://example.org/pier-notice".to_string());
    let s3 = desk.add_source(&SourceInput {
        url: url.clone(),
        kept_text: Some("The night ferry leaves at nine from pier two.".into()),
        ..source("Pier notice")
    })?;
    let s4 = desk.add_source(&SourceInput {
        url,
        via: Some(s3.id.clone()),
        ..source("Pier notice, as relayed")
    })?;
    let c3 = desk.add_claim(&claim("The night ferry leaves at nine."))?;
    for (name, src, quote) in [
        ("e3", &s3.id, "leaves at nine"),
        ("e4", &s4.id, "from pier three"),
    ] {
        let e = desk.link_evidence(&EvidenceInput {
            claim: c3.id.clone(),
            source: src.clone(),
            quote: Some(quote.into()),
            ..EvidenceInput::default()
        })?;
        ids.insert(name, e.id);
    }
    ids.insert("s3", s3.id);
    ids.insert("s4", s4.id);
    ids.insert("c3", c3.id);

    let settings = desk.settings()?;
    desk.save_settings(&Settings {
        freshness_days: 30,
        ..settings
    })?;
    Ok(ids)
}

/// `v` with every id of `ids` replaced by its name, so two desks' records compare.
fn named(v: &impl serde::Serialize, ids: &Ids) -> Value {
    let mut text = serde_json::to_string(v).unwrap();
    for (name, id) in ids {
        text = text.replace(id.as_str(), &format!("<{name}>"));
    }
    serde_json::from_str(&text).unwrap()
}

/// What a person checks after the edits: each record and each record's history.
fn records(desk: &Desk, ids: &Ids) -> Value {
    let history = |kind, id: &str| {
        let rows: Vec<Value> = desk
            .history(kind, id)
            .unwrap()
            .into_iter()
            .map(|h| {
                let mut v = named(&h, ids);
                v.as_object_mut().unwrap().remove("seq");
                v
            })
            .collect();
        Value::Array(rows)
    };
    // By claim: records of one instant (the pinned clock) are in id order on a team desk, in
    // insertion order on a desk file (docs/team-desk.md).
    let mut counts = named(
        &desk
            .evidence_counts(&[ids["c1"].clone(), ids["c2"].clone()])
            .unwrap(),
        ids,
    );
    counts
        .as_array_mut()
        .unwrap()
        .sort_by_key(|c| c["claim_id"].to_string());
    serde_json::json!({
        "c1": named(&desk.claim_detail(&ids["c1"]).unwrap(), ids),
        "c2": named(&desk.claim_detail(&ids["c2"]).unwrap(), ids),
        "s1": named(&desk.source(&ids["s1"]).unwrap(), ids),
        "s2 gone": desk.source(&ids["s2"]).unwrap_err().code() == ErrorCode::NotFound,
        "p": named(&desk.person(&ids["p"]).unwrap(), ids),
        "people": named(&desk.people().unwrap(), ids),
        "counts": counts,
        "freshness_days": desk.settings().unwrap().freshness_days,
        "recheck": named(&desk.recheck_source(&ids["s4"]).unwrap(), ids),
        "history": {
            "c1": history(RecordKind::Claim, &ids["c1"]),
            "c2": history(RecordKind::Claim, &ids["c2"]),
            "s1": history(RecordKind::Source, &ids["s1"]),
            "s2": history(RecordKind::Source, &ids["s2"]),
            "e1": history(RecordKind::Evidence, &ids["e1"]),
            "e2": history(RecordKind::Evidence, &ids["e2"]),
            "p": history(RecordKind::Person, &ids["p"]),
        },
    })
}

#[test]
fn every_edit_gives_the_same_records_and_history_on_a_desk_file_and_a_team_desk() {
    let team = TeamDesk::create();
    let dir = tempfile::tempdir().unwrap();
    let mut file = Desk::create(dir.path().join("desk.sqlite"))
        .unwrap()
        .with_clock(clock());
    file.set_actor(&team.writer).unwrap();
    let file_ids = edit_everything(&mut file).unwrap();

    let mut pg = Desk::open_team(&team.url(&team.writer))
        .unwrap()
        .with_clock(clock());
    let pg_ids = edit_everything(&mut pg).unwrap_or_else(|e| panic!("on the team desk: {e}"));

    let on_file = records(&file, &file_ids);
    let on_team = records(&pg, &pg_ids);
    assert_eq!(on_file, on_team);
    // What the comparison rests on: the edits are there, under the writer's login.
    assert_eq!(
        on_team["c1"]["text"],
        "The night ferry stops at Ansan from early March."
    );
    assert_eq!(on_team["c1"]["superseded_by"], "<c2>");
    assert_eq!(
        on_team["p"]["aliases"],
        serde_json::json!(["Ju Yeong-u", "Chu Yong-u"])
    );
    assert_eq!(on_team["freshness_days"], 30);
    assert_eq!(on_team["recheck"]["checked"], 2);
    assert_eq!(on_team["recheck"]["absent"][0]["evidence_id"], "<e4>");
    assert_eq!(on_team["s2 gone"], true);
    let actors: Vec<&Value> = on_team["history"]
        .as_object()
        .unwrap()
        .values()
        .flat_map(|h| h.as_array().unwrap())
        .map(|h| &h["actor"])
        .collect();
    assert!(actors.len() > 10, "{actors:?}");
    assert!(
        actors.iter().all(|a| *a == team.writer.as_str()),
        "{actors:?}"
    );
}

/// How many sessions of `db` wait for a lock.
fn waiting(team: &TeamDesk) -> i64 {
    team.admin()
        .query_one(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = $1 AND wait_event_type = 'Lock'",
            &[&team.db],
        )
        .unwrap()
        .get(0)
}

#[test]
fn two_sessions_editing_one_claim_at_once_meet_as_a_version_conflict() {
    let team = TeamDesk::create();
    let mut setup = Desk::open_team(&team.url(&team.writer)).unwrap();
    let c = setup
        .add_claim(&claim("The bridge reopens in May."))
        .unwrap();
    // A third session holds the claim's row, so both edits are under way before either ends.
    let mut holder = team.session(&team.editor);
    let mut hold = holder.transaction().unwrap();
    hold.execute("SELECT 1 FROM claims WHERE id = $1 FOR UPDATE", &[&c.id])
        .unwrap();

    let start = Arc::new(Barrier::new(2));
    let edits: Vec<_> = [
        (team.writer.clone(), "The bridge reopens on 2 May."),
        (team.editor.clone(), "The bridge reopens on 9 May."),
    ]
    .into_iter()
    .map(|(user, text)| {
        let url = team.url(&user);
        let id = c.id.clone();
        let start = Arc::clone(&start);
        std::thread::spawn(move || {
            let mut desk = Desk::open_team(&url).unwrap();
            start.wait();
            let patch = ClaimPatch {
                version: Some(1),
                text: Some(text.into()),
                ..ClaimPatch::default()
            };
            desk.edit_claim(&id, &patch, None).map(|c| c.text)
        })
    })
    .collect();
    let until = Instant::now() + Duration::from_secs(20);
    while waiting(&team) < 2 {
        assert!(Instant::now() < until, "both edits never reached the claim");
        std::thread::sleep(Duration::from_millis(20));
    }
    hold.commit().unwrap();
    let results: Vec<_> = edits.into_iter().map(|t| t.join().unwrap()).collect();

    let won: Vec<&String> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
    let lost: Vec<_> = results.iter().filter_map(|r| r.as_ref().err()).collect();
    assert_eq!(won.len(), 1, "{results:?}");
    assert_eq!(lost.len(), 1, "{results:?}");
    assert_eq!(lost[0].code(), ErrorCode::Conflict, "{}", lost[0]);
    assert_eq!(lost[0].field(), Some("text"), "{}", lost[0]);
    let now = setup.claim(&c.id).unwrap();
    assert_eq!(&now.text, won[0]);
    assert_eq!(now.version, 2);
    let text_changes = setup
        .history(RecordKind::Claim, &c.id)
        .unwrap()
        .into_iter()
        .filter(|h| h.field.as_deref() == Some("text"))
        .count();
    assert_eq!(text_changes, 1);
}

#[test]
fn a_writers_edit_reopens_an_approval_and_a_writer_still_cannot_approve() {
    let team = TeamDesk::create();
    let mut writer = Desk::open_team(&team.url(&team.writer)).unwrap();
    let mut editor = Desk::open_team(&team.url(&team.editor)).unwrap();
    let c = writer
        .add_claim(&claim("The pier closes at 22:00."))
        .unwrap();
    let d = writer
        .add_draft(&DraftInput {
            title: "Pier hours".into(),
            body: format!("[The pier closes at 22:00.]{{claim={}}}", c.id),
        })
        .unwrap();
    editor
        .set_review(&d.id, &c.id, ReviewState::Approved, None)
        .unwrap();

    // Allowed: the writer edits the claim's text; the editor's approval goes back to pending.
    let edited = writer
        .edit_claim(
            &c.id,
            &ClaimPatch {
                text: Some("The pier closes at 23:00.".into()),
                ..ClaimPatch::default()
            },
            None,
        )
        .unwrap();
    assert_eq!(edited.text, "The pier closes at 23:00.");
    let review = &writer.reviews(&d.id).unwrap()[0];
    assert_eq!(review.state, ReviewState::Pending);
    assert_eq!(review.actor.as_deref(), Some(team.writer.as_str()));

    // Refused: the writer approving, even after reopening it.
    let e = writer
        .set_review(&d.id, &c.id, ReviewState::Approved, None)
        .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Refused, "{e}");
    assert_eq!(
        writer.reviews(&d.id).unwrap()[0].state,
        ReviewState::Pending
    );
    // The editor, who did not write the claim, approves it again.
    editor
        .set_review(&d.id, &c.id, ReviewState::Approved, None)
        .unwrap();
    // Refused: a writer's session, through the reopening privilege, keeping an approval while
    // changing its comment, or deleting it; only back to pending goes through.
    let mut raw = team.session(&team.writer);
    for sql in [
        "UPDATE reviews SET comment = 'looks fine' WHERE claim_id = $1",
        "DELETE FROM reviews WHERE claim_id = $1",
    ] {
        let e = factdesk_core::CoreError::from(raw.execute(sql, &[&c.id]).unwrap_err());
        assert_eq!(e.code(), ErrorCode::Refused, "{sql}: {e}");
    }
    assert_eq!(
        editor.reviews(&d.id).unwrap()[0].state,
        ReviewState::Approved
    );
    let reopened = raw
        .execute(
            "UPDATE reviews SET state = 'pending' WHERE claim_id = $1",
            &[&c.id],
        )
        .unwrap();
    assert_eq!(reopened, 1);
    // A pending review is out of the writer's reach: nothing changes, nothing is approved.
    let approved = raw
        .execute(
            "UPDATE reviews SET state = 'approved' WHERE claim_id = $1",
            &[&c.id],
        )
        .unwrap();
    assert_eq!(approved, 0);
    assert_eq!(
        editor.reviews(&d.id).unwrap()[0].state,
        ReviewState::Pending
    );
}
