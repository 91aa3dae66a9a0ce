// The IPC seam: the command names and argument shapes of docs/ipc.md, and one error shape.

import { afterEach, expect, test } from 'vitest';
import { clearMocks, mockIPC } from '@tauri-apps/api/mocks';
import * as ipc from './ipc';

afterEach(() => clearMocks());

test('sends each command with the argument names the shell expects', async () => {
  const seen: Array<[string, unknown]> = [];
  mockIPC((cmd, args) => {
    seen.push([cmd, args]);
    return null;
  });
  const input = { title: 'T', body: 'B' };
  await ipc.getSource('01AB');
  await ipc.updateDraft('01CD', input, 'pause', 7);
  await ipc.unlinkEvidence('01EF');
  const marks = [{ phase: 'bundle' as const, at: 1_700_000_000_123.5 }];
  await ipc.appReady(marks);
  await ipc.appEditable(marks);
  expect(seen).toEqual([
    ['get_source', { id: '01AB' }],
    ['update_draft', { id: '01CD', input, reason: 'pause', baseRevision: 7 }],
    ['unlink_evidence', { id: '01EF' }],
    ['app_ready', { marks }],
    ['app_editable', { marks }],
  ]);
});

test('a structured rejection arrives as an AppError with its field', async () => {
  mockIPC(() => {
    throw { code: 'invalid', message: 'published: "2025-13-45" is not a date', field: 'published' };
  });
  await expect(ipc.countSources({ outlet: null })).rejects.toEqual({
    code: 'invalid',
    message: 'published: "2025-13-45" is not a date',
    field: 'published',
  });
});

test('a bare string or Error rejection becomes an internal AppError without a field', async () => {
  mockIPC(() => Promise.reject('command desk_info not allowed'));
  await expect(ipc.deskInfo()).rejects.toEqual({ code: 'internal', message: 'command desk_info not allowed' });

  mockIPC(() => {
    throw new Error('boom');
  });
  await expect(ipc.deskInfo()).rejects.toEqual({ code: 'internal', message: 'boom' });
});
