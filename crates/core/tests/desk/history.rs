//! The audit history: who changed which field of which record, from what to what, and when. It is
//! written with the change, rolls back with it, and cannot be rewritten afterwards.

use factdesk_core::{EvidenceInput, HistoryEntry, RecordKind, SourceInput};
use serde_json::{Value, json};

use crate::{NOBODY_SAID, act_as, add_claim, add_source, count, desk, titled};

const FIXED_AT: &str = "2025-06-02T09:30:00.000Z";

fn parse(text: Option<&str>) -> Value {
    serde_json::from_str(text.expect("this history row carries a value")).unwrap()
}

/// (field, before, after) of the update rows, sorted by field.
fn changes(rows: &[HistoryEntry]) -> Vec<(String, Value, Value)> {
    let mut out: Vec<_> = rows
        .iter()
        .filter(|r| r.action == "update")
        .map(|r| {
            (
                r.field.clone().expect("an update row names its field"),
                parse(r.before.as_deref()),
                parse(r.after.as_deref()),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn adding_a_source_records_one_create_with_the_whole_record() {
    let mut desk = desk();
    let s = desk
        .add_source(&SourceInput {
            outlet: Some("Hanbit Daily".into()),
            published: Some("2025-05-20".into()),
            ..titled("Interview")
        })
        .unwrap();
    let rows = desk.history(RecordKind::Source, &s.id).unwrap();
    assert_eq!(rows.len(), 1, "one create row: {rows:?}");
    let row = &rows[0];
    assert_eq!(row.action, "create");
    assert_eq!(row.record_kind, "source");
    assert_eq!(row.record_id, s.id);
    assert_eq!(row.field, None, "a create is about the whole record");
    assert_eq!(row.before, None, "nothing existed before a create");
    assert_eq!(
        row.actor, NOBODY_SAID,
        "nobody said who, so the desk's own user"
    );
    assert_eq!(row.at, FIXED_AT, "the time is the desk clock's");
    assert_eq!(
        parse(row.after.as_deref()),
        serde_json::to_value(&s).unwrap(),
        "the create row holds the record as stored"
    );
}

#[test]
fn an_update_records_one_row_per_changed_field_with_the_actor() {
    let mut desk = desk();
    let s = desk
        .add_source(&SourceInput {
            author: Some("Oh Ji-min".into()),
            published: Some("2025-05".into()),
            ..titled("Old title")
        })
        .unwrap();
    act_as(&mut desk, "mina");
    desk.update_source(
        &s.id,
        &SourceInput {
            outlet: Some("Hanbit Daily".into()),
            author: Some("Oh Ji-min".into()),
            published: Some("2025-05-20".into()),
            ..titled("New title")
        },
    )
    .unwrap();
    let rows = desk.history(RecordKind::Source, &s.id).unwrap();
    assert_eq!(rows.len(), 4, "a create and three field updates: {rows:?}");
    assert_eq!(
        rows[0].actor, NOBODY_SAID,
        "the create was before the actor was set"
    );
    for r in &rows[1..] {
        assert_eq!(r.action, "update");
        assert_eq!(r.actor, "mina", "the update is recorded as the set actor's");
        assert_eq!(r.at, FIXED_AT);
    }
    assert!(
        rows.windows(2).all(|w| w[0].seq < w[1].seq),
        "rows come oldest first"
    );
    assert_eq!(
        changes(&rows),
        vec![
            ("outlet".to_string(), Value::Null, json!("Hanbit Daily")),
            (
                "published".to_string(),
                json!("2025-05"),
                json!("2025-05-20")
            ),
            ("title".to_string(), json!("Old title"), json!("New title")),
        ],
        "unchanged fields (author) and timestamps are not recorded"
    );
}

#[test]
fn an_update_that_changes_nothing_records_nothing() {
    let mut desk = desk();
    let s = add_source(&mut desk, "Same");
    desk.update_source(&s.id, &titled("Same")).unwrap();
    assert_eq!(desk.history(RecordKind::Source, &s.id).unwrap().len(), 1);
}

#[test]
fn a_rolled_back_write_records_nothing() {
    let mut desk = desk();
    let s = add_source(&mut desk, "s");
    let before = count(&desk, "history");
    act_as(&mut desk, "mina");
    assert!(
        desk.update_source(
            &s.id,
            &SourceInput {
                published: Some("2025-02-30".into()),
                ..titled("changed")
            }
        )
        .is_err()
    );
    assert!(desk.add_source(&titled("<b>x</b>")).is_err());
    assert_eq!(
        count(&desk, "history"),
        before,
        "failed writes leave no history"
    );
}

#[test]
fn supersession_and_evidence_are_recorded() {
    let mut desk = desk();
    act_as(&mut desk, "editor");
    let a = add_claim(&mut desk, "a");
    let b = add_claim(&mut desk, "b");
    let s = add_source(&mut desk, "s");
    let ev = desk
        .link_evidence(&EvidenceInput {
            claim: a.id.clone(),
            source: s.id.clone(),
            ..EvidenceInput::default()
        })
        .unwrap();
    desk.supersede_claim(&a.id, &b.id).unwrap();
    let rows = desk.history(RecordKind::Claim, &a.id).unwrap();
    assert_eq!(
        changes(&rows),
        vec![
            ("status".to_string(), json!("active"), json!("superseded")),
            ("superseded_by".to_string(), Value::Null, json!(b.id)),
        ],
        "supersession is two field changes on the old claim"
    );
    assert!(rows.iter().all(|r| r.actor == "editor"));
    let ev_rows = desk.history(RecordKind::Evidence, &ev.id).unwrap();
    assert_eq!(ev_rows.len(), 1);
    assert_eq!(ev_rows[0].action, "create");
    assert_eq!(parse(ev_rows[0].after.as_deref())["source_id"], json!(s.id));
}

#[test]
fn the_history_table_refuses_update_and_delete() {
    let mut desk = desk();
    let s = add_source(&mut desk, "s");
    let rows = desk.history(RecordKind::Source, &s.id).unwrap();

    for (sql, why) in [
        (
            "UPDATE history SET actor = 'someone else'",
            "history rows must not be rewritten",
        ),
        ("DELETE FROM history", "history rows must not be deleted"),
    ] {
        let err = desk.write(|w| w.db.execute(sql, &[])).expect_err(why);
        // A desk file's trigger says "append-only"; a team desk's roles "insert-only".
        let said = err.to_string();
        assert!(
            said.contains("append-only") || said.contains("insert-only"),
            "{said}"
        );
    }

    assert_eq!(
        desk.history(RecordKind::Source, &s.id).unwrap(),
        rows,
        "the history is exactly as it was"
    );
}

#[test]
fn a_deleted_source_keeps_its_history() {
    let mut desk = desk();
    act_as(&mut desk, "mina");
    let s = add_source(&mut desk, "Press release");
    desk.delete_source(&s.id).unwrap();
    let recorded: Vec<String> = desk
        .read(|db| {
            db.query_all(
                "SELECT action FROM history WHERE record_id = ?1 ORDER BY seq",
                rusqlite::params![&s.id],
                |r| r.get(0),
            )
        })
        .unwrap();
    assert_eq!(
        recorded,
        vec!["create", "delete"],
        "the deletion is written to the history"
    );

    let rows = desk
        .history(RecordKind::Source, &s.id)
        .expect("the history of a deleted record must stay readable by its full id");
    let actions: Vec<&str> = rows.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(
        actions,
        vec!["create", "delete"],
        "who deleted what is the point of an audit trail"
    );
    let last = rows.last().unwrap();
    assert_eq!(last.actor, "mina");
    assert_eq!(last.after, None, "a delete has no after");
    assert_eq!(
        parse(last.before.as_deref()),
        serde_json::to_value(&s).unwrap(),
        "the delete row keeps the record as it was"
    );
}
