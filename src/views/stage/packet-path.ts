import type { TimelineEvent } from '../../engine/timeline/events';
import { PACKET_H, PACKET_W, SOURCE_H, DOOR, coreDoorY, type Box, type StageLayout } from './layout';

export { PACKET_H, PACKET_W };

export interface Point {
  x: number;
  y: number;
}

export interface Pose extends Point {
  opacity: number;
}

/** A sink's label and count sit above this line (from its top); packets land below it. */
export const SINK_ZONE_TOP = 78;

/** Where the packet waits beside core c (in the lane, level with the core's title) while it fast-forwards. */
export function parkedAt(layout: StageLayout, core: number): Point {
  const box = coreBox(layout, core);
  return { x: layout.lane.x + 8 + PACKET_W / 2, y: coreDoorY(box) };
}

function coreBox(layout: StageLayout, core: number): Box {
  // A core beyond the drawn ones is reached through the last drawn box (its "+ k more" note).
  return layout.cores[Math.min(core, layout.cores.length - 1)] as Box;
}

const lerp = (a: Point, b: Point, t: number): Point => ({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t });

/** Where an arriving packet waits: at the sequencer's door, between traffic and the sequencer. */
export function doorAt(layout: StageLayout): Point {
  return { x: layout.sequencer.x + layout.sequencer.w / 2, y: layout.source.y + SOURCE_H + DOOR / 2 };
}

/** Where an arriving packet comes from: the left end of the door, so it slides in left to right. */
function doorEntry(layout: StageLayout): Point {
  return { x: layout.sequencer.x + PACKET_W / 2 + 2, y: doorAt(layout).y };
}

/** Where a dispatched packet leaves the sequencer: just inside the lane, level with the sequencer's middle. */
function dispatchStart(layout: StageLayout): Point {
  return { x: layout.lane.x + 8 + PACKET_W / 2, y: layout.sequencer.y + layout.sequencer.h / 2 };
}

/** Where the link from the sequencer to core c passes halfway: where a packet lost on it vanishes. */
export function linkMidpoint(layout: StageLayout, core: number): Point {
  return lerp(dispatchStart(layout), parkedAt(layout, core), 0.5);
}

/** Goes from a to b over the first 60 % of the event, then fades out there: a packet being lost. */
function lostOnTheWay(a: Point, b: Point, t: number): Pose {
  const reach = 0.6;
  if (t < reach) return { ...lerp(a, b, t / reach), opacity: 1 };
  return { ...b, opacity: Math.max(0, 1 - (t - reach) / (1 - reach)) };
}

/** The sink's landing zone, below its label and count: where a packet with its verdict comes to rest. */
function landing(sink: Box): { from: Point; to: Point } {
  const x = sink.x + sink.w / 2;
  // Room below for the ✂ (drop it on its way out).
  const to = { x, y: sink.y + sink.h - PACKET_H / 2 - 36 };
  return { from: { x, y: Math.min(to.y, sink.y + SINK_ZONE_TOP + PACKET_H / 2) }, to };
}

/**
 * The packet's pose during an event, at progress t (0..1, already eased). It only ever crosses
 * the lane, the door and the sinks' landing zones, so it never covers a core's title or a count:
 * arrive: slides in at the sequencer's door; dispatch: sequencer -> the lane beside its core;
 * apply: waits there while the history chips are consumed; process: goes into the core, then
 * shows in its sink's landing zone with the verdict.
 */
export function packetPose(layout: StageLayout, event: TimelineEvent, t: number): Pose {
  const door = doorAt(layout);
  switch (event.kind) {
    case 'arrive':
      return { ...lerp(doorEntry(layout), door, t), opacity: 1 };
    case 'dispatch':
      return { ...lerp(dispatchStart(layout), parkedAt(layout, event.core), t), opacity: 1 };
    case 'apply':
      return { ...parkedAt(layout, event.core), opacity: 1 };
    case 'process': {
      const enter = 0.3;
      if (t < enter) return { ...parkedAt(layout, event.core), opacity: 1 - t / enter };
      const zone = landing(event.verdict === 'DROP' ? layout.drop : layout.pass);
      const u = (t - enter) / (1 - enter);
      return { ...lerp(zone.from, zone.to, u), opacity: Math.min(1, u * 2) };
    }
    case 'lost-before':
      return lostOnTheWay(doorEntry(layout), door, t);
    case 'lost-link':
      return lostOnTheWay(dispatchStart(layout), linkMidpoint(layout, event.core), t);
    case 'lost-after':
      return { ...parkedAt(layout, event.core), opacity: 1 - t };
    default:
      // Catching up after a loss: the packet waits beside its core.
      return { ...parkedAt(layout, event.core), opacity: 1 };
  }
}
