import type { TimelineEvent } from '../../engine/timeline/events';
import { centre, leftMid, rightMid, type Box, type StageLayout } from './layout';

export interface Point {
  x: number;
  y: number;
}

export interface Pose extends Point {
  opacity: number;
}

export const PACKET_W = 78;
export const PACKET_H = 32;

/** Where the packet waits beside core c while it fast-forwards. */
export function parkedAt(layout: StageLayout, core: number): Point {
  const box = coreBox(layout, core);
  return { x: box.x - PACKET_W / 2 - 8, y: box.y + Math.min(box.h / 2, 40) };
}

function coreBox(layout: StageLayout, core: number): Box {
  // A core beyond the drawn ones is reached through the last drawn box (its "+ k more" note).
  return layout.cores[Math.min(core, layout.cores.length - 1)] as Box;
}

const lerp = (a: Point, b: Point, t: number): Point => ({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });

/** Where the link from the sequencer to core c passes halfway: where a packet lost on it vanishes. */
export function linkMidpoint(layout: StageLayout, core: number): Point {
  const from = rightMid(layout.sequencer);
  const to = parkedAt(layout, core);
  return { x: (from.x + to.x) / 2, y: (from.y + to.y) / 2 };
}

/** Goes from a to b over the first 60 % of the event, then fades out there: a packet being lost. */
function lostOnTheWay(a: Point, b: Point, t: number): Pose {
  const reach = 0.6;
  if (t < reach) return { ...lerp(a, b, t / reach), opacity: 1 };
  return { ...b, opacity: Math.max(0, 1 - (t - reach) / (1 - reach)) };
}

/**
 * The packet's pose during an event, at progress t (0..1, already eased):
 * arrive: source -> sequencer; dispatch: sequencer -> its core; apply: waits at the core while
 * the history chips are consumed; process: goes into the core, then leaves from its right side
 * for PASS or DROP.
 */
export function packetPose(layout: StageLayout, event: TimelineEvent, t: number): Pose {
  const seqIn = leftMid(layout.sequencer);
  switch (event.kind) {
    case 'arrive':
      // Waits at the sequencer's door, so it never hides the ring.
      return { ...lerp(rightMid(layout.source), { x: seqIn.x - PACKET_W / 2 - 4, y: seqIn.y + PACKET_H }, t), opacity: 1 };
    case 'dispatch': {
      const from = rightMid(layout.sequencer);
      return { ...lerp({ x: from.x + PACKET_W / 2 + 4, y: from.y }, parkedAt(layout, event.core), t), opacity: 1 };
    }
    case 'apply':
      return { ...parkedAt(layout, event.core), opacity: 1 };
    case 'process': {
      const enter = 0.25;
      if (t < enter) return { ...parkedAt(layout, event.core), opacity: 1 - t / enter };
      const box = coreBox(layout, event.core);
      const exit = { x: box.x + box.w + PACKET_W / 2 + 6, y: box.y + Math.min(box.h / 2, 40) };
      const sink = event.verdict === 'DROP' ? layout.drop : layout.pass;
      // Lands in the lower part of the sink, below its label and count.
      const landing = { x: centre(sink).x, y: sink.y + sink.h - PACKET_H / 2 - 8 };
      return { ...lerp(exit, landing, (t - enter) / (1 - enter)), opacity: 1 };
    }
    case 'lost-before': {
      const from = rightMid(layout.source);
      return lostOnTheWay(from, lerp(from, { x: seqIn.x - PACKET_W / 2 - 4, y: seqIn.y + PACKET_H }, 0.5), t);
    }
    case 'lost-link': {
      const from = rightMid(layout.sequencer);
      return lostOnTheWay({ x: from.x + PACKET_W / 2 + 4, y: from.y }, linkMidpoint(layout, event.core), t);
    }
    case 'lost-after': {
      const box = coreBox(layout, event.core);
      const exit = { x: box.x + box.w + PACKET_W / 2 + 6, y: box.y + Math.min(box.h / 2, 40) };
      const sink = event.verdict === 'DROP' ? layout.drop : layout.pass;
      return lostOnTheWay(exit, lerp(exit, centre(sink), 0.5), t);
    }
    default:
      // Catching up after a loss: the packet waits beside its core.
      return { ...parkedAt(layout, event.core), opacity: 1 };
  }
}
