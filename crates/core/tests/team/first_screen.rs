//! What the app reads to show its first screen on a team desk (issue 12, the app's part): the
//! settings, the lists' first pages and counts, the drafts, and who is logged in as what. Each
//! read goes through the storage seam; none may answer `unsupported`.

use factdesk_core::settings::DEFAULT_FRESHNESS_DAYS;
use factdesk_core::team::TeamRole;
use factdesk_core::{ClaimFilter, Desk, DraftInput, SourceFilter};

use crate::{TeamDesk, insert_claim};

#[test]
fn the_first_screen_reads_on_a_team_desk() {
    let team = TeamDesk::create();
    let mut writer = Desk::open_team(&team.url(&team.writer)).unwrap();
    insert_claim(
        &mut team.session(&team.writer),
        "01JH3V6Q0M8ZK4T2B1W9C7XN5D",
        "A claim.",
    );
    writer
        .add_draft(&DraftInput {
            title: "Council budget".into(),
            body: "Text.".into(),
        })
        .unwrap();

    let settings = writer.settings().expect("the settings read on a team desk");
    assert_eq!(settings.profile, None, "a team desk keeps no local profile");
    assert_eq!(settings.freshness_days, DEFAULT_FRESHNESS_DAYS);
    assert!(!writer.is_empty().unwrap());
    assert_eq!(writer.count_claims(&ClaimFilter::default()).unwrap(), 1);
    assert_eq!(writer.count_sources(&SourceFilter::default()).unwrap(), 0);
    assert_eq!(writer.drafts().unwrap()[0].title, "Council budget");
}

#[test]
fn the_logins_team_role_is_read_from_the_database() {
    let team = TeamDesk::create();
    let writer = Desk::open_team(&team.url(&team.writer)).unwrap();
    let editor = Desk::open_team(&team.url(&team.editor)).unwrap();
    assert_eq!(writer.team_role().unwrap(), Some(TeamRole::Writer));
    assert_eq!(editor.team_role().unwrap(), Some(TeamRole::Editor));
    assert_eq!(editor.actor(), team.editor, "the login is the desk's actor");
    let file = Desk::open_in_memory().unwrap();
    assert_eq!(
        file.team_role().unwrap(),
        None,
        "a desk file has no team role"
    );
}
