//! Claim spans in the editor: `[text as written]{claim=<ID>}` shows as its text, tinted by the
//! claim's confidence, with the syntax hidden unless the selection is inside or touching the
//! span (then it shows, muted, for editing). A span whose id the desk does not know gets a red
//! wavy underline, and so does a malformed span (`{claim=}`, `{clam=ID}`, two ids…), at once,
//! before the core's analysis answers. Hovering a span shows the claim (see `spanTooltip`).
//!
//! The grammar is a port of the core's; both run `crates/core/tests/fixtures/spans-corpus.json`.
//!
//! Spans are found the way the core's parser finds them (`crates/core/src/spans.rs`: brackets
//! matched outside code, backslash escapes honoured, never across a blank line), with code taken
//! from the Lezer Markdown tree CodeMirror already keeps. Only the visible ranges are scanned,
//! each widened to its paragraph, so typing in a long draft costs the same as in a short one.
//! The "Claims in this draft" panel uses the core's own parser, through the analysis of each pause.

import { ensureSyntaxTree, syntaxTree } from '@codemirror/language';
import {
  type EditorState,
  type Extension,
  Prec,
  type Range,
  StateEffect,
  StateField,
} from '@codemirror/state';
import {
  Decoration,
  type DecorationSet,
  EditorView,
  type TooltipView,
  ViewPlugin,
  type ViewUpdate,
  hoverTooltip,
  keymap,
} from '@codemirror/view';
import type { Claim } from './bindings/Claim';
import { editorKey } from './actions';
import { CONFIDENCE, CONFIDENCE_LEVELS } from './confidence';

/** A span in editor positions (JS string indices). */
export type EditorSpan = {
  /** The claim id as written. */
  id: string;
  /** The opening `[`. */
  from: number;
  /** Just past the closing `}`. */
  to: number;
  /** The text between the brackets. */
  textFrom: number;
  textTo: number;
  /** Cited as history: `{claim=ID .history}`. */
  history: boolean;
};

/**
 * A bracketed span whose attributes mention a claim but name no single well-formed id (see the
 * core's `spans.rs`): underlined in the editor, never tinted as a claim.
 */
export type EditorMalformed = {
  from: number;
  to: number;
  reason: string;
  /** The whole span as it should read, where that is clear. */
  fix: string | null;
};

/** The desk's claims by id; `null` until they have loaded (no span is called unknown before). */
export type ClaimLookup = ReadonlyMap<string, Claim> | null;

/** Tells the editor the desk's claims (for tints, unknown ids and tooltips). */
export const setClaims = StateEffect.define<ClaimLookup>();

export const claimsField = StateField.define<ClaimLookup>({
  create: () => null,
  update(value, tr) {
    for (const effect of tr.effects) if (effect.is(setClaims)) value = effect.value;
    return value;
  },
});

type Tree = ReturnType<typeof syntaxTree>;

const CODE_NODES = new Set(['FencedCode', 'CodeBlock', 'InlineCode']);
/** Blocks holding other blocks (a code block may sit in them). */
const CONTAINERS = new Set(['Document', 'Blockquote', 'BulletList', 'OrderedList', 'ListItem']);
/** How far a scan widens to reach its paragraph's start or end. */
const PARAGRAPH_LINES = 40;

/** The longest claim id: a ULID is 26 Crockford base32 characters. */
export const ID_LEN = 26;

/** What an attribute block says about claims (a port of `read_attributes` in `spans.rs`). */
export type Attributes =
  | { kind: 'not-claim' }
  | { kind: 'claim'; id: string; history: boolean }
  | { kind: 'malformed'; reason: string; fix: string | null };

const isWs = (c: string) => /\s/.test(c);

/** Splits off one attribute token, keeping a quoted value (which may hold spaces) whole. */
function nextAttribute(s: string): [string, string] {
  let inQuotes = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '"') inQuotes = !inQuotes;
    else if (!inQuotes && isWs(c)) return [s.slice(0, i), s.slice(i)];
  }
  return [s, ''];
}

/** Optimal string alignment distance from `claim`. */
function editsFromClaim(key: string): number {
  const a = 'claim';
  const b = key;
  if (b.length > 8) return Number.MAX_SAFE_INTEGER;
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

function nearClaim(key: string): boolean {
  if (key === 'claim') return false;
  const lower = key.replace(/[A-Z]/g, (c) => c.toLowerCase());
  return lower.length >= 3 && (lower.startsWith('claim') || editsFromClaim(lower) <= 1);
}

const isUuid = (v: string) => /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/.test(v);
const byteLength = (v: string) => new TextEncoder().encode(v).length;

function idProblem(value: string): string | null {
  if (value === '') return 'claim= has no id';
  if (isUuid(value)) return `“${value}” is a UUID, not a claim id (claim ids are ${ID_LEN} letters and digits)`;
  if (!/^[A-Za-z0-9]+$/.test(value)) return `“${value}” is not a claim id (claim ids are ${ID_LEN} letters and digits)`;
  if (byteLength(value) > ID_LEN) return `“${value}” is not a claim id (longer than the ${ID_LEN} characters of one)`;
  return null;
}

const trimQuotes = (v: string) => v.replace(/^"+|"+$/g, '');

/** Reads the inside of a Pandoc attribute block, as the core does: total, never silent. */
export function readAttributes(attrs: string): Attributes {
  const tokens: string[] = [];
  let rest = attrs.trim();
  while (rest !== '') {
    const [token, tail] = nextAttribute(rest);
    tokens.push(token);
    rest = tail.trimStart();
  }
  let mentions = false;
  let history = false;
  const ids: string[] = [];
  const problems: string[] = [];
  let fixed: string[] = [];
  let fixable = true;
  let k = 0;
  while (k < tokens.length) {
    const token = tokens[k]!;
    const next = tokens[k + 1];
    k++;
    if (token === '.history') {
      history = true;
      fixed.push(token);
      continue;
    }
    if (token === '.claim') {
      mentions = true;
      fixed.push(token);
      continue;
    }
    const eq = token.indexOf('=');
    const key = eq === -1 ? token : token.slice(0, eq);
    const written = eq === -1 ? null : token.slice(eq + 1);
    const isClaim = key === 'claim';
    const near = !isClaim && nearClaim(key);
    if (!isClaim && !near) {
      fixed.push(token);
      continue;
    }
    mentions = true;
    let spaced: string | null = null;
    if (written === null && next === '=') {
      const after = tokens[k + 1];
      if (after !== undefined) {
        spaced = after;
        k += 2;
      }
    } else if (written === null && next !== undefined && next.startsWith('=')) {
      spaced = next.slice(1);
      k += 1;
    } else if (written === '' && next !== undefined && !next.includes('=') && !next.startsWith('.') && !next.startsWith('#')) {
      spaced = next;
      k += 1;
    }
    let value: string;
    if (spaced !== null) {
      problems.push(`“${attrs.trim()}” has spaces around “=”: write ${key}=ID with no spaces`);
      value = trimQuotes(spaced);
    } else if (written !== null) {
      value = trimQuotes(written);
    } else {
      problems.push(`“${key}” has no “=ID”: write claim=ID`);
      fixable = false;
      continue;
    }
    if (near) problems.push(`“${key}=” is not an attribute Factdesk reads: did you mean claim=?`);
    const problem = idProblem(value);
    if (problem !== null) {
      problems.push(problem);
      fixable = false;
    }
    fixed.push(`claim=${value}`);
    ids.push(value);
  }
  if (!mentions) return { kind: 'not-claim' };
  if (ids.length > 1) {
    problems.push(`${ids.length} claim attributes (${ids.map((i) => `claim=${i}`).join(', ')}): a span cites exactly one claim`);
    if (ids.every((i) => i === ids[0])) {
      let kept = false;
      fixed = fixed.filter((t) => {
        const claim = t.startsWith('claim=');
        const keep = !claim || !kept;
        kept ||= claim;
        return keep;
      });
    } else {
      fixable = false;
    }
  }
  if (ids.length === 0 && problems.length === 0) {
    problems.push('a .claim span with no claim=ID');
    fixable = false;
  }
  if (problems.length === 0) return { kind: 'claim', id: ids[0]!, history };
  return { kind: 'malformed', reason: problems[0]!, fix: fixable ? fixed.join(' ') : null };
}

/** The claim id of an attribute block's inside, or `null` when it names no single claim. */
export function claimAttribute(attrs: string): string | null {
  const read = readAttributes(attrs);
  return read.kind === 'claim' ? read.id : null;
}

const isAsciiSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 12 || c === 13;

/**
 * The spans in `text` (which starts at document position `base`), skipping `code` (absolute,
 * sorted ranges). A port of the core's scanner; positions are absolute.
 */
export function scanSpans(text: string, base: number, code: readonly (readonly [number, number])[]): EditorSpan[] {
  return scanAll(text, base, code).spans;
}

/** The spans and the malformed spans in `text`, as `scanSpans` finds them. */
export function scanAll(
  text: string,
  base: number,
  code: readonly (readonly [number, number])[],
): { spans: EditorSpan[]; malformed: EditorMalformed[] } {
  const spans: EditorSpan[] = [];
  const malformed: EditorMalformed[] = [];
  const open: number[] = [];
  let ci = 0;
  let i = 0;
  let lineBlank = true;
  let lineStart = true;
  while (i < text.length) {
    const at = base + i;
    while (ci < code.length && code[ci]![1] <= at) ci++;
    const block = code[ci];
    if (block !== undefined && block[0] <= at) {
      open.length = 0;
      i = block[1] - base;
      continue;
    }
    const c = text.charCodeAt(i);
    if (lineStart) {
      lineBlank = true;
      lineStart = false;
    }
    if (c === 92 /* \ */) {
      lineBlank = false;
      i += 2;
      continue;
    }
    if (c === 10) {
      if (lineBlank) open.length = 0;
      lineStart = true;
    } else if (c === 91 /* [ */) {
      open.push(i);
    } else if (c === 93 /* ] */) {
      const start = open.pop();
      if (start !== undefined && text.charCodeAt(i + 1) === 123 /* { */) {
        let j = i + 2;
        while (j < text.length && text.charCodeAt(j) !== 125 && text.charCodeAt(j) !== 10) j++;
        if (text.charCodeAt(j) === 125) {
          const read = readAttributes(text.slice(i + 2, j));
          if (read.kind === 'claim') {
            spans.push({
              id: read.id,
              from: base + start,
              to: base + j + 1,
              textFrom: base + start + 1,
              textTo: base + i,
              history: read.history,
            });
          } else if (read.kind === 'malformed') {
            const fix = read.fix === null ? null : `${text.slice(start, i + 1)}{${read.fix}}`;
            malformed.push({ from: base + start, to: base + j + 1, reason: read.reason, fix });
          }
        }
      }
    }
    if (!isAsciiSpace(c)) lineBlank = false;
    i++;
  }
  spans.sort((a, b) => a.from - b.from);
  malformed.sort((a, b) => a.from - b.from);
  return { spans, malformed };
}

/** The spans overlapping `from..to`, scanning only the paragraphs around it. */
export function spansIn(state: EditorState, from: number, to: number): EditorSpan[] {
  return scanIn(state, from, to).spans;
}

/** The whole document's spans and malformed spans, its Markdown parsed to the end first. */
export function scanDocument(state: EditorState): { spans: EditorSpan[]; malformed: EditorMalformed[] } {
  return scanIn(state, 0, state.doc.length, ensureSyntaxTree(state, state.doc.length, 5_000) ?? undefined);
}

/** The spans and malformed spans overlapping `from..to`, scanning only the paragraphs around it. */
export function scanIn(
  state: EditorState,
  from: number,
  to: number,
  tree: Tree = syntaxTree(state),
): { spans: EditorSpan[]; malformed: EditorMalformed[] } {
  const doc = state.doc;
  let first = doc.lineAt(from);
  for (let n = 0; n < PARAGRAPH_LINES && first.number > 1; n++) {
    const prev = doc.line(first.number - 1);
    if (prev.text.trim() === '') break;
    first = prev;
  }
  let last = doc.lineAt(to);
  for (let n = 0; n < PARAGRAPH_LINES && last.number < doc.lines; n++) {
    const next = doc.line(last.number + 1);
    if (next.text.trim() === '') break;
    last = next;
  }
  const start = first.from;
  const end = last.to;
  const text = state.sliceDoc(start, end);
  const code: [number, number][] = [];
  tree.iterate({
    from: start,
    to: end,
    enter(node) {
      if (CODE_NODES.has(node.name)) {
        code.push([node.from, node.to]);
        return false;
      }
      if (CONTAINERS.has(node.name)) return undefined;
      // Inside a leaf block only inline code is code, and it needs a backtick: skip the rest.
      const tick = text.indexOf('`', Math.max(node.from - start, 0));
      return tick !== -1 && tick + start < node.to ? undefined : false;
    },
  });
  code.sort((a, b) => a[0] - b[0]);
  const found = scanAll(text, start, code);
  return {
    spans: found.spans.filter((s) => s.to >= from && s.from <= to),
    malformed: found.malformed.filter((s) => s.to >= from && s.from <= to),
  };
}

/** The innermost span containing `pos` (its brackets included), if any. */
export function spanAt(state: EditorState, pos: number): EditorSpan | null {
  let best: EditorSpan | null = null;
  for (const span of spansIn(state, pos, pos)) {
    if (span.from <= pos && pos <= span.to && (best === null || span.from >= best.from)) best = span;
  }
  return best;
}

/** True when a selection range is inside or touches the span: its syntax shows. */
function revealed(state: EditorState, span: EditorSpan): boolean {
  return state.selection.ranges.some((r) => r.from <= span.to && r.to >= span.from);
}

/** The tint class of a span: its claim's confidence, `unknown`, or `pending` before loading. */
export function spanClass(claims: ClaimLookup, id: string): string {
  if (claims === null) return 'cm-claim-span cm-claim-pending';
  const claim = claims.get(id);
  return claim ? `cm-claim-span cm-claim-${claim.confidence}` : 'cm-claim-span cm-claim-unknown';
}

// Hidden syntax is a mark styled `display: none`, not a replace decoration: a replaced range
// costs an uneditable element and two widget buffers apiece, and in WebKitGTK those made every
// keystroke in a long, span-dense paragraph repaint noticeably slower. The cursor never sits in
// hidden syntax: a span whose syntax the selection touches is shown (`revealed`).
const hide = Decoration.mark({ class: 'cm-claim-hidden' });
const syntax = Decoration.mark({ class: 'cm-claim-syntax' });

function buildDecorations(view: EditorView): DecorationSet {
  const { state } = view;
  const claims = state.field(claimsField);
  const ranges: Range<Decoration>[] = [];
  const seen = new Set<number>();
  for (const visible of view.visibleRanges) {
    const found = scanIn(state, visible.from, visible.to);
    for (const bad of found.malformed) {
      if (seen.has(-1 - bad.from) || bad.to <= bad.from) continue;
      seen.add(-1 - bad.from);
      const mark = Decoration.mark({
        class: 'cm-claim-malformed',
        attributes: { title: `Malformed claim span: ${bad.reason}`, 'data-malformed': bad.reason },
      });
      ranges.push(mark.range(bad.from, bad.to));
    }
    for (const span of found.spans) {
      if (seen.has(span.from)) continue;
      seen.add(span.from);
      if (span.textTo > span.textFrom) {
        const mark = Decoration.mark({
          class: spanClass(claims, span.id),
          attributes: { 'data-claim-id': span.id },
        });
        ranges.push(mark.range(span.textFrom, span.textTo));
      }
      const deco = revealed(state, span) ? syntax : hide;
      ranges.push(deco.range(span.from, span.textFrom), deco.range(span.textTo, span.to));
    }
  }
  return Decoration.set(ranges, true);
}

const spanDecorations = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    constructor(view: EditorView) {
      this.decorations = buildDecorations(view);
    }
    update(update: ViewUpdate) {
      if (
        update.docChanged ||
        update.selectionSet ||
        update.viewportChanged ||
        update.startState.field(claimsField) !== update.state.field(claimsField) ||
        syntaxTree(update.startState) !== syntaxTree(update.state)
      ) {
        this.decorations = buildDecorations(update.view);
      }
    }
  },
  { decorations: (plugin) => plugin.decorations },
);

const tints = Object.fromEntries(
  CONFIDENCE_LEVELS.map((level) => [
    `.cm-claim-${level}`,
    {
      color: CONFIDENCE[level].text,
      backgroundColor: CONFIDENCE[level].background,
      borderBottom: `2px solid ${CONFIDENCE[level].border}`,
    },
  ]),
);

const spanTheme = EditorView.baseTheme({
  '.cm-claim-span': { borderRadius: '2px' },
  // A span's brackets read as a Markdown link to the highlighter: keep the tint's text colour.
  '.cm-claim-span *': { color: 'inherit' },
  ...tints,
  '.cm-claim-pending': { backgroundColor: 'var(--claim-bg)', borderBottom: '2px solid var(--claim-border)' },
  '.cm-claim-unknown': {
    textDecoration: 'underline wavy var(--bad-border)',
    textDecorationSkipInk: 'none',
    textUnderlineOffset: '3px',
  },
  // A malformed span names no claim: its markup stays visible, underlined as an error.
  '.cm-claim-malformed': {
    textDecoration: 'underline wavy var(--bad-border)',
    textDecorationSkipInk: 'none',
    textUnderlineOffset: '3px',
  },
  '.cm-claim-hidden': { display: 'none' },
  '.cm-claim-syntax': { color: 'var(--muted)', fontFamily: 'var(--font-mono)', fontSize: '0.85em' },
  '.cm-tooltip.cm-claim-tooltip': { border: 'none', backgroundColor: 'transparent' },
});

/** Wraps `from..to` as a span of claim `id` and selects its text. */
export function wrapInSpan(view: EditorView, from: number, to: number, id: string): void {
  view.dispatch({
    changes: [
      { from, insert: '[' },
      { from: to, insert: `]{claim=${id}}` },
    ],
    selection: { anchor: from + 1, head: to + 1 },
    userEvent: 'input.claim',
    scrollIntoView: true,
  });
}

/** Removes a span's markup, keeping its text (selected). */
export function detachSpan(view: EditorView, span: EditorSpan): void {
  view.dispatch({
    changes: [
      { from: span.from, to: span.textFrom },
      { from: span.textTo, to: span.to },
    ],
    selection: { anchor: span.from, head: span.textTo - 1 },
    userEvent: 'delete.claim',
  });
}

/** What "attach claim" wraps: the selection, else the word at the cursor. */
export function attachTarget(state: EditorState): { from: number; to: number; text: string } | null {
  const main = state.selection.main;
  const range = main.empty ? state.wordAt(main.head) : main;
  if (range === null || range.empty) return null;
  const text = state.sliceDoc(range.from, range.to);
  return text.trim() === '' ? null : { from: range.from, to: range.to, text };
}

export type SpanHooks = {
  /** Ctrl+Shift+K. */
  onattach: () => void;
  /** The tooltip's content for a hovered span. */
  tooltip: (view: EditorView, span: EditorSpan) => TooltipView;
};

export function claimSpans(hooks: SpanHooks): Extension {
  return [
    claimsField,
    spanDecorations,
    spanTheme,
    // Above the default keymap, where Mod-Shift-k deletes the line.
    Prec.high(
      keymap.of([
        {
          key: editorKey('attach-claim'),
          run: () => {
            hooks.onattach();
            return true;
          },
        },
      ]),
    ),
    hoverTooltip(
      (view, pos) => {
        const span = spanAt(view.state, pos);
        if (span === null) return null;
        // Anchored on the words: the brackets around them are hidden while the pointer hovers.
        return {
          pos: span.textFrom,
          end: span.textTo,
          above: true,
          create: (v) => {
            const tip = hooks.tooltip(v, span);
            tip.dom.classList.add('cm-claim-tooltip');
            return tip;
          },
        };
      },
      { hoverTime: 250 },
    ),
  ];
}
