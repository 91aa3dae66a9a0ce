//! An in-memory stand-in for the Tauri shell, installed with `mockIPC`. It implements every
//! command in docs/ipc.md with the real shapes (the generated bindings) and rejects the way the
//! shell does: `{ code, message, field? }`, e.g. `published: "2025-13-45" is not a date …`.
//! Values cross it as JSON, as they cross the real IPC, so a test sees what the UI really sent.

import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import { emit } from '@tauri-apps/api/event';
import type { Person } from '../lib/bindings/Person';
import type { PersonInput } from '../lib/bindings/PersonInput';
import type { AppError } from '../lib/bindings/AppError';
import type { Claim } from '../lib/bindings/Claim';
import type { ClaimDetail } from '../lib/bindings/ClaimDetail';
import type { ClaimInput } from '../lib/bindings/ClaimInput';
import type { DeskInfo } from '../lib/bindings/DeskInfo';
import type { FirstScreen } from '../lib/bindings/FirstScreen';
import type { Settings } from '../lib/bindings/Settings';
import type { Draft } from '../lib/bindings/Draft';
import type { DraftInput } from '../lib/bindings/DraftInput';
import type { DraftSummary } from '../lib/bindings/DraftSummary';
import type { Evidence } from '../lib/bindings/Evidence';
import type { EvidenceDetail } from '../lib/bindings/EvidenceDetail';
import type { EvidenceInput } from '../lib/bindings/EvidenceInput';
import type { SampleSummary } from '../lib/bindings/SampleSummary';
import type { AnalysedSave } from '../lib/bindings/AnalysedSave';
import type { Analysis } from '../lib/bindings/Analysis';
import type { Source } from '../lib/bindings/Source';
import type { SourceDetail } from '../lib/bindings/SourceDetail';
import type { SourceInput } from '../lib/bindings/SourceInput';
import type { SourceRef } from '../lib/bindings/SourceRef';
import { FakeReview } from './fakeReview';
import { FakeDrafting, fakeParseSpans } from './fakeDrafting';
import type { BackupInfo } from '../lib/bindings/BackupInfo';
import type { ClaimFilter } from '../lib/bindings/ClaimFilter';
import type { ListQuery } from '../lib/bindings/ListQuery';
import type { Page } from '../lib/bindings/Page';
import type { SearchHit } from '../lib/bindings/SearchHit';
import type { SearchKind } from '../lib/bindings/SearchKind';
import type { SnippetPart } from '../lib/bindings/SnippetPart';
import type { SourceFilter } from '../lib/bindings/SourceFilter';
import { DEFAULT_RELIABILITY } from '../lib/bindings/vocabulary';

export type Call = { cmd: string; args: Record<string, unknown> };

type Kind = 'source' | 'claim' | 'evidence' | 'draft' | 'person';
const ID_PREFIX: Record<Kind, string> = { source: '01JS', claim: '01JC', evidence: '01JE', draft: '01JD', person: '01JP' };

function json<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function invalid(field: string, message: string): AppError {
  return { code: 'invalid', field, message: `${field}: ${message}` };
}

/** The desk's refusal of a field someone else changed since the form was opened. */
function conflict(kind: string, field: string, theirs: string, yours: string): AppError {
  return {
    code: 'conflict',
    field,
    message: `${field}: someone changed this ${kind} since you opened it: the desk now has "${theirs}", you have "${yours}"; nothing was saved, reload to see their change`,
  };
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The desk's partial-date rule: YYYY, YYYY-MM or YYYY-MM-DD, and a real date. */
function checkDate(field: string, value: string | null): string | null {
  if (value === null) return null;
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(value);
  const month = m?.[2] === undefined ? 1 : Number(m[2]);
  const day = m?.[3] === undefined ? 1 : Number(m[3]);
  if (!m || month < 1 || month > 12 || day < 1 || day > (DAYS_IN_MONTH[month - 1] ?? 0)) {
    throw invalid(field, `"${value}" is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)`);
  }
  return value;
}

/**
 * One page of `newestFirst`, as the core pages: at most `limit` (1 to 1,000, default 50)
 * records after the cursor, and the cursor of the page after (here the last record's id; the
 * core's is opaque too), refused naming `after` when it is not one this fake gave.
 */
function page<T extends { id: string }>(newestFirst: T[], q: ListQuery<unknown>): Page<T> {
  const limit = q.limit ?? 50;
  if (limit < 1 || limit > 1000) throw invalid('limit', `${limit} is out of range; a page holds 1 to 1000 records`);
  let from = 0;
  if (q.after !== null) {
    const at = newestFirst.findIndex((r) => `fake:${r.id}` === q.after);
    if (at < 0) throw invalid('after', `"${q.after}" is not a cursor of this list; pass the \`next\` value a page gave`);
    from = at + 1;
  }
  const items = newestFirst.slice(from, from + limit);
  const more = from + limit < newestFirst.length;
  return { items, next: more && items.length > 0 ? `fake:${items[items.length - 1]!.id}` : null };
}

function claimPasses(c: Claim, f: ClaimFilter): boolean {
  const topic = f.topic?.trim().toLowerCase();
  return (
    (f.confidence === null || c.confidence === f.confidence) &&
    (f.status === null || c.status === f.status) &&
    (!topic || c.topics.includes(topic))
  );
}

/** `text` cut into parts with every occurrence of `words` marked (letter case ignored). */
function marked(text: string, words: string[]): SnippetPart[] {
  const lower = text.toLowerCase();
  const hit = new Array<boolean>(text.length).fill(false);
  for (const w of words) {
    const lw = w.toLowerCase();
    for (let at = lower.indexOf(lw); at >= 0 && lw !== ''; at = lower.indexOf(lw, at + 1)) {
      hit.fill(true, at, at + lw.length);
    }
  }
  const parts: SnippetPart[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = parts[parts.length - 1];
    if (last && last.marked === hit[i]) last.text += text[i];
    else parts.push({ text: text[i]!, marked: hit[i]! });
  }
  return parts;
}

export class FakeDesk {
  sources: Source[] = [];
  claims: Claim[] = [];
  evidence: Evidence[] = [];
  drafts: Draft[] = [];
  calls: Call[] = [];
  /** Errors to reject the next call of a command with, once each. */
  failures = new Map<string, AppError>();
  /** How long every answer takes, to let a test see the "in progress" states. */
  latencyMs = 0;
  /** The review commands of issue 4 (checks, provenance, sign-off, history, settings). */
  review = new FakeReview(this);
  /** The drafting commands of issue 3 (revisions, export_draft). */
  drafting = new FakeDrafting(this);

  /**
   * Long commands that report progress before they answer, as the shell does
   * (`factdesk://progress`): `steps` reports of `stage`, `stepMs` apart. `cancel_operation` stops
   * them with code `cancelled`, changing nothing.
   */
  slow = new Map<string, { steps: number; stepMs: number; stage: string }>();
  #cancelled = false;

  /** The desk's backups, newest first (Settings → Backups). */
  backups: BackupInfo[] = [];
  people: Person[] = [];

  #seq = 0;
  #clock = Date.UTC(2025, 0, 1);

  /** Mocks the IPC with this desk; undo with `uninstall()` (or `clearMocks`). */
  install(): this {
    mockIPC((cmd, args) => this.#answer(cmd, (args ?? {}) as Record<string, unknown>), { shouldMockEvents: true });
    return this;
  }

  uninstall(): void {
    clearMocks();
  }

  /** The core's analysis of a text: spans, findings, counts of the claims it holds, summary. */
  analyse(body: string): Analysis {
    const spans = fakeParseSpans(body);
    const ids = [...new Set(spans.map((s) => s.claim_id))];
    const held = ids.map((id) => this.claims.find((c) => c.id === id)).filter((c) => c !== undefined);
    const levels = (['confirmed', 'corroborated', 'reported', 'unverified', 'speculation'] as const).map((confidence) => ({
      confidence,
      claims: held.filter((c) => c.confidence === confidence).length,
    }));
    return {
      spans,
      findings: this.review.check(body),
      evidence_counts: held.map((c) => {
        const mine = this.evidence.filter((e) => e.claim_id === c.id);
        return {
          claim_id: c.id,
          sources: new Set(mine.map((e) => e.source_id)).size,
          supporting: mine.filter((e) => e.stance === 'supports').length,
        };
      }),
      confidence_summary: { levels, unknown: ids.length - held.length, total: ids.length },
      claims: held.map((c) => ({ ...c })),
    };
  }

  callsOf(cmd: string): Call[] {
    return this.calls.filter((c) => c.cmd === cmd);
  }

  failNext(cmd: string, error: AppError): void {
    this.failures.set(cmd, error);
  }

  #id(kind: Kind): string {
    this.#seq += 1;
    return ID_PREFIX[kind] + String(this.#seq).padStart(22, '0');
  }

  #now(): string {
    this.#clock += 60_000;
    return new Date(this.#clock).toISOString();
  }

  #resolve<T extends { id: string }>(records: T[], kind: Kind, field: string, prefix: string): T {
    const hits = records.filter((r) => r.id.toUpperCase().startsWith(prefix.toUpperCase()));
    const [only] = hits;
    if (hits.length === 1 && only) return only;
    if (hits.length === 0 || prefix === '') {
      throw {
        code: 'not_found',
        field,
        message: `${field}: no ${kind} has an id starting with "${prefix}"`,
      } satisfies AppError;
    }
    throw {
      code: 'ambiguous_id',
      field,
      message: `${field}: "${prefix}" matches several ${kind}s; type more of the id`,
    } satisfies AppError;
  }

  async #answer(cmd: string, rawArgs: Record<string, unknown>): Promise<unknown> {
    const args = json(rawArgs);
    this.calls.push({ cmd, args });
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    if (cmd === 'cancel_operation') {
      this.#cancelled = true;
      return 1;
    }
    const slow = this.slow.get(cmd);
    if (slow) {
      this.#cancelled = false;
      for (let done = 0; done < slow.steps; done++) {
        await emit('factdesk://progress', { op: cmd, done, total: slow.steps, stage: slow.stage });
        await new Promise((r) => setTimeout(r, slow.stepMs));
        if (this.#cancelled) throw { code: 'cancelled', message: 'cancelled; nothing was written' } satisfies AppError;
      }
    }
    const failure = this.failures.get(cmd);
    if (failure) {
      this.failures.delete(cmd);
      throw json(failure);
    }
    return json(this.#run(cmd, args));
  }

  #run(cmd: string, args: Record<string, unknown>): unknown {
    const reviewed = this.review.run(cmd, args);
    if (reviewed) return reviewed.value;
    const drafted = this.drafting.run(cmd, args);
    if (drafted) return drafted.value;
    switch (cmd) {
      case 'desk_info':
        return {
          path: '/tmp/fake.sqlite',
          empty: this.sources.length + this.claims.length + this.drafts.length === 0,
          actor: 'tester',
          team: null,
        } satisfies DeskInfo;
      case 'first_screen': {
        // The shell's composition of the calls below, in one answer.
        const limit = (args.limit as number | null) ?? 50;
        const drafts = this.#run('list_drafts', {}) as DraftSummary[];
        const latest = drafts[0];
        return {
          info: this.#run('desk_info', {}) as DeskInfo,
          sources: this.#run('list_sources_page', { query: { filter: { outlet: null }, limit, after: null } }) as Page<Source>,
          source_count: this.#run('count_sources', { filter: { outlet: null } }) as number,
          claims: this.#run('list_claims_page', {
            query: { filter: { confidence: null, topic: null, status: null }, limit, after: null },
          }) as Page<Claim>,
          claim_count: this.#run('count_claims', { filter: { confidence: null, topic: null, status: null } }) as number,
          drafts,
          settings: this.#run('get_settings', {}) as Settings,
          draft: latest ? (this.#run('get_draft', { id: latest.id }) as Draft) : null,
        } satisfies FirstScreen;
      }
      case 'load_sample':
        return this.loadSample();
      case 'list_sources_page': {
        const q = args.query as ListQuery<SourceFilter>;
        const outlet = q.filter.outlet?.trim().toLowerCase();
        return page(
          [...this.sources].reverse().filter((s) => !outlet || s.outlet?.toLowerCase() === outlet),
          q,
        );
      }
      case 'count_sources': {
        const outlet = (args.filter as SourceFilter).outlet?.trim().toLowerCase();
        return this.sources.filter((s) => !outlet || s.outlet?.toLowerCase() === outlet).length;
      }
      case 'search':
        return this.search(args.query as string, args.kind as SearchKind | null, args.limit as number);
      case 'get_source':
        return this.sourceDetail(args.id as string);
      case 'add_source':
        return this.addSource(args.input as SourceInput);
      case 'update_source':
        return this.updateSource(args.id as string, args.version as number, args.input as SourceInput);
      case 'list_claims_page': {
        const q = args.query as ListQuery<ClaimFilter>;
        return page([...this.claims].reverse().filter((c) => claimPasses(c, q.filter)), q);
      }
      case 'count_claims':
        return this.claims.filter((c) => claimPasses(c, args.filter as ClaimFilter)).length;
      case 'get_claim':
        return this.claimDetail(args.id as string);
      case 'add_claim':
        return this.addClaim(args.input as ClaimInput);
      case 'update_claim':
        return this.updateClaim(args.id as string, args.version as number, args.input as ClaimInput);
      case 'link_evidence':
        return this.link(args.input as EvidenceInput);
      case 'unlink_evidence': {
        const e = this.#resolve(this.evidence, 'evidence', 'id', args.id as string);
        this.evidence = this.evidence.filter((x) => x !== e);
        return null;
      }
      case 'list_drafts':
        return [...this.drafts]
          .sort((a, b) => b.updated_at.localeCompare(a.updated_at))
          .map(({ id, title, created_at, updated_at }): DraftSummary => ({ id, title, created_at, updated_at }));
      case 'get_draft':
        return this.#resolve(this.drafts, 'draft', 'id', args.id as string);
      case 'add_draft':
        return this.addDraft(args.input as DraftInput);
      case 'update_draft': {
        const draft = this.#resolve(this.drafts, 'draft', 'id', args.id as string);
        const input = args.input as DraftInput;
        const conflict = this.drafting.conflict(draft, args.baseRevision as number | null);
        if (draft.title !== input.title || draft.body !== input.body) {
          Object.assign(draft, { title: input.title, body: input.body, updated_at: this.#now() });
          this.drafting.kept(draft);
        }
        const { id, title, created_at, updated_at } = draft;
        return {
          draft: { id, title, created_at, updated_at },
          revision: draft.revision,
          conflict,
          analysis: this.analyse(input.body),
        } satisfies AnalysedSave;
      }
      case 'analyse_draft':
        return this.analyse(this.#resolve(this.drafts, 'draft', 'id', args.id as string).body);
      case 'app_ready':
      case 'app_editable':
        return null;
      case 'list_people':
        return [...this.people].sort((a, b) => a.name.localeCompare(b.name));
      case 'add_person':
        return this.addPerson(args.input as PersonInput);
      case 'list_backups':
        return this.backups;
      case 'backup_desk':
        this.backups.unshift(this.#backup());
        return this.backups;
      case 'restore_backup': {
        const from = this.backups.find((b) => b.path === args.path);
        if (!from) throw invalid('backup', 'is not one of this desk\'s backups');
        const replaced = this.#backup();
        this.backups.unshift(replaced);
        return { from: from.path, replaced_backup: replaced.path, damaged_copy: null };
      }
      default:
        throw { code: 'internal', message: `unknown command ${cmd}` } satisfies AppError;
    }
  }

  /** A backup of the desk as it is now, named as the core names them. */
  #backup(): BackupInfo {
    const at = this.#now();
    return {
      path: `/desks/backups/desk-${at.slice(0, 19).replaceAll(':', '-')}Z.sqlite`,
      taken_at: at,
      bytes: 98_304,
      sources: this.sources.length,
      claims: this.claims.length,
      drafts: this.drafts.length,
    };
  }

  #sourceFields(input: SourceInput) {
    if (input.title.trim() === '') throw invalid('title', 'a source needs a title');
    const via = input.via === null ? null : this.#resolve(this.sources, 'source', 'via', input.via).id;
    return {
      title: input.title.trim(),
      outlet: input.outlet,
      author: input.author,
      url: input.url,
      published: checkDate('published', input.published),
      accessed: checkDate('accessed', input.accessed),
      language: input.language,
      kind: input.kind ?? 'other',
      reliability: input.reliability ?? DEFAULT_RELIABILITY[input.kind ?? 'other'],
      via,
      kept_text: input.kept_text,
      kept_text_sha256: input.kept_text === null ? null : 'ab'.repeat(32),
      notes: input.notes,
    };
  }

  /**
   * The core's search rules over the fake's records: every word a substring of some field
   * (letter case ignored), or one word an id prefix; blank refused naming `query`. (A substring
   * scan is fine in the fake; the core uses its FTS5 index.)
   */
  search(query: string, kind: SearchKind | null, limit: number): SearchHit[] {
    const words = query.split(/\s+/).filter((w) => w !== '');
    if (words.length === 0) throw invalid('query', 'type a word to search for');
    if (limit < 1 || limit > 200) throw invalid('limit', `${limit} is out of range; a search returns 1 to 200 hits`);
    const records: { kind: SearchKind; id: string; title: string; fields: (string | null)[] }[] = [
      ...[...this.sources].reverse().map((s) => ({
        kind: 'source' as const,
        id: s.id,
        title: s.title,
        fields: [s.title, s.outlet, s.author, s.notes, s.kept_text],
      })),
      ...[...this.claims].reverse().map((c) => ({
        kind: 'claim' as const,
        id: c.id,
        title: c.text,
        fields: [c.text, c.topics.join(' ')],
      })),
      ...[...this.drafts].reverse().map((d) => ({ kind: 'draft' as const, id: d.id, title: d.title, fields: [d.title, d.body] })),
    ];
    const hits: SearchHit[] = [];
    for (const r of records) {
      if (kind !== null && r.kind !== kind) continue;
      const only = words.length === 1 ? words[0]!.toUpperCase() : null;
      if (only !== null && only.length >= 4 && r.id.startsWith(only)) {
        hits.push({ kind: r.kind, id: r.id, title: r.title, snippet: marked(r.id, [only]), rank: -1e9 });
        continue;
      }
      const has = (w: string) => r.fields.some((f) => f?.toLowerCase().includes(w.toLowerCase()));
      if (!words.every(has)) continue;
      const field = r.fields.find((f) => f !== null && words.some((w) => f.toLowerCase().includes(w.toLowerCase())))!;
      hits.push({ kind: r.kind, id: r.id, title: r.title, snippet: marked(field, words), rank: r.title.toLowerCase().includes(words[0]!.toLowerCase()) ? -2 : -1 });
    }
    return hits.sort((a, b) => a.rank - b.rank).slice(0, limit);
  }

  /** The core's rules: a name is required, and a Hangul name is Hangul syllables only. */
  addPerson(input: PersonInput): Person {
    if (input.name.trim() === '') throw invalid('name', 'is required and cannot be blank');
    const hangul = input.hangul?.trim() || null;
    if (hangul !== null && !/^[\uAC00-\uD7A3 ]+$/.test(hangul)) throw invalid('hangul', 'must be written in Hangul syllables');
    const now = this.#now();
    const person: Person = { id: this.#id('person'), name: input.name.trim(), hangul, aliases: input.aliases, created_at: now, updated_at: now };
    this.people.push(person);
    return person;
  }

  addSource(input: SourceInput): Source {
    const fields = this.#sourceFields(input);
    const now = this.#now();
    const source: Source = { id: this.#id('source'), ...fields, version: 1, created_at: now, updated_at: now };
    this.sources.push(source);
    return source;
  }

  updateSource(id: string, version: number, input: SourceInput): Source {
    const source = this.#resolve(this.sources, 'source', 'id', id);
    const fields = this.#sourceFields(input);
    if (fields.via === source.id) throw invalid('via', 'a source cannot relay itself');
    if (version !== source.version && fields.title !== source.title) throw conflict('source', 'title', source.title, fields.title);
    Object.assign(source, fields, { version: source.version + 1, updated_at: this.#now() });
    return source;
  }

  #chain(source: Source): Source[] {
    const chain: Source[] = [];
    let next = source.via;
    while (next !== null && chain.length < 20) {
      const s = this.sources.find((x) => x.id === next);
      if (!s) break;
      chain.push(s);
      next = s.via;
    }
    return chain;
  }

  sourceDetail(id: string): SourceDetail {
    const source = this.#resolve(this.sources, 'source', 'id', id);
    const ref = ({ id, title, outlet, kind, reliability }: Source): SourceRef => ({ id, title, outlet, kind, reliability });
    return {
      ...source,
      via_chain: this.#chain(source).map(ref),
      cited_by: [...new Set(this.evidence.filter((e) => e.source_id === source.id).map((e) => e.claim_id))],
    };
  }

  #claimFields(input: ClaimInput, current?: Claim) {
    if (input.text.trim() === '') throw invalid('text', 'a claim needs its text');
    return {
      text: input.text.trim(),
      confidence: input.confidence,
      as_of: checkDate('as_of', input.as_of),
      status: input.status ?? current?.status ?? 'active',
      topics: input.topics,
      settled: input.settled ?? false,
    };
  }

  addClaim(input: ClaimInput): Claim {
    const now = this.#now();
    const claim: Claim = {
      id: this.#id('claim'),
      ...this.#claimFields(input),
      superseded_by: null,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    this.claims.push(claim);
    return claim;
  }

  updateClaim(id: string, version: number, input: ClaimInput): Claim {
    const claim = this.#resolve(this.claims, 'claim', 'id', id);
    const fields = this.#claimFields(input, claim);
    if (version !== claim.version && fields.text !== claim.text) throw conflict('claim', 'text', claim.text, fields.text);
    Object.assign(claim, fields, { version: claim.version + 1, updated_at: this.#now() });
    return claim;
  }

  claimDetail(id: string): ClaimDetail {
    const claim = this.#resolve(this.claims, 'claim', 'id', id);
    const evidence = this.evidence
      .filter((e) => e.claim_id === claim.id)
      .map((e): EvidenceDetail => {
        const source = this.sources.find((s) => s.id === e.source_id);
        if (!source) throw { code: 'internal', message: 'dangling evidence' } satisfies AppError;
        return { ...e, source, via_chain: this.#chain(source) };
      });
    return { ...claim, evidence };
  }

  link(input: EvidenceInput): Evidence {
    const claim = this.#resolve(this.claims, 'claim', 'claim', input.claim);
    const source = this.#resolve(this.sources, 'source', 'source', input.source);
    if (input.original_quote !== null && input.translated_by === null) {
      throw invalid('translated_by', 'say who translated the quote');
    }
    const evidence: Evidence = {
      id: this.#id('evidence'),
      claim_id: claim.id,
      source_id: source.id,
      quote: input.quote,
      locator: input.locator,
      stance: input.stance ?? 'supports',
      translated_by: input.translated_by,
      original_quote: input.original_quote,
      first_party: input.first_party ?? false,
      created_at: this.#now(),
    };
    this.evidence.push(evidence);
    return evidence;
  }

  addDraft(input: DraftInput): Draft {
    const now = this.#now();
    const draft: Draft = {
      id: this.#id('draft'),
      title: input.title,
      body: input.body,
      created_at: now,
      updated_at: now,
      revision: 0,
    };
    this.drafts.push(draft);
    this.drafting.kept(draft);
    return draft;
  }

  /** A small desk: an origin, an outlet relaying it, an interview; claims; one draft. */
  loadSample(): SampleSummary {
    const origin = this.addSource({
      title: 'Ministry of Transport press release',
      outlet: 'Ministry of Transport',
      author: null,
      url: 'https://example.org/press/42',
      published: '2025-03-02',
      accessed: '2025-03-03',
      language: 'fr',
      kind: 'press-release',
      reliability: 'high',
      via: null,
      kept_text: 'La ligne ouvrira en juin.',
      notes: null,
    });
    const relay = this.addSource({
      title: 'Rail line to open in June',
      outlet: 'Daily Courier',
      author: 'Ana Reyes',
      url: null,
      published: '2025-03',
      accessed: null,
      language: 'en',
      kind: 'outlet',
      reliability: 'medium',
      via: origin.id,
      kept_text: null,
      notes: null,
    });
    this.addSource({
      title: 'Interview with the station master',
      outlet: null,
      author: 'Sam Okafor',
      url: null,
      published: '2024',
      accessed: null,
      language: 'en',
      kind: 'interview',
      reliability: 'unknown',
      via: null,
      kept_text: null,
      notes: 'Recorded by phone.',
    });
    const opening = this.addClaim({
      text: 'The new rail line opens in June 2025.',
      confidence: 'confirmed',
      as_of: '2025-03',
      status: null,
      topics: ['transport'],
      settled: true,
    });
    this.addClaim({
      text: 'The line cost twice its budget.',
      confidence: 'unverified',
      as_of: null,
      status: null,
      topics: ['transport', 'budget'],
      settled: false,
    });
    this.link({
      claim: opening.id,
      source: origin.id,
      quote: 'The line will open in June.',
      locator: 'para 1',
      stance: 'supports',
      translated_by: 'Léa Martin',
      original_quote: 'La ligne ouvrira en juin.',
    });
    this.link({
      claim: opening.id,
      source: relay.id,
      quote: 'Officials say the line opens in June.',
      locator: null,
      stance: 'supports',
      translated_by: null,
      original_quote: null,
    });
    const draft = this.addDraft({
      title: 'Rail line: what we know',
      body: `# Rail line\n\n[The new line opens in June]{claim=${opening.id}}.\n`,
    });
    return { sources: 3, claims: 2, evidence: 2, draft };
  }
}
