// People and the spellings they go by, recorded in the app and read back from the desk file by
// the CLI; the name check then leaves a listed spelling alone and flags an unlisted one.
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { byTestId, cliBinary, launch, tempDesk, type Running } from './app';

const desk = tempDesk();
let app: Running | undefined;

afterAll(async () => {
  await app?.quit();
});

function cli(...args: string[]): any {
  return JSON.parse(execFileSync(cliBinary, ['--desk', desk, '--json', ...args], { encoding: 'utf8' }));
}

describe('people in the settings', () => {
  it('adds a person with their Hangul name and other spellings', async () => {
    cli('init');
    app = await launch(desk);
    const run = app;
    await (await byTestId(run.browser, 'open-settings')).click();
    await (await byTestId(run.browser, 'people')).waitForDisplayed();
    await (await byTestId(run.browser, 'person-name')).setValue('Choo Young-woo');
    await (await byTestId(run.browser, 'person-hangul')).setValue('주영우');
    await (await byTestId(run.browser, 'person-aliases')).setValue('Joo Young-woo');
    await (await byTestId(run.browser, 'person-add')).click();
    await (await byTestId(run.browser, 'person-item')).waitForExist({ timeout: 5_000 });

    const people = cli('person', 'list');
    expect(people.map((p: any) => [p.name, p.hangul, p.aliases])).toEqual([
      ['Choo Young-woo', '주영우', ['Joo Young-woo']],
    ]);
  });
});
