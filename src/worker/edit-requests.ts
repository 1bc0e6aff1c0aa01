/**
 * Turns the edits a person asks for (from forms: text and numbers) into engine packet fields,
 * with a message fit to show for anything that cannot be used.
 */
import { ETHERTYPE_IPV4, PROTO_ICMP, PROTO_TCP, PROTO_UDP, TCP_SYN, parseIpv4 } from '../engine/packet';
import { parseIpv6 } from '../engine/trace/capture';
import { PORTKNOCK_SERVER } from '../engine/trace/generators';
import type { PacketInit, Trace } from '../engine/trace/trace';
import { asSentence } from './messages';
import type { EditRequest } from './protocol';

export type TypedPacket = Extract<EditRequest, { kind: 'insert-packet' }>['packet'];

const U32 = 4294967295;

interface NumericField {
  min: number;
  max: number;
  integer: boolean;
  words: string;
}

const NUMERIC_FIELDS: Record<string, NumericField> = {
  tsNs: { min: 0, max: Number.MAX_SAFE_INTEGER, integer: false, words: 'the arrival time (ns)' },
  ethertype: { min: 0, max: 65535, integer: true, words: 'the ethertype' },
  proto: { min: 0, max: 255, integer: true, words: 'the IP protocol' },
  srcPort: { min: 0, max: 65535, integer: true, words: 'the source port' },
  dstPort: { min: 0, max: 65535, integer: true, words: 'the destination port' },
  tcpFlags: { min: 0, max: 255, integer: true, words: 'the TCP flags' },
  tcpSeq: { min: 0, max: U32, integer: true, words: 'the TCP sequence number' },
  tcpAck: { min: 0, max: U32, integer: true, words: 'the TCP acknowledgement number' },
  wireLen: { min: 1, max: 262144, integer: true, words: 'the length on the wire (bytes)' },
};
const IPV4_FIELDS: Record<string, string> = { srcIp: 'the source address', dstIp: 'the destination address' };
const IPV6_FIELDS: Record<string, string> = { srcIp6: 'the IPv6 source address', dstIp6: 'the IPv6 destination address' };
const PROTO_NAMES: Record<string, number> = { TCP: PROTO_TCP, UDP: PROTO_UDP, ICMP: PROTO_ICMP };

export const PATCH_FIELDS: readonly string[] = [
  ...Object.keys(NUMERIC_FIELDS), 'ipVersion', ...Object.keys(IPV4_FIELDS), ...Object.keys(IPV6_FIELDS),
];

function shown(raw: unknown): string {
  if (typeof raw === 'string') return `"${raw}"`;
  if (raw === null || raw === undefined) return 'nothing';
  if (typeof raw === 'object') return Array.isArray(raw) ? 'a list' : 'an object';
  return String(raw);
}

function numberOf(raw: unknown): number | undefined {
  if (typeof raw === 'number') return raw;
  if (typeof raw === 'string' && raw.trim() !== '') return Number(raw.trim());
  return undefined;
}

function numericField(name: string, spec: NumericField, raw: unknown): number {
  const value = numberOf(raw);
  if (value === undefined || !Number.isFinite(value) || (spec.integer && !Number.isInteger(value)) || value < spec.min || value > spec.max) {
    throw new Error(asSentence(`${spec.words} (${name}) must be a ${spec.integer ? 'whole ' : ''}number from ${spec.min} to ${spec.max}, not ${shown(raw)}`));
  }
  return value;
}

function ipv4Field(name: string, words: string, raw: unknown): number {
  const value = typeof raw === 'string' ? parseIpv4(raw) ?? numberOf(raw) : numberOf(raw);
  if (value === undefined || !Number.isInteger(value) || value < 0 || value > U32) {
    throw new Error(asSentence(`${words} (${name}) must be an IPv4 address such as 10.0.0.7, not ${shown(raw)}`));
  }
  return value;
}

/** Checks a packet patch from the inspector: known fields only, each within its range. */
export function packetPatch(raw: unknown): PacketInit {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new Error(`The packet change must be a set of fields such as { dstPort: 101 }, not ${shown(raw)}.`);
  }
  const out: PacketInit = {};
  const fields = out as Record<string, unknown>;
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (value === undefined) continue;
    const numeric = NUMERIC_FIELDS[name];
    if (numeric) {
      const named = name === 'proto' && typeof value === 'string' ? PROTO_NAMES[value.trim().toUpperCase()] : undefined;
      fields[name] = named ?? numericField(name, numeric, value);
    } else if (name === 'ipVersion') {
      const v = numberOf(value);
      if (v !== 0 && v !== 4 && v !== 6) throw new Error(`The IP version (ipVersion) must be 4, 6 or 0 (not IP), not ${shown(value)}.`);
      out.ipVersion = v;
    } else if (IPV4_FIELDS[name]) {
      fields[name] = ipv4Field(name, IPV4_FIELDS[name], value);
    } else if (IPV6_FIELDS[name]) {
      if (typeof value !== 'string' || parseIpv6(value) === undefined) {
        throw new Error(asSentence(`${IPV6_FIELDS[name]} (${name}) must be an IPv6 address such as fd00::7, not ${shown(value)}`));
      }
      fields[name] = value.trim();
    } else {
      throw new Error(`A packet has no field "${name}"; the fields that can be changed are: ${PATCH_FIELDS.join(', ')}.`);
    }
  }
  return out;
}

/** The first IPv4 destination among the packets just before and just after `at`, else the server. */
function neighbourDestination(trace: Trace, at: number): number {
  for (const i of [at - 1, at]) {
    if (i >= 0 && i < trace.count && trace.ipVersion[i] === 4 && trace.dstIp[i] !== 0) return trace.dstIp[i] as number;
  }
  return PORTKNOCK_SERVER;
}

/** Frame lengths of what a person types in: a TCP SYN with options, a small UDP datagram, an echo request. */
const TYPED_WIRE_LEN: Record<TypedPacket['proto'], number> = { TCP: 74, UDP: 64, ICMP: 98 };

/**
 * The packet a person typed (source address, destination port, protocol), ready to insert at
 * sequence number `at`: an IPv4 TCP SYN, UDP datagram or ICMP echo to the address the
 * neighbouring packets go to (10.0.0.10 if none), at the previous packet's time, from a source
 * port derived from the address (so typing the same packet twice gives the same packet).
 */
export function typedPacket(raw: unknown, trace: Trace, at: number): PacketInit {
  if (raw === null || typeof raw !== 'object') {
    throw new Error('The new packet needs a source address, a destination port and a protocol.');
  }
  const p = raw as Partial<Record<keyof TypedPacket, unknown>>;
  const srcIp = typeof p.srcIp === 'string' ? parseIpv4(p.srcIp) : undefined;
  if (srcIp === undefined) throw new Error(`The source address must be an IPv4 address such as 10.0.0.7, not ${shown(p.srcIp)}.`);
  const proto = typeof p.proto === 'string' ? p.proto.trim().toUpperCase() : '';
  if (proto !== 'TCP' && proto !== 'UDP' && proto !== 'ICMP') {
    throw new Error(`The protocol must be TCP, UDP or ICMP, not ${shown(p.proto)}.`);
  }
  let dstPort = 0;
  if (proto !== 'ICMP') {
    const port = numberOf(p.dstPort);
    if (port === undefined || !Number.isInteger(port) || port < 1 || port > 65535) {
      throw new Error(`The destination port must be a whole number from 1 to 65535, not ${shown(p.dstPort)}.`);
    }
    dstPort = port;
  }
  const packet: PacketInit = {
    tsNs: at > 0 ? (trace.tsNs[at - 1] as number) : 0,
    ethertype: ETHERTYPE_IPV4,
    ipVersion: 4,
    proto: PROTO_NAMES[proto] as number,
    srcIp,
    dstIp: neighbourDestination(trace, at),
    wireLen: TYPED_WIRE_LEN[proto],
  };
  if (proto !== 'ICMP') {
    packet.srcPort = 49152 + (Math.imul(srcIp ^ (srcIp >>> 15), 0x2c1b3c6d) >>> 0) % 16384;
    packet.dstPort = dstPort;
  }
  if (proto === 'TCP') {
    packet.tcpFlags = TCP_SYN;
    packet.tcpSeq = Math.imul(srcIp ^ dstPort, 0x9e3779b1) >>> 0;
  }
  return packet;
}
