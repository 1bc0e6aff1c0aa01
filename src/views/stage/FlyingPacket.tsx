import { easeCubicInOut } from 'd3';
import { useEffect, useRef } from 'react';
import type { FrameView } from '../../worker/protocol';
import { flowColour } from './colours';
import { prefersReducedMotion, type EventAnimation } from './event-animation';
import { FlowMark } from './FlowMark';
import type { StageLayout } from './layout';
import { PACKET_H, PACKET_W, packetPose } from './packet-path';

const CHIP = 14;
const CHIPS_PER_ROW = 8;

interface Props {
  frame: FrameView;
  layout: StageLayout;
  animation: EventAnimation;
  selected: boolean;
  /** The watched key's text: its packet and chips are outlined. */
  watchText: string | null;
  onSelect(seq: number): void;
}

/**
 * The packet in flight with its piggybacked history chips. React draws what it looks like; a
 * requestAnimationFrame loop moves it (writing the transform directly), so animating never
 * re-renders React.
 */
export function FlyingPacket({ frame, layout, animation, selected, watchText, onSelect }: Props) {
  const group = useRef<SVGGElement>(null);
  const { event, packet, chips } = frame;

  useEffect(() => {
    if (!event) return;
    let handle = 0;
    const reduced = prefersReducedMotion();
    const draw = (now: number) => {
      const t = reduced ? 1 : easeCubicInOut(animation.progress(now));
      const pose = packetPose(layout, event, t);
      group.current?.setAttribute('transform', `translate(${pose.x - PACKET_W / 2},${pose.y - PACKET_H / 2})`);
      group.current?.setAttribute('opacity', String(pose.opacity));
      if (t < 1) handle = requestAnimationFrame(draw);
    };
    handle = requestAnimationFrame(draw);
    return () => cancelAnimationFrame(handle);
  }, [event, layout, animation]);

  if (!event || !packet) return null;
  const showChips = event.kind === 'dispatch' || event.kind === 'apply';
  return (
    <g ref={group} className={`packet${selected ? ' selected' : ''}${watchText !== null && packet.keyText === watchText ? ' watched' : ''}`} data-testid="packet" data-stage="packet" data-seq={packet.seq}>
      <rect
        width={PACKET_W} height={PACKET_H} rx={8} style={{ stroke: flowColour(packet.colour) }}
        role="button" tabIndex={0} aria-label={`Packet #${packet.seq}: ${packet.text}. Inspect it`}
        onClick={() => onSelect(packet.seq)}
        onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onSelect(packet.seq))}
      />
      <text x={PACKET_W / 2} y={PACKET_H / 2 + 6} className="packet-label">{`#${packet.seq}`}</text>
      <g data-stage="chips">
      {showChips &&
        chips.map((chip, i) => (
          <g key={chip.seq} className={`chip${chip.applied ? ' applied' : ''}${chip.skipped ? ' skipped' : ''}${watchText !== null && chip.keyText === watchText ? ' watched' : ''}`}>
            <title>{`history record #${chip.seq}: ${chip.record}${chip.applied ? ' (applied)' : ''}`}</title>
            <FlowMark x={(i % CHIPS_PER_ROW) * (CHIP + 3)} y={-CHIP - 4 - Math.floor(i / CHIPS_PER_ROW) * (CHIP + 3)} size={CHIP} colour={chip.colour} />
          </g>
        ))}
      </g>
    </g>
  );
}
