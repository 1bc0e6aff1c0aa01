/** A worker thread of the parallel sweep: prepares the workload once, then computes the cells it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { getProgram } from '../src/engine/programs/registry';
import type { ModelOptions, TechniqueId } from '../src/engine/techniques/options';
import { sweepCell } from '../src/engine/techniques/sweep';
import type { ThroughputMethod } from '../src/engine/techniques/throughput';
import { prepareWorkload } from '../src/engine/techniques/workload';
import type { Trace } from '../src/engine/trace/trace';

export interface SweepWorkerData {
  entry: string;
  programId: string;
  trace: Trace;
  options: ModelOptions;
  method: ThroughputMethod;
}

export interface CellRequest {
  index: number;
  technique: TechniqueId;
  cores: number;
}

const data = workerData as SweepWorkerData;
const workload = prepareWorkload(getProgram(data.programId), data.trace);
parentPort?.on('message', (request: CellRequest) => {
  const cell = sweepCell(workload, request.technique, request.cores, data.options, data.method);
  parentPort?.postMessage({ index: request.index, cell });
});
