import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateTrace } from '../trace/generators';
import { traceFromPackets, TraceBuilder } from '../trace/trace';
import { flowSizes, rankSizePoints, topShare } from './flow-sizes';

describe('flow sizes', () => {
  it('counts packets per directed 5-tuple, largest first', () => {
    const a = { srcIp: 1, dstIp: 2, srcPort: 10, dstPort: 80, proto: 6, ethertype: 0x0800 };
    const b = { ...a, srcPort: 11 };
    const reply = { ...a, srcIp: 2, dstIp: 1, srcPort: 80, dstPort: 10 };
    const trace = traceFromPackets([b, a, a, reply, a, b]);
    const flows = flowSizes(trace);
    expect(Array.from(flows.sizes)).toEqual([3, 2, 1]);
    expect(Array.from(flows.firstPacket)).toEqual([1, 0, 3]);
    expect(topShare(flows, 1)).toBeCloseTo(0.5);
    expect(topShare(flows, 99)).toBe(1);
  });

  it('keeps IPv6 flows apart by their text addresses', () => {
    const builder = new TraceBuilder();
    const six = { ipVersion: 6, ethertype: 0x86dd, proto: 17, srcPort: 1, dstPort: 2, dstIp6: '2001:db8::2' } as const;
    builder.push({ ...six, srcIp6: '2001:db8::1' });
    builder.push({ ...six, srcIp6: '2001:db8::9' });
    builder.push({ ...six, srcIp6: '2001:db8::1' });
    builder.push({ ipVersion: 4, ethertype: 0x0800, proto: 17, srcPort: 1, dstPort: 2 });
    const flows = flowSizes(builder.build());
    expect(Array.from(flows.sizes)).toEqual([2, 1, 1]);
    expect(flows.firstPacket[0]).toBe(0);
  });

  it('sizes always sum to the packet count and are sorted (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ srcIp: fc.integer({ min: 0, max: 3 }), dstPort: fc.integer({ min: 0, max: 3 }) }), { maxLength: 200 }), (rows) => {
        const flows = flowSizes(traceFromPackets(rows.map((r) => ({ ...r, proto: 6 }))));
        const sizes = Array.from(flows.sizes);
        expect(sizes.reduce((s, x) => s + x, 0)).toBe(rows.length);
        for (let i = 1; i < sizes.length; i++) expect(sizes[i - 1]).toBeGreaterThanOrEqual(sizes[i] as number);
        expect(new Set(rows.map((r) => `${r.srcIp}/${r.dstPort}`)).size).toBe(sizes.length);
      }),
    );
  });

  it('shows the elephant: one flow carries about the chosen share', () => {
    const trace = generateTrace('elephant', { packets: 20000, seed: 3, elephantShare: 0.8, flows: 500 });
    const flows = flowSizes(trace);
    expect(topShare(flows, 1)).toBeGreaterThan(0.77);
    expect(topShare(flows, 1)).toBeLessThan(0.83);
  });

  it('thins the rank-size curve on a log scale, keeping the first and last rank', () => {
    const sizes = Array.from({ length: 10000 }, (_, i) => 10000 - i);
    const points = rankSizePoints(sizes, 40);
    expect(points[0]).toEqual({ rank: 1, packets: 10000 });
    expect(points.at(-1)).toEqual({ rank: 10000, packets: 1 });
    expect(points.length).toBeLessThanOrEqual(41);
    for (let i = 1; i < points.length; i++) expect((points[i] as { rank: number }).rank).toBeGreaterThan((points[i - 1] as { rank: number }).rank);
    expect(rankSizePoints([], 10)).toEqual([]);
    expect(rankSizePoints([5], 10)).toEqual([{ rank: 1, packets: 5 }]);
  });
});
