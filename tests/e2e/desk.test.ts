// A writer's first session, end to end in the real app: record a source (after a date typo the
// app catches), a claim, the evidence linking them and a draft with a claim span; quit; relaunch;
// find all of it again. The desk file is also read back with the CLI, so the test proves the data
// is in SQLite and not only on screen.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { allByTestId, byTestId, cliBinary, launch, screenshot, shownText, tempDesk, type Running } from './app';

const desk = tempDesk();
let app: Running | undefined;

afterAll(async () => {
  await app?.quit();
});

async function select(run: Running, testId: string, value: string) {
  const el = await byTestId(run.browser, testId);
  await el.waitForExist();
  await el.selectByAttribute('value', value);
}

async function type(run: Running, testId: string, text: string) {
  const el = await byTestId(run.browser, testId);
  await el.waitForDisplayed();
  await el.setValue(text);
}

function cli(...args: string[]): unknown {
  return JSON.parse(execFileSync(cliBinary, ['--desk', desk, '--json', ...args], { encoding: 'utf8' }));
}

describe('a writer session survives a restart', () => {
  let sourceId = '';
  let claimId = '';
  const draftBody = 'Good news for fans. ';
  const spanText = 'The show returns for a second season';

  it('starts on an empty desk that offers the sample', async () => {
    app = await launch(desk);
    await (await byTestId(app.browser, 'empty-desk')).waitForDisplayed({ timeout: 10_000 });
    expect(await (await byTestId(app.browser, 'load-sample')).isDisplayed()).toBe(true);
  });

  it('records a source, showing a bad date beside its field', async () => {
    const run = app!;
    await (await byTestId(run.browser, 'new-source')).click();
    await type(run, 'source-title', 'Season two is official');
    await type(run, 'source-outlet', 'Streamline Newsroom');
    await type(run, 'source-published', '2025-13-45');
    await select(run, 'source-kind', 'press-release');
    await select(run, 'source-reliability', 'high');
    await (await byTestId(run.browser, 'source-save')).click();
    const error = await byTestId(run.browser, 'error-published');
    await error.waitForDisplayed({ timeout: 5_000 });
    expect(await error.getText()).toMatch(/not a date/);
    expect(await allByTestId(run.browser, 'source-item').length).toBe(0);

    await type(run, 'source-published', '2025-03-14');
    await (await byTestId(run.browser, 'source-save')).click();
    await run.browser.waitUntil(async () => (await allByTestId(run.browser, 'source-item').length) === 1, {
      timeoutMsg: 'the saved source appears in the list',
    });
    // The list reloads its page after the save: read the row once it shows the new source.
    await run.browser.waitUntil(
      async () => (await shownText(run.browser, 'source-item')).includes('Season two is official'),
      { timeoutMsg: 'the new source is listed with its title' },
    );
    const item = (await allByTestId(run.browser, 'source-item'))[0];
    sourceId = (await item.getAttribute('data-id')) ?? '';
    expect(sourceId).toMatch(/^[0-9A-Z]{26}$/);
  });

  it('records a claim with its confidence shown as a named chip', async () => {
    const run = app!;
    await (await byTestId(run.browser, 'new-claim')).click();
    await type(run, 'claim-text', 'Streamline renewed the show for a second season.');
    await select(run, 'claim-confidence', 'confirmed');
    await type(run, 'claim-as-of', '2025-03');
    await (await byTestId(run.browser, 'claim-save')).click();
    await run.browser.waitUntil(async () => (await allByTestId(run.browser, 'claim-item').length) === 1, {
      timeoutMsg: 'the saved claim appears in the list',
    });
    const item = (await allByTestId(run.browser, 'claim-item'))[0];
    claimId = (await item.getAttribute('data-id')) ?? '';
    expect(await (await item.$('[data-testid="confidence-chip"]')).getText()).toMatch(/confirmed/i);
  });

  it('links the claim to the source with a quote', async () => {
    const run = app!;
    await (await allByTestId(run.browser, 'claim-item'))[0].click();
    await select(run, 'link-source', sourceId);
    await type(run, 'link-quote', 'The series will return for a second season.');
    await select(run, 'link-stance', 'supports');
    await (await byTestId(run.browser, 'link-save')).click();
    const evidence = await byTestId(run.browser, 'evidence-item');
    await evidence.waitForDisplayed({ timeout: 5_000 });
    expect(await evidence.getText()).toContain('Streamline Newsroom');
  });

  it('writes a draft with a claim span and autosaves it', async () => {
    const run = app!;
    await (await byTestId(run.browser, 'new-draft')).click();
    await type(run, 'draft-title', 'Season 2: everything we know');
    const editor = await run.browser.$('[data-testid="draft-editor"] .cm-content');
    await editor.waitForDisplayed();
    await editor.click();
    // Element Send Keys types into CodeMirror's contenteditable as a user would.
    await editor.addValue(`${draftBody}[${spanText}]{claim=${claimId}}`);
    const status = await byTestId(run.browser, 'save-status');
    await run.browser.waitUntil(async () => (await status.getText()) === 'Saved', {
      timeout: 10_000,
      timeoutMsg: 'the draft autosaves after typing stops',
    });
    await screenshot(run.browser, 'desk.png');
  });

  it('has written everything to the desk file', () => {
    const claim = cli('claim', 'show', claimId) as { evidence: { source_id: string; quote: string }[] };
    expect(claim.evidence.map((e) => e.source_id)).toEqual([sourceId]);
    const drafts = cli('draft', 'list') as { id: string; title: string }[];
    expect(drafts.map((d) => d.title)).toEqual(['Season 2: everything we know']);
    const draft = cli('draft', 'show', drafts[0].id) as { body: string };
    expect(draft.body).toContain(`[${spanText}]{claim=${claimId}}`);
  });

  it('keeps what was typed when the writer quits at once with Ctrl+Q', async () => {
    const run = app!;
    const editor = await run.browser.$('[data-testid="draft-editor"] .cm-content');
    await editor.click();
    await run.browser.keys(['End']);
    await editor.addValue(' Last words');
    // Quit before the autosave's one-second pause has passed.
    // The app saves and exits while the key is still being sent, so WebDriver loses its session.
    await run.browser.keys(['Control', 'q']).catch(() => undefined);
    const drafts = cli('draft', 'list') as { id: string }[];
    const deadline = Date.now() + 10_000;
    let body = '';
    while (Date.now() < deadline) {
      body = (cli('draft', 'show', drafts[0].id) as { body: string }).body;
      if (body.includes('Last words')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(body).toContain('Last words');
    expect(body).toContain(`[${spanText}]{claim=${claimId}}`);
  });

  it('finds everything again after quitting and relaunching', async () => {
    await app!.quit();
    app = await launch(desk);
    const run = app;
    await run.browser.waitUntil(async () => (await allByTestId(run.browser, 'source-item').length) === 1);
    expect(await shownText(run.browser, 'source-item')).toContain('Season two is official');
    const claims = await allByTestId(run.browser, 'claim-item');
    expect(claims.length).toBe(1);
    await claims[0].click();
    const evidence = await byTestId(run.browser, 'evidence-item');
    await evidence.waitForDisplayed({ timeout: 5_000 });
    expect(await evidence.getText()).toContain('The series will return for a second season.');

    await (await allByTestId(run.browser, 'draft-item'))[0].click();
    const editor = await run.browser.$('[data-testid="draft-editor"] .cm-content');
    await run.browser.waitUntil(async () => (await editor.getText()).includes(spanText), {
      timeoutMsg: 'the draft body comes back',
    });
    expect(await (await byTestId(run.browser, 'draft-title')).getValue()).toBe('Season 2: everything we know');
  });
});

describe('the sample desk', () => {
  it('fills an empty desk with a season-2 explainer', async () => {
    await app?.quit();
    app = await launch(tempDesk());
    const run = app;
    await (await byTestId(run.browser, 'load-sample')).click();
    await run.browser.waitUntil(async () => (await allByTestId(run.browser, 'claim-item').length) >= 5, {
      timeoutMsg: 'the sample claims appear',
    });
    const chips = await run.browser.$$('[data-testid="claim-item"] [data-testid="confidence-chip"]');
    const levels = new Set<string>();
    for (const chip of chips) levels.add((await chip.getText()).trim().toLowerCase());
    expect([...levels].sort()).toEqual(['confirmed', 'corroborated', 'reported', 'speculation', 'unverified']);
    const editor = await run.browser.$('[data-testid="draft-editor"] .cm-content');
    await run.browser.waitUntil(async () => (await editor.getText()).includes('The Salt Road'), {
      timeoutMsg: 'the sample draft opens',
    });
    await screenshot(run.browser, 'sample-desk.png');
  });
});
