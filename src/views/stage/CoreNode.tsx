import type { TimelineEvent } from '../../engine/timeline/events';
import type { CoreView } from '../../worker/protocol';
import { flowColour } from './colours';
import { CORE_HEADER, ROW_HEIGHT, type Box } from './layout';

interface Props {
  box: Box;
  view: CoreView | undefined;
  rows: number;
  /** The event being animated, when it changes this core's state (apply or process). */
  event: TimelineEvent | null;
  hiddenNote: string | null;
  selected: boolean;
  watchKey: string | null;
  onSelect(core: number): void;
  onWatch(key: string): void;
}

/** One core and its replica: a compact table of the watched keys, the touched row flashing old → new. */
export function CoreNode({ box, view, rows, event, hiddenNote, selected, watchKey, onSelect, onWatch }: Props) {
  const core = view?.core ?? 0;
  const touching = event && (event.kind === 'apply' || event.kind === 'process') && event.core === core ? event : null;
  const busy = event && event.kind !== 'arrive' && event.core === core;
  const keyW = box.w * 0.52;
  return (
    <g className={`node core${busy ? ' busy' : ''}${selected ? ' selected' : ''}${view?.diverged ? ' diverged' : ''}`} data-testid={`core-${core}`}>
      <rect
        x={box.x} y={box.y} width={box.w} height={box.h} rx={10}
        role="button" tabIndex={0} aria-label={`Core ${core}: inspect its replica`}
        onClick={() => onSelect(core)}
        onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onSelect(core))}
      />
      <text x={box.x + 12} y={box.y + 24} className="title left">{`Core ${core}`}</text>
      <text x={box.x + box.w - 12} y={box.y + 24} className="sub right">
        {view ? (view.lastApplied < 0 ? 'nothing applied yet' : `applied up to #${view.lastApplied}`) : ''}
      </text>
      <text x={box.x + 12} y={box.y + 44} className="sub left">{view ? `replica: ${view.entryCount.toLocaleString('en-US')} entries` : ''}</text>
      {view?.rows.slice(0, rows).map((row, i) => {
        const y = box.y + CORE_HEADER + i * ROW_HEIGHT;
        const flashing = touching !== null && touching.key !== null && String(touching.key) === row.key;
        const value = flashing && touching.before !== touching.after ? `${touching.before ?? 'new'} → ${touching.after ?? '—'}` : row.value;
        return (
          <g
            key={row.key}
            className={`state-row${flashing ? ' flash' : ''}${watchKey === row.key ? ' watched' : ''}`}
            data-key={row.keyText}
            data-value={row.value}
            onClick={() => onWatch(row.key)}
          >
            {flashing && <rect key={event?.index} className="flash-bg" x={box.x + 4} y={y} width={box.w - 8} height={ROW_HEIGHT - 2} rx={4} />}
            <rect x={box.x + 10} y={y + 6} width={10} height={10} rx={2} style={{ fill: flowColour(row.colour) }} />
            <text x={box.x + 26} y={y + 16} className="row-key">{row.keyText}</text>
            <text x={box.x + keyW} y={y + 16} className="row-value">{value}</text>
          </g>
        );
      })}
      {hiddenNote && <text x={box.x + box.w / 2} y={box.y + box.h - 8} className="sub">{hiddenNote}</text>}
    </g>
  );
}
