import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, ETHERTYPE_IPV6, PROTO_ICMP, PROTO_ICMPV6, PROTO_TCP, PROTO_UDP } from '../../packet';
import { TRACE_COLUMNS, TraceBuilder, traceFromPackets, type PacketInit, type Trace } from '../trace';
import { readCapture } from './capture-reader';
import { formatGroups } from './ipv6-text';
import { frameLength } from './synth-frame';
import { ExportError, writePcap } from './write-pcap';

const u32 = fc.integer({ min: 0, max: 0xffffffff });
const u16 = fc.integer({ min: 0, max: 0xffff });
const group = fc.oneof(fc.constant(0), fc.constant(0), u16);
const ipv6Text = fc.array(group, { minLength: 8, maxLength: 8 }).map(formatGroups);
const IPV6_EXTENSIONS = [0, 43, 44, 51, 60, 135];

/** Packets as the model describes them consistently: IP ethertypes for IP, ports only for TCP/UDP, ... */
const packetArb: fc.Arbitrary<PacketInit> = fc
  .record({
    tsNs: fc.integer({ min: 0, max: 2 ** 42 }),
    wireLen: fc.integer({ min: 0, max: 100_000 }),
    kind: fc.constantFrom('tcp', 'udp', 'icmp', 'other-ip', 'non-ip'),
    ipVersion: fc.constantFrom(4 as const, 6 as const),
    srcIp: u32,
    dstIp: u32,
    srcIp6: ipv6Text,
    dstIp6: ipv6Text,
    srcPort: u16,
    dstPort: u16,
    tcpFlags: fc.integer({ min: 0, max: 255 }),
    tcpSeq: u32,
    tcpAck: u32,
    otherProto: fc.integer({ min: 0, max: 255 }).filter((p) => ![PROTO_TCP, PROTO_UDP, PROTO_ICMP, PROTO_ICMPV6].includes(p)),
    ethertype: fc.oneof(fc.constant(0), fc.constant(ETHERTYPE_ARP), fc.constant(0x8100), fc.constant(ETHERTYPE_IPV4), fc.integer({ min: 0x600, max: 0xffff })),
  })
  .map((r) => {
    if (r.kind === 'non-ip') return { tsNs: r.tsNs, wireLen: r.wireLen, ethertype: r.ethertype, ipVersion: 0 };
    const v6 = r.ipVersion === 6;
    const ip: PacketInit = v6
      ? { ipVersion: 6, ethertype: ETHERTYPE_IPV6, srcIp6: r.srcIp6, dstIp6: r.dstIp6 }
      : { ipVersion: 4, ethertype: ETHERTYPE_IPV4, srcIp: r.srcIp, dstIp: r.dstIp };
    const base = { tsNs: r.tsNs, wireLen: r.wireLen, ...ip };
    if (r.kind === 'tcp') return { ...base, proto: PROTO_TCP, srcPort: r.srcPort, dstPort: r.dstPort, tcpFlags: r.tcpFlags, tcpSeq: r.tcpSeq, tcpAck: r.tcpAck };
    if (r.kind === 'udp') return { ...base, proto: PROTO_UDP, srcPort: r.srcPort, dstPort: r.dstPort };
    if (r.kind === 'icmp') return { ...base, proto: v6 ? PROTO_ICMPV6 : PROTO_ICMP };
    return { ...base, proto: v6 && IPV6_EXTENSIONS.includes(r.otherProto) ? 253 : r.otherProto };
  });

function build(packets: PacketInit[]): Trace {
  const b = new TraceBuilder(packets.length);
  for (const p of packets) b.push(p);
  return b.build();
}

function expectSameFields(read: Trace, written: Trace, expectedTs: (i: number) => number): void {
  expect(read.count).toBe(written.count);
  for (const name of TRACE_COLUMNS) {
    if (name === 'tsNs' || name === 'wireLen') continue;
    expect(Array.from(read[name]), name).toEqual(Array.from(written[name]));
  }
  // A frame shorter than the headers written is written as long as them: never orig_len < caplen.
  const wire = Array.from({ length: written.count }, (_, i) => Math.max(written.wireLen[i] as number, frameLength(written, i)));
  expect(Array.from(read.wireLen), 'wireLen').toEqual(wire);
  expect([...read.ipv6.entries()]).toEqual([...written.ipv6.entries()]);
  expect(Array.from(read.tsNs)).toEqual(Array.from({ length: written.count }, (_, i) => expectedTs(i)));
}

/** Verifies every checksum in a pcap written by writePcap (headers-only records, zero payload). */
function checkChecksums(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sum = (pos: number, len: number): number => {
    let s = 0;
    for (let k = 0; k < len; k += 2) s += view.getUint16(pos + k);
    return s;
  };
  const fold = (s: number): number => {
    while (s > 0xffff) s = (s & 0xffff) + Math.floor(s / 65536);
    return s;
  };
  let checked = 0;
  for (let pos = 24; pos < bytes.length; ) {
    const captured = view.getUint32(pos + 8, true);
    const frame = pos + 16;
    const type = view.getUint16(frame + 12);
    const ip = frame + 14;
    let pseudo = 0;
    let l4 = 0;
    let l4Len = 0;
    let proto = 0;
    if (type === ETHERTYPE_IPV4 && captured >= 34) {
      expect(fold(sum(ip, 20))).toBe(0xffff);
      proto = view.getUint8(ip + 9);
      l4 = ip + 20;
      l4Len = view.getUint16(ip + 2) - 20;
      pseudo = sum(ip + 12, 8) + proto + l4Len;
    } else if (type === ETHERTYPE_IPV6 && captured >= 54) {
      proto = view.getUint8(ip + 6);
      l4 = ip + 40;
      l4Len = view.getUint16(ip + 4);
      pseudo = sum(ip + 8, 32) + proto + l4Len;
    }
    const l4Captured = frame + captured - l4;
    if (l4 && (proto === PROTO_TCP || proto === PROTO_UDP || proto === PROTO_ICMPV6)) {
      expect(fold(pseudo + sum(l4, l4Captured))).toBe(0xffff);
      checked++;
    } else if (l4 && proto === PROTO_ICMP) {
      expect(fold(sum(l4, l4Captured))).toBe(0xffff);
      checked++;
    }
    pos += 16 + captured;
  }
  return checked;
}

describe('writePcap', () => {
  it('round-trips random traces through readCapture, times to the nanosecond', () => {
    fc.assert(
      fc.property(fc.array(packetArb, { maxLength: 60 }), (packets) => {
        const trace = build(packets);
        const bytes = writePcap(trace);
        const r = readCapture(bytes);
        expect(r.format).toBe('pcap');
        expect(r.linkTypes).toEqual(['Ethernet (1)']);
        expectSameFields(r.trace, trace, (i) => (trace.tsNs[i] as number) - (trace.tsNs[0] as number));
        expect(r.undecoded).toBe(packets.filter((p) => p.ipVersion === 0).length);
      }),
      { numRuns: 300 },
    );
  });

  it('round-trips at microsecond resolution, times rounded to the microsecond', () => {
    fc.assert(
      fc.property(fc.array(packetArb, { minLength: 1, maxLength: 30 }), (packets) => {
        const trace = build(packets);
        const bytes = writePcap(trace, { resolution: 'us' });
        expect(new DataView(bytes.buffer).getUint32(0, true)).toBe(0xa1b2c3d4);
        const us = (i: number): number => Math.round((trace.tsNs[i] as number) / 1000);
        expectSameFields(readCapture(bytes).trace, trace, (i) => (us(i) - us(0)) * 1000);
      }),
      { numRuns: 200 },
    );
  });

  it('writes correct IPv4 header, TCP, UDP, ICMP and ICMPv6 checksums', () => {
    fc.assert(
      fc.property(fc.array(packetArb, { maxLength: 40 }), (packets) => {
        const ipTransport = packets.filter((p) => p.ipVersion !== 0 && [PROTO_TCP, PROTO_UDP, PROTO_ICMP, PROTO_ICMPV6].includes(p.proto ?? 0));
        expect(checkChecksums(writePcap(build(packets)))).toBe(ipTransport.length);
      }),
      { numRuns: 200 },
    );
  });

  it('writes a nanosecond little-endian Ethernet file with headers-only records', () => {
    const trace = traceFromPackets([
      { tsNs: 1_500, wireLen: 1514, ethertype: ETHERTYPE_IPV4, ipVersion: 4, proto: PROTO_TCP, srcIp: 0x0a000001, dstIp: 0x0a000002, srcPort: 1, dstPort: 2, tcpFlags: 0x02 },
      { tsNs: 2_000_000_123, wireLen: 60, ethertype: ETHERTYPE_ARP },
    ]);
    const bytes = writePcap(trace);
    const view = new DataView(bytes.buffer);
    expect(Array.from(bytes.subarray(0, 4))).toEqual([0x4d, 0x3c, 0xb2, 0xa1]);
    expect([view.getUint16(4, true), view.getUint16(6, true), view.getUint32(20, true)]).toEqual([2, 4, 1]);
    // record 1: 0 s + 1500 ns, 74 bytes captured of 1514 (a SYN's TCP header has 20 bytes of options)
    expect([0, 4, 8, 12].map((k) => view.getUint32(24 + k, true))).toEqual([0, 1500, 74, 1514]);
    expect(view.getUint16(40 + 14 + 2)).toBe(1500); // IPv4 total length = wireLen - 14
    expect(view.getUint8(40 + 34 + 12) >> 4).toBe(10); // TCP data offset: 40 bytes
    // record 2: a bare Ethernet header with the ARP ethertype
    const second = 24 + 16 + 74;
    expect([0, 4, 8, 12].map((k) => view.getUint32(second + k, true))).toEqual([2, 123, 14, 60]);
    expect(view.getUint16(second + 16 + 12)).toBe(ETHERTYPE_ARP);
    expect(bytes.length).toBe(second + 16 + 14);
  });

  it('refuses a time past 2^32 s rather than wrapping it, naming pcapng', () => {
    const trace = traceFromPackets([{ tsNs: 0 }, { tsNs: 2 ** 32 * 1e9 }]);
    expect(() => writePcap(trace)).toThrow(ExportError);
    expect(() => writePcap(trace)).toThrow(/packet #1 is at 4294967296 s.*pcapng/);
    expect(() => writePcap(traceFromPackets([{ tsNs: (2 ** 32 - 1) * 1e9 }]))).not.toThrow();
  });

  it('shifts negative times by whole seconds and writes an empty trace as a header-only file', () => {
    const trace = traceFromPackets([{ tsNs: -2_500_000_000 }, { tsNs: 0 }, { tsNs: -1 }]);
    const bytes = writePcap(trace);
    expect(new DataView(bytes.buffer).getUint32(24, true)).toBe(0); // -2.5 s + 3 s = 0.5 s
    expect(Array.from(readCapture(bytes).trace.tsNs)).toEqual([0, 2_500_000_000, 2_499_999_999]);
    const empty = writePcap(traceFromPackets([]));
    expect(empty.length).toBe(24);
    expect(readCapture(empty).packets).toBe(0);
  });
});
