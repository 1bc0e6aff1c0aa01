import type { ExplorerStore } from '../store/create-store';

/**
 * Every user action, declared once: the buttons, the keyboard, clicker keys, the help overlay and
 * the e2e tests all go through this registry.
 */
export interface Command {
  id: string;
  /** Accessible name and button text. */
  label: string;
  /** Keys as KeyboardEvent.key values (e.g. '?', 't', 'ArrowRight'); shown in the help overlay. */
  keys: readonly string[];
  /** When false the command is shown but cannot run. */
  enabled?: (store: ExplorerStore) => boolean;
  run: (store: ExplorerStore) => void;
}
