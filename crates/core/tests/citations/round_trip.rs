//! Factdesk's own CSL-JSON export imports back into a fresh desk with every mapped field intact.

use factdesk_core::export::ExportFormat;
use factdesk_core::{
    ClaimInput, Confidence, Desk, DraftInput, EvidenceInput, SourceInput, SourceKind,
};

use crate::{all_sources, desk};

fn source(title: &str, kind: SourceKind) -> SourceInput {
    SourceInput {
        title: title.into(),
        kind: Some(kind),
        ..SourceInput::default()
    }
}

/// Sources covering every kind and every field the export writes, with dates of each precision.
fn library() -> Vec<SourceInput> {
    vec![
        SourceInput {
            outlet: Some("Harbor Ent".into()),
            author: Some("Park Ji-ho".into()),
            url: Some("https://harbor.example/night-ferry".into()),
            published: Some("2025-06-02".into()),
            accessed: Some("2025-06-03".into()),
            language: Some("en".into()),
            ..source(
                "Night Ferry crew weighs a second season",
                SourceKind::Outlet,
            )
        },
        SourceInput {
            outlet: Some("Screen Weekly".into()),
            author: Some("Lee Hana".into()),
            published: Some("2025-05".into()),
            language: Some("ko".into()),
            ..source("오다은 인터뷰: 바다 위의 긴 촬영", SourceKind::Interview)
        },
        SourceInput {
            outlet: Some("Bluewave Studio".into()),
            published: Some("2025".into()),
            url: Some("https://bluewave.example/press/1".into()),
            ..source("Statement on Night Ferry", SourceKind::PressRelease)
        },
        SourceInput {
            outlet: Some("Ferry fans board".into()),
            url: Some("https://fans.example/t/9".into()),
            ..source("Set photos from the harbour", SourceKind::Social)
        },
        SourceInput {
            outlet: Some("Ratings Board".into()),
            published: Some("2025-05-05".into()),
            ..source("Weekly drama ratings, week 18", SourceKind::Dataset)
        },
        SourceInput {
            outlet: Some("KBN".into()),
            published: Some("2025-04-30".into()),
            language: Some("ko-KR".into()),
            ..source("Evening entertainment news", SourceKind::Broadcast)
        },
        SourceInput {
            author: Some("Oh Da-eun".into()),
            published: Some("2024-12-14".into()),
            ..source("Acceptance speech at the Coast Awards", SourceKind::Person)
        },
        SourceInput {
            outlet: Some("Ministry of Culture".into()),
            url: Some("https://culture.example/notice?id=7".into()),
            ..source("Filming permit notice", SourceKind::Other)
        },
    ]
}

/// A desk holding `sources`, one claim citing them all, and a draft marking the claim; returns
/// the draft's Pandoc bibliography.
fn bibliography(d: &mut Desk, source_ids: &[String]) -> serde_json::Value {
    let claim = d
        .add_claim(&ClaimInput {
            text: "Night Ferry returns for a second season".into(),
            confidence: Confidence::Reported,
            as_of: None,
            status: None,
            topics: Vec::new(),
            settled: false,
        })
        .unwrap();
    for id in source_ids {
        d.link_evidence(&EvidenceInput {
            claim: claim.id.clone(),
            source: id.clone(),
            quote: None,
            locator: None,
            stance: None,
            translated_by: None,
            original_quote: None,
            first_party: None,
        })
        .unwrap();
    }
    let draft = d
        .add_draft(&DraftInput {
            title: "Night Ferry".into(),
            body: format!("[Night Ferry is back]{{claim={}}}.\n", claim.id),
        })
        .unwrap();
    let exported = d.export_draft(&draft.id, ExportFormat::Pandoc).unwrap();
    serde_json::from_str(&exported.csl_json.unwrap()).unwrap()
}

#[test]
fn factdesk_csl_json_imports_back_with_every_mapped_field() {
    let mut original = desk();
    let ids: Vec<String> = library()
        .iter()
        .map(|s| original.add_source(s).unwrap().id)
        .collect();
    let csl = bibliography(&mut original, &ids);

    let mut fresh = desk();
    let report = fresh
        .import_citation_text("draft.md.csl.json", &csl.to_string(), false)
        .unwrap();
    assert_eq!(report.created.len(), ids.len(), "{report:#?}");
    let imported = all_sources(&fresh);
    for id in &ids {
        let want = original.source(id).unwrap();
        let got = imported
            .iter()
            .find(|s| s.title == want.title)
            .unwrap_or_else(|| panic!("{:?} came back: {imported:#?}", want.title));
        assert_eq!(got.outlet, want.outlet, "outlet of {}", want.title);
        assert_eq!(got.author, want.author, "author of {}", want.title);
        assert_eq!(got.url, want.url, "url of {}", want.title);
        assert_eq!(got.published, want.published, "published of {}", want.title);
        assert_eq!(got.accessed, want.accessed, "accessed of {}", want.title);
        assert_eq!(got.language, want.language, "language of {}", want.title);
        assert_eq!(got.kind, want.kind, "kind of {}", want.title);
    }

    // The fresh desk's own export of the same sources is the same bibliography, keys and all.
    let fresh_ids: Vec<String> = ids
        .iter()
        .map(|id| {
            let title = original.source(id).unwrap().title;
            imported
                .iter()
                .find(|s| s.title == title)
                .unwrap()
                .id
                .clone()
        })
        .collect();
    assert_eq!(bibliography(&mut fresh, &fresh_ids), csl);
}
