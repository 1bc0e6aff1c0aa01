import { easeCubicInOut } from 'd3';
import { useLayoutEffect, useRef, useState } from 'react';
import type { LossPlace } from '../../engine/scr/loss';
import type { TimelineEvent } from '../../engine/timeline/events';
import type { FrameView } from '../../worker/protocol';
import { flowColour } from './colours';
import { useAnimationClock } from '../clock/clock-context';
import { EventAnimation, prefersReducedMotion } from './event-animation';
import { FlowMark } from './FlowMark';
import type { StageLayout } from './layout';
import { PACKET_H, PACKET_W, packetPose } from './packet-path';

const CHIP = 14;
const CHIPS_PER_ROW = 8;

interface Props {
  frame: FrameView;
  layout: StageLayout;
  /** How long the move of this frame's event lasts. */
  durationMs: number;
  selected: boolean;
  /** The watched key's text: its packet and chips are outlined. */
  watchText: string | null;
  onSelect(seq: number): void;
  /** Drops the packet where it is flying (absent: no drop button). */
  onDrop?(seq: number, where: LossPlace): void;
}

/** Where a packet in flight would be lost, by the event moving it. */
function dropPlace(event: TimelineEvent): LossPlace | null {
  if (event.kind === 'arrive') return 'before';
  if (event.kind === 'dispatch' && !event.queued) return 'link';
  if (event.kind === 'process') return 'after';
  return null;
}

const PLACE_WORDS: Record<LossPlace, string> = { before: 'before the sequencer', link: 'on its link', after: 'on its way out' };

/**
 * The packet in flight with its piggybacked history chips. React draws what it looks like; the
 * animation clock moves it (writing the transform directly), so animating never re-renders React.
 * The move of a frame's event starts when that frame is first drawn; the first pose is written
 * before the browser paints, so the packet never shows at the stage's origin.
 */
export function FlyingPacket({ frame, layout, durationMs, selected, watchText, onSelect, onDrop }: Props) {
  const group = useRef<SVGGElement>(null);
  const [animation] = useState(() => new EventAnimation());
  const clock = useAnimationClock();
  const { event, packet, chips, position } = frame;

  useLayoutEffect(() => {
    if (!event) return;
    animation.start(String(position), durationMs, clock.now());
    const reduced = prefersReducedMotion();
    const draw = (now: number): number => {
      const t = reduced ? 1 : easeCubicInOut(animation.progress(now));
      const pose = packetPose(layout, event, t);
      group.current?.setAttribute('transform', `translate(${pose.x - PACKET_W / 2},${pose.y - PACKET_H / 2})`);
      group.current?.setAttribute('opacity', String(pose.opacity));
      return t;
    };
    if (draw(clock.now()) >= 1) return;
    const leave = clock.subscribe((now) => {
      if (draw(now) >= 1) leave();
    });
    return leave;
  }, [event, position, layout, durationMs, animation, clock]);

  if (!event || !packet) return null;
  const showChips = event.kind === 'dispatch' || event.kind === 'apply' || event.kind === 'lost-link';
  const place = onDrop && packet.seq >= 0 ? dropPlace(event) : null;
  const dropLabel = place ? `Drop packet #${packet.seq} ${place === 'link' ? `on its link to core ${packet.core}` : PLACE_WORDS[place]}` : '';
  return (
    <g ref={group} className={`packet${selected ? ' selected' : ''}${watchText !== null && packet.keyText === watchText ? ' watched' : ''}`} data-testid="packet" data-stage="packet" data-seq={packet.seq}>
      <rect
        width={PACKET_W} height={PACKET_H} rx={8} style={{ stroke: flowColour(packet.colour) }}
        role="button" tabIndex={0} aria-label={`Packet #${packet.seq}: ${packet.text}. Inspect it`}
        onClick={() => onSelect(packet.seq)}
        onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onSelect(packet.seq))}
      />
      <text x={PACKET_W / 2} y={PACKET_H / 2 + 6} className="packet-label">{packet.seq >= 0 ? `#${packet.seq}` : 'lost'}</text>
      {place && (
        <g
          className="drop-button" role="button" tabIndex={0} aria-label={dropLabel} data-testid="drop-packet"
          onClick={() => onDrop?.(packet.seq, place)}
          onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), onDrop?.(packet.seq, place))}
        >
          <title>{`${dropLabel} (x drops the next packet on its link)`}</title>
          <circle cx={PACKET_W + 16} cy={PACKET_H / 2} r={14} />
          <text x={PACKET_W + 16} y={PACKET_H / 2 + 6} aria-hidden="true">✂</text>
        </g>
      )}
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
