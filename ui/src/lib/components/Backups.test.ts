// Settings → Backups: the list with what each backup holds, "Back up now", and a restore that
// asks first and then hands over to the app to reload.

import { afterEach, expect, test, vi } from 'vitest';
import { page } from 'vitest/browser';
import { mount, unmount } from 'svelte';
import BackupsPanel from './BackupsPanel.svelte';
import { cleanupAll, renderApp, sampleDesk } from '../../test/render';
import type { FakeDesk } from '../../test/fakeBackend';

let undo: (() => void) | null = null;
afterEach(() => {
  undo?.();
  undo = null;
  cleanupAll();
});

const byTestId = (id: string) => page.getByTestId(id);

function renderPanel(fake: FakeDesk) {
  fake.install();
  const target = document.createElement('div');
  document.body.append(target);
  const onrestored = vi.fn();
  const onbanner = vi.fn();
  const panel = mount(BackupsPanel, { target, props: { onrestored, onbanner } });
  undo = () => {
    void unmount(panel);
    target.remove();
    fake.uninstall();
  };
  return { onrestored, onbanner };
}

test('the settings list the backups and back up on demand', async () => {
  const { fake } = renderApp(sampleDesk());
  await byTestId('open-settings').click();
  await expect.element(byTestId('backups-empty')).toHaveTextContent('No backups yet');
  await byTestId('backup-now').click();
  await expect.element(byTestId('backup-item')).toBeVisible();
  const counts = `${fake.sources.length} sources · ${fake.claims.length} claims · ${fake.drafts.length} draft`;
  await expect.element(byTestId('backup-item')).toHaveTextContent(counts);
  await expect.element(byTestId('backup-item')).toHaveTextContent('96 kB');
  expect(fake.callsOf('backup_desk')).toHaveLength(1);
});

test('a restore asks first, names the backup, and only then replaces the desk', async () => {
  const fake = sampleDesk();
  fake.backups = [];
  const { onrestored, onbanner } = renderPanel(fake);
  await byTestId('backup-now').click();
  await expect.element(byTestId('backup-item')).toBeVisible();
  const chosen = fake.backups[0]!;

  await byTestId('backup-restore').click();
  await expect.element(byTestId('restore-confirmation')).toHaveTextContent('The desk as it is now is backed up first');
  await byTestId('restore-cancel').click();
  await expect.element(byTestId('restore-confirmation')).not.toBeInTheDocument();
  expect(fake.callsOf('restore_backup')).toHaveLength(0);

  await byTestId('backup-restore').click();
  await byTestId('restore-confirm').click();
  await vi.waitFor(() => expect(onrestored).toHaveBeenCalledTimes(1));
  expect(fake.callsOf('restore_backup')[0]!.args).toEqual({ path: chosen.path });
  expect(onrestored.mock.calls[0]![0].from).toBe(chosen.path);
  expect(onbanner).not.toHaveBeenCalled();
});

test('a failed restore is shown in the banner and nothing is reloaded', async () => {
  const fake = sampleDesk();
  const { onrestored, onbanner } = renderPanel(fake);
  await byTestId('backup-now').click();
  await expect.element(byTestId('backup-item')).toBeVisible();
  fake.failures.set('restore_backup', {
    code: 'desk_locked',
    message: 'another program holds the desk /d/desk.sqlite; Factdesk waited 5 s for it.',
  });
  await byTestId('backup-restore').click();
  await byTestId('restore-confirm').click();
  await vi.waitFor(() => expect(onbanner).toHaveBeenCalledTimes(1));
  expect(onbanner.mock.calls[0]![0].code).toBe('desk_locked');
  expect(onrestored).not.toHaveBeenCalled();
});

test('on a team desk the panel says its server backs it up, and offers no backup of its own', async () => {
  const fake = sampleDesk();
  fake.install();
  const target = document.createElement('div');
  document.body.append(target);
  const onbanner = vi.fn();
  const panel = mount(BackupsPanel, { target, props: { onrestored: vi.fn(), onbanner, team: true } });
  undo = () => {
    void unmount(panel);
    target.remove();
    fake.uninstall();
  };
  await expect.element(byTestId('backups-team')).toHaveTextContent('pg_dump');
  await expect.element(byTestId('backup-now')).not.toBeInTheDocument();
  expect(fake.callsOf('list_backups')).toEqual([]);
  expect(onbanner).not.toHaveBeenCalled();
});
