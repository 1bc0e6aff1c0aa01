import { useEffect } from 'react';
import type { ExplorerStore } from '../store/create-store';
import { commandForKey, keyName } from './registry';

/** Keys a focused control handles itself: typing in fields, arrows on sliders, Space/Enter on buttons. */
function controlOwnsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  if (target instanceof HTMLInputElement) {
    if (target.type === 'range') return key.includes('Arrow') || key === 'Home' || key === 'End' || key === 'PageUp' || key === 'PageDown';
    return true;
  }
  if (target.tagName === 'BUTTON' || target.getAttribute('role') === 'button') return key === ' ' || key === 'Enter';
  return false;
}

/** Routes key presses on the page to the command registry. */
export function useKeyboardShortcuts(store: ExplorerStore): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const key = keyName(event);
      if (controlOwnsKey(event.target, event.key)) return;
      // An open dialog (help, share) keeps the keys to itself, but for closing it.
      if (key !== 'Escape' && key !== '?' && document.querySelector('dialog[open]')) return;
      const command = commandForKey(key);
      if (!command || (command.enabled && !command.enabled(store))) return;
      event.preventDefault();
      command.run(store);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
