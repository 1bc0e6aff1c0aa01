import type { Command } from './command';

export const COMMANDS: readonly Command[] = [
  {
    id: 'help.toggle',
    label: 'Keyboard shortcuts',
    keys: ['?'],
    run: (store) => store.getState().toggleHelp(),
  },
  {
    id: 'help.close',
    label: 'Close this panel',
    keys: ['Escape'],
    enabled: (store) => store.getState().helpOpen,
    run: (store) => store.getState().setHelpOpen(false),
  },
  {
    id: 'theme.cycle',
    label: 'Switch theme (system, light, dark)',
    keys: ['t'],
    run: (store) => store.getState().cycleTheme(),
  },
];

export function commandById(id: string): Command {
  const found = COMMANDS.find((c) => c.id === id);
  if (!found) throw new Error(`no command "${id}"`);
  return found;
}

/** The command a key press triggers, if any (case-sensitive, as KeyboardEvent.key is). */
export function commandForKey(key: string): Command | undefined {
  return COMMANDS.find((c) => c.keys.includes(key));
}
