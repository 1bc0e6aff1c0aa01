import { VERDICT_CODE, type AnyProgram, type Verdict } from '../programs/program';
import type { ConfigSchedule } from './config-schedule';

/**
 * The sequential reference: the plain single-core run of the program, one packet after another.
 * SCR is correct when every replica agrees with it.
 */
export class ReferenceRun {
  readonly program: AnyProgram;
  readonly records: readonly unknown[];
  readonly configs: ConfigSchedule<unknown>;
  state: unknown;
  /** Packets processed so far. */
  processed = 0;

  constructor(program: AnyProgram, records: readonly unknown[], configs: ConfigSchedule<unknown>) {
    this.program = program;
    this.records = records;
    this.configs = configs;
    this.state = program.initState(configs.initial);
  }

  /** Processes the next packet; returns its verdict. */
  step(): Verdict {
    const s = this.processed++;
    const config = this.configs.at(s);
    const rec = this.records[s];
    this.program.update(this.state, rec, config);
    return this.program.verdict(this.state, rec, config);
  }
}

/** Runs the whole reference; returns the verdict codes (VERDICT_CODE) and the final state. */
export function runReference(program: AnyProgram, records: readonly unknown[], configs: ConfigSchedule<unknown>) {
  const run = new ReferenceRun(program, records, configs);
  const verdicts = new Uint8Array(records.length);
  for (let s = 0; s < records.length; s++) verdicts[s] = VERDICT_CODE[run.step()];
  return { verdicts, state: run.state };
}
