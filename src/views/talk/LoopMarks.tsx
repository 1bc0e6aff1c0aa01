import type { ExplorerState } from '../../store/create-store';
import { useExplorer } from '../../store/store-context';

const selectLoop = (s: ExplorerState) => s.loop;
const selectLooping = (s: ExplorerState) => s.looping;
const selectEventCount = (s: ExplorerState) => s.run?.eventCount ?? 0;

/** The loop's two marks drawn over the timeline, and the stretch between them. */
export function LoopMarks() {
  const loop = useExplorer(selectLoop);
  const looping = useExplorer(selectLooping);
  const eventCount = useExplorer(selectEventCount);
  if (!loop || eventCount === 0) return null;
  const at = (p: number) => `${(Math.min(p, eventCount) / eventCount) * 100}%`;
  return (
    <span className={`loop-marks${looping ? ' on' : ''}`} aria-hidden="true" data-testid="loop-marks">
      <span className="loop-span" style={{ left: at(loop.from), width: `calc(${at(loop.to)} - ${at(loop.from)})` }} />
      <span className="loop-mark from" style={{ left: at(loop.from) }} />
      <span className="loop-mark to" style={{ left: at(loop.to) }} />
    </span>
  );
}
