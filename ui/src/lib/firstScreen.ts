//! The first screen's data, asked for once the bundle runs rather than once the app has mounted.
//! main.ts sends the one call (`requestFirstScreen`) and mounts the app when it has answered, and
//! the desk takes the answer while the app is created (`takeFirstScreen`), so the first layout
//! and paint already hold the desk's lists and its latest draft. Asked for from `onMount`, the
//! answer came after a first layout of an empty desk and cost a second layout and paint of the
//! whole window before the first frame with the desk in it (`make measure`, README).
//! The answer is taken once; a later start (the tests mount the app many times) asks again.

import type { FirstScreen } from './bindings/FirstScreen';
import * as ipc from './ipc';

/** Records fetched per page as a list scrolls (the first screen's page too). */
export const PAGE_SIZE = 50;

let answered: FirstScreen | null = null;

/**
 * Sends the first screen's call now and resolves once it has answered. A refusal is dropped
 * here: the desk asks again when it starts, and shows that error in its banner.
 */
export async function requestFirstScreen(): Promise<void> {
  try {
    answered = await ipc.firstScreen(PAGE_SIZE);
  } catch {
    answered = null;
  }
}

/** The early answer, once (then `null`): the desk asks itself when there is none. */
export function takeFirstScreen(): FirstScreen | null {
  const screen = answered;
  answered = null;
  return screen;
}
