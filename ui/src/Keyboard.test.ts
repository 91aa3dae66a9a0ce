// The keyboard-first desk, in a real Chromium over a fake backend: the command palette, the
// shortcuts sheet, and the light/dark setting, each as a writer would use and check them.

import { afterEach, describe, expect, test } from 'vitest';
import { cdp, page, userEvent } from 'vitest/browser';
import { ACTIONS, keysLabel } from './lib/actions';
import { THEME_KEY } from './lib/theme.svelte';
import { cleanupAll, renderApp, sampleDesk } from './test/render';

afterEach(async () => {
  cleanupAll();
  localStorage.removeItem(THEME_KEY);
  delete document.documentElement.dataset.theme;
  await cdp().send('Emulation.setEmulatedMedia', { features: [] });
});

const byTestId = (id: string) => page.getByTestId(id);

function shown(testid: string, attr: string): string[] {
  return [...document.querySelectorAll(`[data-testid="${testid}"]`)].map((el) => el.getAttribute(attr) ?? '');
}

async function sampleReady() {
  renderApp(sampleDesk());
  await expect.element(byTestId('draft-title')).toBeVisible();
  (document.activeElement as HTMLElement | null)?.blur();
}

const openPalette = () => userEvent.keyboard('{Control>}{Shift>}P{/Shift}{/Control}');

describe('the command palette', () => {
  test('Ctrl+Shift+P lists the actions on offer with their keys', async () => {
    await sampleReady();
    await openPalette();
    await expect.element(byTestId('command-palette')).toBeVisible();
    await expect.element(byTestId('palette-input')).toHaveFocus();

    const listed = shown('palette-item', 'data-action');
    // With a draft open, the draft's actions are on offer next to the desk's.
    for (const id of ['new-source', 'new-claim', 'new-draft', 'paste-article', 'filter', 'save', 'quit', 'attach-claim', 'export-pandoc', 'review', 'open-settings', 'backups', 'theme-dark']) {
      expect(listed).toContain(id);
    }
    const newClaim = page.getByTestId('palette-item').filter({ hasText: 'New claim' });
    await expect.element(newClaim).toHaveTextContent(keysLabel('new-claim'));
  });

  test('typing a few letters ranks New claim first, and Enter runs it', async () => {
    await sampleReady();
    await openPalette();
    await userEvent.keyboard('nc');
    await expect.poll(() => shown('palette-item', 'data-action')[0]).toBe('new-claim');
    expect(document.querySelector('[data-testid="palette-item"][aria-selected="true"]')?.getAttribute('data-action')).toBe('new-claim');

    await userEvent.keyboard('{Enter}');
    await expect.element(byTestId('command-palette')).not.toBeInTheDocument();
    await expect.element(byTestId('claim-form')).toBeVisible();
    await expect.element(byTestId('claim-text')).toHaveFocus();
  });

  test('arrows choose another match; a query that matches nothing says so', async () => {
    await sampleReady();
    await openPalette();
    await userEvent.keyboard('new');
    await expect.poll(() => shown('palette-item', 'data-action').slice(0, 3).sort()).toEqual(['new-claim', 'new-draft', 'new-source']);
    const order = shown('palette-item', 'data-action');
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowUp}');
    const selected = () => document.querySelector('[data-testid="palette-item"][aria-selected="true"]')?.getAttribute('data-action');
    expect(selected()).toBe(order[1]);
    expect(byTestId('palette-input').element().getAttribute('aria-activedescendant')).toBe(`palette-${order[1]}`);

    await userEvent.keyboard('qqqq');
    await expect.element(byTestId('command-palette')).toHaveTextContent('No command matches.');
    expect(shown('palette-item', 'data-action')).toEqual([]);
  });

  test('Esc closes it without running anything', async () => {
    await sampleReady();
    await openPalette();
    await userEvent.keyboard('nc');
    await userEvent.keyboard('{Escape}');
    await expect.element(byTestId('command-palette')).not.toBeInTheDocument();
    expect(document.querySelector('[data-testid="claim-form"]')).toBeNull();
  });
});

describe('the shortcuts sheet', () => {
  test('F1 opens it, listing every action of the registry with its keys; Esc closes it', async () => {
    await sampleReady();
    await userEvent.keyboard('{F1}');
    await expect.element(byTestId('shortcuts-sheet')).toBeVisible();
    expect(shown('shortcut-row', 'data-action')).toEqual(
      ['Desk', 'Draft', 'App'].flatMap((g) => ACTIONS.filter((a) => a.group === g).map((a) => a.id)),
    );
    const row = page.getByTestId('shortcut-row').filter({ hasText: 'Filter sources and claims' });
    await expect.element(row).toHaveTextContent('Ctrl+K or /');
    await userEvent.keyboard('{Escape}');
    await expect.element(byTestId('shortcuts-sheet')).not.toBeInTheDocument();
  });

  test('? opens it, but not while typing in a field', async () => {
    await sampleReady();
    await byTestId('filter').click();
    await userEvent.keyboard('?');
    expect(byTestId('filter').element()).toHaveProperty('value', '?');
    expect(document.querySelector('[data-testid="shortcuts-sheet"]')).toBeNull();

    (document.activeElement as HTMLElement).blur();
    await userEvent.keyboard('?');
    await expect.element(byTestId('shortcuts-sheet')).toBeVisible();
  });

  test('the buttons name their shortcut from the same registry', async () => {
    await sampleReady();
    await expect.element(byTestId('new-claim')).toHaveAttribute('title', 'New claim (Ctrl+Shift+C)');
    await expect.element(byTestId('attach-claim')).toHaveAttribute('title', `Attach a claim to the selected words (${keysLabel('attach-claim')})`);
    await expect.element(byTestId('open-settings')).toHaveAttribute('title', `Settings (${keysLabel('open-settings')})`);
  });
});

describe('light and dark', () => {
  const background = () => getComputedStyle(document.documentElement).backgroundColor;

  test('follows the OS colour scheme until the writer overrides it', async () => {
    await cdp().send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'dark' }] });
    await sampleReady();
    await expect.poll(() => document.documentElement.dataset.theme).toBe('dark');
    const dark = background();

    await cdp().send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'light' }] });
    await expect.poll(() => document.documentElement.dataset.theme).toBe('light');
    expect(background()).not.toBe(dark);
  });

  test('the settings choose Dark at once, and the choice survives a restart', async () => {
    await cdp().send('Emulation.setEmulatedMedia', { features: [{ name: 'prefers-color-scheme', value: 'light' }] });
    await sampleReady();
    await expect.poll(() => document.documentElement.dataset.theme).toBe('light');
    const light = background();

    await byTestId('open-settings').click();
    await expect.element(byTestId('settings-theme')).toHaveValue('system');
    await byTestId('settings-theme').selectOptions('dark');
    await expect.poll(() => document.documentElement.dataset.theme).toBe('dark');
    expect(background()).not.toBe(light);
    expect(localStorage.getItem(THEME_KEY)).toBe('dark');

    // A restart: the page comes back with no data-theme until the app starts.
    cleanupAll();
    delete document.documentElement.dataset.theme;
    await sampleReady();
    await expect.poll(() => document.documentElement.dataset.theme).toBe('dark');
    await byTestId('open-settings').click();
    await expect.element(byTestId('settings-theme')).toHaveValue('dark');

    // Back to System: the OS (light here) decides again, and nothing is kept.
    await byTestId('settings-theme').selectOptions('system');
    await expect.poll(() => document.documentElement.dataset.theme).toBe('light');
    expect(localStorage.getItem(THEME_KEY)).toBeNull();
  });

  test('the palette switches the theme too', async () => {
    await sampleReady();
    await openPalette();
    await userEvent.keyboard('dark{Enter}');
    await expect.poll(() => document.documentElement.dataset.theme).toBe('dark');
    expect(localStorage.getItem(THEME_KEY)).toBe('dark');
  });
});
