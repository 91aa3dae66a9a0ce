// The publication gate in the real app: a draft with a malformed claim span and a retracted claim
// is refused, the blockers list names both (the claim by its words), the malformed span is
// underlined in the editor; once the span is fixed from its finding, the claim restored and both
// claims approved, the publication export goes on to the save dialog.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { allByTestId, byTestId, cliBinary, launch, shownText, tempDesk, type Running } from './app';

let app: Running | undefined;

afterAll(async () => {
  await app?.quit();
});

function cli(desk: string, ...args: string[]): any {
  const out = execFileSync(cliBinary, ['--desk', desk, '--json', ...args], { encoding: 'utf8' });
  return out.trim() === '' ? null : JSON.parse(out);
}

/** The rows of the blockers list as a reader sees them. */
async function blockerRows(run: Running): Promise<string[]> {
  return run.browser.execute(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="publication-blocker"]')].map((el) =>
      el.innerText.replace(/\s+/g, ' ').trim(),
    ),
  );
}

describe('the publication gate', () => {
  const desk = tempDesk();
  execFileSync(cliBinary, ['--desk', desk, 'init']);
  const returns: string = cli(desk, 'claim', 'add', '--text', 'The ferry drama returns in May.', '--confidence', 'speculation').id;
  const filming: string = cli(desk, 'claim', 'add', '--text', 'Filming moves to Mokpo.', '--confidence', 'speculation').id;
  const body =
    `We expect that [it returns in May]{claim=${returns}}.\n\n` +
    `Perhaps [filming moves to Mokpo]{clam=${filming}} next.\n`;
  const path = `${desk}.draft.md`;
  writeFileSync(path, body);
  const draftId: string = cli(desk, 'draft', 'new', '--title', 'Gate check', '--file', path).id;
  cli(desk, 'claim', 'edit', returns, '--status', 'retracted');

  it('refuses a draft with a malformed span and a retracted claim, naming both', async () => {
    app = await launch(desk);
    const run = app;
    await (await allByTestId(run.browser, 'draft-item'))[0].click();
    const editor = await run.browser.$('[data-testid="draft-editor"] .cm-content');
    await run.browser.waitUntil(async () => (await editor.getText()).includes('next'), {
      timeoutMsg: 'the draft opens',
    });
    // The editor underlines the malformed span as soon as it shows it.
    const underlined = await run.browser.$('[data-testid="draft-editor"] .cm-claim-malformed');
    await underlined.waitForExist({ timeout: 5_000 });
    expect(await underlined.getAttribute('title')).toContain('did you mean claim=?');

    await (await byTestId(run.browser, 'open-review')).click();
    await (await byTestId(run.browser, 'export-publication')).click();
    await (await byTestId(run.browser, 'publication-blockers')).waitForDisplayed({ timeout: 10_000 });
    const rows = await blockerRows(run);
    expect(
      rows.some((r) => r.includes('malformed-span') && r.includes('did you mean claim=?')),
      rows.join('\n'),
    ).toBe(true);
    expect(
      rows.some((r) => r.includes('retracted-claim') && r.includes('The ferry drama returns in May.')),
      rows.join('\n'),
    ).toBe(true);
  });

  it('offers the publication export once both are fixed and approved', async () => {
    const run = app!;
    await run.browser.waitUntil(
      async () => (await run.browser.$('[data-testid="finding-item"][data-kind="malformed-span"]')).isExisting(),
      { timeout: 10_000, timeoutMsg: 'the malformed span is a finding' },
    );
    const finding = await run.browser.$('[data-testid="finding-item"][data-kind="malformed-span"]');
    await (await finding.$('[data-testid="apply-fix"]')).click();
    await run.browser.keys(['Control', 's']);
    await run.browser.waitUntil(async () => cli(desk, 'draft', 'show', draftId).body.includes(`{claim=${filming}}`), {
      timeout: 10_000,
      timeoutMsg: 'the fixed span is saved',
    });
    expect(await run.browser.$('[data-testid="draft-editor"] .cm-claim-malformed').isExisting()).toBe(false);

    cli(desk, 'claim', 'edit', returns, '--status', 'active');
    cli(desk, 'review', 'set', draftId, returns, 'approved');
    cli(desk, 'review', 'set', draftId, filming, 'approved');

    // Past the gate the export asks where to save: a native dialog, which we cancel.
    await (await byTestId(run.browser, 'export-publication')).click();
    let cancelled = false;
    for (let i = 0; i < 40 && !cancelled; i++) {
      await new Promise((r) => setTimeout(r, 500));
      try {
        // No window manager runs under Xvfb: focus the dialog directly, then press Escape.
        execFileSync('xdotool', ['search', '--onlyvisible', '--name', '^Save File$', 'windowfocus', 'key', 'Escape']);
        cancelled = true;
      } catch {
        // The dialog has not opened yet.
      }
    }
    expect(cancelled, 'the save dialog opened: the gate let the draft through').toBe(true);
    await (await byTestId(run.browser, 'publication-path')).waitForDisplayed({ timeout: 10_000 });
    expect(await shownText(run.browser, 'publication-path')).toContain('Export cancelled');
    expect(await run.browser.$('[data-testid="publication-blockers"]').isExisting()).toBe(false);
  });
});
