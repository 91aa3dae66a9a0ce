//! 50 clients on one team desk at once (issue 12): each its own session (`Desk::open_team`) as a
//! writer or an editor login, over the throwaway cluster's Unix socket, doing mixed writes for
//! a bounded time (60 s; `FACTDESK_LOAD_SECONDS` shortens it for a local run). Writers add
//! claims, link evidence and save three shared drafts from the revision they last saw, so saves
//! collide; editors sign off the drafts' claims. Every write the desk acknowledged is recorded
//! by its client, then checked against what the database holds: nothing acknowledged is lost or
//! changed, every draft save is a revision of its own and a save on a stale base came back with
//! its conflict (none resolved silently), each change has its history row with the right login,
//! and no record stands without the rows written with it.

use std::collections::HashMap;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use factdesk_core::reviews::ReviewState;
use factdesk_core::{
    ClaimInput, Desk, DraftInput, EvidenceInput, RecordKind, SaveReason, SourceInput,
    team::TeamRole,
};

use crate::{TeamDesk, reported};

const CLIENTS: usize = 50;
/// One in five clients is an editor.
const EDITOR_EVERY: usize = 5;
const DRAFTS: usize = 3;

fn seconds() -> u64 {
    std::env::var("FACTDESK_LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .filter(|&s| s > 0)
        .unwrap_or(60)
}

/// A draft save the desk acknowledged.
struct Save {
    draft: String,
    base: i64,
    revision: i64,
    title: String,
    body: String,
    conflict: bool,
}

/// What one client's acknowledged writes were.
#[derive(Default)]
struct Acked {
    login: String,
    claims: Vec<(String, String)>,
    evidence: Vec<(String, String, String)>,
    saves: Vec<Save>,
    /// (draft, claim, comment) of each sign-off.
    reviews: Vec<(String, String, String)>,
    /// Writes the desk refused or failed, with why: none is acknowledged, so none may leave a row.
    failed: Vec<String>,
}

/// A draft body that marks every shared claim (so editors can sign them off) and says who
/// saved it last.
fn body(claims: &[String], who: &str, n: usize) -> String {
    let spans: Vec<String> = claims
        .iter()
        .map(|c| format!("[a shared fact]{{claim={c}}}"))
        .collect();
    format!("{}.\n\nSaved by {who}, save {n}.\n", spans.join(" and "))
}

fn writer_loop(
    mut desk: Desk,
    login: String,
    me: usize,
    drafts: &[String],
    shared_claims: &[String],
    source: &str,
    until: Instant,
) -> Acked {
    let mut acked = Acked {
        login: login.clone(),
        ..Acked::default()
    };
    // The revision this client last saw of each draft: its next save's base.
    let mut seen: HashMap<String, i64> = HashMap::new();
    for d in drafts {
        let rev = desk.draft_revisions(d).unwrap()[0].seq;
        seen.insert(d.clone(), rev);
    }
    let mut n = 0usize;
    while Instant::now() < until {
        n += 1;
        match n % 3 {
            0 | 1 => {
                let text = format!("Client {me} states fact number {n}");
                match desk.add_claim(&ClaimInput {
                    topics: vec![format!("load{}", me % 4)],
                    ..reported(text.clone())
                }) {
                    Ok(c) => {
                        let quote = format!("quoted for client {me} fact {n}");
                        acked.claims.push((c.id.clone(), text));
                        match desk.link_evidence(&EvidenceInput {
                            claim: c.id.clone(),
                            source: source.to_string(),
                            quote: Some(quote.clone()),
                            locator: None,
                            stance: None,
                            translated_by: None,
                            original_quote: None,
                            first_party: None,
                        }) {
                            Ok(e) => acked.evidence.push((e.id, c.id, quote)),
                            Err(e) => acked.failed.push(format!("evidence: {e}")),
                        }
                    }
                    Err(e) => acked.failed.push(format!("claim: {e}")),
                }
            }
            _ => {
                let draft = &drafts[n % drafts.len()];
                let base = seen[draft];
                let title = format!("Shared draft {}", draft.get(..6).unwrap_or(draft));
                let text = body(shared_claims, &login, n);
                match desk.save_draft(
                    draft,
                    &DraftInput {
                        title: title.clone(),
                        body: text.clone(),
                    },
                    SaveReason::Explicit,
                    Some(base),
                ) {
                    Ok(out) => {
                        seen.insert(draft.clone(), out.revision);
                        acked.saves.push(Save {
                            draft: draft.clone(),
                            base,
                            revision: out.revision,
                            title,
                            body: text,
                            conflict: out.conflict.is_some(),
                        });
                    }
                    Err(e) => acked.failed.push(format!("save: {e}")),
                }
            }
        }
    }
    acked
}

fn editor_loop(
    mut desk: Desk,
    login: String,
    me: usize,
    drafts: &[String],
    shared_claims: &[String],
    until: Instant,
) -> Acked {
    let mut acked = Acked {
        login,
        ..Acked::default()
    };
    let mut n = 0usize;
    while Instant::now() < until {
        n += 1;
        let draft = &drafts[n % drafts.len()];
        let claim = &shared_claims[(n / drafts.len()) % shared_claims.len()];
        // A comment of its own makes every sign-off a change the history must show.
        let comment = format!("editor {me} sign-off {n}");
        let state = if n.is_multiple_of(2) {
            ReviewState::Approved
        } else {
            ReviewState::ChangesRequested
        };
        match desk.set_review(draft, claim, state, Some(&comment)) {
            Ok(_) => acked.reviews.push((draft.clone(), claim.clone(), comment)),
            Err(e) => acked.failed.push(format!("review: {e}")),
        }
    }
    acked
}

#[test]
fn fifty_clients_writing_at_once_lose_nothing_acknowledged_and_resolve_no_conflict_silently() {
    let team = TeamDesk::create();
    let logins: Vec<(String, bool)> = (0..CLIENTS)
        .map(|i| {
            let editor = i % EDITOR_EVERY == 0;
            let name = format!("{}_c{i}", team.db);
            team.add_user(
                &name,
                if editor {
                    TeamRole::Editor
                } else {
                    TeamRole::Writer
                },
            );
            (name, editor)
        })
        .collect();

    // The shared material, made by the first writer: a source, claims the drafts mark, drafts.
    let mut setup = Desk::open_team(&team.url(&team.writer)).unwrap();
    let source = setup
        .add_source(&SourceInput {
            title: "Council minutes of the spring session".into(),
            ..SourceInput::default()
        })
        .unwrap()
        .id;
    let shared_claims: Vec<String> = (0..4)
        .map(|i| {
            setup
                .add_claim(&reported(format!("Shared fact {i} the drafts rest on")))
                .unwrap()
                .id
        })
        .collect();
    let drafts: Vec<String> = (0..DRAFTS)
        .map(|i| {
            setup
                .add_draft(&DraftInput {
                    title: format!("Shared draft {i}"),
                    body: body(&shared_claims, "setup", 0),
                })
                .unwrap()
                .id
        })
        .collect();

    let seconds = seconds();
    let start = Arc::new(Barrier::new(CLIENTS));
    let handles: Vec<_> = logins
        .iter()
        .enumerate()
        .map(|(me, (login, editor))| {
            let (login, editor) = (login.clone(), *editor);
            let url = team.url(&login);
            let (drafts, shared, source) = (drafts.clone(), shared_claims.clone(), source.clone());
            let start = Arc::clone(&start);
            std::thread::spawn(move || {
                let desk = Desk::open_team(&url).unwrap();
                start.wait();
                let until = Instant::now() + Duration::from_secs(seconds);
                if editor {
                    editor_loop(desk, login, me, &drafts, &shared, until)
                } else {
                    writer_loop(desk, login, me, &drafts, &shared, &source, until)
                }
            })
        })
        .collect();
    let began = Instant::now();
    let all: Vec<Acked> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let took = began.elapsed().as_secs_f64();

    let claims: usize = all.iter().map(|a| a.claims.len()).sum();
    let evidence: usize = all.iter().map(|a| a.evidence.len()).sum();
    let saves: usize = all.iter().map(|a| a.saves.len()).sum();
    let conflicts = all
        .iter()
        .flat_map(|a| &a.saves)
        .filter(|s| s.conflict)
        .count();
    let reviews: usize = all.iter().map(|a| a.reviews.len()).sum();
    let failed: Vec<&String> = all.iter().flat_map(|a| &a.failed).collect();
    let writes = claims + evidence + saves + reviews;
    println!(
        "load: {CLIENTS} clients, {took:.1} s: {writes} acknowledged writes ({:.0} writes/s): \
         {claims} claims, {evidence} evidence, {saves} draft saves ({conflicts} came back as \
         version conflicts), {reviews} sign-offs; {} writes refused or failed",
        writes as f64 / took,
        failed.len()
    );
    let mut why: Vec<&String> = failed.clone();
    why.sort();
    why.dedup();
    assert!(
        failed.is_empty(),
        "no write should fail under load; {} failed, for these reasons: {:?}",
        failed.len(),
        &why[..why.len().min(10)]
    );
    assert!(
        saves > 0 && reviews > 0 && claims > 0,
        "every kind of write ran"
    );
    assert!(
        conflicts > 0,
        "clients saving the same drafts from stale bases must meet version conflicts"
    );

    // What the desk holds, read as an editor would, and as the database's owner.
    let reader = Desk::open_team(&team.url(&team.editor)).unwrap();
    let mut admin = team.admin();
    // Each sign-off's history rows, read once: (claim, login, comment written) -> rows. A
    // review's creation holds the whole review, a later change the comment field alone.
    let mut signed: HashMap<(String, String, String), usize> = HashMap::new();
    for row in admin
        .query(
            "SELECT record_id, actor, after FROM factdesk.history WHERE record_kind = 'review'",
            &[],
        )
        .unwrap()
    {
        let after: Option<String> = row.get(2);
        let comment = match after.map(|t| serde_json::from_str::<serde_json::Value>(&t).unwrap()) {
            Some(serde_json::Value::String(c)) => c,
            Some(v) => match v["comment"].as_str() {
                Some(c) => c.to_string(),
                None => continue,
            },
            None => continue,
        };
        *signed.entry((row.get(0), row.get(1), comment)).or_default() += 1;
    }
    for a in &all {
        for (id, text) in &a.claims {
            let c = reader.claim(id).unwrap();
            assert_eq!(&c.text, text, "claim {id} as written");
            let history = reader.history(RecordKind::Claim, id).unwrap();
            let created: Vec<_> = history
                .iter()
                .filter(|h| h.record_kind == "claim" && h.action == "create")
                .collect();
            assert_eq!(created.len(), 1, "one creation row for claim {id}");
            assert_eq!(created[0].actor, a.login, "claim {id}'s creator");
            assert!(
                history.iter().any(|h| h.record_kind == "evidence"
                    && h.actor == a.login
                    && h.after.as_deref().is_some_and(|t| t.contains(id.as_str()))),
                "claim {id}'s evidence has its history row"
            );
        }
        for (id, claim, quote) in &a.evidence {
            let detail = reader.claim_detail(claim).unwrap();
            let e = detail
                .evidence
                .iter()
                .find(|e| &e.evidence.id == id)
                .unwrap_or_else(|| panic!("evidence {id} of claim {claim} is in the desk"));
            assert_eq!(e.evidence.quote.as_deref(), Some(quote.as_str()));
        }
        for s in &a.saves {
            let r = reader.draft_revision(&s.draft, s.revision).unwrap();
            assert_eq!(
                (&r.summary.title, &r.body, &r.summary.actor),
                (&s.title, &s.body, &a.login),
                "revision {} of draft {} is the save as acknowledged",
                s.revision,
                s.draft
            );
        }
        for (draft, claim, comment) in &a.reviews {
            let rows = signed
                .get(&(claim.clone(), a.login.clone(), comment.clone()))
                .copied();
            assert_eq!(
                rows,
                Some(1),
                "the sign-off {comment:?} on {claim} in {draft} has its row"
            );
        }
    }

    // No save overwrote another silently: a save that came back without a conflict was based
    // on the newest revision of its draft, so no revision lies between its base and it.
    let all_saves: Vec<&Save> = all.iter().flat_map(|a| &a.saves).collect();
    for s in all_saves.iter().filter(|s| !s.conflict) {
        let between: i64 = admin
            .query_one(
                "SELECT count(*) FROM factdesk.draft_revisions
                 WHERE draft_id = $1 AND seq > $2 AND seq < $3",
                &[&s.draft, &s.base, &s.revision],
            )
            .unwrap()
            .get(0);
        assert_eq!(
            between, 0,
            "the save of revision {} on base {} of draft {} was told of no conflict, yet {between} \
             other save(s) came between: one was overwritten silently",
            s.revision, s.base, s.draft
        );
    }
    for d in &drafts {
        let newest = reader.draft_revisions(d).unwrap()[0].seq;
        let revision = reader.draft_revision(d, newest).unwrap();
        let draft = reader.draft(d).unwrap();
        assert_eq!(
            (&draft.title, &draft.body),
            (&revision.summary.title, &revision.body),
            "draft {d} holds its newest revision's text"
        );
        let kept: i64 = admin
            .query_one(
                "SELECT count(*) FROM factdesk.draft_revisions WHERE draft_id = $1",
                &[d],
            )
            .unwrap()
            .get(0);
        let acked = all_saves.iter().filter(|s| &s.draft == d).count() as i64;
        assert_eq!(
            kept,
            acked + 1,
            "draft {d}: its first revision and one per save"
        );
    }

    // Nothing more than was acknowledged, and no record without its history.
    let count = |admin: &mut postgres::Client, sql: &str| -> i64 {
        admin.query_one(sql, &[]).unwrap().get(0)
    };
    assert_eq!(
        count(&mut admin, "SELECT count(*) FROM factdesk.claims"),
        (claims + shared_claims.len()) as i64
    );
    assert_eq!(
        count(&mut admin, "SELECT count(*) FROM factdesk.evidence"),
        evidence as i64
    );
    assert_eq!(
        count(
            &mut admin,
            "SELECT count(*) FROM factdesk.claims c WHERE NOT EXISTS (SELECT 1 FROM \
             factdesk.history h WHERE h.record_kind = 'claim' AND h.record_id = c.id \
             AND h.action = 'create')"
        ),
        0,
        "every claim has its creation row"
    );
    assert_eq!(
        count(
            &mut admin,
            "SELECT count(*) FROM factdesk.evidence e WHERE NOT EXISTS (SELECT 1 FROM \
             factdesk.history h WHERE h.record_kind = 'evidence' AND h.record_id = e.id)"
        ),
        0,
        "every piece of evidence has its history row"
    );
    assert_eq!(
        count(
            &mut admin,
            "SELECT count(*) FROM factdesk.history h WHERE h.action = 'create' AND \
             ((h.record_kind = 'claim' AND NOT EXISTS (SELECT 1 FROM factdesk.claims c \
               WHERE c.id = h.record_id)) OR (h.record_kind = 'evidence' AND NOT EXISTS \
               (SELECT 1 FROM factdesk.evidence e WHERE e.id = h.record_id)))"
        ),
        0,
        "no history row for a record that is not there"
    );
    let editors: Vec<&String> = logins.iter().filter(|(_, e)| *e).map(|(l, _)| l).collect();
    let review_actors: Vec<String> = admin
        .query(
            "SELECT DISTINCT actor FROM factdesk.history WHERE record_kind = 'review'",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(
        review_actors.iter().all(|a| editors.contains(&a)),
        "only editors' logins sign off: {review_actors:?}"
    );
}
