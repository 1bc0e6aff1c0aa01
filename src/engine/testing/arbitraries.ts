/**
 * fast-check arbitraries for the engine's property tests (test support only; never imported by
 * the app). Traces are drawn from small pools of addresses and ports so that flows collide, knock
 * ports recur and state machines actually move: random 32-bit values would never exercise them.
 */
import fc from 'fast-check';
import {
  ETHERTYPE_ARP, ETHERTYPE_IPV4, ETHERTYPE_IPV6, PROTO_ICMP, PROTO_TCP, PROTO_UDP,
  TCP_ACK, TCP_FIN, TCP_RST, TCP_SYN,
} from '../packet';
import { traceFromPackets, type PacketInit, type Trace } from '../trace/trace';

const SOURCES = [0x0a000001, 0x0a000002, 0x0a000003, 0x0a000004, 0xc0a80001];
const SERVERS = [0x0a0000fe, 0xc0a800fe];
const PORTS = [100, 101, 102, 103, 22, 80, 443, 5000, 40000];
const FLAGS = [TCP_SYN, TCP_SYN | TCP_ACK, TCP_ACK, TCP_FIN | TCP_ACK, TCP_RST, TCP_ACK | 0x08, 0];

const ipv4Tcp = fc.record({
  srcIp: fc.constantFrom(...SOURCES, ...SERVERS),
  dstIp: fc.constantFrom(...SERVERS, ...SOURCES),
  srcPort: fc.constantFrom(...PORTS, 1234, 1235),
  dstPort: fc.constantFrom(...PORTS),
  tcpFlags: fc.constantFrom(...FLAGS),
  tcpSeq: fc.constantFrom(0, 1, 1000, 1001, 5000, 5001),
  tcpAck: fc.constantFrom(0, 1, 1000, 1001, 5000, 5001),
  wireLen: fc.constantFrom(64, 128, 1500),
}).map((p): PacketInit => ({ ...p, ethertype: ETHERTYPE_IPV4, ipVersion: 4, proto: PROTO_TCP }));

const ipv4Udp = fc.record({
  srcIp: fc.constantFrom(...SOURCES),
  dstIp: fc.constantFrom(...SERVERS),
  srcPort: fc.constantFrom(...PORTS),
  dstPort: fc.constantFrom(...PORTS),
  wireLen: fc.constantFrom(64, 512),
}).map((p): PacketInit => ({ ...p, ethertype: ETHERTYPE_IPV4, ipVersion: 4, proto: PROTO_UDP }));

const icmp = fc.constantFrom(...SOURCES).map((srcIp): PacketInit => ({
  ethertype: ETHERTYPE_IPV4, ipVersion: 4, proto: PROTO_ICMP, srcIp, dstIp: SERVERS[0], wireLen: 84,
}));

const nonIp = fc.constantFrom<PacketInit>(
  { ethertype: ETHERTYPE_ARP, ipVersion: 0, wireLen: 60 },
  { ethertype: ETHERTYPE_IPV6, ipVersion: 6, proto: PROTO_TCP, srcIp6: '2001:db8::1', dstIp6: '2001:db8::2', dstPort: 100, tcpFlags: TCP_SYN, wireLen: 74 },
);

export interface TraceShape {
  /** Relative weights of the packet kinds. */
  tcp?: number;
  udp?: number;
  icmp?: number;
  nonIp?: number;
}

/** A packet with a time gap; gaps include 0 (same instant) and long idle periods. */
function packetArb(shape: TraceShape) {
  const kinds = [
    { arbitrary: ipv4Tcp, weight: shape.tcp ?? 8 },
    { arbitrary: ipv4Udp, weight: shape.udp ?? 2 },
    { arbitrary: icmp, weight: shape.icmp ?? 1 },
    { arbitrary: nonIp, weight: shape.nonIp ?? 1 },
  ].filter((k) => k.weight > 0);
  return fc.tuple(fc.oneof(...kinds), fc.constantFrom(0, 100, 1000, 5000, 60_000_000_000));
}

function withTimes(items: [PacketInit, number][]): Trace {
  let t = 0;
  return traceFromPackets(items.map(([p, gap]) => ({ ...p, tsNs: (t += gap) })));
}

export function arbitraryTrace(opts: { minPackets?: number; maxPackets?: number; shape?: TraceShape } = {}): fc.Arbitrary<Trace> {
  return fc.array(packetArb(opts.shape ?? {}), { minLength: opts.minPackets ?? 0, maxLength: opts.maxPackets ?? 120 }).map(withTimes);
}

/**
 * A loss pattern for up to `length` packets: each packet is lost with a drawn density (up to
 * `maxDensity`), so patterns range from one loss in a hundred to bursts that hit several cores.
 */
export function arbitraryLossPattern(length = 120, maxDensity = 0.4): fc.Arbitrary<boolean[]> {
  return fc
    .tuple(fc.integer({ min: 1, max: Math.round(maxDensity * 100) }), fc.array(fc.nat(99), { minLength: length, maxLength: length }))
    .map(([density, draws]) => draws.map((d) => d < density));
}

/** Adversarial traces: one source only, all non-IP, or one flow hammering the knock ports. */
export function adversarialTrace(maxPackets = 80): fc.Arbitrary<Trace> {
  const oneSource = fc.array(packetArb({ tcp: 1 }).map(([p, gap]): [PacketInit, number] => [{ ...p, srcIp: SOURCES[0] }, gap]), { maxLength: maxPackets });
  const allNonIp = fc.array(fc.tuple(nonIp.filter((p) => p.ipVersion === 0), fc.constant(10)), { maxLength: maxPackets });
  const knockStorm = fc.array(
    fc.tuple(fc.constantFrom(100, 101, 102).map((dstPort): PacketInit => ({
      ethertype: ETHERTYPE_IPV4, ipVersion: 4, proto: PROTO_TCP, srcIp: SOURCES[1], dstIp: SERVERS[0], dstPort, tcpFlags: TCP_SYN,
    })), fc.constant(1)),
    { maxLength: maxPackets },
  );
  return fc.oneof(oneSource, allNonIp, knockStorm).map(withTimes);
}

/** Knock sequences of 1..8 ports drawn from a tiny pool, so repeated ports are common. */
export const arbitraryKnock = fc.array(fc.constantFrom(100, 101, 102, 103), { minLength: 1, maxLength: 8 });

