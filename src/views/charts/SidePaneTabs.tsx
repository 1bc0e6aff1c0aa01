import type { ExplorerState } from '../../store/create-store';
import { useExplorer } from '../../store/store-context';

const selectPane = (s: ExplorerState) => s.sidePane;
const selectSetPane = (s: ExplorerState) => s.setSidePane;

/** Details (event log, inspector, typed packets) or Charts, beside the stage. */
export function SidePaneTabs() {
  const pane = useExplorer(selectPane);
  const setPane = useExplorer(selectSetPane);
  const tab = (id: 'details' | 'charts', label: string) => (
    <button
      type="button" role="tab" id={`side-tab-${id}`} aria-selected={pane === id} aria-controls="side-pane"
      tabIndex={pane === id ? 0 : -1} onClick={() => setPane(id)}
      onKeyDown={(e) => {
        if ((e.key === 'ArrowRight' || e.key === 'ArrowLeft') && !e.shiftKey) {
          e.preventDefault();
          e.stopPropagation();
          const next = pane === 'details' ? 'charts' : 'details';
          setPane(next);
          document.getElementById(`side-tab-${next}`)?.focus();
        }
      }}
    >
      {label}
    </button>
  );
  return (
    <div className="side-tabs" role="tablist" aria-label="Side panel">
      {tab('details', 'Details')}
      {tab('charts', 'Charts')}
    </div>
  );
}
