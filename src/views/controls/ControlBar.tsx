import { commandById } from '../../commands/registry';
import type { ExplorerState } from '../../store/create-store';
import { useExplorer, useExplorerStore } from '../../store/store-context';

const BAR_COMMANDS = ['theme.cycle', 'help.toggle'];
const selectTheme = (s: ExplorerState) => s.theme;

/** The control bar: every button is a command from the registry, labelled with its shortcut. */
export function ControlBar() {
  const store = useExplorerStore();
  const theme = useExplorer(selectTheme);
  const text = (id: string, label: string) => (id === 'theme.cycle' ? `Theme: ${theme}` : label);
  return (
    <nav className="control-bar" aria-label="Controls">
      {BAR_COMMANDS.map(commandById).map((command) => (
        <button key={command.id} type="button" title={command.label} onClick={() => command.run(store)} aria-keyshortcuts={command.keys.join(' ')}>
          {text(command.id, command.label)} <kbd>{command.keys[0]}</kbd>
        </button>
      ))}
    </nav>
  );
}
