import type { ExplorerState } from '../../store/create-store';
import { useExplorer } from '../../store/store-context';

const selectEngine = (s: ExplorerState) => s.engine;
const selectRestart = (s: ExplorerState) => s.engineActions?.restart;
const selectBuilding = (s: ExplorerState) => s.building;

/** Says when the engine is starting, building, or has failed, with a restart that keeps everything. */
export function EngineNotice() {
  const engine = useExplorer(selectEngine);
  const restart = useExplorer(selectRestart);
  const building = useExplorer(selectBuilding);
  if (engine.status === 'failed') {
    return (
      <div role="alert" className="notice error" data-testid="engine-failed">
        <p>{engine.message}</p>
        <p>Your scenario and the playhead are kept.</p>
        <button type="button" onClick={() => restart?.()}>Restart the engine</button>
      </div>
    );
  }
  if (engine.status === 'starting') return <p role="status" className="notice">Starting the simulation engine…</p>;
  if (building) return <p role="status" className="notice">Building the run…</p>;
  return null;
}
