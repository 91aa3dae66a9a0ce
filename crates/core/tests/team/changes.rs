//! LISTEN/NOTIFY on a real team desk: what an editor's open app relies on to see a writer's work
//! without reloading. A committed change reaches a listening connection within a second, named
//! by the writer's login; a rolled-back one never does; a listener outlives a server restart.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use factdesk_core::Desk;
use factdesk_core::team::changes::{Change, Event, Listener, Op};
use tempfile::TempDir;

use crate::{TeamDesk, insert_claim};

/// Reads events until one is a change of `table`'s row `id`, for at most `within`; returns it
/// and every event seen before it.
fn wait_for(
    listener: &mut Listener,
    table: &str,
    id: &str,
    within: Duration,
) -> (Option<Change>, Vec<Event>) {
    let deadline = Instant::now() + within;
    let mut seen = Vec::new();
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match listener.next(left) {
            Some(Event::Change(c)) if c.table == table && c.id.as_deref() == Some(id) => {
                return (Some(c), seen);
            }
            Some(other) => seen.push(other),
            None => break,
        }
    }
    (None, seen)
}

#[test]
fn a_writers_new_claim_reaches_a_listening_editor_within_a_second_named_by_the_writers_login() {
    let team = TeamDesk::create();
    let mut listener = Listener::connect(&team.url(&team.editor)).unwrap();
    let mut writer = team.session(&team.writer);

    let start = Instant::now();
    insert_claim(
        &mut writer,
        "01JNOTIFYCLAIM0000000000AA",
        "Filming starts in May.",
    );
    let (got, _) = wait_for(
        &mut listener,
        "claims",
        "01JNOTIFYCLAIM0000000000AA",
        Duration::from_secs(1),
    );
    let latency = start.elapsed();
    let got = got.expect("the editor hears of the writer's claim within a second");
    assert_eq!(got.op, Op::Insert);
    assert_eq!(
        got.actor, team.writer,
        "the change names the login that made it, as the database knows it"
    );
    eprintln!("notification latency (insert to listener): {latency:?}");

    writer
        .execute(
            "UPDATE claims SET text = 'Filming starts in June.' WHERE id = $1",
            &[&"01JNOTIFYCLAIM0000000000AA"],
        )
        .unwrap();
    let (got, _) = wait_for(
        &mut listener,
        "claims",
        "01JNOTIFYCLAIM0000000000AA",
        Duration::from_secs(1),
    );
    assert_eq!(got.map(|c| c.op), Some(Op::Update), "an edit is announced");
}

#[test]
fn a_draft_copied_to_the_team_desk_is_announced_with_its_claims_as_the_copying_login() {
    let dir: TempDir = tempfile::tempdir().unwrap();
    let path: PathBuf = dir.path().join("personal.sqlite");
    let mut desk = Desk::create(&path).unwrap();
    let draft = desk.load_sample().unwrap().draft.id;
    let claims: Vec<String> = desk
        .reviews(&draft)
        .unwrap()
        .into_iter()
        .map(|r| r.claim_id)
        .collect();
    drop(desk);
    let team = TeamDesk::create();
    let mut listener = Listener::connect(&team.url(&team.editor)).unwrap();

    factdesk_core::team::copy::copy(
        &draft,
        path.to_str().unwrap(),
        &team.url(&team.writer),
        None,
    )
    .unwrap();
    let (got, seen) = wait_for(&mut listener, "drafts", &draft, Duration::from_secs(1));
    let got = got.expect("the copied draft is announced");
    assert_eq!(
        (got.op, got.actor.as_str()),
        (Op::Insert, team.writer.as_str())
    );
    let mut events = seen;
    while let Some(e) = listener.next(Duration::from_millis(300)) {
        events.push(e);
    }
    let announced: Vec<&str> = events
        .iter()
        .filter_map(|e| match e {
            Event::Change(c) if c.table == "claims" && c.op == Op::Insert => c.id.as_deref(),
            _ => None,
        })
        .collect();
    let missing: Vec<&String> = claims
        .iter()
        .filter(|c| !announced.contains(&c.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "every claim the copy brought is announced; missing {missing:?}"
    );
}

#[test]
fn a_change_inside_a_rolled_back_transaction_is_never_announced() {
    let team = TeamDesk::create();
    let mut listener = Listener::connect(&team.url(&team.editor)).unwrap();
    let mut writer = team.session(&team.writer);

    let mut tx = writer.transaction().unwrap();
    tx.execute(
        "INSERT INTO claims (id, text, confidence, created_at, updated_at)
         VALUES ('01JROLLEDBACK000000000000A', 'Never said.', 'reported', 't', 't')",
        &[],
    )
    .unwrap();
    tx.rollback().unwrap();
    insert_claim(&mut writer, "01JCOMMITTED0000000000000A", "Said and kept.");

    // Notifications arrive in commit order: once the later commit is here, the rolled-back
    // insert would have been too.
    let (got, seen) = wait_for(
        &mut listener,
        "claims",
        "01JCOMMITTED0000000000000A",
        Duration::from_secs(2),
    );
    assert!(got.is_some(), "the committed claim is announced");
    assert!(
        seen.iter().all(|e| !matches!(e,
            Event::Change(c) if c.id.as_deref() == Some("01JROLLEDBACK000000000000A"))),
        "a rolled-back insert is never announced: {seen:?}"
    );
}

#[test]
fn a_listener_survives_a_server_restart_says_so_and_hears_changes_after_it() {
    let team = TeamDesk::create_alone();
    let mut listener = Listener::connect(&team.url(&team.editor)).unwrap();
    insert_claim(
        &mut team.session(&team.writer),
        "01JBEFORERESTART000000000A",
        "Before.",
    );
    assert!(
        wait_for(
            &mut listener,
            "claims",
            "01JBEFORERESTART000000000A",
            Duration::from_secs(1)
        )
        .0
        .is_some()
    );

    team.cluster.restart();

    let mut events = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !events.contains(&Event::Reconnected) && Instant::now() < deadline {
        if let Some(e) = listener.next(Duration::from_secs(1)) {
            events.push(e);
        }
    }
    assert!(
        matches!(events.first(), Some(Event::Disconnected { .. })),
        "the listener says it lost the server: {events:?}"
    );
    assert_eq!(
        events.last(),
        Some(&Event::Reconnected),
        "and that it is back, so a reader re-reads: {events:?}"
    );

    insert_claim(
        &mut team.session(&team.writer),
        "01JAFTERRESTART0000000000A",
        "After.",
    );
    let (got, _) = wait_for(
        &mut listener,
        "claims",
        "01JAFTERRESTART0000000000A",
        Duration::from_secs(1),
    );
    assert_eq!(
        got.map(|c| c.actor),
        Some(team.writer.clone()),
        "after the restart the listener hears the writer again (it listens again)"
    );
}
