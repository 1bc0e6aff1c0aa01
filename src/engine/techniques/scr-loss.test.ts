import { describe, expect, it } from 'vitest';
import { getProgram } from '../programs/registry';
import { generateTrace } from '../trace/generators';
import { modelOptions } from './options';
import { buildPlan } from './plan';
import { planScrLoss } from './scr-loss';
import { simulatePlan } from './simulate';
import { mlffrBySimulation, throughputBySaturation } from './throughput';
import { prepareWorkload } from './workload';

describe('SCR loss in the timed model', () => {
  it('charges an isolated loss N records read from peers, and leaves a double loss to congestion', () => {
    const cores = 4;
    const plan = planScrLoss(100_000, cores, 0.02, 7, 90);
    expect(plan.stats.lost).toBeGreaterThan(1500);
    let recovered = 0;
    let congestion = 0;
    for (let i = 0; i < 100_000; i++) {
      if (plan.lost[i] === 1) continue;
      // How many of this core's packets right before i were lost.
      let k = 0;
      while (i - (k + 1) * cores >= 0 && plan.lost[i - (k + 1) * cores] === 1) k++;
      expect(plan.extraNs[i]).toBe(k === 1 ? cores * 90 : 0);
      if (k === 1) recovered++;
      if (k > 1) congestion++;
    }
    expect(plan.stats).toMatchObject({ recovered, congestion, recordsRead: recovered * cores });
    expect(congestion).toBeGreaterThan(0);
  });

  it('on one core a lost record was lost everywhere: nothing to recover', () => {
    const plan = planScrLoss(10_000, 1, 0.1, 3, 90);
    expect(plan.stats.lost).toBeGreaterThan(800);
    expect(plan.stats).toMatchObject({ recovered: 0, recordsRead: 0, congestion: 0 });
    expect(plan.extraNs.every((x) => x === 0)).toBe(true);
  });

  it('is seeded: the same seed loses the same packets', () => {
    expect(planScrLoss(5000, 3, 0.01, 5, 1).lost).toEqual(planScrLoss(5000, 3, 0.01, 5, 1).lost);
    expect(planScrLoss(5000, 3, 0.01, 5, 1).lost).not.toEqual(planScrLoss(5000, 3, 0.01, 6, 1).lost);
    expect(planScrLoss(5000, 3, 0, 5, 1).stats.lost).toBe(0);
  });

  const workload = prepareWorkload(getProgram('portknock'), generateTrace('uniform', { packets: 30000, seed: 8 }));

  it('recovery costs throughput, more with more loss; injected loss is not overload', () => {
    const at = (scrLoss: number) => throughputBySaturation(buildPlan(workload, 'scr', 8, modelOptions('portknock', { scrLoss, costs: { nicGbps: 0 } })));
    const rates = [0, 0.005, 0.01, 0.015].map((p) => at(p).throughputMpps);
    for (let k = 1; k < rates.length; k++) expect(rates[k]).toBeLessThan(rates[k - 1] as number);
    // Each lost packet is not forwarded, and makes its core read and apply N records.
    const o = modelOptions('portknock', { costs: { nicGbps: 0 } }).costs;
    const perPacket = o.d + o.c1 + 7 * o.c2;
    const p = 0.01;
    const expected = ((8000 / perPacket) * (1 - p)) / (1 + (p * 8 * (o.logRead + o.c2)) / perPacket);
    expect(rates[2]! / expected).toBeGreaterThan(0.98);
    expect(rates[2]! / expected).toBeLessThan(1.02);
    expect(at(0.01).recovery?.recovered).toBeGreaterThan(0);
  });

  it('the saturation computation agrees with the simulations under loss', () => {
    const plan = buildPlan(workload, 'scr', 6, modelOptions('portknock', { scrLoss: 0.01 }));
    const fast = throughputBySaturation(plan).throughputMpps;
    const slow = mlffrBySimulation(plan).throughputMpps;
    expect(Math.abs(fast / slow - 1)).toBeLessThan(0.01);
    const run = simulatePlan(plan, 5);
    expect(run.loss).toBe(0);
    expect(run.recovery?.lostInRun).toBe(plan.scrLoss?.stats.lost);
  });

  it('refuses an absurd loss rate', () => {
    expect(() => modelOptions('portknock', { scrLoss: 0.9 })).toThrow(/SCR loss rate must be a fraction from 0 to 0.5/);
  });
});
