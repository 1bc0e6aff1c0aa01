import { describe, expect, it } from 'vitest';
import { PROTO_TCP, TCP_ACK } from '../../packet';
import { defaultTraceParams } from './params';
import { uniformGenerator } from './uniform';

describe('uniform generator', () => {
  it('spreads packets evenly over the flows', () => {
    const flows = 100;
    const t = uniformGenerator.generate({ ...defaultTraceParams(), packets: 50_000, flows, seed: 3 });
    const counts = new Map<string, number>();
    for (let i = 0; i < t.count; i++) {
      const key = `${t.srcIp[i]}:${t.srcPort[i]}>${t.dstIp[i]}:${t.dstPort[i]}/${t.proto[i]}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(flows);
    const sizes = [...counts.values()];
    expect(Math.min(...sizes)).toBeGreaterThan(400); // mean 500, sd about 22
    expect(Math.max(...sizes)).toBeLessThan(600);
  });

  it('gives every packet the configured size; TCP data carries ACK and advances seq by the payload', () => {
    const packetSize = 1000;
    const t = uniformGenerator.generate({ ...defaultTraceParams(), packets: 20_000, flows: 50, packetSize });
    const nextSeq = new Map<string, number>();
    let tcp = 0;
    let udp = 0;
    let wrong = 0;
    for (let i = 0; i < t.count; i++) {
      if (t.wireLen[i] !== packetSize) wrong++;
      if (t.proto[i] !== PROTO_TCP) {
        udp++;
        continue;
      }
      tcp++;
      if (t.tcpFlags[i] !== TCP_ACK) wrong++;
      const key = `${t.srcIp[i]}:${t.srcPort[i]}`;
      const expected = nextSeq.get(key);
      if (expected !== undefined && expected !== t.tcpSeq[i]) wrong++;
      nextSeq.set(key, ((t.tcpSeq[i] as number) + packetSize - 66) >>> 0);
    }
    expect(wrong).toBe(0);
    expect(tcp).toBeGreaterThan(udp);
  });

  it('handles a single flow', () => {
    const t = uniformGenerator.generate({ ...defaultTraceParams(), packets: 100, flows: 1 });
    expect(new Set(t.srcIp).size).toBe(1);
  });
});
