//! A failed write leaves the desk exactly as it was: no half-made record, no history row.

use factdesk_core::audit;
use factdesk_core::{
    ClaimInput, Confidence, CoreError, DraftInput, EvidenceInput, RecordKind, SourceInput,
};

use crate::{add_claim, add_source, claim_input, count, counts, desk, titled};

#[test]
fn an_add_source_with_a_bad_date_leaves_no_row_and_no_history() {
    let mut desk = desk();
    add_source(&mut desk, "Already here");
    let before = counts(&desk);
    let err = desk
        .add_source(&SourceInput {
            outlet: Some("The Reel Report".into()),
            url: Some("https://reelreport.example/a".into()),
            published: Some("2025-13-45".into()),
            ..titled("Valid in every other way")
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("published"), "{err}");
    assert_eq!(
        counts(&desk),
        before,
        "a refused source leaves no trace in any table"
    );
    let titles: Vec<String> = crate::all_sources(&desk)
        .into_iter()
        .map(|s| s.title)
        .collect();
    assert_eq!(titles, vec!["Already here"]);
}

#[test]
fn failed_adds_of_every_kind_leave_the_desk_unchanged() {
    let mut desk = desk();
    let claim = add_claim(&mut desk, "c");
    let source = add_source(&mut desk, "s");
    let before = counts(&desk);
    let field = |e: CoreError| e.field().map(str::to_string);
    let refused = [
        desk.add_source(&SourceInput {
            via: Some("ZZZZ".into()),
            ..titled("relay of nothing")
        })
        .map(|_| ())
        .map_err(field),
        desk.add_claim(&ClaimInput {
            topics: vec!["ok".into(), "<b>bad</b>".into()],
            settled: false,
            ..claim_input("c2", Confidence::Reported)
        })
        .map(|_| ())
        .map_err(field),
        desk.link_evidence(&EvidenceInput {
            claim: claim.id.clone(),
            source: source.id.clone(),
            translated_by: Some("someone".into()),
            ..EvidenceInput::default()
        })
        .map(|_| ())
        .map_err(field),
        desk.add_draft(&DraftInput {
            title: String::new(),
            body: "b".into(),
        })
        .map(|_| ())
        .map_err(field),
    ];
    let want = ["via", "topics", "quote", "title"].map(|f| Err(Some(f.to_string())));
    assert_eq!(refused, want, "each add is refused, naming its bad input");
    assert_eq!(counts(&desk), before, "refused adds store nothing anywhere");
}

#[test]
fn a_failed_update_leaves_the_record_and_its_history_unchanged() {
    let mut desk = desk();
    let s = desk
        .add_source(&SourceInput {
            outlet: Some("Hanbit Daily".into()),
            ..titled("Interview")
        })
        .unwrap();
    let history = desk.history(RecordKind::Source, &s.id).unwrap();
    let err = desk
        .update_source(
            &s.id,
            &SourceInput {
                outlet: Some("Changed outlet".into()),
                url: Some("ftp://example.org".into()),
                ..titled("Changed title")
            },
        )
        .unwrap_err();
    assert_eq!(err.field(), Some("url"));
    assert_eq!(
        desk.source(&s.id).unwrap(),
        s,
        "no field of a refused update is kept"
    );
    assert_eq!(
        desk.history(RecordKind::Source, &s.id).unwrap(),
        history,
        "a refused update records nothing"
    );
}

#[test]
fn a_failing_load_sample_on_a_non_empty_desk_changes_nothing() {
    let mut desk = desk();
    add_source(&mut desk, "Mine");
    add_claim(&mut desk, "Mine too");
    let before = counts(&desk);
    let err = desk.load_sample().unwrap_err();
    assert_eq!(err.field(), Some("desk"), "{err}");
    assert!(
        err.to_string().contains("empty desk"),
        "the message says why: {err}"
    );
    assert_eq!(
        counts(&desk),
        before,
        "the sample must not be mixed into a working desk"
    );
}

#[test]
fn a_desk_with_only_a_draft_is_not_empty_for_the_sample() {
    let mut desk = desk();
    desk.add_draft(&DraftInput {
        title: "Notes".into(),
        body: String::new(),
    })
    .unwrap();
    let before = counts(&desk);
    assert!(
        desk.load_sample().is_err(),
        "a draft is work the sample must not join"
    );
    assert_eq!(counts(&desk), before);
}

#[test]
fn a_write_that_fails_after_recording_history_rolls_it_back() {
    let mut desk = desk();
    let s = add_source(&mut desk, "s");
    let before = count(&desk, "history");
    let err = desk
        .write(|w| {
            audit::record(w, RecordKind::Source, &s.id, Some(&s), None)?;
            w.db.execute(
                "DELETE FROM sources WHERE id = ?1",
                rusqlite::params![&s.id],
            )?;
            Err::<(), _>(CoreError::invalid("test", "fails after its writes"))
        })
        .unwrap_err();
    assert_eq!(err.field(), Some("test"));
    assert_eq!(
        count(&desk, "history"),
        before,
        "the history row rolled back with the write"
    );
    assert_eq!(desk.source(&s.id).unwrap(), s, "and so did the delete");
}
