//! Review state shared across the panes: the findings of the open draft (from the analysis each
//! pause in typing brings, see `draft.svelte.ts`; shown in the review panel and underlined in the
//! editor), which claim's provenance is
//! open, and the desk's settings. One window, one store: `review` is a module singleton, so any
//! component can call `openProvenance(claimId)`; the app resets it when it unmounts.

import type { Extension } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import type { AppError } from './bindings/AppError';
import type { Finding } from './bindings/Finding';
import type { Settings } from './bindings/Settings';
import type * as Findings from './findings';
import { byteToIndex } from './offsets';

/** The findings' editor module: loaded with the editor (CodeMirror), not with the first screen. */
export type FindingsModule = typeof Findings;

export class ReviewStore {
  /** The claim whose provenance panel is open. */
  provenanceId = $state<string | null>(null);
  /** Whether the review panel is shown in the draft area. */
  panelOpen = $state(false);
  /** The findings of the last check, and the text they were checked against. */
  findings = $state.raw<Finding[]>([]);
  checkedBody = $state<string | null>(null);
  checkError = $state<AppError | null>(null);
  settings = $state<Settings | null>(null);
  /** The draft editor, once it is mounted with `extensions`. */
  view = $state.raw<EditorView | null>(null);

  /**
   * Pass to the draft editor: underlines the findings and lets the panel move its cursor. Empty
   * until the editor's module has loaded (`useFindings`), which comes before any editor exists.
   */
  extensions = $state.raw<Extension[]>([]);
  #findings: FindingsModule | null = null;

  /** Takes the findings' editor module once it has loaded with the editor (the first time only). */
  useFindings(findings: FindingsModule): void {
    if (this.#findings !== null) return;
    this.#findings = findings;
    this.extensions = [
      findings.findingsExtension({
        onview: (view) => {
          this.view = view;
          // The view is still being built here; show the findings once it is.
          queueMicrotask(() => {
            if (this.view === view) this.#show();
          });
        },
        ondestroy: (view) => {
          if (this.view === view) this.view = null;
        },
      }),
    ];
  }

  /** Asks for the open draft's analysis again (set by the pane that holds the draft). */
  reanalyse: () => void = () => {};

  openProvenance(claimId: string): void {
    this.provenanceId = claimId;
  }

  closeProvenance(): void {
    this.provenanceId = null;
  }

  /** Shows the findings of an analysis of `body`. */
  apply(body: string, findings: Finding[]): void {
    this.findings = findings;
    this.checkedBody = body;
    this.checkError = null;
    this.#show();
  }

  /** The analysis failed: says so, keeping the last findings. */
  fail(error: AppError | null): void {
    this.checkError = error;
  }

  /** Forgets the findings (another draft opened). */
  clearFindings(): void {
    this.findings = [];
    this.checkedBody = null;
    this.checkError = null;
    if (this.view) this.#findings?.showFindings(this.view, this.view.state.doc.toString(), []);
  }

  #show(): void {
    if (this.view && this.checkedBody !== null) {
      this.#findings?.showFindings(this.view, this.checkedBody, this.findings);
    }
  }

  /** Moves the editor's cursor to the `index`th finding. */
  reveal(index: number): void {
    const view = this.view;
    const finding = this.findings[index];
    if (!view || !finding) return;
    if (this.#findings?.revealFinding(view, index)) return;
    // The editor has not got these findings (it was remounted): place the cursor by offset.
    const at = Math.min(byteToIndex(this.checkedBody ?? '', finding.start), view.state.doc.length);
    view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
    view.focus();
  }

  /** Applies the `index`th finding's fix in the editor; the next check sees the new text. */
  fix(index: number): void {
    if (this.view && this.#findings?.applyFix(this.view, index)) {
      this.findings = this.findings.filter((_, i) => i !== index);
    }
  }

  reset(): void {
    this.clearFindings();
    this.provenanceId = null;
    this.panelOpen = false;
    this.settings = null;
    this.reanalyse = () => {};
  }
}

export const review = new ReviewStore();

/** Opens the provenance panel for a claim (from the inspector, a finding, the draft's claims). */
export function openProvenance(claimId: string): void {
  review.openProvenance(claimId);
}
