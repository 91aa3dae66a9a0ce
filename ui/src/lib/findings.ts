//! Findings in the editor: the checks' findings underlined on their text (errors red and wavy,
//! warnings amber and dotted), each with its message as a tooltip and a gutter marker that spells
//! the severity out, so colour is never the only cue. New findings arrive with `setFindings`; the
//! field maps them through every edit, so an underline stays on its words while the writer types.

import {
  type ChangeDesc,
  EditorSelection,
  type EditorState,
  type Extension,
  RangeSet,
  RangeSetBuilder,
  StateEffect,
  StateField,
} from '@codemirror/state';
import { Decoration, type DecorationSet, EditorView, GutterMarker, ViewPlugin, gutter } from '@codemirror/view';
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

export const SEVERITY_LABEL: Record<Severity, { icon: string; label: string }> = {
  error: { icon: '✖', label: 'Error' },
  warning: { icon: '▲', label: 'Warning' },
};

/** Replaces the findings shown; positions are in the document the effect is dispatched on. */
export const setFindings = StateEffect.define<PlacedFinding[]>();

type FindingsState = {
  /** The findings the checks returned, in the order they returned them. */
  placed: readonly PlacedFinding[];
  underlines: DecorationSet;
  markers: RangeSet<GutterMarker>;
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
      placed: value.placed.map((p) => mapPlaced(p, tr.changes)),
      underlines: value.underlines.map(tr.changes),
      markers: value.markers.map(tr.changes),
    };
  },
  provide: (field) => EditorView.decorations.from(field, (value) => value.underlines),
});

function build(state: EditorState, placed: readonly PlacedFinding[]): FindingsState {
  return { placed, underlines: underlines(placed), markers: markers(state, placed) };
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

class FindingMarker extends GutterMarker {
  constructor(
    readonly severity: Severity,
    readonly title: string,
  ) {
    super();
  }

  override eq(other: FindingMarker): boolean {
    return other.severity === this.severity && other.title === this.title;
  }

  override toDOM(): Node {
    const el = document.createElement('span');
    el.className = `cm-finding-marker cm-finding-marker-${this.severity}`;
    el.textContent = SEVERITY_LABEL[this.severity].icon;
    el.title = this.title;
    el.setAttribute('aria-label', this.title);
    return el;
  }
}

/** One marker per line: the line's worst severity, every message of the line in its title. */
function markers(state: EditorState, placed: readonly PlacedFinding[]): RangeSet<GutterMarker> {
  const byLine = new Map<number, PlacedFinding[]>();
  for (const p of placed) {
    const line = state.doc.lineAt(Math.min(p.from, state.doc.length)).from;
    byLine.set(line, [...(byLine.get(line) ?? []), p]);
  }
  const builder = new RangeSetBuilder<GutterMarker>();
  for (const line of [...byLine.keys()].sort((a, b) => a - b)) {
    const found = byLine.get(line)!;
    const severity = found.some((p) => p.finding.severity === 'error') ? 'error' : 'warning';
    builder.add(line, line, new FindingMarker(severity, found.map((p) => tooltip(p.finding)).join('\n')));
  }
  return builder.finish();
}

const theme = EditorView.theme({
  '.cm-finding': { textDecorationSkipInk: 'none', textUnderlineOffset: '3px' },
  '.cm-finding-error': { textDecoration: 'underline wavy #c81e1e', textDecorationThickness: '1.5px' },
  '.cm-finding-warning': { textDecoration: 'underline dotted #b45309', textDecorationThickness: '2px' },
  '.cm-findings-gutter': { width: '1.4em', backgroundColor: 'var(--surface)' },
  '.cm-finding-marker': { cursor: 'default', fontSize: '0.8em', paddingLeft: '0.3em' },
  '.cm-finding-marker-error': { color: '#c81e1e' },
  '.cm-finding-marker-warning': { color: '#b45309' },
});

export type FindingsHooks = {
  /** Called with the view once it exists, and again when it goes away. */
  onview?: (view: EditorView) => void;
  ondestroy?: (view: EditorView) => void;
};

/** The extension: the field, its underlines, the gutter, and a handle on the view. */
export function findingsExtension(hooks: FindingsHooks = {}): Extension {
  const handle = ViewPlugin.define((view) => {
    hooks.onview?.(view);
    return { destroy: () => hooks.ondestroy?.(view) };
  });
  return [
    findingsField,
    gutter({ class: 'cm-findings-gutter', markers: (view) => view.state.field(findingsField).markers }),
    theme,
    handle,
  ];
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
  return view.state.field(findingsField, false)?.placed[index];
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
  const rest = view.state.field(findingsField).placed.filter((_, i) => i !== index);
  view.dispatch({ effects: setFindings.of(rest) });
  return true;
}
