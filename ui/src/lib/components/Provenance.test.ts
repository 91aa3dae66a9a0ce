// Where a claim's confidence comes from, as the editor checks it before publication.

import { afterEach, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { cleanupAll, renderApp, sampleDesk } from '../../test/render';

afterEach(() => cleanupAll());

const byTestId = (id: string) => page.getByTestId(id);
const texts = (testid: string, root: ParentNode = document) =>
  [...root.querySelectorAll(`[data-testid="${testid}"]`)].map((el) => el.textContent.replace(/\s+/g, ' ').trim());

async function showClaim(text: RegExp) {
  await page.getByTestId('claim-item').filter({ hasText: text }).click();
  await byTestId('show-provenance').click();
  await expect.element(byTestId('provenance-claim')).toBeVisible();
}

test('a relayed report collapses onto the origin it cites: one origin, two pieces of evidence', async () => {
  const { fake } = renderApp(sampleDesk());
  const origin = fake.sources[0];
  const claim = fake.claims[0]!;
  await showClaim(/opens in June/);

  await expect.element(byTestId('provenance-panel')).toHaveAttribute('data-claim', claim.id);
  await expect.element(byTestId('provenance-claim')).toHaveTextContent(claim.text);
  await expect.element(byTestId('provenance-confidence')).toHaveTextContent('confirmed');
  await expect.element(byTestId('suggested-confidence')).toHaveTextContent('confirmed');
  await expect.element(byTestId('independent-origins')).toHaveTextContent('1');
  await expect.element(byTestId('exceeds-evidence')).not.toBeInTheDocument();

  // One group, under the ministry's press release, holding both pieces of evidence.
  const groups = document.querySelectorAll('[data-testid="provenance-origin"]');
  expect(groups).toHaveLength(1);
  const group = groups[0]!;
  expect(group.getAttribute('data-origin')).toBe(origin!.id);
  expect(group.textContent).toContain('Origin: Ministry of Transport press release (Ministry of Transport)');
  expect(group.textContent).toContain('2 pieces of evidence');
  expect(texts('provenance-source', group)).toEqual([
    'Ministry of Transport press release (Ministry of Transport)',
    'Rail line to open in June (Daily Courier)',
  ]);
  expect([...group.querySelectorAll('[data-testid="provenance-evidence"]')].map((el) => el.getAttribute('data-origin'))).toEqual([
    origin!.id,
    origin!.id,
  ]);

  // The press release is its own origin; the courier's report goes one hop down to it.
  const [direct, relayed] = [...group.querySelectorAll<HTMLElement>('[data-testid="provenance-evidence"]')];
  expect(texts('origin-mark', direct!)).toEqual(['origin']);
  expect(texts('provenance-translation', direct!)).toEqual(['Translated by Léa Martin, from “La ligne ouvrira en juin.”']);
  expect(relayed!.querySelector('[data-testid="provenance-stance"]')!.textContent).toBe('supports');
  expect(texts('provenance-hop', relayed!)).toEqual(['↳ citing Ministry of Transport press release (Ministry of Transport) origin']);
  const hop = relayed!.querySelector<HTMLElement>('[data-testid="provenance-hop"]')!;
  expect(hop.getBoundingClientRect().left).toBeGreaterThan(relayed!.querySelector('[data-testid="provenance-source"]')!.getBoundingClientRect().left);
});

test('independent origins are counted and grouped apart', async () => {
  const fake = sampleDesk();
  const claim = fake.claims[0]!;
  const other = fake.addSource({
    title: 'Timetable 2025',
    outlet: 'Rail operator',
    author: null,
    url: null,
    published: '2025-04',
    accessed: null,
    language: 'en',
    kind: 'outlet',
    reliability: 'high',
    via: null,
    kept_text: null,
    notes: null,
  });
  fake.link({ claim: claim.id, source: other.id, quote: 'First train: 1 June.', locator: null, stance: 'supports', translated_by: null, original_quote: null });
  renderApp(fake);
  await showClaim(/opens in June/);

  await expect.element(byTestId('independent-origins')).toHaveTextContent('2');
  expect(texts('provenance-origin').length).toBe(2);
  expect(
    [...document.querySelectorAll('[data-testid="provenance-origin"]')].map((g) => g.querySelectorAll('[data-testid="provenance-evidence"]').length),
  ).toEqual([2, 1]);
});

test('a claim above its evidence is flagged, and a reviewer’s reason keeps it there', async () => {
  const fake = sampleDesk();
  const claim = fake.claims[1]!; // "twice its budget", unverified, no evidence
  const interview = fake.sources[2]!; // reliability unknown: not credible
  fake.link({ claim: claim.id, source: interview.id, quote: 'It cost double.', locator: null, stance: 'supports', translated_by: null, original_quote: null });
  claim.confidence = 'reported';
  renderApp(fake);
  await showClaim(/twice its budget/);

  await expect.element(byTestId('suggested-confidence')).toHaveTextContent('unverified');
  await expect.element(byTestId('independent-origins')).toHaveTextContent('0');
  await expect.element(byTestId('exceeds-evidence')).toHaveTextContent('Exceeds the evidence');
  await expect.element(byTestId('confidence-override')).not.toBeInTheDocument();

  await byTestId('claim-reason').fill('The station master showed us the invoices.');
  await byTestId('claim-save').click();

  await expect.poll(() => fake.callsOf('update_claim').length).toBe(1);
  expect(fake.callsOf('update_claim')[0]!.args).toMatchObject({ id: claim.id, reason: 'The station master showed us the invoices.' });
  await expect.element(byTestId('confidence-override')).toHaveTextContent('Kept at reported by tester on');
  await expect.element(byTestId('confidence-override')).toHaveTextContent('“The station master showed us the invoices.”');
  await expect.element(byTestId('exceeds-evidence')).not.toBeInTheDocument();
  await expect.element(byTestId('claim-reason')).toHaveValue('');

  await byTestId('close-provenance').click();
  await expect.element(byTestId('provenance-panel')).not.toBeInTheDocument();
});

test('saving a claim without a reason records no override', async () => {
  const { fake } = renderApp(sampleDesk());
  await page.getByTestId('claim-item').filter({ hasText: /twice its budget/ }).click();
  await byTestId('claim-save').click();
  await expect.poll(() => fake.callsOf('update_claim').length).toBe(1);
  expect(fake.callsOf('update_claim')[0]!.args).not.toHaveProperty('reason');
});
