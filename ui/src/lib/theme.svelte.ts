//! Light or dark: the OS preference (`prefers-color-scheme`), unless the user chose one in the
//! settings. The resolved theme is `data-theme` on <html>, which app.css reads; it is always
//! "light" or "dark", so the stylesheet holds each palette once and needs no media query.

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export const THEME_CHOICES: readonly { value: ThemeChoice; label: string }[] = [
  { value: 'system', label: 'System' },
  { value: 'light', label: 'Light' },
  { value: 'dark', label: 'Dark' },
];

// NOTE: kept in localStorage, not in the desk's settings: the desk file travels between machines
// and people (backups, the team desk), while light or dark belongs to this machine's screen and the
// room it is in. The webview's storage persists across restarts in the app's data folder.
export const THEME_KEY = 'factdesk.theme';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function readChoice(): ThemeChoice {
  try {
    const stored = localStorage.getItem(THEME_KEY);
    return stored === 'light' || stored === 'dark' ? stored : 'system';
  } catch {
    return 'system';
  }
}

function osTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

class ThemeState {
  choice = $state<ThemeChoice>('system');
  os = $state<Theme>('light');
  readonly resolved: Theme = $derived(this.choice === 'system' ? this.os : this.choice);

  /** Reads the stored choice, applies it, and follows the OS from now on; returns the stop. */
  start(): () => void {
    this.choice = readChoice();
    this.os = osTheme();
    this.apply();
    if (typeof matchMedia !== 'function') return () => undefined;
    const query = matchMedia(DARK_QUERY);
    const changed = (event: MediaQueryListEvent) => {
      this.os = event.matches ? 'dark' : 'light';
      this.apply();
    };
    query.addEventListener('change', changed);
    return () => query.removeEventListener('change', changed);
  }

  /** The user's override (or back to the OS), applied at once and remembered on this machine. */
  set(choice: ThemeChoice): void {
    this.choice = choice;
    try {
      if (choice === 'system') localStorage.removeItem(THEME_KEY);
      else localStorage.setItem(THEME_KEY, choice);
    } catch {
      // Storage refused (a locked-down profile): the choice still holds for this session.
    }
    this.apply();
  }

  private apply(): void {
    document.documentElement.dataset.theme = this.resolved;
  }
}

export const theme = new ThemeState();
