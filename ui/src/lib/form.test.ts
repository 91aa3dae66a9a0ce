// The form controller on its own: dirty, busy, where an error goes, and what a save leaves clean.

import { describe, expect, test } from 'vitest';
import type { AppError } from './bindings/AppError';
import { Form, Unsaved } from './form.svelte';

const FIELDS = ['title', 'published'] as const;

function titled(title = 'Budget report') {
  const banner: AppError[] = [];
  const form = new Form({ title, published: '' }, FIELDS, (e) => banner.push(e));
  return { form, banner };
}

describe('a form', () => {
  test('is clean as loaded, dirty once a value changes, clean again when changed back', () => {
    const { form } = titled();
    expect(form.dirty).toBe(false);
    form.values.title = 'Budget report, revised';
    expect(form.dirty).toBe(true);
    form.values.title = 'Budget report';
    expect(form.dirty).toBe(false);
  });

  test('a save makes it clean and hands on what the desk returned', async () => {
    const { form } = titled();
    form.values.title = 'Budget report, revised';
    let saved: string | null = null;
    const ok = await form.submit(async (v) => `stored: ${v.title}`, { done: (r) => void (saved = r) });
    expect(ok).toBe(true);
    expect(saved).toBe('stored: Budget report, revised');
    expect(form.dirty).toBe(false);
  });

  test('what is typed while a save runs stays unsaved', async () => {
    const { form } = titled();
    form.values.title = 'First';
    let release = () => {};
    const pending = form.submit(() => new Promise<void>((r) => (release = r)));
    expect(form.busy).toBe(true);
    form.values.title = 'Second';
    release();
    await pending;
    expect(form.busy).toBe(false);
    expect(form.dirty).toBe(true);
  });

  test('runs one submit at a time', async () => {
    const { form } = titled();
    let calls = 0;
    let release = () => {};
    const first = form.submit(() => {
      calls += 1;
      return new Promise<void>((r) => (release = r));
    });
    expect(await form.submit(async () => void (calls += 1))).toBe(false);
    release();
    await first;
    expect(calls).toBe(1);
  });

  test('an error naming one of its fields stays beside it; any other goes to the banner too', async () => {
    const { form, banner } = titled();
    const dated: AppError = { code: 'invalid', field: 'published', message: 'published: "2025-13" is not a date' };
    await form.submit(() => Promise.reject(dated));
    expect(form.error).toEqual(dated);
    expect(form.invalid('published')).toBe(true);
    expect(form.invalid('title')).toBeUndefined();
    expect(banner).toEqual([]);
    expect(form.dirty).toBe(false);

    const locked: AppError = { code: 'database', message: 'database is locked' };
    await form.submit(() => Promise.reject(locked));
    expect(banner).toEqual([locked]);
    expect(form.invalid('published')).toBeUndefined();
  });

  test('a failed check stops the submit before the desk is asked', async () => {
    const { form } = titled('');
    let asked = false;
    const ok = await form.submit(async () => void (asked = true), {
      check: (v) => (v.title === '' ? { code: 'invalid', field: 'title', message: 'a title' } : null),
    });
    expect(ok).toBe(false);
    expect(asked).toBe(false);
    expect(form.invalid('title')).toBe(true);
  });

  test('a failed save keeps the typed values and dirty', async () => {
    const { form } = titled();
    form.values.title = 'Typed';
    await form.submit(() => Promise.reject({ code: 'conflict', field: 'title', message: 'changed meanwhile' }));
    expect(form.values.title).toBe('Typed');
    expect(form.dirty).toBe(true);
  });

  test('reset takes new values as clean and clears the error; bare, it goes back to the first values', async () => {
    const { form } = titled();
    await form.submit(() => Promise.reject({ code: 'invalid', field: 'title', message: 'no' }));
    form.reset({ title: 'From the desk', published: '2025' });
    expect(form.values).toEqual({ title: 'From the desk', published: '2025' });
    expect(form.dirty).toBe(false);
    expect(form.error).toBeNull();
    form.reset();
    expect(form.values.title).toBe('Budget report');
    expect(form.dirty).toBe(false);
  });
});

describe('leaving unsaved changes', () => {
  test('nothing dirty: leaving asks nothing', async () => {
    const unsaved = new Unsaved();
    const { form } = titled();
    unsaved.watch(form);
    expect(await unsaved.leave()).toBe(true);
    expect(unsaved.asking).toBeNull();
  });

  test('a dirty form asks; the answer decides', async () => {
    const unsaved = new Unsaved();
    const { form } = titled();
    const stop = unsaved.watch(form);
    form.values.title = 'Typed';

    const kept = unsaved.leave();
    expect(unsaved.asking).not.toBeNull();
    unsaved.answer(false);
    expect(await kept).toBe(false);
    expect(unsaved.asking).toBeNull();

    const dropped = unsaved.leave();
    unsaved.answer(true);
    expect(await dropped).toBe(true);

    // A form no longer on screen is not asked about.
    stop();
    expect(await unsaved.leave()).toBe(true);
  });
});
