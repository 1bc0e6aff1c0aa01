import {
  ETHERTYPE_IPV4, PROTO_TCP, PROTO_UDP, TCP_ACK, TCP_FIN, TCP_PSH, TCP_RST, TCP_SYN,
} from '../../packet';
import type { Rng } from '../../random';
import { TraceBuilder } from '../trace';
import {
  COMMON_PARAMS, createClock, EPHEMERAL_COUNT, EPHEMERAL_LOW, ipv4, MIN_FRAME, serverPool, STREAM_CLOCK,
  STREAM_FLOWS, STREAM_PICK, STREAM_SCRIPT, streamRng, TCP_FRAME_OVERHEAD, TCP_MSS_FRAME, TCP_SYN_FRAME,
  tcpPayloadBytes, u32, weightedPicker, type TraceGenerator,
} from './common';

/**
 * A data-center-like mix of whole conversations, both directions, interleaved.
 *
 * `concurrency` connections are open at any time: about one in sixteen (at least one) is an
 * elephant (a bulk transfer of 1,000-10,000 full-size segments, download or upload), the others
 * are mice (1-4 request/response exchanges of a few segments; 15 % of them are UDP exchanges:
 * DNS, memcached, NTP). Each packet comes from an elephant with probability `elephantShare`,
 * else from a mouse, and within the class from a connection chosen uniformly. A finished
 * connection is replaced at once by a new one, so new connections keep starting.
 *
 * Every TCP connection is lossless and in order: SYN (seq = ISN_c), SYN-ACK (ack = ISN_c + 1),
 * ACK, then data both ways; a segment's seq is its sender's next byte and its ack everything the
 * other side has sent; the receiver of a burst ACKs every second segment. Teardown is FIN/ACK
 * both ways (three or four packets), or RST: 1 % of SYNs are refused with RST-ACK, 3 % of
 * connections end with an RST instead of FINs, and a few abort with an RST mid-transfer.
 * Frame sizes: SYN 74 B, pure ACK/FIN 66 B, RST 60 B, requests 100-600 B, bulk 1514 B.
 */

const SYN = 0;
const SYN_ACK = 1;
const REFUSED = 2;
const HANDSHAKE_ACK = 3;
const DATA = 4;
const FIN_ACK_ONLY = 6;
const FIN_2 = 7;
const LAST_ACK = 8;
const DONE = 9;
const UDP_REQUEST = 10;
const UDP_RESPONSE = 11;

interface Conn {
  tcp: boolean;
  elephant: boolean;
  host: number;
  cIp: number;
  sIp: number;
  cPort: number;
  sPort: number;
  /** Next sequence number each side sends. */
  cNext: number;
  sNext: number;
  phase: number;
  /** Request/response exchanges still to start. */
  rounds: number;
  /** Data segments left in the current burst. */
  burst: number;
  /** Segments of the burst the receiver has not acknowledged yet. */
  unacked: number;
  /** The bulk sender of each burst is the client (upload) instead of the server. */
  upload: boolean;
  /** Each exchange starts with a small request from the receiver of the burst. */
  request: boolean;
  closerIsClient: boolean;
  fourWayClose: boolean;
  closeWithRst: boolean;
  abortChance: number;
}

const MICE_TCP_PORTS = [443, 80, 50051, 3306, 6379, 9092, 8080, 22];
const MICE_TCP_WEIGHTS = [30, 10, 10, 8, 10, 6, 6, 2];
const MICE_UDP_PORTS = [53, 11211, 123];
const MICE_UDP_WEIGHTS = [6, 3, 1];
const ELEPHANT_PORTS = [2049, 9092, 50010, 873, 443]; // NFS, Kafka, HDFS, rsync, backup over HTTPS

const CLIENT_HOSTS = 1024;

function clientPool(rng: Rng): number[] {
  const seen = new Set<number>();
  const out: number[] = [];
  while (out.length < CLIENT_HOSTS) {
    // Racks 10.1 to 10.32, hosts .1 to .254 in a handful of /24s each.
    const ip = ipv4(10, 1 + rng.int(32), rng.int(8), 1 + rng.int(254));
    if (seen.has(ip)) continue;
    seen.add(ip);
    out.push(ip);
  }
  return out;
}

export const datacenterGenerator: TraceGenerator = {
  id: 'datacenter',
  title: 'Data-center mix (bidirectional TCP)',
  description:
    'Whole conversations in both directions: many short request/response mice and a few bulk ' +
    'elephants, TCP with handshakes, data, FIN teardowns and the odd RST, plus some UDP. ' +
    'Several connections are open at once and new ones keep starting: real work for a ' +
    'connection tracker.',
  params: [...COMMON_PARAMS, 'concurrency', 'elephantShare'],
  generate(params) {
    const setup = streamRng(params.seed, STREAM_FLOWS);
    const pickRng = streamRng(params.seed, STREAM_PICK);
    const rng = streamRng(params.seed, STREAM_SCRIPT);
    const clock = createClock(params.rateMpps, params.arrival, streamRng(params.seed, STREAM_CLOCK));
    const clients = clientPool(setup);
    const servers = serverPool(64, setup);
    const nextPort = clients.map(() => EPHEMERAL_LOW + setup.int(EPHEMERAL_COUNT));
    /** host * 65536 + port of every open connection, so a 4-tuple is never in use twice at once. */
    const inUse = new Set<number>();
    const pickTcpPort = weightedPicker(MICE_TCP_WEIGHTS);
    const pickUdpPort = weightedPicker(MICE_UDP_WEIGHTS);

    function open(elephant: boolean): Conn {
      const host = rng.int(clients.length);
      let port = nextPort[host] as number;
      while (inUse.has(host * 65536 + port)) port = port + 1 < EPHEMERAL_LOW + EPHEMERAL_COUNT ? port + 1 : EPHEMERAL_LOW;
      nextPort[host] = port + 1 < EPHEMERAL_LOW + EPHEMERAL_COUNT ? port + 1 : EPHEMERAL_LOW;
      inUse.add(host * 65536 + port);
      const tcp = elephant || !rng.chance(0.15);
      const c: Conn = {
        tcp, elephant, host, cIp: clients[host] as number, sIp: rng.pick(servers), cPort: port, sPort: 0,
        cNext: u32(rng), sNext: u32(rng), phase: tcp ? SYN : UDP_REQUEST,
        rounds: 1, burst: 0, unacked: 0, upload: false, request: true,
        closerIsClient: rng.chance(0.7), fourWayClose: rng.chance(0.5), closeWithRst: rng.chance(0.03),
        abortChance: 0,
      };
      if (elephant) {
        c.sPort = rng.pick(ELEPHANT_PORTS);
        c.upload = rng.chance(0.5);
        c.request = !c.upload;
        c.burst = 0;
        c.rounds = 1;
        c.abortChance = 0.00002;
      } else if (tcp) {
        c.sPort = MICE_TCP_PORTS[pickTcpPort(rng)] as number;
        c.rounds = rng.chance(0.7) ? 1 : 2 + rng.int(3);
        c.abortChance = 0.002;
      } else {
        c.sPort = MICE_UDP_PORTS[pickUdpPort(rng)] as number;
        c.rounds = rng.chance(0.8) ? 1 : 2 + rng.int(2);
      }
      return c;
    }

    function burstLength(c: Conn): number {
      if (c.elephant) return 1000 + rng.int(9001);
      return rng.chance(0.8) ? 1 + rng.int(3) : 4 + rng.int(29);
    }

    const b = new TraceBuilder(params.packets);
    const p = {
      tsNs: 0, ethertype: ETHERTYPE_IPV4, ipVersion: 4 as const, proto: PROTO_TCP, srcIp: 0, dstIp: 0,
      srcPort: 0, dstPort: 0, tcpFlags: 0, tcpSeq: 0, tcpAck: 0, wireLen: 0,
    };

    /** Fills `p` with a TCP segment and advances the sender's sequence number. */
    function segment(c: Conn, fromClient: boolean, flags: number, wireLen: number): void {
      p.proto = PROTO_TCP;
      p.srcIp = fromClient ? c.cIp : c.sIp;
      p.dstIp = fromClient ? c.sIp : c.cIp;
      p.srcPort = fromClient ? c.cPort : c.sPort;
      p.dstPort = fromClient ? c.sPort : c.cPort;
      p.tcpFlags = flags;
      p.tcpSeq = fromClient ? c.cNext : c.sNext;
      p.tcpAck = flags & TCP_ACK ? (fromClient ? c.sNext : c.cNext) : 0;
      p.wireLen = wireLen;
      const used = flags & TCP_RST ? 0 : (flags & TCP_SYN ? 0 : tcpPayloadBytes(wireLen)) + (flags & (TCP_SYN | TCP_FIN) ? 1 : 0);
      if (fromClient) c.cNext = (c.cNext + used) >>> 0;
      else c.sNext = (c.sNext + used) >>> 0;
    }

    function datagram(c: Conn, fromClient: boolean, wireLen: number): void {
      p.proto = PROTO_UDP;
      p.srcIp = fromClient ? c.cIp : c.sIp;
      p.dstIp = fromClient ? c.sIp : c.cIp;
      p.srcPort = fromClient ? c.cPort : c.sPort;
      p.dstPort = fromClient ? c.sPort : c.cPort;
      p.tcpFlags = 0;
      p.tcpSeq = 0;
      p.tcpAck = 0;
      p.wireLen = wireLen;
    }

    function startClose(c: Conn): void {
      if (c.closeWithRst) {
        segment(c, true, TCP_RST | TCP_ACK, MIN_FRAME);
        c.phase = DONE;
        return;
      }
      segment(c, c.closerIsClient, TCP_FIN | TCP_ACK, TCP_FRAME_OVERHEAD);
      c.phase = c.fourWayClose ? FIN_ACK_ONLY : FIN_2;
    }

    /** Emits the connection's next packet into `p` and moves its script on. */
    function step(c: Conn): void {
      switch (c.phase) {
        case SYN:
          segment(c, true, TCP_SYN, TCP_SYN_FRAME);
          c.phase = rng.chance(0.01) ? REFUSED : SYN_ACK;
          return;
        case REFUSED:
          // A closed port answers a SYN with RST-ACK, seq 0, acknowledging the SYN.
          c.sNext = 0;
          segment(c, false, TCP_RST | TCP_ACK, MIN_FRAME);
          c.phase = DONE;
          return;
        case SYN_ACK:
          segment(c, false, TCP_SYN | TCP_ACK, TCP_SYN_FRAME);
          c.phase = HANDSHAKE_ACK;
          return;
        case HANDSHAKE_ACK:
          segment(c, true, TCP_ACK, TCP_FRAME_OVERHEAD);
          c.phase = DATA;
          return;
        case DATA: {
          const senderIsClient = c.upload;
          if (c.abortChance > 0 && rng.chance(c.abortChance)) {
            segment(c, rng.chance(0.5), TCP_RST | TCP_ACK, MIN_FRAME);
            c.phase = DONE;
            return;
          }
          if (c.burst === 0) {
            if (c.unacked > 0) {
              segment(c, !senderIsClient, TCP_ACK, TCP_FRAME_OVERHEAD);
              c.unacked = 0;
              return;
            }
            if (c.rounds === 0) {
              startClose(c);
              return;
            }
            c.rounds--;
            c.burst = burstLength(c);
            if (c.request) {
              segment(c, !senderIsClient, TCP_PSH | TCP_ACK, 100 + rng.int(501));
              return;
            }
          }
          if (c.unacked >= 2) {
            segment(c, !senderIsClient, TCP_ACK, TCP_FRAME_OVERHEAD);
            c.unacked = 0;
            return;
          }
          const last = c.burst === 1;
          segment(c, senderIsClient, last ? TCP_PSH | TCP_ACK : TCP_ACK,
            last ? TCP_FRAME_OVERHEAD + 1 + rng.int(TCP_MSS_FRAME - TCP_FRAME_OVERHEAD) : TCP_MSS_FRAME);
          c.burst--;
          c.unacked++;
          return;
        }
        case FIN_ACK_ONLY:
          segment(c, !c.closerIsClient, TCP_ACK, TCP_FRAME_OVERHEAD);
          c.phase = FIN_2;
          return;
        case FIN_2:
          segment(c, !c.closerIsClient, TCP_FIN | TCP_ACK, TCP_FRAME_OVERHEAD);
          c.phase = LAST_ACK;
          return;
        case LAST_ACK:
          segment(c, c.closerIsClient, TCP_ACK, TCP_FRAME_OVERHEAD);
          c.phase = DONE;
          return;
        case UDP_REQUEST:
          datagram(c, true, 80 + rng.int(121));
          c.phase = UDP_RESPONSE;
          return;
        case UDP_RESPONSE:
          datagram(c, false, 100 + rng.int(1101));
          c.rounds--;
          c.phase = c.rounds > 0 ? UDP_REQUEST : DONE;
          return;
        default:
          throw new Error(`datacenter generator: connection in unknown phase ${c.phase}`);
      }
    }

    const conc = params.concurrency;
    const elephantCount = Math.max(1, Math.round(conc / 16));
    const elephants: Conn[] = [];
    const mice: Conn[] = [];
    for (let i = 0; i < elephantCount; i++) elephants.push(open(true));
    for (let i = elephantCount; i < conc; i++) mice.push(open(false));
    const share = params.elephantShare;

    for (let i = 0; i < params.packets; i++) {
      const fromElephants = pickRng.next() < share || mice.length === 0;
      const pool = fromElephants ? elephants : mice;
      const slot = pickRng.int(pool.length);
      const c = pool[slot] as Conn;
      step(c);
      p.tsNs = clock();
      b.push(p);
      if (c.phase === DONE) {
        inUse.delete(c.host * 65536 + c.cPort);
        pool[slot] = open(fromElephants);
      }
    }
    return b.build();
  },
};
