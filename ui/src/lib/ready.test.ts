import { expect, test } from 'vitest';
import { afterTwoFrames } from './ready';

test('runs the callback only after two animation frames', async () => {
  const events: string[] = [];
  afterTwoFrames(() => events.push('ready'));
  requestAnimationFrame(() => events.push('frame 1'));
  expect(events).toEqual([]);
  await new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve())));
  await new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
  expect(events).toEqual(['frame 1', 'ready']);
});
