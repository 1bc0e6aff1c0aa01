import type { TimelineEvent } from '../../engine/timeline/events';
import type { CoreView } from '../../worker/protocol';
import { HistoryChipMark } from './HistoryChipMark';
import { pickLabel, textWidth } from './fit-text';
import { FlowMark } from './FlowMark';
import { progressLabel, rowText, type TableColumns } from './core-table';
import { FONT, ROW_HEIGHT, chipSize, type Box } from './layout';

interface Props {
  box: Box;
  /** The core's number (known before its first frame arrives). */
  core: number;
  view: CoreView | undefined;
  rows: number;
  /** Top of the first row, from the top of the box. */
  header: number;
  /** Left edge of the big chip of a given width, beside the box (see `bigChipX`). */
  bigX(chipW: number): number;
  columns: TableColumns;
  /** Values in their short designed labels (see the stage's legend). */
  short: boolean;
  /** The event being animated, when it changes this core's state (apply or process). */
  event: TimelineEvent | null;
  hiddenCount: number | null;
  selected: boolean;
  watchKey: string | null;
  onSelect(core: number): void;
  onWatch(key: string): void;
}

/** The bottom line of a core in a loss run: whom it waits for, what is queued, the newest records of its log (as many as fit). */
function coreFooter(view: CoreView, widthPx: number): string {
  const parts: string[] = [];
  if (view.waiting) parts.push(`waits for core ${view.waiting.peer}`);
  if (view.queued > 0) parts.push(`${view.queued} queued`);
  const candidates = [];
  for (let k = view.log.length; k >= 0; k--) {
    const log = k > 0 ? [`log ${k < view.log.length ? '… ' : ''}${view.log.slice(-k).map((x) => `#${x}`).join(' ')}`] : [];
    candidates.push([...parts, ...log].join(' · '));
  }
  return pickLabel(candidates, widthPx, FONT.sub);
}

/**
 * One core and its replica: a table of the watched keys, the touched row flashing old → new; while
 * a history record is applied, its chip is drawn large beside the row it changes.
 */
export function CoreNode({ box, core, view, rows, header, bigX, columns, short, event, hiddenCount, selected, watchKey, onSelect, onWatch }: Props) {
  const touching = event && (event.kind === 'apply' || event.kind === 'process') && event.core === core ? event : null;
  const busy = event && event.kind !== 'arrive' && event.core === core;
  const title = `Core ${core}`;
  const progress = view ? progressLabel(view.lastApplied, box.w - 24 - textWidth(title, FONT.title, true) - 12) : '';
  const shown = view?.rows.slice(0, rows) ?? [];
  const appliedRow = touching?.kind === 'apply' ? shown.findIndex((r) => touching.key !== null && String(touching.key) === r.key) : -1;
  const big = touching?.kind === 'apply' ? chipSize(touching.record, true) : null;
  return (
    <g className={`node core${busy ? ' busy' : ''}${selected ? ' selected' : ''}${view?.diverged ? ' diverged' : ''}`} data-testid={`core-${core}`} data-stage="core" data-core={core}>
      <rect
        x={box.x} y={box.y} width={box.w} height={box.h} rx={10}
        role="button" tabIndex={0} aria-label={`Core ${core}: inspect its replica`}
        onClick={() => onSelect(core)}
        onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onSelect(core))}
      />
      <text x={box.x + 12} y={box.y + 21} className="title left core-title">{title}</text>
      <text x={box.x + box.w - 12} y={box.y + 20} className="sub right core-progress">{progress}</text>
      {shown.map((row, i) => {
        const y = box.y + header + i * ROW_HEIGHT;
        const flashing = touching !== null && touching.key !== null && String(touching.key) === row.key;
        const value = rowText(row.value, flashing ? { before: touching.before, after: touching.after } : null, short, columns.valueW);
        return (
          <g
            key={row.key}
            className={`state-row${flashing ? ' flash' : ''}${watchKey === row.key ? ' watched' : ''}`}
            data-key={row.keyText}
            data-value={row.value}
            onClick={() => onWatch(row.key)}
          >
            <title>{`${row.keyText}: ${flashing && touching.before !== touching.after ? `${touching.before ?? 'new'} → ${touching.after ?? '—'}` : row.value}`}</title>
            {flashing && <rect key={event?.index} className="flash-bg" x={box.x + 4} y={y} width={box.w - 8} height={ROW_HEIGHT - 2} rx={4} />}
            <FlowMark x={box.x + 9} y={y + 5} size={12} colour={row.colour} />
            <text x={columns.keyX} y={y + 16} className="row-key">{row.keyText}</text>
            <text x={columns.valueX} y={y + 16} className="row-value">{value}</text>
          </g>
        );
      })}
      {big && appliedRow >= 0 && touching?.kind === 'apply' && (
        <g className="chip big applying" data-testid="applying-chip" transform={`translate(${bigX(big.w)},${box.y + header + appliedRow * ROW_HEIGHT + (ROW_HEIGHT - 2 - big.h) / 2})`}>
          <title>{`history record #${touching.record}, being applied (${touching.step} of ${touching.of})`}</title>
          <HistoryChipMark seq={touching.record} colour={shown[appliedRow]?.colour ?? -1} big />
        </g>
      )}
      {view && hiddenCount === null && (view.log.length > 0 || view.waiting || view.queued > 0) && (
        <text x={box.x + box.w - 10} y={box.y + box.h - 8} className="sub right core-log" data-testid={`core-${core}-log`}>
          {coreFooter(view, box.w - 20)}
        </text>
      )}
      {hiddenCount !== null && (
        <text x={box.x + box.w / 2} y={box.y + box.h - 8} className="sub">
          {pickLabel([`+ ${hiddenCount} more cores not drawn`, `+ ${hiddenCount} more cores`, `+ ${hiddenCount}`], box.w - 16, FONT.sub)}
        </text>
      )}
    </g>
  );
}
