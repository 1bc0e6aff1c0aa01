/**
 * The IPv4 5-tuple as the flow programs see it: its fields as the sequencer takes them out of a
 * packet, the directional flow key built from them (a Map key), and both in a person's words.
 */
import { ETHERTYPE_IPV4, PROTO_TCP, PROTO_UDP, ipv4ToString, protoName } from '../packet';
import type { Trace } from '../trace/trace';
import type { RecordField, StateKey } from './program';

/** The fields every 5-tuple record shares, with the directional flow key derived from them. */
export interface FlowFields {
  /** IP protocol; the sequencer writes 0 when the packet is not IPv4. */
  proto: number;
  srcIp: number;
  dstIp: number;
  srcPort: number;
  dstPort: number;
  /**
   * flowKey() of the 5-tuple, computed once by the sequencer (not on the wire: every replica
   * would hash the same fields), or '' when the packet is not IPv4 TCP/UDP.
   */
  key: string;
}

/** The record fields of a 5-tuple used as the flow key (13 bytes), first in a flow program's record. */
export const FLOW_KEY_RECORD_FIELDS: readonly RecordField[] = [
  { name: 'l4 protocol', bytes: 1, about: 'IP protocol (6 TCP, 17 UDP); 0 when not IPv4' },
  { name: 'source IP', bytes: 4, about: 'flow key' },
  { name: 'destination IP', bytes: 4, about: 'flow key' },
  { name: 'source port', bytes: 2, about: 'flow key' },
  { name: 'destination port', bytes: 2, about: 'flow key' },
];

/** The directional 5-tuple as a Map key, e.g. "10.0.0.7:5000>10.0.0.9:80/6". */
export function flowKey(srcIp: number, srcPort: number, dstIp: number, dstPort: number, proto: number): string {
  return `${ipv4ToString(srcIp)}:${srcPort}>${ipv4ToString(dstIp)}:${dstPort}/${proto}`;
}

/** "10.0.0.7:5000>10.0.0.9:80/6" -> "10.0.0.7:5000 → 10.0.0.9:80 TCP". */
export function describeFlowKey(key: StateKey): string {
  const text = String(key);
  const arrow = text.indexOf('>');
  const slash = text.lastIndexOf('/');
  if (arrow < 0 || slash < arrow) return text;
  return `${text.slice(0, arrow)} → ${text.slice(arrow + 1, slash)} ${protoName(Number(text.slice(slash + 1)))}`;
}

/** The IP protocol as the sequencer records it: 0 for anything that is not IPv4. */
export function ipv4Proto(trace: Trace, i: number): number {
  return trace.ethertype[i] === ETHERTYPE_IPV4 ? (trace.proto[i] as number) : 0;
}

export function isTcpOrUdp(proto: number): boolean {
  return proto === PROTO_TCP || proto === PROTO_UDP;
}

/** The 5-tuple fields of packet i, with its key ('' when not IPv4 TCP/UDP). */
export function extractFlowFields(trace: Trace, i: number): FlowFields {
  const proto = ipv4Proto(trace, i);
  const srcIp = trace.srcIp[i] as number;
  const dstIp = trace.dstIp[i] as number;
  const srcPort = trace.srcPort[i] as number;
  const dstPort = trace.dstPort[i] as number;
  return { proto, srcIp, dstIp, srcPort, dstPort, key: isTcpOrUdp(proto) ? flowKey(srcIp, srcPort, dstIp, dstPort, proto) : '' };
}

/** The record's flow key as a state key: null when the packet is not IPv4 TCP/UDP. */
export function flowKeyOf(rec: FlowFields): string | null {
  return rec.key === '' ? null : rec.key;
}

/** "10.0.0.7:5000 → 10.0.0.9:80 TCP", or why the packet is not a flow. */
export function describeFlow(rec: FlowFields): string {
  if (rec.proto === 0) return 'not IPv4';
  if (!isTcpOrUdp(rec.proto)) return `${ipv4ToString(rec.srcIp)} → ${ipv4ToString(rec.dstIp)} ${protoName(rec.proto)} (not TCP/UDP)`;
  return `${ipv4ToString(rec.srcIp)}:${rec.srcPort} → ${ipv4ToString(rec.dstIp)}:${rec.dstPort} ${protoName(rec.proto)}`;
}
