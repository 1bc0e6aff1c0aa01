import { describe, expect, it } from 'vitest';
import { ETHERTYPE_ARP, PROTO_ICMP, PROTO_TCP, PROTO_UDP } from '../packet';
import { traceFromPackets } from '../trace/trace';
import { FLOW_KEY_RECORD_FIELDS, describeFlow, describeFlowKey, extractFlowFields, flowKey, flowKeyOf, isTcpOrUdp } from './flow-key';
import { ip, ipv4Packet } from './testing';

const C = ip('10.0.0.7');
const S = ip('10.0.0.9');
const TCP_KEY = '10.0.0.7:5000>10.0.0.9:80/6';
const UDP_KEY = '10.0.0.7:5000>10.0.0.9:53/17';

describe('flow key', () => {
  it('builds the directional 5-tuple key and describes it', () => {
    expect(flowKey(C, 5000, S, 80, PROTO_TCP)).toBe(TCP_KEY);
    expect(flowKey(S, 80, C, 5000, PROTO_TCP)).toBe('10.0.0.9:80>10.0.0.7:5000/6');
    expect(describeFlowKey(TCP_KEY)).toBe('10.0.0.7:5000 → 10.0.0.9:80 TCP');
    expect(describeFlowKey(UDP_KEY)).toBe('10.0.0.7:5000 → 10.0.0.9:53 UDP');
    expect(describeFlowKey('not a flow')).toBe('not a flow');
  });

  it('extracts the 5-tuple, keyed only for IPv4 TCP and UDP', () => {
    const trace = traceFromPackets([
      ipv4Packet({ proto: PROTO_UDP, srcIp: C, dstIp: S, srcPort: 5000, dstPort: 53 }),
      ipv4Packet({ proto: PROTO_ICMP, srcIp: C, dstIp: S }),
      { ethertype: ETHERTYPE_ARP },
    ]);
    const udp = extractFlowFields(trace, 0);
    const icmp = extractFlowFields(trace, 1);
    const arp = extractFlowFields(trace, 2);
    expect(udp).toEqual({ proto: PROTO_UDP, srcIp: C, dstIp: S, srcPort: 5000, dstPort: 53, key: UDP_KEY });
    expect(flowKeyOf(udp)).toBe(UDP_KEY);
    expect(icmp).toMatchObject({ proto: PROTO_ICMP, key: '' });
    expect(flowKeyOf(icmp)).toBeNull();
    expect(arp).toMatchObject({ proto: 0, key: '' });
    expect(describeFlow(udp)).toBe('10.0.0.7:5000 → 10.0.0.9:53 UDP');
    expect(describeFlow(icmp)).toBe('10.0.0.7 → 10.0.0.9 ICMP (not TCP/UDP)');
    expect(describeFlow(arp)).toBe('not IPv4');
    expect([PROTO_TCP, PROTO_UDP, PROTO_ICMP, 0].map(isTcpOrUdp)).toEqual([true, true, false, false]);
  });

  it('takes 13 record bytes for the 5-tuple', () => {
    expect(FLOW_KEY_RECORD_FIELDS.reduce((sum, f) => sum + f.bytes, 0)).toBe(13);
  });
});
