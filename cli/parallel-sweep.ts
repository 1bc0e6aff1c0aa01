/**
 * The sweep on several threads: cells are independent, so worker threads take them one at a
 * time (the lock cells cost a hundred times the others, so work is handed out as threads free
 * up), and the cells are passed on in the sweep's order as soon as that order allows. The
 * engine is deterministic, so the result is identical to the one-thread sweep.
 */
import { Worker } from 'node:worker_threads';
import { getProgram } from '../src/engine/programs/registry';
import { sweep, sweepOrder, type SweepCell } from '../src/engine/techniques/sweep';
import type { ModelOptions, TechniqueId } from '../src/engine/techniques/options';
import type { Throughput, ThroughputMethod } from '../src/engine/techniques/throughput';
import { prepareWorkload } from '../src/engine/techniques/workload';
import type { Trace } from '../src/engine/trace/trace';
import type { CellRequest, SweepWorkerData } from './sweep-worker';

export interface ParallelSweepSpec {
  programId: string;
  trace: Trace;
  options: ModelOptions;
  techniques: readonly TechniqueId[];
  cores: readonly number[];
  method: ThroughputMethod;
  /** Threads to use; 1 runs in this thread. */
  jobs: number;
}

export async function parallelSweep(spec: ParallelSweepSpec, onCell: (cell: SweepCell) => void): Promise<SweepCell[]> {
  const order = sweepOrder(spec);
  const jobs = Math.max(1, Math.min(spec.jobs, order.length));
  if (jobs === 1) {
    const cells: SweepCell[] = [];
    const workload = prepareWorkload(getProgram(spec.programId), spec.trace);
    for (const cell of sweep({ workload, options: spec.options, techniques: spec.techniques, cores: spec.cores, method: spec.method })) {
      cells.push(cell);
      onCell(cell);
    }
    return cells;
  }

  const boot = new URL('./worker-boot.mjs', import.meta.url);
  const data: SweepWorkerData = { entry: new URL('./sweep-worker.ts', import.meta.url).href, programId: spec.programId, trace: spec.trace, options: spec.options, method: spec.method };
  const workers = Array.from({ length: jobs }, () => new Worker(boot, { workerData: data }));
  const done: (SweepCell | undefined)[] = new Array(order.length);
  // The single-core baseline does not depend on the core count: computed once, then copied.
  const firstSingle = order.findIndex((cell) => cell.technique === 'single');
  const copiesOfSingle = order.flatMap((cell, index) => (cell.technique === 'single' && index !== firstSingle ? [index] : []));
  let next = 0;
  let emitted = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const hand = (worker: Worker) => {
        while (copiesOfSingle.includes(next)) next++;
        if (next >= order.length) return;
        const request: CellRequest = { index: next, ...(order[next] as { technique: TechniqueId; cores: number }) };
        next++;
        worker.postMessage(request);
      };
      for (const worker of workers) {
        worker.on('message', ({ index, cell }: { index: number; cell: Throughput }) => {
          const targets = index === firstSingle ? [index, ...copiesOfSingle] : [index];
          for (const at of targets) done[at] = { ...cell, cores: order[at]!.cores, index: at, total: order.length };
          while (emitted < order.length && done[emitted]) onCell(done[emitted++]!);
          if (emitted === order.length) resolve();
          else hand(worker);
        });
        worker.on('error', reject);
        hand(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return done as SweepCell[];
}
