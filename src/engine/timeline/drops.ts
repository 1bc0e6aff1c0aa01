/**
 * Dropping a packet by hand, as a timeline edit: the loss plan of the run with one more packet
 * lost, and the bookkeeping that keeps every drop on its own packet when packets are inserted.
 */
import { ConfigSchedule } from '../scr/config-schedule';
import { FATE_LOST_AFTER, FATE_LOST_LINK, noLoss, type LossPlace, type LossSetup } from '../scr/loss';
import { packetAt, traceFromPackets, withPacketRemoved, type PacketInit } from '../trace/trace';
import type { TimelineEvent } from './events';
import type { TimelineInput } from './timeline';

function lossOf(input: TimelineInput): LossSetup {
  return input.loss ?? noLoss(input.trace.count);
}

/** The run's input with packet `seq` lost at `where`. */
export function dropPacket(input: TimelineInput, seq: number, where: LossPlace): TimelineInput {
  const { trace } = input;
  if (!Number.isInteger(seq) || seq < 0 || seq >= trace.count) {
    throw new RangeError(`there is no packet #${seq} to drop: this run has packets #0 to #${trace.count - 1}`);
  }
  const loss = lossOf(input);
  if (where === 'link' || where === 'after') {
    const fate = loss.fate.slice();
    fate[seq] = where === 'link' ? FATE_LOST_LINK : FATE_LOST_AFTER;
    return { ...input, loss: { ...loss, fate } };
  }
  // Before the sequencer: the packet leaves the sequenced trace; later packets are numbered one less.
  const lost = loss.lostBefore;
  const packets: PacketInit[] = [];
  const beforeSeq: number[] = [];
  let placed = false;
  for (let k = 0; k < lost.trace.count; k++) {
    const at = lost.beforeSeq[k] as number;
    if (!placed && at > seq) {
      packets.push(packetAt(trace, seq));
      beforeSeq.push(seq);
      placed = true;
    }
    packets.push(packetAt(lost.trace, k));
    beforeSeq.push(at > seq ? at - 1 : at);
  }
  if (!placed) {
    packets.push(packetAt(trace, seq));
    beforeSeq.push(seq);
  }
  const fate = new Uint8Array(trace.count - 1);
  fate.set(loss.fate.subarray(0, seq), 0);
  fate.set(loss.fate.subarray(seq + 1), seq);
  const configs = input.configs ?? new ConfigSchedule<unknown>(input.program.defaultConfig);
  const later = configs.list.slice(1).map((ch) => (ch.fromSeq > seq ? { ...ch, fromSeq: ch.fromSeq - 1 } : ch));
  return {
    ...input,
    trace: withPacketRemoved(trace, seq),
    configs: new ConfigSchedule(configs.initial, later),
    loss: { ...loss, fate, lostBefore: { trace: traceFromPackets(packets), beforeSeq: Int32Array.from(beforeSeq) } },
  };
}

/** The loss plan after a packet is inserted at `seq`: the new packet is delivered; later ones keep their fate. */
export function insertKeepsLoss(input: TimelineInput, seq: number): TimelineInput {
  if (!input.loss) return input;
  const { loss } = input;
  const fate = new Uint8Array(loss.fate.length + 1);
  fate.set(loss.fate.subarray(0, seq), 0);
  fate.set(loss.fate.subarray(seq), seq + 1);
  const beforeSeq = loss.lostBefore.beforeSeq.map((at) => (at > seq ? at + 1 : at));
  return { ...input, loss: { ...loss, fate, lostBefore: { trace: loss.lostBefore.trace, beforeSeq } } };
}

/** The event that shows a drop happening. */
export function lossEventMatches(event: TimelineEvent, drop: { seq: number; where: LossPlace }): boolean {
  if (drop.where === 'before') return event.kind === 'lost-before' && event.seq === drop.seq;
  if (drop.where === 'link') return event.kind === 'lost-link' && event.seq === drop.seq;
  return event.kind === 'lost-after' && event.seq === drop.seq;
}
