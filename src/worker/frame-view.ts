/**
 * A timeline Frame (live engine objects) turned into a FrameView: small, plain data the stage
 * draws. Nothing here moves the timeline; the session seeks, this only reads.
 */
import { describePacket } from '../engine/packet';
import type { StateKey, Verdict } from '../engine/programs/program';
import type { TimelineEvent } from '../engine/timeline/events';
import { describeEvent } from '../engine/timeline/describe-event';
import { NO_VERDICT } from '../engine/scr/scr-machine';
import type { Frame, Timeline } from '../engine/timeline/timeline';
import { packetAt } from '../engine/trace/trace';
import { keyColour } from './key-colour';
import type { CoreView, FrameView, HistoryChip, LogLine, PacketView, StateRow } from './protocol';
import type { VerdictTotals } from './verdict-totals';
import { keyId, watchedKeys } from './watched-keys';

/** The history packet `seq` carries (sequence numbers, oldest first, empty slots left out): a function of seq alone. */
export function historyOf(seq: number, historySize: number): number[] {
  const out: number[] = [];
  for (let x = Math.max(0, seq - historySize); x < seq; x++) out.push(x);
  return out;
}

/** Packets processed after the events of `frame` (the current one counts once its 'process' has happened). */
export function processedPackets(frame: Frame): number {
  const between = frame.nextKind === 'arrive' || frame.nextKind === 'lost-before' || frame.nextKind === 'end';
  return between ? frame.packet + 1 : frame.packet;
}

export function logLine(event: TimelineEvent, timeline: Timeline): LogLine {
  return { index: event.index, sentence: describeEvent(event, timeline.program, timeline.records, timeline.lostRecords), kind: event.kind, core: event.core };
}

/** Records in a core's log shown on the stage (the newest ones). */
const LOG_SHOWN = 4;

/** The newest records a core's log holds, oldest first. */
function logTail(log: Int32Array | null, upTo: number): number[] {
  if (!log) return [];
  const out: number[] = [];
  for (let x = upTo; x >= 0 && out.length < LOG_SHOWN && upTo - x < log.length; x--) if (log[x % log.length] === x) out.unshift(x);
  return out;
}

/** A packet lost before the sequencer, as the stage shows it (it has no sequence number). */
function lostPacketView(timeline: Timeline, lost: number): PacketView | null {
  const trace = timeline.loss?.lostBefore.trace;
  if (!trace || lost < 0 || lost >= trace.count) return null;
  const { program } = timeline;
  const rec = timeline.lostRecords[lost];
  const key = program.keyOf(rec) as StateKey | null;
  return {
    seq: -1,
    core: -1,
    text: describePacket(packetAt(trace, lost)),
    record: program.describeRecord(rec),
    keyText: key === null ? null : program.describeKey(key),
    colour: keyColour(key),
    wireLen: trace.wireLen[lost] as number,
  };
}

export function packetView(timeline: Timeline, seq: number, verdict?: Verdict): PacketView {
  const { program, records, trace } = timeline;
  const rec = records[seq];
  const key = program.keyOf(rec) as StateKey | null;
  const view: PacketView = {
    seq,
    core: seq % timeline.cores,
    text: describePacket(packetAt(trace, seq)),
    record: program.describeRecord(rec),
    keyText: key === null ? null : program.describeKey(key),
    colour: keyColour(key),
    wireLen: trace.wireLen[seq] as number,
  };
  if (verdict !== undefined) view.verdict = verdict;
  return view;
}

export interface FrameViewInput {
  timeline: Timeline;
  frame: Frame;
  /** The last events up to the frame, oldest first. */
  log: LogLine[];
  totals: VerdictTotals;
  watch: StateKey | null;
  rows: number;
}

export function buildFrameView({ timeline, frame, log, totals, watch, rows }: FrameViewInput): FrameView {
  const { program, records, cores, historySize, eventStart } = timeline;
  const s = frame.packet;
  const processed = processedPackets(frame);
  const hasPacket = s >= 0 && s < timeline.trace.count;
  const history = hasPacket ? historyOf(s, historySize) : [];
  const replica = hasPacket ? frame.replicas[s % cores] : undefined;

  // What the current packet carries. A record at or before this core's previous own packet
  // (s - cores) was applied before the dispatch: it is skipped. The others are applied one by one.
  const previousOwn = s - cores;
  const recordText = (x: number) => program.describeRecord(records[x]);
  const keyOfRecord = (x: number) => program.keyOf(records[x]) as StateKey | null;
  const keyTextOf = (key: StateKey | null) => (key === null ? null : program.describeKey(key));
  const chips: HistoryChip[] = history.map((x) => {
    const key = keyOfRecord(x);
    const skipped = x <= previousOwn;
    return {
      seq: x,
      record: recordText(x),
      keyText: keyTextOf(key),
      colour: keyColour(key),
      applied: !skipped && replica !== undefined && x <= replica.lastApplied,
      skipped,
    };
  });

  const slots = [...frame.ringSlots];
  const ring = {
    slots,
    labels: slots.map((x) => (x >= 0 ? recordText(x) : '')),
    colours: slots.map((x) => (x >= 0 ? keyColour(keyOfRecord(x)) : -1)),
    index: frame.ringIndex,
  };

  const event = frame.event;
  const touched = event && (event.kind === 'apply' || event.kind === 'process') ? event.key : null;
  const keys = watchedKeys({ program, records, packet: hasPacket ? s : -1, history, touched, watch, rows });
  const keyFacts = keys.map((key) => ({ key, id: keyId(key), text: program.describeKey(key), colour: keyColour(key) }));
  const coreViews: CoreView[] = frame.replicas.map((r, core) => {
    const config = timeline.configs.at(Math.max(0, r.lastApplied));
    const rowsOfCore: StateRow[] = keyFacts.map((k) => ({
      key: k.id,
      keyText: k.text,
      value: program.describeEntry(r.state, k.key, config) ?? '—',
      colour: k.colour,
    }));
    const waiting = r.task.seq >= 0 && r.task.waitPeer >= 0 && r.task.step === 'recover' && frame.waiting.includes(core) ? { peer: r.task.waitPeer, record: r.task.next } : null;
    return {
      core, lastApplied: r.lastApplied, rows: rowsOfCore, entryCount: program.stateSize(r.state), diverged: r.diverged,
      marker: r.marker, log: logTail(r.log, Math.max(r.lastApplied, r.marker)), queued: r.queue.length, waiting, recovered: r.irregular,
    };
  });

  const lostBefore = event?.kind === 'lost-before' ? lostPacketView(timeline, event.lost) : null;
  const verdict = hasPacket && processed > s && timeline.verdicts[s] !== NO_VERDICT ? timeline.verdictOf(s) : undefined;
  const packet = lostBefore ?? (hasPacket ? packetView(timeline, s, verdict) : null);
  return {
    position: frame.position,
    eventCount: frame.eventCount,
    event,
    packet,
    chips,
    ring,
    cores: coreViews,
    totals: totals.firstPackets(processed),
    log,
    packetStart: hasPacket ? (eventStart[s] as number) : 0,
    packetEnd: hasPacket ? (eventStart[s + 1] as number) : 0,
    previousPacketStart: hasPacket ? (eventStart[Math.max(0, s - 1)] as number) : 0,
  };
}
