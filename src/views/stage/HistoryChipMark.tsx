import { FlowMark } from './FlowMark';
import { FONT, chipSize } from './layout';

/**
 * A history record as a chip: its flow's mark (colour and shape) and its number, "#5". The number
 * stays on the chip while the core replays it, so packet, ring and log can be read together.
 */
export function HistoryChipMark({ seq, colour, big = false }: { seq: number; colour: number; big?: boolean }) {
  const { w, h } = chipSize(seq, big);
  const mark = big ? 16 : 10;
  return (
    <>
      <rect className="chip-bg" width={w} height={h} rx={h / 2.6} />
      <FlowMark x={6} y={(h - mark) / 2} size={mark} colour={colour} />
      <text x={6 + mark + 4} y={h / 2 + (big ? FONT.bigChip : FONT.chip) * 0.36} className="chip-label left">{`#${seq}`}</text>
    </>
  );
}
