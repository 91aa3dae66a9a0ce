//! The roles PostgreSQL enforces on a team desk, whatever the client sends: each refusal comes
//! from the database and reaches the user as core's `refused` error naming the rule.

use factdesk_core::team::{self, TeamRole};
use factdesk_core::{CoreError, error::ErrorCode};

use crate::{TeamDesk, approve, insert_claim, insert_draft};

/// The refusal as core reports it, from a PostgreSQL error.
fn refusal(e: postgres::Error) -> CoreError {
    let e = CoreError::from(e);
    assert_eq!(e.code(), ErrorCode::Refused, "{e}");
    e
}

#[test]
fn init_makes_group_roles_and_add_user_makes_logins_in_them() {
    let desk = TeamDesk::create();
    let mut admin = desk.admin();
    for (role, login) in [
        ("factdesk_owner", false),
        ("factdesk_writer", false),
        ("factdesk_editor", false),
        (desk.writer.as_str(), true),
        (desk.editor.as_str(), true),
    ] {
        let can: bool = admin
            .query_one(
                "SELECT rolcanlogin FROM pg_roles WHERE rolname = $1",
                &[&role],
            )
            .unwrap_or_else(|e| panic!("role {role}: {e}"))
            .get(0);
        assert_eq!(can, login, "{role} can log in");
    }
    let member = |user: &str, group: &str| -> bool {
        desk.admin()
            .query_one("SELECT pg_has_role($1, $2, 'MEMBER')", &[&user, &group])
            .unwrap()
            .get(0)
    };
    assert!(member(&desk.writer, "factdesk_writer"));
    assert!(!member(&desk.writer, "factdesk_editor"));
    assert!(member(&desk.editor, "factdesk_editor"));
    assert!(!member(&desk.editor, "factdesk_owner"));
}

#[test]
fn add_user_refuses_a_taken_or_unsafe_name_naming_the_field() {
    let desk = TeamDesk::create();
    let again = team::add_user(&desk.admin_url(), &desk.writer, TeamRole::Editor).unwrap_err();
    assert_eq!(again.field(), Some("name"), "{again}");
    assert!(again.to_string().contains("already exists"), "{again}");
    for bad in ["factdesk_editor", "Robert'); DROP", "", "pg_signal"] {
        let e = team::add_user(&desk.admin_url(), bad, TeamRole::Writer).unwrap_err();
        assert_eq!(e.field(), Some("name"), "{bad}: {e}");
    }
}

#[test]
fn only_an_administrator_adds_users() {
    let desk = TeamDesk::create();
    let e = team::add_user(
        &desk.url(&desk.editor),
        &format!("{}_new", desk.db),
        TeamRole::Editor,
    )
    .unwrap_err();
    assert_eq!(e.code(), ErrorCode::Refused, "{e}");
    assert!(e.to_string().contains("administrator"), "{e}");
}

#[test]
fn a_writer_adds_claims_stamped_with_their_own_name() {
    let desk = TeamDesk::create();
    let mut writer = desk.session(&desk.writer);
    writer
        .execute(
            "INSERT INTO claims (id, text, confidence, created_at, updated_at, created_by,
                                 edited_by)
             VALUES ('01JTEAMCLM1', 'The finale airs in March.', 'reported',
                     '2026-01-05T10:00:00Z', '2026-01-05T10:00:00Z', 'the_editor', 'the_editor')",
            &[],
        )
        .unwrap();
    let row = writer
        .query_one(
            "SELECT created_by, edited_by FROM claims WHERE id = '01JTEAMCLM1'",
            &[],
        )
        .unwrap();
    assert_eq!(
        (row.get::<_, String>(0), row.get::<_, String>(1)),
        (desk.writer.clone(), desk.writer.clone()),
        "who made a claim comes from the session, never from the client"
    );
    let mut editor = desk.session(&desk.editor);
    editor
        .execute(
            "UPDATE claims SET confidence = 'confirmed', created_by = 'nobody'
             WHERE id = '01JTEAMCLM1'",
            &[],
        )
        .unwrap();
    let row = editor
        .query_one(
            "SELECT created_by, edited_by FROM claims WHERE id = '01JTEAMCLM1'",
            &[],
        )
        .unwrap();
    assert_eq!(
        (row.get::<_, String>(0), row.get::<_, String>(1)),
        (desk.writer.clone(), desk.editor.clone())
    );
}

#[test]
fn a_writer_approving_is_refused_by_postgresql() {
    let desk = TeamDesk::create();
    let mut writer = desk.session(&desk.writer);
    insert_claim(&mut writer, "01JTEAMCLM2", "The finale airs in March.");
    insert_draft(&mut writer, "01JTEAMDRF2");
    let e = refusal(approve(&mut writer, "01JTEAMDRF2", "01JTEAMCLM2").unwrap_err());
    assert!(e.to_string().contains("only editors write reviews"), "{e}");
    let e = refusal(
        writer
            .execute(
                "INSERT INTO confidence_overrides (claim_id, confidence, reason, actor, at)
                 VALUES ('01JTEAMCLM2', 'confirmed', 'trust me', 'x', '2026-01-05T11:00:00Z')",
                &[],
            )
            .unwrap_err(),
    );
    assert!(
        e.to_string().contains("only editors override confidence"),
        "{e}"
    );
    let reviews: i64 = desk
        .admin()
        .query_one("SELECT count(*) FROM factdesk.reviews", &[])
        .unwrap()
        .get(0);
    assert_eq!(reviews, 0, "nothing was written");
}

#[test]
fn an_editor_approving_a_claim_they_created_or_last_edited_is_refused() {
    let desk = TeamDesk::create();
    let mut editor = desk.session(&desk.editor);
    insert_claim(&mut editor, "01JTEAMCLM3", "The finale airs in March.");
    insert_draft(&mut editor, "01JTEAMDRF3");
    let e = refusal(approve(&mut editor, "01JTEAMDRF3", "01JTEAMCLM3").unwrap_err());
    assert!(
        e.to_string()
            .contains("nobody approves a claim they created or last edited"),
        "{e}"
    );

    // A writer's claim the editor then edits is the editor's to hand to another editor.
    let mut writer = desk.session(&desk.writer);
    insert_claim(&mut writer, "01JTEAMCLM4", "The season has ten episodes.");
    editor
        .execute(
            "UPDATE claims SET text = 'The season has twelve episodes.' WHERE id = '01JTEAMCLM4'",
            &[],
        )
        .unwrap();
    let e = refusal(approve(&mut editor, "01JTEAMDRF3", "01JTEAMCLM4").unwrap_err());
    assert!(e.to_string().contains("created or last edited"), "{e}");
}

#[test]
fn an_editor_approves_a_writers_claim_under_their_own_name() {
    let desk = TeamDesk::create();
    let mut writer = desk.session(&desk.writer);
    insert_claim(&mut writer, "01JTEAMCLM5", "The finale airs in March.");
    insert_draft(&mut writer, "01JTEAMDRF5");
    let mut editor = desk.session(&desk.editor);
    assert_eq!(
        approve(&mut editor, "01JTEAMDRF5", "01JTEAMCLM5").unwrap(),
        1
    );
    editor
        .execute(
            "INSERT INTO confidence_overrides (claim_id, confidence, reason, actor, at)
             VALUES ('01JTEAMCLM5', 'confirmed', 'network schedule, page 2', 'x',
                     '2026-01-05T11:00:00Z')",
            &[],
        )
        .unwrap();
    let actor: String = writer
        .query_one(
            "SELECT actor FROM reviews WHERE claim_id = '01JTEAMCLM5'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(
        actor, desk.editor,
        "the sign-off records the session's role"
    );
    let actor: String = writer
        .query_one(
            "SELECT actor FROM confidence_overrides WHERE claim_id = '01JTEAMCLM5'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(actor, desk.editor);
}

#[test]
fn history_is_insert_only_for_everyone_and_its_actor_is_the_session() {
    let desk = TeamDesk::create();
    let mut writer = desk.session(&desk.writer);
    writer
        .execute(
            "INSERT INTO history (at, actor, record_kind, record_id, action)
             VALUES ('2026-01-05T10:00:00Z', 'the_editor', 'claim', '01JTEAMCLM6', 'create')",
            &[],
        )
        .unwrap();
    let actor: String = writer
        .query_one("SELECT actor FROM history", &[])
        .unwrap()
        .get(0);
    assert_eq!(actor, desk.writer, "history's actor is current_user");

    let mut owner = desk.admin();
    owner.batch_execute("SET ROLE factdesk_owner").unwrap();
    let mut editor = desk.session(&desk.editor);
    for (who, client) in [
        ("writer", &mut writer),
        ("editor", &mut editor),
        ("owner", &mut owner),
    ] {
        for sql in [
            "UPDATE factdesk.history SET actor = 'someone'",
            "DELETE FROM factdesk.history",
            "TRUNCATE factdesk.history",
        ] {
            let e = refusal(client.execute(sql, &[]).unwrap_err());
            assert!(
                e.to_string().contains("history is insert-only"),
                "{who}: {sql}: {e}"
            );
        }
    }
    // Not even the superuser rewrites it without first disabling the table's triggers.
    let e = refusal(
        desk.admin()
            .execute("DELETE FROM factdesk.history", &[])
            .unwrap_err(),
    );
    assert!(e.to_string().contains("history is insert-only"), "{e}");
    let rows: i64 = desk
        .admin()
        .query_one("SELECT count(*) FROM factdesk.history", &[])
        .unwrap()
        .get(0);
    assert_eq!(rows, 1);
}
