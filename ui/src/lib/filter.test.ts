import { expect, test } from 'vitest';
import { FakeDesk } from '../test/fakeBackend';
import { claimMatches, sourceMatches } from './filter';

const desk = new FakeDesk();
desk.loadSample();
const [origin, relay, interview] = desk.sources as [typeof desk.sources[0], typeof desk.sources[0], typeof desk.sources[0]];
const [opening] = desk.claims;

test('matches sources by title, outlet and author, ignoring case', () => {
  expect(desk.sources.filter((s) => sourceMatches(s, 'daily COURIER'))).toEqual([relay]);
  expect(desk.sources.filter((s) => sourceMatches(s, 'OKAFOR'))).toEqual([interview]);
  expect(desk.sources.filter((s) => sourceMatches(s, 'press release'))).toEqual([origin]);
  expect(desk.sources.filter((s) => sourceMatches(s, '  '))).toHaveLength(3);
});

test('matches ids by prefix only', () => {
  expect(sourceMatches(relay, relay.id.slice(0, 6).toLowerCase())).toBe(true);
  expect(sourceMatches(relay, relay.id.slice(2))).toBe(false);
  expect(claimMatches(opening!, opening!.id)).toBe(true);
});

test('matches claims by text and topic', () => {
  expect(claimMatches(opening!, 'opens in june')).toBe(true);
  expect(claimMatches(opening!, 'TRANSPORT')).toBe(true);
  expect(claimMatches(opening!, 'budget')).toBe(false);
});
