// A newsroom-size desk in the real app (issue 9): 100,000 generated claims open with counts from
// SQL and the first page of each list; the filter box finds a claim by a word through core search;
// the attach-claim picker attaches it to the draft; scrolling the claim list loads the next page;
// typing in its 20,000-word draft stays within a frame. FACTDESK_E2E_CLAIMS=1000000 runs the same
// on a 1M-claim desk (not in `make test`: generating it takes about a minute and 2.4 GB).
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allByTestId, byTestId, cliBinary, launch, measureTyping, shownText, tempDesk, typingFigures, type Running } from './app';

const CLAIMS = Number(process.env.FACTDESK_E2E_CLAIMS ?? 100_000);
let app: Running | undefined;

const desk = tempDesk();

afterAll(async () => {
  await app?.quit();
  // A 100k-claim desk and its first backup take about 600 MB: not left behind on CI.
  rmSync(path.dirname(desk), { recursive: true, force: true });
});

function cli(desk: string, ...args: string[]): any {
  return JSON.parse(execFileSync(cliBinary, ['--desk', desk, '--json', ...args], { encoding: 'utf8' }));
}

describe(`a desk of ${CLAIMS.toLocaleString('en')} claims`, () => {
  execFileSync(cliBinary, ['--desk', desk, 'init', '--large', '--claims', String(CLAIMS)]);
  // A claim with a word no generated record holds, added last so it is also the newest.
  const word = 'Quarzitbruch';
  const wanted: string = cli(desk, 'claim', 'add', '--text', `${word} quarry reopened after the flood.`, '--confidence', 'reported').id;
  const draftId: string = cli(desk, 'draft', 'list')[0].id;
  const first = cli(desk, 'claim', 'list', '--limit', '50');
  const firstPage: any[] = first.items;
  const sources: any[] = cli(desk, 'source', 'list', '--limit', '1').items;

  it('opens with counts from SQL and the first rows of each list', async () => {
    app = await launch(desk);
    const run = app;
    await run.browser.waitUntil(async () => (await shownText(run.browser, 'claims-count')) === String(CLAIMS + 1), {
      timeout: 20_000,
      timeoutMsg: 'the claim count of the whole desk is shown',
    });
    expect(await shownText(run.browser, 'sources-count')).toBe(String(Math.floor(CLAIMS / 3)));
    expect(await shownText(run.browser, 'claim-item')).toContain(firstPage[0].text);
    expect(await (await byTestId(run.browser, 'claim-item')).getAttribute('data-id')).toBe(wanted);
    expect(await (await byTestId(run.browser, 'source-item')).getAttribute('data-id')).toBe(sources[0].id);
    // Virtualised: far fewer rows rendered than the desk holds.
    expect((await allByTestId(run.browser, 'claim-item')).length).toBeLessThan(60);
  });

  it('finds a claim by a word in the filter box', async () => {
    const run = app!;
    await (await byTestId(run.browser, 'filter')).setValue(word);
    await run.browser.waitUntil(async () => (await shownText(run.browser, 'claims-count')) === '1 found', {
      timeout: 10_000,
      timeoutMsg: 'one claim holds the word',
    });
    expect(await (await byTestId(run.browser, 'claim-item')).getAttribute('data-id')).toBe(wanted);
    expect(await shownText(run.browser, 'claim-item')).toContain(word);
    // Emptied as a writer would, so the box's input event fires.
    await (await byTestId(run.browser, 'filter')).click();
    await run.browser.keys(['Control', 'a']);
    await run.browser.keys('Backspace');
    await run.browser.waitUntil(async () => (await shownText(run.browser, 'claims-count')) === String(CLAIMS + 1), {
      timeout: 10_000,
    });
  });

  it('attaches it to the draft through the attach-claim picker', async () => {
    const run = app!;
    const editor = await run.browser.$('[data-testid="draft-editor"] .cm-content');
    await editor.waitForExist({ timeout: 20_000 });
    // The first words of the draft, where CodeMirror has them rendered.
    const body: string = cli(desk, 'draft', 'show', draftId).body;
    const sentence = body.slice(0, 300).match(/[a-z]+(?: [a-z]+){3,5}/)?.[0] ?? '';
    expect(sentence.length, `the draft starts with plain words: ${body.slice(0, 80)}`).toBeGreaterThan(10);
    await run.browser.waitUntil(async () => (await editor.getText()).includes(sentence), { timeout: 20_000 });
    // CodeMirror reads a DOM selection on its own schedule: on a loaded machine the first click
    // can come before it has, and the picker then asks for a selection. Select and click again.
    const picker = await byTestId(run.browser, 'claim-picker');
    for (let attempt = 0; attempt < 3 && !(await picker.isDisplayed()); attempt++) {
      const ok = await run.browser.execute((wantedText: string) => {
        const content = document.querySelector('[data-testid="draft-editor"] .cm-content');
        if (!content) return false;
        const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const at = (node.textContent ?? '').indexOf(wantedText);
          if (at >= 0) {
            (content as HTMLElement).focus();
            document.getSelection()?.setBaseAndExtent(node, at, node, at + wantedText.length);
            return true;
          }
        }
        return false;
      }, sentence);
      expect(ok).toBe(true);
      await run.browser.pause(200 + attempt * 500);
      await (await byTestId(run.browser, 'attach-claim')).click();
      await picker.waitForDisplayed({ timeout: 3_000 }).catch(() => undefined);
    }
    await picker.waitForDisplayed({ timeout: 2_000 });
    await (await byTestId(run.browser, 'picker-search')).setValue(word);
    const item = await run.browser.$(`[data-testid="picker-item"][data-id="${wanted}"]`);
    await item.waitForDisplayed({ timeout: 10_000 });
    // WebKitWebDriver takes the one-line, ellipsised row for not interactable; click it in the page.
    await run.browser.execute((el: HTMLElement) => el.click(), item as unknown as HTMLElement);
    const deadline = Date.now() + 15_000;
    let saved = '';
    while (Date.now() < deadline) {
      saved = cli(desk, 'draft', 'show', draftId).body;
      if (saved.includes(`{claim=${wanted}}`)) break;
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(saved, 'the selection is wrapped in a span naming the claim, and saved').toContain(`[${sentence}]{claim=${wanted}}`);
  });

  it('loads the next page of claims when the list is scrolled to its end', async () => {
    const run = app!;
    const secondPage: any[] = cli(desk, 'claim', 'list', '--limit', '50', '--after', first.next).items;
    const height = () =>
      run.browser.execute(() => document.querySelector('[data-testid="claims-list"]')?.scrollHeight ?? 0);
    const before = await height();
    await run.browser.execute(() => {
      const list = document.querySelector('[data-testid="claims-list"]');
      if (list) list.scrollTop = list.scrollHeight;
    });
    await run.browser.waitUntil(async () => (await height()) > before, {
      timeout: 10_000,
      timeoutMsg: 'the list grew by the next page',
    });
    await run.browser.execute(() => {
      const list = document.querySelector('[data-testid="claims-list"]');
      if (list) list.scrollTop = 50 * 78;
    });
    const row = await run.browser.$(`[data-testid="claim-item"][data-id="${secondPage[0].id}"]`);
    await row.waitForExist({ timeout: 10_000 });
  });

  it('keeps typing within a frame in its 20,000-word draft', async () => {
    const run = app!;
    // As on the sample desk (drafting.test.ts): the best of up to five attempts, since a busy
    // neighbour on a shared machine only ever slows one down.
    const attempts: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const result = await measureTyping(run, 200, attempt === 0 ? 400 : 0);
      expect(result.error).toBeUndefined();
      attempts.push(result.p95);
      console.log(`typing latency on a desk of ${CLAIMS} claims, 200 keys: ${typingFigures(result)}`);
      if (result.p95 < 16) break;
    }
    expect(Math.min(...attempts)).toBeLessThan(16);
  });
});
