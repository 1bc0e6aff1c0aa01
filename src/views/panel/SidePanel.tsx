import type { ExplorerState } from '../../store/create-store';
import { useExplorer } from '../../store/store-context';

const selectEngine = (s: ExplorerState) => s.engine;

/** The side panel: engine status (with a restart after a failure) and the programs it can run. */
export function SidePanel({ onRestartEngine }: { onRestartEngine: () => void }) {
  const engine = useExplorer(selectEngine);
  return (
    <aside className="side-panel" aria-label="Details">
      <h2>Engine</h2>
      {engine.status === 'starting' && <p role="status">Starting the simulation engine…</p>}
      {engine.status === 'failed' && (
        <div role="alert" className="notice error">
          <p>{engine.message}</p>
          <button type="button" onClick={onRestartEngine}>Restart the engine</button>
        </div>
      )}
      {engine.status === 'ready' && (
        <>
          <p role="status" data-testid="engine-status" data-agree={engine.pong.selfCheck.agree}>
            Ready. Self-check: {engine.pong.selfCheck.packets} port-knocking packets on {engine.pong.selfCheck.cores} cores,{' '}
            {engine.pong.selfCheck.agree ? 'every replica agrees with a single core' : 'replicas DISAGREE with a single core'}.
          </p>
          <h2>Programs</h2>
          <ul className="program-list">
            {engine.pong.programs.map((p) => (
              <li key={p.id}>
                <strong>{p.title}</strong>
                <span>{p.summary}</span>
                <span className="meta">history record: {p.recordBytes} bytes</span>
              </li>
            ))}
          </ul>
        </>
      )}
    </aside>
  );
}
