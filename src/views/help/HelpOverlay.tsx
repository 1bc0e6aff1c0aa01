import { useEffect, useRef } from 'react';
import { COMMANDS } from '../../commands/registry';
import type { ExplorerState } from '../../store/create-store';
import { useExplorer } from '../../store/store-context';

const selectHelpOpen = (s: ExplorerState) => s.helpOpen;
const selectSetHelpOpen = (s: ExplorerState) => s.setHelpOpen;
const selectEngine = (s: ExplorerState) => s.engine;

const KEY_NAMES: Record<string, string> = {
  ' ': 'Space', ArrowLeft: '←', ArrowRight: '→', 'Shift+ArrowLeft': 'Shift+←', 'Shift+ArrowRight': 'Shift+→', Escape: 'Esc',
};

/** Every shortcut, generated from the command registry, so it can never fall out of date. */
export function HelpOverlay() {
  const open = useExplorer(selectHelpOpen);
  const setOpen = useExplorer(selectSetHelpOpen);
  const dialog = useRef<HTMLDialogElement>(null);
  const engine = useExplorer(selectEngine);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);

  return (
    <dialog ref={dialog} className="help" aria-labelledby="help-title" onClose={() => setOpen(false)}>
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {COMMANDS.map((c) => (
            <tr key={c.id}>
              <td>{c.keys.map((k) => <kbd key={k}>{KEY_NAMES[k] ?? k}</kbd>)}</td>
              <td>{c.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {engine.status === 'ready' && (
        <p className="muted" data-testid="engine-status">
          Engine self-check: {engine.pong.selfCheck.packets} port-knocking packets on {engine.pong.selfCheck.cores} cores,{' '}
          {engine.pong.selfCheck.agree ? 'every replica agrees with a single core' : 'replicas DISAGREE with a single core'}.
        </p>
      )}
      <button type="button" onClick={() => setOpen(false)}>Close</button>
    </dialog>
  );
}
