import { describe, expect, it } from 'vitest';
import { getProgram, programIds } from '../programs/registry';
import { generateTrace } from '../trace/generators';
import { scrClosedFormMpps } from './costs';
import { modelOptions, type TechniqueId } from './options';
import { buildPlan } from './plan';
import { simulatePlan } from './simulate';
import { mlffrBySimulation, throughputBySaturation } from './throughput';
import { prepareWorkload } from './workload';

const uniformTrace = generateTrace('uniform', { packets: 20000, seed: 3 });

describe('SCR throughput against the primer\'s closed form', () => {
  const w = prepareWorkload(getProgram('ddos'), uniformTrace);
  // A grid of costs, the NIC out of the way: both computations must give T(N) within 2 %.
  const grid: [number, number, number][] = [];
  for (const d of [50, 180, 400]) for (const c1 of [10, 100]) for (const c2 of [2, 20, 60]) grid.push([d, c1, c2]);

  it.each(grid)('d=%i c1=%i c2=%i, 1 to 16 cores', (d, c1, c2) => {
    for (const cores of [1, 2, 3, 5, 8, 16]) {
      const options = modelOptions('ddos', { costs: { d, c1, c2, nicGbps: 0 } });
      const plan = buildPlan(w, 'scr', cores, options);
      const expected = scrClosedFormMpps(options.costs, cores);
      expect(Math.abs(throughputBySaturation(plan).throughputMpps / expected - 1)).toBeLessThan(0.02);
      expect(Math.abs(mlffrBySimulation(plan).throughputMpps / expected - 1)).toBeLessThan(0.02);
    }
  });
});

describe('the fast saturation computation agrees with the binary search of simulations', () => {
  const traces = ['uniform', 'elephant', 'datacenter'].map((name) => [name, generateTrace(name, { packets: 20000, seed: 5 })] as const);
  it.each(traces)('on the %s trace, for single core, RSS and SCR, within 1 %', (_, trace) => {
    for (const id of ['ddos', 'heavyhitter', 'conntrack']) {
      const w = prepareWorkload(getProgram(id), trace);
      for (const technique of ['single', 'rss', 'scr'] as const) {
        for (const cores of [2, 7, 16]) {
          for (const packetSize of [undefined, 64]) {
            const plan = buildPlan(w, technique, cores, modelOptions(id, packetSize ? { packetSize } : {}));
            const fast = throughputBySaturation(plan);
            expect(fast.method).toBe('saturation');
            const slow = mlffrBySimulation(plan);
            expect(Math.abs(fast.throughputMpps / slow.throughputMpps - 1), `${id} ${technique} ${cores}`).toBeLessThan(0.01);
          }
        }
      }
    }
  });

  it('plans with locks, RSS++ and queues shorter than a burst use the binary search', () => {
    const w = prepareWorkload(getProgram('ddos'), uniformTrace);
    for (const plan of [buildPlan(w, 'locks', 4, modelOptions('ddos')), buildPlan(w, 'rsspp', 4, modelOptions('ddos')), buildPlan(w, 'scr', 4, modelOptions('ddos', { ringSize: 16 }))]) {
      const t = throughputBySaturation(plan);
      expect(t.method).toBe('mlffr');
      expect(t.simulations).toBeGreaterThan(1);
    }
  });

  it('is the largest loss-free load: 3 % more load loses more than the threshold', () => {
    const plan = buildPlan(prepareWorkload(getProgram('ddos'), uniformTrace), 'locks', 4, modelOptions('ddos'));
    const t = mlffrBySimulation(plan);
    expect(t.loss).toBeLessThanOrEqual(0.04);
    expect(simulatePlan(plan, t.offeredMpps * 1.03).loss).toBeGreaterThan(0.04);
  });

  it('does not depend on the trace length: queued packets at the end count as lost', () => {
    const at = (packets: number) => {
      const w = prepareWorkload(getProgram('ddos'), generateTrace('uniform', { packets, seed: 3 }));
      return mlffrBySimulation(buildPlan(w, 'scr', 4, modelOptions('ddos', { costs: { nicGbps: 0 } }))).offeredMpps;
    };
    expect(at(3000) / at(30000)).toBeLessThan(1.02);
  });

  it('says so when no load is loss-free: a ring shorter than a burst', () => {
    const plan = buildPlan(prepareWorkload(getProgram('ddos'), uniformTrace), 'single', 1, modelOptions('ddos', { ringSize: 4, burst: 64, costs: { nicGbps: 0 } }));
    const t = throughputBySaturation(plan);
    expect(t.noLossFreeRate).toBe(true);
    expect(t.throughputMpps).toBe(0);
  });
});

/** Throughput of each technique at each core count, for one program and trace. */
function scaling(id: string, trace: ReturnType<typeof generateTrace>, cores: number[]) {
  const w = prepareWorkload(getProgram(id), trace);
  const options = modelOptions(id);
  const at = (technique: TechniqueId, n: number) => throughputBySaturation(buildPlan(w, technique, n, options)).throughputMpps;
  return (technique: TechniqueId) => cores.map((n) => at(technique, n));
}

describe('the shapes the talk shows', () => {
  const elephant = generateTrace('elephant', { packets: 20000, seed: 9, elephantShare: 0.8 });

  it.each(programIds())('%s: with uniform traffic every technique scales', (id) => {
    const t = scaling(id, uniformTrace, [1, 8]);
    for (const technique of ['locks', 'rss', 'rsspp', 'scr'] as const) {
      const [one, eight] = t(technique) as [number, number];
      // The NAT's free-port pool is one lock for everyone but SCR: it scales less, still scales.
      expect(eight / one, technique).toBeGreaterThan(id === 'nat' && technique !== 'scr' ? 4 : 5);
    }
  });

  it.each(programIds())('%s: one elephant flat-lines RSS and RSS++, SCR keeps scaling', (id) => {
    const t = scaling(id, elephant, [1, 16]);
    const [single] = t('single') as [number];
    for (const technique of ['rss', 'rsspp'] as const) expect(Math.max(...t(technique)) / single, technique).toBeLessThan(1.5);
    expect((t('scr')[1] as number) / single).toBeGreaterThan(4);
  });

  it('skew shows up as one saturated core under RSS, and as even cores under SCR', () => {
    const w = prepareWorkload(getProgram('ddos'), elephant);
    const busy = (technique: 'rss' | 'scr') => {
      const plan = buildPlan(w, technique, 8, modelOptions('ddos'));
      return simulatePlan(plan, throughputBySaturation(plan).offeredMpps);
    };
    const rss = busy('rss');
    expect(Math.max(...rss.perCore.busyFraction)).toBeGreaterThan(0.9);
    expect(rss.imbalance.maxOverMean).toBeGreaterThan(3);
    expect(busy('scr').imbalance.maxOverMean).toBeLessThan(1.05);
  });

  it('RSS++ moves buckets but never runs one flow on two cores at once', () => {
    const w = prepareWorkload(getProgram('ddos'), elephant);
    const options = modelOptions('ddos', { rebalanceEvery: 64 });
    const plan = buildPlan(w, 'rsspp', 16, options);
    expect(plan.sharding?.bucketsMoved).toBeGreaterThan(10);
    // The elephant carries 80 %: the whole system cannot beat one core serving the elephant.
    const oneCore = 1000 / (options.costs.d + options.costs.c1);
    expect(throughputBySaturation(plan).throughputMpps).toBeLessThan((oneCore / 0.8) * 1.03);
  });

  it.each(programIds())('%s: with default costs, locks collapse after a few cores on skewed traffic', (id) => {
    const cores = [1, 2, 4, 8, 16];
    const locks = scaling(id, elephant, cores)('locks');
    const best = Math.max(...locks);
    const peakAt = cores[locks.indexOf(best)] as number;
    expect(peakAt).toBeLessThanOrEqual(4);
    expect(locks[4] as number).toBeLessThan(0.7 * best);
  });
});
