// The palette's matcher: what a writer typing a few letters expects to see first.

import { expect, test } from 'vitest';
import { ACTIONS } from './actions';
import { fuzzyRank, fuzzyScore } from './fuzzy';

const titles = ACTIONS.map((a) => a.title);
const rank = (query: string) => fuzzyRank(query, titles, (t) => t);

test('matches a subsequence in order, ignoring case, and nothing else', () => {
  expect(fuzzyScore('nwclm', 'New claim')).not.toBeNull();
  expect(fuzzyScore('NEW', 'new draft')).not.toBeNull();
  expect(fuzzyScore('cn', 'New claim')).toBeNull();
  expect(fuzzyScore('zz', 'New claim')).toBeNull();
});

test('word starts and neighbours win: "nc" is New claim, "ns" New source', () => {
  expect(rank('nc')[0]).toBe('New claim');
  expect(rank('ns')[0]).toBe('New source');
  expect(rank('nd')[0]).toBe('New draft');
});

test('a later word start is preferred to an earlier letter mid-word', () => {
  // "sq" in "xs squad": the s of "squad" starts a word and is followed by the q.
  expect(fuzzyScore('sq', 'xs squad')!).toBeGreaterThan(fuzzyScore('sq', 'xsxxxxq')!);
  // Jumping to a word start must not lose the rest of the match.
  expect(fuzzyScore('ab', 'xab a')).not.toBeNull();
});

test('a typed prefix ranks the action it spells first', () => {
  expect(rank('sett')[0]).toBe('Settings');
  expect(rank('back')[0]).toBe('Backups');
  expect(rank('dark')[0]).toBe('Theme: dark');
  expect([...rank('exp')].sort()).toEqual(['Export: Markdown with footnotes', 'Export: Pandoc with a bibliography']);
  expect(rank('ex foot')[0]).toBe('Export: Markdown with footnotes');
  expect(rank('ex pan')[0]).toBe('Export: Pandoc with a bibliography');
});

test('an empty query keeps every action in the registry order', () => {
  expect(rank('')).toEqual(titles);
});
