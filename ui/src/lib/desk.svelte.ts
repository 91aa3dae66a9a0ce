//! The desk as the UI holds it: the three lists, the filter, what the inspector shows and the
//! banner error. One instance per mounted app (tests mount many); components get it as a prop.
//! Lists are always reloaded from the desk after a change, never patched by hand, so the UI shows
//! what the desk stored (order, normalised dates), not what was typed.

import type { AppError } from './bindings/AppError';
import type { Claim } from './bindings/Claim';
import type { DeskInfo } from './bindings/DeskInfo';
import type { DraftSummary } from './bindings/DraftSummary';
import type { Source } from './bindings/Source';
import { claimMatches, sourceMatches } from './filter';
import * as ipc from './ipc';

/** What the inspector shows; `id: null` is a new, unsaved record. */
export type Selection =
  | { kind: 'source'; id: string | null }
  | { kind: 'claim'; id: string | null }
  | null;

export class Desk {
  info = $state<DeskInfo | null>(null);
  /** False until the first load finished (or failed). */
  loaded = $state(false);
  sources = $state<Source[]>([]);
  claims = $state<Claim[]>([]);
  drafts = $state<DraftSummary[]>([]);
  filter = $state('');
  selection = $state<Selection>(null);
  /** An error no input on screen claims. */
  banner = $state<AppError | null>(null);

  visibleSources = $derived(this.sources.filter((s) => sourceMatches(s, this.filter)));
  visibleClaims = $derived(this.claims.filter((c) => claimMatches(c, this.filter)));

  /** The welcome panel shows while the desk has nothing in it. */
  isEmpty = $derived(
    this.loaded &&
      this.info !== null &&
      this.info.empty &&
      this.sources.length === 0 &&
      this.claims.length === 0 &&
      this.drafts.length === 0,
  );

  /** Reads the desk's state and all three lists. */
  async start(): Promise<void> {
    try {
      this.info = await ipc.deskInfo();
      await this.refresh();
    } catch (e) {
      this.banner = ipc.toAppError(e);
    } finally {
      this.loaded = true;
    }
  }

  async refresh(): Promise<void> {
    const [sources, claims, drafts] = await Promise.all([
      ipc.listSources(),
      ipc.listClaims(),
      ipc.listDrafts(),
    ]);
    this.sources = sources;
    this.claims = claims;
    this.drafts = drafts;
  }

  async refreshSources(): Promise<void> {
    this.sources = await ipc.listSources();
  }

  async refreshClaims(): Promise<void> {
    this.claims = await ipc.listClaims();
  }

  /** A save's answer: the draft as the desk now lists it, first (most recently edited first). */
  draftSaved(saved: DraftSummary): void {
    this.drafts = [saved, ...this.drafts.filter((d) => d.id !== saved.id)];
  }

  async refreshDrafts(): Promise<void> {
    this.drafts = await ipc.listDrafts();
  }

  select(selection: Selection): void {
    this.selection = selection;
  }

  sourceById(id: string): Source | undefined {
    return this.sources.find((s) => s.id === id);
  }

  /** Reports an error to the banner (for actions with no input to put it beside). */
  fail(e: unknown): void {
    this.banner = ipc.toAppError(e);
  }
}
