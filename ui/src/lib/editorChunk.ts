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
 * Resolves two frames after the first draft pane asked for the editor, that is once the frame
 * holding the desk (mounted with it, lib/firstScreen.ts) has painted. Fetched and parsed earlier,
 * the chunk held the first frame up on this machine. NOTE: the wait starts with the first call,
 * not when this module runs: main.ts mounts the app only once the first screen's data is there,
 * and frames painted while it waited (an empty page) must not release the chunk.
 */
const afterPaint = (): Promise<void> => new Promise((resolve) => afterTwoFrames(resolve));

/** The draft pane's component, once its chunk has loaded (loaded once; retried after a failure). */
export function loadDraftPane(): Promise<typeof DraftPane> {
  loading ??= afterPaint()
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
