// The progress of a long command: it appears only once the command has run for the delay, shows
// the stage the shell reports and how far it is, and Cancel (or Esc) asks the shell to stop it,
// which then rejects with code `cancelled` and changes nothing.

import { afterEach, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { mount, unmount } from 'svelte';
import ProgressBar, { BUSY_DELAY_MS } from './ProgressBar.svelte';
import * as ipc from '../ipc';
import { FakeDesk } from '../../test/fakeBackend';

let undo: (() => void) | null = null;
afterEach(() => {
  undo?.();
  undo = null;
});

function renderBar(fake: FakeDesk) {
  fake.install();
  const target = document.createElement('div');
  document.body.append(target);
  const bar = mount(ProgressBar, { target });
  undo = () => {
    void unmount(bar);
    target.remove();
    fake.uninstall();
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const bar = () => document.querySelector('[data-testid="progress"]');

test('a long backup shows its stage after the delay, and Cancel stops it with nothing made', async () => {
  const fake = new FakeDesk();
  fake.slow.set('backup_desk', { steps: 40, stepMs: 50, stage: 'Copying the desk' });
  renderBar(fake);
  const started = performance.now();
  const pending = ipc.backupDesk().then(
    () => null,
    (e: unknown) => ipc.toAppError(e),
  );
  await sleep(BUSY_DELAY_MS - 200);
  expect(bar(), 'nothing flashes before the delay').toBeNull();
  await expect.element(page.getByTestId('progress')).toBeVisible();
  expect(performance.now() - started).toBeGreaterThanOrEqual(BUSY_DELAY_MS);
  await expect.element(page.getByTestId('progress-stage')).toHaveTextContent('Copying the desk');
  const now = Number(page.getByTestId('progress-bar').element().getAttribute('aria-valuenow'));
  expect(now, 'the bar is determinate: the total is known').toBeGreaterThan(0);
  expect(now).toBeLessThan(100);
  await page.getByTestId('progress-cancel').click();
  expect(fake.callsOf('cancel_operation')).toHaveLength(1);
  const error = await pending;
  expect(error?.code).toBe('cancelled');
  expect(fake.backups, 'a cancelled backup makes none').toHaveLength(0);
  await expect.element(page.getByTestId('progress')).not.toBeInTheDocument();
});

test('Esc cancels the running command too', async () => {
  const fake = new FakeDesk();
  fake.slow.set('backup_desk', { steps: 40, stepMs: 50, stage: 'Copying the desk' });
  renderBar(fake);
  const pending = ipc.backupDesk().catch((e: unknown) => ipc.toAppError(e));
  await expect.element(page.getByTestId('progress')).toBeVisible();
  await userEvent.keyboard('{Escape}');
  expect((await pending as { code?: string }).code).toBe('cancelled');
  expect(fake.callsOf('cancel_operation')).toHaveLength(1);
});

test('a command shorter than the delay never shows the bar', async () => {
  const fake = new FakeDesk();
  fake.slow.set('backup_desk', { steps: 4, stepMs: 50, stage: 'Copying the desk' });
  renderBar(fake);
  let seen = false;
  const watch = setInterval(() => {
    seen ||= bar() !== null;
  }, 10);
  await ipc.backupDesk();
  await sleep(BUSY_DELAY_MS + 200);
  clearInterval(watch);
  expect(seen, 'a short backup does not flash a progress bar').toBe(false);
  expect(fake.backups).toHaveLength(1);
});
