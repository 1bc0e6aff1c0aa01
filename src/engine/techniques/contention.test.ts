import { describe, expect, it } from 'vitest';
import { getProgram } from '../programs/registry';
import { generateTrace } from '../trace/generators';
import { modelOptions } from './options';
import { buildPlan } from './plan';
import { simulatePlan } from './simulate';
import { prepareWorkload } from './workload';

const program = getProgram('portknock');
const workload = prepareWorkload(program, generateTrace('elephant', { packets: 6000, seed: 2, flows: 50 }));
const options = modelOptions('portknock', { seriesPoints: 40 });

describe('contention trace of a run (simulatePlan with contention)', () => {
  it('adds up, over time and per lock, to the run totals', () => {
    const plan = buildPlan(workload, 'locks', 8, options);
    const run = simulatePlan(plan, 30, { contention: true });
    const c = run.contention;
    if (!c) throw new Error('no contention trace');
    const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((s, x) => s + x, 0);
    expect(run.lockWaitNs).toBeGreaterThan(0);
    expect(sum(c.lockWaitNs)).toBeCloseTo(run.lockWaitNs, 3);
    expect(sum(c.byLock.lockWaitNs)).toBeCloseTo(run.lockWaitNs, 3);
    expect(sum(c.cacheLineTransfers)).toBe(run.cacheLineTransfers);
    expect(sum(c.byLock.cacheLineTransfers)).toBe(run.cacheLineTransfers);
    expect(c.lockWaitNs).toHaveLength(40);
    expect(c.byLock.lockWaitNs).toHaveLength(workload.keyCount + 1);
    // The elephant's key is the hot lock.
    const perKey = new Array<number>(workload.keyCount).fill(0);
    for (const k of workload.keyId) if (k >= 0) perKey[k] = (perKey[k] as number) + 1;
    const hot = perKey.indexOf(Math.max(...perKey));
    const byWait = Array.from(c.byLock.lockWaitNs);
    expect(byWait.indexOf(Math.max(...byWait))).toBe(hot);
  });

  it('changes nothing else, and is all zeros without locks', () => {
    const plan = buildPlan(workload, 'locks', 4, options);
    const plain = simulatePlan(plan, 12);
    const traced = simulatePlan(plan, 12, { contention: true });
    const { contention: _c, ...rest } = traced;
    expect(rest).toEqual(plain);
    const scr = simulatePlan(buildPlan(workload, 'scr', 4, options), 12, { contention: true });
    expect(scr.contention?.lockWaitNs.every((x) => x === 0)).toBe(true);
    expect(Array.from(scr.contention?.byLock.cacheLineTransfers ?? [1]).every((x) => x === 0)).toBe(true);
  });

  it('lets a prefix run share the whole trace\'s time axis', () => {
    const plan = buildPlan(workload, 'scr', 4, options);
    const span = workload.count * (1000 / 10);
    const prefix = simulatePlan(plan, 10, { limit: 600, seriesSpanNs: span });
    expect(prefix.series.bucketNs).toBeCloseTo(span / 40);
    // 600 of 6000 packets arrive in the first tenth of the span: later points stay empty.
    const late = prefix.series.packets.flatMap((core) => core.slice(6));
    expect(late.every((x) => x === 0)).toBe(true);
  });
});
