// A team desk shared by two real apps (issue 12): a throwaway PostgreSQL 15 cluster on a Unix
// socket (scripts/pg-cluster.sh), a desk made by the CLI's `team init` with a writer and an editor
// login (`team add-user`), and two app processes, each through its own tauri-driver, opened on it
// with FACTDESK_DESK=postgres://…. The writer attaches a new claim in the draft; the editor's app
// shows it without reloading, tinted by its confidence with the checks' findings and the sign-off
// count the desk gives, and opens its provenance; the editor approves it; the writer's app shows
// the approval.
// Then PostgreSQL restarts under both apps: each says calmly that the desk cannot be reached, and
// the line goes once it is back.
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { byTestId, cliBinary, launch, root, selectInEditor, shownText, type Running } from './app';

const script = path.join(root, 'scripts/pg-cluster.sh');
const dir = mkdtempSync(path.join(tmpdir(), 'factdesk-e2e-team-'));
// As root the server runs as `postgres` (initdb refuses root): it must reach its folder inside.
chmodSync(dir, 0o755);
const socket = path.join(dir, 'pg');
const url = (user: string) => `postgres:///factdesk?host=${socket}&user=${user}`;
const WRITER = 'mina';
const EDITOR = 'jun';

let writer: Running | undefined;
let editor: Running | undefined;

function cli(desk: string, ...args: string[]): any {
  return JSON.parse(execFileSync(cliBinary, ['--desk', desk, '--json', ...args], { encoding: 'utf8' }));
}

/** The errors and warnings `factdesk check` finds in `draft` (it exits 1 when there are errors). */
function checkCounts(desk: string, draft: string): string {
  const run = spawnSync(cliBinary, ['--desk', desk, '--json', 'check', draft], { encoding: 'utf8' });
  expect(run.status === 0 || run.status === 1, run.stderr).toBe(true);
  const got = JSON.parse(run.stdout);
  const findings: any[] = Array.isArray(got) ? got : got.findings;
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  return `${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`;
}

function cluster(command: 'start' | 'stop') {
  execFileSync(script, [command, socket], { stdio: ['ignore', 'pipe', 'inherit'] });
}

beforeAll(() => {
  cluster('start');
  execFileSync('/usr/lib/postgresql/15/bin/createdb', ['-h', socket, '-U', 'postgres', 'factdesk']);
  execFileSync(cliBinary, ['team', 'init', url('postgres')], { stdio: 'pipe' });
  for (const [name, role] of [
    [WRITER, 'writer'],
    [EDITOR, 'editor'],
  ]) {
    execFileSync(cliBinary, ['--desk', url('postgres'), 'team', 'add-user', name, '--role', role], { stdio: 'pipe' });
  }
});

afterAll(async () => {
  await writer?.quit();
  await editor?.quit();
  try {
    cluster('stop');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The review item of `claim` in the sign-off list, as `{state}`, or null while it is not shown. */
const reviewState = (run: Running, claim: string): Promise<string | null> =>
  run.browser.execute(
    (id: string) =>
      document.querySelector(`[data-testid="review-item"][data-claim="${id}"]`)?.getAttribute('data-state') ?? null,
    claim,
  );

describe('a writer and an editor share one team desk', () => {
  const sentence = 'the council will vote on the budget in March';
  let draftId = '';
  let source = '';
  let claim = '';

  it('opens both apps on the team desk, each showing its login and role', async () => {
    source = cli(url(WRITER), 'source', 'add', '--title', 'Council agenda for the spring session', '--kind', 'official').id;
    const body = path.join(dir, 'budget.md');
    writeFileSync(body, `According to the clerk, ${sentence}, after the hearing.\n`);
    draftId = cli(url(WRITER), 'draft', 'new', '--title', 'Budget vote', '--file', body).id;

    // Two windows share one X display and the last one opened has the focus, which CodeMirror
    // needs to read a selection: the writer, who selects words, opens last.
    editor = await launch(url(EDITOR), path.join(dir, EDITOR));
    writer = await launch(url(WRITER), path.join(dir, WRITER));
    for (const [run, login, role] of [
      [editor, EDITOR, 'editor'],
      [writer, WRITER, 'writer'],
    ] as const) {
      await (await byTestId(run.browser, 'team-desk')).waitForDisplayed({ timeout: 20_000 });
      expect(await shownText(run.browser, 'team-login')).toBe(login);
      expect(await shownText(run.browser, 'team-role')).toBe(role);
      expect(await shownText(run.browser, 'team-desk-name')).toBe('factdesk');
      const editorText = run.browser.$('[data-testid="draft-editor"] .cm-content');
      await run.browser.waitUntil(async () => (await editorText.getText()).includes(sentence), {
        timeoutMsg: `${login}'s app opens the draft`,
      });
      // The sign-off list, open beside the draft.
      await (await byTestId(run.browser, 'open-review')).click();
      await (await byTestId(run.browser, 'review-panel')).waitForDisplayed();
    }
  });

  it("shows the editor the writer's new claim in the draft without reloading", async () => {
    const w = writer!;
    const e = editor!;
    const claimsBefore = Number(await shownText(e.browser, 'claims-count'));

    // CodeMirror reads a DOM selection on its own schedule: on a loaded machine the click can
    // come before it has, and the picker then offers the word at the cursor. Select again.
    const quote = () =>
      w.browser.execute(() => document.querySelector('[data-testid="claim-picker"] .quote')?.textContent ?? null);
    for (let attempt = 0; attempt < 4; attempt++) {
      await selectInEditor(w, sentence);
      await w.browser.pause(attempt * 500);
      await (await byTestId(w.browser, 'attach-claim')).click();
      await w.browser.waitUntil(async () => (await quote()) !== null, { timeoutMsg: 'the claim picker opens' });
      const got = await quote();
      if (got === sentence) break;
      await w.browser.keys('Escape');
      await w.browser.waitUntil(async () => (await quote()) === null, { timeoutMsg: 'Escape closes the picker' });
    }
    expect(await quote(), 'the picker attaches to the selected words').toBe(sentence);
    await (await byTestId(w.browser, 'picker-confidence')).selectByAttribute('value', 'reported');
    await (await byTestId(w.browser, 'picker-source')).selectByAttribute('value', source);
    await (await byTestId(w.browser, 'picker-quote')).setValue('The vote is set for the March session.');
    await (await byTestId(w.browser, 'picker-create')).click();

    // The writer's app saves the draft with the span (the desk holds it: read as the editor).
    await w.browser.waitUntil(() => (cli(url(EDITOR), 'draft', 'show', draftId).body as string).includes('{claim='), {
      timeout: 15_000,
      timeoutMsg: 'the writer’s draft is saved with the claim span',
    });
    const saved = Date.now();
    claim = (cli(url(EDITOR), 'draft', 'show', draftId).body as string).match(/\{claim=([0-9A-Z]{26})\}/)![1];

    // The editor's app: the claims list counts it, the draft's sign-off list holds it, pending.
    await e.browser.waitUntil(async () => (await reviewState(e, claim)) === 'pending', {
      timeout: 5_000,
      timeoutMsg: "the editor's sign-off list shows the writer's new claim",
    });
    const seen = Date.now() - saved;
    await e.browser.waitUntil(async () => Number(await shownText(e.browser, 'claims-count')) === claimsBefore + 1, {
      timeout: 5_000,
      timeoutMsg: "the editor's claim list counts the new claim",
    });
    // The editor's open draft now marks the words with the writer's claim (its syntax hidden).
    const marked = e.browser.$(`[data-testid="draft-editor"] [data-claim-id="${claim}"]`);
    await marked.waitForExist({ timeout: 5_000, timeoutMsg: "the editor's open draft shows the writer's span" });
    expect(await marked.getText()).toBe(sentence);
    console.log(`team e2e: the editor's app showed the writer's claim ${seen} ms after the desk held it`);

    // Analysed as on a desk file: the span is tinted by its confidence, the checks' findings are
    // the ones `factdesk check` gives on the team desk, and the sign-off count includes it.
    const tinted = e.browser.$(`[data-testid="draft-editor"] .cm-claim-reported[data-claim-id="${claim}"]`);
    await tinted.waitForExist({ timeout: 5_000, timeoutMsg: "the editor's draft tints the writer's claim" });
    const counts = checkCounts(url(EDITOR), draftId);
    await e.browser.waitUntil(async () => (await shownText(e.browser, 'findings-count')) === counts, {
      timeout: 5_000,
      timeoutMsg: `the editor's findings count is the desk's check: ${counts}`,
    });
    expect(await e.browser.$('[data-testid="findings-error"]').isExisting(), 'the checks ran').toBe(false);
    await e.browser.waitUntil(async () => (await shownText(e.browser, 'signoff-count')) === '0 of 1 approved', {
      timeout: 5_000,
      timeoutMsg: "the editor's sign-off count holds the writer's claim",
    });
    const sources = e.browser.$(`[data-testid="draft-claim-item"][data-id="${claim}"] [data-testid="claim-source-count"]`);
    await sources.waitForExist({ timeout: 5_000, timeoutMsg: "the draft's claim list counts its source" });
    expect(await sources.getText()).toMatch(/^1 source/);

    // The editor opens the claim's provenance from the sign-off list.
    await (await e.browser.$(`[data-testid="review-item"][data-claim="${claim}"] button.claim`)).click();
    const provenance = e.browser.$(`[data-testid="provenance-panel"][data-claim="${claim}"]`);
    await provenance.waitForDisplayed({ timeout: 5_000, timeoutMsg: "the editor's app shows the claim's provenance" });
    await e.browser.waitUntil(async () => (await shownText(e.browser, 'provenance-claim')) === sentence, {
      timeout: 5_000,
      timeoutMsg: 'the provenance names the claim',
    });
    const evidence = await e.browser.$$('[data-testid="provenance-evidence"]');
    expect(evidence.length).toBe(1);
    expect(await shownText(e.browser, 'provenance-source')).toContain('Council agenda for the spring session');
    await (await byTestId(e.browser, 'close-provenance')).click();
    // Nothing was reloaded: the page is the one loaded at start.
    expect(await e.browser.execute(() => performance.getEntriesByType('navigation').length)).toBe(1);
  });

  it("finds it in the editor's search box, shows its source, and the gate holds it back", async () => {
    const e = editor!;
    const filter = await byTestId(e.browser, 'filter');
    await filter.setValue('council budget');
    await e.browser.waitUntil(async () => (await shownText(e.browser, 'claims-count')) === '1 found', {
      timeout: 10_000,
      timeoutMsg: "the team desk's search finds the writer's claim",
    });
    expect(await (await byTestId(e.browser, 'claim-item')).getAttribute('data-id')).toBe(claim);
    await filter.click();
    await e.browser.keys(['Control', 'a']);
    await e.browser.keys('Backspace');

    // The source in the inspector: its form, and no error for the intake that does not run here.
    const sourceItem = e.browser.$(`[data-testid="source-item"][data-id="${source}"]`);
    await sourceItem.waitForExist({ timeout: 10_000, timeoutMsg: 'the emptied filter shows every source again' });
    await sourceItem.click();
    await e.browser.waitUntil(
      async () =>
        (await e.browser.execute(
          () => (document.querySelector('[data-testid="source-title"]') as HTMLInputElement | null)?.value,
        )) ===
        'Council agenda for the spring session',
      { timeout: 5_000, timeoutMsg: "the editor's inspector shows the source" },
    );

    // The publication gate on the team desk: the claim is not approved yet.
    await (await byTestId(e.browser, 'export-publication')).click();
    const blockers = await byTestId(e.browser, 'publication-blockers');
    await blockers.waitForDisplayed({ timeout: 5_000 });
    expect(await blockers.getText()).toMatch(/not approved/);
    await e.browser.pause(500);
    expect(await shownText(e.browser, 'error-banner'), 'no panel failed on the team desk').toBe('');
  });

  it("lets the editor approve it, and shows the writer the approval", async () => {
    const w = writer!;
    const e = editor!;
    const item = e.browser.$(`[data-testid="review-item"][data-claim="${claim}"]`);
    await (await item.$('[data-testid="review-state"]')).selectByAttribute('value', 'approved');
    await (await item.$('[data-testid="review-save"]')).click();
    await e.browser.waitUntil(async () => (await reviewState(e, claim)) === 'approved', {
      timeoutMsg: 'the editor’s approval is saved',
    });
    const review = cli(url(WRITER), 'review', 'show', draftId).find((r: any) => r.claim_id === claim);
    expect(review.state).toBe('approved');
    expect(review.actor, 'the database records the editor’s login').toBe(EDITOR);

    await w.browser.waitUntil(async () => (await reviewState(w, claim)) === 'approved', {
      timeout: 5_000,
      timeoutMsg: "the writer's app shows the editor's approval without reloading",
    });
    const by = await w.browser.$(`[data-testid="review-item"][data-claim="${claim}"] [data-testid="review-by"]`).getText();
    expect(by).toContain(EDITOR);
  });

  it('says calmly that the desk cannot be reached while PostgreSQL is down, and clears once back', async () => {
    const w = writer!;
    cluster('stop');
    const offline = await byTestId(w.browser, 'team-offline');
    await offline.waitForDisplayed({ timeout: 10_000 });
    const text = await offline.getText();
    expect(text).toContain('The team desk factdesk');
    expect(text).toContain('cannot be reached');
    expect(text).toContain('not saved until it is back');
    // A calm line, not an error dialog.
    expect(await w.browser.$('dialog[open]').isExisting()).toBe(false);

    cluster('start');
    await offline.waitForDisplayed({ timeout: 15_000, reverse: true });
    // And the app works on the desk again: the editor's approval still shows after the re-read.
    await w.browser.waitUntil(async () => (await reviewState(w, claim)) === 'approved', { timeout: 5_000 });
  });
});
