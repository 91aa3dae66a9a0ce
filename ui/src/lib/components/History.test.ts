// A claim's history in the inspector: every change, newest first, with who and when.

import { afterEach, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { cleanupAll, renderApp, sampleDesk } from '../../test/render';

afterEach(() => cleanupAll());

const byTestId = (id: string) => page.getByTestId(id);
const texts = (testid: string) =>
  [...document.querySelectorAll(`[data-testid="${testid}"]`)].map((el) => el.textContent.replace(/\s+/g, ' ').trim());

test('lists the changes to a claim newest first: field, before → after, who', async () => {
  const { fake } = renderApp(sampleDesk());
  const claim = fake.claims[1]!;
  await page.getByTestId('claim-item').filter({ hasText: /twice its budget/ }).click();

  await byTestId('claim-confidence').selectOptions('reported');
  await byTestId('claim-reason').fill('Two officials confirmed it.');
  await byTestId('claim-save').click();
  await expect.poll(() => fake.callsOf('update_claim').length).toBe(1);

  await byTestId('history-tab').click();
  await expect.element(byTestId('history-list')).toBeVisible();
  expect(fake.callsOf('get_history').at(-1)!.args).toEqual({ kind: 'claim', id: claim.id });
  expect(texts('history-what')).toEqual(['override: create', 'claim confidence: update', 'claim: create']);
  expect(texts('history-change')).toEqual(['“Two officials confirmed it.”', '“unverified” → “reported”', '“The line cost twice its budget.”']);
  expect(texts('history-who')).toEqual(['tester', 'tester', 'tester']);
  const when = texts('history-when');
  expect(when.every((w) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/.test(w))).toBe(true);
  expect([...when].sort().reverse()).toEqual(when);

  // Back to the form.
  await byTestId('details-tab').click();
  await expect.element(byTestId('claim-text')).toHaveValue(claim.text);
  await expect.element(byTestId('history-list')).not.toBeInTheDocument();
});

test('a source has its history too', async () => {
  const { fake } = renderApp(sampleDesk());
  const source = fake.sources[1]!;
  await page.getByTestId('source-item').filter({ hasText: 'Daily Courier' }).click();
  await byTestId('history-tab').click();
  await expect.element(byTestId('history-list')).toBeVisible();
  expect(fake.callsOf('get_history').at(-1)!.args).toEqual({ kind: 'source', id: source.id });
  expect(texts('history-what')).toEqual(['source: create']);
  expect(texts('history-change')).toEqual([`“${source.title}”`]);
});
