// The findings' underlines: on the right words (byte offsets converted), distinguishable without
// colour, kept on their words while the writer types, and fixable.

import { afterEach, describe, expect, test } from 'vitest';
import { EditorView } from '@codemirror/view';
import { EditorState } from '@codemirror/state';
import '../app.css';
import type { Finding } from './bindings/Finding';
import { applyFix, findingsExtension, placedFinding, revealFinding, showFindings } from './findings';

const views: EditorView[] = [];
afterEach(() => views.splice(0).forEach((v) => (v.destroy(), v.dom.remove())));

function editor(doc: string): EditorView {
  const view = new EditorView({ parent: document.body, state: EditorState.create({ doc, extensions: findingsExtension() }) });
  views.push(view);
  return view;
}

const bytes = (s: string) => new TextEncoder().encode(s).length;

/** A finding on the first occurrence of `words` in `body`, with byte offsets as the desk sends them. */
function finding(body: string, words: string, over: Partial<Finding> = {}): Finding {
  const at = body.indexOf(words);
  return {
    kind: 'unsourced-claim',
    severity: 'error',
    line: 1,
    column: at + 1,
    start: bytes(body.slice(0, at)),
    end: bytes(body.slice(0, at + words.length)),
    message: `${words} has no supporting evidence`,
    claim: null,
    suggestion: 'link a source',
    fix: null,
    ...over,
  };
}

const marked = (view: EditorView, severity: string) =>
  [...view.dom.querySelectorAll(`.cm-finding-${severity}`)].map((el) => el.textContent).join('|');

describe('underlines', () => {
  // Non-ASCII before the findings: byte offsets and string indices differ.
  const body = 'Zoë’s café — 🚆 The line opens in June. It cost <b>double</b>.';

  test('sit on the words the byte offsets name, errors wavy and warnings dotted', () => {
    const view = editor(body);
    const shown = showFindings(view, body, [
      finding(body, 'The line opens in June'),
      finding(body, '<b>', { kind: 'raw-html', severity: 'warning', message: 'raw HTML' }),
    ]);

    expect(shown).toBe(true);
    expect(marked(view, 'error')).toBe('The line opens in June');
    expect(marked(view, 'warning')).toBe('<b>');
    const error = view.dom.querySelector<HTMLElement>('.cm-finding-error')!;
    const warning = view.dom.querySelector<HTMLElement>('.cm-finding-warning')!;
    expect(getComputedStyle(error).textDecorationStyle).toBe('wavy');
    expect(getComputedStyle(warning).textDecorationStyle).toBe('dotted');
    // Not colour only: the message is the underline's title, and the margin spells the line's
    // worst severity out.
    expect(error.title).toBe('Error: The line opens in June has no supporting evidence (link a source)');
    const line = view.dom.querySelector<HTMLElement>('.cm-finding-line')!;
    expect(line.classList.contains('cm-finding-line-error')).toBe(true);
    expect(getComputedStyle(line).listStyleType).toBe('"✖ "');
  });

  test('mark each line once, with its worst severity, in the margin beside the text', () => {
    const doc = 'A warning only: <b>.\nAn error: The line opens in June.\nClean line.';
    const view = editor(doc);
    showFindings(view, doc, [
      finding(doc, '<b>', { kind: 'raw-html', severity: 'warning', message: 'raw HTML' }),
      finding(doc, 'The line opens in June'),
      finding(doc, 'June', { kind: 'raw-html', severity: 'warning', message: 'again' }),
    ]);
    const lines = [...view.dom.querySelectorAll<HTMLElement>('.cm-line')];
    const marks = lines.map((l) => (getComputedStyle(l).display === 'list-item' ? getComputedStyle(l).listStyleType : 'none'));
    expect(marks).toEqual(['"▲ "', '"✖ "', 'none']);
    // The marker sits outside the line: the text starts where an unmarked line's does.
    const textLeft = (l: HTMLElement) => {
      const range = document.createRange();
      range.setStart(l.firstChild!, 0);
      return range.getBoundingClientRect().left;
    };
    expect(Math.abs(textLeft(lines[1]!) - textLeft(lines[2]!))).toBeLessThan(0.5);
  });

  test('stay on their words while text is typed before and inside the line', () => {
    const view = editor(body);
    showFindings(view, body, [finding(body, 'The line opens in June')]);

    view.dispatch({ changes: { from: 0, insert: 'Update: ' } });
    view.dispatch({ changes: { from: view.state.doc.toString().indexOf('June'), insert: 'early ' } });

    expect(marked(view, 'error')).toBe('The line opens in early June');
    const placed = placedFinding(view, 0)!;
    expect(view.state.sliceDoc(placed.from, placed.to)).toBe('The line opens in early June');
    // Many small edits (as typing makes) compose, and still land on the words.
    for (const ch of 'Breaking. ') view.dispatch({ changes: { from: 0, insert: ch } });
    const after = placedFinding(view, 0)!;
    expect(view.state.sliceDoc(after.from, after.to)).toBe('The line opens in early June');
  });

  test('are replaced by the next findings, and none clears them', () => {
    const view = editor(body);
    showFindings(view, body, [finding(body, 'The line opens in June')]);
    showFindings(view, body, [finding(body, 'double', { severity: 'warning', kind: 'stale-claim' })]);
    expect(marked(view, 'error')).toBe('');
    expect(marked(view, 'warning')).toBe('double');

    showFindings(view, body, []);
    expect(view.dom.querySelectorAll('.cm-finding, .cm-finding-line')).toHaveLength(0);
  });

  test('are refused for a text the editor no longer holds', () => {
    const view = editor(body);
    expect(showFindings(view, `${body} More.`, [finding(body, 'The line opens in June')])).toBe(false);
    expect(view.dom.querySelectorAll('.cm-finding')).toHaveLength(0);
  });
});

describe('acting on a finding', () => {
  const body = 'Intro. [Ridership doubled]{claim=01JCOLD}. Outro.';

  test('reveal selects its text', () => {
    const view = editor(body);
    showFindings(view, body, [finding(body, '[Ridership doubled]{claim=01JCOLD}')]);
    expect(revealFinding(view, 0)).toBe(true);
    const { from, to } = view.state.selection.main;
    expect(view.state.sliceDoc(from, to)).toBe('[Ridership doubled]{claim=01JCOLD}');
  });

  test('its fix replaces exactly its range, even after edits elsewhere', () => {
    const view = editor(body);
    const span = '[Ridership doubled]{claim=01JCOLD}';
    const at = body.indexOf(span);
    showFindings(view, body, [
      finding(body, span, {
        kind: 'superseded-claim',
        fix: { start: at, end: at + span.length, text: '[Ridership doubled]{claim=01JCNEW}' },
      }),
    ]);
    view.dispatch({ changes: { from: 0, insert: 'Über ' } });

    expect(applyFix(view, 0)).toBe(true);
    expect(view.state.doc.toString()).toBe('Über Intro. [Ridership doubled]{claim=01JCNEW}. Outro.');
    expect(view.dom.querySelectorAll('.cm-finding')).toHaveLength(0);
    expect(applyFix(view, 0)).toBe(false);
  });
});
