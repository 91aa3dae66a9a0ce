// The autosave's guarantees that are hard to see through the UI: one save per quiet spell, and
// edits made while a save is in flight are saved after it, never lost.

import { afterEach, expect, test } from 'vitest';
import { FakeDesk } from '../test/fakeBackend';
import { DraftSession } from './draft.svelte';

let fake: FakeDesk;
afterEach(() => fake.uninstall());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function open(delayMs: number): DraftSession {
  fake = new FakeDesk().install();
  const draft = fake.addDraft({ title: 'T', body: '' });
  const session = new DraftSession(() => {}, delayMs);
  session.open(draft);
  return session;
}

test('a burst of edits is saved once, with the last text', async () => {
  const session = open(80);
  for (const body of ['a', 'ab', 'abc']) {
    session.edit({ body });
    await sleep(20);
  }
  expect(session.status).toBe('dirty');
  await expect.poll(() => session.status).toBe('saved');
  expect(fake.callsOf('update_draft').map((c) => c.args.input)).toEqual([{ title: 'T', body: 'abc' }]);
});

test('an edit made during a save is saved after it', async () => {
  const session = open(50);
  fake.latencyMs = 150;
  session.edit({ body: 'first' });
  await expect.poll(() => session.status).toBe('saving');
  session.edit({ body: 'second' });
  await expect.poll(() => fake.callsOf('update_draft').length, { timeout: 2000 }).toBe(2);
  await expect.poll(() => session.status).toBe('saved');
  expect(fake.callsOf('update_draft').map((c) => (c.args.input as { body: string }).body)).toEqual(['first', 'second']);
  expect(fake.drafts[0]!.body).toBe('second');
});

test('flush saves at once and does nothing when clean', async () => {
  const session = open(10_000);
  await session.flush();
  expect(fake.callsOf('update_draft')).toHaveLength(0);
  session.edit({ title: 'New title' });
  await session.flush();
  expect(fake.callsOf('update_draft').map((c) => c.args.input)).toEqual([{ title: 'New title', body: '' }]);
  expect(session.status).toBe('saved');
});

test('the editor text is read when needed, not per keystroke, and a flush saves the latest', async () => {
  const session = open(10_000);
  let text = '';
  let reads = 0;
  const read = () => {
    reads += 1;
    return text;
  };
  for (const t of ['a', 'ab', 'abc']) {
    text = t;
    session.editBody(read);
  }
  expect(reads).toBe(0);
  expect(session.dirty).toBe(true);
  expect(session.status).toBe('dirty');

  await session.flush();
  expect(reads).toBe(1);
  expect(fake.callsOf('update_draft').map((c) => c.args.input)).toEqual([{ title: 'T', body: 'abc' }]);
  expect(session.dirty).toBe(false);
});

test('body catches up with the editor once typing pauses, before any save', async () => {
  const session = open(10_000);
  session.editBody(() => 'typed');
  expect(session.body).toBe('');
  await expect.poll(() => session.body, { timeout: 1000 }).toBe('typed');
  expect(fake.callsOf('update_draft')).toHaveLength(0);
});
