//! The editor, loaded with the first draft: the draft pane and everything of CodeMirror's (the
//! editor, the Markdown grammar, the claim spans and the findings' underlines) are a chunk of
//! their own (a dynamic `import()`, which Vite splits), so the first frame never waits for them.
//! The first screen's one IPC call and the chunk's download then overlap.

import type DraftPane from './components/DraftPane.svelte';
import { review } from './review.svelte';
import { mark } from './startup';

let loading: Promise<typeof DraftPane> | null = null;

/** The draft pane's component, once its chunk has loaded (loaded once; retried after a failure). */
export function loadDraftPane(): Promise<typeof DraftPane> {
  loading ??= Promise.all([import('./components/DraftPane.svelte'), import('./findings')]).then(
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
