import { describe, expect, it } from 'vitest';
import { getProgram } from '../programs/registry';
import { generateTrace } from '../trace/generators';
import { modelOptions } from './options';
import { coreRange, runSweep, sweep, sweepTable } from './sweep';
import { prepareWorkload } from './workload';

const workload = prepareWorkload(getProgram('portknock'), generateTrace('elephant', { packets: 8000, seed: 2 }));
const options = modelOptions('portknock');

describe('sweep', () => {
  it('yields one cell at a time, core counts ascending, every technique per core count', () => {
    const cells = sweep({ workload, options, cores: [1, 2, 4] });
    const first = cells.next();
    expect(first.done).toBe(false);
    expect(first.value).toMatchObject({ technique: 'single', cores: 1, index: 0, total: 15 });
    const rest = [...cells];
    expect(rest.map((c) => `${c.cores}:${c.technique}`).slice(0, 5)).toEqual(['1:locks', '1:rss', '1:rsspp', '1:scr', '2:single']);
    expect(rest.map((c) => c.index)).toEqual(coreRange(1, 14));
  });

  it('computes the single-core baseline once and repeats it for every core count', () => {
    const cells = runSweep({ workload, options, techniques: ['single'], cores: [1, 5, 9] });
    expect(new Set(cells.map((c) => c.throughputMpps)).size).toBe(1);
    expect(cells.map((c) => c.cores)).toEqual([1, 5, 9]);
  });

  it('tabulates by technique and core count', () => {
    const table = sweepTable(runSweep({ workload, options, techniques: ['scr', 'rss'], cores: [1, 2] }));
    expect([...(table.scr?.keys() ?? [])]).toEqual([1, 2]);
    expect(table.scr?.get(2)).toBeGreaterThan(table.rss?.get(2) ?? Infinity);
  });

  it('is deterministic: the same configuration gives byte-identical results', () => {
    const again = prepareWorkload(getProgram('portknock'), generateTrace('elephant', { packets: 8000, seed: 2 }));
    const a = runSweep({ workload, options, cores: [3, 6] });
    const b = runSweep({ workload: again, options: modelOptions('portknock'), cores: [3, 6] });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
  });

  it('refuses core counts it cannot draw or model', () => {
    expect(() => runSweep({ workload, options, cores: [0] })).toThrow(/whole numbers from 1 to 64/);
    expect(() => runSweep({ workload, options, cores: [2.5] })).toThrow(/whole numbers from 1 to 64/);
  });
});
