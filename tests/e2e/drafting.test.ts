// Drafting and review in the real app, on the sample desk: select a sentence and attach a new
// claim with its source in one step, see it tinted, restore an older revision, see the review
// findings, sign a claim off, and measure typing latency in a 20,000-word draft and in a
// 50,000-word draft with 2,000 claim spans.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allByTestId, byTestId, cliBinary, launch, measureTyping, pickInFileDialog, selectInEditor, tempDesk, typingFigures, type Running, type Typing } from './app';

let app: Running | undefined;

afterAll(async () => {
  await app?.quit();
});

function cli(desk: string, ...args: string[]): any {
  return JSON.parse(execFileSync(cliBinary, ['--desk', desk, '--json', ...args], { encoding: 'utf8' }));
}

async function savedBody(desk: string, draftId: string, contains: string) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const body: string = cli(desk, 'draft', 'show', draftId).body;
    if (body.includes(contains) || Date.now() > deadline) return body;
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('drafting with claims in the text', () => {
  const desk = tempDesk();
  execFileSync(cliBinary, ['--desk', desk, 'init', '--sample']);
  const draftId: string = cli(desk, 'draft', 'list')[0].id;
  const press: string = cli(desk, 'source', 'list').items.find((s: any) => s.kind === 'press-release').id;
  // Near the top, so CodeMirror has it in the rendered viewport.
  const sentence = 'the whole cast is coming back';
  let newClaim = '';

  it('attaches a new claim with a source to a selected sentence in one step', async () => {
    app = await launch(desk);
    const run = app;
    const editor = await run.browser.$('[data-testid="draft-editor"] .cm-content');
    await run.browser.waitUntil(async () => (await editor.getText()).includes(sentence));
    await selectInEditor(run, sentence);
    await (await byTestId(run.browser, 'attach-claim')).click();
    await (await byTestId(run.browser, 'claim-picker')).waitForDisplayed();
    await (await byTestId(run.browser, 'picker-confidence')).selectByAttribute('value', 'reported');
    await (await byTestId(run.browser, 'picker-source')).selectByAttribute('value', press);
    await (await byTestId(run.browser, 'picker-quote')).setValue('Nothing about the plot has been announced.');
    await (await byTestId(run.browser, 'picker-create')).click();

    const body = await savedBody(desk, draftId, `[${sentence}]{claim=`);
    const match = body.match(new RegExp(`\\[${sentence}\\]\\{claim=([0-9A-Z]{26})\\}`));
    expect(match, 'the selection is wrapped in a claim span and autosaved').not.toBeNull();
    newClaim = match![1];
    const claim = cli(desk, 'claim', 'show', newClaim);
    expect(claim.text).toBe(sentence);
    expect(claim.confidence).toBe('reported');
    expect(claim.evidence.map((e: any) => e.source_id)).toEqual([press]);

    // Tinted by its confidence, once the cursor has left it.
    await selectInEditor(run, 'Yes.');
    const tinted = await run.browser.$(`.cm-content .cm-claim-reported[data-claim-id="${newClaim}"]`);
    await tinted.waitForExist({ timeout: 5_000 });
    expect(await tinted.getText()).toContain(sentence);
  });

  it('lists the draft claims in document order with a confidence summary', async () => {
    const run = app!;
    const items = await allByTestId(run.browser, 'draft-claim-item');
    expect(items.length).toBeGreaterThanOrEqual(10);
    const summary = await byTestId(run.browser, 'confidence-summary');
    expect((await summary.getText()).toLowerCase()).toContain('confirmed');
  });

  it('restores an older revision, keeping the restore as a new revision', async () => {
    const run = app!;
    const before = cli(desk, 'draft', 'revisions', draftId).length;
    await (await byTestId(run.browser, 'open-revisions')).click();
    await run.browser.waitUntil(async () => (await allByTestId(run.browser, 'revision-item').length) >= 2);
    const items = await allByTestId(run.browser, 'revision-item');
    await items[items.length - 1].click();
    await (await byTestId(run.browser, 'revision-preview')).waitForDisplayed();
    await (await byTestId(run.browser, 'restore-revision')).click();
    const body = await savedBody(desk, draftId, '');
    await run.browser.waitUntil(async () => !(cli(desk, 'draft', 'show', draftId).body as string).includes(newClaim), {
      timeoutMsg: 'the first revision, without the new span, is the draft again',
    });
    expect(body).toBeDefined();
    expect(cli(desk, 'draft', 'revisions', draftId).length).toBe(before + 1);
    const editor = await run.browser.$('[data-testid="draft-editor"] .cm-content');
    await run.browser.waitUntil(async () => !(await run.browser.$(`[data-claim-id="${newClaim}"]`).isExisting()), {
      timeoutMsg: 'the editor shows the restored text',
    });
    expect(await editor.getText()).toContain(sentence);
  });

  it('exports footnotes through the native save dialog, and Pandoc reads the file', async () => {
    const run = app!;
    const out = path.join(path.dirname(desk), 'season-2.md');
    // The save dialog is GTK's, outside the webview: its window gets the keyboard (there is no
    // window manager under Xvfb) and the path is typed into it as a person would.
    const exportFootnotes = async () => {
      await (await byTestId(run.browser, 'export-draft')).click();
      await (await byTestId(run.browser, 'export-footnotes')).click();
    };
    await pickInFileDialog(run.browser, exportFootnotes, out, 'save', () => existsSync(out));
    await run.browser.waitUntil(async () => existsSync(out), {
      timeout: 15_000,
      timeoutMsg: 'the export writes the file the writer named',
    });
    await run.browser.waitUntil(
      async () =>
        String(
          await run.browser.execute(() => document.querySelector('[data-testid="export-status"]')?.textContent),
        ).includes('season-2.md'),
      { timeout: 10_000, timeoutMsg: 'the export reports the file it wrote' },
    );
    const markdown = readFileSync(out, 'utf8');
    expect(markdown).toMatch(/^---\ntitle: "The Salt Road season 2/);
    const html = execFileSync('pandoc', ['-f', 'gfm', out, '-t', 'html'], { encoding: 'utf8' });
    expect(html).not.toContain('[^');
    expect((html.match(/class="footnote-ref"/g) ?? []).length).toBeGreaterThanOrEqual(9);
  });

  it('shows review findings and signs a claim off', async () => {
    const run = app!;
    await (await byTestId(run.browser, 'open-review')).click();
    await (await byTestId(run.browser, 'review-panel')).waitForDisplayed();
    await run.browser.waitUntil(async () => (await allByTestId(run.browser, 'finding-item').length) > 0, {
      timeoutMsg: 'the checks run on the open draft',
    });
    const kinds = new Set<string>();
    for (const f of await allByTestId(run.browser, 'finding-item')) kinds.add((await f.getAttribute('data-kind')) ?? '');
    expect(kinds.has('stale-claim'), [...kinds].join(', ')).toBe(true);

    // Let the panel finish loading the sign-off list before editing it, as a reader would.
    await run.browser.pause(1500);
    const renewal: string = cli(desk, 'claim', 'list').items.find((c: any) => c.text.startsWith('Streamline renewed')).id;
    const item = await run.browser.$(`[data-testid="review-item"][data-claim="${renewal}"]`);
    await item.waitForDisplayed();
    await (await item.$('[data-testid="review-state"]')).selectByAttribute('value', 'approved');
    await (await item.$('[data-testid="review-comment"]')).setValue('Matches the press release.');
    await (await item.$('[data-testid="review-save"]')).click();
    await run.browser.waitUntil(
      async () => cli(desk, 'review', 'show', draftId).find((r: any) => r.claim_id === renewal)?.state === 'approved',
      { timeoutMsg: 'the sign-off is saved in the desk' },
    );

    await (await byTestId(run.browser, 'export-publication')).click();
    const blockers = await byTestId(run.browser, 'publication-blockers');
    await blockers.waitForDisplayed({ timeout: 5_000 });
    expect(await blockers.getText()).toMatch(/not approved|unsourced|superseded/);
  });
});

/** The app on a fresh synthetic desk (2,000 sources, 1,000 claims, a 20,000-word draft). */
async function openLargeDraft() {
  await app?.quit();
  const desk = tempDesk();
  execFileSync(cliBinary, ['--desk', desk, 'init', '--large']);
  app = await launch(desk);
  const run = app;
  const editor = await run.browser.$('[data-testid="draft-editor"] .cm-content');
  await run.browser.waitUntil(async () => (await editor.getText()).includes('A long explainer'), { timeout: 30_000 });
  return { run, editor };
}

describe('typing latency', () => {
  it('stays within a frame in a 20,000-word draft with 1,000 claim spans', async () => {
    const { run } = await openLargeDraft();
    // Timing on a shared two-core machine is noisy and only ever slower: a real regression fails
    // every attempt, a busy neighbour only some. The first attempt starts with the session's
    // first 400 keys, reported apart: until WebKit's JIT has compiled the typing path (a few
    // hundred keys) a keystroke costs several milliseconds more.
    const attempts: Typing[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const result = await measureTyping(run, 200, attempt === 0 ? 400 : 0);
      expect(result.error).toBeUndefined();
      attempts.push(result);
      if (result.warmup) console.log(`typing latency, first 400 keys of the session: ${typingFigures(result.warmup)}`);
      console.log(`typing latency in the real webview, 200 keys: ${typingFigures(result)}`);
      if (result.p95 < 16) break;
    }
    expect(Math.min(...attempts.map((a) => a.p95))).toBeLessThan(16);
  });
});

/**
 * A 50,000-word draft with 2,000 claim spans over the large desk's claims: 2,000 sentences of 25
 * words, five of them in a span, six sentences to a paragraph. Deterministic, in our own words.
 */
function fiftyThousandWords(claimIds: string[]): string {
  const words = ['season', 'writer', 'episode', 'cast', 'schedule', 'network', 'studio', 'release',
    'trailer', 'premiere', 'rating', 'viewer', 'filming', 'location', 'director', 'producer', 'script',
    'contract', 'budget', 'sequel', 'finale', 'casting', 'showrunner', 'platform', 'audience'];
  let seed = 7;
  const next = (n: number) => Array.from({ length: n }, () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return words[seed % words.length];
  }).join(' ');
  let body = '# Fifty thousand words\n\n';
  for (let i = 0; i < 2000; i++) {
    body += `${next(10)} [${next(5)}]{claim=${claimIds[i % claimIds.length]}} ${next(10)}. `;
    if (i % 6 === 5) body += '\n\n';
  }
  return body;
}

describe('typing latency at 50,000 words', () => {
  it('stays within a frame in a 50,000-word draft with 2,000 claim spans', async () => {
    await app?.quit();
    const desk = tempDesk();
    execFileSync(cliBinary, ['--desk', desk, 'init', '--large']);
    const claims = cli(desk, 'claim', 'list', '--limit', '1000').items.map((c: any) => c.id as string);
    expect(claims.length).toBeGreaterThanOrEqual(1_000);
    const file = path.join(path.dirname(desk), 'fifty.md');
    const body = fiftyThousandWords(claims);
    expect(body.split(/\s+/).filter((w) => /[a-z]/.test(w)).length).toBeGreaterThanOrEqual(50_000);
    writeFileSync(file, body);
    // The newest draft is the one the app opens.
    cli(desk, 'draft', 'new', '--title', 'Fifty thousand words', '--file', file);
    app = await launch(desk);
    const run = app;
    const editor = await run.browser.$('[data-testid="draft-editor"] .cm-content');
    await run.browser.waitUntil(async () => (await editor.getText()).includes('Fifty thousand words'), { timeout: 60_000 });
    // Its 2,000 spans are tinted (the claims' analysis has arrived), as a writer would see them.
    await run.browser.waitUntil(
      async () => (await run.browser.execute(() => document.querySelectorAll('.cm-claim-span:not(.cm-claim-unknown)').length)) > 0,
      { timeout: 60_000, timeoutMsg: 'the claim spans are shown' },
    );
    const attempts: Typing[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const result = await measureTyping(run, 200, attempt === 0 ? 400 : 0);
      expect(result.error).toBeUndefined();
      attempts.push(result);
      if (result.warmup) console.log(`typing latency at 50k words, first 400 keys of the session: ${typingFigures(result.warmup)}`);
      console.log(`typing latency at 50k words, 2,000 spans, 200 keys: ${typingFigures(result)}`);
      if (result.p95 < 16) break;
    }
    expect(Math.min(...attempts.map((a) => a.p95))).toBeLessThan(16);
  });
});

describe('pauses in typing', () => {
  it('do not hold up the page while the long draft is saved, checked and listed again', async () => {
    const { run, editor } = await openLargeDraft();
    await editor.click();
    // With the review open, each pause also re-checks the draft and reloads its sign-off list.
    await (await byTestId(run.browser, 'open-review')).click();
    await (await byTestId(run.browser, 'findings-list')).waitForDisplayed({ timeout: 30_000 });
    const worst = (await run.browser.executeAsync((rounds: number, done: (r: unknown) => void) => {
      const hook = (window as any).__factdeskTyping;
      if (!hook) return done([]);
      hook.pauses(rounds).then(done, () => done([]));
    }, 6)) as number[];
    expect(worst).toHaveLength(6);
    console.log(`longest frame in each pause after typing: ${worst.map((w) => w.toFixed(0)).join(', ')} ms`);
    // Before the fixes these were 400-900 ms; now 40-70 ms, and up to about 170 ms in the first
    // pause, while the engine compiles the save-and-reload path. A quarter of a second is the
    // line a regression (a list rebuilt whole, a command on the window's thread) would cross.
    expect(Math.max(...worst)).toBeLessThan(250);
  });
});
