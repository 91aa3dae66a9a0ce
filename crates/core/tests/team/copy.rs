//! `desk copy` between desk files and a real team desk: what a person checks after moving a
//! draft (its export is the same, nothing is copied twice, a one-sided change travels, a
//! two-sided change is a conflict that keeps both, a failed copy leaves the target as it was,
//! and PostgreSQL's roles hold for the copying login).

use std::path::{Path, PathBuf};

use chrono::{TimeZone, Utc};
use factdesk_core::export::ExportFormat;
use factdesk_core::reviews::ReviewState;
use factdesk_core::team::copy::{CopyReport, copy};
use factdesk_core::{ClaimPatch, Desk, FixedClock, RecordKind, error::ErrorCode};
use tempfile::TempDir;

use crate::TeamDesk;

/// A desk file holding the sample draft; returns the folder, the file and the draft's id.
fn sample_desk() -> (TempDir, PathBuf, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("personal.sqlite");
    let mut desk = Desk::create(&path).unwrap();
    let draft = desk.load_sample().unwrap().draft.id;
    (dir, path, draft)
}

fn export(path: &Path, draft: &str) -> String {
    let desk = Desk::open(path).unwrap().with_clock(FixedClock(
        Utc.with_ymd_and_hms(2026, 2, 1, 9, 0, 0).unwrap(),
    ));
    let out = desk.export_draft(draft, ExportFormat::Pandoc).unwrap();
    format!("{}\n{}", out.markdown, out.csl_json.unwrap_or_default())
}

fn run(draft: &str, from: &str, to: &str) -> CopyReport {
    copy(draft, from, to, None).unwrap_or_else(|e| panic!("copy {from} -> {to}: {e}"))
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn count(desk: &TeamDesk, table: &str) -> i64 {
    desk.admin()
        .query_one(&format!("SELECT count(*) FROM factdesk.{table}"), &[])
        .unwrap()
        .get(0)
}

/// The first claim the draft cites.
fn first_claim(path: &Path, draft: &str) -> String {
    let desk = Desk::open(path).unwrap();
    desk.reviews(draft).unwrap()[0].claim_id.clone()
}

fn set_text(path: &Path, claim: &str, text: &str) {
    let mut desk = Desk::open(path).unwrap();
    let patch = ClaimPatch {
        text: Some(text.into()),
        ..ClaimPatch::default()
    };
    desk.edit_claim(claim, &patch, None).unwrap();
}

#[test]
fn a_round_trip_through_the_team_desk_gives_the_same_export_and_a_second_copy_copies_nothing() {
    let (dir, personal, draft) = sample_desk();
    let team = TeamDesk::create();
    let url = team.url(&team.editor);

    let there = run(&draft, s(&personal), &url);
    assert!(there.conflicts.is_empty(), "{there:?}");
    for table in ["drafts", "claims", "evidence", "sources", "draft_revisions"] {
        assert!(
            there.copied.get(table).copied().unwrap_or(0) > 0,
            "the first copy writes the draft's {table}: {there:?}"
        );
    }
    assert_eq!(
        count(&team, "claims"),
        there.copied["claims"] as i64,
        "the team desk holds exactly the draft's claims"
    );

    let fresh = dir.path().join("fresh.sqlite");
    Desk::create(&fresh).unwrap();
    let back = run(&draft, &url, s(&fresh));
    assert!(back.conflicts.is_empty(), "{back:?}");
    assert_eq!(
        export(&fresh, &draft),
        export(&personal, &draft),
        "a draft copied to the team desk and back exports exactly as it did"
    );
    let revisions = Desk::open(&fresh).unwrap().draft_revisions(&draft).unwrap();
    assert_eq!(
        revisions.len(),
        Desk::open(&personal)
            .unwrap()
            .draft_revisions(&draft)
            .unwrap()
            .len(),
        "every revision travelled"
    );

    let again = run(&draft, s(&personal), &url);
    assert!(
        again.copied.is_empty() && again.conflicts.is_empty(),
        "nothing changed, so the second copy copies nothing: {again:?}"
    );
    assert!(again.skipped > 0, "{again:?}");
    let again_back = run(&draft, &url, s(&fresh));
    assert!(again_back.copied.is_empty(), "{again_back:?}");
}

#[test]
fn a_change_on_one_side_is_copied_either_way_and_the_other_side_keeps_its_own() {
    let (_dir, personal, draft) = sample_desk();
    let team = TeamDesk::create();
    let url = team.url(&team.writer);
    run(&draft, s(&personal), &url);
    let claim = first_claim(&personal, &draft);

    set_text(
        &personal,
        &claim,
        "The second season was confirmed in March 2025.",
    );
    let out = run(&draft, s(&personal), &url);
    assert_eq!(
        out.copied.get("claims"),
        Some(&1),
        "only the changed claim is copied: {out:?}"
    );
    assert!(out.conflicts.is_empty(), "{out:?}");
    let text: String = team
        .admin()
        .query_one("SELECT text FROM factdesk.claims WHERE id = $1", &[&claim])
        .unwrap()
        .get(0);
    assert_eq!(text, "The second season was confirmed in March 2025.");
    // The copy's history reads as any write's: a create holding the whole record, as every
    // create does, then the changed field, each under the login that copied.
    let history = Desk::open_team(&url)
        .unwrap()
        .history(RecordKind::Claim, &claim)
        .unwrap();
    let claim_rows: Vec<_> = history
        .iter()
        .filter(|h| h.record_kind == "claim")
        .collect();
    assert_eq!(claim_rows.len(), 2, "{claim_rows:?}");
    let created: serde_json::Value =
        serde_json::from_str(claim_rows[0].after.as_deref().unwrap()).unwrap();
    assert_eq!(
        (claim_rows[0].action.as_str(), created["id"].as_str()),
        ("create", Some(claim.as_str())),
        "{created}"
    );
    assert!(created["created_at"].is_string(), "{created}");
    assert_eq!(
        (
            claim_rows[1].action.as_str(),
            claim_rows[1].field.as_deref()
        ),
        ("update", Some("text"))
    );
    assert_eq!(
        claim_rows[1].after.as_deref(),
        Some("\"The second season was confirmed in March 2025.\"")
    );
    assert!(claim_rows.iter().all(|h| h.actor == team.writer));

    // Now the team desk changes it, and only the team desk.
    team.session(&team.editor)
        .execute(
            "UPDATE claims SET text = 'Season two was announced by the streamer.',
                 version = version + 1 WHERE id = $1",
            &[&claim],
        )
        .unwrap();
    let out = run(&draft, s(&personal), &url);
    assert!(
        out.copied.is_empty() && out.conflicts.is_empty(),
        "the personal desk did not change the claim, so the team's change stays: {out:?}"
    );
    let back = run(&draft, &url, s(&personal));
    assert_eq!(back.copied.get("claims"), Some(&1), "{back:?}");
    assert_eq!(
        Desk::open(&personal).unwrap().claim(&claim).unwrap().text,
        "Season two was announced by the streamer.",
        "copied back, the team's change reaches the personal desk"
    );
}

#[test]
fn a_change_on_both_sides_is_a_conflict_that_overwrites_neither() {
    let (_dir, personal, draft) = sample_desk();
    let team = TeamDesk::create();
    let url = team.url(&team.writer);
    run(&draft, s(&personal), &url);
    let claim = first_claim(&personal, &draft);

    set_text(&personal, &claim, "Mine: the season returns in 2026.");
    team.session(&team.writer)
        .execute(
            "UPDATE claims SET text = 'Theirs: the season returns in 2027.' WHERE id = $1",
            &[&claim],
        )
        .unwrap();
    let out = run(&draft, s(&personal), &url);
    assert_eq!(out.conflicts.len(), 1, "{out:?}");
    let c = &out.conflicts[0];
    assert_eq!(
        (c.table.as_str(), c.id.as_str()),
        ("claims", claim.as_str())
    );
    let text = c.fields.iter().find(|f| f.field == "text").unwrap();
    assert_eq!(text.from, "Mine: the season returns in 2026.");
    assert_eq!(text.to, "Theirs: the season returns in 2027.");
    let kept: String = team
        .admin()
        .query_one("SELECT text FROM factdesk.claims WHERE id = $1", &[&claim])
        .unwrap()
        .get(0);
    assert_eq!(
        kept, "Theirs: the season returns in 2027.",
        "never overwritten"
    );

    let back = run(&draft, &url, s(&personal));
    assert_eq!(
        back.conflicts.len(),
        1,
        "the other way it is the same conflict: {back:?}"
    );
    assert_eq!(
        Desk::open(&personal).unwrap().claim(&claim).unwrap().text,
        "Mine: the season returns in 2026.",
        "the personal desk keeps its version too"
    );
}

#[test]
fn a_copy_that_fails_midway_leaves_the_team_desk_as_it_was() {
    let (_dir, personal, draft) = sample_desk();
    let team = TeamDesk::create();
    // Evidence is written after sources, claims and the draft: refuse it there.
    team.admin()
        .batch_execute("REVOKE INSERT ON factdesk.evidence FROM factdesk_writer")
        .unwrap();
    let e = copy(&draft, s(&personal), &team.url(&team.writer), None).unwrap_err();
    assert_eq!(e.code(), ErrorCode::Refused, "{e}");
    for table in [
        "drafts",
        "claims",
        "sources",
        "evidence",
        "draft_revisions",
        "copies",
    ] {
        assert_eq!(
            count(&team, table),
            0,
            "nothing of the failed copy is in {table}"
        );
    }
    assert_eq!(count(&team, "history"), 0, "nor in the history");
}

#[test]
fn a_copy_that_fails_midway_leaves_the_desk_file_as_it_was() {
    let (dir, personal, draft) = sample_desk();
    let team = TeamDesk::create();
    let url = team.url(&team.writer);
    run(&draft, s(&personal), &url);
    let target = dir.path().join("target.sqlite");
    Desk::create(&target).unwrap();
    rusqlite::Connection::open(&target)
        .unwrap()
        .execute_batch(
            "CREATE TRIGGER no_evidence BEFORE INSERT ON evidence
             BEGIN SELECT RAISE(ABORT, 'the disk refused this row'); END;",
        )
        .unwrap();
    let e = copy(&draft, &url, s(&target), None).unwrap_err();
    assert!(e.to_string().contains("the disk refused this row"), "{e}");
    let desk = Desk::open(&target).unwrap();
    assert!(
        desk.is_empty().unwrap(),
        "no draft, claim or source of the failed copy"
    );
    let ledger: i64 = desk
        .conn()
        .unwrap()
        .query_row("SELECT count(*) FROM copies", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ledger, 0);
}

#[test]
fn a_writers_copy_holds_back_reviews_the_team_desk_refuses_and_an_editors_brings_them() {
    let (_dir, personal, draft) = sample_desk();
    let claim = first_claim(&personal, &draft);
    Desk::open(&personal)
        .unwrap()
        .set_review(&draft, &claim, ReviewState::Approved, None)
        .unwrap();
    let team = TeamDesk::create();

    let by_writer = run(&draft, s(&personal), &team.url(&team.writer));
    assert_eq!(
        count(&team, "reviews"),
        0,
        "PostgreSQL refused the writer's review"
    );
    let held: Vec<_> = by_writer
        .held_back
        .iter()
        .filter(|h| h.table == "reviews")
        .collect();
    assert_eq!(held.len(), 1, "{by_writer:?}");
    assert_eq!(held[0].rule.as_deref(), Some("only editors write reviews"));
    assert!(
        by_writer.copied["claims"] > 0,
        "the rest went in: {by_writer:?}"
    );

    // The writer created those claims, so an editor may approve them.
    let by_editor = run(&draft, s(&personal), &team.url(&team.editor));
    assert_eq!(by_editor.copied.get("reviews"), Some(&1), "{by_editor:?}");
    assert!(by_editor.held_back.is_empty(), "{by_editor:?}");
    let (state, actor): (String, String) = {
        let row = team
            .admin()
            .query_one(
                "SELECT state, actor FROM factdesk.reviews WHERE claim_id = $1",
                &[&claim],
            )
            .unwrap();
        (row.get(0), row.get(1))
    };
    assert_eq!(state, "approved");
    assert_eq!(
        actor, team.editor,
        "the team desk names the login, not a typed name"
    );
}

#[test]
fn an_editor_cannot_approve_through_a_copy_the_claims_their_own_copy_creates() {
    let (_dir, personal, draft) = sample_desk();
    let claim = first_claim(&personal, &draft);
    Desk::open(&personal)
        .unwrap()
        .set_review(&draft, &claim, ReviewState::Approved, None)
        .unwrap();
    let team = TeamDesk::create();
    let out = run(&draft, s(&personal), &team.url(&team.editor));
    assert_eq!(count(&team, "reviews"), 0);
    assert_eq!(
        out.held_back
            .iter()
            .find(|h| h.table == "reviews")
            .and_then(|h| h.rule.as_deref()),
        Some("nobody approves a claim they created or last edited"),
        "{out:?}"
    );
}

#[test]
fn copying_a_desk_onto_itself_or_a_missing_draft_is_refused_naming_the_field() {
    let (_dir, personal, draft) = sample_desk();
    let e = copy(&draft, s(&personal), s(&personal), None).unwrap_err();
    assert_eq!(e.field(), Some("to"), "{e}");
    let team = TeamDesk::create();
    let e = copy("01ZZZZZZZZ", s(&personal), &team.url(&team.writer), None).unwrap_err();
    assert_eq!(e.field(), Some("draft"), "{e}");
}
