import { describe, expect, it } from 'vitest';
import type { Trace } from '../trace';
import { defaultTraceParams } from './params';
import { zipfGenerator } from './zipf';

function topShare(t: Trace): number {
  const counts = new Map<string, number>();
  for (let i = 0; i < t.count; i++) {
    const key = `${t.srcIp[i]}:${t.srcPort[i]}>${t.dstIp[i]}:${t.dstPort[i]}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return Math.max(...counts.values()) / t.count;
}

describe('zipf generator', () => {
  it('makes the largest flow heavier as the skew grows', () => {
    const shares = [0, 0.5, 1, 1.5, 2, 3].map((skew) =>
      topShare(zipfGenerator.generate({ ...defaultTraceParams(), packets: 20_000, flows: 1000, skew, seed: 5 })));
    for (let i = 1; i < shares.length; i++) expect(shares[i]).toBeGreaterThan(shares[i - 1] as number);
    expect(shares[0]).toBeLessThan(0.01); // skew 0 is uniform
    // Skew 1 over 1000 flows: the top flow has 1 / H(1000), about 13 % of the packets.
    expect(shares[2]).toBeGreaterThan(0.11);
    expect(shares[2]).toBeLessThan(0.15);
    expect(shares[5]).toBeGreaterThan(0.8);
  });
});
