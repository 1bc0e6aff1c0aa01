import { describe, expect, it } from 'vitest';
import type { AnalysisConnection } from '../worker/analysis-client';
import type { AnalysisApi } from '../worker/analysis-protocol';
import { AnalysisSession } from '../worker/analysis-session';
import { ExplorerSession } from '../worker/explorer-session';
import type { FrameView, Scenario } from '../worker/protocol';
import { bridgeStoreToAnalysis, sweepCores, traceIdentity } from './analysis-bridge';
import { createExplorerStore } from './create-store';
import type { EngineActions } from './engine-slice';

const SCENARIO: Scenario = {
  programId: 'portknock',
  config: { knock: [100, 101, 102] },
  trace: { kind: 'generator', id: 'elephant', params: { packets: 3000, seed: 1 } },
  cores: 4,
};

/** The analysis worker without a worker: the real session behind promises, counting calls. */
function fakeAnalysis() {
  const session = new AnalysisSession();
  const calls: string[] = [];
  const api = {
    setRun: async (run) => (calls.push('setRun'), session.setRun(run)),
    startSweep: async (r) => (calls.push('startSweep'), session.startSweep(r)),
    nextCells: async (id, ms) => (calls.push('nextCells'), session.nextCells(id, ms)),
    live: async (r) => (calls.push(`live:${r.upToPacket}`), session.live(r)),
    flowSizes: async () => session.flowSizes(),
    scrCosts: async (c, m) => session.scrCosts(c, m),
    stage: async (r) => session.stage(r),
  } satisfies AnalysisApi;
  const connection = {
    api,
    setRun: (runId: number, programId: string, columns: Parameters<AnalysisApi['setRun']>[0]['columns']) => api.setRun({ runId, programId, columns }),
    terminate: () => calls.push('terminate'),
  } as unknown as AnalysisConnection;
  return { connection, calls };
}

function explorerStore() {
  const store = createExplorerStore();
  const explorer = new ExplorerSession();
  const run = explorer.configure(SCENARIO);
  store.getState().setScenario(SCENARIO);
  store.getState().setEngineActions({ traceColumns: async () => explorer.traceColumns() } as unknown as EngineActions);
  return { store, explorer, run };
}

/**
 * Waits for a condition the bridge brings about on its own (it throttles with real timers), with
 * no deadline of its own shorter than the test's: a slow machine takes longer, it does not fail.
 */
const settle = async (until: () => boolean, what = 'the condition') => {
  const giveUp = Date.now() + 25_000;
  while (!until()) {
    if (Date.now() > giveUp) throw new Error(`the bridge never reached ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('analysis bridge', () => {
  it('starts nothing until the charts are opened, then streams the sweep into the store', async () => {
    const { store, run } = explorerStore();
    const fake = fakeAnalysis();
    let connects = 0;
    const stop = bridgeStoreToAnalysis(store, () => (connects++, fake.connection));
    store.getState().setRun(run, 0);
    // Proves that nothing happens: a run alone, charts closed, starts no worker (a bounded look).
    await new Promise((r) => setTimeout(r, 30));
    expect(connects).toBe(0);
    store.getState().setSidePane('charts');
    await settle(() => store.getState().sweep.status === 'done');
    const { sweep } = store.getState();
    // One worker for the sweep, one for the live views.
    expect(connects).toBe(2);
    expect(sweep.cells).toHaveLength(5 * 16);
    expect(fake.calls.filter((c) => c === 'nextCells').length).toBeGreaterThan(1);
    expect(store.getState().flows?.packets).toBe(3000);
    expect(store.getState().scrCosts?.cores).toHaveLength(16);
    expect(store.getState().live?.packets).toBe(1);
    stop();
  });

  it('follows the playhead packet by packet and restarts the sweep when the costs change', async () => {
    const { store, run } = explorerStore();
    const fake = fakeAnalysis();
    store.getState().setRun(run, 0);
    store.getState().setSidePane('charts');
    const stop = bridgeStoreToAnalysis(store, () => fake.connection);
    await settle(() => store.getState().live !== null);
    store.getState().setFrame({ packet: { seq: 1999 } } as FrameView);
    await settle(() => store.getState().live?.packets === 2000);
    expect(store.getState().live?.packets).toBe(2000);
    const firstKey = store.getState().sweep.key;
    store.getState().setCostOverrides({ c1: 400 });
    await settle(() => store.getState().sweep.key !== firstKey && store.getState().sweep.status === 'done');
    const scr16 = store.getState().sweep.cells.find((c) => c.technique === 'scr' && c.cores === 16);
    expect(scr16).toBeDefined();
    // c1 = 400 ns: one SCR core does far less than with the default c1.
    expect(store.getState().sweep.cells.find((c) => c.technique === 'single')?.throughputMpps).toBeLessThan(2);
    stop();
  });

  it('shows a bad setting as a message and keeps the last good data', async () => {
    const { store, run } = explorerStore();
    const fake = fakeAnalysis();
    store.getState().setRun(run, 0);
    store.getState().setSidePane('charts');
    const stop = bridgeStoreToAnalysis(store, () => fake.connection);
    await settle(() => store.getState().live !== null);
    const live = store.getState().live;
    store.getState().setCostOverrides({ d: -1 });
    await settle(() => store.getState().analysisError !== null);
    expect(store.getState().analysisError).toMatch(/Cost d must be a number/);
    expect(store.getState().live).toBe(live);
    stop();
  });

  it('sweeps 1..16 cores plus a larger scenario count; cores do not change the trace identity', () => {
    expect(sweepCores(4)).toHaveLength(16);
    expect(sweepCores(24).at(-1)).toBe(24);
    expect(traceIdentity(SCENARIO)).toBe(traceIdentity({ ...SCENARIO, cores: 9, historySize: 20 }));
    expect(traceIdentity(SCENARIO)).not.toBe(traceIdentity({ ...SCENARIO, programId: 'ddos' }));
  });
});
