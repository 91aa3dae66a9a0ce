// The keyboard-first desk in the real app: Ctrl+Shift+P opens the command palette, a few letters
// find "New claim" and Enter runs it; the settings switch to dark, which the page really paints,
// and the choice is still there after a restart.
import { afterAll, describe, expect, it } from 'vitest';
import { byTestId, launch, screenshot, tempDesk, type Running } from './app';

const desk = tempDesk();
let app: Running | undefined;

afterAll(async () => {
  await app?.quit();
});

const pageBackground = (run: Running): Promise<string> =>
  run.browser.execute(() => getComputedStyle(document.documentElement).backgroundColor);
const themeOf = (run: Running): Promise<string | undefined> =>
  run.browser.execute(() => document.documentElement.dataset.theme);

describe('the keyboard and the theme', () => {
  it('opens the palette with Ctrl+Shift+P and runs New claim with Enter', async () => {
    app = await launch(desk);
    const run = app;
    await (await byTestId(run.browser, 'load-sample')).waitForDisplayed({ timeout: 10_000 });
    await (await byTestId(run.browser, 'load-sample')).click();
    await (await byTestId(run.browser, 'draft-title')).waitForDisplayed({ timeout: 10_000 });
    await run.browser.execute(() => (document.activeElement as HTMLElement | null)?.blur());

    await run.browser.keys(['Control', 'Shift', 'p']);
    const input = await byTestId(run.browser, 'palette-input');
    await input.waitForDisplayed({ timeout: 5_000 });
    await run.browser.keys(['n', 'c']);
    await run.browser.waitUntil(
      async () =>
        (await run.browser.execute(
          () => document.querySelector('[data-testid="palette-item"][aria-selected="true"]')?.getAttribute('data-action'),
        )) === 'new-claim',
      { timeout: 5_000, timeoutMsg: 'New claim is not the first match for "nc"' },
    );
    await screenshot(run.browser, 'palette.png');
    await run.browser.keys('Enter');

    await (await byTestId(run.browser, 'claim-form')).waitForDisplayed({ timeout: 5_000 });
    expect(await (await byTestId(run.browser, 'command-palette')).isExisting()).toBe(false);
    const focused = await run.browser.execute(() => document.activeElement?.getAttribute('data-testid'));
    expect(focused).toBe('claim-text');
  });

  it('switches to dark in the settings, and the page is painted dark', async () => {
    const run = app!;
    const before = await pageBackground(run);
    await (await byTestId(run.browser, 'open-settings')).click();
    const select = await byTestId(run.browser, 'settings-theme');
    await select.waitForDisplayed({ timeout: 5_000 });
    await select.selectByAttribute('value', 'dark');
    await run.browser.waitUntil(async () => (await themeOf(run)) === 'dark', { timeout: 5_000 });
    const after = await pageBackground(run);
    expect(after).not.toBe(before);
    // Dark: each channel of the background is low.
    const channels = (after.match(/\d+/g) ?? []).slice(0, 3).map(Number);
    expect(Math.max(...channels)).toBeLessThan(64);
    await run.browser.keys('Escape');
    await screenshot(run.browser, 'dark.png');
  });

  it('is still dark after a restart', async () => {
    await app!.browser.keys(['Control', 'q']).catch(() => undefined);
    await app!.quit();
    app = await launch(desk);
    const run = app;
    await (await byTestId(run.browser, 'draft-title')).waitForDisplayed({ timeout: 10_000 });
    await run.browser.waitUntil(async () => (await themeOf(run)) === 'dark', {
      timeout: 5_000,
      timeoutMsg: 'the theme chosen before the restart was not kept',
    });
  });
});
