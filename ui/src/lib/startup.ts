//! The page's start-up marks: when the bundle was evaluated, the app mounted, the first IPC call
//! answered and the editor's module loaded, sent to the shell with the first frame (`app_ready`)
//! and with the first editable draft (`app_editable`), which log where start-up time went (see
//! src-tauri/src/startup.rs; `make measure` prints it). Times are wall-clock ms, so the shell
//! places them on its own timeline without the IPC's delay.

import type { PageMark } from './bindings/PageMark';
import type { PagePhase } from './bindings/PagePhase';
import { appEditable, appReady } from './ipc';
import { afterTwoFrames } from './ready';

const marks: PageMark[] = [];

const now = (): number => performance.timeOrigin + performance.now();

/** Records that the page reached `phase` (the first time only). */
export function mark(phase: PagePhase): void {
  if (!marks.some((m) => m.phase === phase)) marks.push({ phase, at: now() });
}

/** The marks so far, with the navigation's own: when loading began and the HTML arrived. */
export function pageMarks(): PageMark[] {
  const out: PageMark[] = [{ phase: 'navigation', at: performance.timeOrigin }];
  const [nav] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
  if (nav && nav.responseEnd > 0) out.push({ phase: 'html', at: performance.timeOrigin + nav.responseEnd });
  return [...out, ...marks];
}

/** Tells the shell the first frame has painted (two frames after mounting). */
export function reportFirstFrame(): void {
  afterTwoFrames(() => {
    appReady(pageMarks()).catch((e: unknown) => console.warn('app_ready failed', e));
  });
}

let editableSent = false;

/**
 * Tells the shell, once per page, that a draft is in the editor and takes typing: called when the
 * editor has mounted with the draft's text; reported once that has painted.
 */
export function reportEditable(): void {
  if (editableSent) return;
  editableSent = true;
  afterTwoFrames(() => {
    appEditable(pageMarks()).catch((e: unknown) => console.warn('app_editable failed', e));
  });
}
