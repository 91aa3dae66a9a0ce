//! The desk as the UI holds it: the pages of the source and claim lists loaded so far (newest
//! first, each list paged from the core by cursor as it scrolls), their counts from SQL, the
//! drafts, the filter (a core search, never a filter over records in JS), what the inspector shows
//! and the banner error. One instance per mounted app (tests mount many); components get it as a
//! prop. Lists are reloaded from the desk after a change, never patched by hand, so the UI shows
//! what the desk stored (order, normalised dates), not what was typed.

import type { AppError } from './bindings/AppError';
import type { Claim } from './bindings/Claim';
import type { DeskInfo } from './bindings/DeskInfo';
import type { Draft } from './bindings/Draft';
import type { DraftSummary } from './bindings/DraftSummary';
import type { FirstScreen } from './bindings/FirstScreen';
import type { Page } from './bindings/Page';
import type { Source } from './bindings/Source';
import { PAGE_SIZE } from './firstScreen';
import { Unsaved } from './form.svelte';
import * as ipc from './ipc';
import { review } from './review.svelte';
import { mark } from './startup';
import { DebouncedSearch } from './search.svelte';

/** Most records one reload fetches (a reload keeps the pages already scrolled to). */
const MAX_RELOAD = 1_000;
/** Most hits the filter shows. */
export const FILTER_HITS = 200;

/** What the inspector shows; `id: null` is a new, unsaved record. */
export type Selection =
  | { kind: 'source'; id: string | null }
  | { kind: 'claim'; id: string | null }
  | null;

/** One list paged from the desk: the records loaded so far and where the next page starts. */
class PagedList<T> {
  items = $state<T[]>([]);
  /** The cursor of the next page; `null` once the last page is loaded. */
  next = $state<string | null>(null);
  /** How many records the desk holds (from SQL). */
  count = $state(0);
  #loading: Promise<void> | null = null;
  #generation = 0;

  constructor(
    private readonly page: (limit: number, after: string | null) => Promise<Page<T>>,
    private readonly counted: () => Promise<number>,
  ) {}

  /** Loads the newest page again, as many records as are loaded now (so the scroll holds). */
  async reload(): Promise<void> {
    const generation = ++this.#generation;
    const limit = Math.min(Math.max(this.items.length, PAGE_SIZE), MAX_RELOAD);
    const [page, count] = await Promise.all([this.page(limit, null), this.counted()]);
    if (generation !== this.#generation) return;
    this.items = page.items;
    this.next = page.next;
    this.count = count;
  }

  /** Shows a first page read elsewhere (the first screen's one call). */
  seed(page: Page<T>, count: number): void {
    ++this.#generation;
    this.items = page.items;
    this.next = page.next;
    this.count = count;
  }

  /** Loads the page after those loaded, once at a time; nothing when the last page is loaded. */
  more(): Promise<void> {
    if (this.next === null) return Promise.resolve();
    this.#loading ??= (async () => {
      const generation = this.#generation;
      try {
        const page = await this.page(PAGE_SIZE, this.next);
        if (generation !== this.#generation) return;
        this.items = [...this.items, ...page.items];
        this.next = page.next;
      } finally {
        this.#loading = null;
      }
    })();
    return this.#loading;
  }
}

export class Desk {
  info = $state<DeskInfo | null>(null);
  /** False until the first load finished (or failed). */
  loaded = $state(false);
  readonly sourceList = new PagedList<Source>(
    (limit, after) => ipc.listSourcesPage({ filter: { outlet: null }, limit, after }),
    () => ipc.countSources({ outlet: null }),
  );
  readonly claimList = new PagedList<Claim>(
    (limit, after) =>
      ipc.listClaimsPage({ filter: { confidence: null, topic: null, status: null }, limit, after }),
    () => ipc.countClaims({ confidence: null, topic: null, status: null }),
  );
  drafts = $state<DraftSummary[]>([]);
  filter = $state('');
  readonly search = new DebouncedSearch(null, FILTER_HITS, (e) => this.fail(e));
  selection = $state<Selection>(null);
  /** An error no input on screen claims. */
  banner = $state<AppError | null>(null);
  /** The intake dialog: closed, a new article, or the candidates of an article already taken in. */
  intake = $state<null | 'new' | Source>(null);

  /** The sources loaded so far, newest first (the first pages of the list). */
  get sources(): Source[] {
    return this.sourceList.items;
  }

  /** The claims loaded so far, newest first. */
  get claims(): Claim[] {
    return this.claimList.items;
  }

  /** The filter's hits by kind; `null` while the filter is blank. */
  sourceHits = $derived(this.search.hits?.filter((h) => h.kind === 'source') ?? null);
  claimHits = $derived(this.search.hits?.filter((h) => h.kind === 'claim') ?? null);

  /** The welcome panel shows while the desk has nothing in it. */
  isEmpty = $derived(
    this.loaded &&
      this.info !== null &&
      this.info.empty &&
      this.sourceList.count === 0 &&
      this.claimList.count === 0 &&
      this.drafts.length === 0,
  );

  /**
   * Shows what the first screen shows (the desk's state, the first page of each list with its
   * count, the drafts and the settings) from one answer of `first_screen`, and returns the draft
   * to open: the most recently edited, already read, or `null` (the desk has none).
   */
  show(screen: FirstScreen): Draft | null {
    mark('first_ipc');
    this.info = screen.info;
    this.sourceList.seed(screen.sources, screen.source_count);
    this.claimList.seed(screen.claims, screen.claim_count);
    this.drafts = screen.drafts;
    review.settings = screen.settings;
    this.loaded = true;
    return screen.draft;
  }

  /**
   * Reads what the first screen shows in one call and shows it (`show`); resolves with the draft
   * to open, or `null` (none, or the desk could not be read: the banner says why).
   */
  async start(): Promise<Draft | null> {
    try {
      return this.show(await ipc.firstScreen(PAGE_SIZE));
    } catch (e) {
      this.banner = ipc.toAppError(e);
      this.loaded = true;
      return null;
    }
  }

  async refresh(): Promise<void> {
    await Promise.all([this.refreshSources(), this.refreshClaims(), this.refreshDrafts()]);
  }

  async refreshSources(): Promise<void> {
    await Promise.all([this.sourceList.reload(), this.search.again()]);
  }

  async refreshClaims(): Promise<void> {
    await Promise.all([this.claimList.reload(), this.search.again()]);
  }

  /** A save's answer: the draft as the desk now lists it, first (most recently edited first). */
  draftSaved(saved: DraftSummary): void {
    this.drafts = [saved, ...this.drafts.filter((d) => d.id !== saved.id)];
  }

  async refreshDrafts(): Promise<void> {
    this.drafts = await ipc.listDrafts();
  }

  /** Runs the filter as a core search once typing pauses. */
  setFilter(query: string): void {
    this.filter = query;
    this.search.set(query);
  }

  /** The inspector's forms with changes not saved: a move to another record asks first. */
  readonly unsaved = new Unsaved();

  /**
   * Shows `selection` in the inspector, once the writer agreed to drop what the form on screen
   * holds unsaved (if anything). Resolves false when they kept editing.
   */
  async select(selection: Selection): Promise<boolean> {
    const same =
      selection !== null &&
      selection.id !== null &&
      this.selection?.kind === selection.kind &&
      this.selection.id === selection.id;
    if (!same && !(await this.unsaved.leave())) return false;
    this.selection = selection;
    return true;
  }

  /** Reports an error to the banner (for actions with no input to put it beside). */
  fail(e: unknown): void {
    const error = ipc.toAppError(e);
    // The writer pressed Cancel and nothing was written: that is what they asked for, not an error.
    if (error.code === 'cancelled') return;
    this.banner = error;
  }
}
