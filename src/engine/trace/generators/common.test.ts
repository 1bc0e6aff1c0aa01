import { describe, expect, it } from 'vitest';
import { createRng } from '../../random';
import { buildFlowTable, createClock, exponential, weightedPicker } from './common';

describe('exponential', () => {
  it('has mean 1 and variance 1 (von Neumann sampling)', () => {
    const rng = createRng(7);
    const n = 200_000;
    let sum = 0;
    let sq = 0;
    let max = 0;
    let min = Infinity;
    for (let i = 0; i < n; i++) {
      const x = exponential(rng);
      min = Math.min(min, x);
      sum += x;
      sq += x * x;
      max = Math.max(max, x);
    }
    const mean = sum / n;
    expect(mean).toBeCloseTo(1, 1);
    expect(sq / n - mean * mean).toBeCloseTo(1, 1);
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeGreaterThan(8); // a real tail, not a truncated table
  });
});

describe('createClock', () => {
  it('spaces constant arrivals evenly from 0', () => {
    const clock = createClock(3, 'constant', createRng(1));
    expect(Array.from({ length: 5 }, clock)).toEqual([0, 333, 667, 1000, 1333]);
  });

  it('gives non-decreasing exponential arrivals with the requested mean rate', () => {
    const clock = createClock(10, 'exponential', createRng(1));
    let prev = clock();
    expect(prev).toBe(0);
    let zeroGaps = 0;
    let backwards = 0;
    for (let i = 1; i < 100_000; i++) {
      const t = clock();
      if (t < prev) backwards++;
      if (t === prev) zeroGaps++;
      prev = t;
    }
    expect(backwards).toBe(0);
    expect(prev / 99_999).toBeGreaterThan(98); // mean gap 100 ns at 10 Mpps
    expect(prev / 99_999).toBeLessThan(102);
    expect(zeroGaps).toBeLessThan(1000);
  });
});

describe('buildFlowTable', () => {
  it('makes distinct 5-tuples from private client and server ranges', () => {
    const t = buildFlowTable(100_000, createRng(3));
    const seen = new Set<string>();
    const bad: number[] = [];
    for (let i = 0; i < t.count; i++) {
      const src = t.srcIp[i] as number;
      const dst = t.dstIp[i] as number;
      const port = t.srcPort[i] as number;
      // Clients in 10/8 but not 10.0/16 (servers); servers in 10/8 or 192.168/16; ephemeral source ports.
      const ok = src >>> 24 === 10 && src >>> 16 !== 0x0a00 && (dst >>> 24 === 10 || dst >>> 16 === 0xc0a8) && port >= 32768 && port < 61000;
      if (!ok) bad.push(i);
      seen.add(`${src}:${port}>${dst}:${t.dstPort[i]}/${t.proto[i]}`);
    }
    expect(bad).toEqual([]);
    expect(seen.size).toBe(t.count);
  });
});

describe('weightedPicker', () => {
  it('follows the weights', () => {
    const pick = weightedPicker([1, 0, 3]);
    const rng = createRng(5);
    const counts = [0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[pick(rng)]!++;
    expect(counts[1]).toBe(0);
    expect((counts[2] as number) / 40_000).toBeCloseTo(0.75, 1);
  });
});
