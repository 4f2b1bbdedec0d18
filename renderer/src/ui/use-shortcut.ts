import { useEffect } from 'react';

/** Calls handler on a key combination such as "Ctrl+K", "Alt+A" or "Escape", anywhere in the window but an open dialog (it has its own keys). */
export function useShortcut(combo: string, handler: (e: KeyboardEvent) => void, enabled = true) {
  useEffect(() => {
    if (!enabled) return;
    const parts = combo.toLowerCase().split('+');
    const key = parts[parts.length - 1];
    const ctrl = parts.includes('ctrl');
    const alt = parts.includes('alt');
    const onKey = (e: KeyboardEvent) => {
      if (e.key.toLowerCase() !== key) return;
      if (ctrl !== (e.ctrlKey || e.metaKey) || alt !== e.altKey) return;
      if (e.target instanceof Element && e.target.closest('dialog[open]')) return;
      handler(e);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [combo, handler, enabled]);
}
