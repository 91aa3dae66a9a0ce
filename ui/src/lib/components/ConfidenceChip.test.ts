// The chip must name the level in words and stay readable; colour is never the only cue.

import { afterEach, expect, test } from 'vitest';
import { mount, unmount } from 'svelte';
import type { Confidence } from '../bindings/Confidence';
import { CONFIDENCE_LEVELS } from '../confidence';
import ConfidenceChip from './ConfidenceChip.svelte';
import '../../app.css';

const mounted: Array<() => void> = [];
afterEach(() => mounted.splice(0).forEach((undo) => undo()));

function renderChip(level: Confidence): HTMLElement {
  const target = document.createElement('div');
  document.body.append(target);
  const chip = mount(ConfidenceChip, { target, props: { level } });
  mounted.push(() => {
    void unmount(chip);
    target.remove();
  });
  return target.querySelector<HTMLElement>('[data-testid="confidence-chip"]')!;
}

function luminance(rgb: string): number {
  const [r, g, b] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

test('lists the five levels, strongest first', () => {
  expect(CONFIDENCE_LEVELS).toEqual(['confirmed', 'corroborated', 'reported', 'unverified', 'speculation']);
});

test.each(CONFIDENCE_LEVELS)('the %s chip shows its name as readable text', (level) => {
  const chip = renderChip(level);
  expect(chip.textContent?.trim()).toBe(level);
  expect(chip.checkVisibility()).toBe(true);
  const style = getComputedStyle(chip);
  expect(contrast(style.color, style.backgroundColor)).toBeGreaterThanOrEqual(4.5);
});

test('each level has a colour of its own', () => {
  const backgrounds = CONFIDENCE_LEVELS.map((level) => getComputedStyle(renderChip(level)).backgroundColor);
  expect(new Set(backgrounds).size).toBe(CONFIDENCE_LEVELS.length);
});
