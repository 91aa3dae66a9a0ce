// Issue 10 in the app: the new source kinds, each kind's default reliability shown and used, the
// first-party mark on evidence, and the provenance panel naming the rule it applied.

import { afterEach, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { cleanupAll, renderApp, sampleDesk } from '../../test/render';

afterEach(() => cleanupAll());

const byTestId = (id: string) => page.getByTestId(id);
const options = (testid: string) =>
  [...document.querySelectorAll(`[data-testid="${testid}"] option`)].map((o) => (o as HTMLOptionElement).value);

test('the source form offers person and anonymous and follows the kind default until the writer rates it', async () => {
  const { fake } = renderApp(sampleDesk());
  await byTestId('new-source').click();
  await expect.element(byTestId('source-kind')).toBeVisible();
  expect(options('source-kind')).toEqual(expect.arrayContaining(['person', 'anonymous', 'interview']));

  await byTestId('source-kind').selectOptions('person');
  await expect.element(byTestId('source-reliability')).toHaveValue('medium');
  await expect.element(byTestId('source-reliability-default')).toHaveTextContent('medium is the default for person');
  await byTestId('source-kind').selectOptions('anonymous');
  await expect.element(byTestId('source-reliability')).toHaveValue('low');
  await expect.element(byTestId('source-reliability-default')).toHaveTextContent('low is the default for anonymous');

  // Once rated by hand, a change of kind keeps the writer's rating, and the hint still says the default.
  await byTestId('source-reliability').selectOptions('medium');
  await byTestId('source-kind').selectOptions('official');
  await expect.element(byTestId('source-reliability')).toHaveValue('medium');
  await expect.element(byTestId('source-reliability-default')).toHaveTextContent('high is the default for official');

  await byTestId('source-title').fill('Han Seo-jin on Picturegram');
  await byTestId('source-kind').selectOptions('person');
  await byTestId('source-save').click();
  await expect.poll(() => fake.callsOf('add_source').length).toBe(1);
  const input = (fake.callsOf('add_source')[0]!.args as { input: { kind: string; reliability: string } }).input;
  expect([input.kind, input.reliability]).toEqual(['person', 'medium']);
});

test('a person speaking about her own plans, marked first-party, confirms the claim and the panel says why', async () => {
  const desk = sampleDesk();
  const person = desk.addSource({
    title: 'Han Seo-jin on Picturegram',
    outlet: null,
    author: 'Han Seo-jin',
    url: null,
    published: null,
    accessed: null,
    language: null,
    kind: 'person',
    reliability: null,
    via: null,
    kept_text: null,
    notes: null,
  });
  expect(person.reliability).toBe('medium');
  const { fake } = renderApp(desk);
  const claim = fake.claims[1]!; // no evidence yet
  await page.getByTestId('claim-item').filter({ hasText: 'twice its budget' }).click();
  await expect.element(byTestId('claim-text')).toHaveValue(claim.text);

  await byTestId('link-source').selectOptions(person.id);
  await byTestId('link-first-party').click();
  await byTestId('link-save').click();
  await expect.poll(() => fake.callsOf('link_evidence').length).toBe(1);
  expect((fake.callsOf('link_evidence')[0]!.args as { input: { first_party: boolean } }).input.first_party).toBe(true);
  await expect.element(byTestId('link-first-party')).not.toBeChecked();

  await byTestId('show-provenance').click();
  await expect.element(byTestId('suggested-confidence')).toHaveTextContent('confirmed');
  await expect.element(byTestId('suggestion-reason')).toHaveTextContent('on the record from the party itself');
  await expect.element(byTestId('provenance-kind')).toHaveTextContent('person, medium, first-party');
});
