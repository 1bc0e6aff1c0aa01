import * as Comlink from 'comlink';
import type { AnalysisApi } from './analysis-protocol';
import { columnBuffers, type TraceColumns } from './trace-columns';

export interface AnalysisConnection {
  api: Comlink.Remote<AnalysisApi>;
  /** Hands the worker a run's trace, moving (not copying) its column buffers. */
  setRun(runId: number, programId: string, columns: TraceColumns): ReturnType<Comlink.Remote<AnalysisApi>['setRun']>;
  terminate(): void;
}

/** Starts the analysis worker; `onFailure` hears of a worker that failed to load or threw outside a call. */
export function connectAnalysis(onFailure: (message: string) => void): AnalysisConnection {
  const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'scr-analysis' });
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    onFailure(event.message ? `The charts' engine stopped: ${event.message}` : "The charts' engine could not start.");
  });
  const api = Comlink.wrap<AnalysisApi>(worker);
  return {
    api,
    setRun: (runId, programId, columns) => api.setRun(Comlink.transfer({ runId, programId, columns }, columnBuffers(columns))),
    terminate: () => worker.terminate(),
  };
}
