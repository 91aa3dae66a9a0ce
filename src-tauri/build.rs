//! Lists the app's own commands so Tauri generates a permission for each; the capability file
//! grants them to the main window only. A command missing here cannot be called from the webview.

fn main() {
    let commands = &[
        "desk_info",
        "first_screen",
        "load_sample",
        "list_sources_page",
        "count_sources",
        "get_source",
        "add_source",
        "update_source",
        "list_claims_page",
        "count_claims",
        "search",
        "get_claim",
        "add_claim",
        "update_claim",
        "link_evidence",
        "unlink_evidence",
        "list_drafts",
        "get_draft",
        "add_draft",
        "update_draft",
        "analyse_draft",
        "what_we_know",
        "app_ready",
        "app_editable",
        "list_revisions",
        "get_revision",
        "restore_revision",
        "get_provenance",
        "list_reviews",
        "set_review",
        "get_history",
        "get_settings",
        "save_settings",
        "export_draft",
        "export_report",
        "import_citations",
        "list_people",
        "add_person",
        "add_person_alias",
        "list_backups",
        "backup_desk",
        "restore_backup",
        "intake_article",
        "list_candidates",
        "accept_candidate",
        "reject_candidate",
        "quit_app",
    ];
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(commands)),
    )
    .unwrap_or_else(|e| panic!("tauri build script failed: {e:#}"));
}
