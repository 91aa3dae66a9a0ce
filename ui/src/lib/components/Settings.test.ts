// The desk's settings: who is working (shown in the header) and the freshness window.

import { afterEach, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { cleanupAll, renderApp, sampleDesk } from '../../test/render';

afterEach(() => cleanupAll());

const byTestId = (id: string) => page.getByTestId(id);
const fieldErrors = () =>
  [...document.querySelectorAll('[data-testid^="error-"]:not([data-testid="error-banner"])')].map((el) => el.getAttribute('data-testid'));

test('saves the profile and freshness window, and the header names who is working', async () => {
  const { fake } = renderApp(sampleDesk());
  await expect.element(byTestId('profile')).toHaveTextContent('No profile yet');

  await byTestId('open-settings').click();
  await expect.element(byTestId('settings-dialog')).toBeVisible();
  await expect.element(byTestId('settings-freshness')).toHaveValue('90');
  await byTestId('settings-name').fill('Ana Reyes');
  await byTestId('settings-role').selectOptions('editor');
  await byTestId('settings-freshness').fill('30');
  await byTestId('settings-save').click();

  await expect.element(byTestId('settings-dialog')).not.toBeInTheDocument();
  expect(fake.callsOf('save_settings')).toHaveLength(1);
  expect(fake.callsOf('save_settings')[0]!.args).toEqual({
    settings: { profile: { name: 'Ana Reyes', role: 'editor' }, freshness_days: 30 },
  });
  await expect.element(byTestId('profile')).toHaveTextContent('Ana Reyes · editor');

  // Reopened, it shows what was saved.
  await byTestId('open-settings').click();
  await expect.element(byTestId('settings-name')).toHaveValue('Ana Reyes');
  await expect.element(byTestId('settings-role')).toHaveValue('editor');
  await expect.element(byTestId('settings-freshness')).toHaveValue('30');
});

test('errors appear beside the field they are about', async () => {
  const { fake } = renderApp(sampleDesk());
  fake.review.settings = { profile: { name: 'Sam', role: 'writer' }, freshness_days: 90 };
  await expect.element(byTestId('profile')).toHaveTextContent('Sam · writer');
  await byTestId('open-settings').click();

  await byTestId('settings-freshness').fill('0');
  await byTestId('settings-save').click();
  await expect.element(byTestId('error-freshness_days')).toHaveTextContent('must be between 1 and 3650 days');
  await expect.element(byTestId('settings-freshness')).toHaveAttribute('aria-invalid', 'true');
  expect(fieldErrors()).toEqual(['error-freshness_days']);
  const field = byTestId('settings-freshness').element().closest('.field');
  expect(field?.contains(byTestId('error-freshness_days').element())).toBe(true);

  // Not a number at all: said before asking the desk.
  const asked = fake.callsOf('save_settings').length;
  await byTestId('settings-freshness').fill('a month');
  await byTestId('settings-save').click();
  await expect.element(byTestId('error-freshness_days')).toHaveTextContent('a whole number of days');
  expect(fake.callsOf('save_settings')).toHaveLength(asked);

  await byTestId('settings-freshness').fill('60');
  await byTestId('settings-name').fill('   ');
  await byTestId('settings-save').click();
  await expect.element(byTestId('error-name')).toHaveTextContent('cannot be blank');
  expect(fieldErrors()).toEqual(['error-name']);
  await expect.element(byTestId('error-banner')).not.toBeInTheDocument();
  await expect.element(byTestId('settings-dialog')).toBeVisible();
  expect(fake.review.settings).toEqual({ profile: { name: 'Sam', role: 'writer' }, freshness_days: 90 });
});

test('lists the people of the desk and adds one with the spellings they go by', async () => {
  const { fake } = renderApp(sampleDesk());
  await byTestId('open-settings').click();
  await expect.element(byTestId('people')).toHaveTextContent('No people yet');

  await byTestId('person-name').fill('Choo Young-woo');
  await byTestId('person-hangul').fill('Choo');
  await byTestId('person-add').click();
  await expect.element(byTestId('error-hangul')).toHaveTextContent('Hangul');
  expect(fake.people).toHaveLength(0);

  await byTestId('person-hangul').fill('주영우');
  await byTestId('person-aliases').fill('Joo Young-woo, Ju Yeong-u');
  await byTestId('person-add').click();
  await expect.element(byTestId('person-item')).toHaveTextContent('Choo Young-woo');
  await expect.element(byTestId('person-item')).toHaveTextContent('주영우');
  await expect.element(byTestId('person-item')).toHaveTextContent('also Joo Young-woo, Ju Yeong-u');
  expect(fake.callsOf('add_person').at(-1)!.args).toEqual({
    input: { name: 'Choo Young-woo', hangul: '주영우', aliases: ['Joo Young-woo', 'Ju Yeong-u'] },
  });
  expect(fieldErrors()).toEqual([]);
});
