//! The editor, loaded with the first draft: the draft pane and everything of CodeMirror's (the
//! editor, the Markdown grammar, the claim spans and the findings' underlines) are a chunk of
//! their own (a dynamic `import()`, which Vite splits), so the first frame never waits for them.
//! It is fetched once the first frame has painted, with the first draft already read.

import type DraftPane from './components/DraftPane.svelte';
import { review } from './review.svelte';
import { afterTwoFrames } from './ready';
import { mark } from './startup';

let loading: Promise<typeof DraftPane> | null = null;

/**
 * Resolves once the page's first frame has painted (this module is part of the entry bundle, so
 * the wait starts with the page). Fetched and parsed earlier, the chunk held the first frame up
 * on this machine (the first screen's data usually arrives before that frame).
 */
const firstFrame = new Promise<void>((resolve) => afterTwoFrames(resolve));

/** The draft pane's component, once its chunk has loaded (loaded once; retried after a failure). */
export function loadDraftPane(): Promise<typeof DraftPane> {
  loading ??= firstFrame
    .then(() => Promise.all([import('./components/DraftPane.svelte'), import('./findings')]))
    .then(
      ([pane, findings]) => {
        review.useFindings(findings);
        mark('editor_loaded');
        return pane.default;
      },
      (e: unknown) => {
        loading = null;
        throw e;
      },
    );
  return loading;
}
