import type { FrameView } from '../../worker/protocol';
import { flowColour } from './colours';
import { wrapText } from './fit-text';
import { FlowMark } from './FlowMark';
import { FONT, RING_CELL, RING_ROW_PITCH, SEQUENCER_TOP, type Box } from './layout';
import { ringSummary } from './ring-summary';

interface Props {
  box: Box;
  ring: FrameView['ring'] | null;
  caption: string;
  perRow: number;
  pitch: number;
  /** The packet the sequencer is handling (or has just handled), -1 for none. */
  seq: number;
}

/** The sequencer with its history ring: one cell per slot, the oldest record's slot marked, and what it holds in words. */
export function SequencerNode({ box, ring, caption, perRow, pitch, seq }: Props) {
  const slots = ring?.slots ?? [];
  const cols = Math.min(perRow, Math.max(1, slots.length));
  const gridW = (cols - 1) * pitch + RING_CELL;
  const x0 = box.x + (box.w - gridW) / 2;
  const y0 = box.y + SEQUENCER_TOP;
  const mid = box.x + box.w / 2;
  // Two caption lines are always reserved, so the ring never moves.
  const captionLines = wrapText(caption, box.w - 12, FONT.sub).slice(0, 2);
  const summary = ring ? ringSummary(ring.slots, ring.index, seq) : null;
  return (
    <g className="node sequencer" data-testid="sequencer" data-stage="sequencer">
      <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={12} />
      <text x={mid} y={box.y + 25} className="title">Sequencer</text>
      <text x={mid} y={box.y + 45} className="sub" data-testid="sequencer-caption">
        {captionLines.map((line, i) => <tspan key={i} x={mid} dy={i === 0 ? 0 : 17}>{line}</tspan>)}
      </text>
      <text x={mid} y={box.y + 83} className="sub">{slots.length === 0 ? 'no history (1 core)' : `ring: ${slots.length} slot${slots.length === 1 ? '' : 's'}`}</text>
      <g data-stage="ring">
      {slots.map((s, i) => {
        const cx = x0 + (i % cols) * pitch;
        const cy = y0 + Math.floor(i / cols) * RING_ROW_PITCH;
        const oldest = ring?.index === i;
        return (
          <g key={i} className={`ring-cell${s < 0 ? ' empty' : ''}${oldest ? ' oldest' : ''}`}>
            <title>{s < 0 ? `slot ${i}: empty` : `slot ${i}: record of packet #${s}: ${ring?.labels[i] ?? ''}${oldest ? ' (oldest)' : ''}`}</title>
            <rect x={cx} y={cy} width={RING_CELL} height={RING_CELL} rx={4} style={{ fill: s < 0 ? undefined : flowColour(ring?.colours[i] ?? -1) }} />
            {s >= 0 && <FlowMark x={cx + 7} y={cy + 7} size={12} colour={ring?.colours[i] ?? -1} variant="glyph" />}
            <text x={cx + RING_CELL / 2} y={cy + RING_CELL + 15} className="cell-label">{s < 0 ? '–' : `#${s}`}</text>
          </g>
        );
      })}
      </g>
      {summary && (
        <text x={mid} y={box.y + box.h - 26} className="sub ring-summary" data-testid="ring-summary">
          <tspan x={mid}>{summary.holds}</tspan>
          <tspan x={mid} dy={17}>{summary.detail}</tspan>
        </text>
      )}
    </g>
  );
}
