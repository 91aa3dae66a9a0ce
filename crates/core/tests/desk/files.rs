//! A desk on disk: its records survive closing and reopening, and a desk written by a newer
//! Factdesk is refused rather than opened.

use factdesk_core::migrations::latest_version;
use factdesk_core::{CoreError, Desk, DraftInput, EvidenceInput, FixedClock, RecordKind};

use crate::{claim_input, fixed_now, titled};

#[test]
fn records_survive_closing_and_reopening_the_desk() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newsroom/desk.sqlite");
    let (source, claim, draft, evidence) = {
        let mut desk = Desk::create(&path)
            .expect("a desk file is created with its folder")
            .with_clock(FixedClock(fixed_now()));
        assert_eq!(desk.path(), Some(path.as_path()));
        desk.set_actor("Mina").unwrap();
        let source = desk.add_source(&titled("Press release")).unwrap();
        let claim = desk
            .add_claim(&claim_input(
                "Renewed.",
                factdesk_core::Confidence::Confirmed,
            ))
            .unwrap();
        let evidence = desk
            .link_evidence(&EvidenceInput {
                claim: claim.id.clone(),
                source: source.id.clone(),
                quote: Some("It will return.".into()),
                ..EvidenceInput::default()
            })
            .unwrap();
        let draft = desk
            .add_draft(&DraftInput {
                title: "Explainer".into(),
                body: format!("[Renewed]{{claim={}}}\n", claim.id),
            })
            .unwrap();
        (source, claim, draft, evidence)
    };
    let desk = Desk::open(&path).expect("the desk reopens");
    assert_eq!(
        desk.source(&source.id).unwrap(),
        source,
        "the source survived"
    );
    assert_eq!(desk.claim(&claim.id).unwrap(), claim, "the claim survived");
    assert_eq!(desk.draft(&draft.id).unwrap(), draft, "the draft survived");
    assert_eq!(
        desk.evidence_for(&claim.id).unwrap(),
        vec![evidence],
        "the evidence survived"
    );
    let history = desk.history(RecordKind::Source, &source.id).unwrap();
    assert_eq!(history.len(), 1);
    assert_eq!(history[0].actor, "Mina", "and so did who made it");
    assert_eq!(
        desk.actor(),
        "local",
        "the actor is per session, not stored in the desk"
    );
}

#[test]
fn an_in_memory_desk_has_no_path_and_starts_empty() {
    let desk = crate::desk();
    assert_eq!(desk.path(), None);
    assert!(desk.is_empty().unwrap());
}

#[test]
fn a_desk_from_a_newer_factdesk_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.sqlite");
    {
        let mut desk = Desk::create(&path).unwrap();
        desk.add_source(&titled("Written before the upgrade"))
            .unwrap();
        desk.conn()
            .unwrap()
            .pragma_update(None, "user_version", latest_version() + 1)
            .unwrap();
    }
    match Desk::open(&path) {
        Err(CoreError::DeskTooNew { found, supported }) => {
            assert_eq!(found, latest_version() + 1);
            assert_eq!(supported, latest_version());
        }
        Err(other) => panic!("a newer desk must be refused as too new, got {other:?}"),
        Ok(_) => panic!("a desk with a newer schema must not be opened"),
    }
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    let sources: i64 = conn
        .query_row("SELECT count(*) FROM sources", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        (version, sources),
        (latest_version() + 1, 1),
        "refusing the desk must not downgrade or touch it"
    );
}

#[test]
fn reopening_a_current_desk_does_not_migrate_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite");
    drop(Desk::create(&path).unwrap());
    let desk = Desk::open(&path).expect("a desk at the current schema reopens");
    let version: i64 = desk
        .conn()
        .unwrap()
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    assert_eq!(version, latest_version());
}
