//! The drafting half of the fake desk (issue 3): revisions (one per save that changes something,
//! a restore being one too), the span parser of the fake's analysis (its own small parser, byte
//! offsets like the core's) and `export_draft` (no dialog: answers `exportPath`, `null` meaning the writer cancelled).

import type { BlockEdit } from '../lib/bindings/BlockEdit';
import type { ClaimSpan } from '../lib/bindings/ClaimSpan';
import type { Draft } from '../lib/bindings/Draft';
import type { Revision } from '../lib/bindings/Revision';
import type { RevisionSummary } from '../lib/bindings/RevisionSummary';
import type { SaveConflict } from '../lib/bindings/SaveConflict';
import type { FakeDesk } from './fakeBackend';

const bytes = (s: string) => new TextEncoder().encode(s).length;

/** Spaces over code (fenced blocks, inline code), keeping every other character where it is. */
function maskCode(body: string): string {
  const blank = (m: string) => m.replace(/[^\n]/g, ' ');
  return body
    .replace(/^(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^\1[^\n]*$|(?![\s\S]))/gm, blank)
    .replace(/(`+)(?:(?!\1)[^\n]|\n(?!\s*\n))+?\1/g, blank);
}

/** The claim spans of `body` (innermost brackets only), offsets in UTF-8 bytes. */
export function fakeParseSpans(body: string): ClaimSpan[] {
  const masked = maskCode(body);
  const spans: ClaimSpan[] = [];
  for (const m of masked.matchAll(/\[([^[\]\n]*)\]\{([^}\n]*)\}/g)) {
    const id = /(?:^|\s)claim="?([A-Za-z0-9]+)"?(?=\s|$)/.exec(m[2] ?? '')?.[1];
    if (id === undefined) continue;
    const at = m.index;
    const textEnd = at + 1 + (m[1] ?? '').length;
    const before = body.slice(0, at);
    const lineStart = before.lastIndexOf('\n') + 1;
    spans.push({
      claim_id: id,
      text: body.slice(at + 1, textEnd),
      start: bytes(before),
      end: bytes(body.slice(0, at + m[0].length)),
      text_range: [bytes(body.slice(0, at + 1)), bytes(body.slice(0, textEnd))],
      line: before.split('\n').length,
      column: [...body.slice(lineStart, at)].length + 1,
      history: /(?:^|\s)\.history(?=\s|$)/.test(m[2] ?? ''),
    });
  }
  return spans;
}

const words = (body: string) => body.split(/\s+/).filter((w) => w !== '').length;

export class FakeDrafting {
  revisions: Revision[] = [];
  /** What `export_draft` answers; `null` as if the writer cancelled the save dialog. */
  exportPath: string | null = '/home/writer/exports/draft.md';
  /** What `what_we_know` answers (the test sets the block the core would generate). */
  whatWeKnow: BlockEdit | null = null;
  #seq = 0;
  #clock = Date.UTC(2025, 5, 1);
  readonly #desk: FakeDesk;

  constructor(desk: FakeDesk) {
    this.#desk = desk;
  }

  /** Keeps a draft's current state as a revision (the desk calls it on every add and save). */
  kept(draft: Draft, restoredFrom: number | null = null, actor = 'tester'): void {
    const last = this.revisions.filter((r) => r.draft_id === draft.id).at(-1);
    if (restoredFrom === null && last && last.title === draft.title && last.body === draft.body) return;
    this.#seq += 1;
    this.#clock += 60_000;
    this.revisions.push({
      seq: this.#seq,
      draft_id: draft.id,
      title: draft.title,
      body: draft.body,
      saved_at: new Date(this.#clock).toISOString(),
      actor,
      words: words(draft.body),
      reason: restoredFrom === null ? 'pause' : 'restore',
      restored_from: restoredFrom,
    });
    draft.revision = this.#seq;
  }

  /** What the desk answers a save based on `base`: the newer revision it did not see, if any. */
  conflict(draft: Draft, base: number | null): SaveConflict | null {
    const newest = this.revisions.filter((r) => r.draft_id === draft.id).at(-1);
    if (base === null || !newest || base >= newest.seq) return null;
    return { their_revision: newest.seq, their_actor: newest.actor, saved_at: newest.saved_at };
  }

  /** Someone else saves `body` into the draft (another window, the CLI). */
  saveAs(actor: string, draftId: string, body: string): void {
    const draft = this.#draft(draftId);
    draft.body = body;
    this.kept(draft, null, actor);
  }

  #draft(id: string): Draft {
    const draft = this.#desk.drafts.find((d) => d.id === id);
    if (!draft) throw { code: 'not_found', field: 'id', message: `id: no draft has the id "${id}"` };
    // A draft made before any save (the sample's) has its first state as a revision.
    if (!this.revisions.some((r) => r.draft_id === id)) this.kept(draft);
    return draft;
  }

  #revision(id: string, seq: number): Revision {
    const draft = this.#draft(id);
    const revision = this.revisions.find((r) => r.draft_id === draft.id && r.seq === seq);
    if (!revision) throw { code: 'not_found', field: 'revision', message: `revision: no revision ${seq}` };
    return revision;
  }

  /** Answers the drafting commands; `undefined` for any other. */
  run(cmd: string, args: Record<string, unknown>): { value: unknown } | undefined {
    switch (cmd) {
      case 'list_revisions': {
        const draft = this.#draft(args.id as string);
        const list = this.revisions.filter((r) => r.draft_id === draft.id).reverse();
        return { value: list.map(({ body: _body, ...summary }): RevisionSummary => summary) };
      }
      case 'get_revision':
        return { value: this.#revision(args.id as string, args.seq as number) };
      case 'restore_revision': {
        const old = this.#revision(args.id as string, args.seq as number);
        const draft = this.#draft(old.draft_id);
        if (draft.title === old.title && draft.body === old.body) return { value: draft };
        this.#clock += 60_000;
        Object.assign(draft, { title: old.title, body: old.body, updated_at: new Date(this.#clock).toISOString() });
        this.kept(draft, old.seq);
        return { value: draft };
      }
      case 'what_we_know':
        if (this.whatWeKnow === null) throw { code: 'invalid', field: 'draft', message: 'draft: the draft cites no claim' };
        return { value: this.whatWeKnow };
      case 'export_draft':
        this.#draft(args.id as string);
        return { value: this.exportPath };
      default:
        return undefined;
    }
  }
}
