import { ETHERTYPE_IPV4, PROTO_TCP } from '../engine/packet';
import { traceFromPackets, type Trace } from '../engine/trace/trace';

/** A client that knocks 100, 101, 102 and then connects to port 22, beside a scanner. */
export function selfCheckTrace(): Trace {
  const client = 0x0a000007;
  const scanner = 0x0a000063;
  const tcp = (srcIp: number, dstPort: number) => ({ ethertype: ETHERTYPE_IPV4, ipVersion: 4 as const, proto: PROTO_TCP, srcIp, dstPort });
  return traceFromPackets([tcp(client, 100), tcp(scanner, 100), tcp(client, 101), tcp(scanner, 102), tcp(client, 102), tcp(client, 22)]);
}
