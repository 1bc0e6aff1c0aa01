import { describe, expect, it } from 'vitest';
import { getProgram } from '../programs/registry';
import { generateTrace } from '../trace/generators';
import { modelOptions } from './options';
import { buildPlan } from './plan';
import { imbalanceOf, simulatePlan } from './simulate';
import { prepareWorkload } from './workload';

const uniform = prepareWorkload(getProgram('ddos'), generateTrace('uniform', { packets: 20000, seed: 4 }));
const oneFlow = prepareWorkload(getProgram('heavyhitter'), generateTrace('uniform', { packets: 20000, seed: 4, flows: 1 }));
const noLink = (id: string, extra = {}) => modelOptions(id, { costs: { nicGbps: 0 }, ...extra });

describe('timed simulation', () => {
  const single = buildPlan(uniform, 'single', 1, noLink('ddos'));
  const capacity = 1000 / single.plainNs;

  it('below capacity it forwards everything it is offered', () => {
    const r = simulatePlan(single, capacity / 2);
    expect(r.loss).toBe(0);
    expect(r.throughputMpps).toBeGreaterThan((capacity / 2) * 0.995);
    expect(r.throughputMpps).toBeLessThanOrEqual(capacity / 2);
    expect(r.perCore.busyFraction[0]).toBeCloseTo(0.5, 2);
  });

  it('at twice its capacity one core loses about half and forwards its capacity', () => {
    const r = simulatePlan(single, capacity * 2);
    expect(r.loss).toBeGreaterThan(0.45);
    expect(r.loss).toBeLessThan(0.5);
    expect(r.packets.droppedRing).toBe(r.packets.offered - r.packets.served);
    expect(r.throughputMpps).toBeCloseTo(capacity, 1);
  });

  it('a longer RX ring absorbs bursts a short one drops', () => {
    const scr = (ring: number) => buildPlan(uniform, 'scr', 4, noLink('ddos', { ringSize: ring, burst: 64 }));
    const rate = 0.9 * (4000 / scr(1).plainNs);
    expect(simulatePlan(scr(256), rate).loss).toBe(0);
    expect(simulatePlan(scr(2), rate).loss).toBeGreaterThan(0.05);
  });

  it('one heavy flow under locks serialises on its lock, however many cores', () => {
    const o = noLink('heavyhitter');
    const { lockAcquire, cacheLine, c1, lockRelease } = o.costs;
    const lockBound = 1000 / (lockAcquire + cacheLine + c1 + lockRelease);
    const r = simulatePlan(buildPlan(oneFlow, 'locks', 8, o), 50);
    expect(r.throughputMpps).toBeLessThan(lockBound);
    expect(r.lockWaitNs).toBeGreaterThan(0);
    expect(r.cacheLineTransfers / r.packets.served).toBeGreaterThan(0.8);
    // SCR on the same flow needs no lock at all.
    const scr = simulatePlan(buildPlan(oneFlow, 'scr', 8, o), 50);
    expect(scr.lockWaitNs).toBe(0);
    expect(scr.cacheLineTransfers).toBe(0);
    expect(scr.throughputMpps).toBeGreaterThan(3 * r.throughputMpps);
  });

  it('locks with RSS spreading keep each source on its core: no transfers, no waiting', () => {
    const plan = buildPlan(uniform, 'locks', 4, noLink('ddos', { lockSpreading: 'rss' }));
    const r = simulatePlan(plan, 5);
    expect(r.packets.served).toBe(20000);
    expect(r.cacheLineTransfers).toBe(0);
    expect(r.lockWaitNs).toBe(0);
  });

  it('the time series adds up to the totals', () => {
    const plan = buildPlan(uniform, 'rss', 4, modelOptions('ddos', { seriesPoints: 25 }));
    const r = simulatePlan(plan, 30);
    expect(r.series.points).toBe(25);
    r.series.packets.forEach((points, c) => expect(points.reduce((a, b) => a + b, 0)).toBe(r.perCore.packets[c]));
    expect(r.series.dropped.reduce((a, b) => a + b, 0)).toBe(r.packets.droppedLink + r.packets.droppedRing);
    const busy = r.series.busy.flat();
    expect(Math.min(...busy)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...busy)).toBeLessThanOrEqual(1.0001);
  });

  it('the NIC becomes the bottleneck with small packets and many cores: SCR history bytes count', () => {
    // Cheap compute, so 16 cores could forward far more than the link carries.
    const o = modelOptions('ddos', { packetSize: 64, costs: { d: 60, c1: 10, c2: 1 } });
    const plan = buildPlan(uniform, 'scr', 16, o);
    const r = simulatePlan(plan, 80);
    expect(r.packets.droppedLink).toBeGreaterThan(0);
    expect(r.linkUtilization).toBeGreaterThan(0.95);
    const bytesPerPacket = 64 + o.costs.frameOverhead + plan.historyBytes;
    expect(r.throughputMpps).toBeCloseTo((o.costs.nicGbps * 1000) / (8 * bytesPerPacket), 0);
    expect(r.historyBytesPerPacket).toBe(plan.historyBytes);
  });

  it('is deterministic: the same configuration gives the same bytes', () => {
    const plan = () => buildPlan(oneFlow, 'locks', 6, modelOptions('heavyhitter'));
    expect(JSON.stringify(simulatePlan(plan(), 12))).toBe(JSON.stringify(simulatePlan(plan(), 12)));
  });

  it('refuses an offered load that is not a positive number', () => {
    expect(() => simulatePlan(single, 0)).toThrow(/positive number of Mpps/);
    expect(() => simulatePlan(single, Number.NaN)).toThrow(/positive number of Mpps/);
  });

  it('measures imbalance as max over mean and the coefficient of variation', () => {
    expect(imbalanceOf([1, 1, 1, 1])).toEqual({ maxOverMean: 1, cv: 0 });
    const skewed = imbalanceOf([4, 0, 0, 0]);
    expect(skewed.maxOverMean).toBe(4);
    expect(skewed.cv).toBeCloseTo(Math.sqrt(3), 10);
    expect(imbalanceOf([0, 0])).toEqual({ maxOverMean: 1, cv: 0 });
  });
});
