/**
 * Shared pieces of the trace generators: the generator interface, seeded streams, the arrival
 * clock, address helpers and the flow table used by the uniform, zipf and elephant generators.
 *
 * Determinism: everything here is integer arithmetic, IEEE-754 +, *, / and Math.round/floor
 * (exact and identical on every machine) over the seeded RNG. No Math.log/exp/pow is used for
 * arrivals, because those are only approximated, and may differ in the last bit, across engines.
 */
import { ETHERTYPE_IPV4, PROTO_TCP, PROTO_UDP, TCP_ACK } from '../../packet';
import { createRng, type Rng } from '../../random';
import { TraceBuilder, type Trace } from '../trace';
import type { ArrivalMode, TraceParamName, TraceParams } from './params';

export interface TraceGenerator {
  id: string;
  title: string;
  /** A sentence or two for menus and the inspector. */
  description: string;
  /** The parameters this generator reads; the others are ignored (hide them in forms). */
  params: readonly TraceParamName[];
  generate(params: TraceParams): Trace;
}

/** Parameters every generator reads. */
export const COMMON_PARAMS: readonly TraceParamName[] = ['packets', 'seed', 'rateMpps', 'arrival'];

/**
 * Frame bytes around a TCP payload: Ethernet 14 + IPv4 20 + TCP 32 (20 plus the 12-byte
 * timestamp option real stacks send on every segment). So a pure ACK is 66 bytes on the wire,
 * and a data segment of `wireLen` bytes carries `wireLen - 66` bytes of payload (at least 0),
 * which is what its sequence number advances by. SYNs carry 40 bytes of options: 74-byte frames.
 */
export const TCP_FRAME_OVERHEAD = 66;
export const TCP_SYN_FRAME = 74;
/** Full-size data frame for a 1500-byte MTU: 1448 bytes of payload. */
export const TCP_MSS_FRAME = 1514;
/** A frame with no payload, padded to the Ethernet minimum (FCS excluded): RST, ARP. */
export const MIN_FRAME = 60;

export function tcpPayloadBytes(wireLen: number): number {
  return Math.max(0, wireLen - TCP_FRAME_OVERHEAD);
}

/** An independent seeded stream per purpose, so e.g. changing the arrival mode leaves flows alone. */
export function streamRng(seed: number, stream: number): Rng {
  return createRng((seed ^ Math.imul(stream + 1, 0x9e3779b1)) | 0);
}

export const STREAM_FLOWS = 1;
export const STREAM_PICK = 2;
export const STREAM_CLOCK = 3;
export const STREAM_SCRIPT = 4;

/** A uniform unsigned 32-bit integer. */
export function u32(rng: Rng): number {
  return Math.floor(rng.next() * 4294967296) >>> 0;
}

/**
 * An Exp(1) sample by von Neumann's method (1951): only comparisons of uniforms, no logarithm,
 * so it is bit-identical everywhere. About 4.3 uniforms per sample on average.
 */
export function exponential(rng: Rng): number {
  let k = 0;
  for (;;) {
    const first = rng.next();
    let prev = first;
    let run = 1;
    for (;;) {
      const u = rng.next();
      if (u >= prev) break;
      prev = u;
      run++;
    }
    if (run & 1) return k + first;
    k++;
  }
}

/**
 * Arrival times in integer nanoseconds, non-decreasing, the first at 0. The mean gap is
 * 1000 / rateMpps ns. `constant` spaces packets evenly (packet i at round(i * gap));
 * `exponential` draws each gap from a seeded exponential distribution (Poisson arrivals) and
 * rounds the running sum, so rounding errors never accumulate.
 */
export function createClock(rateMpps: number, arrival: ArrivalMode, rng: Rng): () => number {
  const gap = 1000 / rateMpps;
  let i = 0;
  if (arrival === 'constant') return () => Math.round(i++ * gap);
  let t = 0;
  return () => {
    if (i++ > 0) t += gap * exponential(rng);
    return Math.round(t);
  };
}

export function ipv4(a: number, b: number, c: number, d: number): number {
  return ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
}

/** Picks an index with probability proportional to integer weights. */
export function weightedPicker(weights: readonly number[]): (rng: Rng) => number {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  return (rng) => {
    const r = rng.int(total);
    let i = 0;
    while ((cumulative[i] as number) <= r) i++;
    return i;
  };
}

/** A 32-bit integer mix (lowbias32), for values derived from an index without a table. */
export function hash32(x: number): number {
  x = Math.imul(x ^ (x >>> 16), 0x7feb352d);
  x = Math.imul(x ^ (x >>> 15), 0x846ca68b);
  return (x ^ (x >>> 16)) >>> 0;
}

export const EPHEMERAL_LOW = 32768;
export const EPHEMERAL_COUNT = 61000 - 32768;

interface Service {
  port: number;
  proto: number;
  weight: number;
}

/** Services the flows go to, weighted roughly like enterprise / data-center traffic. */
const FLOW_SERVICES: readonly Service[] = [
  { port: 443, proto: PROTO_TCP, weight: 40 },
  { port: 80, proto: PROTO_TCP, weight: 12 },
  { port: 8080, proto: PROTO_TCP, weight: 5 },
  { port: 22, proto: PROTO_TCP, weight: 3 },
  { port: 3306, proto: PROTO_TCP, weight: 4 },
  { port: 5432, proto: PROTO_TCP, weight: 3 },
  { port: 6379, proto: PROTO_TCP, weight: 5 },
  { port: 9092, proto: PROTO_TCP, weight: 3 },
  { port: 53, proto: PROTO_UDP, weight: 8 },
  { port: 443, proto: PROTO_UDP, weight: 6 }, // QUIC
  { port: 123, proto: PROTO_UDP, weight: 2 },
  { port: 11211, proto: PROTO_UDP, weight: 2 },
];

/** Server addresses: 10.0.0.x and 192.168.a.b. */
export function serverPool(count: number, rng: Rng): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  while (out.length < count) {
    const ip = out.length % 2 === 0
      ? ipv4(10, 0, 0, 1 + rng.int(254))
      : ipv4(192, 168, 1 + rng.int(8), 1 + rng.int(254));
    if (seen.has(ip)) continue;
    seen.add(ip);
    out.push(ip);
  }
  return out;
}

/** Flows as columns: the 5-tuple and the next TCP sequence number of each. */
export interface FlowTable {
  readonly count: number;
  readonly srcIp: Uint32Array;
  readonly dstIp: Uint32Array;
  readonly srcPort: Uint16Array;
  readonly dstPort: Uint16Array;
  readonly proto: Uint8Array;
  readonly seq: Uint32Array;
  readonly ack: Uint32Array;
}

/** Client address space for flows: 10.1.0.0 to 10.255.255.255 (10.0.x.x is left to servers). */
const CLIENT_BASE = 0x0a010000;
const CLIENT_SPACE = 255 * 65536; // = 2^16 * 3 * 5 * 17

/**
 * `count` distinct client-to-server flows. Clients are 10.x.y.z hosts, about four flows each;
 * host h is spread over the 10.1-10.255 space by an affine permutation (so hosts never repeat),
 * and its flows use consecutive ephemeral ports from a per-host start, so 5-tuples never repeat.
 */
export function buildFlowTable(count: number, rng: Rng): FlowTable {
  const hosts = Math.ceil(count / 4);
  let mult: number;
  do mult = 1 + 2 * rng.int(1 << 22); while (mult % 3 === 0 || mult % 5 === 0 || mult % 17 === 0);
  const offset = rng.int(CLIENT_SPACE);
  const portSalt = u32(rng);
  const servers = serverPool(48, rng);
  const pickService = weightedPicker(FLOW_SERVICES.map((s) => s.weight));
  const t: FlowTable = {
    count,
    srcIp: new Uint32Array(count),
    dstIp: new Uint32Array(count),
    srcPort: new Uint16Array(count),
    dstPort: new Uint16Array(count),
    proto: new Uint8Array(count),
    seq: new Uint32Array(count),
    ack: new Uint32Array(count),
  };
  for (let i = 0; i < count; i++) {
    const h = i % hosts;
    const k = (i - h) / hosts; // 0..3: this host's k-th flow
    t.srcIp[i] = CLIENT_BASE + ((h * mult + offset) % CLIENT_SPACE);
    t.srcPort[i] = EPHEMERAL_LOW + ((hash32(h ^ portSalt) + k) % EPHEMERAL_COUNT);
    const service = FLOW_SERVICES[pickService(rng)] as Service;
    t.dstIp[i] = servers[rng.int(servers.length)] as number;
    t.dstPort[i] = service.port;
    t.proto[i] = service.proto;
    if (service.proto === PROTO_TCP) {
      t.seq[i] = u32(rng);
      t.ack[i] = u32(rng);
    }
  }
  return t;
}

/**
 * The trace of `params.packets` packets, each from the flow `pick()` returns, all of
 * `params.packetSize` bytes. The flows are established connections seen mid-stream, in the
 * client-to-server direction: TCP packets carry ACK and a sequence number that advances by the
 * payload; the acknowledgement number stays put (the server sends nothing back). UDP has no flags.
 */
export function generateFlowTrace(params: TraceParams, flows: FlowTable, pick: () => number): Trace {
  const n = params.packets;
  const size = params.packetSize;
  const payload = tcpPayloadBytes(size);
  const clock = createClock(params.rateMpps, params.arrival, streamRng(params.seed, STREAM_CLOCK));
  const b = new TraceBuilder(n);
  const p = {
    tsNs: 0, ethertype: ETHERTYPE_IPV4, ipVersion: 4 as const, proto: 0, srcIp: 0, dstIp: 0, srcPort: 0, dstPort: 0,
    tcpFlags: 0, tcpSeq: 0, tcpAck: 0, wireLen: size,
  };
  for (let i = 0; i < n; i++) {
    const f = pick();
    p.tsNs = clock();
    p.proto = flows.proto[f] as number;
    p.srcIp = flows.srcIp[f] as number;
    p.dstIp = flows.dstIp[f] as number;
    p.srcPort = flows.srcPort[f] as number;
    p.dstPort = flows.dstPort[f] as number;
    if (p.proto === PROTO_TCP) {
      const seq = flows.seq[f] as number;
      p.tcpFlags = TCP_ACK;
      p.tcpSeq = seq;
      p.tcpAck = flows.ack[f] as number;
      flows.seq[f] = (seq + payload) >>> 0;
    } else {
      p.tcpFlags = 0;
      p.tcpSeq = 0;
      p.tcpAck = 0;
    }
    b.push(p);
  }
  return b.build();
}
