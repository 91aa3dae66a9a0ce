//! Revisions: saved texts stay readable and are never silently overwritten. (On a desk file,
//! small on disk too: `revision_files.rs`.)

use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};
use factdesk_core::{Clock, CoreError, Desk, DraftInput, SaveReason};

use crate::{act_as_on, desk, desk_with_clock, fixed_now};

/// A clock a test moves forward.
#[derive(Clone)]
struct Hands(Arc<Mutex<DateTime<Utc>>>);

impl Hands {
    fn new() -> Hands {
        Hands(Arc::new(Mutex::new(fixed_now())))
    }
    fn advance(&self, by: Duration) {
        *self.0.lock().unwrap() += by;
    }
}

impl Clock for Hands {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}

fn input(body: &str) -> DraftInput {
    DraftInput {
        title: "Explainer".into(),
        body: body.into(),
    }
}

fn reasons(desk: &Desk, id: &str) -> Vec<(SaveReason, u32)> {
    desk.draft_revisions(id)
        .unwrap()
        .iter()
        .rev()
        .map(|r| (r.reason, r.words))
        .collect()
}

#[test]
fn autosaves_coalesce_into_one_revision_per_pause_and_per_few_minutes_of_typing() {
    let hands = Hands::new();
    let mut desk = desk_with_clock(hands.clone());
    let d = desk.add_draft(&input("one")).unwrap();
    let mut base = d.revision;
    let mut text = String::from("one");
    let mut save = |desk: &mut Desk, reason: SaveReason| {
        text.push_str(" more");
        hands.advance(Duration::seconds(30));
        let out = desk
            .save_draft(&d.id, &input(&text), reason, Some(base))
            .unwrap();
        assert_eq!(out.conflict, None, "one writer never conflicts with itself");
        assert_eq!(out.revision, out.draft.revision);
        base = out.revision;
    };
    // Four minutes of continuous typing, saved every 30 s: one revision, amended.
    for _ in 0..8 {
        save(&mut desk, SaveReason::Typing);
    }
    assert_eq!(
        reasons(&desk, &d.id),
        vec![(SaveReason::Explicit, 1), (SaveReason::Typing, 9)]
    );
    // The pause closes it: still one revision, now a pause.
    save(&mut desk, SaveReason::Pause);
    assert_eq!(
        reasons(&desk, &d.id),
        vec![(SaveReason::Explicit, 1), (SaveReason::Pause, 10)]
    );
    // The next pause keeps its own revision, and typing after it starts a new one.
    save(&mut desk, SaveReason::Pause);
    // Twelve minutes of typing: a new revision at most every five minutes.
    for _ in 0..24 {
        save(&mut desk, SaveReason::Typing);
    }
    let after_typing = reasons(&desk, &d.id);
    assert_eq!(after_typing.len(), 2 + 1 + 3, "{after_typing:?}");
    // An explicit save is never amended, nor is an export.
    save(&mut desk, SaveReason::Explicit);
    save(&mut desk, SaveReason::Typing);
    desk.mark_exported(&d.id).unwrap();
    desk.mark_exported(&d.id).unwrap();
    save(&mut desk, SaveReason::Typing);
    save(&mut desk, SaveReason::Typing);
    let all = reasons(&desk, &d.id);
    assert_eq!(
        all[all.len() - 4..],
        [
            (SaveReason::Explicit, 36),
            (SaveReason::Typing, 37),
            (SaveReason::Export, 37),
            (SaveReason::Typing, 39),
        ],
        "exporting the same text twice keeps one export revision"
    );
    // Every kept text reads back as it was saved.
    for r in desk.draft_revisions(&d.id).unwrap() {
        let body = desk.draft_revision(&d.id, r.seq).unwrap().body;
        assert_eq!(body.split_whitespace().count() as u32, r.words);
    }
}

#[test]
fn another_writers_typing_revision_is_never_amended_by_my_autosave() {
    let hands = Hands::new();
    let mut desk = desk_with_clock(hands.clone());
    let d = desk.add_draft(&input("start")).unwrap();
    act_as_on(&mut desk, "mina", hands.clone());
    let mina = desk
        .save_draft(
            &d.id,
            &input("start mina"),
            SaveReason::Typing,
            Some(d.revision),
        )
        .unwrap();
    act_as_on(&mut desk, "joon", hands.clone());
    desk.save_draft(
        &d.id,
        &input("start mina joon"),
        SaveReason::Typing,
        Some(mina.revision),
    )
    .unwrap();
    let kept: Vec<String> = desk
        .draft_revisions(&d.id)
        .unwrap()
        .iter()
        .map(|r| desk.draft_revision(&d.id, r.seq).unwrap().body)
        .collect();
    assert_eq!(kept, ["start mina joon", "start mina", "start"]);
}

#[test]
fn a_base_revision_the_desk_never_gave_out_is_refused_naming_the_field() {
    let mut desk = desk();
    let d = desk.add_draft(&input("x")).unwrap();
    let err = desk
        .save_draft(&d.id, &input("y"), SaveReason::Pause, Some(d.revision + 50))
        .unwrap_err();
    assert_eq!(err.field(), Some("base_revision"), "{err}");
    let err = desk
        .save_draft(&d.id, &input("y"), SaveReason::Export, None)
        .unwrap_err();
    assert_eq!(err.field(), Some("reason"), "{err}");
    assert_eq!(desk.draft(&d.id).unwrap().body, "x", "nothing was saved");
}

#[test]
fn restoring_the_current_text_adds_nothing() {
    let mut desk = desk();
    let d = desk.add_draft(&input("one")).unwrap();
    desk.update_draft(&d.id, &input("one two")).unwrap();
    let newest = desk.draft_revisions(&d.id).unwrap()[0].seq;
    let same = desk.restore_revision(&d.id, newest).unwrap();
    assert_eq!(same.revision, newest);
    assert_eq!(desk.draft_revisions(&d.id).unwrap().len(), 2);
    let restored = desk.restore_revision(&d.id, d.revision).unwrap();
    assert_eq!(restored.body, "one");
    let list = desk.draft_revisions(&d.id).unwrap();
    assert_eq!(list.len(), 3);
    assert_eq!(
        (list[0].reason, list[0].restored_from),
        (SaveReason::Restore, Some(d.revision))
    );
    let err = desk.restore_revision(&d.id, 999).unwrap_err();
    assert!(matches!(err, CoreError::NotFound { .. }), "{err}");
}
