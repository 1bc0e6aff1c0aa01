import { describe, expect, it } from 'vitest';
import { generateTrace } from '../engine/trace/generators';
import { AnalysisSession, COMPUTE_RATIOS } from './analysis-session';
import type { SweepCellView } from './analysis-protocol';
import { traceToColumns } from './trace-columns';
import { indexRecording, stageAt } from '../engine/techniques/stage-replay';

const elephant = generateTrace('elephant', { packets: 20000, seed: 4, flows: 200 });

function session(programId = 'portknock') {
  const s = new AnalysisSession();
  const info = s.setRun({ runId: 7, programId, columns: traceToColumns(elephant) });
  return { s, info };
}

function drain(s: AnalysisSession, id: number): SweepCellView[] {
  const cells: SweepCellView[] = [];
  for (;;) {
    const batch = s.nextCells(id, 50);
    cells.push(...batch.cells);
    if (batch.done) return cells;
  }
}

describe('analysis session', () => {
  it('takes the trace as columns and says what it holds', () => {
    const { info } = session('nat');
    expect(info).toMatchObject({ runId: 7, programId: 'nat', packets: 20000, globalState: expect.any(String) });
    expect(info.defaultCosts.d).toBeGreaterThan(0);
    // 20,000 packets are replayed four times for throughput figures: at least 65,536.
    expect(info.sweepPackets).toBe(80000);
    expect(() => new AnalysisSession().setRun({ runId: 1, programId: 'nope', columns: traceToColumns(elephant) })).toThrow(/nope/);
  });

  it('streams sweep cells one batch at a time; a budget of 0 gives one cell per call', () => {
    const { s } = session();
    const id = s.startSweep({ costs: {}, techniques: ['rss', 'scr'], cores: [1, 2, 4] });
    const first = s.nextCells(id, 0);
    expect(first.cells).toHaveLength(1);
    expect(first.cells[0]).toMatchObject({ technique: 'rss', cores: 1, index: 0, total: 6 });
    const rest = drain(s, id);
    expect(rest.map((c) => `${c.technique}${c.cores}`)).toEqual(['scr1', 'rss2', 'scr2', 'rss4', 'scr4']);
  });

  it('a new sweep supersedes the old one', () => {
    const { s } = session();
    const old = s.startSweep({ costs: {}, techniques: ['scr'], cores: [1, 2, 3] });
    s.nextCells(old, 0);
    const next = s.startSweep({ costs: { c1: 100 }, techniques: ['scr'], cores: [1] });
    expect(s.nextCells(old, 0)).toMatchObject({ superseded: true, done: true, cells: [] });
    expect(drain(s, next)).toHaveLength(1);
  });

  it('on the elephant trace RSS stays flat while SCR rises', () => {
    const { s } = session();
    const cells = drain(s, s.startSweep({ costs: {}, techniques: ['rss', 'scr'], cores: [1, 4, 8] }));
    const at = (t: string, n: number) => cells.find((c) => c.technique === t && c.cores === n)?.throughputMpps ?? Number.NaN;
    expect(at('rss', 8) / at('rss', 1)).toBeLessThan(1.5);
    expect(at('scr', 8) / at('scr', 1)).toBeGreaterThan(5);
    const scr8 = cells.find((c) => c.technique === 'scr' && c.cores === 8) as SweepCellView;
    expect(scr8.historyBytesPerPacket).toBeGreaterThan(0);
    expect(scr8.linkGbps).toBeGreaterThan(0);
  });

  it('says what is wrong with a bad setting, in a sentence', () => {
    const { s } = session();
    expect(() => s.startSweep({ costs: { d: -5 }, techniques: ['scr'], cores: [1] })).toThrow(/^Cost d must be a number from 0/);
    expect(() => s.startSweep({ costs: {}, techniques: ['magic' as never], cores: [1] })).toThrow(/no technique "magic"/);
    expect(() => s.startSweep({ costs: {}, techniques: ['scr'], cores: [0] })).toThrow(/Core counts/);
    expect(() => s.live({ costs: {}, techniques: ['scr'], cores: 4, offeredMpps: -1, upToPacket: null })).toThrow(/offered load/);
    expect(() => new AnalysisSession().flowSizes()).toThrow(/no trace yet/);
  });

  it('live: the prefix up to the playhead, the hot core of sharding and the even cores of SCR', () => {
    const { s } = session();
    const view = s.live({ costs: {}, techniques: ['single', 'locks', 'rss', 'scr'], cores: 4, offeredMpps: null, upToPacket: 4999 });
    expect(view).toMatchObject({ packets: 5000, totalPackets: 20000, wholeTrace: false, cores: 4, offeredAuto: true });
    expect(view.offeredMpps).toBeCloseTo(view.singleCoreMlffr * 4);
    const by = Object.fromEntries(view.techniques.map((t) => [t.technique, t]));
    expect(by.single?.packets).toHaveLength(1);
    expect(by.rss?.imbalance).toBeGreaterThan(2);
    expect(by.scr?.imbalance).toBeLessThan(1.05);
    expect(by.scr?.takesLocks).toBe(false);
    expect(by.scr?.lockWaitSeries.every((x) => x === 0)).toBe(true);
    expect(by.scr?.topKeys).toEqual([]);
    expect(by.locks?.takesLocks).toBe(true);
    expect(by.locks?.lockWaitShare).toBeGreaterThan(0);
    expect(by.locks?.topKeys[0]?.key).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    // The series stop at the playhead: a quarter of the trace is about a quarter of the points.
    expect(by.locks?.lockWaitSeries.length).toBeGreaterThan(25);
    expect(by.locks?.lockWaitSeries.length).toBeLessThan(35);
    const served = (by.scr?.packets ?? []).reduce((a, b) => a + b, 0);
    // Loss also counts packets still queued when the sending ends (served later), so served is at least the rest.
    expect(served).toBeLessThanOrEqual(5000);
    expect(served).toBeGreaterThanOrEqual(Math.round(5000 * (1 - (by.scr?.loss ?? 0))));
  });

  it('live over the whole trace at a chosen load', () => {
    const { s } = session();
    const view = s.live({ costs: {}, techniques: ['scr'], cores: 2, offeredMpps: 3, upToPacket: null });
    expect(view).toMatchObject({ packets: 20000, wholeTrace: true, offeredMpps: 3, offeredAuto: false });
    expect(view.techniques[0]?.loss).toBe(0);
    expect(view.techniques[0]?.lockWaitSeries).toHaveLength(120);
  });

  it('flow sizes: the elephant is the largest flow', () => {
    const { s } = session();
    const flows = s.flowSizes();
    expect(flows.largestShare).toBeGreaterThan(0.7);
    expect(flows.points[0]?.rank).toBe(1);
    expect(flows.largest[0]?.packets).toBe(flows.points[0]?.packets);
    expect(flows.largest[0]?.text).toMatch(/→/);
  });

  it('SCR costs: history grows with cores; compute against dispatch fades the scaling', () => {
    const { s, info } = session();
    const view = s.scrCosts({}, 16);
    expect(view.cores).toHaveLength(16);
    expect(view.historyBytes[1]).toBe((view.historyBytes[0] as number) + view.recordBytes);
    const { d, c1, c2 } = info.defaultCosts;
    expect(view.closedFormMpps[7]).toBeCloseTo((1000 * 8) / (d + c1 + 7 * c2));
    expect(view.linkLimitMpps[15]).toBeLessThan(view.linkLimitMpps[0] as number);
    const at16 = view.compute.curves.slice(0, COMPUTE_RATIOS.length).map((c) => c.speedup[15] as number);
    for (let i = 1; i < at16.length; i++) expect(at16[i]).toBeLessThan(at16[i - 1] as number);
    expect(view.compute.curves.at(-1)).toMatchObject({ c1, c2 });
    expect(() => s.scrCosts({ d: 0, c1: 0, c2: 0 }, 4)).toThrow(/c1 must be above 0 ns/);
  });
});

describe('a technique stage and the charts: one simulation, two views', () => {
  const skewed = generateTrace('elephant', { packets: 3000, flows: 200, elephantShare: 0.8, seed: 7 });
  for (const technique of ['single', 'locks', 'rss', 'rsspp', 'scr'] as const) {
    it(`${technique}: the stage's last frame is the per-core table`, () => {
      const s = new AnalysisSession();
      s.setRun({ runId: 3, programId: 'ddos', columns: traceToColumns(skewed) });
      const live = s.live({ costs: {}, techniques: [technique], cores: 8, offeredMpps: null, upToPacket: null });
      const stage = s.stage({ costs: {}, technique, cores: 8, offeredMpps: null });
      const row = live.techniques[0]!;
      expect(stage.offeredMpps).toBe(live.offeredMpps);
      const end = stageAt(indexRecording(stage.recording), stage.recording.durationNs);
      expect({ offered: end.offered, forwarded: end.forwarded, droppedRing: end.droppedRing, droppedLink: end.droppedLink }).toEqual(row.counts);
      expect(end.cores.map((c) => c.served)).toEqual(row.packets);
      expect(end.cores.map((c) => Math.round(c.busyShare * 1e4) / 1e4)).toEqual(row.busyFraction);
    });
  }

  it('a bad technique or core count gets a sentence, not a crash', () => {
    const { s } = session();
    expect(() => s.stage({ costs: {}, technique: 'magic' as never, cores: 4, offeredMpps: null })).toThrow(/no technique "magic"/);
    expect(() => s.stage({ costs: {}, technique: 'rss', cores: 0, offeredMpps: null })).toThrow(/whole numbers from 1/);
  });
});
