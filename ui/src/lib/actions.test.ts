// The one action registry: the keys it names are the keys that work, and the README's table
// does not drift from it.

import { expect, test } from 'vitest';
import readme from '../../../README.md?raw';
import { ACTIONS, actionFor, editorKey, keysLabel } from './actions';

const press = (init: KeyboardEventInit, target?: EventTarget) => {
  const event = new KeyboardEvent('keydown', init);
  if (target) Object.defineProperty(event, 'target', { value: target });
  return actionFor(event);
};

test('every chord of the registry maps back to its own action', () => {
  for (const a of ACTIONS) {
    for (const chord of a.keys) {
      expect(press({ key: chord.key, ctrlKey: chord.ctrl, shiftKey: chord.shift }), a.id).toBe(a.id);
    }
  }
});

test('no two actions share a chord', () => {
  const labels = ACTIONS.flatMap((a) => a.keys.map((k) => JSON.stringify({ ...k, key: k.key.toLowerCase() })));
  expect(new Set(labels).size).toBe(labels.length);
});

test('bare keys (/ and ?) are typed text inside a field, commands outside it', () => {
  const input = document.createElement('input');
  expect(press({ key: '?', shiftKey: true })).toBe('shortcuts');
  expect(press({ key: '?', shiftKey: true }, input)).toBeNull();
  expect(press({ key: '/' }, input)).toBeNull();
  // A chord with Ctrl works wherever the focus is.
  expect(press({ key: 'P', ctrlKey: true, shiftKey: true }, input)).toBe('command-palette');
  expect(press({ key: 's', ctrlKey: true, altKey: true })).toBeNull();
});

test('the editor keymap gets the same chord for attaching a claim', () => {
  expect(editorKey('attach-claim')).toBe('Mod-Shift-k');
});

test("the README's keyboard table lists every chord of the registry", () => {
  const section = readme.slice(readme.indexOf('## Keyboard and themes'), readme.indexOf('## Layout'));
  for (const a of ACTIONS.filter((x) => x.keys.length > 0)) {
    expect(section, a.id).toContain(`| ${keysLabel(a.id)} |`);
  }
});
