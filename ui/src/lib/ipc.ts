//! The seam between the UI and the Tauri shell: the only module that imports `@tauri-apps/api`.
//! One typed function per command in docs/ipc.md; every rejection becomes an `AppError`
//! (`{ code, message, field? }`), so components branch on `code` and place messages by `field`.

import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { AppError } from './bindings/AppError';
import type { Claim } from './bindings/Claim';
import type { ClaimDetail } from './bindings/ClaimDetail';
import type { ClaimInput } from './bindings/ClaimInput';
import type { DeskInfo } from './bindings/DeskInfo';
import type { Draft } from './bindings/Draft';
import type { DraftInput } from './bindings/DraftInput';
import type { DraftSummary } from './bindings/DraftSummary';
import type { FirstScreen } from './bindings/FirstScreen';
import type { Evidence } from './bindings/Evidence';
import type { EvidenceInput } from './bindings/EvidenceInput';
import type { SampleSummary } from './bindings/SampleSummary';
import type { AnalysedSave } from './bindings/AnalysedSave';
import type { Analysis } from './bindings/Analysis';
import type { SaveReason } from './bindings/SaveReason';
import type { BlockEdit } from './bindings/BlockEdit';
import type { WhatWeKnowRequest } from './bindings/WhatWeKnowRequest';
import type { Source } from './bindings/Source';
import type { SourceDetail } from './bindings/SourceDetail';
import type { SourceInput } from './bindings/SourceInput';
import type { ClaimFilter } from './bindings/ClaimFilter';
import type { ListQuery } from './bindings/ListQuery';
import type { Page } from './bindings/Page';
import type { PageMark } from './bindings/PageMark';
import type { SearchHit } from './bindings/SearchHit';
import type { SearchKind } from './bindings/SearchKind';
import type { SourceFilter } from './bindings/SourceFilter';

export type { AppError };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** True when `value` already has the shape the shell rejects with. */
export function isAppError(value: unknown): value is AppError {
  return (
    isRecord(value) &&
    typeof value.code === 'string' &&
    typeof value.message === 'string' &&
    (value.field === undefined || value.field === null || typeof value.field === 'string')
  );
}

/**
 * Turns whatever a command rejected with into an `AppError`. The shell always sends the
 * structured shape; anything else (a plain string from Tauri itself, a thrown `Error`) is
 * reported as `internal` so the UI has one shape to handle.
 */
export function toAppError(reason: unknown): AppError {
  if (isAppError(reason)) {
    const error: AppError = { code: reason.code, message: reason.message };
    if (typeof reason.field === 'string' && reason.field !== '') error.field = reason.field;
    // The structured facts (the gate's blockers, a conflict's values) travel with the error.
    if (reason.details !== undefined && reason.details !== null) error.details = reason.details;
    return error;
  }
  if (reason instanceof Error) return { code: 'internal', message: reason.message };
  if (typeof reason === 'string') return { code: 'internal', message: reason };
  return { code: 'internal', message: 'The desk did not answer as expected.' };
}

// --- Progress and cancelling of the long commands (issue 13) ----------------------------------
import type { ProgressEvent } from './bindings/ProgressEvent';

/** The event the shell sends while a long command works. */
export const PROGRESS_EVENT = 'factdesk://progress';

/** Who watches the long commands: their progress, and the moment each one settles. */
export type ProgressWatcher = { progress: (event: ProgressEvent) => void; settled: (op: string) => void };

const watchers = new Set<ProgressWatcher>();
/** How many calls of each long command are in flight. */
const inFlight = new Map<string, number>();

/** Tracks a long command's call, so its progress is shown only while it is in flight. */
function long<T>(op: string, pending: Promise<T>): Promise<T> {
  inFlight.set(op, (inFlight.get(op) ?? 0) + 1);
  return pending.finally(() => {
    const left = (inFlight.get(op) ?? 1) - 1;
    if (left > 0) inFlight.set(op, left);
    else inFlight.delete(op);
    for (const w of watchers) w.settled(op);
  });
}

/**
 * Calls `watcher` with the progress of the long commands (import, intake, exports, backup,
 * restore) and when each settles. An event that arrives after its command settled (events and
 * replies travel apart) is dropped. Resolves to the function that stops watching.
 */
export async function watchProgress(watcher: ProgressWatcher): Promise<() => void> {
  watchers.add(watcher);
  const unlisten = await listen<ProgressEvent>(PROGRESS_EVENT, (e) => {
    if (inFlight.has(e.payload.op)) watcher.progress(e.payload);
  });
  return () => {
    watchers.delete(watcher);
    unlisten();
  };
}

/** Stops the running long command at its next check; it rejects with code `cancelled`. */
export const cancelOperation = (): Promise<number> => call('cancel_operation');

async function call<T>(command: string, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toAppError(reason);
  }
}

export const deskInfo = (): Promise<DeskInfo> => call('desk_info');
/**
 * The first screen in one round trip: the desk, the newest `limit` sources and claims with their
 * counts, the drafts, the settings and the most recently edited draft (`null` when there is none).
 */
export const firstScreen = (limit: number): Promise<FirstScreen> => call('first_screen', { limit });
export const loadSample = (): Promise<SampleSummary> => call('load_sample');

/** One page of sources, newest first; pass the page's `next` as `after` for the page after it. */
export const listSourcesPage = (query: ListQuery<SourceFilter>): Promise<Page<Source>> =>
  call('list_sources_page', { query });
/** How many sources pass `filter`, counted by the desk. */
export const countSources = (filter: SourceFilter): Promise<number> => call('count_sources', { filter });
export const getSource = (id: string): Promise<SourceDetail> => call('get_source', { id });
export const addSource = (input: SourceInput): Promise<Source> => call('add_source', { input });
/** `version` is the source's version the form showed: the desk merges or refuses, never overwrites. */
export const updateSource = (id: string, version: number, input: SourceInput): Promise<Source> =>
  call('update_source', { id, version, input });

/** One page of claims, newest first (see `listSourcesPage`). */
export const listClaimsPage = (query: ListQuery<ClaimFilter>): Promise<Page<Claim>> =>
  call('list_claims_page', { query });
export const countClaims = (filter: ClaimFilter): Promise<number> => call('count_claims', { filter });

/** The records holding every word of `query` (plain words, never syntax), best first. */
export const search = (query: string, kind: SearchKind | null, limit: number): Promise<SearchHit[]> =>
  call('search', { query, kind, limit });
export const getClaim = (id: string): Promise<ClaimDetail> => call('get_claim', { id });
export const addClaim = (input: ClaimInput): Promise<Claim> => call('add_claim', { input });
/**
 * `version` is the claim's version the form showed (see `updateSource`). With a `reason`, a
 * reviewer keeps the claim's confidence above what its evidence suggests.
 */
export const updateClaim = (id: string, version: number, input: ClaimInput, reason?: string): Promise<Claim> =>
  call('update_claim', reason === undefined ? { id, version, input } : { id, version, input, reason });

export const linkEvidence = (input: EvidenceInput): Promise<Evidence> =>
  call('link_evidence', { input });
export const unlinkEvidence = (id: string): Promise<null> => call('unlink_evidence', { id });

export const listDrafts = (): Promise<DraftSummary[]> => call('list_drafts');
export const getDraft = (id: string): Promise<Draft> => call('get_draft', { id });
export const addDraft = (input: DraftInput): Promise<Draft> => call('add_draft', { input });
/**
 * Saves a draft for `reason`, from the revision the writer was editing (`baseRevision`); the
 * outcome names the new base, any newer text another save had left (kept as a revision), and
 * the analysis of the text saved. The body is not sent back.
 */
export const updateDraft = (
  id: string,
  input: DraftInput,
  reason: SaveReason,
  baseRevision: number | null,
): Promise<AnalysedSave> => call('update_draft', { id, input, reason, baseRevision });
/** Spans, findings, evidence counts and confidence summary of a draft's saved text. */
export const analyseDraft = (id: string): Promise<Analysis> => call('analyse_draft', { id });

/**
 * The "what we know" block for the editor's text as an edit in UTF-8 bytes: it replaces the
 * draft's block, or goes in at `cursor` (a byte offset). The caller applies it to the editor.
 */
export const whatWeKnow = (body: string, cursor: number | null, request: WhatWeKnowRequest): Promise<BlockEdit> =>
  call('what_we_know', { body, cursor, request });

/** The first frame has painted; `marks` are the page's start-up phases (see `startup.ts`). */
export const appReady = (marks: PageMark[]): Promise<null> => call('app_ready', { marks });
/** The first draft is in the editor and takes typing (logged once per run). */
export const appEditable = (marks: PageMark[]): Promise<null> => call('app_editable', { marks });

// Review (issue 4): findings, provenance, sign-off, history, settings, the provenance report.
import type { HistoryEntry } from './bindings/HistoryEntry';
import type { Provenance } from './bindings/Provenance';
import type { Review } from './bindings/Review';
import type { ReviewState } from './bindings/ReviewState';
import type { Settings } from './bindings/Settings';

export const getProvenance = (id: string): Promise<Provenance> => call('get_provenance', { id });
export const listReviews = (draft: string): Promise<Review[]> => call('list_reviews', { draft });
export const setReview = (
  draft: string,
  claim: string,
  review: ReviewState,
  comment?: string,
): Promise<Review> =>
  call('set_review', comment === undefined ? { draft, claim, review } : { draft, claim, review, comment });
export const getHistory = (kind: 'claim' | 'source', id: string): Promise<HistoryEntry[]> =>
  call('get_history', { kind, id });
export const getSettings = (): Promise<Settings> => call('get_settings');
export const saveSettings = (settings: Settings): Promise<Settings> => call('save_settings', { settings });
/** The draft's provenance report; `null` when the writer cancelled the save dialog. */
export const exportReport = (id: string): Promise<string | null> =>
  long('export_report', call('export_report', { id }));

// Drafting and export (issue 3).
import type { ExportFormat } from './bindings/ExportFormat';
import type { Revision } from './bindings/Revision';
import type { RevisionSummary } from './bindings/RevisionSummary';

export const listRevisions = (id: string): Promise<RevisionSummary[]> => call('list_revisions', { id });
export const getRevision = (id: string, seq: number): Promise<Revision> => call('get_revision', { id, seq });
export const restoreRevision = (id: string, seq: number): Promise<Draft> => call('restore_revision', { id, seq });
/** Exports a draft through the native save dialog: the path written, `null` if cancelled. */
export const exportDraft = (id: string, format: ExportFormat, publish = false): Promise<string | null> =>
  long('export_draft', call('export_draft', { id, format, publish }));

// --- Closing without losing a keystroke ------------------------------------------------------

/** Exits the app; call only once everything typed is saved. */
export const quitApp = (): Promise<null> => call('quit_app');

/**
 * Runs `save` when the window is asked to close, then quits. The shell waits for this (and
 * closes anyway after a few seconds if the page is stuck).
 */
export function onCloseRequested(save: () => Promise<void>): Promise<() => void> {
  return listen('factdesk://close-requested', () => {
    void save().finally(() => void quitApp());
  });
}

// --- Backups (issue 8) -------------------------------------------------------------------------
import type { Person } from './bindings/Person';
import type { PersonInput } from './bindings/PersonInput';
import type { BackupInfo } from './bindings/BackupInfo';
import type { Restored } from './bindings/Restored';

/** The desk's backups, newest first. */
export const listPeople = (): Promise<Person[]> => call('list_people');
export const addPerson = (input: PersonInput): Promise<Person> => call('add_person', { input });
/** Adds a spelling the person is known by. */
export const addPersonAlias = (id: string, alias: string): Promise<Person> =>
  call('add_person_alias', { id, alias });

export const listBackups = (): Promise<BackupInfo[]> => call('list_backups');
/** Takes a verified backup now; answers the list with it. */
export const backupDesk = (): Promise<BackupInfo[]> => long('backup_desk', call('backup_desk'));
/** Replaces the desk by one of its backups (`path` from `listBackups`); backs up the desk first. */
export const restoreBackup = (path: string): Promise<Restored> =>
  long('restore_backup', call('restore_backup', { path }));

// --- Intake (issue 11) -------------------------------------------------------------------------
import type { Acceptance } from './bindings/Acceptance';
import type { Accepted } from './bindings/Accepted';
import type { Article } from './bindings/Article';
import type { Intake } from './bindings/Intake';
import type { IntakeCandidate } from './bindings/IntakeCandidate';

/** Records a pasted article as a source and proposes candidate claims (none is created yet). */
export const intakeArticle = (article: Article): Promise<Intake> =>
  long('intake_article', call('intake_article', { article }));
/** The candidates of one source's intake (all sources when `null`). */
export const listCandidates = (source: string | null): Promise<IntakeCandidate[]> =>
  call('list_candidates', { source });
/** Creates the candidate's claim (or adds its evidence to `acceptance.evidence_to`) in one write. */
export const acceptCandidate = (id: string, acceptance: Acceptance): Promise<Accepted> =>
  call('accept_candidate', { id, acceptance });
export const rejectCandidate = (id: string): Promise<IntakeCandidate> => call('reject_candidate', { id });

import type { ImportReport } from './bindings/ImportReport';

/** Imports the citation library the writer picks in the native open dialog; `null` if cancelled. */
export const importCitations = (): Promise<ImportReport | null> =>
  long('import_citations', call('import_citations'));

// --- A team desk on PostgreSQL (issue 12) ------------------------------------------------------
import type { TeamChanges } from './bindings/TeamChanges';
import type { TeamConnection } from './bindings/TeamConnection';

/** The event a burst of changes on the open team desk arrives as (ids only). */
export const TEAM_CHANGES_EVENT = 'factdesk://team-changes';
/** The event saying the team desk went away or came back. */
export const TEAM_CONNECTION_EVENT = 'factdesk://team-connection';

/**
 * Opens the team desk at `url` (`postgres://LOGIN@HOST/DATABASE`, no password: the shell refuses
 * one, field `url`) in place of the open desk; the open desk stays open when this fails.
 */
export const openTeamDesk = (url: string): Promise<DeskInfo> => call('open_team_desk', { url });

/** Calls `changed` with each burst of changes on the open team desk; resolves to the unlisten. */
export const onTeamChanges = (changed: (batch: TeamChanges) => void): Promise<() => void> =>
  listen<TeamChanges>(TEAM_CHANGES_EVENT, (e) => changed(e.payload));

/** Calls `seen` when the team desk cannot be reached, and when it is back. */
export const onTeamConnection = (seen: (c: TeamConnection) => void): Promise<() => void> =>
  listen<TeamConnection>(TEAM_CONNECTION_EVENT, (e) => seen(e.payload));
