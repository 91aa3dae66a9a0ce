// The autosave's guarantees that are hard to see through the UI: one save per quiet spell, and
// edits made while a save is in flight are saved after it, never lost.

import { afterEach, expect, test } from 'vitest';
import { FakeDesk } from '../test/fakeBackend';
import { DraftSession } from './draft.svelte';

let fake: FakeDesk;
afterEach(() => fake.uninstall());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function open(delayMs: number, typingMs?: number): DraftSession {
  fake = new FakeDesk().install();
  const draft = fake.addDraft({ title: 'T', body: '' });
  const session = new DraftSession(() => {}, delayMs, typingMs);
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

test('typing that never pauses is saved every so often, as a typing save', async () => {
  const session = open(100, 250);
  for (let i = 1; i <= 14; i += 1) {
    session.edit({ body: 'x'.repeat(i) });
    await sleep(40);
  }
  const reasons = fake.callsOf('update_draft').map((c) => c.args.reason);
  expect(reasons.length).toBeGreaterThanOrEqual(1);
  expect(reasons.every((r) => r === 'typing')).toBe(true);
  // The pause after the last keystroke saves as a pause.
  session.edit({ body: 'x'.repeat(15) });
  await expect.poll(() => fake.drafts[0]!.body).toBe('x'.repeat(15));
  expect(fake.callsOf('update_draft').at(-1)!.args.reason).toBe('pause');
});

test('each save is based on the revision the last one returned', async () => {
  const session = open(10_000);
  const first = fake.drafts[0]!.revision;
  session.edit({ body: 'one' });
  await session.flush();
  session.edit({ body: 'one two' });
  await session.flush('explicit');
  const calls = fake.callsOf('update_draft').map((c) => [c.args.reason, c.args.baseRevision]);
  expect(calls).toEqual([
    ['pause', first],
    ['explicit', fake.drafts[0]!.revision - 1],
  ]);
  expect(session.conflict).toBeNull();
});

test('a save after someone else saved keeps both and shows who, until dismissed', async () => {
  const session = open(10_000);
  fake.drafting.saveAs('Joon', fake.drafts[0]!.id, 'their text');
  const theirs = fake.drafts[0]!.revision;
  session.edit({ body: 'my text' });
  await session.flush();
  expect(session.conflict).toMatchObject({ their_revision: theirs, their_actor: 'Joon' });
  expect(fake.drafting.revisions.map((r) => r.body)).toEqual(['', 'their text', 'my text']);
  // The next save is based on the text just saved: no new notice, the old one stays.
  session.edit({ body: 'my text, more' });
  await session.flush();
  expect(fake.callsOf('update_draft').at(-1)!.args.baseRevision).toBe(theirs + 1);
  expect(session.conflict).not.toBeNull();
  session.dismissConflict();
  expect(session.conflict).toBeNull();
});

test('a change made on the team desk replaces saved text, never text the writer has not saved', () => {
  const session = open(10_000);
  const draft = fake.drafts[0]!;
  const newer = { ...draft, body: 'their text', revision: draft.revision + 1 };
  expect(session.remoteChanged({ ...draft }), 'the same revision changes nothing').toBe(false);

  session.edit({ body: 'my unsaved text' });
  expect(session.remoteChanged(newer), 'unsaved text is kept: the next save meets the conflict').toBe(false);
  expect(session.body).toBe('my unsaved text');
  expect(session.dirty).toBe(true);

  session.open(draft);
  expect(session.remoteChanged(newer)).toBe(true);
  expect(session.body).toBe('their text');
});
