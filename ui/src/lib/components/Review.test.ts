// The review panel as an editor uses it: findings as the writer types, fixes, sign-off, and the
// publication gate. The whole app in a real Chromium, over the fake desk.

import { afterEach, describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import type { FakeDesk } from '../../test/fakeBackend';
import { cleanupAll, renderApp, sampleDesk } from '../../test/render';

afterEach(() => cleanupAll());

const byTestId = (id: string) => page.getByTestId(id);

const kinds = () =>
  [...document.querySelectorAll('[data-testid="finding-item"]')].map((el) => el.getAttribute('data-kind'));
const editorText = () => byTestId('draft-editor').element().querySelector('.cm-content')!.textContent;

/** The sample desk with its draft open and the review panel showing. */
async function openReview(fake: FakeDesk = sampleDesk()) {
  const rendered = renderApp(fake);
  await expect.element(byTestId('draft-title')).toHaveValue(fake.drafts[0]!.title);
  await byTestId('open-review').click();
  await expect.element(byTestId('review-panel')).toBeVisible();
  return rendered;
}

async function typeAtEnd(text: string) {
  byTestId('draft-editor').element().querySelector<HTMLElement>('.cm-content')!.focus();
  await userEvent.keyboard('{Control>}{End}{/Control}');
  await userEvent.keyboard(text);
}

describe('findings', () => {
  test('list each finding with its severity in words, kind, place and suggestion, and follow the typing', async () => {
    const { fake } = await openReview();
    const budget = fake.claims[1]!; // no evidence
    await expect.element(byTestId('findings-none')).toHaveTextContent('No findings');
    const before = fake.callsOf('update_draft').length;

    // `[[` and `{{` type one bracket each.
    await typeAtEnd(`Cost: [[it doubled]{{claim=${budget.id}}. <b>`);
    const typed = performance.now();
    const body = `${fake.drafts[0]!.body}Cost: [it doubled]{claim=${budget.id}}. <b>`;

    await expect.poll(() => kinds(), { timeout: 3000 }).toEqual(['unsourced-claim', 'raw-html']);
    expect(performance.now() - typed).toBeGreaterThanOrEqual(300);
    // Debounced: one save (which answers with the findings) for the burst, not one per key, and
    // it saw the latest text.
    const checks = fake.callsOf('update_draft').slice(before);
    expect(checks.length).toBeLessThan(5);
    expect((checks.at(-1)!.args.input as { body: string }).body).toEqual(body);

    const error = page.getByTestId('finding-item').filter({ hasText: 'unsourced-claim' });
    await expect.element(error.getByTestId('finding-severity')).toHaveTextContent('✖ Error');
    await expect.element(error.getByTestId('finding-where')).toHaveTextContent('line 4:7');
    await expect.element(error.getByTestId('finding-message')).toHaveTextContent(`“${budget.text}” has no supporting evidence`);
    await expect.element(error.getByTestId('finding-suggestion')).toHaveTextContent('link a source that supports it');
    const warning = page.getByTestId('finding-item').filter({ hasText: 'raw-html' });
    await expect.element(warning.getByTestId('finding-severity')).toHaveTextContent('▲ Warning');
    await expect.element(byTestId('findings-count')).toHaveTextContent('1 error, 1 warning');

    // The same findings are underlined in the editor, on their words (the span's syntax is hidden).
    const underlined = () =>
      [...document.querySelectorAll<HTMLElement>('[data-testid="draft-editor"] .cm-finding')].map((el) => [
        el.getAttribute('data-finding-kind'),
        el.innerText,
      ]);
    await expect.poll(underlined).toEqual([
      ['unsourced-claim', 'it doubled'],
      ['raw-html', '<b>'],
    ]);

    // Deleting the markup clears its finding after the next pause.
    await userEvent.keyboard('{Backspace}{Backspace}{Backspace}');
    await expect.poll(() => kinds(), { timeout: 3000 }).toEqual(['unsourced-claim']);
    expect((fake.callsOf('update_draft').at(-1)!.args.input as { body: string }).body).toEqual(body.slice(0, -3));
  });

  test('clicking a finding puts the cursor on it; its fix rewrites the span', async () => {
    const fake = sampleDesk();
    const old = fake.claims[0]!;
    const newer = fake.addClaim({ text: 'The line opens in July 2025.', confidence: 'reported', as_of: '2025-05', status: null, topics: [], settled: false });
    Object.assign(old, { status: 'superseded', superseded_by: newer.id });
    await openReview(fake);

    const item = page.getByTestId('finding-item').filter({ hasText: 'superseded-claim' });
    await expect.element(item).toBeVisible();
    await item.getByTestId('finding-message').click();
    await expect.poll(() => document.getSelection()?.toString()).toBe(`[The new line opens in June]{claim=${old.id}}`);

    await item.getByTestId('apply-fix').click();
    await expect.poll(editorText).toContain(`[The new line opens in June]{claim=${newer.id}}`);
    expect(editorText()).not.toContain(old.id);
    // The fixed text is checked again; the new claim has no evidence yet.
    await expect.poll(() => kinds(), { timeout: 3000 }).toEqual(['unsourced-claim']);
    await expect.element(page.getByTestId('finding-item').getByTestId('finding-message')).toHaveTextContent(newer.text);
  });

  test('a finding about a claim opens its provenance', async () => {
    const fake = sampleDesk();
    const budget = fake.claims[1]!;
    fake.drafts[0]!.body += `\n[It cost double]{claim=${budget.id}}.\n`;
    await openReview(fake);

    await page.getByTestId('finding-item').filter({ hasText: 'unsourced-claim' }).getByTestId('open-provenance').click();
    await expect.element(byTestId('provenance-panel')).toHaveAttribute('data-claim', budget.id);
    await expect.element(byTestId('provenance-claim')).toHaveTextContent(budget.text);
    // Nothing on the record: the most the evidence bears is the writer's own analysis (issue 10).
    await expect.element(byTestId('suggested-confidence')).toHaveTextContent('speculation');
    await expect.element(byTestId('suggestion-reason')).toHaveTextContent("the writer's own analysis");
  });
});

describe('sign-off', () => {
  test('lists each claim of the draft as pending, and saving a state shows who approved it', async () => {
    const { fake } = await openReview();
    const claim = fake.claims[0]!;
    const item = page.getByTestId('review-item');
    await expect.element(item).toHaveAttribute('data-claim', claim.id);
    await expect.element(item.getByTestId('review-status')).toHaveTextContent('Pending');
    await expect.element(item).toHaveTextContent(claim.text);

    await item.getByTestId('review-state').selectOptions('approved');
    await item.getByTestId('review-comment').fill('Checked against the press release.');
    await item.getByTestId('review-save').click();

    await expect.poll(() => fake.callsOf('set_review').length).toBe(1);
    expect(fake.callsOf('set_review')[0]!.args).toEqual({
      draft: fake.drafts[0]!.id,
      claim: claim.id,
      review: 'approved',
      comment: 'Checked against the press release.',
    });
    await expect.element(item.getByTestId('review-status')).toHaveTextContent('Approved');
    await expect.element(item.getByTestId('review-by')).toHaveTextContent('Approved by tester on');
    await expect.element(item.getByTestId('review-by')).toHaveTextContent('“Checked against the press release.”');
    await expect.element(byTestId('signoff-count')).toHaveTextContent('1 of 1 approved');
  });

  test('asking for changes without a comment puts the error beside the comment', async () => {
    const { fake } = await openReview();
    const item = page.getByTestId('review-item');

    await item.getByTestId('review-state').selectOptions('changes-requested');
    await item.getByTestId('review-save').click();

    await expect.element(item.getByTestId('error-comment')).toHaveTextContent('say what is wrong when the state is changes-requested');
    await expect.element(item.getByTestId('review-comment')).toHaveAttribute('aria-invalid', 'true');
    const field = item.getByTestId('review-comment').element().closest('.field');
    expect(field?.contains(item.getByTestId('error-comment').element())).toBe(true);
    await expect.element(byTestId('error-banner')).not.toBeInTheDocument();
    await expect.element(item.getByTestId('review-status')).toHaveTextContent('Pending');
    expect(fake.review.reviews.size).toBe(0);
  });

  test('follows the saved draft: a claim attached while writing joins the list', async () => {
    const { fake } = await openReview();
    const budget = fake.claims[1]!;
    await expect.poll(() => document.querySelectorAll('[data-testid="review-item"]').length).toBe(1);

    await typeAtEnd(`[[Over budget]{{claim=${budget.id}}`);
    await userEvent.keyboard('{Control>}s{/Control}');

    await expect
      .poll(() => [...document.querySelectorAll('[data-testid="review-item"]')].map((el) => el.getAttribute('data-claim')))
      .toEqual([fake.claims[0]!.id, budget.id]);
  });
});

describe('publication', () => {
  test('a draft that is not ready lists what blocks it, each with its claim’s words, and no banner', async () => {
    const { fake } = await openReview();
    const claim = fake.claims[0]!;
    fake.failNext('export_draft', {
      code: 'not_ready',
      message: 'not ready for publication: (the lines are in details)',
      details: {
        blockers: [
          { claim: null, claim_text: null, line: 3, reason: 'malformed-span: this span names no claim: claim= has no id' },
          { claim: claim.id, claim_text: claim.text, line: 5, reason: `retracted-claim: “${claim.text}” is retracted` },
          { claim: claim.id, claim_text: claim.text, line: null, reason: `claim ${claim.id} is pending, not approved` },
        ],
      },
    });

    await byTestId('export-publication').click();

    await expect.element(byTestId('publication-blockers')).toBeVisible();
    const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="publication-blocker"]')];
    expect(rows.map((el) => el.textContent!.replace(/\s+/g, ' ').trim())).toEqual([
      'Line 3: malformed-span: this span names no claim: claim= has no id',
      `Line 5: retracted-claim: “${claim.text}” is retracted ${claim.text}`,
      `claim ${claim.id} is pending, not approved ${claim.text}`,
    ]);
    expect(rows.map((el) => el.dataset.claimId ?? null)).toEqual([null, claim.id, claim.id]);
    expect(rows[1]!.querySelector('[data-testid="blocker-claim-text"]')!.textContent).toBe(claim.text);
    expect(fake.callsOf('export_draft').at(-1)!.args).toEqual({ id: fake.drafts[0]!.id, format: 'footnotes', publish: true });
    await expect.element(byTestId('error-banner')).not.toBeInTheDocument();
    await expect.element(byTestId('publication-path')).not.toBeInTheDocument();
  });

  test('the provenance report is saved first, then its path is shown', async () => {
    const { fake } = await openReview();
    await typeAtEnd('More.');

    await byTestId('export-report').click();

    await expect.element(byTestId('report-path')).toHaveTextContent('Provenance report written to /tmp/report-provenance.md');
    const cmds = fake.calls.map((c) => c.cmd);
    expect(cmds.lastIndexOf('update_draft')).toBeLessThan(cmds.lastIndexOf('export_report'));
    expect(fake.callsOf('export_report')[0]!.args).toEqual({ id: fake.drafts[0]!.id });
    expect(fake.drafts[0]!.body.endsWith('More.')).toBe(true);
  });

  test('a cancelled save dialog says nothing was written', async () => {
    const { fake } = await openReview();
    fake.review.reportPath = null;
    await byTestId('export-report').click();
    await expect.element(byTestId('report-path')).toHaveTextContent('nothing was written');
    await expect.element(byTestId('report-path')).not.toHaveTextContent('/tmp');
  });
});
