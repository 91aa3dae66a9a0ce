// The left pane on a desk too big to show at once: only the rows in view are in the DOM, the
// lists page from the desk as they scroll, counts come from the desk, and the filter asks the
// desk's search once typing pauses.

import { afterEach, describe, expect, test } from 'vitest';
import { page } from 'vitest/browser';
import { FakeDesk } from '../../test/fakeBackend';
import { cleanupAll, renderApp } from '../../test/render';

afterEach(() => cleanupAll());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function ids(testid: string): string[] {
  return [...document.querySelectorAll(`[data-testid="${testid}"]`)].map((el) => el.getAttribute('data-id') ?? '');
}

/** A desk of `n` claims and `n` sources, added oldest first. */
function bigDesk(n: number): FakeDesk {
  const fake = new FakeDesk();
  for (let i = 0; i < n; i++) {
    fake.addSource({
      title: `Source number ${i}`, outlet: null, author: null, url: null, published: null, accessed: null,
      language: null, kind: null, reliability: null, via: null, kept_text: null, notes: null,
    });
    fake.addClaim({ text: `Claim number ${i}`, confidence: 'reported', as_of: null, status: null, topics: [], settled: false });
  }
  return fake;
}

function scrollToEnd(testid: string): void {
  const box = document.querySelector(`[data-testid="${testid}"]`)!;
  box.scrollTop = box.scrollHeight;
  box.dispatchEvent(new Event('scroll'));
}

describe('the virtual lists', () => {
  test('render only the rows in view, newest first, with the desk counts in the headers', async () => {
    const { fake } = renderApp(bigDesk(500));
    await expect.poll(() => ids('claim-item').length).toBeGreaterThan(0);
    expect(ids('claim-item')[0]).toBe(fake.claims[499]!.id);
    expect(ids('source-item')[0]).toBe(fake.sources[499]!.id);
    expect(ids('claim-item').length, 'a screenful, not the 50 loaded nor the 500 held').toBeLessThan(30);
    expect(ids('source-item').length).toBeLessThan(30);
    await expect.element(page.getByTestId('claims-count')).toHaveTextContent('500');
    await expect.element(page.getByTestId('sources-count')).toHaveTextContent('500');
    // The first page of each list comes with the first screen's one call, and nothing more.
    expect(fake.callsOf('first_screen').map((c) => c.args), 'one page asked for at start').toEqual([{ limit: 50 }]);
    expect(fake.callsOf('list_claims_page')).toEqual([]);
  });

  test('scrolling to the end loads the next page by cursor and shows its rows', async () => {
    const { fake } = renderApp(bigDesk(120));
    await expect.poll(() => ids('claim-item').length).toBeGreaterThan(0);
    scrollToEnd('claims-list');
    // (The first page came with the first screen.)
    await expect.poll(() => fake.callsOf('list_claims_page').length).toBe(1);
    const second = fake.callsOf('list_claims_page')[0]!.args.query as { after: string | null; limit: number };
    expect(second.after, 'the cursor the first page gave').toBe(`fake:${fake.claims[70]!.id}`);
    // Keep scrolling to the end until the oldest claim shows.
    for (let i = 0; i < 20 && !ids('claim-item').includes(fake.claims[0]!.id); i++) {
      await sleep(50);
      scrollToEnd('claims-list');
    }
    expect(ids('claim-item')).toContain(fake.claims[0]!.id);
    expect(ids('claim-item').length, 'still only a screenful in the DOM').toBeLessThan(30);
    expect(fake.callsOf('list_claims_page').length, 'no page asked for twice').toBe(2);
  });
});

describe('the filter', () => {
  test('asks the desk once typing pauses, with the latest words, and lists its hits', async () => {
    const { fake } = renderApp(bigDesk(60));
    await expect.poll(() => ids('claim-item').length).toBeGreaterThan(0);
    const filter = page.getByTestId('filter');
    const input = filter.element() as HTMLInputElement;
    for (const text of ['n', 'nu', 'num', 'number 4', 'number 42']) {
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await sleep(30);
    }
    expect(fake.callsOf('search'), 'nothing asked while typing').toEqual([]);
    await expect.poll(() => fake.callsOf('search').length).toBe(1);
    expect(fake.callsOf('search')[0]!.args).toEqual({ query: 'number 42', kind: null, limit: 200 });
    await expect.poll(() => ids('claim-item')).toEqual([fake.claims[42]!.id]);
    expect(ids('source-item')).toEqual([fake.sources[42]!.id]);
    const mark = document.querySelector('[data-testid="claims-list"] mark');
    expect(mark?.textContent?.toLowerCase()).toBe('number');
    await expect.element(page.getByTestId('claims-count')).toHaveTextContent('1 found');
  });

  test('a matched word holding markup is shown as text, never as HTML', async () => {
    const fake = new FakeDesk();
    fake.addClaim({ text: 'Cast <img src=x onerror=alert(1)> named', confidence: 'reported', as_of: null, status: null, topics: [], settled: false });
    renderApp(fake);
    await expect.poll(() => ids('claim-item').length).toBe(1);
    await page.getByTestId('filter').fill('<img');
    await expect
      .poll(() => document.querySelector('[data-testid="claims-list"] mark')?.textContent)
      .toBe('<img');
    await expect.element(page.getByTestId('claims-list')).toHaveTextContent('<img src=x onerror=alert(1)>');
    expect(document.querySelector('[data-testid="claims-list"] img')).toBeNull();
  });
});
