import { describe, expect, it } from 'vitest';
import { ETHERTYPE_IPV4, ETHERTYPE_IPV6, PROTO_TCP, PROTO_UDP } from '../packet';
import { packetAt, traceFromPackets, withPacketInserted, type PacketInit } from './trace';

const v4 = (srcIp: number, dstPort: number, tsNs: number): PacketInit => ({
  ethertype: ETHERTYPE_IPV4, ipVersion: 4, proto: PROTO_TCP, srcIp, dstIp: 0x0a00000a, dstPort, tsNs, wireLen: 74,
});
const v6 = (src: string, tsNs: number): PacketInit => ({
  ethertype: ETHERTYPE_IPV6, ipVersion: 6, proto: PROTO_UDP, srcIp6: src, dstIp6: 'fd00::10', dstPort: 53, tsNs,
});

describe('withPacketInserted', () => {
  const trace = traceFromPackets([v4(1, 100, 10), v6('fd00::1', 20), v4(3, 102, 30)]);

  it('inserts in the middle and moves the later packets one place on', () => {
    const out = withPacketInserted(trace, 1, v4(9, 22, 15));
    expect(out.count).toBe(4);
    expect([...out.srcIp]).toEqual([1, 9, 0, 3]);
    expect([...out.dstPort]).toEqual([100, 22, 53, 102]);
    expect([...out.tsNs]).toEqual([10, 15, 20, 30]);
    // the IPv6 addresses follow their packet
    expect(packetAt(out, 2).srcIp6).toBe('fd00::1');
    expect(out.ipv6.has(1)).toBe(false);
    expect(packetAt(out, 3)).toEqual({ ...packetAt(trace, 2), index: 3 });
  });

  it('leaves the original trace untouched', () => {
    withPacketInserted(trace, 0, v4(9, 22, 0));
    expect(trace.count).toBe(3);
    expect([...trace.srcIp]).toEqual([1, 0, 3]);
    expect(trace.ipv6.get(1)?.src).toBe('fd00::1');
  });

  it('inserts at the start and at the end', () => {
    const first = withPacketInserted(trace, 0, v4(9, 22, 0));
    expect([...first.srcIp]).toEqual([9, 1, 0, 3]);
    expect(packetAt(first, 2).srcIp6).toBe('fd00::1');
    const last = withPacketInserted(trace, 3, v4(9, 22, 40));
    expect([...last.srcIp]).toEqual([1, 0, 3, 9]);
    const empty = withPacketInserted(traceFromPackets([]), 0, v4(9, 22, 5));
    expect(empty.count).toBe(1);
    expect(packetAt(empty, 0).dstPort).toBe(22);
  });

  it('defaults the time to the previous packet and the length to 64 bytes', () => {
    const out = withPacketInserted(trace, 2, { ethertype: ETHERTYPE_IPV4, ipVersion: 4, proto: PROTO_TCP, srcIp: 9 });
    expect(out.tsNs[2]).toBe(20);
    expect(out.wireLen[2]).toBe(64);
    expect(withPacketInserted(trace, 0, {}).tsNs[0]).toBe(0);
  });

  it('inserts an IPv6 packet with its addresses', () => {
    const out = withPacketInserted(trace, 0, v6('fd00::9', 0));
    expect(packetAt(out, 0).srcIp6).toBe('fd00::9');
    expect(packetAt(out, 2).srcIp6).toBe('fd00::1');
  });

  it('rejects positions outside 0..count', () => {
    expect(() => withPacketInserted(trace, 4, {})).toThrow(/0\.\.3, not at 4/);
    expect(() => withPacketInserted(trace, -1, {})).toThrow(RangeError);
    expect(() => withPacketInserted(trace, 1.5, {})).toThrow(RangeError);
  });
});
