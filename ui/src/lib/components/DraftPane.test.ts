// Drafting as a writer does it, over the fake desk: claims attached to words, the draft's
// claims listed and summarised, revisions restored, exports written.

import { EditorSelection } from '@codemirror/state';
import { EditorView } from '@codemirror/view';
import { afterEach, describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { cleanupAll, renderApp, sampleDesk } from '../../test/render';

afterEach(() => cleanupAll());

const byTestId = (id: string) => page.getByTestId(id);

function editorView(): EditorView | null {
  const dom = document.querySelector<HTMLElement>('[data-testid="draft-editor"] .cm-editor');
  return dom ? EditorView.findFromDOM(dom) : null;
}

async function openSample() {
  const rendered = renderApp(sampleDesk());
  const { fake } = rendered;
  await expect.element(byTestId('draft-title')).toHaveValue(fake.drafts[0]!.title);
  await expect.poll(() => editorView()?.state.doc.toString()).toBe(fake.drafts[0]!.body);
  const view = editorView()!;
  const [opening, budget] = fake.claims as [(typeof fake.claims)[0], (typeof fake.claims)[0]];
  return { ...rendered, view, opening, budget, draft: fake.drafts[0]! };
}

/** Replaces the text as typing would (a user input transaction). */
function setText(view: EditorView, text: string) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text }, userEvent: 'input.type' });
}

function select(view: EditorView, words: string) {
  const from = view.state.doc.toString().indexOf(words);
  expect(from).toBeGreaterThanOrEqual(0);
  view.dispatch({ selection: EditorSelection.single(from, from + words.length) });
}

const attr = (testid: string, name: string) =>
  [...document.querySelectorAll(`[data-testid="${testid}"]`)].map((el) => el.getAttribute(name));

describe('attaching a claim', () => {
  test('creates the claim and its evidence from the selection and wraps it with the new id', async () => {
    const { fake, view } = await openSample();
    const relay = fake.sources[1]!;
    setText(view, '# Rail line\n\nRidership doubled in May.\n');
    select(view, 'doubled in May');

    await byTestId('attach-claim').click();
    await expect.element(byTestId('claim-picker')).toBeVisible();
    await expect.element(byTestId('picker-search')).toHaveFocus();
    await byTestId('picker-confidence').selectOptions('reported');
    await byTestId('picker-as-of').fill('2025-05');
    await byTestId('picker-source').selectOptions(relay.id);
    await byTestId('picker-quote').fill('Ridership rose 102% in May.');
    await byTestId('picker-create').click();

    await expect.element(byTestId('claim-picker')).not.toBeInTheDocument();
    expect(fake.callsOf('add_claim').map((c) => c.args)).toEqual([
      { input: { text: 'doubled in May', confidence: 'reported', as_of: '2025-05', status: null, topics: [], settled: false } },
    ]);
    const created = fake.claims.at(-1)!;
    expect(fake.callsOf('link_evidence').map((c) => c.args)).toEqual([
      {
        input: {
          claim: created.id,
          source: relay.id,
          quote: 'Ridership rose 102% in May.',
          locator: null,
          stance: 'supports',
          translated_by: null,
          original_quote: null,
        },
      },
    ]);
    expect(view.state.doc.toString()).toBe(`# Rail line\n\nRidership [doubled in May]{claim=${created.id}}.\n`);
    // The new claim is known to the editor: tinted by its confidence, not marked unknown.
    await expect
      .poll(() => view.contentDOM.querySelector(`[data-claim-id="${created.id}"]`)?.className)
      .toContain('cm-claim-reported');
  });

  test('Ctrl+Shift+K finds an existing claim as you type and Enter attaches it', async () => {
    const { view, budget } = await openSample();
    setText(view, 'The project ran over budget twice.');
    select(view, 'ran over budget twice');
    view.focus();

    await userEvent.keyboard('{Control>}{Shift>}K{/Shift}{/Control}');
    await expect.element(byTestId('claim-picker')).toBeVisible();
    expect(attr('picker-item', 'data-id')).toHaveLength(2);
    await userEvent.keyboard('budget');
    await expect.poll(() => attr('picker-item', 'data-id')).toEqual([budget.id]);
    await userEvent.keyboard('{Enter}');

    await expect.element(byTestId('claim-picker')).not.toBeInTheDocument();
    expect(view.state.doc.toString()).toBe(`The project [ran over budget twice]{claim=${budget.id}}.`);
  });

  test('clicking a claim attaches it; Escape closes the picker and changes nothing', async () => {
    const { view, opening, fake } = await openSample();
    setText(view, 'Trains start in June.');
    select(view, 'start in June');
    await byTestId('attach-claim').click();
    await userEvent.keyboard('{Escape}');
    await expect.element(byTestId('claim-picker')).not.toBeInTheDocument();
    expect(view.state.doc.toString()).toBe('Trains start in June.');

    await byTestId('attach-claim').click();
    await page.getByTestId('picker-item').filter({ hasText: 'opens in June 2025' }).click();
    expect(view.state.doc.toString()).toBe(`Trains [start in June]{claim=${opening.id}}.`);
    expect(fake.callsOf('add_claim')).toHaveLength(0);
  });

  test('detach removes the span markup and keeps the words', async () => {
    const { view, draft } = await openSample();
    expect(draft.body).toContain('{claim=');
    await expect.element(byTestId('detach-claim')).toBeDisabled();
    view.dispatch({ selection: { anchor: view.state.doc.toString().indexOf('line opens') } });

    await byTestId('detach-claim').click();
    expect(view.state.doc.toString()).toBe('# Rail line\n\nThe new line opens in June.\n');
  });
});

describe('spans in the editor', () => {
  test('hovering a span shows its claim: text, confidence, as-of, outlets; and can detach it', async () => {
    const { view, opening } = await openSample();
    await expect.poll(() => view.contentDOM.querySelector('.cm-claim-confirmed')).toBeTruthy();
    await userEvent.hover(view.contentDOM.querySelector<HTMLElement>('.cm-claim-confirmed')!);

    const tip = byTestId('span-tooltip');
    await expect.element(tip).toBeVisible();
    await expect.element(tip).toHaveTextContent(opening.text);
    await expect.element(tip.getByTestId('confidence-chip')).toHaveTextContent('confirmed');
    await expect.element(tip).toHaveTextContent('as of 2025-03');
    await expect.element(tip.getByTestId('tooltip-sources')).toHaveTextContent('Sources: Ministry of Transport, Daily Courier');

    await tip.getByTestId('tooltip-detach').click();
    expect(view.state.doc.toString()).toBe('# Rail line\n\nThe new line opens in June.\n');
  });

  test('an unknown id is marked in the text and in its tooltip', async () => {
    const { view } = await openSample();
    setText(view, 'A [ghost fact]{claim=01JCNOSUCHCLAIM} here.');
    view.dispatch({ selection: { anchor: view.state.doc.length } });
    const span = view.contentDOM.querySelector<HTMLElement>('[data-claim-id="01JCNOSUCHCLAIM"]')!;
    expect(span.className).toContain('cm-claim-unknown');
    await userEvent.hover(span);
    await expect.element(byTestId('span-tooltip')).toHaveTextContent('Unknown claim');
  });
});

describe('the claims in this draft', () => {
  test('are listed in document order with sources and written warnings, and summarised', async () => {
    const { view, opening, budget } = await openSample();
    setText(
      view,
      `서울 🚇 [비용]{claim=${budget.id}} then [ghost]{claim=01JCUNKNOWN} and \`[code]{claim=${opening.id}}\` ` +
        `and [opens in June]{claim=${opening.id}} and [again]{claim=${budget.id}}.`,
    );

    await expect.poll(() => attr('draft-claim-item', 'data-id')).toEqual([budget.id, '01JCUNKNOWN', opening.id, budget.id]);
    const items = page.getByTestId('draft-claim-item');
    await expect.element(items.nth(0).getByTestId('claim-warning')).toHaveTextContent('No supporting source');
    await expect.element(items.nth(0).getByTestId('confidence-chip')).toHaveTextContent('unverified');
    await expect.element(items.nth(1).getByTestId('claim-warning')).toHaveTextContent('Unknown claim id');
    await expect.element(items.nth(2)).toHaveTextContent('opens in June');
    await expect.element(items.nth(2).getByTestId('claim-source-count')).toHaveTextContent('2 sources');
    expect(items.nth(2).getByTestId('claim-warning').query()).toBeNull();
    await expect.element(items.nth(0)).toHaveTextContent('비용');

    // Distinct claims: one confirmed, one unverified (twice in the text), one unknown.
    const level = (l: string) => document.querySelector(`[data-testid="summary-level"][data-level="${l}"]`);
    expect(level('confirmed')?.getAttribute('data-count')).toBe('1');
    expect(level('unverified')?.getAttribute('data-count')).toBe('1');
    expect(level('reported')?.getAttribute('data-count')).toBe('0');
    expect(level('unknown')?.textContent).toContain('unknown 1');
    await expect.element(byTestId('confidence-summary')).toHaveTextContent('confirmed 1');
    expect(attr('summary-segment', 'title')).toEqual(['confirmed: 1', 'unverified: 1', 'unknown: 1']);
  });

  test('clicking one scrolls the editor to its span and selects it', async () => {
    const { view, opening } = await openSample();
    const filler = Array.from({ length: 120 }, (_, i) => `Paragraph ${i} 한국어 👍 filler text.`).join('\n\n');
    setText(view, `${filler}\n\nAt the end, [the line opens]{claim=${opening.id}} for real.`);
    view.dispatch({ selection: { anchor: 0 }, scrollIntoView: true });
    await expect.poll(() => attr('draft-claim-item', 'data-id')).toEqual([opening.id]);
    expect(view.scrollDOM.scrollTop).toBe(0);

    await byTestId('draft-claim-item').click();
    const sel = view.state.selection.main;
    expect(view.state.sliceDoc(sel.from, sel.to)).toBe('the line opens');
    await expect.poll(() => view.scrollDOM.scrollTop).toBeGreaterThan(1000);
    const box = view.scrollDOM.getBoundingClientRect();
    const at = view.coordsAtPos(sel.from)!;
    expect(at.top).toBeGreaterThanOrEqual(box.top);
    expect(at.bottom).toBeLessThanOrEqual(box.bottom);
  });
});

describe('revisions', () => {
  test('lists the saves, previews one read-only, and restores it into the editor', async () => {
    const { fake, view, draft } = await openSample();
    const original = draft.body;
    setText(view, '# Rail line\n\nRewritten entirely.\n');

    await byTestId('open-revisions').click(); // saves first, so the list has the latest
    await expect.poll(() => attr('revision-item', 'data-seq').length).toBe(2);
    const [newest, oldest] = attr('revision-item', 'data-seq').map(Number) as [number, number];
    expect(newest).toBeGreaterThan(oldest);
    await expect.element(page.getByTestId('revision-item').nth(1)).toHaveTextContent('9 words');

    await page.getByTestId('revision-item').nth(1).click();
    await expect.element(byTestId('revision-preview')).toHaveTextContent('The new line opens in June');
    expect(byTestId('revision-preview').element().tagName).toBe('PRE'); // text, not an editor
    await byTestId('restore-revision').click();

    await expect.poll(() => fake.callsOf('restore_revision').map((c) => c.args)).toEqual([{ id: draft.id, seq: oldest }]);
    await expect.poll(() => editorView()?.state.doc.toString()).toBe(original);
    await expect.poll(() => attr('revision-item', 'data-seq').length).toBe(3);
    await expect.element(page.getByTestId('revision-item').first()).toHaveTextContent(`restored from #${oldest}`);
    await expect.element(byTestId('save-status')).toHaveTextContent('Saved');
  });
});

describe('closing the window', () => {
  test('saves what was just typed at once', async () => {
    const { fake, view, draft } = await openSample();
    const original = draft.body;
    view.focus();
    view.dispatch({ selection: { anchor: view.state.doc.length } });
    await userEvent.keyboard('Last words');
    window.dispatchEvent(new Event('beforeunload'));
    await expect.poll(() => fake.callsOf('update_draft').length, { timeout: 500 }).toBe(1);
    expect(fake.drafts[0]!.body).toBe(`${original}Last words`);
  });
});

describe('export', () => {
  test('saves pending typing, calls export_draft with the format, and shows the path', async () => {
    const { fake, view, draft } = await openSample();
    setText(view, `${draft.body}One more line.\n`);

    await byTestId('export-draft').click();
    await byTestId('export-footnotes').click();
    await expect.element(byTestId('export-status')).toHaveTextContent('Exported to /home/writer/exports/draft.md');
    expect(fake.callsOf('export_draft').map((c) => c.args)).toEqual([{ id: draft.id, format: 'footnotes', publish: false }]);
    const order = fake.calls.map((c) => c.cmd).filter((c) => c === 'update_draft' || c === 'export_draft');
    expect(order).toEqual(['update_draft', 'export_draft']);
    expect(fake.drafts[0]!.body).toContain('One more line.');

    fake.drafting.exportPath = null;
    await byTestId('export-draft').click();
    await byTestId('export-pandoc').click();
    await expect.element(byTestId('export-status')).toHaveTextContent('Export cancelled');
    expect(fake.callsOf('export_draft').at(-1)!.args).toEqual({ id: draft.id, format: 'pandoc', publish: false });

    fake.failNext('export_draft', { code: 'io', message: 'disk full' });
    await byTestId('export-draft').click();
    await byTestId('export-pandoc').click();
    await expect.element(byTestId('error-banner')).toHaveTextContent('disk full');
  });
});

describe('two writers on one draft', () => {
  test('a save over someone else’s newer text keeps both and says so until dismissed', async () => {
    const { fake, view, draft } = await openSample();
    const mine = `${draft.body}My new paragraph.\n`;
    fake.drafting.saveAs('Joon', draft.id, 'Joon rewrote the opening.\n');
    const theirs = fake.drafts[0]!.revision;
    setText(view, mine);
    view.focus();
    await userEvent.keyboard('{Control>}s{/Control}');

    const notice = byTestId('save-conflict');
    await expect.element(notice).toHaveTextContent(`Joon saved this draft`);
    await expect.element(notice).toHaveTextContent(`kept as revision #${theirs}`);
    expect(fake.drafting.revisions.map((r) => r.body).slice(-2)).toEqual([
      'Joon rewrote the opening.\n',
      mine,
    ]);
    await byTestId('conflict-revisions').click();
    await expect.element(byTestId('revision-list')).toHaveTextContent(`#${theirs} by Joon`);
    await byTestId('close-revisions').click();
    await byTestId('conflict-dismiss').click();
    await expect.element(notice).not.toBeInTheDocument();
  });
});

describe('what we know', () => {
  test('inserts the core’s block at the cursor (bytes → editor positions), with the chosen format', async () => {
    const { fake, view, opening } = await openSample();
    const text = '# 시즌 2\n\nIntro.\n\nLater.\n';
    setText(view, text);
    const cursor = text.indexOf('Intro.') + 'Intro.'.length;
    view.dispatch({ selection: EditorSelection.single(cursor) });
    const utf8 = (s: string) => new TextEncoder().encode(s).length;
    const block = `\n\n[what-we-know]: #what-we-know "sections draft 0011223344556677"\n\n## Confirmed\n\n- [It opens.]{claim=${opening.id}} (as of 2025-05; 1 source)\n\n[what-we-know-end]: #what-we-know`;
    fake.drafting.whatWeKnow = { start: utf8(text.slice(0, cursor)), end: utf8(text.slice(0, cursor)), text: block, replaced: false, entries: 1 };

    await byTestId('what-we-know-menu').click();
    await byTestId('what-we-know-format').selectOptions('sections');
    await byTestId('insert-what-we-know').click();

    await expect.element(byTestId('what-we-know-status')).toHaveTextContent('Inserted (1 claim)');
    expect(fake.callsOf('what_we_know').map((c) => c.args)).toEqual([
      { body: text, cursor: utf8(text.slice(0, cursor)), request: { topic: null, format: 'sections' } },
    ]);
    expect(view.state.doc.toString()).toBe(text.slice(0, cursor) + block + text.slice(cursor));
    // Saved through the normal path, like typing.
    await expect.poll(() => fake.drafts[0]!.body).toBe(view.state.doc.toString());
  });

  test('replaces the block already there and passes a topic; an error reaches the banner', async () => {
    const { fake, view } = await openSample();
    const text = 'Top.\n\n[what-we-know]: #what-we-know "table draft 00"\n\nold\n\n[what-we-know-end]: #what-we-know\n\nEnd.\n';
    setText(view, text);
    const start = text.indexOf('[what-we-know]');
    const end = text.indexOf('\n\nEnd.');
    const fresh = '[what-we-know]: #what-we-know "table topic:rail 99"\n\nnew\n\n[what-we-know-end]: #what-we-know';
    fake.drafting.whatWeKnow = { start, end, text: fresh, replaced: true, entries: 3 };
    await byTestId('what-we-know-menu').click();
    await byTestId('what-we-know-topic').fill('rail');
    await byTestId('insert-what-we-know').click();
    await expect.element(byTestId('what-we-know-status')).toHaveTextContent('Regenerated (3 claims)');
    expect(fake.callsOf('what_we_know').at(-1)!.args.request).toEqual({ topic: 'rail', format: 'table' });
    expect(view.state.doc.toString()).toBe(`Top.\n\n${fresh}\n\nEnd.\n`);

    fake.drafting.whatWeKnow = null;
    await byTestId('what-we-know-menu').click();
    await byTestId('insert-what-we-know').click();
    await expect.element(page.getByText('the draft cites no claim')).toBeVisible();
    expect(view.state.doc.toString()).toBe(`Top.\n\n${fresh}\n\nEnd.\n`);
  });
});
