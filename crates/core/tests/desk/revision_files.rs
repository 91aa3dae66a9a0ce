//! Revisions in a desk file: small on disk, two sessions on one file, and a desk file from
//! before revisions were compressed.

use factdesk_core::{Desk, DraftInput, SaveReason};

fn input(body: &str) -> DraftInput {
    DraftInput {
        title: "Explainer".into(),
        body: body.into(),
    }
}

/// Prose-like text of `words` words (two to four syllables each), deterministic.
fn prose(words: usize, seed: u64) -> Vec<String> {
    const SYLLABLES: [&str; 16] = [
        "ka", "ren", "to", "mi", "sal", "dor", "ve", "lin", "ost", "ra", "pe", "qua", "nu", "zel",
        "fi", "gor",
    ];
    let mut seed = seed;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize
    };
    (0..words)
        .map(|_| {
            let n = 2 + next() % 3;
            (0..n)
                .map(|_| SYLLABLES[next() % SYLLABLES.len()])
                .collect()
        })
        .collect()
}

fn file_len(path: &std::path::Path) -> u64 {
    std::fs::metadata(path).unwrap().len()
}

#[test]
fn many_saves_of_a_long_draft_keep_every_text_and_grow_the_desk_file_little() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite");
    let mut desk = Desk::create(&path).unwrap();
    let mut words = prose(20_000, 7);
    let d = desk.add_draft(&input(&words.join(" "))).unwrap();
    let before = file_len(&path);
    let extra = prose(400, 9);
    let mut texts = Vec::new();
    for i in 0..120 {
        // A few words typed somewhere, as a writer does between saves.
        let at = (i * 7_919) % words.len();
        words.insert(at, extra[i % extra.len()].clone());
        let body = words.join(" ");
        desk.update_draft(&d.id, &input(&body)).unwrap();
        texts.push(body);
    }
    let grown = file_len(&path) - before;
    // Whole copies would take 120 × ~190 KB = 23 MB; the benchmark holds the real target.
    assert!(
        grown < 3_000_000,
        "120 saves of a 20,000-word draft grew the desk by {grown} bytes"
    );
    let revisions = desk.draft_revisions(&d.id).unwrap();
    assert_eq!(revisions.len(), 121, "every explicit save is a revision");
    for (r, text) in revisions.iter().zip(texts.iter().rev()) {
        assert_eq!(r.words as usize, text.split_whitespace().count());
        assert_eq!(&desk.draft_revision(&d.id, r.seq).unwrap().body, text);
    }
}

#[test]
fn two_writers_saving_from_the_same_base_keep_both_texts_and_the_second_is_told() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("desk.sqlite");
    let mut app = Desk::create(&path).unwrap();
    let d = app.add_draft(&input("The season opens in May.")).unwrap();
    let mut other = Desk::open(&path).unwrap();
    app.set_actor("Mina").unwrap();
    other.set_actor("Joon").unwrap();
    let base = other.draft(&d.id).unwrap().revision;
    assert_eq!(base, d.revision);

    let first = app
        .save_draft(
            &d.id,
            &input("The season opens in June."),
            SaveReason::Typing,
            Some(base),
        )
        .unwrap();
    assert_eq!(first.conflict, None);
    let second = other
        .save_draft(
            &d.id,
            &input("The season opens in May, the studio said."),
            SaveReason::Typing,
            Some(base),
        )
        .unwrap();
    let conflict = second.conflict.expect("the second writer must be told");
    assert_eq!(conflict.their_revision, first.revision);
    assert_eq!(conflict.their_actor, "Mina");
    assert!(second.revision > first.revision);

    // Both texts are revisions; the draft holds the second, and Mina's next autosave (from her
    // now stale base) does not amend Joon's text away either.
    let third = app
        .save_draft(
            &d.id,
            &input("The season opens in June, on Friday."),
            SaveReason::Typing,
            Some(first.revision),
        )
        .unwrap();
    assert_eq!(
        third.conflict.map(|c| (c.their_revision, c.their_actor)),
        Some((second.revision, "Joon".to_string()))
    );
    let bodies: Vec<(String, String)> = app
        .draft_revisions(&d.id)
        .unwrap()
        .iter()
        .map(|r| {
            (
                r.actor.clone(),
                app.draft_revision(&d.id, r.seq).unwrap().body,
            )
        })
        .collect();
    assert_eq!(
        bodies[..3],
        [
            ("Mina".into(), "The season opens in June, on Friday.".into()),
            (
                "Joon".into(),
                "The season opens in May, the studio said.".into()
            ),
            ("Mina".into(), "The season opens in June.".into()),
        ]
    );
}

#[test]
fn a_desk_with_plain_revisions_is_converted_and_keeps_every_one() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite");
    {
        // A desk as the previous schema (version 3) left it: every revision a plain copy.
        let mut conn = rusqlite::Connection::open(&path).unwrap();
        factdesk_core::migrations::up_to(&mut conn, 3).unwrap();
        conn.execute_batch(
            "INSERT INTO drafts VALUES ('01JZZZZZZZZZZZZZZZZZZZZZZZ', 'Old', 'third text here',
                 '2025-01-01T00:00:00.000Z', '2025-01-03T00:00:00.000Z');",
        )
        .unwrap();
        let mut insert = conn
            .prepare(
                "INSERT INTO draft_revisions (draft_id, title, body, saved_at, actor, restored_from)
                 VALUES ('01JZZZZZZZZZZZZZZZZZZZZZZZ', 'Old', ?1, ?2, 'local', ?3)",
            )
            .unwrap();
        for i in 0..70 {
            let body = format!("{} text here", "word ".repeat(i));
            insert
                .execute(rusqlite::params![
                    body,
                    format!("2025-01-02T00:{:02}:00.000Z", i % 60),
                    (i == 69).then_some(1)
                ])
                .unwrap();
        }
    }
    let desk = Desk::open(&path).unwrap();
    let list = desk.draft_revisions("01JZ").unwrap();
    assert_eq!(list.len(), 70);
    for (i, r) in list.iter().rev().enumerate() {
        let body = format!("{} text here", "word ".repeat(i));
        assert_eq!(r.words as usize, i + 2);
        assert_eq!(desk.draft_revision("01JZ", r.seq).unwrap().body, body);
    }
    assert_eq!(list[0].restored_from, Some(1));
    let columns: Vec<String> = desk
        .conn()
        .unwrap()
        .prepare("SELECT name FROM pragma_table_info('draft_revisions')")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!columns.contains(&"body".to_string()), "{columns:?}");
}
