//! Every action a writer can take from the keyboard, in one registry: the window's key handler,
//! the command palette, the shortcuts sheet, the editor's keymap and the buttons' tooltips all
//! read `ACTIONS`, so a shortcut is written once and cannot disagree between them.
//!
//! Components that own an action's behaviour register a handler while they are mounted
//! (`provide`); an action with no handler (no draft open, say) is not offered by the palette and
//! its keys do nothing. Ctrl stands for Cmd on macOS.

export type ActionId =
  | 'command-palette'
  | 'shortcuts'
  | 'new-source'
  | 'new-claim'
  | 'new-draft'
  | 'paste-article'
  | 'import-citations'
  | 'open-team-desk'
  | 'filter'
  | 'save'
  | 'attach-claim'
  | 'detach-claim'
  | 'revisions'
  | 'export-footnotes'
  | 'export-pandoc'
  | 'review'
  | 'open-settings'
  | 'backups'
  | 'theme-system'
  | 'theme-light'
  | 'theme-dark'
  | 'focus-mode'
  | 'toggle-left'
  | 'toggle-right'
  | 'toggle-dock'
  | 'quit';

/** One key chord. `bare` chords (no Ctrl) only count when the focus is not in a text field. */
export type Chord = { key: string; ctrl?: boolean; shift?: boolean; bare?: boolean };

export type Action = {
  id: ActionId;
  /** What the palette and the sheet call it. */
  title: string;
  /** Where the sheet lists it. */
  group: 'Desk' | 'Draft' | 'App';
  keys: readonly Chord[];
};

const ctrl = (key: string): Chord => ({ key, ctrl: true });
const ctrlShift = (key: string): Chord => ({ key, ctrl: true, shift: true });

export const ACTIONS: readonly Action[] = [
  { id: 'new-source', title: 'New source', group: 'Desk', keys: [ctrlShift('S')] },
  { id: 'new-claim', title: 'New claim', group: 'Desk', keys: [ctrlShift('C')] },
  { id: 'paste-article', title: 'Paste an article', group: 'Desk', keys: [ctrlShift('A')] },
  { id: 'import-citations', title: 'Import citations (CSL-JSON, BibTeX, RIS)', group: 'Desk', keys: [ctrlShift('O')] },
  { id: 'open-team-desk', title: 'Open team desk…', group: 'Desk', keys: [] },
  { id: 'filter', title: 'Filter sources and claims', group: 'Desk', keys: [ctrl('K'), { key: '/', bare: true }] },
  { id: 'new-draft', title: 'New draft', group: 'Draft', keys: [ctrlShift('N')] },
  { id: 'save', title: 'Save now', group: 'Draft', keys: [ctrl('S')] },
  { id: 'attach-claim', title: 'Attach a claim to the selected words', group: 'Draft', keys: [ctrlShift('K')] },
  { id: 'detach-claim', title: 'Detach the claim span at the cursor', group: 'Draft', keys: [] },
  { id: 'revisions', title: 'Revisions of the draft', group: 'Draft', keys: [] },
  { id: 'export-footnotes', title: 'Export: Markdown with footnotes', group: 'Draft', keys: [] },
  { id: 'export-pandoc', title: 'Export: Pandoc with a bibliography', group: 'Draft', keys: [] },
  { id: 'review', title: 'Review panel: show or hide', group: 'Draft', keys: [] },
  { id: 'focus-mode', title: 'Focus mode: only the draft', group: 'Draft', keys: [ctrlShift('F')] },
  { id: 'toggle-dock', title: "Draft's claims and review: show or hide", group: 'Draft', keys: [ctrl('J')] },
  { id: 'command-palette', title: 'Command palette', group: 'App', keys: [ctrlShift('P')] },
  { id: 'shortcuts', title: 'Keyboard shortcuts', group: 'App', keys: [{ key: 'F1' }, { key: '?', bare: true }] },
  { id: 'open-settings', title: 'Settings', group: 'App', keys: [ctrl(',')] },
  { id: 'backups', title: 'Backups', group: 'App', keys: [] },
  { id: 'theme-system', title: 'Theme: follow the system', group: 'App', keys: [] },
  { id: 'theme-light', title: 'Theme: light', group: 'App', keys: [] },
  { id: 'theme-dark', title: 'Theme: dark', group: 'App', keys: [] },
  { id: 'toggle-left', title: 'Sources and claims pane: show or hide', group: 'App', keys: [ctrl('B')] },
  { id: 'toggle-right', title: 'Inspector pane: show or hide', group: 'App', keys: [ctrlShift('B')] },
  { id: 'quit', title: 'Save and quit', group: 'App', keys: [ctrl('Q')] },
];

const BY_ID = new Map(ACTIONS.map((a) => [a.id, a]));

export function action(id: ActionId): Action {
  const found = BY_ID.get(id);
  if (!found) throw new Error(`no action ${id}`);
  return found;
}

export function chordLabel(chord: Chord): string {
  return [chord.ctrl ? 'Ctrl' : '', chord.shift ? 'Shift' : '', chord.key].filter(Boolean).join('+');
}

/** "Ctrl+K or /", or '' for an action without keys. */
export function keysLabel(id: ActionId): string {
  return action(id).keys.map(chordLabel).join(' or ');
}

/** A button's tooltip: the action's title (or `text`) with its keys, e.g. "New source (Ctrl+Shift+S)". */
export function tip(id: ActionId, text: string = action(id).title): string {
  const keys = keysLabel(id);
  return keys ? `${text} (${keys})` : text;
}

/** The first chord in CodeMirror's notation ("Mod-Shift-k"), for an editor keymap. */
export function editorKey(id: ActionId): string {
  const chord = action(id).keys[0];
  if (!chord) throw new Error(`action ${id} has no keys`);
  return [chord.ctrl ? 'Mod' : '', chord.shift ? 'Shift' : '', chord.key.length === 1 ? chord.key.toLowerCase() : chord.key]
    .filter(Boolean)
    .join('-');
}

export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

function matches(chord: Chord, event: KeyboardEvent): boolean {
  if (event.altKey) return false;
  const mod = event.ctrlKey || event.metaKey;
  if (Boolean(chord.ctrl) !== mod) return false;
  if (chord.bare) {
    // "?" and "/" are typed with or without Shift depending on the layout: compare the character.
    return event.key === chord.key && !isTyping(event.target);
  }
  if (Boolean(chord.shift) !== event.shiftKey) return false;
  return event.key.toLowerCase() === chord.key.toLowerCase();
}

/** The action a key press asks for, if any. */
export function actionFor(event: KeyboardEvent): ActionId | null {
  for (const a of ACTIONS) if (a.keys.some((chord) => matches(chord, event))) return a.id;
  return null;
}

type Handler = () => void;
const handlers = new Map<ActionId, Handler[]>();

/** Registers the handlers a mounted component owns; call the returned function on unmount. */
export function provide(entries: Partial<Record<ActionId, Handler>>): () => void {
  const added = Object.entries(entries) as [ActionId, Handler][];
  for (const [id, run] of added) handlers.set(id, [...(handlers.get(id) ?? []), run]);
  return () => {
    for (const [id, run] of added) handlers.set(id, (handlers.get(id) ?? []).filter((h) => h !== run));
  };
}

export function available(id: ActionId): boolean {
  return (handlers.get(id)?.length ?? 0) > 0;
}

/** Runs the action's latest handler; false when nothing on screen offers it now. */
export function run(id: ActionId): boolean {
  const handler = handlers.get(id)?.at(-1);
  if (!handler) return false;
  handler();
  return true;
}
