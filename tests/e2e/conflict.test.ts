// Two people on one claim: an editor changes it from the CLI while a writer has it open in the
// app. The writer's save of the same field is refused, the app says what changed and offers to
// reload; a later save of another field keeps the editor's change. Read back through the CLI.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { allByTestId, byTestId, cliBinary, launch, screenshot, tempDesk, type Running } from './app';

const desk = tempDesk();
let app: Running | undefined;

afterAll(async () => {
  await app?.quit();
});

function cli(...args: string[]): Record<string, unknown> {
  return JSON.parse(execFileSync(cliBinary, ['--desk', desk, '--json', ...args], { encoding: 'utf8' }));
}

describe('an edit made elsewhere while the form is open', () => {
  let claimId = '';
  const theirs = 'Filming of the second season begins in June.';

  it('is not overwritten: the app shows the conflict and reloads their version', async () => {
    cli('init');
    claimId = cli('claim', 'add', '--text', 'Filming of the second season begins in May.', '--confidence', 'reported')
      .id as string;
    app = await launch(desk);
    const run = app;
    await run.browser.waitUntil(async () => (await allByTestId(run.browser, 'claim-item').length) === 1, {
      timeout: 10_000,
    });
    await (await allByTestId(run.browser, 'claim-item'))[0]!.click();
    const text = await byTestId(run.browser, 'claim-text');
    await text.waitForDisplayed();

    cli('--as', 'Jae', 'claim', 'edit', claimId, '--text', theirs);

    await text.setValue('Filming of the second season begins in July.');
    await (await byTestId(run.browser, 'claim-save')).click();
    const conflict = await byTestId(run.browser, 'conflict');
    await conflict.waitForDisplayed({ timeout: 5_000 });
    const fieldError = await (await byTestId(run.browser, 'error-text')).getText();
    expect(fieldError).toContain('Jae changed this claim');
    expect(fieldError).toContain(theirs);
    await screenshot(run.browser, 'conflict.png');
    expect(cli('claim', 'show', claimId).text).toBe(theirs);

    await (await byTestId(run.browser, 'conflict-reload')).click();
    await run.browser.waitUntil(async () => (await byTestId(run.browser, 'claim-text')).getValue().then((v) => v === theirs), {
      timeout: 5_000,
      timeoutMsg: 'the form shows their text after reloading',
    });
    const listed = await run.browser.execute(
      () => document.querySelector('[data-testid="claim-item"]')?.textContent ?? '',
    );
    expect(listed, 'the claim list shows their text too').toContain(theirs);
  });

  it('a later save of another field keeps their text', async () => {
    const run = app!;
    await (await byTestId(run.browser, 'claim-confidence')).selectByAttribute('value', 'corroborated');
    await (await byTestId(run.browser, 'claim-save')).click();
    await run.browser.waitUntil(async () => cli('claim', 'show', claimId).confidence === 'corroborated', {
      timeout: 5_000,
    });
    expect(cli('claim', 'show', claimId).text).toBe(theirs);
    expect(await (await byTestId(run.browser, 'conflict')).isExisting()).toBe(false);
  });
});
