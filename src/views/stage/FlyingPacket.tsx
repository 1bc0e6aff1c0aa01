import { easeCubicInOut } from 'd3';
import { useLayoutEffect, useRef, useState } from 'react';
import type { LossPlace } from '../../engine/scr/loss';
import type { TimelineEvent } from '../../engine/timeline/events';
import type { FrameView } from '../../worker/protocol';
import { flowColour } from './colours';
import { useAnimationClock } from '../clock/clock-context';
import { EventAnimation, prefersReducedMotion } from './event-animation';
import { wrapText } from './fit-text';
import { HistoryChipMark } from './HistoryChipMark';
import { CARRIES_W, CHIP_SPACING, FONT, chipSize, flowChips, historyGoesUp, type StageLayout } from './layout';
import { PACKET_H, PACKET_W, packetPose } from './packet-path';

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
  const box = layout.cores[Math.min(event.core >= 0 ? event.core : Math.max(0, packet.core), layout.cores.length - 1)];
  // With two columns of cores, the lane is beside the first: say which core the packet waits for.
  const forCore = box && box.x > (layout.cores[0]?.x ?? 0) ? packet.core : null;
  const history = showChips ? historyBlock(chips, box ? historyGoesUp(layout, box) : false, event.kind === 'apply' ? event.record : -1, forCore) : null;
  const drop = dropButtonAt(event.kind);
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
          <circle cx={drop.x} cy={drop.y} r={DROP_R} />
          <text x={drop.x} y={drop.y + 6} aria-hidden="true">✂</text>
        </g>
      )}
      {history && (
        <text x={0} y={history.captionY} className="sub left carries" data-testid="carries">
          {history.caption.map((line, i) => <tspan key={i} x={0} dy={i === 0 ? 0 : CAPTION_LINE}>{line}</tspan>)}
        </text>
      )}
      <g data-stage="chips">
      {history?.chips.map(({ chip, x, y, current }) => (
        <g
          key={chip.seq} transform={`translate(${x},${y})`}
          className={`chip${chip.applied ? ' applied' : ''}${chip.skipped ? ' skipped' : ''}${current ? ' current' : ''}${watchText !== null && chip.keyText === watchText ? ' watched' : ''}`}
        >
          <title>{`history record #${chip.seq}: ${chip.record}${chip.skipped ? ' (applied before)' : chip.applied ? ' (applied)' : ''}`}</title>
          <HistoryChipMark seq={chip.seq} colour={chip.colour} />
        </g>
      ))}
      </g>
    </g>
  );
}

const DROP_R = 13;
const CAPTION_LINE = 17;

/**
 * Where the ✂ sits: to the right of the packet at the door and in the lane (where the big chip
 * would go, but no chip is being applied while a packet can be dropped), below it in a sink.
 */
function dropButtonAt(kind: TimelineEvent['kind']): { x: number; y: number } {
  if (kind === 'process') return { x: PACKET_W - DROP_R, y: PACKET_H + DROP_R + 3 };
  return { x: PACKET_W + DROP_R + 3, y: PACKET_H / 2 - 2 };
}

/**
 * The history the packet carries, under it (over it, for cores in the stage's lower half): the
 * caption "carries #5–#7", then the chips in rows, all inside the lane beside the core.
 */
function historyBlock(chips: FrameView['chips'], up: boolean, applying: number, forCore: number | null) {
  const carries = chips.length === 0 ? 'carries no history' : `carries ${chips.length === 1 ? `#${chips[0]?.seq}` : `#${chips[0]?.seq}–#${chips.at(-1)?.seq}`}`;
  const caption = [...(forCore === null ? [] : [`to core ${forCore},`]), ...wrapText(carries, CARRIES_W, FONT.sub)];
  const captionH = caption.length * CAPTION_LINE;
  const sizes = chips.map((c) => chipSize(c.seq));
  const rowPitch = (sizes[0]?.h ?? 0) + CHIP_SPACING;
  const spots = flowChips(sizes.map((s) => s.w), CARRIES_W, CHIP_SPACING, rowPitch);
  const rows = spots.length === 0 ? 0 : (spots.at(-1)?.y ?? 0) / rowPitch + 1;
  // Down: caption lines, then chip rows below the packet. Up: the same, mirrored above it.
  const captionY = up ? -6 - (caption.length - 1) * CAPTION_LINE - 4 : PACKET_H + 16;
  const chipsTop = up ? -captionH - 8 - rows * rowPitch : PACKET_H + captionH + 6;
  return {
    up,
    caption,
    captionY,
    chips: chips.map((chip, i) => ({ chip, x: spots[i]?.x ?? 0, y: chipsTop + (spots[i]?.y ?? 0), current: chip.seq === applying })),
  };
}
