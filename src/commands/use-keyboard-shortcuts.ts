import { useEffect } from 'react';
import type { ExplorerStore } from '../store/create-store';
import { commandForKey } from './registry';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Routes key presses on the page to the command registry (not while the user types in a field). */
export function useKeyboardShortcuts(store: ExplorerStore): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      const command = commandForKey(event.key);
      if (!command || (command.enabled && !command.enabled(store))) return;
      event.preventDefault();
      command.run(store);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
