import type { TimelineEvent } from '../../engine/timeline/events';
import type { CoreView } from '../../worker/protocol';
import { fitText } from './fit-text';
import { FlowMark } from './FlowMark';
import { ROW_HEIGHT, type Box } from './layout';

interface Props {
  box: Box;
  view: CoreView | undefined;
  rows: number;
  /** Small box: title and progress on one line, rows right below. */
  compact: boolean;
  /** Top of the first row, from the top of the box. */
  header: number;
  /** The event being animated, when it changes this core's state (apply or process). */
  event: TimelineEvent | null;
  hiddenNote: string | null;
  selected: boolean;
  watchKey: string | null;
  onSelect(core: number): void;
  onWatch(key: string): void;
}

/** The bottom line of a core in a loss run: what its log holds, whom it waits for, what is queued. */
function coreFooter(view: CoreView): string {
  const parts: string[] = [];
  if (view.waiting) parts.push(`waits for core ${view.waiting.peer}`);
  if (view.queued > 0) parts.push(`${view.queued} queued`);
  if (view.log.length > 0) parts.push(`log …${view.log.map((x) => `#${x}`).join(' ')}`);
  return parts.join(' · ');
}

/** One core and its replica: a compact table of the watched keys, the touched row flashing old → new. */
export function CoreNode({ box, view, rows, compact, header, event, hiddenNote, selected, watchKey, onSelect, onWatch }: Props) {
  const core = view?.core ?? 0;
  const touching = event && (event.kind === 'apply' || event.kind === 'process') && event.core === core ? event : null;
  const busy = event && event.kind !== 'arrive' && event.core === core;
  const keyX = box.x + 26;
  // The key column is as wide as the longest key shown (within limits), the value takes the rest.
  const longestKey = Math.max(6, ...(view?.rows.slice(0, rows).map((r) => r.keyText.length) ?? [0]));
  const valueX = keyX + Math.min(box.w * 0.6, longestKey * 15 * 0.56 + 14);
  const progress = view ? (view.lastApplied < 0 ? 'nothing applied yet' : `applied up to #${view.lastApplied}`) : '';
  const entries = view ? `${view.entryCount.toLocaleString('en-US')} entr${view.entryCount === 1 ? 'y' : 'ies'}` : '';
  return (
    <g className={`node core${busy ? ' busy' : ''}${selected ? ' selected' : ''}${view?.diverged ? ' diverged' : ''}`} data-testid={`core-${core}`} data-stage="core" data-core={core}>
      <rect
        x={box.x} y={box.y} width={box.w} height={box.h} rx={10}
        role="button" tabIndex={0} aria-label={`Core ${core}: inspect its replica`}
        onClick={() => onSelect(core)}
        onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onSelect(core))}
      />
      <text x={box.x + 12} y={box.y + (compact ? 21 : 24)} className={`title left${compact ? ' compact' : ''}`}>{`Core ${core}`}</text>
      {compact ? (
        <text x={box.x + box.w - 10} y={box.y + 20} className="sub right">
          {/* Leave room for the title: "Core 12" is wider than "Core 2" (about 10 px a bold glyph). */}
          {fitText(view && view.lastApplied >= 0 ? `up to #${view.lastApplied}` : progress, box.w - 30 - `Core ${core}`.length * 10, 14)}
        </text>
      ) : (
        <>
          <text x={box.x + box.w - 12} y={box.y + 24} className="sub right">{fitText(progress, box.w - 100, 14)}</text>
          <text x={box.x + 12} y={box.y + 44} className="sub left">{`replica: ${entries}`}</text>
        </>
      )}
      {view?.rows.slice(0, rows).map((row, i) => {
        const y = box.y + header + i * ROW_HEIGHT;
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
            <title>{`${row.keyText}: ${value}`}</title>
            {flashing && <rect key={event?.index} className="flash-bg" x={box.x + 4} y={y} width={box.w - 8} height={ROW_HEIGHT - 2} rx={4} />}
            <FlowMark x={box.x + 9} y={y + 5} size={12} colour={row.colour} />
            <text x={keyX} y={y + 16} className="row-key">{fitText(row.keyText, valueX - keyX - 8, 15)}</text>
            <text x={valueX} y={y + 16} className="row-value">{fitText(value, box.x + box.w - valueX - 8, 15)}</text>
          </g>
        );
      })}
      {view && !hiddenNote && (view.log.length > 0 || view.waiting || view.queued > 0) && (
        <text x={box.x + box.w - 10} y={box.y + box.h - 8} className="sub right core-log" data-testid={`core-${core}-log`}>
          {fitText(coreFooter(view), box.w - 20, 13)}
        </text>
      )}
      {hiddenNote && <text x={box.x + box.w / 2} y={box.y + box.h - 8} className="sub">{hiddenNote}</text>}
    </g>
  );
}
