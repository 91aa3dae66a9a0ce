//! The Factdesk desktop shell: opens the desk in `setup`, registers the commands, and nothing
//! else. Every rule lives in `factdesk-core`.

pub mod commands;
pub mod error;
pub mod live;
pub mod progress;
pub mod startup;
pub mod state;

use std::path::PathBuf;
use std::process::ExitCode;

use factdesk_core::Desk;
use factdesk_core::desk::DEFAULT_FILE_NAME;
use factdesk_core::team::TeamAddress;
use tauri::{Emitter, Manager};
use tauri_plugin_dialog::{DialogExt, MessageDialogKind};

use crate::state::DeskState;

/// Environment variable naming another desk file (tests, several desks side by side), or a
/// team desk's `postgres://` URL.
pub const DESK_ENV: &str = "FACTDESK_DESK";

/// The desk to open at start-up: the file or team desk `FACTDESK_DESK` names, else the default
/// file. A team desk's URL is checked as the webview's would be (no password in it).
fn open_desk(app: &tauri::App) -> Result<(Desk, Option<TeamAddress>), String> {
    if let Some(url) = std::env::var(DESK_ENV)
        .ok()
        .filter(|d| factdesk_core::team::is_url(d.trim()))
    {
        let address = TeamAddress::parse(DESK_ENV, &url).map_err(|e| e.to_string())?;
        let desk = Desk::open_team(address.url()).map_err(|e| e.to_string())?;
        return Ok((desk, Some(address)));
    }
    let path = desk_path(app)?;
    // A missing desk is created (first start); anything there that is not a desk is refused by
    // core, naming the file.
    let desk = Desk::create(&path).map_err(|e| e.to_string())?;
    Ok((desk, None))
}

fn desk_path(app: &tauri::App) -> Result<PathBuf, String> {
    if let Some(path) = std::env::var_os(DESK_ENV).filter(|p| !p.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    let dir = app
        .path()
        .app_data_dir()
        .map_err(|e| format!("the app data folder is unknown: {e}"))?;
    Ok(dir.join(DEFAULT_FILE_NAME))
}

/// Event the page receives when the window is asked to close; it saves, then calls `quit_app`.
pub const CLOSE_REQUESTED: &str = "factdesk://close-requested";

pub fn run() -> ExitCode {
    startup::start();
    let result = tauri::Builder::default()
        .manage(state::Closing::default())
        .manage(progress::Operations::default())
        .manage(live::Live::default())
        .plugin(tauri_plugin_dialog::init())
        .on_page_load(|_, payload| match payload.event() {
            tauri::webview::PageLoadEvent::Started => startup::shell("page load started"),
            tauri::webview::PageLoadEvent::Finished => startup::shell("page load finished"),
        })
        .setup(|app| {
            // The window is built (its webview created) just before this runs.
            startup::shell("window created");
            let opened = open_desk(app);
            startup::shell("desk opened");
            match opened {
                Ok((desk, team)) => {
                    let state = DeskState::new(None);
                    state.open(desk, team.as_ref().map(|t| t.shown.clone()));
                    app.manage(state);
                    if let Some(address) = team {
                        app.state::<live::Live>()
                            .watch(app.handle().clone(), address);
                    }
                }
                Err(message) => {
                    // An error dialog, not a panic: the writer must learn what is wrong.
                    eprintln!("factdesk: cannot open the desk: {message}");
                    app.manage(DeskState::new(None));
                    let handle = app.handle().clone();
                    app.dialog()
                        .message(message)
                        .title("Factdesk cannot open its desk")
                        .kind(MessageDialogKind::Error)
                        .show(move |_| handle.exit(1));
                }
            }
            Ok(())
        })
        .on_window_event(|window, event| {
            // The page saves a pending draft before the window goes: ask it first, and close
            // anyway if it does not answer (a hung page must not keep the app open).
            if let tauri::WindowEvent::CloseRequested { api, .. } = event
                && !window.state::<state::Closing>().is_confirmed()
            {
                api.prevent_close();
                let _ = window.emit(CLOSE_REQUESTED, ());
                let window = window.clone();
                std::thread::spawn(move || {
                    std::thread::sleep(std::time::Duration::from_secs(3));
                    window.state::<state::Closing>().confirm();
                    let _ = window.close();
                });
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::desk_info,
            commands::open_team_desk,
            commands::first_screen,
            commands::load_sample,
            commands::list_sources_page,
            commands::count_sources,
            commands::get_source,
            commands::add_source,
            commands::update_source,
            commands::list_claims_page,
            commands::count_claims,
            commands::search,
            commands::get_claim,
            commands::add_claim,
            commands::update_claim,
            commands::link_evidence,
            commands::unlink_evidence,
            commands::list_drafts,
            commands::get_draft,
            commands::add_draft,
            commands::update_draft,
            commands::analyse_draft,
            commands::what_we_know,
            commands::app_ready,
            commands::app_editable,
            commands::list_revisions,
            commands::get_revision,
            commands::restore_revision,
            commands::get_provenance,
            commands::list_reviews,
            commands::set_review,
            commands::get_history,
            commands::get_settings,
            commands::save_settings,
            commands::export_draft,
            commands::import_citations,
            commands::export_report,
            commands::list_people,
            commands::add_person,
            commands::add_person_alias,
            commands::list_backups,
            commands::backup_desk,
            commands::restore_backup,
            commands::intake_article,
            commands::list_candidates,
            commands::accept_candidate,
            commands::reject_candidate,
            commands::cancel_operation,
            commands::quit_app,
        ])
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("factdesk: {e}");
            ExitCode::FAILURE
        }
    }
}
