/** The SCR machine's vocabulary: event kinds, a core's task and replica, loss counters, the setup. */
import type { AnyProgram } from '../programs/program';
import type { CarriedHistory } from './carried-history';
import type { ConfigSchedule } from './config-schedule';
import type { LossSetup } from './loss';
import type { SequencerFault } from './sequencer';

export type EventKind =
  | 'arrive'
  | 'dispatch'
  | 'apply'
  | 'process'
  | 'lost-before'
  | 'lost-link'
  | 'lost-after'
  | 'gap'
  | 'wait'
  | 'read'
  | 'skip'
  | 'copy'
  | 'recovered';

/** No verdict: the packet was lost on its link and never processed. */
export const NO_VERDICT = 255;

type TaskStep = 'gap' | 'recover' | 'recovered' | 'apply' | 'process' | 'lost-after';

/** What a core is doing with the packet it handles (reused; `seq` -1 when idle). */
export interface CoreTask {
  seq: number;
  step: TaskStep;
  /** Missing records (a gap): missFrom..missTo. */
  missFrom: number;
  missTo: number;
  congestion: boolean;
  /** Next missing record to look up, and the peer to try for it (core + peerTry mod N). */
  next: number;
  peerTry: number;
  /** Peers that did not hold the record being looked up. */
  lacking: number[];
  /** A peer's log slot for it held a later record: that peer may have had it (log too small). */
  overwritten: boolean;
  /** Waiting for this peer (-1: not waiting); hopeless once the run ended and it never will reach it. */
  waitPeer: number;
  hopeless: boolean;
  /** Copy mode: the peer whose state it copies (-1: none fits; it reads the logs instead). */
  copyFrom: number;
  read: number;
  lostEverywhere: number;
  unrecoverable: number;
  /** The history its packet carried (what the core fast-forwards from; null when idle). */
  wire: CarriedHistory | null;
  /** Carried position of the oldest record it holds (wire.length: none). */
  oldestAt: number;
  /** Carried positions to fast-forward: applyAt .. wire.length-1 (already-applied ones skipped); the first was applyFrom. */
  applyFrom: number;
  applyAt: number;
  /** History records applied so far for this packet. */
  applyDone: number;
}

/** A packet waiting at a busy core, with the history it carried. */
export interface QueuedPacket {
  seq: number;
  wire: CarriedHistory;
}

export interface ReplicaCore<State> {
  state: State;
  /** Sequence number of the last record applied in order: every earlier one is applied or reached no core. */
  lastApplied: number;
  /** True once this replica skipped a record another core may have applied: it may differ from a single core. */
  diverged: boolean;
  /** Progress marker (loss runs): a peer looking for record x in this core's log waits until marker >= x. */
  marker: number;
  /** Has had a gap: its state is no longer the plain in-order replay of every record (snapshots copy it). */
  irregular: boolean;
  /** Its log (loss runs): slot x mod L holds x once the record is applied (-1: empty). Single writer. */
  log: Int32Array | null;
  /** Packets delivered while it was busy catching up, oldest first. */
  queue: QueuedPacket[];
  task: CoreTask;
}

/** A possible divergence the algorithm itself detected (a real core could report it too). */
export interface DivergenceReport {
  core: number;
  /** The packet being handled when it happened. */
  seq: number;
  reason: 'congestion' | 'overwritten';
  /** Records given up on. */
  from: number;
  to: number;
  /** Event index of the gap or skip event that reported it. */
  eventIndex: number;
}

export interface LossCounters {
  lostBefore: number;
  lostLink: number;
  lostAfter: number;
  /** Gaps detected, and how many were given up (congestion). */
  gaps: number;
  congestion: number;
  /** Records read from peers' logs, records no core had, records not found because a log was overwritten. */
  recordsRead: number;
  lostEverywhere: number;
  unrecoverable: number;
  /** Whole-state copies (copy mode), entries copied. */
  copies: number;
  entriesCopied: number;
  waits: number;
}

export interface ScrSetup {
  program: AnyProgram;
  /**
   * The records the sequencer extracts, one per packet, by sequence number. A core reads only its
   * own packet's here; every other record reaches it through the history its packet carries.
   */
  records: readonly unknown[];
  configs: ConfigSchedule<unknown>;
  cores: number;
  historySize: number;
  /** Loss and recovery; absent: nothing is lost. */
  loss?: LossSetup;
  /** Tests only: a deliberately broken sequencer, to prove the agreement check catches it. */
  sequencerFault?: SequencerFault;
}

export function idleTask(): CoreTask {
  return {
    seq: -1, step: 'process', missFrom: 0, missTo: -1, congestion: false, next: 0, peerTry: 1, lacking: [], overwritten: false,
    waitPeer: -1, hopeless: false, copyFrom: -1, read: 0, lostEverywhere: 0, unrecoverable: 0,
    wire: null, oldestAt: 0, applyFrom: 0, applyAt: 0, applyDone: 0,
  };
}

export function cloneTask(t: CoreTask): CoreTask {
  return { ...t, lacking: [...t.lacking] };
}

