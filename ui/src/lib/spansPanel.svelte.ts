//! What the "Claims in this draft" panel and the confidence summary show, from the analysis of
//! each pause in typing (see `draft.svelte.ts`): the draft's spans by the core's parser, in editor
//! positions, per claim how many sources back it, and the draft's claims by confidence.

import type { Claim } from './bindings/Claim';
import type { Analysis } from './bindings/Analysis';
import type { Confidence } from './bindings/Confidence';
import type { ConfidenceSummary } from './bindings/ConfidenceSummary';
import { CONFIDENCE_LEVELS } from './confidence';
import { Offsets } from './offsets';
import type { EditorSpan } from './spans';

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
  /** The draft's claims as the desk holds them (from the analysis, not the desk's list pages). */
  claims = $state.raw<ReadonlyMap<string, Claim> | null>(null);
  summary = $state.raw<Summary>(emptySummary());
  /** The body the spans were parsed from. */
  parsedBody = $state.raw<string | null>(null);

  /** Shows the analysis of `body`. */
  apply(body: string, analysis: Analysis): void {
    if (body === this.parsedBody) return;
    const offsets = new Offsets(body);
    this.spans = analysis.spans.map((s) => {
      const textFrom = offsets.toIndex(s.text_range[0]);
      const textTo = offsets.toIndex(s.text_range[1]);
      return {
        id: s.claim_id,
        from: offsets.toIndex(s.start),
        to: offsets.toIndex(s.end),
        textFrom,
        textTo,
        text: body.slice(textFrom, textTo),
        history: s.history,
      };
    });
    if (!sameItems(this.items, this.spans)) this.items = this.spans.map(({ id, text }) => ({ id, text }));
    this.parsedBody = body;
    // Replaced only when a count changed: a new map re-renders every item of the list.
    const changed =
      analysis.evidence_counts.length !== this.facts.size ||
      analysis.evidence_counts.some((c) => {
        const known = this.facts.get(c.claim_id);
        return known?.sources !== c.sources || known?.supporting !== c.supporting;
      });
    if (changed) {
      this.facts = new Map(analysis.evidence_counts.map((c) => [c.claim_id, { sources: c.sources, supporting: c.supporting }]));
    }
    const summary = summarise(analysis.confidence_summary);
    if (!sameSummary(summary, this.summary)) this.summary = summary;
    // Replaced only when a claim changed, for the same reason as the facts.
    const known = this.claims;
    const claimsChanged =
      known === null ||
      analysis.claims.length !== known.size ||
      analysis.claims.some((c) => {
        const was = known.get(c.id);
        return was === undefined || was.version !== c.version || was.status !== c.status;
      });
    if (claimsChanged) this.claims = new Map(analysis.claims.map((c) => [c.id, c]));
  }

  /** Forgets what was shown (another draft). */
  clear(): void {
    this.spans = [];
    this.items = [];
    this.facts = new Map();
    this.summary = emptySummary();
    this.claims = null;
    this.parsedBody = null;
  }

  /** The next analysis is shown even if its text is the same (the desk's records changed). */
  stale(): void {
    this.parsedBody = null;
  }
}

function sameItems(items: readonly PanelItem[], spans: readonly PanelSpan[]): boolean {
  return items.length === spans.length && items.every((item, i) => item.id === spans[i]!.id && item.text === spans[i]!.text);
}

function emptySummary(): Summary {
  const counts = Object.fromEntries(CONFIDENCE_LEVELS.map((l) => [l, 0])) as Record<Confidence, number>;
  return { counts, unknown: 0, total: 0 };
}

function sameSummary(a: Summary, b: Summary): boolean {
  return a.unknown === b.unknown && a.total === b.total && CONFIDENCE_LEVELS.every((l) => a.counts[l] === b.counts[l]);
}

/** The core's summary as the confidence bar reads it. */
export function summarise(summary: ConfidenceSummary): Summary {
  const out = emptySummary();
  for (const level of summary.levels) out.counts[level.confidence] = level.claims;
  return { counts: out.counts, unknown: summary.unknown, total: summary.total };
}
