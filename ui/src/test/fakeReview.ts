//! The review half of the fake desk (issue 4): the findings of the fake's analysis, `get_provenance`, `list_reviews`,
//! `set_review`, `get_history`, `get_settings`, `save_settings`, `export_report` and the
//! override `reason` of `update_claim`. It follows the core's rules closely enough for the UI to
//! be tested against realistic answers (byte offsets, kinds, severities, origins, field errors).

import type { AppError } from '../lib/bindings/AppError';
import type { Claim } from '../lib/bindings/Claim';
import type { ClaimInput } from '../lib/bindings/ClaimInput';
import type { Confidence } from '../lib/bindings/Confidence';
import type { ConfidenceOverride } from '../lib/bindings/ConfidenceOverride';
import type { Finding } from '../lib/bindings/Finding';
import type { Provenance } from '../lib/bindings/Provenance';
import type { Review } from '../lib/bindings/Review';
import type { ReviewState } from '../lib/bindings/ReviewState';
import type { Settings } from '../lib/bindings/Settings';
import type { Source } from '../lib/bindings/Source';
import type { TracedEvidence } from '../lib/bindings/TracedEvidence';
import type { FakeDesk } from './fakeBackend';

/** A history row as it crosses the IPC (`seq` is a JSON number there, whatever ts-rs says). */
export type FakeHistoryEntry = {
  seq: number;
  at: string;
  actor: string;
  record_kind: string;
  record_id: string;
  action: string;
  field: string | null;
  before: string | null;
  after: string | null;
};

const SPAN = /\[([^\]\n]+)\]\{claim=([^}\s]+)\}/g;
const STRENGTH: Record<Confidence, number> = {
  confirmed: 4,
  corroborated: 3,
  reported: 2,
  unverified: 1,
  speculation: 0,
};
const REVIEW_STATES: ReviewState[] = ['pending', 'approved', 'changes-requested', 'rejected'];

const bytes = (s: string) => new TextEncoder().encode(s).length;

function invalid(field: string, message: string): AppError {
  return { code: 'invalid', field, message: `${field}: ${message}` };
}

/** 1-based line and character column of the JS index `at`. */
function position(body: string, at: number): { line: number; column: number } {
  const before = body.slice(0, at);
  const line = before.split('\n').length;
  const column = [...before.slice(before.lastIndexOf('\n') + 1)].length + 1;
  return { line, column };
}

export type Span = { claim: string; text: string; start: number; end: number };

export function spansOf(body: string): Span[] {
  return [...body.matchAll(SPAN)].map((m) => ({
    claim: m[2]!,
    text: m[1]!,
    start: m.index,
    end: m.index + m[0].length,
  }));
}

export class FakeReview {
  reviews = new Map<string, Review>();
  overrides = new Map<string, ConfidenceOverride>();
  history: FakeHistoryEntry[] = [];
  settings: Settings = { profile: null, freshness_days: 90 };
  /** The path `export_report` answers; `null` plays a cancelled save dialog. */
  reportPath: string | null = '/tmp/report-provenance.md';

  readonly #desk: FakeDesk;
  #seq = 0;
  #clock = Date.UTC(2025, 5, 1);

  constructor(desk: FakeDesk) {
    this.#desk = desk;
  }

  /** Answers `cmd` if it is one of the review commands; `undefined` otherwise. */
  run(cmd: string, args: Record<string, unknown>): { value: unknown } | undefined {
    switch (cmd) {
      case 'get_provenance':
        return { value: this.provenance(args.id as string) };
      case 'list_reviews':
        return { value: this.list(args.draft as string) };
      case 'set_review':
        return { value: this.set(args) };
      case 'get_history':
        return { value: this.historyOf(args.kind as string, args.id as string) };
      case 'get_settings':
        return { value: this.settings };
      case 'save_settings':
        return { value: this.save(args.settings as Settings) };
      case 'export_report':
        this.#desk.drafts.find((d) => d.id === args.id) ?? this.#notFound('draft', args.id as string);
        return { value: this.reportPath };
      case 'update_claim':
        return { value: this.updateClaim(args.id as string, args.version as number, args.input as ClaimInput, args.reason as string | undefined) };
      default:
        return undefined;
    }
  }

  get actor(): string {
    return this.settings.profile?.name ?? 'tester';
  }

  #now(): string {
    this.#clock += 60_000;
    return new Date(this.#clock).toISOString();
  }

  #notFound(kind: string, id: string): never {
    throw { code: 'not_found', field: 'id', message: `id: no ${kind} has the id "${id}"` } satisfies AppError;
  }

  #claim(id: string): Claim {
    return this.#desk.claims.find((c) => c.id === id) ?? this.#notFound('claim', id);
  }

  #record(kind: string, id: string, action: string, field: string | null, before: unknown, after: unknown): void {
    this.#seq += 1;
    this.history.push({
      seq: this.#seq,
      at: this.#now(),
      actor: this.actor,
      record_kind: kind,
      record_id: id,
      action,
      field,
      before: before === undefined ? null : JSON.stringify(before),
      after: after === undefined ? null : JSON.stringify(after),
    });
  }

  chain(source: Source): Source[] {
    const chain: Source[] = [];
    let next = source.via;
    while (next !== null && chain.length < 20) {
      const s = this.#desk.sources.find((x) => x.id === next);
      if (!s) break;
      chain.push(s);
      next = s.via;
    }
    return chain;
  }

  provenance(id: string): Provenance {
    const claim = this.#claim(id);
    const evidence: TracedEvidence[] = this.#desk.evidence
      .filter((e) => e.claim_id === claim.id)
      .map((e) => {
        const source = this.#desk.sources.find((s) => s.id === e.source_id)!;
        const chain = this.chain(source);
        return { ...e, source, chain, origin_id: (chain.at(-1) ?? source).id };
      });
    // NOTE: mirrors `provenance::explain_for` (crates/core/src/provenance.rs), table of rules there.
    const rank: Record<Source['reliability'], number> = { high: 3, medium: 2, low: 1, unknown: 0 };
    const credible = (e: TracedEvidence) =>
      Math.min(...[e.source, ...e.chain].map((s) => rank[s.reliability])) >= 2;
    const firstParty = (e: TracedEvidence) =>
      e.chain.length === 0 &&
      (e.first_party || ['official', 'press-release', 'dataset'].includes(e.source.kind));
    const supporting = evidence.filter((e) => e.stance === 'supports');
    const against = evidence.filter((e) => e.stance === 'contradicts');
    const origins = new Set(supporting.filter(credible).map((e) => e.origin_id));
    const n = origins.size;
    const againstCredible = against.some(credible);
    const [suggested, reason]: [Confidence, string] =
      supporting.length === 0
        ? ['speculation', "nothing on the record supports it: the writer's own analysis"]
        : against.some((e) => credible(e) && firstParty(e))
          ? ['unverified', 'the party itself, a credible first-party source, says otherwise']
          : supporting.some((e) => credible(e) && firstParty(e))
            ? ['confirmed', 'on the record from the party itself, cited directly']
            : n >= 2 && !againstCredible
              ? ['corroborated', `${n} independent credible origins, none from the party itself`]
              : n >= 2
                ? ['reported', `${n} independent credible origins, but a credible source says otherwise`]
                : n === 1
                  ? ['reported', 'one credible origin, not the party itself']
                  : [
                      'unverified',
                      'no credible origin: every origin, or a relay on the way, is low-rated, unrated or unnamed',
                    ];
    const override = this.overrides.get(claim.id) ?? null;
    const exceeds =
      suggested !== 'speculation' &&
      STRENGTH[claim.confidence] > STRENGTH[suggested] &&
      override?.confidence !== claim.confidence;
    return {
      claim,
      evidence,
      independent_origins: n,
      suggested_confidence: suggested,
      suggestion_reason: reason,
      exceeds_evidence: exceeds,
      override,
    };
  }

  check(body: string): Finding[] {
    const findings: Finding[] = [];
    const push = (
      f: Omit<Finding, 'line' | 'column' | 'start' | 'end' | 'severity'> & { from: number; to: number },
    ) => {
      const { from, to, ...rest } = f;
      const severity = ['raw-html', 'unsafe-link', 'raw-attribute', 'stale-claim', 'name-variant', 'unmarked-fact', 'wording-mismatch'].includes(f.kind)
        ? 'warning'
        : 'error';
      findings.push({ ...rest, severity, ...position(body, from), start: bytes(body.slice(0, from)), end: bytes(body.slice(0, to)) });
    };
    const seen = new Set<string>();
    for (const span of spansOf(body)) {
      if (seen.has(span.claim)) continue;
      seen.add(span.claim);
      const claim = this.#desk.claims.find((c) => c.id === span.claim);
      const base = { from: span.start, to: span.end, claim: span.claim };
      if (!claim) {
        push({
          ...base,
          kind: 'unknown-claim',
          message: `claim ${span.claim} is not in the desk`,
          suggestion: 'attach an existing claim to this text, or create one',
          fix: null,
        });
        continue;
      }
      const supports = this.#desk.evidence.some((e) => e.claim_id === claim.id && e.stance === 'supports');
      if (!supports && claim.confidence !== 'speculation') {
        push({
          ...base,
          kind: 'unsourced-claim',
          message: `“${claim.text}” has no supporting evidence`,
          suggestion: 'link a source that supports it, or mark it as speculation',
          fix: null,
        });
      }
      const newer = this.#desk.claims.find((c) => c.id === claim.superseded_by);
      if (claim.status === 'superseded' && newer) {
        push({
          ...base,
          kind: 'superseded-claim',
          message: `“${claim.text}” is superseded by ${newer.id} (“${newer.text}”)`,
          suggestion: 'replace it with the newer claim and check the wording',
          fix: {
            start: bytes(body.slice(0, span.start)),
            end: bytes(body.slice(0, span.end)),
            text: `[${span.text}]{claim=${newer.id}}`,
          },
        });
      }
    }
    for (const m of body.matchAll(/<[a-z][^>]*>/g)) {
      push({
        from: m.index,
        to: m.index + m[0].length,
        kind: 'raw-html',
        claim: null,
        message: `raw HTML “${m[0]}” is exported as text, never as markup`,
        suggestion: 'remove the markup; use Markdown for formatting',
        fix: null,
      });
    }
    return findings.sort((a, b) => a.start - b.start);
  }

  list(draftId: string): Review[] {
    const draft = this.#desk.drafts.find((d) => d.id === draftId) ?? this.#notFound('draft', draftId);
    const seen = new Set<string>();
    return spansOf(draft.body)
      .filter((s) => !seen.has(s.claim) && seen.add(s.claim))
      .map(
        (s) =>
          this.#withText(
            this.reviews.get(`${draft.id}|${s.claim}`) ?? {
              draft_id: draft.id,
              claim_id: s.claim,
              state: 'pending',
              comment: null,
              actor: null,
              at: null,
              claim_text: null,
            },
          ),
      );
  }

  /** The claim's words as the desk holds them now, as the core reads them with each review. */
  #withText(review: Review): Review {
    return { ...review, claim_text: this.#desk.claims.find((c) => c.id === review.claim_id)?.text ?? null };
  }

  set(args: Record<string, unknown>): Review {
    const state = args.review as ReviewState;
    if (!REVIEW_STATES.includes(state)) throw invalid('review', `"${String(state)}" is not a review state`);
    const raw = args.comment as string | undefined | null;
    const comment = raw === undefined || raw === null || raw.trim() === '' ? null : raw.trim();
    if ((state === 'changes-requested' || state === 'rejected') && comment === null) {
      throw invalid('comment', `say what is wrong when the state is ${state}`);
    }
    const draft = this.#desk.drafts.find((d) => d.id === args.draft) ?? this.#notFound('draft', args.draft as string);
    const claim = args.claim as string;
    if (!spansOf(draft.body).some((s) => s.claim === claim)) throw invalid('claim', 'is not used in this draft');
    const key = `${draft.id}|${claim}`;
    const before = this.reviews.get(key);
    const review: Review = this.#withText({
      draft_id: draft.id,
      claim_id: claim,
      state,
      comment,
      actor: this.actor,
      at: this.#now(),
      claim_text: null,
    });
    this.reviews.set(key, review);
    this.#record('review', claim, before ? 'update' : 'create', 'state', before?.state, state);
    return review;
  }

  updateClaim(id: string, version: number, input: ClaimInput, reason: string | undefined): Claim {
    if (reason !== undefined && reason.trim() === '') throw invalid('reason', 'cannot be blank');
    const before = { ...this.#claim(id) };
    const after = this.#desk.updateClaim(id, version, input);
    for (const field of ['text', 'confidence', 'as_of', 'status'] as const) {
      if (before[field] !== after[field]) this.#record('claim', after.id, 'update', field, before[field], after[field]);
    }
    if (reason !== undefined) {
      const override = { claim_id: after.id, confidence: after.confidence, reason: reason.trim(), actor: this.actor, at: this.#now() };
      this.overrides.set(after.id, override);
      this.#record('override', after.id, 'create', null, undefined, override);
    }
    return after;
  }

  historyOf(kind: string, id: string): FakeHistoryEntry[] {
    if (kind !== 'claim' && kind !== 'source') throw invalid('kind', `"${kind}" has no history`);
    const records = kind === 'claim' ? this.#desk.claims : this.#desk.sources;
    const record = records.find((r) => r.id === id) ?? this.#notFound(kind, id);
    const created: FakeHistoryEntry = {
      seq: 0,
      at: record.created_at,
      actor: 'tester',
      record_kind: kind,
      record_id: record.id,
      action: 'create',
      field: null,
      before: null,
      after: JSON.stringify(record),
    };
    return [created, ...this.history.filter((h) => h.record_id === record.id)];
  }

  save(settings: Settings): Settings {
    if (!Number.isInteger(settings.freshness_days) || settings.freshness_days < 1 || settings.freshness_days > 3650) {
      throw invalid('freshness_days', 'must be between 1 and 3650 days');
    }
    if (settings.profile !== null && settings.profile.name.trim() === '') {
      throw invalid('name', 'cannot be blank');
    }
    this.settings = {
      freshness_days: settings.freshness_days,
      profile: settings.profile === null ? this.settings.profile : { name: settings.profile.name.trim(), role: settings.profile.role },
    };
    return this.settings;
  }
}
