//! The desk's layout: how wide the three side panes are (sources and claims on the left, the
//! inspector on the right, the draft's dock of claims and review beside the text), which are
//! collapsed, and focus mode. Sizes are pixels, always clamped to the pane's limits, so a stored
//! value from another screen or an older version can never hide the draft.

// NOTE: kept in localStorage, like the theme, and not in the desk file: the desk travels between
// machines and people (backups, the team desk), while how wide a pane is belongs to this screen.
// The webview's storage persists across restarts in the app's data folder.
export const LAYOUT_KEY = 'factdesk.layout';

export type PaneId = 'left' | 'right' | 'dock';

export type PaneLimits = { min: number; max: number; initial: number; label: string };

export const PANES: Readonly<Record<PaneId, PaneLimits>> = {
  left: { min: 180, max: 480, initial: 240, label: 'Sources and claims' },
  right: { min: 240, max: 560, initial: 320, label: 'Inspector' },
  dock: { min: 220, max: 520, initial: 280, label: 'Claims and review' },
};

/** How far one arrow key moves a splitter; Shift moves four times as far. */
export const STEP = 16;

type PaneState = { size: number; collapsed: boolean };
type Stored = Partial<Record<PaneId, { size?: unknown; collapsed?: unknown }>>;

function clamp(id: PaneId, size: number): number {
  const { min, max } = PANES[id];
  return Math.round(Math.min(max, Math.max(min, size)));
}

function initial(): Record<PaneId, PaneState> {
  return {
    left: { size: PANES.left.initial, collapsed: false },
    right: { size: PANES.right.initial, collapsed: false },
    dock: { size: PANES.dock.initial, collapsed: false },
  };
}

function read(): Record<PaneId, PaneState> {
  const panes = initial();
  let stored: Stored = {};
  try {
    const raw = localStorage.getItem(LAYOUT_KEY);
    if (raw) stored = JSON.parse(raw) as Stored;
  } catch {
    // Unreadable or refused storage: the defaults.
    return panes;
  }
  for (const id of Object.keys(panes) as PaneId[]) {
    const s = stored?.[id];
    if (typeof s?.size === 'number' && Number.isFinite(s.size)) panes[id].size = clamp(id, s.size);
    if (typeof s?.collapsed === 'boolean') panes[id].collapsed = s.collapsed;
  }
  return panes;
}

class LayoutState {
  panes = $state<Record<PaneId, PaneState>>(initial());
  /** Everything but the draft hidden; not remembered: a relaunch shows the whole desk. */
  focus = $state(false);

  /** Reads the remembered sizes (call once at start). */
  start(): void {
    this.panes = read();
    this.focus = false;
  }

  /** The width the pane takes now: 0 when collapsed. */
  shown(id: PaneId): number {
    return this.panes[id].collapsed ? 0 : this.panes[id].size;
  }

  resize(id: PaneId, size: number): void {
    this.panes[id] = { size: clamp(id, size), collapsed: false };
    this.save();
  }

  toggle(id: PaneId): void {
    this.panes[id] = { ...this.panes[id], collapsed: !this.panes[id].collapsed };
    this.save();
  }

  toggleFocus(): void {
    this.focus = !this.focus;
  }

  private save(): void {
    try {
      localStorage.setItem(LAYOUT_KEY, JSON.stringify(this.panes));
    } catch {
      // Storage refused: the layout still holds for this session.
    }
  }
}

export const layout = new LayoutState();
