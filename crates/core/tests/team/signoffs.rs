//! Sign-offs of one claim by two editors at once: each history row's "before" is what the review
//! held when that sign-off was made, so the history reads as one chain of changes.

use std::sync::{Arc, Barrier};
use std::thread;

use factdesk_core::reviews::ReviewState;
use factdesk_core::team::TeamRole;
use factdesk_core::{Desk, DraftInput};

use crate::{TeamDesk, reported};

const SIGN_OFFS: usize = 25;

#[test]
fn concurrent_sign_offs_of_one_claim_each_record_the_review_they_replaced() {
    let team = TeamDesk::create();
    let second = format!("{}_editor2", team.db);
    team.add_user(&second, TeamRole::Editor);
    let mut writer = Desk::open_team(&team.url(&team.writer)).unwrap();
    let claim = writer
        .add_claim(&reported("The second season has twelve episodes"))
        .unwrap()
        .id;
    let draft = writer
        .add_draft(&DraftInput {
            title: "Season two".into(),
            body: format!("It has [twelve episodes]{{claim={claim}}}.\n"),
        })
        .unwrap()
        .id;

    let start = Arc::new(Barrier::new(2));
    let handles: Vec<_> = [team.editor.clone(), second]
        .into_iter()
        .map(|login| {
            let (url, start) = (team.url(&login), start.clone());
            let (draft, claim) = (draft.clone(), claim.clone());
            thread::spawn(move || {
                let mut desk = Desk::open_team(&url).unwrap();
                start.wait();
                for n in 0..SIGN_OFFS {
                    desk.set_review(
                        &draft,
                        &claim,
                        ReviewState::ChangesRequested,
                        Some(&format!("{login} asks, round {n}")),
                    )
                    .unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }

    // The review's comment through its history, in order: the creation holds the whole review,
    // each later change one row per field (the comment's is read).
    let rows = team
        .admin()
        .query(
            "SELECT action, before, after FROM factdesk.history
             WHERE record_kind = 'review' AND record_id = $1
               AND (action = 'create' OR field = 'comment')
             ORDER BY seq",
            &[&claim],
        )
        .unwrap();
    assert_eq!(rows.len(), 2 * SIGN_OFFS, "one comment row per sign-off");
    let comment = |json: Option<String>| -> Option<String> {
        let v: serde_json::Value = serde_json::from_str(&json?).unwrap();
        Some(
            v.as_str()
                .map(str::to_string)
                .unwrap_or_else(|| v["comment"].as_str().unwrap().to_string()),
        )
    };
    let mut held = comment(rows[0].get(2));
    for (i, row) in rows.iter().enumerate().skip(1) {
        let before = comment(row.get(1));
        assert_eq!(
            before,
            held,
            "history row {i} ({}) says the review held {before:?}, but the sign-off before it left {held:?}",
            row.get::<_, String>(0)
        );
        held = comment(row.get(2));
    }
}
