import {
  ETHERTYPE_ARP, ETHERTYPE_IPV4, ETHERTYPE_IPV6, PROTO_ICMP, PROTO_TCP, PROTO_UDP, TCP_ACK, TCP_FIN, TCP_PSH, TCP_SYN,
} from '../../packet';
import { createRng, type Rng } from '../../random';
import { TraceBuilder, type PacketInit } from '../trace';
import {
  COMMON_PARAMS, createClock, EPHEMERAL_COUNT, EPHEMERAL_LOW, ipv4, MIN_FRAME, STREAM_CLOCK, STREAM_FLOWS, STREAM_SCRIPT,
  streamRng, TCP_FRAME_OVERHEAD, TCP_SYN_FRAME, tcpPayloadBytes, u32, weightedPicker, type TraceGenerator,
} from './common';

/**
 * The port-knocking scenario: the packets arriving at the firewall in front of 10.0.0.10 (only
 * the inbound direction: the replies leave another way and are not in the trace).
 *
 * Who is who, by source network (see `portknockRole`):
 * - 10.1.0.0/16 legitimate clients: knock the sequence in order (TCP SYNs to the knock ports),
 *   then open SSH (22) or HTTPS (443) sessions, which pass; some come back later for another
 *   session and pass without knocking (OPEN stays OPEN);
 * - 10.66.0.0/16 scanners: port sweeps, partial sequences, knocks out of order, a wrong port in
 *   the middle, ports off by one; then they try 22 or 443, which stays closed;
 * - 10.2.0.0/16 background: ordinary TCP conversations to random services and ports, dropped;
 * - 10.3.0.0/16 (and fd00:3::/64) noise: UDP (DNS, NTP, syslog, mDNS), ICMP echo, ARP frames
 *   (ethertype 0x0806, ipVersion 0) and IPv6 TCP (ethertype 0x86dd), including IPv6 hosts
 *   knocking the right sequence, which the IPv4-only firewall ignores.
 *
 * The generator tracks every scanner and background source with the firewall's own rule; should a
 * random choice ever complete the sequence (possible with short or unusual knock sequences), it
 * sends that packet to a port outside the sequence instead. So they never reach OPEN.
 *
 * The first 31 packets are the same for every seed: a step-through story. Alice (10.1.0.7)
 * knocks three times while scanner Mallory (10.66.0.66) guesses and noise goes by; her third
 * knock opens her, her SSH session passes; Bob (10.1.0.23) knocks and opens HTTPS; Mallory gets
 * two knocks right by luck, tries port 22 and is back at CLOSED_0. After that a seeded mix of
 * about six actors at a time, plus 12 % one-off noise packets.
 *
 * Frame sizes: SYN 74 B (a sweep SYN 60 B), pure ACK/FIN 66 B, data `packetSize`, ARP 60 B,
 * ICMP echo 98 B, IPv6 SYN 94 B, IPv6 ACK 86 B.
 */

export const PORTKNOCK_SERVER = ipv4(10, 0, 0, 10);
export const PORTKNOCK_DNS = ipv4(10, 0, 0, 53);
export const PORTKNOCK_SERVER6 = 'fd00::10';

export type PortknockRole = 'legit' | 'scanner' | 'background' | 'noise' | 'other';

const NET_ROLES: ReadonlyMap<number, PortknockRole> = new Map([
  [0x0a01, 'legit'],
  [0x0a42, 'scanner'],
  [0x0a02, 'background'],
  [0x0a03, 'noise'],
]);

/** The role of an IPv4 source in the port-knocking trace, from its /16. */
export function portknockRole(srcIp: number): PortknockRole {
  return NET_ROLES.get(srcIp >>> 16) ?? 'other';
}

const ALICE = ipv4(10, 1, 0, 7);
const BOB = ipv4(10, 1, 0, 23);
const MALLORY = ipv4(10, 66, 0, 66);
const NOISY = ipv4(10, 3, 0, 9);
const BYSTANDER = ipv4(10, 2, 0, 40);
const NOISY6 = 'fd00:3::9';

const SCAN_PORTS = [21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 443, 445, 993, 1433, 1723, 3306, 3389, 5900, 8080];
/** Ports never in a knock sequence of at most 8 ports: one of them is always free. */
const SAFE_PORTS = [23, 25, 445, 3389, 1433, 5900, 21, 110, 143];
const BACKGROUND_PORTS = [80, 8080, 25, 445, 3389, 8443, 5432];
const BACKGROUND_SERVERS = [ipv4(10, 0, 0, 20), ipv4(10, 0, 0, 21), ipv4(192, 168, 1, 10), ipv4(192, 168, 1, 11), ipv4(192, 168, 2, 5)];

function tcp4(src: number, sport: number, dst: number, dport: number, flags: number, seq: number, ack: number, wireLen: number): PacketInit {
  return {
    ethertype: ETHERTYPE_IPV4, ipVersion: 4, proto: PROTO_TCP, srcIp: src, dstIp: dst, srcPort: sport, dstPort: dport,
    tcpFlags: flags, tcpSeq: seq >>> 0, tcpAck: ack >>> 0, wireLen,
  };
}

function udp4(src: number, sport: number, dst: number, dport: number, wireLen: number): PacketInit {
  return { ethertype: ETHERTYPE_IPV4, ipVersion: 4, proto: PROTO_UDP, srcIp: src, dstIp: dst, srcPort: sport, dstPort: dport, wireLen };
}

function icmpEcho(src: number, dst: number): PacketInit {
  return { ethertype: ETHERTYPE_IPV4, ipVersion: 4, proto: PROTO_ICMP, srcIp: src, dstIp: dst, wireLen: 98 };
}

function arp(): PacketInit {
  return { ethertype: ETHERTYPE_ARP, ipVersion: 0, proto: 0, wireLen: MIN_FRAME };
}

function tcp6(src: string, sport: number, dport: number, flags: number, seq: number, ack: number): PacketInit {
  return {
    ethertype: ETHERTYPE_IPV6, ipVersion: 6, proto: PROTO_TCP, srcIp6: src, dstIp6: PORTKNOCK_SERVER6,
    srcPort: sport, dstPort: dport, tcpFlags: flags, tcpSeq: seq >>> 0, tcpAck: ack >>> 0,
    wireLen: flags & TCP_SYN ? TCP_SYN_FRAME + 20 : TCP_FRAME_OVERHEAD + 20,
  };
}

function ephemeral(rng: Rng): number {
  return EPHEMERAL_LOW + rng.int(EPHEMERAL_COUNT);
}

/** One SYN per knock port, each from a fresh source port, as knock clients send them. */
function knocks(rng: Rng, src: number, ports: readonly number[]): PacketInit[] {
  return ports.map((port) => tcp4(src, ephemeral(rng), PORTKNOCK_SERVER, port, TCP_SYN, u32(rng), 0, TCP_SYN_FRAME));
}

/**
 * A client's TCP session seen from the client side: SYN, ACK, `data` PSH-ACK segments of
 * `size` bytes (a pure ACK after every `ackEvery`, 0 for none), FIN-ACK. The acknowledgement
 * number follows the (unseen) server's data.
 */
function session(rng: Rng, src: number, dst: number, dport: number, data: number, ackEvery: number, size: number): PacketInit[] {
  const sport = ephemeral(rng);
  let seq = u32(rng);
  let ack = u32(rng) + 1;
  const out = [tcp4(src, sport, dst, dport, TCP_SYN, seq, 0, TCP_SYN_FRAME)];
  seq += 1;
  out.push(tcp4(src, sport, dst, dport, TCP_ACK, seq, ack, TCP_FRAME_OVERHEAD));
  for (let i = 1; i <= data; i++) {
    out.push(tcp4(src, sport, dst, dport, TCP_PSH | TCP_ACK, seq, ack, size));
    seq += tcpPayloadBytes(size);
    ack += rng.int(1449);
    if (ackEvery > 0 && i % ackEvery === 0) out.push(tcp4(src, sport, dst, dport, TCP_ACK, seq, ack, TCP_FRAME_OVERHEAD));
  }
  out.push(tcp4(src, sport, dst, dport, TCP_FIN | TCP_ACK, seq, ack, TCP_FRAME_OVERHEAD));
  return out;
}

/** An IPv6 host knocking the right sequence, then trying SSH: the IPv4 firewall drops it all. */
function knocks6(rng: Rng, src: string, ports: readonly number[]): PacketInit[] {
  const out = ports.map((port) => tcp6(src, ephemeral(rng), port, TCP_SYN, u32(rng), 0));
  out.push(tcp6(src, ephemeral(rng), 22, TCP_SYN, u32(rng), 0));
  return out;
}

interface Scripted {
  packet: PacketInit;
  /** From a source that must never open (scanner or background). */
  guarded: boolean;
}

/** The fixed opening story (see the file comment), built for any knock sequence. */
function prologue(knock: readonly number[], size: number): Scripted[] {
  const rng = createRng(0x5c2025);
  const k0 = knock[0] as number;
  const last = knock[knock.length - 1] as number;
  const k1 = knock[1 % knock.length] as number;
  const alice = [...knocks(rng, ALICE, knock), ...session(rng, ALICE, PORTKNOCK_SERVER, 22, 2, 2, size)];
  const bob = [...knocks(rng, BOB, knock), ...session(rng, BOB, PORTKNOCK_SERVER, 443, 2, 0, size)];
  const malloryPort = 40404;
  const mallory = [22, k0, last, k1, k0, k1, 22, 23].map((port) =>
    tcp4(MALLORY, malloryPort, PORTKNOCK_SERVER, port, TCP_SYN, u32(rng), 0, TCP_SYN_FRAME));
  const noise = [
    arp(),
    udp4(NOISY, 51000, PORTKNOCK_DNS, 53, 82),
    tcp6(NOISY6, 50123, k0, TCP_SYN, u32(rng), 0),
    icmpEcho(NOISY, PORTKNOCK_SERVER),
    arp(),
    tcp4(BYSTANDER, 44000, PORTKNOCK_SERVER, 80, TCP_SYN, u32(rng), 0, TCP_SYN_FRAME),
  ];
  const lanes: Record<string, { packets: PacketInit[]; guarded: boolean }> = {
    A: { packets: alice, guarded: false },
    B: { packets: bob, guarded: false },
    M: { packets: mallory, guarded: true },
    N: { packets: noise, guarded: true },
  };
  const out: Scripted[] = [];
  const take = (lane: string): void => {
    const l = lanes[lane];
    const packet = l?.packets.shift();
    if (l && packet) out.push({ packet, guarded: l.guarded });
  };
  for (const lane of 'ANMANMMANABAMNABMAMBMBNABNBMAB') take(lane);
  // Longer knock sequences leave packets over: finish the lanes in turn.
  while (Object.values(lanes).some((l) => l.packets.length > 0)) for (const lane of 'ABMN') take(lane);
  return out;
}

/** Distinct hosts of a /16 in a seeded order (skipping x.y.0.z and .0/.255), cycling after ~64k. */
function addressPool(net16: number, rng: Rng): () => number {
  const mult = 1 + 2 * rng.int(32768);
  const offset = rng.int(65536);
  let n = 0;
  return () => {
    for (;;) {
      const host = (n++ * mult + offset) & 0xffff;
      const low = host & 255;
      if (host >= 256 && low !== 0 && low !== 255) return ((net16 << 16) | host) >>> 0;
    }
  };
}

export const portknockGenerator: TraceGenerator = {
  id: 'portknock',
  title: 'Port knocking: clients, scanners, noise',
  description:
    'The running example. Legitimate clients knock the secret sequence and then reach SSH or ' +
    'HTTPS; scanners knock wrong, partial or shuffled sequences and stay closed; background TCP, ' +
    'UDP, ICMP, ARP and IPv6 go by. The first 31 packets tell the story step by step.',
  params: [...COMMON_PARAMS, 'knock', 'packetSize'],
  generate(params) {
    const knock = params.knock;
    const L = knock.length;
    const size = params.packetSize;
    const n = params.packets;
    const setup = streamRng(params.seed, STREAM_FLOWS);
    const rng = streamRng(params.seed, STREAM_SCRIPT);
    const clock = createClock(params.rateMpps, params.arrival, streamRng(params.seed, STREAM_CLOCK));
    const nextLegit = addressPool(0x0a01, setup);
    const nextScanner = addressPool(0x0a42, setup);
    const nextBackground = addressPool(0x0a02, setup);
    const nextNoisy = addressPool(0x0a03, setup);
    const safePort = SAFE_PORTS.find((p) => !knock.includes(p)) as number;

    /** The firewall's rule, applied to guarded sources only: source -> correct knocks so far. */
    const level = new Map<number, number>();
    const b = new TraceBuilder(n);
    function emit(s: Scripted): void {
      const p = s.packet;
      if (s.guarded && p.ethertype === ETHERTYPE_IPV4 && p.proto === PROTO_TCP) {
        const src = p.srcIp as number;
        const l = level.get(src) ?? 0;
        let next = p.dstPort === knock[l] ? l + 1 : p.dstPort === knock[0] ? 1 : 0;
        if (next >= L) {
          p.dstPort = safePort;
          next = 0;
        }
        level.set(src, next);
      }
      p.tsNs = clock();
      b.push(p);
    }

    for (const s of prologue(knock, size)) {
      if (b.count >= n) return b.build();
      emit(s);
    }

    /** Legitimate clients that have knocked successfully and may come back. */
    const open: number[] = [ALICE, BOB];

    interface Actor {
      packets: PacketInit[];
      pos: number;
      guarded: boolean;
      opens?: number;
    }

    const sessionTo = (src: number): PacketInit[] =>
      session(rng, src, PORTKNOCK_SERVER, rng.chance(0.5) ? 22 : 443, 1 + rng.int(8), rng.int(4), size);

    function legit(): Actor {
      const ip = nextLegit();
      const packets = [...knocks(rng, ip, knock), ...sessionTo(ip)];
      if (rng.chance(0.3)) packets.push(...sessionTo(ip));
      return { packets, pos: 0, guarded: false, opens: ip };
    }

    function returning(): Actor {
      return { packets: sessionTo(rng.pick(open)), pos: 0, guarded: false };
    }

    function scanner(): Actor {
      const ip = nextScanner();
      let ports: number[];
      const variant = rng.int(5);
      if (variant === 0 || L === 1) {
        ports = Array.from({ length: 4 + rng.int(12) }, () => (rng.chance(0.8) ? rng.pick(SCAN_PORTS) : 1 + rng.int(1024)));
        const sport = ephemeral(rng);
        return { packets: ports.map((port) => tcp4(ip, sport, PORTKNOCK_SERVER, port, TCP_SYN, u32(rng), 0, MIN_FRAME)), pos: 0, guarded: true };
      }
      if (variant === 1) ports = knock.slice(0, 1 + rng.int(L - 1)); // partial
      else if (variant === 2) {
        ports = [...knock]; // shuffled
        for (let i = L - 1; i > 0; i--) {
          const j = rng.int(i + 1);
          [ports[i], ports[j]] = [ports[j] as number, ports[i] as number];
        }
      } else if (variant === 3) {
        ports = [...knock]; // a wrong port in the middle
        ports.splice(1 + rng.int(L - 1), 0, rng.pick(SCAN_PORTS));
      } else ports = knock.map((p) => (p === 65535 ? 1 : p + 1)); // off by one
      ports.push(rng.chance(0.5) ? 22 : 443);
      return { packets: knocks(rng, ip, ports), pos: 0, guarded: true };
    }

    function background(): Actor {
      const ip = nextBackground();
      const dst = rng.pick(BACKGROUND_SERVERS);
      const port = rng.chance(0.7) ? rng.pick(BACKGROUND_PORTS) : 1024 + rng.int(64512);
      return { packets: session(rng, ip, dst, port, 1 + rng.int(5), rng.int(3), size), pos: 0, guarded: true };
    }

    function ipv6Knocker(): Actor {
      const src = `fd00:3::${(1 + rng.int(65535)).toString(16)}`;
      return { packets: knocks6(rng, src, knock), pos: 0, guarded: true };
    }

    const pickActor = weightedPicker([25, 10, 30, 25, 10]);
    function newActor(): Actor {
      switch (pickActor(rng)) {
        case 0: return legit();
        case 1: return returning();
        case 2: return scanner();
        case 3: return background();
        default: return ipv6Knocker();
      }
    }

    const pickNoise = weightedPicker([25, 10, 5, 20, 20, 20]);
    function noise(): PacketInit {
      const src = nextNoisy();
      switch (pickNoise(rng)) {
        case 0: return udp4(src, ephemeral(rng), PORTKNOCK_DNS, 53, 70 + rng.int(40));
        case 1: return udp4(src, 123, ipv4(10, 0, 0, 123), 123, 90);
        case 2: return udp4(src, 5353, ipv4(224, 0, 0, 251), 5353, 100 + rng.int(200)); // mDNS
        case 3: return icmpEcho(src, PORTKNOCK_SERVER);
        case 4: return arp();
        default: {
          const src6 = `fd00:3::${(1 + rng.int(65535)).toString(16)}`;
          return tcp6(src6, ephemeral(rng), rng.chance(0.5) ? 443 : 22, TCP_ACK, u32(rng), u32(rng));
        }
      }
    }

    const actors: Actor[] = Array.from({ length: 6 }, newActor);
    while (b.count < n) {
      if (rng.chance(0.12)) {
        emit({ packet: noise(), guarded: true });
        continue;
      }
      const slot = rng.int(actors.length);
      const a = actors[slot] as Actor;
      emit({ packet: a.packets[a.pos++] as PacketInit, guarded: a.guarded });
      if (a.pos === a.packets.length) {
        if (a.opens !== undefined) open.push(a.opens);
        actors[slot] = newActor();
      }
    }
    return b.build();
  },
};
