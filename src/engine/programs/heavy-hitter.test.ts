import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, ETHERTYPE_IPV6, PROTO_ICMP, PROTO_TCP, PROTO_UDP, TCP_ACK, TCP_FIN, TCP_PSH, TCP_SYN } from '../packet';
import { traceFromPackets, type PacketInit } from '../trace/trace';
import { ConfigError, recordBytes } from './program';
import { ARTIFACT_HEAVY_HITTER_BYTES, heavyHitter as hh, type HeavyHitterConfig } from './heavy-hitter';
import { checkReplayAndClone, ip, ipv4Packet, runProgram as run } from './testing';

const C = ip('10.0.0.7');
const S = ip('10.0.0.9');

const tcp = (flags: number, wireLen: number, extra: PacketInit = {}): PacketInit =>
  ipv4Packet({ proto: PROTO_TCP, srcIp: C, dstIp: S, srcPort: 5000, dstPort: 80, tcpFlags: flags, wireLen, ...extra });
const udp = (wireLen: number, extra: PacketInit = {}): PacketInit =>
  ipv4Packet({ proto: PROTO_UDP, srcIp: C, dstIp: S, srcPort: 5000, dstPort: 53, wireLen, ...extra });

const TCP_KEY = '10.0.0.7:5000>10.0.0.9:80/6';
const UDP_KEY = '10.0.0.7:5000>10.0.0.9:53/17';

describe('heavy-hitter monitor', () => {
  const config: HeavyHitterConfig = { thresholdBytes: 1000 };

  it('adds bytes per 5-tuple and flags a flow only once it exceeds the threshold', () => {
    const { state, verdicts } = run(hh, config, [tcp(TCP_SYN, 60), tcp(TCP_ACK | TCP_PSH, 540), tcp(TCP_ACK, 400), tcp(TCP_ACK, 1)]);
    expect(verdicts).toEqual(['PASS', 'PASS', 'PASS', 'PASS']);
    expect(state.get(TCP_KEY)).toEqual({ bytes: 1001, packets: 4 });

    const atThreshold = run(hh, config, [tcp(TCP_SYN, 60), tcp(TCP_ACK | TCP_PSH, 540), tcp(TCP_ACK, 400)]).state;
    expect(atThreshold.get(TCP_KEY)).toEqual({ bytes: 1000, packets: 3 });
    expect(hh.describeEntry(atThreshold, TCP_KEY, config)).toBe('1,000 B in 3 packets');
    expect(hh.describeEntry(state, TCP_KEY, config)).toBe('1,001 B in 4 packets · HEAVY HITTER');
  });

  it('keeps directions, protocols and ports apart', () => {
    const { state } = run(hh, config, [
      tcp(TCP_ACK, 100),
      tcp(TCP_ACK, 200, { srcIp: S, dstIp: C, srcPort: 80, dstPort: 5000 }),
      udp(300),
      udp(50),
    ]);
    expect([...state]).toEqual([
      [TCP_KEY, { bytes: 100, packets: 1 }],
      ['10.0.0.9:80>10.0.0.7:5000/6', { bytes: 200, packets: 1 }],
      [UDP_KEY, { bytes: 350, packets: 2 }],
    ]);
  });

  it('deletes a flow on FIN, restarts its count on SYN, and ignores a FIN of an unknown flow', () => {
    const { state } = run(hh, config, [tcp(TCP_ACK, 900), tcp(TCP_ACK, 900), tcp(TCP_SYN, 60), tcp(TCP_ACK, 40)]);
    expect(state.get(TCP_KEY)).toEqual({ bytes: 100, packets: 2 });
    run(hh, config, [tcp(TCP_FIN | TCP_ACK, 60)], state);
    expect(state.size).toBe(0);
    run(hh, config, [tcp(TCP_FIN | TCP_ACK, 60)], state);
    expect(state.size).toBe(0);
  });

  it('does not count non-IPv4 or non-TCP/UDP packets', () => {
    const packets: PacketInit[] = [
      { ethertype: ETHERTYPE_IPV4, ipVersion: 4, proto: PROTO_ICMP, srcIp: C, dstIp: S, wireLen: 98 },
      { ethertype: ETHERTYPE_IPV6, ipVersion: 6, proto: PROTO_TCP, srcPort: 1, dstPort: 2, wireLen: 1500 },
      { ethertype: ETHERTYPE_ARP, wireLen: 60 },
    ];
    const { state, verdicts } = run(hh, config, packets);
    expect(verdicts).toEqual(['PASS', 'PASS', 'PASS']);
    expect(state.size).toBe(0);
    const trace = traceFromPackets(packets);
    expect(hh.keyOf(hh.extract(trace, 0))).toBeNull();
    expect(hh.keyOf(hh.extract(trace, 1))).toBeNull();
    expect(hh.describeRecord(hh.extract(trace, 0))).toBe('10.0.0.7 → 10.0.0.9 ICMP (not TCP/UDP)');
    expect(hh.describeRecord(hh.extract(trace, 1))).toBe('not IPv4');
  });

  it('describes records and keys', () => {
    const trace = traceFromPackets([tcp(TCP_SYN, 60), udp(1400)]);
    expect(hh.keyOf(hh.extract(trace, 0))).toBe(TCP_KEY);
    expect(hh.describeRecord(hh.extract(trace, 0))).toBe('10.0.0.7:5000 → 10.0.0.9:80 TCP SYN, 60 B');
    expect(hh.describeRecord(hh.extract(trace, 1))).toBe('10.0.0.7:5000 → 10.0.0.9:53 UDP, 1,400 B');
    expect(hh.describeKey(TCP_KEY)).toBe('10.0.0.7:5000 → 10.0.0.9:80 TCP');
    expect(hh.describeKey(UDP_KEY)).toBe('10.0.0.7:5000 → 10.0.0.9:53 UDP');
    expect(hh.touchesGlobal(hh.extract(trace, 0))).toBe(false);
  });

  it('has an 18-byte record and a default threshold above the artifact’s 1024 B', () => {
    expect(recordBytes(hh)).toBe(18);
    expect(ARTIFACT_HEAVY_HITTER_BYTES).toBe(1024);
    expect(hh.defaultConfig.thresholdBytes).toBe(32768);
  });

  it('parseConfig: defaults, text numbers and clear errors', () => {
    expect(hh.parseConfig(null)).toEqual({ thresholdBytes: 32768 });
    expect(hh.parseConfig({ thresholdBytes: '1_024' })).toEqual({ thresholdBytes: 1024 });
    expect(() => hh.parseConfig({ thresholdBytes: 0 })).toThrow(
      new ConfigError('the byte threshold must be a whole number from 1 to 1,000,000,000,000, not 0'),
    );
    expect(() => hh.parseConfig({ threshold: 10 })).toThrow(ConfigError);
    expect(() => hh.parseConfig([1024])).toThrow(/not a list/);
  });

  it('clones without sharing, and compares exactly', () => {
    const { state } = run(hh, config, [tcp(TCP_ACK, 100), udp(200)]);
    const copy = hh.cloneState(state);
    expect(hh.stateEquals(state, copy)).toBe(true);
    run(hh, config, [tcp(TCP_ACK, 5)], copy);
    expect(state.get(TCP_KEY)).toEqual({ bytes: 100, packets: 1 });
    expect(hh.stateEquals(state, copy)).toBe(false);
    const samePackets = hh.cloneState(state);
    (samePackets.get(UDP_KEY) as { bytes: number }).bytes = 201;
    expect(hh.stateEquals(state, samePackets)).toBe(false);
    const otherPackets = hh.cloneState(state);
    (otherPackets.get(UDP_KEY) as { packets: number }).packets = 2;
    expect(hh.stateEquals(state, otherPackets)).toBe(false);
  });

  const packetArb: fc.Arbitrary<PacketInit> = fc.record({
    ethertype: fc.constantFrom(ETHERTYPE_IPV4, ETHERTYPE_IPV4, ETHERTYPE_IPV4, ETHERTYPE_IPV6),
    proto: fc.constantFrom(PROTO_TCP, PROTO_TCP, PROTO_UDP, PROTO_ICMP),
    srcIp: fc.constantFrom(C, S),
    dstIp: fc.constantFrom(C, S),
    srcPort: fc.constantFrom(80, 5000),
    dstPort: fc.constantFrom(80, 5000),
    tcpFlags: fc.constantFrom(TCP_SYN, TCP_ACK, TCP_ACK, TCP_ACK | TCP_PSH, TCP_FIN | TCP_ACK),
    wireLen: fc.integer({ min: 60, max: 1514 }),
  });

  it('property: the same records give equal states, and a clone taken mid-way evolves identically', () => {
    fc.assert(
      fc.property(fc.array(packetArb, { maxLength: 60 }), fc.nat(), (packets, cutSeed) => {
        checkReplayAndClone(hh, { thresholdBytes: 3000 }, packets, cutSeed);
      }),
    );
  });
});
