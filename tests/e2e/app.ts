// Starts the real Factdesk app through tauri-driver (which runs WebKitWebDriver) and hands the
// tests a WebdriverIO browser. Every test desk is a fresh SQLite file in a temporary folder.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { remote } from 'webdriverio';

const here = path.dirname(fileURLToPath(import.meta.url));
export const root = path.resolve(here, '../..');
export const appBinary = process.env.FACTDESK_APP ?? path.join(root, 'target/debug/factdesk-app');
export const cliBinary = process.env.FACTDESK_CLI ?? path.join(root, 'target/debug/factdesk');
export const artifacts = path.join(here, 'artifacts');

export type Browser = WebdriverIO.Browser;

let nextPort = 4444 + 2 * (process.pid % 500);

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitForPorts(ports: number[], ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (const port of ports) {
    while (!(await portOpen(port))) {
      if (Date.now() > deadline) throw new Error(`tauri-driver did not open port ${port}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

export function tempDesk(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'factdesk-e2e-'));
  return path.join(dir, 'desk.sqlite');
}

/** Runs the CLI with `--json` on `desk` and parses what it printed: the desk as a user reads it. */
export function deskJson(desk: string, ...args: string[]): any {
  return JSON.parse(execFileSync(cliBinary, ['--desk', desk, '--json', ...args], { encoding: 'utf8' }));
}

export interface Running {
  browser: Browser;
  /** What the app wrote to stderr (start-up figures). */
  log: () => string;
  quit: () => Promise<void>;
}

/**
 * Launches the app on `desk` (a desk file, or a team desk's `postgres://` URL) and waits for the
 * page to load. The webview's profile lives beside a desk file, or in `profileDir` (a team desk).
 */
export async function launch(desk: string, profileDir?: string): Promise<Running> {
  // A WebDriver left listening by an earlier run (killed test, crashed worker) would answer for
  // the new app with a dead session: skip any pair of ports something already holds.
  let port = nextPort;
  while ((await portOpen(port)) || (await portOpen(port + 1))) port += 2;
  nextPort = port + 2;
  let output = '';
  // tauri-driver passes its environment to the app: that is how the app finds the test desk.
  // The webview's own storage (the theme choice) lives beside the desk, so each test desk starts
  // from a fresh profile, whatever an earlier run chose, and a relaunch on it keeps its choices.
  const profile = path.join(profileDir ?? path.dirname(desk), 'profile');
  const driver: ChildProcess = spawn(
    'tauri-driver',
    ['--port', String(port), '--native-port', String(port + 1)],
    {
      env: {
        ...process.env,
        FACTDESK_DESK: desk,
        XDG_DATA_HOME: path.join(profile, 'data'),
        XDG_CACHE_HOME: path.join(profile, 'cache'),
        XDG_CONFIG_HOME: path.join(profile, 'config'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so quitting stops WebKitWebDriver and the app with it.
      detached: true,
    },
  );
  driver.stdout?.on('data', (d) => (output += String(d)));
  driver.stderr?.on('data', (d) => (output += String(d)));
  // tauri-driver opens its port before WebKitWebDriver listens on the native one.
  await waitForPorts([port], 20_000);
  const browser = await remote({
    hostname: '127.0.0.1',
    port,
    logLevel: 'warn',
    connectionRetryCount: 5,
    capabilities: {
      browserName: 'wry',
      'tauri:options': { application: appBinary },
      'wdio:enforceWebDriverClassic': true,
    } as WebdriverIO.Capabilities,
  });
  await browser.$('[data-testid="app"]').waitForExist({ timeout: 30_000 });
  return {
    browser,
    log: () => output,
    quit: async () => {
      try {
        // The app may have quit by itself already (Ctrl+Q); then there is no session to end.
        await browser.deleteSession().catch(() => undefined);
      } finally {
        try {
          if (driver.pid !== undefined) process.kill(-driver.pid, 'SIGTERM');
        } catch {
          driver.kill();
        }
        await new Promise((r) => setTimeout(r, 300));
      }
    },
  };
}

export const byTestId = (browser: Browser, id: string) => browser.$(`[data-testid="${id}"]`);

/**
 * The text a reader sees in the first element with `id`: its `innerText`, which follows the
 * page's CSS. (WebKitWebDriver's Get Element Text answers "" for the one-line, ellipsised rows
 * of the virtualised lists, though they are on screen.)
 */
export const shownText = (browser: Browser, id: string): Promise<string> =>
  browser.execute(
    (testid: string) => (document.querySelector(`[data-testid="${testid}"]`) as HTMLElement | null)?.innerText ?? '',
    id,
  );
export const allByTestId = (browser: Browser, id: string) => browser.$$(`[data-testid="${id}"]`);

/** Saves a screenshot once the page has painted its latest state (two animation frames). */
export async function screenshot(browser: Browser, name: string): Promise<string> {
  await browser.executeAsync((done: () => void) => {
    requestAnimationFrame(() => requestAnimationFrame(() => done()));
  });
  mkdirSync(artifacts, { recursive: true });
  const file = path.join(artifacts, name);
  writeFileSync(file, Buffer.from(await browser.takeScreenshot(), 'base64'));
  return file;
}

const visibleWindows = () =>
  new Set(
    execFileSync('xdotool', ['search', '--onlyvisible', '--name', ''], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean),
  );

const windowName = (id: string): string => {
  try {
    return execFileSync('xdotool', ['getwindowname', id], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};

/**
 * Runs `open` (a click that opens GTK's native file dialog), waits for the dialog's window and
 * types `file` into it as a writer would: the name field of a save dialog, the location field
 * (Ctrl+L) of an open dialog. Then presses Enter, and once more if `done` does not hold two
 * seconds later (the first Enter may only have accepted GTK's location completion).
 */
export async function pickInFileDialog(
  browser: Browser,
  open: () => Promise<void>,
  file: string,
  chooser: 'save' | 'open',
  done?: () => boolean,
): Promise<void> {
  const before = visibleWindows();
  await open();
  let dialog = '';
  await browser.waitUntil(
    async () => {
      // GTK may map helper windows too: the dialog is the new window with a title.
      const fresh = [...visibleWindows()].filter((w) => !before.has(w));
      dialog = fresh.find((w) => windowName(w) !== '') ?? '';
      return dialog !== '';
    },
    { timeout: 10_000, timeoutMsg: `the ${chooser} dialog opens` },
  );
  // GTK maps the window before its name field takes keys.
  await new Promise((r) => setTimeout(r, 1500));
  execFileSync('xdotool', ['windowfocus', '--sync', dialog]);
  execFileSync('xdotool', ['key', '--clearmodifiers', chooser === 'save' ? 'ctrl+a' : 'ctrl+l']);
  execFileSync('xdotool', ['type', '--clearmodifiers', '--delay', '15', file]);
  await new Promise((r) => setTimeout(r, 500));
  execFileSync('xdotool', ['key', '--clearmodifiers', 'Return']);
  if (done) {
    await new Promise((r) => setTimeout(r, 2000));
    if (!done()) execFileSync('xdotool', ['key', 'Return']);
  }
}

export type Typing = { p50: number; p95: number; max: number; warmup: { p50: number; p95: number; max: number } | null; error?: string };

/**
 * Typing latency in the draft editor over `keys` keystrokes (after `warmup` ones, reported apart),
 * measured in the page by its typing hook (`__factdeskTyping`).
 */
export async function measureTyping(run: Running, keys: number, warmup: number): Promise<Typing> {
  const editor = await run.browser.$('[data-testid="draft-editor"] .cm-content');
  await editor.click();
  return (await run.browser.executeAsync(
    (n: number, w: number, done: (r: unknown) => void) => {
      const hook = (window as any).__factdeskTyping;
      if (!hook) return done({ error: 'no typing hook' });
      hook.measure(n, w).then(done, (e: unknown) => done({ error: String(e) }));
    },
    keys,
    warmup,
  )) as Typing;
}

/** "p50 … ms, p95 … ms, max … ms". */
export const typingFigures = (s: { p50: number; p95: number; max: number }) =>
  `p50 ${s.p50.toFixed(1)} ms, p95 ${s.p95.toFixed(1)} ms, max ${s.max.toFixed(1)} ms`;

/** Selects `text` in the editor the way a mouse drag would: a DOM selection CodeMirror reads. */
export async function selectInEditor(run: Running, text: string) {
  const ok = await run.browser.execute((wanted: string) => {
    const content = document.querySelector('[data-testid="draft-editor"] .cm-content');
    if (!content) return false;
    const walker = document.createTreeWalker(content, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node.textContent ?? '').indexOf(wanted);
      if (at >= 0) {
        (content as HTMLElement).focus();
        document.getSelection()?.setBaseAndExtent(node, at, node, at + wanted.length);
        return true;
      }
    }
    return false;
  }, text);
  expect(ok, `"${text}" is in the editor`).toBe(true);
  await run.browser.pause(200);
}
