//! The desk's keyboard shortcuts, in one place so the handler and the button titles agree.
//! Ctrl stands for Cmd on macOS.

export type Shortcut = 'new-source' | 'new-claim' | 'paste-article' | 'filter' | 'save' | 'quit';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

export function shortcutFor(event: KeyboardEvent): Shortcut | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (mod && event.shiftKey && !event.altKey) {
    if (key === 's') return 'new-source';
    if (key === 'c') return 'new-claim';
    if (key === 'a') return 'paste-article';
    return null;
  }
  if (mod && !event.shiftKey && !event.altKey) {
    if (key === 's') return 'save';
    if (key === 'k') return 'filter';
    if (key === 'q') return 'quit';
    return null;
  }
  if (!mod && !event.altKey && event.key === '/' && !isTyping(event.target)) return 'filter';
  return null;
}
