import { VERDICTS, type AnyProgram } from '../programs/program';
import type { Trace } from '../trace/trace';
import { ConfigSchedule } from './config-schedule';
import { ReferenceRun } from './reference';
import { ScrMachine, extractRecords, type ReplicaCore } from './scr-machine';

export interface Disagreement {
  seq: number;
  core: number;
  what: 'verdict' | 'state';
  expected: string;
  got: string;
}

export interface AgreementReport {
  /** True when every verdict and every compared state equals the single-core reference. */
  agree: boolean;
  verdictsCompared: number;
  statesCompared: number;
  /** The first few disagreements, in sequence order. */
  disagreements: Disagreement[];
  /** Records a replica needed and never got (0 without loss). */
  gaps: number;
}

const MAX_REPORTED = 20;

/**
 * Drives an SCR machine and the sequential reference in lockstep. After core c processes packet
 * s, the reference has processed packet s too: their verdicts must be equal, and (every
 * `compareStateEvery` packets) so must the replica's whole state and the reference state.
 * `beforeEvent` runs before each event (the timeline takes its snapshots there).
 */
export function runAgainstReference(
  machine: ScrMachine,
  compareStateEvery: number,
  beforeEvent?: (machine: ScrMachine) => void,
): AgreementReport {
  const { program, records, configs } = machine.setup;
  const reference = new ReferenceRun(program, records, configs);
  const disagreements: Disagreement[] = [];
  let statesCompared = 0;
  let verdictsCompared = 0;
  const report = (d: Disagreement) => {
    if (disagreements.length < MAX_REPORTED) disagreements.push(d);
  };

  for (;;) {
    beforeEvent?.(machine);
    if (!machine.advance()) break;
    if (machine.nextKind !== 'arrive') continue; // a packet is finished only after its 'process' event
    const s = machine.current;
    const core = machine.currentCore;
    const expected = reference.step();
    const got = VERDICTS[machine.verdicts[s] as number] as string;
    verdictsCompared++;
    if (got !== expected) report({ seq: s, core, what: 'verdict', expected, got });
    if (compareStateEvery > 0 && s % compareStateEvery === 0) {
      statesCompared++;
      const replica = machine.replicas[core] as ReplicaCore<unknown>;
      if (!program.stateEquals(replica.state, reference.state)) {
        report({
          seq: s,
          core,
          what: 'state',
          expected: `${program.stateSize(reference.state)} entries`,
          got: `${program.stateSize(replica.state)} entries`,
        });
      }
    }
  }
  return {
    agree: disagreements.length === 0 && verdictsCompared === records.length,
    verdictsCompared,
    statesCompared,
    disagreements,
    gaps: machine.gaps,
  };
}

export interface VerifyOptions {
  program: AnyProgram;
  trace: Trace;
  cores: number;
  historySize?: number;
  configs?: ConfigSchedule<unknown>;
  /** Compare the full replica state with the reference after every k-th packet (1: all; 0: never). */
  compareStateEvery?: number;
}

export interface VerifyResult extends AgreementReport {
  packets: number;
  cores: number;
  /** SCR's verdict codes, by sequence number. */
  verdicts: Uint8Array;
  /** Own packets and records applied (history + own) by each core. */
  packetsPerCore: number[];
  appliedPerCore: number[];
}

/** Runs SCR over a whole trace and checks it against the single-core reference. */
export function verifyScr(opts: VerifyOptions): VerifyResult {
  const { program, trace, cores } = opts;
  const configs = opts.configs ?? new ConfigSchedule<unknown>(program.defaultConfig);
  const records = extractRecords(program, trace);
  const machine = new ScrMachine({ program, records, configs, cores, historySize: opts.historySize ?? cores - 1 });
  const report = runAgainstReference(machine, opts.compareStateEvery ?? 0);
  return {
    ...report,
    packets: trace.count,
    cores,
    verdicts: machine.verdicts,
    packetsPerCore: [...machine.packetsPerCore],
    appliedPerCore: [...machine.appliedPerCore],
  };
}
