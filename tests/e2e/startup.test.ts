// Start-up on the sample desk: the app says when its first frame painted and when the latest draft
// became editable, with where the time went (the figures `make measure` reports; their targets
// are in the README, not asserted here), and the first screen's bundle leaves CodeMirror to a
// chunk of its own that loads with the first draft.
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliBinary, launch, root, tempDesk, type Running } from './app';

let app: Running | undefined;

afterAll(async () => {
  await app?.quit();
});

/** "factdesk: start-up: setup 12 ms, desk opened 15 ms, …" -> [["setup", 12], ["desk opened", 15], …] */
function phases(log: string, line: string): Map<string, number> {
  const found = log.split('\n').find((l) => l.startsWith(`factdesk: ${line}: `));
  expect(found, `the "${line}" line`).toBeDefined();
  const out = new Map<string, number>();
  for (const part of found!.slice(`factdesk: ${line}: `.length).split(', ')) {
    const m = /^(.+) (-?\d+) ms$/.exec(part.trim());
    expect(m, `"${part}" is a phase and its time`).not.toBeNull();
    out.set(m![1]!, Number(m![2]));
  }
  return out;
}

describe('start-up', () => {
  it('logs the first frame and the editable draft, with each phase before them', async () => {
    const desk = tempDesk();
    execFileSync(cliBinary, ['--desk', desk, 'init', '--sample']);
    app = await launch(desk);
    const run = app;
    const editor = await run.browser.$('[data-testid="draft-editor"] .cm-content');
    await editor.waitForExist({ timeout: 30_000 });
    // The latest draft is in the editor and takes typing.
    expect(await editor.getAttribute('contenteditable')).toBe('true');
    await run.browser.waitUntil(async () => run.log().includes('factdesk: draft editable'), {
      timeout: 15_000,
      timeoutMsg: 'the app logs when the draft is editable',
    });
    const log = run.log();
    const frame = Number(/factdesk: first frame (\d+) ms after start/.exec(log)?.[1]);
    const editable = Number(/factdesk: draft editable (\d+) ms after start/.exec(log)?.[1]);
    console.log(`start-up (debug build, under the e2e driver): first frame ${frame} ms, draft editable ${editable} ms`);
    console.log(log.split('\n').filter((l) => /^factdesk: (start-up|to the draft):/.test(l)).join('\n'));
    expect(frame).toBeGreaterThan(0);
    expect(editable).toBeGreaterThanOrEqual(frame);

    const first = phases(log, 'start-up');
    for (const phase of ['window created', 'desk opened', 'page load started', 'bundle evaluated', 'mounted', 'first frame']) {
      expect(first.has(phase), `start-up names "${phase}"`).toBe(true);
    }
    const toDraft = phases(log, 'to the draft');
    for (const phase of ['first ipc answered', 'editor module loaded', 'draft editable']) {
      expect(toDraft.has(phase), `the way to the draft names "${phase}"`).toBe(true);
    }
    // In the order they happen: the page runs once the shell has opened the desk; the first IPC
    // call brings the draft, whose editor loads before it takes typing.
    const at = (phase: string) => toDraft.get(phase)!;
    expect(at('desk opened')).toBeLessThanOrEqual(at('bundle evaluated'));
    expect(at('bundle evaluated')).toBeLessThanOrEqual(at('first ipc answered'));
    expect(at('editor module loaded')).toBeLessThanOrEqual(at('draft editable'));
  });
});

describe('the first screen bundle', () => {
  it('leaves CodeMirror to a chunk of its own, loaded with the first draft', () => {
    const dist = path.join(root, 'ui/dist');
    const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
    const entry = /<script type="module"[^>]* src="\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(entry, 'index.html loads one entry script').toBeDefined();
    // `cm-content` is the class CodeMirror's view gives the editable text: it is in the view's code.
    const codemirror = (file: string) => readFileSync(path.join(dist, file), 'utf8').includes('cm-content');
    expect(codemirror(entry!), 'the entry bundle holds no CodeMirror').toBe(false);
    const chunks = readdirSync(path.join(dist, 'assets')).filter((f) => f.endsWith('.js'));
    expect(chunks.some((f) => codemirror(path.join('assets', f))), 'a chunk holds it').toBe(true);
  });
});
