// File → Import in the real app: the writer picks a citation library in GTK's open dialog; the
// desk creates its sources, fills the empty fields of one it already had, and says so. A library
// with a bad entry is refused by entry and field, and nothing of it is imported.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { byTestId, cliBinary, deskJson, launch, pickInFileDialog, tempDesk, type Running } from './app';

const desk = tempDesk();
let app: Running | undefined;

afterAll(async () => {
  await app?.quit();
});

const cli = (...args: string[]) => deskJson(desk, ...args);

// Written for this test: a small Zotero-style CSL-JSON library.
const LIBRARY = [
  {
    id: 'harbor-renewal',
    type: 'article-newspaper',
    title: 'Harbor Lights renewed for a second season',
    'container-title': 'K-Wave Wire',
    author: [{ family: 'Cho', given: 'Dana' }],
    URL: 'https://kwavewire.example/harbor-lights-renewed',
    issued: { 'date-parts': [[2025, 3, 14]] },
    language: 'en',
  },
  {
    id: 'paper-crown-poster',
    type: 'webpage',
    title: 'Paper Crown season 2 poster released',
    'container-title': 'Channel Pine',
    URL: 'https://channelpine.example/paper-crown-2',
    issued: { 'date-parts': [[2025, 8, 11]] },
  },
  {
    // The desk has this article already, without its author: the import fills it in.
    id: 'salt-road-sequel',
    type: 'article-newspaper',
    title: 'Salt Road sequel casts its smuggler again',
    'container-title': 'Daily Reel',
    author: [{ family: 'Min', given: 'Ara' }],
    URL: 'https://dailyreel.example/salt-road-sequel',
    issued: { 'date-parts': [[2025, 9, 29]] },
  },
];

function importFrom(run: Running, file: string) {
  const click = async () => (await byTestId(run.browser, 'import-citations')).click();
  return pickInFileDialog(run.browser, click, file, 'open');
}

describe('importing a citation library', () => {
  const dir = path.dirname(desk);
  const good = path.join(dir, 'library.json');
  const bad = path.join(dir, 'broken.json');
  writeFileSync(good, JSON.stringify(LIBRARY, null, 2));
  writeFileSync(bad, JSON.stringify([{ id: 'no-title', type: 'webpage', URL: 'https://x.example/a' }, LIBRARY[1]]));
  execFileSync(cliBinary, ['--desk', desk, 'init']);
  const existing = cli(
    'source', 'add', '--title', 'Salt Road sequel casts its smuggler again', '--outlet', 'Daily Reel',
    '--url', 'https://dailyreel.example/salt-road-sequel', '--published', '2025-09-29', '--kind', 'outlet',
  ).id as string;

  it('creates the new sources and fills the one the desk had', async () => {
    app = await launch(desk);
    const run = app;
    await (await byTestId(run.browser, 'import-citations')).waitForClickable({ timeout: 10_000 });
    await importFrom(run, good);
    const summary = await byTestId(run.browser, 'import-summary');
    await summary.waitForDisplayed({ timeout: 15_000 });
    expect(await summary.getText()).toContain('2 created, 1 merged, 0 skipped');
    expect(await (await byTestId(run.browser, 'import-merged')).getText()).toContain('author');
    await (await byTestId(run.browser, 'import-close')).click();

    const titles = cli('source', 'list').items.map((s: any) => s.title).sort();
    expect(titles).toEqual([
      'Harbor Lights renewed for a second season',
      'Paper Crown season 2 poster released',
      'Salt Road sequel casts its smuggler again',
    ]);
    expect(cli('source', 'show', existing).author).toBe('Ara Min');
    // The list shows them without a reload.
    await run.browser.waitUntil(async () => (await (await byTestId(run.browser, 'sources-count')).getText()) === '3', {
      timeout: 5_000,
      timeoutMsg: 'the sources list counts the imported sources',
    });
  });

  it('refuses a library with a bad entry by entry and field, importing none of it', async () => {
    const run = app!;
    const before = cli('source', 'list').items.length;
    await importFrom(run, bad);
    const error = await byTestId(run.browser, 'import-error');
    await error.waitForDisplayed({ timeout: 15_000 });
    const entries = await (await byTestId(run.browser, 'import-bad-entries')).getText();
    expect(entries).toContain('Entry 1');
    expect(entries).toContain('title');
    await (await byTestId(run.browser, 'import-close')).click();
    expect(cli('source', 'list').items.length, 'nothing of the file was imported').toBe(before);
  });
});
