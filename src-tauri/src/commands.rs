//! One thin function per IPC command: state in, one core call, `Result<T, AppError>` out. Every
//! name here is also listed in build.rs and granted in capabilities/default.json.
//!
//! Every command that reads or writes the desk is `async`: it runs on the async runtime's
//! threads, never on the main thread, whose event loop paints the window. A slow read (a long
//! draft, a large desk, a busy desk file) then never freezes the app.

use factdesk_core::backup::{BackupInfo, Restored};
use factdesk_core::citations::ImportReport;
use factdesk_core::export::ExportFormat;
use factdesk_core::intake::Article;
use factdesk_core::intake::record::{Acceptance, Accepted, Intake, IntakeCandidate};
use factdesk_core::people::{Person, PersonInput};
use factdesk_core::provenance::Provenance;
use factdesk_core::reviews::{Review, ReviewState};
use factdesk_core::sample::SampleSummary;
use factdesk_core::settings::Settings;
use factdesk_core::team::{TeamAddress, TeamShown};
use factdesk_core::what_we_know::{BlockEdit, WhatWeKnowRequest};
use factdesk_core::{AnalysedSave, Analysis};
use factdesk_core::{
    Claim, ClaimDetail, ClaimFilter, ClaimInput, ClaimPatch, Draft, DraftInput, DraftSummary,
    Evidence, EvidenceInput, ListQuery, Page, SearchHit, SearchKind, Source, SourceDetail,
    SourceFilter, SourceInput, SourcePatch,
};
use factdesk_core::{HistoryEntry, RecordKind, Revision, RevisionSummary, SaveReason};
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

use crate::error::AppError;
use crate::live::Live;
use crate::progress::Operations;
use crate::startup::PageMark;
use crate::state::DeskState;

type Reply<T> = Result<T, AppError>;

/// What the UI needs to know about the open desk.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct DeskInfo {
    /// The desk file; empty for a team desk.
    pub path: String,
    /// True when the desk holds no source, claim or draft yet.
    pub empty: bool,
    pub actor: String,
    /// The team desk, when one is open (never a password).
    pub team: Option<TeamDeskInfo>,
}

/// What the header shows of an open team desk.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct TeamDeskInfo {
    pub database: String,
    /// The server's host, or its socket's folder.
    pub host: String,
    /// The login the desk records changes under.
    pub login: String,
    /// `writer` or `editor`, as the database grants it; `null` for a login in neither group.
    pub role: Option<String>,
}

impl DeskInfo {
    fn of(d: &factdesk_core::Desk, team: Option<TeamShown>) -> factdesk_core::Result<DeskInfo> {
        let team = match team.filter(|_| d.is_team()) {
            Some(shown) => Some(TeamDeskInfo {
                database: shown.database,
                host: shown.host,
                login: d.actor().to_string(),
                role: d.team_role()?.map(|r| r.to_string()),
            }),
            None => None,
        };
        Ok(DeskInfo {
            path: d
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            empty: d.is_empty()?,
            actor: d.actor().to_string(),
            team,
        })
    }
}

#[tauri::command(async)]
pub fn desk_info(state: State<'_, DeskState>) -> Reply<DeskInfo> {
    let team = state.team();
    state.with(|d| DeskInfo::of(d, team))
}

/// File → Open team desk…: opens the team desk at `url` in place of the open desk, and watches
/// it for changes. The URL comes from the webview: it is checked here (no password, field
/// `url`) before anything connects; on any failure the open desk stays open.
#[tauri::command(async)]
pub fn open_team_desk(
    app: AppHandle,
    state: State<'_, DeskState>,
    live: State<'_, Live>,
    url: String,
) -> Reply<DeskInfo> {
    let address = TeamAddress::parse("url", &url)?;
    let (desk, info) = crate::state::off_runtime(|| {
        let desk = factdesk_core::Desk::open_team(address.url())?;
        let info = DeskInfo::of(&desk, Some(address.shown.clone()))?;
        Ok::<_, factdesk_core::CoreError>((desk, info))
    })?;
    state.open(desk, Some(address.shown.clone()));
    live.watch(app, address);
    Ok(info)
}

/// Everything the first screen shows, in one call: the desk, the newest page of each list with
/// its count, the drafts, the settings and the draft the editor opens (the most recently edited,
/// `null` on a desk without drafts). One round trip and one lock of the desk instead of eight.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct FirstScreen {
    pub info: DeskInfo,
    pub sources: Page<Source>,
    #[ts(type = "number")]
    pub source_count: u64,
    pub claims: Page<Claim>,
    #[ts(type = "number")]
    pub claim_count: u64,
    pub drafts: Vec<DraftSummary>,
    pub settings: Settings,
    pub draft: Option<Draft>,
}

/// The first screen's data (see `FirstScreen`); `limit` is the lists' page size.
#[tauri::command(async)]
pub fn first_screen(state: State<'_, DeskState>, limit: Option<u32>) -> Reply<FirstScreen> {
    let team = state.team();
    state.with(|d| {
        let sources = d.sources_page(&ListQuery {
            filter: SourceFilter::default(),
            limit,
            after: None,
        })?;
        let claims = d.claims_page(&ListQuery {
            filter: ClaimFilter::default(),
            limit,
            after: None,
        })?;
        let drafts = d.drafts()?;
        // The desk lists drafts most recently edited first.
        let draft = drafts.first().map(|s| d.draft(&s.id)).transpose()?;
        Ok(FirstScreen {
            info: DeskInfo::of(d, team)?,
            source_count: d.count_sources(&SourceFilter::default())?,
            claim_count: d.count_claims(&ClaimFilter::default())?,
            sources,
            claims,
            drafts,
            settings: d.settings()?,
            draft,
        })
    })
}

#[tauri::command(async)]
pub fn load_sample(state: State<'_, DeskState>) -> Reply<SampleSummary> {
    state.with(|d| d.load_sample())
}

/// One page of sources, newest first (`query.after` is the `next` of the page before).
#[tauri::command(async)]
pub fn list_sources_page(
    state: State<'_, DeskState>,
    query: ListQuery<SourceFilter>,
) -> Reply<Page<Source>> {
    state.with(|d| d.sources_page(&query))
}

#[tauri::command(async)]
pub fn count_sources(state: State<'_, DeskState>, filter: SourceFilter) -> Reply<u64> {
    state.with(|d| d.count_sources(&filter))
}

#[tauri::command(async)]
pub fn get_source(state: State<'_, DeskState>, id: String) -> Reply<SourceDetail> {
    state.with(|d| d.source_detail(&id))
}

#[tauri::command(async)]
pub fn add_source(state: State<'_, DeskState>, input: SourceInput) -> Reply<Source> {
    state.with(|d| d.add_source(&input))
}

/// Saves a source form; `version` is the source's version the form showed, so a field someone
/// else changed since is merged or refused, never silently overwritten.
#[tauri::command(async)]
pub fn update_source(
    state: State<'_, DeskState>,
    id: String,
    version: i64,
    input: SourceInput,
) -> Reply<Source> {
    state.with(|d| d.edit_source(&id, &SourcePatch::from_form(&input, Some(version))))
}

/// One page of claims, newest first (`query.after` is the `next` of the page before).
#[tauri::command(async)]
pub fn list_claims_page(
    state: State<'_, DeskState>,
    query: ListQuery<ClaimFilter>,
) -> Reply<Page<Claim>> {
    state.with(|d| d.claims_page(&query))
}

#[tauri::command(async)]
pub fn count_claims(state: State<'_, DeskState>, filter: ClaimFilter) -> Reply<u64> {
    state.with(|d| d.count_claims(&filter))
}

/// The records holding every word of `query`, best first (see `factdesk_core::search`).
#[tauri::command(async)]
pub fn search(
    state: State<'_, DeskState>,
    query: String,
    kind: Option<SearchKind>,
    limit: usize,
) -> Reply<Vec<SearchHit>> {
    state.with(|d| d.search(&query, kind, limit))
}

#[tauri::command(async)]
pub fn get_claim(state: State<'_, DeskState>, id: String) -> Reply<ClaimDetail> {
    state.with(|d| d.claim_detail(&id))
}

#[tauri::command(async)]
pub fn add_claim(state: State<'_, DeskState>, input: ClaimInput) -> Reply<Claim> {
    state.with(|d| d.add_claim(&input))
}

/// Saves a claim form; `version` is the claim's version the form showed (see `update_source`).
/// A `reason` records a reviewer's override of the evidence's suggestion.
#[tauri::command(async)]
pub fn update_claim(
    state: State<'_, DeskState>,
    id: String,
    version: i64,
    input: ClaimInput,
    reason: Option<String>,
) -> Reply<Claim> {
    state.with(|d| {
        d.edit_claim(
            &id,
            &ClaimPatch::from_form(&input, Some(version)),
            reason.as_deref(),
        )
    })
}

#[tauri::command(async)]
pub fn link_evidence(state: State<'_, DeskState>, input: EvidenceInput) -> Reply<Evidence> {
    state.with(|d| d.link_evidence(&input))
}

#[tauri::command(async)]
pub fn unlink_evidence(state: State<'_, DeskState>, id: String) -> Reply<()> {
    state.with(|d| d.unlink_evidence(&id))
}

#[tauri::command(async)]
pub fn list_drafts(state: State<'_, DeskState>) -> Reply<Vec<DraftSummary>> {
    state.with(|d| d.drafts())
}

#[tauri::command(async)]
pub fn get_draft(state: State<'_, DeskState>, id: String) -> Reply<Draft> {
    state.with(|d| d.draft(&id))
}

#[tauri::command(async)]
pub fn add_draft(state: State<'_, DeskState>, input: DraftInput) -> Reply<Draft> {
    state.with(|d| d.add_draft(&input))
}

#[tauri::command(async)]
pub fn update_draft(
    state: State<'_, DeskState>,
    id: String,
    input: DraftInput,
    reason: SaveReason,
    base_revision: Option<i64>,
) -> Reply<AnalysedSave> {
    state.with(|d| d.save_and_analyse(&id, &input, reason, base_revision))
}

/// Spans, findings, evidence counts and confidence summary of a draft's saved text: the pane's
/// whole answer without sending the text (a pause in typing gets it from the save instead).
#[tauri::command(async)]
pub fn analyse_draft(state: State<'_, DeskState>, id: String) -> Reply<Analysis> {
    state.with(|d| d.analyse_draft(&id))
}

/// The "what we know" block for the editor's text (saved or not) as an edit: it replaces the
/// block already there, or goes in at `cursor` (a UTF-8 byte offset). The editor applies it and
/// the normal save keeps it, so the writer can undo it like any typing.
#[tauri::command(async)]
pub fn what_we_know(
    state: State<'_, DeskState>,
    body: String,
    cursor: Option<usize>,
    request: WhatWeKnowRequest,
) -> Reply<BlockEdit> {
    state.with(|d| d.what_we_know_edit(&body, cursor, &request))
}

/// The page has painted its first frames: log how long start-up took and where the time went
/// (`marks`: the page's own phases), for `make measure` and the end-to-end suite.
#[tauri::command]
pub fn app_ready(marks: Option<Vec<PageMark>>) {
    crate::startup::first_frame(marks.as_deref().unwrap_or_default());
}

/// The first draft is in the editor and can take typing: log the time (once per run).
#[tauri::command]
pub fn app_editable(marks: Option<Vec<PageMark>>) {
    crate::startup::draft_editable(marks.as_deref().unwrap_or_default());
}

#[tauri::command(async)]
pub fn list_revisions(state: State<'_, DeskState>, id: String) -> Reply<Vec<RevisionSummary>> {
    state.with(|d| d.draft_revisions(&id))
}

#[tauri::command(async)]
pub fn get_revision(state: State<'_, DeskState>, id: String, seq: i64) -> Reply<Revision> {
    state.with(|d| d.draft_revision(&id, seq))
}

#[tauri::command(async)]
pub fn restore_revision(state: State<'_, DeskState>, id: String, seq: i64) -> Reply<Draft> {
    state.with(|d| d.restore_revision(&id, seq))
}

#[tauri::command(async)]
pub fn get_provenance(state: State<'_, DeskState>, id: String) -> Reply<Provenance> {
    state.with(|d| d.provenance(&id))
}

#[tauri::command(async)]
pub fn list_reviews(state: State<'_, DeskState>, draft: String) -> Reply<Vec<Review>> {
    state.with(|d| d.reviews(&draft))
}

#[tauri::command(async)]
pub fn set_review(
    state: State<'_, DeskState>,
    draft: String,
    claim: String,
    review: ReviewState,
    comment: Option<String>,
) -> Reply<Review> {
    state.with(|d| d.set_review(&draft, &claim, review, comment.as_deref()))
}

/// The history of a claim (with its evidence, reviews and overrides) or of a source.
#[tauri::command(async)]
pub fn get_history(
    state: State<'_, DeskState>,
    kind: String,
    id: String,
) -> Reply<Vec<HistoryEntry>> {
    let kind = match kind.as_str() {
        "claim" => RecordKind::Claim,
        "source" => RecordKind::Source,
        _ => {
            return Err(AppError::from(factdesk_core::CoreError::invalid(
                "kind",
                "must be claim or source",
            )));
        }
    };
    state.with(|d| d.history(kind, &id))
}

#[tauri::command(async)]
pub fn get_settings(state: State<'_, DeskState>) -> Reply<Settings> {
    state.with(|d| d.settings())
}

#[tauri::command(async)]
pub fn save_settings(state: State<'_, DeskState>, settings: Settings) -> Reply<Settings> {
    state.with(|d| d.save_settings(&settings))
}

/// A file name for a draft's export: its title, reduced to safe characters.
fn suggested_name(title: &str, suffix: &str) -> String {
    let slug: String = title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect::<String>()
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    let slug: String = slug.chars().take(60).collect();
    format!("{}{suffix}", if slug.is_empty() { "draft" } else { &slug })
}

/// Asks where to save, on the native dialog: the webview never names a path.
fn ask_path(app: &AppHandle, name: &str) -> Reply<Option<std::path::PathBuf>> {
    let Some(picked) = app
        .dialog()
        .file()
        .set_file_name(name)
        .add_filter("Markdown", &["md"])
        .blocking_save_file()
    else {
        return Ok(None);
    };
    picked.into_path().map(Some).map_err(|e| {
        AppError::from(factdesk_core::CoreError::invalid(
            "path",
            format!("not a local file: {e}"),
        ))
    })
}

/// Exports a draft to a file the writer picks. With `publish`, refuses (before asking for a
/// file, writing nothing) while anything blocks publication. Returns the path written, or
/// `null` when the writer cancelled.
#[tauri::command(async)]
pub fn export_draft(
    app: AppHandle,
    state: State<'_, DeskState>,
    ops: State<'_, Operations>,
    id: String,
    format: ExportFormat,
    publish: bool,
) -> Reply<Option<String>> {
    let (exported, title) = state.with(|d| {
        let title = d.draft(&id)?.title;
        let exported = if publish {
            d.export_for_publication(&id, format)?
        } else {
            d.export_draft(&id, format)?
        };
        Ok((exported, title))
    })?;
    let Some(path) = ask_path(&app, &suggested_name(&title, ".md"))? else {
        return Ok(None);
    };
    // The desk, its journal and its backups are refused, naming the field. The exported text
    // is kept as a revision no autosave amends.
    let running = ops.start();
    let progress = running.progress(&app, "export_draft");
    state.with(|d| {
        d.save_export_with(&exported, &path, None, &progress)?;
        d.mark_exported(&id)
    })?;
    Ok(Some(path.display().to_string()))
}

/// Writes the provenance report of a draft to a file the editor picks.
#[tauri::command(async)]
pub fn export_report(
    app: AppHandle,
    state: State<'_, DeskState>,
    ops: State<'_, Operations>,
    id: String,
) -> Reply<Option<String>> {
    let (report, title) = state.with(|d| Ok((d.provenance_report(&id)?, d.draft(&id)?.title)))?;
    let Some(path) = ask_path(&app, &suggested_name(&title, "-provenance.md"))? else {
        return Ok(None);
    };
    let running = ops.start();
    let progress = running.progress(&app, "export_report");
    state.with(|d| d.save_text_with("path", &path, &report, &progress))?;
    Ok(Some(path.display().to_string()))
}

/// File → Import: imports the citation library (CSL-JSON, BibTeX/BibLaTeX, RIS) the writer picks
/// in the native open dialog, in one write. The path never comes from the webview, which is
/// untrusted: it could otherwise have any file on disk read into the desk. `null` when the
/// writer cancelled.
#[tauri::command(async)]
pub fn import_citations(
    app: AppHandle,
    state: State<'_, DeskState>,
    ops: State<'_, Operations>,
) -> Reply<Option<ImportReport>> {
    let Some(picked) = app
        .dialog()
        .file()
        .add_filter("Citation library", &["json", "bib", "bibtex", "ris", "txt"])
        .blocking_pick_file()
    else {
        return Ok(None);
    };
    let path = picked.into_path().map_err(|e| {
        AppError::from(factdesk_core::CoreError::invalid(
            "path",
            format!("not a local file: {e}"),
        ))
    })?;
    let running = ops.start();
    let progress = running.progress(&app, "import_citations");
    Ok(Some(state.with(|d| {
        d.import_citations_with(&path, false, &progress)
    })?))
}

// Backups (Settings → Backups). They copy and check the whole desk: off the main thread.

/// The desk's backups, newest first, with size and record counts.
#[tauri::command(async)]
pub fn list_backups(state: State<'_, DeskState>) -> Reply<Vec<BackupInfo>> {
    state.with(|d| d.list_backups())
}

/// The people the desk knows, with their Hangul names and the spellings they go by.
#[tauri::command(async)]
pub fn list_people(state: State<'_, DeskState>) -> Reply<Vec<Person>> {
    state.with(|d| d.people())
}

/// Records a person (the name-variant check pairs their listed spellings, and no others).
#[tauri::command(async)]
pub fn add_person(state: State<'_, DeskState>, input: PersonInput) -> Reply<Person> {
    state.with(|d| d.add_person(&input))
}

/// Adds a spelling a person is known by.
#[tauri::command(async)]
pub fn add_person_alias(state: State<'_, DeskState>, id: String, alias: String) -> Reply<Person> {
    state.with(|d| d.add_person_alias(&id, &alias))
}

/// Records a pasted article as a source with its kept text and proposes candidate claims; no
/// claim exists until the writer accepts one.
#[tauri::command(async)]
pub fn intake_article(
    app: AppHandle,
    state: State<'_, DeskState>,
    ops: State<'_, Operations>,
    article: Article,
) -> Reply<Intake> {
    let running = ops.start();
    let progress = running.progress(&app, "intake_article");
    state.with(|d| d.intake_with(&article, false, &progress))
}

/// The candidates an intake proposed (of one source, or all), pending first.
#[tauri::command(async)]
pub fn list_candidates(
    state: State<'_, DeskState>,
    source: Option<String>,
) -> Reply<Vec<IntakeCandidate>> {
    state.with(|d| d.candidates(source.as_deref()))
}

/// Accepts a candidate: its claim (or evidence for an existing claim), relay sources and
/// evidence, in one transaction.
#[tauri::command(async)]
pub fn accept_candidate(
    state: State<'_, DeskState>,
    id: String,
    acceptance: Acceptance,
) -> Reply<Accepted> {
    state.with(|d| d.accept_candidate(&id, &acceptance))
}

#[tauri::command(async)]
pub fn reject_candidate(state: State<'_, DeskState>, id: String) -> Reply<IntakeCandidate> {
    state.with(|d| d.reject_candidate(&id))
}

/// Takes a verified backup into the backups folder now; returns the list with it.
#[tauri::command(async)]
pub fn backup_desk(
    app: AppHandle,
    state: State<'_, DeskState>,
    ops: State<'_, Operations>,
) -> Reply<Vec<BackupInfo>> {
    let running = ops.start();
    let progress = running.progress(&app, "backup_desk");
    state.with(|d| {
        d.backup_now_with(None, &progress)?;
        d.list_backups()
    })
}

/// Replaces the desk by one of its backups (the UI confirms first); the desk it replaces is
/// backed up first. `path` must be one of `list_backups`' paths: the webview never names
/// another file.
#[tauri::command(async)]
pub fn restore_backup(
    app: AppHandle,
    state: State<'_, DeskState>,
    ops: State<'_, Operations>,
    path: String,
) -> Reply<Restored> {
    let running = ops.start();
    let progress = running.progress(&app, "restore_backup");
    state.replace(|desk| {
        let listed = desk.list_backups()?.into_iter().any(|b| b.path == path);
        if !listed {
            return Err(factdesk_core::CoreError::invalid(
                "backup",
                "is not one of this desk's backups",
            ));
        }
        desk.restore_from_with(std::path::Path::new(&path), &progress)
    })
}

/// Stops the running long operation (import, intake, export, backup, restore) at its next
/// check: it rejects with code `cancelled` and writes nothing. Returns how many were running.
#[tauri::command(async)]
pub fn cancel_operation(ops: State<'_, Operations>) -> usize {
    ops.cancel_all()
}

/// The page has saved what the writer typed: close the app (Ctrl+Q, or after the window's close
/// button asked the page to save).
#[tauri::command]
pub fn quit_app(app: AppHandle, closing: State<'_, crate::state::Closing>) {
    closing.confirm();
    app.exit(0);
}
