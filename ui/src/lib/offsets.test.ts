// Rust reports UTF-8 byte offsets; CodeMirror wants UTF-16 indices. Korean is 3 bytes a
// character and 1 index; an emoji is 4 bytes and 2 indices.

import { expect, test } from 'vitest';
import { Offsets, byteToIndex, indexToByte } from './offsets';

const utf8 = (s: string) => new TextEncoder().encode(s).length;

test('ASCII offsets are indices', () => {
  const o = new Offsets('plain [text]{claim=X}');
  expect(o.toIndex(6)).toBe(6);
  expect(o.toByte(12)).toBe(12);
  expect(o.byteLength).toBe(21);
});

test('Korean text and emoji convert both ways at every character boundary', () => {
  const text = '서울 [지하철 🚇 개통]{claim=01JC} 👍🏽 끝';
  const o = new Offsets(text);
  expect(o.byteLength).toBe(utf8(text));
  for (const [i] of [...text].entries()) {
    // i-th code point: its index and its byte offset
    const prefix = [...text].slice(0, i).join('');
    expect(o.toByte(prefix.length)).toBe(utf8(prefix));
    expect(o.toIndex(utf8(prefix))).toBe(prefix.length);
  }
  // The span's bracket and brace, as Rust would report them.
  const start = utf8('서울 ');
  const end = utf8('서울 [지하철 🚇 개통]{claim=01JC}');
  expect(text.slice(o.toIndex(start), o.toIndex(end))).toBe('[지하철 🚇 개통]{claim=01JC}');
  expect(byteToIndex(text, utf8('서울 [지하철 🚇'))).toBe('서울 [지하철 🚇'.length);
  expect(indexToByte(text, '서울 [지하철 🚇'.length)).toBe(utf8('서울 [지하철 🚇'));
});

test('a byte offset inside a character moves to the next boundary, never inside an emoji', () => {
  const text = 'a🚇b';
  const o = new Offsets(text);
  expect(o.toIndex(2)).toBe(3); // inside the emoji's 4 bytes → after it
  expect(o.toIndex(5)).toBe(3);
  expect(o.toIndex(6)).toBe(4);
  expect(new Offsets('가나').toIndex(4)).toBe(2);
});

test('offsets outside the text are clamped', () => {
  const o = new Offsets('한국');
  expect(o.toIndex(-3)).toBe(0);
  expect(o.toIndex(99)).toBe(2);
  expect(o.toByte(99)).toBe(6);
});
