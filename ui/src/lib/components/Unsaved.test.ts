// A form with changes not saved asks before the inspector leaves it, and the settings before closing.

import { afterEach, describe, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { cleanupAll, renderApp, sampleDesk } from '../../test/render';

afterEach(() => cleanupAll());

const byTestId = (id: string) => page.getByTestId(id);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const item = (testid: string, text: string) => page.getByTestId(testid).filter({ hasText: text });

async function openSource(title: string) {
  await item('source-item', title).click();
  await expect.element(byTestId('source-title')).toHaveValue(title);
}

describe('a source form with unsaved changes', () => {
  test('asks before another source shows; Keep editing keeps the typed text', async () => {
    renderApp(sampleDesk());
    await openSource('Rail line to open in June');
    await byTestId('source-title').fill('Rail line to open in July');

    await item('source-item', 'Interview with the station master').click();
    await expect.element(byTestId('unsaved-prompt')).toBeVisible();
    await byTestId('unsaved-keep').click();

    await expect.element(byTestId('unsaved-prompt')).not.toBeInTheDocument();
    await sleep(100);
    await expect.element(byTestId('source-title')).toHaveValue('Rail line to open in July');
  });

  test('Discard shows the other source and drops what was typed', async () => {
    const { fake } = renderApp(sampleDesk());
    await openSource('Rail line to open in June');
    await byTestId('source-title').fill('Rail line to open in July');

    await item('source-item', 'Interview with the station master').click();
    await byTestId('unsaved-discard').click();

    await expect.element(byTestId('source-title')).toHaveValue('Interview with the station master');
    await expect.element(byTestId('unsaved-prompt')).not.toBeInTheDocument();
    expect(fake.sources.map((s) => s.title)).not.toContain('Rail line to open in July');
  });

  test('a clean form never asks, nor one just saved', async () => {
    renderApp(sampleDesk());
    await openSource('Rail line to open in June');
    await openSource('Interview with the station master');
    await expect.element(byTestId('unsaved-prompt')).not.toBeInTheDocument();

    await byTestId('source-notes').fill('Recorded on the platform.');
    await byTestId('source-save').click();
    await expect.element(byTestId('source-save')).toHaveTextContent('Save source');
    await openSource('Rail line to open in June');
    await expect.element(byTestId('unsaved-prompt')).not.toBeInTheDocument();
  });

  test('a new source with a title typed asks before a claim shows', async () => {
    renderApp(sampleDesk());
    await byTestId('new-source').click();
    await byTestId('source-title').fill('Council minutes');

    await item('claim-item', 'The line cost twice its budget.').click();
    await expect.element(byTestId('unsaved-prompt')).toBeVisible();
    await byTestId('unsaved-discard').click();
    await expect.element(byTestId('claim-text')).toHaveValue('The line cost twice its budget.');
  });
});

describe('a claim form with unsaved changes', () => {
  test('asks before a provenance link opens its source', async () => {
    renderApp(sampleDesk());
    await item('claim-item', 'The new rail line opens in June 2025.').click();
    await expect.element(byTestId('claim-text')).toHaveValue('The new rail line opens in June 2025.');
    await byTestId('claim-topics').fill('budget, rail');

    await byTestId('evidence-source').first().click();
    await expect.element(byTestId('unsaved-prompt')).toBeVisible();
    await byTestId('unsaved-keep').click();
    await expect.element(byTestId('claim-topics')).toHaveValue('budget, rail');

    await byTestId('evidence-source').first().click();
    await byTestId('unsaved-discard').click();
    await expect.element(byTestId('source-form')).toBeVisible();
  });
});

describe('the settings with unsaved changes', () => {
  test('Cancel asks; Keep editing keeps the dialog and the text, Discard closes it', async () => {
    renderApp(sampleDesk());
    await byTestId('open-settings').click();
    await byTestId('settings-name').fill('Mina Park');

    await byTestId('settings-cancel').click();
    await expect.element(byTestId('unsaved-prompt')).toBeVisible();
    await byTestId('unsaved-keep').click();
    await expect.element(byTestId('settings-name')).toHaveValue('Mina Park');

    await byTestId('settings-cancel').click();
    await byTestId('unsaved-discard').click();
    await expect.element(byTestId('settings-dialog')).not.toBeInTheDocument();
  });

  test('untouched settings close at once', async () => {
    renderApp(sampleDesk());
    await byTestId('open-settings').click();
    await byTestId('settings-cancel').click();
    await expect.element(byTestId('settings-dialog')).not.toBeInTheDocument();
    await expect.element(byTestId('unsaved-prompt')).not.toBeInTheDocument();
  });
});
