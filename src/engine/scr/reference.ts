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

  /** Starts from the beginning, or from `state` after the first `processed` packets. */
  constructor(program: AnyProgram, records: readonly unknown[], configs: ConfigSchedule<unknown>, state?: unknown, processed = 0) {
    this.program = program;
    this.records = records;
    this.configs = configs;
    this.state = state === undefined ? program.initState(configs.initial) : state;
    this.processed = processed;
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

/**
 * The reference when records can be lost everywhere: the single core applies records in order,
 * leaving out those that reached no core (`skip[x]` = 1), which no replica can ever apply.
 */
export class SkippingReference {
  readonly program: AnyProgram;
  readonly records: readonly unknown[];
  readonly configs: ConfigSchedule<unknown>;
  readonly skip: Uint8Array;
  state: unknown;
  /** The last record considered (applied or skipped); -1 at the start. */
  at = -1;

  constructor(program: AnyProgram, records: readonly unknown[], configs: ConfigSchedule<unknown>, skip: Uint8Array) {
    this.program = program;
    this.records = records;
    this.configs = configs;
    this.skip = skip;
    this.state = program.initState(configs.initial);
  }

  /** Applies every record up to x (in order, skipping the lost ones); returns the verdict of x, or null when x was skipped. */
  advanceTo(x: number): Verdict | null {
    let verdict: Verdict | null = null;
    while (this.at < x) {
      const s = ++this.at;
      if (this.skip[s] === 1) {
        verdict = null;
        continue;
      }
      const config = this.configs.at(s);
      const rec = this.records[s];
      this.program.update(this.state, rec, config);
      verdict = s === x ? this.program.verdict(this.state, rec, config) : null;
    }
    return verdict;
  }
}

/** The reference's verdict for every record (NO verdict code 255 for a skipped record). */
export function skippingReferenceVerdicts(program: AnyProgram, records: readonly unknown[], configs: ConfigSchedule<unknown>, skip: Uint8Array): Uint8Array {
  const run = new SkippingReference(program, records, configs, skip);
  const out = new Uint8Array(records.length);
  for (let s = 0; s < records.length; s++) {
    const v = run.advanceTo(s);
    out[s] = v === null ? 255 : VERDICT_CODE[v];
  }
  return out;
}
