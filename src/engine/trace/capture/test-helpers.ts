/**
 * Helpers shared by the capture tests (not used by the engine itself): load a fixture, and
 * show a packet compactly (dotted IPv4 text, zero fields left out) so that one `toEqual`
 * checks every field exactly: a field missing from the expectation must be zero.
 */
import { ipv4ToString } from '../../packet';
import { packetAt, type Trace } from '../trace';

export type CompactPacket = Record<string, string | number>;

export function compact(trace: Trace, i: number): CompactPacket {
  const p = packetAt(trace, i);
  const out: CompactPacket = { tsNs: p.tsNs, wireLen: p.wireLen, ethertype: p.ethertype, ipVersion: p.ipVersion };
  if (p.ipVersion === 4) {
    out.src = ipv4ToString(p.srcIp);
    out.dst = ipv4ToString(p.dstIp);
  } else if (p.srcIp !== 0 || p.dstIp !== 0) {
    out.srcIp = p.srcIp;
    out.dstIp = p.dstIp;
  }
  if (p.srcIp6 !== undefined) out.src = p.srcIp6;
  if (p.dstIp6 !== undefined) out.dst = p.dstIp6;
  for (const key of ['proto', 'srcPort', 'dstPort', 'tcpFlags', 'tcpSeq', 'tcpAck'] as const) {
    if (p[key] !== 0) out[key] = p[key];
  }
  return out;
}

export function compactAll(trace: Trace): CompactPacket[] {
  return Array.from({ length: trace.count }, (_, i) => compact(trace, i));
}
