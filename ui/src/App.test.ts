// What a writer checks on the desk, in a real Chromium, over a fake backend.

import { afterEach, describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { flushSync } from 'svelte';
import { requestFirstScreen } from './lib/firstScreen';
import { FakeDesk } from './test/fakeBackend';
import { cleanupAll, renderApp, sampleDesk } from './test/render';

afterEach(() => cleanupAll());

const byTestId = (id: string) => page.getByTestId(id);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function ids(testid: string): string[] {
  return [...document.querySelectorAll(`[data-testid="${testid}"]`)].map(
    (el) => el.getAttribute('data-id') ?? '',
  );
}

function fieldErrors(): string[] {
  return [...document.querySelectorAll('[data-testid^="error-"]:not([data-testid="error-banner"])')].map(
    (el) => el.getAttribute('data-testid') ?? '',
  );
}

describe('start-up', () => {
  test('one call brings the lists, their counts, the drafts, the settings and the latest draft', async () => {
    const { fake } = renderApp(sampleDesk());
    const draft = fake.drafts[0]!;

    await expect.element(byTestId('draft-title')).toHaveValue(draft.title);
    // The editor's lines, joined: the whole (short) draft is on screen.
    const shown = () => byTestId('draft-editor').element().querySelector('.cm-content')?.textContent;
    await expect.poll(shown).toBe(draft.body.replaceAll('\n', ''));
    await expect.poll(() => ids('source-item')).toEqual(fake.sources.map((s) => s.id).reverse());
    expect(ids('claim-item')).toEqual(fake.claims.map((c) => c.id).reverse());
    await expect.element(byTestId('sources-count')).toHaveTextContent(String(fake.sources.length));
    await expect.element(byTestId('claims-count')).toHaveTextContent(String(fake.claims.length));
    // The settings came too: the header names the profile, or asks for one.
    await expect.element(byTestId('profile')).toHaveTextContent(/\S/);
    await expect.element(byTestId('open-settings')).toBeEnabled();

    // Everything above is on screen after one round trip; the draft's analysis follows it.
    const reads = ['desk_info', 'list_sources_page', 'count_sources', 'list_claims_page', 'count_claims',
      'list_drafts', 'get_settings', 'get_draft', 'first_screen'];
    expect(fake.calls.map((c) => c.cmd).filter((cmd) => reads.includes(cmd))).toEqual(['first_screen']);
    expect(fake.callsOf('first_screen')[0]!.args).toEqual({ limit: 50 });
  });
});

describe('the first frame', () => {
  test('asked for before mounting, as main.ts does, the desk is in the very first render', async () => {
    const fake = sampleDesk();
    fake.install();
    await requestFirstScreen();
    renderApp(fake);
    flushSync();
    // No wait between mounting and these checks: what the first layout lays out holds the desk.
    expect(ids('source-item')).toEqual(fake.sources.map((s) => s.id).reverse());
    expect(ids('claim-item')).toEqual(fake.claims.map((c) => c.id).reverse());
    expect(byTestId('claims-count').element().textContent).toBe(String(fake.claims.length));
    expect(ids('draft-item')).toEqual([fake.drafts[0]!.id]);
    // The early answer served the desk: it did not ask again.
    expect(fake.callsOf('first_screen')).toHaveLength(1);
    await expect.element(byTestId('draft-title')).toHaveValue(fake.drafts[0]!.title);
  });
});

describe('the lists', () => {
  test('show every source and claim of the desk, newest first', async () => {
    const { fake } = renderApp(sampleDesk());

    await expect.poll(() => ids('source-item')).toEqual(fake.sources.map((s) => s.id).reverse());
    expect(ids('claim-item')).toEqual(fake.claims.map((c) => c.id).reverse());
    await expect.element(byTestId('sources-list')).toHaveTextContent('Rail line to open in June');
    await expect.element(byTestId('claims-list')).toHaveTextContent('The line cost twice its budget.');
  });

  test('each claim carries a chip naming its confidence', async () => {
    const { fake } = renderApp(sampleDesk());
    await expect.poll(() => ids('claim-item').length).toBe(fake.claims.length);
    const chipOf = (text: RegExp) =>
      page.getByTestId('claim-item').filter({ hasText: text }).getByTestId('confidence-chip');

    await expect.element(chipOf(/opens in June/)).toHaveTextContent('confirmed');
    await expect.element(chipOf(/twice its budget/)).toHaveTextContent('unverified');
  });

  test('the filter narrows both lists, ignoring case, and finds ids by prefix', async () => {
    const { fake } = renderApp(sampleDesk());
    await expect.poll(() => ids('source-item').length).toBe(3);
    const filter = byTestId('filter');

    await filter.fill('COURIER');
    await expect.poll(() => ids('source-item')).toEqual([fake.sources[1]!.id]);
    expect(ids('claim-item')).toEqual([]);
    await expect.element(byTestId('claims-list')).toHaveTextContent('No claim matches the filter.');

    await filter.fill('okafor'); // an author
    await expect.poll(() => ids('source-item')).toEqual([fake.sources[2]!.id]);

    await filter.fill('budget');
    await expect.poll(() => ids('claim-item')).toEqual([fake.claims[1]!.id]);
    expect(ids('source-item')).toEqual([]);

    const claimId = fake.claims[0]!.id;
    await filter.fill(claimId.toLowerCase());
    await expect.poll(() => ids('claim-item')).toEqual([claimId]);
    expect(ids('source-item')).toEqual([]);

    await filter.fill('01js'); // the fake's source ids share this prefix, its claim ids do not
    await expect.poll(() => ids('source-item').length).toBe(3);
    expect(ids('claim-item')).toEqual([]);

    await filter.fill('');
    await expect.poll(() => ids('claim-item').length).toBe(2);
  });
});

describe('the source form', () => {
  test('adds a source with the typed values, lists it and shows its relay chain', async () => {
    const { fake } = renderApp(sampleDesk());
    const relay = fake.sources[1]!;
    await expect.poll(() => ids('source-item').length).toBe(3);

    await byTestId('new-source').click();
    await byTestId('source-title').fill('Council minutes, 4 March');
    await byTestId('source-outlet').fill('City Council');
    await byTestId('source-author').fill('  Clerk of the council ');
    await byTestId('source-url').fill('https://example.org/minutes');
    await byTestId('source-published').fill('2025-03-04');
    await byTestId('source-accessed').fill('2025-03-05');
    await byTestId('source-language').fill('en-GB');
    await byTestId('source-kind').selectOptions('official');
    await byTestId('source-reliability').selectOptions('high');
    await byTestId('source-via').selectOptions(relay.id);
    await byTestId('source-kept-text').fill('Item 4: the line opens in June.');
    await byTestId('source-save').click();

    await expect.poll(() => fake.callsOf('add_source').length).toBe(1);
    expect(fake.callsOf('add_source')[0]!.args).toEqual({
      input: {
        title: 'Council minutes, 4 March',
        outlet: 'City Council',
        author: 'Clerk of the council',
        url: 'https://example.org/minutes',
        published: '2025-03-04',
        accessed: '2025-03-05',
        language: 'en-GB',
        kind: 'official',
        reliability: 'high',
        via: relay.id,
        kept_text: 'Item 4: the line opens in June.',
        notes: null,
      },
    });
    const created = fake.sources[3]!;
    await expect.poll(() => ids('source-item')[0]).toBe(created.id);
    await expect.element(byTestId('sources-list')).toHaveTextContent('Council minutes, 4 March');
    await expect
      .element(byTestId('relay-chain'))
      .toHaveTextContent(
        'via Rail line to open in June (Daily Courier), citing Ministry of Transport press release (Ministry of Transport)',
      );
  });

  test('a date the desk rejects is shown beside Published and nowhere else', async () => {
    const { fake } = renderApp(sampleDesk());
    await expect.poll(() => ids('source-item').length).toBe(3);

    await byTestId('new-source').click();
    await byTestId('source-title').fill('A misdated page');
    await byTestId('source-published').fill('2025-13-45');
    await byTestId('source-save').click();

    await expect.element(byTestId('error-published')).toHaveTextContent('"2025-13-45" is not a date');
    await expect.element(byTestId('source-published')).toHaveAttribute('aria-invalid', 'true');
    expect(fieldErrors()).toEqual(['error-published']);
    await expect.element(byTestId('error-banner')).not.toBeInTheDocument();
    expect(byTestId('source-title').element().getAttribute('aria-invalid')).toBeNull();
    // The error sits inside Published's own field, after its input.
    const field = byTestId('source-published').element().closest('.field');
    expect(field?.contains(byTestId('error-published').element())).toBe(true);
    expect(fake.sources).toHaveLength(3);

    // Fixing the date clears the message and saves.
    await byTestId('source-published').fill('2025-12');
    await byTestId('source-save').click();
    await expect.poll(() => fake.sources.length).toBe(4);
    await expect.element(byTestId('error-published')).not.toBeInTheDocument();
  });

  test('an error about no field appears in the banner', async () => {
    const { fake } = renderApp(sampleDesk());
    await expect.poll(() => ids('source-item').length).toBe(3);
    fake.failNext('add_source', { code: 'database', message: 'database is locked' });

    await byTestId('new-source').click();
    await byTestId('source-title').fill('Anything');
    await byTestId('source-save').click();

    await expect.element(byTestId('error-banner')).toHaveTextContent('database is locked');
    expect(fieldErrors()).toEqual([]);
  });
});

describe('the claim form', () => {
  test('puts a bad as-of date beside its input, then adds the claim with its chip', async () => {
    const { fake } = renderApp(sampleDesk());
    await expect.poll(() => ids('claim-item').length).toBe(2);

    await byTestId('new-claim').click();
    await byTestId('claim-text').fill('Ridership doubled in the first month.');
    await byTestId('claim-confidence').selectOptions('corroborated');
    await byTestId('claim-as-of').fill('2025-02-30');
    await byTestId('claim-status').selectOptions('disputed');
    await byTestId('claim-topics').fill('transport, ridership,, ');
    await byTestId('claim-save').click();

    await expect.element(byTestId('error-as_of')).toHaveTextContent('"2025-02-30" is not a date');
    await expect.element(byTestId('claim-as-of')).toHaveAttribute('aria-invalid', 'true');
    expect(fieldErrors()).toEqual(['error-as_of']);

    await byTestId('claim-as-of').fill('2025-02');
    // A settled fact (it never goes stale) is one tick in the form.
    await byTestId('claim-settled').click();
    await byTestId('claim-save').click();
    await expect.poll(() => fake.claims.length).toBe(3);
    expect(fake.callsOf('add_claim').at(-1)!.args).toEqual({
      input: {
        text: 'Ridership doubled in the first month.',
        confidence: 'corroborated',
        as_of: '2025-02',
        status: 'disputed',
        topics: ['transport', 'ridership'],
        settled: true,
      },
    });
    const item = page.getByTestId('claim-item').filter({ hasText: 'Ridership doubled' });
    await expect.element(item.getByTestId('confidence-chip')).toHaveTextContent('corroborated');
  });

  test('a claim someone else changed meanwhile is not overwritten: the form says so and reloads theirs', async () => {
    const { fake } = renderApp(sampleDesk());
    const claim = fake.claims[0]!;
    await expect.poll(() => ids('claim-item').length).toBe(2);
    await page.getByTestId('claim-item').nth(ids('claim-item').indexOf(claim.id)).click();
    await expect.element(byTestId('claim-text')).toHaveValue(claim.text);

    // Another editor saves a new text while this form is open.
    fake.updateClaim(claim.id, claim.version, {
      text: 'Their newer wording.',
      confidence: claim.confidence,
      as_of: claim.as_of,
      status: claim.status,
      topics: claim.topics,
      settled: claim.settled,
    });
    await byTestId('claim-text').fill('My own wording.');
    await byTestId('claim-save').click();

    await expect.element(byTestId('conflict')).toBeVisible();
    await expect.element(byTestId('error-text')).toHaveTextContent('Their newer wording.');
    expect(fake.claims[0]!.text).toBe('Their newer wording.');

    await byTestId('conflict-reload').click();
    await expect.element(byTestId('claim-text')).toHaveValue('Their newer wording.');
    await expect.element(byTestId('conflict')).not.toBeInTheDocument();
  });

  test('links a source as evidence, shows it under the claim, and unlinks it', async () => {
    const { fake } = renderApp(sampleDesk());
    const claim = fake.claims[1]!; // no evidence yet
    const relay = fake.sources[1]!; // relays the ministry's press release
    await expect.poll(() => ids('claim-item').length).toBe(2);

    await page.getByTestId('claim-item').filter({ hasText: 'twice its budget' }).click();
    await expect.element(byTestId('claim-text')).toHaveValue(claim.text);
    expect(document.querySelectorAll('[data-testid="evidence-item"]')).toHaveLength(0);

    await byTestId('link-source').selectOptions(relay.id);
    await byTestId('link-quote').fill('The budget was exceeded twice over.');
    await byTestId('link-locator').fill('para 7');
    await byTestId('link-stance').selectOptions('contradicts');
    await byTestId('link-translated-by').fill('Léa Martin');
    await byTestId('link-original-quote').fill('Le budget a doublé.');
    await byTestId('link-save').click();

    await expect.poll(() => fake.callsOf('link_evidence').length).toBe(1);
    expect(fake.callsOf('link_evidence')[0]!.args).toEqual({
      input: {
        claim: claim.id,
        source: relay.id,
        quote: 'The budget was exceeded twice over.',
        locator: 'para 7',
        stance: 'contradicts',
        translated_by: 'Léa Martin',
        original_quote: 'Le budget a doublé.',
        first_party: false,
      },
    });
    const item = byTestId('claim-evidence').getByTestId('evidence-item');
    await expect.element(item).toHaveTextContent('Rail line to open in June (Daily Courier)');
    await expect.element(item.getByTestId('evidence-stance')).toHaveTextContent('contradicts');
    await expect.element(item.getByTestId('evidence-quote')).toHaveTextContent('The budget was exceeded twice over.');
    await expect.element(item.getByTestId('evidence-translation')).toHaveTextContent('Translated by Léa Martin');
    await expect.element(item.getByTestId('relay-chain')).toHaveTextContent('via Ministry of Transport press release');

    await item.getByTestId('unlink-evidence').click();
    await expect.poll(() => fake.callsOf('unlink_evidence').length).toBe(1);
    await expect.element(item).not.toBeInTheDocument();
    expect(fake.evidence.filter((e) => e.claim_id === claim.id)).toHaveLength(0);
  });
});

describe('an empty desk', () => {
  test('offers the sample, and loading it fills the lists and opens its draft', async () => {
    const { fake } = renderApp(new FakeDesk());

    await expect.element(byTestId('empty-desk')).toBeVisible();
    await expect.element(byTestId('load-sample')).toHaveTextContent('Open the sample desk');
    expect(ids('source-item')).toEqual([]);

    await byTestId('load-sample').click();

    await expect.poll(() => ids('source-item').length).toBe(3);
    expect(ids('claim-item')).toHaveLength(2);
    expect(fake.callsOf('load_sample')).toHaveLength(1);
    await expect.element(byTestId('empty-desk')).not.toBeInTheDocument();
    await expect.element(byTestId('draft-title')).toHaveValue('Rail line: what we know');
    await expect.element(byTestId('draft-editor')).toHaveTextContent('The new line opens in June');
    expect(ids('draft-item')).toEqual([fake.drafts[0]!.id]);
  });

  test('is not offered once the desk has something in it', async () => {
    renderApp(sampleDesk());
    await expect.poll(() => ids('source-item').length).toBe(3);
    await expect.element(byTestId('empty-desk')).not.toBeInTheDocument();
  });
});

describe('the draft', () => {
  async function openSampleDraft() {
    const rendered = renderApp(sampleDesk());
    const draft = rendered.fake.drafts[0]!;
    await expect.element(byTestId('draft-title')).toHaveValue(draft.title);
    await expect.element(byTestId('save-status')).toHaveTextContent('Saved');
    return { ...rendered, original: draft.body };
  }

  async function typeAtEnd(text: string) {
    await byTestId('draft-editor').element().querySelector<HTMLElement>('.cm-content')!.focus();
    await userEvent.keyboard('{Control>}{End}{/Control}');
    await userEvent.keyboard(text);
  }

  test('autosaves half a second after typing stops, once, with the latest body', async () => {
    const { fake, original } = await openSampleDraft();
    const draftId = fake.drafts[0]!.id;
    const base = fake.drafts[0]!.revision;

    await typeAtEnd('Trains run hourly.');
    const stopped = performance.now();
    await expect.element(byTestId('save-status')).toHaveTextContent('Unsaved changes');

    await sleep(250);
    expect(fake.callsOf('update_draft')).toHaveLength(0);

    await expect.poll(() => fake.callsOf('update_draft').length, { timeout: 3000, interval: 20 }).toBe(1);
    expect(performance.now() - stopped).toBeGreaterThanOrEqual(450);
    expect(fake.callsOf('update_draft')[0]!.args).toEqual({
      id: draftId,
      input: { title: 'Rail line: what we know', body: `${original}Trains run hourly.` },
      reason: 'pause',
      baseRevision: base,
    });
    await expect.element(byTestId('save-status')).toHaveTextContent('Saved');

    await sleep(1300);
    expect(fake.callsOf('update_draft')).toHaveLength(1);
  });

  test('leaving the title saves it, and Ctrl+S saves the body at once', async () => {
    const { fake, original } = await openSampleDraft();

    await byTestId('draft-title').fill('Rail line opens in June');
    await typeAtEnd('More soon.'); // focusing the editor leaves the title
    await expect.element(byTestId('save-status')).toHaveTextContent('Unsaved changes');
    const pressed = performance.now();
    await userEvent.keyboard('{Control>}s{/Control}');

    await expect.poll(() => fake.callsOf('update_draft').length, { timeout: 600, interval: 20 }).toBe(2);
    expect(performance.now() - pressed).toBeLessThan(800);
    expect(fake.callsOf('update_draft').map((c) => c.args.input)).toEqual([
      { title: 'Rail line opens in June', body: original },
      { title: 'Rail line opens in June', body: `${original}More soon.` },
    ]);
    expect(fake.callsOf('update_draft').map((c) => c.args.reason)).toEqual(['pause', 'explicit']);
    expect(fake.callsOf('update_draft')[1]!.args.baseRevision).toBe(fake.drafts[0]!.revision - 1);
    await expect.element(byTestId('save-status')).toHaveTextContent('Saved');
    await expect.element(byTestId('drafts-list')).toHaveTextContent('Rail line opens in June');
  });

  test('starting a new draft first saves the open one, then opens the new one empty', async () => {
    const { fake, original } = await openSampleDraft();
    const first = fake.drafts[0]!.id;
    const base = fake.drafts[0]!.revision;

    await typeAtEnd('Last words.');
    await byTestId('new-draft').click();

    await expect.poll(() => ids('draft-item').length).toBe(2);
    // (`analyse_draft` asks for the analysis of each draft opened, by id; the first draft came
    // with the first screen, see 'start-up'.)
    expect(fake.calls.map((c) => c.cmd).filter((cmd) => cmd.endsWith('_draft') && cmd !== 'analyse_draft')).toEqual([
      'update_draft',
      'add_draft',
    ]);
    expect(fake.callsOf('update_draft')[0]!.args).toEqual({
      id: first,
      input: { title: 'Rail line: what we know', body: `${original}Last words.` },
      reason: 'pause',
      baseRevision: base,
    });
    await expect.element(byTestId('draft-title')).toHaveValue('Untitled draft');
    await expect.element(byTestId('draft-editor')).not.toHaveTextContent('Last words.');
    expect(ids('draft-item')[0]).toBe(fake.drafts[1]!.id);
  });

  test('a failed save says so in the status line', async () => {
    const { fake } = await openSampleDraft();
    fake.failNext('update_draft', { code: 'io', message: 'disk full' });

    await typeAtEnd('x');
    await userEvent.keyboard('{Control>}s{/Control}');

    await expect.element(byTestId('save-status')).toHaveTextContent('Not saved: disk full');
  });
});

describe('keyboard', () => {
  test('Ctrl+Shift+S opens a new source form and / focuses the filter', async () => {
    renderApp(sampleDesk());
    await expect.poll(() => ids('source-item').length).toBe(3);
    (document.activeElement as HTMLElement | null)?.blur();

    await userEvent.keyboard('/');
    await expect.element(byTestId('filter')).toHaveFocus();
    expect(byTestId('filter').element()).toHaveProperty('value', '');

    await userEvent.keyboard('{Control>}{Shift>}S{/Shift}{/Control}');
    await expect.element(byTestId('source-form')).toBeVisible();
    await expect.element(byTestId('source-title')).toHaveFocus();
    await expect.element(byTestId('new-source')).toHaveAttribute('title', 'New source (Ctrl+Shift+S)');
  });
});
