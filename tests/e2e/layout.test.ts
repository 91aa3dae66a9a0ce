// The writer's room in the real app at its window size (1280×800 under Xvfb), on the sample desk:
// the editor shows at least 30 lines of text, focus mode hides the panes, and a pane resized from
// the keyboard keeps its width when the app starts again on the same desk.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { byTestId, cliBinary, launch, screenshot, tempDesk, type Browser, type Running } from './app';

let app: Running | undefined;

afterAll(async () => {
  await app?.quit();
});

/** Lines of text the editor shows at once: its visible text height over one line's height. */
const editorLines = (browser: Browser): Promise<number> =>
  browser.execute(() => {
    const scroller = document.querySelector<HTMLElement>('[data-testid="draft-editor"] .cm-scroller')!;
    const content = document.querySelector<HTMLElement>('[data-testid="draft-editor"] .cm-content')!;
    const style = getComputedStyle(content);
    const lineHeight = parseFloat(getComputedStyle(document.querySelector('.cm-line')!).lineHeight);
    return Math.floor((scroller.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)) / lineHeight);
  });

/** `.cm-line` elements wholly inside the editor's visible box. */
const linesInView = (browser: Browser): Promise<number> =>
  browser.execute(() => {
    const box = document.querySelector('[data-testid="draft-editor"] .cm-scroller')!.getBoundingClientRect();
    return [...document.querySelectorAll('[data-testid="draft-editor"] .cm-line')].filter((l) => {
      const r = l.getBoundingClientRect();
      return r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5 && r.height > 0;
    }).length;
  });

const shownWidth = (browser: Browser, testid: string): Promise<number> =>
  browser.execute((id: string) => {
    const el = document.querySelector(`[data-testid="${id}"]`);
    return el && el.getClientRects().length > 0 ? el.getBoundingClientRect().width : 0;
  }, testid);

describe('the draft takes the room', () => {
  const desk = tempDesk();
  execFileSync(cliBinary, ['--desk', desk, 'init', '--sample']);

  it('shows at least 30 lines of the sample draft at 1280×800', async () => {
    app = await launch(desk);
    const { browser } = app;
    const size = await browser.execute(() => [window.innerWidth, window.innerHeight]);
    expect(size, 'the window opens at the size of tauri.conf.json').toEqual([1280, 800]);
    await browser.$('[data-testid="draft-editor"] .cm-line').waitForExist({ timeout: 15_000 });
    expect(await editorLines(browser), 'lines of text the editor has room for').toBeGreaterThanOrEqual(30);
    expect(await shownWidth(browser, 'draft-editor'), 'editor width').toBeGreaterThanOrEqual(640);
    await screenshot(browser, 'layout-sample.png');

    // A draft of short lines: count the lines a writer actually sees.
    await (await byTestId(browser, 'new-draft')).click();
    const content = await browser.$('[data-testid="draft-editor"] .cm-content');
    await content.waitForExist();
    await content.click();
    for (let i = 1; i <= 40; i += 1) await browser.keys([...`Line ${i}`.split(""), "Enter"]);
    await browser.execute(() => {
      document.querySelector('[data-testid="draft-editor"] .cm-scroller')!.scrollTop = 0;
    });
    // The keys arrive one by one; on a busy machine the last lines land after the scroll.
    let seen = 0;
    await browser
      .waitUntil(async () => (seen = await linesInView(browser)) >= 30, { timeout: 10_000 })
      .catch(() => undefined);
    expect(seen, 'whole lines in view').toBeGreaterThanOrEqual(30);
    await screenshot(browser, 'layout-lines.png');
  });

  it('focus mode hides every pane but the draft, and comes back', async () => {
    const { browser } = app!;
    await browser.keys(['Control', 'Shift', 'f']);
    await browser.waitUntil(async () => (await shownWidth(browser, 'pane-left')) === 0, { timeout: 5_000 });
    expect(await shownWidth(browser, 'draft-dock')).toBe(0);
    expect(await shownWidth(browser, 'open-settings'), 'the header goes').toBe(0);
    expect(await shownWidth(browser, 'draft-editor')).toBeGreaterThan(1200);
    await screenshot(browser, 'layout-focus.png');

    await (await byTestId(browser, 'leave-focus')).click();
    await browser.waitUntil(async () => (await shownWidth(browser, 'pane-left')) > 0, { timeout: 5_000 });
    expect(await shownWidth(browser, 'draft-dock')).toBeGreaterThan(0);
  });

  it('a pane resized from the keyboard keeps its width after a relaunch', async () => {
    const { browser } = app!;
    const splitter = await byTestId(browser, 'splitter-left');
    const before = Number(await splitter.getAttribute('aria-valuenow'));
    await browser.execute(() => (document.querySelector('[data-testid="splitter-left"]') as HTMLElement).focus());
    await browser.keys(['Shift', 'ArrowRight']);
    await browser.keys(['Shift', 'ArrowRight']);
    const after = Number(await splitter.getAttribute('aria-valuenow'));
    expect(after, 'two big steps wider').toBe(before + 128);
    expect(Math.round(await shownWidth(browser, 'pane-left'))).toBe(after);
    await app!.quit();
    app = undefined;

    app = await launch(desk);
    const again = app.browser;
    await (await byTestId(again, 'splitter-left')).waitForExist({ timeout: 15_000 });
    expect(Number(await (await byTestId(again, 'splitter-left')).getAttribute('aria-valuenow'))).toBe(after);
    expect(Math.round(await shownWidth(again, 'pane-left')), 'the pane as wide as it was left').toBe(after);
  });
});
