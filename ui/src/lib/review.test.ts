// The checks run once the writer pauses, with the text as it stands then.

import { afterEach, expect, test } from 'vitest';
import { FakeDesk } from '../test/fakeBackend';
import { CHECK_DELAY_MS, ReviewStore } from './review.svelte';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let fake: FakeDesk;
afterEach(() => fake.uninstall());

test('a burst of edits is checked once, after the pause, with the latest text', async () => {
  fake = new FakeDesk().install();
  const store = new ReviewStore();
  const started = performance.now();

  store.schedule('T');
  await sleep(100);
  store.schedule('Th');
  await sleep(100);
  store.schedule('The <b>');
  await sleep(CHECK_DELAY_MS - 100);
  expect(fake.callsOf('check_text')).toHaveLength(0);

  await expect.poll(() => fake.callsOf('check_text').length, { interval: 20 }).toBe(1);
  expect(performance.now() - started).toBeGreaterThanOrEqual(200 + CHECK_DELAY_MS);
  expect(fake.callsOf('check_text')[0]!.args).toEqual({ body: 'The <b>' });
  await expect.poll(() => store.findings.map((f) => f.kind)).toEqual(['raw-html']);
  expect(store.checkedBody).toBe('The <b>');

  await sleep(CHECK_DELAY_MS + 100);
  expect(fake.callsOf('check_text')).toHaveLength(1);
});

test('an answer to an older check never replaces a newer one', async () => {
  fake = new FakeDesk().install();
  fake.latencyMs = 150;
  const store = new ReviewStore();

  const older = store.check('<i>'); // answered after 150 ms
  await sleep(50);
  fake.latencyMs = 0;
  const newer = store.check('plain'); // answered at once, before the older one
  await newer;
  expect(store.checkedBody).toBe('plain');
  await older;

  expect(store.checkedBody).toBe('plain');
  expect(store.findings).toEqual([]);
});
