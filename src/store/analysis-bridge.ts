import type { AnalysisConnection } from '../worker/analysis-client';
import type { LiveRequest } from '../worker/analysis-protocol';
import type { Scenario } from '../worker/protocol';
import { ALL_TECHNIQUES } from './analysis-slice';
import type { ExplorerState, ExplorerStore } from './create-store';

/** At most one live request starts per this many ms (about 14 a second). */
export const LIVE_INTERVAL_MS = 70;
/** Each pull of sweep cells computes for about this long, so live requests get their turn. */
export const SWEEP_BATCH_MS = 40;
/** The sweep always covers 1..16 cores, and the scenario's count when it has more. */
export const SWEEP_MAX_CORES = 16;

export function sweepCores(cores: number): number[] {
  const out = Array.from({ length: SWEEP_MAX_CORES }, (_, i) => i + 1);
  if (Number.isInteger(cores) && cores > SWEEP_MAX_CORES) out.push(cores);
  return out;
}

/** Two scenarios with the same identity run on the same trace (cores and history do not change it). */
export function traceIdentity(s: Scenario): string {
  const edits = (s.edits ?? []).filter((e) => e.kind !== 'config');
  return JSON.stringify([s.programId, s.trace, edits]);
}

function costsKey(s: ExplorerState): string {
  return JSON.stringify(Object.entries(s.costOverrides).sort());
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const clock = () => globalThis.performance?.now() ?? 0;

/**
 * Keeps the analysis worker in step with the store, once the charts pane has been opened:
 * hands it each new trace (from the explorer worker, as moved buffers), streams the scaling
 * sweep cell by cell (a new sweep whenever the run, the costs or the core range change: the old
 * one is dropped between two batches), and asks for the live view when the playhead reaches
 * another packet or a setting changes: at most one request in flight, at most one start per
 * LIVE_INTERVAL_MS, and only the latest wish is served.
 */
export function bridgeStoreToAnalysis(store: ExplorerStore, connect: (onFailure: (message: string) => void) => AnalysisConnection): () => void {
  let connection: AnalysisConnection | null = null;
  /** Run handed to the worker (0: none yet); bumps on every new trace and every restart. */
  let runGen = 0;
  let loadedRun = 0;
  let loadedIdentity = '';
  let loadedCapture: unknown = null;
  let sweepKey = '';
  let liveBusy = false;
  let liveWanted = false;
  let liveTimer: ReturnType<typeof setTimeout> | undefined;
  let lastLiveAt = Number.NEGATIVE_INFINITY;
  let lastLiveKey = '';

  const fail = (gen: number, message: string) => {
    if (gen === runGen) store.getState().setAnalysisError(message);
  };

  const loadRun = async () => {
    const s = store.getState();
    const run = s.run;
    const actions = s.engineActions;
    if (!connection || !run || !actions) return;
    const gen = ++runGen;
    loadedRun = 0;
    loadedIdentity = traceIdentity(run.scenario);
    loadedCapture = s.capture;
    sweepKey = '';
    lastLiveKey = '';
    try {
      const trace = await actions.traceColumns();
      if (gen !== runGen || !connection) return;
      const info = await connection.setRun(gen, trace.programId, trace.columns);
      if (gen !== runGen) return;
      loadedRun = gen;
      const now = store.getState();
      now.setAnalysisRun(info);
      now.setAnalysisError(null);
      void refreshFlows(gen);
      void refreshScrCosts();
      void startSweep();
      requestLive();
    } catch (error) {
      fail(gen, `The charts could not read this run's trace: ${messageOf(error)}`);
    }
  };

  const refreshFlows = async (gen: number) => {
    try {
      const flows = await connection?.api.flowSizes();
      if (flows && gen === runGen) store.getState().setFlows(flows);
    } catch (error) {
      fail(gen, messageOf(error));
    }
  };

  const refreshScrCosts = async () => {
    const gen = runGen;
    const s = store.getState();
    if (!connection || !loadedRun || !s.run) return;
    try {
      const costs = await connection.api.scrCosts(s.costOverrides, Math.max(SWEEP_MAX_CORES, s.run.scenario.cores));
      if (gen === runGen) store.getState().setScrCosts(costs);
    } catch (error) {
      fail(gen, messageOf(error));
    }
  };

  const startSweep = async () => {
    const s = store.getState();
    if (!connection || !loadedRun || !s.run) return;
    const cores = sweepCores(s.run.scenario.cores);
    const key = `${loadedRun}|${costsKey(s)}|${cores.join(',')}`;
    if (key === sweepKey) return;
    sweepKey = key;
    const gen = runGen;
    s.sweepStarted(key, ALL_TECHNIQUES.length * cores.length);
    const api = connection.api;
    try {
      const id = await api.startSweep({ costs: s.costOverrides, techniques: [...ALL_TECHNIQUES], cores });
      if (sweepKey === key) store.getState().setAnalysisError(null);
      while (sweepKey === key && gen === runGen) {
        const batch = await api.nextCells(id, SWEEP_BATCH_MS);
        if (sweepKey !== key) return;
        store.getState().sweepCells(key, batch.cells);
        if (batch.done) {
          store.getState().sweepFinished(key, 'done');
          return;
        }
      }
    } catch (error) {
      if (sweepKey === key) {
        store.getState().sweepFinished(key, 'error');
        fail(gen, messageOf(error));
      }
    }
  };

  const liveRequest = (s: ExplorerState): LiveRequest | null => {
    if (!loadedRun || s.sidePane !== 'charts' || !s.run) return null;
    return {
      costs: s.costOverrides,
      techniques: s.chartTechniques,
      cores: s.run.scenario.cores,
      offeredMpps: s.offeredMpps,
      upToPacket: s.liveScope === 'trace' ? null : (s.frame?.packet?.seq ?? 0),
    };
  };

  const pumpLive = async () => {
    liveWanted = false;
    const request = liveRequest(store.getState());
    if (!request || !connection) return;
    const key = JSON.stringify([loadedRun, request]);
    if (key === lastLiveKey) return;
    const gen = runGen;
    liveBusy = true;
    lastLiveAt = clock();
    try {
      const view = await connection.api.live(request);
      lastLiveKey = key;
      if (gen === runGen && view.runId === loadedRun) store.getState().setLive(view);
    } catch (error) {
      lastLiveKey = key; // the same request would fail again
      fail(gen, messageOf(error));
    } finally {
      liveBusy = false;
      if (liveWanted) scheduleLive();
    }
  };

  const scheduleLive = () => {
    if (liveBusy || liveTimer !== undefined) return;
    const wait = lastLiveAt + LIVE_INTERVAL_MS - clock();
    if (wait > 0) {
      liveTimer = setTimeout(() => {
        liveTimer = undefined;
        scheduleLive();
      }, wait);
      return;
    }
    void pumpLive();
  };

  const requestLive = () => {
    liveWanted = true;
    scheduleLive();
  };

  const start = () => {
    connection?.terminate();
    runGen++;
    loadedRun = 0;
    sweepKey = '';
    lastLiveKey = '';
    liveBusy = false;
    const gen = runGen;
    connection = connect((message) => fail(gen, message));
    store.getState().setAnalysisError(null);
    void loadRun();
  };

  store.getState().setAnalysisActions({ restart: start });

  const unsubscribe = store.subscribe((s, p) => {
    if (!connection) {
      if (s.sidePane === 'charts') start();
      return;
    }
    const run = s.run;
    if (run !== p.run || s.capture !== p.capture) {
      if (run && (traceIdentity(run.scenario) !== loadedIdentity || s.capture !== loadedCapture)) {
        void loadRun();
        return;
      }
    }
    if (s.costOverrides !== p.costOverrides || run?.scenario.cores !== p.run?.scenario.cores) {
      void startSweep();
      void refreshScrCosts();
    }
    if (
      s.sidePane !== p.sidePane || run !== p.run || s.frame?.packet?.seq !== p.frame?.packet?.seq
      || s.costOverrides !== p.costOverrides || s.chartTechniques !== p.chartTechniques
      || s.offeredMpps !== p.offeredMpps || s.liveScope !== p.liveScope
    ) {
      requestLive();
    }
  });

  if (store.getState().sidePane === 'charts') start();
  return () => {
    unsubscribe();
    runGen++;
    if (liveTimer !== undefined) clearTimeout(liveTimer);
    connection?.terminate();
    connection = null;
    store.getState().setAnalysisActions(null);
  };
}
