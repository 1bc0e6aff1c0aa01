import { VERDICTS, type AnyProgram, type Verdict } from '../programs/program';
import type { Trace } from '../trace/trace';
import { ConfigSchedule } from './config-schedule';
import { FATE_LOST_LINK, hasLinkLoss, recordsLostEverywhere, resolveLoss, type LossOptions, type LossSetup } from './loss';
import { ReferenceRun, SkippingReference, skippingReferenceVerdicts } from './reference';
import { ScrMachine, extractRecords, type DivergenceReport, type LossCounters, type ReplicaCore } from './scr-machine';
import type { SequencerFault } from './sequencer';
import { firstDifference } from './state-diff';

export interface Disagreement {
  seq: number;
  core: number;
  what: 'verdict' | 'state';
  expected: string;
  got: string;
  /** The core had already reported a possible divergence (a loss it could not recover from). */
  explained?: boolean;
}

export interface RecoveryReport extends LossCounters {
  /** Possible divergences the cores themselves detected (congestion, overwritten logs). */
  divergences: DivergenceReport[];
  /** Records that reached no core at all (ground truth): no replica applies them, nor does the reference. */
  recordsLostEverywhere: number;
}

/**
 * How the gaps ended: recovered, or not (congestion, or a record a peer's log had overwritten;
 * one overwritten gap may report several records, so gaps are counted once), and the cores that
 * reported a possible divergence.
 */
export function gapOutcome(r: RecoveryReport): { recovered: number; unrecoverable: number; divergentCores: number[] } {
  const overwritten = new Set(r.divergences.filter((d) => d.reason === 'overwritten').map((d) => `${d.core}:${d.seq}`)).size;
  return {
    recovered: r.gaps - r.congestion - overwritten,
    unrecoverable: r.congestion + overwritten,
    divergentCores: [...new Set(r.divergences.map((d) => d.core))].sort((a, b) => a - b),
  };
}

export interface AgreementReport {
  /** True when every verdict and every compared state equals the single-core reference. */
  agree: boolean;
  verdictsCompared: number;
  statesCompared: number;
  /** The first few disagreements, in the order found. */
  disagreements: Disagreement[];
  /** Disagreements in all, and those no reported divergence explains (a bug, never a loss). */
  disagreementCount: number;
  unexplained: number;
  /** Records a replica skipped that another may have applied (0 without loss). */
  gaps: number;
  /** Present when something was lost. */
  recovery?: RecoveryReport;
}

const MAX_REPORTED = 20;

/**
 * Drives an SCR machine and the sequential reference in lockstep. After core c processes packet
 * s, the reference has processed packet s too: their verdicts must be equal, and (every
 * `compareStateEvery` packets) so must the replica's whole state and the reference state.
 * `beforeEvent` runs before each event (the timeline takes its snapshots there).
 *
 * With loss on the links, the reference is the single core over the packets that reached the
 * sequencer, leaving out the records that reached no core; a core that waited may process its
 * packets after later ones, so verdicts are compared with the reference's precomputed verdicts,
 * states whenever the reference can be brought to that packet in order, and at the end every
 * replica's final state with the reference's after the last record it applied.
 */
export function runAgainstReference(
  machine: ScrMachine,
  compareStateEvery: number,
  beforeEvent?: (machine: ScrMachine) => void,
): AgreementReport {
  const { program, records, configs, historySize, loss } = machine.setup;
  const lossy = hasLinkLoss(loss);
  const lostEverywhere = lossy ? recordsLostEverywhere((loss as LossSetup).fate, historySize) : null;
  const verdictsOfReference = lostEverywhere ? skippingReferenceVerdicts(program, records, configs, lostEverywhere) : null;
  const inOrder = new ReferenceRun(program, records, configs);
  const skipping = lostEverywhere ? new SkippingReference(program, records, configs, lostEverywhere) : null;
  const disagreements: Disagreement[] = [];
  let count = 0;
  let unexplained = 0;
  let statesCompared = 0;
  let verdictsCompared = 0;
  const report = (d: Disagreement) => {
    count++;
    if (!d.explained) unexplained++;
    if (disagreements.length < MAX_REPORTED) disagreements.push(d);
  };
  const compareState = (replica: ReplicaCore<unknown>, refState: unknown, seq: number, core: number) => {
    statesCompared++;
    if (!program.stateEquals(replica.state, refState)) {
      report({ seq, core, what: 'state', explained: replica.diverged, ...firstDifference(program, refState, replica.state, configs.at(Math.max(0, seq))) });
    }
  };
  // Without loss, every replica's final state is checked too (a replica the sequencer starved is
  // never compared after its own packets); the reference is kept from the packet before the last N.
  const n = records.length;
  const finalFrom = Math.max(0, n - machine.setup.cores);
  let finalRef: ReferenceRun | null = null;
  const keepFinalRef = () => {
    if (finalRef === null && !lostEverywhere && compareStateEvery > 0 && inOrder.processed === finalFrom) {
      finalRef = new ReferenceRun(program, records, configs, program.cloneState(inOrder.state), finalFrom);
    }
  };
  keepFinalRef();

  for (;;) {
    beforeEvent?.(machine);
    const kind = machine.nextKind;
    if (!machine.advance()) break;
    if (kind !== 'process') continue;
    const s = machine.current;
    const core = machine.currentCore;
    const replica = machine.replicas[core] as ReplicaCore<unknown>;
    const expected = verdictsOfReference ? (VERDICTS[verdictsOfReference[s] as number] as Verdict) : inOrder.step();
    keepFinalRef();
    const got = VERDICTS[machine.verdicts[s] as number] as string;
    verdictsCompared++;
    if (got !== expected) report({ seq: s, core, what: 'verdict', expected, got, explained: replica.diverged });
    if (compareStateEvery > 0 && s % compareStateEvery === 0) {
      if (!skipping) compareState(replica, inOrder.state, s, core);
      else if (skipping.at < s) {
        skipping.advanceTo(s);
        compareState(replica, skipping.state, s, core);
      }
    }
  }

  if (compareStateEvery > 0) {
    // Every replica must have applied at least up to the last packet that reached it (round-robin,
    // whatever the sequencer did), and then equal the reference after the last record it applied.
    const fate = lossy ? (loss as LossSetup).fate : null;
    const behind = new Set<number>();
    machine.replicas.forEach((r, c) => {
      const last = lastPacketOf(c, machine.setup.cores, n, fate);
      if (r.lastApplied >= last) return;
      behind.add(c);
      report({ seq: last, core: c, what: 'state', explained: r.diverged, expected: `every record up to #${last}`, got: r.lastApplied < 0 ? 'no record' : `records up to #${r.lastApplied}` });
    });
    const order = machine.replicas.map((r, c) => ({ r, c })).filter(({ c }) => !behind.has(c)).sort((a, b) => a.r.lastApplied - b.r.lastApplied);
    if (lostEverywhere) {
      const ref = new SkippingReference(program, records, configs, lostEverywhere);
      for (const { r, c } of order) {
        ref.advanceTo(r.lastApplied);
        compareState(r, ref.state, r.lastApplied, c);
      }
    } else if (finalRef !== null) {
      const ref: ReferenceRun = finalRef;
      for (const { r, c } of order) {
        while (ref.processed <= r.lastApplied) ref.step();
        compareState(r, ref.state, r.lastApplied, c);
      }
    }
  }

  const processed = records.length - machine.counters.lostLink;
  const result: AgreementReport = {
    agree: count === 0 && verdictsCompared === processed,
    verdictsCompared,
    statesCompared,
    disagreements,
    disagreementCount: count,
    unexplained,
    gaps: machine.gaps,
  };
  if (loss) {
    result.recovery = {
      ...machine.counters,
      divergences: [...machine.divergences],
      recordsLostEverywhere: lostEverywhere ? lostEverywhere.reduce((n, v) => n + v, 0) : 0,
    };
  }
  return result;
}

/** The last packet that reached core c (round-robin over `cores`, skipping those lost on their link), or -1. */
function lastPacketOf(c: number, cores: number, count: number, fate: Uint8Array | null): number {
  let s = count - 1 - ((count - 1 - c) % cores + cores) % cores;
  while (s >= 0 && fate !== null && fate[s] === FATE_LOST_LINK) s -= cores;
  return s;
}

export interface VerifyOptions {
  program: AnyProgram;
  trace: Trace;
  cores: number;
  historySize?: number;
  configs?: ConfigSchedule<unknown>;
  /** Compare the full replica state with the reference after every k-th packet (1: all; 0: never). */
  compareStateEvery?: number;
  /** Loss: a seeded rate (resolved over the trace), or a resolved setup for the trace as given. */
  loss?: LossOptions | { setup: LossSetup };
  /** Tests only: a deliberately broken sequencer (see `SequencerFault`). */
  sequencerFault?: SequencerFault;
}

export interface VerifyResult extends AgreementReport {
  /** Packets in the trace, and how many reached the sequencer. */
  packets: number;
  sequenced: number;
  cores: number;
  /** SCR's verdict codes, by sequence number (NO_VERDICT for a packet lost on its link). */
  verdicts: Uint8Array;
  /** Own packets and records applied (history + recovered + own) by each core. */
  packetsPerCore: number[];
  appliedPerCore: number[];
  /** The machine after the run (replica states, logs, counters), for tests and tools. */
  machine: ScrMachine;
}

/** Runs SCR over a whole trace and checks it against the single-core reference. */
export function verifyScr(opts: VerifyOptions): VerifyResult {
  const { program, cores } = opts;
  const configs = opts.configs ?? new ConfigSchedule<unknown>(program.defaultConfig);
  let trace = opts.trace;
  let loss: LossSetup | undefined;
  if (opts.loss && 'setup' in opts.loss) loss = opts.loss.setup;
  else if (opts.loss) ({ trace, loss } = resolveLoss(opts.trace, opts.loss));
  const records = extractRecords(program, trace);
  const historySize = opts.historySize ?? cores - 1;
  const machine = new ScrMachine({
    program, records, configs, cores, historySize, ...(loss ? { loss } : {}), ...(opts.sequencerFault ? { sequencerFault: opts.sequencerFault } : {}),
  });
  const report = runAgainstReference(machine, opts.compareStateEvery ?? 0);
  return {
    ...report,
    packets: opts.trace.count,
    sequenced: trace.count,
    cores,
    verdicts: machine.verdicts,
    packetsPerCore: [...machine.packetsPerCore],
    appliedPerCore: [...machine.appliedPerCore],
    machine,
  };
}
