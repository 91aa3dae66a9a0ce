//! What the "Claims in this draft" panel and the confidence summary show: the draft's spans by
//! the core's parser (`parse_spans`, run ~300 ms after typing stops), in editor positions, and
//! per claim how many sources back it (from `get_claim`, cached a few seconds per claim).

import type { Claim } from './bindings/Claim';
import type { Confidence } from './bindings/Confidence';
import { CONFIDENCE_LEVELS } from './confidence';
import * as ipc from './ipc';
import { Offsets } from './offsets';
import type { EditorSpan } from './spans';

/** With the session's body catching up 100 ms after typing pauses: ~300 ms in all. */
export const PARSE_DELAY_MS = 200;
/** How long a claim's evidence count is trusted before it is asked for again. */
const FACTS_TTL_MS = 5000;

/** A span of the draft as parsed, in JS string indices of `body` at the time. */
export type PanelSpan = EditorSpan & { text: string };
/** What the panel lists of a span: its claim and its words, not where they are. */
export type PanelItem = { id: string; text: string };

export type ClaimFacts = {
  /** Distinct sources linked, whatever their stance. */
  sources: number;
  /** Pieces of evidence that support the claim. */
  supporting: number;
};

export type Summary = { counts: Record<Confidence, number>; unknown: number; total: number };

export class DraftSpans {
  spans = $state.raw<PanelSpan[]>([]);
  /**
   * The spans as listed. Typing moves spans without changing them, so this is replaced only
   * when a claim or its words change: re-rendering a thousand unchanged items after every pause
   * in typing cost the page a fifth of a second.
   */
  items = $state.raw<PanelItem[]>([]);
  facts = $state.raw<ReadonlyMap<string, ClaimFacts>>(new Map());
  /** The body the spans were parsed from. */
  parsedBody = $state.raw<string | null>(null);

  #timer: ReturnType<typeof setTimeout> | undefined;
  #parseSeq = 0;
  #fetchedAt = new Map<string, number>();
  readonly #onerror: (e: unknown) => void;
  readonly #delayMs: number;

  constructor(onerror: (e: unknown) => void, delayMs = PARSE_DELAY_MS) {
    this.#onerror = onerror;
    this.#delayMs = delayMs;
  }

  /** Parses `body` once typing pauses (at once the first time). */
  schedule(body: string): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    const first = this.parsedBody === null && this.#parseSeq === 0;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        void this.parse(body);
      },
      first ? 0 : this.#delayMs,
    );
  }

  async parse(body: string): Promise<PanelSpan[]> {
    const seq = ++this.#parseSeq;
    try {
      const found = await ipc.parseSpans(body);
      if (seq !== this.#parseSeq) return this.spans;
      const offsets = new Offsets(body);
      this.spans = found.map((s) => {
        const textFrom = offsets.toIndex(s.text_range[0]);
        const textTo = offsets.toIndex(s.text_range[1]);
        return {
          id: s.claim_id,
          from: offsets.toIndex(s.start),
          to: offsets.toIndex(s.end),
          textFrom,
          textTo,
          text: body.slice(textFrom, textTo),
        };
      });
      if (!sameItems(this.items, this.spans)) this.items = this.spans.map(({ id, text }) => ({ id, text }));
      this.parsedBody = body;
      void this.#loadFacts();
    } catch (e) {
      this.#onerror(e);
    }
    return this.spans;
  }

  /** Forgets every cached evidence count (the claims changed) and asks again. */
  invalidate(): void {
    this.#fetchedAt.clear();
    void this.#loadFacts();
  }

  dispose(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#parseSeq += 1;
  }

  async #loadFacts(): Promise<void> {
    const now = performance.now();
    const ids = [...new Set(this.spans.map((s) => s.id))].filter(
      (id) => now - (this.#fetchedAt.get(id) ?? -Infinity) > FACTS_TTL_MS,
    );
    if (ids.length === 0) return;
    for (const id of ids) this.#fetchedAt.set(id, now);
    // One request for the lot: a thousand `get_claim` calls kept the page busy for most of a
    // second in a long draft. An unknown id gets no answer; the panel says so from the desk's
    // claims.
    const counts = await ipc.evidenceCounts(ids).catch((e: unknown) => {
      for (const id of ids) this.#fetchedAt.delete(id);
      this.#onerror(e);
      return [];
    });
    // Replaced only when a count changed: a new map re-renders every item of the list.
    const changed = counts.filter((c) => {
      const known = this.facts.get(c.claim_id);
      return known?.sources !== c.sources || known?.supporting !== c.supporting;
    });
    if (changed.length === 0) return;
    const facts = new Map(this.facts);
    for (const c of changed) facts.set(c.claim_id, { sources: c.sources, supporting: c.supporting });
    this.facts = facts;
  }
}

function sameItems(items: readonly PanelItem[], spans: readonly PanelSpan[]): boolean {
  return items.length === spans.length && items.every((item, i) => item.id === spans[i]!.id && item.text === spans[i]!.text);
}

/** Counts per confidence level of the draft's distinct claims; ids the desk lacks as unknown. */
export function summarise(spans: readonly PanelItem[], claims: ReadonlyMap<string, Claim> | null): Summary {
  const counts = Object.fromEntries(CONFIDENCE_LEVELS.map((l) => [l, 0])) as Record<Confidence, number>;
  let unknown = 0;
  const ids = new Set(spans.map((s) => s.id));
  for (const id of ids) {
    const claim = claims?.get(id);
    if (claim) counts[claim.confidence] += 1;
    else if (claims !== null) unknown += 1;
  }
  return { counts, unknown, total: ids.size };
}
