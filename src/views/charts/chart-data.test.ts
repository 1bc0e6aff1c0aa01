import { describe, expect, it } from 'vitest';
import type { FlowSizeView, LiveTechnique, LiveView, ScrCostView, SweepCellView, TechniqueId } from '../../worker/analysis-protocol';
import { contentionCsvTable, contentionLines, contentionSummary, topKeysOwner } from './contention-data';
import { toCsv } from './csv';
import { flowSummary, flowTable } from './flow-data';
import { perCoreSummary, perCoreTable } from './per-core-data';
import { chosenCurve, firstLinkBound, scrCostsSummary, scrCostsTable } from './scr-costs-data';
import { closedFormLine, linearLine, throughputCsvTable, throughputLines, throughputSummary, throughputTable } from './throughput-data';

function cell(technique: TechniqueId, cores: number, mpps: number, extra: Partial<SweepCellView> = {}): SweepCellView {
  return {
    technique, cores, throughputMpps: mpps, offeredMpps: mpps, loss: 0, method: 'saturation', bottleneck: 'cores', imbalance: 1,
    lockWaitShare: 0, cacheLinesPerPacket: 0, historyBytesPerPacket: 0, linkGbps: mpps, index: 0, total: 6, ...extra,
  };
}

const CELLS = [cell('rss', 1, 4.6), cell('scr', 1, 4.6), cell('single', 1, 4.6), cell('rss', 2, 5.1), cell('scr', 2, 8.9), cell('scr', 4, 17, { bottleneck: 'link' })];

describe('throughput data', () => {
  it('draws a line per technique in core order, only what is computed', () => {
    const lines = throughputLines([...CELLS].reverse(), ['rss', 'scr', 'locks']);
    expect(lines.map((l) => l.points.map((p) => p.cores))).toEqual([[1, 2], [1, 2, 4], []]);
    expect(linearLine(CELLS, [1, 2, 4]).map((p) => p.mpps)).toEqual([4.6, 9.2, 18.4]);
    expect(linearLine([], [1])).toEqual([]);
  });

  it('tables: wide for reading, long for the CSV', () => {
    const closed = closedFormLine({ closedFormMpps: [4.5, 8.8, 12, 17.1] } as ScrCostView, [1, 2, 4]);
    const table = throughputTable(CELLS, ['rss', 'scr'], closed);
    expect(table.header).toEqual(['cores', 'RSS (Mpps)', 'SCR (Mpps)', 'SCR closed form (Mpps)']);
    expect(table.rows).toEqual([[1, 4.6, 4.6, 4.5], [2, 5.1, 8.9, 8.8], [4, '', 17, 17.1]]);
    const csv = toCsv(throughputCsvTable(CELLS, ['scr']));
    expect(csv.split('\r\n')[0]).toMatch(/^technique,cores,throughput_mpps/);
    expect(csv.split('\r\n')).toHaveLength(3 + 2);
  });

  it('summarises in words, saying when the sweep is still running', () => {
    const text = throughputSummary(CELLS, ['rss', 'scr'], 10, 2);
    expect(text).toContain('SCR 4.60 Mpps on 1 core to 17.0 Mpps on 4');
    expect(text).toContain('sweep in progress: 6 of 10');
    expect(text).toContain("stage's 2 cores, SCR is fastest with 8.90 Mpps");
    expect(throughputSummary([], ['scr'], 10, 2)).toMatch(/not produced/);
    expect(throughputSummary(CELLS, ['scr'], 6, 2, { packets: 2000, sweepPackets: 66000 })).toContain('the 2,000-packet trace replayed in a loop (66,000 packets)');
    expect(throughputSummary(CELLS, ['scr'], 6, 2, { packets: 70000, sweepPackets: 70000 })).not.toContain('loop');
  });
});

function tech(technique: TechniqueId, over: Partial<LiveTechnique>): LiveTechnique {
  return {
    technique, cores: 2, packets: [10, 10], busyFraction: [0.5, 0.5], lockWaitNs: [0, 0], cacheLineTransfers: [0, 0], imbalance: 1, loss: 0,
    throughputMpps: 1, takesLocks: false, lockWaitShare: 0, lockWaitSeries: [0, 0], transferSeries: [0, 0], topKeys: [],
    counts: { offered: 20, forwarded: 20, droppedRing: 0, droppedLink: 0 }, ...over,
  };
}

const LIVE: LiveView = {
  runId: 1, packets: 20, totalPackets: 100, wholeTrace: false, cores: 2, offeredMpps: 9.2, offeredAuto: true, singleCoreMlffr: 4.6,
  bucketUs: 0.5, spanUs: 60, tookMs: 1,
  techniques: [
    tech('rss', { packets: [19, 1], busyFraction: [1, 0.05], imbalance: 1.9, loss: 0.4 }),
    tech('locks', { takesLocks: true, lockWaitShare: 0.3, lockWaitNs: [100, 50], cacheLineTransfers: [3, 4], lockWaitSeries: [0.1, 0.4], transferSeries: [2, 5], topKeys: [{ key: '10.0.0.1', lockWaitNs: 140, cacheLineTransfers: 6 }] }),
    tech('scr', {}),
  ],
};

describe('per-core and contention data', () => {
  it('one row per technique and core', () => {
    const t = perCoreTable(LIVE);
    expect(t.rows).toHaveLength(6);
    expect(t.rows[0]).toEqual(['rss', 0, 19, 1, 0, 0]);
  });

  it('says which cores are hot, and over which packets', () => {
    const s = perCoreSummary(LIVE);
    expect(s).toContain('packets #0 to #19 of 100');
    expect(s).toContain('sharding (RSS): cores from 5 % to 100 % busy, imbalance 1.90, 40 % lost');
    expect(s).toContain('single-core MLFFR × cores');
  });

  it('draws the lock takers and SCR; lists the keys of locks', () => {
    expect(contentionLines(LIVE).map((t) => t.technique)).toEqual(['locks', 'scr']);
    expect(topKeysOwner(LIVE)?.technique).toBe('locks');
    const csv = contentionCsvTable(LIVE);
    expect(csv.rows.filter((r) => r[1] === 'key')).toEqual([['locks', 'key', '10.0.0.1', '', '', 140, 6]]);
    expect(csv.rows.find((r) => r[0] === 'locks' && r[1] === 'time_us')).toEqual(['locks', 'time_us', 0.25, 0.1, 2, '', '']);
    const s = contentionSummary(LIVE);
    expect(s).toContain('SCR takes no locks (zero wait, zero transfers)');
    expect(s).toContain('30 % of its core time waiting for locks, with 7 cache-line transfers; the hottest key is 10.0.0.1');
  });
});

describe('flow and SCR cost data', () => {
  const flows: FlowSizeView = { runId: 1, packets: 1000, flows: 3, largestShare: 0.8, top10Share: 1, points: [{ rank: 1, packets: 800 }, { rank: 3, packets: 50 }], largest: [{ text: 'a → b TCP', packets: 800 }] };
  it('flow table and summary', () => {
    expect(flowTable(flows).rows).toEqual([[1, 800, 0.8], [3, 50, 0.05]]);
    expect(flowSummary(flows)).toBe('1,000 packets in 3 flows. The largest flow (a → b TCP) carries 80.0 % of the packets, the ten largest 100.0 %.');
  });

  const costs: ScrCostView = {
    runId: 1, cores: [1, 2, 3, 4], recordBytes: 9, historyBytes: [19, 28, 37, 46], closedFormMpps: [4.5, 8.8, 13, 17], linkLimitMpps: [40, 38, 36, Number.POSITIVE_INFINITY],
    frameBytes: 192, frameOverhead: 24, nicGbps: 100,
    compute: { d: 180, c1: 40, c2: 6, c2PerC1: 0.15, curves: [{ c1: 90, c2: 13.5, speedup: [1, 1.8, 2.5, 3] }, { c1: 40, c2: 6, speedup: [1, 1.95, 2.9, 3.8] }] },
    loss: [{ rate: 0, mpps: [4.5, 8.8, 13, 17] }, { rate: 0.01, mpps: [4.45, 8.6, 12.6, 16.4] }],
  };
  it('chooses a compute curve, the program own by default', () => {
    expect(chosenCurve(costs, null)?.c1).toBe(40);
    expect(chosenCurve(costs, 0)?.c1).toBe(90);
    expect(chosenCurve(costs, 99)?.c1).toBe(90);
  });
  it('table and summary name the link bound and the speedup', () => {
    const rows = scrCostsTable(costs, CELLS, chosenCurve(costs, null)).rows;
    expect(rows[3]).toEqual([4, 46, 17, 'no limit', 17, 17, 'link', 3.8, 17, 16.4]);
    expect(scrCostsTable(costs, CELLS, undefined).header.slice(-2)).toEqual(['scr_mpps_loss_0pct', 'scr_mpps_loss_1pct']);
    expect(firstLinkBound(CELLS)).toBe(4);
    const s = scrCostsSummary(costs, CELLS, chosenCurve(costs, 0));
    expect(s).toContain('19 bytes to every packet on 1 core and 46 bytes on 4');
    expect(s).toContain('From 4 cores the 100 Gbit/s link');
    expect(s).toContain('4 cores give 3.0× one core');
    expect(s).toContain('With 1 % of the packets lost on the way to the cores and recovered from the peers\' logs, SCR on 4 cores forwards 16.4 Mpps (3.5 % less).');
  });
});
