//! Live updates from an open team desk, as the page holds them: whether the desk can be reached
//! (the calm banner while it cannot), and re-reading what the page shows when someone changed
//! something. The shell sends ids only, coalesced per burst; this re-reads at most one burst at a
//! time and folds the bursts that arrive meanwhile into one more re-read, so a `desk copy` of a
//! thousand claims costs two re-reads, not a thousand.

import type { TeamChanges } from './bindings/TeamChanges';
import type { TeamConnection } from './bindings/TeamConnection';

/** What to re-read: a burst of changes, or `null` for everything (the desk came back). */
export type Reread = (changes: TeamChanges | null) => Promise<void>;

export class TeamLive {
  /** The desk that cannot be reached, while it cannot; `null` when all is well. */
  offline = $state<TeamConnection | null>(null);
  /** How many bursts were re-read (views that read on their own follow it). */
  generation = $state(0);

  #reading: Promise<void> | null = null;
  /** What arrived while a re-read ran: `null` means everything. */
  #queued: TeamChanges | null | undefined = undefined;
  readonly #reread: Reread;

  constructor(reread: Reread) {
    this.#reread = reread;
  }

  /** A burst of changes arrived. */
  changed(batch: TeamChanges): Promise<void> {
    return this.#schedule(batch);
  }

  /** The shell says the desk went away, or is back (then everything is re-read). */
  connection(c: TeamConnection): Promise<void> {
    if (!c.connected) {
      this.offline = c;
      return Promise.resolve();
    }
    this.offline = null;
    return this.#schedule(null);
  }

  #schedule(batch: TeamChanges | null): Promise<void> {
    if (this.#reading !== null) {
      this.#queued = merge(this.#queued, batch);
      return this.#reading;
    }
    this.#reading = (async () => {
      let next: TeamChanges | null | undefined = batch;
      while (next !== undefined) {
        try {
          await this.#reread(next);
        } finally {
          this.generation += 1;
        }
        next = this.#queued;
        this.#queued = undefined;
      }
    })().finally(() => {
      this.#reading = null;
    });
    return this.#reading;
  }
}

function merge(queued: TeamChanges | null | undefined, batch: TeamChanges | null): TeamChanges | null {
  if (queued === undefined) return batch;
  if (queued === null || batch === null) return null;
  return { changes: [...queued.changes, ...batch.changes], overflowed: queued.overflowed || batch.overflowed };
}

/** Whether `batch` may have changed the draft `id` (its row, or a revision: those name no draft). */
export function touchesDraft(batch: TeamChanges | null, id: string): boolean {
  if (batch === null || batch.overflowed) return true;
  return batch.changes.some((c) => (c.table === 'drafts' && c.id === id) || c.table === 'draft_revisions');
}
