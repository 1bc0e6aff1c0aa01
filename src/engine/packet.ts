/** The packet model: what the programs read, decoded from a capture or made by a generator. */

export const ETHERTYPE_IPV4 = 0x0800;
export const ETHERTYPE_IPV6 = 0x86dd;
export const ETHERTYPE_ARP = 0x0806;

export const PROTO_ICMP = 1;
export const PROTO_TCP = 6;
export const PROTO_UDP = 17;
export const PROTO_ICMPV6 = 58;

export const TCP_FIN = 0x01;
export const TCP_SYN = 0x02;
export const TCP_RST = 0x04;
export const TCP_PSH = 0x08;
export const TCP_ACK = 0x10;

export interface Packet {
  /** Position in the trace, which is also the sequence number the sequencer gives it. */
  index: number;
  /** Arrival time in nanoseconds since the start of the trace. */
  tsNs: number;
  ethertype: number;
  /** 4 or 6 for IP packets, 0 for anything else (ARP, undecodable frames). */
  ipVersion: 0 | 4 | 6;
  /** IP protocol number (6 TCP, 17 UDP, 1 ICMP), 0 when not IP. */
  proto: number;
  /** IPv4 addresses as unsigned 32-bit numbers; 0 for IPv6 (see srcIp6/dstIp6). */
  srcIp: number;
  dstIp: number;
  srcPort: number;
  dstPort: number;
  tcpFlags: number;
  tcpSeq: number;
  tcpAck: number;
  /** Length of the frame on the wire, in bytes. */
  wireLen: number;
  srcIp6?: string;
  dstIp6?: string;
}

export function ipv4ToString(ip: number): string {
  return `${ip >>> 24}.${(ip >>> 16) & 255}.${(ip >>> 8) & 255}.${ip & 255}`;
}

/** Parses dotted-quad IPv4 text; returns undefined when it is not one. */
export function parseIpv4(text: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text.trim());
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return (((parts[0] as number) << 24) | ((parts[1] as number) << 16) | ((parts[2] as number) << 8) | (parts[3] as number)) >>> 0;
}

export function protoName(proto: number): string {
  switch (proto) {
    case PROTO_TCP: return 'TCP';
    case PROTO_UDP: return 'UDP';
    case PROTO_ICMP: return 'ICMP';
    case PROTO_ICMPV6: return 'ICMPv6';
    default: return `proto ${proto}`;
  }
}

export function tcpFlagsToString(flags: number): string {
  const names: [number, string][] = [[TCP_SYN, 'SYN'], [TCP_ACK, 'ACK'], [TCP_FIN, 'FIN'], [TCP_RST, 'RST'], [TCP_PSH, 'PSH']];
  const set = names.filter(([bit]) => flags & bit).map(([, name]) => name);
  return set.length ? set.join('+') : '-';
}

/** One line a person can read: "10.0.0.1:4242 → 10.0.0.9:101 TCP SYN". */
export function describePacket(p: Packet): string {
  if (p.ipVersion === 0) return p.ethertype === ETHERTYPE_ARP ? 'ARP' : `non-IP frame (ethertype 0x${p.ethertype.toString(16).padStart(4, '0')})`;
  const src = p.ipVersion === 6 ? `[${p.srcIp6 ?? '?'}]` : ipv4ToString(p.srcIp);
  const dst = p.ipVersion === 6 ? `[${p.dstIp6 ?? '?'}]` : ipv4ToString(p.dstIp);
  if (p.proto === PROTO_TCP) return `${src}:${p.srcPort} → ${dst}:${p.dstPort} TCP ${tcpFlagsToString(p.tcpFlags)}`;
  if (p.proto === PROTO_UDP) return `${src}:${p.srcPort} → ${dst}:${p.dstPort} UDP`;
  return `${src} → ${dst} ${protoName(p.proto)}`;
}
