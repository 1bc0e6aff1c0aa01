import { describe, expect, it } from 'vitest';
import { ETHERTYPE_IPV4, PROTO_ICMP, PROTO_TCP, PROTO_UDP, TCP_SYN } from '../engine/packet';
import { traceFromPackets } from '../engine/trace/trace';
import { packetPatch, typedPacket } from './edit-requests';

describe('packetPatch', () => {
  it('accepts known fields within range, numbers as text, addresses as dotted quads', () => {
    expect(packetPatch({ dstPort: 101, srcIp: '10.0.0.7', proto: 'udp', wireLen: '128', ipVersion: 4 })).toEqual({
      dstPort: 101, srcIp: 0x0a000007, proto: PROTO_UDP, wireLen: 128, ipVersion: 4,
    });
    expect(packetPatch({ srcIp6: ' fd00::7 ', tcpSeq: 4294967295 })).toEqual({ srcIp6: 'fd00::7', tcpSeq: 4294967295 });
    expect(packetPatch({})).toEqual({});
  });

  it('explains what is wrong', () => {
    expect(() => packetPatch({ colour: 3 })).toThrow('A packet has no field "colour"; the fields that can be changed are: tsNs,');
    expect(() => packetPatch({ dstPort: 70000 })).toThrow('The destination port (dstPort) must be a whole number from 0 to 65535, not 70000.');
    expect(() => packetPatch({ dstPort: 'ssh' })).toThrow('not "ssh"');
    expect(() => packetPatch({ srcIp: '10.0.0' })).toThrow('The source address (srcIp) must be an IPv4 address such as 10.0.0.7, not "10.0.0".');
    expect(() => packetPatch({ ipVersion: 5 })).toThrow(/must be 4, 6 or 0/);
    expect(() => packetPatch({ dstIp6: 'fd00::zz' })).toThrow(/IPv6 destination address/);
    expect(() => packetPatch(null)).toThrow(/set of fields/);
  });
});

describe('typedPacket', () => {
  const trace = traceFromPackets([
    { ethertype: ETHERTYPE_IPV4, ipVersion: 4, proto: PROTO_TCP, srcIp: 1, dstIp: 0xc0a8010a, tsNs: 500 },
    { ethertype: ETHERTYPE_IPV4, ipVersion: 4, proto: PROTO_TCP, srcIp: 2, dstIp: 0xc0a8010b, tsNs: 900 },
  ]);

  it('makes a TCP SYN to the neighbours\' destination at the previous packet\'s time', () => {
    const p = typedPacket({ srcIp: '10.9.9.9', dstPort: 100, proto: 'TCP' }, trace, 1);
    expect(p).toMatchObject({ ethertype: ETHERTYPE_IPV4, ipVersion: 4, proto: PROTO_TCP, srcIp: 0x0a090909, dstIp: 0xc0a8010a, dstPort: 100, tcpFlags: TCP_SYN, tsNs: 500, wireLen: 74 });
    expect(p.srcPort).toBeGreaterThanOrEqual(49152);
    // the same typed packet gives the same packet
    expect(typedPacket({ srcIp: '10.9.9.9', dstPort: 100, proto: 'TCP' }, trace, 1)).toEqual(p);
  });

  it('uses the next packet\'s destination at the start, 10.0.0.10 when there is none', () => {
    const udp = typedPacket({ srcIp: '10.9.9.9', dstPort: 53, proto: 'UDP' }, trace, 0);
    expect(udp).toMatchObject({ proto: PROTO_UDP, dstIp: 0xc0a8010a, dstPort: 53, tsNs: 0 });
    expect(udp.tcpFlags).toBeUndefined();
    expect(typedPacket({ srcIp: '10.9.9.9', dstPort: 53, proto: 'UDP' }, traceFromPackets([]), 0).dstIp).toBe(0x0a00000a);
  });

  it('ICMP has no ports', () => {
    const p = typedPacket({ srcIp: '10.9.9.9', dstPort: 0, proto: 'ICMP' }, trace, 2);
    expect(p).toMatchObject({ proto: PROTO_ICMP, tsNs: 900, dstIp: 0xc0a8010b });
    expect(p.dstPort).toBeUndefined();
  });

  it('explains a bad packet', () => {
    expect(() => typedPacket({ srcIp: 'alice', dstPort: 22, proto: 'TCP' }, trace, 0)).toThrow('The source address must be an IPv4 address such as 10.0.0.7, not "alice".');
    expect(() => typedPacket({ srcIp: '10.0.0.1', dstPort: 0, proto: 'TCP' }, trace, 0)).toThrow('The destination port must be a whole number from 1 to 65535, not 0.');
    expect(() => typedPacket({ srcIp: '10.0.0.1', dstPort: 22, proto: 'SCTP' }, trace, 0)).toThrow('The protocol must be TCP, UDP or ICMP, not "SCTP".');
    expect(() => typedPacket(undefined, trace, 0)).toThrow(/needs a source address/);
  });
});
