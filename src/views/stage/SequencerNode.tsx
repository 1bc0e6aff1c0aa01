import type { FrameView } from '../../worker/protocol';
import { flowColour } from './colours';
import { fitText } from './fit-text';
import { FlowMark } from './FlowMark';
import type { Box } from './layout';

const CELL = 26;
const CELL_GAP = 4;

/** The sequencer with its history ring: one cell per slot, the oldest record's slot marked. */
export function SequencerNode({ box, ring, caption, perRow }: { box: Box; ring: FrameView['ring'] | null; caption: string; perRow: number }) {
  const slots = ring?.slots ?? [];
  const cols = Math.min(perRow, Math.max(1, slots.length));
  const gridW = cols * CELL + (cols - 1) * CELL_GAP;
  const x0 = box.x + (box.w - gridW) / 2;
  const y0 = box.y + 92;
  return (
    <g className="node sequencer" data-testid="sequencer" data-stage="sequencer">
      <rect x={box.x} y={box.y} width={box.w} height={box.h} rx={12} />
      <text x={box.x + box.w / 2} y={box.y + 30} className="title">Sequencer</text>
      <text x={box.x + box.w / 2} y={box.y + 56} className="sub">{fitText(caption, box.w - 12, 14)}</text>
      <text x={box.x + box.w / 2} y={box.y + 80} className="sub">{fitText(slots.length === 0 ? 'no history (1 core)' : `history ring, ${slots.length} slots`, box.w - 12, 14)}</text>
      <g data-stage="ring">
      {slots.map((seq, i) => {
        const cx = x0 + (i % cols) * (CELL + CELL_GAP);
        const cy = y0 + Math.floor(i / cols) * (CELL + CELL_GAP + 12);
        const oldest = ring?.index === i;
        return (
          <g key={i} className={`ring-cell${seq < 0 ? ' empty' : ''}${oldest ? ' oldest' : ''}`}>
            <title>{seq < 0 ? `slot ${i}: empty` : `slot ${i}: record of packet #${seq}: ${ring?.labels[i] ?? ''}${oldest ? ' (oldest)' : ''}`}</title>
            <rect x={cx} y={cy} width={CELL} height={CELL} rx={4} style={{ fill: seq < 0 ? undefined : flowColour(ring?.colours[i] ?? -1) }} />
            {seq >= 0 && <FlowMark x={cx + 7} y={cy + 7} size={12} colour={ring?.colours[i] ?? -1} variant="glyph" />}
            <text x={cx + CELL / 2} y={cy + CELL + 11} className="cell-label">{seq < 0 ? '–' : `#${seq}`}</text>
          </g>
        );
      })}
      </g>
      {ring && slots.length > 0 && <text x={box.x + box.w / 2} y={box.y + box.h - 12} className="sub">{fitText(`ring index ${ring.index} = oldest`, box.w - 12, 14)}</text>}
    </g>
  );
}
