import { VERDICT_CODE, type AnyProgram, type Verdict } from '../programs/program';
import type { Trace } from '../trace/trace';
import { FATE_LOST_AFTER, FATE_LOST_LINK, hasLinkLoss, type LossSetup } from './loss';
import { idleTask, NO_VERDICT, type CoreTask, type QueuedPacket, type DivergenceReport, type LossCounters, type EventKind, type ReplicaCore, type ScrSetup } from './machine-state';
import { EMPTY_SLOT, type CarriedHistory } from './carried-history';
import { Sequencer } from './sequencer';

export * from './machine-state';

/**
 * The SCR system advanced one fine-grained event at a time:
 *   arrive (packet s reaches the sequencer) -> dispatch (it leaves for core s mod N with the
 *   history) -> apply (the core fast-forwards one history record; one event per record) ->
 *   process (the core runs the program on its own packet and gives the verdict).
 *
 * With loss (`setup.loss`) there are more events: a packet lost before the sequencer, on its link
 * or after processing; and a core's catch-up, step by step as in the primer: it detects the gap
 * (`gap`), advances its progress marker, then for each missing record in order reads it from a
 * peer's log (`read`), waiting for a peer that has not reached it yet (`wait`), or finds that every
 * core lost it (`skip`); or it copies a peer's whole state (`copy`); then it carries on
 * (`recovered`). A gap of N+1 or more is congestion: the core gives up and may diverge.
 *
 * While a core waits, the others go on: packets for the waiting core queue up at it, and it
 * resumes as soon as the peer it waits for has reached the record. So events of different packets
 * can interleave, but only around a loss; without loss every packet's events are contiguous.
 *
 * Every replica has a private state and only ever sees what the sequencer sends it (its own
 * packet's record and the history carried with it, `CarriedHistory`) and what it reads from its
 * peers. The same machine serves the timeline (build pass and replay after a seek),
 * the checks against the sequential reference and the benchmark, so what is shown is what is tested.
 */

export class ScrMachine {
  readonly setup: ScrSetup;
  readonly sequencer: Sequencer;
  readonly replicas: ReplicaCore<unknown>[];
  /** Verdict code per packet (VERDICT_CODE; NO_VERDICT when lost on its link), filled as packets are processed. */
  readonly verdicts: Uint8Array;
  /** Number of events that have happened. */
  eventsDone = 0;
  /** Records a replica skipped that another may have applied (congestion or an overwritten log; 0 without loss). */
  gaps = 0;
  /** Records each core has applied: history records, recovered records and its own packets. */
  readonly appliedPerCore: Float64Array;
  /** Own packets each core has processed. */
  readonly packetsPerCore: Float64Array;
  readonly counters: LossCounters = {
    lostBefore: 0, lostLink: 0, lostAfter: 0, gaps: 0, congestion: 0, recordsRead: 0, lostEverywhere: 0, unrecoverable: 0, copies: 0, entriesCopied: 0, waits: 0,
  };
  readonly divergences: DivergenceReport[] = [];

  /** The next event: its kind ('end' when there is none), packet, core and the record it applies (-1: none). */
  nextKind: EventKind | 'end' = 'arrive';
  nextSeq = 0;
  nextCore = 0;
  nextRecord = -1;
  /** The peer involved in the next event (wait, read, copy), or -1. */
  nextPeer = -1;

  /** The last event's packet and core (the packet shown in flight). */
  current = -1;
  currentCore = -1;
  /** The ring index the last dispatched packet carries. */
  ringIndex = 0;
  /** The history the last dispatched packet carries (valid until the next dispatch). */
  private lastWire: CarriedHistory | null = null;

  /** The core running now (its events come next), or -1. */
  private active = -1;
  /** The packet that arrived and has not been dispatched yet, or -1. */
  private arrived = -1;
  /** Cores waiting for a peer, in the order they started waiting. */
  private readonly blocked: number[] = [];
  /** Packets lost before the sequencer that have been told so far. */
  private beforeDone = 0;
  private readonly fate: Uint8Array | null;
  private readonly logSize: number;

  constructor(setup: ScrSetup) {
    const { program, cores, historySize, records } = setup;
    if (historySize < cores - 1) {
      throw new RangeError(`a history of ${historySize} records cannot cover ${cores} cores: it needs at least ${cores - 1}`);
    }
    if (setup.loss && setup.loss.fate.length !== records.length) {
      throw new RangeError(`the loss plan covers ${setup.loss.fate.length} packets, the run has ${records.length}`);
    }
    this.setup = setup;
    this.sequencer = new Sequencer(cores, historySize, setup.sequencerFault);
    this.verdicts = new Uint8Array(records.length);
    this.appliedPerCore = new Float64Array(cores);
    this.packetsPerCore = new Float64Array(cores);
    this.fate = setup.loss ? setup.loss.fate : null;
    // Logs are only ever read after a loss on a link: without one, nobody reads them, so they are not kept.
    this.logSize = hasLinkLoss(setup.loss) ? (setup.loss as LossSetup).logSize : 0;
    this.replicas = [];
    for (let c = 0; c < cores; c++) {
      this.replicas.push({
        state: program.initState(setup.configs.initial),
        lastApplied: -1,
        diverged: false,
        marker: -1,
        irregular: false,
        log: this.logSize > 0 ? new Int32Array(this.logSize).fill(-1) : null,
        queue: [],
        task: idleTask(),
      });
    }
    this.decide();
  }

  get done(): boolean {
    return this.nextKind === 'end';
  }

  /** True when the next event is the first of packet `nextSeq`'s arrival (lost-before packets come first). */
  get atArrival(): boolean {
    return this.active < 0 && this.arrived < 0 && this.beforeDone === this.firstBeforeAt(this.sequencer.nextSeq) && this.blockedRunnable() < 0;
  }

  /** The core whose task the next event belongs to, or -1 (the sequencer's events). */
  get activeCore(): number {
    return this.active;
  }

  /** Packets lost before the sequencer so far (index of the next one to tell). */
  get lostBeforeDone(): number {
    return this.beforeDone;
  }

  /** Sequence numbers of the history the last dispatched packet carries, oldest first (EMPTY_SLOT where the ring was empty). */
  get history(): number[] {
    return this.lastWire ? this.lastWire.seqList() : [];
  }

  /** Performs the next event. Returns false when there is none. */
  advance(): boolean {
    const kind = this.nextKind;
    if (kind === 'apply') {
      // The hot path (most events are history records): no scheduling decision is needed.
      // The record comes from the history its packet carried, nowhere else.
      const r = this.replicas[this.active] as ReplicaCore<unknown>;
      const t = r.task;
      const w = t.wire as CarriedHistory;
      const j = t.applyAt;
      const x = w.seqAt(j);
      this.setup.program.update(r.state, w.recordAt(j), this.setup.configs.at(x));
      this.applied(r, this.active, x, false);
      t.applyDone++;
      t.applyAt = skipApplied(w, j + 1, x);
      this.current = t.seq;
      this.currentCore = this.active;
      this.eventsDone++;
      if (t.applyAt < w.length) {
        this.nextRecord = w.seqAt(t.applyAt);
      } else {
        t.step = 'process';
        this.nextKind = 'process';
        this.nextRecord = t.seq;
      }
      return true;
    }
    switch (kind) {
      case 'end':
        return false;
      case 'arrive':
        this.arrived = this.nextSeq;
        this.current = this.nextSeq;
        this.currentCore = this.nextCore;
        break;
      case 'lost-before':
        this.beforeDone++;
        this.counters.lostBefore++;
        break;
      case 'dispatch':
      case 'lost-link':
        this.dispatch(kind === 'lost-link');
        break;
      default:
        this.performTask(kind);
    }
    this.eventsDone++;
    this.decide();
    return true;
  }

  /** Runs every remaining event. */
  runToEnd(): void {
    while (this.advance());
  }

  private dispatch(lost: boolean): void {
    const s = this.arrived;
    this.arrived = -1;
    const wire = this.sequencer.dispatch(this.setup.records[s]);
    this.lastWire = wire;
    this.ringIndex = wire.ringIndex;
    const c = this.sequencer.coreOf(s);
    this.current = s;
    this.currentCore = c;
    if (lost) {
      this.verdicts[s] = NO_VERDICT;
      this.counters.lostLink++;
      return;
    }
    const r = this.replicas[c] as ReplicaCore<unknown>;
    if (r.task.seq >= 0 || r.queue.length > 0) {
      // It waits: it keeps its own copy of what it carried, as the wire delivered it.
      r.queue.push({ seq: s, wire: wire.detach() });
      return;
    }
    this.startTask(c, s, wire);
    this.active = c;
  }

  /**
   * Core c starts on packet s with the history it carried: a gap (loss runs) when the oldest record
   * carried is past the one it expects, otherwise straight to the history.
   */
  private startTask(c: number, s: number, wire: CarriedHistory): void {
    const r = this.replicas[c] as ReplicaCore<unknown>;
    const t = r.task;
    t.seq = s;
    t.wire = wire;
    t.oldestAt = wire.firstFilled();
    const oldest = t.oldestAt < wire.length ? wire.seqAt(t.oldestAt) : s;
    const expected = r.lastApplied + 1;
    if (oldest > expected && this.fate !== null) {
      t.step = 'gap';
      t.missFrom = expected;
      t.missTo = oldest - 1;
      t.congestion = oldest - expected >= this.setup.cores + 1;
      t.read = t.lostEverywhere = t.unrecoverable = 0;
      t.copyFrom = -1;
      return;
    }
    if (oldest > expected) {
      // Cannot happen without loss when the sequencer is right (the history covers every core): a
      // broken one shows here, and the replica misses records, which the agreement check catches.
      this.gaps += oldest - expected;
      r.diverged = true;
      r.lastApplied = oldest - 1;
    }
    this.startHistory(r);
  }

  /**
   * Where the core starts in the carried history: the ring index names the oldest record, so the
   * first one it lacks sits (last applied + 1 - oldest) places later; the ones before it, and any
   * other it has applied already, are skipped by sequence number. The cost is what it applies, not H.
   */
  private startHistory(r: ReplicaCore<unknown>): void {
    const t = r.task;
    const w = t.wire as CarriedHistory;
    const oldest = t.oldestAt < w.length ? w.seqAt(t.oldestAt) : t.seq;
    const from = skipApplied(w, Math.min(w.length, t.oldestAt + Math.max(0, r.lastApplied + 1 - oldest)), r.lastApplied);
    t.applyFrom = from;
    t.applyAt = from;
    t.applyDone = 0;
    t.step = from < w.length ? 'apply' : 'process';
  }

  /** Sequence numbers of the carried records core c has still to apply for its packet (for views). */
  pendingRecords(c: number): number[] {
    const r = this.replicas[c] as ReplicaCore<unknown>;
    const t = r.task;
    const out: number[] = [];
    if (t.seq < 0 || t.wire === null || (t.step !== 'apply' && t.step !== 'process')) return out;
    let last = r.lastApplied;
    for (let j = t.applyAt; j < t.wire.length; j++) {
      const x = t.wire.seqAt(j);
      if (x !== EMPTY_SLOT && x > last) {
        out.push(x);
        last = x;
      }
    }
    return out;
  }

  private performTask(kind: EventKind): void {
    const c = this.active;
    const r = this.replicas[c] as ReplicaCore<unknown>;
    const t = r.task;
    const { program, records, configs } = this.setup;
    this.current = t.seq;
    this.currentCore = c;
    switch (kind) {
      case 'process': {
        const s = t.seq;
        const config = configs.at(s);
        const rec = records[s];
        program.update(r.state, rec, config);
        this.verdicts[s] = VERDICT_CODE[program.verdict(r.state, rec, config) as Verdict];
        this.applied(r, c, s, true);
        if (this.fate !== null && this.fate[s] === FATE_LOST_AFTER) t.step = 'lost-after';
        else this.finishTask(c);
        break;
      }
      case 'lost-after':
        this.counters.lostAfter++;
        this.finishTask(c);
        break;
      case 'gap':
        this.performGap(c, r);
        break;
      case 'wait':
        // Other packets will leave the sequencer meanwhile: keep a copy of what this one carried.
        if (t.wire !== null && !t.wire.detached) t.wire = t.wire.detach();
        t.waitPeer = this.nextPeer;
        this.blocked.push(c);
        this.counters.waits++;
        this.active = -1;
        break;
      case 'read': {
        const x = t.next;
        program.update(r.state, records[x], configs.at(x));
        this.applied(r, c, x, false);
        t.read++;
        this.counters.recordsRead++;
        this.nextMissing(t);
        break;
      }
      case 'skip': {
        const x = t.next;
        if (t.overwritten) {
          // A peer may have applied it, but its log no longer holds it: this core may now differ.
          t.unrecoverable++;
          this.counters.unrecoverable++;
          this.gaps++;
          r.diverged = true;
          this.divergences.push({ core: c, seq: t.seq, reason: 'overwritten', from: x, to: x, eventIndex: this.eventsDone });
        } else {
          t.lostEverywhere++;
          this.counters.lostEverywhere++;
        }
        r.lastApplied = x;
        if (r.marker < x) r.marker = x;
        this.nextMissing(t);
        break;
      }
      case 'copy': {
        const from = this.replicas[t.copyFrom] as ReplicaCore<unknown>;
        r.state = program.cloneState(from.state);
        r.lastApplied = from.lastApplied;
        if (r.marker < r.lastApplied) r.marker = r.lastApplied;
        this.counters.copies++;
        this.counters.entriesCopied += program.stateSize(r.state);
        t.step = 'recovered';
        break;
      }
      case 'recovered':
        this.startHistory(r);
        break;
      default:
        throw new Error(`internal: ${kind} is not a core's event`);
    }
  }

  /**
   * The gap: the core first advances its own progress marker past the missing records, so a peer
   * waiting on it does not wait forever; then either gives up (N+1 or more: congestion), or looks
   * the records up one by one, or (copy mode) copies a peer's state.
   */
  private performGap(c: number, r: ReplicaCore<unknown>): void {
    const t = r.task;
    if (r.marker < t.missTo) r.marker = t.missTo;
    r.irregular = true;
    this.counters.gaps++;
    if (t.congestion) {
      this.counters.congestion++;
      this.gaps += t.missTo - t.missFrom + 1;
      r.diverged = true;
      r.lastApplied = t.missTo;
      this.divergences.push({ core: c, seq: t.seq, reason: 'congestion', from: t.missFrom, to: t.missTo, eventIndex: this.eventsDone });
      this.startHistory(r);
      return;
    }
    t.step = 'recover';
    t.next = t.missFrom;
    t.peerTry = 1;
    t.lacking = [];
    t.overwritten = false;
    t.waitPeer = -1;
    t.hopeless = false;
    t.copyFrom = (this.setup.loss as LossSetup).recovery === 'copy' ? this.copySource(c, t.missTo, t.seq - 1) : -1;
  }

  /**
   * Copy mode: the peer to copy from, one whose replica is exactly the single-core state after a
   * record in lo..hi (not diverged, in order up to there), the most advanced one; -1 when none is.
   */
  private copySource(c: number, lo: number, hi: number): number {
    let best = -1;
    this.replicas.forEach((p, q) => {
      if (q === c || p.diverged || p.lastApplied < lo || p.lastApplied > hi) return;
      if (best < 0 || p.lastApplied > (this.replicas[best] as ReplicaCore<unknown>).lastApplied) best = q;
    });
    return best;
  }

  private nextMissing(t: CoreTask): void {
    t.next++;
    t.peerTry = 1;
    t.lacking = [];
    t.overwritten = false;
    t.waitPeer = -1;
    t.hopeless = false;
    if (t.next > t.missTo) t.step = 'recovered';
  }

  private applied(r: ReplicaCore<unknown>, c: number, x: number, own: boolean): void {
    r.lastApplied = x;
    if (r.log !== null) {
      r.log[x % this.logSize] = x;
      if (r.marker < x) r.marker = x;
    }
    this.appliedPerCore[c] = (this.appliedPerCore[c] as number) + 1;
    if (own) this.packetsPerCore[c] = (this.packetsPerCore[c] as number) + 1;
  }

  private finishTask(c: number): void {
    const r = this.replicas[c] as ReplicaCore<unknown>;
    r.task.seq = -1;
    r.task.wire = null;
    const queued: QueuedPacket | undefined = r.queue.shift();
    if (queued !== undefined) this.startTask(c, queued.seq, queued.wire);
    else this.active = -1;
  }

  /** The index of the first lost-before packet at or after sequence position `s`. */
  private firstBeforeAt(s: number): number {
    const at = this.setup.loss?.lostBefore.beforeSeq;
    if (!at || at.length === 0) return 0;
    let lo = 0;
    let hi = at.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((at[mid] as number) < s) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first waiting core that can go on now (its peer reached the record, or never will), or -1. */
  private blockedRunnable(): number {
    for (let k = 0; k < this.blocked.length; k++) {
      const b = this.blocked[k] as number;
      const t = (this.replicas[b] as ReplicaCore<unknown>).task;
      if (t.hopeless || (this.replicas[t.waitPeer] as ReplicaCore<unknown>).marker >= t.next) return k;
    }
    return -1;
  }

  /** Works out the next event (and, for a core catching up, which peer it involves). */
  private decide(): void {
    this.nextRecord = -1;
    this.nextPeer = -1;
    if (this.active < 0 && this.blocked.length > 0) {
      const k = this.blockedRunnable();
      if (k >= 0) this.active = this.blocked.splice(k, 1)[0] as number;
    }
    if (this.active >= 0) {
      this.decideTask(this.active);
      return;
    }
    if (this.arrived >= 0) {
      this.nextKind = this.fate !== null && this.fate[this.arrived] === FATE_LOST_LINK ? 'lost-link' : 'dispatch';
      this.nextSeq = this.arrived;
      this.nextCore = this.sequencer.coreOf(this.arrived);
      return;
    }
    const s = this.sequencer.nextSeq;
    const before = this.setup.loss?.lostBefore.beforeSeq;
    if (before !== undefined && this.beforeDone < before.length && (before[this.beforeDone] as number) <= s) {
      this.nextKind = 'lost-before';
      this.nextSeq = s;
      this.nextCore = -1;
      return;
    }
    if (s < this.setup.records.length) {
      this.nextKind = 'arrive';
      this.nextSeq = s;
      this.nextCore = this.sequencer.coreOf(s);
      return;
    }
    if (this.blocked.length > 0) {
      // The trace has ended: a peer with nothing left to do will never reach the record. Let the
      // first core waiting on such a peer go on, counting that peer as not holding it.
      const k = this.blocked.findIndex((b) => {
        const peer = this.replicas[(this.replicas[b] as ReplicaCore<unknown>).task.waitPeer] as ReplicaCore<unknown>;
        return peer.task.seq < 0 && peer.queue.length === 0;
      });
      if (k < 0) throw new Error('internal: every waiting core waits on a busy core and no packet is left');
      const b = this.blocked.splice(k, 1)[0] as number;
      (this.replicas[b] as ReplicaCore<unknown>).task.hopeless = true;
      this.active = b;
      this.decideTask(b);
      return;
    }
    this.nextKind = 'end';
  }

  private decideTask(c: number): void {
    const r = this.replicas[c] as ReplicaCore<unknown>;
    const t = r.task;
    this.nextCore = c;
    this.nextSeq = t.seq;
    switch (t.step) {
      case 'apply':
        this.nextKind = 'apply';
        this.nextRecord = (t.wire as CarriedHistory).seqAt(t.applyAt);
        return;
      case 'process':
        this.nextKind = 'process';
        this.nextRecord = t.seq;
        return;
      case 'recover':
        if (t.copyFrom >= 0) {
          this.nextKind = 'copy';
          this.nextPeer = t.copyFrom;
          return;
        }
        this.lookUp(c, t);
        return;
      default:
        this.nextKind = t.step;
    }
  }

  /** Looks for the next missing record in the peers' logs, in order: read it, wait for a peer, or skip it. */
  private lookUp(c: number, t: CoreTask): void {
    const n = this.setup.cores;
    const x = t.next;
    while (t.peerTry < n) {
      const q = (c + t.peerTry) % n;
      const peer = this.replicas[q] as ReplicaCore<unknown>;
      if (peer.marker < x) {
        if (!(t.hopeless && t.waitPeer === q)) {
          this.nextKind = 'wait';
          this.nextPeer = q;
          this.nextRecord = x;
          return;
        }
        t.hopeless = false;
      } else {
        const slot = (peer.log as Int32Array)[x % this.logSize] as number;
        if (slot === x) {
          this.nextKind = 'read';
          this.nextPeer = q;
          this.nextRecord = x;
          return;
        }
        if (slot > x) t.overwritten = true;
      }
      t.lacking.push(q);
      t.peerTry++;
    }
    this.nextKind = 'skip';
    this.nextRecord = x;
  }

  /**
   * Puts the machine just before packet `nextSeq` arrives, with the given replicas (the caller passes
   * fresh copies it will not touch again) and `beforeDone` packets lost before the sequencer told.
   * Cores still waiting are put back in the order given.
   */
  restore(nextSeq: number, eventsDone: number, replicas: readonly ReplicaCore<unknown>[], beforeDone = 0, blocked: readonly number[] = []): void {
    this.sequencer.restore(nextSeq, this.setup.records);
    this.lastWire = null;
    this.eventsDone = eventsDone;
    this.current = nextSeq - 1;
    this.currentCore = -1;
    this.arrived = -1;
    this.active = -1;
    this.beforeDone = beforeDone;
    this.blocked.length = 0;
    this.blocked.push(...blocked);
    replicas.forEach((r, c) => {
      this.replicas[c] = r;
    });
    this.decide();
  }

  /** Cores waiting for a peer, in order (for snapshots). */
  get waiting(): readonly number[] {
    return this.blocked;
  }
}

/** The first carried position from j on holding a record the core has not applied (seq > last), or wire.length. */
function skipApplied(w: CarriedHistory, j: number, last: number): number {
  while (j < w.length) {
    const x = w.seqAt(j);
    if (x !== EMPTY_SLOT && x > last) return j;
    j++;
  }
  return j;
}

/** Extracts every packet's record once, as the sequencer does when the packet arrives. */
export function extractRecords(program: AnyProgram, trace: Trace): unknown[] {
  const out = new Array<unknown>(trace.count);
  for (let i = 0; i < trace.count; i++) out[i] = program.extract(trace, i);
  return out;
}
