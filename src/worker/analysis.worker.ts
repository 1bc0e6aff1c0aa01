/// <reference lib="webworker" />
import * as Comlink from 'comlink';
import type { AnalysisApi } from './analysis-protocol';
import { AnalysisSession, recordingBuffers } from './analysis-session';

/**
 * The analysis worker: one AnalysisSession behind the typed AnalysisApi. A worker of its own, so a
 * sweep that takes seconds never delays the explorer's frames; calls run one at a time, so a live
 * view asked for during a sweep is answered between two batches of cells.
 */
const session = new AnalysisSession();

const api: AnalysisApi = {
  async setRun(run) {
    return session.setRun(run);
  },
  async startSweep(request) {
    return session.startSweep(request);
  },
  async nextCells(sweepId, budgetMs) {
    return session.nextCells(sweepId, budgetMs);
  },
  async live(request) {
    return session.live(request);
  },
  async stage(request) {
    // The recording's typed arrays are moved, not copied: the worker does not keep them.
    const view = session.stage(request);
    return Comlink.transfer(view, recordingBuffers(view.recording));
  },
  async flowSizes() {
    return session.flowSizes();
  },
  async scrCosts(costs, maxCores) {
    return session.scrCosts(costs, maxCores);
  },
};

Comlink.expose(api);
