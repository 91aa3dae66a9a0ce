// A team desk in the page: the "Open team desk…" dialog places the shell's refusals (a URL with a
// password, the server away) where the writer looks, the calm line while the desk is away comes
// and goes with the shell's events, and bursts of changes are re-read without piling up.

import { afterEach, expect, test } from 'vitest';
import { mount, unmount, flushSync } from 'svelte';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import TeamDeskDialog from './TeamDeskDialog.svelte';
import TeamOffline from './TeamOffline.svelte';
import type { AppError } from '../bindings/AppError';
import type { DeskInfo } from '../bindings/DeskInfo';
import type { TeamChanges } from '../bindings/TeamChanges';
import { TeamLive } from '../team.svelte';

let undo: (() => void)[] = [];
afterEach(() => {
  for (const u of undo) u();
  undo = [];
  clearMocks();
});

function place<P extends Record<string, unknown>>(component: any, props: P): HTMLElement {
  const target = document.createElement('div');
  document.body.append(target);
  const c = mount(component, { target, props });
  undo.push(() => {
    void unmount(c);
    target.remove();
  });
  return target;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const q = (root: HTMLElement, id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

// As core words them (crates/core/src/team/address.rs, team/mod.rs).
const PASSWORD: AppError = {
  code: 'invalid',
  field: 'url',
  message:
    'url: holds a password; Factdesk never keeps one: leave it out of the URL and put it in ~/.pgpass (or the file PGPASSFILE names)',
};
const AWAY: AppError = {
  code: 'database',
  message:
    'the team desk factdesk on db.example as mina cannot be reached (error connecting to server: Connection refused); a change it did not acknowledge was not saved. Check that its PostgreSQL server is running, then run the command again',
};
const OPENED: DeskInfo = {
  path: '',
  empty: false,
  actor: 'mina',
  team: { database: 'factdesk', host: 'db.example', login: 'mina', role: 'writer' },
};

async function typeAndOpen(root: HTMLElement, url: string) {
  const input = q(root, 'team-desk-url') as HTMLInputElement;
  input.value = url;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  q(root, 'team-desk-open')!.click();
  await sleep(30);
  flushSync();
}

test('a blank URL is refused beside the field, without asking the shell', async () => {
  const calls: string[] = [];
  mockIPC((cmd) => {
    calls.push(cmd);
  });
  const root = place(TeamDeskDialog, { onopened: () => undefined, onclose: () => undefined });
  await typeAndOpen(root, '   ');
  expect(q(root, 'error-url')?.textContent).toContain('is required');
  expect(calls, 'nothing was sent').toEqual([]);
});

test("the shell's refusal of a password shows beside the URL, and nothing opens", async () => {
  const sent: unknown[] = [];
  let opened = 0;
  mockIPC((cmd, args) => {
    sent.push({ cmd, args });
    if (cmd === 'open_team_desk') throw PASSWORD;
  });
  const root = place(TeamDeskDialog, { onopened: () => (opened += 1), onclose: () => undefined });
  await typeAndOpen(root, 'postgres://mina:hunter2@db.example/factdesk');
  expect(sent).toEqual([{ cmd: 'open_team_desk', args: { url: 'postgres://mina:hunter2@db.example/factdesk' } }]);
  const beside = q(root, 'error-url')?.textContent ?? '';
  expect(beside).toContain('holds a password');
  expect(beside).toContain('~/.pgpass');
  expect(beside.startsWith('url:'), 'the field is named by place, not by prefix').toBe(false);
  expect(q(root, 'team-desk-url')?.getAttribute('aria-invalid')).toBe('true');
  expect(q(root, 'team-desk-error'), 'no second message under the form').toBeNull();
  expect(opened).toBe(0);
});

test('a server that cannot be reached is said under the form; a good URL opens the desk', async () => {
  let reachable = false;
  const opened: DeskInfo[] = [];
  mockIPC((cmd) => {
    if (cmd !== 'open_team_desk') return undefined;
    if (!reachable) throw AWAY;
    return OPENED;
  });
  const root = place(TeamDeskDialog, { onopened: (info: DeskInfo) => opened.push(info), onclose: () => undefined });
  await typeAndOpen(root, 'postgres://mina@db.example/factdesk');
  const error = q(root, 'team-desk-error');
  expect(error?.dataset.code).toBe('database');
  expect(error?.textContent).toContain('cannot be reached');
  expect(q(root, 'error-url')).toBeNull();

  reachable = true;
  await typeAndOpen(root, 'postgres://mina@db.example/factdesk');
  expect(opened).toEqual([OPENED]);
});

test('the calm line names the desk while it is away, says what is not saved, and goes once back', async () => {
  const live = new TeamLive(async () => undefined);
  const root = place(TeamOffline, {
    get offline() {
      return live.offline;
    },
  });
  expect(q(root, 'team-offline')).toBeNull();
  await live.connection({ connected: false, desk: 'the team desk factdesk on db.example as mina', reason: 'the server closed the connection' });
  flushSync();
  const line = q(root, 'team-offline')!;
  expect(line.getAttribute('role'), 'a status, not an alert or a dialog').toBe('status');
  expect(line.textContent).toContain('The team desk factdesk on db.example as mina cannot be reached');
  expect(line.textContent).toContain('changes you make are not saved until it is back');
  await live.connection({ connected: true, desk: 'the team desk factdesk on db.example as mina', reason: null });
  flushSync();
  expect(q(root, 'team-offline')).toBeNull();
});

test('bursts arriving during a re-read fold into one more; the desk coming back re-reads all', async () => {
  const reads: (TeamChanges | null)[] = [];
  let release: () => void = () => undefined;
  const live = new TeamLive(async (batch) => {
    reads.push(batch);
    if (reads.length === 1) await new Promise<void>((r) => (release = r));
  });
  const burst = (id: string): TeamChanges => ({ changes: [{ table: 'claims', id, op: 'insert', actor: 'mina' }], overflowed: false });
  const first = live.changed(burst('A'));
  void live.changed(burst('B'));
  void live.changed(burst('C'));
  release();
  await first;
  expect(reads.map((r) => r?.changes.map((c) => c.id))).toEqual([['A'], ['B', 'C']]);

  await live.connection({ connected: false, desk: 'the team desk factdesk', reason: 'gone' });
  expect(live.offline?.reason).toBe('gone');
  await live.connection({ connected: true, desk: 'the team desk factdesk', reason: null });
  expect(live.offline).toBeNull();
  expect(reads.at(-1), 'back: everything is re-read').toBeNull();
});
