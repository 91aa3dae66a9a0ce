//! The CodeMirror 6 set-up for drafts: Markdown, history, soft wrap, and claim spans
//! (`[text]{claim=<ID>}`, see `spans.ts`) shown so a writer sees which words are tied to a claim.
//! Other features (the review's findings) come in through `extra`, a compartment the editor
//! component reconfigures when its `extensions` prop changes.

import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { commonmarkLanguage, markdownKeymap } from '@codemirror/lang-markdown';
import { HighlightStyle, LanguageSupport, syntaxHighlighting } from '@codemirror/language';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import { Compartment, EditorState, type Extension, Prec } from '@codemirror/state';
import { tags } from '@lezer/highlight';
import { EditorView, keymap, placeholder } from '@codemirror/view';
import { type EditorSpan, claimSpans, spanAt } from './spans';
import { spanTooltip } from './spansTooltip';

const theme = EditorView.theme({
  '&': { height: '100%', fontSize: '1rem', backgroundColor: 'var(--surface)' },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': {
    fontFamily: 'var(--font-text)',
    lineHeight: '1.5',
    overflow: 'auto',
    // The scroller's own repaint boundary: a keystroke repaints the lines it changed, not the
    // editor's frame around them (see `.editor` in MarkdownEditor.svelte).
    contain: 'strict',
  },
  // The side padding is the content's, not each line's, so that a finding's line marker (see
  // findings.ts) sits in it, beside the text.
  '.cm-content': { padding: '0.75rem 1.25rem', maxWidth: '46rem', margin: '0 auto', caretColor: 'var(--text)' },
  '.cm-line': { padding: '0' },
  '.cm-placeholder': { color: 'var(--muted)' },
});

/** Quiet Markdown styling: structure shows, prose stays prose (no underlined headings). */
const markdownStyle = HighlightStyle.define([
  { tag: tags.heading1, fontWeight: '700', fontSize: '1.35em' },
  { tag: tags.heading2, fontWeight: '700', fontSize: '1.2em' },
  { tag: [tags.heading3, tags.heading4, tags.heading5, tags.heading6], fontWeight: '700' },
  { tag: tags.strong, fontWeight: '700' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.strikethrough, textDecoration: 'line-through' },
  { tag: [tags.link, tags.url], color: 'var(--accent)' },
  { tag: tags.monospace, fontFamily: 'var(--font-mono)', fontSize: '0.9em' },
  { tag: tags.quote, color: 'var(--muted)', fontStyle: 'italic' },
  { tag: [tags.processingInstruction, tags.meta, tags.contentSeparator], color: 'var(--faint)' },
]);

/**
 * CommonMark with the Markdown keymap (lists continue on Enter), as `markdown()` gives it, but
 * without its HTML grammar (and the CSS and JavaScript ones that come with it): raw HTML in a draft
 * stays plain text. That is about 200 kB less of the editor's chunk to fetch and parse before the
 * first draft is editable; claim spans and the highlighting read only Markdown's own nodes.
 */
function markdownSupport(): LanguageSupport {
  return new LanguageSupport(commonmarkLanguage, [Prec.high(keymap.of(markdownKeymap))]);
}

export type EditorHooks = {
  /** The text changed; `read` gives the latest text (read it when needed, not per keystroke). */
  onchange: (read: () => string) => void;
  onblur: () => void;
  /** Ctrl+Shift+K: attach a claim to the selection. */
  onattach: () => void;
  /** The span holding the cursor, each time it changes (null outside any span). */
  oncursorspan: (span: EditorSpan | null) => void;
};

const sameSpan = (a: EditorSpan | null, b: EditorSpan | null) =>
  a === b || (a !== null && b !== null && a.from === b.from && a.to === b.to && a.id === b.id);

export function editorExtensions(hooks: EditorHooks, extra: Extension = []): Extension[] {
  let cursorSpan: EditorSpan | null = null;
  return [
    history(),
    // No drawSelection(): the native caret and selection serve one cursor, and CodeMirror's drawn
    // cursor layer cost a repaint of its own on every keystroke in WebKitGTK.
    highlightSelectionMatches(),
    keymap.of([...defaultKeymap, ...historyKeymap, ...searchKeymap, indentWithTab]),
    markdownSupport(),
    syntaxHighlighting(markdownStyle),
    EditorView.lineWrapping,
    placeholder('Write the story. Tie a fact to a claim with [the words]{claim=ID}.'),
    EditorView.contentAttributes.of({ 'aria-label': 'Draft text', spellcheck: 'true' }),
    claimSpans({ onattach: () => hooks.onattach(), tooltip: spanTooltip }),
    theme,
    EditorView.updateListener.of((update) => {
      if (update.docChanged) {
        const view = update.view;
        hooks.onchange(() => view.state.doc.toString());
      }
      if (update.docChanged || update.selectionSet) {
        const span = spanAt(update.state, update.state.selection.main.head);
        if (!sameSpan(span, cursorSpan)) {
          cursorSpan = span;
          hooks.oncursorspan(span);
        }
      }
    }),
    EditorView.domEventHandlers({
      blur: () => {
        hooks.onblur();
        return false;
      },
    }),
    extra,
  ];
}

export type Editor = { view: EditorView; extra: Compartment };

export function createEditor(parent: HTMLElement, doc: string, hooks: EditorHooks, extra: Extension = []): Editor {
  const compartment = new Compartment();
  const view = new EditorView({
    parent,
    state: EditorState.create({ doc, extensions: editorExtensions(hooks, compartment.of(extra)) }),
  });
  return { view, extra: compartment };
}

export type TypingStats = { p50: number; p95: number; max: number };
/** Steady typing, and the first keystrokes of the session (before the engine's JIT warmed up). */
export type TypingReport = TypingStats & { warmup: TypingStats | null };

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
/** A task queued from a frame callback runs once that frame has been rendered and painted. */
function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Resolves once the page has drawn `quiet` frames in a row without a long one, so that what is
 * measured is typing, not the tail of opening the draft (its checks and panels), which would
 * otherwise land in the first keystrokes' frames. Gives up waiting after `limitMs`.
 */
async function settled(quiet = 30, limitMs = 20_000): Promise<void> {
  const deadline = performance.now() + limitMs;
  let run = 0;
  let last = await frame();
  while (run < quiet && performance.now() < deadline) {
    const now = await frame();
    run = now - last < 25 ? run + 1 : 0;
    last = now;
  }
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
}

function stats(times: readonly number[]): TypingStats {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 0.5), p95: percentile(sorted, 0.95), max: sorted.at(-1) ?? 0 };
}

/**
 * Types `warmup + n` characters at the cursor, one per animation frame, as user input
 * transactions, and measures each from dispatch until the frame showing it has painted: the
 * dispatch happens at the start of a frame (in its animation-frame callback), so the time is the
 * editor's own work (update, decorations, measure) plus that frame's style, layout and paint,
 * without the idle wait for the next vsync that a keystroke arriving mid-frame would add.
 *
 * The first `warmup` keys are reported apart: until the engine has compiled the editor's typing
 * path they cost more, once per session, and would otherwise be read as steady typing.
 */
export async function measureTyping(view: EditorView, n: number, warmup = 0): Promise<TypingReport> {
  const first = warmup > 0 ? stats(await typeKeys(view, warmup)) : null;
  return { ...stats(await typeKeys(view, n)), warmup: first };
}

/**
 * Types `n` keys once the page has settled, timing each, then takes them back out, so that each
 * run types into the paragraph as the draft has it.
 */
async function typeKeys(view: EditorView, n: number): Promise<number[]> {
  await settled();
  const text = 'the quick brown fox jumps over a lazy dog ';
  const times: number[] = [];
  const from = view.state.selection.main.head;
  for (let i = 0; i < n; i++) {
    await frame();
    const start = performance.now();
    const head = view.state.selection.main.head;
    view.dispatch({
      changes: { from: head, insert: text[i % text.length] ?? ' ' },
      selection: { anchor: head + 1 },
      userEvent: 'input.type',
      scrollIntoView: true,
    });
    // A real keystroke's update is measured by CodeMirror in the next frame callback; a
    // dispatch made inside one would defer that to the frame after, so run it now, as part of
    // this frame (reading a position flushes the pending measure).
    view.coordsAtPos(view.state.selection.main.head);
    await afterPaint();
    times.push(performance.now() - start);
  }
  view.dispatch({ changes: { from, to: from + n }, selection: { anchor: from }, userEvent: 'delete' });
  return times;
}

/**
 * Types `rounds` bursts of five keys, pausing 1.5 s after each while timing every frame: the
 * pause is when the draft is saved, re-checked and re-listed, and a frame that work holds up is
 * a keystroke the writer waits for when typing resumes. Resolves with the longest frame of each
 * pause, in ms.
 */
export async function measurePauses(view: EditorView, rounds: number): Promise<number[]> {
  await settled();
  const from = view.state.selection.main.head;
  const worst: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < 5; k++) {
      await frame();
      const head = view.state.selection.main.head;
      view.dispatch({ changes: { from: head, insert: 'x' }, selection: { anchor: head + 1 }, userEvent: 'input.type' });
    }
    let last = await frame();
    const end = last + 1500;
    let longest = 0;
    while (last < end) {
      const now = await frame();
      longest = Math.max(longest, now - last);
      last = now;
    }
    worst.push(longest);
  }
  view.dispatch({ changes: { from, to: from + 5 * rounds }, selection: { anchor: from }, userEvent: 'delete' });
  return worst;
}

declare global {
  interface Window {
    /** The end-to-end suite's typing probe; present while an editor is mounted. */
    __factdeskTyping?: {
      measure(n: number, warmup?: number): Promise<TypingReport>;
      pauses(rounds: number): Promise<number[]>;
    };
  }
}

/** Installs `window.__factdeskTyping` for `view`; returns the uninstaller. */
export function installTypingProbe(view: EditorView): () => void {
  const probe = {
    measure: (n: number, warmup = 0) => measureTyping(view, n, warmup),
    pauses: (rounds: number) => measurePauses(view, rounds),
  };
  window.__factdeskTyping = probe;
  return () => {
    if (window.__factdeskTyping === probe) delete window.__factdeskTyping;
  };
}
