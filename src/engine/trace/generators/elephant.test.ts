import { describe, expect, it } from 'vitest';
import { defaultTraceParams } from './params';
import { elephantGenerator } from './elephant';

function shares(packets: number, flows: number, elephantShare: number, seed = 1): { top: number; flows: number } {
  const t = elephantGenerator.generate({ ...defaultTraceParams(), packets, flows, elephantShare, seed });
  const counts = new Map<string, number>();
  for (let i = 0; i < t.count; i++) {
    const key = `${t.srcIp[i]}:${t.srcPort[i]}>${t.dstIp[i]}:${t.dstPort[i]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return { top: Math.max(...counts.values()) / t.count, flows: counts.size };
}

describe('elephant generator', () => {
  it.each([0.8, 0.5, 0.95])('gives the elephant %f of the packets, within 3 %', (share) => {
    for (const seed of [1, 2, 3]) expect(Math.abs(shares(20_000, 1000, share, seed).top - share)).toBeLessThan(0.03);
  });

  it('spreads the rest over the mice', () => {
    const s = shares(20_000, 100, 0.8);
    expect(s.flows).toBe(100);
  });

  it('handles the edges: share 1, share 0, a single flow', () => {
    expect(shares(1000, 50, 1).top).toBe(1);
    expect(shares(1000, 50, 1).flows).toBe(1);
    expect(shares(5000, 50, 0).top).toBeLessThan(0.05);
    expect(shares(100, 1, 0.5).top).toBe(1);
  });
});
