import { describe, expect, it } from 'vitest';
import { getProgram } from '../programs/registry';
import { overheadBytes } from '../scr/wire-layout';
import { generateTrace } from '../trace/generators';
import { modelOptions } from './options';
import { buildPlan, uncontendedNs } from './plan';
import { prepareWorkload, shardingCoverage } from './workload';

const trace = generateTrace('datacenter', { packets: 4000, seed: 11 });
const workloadOf = (id: string) => prepareWorkload(getProgram(id), trace);

describe('sharding coverage', () => {
  it('auto RSS keeps per-source state on one core with a source-address hash', () => {
    const w = workloadOf('ddos');
    const plan = buildPlan(w, 'rss', 4, modelOptions('ddos'));
    expect(plan.sharding).toMatchObject({ fields: 'src-ip', keysCovered: true, fallback: 'none', keysInSeveralBuckets: 0 });
    expect(plan.lockMode).toBe('none');
  });

  it('a 5-tuple hash splits per-source state: the plan falls back to per-key locks, and the trace shows it', () => {
    const w = workloadOf('ddos');
    const plan = buildPlan(w, 'rss', 4, modelOptions('ddos', { rssFields: '5-tuple' }));
    expect(plan.sharding?.keysCovered).toBe(false);
    expect(plan.sharding?.fallback).toBe('key-locks');
    expect(plan.sharding?.reason).toMatch(/per source address/);
    expect(plan.sharding?.keysInSeveralBuckets).toBeGreaterThan(0);
    expect(plan.lockMode).toBe('keys');
  });

  it('the connection tracker needs a symmetric key: both directions on one core', () => {
    const w = workloadOf('conntrack');
    const auto = buildPlan(w, 'rss', 4, modelOptions('conntrack'));
    expect(auto.sharding).toMatchObject({ fields: '5-tuple', key: 'symmetric', keysCovered: true, keysInSeveralBuckets: 0 });
    const explicit = buildPlan(w, 'rss', 4, modelOptions('conntrack', { rssFields: '5-tuple' }));
    expect(explicit.sharding).toMatchObject({ key: 'symmetric', keysCovered: true });
    const asym = buildPlan(w, 'rss', 4, modelOptions('conntrack', { rssKey: 'microsoft' }));
    expect(asym.sharding?.keysCovered).toBe(false);
    expect(asym.sharding?.keysInSeveralBuckets).toBeGreaterThan(0);
  });

  it("the NAT's free-port pool cannot be sharded: one global lock", () => {
    const w = workloadOf('nat');
    expect(w.hasGlobal).toBe(true);
    const plan = buildPlan(w, 'rsspp', 8, modelOptions('nat'));
    expect(plan.sharding?.fallback).toBe('global-lock');
    expect(plan.sharding?.reason).toMatch(/free outside ports .* one lock/);
    expect(plan.lockMode).toBe('global');
    expect(shardingCoverage(getProgram('nat').scope, '5-tuple', 'microsoft').fallback).toBe('key-and-global-locks');
  });
});

describe('plans', () => {
  it('SCR sprays round-robin and charges d + c1 + (N-1) c2 and the history bytes', () => {
    const w = workloadOf('portknock');
    const o = modelOptions('portknock');
    const plan = buildPlan(w, 'scr', 5, o);
    expect(Array.from(plan.coreOf.subarray(0, 7))).toEqual([0, 1, 2, 3, 4, 0, 1]);
    expect(plan.plainNs).toBe(o.costs.d + o.costs.c1 + 4 * o.costs.c2);
    expect(plan.historyBytes).toBe(overheadBytes(getProgram('portknock'), 4));
    expect(plan.lockMask).toBeNull();
  });

  it('the single-core baseline uses one core whatever is asked', () => {
    const plan = buildPlan(workloadOf('ddos'), 'single', 8, modelOptions('ddos'));
    expect(plan.cores).toBe(1);
    expect(plan.coreOf.every((c) => c === 0)).toBe(true);
  });

  it('locks: every packet with a key takes its lock, after the hash', () => {
    const w = workloadOf('heavyhitter');
    const o = modelOptions('heavyhitter');
    const plan = buildPlan(w, 'locks', 4, o);
    const i = w.keyId.findIndex((k) => k >= 0);
    const { d, hash, lockAcquire, c1, lockRelease } = o.costs;
    expect(uncontendedNs(plan, i)).toBe(d + hash + lockAcquire + c1 + lockRelease);
    const rss = buildPlan(w, 'locks', 4, modelOptions('heavyhitter', { lockSpreading: 'rss' }));
    expect(Array.from(rss.coreOf)).not.toEqual(Array.from(plan.coreOf));
  });

  it('RSS++ rebalances over the trace and moves buckets only between periods', () => {
    const w = prepareWorkload(getProgram('ddos'), generateTrace('zipf', { packets: 20000, seed: 2, flows: 2000 }));
    const plan = buildPlan(w, 'rsspp', 8, modelOptions('ddos', { rebalanceEvery: 2000 }));
    expect(plan.sharding?.rebalances).toBe(9);
    expect(plan.sharding?.bucketsMoved).toBeGreaterThan(0);
    // Within a period every bucket stays on one core.
    for (let start = 0; start < 20000; start += 2000) {
      const coreOfBucket = new Map<number, number>();
      for (let i = start; i < start + 2000; i++) {
        const b = plan.bucketOf![i]!;
        expect(coreOfBucket.get(b) ?? plan.coreOf[i]).toBe(plan.coreOf[i]);
        coreOfBucket.set(b, plan.coreOf[i]!);
      }
    }
  });

  it('refuses absurd core counts', () => {
    expect(() => buildPlan(workloadOf('ddos'), 'scr', 0, modelOptions('ddos'))).toThrow(/cores must be a whole number from 1 to 64/);
    expect(() => buildPlan(workloadOf('ddos'), 'scr', 65, modelOptions('ddos'))).toThrow(RangeError);
  });
});
