// A source form with typed, unsaved changes asks before another source is shown, in the real app:
// Keep editing leaves the typed title where it was; Discard shows the other source, and the desk
// file (read by the CLI) never got the typed title.
import { afterAll, describe, expect, it } from 'vitest';
import { byTestId, deskJson, launch, tempDesk, type Running } from './app';

const desk = tempDesk();
let app: Running | undefined;

afterAll(async () => {
  await app?.quit();
});

const cli = (...args: string[]) => deskJson(desk, ...args);

describe('unsaved changes in the inspector', () => {
  it('asks before leaving a typed title; Keep editing keeps it, Discard shows the other source', async () => {
    cli('init');
    const first = cli('source', 'add', '--title', 'Studio confirms a second season', '--outlet', 'Daily Screen').id as string;
    const second = cli('source', 'add', '--title', 'Cast interview on the set', '--outlet', 'Evening Post').id as string;
    app = await launch(desk);
    const { browser } = app;
    const item = (id: string) => browser.$(`[data-testid="source-item"][data-id="${id}"]`);
    const title = () => byTestId(browser, 'source-title');

    await (await item(first)).waitForClickable({ timeout: 10_000 });
    await (await item(first)).click();
    await browser.waitUntil(async () => (await (await title()).getValue()) === 'Studio confirms a second season', {
      timeout: 5_000,
    });
    await (await title()).setValue('Studio confirms a third season');

    await (await item(second)).click();
    const prompt = await byTestId(browser, 'unsaved-prompt');
    await prompt.waitForDisplayed({ timeout: 5_000 });
    await (await byTestId(browser, 'unsaved-keep')).click();
    await prompt.waitForDisplayed({ reverse: true, timeout: 5_000 });
    expect(await (await title()).getValue()).toBe('Studio confirms a third season');

    await (await item(second)).click();
    await (await byTestId(browser, 'unsaved-prompt')).waitForDisplayed({ timeout: 5_000 });
    await (await byTestId(browser, 'unsaved-discard')).click();
    await browser.waitUntil(async () => (await (await title()).getValue()) === 'Cast interview on the set', {
      timeout: 5_000,
      timeoutMsg: 'the other source was not shown after Discard',
    });
    expect(cli('source', 'show', first).title).toBe('Studio confirms a second season');
  });
});
