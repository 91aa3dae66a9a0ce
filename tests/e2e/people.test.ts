// People and the spellings they go by, recorded in the app and read back from the desk file by
// the CLI; the name check then leaves a listed spelling alone and flags an unlisted one.
import { afterAll, describe, expect, it } from 'vitest';
import { byTestId, deskJson, launch, tempDesk, type Running } from './app';

const desk = tempDesk();
let app: Running | undefined;

afterAll(async () => {
  await app?.quit();
});

const cli = (...args: string[]) => deskJson(desk, ...args);

describe('people in the settings', () => {
  it('adds a person with their Hangul name and other spellings', async () => {
    cli('init');
    app = await launch(desk);
    const run = app;
    // The desk has loaded (an empty desk offers the sample) before the settings are opened.
    await (await byTestId(run.browser, 'empty-desk')).waitForDisplayed({ timeout: 10_000 });
    const open = await byTestId(run.browser, 'open-settings');
    await open.waitForClickable();
    await open.click();
    await (await byTestId(run.browser, 'settings-dialog')).waitForDisplayed({ timeout: 5_000 });
    // The people section sits below the profile form, in the dialog's own scrolling box.
    const section = await byTestId(run.browser, 'people');
    await section.waitForExist({ timeout: 5_000 });
    await section.scrollIntoView();
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
