// The article beside its candidates: the desk reports each sentence as a UTF-8 byte range of
// the kept text; the review highlights exactly that sentence, Korean and emoji included.

import { expect, test } from 'vitest';
import type { IntakeCandidate } from './bindings/IntakeCandidate';
import { rank, runs } from './intake.svelte';

const bytes = (s: string) => new TextEncoder().encode(s).length;

function at(text: string, sentence: string, id: string): IntakeCandidate {
  const i = text.indexOf(sentence);
  const start = bytes(text.slice(0, i));
  return {
    id,
    source_id: 'S',
    state: 'pending',
    sentence,
    start,
    end: start + bytes(sentence),
    text: sentence,
    attribution: [],
    hedges: [],
    certainty: 'asserted',
    as_of: null,
    suggested_confidence: 'reported',
    quote: sentence,
    original_quote: null,
    duplicates: [],
    people: [],
    claim_id: null,
  };
}

test('each candidate sentence is one run, in the order of the text, whatever the script', () => {
  const text = '소속사 “검토 중” 🎬 Filming began on May 2. An aside. 주연은 한지우가 맡는다.';
  const a = at(text, 'Filming began on May 2.', 'A');
  const b = at(text, '주연은 한지우가 맡는다.', 'B');
  const got = runs(text, [b, a]);
  expect(got.map((r) => r.text).join('')).toBe(text);
  expect(got.filter((r) => r.candidate).map((r) => [r.candidate, r.text])).toEqual([
    ['A', 'Filming began on May 2.'],
    ['B', '주연은 한지우가 맡는다.'],
  ]);
});

test('a range past the text or overlapping another is left unmarked, never cut wrong', () => {
  const text = 'One fact. Two facts.';
  const a = at(text, 'One fact.', 'A');
  const overlapping = { ...at(text, 'fact. Two', 'X') };
  const past = { ...at(text, 'Two facts.', 'P'), end: 999 };
  const got = runs(text, [a, overlapping, past]);
  expect(got.map((r) => r.text).join('')).toBe(text);
  expect(got.filter((r) => r.candidate).map((r) => r.candidate)).toEqual(['A']);
});

test('levels rank strongest first, so "reported or above" takes confirmed and corroborated too', () => {
  expect(rank('confirmed')).toBeLessThan(rank('corroborated'));
  expect(rank('corroborated')).toBeLessThan(rank('reported'));
  expect(rank('reported')).toBeLessThan(rank('unverified'));
  expect(rank('unverified')).toBeLessThan(rank('speculation'));
});
