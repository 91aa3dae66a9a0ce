//! A search that follows what the writer types: the desk is asked once typing pauses
//! (`SEARCH_DELAY` ms), and an answer to an older query never replaces a newer one. The desk does
//! the matching (`search` IPC, FTS5 in the core); nothing here filters records in JS.

import type { SearchHit } from './bindings/SearchHit';
import type { SearchKind } from './bindings/SearchKind';
import * as ipc from './ipc';

/** How long typing must pause before the desk is asked. */
export const SEARCH_DELAY = 150;

export class DebouncedSearch {
  /** The hits of the newest query answered; `null` while the query is blank. */
  hits = $state<SearchHit[] | null>(null);
  #timer: ReturnType<typeof setTimeout> | undefined;
  #asked = 0;
  #query = '';

  constructor(
    private readonly kind: SearchKind | null,
    private readonly limit: number,
    private readonly onerror: (e: unknown) => void,
  ) {}

  /** Asks for `query` once typing pauses; a blank query clears the hits at once. */
  set(query: string): void {
    clearTimeout(this.#timer);
    this.#query = query.trim();
    const asked = ++this.#asked;
    if (this.#query === '') {
      this.hits = null;
      return;
    }
    this.#timer = setTimeout(() => void this.#run(asked), SEARCH_DELAY);
  }

  /** Asks again now for the current query (after a change to the desk). */
  async again(): Promise<void> {
    if (this.#query === '') return;
    await this.#run(++this.#asked);
  }

  async #run(asked: number): Promise<void> {
    try {
      const hits = await ipc.search(this.#query, this.kind, this.limit);
      if (asked === this.#asked) this.hits = hits;
    } catch (e) {
      if (asked === this.#asked) {
        this.hits = [];
        this.onerror(e);
      }
    }
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#asked++;
  }
}
