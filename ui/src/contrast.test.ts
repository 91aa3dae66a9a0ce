// Light and dark both keep WCAG AA: each pair of text and background the app paints, for every
// confidence level and for the main text, is read from app.css through the browser in each theme
// and its contrast computed (4.5:1 for text, 3:1 for borders and underlines that carry meaning).

import { afterEach, describe, expect, test } from 'vitest';
import './app.css';
import css from './app.css?raw';
import { CONFIDENCE, CONFIDENCE_LEVELS } from './lib/confidence';
import { contrast, resolve } from './test/contrast';

const THEMES = ['light', 'dark'] as const;

type Pair = { what: string; fg: string; bg: string; min: number };

const v = (name: string) => `var(--${name})`;

const PAIRS: Pair[] = [
  ...CONFIDENCE_LEVELS.flatMap((level) => [
    { what: `${level} chip and editor tint: text`, fg: CONFIDENCE[level].text, bg: CONFIDENCE[level].background, min: 4.5 },
    // The tint's underline marks a claim span in the editor, on the editor's surface.
    { what: `${level} tint underline on the editor`, fg: CONFIDENCE[level].border, bg: v('surface'), min: 3 },
    { what: `${level} chip border on a pane`, fg: CONFIDENCE[level].border, bg: v('pane'), min: 3 },
  ]),
  ...['bg', 'surface', 'pane', 'selected'].flatMap((bg) => [
    { what: `text on ${bg}`, fg: v('text'), bg: v(bg), min: 4.5 },
    { what: `muted text on ${bg}`, fg: v('muted'), bg: v(bg), min: 4.5 },
  ]),
  { what: 'Markdown markers in the editor', fg: v('faint'), bg: v('surface'), min: 4.5 },
  { what: 'links and link buttons', fg: v('accent'), bg: v('surface'), min: 4.5 },
  { what: 'links and link buttons on a pane', fg: v('accent'), bg: v('pane'), min: 4.5 },
  { what: 'primary button', fg: v('accent-text'), bg: v('accent'), min: 4.5 },
  { what: 'error text', fg: v('danger'), bg: v('danger-bg'), min: 4.5 },
  { what: 'error note on a pane', fg: v('danger'), bg: v('bg'), min: 4.5 },
  { what: 'pending claim span', fg: v('text'), bg: v('claim-bg'), min: 4.5 },
  { what: 'search hit', fg: v('text'), bg: v('mark'), min: 4.5 },
  { what: 'accepted candidate', fg: v('text'), bg: v('accepted-bg'), min: 4.5 },
  { what: 'supports', fg: v('ok-text'), bg: v('surface'), min: 4.5 },
  { what: 'contradicts', fg: v('bad-text'), bg: v('surface'), min: 4.5 },
  { what: 'provenance warning', fg: v('warn-text'), bg: v('warn-bg'), min: 4.5 },
  { what: 'origin mark', fg: v('info-text'), bg: v('pane'), min: 4.5 },
  { what: 'finding error label', fg: v('finding-error-text'), bg: v('surface'), min: 4.5 },
  { what: 'finding warning label', fg: v('finding-warning-text'), bg: v('surface'), min: 4.5 },
  { what: 'finding error underline', fg: v('finding-error'), bg: v('surface'), min: 3 },
  { what: 'finding warning underline', fg: v('finding-warning'), bg: v('surface'), min: 3 },
  { what: 'unknown claim underline', fg: v('bad-border'), bg: v('surface'), min: 3 },
  { what: 'focus outline', fg: v('accent'), bg: v('surface'), min: 3 },
];

function useTheme(theme: string) {
  document.documentElement.dataset.theme = theme;
}

afterEach(() => {
  delete document.documentElement.dataset.theme;
});

describe.each(THEMES)('the %s theme', (theme) => {
  test.each(PAIRS)('$what keeps its contrast', ({ fg, bg, min }) => {
    useTheme(theme);
    const ratio = contrast(resolve(fg), resolve(bg));
    expect(ratio, `${fg} on ${bg} in ${theme}: ${ratio.toFixed(2)}:1`).toBeGreaterThanOrEqual(min);
  });
});

test('each confidence level has its own tint in each theme', () => {
  for (const theme of THEMES) {
    useTheme(theme);
    const tints = CONFIDENCE_LEVELS.map((level) => resolve(CONFIDENCE[level].background));
    expect(new Set(tints).size, theme).toBe(CONFIDENCE_LEVELS.length);
  }
});

test('dark is a different palette, not the light one again', () => {
  useTheme('light');
  const light = resolve(v('bg'));
  useTheme('dark');
  expect(resolve(v('bg'))).not.toBe(light);
  // Dark means a dark background under light text.
  expect(contrast(resolve(v('bg')), 'rgb(0, 0, 0)')).toBeLessThan(2);
});

test('both palettes define the same colours, so no component falls back to the other theme', () => {
  const block = (selector: string) => {
    const start = css.indexOf(selector);
    expect(start, selector).toBeGreaterThanOrEqual(0);
    const body = css.slice(start, css.indexOf('}', start));
    return [...body.matchAll(/--([\w-]+)\s*:/g)].map((m) => m[1]).sort();
  };
  const light = block(":root[data-theme='light'] {");
  const dark = block(":root[data-theme='dark'] {");
  expect(dark).toEqual(light);
  // Every colour a pair above reads is one of them.
  for (const { fg, bg } of PAIRS) {
    for (const name of [fg, bg].map((c) => /var\(--([\w-]+)\)/.exec(c)?.[1])) expect(light).toContain(name);
  }
});
