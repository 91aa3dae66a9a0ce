//! One article's intake under review: the recorded source, its candidates, which one is active,
//! the writer's edits to each, and the article's text cut into plain runs and candidate
//! sentences for highlighting. Every decision goes to the desk, and the list shows the candidate
//! the desk answered with, never a local guess.

import type { Confidence } from './bindings/Confidence';
import type { Intake } from './bindings/Intake';
import type { IntakeCandidate } from './bindings/IntakeCandidate';
import type { Source } from './bindings/Source';
import { CONFIDENCE_LEVELS } from './confidence';
import * as ipc from './ipc';
import { Offsets } from './offsets';

/** The writer's changes to a candidate before accepting it. */
export type CandidateEdit = { text: string; confidence: Confidence };

/** A run of the article's text: plain, or the sentence of a candidate. */
export type Run = { text: string; candidate: string | null };

/** How strong a level is: 0 for the strongest (`confirmed`). */
export function rank(level: Confidence): number {
  return CONFIDENCE_LEVELS.indexOf(level);
}

/** The kept text cut at each candidate's sentence (byte ranges from the desk → JS indices). */
export function runs(text: string, candidates: readonly IntakeCandidate[]): Run[] {
  const offsets = new Offsets(text);
  const sorted = [...candidates].sort((a, b) => a.start - b.start);
  const out: Run[] = [];
  let at = 0;
  for (const c of sorted) {
    if (c.end > offsets.byteLength || c.start > c.end) continue; // stale: leave it unmarked
    const start = offsets.toIndex(c.start);
    const end = offsets.toIndex(c.end);
    if (start < at) continue; // overlapping the one before: leave it unmarked
    if (start > at) out.push({ text: text.slice(at, start), candidate: null });
    out.push({ text: text.slice(start, end), candidate: c.id });
    at = end;
  }
  if (at < text.length) out.push({ text: text.slice(at), candidate: null });
  return out;
}

export class IntakeReview {
  readonly source: Source;
  candidates = $state<IntakeCandidate[]>([]);
  /** Index of the candidate the keyboard acts on. */
  active = $state(0);
  edits = $state<Record<string, CandidateEdit>>({});
  busy = $state(false);

  readonly runs: Run[];

  constructor(intake: Intake) {
    this.source = intake.source;
    this.candidates = intake.candidates;
    for (const c of intake.candidates) {
      this.edits[c.id] = { text: c.text, confidence: c.suggested_confidence ?? 'speculation' };
    }
    this.runs = runs(intake.source.kept_text ?? '', intake.candidates);
    const first = this.candidates.findIndex((c) => c.state === 'pending');
    this.active = Math.max(first, 0);
  }

  get pending(): number {
    return this.candidates.filter((c) => c.state === 'pending').length;
  }

  get current(): IntakeCandidate | undefined {
    return this.candidates[this.active];
  }

  /** Moves the keyboard's focus by `step`, staying inside the list. */
  move(step: number): void {
    this.active = Math.min(Math.max(this.active + step, 0), this.candidates.length - 1);
  }

  focus(id: string): void {
    const i = this.candidates.findIndex((c) => c.id === id);
    if (i >= 0) this.active = i;
  }

  #replace(updated: IntakeCandidate): void {
    this.candidates = this.candidates.map((c) => (c.id === updated.id ? updated : c));
  }

  /** Moves to the next candidate still pending after the active one, if any. */
  #advance(): void {
    const next = this.candidates.findIndex((c, i) => i > this.active && c.state === 'pending');
    if (next >= 0) this.active = next;
  }

  /**
   * Accepts a candidate with the writer's edits: as a new claim, or, with `evidenceTo`, as
   * evidence for that existing claim. Text and confidence are sent only when the writer changed
   * them, so the desk's suggestion stands otherwise.
   */
  async accept(id: string, evidenceTo: string | null = null): Promise<void> {
    const candidate = this.candidates.find((c) => c.id === id);
    const edit = this.edits[id];
    if (!candidate || !edit || candidate.state !== 'pending') return;
    this.busy = true;
    try {
      const accepted = await ipc.acceptCandidate(id, {
        text: evidenceTo === null && edit.text.trim() !== candidate.text ? edit.text.trim() : null,
        confidence: evidenceTo === null && edit.confidence !== candidate.suggested_confidence ? edit.confidence : null,
        evidence_to: evidenceTo,
      });
      this.#replace(accepted.candidate);
      this.#advance();
    } finally {
      this.busy = false;
    }
  }

  async reject(id: string): Promise<void> {
    const candidate = this.candidates.find((c) => c.id === id);
    if (!candidate || candidate.state !== 'pending') return;
    this.busy = true;
    try {
      this.#replace(await ipc.rejectCandidate(id));
      this.#advance();
    } finally {
      this.busy = false;
    }
  }

  /**
   * Accepts, one by one, every pending candidate whose confidence (as edited) is `level` or
   * stronger; stops at the first refusal, leaving the rest pending. Returns how many it accepted.
   */
  async acceptFrom(level: Confidence): Promise<number> {
    let count = 0;
    for (const c of this.candidates) {
      const edit = this.edits[c.id];
      if (c.state !== 'pending' || !edit || rank(edit.confidence) > rank(level)) continue;
      await this.accept(c.id);
      count += 1;
    }
    return count;
  }
}
