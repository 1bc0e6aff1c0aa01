import { VERDICT_CODE, type AnyProgram, type Verdict } from '../programs/program';
import type { Trace } from '../trace/trace';
import type { ConfigSchedule } from './config-schedule';
import { EMPTY_SLOT, Sequencer } from './sequencer';

/**
 * The SCR system advanced one fine-grained event at a time:
 *   arrive (packet s reaches the sequencer) -> dispatch (it leaves for core s mod N with the
 *   history) -> apply (the core fast-forwards one history record; one event per record) ->
 *   process (the core runs the program on its own packet and gives the verdict).
 *
 * Every replica has a private state and only ever sees what the sequencer sends it. The same
 * machine serves the timeline (build pass and replay after a seek), the checks against the
 * sequential reference and the benchmark, so what is shown is what is tested.
 */
export type EventKind = 'arrive' | 'dispatch' | 'apply' | 'process';

export interface ReplicaCore<State> {
  state: State;
  /** Sequence number of the last record applied (-1: none yet). */
  lastApplied: number;
  /** True once this replica skipped a record: its state may no longer match a single core's. */
  diverged: boolean;
}

export interface ScrSetup {
  program: AnyProgram;
  /** The sequencer's records, one per packet, by sequence number. */
  records: readonly unknown[];
  configs: ConfigSchedule<unknown>;
  cores: number;
  historySize: number;
}

export class ScrMachine {
  readonly setup: ScrSetup;
  readonly sequencer: Sequencer;
  readonly replicas: ReplicaCore<unknown>[];
  /** Verdict code per packet (VERDICT_CODE), filled as packets are processed. */
  readonly verdicts: Uint8Array;
  /** Number of events that have happened. */
  eventsDone = 0;
  /** Packets whose record was missing when their core needed it (never happens without loss). */
  gaps = 0;
  /** Records each core has applied: history records plus its own packets. */
  readonly appliedPerCore: Float64Array;
  /** Own packets each core has processed. */
  readonly packetsPerCore: Float64Array;

  /** The kind of the next event. */
  nextKind: EventKind = 'arrive';
  /** The packet being carried through arrive/dispatch/apply/process. */
  current = -1;
  /** Its core. */
  currentCore = -1;
  /** The history the current packet carries (oldest first; EMPTY_SLOT where the ring was empty). */
  readonly history: Int32Array;
  /** The ring index the current packet carries. */
  ringIndex = 0;
  /** Records the current core still has to fast-forward: pending[pendingAt .. pendingEnd). */
  readonly pending: Int32Array;
  pendingAt = 0;
  pendingEnd = 0;

  constructor(setup: ScrSetup) {
    const { program, cores, historySize, records } = setup;
    if (historySize < cores - 1) {
      throw new RangeError(`a history of ${historySize} records cannot cover ${cores} cores: it needs at least ${cores - 1}`);
    }
    this.setup = setup;
    this.sequencer = new Sequencer(cores, historySize);
    this.history = new Int32Array(historySize);
    this.pending = new Int32Array(historySize);
    this.verdicts = new Uint8Array(records.length);
    this.appliedPerCore = new Float64Array(cores);
    this.packetsPerCore = new Float64Array(cores);
    this.replicas = [];
    for (let c = 0; c < cores; c++) {
      this.replicas.push({ state: program.initState(setup.configs.initial), lastApplied: -1, diverged: false });
    }
  }

  get done(): boolean {
    return this.nextKind === 'arrive' && this.sequencer.nextSeq >= this.setup.records.length;
  }

  /** The record the next event will apply (an apply or a process), or -1. */
  nextRecord(): number {
    if (this.nextKind === 'apply') return this.pending[this.pendingAt] as number;
    if (this.nextKind === 'process') return this.current;
    return -1;
  }

  /** Performs the next event. Returns false when the trace is exhausted. */
  advance(): boolean {
    switch (this.nextKind) {
      case 'arrive': {
        if (this.sequencer.nextSeq >= this.setup.records.length) return false;
        this.current = this.sequencer.nextSeq;
        this.currentCore = this.sequencer.coreOf(this.current);
        this.nextKind = 'dispatch';
        break;
      }
      case 'dispatch': {
        this.ringIndex = this.sequencer.ringIndex;
        this.sequencer.dispatch(this.history);
        this.collectPending();
        this.nextKind = this.pendingAt < this.pendingEnd ? 'apply' : 'process';
        break;
      }
      case 'apply': {
        const x = this.pending[this.pendingAt++] as number;
        const replica = this.replicas[this.currentCore] as ReplicaCore<unknown>;
        this.setup.program.update(replica.state, this.setup.records[x], this.setup.configs.at(x));
        replica.lastApplied = x;
        this.countApplied(this.currentCore, false);
        if (this.pendingAt === this.pendingEnd) this.nextKind = 'process';
        break;
      }
      case 'process': {
        const s = this.current;
        const replica = this.replicas[this.currentCore] as ReplicaCore<unknown>;
        if (replica.lastApplied !== s - 1) {
          // Records between lastApplied and s never reached this core: its state has diverged.
          this.gaps++;
          replica.diverged = true;
        }
        const { program, records, configs } = this.setup;
        const config = configs.at(s);
        const rec = records[s];
        program.update(replica.state, rec, config);
        this.verdicts[s] = VERDICT_CODE[program.verdict(replica.state, rec, config) as Verdict];
        replica.lastApplied = s;
        this.countApplied(this.currentCore, true);
        this.nextKind = 'arrive';
        break;
      }
    }
    this.eventsDone++;
    return true;
  }

  private countApplied(core: number, ownPacket: boolean): void {
    this.appliedPerCore[core] = (this.appliedPerCore[core] as number) + 1;
    if (ownPacket) this.packetsPerCore[core] = (this.packetsPerCore[core] as number) + 1;
  }

  /** Runs every remaining event. */
  runToEnd(): void {
    while (this.advance());
  }

  /** From the carried history, the records this core has not applied yet, oldest first, empties skipped. */
  private collectPending(): void {
    const replica = this.replicas[this.currentCore] as ReplicaCore<unknown>;
    let n = 0;
    for (let j = 0; j < this.history.length; j++) {
      const x = this.history[j] as number;
      if (x !== EMPTY_SLOT && x > replica.lastApplied) this.pending[n++] = x;
    }
    if (n > 0 && (this.pending[0] as number) !== replica.lastApplied + 1) {
      this.gaps++;
      replica.diverged = true;
    }
    this.pendingAt = 0;
    this.pendingEnd = n;
  }

  /**
   * Puts the machine just before packet `nextSeq` arrives, with the given replica states (the
   * caller passes fresh copies it will not touch again).
   */
  restore(nextSeq: number, eventsDone: number, replicas: readonly ReplicaCore<unknown>[]): void {
    this.sequencer.restore(nextSeq);
    this.eventsDone = eventsDone;
    this.nextKind = 'arrive';
    this.current = nextSeq - 1;
    this.currentCore = -1;
    this.pendingAt = this.pendingEnd = 0;
    replicas.forEach((r, c) => {
      this.replicas[c] = { state: r.state, lastApplied: r.lastApplied, diverged: r.diverged };
    });
  }
}

/** Extracts every packet's record once, as the sequencer does when the packet arrives. */
export function extractRecords(program: AnyProgram, trace: Trace): unknown[] {
  const out = new Array<unknown>(trace.count);
  for (let i = 0; i < trace.count; i++) out[i] = program.extract(trace, i);
  return out;
}
