import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ETHERTYPE_ARP, ETHERTYPE_IPV4, ETHERTYPE_IPV6, PROTO_TCP, PROTO_UDP } from '../packet';
import { traceFromPackets, type PacketInit } from '../trace/trace';
import { ConfigError, recordBytes } from './program';
import { ddosMitigator as ddos, type DdosConfig } from './ddos-mitigator';
import { checkReplayAndClone, ip, ipv4Packet, runProgram as run } from './testing';

const A = ip('10.0.0.7');
const B = ip('192.168.1.20');

const v4 = (srcIp: number, extra: PacketInit = {}): PacketInit =>
  ipv4Packet({ proto: PROTO_UDP, srcIp, dstIp: ip('10.0.0.1'), srcPort: 1234, dstPort: 53, ...extra });

describe('DDoS mitigator', () => {
  const config: DdosConfig = { threshold: 3 };

  it('passes a source up to the threshold and drops it from the next packet on', () => {
    const { state, verdicts } = run(ddos, config, [v4(A), v4(A), v4(B), v4(A), v4(A), v4(B), v4(A)]);
    expect(verdicts).toEqual(['PASS', 'PASS', 'PASS', 'PASS', 'DROP', 'PASS', 'DROP']);
    expect(state.get(A)).toBe(5);
    expect(state.get(B)).toBe(2);
  });

  it('counts a packet exactly at the threshold as allowed', () => {
    const { state, verdicts } = run(ddos, { threshold: 1 }, [v4(A), v4(A)]);
    expect(verdicts).toEqual(['PASS', 'DROP']);
    expect(ddos.describeEntry(state, A, { threshold: 1 })).toBe('2 BLOCKED');
    expect(ddos.describeEntry(state, A, { threshold: 2 })).toBe('2 / 2');
  });

  it('counts TCP and UDP alike, and lets non-IPv4 packets through untouched', () => {
    const packets: PacketInit[] = [
      v4(A, { proto: PROTO_TCP }),
      { ethertype: ETHERTYPE_IPV6, ipVersion: 6, proto: PROTO_TCP, srcIp6: '2001:db8::1', dstIp6: '2001:db8::2' },
      { ethertype: ETHERTYPE_ARP },
    ];
    const { state, verdicts } = run(ddos, config, packets);
    expect(verdicts).toEqual(['PASS', 'PASS', 'PASS']);
    expect([...state]).toEqual([[A, 1]]);
    const trace = traceFromPackets(packets);
    expect(ddos.keyOf(ddos.extract(trace, 0))).toBe(A);
    expect(ddos.keyOf(ddos.extract(trace, 1))).toBeNull();
    expect(ddos.describeRecord(ddos.extract(trace, 2))).toBe('not IPv4 (ethertype 0x0806)');
    expect(ddos.describeRecord(ddos.extract(trace, 0))).toBe('from 10.0.0.7');
    expect(ddos.touchesGlobal(ddos.extract(trace, 0))).toBe(false);
  });

  it('describes keys and entries for the state table', () => {
    const { state } = run(ddos, config, [v4(A), v4(B), v4(B), v4(B), v4(B)]);
    expect(ddos.describeKey(A)).toBe('10.0.0.7');
    expect([...ddos.entries(state, config)]).toEqual([
      [A, '1 / 3'],
      [B, '4 BLOCKED'],
    ]);
    expect(ddos.describeEntry(state, ip('1.2.3.4'), config)).toBeUndefined();
    expect(ddos.stateSize(state)).toBe(2);
  });

  it('has a 6-byte record: source IP and ethertype', () => {
    expect(recordBytes(ddos)).toBe(6);
    expect(ddos.recordFields.every((f) => f.about.length > 0)).toBe(true);
  });

  describe('parseConfig', () => {
    it('fills in the default and accepts numbers written as text', () => {
      expect(ddos.parseConfig(undefined)).toEqual({ threshold: 100 });
      expect(ddos.parseConfig({})).toEqual(ddos.defaultConfig);
      expect(ddos.parseConfig({ threshold: 250 })).toEqual({ threshold: 250 });
      expect(ddos.parseConfig({ threshold: ' 1,000 ' })).toEqual({ threshold: 1000 });
    });

    it('explains what is wrong', () => {
      expect(() => ddos.parseConfig({ threshold: -3 })).toThrow(
        new ConfigError('threshold must be a whole number from 1 to 1,000,000,000, not -3'),
      );
      expect(() => ddos.parseConfig({ threshold: 2.5 })).toThrow(/whole number .* not 2\.5$/);
      expect(() => ddos.parseConfig({ threshold: 'lots' })).toThrow(/not "lots"$/);
      expect(() => ddos.parseConfig({ threshold: '' })).toThrow(ConfigError);
      expect(() => ddos.parseConfig({ treshold: 5 })).toThrow('the DDoS mitigator has no setting "treshold"; its settings are threshold');
      expect(() => ddos.parseConfig(42)).toThrow(/must be an object/);
    });
  });

  it('clones without sharing, and compares exactly', () => {
    const { state } = run(ddos, config, [v4(A), v4(B)]);
    const copy = ddos.cloneState(state);
    expect(ddos.stateEquals(state, copy)).toBe(true);
    run(ddos, config, [v4(A), v4(ip('1.1.1.1'))], copy);
    expect(state.get(A)).toBe(1);
    expect(state.size).toBe(2);
    expect(ddos.stateEquals(state, copy)).toBe(false);
    const sameSizeOtherCount = new Map([[A, 1], [B, 2]]);
    expect(ddos.stateEquals(state, sameSizeOtherCount)).toBe(false);
    expect(ddos.stateEquals(new Map([[A, 1], [ip('9.9.9.9'), 1]]), state)).toBe(false);
  });

  const packetArb: fc.Arbitrary<PacketInit> = fc.record({
    ethertype: fc.constantFrom(ETHERTYPE_IPV4, ETHERTYPE_IPV4, ETHERTYPE_IPV4, ETHERTYPE_IPV6, ETHERTYPE_ARP),
    proto: fc.constantFrom(PROTO_TCP, PROTO_UDP),
    srcIp: fc.constantFrom(A, B, ip('10.0.0.8'), ip('172.16.0.1')),
  });

  it('property: the same records give equal states, and a clone taken mid-way evolves identically', () => {
    fc.assert(
      fc.property(fc.array(packetArb, { maxLength: 60 }), fc.nat(), (packets, cutSeed) => {
        checkReplayAndClone(ddos, { threshold: 4 }, packets, cutSeed);
      }),
    );
  });
});
