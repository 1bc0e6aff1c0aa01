import { VERDICTS, type AnyProgram, type Verdict } from '../programs/program';
import { ConfigSchedule } from '../scr/config-schedule';
import type { LossPlace, LossSetup } from '../scr/loss';
import { ScrMachine, extractRecords, type ReplicaCore } from '../scr/scr-machine';
import { runAgainstReference, type AgreementReport } from '../scr/verify';
import { withPacketInserted, withPacketReplaced, type PacketInit, type Trace } from '../trace/trace';
import { dropPacket, insertKeepsLoss, lossEventMatches } from './drops';
import type { TimelineEvent } from './events';
import { restoreReplicas, snapshotBytes, takeSnapshot, type Snapshot } from './snapshots';

/**
 * Bytes all snapshots together may hold. A run whose state is large gets fewer, more widely
 * spaced snapshots: seeking replays more, but memory stays bounded (in the browser too).
 */
export const SNAPSHOT_BYTE_BUDGET = 192 * 1024 * 1024;

export interface TimelineInput {
  program: AnyProgram;
  trace: Trace;
  cores: number;
  /** Records in the sequencer's ring; at least cores-1 (the default). */
  historySize?: number;
  configs?: ConfigSchedule<unknown>;
  /** Packets between snapshots; by default about 128 snapshots over the run, at least every 64 packets. */
  snapshotEvery?: number;
  /** Loss and recovery, resolved for `trace` (the packets that reached the sequencer). */
  loss?: LossSetup;
}

/** Where the SCR system is after `position` events. Replica states are live: valid until the next seek. */
export interface Frame {
  position: number;
  eventCount: number;
  /** The event that brought the system here (the last one that happened), or null at the start. */
  event: TimelineEvent | null;
  /** The packet being carried from the sequencer to its core (or the last one finished). */
  packet: number;
  nextKind: ScrMachine['nextKind'];
  replicas: readonly ReplicaCore<unknown>[];
  ringSlots: Int32Array;
  ringIndex: number;
  /** Records the current core still has to apply before processing its packet. */
  pending: number[];
  /** Cores waiting for a peer to reach a record (loss runs). */
  waiting: readonly number[];
}

/** How many of the packets lost before the sequencer come just before packet `seq`, and the first of them. */
function lostBeforeAt(loss: LossSetup | undefined, seq: number): { first: number; count: number } {
  const at = loss?.lostBefore.beforeSeq;
  if (!at) return { first: 0, count: 0 };
  let first = 0;
  while (first < at.length && (at[first] as number) < seq) first++;
  let end = first;
  while (end < at.length && (at[end] as number) === seq) end++;
  return { first, count: end - first };
}

/** A user change at the playhead. The future after it is recomputed (the timeline forks). */
export type TimelineEdit =
  | { kind: 'packet'; seq: number; patch: PacketInit }
  /** A new packet at sequence number `seq` (0..count); the packets from `seq` on move one place later. */
  | { kind: 'insert'; seq: number; packet: PacketInit }
  | { kind: 'config'; config: unknown }
  /** Packet `seq` is lost at `where` (before the sequencer, on its link, after processing). */
  | { kind: 'drop'; seq: number; where: LossPlace };

/**
 * The whole run as a sequence of events, with time travel. Built once (one pass of the real SCR
 * machine, checked against the single-core reference in lockstep, taking snapshots as it goes);
 * `seek(position)` restores the nearest snapshot at or before the position and replays, so any
 * position costs at most one snapshot interval of replay.
 */
export class Timeline {
  readonly program: AnyProgram;
  readonly trace: Trace;
  readonly cores: number;
  readonly historySize: number;
  readonly configs: ConfigSchedule<unknown>;
  /** Packets between snapshots (it doubles while building if the snapshots outgrow their memory budget). */
  readonly snapshotEvery: number;
  readonly records: readonly unknown[];
  /** eventStart[s] = number of events before packet s arrives; eventStart[count] = all events. */
  readonly eventStart: Float64Array;
  /** SCR's verdict per packet (codes into VERDICTS). */
  readonly verdicts: Uint8Array;
  readonly agreement: AgreementReport;
  readonly loss: LossSetup | undefined;
  /** Records of the packets lost before the sequencer (for the event log). */
  readonly lostRecords: readonly unknown[];
  private readonly snapshots: Snapshot[] = [];
  private readonly cursor: ScrMachine;

  constructor(input: TimelineInput) {
    const { program, trace, cores } = input;
    this.program = program;
    this.trace = trace;
    this.cores = cores;
    this.historySize = input.historySize ?? cores - 1;
    this.configs = input.configs ?? new ConfigSchedule<unknown>(program.defaultConfig);
    this.snapshotEvery = Math.max(1, Math.floor(input.snapshotEvery ?? Math.max(64, Math.ceil(trace.count / 128))));
    this.records = extractRecords(program, trace);
    this.loss = input.loss;
    this.lostRecords = input.loss ? extractRecords(program, input.loss.lostBefore.trace) : [];
    this.eventStart = new Float64Array(trace.count + 1);

    const build = this.newMachine();
    let every = this.snapshotEvery;
    let bytes = 0;
    this.agreement = runAgainstReference(build, every, (m) => {
      if (!m.atArrival) return;
      const s = m.sequencer.nextSeq;
      this.eventStart[s] = m.eventsDone;
      if (s % every !== 0 || s >= trace.count) return;
      const snapshot = takeSnapshot(m);
      this.snapshots.push(snapshot);
      bytes += snapshotBytes(snapshot, program);
      // Over the memory budget: keep every other snapshot and space the next ones twice as far.
      while (bytes > SNAPSHOT_BYTE_BUDGET && this.snapshots.length > 1) {
        const kept = this.snapshots.filter((_, k) => k % 2 === 0);
        this.snapshots.length = 0;
        this.snapshots.push(...kept);
        bytes = kept.reduce((sum, snap) => sum + snapshotBytes(snap, program), 0);
        every *= 2;
      }
    });
    this.snapshotEvery = every;
    this.eventStart[trace.count] = build.eventsDone;
    this.verdicts = build.verdicts;
    this.cursor = this.newMachine();
  }

  private newMachine(): ScrMachine {
    return new ScrMachine({
      program: this.program,
      records: this.records,
      configs: this.configs,
      cores: this.cores,
      historySize: this.historySize,
      ...(this.loss ? { loss: this.loss } : {}),
    });
  }

  get eventCount(): number {
    return this.eventStart[this.trace.count] as number;
  }

  /** Current position of the internal cursor (the last seek). */
  get position(): number {
    return this.cursor.eventsDone;
  }

  verdictOf(seq: number): Verdict {
    return VERDICTS[this.verdicts[seq] as number] as Verdict;
  }

  /** The packet whose events include event `index` (0-based). */
  packetOfEvent(index: number): number {
    const starts = this.eventStart;
    let lo = 0;
    let hi = this.trace.count - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((starts[mid] as number) <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Position just before packet `seq` arrives. */
  positionBeforePacket(seq: number): number {
    return this.eventStart[Math.max(0, Math.min(seq, this.trace.count))] as number;
  }

  /** The first packet that has not reached the sequencer after `position` events (count at the end). */
  firstUnarrivedAt(position: number): number {
    const pos = Math.max(0, Math.min(Math.floor(position), this.eventCount));
    return pos === 0 ? 0 : this.packetOfEvent(pos - 1) + 1;
  }

  /** Moves to `position` (clamped to 0..eventCount): the state after that many events. */
  seek(position: number): Frame {
    const target = Math.max(0, Math.min(Math.floor(position), this.eventCount));
    if (target === 0) {
      this.restoreTo(this.snapshots[0]);
      return this.frame(null);
    }
    const snapshot = this.snapshotFor(target - 1);
    const here = this.cursor.eventsDone;
    // Replay from where the cursor is when that is no further than from the nearest snapshot.
    if (!(here <= target - 1 && snapshot !== undefined && here >= snapshot.eventsDone)) this.restoreTo(snapshot);
    while (this.cursor.eventsDone < target - 1) this.cursor.advance();
    return this.frame(this.advanceDescribed());
  }

  /** One event forward (stays at the end when there is none). */
  step(): Frame {
    return this.seek(this.position + 1);
  }

  /** One event back: restores the nearest snapshot and replays, as cheap as stepping forward. */
  stepBack(): Frame {
    return this.seek(this.position - 1);
  }

  private snapshotFor(eventIndex: number): Snapshot | undefined {
    const s = this.packetOfEvent(eventIndex);
    return this.snapshots[Math.min(Math.floor(s / this.snapshotEvery), this.snapshots.length - 1)];
  }

  private restoreTo(snapshot: Snapshot | undefined): void {
    if (!snapshot) {
      // An empty trace has no snapshot: the start is the only position.
      const fresh = this.newMachine();
      this.cursor.restore(0, 0, fresh.replicas);
      return;
    }
    this.cursor.restore(
      snapshot.packet,
      snapshot.eventsDone,
      restoreReplicas(snapshot, this.program, this.records, this.configs),
      snapshot.beforeDone,
      snapshot.waiting,
    );
  }

  /** Performs the cursor's next event and describes it, with the touched entry before and after. */
  private advanceDescribed(): TimelineEvent {
    const m = this.cursor;
    const kind = m.nextKind;
    const index = m.eventsDone;
    const x = m.nextRecord;
    const seq = m.nextSeq;
    const core = m.nextCore;
    const peer = m.nextPeer;
    const replica = core >= 0 ? (m.replicas[core] as ReplicaCore<unknown>) : undefined;
    const touches = kind === 'apply' || kind === 'process' || kind === 'read';
    const key = touches && x >= 0 ? this.program.keyOf(this.records[x]) : null;
    const describe = () => (key === null || !replica ? undefined : this.program.describeEntry(replica.state, key, this.configs.at(x)));
    const before = describe();
    const lostIndex = m.lostBeforeDone;
    const peerMarker = peer >= 0 ? (m.replicas[peer] as ReplicaCore<unknown>).marker : -1;
    const lacking = replica ? [...replica.task.lacking] : [];
    const overwritten = replica?.task.overwritten ?? false;
    m.advance();
    // The replica object may have been replaced (a copy); read the task after the event.
    const task = core >= 0 ? (m.replicas[core] as ReplicaCore<unknown>).task : undefined;
    switch (kind) {
      case 'arrive':
        return { kind, index, seq, core };
      case 'dispatch': {
        const target = m.replicas[core] as ReplicaCore<unknown>;
        const queued = target.task.seq !== seq;
        const toApply: number[] = [];
        if (!queued && target.task.step === 'gap') for (let r = target.task.missFrom; r < seq; r++) toApply.push(r);
        else if (!queued) toApply.push(...m.pendingRecords(core));
        return { kind, index, seq, core, ringIndex: m.ringIndex, history: m.history, toApply, queued };
      }
      case 'lost-link':
        return { kind, index, seq, core, ringIndex: m.ringIndex, history: m.history };
      case 'lost-before':
        return { kind, index, seq, core: -1, lost: lostIndex };
      case 'lost-after':
        return { kind, index, seq, core, verdict: this.verdictOf(seq) };
      case 'apply': {
        const t = task as NonNullable<typeof task>;
        const of = t.step === 'apply' ? t.applyDone + m.pendingRecords(core).length : t.applyDone;
        return { kind, index, seq, core, record: x, step: t.applyDone, of, key, before, after: describe() };
      }
      case 'process':
        return { kind, index, seq, core, verdict: this.verdictOf(seq), key, before, after: describe() };
      case 'gap': {
        const t = task as NonNullable<typeof task>;
        return {
          kind, index, seq, core, from: t.missFrom, to: t.missTo, congestion: t.congestion, cores: this.cores,
          copyFrom: t.congestion ? -1 : t.copyFrom, mode: this.loss?.recovery ?? 'logs',
        };
      }
      case 'wait':
        return { kind, index, seq, core, peer, record: x, peerMarker };
      case 'read': {
        const t = task as NonNullable<typeof task>;
        return { kind, index, seq, core, peer, record: x, lacking, step: x - t.missFrom + 1, of: t.missTo - t.missFrom + 1, key, before, after: describe() };
      }
      case 'skip':
        return { kind, index, seq, core, record: x, lacking, overwritten };
      case 'copy': {
        const r = m.replicas[core] as ReplicaCore<unknown>;
        return { kind, index, seq, core, peer, upTo: r.lastApplied, entries: this.program.stateSize(r.state) };
      }
      case 'recovered': {
        const t = task as NonNullable<typeof task>;
        const r = m.replicas[core] as ReplicaCore<unknown>;
        return {
          kind, index, seq, core, upTo: Math.max(t.missTo, r.lastApplied), read: t.read, lostEverywhere: t.lostEverywhere,
          unrecoverable: t.unrecoverable, copiedFrom: t.copyFrom,
        };
      }
      case 'end':
        throw new Error('internal: no event left to describe');
    }
  }

  private frame(event: TimelineEvent | null): Frame {
    const m = this.cursor;
    return {
      position: m.eventsDone,
      eventCount: this.eventCount,
      event,
      packet: m.current,
      nextKind: m.nextKind,
      replicas: m.replicas,
      ringSlots: m.sequencer.ringSlots(),
      ringIndex: m.sequencer.ringIndex,
      pending: this.pendingOf(m),
      waiting: [...m.waiting],
    };
  }

  /** History records the current packet's core still has to apply (while it is on that packet). */
  private pendingOf(m: ScrMachine): number[] {
    const r = m.currentCore >= 0 ? m.replicas[m.currentCore] : undefined;
    if (!r || r.task.seq !== m.current) return [];
    return m.pendingRecords(m.currentCore);
  }

  /** The packets lost before the sequencer just before packet `seq`. */
  lostBeforeAt(seq: number): { first: number; count: number } {
    return lostBeforeAt(this.loss, seq);
  }

  /**
   * The position just after the first event at or after `from` that matches, looking at most
   * `limit` events ahead; null when there is none. Moves the cursor.
   */
  findEvent(from: number, match: (event: TimelineEvent) => boolean, limit = 100_000): number | null {
    let frame = this.seek(from);
    for (let k = 0; k < limit && frame.position < this.eventCount; k++) {
      frame = this.step();
      if (frame.event && match(frame.event)) return frame.position;
    }
    return null;
  }

  /**
   * Applies a user edit at `position` and returns the forked timeline with the position to show.
   * A config change takes effect from the first packet that has not reached the sequencer yet, so
   * the past is untouched and the playhead stays. Editing or inserting a packet rewinds the
   * playhead to just before that packet arrives when it is already in the past. An inserted
   * packet shifts the later packets' sequence numbers by one, and any later config change with
   * them, so every old packet keeps the configuration it had.
   */
  fork(edit: TimelineEdit, position: number): { timeline: Timeline; position: number } {
    const pos = Math.max(0, Math.min(position, this.eventCount));
    const base: TimelineInput = {
      program: this.program,
      trace: this.trace,
      cores: this.cores,
      historySize: this.historySize,
      configs: this.configs,
      snapshotEvery: this.snapshotEvery,
      ...(this.loss ? { loss: this.loss } : {}),
    };
    if (edit.kind === 'drop') {
      const dropped = dropPacket(base, edit.seq, edit.where);
      const timeline = new Timeline(dropped);
      // Show the loss when the packet is in flight or already past; a drop in the future waits for the playhead.
      const shown = timeline.findEvent(timeline.positionBeforePacket(edit.seq), (e) => lossEventMatches(e, edit), 1_000_000);
      const at = shown ?? timeline.positionBeforePacket(edit.seq);
      return { timeline, position: at <= pos + 1 ? at : pos };
    }
    if (edit.kind === 'config') {
      const config = this.program.parseConfig(edit.config);
      const timeline = new Timeline({ ...base, configs: this.configs.withChange(this.firstUnarrivedAt(pos), config) });
      return { timeline, position: pos };
    }
    if (edit.kind === 'insert') {
      if (!Number.isInteger(edit.seq) || edit.seq < 0 || edit.seq > this.trace.count) {
        throw new RangeError(`a packet can be inserted at #0 to #${this.trace.count}, not at #${edit.seq}`);
      }
      const later = this.configs.list.slice(1).map((ch) => (ch.fromSeq > edit.seq ? { ...ch, fromSeq: ch.fromSeq + 1 } : ch));
      const timeline = new Timeline({
        ...insertKeepsLoss(base, edit.seq),
        trace: withPacketInserted(this.trace, edit.seq, edit.packet),
        configs: new ConfigSchedule(this.configs.initial, later),
      });
      return { timeline, position: Math.min(pos, timeline.positionBeforePacket(edit.seq)) };
    }
    if (!Number.isInteger(edit.seq) || edit.seq < 0 || edit.seq >= this.trace.count) {
      throw new RangeError(`there is no packet #${edit.seq} in this trace of ${this.trace.count} packets`);
    }
    const timeline = new Timeline({ ...base, trace: withPacketReplaced(this.trace, edit.seq, edit.patch) });
    return { timeline, position: Math.min(pos, timeline.positionBeforePacket(edit.seq)) };
  }
}
