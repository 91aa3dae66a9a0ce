// Never lose a desk, in the real app: the save dialog cannot overwrite the desk (the writer
// picks the desk's own file and sees the refusal), and Settings → Backups backs up and restores.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { allByTestId, byTestId, cliBinary, launch, pickInFileDialog, tempDesk, type Running } from './app';

let app: Running | undefined;

afterAll(async () => {
  await app?.quit();
});

function cli(desk: string, ...args: string[]): any {
  return JSON.parse(execFileSync(cliBinary, ['--desk', desk, '--json', ...args], { encoding: 'utf8' }));
}

const bannerText = (run: Running) =>
  run.browser.execute(() => document.querySelector('[data-testid="error-banner"]')?.textContent ?? '');

describe('the desk survives exports and comes back from backups', () => {
  const desk = tempDesk();
  execFileSync(cliBinary, ['--desk', desk, 'init', '--sample']);
  const sources = cli(desk, 'source', 'list').items.length;

  it('refuses to export onto the desk picked in the save dialog', async () => {
    app = await launch(desk);
    const run = app;
    await (await byTestId(run.browser, 'draft-editor')).waitForDisplayed();
    const deskBytes = readFileSync(desk);
    const exportFootnotes = async () => {
      await (await byTestId(run.browser, 'export-draft')).click();
      await (await byTestId(run.browser, 'export-footnotes')).click();
    };
    await pickInFileDialog(run.browser, exportFootnotes, desk, 'save');
    // GTK asks whether to replace the existing file: say yes (Alt+R, "Replace"), as a hurried
    // writer would; Factdesk must refuse anyway.
    await run.browser.waitUntil(
      async () => {
        if (String(await bannerText(run)).length > 0) return true;
        try {
          execFileSync('xdotool', ['key', '--clearmodifiers', 'alt+r']);
        } catch {
          // No window to take the key yet.
        }
        await new Promise((r) => setTimeout(r, 1000));
        return String(await bannerText(run)).length > 0;
      },
      { timeout: 20_000, interval: 500, timeoutMsg: 'the refusal is shown' },
    );
    const text = String(await bannerText(run));
    expect(text).toContain(desk);
    expect(text).toContain('is the desk');
    expect(readFileSync(desk).equals(deskBytes), 'the desk file is untouched').toBe(true);
    expect(cli(desk, 'source', 'list').items.length).toBe(sources);
  });

  it('backs up from the settings and restores a backup after confirming', async () => {
    const run = app!;
    const dismiss = await run.browser.$('[data-testid="error-banner"] button');
    if (await dismiss.isExisting()) await dismiss.click();
    await (await byTestId(run.browser, 'open-settings')).click();
    await (await byTestId(run.browser, 'backups')).waitForDisplayed();
    const listed = async () => (await allByTestId(run.browser, 'backup-item')).length;
    const start = await listed();
    await (await byTestId(run.browser, 'backup-now')).click();
    await run.browser.waitUntil(async () => (await listed()) === start + 1, {
      timeoutMsg: 'the new backup is listed',
    });
    const first = await (await allByTestId(run.browser, 'backup-item'))[0];
    expect(await first.getText()).toContain(`${sources} sources`);
    const made = cli(desk, 'backup', 'list')[0];

    // A change after the backup, which the restore must undo.
    cli(desk, 'source', 'add', '--title', 'Added after the backup');
    expect(cli(desk, 'source', 'list').items.length).toBe(sources + 1);

    await (await (await allByTestId(run.browser, 'backup-restore'))[0]).click();
    const confirmation = await byTestId(run.browser, 'restore-confirmation');
    await confirmation.waitForDisplayed();
    expect(await confirmation.getText()).toContain('backed up first');
    expect(cli(desk, 'source', 'list').items.length, 'nothing happens before the confirmation').toBe(sources + 1);
    await (await byTestId(run.browser, 'restore-confirm')).click();
    await run.browser.waitUntil(async () => cli(desk, 'source', 'list').items.length === sources, {
      timeout: 15_000,
      timeoutMsg: 'the desk is the backup again',
    });
    // The app reloaded: the settings dialog is gone and the sources list shows the backup's.
    await (await byTestId(run.browser, 'app')).waitForExist({ timeout: 30_000 });
    await run.browser.waitUntil(async () => !(await (await byTestId(run.browser, 'settings-dialog')).isExisting()), {
      timeoutMsg: 'the app reloaded its state',
    });
    const after = cli(desk, 'backup', 'list');
    expect(after[0].path).not.toBe(made.path);
    expect(after[0].sources, 'the replaced desk was backed up first').toBe(sources + 1);
  });
});
