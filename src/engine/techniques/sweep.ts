/**
 * The scaling sweep: for one program and trace, the throughput of each technique on each core
 * count, produced one cell at a time so a chart can fill in while the rest is computed.
 * Order: core counts ascending, and for each, the techniques in the order asked, so every line
 * of the chart grows together. The single-core baseline does not depend on N: it is computed
 * once and repeated for every N.
 */
import type { AnyProgram } from '../programs/program';
import type { Trace } from '../trace/trace';
import { TECHNIQUES, type ModelOptions, type TechniqueId } from './options';
import { buildPlan, MAX_CORES } from './plan';
import { LOCK_TOLERANCE, mlffrBySimulation, throughputBySaturation, withoutRun, type Throughput, type ThroughputMethod } from './throughput';
import { prepareWorkload, type Workload } from './workload';

export interface SweepSpec {
  workload: Workload;
  options: ModelOptions;
  techniques?: readonly TechniqueId[];
  /** Core counts (default 1..16). */
  cores?: readonly number[];
  /** Default 'saturation' (fast); 'mlffr' runs the binary search of full simulations. */
  method?: ThroughputMethod;
}

/** One cell of the sweep: `cores` is the column it belongs to (the baseline always runs on one). */
export interface SweepCell extends Throughput {
  /** Position of this cell in the sweep, from 0, and the number of cells. */
  index: number;
  total: number;
}

export function coreRange(from: number, to: number): number[] {
  const out: number[] = [];
  for (let n = from; n <= to; n++) out.push(n);
  return out;
}

/** The throughput of one technique on one core count (what a sweep computes per cell). */
export function sweepCell(workload: Workload, technique: TechniqueId, cores: number, options: ModelOptions, method: ThroughputMethod = 'saturation'): Throughput {
  const plan = buildPlan(workload, technique, cores, options);
  return method === 'mlffr' ? withoutRun(mlffrBySimulation(plan, { tolerance: LOCK_TOLERANCE })) : throughputBySaturation(plan);
}

/** The cells of a sweep in the order it yields them; checks the core counts. */
export function sweepOrder(spec: Pick<SweepSpec, 'techniques' | 'cores'>): { technique: TechniqueId; cores: number }[] {
  const techniques = spec.techniques ?? TECHNIQUES;
  const cores = spec.cores ?? coreRange(1, 16);
  for (const n of cores) {
    if (!Number.isInteger(n) || n < 1 || n > MAX_CORES) throw new RangeError(`core counts must be whole numbers from 1 to ${MAX_CORES}, not ${n}`);
  }
  return cores.flatMap((n) => techniques.map((technique) => ({ technique, cores: n })));
}

/** Cells one by one, as they are computed. */
export function* sweep(spec: SweepSpec): Generator<SweepCell, void, undefined> {
  const order = sweepOrder(spec);
  let baseline: Throughput | undefined;
  for (const [index, { technique, cores }] of order.entries()) {
    let cell: Throughput;
    if (technique === 'single' && baseline) cell = baseline;
    else {
      cell = sweepCell(spec.workload, technique, cores, spec.options, spec.method);
      if (technique === 'single') baseline = cell;
    }
    yield { ...cell, cores, index, total: order.length };
  }
}


/** The whole sweep; `onCell` sees every cell as soon as it is ready. */
export function runSweep(spec: SweepSpec, onCell?: (cell: SweepCell) => void): SweepCell[] {
  const out: SweepCell[] = [];
  for (const cell of sweep(spec)) {
    out.push(cell);
    onCell?.(cell);
  }
  return out;
}

/** Convenience: prepare the workload and sweep. */
export function sweepProgram(program: AnyProgram, trace: Trace, options: ModelOptions, rest: Omit<SweepSpec, 'workload' | 'options'> = {}): SweepCell[] {
  return runSweep({ workload: prepareWorkload(program, trace), options, ...rest });
}

/** Throughput by technique and core count: table[technique][i] for cores[i]. */
export function sweepTable(cells: readonly SweepCell[]): Partial<Record<TechniqueId, Map<number, number>>> {
  const out: Partial<Record<TechniqueId, Map<number, number>>> = {};
  for (const c of cells) (out[c.technique] ??= new Map()).set(c.cores, c.throughputMpps);
  return out;
}
