// The writer's room, in a real Chromium at the app's window size (1280×800) over a fake backend:
// the draft gets the space, the side panes resize and collapse from the keyboard and keep their
// widths, the claims and review sit beside the text, and focus mode leaves only the draft.

import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { page, userEvent } from 'vitest/browser';
import { LAYOUT_KEY, PANES } from './lib/layout.svelte';
import { cleanupAll, renderApp, sampleDesk } from './test/render';

beforeEach(() => localStorage.removeItem(LAYOUT_KEY));
afterEach(() => {
  cleanupAll();
  localStorage.removeItem(LAYOUT_KEY);
});

const byTestId = (id: string) => page.getByTestId(id);
const el = (testid: string) => document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
const rect = (testid: string) => el(testid)!.getBoundingClientRect();
const visible = (testid: string) => {
  const e = el(testid);
  return e !== null && e.getClientRects().length > 0 && e.getBoundingClientRect().width > 0;
};

async function sampleReady() {
  const rendered = renderApp(sampleDesk());
  await expect.element(byTestId('draft-title')).toBeVisible();
  await expect.poll(() => document.querySelector('.cm-line')).toBeTruthy();
  (document.activeElement as HTMLElement | null)?.blur();
  return rendered;
}

/** Lines of text the editor shows at once: its visible text height over one line's height. */
function editorLines(): number {
  const scroller = document.querySelector<HTMLElement>('[data-testid="draft-editor"] .cm-scroller')!;
  const content = document.querySelector<HTMLElement>('[data-testid="draft-editor"] .cm-content')!;
  const style = getComputedStyle(content);
  const lineHeight = parseFloat(getComputedStyle(document.querySelector('.cm-line')!).lineHeight);
  const textHeight = scroller.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
  return Math.floor(textHeight / lineHeight);
}

const valueNow = (pane: string) => Number(el(`splitter-${pane}`)!.getAttribute('aria-valuenow'));

describe('the draft takes the room', () => {
  test('at 1280×800 the editor shows at least 30 lines and over half the width', async () => {
    await sampleReady();
    expect(window.innerWidth, 'the tests run at the window size of tauri.conf.json').toBe(1280);
    expect(window.innerHeight).toBe(800);
    expect(editorLines(), 'lines of text the editor shows').toBeGreaterThanOrEqual(30);
    expect(rect('draft-editor').width, 'editor width with nothing chosen').toBeGreaterThanOrEqual(640);
  });

  test("the draft's claims and the review toggle sit beside the text, not under it", async () => {
    await sampleReady();
    const editor = rect('draft-editor');
    const dock = rect('draft-dock');
    expect(dock.left, 'the dock starts right of the text').toBeGreaterThanOrEqual(editor.right);
    expect(dock.top, 'the dock is level with the text').toBeLessThan(editor.bottom);
    expect(el('draft-dock')!.contains(el('draft-claims')), 'claims in the dock').toBe(true);
    expect(el('draft-dock')!.contains(el('open-review')), 'review in the dock').toBe(true);
  });

  test('the inspector shows once a claim is chosen, beside the draft', async () => {
    await sampleReady();
    expect(visible('pane-right'), 'nothing chosen: no empty pane').toBe(false);
    await byTestId('claim-item').first().click();
    await expect.poll(() => visible('pane-right')).toBe(true);
    expect(rect('pane-right').width).toBe(PANES.right.initial);
    expect(rect('pane-right').left).toBeGreaterThanOrEqual(rect('draft-dock').right);
  });
});

describe('the splitters', () => {
  test('arrow keys resize a pane, Home and End reach its limits, and the value is announced', async () => {
    await sampleReady();
    const splitter = el('splitter-left')!;
    expect(splitter.getAttribute('role')).toBe('separator');
    expect(valueNow('left')).toBe(PANES.left.initial);
    expect(rect('pane-left').width).toBe(PANES.left.initial);

    splitter.focus();
    await userEvent.keyboard('{ArrowRight}');
    expect(valueNow('left')).toBe(PANES.left.initial + 16);
    await userEvent.keyboard('{Shift>}{ArrowRight}{/Shift}');
    expect(valueNow('left')).toBe(PANES.left.initial + 16 + 64);
    await expect.poll(() => rect('pane-left').width).toBe(PANES.left.initial + 80);
    await userEvent.keyboard('{End}');
    expect(valueNow('left')).toBe(PANES.left.max);
    await userEvent.keyboard('{Home}');
    expect(valueNow('left')).toBe(PANES.left.min);
    await userEvent.keyboard('{ArrowLeft}');
    expect(valueNow('left'), 'never below the minimum').toBe(PANES.left.min);
  });

  test('the dock lies right of its bar: ArrowLeft widens it', async () => {
    await sampleReady();
    el('splitter-dock')!.focus();
    await userEvent.keyboard('{ArrowLeft}{ArrowLeft}');
    expect(valueNow('dock')).toBe(PANES.dock.initial + 32);
    await expect.poll(() => rect('draft-dock').width).toBe(PANES.dock.initial + 32);
  });

  test('a resized pane keeps its width the next time the app starts', async () => {
    await sampleReady();
    el('splitter-left')!.focus();
    await userEvent.keyboard('{Shift>}{ArrowRight}{ArrowRight}{/Shift}');
    expect(valueNow('left')).toBe(PANES.left.initial + 128);
    cleanupAll();

    await sampleReady();
    expect(valueNow('left')).toBe(PANES.left.initial + 128);
    expect(rect('pane-left').width).toBe(PANES.left.initial + 128);
  });

  test('Enter collapses and expands a pane at its old width, and so does Ctrl+B', async () => {
    await sampleReady();
    const before = rect('draft-editor').width;
    el('splitter-left')!.focus();
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => visible('pane-left')).toBe(false);
    expect(valueNow('left')).toBe(0);
    expect(rect('draft-editor').width, 'the text gets the room').toBeGreaterThan(before);

    await userEvent.keyboard('{Enter}');
    await expect.poll(() => visible('pane-left')).toBe(true);
    expect(valueNow('left')).toBe(PANES.left.initial);

    (document.activeElement as HTMLElement).blur();
    await userEvent.keyboard('{Control>}b{/Control}');
    await expect.poll(() => visible('pane-left')).toBe(false);
    await userEvent.keyboard('{Control>}j{/Control}');
    await expect.poll(() => visible('draft-dock')).toBe(false);
    cleanupAll();

    await sampleReady();
    expect(visible('pane-left'), 'a collapsed pane stays collapsed after a restart').toBe(false);
    expect(visible('draft-dock')).toBe(false);
    // Asking for the filter brings its pane back.
    await userEvent.keyboard('{Control>}k{/Control}');
    await expect.poll(() => visible('pane-left')).toBe(true);
    await expect.element(byTestId('filter')).toHaveFocus();
  });

  test('dragging the bar resizes the pane', async () => {
    await sampleReady();
    const bar = rect('splitter-left');
    const y = bar.top + bar.height / 2;
    const x = bar.left + bar.width / 2;
    const splitter = el('splitter-left')!;
    const fire = (type: string, clientX: number) =>
      splitter.dispatchEvent(new PointerEvent(type, { bubbles: true, clientX, clientY: y, button: 0, pointerId: 1, isPrimary: true }));
    fire('pointerdown', x);
    fire('pointermove', x + 100);
    fire('pointerup', x + 100);
    await expect.poll(() => rect('pane-left').width).toBe(PANES.left.initial + 100);
  });
});

describe('focus mode', () => {
  test('Ctrl+Shift+F hides everything but the draft; again brings it all back', async () => {
    await sampleReady();
    await userEvent.keyboard('{Control>}{Shift>}F{/Shift}{/Control}');
    await expect.poll(() => visible('pane-left')).toBe(false);
    expect(visible('draft-dock')).toBe(false);
    expect(visible('open-settings'), 'the header goes too').toBe(false);
    expect(visible('attach-claim'), 'and the toolbar').toBe(false);
    expect(visible('draft-title')).toBe(true);
    expect(visible('draft-editor')).toBe(true);
    expect(rect('draft-editor').width).toBeGreaterThan(1200);
    expect(editorLines()).toBeGreaterThanOrEqual(30);

    await userEvent.keyboard('{Control>}{Shift>}F{/Shift}{/Control}');
    await expect.poll(() => visible('pane-left')).toBe(true);
    expect(visible('draft-dock')).toBe(true);
    expect(visible('open-settings')).toBe(true);
  });

  test('the palette offers focus mode and the pane toggles; the Leave focus button leaves it', async () => {
    await sampleReady();
    await userEvent.keyboard('{Control>}{Shift>}P{/Shift}{/Control}');
    const listed = [...document.querySelectorAll('[data-testid="palette-item"]')].map((e) => e.getAttribute('data-action'));
    for (const id of ['focus-mode', 'toggle-left', 'toggle-right', 'toggle-dock']) expect(listed).toContain(id);
    await userEvent.keyboard('focus mode');
    await expect.poll(() => document.querySelector('[data-testid="palette-item"]')?.getAttribute('data-action')).toBe('focus-mode');
    await userEvent.keyboard('{Enter}');
    await expect.poll(() => visible('pane-left')).toBe(false);

    await byTestId('leave-focus').click();
    await expect.poll(() => visible('pane-left')).toBe(true);
  });
});
