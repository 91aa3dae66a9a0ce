// One analysis per pause: the draft's text crosses to the desk once when the writer pauses (the
// save, which answers with spans, findings, evidence counts and the confidence summary), and
// every panel shows what that one answer holds. The whole app in a real Chromium, over the fake.

import { afterEach, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { FakeDesk } from '../test/fakeBackend';
import { cleanupAll, renderApp, sampleDesk } from '../test/render';
import { AUTOSAVE_DELAY_MS, DraftSession } from './draft.svelte';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const byTestId = (id: string) => page.getByTestId(id);
const kinds = () =>
  [...document.querySelectorAll('[data-testid="finding-item"]')].map((el) => el.getAttribute('data-kind'));

afterEach(() => cleanupAll());

test('a pause in typing sends the draft once and every panel shows its analysis', async () => {
  const fake = sampleDesk();
  renderApp(fake);
  await expect.element(byTestId('draft-title')).toHaveValue(fake.drafts[0]!.title);
  await byTestId('open-review').click();
  await expect.element(byTestId('review-panel')).toBeVisible();
  await expect.poll(() => document.querySelectorAll('[data-testid="draft-claim-item"]').length).toBeGreaterThan(0);
  const claimItems = document.querySelectorAll('[data-testid="draft-claim-item"]').length;
  const budget = fake.claims[1]!; // no evidence
  const before = fake.calls.length;

  byTestId('draft-editor').element().querySelector<HTMLElement>('.cm-content')!.focus();
  await userEvent.keyboard('{Control>}{End}{/Control}');
  // `[[` and `{{` type one bracket each.
  await userEvent.keyboard(`Cost: [[it doubled]{{claim=${budget.id}}. <b>`);
  const body = `${fake.drafts[0]!.body}Cost: [it doubled]{claim=${budget.id}}. <b>`;

  await expect.poll(() => kinds(), { timeout: 3000 }).toEqual(['unsourced-claim', 'raw-html']);
  await expect.poll(() => document.querySelectorAll('[data-testid="draft-claim-item"]').length).toBe(claimItems + 1);
  await expect
    .element(page.getByTestId('confidence-summary'))
    .toHaveAttribute('data-total', String(new Set(fake.analyse(body).spans.map((s) => s.claim_id)).size));
  await sleep(AUTOSAVE_DELAY_MS + 200);

  const calls = fake.calls.slice(before);
  const carrying = calls.filter((c) => JSON.stringify(c.args).includes('it doubled'));
  expect(carrying.map((c) => c.cmd), 'the text crosses once, in the save').toEqual(['update_draft']);
  expect(carrying[0]!.args.input).toEqual({ title: fake.drafts[0]!.title, body });
  expect(
    calls.map((c) => c.cmd).filter((c) => c !== 'update_draft' && c !== 'list_reviews'),
    'no other call: no separate parse, check, counts or reload of every draft',
  ).toEqual([]);
});

test('an analysis asked for before a save never replaces what the save answered', async () => {
  const fake = new FakeDesk().install();
  try {
    const draft = fake.addDraft({ title: 'T', body: '<i>' });
    const session = new DraftSession(() => {}, 30);
    session.open(draft);
    fake.latencyMs = 150;
    const older = session.analyse(); // of the saved '<i>', answered after 150 ms
    await sleep(20);
    fake.latencyMs = 0;
    session.edit({ body: 'plain' });
    await expect.poll(() => session.analysis?.body).toBe('plain');
    await older;
    expect(session.analysis?.body).toBe('plain');
    expect(session.analysis?.analysis.findings).toEqual([]);
  } finally {
    fake.uninstall();
  }
});
