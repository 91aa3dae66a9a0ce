// Claim spans as the writer sees them in the editor: the words tinted by confidence, the
// `[`/`]{claim=…}` syntax hidden until the cursor is in or beside the span, nothing in code.

import { EditorSelection } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { afterEach, describe, expect, test } from 'vitest';
import type { Claim } from './bindings/Claim';
import type { Confidence } from './bindings/Confidence';
import '../app.css';
import { CONFIDENCE, CONFIDENCE_LEVELS } from './confidence';
import { resolve } from '../test/contrast';
import { createEditor, measureTyping } from './editor';
import { attachTarget, detachSpan, scanSpans, setClaims, spanAt, wrapInSpan } from './spans';

const views: EditorView[] = [];
afterEach(() => {
  for (const v of views.splice(0)) {
    v.dom.parentElement?.remove();
    v.destroy();
  }
});

function claim(id: string, confidence: Confidence): Claim {
  return {
    id,
    text: `Claim ${id}`,
    confidence,
    as_of: null,
    status: 'active',
    topics: [],
    settled: false,
    superseded_by: null,
    version: 1,
    created_at: '2025-01-01T00:00:00Z',
    updated_at: '2025-01-01T00:00:00Z',
  };
}

function editor(doc: string, claims: Claim[] = [], onchange: () => void = () => {}): EditorView {
  const parent = document.createElement('div');
  parent.style.height = '400px';
  document.body.append(parent);
  const { view } = createEditor(parent, doc, {
    onchange,
    onblur: () => {},
    onattach: () => {},
    oncursorspan: () => {},
  });
  view.dispatch({ effects: setClaims.of(new Map(claims.map((c) => [c.id, c]))) });
  views.push(view);
  return view;
}

/** What the writer sees: `innerText` leaves out text that is not displayed. */
const shown = (view: EditorView) => view.contentDOM.innerText.replace(/\n$/, '');
const marked = (view: EditorView) =>
  [...view.contentDOM.querySelectorAll<HTMLElement>('.cm-claim-span')].map((el) => ({
    id: el.dataset.claimId,
    text: el.textContent,
    className: el.className,
  }));

describe('in the editor', () => {
  test('the span syntax is hidden while the cursor is elsewhere and shown when it is inside or beside', () => {
    const doc = 'The council says [the line opens in June]{claim=01JCA} and more.';
    const view = editor(doc, [claim('01JCA', 'confirmed')]);
    expect(shown(view)).toBe('The council says the line opens in June and more.');

    view.dispatch({ selection: { anchor: doc.indexOf('opens') } });
    expect(shown(view)).toBe(doc);

    view.dispatch({ selection: { anchor: doc.indexOf(' and more') } }); // just past the `}`
    expect(shown(view)).toBe(doc);

    view.dispatch({ selection: { anchor: doc.length } });
    expect(shown(view)).toBe('The council says the line opens in June and more.');

    // A selection reaching into the span reveals it too.
    view.dispatch({ selection: EditorSelection.single(0, doc.indexOf('line')) });
    expect(shown(view)).toBe(doc);
  });

  test('each span is tinted by its claim confidence; an unknown id is marked', () => {
    const ids = CONFIDENCE_LEVELS.map((_, i) => `01JC${i}`);
    const doc = `${ids.map((id, i) => `[words ${i}]{claim=${id}}`).join(' and ')} and [ghost]{claim=01JCNONE}.`;
    const view = editor(
      doc,
      CONFIDENCE_LEVELS.map((level, i) => claim(ids[i]!, level)),
    );

    const spans = marked(view);
    expect(spans.map((s) => s.id)).toEqual([...ids, '01JCNONE']);
    CONFIDENCE_LEVELS.forEach((level, i) => {
      expect(spans[i]!.className).toContain(`cm-claim-${level}`);
      expect(spans[i]!.text).toBe(`words ${i}`);
    });
    expect(spans.at(-1)!.className).toContain('cm-claim-unknown');
    // The tints come from the confidence colour table, in the theme of the moment.
    const el = view.contentDOM.querySelector<HTMLElement>('.cm-claim-confirmed')!;
    const light = getComputedStyle(el).backgroundColor;
    expect(light).toBe(resolve(CONFIDENCE.confirmed.background));
    document.documentElement.dataset.theme = 'dark';
    try {
      expect(getComputedStyle(el).backgroundColor).toBe(resolve(CONFIDENCE.confirmed.background));
      expect(getComputedStyle(el).backgroundColor).not.toBe(light);
    } finally {
      delete document.documentElement.dataset.theme;
    }
    const unknown = view.contentDOM.querySelector<HTMLElement>('.cm-claim-unknown')!;
    expect(getComputedStyle(unknown).textDecorationStyle).toBe('wavy');
  });

  test('a span inside a code block or inline code is not a span', () => {
    const doc = [
      'Prose [real]{claim=01JCA} here, and `[inline]{claim=01JCB}` code.',
      '',
      '```',
      '[fenced]{claim=01JCC}',
      '```',
      '',
      '    [indented]{claim=01JCD}',
      '',
    ].join('\n');
    const view = editor(doc, [claim('01JCA', 'reported'), claim('01JCB', 'reported'), claim('01JCC', 'reported')]);

    expect(marked(view).map((s) => s.id)).toEqual(['01JCA']);
    expect(shown(view)).toContain('[inline]{claim=01JCB}');
    expect(shown(view)).toContain('[fenced]{claim=01JCC}');
    expect(shown(view)).toContain('[indented]{claim=01JCD}');
    expect(spanAt(view.state, doc.indexOf('fenced'))).toBeNull();
  });

  test('wrapping and detaching change only the markup', () => {
    const doc = 'Ridership doubled in May.';
    const view = editor(doc);
    const from = doc.indexOf('doubled');
    view.dispatch({ selection: EditorSelection.single(from, from + 'doubled in May'.length) });
    const target = attachTarget(view.state)!;
    expect(target.text).toBe('doubled in May');

    wrapInSpan(view, target.from, target.to, '01JCNEW');
    expect(view.state.doc.toString()).toBe('Ridership [doubled in May]{claim=01JCNEW}.');

    const span = spanAt(view.state, view.state.doc.toString().indexOf('May'))!;
    expect(span.id).toBe('01JCNEW');
    detachSpan(view, span);
    expect(view.state.doc.toString()).toBe(doc);
  });

  test('with no selection, attaching takes the word at the cursor', () => {
    const view = editor('The line opens');
    view.dispatch({ selection: { anchor: 6 } });
    expect(attachTarget(view.state)?.text).toBe('line');
  });
});

describe('the scanner', () => {
  test('follows the core: escapes, nesting, attributes, no span across a blank line', () => {
    const text = [
      '\\[not]{claim=01A} [outer [inner]{claim=01B} text]{.claim claim="01C" confidence=x}',
      '[across',
      '',
      'blank]{claim=01D} [bad id]{claim=01-E} [soft',
      'break]{claim=01F}',
    ].join('\n');
    const spans = scanSpans(text, 0, []);
    expect(spans.map((s) => [s.id, text.slice(s.textFrom, s.textTo)])).toEqual([
      ['01C', 'outer [inner]{claim=01B} text'],
      ['01B', 'inner'],
      ['01F', 'soft\nbreak'],
    ]);
  });
});

describe('typing speed', () => {
  // Timing on a shared machine is noisy: a real regression fails every attempt.
  test('typing in a 20,000-word draft with 1,000 spans stays within a frame', { retry: 3 }, async () => {
    const claims = CONFIDENCE_LEVELS.map((level, i) => claim(`01JC${i}`, level));
    const paragraphs: string[] = [];
    for (let p = 0; p < 500; p++) {
      // 40 words and 2 spans a paragraph
      paragraphs.push(
        `Paragraph ${p} says [the line opens in June]{claim=01JC${p % 5}} according to officials, ` +
          `and ${'more words follow here '.repeat(7)}while [costs doubled]{claim=01JC${(p + 2) % 5}} again.`,
      );
    }
    const doc = paragraphs.join('\n\n');
    expect(doc.split(/\s+/).length).toBeGreaterThan(20_000);
    let edits = 0;
    const view = editor(doc, claims, () => (edits += 1));
    view.dispatch({ selection: { anchor: Math.floor(doc.length / 2) }, scrollIntoView: true });
    view.focus();

    const stats = await measureTyping(view, 60, 20);
    // Every key was a real edit, and the probe took its typing back out of the draft.
    expect(edits).toBe(20 + 1 + 60 + 1);
    expect(view.state.doc.toString()).toBe(doc);
    // One frame at 60 Hz; the end-to-end suite checks the real app the same way.
    expect(stats.p95).toBeLessThan(16);
  });
});

// ---- One corpus for both parsers: crates/core/tests/fixtures/spans-corpus.json ----

import { EditorState } from '@codemirror/state';
import { markdown } from '@codemirror/lang-markdown';
import corpus from '../../../crates/core/tests/fixtures/spans-corpus.json';
import { scanDocument } from './spans';

type CorpusSpan = { claim_id: string; text: string; line: number; column: number; history: boolean };
type CorpusMalformed = { source: string; line: number; column: number; reason: string; fix: string | null };

function position(doc: string, at: number): { line: number; column: number } {
  const before = doc.slice(0, at);
  return { line: before.split('\n').length, column: at - (before.lastIndexOf('\n') + 1) + 1 };
}

describe('the shared span corpus (the same cases cargo test runs)', () => {
  test('covers the grammar', () => {
    expect(corpus.cases.length).toBeGreaterThanOrEqual(25);
  });
  for (const c of corpus.cases) {
    test(c.name, () => {
      const state = EditorState.create({ doc: c.input, extensions: [markdown()] });
      // CodeMirror normalises CRLF to LF: positions are read from the text it holds.
      const doc = state.doc.toString();
      const found = scanDocument(state);
      const spans: CorpusSpan[] = found.spans.map((s) => ({
        claim_id: s.id,
        text: doc.slice(s.textFrom, s.textTo),
        ...position(doc, s.from),
        history: s.history,
      }));
      const malformed: CorpusMalformed[] = found.malformed.map((m) => ({
        source: doc.slice(m.from, m.to),
        ...position(doc, m.from),
        reason: m.reason,
        fix: m.fix,
      }));
      expect(spans).toEqual(c.spans.map((s) => ({ ...s, text: s.text.replaceAll('\r\n', '\n') })));
      expect(malformed).toEqual(c.malformed);
    });
  }
});

describe('malformed spans in the editor', () => {
  test('are underlined with their reason, and never tinted as a claim', async () => {
    const id = '01JZ8K3M4N5P6Q7R8S9T0V1W2X';
    const view = editor(`Good [one]{claim=${id}} and [bad]{clam=${id}} and [empty]{claim=}.`, [claim(id, 'confirmed')]);
    const underlined = [...view.contentDOM.querySelectorAll<HTMLElement>('.cm-claim-malformed')];
    expect(underlined.map((el) => el.textContent)).toEqual([`[bad]{clam=${id}}`, '[empty]{claim=}']);
    expect(underlined[0]!.title).toContain('did you mean claim=?');
    expect(underlined[1]!.title).toContain('claim= has no id');
    expect(getComputedStyle(underlined[0]!).textDecorationLine).toContain('underline');
    expect(marked(view).map((m) => m.text)).toEqual(['one']);
  });
});
