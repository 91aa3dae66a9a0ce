// A whole writing session from the keyboard alone, in the real app: record a source and a claim,
// start a draft, write a sentence, attach the claim to it, reach the export's save dialog from the
// palette and quit; the desk file, read back by the CLI, holds all of it. No click anywhere.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { byTestId, cliBinary, deskJson, launch, tempDesk, type Running } from './app';

const desk = tempDesk();
let app: Running | undefined;

afterAll(async () => {
  await app?.quit();
});

const cli = (...args: string[]) => deskJson(desk, ...args);

/** Types `text` key by key, as a writer does (WebDriver sends each character as its key). */
async function type(run: Running, text: string) {
  for (const ch of text) await run.browser.keys(ch);
}

const focused = (run: Running) => run.browser.execute(() => document.activeElement?.getAttribute('data-testid') ?? '');

async function until(run: Running, check: () => boolean | Promise<boolean>, what: string) {
  await run.browser.waitUntil(async () => Boolean(await check()), { timeout: 10_000, timeoutMsg: what });
}

describe('a session from the keyboard alone', () => {
  execFileSync(cliBinary, ['--desk', desk, 'init']);

  it('records, drafts, attaches, reaches the export and quits without the mouse', async () => {
    app = await launch(desk);
    const run = app;
    await (await byTestId(run.browser, 'empty-desk')).waitForDisplayed({ timeout: 10_000 });

    // A source: Ctrl+Shift+S puts the cursor in its title; Ctrl+S saves the form.
    await run.browser.keys(['Control', 'Shift', 's']);
    await until(run, async () => (await focused(run)) === 'source-title', 'the source title has the focus');
    await type(run, 'Channel Pine renewal notice');
    await run.browser.keys(['Control', 's']);
    await until(run, () => cli('source', 'list').items.length === 1, 'the source is saved');
    // The form has the desk's answer (so it has nothing unsaved to ask about) once the list has it.
    await until(run, async () => (await (await byTestId(run.browser, 'sources-count')).getText()) === '1', 'the list shows the source');

    // A claim, the same way.
    await run.browser.keys(['Control', 'Shift', 'c']);
    await until(run, async () => (await focused(run)) === 'claim-text', 'the claim text has the focus');
    await type(run, 'Night Ferry returns for a second season');
    await run.browser.keys(['Control', 's']);
    await until(run, () => cli('claim', 'list').items.length === 1, 'the claim is saved');
    await until(run, async () => (await (await byTestId(run.browser, 'claims-count')).getText()) === '1', 'the list shows the claim');
    const claim = cli('claim', 'list').items[0].id as string;

    // A draft: Ctrl+Shift+N starts it at its headline; Enter goes on to the text.
    await run.browser.keys(['Control', 'Shift', 'n']);
    await until(run, async () => (await focused(run)) === 'draft-title', 'the new draft starts at its headline');
    await type(run, 'Night Ferry: what we know');
    await run.browser.keys('Enter');
    await until(
      run,
      () => run.browser.execute(() => document.activeElement?.classList.contains('cm-content') ?? false),
      'Enter in the headline goes to the text',
    );
    await type(run, 'Night Ferry returns for a second season.');

    // Select the sentence without its full stop, and attach the claim from the picker.
    await run.browser.keys('ArrowLeft');
    await run.browser.keys(['Shift', 'Home']);
    await run.browser.keys(['Control', 'Shift', 'k']);
    await until(run, async () => (await focused(run)) === 'picker-search', 'the claim picker takes the keys');
    await type(run, 'second season');
    await until(
      run,
      () => run.browser.execute(() => document.querySelector('[data-testid="picker-item"]')?.getAttribute('data-id') ?? ''),
      'the picker finds the claim',
    );
    await run.browser.keys('Enter');
    const draft = () => cli('draft', 'list').find((d: any) => d.title === 'Night Ferry: what we know');
    await until(
      run,
      () => (draft() ? String(cli('draft', 'show', draft().id).body).includes(`]{claim=${claim}}`) : false),
      'the sentence is wrapped in the claim span and saved',
    );
    expect(cli('draft', 'show', draft().id).body).toContain(`[Night Ferry returns for a second season]{claim=${claim}}.`);

    // Export from the palette: GTK's save dialog opens (typing a path into it is covered by
    // drafting.test.ts); Escape there cancels, and the draft pane says so.
    const windows = () => execFileSync('bash', ['-c', 'for w in $(xdotool search --onlyvisible --name .); do xdotool getwindowname $w; done'], { encoding: 'utf8' });
    await run.browser.keys(['Control', 'Shift', 'p']);
    await until(run, async () => (await focused(run)) === 'palette-input', 'the palette takes the keys');
    await type(run, 'export foot');
    await run.browser.keys('Enter');
    await until(run, () => windows().includes('Save File'), 'the palette opens the export save dialog');
    await new Promise((r) => setTimeout(r, 1500));
    const dialog = execFileSync('xdotool', ['search', '--onlyvisible', '--name', 'Save File'], { encoding: 'utf8' }).trim().split('\n')[0]!;
    execFileSync('xdotool', ['windowfocus', '--sync', dialog]);
    execFileSync('xdotool', ['key', '--clearmodifiers', 'Escape']);
    await until(
      run,
      async () =>
        String(await run.browser.execute(() => document.querySelector('[data-testid="export-status"]')?.textContent)).includes('cancelled'),
      'the cancelled export is reported',
    );

    // Ctrl+Q saves and quits.
    // The app may be gone before WebDriver hears back about the keys: that is the quit.
    await run.browser.keys(['Control', 'q']).catch(() => undefined);
    await until(
      run,
      async () => {
        try {
          await run.browser.getTitle();
          return false;
        } catch {
          return true;
        }
      },
      'Ctrl+Q quits the app',
    );
    expect(cli('draft', 'show', draft().id).title).toBe('Night Ferry: what we know');
  });
});
