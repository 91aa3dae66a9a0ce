// Accessibility of the whole app, checked by axe-core in a real Chromium over a fake backend: each
// main state of the desk (empty, a draft open, a record chosen, the review panel, every dialog), in
// the light and the dark theme, has no serious or critical violation (labels on every control,
// contrast, roles). A failure lists each violation with the elements it found.

import axe from 'axe-core';
import { afterEach, describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { LAYOUT_KEY } from './lib/layout.svelte';
import { THEME_KEY, type Theme } from './lib/theme.svelte';
import { cleanupAll, renderApp, sampleDesk } from './test/render';

afterEach(() => {
  cleanupAll();
  localStorage.removeItem(THEME_KEY);
  localStorage.removeItem(LAYOUT_KEY);
  delete document.documentElement.dataset.theme;
});

const byTestId = (id: string) => page.getByTestId(id);

/** Serious and critical violations on the page now, one line per rule and its elements. */
async function violations(): Promise<string[]> {
  // Two frames: transitions and the editor's measured layout have settled.
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const result = await axe.run(document, { resultTypes: ['violations'] });
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help}\n` +
        v.nodes
          .slice(0, 6)
          .map((n) => `    ${n.target.join(' ')}  ${n.failureSummary?.replace(/\s+/g, ' ') ?? ''}`)
          .join('\n'),
    );
}

async function expectClean(state: string) {
  const found = await violations();
  expect(found, `axe-core found in "${state}":\n${found.join('\n')}`).toEqual([]);
}

async function sampleReady(theme: Theme) {
  localStorage.setItem(THEME_KEY, theme);
  renderApp(sampleDesk());
  await expect.element(byTestId('draft-title')).toBeVisible();
  await expect.poll(() => document.querySelectorAll('[data-testid="draft-claim-item"]').length).toBeGreaterThan(0);
  await expect.poll(() => document.documentElement.dataset.theme).toBe(theme);
  (document.activeElement as HTMLElement | null)?.blur();
}

describe.each(['light', 'dark'] as const)('in the %s theme', (theme) => {
  test('the empty desk', async () => {
    localStorage.setItem(THEME_KEY, theme);
    renderApp();
    await expect.element(byTestId('load-sample')).toBeVisible();
    await expectClean('empty desk');
  });

  test('the sample desk with its draft open', async () => {
    await sampleReady(theme);
    await expectClean('sample desk, draft open');
  });

  test('a claim chosen in the inspector, and the review panel open', async () => {
    await sampleReady(theme);
    await byTestId('claim-item').first().click();
    await expect.element(byTestId('claim-form')).toBeVisible();
    await byTestId('open-review').click();
    await expect.element(byTestId('review-panel')).toBeVisible();
    await expectClean('claim chosen, review open');
  });

  test('a new source form, and the revisions of the draft', async () => {
    await sampleReady(theme);
    await byTestId('new-source').click();
    await expect.element(byTestId('source-title')).toBeVisible();
    await byTestId('open-revisions').click();
    await expect.element(byTestId('revision-list')).toBeVisible();
    await expectClean('new source form, revisions');
  });

  test('the settings dialog', async () => {
    await sampleReady(theme);
    await byTestId('open-settings').click();
    await expect.element(byTestId('settings-dialog')).toBeVisible();
    await expectClean('settings dialog');
  });

  test('the intake dialog', async () => {
    await sampleReady(theme);
    await byTestId('open-intake').click();
    await expect.element(byTestId('intake-dialog')).toBeVisible();
    await expectClean('intake dialog');
  });

  test('the command palette and the shortcuts sheet', async () => {
    await sampleReady(theme);
    await userEvent.keyboard('{Control>}{Shift>}P{/Shift}{/Control}');
    await expect.element(byTestId('command-palette')).toBeVisible();
    await expectClean('command palette');
    await userEvent.keyboard('{Escape}');
    await userEvent.keyboard('{F1}');
    await expect.element(byTestId('shortcuts-sheet')).toBeVisible();
    await expectClean('shortcuts sheet');
  });

  test('focus mode', async () => {
    await sampleReady(theme);
    await userEvent.keyboard('{Control>}{Shift>}F{/Shift}{/Control}');
    await expect.element(byTestId('leave-focus')).toBeVisible();
    await expectClean('focus mode');
  });
});
