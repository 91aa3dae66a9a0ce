//! The open draft and its autosave. Every edit bumps a revision and (re)starts a timer; when the
//! writer stops typing for `delayMs` the latest title and body are saved with one `update_draft`
//! (a `pause` save), which answers with the analysis of the text saved (spans, findings, evidence
//! counts, confidence summary): the draft crosses to the desk once per pause, and every panel
//! reads `analysis`. `analyse()` asks again without sending the text (a draft just opened, the
//! desk's claims or settings changed). During continuous typing a `typing` save runs every `maxWaitMs`, which the
//! desk folds into one revision per few minutes. A save in flight is never doubled: edits made
//! during it are saved once it returns. `flush()` saves at once (blur, switching drafts, the
//! window going away; Ctrl+S as an `explicit` save).
//!
//! Every save names the desk revision the text was based on; the desk answers with the new base,
//! and with `conflict` when another save came in between (its text is kept as a revision, never
//! overwritten): that stays shown until the writer dismisses it or opens another draft.

import type { AppError } from './bindings/AppError';
import type { Analysis } from './bindings/Analysis';
import type { Draft } from './bindings/Draft';
import type { DraftSummary } from './bindings/DraftSummary';
import type { SaveConflict } from './bindings/SaveConflict';
import type { SaveReason } from './bindings/SaveReason';
import * as ipc from './ipc';

export type SaveState = 'saved' | 'saving' | 'dirty' | 'error';

/** The analysis of a text, with the text it was made from (offsets are into `body`). */
export type Analysed = { draftId: string; body: string; analysis: Analysis };

/** A pause in typing: the draft is saved and analysed this long after the last keystroke. */
export const AUTOSAVE_DELAY_MS = 500;
/** The longest continuous typing goes unsaved: the desk amends one revision with these saves. */
export const TYPING_SAVE_MS = 30_000;
/** How soon `body` catches up with the editor once typing pauses (see `editBody`). */
export const BODY_SYNC_MS = 100;

export class DraftSession {
  id = $state<string | null>(null);
  title = $state('');
  body = $state('');
  status = $state<SaveState>('saved');
  error = $state<AppError | null>(null);
  /** Another save came between this editor's base and its save; both texts are revisions. */
  conflict = $state<SaveConflict | null>(null);
  /** Counts `open()` calls: the editor remounts when a draft is (re)loaded, e.g. restored. */
  loads = $state(0);
  /** The latest analysis of the draft's text; `null` until the first arrives. */
  analysis = $state.raw<Analysed | null>(null);
  analysisError = $state<AppError | null>(null);

  #revision = 0;
  #savedRevision = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  /** The desk revision the editor's text is based on. */
  #base: number | null = null;
  #inFlight: Promise<void> | null = null;
  /** Reads the editor's text when `body` is behind it. */
  #pending: (() => string) | null = null;
  #syncTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #delayMs: number;
  readonly #typingMs: number;
  readonly #onSaved: (draft: DraftSummary) => void;
  #analyseSeq = 0;

  constructor(
    onSaved: (draft: DraftSummary) => void = () => {},
    delayMs = AUTOSAVE_DELAY_MS,
    typingMs = TYPING_SAVE_MS,
  ) {
    this.#onSaved = onSaved;
    this.#delayMs = delayMs;
    this.#typingMs = typingMs;
  }

  get dirty(): boolean {
    return this.#revision !== this.#savedRevision;
  }

  /** Shows `draft`; the caller flushes the previous one first. */
  open(draft: Draft): void {
    this.#cancelTimer();
    this.#dropPending();
    this.id = draft.id;
    this.title = draft.title;
    this.body = draft.body;
    this.#base = draft.revision;
    this.#revision = 0;
    this.#savedRevision = 0;
    this.status = 'saved';
    this.error = null;
    this.conflict = null;
    this.analysis = null;
    this.analysisError = null;
    this.#analyseSeq += 1;
    this.loads += 1;
  }

  /**
   * Brings `analysis` up to date: unsaved text is saved (the save answers with it), saved text is
   * analysed by the desk from its own copy, so the text is not sent again.
   */
  async analyse(): Promise<void> {
    const id = this.id;
    if (id === null) return;
    this.#pull();
    if (this.dirty || this.#inFlight !== null) {
      await this.flush();
      return;
    }
    const seq = ++this.#analyseSeq;
    const body = this.body;
    try {
      const analysis = await ipc.analyseDraft(id);
      if (seq !== this.#analyseSeq || this.id !== id) return;
      this.#analysed(id, body, analysis);
    } catch (e) {
      if (seq === this.#analyseSeq && this.id === id) this.analysisError = ipc.toAppError(e);
    }
  }

  #analysed(draftId: string, body: string, analysis: Analysis): void {
    this.analysis = { draftId, body, analysis };
    this.analysisError = null;
  }

  close(): void {
    this.#cancelTimer();
    this.#dropPending();
    this.id = null;
    this.title = '';
    this.body = '';
    this.#base = null;
    this.#revision = 0;
    this.#savedRevision = 0;
    this.status = 'saved';
    this.error = null;
    this.conflict = null;
    this.analysis = null;
    this.analysisError = null;
    this.#analyseSeq += 1;
  }

  /**
   * Someone changed this draft on the team desk; `draft` is it as the desk now holds it. Text the
   * writer has not saved is never replaced: their next save meets the desk's version check and
   * shows the conflict. Otherwise the editor shows the newer text.
   */
  remoteChanged(draft: Draft): boolean {
    if (draft.id !== this.id || this.#base === null || draft.revision <= this.#base) return false;
    this.#pull();
    if (this.dirty || this.#inFlight !== null) return false;
    this.open(draft);
    return true;
  }

  dismissConflict(): void {
    this.conflict = null;
  }

  edit(patch: { title?: string; body?: string }): void {
    if (this.id === null) return;
    if (patch.title !== undefined) this.title = patch.title;
    if (patch.body !== undefined) {
      this.#dropPending();
      this.body = patch.body;
    }
    this.#revision += 1;
    if (this.status !== 'saving') this.status = 'dirty';
    this.#schedule();
  }

  /**
   * The editor changed the body: the draft is unsaved at once, but the text is read only when
   * needed (saving, or `body` catching up once typing pauses), not copied on every keystroke.
   */
  editBody(read: () => string): void {
    if (this.id === null) return;
    this.#pending = read;
    this.#revision += 1;
    if (this.status !== 'saving') this.status = 'dirty';
    this.#schedule();
    if (this.#syncTimer !== undefined) clearTimeout(this.#syncTimer);
    this.#syncTimer = setTimeout(() => this.#pull(), BODY_SYNC_MS);
  }

  /** Brings `body` up to the editor's text. */
  #pull(): void {
    const read = this.#pending;
    this.#dropPending();
    if (read !== null) this.body = read();
  }

  #dropPending(): void {
    if (this.#syncTimer !== undefined) clearTimeout(this.#syncTimer);
    this.#syncTimer = undefined;
    this.#pending = null;
  }

  /** Saves now if anything is unsaved; resolves once the desk holds the latest text. */
  async flush(reason: SaveReason = 'pause'): Promise<void> {
    this.#pull();
    this.#cancelTimer();
    while (this.#inFlight !== null) await this.#inFlight;
    if (this.dirty && this.id !== null) await this.#save(reason);
  }

  dispose(): void {
    this.#cancelTimer();
    this.#dropPending();
  }

  #schedule(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.flush('pause');
    }, this.#delayMs);
    // Typing that never pauses is still saved every so often.
    this.#typingTimer ??= setTimeout(() => {
      this.#typingTimer = undefined;
      void this.flush('typing');
    }, this.#typingMs);
  }

  #cancelTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (this.#typingTimer !== undefined) clearTimeout(this.#typingTimer);
    this.#typingTimer = undefined;
  }

  #save(reason: SaveReason): Promise<void> {
    const id = this.id;
    if (id === null) return Promise.resolve();
    this.#pull();
    const revision = this.#revision;
    const input = { title: this.title, body: this.body };
    this.status = 'saving';
    this.error = null;
    const run = (async () => {
      try {
        const saved = await ipc.updateDraft(id, input, reason, this.#base);
        if (this.id !== id) return;
        // An analysis asked for before this save read older text.
        this.#analyseSeq += 1;
        this.#analysed(id, input.body, saved.analysis);
        this.#base = saved.revision;
        if (saved.conflict !== null) this.conflict = saved.conflict;
        this.#savedRevision = revision;
        this.status = this.dirty ? 'dirty' : 'saved';
        const d = saved.draft;
        this.#onSaved({ id: d.id, title: d.title, created_at: d.created_at, updated_at: d.updated_at });
      } catch (e) {
        if (this.id !== id) return;
        this.error = ipc.toAppError(e);
        this.status = 'error';
      } finally {
        this.#inFlight = null;
        // Edits that arrived while saving wait their own quiet second.
        if (this.id === id && this.dirty && this.status !== 'error' && this.#timer === undefined) {
          this.#schedule();
        }
      }
    })();
    this.#inFlight = run;
    return run;
  }
}
