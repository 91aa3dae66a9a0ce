// Article intake in the real app: paste an article, review the candidates beside it, accept
// three (one by keyboard, one edited, one as evidence for the claim the desk already holds),
// reject one, and find the accepted claims through the draft's claim picker. The desk file is
// read back through the CLI.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allByTestId, byTestId, cliBinary, deskJson, launch, screenshot, tempDesk, type Running } from './app';

const desk = tempDesk();
let app: Running | undefined;

afterAll(async () => {
  await app?.quit();
});

const cli = (...args: string[]) => deskJson(desk, ...args);

// Written for this test: a renewal piece in the explainers' style, with one aside.
const ARTICLE = `# Paper Lanterns heads into a second season

Paper Lanterns will return for a second season, the broadcaster KBN announced on March 3.

Filming of the new season began in Busan on April 10, according to Daily Spotlight.

The final episode of the first season drew a nationwide rating of 11.2 percent.

Fans have been waiting a long time, and it is easy to see why.

Lee Ha-rin has signed on to play the lead again, her agency said in a statement.`;

/** The candidate whose sentence holds `words`. */
async function candidate(run: Running, words: string) {
  const items = await allByTestId(run.browser, 'candidate');
  for (const item of items) {
    if ((await item.$('.sentence').getText()).includes(words)) return item;
  }
  throw new Error(`no candidate holds "${words}"`);
}

describe('pasting an article', () => {
  const existing = (() => {
    execFileSync(cliBinary, ['--desk', desk, 'init']);
    const claim = cli('claim', 'add', '--text', 'Lee Ha-rin signed on to lead Paper Lanterns again.', '--confidence', 'reported');
    const file = path.join(path.dirname(desk), 'draft.md');
    writeFileSync(file, '# Paper Lanterns: everything we know\n\nThe second season is coming.\n');
    cli('draft', 'new', '--title', 'Paper Lanterns: everything we know', '--file', file);
    return claim.id as string;
  })();

  it('records the article and reviews its candidates from the keyboard and the mouse', async () => {
    app = await launch(desk);
    const run = app;
    await (await run.browser.$('[data-testid="draft-editor"] .cm-content')).waitForExist({ timeout: 10_000 });
    await run.browser.keys(['Control', 'Shift', 'a']);
    await (await byTestId(run.browser, 'intake-dialog')).waitForDisplayed({ timeout: 5_000 });
    // Pasted, not typed: the text arrives in one input event, as a paste does.
    await run.browser.execute((text: string) => {
      const area = document.querySelector<HTMLTextAreaElement>('[data-testid="intake-text"]')!;
      area.value = text;
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }, ARTICLE);
    await (await byTestId(run.browser, 'intake-outlet')).setValue('Harbor Ent');
    await (await byTestId(run.browser, 'intake-title')).setValue('Paper Lanterns returns');
    await (await byTestId(run.browser, 'intake-published')).setValue('2025-04-12');
    await (await byTestId(run.browser, 'intake-read')).click();
    await (await byTestId(run.browser, 'candidate-list')).waitForDisplayed({ timeout: 10_000 });

    const sources = cli('source', 'list').items;
    const article = sources.find((s: any) => s.title === 'Paper Lanterns returns');
    expect(article?.kept_text, 'the article is kept as the source').toContain('nationwide rating of 11.2 percent');
    expect(cli('claim', 'list').items.length, 'intake creates no claim').toBe(1);
    const sentences: string[] = [];
    for (const item of await allByTestId(run.browser, 'candidate')) sentences.push(await item.$('.sentence').getText());
    expect(sentences.some((s) => s.includes('easy to see why')), 'the aside is not a candidate').toBe(false);
    // Each candidate's sentence is highlighted in the article beside the list.
    const marks = await run.browser.$$('[data-testid="intake-article"] mark');
    expect(marks.length).toBe(sentences.length);

    // 1. The keyboard: the first candidate is active; A accepts it as suggested.
    const renewal = await candidate(run, 'second season, the broadcaster');
    expect(await renewal.getAttribute('data-id')).toBe(await marks[0]!.getAttribute('data-id'));
    await (await byTestId(run.browser, 'candidate-list')).click();
    await (await candidate(run, 'second season, the broadcaster')).click();
    await run.browser.keys('a');
    await run.browser.waitUntil(async () => (await renewal.getAttribute('data-state')) === 'accepted', { timeout: 5_000 });

    // 2. Edited: the writer rewords the filming claim, then accepts it.
    const filming = await candidate(run, 'Filming of the new season');
    const text = await filming.$('[data-testid="candidate-text"]');
    await text.clearValue();
    await text.setValue('Filming of Paper Lanterns season 2 began in Busan on April 10, 2025.');
    await (await filming.$('[data-testid="candidate-accept"]')).click();
    await run.browser.waitUntil(async () => (await filming.getAttribute('data-state')) === 'accepted', { timeout: 5_000 });

    // 3. Evidence for the claim the desk already holds, offered as a possible duplicate.
    const casting = await candidate(run, 'Lee Ha-rin has signed on');
    const asEvidence = await casting.$(`[data-testid="candidate-as-evidence"][data-claim="${existing}"]`);
    await asEvidence.click();
    await run.browser.waitUntil(async () => (await casting.getAttribute('data-state')) === 'accepted', { timeout: 5_000 });

    await screenshot(run.browser, 'intake-review.png');

    // One is left for later: the dialog closes with it pending.
    expect(await (await byTestId(run.browser, 'intake-pending')).getText()).toContain('1 pending');
    await (await byTestId(run.browser, 'intake-done')).click();
    await (await byTestId(run.browser, 'intake-dialog')).waitForExist({ reverse: true, timeout: 5_000 });

    // Later, from the article's source in the inspector, the writer rejects it.
    const item = await run.browser.$(`[data-testid="source-item"][data-id="${article.id}"]`);
    await item.waitForExist({ timeout: 5_000 });
    await item.click();
    const pending = await byTestId(run.browser, 'pending-candidates');
    await pending.waitForDisplayed({ timeout: 5_000 });
    expect(await pending.getText()).toContain('1 candidate');
    await (await byTestId(run.browser, 'review-candidates')).click();
    await (await byTestId(run.browser, 'candidate-list')).waitForDisplayed({ timeout: 5_000 });
    const rating = await candidate(run, 'nationwide rating');
    await (await rating.$('[data-testid="candidate-reject"]')).click();
    await run.browser.waitUntil(async () => (await rating.getAttribute('data-state')) === 'rejected', { timeout: 5_000 });
    expect(await (await byTestId(run.browser, 'intake-pending')).getText()).toContain('0 pending');
    await run.browser.keys('Escape');
    await (await byTestId(run.browser, 'intake-dialog')).waitForExist({ reverse: true, timeout: 5_000 });

    const claims = cli('claim', 'list').items.map((c: any) => c.text);
    expect(claims).toContain('Paper Lanterns will return for a second season.');
    expect(claims).toContain('Filming of Paper Lanterns season 2 began in Busan on April 10, 2025.');
    expect(claims.length, 'the casting sentence became evidence, not a claim').toBe(3);
    const held = cli('claim', 'show', existing);
    // The article's record relaying the agency (see intake/record.rs), with the sentence as quote.
    expect(held.evidence.map((e: any) => [e.source.title, e.via_chain.map((v: any) => v.title), e.quote])).toEqual([
      ['Paper Lanterns returns', ['her agency'], 'Lee Ha-rin has signed on to play the lead again, her agency said in a statement.'],
    ]);
    const states = cli('candidate', 'list', '--source', article.id).map((c: any) => c.state).sort();
    expect(states).toEqual(['accepted', 'accepted', 'accepted', 'rejected']);
  });

  it('finds the accepted claims in the draft’s claim picker', async () => {
    const run = app!;
    const ok = await run.browser.execute(() => {
      const content = document.querySelector('[data-testid="draft-editor"] .cm-content');
      if (!content) return false;
      const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = (node.textContent ?? '').indexOf('second season is coming');
        if (at >= 0) {
          (content as HTMLElement).focus();
          document.getSelection()?.setBaseAndExtent(node, at, node, at + 'second season is coming'.length);
          return true;
        }
      }
      return false;
    });
    expect(ok).toBe(true);
    await run.browser.pause(200);
    await (await byTestId(run.browser, 'attach-claim')).click();
    await (await byTestId(run.browser, 'claim-picker')).waitForDisplayed({ timeout: 5_000 });
    const search = await byTestId(run.browser, 'picker-search');
    for (const [words, wanted] of [
      ['return for a second', 'Paper Lanterns will return for a second season.'],
      ['Busan', 'Filming of Paper Lanterns season 2 began in Busan on April 10, 2025.'],
      ['Lee Ha-rin', 'Lee Ha-rin signed on to lead Paper Lanterns again.'],
    ] as const) {
      await search.clearValue();
      await search.setValue(words);
      await run.browser.waitUntil(
        async () => {
          for (const item of await allByTestId(run.browser, 'picker-item')) {
            if ((await item.getText()).replace(/\s+/g, ' ').includes(wanted)) return true;
          }
          return false;
        },
        { timeout: 10_000, timeoutMsg: `the picker finds "${wanted}" for "${words}"` },
      );
    }
  });
});
