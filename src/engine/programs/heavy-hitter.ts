import { ETHERTYPE_IPV4, PROTO_TCP, PROTO_UDP, TCP_FIN, TCP_SYN, ipv4ToString, protoName } from '../packet';
import type { Trace } from '../trace/trace';
import type { ProgramDef, StateKey } from './program';
import { formatCount, settingsObject, wholeNumberSetting } from './ddos-mitigator';

/**
 * The heavy-hitter monitor: bytes per 5-tuple, with the flows above a threshold flagged. It only
 * watches, so every packet passes; the output is the state table.
 *
 * Flow life cycle, as in the artifact's heavy-hitter program: a TCP FIN deletes the flow's entry
 * (the table holds live flows only, and stays bounded). The artifact ignores SYN; here a SYN
 * starts the count afresh, so a 5-tuple reused by a new connection is not charged for the old
 * one when its FIN was never seen.
 */
export interface HeavyHitterConfig {
  /** A flow is flagged once its byte count exceeds this. */
  thresholdBytes: number;
}

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

export interface HeavyHitterRecord extends FlowFields {
  /** Frame length in bytes. */
  bytes: number;
  /** TCP_SYN and TCP_FIN bits only (0 for UDP). */
  flags: number;
}

export interface FlowCount {
  bytes: number;
  packets: number;
}

/** flowKey -> bytes and packets counted since the flow's first packet (or its latest SYN). */
export type HeavyHitterState = Map<string, FlowCount>;

/**
 * The artifact flags a flow at 1024 B, which a handful of full-size packets reach: on a Zipf
 * trace almost every flow would be a heavy hitter. 32 KiB flags only the few largest flows of a
 * classroom-sized trace (a few thousand packets).
 */
export const DEFAULT_HEAVY_HITTER_BYTES = 32 * 1024;
export const ARTIFACT_HEAVY_HITTER_BYTES = 1024;
export const MAX_HEAVY_HITTER_BYTES = 1_000_000_000_000;

// ---------------------------------------------------------------------------------------------
// 5-tuple helpers shared by the flow programs of this folder.

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

/** "10.0.0.7:5000 → 10.0.0.9:80 TCP", or why the packet is not a flow. */
export function describeFlow(rec: FlowFields): string {
  if (rec.proto === 0) return 'not IPv4';
  if (!isTcpOrUdp(rec.proto)) return `${ipv4ToString(rec.srcIp)} → ${ipv4ToString(rec.dstIp)} ${protoName(rec.proto)} (not TCP/UDP)`;
  return `${ipv4ToString(rec.srcIp)}:${rec.srcPort} → ${ipv4ToString(rec.dstIp)}:${rec.dstPort} ${protoName(rec.proto)}`;
}

// ---------------------------------------------------------------------------------------------

function describeCount(count: FlowCount, config: HeavyHitterConfig): string {
  const text = `${formatCount(count.bytes)} B in ${formatCount(count.packets)} packet${count.packets === 1 ? '' : 's'}`;
  return count.bytes > config.thresholdBytes ? `${text} · HEAVY HITTER` : text;
}

export const heavyHitter: ProgramDef<HeavyHitterConfig, HeavyHitterRecord, HeavyHitterState> = {
  id: 'heavyhitter',
  title: 'Heavy-hitter monitor',
  summary: 'Adds up the bytes of every TCP/UDP flow and flags the few flows that grow past a threshold.',
  description:
    'State: a byte and packet count per 5-tuple (IPv4 TCP and UDP). Each packet adds its length ' +
    'to its flow, and a flow above the threshold is flagged as a heavy hitter; a TCP SYN starts ' +
    "the count afresh and a FIN deletes the flow's entry. It only watches: every packet passes.",
  scope: { kind: 'per-key', hashedBy: '5-tuple' },
  defaultConfig: { thresholdBytes: DEFAULT_HEAVY_HITTER_BYTES },
  parseConfig(raw) {
    const settings = settingsObject(raw, 'heavy-hitter monitor', ['thresholdBytes']);
    return {
      thresholdBytes: wholeNumberSetting(settings, 'thresholdBytes', 'the byte threshold', 1, MAX_HEAVY_HITTER_BYTES, DEFAULT_HEAVY_HITTER_BYTES),
    };
  },
  recordFields: [
    { name: 'l4 protocol', bytes: 1, about: 'IP protocol (6 TCP, 17 UDP); 0 when not IPv4' },
    { name: 'source IP', bytes: 4, about: 'flow key' },
    { name: 'destination IP', bytes: 4, about: 'flow key' },
    { name: 'source port', bytes: 2, about: 'flow key' },
    { name: 'destination port', bytes: 2, about: 'flow key' },
    { name: 'size', bytes: 4, about: 'frame length in bytes, added to the count' },
    { name: 'SYN/FIN', bytes: 1, about: 'SYN restarts the count, FIN deletes the flow' },
  ],
  extract(trace: Trace, i: number): HeavyHitterRecord {
    const flow = extractFlowFields(trace, i);
    return {
      proto: flow.proto,
      srcIp: flow.srcIp,
      dstIp: flow.dstIp,
      srcPort: flow.srcPort,
      dstPort: flow.dstPort,
      key: flow.key,
      bytes: trace.wireLen[i] as number,
      flags: flow.proto === PROTO_TCP ? (trace.tcpFlags[i] as number) & (TCP_SYN | TCP_FIN) : 0,
    };
  },
  initState: () => new Map(),
  update(state, rec) {
    if (rec.key === '') return;
    if (rec.flags & TCP_FIN) {
      state.delete(rec.key);
      return;
    }
    const count = state.get(rec.key);
    if (count === undefined) {
      state.set(rec.key, { bytes: rec.bytes, packets: 1 });
    } else if (rec.flags & TCP_SYN) {
      count.bytes = rec.bytes;
      count.packets = 1;
    } else {
      count.bytes += rec.bytes;
      count.packets += 1;
    }
  },
  verdict: () => 'PASS',
  cloneState(state) {
    const out: HeavyHitterState = new Map();
    for (const [k, v] of state) out.set(k, { bytes: v.bytes, packets: v.packets });
    return out;
  },
  stateEquals(a, b) {
    if (a.size !== b.size) return false;
    for (const [k, va] of a) {
      const vb = b.get(k);
      if (vb === undefined || vb.bytes !== va.bytes || vb.packets !== va.packets) return false;
    }
    return true;
  },
  keyOf: (rec) => (rec.key === '' ? null : rec.key),
  touchesGlobal: () => false,
  describeRecord(rec) {
    const flow = describeFlow(rec);
    if (rec.key === '') return flow;
    const flags = rec.flags & TCP_SYN ? ' SYN' : rec.flags & TCP_FIN ? ' FIN' : '';
    return `${flow}${flags}, ${formatCount(rec.bytes)} B`;
  },
  describeKey: describeFlowKey,
  describeEntry(state, key, config) {
    const count = state.get(String(key));
    return count === undefined ? undefined : describeCount(count, config);
  },
  *entries(state, config) {
    for (const [key, count] of state) yield [key, describeCount(count, config)];
  },
  stateSize: (state) => state.size,
};
