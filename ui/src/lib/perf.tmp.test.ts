import { expect, test } from 'vitest';
import { EditorState } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { editorExtensions } from './editor';
import { setClaims, claimsField } from './spans';
import { CONFIDENCE_LEVELS } from './confidence';

async function run(label: string, drop: number[]) {
  const paragraphs: string[] = [];
  for (let p = 0; p < 500; p++) paragraphs.push(`Paragraph ${p} says [the line opens in June]{claim=01JC${p % 5}} according to officials, and ${'more words follow here '.repeat(7)}while [costs doubled]{claim=01JC${(p + 2) % 5}} again.`);
  const doc = paragraphs.join('\n\n');
  const parent = document.createElement('div'); parent.style.height = '400px'; document.body.append(parent);
  const exts = editorExtensions({ onchange: (d) => void d, onblur() {}, onattach() {}, oncursorspan() {} }).filter((_, i) => !drop.includes(i));
  const view = new EditorView({ parent, state: EditorState.create({ doc, extensions: [exts, claimsField] }) });
  view.dispatch({ effects: setClaims.of(new Map(CONFIDENCE_LEVELS.map((l, i) => [`01JC${i}`, { confidence: l } as never]))) });
  view.dispatch({ selection: { anchor: Math.floor(doc.length / 2) }, scrollIntoView: true });
  const d: number[] = [];
  for (let i = 0; i < 100; i++) {
    await new Promise(requestAnimationFrame);
    const t0 = performance.now();
    const head = view.state.selection.main.head;
    view.dispatch({ changes: { from: head, insert: 'x' }, selection: { anchor: head + 1 }, userEvent: 'input.type', scrollIntoView: true });
    view.coordsAtPos(view.state.selection.main.head);
    d.push(performance.now() - t0);
  }
  d.sort((a, b) => a - b);
  console.log('RUN', label, 'p50', d[50]?.toFixed(2), 'p90', d[90]?.toFixed(2));
  view.destroy(); parent.remove();
}

test('breakdown', async () => {
  for (let rep = 0; rep < 2; rep++) {
    await run('full', []);
    await run('no-spans', [9]);
    await run('no-listener', [11]);
    await run('no-markdown', [4, 5]);
    await run('no-spans-listener', [9, 11]);
  }
  expect(1).toBe(1);
});
