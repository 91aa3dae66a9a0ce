//! Findings in the editor: the checks' findings underlined on their text (errors red and wavy,
//! warnings amber and dotted), each with its message as a tooltip and a marker in the line's left
//! margin that spells the severity out, so colour is never the only cue. New findings arrive with
//! `setFindings`; the field maps them through every edit, so an underline stays on its words
//! while the writer types.
//!
//! The margin marker is a line decoration, not a CodeMirror gutter: in WebKitGTK a gutter column
//! beside the text doubled the paint of every keystroke in a long draft (measured with the e2e
//! typing probe: about 3 ms of a 11 ms frame).

import {
  type ChangeDesc,
  EditorSelection,
  type EditorState,
  type Extension,
  RangeSetBuilder,
  StateEffect,
  StateField,
} from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView, ViewPlugin } from '@codemirror/view';
import type { Finding } from './bindings/Finding';
import type { Severity } from './bindings/Severity';
import { Offsets } from './offsets';

/** A finding placed in the document: string positions, kept current through edits. */
export type PlacedFinding = {
  finding: Finding;
  from: number;
  to: number;
  /** Where its fix applies, if it has one. */
  fix: { from: number; to: number; text: string } | null;
};

import { SEVERITY_LABEL } from './severity';

export { SEVERITY_LABEL };

/** Replaces the findings shown; positions are in the document the effect is dispatched on. */
export const setFindings = StateEffect.define<PlacedFinding[]>();

type FindingsState = {
  /** The findings the checks returned, in the order they returned them, as placed then. */
  placed: readonly PlacedFinding[];
  /** The edits since they were placed: applied when a finding is read, not on every keystroke. */
  since: ChangeDesc | null;
  underlines: DecorationSet;
  markers: DecorationSet;
};

function mapPlaced(p: PlacedFinding, changes: ChangeDesc): PlacedFinding {
  const from = changes.mapPos(p.from, 1);
  const to = Math.max(from, changes.mapPos(p.to, -1));
  const fixFrom = p.fix && changes.mapPos(p.fix.from, 1);
  const fix = p.fix && { ...p.fix, from: fixFrom!, to: Math.max(fixFrom!, changes.mapPos(p.fix.to, -1)) };
  return { ...p, from, to, fix };
}

/**
 * The findings with their underlines and gutter markers, built once when findings arrive and
 * then only mapped through edits (cheap however many findings a long draft has).
 */
export const findingsField = StateField.define<FindingsState>({
  create: (state) => build(state, []),
  update(value, tr) {
    for (const effect of tr.effects) if (effect.is(setFindings)) return build(tr.state, effect.value);
    if (!tr.docChanged) return value;
    return {
      placed: value.placed,
      since: value.since === null ? tr.changes.desc : value.since.composeDesc(tr.changes.desc),
      underlines: value.underlines.map(tr.changes),
      markers: value.markers.map(tr.changes),
    };
  },
  provide: (field) => [
    EditorView.decorations.from(field, (value) => value.underlines),
    EditorView.decorations.from(field, (value) => value.markers),
  ],
});

function build(state: EditorState, placed: readonly PlacedFinding[]): FindingsState {
  return { placed, since: null, underlines: underlines(placed), markers: markers(state, placed) };
}

/** The findings as they stand in the current document. */
function current(value: FindingsState): readonly PlacedFinding[] {
  const since = value.since;
  return since === null ? value.placed : value.placed.map((p) => mapPlaced(p, since));
}

function tooltip(finding: Finding): string {
  const suggestion = finding.suggestion ? ` (${finding.suggestion})` : '';
  return `${SEVERITY_LABEL[finding.severity].label}: ${finding.message}${suggestion}`;
}

function underlines(placed: readonly PlacedFinding[]): DecorationSet {
  const ranges = placed
    .filter((p) => p.to > p.from)
    .map((p) =>
      Decoration.mark({
        class: `cm-finding cm-finding-${p.finding.severity}`,
        attributes: { title: tooltip(p.finding), 'data-finding-kind': p.finding.kind },
      }).range(p.from, p.to),
    );
  return Decoration.set(ranges, true);
}

/** One marker per line with findings: the line's worst severity, shown in its left margin. */
function markers(state: EditorState, placed: readonly PlacedFinding[]): DecorationSet {
  const worst = new Map<number, Severity>();
  for (const p of placed) {
    const line = state.doc.lineAt(Math.min(p.from, state.doc.length)).from;
    if (worst.get(line) !== 'error') worst.set(line, p.finding.severity);
  }
  const builder = new RangeSetBuilder<Decoration>();
  for (const line of [...worst.keys()].sort((a, b) => a - b)) {
    builder.add(line, line, LINE_MARK[worst.get(line)!]);
  }
  return builder.finish();
}

const LINE_MARK: Record<Severity, Decoration> = {
  error: Decoration.line({ class: 'cm-finding-line cm-finding-line-error' }),
  warning: Decoration.line({ class: 'cm-finding-line cm-finding-line-warning' }),
};

const theme = EditorView.theme({
  '.cm-finding': { textDecorationSkipInk: 'none', textUnderlineOffset: '3px' },
  '.cm-finding-error': { textDecoration: 'underline wavy var(--finding-error)', textDecorationThickness: '1.5px' },
  '.cm-finding-warning': { textDecoration: 'underline dotted var(--finding-warning)', textDecorationThickness: '2px' },
  // The marker is the line's list marker, drawn outside the line in the content's left padding
  // (see the editor theme): it takes no room from the text and, unlike a floated pseudo-element,
  // costs the paragraph's line layout nothing (about 1 ms a keystroke in a long paragraph).
  '.cm-finding-line': { display: 'list-item', listStylePosition: 'outside' },
  '.cm-finding-line::marker': { fontSize: '0.8em', cursor: 'default' },
  '.cm-finding-line-error': { listStyleType: `'${SEVERITY_LABEL.error.icon} '` },
  '.cm-finding-line-error::marker': { color: 'var(--finding-error)' },
  '.cm-finding-line-warning': { listStyleType: `'${SEVERITY_LABEL.warning.icon} '` },
  '.cm-finding-line-warning::marker': { color: 'var(--finding-warning)' },
});

export type FindingsHooks = {
  /** Called with the view once it exists, and again when it goes away. */
  onview?: (view: EditorView) => void;
  ondestroy?: (view: EditorView) => void;
};

/** The extension: the field, its underlines and margin markers, and a handle on the view. */
export function findingsExtension(hooks: FindingsHooks = {}): Extension {
  const handle = ViewPlugin.define((view) => {
    hooks.onview?.(view);
    return { destroy: () => hooks.ondestroy?.(view) };
  });
  return [findingsField, theme, handle];
}

/** Places findings checked against `body` (their byte offsets) in that text. */
export function placeFindings(body: string, findings: readonly Finding[]): PlacedFinding[] {
  const offsets = new Offsets(body);
  return findings.map((finding) => ({
    finding,
    from: offsets.toIndex(finding.start),
    to: offsets.toIndex(finding.end),
    fix: finding.fix && {
      from: offsets.toIndex(finding.fix.start),
      to: offsets.toIndex(finding.fix.end),
      text: finding.fix.text,
    },
  }));
}

/**
 * Shows findings checked against `body`. Refuses (false) when the editor no longer holds that
 * text: the offsets would land on the wrong words, and a newer check is on its way.
 */
export function showFindings(view: EditorView, body: string, findings: readonly Finding[]): boolean {
  if (view.state.doc.toString() !== body) return false;
  view.dispatch({ effects: setFindings.of(placeFindings(body, findings)) });
  return true;
}

/** The `index`th finding as it stands now, after the edits since it was checked. */
export function placedFinding(view: EditorView, index: number): PlacedFinding | undefined {
  const value = view.state.field(findingsField, false);
  const placed = value?.placed[index];
  return placed && value.since ? mapPlaced(placed, value.since) : placed;
}

/** Puts the cursor on the `index`th finding, selecting its text, and scrolls it into view. */
export function revealFinding(view: EditorView, index: number): boolean {
  const placed = placedFinding(view, index);
  if (!placed) return false;
  view.dispatch({
    selection: EditorSelection.single(placed.from, placed.to),
    effects: EditorView.scrollIntoView(placed.from, { y: 'center' }),
  });
  view.focus();
  return true;
}

/** Applies the `index`th finding's fix and drops the finding until the next check. */
export function applyFix(view: EditorView, index: number): boolean {
  const placed = placedFinding(view, index);
  if (!placed?.fix) return false;
  const { from, to, text } = placed.fix;
  view.dispatch({
    changes: { from, to, insert: text },
    selection: { anchor: from + text.length },
    userEvent: 'input.fix',
  });
  const rest = current(view.state.field(findingsField)).filter((_, i) => i !== index);
  view.dispatch({ effects: setFindings.of(rest) });
  return true;
}
